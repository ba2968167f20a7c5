//! Power Tuning's visualization hash: `b64(Int16 memory) ; b64(Float32 duration ms) ;
//! b64(Float32 cost)`, each a little-endian typed array, sorted by memory. The comparison
//! form appends a second run's three parts and the two URI-encoded run names (8 parts).
//!
//! The scenario link's extended form may also carry a duration or cost part as Float64
//! (8 bytes per memory size): runs read from Power Tuning's output JSON keep their own
//! precision there, since the analyzer compares them at that precision. The byte length
//! tells the two apart (4 or 8 per memory size), and a part is written as Float32
//! whenever Float32 holds every value exactly, so hashes of Power Tuning's links stay
//! exactly Power Tuning's.
//!
//! Decoding is tolerant of what pastes do to it (missing `=` padding, the URL-safe `-`/`_`
//! alphabet, a trailing `;`, spaces and line breaks); encoding writes exactly what Power
//! Tuning writes (standard alphabet, padded), so the hashes we produce open in its page.
//!
//! This module works on raw runs (no labels, no currency); `parse` and the scenario link
//! build `TuningRun`s from them.

use super::{TuningError, TuningPoint, MAX_POINTS};

/// The three arrays of one run, as in the hash (Float32 parts widened to f64 exactly).
#[derive(Debug, Clone, PartialEq)]
pub struct RawRun {
    pub memory: Vec<i16>,
    pub durations: Vec<f64>,
    pub costs: Vec<f64>,
}

/// A decoded hash: one or more runs, and names when the form carries them.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodedHash {
    pub runs: Vec<RawRun>,
    /// One name per run, or empty when the form has none (the 3-part form).
    pub names: Vec<String>,
}

/// Which part counts are accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// What Power Tuning writes: 3 parts, or 8 (two runs and their names).
    PowerTuning,
    /// Also `3k` data parts followed by `k` names for any `k` (4 parts = one named run),
    /// the extension the scenario link uses for one named run or three and more runs.
    Extended,
}

const PART_NAMES: [&str; 3] = ["memory sizes", "durations", "costs"];

