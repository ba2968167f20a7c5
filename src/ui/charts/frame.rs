//! The frame every chart shares: background, margins sized from the measured tick labels,
//! ticks thinned until their labels fit, grid, axis titles, the legend and free-standing
//! labels placed where they hide neither each other nor the legend. A chart builds a
//! `Plot` from its axes and then only draws its series in data coordinates.

use super::recording::Area;
use super::Theme;
use crate::ui::format::compact_usd;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::FontTransform;

type Err = String;

fn err<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> Err {
    e.to_string()
}

/// A pixel rectangle: left, top, right, bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rect(pub i32, pub i32, pub i32, pub i32);

impl Rect {
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.0 < o.2 && o.0 < self.2 && self.1 < o.3 && o.1 < self.3
    }
    fn inside(&self, o: &Rect) -> bool {
        self.0 >= o.0 && self.2 <= o.2 && self.1 >= o.1 && self.3 <= o.3
    }
    fn contains(&self, (x, y): (i32, i32)) -> bool {
        x >= self.0 && x <= self.2 && y >= self.1 && y <= self.3
    }
}

/// A data range along one axis, linear or logarithmic.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    pub min: f64,
    pub max: f64,
    pub log: bool,
}

impl Scale {
    pub fn linear(min: f64, max: f64) -> Self {
        Scale {
            min,
            max,
            log: false,
        }
    }
    pub fn log(min: f64, max: f64) -> Self {
        Scale {
            min,
            max,
            log: true,
        }
    }

    /// Where `v` falls from `min` (0) to `max` (1).
    pub fn fraction(&self, v: f64) -> f64 {
        if self.log {
            if self.min == super::memory::MIN_MB && self.max == super::memory::MAX_MB {
                return super::memory_axis_position(v);
            }
            let v = v.max(f64::MIN_POSITIVE);
            (v.ln() - self.min.ln()) / (self.max.ln() - self.min.ln())
        } else {
            (v - self.min) / (self.max - self.min)
        }
    }

    /// The value at fraction `t`.
    pub fn value(&self, t: f64) -> f64 {
        if self.log {
            (self.min.ln() + t * (self.max.ln() - self.min.ln())).exp()
        } else {
            self.min + t * (self.max - self.min)
        }
    }
}

/// Which values an axis may label.
pub enum Ticks {
    /// Round steps (1, 2 or 5 times a power of ten), as many as fit.
    Round,
    /// Powers of ten, every one or every n-th when they do not fit.
    Decades,
    /// These values, most important first: each is labelled unless its label would
    /// touch one already placed.
    Chosen(Vec<f64>),
}

pub struct Axis {
    pub scale: Scale,
    pub title: String,
    pub ticks: Ticks,
    pub label: Box<dyn Fn(f64) -> String>,
}

impl Axis {
    /// Monthly cost in USD from $0 to a little above the highest of `costs` (at least a
    /// cent).
    pub fn monthly_usd(costs: impl IntoIterator<Item = f64>) -> Axis {
        let max = costs.into_iter().fold(0.01, f64::max) * 1.08;
        Axis {
            scale: Scale::linear(0.0, max),
            title: "Monthly cost (USD)".into(),
            ticks: Ticks::Round,
            label: Box::new(compact_usd),
        }
    }

    /// Monthly cost in USD on a log scale labelled at powers of ten, from `floor` (where
    /// a free month sits) to twice the highest of `costs` (at least ten floors).
    pub fn monthly_usd_log(floor: f64, costs: impl IntoIterator<Item = f64>) -> Axis {
        let max = costs.into_iter().fold(floor * 10.0, f64::max) * 2.0;
        Axis {
            scale: Scale::log(floor, max),
            title: "Monthly cost (USD, log scale)".into(),
            ticks: Ticks::Decades,
            label: Box::new(compact_usd),
        }
    }
}

pub struct Axes {
    pub x: Axis,
    pub y: Axis,
    /// A second value axis on the right.
    pub y2: Option<Axis>,
}

/// One entry of a legend: a line sample (dashed or not) and, optionally, a marker.
pub struct LegendItem {
    pub label: String,
    pub style: ShapeStyle,
    pub dash: Option<(f64, f64)>,
    /// The marker on the sample, as the series draws it.
    pub marker: Option<Mark>,
    /// Text after the label that is never shortened ("cost" after a run's name).
    pub note: &'static str,
}

