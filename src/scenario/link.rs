//! The scenario link, version 1: the project's public contract.
//!
//! A URL fragment of `key=value` pairs joined by `&`, values percent-encoded. Unknown keys
//! are ignored and missing keys take their defaults, so links written by older and newer
//! versions keep opening. The golden tests in `tests/golden_links.rs` pin this format.

use super::fields::{self, Codec};
use super::pin::{self, Pin, MAX_PINS};
use super::Scenario;
use crate::input::{echo, parse_number, Field, InputError};
use crate::tuning::link::{LinkRuns, NoRuns, ReadRuns};

pub const VERSION: u32 = 1;
/// The key of a pin's label inside its value (`pin` itself is `Field::Pin`).
const LABEL_KEY: &str = "label";
/// Longest link accepted; a real scenario is a few hundred characters.
pub const MAX_LEN: usize = 200_000;

/// A decoded link, with what the reader should know about it (e.g. it came from a
/// newer version).
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub scenario: Scenario,
    pub notices: Vec<String>,
}

/// Reads a scenario from a whole URL, a fragment (`#v=1&…`) or the bare pairs; a bare
/// Power Tuning hash opens as its runs at the default workload.
pub fn decode(link: &str) -> Result<Decoded, InputError> {
    decode_with::<LinkRuns>(link, decode_bare_hash)
}

/// [`decode`] for a view that imports no Power Tuning result (the embed view, always
/// loaded with `embed=1` pairs): a bare hash is refused with a message instead, so
/// that bundle leaves out the Power Tuning import and its JSON parser.
pub fn decode_pairs(link: &str) -> Result<Decoded, InputError> {
    decode_with::<LinkRuns>(link, refuse_bare_hash)
}

/// [`decode_pairs`] for the embed view's small bundle, which draws no Power Tuning runs:
/// a link that carries some is refused (index.html's loader gives such a link the bundle
/// that draws them, by [`holds_runs`]), so that bundle leaves their decoder out.
pub fn decode_pairs_without_runs(link: &str) -> Result<Decoded, InputError> {
    decode_with::<NoRuns>(link, refuse_bare_hash)
}

fn refuse_bare_hash(_: &str) -> Result<Decoded, InputError> {
    Err(InputError::new(
        Field::Tuning,
        "it is a Power Tuning result: open it in the calculator to import it",
    ))
}

/// Whether a fragment's pairs carry Power Tuning runs: a key, percent-decoded, that is one
/// of `tuning::link::KEYS`. index.html's loader reads keys the same way
/// (`decodeURIComponent`) to pick the embed bundle that draws runs.
pub fn holds_runs(fragment: &str) -> bool {
    fragment.split('&').any(|pair| {
        let key = pair.split_once('=').map_or(pair, |(k, _)| k);
        percent_decode(key).is_ok_and(|k| crate::tuning::link::KEYS.contains(&k.as_str()))
    })
}

/// Whether the fragment opens with a link key and `=`: such a fragment is scenario
/// pairs even when it also reads as base64 (`ptl=` is padded base64).
fn opens_with_a_key(fragment: &str) -> bool {
    fragment.split_once('=').is_some_and(|(key, _)| {
        super::fields::by_key(key).is_some() || crate::tuning::link::KEYS.contains(&key)
    })
}

/// `bare_hash` reads a fragment that is a bare Power Tuning hash; a function parameter,
/// so a bundle that never passes [`decode_bare_hash`] does not link it. `R` reads the
/// tuning pairs, likewise.
fn decode_with<R: ReadRuns>(
    link: &str,
    bare_hash: fn(&str) -> Result<Decoded, InputError>,
) -> Result<Decoded, InputError> {
    if link.len() > MAX_LEN {
        return Err(InputError::new(
            Field::Version,
            format!(
                "the link is too long ({} bytes; at most {MAX_LEN})",
                link.len()
            ),
        ));
    }
    if let Some(hash) = power_tuning_hash(link) {
        return bare_hash(hash);
    }
    let fragment = match link.split_once('#') {
        Some((_, f)) => f,
        None => link,
    };
    let mut notices = Vec::new();
    let read = read_pairs::<R>(fragment, None, &mut notices)?;
    let mut s = read.scenario;
    let total = read.pins.len();
    for (i, raw) in read.pins.iter().take(MAX_PINS).enumerate() {
        s.pins.push(decode_pin::<R>(raw, i + 1, &mut notices)?);
    }
    if total > MAX_PINS {
        notices.push(format!(
            "This link pins {total} scenarios; only the first {MAX_PINS} were opened \
             (at most {MAX_PINS} can be compared)."
        ));
    }
    let mut seen = Vec::new();
    notices.retain(|n| {
        let first = !seen.contains(n);
        seen.push(n.clone());
        first
    });
    Ok(Decoded {
        scenario: s,
        notices,
    })
}

