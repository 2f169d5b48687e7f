//! The editor's review of a final record (SPEC.md, "Review"): the review
//! file `<id>.review.toml` beside the record — queries, the auditor's
//! answers, corrections and status changes, appended and never erased — and
//! what it comes to: the review status, the open queries, and the corrected
//! answers that every figure uses.
//!
//! Pure: text in, facts out. Reading and appending the file under the
//! shared-server rules is [`disk`]'s.

#[allow(clippy::disallowed_methods, clippy::disallowed_types)]
// the disk layer's part of the review
pub mod disk;

use serde::Deserialize;

use crate::checklist::Diagnostic;
use crate::checklist::diag::line_col;
use crate::record::{AnswerValue, RecordFile, Stamp};
use crate::text::escaped;
use crate::tr;

/// The review file format written and read.
pub const FORMAT: u32 = 1;

/// The largest review file read: a thousand entries take far less.
pub const MAX_REVIEW_BYTES: u64 = 4 * 1024 * 1024;

/// Where a record stands with its editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReviewStatus {
    /// Awaiting review: final, or resubmitted by its auditor.
    Final,
    /// Approved by the editor: counts in reports.
    Approved,
    /// Sent back to its auditor with questions: left out of reports.
    Returned,
    /// Left out of every figure, with a reason.
    Excluded,
}

impl ReviewStatus {
    /// Every status, in the order `--status` lists them.
    pub const ALL: [ReviewStatus; 4] = [
        ReviewStatus::Final,
        ReviewStatus::Approved,
        ReviewStatus::Returned,
        ReviewStatus::Excluded,
    ];

    /// The word in files, JSON and CSV: `final`, `approved`, …
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewStatus::Final => "final",
            ReviewStatus::Approved => "approved",
            ReviewStatus::Returned => "returned",
            ReviewStatus::Excluded => "excluded",
        }
    }

    /// The status named `word`, as files and `--status` write it.
    pub fn from_word(word: &str) -> Option<ReviewStatus> {
        ReviewStatus::ALL
            .into_iter()
            .find(|s| s.as_str() == word.trim())
    }

    /// The status in the interface language.
    pub fn shown(self) -> String {
        match self {
            ReviewStatus::Final => tr!("review-status-final"),
            ReviewStatus::Approved => tr!("review-status-approved"),
            ReviewStatus::Returned => tr!("review-status-returned"),
            ReviewStatus::Excluded => tr!("review-status-excluded"),
        }
    }
}

/// What an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// The editor asks the auditor about an item or the visit.
    Query,
    /// The auditor answers a query.
    Answer,
    /// The editor changes an answer, with a reason.
    Correction,
    /// The status changes.
    Status,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Query => "query",
            Kind::Answer => "answer",
            Kind::Correction => "correction",
            Kind::Status => "status",
        }
    }
}

/// One `[[entry]]` of a review file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// When it was written.
    pub at: Stamp,
    /// Who wrote it.
    pub by: String,
    /// What it is.
    pub kind: Kind,
    /// `checklist/item`; absent when about the whole visit.
    #[serde(default)]
    pub item: Option<String>,
    /// The question, answer, reason or message.
    #[serde(default)]
    pub text: String,
    /// A correction's answer before it (absent: unanswered).
    #[serde(default)]
    pub old: Option<AnswerValue>,
    /// A correction's new answer (absent: N/A, see `na`).
    #[serde(default)]
    pub new: Option<AnswerValue>,
    /// A status entry's status.
    #[serde(default)]
    pub status: Option<ReviewStatus>,
    /// A correction to N/A.
    #[serde(default)]
    pub na: bool,
    /// The new answer's option label, when it has one.
    #[serde(default)]
    pub label: Option<String>,
    /// The new answer's points, as the checklist scored it when corrected.
    #[serde(default)]
    pub points: Option<f64>,
    /// The new answer's maximum.
    #[serde(default)]
    pub max: Option<f64>,
    /// Whether the new answer's option has `exceeds = true`.
    #[serde(default)]
    pub exceeded: bool,
}

impl Entry {
    /// An entry of `kind` by `by` at `at`, every other field empty: what
    /// each kind fills in is the writer's.
    pub fn new(at: Stamp, by: String, kind: Kind) -> Entry {
        Entry {
            at,
            by,
            kind,
            item: None,
            text: String::new(),
            old: None,
            new: None,
            status: None,
            na: false,
            label: None,
            points: None,
            max: None,
            exceeded: false,
        }
    }
}

