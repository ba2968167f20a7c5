//! One workload priced four ways for the same month of traffic, and the request rates at
//! which their order changes.
//!
//! Traffic is a daily shape (`TrafficShape`; steady traffic is a 24-hour peak). Each
//! option is sized from it: provisioned concurrency covers the peak during the peak hours
//! (`TrafficShape::plan`, as the traffic-shape sizing does), LMI runs the instances
//! `size_lmi` gives, Fargate runs the peak's vCPUs all month. To scan across traffic the
//! shape is scaled (peak and off-peak alike), so the x-axis is the month's average req/s.
//!
//! Crossovers: on a log-spaced grid of average req/s, every sign change of the cost
//! difference of two options is bisected to where the order changes. Where both costs
//! are continuous there they meet (within a cent); where one jumps (an instance more)
//! the order changes at the jump, and the crossover says so (`at_step`).

use super::instances::{FargateRates, InstanceTable};
use super::managed::{
    fargate_bill, lmi_bill, lmi_instances, size_lmi, LmiCapacity, LmiSetup, LmiSizing,
    ManagedInstances,
};
use super::{lmi_field, ComputeBill, ComputeError};
use crate::model::{TrafficShape, SECONDS_PER_MONTH};
use crate::money::{format_cents, format_quantity, format_rate};
use crate::pricing::{bill, Bill, Provisioned, Terms, Workload};
use crate::rates::Rates;

/// Hours in AWS's billing month.
const HOURS_PER_MONTH: f64 = 730.0;

/// Steady traffic of `rps` requests per second, all day.
pub fn steady(rps: f64) -> TrafficShape {
    TrafficShape {
        peak_rps: rps,
        peak_hours: 24.0,
        off_peak_rps: 0.0,
    }
}

/// A way to run the workload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ComputeOption {
    OnDemand,
    Provisioned,
    ManagedInstances,
    Fargate,
}

impl ComputeOption {
    pub const ALL: [ComputeOption; 4] = [
        ComputeOption::OnDemand,
        ComputeOption::Provisioned,
        ComputeOption::ManagedInstances,
        ComputeOption::Fargate,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ComputeOption::OnDemand => "Lambda on demand",
            ComputeOption::Provisioned => "Lambda with provisioned concurrency",
            ComputeOption::ManagedInstances => "Lambda Managed Instances",
            ComputeOption::Fargate => "Fargate (always on)",
        }
    }

    /// Stable machine name, for JSON output and chart legends.
    pub fn key(self) -> &'static str {
        match self {
            ComputeOption::OnDemand => "on_demand",
            ComputeOption::Provisioned => "provisioned",
            ComputeOption::ManagedInstances => "lmi",
            ComputeOption::Fargate => "fargate",
        }
    }
}

/// Everything the comparison needs, as plain values.
#[derive(Debug, Clone, PartialEq)]
pub struct ComputeInputs {
    /// Architecture, memory, duration, storage, cold starts; its requests and provisioned
    /// concurrency are replaced by what `traffic` implies.
    pub workload: Workload,
    /// Lambda rates of the region and architecture.
    pub rates: Rates,
    pub terms: Terms,
    pub traffic: TrafficShape,
    /// Share of the duration that is CPU-bound, % (the scenario's `cpu`).
    pub cpu_bound_pct: f64,
    pub region: String,
    pub lmi: ManagedInstances,
}

/// The grid the crossovers are searched on (average req/s, log-spaced).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScanRange {
    pub from_rps: f64,
    pub to_rps: f64,
    pub per_decade: usize,
}

impl Default for ScanRange {
    /// 0.01 to 100,000 req/s (26,280 to 263 billion requests a month).
    fn default() -> Self {
        ScanRange {
            from_rps: 0.01,
            to_rps: 100_000.0,
            per_decade: 16,
        }
    }
}

impl ScanRange {
    fn grid(&self) -> Vec<f64> {
        // Past 3.8 M req/s a month exceeds the request limit of a workload.
        let max = crate::pricing::LIMITS.requests / SECONDS_PER_MONTH;
        let clean = |v: f64, d: f64| if v.is_finite() && v > 0.0 { v } else { d };
        let from = clean(self.from_rps, 0.01).clamp(1e-6, max / 10.0);
        // max/min, not clamp: (max / 10) * 10 may round above max, and clamp would panic.
        let to = clean(self.to_rps, 1e5).max(from * 10.0).min(max);
        let decades = (to / from).log10();
        let steps =
            ((decades * self.per_decade.clamp(1, 100) as f64).ceil() as usize).clamp(1, 2000);
        (0..=steps)
            .map(|i| from * (to / from).powf(i as f64 / steps as f64))
            .collect()
    }
}