/// The fragment of a link that is a bare Power Tuning hash (what a lambda-power-tuning.show
/// link becomes when its host is swapped for this page's), else `None`: scenario pairs.
/// The calculator page reads such a hash with its on-demand Power Tuning reader, then
/// opens it with [`open_hash`].
pub fn power_tuning_hash(link: &str) -> Option<&str> {
    if link.len() > MAX_LEN {
        return None;
    }
    let fragment = link.split_once('#').map_or(link, |(_, f)| f);
    (crate::tuning::link::is_bare_hash(fragment) && !opens_with_a_key(fragment)).then_some(fragment)
}

fn decode_bare_hash(fragment: &str) -> Result<Decoded, InputError> {
    open_hash(crate::tuning::parse(fragment))
}

/// A bare Power Tuning hash, as read: its runs, priced at the default workload, with a
/// notice saying so; a hash that does not decode says why, in Power Tuning's terms.
pub fn open_hash(
    read: Result<crate::tuning::Import, crate::tuning::TuningError>,
) -> Result<Decoded, InputError> {
    let import = read.map_err(|e| {
        InputError::new(
            Field::Tuning,
            format!("it looks like a Power Tuning hash, but {}", e.message),
        )
    })?;
    let mut scenario = Scenario::default();
    let mut runs = import.runs;
    runs.truncate(crate::tuning::MAX_RUNS);
    let n = runs.len();
    scenario.tuning = runs;
    // The combined visualization's LMI runs too, as a paste of it keeps them.
    scenario.lmi_tuning = crate::tuning::link::as_carried(import.lmi_runs);
    let opened = match n {
        0 => ": its Lambda Managed Instances runs opened".to_string(),
        1 => " (1 run): opened as Power Tuning runs".to_string(),
        n => format!(" ({n} runs): opened as Power Tuning runs"),
    };
    let mut notices = vec![format!(
        "This link is a Power Tuning result{opened}, priced at the default workload. Set your \
         requests and region to see your own bills."
    )];
    notices.extend(import.notices);
    Ok(Decoded { scenario, notices })
}

/// What one list of pairs holds: the scenario, and the pins (values percent-decoded,
/// not yet read) or, inside a pin, its label.
struct Pairs {
    scenario: Scenario,
    label: Option<String>,
    pins: Vec<String>,
}

