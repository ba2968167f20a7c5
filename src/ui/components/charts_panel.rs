//! The three charts, each with its assumption, its key figure and, for screen readers
//! and for copying, the table behind it.

use super::export_menu::{export_group, print_link, ChartExport, Table, TableExport};
use crate::ui::charts::{
    Chart, ChartCanvas, ChartKind, MemoryChart, UtilizationChart, VolumeChart,
};
use crate::ui::format::compact_count;
use crate::ui::results::Results;
use lambda_cost::money;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ChartsPanelProps {
    pub results: Rc<Results>,
}

/// Memory sizes people actually choose, for the data table.
const TABLE_SIZES: [u32; 12] = [
    128, 256, 512, 1024, 1536, 1769, 2048, 3008, 4096, 6144, 8192, 10240,
];

#[function_component(ChartsPanel)]
pub fn charts_panel(props: &ChartsPanelProps) -> Html {
    let r = &props.results;
    let s = &r.scenario;
    let model = if s.cpu_bound_pct == 0.0 {
        "Duration stays as entered at every size (0 % CPU-bound).".to_string()
    } else {
        format!(
            "Durations modelled from {} ms at {} MB: {} % of it is CPU-bound and scales with the CPU share{}.",
            money::format_quantity(s.duration_ms, 3),
            s.memory_mb,
            money::format_quantity(s.cpu_bound_pct, 2),
            if s.multi_threaded { " (multi-threaded: up to 6 vCPU at 10,240 MB)" } else { " up to 1 vCPU at 1,769 MB" }
        )
    };
    let breakeven = r.utilization.breakeven;
    let line = AttrValue::from(lambda_cost::scenario::view::summary(s));

    html! {
        <>
            <section class="card chart-card" aria-labelledby="chart-memory-title">
                <h2 id="chart-memory-title">{ "Cost and duration by memory" }</h2>
                <p class="chart-note">
                    { model }
                    { " arm64 takes " }{ money::format_quantity(s.arm64_factor, 3) }{ "× the x86_64 duration. Rings mark the cheapest size." }
                    if r.memory.series.iter().any(|m| !m.measured.is_empty()) {
                        { " Dots are sizes measured by Power Tuning, priced at your volume: where they differ from the line, trust the dots." }
                    }
                </p>
                <ChartCanvas chart={ChartKind::Memory(r.memory.clone())} testid="chart-memory" />
                { export_group("Export cost and duration by memory", html! {
                    <>
                        <TableExport results={r.clone()} table={Table::ByMemory(&TABLE_SIZES)} />
                        <ChartExport chart={ChartKind::Memory(r.memory.clone())} scenario={line.clone()} canvas="chart-memory" name="memory"
                            title="Cost and duration by memory" detail={s.region.clone()} />
                    </>
                }) }
                { memory_table(&r.memory) }
            </section>

            <section class="card chart-card" aria-labelledby="chart-volume-title">
                <h2 id="chart-volume-title">{ "Cost by request volume" }</h2>
                <p class="chart-note">{ "From one request a day to 10,000 a second, everything else as set." }</p>
                <ChartCanvas chart={ChartKind::Volume(r.volume.clone())} testid="chart-volume" />
                { export_group("Export the chart of cost by request volume", html! {
                    <ChartExport chart={ChartKind::Volume(r.volume.clone())} scenario={line.clone()} canvas="chart-volume" name="volume"
                        title="Cost by request volume" detail={s.region.clone()} />
                }) }
                { volume_table(&r.volume) }
            </section>

            <section class="card chart-card" aria-labelledby="chart-pc-title">
                <h2 id="chart-pc-title">{ "Provisioned concurrency or on-demand" }</h2>
                <p class="chart-figure">
                    { "Break-even utilization: " }
                    <strong data-testid="pc-breakeven">
                        { breakeven.map(|u| format!("{:.1} %", u * 100.0)).unwrap_or_else(|| "never".into()) }
                    </strong>
                    { format!(" in {} on {}", s.region, s.arch) }
                </p>
                <p class="chart-note">
                    { format!("For {}. Above the break-even, keeping instances warm costs less than running the same work on demand. Your average concurrency at steady traffic: {}.",
                        r.utilization.basis, money::format_quantity(r.average_concurrency, 2)) }
                </p>
                <ChartCanvas chart={ChartKind::Utilization(r.utilization.clone())} testid="chart-pc" />
                { export_group("Export the provisioned concurrency chart", html! {
                    <ChartExport chart={ChartKind::Utilization(r.utilization.clone())} scenario={line.clone()} canvas="chart-pc" name="provisioned-concurrency"
                        title="Provisioned concurrency or on-demand" detail={format!("{}-{}", s.region, s.arch)} />
                }) }
                { utilization_table(&r.utilization) }
            </section>
            { print_link(s) }
        </>
    }
}

