//! Monthly cost and duration against memory, for both architectures.

use super::frame::{columns, Axes, Axis, LegendItem, Plot, PlotState, Scale, Side, Ticks};
use super::{stroke, sweep_point, Area, Chart, Frame, Theme};
use crate::ui::format::thousands;
use lambda_cost::model::{SweepPoint, MEMORY_SIZES};
use lambda_cost::Arch;
use plotters::prelude::*;
use std::rc::Rc;

/// The memory axis's ends, MB: every size a function can have (the core's).
pub(crate) const MIN_MB: f64 = *MEMORY_SIZES.start() as f64;
pub(crate) const MAX_MB: f64 = *MEMORY_SIZES.end() as f64;

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

impl MemorySeries {
    /// `==`, with the sweep compared by address first: edits that keep the sweeps share
    /// them (`Results::compute_after`), and comparing 10,113 points on every redraw of the
    /// memory chart was work for nothing. Every field is named, so a new one is compared.
    pub fn same_as(&self, other: &MemorySeries) -> bool {
        let MemorySeries {
            arch,
            points,
            cheapest,
            measured,
        } = self;
        *arch == other.arch
            && (Rc::ptr_eq(points, &other.points) || *points == other.points)
            && *cheapest == other.cheapest
            && *measured == other.measured
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct MemoryChart {
    pub series: Vec<MemorySeries>,
    pub current_mb: u32,
}

/// Memory sizes people choose, most important first: the axis labels as many as fit.
pub(crate) const MEMORY_TICKS: [f64; 7] = [128.0, 1024.0, 10240.0, 512.0, 3008.0, 256.0, 1769.0];

/// The memory axis every memory chart shares.
pub(crate) fn memory_axis(title: &str) -> Axis {
    Axis {
        scale: Scale::log(MIN_MB, MAX_MB),
        title: title.to_string(),
        ticks: Ticks::Chosen(MEMORY_TICKS.to_vec()),
        label: Box::new(thousands),
    }
}

/// Draws a dense cost sweep: the line follows the lowest bill in each pixel column and a
/// pale band spans up to the highest, where billing in whole milliseconds makes the bill
/// swing between neighbouring sizes (a 1 MB change can cross a millisecond).
pub(crate) fn draw_sweep(
    plot: &Plot,
    points: &[(f64, f64)],
    side: Side,
    style: ShapeStyle,
    dash: Option<(f64, f64)>,
) -> Result<Vec<(i32, i32)>, String> {
    let cols = columns(points, |x| plot.x_offset(x));
    let lower: Vec<(i32, i32)> = cols.iter().map(|c| plot.point((c.0, c.1), side)).collect();
    let upper: Vec<(i32, i32)> = cols.iter().map(|c| plot.point((c.0, c.2), side)).collect();
    if lower.iter().zip(&upper).any(|(l, u)| l.1 - u.1 > 1) {
        plot.band(&lower, &upper, style.color.mix(0.25))?;
    }
    plot.path(lower.clone(), style, dash)?;
    Ok(lower)
}

/// An architecture's cost line.
fn thick(c: RGBColor, scale: f64) -> ShapeStyle {
    stroke(c, 2.5, scale)
}

/// An architecture's duration line, thinner and lighter than its cost.
fn thin(c: RGBColor, scale: f64) -> ShapeStyle {
    ShapeStyle {
        color: c.mix(0.6),
        filled: false,
        stroke_width: (1.2 * scale).round().max(1.0) as u32,
    }
}

/// arm64's lines are dashed, drawn over x86_64's solid ones: where they share a path
/// the dashes show both colours in turn.
fn dash(arch: Arch) -> Option<(f64, f64)> {
    (arch == Arch::Arm64).then_some((7.0, 4.0))
}

/// A point of `arch`'s cost line: a circle on x86_64, a triangle on arm64.
fn mark(root: &Area, arch: Arch, at: (i32, i32), size: i32, c: RGBColor) -> Result<(), String> {
    match arch {
        Arch::X86_64 => root.draw(&Circle::new(at, size, c.filled())),
        Arch::Arm64 => root.draw(&super::triangle(at, size, c.filled())),
    }
    .map_err(|e| e.to_string())
}

impl MemoryChart {
    /// Everything but the current size's line and its label (`draw_over`): it stays the
    /// same while only the size changes (the sweeps are kept across edits), so the page
    /// keeps it as a picture (`canvas::Layers`).
    pub fn draw_under(&self, root: &Area, theme: &Theme, scale: f64) -> Result<PlotState, String> {
        let max_ms = self
            .series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.duration_ms))
            .fold(0.0f64, f64::max)
            .max(1.0)
            * 1.08;
        let axes = Axes {
            x: memory_axis("Memory (MB, log scale)"),
            y: Axis::monthly_usd(
                self.series
                    .iter()
                    .flat_map(|s| s.points.iter().map(|p| p.monthly_usd)),
            ),
            y2: Some(Axis {
                scale: Scale::linear(0.0, max_ms),
                title: "Duration (ms), thin lines".into(),
                ticks: Ticks::Round,
                label: Box::new(thousands),
            }),
        };
        // The legend first: on a narrow chart it takes rows above the plot.
        let mut legend = Vec::new();
        for s in &self.series {
            let c = theme.arch(s.arch);
            let dash = dash(s.arch);
            legend.push(LegendItem::line(
                format!("{} cost", s.arch),
                thick(c, scale),
                dash,
            ));
            legend.push(LegendItem::line(
                format!("{} duration", s.arch),
                thin(c, scale),
                dash,
            ));
            if !s.measured.is_empty() {
                legend.push(LegendItem::line(
                    format!("{} measured (Power Tuning)", s.arch),
                    stroke(c, 4.0, scale),
                    None,
                ));
            }
        }
        let mut plot = Plot::with_legend(root, &axes, theme, scale, &legend)?;

        let mut drawn = Vec::new();
        // x86_64 first and solid, arm64 over it dashed (`dash`).
        for s in &self.series {
            let c = theme.arch(s.arch);
            let dash = dash(s.arch);
            let (thick, thin) = (thick(c, scale), thin(c, scale));
            let duration: Vec<(f64, f64)> = s
                .points
                .iter()
                .map(|p| (p.memory_mb as f64, p.duration_ms))
                .collect();
            let cost: Vec<(f64, f64)> = s
                .points
                .iter()
                .map(|p| (p.memory_mb as f64, p.monthly_usd))
                .collect();
            drawn.push(draw_sweep(&plot, &duration, Side::Right, thin, dash)?);
            drawn.push(draw_sweep(&plot, &cost, Side::Left, thick, dash)?);
            // Markers at the labelled sizes, circles on x86_64 and triangles on arm64.
            for mb in MEMORY_TICKS {
                if let Some(p) = sweep_point(&s.points, mb as u32) {
                    let at = plot.point((mb, p.monthly_usd), Side::Left);
                    let size = match s.arch {
                        Arch::X86_64 => plot.px(3.5),
                        Arch::Arm64 => plot.px(4.5),
                    };
                    mark(root, s.arch, at, size, c)?;
                }
            }
            if !s.measured.is_empty() {
                let size = plot.px(4.5);
                for p in &s.measured {
                    let at = plot.point((p.memory_mb as f64, p.monthly_usd), Side::Left);
                    mark(root, s.arch, at, size, c)?;
                }
            }
            // The cheapest memory size, as a ring on the cost line.
            let p = s.cheapest;
            root.draw(&Circle::new(
                plot.point((p.memory_mb as f64, p.monthly_usd), Side::Left),
                plot.px(6.0),
                stroke(c, 2.0, scale),
            ))
            .map_err(|e| e.to_string())?;
        }
        // Above the plot (`with_legend`): nothing the size's line could cross.
        plot.legend(&legend, &drawn)?;
        Ok(plot.state())
    }

