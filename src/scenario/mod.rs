//! A scenario: everything the user chose, nothing derived. It is the single source of
//! truth of the app and travels in the link (`link` module).

pub mod fields;
pub mod link;
pub mod pin;
mod traffic;
pub mod view;

pub use fields::set as set_field;
pub use pin::{Pin, MAX_PINS};
pub use traffic::TrafficUnit;

use crate::compute::{
    self, Comparison, Compute, ComputeBill, ComputeInputs, InstanceTable, LmiSetup, LmiSizing,
    ManagedInstances, Runtime, ScanRange, RUST_ASSUMED_CONC_PER_VCPU,
};
use crate::input::{Field, InputError};
use crate::model::TrafficShape;
use crate::model::{self, DurationModel, SweepInputs, SweepPoint};
use crate::pricing::{self, Bill, Durable, Provisioned, SnapStart, Streaming, Terms, Workload};
use crate::rates::{Arch, RateCard, RateOverrides, Rates};
use crate::tuning::{self, ConcurrencyRun, RunAnalysis, TuningRun};

pub const DEFAULT_REGION: &str = "us-east-1";

#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub region: String,
    pub arch: Arch,
    pub memory_mb: u32,
    pub duration_ms: f64,
    /// Requests per month.
    pub requests: f64,
    pub storage_mb: u32,
    pub free_tier: bool,
    pub cold_start_pct: f64,
    pub init_ms: f64,
    pub pc_instances: u32,
    pub pc_hours: f64,
    pub pc_requests: f64,
    /// Average duration on provisioned concurrency; `None` follows `duration_ms`.
    pub pc_duration_ms: Option<f64>,
    pub discount_pct: f64,
    /// Share of the duration that is CPU-bound, %: how duration changes with memory.
    pub cpu_bound_pct: f64,
    /// The code uses more than one vCPU (gets faster beyond 1,769 MB).
    pub multi_threaded: bool,
    /// arm64 duration / x86_64 duration for this function (1: same speed).
    pub arm64_factor: f64,
    /// How requests are entered and shown; they are stored per month.
    pub traffic_unit: TrafficUnit,
    /// The day's shape of the month's requests: a peak of `peak_hours` a day (24:
    /// steady, the default), the rest of the day at `off_peak_pct` % of the peak's rate
    /// (`peak_hours`, `off_peak_pct`). The volume stays `requests`.
    pub peak_hours: f64,
    pub off_peak_pct: f64,
    /// Imported Power Tuning runs, in the order they were added (link keys `pt`, `pta`,
    /// `ptc`); empty by default.
    pub tuning: Vec<TuningRun>,
    /// Power Tuning's Lambda Managed Instances runs from the last paste that had any
    /// (link key `ptl`): concurrency levels of an instance type, never memory sizes.
    pub lmi_tuning: Vec<ConcurrencyRun>,
    /// Power Tuning's balanced weight, 0 (fastest) to 1 (cheapest); link key `w`.
    pub tuning_weight: f64,
    /// Scenarios pinned for comparison, at most `MAX_PINS`, in the order they were
    /// pinned (link key `pin`, repeated); empty by default. A pin's own scenario never
    /// has pins or Power Tuning runs.
    pub pins: Vec<Pin>,
    /// Rates entered by the user in place of the rate card's (`r_*` keys).
    pub rate_overrides: RateOverrides,
    /// The 2026 billing options, each off by default (`snapstart`, `stream_*`,
    /// `event_kb`, `edge`, `durable_*`, `tenant_envs`).
    pub snapstart: SnapStart,
    pub streaming: Streaming,
    pub event_kb: f64,
    pub edge: bool,
    pub durable: Durable,
    pub tenant_envs: f64,
    /// What the bill is: Lambda's own (default) or the Managed Instances bill (`compute`).
    pub compute: Compute,
    /// Lambda Managed Instances inputs (`lmi_*` keys), for the LMI bill and the comparison
    /// of ways to run the workload.
    pub lmi: ManagedInstances,
}

