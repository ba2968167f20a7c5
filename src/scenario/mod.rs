//! A scenario: everything the user chose, nothing derived. It is the single source of
//! truth of the app and travels in the link (`link` module).

pub mod link;
pub mod pin;
mod traffic;
pub mod view;

pub use pin::{Pin, MAX_PINS};
pub use traffic::TrafficUnit;

use crate::input::{in_range, parse_number, positive_up_to, whole_in_range, Field, InputError};
use crate::pricing::{self, Bill, Provisioned, Terms, Workload, LIMITS};
use crate::rates::{Arch, RateCard, RateOverrides, Rates};
use crate::tuning::{self, TuningRun};

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
    /// Imported Power Tuning runs, in the order they were added (link keys `pt`, `pta`,
    /// `ptc`); empty by default.
    pub tuning: Vec<TuningRun>,
    /// Power Tuning's balanced weight, 0 (fastest) to 1 (cheapest); link key `w`.
    pub tuning_weight: f64,
    /// Scenarios pinned for comparison, at most `MAX_PINS`, in the order they were
    /// pinned (link key `pin`, repeated); empty by default. A pin's own scenario never
    /// has pins or Power Tuning runs.
    pub pins: Vec<Pin>,
    /// Rates entered by the user in place of the rate card's (`r_*` keys).
    pub rate_overrides: RateOverrides,
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
            tuning: Vec::new(),
            tuning_weight: tuning::DEFAULT_WEIGHT,
            pins: Vec::new(),
            rate_overrides: RateOverrides::default(),
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
            ..Workload::default()
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
        let mut errors = self.workload().validate();
        errors.extend(self.terms().validate());
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

/// Sets one field from text, as typed in the page or read from a link, checking it on
/// its own (cross-field rules are in `Scenario::validate`).
pub fn set_field(s: &mut Scenario, field: Field, value: &str) -> Result<(), InputError> {
    let l = &LIMITS;
    let num = |what: &str| parse_number(field, value, what);
    match field {
        Field::Version => {}
        Field::Region => s.region = value.trim().to_string(),
        Field::Arch => {
            s.arch = value
                .trim()
                .parse()
                .map_err(|m: String| InputError::new(field, m))?
        }
        Field::Memory => {
            s.memory_mb = whole_in_range(
                field,
                num("a memory size")?,
                l.memory_mb.0,
                l.memory_mb.1,
                "MB",
            )?
        }
        Field::Duration => {
            s.duration_ms = positive_up_to(field, num("a duration")?, l.duration_ms, "ms")?
        }
        Field::Requests => {
            s.requests = in_range(field, num("a request count")?, 0.0, l.requests, "requests")?
        }
        Field::Storage => {
            s.storage_mb = whole_in_range(
                field,
                num("a storage size")?,
                l.storage_mb.0,
                l.storage_mb.1,
                "MB",
            )?
        }
        Field::FreeTier => s.free_tier = flag(field, value)?,
        Field::MultiThreaded => s.multi_threaded = flag(field, value)?,
        Field::CpuBound => {
            s.cpu_bound_pct = in_range(field, num("a percentage")?, 0.0, 100.0, "%")?
        }
        Field::Arm64Factor => s.arm64_factor = in_range(field, num("a factor")?, 0.1, 10.0, "")?,
        Field::TrafficUnit => {
            s.traffic_unit = value
                .trim()
                .parse()
                .map_err(|m: String| InputError::new(field, m))?
        }
        Field::ColdStart => {
            s.cold_start_pct = in_range(field, num("a percentage")?, 0.0, 100.0, "%")?
        }
        Field::Init => s.init_ms = in_range(field, num("a duration")?, 0.0, l.init_ms, "ms")?,
        Field::Provisioned => {
            s.pc_instances = whole_in_range(
                field,
                num("a number of instances")?,
                0,
                l.pc_instances,
                "instances",
            )?
        }
        Field::ProvisionedHours => {
            s.pc_hours = in_range(field, num("hours")?, 0.0, l.pc_hours, "hours")?
        }
        Field::ProvisionedRequests => {
            s.pc_requests = in_range(field, num("a request count")?, 0.0, l.requests, "requests")?
        }
        Field::ProvisionedDuration => {
            s.pc_duration_ms = Some(positive_up_to(
                field,
                num("a duration")?,
                l.duration_ms,
                "ms",
            )?)
        }
        Field::Discount => s.discount_pct = in_range(field, num("a percentage")?, 0.0, 100.0, "%")?,
        Field::Tuning => {
            s.tuning = tuning::link::decode_runs(value, 0)
                .map_err(|e| InputError::new(field, e.message))?
        }
        Field::TuningWeight => {
            s.tuning_weight = in_range(field, num("a weight")?, 0.0, 1.0, "")?;
        }
        // Pins are whole scenarios, read by the link codec (`link::decode`).
        Field::Pin => {}
        Field::RateRequests => {
            s.rate_overrides.requests_per_million = rate(field, value, 100.0, "per 1M requests")?
        }
        Field::RateDuration1 => s.rate_overrides.duration[0] = rate(field, value, 1.0, "per GB-s")?,
        Field::RateDuration2 => s.rate_overrides.duration[1] = rate(field, value, 1.0, "per GB-s")?,
        Field::RateDuration3 => s.rate_overrides.duration[2] = rate(field, value, 1.0, "per GB-s")?,
        Field::RateProvisioned => {
            s.rate_overrides.provisioned = rate(field, value, 1.0, "per GB-s")?
        }
        Field::RateProvisionedDuration => {
            s.rate_overrides.provisioned_duration = rate(field, value, 1.0, "per GB-s")?
        }
        Field::RateStorage => {
            s.rate_overrides.ephemeral_storage = rate(field, value, 1.0, "per GB-s")?
        }
    }
    Ok(())
}

/// A rate override in USD: empty clears it (the rate card applies again).
fn rate(field: Field, value: &str, max: f64, unit: &str) -> Result<Option<f64>, InputError> {
    let text = value.trim().trim_start_matches('$');
    if text.is_empty() {
        return Ok(None);
    }
    let v = parse_number(field, text, "a rate in USD")?;
    if (0.0..=max).contains(&v) {
        Ok(Some(v))
    } else {
        Err(InputError::new(
            field,
            format!("must be a rate between $0 and ${max} {unit}"),
        ))
    }
}

fn flag(field: Field, value: &str) -> Result<bool, InputError> {
    match value.trim() {
        "1" | "true" | "on" | "yes" => Ok(true),
        "0" | "false" | "off" | "no" => Ok(false),
        _ => Err(InputError::new(field, "must be 1 (on) or 0 (off)")),
    }
}

fn unknown_region(code: &str) -> InputError {
    let shown = crate::input::echo(code, 32);
    InputError::new(Field::Region, format!("unknown region \"{shown}\""))
}
