//! What a Power Tuning run means for the scenario: our monthly bill at every memory
//! size it measured (requests, tiers, free tier, storage and INIT as the scenario sets
//! them), where Power Tuning's cost disagrees with the rate card, deltas against the
//! current configuration, and the comparison of two runs (typically x86_64 and arm64).

use super::strategy::Picks;
use super::{Currency, TuningPoint, TuningRun};
use crate::pricing::{self, Bill, Terms, Workload};
use crate::rates::{Arch, Rates};

/// Power Tuning's rounded duration prices, USD per ms at 128 MB.
pub const PT_PRICE_X86_64: f64 = 2.1e-9;
pub const PT_PRICE_ARM64: f64 = 1.7e-9;
/// The price of 100 ms at 128 MB before 1 ms billing (December 2020), per ms.
const PRICE_100MS_ERA: f64 = 2.08e-9;

/// Why Power Tuning's cost differs from the rate card by more than rounding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mismatch {
    /// Its rounded per-ms price for `arch` (2.1e-9 x86_64, 1.7e-9 arm64 at 128 MB).
    CoarsePrice { arch: Arch },
    /// Billed in 100 ms units, as before December 2020.
    HundredMsBilling,
    /// Matches the rate card of the other architecture.
    OtherArch(Arch),
    /// None of the above: another region, or other prices.
    Other,
}

/// Power Tuning's cost of one invocation against ours for the same billed duration.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Disagreement {
    /// Power Tuning's cost / ours.
    pub ratio: f64,
    /// Our duration-only cost of one invocation, USD.
    pub ours: f64,
    pub reason: Mismatch,
    /// The architecture we priced at.
    pub priced_as: Arch,
}

impl Disagreement {
    /// Power Tuning's own rounding of the per-ms price of the architecture the run is
    /// priced at: expected of every run it prices, so explained once per run rather than
    /// flagged per size.
    pub fn is_power_tunings_rounding(&self) -> bool {
        matches!(self.reason, Mismatch::CoarsePrice { arch } if arch == self.priced_as)
    }

    pub fn message(&self) -> String {
        let pct = (self.ratio - 1.0) * 100.0;
        let by = format!(
            "Power Tuning's cost is {}% {} than the rate card's {}",
            crate::money::format_quantity(pct.abs(), 1),
            if pct >= 0.0 { "higher" } else { "lower" },
            crate::money::format_small_usd(self.ours)
        );
        let why = match self.reason {
            Mismatch::CoarsePrice { arch } if arch == self.priced_as => format!(
                "it uses a rounded price ({} USD per ms at 128 MB for {arch})",
                if arch == Arch::Arm64 {
                    "1.7e-9"
                } else {
                    "2.1e-9"
                }
            ),
            Mismatch::CoarsePrice { arch } => format!(
                "it priced the run as {arch} (its rounded price), but it is priced here as {}",
                self.priced_as
            ),
            Mismatch::HundredMsBilling => {
                "it billed in 100 ms units, as Lambda did before December 2020".into()
            }
            Mismatch::OtherArch(arch) => format!(
                "it matches the {arch} price, but the run is priced here as {}",
                self.priced_as
            ),
            Mismatch::Other => "a different region or other prices".into(),
        };
        format!("{by}: {why}")
    }
}

/// How the current configuration was measured for a delta.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Baseline {
    /// The run's own measurement at the scenario's memory (same architecture).
    Measured,
    /// The scenario as entered (its duration), as the run lacks that memory size or
    /// ran on another architecture.
    Scenario,
}

/// One memory size against the current configuration.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Delta {
    pub memory_mb: u32,
    pub baseline_memory_mb: u32,
    pub baseline: Baseline,
    /// Relative change of the monthly bill (-0.23 = 23% cheaper); `None` when the
    /// current bill is zero and this one is not.
    pub cost_change: Option<f64>,
    /// Relative change of the duration (-0.41 = 41% faster).
    pub duration_change: f64,
}

