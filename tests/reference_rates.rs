//! Every region's rates in `data/rates.json` against the reference tables in
//! `../shared/reference` (beside the clone; CI always has it), read at test time so a
//! region or a rate added to either side is checked without editing this file.
//!
//! - aws-lambda-pricing.md: us-east-1's on-demand and provisioned-concurrency tables, the
//!   tier thresholds, and the regional table (tier-1 duration, requests, x86_64 PC and
//!   PC duration, ephemeral storage; "std" is us-east-1's rate).
//! - lambda-pricing-2026.md: tier-2/3 rates the Price List publishes, and tier-1 rates
//!   found for regions the regional table lacks.
//!
//! Rates the reference does not give (arm64 PC outside us-east-1, tier 2/3 of non-standard
//! regions) must follow the reference's derivation rule and be marked derived; a region
//! the reference does not list must mark its rates uncertain.

use lambda_cost::{Arch, RateCard, Rates};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// `LAMBDA_COST_REFERENCE` when set, else `shared/reference` beside the clone.
fn reference_dir() -> PathBuf {
    std::env::var_os("LAMBDA_COST_REFERENCE")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/reference"))
        })
}

fn reference(name: &str) -> String {
    let path = reference_dir().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}. The rate tests need the reference beside the clone (../shared), \
             or its folder in LAMBDA_COST_REFERENCE.",
            path.display()
        )
    })
}

/// A markdown table: header cells and rows of cells (the separator row dropped).
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    inner.split('|').map(|c| c.trim().to_string()).collect()
}

fn tables(text: &str) -> Vec<Table> {
    let mut out = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        if !line.trim_start().starts_with('|') {
            continue;
        }
        let header = cells(line);
        let mut rows = Vec::new();
        while let Some(next) = lines.next_if(|l| l.trim_start().starts_with('|')) {
            let row = cells(next);
            if !row
                .iter()
                .all(|c| c.chars().all(|ch| matches!(ch, '-' | ':')))
            {
                rows.push(row);
            }
        }
        out.push(Table { header, rows });
    }
    out
}

fn table_with<'a>(all: &'a [Table], header: &[&str]) -> &'a Table {
    all.iter()
        .find(|t| {
            t.header.len() >= header.len() && t.header.iter().zip(header).all(|(a, b)| a == b)
        })
        .unwrap_or_else(|| panic!("the reference has no table headed {header:?}"))
}

/// The numbers written in a cell ("$0.0000133334, first 7.5 billion" gives both).
fn numbers(cell: &str) -> Vec<f64> {
    cell.split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter(|t| t.chars().any(|c| c.is_ascii_digit()))
        .map(|t| {
            t.trim_matches('.')
                .parse()
                .unwrap_or_else(|_| panic!("bad number {t:?} in {cell:?}"))
        })
        .collect()
}

fn first_number(cell: &str) -> f64 {
    *numbers(cell)
        .first()
        .unwrap_or_else(|| panic!("no number in {cell:?}"))
}

