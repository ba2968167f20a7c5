//! The fleet: hand-computed bills from each input format, the account-level tiers and
//! free tier, what-ifs, exports, and hostile files.

use lambda_cost::fleet::{self, export, Format, Report, WhatIfKind, WhatIfOptions};
use lambda_cost::scenario::link;
use lambda_cost::{Arch, RateCard};
use proptest::prelude::*;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/data/fleet/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn card() -> &'static RateCard {
    RateCard::embedded()
}

fn report(bytes: &[u8], free_tier: bool) -> Report {
    let import = fleet::parse(bytes, card()).expect("a fleet file");
    Report::new(
        import,
        card(),
        WhatIfOptions {
            free_tier,
            ..WhatIfOptions::default()
        },
    )
}

fn cents_of(r: &Report, name: &str) -> i64 {
    let i = r
        .import
        .functions
        .iter()
        .position(|f| f.name == name)
        .unwrap_or_else(|| panic!("no function {name}"));
    r.bill.functions[i].as_ref().expect("priced").total_cents
}

fn what_if(r: &Report, kind: WhatIfKind) -> &fleet::WhatIf {
    r.what_ifs.iter().find(|w| w.kind == kind).expect("what-if")
}

#[test]
fn two_functions_together_reach_the_second_tier() {
    // Each: 400 M requests x 1 s x 10 GB = 4 B GB-s, all in tier 1 on its own:
    // 4e9 x 0.0000166667 = 66,666.80 + requests 80.00 = 66,746.80.
    let r = report(&fixture("functions.csv"), false);
    assert_eq!(r.import.format, Format::Functions);
    assert_eq!(cents_of(&r, "big-a"), 6_674_680);
    assert_eq!(cents_of(&r, "big-b"), 6_674_680);
    assert_eq!(r.bill.sum_of_functions_cents(), 13_349_360);
    // Together 8 B GB-s: 6e9 x 0.0000166667 = 100,000.20 in tier 1, 2e9 x 0.000015 =
    // 30,000.00 in tier 2, requests 800 M = 160.00.
    assert_eq!(r.bill.total_cents, 13_016_020);
    assert!(r.bill.total_cents < r.bill.sum_of_functions_cents());
    let g = &r.bill.groups[0];
    assert_eq!(
        (g.region.as_str(), g.arch, g.functions),
        ("us-east-1", Arch::X86_64, 2)
    );
    let tier2 = g
        .lines
        .iter()
        .find(|l| l.item.key() == "duration_tier2")
        .unwrap();
    assert_eq!(tier2.quantity, 2e9);
    assert_eq!(tier2.cents(), 3_000_000);
}

#[test]
fn the_free_tier_is_one_pool_for_the_account() {
    // 2 M + 1.5 M requests, 200,000 + 300,000 GB-s. Free once: 2.5 M requests = $0.50,
    // 100,000 GB-s x 0.0000166667 = $1.67.
    let r = report(&fixture("free-tier.csv"), true);
    assert_eq!(r.bill.total_cents, 217);
    // Without it: $0.70 requests + 500,000 GB-s = $8.33.
    assert_eq!(
        report(&fixture("free-tier.csv"), false).bill.total_cents,
        903
    );
    // The functions' own bills never take the free tier (it cannot be used twice).
    assert_eq!(cents_of(&r, "thumbnails"), 40 + 333);
    assert_eq!(cents_of(&r, "ingest"), 30 + 500);
}

#[test]
fn the_free_tier_goes_where_it_is_worth_most() {
    // x86_64 200,000 GB-s at 0.0000166667 is freed first, then 200,000 of arm64's
    // 300,000 GB-s: 100,000 x 0.0000133334 = $1.33. Requests: 2.5 M billable = $0.50.
    let r = report(&fixture("free-tier-two-arches.csv"), true);
    assert_eq!(r.bill.groups.len(), 2);
    assert_eq!(r.bill.total_cents, 50 + 133);
    let free: f64 = r
        .bill
        .groups
        .iter()
        .flat_map(|g| &g.lines)
        .filter(|l| l.unit.as_str() == "GB-s")
        .map(|l| l.free)
        .sum();
    assert_eq!(free, 400_000.0);
}

