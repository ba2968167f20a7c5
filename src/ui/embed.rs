//! Embed mode (`#…&embed=1`): a compact view of one scenario for an `<iframe>` on
//! someone else's page. The total, the itemized bill, one chart, a one-line summary, the
//! rates' date and a link that opens the scenario in the full calculator; no form, and
//! the page never rewrites its own URL. It tells its parent how tall it is, so the host
//! can size the iframe (`lambda-cost:height`, see the README).
//!
//! Also here: the theme a link forces (`theme=light|dark`, on `<html data-theme>`) and
//! the few browser APIs that web-sys is not built with in this project.

use crate::ui::browser::{current_fragment, on_hash_change, page_url};
use crate::ui::charts::{ChartCanvas, ChartKind};
use crate::ui::components::bill_card;
use crate::ui::results::Results;
use lambda_cost::decimal::fixed;
use lambda_cost::export::embed;
use lambda_cost::scenario::view::{EmbedChart, ThemeChoice, ViewOptions};
use lambda_cost::scenario::{link, Scenario};
use lambda_cost::RateCard;
use yew::prelude::*;

/// The message type an embedded page posts to its parent with its height in CSS px.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub const HEIGHT_MESSAGE: &str = "lambda-cost:height";

/// Reads the view options from the page's URL and applies the theme they force. Runs
/// once, before anything is drawn, so the charts see the theme on their first draw.
pub fn start() -> ViewOptions {
    let options = ViewOptions::parse(&current_fragment().unwrap_or_default());
    apply_theme(options.theme);
    options
}

/// The page in embed mode: reads the scenario from the URL (and again when the host
/// changes the fragment), never writes it.
#[function_component(EmbedPage)]
pub fn embed_page() -> Html {
    let fragment = use_state(|| current_fragment().unwrap_or_default());
    {
        let fragment = fragment.clone();
        use_effect_with((), move |_| {
            let listener = on_hash_change(move |f| fragment.set(f));
            // Removed when dropped, on unmount.
            move || {
                let _listener = listener;
            }
        });
    }
    let options = ViewOptions::parse(&fragment);
    use_effect_with(options.theme, |theme| apply_theme(*theme));
    // The pairs alone: the embed bundle carries no Power Tuning import.
    let scenario = link::decode_pairs(&fragment)
        .map(|d| d.scenario)
        .map_err(|e| e.to_string());
    html! { <EmbedView {scenario} {options} page_url={AttrValue::from(page_url())} /> }
}

#[derive(Properties, PartialEq)]
pub struct EmbedViewProps {
    /// The linked scenario, or why the link could not be read.
    pub scenario: Result<Scenario, String>,
    pub options: ViewOptions,
    /// The calculator's address without a fragment ("" for a relative link).
    pub page_url: AttrValue,
}

/// Everything the embedded page shows: the same in the browser and in the SSR tests.
#[function_component(EmbedView)]
pub fn embed_view(props: &EmbedViewProps) -> Html {
    let root = use_node_ref();
    use_post_height(root.clone());
    // The curves only for a chart that draws them.
    let curves = matches!(
        props.options.chart,
        EmbedChart::Memory | EmbedChart::Volume | EmbedChart::Pc
    );
    let results = use_memo((props.scenario.clone(), curves), |(s, curves)| {
        let s = s.as_ref().ok()?;
        if *curves {
            Results::compute(s)
        } else {
            Results::first(s)
        }
    });
    let card = RateCard::embedded();
    let problem = match &props.scenario {
        Err(e) => Some(e.clone()),
        Ok(s) => s
            .bill(card)
            .err()
            .and_then(|e| e.first().map(|e| e.to_string())),
    };
    let open_href = match &props.scenario {
        Ok(s) => embed::calculator_url(&props.page_url, s),
        Err(_) => props.page_url.to_string(),
    };
    let summary = props.scenario.as_ref().ok().map(embed::summary);
    let theme = props.options.theme;

    html! {
        <main class="embed" ref={root} data-testid="embed">
            if let Some(summary) = summary {
                <p class="embed-summary" data-testid="embed-summary">
                    <span class="embed-brand">{ "AWS Lambda" }</span>{ " " }{ summary }
                </p>
            }
            if let Some(problem) = problem {
                <p class="card empty" role="alert">
                    { "This link's scenario cannot be priced: " }{ problem }
                </p>
            } else {
                { bill_card((*results).as_ref(), false, Html::default()) }
                if let Some(r) = &*results {
                    { chart(r, props.options.chart, theme) }
                }
            }
            <footer class="embed-footer">
                <p class="embed-prices">
                    { format!("Prices: AWS, {} rates as of {}.", card.currency, card.as_of) }
                </p>
                <a class="embed-open" href={open_href} target="_blank" rel="noopener" data-testid="embed-open">
                    { "Open in calculator" }<span class="visually-hidden">{ " (opens in a new tab)" }</span>
                </a>
            </footer>
        </main>
    }
}

