//! Above the form: what the Power Tuning runs say, so a link that carries runs opens on
//! their answer instead of on a form with the runs far below it.

use crate::ui::results::Results;
use crate::ui::view::{el, Element, View};
use lambda_cost::decimal::fixed;
use lambda_cost::money;
use lambda_cost::tuning::RunAnalysis;

/// Runs summed up in full; the rest are counted and left to the section below.
const SUMMED_UP: usize = 2;

/// The summary, `None` without runs; `from_link`: the page was opened with these runs in
/// its link. Plain markup data, put on the page by the calculator (through Yew) and by
/// the first frame (`ui::page_frame`).
pub fn view(results: &Results, from_link: bool) -> Option<View> {
    let runs = &results.tuning;
    if runs.is_empty() {
        return None;
    }
    let title = match (from_link, runs.len()) {
        (true, 1) => "This link carries a Power Tuning run".to_string(),
        (true, n) => format!("This link carries {n} Power Tuning runs"),
        (false, 1) => "Your Power Tuning run".to_string(),
        (false, n) => format!("Your {n} Power Tuning runs"),
    };
    let s = &results.scenario;
    let more = runs.len().saturating_sub(SUMMED_UP);
    let more = if more > 0 {
        format!(
            "{more} more run{} and the whole table",
            if more == 1 { "" } else { "s" }
        )
    } else {
        "Every size, the chart and the table".to_string()
    };
    Some(
        el("section")
            .class("card tuning-picks")
            .testid("tuning-picks")
            .attr("aria-labelledby", "tuning-picks-title")
            .child(el("h2").attr("id", "tuning-picks-title").text(title))
            .child(el("p").class("hint").text(format!(
                "Power Tuning's picks (balanced weight {}) and their monthly bills at {} requests/month in {}.",
                fixed(s.tuning_weight, 2),
                money::format_quantity(s.requests, 0),
                s.region
            )))
            .children(runs.iter().take(SUMMED_UP).map(run_picks))
            .child(
                el("a")
                    .class("tuning-picks-more")
                    .attr("href", "#pt-title")
                    .on_click(|| crate::ui::browser::jump_to("pt-title"))
                    .text(more),
            )
            .into(),
    )
}

/// "Run 1 (x86_64)", then "Cheapest 512 MB · 4 ms · $0.23 / month", fastest, balanced.
fn run_picks(run: &RunAnalysis) -> Element {
    let picks = [
        ("Cheapest", "cost", run.picks.cost),
        ("Fastest", "speed", run.picks.speed),
        ("Balanced", "balanced", run.picks.balanced),
    ];
    let picks = picks.into_iter().filter_map(|(name, key, index)| {
        let point = run.points.get(index?)?;
        let bill = point
            .monthly_cents()
            .map(|c| format!("{} / month", money::format_cents(c)))
            .unwrap_or_else(|| "no monthly bill".to_string());
        Some(
            el("div")
                .class("tuning-pick")
                .attr("data-pick", key)
                .child(el("dt").text(name))
                .child(
                    el("dd")
                        .child(el("strong").text(format!(
                            "{} MB",
                            money::format_quantity(point.point.memory_mb as f64, 0)
                        )))
                        .text(format!(
                            " · {} ms · {bill}",
                            money::format_quantity(point.point.duration_ms, 2)
                        )),
                ),
        )
    });
    el("div")
        .class("tuning-picks-run")
        .child(el("h3").text(format!("{} ({})", run.label, run.arch)))
        .child(el("dl").children(picks))
}
