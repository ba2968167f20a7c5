//! A drawing backend that records what a chart draws, to be played afterwards on the
//! page's canvas or on the SVG export. Chart code is generic over plotters' backend; drawn
//! on the two real ones it was compiled twice. Drawn on this one, it is compiled once,
//! and only `Recording::play`, a loop over a few primitives, is compiled per backend.
//!
//! Charts measure text while they lay out, so the recorder answers with the measure of
//! the backend the recording is for (the canvas's `measureText`, or plotters' estimate
//! that its SVG backend uses); played there, the recording draws exactly what drawing on
//! that backend directly would have.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, IntoDrawingArea};
use plotters::style::text_anchor::Pos;
use plotters::style::{FontDesc, FontError, FontFamily, FontStyle, FontTransform, TextStyle};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use std::cell::RefCell;
use std::convert::Infallible;
use std::rc::Rc;

/// Where charts draw.
pub type Area = DrawingArea<Recorder, Shift>;

/// Why a text could not be measured.
pub type MeasureError = Box<dyn std::error::Error + Send + Sync>;

/// Width and height in pixels of a text in a font, as the target backend draws it.
pub type Measure = Box<dyn Fn(&str, &Font) -> Result<(u32, u32), MeasureError>>;

/// A drawing area of `size` pixels whose text `measure` sizes, and the recording of what
/// is drawn on it.
pub fn area(size: (u32, u32), measure: Measure) -> (Area, Recording) {
    let ops = Rc::new(RefCell::new(Vec::new()));
    let recorder = Recorder {
        size,
        measure,
        ops: ops.clone(),
    };
    (recorder.into_drawing_area(), Recording { ops })
}

/// plotters' own estimate of a text's size: what its SVG backend answers, since an SVG
/// file cannot know the viewer's fonts.
pub fn estimate(text: &str, font: &Font) -> Result<(u32, u32), MeasureError> {
    let ((left, top), (right, bottom)) = font.layout_box(text)?;
    Ok(((right - left) as u32, (bottom - top) as u32))
}

/// The backend charts draw on: it keeps every primitive plotters asks for.
pub struct Recorder {
    size: (u32, u32),
    measure: Measure,
    ops: Rc<RefCell<Vec<Op>>>,
}

/// What was drawn on an `area`, in order.
pub struct Recording {
    ops: Rc<RefCell<Vec<Op>>>,
}

/// One primitive call of plotters' backend interface, with its arguments.
enum Op {
    Pixel(BackendCoord, BackendColor),
    Line(BackendCoord, BackendCoord, Stroke),
    Rect(BackendCoord, BackendCoord, Stroke, bool),
    Path(Vec<BackendCoord>, Stroke),
    Circle(BackendCoord, u32, Stroke, bool),
    Polygon(Vec<BackendCoord>, Stroke),
    Text(String, Font, BackendCoord),
}

/// A line or fill style as the backend sees it.
#[derive(Clone, Copy)]
struct Stroke {
    color: BackendColor,
    width: u32,
}

impl Stroke {
    fn of<S: BackendStyle>(style: &S) -> Stroke {
        Stroke {
            color: style.color(),
            width: style.stroke_width(),
        }
    }
}

impl BackendStyle for Stroke {
    fn color(&self) -> BackendColor {
        self.color
    }

    fn stroke_width(&self) -> u32 {
        self.width
    }
}

/// A text style as the backend sees it.
#[derive(Clone)]
pub struct Font {
    pub family: String,
    pub size: f64,
    pub style: FontStyle,
    transform: FontTransform,
    anchor: Pos,
    color: BackendColor,
}

impl Font {
    fn of<S: BackendTextStyle>(style: &S) -> Font {
        Font {
            family: style.family().as_str().to_string(),
            size: style.size(),
            style: style.style(),
            transform: style.transform(),
            anchor: style.anchor(),
            color: style.color(),
        }
    }

    /// The same style as plotters' own text style, for its font code.
    fn text_style(&self) -> TextStyle<'_> {
        TextStyle {
            font: FontDesc::new(
                FontFamily::from(self.family.as_str()),
                self.size,
                self.style,
            )
            .transform(self.transform.clone()),
            color: self.color,
            pos: self.anchor,
        }
    }
}

impl BackendTextStyle for Font {
    type FontError = FontError;

    fn color(&self) -> BackendColor {
        self.color
    }

    fn size(&self) -> f64 {
        self.size
    }

    fn transform(&self) -> FontTransform {
        self.transform.clone()
    }

    fn style(&self) -> FontStyle {
        self.style
    }

    fn anchor(&self) -> Pos {
        self.anchor
    }

    fn family(&self) -> FontFamily<'_> {
        FontFamily::from(self.family.as_str())
    }

    fn layout_box(&self, text: &str) -> Result<((i32, i32), (i32, i32)), FontError> {
        self.text_style().layout_box(text)
    }

    fn draw<E, F: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        text: &str,
        pos: BackendCoord,
        draw: F,
    ) -> Result<Result<(), E>, FontError> {
        self.text_style().draw(text, pos, draw)
    }
}

/// Recording never fails; only a text the target cannot measure does.
type Recorded<T> = Result<T, DrawingErrorKind<Infallible>>;

impl Recorder {
    fn push(&self, op: Op) -> Recorded<()> {
        self.ops.borrow_mut().push(op);
        Ok(())
    }
}

