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
//!
//! Lambda Managed Instances (LMI) output is told apart by `type: "lmi"`, `lmiStats`,
//! `memoryPerVCpu`, `bestConcurrency`, `stateMachine.lmiVisualization` or
//! `stateMachine.combinedVisualization`. Its runs are concurrency levels of an instance
//! type (`Import::lmi_runs`), read from the combined visualization (base64 JSON, every
//! level, instance types named), else the per-ratio `lmiVisualization` links (Int16 =
//! concurrency), else `lmiStats` (the best level of each ratio), else the optimal. Its
//! `power` is memory per vCPU: it never becomes a memory size.

use super::hash::{self, Form, RawRun};
use super::{
    default_label, ConcurrencyPoint, ConcurrencyRun, Currency, LmiOptimal, TuningError,
    TuningPoint, TuningRun, MAX_INPUT_BYTES, MAX_RUNS,
};
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
    /// Lambda Managed Instances runs: concurrency levels of an instance type.
    pub lmi_runs: Vec<ConcurrencyRun>,
    /// The optimal configuration when Power Tuning picked an LMI one.
    pub lmi_optimal: Option<LmiOptimal>,
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
    } else if let Some((hash_text, currency)) = combined_link(t) {
        let value = hash::decode_combined(hash_text)?;
        let (runs, lmi_runs) = from_combined(&value, currency)?;
        let mut notices = Vec::new();
        if currency == Currency::Cny {
            notices.push(cny_notice());
        }
        notices.extend(lmi_notice(&lmi_runs));
        Ok(Import {
            runs,
            optimal: None,
            notices,
            lmi_runs,
            lmi_optimal: None,
        })
    } else {
        let (runs, notices) = from_link(t)?;
        Ok(Import {
            runs,
            optimal: None,
            notices,
            lmi_runs: Vec::new(),
            lmi_optimal: None,
        })
    }
}

/// The hash of a combined visualization link (`…/combined.html#<base64 JSON>`, or such a
/// hash alone), with the link's currency.
fn combined_link(text: &str) -> Option<(&str, Currency)> {
    let (before, hash_text) = text.split_once('#').unwrap_or(("", text));
    let (hash_text, after) = hash_text.split_once('?').unwrap_or((hash_text, ""));
    let currency = if before.contains("currency=CNY") || after.contains("currency=CNY") {
        Currency::Cny
    } else {
        Currency::Usd
    };
    (before.contains("combined.html") || hash::is_combined(hash_text))
        .then_some((hash_text, currency))
}

/// The plain-language lead of a paste that is none of the forms Power Tuning writes.
pub const NOT_POWER_TUNING: &str = "this is not Power Tuning output or a visualization link";

