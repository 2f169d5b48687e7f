//! Reading a record back: TOML to [`RecordFile`] with every problem placed at
//! `file:line:column`, and a [`Visit`] rebuilt from it and its checklists.

mod chunks;

use std::collections::HashSet;
use std::ops::Range;

use jiff::ZonedDateTime;
use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{
    AnswerValue, ChecklistRef, EvidenceEntry, FORMAT, MAX_RECORD_BYTES, NA, Observation, Record,
    ScoreTable, Stamp, TimerEntry, format_number, header_of,
};
use crate::checklist::diag::{did_you_mean, line_col};
use crate::checklist::parse::is_id;
use crate::checklist::{Diagnostic, Loaded, Response};
use crate::text::escaped;
use crate::visit::{Answer, Entry, Evidence, Header, Status, Visit};

/// A record read from a file: its header, the checklists it names, its
/// observations in file order, and the score it recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordFile {
    /// Id, site, auditor, status, times and visit note.
    pub header: Header,
    /// The program that wrote it (`touchpoint 0.1.0`); empty if not given.
    pub tool: String,
    /// The checklists of the visit, in the order recorded.
    pub checklists: Vec<ChecklistRef>,
    /// Every observation as recorded, in file order.
    pub observations: Vec<Observation<Stamp>>,
    /// Files attached, in file order.
    pub evidence: Vec<EvidenceEntry<Stamp>>,
    /// Stopwatches running in a draft.
    pub timers: Vec<TimerEntry<Stamp>>,
    /// The score as recorded (derived when written; not recomputed here).
    pub score: ScoreTable,
}

/// What `touchpoint list` shows of a visit, read without its checklists.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The visit id.
    pub id: String,
    /// The site audited.
    pub site: String,
    /// Who audited it.
    pub auditor: String,
    /// Draft or final.
    pub status: Status,
    /// Shown items answered (N/A included).
    pub answered: u64,
    /// Shown items not answered.
    pub unanswered: u64,
    /// The score, when there is a maximum.
    pub percent: Option<f64>,
    /// `checklist/item` of each critical failure; any one fails the visit.
    pub critical_failures: Vec<String>,
    /// When anything last changed.
    pub updated: ZonedDateTime,
}

impl RecordFile {
    /// The observation of item `item_id` of checklist `checklist_id`.
    pub fn observation(&self, checklist_id: &str, item_id: &str) -> Option<&Observation<Stamp>> {
        self.observations
            .iter()
            .find(|o| o.checklist == checklist_id && o.item == item_id)
    }

    /// The facts `touchpoint list` needs.
    pub fn summary(&self) -> Summary {
        Summary {
            id: self.header.id.clone(),
            site: self.header.site.clone(),
            auditor: self.header.auditor.clone(),
            status: self.header.status,
            answered: self.score.answered,
            unanswered: self.score.unanswered,
            percent: self.score.percent,
            critical_failures: self.score.critical_failures.clone(),
            updated: self.header.updated.clone(),
        }
    }
}

/// Reads record `bytes`, shown to the user as `path`: refuses binary files and
/// invalid UTF-8 (placing the first bad byte), then [`parse`]s.
pub fn parse_bytes(path: &str, bytes: &[u8]) -> Result<RecordFile, Diagnostic> {
    if bytes.len() > MAX_RECORD_BYTES {
        return Err(too_big(path, bytes.len(), (1, 1)));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or("");
            return Err(Diagnostic {
                path: path.to_owned(),
                at: Some(line_col(valid, valid.len())),
                message: crate::tr!("record-not-utf8"),
            });
        }
    };
    parse(path, text)
}

fn too_big(path: &str, len: usize, at: (usize, usize)) -> Diagnostic {
    Diagnostic {
        path: path.to_owned(),
        at: Some(at),
        message: crate::tr!(
            "record-too-large",
            size = len,
            most = MAX_RECORD_BYTES / 1024 / 1024
        ),
    }
}

/// Reads record `text`, shown to the user as `path` in messages.
///
/// Malformed, truncated, hostile or hand-edited records give one [`Diagnostic`]
/// at `path:line:column` that says what is wrong and how to fix it: TOML syntax,
/// unknown keys, wrong types, unknown status, local or invalid date-times, a
/// newer format, duplicate or dangling observations, non-finite numbers, and
/// files over [`MAX_RECORD_BYTES`].
pub fn parse(path: &str, text: &str) -> Result<RecordFile, Diagnostic> {
    parse_with(path, text, CHUNK_ABOVE)
}

