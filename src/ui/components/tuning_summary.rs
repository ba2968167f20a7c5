//! Above the form: what the Power Tuning runs say, so a link that carries runs opens on
//! their answer instead of on a form with the runs far below it.

use crate::ui::results::Results;
use lambda_cost::decimal::fixed;
use lambda_cost::money;
use lambda_cost::tuning::RunAnalysis;
use std::rc::Rc;
use yew::prelude::*;

/// Runs summed up in full; the rest are counted and left to the section below.
const SUMMED_UP: usize = 2;

#[derive(Properties, PartialEq)]
pub struct TuningSummaryProps {
    pub results: Rc<Results>,
    /// The page was opened with these runs in its link.
    pub from_link: bool,
}

#[function_component(TuningSummary)]
pub fn tuning_summary(props: &TuningSummaryProps) -> Html {
    let runs = &props.results.tuning;
    if runs.is_empty() {
        return html! {};
    }
    let title = match (props.from_link, runs.len()) {
        (true, 1) => "This link carries a Power Tuning run".to_string(),
        (true, n) => format!("This link carries {n} Power Tuning runs"),
        (false, 1) => "Your Power Tuning run".to_string(),
        (false, n) => format!("Your {n} Power Tuning runs"),
    };
    let s = &props.results.scenario;
    let more = runs.len().saturating_sub(SUMMED_UP);
    html! {
        <section class="card tuning-picks" data-testid="tuning-picks" aria-labelledby="tuning-picks-title">
            <h2 id="tuning-picks-title">{ title }</h2>
            <p class="hint">
                { format!("Power Tuning's picks (balanced weight {}) and their monthly bills at {} requests/month in {}.", fixed(s.tuning_weight, 2), money::format_quantity(s.requests, 0), s.region) }
            </p>
            { for runs.iter().take(SUMMED_UP).map(run_picks) }
            <a class="tuning-picks-more" href="#pt-title" onclick={super::summary_bar::jump("pt-title")}>
                { if more > 0 { format!("{more} more run{} and the whole table", if more == 1 { "" } else { "s" }) } else { "Every size, the chart and the table".to_string() } }
            </a>
        </section>
    }
}

/// "Run 1 (x86_64)", then "Cheapest 512 MB · 4 ms · $0.23 / month", fastest, balanced.
fn run_picks(run: &RunAnalysis) -> Html {
    let picks = [
        ("Cheapest", "cost", run.picks.cost),
        ("Fastest", "speed", run.picks.speed),
        ("Balanced", "balanced", run.picks.balanced),
    ];
    html! {
        <div class="tuning-picks-run">
            <h3>{ format!("{} ({})", run.label, run.arch) }</h3>
            <dl>
                { for picks.iter().filter_map(|(name, key, index)| {
                    let point = run.points.get((*index)?)?;
                    let bill = point
                        .monthly_cents()
                        .map(|c| format!("{} / month", money::format_cents(c)))
                        .unwrap_or_else(|| "no monthly bill".to_string());
                    Some(html! {
                        <div class="tuning-pick" data-pick={*key}>
                            <dt>{ *name }</dt>
                            <dd>
                                <strong>{ format!("{} MB", money::format_quantity(point.point.memory_mb as f64, 0)) }</strong>
                                { format!(" · {} ms · {bill}", money::format_quantity(point.point.duration_ms, 2)) }
                            </dd>
                        </div>
                    })
                }) }
            </dl>
        </div>
    }
}
