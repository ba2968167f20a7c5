//! The unit people think of their traffic in. Requests are stored per month; the unit
//! only changes how they are entered and shown.

use crate::model::{HOURS_PER_MONTH, SECONDS_PER_MONTH};
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TrafficUnit {
    PerSecond,
    PerMinute,
    PerHour,
    PerDay,
    #[default]
    PerMonth,
}

impl TrafficUnit {
    pub const ALL: [TrafficUnit; 5] = [
        TrafficUnit::PerSecond,
        TrafficUnit::PerMinute,
        TrafficUnit::PerHour,
        TrafficUnit::PerDay,
        TrafficUnit::PerMonth,
    ];

    /// Link value.
    pub fn key(self) -> &'static str {
        match self {
            TrafficUnit::PerSecond => "s",
            TrafficUnit::PerMinute => "min",
            TrafficUnit::PerHour => "h",
            TrafficUnit::PerDay => "day",
            TrafficUnit::PerMonth => "month",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TrafficUnit::PerSecond => "per second",
            TrafficUnit::PerMinute => "per minute",
            TrafficUnit::PerHour => "per hour",
            TrafficUnit::PerDay => "per day",
            TrafficUnit::PerMonth => "per month",
        }
    }

    /// How many of this unit make AWS's 730-hour billing month.
    pub fn per_month(self) -> f64 {
        match self {
            TrafficUnit::PerSecond => SECONDS_PER_MONTH,
            TrafficUnit::PerMinute => SECONDS_PER_MONTH / 60.0,
            TrafficUnit::PerHour => HOURS_PER_MONTH,
            TrafficUnit::PerDay => HOURS_PER_MONTH / 24.0,
            TrafficUnit::PerMonth => 1.0,
        }
    }

    pub fn to_monthly(self, value: f64) -> f64 {
        value * self.per_month()
    }

    pub fn from_monthly(self, requests: f64) -> f64 {
        requests / self.per_month()
    }
}

impl FromStr for TrafficUnit {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        TrafficUnit::ALL
            .into_iter()
            .find(|u| u.key() == s)
            .ok_or_else(|| {
                format!(
                    "unknown unit \"{}\": expected s, min, h, day or month",
                    crate::input::echo(s, 24)
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_through_the_730_hour_month() {
        assert_eq!(TrafficUnit::PerSecond.to_monthly(1.0), 2_628_000.0);
        assert_eq!(TrafficUnit::PerHour.to_monthly(1.0), 730.0);
        assert!((TrafficUnit::PerDay.to_monthly(24.0) - 730.0).abs() < 1e-9);
        for u in TrafficUnit::ALL {
            assert_eq!(u.key().parse::<TrafficUnit>(), Ok(u));
            assert!((u.from_monthly(u.to_monthly(123.0)) - 123.0).abs() < 1e-9);
        }
    }
}
