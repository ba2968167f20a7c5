//! The tuning keys of the scenario link (see `scenario::link`):
//!
//! - `pt`: the runs as a Power Tuning visualization hash, percent-encoded. One run with
//!   the default label ("Run 1") is Power Tuning's 3-part form; two runs are its 8-part
//!   comparison form (three parts per run, then the two URI-encoded labels). One run
//!   with its own label, or three and more runs, use the same pattern extended: three
//!   data parts per run, then one label per run (4 parts for one, 12 for three). Power
//!   Tuning's page shows the first run of any of these. `pt` may repeat; the runs of all
//!   `pt` keys are concatenated in order.
//! - `pta`: each run's architecture, comma-separated (`x86_64`, `arm64`, or empty for
//!   unknown); written only when some run's architecture is not what its label says.
//! - `ptc`: each run's currency, comma-separated (`USD`, `CNY`); written only when a
//!   run is in CNY.
//! - `ptl`: Power Tuning's runs on Managed Instances (`encode_concurrency_runs`); the
//!   last `ptl` counts.
//! - `w`: the balanced weight, written only when it is not 0.5.
//!
//! Missing keys: no runs, weight 0.5.

use super::hash::{self, Form};
use super::parse::{runs_from_hash, Import};
use super::{
    arch_of_label, default_label, ConcurrencyPoint, ConcurrencyRun, Currency, TuningError,
    TuningRun, MAX_RUNS,
};
use crate::input::{Field, InputError};
use crate::rates::Arch;

/// Link keys read by `LinkRuns` (`w` is an ordinary field).
pub const KEYS: [&str; 4] = ["pt", "pta", "ptc", "ptl"];

/// The field the runs' errors concern (`pt`, the scenario's `Field::Tuning`).
const RUNS: Field = Field::new(KEYS[0]);

/// The field a tuning key's errors concern: `ptl`'s own, else the runs'.
fn field_of(key: &str) -> Field {
    if key == "ptl" {
        Field::LmiTuning
    } else {
        RUNS
    }
}

/// Whether a URL fragment is a bare Power Tuning visualization hash (what a
/// lambda-power-tuning.show link becomes when its host is swapped for this page's) rather
/// than scenario pairs: `;`-separated base64 parts (`%3B` when re-encoded), or the combined
/// form's base64 JSON, optionally followed by `?currency=…`. Scenario pairs hold a
/// `key=value` before any `;`, which base64 cannot, except a three-letter key with an
/// empty value (`ptl=` is padded base64): the link decoder asks first whether the
/// fragment opens with a key it knows.
pub fn is_bare_hash(fragment: &str) -> bool {
    let hash_text = fragment.split_once('?').map_or(fragment, |(h, _)| h);
    if hash_text.is_empty() || hash_text.contains('&') {
        return false;
    }
    let decoded;
    let hash_text = if hash_text.contains(';') {
        hash_text
    } else if hash_text.to_ascii_lowercase().contains("%3b") {
        decoded = hash_text.replace("%3B", ";").replace("%3b", ";");
        decoded.as_str()
    } else {
        return hash::is_combined(hash_text);
    };
    // The data parts (the first three) are base64, `=` only as padding at their end;
    // an empty one is Power Tuning's too, and the decoder says what is wrong with it.
    let base64 = |c: char| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '-' | '_');
    hash_text.split(';').take(3).all(|part| {
        let body = part.trim().trim_end_matches('=');
        body.chars().all(base64) && part.trim().len() - body.len() <= 2
    })
}

/// Decodes one `pt` value (already percent-decoded); unnamed runs are labeled from
/// `first` on ("Run 1" when `first` is 0).
pub fn decode_runs(value: &str, first: usize) -> Result<Vec<TuningRun>, TuningError> {
    let hash_text = value.split_once('#').map_or(value, |(_, h)| h);
    // Its LMI results are concurrency levels: they must never become memory runs.
    if hash::is_combined(hash_text) {
        return Err(TuningError::new(
            "this is Power Tuning's combined visualization (memory and Lambda Managed \
             Instances results as base64 JSON), not a memory run hash: the link's pt value holds memory runs only",
        ));
    }
    let d = hash::decode(hash_text, Form::Extended)?;
    runs_from_hash(&d.runs, &d.names, Currency::Usd, first)
}

