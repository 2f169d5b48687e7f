//! Replays the fuzzers' minimised corpus (`tests/fuzz/<target>/`) through
//! the same checks the fuzz targets run (`touchpoint::fuzzing`), so every
//! input that once found a bug, or reached new code, stays tested without
//! a fuzzer. How to fuzz: docs/fuzzing.md.

use std::fs;
use std::path::PathBuf;

fn corpus(target: &str) -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz")
        .join(target);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no corpus in {}", dir.display());
    files
}

fn replay(target: &str, check: fn(&[u8])) {
    for file in corpus(target) {
        let data = fs::read(&file).unwrap();
        let outcome = std::panic::catch_unwind(|| check(&data));
        assert!(outcome.is_ok(), "{target} fails on {}", file.display());
    }
}

// Each input is replayed in both languages: the messages of reading
// checklists and records, and the documents, are in the interface
// language, and a Russian one must carry nothing raw either.

use touchpoint::fuzzing;
use touchpoint::i18n::Lang;

#[test]
fn checklist_corpus() {
    replay("checklist", |data| fuzzing::checklist_as(Lang::En, data));
}

#[test]
fn checklist_corpus_in_russian() {
    replay("checklist", |data| fuzzing::checklist_as(Lang::Ru, data));
}

#[test]
fn record_corpus() {
    replay("record", |data| fuzzing::record_as(Lang::En, data));
}

#[test]
fn record_corpus_in_russian() {
    replay("record", |data| fuzzing::record_as(Lang::Ru, data));
}

#[test]
fn export_corpus() {
    replay("export", |data| fuzzing::export_as(Lang::En, data));
}

#[test]
fn export_corpus_in_russian() {
    replay("export", |data| fuzzing::export_as(Lang::Ru, data));
}
