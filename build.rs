//! Converts the bundled checklists to JSON at build time.
//!
//! `touchpoint new` reads three bundled checklists before its first frame;
//! reading them as JSON takes a tenth of the time of parsing and validating
//! their TOML. The TOML files stay the source, and the hash records keep is
//! of their bytes; a unit test holds the two readings of each file equal.
//!
//! It also writes a summary of each (id, journey, language, touchpoint,
//! title, items), so that `new` finds the journeys without reading any, and
//! the SHA-256 of each file's bytes, which a visit records and checks its
//! kept copy by.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // a program, tests and tools: the disk, the clock and the environment are theirs (clippy.toml)

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use sha2::Digest as _;

fn main() {
    println!("cargo::rerun-if-changed=checklists");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let mut files: Vec<(PathBuf, String, toml::Table)> = std::fs::read_dir("checklists")
        .expect("the checklists folder")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("a readable checklist");
            // A bundled file that is not TOML fails the build: it is ours to fix.
            let value: toml::Table = text
                .parse()
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path, text, value)
        })
        .collect();
    // Journey by journey, English before other languages, touchpoints in
    // the order of a stay: the order `checklists` lists them in.
    files.sort_by_key(|(path, _, value)| order(path, value));
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let mut bundled = String::from(
        "/// The checklists compiled into the program: every file of `checklists/`.\n\
         pub(crate) const BUNDLED: &[(&str, &str)] = &[\n",
    );
    let mut table = String::from("/// Each bundled checklist as JSON, by file name.\n");
    table.push_str("pub(crate) const BUNDLED_JSON: &[(&str, &str)] = &[\n");
    let mut hashes = String::from(
        "/// The SHA-256 of each bundled checklist's bytes, by file name.\n\
         pub(crate) const BUNDLED_SHA256: &[(&str, &str)] = &[\n",
    );
    let mut summaries = String::from(
        "/// What journeys need of each bundled checklist, by file name.\n\
         pub(crate) const BUNDLED_SUMMARIES: &[(&str, journey::Summary<'static>)] = &[\n",
    );
    for (path, text, value) in &files {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a UTF-8 name");
        let source = Path::new(&root).join(path);
        let _ = writeln!(
            bundled,
            "    ({name:?}, include_str!({:?})),",
            source.display().to_string()
        );
        let _ = writeln!(summaries, "    ({name:?}, {}),", summary(value));
        let digest = sha2::Sha256::digest(text.as_bytes());
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        let _ = writeln!(hashes, "    ({name:?}, {hex:?}),");
        let json = serde_json::to_string(&value).expect("a TOML table is JSON");
        let file = Path::new(&out).join(format!("{name}.json"));
        std::fs::write(&file, json).expect("write to OUT_DIR");
        let _ = writeln!(
            table,
            "    ({name:?}, include_str!(concat!(env!(\"OUT_DIR\"), \"/{name}.json\"))),"
        );
    }
    table.push_str("];\n");
    bundled.push_str("];\n");
    table.push_str(&bundled);
    summaries.push_str("];\n");
    hashes.push_str("];\n");
    table.push_str(&summaries);
    table.push_str(&hashes);
    std::fs::write(Path::new(&out).join("bundled_json.rs"), table).expect("write to OUT_DIR");
}

/// Where a bundled checklist comes in the list: by journey, English first,
/// then by touchpoint in the order of a stay, then by name.
fn order(path: &Path, file: &toml::Table) -> (String, bool, usize, PathBuf) {
    let meta = file.get("checklist").and_then(|m| m.as_table());
    let text = |key: &str| meta.and_then(|m| m.get(key)).and_then(|v| v.as_str());
    let stay = [
        "pre-arrival",
        "check-in",
        "in-stay",
        "departure",
        "post-stay",
    ];
    let touchpoint = text("touchpoint").unwrap_or_default();
    (
        text("journey").unwrap_or_default().to_owned(),
        text("language").is_some_and(|l| l != "en"),
        stay.iter()
            .position(|t| *t == touchpoint)
            .unwrap_or(stay.len()),
        path.to_owned(),
    )
}

/// A `journey::Summary` literal for a bundled checklist: its `[checklist]`
/// fields and the number of its items. Validation is the tests' job (a unit
/// test holds these equal to the parsed checklists'), not the build's.
fn summary(file: &toml::Table) -> String {
    let meta = file.get("checklist").and_then(|m| m.as_table());
    let text = |key: &str| meta.and_then(|m| m.get(key)).and_then(|v| v.as_str());
    let items: usize = file
        .get("section")
        .and_then(|s| s.as_array())
        .into_iter()
        .flatten()
        .filter_map(|section| section.get("item").and_then(|i| i.as_array()))
        .map(Vec::len)
        .sum();
    format!(
        "journey::Summary {{ id: {:?}, journey: {:?}, journey_title: {:?}, language: {:?}, touchpoint: {:?}, title: {:?}, items: {items} }}",
        text("id").unwrap_or_default(),
        text("journey"),
        text("journey_title"),
        text("language"),
        text("touchpoint").unwrap_or_default(),
        text("title").unwrap_or_default(),
    )
}