/// A review file as read.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewFile {
    /// [`FORMAT`].
    pub format: u32,
    /// The visit id of the record it is about.
    pub record: String,
    /// The sha256 (hex) of the final record's bytes it is about.
    pub record_sha256: String,
    /// Every entry, oldest first.
    #[serde(default)]
    pub entry: Vec<Entry>,
}

/// Reads a review file's `text`, shown to the user as `path`: TOML errors
/// with `path:line:column`, and entries that lack what their kind needs
/// named by their line.
pub fn parse(path: &str, text: &str) -> Result<ReviewFile, Diagnostic> {
    let file: ReviewFile = toml::from_str(text).map_err(|e| Diagnostic {
        path: path.to_owned(),
        at: e.span().map(|span| line_col(text, span.start)),
        message: escaped(e.message().trim_end()),
    })?;
    if file.format != FORMAT {
        return Err(Diagnostic {
            path: path.to_owned(),
            at: Some(line_of_key(text, "format")),
            message: tr!("review-unknown-format", format = file.format),
        });
    }
    for (n, entry) in file.entry.iter().enumerate() {
        let missing = match entry.kind {
            Kind::Status if entry.status.is_none() => Some("status"),
            Kind::Correction if entry.item.is_none() => Some("item"),
            Kind::Correction if entry.new.is_none() && !entry.na => Some("new"),
            Kind::Query | Kind::Answer if entry.text.trim().is_empty() => Some("text"),
            _ => None,
        };
        if let Some(key) = missing {
            return Err(Diagnostic {
                path: path.to_owned(),
                at: Some(entry_line(text, n)),
                message: tr!("review-entry-lacks", kind = entry.kind.as_str(), key = key),
            });
        }
    }
    Ok(file)
}

/// The line and column of the first line starting with `key`.
fn line_of_key(text: &str, key: &str) -> (usize, usize) {
    text.lines()
        .position(|l| l.trim_start().starts_with(key))
        .map_or((1, 1), |n| (n + 1, 1))
}

/// The line of the `n`-th `[[entry]]` (0-based).
fn entry_line(text: &str, n: usize) -> (usize, usize) {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == "[[entry]]")
        .nth(n)
        .map_or((1, 1), |(line, _)| (line + 1, 1))
}

/// An answer changed by the editor: the auditor's answer and the latest
/// correction of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Correction {
    /// `checklist/item`.
    pub item: String,
    /// The auditor's answer (before the first correction).
    pub old: Option<AnswerValue>,
    /// The answer now.
    pub new: Option<AnswerValue>,
    /// The answer now is N/A.
    pub na: bool,
    /// Its label, points, maximum and exceeded mark.
    pub label: Option<String>,
    /// Points of the answer now.
    pub points: Option<f64>,
    /// Maximum of the answer now.
    pub max: Option<f64>,
    /// Whether the answer now exceeded expectations.
    pub exceeded: bool,
    /// The reason of the latest correction.
    pub reason: String,
}

impl Correction {
    /// `old → new` as a reader sees it (`—` for unanswered, `n/a`).
    pub fn arrow(&self) -> String {
        let shown =
            |a: &Option<AnswerValue>| a.as_ref().map_or("—".to_owned(), AnswerValue::as_text);
        let new = if self.na {
            "n/a".to_owned()
        } else {
            shown(&self.new)
        };
        format!("{} → {}", shown(&self.old), new)
    }
}

/// A query not answered yet.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenQuery {
    /// `checklist/item`, or `None` for the whole visit.
    pub item: Option<String>,
    /// The question.
    pub text: String,
}

/// What a review file's entries come to.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The latest status (`final` until an entry says otherwise).
    pub status: ReviewStatus,
    /// Whether a status entry set `final` again after another status: the
    /// auditor resubmitted.
    pub resubmitted: bool,
    /// Queries without an answer (an answer closes the oldest open query
    /// of its item, or of the visit).
    pub open: Vec<OpenQuery>,
    /// Corrected answers, one per item, in the order first corrected.
    pub corrections: Vec<Correction>,
}

impl Default for State {
    fn default() -> Self {
        State {
            status: ReviewStatus::Final,
            resubmitted: false,
            open: Vec::new(),
            corrections: Vec::new(),
        }
    }
}

impl State {
    /// The correction of `checklist/item`, if any.
    pub fn correction(&self, item: &str) -> Option<&Correction> {
        self.corrections.iter().find(|c| c.item == item)
    }

