//! The rate card: AWS Lambda prices per region and architecture, loaded from
//! `data/rates.json` (embedded at build time) so prices stay data, with their
//! sources and an as-of date, not code.

use serde::Deserialize;
use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

const EMBEDDED: &str = include_str!("../../data/rates.json");

/// Instruction set of a function; each has its own rates and tier thresholds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
pub enum Arch {
    #[default]
    #[serde(rename = "x86_64")]
    X86_64,
    #[serde(rename = "arm64")]
    Arm64,
}

impl Arch {
    pub const ALL: [Arch; 2] = [Arch::X86_64, Arch::Arm64];

    pub fn as_str(self) -> &'static str {
        match self {
            Arch::X86_64 => "x86_64",
            Arch::Arm64 => "arm64",
        }
    }
}

impl fmt::Display for Arch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Arch {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "x86_64" | "x86" | "amd64" => Ok(Arch::X86_64),
            "arm64" | "arm" | "aarch64" | "graviton" => Ok(Arch::Arm64),
            _ => Err(format!(
                "unknown architecture \"{}\": expected x86_64 or arm64",
                crate::input::echo(s, 24)
            )),
        }
    }
}

/// Prices of one architecture in one region, in USD per unit. A plain value: the
/// user overrides any rate by changing a field before pricing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rates {
    /// USD per request (the table's per-1M price / 1e6).
    pub request: f64,
    /// USD per GB-s of on-demand duration, by tier.
    pub duration: [f64; 3],
    /// Monthly GB-s at which tier 2 and tier 3 start.
    pub tier_thresholds: [f64; 2],
    /// USD per GB-s of provisioned concurrency enabled.
    pub provisioned: f64,
    /// USD per GB-s of duration served by provisioned concurrency.
    pub provisioned_duration: f64,
    /// USD per GB-s of ephemeral storage configured above 512 MB.
    pub ephemeral_storage: f64,
    /// Free tier, per month: requests and on-demand GB-s.
    pub free_requests: f64,
    pub free_gb_seconds: f64,
}

/// Rates the user sets in place of the rate card's (a price change, private pricing).
/// Duration and provisioned-concurrency rates belong to one architecture, so they apply to
/// the scenario's own; request and storage rates apply to both.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct RateOverrides {
    /// USD per 1M requests.
    pub requests_per_million: Option<f64>,
    /// USD per GB-s, by duration tier.
    pub duration: [Option<f64>; 3],
    pub provisioned: Option<f64>,
    pub provisioned_duration: Option<f64>,
    pub ephemeral_storage: Option<f64>,
}

impl RateOverrides {
    pub fn is_empty(&self) -> bool {
        *self == RateOverrides::default()
    }

    /// `rates` with the overrides applied; `own_arch` says whether they are the rates of the
    /// architecture the overrides were entered for.
    pub fn apply(&self, mut rates: Rates, own_arch: bool) -> Rates {
        if let Some(v) = self.requests_per_million {
            rates.request = v / 1e6;
        }
        if let Some(v) = self.ephemeral_storage {
            rates.ephemeral_storage = v;
        }
        if own_arch {
            for (rate, o) in rates.duration.iter_mut().zip(self.duration) {
                if let Some(v) = o {
                    *rate = v;
                }
            }
            if let Some(v) = self.provisioned {
                rates.provisioned = v;
            }
            if let Some(v) = self.provisioned_duration {
                rates.provisioned_duration = v;
            }
        }
        rates
    }
}

#[derive(Debug, Clone, Deserialize)]
struct ArchRates {
    duration: [f64; 3],
    provisioned: f64,
    provisioned_duration: f64,
}

/// One AWS region's entry in the rate table.
#[derive(Debug, Clone, Deserialize)]
pub struct Region {
    pub code: String,
    pub name: String,
    /// Geography, for grouping in a region picker.
    pub group: String,
    requests_per_million: f64,
    ephemeral_storage: f64,
    x86_64: ArchRates,
    arm64: ArchRates,
    /// Rates computed from a rule rather than read from AWS, with the rule.
    #[serde(default)]
    pub derived: Vec<String>,
    /// Rates that could not be confirmed.
    #[serde(default)]
    pub uncertain: Vec<String>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
struct TierThresholds {
    x86_64: [f64; 2],
    arm64: [f64; 2],
}

#[derive(Debug, Clone, Copy, Deserialize)]
struct FreeTier {
    requests: f64,
    gb_seconds: f64,
}

/// The whole rate table: every region, with where the figures come from.
#[derive(Debug, Clone, Deserialize)]
pub struct RateCard {
    pub currency: String,
    /// Date the prices were read (ISO 8601).
    pub as_of: String,
    pub sources: Vec<String>,
    tier_thresholds_gb_s: TierThresholds,
    free_tier: FreeTier,
    pub regions: Vec<Region>,
}

impl RateCard {
    /// The rate table shipped with this build, parsed once.
    pub fn embedded() -> &'static RateCard {
        static CARD: OnceLock<RateCard> = OnceLock::new();
        CARD.get_or_init(|| {
            // The table is part of the build and checked by the tests, so a parse
            // failure is a build defect, not user input.
            RateCard::from_json(EMBEDDED).expect("data/rates.json is valid")
        })
    }