/// How an option's bill is made.
#[derive(Debug, Clone, PartialEq)]
pub enum OptionDetail {
    Lambda(Bill),
    Instances(ComputeBill),
}

/// One option priced for the month.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionCost {
    pub option: ComputeOption,
    /// The bill's total: its cent-rounded lines summed.
    pub total_cents: i64,
    pub exact_usd: f64,
    pub detail: OptionDetail,
    /// How it was sized, in words.
    pub sizing: String,
}

/// Where two options change order.
#[derive(Debug, Clone, PartialEq)]
pub struct Crossover {
    /// Average requests per second.
    pub rps: f64,
    pub requests_per_month: f64,
    pub cheaper_below: ComputeOption,
    pub cheaper_above: ComputeOption,
    /// Both options' totals at the crossover, in cents (`cheaper_below` first).
    pub cents: (i64, i64),
    /// One of the costs jumps here (an instance more), so the curves cross without meeting.
    pub at_step: bool,
    /// The cheapest of all options changes here, from `cheaper_below` to `cheaper_above`.
    pub changes_cheapest: bool,
}

/// Monthly cost of one option across request rates, for a log-scale chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub option: ComputeOption,
    /// (average req/s, exact monthly USD).
    pub points: Vec<(f64, f64)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The scenario's average req/s and requests a month.
    pub rps: f64,
    pub requests: f64,
    /// The day shape every option is sized from.
    pub traffic: TrafficShape,
    /// What each option is priced on (rates, discounts, sizes), in words, so that the
    /// comparison can be judged: one sentence each.
    pub assumptions: Vec<String>,
    /// Priced options, in `ComputeOption` order.
    pub options: Vec<OptionCost>,
    /// Options that could not be priced, with the reason (an unknown price).
    pub unavailable: Vec<(ComputeOption, String)>,
    pub cheapest: ComputeOption,
    /// The next cheapest, and how much more it costs a month.
    pub runner_up: Option<(ComputeOption, i64)>,
    pub lmi_sizing: LmiSizing,
    pub crossovers: Vec<Crossover>,
    pub series: Vec<Series>,
}

impl Comparison {
    pub fn option(&self, option: ComputeOption) -> Option<&OptionCost> {
        self.options.iter().find(|o| o.option == option)
    }

    /// What the cheapest saves against the runner-up, as a share of the runner-up, %.
    pub fn savings_pct(&self) -> Option<f64> {
        let (o, extra) = self.runner_up?;
        let total = self.option(o)?.total_cents;
        (total > 0).then(|| extra as f64 / total as f64 * 100.0)
    }

    /// The verdict in words: the cheapest, by how much, and where that changes.
    pub fn summary(&self) -> String {
        let cheapest = self.option(self.cheapest);
        let mut out = format!(
            "{} is the cheapest way to run this workload: {} a month",
            self.cheapest.label(),
            format_cents(cheapest.map_or(0, |o| o.total_cents))
        );
        if let Some((o, extra)) = self.runner_up {
            out.push_str(&format!(
                ", {} ({} %) less than {}",
                format_cents(extra),
                format_quantity(self.savings_pct().unwrap_or(0.0), 1),
                o.label()
            ));
        }
        out.push('.');
        for c in self.crossovers.iter().filter(|c| c.changes_cheapest) {
            out.push_str(&format!(
                " At {} req/s ({} requests a month) {} becomes cheaper than {}.",
                format_quantity(c.rps, 3),
                format_quantity(c.requests_per_month, 0),
                c.cheaper_above.label(),
                c.cheaper_below.label()
            ));
        }
        for (o, why) in &self.unavailable {
            out.push_str(&format!(" {} is not compared: {why}.", o.label()));
        }
        out
    }
}

/// Fargate tasks: how many, and the memory of each (1 vCPU each).
struct FargateSize {
    tasks: f64,
    gb_per_task: f64,
    /// Held at LMI's minimum rather than sized by the traffic.
    at_minimum: bool,
}

