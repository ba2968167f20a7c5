//! Short number formats for chart axes. Bill figures use `lambda_cost::money`.

use lambda_cost::decimal::fixed;
use lambda_cost::money::format_quantity;

/// `1,024`, `10,240`.
pub fn thousands(v: f64) -> String {
    format_quantity(v, 0)
}

/// Axis dollars: `$0.05`, `$12`, `$1.2k`, `$3.4M`.
pub fn compact_usd(v: f64) -> String {
    let a = v.abs();
    let sign = if v < 0.0 { "-" } else { "" };
    let body = if a >= 1e9 {
        format!("{}B", trim(a / 1e9))
    } else if a >= 1e6 {
        format!("{}M", trim(a / 1e6))
    } else if a >= 1e3 {
        format!("{}k", trim(a / 1e3))
    } else if a >= 10.0 || a == 0.0 {
        fixed(a, 0)
    } else if a >= 0.01 {
        fixed(a, 2)
    } else {
        // Log axes reach far below a cent.
        let s = fixed(a, 6);
        s.trim_end_matches('0').to_string()
    };
    format!("{sign}${body}")
}

/// A cost per 1M invocations, to four decimals: `$0.0336`, `$12.5`, `$1,234.57` from $100.
pub fn per_million_usd(v: f64) -> String {
    if v.abs() >= 100.0 {
        lambda_cost::money::format_usd(v)
    } else {
        let sign = if v < 0.0 { "-" } else { "" };
        format!("{sign}${}", format_quantity(v.abs(), 4))
    }
}

/// Axis counts: `30`, `1k`, `2.6M`, `26B`.
pub fn compact_count(v: f64) -> String {
    let a = v.abs();
    if a >= 1e9 {
        format!("{}B", trim(a / 1e9))
    } else if a >= 1e6 {
        format!("{}M", trim(a / 1e6))
    } else if a >= 1e3 {
        format!("{}k", trim(a / 1e3))
    } else {
        trim(a)
    }
}

/// One decimal at most, none when whole.
fn trim(v: f64) -> String {
    let s = fixed(v, 1);
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_axis_labels() {
        assert_eq!(compact_usd(0.0), "$0");
        assert_eq!(compact_usd(0.05), "$0.05");
        assert_eq!(compact_usd(12.3), "$12");
        assert_eq!(compact_usd(1234.0), "$1.2k");
        assert_eq!(compact_usd(0.0001), "$0.0001");
        assert_eq!(compact_count(2.628e10), "26.3B");
        assert_eq!(compact_count(1e6), "1M");
        assert_eq!(compact_count(30.0), "30");
        assert_eq!(thousands(10240.0), "10,240");
        assert_eq!(per_million_usd(0.033_599_999), "$0.0336");
        assert_eq!(per_million_usd(12.5), "$12.5");
        assert_eq!(per_million_usd(1234.567), "$1,234.57");
    }
}
