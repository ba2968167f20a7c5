//! Keeps the scenario and the URL fragment in step: read once at start, written with
//! `history.replaceState` on every change, re-read when the user edits the hash.

use crate::ui::browser::{current_fragment, on_hash_change};
use crate::ui::state::{AppState, Msg};
use lambda_cost::scenario::{link, Scenario};
use yew::prelude::*;

/// The scenario in the page's URL (or the default one), with what the link says besides
/// it (a newer version, ignored pins) or why it could not be opened, for the notice
/// above the calculator.
pub fn initial_link() -> (Scenario, Vec<String>) {
    let Some(fragment) = current_fragment() else {
        return (Scenario::default(), Vec::new());
    };
    match link::decode(&fragment) {
        Ok(d) => {
            let d = link::open(d, &Scenario::default(), lambda_cost::RateCard::embedded());
            (d.scenario, d.notices)
        }
        Err(e) => (Scenario::default(), vec![failure_notice(&e)]),
    }
}

/// "This link could not be opened (memory: must be …); showing the default scenario."
pub fn failure_notice(e: &lambda_cost::input::InputError) -> String {
    format!("This link could not be opened ({e}); showing the default scenario instead.")
}

const LINK_WRITE_DELAY_MS: u32 = 150;

#[hook]
pub fn use_link_sync(state: &UseReducerHandle<AppState>) {
    let scenario = state.scenario.clone();
    use_effect_with(scenario, |s| {
        // Written once typing pauses: history.replaceState costs a few milliseconds, which
        // would come out of every keystroke's frame budget.
        let fragment = link::to_fragment(s);
        let pending = gloo::timers::callback::Timeout::new(LINK_WRITE_DELAY_MS, move || {
            write_fragment(&fragment)
        });
        move || drop(pending)
    });

    let dispatcher = state.dispatcher();
    use_effect_with((), move |_| {
        let listener = on_hash_change(move |fragment| match link::decode(&fragment) {
            // A removed fragment leaves the scenario as it is.
            _ if fragment.is_empty() => {}
            Ok(d) => dispatcher.dispatch(Msg::OpenLink(Box::new(d))),
            Err(e) => dispatcher.dispatch(Msg::AddNotices(vec![format!(
                "This link could not be opened ({e}); the scenario was left as it was."
            )])),
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
