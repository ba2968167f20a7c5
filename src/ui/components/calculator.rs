//! The scenario form: workload, performance model, billing terms, provisioned concurrency.

use super::field::use_on_edit;
use super::NumberField;
use crate::ui::state::{field_text, FieldTexts, Msg};
use lambda_cost::input::Field;
use lambda_cost::model::{memory_stop_beyond, nearest_memory_stop, MEMORY_STOPS};
use lambda_cost::scenario::Scenario;
use lambda_cost::scenario::{fields, TrafficUnit};
use lambda_cost::{Arch, RateCard};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CalculatorProps {
    /// The last valid scenario.
    pub scenario: Scenario,
    /// What the user typed, per field, and the message of each refused one.
    pub drafts: FieldTexts,
    pub errors: FieldTexts,
    pub on_msg: Callback<Msg>,
}

impl CalculatorProps {
    fn text(&self, field: Field) -> String {
        field_text(&self.scenario, &self.drafts, field)
    }

    fn error(&self, field: Field) -> Option<AttrValue> {
        self.errors
            .get(&field.into())
            .map(|e| AttrValue::from(e.clone()))
    }
}

#[function_component(Calculator)]
pub fn calculator(props: &CalculatorProps) -> Html {
    let state = props;
    let region_query = use_state(String::new);
    let on_edit = use_on_edit(&props.on_msg);
    let on_select = |field: Field| {
        props.on_msg.reform(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            Msg::Edit(field, select.value())
        })
    };
    let on_check = |field: Field| {
        props.on_msg.reform(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            Msg::Edit(field, if input.checked() { "1" } else { "0" }.into())
        })
    };
    // Label, unit and hint come from the field table; `hint` replaces a hint that
    // depends on the scenario.
    let number = |field: Field, hint: Option<String>| {
        let spec = fields::spec(field);
        let hint = hint.or_else(|| (!spec.hint.is_empty()).then(|| spec.hint.to_string()));
        html! {
            <NumberField
                {field}
                label={spec.label}
                unit={spec.unit}
                value={state.text(field)}
                error={state.error(field)}
                hint={hint.map(AttrValue::from)}
                on_edit={on_edit.clone()}
            />
        }
    };
    let s = &state.scenario;
    let card = RateCard::embedded();
    // Typing in the search box narrows the list; the chosen region always stays in it.
    let query = region_query.to_ascii_lowercase();
    let shown: Vec<&lambda_cost::Region> = card
        .regions
        .iter()
        .filter(|r| {
            r.code == s.region
                || [&r.code, &r.name, &r.group]
                    .iter()
                    .any(|t| t.to_ascii_lowercase().contains(query.trim()))
        })
        .collect();
    let mut groups: Vec<&str> = Vec::new();
    for r in &shown {
        if !groups.contains(&r.group.as_str()) {
            groups.push(&r.group);
        }
    }
    // Typing only narrows the list; Enter (or choosing in the list) picks a region.
    let on_search = {
        let region_query = region_query.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            region_query.set(input.value());
        })
    };
    let matches: Vec<&lambda_cost::Region> = shown
        .iter()
        .copied()
        .filter(|r| {
            [&r.code, &r.name, &r.group]
                .iter()
                .any(|t| t.to_ascii_lowercase().contains(query.trim()))
        })
        .collect();
    let first_match = matches.first().map(|r| r.code.clone());
    let on_search_key = {
        let on_msg = props.on_msg.clone();
        let searching = !query.trim().is_empty();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                if let (true, Some(code)) = (searching, &first_match) {
                    on_msg.emit(Msg::Edit(Field::Region, code.clone()));
                }
            }
        })
    };
    let no_match = (!query.trim().is_empty() && matches.is_empty()).then(|| {
        format!(
            "No region matches \"{}\"; the list shows the chosen one.",
            region_query.trim()
        )
    });
    // The slider moves between the sizes people choose; the box takes any size.
    let slider = props.on_msg.reform(|e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        let stop = input.value().parse::<usize>().unwrap_or(0);
        let mb = MEMORY_STOPS[stop.min(MEMORY_STOPS.len() - 1)];
        Msg::Edit(Field::Memory, mb.to_string())
    });
    let unit_picker = html! {
        <select id="per" class="unit-select" aria-label={fields::spec(Field::TrafficUnit).label} onchange={on_select(Field::TrafficUnit)}>
            { for TrafficUnit::ALL.iter().map(|u| html! {
                <option value={u.key()} selected={*u == s.traffic_unit}>{ u.label() }</option>
            }) }
        </select>
    };
    let other = match s.arch {
        Arch::X86_64 => "arm64",
        Arch::Arm64 => "x86_64",
    };

    html! {
        <form class="workload" aria-label="Scenario" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <fieldset>
                <legend>{ "Workload" }</legend>
                <div class="field">
                    <label for="region">{ "Region" }</label>
                    <input
                        type="search"
                        id="region-search"
                        class="region-search"
                        placeholder="Search: Frankfurt, eu-, Asia…"
                        aria-label="Search regions"
                        aria-controls="region"
                        autocomplete="off"
                        value={(*region_query).clone()}
                        oninput={on_search}
                        onkeydown={on_search_key}
                        aria-describedby="region-search-status"
                    />
                    <p class="hint region-search-status" id="region-search-status" role="status" data-testid="region-search-status">
                        if let Some(text) = no_match { { text } }
                        else if !query.trim().is_empty() {
                            { format!("{}; Enter picks {}", if matches.len() == 1 { "1 region matches".to_string() } else { format!("{} regions match", matches.len()) }, matches.first().map(|r| r.name.as_str()).unwrap_or_default()) }
                        }
                    </p>
                    <select id="region" name="region" onchange={on_select(Field::Region)}>
                        { for groups.iter().map(|g| html! {
                            <optgroup label={g.to_string()}>
                                { for shown.iter().filter(|r| r.group == *g).map(|r| html! {
                                    <option value={r.code.clone()} selected={r.code == s.region}>
                                        { format!("{} ({})", r.name, r.code) }
                                    </option>
                                }) }
                            </optgroup>
                        }) }
                    </select>
                </div>
                <div class="field">
                    <span class="label" id="arch-label">{ "Architecture" }</span>
                    <div class="segmented" role="radiogroup" aria-labelledby="arch-label">
                        { for Arch::ALL.iter().map(|a| {
                            let id = format!("arch-{a}");
                            let onchange = props.on_msg.reform(move |_: Event| Msg::Edit(Field::Arch, a.as_str().to_string()));
                            html! {
                                <>
                                    <input type="radio" name="arch" id={id.clone()} value={a.as_str()} checked={*a == s.arch} {onchange} />
                                    <label for={id}>{ match a { Arch::X86_64 => "x86_64", Arch::Arm64 => "arm64 (Graviton)" } }</label>
                                </>
                            }
                        }) }
                    </div>
                </div>
                <NumberField
                    field={Field::Memory}
                    label={fields::spec(Field::Memory).label}
                    unit={fields::spec(Field::Memory).unit}
                    value={state.text(Field::Memory)}
                    error={state.error(Field::Memory)}
                    hint={AttrValue::from(format!("{}; ↑ ↓ step through common sizes", fields::spec(Field::Memory).hint))}
                    on_edit={on_edit.clone()}
                    step={Callback::from(|(text, up): (String, bool)| memory_step(&text, up))}
                />
                <input
                    type="range"
                    id="memory-slider"
                    class="slider"
                    min="0"
                    max={(MEMORY_STOPS.len() - 1).to_string()}
                    step="1"
                    aria-label="Memory (MB)"
                    aria-valuetext={format!("{} MB", lambda_cost::money::format_quantity(s.memory_mb as f64, 0))}
                    value={nearest_memory_stop(s.memory_mb).to_string()}
                    oninput={slider}
                />
                { number(Field::Duration, Some(format!("Measured on {} at {} MB; billed rounded up to 1 ms", s.arch, lambda_cost::money::format_quantity(s.memory_mb as f64, 0)))) }
                <NumberField
                    field={Field::Requests}
                    label={fields::spec(Field::Requests).label}
                    unit=""
                    value={state.text(Field::Requests)}
                    error={state.error(Field::Requests)}
                    on_edit={on_edit.clone()}
                    unit_picker={unit_picker}
                />
            </fieldset>

            <fieldset>
                <legend>{ "Performance across memory and architecture" }</legend>
                { number(Field::CpuBound, None) }
                <div class="field checkbox">
                    <input id="mt" type="checkbox" checked={s.multi_threaded} onchange={on_check(Field::MultiThreaded)} />
                    <label for="mt">{ fields::spec(Field::MultiThreaded).label }</label>
                </div>
                { number(Field::Arm64Factor, Some(format!("1 = same speed; 1.2 = arm64 takes 20 % longer. {other} durations follow from this."))) }
            </fieldset>

            <fieldset>
                <legend>{ "Billing" }</legend>
                <div class="field checkbox">
                    <input id="free-tier" name="free" type="checkbox" checked={s.free_tier} onchange={on_check(Field::FreeTier)} />
                    <label for="free-tier">{ fields::spec(Field::FreeTier).label }</label>
                </div>
                { number(Field::Storage, None) }
                { number(Field::ColdStart, None) }
                { number(Field::Init, None) }
                { number(Field::Discount, None) }
                { rate_overrides(state, &on_edit) }
            </fieldset>

            <fieldset>
                <legend>{ "Provisioned concurrency" }</legend>
                { number(Field::Provisioned, None) }
                { number(Field::ProvisionedHours, None) }
                { number(Field::ProvisionedRequests, None) }
                { number(Field::ProvisionedDuration, None) }
                <super::TrafficShapeHelper scenario={s.clone()} on_msg={props.on_msg.clone()} />
            </fieldset>
            <super::BillingOptions scenario={s.clone()} drafts={props.drafts.clone()} errors={props.errors.clone()} on_msg={props.on_msg.clone()} />
        </form>
    }
}

