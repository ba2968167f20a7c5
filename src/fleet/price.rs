//! Pricing a fleet: each function on its own, and the account as AWS bills it.
//!
//! AWS meters duration per account, region and architecture: the tier thresholds (6 B
//! and 15 B GB-s a month on x86_64) apply to the sum of every function's GB-s there, so
//! two large functions together reach tier 2 where neither does alone. The free tier
//! (1 M requests, 400,000 GB-s) is one pool for the whole account.

use super::Function;
use crate::pricing::{self, Bill, DurationMeter, Line, LineItem, Terms, Unit};
use crate::rates::{Arch, RateCard, Rates};
use std::collections::BTreeMap;

/// A month of metered usage: what a CUR reports, and what a bill's lines add up to.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Usage {
    pub requests: f64,
    /// On-demand duration, GB-s: invocations and INIT together, as they share the tiers.
    pub duration_gb_s: f64,
    /// Provisioned concurrency enabled, GB-s.
    pub provisioned_gb_s: f64,
    /// Duration served by provisioned concurrency, GB-s.
    pub provisioned_duration_gb_s: f64,
    /// Ephemeral storage above 512 MB, GB-s.
    pub storage_gb_s: f64,
}

impl Usage {
    pub fn add(&mut self, other: &Usage) {
        self.requests += other.requests;
        self.duration_gb_s += other.duration_gb_s;
        self.provisioned_gb_s += other.provisioned_gb_s;
        self.provisioned_duration_gb_s += other.provisioned_duration_gb_s;
        self.storage_gb_s += other.storage_gb_s;
    }

    /// The usage a bill charges for, free quantities included.
    pub fn of_bill(bill: &Bill) -> Usage {
        Usage::of_lines(&bill.lines)
    }

    pub fn of_lines(lines: &[Line]) -> Usage {
        let mut u = Usage::default();
        for l in lines {
            let all = l.quantity + l.free;
            match l.item {
                // Extra requests for large async events are requests like any other: the
                // account's free requests and the request rate apply to them.
                LineItem::Requests | LineItem::EventSizeRequests => u.requests += all,
                LineItem::Duration { .. } | LineItem::InitDuration { .. } => u.duration_gb_s += all,
                LineItem::Provisioned => u.provisioned_gb_s += all,
                LineItem::ProvisionedDuration => u.provisioned_duration_gb_s += all,
                LineItem::EphemeralStorage => u.storage_gb_s += all,
                // Not tiered and not pooled: `price` carries these lines as they are.
                LineItem::RestoreDuration { .. }
                | LineItem::SnapStartCache
                | LineItem::SnapStartRestore
                | LineItem::Streaming
                | LineItem::EdgeRequests
                | LineItem::EdgeDuration
                | LineItem::DurableOperations
                | LineItem::DurableWritten
                | LineItem::DurableRetained
                | LineItem::TenantIsolation
                | LineItem::Discount => {}
            }
        }
        u
    }
}

/// One function priced on its own, without the free tier: what it would cost as the only
/// function of an account that has used its free tier elsewhere.
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionBill {
    pub usage: Usage,
    pub lines: Vec<Line>,
    pub total_cents: i64,
}

/// The account's bill for one region and architecture: the usage of all its functions,
/// tiered together.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupBill {
    pub region: String,
    pub arch: Arch,
    pub functions: usize,
    pub usage: Usage,
    pub lines: Vec<Line>,
    pub total_cents: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FleetBill {
    /// In the order of the functions given; `None` for a region the rate card lacks.
    pub functions: Vec<Option<FunctionBill>>,
    /// Sorted by region, then architecture.
    pub groups: Vec<GroupBill>,
    pub free_tier: bool,
    /// The fleet total: the sum of every group's cent-rounded lines.
    pub total_cents: i64,
}

impl FleetBill {
    pub fn total_usd(&self) -> f64 {
        self.total_cents as f64 / 100.0
    }

    /// The sum of the functions' own bills: more than the fleet total when the account's
    /// usage reaches a cheaper tier.
    pub fn sum_of_functions_cents(&self) -> i64 {
        self.functions
            .iter()
            .flatten()
            .fold(0i64, |s, b| s.saturating_add(b.total_cents))
    }

    pub fn exact_usd(&self) -> f64 {
        self.groups
            .iter()
            .flat_map(|g| &g.lines)
            .map(|l| l.exact_usd)
            .sum()
    }
}

/// Adds a function's lines that no tier or pool touches (SnapStart, streaming, Lambda@Edge,
/// durable functions, tenant isolation) to its group's, one line per kind and rate.
fn add_untiered(group: &mut Vec<Line>, lines: &[Line]) {
    let untiered = lines.iter().filter(|l| {
        !matches!(
            l.item,
            LineItem::Requests
                | LineItem::EventSizeRequests
                | LineItem::Duration { .. }
                | LineItem::InitDuration { .. }
                | LineItem::Provisioned
                | LineItem::ProvisionedDuration
                | LineItem::EphemeralStorage
                | LineItem::Discount
        )
    });
    for l in untiered {
        match group
            .iter_mut()
            .find(|g| g.item == l.item && g.rate == l.rate)
        {
            Some(g) => {
                g.quantity += l.quantity;
                g.free += l.free;
                g.exact_usd += l.exact_usd;
            }
            None => group.push(l.clone()),
        }
    }
}

fn cents(lines: &[Line]) -> i64 {
    lines.iter().fold(0i64, |s, l| s.saturating_add(l.cents()))
}