impl LegendItem {
    /// A line sample and its label.
    pub fn line(label: impl Into<String>, style: ShapeStyle, dash: Option<(f64, f64)>) -> Self {
        LegendItem {
            label: label.into(),
            style,
            dash,
            marker: None,
            note: "",
        }
    }
}

/// Marker shapes, so series differ without colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    Circle,
    Triangle,
    Square,
    Cross,
}

/// A marker as a series draws it at its points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mark {
    pub shape: Marker,
    pub fill: Fill,
    pub color: RGBColor,
}

/// How a marker is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    Filled,
    /// Outlined in the series' colour, the background inside.
    Hollow,
}

/// Which value axis a series belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
}

/// The chart's frame on one drawing area.
pub struct Plot<'a> {
    pub root: &'a Area,
    state: PlotState,
}

/// A plot's frame apart from its drawing area: what drawing more on it needs (its place,
/// scales and the labels placed so far), kept so a chart can draw over a copy of what it
/// drew before (`Plot::resume`).
#[derive(Clone)]
pub struct PlotState {
    theme: Theme,
    scale: f64,
    /// The plot area in pixels.
    area: Rect,
    x: Scale,
    y: Scale,
    y2: Option<Scale>,
    /// Legend and placed labels: what a new label must not cover.
    taken: Vec<Rect>,
    /// The x axis labels drawn, left to right.
    x_labels: Vec<String>,
    /// The legend is drawn in rows above the plot (`with_legend` on a narrow chart).
    legend_above: bool,
}

/// Below this width (CSS px) a legend band starts at the chart's edge, not at the plot's.
const NARROW_PX: f64 = 560.0;

const TICK_PX: f64 = 12.0;
const TITLE_PX: f64 = 13.0;

/// Round steps from `min` to `max`, about `count` of them.
pub fn round_ticks(min: f64, max: f64, count: usize) -> Vec<f64> {
    if max.partial_cmp(&min) != Some(std::cmp::Ordering::Greater) || count == 0 {
        return vec![min];
    }
    let raw = (max - min) / count as f64;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let first = (min / step).ceil() as i64;
    let last = (max / step + 1e-9).floor() as i64;
    (first..=last).map(|i| i as f64 * step).collect()
}

impl<'a> Plot<'a> {
    pub fn px(&self, v: f64) -> i32 {
        (v * self.state.scale).round() as i32
    }

    /// Text size as drawn: the backend's measure, but never less than a sans-serif
    /// average of half an em per character (the SVG backend cannot measure and guesses
    /// short; the canvas measures exactly).
    fn measure(root: &Area, text: &str, style: &TextStyle) -> (i32, i32) {
        let (w, h) = root.estimate_text_size(text, style).unwrap_or((0, 0));
        let size = style.font.get_size();
        let floor = (0.52 * size * text.chars().count() as f64).ceil() as i32;
        ((w as i32).max(floor), (h as i32).max(size.ceil() as i32))
    }

    /// Where this plot stands: its frame and the labels placed so far.
    pub fn state(&self) -> PlotState {
        self.state.clone()
    }

    /// The plot `state` describes, on `root`, drawing nothing: to draw over a copy of
    /// what was drawn on it.
    pub fn resume(root: &'a Area, state: &PlotState) -> Self {
        Plot {
            root,
            state: state.clone(),
        }
    }

    /// The plot area in pixels.
    pub fn area(&self) -> Rect {
        self.state.area
    }

    /// Draws the background, grid, ticks and titles, and returns the plot to draw on.
    pub fn new(root: &'a Area, axes: &Axes, theme: &Theme, scale: f64) -> Result<Self, Err> {
        Self::below(root, axes, theme, scale, 0)
    }

