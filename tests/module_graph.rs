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

/// `text` with the insides of string and character literals blanked, so that braces,
/// `//` and paths in them count for nothing.
fn blank_literals(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let raw_hashes = (c == 'r' && (i == 0 || !chars[i - 1].is_alphanumeric()))
            .then(|| chars[i + 1..].iter().take_while(|h| **h == '#').count())
            .filter(|n| chars.get(i + 1 + n) == Some(&'"'));
        if let Some(n) = raw_hashes {
            // r"…" or r#"…"#: ends at a quote followed by as many hashes.
            let close: String = std::iter::once('"').chain("#".repeat(n).chars()).collect();
            let body = i + 2 + n;
            let rest: String = chars[body..].iter().collect();
            let len = rest
                .find(&close)
                .map_or(chars.len() - body, |b| rest[..b].chars().count());
            out.push_str("r\"");
            out.extend(std::iter::repeat_n(' ', len));
            out.push('"');
            i = body + len + close.chars().count();
        } else if c == '"' {
            out.push('"');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
                out.push(' ');
            }
            out.push('"');
            i += 1;
        } else if c == '\'' && chars.get(i + 1) == Some(&'\\') {
            let end = chars[i + 2..]
                .iter()
                .position(|c| *c == '\'')
                .map_or(chars.len(), |p| i + 3 + p);
            out.push_str("' '");
            i = end;
        } else if c == '\'' && chars.get(i + 2) == Some(&'\'') {
            out.push_str("' '");
            i += 3;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// The shipped code of a file: without literals, comments and unit-test modules
/// (`#[cfg(test)] mod … { … }`, to their closing brace).
fn shipped(text: &str) -> String {
    let mut text: String = blank_literals(text)
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    while let Some(start) = text.find("#[cfg(test)]\nmod ") {
        let open = start + text[start..].find('{').unwrap_or(text.len() - start);
        let mut depth = 0;
        let mut end = text.len();
        for (i, c) in text[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => continue,
            }
            if depth == 0 {
                end = open + i + 1;
                break;
            }
        }
        text.replace_range(start..end, "");
    }
    text
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
    assert!(edges["decimal"].is_empty(), "{edges:?}");
    assert!(edges["money"].iter().eq(["decimal"]), "{edges:?}");
    for m in edges.keys() {
        if let Some(c) = cycle_from(&edges, &mut vec![m.clone()]) {
            panic!("module cycle: {}", c.join(" -> "));
        }
    }
}
