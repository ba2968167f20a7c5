//! The calculator in the browser: mounts the Yew app and registers the offline worker.

mod ui;

fn main() {
    yew::Renderer::<ui::App>::new().render();
    ui::offline::register_service_worker();
}
