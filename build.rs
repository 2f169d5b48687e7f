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

use sha2::Digest as _;
use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=checklists");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let mut files: Vec<_> = std::fs::read_dir("checklists")
        .expect("the checklists folder")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
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
    for path in files {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("a UTF-8 name");
        let text = std::fs::read_to_string(&path).expect("a readable checklist");
        // A bundled file that is not TOML fails the build: it is ours to fix.
        let value: toml::Table = text
            .parse()
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let _ = writeln!(summaries, "    ({name:?}, {}),", summary(&value));
        let digest = sha2::Sha256::digest(text.as_bytes());
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        let _ = writeln!(hashes, "    ({name:?}, {hex:?}),");
        let mut json = String::new();
        table_json(&value, &mut json);
        let file = Path::new(&out).join(format!("{name}.json"));
        std::fs::write(&file, json).expect("write to OUT_DIR");
        let _ = writeln!(
            table,
            "    ({name:?}, include_str!(concat!(env!(\"OUT_DIR\"), \"/{name}.json\"))),"
        );
    }
    table.push_str("];\n");
    summaries.push_str("];\n");
    hashes.push_str("];\n");
    table.push_str(&summaries);
    table.push_str(&hashes);
    std::fs::write(Path::new(&out).join("bundled_json.rs"), table).expect("write to OUT_DIR");
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

fn table_json(table: &toml::Table, out: &mut String) {
    out.push('{');
    for (n, (key, value)) in table.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        string_json(key, out);
        out.push(':');
        value_json(value, out);
    }
    out.push('}');
}

fn value_json(value: &toml::Value, out: &mut String) {
    match value {
        toml::Value::String(s) => string_json(s, out),
        toml::Value::Integer(i) => {
            let _ = write!(out, "{i}");
        }
        // Checklist numbers are finite (validation); `{:?}` keeps every digit.
        toml::Value::Float(f) => {
            let _ = write!(out, "{f:?}");
        }
        toml::Value::Boolean(b) => {
            let _ = write!(out, "{b}");
        }
        toml::Value::Datetime(d) => string_json(&d.to_string(), out),
        toml::Value::Array(items) => {
            out.push('[');
            for (n, item) in items.iter().enumerate() {
                if n > 0 {
                    out.push(',');
                }
                value_json(item, out);
            }
            out.push(']');
        }
        toml::Value::Table(table) => table_json(table, out),
    }
}

fn string_json(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
