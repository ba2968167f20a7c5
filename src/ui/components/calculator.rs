//! The workload form.

use super::NumberField;
use crate::ui::state::{AppState, Msg};
use lambda_cost::input::Field;
use lambda_cost::Arch;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CalculatorProps {
    pub state: UseReducerHandle<AppState>,
    pub on_msg: Callback<Msg>,
}

#[function_component(Calculator)]
pub fn calculator(props: &CalculatorProps) -> Html {
    let state = &props.state;
    let on_edit = props
        .on_msg
        .reform(|(field, text): (Field, String)| Msg::Edit(field, text));
    let on_select = |field: Field| {
        props.on_msg.reform(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            Msg::Edit(field, select.value())
        })
    };
    let on_free = props.on_msg.reform(|e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        Msg::Edit(
            Field::FreeTier,
            if input.checked() { "1" } else { "0" }.into(),
        )
    });
    let number =
        |field: Field, label: &'static str, unit: &'static str, hint: Option<&'static str>| {
            html! {
                <NumberField
                    {field}
                    label={label}
                    unit={unit}
                    value={state.text(field)}
                    error={state.error(field).map(|e| AttrValue::from(e.to_string()))}
                    hint={hint.map(AttrValue::from)}
                    on_edit={on_edit.clone()}
                />
            }
        };

    let card = lambda_cost::RateCard::embedded();
    let region = &state.scenario.region;
    let mut groups: Vec<&str> = Vec::new();
    for r in &card.regions {
        if !groups.contains(&r.group.as_str()) {
            groups.push(&r.group);
        }
    }

    html! {
        <form class="workload" aria-labelledby="workload-title" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <h2 id="workload-title">{ "Workload" }</h2>
            <div class="field">
                <label for="region">{ "Region" }</label>
                <select id="region" name="region" onchange={on_select(Field::Region)}>
                    { for groups.iter().map(|g| html! {
                        <optgroup label={g.to_string()}>
                            { for card.regions.iter().filter(|r| r.group == *g).map(|r| html! {
                                <option value={r.code.clone()} selected={&r.code == region}>
                                    { format!("{} ({})", r.name, r.code) }
                                </option>
                            }) }
                        </optgroup>
                    }) }
                </select>
            </div>
            <div class="field">
                <label for="arch">{ "Architecture" }</label>
                <select id="arch" name="arch" onchange={on_select(Field::Arch)}>
                    { for Arch::ALL.iter().map(|a| html! {
                        <option value={a.as_str()} selected={*a == state.scenario.arch}>
                            { match a { Arch::X86_64 => "x86_64", Arch::Arm64 => "arm64 (Graviton)" } }
                        </option>
                    }) }
                </select>
            </div>
            { number(Field::Memory, "Memory", "MB", Some("128 to 10,240 MB")) }
            { number(Field::Duration, "Average duration", "ms", Some("Per invocation; billed rounded up to 1 ms")) }
            { number(Field::Requests, "Requests", "per month", None) }
            <div class="field checkbox">
                <input id="free-tier" name="free" type="checkbox" checked={state.scenario.free_tier} onchange={on_free} />
                <label for="free-tier">{ "Apply the free tier (1M requests and 400,000 GB-s per month)" }</label>
            </div>
        </form>
    }
}