    /// `approved`, `returned, 2 open questions`, … in the interface language.
    pub fn shown(&self) -> String {
        match (self.status, self.open.len()) {
            (ReviewStatus::Final, _) if self.resubmitted => tr!("review-status-resubmitted"),
            (ReviewStatus::Returned, open) if open > 0 => {
                tr!("review-status-returned-open", count = open)
            }
            (status, _) => status.shown(),
        }
    }
}

/// The state `entries` come to, oldest first.
pub fn fold(entries: &[Entry]) -> State {
    let mut state = State::default();
    for entry in entries {
        match entry.kind {
            Kind::Query => state.open.push(OpenQuery {
                item: entry.item.clone(),
                text: entry.text.clone(),
            }),
            Kind::Answer => {
                if let Some(n) = state.open.iter().position(|q| q.item == entry.item) {
                    state.open.remove(n);
                }
            }
            Kind::Status => {
                if let Some(status) = entry.status {
                    state.resubmitted = status == ReviewStatus::Final
                        && (state.status != ReviewStatus::Final || state.resubmitted);
                    state.status = status;
                }
            }
            Kind::Correction => {
                let Some(item) = entry.item.clone() else {
                    continue;
                };
                let old = match state.correction(&item) {
                    Some(earlier) => earlier.old.clone(),
                    None => entry.old.clone(),
                };
                let correction = Correction {
                    item: item.clone(),
                    old,
                    new: if entry.na { None } else { entry.new.clone() },
                    na: entry.na,
                    label: entry.label.clone(),
                    points: entry.points,
                    max: entry.max,
                    exceeded: entry.exceeded,
                    reason: entry.text.clone(),
                };
                match state.corrections.iter_mut().find(|c| c.item == item) {
                    Some(c) => *c = correction,
                    None => state.corrections.push(correction),
                }
            }
        }
    }
    state
}

/// The record with the editor's corrections in its observations (answer,
/// N/A, label, points, maximum, exceeded), so that every figure computed
/// from it uses them; the items corrected, as `checklist/item`.
pub fn apply(record: &mut RecordFile, state: &State) -> Vec<String> {
    let mut corrected = Vec::new();
    for c in &state.corrections {
        let Some((checklist, item)) = c.item.split_once('/') else {
            continue;
        };
        let Some(o) = record
            .observations
            .iter_mut()
            .find(|o| o.checklist == checklist && o.item == item)
        else {
            continue;
        };
        o.answer = if c.na { None } else { c.new.clone() };
        o.na = c.na;
        o.label = c.label.clone();
        o.points = if o.skipped { None } else { c.points };
        o.max = if o.skipped { None } else { c.max };
        o.exceeded = c.exceeded;
        corrected.push(c.item.clone());
    }
    corrected
}

/// A TOML value as it is written in a review file: a basic string with
/// control characters escaped, or a number.
fn toml_value(value: &AnswerValue) -> String {
    match value {
        AnswerValue::Number(n) => toml::Value::Float(*n).to_string(),
        AnswerValue::Text(t) => toml_string(t),
    }
}

fn toml_string(text: &str) -> String {
    crate::text::escape_toml(&toml::Value::String(text.to_owned()).to_string()).into_owned()
}

/// The first lines of a new review file about record `id` whose bytes
/// hash to `sha256`.
pub fn header_toml(id: &str, sha256: &str) -> String {
    format!(
        "format = {FORMAT}\nrecord = {}\nrecord_sha256 = {}\n",
        toml_string(id),
        toml_string(sha256)
    )
}

/// A new entry as the text appended to a review file: a blank line, then
/// its `[[entry]]` table.
pub fn entry_toml(entry: &Entry) -> String {
    let mut text = String::from("\n[[entry]]\n");
    let mut line = |key: &str, value: String| {
        text.push_str(key);
        text.push_str(" = ");
        text.push_str(&value);
        text.push('\n');
    };
    line("at", entry.at.rfc3339());
    line("by", toml_string(&entry.by));
    line("kind", toml_string(entry.kind.as_str()));
    if let Some(item) = &entry.item {
        line("item", toml_string(item));
    }
    if let Some(status) = entry.status {
        line("status", toml_string(status.as_str()));
    }
    if let Some(old) = &entry.old {
        line("old", toml_value(old));
    }
    if let Some(new) = &entry.new {
        line("new", toml_value(new));
    }
    if entry.kind == Kind::Correction {
        if entry.na {
            line("na", "true".to_owned());
        }
        if let Some(label) = &entry.label {
            line("label", toml_string(label));
        }
        if let Some(points) = entry.points {
            line("points", toml::Value::Float(points).to_string());
        }
        if let Some(max) = entry.max {
            line("max", toml::Value::Float(max).to_string());
        }
        if entry.exceeded {
            line("exceeded", "true".to_owned());
        }
    }
    if !entry.text.is_empty() {
        line("text", toml_string(&entry.text));
    }
    text
}

