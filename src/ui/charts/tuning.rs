//! Power Tuning runs: cost (left axis) and duration (right axis) at every memory size a
//! run measured, on a numeric log memory axis. Points only where measured, joined by
//! straight segments. Cost is drawn thick with filled markers, duration thin with hollow
//! ones; arm64 runs are dashed with triangles, x86_64 runs solid with circles.

use super::frame::{Axes, Axis, Plot, Scale, Side, Ticks};
use super::{font, stroke, Chart, Frame, Theme};
use crate::ui::format::{compact_usd, per_million_usd, thousands};
use lambda_cost::money;
use lambda_cost::tuning::{Currency, RunAnalysis};
use lambda_cost::Arch;
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::rc::Rc;

/// What the left axis shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CostMetric {
    /// Our monthly bill at the scenario's requests, region and terms.
    #[default]
    Monthly,
    /// Power Tuning's own cost per invocation, times a million.
    PerMillion,
}

impl CostMetric {
    pub fn axis(self) -> &'static str {
        match self {
            CostMetric::Monthly => "Cost (USD / month), filled",
            CostMetric::PerMillion => "Cost (USD per 1M), filled",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TuningChart {
    pub runs: Rc<Vec<RunAnalysis>>,
    pub metric: CostMetric,
}

/// Marker shapes, so runs differ without colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Circle,
    Triangle,
    Square,
    Cross,
}

/// One run as drawn.
struct Style {
    color: RGBColor,
    shape: Shape,
    dashed: bool,
}

impl TuningChart {
    pub fn new(runs: Rc<Vec<RunAnalysis>>) -> Self {
        TuningChart {
            runs,
            metric: CostMetric::default(),
        }
    }

    /// The cost of point `i` of `run` on the left axis, USD; `None` when it has none.
    fn cost(&self, run: &RunAnalysis, i: usize) -> Option<f64> {
        let p = run.points.get(i)?;
        match self.metric {
            CostMetric::Monthly => p.bill.as_ref().ok().map(|b| b.total_usd()),
            CostMetric::PerMillion => {
                (run.currency == Currency::Usd).then(|| p.point.cost_per_million())
            }
        }
    }

    fn cost_text(&self, usd: f64) -> String {
        match self.metric {
            CostMetric::Monthly => format!("{} / month", money::format_usd(usd)),
            CostMetric::PerMillion => format!("{} per 1M", per_million_usd(usd)),
        }
    }

    /// Every measured memory size, ascending, once.
    fn sizes(&self) -> Vec<u32> {
        let mut sizes: Vec<u32> = self
            .runs
            .iter()
            .flat_map(|r| r.points.iter().map(|p| p.point.memory_mb))
            .collect();
        sizes.sort_unstable();
        sizes.dedup();
        sizes
    }

    /// The memory axis: the measured range with some room on both sides.
    fn x_range(&self) -> (f64, f64) {
        let sizes = self.sizes();
        match (sizes.first(), sizes.last()) {
            (Some(&lo), Some(&hi)) => (
                (lo as f64 / 1.3).max(0.5),
                (hi as f64 * 1.3).max(lo as f64 * 2.0),
            ),
            _ => (128.0, 10240.0),
        }
    }

    fn styles(&self, theme: &Theme) -> Vec<Style> {
        let (mut x86, mut arm) = (0, 0);
        self.runs
            .iter()
            .map(|r| {
                let (n, shapes, colors) = match r.arch {
                    Arch::X86_64 => {
                        x86 += 1;
                        (
                            x86,
                            [Shape::Circle, Shape::Square],
                            [theme.x86_64, theme.marker],
                        )
                    }
                    Arch::Arm64 => {
                        arm += 1;
                        (
                            arm,
                            [Shape::Triangle, Shape::Cross],
                            [theme.arm64, theme.muted],
                        )
                    }
                };
                Style {
                    color: colors[(n - 1) % 2],
                    shape: shapes[((n - 1) / 2) % 2],
                    dashed: r.arch == Arch::Arm64,
                }
            })
            .collect()
    }
}

fn ms_label(v: f64, max: f64) -> String {
    if max < 10.0 {
        money::format_quantity(v, 1)
    } else {
        thousands(v)
    }
}

/// Shortens a user label for the legend, by characters.
fn short(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_string()
    } else {
        let mut s: String = label.chars().take(max - 1).collect();
        s.push('…');
        s
    }
}

