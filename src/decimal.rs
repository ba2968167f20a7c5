//! Decimal text to `f64`, correctly rounded, for every number the core reads.
//!
//! std's parser carries a 10 KB table of powers of five (Eisel-Lemire) into each Wasm
//! bundle; `minimal-lexical` built `compact` rounds the same way from a small table and
//! big-integer arithmetic (issue 13). This module only splits the text into its digits.

/// `[+-]digits[.digits][(e|E)[+-]digits]`, with at least one digit before the exponent
/// (`5.`, `.5` and `1e5` are numbers; `inf`, `nan`, `0x1` and `1_0` are not), as the
/// nearest `f64`: the value std's `str::parse::<f64>` gives for the same text. Too large
/// a value is infinite, as there.
pub fn parse(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let (negative, rest) = match bytes.first() {
        Some(b'-') => (true, &bytes[1..]),
        Some(b'+') => (false, &bytes[1..]),
        _ => (false, bytes),
    };
    let (integer, rest) = digits(rest);
    let (fraction, rest) = match rest.split_first() {
        Some((b'.', after)) => digits(after),
        _ => (&rest[..0], rest),
    };
    if integer.is_empty() && fraction.is_empty() {
        return None;
    }
    let exponent = match rest.split_first() {
        None => 0,
        Some((b'e' | b'E', after)) => exponent(after)?,
        Some(_) => return None,
    };
    // minimal-lexical counts every integer digit it is given as significant and wants
    // the fraction without trailing zeros.
    let integer = match integer.iter().position(|&d| d != b'0') {
        Some(i) => &integer[i..],
        None => &[],
    };
    let fraction = match fraction.iter().rposition(|&d| d != b'0') {
        Some(i) => &fraction[..=i],
        None => &[],
    };
    let value: f64 = minimal_lexical::parse_float(integer.iter(), fraction.iter(), exponent);
    Some(if negative { -value } else { value })
}

/// The leading ASCII digits of `bytes`, and what follows them.
fn digits(bytes: &[u8]) -> (&[u8], &[u8]) {
    let end = bytes
        .iter()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(bytes.len());
    bytes.split_at(end)
}

/// An exponent's text (`[+-]digits`, all of it), saturated far beyond where any `f64`
/// becomes zero or infinite, so a long exponent cannot overflow.
fn exponent(bytes: &[u8]) -> Option<i32> {
    let (negative, rest) = match bytes.first() {
        Some(b'-') => (true, &bytes[1..]),
        Some(b'+') => (false, &bytes[1..]),
        _ => (false, bytes),
    };
    let (value, rest) = digits(rest);
    if value.is_empty() || !rest.is_empty() {
        return None;
    }
    let magnitude = value.iter().fold(0i32, |n, d| {
        n.saturating_mul(10)
            .saturating_add(i32::from(d - b'0'))
            .min(1_000_000)
    });
    Some(if negative { -magnitude } else { magnitude })
}

#[cfg(test)]
mod tests {
    use super::parse;
    use proptest::prelude::*;

    /// Bit for bit what std reads, or refused where std refuses too.
    fn agrees(text: &str) {
        let ours = parse(text);
        let std = text.parse::<f64>().ok();
        match (ours, std) {
            (Some(a), Some(b)) => assert_eq!(a.to_bits(), b.to_bits(), "{text:?}: {a} vs {b}"),
            (None, None) => {}
            _ => panic!("{text:?}: ours {ours:?}, std {std:?}"),
        }
    }

    #[test]
    fn reads_what_people_and_power_tuning_write() {
        for text in [
            "0", "-0", "+1", "1024", "0.0000166667", "7440000", "2000.5", ".5", "5.", "1e5",
            "1E+5", "2.1e-7", "123.45678901234567", "0.1", "0.3", "9007199254740993",
            "179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
            "1e308", "1e309", "2.2250738585072014e-308", "4.9e-324", "2e-324", "1e-400",
            "0.000000000000000000000000000000000000000000000000000000000000001",
            "1e2147483648", "1e-2147483649", "00000000000000000000001.5",
        ] {
            agrees(text);
        }
    }

    /// Digits beyond any f64's precision, where the parser must round from a truncated
    /// big integer: no panic, and std's value.
    #[test]
    fn reads_very_long_numbers() {
        let ones = "1".repeat(5_000);
        let long = [
            format!("{ones}.5"),
            format!("0.{}1", "0".repeat(5_000)),
            format!("{}e-5000", ones),
            format!("9007199254740992.{}1", "0".repeat(3_000)),
            format!("2.4703282292062327{}e-324", "0".repeat(2_000)),
            format!("2.4703282292062328{}e-324", "0".repeat(2_000)),
            format!("{}.{}", "7".repeat(400), "3".repeat(400)),
        ];
        for text in &long {
            agrees(text);
        }
    }

    #[test]
    fn refuses_what_is_not_a_decimal() {
        for text in [
            "", "-", "+", ".", "e5", ".e5", "1e", "1e+", "1.5.2", "inf", "NaN", "0x10", "1_0",
            " 1", "1 ", "1,5", "--1", "1e5.5", "١٢",
        ] {
            assert_eq!(parse(text), None, "{text:?}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        /// Any decimal shape, digits long and short, exponents near the limits.
        #[test]
        fn agrees_with_std_on_decimals(
            sign in prop_oneof![Just(""), Just("-"), Just("+")],
            integer in "[0-9]{0,25}",
            fraction in proptest::option::of("[0-9]{0,25}"),
            exponent in proptest::option::of((prop_oneof![Just("e"), Just("E")], prop_oneof![Just(""), Just("-"), Just("+")], 0u32..400)),
        ) {
            let mut text = format!("{sign}{integer}");
            if let Some(f) = fraction {
                text.push('.');
                text.push_str(&f);
            }
            if let Some((e, s, n)) = exponent {
                text.push_str(&format!("{e}{s}{n}"));
            }
            agrees(&text);
        }

        /// Every f64 written shortest and in full reads back to itself.
        #[test]
        fn reads_back_every_f64(bits in any::<u64>()) {
            let x = f64::from_bits(bits);
            prop_assume!(x.is_finite());
            agrees(&x.to_string());
            agrees(&format!("{x:e}"));
        }

        /// Any text: never a panic, and no number std would not read.
        #[test]
        fn any_text_is_read_as_std_reads_it_or_refused(text in ".{0,40}") {
            let ours = parse(&text);
            if let Some(x) = ours {
                prop_assert_eq!(Some(x.to_bits()), text.parse::<f64>().ok().map(f64::to_bits), "{:?}", text);
            }
        }
    }
}