/// Checks that a review file is about the record `id` whose bytes hash to
/// `sha256`: why not, in the interface language, naming the file as `path`.
pub fn check_about(file: &ReviewFile, path: &str, id: &str, sha256: &str) -> Result<(), String> {
    if file.record != id {
        return Err(tr!(
            "review-of-another-record",
            path = path,
            record = escaped(&file.record),
            id = id
        ));
    }
    if !file.record_sha256.eq_ignore_ascii_case(sha256) {
        return Err(tr!("review-sha-mismatch", path = path, id = id));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp() -> Stamp {
        Stamp("2026-11-24T10:02:00+03:00[+03:00]".parse().unwrap())
    }

    fn entry(kind: Kind) -> Entry {
        Entry {
            item: Some("hotel-check-in/greeted".into()),
            text: "why?".into(),
            ..Entry::new(stamp(), "olga".into(), kind)
        }
    }

    #[test]
    fn written_entries_read_back_and_fold() {
        let mut text = header_toml("v1", "ab");
        text.push_str(&entry_toml(&entry(Kind::Query)));
        let mut correction = entry(Kind::Correction);
        correction.old = Some(AnswerValue::Text("yes".into()));
        correction.new = Some(AnswerValue::Text("no".into()));
        correction.points = Some(0.0);
        correction.max = Some(2.0);
        correction.text = "note says \u{1b}[31m 1 min 28 s".into();
        text.push_str(&entry_toml(&correction));
        let mut second = correction.clone();
        second.old = Some(AnswerValue::Text("no".into()));
        second.new = Some(AnswerValue::Text("partly".into()));
        second.points = Some(1.0);
        text.push_str(&entry_toml(&second));
        let mut status = entry(Kind::Status);
        status.item = None;
        status.status = Some(ReviewStatus::Returned);
        text.push_str(&entry_toml(&status));
        assert!(!text.contains('\u{1b}'), "{text}");
        let file = parse("r.review.toml", &text).unwrap();
        assert_eq!(file.entry.len(), 4);
        assert_eq!(file.entry[1].text, correction.text);
        let state = fold(&file.entry);
        assert_eq!(state.status, ReviewStatus::Returned);
        assert_eq!(state.open.len(), 1);
        assert_eq!(state.corrections.len(), 1);
        // The auditor's answer stays the old one; the latest is the new one.
        assert_eq!(state.corrections[0].arrow(), "yes → partly");
        assert_eq!(state.corrections[0].points, Some(1.0));
        let mut answer = entry(Kind::Answer);
        answer.text = "it was 28 s".into();
        let mut back = file.entry.clone();
        back.push(answer);
        let mut resubmit = status.clone();
        resubmit.status = Some(ReviewStatus::Final);
        back.push(resubmit);
        let state = fold(&back);
        assert!(state.open.is_empty());
        assert!(state.resubmitted);
        assert_eq!(state.status, ReviewStatus::Final);
    }

    #[test]
    fn bad_files_are_placed() {
        let e = parse(
            "r.review.toml",
            "format = 1\nrecord = \"x\"\nrecord_sha256 = 3\n",
        )
        .unwrap_err();
        assert_eq!(e.at.map(|a| a.0), Some(3), "{e}");
        let text = "format = 1\nrecord = \"x\"\nrecord_sha256 = \"a\"\n\n[[entry]]\nat = 2026-11-24T10:02:00+03:00\nby = \"o\"\nkind = \"status\"\n";
        let e = parse("r.review.toml", text).unwrap_err();
        assert_eq!(e.at, Some((5, 1)), "{e}");
        let e = parse(
            "r.review.toml",
            "format = 2\nrecord = \"x\"\nrecord_sha256 = \"a\"\n",
        )
        .unwrap_err();
        assert_eq!(e.at, Some((1, 1)), "{e}");
    }
}
