//! Offline use: registers `sw.js` (next to index.html), which keeps a copy of the site's
//! own files so the calculator opens and computes without a network once it has loaded.
//! Only over http(s) in a secure context, and only where the browser has service
//! workers; any failure is ignored (the page works the same, just not offline).

/// Registers the service worker, when the page can have one.
pub fn register_service_worker() {
    #[cfg(target_arch = "wasm32")]
    {
        let Some(window) = web_sys::window() else {
            return;
        };
        let protocol = window.location().protocol().unwrap_or_default();
        if !window.is_secure_context() || !matches!(protocol.as_str(), "http:" | "https:") {
            return;
        }
        let Some(workers) = service_workers() else {
            return;
        };
        let promise = workers.register("./sw.js");
        // Awaited so a rejection is handled, not reported as uncaught.
        wasm_bindgen_futures::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        });
    }
}

/// Whether a service worker answers this page's requests: true on any visit after the
/// first, once the worker is installed.
#[cfg(target_arch = "wasm32")]
pub fn controlled() -> bool {
    service_workers().is_some_and(|w| {
        js_sys::Reflect::get(&w, &"controller".into()).is_ok_and(|c| c.is_object())
    })
}

/// On a visit the worker answers (any after the first), runs `prepare` a few seconds after
/// start: a module loaded on first use (the Power Tuning reader, the exports) is then
/// fetched through the worker, which keeps it, so it works offline too. A first visit
/// downloads such a module only when it is used.
#[cfg(target_arch = "wasm32")]
pub fn keep_later(prepare: fn()) {
    if controlled() {
        gloo::timers::callback::Timeout::new(KEEP_AFTER_MS, prepare).forget();
    }
}

/// Long after the first result and the charts (about 0.2 s here).
#[cfg(target_arch = "wasm32")]
const KEEP_AFTER_MS: u32 = 3_000;

/// `navigator.serviceWorker`, where the browser has it (web-sys assumes it always does).
#[cfg(target_arch = "wasm32")]
fn service_workers() -> Option<web_sys::ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::get(&navigator, &"serviceWorker".into())
        .ok()
        .filter(|v| v.is_object())?;
    Some(navigator.service_worker())
}
