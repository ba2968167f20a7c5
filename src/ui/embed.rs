//! Embed mode (`#…&embed=1`): a compact view of one scenario for an `<iframe>` on
//! someone else's page. The total, the itemized bill, one chart, a one-line summary, the
//! rates' date and a link that opens the scenario in the full calculator; no form, and
//! the page never rewrites its own URL. It tells its parent how tall it is, so the host
//! can size the iframe (`lambda-cost:height`, see the README).
//!
//! Also here: the theme a link forces (`theme=light|dark`, on `<html data-theme>`) and
//! the few browser APIs that web-sys is not built with in this project.

use crate::ui::charts::ChartKind;
use crate::ui::components::bill_views;
use crate::ui::results::Results;
use crate::ui::view::{el, Element, View};
use lambda_cost::decimal::fixed;
use lambda_cost::export::embed;
use lambda_cost::scenario::view::{without_view_options, EmbedChart, ThemeChoice, ViewOptions};
use lambda_cost::scenario::Scenario;
use lambda_cost::RateCard;

/// The message type an embedded page posts to its parent with its height in CSS px.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub const HEIGHT_MESSAGE: &str = "lambda-cost:height";

/// Reads the view options from the page's URL and applies the theme they force. Runs
/// once, before anything is drawn, so the charts see the theme on their first draw.
pub fn start() -> ViewOptions {
    let options = ViewOptions::parse(&crate::ui::browser::current_fragment().unwrap_or_default());
    apply_theme(options.theme);
    options
}

/// The embed bundles' start: the view, then the offline worker.
#[cfg(target_arch = "wasm32")]
pub fn start_page() {
    run();
    crate::ui::offline::register_service_worker();
}

/// The embed view's page: `<main class="embed">` in the body, drawn from the URL's
/// fragment and again whenever the host changes it. It never writes the URL. Plain DOM
/// calls (`view::dom`), no Yew: the view is read-only, and Yew's runtime was about half
/// of this bundle.
#[cfg(target_arch = "wasm32")]
fn run() {
    use crate::ui::browser::{current_fragment, on_hash_change};
    use lambda_cost::scenario::link::{decode_pairs, decode_pairs_without_runs, holds_runs};
    use std::cell::RefCell;
    use std::rc::Rc;
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let (Some(body), Ok(main)) = (doc.body(), doc.create_element("main")) else {
        return;
    };
    main.set_class_name("embed");
    let _ = main.set_attribute("data-testid", "embed");
    let _ = body.append_child(&main);
    let render = {
        let main = main.clone();
        move |fragment: &str, stage: Stage| {
            let options = ViewOptions::parse(fragment);
            apply_theme(options.theme);
            // The pairs alone: the embed bundles carry no Power Tuning import, and the
            // small one no runs either.
            let decoded = if crate::TUNING_RUNS {
                decode_pairs(fragment)
            } else {
                decode_pairs_without_runs(fragment)
            };
            let scenario = decoded.map(|d| d.scenario).map_err(|e| e.to_string());
            // The fragment the view shows, even when the host has changed it since.
            let link = format!("{}{fragment}", crate::ui::browser::page_url());
            crate::ui::view::dom::mount(&main, contents(&scenario, &options, &link, stage))
        }
    };
    let fragment = current_fragment().unwrap_or_default();
    let mounted = Rc::new(RefCell::new(render(&fragment, Stage::First)));
    let replace = Rc::new(move |fragment: &str| {
        let compute = ViewOptions::parse(fragment).chart == EmbedChart::Compute;
        if (!crate::COMPUTE_CHART && compute) || (!crate::TUNING_RUNS && holds_runs(fragment)) {
            // That chart, or the runs, are in the other embed bundle, which index.html's
            // loader picks for this fragment.
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
            return;
        }
        // The old charts stop before the new ones start.
        *mounted.borrow_mut() = Default::default();
        *mounted.borrow_mut() = render(fragment, Stage::Full);
    });
    if Stage::First.defers(ViewOptions::parse(&fragment).chart) {
        let replace = replace.clone();
        // The fragment as it is then, in case the host changed it in between.
        crate::ui::browser::after_next_paint(move || {
            replace(&current_fragment().unwrap_or_default())
        });
    }
    let listener = on_hash_change(move |fragment| replace(&fragment));
    // Both live as long as the page.
    std::mem::forget(listener);
    std::mem::forget(watch_height(main));
}

