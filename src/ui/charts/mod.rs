//! Charts: each is a function from plain data, a theme and a pixel scale to a drawing,
//! recorded once (`recording`) and played on the page's canvas (`backend`) or into an
//! SVG document (`svg`, for exports and the native tests). `canvas` holds the component
//! that sizes the canvas for HiDPI screens.

pub(crate) mod backend;
mod canvas;
pub mod comparison;
pub mod compute;
pub mod frame;
pub mod memory;
pub(crate) mod recording;
pub(crate) mod svg;
pub mod tuning;
pub mod utilization;
pub mod volume;

pub use canvas::ChartCanvas;
#[cfg(target_arch = "wasm32")]
pub use canvas::{canvas_attributes, LiveChart};
pub use compute::ComputeChart;
pub use frame::{Rect, Scale};
pub use memory::MemoryChart;
pub use recording::Area;
pub use tuning::TuningChart;
pub use utilization::UtilizationChart;
pub use volume::VolumeChart;

use lambda_cost::model::{SweepPoint, MEMORY_SIZES};
use plotters::element::{Drawable, PointCollection};
use plotters::prelude::*;
use plotters::style::RGBColor;
use plotters_backend::{BackendCoord, DrawingErrorKind};

/// Colours of one theme. x86_64 and arm64 also differ by line pattern, not colour alone.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub background: RGBColor,
    pub text: RGBColor,
    pub muted: RGBColor,
    pub grid: RGBColor,
    pub x86_64: RGBColor,
    pub arm64: RGBColor,
    pub marker: RGBColor,
}

impl Theme {
    /// The colour of an architecture's lines.
    pub fn arch(&self, arch: lambda_cost::Arch) -> RGBColor {
        match arch {
            lambda_cost::Arch::X86_64 => self.x86_64,
            lambda_cost::Arch::Arm64 => self.arm64,
        }
    }

    pub const LIGHT: Theme = Theme {
        background: RGBColor(255, 255, 255),
        text: RGBColor(27, 31, 36),
        muted: RGBColor(87, 96, 106),
        grid: RGBColor(228, 231, 235),
        x86_64: RGBColor(29, 99, 206),
        arm64: RGBColor(185, 60, 11),
        marker: RGBColor(21, 128, 61),
    };
    pub const DARK: Theme = Theme {
        background: RGBColor(23, 27, 33),
        text: RGBColor(230, 233, 238),
        muted: RGBColor(162, 172, 184),
        grid: RGBColor(50, 58, 69),
        x86_64: RGBColor(108, 180, 255),
        arm64: RGBColor(255, 138, 76),
        marker: RGBColor(74, 222, 128),
    };
}

/// What a pointer position on the canvas means, for the hover read-out, and where the
/// legend and labels went (for tests that check nothing overlaps).
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// Plot area in backend pixels: left, right.
    pub left: f64,
    pub right: f64,
    /// The plot area's top edge, backend pixels.
    pub top: f64,
    /// Data range along x.
    pub x: Scale,
    /// The legend box, then every placed label, in backend pixels.
    pub placed: Vec<Rect>,
    /// The x axis labels drawn, left to right.
    pub x_labels: Vec<String>,
}

impl Frame {
    /// The x value under backend pixel `px`, or `None` outside the plot area.
    pub fn x_at(&self, px: f64) -> Option<f64> {
        if px < self.left || px > self.right || self.right <= self.left {
            return None;
        }
        Some(self.x.value((px - self.left) / (self.right - self.left)))
    }
}

/// A chart the page can draw and describe.
pub trait Chart: PartialEq {
    /// Draws on `root`; sizes of text, lines and margins are multiplied by `scale`
    /// (the device pixel ratio on canvas).
    fn draw(&self, root: &Area, theme: &Theme, scale: f64) -> Result<Frame, String>;

    /// The read-out for the data nearest to `x`.
    fn describe(&self, x: f64) -> Option<String>;

    /// One sentence for screen readers.
    fn summary(&self) -> String;
}