fn memory_table(chart: &MemoryChart) -> Html {
    html! {
        <details class="chart-data">
            <summary>{ "Data table" }</summary>
            <table>
                <caption class="visually-hidden">{ chart.summary() }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Memory" }</th>
                        { for chart.series.iter().map(|s| html! {
                            <>
                                <th scope="col" class="num">{ format!("{} cost / month", s.arch) }</th>
                                <th scope="col" class="num">{ format!("{} duration", s.arch) }</th>
                            </>
                        }) }
                    </tr>
                </thead>
                <tbody>
                    { for TABLE_SIZES.iter().map(|mb| html! {
                        <tr>
                            <th scope="row">{ format!("{} MB", money::format_quantity(*mb as f64, 0)) }</th>
                            { for chart.series.iter().map(|s| {
                                let p = crate::ui::charts::sweep_point(&s.points, *mb);
                                html! {
                                    <>
                                        <td class="num">{ p.map(|p| money::format_usd(p.monthly_usd)).unwrap_or_default() }</td>
                                        <td class="num">{ p.map(|p| format!("{} ms", money::format_quantity(p.duration_ms, 1))).unwrap_or_default() }</td>
                                    </>
                                }
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </details>
    }
}

fn volume_table(chart: &VolumeChart) -> Html {
    let decades: Vec<f64> = (2..=10)
        .map(|e| 10f64.powi(e))
        .filter(|v| *v >= chart.from && *v <= chart.to)
        .collect();
    html! {
        <details class="chart-data">
            <summary>{ "Data table" }</summary>
            <table>
                <caption class="visually-hidden">{ chart.summary() }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Requests / month" }</th>
                        { for chart.series.iter().map(|s| html! { <th scope="col" class="num">{ format!("{} / month", s.arch) }</th> }) }
                    </tr>
                </thead>
                <tbody>
                    { for decades.iter().map(|v| html! {
                        <tr>
                            <th scope="row">{ compact_count(*v) }</th>
                            { for chart.series.iter().map(|s| {
                                let p = s.points.iter().min_by(|a, b| (a.requests.ln() - v.ln()).abs().total_cmp(&(b.requests.ln() - v.ln()).abs()));
                                html! { <td class="num">{ p.map(|p| money::format_small_usd(p.monthly_usd)).unwrap_or_default() }</td> }
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </details>
    }
}

fn utilization_table(chart: &UtilizationChart) -> Html {
    html! {
        <details class="chart-data">
            <summary>{ "Data table" }</summary>
            <table>
                <caption class="visually-hidden">{ chart.summary() }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Utilization" }</th>
                        <th scope="col" class="num">{ "Provisioned / month" }</th>
                        <th scope="col" class="num">{ "On-demand / month" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for chart.points.iter().step_by(10).map(|p| html! {
                        <tr>
                            <th scope="row">{ format!("{:.0} %", p.utilization * 100.0) }</th>
                            <td class="num">{ money::format_usd(p.provisioned_usd) }</td>
                            <td class="num">{ money::format_usd(p.on_demand_usd) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </details>
    }
}
