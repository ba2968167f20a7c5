//! Drawing as an SVG document, with text sized by plotters' estimate as its SVG backend
//! does (a file cannot know the fonts of the viewer that opens it).

use super::recording::{self, Area};
use plotters::prelude::SVGBackend;
use plotters_backend::DrawingBackend;

/// Draws with `draw` on `size` pixels and returns the SVG document and what `draw`
/// returned.
pub fn document<T>(
    size: (u32, u32),
    draw: impl FnOnce(&Area) -> Result<T, String>,
) -> Result<(String, T), String> {
    let (root, recording) = recording::area(size, Box::new(recording::estimate));
    let drawn = draw(&root)?;
    let mut out = String::new();
    {
        let mut backend = SVGBackend::with_string(&mut out, size);
        recording.play(&mut backend).map_err(|e| e.to_string())?;
        backend.present().map_err(|e| e.to_string())?;
    }
    Ok((out, drawn))
}
