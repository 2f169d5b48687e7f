//! The change log of a visit, `visits/<id>.log` (SPEC.md, "Signing and the
//! change log"): one JSON line per change, never compacted, each line
//! naming the SHA-256 of the line before it, so that a line taken out,
//! added or edited breaks the chain where it happened:
//!
//! ```text
//! {"at":"2026-11-22T14:05:31+03:00","item":"hotel-check-in/greeted-by-name","field":"answer","old":null,"new":"yes","prev":""}
//! {"at":"2026-11-22T14:07:02+03:00","item":"hotel-check-in/greeted-by-name","field":"answer","old":"yes","new":"no","prev":"9f2c…"}
//! ```
//!
//! `field` is `answer`, `note`, `evidence`, `stopwatch` or `status`, with
//! `undo-` or `redo-` before it when an undo or a redo made the change;
//! `old` and `new` are `null` for nothing (no answer, no file), a number for
//! a number answer, else text (`"n/a"` for N/A). docs/record.md tells how
//! the lines are written (carried by the journal until they are on disk).
//!
//! Pure: bytes in, bytes out.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{NA, Precision, to_toml_datetime};
use crate::visit::{Answer, LogField, LogHow, LogValue, Logged};

/// One line of the change log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Line {
    /// When the change was made: a TOML/RFC 3339 offset date-time.
    pub at: String,
    /// `checklist-id/item-id`; absent for the whole visit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// What changed (see the module's documentation).
    pub field: String,
    /// Before: `null`, a number or text.
    pub old: Value,
    /// After.
    pub new: Value,
    /// SHA-256 (lowercase hex) of the previous line's bytes without its
    /// newline; `""` for the first line.
    pub prev: String,
}

/// SHA-256 of `bytes`, lowercase hex: a line's hash (without its newline)
/// or the whole log's.
pub fn sha256_hex(bytes: &[u8]) -> String {
    crate::checklist::sha256_hex(bytes)
}

/// The `field` word of a change.
pub fn field_word(field: LogField, how: LogHow) -> String {
    let field = match field {
        LogField::Answer => "answer",
        LogField::Note => "note",
        LogField::Evidence => "evidence",
        LogField::Stopwatch => "stopwatch",
        LogField::Status => "status",
    };
    match how {
        LogHow::Made => field.to_owned(),
        LogHow::Undo => format!("undo-{field}"),
        LogHow::Redo => format!("redo-{field}"),
    }
}

fn value(value: &LogValue) -> Value {
    match value {
        LogValue::None => Value::Null,
        LogValue::Answer(Answer::Choice(id)) => Value::String(id.clone()),
        LogValue::Answer(Answer::Na) => Value::String(NA.to_owned()),
        LogValue::Answer(Answer::Number(n)) => {
            serde_json::Number::from_f64(*n).map_or(Value::Null, Value::Number)
        }
        LogValue::Answer(Answer::Text(t)) | LogValue::Text(t) => Value::String(t.clone()),
    }
}

/// The line of `logged` (without `prev`, which is set when it is written).
pub fn line_of(logged: &Logged) -> Line {
    Line {
        at: to_toml_datetime(&logged.at, Precision::Second).to_string(),
        item: logged.item.as_ref().map(|(c, i)| format!("{c}/{i}")),
        field: field_word(logged.field, logged.how),
        old: value(&logged.old),
        new: value(&logged.new),
        prev: String::new(),
    }
}

/// `line` as the log's bytes, chained to the line whose hash is `prev`:
/// the JSON and a newline.
pub fn to_bytes(line: &Line, prev: &str) -> String {
    let line = Line {
        prev: prev.to_owned(),
        ..line.clone()
    };
    // Strings, finite numbers and nulls always serialize.
    let mut text = serde_json::to_string(&line).unwrap_or_default();
    text.push('\n');
    text
}

/// The hash a line written after `bytes` names as its `prev`: that of
/// the last whole line, `""` when there is none.
pub fn tail_hash(bytes: &[u8]) -> String {
    let whole = match bytes.iter().rposition(|b| *b == b'\n') {
        Some(end) => &bytes[..end],
        None => return String::new(),
    };
    let start = whole.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1);
    sha256_hex(&whole[start..])
}

