//! Files and the clipboard, all local. A download is a Blob behind a `blob:` URL that a
//! temporary `<a download>` opens: the file is made in the page and never travels over
//! the network. Charts export as SVG or PNG, both redrawn in the light theme under a
//! caption (title, scenario, rates' date) so the file stands alone; the PNG has the
//! on-screen canvas's size at the device pixel ratio.
//!
//! The browser calls are only made from click handlers, never while rendering, so the
//! native SSR tests never reach them.

use crate::ui::charts::backend::paint;
use crate::ui::charts::svg;
use crate::ui::charts::{draw_with_caption, Caption, ChartKind, Theme};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Blob, HtmlCanvasElement};

pub const SVG: &str = "image/svg+xml;charset=utf-8";

/// Size of an exported SVG chart, in CSS pixels.
pub const SVG_SIZE: (u32, u32) = (900, 360);

/// The caption of an exported chart: its title, the scenario line and the date of the
/// embedded rates.
pub fn caption(title: &str, scenario: &str) -> Caption {
    Caption {
        title: title.to_string(),
        scenario: scenario.to_string(),
        rates_as_of: lambda_cost::RateCard::embedded().as_of.clone(),
    }
}

/// The chart as a standalone SVG document: light theme, scale 1, `SVG_SIZE`, under its
/// caption. Text uses the `sans-serif` family, which every viewer has.
pub fn chart_svg(chart: &ChartKind, caption: &Caption) -> Option<String> {
    svg::document(SVG_SIZE, |root| {
        draw_with_caption(root, chart, caption, &Theme::LIGHT, 1.0)
    })
    .ok()
    .map(|(document, _)| document)
}

/// Saves the chart as a PNG the size of `shown`'s backing store (its CSS size times the
/// device pixel ratio), redrawn under its caption on a canvas that is never attached.
pub fn save_chart_png(
    name: String,
    chart: &ChartKind,
    caption: &Caption,
    shown: &HtmlCanvasElement,
) {
    let Some(canvas) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("canvas").ok())
        .and_then(|e| e.dyn_into::<HtmlCanvasElement>().ok())
    else {
        return;
    };
    canvas.set_width(shown.width());
    canvas.set_height(shown.height());
    let ratio = web_sys::window()
        .map(|w| w.device_pixel_ratio())
        .filter(|r| *r > 0.0)
        .unwrap_or(1.0);
    let drawn = paint(&canvas, |root| {
        draw_with_caption(root, chart, caption, &Theme::LIGHT, ratio)
    });
    if drawn.is_some() {
        save_canvas_png(name, &canvas);
    }
}

/// Saves `text` as a file called `name`.
pub fn save_text(name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    if let Ok(blob) = Blob::new_with_str_sequence_and_options(&parts, &options) {
        save_blob(name, &blob);
    }
}

/// Saves the canvas's bitmap (its full backing store) as a PNG called `name`.
pub fn save_canvas_png(name: String, canvas: &HtmlCanvasElement) {
    let done = Closure::once_into_js(move |blob: Option<Blob>| {
        if let Some(blob) = blob {
            save_blob(&name, &blob);
        }
    });
    let _ = canvas.to_blob(done.unchecked_ref());
}

/// The canvas whose `data-testid` is `testid`, if it is on the page.
pub fn canvas_by_testid(testid: &str) -> Option<HtmlCanvasElement> {
    web_sys::window()?
        .document()?
        .query_selector(&format!(r#"canvas[data-testid="{testid}"]"#))
        .ok()??
        .dyn_into()
        .ok()
}

fn save_blob(name: &str, blob: &Blob) {
    let _ = try_save_blob(name, blob);
}

fn try_save_blob(name: &str, blob: &Blob) -> Option<()> {
    let url = web_sys::Url::create_object_url_with_blob(blob).ok()?;
    let document = web_sys::window()?.document()?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    link.set_href(&url);
    link.set_download(name);
    link.set_hidden(true);
    document.body()?.append_child(&link).ok()?;
    link.click();
    link.remove();
    // The download holds the blob by now; the delay only spares browsers that read the
    // URL late. Revoking frees the memory.
    gloo::timers::callback::Timeout::new(30_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Some(())
}

/// Copies `text` to the clipboard: the Clipboard API where the page may use it, else a
/// selected textarea and `execCommand("copy")`. `done` learns whether it worked.
pub fn copy_text(text: String, done: impl FnOnce(bool) + 'static) {
    crate::ui::browser::write_clipboard(text.clone(), move |ok| {
        done(ok || copy_by_selection(&text))
    });
}

fn copy_by_selection(text: &str) -> bool {
    let copy = || -> Option<bool> {
        let document = web_sys::window()?.document()?;
        let area: web_sys::HtmlTextAreaElement =
            document.create_element("textarea").ok()?.dyn_into().ok()?;
        area.set_value(text);
        area.set_read_only(true);
        let _ = area.set_attribute("style", "position:fixed;top:0;left:-9999px;opacity:0");
        document.body()?.append_child(&area).ok()?;
        area.select();
        let ok = document
            .dyn_ref::<web_sys::HtmlDocument>()
            .and_then(|d| d.exec_command("copy").ok())
            .unwrap_or(false);
        area.remove();
        Some(ok)
    };
    copy().unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_export_as_standalone_svg() {
        let s = lambda_cost::scenario::link::decode("#memory=1024&duration=2000&requests=7440000")
            .unwrap()
            .scenario;
        let r = crate::ui::results::Results::compute(&s).unwrap();
        let caption = caption(
            "Cost and duration by memory",
            &lambda_cost::export::embed::summary(&s),
        );
        let svg = chart_svg(&r.curves().memory.clone().into(), &caption).unwrap();
        assert!(svg.starts_with("<svg"), "{}", &svg[..80]);
        assert!(svg.contains(r#"width="900" height="360""#));
        assert!(svg.contains("Memory (MB, log scale)"));
        assert!(svg.contains(r#"font-family="sans-serif""#));
        assert!(svg.trim_end().ends_with("</svg>"));
        // It says what it is, for which scenario and with which rates.
        assert!(svg.contains("Cost and duration by memory"));
        assert!(svg.contains("us-east-1 · x86_64 · 1,024 MB · 2,000 ms · 7,440,000 requests/month"));
        let as_of = &lambda_cost::RateCard::embedded().as_of;
        assert!(svg.contains(&format!("AWS rates as of {as_of}")), "{as_of}");
        // A scenario line too long for the width is cut; the rates' date stays.
        let long = super::caption(
            "Cost by request volume",
            &"us-east-1 · 1 provisioned · ".repeat(10),
        );
        let svg = chart_svg(&r.curves().volume.clone().into(), &long).unwrap();
        assert!(svg.contains(&format!("… · AWS rates as of {as_of}")));
        for chart in [
            r.curves().volume.clone().into(),
            r.curves().utilization.clone().into(),
        ] {
            assert!(chart_svg(&chart, &caption).unwrap().starts_with("<svg"));
        }
    }
}
