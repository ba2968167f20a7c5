//! The calculator in the browser: puts the first frame on the page (the total and the bill,
//! without Yew), mounts the Yew app once that frame is painted, registers the offline
//! worker and, on later visits, has it keep the Power Tuning reader and the exports.

mod ui;

/// This bundle draws every kind of chart (see `ui::charts::ChartKind`) and a link's runs.
const EMBED_BUNDLE: bool = false;
const COMPUTE_CHART: bool = true;
const TUNING_RUNS: bool = true;

fn main() {
    let start = |shown| {
        yew::Renderer::<ui::App>::with_props(ui::AppProps { shown }).render();
        ui::offline::register_service_worker();
        ui::reader::keep_for_offline();
        ui::exports::keep_for_offline();
    };
    match ui::page_frame::show() {
        Some(link) => ui::browser::after_next_paint(move || start(Some(link))),
        None => start(None),
    }
}