impl Delta {
    /// "1,024 MB: 23% cheaper, 41% faster than your 512 MB".
    pub fn describe(&self) -> String {
        let mb = |m: u32| crate::money::format_quantity(m as f64, 0);
        format!(
            "{} MB: {} than your {} MB",
            mb(self.memory_mb),
            self.change(),
            mb(self.baseline_memory_mb)
        )
    }

    /// The change alone, as in a table column headed by the baseline: "23% cheaper,
    /// 41% faster".
    pub fn change(&self) -> String {
        let pct = |x: f64| (x.abs() * 100.0).round();
        let cost = match self.cost_change {
            Some(c) if pct(c) == 0.0 => "same cost".to_string(),
            Some(c) if c < 0.0 => format!("{}% cheaper", pct(c)),
            Some(c) => format!("{}% more expensive", pct(c)),
            None => "no longer free".to_string(),
        };
        let d = self.duration_change;
        let speed = if pct(d) == 0.0 {
            "same speed".to_string()
        } else if d < 0.0 {
            format!("{}% faster", pct(d))
        } else {
            format!("{}% slower", pct(d))
        };
        format!("{cost}, {speed}")
    }
}

/// One measured memory size, priced.
#[derive(Debug, Clone, PartialEq)]
pub struct PointAnalysis {
    pub point: TuningPoint,
    /// Our monthly bill at this memory size and duration, or why it cannot be priced.
    pub bill: Result<Bill, String>,
    /// Our duration-only cost of one invocation (what Power Tuning's cost measures), USD.
    pub rate_card_cost: Option<f64>,
    /// Set when Power Tuning's cost differs from `rate_card_cost` beyond rounding
    /// (never for CNY runs: those are not compared with USD rates).
    pub disagreement: Option<Disagreement>,
    pub delta: Option<Delta>,
}

impl PointAnalysis {
    pub fn monthly_cents(&self) -> Option<i64> {
        self.bill.as_ref().ok().map(Bill::total_cents)
    }
}

/// Where the architecture a run is priced at comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArchBasis {
    /// Set on the run: by its label (e.g. "arm64") or by the user.
    Given,
    /// Told by its costs: every price per ms matches this architecture's, not the other's.
    Inferred,
    /// Nothing tells: the scenario's, until the user says.
    Assumed,
}

/// A run priced against a scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct RunAnalysis {
    pub label: String,
    /// The architecture the run was priced at: the run's, else what its costs tell,
    /// else the scenario's.
    pub arch: Arch,
    pub arch_basis: ArchBasis,
    pub currency: Currency,
    /// In the run's order (by memory).
    pub points: Vec<PointAnalysis>,
    /// Power Tuning's picks (indexes into `points`).
    pub picks: Picks,
    /// The point with the lowest monthly bill (ties: faster, then smaller memory).
    pub monthly_pick: Option<usize>,
    pub notices: Vec<String>,
}

impl RunAnalysis {
    pub fn memory_at(&self, index: Option<usize>) -> Option<u32> {
        index
            .and_then(|i| self.points.get(i))
            .map(|p| p.point.memory_mb)
    }
}

/// What runs are priced against: the workload whose memory and duration each point
/// replaces, its terms, the rates of both architectures and the workload's own bill.
/// `Scenario::tuning_basis` builds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Basis {
    pub workload: Workload,
    pub terms: Terms,
    /// The duration on provisioned concurrency follows the measured duration (it was
    /// not set on its own).
    pub pc_duration_follows: bool,
    /// The region's code, for messages.
    pub region: String,
    pub x86_64: Option<Rates>,
    pub arm64: Option<Rates>,
    /// The workload's own monthly bill, `None` when it has none.
    pub bill: Option<Bill>,
}

impl Basis {
    fn rates(&self, arch: Arch) -> Option<&Rates> {
        match arch {
            Arch::X86_64 => self.x86_64.as_ref(),
            Arch::Arm64 => self.arm64.as_ref(),
        }
    }
}

