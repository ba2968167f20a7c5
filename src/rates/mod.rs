//! The rate card: AWS Lambda prices per region and architecture, from
//! `data/rates.json` so prices stay data, with their sources and an as-of date, not code.
//! build.rs writes the file into statics at compile time (no JSON parser in the bundle);
//! `RateCard::from_json` reads the same format, and the tests check the two agree.

use serde::Deserialize;
use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

#[cfg(test)]
const EMBEDDED: &str = include_str!("../../data/rates.json");

/// A region's entry as build.rs writes it: [`Region`] with static text.
struct CompiledRegion {
    code: &'static str,
    name: &'static str,
    group: &'static str,
    requests_per_million: f64,
    ephemeral_storage: f64,
    x86_64: ArchRates,
    arm64: ArchRates,
    snapstart: SnapStartRates,
    streaming_per_gb: f64,
    durable: DurableRates,
    derived: &'static [&'static str],
    uncertain: &'static [&'static str],
}

/// The whole table as build.rs writes it: [`RateCard`] with static text.
struct CompiledCard {
    currency: &'static str,
    as_of: &'static str,
    sources: &'static [&'static str],
    tier_thresholds_gb_s: TierThresholds,
    free_tier: FreeTier,
    edge: EdgeRates,
    regions: &'static [CompiledRegion],
}

// `static COMPILED: CompiledCard`, from data/rates.json.
include!(concat!(env!("OUT_DIR"), "/rate_card.rs"));

impl CompiledCard {
    fn to_card(&self) -> RateCard {
        let owned = |list: &[&str]| list.iter().map(|s| s.to_string()).collect();
        RateCard {
            currency: self.currency.to_string(),
            as_of: self.as_of.to_string(),
            sources: owned(self.sources),
            tier_thresholds_gb_s: self.tier_thresholds_gb_s,
            free_tier: self.free_tier,
            edge: self.edge,
            regions: self
                .regions
                .iter()
                .map(|r| Region {
                    code: r.code.to_string(),
                    name: r.name.to_string(),
                    group: r.group.to_string(),
                    requests_per_million: r.requests_per_million,
                    ephemeral_storage: r.ephemeral_storage,
                    x86_64: r.x86_64,
                    arm64: r.arm64,
                    snapstart: r.snapstart,
                    streaming_per_gb: r.streaming_per_gb,
                    durable: r.durable,
                    derived: owned(r.derived),
                    uncertain: owned(r.uncertain),
                })
                .collect(),
        }
    }
}

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
    /// USD per GB-s of SnapStart cache, per published version.
    pub snapstart_cache: f64,
    /// USD per GB of memory restored from a SnapStart snapshot.
    pub snapstart_restore: f64,
    /// USD per GB streamed beyond the first 6 MB of a response.
    pub streaming: f64,
    /// GB of streamed bytes the free tier covers each month.
    pub free_streaming_gb: f64,
    /// Lambda@Edge: USD per request and per GB-s (one global price).
    pub edge_request: f64,
    pub edge_duration: f64,
    /// Durable functions: USD per operation, per GB written, per GB-month retained.
    pub durable_operation: f64,
    pub durable_written: f64,
    pub durable_retained: f64,
    /// USD per GB of memory per tenant-isolated execution environment created.
    pub tenant_isolation: f64,
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
    /// USD per GB-s cached and per GB restored.
    pub snapstart_cache: Option<f64>,
    pub snapstart_restore: Option<f64>,
    /// USD per GB streamed.
    pub streaming: Option<f64>,
    /// USD per 1M durable operations, per GB written, per GB-month retained.
    pub durable_operations_per_million: Option<f64>,
    pub durable_written: Option<f64>,
    pub durable_retained: Option<f64>,
    /// USD per GB per tenant environment (the scenario's architecture).
    pub tenant_isolation: Option<f64>,
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
        let shared = [
            (self.snapstart_cache, &mut rates.snapstart_cache, 1.0),
            (self.snapstart_restore, &mut rates.snapstart_restore, 1.0),
            (self.streaming, &mut rates.streaming, 1.0),
            (
                self.durable_operations_per_million,
                &mut rates.durable_operation,
                1e-6,
            ),
            (self.durable_written, &mut rates.durable_written, 1.0),
            (self.durable_retained, &mut rates.durable_retained, 1.0),
        ];
        for (o, rate, scale) in shared {
            if let Some(v) = o {
                *rate = v * scale;
            }
        }
        if own_arch {
            if let Some(v) = self.tenant_isolation {
                rates.tenant_isolation = v;
            }
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

    /// Whether the user has entered their own value for `key` (so it is no longer the rate
    /// card's, confirmed or not); `own_arch` as in [`RateOverrides::apply`].
    pub fn covers(&self, key: RateKey, own_arch: bool) -> bool {
        let own = |o: Option<f64>| own_arch && o.is_some();
        match key {
            RateKey::Requests => self.requests_per_million.is_some(),
            RateKey::EphemeralStorage => self.ephemeral_storage.is_some(),
            RateKey::Duration { tier, .. } => own(self.duration[usize::from(tier.clamp(1, 3)) - 1]),
            RateKey::Provisioned(_) => own(self.provisioned),
            RateKey::ProvisionedDuration(_) => own(self.provisioned_duration),
            RateKey::TenantIsolation(_) => own(self.tenant_isolation),
            RateKey::SnapStartCache => self.snapstart_cache.is_some(),
            RateKey::SnapStartRestore => self.snapstart_restore.is_some(),
            RateKey::Streaming => self.streaming.is_some(),
            RateKey::DurableOperations => self.durable_operations_per_million.is_some(),
            RateKey::DurableWritten => self.durable_written.is_some(),
            RateKey::DurableRetained => self.durable_retained.is_some(),
        }
    }
}

