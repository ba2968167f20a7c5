//! The three charts, each with its assumption, its key figure and, for screen readers
//! and for copying, the table behind it.

use super::export_menu::{export_group, print_link, ChartExport, Table, TableExport};
use crate::ui::charts::frame::nearest_on_log;
use crate::ui::charts::memory::MAX_MB;
use crate::ui::charts::{
    Chart, ChartCanvas, ChartKind, MemoryChart, UtilizationChart, VolumeChart,
};
use crate::ui::format::{compact_count, thousands};
use crate::ui::results::Results;
use lambda_cost::decimal::fixed;
use lambda_cost::model::{FULL_VCPU_MB, MAX_VCPUS, TABLE_SIZES};
use lambda_cost::money;
use std::rc::Rc;
use yew::prelude::*;

/// A function of the page, not a component: its charts are components that skip a
/// redraw when their data are the same, and Yew's code per component costs the bundle
/// more than building the panel's text again.
pub fn charts_panel(r: &Rc<Results>) -> Html {
    // The first frame has no curves (`Results::first`); the panel comes with them.
    let Some(c) = r.curves.as_ref() else {
        return html! {};
    };
    let s = &r.scenario;
    let model = if s.cpu_bound_pct == 0.0 {
        "Duration stays as entered at every size (0 % CPU-bound).".to_string()
    } else {
        format!(
            "Durations modelled from {} ms at {} MB: {} % of it is CPU-bound and scales with the CPU share{}.",
            money::format_quantity(s.duration_ms, 3),
            money::format_quantity(s.memory_mb as f64, 0),
            money::format_quantity(s.cpu_bound_pct, 2),
            if s.multi_threaded {
                format!(" (multi-threaded: up to {MAX_VCPUS} vCPU at {} MB)", thousands(MAX_MB))
            } else {
                format!(" up to 1 vCPU at {} MB", thousands(FULL_VCPU_MB))
            }
        )
    };
    let breakeven = c.utilization.breakeven;
    let line = AttrValue::from(lambda_cost::export::embed::summary(s));

    html! {
        <>
            <section class="card chart-card" aria-labelledby="chart-memory-title">
                <h2 id="chart-memory-title">{ "Cost and duration by memory" }</h2>
                <p class="chart-note">
                    { model }
                    { " arm64 takes " }{ money::format_quantity(s.arm64_factor, 3) }{ "× the x86_64 duration. Rings mark the cheapest size." }
                    if s.cpu_bound_pct > 0.0 {
                        { " Any small teeth in the cost lines are real: Lambda bills whole milliseconds, so a few MB more can cost a little more until the duration drops below the next millisecond." }
                    }
                    if c.memory.series.iter().any(|m| !m.measured.is_empty()) {
                        { " Dots are sizes measured by Power Tuning, priced at your volume: where they differ from the line, trust the dots." }
                    }
                </p>
                <ChartCanvas chart={ChartKind::Memory(c.memory.clone())} testid="chart-memory" />
                { export_group("Export cost and duration by memory", html! {
                    <>
                        <TableExport scenario={Rc::new(s.clone())} table={Table::ByMemory} />
                        <ChartExport chart={ChartKind::Memory(c.memory.clone())} scenario={line.clone()} canvas="chart-memory" name="memory"
                            title="Cost and duration by memory" detail={s.region.clone()} />
                    </>
                }) }
                { memory_table(&c.memory) }
            </section>

            <section class="card chart-card" aria-labelledby="chart-volume-title">
                <h2 id="chart-volume-title">{ "Cost by request volume" }</h2>
                <p class="chart-note">{ "From one request a day to 10,000 a second, everything else as set." }</p>
                <ChartCanvas chart={ChartKind::Volume(c.volume.clone())} testid="chart-volume" />
                { export_group("Export the chart of cost by request volume", html! {
                    <ChartExport chart={ChartKind::Volume(c.volume.clone())} scenario={line.clone()} canvas="chart-volume" name="volume"
                        title="Cost by request volume" detail={s.region.clone()} />
                }) }
                { volume_table(&c.volume) }
            </section>

            <section class="card chart-card" aria-labelledby="chart-pc-title">
                <h2 id="chart-pc-title">{ "Provisioned concurrency or on-demand" }</h2>
                <p class="chart-figure">
                    { "Break-even utilization: " }
                    <strong data-testid="pc-breakeven">
                        { breakeven.map(|u| format!("{} %", fixed(u * 100.0, 1))).unwrap_or_else(|| "never".into()) }
                    </strong>
                    { format!(" in {} on {}", s.region, s.arch) }
                </p>
                <p class="chart-note">
                    { format!("For {}. Above the break-even, keeping instances warm costs less than running the same work on demand. Your average concurrency at steady traffic: {}.",
                        c.utilization.basis, money::format_quantity(c.average_concurrency, 2)) }
                </p>
                if let (Some(u), Some(cost)) = (c.utilization.current, c.utilization.at_current) {
                    <p class="chart-figure" data-testid="pc-verdict">{ pc_verdict(u, cost.provisioned_extra_usd()) }</p>
                } else if let Some((instances, cost)) = c.pc_sized {
                    <p class="chart-figure" data-testid="pc-sizing">
                        { pc_sizing(c.average_concurrency, instances, &cost, breakeven) }
                    </p>
                }
                <ChartCanvas chart={ChartKind::Utilization(c.utilization.clone())} testid="chart-pc" />
                { export_group("Export the provisioned concurrency chart", html! {
                    <ChartExport chart={ChartKind::Utilization(c.utilization.clone())} scenario={line.clone()} canvas="chart-pc" name="provisioned-concurrency"
                        title="Provisioned concurrency or on-demand" detail={format!("{}-{}", s.region, s.arch)} />
                }) }
                { utilization_table(&c.utilization) }
            </section>
            { print_link(s) }
        </>
    }
}