/// Every chart the page draws, as one type: one canvas component and one export
/// component serve them all, instead of a copy of each per chart type. The embed bundles
/// (`crate::EMBED_BUNDLE`) never make the Power Tuning or comparison chart, and the
/// embed bundle for the other charts never makes the comparison of ways to run it
/// (`crate::COMPUTE_CHART`). The match arms of `Chart` say so, constant guards first, so
/// that their drawing code stays out. (A method saying the same was not folded away:
/// 14.7 KB of code more.)
#[derive(Debug, Clone, PartialEq)]
pub enum ChartKind {
    Memory(MemoryChart),
    Volume(VolumeChart),
    Utilization(UtilizationChart),
    Tuning(TuningChart),
    Comparison(comparison::ComparisonChart),
    Compute(ComputeChart),
}

macro_rules! chart_kinds {
    ($($variant:ident($ty:ty)),*) => {
        $(impl From<$ty> for ChartKind {
            fn from(chart: $ty) -> Self {
                ChartKind::$variant(chart)
            }
        })*

        impl Chart for ChartKind {
            fn draw(
                &self,
                root: &Area,
                theme: &Theme,
                scale: f64,
            ) -> Result<Frame, String> {
                match self {
                    ChartKind::Tuning(_) | ChartKind::Comparison(_) if crate::EMBED_BUNDLE => {
                        Err("this chart is not in this bundle".into())
                    }
                    ChartKind::Compute(_) if !crate::COMPUTE_CHART => {
                        Err("this chart is not in this bundle".into())
                    }
                    $(ChartKind::$variant(c) => c.draw(root, theme, scale),)*
                }
            }

            fn describe(&self, x: f64) -> Option<String> {
                match self {
                    ChartKind::Tuning(_) | ChartKind::Comparison(_) if crate::EMBED_BUNDLE => None,
                    ChartKind::Compute(_) if !crate::COMPUTE_CHART => None,
                    $(ChartKind::$variant(c) => c.describe(x),)*
                }
            }

            fn summary(&self) -> String {
                match self {
                    ChartKind::Tuning(_) | ChartKind::Comparison(_) if crate::EMBED_BUNDLE => {
                        String::new()
                    }
                    ChartKind::Compute(_) if !crate::COMPUTE_CHART => String::new(),
                    $(ChartKind::$variant(c) => c.summary(),)*
                }
            }
        }
    };
}

chart_kinds!(
    Memory(MemoryChart),
    Volume(VolumeChart),
    Utilization(UtilizationChart),
    Tuning(TuningChart),
    Comparison(comparison::ComparisonChart),
    Compute(ComputeChart)
);

/// What an exported chart says about itself, so the file stands alone.
#[derive(Debug, Clone, PartialEq)]
pub struct Caption {
    pub title: String,
    /// The scenario in one line.
    pub scenario: String,
    /// The date of the rates the figures use.
    pub rates_as_of: String,
}

/// Draws `chart` under its caption (title, then the scenario and the rates' date), for
/// exports: the file carries what the page shows around the chart.
pub fn draw_with_caption(
    root: &Area,
    chart: &ChartKind,
    caption: &Caption,
    theme: &Theme,
    scale: f64,
) -> Result<Frame, String> {
    use plotters::style::text_anchor::{HPos, Pos, VPos};
    let s = |v: f64| (v * scale).round() as i32;
    let header = s(50.0);
    let (top, body) = root.split_vertically(header);
    top.fill(&theme.background).map_err(|e| e.to_string())?;
    let width = root.dim_in_pixel().0 as i32 - s(24.0);
    let title = ("sans-serif", 15.0 * scale)
        .into_font()
        .style(plotters::style::FontStyle::Bold)
        .color(&theme.text)
        .pos(Pos::new(HPos::Left, VPos::Top));
    let line = font(scale, 12.0, theme.muted).pos(Pos::new(HPos::Left, VPos::Top));
    // The rates' date always shows; a long scenario line is cut to make room for it.
    let rates = format!("AWS rates as of {}", caption.rates_as_of);
    let detail = if caption.scenario.is_empty() {
        rates
    } else {
        let suffix = format!(" · {rates}");
        let room = width - text_width(&top, &suffix, &line);
        format!("{}{suffix}", fit(&top, &caption.scenario, &line, room))
    };
    for (text, style, y) in [
        (fit(&top, &caption.title, &title, width), &title, s(8.0)),
        (detail, &line, s(30.0)),
    ] {
        top.draw(&Text::new(text, (s(12.0), y), style.clone()))
            .map_err(|e| e.to_string())?;
    }
    let mut frame = chart.draw(&body, theme, scale)?;
    // The read-out maps pointer x only; the placed boxes move down with the body.
    for r in &mut frame.placed {
        r.1 += header;
        r.3 += header;
    }
    Ok(frame)
}