/// One rate of a region's entry, as the data file's `derived` / `uncertain` entries name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RateKey {
    Requests,
    EphemeralStorage,
    /// On-demand duration, tier 1 to 3.
    Duration {
        arch: Arch,
        tier: u8,
    },
    Provisioned(Arch),
    ProvisionedDuration(Arch),
    TenantIsolation(Arch),
    SnapStartCache,
    SnapStartRestore,
    Streaming,
    DurableOperations,
    DurableWritten,
    DurableRetained,
}

impl RateKey {
    /// The rate's name in a region, as a person reads it:
    /// "duration tier 1 (arm64, ap-east-2)", "SnapStart cache (us-west-1)".
    pub fn name_in(self, region: &str) -> String {
        let (what, arch) = match self {
            RateKey::Requests => ("requests".to_string(), None),
            RateKey::EphemeralStorage => ("ephemeral storage".to_string(), None),
            RateKey::Duration { arch, tier } => (format!("duration tier {tier}"), Some(arch)),
            RateKey::Provisioned(a) => ("provisioned concurrency".to_string(), Some(a)),
            RateKey::ProvisionedDuration(a) => {
                ("duration on provisioned concurrency".to_string(), Some(a))
            }
            RateKey::TenantIsolation(a) => ("tenant isolation".to_string(), Some(a)),
            RateKey::SnapStartCache => ("SnapStart cache".to_string(), None),
            RateKey::SnapStartRestore => ("SnapStart restore".to_string(), None),
            RateKey::Streaming => ("response streaming".to_string(), None),
            RateKey::DurableOperations => ("durable operations".to_string(), None),
            RateKey::DurableWritten => ("durable data written".to_string(), None),
            RateKey::DurableRetained => ("durable data retained".to_string(), None),
        };
        match arch {
            Some(a) => format!("{what} ({a}, {region})"),
            None => format!("{what} ({region})"),
        }
    }

    /// The rates one data-file path names: `x86_64.duration` is all three tiers,
    /// `arm64.duration[1..2]` tiers 2 and 3 (0-based, inclusive, as the file writes them).
    fn parse_path(path: &str) -> Option<Vec<RateKey>> {
        let one = |k| Some(vec![k]);
        match path {
            "requests_per_million" => return one(RateKey::Requests),
            "ephemeral_storage" => return one(RateKey::EphemeralStorage),
            "snapstart.cache" => return one(RateKey::SnapStartCache),
            "snapstart.restore" => return one(RateKey::SnapStartRestore),
            "streaming" => return one(RateKey::Streaming),
            "durable.operations" => return one(RateKey::DurableOperations),
            "durable.written" => return one(RateKey::DurableWritten),
            "durable.retained" => return one(RateKey::DurableRetained),
            _ => {}
        }
        let (arch, rate) = path.split_once('.')?;
        let arch = match arch {
            "x86_64" => Arch::X86_64,
            "arm64" => Arch::Arm64,
            _ => return None,
        };
        match rate {
            "provisioned" => return one(RateKey::Provisioned(arch)),
            "provisioned_duration" => return one(RateKey::ProvisionedDuration(arch)),
            "tenant_isolation" => return one(RateKey::TenantIsolation(arch)),
            _ => {}
        }
        let (first, last) = match rate.strip_prefix("duration")? {
            "" => (0, 2),
            index => {
                let inner = index.strip_prefix('[')?.strip_suffix(']')?;
                match inner.split_once("..") {
                    Some((a, b)) => (a.parse::<u8>().ok()?, b.parse::<u8>().ok()?),
                    None => {
                        let i = inner.parse::<u8>().ok()?;
                        (i, i)
                    }
                }
            }
        };
        (first <= last && last <= 2).then(|| {
            (first..=last)
                .map(|i| RateKey::Duration { arch, tier: i + 1 })
                .collect()
        })
    }
}