impl Default for Scenario {
    fn default() -> Self {
        let w = Workload::default();
        Scenario {
            region: DEFAULT_REGION.to_string(),
            arch: w.arch,
            memory_mb: w.memory_mb,
            duration_ms: w.duration_ms,
            requests: w.requests,
            storage_mb: w.storage_mb,
            free_tier: false,
            cold_start_pct: w.cold_start_pct,
            init_ms: w.init_ms,
            pc_instances: w.provisioned.instances,
            pc_hours: w.provisioned.hours,
            pc_requests: w.provisioned.requests,
            pc_duration_ms: None,
            discount_pct: 0.0,
            cpu_bound_pct: 0.0,
            multi_threaded: false,
            arm64_factor: 1.0,
            traffic_unit: TrafficUnit::PerMonth,
            peak_hours: 24.0,
            off_peak_pct: 0.0,
            tuning: Vec::new(),
            lmi_tuning: Vec::new(),
            tuning_weight: tuning::DEFAULT_WEIGHT,
            pins: Vec::new(),
            rate_overrides: RateOverrides::default(),
            snapstart: w.snapstart,
            streaming: w.streaming,
            event_kb: w.event_kb,
            edge: w.edge,
            durable: w.durable,
            tenant_envs: w.tenant_envs,
            compute: Compute::Lambda,
            lmi: default_lmi(),
        }
    }
}

impl Scenario {
    pub fn workload(&self) -> Workload {
        Workload {
            arch: self.arch,
            memory_mb: self.memory_mb,
            duration_ms: self.duration_ms,
            requests: self.requests,
            storage_mb: self.storage_mb,
            cold_start_pct: self.cold_start_pct,
            init_ms: self.init_ms,
            provisioned: Provisioned {
                instances: self.pc_instances,
                hours: self.pc_hours,
                requests: self.pc_requests,
                duration_ms: self.pc_duration_ms.unwrap_or(self.duration_ms),
            },
            snapstart: self.snapstart,
            streaming: self.streaming,
            event_kb: self.event_kb,
            edge: self.edge,
            durable: self.durable,
            tenant_envs: self.tenant_envs,
        }
    }

    /// The workload on `arch`: durations converted with `arm64_factor` when it is not
    /// the scenario's own architecture.
    pub fn workload_on(&self, arch: Arch) -> Workload {
        model::workload_on(&self.workload(), arch, self.arm64_factor)
    }

    /// How the duration on `arch` changes with memory (the `cpu` and `mt` settings).
    pub fn duration_model(&self, arch: Arch) -> DurationModel {
        DurationModel {
            measured_mb: self.memory_mb,
            measured_ms: self.workload_on(arch).duration_ms,
            cpu_bound: self.cpu_bound_pct / 100.0,
            multi_threaded: self.multi_threaded,
        }
    }

    /// The monthly cost and duration on `arch` at every memory size (`MEMORY_SIZES`),
    /// or `None` when the region has no rates.
    pub fn memory_sweep(&self, card: &RateCard, arch: Arch) -> Option<Vec<SweepPoint>> {
        Some(
            self.memory_sweep_inputs(card, arch)?
                .sweep(model::MEMORY_SIZES),
        )
    }

    /// What `memory_sweep` on `arch` depends on: while it stays equal, so does the sweep.
    pub fn memory_sweep_inputs(&self, card: &RateCard, arch: Arch) -> Option<SweepInputs> {
        Some(SweepInputs::new(
            &self.workload_on(arch),
            &self.rates_for(card, arch)?,
            &self.terms(),
            &self.duration_model(arch),
        ))
    }

    /// Each Power Tuning run priced against the scenario, in the scenario's order.
    pub fn tuning_analyses(&self, card: &RateCard) -> Vec<RunAnalysis> {
        let basis = self.tuning_basis(card);
        self.tuning
            .iter()
            .map(|run| tuning::analyze(run, &basis, self.tuning_weight))
            .collect()
    }

    /// What Power Tuning runs are priced against (`tuning::analyze`).
    pub fn tuning_basis(&self, card: &RateCard) -> tuning::Basis {
        tuning::Basis {
            workload: self.workload(),
            terms: self.terms(),
            pc_duration_follows: self.pc_duration_ms.is_none(),
            region: self.region.clone(),
            x86_64: self.rates_for(card, Arch::X86_64),
            arm64: self.rates_for(card, Arch::Arm64),
            bill: self.bill(card).ok(),
        }
    }

    pub fn terms(&self) -> Terms {
        Terms {
            free_tier: self.free_tier,
            discount_pct: self.discount_pct,
        }
    }

    /// The rates of the scenario's region and architecture, with the user's overrides.
    pub fn rates(&self, card: &RateCard) -> Result<Rates, InputError> {
        self.rates_for(card, self.arch)
            .ok_or_else(|| unknown_region(&self.region))
    }