/// The chosen chart under its heading; `theme` keys it so a forced theme redraws it.
fn chart(r: &Results, choice: EmbedChart, theme: ThemeChoice) -> Html {
    let curves = r.curves.as_ref();
    let canvas = match (choice, curves) {
        (EmbedChart::None, _) => return html! {},
        (EmbedChart::Memory, Some(c)) => {
            html! { <ChartCanvas chart={ChartKind::Memory(c.memory.clone())} testid="chart-memory" /> }
        }
        (EmbedChart::Volume, Some(c)) => {
            html! { <ChartCanvas chart={ChartKind::Volume(c.volume.clone())} testid="chart-volume" /> }
        }
        (EmbedChart::Pc, Some(c)) => {
            html! { <ChartCanvas chart={ChartKind::Utilization(c.utilization.clone())} testid="chart-pc" /> }
        }
        (EmbedChart::Compute, _) => compute_chart(&r.scenario),
        (_, None) => return html! {},
    };
    html! {
        <section class="card chart-card embed-chart" key={format!("{}-{}", choice.key(), theme.key())}
            aria-labelledby="embed-chart-title">
            <h2 id="embed-chart-title">{ choice.label() }</h2>
            if let (EmbedChart::Pc, Some(c)) = (choice, curves) {
                <p class="chart-note">
                    { "Break-even utilization: " }
                    <strong>{ c.utilization.breakeven.map(|u| format!("{} %", fixed(u * 100.0, 1))).unwrap_or_else(|| "never".into()) }</strong>
                    { format!(" for {}.", c.utilization.basis) }
                </p>
            }
            { canvas }
        </section>
    }
}

/// The compute comparison's verdict, crossovers and chart (`chart=compute`).
fn compute_chart(s: &Scenario) -> Html {
    use crate::ui::components::compute_comparison::{chart_of, comparison_of, crossover_sentences};
    match comparison_of(s) {
        Ok(c) => html! {
            <div data-testid="compute-comparison">
                <p class="chart-note">{ c.summary() }</p>
                <ul class="crossovers">
                    { for crossover_sentences(&c).into_iter().map(|t| html! { <li>{ t }</li> }) }
                </ul>
                <ChartCanvas chart={ChartKind::Compute(chart_of(&c))} testid="chart-compute" />
            </div>
        },
        Err(errors) => html! { <p class="field-error">{ errors.join(" ") }</p> },
    }
}

/// Posts the height of `root` to the parent window whenever it changes, when the page
/// is in a frame. The message carries the type and a whole number of CSS px, nothing else.
#[hook]
fn use_post_height(root: NodeRef) {
    use_effect_with((), move |_| {
        let watcher = watch_height(root);
        // Disconnects when dropped, on unmount.
        move || {
            let _watcher = watcher;
        }
    });
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
fn watch_height(root: NodeRef) -> Option<HeightWatcher> {
    use std::cell::{Cell, RefCell};
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    let window = web_sys::window()?;
    let parent = window.parent().ok().flatten()?;
    if *parent == *window {
        return None;
    }
    let el = root.cast::<web_sys::Element>()?;
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

// Natively (SSR tests) there is no window.
#[cfg(not(target_arch = "wasm32"))]
fn watch_height(_: NodeRef) -> Option<()> {
    None
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
    use yew::LocalServerRenderer;

    const LINK: &str = "#memory=1024&duration=2000&requests=7440000&embed=1&chart=pc";
    const PAGE: &str = "https://calc.example/lambda/";

    async fn render(fragment: &str) -> String {
        let props = EmbedViewProps {
            scenario: link::decode(fragment)
                .map(|d| d.scenario)
                .map_err(|e| e.to_string()),
            options: ViewOptions::parse(fragment),
            page_url: PAGE.into(),
        };
        LocalServerRenderer::<EmbedView>::with_props(props)
            .render()
            .await
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
            r#"href="https://calc.example/lambda/#v=1&amp;region=us-east-1&amp;arch=x86_64&amp;memory=1024&amp;duration=2000&amp;requests=7440000""#
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

    #[tokio::test]
    async fn a_bad_link_says_so_and_still_links_to_the_calculator() {
        let html = render("#memory=64&embed=1").await;
        assert!(
            html.contains("cannot be priced: memory: must be between"),
            "{html}"
        );
        assert!(!html.contains(r#"data-testid="monthly-total""#));
        assert!(html.contains(r#"href="https://calc.example/lambda/""#));
        let html = render("#region=%3Cimg%20src%3Dx%3E&embed=1").await;
        assert!(html.contains("unknown region"), "{html}");
        assert!(!html.contains("<img"), "{html}");
    }
}