/// Reads `key=value` pairs. `pin` is the 1-based position of the pinned scenario being
/// read, or `None` for the link itself; pins read `label` and ignore (with a notice)
/// nested pins and Power Tuning keys.
fn read_pairs<R: ReadRuns>(
    fragment: &str,
    pin: Option<usize>,
    notices: &mut Vec<String>,
) -> Result<Pairs, InputError> {
    let mut s = Scenario::default();
    let mut tuning = R::default();
    let mut label = None;
    let mut pins = Vec::new();
    let mut unknown: Vec<String> = Vec::new();
    let mut newer: Option<String> = None;
    let (mut nested, mut runs) = (false, false);
    for pair in fragment.split('&').filter(|p| !p.is_empty()) {
        let (raw_key, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
        let Ok(key) = percent_decode(raw_key) else {
            continue;
        };
        if crate::tuning::link::KEYS.contains(&key.as_str()) {
            if pin.is_some() {
                runs = true;
                continue;
            }
            let value = percent_decode(raw_value).map_err(|m| InputError::new(Field::Tuning, m))?;
            tuning.accept(&key, &value)?;
            continue;
        }
        if pin.is_some() && key == LABEL_KEY {
            let value = percent_decode(raw_value)
                .map_err(|m| InputError::new(Field::Pin, format!("label: {m}")))?;
            label = Some(value);
            continue;
        }
        let Some(spec) = fields::by_key(&key) else {
            // The page's view options (`scenario::view`) are understood, just not here.
            if pin.is_some() || !super::view::KEYS.contains(&key.as_str()) {
                unknown.push(key);
            }
            continue;
        };
        if pin.is_some() && !spec.in_pin {
            match spec.codec {
                Codec::Pins => nested = true,
                _ => runs = true,
            }
            continue;
        }
        match spec.codec {
            Codec::Pins => {
                let value = percent_decode(raw_value).map_err(|m| {
                    InputError::new(
                        Field::Pin,
                        format!("pinned scenario {}: {m}", pins.len() + 1),
                    )
                })?;
                pins.push(value);
            }
            Codec::Version => {
                let value =
                    percent_decode(raw_value).map_err(|m| InputError::new(spec.field, m))?;
                if check_version(&value)? {
                    newer = Some(value);
                }
            }
            Codec::Runs => {}
            Codec::Value { read, .. } => {
                let value =
                    percent_decode(raw_value).map_err(|m| InputError::new(spec.field, m))?;
                read(&mut s, &value)?;
            }
        }
    }
    let read = tuning.finish()?;
    s.tuning = read.memory;
    s.lmi_tuning = read.lmi;
    // A value equal to the one it follows is the same as none: the link written back
    // leaves it out, and must open to the same scenario.
    if s.streaming.requests == Some(s.requests) {
        s.streaming.requests = None;
    }
    if s.streaming.free_allowance == Some(s.free_tier) {
        s.streaming.free_allowance = None;
    }
    if s.pc_requests > s.requests {
        return Err(InputError::new(
            Field::ProvisionedRequests,
            "cannot exceed the requests per month",
        ));
    }
    let whose = match pin {
        Some(n) => format!("Pinned scenario {n}"),
        None => "This link".to_string(),
    };
    if let Some(v) = newer {
        notices.push(newer_notice(&whose, &v, &unknown));
    }
    if nested {
        notices.push(format!(
            "{whose} holds pinned scenarios of its own; they were ignored (pins cannot be nested)."
        ));
    }
    if runs {
        notices.push(format!(
            "{whose} carries Power Tuning data; it was ignored (a pin keeps the workload only)."
        ));
    }
    Ok(Pairs {
        scenario: s,
        label,
        pins,
    })
}

/// One `pin` value (percent-decoded once): the pinned scenario's own pairs and its label.
fn decode_pin<R: ReadRuns>(
    value: &str,
    n: usize,
    notices: &mut Vec<String>,
) -> Result<Pin, InputError> {
    let read = read_pairs::<R>(value, Some(n), notices).map_err(|e| {
        let inner = if e.field == Field::Pin {
            e.message
        } else {
            e.to_string()
        };
        InputError::new(Field::Pin, format!("pinned scenario {n}: {inner}"))
    })?;
    let scenario = pin::pinnable(&read.scenario);
    let label = read
        .label
        .as_deref()
        .and_then(pin::clean_label)
        .unwrap_or_else(|| pin::default_label(&scenario));
    Ok(Pin { label, scenario })
}

/// What the page opens for a link: its scenario, or, when that cannot be priced (a
/// region the rate card does not know, options AWS does not allow together), `keep`
/// (the last good scenario, or the default one) with a notice that says why, so the
/// results never go blank.
pub fn open(decoded: Decoded, keep: &Scenario, card: &crate::RateCard) -> Decoded {
    let region = &decoded.scenario.region;
    let why = if card.region(region).is_none() {
        unknown_region_notice(region)
    } else {
        match decoded.scenario.validate(card).first() {
            None => return decoded,
            Some(e) => format!(
                "This link could not be opened ({e}); the scenario shown is the one before it."
            ),
        }
    };
    let mut notices = vec![why];
    notices.extend(decoded.notices);
    Decoded {
        scenario: keep.clone(),
        notices,
    }
}

/// "This link names the region "xx-east-9", which this calculator does not know; …"
pub fn unknown_region_notice(code: &str) -> String {
    format!(
        "This link names the region \"{}\", which this calculator does not know; \
         the scenario shown is the one before it.",
        echo(code, 32)
    )
}

/// "This link was made by a newer version … were ignored: theme, layout."
fn newer_notice(whose: &str, version: &str, unknown: &[String]) -> String {
    const SHOWN: usize = 8;
    let mut text = format!(
        "{whose} was made by a newer version of the calculator (v={}); \
         settings this version does not know were ignored",
        echo(version, 24)
    );
    if !unknown.is_empty() {
        let mut keys: Vec<String> = unknown.iter().take(SHOWN).map(|k| echo(k, 24)).collect();
        if unknown.len() > SHOWN {
            keys.push(format!("and {} more", unknown.len() - SHOWN));
        }
        text.push_str(": ");
        text.push_str(&keys.join(", "));
    }
    text.push('.');
    text
}

/// `Ok(true)` when the link is from a newer version (it opens, with a notice).
fn check_version(value: &str) -> Result<bool, InputError> {
    let v = parse_number(Field::Version, value, "a version")?;
    if v > VERSION as f64 {
        Ok(true)
    } else if v != VERSION as f64 {
        Err(InputError::new(
            Field::Version,
            format!("unsupported link version \"{}\"", echo(value, 24)),
        ))
    } else {
        Ok(false)
    }
}

/// Writes the scenario as link pairs (without `#`): the always-present keys first,
/// then only the settings that differ from their defaults.
pub fn encode(s: &Scenario) -> String {
    let default = Scenario::default();
    let mut pairs: Vec<(&str, String)> = Vec::new();
    for spec in fields::ALL {
        match spec.codec {
            Codec::Version => pairs.push((spec.key(), VERSION.to_string())),
            Codec::Value { .. } => {
                if let Some(value) = spec.written(s, &default) {
                    pairs.push((spec.key(), percent_encode(&value)));
                }
            }
            Codec::Runs if spec.field == Field::LmiTuning => {
                if !s.lmi_tuning.is_empty() {
                    let value = crate::tuning::link::encode_concurrency_runs(&s.lmi_tuning);
                    pairs.push((spec.key(), percent_encode(&value)));
                }
            }
            Codec::Runs => {
                for (key, value) in crate::tuning::link::encode_pairs(&s.tuning) {
                    pairs.push((key, percent_encode(&value)));
                }
            }
            Codec::Pins => {
                for p in s.pins.iter().take(MAX_PINS) {
                    pairs.push((spec.key(), fragment_encode(&encode_pin(p))));
                }
            }
        }
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

/// A pin's value before it is percent-encoded as a whole: its label (unless it is the
/// default one), then the pairs of its scenario that differ from the defaults (no `v`,
/// no pins, no Power Tuning data).
pub fn encode_pin(p: &Pin) -> String {
    let defaults = encode(&Scenario::default());
    let defaults: Vec<&str> = defaults.split('&').collect();
    let scenario = pin::pinnable(&p.scenario);
    let own = encode(&scenario);
    let mut pairs: Vec<String> = Vec::new();
    // A label the decoder would give anyway is left out.
    if p.label != pin::default_label(&scenario) {
        pairs.push(format!("{LABEL_KEY}={}", fragment_encode(&p.label)));
    }
    pairs.extend(
        own.split('&')
            .filter(|pair| !defaults.contains(pair))
            .map(str::to_string),
    );
    pairs.join("&")
}

// Hand-written rather than the `percent-encoding` crate: with the crate (2.3.2, its
// `utf8_percent_encode` and `percent_decode_str`, plus the check for malformed escapes
// that it lets through) the release Wasm measured 842,058 bytes, 337,835 gzip -9,
// against 841,590 and 336,895 with these functions (+468 B, +940 B gzip; 2026-11-29).
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

/// Like `percent_encode`, but leaves the characters RFC 3986 allows in a fragment and
/// that no reader of this link gives a meaning (`;` `/` `+` `:` `@` `,`) as they are;
/// `&`, `=`, `%` and `#` are always escaped. Used for values new in this version (pins),
/// so the links written before keep their exact text.
fn fragment_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'_' | b'.' | b'~' | b';' | b'/' | b'+' | b':' | b'@' | b','
            )
        {
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
    fn rate_overrides_travel_and_clear() {
        let d = decode("#r_dur=0.00001&r_pc=0&r_req=$0.3").unwrap().scenario;
        assert_eq!(d.rate_overrides.duration[0], Some(0.00001));
        assert_eq!(d.rate_overrides.provisioned, Some(0.0));
        assert_eq!(d.rate_overrides.requests_per_million, Some(0.3));
        assert_eq!(decode(&encode(&d)).unwrap().scenario, d);
        assert_eq!(
            decode("#r_dur=").unwrap().scenario.rate_overrides.duration[0],
            None
        );
        let e = decode("#r_dur=2").unwrap_err();
        assert_eq!(
            e.to_string(),
            "r_dur: must be a rate between $0 and $1 per GB-s"
        );
        assert_eq!(decode("#r_eph=-1").unwrap_err().field, Field::RateStorage);
    }

    #[test]
    fn billing_options_travel_and_errors_name_their_key() {
        let d = decode("#snapstart=1&snap_versions=2&snap_hours=5&stream_mb=7&stream_requests=10&stream_free=1&event_kb=300&durable_executions=5&durable_ops=3&durable_kb=2.5&durable_wait_days=1&durable_retain_days=90&tenant_envs=4&r_snap=0.000002&r_restore=0.0002&r_dop=9&r_dwrite=0.3&r_dretain=0.2&r_tenant=0.0002")
            .unwrap()
            .scenario;
        assert!(d.snapstart.enabled);
        assert_eq!((d.snapstart.versions, d.snapstart.hours), (2, 5.0));
        assert_eq!(d.streaming.requests, Some(10.0));
        assert_eq!(d.streaming.free_allowance, Some(true));
        assert_eq!(d.durable.retain_days, 90.0);
        assert_eq!(d.rate_overrides.durable_operations_per_million, Some(9.0));
        assert_eq!(decode(&encode(&d)).unwrap().scenario, d);
        for (link, message) in [
            ("#snapstart=2", "snapstart: must be 1 (on) or 0 (off)"),
            (
                "#snap_versions=0",
                "snap_versions: must be between 1 versions and 10,000 versions",
            ),
            (
                "#snap_versions=1.5",
                "snap_versions: must be a whole number of versions",
            ),
            (
                "#event_kb=1025",
                "event_kb: must be between 0 KB and 1,024 KB",
            ),
            (
                "#durable_retain_days=0",
                "durable_retain_days: must be between 1 days and 90 days",
            ),
            ("#stream_mb=x", "stream_mb: \"x\" is not a number"),
            ("#edge=maybe", "edge: must be 1 (on) or 0 (off)"),
            (
                "#r_tenant=2",
                "r_tenant: must be a rate between $0 and $1 per GB",
            ),
        ] {
            let shown = decode(link)
                .map(|_| String::new())
                .unwrap_or_else(|e| e.to_string());
            assert_eq!(shown, message, "{link}");
        }
        // Rules across fields are the scenario's, and name the key too.
        let card = crate::RateCard::embedded();
        for (link, key) in [
            ("#snapstart=1&pc=1", "snapstart"),
            ("#snapstart=1&storage=1024", "snapstart"),
            ("#edge=1&arch=arm64", "edge"),
            (
                "#requests=5&stream_mb=7&stream_requests=6",
                "stream_requests",
            ),
        ] {
            let errors = decode(link).unwrap().scenario.bill(card).unwrap_err();
            assert_eq!(errors[0].field.key(), key, "{link}: {errors:?}");
        }
    }

    #[test]
    fn an_unknown_region_keeps_the_last_scenario_with_a_notice() {
        let card = crate::RateCard::embedded();
        let last = decode("#memory=512").unwrap().scenario;
        let d = open(
            decode("#region=xx-mars-1&memory=2048").unwrap(),
            &last,
            card,
        );
        assert_eq!(d.scenario, last);
        assert_eq!(
            d.notices,
            [
                "This link names the region \"xx-mars-1\", which this calculator does not know; \
              the scenario shown is the one before it."
            ]
        );
        // Options AWS refuses together keep it too, with the rule's message.
        let d = open(decode("#edge=1&arch=arm64").unwrap(), &last, card);
        assert_eq!(d.scenario, last);
        assert!(
            d.notices[0].contains("(edge: Lambda@Edge runs on x86_64 only"),
            "{:?}",
            d.notices
        );
        // A good link opens as it is; the code in any case is the card's.
        let d = open(decode("#region=AP-east-2").unwrap(), &last, card);
        assert_eq!(d.scenario.region, "ap-east-2");
        assert!(d.notices.is_empty());
    }

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

    fn pinned(label: &str, memory: u32, arch: crate::rates::Arch) -> Pin {
        let s = Scenario {
            memory_mb: memory,
            arch,
            duration_ms: 2000.0,
            requests: 7_440_000.0,
            ..Scenario::default()
        };
        Pin::new(label, &s)
    }

    #[test]
    fn pins_round_trip_with_their_labels() {
        use crate::rates::Arch;
        let mut s = Scenario {
            memory_mb: 1024,
            ..Scenario::default()
        };
        s.pins
            .push(pinned("Today: 512 MB x86_64", 512, Arch::X86_64));
        s.pins.push(pinned(
            "Proposed, 1024 MB / arm64 + 10 % @ eu",
            1024,
            Arch::Arm64,
        ));
        s.pins[1].scenario.region = "eu-west-1".into();
        s.pins[1].scenario.free_tier = true;
        let enc = encode(&s);
        let back = decode(&enc).unwrap();
        assert_eq!(back.scenario, s);
        assert!(back.notices.is_empty(), "{:?}", back.notices);
        // Default keys are left out of a pin; `&` and `=` inside it are escaped.
        assert!(
            enc.ends_with(
                "&pin=label%3DToday:%2520512%2520MB%2520x86_64%26memory%3D512%26duration%3D2000%26requests%3D7440000\
                 &pin=label%3DProposed,%25201024%2520MB%2520/%2520arm64%2520+%252010%2520%2525%2520@%2520eu\
                 %26region%3Deu-west-1%26arch%3Darm64%26memory%3D1024%26duration%3D2000%26requests%3D7440000%26free%3D1"
            ),
            "{enc}"
        );
        // A pin of the default scenario is its label alone.
        let d = Scenario {
            pins: vec![Pin::new("x", &Scenario::default())],
            ..Scenario::default()
        };
        assert!(encode(&d).ends_with("&pin=label%3Dx"), "{}", encode(&d));
        assert_eq!(decode(&encode(&d)).unwrap().scenario, d);
        // Without a label, a pin is named after its scenario.
        let p = decode("#pin=memory%3D512%26arch%3Darm64").unwrap().scenario;
        assert_eq!(p.pins[0].label, "512 MB arm64 us-east-1");
    }

    #[test]
    fn at_most_four_pins_are_opened() {
        use crate::rates::Arch;
        let pins: Vec<String> = (0..6)
            .map(|i| {
                format!(
                    "pin={}",
                    fragment_encode(&format!("label=P{i}&memory={}", 128 + i))
                )
            })
            .collect();
        let d = decode(&format!("#memory=256&{}", pins.join("&"))).unwrap();
        assert_eq!(d.scenario.pins.len(), MAX_PINS);
        assert_eq!(d.scenario.pins[3].label, "P3");
        assert_eq!(d.scenario.pins[3].scenario.memory_mb, 131);
        assert_eq!(d.notices.len(), 1, "{:?}", d.notices);
        assert!(
            d.notices[0].contains("pins 6 scenarios; only the first 4"),
            "{:?}",
            d.notices
        );
        // The encoder never writes more than four.
        let s = Scenario {
            pins: (0..6)
                .map(|i| pinned(&format!("P{i}"), 128 + i, Arch::X86_64))
                .collect(),
            ..Scenario::default()
        };
        assert_eq!(encode(&s).matches("&pin=").count(), MAX_PINS);
    }

    #[test]
    fn hostile_labels_stay_text_and_cannot_inject_pairs() {
        use crate::rates::Arch;
        for label in [
            "<img src=x onerror=alert(1)>",
            "&label=x",
            "x&pin=label%3Devil&memory=10240",
            "%26%3D%25%2",
            "a=b&c=d#e",
            "\"'><script>",
        ] {
            let mut s = Scenario::default();
            s.pins.push(pinned(label, 512, Arch::X86_64));
            let enc = to_fragment(&s);
            let back = decode(&enc).unwrap();
            assert_eq!(back.scenario.pins.len(), 1, "{label}: {enc}");
            assert_eq!(back.scenario.pins[0].label, label, "{enc}");
            assert_eq!(back.scenario.pins[0].scenario.memory_mb, 512, "{enc}");
            assert_eq!(back.scenario.memory_mb, 128, "{enc}");
            assert!(
                !enc.contains('<') && !enc.contains('"') && !enc.contains('\''),
                "{enc}"
            );
        }
        // `&label=` typed into a pin value by hand: the last label wins, nothing else moves.
        let d = decode("#pin=label%3DToday%26label%3Dx").unwrap().scenario;
        assert_eq!(d.pins[0].label, "x");
        // Control characters and overlong labels are cleaned.
        let d = decode(&format!(
            "#pin=label%3D%250Aa%25E2%2580%25AEb{}",
            "c".repeat(100)
        ))
        .unwrap()
        .scenario;
        assert!(d.pins[0].label.starts_with("a b"), "{:?}", d.pins[0].label);
        assert_eq!(d.pins[0].label.chars().count(), pin::MAX_LABEL_CHARS);
    }

    #[test]
    fn nested_pins_and_runs_in_a_pin_are_ignored_with_a_notice() {
        let inner = fragment_encode("label=inner&memory=999");
        let outer = fragment_encode(&format!(
            "label=outer&memory=512&pin={inner}&w=0.2&pt=AQACAAMA%3BAAAAQAAAAEAAAIA%2F%3BAABAQAAAAEAAAABA"
        ));
        let d = decode(&format!("#pin={outer}")).unwrap();
        let p = &d.scenario.pins[0];
        assert_eq!(p.label, "outer");
        assert_eq!(p.scenario.memory_mb, 512);
        assert!(p.scenario.pins.is_empty() && p.scenario.tuning.is_empty());
        assert_eq!(d.notices.len(), 2, "{:?}", d.notices);
        assert!(
            d.notices[0].contains("Pinned scenario 1 holds pinned scenarios"),
            "{:?}",
            d.notices
        );
        assert!(
            d.notices[1].contains("Power Tuning data"),
            "{:?}",
            d.notices
        );
    }

    #[test]
    fn a_bad_pin_names_pin_and_its_position() {
        let good = fragment_encode("label=a&memory=512");
        let bad = fragment_encode("label=b&memory=64");
        let e = decode(&format!("#pin={good}&pin={bad}")).unwrap_err();
        assert_eq!(e.field, Field::Pin);
        assert_eq!(
            e.to_string(),
            "pin: pinned scenario 2: memory: must be between 128 MB and 10,240 MB"
        );
        let e = decode("#pin=%ZZ").unwrap_err();
        assert_eq!(
            e.to_string(),
            "pin: pinned scenario 1: bad percent-encoding at character 1"
        );
        let e = decode("#pin=label%3D%25ZZ").unwrap_err();
        assert_eq!(
            e.to_string(),
            "pin: pinned scenario 1: label: bad percent-encoding at character 1"
        );
        let e = decode("#pin=requests%3D5%26pc_requests%3D6").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("pin: pinned scenario 1: pc_requests: "),
            "{e}"
        );
    }

    #[test]
    fn newer_versions_list_what_was_not_understood() {
        let d = decode("#v=2&memory=256&future=1&%3Cb%3E=1&embed=1").unwrap();
        assert_eq!(
            d.notices,
            vec![
                "This link was made by a newer version of the calculator (v=2); \
                  settings this version does not know were ignored: future, <b>."
                    .to_string()
            ]
        );
        let d = decode(&format!("#pin={}", fragment_encode("v=3&label=p&x=1"))).unwrap();
        assert!(
            d.notices[0].starts_with("Pinned scenario 1 was made by a newer version"),
            "{:?}",
            d.notices
        );
    }
}

#[cfg(test)]
mod bare_hash_tests {
    use super::*;
    use crate::rates::Arch;

    // Issue #251 of aws-lambda-power-tuning: 128..2048 MB, x86_64.
    const HASH: &str = "gAAAAQACAAQACA==;mpn1QXd3X0EAAIBARESkQAAAoEA=;Gs2LM0mLfDOXTxAzY3fYM31jNDQ=";

    #[test]
    fn the_embed_views_decoder_reads_pairs_alike_and_refuses_a_bare_hash() {
        for link in [
            "#memory=1024&duration=2000&requests=7440000&embed=1&chart=pc",
            "#v=2&region=EU-WEST-1&future=1",
            "embed=1",
        ] {
            assert_eq!(decode_pairs(link), decode(link), "{link}");
        }
        let e = decode_pairs(&format!("#{HASH}")).unwrap_err();
        assert_eq!(e.field, Field::Tuning);
        assert!(e.message.contains("open it in the calculator"), "{e}");
        assert!(decode(&format!("#{HASH}")).is_ok());
    }

    /// The keys index.html's loader also reads (percent-decoded, in any pair) to give a
    /// link with runs the embed bundle that draws them.
    #[test]
    fn a_link_holds_runs_by_its_decoded_keys() {
        for yes in [
            "pt=x",
            "memory=512&pta=arm64",
            "ptc=USD&embed=1",
            "p%74=x",
            "%70%74%63",
            "embed=1&ptl=x",
        ] {
            assert!(holds_runs(yes), "{yes}");
        }
        for no in [
            "",
            "ptx=x",
            "label=pt",
            "PT=x",
            "pt%=x",
            "%zz=1&chart=compute",
            "w=0.5",
        ] {
            assert!(!holds_runs(no), "{no}");
        }
    }

    /// index.html's loader (written by scripts/csp-hashes.mjs) lists the same keys.
    #[test]
    fn the_loader_knows_the_run_keys() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/csp-hashes.mjs");
        let script = std::fs::read_to_string(path).unwrap();
        let keys: Vec<String> = crate::tuning::link::KEYS
            .iter()
            .map(|k| format!("'{k}'"))
            .collect();
        let list = format!("[{}].includes(decodeURIComponent(key))", keys.join(", "));
        assert!(script.contains(&list), "{list} not in {path}");
    }

    /// Without runs the small embed bundle's reading is the others'; with runs (on
    /// memory or on Managed Instances) it says what to do, on the runs' field.
    #[test]
    fn the_small_embed_bundle_refuses_runs_only() {
        let plain = "v=1&memory=512&duration=120&pin=memory%3D1024%26pt%3Dx";
        assert_eq!(decode_pairs_without_runs(plain), decode_pairs(plain));
        let runs = format!("v=1&memory=512&pt={HASH}");
        assert_eq!(decode_pairs(&runs).unwrap().scenario.tuning.len(), 1);
        let e = decode_pairs_without_runs(&runs).unwrap_err();
        assert_eq!(e.field, Field::Tuning);
        assert!(e.message.contains("open the link in the calculator"), "{e}");
        let e = decode_pairs_without_runs("v=1&memory=512&ptl=").unwrap_err();
        assert_eq!(e.field, Field::LmiTuning);
    }

    #[test]
    fn a_bare_power_tuning_hash_opens_as_runs() {
        for link in [
            format!("https://calc.example/#{HASH}"),
            format!("#{HASH}"),
            HASH.to_string(),
            format!("#{}", HASH.replace(';', "%3B")),
        ] {
            let d = decode(&link).unwrap_or_else(|e| panic!("{link}: {e}"));
            assert_eq!(d.scenario.tuning.len(), 1, "{link}");
            let run = &d.scenario.tuning[0];
            let sizes: Vec<u32> = run.points.iter().map(|p| p.memory_mb).collect();
            assert_eq!(sizes, [128, 256, 512, 1024, 2048]);
            assert_eq!(
                Scenario {
                    tuning: Vec::new(),
                    ..d.scenario.clone()
                },
                Scenario::default()
            );
            assert!(
                d.notices[0].contains("Power Tuning result (1 run)"),
                "{:?}",
                d.notices
            );
        }
    }

    #[test]
    fn a_comparison_hash_opens_both_runs_with_their_names() {
        let parts: Vec<&str> = HASH.split(';').collect();
        let two = format!("{};x86_64;arm64", [parts.clone(), parts].concat().join(";"));
        let d = decode(&format!("#{two}")).unwrap();
        let labels: Vec<&str> = d.scenario.tuning.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels, ["x86_64", "arm64"]);
        assert_eq!(d.scenario.tuning[1].arch, Some(Arch::Arm64));
    }

    #[test]
    fn a_broken_hash_says_what_is_wrong_instead_of_resetting() {
        let e = decode("#gAAAAQACAAQACA==;mpn1QXd3X0EAAIBARESkQAAAoEA=").unwrap_err();
        assert_eq!(e.field, Field::Tuning);
        assert!(
            e.message
                .starts_with("it looks like a Power Tuning hash, but"),
            "{e}"
        );
    }

    #[test]
    fn a_lone_pair_whose_value_starts_with_semicolons_is_a_pair() {
        // `ptl=` is four base64 characters with padding, so the hash test alone would take
        // `ptl=;;;` for Power Tuning's 3-part hash; the key in front makes it a pair.
        let e = decode("#ptl=%3B%3B%3B").unwrap_err();
        assert_eq!(e.field, Field::LmiTuning, "{e}");
        assert!(
            decode(&format!("#{HASH}")).is_ok(),
            "a bare hash still reads as runs"
        );
    }

    #[test]
    fn scenario_pairs_are_never_taken_for_a_hash() {
        use crate::tuning::link::is_bare_hash;
        for pairs in [
            "v=1&region=us-east-1",
            "memory=512",
            "v=1;x",
            "region=a;b",
            "",
            "?currency=CNY",
            "AAAA%3BAAAA%3BAAAA=AAAA%3BAAAA",
        ] {
            assert!(!is_bare_hash(pairs), "{pairs}");
        }
        assert!(is_bare_hash(HASH));
        assert!(is_bare_hash(&format!("{HASH}?currency=CNY")));
        let s = Scenario::default();
        assert!(!is_bare_hash(&encode(&s)));
    }
}