#[test]
fn functions_csv_with_options_extra_keys_and_bad_rows() {
    let r = report(&fixture("functions-options.csv"), false);
    let names: Vec<&str> = r.import.functions.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["checkout, v2", "api", "=HYPERLINK(\"http://x\")"]);
    // AWS's provisioned-concurrency example without the free tier: PC $18.00, requests
    // $0.60, PC duration $0.73, on-demand 450,000 GB-s $7.50.
    assert_eq!(cents_of(&r, "checkout, v2"), 2683);
    // A function with every option prices exactly as the calculator prices its link.
    let s = link::decode(
        "#region=eu-west-1&arch=arm64&memory=512&duration=50&requests=10000000&storage=1024\
         &cold=1&init=300&cpu=50&arm_factor=1.1",
    )
    .unwrap()
    .scenario;
    let api = &r.import.functions[1];
    assert_eq!(api.scenario.as_ref(), Some(&s));
    assert_eq!(cents_of(&r, "api"), s.bill(card()).unwrap().total_cents());
    assert_eq!(api.memory_floor_mb, Some(200));
    assert_eq!(api.recommended.map(|m| m.memory_mb), Some(256));
    let rows: Vec<String> = r.import.bad_rows.iter().map(ToString::to_string).collect();
    assert_eq!(
        rows,
        [
            "row 5: memory_mb: must be between 128 MB and 10,240 MB",
            "row 6: region \"mars-north-1\" is not on the rate card",
            "row 7: api (eu-west-1 arm64) is already on row 3",
        ]
    );
    assert_eq!(r.import.bad_row_count, 3);
    assert!(
        r.import.notices.iter().any(|n| n.contains("team")),
        "{:?}",
        r.import.notices
    );
    // The link opens the function in the calculator.
    assert_eq!(
        api.scenario_link().as_deref(),
        Some(link::to_fragment(&s).as_str())
    );
}

#[test]
fn compute_optimizer_export() {
    let r = report(&fixture("optimizer.csv"), false);
    assert_eq!(r.import.format, Format::ComputeOptimizer);
    assert_eq!(r.import.functions.len(), 1);
    let f = &r.import.functions[0];
    assert_eq!(
        f.name,
        "arn:aws:lambda:us-east-1:123456789012:function:resize"
    );
    assert_eq!(f.arch, Arch::X86_64);
    // 16.8 M invocations in 14 days = 36.5 M a month (365 / 12 days).
    let s = f.scenario.as_ref().unwrap();
    assert_eq!(
        (s.memory_mb, s.duration_ms, s.requests),
        (2048, 100.0, 36.5e6)
    );
    // 7,300,000 GB-s = $121.67 + requests $7.30.
    assert_eq!(r.bill.total_cents, 12_897);
    assert_eq!(f.aws_cost_usd, Some(128.97));
    // Recommended 1,024 MB at 110 ms: 4,015,000 GB-s = $66.92 + $7.30.
    let rec = what_if(&r, WhatIfKind::RecommendedMemory);
    assert_eq!(rec.changes[0].unwrap().memory_mb, Some(1024));
    assert_eq!(rec.changes[0].unwrap().new_cents, 7422);
    assert_eq!(rec.savings_cents, 12_897 - 7422);
    // Cheapest memory above the 300 MB it uses (duration constant: 0 % CPU-bound):
    // 1,069,335.9375 GB-s = $17.82 + $7.30.
    let cheap = what_if(&r, WhatIfKind::CheapestMemory);
    assert_eq!(cheap.changes[0].unwrap().memory_mb, Some(300));
    assert_eq!(cheap.changes[0].unwrap().new_cents, 2512);
    // arm64 at the same speed: $97.33 + $7.30.
    let arm = what_if(&r, WhatIfKind::Arm64);
    assert_eq!(arm.changes[0].unwrap().new_cents, 10_463);
    assert_eq!(arm.savings_cents, 12_897 - 10_463);
    let rows: Vec<String> = r.import.bad_rows.iter().map(ToString::to_string).collect();
    assert_eq!(
        rows,
        [
            "row 3: FunctionArn \"not-an-arn\" is not a Lambda ARN",
            "row 4: CurrentConfigurationMemorySize: must be between 128 MB and 10,240 MB",
        ]
    );
}

