//! Monthly cost and duration against memory, for both architectures.

use super::{
    decimate, draw_legend, font, stroke, sweep_point, Chart, Corner, Frame, LegendItem, Theme,
};
use crate::ui::format::{compact_usd, thousands};
use lambda_cost::model::SweepPoint;
use lambda_cost::Arch;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::rc::Rc;

const MIN_MB: f64 = 128.0;
const MAX_MB: f64 = 10240.0;

#[derive(Debug, Clone, PartialEq)]
pub struct MemorySeries {
    pub arch: Arch,
    /// One point per memory size, ascending and contiguous from 128 MB.
    pub points: Rc<Vec<SweepPoint>>,
    pub cheapest: SweepPoint,
    /// Sizes measured by a Power Tuning run on this architecture, priced at the
    /// scenario's volume: drawn as dots over the modelled line, which they outrank.
    pub measured: Vec<SweepPoint>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MemoryChart {
    pub series: Vec<MemorySeries>,
    pub current_mb: u32,
}

impl Chart for MemoryChart {
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        theme: &Theme,
        scale: f64,
    ) -> Result<Frame, String> {
        let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
        root.fill(&theme.background).map_err(err)?;
        let max_cost = self
            .series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.monthly_usd))
            .fold(0.0f64, f64::max)
            .max(0.01)
            * 1.08;
        let max_ms = self
            .series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.duration_ms))
            .fold(0.0f64, f64::max)
            .max(1.0)
            * 1.08;
        let px = |v: f64| (v * scale).round() as u32;
        let mut chart = ChartBuilder::on(root)
            .margin(px(12.0))
            .x_label_area_size(px(44.0))
            .y_label_area_size(px(70.0))
            .right_y_label_area_size(px(70.0))
            .build_cartesian_2d((MIN_MB..MAX_MB).log_scale(), 0.0..max_cost)
            .map_err(err)?
            .set_secondary_coord((MIN_MB..MAX_MB).log_scale(), 0.0..max_ms);
        let label = font(scale, 12.0, theme.muted);
        let desc = font(scale, 13.0, theme.text);
        chart
            .configure_mesh()
            .x_desc("Memory (MB, log scale)")
            .y_desc("Monthly cost (USD)")
            .x_label_formatter(&|v| thousands(*v))
            .y_label_formatter(&|v| compact_usd(*v))
            .x_labels(8)
            .y_labels(6)
            .label_style(label.clone())
            .axis_desc_style(desc.clone())
            .axis_style(stroke(theme.muted, 1.0, scale))
            .bold_line_style(stroke(theme.grid, 1.0, scale))
            .light_line_style(theme.background)
            .draw()
            .map_err(err)?;
        chart
            .configure_secondary_axes()
            .y_desc("Duration (ms), thin lines")
            .y_label_formatter(&|v| thousands(*v))
            .y_labels(6)
            .label_style(label.clone())
            .axis_desc_style(desc)
            .axis_style(stroke(theme.muted, 1.0, scale))
            .draw()
            .map_err(err)?;

        let plot = chart.plotting_area().get_pixel_range();
        let width = (plot.0.end - plot.0.start) as f64;
        let to_px = |mb: f64| super::memory_axis_position(mb) * width;

        let mut legend = Vec::new();
        for s in &self.series {
            let c = theme.arch(s.arch);
            let cost: Vec<(f64, f64)> = s
                .points
                .iter()
                .map(|p| (p.memory_mb as f64, p.monthly_usd))
                .collect();
            let duration: Vec<(f64, f64)> = s
                .points
                .iter()
                .map(|p| (p.memory_mb as f64, p.duration_ms))
                .collect();
            let cost = decimate(&cost, width, to_px);
            let duration = decimate(&duration, width, to_px);
            let thick = stroke(c, 2.5, scale);
            let thin = ShapeStyle {
                color: c.mix(0.6),
                filled: false,
                stroke_width: (1.2 * scale).round().max(1.0) as u32,
            };
            // arm64 is dashed, so the two differ without colour.
            let dashed = s.arch == Arch::Arm64;
            if dashed {
                let (dash, gap) = (px(7.0), px(4.0));
                chart
                    .draw_series(DashedLineSeries::new(cost, dash, gap, thick))
                    .map_err(err)?;
                chart
                    .draw_secondary_series(DashedLineSeries::new(duration, dash, gap, thin))
                    .map_err(err)?;
            } else {
                chart
                    .draw_series(LineSeries::new(cost, thick))
                    .map_err(err)?;
                chart
                    .draw_secondary_series(LineSeries::new(duration, thin))
                    .map_err(err)?;
            }
            legend.push(LegendItem {
                label: format!("{} cost", s.arch),
                style: thick,
                dashed,
            });
            legend.push(LegendItem {
                label: format!("{} duration", s.arch),
                style: thin,
                dashed,
            });
            if !s.measured.is_empty() {
                let dot = |p: &SweepPoint| (p.memory_mb as f64, p.monthly_usd);
                let size = px(4.5) as i32;
                if dashed {
                    chart
                        .draw_series(
                            s.measured
                                .iter()
                                .map(|p| TriangleMarker::new(dot(p), size, c.filled())),
                        )
                        .map_err(err)?;
                } else {
                    chart
                        .draw_series(
                            s.measured
                                .iter()
                                .map(|p| Circle::new(dot(p), size, c.filled())),
                        )
                        .map_err(err)?;
                }
                legend.push(LegendItem {
                    label: format!("{} measured (Power Tuning)", s.arch),
                    style: stroke(c, 4.0, scale),
                    dashed: false,
                });
            }
            // The cheapest memory size, as a ring on the cost line.
            let p = s.cheapest;
            chart
                .draw_series(std::iter::once(Circle::new(
                    (p.memory_mb as f64, p.monthly_usd),
                    px(5.0),
                    stroke(c, 2.0, scale),
                )))
                .map_err(err)?;
        }

        // The current memory size.
        let current = self.current_mb as f64;
        chart
            .draw_series(DashedLineSeries::new(
                vec![(current, 0.0), (current, max_cost)],
                px(3.0),
                px(3.0),
                stroke(theme.muted, 1.0, scale),
            ))
            .map_err(err)?;
        chart
            .draw_series(std::iter::once(Text::new(
                format!("{} MB", thousands(current)),
                (current, max_cost * 0.97),
                font(scale, 12.0, theme.text),
            )))
            .map_err(err)?;
        let xr = plot.0.clone();
        // The legend goes in the top corner the cost curves leave free.
        let rising = self.series.iter().any(|s| {
            let (first, last) = (s.points.first(), s.points.last());
            matches!((first, last), (Some(a), Some(b)) if b.monthly_usd > a.monthly_usd)
        });
        let corner = if rising {
            Corner::UpperLeft
        } else {
            Corner::UpperRight
        };
        draw_legend(root, plot, &legend, corner, theme, scale)?;

        root.present().map_err(err)?;
        Ok(Frame {
            left: xr.start as f64,
            right: xr.end as f64,
            x_min: MIN_MB,
            x_max: MAX_MB,
            log_x: true,
        })
    }

    fn describe(&self, x: f64) -> Option<String> {
        let mb = x.round().clamp(MIN_MB, MAX_MB) as u32;
        let parts: Vec<String> = self
            .series
            .iter()
            .filter_map(|s| {
                let p = sweep_point(&s.points, mb)?;
                Some(format!(
                    "{}: {} / month, {} ms",
                    s.arch,
                    lambda_cost::money::format_usd(p.monthly_usd),
                    lambda_cost::money::format_quantity(p.duration_ms, 1)
                ))
            })
            .collect();
        (!parts.is_empty()).then(|| format!("{} MB · {}", thousands(mb as f64), parts.join(" · ")))
    }

    fn summary(&self) -> String {
        let cheapest: Vec<String> = self
            .series
            .iter()
            .map(|s| {
                format!(
                    "{} is cheapest at {} MB ({} / month)",
                    s.arch,
                    thousands(s.cheapest.memory_mb as f64),
                    lambda_cost::money::format_usd(s.cheapest.monthly_usd)
                )
            })
            .collect();
        format!(
            "Monthly cost and duration against memory from 128 MB to 10,240 MB. {}.",
            cheapest.join("; ")
        )
    }
}
