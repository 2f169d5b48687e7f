//! The journal of a draft: the changes made since its record was written,
//! one line each, so that saving a change costs the change and not the
//! whole record. SQLite's write-ahead log is the model; docs/store.md tells
//! the whole design.
//!
//! A journal is text, one line per entry:
//!
//! ```text
//! <16 hex digits> {"journal":1,"record":"<SHA-256 of the record file>"}
//! <16 hex digits> {"n":1,"updated":"2026-11-22T14:05:31+03:00","entries":[…]}
//! ```
//!
//! The hex digits begin the SHA-256 of the JSON after them: a last line cut
//! short by a crash is dropped; a damaged line elsewhere fails the check and
//! is skipped alone (the lines after it stand on their own). The first line
//! names the record the changes apply to: a journal left behind after that
//! record was replaced by a newer one (a crash between writing the record
//! and starting the next journal) names another record, and its changes are
//! in the newer record already; a record edited by hand since its journal
//! began also differs. The session tells the two apart (`session.rs`).
//!
//! Each change line holds the whole new state of what it changed (an item's
//! entry, the visit note, the list of stopwatches or of files), so replaying
//! it twice, or replaying a line whose change is already in the record, does
//! no harm. Times are written as the record writes them.
//!
//! Pure: bytes in, bytes out; the files are the store's and the session's.

use jiff::ZonedDateTime;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{
    AnswerValue, NA, Precision, format_number, from_toml_datetime, read::interpret,
    to_toml_datetime,
};
use crate::visit::{Answer, Entry, Evidence, Timer, Unsaved, Visit};

/// The journal format this program writes and reads.
pub const FORMAT: u32 = 1;

/// The first line: which record the changes apply to.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Head {
    journal: u32,
    record: String,
}

/// One change line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// 1 for the first change after the head, then one more each line.
    n: u64,
    /// When the visit last changed, as of this change.
    updated: String,
    /// Items whose entry changed: the entry as it now is.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    entries: Vec<EntryLine>,
    /// The visit note, when it changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    /// The running stopwatches, when they changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    timers: Option<Vec<TimerLine>>,
    /// The attached files, when they changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    evidence: Option<Vec<EvidenceLine>>,
    /// The selected item, `checklist-id/item-id`, when it moved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    selected: Option<String>,
    /// The change log's lines of this change, each as written to
    /// `<id>.log` without its newline: the journal's flush makes them
    /// durable, and opening the visit appends any the log lacks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    log: Vec<String>,
    /// Text being typed, not yet a line of the log: its line as it now is,
    /// without `prev` (it is chained when written).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    typing: Option<super::changelog::Line>,
}

/// An item's entry, in the record's terms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryLine {
    checklist: String,
    item: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    answer: Option<AnswerValue>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    first_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    timed: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TimerLine {
    checklist: String,
    item: String,
    started: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct EvidenceLine {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    checklist: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    item: Option<String>,
    file: String,
    sha256: String,
    bytes: u64,
    added: String,
}

/// A journal as read: the record it applies to and its whole change lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Journal {
    /// SHA-256 (lowercase hex) of the record file the changes apply to;
    /// `None` when the first line is damaged.
    pub record: Option<String>,
    /// The change lines that passed their check, in order.
    pub changes: Vec<Change>,
    /// Whole lines (ending in a newline) that failed their check or came
    /// out of order: damage, skipped one by one, since every line stands
    /// on its own (it holds whole states). The first line counts too.
    pub damaged: usize,
    /// Bytes of a last line without its newline: an append cut short by a
    /// crash, never acknowledged, and dropped.
    pub ignored: usize,
}

impl Journal {
    /// Whether the journal's changes apply to the record file `record_bytes`.
    pub fn applies_to(&self, record_bytes: &[u8]) -> bool {
        self.record.as_deref() == Some(sha256_hex(record_bytes).as_str())
    }
}

impl Change {
    /// When the visit last changed, as of this change.
    pub fn updated(&self) -> Option<ZonedDateTime> {
        when(&self.updated)
    }

    /// The change log's lines this change carries, without their newlines.
    pub fn log_lines(&self) -> &[String] {
        &self.log
    }

    /// The line of text being typed at this change, not yet in the log.
    pub fn typing(&self) -> Option<&super::changelog::Line> {
        self.typing.as_ref()
    }
}

