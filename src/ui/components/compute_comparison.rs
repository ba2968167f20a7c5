//! Which way to run it: the scenario's workload priced on demand, with provisioned
//! concurrency, on Lambda Managed Instances and on Fargate (`Scenario::compare`), the
//! cheapest and by how much, the crossovers in words and on a chart, and the LMI inputs
//! (collapsed until wanted) with the sizing rule next to the result.

use super::class_list;
use super::export_menu::{export_group, Table, TableExport};
use super::field::use_on_edit;
use super::NumberField;
use crate::ui::charts::{ChartKind, ComputeChart};
use crate::ui::state::{field_text, FieldTexts, Msg};
use crate::ui::view::{el, View, Views};
use lambda_cost::compute::{
    Comparison, Compute, ComputeOption, InstanceTable, Runtime, ScanRange,
    RUST_ASSUMED_CONC_PER_VCPU,
};
use lambda_cost::input::Field;
use lambda_cost::money::{format_cents, format_quantity, format_rate};
use lambda_cost::scenario::{fields, Scenario};
use lambda_cost::RateCard;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ComputeComparisonProps {
    pub scenario: Scenario,
    pub drafts: FieldTexts,
    pub errors: FieldTexts,
    pub on_msg: Callback<Msg>,
}

/// The comparison of `s`, or the messages saying why it cannot be made.
pub fn comparison_of(s: &Scenario) -> Result<Comparison, Vec<String>> {
    s.compare(RateCard::embedded(), &ScanRange::default())
        .map_err(|e| e.iter().map(ToString::to_string).collect())
}

/// The chart of a comparison: each option's cost curve, the scenario's rate and the
/// crossovers that change the cheapest option.
pub fn chart_of(c: &Comparison) -> ComputeChart {
    ComputeChart {
        series: c.series.clone(),
        current_rps: c.rps,
        crossovers: c
            .crossovers
            .iter()
            .filter(|x| x.changes_cheapest)
            .map(|x| x.rps)
            .collect(),
    }
}

/// The crossovers worth a sentence: where the cheapest changes, and where Managed
/// Instances overtake on-demand Lambda.
pub fn crossover_sentences(c: &Comparison) -> Vec<String> {
    c.crossovers
        .iter()
        .filter(|x| {
            x.changes_cheapest
                || matches!(
                    (x.cheaper_below, x.cheaper_above),
                    (ComputeOption::OnDemand, ComputeOption::ManagedInstances)
                        | (ComputeOption::ManagedInstances, ComputeOption::OnDemand)
                )
        })
        .map(|x| {
            format!(
                "Above {} req/s ({} requests a month) {} becomes cheaper than {}{}.",
                format_quantity(x.rps, if x.rps < 10.0 { 2 } else { 0 }),
                format_quantity(x.requests_per_month, 0),
                x.cheaper_above.label(),
                x.cheaper_below.label(),
                if x.at_step {
                    " (where it takes one instance more, so the costs jump past each other)"
                } else {
                    ""
                }
            )
        })
        .collect()
}

#[function_component(ComputeComparison)]
pub fn compute_comparison(props: &ComputeComparisonProps) -> Html {
    let s = &props.scenario;
    let comparison = use_memo(s.clone(), comparison_of);
    let on_edit = use_on_edit(&props.on_msg);
    html! {
        <section class="card compute-compare" aria-labelledby="compute-title" data-testid="compute-comparison">
            <h2 id="compute-title">{ "On demand, provisioned concurrency or Managed Instances" }</h2>
            {
                match &*comparison {
                    Ok(c) => result(s, c),
                    Err(errors) => html! {
                        <p class="field-error" role="alert">{ errors.join(" ") }</p>
                    },
                }
            }
            <fieldset class="traffic-day" data-testid="traffic-day">
                <legend>{ "The day's traffic" }</legend>
                { shape_field(props, &on_edit, Field::PeakHours) }
                { shape_field(props, &on_edit, Field::OffPeakPct) }
            </fieldset>
            { lmi_inputs(props, &on_edit, (*comparison).as_ref().ok()) }
        </section>
    }
}

fn result(s: &Scenario, c: &Comparison) -> Html {
    let export = export_group(
        "Export the comparison",
        html! { <TableExport scenario={Rc::new(s.clone())} table={Table::Comparison} /> },
    );
    Views(result_views(c)).into_html(export)
}

