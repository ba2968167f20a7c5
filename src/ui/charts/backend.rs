//! The canvas backend with text measured by the canvas itself, and paths stroked in
//! batches.
//!
//! plotters-canvas leaves text measurement to plotters' web font code, which lays out a
//! hidden DOM element per label and forces a page reflow each time: most of the cost of a
//! redraw. `measureText` on the 2D context answers the same question without layout.
//!
//! Text: plotters-canvas sets the font, colour, alignment and baseline before every label
//! (the font in another spelling than the measurement's, so Chrome parses it again each
//! time), and plotters measures the same labels on every redraw. Here a setting is only
//! sent when it changes, and widths are remembered per font and text.
//!
//! plotters draws a dashed line as one path per dash, and plotters-canvas strokes each
//! path on its own (style, begin, stroke: some 800 canvas calls and strokes per redraw of
//! the three charts). Consecutive paths in the same colour and width are gathered into one
//! canvas path and stroked once, before anything else is drawn: the dashes do not overlap,
//! so the pixels are the same.

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontTransform,
};
use plotters_canvas::CanvasBackend;
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

pub struct Canvas {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
    /// The colour (RGB, alpha's bits) and width of the canvas path begun and not
    /// stroked yet.
    pending: Option<((u8, u8, u8), u64, u32)>,
    /// The font, text alignment and baseline last set on the context by this backend
    /// (`None`: unknown).
    text_state: RefCell<Option<(String, &'static str, &'static str)>>,
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
        style.size(),
        style.family().as_str()
    )
}

impl Canvas {
    pub fn new(canvas: &HtmlCanvasElement) -> Option<Canvas> {
        let context = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        Some(Canvas {
            inner: CanvasBackend::with_canvas_object(canvas.clone())?,
            context,
            pending: None,
            text_state: RefCell::new(None),
        })
    }

    /// Sets the context's font (and alignment and baseline, when given) where they differ
    /// from what this backend last set.
    fn set_text_state(&self, font: String, align: Option<(&'static str, &'static str)>) {
        let mut state = self.text_state.borrow_mut();
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

    /// Strokes the paths gathered so far, if any.
    fn flush(&mut self) {
        if self.pending.take().is_some() {
            self.context.stroke();
        }
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
        self.flush();
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<()> {
        self.flush();
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<()> {
        self.flush();
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
            let (r, g, b) = color.rgb;
            self.context
                .set_stroke_style_str(&format!("rgba({r},{g},{b},{})", color.alpha));
            self.context.set_line_width(key.2 as f64);
            self.context.begin_path();
            self.pending = Some(key);
        }
        let mut path = path.into_iter();
        if let Some((x, y)) = path.next() {
            self.context.move_to(x as f64, y as f64);
            for (x, y) in path {
                self.context.line_to(x as f64, y as f64);
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
        self.flush();
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<()> {
        self.flush();
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
            self.text_state.replace(None);
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
        self.set_text_state(css_font(style), Some((align, baseline)));
        let (r, g, b) = color.rgb;
        self.context
            .set_fill_style_str(&format!("rgba({r},{g},{b},{})", color.alpha));
        // fillText without a maximum width throws for nothing it is given here.
        let _ = self.context.fill_text(text, pos.0 as f64, pos.1 as f64);
        Ok(())
    }

    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, style: &S) -> Result<(u32, u32)> {
        let font = css_font(style);
        let known = WIDTHS.with(|w| {
            w.borrow()
                .iter()
                .find(|(f, t, _)| *f == font && t == text)
                .map(|(_, _, width)| *width)
        });
        let width = match known {
            Some(width) => width,
            None => {
                self.set_text_state(font.clone(), None);
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
        };
        Ok((width.ceil() as u32, style.size().ceil() as u32))
    }

    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Result<()> {
        self.flush();
        self.inner.blit_bitmap(pos, size, src)
    }
}