/// A visualization link (`https://lambda-power-tuning.show/#…`, with `?currency=CNY`
/// or not) or a bare hash, in Power Tuning's forms (3 or 8 parts).
pub fn from_link(text: &str) -> Result<(Vec<TuningRun>, Vec<String>), TuningError> {
    let t = text.trim();
    let (before, hash_text) = match t.split_once('#') {
        Some((b, h)) => (b, h),
        None if t.contains("://") => {
            return Err(TuningError::new(
                "the link has no hash: a visualization link ends with # and the hash, as in \
                 https://lambda-power-tuning.show/#AQACAAMA;…",
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
    // One part and no link around it: most likely not Power Tuning's at all.
    let d = hash::decode(hash_text, Form::PowerTuning).map_err(|e| {
        if before.is_empty() && !hash_text.contains(';') {
            TuningError::new(format!("{NOT_POWER_TUNING}: {}", e.message))
        } else {
            e
        }
    })?;
    let runs = runs_from_hash(&d.runs, &d.names, currency, 0)?;
    let mut notices = Vec::new();
    if currency == Currency::Cny {
        notices.push(cny_notice());
    }
    if runs
        .iter()
        .flat_map(|r| &r.points)
        .all(|p| p.memory_mb < 128)
    {
        notices.push(
            "Every value is below Lambda's 128 MB minimum. If this link is one of Power \
             Tuning's lmiVisualization links (Lambda Managed Instances), its values are \
             concurrency levels, not memory sizes: paste the whole output or its \
             combinedVisualization link instead."
                .into(),
        );
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
                            duration_ms: d,
                            cost_per_invocation: c,
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
            "the JSON is wrapped too deeply (expected at most a few levels of \"results\" or \"output\")",
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
                lmi_runs: Vec::new(),
                lmi_optimal: None,
            })
        }
        Value::Object(map) => {
            for key in ["output", "results", "Output"] {
                if let Some(inner) = map.get(key) {
                    if !map.contains_key("power") && !map.contains_key("stats") {
                        return from_json(inner, depth + 1)
                            .map_err(|e| e.within(&format!("in \"{key}\"")));
                    }
                }
            }
            from_output(map)
        }
        other => Err(TuningError::new(format!(
            "{NOT_POWER_TUNING}: Power Tuning's output is a JSON object, this is {}",
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
        Value::String(s) => crate::decimal::parse(s.trim()).filter(|x| x.is_finite()),
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
    let lmi = is_lmi_output(map).then(|| lmi_from_output(map, currency));
    // An LMI optimal's `power` is memory per vCPU, never a memory size.
    let lmi_optimal_picked = map.get("type").and_then(Value::as_str) == Some("lmi");
    let has_optimal = map.contains_key("power") && !lmi_optimal_picked;
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
                    _ => "the output has neither its stats nor its visualization link \
                          (stateMachine.visualization)"
                        .into(),
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
            (None, None) if lmi.is_some() => Vec::new(),
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
                    "{NOT_POWER_TUNING}: it has no power, cost, duration or stats; found {}",
                    if keys.is_empty() {
                        "an empty object".to_string()
                    } else {
                        format!("the keys {}", keys.join(", "))
                    }
                )));
            }
        }
    };
    let (mut runs, mut lmi_runs, mut lmi_optimal) = (runs, Vec::new(), None);
    match lmi {
        None => {}
        Some(Ok(part)) => {
            if runs.is_empty() {
                runs = part.standard;
            }
            notices.extend(part.notices);
            notices.extend(lmi_notice(&part.runs));
            lmi_runs = part.runs;
            lmi_optimal = part.optimal;
        }
        Some(Err(e)) if runs.is_empty() => return Err(e),
        Some(Err(e)) => notices.push(format!(
            "The Lambda Managed Instances results could not be read ({e}); only the memory runs were imported."
        )),
    }
    if currency == Currency::Cny && !notices.iter().any(|n| n.contains("CNY")) {
        notices.push(cny_notice());
    }
    Ok(Import {
        runs,
        optimal,
        notices,
        lmi_runs,
        lmi_optimal,
    })
}

/// Keys only Power Tuning's Lambda Managed Instances output has.
fn is_lmi_output(map: &serde_json::Map<String, Value>) -> bool {
    let sm = map.get("stateMachine");
    map.get("type").and_then(Value::as_str) == Some("lmi")
        || ["lmiStats", "memoryPerVCpu", "bestConcurrency"]
            .iter()
            .any(|k| map.contains_key(*k))
        || ["lmiVisualization", "combinedVisualization"]
            .iter()
            .any(|k| sm.and_then(|sm| sm.get(*k)).is_some())
}

/// What an output's LMI parts gave.
struct LmiPart {
    runs: Vec<ConcurrencyRun>,
    optimal: Option<LmiOptimal>,
    /// Memory runs from the combined visualization, used when the output has no other.
    standard: Vec<TuningRun>,
    notices: Vec<String>,
}

impl LmiPart {
    /// The part with `runs` from one source: what that source leaves out (`notice`), then
    /// each richer source that could not be read.
    fn with_runs(
        mut self,
        runs: Vec<ConcurrencyRun>,
        notice: Option<&str>,
        problems: &[TuningError],
    ) -> Self {
        self.notices.extend(notice.map(str::to_string));
        self.notices
            .extend(problems.iter().map(|e| format!("Not read: {e}.")));
        self.runs = runs;
        self
    }
}