/// Without provisioned concurrency set: what enough instances for the average
/// concurrency would cost or save at the utilization that gives them, in words.
fn pc_sizing(
    average_concurrency: f64,
    instances: u32,
    cost: &lambda_cost::model::UtilizationCost,
    breakeven: Option<f64>,
) -> String {
    let busy = money::format_quantity(cost.utilization * 100.0, 1);
    let against = match breakeven {
        // As the break-even figure above it shows it.
        Some(b) if cost.utilization >= b => {
            format!(", above the {} % break-even", fixed(b * 100.0, 1))
        }
        Some(b) => format!(", below the {} % break-even", fixed(b * 100.0, 1)),
        None => String::new(),
    };
    let extra = cost.provisioned_extra_usd();
    let amount = money::format_usd(extra.abs());
    let outcome = if amount == money::format_usd(0.0) {
        "they would cost the same as on-demand".to_string()
    } else if extra > 0.0 {
        format!("they would cost {amount} a month more than on-demand")
    } else {
        format!("they would save {amount} a month against on-demand")
    };
    format!(
        "You set no provisioned concurrency. At steady traffic, your average concurrency of {} would keep {} instance{} warm all month {busy} % busy{against}: {outcome}.",
        money::format_quantity(average_concurrency, 2),
        money::format_quantity(instances as f64, 0),
        if instances == 1 { "" } else { "s" },
    )
}

/// Where the user's utilization leaves provisioned concurrency against on-demand, in words.
fn pc_verdict(utilization: f64, extra_usd: f64) -> String {
    let at = format!(
        "At your {} % utilization, provisioned concurrency",
        money::format_quantity(utilization * 100.0, 1)
    );
    let amount = money::format_usd(extra_usd.abs());
    if amount == money::format_usd(0.0) {
        format!("{at} costs the same as on-demand.")
    } else if extra_usd > 0.0 {
        format!("{at} costs {amount} a month more than on-demand.")
    } else {
        format!("{at} saves {amount} a month against on-demand.")
    }
}

