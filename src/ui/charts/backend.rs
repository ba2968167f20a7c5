//! Drawing on a canvas: a chart's recording (`recording`) is played on `Canvas`, with its
//! text measured by the canvas itself, and paths stroked in batches.
//!
//! plotters-canvas leaves text measurement to plotters' web font code, which lays out a
//! hidden DOM element per label and forces a page reflow each time: most of the cost of a
//! redraw. `measureText` on the 2D context answers the same question without layout.
//!
//! Text: plotters-canvas sets the font, colour, alignment and baseline before every label
//! (the font in another spelling than the measurement's, so Chrome parses it again each
//! time), and plotters measures the same labels on every redraw. Here a setting is only
//! sent when it changes, one spelling serves both, and widths are remembered per font
//! and text.
//!
//! plotters draws a dashed line as one path per dash, and plotters-canvas strokes each
//! path on its own (style, begin, stroke: some 800 canvas calls and strokes per redraw of
//! the three charts). Consecutive paths in the same colour and width are gathered into one
//! canvas path and stroked once, before anything else is drawn: the dashes do not overlap,
//! so the pixels are the same.

use super::recording::{self, Area, Font, Measure};
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontTransform,
};
use plotters_canvas::CanvasBackend;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// Draws with `draw` on the whole of `canvas` (its backing store's pixels) and returns
/// what `draw` returned; `None` if the canvas has no 2D context or the drawing failed.
pub fn paint<T>(
    canvas: &HtmlCanvasElement,
    draw: impl FnOnce(&Area) -> std::result::Result<T, String>,
) -> Option<T> {
    let mut backend = Canvas::new(canvas)?;
    let (root, recording) = recording::area(backend.get_size(), backend.measure());
    let drawn = draw(&root).ok()?;
    recording.play(&mut backend).ok()?;
    Some(drawn)
}

/// plotters' canvas backend with the text and path handling above.
struct Canvas {
    inner: CanvasBackend,
    /// The colour (RGB, alpha's bits) and width of the canvas path begun and not
    /// stroked yet.
    pending: Option<((u8, u8, u8), u64, u32)>,
    /// The font, text alignment and baseline last set on the context by this backend
    /// (`None`: unknown).
    text_state: Rc<TextState>,
    /// The fill colour this backend last set for text (`None`: unknown, as after
    /// plotters-canvas drew, which sets its own).
    text_fill: Option<((u8, u8, u8), u64)>,
}

/// The context and what this backend last set on it, shared by the drawing and the
/// measuring done while a chart is recorded.
struct TextState {
    context: CanvasRenderingContext2d,
    last: RefCell<Option<(String, &'static str, &'static str)>>,
}

thread_local! {
    /// Label widths by font and text, kept across redraws: the same tick labels and
    /// legend are measured on every keystroke.
    /// (A list searched in order: a map costs more bytes than the search costs time.)
    static WIDTHS: RefCell<Vec<(String, String, f64)>> = const { RefCell::new(Vec::new()) };
}

/// Widths remembered at most; past that the cache starts again.
const MAX_WIDTHS: usize = 512;

/// The CSS font of a text style, as plotters-canvas spells it.
fn css_font<S: BackendTextStyle>(style: &S) -> String {
    format!(
        "{} {}px {}",
        style.style().as_str(),
        shortest(style.size()),
        style.family().as_str()
    )
}

/// A CSS colour, as plotters-canvas spells it.
fn css_color(color: BackendColor) -> String {
    let (r, g, b) = color.rgb;
    format!("rgba({r},{g},{b},{})", shortest(color.alpha))
}

/// `x` as `{}` writes it. Font sizes and alphas are mostly whole (`12`, `1`), which an
/// integer prints without core's shortest-float printer; a redraw asks for a few hundred.
fn shortest(x: f64) -> String {
    if x.fract() == 0.0 && x.is_sign_positive() && x < 1e15 {
        (x as u64).to_string()
    } else {
        x.to_string()
    }
}

impl TextState {
    /// Sets the context's font (and alignment and baseline, when given) where they differ
    /// from what was last set.
    fn set(&self, font: String, align: Option<(&'static str, &'static str)>) {
        let mut state = self.last.borrow_mut();
        let (last_font, last_align, last_baseline) =
            state.get_or_insert_with(|| (String::new(), "", ""));
        if *last_font != font {
            self.context.set_font(&font);
            *last_font = font;
        }
        if let Some((align, baseline)) = align {
            if *last_align != align {
                self.context.set_text_align(align);
                *last_align = align;
            }
            if *last_baseline != baseline {
                self.context.set_text_baseline(baseline);
                *last_baseline = baseline;
            }
        }
    }