/// Prices the options at any traffic.
struct Pricer<'a> {
    inputs: &'a ComputeInputs,
    capacity: LmiCapacity,
    lmi: Option<LmiSetup>,
    fargate: Option<FargateRates>,
}

impl Pricer<'_> {
    /// The scenario's shape scaled to an average of `rps`.
    fn shape_at(&self, rps: f64) -> TrafficShape {
        let s = &self.inputs.traffic;
        let clean = |r: f64| if r.is_finite() { r.max(0.0) } else { 0.0 };
        let average = s.average_rps();
        if average > 0.0 {
            let k = rps / average;
            TrafficShape {
                peak_rps: clean(s.peak_rps) * k,
                peak_hours: s.hours_at_peak(),
                off_peak_rps: clean(s.off_peak_rps) * k,
            }
        } else {
            steady(rps)
        }
    }

    fn workload(&self, shape: &TrafficShape, provisioned: bool) -> Workload {
        let w = &self.inputs.workload;
        let plan = shape.plan(w.duration_ms);
        Workload {
            requests: plan.requests,
            provisioned: Provisioned {
                instances: if provisioned { plan.instances } else { 0 },
                hours: plan.pc_hours,
                requests: plan.pc_requests,
                duration_ms: w.duration_ms,
            },
            ..*w
        }
    }

    fn sizing(&self, shape: &TrafficShape) -> LmiSizing {
        size_lmi(
            &self.capacity,
            shape,
            self.inputs.workload.duration_ms,
            self.inputs.cpu_bound_pct,
        )
    }

    /// The always-on Fargate service: tasks of 1 vCPU with the instance type's memory per
    /// vCPU, as many as the peak's concurrency needs at the requests per vCPU LMI counts,
    /// and at least LMI's minimum (the same spread over Availability Zones).
    fn fargate_size(&self, sizing: &LmiSizing) -> FargateSize {
        let per_vcpu = sizing.per_instance / self.capacity.instance.vcpus.max(1) as f64;
        let needed = if per_vcpu > 0.0 {
            (sizing.peak_concurrency / per_vcpu * (1.0 - 1e-12))
                .ceil()
                .clamp(0.0, 1e8)
        } else {
            0.0
        };
        let tasks = needed.max(self.capacity.min_instances as f64).max(1.0);
        let gb_per_task =
            self.capacity.instance.memory_gib / self.capacity.instance.vcpus.max(1) as f64;
        FargateSize {
            tasks,
            gb_per_task,
            at_minimum: needed < tasks,
        }
    }

    fn price(&self, option: ComputeOption, shape: &TrafficShape) -> Option<OptionCost> {
        self.priced(option, shape, true)
    }

    /// The option's bill at `shape`; with `describe`, how it was sized in words (scans
    /// skip the words: they price every grid point and bisection step).
    fn priced(
        &self,
        option: ComputeOption,
        shape: &TrafficShape,
        describe: bool,
    ) -> Option<OptionCost> {
        let i = self.inputs;
        let words = |f: &dyn Fn() -> String| if describe { f() } else { String::new() };
        let sized = || {
            if describe {
                self.sizing(shape)
            } else {
                lmi_instances(
                    &self.capacity,
                    shape,
                    i.workload.duration_ms,
                    i.cpu_bound_pct,
                )
            }
        };
        let (detail, sizing) = match option {
            ComputeOption::OnDemand => {
                let w = self.workload(shape, false);
                (
                    OptionDetail::Lambda(bill(&w, &i.rates, &i.terms)),
                    words(&|| {
                        format!(
                            "{} requests a month at {} ms, {} MB, billed per request and ms.",
                            format_quantity(w.requests, 0),
                            format_quantity(w.duration_ms, 1),
                            format_quantity(f64::from(w.memory_mb), 0)
                        )
                    }),
                )
            }
            ComputeOption::Provisioned => {
                let w = self.workload(shape, true);
                let pc = &w.provisioned;
                (
                    OptionDetail::Lambda(bill(&w, &i.rates, &i.terms)),
                    words(&|| {
                        format!(
                            "Peak {} req/s x {} ms = {} at once: {} instances (rounded up) for \
                             {} h a day ({} h a month) serve the peak's {} requests; the rest \
                             run on demand.",
                            format_quantity(shape.peak_rps.max(0.0), 3),
                            format_quantity(w.duration_ms, 1),
                            format_quantity(shape.plan(w.duration_ms).peak_concurrency, 2),
                            pc.instances,
                            format_quantity(shape.hours_at_peak(), 2),
                            format_quantity(pc.hours, 2),
                            format_quantity(pc.requests.min(w.requests), 0)
                        )
                    }),
                )
            }
            ComputeOption::ManagedInstances => {
                let setup = self.lmi.as_ref()?;
                let requests = shape.plan(i.workload.duration_ms).requests;
                let (hours, sizing) = setup.billed_hours(&sized(), describe);
                (
                    OptionDetail::Instances(lmi_bill(setup, requests, hours)),
                    sizing,
                )
            }
            ComputeOption::Fargate => {
                let rates = self.fargate?;
                let f = self.fargate_size(&sized());
                (
                    OptionDetail::Instances(fargate_bill(
                        &rates,
                        f.tasks,
                        f.tasks * f.gb_per_task,
                        HOURS_PER_MONTH,
                    )),
                    words(&|| {
                        let why = if f.at_minimum {
                            format!(
                                "LMI's minimum of {} (the same spread over Availability Zones)",
                                self.capacity.min_instances
                            )
                        } else {
                            "the peak's concurrency at the same requests per vCPU as LMI"
                                .to_string()
                        };
                        format!(
                            "{} tasks of 1 vCPU and {} GB (the {}'s memory per vCPU) all month \
                             on {}: {why}; on-demand rates, no Savings Plan, no load balancer.",
                            format_quantity(f.tasks, 0),
                            format_quantity(f.gb_per_task, 2),
                            self.capacity.instance.name,
                            self.capacity.instance.arch
                        )
                    }),
                )
            }
        };
        let (total_cents, exact_usd) = match &detail {
            OptionDetail::Lambda(b) => (b.total_cents(), b.exact_usd()),
            OptionDetail::Instances(b) => (b.total_cents(), b.exact_usd()),
        };
        Some(OptionCost {
            option,
            total_cents,
            exact_usd,
            detail,
            sizing,
        })
    }

    /// Exact monthly USD at an average of `rps`, for scans.
    fn cost(&self, option: ComputeOption, rps: f64) -> Option<f64> {
        self.priced(option, &self.shape_at(rps), false)
            .map(|o| o.exact_usd)
    }

    fn cheapest_at(&self, options: &[ComputeOption], rps: f64) -> Option<ComputeOption> {
        options
            .iter()
            .filter_map(|&o| self.cost(o, rps).map(|c| (o, c)))
            .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)))
            .map(|(o, _)| o)
    }
}