/// Records larger than this are read table by table (`chunks`), which
/// bounds the TOML parser's memory by the largest table rather than the
/// file; smaller ones are read as one document, which is quicker.
pub const CHUNK_ABOVE: usize = 1024 * 1024;

/// [`parse`], reading `text` table by table when it is over `chunk_above`
/// bytes. Both ways give the same record or the same message at the same
/// place; tests and the fuzz targets compare them on every input.
pub fn parse_with(path: &str, text: &str, chunk_above: usize) -> Result<RecordFile, Diagnostic> {
    if text.len() > MAX_RECORD_BYTES {
        return Err(too_big(path, text.len(), line_col(text, MAX_RECORD_BYTES)));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let at = |span: Range<usize>, message: String| Diagnostic {
        path: path.to_owned(),
        at: Some(line_col(text, span.start)),
        message: escaped(&message),
    };
    if text.trim().is_empty() {
        return Err(at(0..0, crate::tr!("record-empty")));
    }
    let record = if text.len() > chunk_above {
        match chunks::read(text) {
            chunks::Outcome::Read(record) => Ok(*record),
            chunks::Outcome::Refused(span, message) => Err((span, message)),
            chunks::Outcome::Whole => whole(text),
        }
    } else {
        whole(text)
    };
    let record = record.map_err(|(span, message)| at(span, message))?;
    Ok(RecordFile {
        header: header_of(&record.visit),
        tool: record.visit.tool,
        checklists: record.checklists,
        observations: record.observations,
        evidence: record.evidence,
        timers: record.timers,
        score: record.score,
    })
}

/// A record read as one TOML document, or the span and message of its first
/// problem.
fn whole(text: &str) -> Result<Record<Stamp>, (Range<usize>, String)> {
    let root = DeTable::parse(text).map_err(|e| (e.span().unwrap_or(0..0), syntax_message(&e)))?;
    let record = Record::<Stamp>::deserialize(toml::de::Deserializer::from(root.clone()))
        .map_err(|e| explain(e.message().trim_end(), e.span(), text))?;
    check(&record).map_err(|(steps, message)| (locate(&root, &steps), message))?;
    Ok(record)
}

/// The message of a TOML syntax error `e`.
pub(super) fn syntax_message(e: &toml::de::Error) -> String {
    crate::tr!(
        "record-toml-syntax",
        message = crate::toml_words::toml_message(e.message().trim_end())
    )
}

/// Serde's message in the words of a record, with a hint where one helps,
/// and a better place for a table missing from the end of a cut-short file.
pub(super) fn explain(
    serde: &str,
    span: Option<Range<usize>>,
    text: &str,
) -> (Range<usize>, String) {
    let missing = serde
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'));
    let unknown = unknown_field(serde);
    let mut message = match (missing, &unknown) {
        (Some(field), _) => crate::tr!("record-missing-field", field = field),
        (None, Some((field, names))) => unknown_field_words(field, names),
        // Other messages of serde and toml stay in serde's English, with
        // Rust's type names in a record's words.
        (None, None) => serde_words(&rust_words(serde)),
    };
    if serde.contains("expected a TOML datetime") {
        message = crate::tr!("record-hint-datetime", problem = message);
    }
    // The field meant, when one of the fields is close.
    if let Some(field) = unknown.and_then(|(field, names)| did_you_mean(field, &names)) {
        message = crate::tr!("record-did-you-mean", problem = message, field = field);
    }
    match span {
        Some(span) if span != (0..0) => (span, message),
        _ if missing.is_some() => (
            text.len()..text.len(),
            crate::tr!("record-cut-short", problem = message),
        ),
        _ => (0..0, message),
    }
}

/// The field and the fields allowed, of serde's "unknown field `x`,
/// expected one of `a`, `b`"; `None` for another message.
fn unknown_field(serde: &str) -> Option<(&str, Vec<&str>)> {
    let rest = serde.strip_prefix("unknown field `")?;
    Some(match rest.strip_suffix("`, there are no fields") {
        Some(field) => (field, Vec::new()),
        None => {
            // Field names of the format never hold a backquote; the key may.
            let at = rest.rfind("`, expected ")?;
            let expected = &rest[at + "`, expected ".len()..];
            let names: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
            (&rest[..at], names)
        }
    })
}

/// The message of an unknown `field` where `names` are the fields allowed.
fn unknown_field_words(field: &str, names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    let first = quoted.first().cloned().unwrap_or_default();
    let second = quoted.get(1).cloned().unwrap_or_default();
    crate::tr!(
        "record-unknown-field",
        field = field,
        count = names.len(),
        first = first,
        second = second,
        fields = quoted.join(", ")
    )
}

/// Serde's message with Rust's type names in a record's words.
fn rust_words(serde: &str) -> String {
    let mut message = serde.to_owned();
    for (rust, words) in [
        ("expected u64", "expected a whole number >= 0"),
        ("expected u32", "expected a whole number >= 0"),
        ("expected f64", "expected a number"),
        ("invalid type: sequence", "invalid type: an array"),
        ("invalid type: map", "invalid type: a table"),
        ("expected a sequence", "expected an array"),
    ] {
        message = message.replace(rust, words);
    }
    message
}

/// Serde's "invalid type: integer `5`, expected a string" (or "invalid
/// value: …") in the interface language; a part the catalogs have no words
/// for stays as serde says it, and any other message stays whole.
fn serde_words(message: &str) -> String {
    let (invalid_type, rest) = match (
        message.strip_prefix("invalid type: "),
        message.strip_prefix("invalid value: "),
    ) {
        (Some(rest), _) => (true, rest),
        (None, Some(rest)) => (false, rest),
        (None, None) => return message.to_owned(),
    };
    // What was wanted comes last and never holds these words; what was
    // found may quote the file.
    let Some((found, wanted)) = rest.rsplit_once(", expected ") else {
        return message.to_owned();
    };
    let found = match found.split_once(' ') {
        Some(("boolean", value)) => crate::tr!("record-found-boolean", value = value),
        Some(("integer", value)) => crate::tr!("record-found-integer", value = value),
        Some(("string", value)) => crate::tr!("record-found-string", value = value),
        Some(("character", value)) => crate::tr!("record-found-character", value = value),
        _ => match found.strip_prefix("floating point ") {
            Some(value) => crate::tr!("record-found-float", value = value),
            None => match found {
                "an array" => crate::tr!("record-found-array"),
                "a table" => crate::tr!("record-found-table"),
                other => other.to_owned(),
            },
        },
    };
    let wanted = match wanted {
        "a string" => crate::tr!("record-wanted-string"),
        "a whole number >= 0" => crate::tr!("record-wanted-whole-number"),
        "a number" => crate::tr!("record-wanted-number"),
        "a boolean" => crate::tr!("record-wanted-boolean"),
        "an array" => crate::tr!("record-wanted-array"),
        "a TOML datetime" => crate::tr!("record-wanted-datetime"),
        "an option id, a number or text" => crate::tr!("record-wanted-answer"),
        "a table of percentages, such as \"check-in\" = 90.0" => {
            crate::tr!("record-wanted-percentages")
        }
        other => match other.strip_prefix("struct ") {
            Some(name) => crate::tr!("record-wanted-table", name = name),
            None => other.to_owned(),
        },
    };
    if invalid_type {
        crate::tr!("record-invalid-type", found = found, wanted = wanted)
    } else {
        crate::tr!("record-invalid-value", found = found, wanted = wanted)
    }
}

/// One step of a path into the TOML tree.
#[derive(Debug, Clone, Copy)]
pub(super) enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// The span of the value at `steps`, or of the deepest part of it that exists.
pub(super) fn locate(root: &Spanned<DeTable<'_>>, steps: &[Step<'_>]) -> Range<usize> {
    let mut span = root.span();
    let mut value: Option<&Spanned<DeValue<'_>>> = None;
    for step in steps {
        let next = match (value, step) {
            (None, Step::Key(key)) => root.get_ref().get(*key),
            (None, Step::Index(_)) => None,
            (Some(v), Step::Key(key)) => v.get_ref().get(*key),
            (Some(v), Step::Index(i)) => v.get_ref().get(*i),
        };
        match next {
            Some(v) => {
                span = v.span();
                value = Some(v);
            }
            None => break,
        }
    }
    span
}

