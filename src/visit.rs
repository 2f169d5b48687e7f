//! A visit in memory: answers, notes, timestamps, visibility (`show_if`) and
//! undo/redo. No terminal, no files, no clock: callers pass the time in.

use jiff::ZonedDateTime;
use thiserror::Error;

use crate::checklist::{Item, Loaded, Response, journey_rank};

/// An answer to one item.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// An option of the item's set, by id.
    Choice(String),
    /// Not applicable.
    Na,
    /// The value of a `number` item.
    Number(f64),
    /// The value of a `text` item.
    Text(String),
}

/// What the auditor recorded for one item.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Entry {
    /// The answer, if any.
    pub answer: Option<Answer>,
    /// The auditor's note; empty when there is none.
    pub note: String,
    /// When the item was first answered: the moment observed.
    pub first_at: Option<ZonedDateTime>,
    /// When the answer or the note last changed.
    pub at: Option<ZonedDateTime>,
}

impl Entry {
    /// Whether nothing has been recorded.
    pub fn is_empty(&self) -> bool {
        self.answer.is_none() && self.note.is_empty()
    }
}

/// Whether the visit is still being worked on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Open: answers may change.
    Draft,
    /// Finalized: read-only.
    Final,
}

impl Status {
    /// The word used in records.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Final => "final",
        }
    }
}

/// An item of the visit: the index of its checklist in the visit, and its
/// index among that checklist's items in file order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemRef {
    /// Index into [`Visit::checklists`].
    pub checklist: usize,
    /// Index of the item within its checklist, over all sections.
    pub item: usize,
}

/// A change the visit refused; the visit is unchanged.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum VisitError {
    /// The visit was finalized.
    #[error("this visit is final and opens read-only")]
    ReadOnly,
    /// No such item.
    #[error("no such item")]
    NoItem,
    /// N/A chosen where the checklist forbids it.
    #[error("N/A is not allowed for this item")]
    NaNotAllowed,
    /// An option the item's set does not have.
    #[error("this item has no option {0}")]
    NoOption(String),
    /// A number outside the item's bounds.
    #[error("{value} is outside the allowed range {range}")]
    OutOfRange {
        /// The value typed.
        value: f64,
        /// The range, as "0–300 seconds".
        range: String,
    },
    /// A value of the wrong kind for the item (a number for a yes-no item…).
    #[error("this item takes {0}")]
    WrongKind(&'static str),
}

/// One undoable change: the entry before and after it.
#[derive(Debug, Clone)]
struct Change {
    at: ItemRef,
    before: Entry,
    after: Entry,
    /// Text typed in one go (a note, a text value) is one undo step.
    typing: bool,
}

/// The facts of a visit that are not answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// `20261122T140312-hotel-metropol-7f3a`: start time, site slug, random suffix.
    pub id: String,
    /// The site audited.
    pub site: String,
    /// Who audited it.
    pub auditor: String,
    /// Draft or final.
    pub status: Status,
    /// When the visit was started.
    pub started: ZonedDateTime,
    /// When anything last changed.
    pub updated: ZonedDateTime,
    /// When it was finalized.
    pub finished: Option<ZonedDateTime>,
    /// The visit-level note.
    pub note: String,
}

/// One audit at one site by one auditor, over one or more checklists.
#[derive(Debug, Clone)]
pub struct Visit {
    /// Id, site, auditor, status and times.
    pub header: Header,
    /// The checklists, in journey order.
    pub checklists: Vec<Loaded>,
    /// `entries[c][i]` is the entry of item `i` of checklist `c`.
    entries: Vec<Vec<Entry>>,
    undo: Vec<Change>,
    redo: Vec<Change>,
}

