//! On a narrow screen the bill sits below the whole form: this bar keeps the monthly total,
//! and what the last edit changed, in sight while the form is edited, and jumps to the bill.

use super::class_list;
use crate::ui::results::Results;
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
    html! {
        <a class={class_list(&[Some("summary-bar"), props.stale.then_some("stale")])} href="#bill" onclick={jump("bill")} data-testid="summary-bar">
            <span class="summary-label">{ "Monthly cost" }</span>
            <strong class="summary-total" data-testid="summary-total">{ money::format_cents(total) }</strong>
            if let Some(change) = change {
                <span class="summary-change" data-testid="summary-change">
                    { format!("{} after the last edit", money::format_cents_change(change)) }
                </span>
            }
            <span class="summary-jump">{ "See the bill" }</span>
        </a>
    }
}

/// A click on an in-page link: scrolls to `id` instead of writing it into the fragment,
/// which holds the scenario.
pub fn jump(id: &'static str) -> Callback<MouseEvent> {
    Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        crate::ui::browser::jump_to(id);
    })
}
