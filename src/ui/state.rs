//! App state and its reducer: the last good scenario and what it computes to, what the
//! user is typing, and the message for each field that does not parse.

use crate::ui::comparison::{Comparison, PinResults};
use crate::ui::results::Results;
use lambda_cost::input::{clean_label, Field, InputError};
use lambda_cost::scenario::{self, fields, Pin, Scenario, MAX_PINS};
use lambda_cost::tuning::{self, strategy::clamp_weight};
use lambda_cost::{Arch, RateCard};
use std::rc::Rc;
use yew::Reducible;

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    /// The last scenario that passed validation; results always show this one.
    pub scenario: Scenario,
    /// Text the user typed, kept as typed (also while invalid).
    pub drafts: FieldTexts,
    /// The message of each field whose draft does not parse.
    pub errors: FieldTexts,
    pub results: Option<Rc<Results>>,
    /// Why the last Power Tuning paste was refused (the runs stay as they were).
    pub tuning_error: Option<String>,
    /// What the last accepted paste said besides its runs (skipped entries, CNY).
    pub tuning_notices: Vec<String>,
    /// What the link said besides its scenario (a newer version, ignored parts) or why
    /// it could not be opened; shown until dismissed.
    pub notices: Vec<String>,
    /// The pinned scenarios priced, recomputed only when the pins change.
    pub pin_results: Rc<PinResults>,
    /// Pins and the current scenario side by side; `None` without pins.
    pub comparison: Option<Rc<Comparison>>,
    /// What a pin's Load replaced, and the loaded pin's label: Undo brings it back.
    pub before_load: Option<(Rc<Scenario>, String)>,
    /// The runs came with a link (the page's, or one opened since), so the summary says
    /// the link carries them.
    pub runs_from_link: bool,
    /// How the last change of the total moved it, in cents (the summary bar shows it).
    pub total_change: Option<i64>,
}

/// Text per field (what was typed, or why it was refused): a handful at most, so a list
/// searched in order. A `BTreeMap` cost the bundle 7.5 KB of code for it (issue 13).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FieldTexts(Vec<(FieldKey, String)>);

impl FieldTexts {
    pub fn get(&self, key: &FieldKey) -> Option<&String> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, text)| text)
    }

    pub fn contains_key(&self, key: &FieldKey) -> bool {
        self.get(key).is_some()
    }

    /// Sets `key`'s text, replacing what it had.
    pub fn insert(&mut self, key: FieldKey, text: String) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some((_, old)) => *old = text,
            None => self.0.push((key, text)),
        }
    }

    pub fn remove(&mut self, key: &FieldKey) -> Option<String> {
        let at = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.remove(at).1)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The text a form field shows: what the user typed, or the scenario's value.
pub fn field_text(scenario: &Scenario, drafts: &FieldTexts, field: Field) -> String {
    match drafts.get(&field.into()) {
        Some(d) => d.clone(),
        None => fields::spec(field).form_text(scenario),
    }
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
    /// A link opened while the page runs: its scenario and notices, or the current
    /// scenario kept with a notice when the link's cannot be priced (`link::open`).
    OpenLink(Box<scenario::link::Decoded>),
    /// The runs of the bare Power Tuning hash the page opened with, read after start
    /// (`hooks::link`): opened as the link, or added to the scenario when it was edited
    /// while they were read.
    HashRead(Box<scenario::link::Decoded>),
    /// A Power Tuning paste (output JSON, visualization link or hash) as the reader read
    /// it (`ui::reader`), and the label the user gave it, if any: its runs are added after
    /// the existing ones.
    ImportRuns(
        Box<Result<tuning::Import, tuning::TuningError>>,
        Option<String>,
    ),
    RemoveRun(usize),
    RenameRun(usize, String),
    /// The architecture a run is priced at; `None`: the scenario's.
    SetRunArch(usize, Option<Arch>),
    /// Power Tuning's balanced weight, clamped to 0..=1.
    SetWeight(f64),
    /// Pins the current scenario with this label (blank: named after the scenario).
    Pin(String),
    Unpin(usize),
    RenamePin(usize, String),
    /// Makes a pinned scenario the current one (pins and Power Tuning runs stay).
    LoadPin(usize),
    /// Brings back the scenario the last Load replaced.
    UndoLoad,
    /// Notices about the link (shown until dismissed).
    AddNotices(Vec<String>),
    DismissNotice(usize),
}

impl AppState {
    /// Everything computed: the bill, the curves, the pins and the comparisons.
    pub fn new(scenario: Scenario) -> Self {
        let results = Results::compute(&scenario);
        AppState::with(scenario, results).refreshed()
    }