/// Reads an LMI output's concurrency runs from its richest source (see the module doc).
fn lmi_from_output(
    map: &serde_json::Map<String, Value>,
    currency: Currency,
) -> Result<LmiPart, TuningError> {
    let sm = map.get("stateMachine");
    let optimal = if map.get("type").and_then(Value::as_str) == Some("lmi") {
        let ratio = map
            .get("memoryPerVCpu")
            .or_else(|| map.get("power"))
            .and_then(number);
        Some(LmiOptimal {
            instance_type: map
                .get("instanceType")
                .and_then(Value::as_str)
                .map(|t| crate::input::echo(t, 32)),
            memory_per_vcpu_gib: ratio.ok_or_else(|| {
                TuningError::new(
                    "memoryPerVCpu: expected the memory per vCPU of the LMI optimal (GiB)",
                )
            })?,
            best_concurrency: match map.get("bestConcurrency") {
                None => None,
                Some(v) => Some(concurrency(v, "bestConcurrency")?),
            },
            duration_ms: required(map, "duration", "duration")?,
            cost_per_invocation: required(map, "cost", "cost")?,
        })
    } else {
        None
    };
    let mut part = LmiPart {
        runs: Vec::new(),
        optimal,
        standard: Vec::new(),
        notices: Vec::new(),
    };
    let mut problems: Vec<TuningError> = Vec::new();

    if let Some(v) = sm.and_then(|sm| sm.get("combinedVisualization")) {
        let place = "stateMachine.combinedVisualization";
        let read = match v.as_str() {
            Some(url) => combined_link(url)
                .map(|(h, cur)| (h, if cur == Currency::Cny { cur } else { currency }))
                .ok_or_else(|| TuningError::new("not a combined visualization link"))
                .and_then(|(h, cur)| from_combined(&hash::decode_combined(h)?, cur)),
            None => Err(TuningError::new(format!(
                "expected a link, found {}",
                kind(v)
            ))),
        };
        match read {
            Ok((standard, runs)) if !runs.is_empty() => {
                part.standard = standard;
                part.runs = runs;
                return Ok(part);
            }
            Ok((standard, _)) => part.standard = standard,
            Err(e) => problems.push(e.within(place)),
        }
    }

    // The per-ratio links do not name their instance type (and Power Tuning keeps one
    // link per ratio, the last type tested): name them only when one type was tested.
    let stats_types: Vec<&str> = match map.get("lmiStats") {
        Some(Value::Array(a)) => {
            let mut t: Vec<&str> = a
                .iter()
                .filter_map(|e| e.get("instanceType").and_then(Value::as_str))
                .collect();
            t.sort_unstable();
            t.dedup();
            t
        }
        _ => Vec::new(),
    };
    let hint = match stats_types.as_slice() {
        [one] => Some(*one),
        [] => map.get("instanceType").and_then(Value::as_str),
        _ => None,
    };
    if let Some(v) = sm.and_then(|sm| sm.get("lmiVisualization")) {
        match from_lmi_links(v, hint, currency) {
            Ok(runs) if !runs.is_empty() => {
                let unnamed = hint.is_none().then_some(
                    "The lmiVisualization links do not say which instance type they measured; \
                     paste the combinedVisualization link for runs named by Power Tuning.",
                );
                return Ok(part.with_runs(runs, unnamed, &problems));
            }
            Ok(_) => {}
            Err(e) => problems.push(e.within("stateMachine.lmiVisualization")),
        }
    }

    if let Some(v) = map.get("lmiStats") {
        match from_lmi_stats(v, currency) {
            Ok(runs) if !runs.is_empty() => {
                let best_only = "Only the best concurrency of each memory-per-vCPU ratio is known \
                     (lmiStats); paste the combinedVisualization link for every level.";
                return Ok(part.with_runs(runs, Some(best_only), &problems));
            }
            Ok(_) => {}
            Err(e) => problems.push(e.within("lmiStats")),
        }
    }

    if let Some(o) = &part.optimal {
        if let Some(c) = o.best_concurrency {
            let point = ConcurrencyPoint {
                concurrency: c,
                duration_ms: o.duration_ms,
                cost_per_invocation: o.cost_per_invocation,
                throughput: None,
            };
            let run = ConcurrencyRun::new(
                o.instance_type.as_deref(),
                o.memory_per_vcpu_gib,
                vec![point],
                currency,
                |_| "the optimal configuration (bestConcurrency, cost, duration)".into(),
            )?;
            let optimal_only = "Only Power Tuning's optimal LMI configuration is known; paste \
                 the combinedVisualization link for every concurrency level.";
            return Ok(part.with_runs(vec![run], Some(optimal_only), &problems));
        }
    }
    if !part.standard.is_empty() {
        return Ok(part);
    }
    Err(problems.into_iter().next().unwrap_or_else(|| {
        TuningError::new(
            "this is Power Tuning's Lambda Managed Instances output, but it has no concurrency \
             results: paste its combinedVisualization link",
        )
    }))
}

