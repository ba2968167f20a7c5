//! One paste into runs: Power Tuning's output JSON in every shape seen in the wild, a
//! visualization link, or a bare hash. Anything else gets a message naming the part,
//! character or field and what was expected.
//!
//! JSON shapes: the bare Analyzer output (`power`, `cost`, `duration`, `stateMachine`,
//! optional `stats`), wrapped in `results` (older docs) or `output` (console and CLI;
//! `aws stepfunctions describe-execution` gives it as a JSON string), `power` as a number
//! or a string. Points come from `stats` when present (entries without a duration are
//! skipped, as the Analyzer does), else from `stateMachine.visualization`, else the one
//! optimal point (`power`, `cost`, `duration`).

use super::hash::{self, Form, RawRun};
use super::{default_label, Currency, TuningError, TuningPoint, TuningRun, MAX_INPUT_BYTES};
use serde_json::Value;

/// What one paste gave.
#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    /// One run, or two from a comparison link.
    pub runs: Vec<TuningRun>,
    /// The configuration Power Tuning's output reports as optimal (JSON only).
    pub optimal: Option<TuningPoint>,
    /// What the reader should know: skipped entries, a missing visualization, CNY.
    pub notices: Vec<String>,
}

/// Reads a paste. Runs without a name are labeled "Run 1", "Run 2" (`default_label`).
pub fn parse(text: &str) -> Result<Import, TuningError> {
    parse_at(text, 0)
}

/// `parse` of text found `depth` wrappers deep (a JSON string holding the output).
fn parse_at(text: &str, depth: usize) -> Result<Import, TuningError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(TuningError::new(format!(
            "the paste is too large ({} bytes; at most {MAX_INPUT_BYTES}, 1 MB)",
            text.len()
        )));
    }
    let t = text.trim_start_matches('\u{feff}').trim();
    if t.is_empty() {
        return Err(TuningError::new(
            "the paste is empty: expected Power Tuning's output JSON, its visualization link or the hash",
        ));
    }
    if t.starts_with('{') || t.starts_with('[') || t.starts_with('"') {
        let value: Value = serde_json::from_str(t)
            .map_err(|e| TuningError::new(format!("the paste is not valid JSON: {e}")))?;
        from_json(&value, depth)
    } else {
        let (runs, notices) = from_link(t)?;
        Ok(Import {
            runs,
            optimal: None,
            notices,
        })
    }
}

/// A visualization link (`https://lambda-power-tuning.show/#…`, with `?currency=CNY`
/// or not) or a bare hash, in Power Tuning's forms (3 or 8 parts).
pub fn from_link(text: &str) -> Result<(Vec<TuningRun>, Vec<String>), TuningError> {
    let t = text.trim();
    let (before, hash_text) = match t.split_once('#') {
        Some((b, h)) => (b, h),
        None if t.contains("://") => {
            return Err(TuningError::new(
                "the link has no `#` part: expected https://lambda-power-tuning.show/#<hash>",
            ))
        }
        None => ("", t),
    };
    // The query belongs before `#`; tolerate it after the hash too.
    let (hash_text, after) = hash_text.split_once('?').unwrap_or((hash_text, ""));
    let mut currency = Currency::Usd;
    for query in [before.split_once('?').map_or("", |q| q.1), after] {
        for pair in query.split('&') {
            if let Some(code) = pair.strip_prefix("currency=") {
                currency = Currency::parse(code).ok_or_else(|| {
                    let shown = crate::input::echo(code, 12);
                    TuningError::new(format!(
                        "currency \"{shown}\" is not one Power Tuning writes (expected USD or CNY)"
                    ))
                })?;
            }
        }
    }
    // A hash copied through a URL encoder has its `;` as %3B.
    let decoded;
    let hash_text = if !hash_text.contains(';') && hash_text.to_ascii_lowercase().contains("%3b") {
        decoded =
            hash::uri_decode(hash_text).map_err(|m| TuningError::new(format!("the hash: {m}")))?;
        decoded.as_str()
    } else {
        hash_text
    };
    let d = hash::decode(hash_text, Form::PowerTuning)?;
    let runs = runs_from_hash(&d.runs, &d.names, currency, 0)?;
    let mut notices = Vec::new();
    if currency == Currency::Cny {
        notices.push(cny_notice());
    }
    Ok((runs, notices))
}

fn cny_notice() -> String {
    "Power Tuning's costs are in CNY (a China region): they are shown as they are and not \
     compared with the USD rate card."
        .to_string()
}

