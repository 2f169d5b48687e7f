//! The house rules the compiler cannot see (docs/architecture.md): the core
//! imports neither the disk layer nor the shell, the disk layer does not
//! import the shell, and no two modules import each other, directly or
//! round a longer circle. `clippy.toml` refuses file, environment and clock
//! calls outside the modules `src/lib.rs` allows them in; the last test
//! checks that lib.rs allows them exactly in the disk layer and the shell.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Pure: handed bytes and times, returns values.
const CORE: &[&str] = &[
    "check",
    "checklist",
    "fuzzing",
    "i18n",
    "record",
    "report",
    "review",
    "score",
    "signing",
    "text",
    "toml_words",
    "visit",
];
/// Files, locks, the clock, the environment. `review/disk.rs` is the disk
/// layer's part of the review.
const DISK: &[&str] = &[
    "clock", "config", "evidence", "fault", "locale", "os", "session", "store", "trash",
];
/// The command line and the terminal.
const SHELL: &[&str] = &["cli", "commands", "tui"];
/// Files of a core module that belong to the disk layer.
const DISK_FILES: &[&str] = &["review/disk.rs"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Layer {
    Core,
    Disk,
    Shell,
}

fn layer_of(module: &str) -> Option<Layer> {
    if CORE.contains(&module) {
        Some(Layer::Core)
    } else if DISK.contains(&module) {
        Some(Layer::Disk)
    } else if SHELL.contains(&module) {
        Some(Layer::Shell)
    } else {
        None
    }
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, as paths relative to `src/`, `/`-separated.
fn files(dir: &Path, out: &mut Vec<String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("src/ reads")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(src()).expect("under src/");
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

/// The code of a file without comments and without its unit tests (a
/// test may reach anywhere: it is not part of the program's layering).
fn code(text: &str) -> String {
    let mut kept = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[cfg(test)]") {
            // `#[cfg(test)] mod tests { … }` runs to the end of the file here.
            let mut rest = lines.clone();
            while let Some(next) = rest.peek() {
                if next.trim_start().starts_with("#[") {
                    rest.next();
                } else {
                    break;
                }
            }
            if rest
                .peek()
                .is_some_and(|l| l.trim_start().starts_with("mod tests"))
            {
                break;
            }
        }
        if trimmed.starts_with("//") {
            continue;
        }
        let code = match line.find("//") {
            // A `//` inside a string literal (a URL) is rare in imports;
            // cutting it only drops text after it.
            Some(at) => &line[..at],
            None => line,
        };
        kept.push_str(code);
        kept.push('\n');
    }
    kept
}

/// The first path segments named after `prefix` (`crate::` or `super::`),
/// including each name of a `prefix{a, b::c}` group.
fn segments_after(code: &str, prefix: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find(prefix) {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let mut end = 0;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                if depth == 0 {
                    end = i;
                    break;
                }
            }
            let mut depth = 0;
            let mut part = String::new();
            for c in group[..end].chars().chain([',']) {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        found.insert(ident(part.trim()));
                        part.clear();
                        continue;
                    }
                    _ => {}
                }
                part.push(c);
            }
        } else {
            found.insert(ident(rest));
        }
    }
    found.remove("");
    found.remove("self");
    found
}

fn ident(text: &str) -> String {
    text.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// A file's module path: `tui/app.rs` → `["tui", "app"]`, `report/mod.rs`
/// → `["report"]`.
fn module_path(file: &str) -> Vec<String> {
    let mut parts: Vec<String> = file
        .trim_end_matches(".rs")
        .split('/')
        .map(str::to_owned)
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

struct House {
    /// Each file's code, by its path under src/.
    files: BTreeMap<String, String>,
}

impl House {
    fn read() -> House {
        let mut names = Vec::new();
        files(&src(), &mut names);
        let files = names
            .into_iter()
            .filter(|f| f != "lib.rs" && f != "main.rs" && !f.ends_with("/tests.rs"))
            .map(|f| {
                let text = std::fs::read_to_string(src().join(&f)).expect("source reads");
                (f, code(&text))
            })
            .collect();
        House { files }
    }

    /// The top-level modules a file names through `crate::` (the `tr!`
    /// macro is i18n's).
    fn crate_refs(&self, file: &str) -> BTreeSet<String> {
        segments_after(&self.files[file], "crate::")
            .into_iter()
            .map(|m| if m == "tr" { "i18n".to_owned() } else { m })
            .collect()
    }
}

fn file_layer(file: &str) -> Option<Layer> {
    if DISK_FILES.contains(&file) {
        return Some(Layer::Disk);
    }
    layer_of(&module_path(file)[0])
}

#[test]
fn every_module_has_its_layer_and_imports_only_from_its_own_or_below() {
    let house = House::read();
    let mut unplaced = BTreeSet::new();
    let mut wrong = Vec::new();
    for file in house.files.keys() {
        let Some(layer) = file_layer(file) else {
            unplaced.insert(module_path(file)[0].clone());
            continue;
        };
        for used in house.crate_refs(file) {
            match layer_of(&used) {
                Some(theirs) if theirs > layer => wrong.push(format!(
                    "{file} ({layer:?}) imports crate::{used} ({theirs:?})"
                )),
                Some(_) => {}
                None => {
                    unplaced.insert(used);
                }
            }
        }
    }
    assert!(
        unplaced.is_empty(),
        "modules in no layer (add each to CORE, DISK or SHELL in tests/architecture.rs \
         and docs/architecture.md): {unplaced:?}"
    );
    assert!(
        wrong.is_empty(),
        "the core imports nothing of the disk layer or the shell, and the disk \
         layer nothing of the shell:\n{}",
        wrong.join("\n")
    );
}

/// The circles of a graph, each as its modules in order (one per circle).
fn circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
        found: &mut Vec<Vec<String>>,
    ) {
        if let Some(at) = path.iter().position(|p| p == node) {
            found.push(path[at..].to_vec());
            return;
        }
        if done.contains(node) {
            return;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            visit(next, graph, path, done, found);
        }
        path.pop();
        done.insert(node.to_owned());
    }
    let mut found = Vec::new();
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        visit(node, graph, &mut Vec::new(), &mut done, &mut found);
    }
    found
}

