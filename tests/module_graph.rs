//! The library's top-level modules form no cycle: a module names another (`crate::x`,
//! or `super::` out of its own folder) only when it builds on it. Unit tests at the end
//! of a file (`#[cfg(test)] mod …`) and comments do not count.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// The shipped code of a file: without comments and without its unit tests.
fn shipped(text: &str) -> String {
    let end = text.find("#[cfg(test)]\nmod ").unwrap_or(text.len());
    text[..end]
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The names `prefix` is followed by in `text` (`crate::pricing::…` gives `pricing`).
fn named_after(text: &str, prefix: &str) -> BTreeSet<String> {
    text.match_indices(prefix)
        .map(|(i, _)| {
            text[i + prefix.len()..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect()
        })
        .collect()
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = fs::read_to_string(src.join("lib.rs")).unwrap();
    let modules: Vec<String> = named_after(&lib, "pub mod ").into_iter().collect();
    let mut edges = BTreeMap::new();
    for m in &modules {
        let files = if src.join(m).is_dir() {
            rust_files(&src.join(m))
        } else {
            vec![src.join(format!("{m}.rs"))]
        };
        let mut deps = BTreeSet::new();
        for f in files {
            let text = shipped(&fs::read_to_string(&f).unwrap());
            deps.extend(named_after(&text, "crate::"));
            // As many `super::` as the file is deep (`mod.rs` counts as its folder)
            // reach the crate's top level.
            let depth = f.strip_prefix(&src).unwrap().components().count()
                - usize::from(f.ends_with("mod.rs"));
            deps.extend(named_after(&text, &"super::".repeat(depth)));
        }
        deps.retain(|d| modules.contains(d) && d != m);
        edges.insert(m.clone(), deps);
    }
    edges
}

/// A cycle through `from`, as the path that closes it.
fn cycle_from(
    edges: &BTreeMap<String, BTreeSet<String>>,
    path: &mut Vec<String>,
) -> Option<Vec<String>> {
    let last = path.last().unwrap().clone();
    for next in &edges[&last] {
        if next == &path[0] {
            let mut c = path.clone();
            c.push(next.clone());
            return Some(c);
        }
        if !path.contains(next) {
            path.push(next.clone());
            if let Some(c) = cycle_from(edges, path) {
                return Some(c);
            }
            path.pop();
        }
    }
    None
}

#[test]
fn the_core_modules_form_no_cycle() {
    let edges = graph();
    // The scan sees the edges it must (a check that it reads the code at all).
    assert!(edges["scenario"].contains("pricing"), "{edges:?}");
    assert!(edges["export"].contains("scenario"), "{edges:?}");
    assert!(edges["money"].is_empty(), "{edges:?}");
    for m in edges.keys() {
        if let Some(c) = cycle_from(&edges, &mut vec![m.clone()]) {
            panic!("module cycle: {}", c.join(" -> "));
        }
    }
}