    /// The frame of a chart whose lines fill the plot (every corner has one in it): its
    /// legend goes in rows above the plot, as many columns as keep every name whole (at
    /// most four; a legend of names cut to "Lambda …" would not tell the lines apart),
    /// and `legend` draws nothing.
    pub fn with_legend(
        root: &'a Area,
        axes: &Axes,
        theme: &Theme,
        scale: f64,
        items: &[LegendItem],
    ) -> Result<Self, Err> {
        let width = root.dim_in_pixel().0 as f64 / scale;
        let longest = items.iter().map(|i| i.label.chars().count()).max();
        let columns = (1..=items.len().clamp(1, 4))
            .rev()
            .find(|&n| longest.unwrap_or(0) <= label_chars(width, n))
            .unwrap_or(1);
        let mut plot = Self::under_legend(root, axes, theme, scale, items, columns)?;
        plot.state.legend_above = true;
        Ok(plot)
    }

    /// The frame under a legend of `items` in rows of `columns` entries: for charts with
    /// many series, whose points a legend inside the plot would hide. On a narrow chart
    /// the rows start at the edge; labels are shortened to their column.
    pub fn under_legend(
        root: &'a Area,
        axes: &Axes,
        theme: &Theme,
        scale: f64,
        items: &[LegendItem],
        columns: usize,
    ) -> Result<Self, Err> {
        let columns = columns.max(1);
        let rows = items.len().div_ceil(columns);
        let s = |v: f64| (v * scale).round() as i32;
        let row = 20.0;
        let band = s(8.0 + row * rows as f64);
        let mut plot = Self::below(root, axes, theme, scale, band)?;
        let width = root.dim_in_pixel().0 as i32;
        let start = if (width as f64 / scale) < NARROW_PX {
            s(8.0)
        } else {
            s(70.0)
        };
        let max_chars = label_chars(width as f64 / scale, columns);
        let style = super::font(scale, TICK_PX, theme.text);
        let mut right = 0;
        for (i, item) in items.iter().enumerate() {
            let (r, col) = ((i / columns) as i32, (i % columns) as i32);
            let y = s(6.0 + row * (r as f64 + 0.5));
            let x0 = start + col * (width - start) / columns as i32;
            plot.path(vec![(x0, y), (x0 + s(26.0), y)], item.style, item.dash)?;
            if let Some(mark) = item.marker {
                plot.marker(mark, (x0 + s(13.0), y))?;
            }
            let text = format!("{} {}", shorten(&item.label, max_chars), item.note);
            let text = text.trim_end();
            right = right.max(x0 + s(32.0) + Self::measure(root, text, &style).0);
            root.draw(&Text::new(
                text.to_string(),
                (x0 + s(32.0), y),
                style.pos(Pos::new(HPos::Left, VPos::Center)),
            ))
            .map_err(err)?;
        }
        if !items.is_empty() {
            plot.state
                .taken
                .push(Rect(start, s(6.0), right.min(width), band));
        }
        Ok(plot)
    }

    /// `mark` at pixel `at`, 4.5 CSS pixels in radius.
    pub fn marker(&self, mark: Mark, at: (i32, i32)) -> Result<(), Err> {
        let Mark { shape, fill, color } = mark;
        let size = self.px(4.5);
        let root = self.root;
        let draw = |style: ShapeStyle| {
            let (x, y) = at;
            match shape {
                Marker::Circle => root.draw(&Circle::new(at, size, style)),
                Marker::Triangle => root.draw(&super::triangle(at, size + 1, style)),
                Marker::Square => root.draw(&Rectangle::new(
                    [(x - size + 1, y - size + 1), (x + size - 1, y + size - 1)],
                    style,
                )),
                Marker::Cross => root.draw(&Cross::new(
                    at,
                    size,
                    style.stroke_width(style.stroke_width.max(2)),
                )),
            }
            .map_err(err)
        };
        match (fill, shape) {
            (Fill::Filled, _) => draw(color.filled()),
            (Fill::Hollow, Marker::Triangle) => {
                // Plotters fills triangles: an inner one in the background colour hollows
                // it (its inradius is half its radius, so the inset is twice the line width).
                let w = self.px(1.5).max(1);
                root.draw(&super::triangle(at, size + 1, color.filled()))
                    .map_err(err)?;
                root.draw(&super::triangle(
                    at,
                    (size + 1 - 2 * w).max(1),
                    self.state.theme.background.filled(),
                ))
                .map_err(err)
            }
            (Fill::Hollow, _) => {
                draw(self.state.theme.background.filled())?;
                draw(super::stroke(color, 1.5, self.state.scale))
            }
        }
    }

