//! The instance types Lambda Managed Instances runs on, and Fargate's rates, loaded from
//! `data/lmi-instances.json` (embedded at build time, parsed once) so prices stay data,
//! with their sources and as-of dates. A price the table lacks is unknown, never guessed.

use super::{lmi_field, ComputeError};
use crate::rates::Arch;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

#[cfg(test)]
const EMBEDDED: &str = include_str!("../../data/lmi-instances.json");

/// The data file as build.rs writes it ([`InstanceTable`] with static text and lists in
/// place of maps), so the bundles carry no JSON parser for it.
struct CompiledTable {
    currency: &'static str,
    as_of: &'static str,
    sources: &'static [&'static str],
    lmi: CompiledTerms,
    instances: &'static [CompiledRow],
    fargate: CompiledFargate,
}

struct CompiledTerms {
    requests_per_million: f64,
    management_fee_pct: f64,
    default_min_instances: u32,
    families: &'static [&'static str],
    x86_64_generations: [u8; 2],
    graviton_generations: [u8; 2],
    memory_gib_per_vcpu: &'static [(&'static str, f64)],
}

struct CompiledRow {
    name: &'static str,
    vcpus: u32,
    memory_gib: f64,
    hourly_usd: &'static [(&'static str, f64)],
}

struct CompiledFargate {
    as_of: &'static str,
    sources: &'static [&'static str],
    regions: &'static [(&'static str, FargateRegion)],
}

// `static COMPILED: CompiledTable`, from data/lmi-instances.json.
include!(concat!(env!("OUT_DIR"), "/instance_table.rs"));

impl CompiledTable {
    fn to_table(&self) -> InstanceTable {
        let owned = |list: &[&str]| list.iter().map(|s| s.to_string()).collect();
        // Inserted one by one: `collect` into a map would link a sort of its own.
        fn map<V: Copy>(pairs: &[(&str, V)]) -> BTreeMap<String, V> {
            let mut out = BTreeMap::new();
            for (k, v) in pairs {
                out.insert(k.to_string(), *v);
            }
            out
        }
        let l = &self.lmi;
        InstanceTable {
            currency: self.currency.to_string(),
            as_of: self.as_of.to_string(),
            sources: owned(self.sources),
            lmi: LmiTerms {
                requests_per_million: l.requests_per_million,
                management_fee_pct: l.management_fee_pct,
                default_min_instances: l.default_min_instances,
                families: owned(l.families),
                x86_64_generations: l.x86_64_generations,
                graviton_generations: l.graviton_generations,
                memory_gib_per_vcpu: map(l.memory_gib_per_vcpu),
            },
            instances: self
                .instances
                .iter()
                .map(|r| InstanceRow {
                    name: r.name.to_string(),
                    vcpus: r.vcpus,
                    memory_gib: r.memory_gib,
                    hourly_usd: map(r.hourly_usd),
                })
                .collect(),
            fargate: FargateTable {
                as_of: self.fargate.as_of.to_string(),
                sources: owned(self.fargate.sources),
                regions: map(self.fargate.regions),
            },
        }
    }
}

/// LMI's own terms, as the data file states them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct LmiTerms {
    pub requests_per_million: f64,
    /// Share of the instance type's on-demand EC2 price, %.
    pub management_fee_pct: f64,
    pub default_min_instances: u32,
    /// Instance classes LMI runs on (first letter of the type: c, m, r).
    pub families: Vec<String>,
    /// Inclusive generation ranges.
    pub x86_64_generations: [u8; 2],
    pub graviton_generations: [u8; 2],
    pub memory_gib_per_vcpu: BTreeMap<String, f64>,
}

/// One row of the instance table.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct InstanceRow {
    #[serde(rename = "type")]
    pub name: String,
    pub vcpus: u32,
    pub memory_gib: f64,
    /// EC2 Linux on-demand USD per hour, by region; a region absent is unknown.
    pub hourly_usd: BTreeMap<String, f64>,
}