/// Decodes a bare hash (no `#`, no URL).
pub fn decode(hash: &str, form: Form) -> Result<DecodedHash, TuningError> {
    let trimmed = hash.trim();
    // Parts that are all there but all empty say so, rather than "the hash is empty".
    let raw_parts = trimmed.split(';').count();
    if raw_parts > 1 && trimmed.split(';').all(|p| p.trim().is_empty()) {
        return Err(TuningError::new(format!(
            "the hash has {raw_parts} parts and all of them are empty: expected the memory \
             sizes, durations and costs, each in base64"
        )));
    }
    let valid = |n: usize| n == 3 || n == 8 || (form == Form::Extended && n % 4 == 0);
    // A trailing `;` (or several) beyond the parts a hash has is a paste artifact.
    let trimmed = if valid(raw_parts) {
        trimmed
    } else {
        trimmed.trim_end_matches(|c: char| c == ';' || c.is_whitespace())
    };
    if trimmed.is_empty() {
        return Err(TuningError::new(
            "the hash is empty: a Power Tuning hash is three parts of base64 (memory sizes, \
             durations and costs) separated by semicolons",
        ));
    }
    let parts: Vec<&str> = trimmed.split(';').map(str::trim).collect();
    let n = parts.len();
    let (runs, named) = match (n, form) {
        (3, _) => (1, false),
        (8, _) => (2, true),
        (n, Form::Extended) if n % 4 == 0 => (n / 4, true),
        _ => {
            let expected = match form {
                Form::PowerTuning => "3 parts separated by semicolons (8 for two runs)",
                Form::Extended => {
                    "3 parts separated by semicolons (or 4 per run: 3 each, then a name each)"
                }
            };
            let found = if n == 1 {
                "no semicolons".to_string()
            } else {
                format!("the hash has {n} parts")
            };
            return Err(TuningError::new(format!(
                "{found}; a Power Tuning hash has {expected}"
            )));
        }
    };
    let label = |r: usize, i: usize| {
        if runs == 1 {
            format!("part {} ({})", i + 1, PART_NAMES[i])
        } else {
            format!("part {} (run {} {})", r * 3 + i + 1, r + 1, PART_NAMES[i])
        }
    };
    // A hash with all its parts but some of them empty says which.
    let empty: Vec<String> = (0..runs)
        .flat_map(|r| (0..3).map(move |i| (r, i)))
        .filter(|&(r, i)| parts.get(r * 3 + i).is_none_or(|p| p.is_empty()))
        .map(|(r, i)| label(r, i))
        .collect();
    if !empty.is_empty() {
        return Err(TuningError::new(format!(
            "the hash has {n} parts, but {} {}: each must hold base64 numbers",
            and_list(&empty),
            if empty.len() == 1 {
                "is empty"
            } else {
                "are empty"
            }
        )));
    }
    let mut out = DecodedHash {
        runs: Vec::with_capacity(runs),
        names: Vec::new(),
    };
    for r in 0..runs {
        let at = |i: usize| parts.get(r * 3 + i).copied().unwrap_or("");
        let label = |i: usize| label(r, i);
        let mem_bytes = base64_decode(at(0)).map_err(|e| e.within(&label(0)))?;
        let memory = int16s(&mem_bytes).map_err(|e| e.within(&label(0)))?;
        let float64_len = (form == Form::Extended && !memory.is_empty()).then(|| memory.len() * 8);
        let durations = floats(
            &base64_decode(at(1)).map_err(|e| e.within(&label(1)))?,
            float64_len,
        )
        .map_err(|e| e.within(&label(1)))?;
        let costs = floats(
            &base64_decode(at(2)).map_err(|e| e.within(&label(2)))?,
            float64_len,
        )
        .map_err(|e| e.within(&label(2)))?;
        if memory.len() > MAX_POINTS {
            return Err(TuningError::new(format!(
                "{}: {} memory sizes; at most {MAX_POINTS} are accepted",
                label(0),
                memory.len()
            )));
        }
        if durations.len() != memory.len() || costs.len() != memory.len() {
            return Err(TuningError::new(format!(
                "{}the parts disagree: {} memory sizes, {} durations, {} costs (expected one of each per memory size)",
                if runs == 1 { String::new() } else { format!("run {}: ", r + 1) },
                memory.len(),
                durations.len(),
                costs.len()
            )));
        }
        if memory.is_empty() {
            return Err(TuningError::new(format!(
                "{}: no memory sizes (the part is empty)",
                label(0)
            )));
        }
        out.runs.push(RawRun {
            memory,
            durations,
            costs,
        });
    }
    if named {
        for r in 0..runs {
            let raw = parts.get(runs * 3 + r).copied().unwrap_or("");
            let name = uri_decode(raw).map_err(|m| {
                TuningError::new(format!(
                    "part {} (name of run {}): {m}",
                    runs * 3 + r + 1,
                    r + 1
                ))
            })?;
            out.names.push(name);
        }
    }
    Ok(out)
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Encodes runs as a hash: one unnamed run gives Power Tuning's 3-part form; named runs
/// give `3k` data parts then `k` URI-encoded names (8 parts for two runs, which is Power
/// Tuning's comparison form). `names` must be empty or have one entry per run.
pub fn encode(runs: &[RawRun], names: &[String]) -> String {
    let mut parts: Vec<String> = Vec::with_capacity(runs.len() * 4);
    for r in runs {
        let mem: Vec<u8> = r.memory.iter().flat_map(|v| v.to_le_bytes()).collect();
        parts.push(base64_encode(&mem));
        parts.push(base64_encode(&float_bytes(&r.durations)));
        parts.push(base64_encode(&float_bytes(&r.costs)));
    }
    if names.len() == runs.len() {
        parts.extend(names.iter().map(|n| uri_encode(n)));
    }
    parts.join(";")
}

/// The raw arrays of points, in the order given, at their own precision; memory sizes
/// beyond Int16 saturate (valid memory sizes all fit).
pub fn raw_run<'a>(points: impl IntoIterator<Item = &'a TuningPoint>) -> RawRun {
    let mut raw = RawRun {
        memory: Vec::new(),
        durations: Vec::new(),
        costs: Vec::new(),
    };
    for p in points {
        raw.memory.push(p.memory_mb.min(i16::MAX as u32) as i16);
        raw.durations.push(p.duration_ms);
        raw.costs.push(p.cost_per_invocation);
    }
    raw
}