impl Visit {
    /// Starts a visit over `checklists` (sorted here into journey order) at `now`.
    /// `suffix` makes the id unique (a few random hex digits).
    pub fn new(
        site: &str,
        auditor: &str,
        mut checklists: Vec<Loaded>,
        now: &ZonedDateTime,
        suffix: &str,
    ) -> Visit {
        checklists.sort_by(|a, b| {
            journey_rank(&a.checklist.checklist.touchpoint)
                .cmp(&journey_rank(&b.checklist.checklist.touchpoint))
        });
        let entries = checklists
            .iter()
            .map(|c| vec![Entry::default(); c.checklist.item_count()])
            .collect();
        let id = format!(
            "{}-{}-{}",
            now.strftime("%Y%m%dT%H%M%S"),
            slug(site),
            suffix
        );
        Visit {
            header: Header {
                id,
                site: site.to_owned(),
                auditor: auditor.to_owned(),
                status: Status::Draft,
                started: now.clone(),
                updated: now.clone(),
                finished: None,
                note: String::new(),
            },
            checklists,
            entries,
            undo: Vec::new(),
            redo: Vec::new(),
        }
    }

    /// Rebuilds a visit from its header and checklists (already in the order
    /// they were recorded); entries are then put back with [`Visit::restore`].
    pub fn from_header(header: Header, checklists: Vec<Loaded>) -> Visit {
        let entries = checklists
            .iter()
            .map(|c| vec![Entry::default(); c.checklist.item_count()])
            .collect();
        Visit {
            header,
            checklists,
            entries,
            undo: Vec::new(),
            redo: Vec::new(),
        }
    }

    /// Puts back a recorded entry; false when the visit has no such item.
    pub fn restore(&mut self, checklist_id: &str, item_id: &str, entry: Entry) -> bool {
        match self.find(checklist_id, item_id) {
            Some(at) => {
                self.entries[at.checklist][at.item] = entry;
                true
            }
            None => false,
        }
    }

    /// The item with these ids.
    pub fn find(&self, checklist_id: &str, item_id: &str) -> Option<ItemRef> {
        let checklist = self
            .checklists
            .iter()
            .position(|c| c.checklist.checklist.id == checklist_id)?;
        let item = self.checklists[checklist]
            .checklist
            .items()
            .position(|(_, i)| i.id == item_id)?;
        Some(ItemRef { checklist, item })
    }

    /// Whether the visit is final, and so read-only.
    pub fn is_final(&self) -> bool {
        self.header.status == Status::Final
    }

    /// The checklist item at `at`, with its section.
    pub fn item(&self, at: ItemRef) -> Option<(&crate::checklist::Section, &Item)> {
        self.checklists
            .get(at.checklist)?
            .checklist
            .items()
            .nth(at.item)
    }

