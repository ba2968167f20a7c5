//! The 2026 billing options (SnapStart, response streaming, event size, Lambda@Edge,
//! durable functions, tenant isolation) in one disclosure that stays closed until one is
//! used, so the default form is no longer; and, next to the total, the bill's notices and
//! the rates AWS's price list does not confirm, each with a button to enter the right one.

use super::class_list;
use super::field::sentence;
use super::field::use_on_edit;
use super::NumberField;
use crate::ui::results::Results;
use crate::ui::state::{field_text, FieldTexts, Msg};
use crate::ui::view::{el, View};
use lambda_cost::input::Field;
use lambda_cost::rates::RateKey;
use lambda_cost::scenario::{fields, Scenario};
use lambda_cost::{export, RateCard};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct BillingOptionsProps {
    /// The last valid scenario.
    pub scenario: Scenario,
    pub drafts: FieldTexts,
    pub errors: FieldTexts,
    pub on_msg: Callback<Msg>,
}

/// The options of one feature: a switch or the quantities, then the rates it bills at
/// (empty: the rate card's, shown as the placeholder).
struct Section {
    id: &'static str,
    title: &'static str,
    switch: Option<Field>,
    numbers: &'static [Field],
    rates: &'static [Field],
}

const SECTIONS: &[Section] = &[
    Section {
        id: "opt-snapstart",
        title: "SnapStart",
        switch: Some(Field::SnapStart),
        numbers: &[Field::SnapVersions, Field::SnapHours],
        rates: &[Field::RateSnapCache, Field::RateSnapRestore],
    },
    Section {
        id: "opt-streaming",
        title: "Response streaming",
        switch: None,
        numbers: &[Field::StreamMb, Field::StreamRequests],
        rates: &[Field::RateStreaming],
    },
    Section {
        id: "opt-events",
        title: "Asynchronous event size",
        switch: None,
        numbers: &[Field::EventKb],
        rates: &[],
    },
    Section {
        id: "opt-edge",
        title: "Lambda@Edge",
        switch: Some(Field::Edge),
        numbers: &[],
        rates: &[],
    },
    Section {
        id: "opt-durable",
        title: "Durable functions",
        switch: None,
        numbers: &[
            Field::DurableExecutions,
            Field::DurableOps,
            Field::DurableKb,
            Field::DurableWaitDays,
            Field::DurableRetainDays,
        ],
        rates: &[
            Field::RateDurableOps,
            Field::RateDurableWritten,
            Field::RateDurableRetained,
        ],
    },
    Section {
        id: "opt-tenant",
        title: "Tenant isolation",
        switch: None,
        numbers: &[Field::TenantEnvs],
        rates: &[Field::RateTenant],
    },
];

/// Whether the scenario uses any option or one of their rates (the disclosure then
/// opens by itself).
pub fn any_option_on(s: &Scenario) -> bool {
    let r = &s.rate_overrides;
    s.snapstart.enabled
        || s.streaming.mb_per_response > 0.0
        || s.event_kb > 0.0
        || s.edge
        || s.durable.executions > 0.0
        || s.tenant_envs > 0.0
        || [
            r.snapstart_cache,
            r.snapstart_restore,
            r.streaming,
            r.durable_operations_per_million,
            r.durable_written,
            r.durable_retained,
            r.tenant_isolation,
        ]
        .iter()
        .any(Option::is_some)
}

#[function_component(BillingOptions)]
pub fn billing_options(props: &BillingOptionsProps) -> Html {
    let s = &props.scenario;
    let on_edit = use_on_edit(&props.on_msg);
    let error = |field: Field| {
        props
            .errors
            .get(&field.into())
            .map(|e| AttrValue::from(e.clone()))
    };
    let number = |field: Field, placeholder: Option<String>| {
        let spec = fields::spec(field);
        html! {
            <NumberField
                {field}
                label={spec.label}
                unit={spec.unit}
                value={field_text(s, &props.drafts, field)}
                error={error(field)}
                hint={(!spec.hint.is_empty()).then(|| AttrValue::from(spec.hint))}
                placeholder={placeholder.map(AttrValue::from)}
                on_edit={on_edit.clone()}
            />
        }
    };
    let switch = |field: Field| {
        let key = field.key();
        let checked = field_text(s, &props.drafts, field) == "1";
        let onchange = props.on_msg.reform(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            Msg::Edit(field, if input.checked() { "1" } else { "0" }.into())
        });
        let message = error(field);
        let error_id = format!("{key}-error");
        html! {
            <div class={class_list(&[Some("field checkbox"), message.is_some().then_some("invalid")])}>
                <input id={key} name={key} type="checkbox" {checked} {onchange}
                    aria-invalid={message.is_some().then_some("true")}
                    aria-describedby={message.is_some().then(|| error_id.clone())} />
                <label for={key}>{ fields::spec(field).label }</label>
                if let Some(m) = message {
                    <p class="field-error" id={error_id} role="alert">{ sentence(&m) }</p>
                }
            </div>
        }
    };
    let rates = RateCard::embedded().rates(&s.region, s.arch);
    let rate_field = |field: Field| {
        let placeholder = rates
            .as_ref()
            .and_then(|r| fields::spec(field).placeholder(r));
        number(field, placeholder)
    };
    // Opened by the user, by a link that uses an option, or to show a refused value;
    // never by default. What the user opened stays open when the value is fixed.
    let opened = use_state(|| false);
    let ontoggle = {
        let opened = opened.clone();
        Callback::from(move |e: Event| {
            let details: web_sys::Element = e.target_unchecked_into();
            opened.set(details.has_attribute("open"));
        })
    };
    let open = *opened
        || any_option_on(s)
        || SECTIONS.iter().any(|sec| {
            sec.numbers
                .iter()
                .chain(sec.rates)
                .chain(sec.switch.as_ref())
                .any(|f| props.errors.contains_key(&(*f).into()))
        });
    html! {
        <details class="billing-options" id="billing-options" {open} {ontoggle}>
            <summary>{ "More billing options: SnapStart, streaming, event size, Lambda@Edge, durable functions, tenant isolation" }</summary>
            { for SECTIONS.iter().map(|sec| html! {
                <fieldset id={sec.id}>
                    <legend>{ sec.title }</legend>
                    if let Some(f) = sec.switch { { switch(f) } }
                    { for sec.numbers.iter().map(|f| number(*f, None)) }
                    if sec.id == "opt-streaming" { { switch(Field::StreamFree) } }
                    { for sec.rates.iter().map(|f| rate_field(*f)) }
                </fieldset>
            }) }
        </details>
    }
}