/// The verdict, the table of ways to run it, what is not compared, the crossovers, the
/// assumptions and the chart; the export buttons go in the `View::Slot` at the end.
fn result_views(c: &Comparison) -> Vec<View> {
    let cheapest = c.option(c.cheapest).map_or(0, |o| o.total_cents);
    let by_how_much = match c.runner_up {
        Some((o, extra)) => format!(
            ", {} a month ({} %) less than {}",
            format_cents(extra),
            format_quantity(c.savings_pct().unwrap_or(0.0), 1),
            o.label()
        ),
        None => String::new(),
    };
    let verdict = el("p")
        .class("chart-figure")
        .testid("compute-verdict")
        .child(el("strong").text(c.cheapest.label()))
        .text(format!(
            " is the cheapest at your traffic ({}): {} a month{by_how_much}.",
            c.traffic.describe(),
            format_cents(cheapest)
        ));
    let head = ["Way to run it", "Monthly cost", "How it is sized"]
        .map(|h| el("th").attr("scope", "col").text(h));
    let rows = c.options.iter().map(|o| {
        let is_cheapest = o.option == c.cheapest;
        el("tr")
            .maybe_attr("class", is_cheapest.then_some("cheapest"))
            .attr("data-option", o.option.key())
            .child(
                el("th")
                    .attr("scope", "row")
                    .text(o.option.label())
                    .maybe(is_cheapest.then(|| el("span").class("badge").text(" cheapest"))),
            )
            .child(el("td").class("num").text(format_cents(o.total_cents)))
            .child(el("td").class("sizing").text(o.sizing.clone()))
    });
    let table = el("table")
        .class("compute-table")
        .child(el("thead").child(el("tr").children(head)))
        .child(el("tbody").children(rows));
    let unavailable = (!c.unavailable.is_empty()).then(|| {
        el("ul").class("notes").children(
            c.unavailable
                .iter()
                .map(|(o, why)| el("li").text(format!("{} is not compared: {why}.", o.label()))),
        )
    });
    let mut crossovers = crossover_sentences(c);
    if crossovers.is_empty() {
        crossovers.push("The cheapest option stays the same from 0.01 to 100,000 req/s.".into());
    }
    let crossovers = el("ul")
        .class("crossovers")
        .testid("compute-crossovers")
        .children(crossovers.into_iter().map(|t| el("li").text(t)));
    let assumptions = el("ul")
        .class("notes")
        .testid("compute-assumptions")
        .children(c.assumptions.iter().map(|a| el("li").text(a.clone())));
    let mut views = vec![verdict.into(), table.into()];
    views.extend(unavailable.map(View::from));
    views.extend([
        crossovers.into(),
        assumptions.into(),
        View::Chart(ChartKind::Compute(chart_of(c)), "chart-compute"),
        View::Slot,
    ]);
    views
}

/// One input of the day's shape (`peak_hours`, `off_peak_pct`), as the table labels it.
fn shape_field(
    props: &ComputeComparisonProps,
    on_edit: &Callback<(Field, String)>,
    f: Field,
) -> Html {
    let spec = fields::spec(f);
    let error = props
        .errors
        .get(&f.into())
        .map(|e| AttrValue::from(e.clone()));
    html! {
        <NumberField field={f} label={spec.label} unit={spec.unit}
            value={field_text(&props.scenario, &props.drafts, f)} {error}
            hint={Some(AttrValue::from(spec.hint))} on_edit={on_edit.clone()} />
    }
}