/// What a journal line carries for the change log: the lines written with
/// it, and the line of text being typed.
#[derive(Debug, Clone, Copy, Default)]
pub struct Carried<'a> {
    /// Lines of the log, each without its newline.
    pub log: &'a [String],
    /// Text being typed.
    pub typing: Option<&'a super::changelog::Line>,
}

/// SHA-256 of `bytes`, lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    crate::checklist::sha256_hex(bytes)
}

/// `payload` as a checked line: the first 8 bytes of its SHA-256 in hex, a
/// space, the payload, a newline.
fn checked(payload: &str) -> String {
    let digest = Sha256::digest(payload.as_bytes());
    let mut line = String::with_capacity(payload.len() + 18);
    for byte in &digest[..8] {
        line.push_str(&format!("{byte:02x}"));
    }
    line.push(' ');
    line.push_str(payload);
    line.push('\n');
    line
}

/// The payload of a checked `line` (without its newline), if the check holds.
fn unchecked(line: &[u8]) -> Option<&str> {
    let line = std::str::from_utf8(line).ok()?;
    let (check, payload) = line.split_once(' ')?;
    let digest = Sha256::digest(payload.as_bytes());
    let expected: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    (check == expected).then_some(payload)
}

/// The first line of a journal for the record file `record_bytes`.
pub fn head(record_bytes: &[u8]) -> String {
    let head = Head {
        journal: FORMAT,
        record: sha256_hex(record_bytes),
    };
    // A struct of a number and a string always serializes.
    checked(&serde_json::to_string(&head).unwrap_or_default())
}

/// The line for change number `n`: what `unsaved` names, as `visit` now has it.
pub fn line(visit: &Visit, unsaved: &Unsaved, n: u64, carried: Carried<'_>) -> String {
    let time = |t: &ZonedDateTime| to_toml_datetime(t, Precision::Second).to_string();
    let entries = unsaved
        .items
        .iter()
        .filter_map(|at| {
            let (checklist, item) = visit.ids(*at)?;
            let entry = visit.entry(*at)?;
            Some(EntryLine {
                checklist,
                item,
                answer: entry.answer.as_ref().map(|a| match a {
                    Answer::Choice(id) => AnswerValue::Text(id.clone()),
                    Answer::Na => AnswerValue::Text(NA.to_owned()),
                    Answer::Number(n) => AnswerValue::Number(*n),
                    Answer::Text(t) => AnswerValue::Text(t.clone()),
                }),
                note: entry.note.clone(),
                first_at: entry.first_at.as_ref().map(time),
                at: entry.at.as_ref().map(time),
                timed: entry.timed,
            })
        })
        .collect();
    let timers = unsaved.timers.then(|| {
        visit
            .timers()
            .iter()
            .filter_map(|t| {
                let (checklist, item) = visit.ids(t.at)?;
                Some(TimerLine {
                    checklist,
                    item,
                    started: to_toml_datetime(&t.started, Precision::Millisecond).to_string(),
                })
            })
            .collect()
    });
    let evidence = unsaved.evidence.then(|| {
        visit
            .evidence()
            .iter()
            .map(|e| EvidenceLine {
                checklist: e.item.as_ref().map(|(c, _)| c.clone()),
                item: e.item.as_ref().map(|(_, i)| i.clone()),
                file: e.file.clone(),
                sha256: e.sha256.clone(),
                bytes: e.bytes,
                added: time(&e.added),
            })
            .collect()
    });
    let change = Change {
        n,
        updated: time(&visit.header.updated),
        entries,
        note: unsaved.note.then(|| visit.header.note.clone()),
        timers,
        evidence,
        selected: if unsaved.selected {
            visit.header.selected.clone()
        } else {
            None
        },
        log: carried.log.to_vec(),
        typing: carried.typing.cloned(),
    };
    // Strings, finite numbers and lists of them always serialize.
    checked(&serde_json::to_string(&change).unwrap_or_default())
}

