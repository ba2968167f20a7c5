//! The calculator page's frame as `ui::view` data: the skip link, the header and the
//! footer, which the Yew page renders, and the first frame, which `show` puts on the page
//! with DOM calls as soon as the Wasm starts (issue 13). Yew's first render costs some 20
//! ms more than these calls (measured: Wasm instance to total 32.2 against 13.9 ms), so
//! Yew starts once that frame is painted, renders the whole page at once and takes its
//! place; the frame is the page's own first frame, so nothing moves.

use crate::ui::components::{bill_views, summary_bar};
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

/// The results section's opening: its heading for screen readers, then the tools row.
pub fn results_heading() -> View {
    el("h2")
        .attr("id", "results-title")
        .class("visually-hidden")
        .text("Monthly cost")
        .into()
}

/// What the page shows first for a scenario that has a bill: the frame, the summary bar,
/// the form's column held empty, the Embed button (inert until Yew comes, a frame later)
/// and the bill. Links with notices or Power Tuning runs show more above the results, so
/// they are left to Yew's own first frame (`show` returns `None`).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub fn first_frame(results: &Rc<Results>) -> View {
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
                .child(
                    el("section")
                        .class("results")
                        .attr("id", "results")
                        .attr("tabindex", "-1")
                        .attr("aria-labelledby", "results-title")
                        .child(results_heading())
                        .child(
                            el("div").class("results-tools").child(
                                el("button")
                                    .attr("type", "button")
                                    .class("button secondary embed-button")
                                    .attr("aria-haspopup", "dialog")
                                    .testid("embed-button")
                                    .text("Embed"),
                            ),
                        )
                        .children(bill_views(Some(results), false, None).0),
                ),
        )
        .child(footer())
        .into()
}

/// Puts the first frame on the page for the link's scenario, when it is a plain one with a
/// bill; the page (Yew) removes it when it comes (`remove`).
#[cfg(target_arch = "wasm32")]
pub fn show() -> Option<FirstFrame> {
    let link = crate::ui::hooks::link::initial_link();
    let plain = link.hash.is_none() && link.notices.is_empty() && link.scenario.tuning.is_empty();
    if !plain {
        return None;
    }
    let results = Results::first(&link.scenario)?;
    let body = web_sys::window()?.document()?.body()?;
    Some(FirstFrame {
        _mounted: crate::ui::view::dom::append(&body, first_frame(&results)),
    })
}

/// The first frame on the page, with its links' listeners.
pub struct FirstFrame {
    #[cfg(target_arch = "wasm32")]
    _mounted: crate::ui::view::dom::Mounted,
}

impl FirstFrame {
    /// The page has taken the frame's place (`remove`): its listeners stop.
    pub fn replaced(self) {}
}

/// Removes the first frame, if it is on the page.
#[cfg(target_arch = "wasm32")]
pub fn remove() {
    if let Some(frame) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("[data-first-frame]").ok().flatten())
    {
        frame.remove();
    }
}

/// Runs `f` once the frame on the page is painted.
#[cfg(target_arch = "wasm32")]
pub fn after_paint(f: impl FnOnce() + 'static) {
    crate::ui::browser::after_next_paint(f)
}

// Natively (the SSR tests) there is no page to put a frame on.
#[cfg(not(target_arch = "wasm32"))]
pub fn show() -> Option<FirstFrame> {
    None
}

#[cfg(not(target_arch = "wasm32"))]
pub fn after_paint(f: impl FnOnce() + 'static) {
    f()
}
