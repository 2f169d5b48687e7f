//! `touchpoint log ID`: a visit's change log as a timeline, and the check
//! of a record's log that `verify` and `report` make.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Failure, io_failure, open_store};
use crate::record::RecordFile;
use crate::record::changelog::{self, Break, Line};
use crate::tr;
use crate::tui::theme::drawable;

/// The change log beside a record file: `<id>.log` for `<id>.toml`.
pub(crate) fn log_path(record: &Path) -> PathBuf {
    record.with_extension("log")
}

/// Reads a change log beside a record: a regular file of at most
/// [`crate::store::MAX_VISIT_BYTES`], never through a FIFO.
fn read_log(path: &Path) -> std::io::Result<Vec<u8>> {
    super::read_capped(path, crate::store::MAX_VISIT_BYTES)
}

/// Why the log of a first-line problem is bad, in the interface language.
fn why(broken: &Break) -> String {
    match broken {
        Break::NotALine => tr!("log-not-a-line"),
        Break::Chain => tr!("log-chain-broken"),
        Break::CutShort => tr!("log-cut-short"),
    }
}

/// What is wrong with the change log of the record at `path` (read as
/// `record`), or `None` when it is what the record names: present, its
/// SHA-256 the record's `log_sha256`, its chain whole. A record without
/// `log_sha256` (a draft, or one finalized before the log existed) names
/// no log, and none is checked; the signature covers the field, so it
/// cannot be taken out of a signed record unnoticed.
pub(crate) fn log_problem(path: &Path, record: &RecordFile) -> Option<String> {
    let expected = record.header.log_sha256.as_deref()?;
    let log = log_path(path);
    let shown = drawable(&log.display().to_string());
    let bytes = match read_log(&log) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Some(tr!("log-missing", path = shown));
        }
        Err(e) => {
            return Some(tr!(
                "log-unreadable",
                path = shown,
                reason = crate::checklist::io_reason(&e)
            ));
        }
    };
    if let Some((line, broken)) = changelog::check(&bytes).broken {
        return Some(format!("{shown}:{line}: {}", why(&broken)));
    }
    (changelog::sha256_hex(&bytes) != expected).then(|| tr!("log-hash-differs", path = shown))
}

/// One line of the timeline: `14:05:31 greeted-by-name: — → yes`.
fn timeline_line(line: &Line) -> String {
    let time = line.at.get(11..19).unwrap_or(&line.at);
    let item = match &line.item {
        Some(item) => item.rsplit('/').next().unwrap_or(item).to_owned(),
        None => tr!("log-visit"),
    };
    let (how, field) = match line.field.split_once('-') {
        Some(("undo", field)) => (Some(tr!("log-undo")), field),
        Some(("redo", field)) => (Some(tr!("log-redo")), field),
        _ => (None, line.field.as_str()),
    };
    let field = match field {
        "answer" => None,
        "note" => Some(tr!("log-field-note")),
        "evidence" => Some(tr!("log-field-evidence")),
        "stopwatch" => Some(tr!("log-field-stopwatch")),
        "status" => Some(tr!("log-field-status")),
        other => Some(other.to_owned()),
    };
    let mut text = format!("{time} {item}");
    if let Some(field) = field {
        text.push(' ');
        text.push_str(&field);
    }
    text.push_str(&format!(
        ": {} → {}",
        changelog::shown(&line.old),
        changelog::shown(&line.new)
    ));
    if let Some(how) = how {
        text.push_str(&format!(" ({how})"));
    }
    drawable(&text)
}

/// `touchpoint log ID`: the timeline, a date line before each new day; a
/// broken chain is named at its first bad line (`path:line`), exit 1.
pub fn log(data_dir: Option<&Path>, id: &str, out: &mut dyn Write) -> Result<(), Failure> {
    let store = open_store(data_dir)?;
    let record = store.path(id)?;
    let path = store.log_path(id)?;
    let Some(bytes) = store.load_log(id)? else {
        if std::fs::symlink_metadata(&record).is_err() {
            return Err(Failure::Message(tr!("log-no-visit", id = id)));
        }
        return Err(Failure::Message(tr!(
            "log-missing",
            path = drawable(&path.display().to_string())
        )));
    };
    let checked = changelog::check(&bytes);
    let mut text = String::new();
    let mut day = "";
    for line in &checked.lines {
        let date = line.at.get(..10).unwrap_or("");
        if date != day {
            day = date;
            text.push_str(&drawable(date));
            text.push('\n');
        }
        text.push_str(&timeline_line(line));
        text.push('\n');
    }
    if checked.lines.is_empty() && checked.broken.is_none() {
        text.push_str(&tr!("log-empty"));
        text.push('\n');
    }
    out.write_all(text.as_bytes())
        .map_err(|e| io_failure(&tr!("cli-cannot-write-list"), &e))?;
    match checked.broken {
        None => Ok(()),
        Some((line, broken)) => Err(Failure::Message(format!(
            "{}:{line}: {}",
            drawable(&path.display().to_string()),
            why(&broken)
        ))),
    }
}
