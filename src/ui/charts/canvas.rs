//! Draws a chart on a canvas sized for the screen: the backing store is the CSS size
//! times `devicePixelRatio`, and the chart scales its text and lines by the same factor,
//! so it stays crisp on HiDPI screens. Redraws on resize and on a light/dark switch, and
//! shows a read-out of the data under the pointer.
//!
//! `LiveChart` does all of that with plain DOM calls, so the embed view (no Yew) and the
//! calculator (`ChartCanvas`, a thin Yew wrapper) share it.

use super::backend::paint;
use super::frame::PlotState;
use super::memory::MemorySeries;
use super::{Chart, ChartKind, Frame, MemoryChart, Theme};
use lambda_cost::decimal::fixed;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
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

/// The chart's canvas in Yew markup; a `LiveChart` draws on it from the first render on.
#[function_component(ChartCanvas)]
pub fn chart_canvas(props: &ChartCanvasProps) -> Html {
    let canvas = use_node_ref();
    let live: Rc<RefCell<Option<LiveChart>>> = use_mut_ref(|| None);
    {
        let (canvas, live) = (canvas.clone(), live.clone());
        use_effect_with(props.chart.clone(), move |chart| {
            let mut live = live.borrow_mut();
            match &*live {
                Some(l) => l.show(chart.clone()),
                None => {
                    *live = canvas
                        .cast::<HtmlCanvasElement>()
                        .map(|el| LiveChart::attach(el, chart.clone()))
                }
            }
        });
    }
    // Stops drawing and listening when the chart leaves the page.
    use_effect_with((), move |_| move || drop(live.borrow_mut().take()));
    let mut tag = yew::virtual_dom::VTag::new("canvas");
    for (name, value) in canvas_attributes(&props.chart, &props.testid) {
        tag.add_attribute(name, value);
    }
    tag.node_ref = canvas;
    html! { <div class="chart-canvas">{ Html::from(tag) }</div> }
}

