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
    /// Payload of one asynchronous event (the 1 MB event limit).
    pub event_kb: f64,
    /// Published versions with SnapStart active at once.
    pub snap_versions: u32,
    /// Largest response stream accepted as input (no AWS limit is encoded here).
    pub stream_mb: f64,
    /// Durable operations and KB written per execution.
    pub durable_ops: f64,
    pub durable_kb: f64,
    /// A durable execution waits at most a year.
    pub durable_wait_days: f64,
    /// Retention after completion, days.
    pub durable_retain_days: (f64, f64),
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
    event_kb: 1024.0,
    snap_versions: 10_000,
    // Not AWS limits: bounds far past any real function that keep the worst bill (every
    // option at its bound, rates at the overrides' bounds) exactly representable in cents.
    stream_mb: 10_000.0,
    durable_ops: 100_000.0,
    durable_kb: 1_000_000.0,
    durable_wait_days: 366.0,
    durable_retain_days: (1.0, 90.0),
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
    /// SnapStart for Python and .NET (Java's is free, so leave it off for Java).
    pub snapstart: SnapStart,
    pub streaming: Streaming,
    /// Payload of each asynchronous event, KB; 0 when the function is not invoked by
    /// events or they stay within 256 KB.
    pub event_kb: f64,
    /// Price the function as Lambda@Edge (one global price, x86_64 only).
    pub edge: bool,
    pub durable: Durable,
    /// Tenant-isolated execution environments created per month.
    pub tenant_envs: f64,
}

/// SnapStart for Python and .NET managed runtimes: a cache per published version and a
/// restore per cold start.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SnapStart {
    pub enabled: bool,
    /// Published versions with SnapStart active.
    pub versions: u32,
    /// Hours each version is active this month (each bills at least 3).
    pub hours: f64,
}

impl Default for SnapStart {
    fn default() -> Self {
        SnapStart {
            enabled: false,
            versions: 1,
            hours: 730.0,
        }
    }
}

/// Response streaming: only the part of a response beyond 6 MB is charged.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Streaming {
    /// MB each streaming request writes to the response stream; 0 turns streaming off.
    pub mb_per_response: f64,
    /// How many of the month's requests stream that much; `None` is all of them.
    pub requests: Option<f64>,
    /// Whether the 100 GB monthly streaming allowance is available; `None` follows the
    /// free tier (it may be used up by other functions, as in AWS's example).
    pub free_allowance: Option<bool>,
}

/// Durable functions: operations, data written and data retained, on top of the
/// invocations (every replay is a request with its own duration).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Durable {
    /// Durable executions started per month; 0 turns the feature off.
    pub executions: f64,
    /// Durable operations per execution (start, each step, each wait, ...).
    pub operations: f64,
    /// KB written per execution (payloads and step results).
    pub kb_written: f64,
    /// Days an execution's data is kept while it runs and waits.
    pub wait_days: f64,
    /// Days kept after it completes.
    pub retain_days: f64,
}

impl Default for Durable {
    fn default() -> Self {
        Durable {
            executions: 0.0,
            operations: 0.0,
            kb_written: 0.0,
            wait_days: 0.0,
            retain_days: 14.0,
        }
    }
}

/// A problem with a 2026 billing option, naming the link key it concerns (the scenario
/// maps keys to its fields).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeatureError {
    pub key: &'static str,
    pub message: String,
}

impl FeatureError {
    fn new(key: &'static str, message: impl Into<String>) -> Self {
        FeatureError {
            key,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for FeatureError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.key, self.message)
    }
}

impl std::error::Error for FeatureError {}

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
            snapstart: SnapStart::default(),
            streaming: Streaming::default(),
            event_kb: 0.0,
            edge: false,
            durable: Durable::default(),
            tenant_envs: 0.0,
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
            Field::new("memory"),
            self.memory_mb as f64,
            lo as f64,
            hi as f64,
            "MB",
        ));
        check(positive_up_to(
            Field::new("duration"),
            self.duration_ms,
            l.duration_ms,
            "ms",
        ));
        check(in_range(
            Field::new("requests"),
            self.requests,
            0.0,
            l.requests,
            "requests",
        ));
        let (lo, hi) = l.storage_mb;
        check(in_range(
            Field::new("storage"),
            self.storage_mb as f64,
            lo as f64,
            hi as f64,
            "MB",
        ));
        check(in_range(
            Field::new("cold"),
            self.cold_start_pct,
            0.0,
            100.0,
            "%",
        ));
        check(in_range(
            Field::new("init"),
            self.init_ms,
            0.0,
            l.init_ms,
            "ms",
        ));
        let pc = &self.provisioned;
        check(in_range(
            Field::new("pc"),
            pc.instances as f64,
            0.0,
            l.pc_instances as f64,
            "instances",
        ));
        check(in_range(
            Field::new("pc_hours"),
            pc.hours,
            0.0,
            l.pc_hours,
            "hours",
        ));
        check(in_range(
            Field::new("pc_requests"),
            pc.requests,
            0.0,
            l.requests,
            "requests",
        ));
        check(positive_up_to(
            Field::new("pc_duration"),
            pc.duration_ms,
            l.duration_ms,
            "ms",
        ));
        if pc.requests > self.requests {
            errors.push(InputError::new(
                Field::new("pc_requests"),
                "cannot exceed the requests per month",
            ));
        }
        errors
    }
}