/// Prices every function, and the fleet with tiers per region and architecture and, with
/// `free_tier`, the account's free tier applied once.
pub fn price(functions: &[Function], card: &RateCard, free_tier: bool) -> FleetBill {
    let mut bills = Vec::with_capacity(functions.len());
    // Keyed by region and architecture name, so groups come out in a stable order.
    // Per group: architecture, pooled usage, function count and the untiered lines.
    type Group = (Arch, Usage, usize, Vec<Line>);
    let mut groups: BTreeMap<(&str, &str), Group> = BTreeMap::new();
    for f in functions {
        let bill = function_bill(f, card);
        if let Some(b) = &bill {
            let g = groups
                .entry((f.region.as_str(), f.arch.as_str()))
                .or_insert((f.arch, Usage::default(), 0, Vec::new()));
            g.1.add(&b.usage);
            g.2 += 1;
            add_untiered(&mut g.3, &b.lines);
        }
        bills.push(bill);
    }
    let priced: Vec<(Rates, GroupBill)> = groups
        .into_iter()
        .filter_map(|((region, _), (arch, usage, n, untiered))| {
            Some((
                card.rates(region, arch)?,
                GroupBill {
                    region: region.to_string(),
                    arch,
                    functions: n,
                    usage,
                    lines: untiered,
                    total_cents: 0,
                },
            ))
        })
        .collect();
    // AWS does not say which region's usage the account's free tier offsets; it is
    // applied where it is worth the most (the highest rate first), so the fleet total
    // never overstates a bill.
    let mut free = free_tier.then(|| {
        card.rates("us-east-1", Arch::X86_64)
            .map_or((1e6, 400_000.0), |r| (r.free_requests, r.free_gb_seconds))
    });
    let mut free_requests = vec![0.0; priced.len()];
    let mut free_gb_s = vec![0.0; priced.len()];
    if let Some((requests_pool, gb_s_pool)) = free.as_mut() {
        let mut order: Vec<usize> = (0..priced.len()).collect();
        order.sort_by(|&a, &b| priced[b].0.request.total_cmp(&priced[a].0.request));
        for i in order {
            let take = requests_pool.min(priced[i].1.usage.requests);
            free_requests[i] = take;
            *requests_pool -= take;
        }
        let mut order: Vec<usize> = (0..priced.len()).collect();
        order.sort_by(|&a, &b| priced[b].0.duration[0].total_cmp(&priced[a].0.duration[0]));
        for i in order {
            let take = gb_s_pool.min(priced[i].1.usage.duration_gb_s);
            free_gb_s[i] = take;
            *gb_s_pool -= take;
        }
    }
    let mut total = 0i64;
    let groups = priced
        .into_iter()
        .enumerate()
        .map(|(i, (rates, mut g))| {
            let untiered = std::mem::take(&mut g.lines);
            g.lines = usage_lines(&g.usage, &rates, free_requests[i], free_gb_s[i]);
            g.lines.extend(untiered);
            g.total_cents = cents(&g.lines);
            total = total.saturating_add(g.total_cents);
            g
        })
        .collect();
    FleetBill {
        functions: bills,
        groups,
        free_tier,
        total_cents: total,
    }
}

/// One function's own bill: from its metered usage when the file gives it, else through
/// the calculator's `pricing::bill` of its workload.
pub(super) fn function_bill(f: &Function, card: &RateCard) -> Option<FunctionBill> {
    let rates = card.rates(&f.region, f.arch)?;
    let lines = match (&f.metered, &f.scenario) {
        (Some(u), _) => usage_lines(u, &rates, 0.0, 0.0),
        (None, Some(s)) => pricing::bill(&s.workload(), &rates, &Terms::default()).lines,
        (None, None) => return None,
    };
    let usage = Usage::of_lines(&lines);
    Some(FunctionBill {
        usage,
        total_cents: cents(&lines),
        lines,
    })
}

/// The lines of a month of usage at `rates`, the first `free_gb_s` of duration and
/// `free_requests` requests free. Duration fills the tiers from the month's first GB-s.
pub(super) fn usage_lines(
    u: &Usage,
    rates: &Rates,
    free_requests: f64,
    free_gb_s: f64,
) -> Vec<Line> {
    let mut lines = Vec::with_capacity(6);
    let requests = finite(u.requests);
    let free_requests = free_requests.clamp(0.0, requests);
    lines.push(Line::charge(
        LineItem::Requests,
        requests - free_requests,
        free_requests,
        Unit::Requests,
        rates.request,
    ));
    // The fleet's usage is one month's: the meter fills the tiers from its first GB-s.
    DurationMeter::new(rates, free_gb_s).consume(
        finite(u.duration_gb_s),
        |tier| LineItem::Duration { tier },
        &mut lines,
        true,
    );
    let mut gb_s_line = |item: LineItem, q: f64, rate: f64| {
        let q = finite(q);
        if q > 0.0 {
            lines.push(Line::charge(item, q, 0.0, Unit::GbSeconds, rate));
        }
    };
    gb_s_line(
        LineItem::EphemeralStorage,
        u.storage_gb_s,
        rates.ephemeral_storage,
    );
    gb_s_line(LineItem::Provisioned, u.provisioned_gb_s, rates.provisioned);
    gb_s_line(
        LineItem::ProvisionedDuration,
        u.provisioned_duration_gb_s,
        rates.provisioned_duration,
    );
    lines
}

fn finite(v: f64) -> f64 {
    if v.is_finite() {
        v.max(0.0)
    } else {
        0.0
    }
}