fn marker<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    shape: Shape,
    at: (i32, i32),
    size: i32,
    style: ShapeStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (x, y) = at;
    match shape {
        Shape::Circle => area.draw(&Circle::new(at, size, style)),
        Shape::Triangle => area.draw(&TriangleMarker::new(at, size + 1, style)),
        Shape::Square => area.draw(&Rectangle::new(
            [(x - size + 1, y - size + 1), (x + size - 1, y + size - 1)],
            style,
        )),
        Shape::Cross => area.draw(&Cross::new(
            at,
            size,
            style.stroke_width(style.stroke_width.max(2)),
        )),
    }
}

/// A hollow marker: `color` outline, `background` inside.
fn hollow<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    shape: Shape,
    at: (i32, i32),
    size: i32,
    (color, background): (RGBColor, RGBColor),
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    if shape == Shape::Triangle {
        // Plotters fills triangles: an inner one in the background colour hollows it
        // (its inradius is half its radius, so the inset is twice the line width).
        let w = (1.5 * scale).round().max(1.0) as i32;
        area.draw(&TriangleMarker::new(at, size + 1, color.filled()))?;
        return area.draw(&TriangleMarker::new(
            at,
            (size + 1 - 2 * w).max(1),
            background.filled(),
        ));
    }
    marker(area, shape, at, size, background.filled())?;
    marker(area, shape, at, size, stroke(color, 1.5, scale))
}

fn segment<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    from: (i32, i32),
    to: (i32, i32),
    dashed: bool,
    scale: f64,
    style: ShapeStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    if dashed {
        let (dash, gap) = ((6.0 * scale) as i32, (4.0 * scale) as i32);
        area.draw(&DashedPathElement::new(vec![from, to], dash, gap, style))
    } else {
        area.draw(&PathElement::new(vec![from, to], style))
    }
}

