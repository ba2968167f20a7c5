//! The Power Tuning reader as its own Wasm module (issue 13): Power Tuning's output JSON,
//! visualization links and hashes read into runs. The calculator page loads it the first
//! time a paste or a bare hash in its link needs it (`ui::reader`), so the page's own
//! bundle carries neither a JSON parser nor the readers of Power Tuning's many shapes.
//! It answers in the link's own encodings (`tuning::link::encode_import`).

use wasm_bindgen::prelude::*;

/// Reads a paste: the runs it holds, or why it cannot be read.
#[wasm_bindgen]
pub fn read(text: &str) -> String {
    lambda_cost::tuning::link::encode_import(&lambda_cost::tuning::parse(text))
}

/// Nothing runs at load: the page calls `read`.
fn main() {}
