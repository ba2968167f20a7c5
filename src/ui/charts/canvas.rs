//! Draws a chart on a canvas sized for the screen: the backing store is the CSS size
//! times `devicePixelRatio`, and the chart scales its text and lines by the same factor,
//! so it stays crisp on HiDPI screens. Redraws on resize and on a light/dark switch, and
//! shows a read-out of the data under the pointer.

use super::backend::paint;
use super::{Chart, ChartKind, Frame, Theme};
use lambda_cost::decimal::fixed;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ChartCanvasProps {
    /// One component for every kind of chart: a generic one would be compiled again,
    /// hooks and callbacks included, for each chart type.
    pub chart: ChartKind,
    /// `data-testid` of the canvas.
    pub testid: AttrValue,
}

#[function_component(ChartCanvas)]
pub fn chart_canvas(props: &ChartCanvasProps) -> Html {
    let canvas = use_node_ref();
    let frame: Rc<RefCell<Option<Frame>>> = use_mut_ref(|| None);
    let readout = use_state(|| None::<(f64, String)>);
    let redraws = use_state(|| 0u32);
    let draws = use_mut_ref(|| 0u32);
    // CSS size of the canvas, measured once and again after a resize: reading layout on
    // every redraw would force a reflow of the whole page per keystroke.
    let css_size: Rc<RefCell<Option<(f64, f64)>>> = use_mut_ref(|| None);
    // Whether the canvas is on screen. It starts false: the first draw waits for the
    // observer's first report, which comes after the page's first paint, so the total
    // and the bill show before any chart is drawn.
    let visible = use_state(|| false);
    // What was last drawn (chart, screen change count), to skip redrawing the same.
    let drawn: Rc<RefCell<Option<(ChartKind, u32)>>> = use_mut_ref(|| None);
    // A chart off screen is drawn when the page is idle, or when it scrolls into view.
    let idle_draw: Rc<RefCell<Option<Later>>> = use_mut_ref(|| None);
    // The draw waiting for one of those, for a print that cannot wait.
    let waiting: Rc<RefCell<Option<Draw>>> = use_mut_ref(|| None);

    {
        let canvas = canvas.clone();
        let frame = frame.clone();
        let css_size = css_size.clone();
        let waiting = waiting.clone();
        use_effect_with(
            (props.chart.clone(), *redraws, *visible),
            move |(chart, screen, visible)| {
                let paint = {
                    let (chart, screen) = (chart.clone(), *screen);
                    let drawn = drawn.clone();
                    move || {
                        let Some(el) = canvas.cast::<HtmlCanvasElement>() else {
                            return;
                        };
                        if drawn.borrow().as_ref() == Some(&(chart.clone(), screen)) {
                            return;
                        }
                        let size = *css_size.borrow_mut().get_or_insert_with(|| {
                            let rect = el.get_bounding_client_rect();
                            (rect.width(), rect.height())
                        });
                        let painted = draw(&el, &chart, size);
                        label_boxes(&el, painted.as_ref());
                        *frame.borrow_mut() = painted;
                        *drawn.borrow_mut() = Some((chart.clone(), screen));
                        // Tests and the benchmark wait for this count to know the chart is drawn.
                        *draws.borrow_mut() += 1;
                        let _ = el.set_attribute("data-draws", &draws.borrow().to_string());
                    }
                };
                if *visible {
                    idle_draw.borrow_mut().take();
                    waiting.borrow_mut().take();
                    paint();
                } else {
                    let paint: Draw = Rc::new(paint);
                    *waiting.borrow_mut() = Some(paint.clone());
                    let first = drawn.borrow().is_none();
                    *idle_draw.borrow_mut() = Some(later(first, paint));
                }
            },
        );
    }
    {
        let redraws = redraws.clone();
        let css_size = css_size.clone();
        use_effect_with((), move |_| {
            // The handle in this closure keeps its first value, so count here.
            let count = std::cell::Cell::new(0u32);
            let listeners = watch_screen(move || {
                css_size.borrow_mut().take();
                count.set(count.get() + 1);
                redraws.set(count.get());
            });
            move || drop(listeners)
        });
    }
    {
        // A printout (or a full-page capture that fires beforeprint) shows every chart.
        let waiting = waiting.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                gloo::events::EventListener::new(&w, "beforeprint", move |_| {
                    let paint = waiting.borrow_mut().take();
                    if let Some(paint) = paint {
                        paint();
                    }
                })
            });
            move || drop(listener)
        });
    }
    {
        let canvas = canvas.clone();
        let visible = visible.clone();
        use_effect_with((), move |_| {
            let watch = canvas
                .cast::<HtmlCanvasElement>()
                .and_then(|el| watch_visibility(&el, move |on| visible.set(on)));
            move || drop(watch)
        });
    }

    let onmousemove = {
        let frame = frame.clone();
        let readout = readout.clone();
        let chart = props.chart.clone();
        Callback::from(move |e: MouseEvent| {
            let x_css = e.offset_x() as f64;
            let value = frame
                .borrow()
                .as_ref()
                .and_then(|f| f.x_at(x_css * pixel_ratio()));
            readout.set(
                value
                    .and_then(|x| chart.describe(x))
                    .map(|text| (x_css, text)),
            );
        })
    };
    let onmouseleave = {
        let readout = readout.clone();
        Callback::from(move |_| readout.set(None))
    };

    html! {
        <div class="chart-canvas">
            <canvas
                ref={canvas}
                role="img"
                aria-label={props.chart.summary()}
                data-testid={props.testid.clone()}
                // Not drawn yet (drawing waits for the first paint and for the screen):
                // the first draw sets the real count. Yew leaves it alone afterwards, as
                // the rendered value never changes.
                data-draws="0"
                {onmousemove}
                {onmouseleave}
            />
            if let Some((x, text)) = &*readout {
                <div class="readout" aria-hidden="true" style={format!("--x: {}px", fixed(*x, 0))}>{ text }</div>
            }
        </div>
    }
}