/// How far the embedded page has got. The memory and volume charts need sweeps that take
/// longer than the bill (about 25 ms from the Wasm's start to the total, measured): the
/// first frame shows the total and the bill and holds the chart's place at its size; the
/// chart comes once that frame is painted, and nothing moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    First,
    Full,
}

impl Stage {
    /// Whether `chart` waits for the second stage.
    fn defers(self, chart: EmbedChart) -> bool {
        self == Stage::First && matches!(chart, EmbedChart::Memory | EmbedChart::Volume)
    }
}

/// Everything the embedded page shows, inside its `<main>`: the same in the browser and
/// in the tests. `link` is the page's address with the fragment shown.
pub fn contents(
    scenario: &Result<Scenario, String>,
    options: &ViewOptions,
    link: &str,
    stage: Stage,
) -> Vec<View> {
    let card = RateCard::embedded();
    let problem = match scenario {
        Err(e) => Some(e.clone()),
        Ok(s) => s
            .bill(card)
            .err()
            .and_then(|e| e.first().map(|e| e.to_string())),
    };
    // The link as the host wrote it, for the full page: the same scenario (and, if the
    // link is bad, its fields with what is wrong with them).
    let open_href = without_view_options(link);
    let mut views = Vec::new();
    if let Ok(s) = scenario {
        views.push(
            el("p")
                .class("embed-summary")
                .testid("embed-summary")
                .child(el("span").class("embed-brand").text("AWS Lambda"))
                .text(" ")
                .text(embed::summary(s))
                .into(),
        );
    }
    match (problem, scenario) {
        (Some(problem), _) => views.push(
            el("p")
                .class("card empty")
                .attr("role", "alert")
                .text("This link's scenario cannot be priced: ")
                .text(problem)
                .into(),
        ),
        (None, Ok(s)) => {
            // The curves only for a chart that draws them, and draws them now.
            let deferred = stage.defers(options.chart);
            let curves = !deferred
                && matches!(
                    options.chart,
                    EmbedChart::Memory | EmbedChart::Volume | EmbedChart::Pc
                );
            let results = if curves {
                Results::compute(s)
            } else {
                Results::first(s)
            };
            // No fields here to enter a rate in: the notes name the rates, without buttons.
            views.extend(bill_views(results.as_ref(), false, None).0);
            if deferred {
                views.push(chart_card(options.chart, None, chart_place()));
            } else if let Some(r) = &results {
                views.extend(chart(r, options.chart));
            }
        }
        (None, Err(_)) => {}
    }
    views.push(
        el("footer")
            .class("embed-footer")
            .child(el("p").class("embed-prices").text(format!(
                "Prices: AWS, {} rates as of {}.",
                card.currency, card.as_of
            )))
            .child(
                el("a")
                    .class("embed-open")
                    .attr("href", open_href)
                    .attr("target", "_blank")
                    .attr("rel", "noopener")
                    .testid("embed-open")
                    .text("Open in calculator")
                    .child(
                        el("span")
                            .class("visually-hidden")
                            .text(" (opens in a new tab)"),
                    ),
            )
            .into(),
    );
    views
}

