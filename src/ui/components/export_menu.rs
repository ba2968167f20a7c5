//! Export buttons and the print-only parts of the page. Tables export as CSV and
//! Markdown (`lambda_cost::export`), charts as SVG and PNG (`ui::download`); each file is
//! made when its button is pressed and saved through a `blob:` URL, never uploaded.

use crate::ui::charts::ChartKind;
use crate::ui::download;
use crate::ui::results::Results;
use lambda_cost::scenario::link;
use lambda_cost::{export, money, Scenario};
use std::rc::Rc;
use yew::prelude::*;

/// What a `TableExport` saves.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Table {
    /// The itemized bill: CSV, Markdown, and Markdown to the clipboard.
    Bill,
    /// Cost and duration by memory on both architectures: CSV with every size swept,
    /// Markdown with these sizes.
    ByMemory(&'static [u32]),
    /// The imported Power Tuning runs as CSV.
    TuningRuns,
}

#[derive(Properties, PartialEq)]
pub struct TableExportProps {
    pub results: Rc<Results>,
    pub table: Table,
}

/// The buttons for one table; place them inside an `export_group`.
#[function_component(TableExport)]
pub fn table_export(props: &TableExportProps) -> Html {
    let copied = use_state_eq(|| None::<bool>);
    {
        // "Copied" is about the bill that was copied: cleared when the figures change.
        let copied = copied.clone();
        use_effect_with(props.results.clone(), move |_| copied.set(None));
    }
    let r = &props.results;
    let s = &r.scenario;
    // `make` runs on click: a 10,113-row CSV is not worth building on every keystroke.
    let save = |mime: &'static str, make: fn(&Results) -> (String, String)| {
        let results = r.clone();
        Callback::from(move |_: MouseEvent| {
            let (name, text) = make(&results);
            download::save_text(&name, mime, &text);
        })
    };
    let button = |testid: &str, text: &str, aria: String, onclick: Callback<MouseEvent>| {
        html! {
            <button type="button" class="export-button" data-testid={testid.to_string()} aria-label={aria} {onclick}>
                { text.to_string() }
            </button>
        }
    };
    match props.table {
        Table::Bill => {
            let copy = {
                let results = r.clone();
                let copied = copied.clone();
                Callback::from(move |_: MouseEvent| {
                    let copied = copied.clone();
                    let text = bill_markdown(&results);
                    download::copy_text(text, move |ok| copied.set(Some(ok)));
                })
            };
            html! {
                <>
                    { button("export-bill-csv", "Download CSV", "Download CSV of the bill".into(),
                        save(download::CSV, |r| (bill_name(&r.scenario, "csv"), export::compute::scenario_bill_csv(&r.scenario, &r.bill)))) }
                    { button("export-bill-md", "Markdown", "Markdown file of the bill".into(),
                        save(download::MARKDOWN, |r| (bill_name(&r.scenario, "md"), bill_markdown(r)))) }
                    { button("copy-bill-md", "Copy as Markdown", "Copy as Markdown: the bill".into(), copy) }
                    <span class="export-status" role="status" data-testid="copy-status">
                        { match *copied {
                            Some(true) => "Copied",
                            Some(false) => "Copy failed: use the Markdown file",
                            None => "",
                        } }
                    </span>
                </>
            }
        }
        Table::ByMemory(sizes) => {
            let results = r.clone();
            let markdown = Callback::from(move |_: MouseEvent| {
                let [x86_64, arm64] = sweeps(&results);
                let name = download::file_name(&["by-memory", &results.scenario.region], "md");
                let text = export::sweep_markdown(x86_64, arm64, Some(sizes));
                download::save_text(&name, download::MARKDOWN, &text);
            });
            html! {
                <>
                    { button("export-memory-csv", "Download CSV", "Download CSV of cost and duration at every memory size".into(),
                        save(download::CSV, |r| {
                            let [x86_64, arm64] = sweeps(r);
                            (download::file_name(&["by-memory", &r.scenario.region], "csv"), export::sweep_csv(x86_64, arm64, None))
                        })) }
                    { button("export-memory-md", "Markdown", "Markdown table of cost and duration by memory".into(), markdown) }
                </>
            }
        }
        Table::TuningRuns if s.tuning.is_empty() => html! {},
        Table::TuningRuns => html! {
            <>
                { button("export-tuning-csv", "Download CSV", "Download CSV of the Power Tuning runs".into(),
                    save(download::CSV, |r| (download::file_name(&["power-tuning-runs"], "csv"), export::tuning_csv(&r.scenario.tuning)))) }
                { button("export-tuning-priced-csv", "CSV with bills and picks", "Download CSV of the Power Tuning runs with their monthly bills and picks".into(),
                    save(download::CSV, |r| (download::file_name(&["power-tuning-bills"], "csv"), export::tuning_priced_csv(&r.tuning)))) }
            </>
        },
    }
}

