//! The calculator in the browser: mounts the Yew app, registers the offline worker and,
//! on later visits, has it keep the Power Tuning reader and the exports.

mod ui;

/// This bundle draws every kind of chart (see `ui::charts::ChartKind`).
const EMBED_BUNDLE: bool = false;

fn main() {
    yew::Renderer::<ui::App>::new().render();
    ui::offline::register_service_worker();
    ui::reader::keep_for_offline();
    ui::exports::keep_for_offline();
}
