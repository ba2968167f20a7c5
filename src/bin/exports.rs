//! The export files as their own Wasm module (issue 13): the CSV and Markdown of the
//! bill, the table by memory, the Power Tuning runs and the comparison of ways to run it.
//! The calculator page loads it the first time an export button needs it (`ui::exports`),
//! so the page's own bundle carries none of the serializers. It makes the file with the
//! same core, from the scenario's link (`export::file::answer`).

use wasm_bindgen::prelude::*;

/// Makes the file a request names: its name and text, or why it cannot be made.
#[wasm_bindgen]
pub fn make(request: &str) -> String {
    lambda_cost::export::file::answer(request)
}

/// Nothing runs at load: the page calls `make`.
fn main() {}
