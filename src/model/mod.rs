//! Models over the pricing engine: duration across memory sizes, sweeps of the
//! bill over every memory size, and the provisioned-concurrency break-even.

mod architecture;
mod breakeven;
mod duration;
mod sweep;
mod traffic;
mod volume;

pub use architecture::{compare_architectures, workload_on, ArchComparison, ArchCost};
pub use breakeven::{breakeven_utilization, concurrency_needed, pc_vs_on_demand, UtilizationCost};
pub use duration::{DurationModel, FULL_VCPU_MB};
pub use sweep::{sweep, SweepPoint};
pub use traffic::{ProvisioningPlan, TrafficShape};
pub use volume::{volume_curve, VolumeMarkers, VolumePoint, SECONDS_PER_MONTH};
