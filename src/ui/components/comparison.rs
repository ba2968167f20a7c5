//! Pinned scenarios and the current one side by side: settings, bill, cost per 1M
//! invocations, difference against the first pin, and their cost curves across memory.
//! Everything shown is computed in `ui::comparison`.

use super::class_list;
use super::field::LabelInput;
use crate::ui::charts::{ChartCanvas, ChartKind};
use crate::ui::comparison::{Column, Comparison};
use crate::ui::state::Msg;
use lambda_cost::decimal::fixed;
use lambda_cost::money;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// A function of the page, not a component (as `charts_panel`); `on_msg` takes the
/// labels' edits and the pins' buttons.
pub fn comparison_panel(c: &Comparison, on_msg: &Callback<Msg>) -> Html {
    let cols = &c.columns;
    let row = |title: &str, cell: &dyn Fn(&Column) -> Html| {
        html! {
            <tr>
                <th scope="row">{ title.to_string() }</th>
                { for cols.iter().map(|col| html! { <td class={class_list(&[Some("num"), col.pin.is_none().then_some("current")])}>{ cell(col) }</td> }) }
            </tr>
        }
    };
    let first = &cols[0].label;

    html! {
        <section class="card compare" aria-labelledby="compare-title" data-testid="comparison">
            <h2 id="compare-title">{ "Compare scenarios" }</h2>
            <p class="chart-note">
                { "Differences are against the first pin, “" }{ first }{ "”. Labels can be edited; pins travel in the link." }
            </p>
            <div class="compare-scroll" role="region" aria-labelledby="compare-title" tabindex="0">
                <table class="compare-table">
                    <thead>
                        <tr>
                            <th scope="col"><span class="visually-hidden">{ "Setting" }</span></th>
                            { for cols.iter().map(|col| header(col, on_msg)) }
                        </tr>
                    </thead>
                    <tbody>
                        { row("Region", &|col| html! { { col.region.clone() } }) }
                        { row("Architecture", &|col| html! { { col.arch.to_string() } }) }
                        { row("Memory", &|col| html! { { format!("{} MB", money::format_quantity(col.memory_mb as f64, 0)) } }) }
                        { row("Duration", &|col| html! { { format!("{} ms", money::format_quantity(col.duration_ms, 3)) } }) }
                        { row("Requests / month", &|col| html! { { money::format_quantity(col.requests, 0) } }) }
                        { row("Billed as", &|col| html! { { col.runs_on.clone() } }) }
                        <tr class="compare-total">
                            <th scope="row">{ "Monthly cost" }</th>
                            { for cols.iter().map(|col| html! {
                                <td class={class_list(&[Some("num"), col.pin.is_none().then_some("current")])} data-testid="compare-total">
                                    { match (&col.total_cents, &col.error) {
                                        (Some(cents), _) => html! { <strong>{ money::format_cents(*cents) }</strong> },
                                        (None, Some(e)) => html! { <span class="field-error">{ e.clone() }</span> },
                                        _ => html! { { "—" } },
                                    } }
                                </td>
                            }) }
                        </tr>
                        { row("Per 1M invocations", &|col| html! { { col.per_million_usd.map(money::format_small_usd).unwrap_or_else(|| "—".into()) } }) }
                        <tr>
                            <th scope="row">{ "Against the first pin" }</th>
                            { for cols.iter().enumerate().map(|(i, col)| html! {
                                <td class={class_list(&[Some("num"), col.pin.is_none().then_some("current")])} data-testid="compare-diff">
                                    { if i == 0 { "baseline".to_string() } else { diff_text(col.diff) } }
                                </td>
                            }) }
                        </tr>
                        <tr class="compare-actions">
                            <th scope="row"><span class="visually-hidden">{ "Actions" }</span></th>
                            { for cols.iter().map(|col| actions(col, on_msg)) }
                        </tr>
                    </tbody>
                </table>
            </div>
            if !c.chart.series.is_empty() {
                <h3 id="chart-compare-title" class="compare-chart-title">{ "Monthly cost by memory" }</h3>
                <p class="chart-note">
                    { "Each scenario swept across memory sizes on its own architecture; markers and line patterns tell them apart, the larger marker is the scenario's own memory size." }
                </p>
                <ChartCanvas chart={ChartKind::Comparison(c.chart.clone())} testid="chart-comparison" />
            }
        </section>
    }
}

fn header(col: &Column, on_msg: &Callback<Msg>) -> Html {
    let Some(i) = col.pin else {
        return html! { <th scope="col" class="current" data-testid="compare-label">{ "Current" }</th> };
    };
    let id = format!("pin-name-{i}");
    let rename = on_msg.reform(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        Msg::RenamePin(i, input.value())
    });
    html! {
        <th scope="col">
            <label for={id.clone()} class="visually-hidden">{ format!("Label of pinned scenario {}", i + 1) }</label>
            { LabelInput {
                id,
                class: Some("pin-name"),
                testid: Some("compare-label"),
                value: Some(col.label.clone()),
                onchange: Some(rename),
                ..LabelInput::default()
            }.view() }
        </th>
    }
}

fn actions(col: &Column, on_msg: &Callback<Msg>) -> Html {
    let Some(i) = col.pin else {
        return html! { <td class="current"></td> };
    };
    let load = on_msg.reform(move |_: MouseEvent| Msg::LoadPin(i));
    let remove = on_msg.reform(move |_: MouseEvent| Msg::Unpin(i));
    html! {
        <td>
            <div class="compare-buttons">
                <button type="button" class="button secondary" data-testid="pin-load" aria-label={format!("Load {} into the form", col.label)} onclick={load}>{ "Load" }</button>
                <button type="button" class="button secondary" data-testid="pin-remove" aria-label={format!("Remove {}", col.label)} onclick={remove}>{ "Remove" }</button>
            </div>
        </td>
    }
}

/// "+$12.34 (+5.0 %)", "-$49.60 (-19.9 %)", "same".
fn diff_text(diff: Option<(i64, Option<f64>)>) -> String {
    match diff {
        None => "—".into(),
        Some((0, _)) => "same".into(),
        Some((cents, pct)) => {
            let sign = if cents > 0 { "+" } else { "-" };
            let pct = pct
                .map(|p| format!(" ({sign}{} %)", fixed(p.abs(), 1)))
                .unwrap_or_default();
            format!("{sign}{}{pct}", money::format_cents(cents.abs()))
        }
    }
}
