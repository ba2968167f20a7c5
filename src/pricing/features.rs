//! The bill lines AWS added since 2023, one small pure function each: the workload and
//! the rates in, the lines out. A feature that is off yields no line, so every bill
//! without it is exactly what it was before.

use super::{Line, LineItem, Terms, Unit, Workload};
use crate::rates::Rates;

/// The first 6 MB of each streamed response are not charged.
pub const STREAMING_FREE_MB_PER_RESPONSE: f64 = 6.0;
/// An asynchronous event's first 256 KB are one request; each started 64 KB after is one more.
pub const EVENT_BASE_KB: f64 = 256.0;
pub const EVENT_CHUNK_KB: f64 = 64.0;
/// Each SnapStart version's cache bills at least three hours.
pub const SNAPSTART_MIN_SECONDS: f64 = 3.0 * 3600.0;
/// Durable retention is prorated over a 30-day month.
pub const DAYS_PER_MONTH: f64 = 30.0;
/// AWS's durable-functions example counts 1 GB written as 1,000,000 KB.
pub const DURABLE_KB_PER_GB: f64 = 1_000_000.0;

/// A quantity from user input: negative, NaN and infinite values count as none.
fn amount(v: f64) -> f64 {
    if v.is_finite() {
        v.max(0.0)
    } else {
        0.0
    }
}

fn memory_gb(w: &Workload) -> f64 {
    w.memory_mb as f64 / 1024.0
}

/// SnapStart cache (memory GB x active seconds x versions, at least 3 hours per version,
/// metered per ms) and restore (memory GB for each cold start resumed from the snapshot).
pub fn snapstart(w: &Workload, rates: &Rates, cold_starts: f64) -> [Option<Line>; 2] {
    let s = &w.snapstart;
    if !s.enabled {
        return [None, None];
    }
    let gb = memory_gb(w);
    let seconds = ((amount(s.hours) * 3600.0 * 1000.0).ceil() / 1000.0).max(SNAPSTART_MIN_SECONDS);
    let cached = gb * seconds * s.versions as f64;
    let restored = amount(cold_starts) * gb;
    [
        Some(Line::charge(
            LineItem::SnapStartCache,
            cached,
            0.0,
            Unit::GbSeconds,
            rates.snapstart_cache,
        )),
        Some(Line::charge(
            LineItem::SnapStartRestore,
            restored,
            0.0,
            Unit::Gb,
            rates.snapstart_restore,
        )),
    ]
}

/// Bytes streamed beyond 6 MB per response (1 GB = 1,024 MB), less the 100 GB monthly
/// allowance when it is available.
pub fn streaming(w: &Workload, rates: &Rates, terms: &Terms) -> Option<Line> {
    let s = &w.streaming;
    let mb = amount(s.mb_per_response);
    if mb <= 0.0 {
        return None;
    }
    let requests = amount(w.requests);
    let streams = s.requests.map_or(requests, |n| amount(n).min(requests));
    let gb = streams * (mb - STREAMING_FREE_MB_PER_RESPONSE).max(0.0) / 1024.0;
    let allowance = if s.free_allowance.unwrap_or(terms.free_tier) {
        amount(rates.free_streaming_gb)
    } else {
        0.0
    };
    let free = gb.min(allowance);
    Some(Line::charge(
        LineItem::Streaming,
        gb - free,
        free,
        Unit::Gb,
        rates.streaming,
    ))
}

/// Requests an event of `event_kb` is charged beyond the first: one per started 64 KB
/// after 256 KB (a 600 KB event is 1 + 6 = 7 requests).
pub fn extra_requests_per_event(event_kb: f64) -> f64 {
    let beyond = amount(event_kb) - EVENT_BASE_KB;
    if beyond > 0.0 {
        (beyond / EVENT_CHUNK_KB).ceil()
    } else {
        0.0
    }
}

/// The extra requests large asynchronous events are charged, at the request rate; free
/// requests the Requests line left over cover them first.
pub fn event_size(w: &Workload, rates: &Rates, free_requests_left: f64) -> Option<Line> {
    if amount(w.event_kb) <= 0.0 {
        return None;
    }
    let extra = amount(w.requests) * extra_requests_per_event(w.event_kb);
    let free = extra.min(amount(free_requests_left));
    Some(Line::charge(
        LineItem::EventSizeRequests,
        extra - free,
        free,
        Unit::Requests,
        rates.request,
    ))
}

/// Lambda@Edge: every request and GB-s at the one global price; no tiers, no free tier.
pub fn edge(requests: f64, gb_s: f64, rates: &Rates) -> [Line; 2] {
    [
        Line::charge(
            LineItem::EdgeRequests,
            amount(requests),
            0.0,
            Unit::Requests,
            rates.edge_request,
        ),
        Line::charge(
            LineItem::EdgeDuration,
            amount(gb_s),
            0.0,
            Unit::GbSeconds,
            rates.edge_duration,
        ),
    ]
}

/// Durable functions: operations, data written, and data retained while executions run
/// and wait and for the retention period after (GB-months of 30 days).
pub fn durable(w: &Workload, rates: &Rates) -> [Option<Line>; 3] {
    let d = &w.durable;
    let executions = amount(d.executions);
    if executions <= 0.0 {
        return [None, None, None];
    }
    let operations = executions * amount(d.operations);
    let written_gb = executions * amount(d.kb_written) / DURABLE_KB_PER_GB;
    let days = amount(d.wait_days) + amount(d.retain_days);
    let retained = written_gb * days / DAYS_PER_MONTH;
    [
        Some(Line::charge(
            LineItem::DurableOperations,
            operations,
            0.0,
            Unit::Operations,
            rates.durable_operation,
        )),
        Some(Line::charge(
            LineItem::DurableWritten,
            written_gb,
            0.0,
            Unit::Gb,
            rates.durable_written,
        )),
        Some(Line::charge(
            LineItem::DurableRetained,
            retained,
            0.0,
            Unit::GbMonths,
            rates.durable_retained,
        )),
    ]
}

/// Tenant isolation: memory GB for each tenant-isolated environment created.
pub fn tenant_isolation(w: &Workload, rates: &Rates) -> Option<Line> {
    let envs = amount(w.tenant_envs);
    (envs > 0.0).then(|| {
        Line::charge(
            LineItem::TenantIsolation,
            envs * memory_gb(w),
            0.0,
            Unit::Gb,
            rates.tenant_isolation,
        )
    })
}