/// The override field where the right value of `key` is entered (the scenario's own
/// architecture; overrides of the other one do not exist).
pub fn override_field(key: RateKey) -> Field {
    match key {
        RateKey::Requests => Field::RateRequests,
        RateKey::EphemeralStorage => Field::RateStorage,
        RateKey::Duration { tier: 1, .. } => Field::RateDuration1,
        RateKey::Duration { tier: 2, .. } => Field::RateDuration2,
        RateKey::Duration { .. } => Field::RateDuration3,
        RateKey::Provisioned(_) => Field::RateProvisioned,
        RateKey::ProvisionedDuration(_) => Field::RateProvisionedDuration,
        RateKey::TenantIsolation(_) => Field::RateTenant,
        RateKey::SnapStartCache => Field::RateSnapCache,
        RateKey::SnapStartRestore => Field::RateSnapRestore,
        RateKey::Streaming => Field::RateStreaming,
        RateKey::DurableOperations => Field::RateDurableOps,
        RateKey::DurableWritten => Field::RateDurableWritten,
        RateKey::DurableRetained => Field::RateDurableRetained,
    }
}

/// Under the total: what the bill's lines alone do not say (a free tier ignored), and the
/// rates it used that AWS's price list does not confirm, with why and, where the page has
/// the fields (`enter_rate`, given the field's id), a button to enter the right rate.
pub fn bill_notes(results: &Results, enter_rate: Option<fn(&str)>) -> Option<View> {
    let s = &results.scenario;
    let bill = &results.bill;
    let unconfirmed = export::unconfirmed(s, bill, RateCard::embedded());
    if bill.notices.is_empty() && unconfirmed.is_empty() {
        return None;
    }
    let suffix = format!(", {})", s.region);
    let notices = bill.notices.iter().map(|n| {
        el("p")
            .class("bill-notice")
            .attr("role", "status")
            .text(n.message())
    });
    let rates = (!unconfirmed.is_empty()).then(|| {
        let items = unconfirmed.iter().map(|u| {
            let field = override_field(u.key);
            // "duration tier 1 (x86_64, ap-east-2)" reads "duration tier 1 (x86_64)" here.
            let name = u
                .name
                .replace(&suffix, ")")
                .replace(&format!(" ({})", s.region), "");
            let button = enter_rate.map(|enter| {
                el("button")
                    .attr("type", "button")
                    .class("link-button")
                    .attr("data-rate-field", field.key())
                    .on_click(move || enter(field.key()))
                    .text(format!(
                        "Enter the {} rate",
                        fields::spec(field).label.to_lowercase()
                    ))
            });
            let item = el("li").child(el("span").text(format!("{name}: {}", u.why)));
            match button {
                Some(button) => item.text(" ").child(button),
                None => item,
            }
        });
        el("div")
            .class("unconfirmed-rates")
            .testid("unconfirmed-rates")
            .child(el("p").text(format!(
                "Rates for {} are not confirmed by AWS's price list; the total uses the best estimate:",
                s.region
            )))
            .child(el("ul").children(items))
    });
    Some(
        el("div")
            .class("bill-notes")
            .testid("bill-notes")
            .children(notices)
            .maybe(rates)
            .into(),
    )
}

/// Opens every disclosure around the input `id` and focuses it.
#[cfg(target_arch = "wasm32")]
pub fn focus_field(id: &str) {
    use wasm_bindgen::JsCast;
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(input) = doc.get_element_by_id(id) else {
        return;
    };
    let mut at = input.parent_element();
    while let Some(el) = at {
        if el.tag_name().eq_ignore_ascii_case("details") {
            let _ = el.set_attribute("open", "");
        }
        at = el.parent_element();
    }
    if let Ok(input) = input.dyn_into::<web_sys::HtmlElement>() {
        input.scroll_into_view();
        let _ = input.focus();
    }
}

// Natively (SSR tests) there is no page to focus.
#[cfg(not(target_arch = "wasm32"))]
pub fn focus_field(_: &str) {}