impl Chart for TuningChart {
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        theme: &Theme,
        scale: f64,
    ) -> Result<Frame, String> {
        let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
        root.fill(&theme.background).map_err(err)?;
        let px = |v: f64| (v * scale).round() as u32;
        let pxi = |v: f64| (v * scale).round() as i32;
        let styles = self.styles(theme);
        let thick = |c: RGBColor| stroke(c, 2.5, scale);
        let thin = |c: RGBColor| ShapeStyle {
            color: c.mix(0.75),
            filled: false,
            stroke_width: (1.3 * scale).round().max(1.0) as u32,
        };
        let size = pxi(4.5);

        // Legend: one row per run, above the plot, so it never hides a point.
        let row = 20.0;
        let legend_h = px(8.0 + row * self.runs.len() as f64);
        let (legend, plot) = root.split_vertically(legend_h);
        let (width, _) = root.dim_in_pixel();
        let half = width as i32 / 2;
        // Narrow screens: the legend starts at the edge and each column takes half.
        let start = if (width as f64 / scale) < 560.0 {
            pxi(8.0)
        } else {
            pxi(70.0)
        };
        let text = font(scale, 12.0, theme.text).pos(Pos::new(HPos::Left, VPos::Center));
        for (i, (r, s)) in self.runs.iter().zip(&styles).enumerate() {
            let y = pxi(6.0 + row * (i as f64 + 0.5));
            let max_chars = ((half as f64 / scale - 100.0) / 7.0).max(6.0) as usize;
            for (col, (what, line, filled)) in [
                ("cost", thick(s.color), true),
                ("duration", thin(s.color), false),
            ]
            .into_iter()
            .enumerate()
            {
                let x0 = start + col as i32 * (half - start / 2);
                segment(&legend, (x0, y), (x0 + pxi(26.0), y), s.dashed, scale, line)
                    .map_err(err)?;
                let at = (x0 + pxi(13.0), y);
                if filled {
                    marker(&legend, s.shape, at, size, s.color.filled()).map_err(err)?;
                } else {
                    hollow(
                        &legend,
                        s.shape,
                        at,
                        size,
                        (s.color, theme.background),
                        scale,
                    )
                    .map_err(err)?;
                }
                legend
                    .draw(&Text::new(
                        format!("{} {what}", short(&r.label, max_chars)),
                        (x0 + pxi(32.0), y),
                        text.clone(),
                    ))
                    .map_err(err)?;
            }
        }

        let max_cost = self
            .runs
            .iter()
            .flat_map(|r| (0..r.points.len()).filter_map(|i| self.cost(r, i)))
            .fold(0.0f64, f64::max);
        let max_cost = if max_cost > 0.0 {
            max_cost * 1.12
        } else {
            0.01
        };
        let max_ms = self
            .runs
            .iter()
            .flat_map(|r| r.points.iter().map(|p| p.point.duration_ms))
            .fold(0.0f64, f64::max);
        let max_ms = if max_ms > 0.0 { max_ms * 1.12 } else { 1.0 };
        let (x_min, x_max) = self.x_range();
        let axes = Axes {
            // The memory axis is labelled at the measured sizes (as many as fit).
            x: Axis {
                scale: Scale::log(x_min, x_max),
                title: "Memory (MB, log scale), where measured".into(),
                ticks: Ticks::Chosen(self.sizes().into_iter().map(f64::from).collect()),
                label: Box::new(thousands),
            },
            y: Axis {
                scale: Scale::linear(0.0, max_cost),
                title: self.metric.axis().into(),
                ticks: Ticks::Round,
                label: Box::new(compact_usd),
            },
            y2: Some(Axis {
                scale: Scale::linear(0.0, max_ms),
                title: "Duration (ms), hollow".into(),
                ticks: Ticks::Round,
                label: Box::new(move |v| ms_label(v, max_ms)),
            }),
        };
        let frame = Plot::new(&plot, &axes, theme, scale)?;
        let area = &plot;

        for (r, s) in self.runs.iter().zip(&styles) {
            let cost: Vec<(i32, i32)> = (0..r.points.len())
                .filter_map(|i| {
                    let c = self.cost(r, i)?;
                    Some(frame.point((r.points[i].point.memory_mb as f64, c), Side::Left))
                })
                .collect();
            let duration: Vec<(i32, i32)> = r
                .points
                .iter()
                .map(|p| frame.point((p.point.memory_mb as f64, p.point.duration_ms), Side::Right))
                .collect();
            for w in duration.windows(2) {
                segment(area, w[0], w[1], s.dashed, scale, thin(s.color)).map_err(err)?;
            }
            for w in cost.windows(2) {
                segment(area, w[0], w[1], s.dashed, scale, thick(s.color)).map_err(err)?;
            }
            for p in &duration {
                hollow(area, s.shape, *p, size, (s.color, theme.background), scale).map_err(err)?;
            }
            for p in &cost {
                marker(area, s.shape, *p, size, s.color.filled()).map_err(err)?;
            }
            // The lowest monthly bill, as a ring on the cost line.
            if let Some(i) = r.monthly_pick {
                if let Some(c) = self.cost(r, i) {
                    let at = frame.point((r.points[i].point.memory_mb as f64, c), Side::Left);
                    area.draw(&Circle::new(at, pxi(9.0), stroke(s.color, 1.5, scale)))
                        .map_err(err)?;
                }
            }
        }

        root.present().map_err(err)?;
        Ok(frame.frame())
    }

    fn describe(&self, x: f64) -> Option<String> {
        if x.is_nan() || x <= 0.0 {
            return None;
        }
        let mb = self.sizes().into_iter().min_by(|a, b| {
            let d = |m: u32| (m as f64).ln() - x.ln();
            d(*a).abs().total_cmp(&d(*b).abs())
        })?;
        let parts: Vec<String> = self
            .runs
            .iter()
            .filter_map(|r| {
                let i = r.points.iter().position(|p| p.point.memory_mb == mb)?;
                let cost = self
                    .cost(r, i)
                    .map(|c| format!("{}, ", self.cost_text(c)))
                    .unwrap_or_default();
                Some(format!(
                    "{}: {cost}{} ms",
                    r.label,
                    money::format_quantity(r.points[i].point.duration_ms, 1)
                ))
            })
            .collect();
        Some(format!(
            "{} MB · {}",
            thousands(mb as f64),
            parts.join(" · ")
        ))
    }

    fn summary(&self) -> String {
        let runs: Vec<String> = self
            .runs
            .iter()
            .map(|r| {
                let best = r
                    .monthly_pick
                    .and_then(|i| Some((r.points.get(i)?, self.cost(r, i))))
                    .map(|(p, c)| {
                        format!(
                            "lowest monthly bill at {} MB{}",
                            thousands(p.point.memory_mb as f64),
                            c.map(|c| format!(" ({})", self.cost_text(c)))
                                .unwrap_or_default()
                        )
                    })
                    .unwrap_or_else(|| "no monthly bill".into());
                format!(
                    "{} ({}, {} memory sizes): {best}",
                    r.label,
                    r.arch,
                    r.points.len()
                )
            })
            .collect();
        format!(
            "Power Tuning runs: {} on the left axis and duration in ms on the right, at each measured memory size. {}.",
            match self.metric {
                CostMetric::Monthly => "monthly cost in USD",
                CostMetric::PerMillion => "Power Tuning's cost per 1M invocations in USD",
            },
            runs.join("; ")
        )
    }
}
