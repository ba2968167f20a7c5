//! The itemized bill and its total.

use super::billing_options::{bill_notes, focus_field};
use super::export_menu::{export_group, Table, TableExport};
use crate::ui::results::Results;
use crate::ui::view::{el, View, Views};
use lambda_cost::decimal::fixed;
use lambda_cost::{money, Scenario};
use std::rc::Rc;
use yew::prelude::*;

/// The bill with its export button, as the calculator shows it (`stale`: some input is
/// invalid, the figures are the last good ones). A function, not a component: most edits
/// change the bill anyway, and Yew's code per component costs the bundle more than
/// building the bill again on the few that do not.
pub fn bill_table(results: Option<&Rc<Results>>, stale: bool) -> Html {
    let Some(results) = results else {
        return bill_views(None, stale, None).into_html(Html::default());
    };
    let exports = export_group(
        "Export the bill",
        html! { <TableExport scenario={Rc::new(results.scenario.clone())} table={Table::Bill} /> },
    );
    bill_views(Some(results), stale, Some(focus_field)).into_html(exports)
}

/// The total and the itemized bill, with a `View::Slot` under the table for the
/// calculator's export buttons (the embed view shows none). `enter_rate` opens a rate's
/// field from the notes under the total, on a page that has the fields.
pub fn bill_views(
    results: Option<&Rc<Results>>,
    stale: bool,
    enter_rate: Option<fn(&str)>,
) -> Views {
    let Some(results) = results else {
        return Views(vec![el("p")
            .class("card empty")
            .text("Enter a workload to see its cost.")
            .into()]);
    };
    let bill = &results.bill;
    let s = &results.scenario;
    let total = || money::format_cents(bill.total_cents());
    let unit_costs = bill.per_invocation_usd().map(|c| {
        el("p")
            .class("unit-costs")
            .child(
                el("span")
                    .testid("per-invocation")
                    .text(format!("{} per invocation", money::format_small_usd(c))),
            )
            .text(" · ")
            .child(el("span").testid("per-million").text(format!(
                "{} per 1M invocations",
                money::format_small_usd(c * 1e6)
            )))
    });
    let card = el("div")
        .attr("id", "bill")
        .attr("tabindex", "-1")
        .class(if stale {
            "card total-card stale"
        } else {
            "card total-card"
        })
        .child(el("p").class("total-label").text("Monthly cost"))
        .child(
            el("p")
                .class("total")
                .child(
                    el("output")
                        .testid("monthly-total")
                        .attr("aria-live", "polite")
                        .text(total()),
                )
                .child(el("span").class("per").text(" / month")),
        )
        .child(el("p").class("total-detail").text(format!(
            "{} {} · {} MB · {} ms · {} requests/month",
            s.region,
            s.arch,
            money::format_quantity(s.memory_mb as f64, 0),
            money::format_quantity(s.duration_ms, 3),
            money::format_quantity(s.requests, 0)
        )))
        .child(print_summary(s))
        .maybe(unit_costs)
        .maybe(bill_notes(results, enter_rate))
        .maybe(stale.then(|| {
            el("p")
                .class("stale-note")
                .attr("role", "status")
                .text("Showing the last valid result: fix the highlighted field to update it.")
        }));
    let head = [
        ("Line", None),
        ("Quantity", Some("num")),
        ("Rate", Some("num rate")),
        ("Cost", Some("num")),
    ]
    .map(|(name, class)| {
        el("th")
            .attr("scope", "col")
            .maybe_attr("class", class)
            .text(name)
    });
    let rows = bill.lines.iter().map(|l| {
        el("tr")
            .child(el("th").attr("scope", "row").text(l.item.label()))
            .child(
                el("td")
                    .class("num")
                    .text(l.quantity_text())
                    .child(el("span").class("rate-inline").text(l.rate_text())),
            )
            .child(el("td").class("num rate").text(l.rate_text()))
            .child(
                el("td")
                    .class("num")
                    .attr("title", format!("exact: ${}", fixed(l.exact_usd, 6)))
                    .text(money::format_cents(l.cents())),
            )
    });
    let table = el("table")
        .class("bill-table")
        .child(el("caption").text("Itemized bill (each line rounded to cents, as AWS does)"))
        .child(el("thead").child(el("tr").children(head)))
        .child(el("tbody").children(rows))
        .child(
            el("tfoot").child(
                el("tr")
                    .child(
                        el("th")
                            .attr("scope", "row")
                            .attr("colspan", "2")
                            .class("total-label-cell")
                            .text("Total"),
                    )
                    .child(el("td").class("rate"))
                    .child(el("td").class("num").text(total())),
            ),
        );
    Views(vec![
        card.into(),
        el("div")
            .class("card bill")
            .child(table)
            .child(View::Slot)
            .into(),
    ])
}

/// For print only: the settings the total card's one-line summary leaves out.
pub fn print_summary(s: &Scenario) -> View {
    let mut parts = vec![
        format!(
            "Free tier {}",
            if s.free_tier {
                "applied"
            } else {
                "not applied"
            }
        ),
        format!(
            "ephemeral storage {} MB",
            money::format_quantity(s.storage_mb as f64, 0)
        ),
    ];
    if s.cold_start_pct > 0.0 || s.init_ms > 0.0 {
        parts.push(format!(
            "cold starts {} % with {} ms INIT",
            money::format_quantity(s.cold_start_pct, 2),
            money::format_quantity(s.init_ms, 3)
        ));
    }
    if s.pc_instances > 0 {
        parts.push(format!(
            "provisioned concurrency {} x {} h serving {} requests",
            s.pc_instances,
            money::format_quantity(s.pc_hours, 2),
            money::format_quantity(s.pc_requests, 0)
        ));
    }
    if s.discount_pct > 0.0 {
        parts.push(format!(
            "discount {} %",
            money::format_quantity(s.discount_pct, 2)
        ));
    }
    if s.cpu_bound_pct > 0.0 {
        parts.push(format!(
            "{} % CPU-bound{}",
            money::format_quantity(s.cpu_bound_pct, 2),
            if s.multi_threaded {
                ", multi-threaded"
            } else {
                ""
            }
        ));
    }
    if s.arm64_factor != 1.0 {
        parts.push(format!(
            "arm64 takes {}x the x86_64 duration",
            money::format_quantity(s.arm64_factor, 3)
        ));
    }
    if !s.tuning.is_empty() {
        parts.push(format!("{} Power Tuning run(s)", s.tuning.len()));
    }
    el("p")
        .class("print-only print-summary")
        .text(parts.join(" · "))
        .into()
}
