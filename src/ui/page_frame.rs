//! The calculator page's frame as `ui::view` data: the skip link, the header, the
//! results section and the footer, which the Yew page renders, and the first frame, which
//! `show` puts on the page with DOM calls as soon as the Wasm starts (issue 13). Yew's
//! first render costs some 20 ms more than these calls (measured: Wasm instance to total
//! 32.2 against 13.9 ms), so Yew starts once that frame is painted, renders the whole page
//! at once and takes its place; the frame is the page's own first frame, so nothing moves.

use crate::ui::components::{bill_views, notices, summary_bar, tuning_summary};
use crate::ui::hooks::link::InitialLink;
use crate::ui::results::Results;
use crate::ui::view::{el, View};
use std::rc::Rc;

/// The link that skips the form for keyboard and screen reader users.
pub fn skip_link() -> View {
    el("a")
        .class("skip-link")
        .attr("href", "#results")
        .on_click(|| crate::ui::browser::jump_to("results"))
        .text("Skip to the results")
        .into()
}

pub fn header() -> View {
    el("header")
        .class("app-header")
        .child(el("h1").text("Lambda cost calculator"))
        .child(
            el("p")
                .class("tagline")
                .text("What an AWS Lambda function costs per month, line by line. ")
                .child(
                    el("a")
                        .attr("href", "./fleet.html")
                        .text("Price a whole fleet"),
                ),
        )
        .into()
}

pub fn footer() -> View {
    let card = lambda_cost::RateCard::embedded();
    el("footer")
        .class("app-footer")
        .child(
            el("p")
                .text(format!(
                    "Prices: AWS, {} rates as of {}. ",
                    card.currency, card.as_of
                ))
                .text("Everything is computed in your browser; nothing is sent anywhere."),
        )
        .into()
}

/// The results section: its heading for screen readers, then `contents` (the page's are
/// a `View::Slot`).
pub fn results_section(contents: Vec<View>) -> View {
    el("section")
        .class("results")
        .attr("id", "results")
        .attr("tabindex", "-1")
        .attr("aria-labelledby", "results-title")
        .child(
            el("h2")
                .attr("id", "results-title")
                .class("visually-hidden")
                .text("Monthly cost"),
        )
        .children(contents)
        .into()
}

/// What the page shows first for a scenario that has a bill: the frame, the link's
/// notices, the summary bar, the Power Tuning runs' summary, the form's column held empty,
/// the Embed button and the bill. The buttons are inert until the page comes, a frame
/// later. `from_link`: the runs came with the link.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub fn first_frame(results: &Rc<Results>, notices: &[String], from_link: bool) -> View {
    let tools = el("div").class("results-tools").child(
        el("button")
            .attr("type", "button")
            .class("button secondary embed-button")
            .attr("aria-haspopup", "dialog")
            .testid("embed-button")
            .text("Embed"),
    );
    let mut contents = vec![tools.into()];
    contents.extend(bill_views(Some(results), false, None).0);
    el("main")
        .class("app")
        .attr("data-first-frame", "")
        .child(skip_link())
        .child(header())
        .child(notices::view(notices, None))
        .child(summary_bar::view(results.bill.total_cents(), None, false))
        .maybe(tuning_summary::view(results, from_link))
        .child(
            el("div")
                .class("layout")
                .child(el("div").class("workload-slot"))
                .child(results_section(contents)),
        )
        .child(footer())
        .into()
}

#[cfg(target_arch = "wasm32")]
thread_local! {
    /// The first frame's links' listeners, kept until the page takes the frame's place.
    static SHOWN: std::cell::RefCell<Option<crate::ui::view::dom::Mounted>> =
        const { std::cell::RefCell::new(None) };
}

/// Puts the first frame on the page when the link's scenario has a bill, and returns the
/// link: the page starts from it, with everything computed, and takes the frame's place
/// (`remove`). A bare Power Tuning hash is read once the page is there; its first frame
/// is the default scenario's, as the page's is.
#[cfg(target_arch = "wasm32")]
pub fn show() -> Option<InitialLink> {
    let link = crate::ui::hooks::link::initial_link();
    let results = Results::first(&link.scenario)?;
    let body = web_sys::window()?.document()?.body()?;
    let from_link = !link.scenario.tuning.is_empty();
    let frame = first_frame(&results, &link.notices, from_link);
    let mounted = crate::ui::view::dom::append(&body, frame);
    SHOWN.with(|shown| *shown.borrow_mut() = Some(mounted));
    Some(link)
}

/// Removes the first frame, if it is on the page, and stops its listeners.
#[cfg(target_arch = "wasm32")]
pub fn remove() {
    if let Some(frame) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("[data-first-frame]").ok().flatten())
    {
        frame.remove();
    }
    SHOWN.with(|shown| shown.borrow_mut().take());
}

// Natively (the SSR tests) there is no page to put a frame on.
#[cfg(not(target_arch = "wasm32"))]
pub fn show() -> Option<InitialLink> {
    None
}
