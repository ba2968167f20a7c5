//! Sizing provisioned concurrency from a daily traffic shape: a peak of `peak_rps` for
//! `peak_hours` a day and `off_peak_rps` the rest of the day (steady traffic is a 24-hour
//! peak). Concurrency follows Little's law: requests/s x duration in seconds.

use super::concurrency_needed;

/// Days in AWS's 730-hour month.
const DAYS_PER_MONTH: f64 = super::HOURS_PER_MONTH / 24.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrafficShape {
    pub peak_rps: f64,
    /// Hours a day at the peak, 0..=24.
    pub peak_hours: f64,
    pub off_peak_rps: f64,
}

/// What the shape implies for a month.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ProvisioningPlan {
    pub requests: f64,
    /// Concurrent executions at the peak.
    pub peak_concurrency: f64,
    /// Instances that cover the peak (concurrency rounded up).
    pub instances: u32,
    /// PC enabled during the peak hours only, per month.
    pub pc_hours: f64,
    /// Requests during the peak hours, all served by PC.
    pub pc_requests: f64,
    /// Busy share of the provisioned instances while enabled, 0..=1.
    pub utilization: f64,
}

impl TrafficShape {
    pub fn plan(&self, duration_ms: f64) -> ProvisioningPlan {
        let peak_hours = self.peak_hours.clamp(0.0, 24.0);
        let (peak, off) = (self.peak_rps.max(0.0), self.off_peak_rps.max(0.0));
        let per_day = peak * peak_hours * 3600.0 + off * (24.0 - peak_hours) * 3600.0;
        let peak_concurrency = concurrency_needed(peak, duration_ms);
        let instances = peak_concurrency.ceil().min(u32::MAX as f64) as u32;
        let pc_hours = peak_hours * DAYS_PER_MONTH;
        let pc_requests = peak * pc_hours * 3600.0;
        let utilization = if instances > 0 {
            peak_concurrency / instances as f64
        } else {
            0.0
        };
        ProvisioningPlan {
            requests: per_day * DAYS_PER_MONTH,
            peak_concurrency,
            instances,
            pc_hours,
            pc_requests,
            utilization,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::SECONDS_PER_MONTH;

    #[test]
    fn steady_traffic_is_a_24_hour_peak() {
        let p = TrafficShape {
            peak_rps: 100.0,
            peak_hours: 24.0,
            off_peak_rps: 0.0,
        }
        .plan(250.0);
        assert_eq!(p.requests, 100.0 * SECONDS_PER_MONTH);
        assert_eq!(p.peak_concurrency, 25.0);
        assert_eq!(p.instances, 25);
        assert_eq!(p.pc_hours, 730.0);
        assert_eq!(p.pc_requests, p.requests);
        assert_eq!(p.utilization, 1.0);
    }

    #[test]
    fn a_business_day_peak() {
        // 8 busy hours at 50 req/s of 120 ms, 5 req/s the rest of the day.
        let p = TrafficShape {
            peak_rps: 50.0,
            peak_hours: 8.0,
            off_peak_rps: 5.0,
        }
        .plan(120.0);
        assert!((p.peak_concurrency - 6.0).abs() < 1e-12);
        assert_eq!(p.instances, 6);
        assert!((p.pc_hours - 8.0 * 730.0 / 24.0).abs() < 1e-9);
        let per_day = 50.0 * 8.0 * 3600.0 + 5.0 * 16.0 * 3600.0;
        assert!((p.requests - per_day * 730.0 / 24.0).abs() < 1e-3);
        assert!(p.pc_requests < p.requests);
    }

    #[test]
    fn nonsense_shapes_stay_finite() {
        let p = TrafficShape {
            peak_rps: -1.0,
            peak_hours: 30.0,
            off_peak_rps: f64::NAN,
        }
        .plan(100.0);
        assert_eq!(p.instances, 0);
        assert_eq!(p.utilization, 0.0);
    }
}