#[test]
fn no_import_circles_between_modules_or_between_the_files_of_one() {
    let house = House::read();
    // Between the top-level modules.
    let mut top: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in house.files.keys() {
        let own = &module_path(file)[0];
        let entry = top.entry(own.clone()).or_default();
        for used in house.crate_refs(file) {
            if &used != own && layer_of(&used).is_some() {
                entry.insert(used);
            }
        }
    }
    let mut all = circles(&top);
    // Between the files (and folders) of each folder: a child naming its
    // parent (`super::Type`) is how Rust modules work, not a circle.
    let mut siblings: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in house.files.keys() {
        let path = module_path(file);
        if path.len() < 2 {
            continue;
        }
        let parent = path[..path.len() - 1].join("::");
        let own = path.join("::");
        let entry = siblings.entry(own.clone()).or_default();
        let mut named: BTreeSet<String> = segments_after(&house.files[file], "super::")
            .into_iter()
            .map(|s| format!("{parent}::{s}"))
            .collect();
        let in_crate = format!("crate::{parent}::");
        named.extend(
            segments_after(&house.files[file], &in_crate)
                .into_iter()
                .map(|s| format!("{parent}::{s}")),
        );
        for name in named {
            let known = house
                .files
                .keys()
                .any(|f| module_path(f).join("::") == name);
            if known && name != own {
                entry.insert(name);
            }
        }
    }
    all.extend(circles(&siblings));
    let shown: Vec<String> = all.iter().map(|c| c.join(" → ")).collect();
    assert!(
        shown.is_empty(),
        "import circles (each module in the list imports the next, the last the first):\n{}",
        shown.join("\n")
    );
}

#[test]
fn lib_rs_allows_file_clock_and_environment_calls_only_outside_the_core() {
    let lib = std::fs::read_to_string(src().join("lib.rs")).expect("lib.rs reads");
    let mut allowed_next = false;
    let mut declared = Vec::new();
    for line in lib.lines() {
        let line = line.trim();
        if line.starts_with("#[allow(clippy::disallowed_methods, clippy::disallowed_types)]") {
            allowed_next = true;
            continue;
        }
        if let Some(name) = line
            .strip_prefix("pub mod ")
            .or_else(|| line.strip_prefix("mod "))
        {
            let name = name.trim_end_matches(';').to_owned();
            declared.push(name.clone());
            let core = layer_of(&name) == Some(Layer::Core);
            assert_eq!(
                allowed_next,
                !core,
                "src/lib.rs: `{name}` is {}, so clippy.toml's refusals must {} it",
                if core { "core" } else { "not core" },
                if core { "apply to" } else { "be allowed in" },
            );
            allowed_next = false;
        }
    }
    for name in CORE.iter().chain(DISK).chain(SHELL) {
        assert!(
            declared.iter().any(|d| d == name) || *name == "os",
            "src/lib.rs declares no module `{name}`"
        );
    }
}

#[test]
fn the_import_reader_sees_groups_and_ignores_comments_and_tests() {
    let text = "use crate::{store::{self, Store}, text};\n\
                // crate::tui in a comment\n\
                fn f() { crate::tr!(\"x\"); super::view::draw(); }\n\
                #[cfg(test)]\nmod tests {\n use crate::session;\n}\n";
    let code = code(text);
    assert_eq!(
        segments_after(&code, "crate::"),
        ["store", "text", "tr"].map(String::from).into()
    );
    assert_eq!(
        segments_after(&code, "super::"),
        ["view"].map(String::from).into()
    );
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    graph.entry("a".into()).or_default().insert("b".into());
    graph.entry("b".into()).or_default().insert("c".into());
    assert!(circles(&graph).is_empty());
    graph.entry("c".into()).or_default().insert("a".into());
    assert_eq!(circles(&graph), vec![vec!["a", "b", "c"]]);
}