/// Prices the workload every way it can be priced, finds the cheapest and the crossovers
/// on `range`. Malformed LMI inputs are errors naming their link keys; an instance price
/// the table lacks leaves LMI out, with the reason, rather than guessing it.
pub fn compare(
    inputs: &ComputeInputs,
    table: &InstanceTable,
    range: &ScanRange,
) -> Result<Comparison, Vec<ComputeError>> {
    let Ok(capacity) = inputs.lmi.capacity(table) else {
        // Every problem at once, not only those sizing needs.
        return Err(inputs
            .lmi
            .resolve(table, &inputs.region)
            .err()
            .unwrap_or_default());
    };
    let mut unavailable = Vec::new();
    let lmi = match inputs.lmi.resolve(table, &inputs.region) {
        Ok(setup) => Some(setup),
        Err(errors)
            if inputs.lmi.hourly_override.is_none()
                && errors.iter().all(|e| e.field == lmi_field::HOURLY) =>
        {
            let why = errors.first().map_or_else(String::new, |e| e.to_string());
            unavailable.push((ComputeOption::ManagedInstances, why));
            None
        }
        Err(errors) => return Err(errors),
    };
    let fargate = table.fargate(&inputs.region, capacity.instance.arch);
    if fargate.is_none() {
        unavailable.push((
            ComputeOption::Fargate,
            format!(
                "Fargate's rates in {} are not in the data file",
                crate::input::echo(&inputs.region, 24)
            ),
        ));
    }
    let pricer = Pricer {
        inputs,
        capacity,
        lmi,
        fargate,
    };

    let shape = inputs.traffic;
    let requests = shape.plan(inputs.workload.duration_ms).requests;
    let options: Vec<OptionCost> = ComputeOption::ALL
        .iter()
        .filter_map(|&o| pricer.price(o, &shape))
        .collect();
    let mut ranked: Vec<&OptionCost> = options.iter().collect();
    crate::order::sort_by_key(&mut ranked, |o| crate::order::SortKey {
        major: o.total_cents,
        minor: o.option as u8 as f64,
    });
    let cheapest = ranked.first().map_or(ComputeOption::OnDemand, |o| o.option);
    let runner_up = ranked
        .get(1)
        .map(|o| (o.option, o.total_cents - ranked[0].total_cents));
    let available: Vec<ComputeOption> = options.iter().map(|o| o.option).collect();

    let grid = range.grid();
    let costs: Vec<Vec<f64>> = available
        .iter()
        .map(|&o| {
            grid.iter()
                .map(|&r| pricer.cost(o, r).unwrap_or(f64::NAN))
                .collect()
        })
        .collect();
    let mut crossovers = Vec::new();
    for a in 0..available.len() {
        for b in a + 1..available.len() {
            crossings(&pricer, &available, (a, b), &grid, &costs, &mut crossovers);
        }
    }
    crate::order::sort_by_key(&mut crossovers, |x| crate::order::SortKey::number(x.rps));
    let series = available
        .iter()
        .zip(&costs)
        .map(|(&option, c)| Series {
            option,
            points: grid.iter().copied().zip(c.iter().copied()).collect(),
        })
        .collect();

    let assumptions = assumptions(&pricer, &options, requests);
    Ok(Comparison {
        rps: requests / SECONDS_PER_MONTH,
        requests,
        traffic: shape,
        assumptions,
        lmi_sizing: pricer.sizing(&shape),
        options,
        unavailable,
        cheapest,
        runner_up,
        crossovers,
        series,
    })
}