/// Power Tuning LMI runs as one link value, ready for a scenario key: the extended hash
/// (3 data parts per run, the Int16 part holding concurrency levels, then one name per
/// run), each name `ratio:currency:instance type` (e.g. `4:USD:c8g.xlarge`).
pub fn encode_concurrency_runs(runs: &[ConcurrencyRun]) -> String {
    let raw: Vec<hash::RawRun> = runs
        .iter()
        .map(|r| hash::RawRun {
            memory: r
                .points
                .iter()
                .map(|p| p.concurrency.min(i16::MAX as u32) as i16)
                .collect(),
            durations: r.points.iter().map(|p| p.duration_ms).collect(),
            costs: r.points.iter().map(|p| p.cost_per_invocation).collect(),
        })
        .collect();
    let names: Vec<String> = runs
        .iter()
        .map(|r| {
            format!(
                "{}:{}:{}",
                r.memory_per_vcpu_gib as f32,
                r.currency.as_str(),
                r.instance_type.as_deref().unwrap_or("")
            )
        })
        .collect();
    hash::encode(&raw, &names)
}

/// LMI runs as the link carries them: without their throughputs, which nothing shows, so
/// a run opened from a paste and the same run reopened from its link are equal.
pub fn as_carried(mut runs: Vec<ConcurrencyRun>) -> Vec<ConcurrencyRun> {
    for p in runs.iter_mut().flat_map(|r| &mut r.points) {
        p.throughput = None;
    }
    runs
}

/// Reads what `encode_concurrency_runs` writes; anything else gets a message naming the
/// run and what was expected. Throughputs do not travel.
pub fn decode_concurrency_runs(value: &str) -> Result<Vec<ConcurrencyRun>, TuningError> {
    let d = hash::decode(value, Form::Extended)?;
    if d.names.len() != d.runs.len() {
        return Err(TuningError::new(
            "LMI runs need a name per run (ratio:currency:instance type)",
        ));
    }
    if d.runs.len() > MAX_RUNS {
        return Err(TuningError::new(format!("more than {MAX_RUNS} LMI runs")));
    }
    d.runs
        .iter()
        .zip(&d.names)
        .enumerate()
        .map(|(r, (raw, name))| {
            let mut parts = name.splitn(3, ':');
            let (ratio, currency, instance) = (
                parts.next().unwrap_or(""),
                parts.next().unwrap_or(""),
                parts.next().unwrap_or(""),
            );
            let bad = || {
                TuningError::new(format!(
                    "LMI run {}: name \"{}\" is not ratio:currency:instance type",
                    r + 1,
                    crate::input::echo(name, 24)
                ))
            };
            let ratio = crate::decimal::parse(ratio).ok_or_else(bad)?;
            let currency = Currency::parse(currency).ok_or_else(bad)?;
            let points = raw
                .memory
                .iter()
                .zip(&raw.durations)
                .zip(&raw.costs)
                .map(|((&c, &d), &cost)| ConcurrencyPoint {
                    // Int16 can hold what no level is; `ConcurrencyRun::new` refuses 0.
                    concurrency: u32::try_from(c).unwrap_or(0),
                    duration_ms: d,
                    cost_per_invocation: cost,
                    throughput: None,
                })
                .collect();
            let instance = (!instance.is_empty()).then_some(instance);
            ConcurrencyRun::new(instance, ratio, points, currency, |i| {
                format!("LMI run {}, level {}", r + 1, i + 1)
            })
        })
        .collect()
}

/// How a link's tuning pairs (`KEYS`, values percent-decoded, in the link's order) are
/// read: into runs (`LinkRuns`), or refused by a view that draws none (`NoRuns`), whose
/// bundle then leaves the hash decoder and the runs' analysis out.
pub trait ReadRuns: Default {
    /// Takes one of `KEYS` with its percent-decoded value.
    fn accept(&mut self, key: &str, value: &str) -> Result<(), InputError>;
    /// The runs the pairs made.
    fn finish(self) -> Result<Runs, InputError>;
}