/// Prices every point of `run` with the basis's requests, region, storage, INIT,
/// provisioned concurrency and terms, at the run's architecture (else the workload's).
pub fn analyze(run: &TuningRun, basis: &Basis, weight: f64) -> RunAnalysis {
    let (arch, arch_basis) = match (run.arch, infer_arch(run, basis)) {
        (Some(a), _) => (a, ArchBasis::Given),
        (None, Some(a)) => (a, ArchBasis::Inferred),
        (None, None) => (basis.workload.arch, ArchBasis::Assumed),
    };
    let rates = basis.rates(arch);
    let other_rates = basis.rates(other(arch));
    let mut notices = Vec::new();
    if rates.is_none() {
        notices.push(format!(
            "Unknown region \"{}\": monthly bills cannot be computed.",
            basis.region.chars().take(32).collect::<String>()
        ));
    }
    if run.currency == Currency::Cny {
        notices.push(
            "Power Tuning's costs are in CNY: they are not compared with the USD rate card; \
             monthly bills are computed from the measured durations at USD rates."
                .into(),
        );
    }
    let unpriced = run.points.iter().filter(|p| !p.priceable()).count();
    if unpriced > 0 {
        notices.push(format!(
            "{unpriced} memory size{} outside Lambda's 128 to 10,240 MB {} not priced.",
            if unpriced == 1 { " is" } else { "s are" },
            if unpriced == 1 { "and is" } else { "and are" }
        ));
    }
    let bills: Vec<Result<Bill, String>> = run
        .points
        .iter()
        .map(|p| point_bill(basis, arch, p, rates))
        .collect();
    let baseline = current_bill(basis, run, arch);
    let points: Vec<PointAnalysis> = run
        .points
        .iter()
        .zip(bills)
        .map(|(p, bill)| {
            let (rate_card_cost, disagreement) = match (rates, run.currency) {
                (Some(r), Currency::Usd) if p.priceable() => {
                    let ours = duration_cost(r, p.memory_mb, ceil_ms(p.duration_ms));
                    (Some(ours), disagreement(p, arch, r, other_rates))
                }
                _ => (None, None),
            };
            let delta = match (&bill, &baseline) {
                (Ok(b), Some((base, kind))) => {
                    Some(delta(p, b, base, *kind, basis.workload.memory_mb))
                }
                _ => None,
            };
            PointAnalysis {
                point: *p,
                bill,
                rate_card_cost,
                disagreement,
                delta,
            }
        })
        .collect();
    let monthly_pick = points
        .iter()
        .enumerate()
        .filter_map(|(i, a)| a.monthly_cents().map(|c| (i, c, a.point.duration_ms)))
        .fold(
            None,
            |best: Option<(usize, i64, f64)>, (i, c, d)| match best {
                Some((_, bc, bd)) if c > bc || (c == bc && d >= bd) => best,
                _ => Some((i, c, d)),
            },
        )
        .map(|(i, _, _)| i);
    let rounded = points
        .iter()
        .filter(|p| {
            p.disagreement
                .is_some_and(|d| d.is_power_tunings_rounding())
        })
        .count();
    if rounded > 0 {
        notices.push(rounding_notice(arch, rates, rounded));
    }
    RunAnalysis {
        label: run.label.clone(),
        arch,
        arch_basis,
        currency: run.currency,
        picks: Picks::of_run(run, weight),
        points,
        monthly_pick,
        notices,
    }
}

/// Power Tuning's rounded price per ms at 128 MB for `arch` (its `baseCosts` default).
pub fn power_tuning_price(arch: Arch) -> f64 {
    match arch {
        Arch::X86_64 => PT_PRICE_X86_64,
        Arch::Arm64 => PT_PRICE_ARM64,
    }
}