    /// The rates of `arch` in the scenario's region, with the overrides that apply to it
    /// (all of them on the scenario's own architecture; request and storage rates on both).
    pub fn rates_for(&self, card: &RateCard, arch: Arch) -> Option<Rates> {
        let rates = card.rates(&self.region, arch)?;
        Some(self.rate_overrides.apply(rates, arch == self.arch))
    }

    /// Every problem with the scenario, each naming its field.
    pub fn validate(&self, card: &RateCard) -> Vec<InputError> {
        let workload = self.workload();
        let mut errors = workload.validate();
        errors.extend(self.terms().validate());
        // The 2026 options name their link key; the table knows its field.
        for e in workload.validate_features() {
            let field = fields::by_key(e.key).map_or(Field::Version, |f| f.field);
            if !errors.iter().any(|known| known.field == field) {
                errors.push(InputError::new(field, e.message));
            }
        }
        // The field table's own rules, for fields the pricing checks do not cover
        // (a scenario built in code rather than read from text).
        for e in fields::check(self) {
            if !errors.iter().any(|known| known.field == e.field) {
                errors.push(e);
            }
        }
        if card.region(&self.region).is_none() {
            errors.insert(0, unknown_region(&self.region));
        }
        errors
    }

    /// The monthly bill, or every reason it cannot be computed.
    pub fn bill(&self, card: &RateCard) -> Result<Bill, Vec<InputError>> {
        let errors = self.validate(card);
        if !errors.is_empty() {
            return Err(errors);
        }
        let rates = self.rates(card).map_err(|e| vec![e])?;
        Ok(pricing::bill(&self.workload(), &rates, &self.terms()))
    }
}

/// The scenario's Lambda Managed Instances bill (`compute=lmi`), with how its
/// instance-hours were found.
#[derive(Debug, Clone, PartialEq)]
pub struct LmiBill {
    pub setup: LmiSetup,
    pub bill: ComputeBill,
    pub instance_hours: f64,
    /// Sizing from the traffic (always computed, so the page can show it next to entered
    /// instance-hours).
    pub sizing: LmiSizing,
}

impl Scenario {
    /// The traffic the comparison and the LMI bill size from: the month's requests in
    /// the day shape of `peak_hours` and `off_peak_pct` (steady without them). Its
    /// monthly requests are the scenario's `requests`.
    pub fn traffic_shape(&self) -> TrafficShape {
        TrafficShape::with_volume(self.requests, self.peak_hours, self.off_peak_pct / 100.0)
    }

    /// Whether LMI's concurrent requests per vCPU are assumed: Rust, no `lmi_conc`.
    pub fn lmi_conc_assumed(&self) -> bool {
        self.lmi.conc_per_vcpu.is_none()
            && self
                .lmi
                .runtime
                .is_some_and(|r| r.default_conc_per_vcpu().is_none())
    }

    /// The LMI inputs the core prices: the scenario's, with `RUST_ASSUMED_CONC_PER_VCPU`
    /// when the runtime has no AWS default and no `lmi_conc` is set.
    pub fn managed_instances(&self) -> ManagedInstances {
        let mut mi = self.lmi.clone();
        if self.lmi_conc_assumed() {
            mi.conc_per_vcpu = Some(RUST_ASSUMED_CONC_PER_VCPU);
        }
        mi
    }

    /// A sizing rule in words, saying so when the requests per vCPU are assumed.
    fn lmi_rule(&self, rule: &str) -> String {
        if self.lmi_conc_assumed() {
            rule.replace(
                USER_FIGURE,
                "(assumed for Rust, as Node.js's: AWS publishes no default; set lmi_conc)",
            )
        } else {
            rule.to_string()
        }
    }

    /// The LMI bill: requests, EC2 instance-hours (entered as `lmi_hours` or sized from the
    /// traffic) and the management fee; every problem at once, each naming its link key.
    pub fn lmi_bill(&self) -> Result<LmiBill, Vec<InputError>> {
        let mut errors = fields::check(self);
        let table = InstanceTable::embedded();
        let setup = self.managed_instances().resolve(table, &self.region);
        if let Err(e) = &setup {
            errors.extend(e.iter().map(lmi_error));
        }
        let setup = match setup {
            Ok(setup) if errors.is_empty() => setup,
            _ => return Err(dedup(errors)),
        };
        let mut sizing = compute::size_lmi(
            &setup.capacity,
            &self.traffic_shape(),
            self.duration_ms,
            self.cpu_bound_pct,
        );
        sizing.rule = self.lmi_rule(&sizing.rule);
        let (instance_hours, _) = setup.billed_hours(&sizing, false);
        Ok(LmiBill {
            bill: compute::lmi_bill(&setup, self.requests, instance_hours),
            setup,
            instance_hours,
            sizing,
        })
    }