    /// The frame with its plot `top` pixels below the drawing's top edge.
    fn below(
        root: &'a Area,
        axes: &Axes,
        theme: &Theme,
        scale: f64,
        top: i32,
    ) -> Result<Self, Err> {
        root.fill(&theme.background).map_err(err)?;
        let s = |v: f64| (v * scale).round() as i32;
        let (w, h) = root.dim_in_pixel();
        let (w, h) = (w as i32, h as i32);
        let tick_font = super::font(scale, TICK_PX, theme.muted);
        let title_font = super::font(scale, TITLE_PX, theme.text);
        let line_h = s(TICK_PX);
        let title_h = s(TITLE_PX);
        let pad = s(8.0);
        let tick_len = s(5.0);

        let top = top + pad + line_h / 2;
        let bottom = h - (pad + title_h + s(6.0) + line_h + tick_len + s(3.0));
        let plot_h = (bottom - top).max(1);
        let y_ticks = place_ticks(&axes.y, plot_h, |_| line_h + s(14.0));
        let y_labels: Vec<String> = y_ticks.iter().map(|v| (axes.y.label)(*v)).collect();
        let widest = |labels: &[String]| {
            labels
                .iter()
                .map(|l| Self::measure(root, l, &tick_font).0)
                .max()
                .unwrap_or(0)
        };
        let left = pad + title_h + s(8.0) + widest(&y_labels) + tick_len + s(4.0);
        let y2_ticks = axes
            .y2
            .as_ref()
            .map(|a| place_ticks(a, plot_h, |_| line_h + s(14.0)));
        let y2_labels: Vec<String> = match (&axes.y2, &y2_ticks) {
            (Some(a), Some(t)) => t.iter().map(|v| (a.label)(*v)).collect(),
            _ => Vec::new(),
        };
        let right = if axes.y2.is_some() {
            w - (pad + title_h + s(8.0) + widest(&y2_labels) + tick_len + s(4.0))
        } else {
            // The last x label is centred on the edge: leave it half its width.
            let last = candidate_labels(&axes.x);
            w - (pad.max(widest(&last) / 2 + s(2.0)))
        };
        let area = Rect(left, top, right.max(left + 1), bottom);
        let plot_w = area.2 - area.0;
        let gap = s(10.0);
        let x_ticks = place_ticks(&axes.x, plot_w, |v| {
            let (tw, _) = Self::measure(root, &(axes.x.label)(v), &tick_font);
            tw + gap
        });

        let plot = Plot {
            root,
            state: PlotState {
                theme: *theme,
                scale,
                area,
                x: axes.x.scale,
                y: axes.y.scale,
                y2: axes.y2.as_ref().map(|a| a.scale),
                taken: Vec::new(),
                x_labels: x_ticks.iter().map(|v| (axes.x.label)(*v)).collect(),
                legend_above: false,
            },
        };
        let grid = super::stroke(theme.grid, 1.0, scale);
        let axis = super::stroke(theme.muted, 1.0, scale);
        for v in &y_ticks {
            let y = plot.y_px(*v, Side::Left);
            root.draw(&PathElement::new(vec![(area.0, y), (area.2, y)], grid))
                .map_err(err)?;
        }
        for v in &x_ticks {
            let x = plot.x_px(*v);
            root.draw(&PathElement::new(vec![(x, area.1), (x, area.3)], grid))
                .map_err(err)?;
        }
        let mut lines = vec![vec![(area.0, area.1), (area.0, area.3), (area.2, area.3)]];
        if axes.y2.is_some() {
            lines.push(vec![(area.2, area.1), (area.2, area.3)]);
        }
        for l in lines {
            root.draw(&PathElement::new(l, axis)).map_err(err)?;
        }

        let anchored = |h: HPos, v: VPos| tick_font.pos(Pos::new(h, v));
        for v in &x_ticks {
            let x = plot.x_px(*v);
            root.draw(&PathElement::new(
                vec![(x, area.3), (x, area.3 + tick_len)],
                axis,
            ))
            .map_err(err)?;
            root.draw(&Text::new(
                (axes.x.label)(*v),
                (x, area.3 + tick_len + s(3.0)),
                anchored(HPos::Center, VPos::Top),
            ))
            .map_err(err)?;
        }
        for (v, text) in y_ticks.iter().zip(y_labels) {
            let y = plot.y_px(*v, Side::Left);
            root.draw(&PathElement::new(
                vec![(area.0 - tick_len, y), (area.0, y)],
                axis,
            ))
            .map_err(err)?;
            root.draw(&Text::new(
                text,
                (area.0 - tick_len - s(4.0), y),
                anchored(HPos::Right, VPos::Center),
            ))
            .map_err(err)?;
        }
        if let (Some(ticks), Some(_)) = (&y2_ticks, &axes.y2) {
            for (v, text) in ticks.iter().zip(y2_labels) {
                let y = plot.y_px(*v, Side::Right);
                root.draw(&PathElement::new(
                    vec![(area.2, y), (area.2 + tick_len, y)],
                    axis,
                ))
                .map_err(err)?;
                root.draw(&Text::new(
                    text,
                    (area.2 + tick_len + s(4.0), y),
                    anchored(HPos::Left, VPos::Center),
                ))
                .map_err(err)?;
            }
        }

        let mid_y = (area.1 + area.3) / 2;
        root.draw(&Text::new(
            axes.x.title.clone(),
            ((area.0 + area.2) / 2, h - pad),
            title_font.pos(Pos::new(HPos::Center, VPos::Bottom)),
        ))
        .map_err(err)?;
        root.draw(&Text::new(
            axes.y.title.clone(),
            (pad, mid_y),
            title_font
                .transform(FontTransform::Rotate270)
                .pos(Pos::new(HPos::Center, VPos::Top)),
        ))
        .map_err(err)?;
        if let Some(y2) = &axes.y2 {
            root.draw(&Text::new(
                y2.title.clone(),
                (w - pad, mid_y),
                title_font
                    .transform(FontTransform::Rotate90)
                    .pos(Pos::new(HPos::Center, VPos::Top)),
            ))
            .map_err(err)?;
        }
        Ok(plot)
    }