/// The one explanation of Power Tuning's rounding for a run, instead of a flag per size.
fn rounding_notice(arch: Arch, rates: Option<&Rates>, sizes: usize) -> String {
    let card = rates
        .map(|r| {
            let per_ms = duration_cost(r, 128, 1.0);
            format!(
                " against the rate card's {:.4e}, {}% more",
                per_ms,
                crate::money::format_quantity((power_tuning_price(arch) / per_ms - 1.0) * 100.0, 1)
            )
        })
        .unwrap_or_default();
    format!(
        "Power Tuning prices {arch} at a rounded {:.1e} USD per ms at 128 MB{card}: its cost \
         column runs that much above AWS's at {sizes} size{}. Expected, not an error; the \
         monthly bills use the rate card.",
        power_tuning_price(arch),
        if sizes == 1 { "" } else { "s" }
    )
}

/// The architecture a USD run's costs were computed at, when they tell: every priceable
/// size matches one architecture's price per ms (Power Tuning's rounded one or the
/// rate card's) and at least one size matches only that one. `None`: they do not tell.
pub fn infer_arch(run: &TuningRun, basis: &Basis) -> Option<Arch> {
    if run.currency != Currency::Usd {
        return None;
    }
    let fits = |p: &TuningPoint, arch: Arch| {
        let scale = p.memory_mb as f64 / 128.0;
        explains(
            p.cost_per_invocation,
            power_tuning_price(arch) * scale,
            p.duration_ms,
        ) || basis.rates(arch).is_some_and(|r| {
            explains(
                p.cost_per_invocation,
                duration_cost(r, p.memory_mb, 1.0),
                p.duration_ms,
            )
        })
    };
    let priced: Vec<&TuningPoint> = run.points.iter().filter(|p| p.priceable()).collect();
    let all = |arch: Arch| !priced.is_empty() && priced.iter().all(|p| fits(p, arch));
    match (all(Arch::X86_64), all(Arch::Arm64)) {
        (true, false) => Some(Arch::X86_64),
        (false, true) => Some(Arch::Arm64),
        _ => None,
    }
}

fn other(arch: Arch) -> Arch {
    match arch {
        Arch::X86_64 => Arch::Arm64,
        Arch::Arm64 => Arch::X86_64,
    }
}

fn point_bill(
    basis: &Basis,
    arch: Arch,
    p: &TuningPoint,
    rates: Option<&Rates>,
) -> Result<Bill, String> {
    if !p.priceable() {
        return Err(format!(
            "{} MB is not a Lambda memory size (128 to 10,240 MB)",
            p.memory_mb
        ));
    }
    let mut w = basis.workload;
    w.arch = arch;
    w.memory_mb = p.memory_mb;
    w.duration_ms = p.duration_ms;
    if basis.pc_duration_follows {
        w.provisioned.duration_ms = p.duration_ms;
    }
    let terms = basis.terms;
    let errors: Vec<_> = w.validate().into_iter().chain(terms.validate()).collect();
    if let Some(e) = errors.first() {
        return Err(e.to_string());
    }
    let rates = rates.ok_or_else(|| {
        format!(
            "unknown region \"{}\"",
            crate::input::echo(&basis.region, 32)
        )
    })?;
    Ok(pricing::bill(&w, rates, &terms))
}

/// The current configuration's bill: the run's measurement at the scenario's memory
/// when it ran on the scenario's architecture, else the scenario as entered.
fn current_bill(basis: &Basis, run: &TuningRun, arch: Arch) -> Option<((Bill, f64), Baseline)> {
    let w = &basis.workload;
    if arch == w.arch {
        if let Some(p) = run.point(w.memory_mb) {
            if let Ok(b) = point_bill(basis, arch, p, basis.rates(arch)) {
                return Some(((b, p.duration_ms), Baseline::Measured));
            }
        }
    }
    basis
        .bill
        .clone()
        .map(|b| ((b, w.duration_ms), Baseline::Scenario))
}

