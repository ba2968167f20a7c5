//! "Copy link" and "Pin this scenario", under the total.
//!
//! The link is built from the current scenario when the button is pressed (not read from
//! the address bar, which is written only once typing pauses). Copying uses the Clipboard
//! API; where it is missing or refused, the link is shown selected in a read-only field.

use super::field::LabelInput;
use crate::ui::browser;
use crate::ui::state::Msg;
use lambda_cost::scenario::{link, pin, Scenario, MAX_PINS};
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// How long "Link copied" stays.
const COPIED_MS: u32 = 2_000;

#[derive(Properties, PartialEq)]
pub struct ShareBarProps {
    pub scenario: Scenario,
    pub on_msg: Callback<Msg>,
}

#[derive(Clone, Copy, PartialEq)]
enum Copy {
    Idle,
    Copied,
    /// The Clipboard API is missing or refused: the link is shown to copy by hand.
    Manual,
}

#[function_component(ShareBar)]
pub fn share_bar(props: &ShareBarProps) -> Html {
    let status = use_state(|| Copy::Idle);
    let timer: Rc<RefCell<Option<gloo::timers::callback::Timeout>>> = use_mut_ref(|| None);
    let manual_field = use_node_ref();
    let label_field = use_node_ref();

    // The fallback field is selected as soon as it shows, ready for Ctrl+C / ⌘C.
    {
        let field = manual_field.clone();
        use_effect_with(*status == Copy::Manual, move |shown| {
            if *shown {
                if let Some(el) = field.cast::<HtmlInputElement>() {
                    let _ = el.focus();
                    el.select();
                }
            }
        });
    }

    let copy = {
        let scenario = props.scenario.clone();
        let status = status.clone();
        Callback::from(move |_: MouseEvent| {
            let text = share_link(&scenario);
            let status = status.clone();
            let timer = timer.clone();
            browser::write_clipboard(text, move |copied| {
                if copied {
                    status.set(Copy::Copied);
                    let status = status.clone();
                    *timer.borrow_mut() =
                        Some(gloo::timers::callback::Timeout::new(COPIED_MS, move || {
                            status.set(Copy::Idle)
                        }));
                } else {
                    timer.borrow_mut().take();
                    status.set(Copy::Manual);
                }
            });
        })
    };
    let close_manual = {
        let status = status.clone();
        Callback::from(move |_: MouseEvent| status.set(Copy::Idle))
    };
    let select_all = Callback::from(|e: FocusEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        input.select();
    });

    let full = props.scenario.pins.len() >= MAX_PINS;
    let add_pin = {
        let (field, on_msg) = (label_field.clone(), props.on_msg.clone());
        Callback::from(move |_: ()| {
            let Some(el) = field.cast::<HtmlInputElement>() else {
                return;
            };
            on_msg.emit(Msg::Pin(el.value()));
            el.set_value("");
        })
    };
    let onclick_pin = add_pin.reform(|_: MouseEvent| ());
    let onkeydown_pin = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" {
            e.prevent_default();
            add_pin.emit(());
        }
    });
    let suggestion = pin::default_label(&props.scenario);

    html! {
        <div class="card share" data-testid="share">
            <div class="share-row">
                <button type="button" id="copy-link" class="button" data-testid="copy-link" onclick={copy}>
                    { "Copy link" }
                </button>
                <span class="share-status" role="status" aria-live="polite" data-testid="share-status">
                    { if *status == Copy::Copied { "Link copied" } else { "" } }
                </span>
            </div>
            if *status == Copy::Manual {
                <div class="share-manual" data-testid="share-manual">
                    <label for="share-link">{ "Link to this scenario" }</label>
                    <div class="share-manual-row">
                        <input
                            id="share-link"
                            ref={manual_field}
                            type="text"
                            readonly=true
                            spellcheck="false"
                            aria-describedby="share-link-hint"
                            value={share_link(&props.scenario)}
                            onfocus={select_all}
                        />
                        <button type="button" class="button secondary" onclick={close_manual}>{ "Done" }</button>
                    </div>
                    <p class="hint" id="share-link-hint">{ "Press Ctrl+C / ⌘C to copy" }</p>
                </div>
            }
            <div class="pin-row">
                <div class="field">
                    <label for="pin-label">{ "Pin this scenario as" }</label>
                    { LabelInput {
                        id: "pin-label".into(),
                        node_ref: label_field,
                        placeholder: Some(suggestion),
                        describedby: Some("pin-hint"),
                        disabled: full,
                        onkeydown: Some(onkeydown_pin),
                        ..LabelInput::default()
                    }.view() }
                </div>
                <button type="button" id="pin-add" class="button secondary" disabled={full} onclick={onclick_pin}>
                    { "Pin this scenario" }
                </button>
            </div>
            <p class="hint" id="pin-hint">
                { if full {
                    format!("{MAX_PINS} scenarios are pinned: remove one to pin another.")
                } else {
                    format!("Pin up to {MAX_PINS} scenarios to compare their bills side by side; pins travel in the link.")
                } }
            </p>
        </div>
    }
}

/// The page's address without its fragment, then the scenario's fragment.
pub fn share_link(s: &Scenario) -> String {
    format!("{}{}", browser::page_url(), link::to_fragment(s))
}
