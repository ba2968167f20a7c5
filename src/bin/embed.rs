// The embed view (`index.html#…&embed=1`) as its own small Wasm bundles: the index page's
// loader picks one of them instead of the calculator's when the fragment asks for the
// embedded view, so an iframe loads the total, the bill and one chart without the form,
// the Power Tuning import, the exports or the dialogs, and without Yew: the view is put
// on the page with plain DOM calls (`ui::view::dom`). It compiles the same `ui` module
// as the calculator; what `ui::embed::run` does not reach is left out by the linker.
//
// This root is built as three bundles, told apart by the binary's name (Cargo.toml):
// `embed`, the one most links get; `embed-runs` (src/bin/embed_runs.rs includes this
// file), which also reads a link's Power Tuning runs (their decoder and analysis, 14 KB
// gzip that most embeds never use); `embed-compute` (src/bin/embed_compute.rs), which
// also draws the comparison of ways to run it (`chart=compute`: its core, the instance
// table and its chart, 12 KB gzip) and reads runs.
// (Plain comments, not `//!`: the other roots `include!` this file.)

#[cfg(not(test))]
#[allow(dead_code, unused_imports)]
#[path = "../ui/mod.rs"]
mod ui;

/// Which of the three bundles this is.
#[cfg(not(test))]
const BUNDLE: &str = env!("CARGO_BIN_NAME");
/// The embed view draws neither the Power Tuning chart nor the pinned-scenario comparison:
/// saying so leaves their drawing code out of these bundles (`ui::charts::ChartKind`).
#[cfg(not(test))]
const EMBED_BUNDLE: bool = true;
/// Only `embed-compute` draws the comparison of ways to run it.
#[cfg(not(test))]
const COMPUTE_CHART: bool = matches!(BUNDLE.as_bytes(), b"embed-compute");
/// `embed` reads no Power Tuning runs (on the memory chart, and on Managed Instances):
/// index.html's loader gives a link with runs one of the others.
#[cfg(not(test))]
const TUNING_RUNS: bool = !matches!(BUNDLE.as_bytes(), b"embed");

#[cfg(all(not(test), target_arch = "wasm32"))]
fn main() {
    ui::embed::start_page();
}

/// The view runs in a browser only; the UI's tests run once, in the calculator's binary.
#[cfg(any(test, not(target_arch = "wasm32")))]
fn main() {}