    pub fn x_px(&self, v: f64) -> i32 {
        let t = self.state.x.fraction(v).clamp(-0.05, 1.05);
        self.state.area.0 + (t * (self.state.area.2 - self.state.area.0) as f64).round() as i32
    }

    /// X as a pixel offset from the plot's left edge, unrounded (for decimation).
    pub fn x_offset(&self, v: f64) -> f64 {
        self.state.x.fraction(v) * (self.state.area.2 - self.state.area.0) as f64
    }

    pub fn y_px(&self, v: f64, side: Side) -> i32 {
        let scale = match side {
            Side::Right => self.state.y2.unwrap_or(self.state.y),
            Side::Left => self.state.y,
        };
        let t = scale.fraction(v).clamp(0.0, 1.0);
        self.state.area.3 - (t * (self.state.area.3 - self.state.area.1) as f64).round() as i32
    }

    pub fn point(&self, (x, y): (f64, f64), side: Side) -> (i32, i32) {
        (self.x_px(x), self.y_px(y, side))
    }

    /// A line through pixel points.
    pub fn path(
        &self,
        path: Vec<(i32, i32)>,
        style: ShapeStyle,
        dash: Option<(f64, f64)>,
    ) -> Result<(), Err> {
        match dash {
            Some((d, g)) => self.root.draw(&DashedPathElement::new(
                path,
                self.px(d).max(1) as u32,
                self.px(g).max(1) as u32,
                style,
            )),
            None => self.root.draw(&PathElement::new(path, style)),
        }
        .map_err(err)
    }

    /// A filled band between a lower and an upper line (pixel points, same x order).
    pub fn band(
        &self,
        lower: &[(i32, i32)],
        upper: &[(i32, i32)],
        color: RGBAColor,
    ) -> Result<(), Err> {
        let outline: Vec<(i32, i32)> = lower.iter().chain(upper.iter().rev()).copied().collect();
        self.root
            .draw(&Polygon::new(outline, color.filled()))
            .map_err(err)
    }

    /// A vertical marker line across the plot at `x`.
    pub fn vline(&self, x: f64, style: ShapeStyle, dash: Option<(f64, f64)>) -> Result<(), Err> {
        let px = self.x_px(x);
        self.path(
            vec![(px, self.state.area.1), (px, self.state.area.3)],
            style,
            dash,
        )
    }