fn delta(
    p: &TuningPoint,
    bill: &Bill,
    base: &(Bill, f64),
    kind: Baseline,
    baseline_memory_mb: u32,
) -> Delta {
    let (base_bill, base_ms) = base;
    let (now, was) = (bill.exact_usd(), base_bill.exact_usd());
    let cost_change = if was > 0.0 {
        Some(now / was - 1.0)
    } else if now <= 0.0 {
        Some(0.0)
    } else {
        None
    };
    Delta {
        memory_mb: p.memory_mb,
        baseline_memory_mb,
        baseline: kind,
        cost_change,
        duration_change: p.duration_ms / base_ms - 1.0,
    }
}

fn ceil_ms(ms: f64) -> f64 {
    if ms.is_finite() && ms > 0.0 {
        ms.ceil()
    } else {
        0.0
    }
}

/// Duration-only cost of one invocation billed `billed_ms` at the first tier, USD.
fn duration_cost(r: &Rates, memory_mb: u32, billed_ms: f64) -> f64 {
    r.duration[0] * (memory_mb as f64 / 1024.0) * billed_ms / 1000.0
}

/// Whether `cost` is the price of `ceil(d)` to `ceil(d) + 1` billed ms at `per_ms`: Power
/// Tuning rounds up the mean of billed durations, which lies in that range.
fn explains(cost: f64, per_ms: f64, duration_ms: f64) -> bool {
    if per_ms <= 0.0 {
        return false;
    }
    let implied = cost / per_ms;
    let lo = ceil_ms(duration_ms);
    // Float32 storage and float noise: well below the 0.8% of the rounded price.
    let tol = implied.abs() * 1e-4 + 1e-6;
    implied >= lo - tol && implied <= lo + 1.0 + tol
}

fn disagreement(
    p: &TuningPoint,
    arch: Arch,
    r: &Rates,
    other_rates: Option<&Rates>,
) -> Option<Disagreement> {
    let scale = p.memory_mb as f64 / 128.0;
    let per_ms = duration_cost(r, p.memory_mb, 1.0);
    let cost = p.cost_per_invocation;
    if explains(cost, per_ms, p.duration_ms) {
        return None;
    }
    let ours = duration_cost(r, p.memory_mb, ceil_ms(p.duration_ms));
    let hundred_ms = {
        let billed = (p.duration_ms / 100.0).ceil() * 100.0;
        let implied = cost / (billed * scale);
        (implied / PRICE_100MS_ERA - 1.0).abs() < 0.01
    };
    let reason = if explains(cost, PT_PRICE_X86_64 * scale, p.duration_ms) {
        Mismatch::CoarsePrice { arch: Arch::X86_64 }
    } else if explains(cost, PT_PRICE_ARM64 * scale, p.duration_ms) {
        Mismatch::CoarsePrice { arch: Arch::Arm64 }
    } else if hundred_ms {
        Mismatch::HundredMsBilling
    } else if other_rates
        .is_some_and(|o| explains(cost, duration_cost(o, p.memory_mb, 1.0), p.duration_ms))
    {
        Mismatch::OtherArch(other(arch))
    } else {
        Mismatch::Other
    };
    Some(Disagreement {
        ratio: if ours > 0.0 {
            cost / ours
        } else {
            f64::INFINITY
        },
        ours,
        reason,
        priced_as: arch,
    })
}

/// Which of two runs is cheaper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    A,
    B,
    Same,
}

/// Two monthly bills side by side.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MemoryComparison {
    pub a_memory_mb: u32,
    pub b_memory_mb: u32,
    pub a_cents: i64,
    pub b_cents: i64,
    pub cheaper: Side,
    /// How much less the cheaper one costs per month.
    pub difference_cents: i64,
    /// The difference relative to the dearer bill (0.18 = 18% cheaper).
    pub difference_pct: Option<f64>,
}

