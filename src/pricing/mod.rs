//! A workload and its itemized monthly bill.
//!
//! Each line carries its quantity, unit, rate and exact cost; the bill shows each line
//! rounded to cents and totals the rounded lines, as AWS does.

pub mod features;
mod meter;
mod workload;

pub use workload::{
    Durable, FeatureError, Provisioned, SnapStart, Streaming, Terms, Workload, LIMITS,
};

use crate::money;
use crate::rates::{Arch, RateCard, RateKey, RateOverrides, Rates, UnconfirmedRate};
pub(crate) use meter::DurationMeter;

/// Seconds of provisioned concurrency are billed in 5-minute units.
pub const PC_UNIT_SECONDS: f64 = 300.0;
/// Ephemeral storage up to this size is included in the price.
pub const FREE_STORAGE_MB: u32 = 512;

/// What a bill line charges for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineItem {
    Requests,
    /// On-demand invocation duration in the given tier (1-based).
    Duration {
        tier: u8,
    },
    /// INIT (cold start) duration, billed like invocation duration.
    InitDuration {
        tier: u8,
    },
    /// SnapStart restore duration of cold starts, billed like invocation duration.
    RestoreDuration {
        tier: u8,
    },
    /// Requests charged for asynchronous events beyond their first 256 KB.
    EventSizeRequests,
    EphemeralStorage,
    Provisioned,
    ProvisionedDuration,
    SnapStartCache,
    SnapStartRestore,
    Streaming,
    EdgeRequests,
    EdgeDuration,
    DurableOperations,
    DurableWritten,
    DurableRetained,
    TenantIsolation,
    Discount,
}

impl LineItem {
    pub fn label(self) -> String {
        let tiered = |what: &str, tier: u8| {
            if tier == 1 {
                what.to_string()
            } else {
                format!("{what}, tier {tier}")
            }
        };
        match self {
            LineItem::Requests => "Requests".into(),
            LineItem::Duration { tier } => tiered("Duration", tier),
            LineItem::InitDuration { tier } => tiered("INIT duration (cold starts)", tier),
            LineItem::RestoreDuration { tier } => {
                tiered("Restore duration (SnapStart cold starts)", tier)
            }
            LineItem::EventSizeRequests => "Requests for event size beyond 256 KB".into(),
            LineItem::SnapStartCache => "SnapStart cache".into(),
            LineItem::SnapStartRestore => "SnapStart restore".into(),
            LineItem::Streaming => "Response streaming beyond 6 MB per response".into(),
            LineItem::EdgeRequests => "Lambda@Edge requests".into(),
            LineItem::EdgeDuration => "Lambda@Edge duration".into(),
            LineItem::DurableOperations => "Durable operations".into(),
            LineItem::DurableWritten => "Durable data written".into(),
            LineItem::DurableRetained => "Durable data retained".into(),
            LineItem::TenantIsolation => "Tenant-isolated environments".into(),
            LineItem::EphemeralStorage => "Ephemeral storage".into(),
            LineItem::Provisioned => "Provisioned concurrency".into(),
            LineItem::ProvisionedDuration => "Duration on provisioned concurrency".into(),
            LineItem::Discount => "Discount on duration and provisioned concurrency".into(),
        }
    }

    /// Stable machine name, for JSON output.
    pub fn key(self) -> String {
        let tiered = |what: &str, tier: u8| {
            if tier == 1 {
                what.to_string()
            } else {
                format!("{what}_tier{tier}")
            }
        };
        match self {
            LineItem::Requests => "requests".into(),
            LineItem::Duration { tier } => tiered("duration", tier),
            LineItem::InitDuration { tier } => tiered("init_duration", tier),
            LineItem::RestoreDuration { tier } => tiered("restore_duration", tier),
            LineItem::EventSizeRequests => "event_size_requests".into(),
            LineItem::SnapStartCache => "snapstart_cache".into(),
            LineItem::SnapStartRestore => "snapstart_restore".into(),
            LineItem::Streaming => "streaming".into(),
            LineItem::EdgeRequests => "edge_requests".into(),
            LineItem::EdgeDuration => "edge_duration".into(),
            LineItem::DurableOperations => "durable_operations".into(),
            LineItem::DurableWritten => "durable_written".into(),
            LineItem::DurableRetained => "durable_retained".into(),
            LineItem::TenantIsolation => "tenant_isolation".into(),
            LineItem::EphemeralStorage => "ephemeral_storage".into(),
            LineItem::Provisioned => "provisioned_concurrency".into(),
            LineItem::ProvisionedDuration => "provisioned_duration".into(),
            LineItem::Discount => "discount".into(),
        }
    }

