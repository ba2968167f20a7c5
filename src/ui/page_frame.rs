//! The calculator page's frame as `ui::view` data: the skip link, the header, the
//! results section and the footer, which the Yew page renders, and the first frame, which
//! `show` puts on the page with DOM calls as soon as the Wasm starts (issue 13). Yew's
//! first render costs some 20 ms more than these calls (measured: Wasm instance to total
//! 32.2 against 13.9 ms), so Yew starts once that frame is painted, renders the whole page
//! at once and takes its place; the frame is the page's own first frame, so nothing moves.

use crate::ui::components::{bill_views, summary_bar};
use crate::ui::results::Results;
use crate::ui::view::{el, View};
use lambda_cost::Scenario;
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

/// What the page shows first for a scenario that has a bill: the frame, the summary bar,
/// the form's column held empty, the Embed button (inert until Yew comes, a frame later)
/// and the bill. Links with notices or Power Tuning runs show more above the results, so
/// they are left to Yew's own first frame (`show` returns `None`).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub fn first_frame(results: &Rc<Results>) -> View {
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
        .child(summary_bar::view(results.bill.total_cents(), None, false))
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

/// Puts the first frame on the page when the link's scenario is a plain one with a bill,
/// and returns that scenario: the page starts from it, with everything computed, and
/// takes the frame's place (`remove`).
#[cfg(target_arch = "wasm32")]
pub fn show() -> Option<Scenario> {
    let link = crate::ui::hooks::link::initial_link();
    let plain = link.hash.is_none() && link.notices.is_empty() && link.scenario.tuning.is_empty();
    if !plain {
        return None;
    }
    let results = Results::first(&link.scenario)?;
    let body = web_sys::window()?.document()?.body()?;
    let mounted = crate::ui::view::dom::append(&body, first_frame(&results));
    SHOWN.with(|shown| *shown.borrow_mut() = Some(mounted));
    Some(link.scenario)
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
pub fn show() -> Option<Scenario> {
    None
}