/// The bill as Markdown that stands alone: it ends with the full link to the scenario.
/// For `compute=lmi` it is the Managed Instances bill.
fn bill_markdown(r: &Results) -> String {
    export::compute::scenario_bill_markdown(&crate::ui::browser::page_url(), &r.scenario, &r.bill)
}

/// The x86_64 and arm64 sweeps (an architecture the results lack exports as empty).
fn sweeps(r: &Results) -> [&[lambda_cost::model::SweepPoint]; 2] {
    let of = |arch: lambda_cost::Arch| {
        r.curves
            .iter()
            .flat_map(|c| &c.memory.series)
            .find(|s| s.arch == arch)
            .map_or(&[][..], |s| &s.points[..])
    };
    [of(lambda_cost::Arch::X86_64), of(lambda_cost::Arch::Arm64)]
}

/// `lambda-cost-bill-us-east-1-x86_64-1024MB.csv`
fn bill_name(s: &Scenario, extension: &str) -> String {
    download::file_name(
        &[
            "bill",
            &s.region,
            s.arch.as_str(),
            &format!("{}MB", s.memory_mb),
        ],
        extension,
    )
}

#[derive(Properties, PartialEq)]
pub struct ChartExportProps {
    /// One component for every kind of chart (a generic one is compiled once per type).
    pub chart: ChartKind,
    /// `data-testid` of the chart's canvas (the PNG is its bitmap).
    pub canvas: AttrValue,
    /// What the chart shows, for file names and labels: `memory`, `volume`, …
    pub name: AttrValue,
    /// The chart's title, for the buttons' accessible names.
    pub title: AttrValue,
    /// Extra file name parts (region, architecture).
    #[prop_or_default]
    pub detail: AttrValue,
    /// The scenario in one line, printed under the title in the exported image.
    #[prop_or_default]
    pub scenario: AttrValue,
}

/// SVG and PNG buttons for one chart; place them inside an `export_group`.
#[function_component(ChartExport)]
pub fn chart_export(props: &ChartExportProps) -> Html {
    let name =
        |extension: &str| download::file_name(&["chart", &props.name, &props.detail], extension);
    let caption = Rc::new(download::caption(&props.title, &props.scenario));
    let svg = {
        let chart = props.chart.clone();
        let caption = caption.clone();
        let file = name("svg");
        Callback::from(move |_: MouseEvent| {
            if let Some(svg) = download::chart_svg(&chart, &caption) {
                download::save_text(&file, download::SVG, &svg);
            }
        })
    };
    let png = {
        let chart = props.chart.clone();
        let canvas = props.canvas.clone();
        let file = name("png");
        Callback::from(move |_: MouseEvent| {
            if let Some(el) = download::canvas_by_testid(&canvas) {
                download::save_chart_png(file.clone(), &chart, &caption, &el);
            }
        })
    };
    html! {
        <>
            <button type="button" class="export-button" data-testid={format!("export-{}-svg", props.canvas)}
                aria-label={format!("SVG image of the chart: {}", props.title)} onclick={svg}>{ "SVG" }</button>
            <button type="button" class="export-button" data-testid={format!("export-{}-png", props.canvas)}
                aria-label={format!("PNG image of the chart: {}", props.title)} onclick={png}>{ "PNG" }</button>
        </>
    }
}