    /// The rate-card rate this line is priced at, on `arch`; `None` for Lambda@Edge's one
    /// global price and for the discount, which no region's data can leave unconfirmed.
    pub fn rate_key(self, arch: Arch) -> Option<RateKey> {
        Some(match self {
            LineItem::Requests | LineItem::EventSizeRequests => RateKey::Requests,
            LineItem::Duration { tier }
            | LineItem::InitDuration { tier }
            | LineItem::RestoreDuration { tier } => RateKey::Duration { arch, tier },
            LineItem::EphemeralStorage => RateKey::EphemeralStorage,
            LineItem::Provisioned => RateKey::Provisioned(arch),
            LineItem::ProvisionedDuration => RateKey::ProvisionedDuration(arch),
            LineItem::SnapStartCache => RateKey::SnapStartCache,
            LineItem::SnapStartRestore => RateKey::SnapStartRestore,
            LineItem::Streaming => RateKey::Streaming,
            LineItem::DurableOperations => RateKey::DurableOperations,
            LineItem::DurableWritten => RateKey::DurableWritten,
            LineItem::DurableRetained => RateKey::DurableRetained,
            LineItem::TenantIsolation => RateKey::TenantIsolation(arch),
            LineItem::EdgeRequests | LineItem::EdgeDuration | LineItem::Discount => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Requests,
    GbSeconds,
    /// Memory restored, bytes streamed or written, GB per tenant environment.
    Gb,
    /// Durable data retained.
    GbMonths,
    /// Durable operations.
    Operations,
    /// The discount line's quantity is the dollar amount it applies to.
    Usd,
}

impl Unit {
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Requests => "requests",
            Unit::GbSeconds => "GB-s",
            Unit::Gb => "GB",
            Unit::GbMonths => "GB-months",
            Unit::Operations => "operations",
            Unit::Usd => "USD",
        }
    }
}

/// One line of a bill.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub item: LineItem,
    /// Billable quantity, after the free tier.
    pub quantity: f64,
    /// Quantity covered by the free tier.
    pub free: f64,
    pub unit: Unit,
    /// USD per unit (negative for the discount).
    pub rate: f64,
    /// Exact cost in USD; what the bill shows is this rounded to cents.
    pub exact_usd: f64,
    /// The discount line only: minus the cents its lines billed. Lines that each round
    /// down to $0.00 must not add up to a -$0.01 discount and a negative bill.
    pub least_cents: Option<i64>,
}

impl Line {
    /// A charge of `quantity` `unit`s at `rate` (USD each), after `free` units the free
    /// tier covered: its exact cost is the quantity times the rate.
    pub(crate) fn charge(item: LineItem, quantity: f64, free: f64, unit: Unit, rate: f64) -> Line {
        Line {
            item,
            quantity,
            free,
            unit,
            rate,
            exact_usd: quantity * rate,
            least_cents: None,
        }
    }

    pub fn cents(&self) -> i64 {
        let cents = money::to_cents(self.exact_usd);
        self.least_cents.map_or(cents, |least| cents.max(least))
    }

    /// "2,000,000 requests (1,000,000 free)", "140,000 GB-s", "of $12.34".
    pub fn quantity_text(&self) -> String {
        let digits = match self.unit {
            Unit::Usd => return format!("of {}", money::format_usd(self.quantity)),
            Unit::Requests | Unit::Operations => 0,
            Unit::GbSeconds | Unit::Gb | Unit::GbMonths => 3,
        };
        let q = money::format_quantity(self.quantity, digits);
        let unit = self.unit.as_str();
        if self.free > 0.0 {
            format!(
                "{q} {unit} ({} free)",
                money::format_quantity(self.free, digits)
            )
        } else {
            format!("{q} {unit}")
        }
    }

