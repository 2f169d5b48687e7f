//! A visit in memory: answers, notes, timestamps, visibility (`show_if`) and
//! undo/redo. No terminal, no files, no clock: callers pass the time in.

mod finalize;
mod index;
pub mod tally;

use std::collections::{BTreeSet, HashMap};
use std::time::Duration;

use jiff::ZonedDateTime;

use crate::checklist::{Item, Loaded, Response, TimedAnswer, journey_rank};
pub use finalize::{Issue, Warnings};
use index::Index;
use tally::{Derived, Sources, Tallies};

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
    /// Seconds measured by the stopwatch, when it gave the answer.
    pub timed: Option<f64>,
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

/// A change the visit refused; the visit is unchanged. A fact, not a
/// sentence: the screen words it (`tui::app::refusal`), in the interface
/// language.
#[derive(Debug, Clone, PartialEq)]
pub enum VisitError {
    /// The visit was finalized.
    ReadOnly,
    /// No such item.
    NoItem,
    /// N/A chosen where the checklist forbids it.
    NaNotAllowed,
    /// An option the item's set does not have.
    NoOption(String),
    /// A number outside the item's bounds.
    OutOfRange {
        /// The value typed.
        value: f64,
        /// The smallest value accepted, if any.
        min: Option<f64>,
        /// The largest value accepted, if any.
        max: Option<f64>,
        /// The unit of the values.
        unit: Option<String>,
    },
    /// A value of the wrong kind for the item (a number for a yes-no item…).
    WrongKind(&'static str),
    /// The stopwatch was asked for on an item it cannot answer.
    NotTimed,
    /// The time measured is longer than every option's `within`, and every
    /// option has one.
    LongerThanAll(f64),
    /// No stopwatch runs on the item.
    NoTimer,
    /// The same file is already attached to the same place.
    AlreadyAttached,
    /// No attached file at that place in the list.
    NoEvidence,
}

/// A stopwatch running on an item since `started`.
#[derive(Debug, Clone, PartialEq)]
pub struct Timer {
    /// The item it times.
    pub at: ItemRef,
    /// When it was started, to the millisecond: the wall clock, which the
    /// record keeps and a restart measures from.
    pub started: ZonedDateTime,
    /// The monotonic clock when it was started in this process (a reading
    /// of [`crate::clock::monotonic`]); `None` for a stopwatch put back from
    /// a draft, which can only be measured on the wall clock.
    pub mono: Option<Duration>,
}

/// A stopwatch measured across a restart whose wall clock looks wrong.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ClockDoubt {
    /// The wall clock now is earlier than the start: it went back by these
    /// seconds, and the stopwatch measured 0.
    WentBack(f64),
    /// More than [`IMPLAUSIBLE_SECONDS`] passed: the clock jumped, or the
    /// program was closed that long.
    Jumped(f64),
}

/// A stopwatch times waits of seconds to minutes: more than 12 hours on
/// the wall clock across a restart is taken as a clock that jumped.
pub const IMPLAUSIBLE_SECONDS: f64 = 12.0 * 3600.0;

impl Timer {
    /// Seconds since the start at `now` on the wall clock, never negative
    /// (a clock set back does not make time run backwards).
    pub fn seconds(&self, now: &ZonedDateTime) -> f64 {
        self.seconds_at(now, None)
    }

    /// Seconds since the start: on the monotonic clock when the stopwatch
    /// was started in this process and `mono` is its reading now (issue
    /// 17: a wall clock stepped by NTP or by hand changes nothing), else on
    /// the wall clock at `now`, never negative.
    pub fn seconds_at(&self, now: &ZonedDateTime, mono: Option<Duration>) -> f64 {
        if let (Some(start), Some(now)) = (self.mono, mono) {
            return now.saturating_sub(start).as_millis() as f64 / 1000.0;
        }
        self.wall_span(now).max(0) as f64 / 1000.0
    }

    /// Milliseconds from the start to `now` on the wall clock, negative
    /// when the clock went back.
    fn wall_span(&self, now: &ZonedDateTime) -> i64 {
        now.timestamp().as_millisecond() - self.started.timestamp().as_millisecond()
    }

    /// Whether measuring this stopwatch at `now` is in doubt: put back from
    /// a draft (no monotonic start), with the wall clock earlier than the
    /// start or more than [`IMPLAUSIBLE_SECONDS`] after it.
    pub fn doubt(&self, now: &ZonedDateTime, mono: Option<Duration>) -> Option<ClockDoubt> {
        if self.mono.is_some() && mono.is_some() {
            return None;
        }
        let span = self.wall_span(now) as f64 / 1000.0;
        if span < 0.0 {
            Some(ClockDoubt::WentBack(-span))
        } else if span > IMPLAUSIBLE_SECONDS {
            Some(ClockDoubt::Jumped(span))
        } else {
            None
        }
    }
}

/// A file attached to an item or to the whole visit, copied into the data
/// folder. The ids are kept as written, so a file attached to an item that a
/// later checklist dropped is still listed.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// Checklist and item ids; `None` for the whole visit.
    pub item: Option<(String, String)>,
    /// The copy, relative to the data folder: `evidence/<visit id>/<hash>-<name>`.
    pub file: String,
    /// SHA-256 of the file's bytes, lowercase hex.
    pub sha256: String,
    /// Its size.
    pub bytes: u64,
    /// When it was attached.
    pub added: ZonedDateTime,
}

impl Evidence {
    /// The name the file had, without the hash prefix of its copy.
    pub fn name(&self) -> &str {
        let base = self.file.rsplit('/').next().unwrap_or(&self.file);
        base.split_once('-').map_or(base, |(_, name)| name)
    }
}

/// What an undo or redo touched, for the screen to show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Touched {
    /// The entry of an item, or a file attached to it.
    Item(ItemRef),
    /// A file attached to the whole visit.
    Visit,
}

