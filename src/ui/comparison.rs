//! Pinned scenarios side by side: what the comparison section and its chart show,
//! computed from the core. Components only render it.
//!
//! A pin's memory sweep (10,113 sizes) is computed once, when the pins change
//! (`PinResults::compute`, kept in `AppState` and shared through `Rc`); while the user
//! types in the form only the current scenario is recomputed and the comparison is
//! re-assembled from the cached pin results (`Comparison::new`, a few microseconds).

use crate::ui::charts::comparison::{ComparisonChart, ComparisonSeries};
use crate::ui::results::Results;
use lambda_cost::compute::Compute;
use lambda_cost::model::SweepPoint;
use lambda_cost::scenario::{MonthlyTotal, Pin};
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
    /// Monthly total of the bill the pin asks for (Lambda's, or the Managed Instances
    /// bill for `compute=lmi`), or why the pin cannot be priced (e.g. a region this
    /// version does not know).
    pub bill: Result<MonthlyTotal, String>,
    /// Lambda's monthly cost at every memory size, at the pin's architecture (none for
    /// a Managed Instances pin: its cost does not follow Lambda memory).
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
    match s.monthly_total(card) {
        Ok(total) => PinResult {
            bill: Ok(total),
            curve: match total.compute {
                Compute::Lambda => memory_curve(s).map(Rc::new),
                Compute::ManagedInstances => None,
            },
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
    /// What the total is: "Lambda" or "Managed Instances (m7g.xlarge)".
    pub runs_on: String,
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
            let total = match s.compute {
                Compute::Lambda => Ok(MonthlyTotal {
                    compute: Compute::Lambda,
                    cents: r.bill.total_cents(),
                    per_million_usd: r.bill.per_invocation_usd().map(|c| c * 1e6),
                }),
                Compute::ManagedInstances => s
                    .monthly_total(RateCard::embedded())
                    .map_err(|e| e.first().map(|e| e.to_string()).unwrap_or_default()),
            };
            columns.push(column("Current", None, s, total));
            // The memory chart has already swept the current scenario on its architecture.
            let lambda = s.compute == Compute::Lambda;
            let curves = r.curves.as_ref();
            if let Some(m) =
                curves.and_then(|c| c.memory.series.iter().find(|m| lambda && m.arch == s.arch))
            {
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
    bill: Result<MonthlyTotal, String>,
) -> Column {
    let (total_cents, per_million_usd, error) = match bill {
        Ok(t) => (Some(t.cents), t.per_million_usd, None),
        Err(e) => (None, None, Some(e)),
    };
    let runs_on = match s.compute {
        Compute::Lambda => "Lambda".to_string(),
        Compute::ManagedInstances => format!("Managed Instances ({})", s.lmi.instance_type),
    };
    Column {
        label: label.to_string(),
        pin,
        region: s.region.clone(),
        arch: s.arch,
        memory_mb: s.memory_mb,
        duration_ms: s.duration_ms,
        requests: s.requests,
        runs_on,
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

    /// A pinned `compute=lmi` scenario shows its Managed Instances bill (AWS's example,
    /// $160.35), not the Lambda bill of the same workload; so does the current column.
    #[test]
    fn a_managed_instances_pin_shows_its_lmi_bill() {
        let lmi = link::decode("#compute=lmi&requests=100000000&duration=200&lmi_type=m7g.xlarge&lmi_hours=2000&lmi_hourly=0.1632&lmi_discount=72")
            .unwrap()
            .scenario;
        let lambda = Scenario {
            compute: Compute::Lambda,
            ..lmi.clone()
        };
        let pins = vec![Pin::new("LMI", &lmi), Pin::new("Lambda", &lambda)];
        let cached = PinResults::compute(&pins);
        let current = Results::compute(&lmi).unwrap();
        let c = Comparison::new(&cached, Some(&current)).unwrap();
        let lambda_cents = lambda.bill(RateCard::embedded()).unwrap().total_cents();
        assert_ne!(lambda_cents, 16035);
        let totals: Vec<_> = c.columns.iter().map(|c| c.total_cents).collect();
        assert_eq!(totals, [Some(16035), Some(lambda_cents), Some(16035)]);
        let runs_on: Vec<&str> = c.columns.iter().map(|c| c.runs_on.as_str()).collect();
        assert_eq!(
            runs_on,
            [
                "Managed Instances (m7g.xlarge)",
                "Lambda",
                "Managed Instances (m7g.xlarge)"
            ]
        );
        // $160.352 for 100 M requests: $1.60352 per 1M.
        assert!((c.columns[0].per_million_usd.unwrap() - 1.60352).abs() < 1e-9);
        assert_eq!(c.columns[1].diff.unwrap().0, lambda_cents - 16035);
        // Only the Lambda pin has a cost curve across Lambda memory sizes.
        assert_eq!(c.chart.series.len(), 1);
        assert_eq!(c.chart.series[0].label, "Lambda");
        // An LMI pin whose price is unknown says why, naming the key.
        let mut unknown = Scenario {
            region: "eu-west-1".into(),
            ..lmi
        };
        unknown.lmi.hourly_override = None;
        let c = Comparison::new(&PinResults::compute(&[Pin::new("EU", &unknown)]), None).unwrap();
        assert!(c.columns[0]
            .error
            .as_deref()
            .unwrap()
            .starts_with("lmi_hourly:"));
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
