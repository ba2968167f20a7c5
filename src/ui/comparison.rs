//! Pinned scenarios side by side: what the comparison section and its chart show,
//! computed from the core. Components only render it.
//!
//! A pin's memory sweep (10,113 sizes) is computed once, when the pins change
//! (`PinResults::compute`, kept in `AppState` and shared through `Rc`); while the user
//! types in the form only the current scenario is recomputed and the comparison is
//! re-assembled from the cached pin results (`Comparison::new`, a few microseconds).

use crate::ui::charts::comparison::{ComparisonChart, ComparisonSeries};
use crate::ui::results::Results;
use lambda_cost::model::SweepPoint;
use lambda_cost::scenario::Pin;
use lambda_cost::{Arch, RateCard, Scenario};
use std::rc::Rc;

/// The priced pins, for the pins they were computed from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PinResults {
    pub pins: Vec<Pin>,
    pub items: Vec<PinResult>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PinResult {
    /// Monthly total in cents and cost per 1M invocations, or why the pin cannot be
    /// priced (e.g. a region this version does not know).
    pub bill: Result<(i64, Option<f64>), String>,
    /// Monthly cost at every memory size, at the pin's architecture.
    pub curve: Option<Rc<Vec<SweepPoint>>>,
}

impl PinResults {
    pub fn compute(pins: &[Pin]) -> PinResults {
        PinResults {
            pins: pins.to_vec(),
            items: pins.iter().map(|p| price(&p.scenario)).collect(),
        }
    }
}

fn price(s: &Scenario) -> PinResult {
    let card = RateCard::embedded();
    match s.bill(card) {
        Ok(bill) => PinResult {
            bill: Ok((
                bill.total_cents(),
                bill.per_invocation_usd().map(|c| c * 1e6),
            )),
            curve: memory_curve(s).map(Rc::new),
        },
        Err(errors) => PinResult {
            bill: Err(errors.first().map(|e| e.to_string()).unwrap_or_default()),
            curve: None,
        },
    }
}

/// The scenario's monthly cost at every memory size, on its own architecture, with the
/// duration model of the memory chart.
pub fn memory_curve(s: &Scenario) -> Option<Vec<SweepPoint>> {
    s.memory_sweep(RateCard::embedded(), s.arch)
}

/// One column of the comparison: a pin or the current scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub label: String,
    /// The pin's index, or `None` for the current scenario.
    pub pin: Option<usize>,
    pub region: String,
    pub arch: Arch,
    pub memory_mb: u32,
    pub duration_ms: f64,
    pub requests: f64,
    pub total_cents: Option<i64>,
    pub per_million_usd: Option<f64>,
    /// Against the first pin: difference in cents and in % (when the first pin is not
    /// free). `None` for the first pin itself and when either cannot be priced.
    pub diff: Option<(i64, Option<f64>)>,
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The pins in order, then the current scenario.
    pub columns: Vec<Column>,
    pub chart: ComparisonChart,
}

impl Comparison {
    /// `None` without pins. `current` is the current scenario's results (the last valid
    /// one while a field is being fixed).
    pub fn new(pins: &PinResults, current: Option<&Results>) -> Option<Comparison> {
        if pins.pins.is_empty() {
            return None;
        }
        let mut columns: Vec<Column> = pins
            .pins
            .iter()
            .zip(&pins.items)
            .enumerate()
            .map(|(i, (p, r))| column(&p.label, Some(i), &p.scenario, r.bill.clone()))
            .collect();
        let mut series: Vec<ComparisonSeries> = pins
            .pins
            .iter()
            .zip(&pins.items)
            .filter_map(|(p, r)| {
                Some(ComparisonSeries {
                    label: p.label.clone(),
                    points: r.curve.clone()?,
                    memory_mb: p.scenario.memory_mb,
                    current: false,
                })
            })
            .collect();
        if let Some(r) = current {
            let s = &r.scenario;
            columns.push(column(
                "Current",
                None,
                s,
                Ok((
                    r.bill.total_cents(),
                    r.bill.per_invocation_usd().map(|c| c * 1e6),
                )),
            ));
            // The memory chart has already swept the current scenario on its architecture.
            if let Some(m) = r.memory.series.iter().find(|m| m.arch == s.arch) {
                series.push(ComparisonSeries {
                    label: "Current".into(),
                    points: m.points.clone(),
                    memory_mb: s.memory_mb,
                    current: true,
                });
            }
        }
        let base = columns[0].total_cents;
        for c in columns.iter_mut().skip(1) {
            c.diff = match (base, c.total_cents) {
                (Some(b), Some(t)) => {
                    Some((t - b, (b != 0).then(|| (t - b) as f64 / b as f64 * 100.0)))
                }
                _ => None,
            };
        }
        Some(Comparison {
            columns,
            chart: ComparisonChart { series },
        })
    }
}

fn column(
    label: &str,
    pin: Option<usize>,
    s: &Scenario,
    bill: Result<(i64, Option<f64>), String>,
) -> Column {
    let (total_cents, per_million_usd, error) = match bill {
        Ok((cents, per_million)) => (Some(cents), per_million, None),
        Err(e) => (None, None, Some(e)),
    };
    Column {
        label: label.to_string(),
        pin,
        region: s.region.clone(),
        arch: s.arch,
        memory_mb: s.memory_mb,
        duration_ms: s.duration_ms,
        requests: s.requests,
        total_cents,
        per_million_usd,
        diff: None,
        error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lambda_cost::scenario::link;

    #[test]
    fn differences_are_against_the_first_pin() {
        let today = link::decode("#memory=1024&duration=2000&requests=7440000")
            .unwrap()
            .scenario;
        let proposed = Scenario {
            arch: Arch::Arm64,
            ..today.clone()
        };
        let pins = vec![Pin::new("Today", &today), Pin::new("Proposed", &proposed)];
        let cached = PinResults::compute(&pins);
        let current = Results::compute(&proposed).unwrap();
        let c = Comparison::new(&cached, Some(&current)).unwrap();
        let totals: Vec<_> = c.columns.iter().map(|c| c.total_cents).collect();
        assert_eq!(totals, [Some(24949), Some(19989), Some(19989)]);
        assert_eq!(c.columns[0].diff, None);
        let (cents, pct) = c.columns[1].diff.unwrap();
        assert_eq!(cents, -4960);
        assert!((pct.unwrap() + 19.88).abs() < 0.01, "{pct:?}");
        assert_eq!(c.columns[2].label, "Current");
        assert_eq!(c.chart.series.len(), 3);
        assert_eq!(c.chart.series[0].points.len(), 10_113);
        // No pins, no comparison.
        assert!(Comparison::new(&PinResults::default(), Some(&current)).is_none());
    }

    #[test]
    fn a_pin_that_cannot_be_priced_says_why() {
        let bad = Scenario {
            region: "mars-north-1".into(),
            ..Scenario::default()
        };
        let cached = PinResults::compute(&[Pin::new("Mars", &bad)]);
        let c = Comparison::new(&cached, None).unwrap();
        assert_eq!(c.columns.len(), 1);
        assert_eq!(c.columns[0].total_cents, None);
        assert!(c.columns[0]
            .error
            .as_deref()
            .unwrap()
            .contains("unknown region"));
        assert!(c.chart.series.is_empty());
    }
}