impl DrawingBackend for Recorder {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Recorded<()> {
        Ok(())
    }

    fn present(&mut self) -> Recorded<()> {
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Recorded<()> {
        self.push(Op::Pixel(point, color))
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Recorded<()> {
        self.push(Op::Line(from, to, Stroke::of(style)))
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Recorded<()> {
        self.push(Op::Rect(upper_left, bottom_right, Stroke::of(style), fill))
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Recorded<()> {
        self.push(Op::Path(path.into_iter().collect(), Stroke::of(style)))
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Recorded<()> {
        self.push(Op::Circle(center, radius, Stroke::of(style), fill))
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Recorded<()> {
        self.push(Op::Polygon(vert.into_iter().collect(), Stroke::of(style)))
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Recorded<()> {
        self.push(Op::Text(text.to_string(), Font::of(style), pos))
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Recorded<(u32, u32)> {
        (self.measure)(text, &Font::of(style)).map_err(DrawingErrorKind::FontError)
    }
}

impl Recording {
    /// Draws what was recorded on `target`, call for call.
    pub fn play<DB: DrawingBackend>(
        &self,
        target: &mut DB,
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        target.ensure_prepared()?;
        for op in self.ops.borrow().iter() {
            match op {
                Op::Pixel(at, color) => target.draw_pixel(*at, *color),
                Op::Line(from, to, s) => target.draw_line(*from, *to, s),
                Op::Rect(from, to, s, fill) => target.draw_rect(*from, *to, s, *fill),
                Op::Path(points, s) => target.draw_path(points.iter().copied(), s),
                Op::Circle(at, r, s, fill) => target.draw_circle(*at, *r, s, *fill),
                Op::Polygon(points, s) => target.fill_polygon(points.iter().copied(), s),
                Op::Text(text, font, at) => target.draw_text(text, font, *at),
            }?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::element::{Circle, DashedPathElement, PathElement, Polygon, Rectangle, Text};
    use plotters::prelude::{IntoFont, SVGBackend, BLUE, RED, WHITE};
    use plotters::style::text_anchor::{HPos, VPos};
    use plotters::style::{Color, FontStyle};

    /// One of every primitive, with text sized by the backend as charts do.
    fn sample<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>) -> (u32, u32) {
        let (_, body) = root.split_vertically(20);
        body.fill(&WHITE).unwrap();
        let bold = ("sans-serif", 15.0)
            .into_font()
            .style(FontStyle::Bold)
            .color(&RED)
            .pos(Pos::new(HPos::Right, VPos::Center));
        let turned = ("serif", 11.0)
            .into_font()
            .transform(FontTransform::Rotate270)
            .color(&BLUE.mix(0.5));
        let size = body.estimate_text_size("Cost <USD> & more", &bold).unwrap();
        body.draw(&Text::new("Cost <USD> & more", (100, 30), bold))
            .unwrap();
        body.draw(&Text::new("Memory", (10, 90), turned)).unwrap();
        body.draw(&Rectangle::new([(5, 5), (60, 40)], BLUE.filled()))
            .unwrap();
        body.draw(&Rectangle::new(
            [(6, 6), (61, 41)],
            Color::stroke_width(&RED, 2),
        ))
        .unwrap();
        body.draw(&Circle::new((70, 70), 4, RED.filled())).unwrap();
        body.draw(&Circle::new((80, 70), 4, Color::stroke_width(&BLUE, 3)))
            .unwrap();
        body.draw(&PathElement::new(vec![(0, 0), (50, 80), (120, 10)], RED))
            .unwrap();
        body.draw(&DashedPathElement::new(
            vec![(0, 100), (150, 100)],
            6,
            3,
            Color::stroke_width(&BLUE, 2),
        ))
        .unwrap();
        body.draw(&Polygon::new(
            vec![(10, 10), (40, 60), (70, 10)],
            BLUE.mix(0.2),
        ))
        .unwrap();
        body.draw_pixel((3, 3), &RED).unwrap();
        size
    }

    #[test]
    fn played_on_svg_it_draws_what_drawing_there_directly_does() {
        let mut direct = String::new();
        let direct_size = {
            let root = SVGBackend::with_string(&mut direct, (200, 150)).into_drawing_area();
            sample(&root)
        };
        let (root, recording) = area((200, 150), Box::new(estimate));
        let recorded_size = sample(&root);
        let mut played = String::new();
        {
            let mut svg = SVGBackend::with_string(&mut played, (200, 150));
            recording.play(&mut svg).unwrap();
        }
        assert_eq!(recorded_size, direct_size);
        assert!(direct.contains("font-weight=\"bold\""), "{direct}");
        assert!(direct.contains("rotate(270"), "{direct}");
        assert!(direct.contains("<polygon"), "{direct}");
        assert_eq!(played, direct);
    }

    #[test]
    fn text_is_measured_by_the_measure_it_is_given() {
        let (root, recording) = area(
            (100, 50),
            Box::new(|text, font| Ok((text.len() as u32 * 10, font.size as u32))),
        );
        let style = ("sans-serif", 12.0).into_font().color(&RED);
        assert_eq!(root.estimate_text_size("abc", &style).unwrap(), (30, 12));
        let (failing, _) = area((100, 50), Box::new(|_, _| Err("no font".into())));
        assert!(failing.estimate_text_size("abc", &style).is_err());
        // Measuring draws nothing.
        assert!(recording.ops.borrow().is_empty());
    }
}
