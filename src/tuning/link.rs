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
//! - `w`: the balanced weight, written only when it is not 0.5.
//!
//! Missing keys: no runs, weight 0.5.

use super::hash::{self, Form};
use super::parse::runs_from_hash;
use super::{arch_of_label, default_label, Currency, TuningError, TuningRun, MAX_RUNS};
use crate::input::{Field, InputError};
use crate::rates::Arch;

/// Link keys read by `LinkRuns` (`w` is an ordinary field).
pub const KEYS: [&str; 3] = ["pt", "pta", "ptc"];

/// Decodes one `pt` value (already percent-decoded); unnamed runs are labeled from
/// `first` on ("Run 1" when `first` is 0).
pub fn decode_runs(value: &str, first: usize) -> Result<Vec<TuningRun>, TuningError> {
    let hash_text = value.split_once('#').map_or(value, |(_, h)| h);
    let d = hash::decode(hash_text, Form::Extended)?;
    runs_from_hash(&d.runs, &d.names, Currency::Usd, first)
}

/// Collects the tuning keys while a link is read, in any order.
#[derive(Debug, Default)]
pub struct LinkRuns {
    runs: Vec<TuningRun>,
    archs: Option<String>,
    currencies: Option<String>,
}

impl LinkRuns {
    /// Takes one of `KEYS` with its percent-decoded value.
    pub fn accept(&mut self, key: &str, value: &str) -> Result<(), InputError> {
        let err = |m: String| InputError::new(Field::Tuning, m);
        match key {
            "pt" => {
                let more = decode_runs(value, self.runs.len()).map_err(|e| err(e.message))?;
                if self.runs.len() + more.len() > MAX_RUNS {
                    return Err(err(format!("more than {MAX_RUNS} runs")));
                }
                self.runs.extend(more);
            }
            "pta" => self.archs = Some(value.to_string()),
            "ptc" => self.currencies = Some(value.to_string()),
            _ => {}
        }
        Ok(())
    }

    /// The runs, with `pta` and `ptc` applied.
    pub fn finish(mut self) -> Result<Vec<TuningRun>, InputError> {
        if self.runs.is_empty() {
            return Ok(self.runs);
        }
        let n = self.runs.len();
        let list = |key: &str, text: &str| -> Result<Vec<String>, InputError> {
            let items: Vec<String> = text.split(',').map(|t| t.trim().to_string()).collect();
            if items.len() != n {
                return Err(InputError::new(
                    Field::Tuning,
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
                            .map_err(|m| InputError::new(Field::Tuning, format!("pta: {m}")))?,
                    )
                };
            }
        }
        if let Some(text) = self.currencies.take() {
            for (run, c) in self.runs.iter_mut().zip(list("ptc", &text)?) {
                run.currency = Currency::parse(&c).ok_or_else(|| {
                    let shown = crate::input::echo(&c, 12);
                    InputError::new(
                        Field::Tuning,
                        format!("ptc: unknown currency \"{shown}\" (expected USD or CNY)"),
                    )
                })?;
            }
        }
        Ok(self.runs)
    }
}

/// The tuning pairs of a link, values not yet percent-encoded: `pt`, `pta` and `ptc`
/// when there are runs (`w` is an ordinary field of `scenario::fields`).
pub fn encode_pairs(runs: &[TuningRun]) -> Vec<(&'static str, String)> {
    let mut pairs = Vec::new();
    if !runs.is_empty() {
        let raw: Vec<_> = runs.iter().map(|r| hash::raw_run(&r.points)).collect();
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
