//! Times the fleet natively: a generated CUR 2.0 export of 100,000 Lambda rows (5,000
//! functions in four regions, both architectures, 20 rows each) parsed in 1 MB chunks and
//! priced with tiers per region and architecture, then the what-ifs. Run by `make bench`
//! (`cargo run --profile native --example fleet_bench`); the target is under 1 s.

use lambda_cost::fleet::{self, Report, WhatIfOptions};
use lambda_cost::RateCard;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

const FUNCTIONS: usize = 5_000;
const ROWS_PER_FUNCTION: usize = 20;

/// A month of CUR rows: for each function ten days of a `Request` and a `GB-Second` row.
fn generate_cur() -> String {
    let regions = [
        ("us-east-1", ""),
        ("us-west-2", "USW2-"),
        ("eu-west-1", "EU-"),
        ("ap-northeast-1", "APN1-"),
    ];
    let mut out = String::from(
        "identity_line_item_id,line_item_usage_start_date,line_item_product_code,line_item_usage_type,\
         line_item_operation,line_item_resource_id,line_item_usage_amount,line_item_unblended_cost,\
         line_item_line_item_type,pricing_unit,product_region_code\n",
    );
    let mut id = 0u64;
    for f in 0..FUNCTIONS {
        let (region, prefix) = regions[f % regions.len()];
        let arm = if f % 3 == 0 { "-ARM" } else { "" };
        for day in 0..ROWS_PER_FUNCTION / 2 {
            let requests = 1_000 + (f * 37 + day * 11) % 50_000;
            let gb_s = requests as f64 * (0.05 + (f % 17) as f64 * 0.03);
            for (kind, amount) in [("Request", requests as f64), ("Lambda-GB-Second", gb_s)] {
                id += 1;
                let _ = writeln!(
                    out,
                    "{id},2026-10-{:02}T00:00:00Z,AWSLambda,{prefix}{kind}{arm},Invoke,\
                     arn:aws:lambda:{region}:123456789012:function:fn-{f},{amount},0,Usage,,{region}",
                    day + 1
                );
            }
        }
    }
    out
}

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let v = f();
        best = best.min(t.elapsed());
        last = Some(v);
    }
    (best, last.expect("at least one run"))
}

fn main() {
    let card = RateCard::embedded();
    let cur = generate_cur();
    // FLEET_BENCH_CUR=path also saves the generated export, to compare other readers on it.
    if let Ok(path) = std::env::var("FLEET_BENCH_CUR") {
        std::fs::write(&path, &cur).expect("FLEET_BENCH_CUR: writable path");
    }
    let (parse_price, report) = best_of(5, || {
        let mut p = fleet::Parser::new(card);
        for chunk in cur.as_bytes().chunks(1 << 20) {
            p.feed(chunk).expect("generated CUR");
        }
        let import = p.finish().expect("generated CUR");
        fleet::price(&import.functions, card, true);
        import
    });
    assert_eq!(report.functions.len(), FUNCTIONS);
    assert_eq!(report.rows, FUNCTIONS * ROWS_PER_FUNCTION);
    let (with_what_ifs, full) = best_of(3, || {
        let import = fleet::parse(cur.as_bytes(), card).expect("generated CUR");
        Report::new(import, card, WhatIfOptions::default())
    });
    println!("| fleet measure (native) | time |");
    println!("|---|---:|");
    println!(
        "| parse + price {} CUR rows ({:.1} MB, {} functions), best of 5 | {:.1} ms |",
        report.rows,
        cur.len() as f64 / 1e6,
        report.functions.len(),
        parse_price.as_secs_f64() * 1e3
    );
    println!(
        "| the same plus the three what-ifs, best of 3 | {:.1} ms |",
        with_what_ifs.as_secs_f64() * 1e3
    );
    println!(
        "\nFleet total without the free tier: {} (e2e/fleet.test.mjs expects it for the same rows).",
        lambda_cost::money::format_cents(full.bill.total_cents)
    );
    if parse_price > Duration::from_secs(1) {
        eprintln!("fleet_bench: parse + price took over 1 s");
        std::process::exit(1);
    }
}