    /// The current memory size, labelled beside its line where the label is free, on the
    /// plot `under` drew.
    pub fn draw_over(
        &self,
        root: &Area,
        theme: &Theme,
        scale: f64,
        under: &PlotState,
    ) -> Result<Frame, String> {
        let mut plot = Plot::resume(root, under);
        let current = self.current_mb as f64;
        plot.vline(current, stroke(theme.muted, 1.0, scale), Some((3.0, 3.0)))?;
        plot.label_at_top(&format!("{} MB", thousands(current)), current, theme.text)?;
        root.present().map_err(|e| e.to_string())?;
        Ok(plot.frame())
    }
}

impl Chart for MemoryChart {
    fn draw(&self, root: &Area, theme: &Theme, scale: f64) -> Result<Frame, String> {
        let under = self.draw_under(root, theme, scale)?;
        self.draw_over(root, theme, scale, &under)
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
        // The dots a link's Power Tuning runs add, which the canvas alone would not say.
        let measured: String = self
            .series
            .iter()
            .filter(|s| !s.measured.is_empty())
            .map(|s| {
                let n = s.measured.len();
                let sizes = if n == 1 { "size" } else { "sizes" };
                format!(" {n} {sizes} measured by Power Tuning on {}.", s.arch)
            })
            .collect();
        format!(
            "Monthly cost and duration against memory from {} MB to {} MB. {}.{measured}",
            thousands(MIN_MB),
            thousands(MAX_MB),
            cheapest.join("; ")
        )
    }
}