/// What a link's tuning pairs carry.
#[derive(Debug, Default)]
pub struct Runs {
    /// `pt`, with `pta` and `ptc` applied.
    pub memory: Vec<TuningRun>,
    /// `ptl`.
    pub lmi: Vec<ConcurrencyRun>,
}

/// Collects the tuning keys while a link is read, in any order.
#[derive(Debug, Default)]
pub struct LinkRuns {
    runs: Vec<TuningRun>,
    lmi_runs: Vec<ConcurrencyRun>,
    archs: Option<String>,
    currencies: Option<String>,
    /// A reader's answer (`decode_import`) carries a paste's runs, however many: adding
    /// them (`append_runs`) is what refuses too many, with its own message.
    unlimited: bool,
}

impl ReadRuns for LinkRuns {
    fn accept(&mut self, key: &str, value: &str) -> Result<(), InputError> {
        let err = |m: String| InputError::new(field_of(key), m);
        match key {
            "pt" => {
                let more = decode_runs(value, self.runs.len()).map_err(|e| err(e.message))?;
                if !self.unlimited && self.runs.len() + more.len() > MAX_RUNS {
                    return Err(err(format!("more than {MAX_RUNS} runs")));
                }
                self.runs.extend(more);
            }
            "pta" => self.archs = Some(value.to_string()),
            "ptc" => self.currencies = Some(value.to_string()),
            // Their own key, so that no reader of `pt` can take concurrency levels for
            // memory sizes.
            "ptl" => {
                let value = value.trim();
                self.lmi_runs = if value.is_empty() {
                    Vec::new()
                } else {
                    decode_concurrency_runs(value).map_err(|e| err(e.message))?
                };
            }
            _ => {}
        }
        Ok(())
    }

    /// The runs, with `pta` and `ptc` applied.
    fn finish(mut self) -> Result<Runs, InputError> {
        let lmi = std::mem::take(&mut self.lmi_runs);
        let memory = self.memory_runs()?;
        Ok(Runs { memory, lmi })
    }
}

impl LinkRuns {
    /// `pt`'s runs, with `pta` and `ptc` applied.
    fn memory_runs(mut self) -> Result<Vec<TuningRun>, InputError> {
        if self.runs.is_empty() {
            return Ok(self.runs);
        }
        let n = self.runs.len();
        let list = |key: &str, text: &str| -> Result<Vec<String>, InputError> {
            let items: Vec<String> = text.split(',').map(|t| t.trim().to_string()).collect();
            if items.len() != n {
                return Err(InputError::new(
                    RUNS,
                    format!(
                        "{key}: {} entries for {n} run{} (expected one per run, comma-separated)",
                        items.len(),
                        if n == 1 { "" } else { "s" }
                    ),
                ));
            }
            Ok(items)
        };
        if let Some(text) = self.archs.take() {
            for (run, a) in self.runs.iter_mut().zip(list("pta", &text)?) {
                run.arch = if a.is_empty() {
                    None
                } else {
                    Some(
                        a.parse::<Arch>()
                            .map_err(|m| InputError::new(RUNS, format!("pta: {m}")))?,
                    )
                };
            }
        }
        if let Some(text) = self.currencies.take() {
            for (run, c) in self.runs.iter_mut().zip(list("ptc", &text)?) {
                run.currency = Currency::parse(&c).ok_or_else(|| {
                    let shown = crate::input::echo(&c, 12);
                    InputError::new(
                        RUNS,
                        format!("ptc: unknown currency \"{shown}\" (expected USD or CNY)"),
                    )
                })?;
            }
        }
        Ok(self.runs)
    }
}

/// For a view that draws no runs (the embed view's small bundle; index.html's loader
/// gives a link with runs the bundle that draws them): a tuning pair is refused.
#[derive(Debug, Default)]
pub struct NoRuns;

impl ReadRuns for NoRuns {
    fn accept(&mut self, key: &str, _: &str) -> Result<(), InputError> {
        Err(InputError::new(
            field_of(key),
            "this view does not draw Power Tuning runs: open the link in the calculator",
        ))
    }

