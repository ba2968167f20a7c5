//! Export buttons and the print-only parts of the page. Tables export as CSV and
//! Markdown (`lambda_cost::export::file`, made by the exports module on first use:
//! `ui::exports`), charts as SVG and PNG (`ui::download`); each file is made when its
//! button is pressed and saved through a `blob:` URL, never uploaded.

use crate::ui::charts::ChartKind;
use crate::ui::download;
use crate::ui::exports;
use lambda_cost::export::file::{file_name, File};
use lambda_cost::scenario::link;
use lambda_cost::Scenario;
use std::rc::Rc;
use yew::prelude::*;

/// What a `TableExport` saves.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Table {
    /// The itemized bill: CSV, Markdown, and Markdown to the clipboard.
    Bill,
    /// Cost and duration by memory on both architectures: CSV with every size swept,
    /// Markdown with the table's sizes.
    ByMemory,
    /// The imported Power Tuning runs as CSV, as imported and priced.
    TuningRuns,
    /// The comparison of ways to run it, as CSV and Markdown.
    Comparison,
}

#[derive(Properties, PartialEq)]
pub struct TableExportProps {
    pub scenario: Rc<Scenario>,
    pub table: Table,
}

/// What the status next to the buttons says.
#[derive(Debug, Clone, PartialEq)]
enum Status {
    Quiet,
    Copied,
    CopyFailed,
    /// The file could not be made (the exports module did not load): why.
    Failed(String),
}

/// The buttons for one table; place them inside an `export_group`.
#[function_component(TableExport)]
pub fn table_export(props: &TableExportProps) -> Html {
    let status = use_state_eq(|| Status::Quiet);
    {
        // "Copied" is about the bill that was copied: cleared when the figures change.
        let status = status.clone();
        use_effect_with(props.scenario.clone(), move |_| status.set(Status::Quiet));
    }
    let s = &props.scenario;
    // The file is made on click: a 10,113-row CSV is not worth building on every keystroke.
    let save = |file: File| {
        let (s, status) = (s.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            let status = status.clone();
            exports::make(file, &s, move |answer| match answer {
                Ok(made) => {
                    status.set(Status::Quiet);
                    download::save_text(&made.name, file.mime(), &made.text);
                }
                Err(why) => status.set(Status::Failed(why)),
            });
        })
    };
    let button = |testid: &'static str, text: &'static str, aria: &'static str, onclick| {
        // Pointing at a button or tabbing to it starts loading the exports module.
        html! {
            <button type="button" class="export-button" data-testid={testid} aria-label={aria} {onclick}
                onfocus={Callback::from(|_: FocusEvent| exports::prepare())}
                onpointerenter={Callback::from(|_: PointerEvent| exports::prepare())}>
                { text }
            </button>
        }
    };
    let status_text = match &*status {
        Status::Quiet => "",
        Status::Copied => "Copied",
        Status::CopyFailed => "Copy failed: use the Markdown file",
        Status::Failed(why) => why,
    };
    let status_testid = if props.table == Table::Bill {
        "copy-status"
    } else {
        "export-status"
    };
    let buttons = match props.table {
        Table::Bill => {
            let copy = {
                let (s, status) = (s.clone(), status.clone());
                Callback::from(move |_: MouseEvent| {
                    let status = status.clone();
                    exports::make(File::BillMarkdown, &s, move |answer| match answer {
                        Ok(made) => download::copy_text(made.text, move |ok| {
                            status.set(if ok {
                                Status::Copied
                            } else {
                                Status::CopyFailed
                            })
                        }),
                        Err(why) => status.set(Status::Failed(why)),
                    });
                })
            };
            html! {
                <>
                    { button("export-bill-csv", "Download CSV", "Download CSV of the bill", save(File::BillCsv)) }
                    { button("export-bill-md", "Markdown", "Markdown file of the bill", save(File::BillMarkdown)) }
                    { button("copy-bill-md", "Copy as Markdown", "Copy as Markdown: the bill", copy) }
                </>
            }
        }
        Table::ByMemory => html! {
            <>
                { button("export-memory-csv", "Download CSV", "Download CSV of cost and duration at every memory size", save(File::MemoryCsv)) }
                { button("export-memory-md", "Markdown", "Markdown table of cost and duration by memory", save(File::MemoryMarkdown)) }
            </>
        },
        Table::TuningRuns if s.tuning.is_empty() => return html! {},
        Table::TuningRuns => html! {
            <>
                { button("export-tuning-csv", "Download CSV", "Download CSV of the Power Tuning runs", save(File::TuningCsv)) }
                { button("export-tuning-priced-csv", "CSV with bills and picks",
                    "Download CSV of the Power Tuning runs with their monthly bills and picks", save(File::TuningPricedCsv)) }
            </>
        },
        Table::Comparison => html! {
            <>
                { button("export-compute-csv", "CSV", "CSV of the comparison of ways to run it", save(File::ComparisonCsv)) }
                { button("export-compute-md", "Markdown", "Markdown of the comparison of ways to run it", save(File::ComparisonMarkdown)) }
            </>
        },
    };
    html! {
        <>
            { buttons }
            <span class="export-status" role="status" data-testid={status_testid}>{ status_text }</span>
        </>
    }
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
    let name = |extension: &str| file_name(&["chart", &props.name, &props.detail], extension);
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
            "export-compute-csv",
            "export-compute-md",
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
