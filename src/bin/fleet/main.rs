//! The fleet page (`fleet.html`): a file chosen in the browser (never uploaded) is read in
//! 1 MB slices, each fed to the core's chunked parser with a yield to the event loop in
//! between, so a 200 MB export shows progress, can be cancelled and never freezes the page.
//! The priced fleet, what-ifs and exports all come from `lambda_cost::fleet`; this file only
//! shows them. Its own Trunk entry point, so the calculator's bundle does not carry it.

use lambda_cost::decimal::fixed;
use lambda_cost::fleet::{self, export, Import, Report, WhatIfKind, WhatIfOptions};
use lambda_cost::{money, RateCard};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{File, HtmlInputElement};
use yew::prelude::*;

/// Bytes read per slice: large enough to parse efficiently, small enough to stay responsive.
const CHUNK_BYTES: f64 = 1_048_576.0;
/// Table rows drawn at once; the filter narrows the rest.
const MAX_ROWS_SHOWN: usize = 500;
/// Bars in the savings chart.
const CHART_BARS: usize = 10;

fn main() {
    yew::Renderer::<FleetPage>::new().render();
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Column {
    Function,
    Region,
    Arch,
    Memory,
    Monthly,
    Aws,
    Savings,
}

impl Column {
    const ALL: [(Column, &'static str, &'static str); 7] = [
        (Column::Function, "function", "Function"),
        (Column::Region, "region", "Region"),
        (Column::Arch, "arch", "Arch"),
        (Column::Memory, "memory", "Memory"),
        (Column::Monthly, "monthly", "Monthly"),
        (Column::Aws, "aws", "AWS's figure"),
        (Column::Savings, "savings", "Saves"),
    ];
}

enum Msg {
    Choose(File),
    Progress(f64),
    Loaded(Result<Import, String>),
    Cancel,
    FreeTier(bool),
    ArmFactor(String),
    Sort(Column),
    Filter(String),
    WhatIf(WhatIfKind),
    Export(&'static str),
}

struct FleetPage {
    /// Set to stop the reading under way.
    cancel: Option<Rc<Cell<bool>>>,
    loaded: f64,
    size: f64,
    file_name: String,
    error: Option<String>,
    import: Option<Import>,
    report: Option<Report>,
    free_tier: bool,
    arm_factor_text: String,
    arm_factor_error: Option<String>,
    sort: (Column, bool),
    filter: String,
    what_if: WhatIfKind,
}

impl FleetPage {
    fn reprice(&mut self) {
        self.report = self.import.clone().map(|import| {
            Report::new(
                import,
                RateCard::embedded(),
                WhatIfOptions {
                    free_tier: self.free_tier,
                    arm64_factor: lambda_cost::decimal::parse(self.arm_factor_text.trim())
                        .unwrap_or(1.0),
                },
            )
        });
    }
}

/// Lets the browser paint and handle input before the next slice.
async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = JsFuture::from(promise).await;
}

fn js_error(e: JsValue) -> String {
    format!(
        "the file could not be read: {}",
        e.as_string()
            .unwrap_or_else(|| "the browser refused".into())
    )
}

async fn read_file(
    file: File,
    cancel: Rc<Cell<bool>>,
    progress: Callback<f64>,
) -> Result<Import, String> {
    let mut parser = fleet::Parser::new(RateCard::embedded());
    let size = file.size();
    let mut start = 0.0;
    while start < size {
        if cancel.get() {
            return Err("Reading cancelled.".into());
        }
        let end = (start + CHUNK_BYTES).min(size);
        let slice = file.slice_with_f64_and_f64(start, end).map_err(js_error)?;
        let buffer = JsFuture::from(slice.array_buffer())
            .await
            .map_err(js_error)?;
        parser.feed(&js_sys::Uint8Array::new(&buffer).to_vec())?;
        start = end;
        progress.emit(end);
        yield_to_browser().await;
    }
    if cancel.get() {
        return Err("Reading cancelled.".into());
    }
    parser.finish()
}

/// Saves text as a file made in the page (a `blob:` URL; nothing is uploaded).
fn save_text(name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let anchor = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok());
    if let Some(a) = anchor {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

impl Component for FleetPage {
    type Message = Msg;
    type Properties = ();

    fn create(_: &Context<Self>) -> Self {
        FleetPage {
            cancel: None,
            loaded: 0.0,
            size: 0.0,
            file_name: String::new(),
            error: None,
            import: None,
            report: None,
            free_tier: false,
            arm_factor_text: "1".into(),
            arm_factor_error: None,
            sort: (Column::Monthly, true),
            filter: String::new(),
            what_if: WhatIfKind::Arm64,
        }
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        match msg {
            Msg::Choose(file) => {
                if let Some(c) = self.cancel.take() {
                    c.set(true);
                }
                let cancel = Rc::new(Cell::new(false));
                self.cancel = Some(cancel.clone());
                self.loaded = 0.0;
                self.size = file.size();
                self.file_name = file.name();
                self.error = None;
                let link = ctx.link().clone();
                let progress = ctx.link().callback(Msg::Progress);
                spawn_local(async move {
                    let result = read_file(file, cancel.clone(), progress).await;
                    // Cancelled, or replaced by a newer file's reading: drop its result.
                    if !cancel.get() {
                        link.send_message(Msg::Loaded(result));
                    }
                });
            }
            Msg::Progress(bytes) => self.loaded = bytes,
            Msg::Loaded(result) => {
                self.cancel = None;
                match result {
                    Ok(import) => {
                        self.import = Some(import);
                        self.reprice();
                    }
                    Err(e) => self.error = Some(e),
                }
            }
            Msg::Cancel => {
                if let Some(c) = self.cancel.take() {
                    c.set(true);
                }
                self.error = Some("Reading cancelled.".into());
            }
            Msg::FreeTier(on) => {
                self.free_tier = on;
                self.reprice();
            }
            Msg::ArmFactor(text) => {
                self.arm_factor_error = match lambda_cost::decimal::parse(text.trim()) {
                    Some(f) if (0.1..=10.0).contains(&f) => None,
                    _ => Some("arm64 speed factor: a number from 0.1 to 10".into()),
                };
                if self.arm_factor_error.is_none() {
                    self.arm_factor_text = text;
                    self.reprice();
                }
            }
            Msg::Sort(column) => {
                self.sort = if self.sort.0 == column {
                    (column, !self.sort.1)
                } else {
                    (
                        column,
                        !matches!(column, Column::Function | Column::Region | Column::Arch),
                    )
                };
            }
            Msg::Filter(text) => self.filter = text,
            Msg::WhatIf(kind) => self.what_if = kind,
            Msg::Export(format) => {
                if let Some(r) = &self.report {
                    match format {
                        "csv" => save_text("lambda-fleet.csv", "text/csv", &export::report_csv(r)),
                        _ => save_text(
                            "lambda-fleet.md",
                            "text/markdown",
                            &export::report_markdown(r),
                        ),
                    }
                }
                return false;
            }
        }
        true
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let link = ctx.link();
        let on_file = link.batch_callback(|e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            input.files().and_then(|f| f.get(0)).map(Msg::Choose)
        });
        let on_free = link.callback(|e: Event| {
            Msg::FreeTier(e.target_unchecked_into::<HtmlInputElement>().checked())
        });
        let on_arm = link.callback(|e: Event| {
            Msg::ArmFactor(e.target_unchecked_into::<HtmlInputElement>().value())
        });
        let card = RateCard::embedded();
        html! {
            <main class="app fleet">
                <header class="app-header">
                    <h1>{ "Lambda fleet" }</h1>
                    <p class="tagline">
                        { "Every function of an account priced at once, and what to change to save. " }
                        <a href="./index.html" data-testid="calculator-link">{ "One function: the calculator" }</a>
                    </p>
                </header>
                <section class="card fleet-input">
                    <p>
                        { "Choose a Cost and Usage Report (CUR 2.0 CSV), a Compute Optimizer Lambda export, or a \
                           CSV of function,region,arch,memory_mb,requests,avg_duration_ms. The file is read in \
                           this page; nothing is uploaded." }
                    </p>
                    <label>{ "File " }
                        <input type="file" accept=".csv,text/csv" data-testid="fleet-file" onchange={on_file} />
                    </label>
                    <label class="fleet-option">
                        <input type="checkbox" checked={self.free_tier} data-testid="fleet-free" onchange={on_free} />
                        { " Apply the free tier (once, for the whole account)" }
                    </label>
                    <label class="fleet-option">{ "arm64 duration / x86_64 duration " }
                        <input type="number" min="0.1" max="10" step="0.05" value={self.arm_factor_text.clone()}
                            data-testid="fleet-arm-factor" onchange={on_arm} />
                    </label>
                    if let Some(e) = &self.arm_factor_error {
                        <p class="error" role="alert">{ e }</p>
                    }
                    if self.cancel.is_some() {
                        <p class="fleet-progress">
                            { format!("Reading {}… ", self.file_name) }
                            <progress data-testid="fleet-progress" max={self.size.max(1.0).to_string()} value={self.loaded.to_string()} />
                            { format!(" {} %", fixed(if self.size > 0.0 { self.loaded / self.size * 100.0 } else { 0.0 }, 0)) }
                            <button type="button" data-testid="fleet-cancel" onclick={link.callback(|_| Msg::Cancel)}>{ "Cancel" }</button>
                        </p>
                    }
                    if let Some(e) = &self.error {
                        <p class="error" role="alert" data-testid="fleet-error">{ e }</p>
                    }
                </section>
                if let Some(r) = &self.report {
                    { self.results(ctx, r) }
                }
                <footer class="app-footer">
                    <p>{ format!("Prices: AWS, {} rates as of {}. ", card.currency, card.as_of) }
                       { "Everything is computed in your browser; nothing is sent anywhere." }</p>
                </footer>
            </main>
        }
    }
}

impl FleetPage {
    fn results(&self, ctx: &Context<Self>, r: &Report) -> Html {
        let link = ctx.link();
        let import = &r.import;
        let sum = r.bill.sum_of_functions_cents();
        let selected = r.what_if(self.what_if);
        let savings_of = |i: usize| {
            selected
                .and_then(|w| w.changes.get(i).copied().flatten())
                .map(|c| c.savings_cents)
        };
        let bill_of = |i: usize| {
            r.bill
                .functions
                .get(i)
                .and_then(Option::as_ref)
                .map(|b| b.total_cents)
        };
        let needle = self.filter.trim().to_lowercase();
        let mut rows: Vec<usize> = (0..import.functions.len())
            .filter(|&i| {
                let f = &import.functions[i];
                needle.is_empty()
                    || f.name.to_lowercase().contains(&needle)
                    || f.region.contains(&needle)
                    || f.arch.as_str().contains(&needle)
            })
            .collect();
        let (column, descending) = self.sort;
        rows.sort_by(|&a, &b| {
            let fa = &import.functions[a];
            let fb = &import.functions[b];
            let o = match column {
                Column::Function => fa.name.cmp(&fb.name),
                Column::Region => fa.region.cmp(&fb.region),
                Column::Arch => fa.arch.as_str().cmp(fb.arch.as_str()),
                Column::Memory => fa
                    .scenario
                    .as_ref()
                    .map(|s| s.memory_mb)
                    .cmp(&fb.scenario.as_ref().map(|s| s.memory_mb)),
                Column::Monthly => bill_of(a).cmp(&bill_of(b)),
                Column::Aws => fa
                    .aws_cost_usd
                    .unwrap_or(f64::NEG_INFINITY)
                    .total_cmp(&fb.aws_cost_usd.unwrap_or(f64::NEG_INFINITY)),
                Column::Savings => savings_of(a).cmp(&savings_of(b)),
            };
            if descending {
                o.reverse()
            } else {
                o
            }
        });
        let shown = rows.len().min(MAX_ROWS_SHOWN);
        let mut best: Vec<(usize, i64)> = (0..import.functions.len())
            .filter_map(|i| savings_of(i).filter(|s| *s > 0).map(|s| (i, s)))
            .collect();
        best.sort_by_key(|&(_, s)| std::cmp::Reverse(s));
        best.truncate(CHART_BARS);
        html! {
            <>
            <section class="card fleet-summary" aria-labelledby="fleet-total-title">
                <h2 id="fleet-total-title">{ "Fleet total" }</h2>
                <p class="fleet-total-line">
                    <strong class="fleet-total" data-testid="fleet-total">{ money::format_cents(r.bill.total_cents) }</strong>
                    { " per month" }
                </p>
                <p data-testid="fleet-summary">
                    { format!("{} functions from a {} ({} rows). ", count(import.functions.len()), import.format.label(), count(import.rows)) }
                    if sum != r.bill.total_cents {
                        { format!("Priced one by one they add up to {}; AWS sums usage per region and architecture before the tiers{}. ",
                            money::format_cents(sum), if r.bill.free_tier { " and applies the free tier once" } else { "" }) }
                    }
                    if let Some(aws) = r.aws_cost_usd() {
                        { format!("AWS's own figure in the file: {} (before credits and Savings Plans, after its free tier and rounding). ", money::format_usd(aws)) }
                    }
                </p>
                if !import.set_aside.is_empty() {
                    <ul data-testid="fleet-set-aside">
                        { for import.set_aside.iter().map(|s| html! {
                            <li>{ format!("Set aside: {} row{} of {} ({})", count(s.rows), if s.rows == 1 { "" } else { "s" }, s.kind, money::format_usd(s.cost_usd)) }</li>
                        }) }
                    </ul>
                }
                if import.bad_row_count > 0 {
                    <details data-testid="fleet-bad-rows">
                        <summary>{ format!("{} row{} skipped", count(import.bad_row_count), if import.bad_row_count == 1 { "" } else { "s" }) }</summary>
                        <ul>{ for import.bad_rows.iter().map(|b| html! { <li>{ b.to_string() }</li> }) }</ul>
                    </details>
                }
                { for import.notices.iter().map(|n| html! { <p class="notice">{ n }</p> }) }
            </section>
            <section class="card fleet-what-ifs" aria-labelledby="what-ifs-title">
                <h2 id="what-ifs-title">{ "What-ifs" }</h2>
                <table>
                    <thead><tr><th>{ "Change" }</th><th>{ "Functions" }</th><th>{ "Fleet total" }</th><th>{ "Saves per month" }</th></tr></thead>
                    <tbody>
                    { for r.what_ifs.iter().map(|w| {
                        let kind = w.kind;
                        html! {
                            <tr class={(kind == self.what_if).then_some("selected")}>
                                <td>
                                    <button type="button" data-testid={format!("what-if-{}", kind.key())}
                                        aria-pressed={(kind == self.what_if).to_string()}
                                        onclick={link.callback(move |_| Msg::WhatIf(kind))}>{ kind.label() }</button>
                                    <br /><small>{ format!("Applies to {}.", kind.applies_to()) }</small>
                                </td>
                                <td>{ w.applied() }</td>
                                <td>{ money::format_cents(w.fleet_total_cents) }</td>
                                <td data-testid={format!("what-if-savings-{}", kind.key())}>{ money::format_cents(w.savings_cents) }</td>
                            </tr>
                        }
                    }) }
                    </tbody>
                </table>
                { savings_chart(&best, import, self.what_if) }
                <p class="fleet-exports">
                    <button type="button" data-testid="fleet-export-csv" onclick={link.callback(|_| Msg::Export("csv"))}>{ "Export CSV" }</button>
                    { " " }
                    <button type="button" data-testid="fleet-export-markdown" onclick={link.callback(|_| Msg::Export("markdown"))}>{ "Export Markdown" }</button>
                </p>
            </section>
            <section class="card fleet-functions" aria-labelledby="functions-title">
                <h2 id="functions-title">{ "Functions" }</h2>
                <label>{ "Filter " }
                    <input type="search" data-testid="fleet-filter" value={self.filter.clone()}
                        oninput={link.callback(|e: InputEvent| Msg::Filter(e.target_unchecked_into::<HtmlInputElement>().value()))} />
                </label>
                if shown < rows.len() {
                    <p>{ format!("Showing {shown} of {} functions; filter to narrow.", rows.len()) }</p>
                }
                <table data-testid="fleet-table">
                    <thead><tr>
                        { for Column::ALL.iter().map(|&(c, key, label)| {
                            let sort = if self.sort.0 == c { if self.sort.1 { "descending" } else { "ascending" } } else { "none" };
                            let label = if c == Column::Savings { format!("{label} ({})", self.what_if.key().replace('_', " ")) } else { label.to_string() };
                            html! {
                                <th aria-sort={sort}>
                                    <button type="button" data-testid={format!("sort-{key}")} onclick={link.callback(move |_| Msg::Sort(c))}>{ label }</button>
                                </th>
                            }
                        }) }
                        <th>{ "Calculator" }</th>
                    </tr></thead>
                    <tbody>
                    { for rows.iter().take(shown).map(|&i| {
                        let f = &import.functions[i];
                        html! {
                            <tr data-testid="fleet-row">
                                <td class="function-name">{ &f.name }</td>
                                <td>{ &f.region }</td>
                                <td>{ f.arch.as_str() }</td>
                                <td>{ f.scenario.as_ref().map_or("n/a".to_string(), |s| format!("{} MB", money::format_quantity(s.memory_mb as f64, 0))) }</td>
                                <td data-testid="fleet-row-monthly">{ bill_of(i).map_or("n/a".into(), money::format_cents) }</td>
                                <td>{ f.aws_cost_usd.map_or("n/a".into(), money::format_usd) }</td>
                                <td data-testid="fleet-row-savings">{ savings_of(i).map_or("n/a".into(), money::format_cents) }</td>
                                <td>
                                    if let Some(fragment) = f.scenario_link() {
                                        <a href={format!("./index.html{fragment}")} target="_blank" rel="noopener">{ "Open" }</a>
                                    }
                                </td>
                            </tr>
                        }
                    }) }
                    </tbody>
                </table>
            </section>
            </>
        }
    }
}

/// The largest savings of the chosen what-if as horizontal bars (SVG drawn by the page;
/// names are text nodes, never markup).
fn savings_chart(best: &[(usize, i64)], import: &Import, kind: WhatIfKind) -> Html {
    if best.is_empty() {
        return html! { <p data-testid="fleet-chart-empty">{ format!("{}: no function saves.", kind.label()) }</p> };
    }
    let max = best.iter().map(|b| b.1).max().unwrap_or(1).max(1) as f64;
    let row_height = 26.0;
    let height = best.len() as f64 * row_height + 8.0;
    html! {
        <figure class="fleet-chart">
            <figcaption>{ format!("Biggest savings: {}", kind.label()) }</figcaption>
            <svg data-testid="fleet-chart" viewBox={format!("0 0 640 {height}")} width="100%" role="img"
                aria-label={format!("Biggest savings per month, {}", kind.label())}>
                { for best.iter().enumerate().map(|(n, &(i, cents))| {
                    let y = n as f64 * row_height + 4.0;
                    let width = (cents as f64 / max * 300.0).max(1.0);
                    let name = &import.functions[i].name;
                    let short: String = name.rsplit(':').next().unwrap_or(name).chars().take(40).collect();
                    html! {
                        <g>
                            <text x="0" y={(y + 16.0).to_string()} font-size="12" fill="currentColor">{ short }</text>
                            <rect x="250" y={y.to_string()} width={width.to_string()} height={(row_height - 8.0).to_string()} fill="var(--accent)" />
                            <text x={(256.0 + width).to_string()} y={(y + 14.0).to_string()} font-size="12" fill="currentColor">{ money::format_cents(cents) }</text>
                        </g>
                    }
                }) }
            </svg>
        </figure>
    }
}

/// A count in the page's one number format: "100,000".
fn count(n: impl TryInto<u64>) -> String {
    money::format_quantity(n.try_into().unwrap_or(u64::MAX) as f64, 0)
}