    /// How the item at `at` is answered.
    pub fn response(&self, at: ItemRef) -> Option<Response<'_>> {
        let (_, item) = self.item(at)?;
        Some(self.checklists[at.checklist].checklist.response(item))
    }

    /// The entry of the item at `at`.
    pub fn entry(&self, at: ItemRef) -> Option<&Entry> {
        self.entries.get(at.checklist)?.get(at.item)
    }

    /// Which items of checklist `c` are shown: an item with `show_if` is shown
    /// while the item it names is shown and answered with one of the listed options.
    pub fn visibility(&self, c: usize) -> Vec<bool> {
        let Some(loaded) = self.checklists.get(c) else {
            return Vec::new();
        };
        let items: Vec<&Item> = loaded.checklist.items().map(|(_, i)| i).collect();
        let mut shown = vec![true; items.len()];
        for (n, item) in items.iter().enumerate() {
            let Some(condition) = &item.show_if else {
                continue;
            };
            // Validation guarantees the target comes earlier, so its own
            // visibility is already known.
            shown[n] = items[..n]
                .iter()
                .position(|i| i.id == condition.item)
                .is_some_and(|target| {
                    shown[target]
                        && matches!(
                            &self.entries[c][target].answer,
                            Some(Answer::Choice(id)) if condition.is.ids().contains(id)
                        )
                });
        }
        shown
    }

    /// Every shown item of the visit, in journey order.
    pub fn shown(&self) -> Vec<ItemRef> {
        (0..self.checklists.len())
            .flat_map(|c| {
                self.visibility(c)
                    .into_iter()
                    .enumerate()
                    .filter_map(move |(item, shown)| {
                        shown.then_some(ItemRef { checklist: c, item })
                    })
            })
            .collect()
    }

    /// Answered and shown items of the whole visit, out of the shown ones.
    pub fn progress(&self) -> (usize, usize) {
        let shown = self.shown();
        let answered = shown
            .iter()
            .filter(|at| self.entries[at.checklist][at.item].answer.is_some())
            .count();
        (answered, shown.len())
    }

    /// Sets or clears (`None`) the answer of the item at `at`. Returns whether
    /// anything changed; a refused answer changes nothing.
    pub fn set_answer(
        &mut self,
        at: ItemRef,
        answer: Option<Answer>,
        now: &ZonedDateTime,
    ) -> Result<bool, VisitError> {
        if self.is_final() {
            return Err(VisitError::ReadOnly);
        }
        let (_, item) = self.item(at).ok_or(VisitError::NoItem)?;
        if let Some(answer) = &answer {
            self.check(item, at, answer)?;
        }
        let before = self.entries[at.checklist][at.item].clone();
        if before.answer == answer {
            return Ok(false);
        }
        let mut after = before.clone();
        if answer.is_some() && after.first_at.is_none() {
            after.first_at = Some(now.clone());
        }
        after.answer = answer;
        after.at = Some(now.clone());
        self.apply(at, before, after, false, now);
        Ok(true)
    }

    fn check(&self, item: &Item, at: ItemRef, answer: &Answer) -> Result<(), VisitError> {
        let response = self.checklists[at.checklist].checklist.response(item);
        match (answer, response) {
            (Answer::Na, _) if !item.na_allowed() => Err(VisitError::NaNotAllowed),
            (Answer::Na, _) => Ok(()),
            (Answer::Choice(id), Response::Options(options)) => {
                if options.iter().any(|o| &o.id == id) {
                    Ok(())
                } else {
                    Err(VisitError::NoOption(id.clone()))
                }
            }
            (Answer::Number(value), Response::Number { unit, min, max }) => {
                let inside = value.is_finite()
                    && min.is_none_or(|m| *value >= m)
                    && max.is_none_or(|m| *value <= m);
                if inside {
                    Ok(())
                } else {
                    Err(VisitError::OutOfRange {
                        value: *value,
                        range: range_text(min, max, unit),
                    })
                }
            }
            (Answer::Text(_), Response::Text) => Ok(()),
            (_, Response::Options(_)) => Err(VisitError::WrongKind("one of its options")),
            (_, Response::Number { .. }) => Err(VisitError::WrongKind("a number")),
            (_, Response::Text) => Err(VisitError::WrongKind("text")),
        }
    }

    /// Sets the note of the item at `at`. While `typing`, consecutive edits of
    /// the same note make one undo step. Returns whether anything changed.
    pub fn set_note(
        &mut self,
        at: ItemRef,
        note: &str,
        typing: bool,
        now: &ZonedDateTime,
    ) -> Result<bool, VisitError> {
        if self.is_final() {
            return Err(VisitError::ReadOnly);
        }
        self.item(at).ok_or(VisitError::NoItem)?;
        let current = &self.entries[at.checklist][at.item];
        if current.note == note {
            return Ok(false);
        }
        let mut after = current.clone();
        after.note = note.to_owned();
        after.at = Some(now.clone());
        self.record(at, after, typing, now);
        Ok(true)
    }

    /// Sets the value of a `text` item as it is typed: consecutive edits of the
    /// same item make one undo step, and an empty text clears the answer.
    pub fn type_text(
        &mut self,
        at: ItemRef,
        text: &str,
        now: &ZonedDateTime,
    ) -> Result<bool, VisitError> {
        if self.is_final() {
            return Err(VisitError::ReadOnly);
        }
        let (_, item) = self.item(at).ok_or(VisitError::NoItem)?;
        let answer = (!text.is_empty()).then(|| Answer::Text(text.to_owned()));
        if let Some(answer) = &answer {
            self.check(item, at, answer)?;
        }
        let current = &self.entries[at.checklist][at.item];
        if current.answer == answer {
            return Ok(false);
        }
        let mut after = current.clone();
        if answer.is_some() && after.first_at.is_none() {
            after.first_at = Some(now.clone());
        }
        after.answer = answer;
        after.at = Some(now.clone());
        self.record(at, after, true, now);
        Ok(true)
    }

    /// Sets the visit-level note.
    pub fn set_visit_note(&mut self, note: &str, now: &ZonedDateTime) -> Result<bool, VisitError> {
        if self.is_final() {
            return Err(VisitError::ReadOnly);
        }
        if self.header.note == note {
            return Ok(false);
        }
        self.header.note = note.to_owned();
        self.header.updated = now.clone();
        Ok(true)
    }

    /// Applies `after` to the item at `at` as one undo step, or, while
    /// `typing` the same item, as part of the step typing began.
    fn record(&mut self, at: ItemRef, after: Entry, typing: bool, now: &ZonedDateTime) {
        let merge = typing
            && self.redo.is_empty()
            && self.undo.last().is_some_and(|c| c.typing && c.at == at);
        if merge {
            self.entries[at.checklist][at.item] = after.clone();
            if let Some(last) = self.undo.last_mut() {
                last.after = after;
            }
            self.header.updated = now.clone();
        } else {
            let before = self.entries[at.checklist][at.item].clone();
            self.apply(at, before, after, typing, now);
        }
    }

    fn apply(
        &mut self,
        at: ItemRef,
        before: Entry,
        after: Entry,
        typing: bool,
        now: &ZonedDateTime,
    ) {
        self.entries[at.checklist][at.item] = after.clone();
        self.undo.push(Change {
            at,
            before,
            after,
            typing,
        });
        self.redo.clear();
        self.header.updated = now.clone();
    }

    /// Undoes the last change; returns the item it touched.
    pub fn undo(&mut self, now: &ZonedDateTime) -> Option<ItemRef> {
        if self.is_final() {
            return None;
        }
        let change = self.undo.pop()?;
        self.entries[change.at.checklist][change.at.item] = change.before.clone();
        let at = change.at;
        self.redo.push(Change {
            typing: false,
            ..change
        });
        self.header.updated = now.clone();
        Some(at)
    }

    /// Redoes the last undone change; returns the item it touched.
    pub fn redo(&mut self, now: &ZonedDateTime) -> Option<ItemRef> {
        if self.is_final() {
            return None;
        }
        let change = self.redo.pop()?;
        self.entries[change.at.checklist][change.at.item] = change.after.clone();
        let at = change.at;
        self.undo.push(change);
        self.header.updated = now.clone();
        Some(at)
    }

    /// Closes the visit: final, read-only, `finished` set to `now`.
    pub fn finalize(&mut self, now: &ZonedDateTime) -> Result<(), VisitError> {
        if self.is_final() {
            return Err(VisitError::ReadOnly);
        }
        self.header.status = Status::Final;
        self.header.finished = Some(now.clone());
        self.header.updated = now.clone();
        self.undo.clear();
        self.redo.clear();
        Ok(())
    }

    /// Every item of the visit in journey order.
    pub fn all_items(&self) -> impl Iterator<Item = ItemRef> + '_ {
        self.checklists.iter().enumerate().flat_map(|(c, l)| {
            (0..l.checklist.item_count()).map(move |item| ItemRef { checklist: c, item })
        })
    }
}

