//! Power Tuning import: runs of [AWS Lambda Power Tuning] read from its output JSON or
//! its visualization link, Power Tuning's own picks, and our monthly bill at every
//! memory size it measured.
//!
//! - `parse`: one paste (JSON in any shape seen in the wild, a link or a bare hash)
//!   into runs, with precise messages for anything else.
//! - `hash`: the visualization hash codec (decode and encode), also used by the
//!   scenario link's `pt` key, and the combined (standard + LMI) visualization's JSON.
//!
//! Power Tuning's Lambda Managed Instances (LMI) output (`type: "lmi"`, `lmiStats`,
//! `lmiVisualization`, `combinedVisualization`) measures concurrency levels of an instance
//! type, not memory sizes: it is read into `ConcurrencyRun`s, never into `TuningRun`s.
//! - `strategy`: Power Tuning's cost / speed / balanced picks, with its exact rules.
//! - `analysis`: monthly bills per memory size, rate-card disagreements, deltas against
//!   the current configuration, architecture comparison of two runs.
//!
//! Values keep the precision of what was read: Float32 from a visualization link (its
//! arrays are Float32), the JSON number from Power Tuning's output, as its analyzer
//! compares them. The scenario link carries both exactly (see `hash`), and the run's
//! input order too, so a run reopened from a link is equal to the one imported.
//!
//! [AWS Lambda Power Tuning]: https://github.com/alexcasalboni/aws-lambda-power-tuning

pub mod analysis;
pub mod hash;
pub mod link;
pub mod parse;
pub mod strategy;

use crate::rates::Arch;
use std::fmt;

pub use analysis::{
    analyze, compare_runs, infer_arch, ArchBasis, Basis, Delta, Disagreement, MemoryComparison,
    Mismatch, PointAnalysis, RunAnalysis, RunComparison, Side,
};
pub use parse::{parse, Import};
pub use strategy::{pick_balanced, pick_cost, pick_speed, Picks, DEFAULT_WEIGHT};

/// Longest paste accepted, in bytes.
pub const MAX_INPUT_BYTES: usize = 1 << 20;
/// Most memory sizes accepted in one run.
pub const MAX_POINTS: usize = 256;
/// Most runs in one scenario.
pub const MAX_RUNS: usize = 16;

/// The currency of Power Tuning's costs: USD, or CNY for China regions (the
/// visualization link then carries `?currency=CNY`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Currency {
    #[default]
    Usd,
    Cny,
}