    /// A fresh state: nothing typed, no notices, no pins priced yet.
    fn with(scenario: Scenario, results: Option<Rc<Results>>) -> Self {
        AppState {
            scenario,
            drafts: FieldTexts::default(),
            errors: FieldTexts::default(),
            results,
            tuning_error: None,
            tuning_notices: Vec::new(),
            notices: Vec::new(),
            pin_results: Rc::new(PinResults::default()),
            comparison: None,
            before_load: None,
            runs_from_link: false,
            total_change: None,
        }
    }

    /// Reprices the pins if they changed, and reassembles the comparison.
    fn refreshed(mut self) -> Self {
        if self.pin_results.pins != self.scenario.pins {
            self.pin_results = Rc::new(PinResults::compute(&self.scenario.pins));
        }
        self.comparison = Comparison::new(&self.pin_results, self.results.as_deref()).map(Rc::new);
        self
    }

    /// Applies one field's text to the last good scenario, or says why it cannot.
    fn apply(&self, field: Field, text: &str) -> Result<Scenario, InputError> {
        let mut candidate = self.scenario.clone();
        fields::spec(field).enter(&mut candidate, text)?;
        // Cross-field rules (e.g. PC requests <= requests) and the region.
        match candidate.validate(RateCard::embedded()).into_iter().next() {
            Some(e) => Err(e),
            None => Ok(candidate),
        }
    }
}

impl AppState {
    /// The state with the runs or the weight changed by `f`, recomputed.
    fn with_runs(
        self: Rc<Self>,
        f: impl FnOnce(&mut Vec<tuning::TuningRun>, &mut f64),
    ) -> Rc<Self> {
        let mut next = (*self).clone();
        f(&mut next.scenario.tuning, &mut next.scenario.tuning_weight);
        if next.scenario == self.scenario {
            return self;
        }
        next.tuning_error = None;
        next.results = Results::compute_after(&next.scenario, self.results.as_deref());
        Rc::new(next)
    }

    /// Adds the runs of a paste, or keeps everything and says why it cannot.
    fn import(
        &self,
        read: Result<tuning::Import, tuning::TuningError>,
        label: Option<String>,
    ) -> AppState {
        let mut next = self.clone();
        let label = label.as_deref().and_then(clean_label);
        let result = read.and_then(|import| {
            // In the scenario, as the link carries them (`ptl`; throughputs, which
            // nothing shows, do not travel), so a reload shows the same runs.
            if !import.lmi_runs.is_empty() {
                next.scenario.lmi_tuning = tuning::link::as_carried(import.lmi_runs);
            }
            let single = import.runs.len() == 1;
            let runs = &mut next.scenario.tuning;
            tuning::append_runs(runs, import.runs).map_err(|e| {
                tuning::TuningError::new(format!("{}; remove one first", e.message))
            })?;
            // The label given to a single run replaces its name.
            if let (true, Some(label), Some(run)) = (single, &label, runs.last_mut()) {
                run.relabel(label.clone());
            }
            Ok((single, import.notices))
        });
        match result {
            Ok((single, notices)) => {
                next.tuning_error = None;
                next.tuning_notices = notices;
                if !single && label.is_some() {
                    next.tuning_notices.push(
                        "The label was not used: this paste holds several runs, named as in the link. Rename them below."
                            .into(),
                    );
                }
                next.results = Results::compute_after(&next.scenario, self.results.as_deref());
            }
            Err(e) => next.tuning_error = Some(sentence(&e.message)),
        }
        next
    }
}

/// Core messages start in lower case; on their own they start with a capital. ASCII only.
fn sentence(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => std::iter::once(first.to_ascii_uppercase())
            .chain(chars)
            .collect::<String>(),
        None => String::new(),
    }
}

impl Reducible for AppState {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let before = self.clone();
        let next = match msg {
            Msg::Edit(field, text) => self.edit(field, text),
            Msg::OpenLink(d) => self.open_link(*d),
            Msg::HashRead(d) => self.hash_read(*d),
            Msg::ImportRuns(read, label) => Rc::new(self.import(*read, label)),
            Msg::RemoveRun(i) => self.with_runs(|runs, _| {
                if i < runs.len() {
                    runs.remove(i);
                }
            }),
            Msg::RenameRun(i, label) => self.with_runs(|runs, _| {
                if let Some(run) = runs.get_mut(i) {
                    run.rename(&label, i);
                }
            }),
            Msg::SetRunArch(i, arch) => self.with_runs(|runs, _| {
                if let Some(run) = runs.get_mut(i) {
                    run.arch = arch;
                }
            }),
            Msg::SetWeight(w) => self.with_runs(|_, weight| *weight = clamp_weight(w)),
            Msg::Pin(label) => self.with_pins(|pins, s| {
                if pins.len() < MAX_PINS {
                    pins.push(Pin::new(&label, s));
                }
            }),
            Msg::Unpin(i) => self.with_pins(|pins, _| {
                if i < pins.len() {
                    pins.remove(i);
                }
            }),
            Msg::RenamePin(i, label) => self.with_pins(|pins, _| {
                if let Some(pin) = pins.get_mut(i) {
                    pin.rename(&label);
                }
            }),
            Msg::LoadPin(i) => self.load_pin(i),
            Msg::UndoLoad => match &self.before_load {
                Some((before, _)) => Rc::new(self.with_workload(before)),
                None => self,
            },
            Msg::AddNotices(notices) if !notices.is_empty() => {
                let mut next = (*self).clone();
                next.notices.extend(notices);
                Rc::new(next)
            }
            Msg::DismissNotice(i) if i < self.notices.len() => {
                let mut next = (*self).clone();
                next.notices.remove(i);
                Rc::new(next)
            }
            Msg::AddNotices(_) | Msg::DismissNotice(_) => self,
        };
        next.reassembled(&before)
    }
}

