//! Offline use: registers `sw.js` (next to index.html), which keeps a copy of the site's
//! own files so the calculator opens and computes without a network once it has loaded.
//! Only over http(s) in a secure context, and only where the browser has service
//! workers; any failure is ignored (the page works the same, just not offline).

/// Registers the service worker, when the page can have one.
pub fn register_service_worker() {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsValue;
        let Some(window) = web_sys::window() else {
            return;
        };
        let protocol = window.location().protocol().unwrap_or_default();
        if !window.is_secure_context() || !matches!(protocol.as_str(), "http:" | "https:") {
            return;
        }
        let navigator = window.navigator();
        let has_workers = js_sys::Reflect::get(&navigator, &JsValue::from_str("serviceWorker"))
            .is_ok_and(|v| !v.is_undefined() && !v.is_null());
        if !has_workers {
            return;
        }
        let promise = navigator.service_worker().register("./sw.js");
        // Awaited so a rejection is handled, not reported as uncaught.
        wasm_bindgen_futures::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }
}
