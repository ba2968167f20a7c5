//! How duration changes with memory when only one measurement is known.
//!
//! Lambda allocates CPU in proportion to memory: one full vCPU at 1,769 MB, up to six
//! at 10,240 MB. The model splits the measured duration into a CPU-bound part, which
//! scales inversely with the CPU share, and the rest (waiting on I/O), which does not.
//! A single-threaded function cannot use more than one vCPU, so beyond 1,769 MB only
//! multi-threaded code gets faster.

/// Memory at which a function has one full vCPU.
pub const FULL_VCPU_MB: f64 = 1769.0;
/// vCPUs at the largest memory size (10,240 MB), as AWS states it; the model's CPU
/// share there is 10,240 / 1,769 = 5.8 vCPU.
pub const MAX_VCPUS: u32 = 6;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DurationModel {
    /// Memory the duration was measured at, MB.
    pub measured_mb: u32,
    /// Measured average duration, ms.
    pub measured_ms: f64,
    /// Share of the duration that is CPU-bound, 0..=1.
    pub cpu_bound: f64,
    /// Whether the code uses more than one core.
    pub multi_threaded: bool,
}

impl DurationModel {
    /// A model in which duration does not depend on memory.
    pub fn constant(memory_mb: u32, duration_ms: f64) -> Self {
        DurationModel {
            measured_mb: memory_mb,
            measured_ms: duration_ms,
            cpu_bound: 0.0,
            multi_threaded: false,
        }
    }

    /// Usable CPU at a memory size, in MB-equivalents (1,769 = one vCPU).
    fn cpu(&self, memory_mb: f64) -> f64 {
        let mb = memory_mb.max(1.0);
        if self.multi_threaded {
            mb
        } else {
            mb.min(FULL_VCPU_MB)
        }
    }

    /// Predicted average duration at `memory_mb`, ms.
    pub fn duration_ms(&self, memory_mb: u32) -> f64 {
        let c = self.cpu_bound.clamp(0.0, 1.0);
        if c == 0.0 {
            return self.measured_ms;
        }
        let ratio = self.cpu(self.measured_mb as f64) / self.cpu(memory_mb as f64);
        self.measured_ms * ((1.0 - c) + c * ratio)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_bound_functions_do_not_speed_up() {
        let m = DurationModel::constant(512, 120.0);
        assert_eq!(m.duration_ms(128), 120.0);
        assert_eq!(m.duration_ms(10240), 120.0);
    }

    #[test]
    fn cpu_bound_single_threaded_stops_at_one_vcpu() {
        let m = DurationModel {
            measured_mb: 512,
            measured_ms: 1000.0,
            cpu_bound: 1.0,
            multi_threaded: false,
        };
        assert!((m.duration_ms(1024) - 500.0).abs() < 1e-9);
        let at_one_vcpu = m.duration_ms(1769);
        assert!((at_one_vcpu - 1000.0 * 512.0 / 1769.0).abs() < 1e-9);
        assert_eq!(m.duration_ms(10240), at_one_vcpu);
    }

    #[test]
    fn multi_threaded_keeps_scaling_and_half_cpu_bound_halves_the_gain() {
        let m = DurationModel {
            measured_mb: 1769,
            measured_ms: 600.0,
            cpu_bound: 0.5,
            multi_threaded: true,
        };
        assert!((m.duration_ms(3538) - 450.0).abs() < 1e-9);
    }
}