/// Why a rate is not confirmed by a source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confidence {
    /// Computed by a stated rule (e.g. 90 % of tier 1), not published.
    Derived,
    /// No source found; the value is an assumption.
    Uncertain,
}

/// A rate a bill used that no source confirms, for a notice next to the total.
#[derive(Debug, Clone, PartialEq)]
pub struct UnconfirmedRate {
    pub key: RateKey,
    /// "duration tier 1 (arm64, ap-east-2)".
    pub name: String,
    pub confidence: Confidence,
    /// The data file's reason: "not found for this region; us-east-1's rate assumed".
    pub why: String,
}

/// Splits one `derived` / `uncertain` entry ("a, b: why") into its rates and reason.
fn parse_entry(entry: &str) -> Option<(Vec<RateKey>, &str)> {
    let (paths, why) = entry.split_once(": ")?;
    let mut keys = Vec::new();
    for path in paths.split(", ") {
        keys.extend(RateKey::parse_path(path.trim())?);
    }
    Some((keys, why.trim()))
}

#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
struct ArchRates {
    duration: [f64; 3],
    provisioned: f64,
    provisioned_duration: f64,
    tenant_isolation: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
struct SnapStartRates {
    cache: f64,
    restore: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
struct DurableRates {
    operations_per_million: f64,
    written_per_gb: f64,
    retained_per_gb_month: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
struct EdgeRates {
    requests_per_million: f64,
    duration: f64,
}

/// One AWS region's entry in the rate table.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Region {
    pub code: String,
    pub name: String,
    /// Geography, for grouping in a region picker.
    pub group: String,
    requests_per_million: f64,
    ephemeral_storage: f64,
    x86_64: ArchRates,
    arm64: ArchRates,
    snapstart: SnapStartRates,
    streaming_per_gb: f64,
    durable: DurableRates,
    /// Rates computed from a rule rather than read from AWS, with the rule.
    #[serde(default)]
    pub derived: Vec<String>,
    /// Rates that could not be confirmed.
    #[serde(default)]
    pub uncertain: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
struct TierThresholds {
    x86_64: [f64; 2],
    arm64: [f64; 2],
}

#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
struct FreeTier {
    requests: f64,
    gb_seconds: f64,
    streaming_gb: f64,
}

/// The whole rate table: every region, with where the figures come from.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct RateCard {
    pub currency: String,
    /// Date the prices were read (ISO 8601).
    pub as_of: String,
    pub sources: Vec<String>,
    tier_thresholds_gb_s: TierThresholds,
    free_tier: FreeTier,
    edge: EdgeRates,
    pub regions: Vec<Region>,
}

impl RateCard {
    /// The rate table shipped with this build (data/rates.json, compiled in by build.rs
    /// and checked by the tests), made once.
    pub fn embedded() -> &'static RateCard {
        static CARD: OnceLock<RateCard> = OnceLock::new();
        CARD.get_or_init(|| COMPILED.to_card())
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
        let global = [
            self.edge.requests_per_million,
            self.edge.duration,
            self.free_tier.requests,
            self.free_tier.gb_seconds,
            self.free_tier.streaming_gb,
        ];
        if global.iter().any(|v| !v.is_finite() || *v < 0.0) {
            return Err("rate table: a negative or non-finite global rate".into());
        }
        for r in &self.regions {
            let all = [
                r.requests_per_million,
                r.ephemeral_storage,
                r.x86_64.provisioned,
                r.x86_64.provisioned_duration,
                r.x86_64.tenant_isolation,
                r.arm64.provisioned,
                r.arm64.provisioned_duration,
                r.arm64.tenant_isolation,
                r.snapstart.cache,
                r.snapstart.restore,
                r.streaming_per_gb,
                r.durable.operations_per_million,
                r.durable.written_per_gb,
                r.durable.retained_per_gb_month,
            ];
            let tiers = r.x86_64.duration.iter().chain(&r.arm64.duration);
            if all.iter().chain(tiers).any(|v| !v.is_finite() || *v < 0.0) {
                return Err(format!(
                    "rate table: {} has a negative or non-finite rate",
                    r.code
                ));
            }
            if let Some(bad) = r
                .derived
                .iter()
                .chain(&r.uncertain)
                .find(|e| parse_entry(e).is_none())
            {
                return Err(format!(
                    "rate table: {} has an entry that names no known rate: \"{bad}\"",
                    r.code
                ));
            }
            let same_code = self
                .regions
                .iter()
                .filter(|o| o.code.eq_ignore_ascii_case(&r.code));
            if same_code.count() > 1 {
                return Err(format!("rate table: {} is listed twice", r.code));
            }
        }
        Ok(())
    }

