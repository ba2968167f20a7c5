//! Monthly cost against request volume, log-log, for both architectures.

use super::{draw_legend, font, stroke, Chart, Corner, Frame, LegendItem, Theme};
use crate::ui::format::{compact_count, compact_usd};
use lambda_cost::model::{VolumeMarkers, VolumePoint};
use lambda_cost::money;
use lambda_cost::Arch;
use plotters::coord::Shift;
use plotters::prelude::*;

/// The lowest cost the log axis shows; a free month sits on this line.
const FLOOR_USD: f64 = 0.0001;

#[derive(Debug, Clone, PartialEq)]
pub struct VolumeSeries {
    pub arch: Arch,
    pub points: Vec<VolumePoint>,
    pub markers: VolumeMarkers,
}

#[derive(Debug, Clone, PartialEq)]
pub struct VolumeChart {
    pub series: Vec<VolumeSeries>,
    pub from: f64,
    pub to: f64,
    /// The scenario's requests per month.
    pub current: f64,
}

impl Chart for VolumeChart {
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        theme: &Theme,
        scale: f64,
    ) -> Result<Frame, String> {
        let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
        root.fill(&theme.background).map_err(err)?;
        let max = self
            .series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.monthly_usd))
            .fold(FLOOR_USD * 10.0, f64::max)
            * 2.0;
        let px = |v: f64| (v * scale).round() as u32;
        let mut chart = ChartBuilder::on(root)
            .margin(px(12.0))
            .x_label_area_size(px(44.0))
            .y_label_area_size(px(70.0))
            .build_cartesian_2d(
                (self.from..self.to).log_scale(),
                (FLOOR_USD..max).log_scale(),
            )
            .map_err(err)?;
        chart
            .configure_mesh()
            .x_desc("Requests per month (log scale)")
            .y_desc("Monthly cost (USD, log scale)")
            .x_label_formatter(&|v| compact_count(*v))
            .y_label_formatter(&|v| compact_usd(*v))
            .label_style(font(scale, 12.0, theme.muted))
            .axis_desc_style(font(scale, 13.0, theme.text))
            .axis_style(stroke(theme.muted, 1.0, scale))
            .bold_line_style(stroke(theme.grid, 1.0, scale))
            .light_line_style(theme.background)
            .draw()
            .map_err(err)?;

        // Where the price changes: end of the free tier, start of duration tiers 2 and 3.
        if let Some(first) = self.series.first() {
            let m = first.markers;
            let marks = [
                (m.free_requests, "free requests end"),
                (m.free_compute, "free GB-s end"),
                (Some(m.tiers[0]), "tier 2"),
                (Some(m.tiers[1]), "tier 3"),
            ];
            for (i, (at, name)) in marks.into_iter().enumerate() {
                let Some(x) = at.filter(|x| *x > self.from && *x < self.to) else {
                    continue;
                };
                chart
                    .draw_series(DashedLineSeries::new(
                        vec![(x, FLOOR_USD), (x, max)],
                        px(2.0),
                        px(4.0),
                        stroke(theme.muted, 1.0, scale),
                    ))
                    .map_err(err)?;
                let y = max / 4f64.powi(i as i32 + 1);
                chart
                    .draw_series(std::iter::once(Text::new(
                        name.to_string(),
                        (x * 1.15, y),
                        font(scale, 11.0, theme.muted),
                    )))
                    .map_err(err)?;
            }
        }

        let mut legend = Vec::new();
        for s in &self.series {
            let c = theme.arch(s.arch);
            let style = stroke(c, 2.5, scale);
            let points: Vec<(f64, f64)> = s
                .points
                .iter()
                .map(|p| (p.requests, p.monthly_usd.max(FLOOR_USD)))
                .collect();
            let name = s.arch.as_str();
            if s.arch == Arch::X86_64 {
                chart
                    .draw_series(LineSeries::new(points, style))
                    .map_err(err)?;
            } else {
                chart
                    .draw_series(DashedLineSeries::new(points, px(7.0), px(4.0), style))
                    .map_err(err)?;
            }
            legend.push(LegendItem {
                label: name.to_string(),
                style,
                dashed: s.arch == Arch::Arm64,
            });
        }

        if self.current > self.from && self.current < self.to {
            chart
                .draw_series(std::iter::once(PathElement::new(
                    vec![(self.current, FLOOR_USD), (self.current, max)],
                    stroke(theme.marker, 1.5, scale),
                )))
                .map_err(err)?;
            chart
                .draw_series(std::iter::once(Text::new(
                    "your volume".to_string(),
                    (self.current * 1.15, max / 1.6),
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
            x_min: self.from,
            x_max: self.to,
            log_x: true,
        })
    }

    fn describe(&self, x: f64) -> Option<String> {
        let parts: Vec<String> = self
            .series
            .iter()
            .filter_map(|s| {
                let p = s.points.iter().min_by(|a, b| {
                    (a.requests.ln() - x.ln())
                        .abs()
                        .total_cmp(&(b.requests.ln() - x.ln()).abs())
                })?;
                Some((
                    p.requests,
                    format!(
                        "{}: {} / month",
                        s.arch,
                        money::format_small_usd(p.monthly_usd)
                    ),
                ))
            })
            .map(|(r, text)| format!("{} requests/month · {text}", money::format_quantity(r, 0)))
            .collect();
        (!parts.is_empty()).then(|| parts.join(" · "))
    }

    fn summary(&self) -> String {
        format!(
            "Monthly cost against request volume from {} to {} requests a month, for x86_64 and arm64, with the free tier and duration tier boundaries marked.",
            compact_count(self.from),
            compact_count(self.to)
        )
    }
}
