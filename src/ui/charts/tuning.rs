//! Power Tuning runs: cost (left axis) and duration (right axis) at every memory size a
//! run measured, on a numeric log memory axis. Points only where measured, joined by
//! straight segments. Cost is drawn thick with filled markers, duration thin with hollow
//! ones; arm64 runs are dashed with triangles, x86_64 runs solid with circles.

use super::frame::{
    nearest_on_log, Axes, Axis, Fill, LegendItem, Mark, Marker, Plot, Scale, Side, Ticks,
};
use super::memory::{MAX_MB, MIN_MB};
use super::{stroke, Area, Chart, Frame, Theme};
use crate::ui::format::{compact_usd, per_million_usd, thousands};
use lambda_cost::money;
use lambda_cost::tuning::{Currency, RunAnalysis};
use lambda_cost::Arch;
use plotters::prelude::*;
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

/// One run as drawn.
struct Style {
    color: RGBColor,
    shape: Marker,
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
            _ => (MIN_MB, MAX_MB),
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
                            [Marker::Circle, Marker::Square],
                            [theme.x86_64, theme.marker],
                        )
                    }
                    Arch::Arm64 => {
                        arm += 1;
                        (
                            arm,
                            [Marker::Triangle, Marker::Cross],
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

impl Chart for TuningChart {
    fn draw(&self, root: &Area, theme: &Theme, scale: f64) -> Result<Frame, String> {
        let styles = self.styles(theme);
        let thick = |c: RGBColor| stroke(c, 2.5, scale);
        let thin = |c: RGBColor| ShapeStyle {
            color: c.mix(0.75),
            filled: false,
            stroke_width: (1.3 * scale).round().max(1.0) as u32,
        };
        let dash = |s: &Style| s.dashed.then_some((6.0, 4.0));
        let mark = |s: &Style, fill| Mark {
            shape: s.shape,
            fill,
            color: s.color,
        };
        // Cost filled and duration hollow: one row per run, above the plot, so the
        // legend never hides a point.
        let legend: Vec<LegendItem> = self
            .runs
            .iter()
            .zip(&styles)
            .flat_map(|(r, s)| {
                [
                    (thick(s.color), Fill::Filled, "cost"),
                    (thin(s.color), Fill::Hollow, "duration"),
                ]
                .map(|(style, fill, note)| LegendItem {
                    label: r.label.clone(),
                    style,
                    dash: dash(s),
                    marker: Some(mark(s, fill)),
                    note,
                })
            })
            .collect();

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
        let plot = Plot::under_legend(root, &axes, theme, scale, &legend, 2)?;

        for (r, s) in self.runs.iter().zip(&styles) {
            let cost: Vec<(i32, i32)> = (0..r.points.len())
                .filter_map(|i| {
                    let c = self.cost(r, i)?;
                    Some(plot.point((r.points[i].point.memory_mb as f64, c), Side::Left))
                })
                .collect();
            let duration: Vec<(i32, i32)> = r
                .points
                .iter()
                .map(|p| plot.point((p.point.memory_mb as f64, p.point.duration_ms), Side::Right))
                .collect();
            for w in duration.windows(2) {
                plot.path(w.to_vec(), thin(s.color), dash(s))?;
            }
            for w in cost.windows(2) {
                plot.path(w.to_vec(), thick(s.color), dash(s))?;
            }
            for p in &duration {
                plot.marker(mark(s, Fill::Hollow), *p)?;
            }
            for p in &cost {
                plot.marker(mark(s, Fill::Filled), *p)?;
            }
            // The lowest monthly bill, as a ring on the cost line.
            if let Some(i) = r.monthly_pick {
                if let Some(c) = self.cost(r, i) {
                    let at = plot.point((r.points[i].point.memory_mb as f64, c), Side::Left);
                    root.draw(&Circle::new(at, plot.px(9.0), stroke(s.color, 1.5, scale)))
                        .map_err(|e| e.to_string())?;
                }
            }
        }

        root.present().map_err(|e| e.to_string())?;
        Ok(plot.frame())
    }

    fn describe(&self, x: f64) -> Option<String> {
        if x.is_nan() || x <= 0.0 {
            return None;
        }
        let mb = nearest_on_log(self.sizes(), x, |m| f64::from(*m))?;
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