/// The chosen chart under its heading.
fn chart(r: &Results, choice: EmbedChart) -> Option<View> {
    let curves = r.curves.as_ref();
    let canvas = match (choice, curves) {
        (EmbedChart::None, _) => return None,
        (EmbedChart::Memory, Some(c)) => {
            View::Chart(ChartKind::Memory(c.memory.clone()), "chart-memory")
        }
        (EmbedChart::Volume, Some(c)) => {
            View::Chart(ChartKind::Volume(c.volume.clone()), "chart-volume")
        }
        (EmbedChart::Pc, Some(c)) => {
            View::Chart(ChartKind::Utilization(c.utilization.clone()), "chart-pc")
        }
        // Not in this bundle: `run` loads the page again, with the bundle that has it.
        (EmbedChart::Compute, _) if !crate::COMPUTE_CHART => return None,
        (EmbedChart::Compute, _) => compute_chart(&r.scenario),
        (_, None) => return None,
    };
    let breakeven = match (choice, curves) {
        (EmbedChart::Pc, Some(c)) => Some(
            el("p")
                .class("chart-note")
                .text("Break-even utilization: ")
                .child(
                    el("strong").text(
                        c.utilization
                            .breakeven
                            .map(|u| format!("{} %", fixed(u * 100.0, 1)))
                            .unwrap_or_else(|| "never".into()),
                    ),
                )
                .text(format!(" for {}.", c.utilization.basis)),
        ),
        _ => None,
    };
    Some(chart_card(choice, breakeven, canvas))
}

/// The chosen chart's card: its heading, a note, the canvas.
fn chart_card(choice: EmbedChart, note: Option<Element>, canvas: View) -> View {
    el("section")
        .class("card chart-card embed-chart")
        .attr("aria-labelledby", "embed-chart-title")
        .child(
            el("h2")
                .attr("id", "embed-chart-title")
                .text(choice.label()),
        )
        .maybe(note)
        .child(canvas)
        .into()
}

/// Where a chart whose data are coming will be: a blank canvas of the same size (the
/// stylesheet sizes canvases), hidden from screen readers until the chart replaces it.
fn chart_place() -> View {
    el("div")
        .class("chart-canvas")
        .child(el("canvas").attr("aria-hidden", "true"))
        .into()
}

/// The compute comparison's verdict, crossovers and chart (`chart=compute`).
fn compute_chart(s: &Scenario) -> View {
    use crate::ui::components::compute_comparison::{chart_of, comparison_of, crossover_sentences};
    match comparison_of(s) {
        Ok(c) => el("div")
            .testid("compute-comparison")
            .child(el("p").class("chart-note").text(c.summary()))
            .child(
                el("ul").class("crossovers").children(
                    crossover_sentences(&c)
                        .into_iter()
                        .map(|t| el("li").text(t)),
                ),
            )
            .child(View::Chart(
                ChartKind::Compute(chart_of(&c)),
                "chart-compute",
            ))
            .into(),
        Err(errors) => el("p").class("field-error").text(errors.join(" ")).into(),
    }
}

