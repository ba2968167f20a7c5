//! Monthly cost of each way to run the workload (on demand, provisioned concurrency,
//! Managed Instances, Fargate) against the average request rate, log-log, with the
//! scenario's own rate and the crossovers that change the cheapest option marked.
//! Written in the style of the other charts: the `charts` branch's `ChartKind` frame had
//! no commits to merge when this was written.

use super::{draw_legend, font, stroke, Chart, Corner, Frame, LegendItem, Theme};
use crate::ui::format::compact_usd;
use lambda_cost::compute::{ComputeOption, Series};
use lambda_cost::money;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::RGBColor;

/// The lowest cost the log axis shows.
const FLOOR_USD: f64 = 0.01;

#[derive(Debug, Clone, PartialEq)]
pub struct ComputeChart {
    pub series: Vec<Series>,
    /// The scenario's average req/s.
    pub current_rps: f64,
    /// Request rates where the cheapest option changes.
    pub crossovers: Vec<f64>,
}

impl ComputeChart {
    fn range(&self) -> (f64, f64) {
        let xs = || {
            self.series
                .iter()
                .flat_map(|s| s.points.iter().map(|p| p.0))
        };
        let from = xs().fold(f64::INFINITY, f64::min);
        let to = xs().fold(0.0, f64::max);
        if from.is_finite() && to > from && from > 0.0 {
            (from, to)
        } else {
            (0.01, 100_000.0)
        }
    }
}

/// Colour and dash of an option: told apart by pattern as well as colour.
fn look(option: ComputeOption, theme: &Theme) -> (RGBColor, bool) {
    match option {
        ComputeOption::OnDemand => (theme.x86_64, false),
        ComputeOption::Provisioned => (theme.arm64, true),
        ComputeOption::ManagedInstances => (theme.marker, false),
        ComputeOption::Fargate => (theme.muted, true),
    }
}

impl Chart for ComputeChart {
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        theme: &Theme,
        scale: f64,
    ) -> Result<Frame, String> {
        let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
        root.fill(&theme.background).map_err(err)?;
        let (from, to) = self.range();
        let max = self
            .series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.1))
            .filter(|v| v.is_finite())
            .fold(FLOOR_USD * 10.0, f64::max)
            * 2.0;
        let px = |v: f64| (v * scale).round() as u32;
        let mut chart = ChartBuilder::on(root)
            .margin(px(12.0))
            .x_label_area_size(px(44.0))
            .y_label_area_size(px(70.0))
            .build_cartesian_2d((from..to).log_scale(), (FLOOR_USD..max).log_scale())
            .map_err(err)?;
        chart
            .configure_mesh()
            .x_desc("Average requests per second (log scale)")
            .y_desc("Monthly cost (USD, log scale)")
            .x_label_formatter(&|v| money::format_quantity(*v, if *v < 1.0 { 2 } else { 0 }))
            .y_label_formatter(&|v| compact_usd(*v))
            .label_style(font(scale, 12.0, theme.muted))
            .axis_desc_style(font(scale, 13.0, theme.text))
            .axis_style(stroke(theme.muted, 1.0, scale))
            .bold_line_style(stroke(theme.grid, 1.0, scale))
            .light_line_style(theme.background)
            .draw()
            .map_err(err)?;

        for &x in self.crossovers.iter().filter(|x| **x > from && **x < to) {
            chart
                .draw_series(DashedLineSeries::new(
                    vec![(x, FLOOR_USD), (x, max)],
                    px(2.0),
                    px(4.0),
                    stroke(theme.muted, 1.0, scale),
                ))
                .map_err(err)?;
        }

        let mut legend = Vec::new();
        for s in &self.series {
            let (c, dashed) = look(s.option, theme);
            let style = stroke(c, 2.5, scale);
            let points: Vec<(f64, f64)> = s
                .points
                .iter()
                .filter(|p| p.1.is_finite())
                .map(|&(x, y)| (x, y.max(FLOOR_USD)))
                .collect();
            if dashed {
                chart
                    .draw_series(DashedLineSeries::new(points, px(7.0), px(4.0), style))
                    .map_err(err)?;
            } else {
                chart
                    .draw_series(LineSeries::new(points, style))
                    .map_err(err)?;
            }
            legend.push(LegendItem {
                label: s.option.label().to_string(),
                style,
                dashed,
            });
        }

        if self.current_rps > from && self.current_rps < to {
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(self.current_rps, FLOOR_USD), (self.current_rps, max)],
                    stroke(theme.text, 1.5, scale),
                )))
                .map_err(err)?;
            chart
                .draw_series(std::iter::once(Text::new(
                    "your traffic".to_string(),
                    (self.current_rps * 1.15, max / 1.6),
                    font(scale, 12.0, theme.text),
                )))
                .map_err(err)?;
        }

        draw_legend(
            root,
            chart.plotting_area().get_pixel_range(),
            &legend,
            Corner::UpperLeft,
            theme,
            scale,
        )?;
        let (xr, _) = chart.plotting_area().get_pixel_range();
        root.present().map_err(err)?;
        Ok(Frame {
            left: xr.start as f64,
            right: xr.end as f64,
            x_min: from,
            x_max: to,
            log_x: true,
        })
    }

    fn describe(&self, x: f64) -> Option<String> {
        let parts: Vec<String> = self
            .series
            .iter()
            .filter_map(|s| {
                let p = s.points.iter().min_by(|a, b| {
                    (a.0.ln() - x.ln())
                        .abs()
                        .total_cmp(&(b.0.ln() - x.ln()).abs())
                })?;
                Some(format!(
                    "{} req/s · {}: {} / month",
                    money::format_quantity(p.0, 3),
                    s.option.label(),
                    money::format_small_usd(p.1)
                ))
            })
            .collect();
        (!parts.is_empty()).then(|| parts.join(" · "))
    }

    fn summary(&self) -> String {
        let (from, to) = self.range();
        format!(
            "Monthly cost of each way to run the workload against the average request rate, from {} to {} requests per second, with your traffic at {} req/s marked.",
            money::format_quantity(from, 2),
            money::format_quantity(to, 0),
            money::format_quantity(self.current_rps, 3)
        )
    }
}