    /// "$0.20 per 1M requests", "$0.0000166667 per GB-s", "17 % off".
    pub fn rate_text(&self) -> String {
        match self.unit {
            Unit::Requests => format!("{} per 1M requests", money::format_rate(self.rate * 1e6)),
            Unit::GbSeconds => format!("{} per GB-s", money::format_rate(self.rate)),
            Unit::Gb => format!("{} per GB", money::format_rate(self.rate)),
            Unit::GbMonths => format!("{} per GB-month", money::format_rate(self.rate)),
            Unit::Operations => {
                format!("{} per 1M operations", money::format_rate(self.rate * 1e6))
            }
            Unit::Usd => format!("{} % off", money::format_quantity(-self.rate * 100.0, 4)),
        }
    }
}

/// The monthly bill of a workload, with the request split that produced it.
#[derive(Debug, Clone, PartialEq)]
pub struct Bill {
    pub lines: Vec<Line>,
    pub requests: f64,
    pub on_demand_requests: f64,
    pub provisioned_requests: f64,
    /// Requests assigned to provisioned concurrency beyond its capacity.
    pub spillover_requests: f64,
    pub cold_starts: f64,
    /// What the reader must know to trust the figures (e.g. a free tier that was ignored).
    pub notices: Vec<Notice>,
}

/// Something about how a bill was priced that its lines alone do not say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// Lambda@Edge has no free tier, so the free tier the terms asked for was not applied.
    EdgeFreeTierIgnored,
}

impl Notice {
    pub fn message(self) -> &'static str {
        match self {
            Notice::EdgeFreeTierIgnored => {
                "Lambda@Edge has no free tier: the free tier was not applied to this function."
            }
        }
    }

    /// Stable machine name, for JSON output.
    pub fn key(self) -> &'static str {
        match self {
            Notice::EdgeFreeTierIgnored => "edge_free_tier_ignored",
        }
    }
}

impl Bill {
    /// The total as AWS shows it: the sum of the cent-rounded lines.
    pub fn total_cents(&self) -> i64 {
        self.lines
            .iter()
            .fold(0i64, |sum, l| sum.saturating_add(l.cents()))
    }

    pub fn total_usd(&self) -> f64 {
        self.total_cents() as f64 / 100.0
    }

    /// The unrounded total.
    pub fn exact_usd(&self) -> f64 {
        self.lines.iter().map(|l| l.exact_usd).sum()
    }

    /// Exact cost of one invocation, averaged over the month.
    pub fn per_invocation_usd(&self) -> Option<f64> {
        (self.requests > 0.0).then(|| self.exact_usd() / self.requests)
    }

    pub fn line(&self, item: LineItem) -> Option<&Line> {
        self.lines.iter().find(|l| l.item == item)
    }

    /// The rate-card rates this bill charged something at (lines with a billable
    /// quantity), each once, in line order.
    pub fn rates_used(&self, arch: Arch) -> Vec<RateKey> {
        let mut used = Vec::new();
        for key in self
            .lines
            .iter()
            .filter(|l| l.quantity > 0.0)
            .filter_map(|l| l.item.rate_key(arch))
        {
            if !used.contains(&key) {
                used.push(key);
            }
        }
        used
    }
}

/// The rates `bill` used that no source confirms in `region`, minus those the user has
/// entered (`overrides`, for the bill's own `arch`): what the page and the CLI's
/// `rates_unconfirmed` show next to the total.
pub fn unconfirmed_rates(
    bill: &Bill,
    arch: Arch,
    card: &RateCard,
    region: &str,
    overrides: &RateOverrides,
) -> Vec<UnconfirmedRate> {
    let used = bill
        .rates_used(arch)
        .into_iter()
        .filter(|k| !overrides.covers(*k, true));
    card.unconfirmed(region, used)
}

/// Prices a workload for one month. Inputs are expected to be validated
/// (`Workload::validate`); out-of-range values still give a bill, never a panic.
pub fn bill(w: &Workload, rates: &Rates, terms: &Terms) -> Bill {
    let mut lines = Vec::with_capacity(8);
    let split = price_into(w, rates, terms, &mut lines, Lines::All);
    Bill { lines, ..split }
}