/// Whether Float32 holds `v` exactly (a NaN counts: it stays a NaN).
fn fits_f32(v: f64) -> bool {
    v.is_nan() || f64::from(v as f32) == v
}

/// A float part's bytes: Float32 when it holds every value exactly (what Power Tuning
/// writes), else Float64.
fn float_bytes(values: &[f64]) -> Vec<u8> {
    if values.iter().all(|&v| fits_f32(v)) {
        values
            .iter()
            .flat_map(|&v| (v as f32).to_le_bytes())
            .collect()
    } else {
        values.iter().flat_map(|v| v.to_le_bytes()).collect()
    }
}

/// Whether a bare hash is Power Tuning's combined visualization (`combined.html#`):
/// one base64 part holding a JSON object, where the 3-part hash has `;`-separated arrays.
pub fn is_combined(hash: &str) -> bool {
    let t = hash.trim().trim_end_matches(';');
    !t.is_empty()
        && !t.contains(';')
        && base64_decode(t)
            .is_ok_and(|b| b.iter().find(|c| !c.is_ascii_whitespace()) == Some(&b'{'))
}

/// Decodes the combined visualization's hash: base64 of a JSON object with `standard`
/// (memory, duration, cost per memory size) and `lmi` (per instance type and memory per
/// vCPU, `results` per concurrency level).
pub fn decode_combined(hash: &str) -> Result<serde_json::Value, TuningError> {
    let t = hash.trim().trim_end_matches(';');
    let bytes = base64_decode(t).map_err(|e| e.within("the combined visualization"))?;
    let text = std::str::from_utf8(&bytes).map_err(|_| {
        TuningError::new(
            "the combined visualization does not decode to text (expected base64 JSON)",
        )
    })?;
    serde_json::from_str(text).map_err(|e| {
        TuningError::new(format!(
            "the combined visualization does not decode to JSON: {e}"
        ))
    })
}

fn int16s(bytes: &[u8]) -> Result<Vec<i16>, TuningError> {
    if bytes.len() % 2 != 0 {
        return Err(TuningError::new(format!(
            "its base64 decodes to {} bytes, but memory sizes take 2 bytes each (Int16)",
            bytes.len()
        )));
    }
    Ok(bytes
        .chunks_exact(2)
        .map(|c| i16::from_le_bytes([c[0], c[1]]))
        .collect())
}

