//! The Lambda Managed Instances bill (`compute=lmi`) and the comparison of ways to run a
//! workload, as JSON, CSV and Markdown: one serializer each for the CLI and the page.

use super::{
    cents_plain, decimal, md_cell, BillCsv, Cell, Csv, EXACT_DECIMALS, QUANTITY_DECIMALS,
    RATE_DECIMALS,
};
use crate::compute::{Comparison, Compute, ComputeBill, InstanceTable, PriceSource};
use crate::money::{format_cents, format_quantity};
use crate::pricing::Bill;
use crate::scenario::{link, LmiBill, Scenario};
use serde_json::{json, Value};
use std::fmt::Write as _;

fn lines_json(bill: &ComputeBill) -> Vec<Value> {
    bill.lines
        .iter()
        .map(|l| {
            json!({
                "item": l.item.key(),
                "label": l.item.label(),
                "quantity": l.quantity,
                "unit": l.unit.as_str(),
                "rate_usd": l.rate,
                "cost_usd": l.cents() as f64 / 100.0,
                "exact_usd": l.exact_usd,
            })
        })
        .collect()
}

/// Where the hourly price came from, in words.
fn price_source(b: &LmiBill) -> String {
    match &b.setup.hourly_source {
        PriceSource::Table { region, as_of } => {
            format!("instance table, {region}, EC2 Linux on-demand as of {as_of}")
        }
        PriceSource::User => "entered (lmi_hourly)".to_string(),
    }
}

/// How the instance-hours were found, in words.
fn hours_source(b: &LmiBill) -> String {
    match b.setup.instance_hours {
        Some(_) => "entered (lmi_hours)".to_string(),
        None => b.sizing.rule.clone(),
    }
}

/// The LMI bill as the CLI's `bill` prints it for `compute=lmi`: `total_usd` (the sum of
/// the cent-rounded lines), each line, the instance type and where its price and
/// instance-hours came from.
pub fn lmi_bill_json(s: &Scenario, b: &LmiBill) -> String {
    let out = json!({
        "link": link::to_fragment(s),
        "compute": "lmi",
        "region": s.region,
        "instance_type": b.setup.capacity.instance.name,
        "hourly_usd": b.setup.hourly,
        "hourly_source": price_source(b),
        "ec2_discount_pct": b.setup.discount * 100.0,
        "instance_hours": b.instance_hours,
        "instance_hours_source": hours_source(b),
        "currency": InstanceTable::embedded().currency,
        "total_usd": b.bill.total_cents() as f64 / 100.0,
        "exact_usd": b.bill.exact_usd(),
        "lines": lines_json(&b.bill),
    });
    serde_json::to_string_pretty(&out).unwrap_or_default()
}

/// The LMI bill as CSV: `region`, `instance_type`, `item`, `quantity`, `unit`,
/// `rate_usd_per_unit`, `cost_usd` (cent-rounded), `exact_usd`, then a total row.
pub fn lmi_bill_csv(s: &Scenario, b: &LmiBill) -> String {
    let mut csv = BillCsv::new(
        ("instance_type", &b.setup.capacity.instance.name),
        &["quantity", "unit", "rate_usd_per_unit"],
        &s.region,
    );
    for l in &b.bill.lines {
        csv.line(
            l.item.label(),
            [
                Cell::Number(decimal(l.quantity, QUANTITY_DECIMALS)),
                Cell::Text(l.unit.as_str()),
                Cell::Number(decimal(l.rate, RATE_DECIMALS)),
            ],
            l.cents(),
            l.exact_usd,
        );
    }
    csv.total(b.bill.total_cents(), b.bill.exact_usd());
    csv.finish()
}

/// The LMI bill as Markdown: a sentence, a table, how it was sized and the link.
pub fn lmi_bill_markdown(s: &Scenario, b: &LmiBill) -> String {
    let mut out = format!(
        "Monthly Lambda Managed Instances bill: {} {}, {} requests/month\n\n\
         | Line | Quantity | Rate | Cost |\n|---|---:|---:|---:|\n",
        md_cell(&s.region),
        md_cell(&b.setup.capacity.instance.name),
        format_quantity(s.requests, 0)
    );
    for l in &b.bill.lines {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            l.item.label(),
            l.quantity_text(),
            l.rate_text(),
            format_cents(l.cents())
        );
    }
    let _ = writeln!(
        out,
        "| **Total** | | | **{}** |",
        format_cents(b.bill.total_cents())
    );
    let _ = writeln!(
        out,
        "\nHourly price: {}. Instance-hours: {}\n\nScenario: `{}`",
        md_cell(&price_source(b)),
        md_cell(&hours_source(b)),
        link::to_fragment(s)
    );
    out
}

/// The bill the scenario asks for, as CSV: the Managed Instances bill for `compute=lmi`
/// (when it can be priced; the page says why when it cannot), else Lambda's `bill`.
pub fn scenario_bill_csv(s: &Scenario, bill: &Bill) -> String {
    match lmi_of(s) {
        Some(b) => lmi_bill_csv(s, &b),
        None => super::bill_csv(s, bill),
    }
}