impl Currency {
    pub fn as_str(self) -> &'static str {
        match self {
            Currency::Usd => "USD",
            Currency::Cny => "CNY",
        }
    }

    pub fn parse(text: &str) -> Option<Currency> {
        match text.trim().to_ascii_uppercase().as_str() {
            "USD" => Some(Currency::Usd),
            "CNY" | "RMB" => Some(Currency::Cny),
            _ => None,
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One memory size Power Tuning measured.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TuningPoint {
    /// As in the run; may be outside Lambda's 128..=10240 MB (Power Tuning's own unit
    /// test uses 1, 2, 3), in which case it is not priced.
    pub memory_mb: u32,
    /// Average (trimmed mean) duration, ms.
    pub duration_ms: f64,
    /// Power Tuning's cost of one invocation, in the run's currency: duration only,
    /// no request fee, free tier or storage.
    pub cost_per_invocation: f64,
}

impl TuningPoint {
    pub fn cost_per_million(&self) -> f64 {
        self.cost_per_invocation * 1e6
    }

    /// Whether Lambda accepts this memory size (and so whether we can price it).
    pub fn priceable(&self) -> bool {
        let (lo, hi) = crate::pricing::LIMITS.memory_mb;
        (lo..=hi).contains(&self.memory_mb)
    }
}

/// One Power Tuning run: a function tuned across memory sizes.
#[derive(Debug, Clone, PartialEq)]
pub struct TuningRun {
    pub label: String,
    /// Sorted by memory, one point per memory size.
    pub points: Vec<TuningPoint>,
    /// Indexes into `points` in the order the output or link listed them: Power Tuning's
    /// analyzer picks from that order, so a complete tie goes to the one listed first.
    /// Empty means the order of `points`.
    pub input_order: Vec<usize>,
    pub currency: Currency,
    /// The architecture the run was measured on, when known (from the label, e.g.
    /// "arm64", or set by the user). Runs are priced at this architecture, else at the
    /// scenario's.
    pub arch: Option<Arch>,
}

impl TuningRun {
    /// A run from points in their input order: checks every value (`what(i)` names point
    /// `i` in messages), keeps it at its own precision, sorts by memory (remembering the
    /// input order) and refuses duplicate sizes.
    pub fn new(
        label: impl Into<String>,
        points: Vec<TuningPoint>,
        currency: Currency,
        what: impl Fn(usize) -> String,
    ) -> Result<TuningRun, TuningError> {
        if points.is_empty() {
            return Err(TuningError::new("the run has no memory sizes"));
        }
        if points.len() > MAX_POINTS {
            return Err(TuningError::new(format!(
                "the run has {} memory sizes; at most {MAX_POINTS} are accepted",
                points.len()
            )));
        }
        let mut checked: Vec<(usize, TuningPoint)> = Vec::with_capacity(points.len());
        for (i, p) in points.iter().enumerate() {
            if p.memory_mb == 0 || p.memory_mb > i16::MAX as u32 {
                return Err(TuningError::new(format!(
                    "{}: memory {} MB is not a memory size (expected a positive whole number of MB)",
                    what(i),
                    p.memory_mb
                )));
            }
            measured(&what(i), p.duration_ms, p.cost_per_invocation)?;
            checked.push((i, *p));
        }
        // Stable: equal sizes keep their order, so the message names the second one.
        crate::order::sort_by_key(&mut checked, |(_, p)| {
            crate::order::SortKey::whole(p.memory_mb.into())
        });
        if let Some(w) = checked
            .windows(2)
            .find(|w| w[0].1.memory_mb == w[1].1.memory_mb)
        {
            return Err(TuningError::new(format!(
                "memory {} MB appears more than once (expected one measurement per memory size)",
                w[0].1.memory_mb
            )));
        }
        let mut input_order = vec![0; checked.len()];
        for (sorted, (input, _)) in checked.iter().enumerate() {
            input_order[*input] = sorted;
        }
        // Listed by memory already (as visualization links are): nothing to remember.
        if input_order.iter().enumerate().all(|(i, &s)| i == s) {
            input_order.clear();
        }
        let label = label.into();
        Ok(TuningRun {
            arch: arch_of_label(&label),
            label,
            points: checked.into_iter().map(|(_, p)| p).collect(),
            input_order,
            currency,
        })
    }

    /// The points in the order the output or link listed them.
    pub fn in_input_order(&self) -> impl Iterator<Item = &TuningPoint> + '_ {
        let valid = self.input_order.len() == self.points.len();
        let order: Box<dyn Iterator<Item = usize>> = if valid {
            Box::new(self.input_order.iter().copied())
        } else {
            Box::new(0..self.points.len())
        };
        order.filter_map(|i| self.points.get(i))
    }

    /// The point measured at `memory_mb`.
    pub fn point(&self, memory_mb: u32) -> Option<&TuningPoint> {
        self.points.iter().find(|p| p.memory_mb == memory_mb)
    }
}

/// One concurrency level Power Tuning measured on Lambda Managed Instances (LMI).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ConcurrencyPoint {
    /// Requests one execution environment served at once (Power Tuning's
    /// `PerExecutionEnvironmentMaxConcurrency`); never a memory size.
    pub concurrency: u32,
    /// Average duration, ms.
    pub duration_ms: f64,
    /// Power Tuning's cost of one invocation: hourly price x 1.15 / 3600 x duration /
    /// concurrency + the request fee.
    pub cost_per_invocation: f64,
    /// Invocations per second during the load test, when the output has it.
    pub throughput: Option<f64>,
}

/// One LMI configuration Power Tuning load-tested across concurrency levels.
#[derive(Debug, Clone, PartialEq)]
pub struct ConcurrencyRun {
    /// The EC2 instance type, when the output names it (shown through `input::echo`).
    pub instance_type: Option<String>,
    /// Memory per vCPU, GiB (Power Tuning's `memoryPerVCpu`, 2 to 8).
    pub memory_per_vcpu_gib: f64,
    /// Sorted by concurrency, one point per level.
    pub points: Vec<ConcurrencyPoint>,
    pub currency: Currency,
}

/// Most characters kept of an instance type name read from a paste.
const MAX_INSTANCE_TYPE_CHARS: usize = 32;