/// Whether `file` is a plain relative path inside the data folder: no
/// leading `/`, no empty, `.` or `..` part, no backslash or control character.
fn is_evidence_path(file: &str) -> bool {
    !file.is_empty()
        && !file.starts_with('/')
        && file.split('/').all(|part| !matches!(part, "" | "." | ".."))
        && !file.chars().any(|c| c.is_control() || c == '\\')
}

/// Whether `id` can be a visit id: ASCII letters, digits and hyphens, which
/// keeps it safe as a file name.
fn is_visit_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-')
        && id.len() <= 128
}

pub(super) type Problem = (Vec<Step<'static>>, String);

/// The rules that serde's types cannot say: the first one broken, with where.
pub(super) fn check(record: &Record<Stamp>) -> Result<(), Problem> {
    use Step::{Index, Key};
    if record.format > FORMAT || record.format == 0 {
        return Err((
            vec![Key("format")],
            crate::tr!(
                "record-format-newer",
                format = record.format,
                reads = FORMAT
            ),
        ));
    }
    let visit = &record.visit;
    if !is_visit_id(&visit.id) {
        return Err((
            vec![Key("visit"), Key("id")],
            crate::tr!("record-bad-visit-id"),
        ));
    }
    match (visit.status, &visit.finished) {
        (Status::Final, None) => {
            return Err((
                vec![Key("visit"), Key("status")],
                crate::tr!("record-final-needs-finished"),
            ));
        }
        (Status::Draft, Some(_)) => {
            return Err((
                vec![Key("visit"), Key("finished")],
                crate::tr!("record-draft-has-finished"),
            ));
        }
        _ => {}
    }
    let mut ids = HashSet::new();
    for (n, c) in record.checklists.iter().enumerate() {
        if !is_id(&c.id) {
            return Err((
                vec![Key("checklists"), Index(n), Key("id")],
                crate::tr!("record-bad-checklist-id"),
            ));
        }
        if !ids.insert(c.id.as_str()) {
            return Err((
                vec![Key("checklists"), Index(n), Key("id")],
                crate::tr!("record-checklist-twice", id = &c.id),
            ));
        }
    }
    let mut seen = HashSet::new();
    for (n, o) in record.observations.iter().enumerate() {
        let place = |key: &'static str| vec![Key("observations"), Index(n), Key(key)];
        if !ids.contains(o.checklist.as_str()) {
            return Err((
                place("checklist"),
                crate::tr!("record-unlisted-checklist", id = &o.checklist, then = "add"),
            ));
        }
        if !is_id(&o.item) {
            return Err((place("item"), crate::tr!("record-bad-item-id")));
        }
        if !seen.insert((o.checklist.as_str(), o.item.as_str())) {
            return Err((
                place("item"),
                crate::tr!(
                    "record-recorded-twice",
                    item = format!("{}/{}", o.checklist, o.item)
                ),
            ));
        }
        if o.na && o.answer.is_some() {
            return Err((place("na"), crate::tr!("record-na-with-answer")));
        }
        if let Some(tag) = o.tags.iter().find(|t| !is_id(t)) {
            return Err((place("tags"), crate::tr!("record-bad-tag", tag = tag)));
        }
        for (key, value) in [("points", o.points), ("max", o.max), ("timed", o.timed)] {
            if value.is_some_and(|v| !v.is_finite() || v < 0.0) {
                return Err((place(key), crate::tr!("record-not-a-number", key = key)));
            }
        }
    }
    for (n, e) in record.evidence.iter().enumerate() {
        let place = |key: &'static str| vec![Key("evidence"), Index(n), Key(key)];
        match (&e.checklist, &e.item) {
            (Some(c), Some(item)) => {
                if !ids.contains(c.as_str()) {
                    return Err((
                        place("checklist"),
                        crate::tr!("record-unlisted-checklist", id = c, then = "file"),
                    ));
                }
                if !is_id(item) {
                    return Err((place("item"), crate::tr!("record-bad-item-id")));
                }
            }
            (None, None) => {}
            (Some(_), None) => {
                return Err((
                    place("checklist"),
                    crate::tr!("record-file-half-named", missing = "item"),
                ));
            }
            (None, Some(_)) => {
                return Err((
                    place("item"),
                    crate::tr!("record-file-half-named", missing = "checklist"),
                ));
            }
        }
        if !is_evidence_path(&e.file) {
            return Err((place("file"), crate::tr!("record-bad-file-path")));
        }
        let hex = e.sha256.len() == 64
            && e.sha256
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if !hex {
            return Err((place("sha256"), crate::tr!("record-bad-sha256")));
        }
    }
    if !record.timers.is_empty() && visit.status == Status::Final {
        return Err((vec![Key("timers")], crate::tr!("record-final-has-timers")));
    }
    let mut timed = HashSet::new();
    for (n, t) in record.timers.iter().enumerate() {
        let place = |key: &'static str| vec![Key("timers"), Index(n), Key(key)];
        if !ids.contains(t.checklist.as_str()) {
            return Err((
                place("checklist"),
                crate::tr!(
                    "record-unlisted-checklist",
                    id = &t.checklist,
                    then = "stopwatch"
                ),
            ));
        }
        if !is_id(&t.item) {
            return Err((place("item"), crate::tr!("record-bad-item-id")));
        }
        if !timed.insert((t.checklist.as_str(), t.item.as_str())) {
            return Err((
                place("item"),
                crate::tr!(
                    "record-two-stopwatches",
                    item = format!("{}/{}", t.checklist, t.item)
                ),
            ));
        }
    }
    let score = &record.score;
    let numbers = [
        ("percent", score.percent),
        ("points", Some(score.points)),
        ("max", Some(score.max)),
        ("standards", score.standards),
        ("personal_touch", score.personal_touch),
    ];
    for (key, value) in numbers {
        if value.is_some_and(|v| !v.is_finite() || v < 0.0) {
            return Err((
                vec![Key("score"), Key(key)],
                crate::tr!("record-not-a-number", key = key),
            ));
        }
    }
    for (table, percents) in [
        ("sections", &score.sections),
        ("touchpoints", &score.touchpoints),
        ("tags", &score.tags),
    ] {
        if let Some((name, _)) = percents.0.iter().find(|(_, p)| !p.is_finite() || *p < 0.0) {
            return Err((
                vec![Key("score"), Key(table)],
                crate::tr!("record-percentage-not-a-number", name = name),
            ));
        }
    }
    Ok(())
}

/// A visit from `record` and the checklists loaded for its sources (see
/// [`load_checklists`]), in the order the record lists them, with a warning
/// for each thing that did not fit:
///
/// - a checklist the record names that is not among `checklists` (its
///   observations are left out), or one given that the record does not name;
/// - a checklist whose sha256 differs from the recorded one (it changed since
///   the visit; answers are matched by item id);
/// - an observation that matches no item any more, or whose answer no longer
///   fits its item (an option the item no longer has, a number for a yes-no
///   item…): the answer is left out, the note and times kept.
///
/// Every warning quotes what was left out, so the auditor can copy it back.
/// N/A is `na = true`; the older `answer = "n/a"` still reads as N/A on a
/// choice or number item, while on a text item it is the text "n/a".
pub fn rebuild(record: &RecordFile, checklists: Vec<Loaded>) -> (Visit, Vec<String>) {
    let mut warnings = Vec::new();
    let mut pool = checklists;
    let mut ordered = Vec::new();
    for wanted in &record.checklists {
        match pool
            .iter()
            .position(|l| l.checklist.checklist.id == wanted.id)
        {
            Some(n) => {
                let loaded = pool.remove(n);
                if loaded.sha256 != wanted.sha256 {
                    warnings.push(crate::tr!(
                        "record-checklist-changed",
                        id = &wanted.id,
                        source = loaded.source.to_string()
                    ));
                }
                ordered.push(loaded);
            }
            None => {
                let left_out = record
                    .observations
                    .iter()
                    .filter(|o| o.checklist == wanted.id && !is_blank(o))
                    .count();
                warnings.push(crate::tr!(
                    "record-checklist-unavailable",
                    id = &wanted.id,
                    source = &wanted.source,
                    count = left_out
                ));
            }
        }
    }
    for extra in pool {
        warnings.push(crate::tr!(
            "record-checklist-not-in-record",
            id = &extra.checklist.checklist.id
        ));
    }
    let mut visit = Visit::from_header(record.header.clone(), ordered);
    let loaded_ids: HashSet<String> = visit
        .checklists
        .iter()
        .map(|l| l.checklist.checklist.id.clone())
        .collect();
    for o in &record.observations {
        if !loaded_ids.contains(&o.checklist) || is_blank(o) {
            continue;
        }
        let Some(at) = visit.find(&o.checklist, &o.item) else {
            warnings.push(crate::tr!(
                "record-item-gone",
                item = format!("{}/{}", o.checklist, o.item),
                what = describe(o)
            ));
            continue;
        };
        let answer = match (&o.answer, visit.response(at), visit.item(at)) {
            _ if o.na => match visit.item(at) {
                Some((_, item)) if !item.na_allowed() => {
                    warnings.push(crate::tr!(
                        "record-na-left-out",
                        item = format!("{}/{}", o.checklist, o.item)
                    ));
                    None
                }
                _ => Some(Answer::Na),
            },
            (Some(value), Some(response), Some((_, item))) => {
                match interpret(value, response, item.na_allowed()) {
                    Ok(answer) => Some(answer),
                    Err(why) => {
                        warnings.push(crate::tr!(
                            "record-answer-left-out",
                            item = format!("{}/{}", o.checklist, o.item),
                            why = why,
                            answer = quote(&value.as_text())
                        ));
                        None
                    }
                }
            }
            _ => None,
        };
        let entry = Entry {
            answer,
            note: o.note.clone(),
            first_at: o.first_at.as_ref().map(|s| s.0.clone()),
            at: o.at.as_ref().map(|s| s.0.clone()),
            timed: o.timed,
        };
        visit.restore(&o.checklist, &o.item, entry);
    }
    for t in &record.timers {
        if !loaded_ids.contains(&t.checklist) {
            continue;
        }
        if !visit.restore_timer(&t.checklist, &t.item, t.started.0.clone()) {
            warnings.push(crate::tr!(
                "record-timer-gone",
                item = format!("{}/{}", t.checklist, t.item),
                started = t.started.to_string()
            ));
        }
    }
    for e in &record.evidence {
        let item = e.checklist.clone().zip(e.item.clone());
        if let Some((c, i)) = &item
            && loaded_ids.contains(c)
            && visit.find(c, i).is_none()
        {
            warnings.push(crate::tr!(
                "record-file-item-gone",
                item = format!("{c}/{i}"),
                file = quote(&e.file)
            ));
        }
        visit.restore_evidence(Evidence {
            item,
            file: e.file.clone(),
            sha256: e.sha256.clone(),
            bytes: e.bytes,
            added: e.added.0.clone(),
        });
    }
    let warnings = warnings.iter().map(|w| escaped(w)).collect();
    (visit, warnings)
}

/// Whether nothing was recorded for the observation.
fn is_blank(o: &Observation<Stamp>) -> bool {
    o.answer.is_none()
        && !o.na
        && o.note.is_empty()
        && o.first_at.is_none()
        && o.at.is_none()
        && o.timed.is_none()
}

/// The recorded answer as an [`Answer`] of an item with `response`, or why
/// it does not fit.
pub(super) fn interpret(
    value: &AnswerValue,
    response: Response<'_>,
    na_allowed: bool,
) -> Result<Answer, String> {
    match (value, response) {
        // Written for N/A before `na = true`; on a text item it is just text.
        (AnswerValue::Text(t), Response::Options(_) | Response::Number { .. }) if t == NA => {
            if na_allowed {
                Ok(Answer::Na)
            } else {
                Err(crate::tr!("record-why-na"))
            }
        }
        (AnswerValue::Text(id), Response::Options(options)) => {
            if options.iter().any(|o| &o.id == id) {
                Ok(Answer::Choice(id.clone()))
            } else {
                Err(crate::tr!("record-why-no-option"))
            }
        }
        (AnswerValue::Number(n), Response::Number { .. }) => Ok(Answer::Number(*n)),
        (AnswerValue::Text(t), Response::Text) => Ok(Answer::Text(t.clone())),
        (AnswerValue::Number(n), Response::Text) => Ok(Answer::Text(format_number(*n))),
        (AnswerValue::Number(_), Response::Options(_)) => Err(crate::tr!("record-why-not-number")),
        (AnswerValue::Text(_), Response::Number { .. }) => Err(crate::tr!("record-why-not-text")),
    }
}

/// `answer "…", note "…"`, shortened, for a warning.
fn describe(o: &Observation<Stamp>) -> String {
    let mut parts = Vec::new();
    if let Some(answer) = &o.answer {
        parts.push(crate::tr!(
            "record-left-answer",
            answer = quote(&answer.as_text())
        ));
    }
    if o.na {
        parts.push(crate::tr!("record-left-na"));
    }
    if !o.note.is_empty() {
        parts.push(crate::tr!("record-left-note", note = quote(&o.note)));
    }
    if parts.is_empty() {
        crate::tr!("record-left-times")
    } else {
        parts.join(", ")
    }
}

/// `"text"`, on one line (line breaks and tabs as spaces), at most 80
/// characters, anything else that could drive a terminal escaped.
fn quote(text: &str) -> String {
    let one_line: String = text
        .chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let mut short: String = one_line.chars().take(80).collect();
    if one_line.chars().count() > 80 {
        short.push('…');
    }
    format!("\"{}\"", escaped(&short))
}