/// Float32 values, or Float64 ones when the part has exactly `float64_len` bytes (the
/// scenario link's extension: 8 bytes per memory size).
fn floats(bytes: &[u8], float64_len: Option<usize>) -> Result<Vec<f64>, TuningError> {
    if float64_len == Some(bytes.len()) {
        return Ok(bytes
            .chunks_exact(8)
            .map(|c| f64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
            .collect());
    }
    if bytes.len() % 4 != 0 {
        return Err(TuningError::new(format!(
            "its base64 decodes to {} bytes, but each value takes 4 bytes (Float32)",
            bytes.len()
        )));
    }
    Ok(bytes
        .chunks_exact(4)
        .map(|c| f64::from(f32::from_le_bytes([c[0], c[1], c[2], c[3]])))
        .collect())
}

// Hand-written rather than the `base64` crate: with base64 0.22 (a lenient engine
// behind the same position-naming pre-pass) the release Wasm measured 852,332 bytes,
// 340,732 gzip -9, against 841,590 and 336,895 with this codec (+10.7 KB, +3.8 KB gzip;
// 2026-11-29), and the pre-pass is most of this decoder anyway.
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding, as `Buffer.toString('base64')` writes it.
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Decodes base64 in the standard or URL-safe alphabet, with or without `=` padding;
/// spaces and line breaks are skipped. Errors give the character position (1-based).
pub fn base64_decode(text: &str) -> Result<Vec<u8>, TuningError> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    let mut digits = 0usize;
    let mut padding_at: Option<usize> = None;
    for (i, ch) in text.chars().enumerate() {
        let pos = i + 1;
        if ch.is_whitespace() {
            continue;
        }
        if ch == '=' {
            padding_at.get_or_insert(pos);
            continue;
        }
        if let Some(p) = padding_at {
            return Err(TuningError::new(format!(
                "character {pos} ('{}') comes after the padding (=) at character {p}, and padding may only end a part",
                shown(ch)
            )));
        }
        let v = match ch {
            'A'..='Z' => ch as u32 - 'A' as u32,
            'a'..='z' => ch as u32 - 'a' as u32 + 26,
            '0'..='9' => ch as u32 - '0' as u32 + 52,
            '+' | '-' => 62,
            '/' | '_' => 63,
            _ => {
                return Err(TuningError::new(format!(
                    "character {pos} ('{}') is not base64 (expected A-Z, a-z, 0-9, +, /, - or _)",
                    shown(ch)
                )))
            }
        };
        acc = (acc << 6) | v;
        bits += 6;
        digits += 1;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if digits % 4 == 1 {
        return Err(TuningError::new(format!(
            "the base64 is cut short: {digits} characters do not make whole bytes (every 4 characters make 3 bytes, and 1 left over cannot)"
        )));
    }
    if digits == 0 {
        return Ok(Vec::new());
    }
    Ok(out)
}

/// A character as a message may show it: control characters and bidirectional
/// overrides escaped, as everywhere user text is echoed.
fn shown(ch: char) -> String {
    if ch == ' ' {
        return " ".into();
    }
    crate::input::echo(&ch.to_string(), 12)
}

/// `encodeURIComponent`.
pub fn uri_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'_' | b'.' | b'!' | b'~' | b'*' | b'\'' | b'(' | b')'
            )
        {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `decodeURIComponent`, with an error instead of an exception.
pub fn uri_decode(text: &str) -> Result<String, String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            match hex {
                Some(v) => out.push(v),
                None => return Err(format!("bad percent-encoding at character {}", i + 1)),
            }
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| "not valid UTF-8 after percent-decoding".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_node() {
        assert_eq!(base64_encode(&[1, 0, 2, 0, 3, 0]), "AQACAAMA");
        assert_eq!(
            base64_encode(&[0x80, 0, 0, 1, 0, 2, 0, 4, 0, 8]),
            "gAAAAQACAAQACA=="
        );
        assert_eq!(base64_encode(b"f"), "Zg==");
        assert_eq!(base64_encode(b"fo"), "Zm8=");
        assert_eq!(base64_encode(b""), "");
        for s in ["Zg==", "Zg", "Zg=", "Z g=="] {
            assert_eq!(base64_decode(s).unwrap(), b"f", "{s}");
        }
        assert_eq!(
            base64_decode("-_8").unwrap(),
            base64_decode("+/8=").unwrap()
        );
    }

    #[test]
    fn base64_errors_say_where() {
        let e = base64_decode("AB*D").unwrap_err();
        assert!(e.message.contains("character 3 ('*')"), "{e}");
        let e = base64_decode("ABCDE").unwrap_err();
        assert!(e.message.contains("cut short"), "{e}");
        let e = base64_decode("AB=CD").unwrap_err();
        assert!(e.message.contains("padding"), "{e}");
        // Found by the fuzz test: a bidirectional override must not reach the message raw.
        let e = base64_decode("\u{202a}AAA").unwrap_err();
        assert!(e.message.contains("('\\u{202a}')"), "{e}");
    }

    #[test]
    fn unit_test_hash() {
        let d = decode(
            "AQACAAMA;AAAAQAAAAEAAAIA/;AABAQAAAAEAAAABA",
            Form::PowerTuning,
        )
        .unwrap();
        assert_eq!(d.runs[0].memory, vec![1, 2, 3]);
        assert_eq!(d.runs[0].durations, vec![2.0, 2.0, 1.0]);
        assert_eq!(d.runs[0].costs, vec![3.0, 2.0, 2.0]);
        assert!(d.names.is_empty());
        assert_eq!(
            encode(&d.runs, &[]),
            "AQACAAMA;AAAAQAAAAEAAAIA/;AABAQAAAAEAAAABA"
        );
    }

    #[test]
    fn part_counts() {
        let e = decode("AQACAAMA;AAAAQAAAAEAAAIA/", Form::PowerTuning).unwrap_err();
        assert!(
            e.message.contains(
                "the hash has 2 parts; a Power Tuning hash has 3 parts separated by semicolons"
            ),
            "{e}"
        );
        let e = decode("AQACAAMA", Form::PowerTuning).unwrap_err();
        assert!(
            e.message.starts_with("no semicolons; a Power Tuning hash"),
            "{e}"
        );
        // Three parts, some empty: said as such, not "1 part".
        let e = decode("AQACAAMA;;", Form::PowerTuning).unwrap_err();
        assert_eq!(
            e.message,
            "the hash has 3 parts, but part 2 (durations) and part 3 (costs) are empty: \
             each must hold base64 numbers"
        );
        let e = decode(";AACAPw==;AACAPw==", Form::PowerTuning).unwrap_err();
        assert!(
            e.message.contains("but part 1 (memory sizes) is empty"),
            "{e}"
        );
        let one = "AQACAAMA;AAAAQAAAAEAAAIA/;AABAQAAAAEAAAABA";
        let four = format!("{one};bmFtZQ");
        assert!(decode(&four, Form::PowerTuning).is_err());
        let d = decode(&format!("{one};x%20y"), Form::Extended).unwrap();
        assert_eq!(d.names, vec!["x y"]);
        let d = decode(&format!("{one};{one};a;b%3Bc;"), Form::PowerTuning).unwrap();
        assert_eq!(d.runs.len(), 2);
        assert_eq!(d.names, vec!["a", "b;c"]);
        let e = decode(&format!("{one};;AA;AA;a;b"), Form::PowerTuning).unwrap_err();
        assert!(
            e.message
                .contains("but part 4 (run 2 memory sizes) is empty"),
            "{e}"
        );
    }

    #[test]
    fn mismatched_lengths() {
        let e = decode("AQACAAMA;AAAAQAAAAEA;AABAQAAAAEAAAABA", Form::PowerTuning).unwrap_err();
        assert!(
            e.message.contains("3 memory sizes, 2 durations, 3 costs"),
            "{e}"
        );
        let e = decode("AQACAAMA;AAAAQAAAAE;AABAQAAAAEAAAABA", Form::PowerTuning).unwrap_err();
        assert!(
            e.message
                .contains("part 2 (durations): its base64 decodes to 7 bytes"),
            "{e}"
        );
        let e = decode("AQACAAM;AAAAQAAAAEA;AABAQAAAAEAAAABA", Form::PowerTuning).unwrap_err();
        assert!(
            e.message
                .contains("part 1 (memory sizes): its base64 decodes to 5 bytes"),
            "{e}"
        );
    }

    #[test]
    fn combined_visualization_is_base64_json() {
        let h = base64_encode(br#"{"lmi":[]}"#);
        assert!(is_combined(&h));
        assert_eq!(decode_combined(&h).unwrap()["lmi"], serde_json::json!([]));
        // A memory-run hash is not one, nor is its first part alone.
        assert!(!is_combined("AQACAAMA;AAAAQAAAAEAAAIA/;AABAQAAAAEAAAABA"));
        assert!(!is_combined("AQACAAMA"));
        let e = decode_combined(&base64_encode(b"{oops")).unwrap_err();
        assert!(e.message.contains("does not decode to JSON"), "{e}");
    }

    #[test]
    fn uri_component_round_trip() {
        let s = "x86_64 (before); ünï & co";
        assert_eq!(uri_decode(&uri_encode(s)).unwrap(), s);
        assert_eq!(uri_encode("a b"), "a%20b");
        assert!(uri_decode("%E0%A4%A").is_err());
    }
}