    fn finish(self) -> Result<Runs, InputError> {
        Ok(Runs::default())
    }
}

/// The tuning pairs of a link, values not yet percent-encoded: `pt`, `pta` and `ptc`
/// when there are runs (`w` is an ordinary field of `scenario::fields`).
pub fn encode_pairs(runs: &[TuningRun]) -> Vec<(&'static str, String)> {
    let mut pairs = Vec::new();
    if !runs.is_empty() {
        // In the run's input order: Power Tuning's analyzer breaks full ties by it.
        let raw: Vec<_> = runs
            .iter()
            .map(|r| hash::raw_run(r.in_input_order()))
            .collect();
        let default_names = runs.len() == 1 && runs[0].label == default_label(0);
        let names: Vec<String> = if default_names {
            Vec::new()
        } else {
            runs.iter().map(|r| r.label.clone()).collect()
        };
        pairs.push(("pt", hash::encode(&raw, &names)));
        if runs.iter().any(|r| r.arch != arch_of_label(&r.label)) {
            let archs: Vec<&str> = runs
                .iter()
                .map(|r| r.arch.map_or("", Arch::as_str))
                .collect();
            pairs.push(("pta", archs.join(",")));
        }
        if runs.iter().any(|r| r.currency != Currency::Usd) {
            let cur: Vec<&str> = runs.iter().map(|r| r.currency.as_str()).collect();
            pairs.push(("ptc", cur.join(",")));
        }
    }
    pairs
}

/// A paste read by the Power Tuning reader, as the calculator page receives it. The reader
/// is its own Wasm module, loaded when a paste or a bare hash needs it, so the page's
/// bundle carries no JSON parser (issue 13). The answer is written in the link's own
/// encodings: `&`-joined pairs, values URI-encoded: `pt`, `pta` and `ptc` for the runs,
/// `ptl` for the LMI runs (their throughputs do not travel, as in the link), one `note`
/// per notice; or `error` alone. `optimal` and `lmi_optimal`, which only the CLI prints,
/// stay with the reader.
pub fn encode_import(read: &Result<Import, TuningError>) -> String {
    let import = match read {
        Ok(import) => import,
        Err(e) => return format!("error={}", hash::uri_encode(&e.message)),
    };
    let mut pairs = encode_pairs(&import.runs);
    if !import.lmi_runs.is_empty() {
        pairs.push(("ptl", encode_concurrency_runs(&import.lmi_runs)));
    }
    pairs.extend(import.notices.iter().map(|n| ("note", n.clone())));
    let pairs: Vec<String> = pairs
        .iter()
        .map(|(key, value)| format!("{key}={}", hash::uri_encode(value)))
        .collect();
    pairs.join("&")
}

/// Reads what `encode_import` writes: the paste's runs, LMI runs and notices, or the
/// reader's message for a paste it could not read.
pub fn decode_import(answer: &str) -> Result<Import, TuningError> {
    let garbled = |why: &str| {
        TuningError::new(format!(
            "the Power Tuning reader's answer could not be read ({why})"
        ))
    };
    let mut runs = LinkRuns {
        unlimited: true,
        ..LinkRuns::default()
    };
    let mut import = Import {
        runs: Vec::new(),
        optimal: None,
        notices: Vec::new(),
        lmi_runs: Vec::new(),
        lmi_optimal: None,
    };
    for pair in answer.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair
            .split_once('=')
            .ok_or_else(|| garbled("a pair without ="))?;
        let value = hash::uri_decode(value).map_err(|e| garbled(&e))?;
        match key {
            "error" => return Err(TuningError::new(value)),
            "note" => import.notices.push(value),
            "ptl" => import.lmi_runs = decode_concurrency_runs(&value)?,
            _ if KEYS.contains(&key) => runs
                .accept(key, &value)
                .map_err(|e| TuningError::new(e.message))?,
            _ => {
                return Err(garbled(&format!(
                    "unknown key {}",
                    crate::input::echo(key, 12)
                )))
            }
        }
    }
    import.runs = runs
        .finish()
        .map_err(|e| TuningError::new(e.message))?
        .memory;
    Ok(import)
}