/// The LMI inputs, collapsed unless the scenario uses them.
fn lmi_inputs(
    props: &ComputeComparisonProps,
    on_edit: &Callback<(Field, String)>,
    c: Option<&Comparison>,
) -> Html {
    let s = &props.scenario;
    let table = InstanceTable::embedded();
    let used = s.compute == Compute::ManagedInstances || s.lmi != Scenario::default().lmi;
    let text = |f: Field| field_text(s, &props.drafts, f);
    let error = |f: Field| {
        props
            .errors
            .get(&f.into())
            .map(|e| AttrValue::from(e.clone()))
    };
    let number = |f: Field, hint: Option<String>, placeholder: Option<String>| {
        let spec = fields::spec(f);
        let hint = hint.or_else(|| (!spec.hint.is_empty()).then(|| spec.hint.to_string()));
        html! {
            <NumberField field={f} label={spec.label} unit={spec.unit} value={text(f)}
                error={error(f)} hint={hint.map(AttrValue::from)}
                placeholder={placeholder.map(AttrValue::from)} on_edit={on_edit.clone()} />
        }
    };
    let select = |f: Field| {
        props.on_msg.reform(move |e: Event| {
            let el: HtmlSelectElement = e.target_unchecked_into();
            Msg::Edit(f, el.value())
        })
    };
    let on_lmi_bill = props.on_msg.reform(|e: Event| {
        let el: HtmlInputElement = e.target_unchecked_into();
        Msg::Edit(
            Field::Compute,
            if el.checked() { "lmi" } else { "lambda" }.into(),
        )
    });
    let runtime = s.lmi.runtime;
    let conc_hint = match (s.lmi.conc_per_vcpu, runtime) {
        (Some(_), _) => "Your figure.".to_string(),
        (None, Some(rt)) => match rt.default_conc_per_vcpu() {
            Some(d) => format!("Empty: AWS's {} default, {}.", rt.label(), format_quantity(d, 0)),
            None => format!(
                "Empty: {} assumed for {}. AWS publishes no default for it; {} is Node.js's, as both serve requests on an async event loop. Enter yours.",
                format_quantity(RUST_ASSUMED_CONC_PER_VCPU, 0),
                rt.label(),
                format_quantity(RUST_ASSUMED_CONC_PER_VCPU, 0)
            ),
        },
        (None, None) => "Enter requests per vCPU.".to_string(),
    };
    let price_hint = match table
        .instance_type(&s.lmi.instance_type)
        .ok()
        .and_then(|t| table.hourly(&t.name, &s.region))
    {
        Some(h) => format!(
            "Empty: {} per hour, on demand in {} as of {}.",
            format_rate(h),
            s.region,
            table.as_of
        ),
        None => format!(
            "The on-demand price in {} is not in the table: enter it.",
            s.region
        ),
    };
    let sizing = c.map(|c| c.lmi_sizing.rule.clone()).unwrap_or_default();
    html! {
        <details class="lmi-inputs" open={used} data-testid="lmi-inputs">
            <summary>{ "Managed Instances inputs" }</summary>
            <div class="field checkbox">
                <input id="compute-lmi" type="checkbox" checked={s.compute == Compute::ManagedInstances} onchange={on_lmi_bill} />
                <label for="compute-lmi">{ "Bill this scenario as Lambda Managed Instances (compute=lmi)" }</label>
            </div>
            <div class={class_list(&[Some("field"), error(Field::LmiType).is_some().then_some("invalid")])}>
                <label for="lmi_type">{ fields::spec(Field::LmiType).label }</label>
                <select id="lmi_type" onchange={select(Field::LmiType)}>
                    { for table.instances.iter().map(|row| {
                        let price = row.hourly_usd.get(&s.region)
                            .map(|h| format!("{} / h", format_rate(*h)))
                            .unwrap_or_else(|| "price: enter it".into());
                        html! {
                            <option value={row.name.clone()} selected={row.name == s.lmi.instance_type}>
                                { format!("{} — {} vCPUs, {} GiB, {price}", row.name, row.vcpus, format_quantity(row.memory_gib, 0)) }
                            </option>
                        }
                    }) }
                    if table.row(&s.lmi.instance_type).is_none() {
                        <option value={s.lmi.instance_type.clone()} selected=true>{ s.lmi.instance_type.clone() }</option>
                    }
                </select>
                if let Some(e) = error(Field::LmiType) {
                    <p class="field-error" role="alert">{ e }</p>
                }
            </div>
            { number(Field::LmiHourly, Some(price_hint), None) }
            { number(Field::LmiDiscount, None, None) }
            <div class="field">
                <label for="lmi_runtime">{ fields::spec(Field::LmiRuntime).label }</label>
                <select id="lmi_runtime" onchange={select(Field::LmiRuntime)}>
                    { for Runtime::ALL.iter().map(|r| html! {
                        <option value={r.key()} selected={Some(*r) == runtime}>{ r.label() }</option>
                    }) }
                </select>
            </div>
            { number(Field::LmiConc, Some(conc_hint), None) }
            { number(Field::LmiMin, None, None) }
            { number(Field::LmiHours, None, None) }
            if !sizing.is_empty() {
                <p class="hint sizing-rule" data-testid="lmi-sizing">
                    { if s.lmi.instance_hours.is_some() { "Entered instance-hours are billed. Sized from the traffic: " } else { "Sizing: " } }
                    { sizing }
                </p>
            }
            if s.compute == Compute::ManagedInstances {
                { lmi_bill(s) }
            }
        </details>
    }
}

/// The LMI bill, line by line (what `compute=lmi` bills).
fn lmi_bill(s: &Scenario) -> Html {
    match s.lmi_bill() {
        Ok(b) => html! {
            <table class="lmi-bill" data-testid="lmi-bill">
                <caption>{ "Managed Instances bill" }</caption>
                <tbody>
                    { for b.bill.lines.iter().map(|l| html! {
                        <tr>
                            <th scope="row">{ l.item.label() }</th>
                            <td>{ l.quantity_text() }</td>
                            <td>{ l.rate_text() }</td>
                            <td class="num">{ format_cents(l.cents()) }</td>
                        </tr>
                    }) }
                    <tr class="total"><th scope="row">{ "Total" }</th><td></td><td></td>
                        <td class="num">{ format_cents(b.bill.total_cents()) }</td></tr>
                </tbody>
            </table>
        },
        Err(errors) => html! {
            <p class="field-error" role="alert">
                { errors.iter().map(ToString::to_string).collect::<Vec<_>>().join(" ") }
            </p>
        },
    }
}