    /// The region with exactly this code. Input typed by a person goes through
    /// [`RateCard::canonical_region`] first.
    pub fn region(&self, code: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.code == code)
    }

    /// The region with this code in any letter case (`EU-West-1` is `eu-west-1`).
    pub fn region_any_case(&self, code: &str) -> Option<&Region> {
        let code = code.trim();
        self.regions
            .iter()
            .find(|r| r.code.eq_ignore_ascii_case(code))
    }

    /// The card's own spelling of a region code typed in any case, or `None` if unknown:
    /// what a link or the CLI stores, so every later lookup is exact.
    pub fn canonical_region(&self, code: &str) -> Option<&str> {
        self.region_any_case(code).map(|r| r.code.as_str())
    }

    /// Which of `used` are not confirmed in `region` (derived or uncertain), each once,
    /// in the order given. An unknown region confirms nothing it could be asked about, but
    /// has no rates to use either, so it yields nothing.
    pub fn unconfirmed(
        &self,
        region: &str,
        used: impl IntoIterator<Item = RateKey>,
    ) -> Vec<UnconfirmedRate> {
        let Some(r) = self.region_any_case(region) else {
            return Vec::new();
        };
        let mut out: Vec<UnconfirmedRate> = Vec::new();
        for key in used {
            if out.iter().any(|u| u.key == key) {
                continue;
            }
            if let Some((confidence, why)) = r.confidence(key) {
                out.push(UnconfirmedRate {
                    key,
                    name: key.name_in(&r.code),
                    confidence,
                    why: why.to_string(),
                });
            }
        }
        out
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
            snapstart_cache: r.snapstart.cache,
            snapstart_restore: r.snapstart.restore,
            streaming: r.streaming_per_gb,
            free_streaming_gb: self.free_tier.streaming_gb,
            edge_request: self.edge.requests_per_million / 1e6,
            edge_duration: self.edge.duration,
            durable_operation: r.durable.operations_per_million / 1e6,
            durable_written: r.durable.written_per_gb,
            durable_retained: r.durable.retained_per_gb_month,
            tenant_isolation: a.tenant_isolation,
        })
    }
}

