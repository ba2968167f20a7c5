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
        Err(e) => initial.notices.push(failure_notice(&e)),
    }
    initial
}

/// "This link could not be opened (memory: must be …); showing the default scenario."
pub fn failure_notice(e: &InputError) -> String {
    format!("This link could not be opened ({e}); showing the default scenario instead.")
}

/// "This link could not be opened (…); the scenario was left as it was."
fn unchanged_notice(e: &InputError) -> String {
    format!("This link could not be opened ({e}); the scenario was left as it was.")
}

/// Reads a bare Power Tuning hash with the reader, then opens its runs (or says why it
/// cannot, with `failure`); `done` runs first, once the answer is in.
fn open_hash(
    hash: String,
    dispatcher: UseReducerDispatcher<AppState>,
    failure: fn(&InputError) -> String,
    done: impl FnOnce() + 'static,
) {
    reader::read(hash, move |read| {
        done();
        dispatcher.dispatch(match link::open_hash(read) {
            Ok(d) => Msg::OpenLink(Box::new(d)),
            Err(e) => Msg::AddNotices(vec![failure(&e)]),
        });
    });
}

const LINK_WRITE_DELAY_MS: u32 = 150;

/// `hash`: the bare Power Tuning hash the page opened with (`InitialLink::hash`). Until it
/// is read the URL keeps it, so a reader that cannot load loses nothing.
#[hook]
pub fn use_link_sync(state: &UseReducerHandle<AppState>, hash: Option<String>) {
    let reading = use_memo((), |_| Cell::new(hash.is_some()));
    let scenario = state.scenario.clone();
    {
        let reading = reading.clone();
        use_effect_with(scenario, move |s| {
            // Written once typing pauses: history.replaceState costs a few milliseconds,
            // which would come out of every keystroke's frame budget.
            let fragment = link::to_fragment(s);
            let pending = (!reading.get()).then(|| {
                gloo::timers::callback::Timeout::new(LINK_WRITE_DELAY_MS, move || {
                    write_fragment(&fragment)
                })
            });
            move || drop(pending)
        });
    }

    let dispatcher = state.dispatcher();
    use_effect_with((), move |_| {
        if let Some(hash) = hash {
            let reading: Rc<Cell<bool>> = reading;
            open_hash(hash, dispatcher.clone(), failure_notice, move || {
                reading.set(false)
            });
        }
        let listener = on_hash_change(move |fragment| {
            // A removed fragment leaves the scenario as it is.
            if fragment.is_empty() {
                return;
            }
            if let Some(hash) = link::power_tuning_hash(&fragment) {
                return open_hash(
                    hash.to_string(),
                    dispatcher.clone(),
                    unchanged_notice,
                    || (),
                );
            }
            dispatcher.dispatch(match link::decode_pairs(&fragment) {
                Ok(d) => Msg::OpenLink(Box::new(d)),
                Err(e) => Msg::AddNotices(vec![unchanged_notice(&e)]),
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
