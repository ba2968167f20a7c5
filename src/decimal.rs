//! Decimal text to `f64` and back: every number the core reads, correctly rounded, and
//! every fixed-point figure it writes.
//!
//! std's parser carries a 10 KB table of powers of five (Eisel-Lemire) into each Wasm
//! bundle; `minimal-lexical` built `compact` rounds the same way from a small table and
//! big-integer arithmetic (issue 13). This module only splits the text into its digits.
//!
//! Writing: `format!("{:.2}", x)` goes through core's formatting machinery and its exact
//! float printer (Grisu with a Dragon fallback), which an edit of the page called a few
//! hundred times for axis labels, percentages and the bill's figures. `fixed` writes the
//! same text from the float's exact value with one 128-bit integer division.

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

/// Most decimals `fixed` writes: the float's 53 bits times 10^20 still fit in 128.
pub const MAX_DECIMALS: usize = 20;

/// `value` with `decimals` digits after the point, the exact value rounded half to even:
/// the text `format!("{:.*}", decimals, value)` gives (`-0.00` for a small negative, as
/// there), for at most `MAX_DECIMALS` decimals (more are written as that many).
/// `inf`, `-inf` and `NaN` as std writes them.
pub fn fixed(value: f64, decimals: usize) -> String {
    let decimals = decimals.min(MAX_DECIMALS);
    if !value.is_finite() {
        return if value.is_nan() {
            "NaN".into()
        } else if value > 0.0 {
            "inf".into()
        } else {
            "-inf".into()
        };
    }
    let mut out = String::with_capacity(24 + decimals);
    if value.is_sign_negative() {
        out.push('-');
    }
    let bits = value.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    // value = mantissa × 2^power, exactly.
    let (mantissa, power) = if exponent == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), exponent - 1075)
    };
    if power >= 0 {
        // A whole number (at least 2^52): its digits, then zeros.
        out.push_str(&whole_digits(mantissa, power as u32, 0));
        if decimals > 0 {
            out.push('.');
            out.extend(std::iter::repeat_n('0', decimals));
        }
        return out;
    }
    // value × 10^decimals = scaled / 2^shift, rounded half to even.
    let scaled = u128::from(mantissa) * 10u128.pow(decimals as u32);
    let shift = power.unsigned_abs();
    let rounded = if shift >= 128 {
        // scaled < 2^120 ≤ half of 2^shift: rounds to zero.
        0
    } else {
        let quotient = scaled >> shift;
        let remainder = scaled - (quotient << shift);
        let half = 1u128 << (shift - 1);
        if remainder > half || (remainder == half && quotient & 1 == 1) {
            quotient + 1
        } else {
            quotient
        }
    };
    let digits = whole_digits((rounded >> 64) as u64, 64, rounded as u64);
    if decimals == 0 {
        out.push_str(&digits);
        return out;
    }
    // At least one digit before the point.
    if digits.len() <= decimals {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', decimals - digits.len()));
        out.push_str(&digits);
    } else {
        let (whole, part) = digits.split_at(digits.len() - decimals);
        out.push_str(whole);
        out.push('.');
        out.push_str(part);
    }
    out
}

/// The decimal digits of `high × 2^power + low`, a whole number up to 2^1088: base 10^9
/// limbs, least significant first, doubled in steps of up to 2^29. In u64 arithmetic: a
/// u128's `to_string` would put 1.2 KB of Wasm in every bundle for the rounded digits.
fn whole_digits(high: u64, mut power: u32, low: u64) -> String {
    const BASE: u64 = 1_000_000_000;
    let limbs_of = |n: u64| [n % BASE, (n / BASE) % BASE, n / BASE / BASE];
    let mut limbs = limbs_of(high).to_vec();
    while power > 0 {
        let step = power.min(29);
        power -= step;
        let mut carry = 0u64;
        for limb in &mut limbs {
            let v = (*limb << step) + carry;
            *limb = v % BASE;
            carry = v / BASE;
        }
        while carry > 0 {
            limbs.push(carry % BASE);
            carry /= BASE;
        }
    }
    let mut carry = 0u64;
    for (i, add) in limbs_of(low).into_iter().enumerate() {
        let v = limbs[i] + add + carry;
        limbs[i] = v % BASE;
        carry = v / BASE;
    }
    for limb in &mut limbs[3..] {
        let v = *limb + carry;
        *limb = v % BASE;
        carry = v / BASE;
    }
    if carry > 0 {
        limbs.push(carry);
    }
    while limbs.len() > 1 && limbs.last() == Some(&0) {
        limbs.pop();
    }
    let mut out = String::with_capacity(limbs.len() * 9);
    for (i, limb) in limbs.iter().rev().enumerate() {
        let text = limb.to_string();
        if i > 0 {
            out.extend(std::iter::repeat_n('0', 9 - text.len()));
        }
        out.push_str(&text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{fixed, parse, MAX_DECIMALS};
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

    /// What std writes, for the figures the page shows and the edges of f64.
    #[test]
    fn writes_fixed_point_as_std_does() {
        let values = [
            0.0,
            -0.0,
            0.5,
            1.5,
            2.5,
            -0.5,
            0.25,
            0.35,
            0.125,
            1.005,
            2.675,
            0.045,
            99.995,
            1e-7,
            -1e-7,
            0.0000166667,
            0.2e-6,
            1234567.891,
            7_440_000.0,
            2f64.powi(52),
            2f64.powi(53) + 2.0,
            1e21,
            2f64.powi(130),
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            -5e-324,
            123.456,
            0.1,
            0.3,
            1.0 / 3.0,
        ];
        for v in values {
            for d in 0..=MAX_DECIMALS {
                assert_eq!(fixed(v, d), format!("{v:.d$}"), "{v:e} to {d} decimals");
            }
        }
        assert_eq!(fixed(f64::NAN, 2), format!("{:.2}", f64::NAN));
        assert_eq!(fixed(f64::INFINITY, 2), format!("{:.2}", f64::INFINITY));
        assert_eq!(
            fixed(f64::NEG_INFINITY, 0),
            format!("{:.0}", f64::NEG_INFINITY)
        );
        assert_eq!(fixed(1.0, 99), format!("{:.20}", 1.0));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        /// Any f64 at all, any number of decimals: std's text.
        #[test]
        fn writes_any_f64_as_std_does(bits in any::<u64>(), d in 0..=MAX_DECIMALS) {
            let v = f64::from_bits(bits);
            prop_assert_eq!(fixed(v, d), format!("{v:.d$}"));
        }

        /// A high and a low word's digits, as u128 writes them.
        #[test]
        fn whole_digits_are_u128s_text(high in any::<u64>(), low in any::<u64>()) {
            let n = (u128::from(high) << 64) | u128::from(low);
            prop_assert_eq!(super::whole_digits(high, 64, low), n.to_string());
            prop_assert_eq!(super::whole_digits(0, 0, low), low.to_string());
        }

        /// Where bills, rates and axes are: cents to billions, and ties, whose rounding
        /// (half to even on the exact value) is where a wrong printer shows.
        #[test]
        fn writes_bill_figures_as_std_does(
            units in 0u64..10_000_000_000_000,
            scale in 0u32..12,
            d in 0usize..=12,
            negative in any::<bool>(),
        ) {
            let v = units as f64 / 10f64.powi(scale as i32) * if negative { -1.0 } else { 1.0 };
            prop_assert_eq!(fixed(v, d), format!("{v:.d$}"));
            let tie = (units as f64 + 0.5) / 10f64.powi(d as i32);
            prop_assert_eq!(fixed(tie, d), format!("{tie:.d$}"));
        }
    }
}
