//! The scenario link, version 1: the project's public contract.
//!
//! A URL fragment of `key=value` pairs joined by `&`, values percent-encoded. Unknown keys
//! are ignored and missing keys take their defaults, so links written by older and newer
//! versions keep opening. The golden tests in `tests/golden_links.rs` pin this format.

use super::Scenario;
use crate::input::{echo, parse_number, Field, InputError};

pub const VERSION: u32 = 1;
/// Longest link accepted; a real scenario is a few hundred characters.
pub const MAX_LEN: usize = 200_000;

/// A decoded link, with what the reader should know about it (e.g. it came from a
/// newer version).
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub scenario: Scenario,
    pub notices: Vec<String>,
}

/// Reads a scenario from a whole URL, a fragment (`#v=1&…`) or the bare pairs.
pub fn decode(link: &str) -> Result<Decoded, InputError> {
    if link.len() > MAX_LEN {
        return Err(InputError::new(
            Field::Version,
            format!(
                "the link is too long ({} bytes; at most {MAX_LEN})",
                link.len()
            ),
        ));
    }
    let fragment = match link.split_once('#') {
        Some((_, f)) => f,
        None => link,
    };
    let mut s = Scenario::default();
    let mut notices = Vec::new();
    let mut tuning = crate::tuning::link::LinkRuns::default();
    for pair in fragment.split('&').filter(|p| !p.is_empty()) {
        let (raw_key, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
        let Ok(key) = percent_decode(raw_key) else {
            continue;
        };
        if crate::tuning::link::KEYS.contains(&key.as_str()) {
            let value = percent_decode(raw_value).map_err(|m| InputError::new(Field::Tuning, m))?;
            tuning.accept(&key, &value)?;
            continue;
        }
        let Some(field) = field_of(&key) else {
            continue;
        };
        let value = percent_decode(raw_value).map_err(|m| InputError::new(field, m))?;
        if field == Field::Version {
            check_version(&value, &mut notices)?;
        } else {
            super::set_field(&mut s, field, &value)?;
        }
    }
    tuning.finish(&mut s)?;
    if s.pc_requests > s.requests {
        return Err(InputError::new(
            Field::ProvisionedRequests,
            "cannot exceed the requests per month",
        ));
    }
    Ok(Decoded {
        scenario: s,
        notices,
    })
}

fn field_of(key: &str) -> Option<Field> {
    use Field::*;
    [
        Version,
        Region,
        Arch,
        Memory,
        Duration,
        Requests,
        Storage,
        FreeTier,
        ColdStart,
        Init,
        Provisioned,
        ProvisionedHours,
        ProvisionedRequests,
        ProvisionedDuration,
        Discount,
        CpuBound,
        MultiThreaded,
        Arm64Factor,
        TrafficUnit,
        TuningWeight,
    ]
    .into_iter()
    .find(|f| f.key() == key)
}

fn check_version(value: &str, notices: &mut Vec<String>) -> Result<(), InputError> {
    let v = parse_number(Field::Version, value, "a version")?;
    if v > VERSION as f64 {
        notices.push(format!(
            "This link was made by a newer version of the calculator (v={}); \
             settings this version does not know were ignored.",
            echo(value, 24)
        ));
    } else if v != VERSION as f64 {
        return Err(InputError::new(
            Field::Version,
            format!("unsupported link version \"{}\"", echo(value, 24)),
        ));
    }
    Ok(())
}

/// Writes the scenario as link pairs (without `#`): the always-present keys first,
/// then only the settings that differ from their defaults.
pub fn encode(s: &Scenario) -> String {
    let d = Scenario::default();
    let mut pairs: Vec<(&str, String)> = vec![
        ("v", VERSION.to_string()),
        ("region", percent_encode(&s.region)),
        ("arch", s.arch.as_str().to_string()),
        ("memory", s.memory_mb.to_string()),
        ("duration", number(s.duration_ms)),
        ("requests", number(s.requests)),
    ];
    let mut optional = |key: &'static str, differs: bool, value: String| {
        if differs {
            pairs.push((key, value));
        }
    };
    optional(
        "storage",
        s.storage_mb != d.storage_mb,
        s.storage_mb.to_string(),
    );
    optional("free", s.free_tier, "1".into());
    optional(
        "cold",
        s.cold_start_pct != d.cold_start_pct,
        number(s.cold_start_pct),
    );
    optional("init", s.init_ms != d.init_ms, number(s.init_ms));
    optional(
        "pc",
        s.pc_instances != d.pc_instances,
        s.pc_instances.to_string(),
    );
    optional("pc_hours", s.pc_hours != d.pc_hours, number(s.pc_hours));
    optional(
        "pc_requests",
        s.pc_requests != d.pc_requests,
        number(s.pc_requests),
    );
    if let Some(ms) = s.pc_duration_ms {
        optional("pc_duration", ms != s.duration_ms, number(ms));
    }
    optional(
        "discount",
        s.discount_pct != d.discount_pct,
        number(s.discount_pct),
    );
    optional(
        "cpu",
        s.cpu_bound_pct != d.cpu_bound_pct,
        number(s.cpu_bound_pct),
    );
    optional("mt", s.multi_threaded, "1".into());
    optional(
        "arm_factor",
        s.arm64_factor != d.arm64_factor,
        number(s.arm64_factor),
    );
    optional(
        "per",
        s.traffic_unit != d.traffic_unit,
        s.traffic_unit.key().into(),
    );
    for (key, value) in crate::tuning::link::encode_pairs(s) {
        pairs.push((key, percent_encode(&value)));
    }
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

/// `#` + `encode`, ready to put in a URL.
pub fn to_fragment(s: &Scenario) -> String {
    format!("#{}", encode(s))
}

/// Shortest text that reads back as the same f64 (never an exponent).
fn number(v: f64) -> String {
    format!("{v}")
}

fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn percent_decode(text: &str) -> Result<String, String> {
    if !text.contains('%') {
        return Ok(text.to_string());
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok());
            match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                Some(b) => out.push(b),
                None => return Err(format!("bad percent-encoding at character {}", i + 1)),
            }
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out)
        .map_err(|_| "the value is not valid UTF-8 after percent-decoding".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_the_default() {
        let s = Scenario::default();
        assert_eq!(decode(&to_fragment(&s)).unwrap().scenario, s);
        assert_eq!(
            encode(&s),
            "v=1&region=us-east-1&arch=x86_64&memory=128&duration=100&requests=1000000"
        );
    }

    #[test]
    fn reads_whole_urls_and_ignores_unknown_keys() {
        let d = decode("https://example.com/calc/?x=1#v=1&memory=1536&zzz=9&&arch=arm64").unwrap();
        assert_eq!(d.scenario.memory_mb, 1536);
        assert_eq!(d.scenario.arch, crate::rates::Arch::Arm64);
        assert!(d.notices.is_empty());
    }

    #[test]
    fn errors_name_the_key() {
        let e = decode("#memory=64").unwrap_err();
        assert_eq!(
            e.to_string(),
            "memory: must be between 128 MB and 10,240 MB"
        );
        assert_eq!(decode("#duration=0").unwrap_err().field, Field::Duration);
        assert_eq!(decode("#requests=NaN").unwrap_err().field, Field::Requests);
        assert_eq!(decode("#arch=sparc").unwrap_err().field, Field::Arch);
        assert_eq!(decode("#region=%ZZ").unwrap_err().field, Field::Region);
        assert_eq!(decode("#region=%FF").unwrap_err().field, Field::Region);
        assert_eq!(decode("#free=maybe").unwrap_err().field, Field::FreeTier);
        assert_eq!(
            decode("#requests=5&pc_requests=6").unwrap_err().field,
            Field::ProvisionedRequests
        );
        assert_eq!(decode("#v=0").unwrap_err().field, Field::Version);
    }

    #[test]
    fn echoed_text_is_short_and_on_one_line() {
        // Regressions from tests/hostile_inputs.rs: user text was echoed raw and whole.
        let card = crate::RateCard::embedded();
        let region = decode("#region=%0Aus%1B%5B2J").unwrap().scenario;
        assert_eq!(
            region.bill(card).unwrap_err()[0].to_string(),
            "region: unknown region \"us\\u{1b}[2J\""
        );
        let long = "x".repeat(100_000);
        for key in ["arch", "per", "v"] {
            let e = decode(&format!("#{key}=0.{long}")).unwrap_err();
            assert!(e.message.chars().count() < 100, "{key}: {e}");
        }
        let e = decode("#v=%0A0").unwrap_err();
        assert_eq!(e.to_string(), "v: unsupported link version \"0\"");
        let e = decode(&format!("#{}", "é".repeat(MAX_LEN / 2 + 1))).unwrap_err();
        assert!(e.message.contains("(200003 bytes; at most 200000)"), "{e}");
    }

    #[test]
    fn newer_versions_open_with_a_notice() {
        let d = decode("#v=2&memory=256&future_key=1").unwrap();
        assert_eq!(d.scenario.memory_mb, 256);
        assert_eq!(d.notices.len(), 1);
        assert!(d.notices[0].contains("(v=2)"), "{:?}", d.notices);
        // Regression: beyond u128 the version was shown as "v=0".
        let d = decode("#v=1e39").unwrap();
        assert!(d.notices[0].contains("(v=1e39)"), "{:?}", d.notices);
    }

    #[test]
    fn values_are_percent_encoded() {
        let s = Scenario {
            region: "a&b=c d".into(),
            ..Scenario::default()
        };
        let enc = encode(&s);
        assert!(enc.contains("region=a%26b%3Dc%20d"));
        assert_eq!(decode(&enc).unwrap().scenario.region, "a&b=c d");
    }

    #[test]
    fn pc_duration_follows_duration_unless_set() {
        let d = decode("#duration=120&pc=1").unwrap().scenario;
        assert_eq!(d.workload().provisioned.duration_ms, 120.0);
        let d = decode("#duration=120&pc=1&pc_duration=100")
            .unwrap()
            .scenario;
        assert_eq!(d.workload().provisioned.duration_ms, 100.0);
        assert!(encode(&d).ends_with("&pc=1&pc_duration=100"));
    }
}