/// How long after the last change a chart off screen is drawn anyway, ms: late enough to
/// stay out of the way of typing, early enough that it is ready before anyone scrolls.
const OFF_SCREEN_DELAY_MS: u32 = 1_000;

/// A draw put off until later; dropping it cancels the draw (the fields are held for
/// that: the callback must live until it runs).
enum Later {
    Idle(u32, #[allow(dead_code)] Closure<dyn FnMut()>),
    Timer(#[allow(dead_code)] gloo::timers::callback::Timeout),
}

/// A draw to run now or later.
type Draw = Rc<dyn Fn()>;

impl Drop for Later {
    fn drop(&mut self) {
        if let Later::Idle(id, _) = self {
            idle::cancel(*id);
        }
    }
}

/// Runs `draw` later: a chart's first draw when the browser is next idle (after the
/// first paint, so the total and the bill show first, and before a full-page screenshot
/// taken once the page has settled), at most `OFF_SCREEN_DELAY_MS` later; a redraw after
/// a change `OFF_SCREEN_DELAY_MS` after the last one, out of the way of typing. Where
/// there is no requestIdleCallback (Safari), a timer.
fn later(first: bool, draw: Draw) -> Later {
    use gloo::timers::callback::Timeout;
    if first {
        let asked = draw.clone();
        let callback = Closure::<dyn FnMut()>::new(move || asked());
        if let Ok(id) = idle::request(&callback, OFF_SCREEN_DELAY_MS) {
            return Later::Idle(id, callback);
        }
        return Later::Timer(Timeout::new(0, move || draw()));
    }
    Later::Timer(Timeout::new(OFF_SCREEN_DELAY_MS, move || draw()))
}

/// `requestIdleCallback`, which this project's web-sys build leaves out.
mod idle {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_name = requestIdleCallback, catch)]
        fn request_idle_callback(
            callback: &Closure<dyn FnMut()>,
            options: &JsValue,
        ) -> Result<u32, JsValue>;
        #[wasm_bindgen(js_name = cancelIdleCallback, catch)]
        fn cancel_idle_callback(id: u32) -> Result<(), JsValue>;
    }

    /// Asks for `callback` when the browser is idle, at the latest after `timeout_ms`.
    pub fn request(callback: &Closure<dyn FnMut()>, timeout_ms: u32) -> Result<u32, JsValue> {
        let options = js_sys::Object::new();
        js_sys::Reflect::set(&options, &"timeout".into(), &timeout_ms.into())?;
        request_idle_callback(callback, &options)
    }

    pub fn cancel(id: u32) {
        let _ = cancel_idle_callback(id);
    }
}