/// The total in cents exactly as `bill` shows it, without building the lines: sweeps
/// price tens of thousands of workloads per keystroke.
pub fn total_cents(w: &Workload, rates: &Rates, terms: &Terms) -> i64 {
    let mut total = CentsTotal(0);
    price_into(w, rates, terms, &mut total, Lines::All);
    total.0
}

/// The totals of one workload at many memory sizes, each with the duration it runs at
/// there, to the cent as `total_cents` gives them. The lines that depend on neither
/// (requests, event size, streaming, durable functions) are priced once.
#[derive(Debug, Clone, Copy)]
pub struct SizedTotals<'a> {
    workload: Workload,
    rates: &'a Rates,
    terms: &'a Terms,
    /// The cents of the lines that stay the same at every size.
    fixed_cents: i64,
}

impl<'a> SizedTotals<'a> {
    pub fn new(workload: &Workload, rates: &'a Rates, terms: &'a Terms) -> Self {
        let mut fixed = CentsTotal(0);
        if !workload.edge {
            price_into(workload, rates, terms, &mut fixed, Lines::Fixed);
        }
        SizedTotals {
            workload: *workload,
            rates,
            terms,
            fixed_cents: fixed.0,
        }
    }

    /// `total_cents` of the workload at `memory_mb`, running (on demand and on
    /// provisioned concurrency alike) for `duration_ms`.
    pub fn total_cents(&self, memory_mb: u32, duration_ms: f64) -> i64 {
        let mut w = self.workload;
        w.memory_mb = memory_mb;
        w.duration_ms = duration_ms;
        w.provisioned.duration_ms = duration_ms;
        if w.edge {
            return total_cents(&w, self.rates, self.terms);
        }
        let mut total = CentsTotal(self.fixed_cents);
        price_into(&w, self.rates, self.terms, &mut total, Lines::Sized);
        total.0
    }
}

/// Which of a bill's lines `price_into` computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lines {
    All,
    /// Those that depend on neither memory nor duration (none of them is discounted).
    Fixed,
    /// The others, with the discount.
    Sized,
}

/// Where `price_into` puts the lines it computes.
pub(crate) trait LineSink {
    fn push(&mut self, line: Line);
}

impl LineSink for Vec<Line> {
    fn push(&mut self, line: Line) {
        Vec::push(self, line);
    }
}

struct CentsTotal(i64);

impl LineSink for CentsTotal {
    fn push(&mut self, line: Line) {
        self.0 = self.0.saturating_add(line.cents());
    }
}

/// Forwards lines and sums the cost of those the discount applies to, exact and billed.
struct Tally<'a, S> {
    sink: &'a mut S,
    discountable: f64,
    discountable_cents: i64,
}

impl<S: LineSink> LineSink for Tally<'_, S> {
    fn push(&mut self, line: Line) {
        if matches!(
            line.item,
            LineItem::Duration { .. }
                | LineItem::InitDuration { .. }
                | LineItem::RestoreDuration { .. }
                | LineItem::EdgeDuration
                | LineItem::Provisioned
                | LineItem::ProvisionedDuration
        ) {
            self.discountable += line.exact_usd;
            self.discountable_cents = self.discountable_cents.saturating_add(line.cents());
        }
        self.sink.push(line);
    }
}

