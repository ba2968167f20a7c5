//! Notices about the link the page was opened with: what a newer version's link held
//! that this one ignored, or why the link could not be opened. Dismissable. Plain markup
//! data (`ui::view`), put on the page by the calculator (through Yew) and by the first
//! frame (`ui::page_frame`).

use crate::ui::view::{el, View};
use std::rc::Rc;

/// The notices, each with its Dismiss button, which calls `dismiss` with its index (inert
/// without `dismiss`: the first frame's, which the page replaces a frame later).
pub fn view(notices: &[String], dismiss: Option<Rc<dyn Fn(usize)>>) -> View {
    let items = notices.iter().enumerate().map(|(i, notice)| {
        let button = el("button")
            .attr("type", "button")
            .class("button secondary notice-dismiss")
            .attr("aria-label", "Dismiss this notice")
            .text("Dismiss");
        let button = match &dismiss {
            Some(dismiss) => {
                let dismiss = dismiss.clone();
                button.on_click(move || dismiss(i))
            }
            None => button,
        };
        el("li")
            .class("notice")
            .testid("notice")
            .child(el("span").class("notice-text").text(notice.clone()))
            .child(button)
    });
    // The live region stays in the page, so notices added later are announced.
    el("div")
        .class("notices")
        .attr("role", "status")
        .testid("notices")
        .maybe((!notices.is_empty()).then(|| el("ul").children(items)))
        .into()
}