/// Fargate's Linux rates for one architecture.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct FargateRates {
    pub vcpu_hour: f64,
    pub gb_hour: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
struct FargateRegion {
    x86_64: FargateRates,
    arm64: FargateRates,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct FargateTable {
    pub as_of: String,
    pub sources: Vec<String>,
    regions: BTreeMap<String, FargateRegion>,
}

/// The whole data file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct InstanceTable {
    pub currency: String,
    pub as_of: String,
    pub sources: Vec<String>,
    pub lmi: LmiTerms,
    pub instances: Vec<InstanceRow>,
    pub fargate: FargateTable,
}

/// An instance type LMI accepts, resolved from its name.
#[derive(Debug, Clone, PartialEq)]
pub struct InstanceType {
    /// Normalized name, e.g. `m7g.xlarge`.
    pub name: String,
    /// `c`, `m` or `r`.
    pub class: char,
    pub generation: u8,
    pub arch: Arch,
    pub vcpus: u32,
    pub memory_gib: f64,
    /// Whether the type is a row of the table (else it is eligible by AWS's family
    /// rule, and its price is unknown unless the user enters it).
    pub in_table: bool,
}

impl InstanceTable {
    /// The table shipped with this build (compiled in by build.rs and checked by the
    /// tests), made once.
    pub fn embedded() -> &'static InstanceTable {
        static TABLE: OnceLock<InstanceTable> = OnceLock::new();
        TABLE.get_or_init(|| COMPILED.to_table())
    }

    pub fn from_json(text: &str) -> Result<InstanceTable, String> {
        let t: InstanceTable =
            serde_json::from_str(text).map_err(|e| format!("instance table: {e}"))?;
        t.check()?;
        Ok(t)
    }

    fn check(&self) -> Result<(), String> {
        let bad = |v: f64| !v.is_finite() || v <= 0.0;
        if self.instances.is_empty() {
            return Err("instance table: no instances".into());
        }
        for row in &self.instances {
            if row.vcpus == 0 || bad(row.memory_gib) || row.hourly_usd.values().any(|v| bad(*v)) {
                return Err(format!("instance table: {} has a bad figure", row.name));
            }
        }
        for row in &self.instances {
            // A row LMI does not run on, or whose figures contradict its name, is a typo.
            match self.by_rule(&row.name) {
                Ok(t) if t.name == row.name && t.vcpus == row.vcpus && t.memory_gib == row.memory_gib => {}
                _ => {
                    return Err(format!(
                        "instance table: {} is not an eligible type with the vCPUs and memory its name implies",
                        row.name
                    ))
                }
            }
        }
        let l = &self.lmi;
        if bad(l.requests_per_million) || !(0.0..=100.0).contains(&l.management_fee_pct) {
            return Err("instance table: bad LMI terms".into());
        }
        for r in self.fargate.regions.values() {
            if [r.x86_64, r.arm64]
                .iter()
                .any(|f| bad(f.vcpu_hour) || bad(f.gb_hour))
            {
                return Err("instance table: bad Fargate rate".into());
            }
        }
        Ok(())
    }

    pub fn row(&self, name: &str) -> Option<&InstanceRow> {
        self.instances.iter().find(|r| r.name == name)
    }

    /// On-demand USD per hour of `name` in `region`, or `None` where no source gave it.
    pub fn hourly(&self, name: &str, region: &str) -> Option<f64> {
        self.row(name)?.hourly_usd.get(region).copied()
    }

    /// Fargate's rates in `region` for `arch`, or `None` where no source gave them.
    pub fn fargate(&self, region: &str, arch: Arch) -> Option<FargateRates> {
        let r = self.fargate.regions.get(region)?;
        Some(match arch {
            Arch::X86_64 => r.x86_64,
            Arch::Arm64 => r.arm64,
        })
    }

    /// Resolves an instance type name, refusing what LMI does not run on with the reason.
    /// A row of the table gives its figures; other eligible types follow the naming rule.
    pub fn instance_type(&self, text: &str) -> Result<InstanceType, ComputeError> {
        let mut t = self.by_rule(text)?;
        if let Some(row) = self.row(&t.name) {
            t.vcpus = row.vcpus;
            t.memory_gib = row.memory_gib;
            t.in_table = true;
        }
        Ok(t)
    }

    /// Eligibility, vCPUs and memory from the name alone.
    fn by_rule(&self, text: &str) -> Result<InstanceType, ComputeError> {
        let name = text.trim().to_ascii_lowercase();
        let shown = crate::input::echo(text, 24);
        let err = |why: String| Err(ComputeError::new(lmi_field::TYPE, why));
        if name.is_empty() {
            return err("enter an instance type, e.g. m7g.xlarge".into());
        }
        let Some((family, size)) = name.split_once('.') else {
            return err(format!(
                "\"{shown}\" is not an instance type (expected family.size, e.g. m7g.xlarge)"
            ));
        };
        let mut chars = family.chars();
        let class = chars.next().unwrap_or(' ');
        let rest = chars.as_str();
        // ASCII digits: their count is their byte length.
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let suffix = rest.get(digits.len()..).unwrap_or("");
        if class == 't' {
            return err(format!(
                "\"{shown}\": burstable T instances are not supported by Lambda Managed \
                 Instances (C, M and R families only)"
            ));
        }
        let l = &self.lmi;
        if !class.is_ascii_lowercase()
            || digits.is_empty()
            || !suffix.chars().all(|c| c.is_ascii_lowercase())
        {
            return err(format!(
                "\"{shown}\" is not an instance type (expected family.size, e.g. m7g.xlarge)"
            ));
        }
        if !l.families.iter().any(|f| f.starts_with(class)) {
            return err(format!(
                "\"{shown}\": the {} family is not supported by Lambda Managed Instances \
                 (C, M and R families only)",
                class.to_ascii_uppercase()
            ));
        }
        let generation: u8 = digits.parse().unwrap_or(0);
        let graviton = suffix.starts_with('g');
        let [lo, hi] = if graviton {
            l.graviton_generations
        } else {
            l.x86_64_generations
        };
        if !(lo..=hi).contains(&generation) {
            return err(format!(
                "\"{shown}\": generation {generation} is not supported by Lambda Managed \
                 Instances ({} generations {lo} to {hi})",
                if graviton { "Graviton" } else { "x86_64" }
            ));
        }
        let vcpus = match size {
            "nano" | "micro" | "small" | "medium" => {
                return err(format!(
                    "\"{shown}\": sizes below .large are not supported by Lambda Managed Instances"
                ))
            }
            "large" => 2,
            "xlarge" => 4,
            s => match s.strip_suffix("xlarge").map(str::parse::<u32>) {
                Some(Ok(n)) if (2..=48).contains(&n) => 4 * n,
                _ => {
                    return err(format!(
                        "\"{shown}\": size .{} is not one this calculator knows the vCPUs of \
                         (expected .large, .xlarge or .Nxlarge)",
                        crate::input::echo(size, 12)
                    ))
                }
            },
        };
        let per_vcpu = l
            .memory_gib_per_vcpu
            .get(&class.to_string())
            .copied()
            .unwrap_or(0.0);
        Ok(InstanceType {
            class,
            generation,
            arch: if graviton { Arch::Arm64 } else { Arch::X86_64 },
            vcpus,
            memory_gib: vcpus as f64 * per_vcpu,
            in_table: false,
            name,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiled_table_is_the_data_file() {
        // build.rs wrote the statics; the file parsed (and checked) at run time must be
        // the same table, field for field.
        let parsed = InstanceTable::from_json(EMBEDDED).expect("data/lmi-instances.json is valid");
        assert_eq!(InstanceTable::embedded(), &parsed);
        let tampered = EMBEDDED.replacen("0.1632", "0.1633", 1);
        assert_ne!(tampered, EMBEDDED);
        assert_ne!(
            InstanceTable::embedded(),
            &InstanceTable::from_json(&tampered).unwrap()
        );
    }

    #[test]
    fn embedded_table_matches_the_reference() {
        let t = InstanceTable::embedded();
        assert_eq!(t.currency, "USD");
        assert_eq!(t.as_of, "2026-07-20");
        assert_eq!(t.instances.len(), 27);
        assert_eq!(t.hourly("m7g.xlarge", "us-east-1"), Some(0.1632));
        assert_eq!(t.hourly("c8g.2xlarge", "us-east-1"), Some(0.31904));
        assert_eq!(t.hourly("r7i.large", "us-east-1"), Some(0.1323));
        // Unknown, not guessed.
        assert_eq!(t.hourly("m7g.xlarge", "eu-west-1"), None);
        assert_eq!(t.lmi.requests_per_million, 0.2);
        assert_eq!(t.lmi.management_fee_pct, 15.0);
        assert_eq!(t.lmi.default_min_instances, 3);
        let f = t.fargate("us-east-1", Arch::Arm64).unwrap();
        assert_eq!((f.vcpu_hour, f.gb_hour), (0.03238, 0.00356));
        let f = t.fargate("eu-west-1", Arch::X86_64).unwrap();
        assert_eq!((f.vcpu_hour, f.gb_hour), (0.04048, 0.004445));
        assert!(t.fargate("ap-south-1", Arch::X86_64).is_none());
    }

    #[test]
    fn rows_must_agree_with_their_names() {
        for (from, to) in [
            (
                "\"vcpus\": 4, \"memory_gib\": 16",
                "\"vcpus\": 8, \"memory_gib\": 16",
            ),
            ("\"m7g.large\"", "\"t4g.large\""),
        ] {
            let tampered = EMBEDDED.replacen(from, to, 1);
            assert_ne!(tampered, EMBEDDED);
            let e = InstanceTable::from_json(&tampered).unwrap_err();
            assert!(e.contains("not an eligible type"), "{e}");
        }
        for row in &InstanceTable::embedded().instances {
            assert!(
                InstanceTable::embedded()
                    .instance_type(&row.name)
                    .unwrap()
                    .in_table
            );
        }
    }

    #[test]
    fn eligibility() {
        let t = InstanceTable::embedded();
        let m = t.instance_type(" M7G.XLarge ").unwrap();
        assert_eq!(
            (m.name.as_str(), m.vcpus, m.memory_gib, m.arch),
            ("m7g.xlarge", 4, 16.0, Arch::Arm64)
        );
        let c5 = t.instance_type("c5.4xlarge").unwrap();
        assert_eq!((c5.vcpus, c5.memory_gib, c5.arch), (16, 32.0, Arch::X86_64));
        assert!(!c5.in_table);
        assert!(t.instance_type("r6gd.large").is_ok());
        for (bad, needle) in [
            ("t3.large", "burstable T instances"),
            ("t4g.xlarge", "burstable T instances"),
            ("m7g.medium", "below .large"),
            ("c7g.small", "below .large"),
            ("x2gd.large", "the X family"),
            ("m4.large", "generation 4"),
            ("m5g.large", "Graviton generations 6 to 8"),
            ("c9g.large", "generation 9"),
            ("m7g.metal", "size .metal"),
            ("m7g", "not an instance type"),
            ("", "enter an instance type"),
            ("m7i-flex.large", "not an instance type"),
            ("7g.large", "not an instance type"),
            // Found by tests/managed_instances.rs: an empty family once sliced out of bounds.
            (".large", "not an instance type"),
            ("é7g.large", "not an instance type"),
        ] {
            let e = t.instance_type(bad).unwrap_err();
            assert_eq!(e.field, lmi_field::TYPE);
            assert!(e.message.contains(needle), "{bad}: {e}");
            assert!(e.to_string().starts_with("lmi_type: "), "{e}");
        }
    }

    #[test]
    fn malformed_tables_are_errors() {
        assert!(InstanceTable::from_json("{}").is_err());
        let negative = EMBEDDED.replacen("0.1632", "-0.1632", 1);
        assert!(InstanceTable::from_json(&negative).is_err());
    }
}