/// An IntersectionObserver on `el` that reports whether it is on screen (or within half
/// a screen of it); dropping the value stops it. `None` where the browser has none.
struct Visibility {
    observer: web_sys::IntersectionObserver,
    _report: Closure<dyn FnMut(js_sys::Array)>,
}

impl Drop for Visibility {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

fn watch_visibility(el: &HtmlCanvasElement, report: impl Fn(bool) + 'static) -> Option<Visibility> {
    let report = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        if let Some(last) = entries.iter().last() {
            let entry: web_sys::IntersectionObserverEntry = last.unchecked_into();
            report(entry.is_intersecting());
        }
    });
    let options = web_sys::IntersectionObserverInit::new();
    options.set_root_margin("50% 0px");
    let observer =
        web_sys::IntersectionObserver::new_with_options(report.as_ref().unchecked_ref(), &options)
            .ok()?;
    observer.observe(el);
    Some(Visibility {
        observer,
        _report: report,
    })
}

/// For tests: where the legend and labels went (CSS pixels, `left,top,right,bottom;…`)
/// and the x axis labels (`|`-separated), as attributes of the canvas.
fn label_boxes(el: &HtmlCanvasElement, frame: Option<&Frame>) {
    let Some(frame) = frame else {
        return;
    };
    let ratio = pixel_ratio();
    // As `{:.0}` rounds, but through an integer: float formatting here cost every
    // edit a few hundred calls of core's exact float printer.
    let css = |v: i32| ((v as f64 / ratio).round_ties_even() as i64).to_string();
    let boxes: Vec<String> = frame
        .placed
        .iter()
        .map(|r| format!("{},{},{},{}", css(r.0), css(r.1), css(r.2), css(r.3)))
        .collect();
    let _ = el.set_attribute("data-label-boxes", &boxes.join(";"));
    let _ = el.set_attribute("data-x-ticks", &frame.x_labels.join("|"));
}

fn pixel_ratio() -> f64 {
    web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .filter(|r| *r > 0.0)
        .unwrap_or(1.0)
}

/// A theme the link forces (`<html data-theme>`, set in embed.rs) first, else the
/// system's colour scheme.
fn prefers_dark() -> bool {
    let window = web_sys::window();
    let forced = window
        .as_ref()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|html| html.get_attribute("data-theme"));
    match forced.as_deref() {
        Some("dark") => true,
        Some("light") => false,
        _ => DARK_QUERY.with(|query| {
            query
                .get_or_init(|| {
                    window
                        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
                })
                .as_ref()
                .is_some_and(|m| m.matches())
        }),
    }
}

thread_local! {
    /// The colour-scheme query, made once: `matches` follows the system's setting, and
    /// making the query on every draw cost four calls into the browser per edit.
    static DARK_QUERY: std::cell::OnceCell<Option<web_sys::MediaQueryList>> =
        const { std::cell::OnceCell::new() };
}

fn draw(el: &HtmlCanvasElement, chart: &ChartKind, (css_w, css_h): (f64, f64)) -> Option<Frame> {
    let ratio = pixel_ratio();
    let (w, h) = ((css_w * ratio).round(), (css_h * ratio).round());
    if w < 1.0 || h < 1.0 {
        return None;
    }
    // Resizing the backing store clears it and costs a reallocation; the chart paints
    // its own background, so only resize when the size changed.
    if el.width() != w as u32 || el.height() != h as u32 {
        el.set_width(w as u32);
        el.set_height(h as u32);
    }
    let theme = if prefers_dark() {
        Theme::DARK
    } else {
        Theme::LIGHT
    };
    paint(el, |root| chart.draw(root, &theme, ratio))
}

/// Calls `redraw` when the window is resized or the colour scheme changes.
fn watch_screen(redraw: impl Fn() + 'static) -> Vec<gloo::events::EventListener> {
    let mut listeners = Vec::new();
    let Some(window) = web_sys::window() else {
        return listeners;
    };
    let redraw = Rc::new(redraw);
    let again = redraw.clone();
    listeners.push(gloo::events::EventListener::new(
        &window,
        "resize",
        move |_| again(),
    ));
    if let Ok(Some(query)) = window.match_media("(prefers-color-scheme: dark)") {
        listeners.push(gloo::events::EventListener::new(
            &query,
            "change",
            move |_| redraw(),
        ));
    }
    listeners
}
