//! The embed view (`index.html#…&embed=1`) as its own small Wasm bundle: the index page's
//! loader picks this module instead of the calculator's when the fragment asks for the
//! embedded view, so an iframe loads the total, the bill and one chart without the form,
//! the Power Tuning import, the exports or the dialogs, and without Yew: the view is put
//! on the page with plain DOM calls (`ui::view::dom`). It compiles the same `ui` module
//! as the calculator; what `ui::embed::run` does not reach is left out by the linker.
//! The comparison of ways to run it (`chart=compute`: its core, the instance table and
//! its chart, 12 KB gzip) and a link's Power Tuning runs are left out too: the embed
//! bundles for those links (`src/bin/embed_compute.rs`, `src/bin/embed_runs.rs`) draw them.

#[cfg(not(test))]
#[allow(dead_code, unused_imports)]
#[path = "../ui/mod.rs"]
mod ui;

/// The embed view draws neither the Power Tuning chart nor the pinned-scenario comparison:
/// saying so leaves their drawing code out of this bundle (`ui::charts::ChartKind`).
#[cfg(not(test))]
const EMBED_BUNDLE: bool = true;
/// Nor, in this bundle, the comparison of ways to run it.
#[cfg(not(test))]
const COMPUTE_CHART: bool = false;
/// Nor a link's Power Tuning runs (on the memory chart, and on Managed Instances): their
/// decoder and analysis are 14 KB gzip of Wasm that most embeds never use. index.html's
/// loader gives a link with runs the bundle that reads them (`src/bin/embed_runs.rs`).
#[cfg(not(test))]
const TUNING_RUNS: bool = false;

#[cfg(all(not(test), target_arch = "wasm32"))]
fn main() {
    ui::embed::start_page();
}

/// The view runs in a browser only; the UI's tests run once, in the calculator's binary.
#[cfg(any(test, not(target_arch = "wasm32")))]
fn main() {}