/// The basis of each price in words: the traffic, each option's rates and discounts,
/// and, where LMI and Fargate are both priced, their cost per vCPU-hour side by side
/// (why one beats the other at equal capacity).
fn assumptions(pricer: &Pricer, options: &[OptionCost], requests: f64) -> Vec<String> {
    let i = pricer.inputs;
    let q = format_quantity;
    let mut out = vec![format!(
        "Traffic: {}, {} requests a month; every option is sized from this day shape, and \
         the chart scales it up and down.",
        i.traffic.describe(),
        q(requests, 0)
    )];
    let lambda_discount = i.terms.discount_pct;
    out.push(if lambda_discount > 0.0 {
        format!(
            "Lambda (on demand and provisioned concurrency): Lambda's rates with your {} % \
             discount on duration and provisioned concurrency (discount).",
            q(lambda_discount, 2)
        )
    } else {
        "Lambda (on demand and provisioned concurrency): Lambda's on-demand rates, no \
         Savings Plan."
            .to_string()
    });
    let name = &pricer.capacity.instance.name;
    let vcpus = pricer.capacity.instance.vcpus.max(1) as f64;
    let lmi_vcpu_hour = pricer.lmi.as_ref().map(|setup| {
        let discount = setup.discount.clamp(0.0, 1.0);
        out.push(format!(
            "Managed Instances: {name} at {} an hour on demand{}, plus the {} % management \
             fee on the on-demand price and {} per 1M requests; at least {} instances.",
            format_rate(setup.hourly),
            if discount > 0.0 {
                format!(
                    ", less your {} % discount on the EC2 part (lmi_discount)",
                    q(discount * 100.0, 2)
                )
            } else {
                ", no Savings Plan or Reserved Instance discount".to_string()
            },
            q(setup.management_fee * 100.0, 2),
            format_rate(setup.requests_per_million),
            pricer.capacity.min_instances
        ));
        (setup.hourly * (1.0 - discount) + setup.hourly * setup.management_fee) / vcpus
    });
    let fargate_vcpu_hour = pricer.fargate.map(|rates| {
        let gb = pricer.capacity.instance.memory_gib / vcpus;
        let ec2_discount = pricer.lmi.as_ref().is_some_and(|s| s.discount > 0.0);
        out.push(format!(
            "Fargate: on-demand rates ({} per vCPU-hour, {} per GB-hour), tasks of 1 vCPU and \
             {} GB; a Savings Plan would lower Fargate too, but no Fargate Savings Plan rate \
             is in this calculator's sources, so none is applied{}.",
            format_rate(rates.vcpu_hour),
            format_rate(rates.gb_hour),
            q(gb, 2),
            if ec2_discount {
                " (the EC2 discount you entered applies to Managed Instances only)"
            } else {
                ""
            }
        ));
        rates.vcpu_hour + gb * rates.gb_hour
    });
    if let (Some(lmi), Some(fargate)) = (lmi_vcpu_hour, fargate_vcpu_hour) {
        let total = |o| {
            options
                .iter()
                .find(|c| c.option == o)
                .map(|c| c.total_cents)
        };
        let fargate_cheaper = match (
            total(ComputeOption::Fargate),
            total(ComputeOption::ManagedInstances),
        ) {
            (Some(f), Some(m)) => f < m,
            _ => false,
        };
        let per_vcpu = format!(
            "Per vCPU-hour with its memory, Managed Instances cost {} ({name}: EC2{} + fee, / \
             {} vCPUs) and Fargate {}",
            format_rate(per_hour(lmi)),
            if pricer.lmi.as_ref().is_some_and(|s| s.discount > 0.0) {
                " after discount"
            } else {
                ""
            },
            q(vcpus, 0),
            format_rate(per_hour(fargate))
        );
        out.push(if fargate_cheaper {
            format!(
                "{per_vcpu}: Fargate is cheaper here because {}, and Managed Instances add \
                 the request fee and whole instances, at least {}.",
                if fargate <= lmi {
                    "its vCPU-hour costs less"
                } else {
                    "it runs only the vCPUs the peak needs"
                },
                pricer.capacity.min_instances
            )
        } else {
            format!("{per_vcpu}.")
        });
    }
    out
}

