//! Power Tuning's Lambda Managed Instances runs: for each instance type and memory per
//! vCPU, the cost and duration at each concurrency level it measured. Concurrency is
//! requests one execution environment serves at once, never a memory size.

use lambda_cost::money::{format_quantity, format_small_usd};
use lambda_cost::tuning::ConcurrencyRun;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LmiRunsProps {
    pub runs: Rc<Vec<ConcurrencyRun>>,
}

#[function_component(LmiRuns)]
pub fn lmi_runs(props: &LmiRunsProps) -> Html {
    if props.runs.is_empty() {
        return html! {};
    }
    html! {
        <section class="card lmi-runs" aria-labelledby="lmi-runs-title" data-testid="lmi-runs">
            <h2 id="lmi-runs-title">{ "Power Tuning on Managed Instances" }</h2>
            <p class="hint">{ "Each level is how many requests one execution environment served at once; cost per invocation is Power Tuning's (hourly price x 1.15 / 3600 x duration / concurrency + $0.20 per 1M requests)." }</p>
            { for props.runs.iter().map(run_table) }
        </section>
    }
}

fn run_table(run: &ConcurrencyRun) -> Html {
    let cheapest = run
        .points
        .iter()
        .min_by(|a, b| a.cost_per_invocation.total_cmp(&b.cost_per_invocation))
        .map(|p| p.concurrency);
    html! {
        <table class="lmi-run">
            <caption>{ run.label() }</caption>
            <thead>
                <tr>
                    <th scope="col">{ "Concurrency" }</th>
                    <th scope="col">{ "Duration" }</th>
                    <th scope="col">{ "Cost per invocation" }</th>
                    <th scope="col">{ "Per 1M invocations" }</th>
                </tr>
            </thead>
            <tbody>
                { for run.points.iter().map(|p| html! {
                    <tr class={(Some(p.concurrency) == cheapest).then_some("cheapest")}>
                        <th scope="row">{ format!("{} at once", p.concurrency) }</th>
                        <td class="num">{ format!("{} ms", format_quantity(p.duration_ms, 1)) }</td>
                        <td class="num">{ format_small_usd(p.cost_per_invocation) }</td>
                        <td class="num">{ format_small_usd(p.cost_per_invocation * 1e6) }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