    pub fn from_json(text: &str) -> Result<RateCard, String> {
        let card: RateCard = serde_json::from_str(text).map_err(|e| format!("rate table: {e}"))?;
        card.check()?;
        Ok(card)
    }

    fn check(&self) -> Result<(), String> {
        if self.regions.is_empty() {
            return Err("rate table: no regions".into());
        }
        for r in &self.regions {
            let all = [
                r.requests_per_million,
                r.ephemeral_storage,
                r.x86_64.provisioned,
                r.x86_64.provisioned_duration,
                r.arm64.provisioned,
                r.arm64.provisioned_duration,
            ];
            let tiers = r.x86_64.duration.iter().chain(&r.arm64.duration);
            if all.iter().chain(tiers).any(|v| !v.is_finite() || *v < 0.0) {
                return Err(format!(
                    "rate table: {} has a negative or non-finite rate",
                    r.code
                ));
            }
        }
        Ok(())
    }

    pub fn region(&self, code: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.code == code)
    }

    /// Rates for a region and architecture, or `None` for an unknown region.
    pub fn rates(&self, region: &str, arch: Arch) -> Option<Rates> {
        let r = self.region(region)?;
        let (a, thresholds) = match arch {
            Arch::X86_64 => (&r.x86_64, self.tier_thresholds_gb_s.x86_64),
            Arch::Arm64 => (&r.arm64, self.tier_thresholds_gb_s.arm64),
        };
        Some(Rates {
            request: r.requests_per_million / 1e6,
            duration: a.duration,
            tier_thresholds: thresholds,
            provisioned: a.provisioned,
            provisioned_duration: a.provisioned_duration,
            ephemeral_storage: r.ephemeral_storage,
            free_requests: self.free_tier.requests,
            free_gb_seconds: self.free_tier.gb_seconds,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_table_parses_and_has_every_reference_region() {
        let card = RateCard::embedded();
        assert_eq!(card.currency, "USD");
        assert_eq!(card.regions.len(), 24);
        for code in [
            "us-east-1",
            "eu-west-1",
            "ap-southeast-5",
            "af-south-1",
            "ap-northeast-3",
        ] {
            assert!(card.region(code).is_some(), "{code}");
        }
    }

    #[test]
    fn us_east_1_matches_the_reference() {
        let x = RateCard::embedded()
            .rates("us-east-1", Arch::X86_64)
            .unwrap();
        assert_eq!(x.duration, [0.0000166667, 0.0000150000, 0.0000133334]);
        assert_eq!(x.tier_thresholds, [6e9, 15e9]);
        assert_eq!(x.provisioned, 0.0000041667);
        assert_eq!(x.provisioned_duration, 0.0000097222);
        assert!((x.request - 0.2e-6).abs() < 1e-20);
        let a = RateCard::embedded()
            .rates("us-east-1", Arch::Arm64)
            .unwrap();
        assert_eq!(a.duration, [0.0000133334, 0.0000120001, 0.0000106667]);
        assert_eq!(a.tier_thresholds, [7.5e9, 18.75e9]);
        assert_eq!(a.provisioned, 0.0000033334);
        assert_eq!(a.provisioned_duration, 0.0000077778);
    }

    #[test]
    fn derived_rates_are_marked() {
        let card = RateCard::embedded();
        let zurich = card.region("eu-central-2").unwrap();
        assert!(zurich.derived.iter().any(|d| d.contains("tier-2/3")));
        assert!(!card.region("ap-northeast-3").unwrap().uncertain.is_empty());
        assert!(card.region("us-east-1").unwrap().derived.is_empty());
    }

    #[test]
    fn overrides_replace_only_what_they_name() {
        let card = RateCard::embedded();
        let x = card.rates("us-east-1", Arch::X86_64).unwrap();
        let o = RateOverrides {
            requests_per_million: Some(0.25),
            duration: [Some(0.00001), None, None],
            ..RateOverrides::default()
        };
        let own = o.apply(x, true);
        assert_eq!(own.request, 0.25 / 1e6);
        assert_eq!(own.duration, [0.00001, x.duration[1], x.duration[2]]);
        assert_eq!(own.provisioned, x.provisioned);
        let other = o.apply(x, false);
        assert_eq!(other.request, 0.25 / 1e6);
        assert_eq!(other.duration, x.duration);
        assert!(RateOverrides::default().is_empty() && !o.is_empty());
    }

    #[test]
    fn unknown_region_has_no_rates() {
        assert!(RateCard::embedded()
            .rates("mars-north-1", Arch::Arm64)
            .is_none());
    }

    #[test]
    fn malformed_tables_are_errors() {
        assert!(RateCard::from_json("{}").is_err());
        assert!(RateCard::from_json("not json").is_err());
    }
}