#[test]
fn cost_and_usage_report() {
    let r = report(&fixture("cur.csv"), false);
    assert_eq!(r.import.format, Format::Cur);
    let api = "arn:aws:lambda:us-east-1:123456789012:function:api";
    let worker = "arn:aws:lambda:us-west-2:123456789012:function:worker";
    let names: Vec<(&str, &str, Arch)> = r
        .import
        .functions
        .iter()
        .map(|f| (f.name.as_str(), f.region.as_str(), f.arch))
        .collect();
    assert_eq!(
        names,
        [
            (api, "us-east-1", Arch::X86_64),
            (worker, "us-west-2", Arch::Arm64),
            (
                "=HYPERLINK(\"http://evil\",\"x\")",
                "us-east-1",
                Arch::X86_64
            ),
        ]
    );
    // api: 4 M requests (two rows, one with a :prod qualifier) $0.80 + 1 M GB-s $16.67.
    assert_eq!(cents_of(&r, api), 1747);
    // worker, from the USW2- prefix and -ARM suffix: $0.20 + 500,000 GB-s x 0.0000133334.
    assert_eq!(cents_of(&r, worker), 20 + 667);
    assert_eq!(r.bill.total_cents, 1747 + 687);
    let aws = r.import.functions[0].aws_cost_usd.unwrap();
    assert!((aws - 17.4667).abs() < 1e-9, "{aws}");
    let kinds: Vec<(&str, usize)> = r
        .import
        .set_aside
        .iter()
        .map(|s| (s.kind.as_str(), s.rows))
        .collect();
    assert_eq!(
        kinds,
        [
            ("Lambda usage not priced here (SnapStart, streaming, Lambda@Edge, durable functions, …)", 1),
            ("credits", 1),
            ("free tier", 1),
            ("other services", 1),
            ("taxes", 1),
        ]
    );
    let rows: Vec<String> = r.import.bad_rows.iter().map(ToString::to_string).collect();
    assert_eq!(
        rows,
        ["row 12: line_item_usage_amount: \"abc\" is not a number"]
    );
    // arm64 at the same speed: api 1 M GB-s x 0.0000133334 = $13.33 + $0.80.
    let arm = what_if(&r, WhatIfKind::Arm64);
    assert_eq!(arm.changes[0].unwrap().new_cents, 1413);
    assert_eq!(arm.changes[1], None, "already arm64");
    assert_eq!(arm.savings_cents, 1747 - 1413);
    // A usage-only function opens in the calculator at 1,024 MB with the same GB-s.
    let link = r.import.functions[0].scenario_link().unwrap();
    let s = lambda_cost::scenario::link::decode(&link).unwrap().scenario;
    assert_eq!((s.memory_mb, s.duration_ms, s.requests), (1024, 250.0, 4e6));
}

#[test]
fn exports_defuse_formulas_and_escape_markup() {
    let r = report(&fixture("cur.csv"), false);
    let csv = export::report_csv(&r);
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\""),
        "{csv}"
    );
    assert!(!csv.contains(",=HYPERLINK"));
    let last = csv.lines().last().unwrap();
    assert!(
        last.starts_with("Fleet total (tiers per region and architecture),,,,,,24.34,"),
        "{last}"
    );
    let md = export::report_markdown(&r);
    assert!(md.contains("**$24.34**"), "{md}");
    // The arm64 what-if: api saves $3.34 (see cost_and_usage_report).
    assert!(
        md.contains("| Every function on arm64 | x86\\_64 functions, at their own arm\\_factor"),
        "{md}"
    );
    assert!(md.contains(" | 2 | $21.00 | $3.34 |"), "{md}");
    assert!(md.contains("=HYPERLINK(\"http://evil\",\"x\")"));
    let r = report(&fixture("functions-options.csv"), false);
    let md = export::report_markdown(&r);
    assert!(md.contains("checkout, v2"));
    let json = export::report_json(&r, card());
    assert_eq!(json["total_usd"], serde_json::json!(r.bill.total_usd()));
    assert_eq!(json["functions"][0]["function"], "checkout, v2");
    assert_eq!(json["functions"][0]["total_usd"], serde_json::json!(26.83));
    assert_eq!(json["bad_row_count"], 3);
}