/// A chart's data as a table under it, closed until asked for: the chart's summary as
/// the caption, `corner` over the row names, then one numeric column per `columns`.
fn data_table(
    summary: String,
    corner: &str,
    columns: Vec<String>,
    rows: Vec<(String, Vec<String>)>,
) -> Html {
    html! {
        <details class="chart-data">
            <summary>{ "Data table" }</summary>
            <table>
                <caption class="visually-hidden">{ summary }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ corner }</th>
                        { for columns.into_iter().map(|c| html! { <th scope="col" class="num">{ c }</th> }) }
                    </tr>
                </thead>
                <tbody>
                    { for rows.into_iter().map(|(name, cells)| html! {
                        <tr>
                            <th scope="row">{ name }</th>
                            { for cells.into_iter().map(|c| html! { <td class="num">{ c }</td> }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </details>
    }
}

fn memory_table(chart: &MemoryChart) -> Html {
    let columns = chart
        .series
        .iter()
        .flat_map(|s| {
            [
                format!("{} cost / month", s.arch),
                format!("{} duration", s.arch),
            ]
        })
        .collect();
    let rows = TABLE_SIZES
        .iter()
        .map(|mb| {
            let cells = chart
                .series
                .iter()
                .flat_map(|s| {
                    let p = crate::ui::charts::sweep_point(&s.points, *mb);
                    [
                        p.map(|p| money::format_usd(p.monthly_usd))
                            .unwrap_or_default(),
                        p.map(|p| format!("{} ms", money::format_quantity(p.duration_ms, 1)))
                            .unwrap_or_default(),
                    ]
                })
                .collect();
            (
                format!("{} MB", money::format_quantity(*mb as f64, 0)),
                cells,
            )
        })
        .collect();
    data_table(chart.summary(), "Memory", columns, rows)
}

fn volume_table(chart: &VolumeChart) -> Html {
    let columns = chart
        .series
        .iter()
        .map(|s| format!("{} / month", s.arch))
        .collect();
    let rows = (2..=10)
        .map(|e| 10f64.powi(e))
        .filter(|v| *v >= chart.from && *v <= chart.to)
        .map(|v| {
            let cells = chart
                .series
                .iter()
                .map(|s| {
                    nearest_on_log(&s.points, v, |p| p.requests)
                        .map(|p| money::format_small_usd(p.monthly_usd))
                        .unwrap_or_default()
                })
                .collect();
            (compact_count(v), cells)
        })
        .collect();
    data_table(chart.summary(), "Requests / month", columns, rows)
}

fn utilization_table(chart: &UtilizationChart) -> Html {
    let columns = vec!["Provisioned / month".into(), "On-demand / month".into()];
    let rows = chart
        .points
        .iter()
        .step_by(10)
        .map(|p| {
            (
                format!("{} %", fixed(p.utilization * 100.0, 0)),
                vec![
                    money::format_usd(p.provisioned_usd),
                    money::format_usd(p.on_demand_usd),
                ],
            )
        })
        .collect();
    data_table(chart.summary(), "Utilization", columns, rows)
}

#[cfg(test)]
mod tests {
    use super::{pc_sizing, pc_verdict};
    use lambda_cost::model::UtilizationCost;

    #[test]
    fn without_pc_the_card_sizes_it_for_your_traffic() {
        let cost = |utilization, provisioned_usd, on_demand_usd| UtilizationCost {
            utilization,
            provisioned_usd,
            on_demand_usd,
        };
        assert_eq!(
            pc_sizing(5.66, 6, &cost(0.9433, 200.0, 230.5), Some(0.6)),
            "You set no provisioned concurrency. At steady traffic, your average concurrency of 5.66 would keep 6 instances warm all month 94.3 % busy, above the 60.0 % break-even: they would save $30.50 a month against on-demand."
        );
        assert_eq!(
            pc_sizing(0.2, 1, &cost(0.2, 20.0, 5.0), None),
            "You set no provisioned concurrency. At steady traffic, your average concurrency of 0.2 would keep 1 instance warm all month 20 % busy: they would cost $15.00 a month more than on-demand."
        );
    }

    #[test]
    fn the_pc_card_says_what_pc_costs_or_saves_at_your_utilization() {
        assert_eq!(
            pc_verdict(0.35, 4.5625),
            "At your 35 % utilization, provisioned concurrency costs $4.56 a month more than on-demand."
        );
        assert_eq!(
            pc_verdict(0.8, -3.2),
            "At your 80 % utilization, provisioned concurrency saves $3.20 a month against on-demand."
        );
        assert!(pc_verdict(0.6, 0.001).ends_with("costs the same as on-demand."));
    }

    #[tokio::test]
    async fn the_pc_card_shows_the_verdict_for_a_configured_scenario() {
        // 1 instance x 1,024 MB x 730 h serving 1,000,000 requests of 120 ms: 4.56 % busy.
        let html = crate::ui::tests::render(
            "#memory=1024&duration=120&requests=3000000&pc=1&pc_hours=730&pc_requests=1000000",
        )
        .await;
        let verdict = html
            .split(r#"data-testid="pc-verdict""#)
            .nth(1)
            .and_then(|rest| rest.split('>').nth(1))
            .and_then(|text| text.split('<').next())
            .expect("the verdict is shown");
        assert!(
            verdict.starts_with("At your 4.6 % utilization, provisioned concurrency costs $"),
            "{verdict}"
        );
        assert!(
            verdict.ends_with("a month more than on-demand."),
            "{verdict}"
        );
        let plain = crate::ui::tests::render("#memory=1024&duration=120&requests=3000000").await;
        assert!(
            !plain.contains("pc-verdict"),
            "no verdict without provisioned concurrency"
        );
        assert!(!html.contains("pc-sizing"), "configured: no sizing");
        // Without it, the case is sized: 3,000,000 requests of 120 ms a month average
        // 0.14 concurrent (Little's law), so 1 instance 13.7 % busy, below the break-even.
        let sizing = plain
            .split(r#"data-testid="pc-sizing""#)
            .nth(1)
            .and_then(|rest| rest.split('>').nth(1))
            .and_then(|text| text.split('<').next())
            .expect("the sizing is shown");
        assert!(
            sizing.starts_with("You set no provisioned concurrency. At steady traffic, your average concurrency of 0.14 would keep 1 instance warm all month 13.7 % busy, below the "),
            "{sizing}"
        );
        assert!(
            sizing.ends_with(" a month more than on-demand."),
            "{sizing}"
        );
        // 7,440,000 requests of 2,000 ms: 5.66 concurrent, 6 instances 94.4 % busy: PC
        // ($36.50 an instance at 100 %) saves against on-demand.
        let busy = crate::ui::tests::render("#memory=1024&duration=2000&requests=7440000").await;
        assert!(
            busy.contains("your average concurrency of 5.66 would keep 6 instances warm all month 94.4 % busy, above the 60.0 % break-even: they would save $37.63 a month against on-demand."),
            "{}",
            busy.split("pc-sizing").nth(1).unwrap_or("no pc-sizing")
        );
    }
}
