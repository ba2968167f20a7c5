//! The calculator in the browser: mounts the Yew app and registers the offline worker.

mod ui;

/// This bundle draws every kind of chart (see `ui::charts::ChartKind`).
const EMBED_BUNDLE: bool = false;

fn main() {
    yew::Renderer::<ui::App>::new().render();
    ui::offline::register_service_worker();
}
