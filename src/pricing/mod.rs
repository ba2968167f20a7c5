//! A workload and its itemized monthly bill.
//!
//! Each line carries its quantity, unit, rate and exact cost; the bill shows each line
//! rounded to cents and totals the rounded lines, as AWS does.

mod meter;
mod workload;

pub use workload::{Provisioned, Terms, Workload, LIMITS};

use crate::money;
use crate::rates::Rates;
use meter::DurationMeter;

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
    EphemeralStorage,
    Provisioned,
    ProvisionedDuration,
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
            LineItem::EphemeralStorage => "ephemeral_storage".into(),
            LineItem::Provisioned => "provisioned_concurrency".into(),
            LineItem::ProvisionedDuration => "provisioned_duration".into(),
            LineItem::Discount => "discount".into(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Requests,
    GbSeconds,
    /// The discount line's quantity is the dollar amount it applies to.
    Usd,
}

impl Unit {
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Requests => "requests",
            Unit::GbSeconds => "GB-s",
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
}

impl Line {
    pub fn cents(&self) -> i64 {
        money::to_cents(self.exact_usd)
    }

    /// "2,000,000 requests (1,000,000 free)", "140,000 GB-s", "of $12.34".
    pub fn quantity_text(&self) -> String {
        let q = match self.unit {
            Unit::Usd => return format!("of {}", money::format_usd(self.quantity)),
            Unit::Requests => money::format_quantity(self.quantity, 0),
            Unit::GbSeconds => money::format_quantity(self.quantity, 3),
        };
        let unit = self.unit.as_str();
        if self.free > 0.0 {
            let digits = if self.unit == Unit::Requests { 0 } else { 3 };
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
}

/// Prices a workload for one month. Inputs are expected to be validated
/// (`Workload::validate`); out-of-range values still give a bill, never a panic.
pub fn bill(w: &Workload, rates: &Rates, terms: &Terms) -> Bill {
    let mut lines = Vec::with_capacity(8);
    let split = price_into(w, rates, terms, &mut lines);
    Bill { lines, ..split }
}

/// The total in cents exactly as `bill` shows it, without building the lines: sweeps
/// price tens of thousands of workloads per keystroke.
pub fn total_cents(w: &Workload, rates: &Rates, terms: &Terms) -> i64 {
    let mut total = CentsTotal(0);
    price_into(w, rates, terms, &mut total);
    total.0
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

/// Forwards lines and sums the exact cost of those the discount applies to.
struct Tally<'a, S> {
    sink: &'a mut S,
    discountable: f64,
}

impl<S: LineSink> LineSink for Tally<'_, S> {
    fn push(&mut self, line: Line) {
        if matches!(
            line.item,
            LineItem::Duration { .. }
                | LineItem::InitDuration { .. }
                | LineItem::Provisioned
                | LineItem::ProvisionedDuration
        ) {
            self.discountable += line.exact_usd;
        }
        self.sink.push(line);
    }
}

/// Sends the bill's lines to `sink` and returns the request split (with no lines).
fn price_into(w: &Workload, rates: &Rates, terms: &Terms, sink: &mut impl LineSink) -> Bill {
    let lines = &mut Tally {
        sink,
        discountable: 0.0,
    };
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
    let cold_starts = on_demand * (w.cold_start_pct.clamp(0.0, 100.0) / 100.0);

    let invoke_gb_s =
        ((requests - pc_assigned) * billed_ms + spillover * pc_billed_ms) / 1000.0 * gb;
    let init_gb_s = cold_starts * ceil_ms(w.init_ms) / 1000.0 * gb;
    let pc_duration_gb_s = pc_served * pc_billed_ms / 1000.0 * gb;

    let free_requests = if terms.free_tier {
        rates.free_requests.min(requests)
    } else {
        0.0
    };
    lines.push(Line {
        item: LineItem::Requests,
        quantity: requests - free_requests,
        free: free_requests,
        unit: Unit::Requests,
        rate: rates.request,
        exact_usd: (requests - free_requests) * rates.request,
    });

    let free_gb_s = if terms.free_tier {
        rates.free_gb_seconds
    } else {
        0.0
    };
    let mut meter = DurationMeter::new(rates, free_gb_s);
    meter.consume(invoke_gb_s, |tier| LineItem::Duration { tier }, lines, true);
    if init_gb_s > 0.0 {
        meter.consume(
            init_gb_s,
            |tier| LineItem::InitDuration { tier },
            lines,
            false,
        );
    }

    if w.storage_mb > FREE_STORAGE_MB {
        let extra_gb = (w.storage_mb - FREE_STORAGE_MB) as f64 / 1024.0;
        let seconds = (invoke_gb_s + init_gb_s + pc_duration_gb_s) / gb.max(f64::MIN_POSITIVE);
        let q = extra_gb * seconds;
        lines.push(Line {
            item: LineItem::EphemeralStorage,
            quantity: q,
            free: 0.0,
            unit: Unit::GbSeconds,
            rate: rates.ephemeral_storage,
            exact_usd: q * rates.ephemeral_storage,
        });
    }

    if pc.instances > 0 {
        let q = pc.instances as f64 * gb * pc_seconds;
        lines.push(Line {
            item: LineItem::Provisioned,
            quantity: q,
            free: 0.0,
            unit: Unit::GbSeconds,
            rate: rates.provisioned,
            exact_usd: q * rates.provisioned,
        });
        lines.push(Line {
            item: LineItem::ProvisionedDuration,
            quantity: pc_duration_gb_s,
            free: 0.0,
            unit: Unit::GbSeconds,
            rate: rates.provisioned_duration,
            exact_usd: pc_duration_gb_s * rates.provisioned_duration,
        });
    }

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
        });
    }

    Bill {
        lines: Vec::new(),
        requests,
        on_demand_requests: on_demand,
        provisioned_requests: pc_served,
        spillover_requests: spillover,
        cold_starts,
    }
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