/// What a rate must be: a published figure, or one derived from another by a rule
/// (rounded to the table's 10 decimals) that the data must say it applied.
#[derive(Debug, Clone, Copy)]
enum Expected {
    Published(f64),
    Derived { value: f64, rule: &'static str },
}

/// Checks collected over all regions, so one run reports every mismatch.
#[derive(Default)]
struct Report {
    mismatches: Vec<String>,
    checked: usize,
}

impl Report {
    fn check(
        &mut self,
        region: &str,
        what: &str,
        actual: f64,
        expected: Expected,
        marks: &[String],
    ) {
        self.checked += 1;
        match expected {
            Expected::Published(v) => {
                if actual != v {
                    self.mismatches
                        .push(format!("{region} {what}: data {actual}, reference {v}"));
                }
            }
            Expected::Derived { value, rule } => {
                // Rounding to 10 decimals moves a value by at most half a unit of 1e-10.
                if (actual - value).abs() > 0.5e-10 + 1e-16 {
                    self.mismatches.push(format!(
                        "{region} {what}: data {actual}, {rule} gives {value}"
                    ));
                }
                let (arch, rate) = what.split_once('.').unwrap_or(("", what));
                let marked = marks.iter().any(|m| {
                    let named = m.split(':').next().unwrap_or("");
                    named.contains(arch) && named.contains(rate.split('[').next().unwrap_or(rate))
                });
                if !marked {
                    self.mismatches.push(format!(
                        "{region} {what}: derived ({rule}) but not marked derived in the data"
                    ));
                }
            }
        }
    }
}

/// us-east-1's published rates per architecture, and the tier thresholds, from the
/// on-demand and provisioned-concurrency tables.
struct Standard {
    duration: BTreeMap<&'static str, [f64; 3]>,
    thresholds: BTreeMap<&'static str, [f64; 2]>,
    provisioned: BTreeMap<&'static str, (f64, f64)>,
    requests_per_million: f64,
}

const ARCHES: [(&str, Arch); 2] = [("x86_64", Arch::X86_64), ("arm64", Arch::Arm64)];

fn standard(all: &[Table]) -> Standard {
    let on_demand = table_with(all, &["item", "x86_64", "arm64"]);
    let row = |t: &Table, starts: &str| -> Vec<String> {
        t.rows
            .iter()
            .find(|r| r[0].starts_with(starts))
            .unwrap_or_else(|| panic!("no row {starts:?}"))
            .clone()
    };
    let mut s = Standard {
        duration: BTreeMap::new(),
        thresholds: BTreeMap::new(),
        provisioned: BTreeMap::new(),
        requests_per_million: first_number(&row(on_demand, "requests")[1]),
    };
    let pc = all
        .iter()
        .find(|t| {
            t.rows
                .iter()
                .any(|r| r[0].starts_with("provisioned concurrency"))
        })
        .expect("the reference has a provisioned-concurrency table");
    for (col, (arch, _)) in ARCHES.iter().enumerate() {
        let tier = |n: u8| row(on_demand, &format!("duration tier {n}"))[col + 1].clone();
        let (t1, t2, t3) = (tier(1), tier(2), tier(3));
        s.duration.insert(
            arch,
            [first_number(&t1), first_number(&t2), first_number(&t3)],
        );
        // "first 6 billion" and "over 15 billion".
        let billions = |cell: &str| numbers(cell)[1] * 1e9;
        s.thresholds.insert(arch, [billions(&t1), billions(&t3)]);
        s.provisioned.insert(
            arch,
            (
                first_number(&row(pc, "provisioned concurrency")[col + 1]),
                first_number(&row(pc, "duration of requests served on PC")[col + 1]),
            ),
        );
    }
    s
}

/// Tier-2/3 rates the Price List publishes: (region, arch, tier index) to rate.
fn price_list_tiers(all: &[Table]) -> BTreeMap<(String, &'static str, usize), f64> {
    let t = table_with(all, &["region", "rate", "derived today", "Price List"]);
    let mut out = BTreeMap::new();
    for r in &t.rows {
        // "x86_64 / arm64 tier 2" with "a / b", or "x86_64 tier 2 / tier 3" with "a / b".
        let rate = &r[1];
        let values = numbers(&r[3]);
        let arches: Vec<&str> = ARCHES
            .iter()
            .map(|(a, _)| *a)
            .filter(|a| rate.contains(a))
            .collect();
        let tiers: Vec<usize> = [2, 3]
            .into_iter()
            .filter(|n| rate.contains(&format!("tier {n}")))
            .collect();
        let keys: Vec<(&str, usize)> = arches
            .iter()
            .flat_map(|a| tiers.iter().map(move |t| (*a, *t)))
            .collect();
        assert_eq!(keys.len(), values.len(), "cannot read Price List row {r:?}");
        for ((arch, tier), v) in keys.into_iter().zip(values) {
            out.insert((r[0].clone(), arch, tier - 1), v);
        }
    }
    out
}

/// The regional table, one entry per region code.
fn regional(all: &[Table], std: &Standard) -> BTreeMap<String, RegionalRow> {
    let t = table_with(all, &["region", "x86 duration", "arm duration", "requests"]);
    let mut out = BTreeMap::new();
    for r in &t.rows {
        let duration = |cell: &str, arch: &str| {
            if cell.starts_with("std") {
                (std.duration[arch][0], true, cell.contains("uncertain"))
            } else {
                (first_number(cell), false, cell.contains("uncertain"))
            }
        };
        let row = RegionalRow {
            x86_64: duration(&r[1], "x86_64"),
            arm64: duration(&r[2], "arm64"),
            requests_per_million: first_number(&r[3]),
            provisioned: first_number(&r[4]),
            provisioned_duration: first_number(&r[5]),
            ephemeral_storage: first_number(&r[6]),
        };
        for code in r[0].split(',').map(str::trim) {
            out.insert(code.to_string(), row.clone());
        }
    }
    out
}

/// "1M requests and 400,000 GB-s per month": the first line of the Free tier section.
fn free_tier(text: &str) -> (f64, f64) {
    let section = text
        .split("## Free tier")
        .nth(1)
        .expect("the reference has a Free tier section");
    let line = section.lines().find(|l| !l.trim().is_empty()).unwrap();
    let words: Vec<&str> = line.split_whitespace().collect();
    let before = |unit: &str| -> &str {
        let i = words
            .iter()
            .position(|w| w.trim_end_matches([',', '.']) == unit)
            .unwrap_or_else(|| panic!("no {unit} in {line:?}"));
        words[i - 1]
    };
    let requests = before("requests");
    let requests = match requests.strip_suffix('M') {
        Some(millions) => first_number(millions) * 1e6,
        None => first_number(&requests.replace(',', "")),
    };
    (requests, first_number(&before("GB-s").replace(',', "")))
}

#[derive(Debug, Clone)]
struct RegionalRow {
    /// Tier-1 duration, whether it is us-east-1's ("std"), whether marked uncertain.
    x86_64: (f64, bool, bool),
    arm64: (f64, bool, bool),
    requests_per_million: f64,
    provisioned: f64,
    provisioned_duration: f64,
    ephemeral_storage: f64,
}

fn round10(v: f64) -> f64 {
    (v * 1e10).round() / 1e10
}

/// Tier-1 durations found for regions the regional table lacks: "me-central-1 duration
/// x86_64 0.0000206667, arm64 0.0000165334".
fn found_tier1(text: &str) -> BTreeMap<String, (f64, f64)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = BTreeMap::new();
    for w in words.windows(6) {
        if w[1] == "duration" && w[2] == "x86_64" && w[4] == "arm64" {
            out.insert(w[0].to_string(), (first_number(w[3]), first_number(w[5])));
        }
    }
    out
}

