//! On a narrow screen the bill sits below the whole form: this bar keeps the monthly total,
//! and what the last edit changed, in sight while the form is edited, and jumps to the bill.

use crate::ui::results::Results;
use crate::ui::view::{el, View};
use lambda_cost::money;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SummaryBarProps {
    pub results: Option<Rc<Results>>,
    /// Some input is invalid: the total is the last good one.
    #[prop_or_default]
    pub stale: bool,
}

#[function_component(SummaryBar)]
pub fn summary_bar(props: &SummaryBarProps) -> Html {
    let total = props.results.as_ref().map(|r| r.bill.total_cents());
    // The total shown last and how the latest edit moved it.
    let last = use_mut_ref(|| (total, None::<i64>));
    let change = {
        let mut last = last.borrow_mut();
        if let (Some(before), Some(now)) = (last.0, total) {
            if before != now {
                last.1 = Some(now - before);
            }
        }
        if total.is_some() {
            last.0 = total;
        }
        last.1
    };
    let Some(total) = total else {
        return html! {};
    };
    view(total, change, props.stale).into_html(Html::default())
}

/// The bar: the total in cents, how the last edit moved it, whether it is the last good one.
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
