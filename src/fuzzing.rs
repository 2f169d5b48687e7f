//! What the fuzz targets (`fuzz/`, docs/fuzzing.md) check for any input, kept
//! here so that `cargo test` replays the saved corpus (`tests/fuzz/`) through
//! the very same checks. Each function panics when a promise is broken:
//! a panic inside the program, a message that could drive a terminal, an
//! unbounded report, or an export that lets a control or invisible
//! character through.

use std::sync::LazyLock;

use crate::checklist::{self, Loaded, Source, diag::MAX_PROBLEMS};
use crate::i18n::Lang;
use crate::record;
use crate::text::needs_escape;

/// Checklists of the test fixtures that fuzzed records may name.
const FIXTURES: [(&str, &str); 3] = [
    (
        "minimal.toml",
        include_str!("../tests/fixtures/checklists/valid/minimal.toml"),
    ),
    (
        "every-feature.toml",
        include_str!("../tests/fixtures/checklists/valid/every-feature.toml"),
    ),
    (
        "cyrillic.toml",
        include_str!("../tests/fixtures/checklists/valid/cyrillic.toml"),
    ),
];

/// The checklists a fuzzed record may name, read once: reading all of them
/// for every input that parsed cost 21 checklist reads per execution.
/// Small checklists besides the bundled ones, so that small records (which
/// fuzz fast) still rebuild into visits with answers of every kind.
static CHECKLISTS: LazyLock<Vec<Loaded>> = LazyLock::new(|| {
    let mut checklists = checklist::bundled().unwrap_or_default();
    for (name, text) in FIXTURES {
        if let Ok(loaded) = checklist::from_bytes(name, text.as_bytes(), Source::Path(name.into()))
        {
            checklists.push(loaded);
        }
    }
    checklists
});

/// English or Russian, chosen by the input's last byte, so that the fuzzer
/// reaches the messages and documents of both languages.
fn language_of(data: &[u8]) -> Lang {
    match data.last() {
        Some(b) if b % 2 == 1 => Lang::Ru,
        _ => Lang::En,
    }
}

/// A message for a user: on one line, nothing that could drive a terminal.
fn assert_inert_line(what: &str, text: &str) {
    assert!(
        !text
            .chars()
            .any(|c| c.is_control() || crate::text::is_invisible(c)),
        "{what} holds a raw control or invisible character: {text:?}"
    );
}

/// An output (export): no control or invisible character but newline, tab
/// and the carriage return of CSV's line ends.
fn assert_inert_output(what: &str, text: &str) {
    if let Some(c) = text.chars().find(|&c| c != '\r' && needs_escape(c)) {
        panic!("{what} lets U+{:04X} through", c as u32);
    }
}

/// The checklist parser on any bytes: problems bounded and inert, and the
/// warnings about invisible characters too.
pub fn checklist(data: &[u8]) {
    checklist_as(language_of(data), data);
}

/// [`checklist`] with the program's words in `lang`.
pub fn checklist_as(lang: Lang, data: &[u8]) {
    crate::i18n::with_lang(lang, || checklist_in(data));
}

fn checklist_in(data: &[u8]) {
    match checklist::from_bytes("fuzz.toml", data, Source::Path("fuzz.toml".into())) {
        Ok(_) => {}
        Err(problems) => {
            assert!(!problems.is_empty(), "an error without a problem");
            assert!(
                problems.len() <= MAX_PROBLEMS + 2,
                "{} problems",
                problems.len()
            );
            for problem in &problems {
                assert_inert_line("a problem", &problem.to_string());
            }
        }
    }
    for warning in checklist::warnings("fuzz.toml", data) {
        assert_inert_line("a warning", &warning.to_string());
    }
}

/// The record reader on any bytes: an error is one inert line.
pub fn record(data: &[u8]) {
    record_as(language_of(data), data);
}

/// [`record`] with the program's words in `lang`.
pub fn record_as(lang: Lang, data: &[u8]) {
    crate::i18n::with_lang(lang, || record_in(data));
}

fn record_in(data: &[u8]) {
    let read = record::parse_bytes("fuzz.toml", data);
    match &read {
        Ok(record) => {
            let _ = record.summary();
        }
        Err(problem) => assert_inert_line("a problem", &problem.to_string()),
    }
    if let Ok(text) = std::str::from_utf8(data) {
        // Read table by table, the same record or the same message at the
        // same place as read whole.
        assert_eq!(
            record::parse_with("fuzz.toml", text, 0),
            record::parse_with("fuzz.toml", text, usize::MAX),
            "read in pieces and whole differ"
        );
        assert_inert_output("TOML export", &crate::text::escape_toml(text));
    }
}

/// A record read from any bytes, rebuilt over the bundled checklists and
/// exported in every format: nothing raw gets through, and the TOML export
/// reads back as the same TOML.
pub fn export(data: &[u8]) {
    export_as(language_of(data), data);
}

/// [`export`] with the program's words in `lang`.
pub fn export_as(lang: Lang, data: &[u8]) {
    crate::i18n::with_lang(lang, || export_in(data));
}

fn export_in(data: &[u8]) {
    let Ok(parsed) = record::parse_bytes("fuzz.toml", data) else {
        return;
    };
    let wanted: Vec<&str> = parsed.checklists.iter().map(|c| c.id.as_str()).collect();
    let checklists: Vec<Loaded> = CHECKLISTS
        .iter()
        .filter(|l| wanted.contains(&l.checklist.checklist.id.as_str()))
        .cloned()
        .collect();
    let (visit, warnings) = record::rebuild(&parsed, checklists);
    // The warnings as the reader writes them, not as a printer escapes
    // them again: escaping here first made this check one that could not fail.
    for warning in &warnings {
        assert_inert_line("a warning", warning);
    }
    assert_inert_output("JSON export", &record::to_json(&visit));
    assert_inert_output("CSV export", &record::to_csv(&visit));
    assert_inert_output("Markdown export", &record::to_markdown(&visit));
    if let Ok(text) = std::str::from_utf8(data) {
        let inert = crate::text::escape_toml(text);
        assert_inert_output("TOML export", &inert);
        let before: Result<toml::Table, _> = toml::from_str(text);
        if let Ok(before) = before {
            let after: toml::Table = toml::from_str(&inert).expect("the TOML export reads back");
            assert_eq!(before, after, "the TOML export changed the record");
        }
    }
}
