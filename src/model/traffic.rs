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
    /// The day shape that carries `requests` a month: a peak of `peak_hours` a day and
    /// the rest of the day at `off_peak_share` (0..=1) of the peak's rate. The volume
    /// stays the month's requests, so pricing the shape prices exactly those requests;
    /// 24 peak hours (or anything unusable) is steady traffic.
    pub fn with_volume(requests: f64, peak_hours: f64, off_peak_share: f64) -> TrafficShape {
        let clean = |v: f64| if v.is_finite() { v.max(0.0) } else { 0.0 };
        let requests = clean(requests);
        let h = if peak_hours.is_finite() && peak_hours > 0.0 {
            peak_hours.min(24.0)
        } else {
            24.0
        };
        let p = clean(off_peak_share).min(1.0);
        // Peak-rate hours a day: the peak's, plus the off-peak hours at their share.
        let busy = h + (24.0 - h) * p;
        let peak_rps = requests / (DAYS_PER_MONTH * 3600.0 * busy);
        TrafficShape {
            peak_rps,
            peak_hours: h,
            off_peak_rps: if h < 24.0 { peak_rps * p } else { 0.0 },
        }
    }

    /// Hours a day at the peak, 0..=24 (24 when unusable: steady).
    pub fn hours_at_peak(&self) -> f64 {
        if self.peak_hours.is_finite() {
            self.peak_hours.clamp(0.0, 24.0)
        } else {
            24.0
        }
    }

    /// Whether the traffic is the same all day.
    pub fn is_steady(&self) -> bool {
        self.hours_at_peak() >= 24.0 || self.off_peak_rps == self.peak_rps
    }

    /// The month's average requests per second.
    pub fn average_rps(&self) -> f64 {
        let h = self.hours_at_peak();
        let clean = |r: f64| if r.is_finite() { r.max(0.0) } else { 0.0 };
        (clean(self.peak_rps) * h + clean(self.off_peak_rps) * (24.0 - h)) / 24.0
    }

    /// "38 req/s, steady" or "a peak of 8 h a day at 120 req/s, 12 req/s the rest of the day".
    pub fn describe(&self) -> String {
        use crate::money::format_quantity;
        if self.is_steady() {
            format!(
                "{} req/s, steady",
                format_quantity(self.peak_rps.max(0.0), 3)
            )
        } else {
            format!(
                "a peak of {} h a day at {} req/s, {} req/s the rest of the day",
                format_quantity(self.hours_at_peak(), 2),
                format_quantity(self.peak_rps, 3),
                format_quantity(self.off_peak_rps, 3)
            )
        }
    }

    pub fn plan(&self, duration_ms: f64) -> ProvisioningPlan {
        let peak_hours = self.hours_at_peak();
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
    fn a_shape_with_volume_carries_exactly_those_requests() {
        let requests = 100_000_000.0;
        let s = TrafficShape::with_volume(requests, 8.0, 0.1);
        let p = s.plan(100.0);
        assert!((p.requests - requests).abs() < 1e-6 * requests.max(1.0));
        // 8 h at the peak plus 16 h at a tenth of it: 9.6 peak-rate hours a day.
        assert!((s.peak_rps - requests / (730.0 / 24.0 * 3600.0 * 9.6)).abs() < 1e-9);
        assert!((s.off_peak_rps - s.peak_rps * 0.1).abs() < 1e-12);
        assert!(!s.is_steady());
        assert!((s.average_rps() - requests / SECONDS_PER_MONTH).abs() < 1e-9);
        // 24 peak hours, and unusable hours, are steady traffic.
        for h in [24.0, 30.0, 0.0, f64::NAN] {
            let s = TrafficShape::with_volume(requests, h, 0.5);
            assert!(s.is_steady(), "{h}");
            assert!((s.peak_rps - requests / SECONDS_PER_MONTH).abs() < 1e-9);
            assert_eq!(s.describe(), "38.052 req/s, steady");
        }
        assert_eq!(
            TrafficShape::with_volume(requests, 8.0, 0.0).describe(),
            "a peak of 8 h a day at 114.155 req/s, 0 req/s the rest of the day"
        );
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
