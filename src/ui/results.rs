//! Everything the results column shows, computed once per valid scenario from the core.

use crate::ui::charts::{
    memory::MemorySeries, volume::VolumeSeries, MemoryChart, TuningChart, UtilizationChart,
    VolumeChart,
};
use lambda_cost::decimal::fixed;
use lambda_cost::model::{
    breakeven_utilization, compare_architectures, concurrency_needed, pc_utilization,
    pc_vs_on_demand, volume_curve, ArchComparison, SweepInputs, SweepPoint, UtilizationCost,
    HOURS_PER_MONTH, MEMORY_SIZES, SECONDS_PER_MONTH,
};
use lambda_cost::money;
use lambda_cost::tuning::{self, RunAnalysis};
use lambda_cost::{Arch, Bill, RateCard, Scenario};
use std::rc::Rc;

/// One request a day to 10,000 a second, per month.
const VOLUME_FROM: f64 = SECONDS_PER_MONTH / 86_400.0;
const VOLUME_TO: f64 = 10_000.0 * SECONDS_PER_MONTH;

#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    pub scenario: Scenario,
    pub bill: Bill,
    /// Each imported Power Tuning run priced at the scenario, in the scenario's order.
    pub tuning: Rc<Vec<RunAnalysis>>,
    /// Two runs side by side: the first x86_64 run against the first arm64 run, else the
    /// first two runs.
    pub tuning_comparison: Option<TuningComparison>,
    pub tuning_chart: TuningChart,
    /// The comparisons and curves around the bill; `None` in the first frame, which shows
    /// only the total and the bill (`Results::first`).
    pub curves: Option<Curves>,
}

/// What the charts and the architecture verdict show: both memory sweeps, the volume
/// curves and provisioned concurrency against on-demand.
#[derive(Debug, Clone, PartialEq)]
pub struct Curves {
    pub comparison: Option<ArchComparison>,
    pub memory: MemoryChart,
    pub volume: VolumeChart,
    pub utilization: UtilizationChart,
    /// Average concurrency at steady traffic (requests/s x duration s).
    pub average_concurrency: f64,
    /// Without provisioned concurrency set: the instances the average concurrency needs
    /// (rounded up) kept warm all month, and both costs at the utilization it gives them.
    pub pc_sized: Option<(u32, UtilizationCost)>,
    /// What each memory series was swept from (as `memory.series`), so the next
    /// scenario's can be kept when they stay the same.
    sweep_inputs: Vec<SweepInputs>,
}

/// `tuning::RunComparison` with the indexes of the two runs it compares.
#[derive(Debug, Clone, PartialEq)]
pub struct TuningComparison {
    pub a: usize,
    pub b: usize,
    pub comparison: tuning::RunComparison,
}

impl Results {
    /// `None` when the scenario does not validate.
    pub fn compute(s: &Scenario) -> Option<Rc<Results>> {
        Self::compute_after(s, None)
    }

    /// The bill and the Power Tuning runs priced, without the curves: what the first frame
    /// shows, so the first result waits for no sweep (issue 13).
    pub fn first(s: &Scenario) -> Option<Rc<Results>> {
        Self::priced(s).map(Rc::new)
    }

    /// As `compute`, keeping `previous`'s memory sweeps where their inputs did not change:
    /// a keystroke reprices one workload instead of 20,000 when the sweep stays the same.
    pub fn compute_after(s: &Scenario, previous: Option<&Results>) -> Option<Rc<Results>> {
        let mut results = Self::priced(s)?;
        results.curves = results.curves_after(previous);
        Some(Rc::new(results))
    }

    fn curves_after(&self, previous: Option<&Results>) -> Option<Curves> {
        let previous = previous.and_then(|p| p.curves.as_ref());
        Curves::compute(&self.scenario, &self.bill, &self.tuning, previous)
    }

    /// The bill and the runs, without the curves.
    fn priced(s: &Scenario) -> Option<Results> {
        let card = RateCard::embedded();
        let bill = s.bill(card).ok()?;
        // A bundle without runs (`crate::TUNING_RUNS`) leaves their analysis out.
        let analyses = if crate::TUNING_RUNS {
            s.tuning_analyses(card)
        } else {
            Vec::new()
        };
        let tuning_comparison = pair(&analyses).map(|(a, b)| TuningComparison {
            a,
            b,
            comparison: tuning::compare_runs(&analyses[a], &analyses[b]),
        });
        let tuning = Rc::new(analyses);
        Some(Results {
            tuning_chart: TuningChart::new(tuning.clone()),
            tuning,
            tuning_comparison,
            scenario: s.clone(),
            bill,
            curves: None,
        })
    }

