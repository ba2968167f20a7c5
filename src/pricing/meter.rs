//! The month's on-demand GB-s meter: the free tier is used up first, then the
//! duration tiers fill in order of usage.

use super::{Line, LineItem, LineSink, Unit};
use crate::rates::Rates;

pub(crate) struct DurationMeter<'a> {
    rates: &'a Rates,
    /// GB-s used so far this month, free or not: tier boundaries count all usage.
    used: f64,
    free_left: f64,
}

impl<'a> DurationMeter<'a> {
    pub fn new(rates: &'a Rates, free_gb_s: f64) -> Self {
        DurationMeter {
            rates,
            used: 0.0,
            free_left: free_gb_s.max(0.0),
        }
    }

    /// Adds `gb_s` of usage as one line per tier it touches. With `always`, a line is
    /// written even for zero usage, so a bill always shows its duration.
    pub fn consume(
        &mut self,
        gb_s: f64,
        item: impl Fn(u8) -> LineItem,
        lines: &mut impl LineSink,
        always: bool,
    ) {
        let gb_s = if gb_s.is_finite() { gb_s.max(0.0) } else { 0.0 };
        let mut free = gb_s.min(self.free_left);
        self.free_left -= free;
        let start = self.used;
        let end = start + gb_s;
        self.used = end;
        let [t1, t2] = self.rates.tier_thresholds;
        let bounds = [(0.0, t1), (t1, t2), (t2, f64::INFINITY)];
        let mut wrote = false;
        for (i, (lo, hi)) in bounds.into_iter().enumerate() {
            let in_tier = (end.min(hi) - start.max(lo)).max(0.0);
            if in_tier <= 0.0 && !(always && i == 0 && !wrote) {
                continue;
            }
            // Free usage sits at the start of the month, so in the lowest tiers.
            let free_here = free.min(in_tier);
            free -= free_here;
            let billable = in_tier - free_here;
            let rate = self.rates.duration[i];
            lines.push(Line::charge(
                item(i as u8 + 1),
                billable,
                free_here,
                Unit::GbSeconds,
                rate,
            ));
            wrote = true;
        }
    }
}