impl ConcurrencyRun {
    /// A run from points: checks every value (`what(i)` names point `i`), rounds to
    /// Float32 precision, sorts by concurrency and refuses duplicate levels.
    pub fn new(
        instance_type: Option<&str>,
        memory_per_vcpu_gib: f64,
        points: Vec<ConcurrencyPoint>,
        currency: Currency,
        what: impl Fn(usize) -> String,
    ) -> Result<ConcurrencyRun, TuningError> {
        if !(memory_per_vcpu_gib.is_finite()
            && memory_per_vcpu_gib > 0.0
            && memory_per_vcpu_gib <= 64.0)
        {
            return Err(TuningError::new(format!(
                "memory per vCPU {memory_per_vcpu_gib:?} GiB is not usable (expected a ratio such as 2, 4 or 8)"
            )));
        }
        if points.is_empty() {
            return Err(TuningError::new("the LMI run has no concurrency levels"));
        }
        if points.len() > MAX_POINTS {
            return Err(TuningError::new(format!(
                "the LMI run has {} concurrency levels; at most {MAX_POINTS} are accepted",
                points.len()
            )));
        }
        let mut checked = Vec::with_capacity(points.len());
        for (i, p) in points.iter().enumerate() {
            if p.concurrency == 0 || p.concurrency > i16::MAX as u32 {
                return Err(TuningError::new(format!(
                    "{}: concurrency {} is not a concurrency level (expected a positive whole number)",
                    what(i),
                    p.concurrency
                )));
            }
            measured(&what(i), p.duration_ms, p.cost_per_invocation)?;
            // LMI runs travel in their link as Float32 (Power Tuning's precision).
            checked.push(ConcurrencyPoint {
                concurrency: p.concurrency,
                duration_ms: f64::from(p.duration_ms as f32),
                cost_per_invocation: f64::from(p.cost_per_invocation as f32),
                throughput: p
                    .throughput
                    .map(|t| f64::from(t as f32))
                    .filter(|t| t.is_finite() && *t >= 0.0),
            });
        }
        crate::order::sort_by_key(&mut checked, |p| {
            crate::order::SortKey::whole(p.concurrency.into())
        });
        if let Some(w) = checked
            .windows(2)
            .find(|w| w[0].concurrency == w[1].concurrency)
        {
            return Err(TuningError::new(format!(
                "concurrency {} appears more than once (expected one measurement per level)",
                w[0].concurrency
            )));
        }
        Ok(ConcurrencyRun {
            instance_type: instance_type
                .map(|t| crate::input::echo(t, MAX_INSTANCE_TYPE_CHARS))
                .filter(|t| !t.is_empty()),
            memory_per_vcpu_gib: f64::from(memory_per_vcpu_gib as f32),
            points: checked,
            currency,
        })
    }

    /// "c8g.xlarge, 4 GiB per vCPU" (or "unnamed instance type, ...").
    pub fn label(&self) -> String {
        format!(
            "{}, {} GiB per vCPU",
            self.instance_type
                .as_deref()
                .unwrap_or("unnamed instance type"),
            crate::money::format_quantity(self.memory_per_vcpu_gib, 2)
        )
    }

    /// The point measured at `concurrency`.
    pub fn point(&self, concurrency: u32) -> Option<&ConcurrencyPoint> {
        self.points.iter().find(|p| p.concurrency == concurrency)
    }
}

/// The configuration Power Tuning reports as optimal when it is an LMI one (its `power`
/// is then memory per vCPU, not MB).
#[derive(Debug, Clone, PartialEq)]
pub struct LmiOptimal {
    pub instance_type: Option<String>,
    pub memory_per_vcpu_gib: f64,
    pub best_concurrency: Option<u32>,
    pub duration_ms: f64,
    pub cost_per_invocation: f64,
}

impl TuningRun {
    /// Renames the run; an architecture that was read from the old label follows the
    /// new one (one set by hand stays).
    pub fn relabel(&mut self, label: String) {
        if self.arch == arch_of_label(&self.label) {
            self.arch = arch_of_label(&label);
        }
        self.label = label;
    }

    /// Renames run number `index` (from 0) to what a person typed: cleaned
    /// (`input::clean_label`), or `default_label(index)` when blank. The page's rename
    /// and the CLI's `--label` both go through here.
    pub fn rename(&mut self, typed: &str, index: usize) {
        self.relabel(crate::input::clean_label(typed).unwrap_or_else(|| default_label(index)));
    }
}

/// Adds the runs of one paste (or file) after `runs`, at most `MAX_RUNS` in all: an
/// unnamed run keeps counting ("Run 1" of this paste is "Run 3" after two runs). The
/// page and the CLI both add runs this way.
pub fn append_runs(runs: &mut Vec<TuningRun>, added: Vec<TuningRun>) -> Result<(), TuningError> {
    if runs.len() + added.len() > MAX_RUNS {
        return Err(TuningError::new(format!(
            "at most {MAX_RUNS} runs can be compared"
        )));
    }
    let existing = runs.len();
    for (i, mut run) in added.into_iter().enumerate() {
        if run.label == default_label(i) {
            run.relabel(default_label(existing + i));
        }
        runs.push(run);
    }
    Ok(())
}

/// Whether a measured point's duration and cost can be used, or why not (`what` names
/// the point): positive and finite even as Float32, the precision of Power Tuning's
/// links. Memory runs and LMI runs share it.
fn measured(what: &str, duration_ms: f64, cost: f64) -> Result<(), TuningError> {
    let d = duration_ms as f32;
    let c = cost as f32;
    if !d.is_finite() || d <= 0.0 {
        return Err(TuningError::new(format!(
            "{what}: duration {duration_ms:?} ms is not usable (expected a positive, finite number of ms)"
        )));
    }
    if !c.is_finite() || c < 0.0 {
        return Err(TuningError::new(format!(
            "{what}: cost {cost:?} is not usable (expected a finite cost of 0 or more)"
        )));
    }
    Ok(())
}