/// Every rate can be replaced (a price change, private pricing); empty fields show the
/// rate card's value as a placeholder and use it.
fn rate_overrides(state: &CalculatorProps, on_edit: &Callback<(Field, String)>) -> Html {
    let s = &state.scenario;
    let card = RateCard::embedded();
    let Some(r) = card.rates(&s.region, s.arch) else {
        return html! {};
    };
    let rows = [
        Field::RateRequests,
        Field::RateDuration1,
        Field::RateDuration2,
        Field::RateDuration3,
        Field::RateProvisioned,
        Field::RateProvisionedDuration,
        Field::RateStorage,
    ];
    let overridden = !s.rate_overrides.is_empty();
    html! {
        <details class="rate-overrides" open={overridden}>
            <summary>
                { format!("Rates: AWS, as of {}", card.as_of) }
                if overridden { <strong>{ " (some overridden)" }</strong> }
            </summary>
            <p class="hint">{ format!("{} on {}. Leave a field empty to use the rate card's price.", s.region, s.arch) }</p>
            { for rows.into_iter().map(|field| html! {
                <NumberField
                    {field}
                    label={fields::spec(field).label}
                    unit={fields::spec(field).unit}
                    value={state.text(field)}
                    placeholder={fields::spec(field).placeholder(&r).map(AttrValue::from)}
                    error={state.error(field)}
                    on_edit={on_edit.clone()}
                />
            }) }
        </details>
    }
}

/// The memory box's ArrowUp/ArrowDown: the next common size from what is typed.
fn memory_step(text: &str, up: bool) -> Option<String> {
    let mb = lambda_cost::input::parse_number(Field::Memory, text, "a memory size").ok()?;
    if !mb.is_finite() || mb < 0.0 {
        return None;
    }
    memory_stop_beyond(mb.round().min(u32::MAX as f64) as u32, up).map(|m| m.to_string())
}
