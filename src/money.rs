//! Money: exact cents for what a bill shows, and formatting for people.
//!
//! Costs are computed in `f64` dollars (relative error ~1e-16, far below a cent for any
//! realistic bill). Rounding to cents goes through whole micro-cents first so that float
//! noise such as 1.00499999999 for an exact 1.005 cannot flip a cent.

/// Rounds dollars to whole cents, half away from zero, as AWS does per bill line.
pub fn to_cents(usd: f64) -> i64 {
    if !usd.is_finite() {
        return 0;
    }
    let scaled = usd * 1e8;
    // Integer half-up on micro-cents. The fast path (a plain cast instead of a libm
    // `round` call) covers every bill under $10^10; sweeps price thousands of bills.
    if scaled.abs() < 9e18 {
        let m = if scaled >= 0.0 {
            (scaled + 0.5) as i64
        } else {
            (scaled - 0.5) as i64
        };
        let half = if m >= 0 { 500_000 } else { -500_000 };
        return (m + half) / 1_000_000;
    }
    // The casts saturate rather than wrap.
    let m = scaled.round() as i128;
    let cents = if m >= 0 {
        m.saturating_add(500_000) / 1_000_000
    } else {
        -(m.saturating_neg().saturating_add(500_000) / 1_000_000)
    };
    cents.clamp(i64::MIN as i128, i64::MAX as i128) as i64
}

/// `$1,234.56`, or `-$0.67` for credits.
pub fn format_cents(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}${}.{:02}", group_thousands(abs / 100), abs % 100)
}

/// A change between two totals, signed both ways: `+$1.20`, `-$0.67`, `$0.00`.
pub fn format_cents_change(cents: i64) -> String {
    if cents > 0 {
        format!("+{}", format_cents(cents))
    } else {
        format_cents(cents)
    }
}

/// Dollars rounded to cents for display.
pub fn format_usd(usd: f64) -> String {
    format_cents(to_cents(usd))
}

/// A unit price with all the digits that matter (`$0.0000166667`), never in
/// scientific notation.
pub fn format_rate(usd: f64) -> String {
    if !usd.is_finite() {
        return "n/a".into();
    }
    let mut s = crate::decimal::fixed(usd.abs(), 12);
    // Trailing zeros go, but cents always show: $0.20, $0.0000166667.
    while s.ends_with('0') && s.len() - s.find('.').unwrap_or(0) > 3 {
        s.pop();
    }
    let sign = if usd < 0.0 { "-" } else { "" };
    format!("{sign}${s}")
}

/// A small dollar amount with enough significant digits to compare (per-invocation
/// costs are often fractions of a micro-dollar).
pub fn format_small_usd(usd: f64) -> String {
    if !usd.is_finite() {
        return "n/a".into();
    }
    if usd.abs() >= 0.01 {
        return format_usd(usd);
    }
    if usd == 0.0 {
        return "$0".into();
    }
    // Four significant digits.
    let digits = (-usd.abs().log10()).floor() as usize + 4;
    let mut s = crate::decimal::fixed(usd.abs(), digits.min(15));
    while s.ends_with('0') {
        s.pop();
    }
    let sign = if usd < 0.0 { "-" } else { "" };
    format!("{sign}${s}")
}

/// A count or quantity with thousands separators and at most `decimals` decimals
/// (trailing zeros dropped): `1,234,567.5`.
pub fn format_quantity(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "n/a".into();
    }
    let s = crate::decimal::fixed(value.abs(), decimals);
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let frac = frac.trim_end_matches('0');
    let sign = if value < 0.0 && (int.bytes().any(|b| b != b'0') || !frac.is_empty()) {
        "-"
    } else {
        ""
    };
    // The digits themselves: beyond u128 (3.4e38) a parse would fail.
    let grouped = group_digits(int);
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

fn group_thousands(n: u64) -> String {
    group_digits(&n.to_string())
}

/// `1234567` → `1,234,567`.
fn group_digits(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_half_up_despite_float_noise() {
        assert_eq!(to_cents(1.005), 101);
        assert_eq!(to_cents(2.333338), 233);
        assert_eq!(to_cents(0.729165), 73);
        assert_eq!(to_cents(0.004999), 0);
        assert_eq!(to_cents(0.005), 1);
        assert_eq!(to_cents(-0.005), -1);
        assert_eq!(to_cents(f64::NAN), 0);
        assert_eq!(to_cents(1e300), i64::MAX);
    }

    #[test]
    fn a_change_carries_its_sign() {
        assert_eq!(format_cents_change(120), "+$1.20");
        assert_eq!(format_cents_change(-67), "-$0.67");
        assert_eq!(format_cents_change(0), "$0.00");
        assert_eq!(format_cents_change(123_456), "+$1,234.56");
    }

    #[test]
    fn formats_for_people() {
        assert_eq!(format_cents(24949), "$249.49");
        assert_eq!(format_cents(123456789), "$1,234,567.89");
        assert_eq!(format_cents(-67), "-$0.67");
        assert_eq!(format_cents(0), "$0.00");
        assert_eq!(format_rate(0.0000166667), "$0.0000166667");
        assert_eq!(format_rate(0.2e-6), "$0.0000002");
        assert_eq!(format_rate(1.0), "$1.00");
        assert_eq!(format_rate(0.2000000000000001), "$0.20");
        assert_eq!(format_quantity(3_000_000.0, 0), "3,000,000");
        assert_eq!(format_quantity(140_000.25, 2), "140,000.25");
        assert_eq!(format_quantity(999.0, 3), "999");
        assert_eq!(format_quantity(-1234.5, 1), "-1,234.5");
        assert_eq!(format_quantity(-0.0001, 2), "0");
        // Regression: beyond u128 the integer part was shown as 0.
        assert_eq!(
            format_quantity(2f64.powi(130), 0),
            "1,361,129,467,683,753,853,853,498,429,727,072,845,824"
        );
        assert_eq!(format_small_usd(0.0000002083), "$0.0000002083");
        assert_eq!(format_small_usd(2.73), "$2.73");
    }
}
