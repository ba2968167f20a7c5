//! Provisioned concurrency against on-demand: monthly cost across utilization.

use super::{draw_legend, font, stroke, Chart, Corner, Frame, LegendItem, Theme};
use crate::ui::format::compact_usd;
use lambda_cost::model::UtilizationCost;
use lambda_cost::money;
use plotters::coord::Shift;
use plotters::prelude::*;

#[derive(Debug, Clone, PartialEq)]
pub struct UtilizationChart {
    /// From 0 % to 100 % utilization.
    pub points: Vec<UtilizationCost>,
    /// Where the two lines cross, 0..=1.
    pub breakeven: Option<f64>,
    /// The scenario's own utilization, when it configures provisioned concurrency.
    pub current: Option<f64>,
    /// What the curves price, for the caption: "1 instance x 1,024 MB x 730 h".
    pub basis: String,
}

impl Chart for UtilizationChart {
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        theme: &Theme,
        scale: f64,
    ) -> Result<Frame, String> {
        let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
        root.fill(&theme.background).map_err(err)?;
        let max = self
            .points
            .iter()
            .map(|p| p.provisioned_usd.max(p.on_demand_usd))
            .fold(0.01f64, f64::max)
            * 1.08;
        let px = |v: f64| (v * scale).round() as u32;
        let narrow = (root.dim_in_pixel().0 as f64) < 520.0 * scale;
        let mut chart = ChartBuilder::on(root)
            .margin(px(12.0))
            .x_label_area_size(px(44.0))
            .y_label_area_size(px(70.0))
            .build_cartesian_2d(0.0..100.0, 0.0..max)
            .map_err(err)?;
        chart
            .configure_mesh()
            .x_desc("Utilization of provisioned concurrency (%)")
            .y_desc("Monthly cost (USD)")
            .x_label_formatter(&|v| format!("{v:.0} %"))
            // Every 20 % on narrow charts (phones, embeds): "10 %" labels would touch.
            .x_labels(if narrow { 6 } else { 10 })
            .y_label_formatter(&|v| compact_usd(*v))
            .label_style(font(scale, 12.0, theme.muted))
            .axis_desc_style(font(scale, 13.0, theme.text))
            .axis_style(stroke(theme.muted, 1.0, scale))
            .bold_line_style(stroke(theme.grid, 1.0, scale))
            .light_line_style(theme.background)
            .draw()
            .map_err(err)?;

        let pc = stroke(theme.arm64, 2.5, scale);
        let od = stroke(theme.x86_64, 2.5, scale);
        chart
            .draw_series(DashedLineSeries::new(
                self.points
                    .iter()
                    .map(|p| (p.utilization * 100.0, p.provisioned_usd)),
                px(7.0),
                px(4.0),
                pc,
            ))
            .map_err(err)?;
        chart
            .draw_series(LineSeries::new(
                self.points
                    .iter()
                    .map(|p| (p.utilization * 100.0, p.on_demand_usd)),
                od,
            ))
            .map_err(err)?;
        let legend = [
            LegendItem {
                label: "provisioned concurrency".into(),
                style: pc,
                dashed: true,
            },
            LegendItem {
                label: "on-demand".into(),
                style: od,
                dashed: false,
            },
        ];

        if let Some(u) = self.breakeven {
            let x = u * 100.0;
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(x, 0.0), (x, max)],
                    stroke(theme.marker, 1.5, scale),
                )))
                .map_err(err)?;
            chart
                .draw_series(std::iter::once(Text::new(
                    format!("break-even {x:.1} %"),
                    (x + 1.0, max * 0.08),
                    font(scale, 12.0, theme.text),
                )))
                .map_err(err)?;
        }
        if let Some(u) = self.current {
            let x = (u * 100.0).clamp(0.0, 100.0);
            chart
                .draw_series(DashedLineSeries::new(
                    vec![(x, 0.0), (x, max)],
                    px(3.0),
                    px(3.0),
                    stroke(theme.muted, 1.0, scale),
                ))
                .map_err(err)?;
            chart
                .draw_series(std::iter::once(Text::new(
                    "yours".to_string(),
                    (x + 1.0, max * 0.95),
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
            x_min: 0.0,
            x_max: 100.0,
            log_x: false,
        })
    }

    fn describe(&self, x: f64) -> Option<String> {
        let u = (x / 100.0).clamp(0.0, 1.0);
        let p = self.points.iter().min_by(|a, b| {
            (a.utilization - u)
                .abs()
                .total_cmp(&(b.utilization - u).abs())
        })?;
        Some(format!(
            "{:.0} % busy · provisioned {} / month · on-demand {} / month",
            p.utilization * 100.0,
            money::format_usd(p.provisioned_usd),
            money::format_usd(p.on_demand_usd)
        ))
    }

    fn summary(&self) -> String {
        match self.breakeven {
            Some(u) => format!(
                "Provisioned concurrency against on-demand cost for {}: provisioned concurrency is cheaper above {:.1} % utilization.",
                self.basis,
                u * 100.0
            ),
            None => format!("Provisioned concurrency against on-demand cost for {}: provisioned concurrency never pays off with these rates.", self.basis),
        }
    }
}