/// The canvas's attributes: what it shows for screen readers, and `data-draws`, which
/// counts draws once drawn (tests and the benchmark wait for it). Until the first draw it
/// is 0; Yew leaves it alone afterwards, as the rendered value never changes.
pub fn canvas_attributes(chart: &ChartKind, testid: &str) -> [(&'static str, String); 4] {
    [
        ("role", "img".into()),
        ("aria-label", chart.summary()),
        ("data-testid", testid.into()),
        ("data-draws", "0".into()),
    ]
}

/// A chart kept drawn on its canvas: drawn when it is on screen (or, off screen, when the
/// page is idle), again after a resize or a light/dark switch, and at once for a print;
/// with a read-out of the data under the pointer. Dropping it stops all of that.
pub struct LiveChart {
    state: Rc<RefCell<Live>>,
    _listeners: Vec<gloo::events::EventListener>,
    _visibility: Option<Visibility>,
}

struct Live {
    canvas: HtmlCanvasElement,
    chart: ChartKind,
    /// The frame last drawn, to map the pointer to data.
    frame: Option<Frame>,
    /// CSS size of the canvas, measured once and again after a resize: reading layout on
    /// every redraw would force a reflow of the whole page per keystroke.
    css_size: Option<(f64, f64)>,
    /// Whether the canvas is on screen. It starts false: the first draw waits for the
    /// observer's first report, which comes after the page's first paint, so the total
    /// and the bill show before any chart is drawn.
    visible: bool,
    /// Whether the canvas shows `chart` at the current screen size.
    current: bool,
    draws: u32,
    /// A draw put off until the page is idle or the chart scrolls into view.
    later: Option<Later>,
    readout: Option<web_sys::Element>,
    /// The memory chart's picture under its current-size line (`Layers`).
    layers: Option<Layers>,
}

/// The memory chart drawn in two layers: its picture without the current size's line,
/// kept on a canvas off the page while what it shows stays the same, and that line and
/// its label drawn over a copy of it. A memory edit, the commonest, moves only the line
/// (the sweeps are kept across edits): edits 15.5 -> 14.3 and 14.0 -> 11.6 ms median,
/// measured (A/B, 360 edits each).
struct Layers {
    /// The series the picture shows.
    series: Vec<MemorySeries>,
    /// The backing store's size, dark or light, and the pixel ratio's bits it was drawn at.
    drawn_at: (u32, u32, bool, u64),
    picture: HtmlCanvasElement,
    under: PlotState,
}

impl LiveChart {
    pub fn attach(canvas: HtmlCanvasElement, chart: ChartKind) -> LiveChart {
        let state = Rc::new(RefCell::new(Live {
            canvas: canvas.clone(),
            chart,
            frame: None,
            css_size: None,
            visible: false,
            current: false,
            draws: 0,
            later: None,
            readout: None,
            layers: None,
        }));
        let weak = Rc::downgrade(&state);
        let on = |f: fn(&Rc<RefCell<Live>>, &web_sys::Event)| {
            let weak = weak.clone();
            move |e: &web_sys::Event| {
                if let Some(state) = weak.upgrade() {
                    f(&state, e)
                }
            }
        };
        let mut listeners = watch_screen(
            on(|state, _| {
                let mut live = state.borrow_mut();
                live.css_size = None;
                live.current = false;
            }),
            {
                let weak = weak.clone();
                move || schedule(&weak)
            },
        );
        // A printout (or a full-page capture that fires beforeprint) shows every chart.
        if let Some(w) = web_sys::window() {
            listeners.push(gloo::events::EventListener::new(
                &w,
                "beforeprint",
                on(|state, _| paint_now(state)),
            ));
        }
        listeners.push(gloo::events::EventListener::new(
            &canvas,
            "mousemove",
            on(|state, e| {
                if let Some(e) = e.dyn_ref::<web_sys::MouseEvent>() {
                    state.borrow_mut().point_at(f64::from(e.offset_x()));
                }
            }),
        ));
        listeners.push(gloo::events::EventListener::new(
            &canvas,
            "mouseleave",
            on(|state, _| state.borrow_mut().hide_readout()),
        ));
        let visibility = {
            let weak = weak.clone();
            watch_visibility(&canvas, move |on| {
                if let Some(state) = weak.upgrade() {
                    state.borrow_mut().visible = on;
                }
                schedule(&weak);
            })
        };
        schedule(&weak);
        LiveChart {
            state,
            _listeners: listeners,
            _visibility: visibility,
        }
    }

    /// Shows new data.
    pub fn show(&self, chart: ChartKind) {
        {
            let mut live = self.state.borrow_mut();
            live.chart = chart;
            live.current = false;
        }
        schedule(&Rc::downgrade(&self.state));
    }
}

/// Draws now if the chart is on screen, else later (see `later`).
fn schedule(weak: &Weak<RefCell<Live>>) {
    let Some(state) = weak.upgrade() else {
        return;
    };
    let (visible, first) = {
        let live = state.borrow();
        if live.current {
            return;
        }
        (live.visible, live.draws == 0)
    };
    if visible {
        state.borrow_mut().later = None;
        paint_now(&state);
    } else {
        let weak = weak.clone();
        let draw: Draw = Rc::new(move || {
            if let Some(state) = weak.upgrade() {
                paint_now(&state);
            }
        });
        state.borrow_mut().later = Some(later(first, draw));
    }
}

fn paint_now(state: &Rc<RefCell<Live>>) {
    // `later` stays: this may be its callback running, which must not be dropped here.
    let mut live = state.borrow_mut();
    if live.current {
        return;
    }
    let el = live.canvas.clone();
    let size = *live.css_size.get_or_insert_with(|| {
        let rect = el.get_bounding_client_rect();
        (rect.width(), rect.height())
    });
    let Live { chart, layers, .. } = &mut *live;
    let painted = draw(&el, chart, size, layers);
    label_boxes(&el, painted.as_ref());
    live.frame = painted;
    live.current = true;
    live.draws += 1;
    let _ = el.set_attribute("data-draws", &live.draws.to_string());
}

impl Live {
    /// Shows the read-out for the data under the pointer, `x_css` px from the left.
    fn point_at(&mut self, x_css: f64) {
        let text = self
            .frame
            .as_ref()
            .and_then(|f| f.x_at(x_css * pixel_ratio()))
            .and_then(|x| self.chart.describe(x));
        let Some(text) = text else {
            return self.hide_readout();
        };
        if self.readout.is_none() {
            self.readout = readout_element(&self.canvas);
        }
        if let Some(el) = &self.readout {
            let _ = el.set_attribute("style", &format!("--x: {}px", fixed(x_css, 0)));
            el.set_text_content(Some(&text));
        }
    }

    fn hide_readout(&mut self) {
        if let Some(el) = self.readout.take() {
            el.remove();
        }
    }
}

/// `<div class="readout" aria-hidden="true">` after the canvas.
fn readout_element(canvas: &HtmlCanvasElement) -> Option<web_sys::Element> {
    let el = canvas.owner_document()?.create_element("div").ok()?;
    el.set_class_name("readout");
    let _ = el.set_attribute("aria-hidden", "true");
    canvas.parent_node()?.append_child(&el).ok()?;
    Some(el)
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

fn draw(
    el: &HtmlCanvasElement,
    chart: &ChartKind,
    (css_w, css_h): (f64, f64),
    layers: &mut Option<Layers>,
) -> Option<Frame> {
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
    let dark = prefers_dark();
    let theme = if dark { Theme::DARK } else { Theme::LIGHT };
    match chart {
        ChartKind::Memory(m) => draw_layered(el, m, &theme, ratio, dark, layers),
        _ => paint(el, |root| chart.draw(root, &theme, ratio)),
    }
}

/// Draws the memory chart over its kept picture, drawing that picture first if what it
/// shows changed (see `Layers`).
fn draw_layered(
    el: &HtmlCanvasElement,
    chart: &MemoryChart,
    theme: &Theme,
    ratio: f64,
    dark: bool,
    layers: &mut Option<Layers>,
) -> Option<Frame> {
    let drawn_at = (el.width(), el.height(), dark, ratio.to_bits());
    let kept = layers.as_ref().is_some_and(|l| {
        l.drawn_at == drawn_at
            && l.series.len() == chart.series.len()
            && l.series
                .iter()
                .zip(&chart.series)
                .all(|(a, b)| a.same_as(b))
    });
    if !kept {
        *layers = None;
        let picture: HtmlCanvasElement = el
            .owner_document()?
            .create_element("canvas")
            .ok()?
            .dyn_into()
            .ok()?;
        picture.set_width(el.width());
        picture.set_height(el.height());
        let under = paint(&picture, |root| chart.draw_under(root, theme, ratio))?;
        *layers = Some(Layers {
            series: chart.series.clone(),
            drawn_at,
            picture,
            under,
        });
    }
    let layers = layers.as_ref()?;
    let context: web_sys::CanvasRenderingContext2d = el.get_context("2d").ok()??.dyn_into().ok()?;
    context
        .draw_image_with_html_canvas_element(&layers.picture, 0.0, 0.0)
        .ok()?;
    paint(el, |root| {
        chart.draw_over(root, theme, ratio, &layers.under)
    })
}

/// When the window is resized or the colour scheme changes, calls `reset`, then `redraw`.
fn watch_screen(
    reset: impl Fn(&web_sys::Event) + 'static,
    redraw: impl Fn() + 'static,
) -> Vec<gloo::events::EventListener> {
    let Some(window) = web_sys::window() else {
        return Vec::new();
    };
    let changed = Rc::new(move |e: &web_sys::Event| {
        reset(e);
        redraw();
    });
    let mut listeners = Vec::new();
    let again = changed.clone();
    listeners.push(gloo::events::EventListener::new(
        &window,
        "resize",
        move |e| again(e),
    ));
    if let Ok(Some(query)) = window.match_media("(prefers-color-scheme: dark)") {
        listeners.push(gloo::events::EventListener::new(
            &query,
            "change",
            move |e| changed(e),
        ));
    }
    listeners
}
