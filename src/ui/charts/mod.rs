//! Charts: each is a function from plain data, a theme and a pixel scale to a drawing on
//! any plotters backend, so the same code draws on the page's canvas and to SVG in the
//! native tests. `canvas` holds the component that sizes the canvas for HiDPI screens.

mod backend;
mod canvas;
pub mod comparison;
pub mod compute;
pub mod memory;
pub mod tuning;
mod utilization;
pub mod volume;

pub use canvas::ChartCanvas;
pub use compute::ComputeChart;
pub use memory::MemoryChart;
pub use tuning::TuningChart;
pub use utilization::UtilizationChart;
pub use volume::VolumeChart;

use lambda_cost::model::SweepPoint;
use plotters::prelude::*;
use plotters::style::RGBColor;

/// Colours of one theme. x86_64 and arm64 also differ by line pattern, not colour alone.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub background: RGBColor,
    pub text: RGBColor,
    pub muted: RGBColor,
    pub grid: RGBColor,
    pub x86_64: RGBColor,
    pub arm64: RGBColor,
    pub marker: RGBColor,
}

impl Theme {
    /// The colour of an architecture's lines.
    pub fn arch(&self, arch: lambda_cost::Arch) -> RGBColor {
        match arch {
            lambda_cost::Arch::X86_64 => self.x86_64,
            lambda_cost::Arch::Arm64 => self.arm64,
        }
    }

    pub const LIGHT: Theme = Theme {
        background: RGBColor(255, 255, 255),
        text: RGBColor(27, 31, 36),
        muted: RGBColor(87, 96, 106),
        grid: RGBColor(228, 231, 235),
        x86_64: RGBColor(29, 99, 206),
        arm64: RGBColor(185, 60, 11),
        marker: RGBColor(21, 128, 61),
    };
    pub const DARK: Theme = Theme {
        background: RGBColor(23, 27, 33),
        text: RGBColor(230, 233, 238),
        muted: RGBColor(162, 172, 184),
        grid: RGBColor(50, 58, 69),
        x86_64: RGBColor(108, 180, 255),
        arm64: RGBColor(255, 138, 76),
        marker: RGBColor(74, 222, 128),
    };
}

/// What a pointer position on the canvas means, for the hover read-out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    /// Plot area in backend pixels: left, right.
    pub left: f64,
    pub right: f64,
    /// Data range along x, and whether the axis is logarithmic.
    pub x_min: f64,
    pub x_max: f64,
    pub log_x: bool,
}

impl Frame {
    /// The x value under backend pixel `px`, or `None` outside the plot area.
    pub fn x_at(&self, px: f64) -> Option<f64> {
        if px < self.left || px > self.right || self.right <= self.left {
            return None;
        }
        let t = (px - self.left) / (self.right - self.left);
        Some(if self.log_x {
            (self.x_min.ln() + t * (self.x_max.ln() - self.x_min.ln())).exp()
        } else {
            self.x_min + t * (self.x_max - self.x_min)
        })
    }
}

/// A chart the page can draw and describe.
pub trait Chart: PartialEq {
    /// Draws on `root`; sizes of text, lines and margins are multiplied by `scale`
    /// (the device pixel ratio on canvas).
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, plotters::coord::Shift>,
        theme: &Theme,
        scale: f64,
    ) -> Result<Frame, String>;

    /// The read-out for the data nearest to `x`.
    fn describe(&self, x: f64) -> Option<String>;

    /// One sentence for screen readers.
    fn summary(&self) -> String;
}

/// Style helpers shared by the charts.
pub(crate) fn font(scale: f64, size: f64, color: RGBColor) -> TextStyle<'static> {
    ("sans-serif", size * scale).into_font().color(&color)
}

pub(crate) fn stroke(color: RGBColor, width: f64, scale: f64) -> ShapeStyle {
    color.stroke_width((width * scale).round().max(1.0) as u32)
}

/// One entry of a chart legend.
pub(crate) struct LegendItem {
    pub label: String,
    pub style: ShapeStyle,
    pub dashed: bool,
}

#[derive(Clone, Copy)]
pub(crate) enum Corner {
    UpperLeft,
    UpperRight,
}