/// What a line of the change log says changed (SPEC.md, "Signing and the
/// change log"); [`crate::record::changelog`] writes it as the line's `field`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogField {
    /// An item's answer (N/A and clearing included).
    Answer,
    /// An item's note, or the visit note.
    Note,
    /// A file attached or taken off.
    Evidence,
    /// A stopwatch started, stopped or cancelled.
    Stopwatch,
    /// The visit's status: finalized.
    Status,
}

/// How a logged change came about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogHow {
    /// Made by the auditor.
    Made,
    /// An undo put the earlier value back.
    Undo,
    /// A redo put the undone value back.
    Redo,
}

/// A value before or after a logged change.
#[derive(Debug, Clone, PartialEq)]
pub enum LogValue {
    /// Nothing: no answer, no file, no stopwatch.
    None,
    /// An answer.
    Answer(Answer),
    /// A note, a file's name, a stopwatch's state or a status.
    Text(String),
}

/// One change for the change log, as the visit saw it; the saver takes it
/// with [`Visit::take_logged`] and writes it as one line of `<id>.log`.
#[derive(Debug, Clone, PartialEq)]
pub struct Logged {
    /// When it was made.
    pub at: ZonedDateTime,
    /// The item, `(checklist id, item id)`; `None` for the whole visit.
    pub item: Option<(String, String)>,
    /// What changed.
    pub field: LogField,
    /// Made, undone or redone.
    pub how: LogHow,
    /// Before.
    pub old: LogValue,
    /// After.
    pub new: LogValue,
    /// Text typed in one go, letter by letter: the saver may write a run of
    /// these on one item as one line (docs/record.md, "Change log").
    pub typing: bool,
}

/// One undoable change.
#[derive(Debug, Clone)]
#[allow(
    clippy::large_enum_variant,
    reason = "almost every step is an entry change; boxing it would allocate on each key"
)]
enum Change {
    /// An item's entry before and after.
    Entry {
        at: ItemRef,
        before: Entry,
        after: Entry,
        /// Text typed in one go (a note, a text value) is one undo step.
        typing: bool,
    },
    /// A file listed (`added`) or taken off the list, at place `index` of
    /// the attached files. The change alone, never the whole list: a visit
    /// with 2,000 attachments copied the list into every undo step (issue 17).
    Evidence {
        touched: Touched,
        index: usize,
        evidence: Evidence,
        added: bool,
    },
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
    /// The item the screen had selected, as `checklist-id/item-id`, so that
    /// resuming opens there; `None` in records written before it was kept.
    pub selected: Option<String>,
    /// SHA-256 (lowercase hex) of the visit's change log as it was when the
    /// visit was finalized; final visits only (set by the saver).
    pub log_sha256: Option<String>,
}

/// The most bytes of text one paste may bring into a note or a text answer
/// (1 MiB: a long debrief is a few KiB). With the record's own cap
/// ([`crate::record::MAX_RECORD_BYTES`], what the reader accepts) it keeps
/// every visit the program saves readable.
pub const MAX_TEXT_BYTES: usize = 1024 * 1024;

impl Header {
    /// Whether the visit was finalized before it started by the clock:
    /// the computer's clock was set back in between. Both times stay as
    /// recorded; its duration is unknown, never negative (docs/decisions.md).
    pub fn clock_went_back(&self) -> bool {
        self.finished
            .as_ref()
            .is_some_and(|f| f.timestamp() < self.started.timestamp())
    }
}

/// What changed since the visit was last saved: see [`Visit::take_unsaved`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Unsaved {
    /// Items whose entry changed.
    pub items: BTreeSet<ItemRef>,
    /// The visit note.
    pub note: bool,
    /// The running stopwatches.
    pub timers: bool,
    /// The attached files.
    pub evidence: bool,
    /// The status: the visit was finalized.
    pub status: bool,
    /// The selected item (see [`Header::selected`]).
    pub selected: bool,
}

impl Unsaved {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self == &Unsaved::default()
    }
}