impl MemoryComparison {
    fn new(a_memory_mb: u32, a_cents: i64, b_memory_mb: u32, b_cents: i64) -> Self {
        let cheaper = match a_cents.cmp(&b_cents) {
            std::cmp::Ordering::Less => Side::A,
            std::cmp::Ordering::Greater => Side::B,
            std::cmp::Ordering::Equal => Side::Same,
        };
        let dear = a_cents.max(b_cents);
        let difference_cents = a_cents.abs_diff(b_cents).min(i64::MAX as u64) as i64;
        MemoryComparison {
            a_memory_mb,
            b_memory_mb,
            a_cents,
            b_cents,
            cheaper,
            difference_cents,
            difference_pct: (dear > 0).then(|| difference_cents as f64 / dear as f64),
        }
    }

    /// "arm64 (1024 MB) is cheaper by $1.23 a month (18%)".
    pub fn describe(&self, a_label: &str, b_label: &str) -> String {
        let (label, mem) = match self.cheaper {
            Side::A => (a_label, self.a_memory_mb),
            Side::B => (b_label, self.b_memory_mb),
            Side::Same => {
                return format!(
                    "{a_label} ({} MB) and {b_label} ({} MB) cost the same: {} a month",
                    self.a_memory_mb,
                    self.b_memory_mb,
                    crate::money::format_cents(self.a_cents)
                )
            }
        };
        let pct = self
            .difference_pct
            .map(|p| format!(" ({}%)", (p * 100.0).round()))
            .unwrap_or_default();
        format!(
            "{label} ({mem} MB) is cheaper by {} a month{pct}",
            crate::money::format_cents(self.difference_cents)
        )
    }
}

/// Two Power Tuning runs (typically one function on x86_64 and on arm64) compared at every
/// memory size both measured, and at each one's best. Not `model::ArchComparison`, which
/// compares one scenario priced on both architectures.
#[derive(Debug, Clone, PartialEq)]
pub struct RunComparison {
    pub a_label: String,
    pub b_label: String,
    pub per_memory: Vec<MemoryComparison>,
    /// Each run at its lowest monthly bill.
    pub at_best: Option<MemoryComparison>,
}