impl Workload {
    /// Every problem with the 2026 options (SnapStart, streaming, event size, Lambda@Edge,
    /// durable functions, tenant isolation), including the combinations AWS refuses.
    pub fn validate_features(&self) -> Vec<FeatureError> {
        let l = &LIMITS;
        let mut errors = Vec::new();
        let mut range = |key: &'static str, v: f64, lo: f64, hi: f64, unit: &str| {
            if !(v >= lo && v <= hi) {
                errors.push(FeatureError::new(
                    key,
                    format!("must be from {} to {} {unit}", plain(lo), plain(hi)),
                ));
            }
        };
        let snap = &self.snapstart;
        range(
            "snap_versions",
            snap.versions as f64,
            1.0,
            l.snap_versions as f64,
            "versions",
        );
        range("snap_hours", snap.hours, 0.0, l.pc_hours, "hours");
        let s = &self.streaming;
        range("stream_mb", s.mb_per_response, 0.0, l.stream_mb, "MB");
        if let Some(n) = s.requests {
            range("stream_requests", n, 0.0, l.requests, "requests");
        }
        range("event_kb", self.event_kb, 0.0, l.event_kb, "KB");
        let d = &self.durable;
        range(
            "durable_executions",
            d.executions,
            0.0,
            l.requests,
            "executions",
        );
        range(
            "durable_ops",
            d.operations,
            0.0,
            l.durable_ops,
            "operations",
        );
        range("durable_kb", d.kb_written, 0.0, l.durable_kb, "KB");
        range(
            "durable_wait_days",
            d.wait_days,
            0.0,
            l.durable_wait_days,
            "days",
        );
        let (lo, hi) = l.durable_retain_days;
        range("durable_retain_days", d.retain_days, lo, hi, "days");
        range(
            "tenant_envs",
            self.tenant_envs,
            0.0,
            l.requests,
            "environments",
        );

        if let Some(n) = s.requests {
            if n > self.requests {
                errors.push(FeatureError::new(
                    "stream_requests",
                    "cannot exceed the requests per month",
                ));
            }
        }
        if snap.enabled {
            if self.provisioned.instances > 0 {
                errors.push(FeatureError::new(
                    "snapstart",
                    "SnapStart cannot be used with provisioned concurrency: turn one off",
                ));
            }
            if self.storage_mb > super::FREE_STORAGE_MB {
                errors.push(FeatureError::new(
                    "snapstart",
                    "SnapStart cannot be used with ephemeral storage above 512 MB",
                ));
            }
        }
        if self.edge {
            if self.arch == Arch::Arm64 {
                errors.push(FeatureError::new(
                    "edge",
                    "Lambda@Edge runs on x86_64 only: choose x86_64",
                ));
            }
            if self.provisioned.instances > 0 {
                errors.push(FeatureError::new(
                    "edge",
                    "Lambda@Edge has no provisioned concurrency: set it to 0",
                ));
            }
            let others = [
                (snap.enabled, "SnapStart"),
                (s.mb_per_response > 0.0, "response streaming"),
                (self.event_kb > 0.0, "asynchronous event size"),
                (d.executions > 0.0, "durable functions"),
                (self.tenant_envs > 0.0, "tenant isolation"),
            ];
            for (on, what) in others {
                if on {
                    errors.push(FeatureError::new(
                        "edge",
                        format!(
                            "Lambda@Edge is priced on requests and duration only; turn off {what}"
                        ),
                    ));
                }
            }
        }
        errors
    }
}

/// A bound as a person writes it: 1024, 0.5, 1e13 as 10000000000000.
fn plain(v: f64) -> String {
    crate::money::format_quantity(v, if v.fract() == 0.0 { 0 } else { 3 })
}

impl Terms {
    pub fn validate(&self) -> Vec<InputError> {
        in_range(Field::new("discount"), self.discount_pct, 0.0, 100.0, "%")
            .err()
            .into_iter()
            .collect()
    }
}
