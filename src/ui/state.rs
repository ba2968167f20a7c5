//! App state and its reducer: the last good scenario and what it computes to, what the
//! user is typing, and the message for each field that does not parse.

use crate::ui::results::Results;
use lambda_cost::input::{parse_number, Field, InputError};
use lambda_cost::money;
use lambda_cost::scenario::{self, Scenario};
use lambda_cost::RateCard;
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::Reducible;

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    /// The last scenario that passed validation; results always show this one.
    pub scenario: Scenario,
    /// Text the user typed, kept as typed (also while invalid).
    pub drafts: BTreeMap<FieldKey, String>,
    pub errors: BTreeMap<FieldKey, String>,
    pub results: Option<Rc<Results>>,
}

/// `Field` as an ordered map key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct FieldKey(&'static str);

impl From<Field> for FieldKey {
    fn from(f: Field) -> Self {
        FieldKey(f.key())
    }
}

pub enum Msg {
    /// The user changed a field's text.
    Edit(Field, String),
    /// A whole new scenario (the link changed).
    Replace(Scenario),
}

impl AppState {
    pub fn new(scenario: Scenario) -> Self {
        let results = Results::compute(&scenario);
        AppState {
            scenario,
            drafts: BTreeMap::new(),
            errors: BTreeMap::new(),
            results,
        }
    }

    /// The text to show in a field: what the user typed, or the scenario's value.
    pub fn text(&self, field: Field) -> String {
        if let Some(d) = self.drafts.get(&field.into()) {
            return d.clone();
        }
        let s = &self.scenario;
        let plain = |v: f64| v.to_string();
        match field {
            Field::Version => String::new(),
            Field::Region => s.region.clone(),
            Field::Arch => s.arch.to_string(),
            Field::Memory => s.memory_mb.to_string(),
            Field::Duration => plain(s.duration_ms),
            Field::Requests => money::format_quantity(s.traffic_unit.from_monthly(s.requests), 4),
            Field::Storage => s.storage_mb.to_string(),
            Field::FreeTier => flag(s.free_tier),
            Field::ColdStart => plain(s.cold_start_pct),
            Field::Init => plain(s.init_ms),
            Field::Provisioned => s.pc_instances.to_string(),
            Field::ProvisionedHours => plain(s.pc_hours),
            Field::ProvisionedRequests => money::format_quantity(s.pc_requests, 0),
            Field::ProvisionedDuration => plain(s.pc_duration_ms.unwrap_or(s.duration_ms)),
            Field::Discount => plain(s.discount_pct),
            Field::CpuBound => plain(s.cpu_bound_pct),
            Field::MultiThreaded => flag(s.multi_threaded),
            Field::Arm64Factor => plain(s.arm64_factor),
            Field::TrafficUnit => s.traffic_unit.key().to_string(),
            Field::Tuning | Field::TuningWeight => String::new(),
        }
    }

    pub fn error(&self, field: Field) -> Option<&str> {
        self.errors.get(&field.into()).map(String::as_str)
    }

    /// Applies one field's text to the last good scenario, or says why it cannot.
    fn apply(&self, field: Field, text: &str) -> Result<Scenario, InputError> {
        let mut candidate = self.scenario.clone();
        if field == Field::Requests {
            // Typed in the chosen unit, stored per month.
            let v = parse_number(field, text, "a number of requests")?;
            let monthly = candidate.traffic_unit.to_monthly(v);
            scenario::set_field(&mut candidate, field, &monthly.to_string())?;
        } else {
            scenario::set_field(&mut candidate, field, text)?;
        }
        // Cross-field rules (e.g. PC requests <= requests) and the region.
        match candidate.validate(RateCard::embedded()).into_iter().next() {
            Some(e) => Err(e),
            None => Ok(candidate),
        }
    }
}

fn flag(on: bool) -> String {
    if on { "1" } else { "0" }.into()
}

impl Reducible for AppState {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let (field, text) = match msg {
            Msg::Replace(s) => return Rc::new(AppState::new(s)),
            Msg::Edit(field, text) => (field, text),
        };
        let mut next = (*self).clone();
        let key = FieldKey::from(field);
        match self.apply(field, &text) {
            Ok(candidate) => {
                next.errors.remove(&key);
                if field == Field::TrafficUnit {
                    // Show the requests again, converted to the new unit.
                    next.drafts.remove(&FieldKey::from(Field::Requests));
                } else {
                    next.drafts.insert(key, text);
                }
                next.results = Results::compute(&candidate);
                next.scenario = candidate;
            }
            Err(e) => {
                next.drafts.insert(key, text);
                next.errors.insert(key, e.message);
            }
        }
        Rc::new(next)
    }
}