/// A concurrency level: a positive whole number (Int16 in Power Tuning's links).
fn concurrency(v: &Value, field: &str) -> Result<u32, TuningError> {
    match number(v) {
        Some(c) if c.fract() == 0.0 && c >= 1.0 && c <= i16::MAX as f64 => Ok(c as u32),
        _ => Err(TuningError::new(format!(
            "{field}: expected a concurrency level (a positive whole number), found {}",
            clip(v)
        ))),
    }
}

fn array<'v>(v: &'v Value, field: &str, of: &str) -> Result<&'v [Value], TuningError> {
    match v {
        Value::Array(a) if a.len() <= super::MAX_POINTS => Ok(a),
        Value::Array(a) => Err(TuningError::new(format!(
            "{field}: {} entries; at most {} are accepted",
            a.len(),
            super::MAX_POINTS
        ))),
        other => Err(TuningError::new(format!(
            "{field}: expected an array of {of}, found {}",
            kind(other)
        ))),
    }
}

/// The combined visualization's JSON: `standard` into a memory run, each `lmi` entry
/// into a concurrency run.
fn from_combined(
    v: &Value,
    currency: Currency,
) -> Result<(Vec<TuningRun>, Vec<ConcurrencyRun>), TuningError> {
    let Value::Object(m) = v else {
        return Err(TuningError::new(format!(
            "the combined visualization: expected a JSON object with standard or lmi results, found {}",
            kind(v)
        )));
    };
    if !m.contains_key("standard") && !m.contains_key("lmi") {
        return Err(TuningError::new(
            "the combined visualization has neither standard nor lmi results",
        ));
    }
    let mut standard = Vec::new();
    if let Some(v) = m.get("standard") {
        let entries = array(v, "standard", "{memory, duration, cost}")?;
        let mut points = Vec::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            let Value::Object(e) = e else {
                return Err(TuningError::new(format!(
                    "standard[{i}]: expected an object {{memory, duration, cost}}, found {}",
                    kind(e)
                )));
            };
            points.push(TuningPoint {
                memory_mb: memory(
                    e.get("memory").unwrap_or(&Value::Null),
                    &format!("standard[{i}].memory"),
                )?,
                duration_ms: required(e, "duration", &format!("standard[{i}].duration"))?,
                cost_per_invocation: required(e, "cost", &format!("standard[{i}].cost"))?,
            });
        }
        if !points.is_empty() {
            standard.push(TuningRun::new(default_label(0), points, currency, |i| {
                format!("standard[{i}]")
            })?);
        }
    }
    let mut runs = Vec::new();
    if let Some(v) = m.get("lmi") {
        let entries = array(v, "lmi", "{memoryPerVCpu, instanceType, results}")?;
        if entries.len() > MAX_RUNS {
            return Err(TuningError::new(format!(
                "lmi: {} configurations; at most {MAX_RUNS} are accepted",
                entries.len()
            )));
        }
        for (i, e) in entries.iter().enumerate() {
            let Value::Object(e) = e else {
                return Err(TuningError::new(format!(
                    "lmi[{i}]: expected an object {{memoryPerVCpu, instanceType, results}}, found {}",
                    kind(e)
                )));
            };
            let ratio = required(e, "memoryPerVCpu", &format!("lmi[{i}].memoryPerVCpu"))?;
            let results = array(
                e.get("results").unwrap_or(&Value::Null),
                &format!("lmi[{i}].results"),
                "{concurrency, duration, cost}",
            )?;
            if results.is_empty() {
                continue;
            }
            let mut points = Vec::with_capacity(results.len());
            for (j, r) in results.iter().enumerate() {
                let Value::Object(r) = r else {
                    return Err(TuningError::new(format!(
                        "lmi[{i}].results[{j}]: expected an object {{concurrency, duration, cost}}, found {}",
                        kind(r)
                    )));
                };
                let at = format!("lmi[{i}].results[{j}]");
                points.push(ConcurrencyPoint {
                    concurrency: concurrency(
                        r.get("concurrency").unwrap_or(&Value::Null),
                        &format!("{at}.concurrency"),
                    )?,
                    duration_ms: required(r, "duration", &format!("{at}.duration"))?,
                    cost_per_invocation: required(r, "cost", &format!("{at}.cost"))?,
                    throughput: r.get("throughput").and_then(number),
                });
            }
            let instance = e.get("instanceType").and_then(Value::as_str);
            runs.push(
                ConcurrencyRun::new(instance, ratio, points, currency, |j| {
                    format!("lmi[{i}].results[{j}]")
                })
                .map_err(|e| e.within(&format!("lmi[{i}]")))?,
            );
        }
    }
    Ok((standard, runs))
}

