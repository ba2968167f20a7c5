//! A fleet report as JSON, CSV and Markdown, for the CLI and the page's exports. CSV and
//! Markdown cells go through the calculator's own escaping (`crate::export`): text from
//! the file (function names, regions) is defused against spreadsheet formulas and shown
//! as text in Markdown.

use super::{Report, WhatIfKind};
use crate::export::{cents_plain, decimal, md_cell, Cell, Csv};
use crate::money;
use crate::rates::RateCard;
use serde_json::{json, Value};
use std::fmt::Write as _;

fn usd(cents: i64) -> f64 {
    cents as f64 / 100.0
}

/// The report as JSON: `total_usd` (the fleet total, tiers aggregated, lines
/// cent-rounded), `functions` (each with `function`, `region`, `arch`, `total_usd` and its
/// what-ifs), `what_ifs` (fleet total and savings of each), the groups the tiers were
/// applied to, and the rows set aside or refused.
pub fn report_json(r: &Report, card: &RateCard) -> Value {
    let functions: Vec<Value> = r
        .import
        .functions
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let bill = r.bill.functions.get(i).and_then(Option::as_ref);
            let mut what_ifs = serde_json::Map::new();
            for w in &r.what_ifs {
                let c = w.changes.get(i).copied().flatten();
                what_ifs.insert(
                    w.kind.key().to_string(),
                    c.map_or(Value::Null, |c| {
                        json!({
                            "arch": c.arch.as_str(),
                            "memory_mb": c.memory_mb,
                            "total_usd": usd(c.new_cents),
                            "savings_usd": usd(c.savings_cents),
                        })
                    }),
                );
            }
            json!({
                "function": f.name,
                "region": f.region,
                "arch": f.arch.as_str(),
                "memory_mb": f.scenario.as_ref().map(|s| s.memory_mb),
                "requests": bill.map(|b| b.usage.requests),
                "duration_gb_s": bill.map(|b| b.usage.duration_gb_s),
                "total_usd": bill.map(|b| usd(b.total_cents)),
                "aws_cost_usd": f.aws_cost_usd,
                "row": f.row,
                "link": f.scenario_link(),
                "what_ifs": what_ifs,
            })
        })
        .collect();
    let groups: Vec<Value> = r
        .bill
        .groups
        .iter()
        .map(|g| {
            json!({
                "region": g.region,
                "arch": g.arch.as_str(),
                "functions": g.functions,
                "total_usd": usd(g.total_cents),
                "lines": g.lines.iter().map(|l| json!({
                    "item": l.item.key(),
                    "label": l.item.label(),
                    "quantity": l.quantity,
                    "free_quantity": l.free,
                    "unit": l.unit.as_str(),
                    "rate_usd": l.rate,
                    "cost_usd": usd(l.cents()),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let what_ifs: Vec<Value> = r
        .what_ifs
        .iter()
        .map(|w| {
            json!({
                "kind": w.kind.key(),
                "label": w.kind.label(),
                "applies_to": w.kind.applies_to(),
                "functions": w.applied(),
                "fleet_total_usd": usd(w.fleet_total_cents),
                "savings_usd": usd(w.savings_cents),
            })
        })
        .collect();
    json!({
        "format": r.import.format.label(),
        "currency": card.currency,
        "rates_as_of": card.as_of,
        "free_tier": r.bill.free_tier,
        "arm64_factor": r.options.arm64_factor,
        "total_usd": r.bill.total_usd(),
        "exact_usd": r.bill.exact_usd(),
        "sum_of_functions_usd": usd(r.bill.sum_of_functions_cents()),
        "aws_cost_usd": r.aws_cost_usd(),
        "rows": r.import.rows,
        "functions": functions,
        "groups": groups,
        "what_ifs": what_ifs,
        "bad_row_count": r.import.bad_row_count,
        "bad_rows": r.import.bad_rows.iter().map(|b| json!({"row": b.row, "reason": b.reason})).collect::<Vec<_>>(),
        "set_aside": r.import.set_aside.iter().map(|s| json!({"kind": s.kind, "rows": s.rows, "cost_usd": s.cost_usd})).collect::<Vec<_>>(),
        "notices": r.import.notices,
    })
}

/// The report as RFC 4180 CSV: one row per function (`function`, `region`, `arch`,
/// `memory_mb`, `requests`, `duration_gb_s`, `total_usd`, `aws_cost_usd`, then for each
/// what-if its memory, bill and savings, then `link`), and a last row with the fleet
/// total (tiers aggregated) and each what-if's fleet total and savings.
pub fn report_csv(r: &Report) -> String {
    let mut header = vec![
        "function",
        "region",
        "arch",
        "memory_mb",
        "requests",
        "duration_gb_s",
        "total_usd",
        "aws_cost_usd",
    ];
    let what_if_columns: Vec<[String; 3]> = WhatIfKind::ALL
        .iter()
        .map(|k| {
            [
                format!("{}_memory_mb", k.key()),
                format!("{}_usd", k.key()),
                format!("{}_savings_usd", k.key()),
            ]
        })
        .collect();
    for c in &what_if_columns {
        header.extend(c.iter().map(String::as_str));
    }
    header.push("link");
    let mut csv = Csv::new(&header);
    let num = |v: Option<f64>, d: usize| Cell::Number(v.map_or(String::new(), |v| decimal(v, d)));
    let cents = |c: Option<i64>| Cell::Number(c.map_or(String::new(), cents_plain));
    for (i, f) in r.import.functions.iter().enumerate() {
        let bill = r.bill.functions.get(i).and_then(Option::as_ref);
        let link = f.scenario_link().unwrap_or_default();
        let mut cells = vec![
            Cell::Text(&f.name),
            Cell::Text(&f.region),
            Cell::Text(f.arch.as_str()),
            num(f.scenario.as_ref().map(|s| s.memory_mb as f64), 0),
            num(bill.map(|b| b.usage.requests), 3),
            num(bill.map(|b| b.usage.duration_gb_s), 6),
            cents(bill.map(|b| b.total_cents)),
            num(f.aws_cost_usd, 10),
        ];
        for kind in WhatIfKind::ALL {
            let c = r.change(kind, i);
            cells.push(num(c.and_then(|c| c.memory_mb.map(f64::from)), 0));
            cells.push(cents(c.map(|c| c.new_cents)));
            cells.push(cents(c.map(|c| c.savings_cents)));
        }
        cells.push(Cell::Text(&link));
        csv.row(&cells);
    }
    let mut cells = vec![
        Cell::Text("Fleet total (tiers per region and architecture)"),
        Cell::Text(""),
        Cell::Text(""),
        num(None, 0),
        num(None, 0),
        num(None, 0),
        cents(Some(r.bill.total_cents)),
        num(r.aws_cost_usd(), 10),
    ];
    for kind in WhatIfKind::ALL {
        let w = r.what_if(kind);
        cells.push(num(None, 0));
        cells.push(cents(w.map(|w| w.fleet_total_cents)));
        cells.push(cents(w.map(|w| w.savings_cents)));
    }
    cells.push(Cell::Text(""));
    csv.row(&cells);
    csv.finish()
}

/// The report as Markdown: the fleet total, the what-ifs, and the functions by bill,
/// largest first.
pub fn report_markdown(r: &Report) -> String {
    let mut out = format!(
        "Monthly AWS Lambda bill of {} functions ({}): **{}**{}\n\n",
        r.import.functions.len(),
        r.import.format.label(),
        money::format_cents(r.bill.total_cents),
        if r.bill.free_tier {
            ", free tier applied once to the account"
        } else {
            ""
        }
    );
    let sum = r.bill.sum_of_functions_cents();
    if sum != r.bill.total_cents {
        let _ = writeln!(
            out,
            "Priced one by one the functions add up to {}; the account's usage summed per \
             region and architecture{} makes the difference.\n",
            money::format_cents(sum),
            if r.bill.free_tier {
                " (cheaper tiers) and the free tier"
            } else {
                " (cheaper tiers)"
            }
        );
    }
    if let Some(aws) = r.aws_cost_usd() {
        let _ = writeln!(
            out,
            "AWS's own figure in the file: {}.\n",
            money::format_usd(aws)
        );
    }
    out.push_str(
        "| What-if | Applies to | Functions | Fleet total | Savings |\n|---|---|---:|---:|---:|\n",
    );
    for w in &r.what_ifs {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            w.kind.label(),
            md_cell(w.kind.applies_to()),
            w.applied(),
            money::format_cents(w.fleet_total_cents),
            money::format_cents(w.savings_cents)
        );
    }
    out.push_str("\n| Function | Region | Arch | Memory | Monthly | AWS's figure |");
    for kind in WhatIfKind::ALL {
        let _ = write!(out, " Saves: {} |", kind.key().replace('_', " "));
    }
    out.push_str("\n|---|---|---|---:|---:|---:|---:|---:|---:|\n");
    let mut order: Vec<usize> = (0..r.import.functions.len()).collect();
    let bill_of = |i: usize| {
        r.bill
            .functions
            .get(i)
            .and_then(Option::as_ref)
            .map_or(0, |b| b.total_cents)
    };
    order.sort_by_key(|&i| std::cmp::Reverse(bill_of(i)));
    for i in order {
        let f = &r.import.functions[i];
        let _ = write!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            md_cell(&f.name),
            md_cell(&f.region),
            f.arch,
            f.scenario.as_ref().map_or("n/a".into(), |s| format!(
                "{} MB",
                money::format_quantity(s.memory_mb as f64, 0)
            )),
            money::format_cents(bill_of(i)),
            f.aws_cost_usd.map_or("n/a".into(), money::format_usd),
        );
        for kind in WhatIfKind::ALL {
            let c = r.change(kind, i);
            let _ = write!(
                out,
                " {} |",
                c.map_or("n/a".into(), |c| money::format_cents(c.savings_cents))
            );
        }
        out.push('\n');
    }
    if r.import.bad_row_count > 0 {
        let _ = writeln!(
            out,
            "\n{} rows skipped; first: {}",
            r.import.bad_row_count,
            md_cell(
                &r.import
                    .bad_rows
                    .first()
                    .map(ToString::to_string)
                    .unwrap_or_default()
            )
        );
    }
    out
}