/// Width of `text` in pixels: measured, but at least half an em per character (the
/// SVG backend guesses short).
fn text_width(area: &Area, text: &str, style: &TextStyle) -> i32 {
    let measured = area
        .estimate_text_size(text, style)
        .map(|(w, _)| w as i32)
        .unwrap_or(0);
    measured.max((0.52 * style.font.get_size() * text.chars().count() as f64).ceil() as i32)
}

/// `text` cut with an ellipsis to fit `width` pixels.
fn fit(area: &Area, text: &str, style: &TextStyle, width: i32) -> String {
    if text_width(area, text, style) <= width {
        return text.to_string();
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let cut: String = chars.iter().collect::<String>() + "…";
        if text_width(area, &cut, style) <= width {
            return cut;
        }
    }
    String::new()
}

/// Style helpers shared by the charts.
pub(crate) fn font(scale: f64, size: f64, color: RGBColor) -> TextStyle<'static> {
    ("sans-serif", size * scale).into_font().color(&color)
}

pub(crate) fn stroke(color: RGBColor, width: f64, scale: f64) -> ShapeStyle {
    color.stroke_width((width * scale).round().max(1.0) as u32)
}

/// A triangle marker of radius `size` at `at`: the corners plotters' `TriangleMarker`
/// draws (at -90°, -210° and -330°, each coordinate rounded up), from the cosines and
/// sines it computes at run time. The same pixels, without 4.5 KB of sine and cosine code
/// in every bundle.
pub(crate) struct Triangle {
    at: (i32, i32),
    size: i32,
    style: ShapeStyle,
}

pub(crate) fn triangle<S: Into<ShapeStyle>>(at: (i32, i32), size: i32, style: S) -> Triangle {
    Triangle {
        at,
        size,
        style: style.into(),
    }
}

impl<'a> PointCollection<'a, (i32, i32)> for &'a Triangle {
    type Point = &'a (i32, i32);
    type IntoIter = std::iter::Once<&'a (i32, i32)>;
    fn point_iter(self) -> Self::IntoIter {
        std::iter::once(&self.at)
    }
}

impl<DB: DrawingBackend> Drawable<DB> for Triangle {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        mut points: I,
        backend: &mut DB,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        const CORNERS: [(f64, f64); 3] = [
            (6.123233995736766e-17, -1.0),
            (-0.8660254037844386, 0.5000000000000001),
            (0.8660254037844384, 0.5000000000000004),
        ];
        let Some((x, y)) = points.next() else {
            return Ok(());
        };
        let at = |k: f64, c: i32| (k * f64::from(self.size) + f64::from(c)).ceil() as i32;
        let corners = CORNERS.iter().map(|&(cos, sin)| (at(cos, x), at(sin, y)));
        backend.fill_polygon(corners, &self.style.color.to_backend_color())
    }
}

/// The point of a sweep at `memory_mb` (sweeps are contiguous, 1 MB apart).
pub(crate) fn sweep_point(points: &[SweepPoint], memory_mb: u32) -> Option<SweepPoint> {
    let first = points.first()?.memory_mb;
    points.get(memory_mb.checked_sub(first)? as usize).copied()
}

