//! x86_64 or arm64: the same workload priced on both.

use crate::pricing::{bill, Terms, Workload};
use crate::rates::{Arch, Rates};

/// One side of the comparison.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ArchCost {
    pub arch: Arch,
    pub duration_ms: f64,
    /// Monthly total as a bill shows it, in cents.
    pub monthly_cents: i64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ArchComparison {
    pub x86_64: ArchCost,
    pub arm64: ArchCost,
}

impl ArchComparison {
    /// What arm64 saves per month against x86_64, in cents (negative: it costs more).
    pub fn arm64_savings_cents(&self) -> i64 {
        self.x86_64.monthly_cents - self.arm64.monthly_cents
    }

    /// Savings as a share of the x86_64 bill, %, or `None` when that bill is zero.
    pub fn arm64_savings_pct(&self) -> Option<f64> {
        (self.x86_64.monthly_cents > 0)
            .then(|| self.arm64_savings_cents() as f64 / self.x86_64.monthly_cents as f64 * 100.0)
    }
}

/// Prices `workload` on both architectures, at the rates `rates` gives for each. Its duration was measured on `workload.arch`;
/// on arm64 the function runs `arm64_factor` times as long as on x86_64 (1.0: same speed,
/// 1.2: 20 % slower).
pub fn compare_architectures(
    workload: &Workload,
    rates: impl Fn(Arch) -> Option<Rates>,
    terms: &Terms,
    arm64_factor: f64,
) -> Option<ArchComparison> {
    let factor = if arm64_factor.is_finite() && arm64_factor > 0.0 {
        arm64_factor
    } else {
        1.0
    };
    let to_x86 = |ms: f64| {
        if workload.arch == Arch::Arm64 {
            ms / factor
        } else {
            ms
        }
    };
    let price = |arch: Arch| -> Option<ArchCost> {
        let scale = |ms: f64| {
            if arch == Arch::Arm64 {
                to_x86(ms) * factor
            } else {
                to_x86(ms)
            }
        };
        let mut w = *workload;
        w.arch = arch;
        w.duration_ms = scale(workload.duration_ms);
        w.provisioned.duration_ms = scale(workload.provisioned.duration_ms);
        let rates = rates(arch)?;
        Some(ArchCost {
            arch,
            duration_ms: w.duration_ms,
            monthly_cents: bill(&w, &rates, terms).total_cents(),
        })
    };
    Some(ArchComparison {
        x86_64: price(Arch::X86_64)?,
        arm64: price(Arch::Arm64)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rates::RateCard;

    #[test]
    fn telemetry_on_arm64_saves_a_fifth_of_duration() {
        let w = Workload {
            memory_mb: 1024,
            duration_ms: 2000.0,
            requests: 7.44e6,
            ..Workload::default()
        };
        let c = compare_architectures(
            &w,
            |a| RateCard::embedded().rates("us-east-1", a),
            &Terms::default(),
            1.0,
        )
        .unwrap();
        assert_eq!(c.x86_64.monthly_cents, 24949);
        // 14,880,000 GB-s x 0.0000133334 = 198.40 + requests 1.49
        assert_eq!(c.arm64.monthly_cents, 19989);
        assert_eq!(c.arm64_savings_cents(), 4960);
    }

    #[test]
    fn a_slower_arm64_can_cost_more() {
        let w = Workload {
            memory_mb: 1024,
            duration_ms: 1000.0,
            requests: 1e6,
            ..Workload::default()
        };
        let c = compare_architectures(
            &w,
            |a| RateCard::embedded().rates("us-east-1", a),
            &Terms::default(),
            1.5,
        )
        .unwrap();
        assert_eq!(c.arm64.duration_ms, 1500.0);
        assert!(c.arm64_savings_cents() < 0);
    }

    #[test]
    fn measured_on_arm64_derives_x86_64() {
        let w = Workload {
            arch: Arch::Arm64,
            memory_mb: 1024,
            duration_ms: 120.0,
            requests: 1e6,
            ..Workload::default()
        };
        let c = compare_architectures(
            &w,
            |a| RateCard::embedded().rates("us-east-1", a),
            &Terms::default(),
            1.2,
        )
        .unwrap();
        assert!((c.x86_64.duration_ms - 100.0).abs() < 1e-9);
        assert_eq!(c.arm64.duration_ms, 120.0);
    }
}
