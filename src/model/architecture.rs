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

/// `workload`, measured on `workload.arch`, as it would run on `arch`: on arm64 a
/// function takes `arm64_factor` times as long as on x86_64 (1.0: same speed, 1.2: 20 %
/// slower). On its own architecture the durations are returned untouched, so no float
/// round trip can move a billed millisecond.
pub fn workload_on(workload: &Workload, arch: Arch, arm64_factor: f64) -> Workload {
    let factor = if arm64_factor.is_finite() && arm64_factor > 0.0 {
        arm64_factor
    } else {
        1.0
    };
    let convert = |ms: f64| match (workload.arch, arch) {
        (from, to) if from == to => ms,
        (Arch::X86_64, _) => ms * factor,
        (Arch::Arm64, _) => ms / factor,
    };
    let mut w = *workload;
    w.arch = arch;
    w.duration_ms = convert(workload.duration_ms);
    w.provisioned.duration_ms = convert(workload.provisioned.duration_ms);
    w
}

/// Prices `workload` on both architectures, at the rates `rates` gives for each, with
/// durations converted by `workload_on`.
pub fn compare_architectures(
    workload: &Workload,
    rates: impl Fn(Arch) -> Option<Rates>,
    terms: &Terms,
    arm64_factor: f64,
) -> Option<ArchComparison> {
    let price = |arch: Arch| -> Option<ArchCost> {
        let w = workload_on(workload, arch, arm64_factor);
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
    fn the_measured_architecture_keeps_its_exact_duration() {
        // 120 / 1.1 * 1.1 is 120.00000000000001 in f64, which would bill 121 ms.
        let w = Workload {
            arch: Arch::Arm64,
            duration_ms: 120.0,
            ..Workload::default()
        };
        assert_eq!(workload_on(&w, Arch::Arm64, 1.1).duration_ms, 120.0);
        assert!((workload_on(&w, Arch::X86_64, 1.1).duration_ms - 120.0 / 1.1).abs() < 1e-12);
        assert_eq!(workload_on(&w, Arch::X86_64, f64::NAN).duration_ms, 120.0);
    }

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