/// A computed hourly rate to 8 decimals: 0.1632 x 1.15 / 4 shows as $0.04692, not with
/// the float's tail.
fn per_hour(usd: f64) -> f64 {
    (usd * 1e8).round() / 1e8
}

/// Bisects every sign change of cost(a) - cost(b) on the grid.
fn crossings(
    pricer: &Pricer,
    available: &[ComputeOption],
    (a, b): (usize, usize),
    grid: &[f64],
    costs: &[Vec<f64>],
    out: &mut Vec<Crossover>,
) {
    let (oa, ob) = (available[a], available[b]);
    let diff = |r: f64| -> f64 {
        match (pricer.cost(oa, r), pricer.cost(ob, r)) {
            (Some(x), Some(y)) => x - y,
            _ => f64::NAN,
        }
    };
    // Equal costs are no order: a sign change is between the last unequal point and the next.
    let mut last: Option<(f64, f64)> = None;
    for (i, &r) in grid.iter().enumerate() {
        let d = costs[a][i] - costs[b][i];
        if !d.is_finite() || d == 0.0 {
            continue;
        }
        if let Some((lo_r, lo_d)) = last {
            if lo_d.signum() != d.signum() {
                out.push(bisect(pricer, available, (oa, ob), lo_r, r, lo_d, &diff));
            }
        }
        last = Some((r, d));
    }
}

fn bisect(
    pricer: &Pricer,
    available: &[ComputeOption],
    (oa, ob): (ComputeOption, ComputeOption),
    mut lo: f64,
    mut hi: f64,
    lo_d: f64,
    diff: &impl Fn(f64) -> f64,
) -> Crossover {
    for _ in 0..200 {
        if hi / lo - 1.0 < 1e-12 {
            break;
        }
        let mid = (lo * hi).sqrt();
        if !(mid > lo && mid < hi) {
            break;
        }
        let d = diff(mid);
        if d == 0.0 {
            lo = mid;
            hi = mid;
            break;
        }
        if d.signum() == lo_d.signum() {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    // Below the crossover the option with the lower cost at `lo` is cheaper.
    let (below, above) = if lo_d > 0.0 { (ob, oa) } else { (oa, ob) };
    let at_step = diff(lo).abs().max(diff(hi).abs()) > 0.01;
    let rps = (lo * hi).sqrt();
    let shape = pricer.shape_at(rps);
    let cents = |o| pricer.price(o, &shape).map_or(0, |c| c.total_cents);
    Crossover {
        rps,
        requests_per_month: shape.plan(pricer.inputs.workload.duration_ms).requests,
        cheaper_below: below,
        cheaper_above: above,
        cents: (cents(below), cents(above)),
        at_step,
        changes_cheapest: pricer.cheapest_at(available, lo) == Some(below)
            && pricer.cheapest_at(available, hi) == Some(above),
    }
}