/// `lmiVisualization`: one Power Tuning link per memory-per-vCPU ratio, whose Int16
/// array holds concurrency levels.
fn from_lmi_links(
    v: &Value,
    instance: Option<&str>,
    currency: Currency,
) -> Result<Vec<ConcurrencyRun>, TuningError> {
    let Value::Object(links) = v else {
        return Err(TuningError::new(format!(
            "expected an object of memory-per-vCPU ratio to link, found {}",
            kind(v)
        )));
    };
    if links.len() > MAX_RUNS {
        return Err(TuningError::new(format!(
            "{} links; at most {MAX_RUNS} are accepted",
            links.len()
        )));
    }
    let mut runs = Vec::with_capacity(links.len());
    for (key, url) in links {
        let shown = crate::input::echo(key, 12);
        let ratio = crate::decimal::parse(key.trim()).ok_or_else(|| {
            TuningError::new(format!("\"{shown}\" is not a memory-per-vCPU ratio"))
        })?;
        let Some(url) = url.as_str() else {
            return Err(TuningError::new(format!(
                "\"{shown}\": expected a link, found {}",
                kind(url)
            )));
        };
        let cur = if url.contains("currency=CNY") {
            Currency::Cny
        } else {
            currency
        };
        let hash_text = url.split_once('#').map_or(url, |(_, h)| h);
        let hash_text = hash_text.split_once('?').map_or(hash_text, |(h, _)| h);
        let d = hash::decode(hash_text, Form::PowerTuning)
            .map_err(|e| e.within(&format!("\"{shown}\"")))?;
        for raw in &d.runs {
            let mut points = Vec::with_capacity(raw.memory.len());
            for (i, ((&c, &dur), &cost)) in raw
                .memory
                .iter()
                .zip(&raw.durations)
                .zip(&raw.costs)
                .enumerate()
            {
                if c <= 0 {
                    return Err(TuningError::new(format!(
                        "\"{shown}\": value {} of the concurrency levels is {c} (expected a positive whole number)",
                        i + 1
                    )));
                }
                points.push(ConcurrencyPoint {
                    concurrency: c as u32,
                    duration_ms: dur,
                    cost_per_invocation: cost,
                    throughput: None,
                });
            }
            runs.push(ConcurrencyRun::new(instance, ratio, points, cur, |i| {
                format!("\"{shown}\" level {}", i + 1)
            })?);
        }
    }
    Ok(runs)
}

