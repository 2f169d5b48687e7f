//! Consistency and proof-of-visit flags (SPEC.md, "Checks"): what in a
//! record does not add up, each flag with a stable code, the visit, the item
//! and the evidence for it.
//!
//! Pure: records in, flags out. The caller reads the files: the records, the
//! checklists they name (for the stopwatch's `within` and a number's unit
//! and standard, which records do not carry) and the EXIF times of attached
//! photos ([`Photo`]). Without the checklists, the checks that need them
//! fall back on what the record says (a duration in the prompt) or stay
//! silent; docs/checks.md says which.

pub mod duration;
#[doc(hidden)]
pub mod sample;

use std::collections::{BTreeMap, HashMap};

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::tz::Offset;
use serde::Serialize;

use crate::checklist::{Loaded, Response, Timing, seconds_per_unit};
use crate::record::{AnswerValue, Observation, RecordFile, Stamp};
use crate::tr;
use crate::visit::Status;

/// What a flag is about. The codes are stable: scripts match on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// A timed answer the stopwatch's own measurement contradicts.
    TimedContradiction,
    /// An answer that meets a time standard while its note states longer.
    NoteContradiction,
    /// A zero-score answer with no note.
    MissWithoutNote,
    /// Ten or more answers in a row, each less than 2 s after the one before.
    TooFast,
    /// An answer first given outside the visit, or a visit that ends before
    /// it starts.
    OutsideVisit,
    /// A photo taken more than 30 minutes outside the visit.
    EvidenceTime,
    /// The same file attached to two visits.
    EvidenceReused,
    /// An `integrity` item answered otherwise than a truthful auditor would.
    IntegrityItem,
    /// An auditor whose visits score far above everyone else's.
    AuditorOutlier,
}

impl Code {
    /// Every code, in the order SPEC.md lists them.
    pub const ALL: [Code; 9] = [
        Code::TimedContradiction,
        Code::NoteContradiction,
        Code::MissWithoutNote,
        Code::TooFast,
        Code::OutsideVisit,
        Code::EvidenceTime,
        Code::EvidenceReused,
        Code::IntegrityItem,
        Code::AuditorOutlier,
    ];

    /// The code as written in tables and JSON: `timed-contradiction`.
    pub fn as_str(self) -> &'static str {
        match self {
            Code::TimedContradiction => "timed-contradiction",
            Code::NoteContradiction => "note-contradiction",
            Code::MissWithoutNote => "miss-without-note",
            Code::TooFast => "too-fast",
            Code::OutsideVisit => "outside-visit",
            Code::EvidenceTime => "evidence-time",
            Code::EvidenceReused => "evidence-reused",
            Code::IntegrityItem => "integrity-item",
            Code::AuditorOutlier => "auditor-outlier",
        }
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One flag: `{code, visit, site, item, detail}` in JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flag {
    /// What kind of flag.
    pub code: Code,
    /// The visit id.
    pub visit: String,
    /// The visit's site.
    pub site: String,
    /// `checklist/item`; absent for a flag about the whole visit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// The evidence, in the interface language; may quote the record (escape
    /// it before it reaches a terminal).
    pub detail: String,
}

/// The time an attached photo was taken, as its EXIF says.
#[derive(Debug, Clone, PartialEq)]
pub struct Photo {
    /// The file as the record lists it (`evidence/<id>/<hash>-<name>`).
    pub file: String,
    /// `checklist/item` it is attached to; `None` for the visit.
    pub item: Option<String>,
    /// The date and time the camera wrote (`DateTimeOriginal`).
    pub taken: DateTime,
    /// The offset the camera wrote beside it, when it wrote one; else the
    /// time is taken in the visit's own offset.
    pub offset: Option<Offset>,
}

/// One visit to check: its record, the checklists it names (those that
/// could be loaded; may be none) and the EXIF times of its photos.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// The record as read.
    pub record: &'a RecordFile,
    /// Its checklists, for `within`, units and number standards.
    pub checklists: &'a [Loaded],
    /// Its photos that carry an EXIF time.
    pub photos: &'a [Photo],
}