/// Compares two analyzed runs (typically the same function on x86_64 and arm64).
pub fn compare_runs(a: &RunAnalysis, b: &RunAnalysis) -> RunComparison {
    let per_memory = a
        .points
        .iter()
        .filter_map(|pa| {
            let pb = b
                .points
                .iter()
                .find(|pb| pb.point.memory_mb == pa.point.memory_mb)?;
            Some(MemoryComparison::new(
                pa.point.memory_mb,
                pa.monthly_cents()?,
                pb.point.memory_mb,
                pb.monthly_cents()?,
            ))
        })
        .collect();
    let best = |r: &RunAnalysis| {
        r.monthly_pick
            .and_then(|i| r.points.get(i))
            .and_then(|p| Some((p.point.memory_mb, p.monthly_cents()?)))
    };
    let at_best = match (best(a), best(b)) {
        (Some((am, ac)), Some((bm, bc))) => Some(MemoryComparison::new(am, ac, bm, bc)),
        _ => None,
    };
    RunComparison {
        a_label: a.label.clone(),
        b_label: b.label.clone(),
        per_memory,
        at_best,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;
    use crate::RateCard;

    /// One run without an architecture: each size's cost is `per_ms(128 MB)` x its
    /// memory share x the billed ms, as Power Tuning computes it.
    fn run(per_ms_128: f64, sizes: &[(u32, f64)]) -> TuningRun {
        let points = sizes
            .iter()
            .map(|&(memory_mb, duration_ms)| TuningPoint {
                memory_mb,
                duration_ms,
                cost_per_invocation: per_ms_128 * memory_mb as f64 / 128.0 * duration_ms.ceil(),
            })
            .collect();
        TuningRun::new("Run 1", points, Currency::Usd, |i| format!("point {i}")).unwrap()
    }

    fn analyzed(s: &Scenario, run: &TuningRun) -> RunAnalysis {
        analyze(run, &s.tuning_basis(RateCard::embedded()), 0.5)
    }

    const SIZES: [(u32, f64); 3] = [(512, 812.4), (1024, 3890.2), (2048, 1201.0)];

    #[test]
    fn power_tunings_own_rounding_is_explained_once_not_flagged() {
        let s = Scenario::default(); // us-east-1, x86_64
        let a = analyzed(&s, &run(PT_PRICE_X86_64, &SIZES));
        let flagged: Vec<_> = a.points.iter().filter_map(|p| p.disagreement).collect();
        assert_eq!(
            flagged.len(),
            3,
            "long durations lie beyond 1 ms of rounding"
        );
        assert!(flagged.iter().all(Disagreement::is_power_tunings_rounding));
        let notes: Vec<&String> = a.notices.iter().filter(|n| n.contains("rounded")).collect();
        assert_eq!(notes.len(), 1, "{:?}", a.notices);
        assert!(
            notes[0].contains("2.1e-9 USD per ms at 128 MB"),
            "{}",
            notes[0]
        );
        assert!(notes[0].contains("0.8% more"), "{}", notes[0]);
        assert!(notes[0].contains("at 3 sizes"), "{}", notes[0]);

        // A price beyond the rounding stays flagged, and is no rounding.
        let a = analyzed(&s, &run(PT_PRICE_X86_64 * 1.5, &SIZES));
        assert!(a.points.iter().all(|p| p
            .disagreement
            .is_some_and(|d| !d.is_power_tunings_rounding())));
        assert!(!a.notices.iter().any(|n| n.contains("rounded")));
    }

    #[test]
    fn a_runs_architecture_comes_from_its_prices_where_they_tell() {
        let x86 = Scenario::default();
        let arm = Scenario {
            arch: Arch::Arm64,
            ..Scenario::default()
        };
        // Power Tuning's arm64 price: arm64 whatever the form says.
        for s in [&x86, &arm] {
            let a = analyzed(s, &run(PT_PRICE_ARM64, &SIZES));
            assert_eq!((a.arch, a.arch_basis), (Arch::Arm64, ArchBasis::Inferred));
            let a = analyzed(s, &run(PT_PRICE_X86_64, &SIZES));
            assert_eq!((a.arch, a.arch_basis), (Arch::X86_64, ArchBasis::Inferred));
        }
        // The rate card's own arm64 price tells too.
        let card_arm = RateCard::embedded()
            .rates("us-east-1", Arch::Arm64)
            .unwrap();
        let per_ms = duration_cost(&card_arm, 128, 1.0);
        let a = analyzed(&x86, &run(per_ms, &SIZES));
        assert_eq!((a.arch, a.arch_basis), (Arch::Arm64, ArchBasis::Inferred));
        // Prices of neither: the form's, said to be assumed.
        let a = analyzed(&arm, &run(PT_PRICE_X86_64 * 3.0, &SIZES));
        assert_eq!((a.arch, a.arch_basis), (Arch::Arm64, ArchBasis::Assumed));
        // Too short to tell: 5 billed ms at arm64's price is 4.05 ms at x86_64's, and
        // Power Tuning's mean of billed durations may lie anywhere in 4..=5 ms.
        let short = TuningRun::new(
            "Run 1",
            vec![TuningPoint {
                memory_mb: 128,
                duration_ms: 4.0,
                cost_per_invocation: 5.0 * PT_PRICE_ARM64,
            }],
            Currency::Usd,
            |_| String::new(),
        )
        .unwrap();
        let a = analyzed(&x86, &short);
        assert_eq!((a.arch, a.arch_basis), (Arch::X86_64, ArchBasis::Assumed));
        // Set on the run: kept, even against its prices.
        let mut given = run(PT_PRICE_ARM64, &SIZES);
        given.arch = Some(Arch::X86_64);
        let a = analyzed(&x86, &given);
        assert_eq!((a.arch, a.arch_basis), (Arch::X86_64, ArchBasis::Given));
    }
}
