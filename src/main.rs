//! The calculator in the browser: mounts the Yew app, nothing else.

mod ui;

fn main() {
    yew::Renderer::<ui::App>::new().render();
}
