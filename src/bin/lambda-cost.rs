//! `lambda-cost`: the calculator's core on the command line.
//!
//!     lambda-cost bill '<link or fragment>' [--format json|markdown]
//!
//! Prints the itemized monthly bill of a scenario link. Bad input exits with code 2 and
//! a one-line message naming the link key.

use lambda_cost::scenario::link;
use lambda_cost::{money, Bill, RateCard, Scenario};
use serde_json::json;
use std::process::ExitCode;

const USAGE: &str =
    "usage: lambda-cost bill '<scenario link or fragment>' [--format json|markdown]";

enum Format {
    Json,
    Markdown,
}

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(out) => {
            println!("{out}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("lambda-cost: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Vec<String>) -> Result<String, String> {
    let mut format = Format::Json;
    let mut positional = Vec::new();
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(USAGE.to_string()),
            "--format" => {
                format = match it.next().as_deref() {
                    Some("json") => Format::Json,
                    Some("markdown" | "md") => Format::Markdown,
                    Some(other) => {
                        return Err(format!(
                            "--format: unknown format \"{other}\" (json or markdown)"
                        ))
                    }
                    None => return Err("--format: needs json or markdown".into()),
                }
            }
            _ if arg.starts_with("--") => return Err(format!("unknown option {arg}; {USAGE}")),
            _ => positional.push(arg),
        }
    }
    match positional.as_slice() {
        [cmd, link_text] if cmd == "bill" => {
            let decoded = link::decode(link_text).map_err(|e| e.to_string())?;
            let card = RateCard::embedded();
            let bill = decoded.scenario.bill(card).map_err(|errors| {
                errors
                    .first()
                    .map(ToString::to_string)
                    .unwrap_or_else(|| "invalid scenario".into())
            })?;
            for notice in &decoded.notices {
                eprintln!("lambda-cost: note: {notice}");
            }
            Ok(match format {
                Format::Json => bill_json(&decoded.scenario, &bill, card),
                Format::Markdown => bill_markdown(&decoded.scenario, &bill),
            })
        }
        _ => Err(USAGE.to_string()),
    }
}

fn bill_json(s: &Scenario, bill: &Bill, card: &RateCard) -> String {
    let lines: Vec<_> = bill
        .lines
        .iter()
        .map(|l| {
            json!({
                "item": l.item.key(),
                "label": l.item.label(),
                "quantity": l.quantity,
                "free_quantity": l.free,
                "unit": l.unit.as_str(),
                "rate_usd": l.rate,
                "cost_usd": l.cents() as f64 / 100.0,
                "exact_usd": l.exact_usd,
            })
        })
        .collect();
    let out = json!({
        "link": link::to_fragment(s),
        "region": s.region,
        "arch": s.arch.as_str(),
        "currency": card.currency,
        "rates_as_of": card.as_of,
        "total_usd": bill.total_usd(),
        "exact_usd": bill.exact_usd(),
        "per_invocation_usd": bill.per_invocation_usd(),
        "per_million_invocations_usd": bill.per_invocation_usd().map(|c| c * 1e6),
        "lines": lines,
    });
    serde_json::to_string_pretty(&out).unwrap_or_default()
}

fn bill_markdown(s: &Scenario, bill: &Bill) -> String {
    let mut out = format!(
        "Monthly AWS Lambda bill: {} {}, {} MB, {} ms, {} requests/month\n\n",
        s.region,
        s.arch,
        s.memory_mb,
        money::format_quantity(s.duration_ms, 3),
        money::format_quantity(s.requests, 0)
    );
    out.push_str("| Line | Quantity | Rate | Cost |\n|---|---:|---:|---:|\n");
    for l in &bill.lines {
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            l.item.label(),
            l.quantity_text(),
            l.rate_text(),
            money::format_cents(l.cents())
        ));
    }
    out.push_str(&format!(
        "| **Total** | | | **{}** |\n",
        money::format_cents(bill.total_cents())
    ));
    out.push_str(&format!("\nScenario: `{}`", link::to_fragment(s)));
    out
}