/// What is wrong with a log, at its first bad line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Break {
    /// The line is not a line of a change log (not JSON, fields missing).
    NotALine,
    /// Its `prev` is not the hash of the line before it: a line was taken
    /// out, added or edited there.
    Chain,
    /// The last line has no newline: cut short.
    CutShort,
}

/// A log as read: its lines, and where the chain first breaks.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    /// The lines read, up to the first bad one.
    pub lines: Vec<Line>,
    /// The first bad line, counted from 1, and why.
    pub broken: Option<(usize, Break)>,
}

/// Reads and checks a log's bytes.
pub fn check(bytes: &[u8]) -> Checked {
    let mut lines = Vec::new();
    let mut prev = String::new();
    for (n, piece) in bytes.split_inclusive(|b| *b == b'\n').enumerate() {
        let number = n + 1;
        let Some(whole) = piece.strip_suffix(b"\n") else {
            return Checked {
                lines,
                broken: Some((number, Break::CutShort)),
            };
        };
        let Ok(line) = serde_json::from_slice::<Line>(whole) else {
            return Checked {
                lines,
                broken: Some((number, Break::NotALine)),
            };
        };
        if line.prev != prev {
            return Checked {
                lines,
                broken: Some((number, Break::Chain)),
            };
        }
        prev = sha256_hex(whole);
        lines.push(line);
    }
    Checked {
        lines,
        broken: None,
    }
}

/// A value of a line as a person reads it: `—` for nothing (no answer, an
/// empty note).
pub fn shown(value: &Value) -> String {
    match value {
        Value::Null => "—".to_owned(),
        Value::String(s) if s.is_empty() => "—".to_owned(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n
            .as_f64()
            .map_or_else(|| n.to_string(), super::format_number),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(field: &str, old: Value, new: Value) -> Line {
        Line {
            at: "2026-11-22T14:05:31+03:00".into(),
            item: Some("hotel-check-in/greeted-by-name".into()),
            field: field.into(),
            old,
            new,
            prev: String::new(),
        }
    }

    fn log(lines: &[Line]) -> String {
        let mut text = String::new();
        for l in lines {
            let prev = tail_hash(text.as_bytes());
            text.push_str(&to_bytes(l, &prev));
        }
        text
    }

    #[test]
    fn lines_chain_and_a_change_anywhere_breaks_the_chain_there() {
        let a = line("answer", Value::Null, "yes".into());
        let b = line("answer", "yes".into(), "no".into());
        let c = line("note", "".into(), "Used my name".into());
        let text = log(&[a.clone(), b, c]);
        let checked = check(text.as_bytes());
        assert_eq!(checked.broken, None);
        assert_eq!(checked.lines.len(), 3);
        assert_eq!(checked.lines[0].prev, "");
        assert_eq!(checked.lines[0].field, "answer");

        let edited = text.replacen("\"no\"", "\"yes\"", 1);
        assert_eq!(check(edited.as_bytes()).broken, Some((3, Break::Chain)));

        let lines: Vec<&str> = text.lines().collect();
        let dropped = format!("{}\n{}\n", lines[0], lines[2]);
        assert_eq!(check(dropped.as_bytes()).broken, Some((2, Break::Chain)));

        let cut = &text[..text.len() - 5];
        assert_eq!(check(cut.as_bytes()).broken, Some((3, Break::CutShort)));

        let garbage = format!("{}\nnot json\n", lines[0]);
        assert_eq!(check(garbage.as_bytes()).broken, Some((2, Break::NotALine)));
        assert_eq!(check(b"").broken, None);
    }

    #[test]
    fn the_tail_hash_is_the_last_whole_lines() {
        assert_eq!(tail_hash(b""), "");
        assert_eq!(tail_hash(b"ab\n"), sha256_hex(b"ab"));
        assert_eq!(tail_hash(b"ab\ncd\n"), sha256_hex(b"cd"));
        assert_eq!(tail_hash(b"ab\ncd"), sha256_hex(b"ab"));
    }

    #[test]
    fn values_read_as_people_write_them() {
        assert_eq!(shown(&Value::Null), "—");
        assert_eq!(shown(&"yes".into()), "yes");
        assert_eq!(shown(&serde_json::json!(7.5)), "7.5");
    }
}