impl AppState {
    /// After any message: reprices the pins if they changed and reassembles the
    /// comparison if they or the current results did.
    fn reassembled(self: Rc<Self>, before: &Rc<Self>) -> Rc<Self> {
        let same_results = match (&before.results, &self.results) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        let same = same_results && self.scenario.pins == before.scenario.pins;
        if Rc::ptr_eq(before, &self) || same {
            return self;
        }
        let mut next = Rc::unwrap_or_clone(self);
        let total = |s: &AppState| s.results.as_ref().map(|r| r.bill.total_cents());
        if let (Some(was), Some(now)) = (total(before), total(&next)) {
            if was != now {
                next.total_change = Some(now - was);
            }
        }
        Rc::new(next.refreshed())
    }

    /// The state with the pins changed by `f` (given the scenario to pin).
    fn with_pins(self: Rc<Self>, f: impl FnOnce(&mut Vec<Pin>, &Scenario)) -> Rc<Self> {
        let mut next = (*self).clone();
        f(&mut next.scenario.pins, &self.scenario);
        if next.scenario == self.scenario {
            return self;
        }
        Rc::new(next)
    }

    /// Makes pin `i` the current scenario; pins, Power Tuning runs and notices stay.
    fn load_pin(self: Rc<Self>, i: usize) -> Rc<Self> {
        let Some(pin) = self.scenario.pins.get(i) else {
            return self;
        };
        let mut loaded = self.with_workload(&pin.scenario);
        loaded.before_load = Some((Rc::new(self.scenario.clone()), pin.label.clone()));
        Rc::new(loaded)
    }

    /// A fresh state for `workload`'s scenario that keeps what a Load or its Undo leaves
    /// alone: the pins, the Power Tuning runs (and where they came from), the notices.
    fn with_workload(&self, workload: &Scenario) -> AppState {
        let s = Scenario {
            pins: self.scenario.pins.clone(),
            tuning: self.scenario.tuning.clone(),
            lmi_tuning: self.scenario.lmi_tuning.clone(),
            tuning_weight: self.scenario.tuning_weight,
            ..workload.clone()
        };
        let mut next = AppState::new(s);
        next.notices = self.notices.clone();
        next.runs_from_link = self.runs_from_link;
        next
    }

    /// Opens a link: its scenario replaces the current one when it can be priced;
    /// otherwise everything stays and the notice says why.
    fn open_link(self: Rc<Self>, d: scenario::link::Decoded) -> Rc<Self> {
        let d = scenario::link::open(d, &self.scenario, RateCard::embedded());
        let mut next = if d.scenario == self.scenario {
            (*self).clone()
        } else {
            let mut opened = AppState::new(d.scenario);
            opened.runs_from_link = !opened.scenario.tuning.is_empty();
            opened
        };
        next.notices.extend(d.notices);
        Rc::new(next)
    }

    /// See `Msg::HashRead`. The link's first notice says its runs are priced at the
    /// default workload (`link::open_hash`), which is not so once the user has edited.
    fn hash_read(self: Rc<Self>, d: scenario::link::Decoded) -> Rc<Self> {
        if self.scenario == Scenario::default() {
            return self.open_link(d);
        }
        let mut next = (*self).clone();
        next.scenario.tuning = d.scenario.tuning;
        next.scenario.lmi_tuning = d.scenario.lmi_tuning;
        next.runs_from_link = true;
        next.results = Results::compute_after(&next.scenario, self.results.as_deref());
        next.notices.push(
            "This link is a Power Tuning result: its runs were read while you edited, and \
             are priced at the workload you entered."
                .into(),
        );
        next.notices.extend(d.notices.into_iter().skip(1));
        Rc::new(next)
    }

    /// A field's text typed in the form: the new scenario, or the message next to it.
    fn edit(self: Rc<Self>, field: Field, text: String) -> Rc<Self> {
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
                next.results = Results::compute_after(&candidate, self.results.as_deref());
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
