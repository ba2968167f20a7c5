//! Drawing on a canvas, with text measured by the canvas itself.
//!
//! plotters-canvas leaves text measurement to plotters' web font code, which lays out a
//! hidden DOM element per label and forces a page reflow each time: most of the cost of a
//! redraw. `measureText` on the 2D context answers the same question without layout.

use super::recording::{self, Area, Font, Measure};
use plotters::style::FontStyle;
use plotters_backend::DrawingBackend;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// Draws with `draw` on the whole of `canvas` (its backing store's pixels) and returns
/// what `draw` returned; `None` if the canvas has no 2D context or the drawing failed.
pub fn paint<T>(
    canvas: &HtmlCanvasElement,
    draw: impl FnOnce(&Area) -> Result<T, String>,
) -> Option<T> {
    let context: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
    let mut backend = CanvasBackend::with_canvas_object(canvas.clone())?;
    let (root, recording) = recording::area(backend.get_size(), measure(context));
    let drawn = draw(&root).ok()?;
    recording.play(&mut backend).ok()?;
    Some(drawn)
}

/// Text sizes as the canvas draws them.
fn measure(context: CanvasRenderingContext2d) -> Measure {
    Box::new(move |text: &str, font: &Font| {
        let weight = match font.style {
            FontStyle::Bold => "bold ",
            FontStyle::Italic => "italic ",
            FontStyle::Oblique => "oblique ",
            FontStyle::Normal => "",
        };
        context.set_font(&format!("{weight}{}px {}", font.size, font.family));
        let width = context.measure_text(text).map(|m| m.width()).unwrap_or(0.0);
        Ok((width.ceil() as u32, font.size.ceil() as u32))
    })
}
