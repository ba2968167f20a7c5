//! The embed view (`index.html#…&embed=1`) as its own small Wasm bundle: the index page's
//! loader picks this module instead of the calculator's when the fragment asks for the
//! embedded view, so an iframe loads the total, the bill and one chart without the form,
//! the Power Tuning import, the exports or the dialogs, and without Yew: the view is put
//! on the page with plain DOM calls (`ui::view::dom`). It compiles the same `ui` module
//! as the calculator; what `ui::embed::run` does not reach is left out by the linker.

#[cfg(not(test))]
#[allow(dead_code, unused_imports)]
#[path = "../ui/mod.rs"]
mod ui;

/// The embed view draws neither the Power Tuning chart nor the pinned-scenario comparison:
/// saying so leaves their drawing code out of this bundle (`ui::charts::ChartKind`).
#[cfg(not(test))]
const EMBED_BUNDLE: bool = true;

#[cfg(all(not(test), target_arch = "wasm32"))]
fn main() {
    ui::embed::run();
    ui::offline::register_service_worker();
}

/// The view runs in a browser only; the UI's tests run once, in the calculator's binary.
#[cfg(any(test, not(target_arch = "wasm32")))]
fn main() {}