#[test]
fn a_file_of_no_known_format_names_the_columns_looked_for() {
    let e = fleet::parse(b"a,b,c\n1,2,3\n", card()).unwrap_err();
    for column in [
        "line_item_usage_type",
        "FunctionArn",
        "avg_duration_ms",
        "a, b, c",
    ] {
        assert!(e.contains(column), "{e}");
    }
    let e = fleet::parse(
        b"function,region,arch,memory_mb,requests\nf,us-east-1,x86_64,128,1\n",
        card(),
    )
    .unwrap_err();
    assert_eq!(
        e,
        "this looks like a functions CSV but has no avg_duration_ms column"
    );
    assert_eq!(
        fleet::parse(b"", card()).unwrap_err(),
        "the file is empty: no header row"
    );
    let e = fleet::parse(b"\xff\xfef\x00u\x00n\x00", card()).unwrap_err();
    assert!(e.contains("not UTF-8"), "{e}");
}

#[test]
fn long_lines_and_bad_bytes_are_bad_rows_not_failures() {
    let mut file = b"function,region,arch,memory_mb,requests,avg_duration_ms\r\n".to_vec();
    // A 1 MB function name: under the record cap, over the name limit.
    file.extend(vec![b'n'; 1_000_000]);
    file.extend(b",us-east-1,x86_64,128,1,1\r\n");
    // A record over the cap.
    file.extend(vec![b'x'; fleet::MAX_RECORD_BYTES + 10]);
    file.extend(b"\r\n");
    file.extend(b"caf\xe9,us-east-1,x86_64,128,1,1\r\n");
    file.extend(b"ok,us-east-1,x86_64,128,1000000,100\r\n");
    let r = report(&file, false);
    let rows: Vec<String> = r.import.bad_rows.iter().map(ToString::to_string).collect();
    assert_eq!(
        rows,
        [
            "row 2: the function name is longer than 256 characters",
            "row 3: longer than 1 MB; skipped",
            "row 4: not UTF-8 text (save the file as UTF-8 CSV)",
        ]
    );
    // 1 M requests $0.20 + 12,500 GB-s $0.21.
    assert_eq!(r.bill.total_cents, 41);
}

#[test]
fn chunked_reading_gives_the_same_fleet() {
    let bytes = fixture("cur.csv");
    let whole = fleet::parse(&bytes, card()).unwrap();
    for size in [1, 5, 64, 1000] {
        let mut p = fleet::Parser::new(card());
        for c in bytes.chunks(size) {
            p.feed(c).unwrap();
        }
        assert_eq!(p.bytes_read(), bytes.len() as u64);
        assert_eq!(p.finish().unwrap(), whole, "chunks of {size}");
    }
}

