//! The export files, made on first use (issue 13). The CSV and Markdown of the bill, the
//! table by memory, the Power Tuning runs and the comparison take serializers that only
//! a press of an export button needs, so they are their own Wasm module
//! (`src/bin/exports.rs`), which the page's loader fetches, checked against its digest,
//! the first time `make` or `prepare` asks for it (`window.exportFiles` in
//! `scripts/csp-hashes.mjs`). The page sends the scenario's link and which file
//! (`export::file::request`); the module makes the file with the same core. Natively (the
//! component tests) the core makes it in place.

#[cfg(target_arch = "wasm32")]
use crate::ui::on_demand;
use lambda_cost::export::file::{File, Made};
use lambda_cost::Scenario;

/// The file, or why it could not be made; the message is for people.
pub type Answer = Result<Made, String>;

#[cfg(target_arch = "wasm32")]
const NOT_LOADED: &str = "The exports could not be loaded (is the network down?): try again";
#[cfg(target_arch = "wasm32")]
const STOPPED: &str = "The exports stopped on this file: reload the page and try again";

/// Makes `file` of `s` and calls `done` with it.
#[cfg(target_arch = "wasm32")]
pub fn make(file: File, s: &Scenario, done: impl FnOnce(Answer) + 'static) {
    let request = lambda_cost::export::file::request(file, &crate::ui::browser::page_url(), s);
    wasm_bindgen_futures::spawn_local(async move { done(answer(&request).await) });
}

/// Starts loading the module, so that the file is made without waiting for it (the
/// export buttons ask when they get the focus or the pointer). A failure is left for
/// `make` to report.
#[cfg(target_arch = "wasm32")]
pub fn prepare() {
    on_demand::prepare(on_demand::export_files);
}

/// On a visit the offline worker answers, loads the module a few seconds after start so
/// the worker keeps it and the exports work offline (`offline::keep_later`).
#[cfg(target_arch = "wasm32")]
pub fn keep_for_offline() {
    crate::ui::offline::keep_later(prepare);
}

#[cfg(target_arch = "wasm32")]
async fn answer(request: &str) -> Answer {
    let answer = on_demand::call(on_demand::export_files, request)
        .await
        .map_err(|failure| match failure {
            on_demand::Failure::NotLoaded => NOT_LOADED.to_string(),
            on_demand::Failure::Stopped | on_demand::Failure::Garbled => STOPPED.to_string(),
        })?;
    lambda_cost::export::file::read_answer(&answer)
}

#[cfg(not(target_arch = "wasm32"))]
pub fn make(file: File, s: &Scenario, done: impl FnOnce(Answer) + 'static) {
    done(lambda_cost::export::file::make(
        file,
        &crate::ui::browser::page_url(),
        s,
    ))
}

#[cfg(not(target_arch = "wasm32"))]
pub fn prepare() {}

#[cfg(not(target_arch = "wasm32"))]
pub fn keep_for_offline() {}
