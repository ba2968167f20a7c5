//! The Power Tuning reader, loaded on first use (issue 13). Reading Power Tuning's output
//! JSON takes a JSON parser and the readers of every shape it comes in, about a tenth of
//! the calculator's bundle; only a paste or a bare hash in the page's link needs them. So
//! they are their own Wasm module (`src/bin/reader.rs`), which the page's loader fetches,
//! checked against its digest, the first time `read` or `prepare` asks for it
//! (`window.powerTuningReader` in `scripts/csp-hashes.mjs`). Its answer comes in the link's
//! own encodings (`tuning::link::encode_import`). Natively (the component tests) the core
//! reads the paste in place.

#[cfg(target_arch = "wasm32")]
use crate::ui::on_demand;
use lambda_cost::tuning::{Import, TuningError};

/// What reading a paste gave: its runs or why the paste cannot be read, or `Err` when
/// the reader itself failed (it could not be loaded, or stopped on this paste).
pub type Answer = Result<Result<Import, TuningError>, Unavailable>;

/// The reader failed, not the paste; the message says what to do.
#[derive(Debug, Clone, PartialEq)]
pub struct Unavailable(pub &'static str);

#[cfg(target_arch = "wasm32")]
const NOT_LOADED: &str = "the Power Tuning reader could not be loaded (is the network down? \
     It is fetched the first time a Power Tuning result is read); try again";
#[cfg(target_arch = "wasm32")]
const STOPPED: &str =
    "the Power Tuning reader stopped on this paste; reload the page and try again";
#[cfg(target_arch = "wasm32")]
const GARBLED: &str = "the Power Tuning reader gave no answer; try again, or reload the page";

impl Unavailable {
    /// For the paste box: the reason in the words of a paste's message.
    pub fn into_paste_error(self) -> TuningError {
        TuningError::new(self.0)
    }
}

/// Reads a paste and calls `done` with the answer.
#[cfg(target_arch = "wasm32")]
pub fn read(text: String, done: impl FnOnce(Answer) + 'static) {
    wasm_bindgen_futures::spawn_local(async move { done(answer(&text).await) });
}

/// Starts loading the reader, so that a paste on its way is read without waiting for it
/// (the paste box asks when it gets the focus). A failure is left for `read` to report.
#[cfg(target_arch = "wasm32")]
pub fn prepare() {
    on_demand::prepare(on_demand::power_tuning_reader);
}

/// On a visit the offline worker answers, loads the reader a few seconds after start, so
/// the worker keeps it and a paste is read offline too (`offline::keep_later`).
#[cfg(target_arch = "wasm32")]
pub fn keep_for_offline() {
    crate::ui::offline::keep_later(prepare);
}

#[cfg(target_arch = "wasm32")]
async fn answer(text: &str) -> Answer {
    use on_demand::Failure;
    let answer = on_demand::call(on_demand::power_tuning_reader, text)
        .await
        .map_err(|failure| {
            Unavailable(match failure {
                Failure::NotLoaded => NOT_LOADED,
                Failure::Stopped => STOPPED,
                Failure::Garbled => GARBLED,
            })
        })?;
    Ok(lambda_cost::tuning::link::decode_import(&answer))
}

#[cfg(not(target_arch = "wasm32"))]
pub fn read(text: String, done: impl FnOnce(Answer) + 'static) {
    done(Ok(lambda_cost::tuning::parse(&text)))
}

#[cfg(not(target_arch = "wasm32"))]
pub fn prepare() {}

#[cfg(not(target_arch = "wasm32"))]
pub fn keep_for_offline() {}
