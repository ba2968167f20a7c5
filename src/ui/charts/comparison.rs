//! Monthly cost against memory for each pinned scenario and the current one, overlaid.
//! Each curve has its own line pattern and marker shape (shown in the legend before
//! its label), so they differ without colour.

use super::frame::{Axes, Axis, LegendItem, Plot, Side};
use super::memory::{draw_sweep, memory_axis, MAX_MB, MIN_MB};
use super::{stroke, Area, Chart, Frame, Theme};
use crate::ui::format::thousands;
use lambda_cost::model::SweepPoint;
use plotters::prelude::*;
use std::rc::Rc;

/// Where the markers sit on every curve.
const MARKER_MB: [u32; 7] = [128, 256, 512, 1024, 2048, 4096, 8192];

#[derive(Debug, Clone, PartialEq)]
pub struct ComparisonSeries {
    /// User text: drawn as text on the canvas, never markup.
    pub label: String,
    /// One point per memory size, ascending and contiguous from 128 MB.
    pub points: Rc<Vec<SweepPoint>>,
    /// The scenario's own memory size.
    pub memory_mb: u32,
    /// The current scenario (drawn last, in the text colour).
    pub current: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ComparisonChart {
    /// The pins in order, then the current scenario.
    pub series: Vec<ComparisonSeries>,
}

/// Marker shapes, with the glyph the legend shows for each.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Shape {
    Circle,
    Triangle,
    Square,
    Diamond,
    Cross,
}

impl Shape {
    fn glyph(self) -> &'static str {
        match self {
            Shape::Circle => "●",
            Shape::Triangle => "▲",
            Shape::Square => "■",
            Shape::Diamond => "◆",
            Shape::Cross => "✚",
        }
    }
}

/// Line pattern (dash, gap in CSS px; `None`: solid), marker and colour of a series.
struct Look {
    dash: Option<(f64, f64)>,
    shape: Shape,
    color: RGBColor,
}

fn look(theme: &Theme, index: usize, current: bool) -> Look {
    if current {
        return Look {
            dash: None,
            shape: Shape::Cross,
            color: theme.text,
        };
    }
    let dark = theme.background.0 < 128;
    // Okabe-Ito-like hues, readable on both backgrounds.
    let colors = if dark {
        [
            theme.x86_64,
            theme.arm64,
            theme.marker,
            RGBColor(214, 160, 255),
        ]
    } else {
        [
            theme.x86_64,
            theme.arm64,
            theme.marker,
            RGBColor(126, 34, 206),
        ]
    };
    let (dash, shape) = match index % 4 {
        0 => (Some((9.0, 4.0)), Shape::Circle),
        1 => (Some((2.0, 3.0)), Shape::Triangle),
        2 => (Some((16.0, 5.0)), Shape::Square),
        _ => (Some((5.0, 5.0)), Shape::Diamond),
    };
    Look {
        dash,
        shape,
        color: colors[index % 4],
    }
}

impl ComparisonChart {
    /// The legend text of a series: its marker glyph, then its label.
    pub fn legend_label(&self, index: usize) -> String {
        let s = &self.series[index];
        let shape = look(&Theme::LIGHT, index, s.current).shape;
        format!("{} {}", shape.glyph(), s.label)
    }
}