/// Whether tier-2/3 rates the Price List publishes are checked (see
/// `published_tier_rates_replace_the_derived_ones`).
#[derive(PartialEq)]
enum PriceListTiers {
    Check,
    Skip,
}

/// Every mismatch between the data and the reference, and how many rates were compared.
fn compare(price_list: PriceListTiers) -> Report {
    let main = reference("aws-lambda-pricing.md");
    let more = reference("lambda-pricing-2026.md");
    let (main_tables, more_tables) = (tables(&main), tables(&more));
    let std = standard(&main_tables);
    let regions = regional(&main_tables, &std);
    let published_tiers = price_list_tiers(&more_tables);
    let found = found_tier1(&more);
    let card = RateCard::embedded();
    let mut report = Report::default();
    let mut not_in_data: Vec<&str> = regions
        .keys()
        .map(String::as_str)
        .filter(|c| card.region(c).is_none())
        .collect();

    for region in &card.regions {
        let code = region.code.as_str();
        let marks = [region.derived.clone(), region.uncertain.clone()].concat();
        let Some(row) = regions.get(code) else {
            // Not in the regional table: what the reference found must match, and the
            // rest is a guess the data must mark uncertain.
            if let Some(&(x86, arm)) = found.get(code) {
                for ((arch, a), v) in ARCHES.into_iter().zip([x86, arm]) {
                    let r = card.rates(code, a).unwrap();
                    report.check(
                        code,
                        &format!("{arch}.duration[0]"),
                        r.duration[0],
                        Expected::Published(v),
                        &marks,
                    );
                }
            }
            if region.uncertain.is_empty() {
                report
                    .mismatches
                    .push(format!("{code}: not in the reference's regional table, yet no rate is marked uncertain"));
            }
            continue;
        };
        for (arch, a) in ARCHES {
            let r: Rates = card.rates(code, a).unwrap();
            let (tier1, is_std, uncertain) = if a == Arch::X86_64 {
                row.x86_64
            } else {
                row.arm64
            };
            report.check(
                code,
                &format!("{arch}.duration[0]"),
                r.duration[0],
                Expected::Published(tier1),
                &marks,
            );
            if uncertain
                && !region
                    .uncertain
                    .iter()
                    .any(|u| u.starts_with(&format!("{arch}.duration")))
            {
                report.mismatches.push(format!(
                    "{code} {arch}.duration: uncertain in the reference, not in the data"
                ));
            }
            for tier in 1..3 {
                let expected = match published_tiers.get(&(code.to_string(), arch, tier)) {
                    Some(_) if price_list == PriceListTiers::Skip => continue,
                    Some(&v) => Expected::Published(v),
                    None if is_std => Expected::Published(std.duration[arch][tier]),
                    None => Expected::Derived {
                        value: round10(tier1 * [1.0, 0.9, 0.8][tier]),
                        rule: "90 % / 80 % of the regional tier-1 rate",
                    },
                };
                report.check(
                    code,
                    &format!("{arch}.duration[{tier}]"),
                    r.duration[tier],
                    expected,
                    &marks,
                );
            }
            let (pc, pcd) = match a {
                Arch::X86_64 => (
                    Expected::Published(row.provisioned),
                    Expected::Published(row.provisioned_duration),
                ),
                _ if code == "us-east-1" => (
                    Expected::Published(std.provisioned[arch].0),
                    Expected::Published(std.provisioned[arch].1),
                ),
                _ => {
                    let rule = "0.8 x the x86_64 rate";
                    (
                        Expected::Derived {
                            value: round10(0.8 * row.provisioned),
                            rule,
                        },
                        Expected::Derived {
                            value: round10(0.8 * row.provisioned_duration),
                            rule,
                        },
                    )
                }
            };
            report.check(
                code,
                &format!("{arch}.provisioned"),
                r.provisioned,
                pc,
                &marks,
            );
            report.check(
                code,
                &format!("{arch}.provisioned_duration"),
                r.provisioned_duration,
                pcd,
                &marks,
            );
            // Requests and storage are priced once per region, whatever the architecture.
            if a == Arch::X86_64 {
                report.check(
                    code,
                    "requests_per_million",
                    r.request * 1e6,
                    Expected::Published(row.requests_per_million),
                    &marks,
                );
                report.check(
                    code,
                    "ephemeral_storage",
                    r.ephemeral_storage,
                    Expected::Published(row.ephemeral_storage),
                    &marks,
                );
            }
            report.check(
                code,
                &format!("{arch} tier thresholds"),
                r.tier_thresholds[0],
                Expected::Published(std.thresholds[arch][0]),
                &marks,
            );
            report.check(
                code,
                &format!("{arch} tier 3 threshold"),
                r.tier_thresholds[1],
                Expected::Published(std.thresholds[arch][1]),
                &marks,
            );
        }
    }
    // The free tier: "1M requests and 400,000 GB-s per month", one pool for the account.
    let (free_requests, free_gb_s) = free_tier(&main);
    let r = card
        .rates("us-east-1", Arch::X86_64)
        .expect("us-east-1 is in the data");
    report.check(
        "all regions",
        "free requests",
        r.free_requests,
        Expected::Published(free_requests),
        &[],
    );
    report.check(
        "all regions",
        "free GB-s",
        r.free_gb_seconds,
        Expected::Published(free_gb_s),
        &[],
    );
    // us-east-1's published rates, also against the first table (not only "std").
    for (arch, a) in ARCHES {
        let r = card
            .rates("us-east-1", a)
            .expect("us-east-1 is in the data");
        for tier in 0..3 {
            report.check(
                "us-east-1",
                &format!("{arch}.duration[{tier}]"),
                r.duration[tier],
                Expected::Published(std.duration[arch][tier]),
                &[],
            );
        }
        report.check(
            "us-east-1",
            "requests_per_million",
            r.request * 1e6,
            Expected::Published(std.requests_per_million),
            &[],
        );
    }

    not_in_data.sort_unstable();
    if !not_in_data.is_empty() {
        eprintln!(
            "regions in the reference but not in data/rates.json: {}",
            not_in_data.join(", ")
        );
    }
    eprintln!(
        "{} rates checked over {} regions",
        report.checked,
        card.regions.len()
    );
    report
}

#[test]
fn every_region_matches_the_reference() {
    let report = compare(PriceListTiers::Skip);
    // A table the parser misread would check nothing: each of the 23 regions of today's
    // table has 7 rates per architecture and 2 shared ones.
    assert!(
        report.checked >= 23 * (2 * 7 + 2),
        "only {} rates checked",
        report.checked
    );
    assert!(
        report.mismatches.is_empty(),
        "{} mismatches:\n{}",
        report.mismatches.len(),
        report.mismatches.join("\n")
    );
}

/// lambda-pricing-2026.md: "Use published figures over derived ones": where the Price List
/// publishes tier-2/3 rates (ap-east-1, me-south-1, eu-central-2), data/rates.json carries
/// them rather than 90 % / 80 % of tier 1.
#[test]
fn published_tier_rates_replace_the_derived_ones() {
    let report = compare(PriceListTiers::Check);
    assert!(
        report.mismatches.is_empty(),
        "{} mismatches:\n{}",
        report.mismatches.len(),
        report.mismatches.join("\n")
    );
}
