//! Draws a chart on a canvas sized for the screen: the backing store is the CSS size
//! times `devicePixelRatio`, and the chart scales its text and lines by the same factor,
//! so it stays crisp on HiDPI screens. Redraws on resize and on a light/dark switch, and
//! shows a read-out of the data under the pointer.

use super::backend::Canvas;
use super::{Chart, ChartKind, Frame, Theme};
use plotters::prelude::IntoDrawingArea;
use std::cell::RefCell;
use std::rc::Rc;
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

    {
        let canvas = canvas.clone();
        let frame = frame.clone();
        let css_size = css_size.clone();
        use_effect_with((props.chart.clone(), *redraws), move |(chart, _)| {
            if let Some(el) = canvas.cast::<HtmlCanvasElement>() {
                let size = *css_size.borrow_mut().get_or_insert_with(|| {
                    let rect = el.get_bounding_client_rect();
                    (rect.width(), rect.height())
                });
                *frame.borrow_mut() = draw(&el, chart, size);
                // Tests and the benchmark wait for this count to know the chart is drawn.
                *draws.borrow_mut() += 1;
                let _ = el.set_attribute("data-draws", &draws.borrow().to_string());
            }
        });
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
                {onmousemove}
                {onmouseleave}
            />
            if let Some((x, text)) = &*readout {
                <div class="readout" aria-hidden="true" style={format!("--x: {x:.0}px")}>{ text }</div>
            }
        </div>
    }
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
        _ => window
            .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
            .is_some_and(|m| m.matches()),
    }
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
    let root = Canvas::new(el)?.into_drawing_area();
    let theme = if prefers_dark() {
        Theme::DARK
    } else {
        Theme::LIGHT
    };
    chart.draw(&root, &theme, ratio).ok()
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
