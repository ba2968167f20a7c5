//! Monthly cost across request volume, for the "cost vs traffic" curve.

use crate::pricing::{bill, Terms, Workload};
use crate::rates::Rates;

/// Seconds in AWS's billing month (730 hours).
pub const SECONDS_PER_MONTH: f64 = super::HOURS_PER_MONTH * 3600.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VolumePoint {
    /// Requests per month.
    pub requests: f64,
    /// Exact monthly cost, USD (unrounded, so small volumes stay visible on a log axis).
    pub monthly_usd: f64,
}

/// Request volumes at which the price changes slope.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct VolumeMarkers {
    /// The free tier's requests run out (when it applies).
    pub free_requests: Option<f64>,
    /// The free tier's GB-s run out (when it applies).
    pub free_compute: Option<f64>,
    /// Duration tier 2 and tier 3 start.
    pub tiers: [f64; 2],
}

/// The bill at `count` volumes spaced evenly on a log scale from `from` to `to` requests a
/// month, plus the exact volumes where the slope changes, sorted.
pub fn volume_curve(
    workload: &Workload,
    rates: &Rates,
    terms: &Terms,
    from: f64,
    to: f64,
    count: usize,
) -> (Vec<VolumePoint>, VolumeMarkers) {
    let markers = volume_markers(workload, rates, terms);
    let (lo, hi) = (from.max(1e-9).ln(), to.max(from.max(1e-9)).ln());
    let steps = count.max(2) - 1;
    let mut volumes: Vec<f64> = (0..=steps)
        .map(|i| (lo + (hi - lo) * i as f64 / steps as f64).exp())
        .collect();
    let extra = [
        markers.free_requests,
        markers.free_compute,
        Some(markers.tiers[0]),
        Some(markers.tiers[1]),
    ];
    volumes.extend(extra.into_iter().flatten().filter(|v| *v > from && *v < to));
    crate::order::sort_numbers(&mut volumes);
    let points = volumes
        .into_iter()
        .map(|requests| {
            // Provisioned concurrency keeps its share of the traffic.
            let share = if workload.requests > 0.0 {
                workload.provisioned.requests / workload.requests
            } else {
                0.0
            };
            let mut w = *workload;
            w.requests = requests;
            w.provisioned.requests = requests * share.clamp(0.0, 1.0);
            VolumePoint {
                requests,
                monthly_usd: bill(&w, rates, terms).exact_usd(),
            }
        })
        .collect();
    (points, markers)
}

fn volume_markers(w: &Workload, rates: &Rates, terms: &Terms) -> VolumeMarkers {
    let gb_s_per_request = w.memory_mb as f64 / 1024.0 * w.duration_ms.max(0.0).ceil() / 1000.0;
    let requests_for = |gb_s: f64| {
        if gb_s_per_request > 0.0 {
            gb_s / gb_s_per_request
        } else {
            f64::INFINITY
        }
    };
    VolumeMarkers {
        free_requests: terms.free_tier.then_some(rates.free_requests),
        free_compute: terms.free_tier.then(|| requests_for(rates.free_gb_seconds)),
        tiers: [
            requests_for(rates.tier_thresholds[0]),
            requests_for(rates.tier_thresholds[1]),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rates::{Arch, RateCard};

    #[test]
    fn spans_the_range_and_includes_the_breakpoints() {
        let r = RateCard::embedded()
            .rates("us-east-1", Arch::X86_64)
            .unwrap();
        let w = Workload {
            memory_mb: 1024,
            duration_ms: 1000.0,
            ..Workload::default()
        };
        let t = Terms {
            free_tier: true,
            discount_pct: 0.0,
        };
        let (points, m) = volume_curve(&w, &r, &t, 30.0, 2.628e10, 100);
        assert_eq!(m.free_requests, Some(1e6));
        assert_eq!(m.free_compute, Some(400_000.0));
        assert_eq!(m.tiers, [6e9, 15e9]);
        assert!((points[0].requests - 30.0).abs() < 1e-9);
        assert!((points.last().unwrap().requests - 2.628e10).abs() < 1.0);
        assert!(points.iter().any(|p| p.requests == 6e9));
        assert!(points
            .windows(2)
            .all(|p| p[0].requests <= p[1].requests && p[0].monthly_usd <= p[1].monthly_usd));
        // Free below 400,000 requests of 1 GB-s each.
        assert_eq!(points[0].monthly_usd, 0.0);
    }
}
