//! What a function does in a month, and the terms it is billed under.

use crate::input::{in_range, positive_up_to, Field, InputError};
use crate::rates::Arch;

/// Bounds of every input, from Lambda's own limits.
pub struct Limits {
    pub memory_mb: (u32, u32),
    pub duration_ms: f64,
    pub storage_mb: (u32, u32),
    pub requests: f64,
    pub init_ms: f64,
    pub pc_instances: u32,
    pub pc_hours: f64,
}

pub const LIMITS: Limits = Limits {
    memory_mb: (128, 10_240),
    duration_ms: 900_000.0,
    storage_mb: (512, 10_240),
    // Ten trillion a month (~3.8 M/s) is past any account's quota, and keeps every
    // bill exactly representable in cents.
    requests: 1e13,
    // INIT is capped at 10 s.
    init_ms: 10_000.0,
    pc_instances: 1_000_000,
    // 31 days.
    pc_hours: 744.0,
};

/// Provisioned concurrency configured for the function.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Provisioned {
    pub instances: u32,
    /// Hours per month it is enabled.
    pub hours: f64,
    /// How many of the month's requests it serves.
    pub requests: f64,
    /// Average duration of those requests, ms.
    pub duration_ms: f64,
}

/// One function's monthly usage.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Workload {
    pub arch: Arch,
    pub memory_mb: u32,
    /// Average duration of one invocation, ms.
    pub duration_ms: f64,
    /// Requests per month.
    pub requests: f64,
    pub storage_mb: u32,
    /// Share of on-demand invocations that are cold starts, %.
    pub cold_start_pct: f64,
    /// INIT duration of one cold start, ms.
    pub init_ms: f64,
    pub provisioned: Provisioned,
}

/// Account-level terms: the free tier and negotiated discounts.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Terms {
    pub free_tier: bool,
    /// Percent off duration and provisioned concurrency (Savings Plans, private pricing).
    pub discount_pct: f64,
}

impl Default for Workload {
    fn default() -> Self {
        Workload {
            arch: Arch::X86_64,
            memory_mb: 128,
            duration_ms: 100.0,
            requests: 1_000_000.0,
            storage_mb: 512,
            cold_start_pct: 0.0,
            init_ms: 0.0,
            provisioned: Provisioned {
                instances: 0,
                hours: 730.0,
                requests: 0.0,
                duration_ms: 100.0,
            },
        }
    }
}

impl Workload {
    /// Every problem with the inputs, each naming its field.
    pub fn validate(&self) -> Vec<InputError> {
        let l = &LIMITS;
        let mut errors = Vec::new();
        let mut check = |r: Result<f64, InputError>| {
            if let Err(e) = r {
                errors.push(e);
            }
        };
        let (lo, hi) = l.memory_mb;
        check(in_range(
            Field::Memory,
            self.memory_mb as f64,
            lo as f64,
            hi as f64,
            "MB",
        ));
        check(positive_up_to(
            Field::Duration,
            self.duration_ms,
            l.duration_ms,
            "ms",
        ));
        check(in_range(
            Field::Requests,
            self.requests,
            0.0,
            l.requests,
            "requests",
        ));
        let (lo, hi) = l.storage_mb;
        check(in_range(
            Field::Storage,
            self.storage_mb as f64,
            lo as f64,
            hi as f64,
            "MB",
        ));
        check(in_range(
            Field::ColdStart,
            self.cold_start_pct,
            0.0,
            100.0,
            "%",
        ));
        check(in_range(Field::Init, self.init_ms, 0.0, l.init_ms, "ms"));
        let pc = &self.provisioned;
        check(in_range(
            Field::Provisioned,
            pc.instances as f64,
            0.0,
            l.pc_instances as f64,
            "instances",
        ));
        check(in_range(
            Field::ProvisionedHours,
            pc.hours,
            0.0,
            l.pc_hours,
            "hours",
        ));
        check(in_range(
            Field::ProvisionedRequests,
            pc.requests,
            0.0,
            l.requests,
            "requests",
        ));
        check(positive_up_to(
            Field::ProvisionedDuration,
            pc.duration_ms,
            l.duration_ms,
            "ms",
        ));
        if pc.requests > self.requests {
            errors.push(InputError::new(
                Field::ProvisionedRequests,
                "cannot exceed the requests per month",
            ));
        }
        errors
    }
}

impl Terms {
    pub fn validate(&self) -> Vec<InputError> {
        in_range(Field::Discount, self.discount_pct, 0.0, 100.0, "%")
            .err()
            .into_iter()
            .collect()
    }
}
