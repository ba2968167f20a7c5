//! The monthly bill at every memory size, for cost and duration curves.

use super::DurationModel;
use crate::pricing::{SizedTotals, Terms, Workload};
use crate::rates::Rates;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SweepPoint {
    pub memory_mb: u32,
    pub duration_ms: f64,
    /// Monthly total as shown (sum of cent-rounded lines), USD.
    pub monthly_usd: f64,
}

/// Everything a memory sweep depends on, and nothing more: two equal `SweepInputs`
/// sweep to the same points, so a page can keep its last sweep (20,000 priced workloads)
/// when an edit leaves them equal, e.g. a new memory size when duration does not depend
/// on memory.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SweepInputs {
    /// The workload without what each size replaces (memory and the durations).
    workload: Workload,
    rates: Rates,
    terms: Terms,
    /// The duration model, without the measured size when it does not matter.
    model: DurationModel,
}

impl SweepInputs {
    pub fn new(
        workload: &Workload,
        rates: &Rates,
        terms: &Terms,
        model: &DurationModel,
    ) -> SweepInputs {
        let mut workload = *workload;
        workload.memory_mb = 0;
        workload.duration_ms = 0.0;
        workload.provisioned.duration_ms = 0.0;
        // `DurationModel::duration_ms` is the measured duration at every size when no
        // share of it is CPU-bound (NaN compares unequal, so it is never merged).
        let model = if model.cpu_bound.clamp(0.0, 1.0) == 0.0 {
            DurationModel::constant(0, model.measured_ms)
        } else {
            *model
        };
        SweepInputs {
            workload,
            rates: *rates,
            terms: *terms,
            model,
        }
    }

    /// Prices the workload at every memory size in `memory_mb`, with durations from the
    /// model.
    pub fn sweep(&self, memory_mb: impl IntoIterator<Item = u32>) -> Vec<SweepPoint> {
        let totals = SizedTotals::new(&self.workload, &self.rates, &self.terms);
        memory_mb
            .into_iter()
            .map(|m| {
                let duration_ms = self.model.duration_ms(m);
                SweepPoint {
                    memory_mb: m,
                    duration_ms,
                    monthly_usd: totals.total_cents(m, duration_ms) as f64 / 100.0,
                }
            })
            .collect()
    }
}

/// Prices `workload` at every memory size in `memory_mb` (1 MB steps across Lambda's
/// 128..=10240 range is 10,113 sizes), with durations from `model`.
pub fn sweep(
    workload: &Workload,
    rates: &Rates,
    terms: &Terms,
    model: &DurationModel,
    memory_mb: impl IntoIterator<Item = u32>,
) -> Vec<SweepPoint> {
    SweepInputs::new(workload, rates, terms, model).sweep(memory_mb)
}
