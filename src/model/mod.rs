//! Models over the pricing engine: duration across memory sizes, sweeps of the
//! bill over every memory size, and the provisioned-concurrency break-even.

mod architecture;
mod breakeven;
mod duration;
mod sweep;
mod traffic;
mod volume;

use crate::pricing::LIMITS;
use std::ops::RangeInclusive;

/// Hours in AWS's billing month.
pub const HOURS_PER_MONTH: f64 = 730.0;

/// Every memory size a function can have, MB (1 MB steps): what the charts sweep.
pub const MEMORY_SIZES: RangeInclusive<u32> = LIMITS.memory_mb.0..=LIMITS.memory_mb.1;

/// The sizes people choose, MB: powers of two, their halves, 1,769 MB (one full vCPU)
/// and 3,008 MB (the old maximum many templates still use). The memory slider stops
/// here, and the arrow keys in the memory box move between them.
pub const MEMORY_STOPS: [u32; 14] = [
    128, 256, 512, 768, 1024, 1536, 1769, 2048, 3008, 4096, 5120, 6144, 8192, 10240,
];

/// The sizes the page's table by memory shows, MB, and its Markdown export keeps.
pub const TABLE_SIZES: [u32; 12] = [
    128, 256, 512, 1024, 1536, 1769, 2048, 3008, 4096, 6144, 8192, 10240,
];

/// The index of the stop nearest to `memory_mb` (a tie goes to the smaller size).
pub fn nearest_memory_stop(memory_mb: u32) -> usize {
    (0..MEMORY_STOPS.len())
        .min_by_key(|&i| MEMORY_STOPS[i].abs_diff(memory_mb))
        .unwrap_or(0)
}

/// The next stop above (`up`) or below `memory_mb`, or `None` past the last one.
pub fn memory_stop_beyond(memory_mb: u32, up: bool) -> Option<u32> {
    if up {
        MEMORY_STOPS.iter().copied().find(|&m| m > memory_mb)
    } else {
        MEMORY_STOPS.iter().rev().copied().find(|&m| m < memory_mb)
    }
}

pub use architecture::{compare_architectures, workload_on, ArchComparison, ArchCost};
pub use breakeven::{
    breakeven_utilization, concurrency_needed, pc_utilization, pc_vs_on_demand, UtilizationCost,
};
pub use duration::{DurationModel, FULL_VCPU_MB, MAX_VCPUS};
pub use sweep::{sweep, SweepInputs, SweepPoint};
pub use traffic::{ProvisioningPlan, TrafficShape};
pub use volume::{volume_curve, VolumeMarkers, VolumePoint, SECONDS_PER_MONTH};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_stops_are_valid_sizes_in_order() {
        assert!(MEMORY_STOPS.windows(2).all(|w| w[0] < w[1]));
        assert!(MEMORY_STOPS.iter().all(|m| MEMORY_SIZES.contains(m)));
        assert_eq!(MEMORY_STOPS[0], *MEMORY_SIZES.start());
        assert_eq!(MEMORY_STOPS[MEMORY_STOPS.len() - 1], *MEMORY_SIZES.end());
    }

    #[test]
    fn arrows_move_between_stops() {
        assert_eq!(memory_stop_beyond(1024, true), Some(1536));
        assert_eq!(memory_stop_beyond(1024, false), Some(768));
        assert_eq!(memory_stop_beyond(1000, true), Some(1024));
        assert_eq!(memory_stop_beyond(1000, false), Some(768));
        assert_eq!(memory_stop_beyond(10240, true), None);
        assert_eq!(memory_stop_beyond(128, false), None);
        assert_eq!(MEMORY_STOPS[nearest_memory_stop(1536)], 1536);
        assert_eq!(MEMORY_STOPS[nearest_memory_stop(1700)], 1769);
        assert_eq!(MEMORY_STOPS[nearest_memory_stop(640)], 512);
        assert_eq!(MEMORY_STOPS[nearest_memory_stop(20_000)], 10240);
    }
}
