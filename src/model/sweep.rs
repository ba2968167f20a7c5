//! The monthly bill at every memory size, for cost and duration curves.

use super::DurationModel;
use crate::pricing::{total_cents, Terms, Workload};
use crate::rates::Rates;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SweepPoint {
    pub memory_mb: u32,
    pub duration_ms: f64,
    /// Monthly total as shown (sum of cent-rounded lines), USD.
    pub monthly_usd: f64,
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
    memory_mb
        .into_iter()
        .map(|m| {
            let duration_ms = model.duration_ms(m);
            let mut w = *workload;
            w.memory_mb = m;
            w.duration_ms = duration_ms;
            w.provisioned.duration_ms = duration_ms;
            SweepPoint {
                memory_mb: m,
                duration_ms,
                monthly_usd: total_cents(&w, rates, terms) as f64 / 100.0,
            }
        })
        .collect()
}