impl<'a> Input<'a> {
    /// A record alone: no checklists, no photos.
    pub fn record(record: &'a RecordFile) -> Input<'a> {
        Input {
            record,
            checklists: &[],
            photos: &[],
        }
    }
}

/// Answers in a row, each less than [`TOO_FAST_GAP`] seconds after the one
/// before, that raise `too-fast`.
pub const TOO_FAST_RUN: usize = 10;
/// Seconds between two answers below which they count as too fast.
pub const TOO_FAST_GAP: i64 = 2;
/// Minutes a photo may be taken before the visit starts or after it ends.
pub const PHOTO_SLACK_MINUTES: i64 = 30;
/// Visits an auditor needs before `auditor-outlier` looks at them.
pub const OUTLIER_VISITS: usize = 5;

/// Every flag the visits raise: each visit's own, in the order given (its
/// items in record order), then the ones that compare visits
/// (`evidence-reused`, `auditor-outlier`) on each visit they concern.
pub fn flags(inputs: &[Input<'_>]) -> Vec<Flag> {
    let mut per_visit: Vec<Vec<Flag>> = inputs.iter().map(own_flags).collect();
    let compared: Vec<Compared> = inputs.iter().map(|i| Compared::of(i.record)).collect();
    for (n, flag) in compared_flags(&compared) {
        per_visit[n].push(flag);
    }
    per_visit.into_iter().flatten().collect()
}

/// [`flags`] of records read without their checklists or photos.
pub fn flags_of_records(records: &[RecordFile]) -> Vec<Flag> {
    let inputs: Vec<Input<'_>> = records.iter().map(Input::record).collect();
    flags(&inputs)
}

/// What the flags that compare visits need of one: a few fields, so that
/// a report over many large records keeps it for each while it lets the
/// records go.
#[derive(Debug, Clone)]
pub struct Compared {
    /// The visit id.
    pub id: String,
    /// The site.
    pub site: String,
    /// The auditor, as the record names them.
    pub auditor: String,
    /// Whether the visit is final.
    pub is_final: bool,
    /// Its score, unrounded, when it has a maximum.
    pub percent: Option<f64>,
    /// Its attached files: sha256, file, and `checklist/item` if on an item.
    pub evidence: Vec<(String, String, Option<String>)>,
}

impl Compared {
    /// What the comparing flags need of `record`.
    pub fn of(record: &RecordFile) -> Compared {
        let header = &record.header;
        Compared {
            id: header.id.clone(),
            site: header.site.clone(),
            auditor: header.auditor.clone(),
            is_final: header.status == Status::Final,
            percent: visit_percent(record),
            evidence: record
                .evidence
                .iter()
                .map(|e| {
                    let item = match (&e.checklist, &e.item) {
                        (Some(c), Some(i)) => Some(format!("{c}/{i}")),
                        _ => None,
                    };
                    (e.sha256.clone(), e.file.clone(), item)
                })
                .collect(),
        }
    }

    fn flag(&self, code: Code, item: Option<String>, detail: String) -> Flag {
        Flag {
            code,
            visit: self.id.clone(),
            site: self.site.clone(),
            item,
            detail,
        }
    }
}

/// The flags one visit raises on its own (every code but `evidence-reused`
/// and `auditor-outlier`).
pub fn own_flags(input: &Input<'_>) -> Vec<Flag> {
    visit_flags(input)
}

/// The flags that compare visits, each with the index of the visit it is
/// raised on: `evidence-reused`, then `auditor-outlier`.
pub fn compared_flags(visits: &[Compared]) -> Vec<(usize, Flag)> {
    let mut out = reused(visits);
    out.extend(outliers(visits));
    out
}

fn flag(record: &RecordFile, code: Code, item: Option<String>, detail: String) -> Flag {
    Flag {
        code,
        visit: record.header.id.clone(),
        site: record.header.site.clone(),
        item,
        detail,
    }
}

fn item_name(o: &Observation<Stamp>) -> String {
    format!("{}/{}", o.checklist, o.item)
}

/// The flags one visit raises on its own.
fn visit_flags(input: &Input<'_>) -> Vec<Flag> {
    let record = input.record;
    let mut out = Vec::new();
    let header = &record.header;
    let started = header.started.timestamp();
    let finished = header.finished.as_ref().map(|f| f.timestamp());
    if let Some(end) = finished
        && end < started
    {
        out.push(flag(
            record,
            Code::OutsideVisit,
            None,
            tr!(
                "check-finished-before-started",
                finished = time_text(header.finished.as_ref().map(|f| f.timestamp()), input),
                started = time_text(Some(started), input)
            ),
        ));
    }
    for o in &record.observations {
        if o.skipped {
            continue;
        }
        let facts = item_facts(input.checklists, o);
        if let Some(detail) = timed_contradiction(o, &facts) {
            out.push(flag(
                record,
                Code::TimedContradiction,
                Some(item_name(o)),
                detail,
            ));
        }
        if let Some(detail) = note_contradiction(o, &facts) {
            out.push(flag(
                record,
                Code::NoteContradiction,
                Some(item_name(o)),
                detail,
            ));
        }
        if o.points == Some(0.0) && o.max.is_some_and(|m| m > 0.0) && o.note.trim().is_empty() {
            out.push(flag(
                record,
                Code::MissWithoutNote,
                Some(item_name(o)),
                tr!("check-miss-without-note", answer = answer_text(o)),
            ));
        }
        if let Some(detail) = integrity(o) {
            out.push(flag(
                record,
                Code::IntegrityItem,
                Some(item_name(o)),
                detail,
            ));
        }
        if let Some(first) = o.first_at.as_ref().map(|t| t.0.timestamp()) {
            let detail = if first < started {
                Some(tr!(
                    "check-answer-before-start",
                    at = time_text(Some(first), input),
                    started = time_text(Some(started), input)
                ))
            } else if finished.is_some_and(|end| first > end && end >= started) {
                Some(tr!(
                    "check-answer-after-finish",
                    at = time_text(Some(first), input),
                    finished = time_text(finished, input)
                ))
            } else {
                None
            };
            if let Some(detail) = detail {
                out.push(flag(record, Code::OutsideVisit, Some(item_name(o)), detail));
            }
        }
    }
    out.extend(too_fast(record));
    out.extend(photo_times(input));
    out
}

/// What the checklist says of an observation's item: how the stopwatch
/// answers it and its time standard.
#[derive(Debug, Default)]
struct Facts {
    /// Options and their `within`, for a set with times.
    within: Vec<(String, Option<f64>)>,
    /// Seconds per unit of a number in a unit of time.
    per_unit: Option<f64>,
    /// A number's `at_most`, in its unit.
    at_most: Option<f64>,
    /// The unit as written.
    unit: Option<String>,
}

fn item_facts(checklists: &[Loaded], o: &Observation<Stamp>) -> Facts {
    let item = checklists
        .iter()
        .find(|l| l.checklist.checklist.id == o.checklist)
        .and_then(|loaded| Some((loaded, loaded.checklist.item(&o.item)?)));
    let Some((loaded, item)) = item else {
        return record_facts(o);
    };
    match loaded.checklist.response(item) {
        response @ Response::Options(options) => Facts {
            within: if response.timing() == Some(Timing::Options) {
                options.iter().map(|c| (c.id.clone(), c.within)).collect()
            } else {
                Vec::new()
            },
            ..Facts::default()
        },
        Response::Number { unit, standard, .. } => Facts {
            per_unit: unit.and_then(seconds_per_unit),
            at_most: standard.at_most,
            unit: unit.map(str::to_owned),
            ..Facts::default()
        },
        Response::Text => Facts::default(),
    }
}

/// What the record itself says of an observation's time standard (written
/// since 2026-12-06: the chosen option's `within`, a number's seconds per
/// unit and `at_most`), for a record whose checklist is not at hand.
fn record_facts(o: &Observation<Stamp>) -> Facts {
    let unit = o.unit_seconds.map(|per| {
        match per {
            1.0 => "s",
            60.0 => "min",
            3600.0 => "h",
            _ => "",
        }
        .to_owned()
    });
    Facts {
        within: match (chosen(o), o.within) {
            (Some(id), Some(within)) => vec![(id.to_owned(), Some(within))],
            _ => Vec::new(),
        },
        per_unit: o.unit_seconds,
        at_most: o.at_most,
        unit,
    }
}

fn chosen(o: &Observation<Stamp>) -> Option<&str> {
    match &o.answer {
        Some(AnswerValue::Text(id)) => Some(id),
        _ => None,
    }
}

fn number(o: &Observation<Stamp>) -> Option<f64> {
    match &o.answer {
        Some(AnswerValue::Number(n)) => Some(*n),
        _ => None,
    }
}

/// The answer as a reader knows it: its label, else the id or number.
fn answer_text(o: &Observation<Stamp>) -> String {
    if o.na {
        return tr!("doc-na");
    }
    match (&o.label, &o.answer) {
        (Some(label), _) => label.clone(),
        (None, Some(answer)) => answer.as_text(),
        (None, None) => String::new(),
    }
}

fn timed_contradiction(o: &Observation<Stamp>, facts: &Facts) -> Option<String> {
    let timed = o.timed?;
    if let Some(id) = chosen(o) {
        let (_, within) = facts.within.iter().find(|(option, _)| option == id)?;
        let within = (*within)?;
        return (timed > within).then(|| {
            tr!(
                "check-timed-option",
                answer = answer_text(o),
                within = duration_text(within),
                timed = duration_text(timed)
            )
        });
    }
    let (value, per_unit) = (number(o)?, facts.per_unit?);
    // The stopwatch writes the time in the item's unit to one decimal.
    let measured = (timed / per_unit * 10.0).round() / 10.0;
    ((value - measured).abs() > 0.05 + 1e-9).then(|| {
        tr!(
            "check-timed-number",
            answer = crate::record::format_number(value),
            unit = facts.unit.clone().unwrap_or_default(),
            timed = duration_text(timed)
        )
    })
}

fn note_contradiction(o: &Observation<Stamp>, facts: &Facts) -> Option<String> {
    if o.note.trim().is_empty() {
        return None;
    }
    // The standard the answer claims to meet, in seconds.
    let standard = if let Some(id) = chosen(o)
        && let Some((_, Some(within))) = facts.within.iter().find(|(option, _)| option == id)
    {
        Some(*within)
    } else if let (Some(value), Some(per_unit), Some(at_most)) =
        (number(o), facts.per_unit, facts.at_most)
    {
        if value > at_most {
            return None;
        }
        Some(at_most * per_unit)
    } else {
        None
    };
    let standard = match standard {
        Some(s) => s,
        // The prompt's own duration ("within 30 seconds"), met by an answer
        // that earned points.
        None if o.points.is_some_and(|p| p > 0.0) => duration::first(&o.prompt)?.seconds,
        None => return None,
    };
    let said = duration::longest_observed(&o.note)?;
    (said.seconds > standard).then(|| {
        tr!(
            "check-note-longer",
            answer = answer_text(o),
            standard = duration_text(standard),
            said = said.words
        )
    })
}

fn integrity(o: &Observation<Stamp>) -> Option<String> {
    let truthful = o.integrity.as_deref()?;
    let answered_na =
        o.na || matches!(&o.answer, Some(AnswerValue::Text(t)) if t == crate::record::NA);
    let given = if answered_na {
        "na".to_owned()
    } else {
        o.answer.as_ref()?.as_text()
    };
    (given != truthful).then(|| {
        tr!(
            "check-integrity",
            answer = answer_text(o),
            truthful = if truthful == "na" {
                tr!("doc-na")
            } else {
                truthful.to_owned()
            }
        )
    })
}

/// Runs of [`TOO_FAST_RUN`] or more answers, in the order first given, each
/// less than [`TOO_FAST_GAP`] seconds after the one before. N/A answers are
/// left out: marking a section that does not apply takes no looking.
fn too_fast(record: &RecordFile) -> Vec<Flag> {
    let mut answers: Vec<(Timestamp, &Observation<Stamp>)> = record
        .observations
        .iter()
        .filter(|o| !o.skipped && !o.na && o.answer.is_some())
        .filter_map(|o| Some((o.first_at.as_ref()?.0.timestamp(), o)))
        .collect();
    answers.sort_by_key(|(t, _)| *t);
    let mut out = Vec::new();
    let mut start = 0;
    for end in 1..=answers.len() {
        let breaks = end == answers.len()
            || answers[end].0.as_second() - answers[end - 1].0.as_second() >= TOO_FAST_GAP;
        if !breaks {
            continue;
        }
        let run = &answers[start..end];
        if run.len() >= TOO_FAST_RUN {
            let (first, last) = (run[0], run[run.len() - 1]);
            out.push(flag(
                record,
                Code::TooFast,
                Some(item_name(first.1)),
                tr!(
                    "check-too-fast",
                    count = run.len(),
                    seconds = last.0.as_second() - first.0.as_second(),
                    first = item_name(first.1),
                    last = item_name(last.1)
                ),
            ));
        }
        start = end;
    }
    out
}

fn photo_times(input: &Input<'_>) -> Vec<Flag> {
    let header = &input.record.header;
    let begin = header.started.timestamp();
    let end = header
        .finished
        .as_ref()
        .unwrap_or(&header.updated)
        .timestamp()
        .max(begin);
    let slack = PHOTO_SLACK_MINUTES * 60;
    let mut out = Vec::new();
    for photo in input.photos {
        let offset = photo.offset.unwrap_or_else(|| header.started.offset());
        let Ok(taken) = offset.to_timestamp(photo.taken) else {
            continue;
        };
        let early = begin.as_second() - taken.as_second();
        let late = taken.as_second() - end.as_second();
        let outside = early.max(late);
        if outside > slack {
            let key = if early > late { "before" } else { "after" };
            out.push(flag(
                input.record,
                Code::EvidenceTime,
                photo.item.clone(),
                tr!(
                    "check-photo-time",
                    file = photo.file.as_str(),
                    taken = photo.taken.strftime("%Y-%m-%d %H:%M:%S").to_string(),
                    distance = duration_text(outside as f64),
                    side = key
                ),
            ));
        }
    }
    out
}

/// `evidence-reused`: a sha256 attached to two or more visits, raised on
/// each of them (once per file entry).
fn reused(visits: &[Compared]) -> Vec<(usize, Flag)> {
    let mut visits_of: HashMap<&str, Vec<usize>> = HashMap::new();
    for (n, visit) in visits.iter().enumerate() {
        for (sha, _, _) in &visit.evidence {
            let seen = visits_of.entry(sha.as_str()).or_default();
            if !seen.contains(&n) {
                seen.push(n);
            }
        }
    }
    let mut out = Vec::new();
    for (n, visit) in visits.iter().enumerate() {
        let mut seen = Vec::new();
        for (sha, file, item) in &visit.evidence {
            let others: Vec<&str> = visits_of[sha.as_str()]
                .iter()
                .filter(|v| **v != n)
                .map(|v| visits[*v].id.as_str())
                .filter(|id| *id != visit.id)
                .collect();
            if others.is_empty() || seen.contains(&sha.as_str()) {
                continue;
            }
            seen.push(sha.as_str());
            out.push((
                n,
                visit.flag(
                    Code::EvidenceReused,
                    item.clone(),
                    tr!(
                        "check-evidence-reused",
                        file = file.as_str(),
                        others = others.join(", ")
                    ),
                ),
            ));
        }
    }
    out
}

/// A visit's score from its observations, unrounded: points ÷ maximum.
fn visit_percent(record: &RecordFile) -> Option<f64> {
    let (mut points, mut max) = (0.0, 0.0);
    for o in &record.observations {
        if let (Some(p), Some(m), false) = (o.points, o.max, o.skipped || o.na) {
            points += p;
            max += m;
        }
    }
    (max > 0.0).then(|| points * 100.0 / max)
}

fn mean_sd(values: &[f64]) -> (f64, f64) {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0).max(1.0);
    (mean, var.sqrt())
}

/// `auditor-outlier`: an auditor with at least [`OUTLIER_VISITS`] scored
/// final visits whose mean is more than two standard deviations above the
/// mean of the other auditors' visits (at least as many), on each visit.
fn outliers(visits: &[Compared]) -> Vec<(usize, Flag)> {
    let mut by_auditor: BTreeMap<String, Vec<(usize, f64)>> = BTreeMap::new();
    for (n, visit) in visits.iter().enumerate() {
        if !visit.is_final {
            continue;
        }
        if let Some(p) = visit.percent {
            by_auditor
                .entry(visit.auditor.trim().to_lowercase())
                .or_default()
                .push((n, p));
        }
    }
    let mut out = Vec::new();
    for (auditor, scored) in &by_auditor {
        if scored.len() < OUTLIER_VISITS {
            continue;
        }
        let others: Vec<f64> = by_auditor
            .iter()
            .filter(|(a, _)| *a != auditor)
            .flat_map(|(_, v)| v.iter().map(|(_, p)| *p))
            .collect();
        if others.len() < OUTLIER_VISITS {
            continue;
        }
        let (own, _) = mean_sd(&scored.iter().map(|(_, p)| *p).collect::<Vec<_>>());
        let (mean, sd) = mean_sd(&others);
        if own <= mean + 2.0 * sd {
            continue;
        }
        for (n, _) in scored {
            let visit = &visits[*n];
            out.push((
                *n,
                visit.flag(
                    Code::AuditorOutlier,
                    None,
                    tr!(
                        "check-auditor-outlier",
                        auditor = visit.auditor.as_str(),
                        mean = crate::score::round1(own),
                        count = scored.len(),
                        others = crate::score::round1(mean),
                        sd = crate::score::round1(sd)
                    ),
                ),
            ));
        }
    }
    out
}

/// `1 min 28 s`, `45 s`, `2 h 5 min`, `3 d 4 h`: a duration as the
/// details write it.
pub fn duration_text(seconds: f64) -> String {
    let whole = seconds.round().max(0.0) as u64;
    if whole >= 86_400 {
        let (days, hours) = (whole / 86_400, whole % 86_400 / 3600);
        return tr!("check-duration-days", days = days, hours = hours);
    }
    if whole >= 3600 {
        let (hours, minutes) = (whole / 3600, whole % 3600 / 60);
        return tr!("check-duration-hours", hours = hours, minutes = minutes);
    }
    let (minutes, rest) = (whole / 60, whole % 60);
    tr!("check-duration", minutes = minutes, seconds = rest)
}

/// A time of the visit as the details write it, in the visit's offset.
fn time_text(at: Option<Timestamp>, input: &Input<'_>) -> String {
    let Some(at) = at else {
        return String::new();
    };
    let offset = input.record.header.started.offset();
    offset
        .to_datetime(at)
        .strftime("%Y-%m-%d %H:%M:%S")
        .to_string()
}

#[cfg(test)]
mod tests;