    /// The curves of a full `compute` (tests only: the app handles their absence).
    #[cfg(test)]
    pub fn curves(&self) -> &Curves {
        self.curves.as_ref().expect("computed with its curves")
    }

    /// "arm64 saves $49.60 / month (19.9 %) at this workload", honest when it does not.
    pub fn verdict(&self) -> Option<String> {
        let c = self.curves.as_ref()?.comparison?;
        let saved = c.arm64_savings_cents();
        let pct = c
            .arm64_savings_pct()
            .map(|p| format!(" ({} %)", fixed(p.abs(), 1)))
            .unwrap_or_default();
        let slower = if self.scenario.arm64_factor > 1.0 {
            format!(
                " even though it runs {} % longer",
                fixed((self.scenario.arm64_factor - 1.0) * 100.0, 0)
            )
        } else {
            String::new()
        };
        Some(match saved {
            0 => "x86_64 and arm64 cost the same at this workload.".to_string(),
            s if s > 0 => format!(
                "arm64 saves {} / month{pct} at this workload{slower}.",
                money::format_cents(s)
            ),
            s => format!(
                "arm64 costs {} / month more{pct} at this workload: it runs {} % longer than on x86_64.",
                money::format_cents(-s),
                fixed((self.scenario.arm64_factor - 1.0) * 100.0, 0)
            ),
        })
    }
}

impl Curves {
    /// Keeps `previous`'s memory sweeps where their inputs did not change. `None` when
    /// the scenario has no rates for an architecture (it then has no bill either).
    fn compute(
        s: &Scenario,
        bill: &Bill,
        tuning: &[RunAnalysis],
        previous: Option<&Curves>,
    ) -> Option<Curves> {
        let card = RateCard::embedded();
        let w = s.workload();
        let terms = s.terms();
        let comparison =
            compare_architectures(&w, |arch| s.rates_for(card, arch), &terms, s.arm64_factor);

        let mut memory_series = Vec::with_capacity(2);
        let mut volume_series = Vec::with_capacity(2);
        let mut sweep_inputs = Vec::with_capacity(2);
        for arch in Arch::ALL {
            let rates = s.rates_for(card, arch)?;
            let wa = s.workload_on(arch);
            let inputs = s.memory_sweep_inputs(card, arch)?;
            let kept = previous.and_then(|p| {
                let i = p.sweep_inputs.iter().position(|k| *k == inputs)?;
                p.memory.series.get(i).filter(|m| m.arch == arch)
            });
            let (points, cheapest) = match kept {
                Some(m) => (m.points.clone(), m.cheapest),
                None => {
                    let points = inputs.sweep(MEMORY_SIZES);
                    let cheapest = cheapest(&points)?;
                    (Rc::new(points), cheapest)
                }
            };
            sweep_inputs.push(inputs);
            // Measured sizes outrank the model: the first USD run of each architecture.
            let measured = tuning
                .iter()
                .find(|a| a.arch == arch && a.currency == tuning::Currency::Usd)
                .map(|run| {
                    run.points
                        .iter()
                        .filter_map(|p| {
                            Some(SweepPoint {
                                memory_mb: p.point.memory_mb,
                                duration_ms: p.point.duration_ms,
                                monthly_usd: p.monthly_cents()? as f64 / 100.0,
                            })
                        })
                        .collect()
                })
                .unwrap_or_default();
            memory_series.push(MemorySeries {
                arch,
                points,
                cheapest,
                measured,
            });
            let (points, markers) = volume_curve(&wa, &rates, &terms, VOLUME_FROM, VOLUME_TO, 120);
            volume_series.push(VolumeSeries {
                arch,
                points,
                markers,
            });
        }

        let rates = s.rates(card).ok()?;
        let instances = s.pc_instances.max(1);
        let hours = if s.pc_hours > 0.0 {
            s.pc_hours
        } else {
            HOURS_PER_MONTH
        };
        let points = (0..=100)
            .map(|i| pc_vs_on_demand(&rates, s.memory_mb, instances, hours, i as f64 / 100.0))
            .collect();
        let current = pc_utilization(&w, bill.provisioned_requests);
        let utilization = UtilizationChart {
            points,
            breakeven: breakeven_utilization(&rates),
            current,
            at_current: current.map(|u| pc_vs_on_demand(&rates, s.memory_mb, instances, hours, u)),
            basis: format!(
                "{} instance{} x {} MB x {} h, {} in {}",
                instances,
                if instances == 1 { "" } else { "s" },
                money::format_quantity(s.memory_mb as f64, 0),
                money::format_quantity(hours, 2),
                s.arch,
                s.region
            ),
        };

        let average_concurrency = concurrency_needed(s.requests / SECONDS_PER_MONTH, s.duration_ms);
        let pc_sized = (s.pc_instances == 0 && average_concurrency > 0.0).then(|| {
            let instances = average_concurrency.ceil().clamp(1.0, u32::MAX as f64) as u32;
            let busy = average_concurrency / instances as f64;
            let cost = pc_vs_on_demand(&rates, s.memory_mb, instances, HOURS_PER_MONTH, busy);
            (instances, cost)
        });

        Some(Curves {
            comparison,
            memory: MemoryChart {
                series: memory_series,
                current_mb: s.memory_mb,
            },
            volume: VolumeChart {
                series: volume_series,
                from: VOLUME_FROM,
                to: VOLUME_TO,
                current: s.requests,
            },
            utilization,
            average_concurrency,
            pc_sized,
            sweep_inputs,
        })
    }
}