    /// On demand, provisioned concurrency, Managed Instances and Fargate priced for the
    /// scenario's month of traffic, with the crossovers on `range`.
    pub fn compare(
        &self,
        card: &RateCard,
        range: &ScanRange,
    ) -> Result<Comparison, Vec<InputError>> {
        let errors = self.validate(card);
        if !errors.is_empty() {
            return Err(errors);
        }
        let rates = self.rates(card).map_err(|e| vec![e])?;
        let inputs = ComputeInputs {
            workload: self.workload(),
            rates,
            terms: self.terms(),
            traffic: self.traffic_shape(),
            cpu_bound_pct: self.cpu_bound_pct,
            region: self.region.clone(),
            lmi: self.managed_instances(),
        };
        let mut c = compute::compare(&inputs, InstanceTable::embedded(), range)
            .map_err(|e| dedup(e.iter().map(lmi_error).collect()))?;
        c.lmi_sizing.rule = self.lmi_rule(&c.lmi_sizing.rule);
        for o in &mut c.options {
            o.sizing = self.lmi_rule(&o.sizing);
        }
        Ok(c)
    }
}

/// A scenario's month in one figure, as its `compute` bills it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MonthlyTotal {
    /// Which bill the figure is: Lambda's, or the Managed Instances bill (`compute=lmi`).
    pub compute: Compute,
    /// The bill's total: its cent-rounded lines summed.
    pub cents: i64,
    /// Exact cost per 1M requests, when there are requests.
    pub per_million_usd: Option<f64>,
}

impl Scenario {
    /// The monthly total of the bill the scenario asks for: Lambda's, or for
    /// `compute=lmi` the Managed Instances bill (what pins and the CLI's `bill` show).
    pub fn monthly_total(&self, card: &RateCard) -> Result<MonthlyTotal, Vec<InputError>> {
        let (cents, exact) = match self.compute {
            Compute::Lambda => {
                let b = self.bill(card)?;
                (b.total_cents(), b.exact_usd())
            }
            Compute::ManagedInstances => {
                let b = self.lmi_bill()?;
                (b.bill.total_cents(), b.bill.exact_usd())
            }
        };
        Ok(MonthlyTotal {
            compute: self.compute,
            cents,
            per_million_usd: (self.requests > 0.0).then(|| exact / self.requests * 1e6),
        })
    }
}

/// An LMI input's error as the scenario's: it names its field already.
fn lmi_error(e: &compute::ComputeError) -> InputError {
    InputError::new(e.field, e.message.clone())
}

/// One message per field: the table's reader and the LMI checks may both refuse a value.
fn dedup(errors: Vec<InputError>) -> Vec<InputError> {
    let mut out: Vec<InputError> = Vec::new();
    for e in errors {
        if !out.iter().any(|k| k.field == e.field) {
            out.push(e);
        }
    }
    out
}

/// Prices one Power Tuning run against the scenario (`tuning::analyze` over
/// `Scenario::tuning_basis`); to price several runs, build the basis once.
pub fn analyze_run(s: &Scenario, run: &TuningRun, card: &RateCard, weight: f64) -> RunAnalysis {
    tuning::analyze(run, &s.tuning_basis(card), weight)
}

/// The scenario has no runtime of its own: this is a Rust calculator, so LMI assumes
/// Rust (`lmi_runtime`), whose requests per vCPU AWS does not publish, hence the stated
/// assumption (`RUST_ASSUMED_CONC_PER_VCPU`) until `lmi_conc` is set.
fn default_lmi() -> ManagedInstances {
    ManagedInstances {
        runtime: Some(Runtime::Rust),
        ..ManagedInstances::default()
    }
}

/// What the core's sizing rule calls an entered figure; for the Rust assumption the
/// scenario says what it is instead.
const USER_FIGURE: &str = "(your figure)";

fn unknown_region(code: &str) -> InputError {
    let shown = crate::input::echo(code, 32);
    InputError::new(Field::Region, format!("unknown region \"{shown}\""))
}