/// Reads a journal: `None` when it is empty. A last line without its
/// newline was cut short by a crash in the middle of an append and is
/// dropped (counted in `ignored`). Any other line that fails its check, or
/// whose number does not follow the last good line's, is damage: it is
/// skipped and counted in `damaged`, and the lines after it are still
/// read, each standing on its own (issue 17: one flipped bit in line 6
/// used to drop every later change).
pub fn read(bytes: &[u8]) -> Option<Journal> {
    let mut lines = bytes.split_inclusive(|b| *b == b'\n');
    let first = lines.next()?;
    let mut damaged = 0;
    let mut ignored = 0;
    let record = match first.strip_suffix(b"\n") {
        None => {
            // Not even the first line is whole: nothing was ever appended.
            return Some(Journal {
                record: None,
                changes: Vec::new(),
                damaged: 0,
                ignored: first.len(),
            });
        }
        Some(line) => unchecked(line)
            .and_then(|p| serde_json::from_str::<Head>(p).ok())
            .filter(|head| head.journal == FORMAT)
            .map(|head| head.record),
    };
    if record.is_none() {
        damaged += 1;
    }
    let mut changes: Vec<Change> = Vec::new();
    for line in lines {
        let Some(whole) = line.strip_suffix(b"\n") else {
            // Only the last piece can lack its newline.
            ignored = line.len();
            break;
        };
        let change = unchecked(whole).and_then(|p| serde_json::from_str::<Change>(p).ok());
        match change {
            Some(change) if change.n > changes.last().map_or(0, |c| c.n) => changes.push(change),
            _ => damaged += 1,
        }
    }
    Some(Journal {
        record,
        changes,
        damaged,
        ignored,
    })
}

/// Applies `changes` to `visit` (rebuilt from the record they follow), in
/// order. Returns a warning for each part that no longer fits the visit's
/// checklists, quoting it, as rebuilding a record does.
pub fn apply(visit: &mut Visit, changes: &[Change]) -> Vec<String> {
    let mut warnings = Vec::new();
    for change in changes {
        let mut warn = |what: String| {
            warnings.push(crate::tr!(
                "record-journal-line",
                line = change.n,
                problem = what
            ));
        };
        for e in &change.entries {
            let Some(at) = visit.find(&e.checklist, &e.item) else {
                warn(crate::tr!(
                    "record-journal-not-an-item",
                    item = format!("{}/{}", e.checklist, e.item)
                ));
                continue;
            };
            let answer = match (&e.answer, visit.response(at), visit.item(at)) {
                (Some(value), Some(response), Some((_, item))) => {
                    match interpret(value, response, item.na_allowed()) {
                        Ok(answer) => Some(answer),
                        Err(why) => {
                            warn(crate::tr!(
                                "record-answer-left-out",
                                item = format!("{}/{}", e.checklist, e.item),
                                why = why,
                                answer = match value {
                                    AnswerValue::Number(n) => format_number(*n),
                                    AnswerValue::Text(t) => format!("\"{t}\""),
                                }
                            ));
                            None
                        }
                    }
                }
                _ => None,
            };
            visit.replay(
                at,
                Entry {
                    answer,
                    note: e.note.clone(),
                    first_at: e.first_at.as_deref().and_then(when),
                    at: e.at.as_deref().and_then(when),
                    timed: e.timed,
                },
            );
        }
        if let Some(note) = &change.note {
            visit.header.note = note.clone();
        }
        if let Some(timers) = &change.timers {
            let timers = timers
                .iter()
                .filter_map(|t| {
                    Some(Timer {
                        at: visit.find(&t.checklist, &t.item)?,
                        started: when(&t.started)?,
                        mono: None,
                    })
                })
                .collect();
            visit.replay_timers(timers);
        }
        if let Some(files) = &change.evidence {
            let files = files
                .iter()
                .filter_map(|e| {
                    Some(Evidence {
                        item: e.checklist.clone().zip(e.item.clone()),
                        file: e.file.clone(),
                        sha256: e.sha256.clone(),
                        bytes: e.bytes,
                        added: when(&e.added)?,
                    })
                })
                .collect();
            visit.replay_evidence(files);
        }
        if let Some(selected) = &change.selected {
            visit.header.selected = Some(selected.clone());
        }
        if let Some(updated) = when(&change.updated) {
            visit.header.updated = updated;
        }
    }
    warnings.iter().map(|w| crate::text::escaped(w)).collect()
}

/// A time as the journal writes it: a TOML offset date-time.
fn when(text: &str) -> Option<ZonedDateTime> {
    let datetime: toml::value::Datetime = text.parse().ok()?;
    from_toml_datetime(&datetime).ok()
}
