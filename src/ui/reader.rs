//! The Power Tuning reader, loaded on first use (issue 13). Reading Power Tuning's output
//! JSON takes a JSON parser and the readers of every shape it comes in, about a tenth of
//! the calculator's bundle; only a paste or a bare hash in the page's link needs them. So
//! they are their own Wasm module (`src/bin/reader.rs`), which the page's loader fetches,
//! checked against its digest, the first time `read` or `prepare` asks for it
//! (`window.powerTuningReader` in `scripts/csp-hashes.mjs`). Its answer comes in the link's
//! own encodings (`tuning::link::encode_import`). Natively (the component tests) the core
//! reads the paste in place.

use lambda_cost::tuning::{Import, TuningError};

/// Reads a paste and calls `done` with its runs, or with why it cannot be read (the
/// reader's own message, or that the reader could not be loaded).
#[cfg(target_arch = "wasm32")]
pub fn read(text: String, done: impl FnOnce(Result<Import, TuningError>) + 'static) {
    wasm_bindgen_futures::spawn_local(async move { done(answer(&text).await) });
}

/// Starts loading the reader, so that a paste on its way is read without waiting for it
/// (the paste box asks when it gets the focus).
#[cfg(target_arch = "wasm32")]
pub fn prepare() {
    let _ = js::power_tuning_reader();
}

/// On a visit the offline worker answers (any after the first), loads the reader a few
/// seconds after start, so the worker keeps it and a paste is read offline too. A first
/// visit downloads it only when it is used.
#[cfg(target_arch = "wasm32")]
pub fn keep_for_offline() {
    use web_sys::js_sys::Reflect;
    let controlled = web_sys::window()
        .and_then(|w| Reflect::get(&w.navigator(), &"serviceWorker".into()).ok())
        .filter(|sw| sw.is_object())
        .and_then(|sw| Reflect::get(&sw, &"controller".into()).ok())
        .is_some_and(|c| c.is_object());
    if controlled {
        gloo::timers::callback::Timeout::new(KEEP_AFTER_MS, prepare).forget();
    }
}

/// Long after the first result and the charts (about 0.2 s here).
#[cfg(target_arch = "wasm32")]
const KEEP_AFTER_MS: u32 = 3_000;

#[cfg(target_arch = "wasm32")]
async fn answer(text: &str) -> Result<Import, TuningError> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::js_sys::{Function, Reflect};
    let unavailable = |_| {
        TuningError::new(
            "the Power Tuning reader could not be loaded (is the network down? It is \
             fetched the first time a result is pasted); try again",
        )
    };
    let promise = js::power_tuning_reader().map_err(unavailable)?;
    let module = JsFuture::from(promise).await.map_err(unavailable)?;
    let read: Function = Reflect::get(&module, &"read".into())
        .map_err(unavailable)?
        .dyn_into()
        .map_err(unavailable)?;
    let answer = read
        .call1(&module, &text.into())
        .map_err(unavailable)?
        .as_string()
        .unwrap_or_default();
    lambda_cost::tuning::link::decode_import(&answer)
}

#[cfg(target_arch = "wasm32")]
mod js {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        /// The reader's module once its Wasm is running; the loader caches the promise
        /// (and forgets it when loading fails, so a later paste tries again).
        #[wasm_bindgen(catch, js_name = powerTuningReader)]
        pub fn power_tuning_reader() -> Result<web_sys::js_sys::Promise, JsValue>;
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub fn read(text: String, done: impl FnOnce(Result<Import, TuningError>) + 'static) {
    done(lambda_cost::tuning::parse(&text))
}

#[cfg(not(target_arch = "wasm32"))]
pub fn prepare() {}

#[cfg(not(target_arch = "wasm32"))]
pub fn keep_for_offline() {}