/// "Run 1", "Run 2": the label of run `index` (0-based) when none was given.
pub fn default_label(index: usize) -> String {
    format!("Run {}", index + 1)
}

/// The architecture a label names, if exactly one: "arm64", "Graviton", "x86_64",
/// "my-fn (amd64)". Words, not substrings: "warm start" is not arm.
pub fn arch_of_label(label: &str) -> Option<Arch> {
    let mut found = None;
    for word in label
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let w = word.to_ascii_lowercase();
        let arch = match w.as_str() {
            "arm" | "arm64" | "aarch64" | "graviton" | "graviton2" | "graviton3" | "graviton4" => {
                Some(Arch::Arm64)
            }
            "x86" | "x64" | "amd64" | "intel" | "amd" => Some(Arch::X86_64),
            _ => None,
        };
        match (found, arch) {
            (_, None) => {}
            (None, a) => found = a,
            (Some(f), Some(a)) if f != a => return None,
            _ => {}
        }
    }
    found
}

/// Why a paste or link value could not be read: which part, byte or field, and what
/// was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TuningError {
    pub message: String,
}

impl TuningError {
    pub fn new(message: impl Into<String>) -> Self {
        TuningError {
            message: message.into(),
        }
    }

    /// Prefixes the message with where it happened: "part 2 (durations): …".
    pub fn within(self, place: &str) -> Self {
        TuningError {
            message: format!("{place}: {}", self.message),
        }
    }
}

impl fmt::Display for TuningError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TuningError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_name_architectures() {
        assert_eq!(arch_of_label("arm64"), Some(Arch::Arm64));
        assert_eq!(arch_of_label("my-fn (Graviton)"), Some(Arch::Arm64));
        assert_eq!(arch_of_label("x86_64"), Some(Arch::X86_64));
        assert_eq!(arch_of_label("api on AMD64"), Some(Arch::X86_64));
        assert_eq!(arch_of_label("warm start"), None);
        assert_eq!(arch_of_label("x86 vs arm"), None);
        assert_eq!(arch_of_label(""), None);
    }

    #[test]
    fn runs_are_checked_and_sorted_and_keep_input_order_and_precision() {
        let p = |m, d, c| TuningPoint {
            memory_mb: m,
            duration_ms: d,
            cost_per_invocation: c,
        };
        let what = |i: usize| format!("point {}", i + 1);
        let r = TuningRun::new(
            "arm64",
            vec![p(512, 0.1, 1e-7), p(128, 3.0, 2e-7)],
            Currency::Usd,
            what,
        )
        .unwrap();
        assert_eq!(r.points[0].memory_mb, 128);
        // As read, not rounded to Float32: Power Tuning's analyzer compares JSON numbers
        // at their own precision.
        assert_eq!(r.points[1].duration_ms, 0.1);
        assert_ne!(0.1, f64::from(0.1f32));
        assert_eq!(r.points[1].cost_per_invocation, 1e-7);
        // The order given is kept for the picks.
        let listed: Vec<u32> = r.in_input_order().map(|p| p.memory_mb).collect();
        assert_eq!(listed, [512, 128]);
        assert_eq!(r.input_order, [1, 0]);
        assert_eq!(r.arch, Some(Arch::Arm64));
        // Already by memory: nothing to remember.
        let sorted = TuningRun::new(
            "",
            vec![p(128, 3.0, 2e-7), p(512, 0.1, 1e-7)],
            Currency::Usd,
            what,
        )
        .unwrap();
        assert!(sorted.input_order.is_empty());
        assert_eq!(sorted.points, r.points);
        for (bad, needle) in [
            (p(0, 1.0, 1.0), "memory 0 MB"),
            (p(128, f64::NAN, 1.0), "duration NaN"),
            (p(128, -1.0, 1.0), "duration -1"),
            (p(128, 0.0, 1.0), "duration 0"),
            (p(128, 1.0, f64::INFINITY), "cost inf"),
            (p(128, 1e300, 1.0), "duration 1e300"),
        ] {
            let e =
                TuningRun::new("", vec![p(256, 1.0, 1.0), bad], Currency::Usd, what).unwrap_err();
            assert!(e.message.starts_with("point 2: "), "{e}");
            assert!(e.message.contains(needle), "{e}");
        }
        let e = TuningRun::new(
            "",
            vec![p(256, 1.0, 1.0), p(256, 2.0, 1.0)],
            Currency::Usd,
            what,
        )
        .unwrap_err();
        assert!(e.message.contains("256 MB appears more than once"), "{e}");
    }
}
