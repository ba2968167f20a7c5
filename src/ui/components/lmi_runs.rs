//! Power Tuning's Lambda Managed Instances runs: for each instance type and memory per
//! vCPU, the cost and duration at each concurrency level it measured. Concurrency is
//! requests one execution environment serves at once, never a memory size.
//!
//! Read-only, so plain markup data (`ui::view`), not a component of its own: Yew's code
//! per component is the larger part of a small one like this.

use crate::ui::view::{el, Element, View};
use lambda_cost::money::{format_quantity, format_small_usd};
use lambda_cost::tuning::ConcurrencyRun;

/// The runs' section; `None` without runs.
pub fn lmi_runs(runs: &[ConcurrencyRun]) -> Option<View> {
    if runs.is_empty() {
        return None;
    }
    Some(
        el("section")
            .class("card lmi-runs")
            .attr("aria-labelledby", "lmi-runs-title")
            .testid("lmi-runs")
            .child(
                el("h2")
                    .attr("id", "lmi-runs-title")
                    .text("Power Tuning on Managed Instances"),
            )
            .child(el("p").class("hint").text(
                "Each level is how many requests one execution environment served at once; \
                 cost per invocation is Power Tuning's (hourly price x 1.15 / 3600 x duration \
                 / concurrency + $0.20 per 1M requests).",
            ))
            .children(runs.iter().map(run_table))
            .into(),
    )
}

fn run_table(run: &ConcurrencyRun) -> Element {
    let cheapest = run
        .points
        .iter()
        .min_by(|a, b| a.cost_per_invocation.total_cmp(&b.cost_per_invocation))
        .map(|p| p.concurrency);
    let head = [
        "Concurrency",
        "Duration",
        "Cost per invocation",
        "Per 1M invocations",
    ];
    el("table")
        .class("lmi-run")
        .child(el("caption").text(run.label()))
        .child(
            el("thead")
                .child(el("tr").children(head.map(|h| el("th").attr("scope", "col").text(h)))),
        )
        .child(el("tbody").children(run.points.iter().map(|p| {
            let cell = |t: String| el("td").class("num").text(t);
            el("tr")
                .maybe_attr(
                    "class",
                    (Some(p.concurrency) == cheapest).then_some("cheapest"),
                )
                .child(
                    el("th")
                        .attr("scope", "row")
                        .text(format!("{} at once", p.concurrency)),
                )
                .child(cell(format!("{} ms", format_quantity(p.duration_ms, 1))))
                .child(cell(format_small_usd(p.cost_per_invocation)))
                .child(cell(format_small_usd(p.cost_per_invocation * 1e6)))
        })))
}