impl Region {
    /// How far `key` is from confirmed here: `None` when a source confirms it. An
    /// `uncertain` entry outranks a `derived` one for the same rate.
    pub fn confidence(&self, key: RateKey) -> Option<(Confidence, &str)> {
        fn find(entries: &[String], key: RateKey) -> Option<&str> {
            entries.iter().find_map(|e| {
                let (keys, why) = parse_entry(e)?;
                keys.contains(&key).then_some(why)
            })
        }
        if let Some(why) = find(&self.uncertain, key) {
            return Some((Confidence::Uncertain, why));
        }
        find(&self.derived, key).map(|why| (Confidence::Derived, why))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiled_table_is_the_data_file() {
        // build.rs wrote the statics; the file parsed (and checked) at run time must be
        // the same table, field for field.
        let parsed = RateCard::from_json(EMBEDDED).expect("data/rates.json is valid");
        assert_eq!(RateCard::embedded(), &parsed);
        let tampered = EMBEDDED.replacen("0.0000166667", "0.0000166668", 1);
        assert_ne!(tampered, EMBEDDED);
        assert_ne!(
            RateCard::embedded(),
            &RateCard::from_json(&tampered).unwrap()
        );
    }

    #[test]
    fn embedded_table_parses_and_has_every_reference_region() {
        let card = RateCard::embedded();
        assert_eq!(card.currency, "USD");
        assert_eq!(card.regions.len(), 34);
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
    fn all_34_commercial_regions_with_their_picker_group() {
        let card = RateCard::embedded();
        for (code, group) in [
            ("ap-east-2", "Asia Pacific"),
            ("ap-south-2", "Asia Pacific"),
            ("ap-southeast-3", "Asia Pacific"),
            ("ap-southeast-6", "Asia Pacific"),
            ("ap-southeast-7", "Asia Pacific"),
            ("ca-west-1", "North America"),
            ("eu-south-2", "Europe"),
            ("il-central-1", "Middle East"),
            ("me-central-1", "Middle East"),
            ("mx-central-1", "North America"),
        ] {
            let r = card.region(code).unwrap_or_else(|| panic!("{code}"));
            assert_eq!(r.group, group, "{code}");
            assert!(!r.name.is_empty());
        }
        assert_eq!(card.as_of, "2026-09-01");
        // The picker lists regions in file order, grouped: us-east-1 stays first.
        assert_eq!(card.regions[0].code, "us-east-1");
    }

    #[test]
    fn region_codes_match_in_any_case() {
        let card = RateCard::embedded();
        assert_eq!(card.canonical_region("EU-West-1"), Some("eu-west-1"));
        assert_eq!(
            card.canonical_region(" ap-SOUTHEAST-5 "),
            Some("ap-southeast-5")
        );
        assert_eq!(card.canonical_region("eu-west-9"), None);
        assert_eq!(
            card.region_any_case("Il-Central-1")
                .map(|r| r.name.as_str()),
            Some("Israel (Tel Aviv)")
        );
        // Exact lookups stay exact: links are canonicalized once, where they are read.
        assert!(card.region("US-EAST-1").is_none());
    }

    #[test]
    fn published_tier_rates_replace_derived_ones() {
        let card = RateCard::embedded();
        let hk = card.rates("ap-east-1", Arch::X86_64).unwrap();
        assert_eq!(hk.duration, [0.00002292, 0.00002062, 0.00001833]);
        let hk_arm = card.rates("ap-east-1", Arch::Arm64).unwrap();
        assert_eq!(hk_arm.duration, [0.0000183, 0.0000165, 0.0000147]);
        assert_eq!(
            card.rates("me-south-1", Arch::X86_64).unwrap().duration[1],
            0.000018591
        );
        assert_eq!(
            card.rates("eu-central-2", Arch::X86_64).unwrap().duration[1],
            0.0000165
        );
        assert_eq!(
            card.rates("eu-central-2", Arch::Arm64).unwrap().duration[1],
            0.0000132001
        );
        let confirmed = |region: &str, arch, tier| {
            card.region(region)
                .unwrap()
                .confidence(RateKey::Duration { arch, tier })
                .is_none()
        };
        assert!(confirmed("ap-east-1", Arch::Arm64, 3));
        assert!(confirmed("me-south-1", Arch::X86_64, 2));
        assert!(!confirmed("me-south-1", Arch::X86_64, 3));
        assert!(!confirmed("me-south-1", Arch::Arm64, 2));
        assert!(confirmed("eu-central-2", Arch::Arm64, 2));
        assert!(!confirmed("eu-central-2", Arch::Arm64, 3));
    }

    #[test]
    fn unconfirmed_rates_are_named_and_confirmed_ones_are_not() {
        let card = RateCard::embedded();
        let used = [
            RateKey::Requests,
            RateKey::Duration {
                arch: Arch::Arm64,
                tier: 1,
            },
            RateKey::Requests,
        ];
        let taipei = card.unconfirmed("ap-east-2", used);
        let names: Vec<&str> = taipei.iter().map(|u| u.name.as_str()).collect();
        assert_eq!(
            names,
            ["requests (ap-east-2)", "duration tier 1 (arm64, ap-east-2)"]
        );
        assert!(taipei.iter().all(|u| u.confidence == Confidence::Uncertain));
        assert!(taipei[0].why.contains("us-east-1's rate assumed"));
        assert!(card.unconfirmed("us-east-1", used).is_empty());
        // Found rates: Jakarta's and the UAE's tier-1 duration, Seoul's SnapStart.
        for region in ["ap-southeast-3", "me-central-1"] {
            let tier1 = RateKey::Duration {
                arch: Arch::X86_64,
                tier: 1,
            };
            assert!(card.unconfirmed(region, [tier1]).is_empty(), "{region}");
            let tier2 = RateKey::Duration {
                arch: Arch::X86_64,
                tier: 2,
            };
            assert_eq!(
                card.unconfirmed(region, [tier2])[0].confidence,
                Confidence::Derived
            );
        }
        let snap = [RateKey::SnapStartCache, RateKey::SnapStartRestore];
        assert!(card.unconfirmed("ap-northeast-2", snap).is_empty());
        assert_eq!(card.unconfirmed("eu-west-1", snap).len(), 2);
        // Only us-east-1 has confirmed streaming, durable and tenant rates, and arm64
        // tenant isolation is unconfirmed even there.
        for r in &card.regions {
            let streaming = r.confidence(RateKey::Streaming).is_none();
            assert_eq!(streaming, r.code == "us-east-1", "{}", r.code);
            assert!(r
                .confidence(RateKey::TenantIsolation(Arch::Arm64))
                .is_some());
        }
        assert_eq!(
            card.unconfirmed("us-west-1", [RateKey::Provisioned(Arch::Arm64)])[0].name,
            "provisioned concurrency (arm64, us-west-1)"
        );
        assert!(card.unconfirmed("mars-north-1", used).is_empty());
    }

    #[test]
    fn overrides_cover_the_rates_they_replace() {
        let o = RateOverrides {
            streaming: Some(0.01),
            duration: [None, Some(0.00001), None],
            ..RateOverrides::default()
        };
        assert!(o.covers(RateKey::Streaming, true));
        let tier2 = RateKey::Duration {
            arch: Arch::Arm64,
            tier: 2,
        };
        assert!(o.covers(tier2, true) && !o.covers(tier2, false));
        assert!(!o.covers(RateKey::SnapStartCache, true));
        let r = RateCard::embedded()
            .rates("us-east-1", Arch::X86_64)
            .unwrap();
        assert_eq!(o.apply(r, false).streaming, 0.01);
        let d = RateOverrides {
            durable_operations_per_million: Some(10.0),
            ..RateOverrides::default()
        };
        assert!((d.apply(r, true).durable_operation - 10e-6).abs() < 1e-18);
    }

    #[test]
    fn new_feature_rates_match_the_reference() {
        let card = RateCard::embedded();
        let x = card.rates("us-east-1", Arch::X86_64).unwrap();
        assert_eq!(
            (x.snapstart_cache, x.snapstart_restore),
            (0.0000015046, 0.0001397998)
        );
        assert_eq!((x.streaming, x.free_streaming_gb), (0.008, 100.0));
        assert!((x.edge_request - 0.6e-6).abs() < 1e-20);
        assert_eq!(x.edge_duration, 0.00005001);
        assert!((x.durable_operation - 8e-6).abs() < 1e-20);
        assert_eq!((x.durable_written, x.durable_retained), (0.25, 0.15));
        assert_eq!(x.tenant_isolation, 0.000167);
        let a = card.rates("us-east-1", Arch::Arm64).unwrap();
        assert_eq!(a.tenant_isolation, 0.000133333);
        let osaka = card.rates("ap-northeast-3", Arch::X86_64).unwrap();
        assert_eq!(
            (osaka.snapstart_cache, osaka.snapstart_restore),
            (0.0000020012, 0.0001823873)
        );
        let ncal = card.rates("us-west-1", Arch::X86_64).unwrap();
        assert_eq!(ncal.snapstart_restore, 0.0001812957);
    }

    #[test]
    fn entries_naming_unknown_rates_are_refused() {
        let good = EMBEDDED.replacen(
            "\"x86_64.duration: assumed equal to us-east-1\"",
            "\"x86_64.durations: assumed equal to us-east-1\"",
            1,
        );
        assert_ne!(good, EMBEDDED, "the Osaka entry exists");
        let err = RateCard::from_json(&good).unwrap_err();
        assert!(err.contains("ap-northeast-3"), "{err}");
        let twice = EMBEDDED.replacen("\"code\": \"us-east-2\"", "\"code\": \"US-EAST-1\"", 1);
        assert!(RateCard::from_json(&twice).unwrap_err().contains("twice"));
        for (path, keys) in [
            ("arm64.duration[1..2]", 2),
            ("x86_64.duration", 3),
            ("x86_64.duration[0]", 1),
            ("snapstart.cache", 1),
        ] {
            assert_eq!(
                RateKey::parse_path(path).map(|k| k.len()),
                Some(keys),
                "{path}"
            );
        }
        for bad in [
            "x86_64.duration[3]",
            "x86_64.duration[2..1]",
            "arm.provisioned",
            "",
        ] {
            assert!(RateKey::parse_path(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn malformed_tables_are_errors() {
        assert!(RateCard::from_json("{}").is_err());
        assert!(RateCard::from_json("not json").is_err());
    }
}