/// The bill the scenario asks for as Markdown that stands alone (ending with the link
/// on `page_url`): the Managed Instances bill for `compute=lmi`, else Lambda's `bill`.
pub fn scenario_bill_markdown(page_url: &str, s: &Scenario, bill: &Bill) -> String {
    match lmi_of(s) {
        Some(b) => {
            let mut out = lmi_bill_markdown(s, &b);
            out.push_str(&format!(
                "\n[Open in the AWS Lambda cost calculator]({})\n",
                super::embed::calculator_url(page_url, s)
                    .replace('(', "%28")
                    .replace(')', "%29")
                    .replace(' ', "%20")
            ));
            out
        }
        None => super::embed::markdown_snippet(page_url, s, bill),
    }
}

/// The LMI bill of a `compute=lmi` scenario that can be priced.
fn lmi_of(s: &Scenario) -> Option<LmiBill> {
    (s.compute == Compute::ManagedInstances)
        .then(|| s.lmi_bill().ok())
        .flatten()
}

/// The comparison as the CLI's `compare` prints it: each option's total and how it was
/// sized, the cheapest and by how much, the crossovers, what could not be compared, and
/// the verdict in words.
pub fn comparison_json(s: &Scenario, c: &Comparison) -> String {
    let options: Vec<Value> = c
        .options
        .iter()
        .map(|o| {
            json!({
                "option": o.option.key(),
                "label": o.option.label(),
                "total_usd": o.total_cents as f64 / 100.0,
                "exact_usd": o.exact_usd,
                "sizing": o.sizing,
            })
        })
        .collect();
    let crossovers: Vec<Value> = c
        .crossovers
        .iter()
        .map(|x| {
            json!({
                "rps": x.rps,
                "requests_per_month": x.requests_per_month,
                "cheaper_below": x.cheaper_below.key(),
                "cheaper_above": x.cheaper_above.key(),
                "at_step": x.at_step,
                "changes_cheapest": x.changes_cheapest,
            })
        })
        .collect();
    let unavailable: Vec<Value> = c
        .unavailable
        .iter()
        .map(|(o, why)| json!({ "option": o.key(), "reason": why }))
        .collect();
    let out = json!({
        "link": link::to_fragment(s),
        "rps": c.rps,
        "requests_per_month": c.requests,
        "options": options,
        "cheapest": c.cheapest.key(),
        "runner_up": c.runner_up.map(|(o, _)| o.key()),
        "cheaper_by_usd": c.runner_up.map(|(_, cents)| cents as f64 / 100.0),
        "crossovers": crossovers,
        "unavailable": unavailable,
        "lmi_sizing_rule": c.lmi_sizing.rule,
        "traffic": c.traffic.describe(),
        "assumptions": c.assumptions,
        "summary": c.summary(),
    });
    serde_json::to_string_pretty(&out).unwrap_or_default()
}

/// The comparison as CSV: one row per option (`option`, `label`, `monthly_usd`,
/// `exact_usd`, `cheapest`), then one row per crossover (`crossover`, the two options,
/// `rps`, `requests_per_month`).
pub fn comparison_csv(c: &Comparison) -> String {
    let mut csv = Csv::new(&[
        "kind",
        "option",
        "other_option",
        "monthly_usd",
        "exact_usd",
        "rps",
        "requests_per_month",
    ]);
    let empty = || Cell::Number(String::new());
    for o in &c.options {
        let kind = if o.option == c.cheapest {
            "cheapest"
        } else {
            "option"
        };
        csv.row(&[
            Cell::Text(kind),
            Cell::Text(o.option.key()),
            Cell::Text(""),
            Cell::Number(cents_plain(o.total_cents)),
            Cell::Number(decimal(o.exact_usd, EXACT_DECIMALS)),
            Cell::Number(decimal(c.rps, QUANTITY_DECIMALS)),
            Cell::Number(decimal(c.requests, 0)),
        ]);
    }
    for x in &c.crossovers {
        csv.row(&[
            Cell::Text("crossover"),
            Cell::Text(x.cheaper_above.key()),
            Cell::Text(x.cheaper_below.key()),
            empty(),
            empty(),
            Cell::Number(decimal(x.rps, QUANTITY_DECIMALS)),
            Cell::Number(decimal(x.requests_per_month, 0)),
        ]);
    }
    csv.finish()
}

/// The comparison as Markdown: the verdict, a table of the options and the crossovers.
pub fn comparison_markdown(s: &Scenario, c: &Comparison) -> String {
    let mut out = format!(
        "{}\n\n| Way to run it | Monthly cost | Sizing |\n|---|---:|---|\n",
        md_cell(&c.summary())
    );
    for o in &c.options {
        let _ = writeln!(
            out,
            "| {}{} | {} | {} |",
            o.option.label(),
            if o.option == c.cheapest {
                " (cheapest)"
            } else {
                ""
            },
            format_cents(o.total_cents),
            md_cell(&o.sizing)
        );
    }
    if !c.crossovers.is_empty() {
        out.push_str(
            "\n| Above (req/s) | Requests a month | Cheaper | Than |\n|---:|---:|---|---|\n",
        );
        for x in &c.crossovers {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                format_quantity(x.rps, 3),
                format_quantity(x.requests_per_month, 0),
                x.cheaper_above.label(),
                x.cheaper_below.label()
            );
        }
    }
    out.push_str("\nAssumptions:\n\n");
    for a in &c.assumptions {
        let _ = writeln!(out, "- {}", md_cell(a));
    }
    let _ = writeln!(out, "\nScenario: `{}`", link::to_fragment(s));
    out
}
