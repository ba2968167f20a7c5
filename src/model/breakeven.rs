//! When provisioned concurrency (PC) pays off.
//!
//! Per GB-s of PC capacity kept warm, PC costs its rate plus the PC duration rate for the
//! share `u` of the time it is busy; the same work on demand costs `u` x the on-demand
//! rate. They cross at u* = PC rate / (on-demand rate - PC duration rate). Requests cost
//! the same both ways, and the free tier never applies to PC, so neither moves u*.
//! It is exact while on-demand usage stays in tier 1 (under 6 B GB-s a month on x86_64);
//! beyond that on demand gets cheaper and PC needs a higher utilization.

use crate::pricing::{Workload, PC_UNIT_SECONDS};
use crate::rates::Rates;

/// Concurrent executions needed to serve `requests_per_second` of `duration_ms` each
/// (Little's law).
pub fn concurrency_needed(requests_per_second: f64, duration_ms: f64) -> f64 {
    (requests_per_second * duration_ms / 1000.0).max(0.0)
}

/// How busy the provisioned instances are when they serve `served_requests` a month:
/// their billed busy time over the time they are enabled (billed in 5-minute units),
/// 0..=1; `None` without provisioned concurrency.
pub fn pc_utilization(w: &Workload, served_requests: f64) -> Option<f64> {
    let pc = &w.provisioned;
    if pc.instances == 0 || pc.hours <= 0.0 {
        return None;
    }
    let enabled_s = (pc.hours * 3600.0 / PC_UNIT_SECONDS).ceil() * PC_UNIT_SECONDS;
    let capacity_ms = pc.instances as f64 * enabled_s * 1000.0;
    Some(served_requests * pc.duration_ms.ceil() / capacity_ms)
}

/// The utilization of PC above which it is cheaper than on-demand, 0..=1, or `None`
/// where PC never pays off (on-demand duration no dearer than PC duration, or u* > 1).
/// A discount applies to both sides and cancels out.
pub fn breakeven_utilization(rates: &Rates) -> Option<f64> {
    let margin = rates.duration[0] - rates.provisioned_duration;
    if margin <= 0.0 {
        return None;
    }
    let u = rates.provisioned / margin;
    (u.is_finite() && u <= 1.0).then_some(u)
}

/// Monthly cost of the same busy time on PC and on demand.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UtilizationCost {
    pub utilization: f64,
    pub provisioned_usd: f64,
    pub on_demand_usd: f64,
}

impl UtilizationCost {
    /// What provisioned concurrency costs a month more than on-demand at this
    /// utilization, USD; negative where it saves.
    pub fn provisioned_extra_usd(&self) -> f64 {
        self.provisioned_usd - self.on_demand_usd
    }
}

/// Cost of `instances` kept warm for `hours` at `memory_mb`, busy `utilization` (0..=1)
/// of the time, against running the same invocations on demand (tier-1 rate, no free
/// tier; request fees excluded as they are equal).
pub fn pc_vs_on_demand(
    rates: &Rates,
    memory_mb: u32,
    instances: u32,
    hours: f64,
    utilization: f64,
) -> UtilizationCost {
    let capacity_gb_s = instances as f64 * memory_mb as f64 / 1024.0 * hours.max(0.0) * 3600.0;
    let u = utilization.clamp(0.0, 1.0);
    let busy = capacity_gb_s * u;
    UtilizationCost {
        utilization: u,
        provisioned_usd: capacity_gb_s * rates.provisioned + busy * rates.provisioned_duration,
        on_demand_usd: busy * rates.duration[0],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utilization_counts_enabled_time_in_5_minute_units() {
        let mut w = Workload::default();
        w.provisioned.instances = 2;
        w.provisioned.duration_ms = 99.2;
        // 1 minute enabled is billed as 5: 2 x 300 s = 600,000 ms of capacity.
        w.provisioned.hours = 1.0 / 60.0;
        assert_eq!(pc_utilization(&w, 3000.0), Some(3000.0 * 100.0 / 600_000.0));
        w.provisioned.instances = 0;
        assert_eq!(pc_utilization(&w, 3000.0), None);
    }
    use crate::rates::{Arch, RateCard};

    #[test]
    fn us_east_1_breaks_even_at_sixty_percent() {
        for arch in Arch::ALL {
            let r = RateCard::embedded().rates("us-east-1", arch).unwrap();
            let u = breakeven_utilization(&r).unwrap();
            assert!((u - 0.600).abs() < 0.0005, "{arch}: {u}");
        }
    }

    #[test]
    fn provisioned_costs_more_below_the_breakeven_and_saves_above() {
        let r = RateCard::embedded()
            .rates("us-east-1", Arch::X86_64)
            .unwrap();
        let u = breakeven_utilization(&r).unwrap();
        let at = |u: f64| pc_vs_on_demand(&r, 1024, 1, 730.0, u).provisioned_extra_usd();
        assert!(at(u - 0.1) > 0.0 && at(u + 0.1) < 0.0);
        assert!(at(u).abs() < 1e-9);
        // 35 % of 1 GB x 730 h: PC 0.0000041667 x 2,628,000 GB-s + 0.0000097222 x 919,800
        // busy GB-s = $19.89; on demand 0.0000166667 x 919,800 = $15.33.
        assert!((at(0.35) - 4.562).abs() < 0.01, "{}", at(0.35));
    }

    #[test]
    fn eu_west_1_needs_about_eighty_percent() {
        let r = RateCard::embedded()
            .rates("eu-west-1", Arch::X86_64)
            .unwrap();
        let u = breakeven_utilization(&r).unwrap();
        assert!((u - 0.7975).abs() < 0.0005, "{u}");
    }

    #[test]
    fn curves_cross_at_the_breakeven() {
        for region in &RateCard::embedded().regions {
            for arch in Arch::ALL {
                let r = RateCard::embedded().rates(&region.code, arch).unwrap();
                let Some(u) = breakeven_utilization(&r) else {
                    continue;
                };
                let c = pc_vs_on_demand(&r, 1536, 100, 730.0, u);
                let rel = (c.provisioned_usd - c.on_demand_usd).abs() / c.on_demand_usd;
                assert!(rel < 1e-12, "{} {arch}", region.code);
                let below = pc_vs_on_demand(&r, 1536, 100, 730.0, u * 0.99);
                assert!(below.provisioned_usd > below.on_demand_usd);
                let above = pc_vs_on_demand(&r, 1536, 100, 730.0, (u * 1.01).min(1.0));
                assert!(above.provisioned_usd <= above.on_demand_usd);
            }
        }
    }

    #[test]
    fn concurrency_follows_littles_law() {
        assert_eq!(concurrency_needed(100.0, 250.0), 25.0);
        assert_eq!(concurrency_needed(-1.0, 250.0), 0.0);
    }

    #[test]
    fn no_breakeven_when_pc_duration_is_not_cheaper() {
        let mut r = RateCard::embedded()
            .rates("us-east-1", Arch::X86_64)
            .unwrap();
        r.provisioned_duration = r.duration[0];
        assert_eq!(breakeven_utilization(&r), None);
    }
}
