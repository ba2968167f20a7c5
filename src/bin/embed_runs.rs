//! The embed view for links with Power Tuning runs (`pt`, `pta`, `ptc`, `ptl`): the embed
//! bundle (`src/bin/embed.rs`) with the runs' hash decoder and analysis, drawn on the
//! memory chart. index.html's loader picks it for such links unless they ask for
//! `chart=compute` (`src/bin/embed_compute.rs`, which has both), so other embeds leave
//! the runs' code out and these leave out the comparison of ways to run it.

#[cfg(not(test))]
#[allow(dead_code, unused_imports)]
#[path = "../ui/mod.rs"]
mod ui;

#[cfg(not(test))]
const EMBED_BUNDLE: bool = true;
#[cfg(not(test))]
const COMPUTE_CHART: bool = false;
#[cfg(not(test))]
const TUNING_RUNS: bool = true;

#[cfg(all(not(test), target_arch = "wasm32"))]
fn main() {
    ui::embed::start_page();
}

#[cfg(any(test, not(target_arch = "wasm32")))]
fn main() {}