/// `lmiStats` (with `includeOutputResults`): each ratio's best concurrency only. Entries
/// without a duration are skipped, as the Analyzer does.
fn from_lmi_stats(v: &Value, currency: Currency) -> Result<Vec<ConcurrencyRun>, TuningError> {
    let entries = array(
        v,
        "lmiStats",
        "{memoryPerVCpu, bestConcurrency, averagePrice, averageDuration}",
    )?;
    if entries.len() > MAX_RUNS {
        return Err(TuningError::new(format!(
            "{} entries; at most {MAX_RUNS} are accepted",
            entries.len()
        )));
    }
    let mut runs = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        let Value::Object(e) = e else { continue };
        if e.get("averageDuration").and_then(number).unwrap_or(0.0) == 0.0 {
            continue;
        }
        let at = format!("[{i}]");
        let ratio = e
            .get("memoryPerVCpu")
            .or_else(|| e.get("value"))
            .and_then(number)
            .ok_or_else(|| TuningError::new(format!("{at}.memoryPerVCpu: missing")))?;
        let point = ConcurrencyPoint {
            concurrency: concurrency(
                e.get("bestConcurrency").unwrap_or(&Value::Null),
                &format!("{at}.bestConcurrency"),
            )?,
            duration_ms: required(e, "averageDuration", &format!("{at}.averageDuration"))?,
            cost_per_invocation: required(e, "averagePrice", &format!("{at}.averagePrice"))?,
            throughput: None,
        };
        let instance = e.get("instanceType").and_then(Value::as_str);
        runs.push(ConcurrencyRun::new(
            instance,
            ratio,
            vec![point],
            currency,
            |_| at.clone(),
        )?);
    }
    Ok(runs)
}

/// Says what the LMI runs are and why they are not memory runs.
fn lmi_notice(runs: &[ConcurrencyRun]) -> Option<String> {
    if runs.is_empty() {
        return None;
    }
    let mut labels: Vec<String> = runs.iter().take(3).map(ConcurrencyRun::label).collect();
    if runs.len() > 3 {
        labels.push("…".into());
    }
    Some(format!(
        "Power Tuning's Lambda Managed Instances results: {} concurrency run{} ({}). They \
         measure requests served at once on an instance type, not memory sizes, so they are \
         kept apart from the memory runs.",
        runs.len(),
        if runs.len() == 1 { "" } else { "s" },
        labels.join("; ")
    ))
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
    fn pastes_that_are_not_power_tuning_say_so_plainly() {
        for paste in ["hello", "42", "null", "v=1&memory=512"] {
            let e = parse(paste).expect_err(paste);
            assert!(
                e.message
                    .starts_with("this is not Power Tuning output or a visualization link: "),
                "{paste}: {}",
                e.message
            );
        }
        // A link or a hash with parts keeps the precise message.
        let e = parse("AAAA;BBBB").unwrap_err();
        assert!(!e.message.contains(NOT_POWER_TUNING), "{}", e.message);
        for (paste, n) in [
            (";;", 3),
            (" ; ; ;", 4),
            ("https://lambda-power-tuning.show/#;;", 3),
        ] {
            let e = parse(paste).expect_err(paste);
            assert!(
                e.message
                    .starts_with(&format!("the hash has {n} parts and all of them are empty")),
                "{paste}: {}",
                e.message
            );
        }
    }

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
        assert!(e.message.contains("the link has no hash"), "{e}");
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