/// Sets `<html data-theme>` for a forced theme, removes it for `Auto`; the stylesheet
/// and the charts read it before `prefers-color-scheme`.
pub fn apply_theme(theme: ThemeChoice) {
    #[cfg(target_arch = "wasm32")]
    {
        let Some(html) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        else {
            return;
        };
        let _ = match theme {
            ThemeChoice::Auto => html.remove_attribute("data-theme"),
            forced => html.set_attribute("data-theme", forced.key()),
        };
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = theme;
}

/// How long the layout must stay the same before its height is posted, ms. A change of
/// fragment updates the view's parts in more than one pass (about 20 ms apart, measured):
/// posting each pass made the host's frame jump to a half-updated height and back.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
const SETTLE_MS: u32 = 100;

#[cfg(target_arch = "wasm32")]
struct HeightWatcher {
    observer: js::ResizeObserver,
    _callback: wasm_bindgen::closure::Closure<dyn FnMut()>,
}

#[cfg(target_arch = "wasm32")]
impl Drop for HeightWatcher {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

#[cfg(target_arch = "wasm32")]
fn watch_height(el: web_sys::Element) -> Option<HeightWatcher> {
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    let window = web_sys::window()?;
    let parent = window.parent().ok().flatten()?;
    if *parent == *window {
        return None;
    }
    let last = Rc::new(Cell::new(-1.0));
    let settling: Rc<RefCell<Option<gloo::timers::callback::Timeout>>> = Rc::default();
    let measured = el.clone();
    let callback = Closure::<dyn FnMut()>::new(move || {
        let (measured, last, parent) = (measured.clone(), last.clone(), parent.clone());
        // Each change restarts the wait; the height is read when the layout has settled.
        *settling.borrow_mut() = Some(gloo::timers::callback::Timeout::new(SETTLE_MS, move || {
            let height = measured.get_bounding_client_rect().height().ceil();
            if height != last.get() {
                last.set(height);
                let message = js::json_parse(&format!(
                    r#"{{"type":"{HEIGHT_MESSAGE}","height":{height}}}"#
                ));
                let _ = parent.post_message(&message, "*");
            }
        }));
    });
    // The observer also calls back once right away, with the first height.
    let observer = js::ResizeObserver::new(&callback);
    observer.observe(&el);
    Some(HeightWatcher {
        observer,
        _callback: callback,
    })
}

/// Browser APIs this project's web-sys build leaves out, bound directly.
#[cfg(target_arch = "wasm32")]
pub(crate) mod js {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        pub type ResizeObserver;
        #[wasm_bindgen(constructor)]
        pub fn new(callback: &Closure<dyn FnMut()>) -> ResizeObserver;
        #[wasm_bindgen(method)]
        pub fn observe(this: &ResizeObserver, target: &web_sys::Element);
        #[wasm_bindgen(method)]
        pub fn disconnect(this: &ResizeObserver);

        #[wasm_bindgen(js_namespace = JSON, js_name = parse)]
        pub fn json_parse(text: &str) -> JsValue;

        /// `<dialog>`.
        #[wasm_bindgen(extends = web_sys::Element)]
        pub type Dialog;
        #[wasm_bindgen(method, js_name = showModal, catch)]
        pub fn show_modal(this: &Dialog) -> Result<(), JsValue>;
        #[wasm_bindgen(method)]
        pub fn close(this: &Dialog);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::view::Views;
    use lambda_cost::scenario::link;
    use yew::prelude::*;
    use yew::LocalServerRenderer;

    const LINK: &str = "#memory=1024&duration=2000&requests=7440000&embed=1&chart=pc";
    const PAGE: &str = "https://calc.example/lambda/";

    #[derive(Properties, PartialEq)]
    struct Props {
        fragment: &'static str,
        stage: Stage,
    }

    /// The view through Yew's SSR: the same markup `view::dom` builds in the browser.
    #[function_component]
    fn Embedded(props: &Props) -> Html {
        let scenario = link::decode(props.fragment)
            .map(|d| d.scenario)
            .map_err(|e| e.to_string());
        let options = ViewOptions::parse(props.fragment);
        let link = format!("{PAGE}{}", props.fragment);
        Views(contents(&scenario, &options, &link, props.stage)).into_html(Html::default())
    }

    async fn render(fragment: &'static str) -> String {
        render_at(fragment, Stage::Full).await
    }

    async fn render_at(fragment: &'static str, stage: Stage) -> String {
        LocalServerRenderer::<Embedded>::with_props(Props { fragment, stage })
            .render()
            .await
    }

    /// The memory chart's sweeps come after the first frame, which holds their place.
    #[tokio::test]
    async fn the_first_frame_holds_the_place_of_a_chart_that_needs_sweeps() {
        let first = render_at("#memory=1024&embed=1&chart=memory", Stage::First).await;
        assert!(first.contains(r#"data-testid="monthly-total""#), "{first}");
        assert!(first.contains("Cost and duration by memory"), "{first}");
        assert!(
            first.contains(
                r#"<div class="chart-canvas"><canvas aria-hidden="true"></canvas></div>"#
            ),
            "{first}"
        );
        assert!(!first.contains(r#"data-testid="chart-memory""#), "{first}");
        // The bill is the same in both; the chart replaces the blank canvas.
        let full = render_at("#memory=1024&embed=1&chart=memory", Stage::Full).await;
        assert!(full.contains(r#"data-testid="chart-memory""#), "{full}");
        let bill = |html: &str| html[..html.find("embed-chart").unwrap()].to_string();
        assert_eq!(bill(&first), bill(&full));
        // The provisioned-concurrency chart's note needs its curves: drawn at once.
        let pc = render_at("#memory=1024&embed=1&chart=pc", Stage::First).await;
        assert!(pc.contains(r#"data-testid="chart-pc""#), "{pc}");
    }

    #[tokio::test]
    async fn shows_the_bill_and_a_link_to_the_calculator_without_a_form() {
        let html = render(LINK).await;
        assert!(html.contains(r#"data-testid="monthly-total""#), "{html}");
        assert!(html.contains("$249.49"));
        assert!(html.contains("$248.00") && html.contains("$1.49"));
        // No exports in the embed view (its bundle does not even link them).
        assert!(!html.contains("Export the bill"), "{html}");
        for tag in ["<input", "<select", "<textarea", "<form"] {
            assert!(!html.contains(tag), "{tag} in {html}");
        }
        assert!(html.contains(
            r#"href="https://calc.example/lambda/#memory=1024&amp;duration=2000&amp;requests=7440000""#
        ), "{html}");
        assert!(html.contains(r#"target="_blank""#) && html.contains(r#"rel="noopener""#));
        assert!(html.contains("Open in calculator"));
        assert!(
            html.contains("us-east-1 · x86_64 · 1,024 MB · 2,000 ms · 7,440,000 requests/month")
        );
        assert!(html.contains("rates as of "));
        // The chosen chart, and only it.
        assert!(html.contains(r#"data-testid="chart-pc""#));
        assert!(!html.contains(r#"data-testid="chart-memory""#));
        assert!(
            html.contains("Break-even utilization: <strong>60.0 %</strong>"),
            "{html}"
        );
    }

    #[tokio::test]
    async fn the_chart_can_be_chosen_or_left_out() {
        let html = render("#memory=1024&embed=1").await;
        assert!(html.contains(r#"data-testid="chart-memory""#));
        let html = render("#memory=1024&embed=1&chart=volume").await;
        assert!(html.contains(r#"data-testid="chart-volume""#));
        let html = render("#memory=1024&embed=1&chart=none").await;
        assert!(!html.contains("<canvas"), "{html}");
        assert!(html.contains("$"));
    }

    #[tokio::test]
    async fn the_compute_comparison_can_be_embedded() {
        let html = render("#memory=512&duration=100&requests=100000&embed=1&chart=compute").await;
        assert!(html.contains(r#"data-testid="chart-compute""#), "{html}");
        assert!(!html.contains(r#"data-testid="chart-memory""#));
        assert!(
            html.contains("Lambda on demand is the cheapest way to run this workload"),
            "{html}"
        );
    }

    /// The calculator's notes offer to open a rate's field; the embed view has none.
    #[tokio::test]
    async fn unconfirmed_rates_are_named_without_a_button_to_a_field() {
        let html = render("#region=ap-east-2&memory=1024&duration=2000&embed=1").await;
        assert!(
            html.contains("Rates for ap-east-2 are not confirmed by AWS"),
            "{html}"
        );
        assert!(html.contains("duration tier 1 (x86_64): not found for this region"));
        assert!(!html.contains("<button"), "{html}");
    }

    #[tokio::test]
    async fn a_bad_link_says_so_and_still_links_to_the_calculator() {
        let html = render("#memory=64&embed=1").await;
        assert!(
            html.contains("cannot be priced: memory: must be between"),
            "{html}"
        );
        assert!(!html.contains(r#"data-testid="monthly-total""#));
        assert!(html.contains(r#"href="https://calc.example/lambda/#memory=64""#));
        let html = render("#region=%3Cimg%20src%3Dx%3E&embed=1").await;
        assert!(html.contains("unknown region"), "{html}");
        assert!(!html.contains("<img"), "{html}");
    }
}