/// Sends the bill's lines to `sink` and returns the request split (with no lines).
fn price_into(
    w: &Workload,
    rates: &Rates,
    terms: &Terms,
    sink: &mut impl LineSink,
    which: Lines,
) -> Bill {
    let fixed = which != Lines::Sized;
    let sized = which != Lines::Fixed;
    let lines = &mut Tally {
        sink,
        discountable: 0.0,
        discountable_cents: 0,
    };
    let mut notices = Vec::new();
    // Lambda@Edge has no provisioned concurrency (validation refuses it); price as if off.
    let edge_only = Workload {
        provisioned: Provisioned {
            instances: 0,
            ..w.provisioned
        },
        ..*w
    };
    let w = if w.edge { &edge_only } else { w };
    // Multiplying by 1/1024 is exact (a power of two) and cheaper than dividing.
    let gb = w.memory_mb as f64 * (1.0 / 1024.0);
    let requests = w.requests.max(0.0);
    let billed_ms = ceil_ms(w.duration_ms);

    // Provisioned concurrency: capacity is what the instances can serve back to back
    // while enabled; what is assigned beyond it spills over to on-demand.
    let pc = &w.provisioned;
    let pc_seconds = if pc.instances > 0 {
        (pc.hours.max(0.0) * 3600.0 / PC_UNIT_SECONDS).ceil() * PC_UNIT_SECONDS
    } else {
        0.0
    };
    let pc_billed_ms = ceil_ms(pc.duration_ms);
    let pc_assigned = if pc.instances > 0 {
        pc.requests.clamp(0.0, requests)
    } else {
        0.0
    };
    let pc_capacity = if pc_billed_ms > 0.0 {
        pc.instances as f64 * pc_seconds * 1000.0 / pc_billed_ms
    } else {
        f64::INFINITY
    };
    let pc_served = pc_assigned.min(pc_capacity);
    let spillover = pc_assigned - pc_served;
    let on_demand = requests - pc_assigned + spillover;
    let cold_share = w.cold_start_pct.clamp(0.0, 100.0) / 100.0;
    let cold_starts = on_demand * cold_share;

    let invoke_gb_s =
        ((requests - pc_assigned) * billed_ms + spillover * pc_billed_ms) / 1000.0 * gb;
    // A cold invocation is billed INIT + duration with one round-up; the INIT line is
    // what that adds to the invocation's own billed duration.
    let init_ms = (requests - pc_assigned)
        * cold_share
        * (billed_cold_ms(w.init_ms, w.duration_ms) - billed_ms)
        + spillover * cold_share * (billed_cold_ms(w.init_ms, pc.duration_ms) - pc_billed_ms);
    let init_gb_s = init_ms / 1000.0 * gb;
    let pc_duration_gb_s = pc_served * pc_billed_ms / 1000.0 * gb;
    let usage = Usage {
        gb,
        pc_seconds,
        cold_starts,
        invoke_gb_s,
        init_gb_s,
        pc_duration_gb_s,
    };

    if w.edge {
        if terms.free_tier {
            notices.push(Notice::EdgeFreeTierIgnored);
        }
        // One price for invocations and their cold starts alike: no tiers, no free tier.
        for line in features::edge(requests, invoke_gb_s + init_gb_s, rates) {
            lines.push(line);
        }
        push_storage(w, rates, gb, invoke_gb_s + init_gb_s, lines);
        push_discount(terms, lines);
        // (No provisioned concurrency at the edge: the split below has none either.)
    } else {
        if fixed {
            let free_requests = if terms.free_tier {
                rates.free_requests.min(requests)
            } else {
                0.0
            };
            lines.push(Line::charge(
                LineItem::Requests,
                requests - free_requests,
                free_requests,
                Unit::Requests,
                rates.request,
            ));
            let free_requests_left = if terms.free_tier {
                (rates.free_requests - free_requests).max(0.0)
            } else {
                0.0
            };
            if let Some(line) = features::event_size(w, rates, free_requests_left) {
                lines.push(line);
            }
        }
        if sized {
            push_sized(w, rates, terms, &usage, lines);
        }
        if fixed {
            let extras = [features::streaming(w, rates, terms)]
                .into_iter()
                .chain(features::durable(w, rates));
            for line in extras.flatten() {
                lines.push(line);
            }
        }
        if sized {
            if let Some(line) = features::tenant_isolation(w, rates) {
                lines.push(line);
            }
            push_discount(terms, lines);
        }
    }

    Bill {
        lines: Vec::new(),
        requests,
        on_demand_requests: on_demand,
        provisioned_requests: pc_served,
        spillover_requests: spillover,
        cold_starts,
        notices,
    }
}

/// What the month's invocations use at the workload's memory size and durations.
struct Usage {
    gb: f64,
    pc_seconds: f64,
    cold_starts: f64,
    invoke_gb_s: f64,
    init_gb_s: f64,
    pc_duration_gb_s: f64,
}

