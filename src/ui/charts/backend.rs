//! The canvas backend with text measured by the canvas itself, and paths stroked in
//! batches.
//!
//! plotters-canvas leaves text measurement to plotters' web font code, which lays out a
//! hidden DOM element per label and forces a page reflow each time: most of the cost of a
//! redraw. `measureText` on the 2D context answers the same question without layout.
//!
//! plotters draws a dashed line as one path per dash, and plotters-canvas strokes each
//! path on its own (style, begin, stroke: some 800 canvas calls and strokes per redraw of
//! the three charts). Consecutive paths in the same colour and width are gathered into one
//! canvas path and stroked once, before anything else is drawn: the dashes do not overlap,
//! so the pixels are the same.

use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontStyle,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

pub struct Canvas {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
    /// The colour (RGB, alpha's bits) and width of the canvas path begun and not
    /// stroked yet.
    pending: Option<((u8, u8, u8), u64, u32)>,
}

impl Canvas {
    pub fn new(canvas: &HtmlCanvasElement) -> Option<Canvas> {
        let context = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        Some(Canvas {
            inner: CanvasBackend::with_canvas_object(canvas.clone())?,
            context,
            pending: None,
        })
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
        self.inner.draw_text(text, style, pos)
    }

    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, style: &S) -> Result<(u32, u32)> {
        let weight = match style.style() {
            FontStyle::Bold => "bold ",
            FontStyle::Italic => "italic ",
            FontStyle::Oblique => "oblique ",
            FontStyle::Normal => "",
        };
        self.context.set_font(&format!(
            "{weight}{}px {}",
            style.size(),
            style.family().as_str()
        ));
        let width = self
            .context
            .measure_text(text)
            .map(|m| m.width())
            .unwrap_or(0.0);
        Ok((width.ceil() as u32, style.size().ceil() as u32))
    }

    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Result<()> {
        self.flush();
        self.inner.blit_bitmap(pos, size, src)
    }
}
