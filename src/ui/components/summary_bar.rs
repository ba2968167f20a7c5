//! On a narrow screen the bill sits below the whole form: this bar keeps the monthly total,
//! and what the last edit changed, in sight while the form is edited, and jumps to the bill.
//! Plain markup data (`ui::view`): the state keeps how the last edit moved the total
//! (`AppState::total_change`).

use crate::ui::view::{el, View};
use lambda_cost::money;

/// The bar: the total in cents, how the last edit moved it, whether it is the last good one
/// (`stale`: some input is invalid).
pub fn view(total: i64, change: Option<i64>, stale: bool) -> View {
    let change = change.map(|c| {
        el("span")
            .class("summary-change")
            .testid("summary-change")
            .text(format!(
                "{} after the last edit",
                money::format_cents_change(c)
            ))
    });
    el("a")
        .class(if stale {
            "summary-bar stale"
        } else {
            "summary-bar"
        })
        .attr("href", "#bill")
        .testid("summary-bar")
        .on_click(|| crate::ui::browser::jump_to("bill"))
        .child(el("span").class("summary-label").text("Monthly cost"))
        .child(
            el("strong")
                .class("summary-total")
                .testid("summary-total")
                .text(money::format_cents(total)),
        )
        .maybe(change)
        .child(el("span").class("summary-jump").text("See the bill"))
        .into()
}
