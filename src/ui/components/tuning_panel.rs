//! The Power Tuning section: the paste box, each run's picks with the balanced weight,
//! the architecture comparison, the chart and the table. Everything shown is computed
//! by the core in `Results::compute`.

use super::class_list;
use super::export_menu::{export_group, ChartExport, Table, TableExport};
use super::tuning_import::{RunItem, TuningImport};
use super::TuningTable;
use crate::ui::charts::tuning::CostMetric;
use crate::ui::charts::{ChartCanvas, ChartKind, TuningChart};
use crate::ui::results::{Results, TuningComparison};
use crate::ui::state::Msg;
use lambda_cost::decimal::fixed;
use lambda_cost::money;
use lambda_cost::tuning::analysis::Baseline;
use lambda_cost::tuning::{RunAnalysis, Side};
use lambda_cost::Arch;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TuningPanelProps {
    /// The runs as named and priced: label and architecture.
    pub runs: Vec<RunItem>,
    /// The scenario's architecture, memory and balanced weight.
    pub scenario_arch: Arch,
    pub memory_mb: u32,
    pub weight: f64,
    /// Why the last paste was refused, and what the last accepted one said.
    pub error: Option<AttrValue>,
    pub notices: Vec<String>,
    /// The runs analysed (from `Results::compute`); `None` while the scenario is invalid.
    pub results: Option<Rc<Results>>,
    pub on_msg: Callback<Msg>,
}

#[function_component(TuningPanel)]
pub fn tuning_panel(props: &TuningPanelProps) -> Html {
    let metric = use_state(CostMetric::default);
    let results = props.results.as_ref().filter(|r| !r.tuning.is_empty());

    html! {
        <section class="card pt" aria-labelledby="pt-title" data-testid="power-tuning">
            <h2 id="pt-title" tabindex="-1">{ "Power Tuning" }</h2>
            <p class="chart-note">
                { "Import AWS Lambda Power Tuning runs to see what each memory size costs per month at your volume, and whether arm64 beats x86_64." }
            </p>
            <TuningImport
                runs={props.runs.clone()}
                scenario_arch={props.scenario_arch}
                error={props.error.clone()}
                notices={props.notices.clone()}
                on_msg={props.on_msg.clone()}
            />
            if let Some(r) = results {
                { weight_slider(props.weight, &props.on_msg) }
                <div class="pt-picks" data-testid="pt-picks">
                    { for r.tuning.iter().map(|run| picks(run, r)) }
                </div>
                if let Some(c) = &r.tuning_comparison {
                    { comparison(c, &r.tuning) }
                }
                { chart(r, *metric, &metric) }
                <TuningTable runs={r.tuning.clone()} baseline_mb={props.memory_mb} />
                { disagreements(&r.tuning) }
            }
        </section>
    }
}

fn weight_slider(weight: f64, on_msg: &Callback<Msg>) -> Html {
    let oninput = on_msg.reform(|e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        Msg::SetWeight(
            lambda_cost::decimal::parse(&input.value())
                .unwrap_or(lambda_cost::tuning::DEFAULT_WEIGHT),
        )
    });
    html! {
        <div class="field pt-weight">
            <label for="pt-weight">
                { "Balanced weight " }
                <output for="pt-weight" data-testid="pt-weight-value">{ fixed(weight, 2) }</output>
            </label>
            <div class="pt-weight-row">
                <span class="hint" aria-hidden="true">{ "0 fastest" }</span>
                <input
                    type="range"
                    id="pt-weight"
                    class="slider"
                    min="0"
                    max="1"
                    step="0.05"
                    value={weight.to_string()}
                    aria-describedby="pt-weight-hint"
                    {oninput}
                />
                <span class="hint" aria-hidden="true">{ "1 cheapest" }</span>
            </div>
            <p class="hint" id="pt-weight-hint">
                { "Power Tuning's balancedWeight: how much the balanced pick values cost against speed." }
            </p>
        </div>
    }
}

