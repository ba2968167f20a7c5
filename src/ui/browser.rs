//! The few things the app reads from or asks of the browser beyond the DOM it renders:
//! the page address, its fragment and changes to it, and the clipboard. In one place so
//! that every feature does them the same way; natively (the SSR tests) there is no
//! browser, so these are no-ops there.

/// The page's address without its fragment ("" outside a browser).
#[cfg(target_arch = "wasm32")]
pub fn page_url() -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    match href.split_once('#') {
        Some((page, _)) => page.to_string(),
        None => href,
    }
}

/// The page's fragment with its `#`, when it has one.
#[cfg(target_arch = "wasm32")]
pub fn current_fragment() -> Option<String> {
    web_sys::window()?
        .location()
        .hash()
        .ok()
        .filter(|h| !h.is_empty())
}

/// Calls `f` with the new fragment ("" when it was removed) whenever it changes; the
/// listener stops when the returned value is dropped. The fragment is the event's
/// (`newURL`), not the address's when the event is handled: the page's own write of its
/// link (`history.replaceState`, which fires no event) may come in between.
#[cfg(target_arch = "wasm32")]
pub fn on_hash_change(f: impl Fn(String) + 'static) -> Option<gloo::events::EventListener> {
    let window = web_sys::window()?;
    Some(gloo::events::EventListener::new(
        &window,
        "hashchange",
        move |event| {
            let new_url = js_sys::Reflect::get(event, &"newURL".into())
                .ok()
                .and_then(|u| u.as_string());
            let fragment = match new_url {
                Some(url) => url.find('#').map(|i| url[i..].to_string()),
                None => current_fragment(),
            };
            f(fragment.filter(|f| f.len() > 1).unwrap_or_default())
        },
    ))
}

/// Scrolls to the element with this id and gives it the focus (it carries
/// `tabindex="-1"`), without touching the fragment: the fragment is the scenario.
#[cfg(target_arch = "wasm32")]
pub fn jump_to(id: &str) {
    use wasm_bindgen::JsCast;
    let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    else {
        return;
    };
    el.scroll_into_view();
    if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
}

/// Writes `text` with `navigator.clipboard.writeText`; `done(false)` when the API is
/// missing (insecure context, old browser) or the write is refused.
#[cfg(target_arch = "wasm32")]
pub fn write_clipboard(text: String, done: impl FnOnce(bool) + 'static) {
    use web_sys::js_sys::Reflect;
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return done(false);
    };
    let available = Reflect::get(&navigator, &"clipboard".into())
        .ok()
        .filter(|c| c.is_object())
        .and_then(|c| Reflect::get(&c, &"writeText".into()).ok())
        .is_some_and(|f| f.is_function());
    if !available {
        return done(false);
    }
    let promise = navigator.clipboard().write_text(&text);
    wasm_bindgen_futures::spawn_local(async move {
        done(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
    });
}

/// Runs `f` once the browser has painted the next frame (a timer set from the frame's
/// callback runs after its paint), or at once where there is no window.
#[cfg(target_arch = "wasm32")]
pub fn after_next_paint(f: impl FnOnce() + 'static) {
    use wasm_bindgen::{closure::Closure, JsCast};
    let frame = Closure::once_into_js(move || gloo::timers::callback::Timeout::new(0, f).forget());
    if let Some(w) = web_sys::window() {
        let _ = w.request_animation_frame(frame.unchecked_ref());
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub fn page_url() -> String {
    String::new()
}

#[cfg(not(target_arch = "wasm32"))]
pub fn current_fragment() -> Option<String> {
    None
}

#[cfg(not(target_arch = "wasm32"))]
pub fn on_hash_change(_: impl Fn(String) + 'static) -> Option<()> {
    None
}

#[cfg(not(target_arch = "wasm32"))]
pub fn jump_to(_: &str) {}

#[cfg(not(target_arch = "wasm32"))]
pub fn write_clipboard(_: String, done: impl FnOnce(bool) + 'static) {
    done(false)
}

#[cfg(not(target_arch = "wasm32"))]
pub fn after_next_paint(f: impl FnOnce() + 'static) {
    f()
}
