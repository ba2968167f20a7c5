//! Monthly cost of each way to run the workload (on demand, provisioned concurrency,
//! Managed Instances, Fargate) against the average request rate, log-log, with the
//! scenario's own rate and the crossovers that change the cheapest option marked.

use super::frame::{nearest_on_log, Axes, Axis, LegendItem, Plot, Scale, Side, Ticks};
use super::{stroke, Area, Chart, Frame, Theme};
use lambda_cost::compute::{ComputeOption, Series};
use lambda_cost::money;
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
    fn draw(&self, root: &Area, theme: &Theme, scale: f64) -> Result<Frame, String> {
        let (from, to) = self.range();
        let axes = Axes {
            x: Axis {
                scale: Scale::log(from, to),
                title: "Average requests per second (log scale)".into(),
                ticks: Ticks::Decades,
                label: Box::new(|v| money::format_quantity(v, if v < 1.0 { 2 } else { 0 })),
            },
            y: Axis::monthly_usd_log(
                FLOOR_USD,
                self.series
                    .iter()
                    .flat_map(|s| s.points.iter().map(|p| p.1))
                    .filter(|v| v.is_finite()),
            ),
            y2: None,
        };
        let looks: Vec<(ShapeStyle, Option<(f64, f64)>)> = self
            .series
            .iter()
            .map(|s| {
                let (c, dashed) = look(s.option, theme);
                (stroke(c, 2.5, scale), dashed.then_some((7.0, 4.0)))
            })
            .collect();
        let legend: Vec<LegendItem> = self
            .series
            .iter()
            .zip(&looks)
            .map(|(s, &(style, dash))| LegendItem::line(s.option.label(), style, dash))
            .collect();
        let mut plot = Plot::with_legend(root, &axes, theme, scale, &legend)?;

        for &x in self.crossovers.iter().filter(|x| **x > from && **x < to) {
            plot.vline(x, stroke(theme.muted, 1.0, scale), Some((2.0, 4.0)))?;
        }
        let mut drawn = Vec::new();
        for (s, &(style, dash)) in self.series.iter().zip(&looks) {
            let points: Vec<(i32, i32)> = s
                .points
                .iter()
                .filter(|p| p.1.is_finite())
                .map(|&(x, y)| plot.point((x, y.max(FLOOR_USD)), Side::Left))
                .collect();
            plot.path(points.clone(), style, dash)?;
            drawn.push(points);
        }
        let yours = self.current_rps > from && self.current_rps < to;
        if yours {
            plot.vline(self.current_rps, stroke(theme.marker, 1.5, scale), None)?;
        }
        plot.legend(&legend, &drawn)?;
        if yours {
            plot.label_at_top("your traffic", self.current_rps, theme.text)?;
        }
        root.present().map_err(|e| e.to_string())?;
        Ok(plot.frame())
    }

    fn describe(&self, x: f64) -> Option<String> {
        let parts: Vec<String> = self
            .series
            .iter()
            .filter_map(|s| {
                let p = nearest_on_log(&s.points, x, |p| p.0)?;
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