    /// The width and height in pixels of `text` in `style`, as the canvas draws it.
    fn size<S: BackendTextStyle>(&self, text: &str, style: &S) -> (u32, u32) {
        let width = self.width(css_font(style), text);
        (width.ceil() as u32, style.size().ceil() as u32)
    }

    /// The width of `text` in `font` as the canvas draws it, remembered per font and text.
    fn width(&self, font: String, text: &str) -> f64 {
        let known = WIDTHS.with(|w| {
            w.borrow()
                .iter()
                .find(|(f, t, _)| *f == font && t == text)
                .map(|(_, _, width)| *width)
        });
        if let Some(width) = known {
            return width;
        }
        self.set(font.clone(), None);
        let width = self
            .context
            .measure_text(text)
            .map(|m| m.width())
            .unwrap_or(0.0);
        WIDTHS.with(|w| {
            let mut w = w.borrow_mut();
            if w.len() >= MAX_WIDTHS {
                w.clear();
            }
            w.push((font, text.to_string(), width));
        });
        width
    }
}

impl Canvas {
    fn new(canvas: &HtmlCanvasElement) -> Option<Canvas> {
        let context = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        Some(Canvas {
            inner: CanvasBackend::with_canvas_object(canvas.clone())?,
            pending: None,
            text_fill: None,
            text_state: Rc::new(TextState {
                context,
                last: RefCell::new(None),
            }),
        })
    }

    /// Text sizes as this canvas draws them, for the recorder.
    fn measure(&self) -> Measure {
        let state = self.text_state.clone();
        Box::new(move |text: &str, font: &Font| Ok(state.size(text, font)))
    }

    fn context(&self) -> &CanvasRenderingContext2d {
        &self.text_state.context
    }

    /// Strokes the paths gathered so far, if any.
    fn flush(&mut self) {
        if self.pending.take().is_some() {
            self.context().stroke();
        }
    }

    /// Before plotters-canvas draws: the paths gathered so far go first, and the fill
    /// colour it sets is not the one remembered for text.
    fn hand_over(&mut self) {
        self.flush();
        self.text_fill = None;
    }
}

impl Drop for Canvas {
    fn drop(&mut self) {
        self.flush();
    }
}

type CanvasError = <CanvasBackend as DrawingBackend>::ErrorType;
type Result<T> = std::result::Result<T, DrawingErrorKind<CanvasError>>;

impl DrawingBackend for Canvas {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<()> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<()> {
        self.flush();
        self.inner.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<()> {
        self.hand_over();
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<()> {
        self.hand_over();
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<()> {
        self.hand_over();
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<()> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let key = (color.rgb, color.alpha.to_bits(), style.stroke_width());
        if self.pending != Some(key) {
            self.flush();
            let context = self.context();
            context.set_stroke_style_str(&css_color(color));
            context.set_line_width(key.2 as f64);
            context.begin_path();
            self.pending = Some(key);
        }
        let context = self.context();
        let mut path = path.into_iter();
        if let Some((x, y)) = path.next() {
            context.move_to(x as f64, y as f64);
            for (x, y) in path {
                context.line_to(x as f64, y as f64);
            }
        }
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<()> {
        self.hand_over();
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<()> {
        self.hand_over();
        self.inner.fill_polygon(vert, style)
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<()> {
        self.flush();
        let color = style.color();
        if !matches!(style.transform(), FontTransform::None) {
            // Rotated (axis titles): plotters-canvas saves and restores the context
            // around it, which brings back settings this backend does not know.
            self.text_state.last.replace(None);
            self.text_fill = None;
            return self.inner.draw_text(text, style, pos);
        }
        if color.alpha == 0.0 {
            return Ok(());
        }
        let baseline = match style.anchor().v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        };
        let align = match style.anchor().h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "center",
        };
        self.text_state
            .set(css_font(style), Some((align, baseline)));
        let fill = (color.rgb, color.alpha.to_bits());
        if self.text_fill != Some(fill) {
            self.context().set_fill_style_str(&css_color(color));
            self.text_fill = Some(fill);
        }
        let context = self.context();
        // fillText without a maximum width throws for nothing it is given here.
        let _ = context.fill_text(text, pos.0 as f64, pos.1 as f64);
        Ok(())
    }

    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, style: &S) -> Result<(u32, u32)> {
        Ok(self.text_state.size(text, style))
    }

    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Result<()> {
        self.hand_over();
        self.inner.blit_bitmap(pos, size, src)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// Font sizes and alphas are written as `{}` writes them, whole or not.
        #[test]
        fn shortest_is_what_display_writes(bits in any::<u64>(), whole in 0u64..100_000) {
            let x = f64::from_bits(bits);
            prop_assert_eq!(super::shortest(x), x.to_string());
            let w = whole as f64;
            prop_assert_eq!(super::shortest(w), w.to_string());
            prop_assert_eq!(super::shortest(w / 8.0), (w / 8.0).to_string());
        }
    }
}