/// "0–300 seconds", "at least 0", "at most 10".
pub fn range_text(min: Option<f64>, max: Option<f64>, unit: Option<&str>) -> String {
    let unit = unit.map(|u| format!(" {u}")).unwrap_or_default();
    match (min, max) {
        (Some(lo), Some(hi)) => format!("{lo}–{hi}{unit}"),
        (Some(lo), None) => format!("at least {lo}{unit}"),
        (None, Some(hi)) => format!("at most {hi}{unit}"),
        (None, None) => format!("any finite number{unit}"),
    }
}

/// The site name as a file-name-safe slug: lowercase ASCII letters and digits
/// joined by hyphens, at most 40 characters; `site` when nothing is left.
/// Cyrillic is transliterated and Latin accents dropped, so "Гостиница
/// Метрополь" and "Café Pushkin" stay recognisable in file names.
pub fn slug(site: &str) -> String {
    let mut slug = String::new();
    for c in site.chars().flat_map(char::to_lowercase) {
        let ascii = transliterate(c);
        if !ascii.is_empty() {
            slug.push_str(ascii);
        } else if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') && !matches!(c, 'ъ' | 'ь' | '\'' | '’')
        {
            slug.push('-');
        }
        if slug.len() >= 40 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "site".to_owned()
    } else {
        slug.to_owned()
    }
}