/// One audit at one site by one auditor, over one or more checklists.
///
/// Which items are shown and what the answers add up to are kept up to date
/// on each change (see [`tally`]), so that a frame or a save costs what
/// changed, not the size of the checklists.
#[derive(Debug, Clone)]
pub struct Visit {
    /// Id, site, auditor, status and times.
    pub header: Header,
    /// The checklists, in journey order. Read-only once the visit is made:
    /// the visit's index is built from them.
    pub checklists: Vec<Loaded>,
    /// Each checklist's items by position and id.
    index: Vec<Index>,
    /// Position of each checklist by id.
    checklist_ids: HashMap<String, usize>,
    /// `entries[c][i]` is the entry of item `i` of checklist `c`.
    entries: Vec<Vec<Entry>>,
    /// Visibility and score sums, kept current by [`Visit::set_entry`].
    derived: Derived,
    /// Changes not yet handed to a saver.
    unsaved: Unsaved,
    /// Stopwatches running, in the order they were started.
    timers: Vec<Timer>,
    /// Files attached, in the order they were attached.
    evidence: Vec<Evidence>,
    undo: Vec<Change>,
    redo: Vec<Change>,
    /// Changes not yet handed to the change log's writer.
    logged: Vec<Logged>,
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
        let id = format!(
            "{}-{}-{}",
            now.strftime("%Y%m%dT%H%M%S"),
            slug(site),
            suffix
        );
        let header = Header {
            id,
            site: site.to_owned(),
            auditor: auditor.to_owned(),
            status: Status::Draft,
            started: now.clone(),
            updated: now.clone(),
            finished: None,
            note: String::new(),
            selected: None,
            log_sha256: None,
        };
        Visit::from_header(header, checklists)
    }

    /// Rebuilds a visit from its header and checklists (already in the order
    /// they were recorded); entries are then put back with [`Visit::restore`].
    pub fn from_header(header: Header, checklists: Vec<Loaded>) -> Visit {
        let index: Vec<Index> = checklists
            .iter()
            .map(|l| Index::new(&l.checklist))
            .collect();
        let entries: Vec<Vec<Entry>> = index
            .iter()
            .map(|i| vec![Entry::default(); i.len()])
            .collect();
        let mut checklist_ids = HashMap::new();
        for (c, loaded) in checklists.iter().enumerate() {
            // The first of two equal ids wins, as a search from the start would.
            checklist_ids
                .entry(loaded.checklist.checklist.id.clone())
                .or_insert(c);
        }
        let derived = Derived::new(&Sources {
            checklists: &checklists,
            index: &index,
            entries: &entries,
        });
        Visit {
            header,
            checklists,
            index,
            checklist_ids,
            entries,
            derived,
            unsaved: Unsaved::default(),
            timers: Vec::new(),
            evidence: Vec::new(),
            undo: Vec::new(),
            redo: Vec::new(),
            logged: Vec::new(),
        }
    }

    /// Puts back a recorded entry; false when the visit has no such item.
    /// Not a change to save: it is what the file already holds.
    pub fn restore(&mut self, checklist_id: &str, item_id: &str, entry: Entry) -> bool {
        match self.find(checklist_id, item_id) {
            Some(at) => {
                self.set_entry(at, entry, false);
                true
            }
            None => false,
        }
    }

    /// Puts back an entry changed after the record was written (a journal's
    /// line); unlike [`Visit::restore`] it is a change the record lacks.
    pub fn replay(&mut self, at: ItemRef, entry: Entry) {
        if self.entry(at).is_some() {
            self.set_entry(at, entry, true);
        }
    }

    /// The one place an entry changes: the derived state follows it.
    fn set_entry(&mut self, at: ItemRef, entry: Entry, unsaved: bool) {
        self.entries[at.checklist][at.item] = entry;
        if unsaved {
            self.unsaved.items.insert(at);
        }
        let sources = Sources {
            checklists: &self.checklists,
            index: &self.index,
            entries: &self.entries,
        };
        self.derived.changed(at, &sources);
    }

    /// The changes made since the last call, for a saver to write; the visit
    /// then counts them as saved.
    pub fn take_unsaved(&mut self) -> Unsaved {
        std::mem::take(&mut self.unsaved)
    }

    /// The changes made since the last call, for the change log, in order.
    pub fn take_logged(&mut self) -> Vec<Logged> {
        std::mem::take(&mut self.logged)
    }

    /// Notes a change for the change log.
    fn log(
        &mut self,
        at: Option<ItemRef>,
        field: LogField,
        how: LogHow,
        (old, new): (LogValue, LogValue),
        typing: bool,
        now: &ZonedDateTime,
    ) {
        self.logged.push(Logged {
            at: now.clone(),
            item: at.and_then(|at| self.ids(at)),
            field,
            how,
            old,
            new,
            typing,
        });
    }

    /// Notes what changed between `before` and `after` of the item at `at`.
    fn log_entry(
        &mut self,
        at: ItemRef,
        (before, after): (&Entry, &Entry),
        how: LogHow,
        typing: bool,
        now: &ZonedDateTime,
    ) {
        let answer = |a: &Option<Answer>| a.clone().map_or(LogValue::None, LogValue::Answer);
        if before.answer != after.answer {
            let values = (answer(&before.answer), answer(&after.answer));
            self.log(Some(at), LogField::Answer, how, values, typing, now);
        }
        if before.note != after.note {
            let values = (
                LogValue::Text(before.note.clone()),
                LogValue::Text(after.note.clone()),
            );
            self.log(Some(at), LogField::Note, how, values, typing, now);
        }
    }

    /// Keeps `at` as the selected item, to be written with the next save.
    /// Not a change of the visit: neither `updated` nor undo are touched.
    pub fn select(&mut self, at: ItemRef) {
        let Some((checklist, item)) = self.ids(at) else {
            return;
        };
        let ids = format!("{checklist}/{item}");
        if self.header.selected.as_deref() != Some(ids.as_str()) {
            self.header.selected = Some(ids);
            self.unsaved.selected = true;
        }
    }

    /// The selected item kept in the header, if it names an item of this visit.
    pub fn kept_selection(&self) -> Option<ItemRef> {
        let (checklist, item) = self.header.selected.as_deref()?.split_once('/')?;
        self.find(checklist, item)
    }

    /// Whether anything changed since the last [`Visit::take_unsaved`].
    pub fn has_unsaved(&self) -> bool {
        !self.unsaved.is_empty()
    }

    /// The sums the score is made of, kept current on every change.
    pub fn tallies(&self) -> &Tallies {
        &self.derived.tallies
    }

    /// The item with these ids.
    pub fn find(&self, checklist_id: &str, item_id: &str) -> Option<ItemRef> {
        let checklist = *self.checklist_ids.get(checklist_id)?;
        let item = self.index[checklist].position(item_id)?;
        Some(ItemRef { checklist, item })
    }

    /// Whether the visit is final, and so read-only.
    pub fn is_final(&self) -> bool {
        self.header.status == Status::Final
    }

    /// The checklist item at `at`, with its section.
    pub fn item(&self, at: ItemRef) -> Option<(&crate::checklist::Section, &Item)> {
        let loaded = self.checklists.get(at.checklist)?;
        self.index[at.checklist].item(&loaded.checklist, at.item)
    }

    /// The section of the item at `at`, by index.
    pub fn section_of(&self, at: ItemRef) -> Option<usize> {
        self.index.get(at.checklist)?.section_of(at.item)
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
    /// while the item it names is shown and answered with one of the listed
    /// options. Kept current on every change; see [`Visit::shown_flags`] for
    /// a look without a copy.
    pub fn visibility(&self, c: usize) -> Vec<bool> {
        self.shown_flags(c).to_vec()
    }

    /// [`Visit::visibility`] without a copy.
    pub fn shown_flags(&self, c: usize) -> &[bool] {
        self.derived.shown(c)
    }

    /// Whether the item at `at` is shown.
    pub fn is_shown(&self, at: ItemRef) -> bool {
        self.shown_flags(at.checklist)
            .get(at.item)
            .copied()
            .unwrap_or(false)
    }

    /// The next (`forward`) or previous shown item of the same checklist.
    pub fn next_shown(&self, at: ItemRef, forward: bool) -> Option<ItemRef> {
        let shown = self.shown_flags(at.checklist);
        let found = if forward {
            let from = (at.item + 1).min(shown.len());
            shown[from..].iter().position(|v| *v).map(|n| from + n)
        } else {
            let to = at.item.min(shown.len());
            shown[..to].iter().rposition(|v| *v)
        };
        found.map(|item| ItemRef {
            checklist: at.checklist,
            item,
        })
    }

    /// The first (`forward`) or last shown item of checklist `c`.
    pub fn first_shown(&self, c: usize, forward: bool) -> Option<ItemRef> {
        let shown = self.shown_flags(c);
        let found = if forward {
            shown.iter().position(|v| *v)
        } else {
            shown.iter().rposition(|v| *v)
        };
        found.map(|item| ItemRef { checklist: c, item })
    }

    /// The next shown unanswered item after `at` in journey order (`forward`),
    /// or the one before it, wrapping around the visit.
    pub fn next_unanswered(&self, at: ItemRef, forward: bool) -> Option<ItemRef> {
        let open = &self.derived.tallies.unanswered;
        let found = if forward {
            open.range((std::ops::Bound::Excluded(at), std::ops::Bound::Unbounded))
                .next()
                .or_else(|| open.iter().next())
        } else {
            open.range(..at)
                .next_back()
                .or_else(|| open.iter().next_back())
        };
        found.copied()
    }

    /// Answered and shown items of checklist `c`.
    pub fn progress_of(&self, c: usize) -> (usize, usize) {
        let tallies = self.tallies();
        (
            tallies.answered.get(c).copied().unwrap_or(0),
            tallies.shown.get(c).copied().unwrap_or(0),
        )
    }

    /// [`Visit::visibility`] worked out from scratch, the slow way: what the
    /// kept state is checked against.
    pub fn recompute_visibility(&self, c: usize) -> Vec<bool> {
        let Some(loaded) = self.checklists.get(c) else {
            return Vec::new();
        };
        let items: Vec<&Item> = loaded.checklist.items().map(|(_, i)| i).collect();
        let mut shown = vec![true; items.len()];
        // Positions found as the walk goes, apart from the kept index.
        let mut earlier: HashMap<&str, usize> = HashMap::new();
        for (n, item) in items.iter().enumerate() {
            let Some(condition) = &item.show_if else {
                earlier.entry(item.id.as_str()).or_insert(n);
                continue;
            };
            // Validation guarantees the target comes earlier, so its own
            // visibility is already known.
            let target = earlier.get(condition.item.as_str()).copied();
            earlier.entry(item.id.as_str()).or_insert(n);
            shown[n] = target.is_some_and(|target| {
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
                self.shown_flags(c)
                    .iter()
                    .enumerate()
                    .filter_map(move |(item, shown)| {
                        shown.then_some(ItemRef { checklist: c, item })
                    })
            })
            .collect()
    }

    /// Answered and shown items of the whole visit, out of the shown ones.
    pub fn progress(&self) -> (usize, usize) {
        let tallies = self.tallies();
        (tallies.answered.iter().sum(), tallies.shown.iter().sum())
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
        // A measured time stays with the answer it gave, or one chosen over
        // it by hand, until the answer is cleared.
        if answer.is_none() {
            after.timed = None;
        }
        after.answer = answer;
        after.at = Some(now.clone());
        self.apply(at, before, after, false, now);
        Ok(true)
    }

    /// The stopwatches running, in the order they were started.
    pub fn timers(&self) -> &[Timer] {
        &self.timers
    }

    /// The stopwatch running on the item at `at`.
    pub fn timer(&self, at: ItemRef) -> Option<&Timer> {
        self.timers.iter().find(|t| t.at == at)
    }

    /// Starts a stopwatch on the timed item at `at`; false if one already runs.
    pub fn start_timer(&mut self, at: ItemRef, now: &ZonedDateTime) -> Result<bool, VisitError> {
        self.start_timer_mono(at, now, None)
    }

    /// [`Visit::start_timer`], with `mono` the monotonic clock's reading
    /// now, which the stopwatch is measured on while the program runs.
    pub fn start_timer_mono(
        &mut self,
        at: ItemRef,
        now: &ZonedDateTime,
        mono: Option<Duration>,
    ) -> Result<bool, VisitError> {
        if self.is_final() {
            return Err(VisitError::ReadOnly);
        }
        let response = self.response(at).ok_or(VisitError::NoItem)?;
        if response.timing().is_none() {
            return Err(VisitError::NotTimed);
        }
        if self.timer(at).is_some() {
            return Ok(false);
        }
        self.timers.push(Timer {
            at,
            started: now.clone(),
            mono,
        });
        self.unsaved.timers = true;
        self.header.updated = now.clone();
        let values = (LogValue::None, LogValue::Text("started".to_owned()));
        self.log(
            Some(at),
            LogField::Stopwatch,
            LogHow::Made,
            values,
            false,
            now,
        );
        Ok(true)
    }

    /// Stops the stopwatch on `at` and answers the item with what it measured
    /// (one undo step); returns the seconds. An answer the item refuses (a
    /// number beyond its `max`) leaves the stopwatch running.
    pub fn stop_timer(&mut self, at: ItemRef, now: &ZonedDateTime) -> Result<f64, VisitError> {
        self.stop_timer_mono(at, now, None)
            .map(|(seconds, _)| seconds)
    }

    /// [`Visit::stop_timer`], measured on the monotonic clock (`mono`, its
    /// reading now) when the stopwatch was started in this process, else on
    /// the wall clock; says too when that measure is in doubt
    /// ([`Timer::doubt`]): the answer is kept all the same.
    pub fn stop_timer_mono(
        &mut self,
        at: ItemRef,
        now: &ZonedDateTime,
        mono: Option<Duration>,
    ) -> Result<(f64, Option<ClockDoubt>), VisitError> {
        if self.is_final() {
            return Err(VisitError::ReadOnly);
        }
        let timer = self.timer(at).ok_or(VisitError::NoTimer)?;
        let doubt = timer.doubt(now, mono);
        let seconds = (timer.seconds_at(now, mono) * 10.0).round() / 10.0;
        let response = self.response(at).ok_or(VisitError::NoItem)?;
        let answer = match response.timed_answer(seconds) {
            Some(TimedAnswer::Number(n)) => Answer::Number(n),
            Some(TimedAnswer::Choice(id)) => Answer::Choice(id),
            None if response.timing().is_some() => {
                return Err(VisitError::LongerThanAll(seconds));
            }
            None => return Err(VisitError::NotTimed),
        };
        let (_, item) = self.item(at).ok_or(VisitError::NoItem)?;
        self.check(item, at, &answer)?;
        self.timers.retain(|t| t.at != at);
        self.unsaved.timers = true;
        let values = (
            LogValue::Text("started".to_owned()),
            LogValue::Text(format!("stopped {seconds} s")),
        );
        self.log(
            Some(at),
            LogField::Stopwatch,
            LogHow::Made,
            values,
            false,
            now,
        );
        let before = self.entries[at.checklist][at.item].clone();
        let mut after = before.clone();
        after.first_at.get_or_insert_with(|| now.clone());
        after.answer = Some(answer);
        after.timed = Some(seconds);
        after.at = Some(now.clone());
        self.apply(at, before, after, false, now);
        Ok((seconds, doubt))
    }

    /// Cancels the stopwatch on `at` without answering; false if none ran.
    pub fn cancel_timer(&mut self, at: ItemRef, now: &ZonedDateTime) -> Result<bool, VisitError> {
        if self.is_final() {
            return Err(VisitError::ReadOnly);
        }
        let before = self.timers.len();
        self.timers.retain(|t| t.at != at);
        let cancelled = self.timers.len() != before;
        if cancelled {
            self.unsaved.timers = true;
            self.header.updated = now.clone();
            let values = (
                LogValue::Text("started".to_owned()),
                LogValue::Text("cancelled".to_owned()),
            );
            self.log(
                Some(at),
                LogField::Stopwatch,
                LogHow::Made,
                values,
                false,
                now,
            );
        }
        Ok(cancelled)
    }

    /// Puts back a stopwatch recorded in a draft; false when the visit has no
    /// such timed item or one already runs there.
    pub fn restore_timer(
        &mut self,
        checklist_id: &str,
        item_id: &str,
        started: ZonedDateTime,
    ) -> bool {
        let Some(at) = self.find(checklist_id, item_id) else {
            return false;
        };
        let timed = self.response(at).is_some_and(|r| r.timing().is_some());
        if !timed || self.timer(at).is_some() {
            return false;
        }
        self.timers.push(Timer {
            at,
            started,
            mono: None,
        });
        true
    }

    /// The checklist and item ids of `at`.
    pub fn ids(&self, at: ItemRef) -> Option<(String, String)> {
        let (_, item) = self.item(at)?;
        Some((
            self.checklists[at.checklist].checklist.checklist.id.clone(),
            item.id.clone(),
        ))
    }

    /// Every attached file, in the order attached.
    pub fn evidence(&self) -> &[Evidence] {
        &self.evidence
    }

    /// Files attached to the item at `at`, with their places in [`Visit::evidence`].
    pub fn evidence_of(&self, at: ItemRef) -> Vec<(usize, &Evidence)> {
        let ids = self.ids(at);
        self.evidence
            .iter()
            .enumerate()
            .filter(|(_, e)| ids.is_some() && e.item == ids)
            .collect()
    }

    /// Files attached to the whole visit, with their places in [`Visit::evidence`].
    pub fn visit_evidence(&self) -> Vec<(usize, &Evidence)> {
        self.evidence
            .iter()
            .enumerate()
            .filter(|(_, e)| e.item.is_none())
            .collect()
    }

    /// Lists an attached file, as one undo step. The same file (by hash)
    /// attached twice to the same place is refused.
    pub fn add_evidence(
        &mut self,
        evidence: Evidence,
        now: &ZonedDateTime,
    ) -> Result<(), VisitError> {
        if self.is_final() {
            return Err(VisitError::ReadOnly);
        }
        let touched = match &evidence.item {
            Some((c, i)) => Touched::Item(self.find(c, i).ok_or(VisitError::NoItem)?),
            None => Touched::Visit,
        };
        let twice = self
            .evidence
            .iter()
            .any(|e| e.item == evidence.item && e.sha256 == evidence.sha256);
        if twice {
            return Err(VisitError::AlreadyAttached);
        }
        self.evidence.push(evidence.clone());
        self.apply_evidence(touched, self.evidence.len() - 1, evidence, true, now);
        Ok(())
    }

    /// Takes the file at place `index` of [`Visit::evidence`] off the list, as
    /// one undo step; its copy stays in the data folder, so undo brings it back.
    pub fn remove_evidence(
        &mut self,
        index: usize,
        now: &ZonedDateTime,
    ) -> Result<Evidence, VisitError> {
        if self.is_final() {
            return Err(VisitError::ReadOnly);
        }
        if index >= self.evidence.len() {
            return Err(VisitError::NoEvidence);
        }
        let removed = self.evidence.remove(index);
        let touched = removed
            .item
            .as_ref()
            .and_then(|(c, i)| self.find(c, i))
            .map_or(Touched::Visit, Touched::Item);
        self.apply_evidence(touched, index, removed.clone(), false, now);
        Ok(removed)
    }

    /// Puts back a file listed in a record.
    pub fn restore_evidence(&mut self, evidence: Evidence) {
        self.evidence.push(evidence);
    }

    /// Replaces the running stopwatches with `timers`, as a journal line
    /// recorded them (each is checked as [`Visit::restore_timer`] would).
    pub fn replay_timers(&mut self, timers: Vec<Timer>) {
        self.timers = timers
            .into_iter()
            .filter(|t| self.response(t.at).is_some_and(|r| r.timing().is_some()))
            .collect();
        self.unsaved.timers = true;
    }

    /// Replaces the attached files with `evidence`, as a journal line recorded them.
    pub fn replay_evidence(&mut self, evidence: Vec<Evidence>) {
        self.evidence = evidence;
        self.unsaved.evidence = true;
    }

    fn apply_evidence(
        &mut self,
        touched: Touched,
        index: usize,
        evidence: Evidence,
        added: bool,
        now: &ZonedDateTime,
    ) {
        self.unsaved.evidence = true;
        let name = LogValue::Text(evidence.name().to_owned());
        let values = if added {
            (LogValue::None, name)
        } else {
            (name, LogValue::None)
        };
        let at = match touched {
            Touched::Item(at) => Some(at),
            Touched::Visit => None,
        };
        self.log(at, LogField::Evidence, LogHow::Made, values, false, now);
        self.undo.push(Change::Evidence {
            touched,
            index,
            evidence,
            added,
        });
        self.redo.clear();
        self.header.updated = now.clone();
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
            (Answer::Number(value), Response::Number { unit, min, max, .. }) => {
                let inside = value.is_finite()
                    && min.is_none_or(|m| *value >= m)
                    && max.is_none_or(|m| *value <= m);
                if inside {
                    Ok(())
                } else {
                    Err(VisitError::OutOfRange {
                        value: *value,
                        min,
                        max,
                        unit: unit.map(str::to_owned),
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
        let values = (
            LogValue::Text(std::mem::replace(&mut self.header.note, note.to_owned())),
            LogValue::Text(note.to_owned()),
        );
        self.unsaved.note = true;
        self.header.updated = now.clone();
        self.log(None, LogField::Note, LogHow::Made, values, true, now);
        Ok(true)
    }

    /// Applies `after` to the item at `at` as one undo step, or, while
    /// `typing` the same item, as part of the step typing began.
    fn record(&mut self, at: ItemRef, after: Entry, typing: bool, now: &ZonedDateTime) {
        let merge = typing
            && self.redo.is_empty()
            && matches!(self.undo.last(), Some(Change::Entry { typing: true, at: last, .. }) if *last == at);
        if merge {
            let before = self.entries[at.checklist][at.item].clone();
            self.log_entry(at, (&before, &after), LogHow::Made, true, now);
            self.set_entry(at, after.clone(), true);
            if let Some(Change::Entry { after: last, .. }) = self.undo.last_mut() {
                *last = after;
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
        self.log_entry(at, (&before, &after), LogHow::Made, typing, now);
        self.set_entry(at, after.clone(), true);
        self.undo.push(Change::Entry {
            at,
            before,
            after,
            typing,
        });
        self.redo.clear();
        self.header.updated = now.clone();
    }

    /// Undoes the last change; returns what it touched.
    pub fn undo(&mut self, now: &ZonedDateTime) -> Option<Touched> {
        if self.is_final() {
            return None;
        }
        let change = self.undo.pop()?;
        let touched = self.put(&change, true, now);
        let change = match change {
            // Typing after an undo starts a new step.
            Change::Entry {
                at, before, after, ..
            } => Change::Entry {
                at,
                before,
                after,
                typing: false,
            },
            other => other,
        };
        self.redo.push(change);
        self.header.updated = now.clone();
        Some(touched)
    }

    /// Redoes the last undone change; returns what it touched.
    pub fn redo(&mut self, now: &ZonedDateTime) -> Option<Touched> {
        if self.is_final() {
            return None;
        }
        let change = self.redo.pop()?;
        let touched = self.put(&change, false, now);
        self.undo.push(change);
        self.header.updated = now.clone();
        Some(touched)
    }

    /// Puts the state before (`back`) or after a change in place.
    fn put(&mut self, change: &Change, back: bool, now: &ZonedDateTime) -> Touched {
        let how = if back { LogHow::Undo } else { LogHow::Redo };
        match change {
            Change::Entry {
                at, before, after, ..
            } => {
                let (from, to) = if back {
                    (after, before)
                } else {
                    (before, after)
                };
                self.log_entry(*at, (from, to), how, false, now);
                self.set_entry(*at, to.clone(), true);
                Touched::Item(*at)
            }
            Change::Evidence {
                touched,
                index,
                evidence,
                added,
            } => {
                // Undoing an addition or redoing a removal takes the file off
                // its place; the other two put it back there.
                let name = LogValue::Text(evidence.name().to_owned());
                let values = if *added == back {
                    (name, LogValue::None)
                } else {
                    (LogValue::None, name)
                };
                let at = match touched {
                    Touched::Item(at) => Some(*at),
                    Touched::Visit => None,
                };
                self.log(at, LogField::Evidence, how, values, false, now);
                if *added == back {
                    if *index < self.evidence.len() {
                        self.evidence.remove(*index);
                    }
                } else {
                    self.evidence
                        .insert((*index).min(self.evidence.len()), evidence.clone());
                }
                self.unsaved.evidence = true;
                *touched
            }
        }
    }

    /// Closes the visit: final, read-only, `finished` set to `now`.
    pub fn finalize(&mut self, now: &ZonedDateTime) -> Result<(), VisitError> {
        if self.is_final() {
            return Err(VisitError::ReadOnly);
        }
        self.header.status = Status::Final;
        self.header.finished = Some(now.clone());
        self.header.updated = now.clone();
        // A final visit measures nothing more; the summary warned about these.
        self.timers.clear();
        self.unsaved.status = true;
        self.unsaved.timers = true;
        let values = (
            LogValue::Text(Status::Draft.as_str().to_owned()),
            LogValue::Text(Status::Final.as_str().to_owned()),
        );
        self.log(None, LogField::Status, LogHow::Made, values, false, now);
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
        assert_eq!(v.undo(&now(3)), Some(Touched::Item(at(0))));
        assert_eq!(v.entry(at(0)).unwrap().note, "");
        assert_eq!(v.undo(&now(3)), Some(Touched::Item(at(0))));
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

    const TIMED: &str = r#"
[checklist]
id = "desk"
title = "Desk"
touchpoint = "check-in"

[responses.wait]
options = [
  { id = "fast", label = "Under 30 seconds", score = 2, within = 30 },
  { id = "ok", label = "30–60 seconds", score = 1, within = 60 },
  { id = "slow", label = "Over a minute", score = 0 },
]

[[section]]
id = "s"
title = "S"

[[section.item]]
id = "greeted"
prompt = "Greeted"
response = "wait"

[[section.item]]
id = "key"
prompt = "Key in hand"
response = "number"
unit = "min"
min = 0
max = 10
at_most = 5

[[section.item]]
id = "seconds"
prompt = "Seconds"
response = "number"
unit = "Seconds"

[[section.item]]
id = "reply"
prompt = "Reply"
response = "number"
unit = "ч"

[[section.item]]
id = "plain"
prompt = "Plain yes-no"
"#;

    /// 14:00:00.000 plus `millis`, at +03:00: the injected clock.
    fn clock(millis: i64) -> ZonedDateTime {
        now(0)
            .checked_add(jiff::SignedDuration::from_millis(millis))
            .unwrap()
    }

    fn timed() -> Visit {
        Visit::new("Hotel", "anna", vec![loaded(TIMED)], &clock(0), "0001")
    }

    /// Starts at 0 and stops after `millis`; returns the answer and the time.
    fn time(item: usize, millis: i64) -> (Option<Answer>, Option<f64>) {
        let mut v = timed();
        assert_eq!(v.start_timer(at(item), &clock(0)), Ok(true));
        v.stop_timer(at(item), &clock(millis)).unwrap();
        assert!(v.timers().is_empty());
        let entry = v.entry(at(item)).unwrap();
        (entry.answer.clone(), entry.timed)
    }

    fn option(id: &str) -> Option<Answer> {
        Some(Answer::Choice(id.into()))
    }

    #[test]
    fn the_stopwatch_chooses_the_first_option_whose_within_holds() {
        assert_eq!(time(0, 12_000), (option("fast"), Some(12.0)));
        // The bound itself is within.
        assert_eq!(time(0, 30_000), (option("fast"), Some(30.0)));
        assert_eq!(time(0, 30_100), (option("ok"), Some(30.1)));
        // 30.04 s rounds to 30.0 s, as recorded: within.
        assert_eq!(time(0, 30_040), (option("fast"), Some(30.0)));
        assert_eq!(time(0, 60_000), (option("ok"), Some(60.0)));
        // Longer than every within: the option without one.
        assert_eq!(time(0, 60_100), (option("slow"), Some(60.1)));
        assert_eq!(time(0, 3_600_000), (option("slow"), Some(3600.0)));
    }

    #[test]
    fn the_stopwatch_answers_a_number_in_its_unit_to_one_decimal() {
        assert_eq!(time(1, 270_000), (Some(Answer::Number(4.5)), Some(270.0)));
        assert_eq!(time(1, 302_000), (Some(Answer::Number(5.0)), Some(302.0)));
        assert_eq!(time(2, 42_360), (Some(Answer::Number(42.4)), Some(42.4)));
        // Russian hours.
        assert_eq!(
            time(3, 5_400_000),
            (Some(Answer::Number(1.5)), Some(5400.0))
        );
    }

    #[test]
    fn a_time_beyond_the_items_max_is_refused_and_the_stopwatch_runs_on() {
        let mut v = timed();
        v.start_timer(at(1), &clock(0)).unwrap();
        let refused = v.stop_timer(at(1), &clock(11 * 60_000));
        assert!(matches!(refused, Err(VisitError::OutOfRange { .. })));
        assert_eq!(v.timers().len(), 1);
        assert_eq!(v.entry(at(1)).unwrap().answer, None);
    }

    #[test]
    fn cancel_stops_without_answering_and_undo_takes_back_a_stop() {
        let mut v = timed();
        assert_eq!(v.start_timer(at(4), &clock(0)), Err(VisitError::NotTimed));
        v.start_timer(at(0), &clock(0)).unwrap();
        v.start_timer(at(1), &clock(500)).unwrap();
        // Starting a running one again changes nothing.
        assert_eq!(v.start_timer(at(0), &clock(900)), Ok(false));
        assert_eq!(v.timer(at(0)).unwrap().started, clock(0));
        assert_eq!(v.cancel_timer(at(1), &clock(2_000)), Ok(true));
        assert_eq!(v.cancel_timer(at(1), &clock(2_000)), Ok(false));
        assert_eq!(v.entry(at(1)).unwrap().answer, None);
        assert_eq!(v.stop_timer(at(1), &clock(2_000)), Err(VisitError::NoTimer));
        assert_eq!(v.header.updated, clock(2_000));

        assert_eq!(v.stop_timer(at(0), &clock(45_000)), Ok(45.0));
        assert_eq!(v.entry(at(0)).unwrap().first_at, Some(clock(45_000)));
        assert_eq!(v.undo(&clock(46_000)), Some(Touched::Item(at(0))));
        assert_eq!(v.entry(at(0)).unwrap(), &Entry::default());
        assert!(v.timers().is_empty(), "undo does not restart the stopwatch");
        v.redo(&clock(47_000));
        assert_eq!(v.entry(at(0)).unwrap().timed, Some(45.0));
        // Clearing the answer clears the time it measured.
        v.set_answer(at(0), None, &clock(48_000)).unwrap();
        assert_eq!(v.entry(at(0)).unwrap().timed, None);
    }

    #[test]
    fn a_time_longer_than_every_option_of_a_fully_timed_set_answers_nothing() {
        let text = TIMED.replace(
            "{ id = \"slow\", label = \"Over a minute\", score = 0 },",
            "{ id = \"slow\", label = \"Under two minutes\", score = 0, within = 120 },",
        );
        let mut v = Visit::new("Hotel", "anna", vec![loaded(&text)], &clock(0), "0002");
        v.start_timer(at(0), &clock(0)).unwrap();
        assert_eq!(
            v.stop_timer(at(0), &clock(121_000)),
            Err(VisitError::LongerThanAll(121.0))
        );
        assert_eq!(
            v.timers().len(),
            1,
            "it runs on until answered by hand or cancelled"
        );
        assert_eq!(v.entry(at(0)).unwrap().answer, None);
    }

    /// Issue 17: a +2 h step of the wall clock during a 7-second timing
    /// recorded "over a minute", a -1 h step 0.0 s. Started and stopped in
    /// one run, a stopwatch is measured on the monotonic clock.
    #[test]
    fn a_stopwatch_in_one_run_ignores_steps_of_the_wall_clock() {
        let mono = |s: u64| Some(Duration::from_secs(s));
        for step in [2 * 3_600_000, -3_600_000, 0] {
            let mut v = timed();
            v.start_timer_mono(at(0), &clock(0), mono(100)).unwrap();
            assert_eq!(
                v.timers()[0].seconds_at(&clock(step + 3_000), mono(103)),
                3.0
            );
            let stopped = v.stop_timer_mono(at(0), &clock(step + 7_000), mono(107));
            assert_eq!(stopped, Ok((7.0, None)), "wall clock stepped {step} ms");
            let entry = v.entry(at(0)).unwrap();
            assert_eq!(
                (entry.answer.clone(), entry.timed),
                (option("fast"), Some(7.0))
            );
        }
    }

    /// Across a restart only the wall clock is left: a clock gone back, or
    /// more than 12 hours, keeps the stopwatch's answer and flags it.
    #[test]
    fn a_stopwatch_across_a_restart_is_flagged_when_the_clock_looks_wrong() {
        let mono = Some(Duration::from_secs(5));
        // Put back from a draft: no monotonic start.
        let mut v = timed();
        assert!(v.restore_timer("desk", "greeted", clock(10_000)));
        let at_wait = v.timers()[0].at;
        assert_eq!(
            v.stop_timer_mono(at_wait, &clock(4_000), mono),
            Ok((0.0, Some(ClockDoubt::WentBack(6.0))))
        );
        let mut v = timed();
        assert!(v.restore_timer("desk", "greeted", clock(0)));
        let thirteen_hours = 13 * 3_600_000;
        assert_eq!(
            v.stop_timer_mono(at_wait, &clock(thirteen_hours), mono),
            Ok((46_800.0, Some(ClockDoubt::Jumped(46_800.0))))
        );
        assert_eq!(v.entry(at_wait).unwrap().answer, option("slow"));
        // A plausible restart is measured on the wall clock, unflagged.
        let mut v = timed();
        assert!(v.restore_timer("desk", "greeted", clock(0)));
        assert_eq!(
            v.stop_timer_mono(at_wait, &clock(20_000), mono),
            Ok((20.0, None))
        );
    }

    #[test]
    fn a_clock_set_back_never_makes_a_negative_time() {
        let mut v = timed();
        v.start_timer(at(2), &clock(10_000)).unwrap();
        assert_eq!(v.stop_timer(at(2), &clock(0)), Ok(0.0));
    }

    #[test]
    fn finalizing_stops_running_stopwatches_without_answering() {
        let mut v = timed();
        v.start_timer(at(0), &clock(0)).unwrap();
        v.finalize(&clock(1_000)).unwrap();
        assert!(v.timers().is_empty());
        assert_eq!(v.entry(at(0)).unwrap().answer, None);
        assert_eq!(
            v.start_timer(at(0), &clock(2_000)),
            Err(VisitError::ReadOnly)
        );
    }

    fn file(item: Option<(&str, &str)>, hash: &str) -> Evidence {
        Evidence {
            item: item.map(|(c, i)| (c.to_owned(), i.to_owned())),
            file: format!("evidence/x/{hash}-receipt.jpg"),
            sha256: hash.to_owned(),
            bytes: 10,
            added: now(1),
        }
    }

    #[test]
    fn evidence_is_listed_removed_and_brought_back_by_undo() {
        let mut v = visit();
        v.add_evidence(file(Some(("desk", "wait")), "aa"), &now(1))
            .unwrap();
        v.add_evidence(file(None, "bb"), &now(2)).unwrap();
        assert_eq!(v.evidence_of(at(3)).len(), 1);
        assert_eq!(v.evidence_of(at(3))[0].1.name(), "receipt.jpg");
        assert_eq!(v.visit_evidence().len(), 1);
        // The same file twice in one place is refused; elsewhere it is fine.
        assert_eq!(
            v.add_evidence(file(Some(("desk", "wait")), "aa"), &now(3)),
            Err(VisitError::AlreadyAttached)
        );
        v.add_evidence(file(Some(("desk", "had-queue")), "aa"), &now(3))
            .unwrap();
        assert_eq!(
            v.add_evidence(file(Some(("desk", "nothing")), "cc"), &now(3)),
            Err(VisitError::NoItem)
        );

        let removed = v.remove_evidence(0, &now(4)).unwrap();
        assert_eq!(removed.sha256, "aa");
        assert!(v.evidence_of(at(3)).is_empty());
        assert_eq!(v.undo(&now(5)), Some(Touched::Item(at(3))));
        assert_eq!(v.evidence_of(at(3)).len(), 1);
        assert_eq!(v.evidence().len(), 3);
        assert_eq!(v.redo(&now(6)), Some(Touched::Item(at(3))));
        assert_eq!(v.evidence().len(), 2);
        // Undo walks back through the attachments too.
        v.undo(&now(7));
        v.undo(&now(7));
        assert_eq!(v.undo(&now(7)), Some(Touched::Visit));
        assert_eq!(v.evidence().len(), 1);
        assert_eq!(v.remove_evidence(5, &now(8)), Err(VisitError::NoEvidence));
    }
}