impl Chart for ComparisonChart {
    fn draw(&self, root: &Area, theme: &Theme, scale: f64) -> Result<Frame, String> {
        let axes = Axes {
            x: memory_axis("Memory (MB, log scale)"),
            y: Axis::monthly_usd(
                self.series
                    .iter()
                    .flat_map(|s| s.points.iter().map(|p| p.monthly_usd)),
            ),
            y2: None,
        };
        let mut plot = Plot::new(root, &axes, theme, scale)?;
        let s = |v: f64| (v * scale).round() as i32;
        let err = |e: DrawingAreaErrorKind<std::convert::Infallible>| e.to_string();

        let mut legend = Vec::new();
        let mut drawn = Vec::new();
        for (i, series) in self.series.iter().enumerate() {
            let look = look(theme, i, series.current);
            let width_px = if series.current { 2.0 } else { 2.5 };
            let line = stroke(look.color, width_px, scale);
            let cost: Vec<(f64, f64)> = series
                .points
                .iter()
                .map(|p| (p.memory_mb as f64, p.monthly_usd))
                .collect();
            drawn.push(draw_sweep(&plot, &cost, Side::Left, line, look.dash)?);
            // Markers at the usual sizes, and a larger one at the scenario's own size.
            let r = s(4.0);
            let marks: Vec<((i32, i32), i32)> = MARKER_MB
                .iter()
                .map(|mb| (*mb, r))
                .chain(std::iter::once((series.memory_mb, s(6.5))))
                .filter_map(|(mb, r)| {
                    super::sweep_point(&series.points, mb)
                        .map(|p| (plot.point((mb as f64, p.monthly_usd), Side::Left), r))
                })
                .collect();
            let solid = look.color.filled();
            let outline = stroke(look.color, 1.5, scale);
            for (at, r) in marks {
                let at = EmptyElement::at(at);
                let big = r > s(4.0);
                let style = if big { outline } else { solid };
                match look.shape {
                    Shape::Circle => root.draw(&(at + Circle::new((0, 0), r as u32, style))),
                    Shape::Triangle => {
                        root.draw(&(at + super::triangle((0, 0), r + s(1.0), style)))
                    }
                    Shape::Square => root.draw(&(at + Rectangle::new([(-r, -r), (r, r)], style))),
                    Shape::Diamond => {
                        let d = r + s(1.0);
                        let points = vec![(0, -d), (d, 0), (0, d), (-d, 0), (0, -d)];
                        if big {
                            root.draw(&(at + PathElement::new(points, style)))
                        } else {
                            root.draw(&(at + Polygon::new(points, style)))
                        }
                    }
                    Shape::Cross => root.draw(
                        &(at + Cross::new((0, 0), r + s(1.0), stroke(look.color, 2.0, scale))),
                    ),
                }
                .map_err(err)?;
            }
            legend.push(LegendItem::line(self.legend_label(i), line, look.dash));
        }
        if !legend.is_empty() {
            plot.legend(&legend, &drawn)?;
        }
        root.present().map_err(err)?;
        Ok(plot.frame())
    }

    fn describe(&self, x: f64) -> Option<String> {
        let mb = x.round().clamp(MIN_MB, MAX_MB) as u32;
        let parts: Vec<String> = self
            .series
            .iter()
            .filter_map(|s| {
                let p = super::sweep_point(&s.points, mb)?;
                Some(format!(
                    "{}: {} / month",
                    s.label,
                    lambda_cost::money::format_usd(p.monthly_usd)
                ))
            })
            .collect();
        (!parts.is_empty()).then(|| format!("{} MB · {}", thousands(mb as f64), parts.join(" · ")))
    }

    fn summary(&self) -> String {
        let parts: Vec<String> = self
            .series
            .iter()
            .filter_map(|s| {
                let cheapest = s.points.iter().min_by(|a, b| {
                    a.monthly_usd
                        .total_cmp(&b.monthly_usd)
                        .then(a.memory_mb.cmp(&b.memory_mb))
                })?;
                Some(format!(
                    "{} is cheapest at {} MB ({} / month)",
                    s.label,
                    thousands(cheapest.memory_mb as f64),
                    lambda_cost::money::format_usd(cheapest.monthly_usd)
                ))
            })
            .collect();
        format!(
            "Monthly cost against memory from {} MB to {} MB for {} scenarios. {}.",
            thousands(MIN_MB),
            thousands(MAX_MB),
            self.series.len(),
            parts.join("; ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(label: &str, slope: f64, current: bool) -> ComparisonSeries {
        ComparisonSeries {
            label: label.into(),
            points: Rc::new(
                (128..=10240)
                    .map(|mb| SweepPoint {
                        memory_mb: mb,
                        duration_ms: 100.0,
                        monthly_usd: 1.0 + slope * mb as f64,
                    })
                    .collect(),
            ),
            memory_mb: 512,
            current,
        }
    }

    #[test]
    fn draws_every_series_with_its_own_marker_and_escapes_labels() {
        let chart = ComparisonChart {
            series: vec![
                series("<img src=x onerror=alert(1)>", 0.01, false),
                series("Proposed", 0.008, false),
                series("Three", 0.006, false),
                series("Four", 0.004, false),
                series("Current", 0.009, true),
            ],
        };
        let (svg, _) =
            super::super::svg::document((800, 400), |root| chart.draw(root, &Theme::LIGHT, 1.0))
                .unwrap();
        assert!(!svg.contains("<img"), "label became markup");
        assert!(svg.contains("&lt;img src=x onerror=alert(1)&gt;"));
        for glyph in ["●", "▲", "■", "◆", "✚"] {
            assert!(svg.contains(glyph), "{glyph} in the legend");
        }
        assert_eq!(chart.legend_label(4), "✚ Current");
        let d = chart.describe(512.0).unwrap();
        assert!(
            d.starts_with("512 MB · <img src=x onerror=alert(1)>: $6.12 / month"),
            "{d}"
        );
        assert!(chart.summary().contains("for 5 scenarios"));
    }
}
