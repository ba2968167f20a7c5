//! App state and its reducer: the last good scenario, what the user is typing, and the
//! message for each field that does not parse.

use lambda_cost::input::Field;
use lambda_cost::scenario::{self, Scenario};
use lambda_cost::{money, Bill, RateCard};
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::Reducible;

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    /// The last scenario that passed validation; results always show this one.
    pub scenario: Scenario,
    /// Text the user typed that differs from the scenario (kept while invalid).
    pub drafts: BTreeMap<FieldKey, String>,
    pub errors: BTreeMap<FieldKey, String>,
    pub bill: Option<Bill>,
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
        let bill = scenario.bill(RateCard::embedded()).ok();
        AppState {
            scenario,
            drafts: BTreeMap::new(),
            errors: BTreeMap::new(),
            bill,
        }
    }

    /// The text to show in a field: what the user typed, or the scenario's value.
    pub fn text(&self, field: Field) -> String {
        if let Some(d) = self.drafts.get(&field.into()) {
            return d.clone();
        }
        let s = &self.scenario;
        match field {
            Field::Region => s.region.clone(),
            Field::Arch => s.arch.to_string(),
            Field::Memory => s.memory_mb.to_string(),
            Field::Duration => s.duration_ms.to_string(),
            Field::Requests => money::format_quantity(s.requests, 6),
            Field::FreeTier => if s.free_tier { "1" } else { "0" }.into(),
            _ => String::new(),
        }
    }

    pub fn error(&self, field: Field) -> Option<&str> {
        self.errors.get(&field.into()).map(String::as_str)
    }

    pub fn view(&self) -> BillView {
        BillView {
            bill: self.bill.clone(),
            scenario: self.scenario.clone(),
        }
    }
}

/// What the results show.
#[derive(Debug, Clone, PartialEq)]
pub struct BillView {
    pub bill: Option<Bill>,
    pub scenario: Scenario,
}

impl Reducible for AppState {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut next = (*self).clone();
        match msg {
            Msg::Replace(s) => return Rc::new(AppState::new(s)),
            Msg::Edit(field, text) => {
                let key = FieldKey::from(field);
                let mut candidate = next.scenario.clone();
                let checked = scenario::set_field(&mut candidate, field, &text).and_then(|()| {
                    // Cross-field rules (e.g. PC requests <= requests) and the region.
                    match candidate.validate(RateCard::embedded()).into_iter().next() {
                        Some(e) => Err(e),
                        None => Ok(()),
                    }
                });
                match checked {
                    Ok(()) => {
                        next.errors.remove(&key);
                        next.drafts.insert(key, text);
                        next.bill = candidate.bill(RateCard::embedded()).ok();
                        next.scenario = candidate;
                    }
                    Err(e) => {
                        next.drafts.insert(key, text);
                        next.errors.insert(key, e.message);
                    }
                }
            }
        }
        Rc::new(next)
    }
}