/// Which two runs to compare: the first x86_64 and the first arm64 run, else the first two.
fn pair(runs: &[RunAnalysis]) -> Option<(usize, usize)> {
    let first = |arch: Arch| runs.iter().position(|r| r.arch == arch);
    match (first(Arch::X86_64), first(Arch::Arm64)) {
        (Some(a), Some(b)) => Some((a, b)),
        _ if runs.len() >= 2 => Some((0, 1)),
        _ => None,
    }
}

/// Cheapest by the bill as shown; ties go to the faster, then the smaller size.
fn cheapest(points: &[SweepPoint]) -> Option<SweepPoint> {
    points.iter().copied().min_by(|a, b| {
        a.monthly_usd
            .total_cmp(&b.monthly_usd)
            .then(a.duration_ms.total_cmp(&b.duration_ms))
            .then(a.memory_mb.cmp(&b.memory_mb))
    })
}

#[cfg(test)]
mod tests {
    use super::Results;
    use lambda_cost::scenario::link;
    use std::rc::Rc;

    fn results(fragment: &str) -> Rc<Results> {
        Results::compute(&link::decode(fragment).unwrap().scenario).unwrap()
    }

    /// A memory edit keeps the last sweeps when duration does not depend on memory, and
    /// sweeps again when it does; either way the results are what a fresh start computes.
    #[test]
    fn an_edit_keeps_the_sweeps_it_cannot_change() {
        let cases = [
            (
                "#memory=512&duration=1000&requests=10000000",
                "#memory=1024&duration=1000&requests=10000000",
                true,
            ),
            (
                "#memory=512&duration=1000&requests=10000000&cpu=50",
                "#memory=1024&duration=1000&requests=10000000&cpu=50",
                false,
            ),
            (
                "#memory=512&duration=1000&requests=10000000",
                "#memory=512&duration=1000&requests=20000000",
                false,
            ),
            (
                "#memory=512&duration=1000&requests=10000000",
                "#memory=512&duration=1000&requests=10000000&arch=arm64",
                true,
            ),
        ];
        for (before, after, kept) in cases {
            let previous = results(before);
            let next = link::decode(after).unwrap().scenario;
            let edited = Results::compute_after(&next, Some(&previous)).unwrap();
            assert_eq!(edited, results(after), "{after}");
            for (a, b) in previous
                .curves()
                .memory
                .series
                .iter()
                .zip(&edited.curves().memory.series)
            {
                assert_eq!(
                    Rc::ptr_eq(&a.points, &b.points),
                    kept,
                    "{after}: {}",
                    a.arch
                );
            }
        }
    }
}
