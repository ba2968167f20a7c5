//! The itemized bill and its total.

use super::class_list;
use super::export_menu::{export_group, print_summary, Table, TableExport};
use crate::ui::results::Results;
use lambda_cost::decimal::fixed;
use lambda_cost::money;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct BillTableProps {
    pub results: Option<Rc<Results>>,
    /// Some input is invalid: the figures are the last good ones.
    #[prop_or_default]
    pub stale: bool,
}

#[function_component(BillTable)]
pub fn bill_table(props: &BillTableProps) -> Html {
    let exports = props.results.as_ref().map(|r| {
        export_group(
            "Export the bill",
            html! { <TableExport scenario={Rc::new(r.scenario.clone())} table={Table::Bill} /> },
        )
    });
    bill_card(
        props.results.as_ref(),
        props.stale,
        exports.unwrap_or_default(),
    )
}

/// The total and the itemized bill, `exports` under the table: the embed view (which
/// shows no exports) passes none, so its bundle links no export code.
pub fn bill_card(results: Option<&Rc<Results>>, stale: bool, exports: Html) -> Html {
    let Some(results) = results else {
        return html! { <p class="card empty">{ "Enter a workload to see its cost." }</p> };
    };
    let bill = &results.bill;
    let s = &results.scenario;
    let per_invocation = bill.per_invocation_usd();
    html! {
        <>
            <div id="bill" tabindex="-1" class={class_list(&[Some("card total-card"), stale.then_some("stale")])}>
                <p class="total-label">{ "Monthly cost" }</p>
                <p class="total">
                    <output data-testid="monthly-total" aria-live="polite">{ money::format_cents(bill.total_cents()) }</output>
                    <span class="per">{ " / month" }</span>
                </p>
                <p class="total-detail">
                    { format!("{} {} · {} MB · {} ms · {} requests/month",
                        s.region, s.arch, money::format_quantity(s.memory_mb as f64, 0),
                        money::format_quantity(s.duration_ms, 3),
                        money::format_quantity(s.requests, 0)) }
                </p>
                { print_summary(s) }
                if let Some(c) = per_invocation {
                    <p class="unit-costs">
                        <span data-testid="per-invocation">{ format!("{} per invocation", money::format_small_usd(c)) }</span>
                        { " · " }
                        <span data-testid="per-million">{ format!("{} per 1M invocations", money::format_small_usd(c * 1e6)) }</span>
                    </p>
                }
                <super::BillNotes results={results.clone()} />
                if stale {
                    <p class="stale-note" role="status">{ "Showing the last valid result: fix the highlighted field to update it." }</p>
                }
            </div>
            <div class="card bill">
            <table class="bill-table">
                <caption>{ "Itemized bill (each line rounded to cents, as AWS does)" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Line" }</th>
                        <th scope="col" class="num">{ "Quantity" }</th>
                        <th scope="col" class="num rate">{ "Rate" }</th>
                        <th scope="col" class="num">{ "Cost" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for bill.lines.iter().map(|l| html! {
                        <tr>
                            <th scope="row">{ l.item.label() }</th>
                            <td class="num">
                                { l.quantity_text() }
                                <span class="rate-inline">{ l.rate_text() }</span>
                            </td>
                            <td class="num rate">{ l.rate_text() }</td>
                            <td class="num" title={format!("exact: ${}", fixed(l.exact_usd, 6))}>{ money::format_cents(l.cents()) }</td>
                        </tr>
                    }) }
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row" colspan="2" class="total-label-cell">{ "Total" }</th>
                        <td class="rate"></td>
                        <td class="num">{ money::format_cents(bill.total_cents()) }</td>
                    </tr>
                </tfoot>
            </table>
            { exports }
            </div>
        </>
    }
}