/// A run's picks: Power Tuning's three and ours by the monthly bill, each with its
/// change against the current configuration.
fn picks(run: &RunAnalysis, r: &Results) -> Html {
    let s = &r.scenario;
    // Picks that fall on the same size share one entry.
    let all = [
        ("bill", run.monthly_pick),
        ("cost", run.picks.cost),
        ("speed", run.picks.speed),
        ("balanced", run.picks.balanced),
    ];
    let mut groups: Vec<(usize, Vec<&str>)> = Vec::new();
    for (key, index) in all {
        let Some(i) = index else { continue };
        match groups.iter_mut().find(|(g, _)| *g == i) {
            Some((_, keys)) => keys.push(key),
            None => groups.push((i, vec![key])),
        }
    }
    let entry = |(i, keys): &(usize, Vec<&str>)| {
        let Some(a) = run.points.get(*i) else {
            return html! {};
        };
        let bill = a
            .monthly_cents()
            .map(|c| format!(" · {} / month", money::format_cents(c)))
            .unwrap_or_default();
        html! {
            <div class="pt-pick" data-testid="pt-pick" data-picks={keys.join(" ")}>
                <dt>{ pick_names(keys, s.tuning_weight) }</dt>
                <dd>
                    <strong class="pt-pick-mb">{ format!("{} MB", money::format_quantity(a.point.memory_mb as f64, 0)) }</strong>
                    { format!(" · {} ms{bill}", money::format_quantity(a.point.duration_ms, 2)) }
                    if let Some(d) = a.delta {
                        <span class="pt-delta">{ d.describe() }</span>
                    }
                </dd>
            </div>
        }
    };
    let baseline = run
        .points
        .iter()
        .find_map(|p| p.delta)
        .map(|d| match d.baseline {
            Baseline::Measured => format!(
                "Changes are against your {} MB as this run measured it.",
                money::format_quantity(s.memory_mb as f64, 0)
            ),
            Baseline::Scenario => format!(
                "Changes are against your {} MB at {} ms on {}, as entered in the form.",
                money::format_quantity(s.memory_mb as f64, 0),
                money::format_quantity(s.duration_ms, 3),
                s.arch
            ),
        });
    html! {
        <article class="pt-run-picks">
            <h3>
                <span class={class_list(&[Some("pt-glyph"), Some(run.arch.as_str())])} aria-hidden="true">
                    { if run.arch == Arch::Arm64 { "▲ " } else { "● " } }
                </span>
                { &run.label }
                <span class="pt-arch">{ format!(" priced as {} in {}", run.arch, s.region) }</span>
            </h3>
            <dl>
                { for groups.iter().map(entry) }
            </dl>
            if let Some(b) = baseline {
                <p class="hint">{ b }</p>
            }
            { for run.notices.iter().map(|n| html! { <p class="hint">{ n }</p> }) }
        </article>
    }
}

/// "Lowest monthly bill · Power Tuning's cost and speed picks".
fn pick_names(keys: &[&str], weight: f64) -> String {
    let balanced = format!("balanced (w = {})", fixed(weight, 2));
    let pt: Vec<&str> = keys
        .iter()
        .filter_map(|k| match *k {
            "cost" => Some("cost"),
            "speed" => Some("speed"),
            "balanced" => Some(balanced.as_str()),
            _ => None,
        })
        .collect();
    let pt = match pt.as_slice() {
        [] => String::new(),
        [one] => format!("Power Tuning's {one} pick"),
        [init @ .., last] => format!("Power Tuning's {} and {last} picks", init.join(", ")),
    };
    match (keys.contains(&"bill"), pt.is_empty()) {
        (true, true) => "Lowest monthly bill".into(),
        (true, false) => format!("Lowest monthly bill · {pt}"),
        (false, _) => pt,
    }
}