/// Draws a legend inside the plot area. plotters' own series labels measure text through
/// the DOM (a page reflow per label); this measures through the backend.
pub(crate) fn draw_legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    plot: (std::ops::Range<i32>, std::ops::Range<i32>),
    items: &[LegendItem],
    corner: Corner,
    theme: &Theme,
    scale: f64,
) -> Result<(), String> {
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let s = |v: f64| (v * scale).round() as i32;
    let style = font(scale, 12.0, theme.text);
    let mut text_w = 0;
    for item in items {
        let (w, _) = root.estimate_text_size(&item.label, &style).map_err(err)?;
        text_w = text_w.max(w as i32);
    }
    let (pad, sample, gap, row) = (s(8.0), s(20.0), s(6.0), s(18.0));
    let width = pad * 2 + sample + gap + text_w;
    let height = pad * 2 + row * items.len() as i32;
    let x = match corner {
        Corner::UpperLeft => plot.0.start + s(8.0),
        Corner::UpperRight => plot.0.end - width - s(8.0),
    };
    let y = plot.1.start + s(8.0);
    root.draw(&Rectangle::new(
        [(x, y), (x + width, y + height)],
        theme.background.mix(0.92).filled(),
    ))
    .map_err(err)?;
    root.draw(&Rectangle::new(
        [(x, y), (x + width, y + height)],
        stroke(theme.grid, 1.0, scale),
    ))
    .map_err(err)?;
    for (i, item) in items.iter().enumerate() {
        let cy = y + pad + row * i as i32 + row / 2;
        let line = vec![(x + pad, cy), (x + pad + sample, cy)];
        if item.dashed {
            root.draw(&plotters::element::DashedPathElement::new(
                line,
                s(5.0),
                s(3.0),
                item.style,
            ))
            .map_err(err)?;
        } else {
            root.draw(&PathElement::new(line, item.style))
                .map_err(err)?;
        }
        let text = style.pos(plotters::style::text_anchor::Pos::new(
            plotters::style::text_anchor::HPos::Left,
            plotters::style::text_anchor::VPos::Center,
        ));
        root.draw(&Text::new(
            item.label.clone(),
            (x + pad + sample + gap, cy),
            text,
        ))
        .map_err(err)?;
    }
    Ok(())
}

/// The point of a sweep at `memory_mb` (sweeps are contiguous, 1 MB apart).
pub(crate) fn sweep_point(points: &[SweepPoint], memory_mb: u32) -> Option<SweepPoint> {
    let first = points.first()?.memory_mb;
    points.get(memory_mb.checked_sub(first)? as usize).copied()
}

/// Where memory size `mb` falls along a log axis from 128 MB to 10,240 MB, 0..=1.
/// The logarithms of all sizes are computed once: sweeps place 20,000 points per redraw.
pub(crate) fn memory_axis_position(mb: f64) -> f64 {
    static TABLE: std::sync::OnceLock<Vec<f64>> = std::sync::OnceLock::new();
    let (lo, hi) = (128f64.ln(), 10240f64.ln());
    let table = TABLE.get_or_init(|| {
        (128..=10240)
            .map(|m| (f64::from(m).ln() - lo) / (hi - lo))
            .collect()
    });
    match table.get((mb as usize).wrapping_sub(128)) {
        Some(t) if mb.fract() == 0.0 => *t,
        _ => (mb.max(1.0).ln() - lo) / (hi - lo),
    }
}

/// Keeps at most two points (the lowest and highest y) per pixel column of a plot
/// `width_px` wide: a 10,113-point sweep draws as fast as a 1,600-point one and looks
/// the same, jaggies included. `x_to_px` maps x to a pixel offset.
pub(crate) fn decimate(
    points: &[(f64, f64)],
    width_px: f64,
    x_to_px: impl Fn(f64) -> f64,
) -> Vec<(f64, f64)> {
    if points.len() as f64 <= width_px * 2.0 {
        return points.to_vec();
    }
    let mut out = Vec::with_capacity(width_px as usize * 2 + 2);
    let mut column = f64::NAN;
    let (mut lo, mut hi) = ((0.0, f64::INFINITY), (0.0, f64::NEG_INFINITY));
    let push = |out: &mut Vec<(f64, f64)>, lo: (f64, f64), hi: (f64, f64)| {
        if lo.1.is_finite() {
            if lo.0 <= hi.0 {
                out.push(lo);
                if hi != lo {
                    out.push(hi);
                }
            } else {
                out.push(hi);
                out.push(lo);
            }
        }
    };
    for &p in points {
        let c = x_to_px(p.0).floor();
        if c != column {
            push(&mut out, lo, hi);
            column = c;
            lo = p;
            hi = p;
        } else {
            if p.1 < lo.1 {
                lo = p;
            }
            if p.1 > hi.1 {
                hi = p;
            }
        }
    }
    push(&mut out, lo, hi);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimation_keeps_extremes_per_column() {
        let points: Vec<(f64, f64)> = (0..10_000).map(|i| (i as f64, (i % 7) as f64)).collect();
        let d = decimate(&points, 100.0, |x| x / 100.0);
        assert!(d.len() <= 202);
        assert!(d.iter().any(|p| p.1 == 6.0) && d.iter().any(|p| p.1 == 0.0));
        assert!(d.windows(2).all(|w| w[0].0 <= w[1].0));
    }

    #[test]
    fn memory_axis_positions_match_the_log_scale() {
        assert_eq!(memory_axis_position(128.0), 0.0);
        assert!((memory_axis_position(10240.0) - 1.0).abs() < 1e-12);
        let exact = (1024f64.ln() - 128f64.ln()) / (10240f64.ln() - 128f64.ln());
        assert!((memory_axis_position(1024.0) - exact).abs() < 1e-12);
        assert!(memory_axis_position(1024.5) > memory_axis_position(1024.0));
    }

    #[test]
    fn frame_inverts_log_axes() {
        let f = Frame {
            left: 100.0,
            right: 1100.0,
            x_min: 128.0,
            x_max: 10240.0,
            log_x: true,
        };
        assert!((f.x_at(100.0).unwrap() - 128.0).abs() < 1e-9);
        assert!((f.x_at(1100.0).unwrap() - 10240.0).abs() < 1e-6);
        assert_eq!(f.x_at(50.0), None);
    }
}
