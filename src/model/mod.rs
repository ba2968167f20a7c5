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

pub use architecture::{compare_architectures, workload_on, ArchComparison, ArchCost};
pub use breakeven::{
    breakeven_utilization, concurrency_needed, pc_utilization, pc_vs_on_demand, UtilizationCost,
};
pub use duration::{DurationModel, FULL_VCPU_MB};
pub use sweep::{sweep, SweepPoint};
pub use traffic::{ProvisioningPlan, TrafficShape};
pub use volume::{volume_curve, VolumeMarkers, VolumePoint, SECONDS_PER_MONTH};