/// ASCII for a lowercase Cyrillic or accented Latin letter; empty otherwise.
fn transliterate(c: char) -> &'static str {
    match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' | 'э' => "e",
        'ё' => "yo",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ы' => "y",
        'ю' => "yu",
        'я' => "ya",
        'à'..='å' | 'ā' => "a",
        'ç' => "c",
        'è'..='ë' | 'ē' => "e",
        'ì'..='ï' => "i",
        'ñ' => "n",
        'ò'..='ö' | 'ø' | 'ō' => "o",
        'ù'..='ü' | 'ū' => "u",
        'ý' | 'ÿ' => "y",
        'ß' => "ss",
        _ => "",
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::checklist::{Source, from_bytes};

    pub(crate) fn loaded(text: &str) -> Loaded {
        from_bytes(
            "test.toml",
            text.as_bytes(),
            Source::Path("test.toml".into()),
        )
        .unwrap()
    }

    const QUEUE: &str = r#"
[checklist]
id = "desk"
title = "Desk"
touchpoint = "check-in"

[[section]]
id = "s"
title = "S"

[[section.item]]
id = "had-queue"
prompt = "Was there a queue?"

[[section.item]]
id = "queue-managed"
prompt = "Queue managed"
response = "grade"
show_if = { item = "had-queue", is = "yes" }

[[section.item]]
id = "apology"
prompt = "Apologised"
show_if = { item = "queue-managed", is = ["missed"] }