/// The lines that change with memory or duration, but for tenant isolation and the
/// discount: on-demand and INIT duration, storage, provisioned concurrency, SnapStart.
fn push_sized(
    w: &Workload,
    rates: &Rates,
    terms: &Terms,
    usage: &Usage,
    lines: &mut impl LineSink,
) {
    let &Usage {
        gb,
        pc_seconds,
        cold_starts,
        invoke_gb_s,
        init_gb_s,
        pc_duration_gb_s,
    } = usage;
    let pc = &w.provisioned;

    let free_gb_s = if terms.free_tier {
        rates.free_gb_seconds
    } else {
        0.0
    };
    let mut meter = DurationMeter::new(rates, free_gb_s);
    meter.consume(invoke_gb_s, |tier| LineItem::Duration { tier }, lines, true);
    if init_gb_s > 0.0 {
        // With SnapStart, what a cold start runs before the handler is the restore.
        let snapstart = w.snapstart.enabled;
        meter.consume(
            init_gb_s,
            |tier| {
                if snapstart {
                    LineItem::RestoreDuration { tier }
                } else {
                    LineItem::InitDuration { tier }
                }
            },
            lines,
            false,
        );
    }

    push_storage(
        w,
        rates,
        gb,
        invoke_gb_s + init_gb_s + pc_duration_gb_s,
        lines,
    );

    if pc.instances > 0 {
        let q = pc.instances as f64 * gb * pc_seconds;
        lines.push(Line::charge(
            LineItem::Provisioned,
            q,
            0.0,
            Unit::GbSeconds,
            rates.provisioned,
        ));
        lines.push(Line::charge(
            LineItem::ProvisionedDuration,
            pc_duration_gb_s,
            0.0,
            Unit::GbSeconds,
            rates.provisioned_duration,
        ));
    }

    for line in features::snapstart(w, rates, cold_starts)
        .into_iter()
        .flatten()
    {
        lines.push(line);
    }
}

/// Ephemeral storage above 512 MB, over every billed second (`gb_s` / memory).
fn push_storage(w: &Workload, rates: &Rates, gb: f64, gb_s: f64, lines: &mut impl LineSink) {
    if w.storage_mb > FREE_STORAGE_MB {
        let extra_gb = (w.storage_mb - FREE_STORAGE_MB) as f64 / 1024.0;
        let seconds = gb_s / gb.max(f64::MIN_POSITIVE);
        let q = extra_gb * seconds;
        lines.push(Line::charge(
            LineItem::EphemeralStorage,
            q,
            0.0,
            Unit::GbSeconds,
            rates.ephemeral_storage,
        ));
    }
}

/// The discount line, on what the bill so far charged for duration and provisioned
/// concurrency.
fn push_discount<S: LineSink>(terms: &Terms, lines: &mut Tally<'_, S>) {
    let discount = terms.discount_pct.clamp(0.0, 100.0) / 100.0;
    if discount > 0.0 {
        let eligible = lines.discountable;
        lines.push(Line {
            item: LineItem::Discount,
            quantity: eligible,
            free: 0.0,
            unit: Unit::Usd,
            rate: -discount,
            exact_usd: -eligible * discount,
            least_cents: Some(-lines.discountable_cents),
        });
    }
}

/// Billed milliseconds of a cold invocation: INIT and duration summed, then rounded up
/// once (REPORT lines show 1307.68 + 1058.15 ms billed as 2366 ms, not 2367).
pub fn billed_cold_ms(init_ms: f64, duration_ms: f64) -> f64 {
    let init = if init_ms.is_finite() {
        init_ms.max(0.0)
    } else {
        0.0
    };
    let duration = if duration_ms.is_finite() {
        duration_ms.max(0.0)
    } else {
        0.0
    };
    ceil_ms(init + duration)
}

/// Lambda bills each invocation rounded up to the next millisecond.
fn ceil_ms(ms: f64) -> f64 {
    if ms > 0.0 && ms < 1e15 {
        // A cast instead of a libm `ceil` call: sweeps price thousands of workloads.
        let whole = ms as u64 as f64;
        if whole < ms {
            whole + 1.0
        } else {
            whole
        }
    } else if ms >= 1e15 && ms.is_finite() {
        ms.ceil()
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests;