fn comparison(c: &TuningComparison, runs: &[RunAnalysis]) -> Html {
    let cmp = &c.comparison;
    let (a, b) = (&cmp.a_label, &cmp.b_label);
    let headline = cmp
        .at_best
        .map(|m| format!("At each run's lowest bill: {}.", m.describe(a, b)));
    let side = |m: &lambda_cost::tuning::MemoryComparison| match m.cheaper {
        Side::A => a.as_str(),
        Side::B => b.as_str(),
        Side::Same => "same",
    };
    let same_arch = runs.get(c.a).map(|r| r.arch) == runs.get(c.b).map(|r| r.arch);
    html! {
        <div class="pt-compare" data-testid="pt-comparison">
            <h3>{ format!("{a} vs {b}") }</h3>
            if let Some(h) = headline {
                <p class="pt-verdict">{ h }</p>
            }
            if same_arch {
                <p class="hint">{ "Both runs are priced on the same architecture: set one run's architecture above to compare x86_64 with arm64." }</p>
            }
            if !cmp.per_memory.is_empty() {
                <div class="pt-table-wrap">
                    <table class="pt-table compact">
                        <caption class="visually-hidden">{ format!("Monthly bill of {a} and {b} at each memory size both measured") }</caption>
                        <thead>
                            <tr>
                                <th scope="col" class="num">{ "Memory" }</th>
                                <th scope="col" class="num">{ format!("{a} / month") }</th>
                                <th scope="col" class="num">{ format!("{b} / month") }</th>
                                <th scope="col">{ "Cheaper" }</th>
                            </tr>
                        </thead>
                        <tbody>
                            { for cmp.per_memory.iter().map(|m| html! {
                                <tr>
                                    <th scope="row" class="num">{ format!("{} MB", money::format_quantity(m.a_memory_mb as f64, 0)) }</th>
                                    <td class="num">{ money::format_cents(m.a_cents) }</td>
                                    <td class="num">{ money::format_cents(m.b_cents) }</td>
                                    <td>
                                        <strong>{ side(m) }</strong>
                                        if m.cheaper != Side::Same {
                                            { format!(" by {} ({}%)", money::format_cents(m.difference_cents),
                                                m.difference_pct.map(|p| fixed(p * 100.0, 0)).unwrap_or_default()) }
                                        }
                                    </td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        </div>
    }
}

fn chart(r: &Rc<Results>, metric: CostMetric, set: &UseStateHandle<CostMetric>) -> Html {
    let mut chart: TuningChart = r.tuning_chart.clone();
    chart.metric = metric;
    let option = |m: CostMetric, id: &'static str, text: &'static str| {
        let set = set.clone();
        let onchange = Callback::from(move |_: Event| set.set(m));
        html! {
            <>
                <input type="radio" name="pt-metric" {id} checked={metric == m} {onchange} />
                <label for={id}>{ text }</label>
            </>
        }
    };
    html! {
        <div class="pt-chart">
            <h3 id="pt-chart-title">{ "Cost and duration by memory" }</h3>
            <div class="segmented pt-metric" role="radiogroup" aria-labelledby="pt-chart-title">
                { option(CostMetric::Monthly, "pt-metric-monthly", "Monthly bill") }
                { option(CostMetric::PerMillion, "pt-metric-million", "Power Tuning per 1M") }
            </div>
            <p class="chart-note">
                { "Points are the sizes each run measured, joined by straight lines. Cost: thick lines, filled markers (left axis); duration: thin lines, hollow markers (right axis). x86_64 ● solid, arm64 ▲ dashed. Rings mark each run's lowest monthly bill." }
            </p>
            <ChartCanvas chart={ChartKind::Tuning(chart.clone())} testid="chart-tuning" />
            { export_group("Export the Power Tuning runs and chart", html! {
                <>
                    <TableExport scenario={Rc::new(r.scenario.clone())} table={Table::TuningRuns} />
                    <ChartExport chart={ChartKind::Tuning(chart)} scenario={lambda_cost::export::embed::summary(&r.scenario)} canvas="chart-tuning" name="power-tuning" title="Power Tuning: cost and duration by memory" />
                </>
            }) }
        </div>
    }
}

fn disagreements(runs: &[RunAnalysis]) -> Html {
    let items: Vec<String> = runs
        .iter()
        .flat_map(|r| {
            // Power Tuning's own price rounding is explained once per run, with its picks.
            r.points.iter().filter_map(move |p| {
                p.disagreement
                    .filter(|d| !d.is_power_tunings_rounding())
                    .map(|d| {
                        format!(
                            "{}, {} MB: {}.",
                            r.label,
                            money::format_quantity(p.point.memory_mb as f64, 0),
                            d.message()
                        )
                    })
            })
        })
        .collect();
    if items.is_empty() {
        return html! {};
    }
    html! {
        <details class="chart-data pt-disagreements" data-testid="pt-disagreements">
            <summary>{ format!("≠ rate card: Power Tuning's cost differs from AWS's rates at {} size{}", items.len(), if items.len() == 1 { "" } else { "s" }) }</summary>
            <ul>
                { for items.iter().map(|t| html! { <li>{ t }</li> }) }
            </ul>
        </details>
    }
}
