//! A Wasm module of the site's own that the page loads on first use (issue 13): the
//! Power Tuning reader (`ui::reader`) and the export files (`ui::exports`). The page's
//! loader (`scripts/csp-hashes.mjs`) gives each a function returning a promise of its
//! entry point: it fetches the module, checked against its digest, once, and forgets a
//! failed load so the next call tries again. The entry point takes one string and
//! answers one.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::js_sys::{Function, Promise};

/// The loader's function for one module.
pub type Loader = fn() -> Result<Promise, JsValue>;

/// Why a module gave no answer.
pub enum Failure {
    /// It could not be loaded (the network, or a file that does not match its digest).
    NotLoaded,
    /// Its entry point threw.
    Stopped,
    /// It answered something other than text.
    Garbled,
}

/// Starts loading a module, so that a call on its way does not wait for it. A failure
/// is left for `call` to report.
pub fn prepare(loader: Loader) {
    if let Ok(promise) = loader() {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = JsFuture::from(promise).await;
        });
    }
}

/// Calls a module's entry point with `text`, loading the module first if need be.
pub async fn call(loader: Loader, text: &str) -> Result<String, Failure> {
    let promise = loader().map_err(|_| Failure::NotLoaded)?;
    let entry: Function = JsFuture::from(promise)
        .await
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or(Failure::NotLoaded)?;
    entry
        .call1(&JsValue::NULL, &text.into())
        .map_err(|_| Failure::Stopped)?
        .as_string()
        .ok_or(Failure::Garbled)
}

#[wasm_bindgen]
extern "C" {
    /// The Power Tuning reader's `read`.
    #[wasm_bindgen(catch, js_name = powerTuningReader)]
    pub fn power_tuning_reader() -> Result<Promise, JsValue>;

    /// The export files' `make`.
    #[wasm_bindgen(catch, js_name = exportFiles)]
    pub fn export_files() -> Result<Promise, JsValue>;
}
