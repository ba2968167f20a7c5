//! The embed view for `chart=compute`: the embed bundle (`src/bin/embed.rs`) with the
//! comparison of ways to run it, and the Power Tuning runs' decoder and analysis for a
//! link that has both. index.html's loader picks it for that chart only, so every other
//! embedded view leaves that comparison's code out.

#[cfg(not(test))]
#[allow(dead_code, unused_imports)]
#[path = "../ui/mod.rs"]
mod ui;

#[cfg(not(test))]
const EMBED_BUNDLE: bool = true;
#[cfg(not(test))]
const COMPUTE_CHART: bool = true;
#[cfg(not(test))]
const TUNING_RUNS: bool = true;

#[cfg(all(not(test), target_arch = "wasm32"))]
fn main() {
    ui::embed::start_page();
}

#[cfg(any(test, not(target_arch = "wasm32")))]
fn main() {}