#[test]
fn cli_prints_the_fleet() {
    let path = format!(
        "{}/tests/data/fleet/functions.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lambda-cost"))
        .args(["fleet", &path])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["total_usd"], serde_json::json!(130_160.2));
    assert_eq!(json["functions"][0]["function"], "big-a");
    assert_eq!(json["functions"][0]["region"], "us-east-1");
    assert_eq!(json["functions"][0]["arch"], "x86_64");
    assert_eq!(
        json["functions"][0]["total_usd"],
        serde_json::json!(66_746.8)
    );
    assert_eq!(json["what_ifs"][0]["kind"], "arm64");
    // 8e9 GB-s on arm64: 7.5e9 x 0.0000133334 + 0.5e9 x 0.0000120001 + 160.
    assert_eq!(
        json["what_ifs"][0]["fleet_total_usd"],
        serde_json::json!(100_000.5 + 6_000.05 + 160.0)
    );
    let free = std::process::Command::new(env!("CARGO_BIN_EXE_lambda-cost"))
        .args([
            "fleet",
            &format!(
                "{}/tests/data/fleet/free-tier.csv",
                env!("CARGO_MANIFEST_DIR")
            ),
            "--free",
            "--format",
            "markdown",
        ])
        .output()
        .unwrap();
    let md = String::from_utf8(free.stdout).unwrap();
    assert!(
        md.contains("**$2.17**, free tier applied once to the account"),
        "{md}"
    );
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_lambda-cost"))
        .args(["fleet", "/nonexistent/file.csv"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400), split in 0usize..400) {
        let whole = fleet::parse(&bytes, card());
        if let Ok(import) = &whole {
            let _ = Report::new(import.clone(), card(), WhatIfOptions::default());
        }
        // Any split into two chunks reads the same as the whole.
        let mut p = fleet::Parser::new(card());
        let (a, b) = bytes.split_at(split.min(bytes.len()));
        let chunked = p.feed(a).and_then(|()| p.feed(b)).and_then(|()| p.finish());
        prop_assert_eq!(chunked, whole);
    }

    #[test]
    fn any_chunking_of_a_real_file_reads_the_same(sizes in proptest::collection::vec(1usize..300, 1..20)) {
        let bytes = fixture("functions-options.csv");
        let whole = fleet::parse(&bytes, card()).unwrap();
        let mut p = fleet::Parser::new(card());
        let mut rest = &bytes[..];
        for n in sizes.iter().cycle() {
            if rest.is_empty() {
                break;
            }
            let (chunk, tail) = rest.split_at((*n).min(rest.len()));
            p.feed(chunk).unwrap();
            rest = tail;
        }
        prop_assert_eq!(p.finish().unwrap(), whole);
    }

    #[test]
    fn arbitrary_rows_under_each_header_never_panic(
        header in 0usize..3,
        rows in proptest::collection::vec("[-a-zA-Z0-9:,.\"=\\r\\n ]{0,60}", 0..8),
    ) {
        let head = [
            "line_item_product_code,line_item_usage_type,line_item_resource_id,line_item_usage_amount,line_item_line_item_type,line_item_unblended_cost,product_region_code",
            "FunctionArn,NumberOfInvocations,UtilizationMetricsDurationAverage,LookbackPeriodInDays,CurrentConfigurationMemorySize,RecommendationOptionsConfigurationMemorySize,UtilizationMetricsMemoryMaximum",
            "function,region,arch,memory_mb,requests,avg_duration_ms,cpu,memory_used_mb,pc,pc_requests",
        ][header];
        let text = format!("{head}\n{}", rows.join("\n"));
        let import = fleet::parse(text.as_bytes(), card()).unwrap();
        // Every row of a functions CSV or an optimizer export is a function or a listed bad row.
        if header > 0 {
            prop_assert_eq!(import.rows, import.functions.len() + import.bad_row_count);
        }
        let r = Report::new(import, card(), WhatIfOptions { free_tier: true, arm64_factor: 1.2 });
        let _ = export::report_csv(&r);
        let _ = export::report_markdown(&r);
        prop_assert!(r.bill.total_cents >= 0);
    }
}

#[test]
fn metered_gb_seconds_in_a_functions_csv_are_billed_as_metered() {
    // 123,456.7 GB-s x 0.0000166667 = $2.06 + 1 M requests $0.20; the average duration
    // alone would bill ceil(123.4567) = 124 ms: 124,000 GB-s = $2.07.
    let file = b"function,region,arch,memory_mb,requests,avg_duration_ms,gb_seconds\n\
                 m,us-east-1,x86_64,1024,1000000,123.4567,123456.7\n\
                 n,us-east-1,x86_64,1024,1000000,123.4567,\n";
    let r = report(file, false);
    assert_eq!(cents_of(&r, "m"), 226);
    assert_eq!(cents_of(&r, "n"), 227);
    // arm64 at the same speed scales the metered GB-s: 123,456.7 x 0.0000133334 = $1.65.
    let arm = what_if(&r, WhatIfKind::Arm64);
    assert_eq!(arm.changes[0].unwrap().new_cents, 165 + 20);
}

#[test]
fn compute_optimizer_numbered_option_columns_and_other_spellings() {
    // The first recommendation option's columns, numbered, in another spelling.
    let file = b"functionArn,numberOfInvocations,utilizationMetrics_Duration_Average,\
                 lookbackPeriodInDays,currentConfiguration_memorySize,\
                 recommendationOptions_1_configuration_memorySize\n\
                 arn:aws:lambda:eu-west-1:1:function:f:$LATEST,16800000,100,14,2048,1024\n";
    let r = report(file, false);
    let f = &r.import.functions[0];
    assert_eq!(f.name, "arn:aws:lambda:eu-west-1:1:function:f");
    assert_eq!(f.region, "eu-west-1");
    assert_eq!(
        f.recommended.map(|m| (m.memory_mb, m.duration_ms)),
        Some((1024, None))
    );
    // No expected duration and 0 % CPU-bound: the same 100 ms at half the memory.
    let rec = what_if(&r, WhatIfKind::RecommendedMemory);
    let s = f.scenario.as_ref().unwrap();
    let mut half = s.clone();
    half.memory_mb = 1024;
    assert_eq!(
        rec.changes[0].unwrap().new_cents,
        half.bill(card()).unwrap().total_cents()
    );
    assert!(rec.savings_cents > 0);
}
