//! Notices about the link the page was opened with: what a newer version's link held
//! that this one ignored, or why the link could not be opened. Dismissable.

use crate::ui::state::Msg;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    pub notices: Vec<String>,
    pub on_msg: Callback<Msg>,
}

#[function_component(Notices)]
pub fn notices(props: &NoticesProps) -> Html {
    // The live region stays in the page, so notices added later are announced.
    html! {
        <div class="notices" role="status" data-testid="notices">
            if !props.notices.is_empty() {
                <ul>
                    { for props.notices.iter().enumerate().map(|(i, n)| {
                        let dismiss = props.on_msg.reform(move |_: MouseEvent| Msg::DismissNotice(i));
                        html! {
                            <li class="notice" data-testid="notice">
                                <span class="notice-text">{ n }</span>
                                <button type="button" class="button secondary notice-dismiss" aria-label="Dismiss this notice" onclick={dismiss}>
                                    { "Dismiss" }
                                </button>
                            </li>
                        }
                    }) }
                </ul>
            }
        </div>
    }
}
