//! The core reads top-down: no module of `src/` reaches, through `crate::` paths, back to a module
//! that reaches it. Each top-level module (a file, or a folder with its `mod.rs`) is one node;
//! `lib.rs` is the root, whose re-exports make it depend on the modules they come from, so a module
//! naming an item through the root (`crate::Event`) counts as depending on all of them.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// The crate's source text without comments and test modules: only what the library compiles.
fn code_of(text: &str) -> String {
    let mut out = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        // A test module may use anything it tests; it is always the last item of a file here.
        if trimmed == "#[cfg(test)]"
            && lines
                .peek()
                .is_some_and(|next| next.trim_start().starts_with("mod tests"))
        {
            break;
        }
        if trimmed.starts_with("//") {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn ident_at(text: &str) -> &str {
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    &text[..end]
}

/// The first segment of every path `code` names after `crate::` (each item of a `crate::{..}`
/// group).
fn crate_paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `crate::{a, b::c, d::{e, f}}`: the first segment of each top-level item.
            let mut depth = 0;
            let mut item_start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && (c.is_ascii_alphanumeric() || c == '_') => {
                        out.push(ident_at(&group[i..]).to_owned());
                        item_start = false;
                    }
                    _ => {}
                }
            }
        } else {
            out.push(ident_at(rest).to_owned());
        }
    }
    out
}

/// Every `.rs` file under `dir`, recursively.
fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module graph of `src/`: each top-level module and the modules it names.
fn module_graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    let node_of = |path: &Path| -> Option<String> {
        let relative = path.strip_prefix(src).unwrap();
        let first = relative
            .components()
            .next()?
            .as_os_str()
            .to_str()?
            .to_owned();
        match first.as_str() {
            // The generator binary is a separate crate that uses the library from outside.
            "bin" => None,
            "lib.rs" => Some("lib".to_owned()),
            _ => Some(first.trim_end_matches(".rs").to_owned()),
        }
    };
    let modules: BTreeSet<String> = files.iter().filter_map(|f| node_of(f)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let Some(node) = node_of(file) else { continue };
        let code = code_of(&fs::read_to_string(file).unwrap());
        let edges = graph.entry(node.clone()).or_default();
        for first in crate_paths(&code) {
            // A name that is not a module is an item re-exported by the root.
            let target = if modules.contains(&first) {
                first
            } else {
                "lib".to_owned()
            };
            if target != node {
                edges.insert(target);
            }
        }
        if node == "lib" {
            // The root's `pub use module::…` re-exports.
            for line in code.lines() {
                if let Some(rest) = line.trim_start().strip_prefix("pub use ") {
                    let first = ident_at(rest);
                    if modules.contains(first) {
                        edges.insert(first.to_owned());
                    }
                }
            }
        }
    }
    graph
}

/// A cycle of `graph` as the list of its nodes, if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        done: &mut BTreeSet<String>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, done, path) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut done, &mut Vec::new()))
}

#[test]
fn src_modules_import_no_circle() {
    let graph = module_graph(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    // The parse found the modules and their imports (an empty graph would pass vacuously).
    assert!(graph["verifier"].contains("dialects"), "{graph:?}");
    assert!(graph["dialects"].contains("json"), "{graph:?}");
    if let Some(cycle) = find_cycle(&graph) {
        panic!("import circle in src/: {}", cycle.join(" -> "));
    }
}

#[test]
fn the_circle_check_finds_a_circle() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec![]),
    ]
    .into_iter()
    .map(|(n, e)| (n.to_owned(), e.into_iter().map(str::to_owned).collect()))
    .collect();
    assert_eq!(
        find_cycle(&graph),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    assert_eq!(
        crate_paths("use crate::{a::B, c, d::{e, f}};\nlet x = crate::g::h();"),
        ["a", "c", "d", "g"]
    );
}
