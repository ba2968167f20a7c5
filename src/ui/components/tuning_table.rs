//! Every measured memory size of every run: Power Tuning's figures next to our monthly
//! bill, sortable by any column, with the picks marked in words.

use super::class_list;
use crate::ui::format::per_million_usd;
use lambda_cost::money;
use lambda_cost::order::SortKey;
use lambda_cost::tuning::{Currency, RunAnalysis};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TuningTableProps {
    pub runs: Rc<Vec<RunAnalysis>>,
    /// The scenario's memory size, for the delta column's heading.
    pub baseline_mb: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Run,
    Memory,
    Duration,
    PtCost,
    Monthly,
    Change,
}

const COLUMNS: [(Column, &str); 6] = [
    (Column::Run, "Run"),
    (Column::Memory, "Memory"),
    (Column::Duration, "Avg duration"),
    (Column::PtCost, "Power Tuning cost / invocation"),
    (Column::Monthly, "Monthly bill"),
    (Column::Change, "vs yours"),
];

/// Sort state: column and ascending.
type Sort = (Column, bool);

/// The value a row sorts by in `column`; rows without one go last.
fn key(runs: &[RunAnalysis], (r, p): (usize, usize), column: Column) -> Option<f64> {
    let a = &runs[r].points[p];
    match column {
        Column::Run => Some(r as f64),
        Column::Memory => Some(a.point.memory_mb as f64),
        Column::Duration => Some(a.point.duration_ms),
        Column::PtCost => Some(a.point.cost_per_invocation),
        Column::Monthly => a.monthly_cents().map(|c| c as f64),
        Column::Change => a.delta.and_then(|d| d.cost_change),
    }
}

fn sorted_rows(runs: &[RunAnalysis], (column, ascending): Sort) -> Vec<(usize, usize)> {
    let mut rows: Vec<(usize, usize)> = runs
        .iter()
        .enumerate()
        .flat_map(|(r, run)| (0..run.points.len()).map(move |p| (r, p)))
        .collect();
    // Rows without a value last; ties keep run order (rows are built in that order, and
    // the shared sort is stable). Negating reverses `total_cmp` exactly.
    lambda_cost::order::sort_by_key(&mut rows, |&row| match key(runs, row, column) {
        Some(x) => SortKey {
            major: 0,
            minor: if ascending { x } else { -x },
        },
        None => SortKey {
            major: 1,
            minor: 0.0,
        },
    });
    rows
}

fn cost_text(c: f64, currency: Currency) -> String {
    match currency {
        Currency::Usd => money::format_small_usd(c),
        Currency::Cny => format!("{} CNY", money::format_small_usd(c).trim_start_matches('$')),
    }
}

fn per_million_text(c: f64, currency: Currency) -> String {
    match currency {
        Currency::Usd => per_million_usd(c),
        Currency::Cny => format!("{} CNY", per_million_usd(c).trim_start_matches('$')),
    }
}

#[function_component(TuningTable)]
pub fn tuning_table(props: &TuningTableProps) -> Html {
    let sort = use_state(|| (Column::Run, true));
    let runs = &props.runs;
    let rows = sorted_rows(runs, *sort);
    let many = runs.len() > 1;

    let header = |(column, title): (Column, &str)| {
        let (current, ascending) = *sort;
        let active = current == column;
        let aria = if !active {
            "none"
        } else if ascending {
            "ascending"
        } else {
            "descending"
        };
        let title = if column == Column::Change {
            format!(
                "vs your {} MB",
                money::format_quantity(props.baseline_mb as f64, 0)
            )
        } else {
            title.to_string()
        };
        let onclick = {
            let sort = sort.clone();
            Callback::from(move |_: MouseEvent| {
                let (c, asc) = *sort;
                sort.set((column, if c == column { !asc } else { true }));
            })
        };
        let arrow = match (active, ascending) {
            (false, _) => "↕",
            (true, true) => "▲",
            (true, false) => "▼",
        };
        let class = if matches!(column, Column::Run) {
            None
        } else {
            Some("num")
        };
        // The monthly bill stays in sight while the table scrolls sideways.
        let pinned = (column == Column::Monthly).then_some("pt-monthly");
        html! {
            <th scope="col" class={class_list(&[class, pinned])} aria-sort={aria}>
                <button type="button" class="sort" {onclick}>
                    { title }
                    <span class="sort-arrow" aria-hidden="true">{ arrow }</span>
                </button>
            </th>
        }
    };

    html! {
        <div class="pt-table-wrap" tabindex="0" role="region" aria-labelledby="pt-table-caption">
            <table class="pt-table" data-testid="pt-table">
                <caption id="pt-table-caption">
                    { "Every memory size measured. Power Tuning's cost is duration only; the monthly bill adds requests, free tier, storage and INIT as the form sets them. Click a heading to sort." }
                </caption>
                <thead>
                    <tr>
                        { for COLUMNS.iter().copied().filter(|(c, _)| many || *c != Column::Run).map(header) }
                        <th scope="col">{ "Picks" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for rows.iter().map(|&(r, p)| row(&runs[r], p, many)) }
                </tbody>
            </table>
        </div>
    }
}

fn row(run: &RunAnalysis, i: usize, many: bool) -> Html {
    let a = &run.points[i];
    let pt = &a.point;
    let mut picks: Vec<(&str, &str)> = Vec::new();
    if run.monthly_pick == Some(i) {
        picks.push(("bill", "lowest bill"));
    }
    if run.picks.cost == Some(i) {
        picks.push(("cost", "cost"));
    }
    if run.picks.speed == Some(i) {
        picks.push(("speed", "speed"));
    }
    if run.picks.balanced == Some(i) {
        picks.push(("balanced", "balanced"));
    }
    let monthly = match &a.bill {
        Ok(b) => html! { { money::format_cents(b.total_cents()) } },
        Err(why) => html! { <span class="muted" title={why.clone()}>{ "not priced" }</span> },
    };
    html! {
        <tr class={(!picks.is_empty()).then_some("picked")}>
            if many {
                <td class="pt-run-cell">
                    <span class={class_list(&[Some("pt-glyph"), Some(run.arch.as_str())])} aria-hidden="true">
                        { if run.arch == lambda_cost::Arch::Arm64 { "▲ " } else { "● " } }
                    </span>
                    { &run.label }
                </td>
            }
            <th scope="row" class="num">{ format!("{} MB", money::format_quantity(pt.memory_mb as f64, 0)) }</th>
            <td class="num">{ format!("{} ms", money::format_quantity(pt.duration_ms, 2)) }</td>
            <td class="num">
                { cost_text(pt.cost_per_invocation, run.currency) }
                <span class="pt-per-million">{ format!("{} per 1M", per_million_text(pt.cost_per_million(), run.currency)) }</span>
                if a.disagreement.is_some_and(|d| !d.is_power_tunings_rounding()) {
                    <span class="badge warn">{ "≠ rate card" }</span>
                }
            </td>
            <td class="num pt-monthly" data-testid="pt-monthly">{ monthly }</td>
            <td class="num change">{ a.delta.map(|d| d.change()).unwrap_or_default() }</td>
            <td class="pt-picks-cell">
                { for picks.iter().map(|(class, text)| html! { <span class={class_list(&[Some("badge"), Some(*class)])}>{ *text }</span> }) }
            </td>
        </tr>
    }
}