/// Where memory size `mb` falls along the log memory axis (`MEMORY_SIZES`), 0..=1.
/// The logarithms of all sizes are computed once: sweeps place 20,000 points per redraw.
pub(crate) fn memory_axis_position(mb: f64) -> f64 {
    static TABLE: std::sync::OnceLock<Vec<f64>> = std::sync::OnceLock::new();
    let (lo, hi) = (memory::MIN_MB.ln(), memory::MAX_MB.ln());
    let table = TABLE.get_or_init(|| {
        MEMORY_SIZES
            .map(|m| (f64::from(m).ln() - lo) / (hi - lo))
            .collect()
    });
    match table.get((mb as usize).wrapping_sub(*MEMORY_SIZES.start() as usize)) {
        Some(t) if mb.fract() == 0.0 => *t,
        _ => (mb.max(1.0).ln() - lo) / (hi - lo),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_axis_positions_match_the_log_scale() {
        assert_eq!(memory_axis_position(128.0), 0.0);
        assert!((memory_axis_position(10240.0) - 1.0).abs() < 1e-12);
        let exact = (1024f64.ln() - 128f64.ln()) / (10240f64.ln() - 128f64.ln());
        assert!((memory_axis_position(1024.0) - exact).abs() < 1e-12);
        assert!(memory_axis_position(1024.5) > memory_axis_position(1024.0));
    }

    #[test]
    fn frame_inverts_log_axes() {
        let f = Frame {
            left: 100.0,
            right: 1100.0,
            top: 10.0,
            x: Scale::log(128.0, 10240.0),
            placed: Vec::new(),
            x_labels: Vec::new(),
        };
        assert!((f.x_at(100.0).unwrap() - 128.0).abs() < 1e-9);
        assert!((f.x_at(1100.0).unwrap() - 10240.0).abs() < 1e-6);
        assert_eq!(f.x_at(50.0), None);
    }

    #[test]
    fn triangles_are_plotters_triangle_markers() {
        // Each at places near and past the edges, in sizes 0 to 15, and composed at an
        // origin as the comparison chart draws them.
        let svg = |plotters: bool| {
            let mut out = String::new();
            {
                let root = SVGBackend::with_string(&mut out, (80, 80)).into_drawing_area();
                let places = [(0, 0), (40, 40), (3, 77), (-2, 5), (17, 1)];
                for (k, at) in places.into_iter().enumerate() {
                    for size in k as i32..k as i32 + 12 {
                        let shift = EmptyElement::at((30, 30));
                        if plotters {
                            root.draw(&TriangleMarker::new(at, size, RED.filled()))
                                .unwrap();
                            root.draw(&(shift + TriangleMarker::new((0, 0), size, BLUE)))
                                .unwrap();
                        } else {
                            root.draw(&triangle(at, size, RED.filled())).unwrap();
                            root.draw(&(shift + triangle((0, 0), size, BLUE))).unwrap();
                        }
                    }
                }
            }
            out
        };
        let (ours, theirs) = (svg(false), svg(true));
        assert!(ours.matches("<polygon").count() > 100, "{ours}");
        assert_eq!(ours, theirs);
    }
}

/// Every chart drawn at phone and desktop widths: the legend and the labels never cover
/// each other, and the memory axis labels the sizes people choose where there is room.
#[cfg(test)]
mod layout_tests {
    use super::*;

    fn results(fragment: &str) -> std::rc::Rc<crate::ui::results::Results> {
        let s = lambda_cost::scenario::link::decode(fragment)
            .unwrap()
            .scenario;
        crate::ui::results::Results::compute(&s).unwrap()
    }

    fn draw<C: Chart>(chart: &C, size: (u32, u32), scale: f64, name: &str) -> (String, Frame) {
        let (svg, frame) =
            svg::document(size, |root| chart.draw(root, &Theme::LIGHT, scale)).unwrap();
        // `CHART_SVG_DIR=/tmp/x cargo test layout_tests` writes the drawings for a look.
        if let Ok(dir) = std::env::var("CHART_SVG_DIR") {
            let _ = std::fs::write(format!("{dir}/{name}-{}.svg", size.0), &svg);
        }
        (svg, frame)
    }

    fn assert_apart(frame: &Frame, what: &str) {
        for (i, a) in frame.placed.iter().enumerate() {
            for b in &frame.placed[i + 1..] {
                assert!(!a.overlaps(b), "{what}: {a:?} overlaps {b:?}");
            }
        }
    }

    /// The page keeps the memory chart's picture without the current size's line and
    /// draws that line over a copy of it (`canvas::Layers`): the two drawn apart are the
    /// chart drawn at once, and the picture does not depend on the current size.
    #[test]
    fn the_memory_chart_drawn_in_two_layers_is_the_chart() {
        let r = results("#memory=1024&duration=120&requests=3000000&cpu=60");
        let chart = &r.curves().memory;
        let other = memory::MemoryChart {
            current_mb: 3008,
            ..chart.clone()
        };
        // The elements of an SVG document, without its opening and closing tags.
        let body = |svg: &str| {
            let start = svg.find(">\n").unwrap() + 2;
            svg[start..svg.rfind("</svg>").unwrap()].to_string()
        };
        for (w, h, scale) in [(358, 300, 1.0), (1200, 380, 2.0)] {
            let theme = &Theme::LIGHT;
            let (under, state) =
                svg::document((w, h), |root| chart.draw_under(root, theme, scale)).unwrap();
            let (under_other, _) =
                svg::document((w, h), |root| other.draw_under(root, theme, scale)).unwrap();
            assert!(
                under == under_other,
                "the picture depends on the current size"
            );
            for c in [chart, &other] {
                let (whole, whole_frame) =
                    svg::document((w, h), |root| c.draw(root, theme, scale)).unwrap();
                let (over, over_frame) =
                    svg::document((w, h), |root| c.draw_over(root, theme, scale, &state)).unwrap();
                // (Not `assert_eq!`: a failure would print two whole documents.)
                assert!(
                    body(&whole) == body(&under) + &body(&over),
                    "{w}x{h}: the layers differ from the chart"
                );
                assert!(body(&over).contains(&format!(
                    "{} MB",
                    crate::ui::format::thousands(c.current_mb as f64)
                )));
                assert_eq!(over_frame.placed, whole_frame.placed);
                assert_eq!(over_frame.x_labels, whole_frame.x_labels);
            }
        }
    }

    /// What decides whether the memory chart's kept picture still shows its series.
    #[test]
    fn memory_series_are_the_same_when_every_field_is() {
        let memory = |fragment: &str| results(fragment).curves().memory.series[0].clone();
        let a = memory("#memory=1024&duration=120&requests=3000000");
        assert!(a.same_as(&a.clone()), "shared sweep");
        let copied = memory::MemorySeries {
            points: std::rc::Rc::new((*a.points).clone()),
            ..a.clone()
        };
        assert!(a.same_as(&copied), "equal sweep at another address");
        let other = memory("#memory=1024&duration=400&requests=3000000");
        assert!(!a.same_as(&other), "another sweep");
        let cheapest = memory::MemorySeries {
            cheapest: a.points[500],
            ..a.clone()
        };
        assert!(!a.same_as(&cheapest), "another cheapest size");
        let measured = memory::MemorySeries {
            measured: vec![a.points[0]],
            ..a.clone()
        };
        assert!(!a.same_as(&measured), "measured dots");
        let arch = memory::MemorySeries {
            arch: lambda_cost::Arch::Arm64,
            ..a.clone()
        };
        assert!(!a.same_as(&arch), "another architecture");
    }

    /// The chart's text (its `aria-label`, the embed's note) says which sizes a link's
    /// runs measured: the canvas alone would not.
    #[test]
    fn the_memory_summary_counts_measured_sizes() {
        let plain = results("#memory=1024&duration=120&requests=3000000");
        assert!(!plain.curves().memory.summary().contains("measured"));
        let run = "gAAAAQACAAQACA%3D%3D%3Bmpn1QXd3X0EAAIBARESkQAAAoEA%3D%3BGs2LM0mLfDOXTxAzY3fYM31jNDQ%3D";
        let r = results(&format!(
            "#memory=1024&duration=120&requests=3000000&pt={run}"
        ));
        let summary = r.curves().memory.summary();
        assert!(
            summary.ends_with(" 5 sizes measured by Power Tuning on x86_64."),
            "{summary}"
        );
    }

    #[test]
    fn labels_and_legends_never_overlap_on_phone_or_desktop() {
        // Provisioned concurrency at 35 % and a volume near the free-tier edges.
        let r = results(
            "#memory=1024&duration=120&requests=3000000&free=1&cpu=60&pc=1&pc_hours=730&pc_requests=2000000",
        );
        for (w, h, scale) in [(358, 300, 1.0), (716, 600, 2.0), (1200, 380, 1.0)] {
            let (_, f) = draw(&r.curves().memory, (w, h), scale, "memory");
            assert_apart(&f, "memory");
            let (_, f) = draw(&r.curves().volume, (w, h), scale, "volume");
            assert_apart(&f, "volume");
            assert!(f.placed.len() >= 4, "legend and labels: {:?}", f.placed);
            let (_, f) = draw(&r.curves().utilization, (w, h), scale, "pc");
            assert_apart(&f, "pc");
            assert_eq!(
                f.placed.len(),
                3,
                "legend, break-even, yours: {:?}",
                f.placed
            );
        }
        // A short CPU-bound function: billing in whole milliseconds makes its bill swing
        // between neighbouring sizes, drawn as a band under the cheapest line.
        let r = results("#memory=1024&duration=12&requests=50000000&cpu=90");
        let (svg, f) = draw(&r.curves().memory, (1200, 380), 1.0, "memory-short");
        assert_apart(&f, "memory");
        assert!(
            svg.contains("<polygon"),
            "the band of the 1 ms billing swing"
        );
    }

    /// Every corner of the memory and compute charts has a line in it (the flat duration
    /// lines at the top, the cost curves at the bottom and right), so their legend goes in
    /// rows above the plot, on a phone and on a wide screen.
    #[test]
    fn the_legend_leaves_the_lines_alone() {
        let link = "#arch=arm64&memory=1024&duration=200&requests=876000000&pc=3&lmi_runtime=node&lmi_conc=8";
        let r = results(link);
        let s = lambda_cost::scenario::link::decode(link).unwrap().scenario;
        let compare = crate::ui::components::compute_comparison::comparison_of(&s).unwrap();
        let compute = crate::ui::components::compute_comparison::chart_of(&compare);
        for (w, h, scale) in [(358, 300, 1.0), (716, 600, 2.0), (1200, 380, 1.0)] {
            for (name, (svg, f), names) in [
                (
                    "memory",
                    draw(&r.curves().memory, (w, h), scale, "memory-legend"),
                    &["arm64 cost", "arm64 duration"][..],
                ),
                (
                    "compute",
                    draw(&compute, (w, h), scale, "compute-legend"),
                    &["Lambda Managed Instances", "Fargate (always on)"][..],
                ),
            ] {
                // Whole names: cut to "Lambda …", three options would look alike.
                for whole in names {
                    assert!(svg.contains(whole), "{name} at {w}: {whole}");
                }
                let legend = &f.placed[0];
                let above = f64::from(legend.3) <= f.top;
                assert!(
                    above,
                    "{name} at {w}: {legend:?} against a plot from {}",
                    f.top
                );
                assert_apart(&f, name);
            }
        }
    }

    /// Power Tuning runs on both architectures, one with a long name: the legend rows
    /// above the plot keep every name and cover neither each other nor a point.
    #[test]
    fn the_tuning_legend_sits_above_the_points() {
        let r = results("#memory=512&duration=4&requests=100000000&pt=gAAAAQACAAQACA%3D%3D%3Bmpn1QXd3X0EAAIBARESkQAAAoEA%3D%3BGs2LM0mLfDOXTxAzY3fYM31jNDQ%3D");
        let mut runs = (*r.tuning).clone();
        let run = runs[0].clone();
        for (label, arch) in [
            (
                "arm64 after the rewrite of the image pipeline",
                lambda_cost::Arch::Arm64,
            ),
            ("third", lambda_cost::Arch::X86_64),
        ] {
            let mut more = run.clone();
            more.label = label.into();
            more.arch = arch;
            runs.push(more);
        }
        let chart = TuningChart::new(std::rc::Rc::new(runs));
        let drawn: Vec<_> = [(358, 300, 1.0), (716, 600, 2.0), (1200, 380, 1.0)]
            .into_iter()
            .map(|(w, h, scale)| (w, h, draw(&chart, (w, h), scale, "tuning")))
            .collect();
        for (w, h, (svg, f)) in drawn {
            for name in [
                "Run 1 cost",
                "Run 1 duration",
                "third cost",
                "third duration",
            ] {
                assert!(svg.contains(name), "{name} in the legend at {w}");
            }
            assert!(svg.contains("arm64 af"), "a long name, shortened at {w}");
            // The legend, in rows above the plot (less than half the height).
            assert_eq!(f.placed.len(), 1, "{:?}", f.placed);
            assert!(f.placed[0].3 < h as i32 / 2, "{:?} at {w}", f.placed);
        }
    }

    #[test]
    fn memory_axis_labels_common_sizes_as_room_allows() {
        let r = results("#memory=1024&duration=120&requests=1000000");
        let (wide, _) = draw(&r.curves().memory, (1200, 380), 1.0, "memory-axis");
        for size in ["128", "256", "512", "1,024", "1,769", "3,008", "10,240"] {
            assert!(
                wide.contains(&format!("\n{size}\n</text>")),
                "{size} on a wide chart"
            );
        }
        let (narrow, _) = draw(&r.curves().memory, (358, 300), 1.0, "memory-axis");
        for size in ["128", "1,024", "10,240"] {
            assert!(
                narrow.contains(&format!("\n{size}\n</text>")),
                "{size} on a phone"
            );
        }
        assert!(
            !narrow.contains("\n1,769\n</text>"),
            "too close to 1,024 on a phone"
        );
    }
}