    /// Draws `text` beside pixel `at` (right of it, else left), at the first height from
    /// `at`'s downwards, then upwards, where it covers neither the legend nor another
    /// label and stays inside the plot.
    pub fn label(&mut self, text: &str, at: (i32, i32), color: RGBColor) -> Result<Rect, Err> {
        let style = super::font(self.state.scale, TICK_PX, color);
        let (w, h) = Self::measure(self.root, text, &style);
        let gap = self.px(4.0);
        let step = h + self.px(3.0);
        let inner = Rect(
            self.state.area.0 + 1,
            self.state.area.1,
            self.state.area.2 - 1,
            self.state.area.3 - 1,
        );
        let rect_at = |x: i32, y: i32| Rect(x, y, x + w, y + h);
        let xs = [at.0 + gap, at.0 - gap - w];
        let rows = ((inner.3 - inner.1) / step.max(1)).max(1);
        let mut found = None;
        'search: for k in 0..=2 * rows {
            // 0, +1, -1, +2, -2 … rows away from the wanted height.
            let d = if k % 2 == 0 { -(k / 2) } else { k / 2 + 1 };
            let y = at.1 + d * step;
            for x in xs {
                let r = rect_at(x, y);
                if r.inside(&inner) && !self.state.taken.iter().any(|t| t.overlaps(&r)) {
                    found = Some(r);
                    break 'search;
                }
            }
        }
        // Nowhere free (a tiny chart): keep it inside the plot at the wanted height.
        let r = found.unwrap_or_else(|| {
            let x = (at.0 + gap).min(inner.2 - w).max(inner.0);
            let y = at.1.min(inner.3 - h).max(inner.1);
            rect_at(x, y)
        });
        self.root
            .draw(&Rectangle::new(
                [(r.0 - 1, r.1), (r.2 + 1, r.3)],
                self.state.theme.background.mix(0.85).filled(),
            ))
            .map_err(err)?;
        self.root
            .draw(&Text::new(
                text.to_string(),
                (r.0, r.1),
                style.pos(Pos::new(HPos::Left, VPos::Top)),
            ))
            .map_err(err)?;
        self.state.taken.push(r);
        Ok(r)
    }

    /// Draws `text` beside the marker line at `x`, near the top of the plot (lower when
    /// that place is taken).
    pub fn label_at_top(&mut self, text: &str, x: f64, color: RGBColor) -> Result<Rect, Err> {
        let at = (self.x_px(x), self.state.area.1 + self.px(4.0));
        self.label(text, at, color)
    }

    /// Draws the legend in the corner (or the middle of the top or bottom edge) where it hides the least of the lines in `avoid`
    /// (pixel paths, sampled every few pixels along their length so steep stretches
    /// count as much as flat ones); ties go to the upper left.
    pub fn legend(&mut self, items: &[LegendItem], avoid: &[Vec<(i32, i32)>]) -> Result<Rect, Err> {
        if self.state.legend_above {
            return Ok(Rect(0, 0, 0, 0));
        }
        let style = super::font(self.state.scale, TICK_PX, self.state.theme.text);
        let text_w = items
            .iter()
            .map(|i| Self::measure(self.root, &i.label, &style).0)
            .max()
            .unwrap_or(0);
        let s = |v: f64| self.px(v);
        let (pad, sample, gap, row) = (s(8.0), s(24.0), s(6.0), s(18.0));
        let width = pad * 2 + sample + gap + text_w;
        let height = pad * 2 + row * items.len() as i32;
        let a = self.state.area;
        let (l, r) = (a.0 + s(8.0), a.2 - width - s(8.0));
        let (t, b) = (a.1 + s(8.0), a.3 - height - s(8.0));
        let m = (a.0 + a.2 - width) / 2;
        let corners = [(l, t), (r, t), (m, t), (r, b), (l, b), (m, b)];
        let box_at = |(x, y): (i32, i32)| Rect(x, y, x + width, y + height);
        let samples = along(avoid, s(3.0).max(1));
        let near = s(4.0);
        let hidden = |c: (i32, i32)| {
            let b = box_at(c);
            let grown = Rect(b.0 - near, b.1 - near, b.2 + near, b.3 + near);
            samples.iter().filter(|p| grown.contains(**p)).count()
        };
        let best = corners
            .iter()
            .copied()
            .min_by_key(|c| hidden(*c))
            .unwrap_or((l, t));
        let rect = box_at(best);
        let (x, y) = (rect.0, rect.1);
        self.root
            .draw(&Rectangle::new(
                [(x, y), (rect.2, rect.3)],
                self.state.theme.background.filled(),
            ))
            .map_err(err)?;
        self.root
            .draw(&Rectangle::new(
                [(x, y), (rect.2, rect.3)],
                super::stroke(self.state.theme.grid, 1.0, self.state.scale),
            ))
            .map_err(err)?;
        for (i, item) in items.iter().enumerate() {
            let cy = y + pad + row * i as i32 + row / 2;
            self.path(
                vec![(x + pad, cy), (x + pad + sample, cy)],
                item.style,
                item.dash,
            )?;
            self.root
                .draw(&Text::new(
                    item.label.clone(),
                    (x + pad + sample + gap, cy),
                    style.pos(Pos::new(HPos::Left, VPos::Center)),
                ))
                .map_err(err)?;
        }
        self.state.taken.push(rect);
        Ok(rect)
    }

    /// What a pointer position means, for the read-out, and where labels went.
    pub fn frame(&self) -> super::Frame {
        super::Frame {
            left: self.state.area.0 as f64,
            right: self.state.area.2 as f64,
            top: self.state.area.1 as f64,
            x: self.state.x,
            placed: self.state.taken.clone(),
            x_labels: self.state.x_labels.clone(),
        }
    }
}

