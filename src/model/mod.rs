//! Models over the pricing engine: duration across memory sizes, sweeps of the
//! bill over every memory size, and the provisioned-concurrency break-even.

mod breakeven;
mod duration;
mod sweep;

pub use breakeven::{breakeven_utilization, concurrency_needed, pc_vs_on_demand, UtilizationCost};
pub use duration::{DurationModel, FULL_VCPU_MB};
pub use sweep::{sweep, SweepPoint};
