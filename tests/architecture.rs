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
/// Files of a disk module that belong to the shell: `session::open` wires
/// an opened visit to the screen.
const SHELL_FILES: &[&str] = &["session/open.rs"];

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

/// The paths a file names from its crate: each `crate::a::b` as
/// `["a", "b"]`, each `super::x` (in the file of module `own`) as the path
/// of `x`, and every path of a `{a, b::{c, d}}` group.
fn paths(code: &str, own: &[String]) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let bytes = code.as_bytes();
    let mut at = 0;
    while at < code.len() {
        let rest = &code[at..];
        let starts_word = at == 0 || !is_ident_byte(bytes[at - 1]);
        let start: Option<(usize, Vec<String>)> = if !starts_word {
            None
        } else if rest.starts_with("crate::") {
            Some((7, Vec::new()))
        } else if rest.starts_with("super::") {
            // `super::super::x` climbs once for each `super`.
            let mut base: Vec<String> = own.to_vec();
            let mut len = 0;
            while rest[len..].starts_with("super::") {
                base.pop();
                len += 7;
            }
            Some((len, base))
        } else {
            None
        };
        match start {
            Some((len, base)) => {
                let (trees, used) = tree(&rest[len..]);
                for t in trees {
                    let mut path = base.clone();
                    path.extend(t.into_iter().filter(|s| s != "self"));
                    found.push(path);
                }
                at += len + used.max(1);
            }
            None => at += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    found
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// A use tree at the start of `text`: `a::b`, `a::{b, c::d}`, `{a, b}`;
/// its paths and the bytes it took.
fn tree(text: &str) -> (Vec<Vec<String>>, usize) {
    let text_bytes = text.as_bytes();
    let mut at = 0;
    let skip_space = |at: &mut usize| {
        while *at < text.len() && text_bytes[*at].is_ascii_whitespace() {
            *at += 1;
        }
    };
    skip_space(&mut at);
    if text[at..].starts_with('{') {
        at += 1;
        let mut all = Vec::new();
        loop {
            skip_space(&mut at);
            if at >= text.len() {
                break;
            }
            if text[at..].starts_with('}') {
                at += 1;
                break;
            }
            if text[at..].starts_with(',') {
                at += 1;
                continue;
            }
            let (inner, used) = tree(&text[at..]);
            all.extend(inner);
            if used == 0 {
                at += 1;
            } else {
                at += used;
            }
        }
        return (all, at);
    }
    let word = ident(&text[at..]);
    if word.is_empty() {
        return (Vec::new(), at);
    }
    at += word.len();
    if text[at..].starts_with("::") {
        let (inner, used) = tree(&text[at + 2..]);
        let paths = if inner.is_empty() {
            vec![vec![word]]
        } else {
            inner
                .into_iter()
                .map(|mut p| {
                    p.insert(0, word.clone());
                    p
                })
                .collect()
        };
        return (paths, at + 2 + used);
    }
    (vec![vec![word]], at)
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
        paths(&self.files[file], &module_path(file))
            .into_iter()
            .filter_map(|p| p.into_iter().next())
            .map(|m| if m == "tr" { "i18n".to_owned() } else { m })
            .collect()
    }
}

fn file_layer(file: &str) -> Option<Layer> {
    if DISK_FILES.contains(&file) {
        return Some(Layer::Disk);
    }
    if SHELL_FILES.contains(&file) {
        return Some(Layer::Shell);
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
            if let Some(theirs) = layer_of(&used)
                && theirs > layer
            {
                wrong.push(format!(
                    "{file} ({layer:?}) imports crate::{used} ({theirs:?})"
                ));
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
    let modules: BTreeSet<Vec<String>> = house.files.keys().map(|f| module_path(f)).collect();
    // An edge joins two modules with the same parent: the one holding the
    // file that names a path, and the one the path goes into. `tui/view/
    // list.rs` naming `crate::tui::app::App` makes `tui::view → tui::app`;
    // naming `crate::store` makes `tui → store`. A child naming its parent
    // (`super::Type`) is how Rust modules work, not a circle.
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in house.files.keys() {
        let own = module_path(file);
        for mut path in paths(&house.files[file], &own) {
            if path.first().is_some_and(|p| p == "tr") {
                path = vec!["i18n".to_owned()];
            }
            let common = own.iter().zip(&path).take_while(|(a, b)| a == b).count();
            if common >= own.len() || common >= path.len() {
                continue;
            }
            let from = own[..=common].to_vec();
            let to = path[..=common].to_vec();
            if modules.contains(&to) {
                graph
                    .entry(from.join("::"))
                    .or_default()
                    .insert(to.join("::"));
            }
        }
    }
    let shown: Vec<String> = circles(&graph).iter().map(|c| c.join(" → ")).collect();
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
    let own = ["tui".to_owned(), "app".to_owned()];
    let words = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        paths(&code, &own),
        vec![
            words(&["store"]),
            words(&["store", "Store"]),
            words(&["text"]),
            words(&["tr"]),
            words(&["tui", "view", "draw"]),
        ]
    );
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    graph.entry("a".into()).or_default().insert("b".into());
    graph.entry("b".into()).or_default().insert("c".into());
    assert!(circles(&graph).is_empty());
    graph.entry("c".into()).or_default().insert("a".into());
    assert_eq!(circles(&graph), vec![vec!["a", "b", "c"]]);
}