/// How many characters of a legend name fit in one of `columns` columns of a legend
/// `width` CSS px wide: the margin, the sample line and a gap take 60 px, and a
/// character of the 12 px font at most 7.
fn label_chars(width: f64, columns: usize) -> usize {
    ((width / columns.max(1) as f64 - 60.0) / 7.0).max(6.0) as usize
}

/// A user's label cut to `max` characters, with `…` when cut.
fn shorten(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_string()
    } else {
        let mut s: String = label.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

/// The item whose `x` is nearest `target` on a log axis (for the pointer read-out).
pub fn nearest_on_log<T>(
    items: impl IntoIterator<Item = T>,
    target: f64,
    x: impl Fn(&T) -> f64,
) -> Option<T> {
    let distance = |item: &T| (x(item).ln() - target.ln()).abs();
    items
        .into_iter()
        .min_by(|a, b| distance(a).total_cmp(&distance(b)))
}

/// Points along each path, at most `step` pixels apart.
fn along(paths: &[Vec<(i32, i32)>], step: i32) -> Vec<(i32, i32)> {
    let mut out = Vec::new();
    for path in paths {
        out.extend(path.first().copied());
        for w in path.windows(2) {
            let (dx, dy) = (w[1].0 - w[0].0, w[1].1 - w[0].1);
            let n = (dx.abs().max(dy.abs()) / step).clamp(1, 10_000);
            out.extend((1..=n).map(|i| (w[0].0 + dx * i / n, w[0].1 + dy * i / n)));
        }
    }
    out
}

/// Every label the axis might show, to size the margin for the widest.
fn candidate_labels(axis: &Axis) -> Vec<String> {
    let values = match &axis.ticks {
        Ticks::Chosen(v) => v.clone(),
        Ticks::Decades => decades(axis.scale),
        Ticks::Round => round_ticks(axis.scale.min, axis.scale.max, 10),
    };
    let last = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if last.is_finite() {
        vec![(axis.label)(last)]
    } else {
        Vec::new()
    }
}

fn decades(scale: Scale) -> Vec<f64> {
    let (lo, hi) = (
        scale.min.log10().ceil() as i32,
        scale.max.log10().floor() as i32,
    );
    (lo..=hi).map(|e| 10f64.powi(e)).collect()
}

/// The ticks of `axis` whose labels fit along `length` pixels, each needing `room(v)`
/// pixels (label size plus a gap) centred on its position.
fn place_ticks(axis: &Axis, length: i32, room: impl Fn(f64) -> i32) -> Vec<f64> {
    let at = |v: f64| axis.scale.fraction(v) * length as f64;
    let inside = |v: f64| {
        let t = axis.scale.fraction(v);
        (-1e-9..=1.0 + 1e-9).contains(&t)
    };
    let fits = |values: &[f64]| {
        values.windows(2).all(|w| {
            let need = (room(w[0]) + room(w[1])) as f64 / 2.0;
            (at(w[1]) - at(w[0])).abs() >= need
        })
    };
    match &axis.ticks {
        Ticks::Round => {
            for count in [10, 8, 6, 5, 4, 3, 2, 1] {
                let t: Vec<f64> = round_ticks(axis.scale.min, axis.scale.max, count)
                    .into_iter()
                    .filter(|v| inside(*v))
                    .collect();
                if fits(&t) {
                    return t;
                }
            }
            vec![axis.scale.min]
        }
        Ticks::Decades => {
            let all = decades(axis.scale);
            for every in 1..=all.len().max(1) {
                let t: Vec<f64> = all.iter().copied().step_by(every).collect();
                if fits(&t) {
                    return t;
                }
            }
            all.into_iter().take(1).collect()
        }
        Ticks::Chosen(values) => {
            let mut placed: Vec<f64> = Vec::new();
            for v in values.iter().copied().filter(|v| inside(*v)) {
                let clear = placed.iter().all(|p| {
                    let need = (room(*p) + room(v)) as f64 / 2.0;
                    (at(*p) - at(v)).abs() >= need
                });
                if clear {
                    placed.push(v);
                }
            }
            lambda_cost::order::sort_numbers(&mut placed);
            placed
        }
    }
}

/// Per pixel column of a dense series: the column's x of its lowest point, and its
/// lowest and highest y. A 10,113-point sweep draws as fast as one point per pixel.
pub fn columns(points: &[(f64, f64)], x_to_px: impl Fn(f64) -> f64) -> Vec<(f64, f64, f64)> {
    let mut out: Vec<(f64, f64, f64)> = Vec::new();
    let mut column = f64::NAN;
    for &(x, y) in points {
        let c = x_to_px(x).floor();
        match out.last_mut() {
            Some(last) if c == column => {
                if y < last.1 {
                    last.0 = x;
                    last.1 = y;
                }
                last.2 = last.2.max(y);
            }
            _ => {
                column = c;
                out.push((x, y, y));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_ticks_use_round_steps() {
        assert_eq!(
            round_ticks(0.0, 100.0, 5),
            vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        );
        assert_eq!(round_ticks(0.0, 9.0, 4), vec![0.0, 2.5, 5.0, 7.5]);
    }

    #[test]
    fn chosen_ticks_skip_what_does_not_fit_by_importance() {
        let axis = Axis {
            scale: Scale::log(128.0, 10240.0),
            title: String::new(),
            ticks: Ticks::Chosen(vec![128.0, 1024.0, 10240.0, 256.0, 3008.0, 512.0, 1769.0]),
            label: Box::new(|v| format!("{v}")),
        };
        let wide = place_ticks(&axis, 1000, |_| 50);
        assert_eq!(
            wide,
            vec![128.0, 256.0, 512.0, 1024.0, 1769.0, 3008.0, 10240.0]
        );
        let narrow = place_ticks(&axis, 250, |_| 50);
        assert!(narrow.contains(&128.0) && narrow.contains(&1024.0) && narrow.contains(&10240.0));
        assert!(narrow.len() < 7, "{narrow:?}");
    }

    #[test]
    fn the_read_out_takes_the_nearest_point_on_a_log_axis() {
        let xs = [1.0, 10.0, 100.0];
        // 4 is nearer 10 than 1 on a log axis (and nearer 1 on a linear one).
        assert_eq!(nearest_on_log(xs, 4.0, |v| *v), Some(10.0));
        assert_eq!(nearest_on_log(xs, 3.0, |v| *v), Some(1.0));
        assert_eq!(nearest_on_log(xs, 1e9, |v| *v), Some(100.0));
        assert_eq!(nearest_on_log(Vec::<f64>::new(), 4.0, |v| *v), None);
    }

    #[test]
    fn columns_keep_the_range_of_each_pixel() {
        let points: Vec<(f64, f64)> = (0..1000).map(|i| (i as f64, (i % 7) as f64)).collect();
        let c = columns(&points, |x| x / 10.0);
        assert_eq!(c.len(), 100);
        assert!(c.iter().all(|(_, lo, hi)| *lo == 0.0 && *hi == 6.0));
    }
}
