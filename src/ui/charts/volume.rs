//! Monthly cost against request volume, log-log, for both architectures.

use super::frame::{nearest_on_log, Axes, Axis, LegendItem, Plot, Scale, Side, Ticks};
use super::{stroke, Area, Chart, Frame, Theme};
use crate::ui::format::compact_count;
use lambda_cost::model::{VolumeMarkers, VolumePoint};
use lambda_cost::money;
use lambda_cost::Arch;
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
    fn draw(&self, root: &Area, theme: &Theme, scale: f64) -> Result<Frame, String> {
        let axes = Axes {
            x: Axis {
                scale: Scale::log(self.from, self.to),
                title: "Requests per month (log scale)".into(),
                ticks: Ticks::Decades,
                label: Box::new(compact_count),
            },
            y: Axis::monthly_usd_log(
                FLOOR_USD,
                self.series
                    .iter()
                    .flat_map(|s| s.points.iter().map(|p| p.monthly_usd)),
            ),
            y2: None,
        };
        let mut plot = Plot::new(root, &axes, theme, scale)?;

        // x86_64 solid first, arm64 dashed over it: where they share a path (the free
        // tier, the request fee) both stay visible.
        let mut legend = Vec::new();
        let mut drawn = Vec::new();
        for s in &self.series {
            let style = stroke(theme.arch(s.arch), 2.5, scale);
            let dash = (s.arch == Arch::Arm64).then_some((7.0, 4.0));
            let points: Vec<(i32, i32)> = s
                .points
                .iter()
                .map(|p| plot.point((p.requests, p.monthly_usd.max(FLOOR_USD)), Side::Left))
                .collect();
            plot.path(points.clone(), style, dash)?;
            drawn.push(points);
            legend.push(LegendItem::line(s.arch.as_str(), style, dash));
        }
        // Where the price changes: end of the free tier, start of duration tiers 2 and 3;
        // labels go near the top, each moved down until it hides no other.
        let mut marks: Vec<(f64, &str, RGBColor)> = Vec::new();
        if self.current > self.from && self.current < self.to {
            marks.push((self.current, "your volume", theme.text));
        }
        if let Some(first) = self.series.first() {
            let m = first.markers;
            for (at, name) in [
                (m.free_requests, "free requests end"),
                (m.free_compute, "free GB-s end"),
                (Some(m.tiers[0]), "tier 2"),
                (Some(m.tiers[1]), "tier 3"),
            ] {
                if let Some(x) = at.filter(|x| *x > self.from && *x < self.to) {
                    marks.push((x, name, theme.muted));
                }
            }
        }
        for (x, _, color) in &marks {
            let style = if *color == theme.text {
                stroke(theme.marker, 1.5, scale)
            } else {
                stroke(theme.muted, 1.0, scale)
            };
            let dash = (*color != theme.text).then_some((2.0, 4.0));
            plot.vline(*x, style, dash)?;
        }
        plot.legend(&legend, &drawn)?;
        for (x, name, color) in marks {
            plot.label_at_top(name, x, color)?;
        }
        root.present().map_err(|e| e.to_string())?;
        Ok(plot.frame())
    }

    fn describe(&self, x: f64) -> Option<String> {
        let parts: Vec<String> = self
            .series
            .iter()
            .filter_map(|s| {
                let p = nearest_on_log(&s.points, x, |p| p.requests)?;
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
