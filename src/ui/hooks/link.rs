//! Keeps the scenario and the URL fragment in step: read once at start, written with
//! `history.replaceState` on every change, re-read when the user edits the hash. A bare
//! Power Tuning hash is read by the on-demand reader (`ui::reader`), then opened.

use crate::ui::browser::{current_fragment, on_hash_change};
use crate::ui::reader;
use crate::ui::state::{AppState, Msg};
use lambda_cost::input::InputError;
use lambda_cost::scenario::{link, Scenario};
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

/// What the page's URL opens at start.
#[derive(Debug, Clone, PartialEq)]
pub struct InitialLink {
    /// The link's scenario, or the default one.
    pub scenario: Scenario,
    /// What the link says besides the scenario (a newer version, ignored pins) or why it
    /// could not be opened, for the notice above the calculator.
    pub notices: Vec<String>,
    /// A bare Power Tuning hash, opened once the reader has read it (`use_link_sync`);
    /// the default scenario shows until then.
    pub hash: Option<String>,
}

/// The scenario in the page's URL (or the default one).
pub fn initial_link() -> InitialLink {
    let mut initial = InitialLink {
        scenario: Scenario::default(),
        notices: Vec::new(),
        hash: None,
    };
    let Some(fragment) = current_fragment() else {
        return initial;
    };
    if let Some(hash) = link::power_tuning_hash(&fragment) {
        initial.hash = Some(hash.to_string());
        return initial;
    }
    match link::decode_pairs(&fragment) {
        Ok(d) => {
            let d = link::open(d, &Scenario::default(), lambda_cost::RateCard::embedded());
            initial.scenario = d.scenario;
            initial.notices = d.notices;
        }
        Err(e) => initial.notices.push(not_opened(&e, true)),
    }
    initial
}

/// What shows instead of a link that cannot be opened: the default scenario at start,
/// else the one the page already shows.
fn instead(at_start: bool) -> &'static str {
    if at_start {
        "showing the default scenario instead"
    } else {
        "the scenario was left as it was"
    }
}

/// "This link could not be opened (memory: must be …); showing the default scenario
/// instead."
fn not_opened(e: &InputError, at_start: bool) -> String {
    format!(
        "This link could not be opened ({e}); {}.",
        instead(at_start)
    )
}

/// The bare Power Tuning hashes being read. While one is, the URL keeps its hash, so a
/// reader that cannot load loses nothing; each link the page is given takes a new
/// number, and only the answer for the latest opens.
#[derive(Default)]
struct HashReads {
    latest: Cell<u32>,
    pending: Cell<bool>,
}

impl HashReads {
    /// A new link: any read in flight is for an older one.
    fn next(&self) -> u32 {
        self.latest.set(self.latest.get().wrapping_add(1));
        self.pending.set(false);
        self.latest.get()
    }

    /// Whether the answer for link `ticket` is still wanted; it ends the wait if so.
    fn answered(&self, ticket: u32) -> bool {
        let wanted = ticket == self.latest.get();
        if wanted {
            self.pending.set(false);
        }
        wanted
    }
}

/// Reads a bare Power Tuning hash with the reader, then opens its runs or says why it
/// cannot. `at_start`: the hash the page opened with (its runs join any edit made while
/// they were read), else one the user put in the address bar (it opens as a link).
fn open_hash(
    hash: String,
    reads: Rc<HashReads>,
    dispatcher: UseReducerDispatcher<AppState>,
    at_start: bool,
) {
    let ticket = reads.next();
    reads.pending.set(true);
    reader::read(hash, move |answer| {
        if !reads.answered(ticket) {
            return;
        }
        dispatcher.dispatch(match answer.map(link::open_hash) {
            Ok(Ok(d)) if at_start => Msg::HashRead(Box::new(d)),
            Ok(Ok(d)) => Msg::OpenLink(Box::new(d)),
            Ok(Err(e)) => Msg::AddNotices(vec![not_opened(&e, at_start)]),
            Err(_) => Msg::AddNotices(vec![format!(
                "This link is a Power Tuning result, but the Power Tuning reader could not \
                 read it (is the network down?); reload the page to try again. For now, {}.",
                instead(at_start)
            )]),
        });
    });
}

const LINK_WRITE_DELAY_MS: u32 = 150;

/// `hash`: the bare Power Tuning hash the page opened with (`InitialLink::hash`).
#[hook]
pub fn use_link_sync(state: &UseReducerHandle<AppState>, hash: Option<String>) {
    // Pending from the start: the first write must not replace the hash being read.
    let reads = use_memo((), |_| HashReads {
        pending: Cell::new(hash.is_some()),
        ..HashReads::default()
    });
    let scenario = state.scenario.clone();
    {
        let reads = reads.clone();
        use_effect_with(scenario, move |s| {
            // Written once typing pauses: history.replaceState costs a few milliseconds,
            // which would come out of every keystroke's frame budget.
            // Not while a hash is read, nor when the write comes due during a read.
            let fragment = link::to_fragment(s);
            let pending = (!reads.pending.get()).then(|| {
                gloo::timers::callback::Timeout::new(LINK_WRITE_DELAY_MS, move || {
                    if !reads.pending.get() {
                        write_fragment(&fragment)
                    }
                })
            });
            move || drop(pending)
        });
    }

    let dispatcher = state.dispatcher();
    use_effect_with((), move |_| {
        if let Some(hash) = hash {
            open_hash(hash, reads.clone(), dispatcher.clone(), true);
        }
        let listener = on_hash_change(move |fragment| {
            // A removed fragment leaves the scenario as it is.
            if fragment.is_empty() {
                return;
            }
            if let Some(hash) = link::power_tuning_hash(&fragment) {
                return open_hash(hash.to_string(), reads.clone(), dispatcher.clone(), false);
            }
            reads.next();
            dispatcher.dispatch(match link::decode_pairs(&fragment) {
                Ok(d) => Msg::OpenLink(Box::new(d)),
                Err(e) => Msg::AddNotices(vec![not_opened(&e, false)]),
            });
        });
        // The listener is removed when it is dropped, on unmount.
        move || {
            let _listener = listener;
        }
    });
}

#[cfg(target_arch = "wasm32")]
fn write_fragment(fragment: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if window.location().hash().ok().as_deref() == Some(fragment) {
        return;
    }
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(fragment));
    }
}

// Natively (SSR tests) there is no URL.
#[cfg(not(target_arch = "wasm32"))]
fn write_fragment(_: &str) {}