/// Runs from decoded arrays; `first` is the index of the first run (for default labels).
pub(crate) fn runs_from_hash(
    raw: &[RawRun],
    names: &[String],
    currency: Currency,
    first: usize,
) -> Result<Vec<TuningRun>, TuningError> {
    let many = raw.len() > 1;
    raw.iter()
        .enumerate()
        .map(|(r, run)| {
            let points = run
                .memory
                .iter()
                .zip(&run.durations)
                .zip(&run.costs)
                .map(|((&m, &d), &c)| {
                    if m <= 0 {
                        // Int16 can hold what no memory size is.
                        Err(m)
                    } else {
                        Ok(TuningPoint {
                            memory_mb: m as u32,
                            duration_ms: f64::from(d),
                            cost_per_invocation: f64::from(c),
                        })
                    }
                })
                .enumerate()
                .map(|(i, p)| {
                    p.map_err(|m| {
                        TuningError::new(format!(
                            "{}value {} of the memory sizes is {m} MB (expected a positive whole number of MB)",
                            if many { format!("run {}: ", r + 1) } else { String::new() },
                            i + 1
                        ))
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            let label = names
                .get(r)
                .filter(|n| !n.trim().is_empty())
                .cloned()
                .unwrap_or_else(|| default_label(first + r));
            TuningRun::new(label, points, currency, |i| {
                format!(
                    "{}memory size {} ({} MB)",
                    if many { format!("run {}, ", r + 1) } else { String::new() },
                    i + 1,
                    run.memory.get(i).copied().unwrap_or(0)
                )
            })
        })
        .collect()
}

fn from_json(v: &Value, depth: usize) -> Result<Import, TuningError> {
    if depth > 4 {
        return Err(TuningError::new(
            "the JSON is wrapped too deeply (expected at most a few levels of `results` / `output`)",
        ));
    }
    match v {
        Value::String(s) if depth < 4 => {
            // `output` as a JSON string (describe-execution), or a quoted link.
            // The depth carries on inside the string, so the wrappers stay few.
            parse_at(s, depth + 1).map_err(|e| e.within("the JSON string"))
        }
        Value::Array(stats) => {
            let (runs, notices) = from_stats(stats, "", Currency::Usd)?;
            Ok(Import {
                runs,
                optimal: None,
                notices,
            })
        }
        Value::Object(map) => {
            for key in ["output", "results", "Output"] {
                if let Some(inner) = map.get(key) {
                    if !map.contains_key("power") && !map.contains_key("stats") {
                        return from_json(inner, depth + 1)
                            .map_err(|e| e.within(&format!("in `{key}`")));
                    }
                }
            }
            from_output(map)
        }
        other => Err(TuningError::new(format!(
            "expected Power Tuning's output (a JSON object), found {}",
            kind(other)
        ))),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A number, or a string holding one (Power Tuning writes `power` both ways).
fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok().filter(|x| x.is_finite()),
        _ => None,
    }
}

fn memory(v: &Value, field: &str) -> Result<u32, TuningError> {
    match number(v) {
        Some(m) if m.fract() == 0.0 && m >= 1.0 && m <= i16::MAX as f64 => Ok(m as u32),
        _ => Err(TuningError::new(format!(
            "{field}: expected a memory size in MB (a positive whole number), found {}",
            clip(v)
        ))),
    }
}

fn required(
    map: &serde_json::Map<String, Value>,
    key: &str,
    field: &str,
) -> Result<f64, TuningError> {
    match map.get(key) {
        None => Err(TuningError::new(format!("{field}: missing"))),
        Some(v) => number(v).ok_or_else(|| {
            TuningError::new(format!("{field}: expected a number, found {}", clip(v)))
        }),
    }
}

fn clip(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 32 {
        format!("{}…", s.chars().take(32).collect::<String>())
    } else {
        s
    }
}

fn from_output(map: &serde_json::Map<String, Value>) -> Result<Import, TuningError> {
    let visualization = map
        .get("stateMachine")
        .and_then(|sm| sm.get("visualization"))
        .and_then(Value::as_str);
    let currency = match visualization {
        Some(url) if url.contains("currency=CNY") => Currency::Cny,
        _ => Currency::Usd,
    };
    let has_optimal = map.contains_key("power");
    let optimal = if has_optimal {
        let power = memory(map.get("power").unwrap_or(&Value::Null), "power")?;
        Some(TuningPoint {
            memory_mb: power,
            cost_per_invocation: required(map, "cost", "cost")?,
            duration_ms: required(map, "duration", "duration")?,
        })
    } else {
        None
    };
    let mut notices = Vec::new();
    let runs = if let Some(stats) = map.get("stats") {
        let Value::Array(stats) = stats else {
            return Err(TuningError::new(format!(
                "stats: expected an array of {{value, averagePrice, averageDuration}}, found {}",
                kind(stats)
            )));
        };
        let (runs, n) = from_stats(stats, "stats", currency)?;
        notices.extend(n);
        runs
    } else {
        let from_vis = visualization.map(|url| from_link(url).map(|(runs, _)| runs));
        match (from_vis, optimal) {
            (Some(Ok(runs)), _) => {
                if currency == Currency::Cny {
                    notices.push(cny_notice());
                }
                runs
            }
            (vis, Some(p)) => {
                let why = match vis {
                    Some(Err(e)) => format!("stateMachine.visualization could not be read ({e})"),
                    _ => "the output has neither `stats` nor `stateMachine.visualization`".into(),
                };
                notices.push(format!(
                    "{why}; only the optimal configuration ({} MB) is known. Paste the \
                     visualization link, or run Power Tuning with includeOutputResults, \
                     for every memory size.",
                    p.memory_mb
                ));
                vec![TuningRun::new(default_label(0), vec![p], currency, |_| {
                    "the optimal configuration (power, cost, duration)".into()
                })?]
            }
            (Some(Err(e)), None) => return Err(e.within("stateMachine.visualization")),
            (None, None) => {
                // Keys are user text: a few, clipped, so the message stays one short line.
                let mut keys: Vec<String> = map
                    .keys()
                    .take(4)
                    .map(|k| crate::input::echo(k, 12))
                    .collect();
                if map.len() > keys.len() {
                    keys.push("…".into());
                }
                return Err(TuningError::new(format!(
                    "expected Power Tuning's output (`power`, `cost`, `duration`, optionally \
                     `stats` or `stateMachine.visualization`), possibly in `results` or \
                     `output`; found {}",
                    if keys.is_empty() {
                        "an empty object".to_string()
                    } else {
                        format!("the keys {}", keys.join(", "))
                    }
                )));
            }
        }
    };
    if currency == Currency::Cny && !notices.iter().any(|n| n.contains("CNY")) {
        notices.push(cny_notice());
    }
    Ok(Import {
        runs,
        optimal,
        notices,
    })
}

/// Points from a `stats` array (`value`, `averagePrice`, `averageDuration`). Entries
/// without a duration are skipped, as the Analyzer's `extractStatistics` does.
fn from_stats(
    stats: &[Value],
    field: &str,
    currency: Currency,
) -> Result<(Vec<TuningRun>, Vec<String>), TuningError> {
    let name = |i: usize| {
        if field.is_empty() {
            format!("[{i}]")
        } else {
            format!("{field}[{i}]")
        }
    };
    if stats.len() > super::MAX_POINTS {
        return Err(TuningError::new(format!(
            "{}: {} entries; at most {} memory sizes are accepted",
            if field.is_empty() { "the array" } else { field },
            stats.len(),
            super::MAX_POINTS
        )));
    }
    let mut points = Vec::with_capacity(stats.len());
    let mut places = Vec::with_capacity(stats.len());
    let mut skipped = Vec::new();
    for (i, entry) in stats.iter().enumerate() {
        let Value::Object(e) = entry else {
            if entry.is_null() {
                skipped.push(name(i));
                continue;
            }
            return Err(TuningError::new(format!(
                "{}: expected an object {{value, averagePrice, averageDuration}}, found {}",
                name(i),
                kind(entry)
            )));
        };
        // `stat && stat.averageDuration`: missing, null and 0 are skipped.
        match e.get("averageDuration") {
            None | Some(Value::Null) => {
                skipped.push(name(i));
                continue;
            }
            Some(v) if number(v) == Some(0.0) => {
                skipped.push(name(i));
                continue;
            }
            _ => {}
        }
        let n = name(i);
        points.push(TuningPoint {
            memory_mb: memory(
                e.get("value").unwrap_or(&Value::Null),
                &format!("{n}.value"),
            )?,
            duration_ms: required(e, "averageDuration", &format!("{n}.averageDuration"))?,
            cost_per_invocation: required(e, "averagePrice", &format!("{n}.averagePrice"))?,
        });
        places.push(n);
    }
    let mut notices = Vec::new();
    if !skipped.is_empty() {
        notices.push(format!(
            "{} without a duration (skipped, as Power Tuning does): {}",
            if skipped.len() == 1 {
                "1 entry"
            } else {
                "entries"
            },
            skipped.join(", ")
        ));
    }
    if points.is_empty() {
        return Err(TuningError::new(format!(
            "{}: no entry has a duration (expected {{value, averagePrice, averageDuration}} per memory size)",
            if field.is_empty() { "the array" } else { field }
        )));
    }
    let run = TuningRun::new(default_label(0), points, currency, |i| {
        places.get(i).cloned().unwrap_or_default()
    })?;
    Ok((vec![run], notices))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_output_with_stats_unsorted() {
        let i = parse(
            r#"{"power": 256, "cost": 2e-7, "duration": 5,
                "stats": [{"value": 512, "averagePrice": 3e-7, "averageDuration": 4},
                          {"value": "256", "averagePrice": 2e-7, "averageDuration": 5},
                          {"value": 1024, "averagePrice": 1e-7},
                          null]}"#,
        )
        .unwrap();
        let r = &i.runs[0];
        assert_eq!(
            r.points.iter().map(|p| p.memory_mb).collect::<Vec<_>>(),
            [256, 512]
        );
        assert_eq!(i.optimal.unwrap().memory_mb, 256);
        assert!(
            i.notices[0].contains("stats[2], stats[3]"),
            "{:?}",
            i.notices
        );
    }

    #[test]
    fn describe_execution_output_is_a_json_string() {
        let inner = r#"{"power":"128","cost":2.1e-9,"duration":1,"stateMachine":{"visualization":"https://lambda-power-tuning.show/?currency=CNY#AQACAAMA;AAAAQAAAAEAAAIA/;AABAQAAAAEAAAABA"}}"#;
        let outer = serde_json::json!({"executionArn": "arn:x", "output": inner}).to_string();
        let i = parse(&outer).unwrap();
        assert_eq!(i.runs[0].points.len(), 3);
        assert_eq!(i.runs[0].currency, Currency::Cny);
        assert!(i.notices.iter().any(|n| n.contains("CNY")));
    }

    #[test]
    fn field_errors_name_the_field() {
        let e = parse(r#"{"stats": [{"value": "abc", "averagePrice": 1, "averageDuration": 2}]}"#)
            .unwrap_err();
        assert!(
            e.message
                .starts_with("stats[0].value: expected a memory size"),
            "{e}"
        );
        let e = parse(r#"{"results": {"power": 128, "cost": "x", "duration": 2}}"#).unwrap_err();
        assert!(e.message.contains("cost: expected a number"), "{e}");
        let e = parse(r#"{"hello": 1}"#).unwrap_err();
        assert!(e.message.contains("found the keys hello"), "{e}");
        let e = parse("{\"power\": 12").unwrap_err();
        assert!(e.message.contains("not valid JSON"), "{e}");
        let e = parse("https://lambda-power-tuning.show/").unwrap_err();
        assert!(e.message.contains("no `#` part"), "{e}");
        let e = parse("https://x/?currency=EUR#AQACAAMA;AAAAQAAAAEAAAIA/;AABAQAAAAEAAAABA")
            .unwrap_err();
        assert!(e.message.contains("EUR"), "{e}");
    }

    #[test]
    fn messages_about_user_text_stay_short() {
        // Regressions from tests/hostile_inputs.rs.
        let keys = serde_json::json!({"\u{0}\u{1b}[31m\n": 1, "k".repeat(5000): 2}).to_string();
        let e = parse(&keys).unwrap_err();
        assert!(
            e.message
                .ends_with("found the keys \\u{0}\\u{1b}[…, kkkkkkkkkkkk…"),
            "{e}"
        );
        let e = parse("https://x/?currency=\u{1b}[2J#AQACAAMA;AAAAQAAAAEAAAIA/;AABAQAAAAEAAAABA")
            .unwrap_err();
        assert!(
            e.message.starts_with("currency \"\\u{1b}[2J\" is not"),
            "{e}"
        );
        // `output` as a JSON string holding `output` as a JSON string…: the depth counts
        // across strings, so the message names a few wrappers, not one per level.
        let mut nested = serde_json::json!("x");
        for _ in 0..12 {
            nested = serde_json::json!({ "output": nested.to_string() });
        }
        let e = parse(&nested.to_string()).unwrap_err();
        assert!(e.message.contains("wrapped too deeply"), "{e}");
        assert!(e.message.len() < 200, "{e}");
    }

    #[test]
    fn negative_memory_in_a_hash() {
        // Int16 -128, 256, 512.
        let mem = hash::base64_encode(&[0x80, 0xff, 0, 1, 0, 2]);
        let e = parse(&format!("{mem};AAAAQAAAAEAAAIA/;AABAQAAAAEAAAABA")).unwrap_err();
        assert!(
            e.message.contains("value 1 of the memory sizes is -128 MB"),
            "{e}"
        );
    }
}
