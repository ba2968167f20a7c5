//! Provisioned concurrency against on-demand: monthly cost across utilization.

use super::frame::{Axes, Axis, LegendItem, Plot, Scale, Side, Ticks};
use super::{stroke, Area, Chart, Frame, Theme};
use lambda_cost::decimal::fixed;
use lambda_cost::model::UtilizationCost;
use lambda_cost::money;

#[derive(Debug, Clone, PartialEq)]
pub struct UtilizationChart {
    /// From 0 % to 100 % utilization.
    pub points: Vec<UtilizationCost>,
    /// Where the two lines cross, 0..=1.
    pub breakeven: Option<f64>,
    /// The scenario's own utilization, when it configures provisioned concurrency.
    pub current: Option<f64>,
    /// Both costs at the scenario's own utilization.
    pub at_current: Option<UtilizationCost>,
    /// What the curves price, for the caption: "1 instance x 1,024 MB x 730 h".
    pub basis: String,
}

impl Chart for UtilizationChart {
    fn draw(&self, root: &Area, theme: &Theme, scale: f64) -> Result<Frame, String> {
        let axes = Axes {
            x: Axis {
                scale: Scale::linear(0.0, 100.0),
                title: "Utilization of provisioned concurrency (%)".into(),
                ticks: Ticks::Round,
                label: Box::new(|v| format!("{} %", fixed(v, 0))),
            },
            y: Axis::monthly_usd(
                self.points
                    .iter()
                    .map(|p| p.provisioned_usd.max(p.on_demand_usd)),
            ),
            y2: None,
        };
        let pc = stroke(theme.arm64, 2.5, scale);
        let od = stroke(theme.x86_64, 2.5, scale);
        let pc_dash = Some((7.0, 4.0));
        let legend = [
            LegendItem::line("provisioned concurrency", pc, pc_dash),
            LegendItem::line("on-demand", od, None),
        ];
        let mut plot = Plot::with_legend(root, &axes, theme, scale, &legend)?;
        let on_demand: Vec<(i32, i32)> = self
            .points
            .iter()
            .map(|p| plot.point((p.utilization * 100.0, p.on_demand_usd), Side::Left))
            .collect();
        let provisioned: Vec<(i32, i32)> = self
            .points
            .iter()
            .map(|p| plot.point((p.utilization * 100.0, p.provisioned_usd), Side::Left))
            .collect();
        plot.path(on_demand.clone(), od, None)?;
        plot.path(provisioned.clone(), pc, pc_dash)?;
        // Marker lines under the legend, then labels placed clear of it and of each other.
        let breakeven = self.breakeven.map(|u| u * 100.0);
        let current = self.current.map(|u| (u * 100.0).clamp(0.0, 100.0));
        if let Some(x) = breakeven {
            plot.vline(x, stroke(theme.marker, 1.5, scale), None)?;
        }
        if let Some(x) = current {
            plot.vline(x, stroke(theme.muted, 1.5, scale), Some((3.0, 3.0)))?;
        }
        let avoid = [on_demand, provisioned];
        plot.legend(&legend, &avoid)?;
        if let Some(x) = breakeven {
            let at = (plot.x_px(x), plot.area().3 - plot.px(40.0));
            plot.label(&format!("break-even {} %", fixed(x, 1)), at, theme.text)?;
        }
        if let Some(x) = current {
            let text = format!("yours {} %", money::format_quantity(x, 1));
            plot.label_at_top(&text, x, theme.text)?;
        }
        root.present().map_err(|e| e.to_string())?;
        Ok(plot.frame())
    }

    fn describe(&self, x: f64) -> Option<String> {
        let u = (x / 100.0).clamp(0.0, 1.0);
        let p = self.points.iter().min_by(|a, b| {
            (a.utilization - u)
                .abs()
                .total_cmp(&(b.utilization - u).abs())
        })?;
        Some(format!(
            "{} % busy · provisioned {} / month · on-demand {} / month",
            fixed(p.utilization * 100.0, 0),
            money::format_usd(p.provisioned_usd),
            money::format_usd(p.on_demand_usd)
        ))
    }

    fn summary(&self) -> String {
        match self.breakeven {
            Some(u) => format!(
                "Provisioned concurrency against on-demand cost for {}: provisioned concurrency is cheaper above {} % utilization.",
                self.basis,
                fixed(u * 100.0, 1)
            ),
            None => format!("Provisioned concurrency against on-demand cost for {}: provisioned concurrency never pays off with these rates.", self.basis),
        }
    }
}