/// A labelled row of export buttons.
pub fn export_group(label: &str, buttons: Html) -> Html {
    html! {
        <div class="export" role="group" aria-label={label.to_string()}>
            <span class="export-label" aria-hidden="true">{ "Export" }</span>
            { buttons }
        </div>
    }
}

/// For print only: the settings the total card's one-line summary leaves out.
pub fn print_summary(s: &Scenario) -> Html {
    let mut parts = vec![
        format!(
            "Free tier {}",
            if s.free_tier {
                "applied"
            } else {
                "not applied"
            }
        ),
        format!(
            "ephemeral storage {} MB",
            money::format_quantity(s.storage_mb as f64, 0)
        ),
    ];
    if s.cold_start_pct > 0.0 || s.init_ms > 0.0 {
        parts.push(format!(
            "cold starts {} % with {} ms INIT",
            money::format_quantity(s.cold_start_pct, 2),
            money::format_quantity(s.init_ms, 3)
        ));
    }
    if s.pc_instances > 0 {
        parts.push(format!(
            "provisioned concurrency {} x {} h serving {} requests",
            s.pc_instances,
            money::format_quantity(s.pc_hours, 2),
            money::format_quantity(s.pc_requests, 0)
        ));
    }
    if s.discount_pct > 0.0 {
        parts.push(format!(
            "discount {} %",
            money::format_quantity(s.discount_pct, 2)
        ));
    }
    if s.cpu_bound_pct > 0.0 {
        parts.push(format!(
            "{} % CPU-bound{}",
            money::format_quantity(s.cpu_bound_pct, 2),
            if s.multi_threaded {
                ", multi-threaded"
            } else {
                ""
            }
        ));
    }
    if s.arm64_factor != 1.0 {
        parts.push(format!(
            "arm64 takes {}x the x86_64 duration",
            money::format_quantity(s.arm64_factor, 3)
        ));
    }
    if !s.tuning.is_empty() {
        parts.push(format!("{} Power Tuning run(s)", s.tuning.len()));
    }
    html! { <p class="print-only print-summary">{ parts.join(" · ") }</p> }
}

/// For print only: the scenario's full link, so a printout leads back to it.
pub fn print_link(s: &Scenario) -> Html {
    let url = format!("{}{}", crate::ui::browser::page_url(), link::to_fragment(s));
    html! {
        <p class="print-only print-link" data-testid="print-link">
            { "Scenario link: " }<span class="print-url">{ url }</span>
        </p>
    }
}

#[cfg(test)]
mod tests {
    use crate::ui::tests::render;

    #[tokio::test]
    async fn exports_sit_next_to_the_bill_and_the_charts() {
        let html = render("#memory=1024&duration=2000&requests=7440000").await;
        for id in [
            "export-bill-csv",
            "export-bill-md",
            "copy-bill-md",
            "export-memory-csv",
            "export-memory-md",
            "export-chart-memory-svg",
            "export-chart-memory-png",
            "export-chart-volume-svg",
            "export-chart-pc-png",
        ] {
            assert!(html.contains(&format!(r#"data-testid="{id}""#)), "{id}");
        }
        // No runs, no runs CSV.
        assert!(!html.contains("export-tuning-csv"));
        assert!(html.contains(
            r#"<button type="button" data-testid="export-bill-csv" aria-label="Download CSV of the bill""#
        ));
        // Print only: the settings and the link.
        assert!(html.contains("Free tier not applied · ephemeral storage 512 MB"));
        assert!(html.contains(
            "#v=1&amp;region=us-east-1&amp;arch=x86_64&amp;memory=1024&amp;duration=2000&amp;requests=7440000"
        ));
    }

    #[tokio::test]
    async fn power_tuning_runs_export_when_there_are_some() {
        let pt = "gAAAAQACAAQACA%3D%3D%3Bmpn1QXd3X0EAAIBARESkQAAAoEA%3D%3BGs2LM0mLfDOXTxAzY3fYM31jNDQ%3D";
        let html = render(&format!("#memory=1024&pt={pt}")).await;
        assert!(html.contains(r#"data-testid="export-tuning-csv""#));
        assert!(html.contains(r#"data-testid="export-chart-tuning-svg""#));
    }
}