[[section.item]]
id = "wait"
prompt = "Wait"
response = "number"
min = 0
max = 300
unit = "seconds"
na = false
"#;

    fn now(minute: i8) -> ZonedDateTime {
        jiff::civil::date(2026, 11, 22)
            .at(14, minute, 0, 0)
            .to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(3)))
            .unwrap()
    }

    fn visit() -> Visit {
        Visit::new(
            "Hotel Metropol",
            "anna",
            vec![loaded(QUEUE)],
            &now(0),
            "7f3a",
        )
    }

    fn at(item: usize) -> ItemRef {
        ItemRef { checklist: 0, item }
    }

    #[test]
    fn id_is_start_time_slug_and_suffix() {
        assert_eq!(visit().header.id, "20261122T140000-hotel-metropol-7f3a");
        assert_eq!(slug("Отель «Москва» 5*"), "otel-moskva-5");
        assert_eq!(slug("Гостиница Метрополь"), "gostinitsa-metropol");
        assert_eq!(slug("Café Pushkin"), "cafe-pushkin");
        assert_eq!(slug("東京"), "site");
    }

    #[test]
    fn show_if_hides_and_brings_back_with_the_answer() {
        let mut v = visit();
        assert_eq!(v.visibility(0), vec![true, false, false, true]);
        v.set_answer(at(0), Some(Answer::Choice("yes".into())), &now(1))
            .unwrap();
        v.set_answer(at(1), Some(Answer::Choice("missed".into())), &now(2))
            .unwrap();
        assert_eq!(v.visibility(0), vec![true, true, true, true]);
        // Turning the condition false hides the chain, keeping its answers.
        v.set_answer(at(0), Some(Answer::Choice("no".into())), &now(3))
            .unwrap();
        assert_eq!(v.visibility(0), vec![true, false, false, true]);
        assert_eq!(
            v.entry(at(1)).unwrap().answer,
            Some(Answer::Choice("missed".into()))
        );
        v.set_answer(at(0), Some(Answer::Choice("yes".into())), &now(4))
            .unwrap();
        assert!(v.visibility(0)[2]);
    }

    #[test]
    fn first_at_keeps_the_first_answer_time_and_at_the_last() {
        let mut v = visit();
        v.set_answer(at(0), Some(Answer::Choice("yes".into())), &now(1))
            .unwrap();
        v.set_answer(at(0), Some(Answer::Choice("no".into())), &now(5))
            .unwrap();
        let e = v.entry(at(0)).unwrap();
        assert_eq!(e.first_at, Some(now(1)));
        assert_eq!(e.at, Some(now(5)));
        assert_eq!(v.header.updated, now(5));
    }

    #[test]
    fn refused_answers_change_nothing() {
        let mut v = visit();
        let out = v.set_answer(at(3), Some(Answer::Number(301.0)), &now(1));
        assert!(matches!(out, Err(VisitError::OutOfRange { .. })));
        assert_eq!(
            v.set_answer(at(3), Some(Answer::Na), &now(1)),
            Err(VisitError::NaNotAllowed)
        );
        assert_eq!(
            v.set_answer(at(0), Some(Answer::Choice("maybe".into())), &now(1)),
            Err(VisitError::NoOption("maybe".into()))
        );
        assert_eq!(v.entry(at(3)).unwrap(), &Entry::default());
        assert_eq!(v.header.updated, now(0));
        assert!(
            v.set_answer(at(3), Some(Answer::Number(45.0)), &now(1))
                .unwrap()
        );
    }

    #[test]
    fn undo_and_redo_restore_answers_and_notes() {
        let mut v = visit();
        v.set_answer(at(0), Some(Answer::Choice("yes".into())), &now(1))
            .unwrap();
        v.set_note(at(0), "L", true, &now(2)).unwrap();
        v.set_note(at(0), "Long", true, &now(2)).unwrap();
        v.set_note(at(0), "Long queue", true, &now(2)).unwrap();
        // One undo takes back the whole note typed in one go.
        assert_eq!(v.undo(&now(3)), Some(at(0)));
        assert_eq!(v.entry(at(0)).unwrap().note, "");
        assert_eq!(v.undo(&now(3)), Some(at(0)));
        assert_eq!(v.entry(at(0)).unwrap(), &Entry::default());
        assert_eq!(v.undo(&now(3)), None);
        v.redo(&now(4));
        v.redo(&now(4));
        assert_eq!(v.entry(at(0)).unwrap().note, "Long queue");
        assert_eq!(
            v.entry(at(0)).unwrap().answer,
            Some(Answer::Choice("yes".into()))
        );
        // A new change drops what could be redone.
        v.undo(&now(5));
        v.set_answer(at(0), None, &now(6)).unwrap();
        assert_eq!(v.redo(&now(6)), None);
    }

    #[test]
    fn final_visits_are_read_only() {
        let mut v = visit();
        v.finalize(&now(9)).unwrap();
        assert_eq!(v.header.finished, Some(now(9)));
        assert_eq!(
            v.set_answer(at(0), Some(Answer::Na), &now(10)),
            Err(VisitError::ReadOnly)
        );
        assert_eq!(
            v.set_note(at(0), "x", false, &now(10)),
            Err(VisitError::ReadOnly)
        );
    }

    #[test]
    fn progress_counts_shown_items_only() {
        let mut v = visit();
        assert_eq!(v.progress(), (0, 2));
        v.set_answer(at(0), Some(Answer::Choice("yes".into())), &now(1))
            .unwrap();
        assert_eq!(v.progress(), (1, 3));
    }
}
