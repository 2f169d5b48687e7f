//! Many records into one review (SPEC.md, "Reports"): how sites, touchpoints,
//! tags and months score, which sites are flawless but impersonal, which items
//! are missed most and what auditors wrote about them.
//!
//! Pure: records in, figures out. Figures come from each record's
//! observations, never from its stored `[score]` (a disagreement is a
//! warning). Every visit weighs the same: a group's score is the mean of its
//! visits' percentages for that group. The formats ([`text`], [`json`],
//! [`csv`], [`html`]) print through a writer; reading files is the caller's.

pub mod compare;
pub mod csv;
pub mod debrief;
pub mod html;
pub mod json;
pub mod page;
pub mod text;

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;

use crate::checklist::journey_rank;
use crate::record::{Observation, RecordFile, Stamp};
use crate::review::ReviewStatus;
use crate::score::{PERSONAL_TOUCH, Tally, round1};
use crate::visit::Status;

/// Where the service map divides high from low, in percent, unless the user
/// sets another.
pub const DEFAULT_LINE: f64 = crate::score::HIGH;

/// How many of the most-missed items have their notes quoted in table, md
/// and html.
pub const NOTED_ITEMS: usize = 10;

/// Which visits a report takes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Take drafts too (left out by default: their answers may still change).
    pub include_drafts: bool,
    /// Only these sites (compared in NFC, trimmed, without regard to case);
    /// all when empty.
    pub sites: Vec<String>,
    /// Only visits started on or after this day (in the visit's own offset).
    pub since: Option<Date>,
    /// Only visits started on or before this day.
    pub until: Option<Date>,
    /// Only final visits with these review statuses; when empty, the final
    /// and approved ones (returned and excluded visits are left out).
    pub statuses: Vec<ReviewStatus>,
}

/// Why a visit was left out by a [`Filter`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeftOut {
    /// A draft, and drafts were not asked for.
    Draft,
    /// Another site, or outside the dates.
    NotSelected,
    /// A review status not asked for (by default: returned or excluded).
    Reviewed,
    /// Not validly signed, and `--require-signed` was given.
    Unsigned,
}

impl Filter {
    /// Whether the report takes `record`, or why not.
    pub fn admits(&self, record: &RecordFile) -> Result<(), LeftOut> {
        let header = &record.header;
        if header.status == Status::Draft && !self.include_drafts {
            return Err(LeftOut::Draft);
        }
        let site = site_key(&header.site);
        if !self.sites.is_empty() && !self.sites.iter().any(|s| site_key(s) == site) {
            return Err(LeftOut::NotSelected);
        }
        let day = header.started.date();
        if self.since.is_some_and(|d| day < d) || self.until.is_some_and(|d| day > d) {
            return Err(LeftOut::NotSelected);
        }
        Ok(())
    }
}

impl Filter {
    /// Whether the report takes a final visit whose review status is
    /// `status` (`None`: a draft, which has none).
    pub fn admits_review(&self, status: Option<ReviewStatus>) -> Result<(), LeftOut> {
        let Some(status) = status else {
            return Ok(());
        };
        let taken = if self.statuses.is_empty() {
            matches!(status, ReviewStatus::Final | ReviewStatus::Approved)
        } else {
            self.statuses.contains(&status)
        };
        if taken {
            Ok(())
        } else {
            Err(LeftOut::Reviewed)
        }
    }
}

/// The key two spellings of one site share: Unicode NFC, surrounding spaces
/// trimmed, lower case ("Café Noir" typed with a combining accent is the same
/// site as with a precomposed one).
pub fn site_key(site: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    site.trim().nfc().collect::<String>().to_lowercase()
}

/// Sites asked for by `--site` that no record read names, each with the
/// (at most three) nearest sites that were seen, nearest first.
pub fn unknown_sites(asked: &[String], seen: &[String]) -> Vec<(String, Vec<String>)> {
    let mut keys: Vec<(String, &String)> = seen.iter().map(|s| (site_key(s), s)).collect();
    keys.sort();
    keys.dedup_by(|a, b| a.0 == b.0);
    asked
        .iter()
        .filter(|a| !keys.iter().any(|(k, _)| *k == site_key(a)))
        .map(|a| {
            let want = site_key(a);
            let mut near: Vec<(usize, &String)> = keys
                .iter()
                .map(|(k, name)| {
                    let contains = k.contains(&want) || want.contains(k.as_str());
                    let d = crate::checklist::diag::levenshtein(&want, k);
                    (if contains { 0 } else { d }, *name)
                })
                .collect();
            near.sort();
            (
                a.trim().to_owned(),
                near.into_iter()
                    .take(3)
                    .map(|(_, n)| n.trim().to_owned())
                    .collect(),
            )
        })
        .collect()
}

/// A day as `--since`/`--until` take it: `2026-11-22`, or a month `2026-11`
/// (its first day for `--since`, its last for `--until`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateArg {
    /// The day, or the first day of the month.
    pub first: Date,
    /// The day, or the last day of the month.
    pub last: Date,
}

impl std::str::FromStr for DateArg {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        if let Ok(day) = s.parse::<Date>() {
            return Ok(DateArg {
                first: day,
                last: day,
            });
        }
        let month = first_of_month(s)
            .ok_or_else(|| crate::tr!("report-not-a-date", value = crate::text::escaped_line(s)))?;
        Ok(DateArg {
            first: month,
            last: month.last_of_month(),
        })
    }
}

/// A critical item answered with a zero score, by name.
#[derive(Debug, Clone, PartialEq)]
pub struct CriticalRow {
    /// The visit id.
    pub visit: String,
    /// The site.
    pub site: String,
    /// When the visit started, RFC 3339 in the visit's own offset.
    pub started: String,
    /// The checklist id.
    pub checklist: String,
    /// The item id.
    pub item: String,
    /// The item's prompt as recorded.
    pub prompt: String,
    /// The auditor's note on the item, as written (empty when none).
    pub note: String,
}

/// What one visit contributes, computed from its observations. Percentages
/// are exact (not rounded): means are taken from them and rounded once.
#[derive(Debug, Clone, PartialEq)]
pub struct VisitFigures {
    /// The visit id.
    pub id: String,
    /// The site audited.
    pub site: String,
    /// Who audited it.
    pub auditor: String,
    /// Draft or final.
    pub status: Status,
    /// The editor's review status of a final visit (`final` when it has no
    /// review file); `None` for a draft.
    pub review_status: Option<ReviewStatus>,
    /// `checklist/item` of each answer the editor corrected.
    pub corrected: Vec<String>,
    /// When it started, RFC 3339 in the visit's own offset.
    pub started: String,
    /// The same instant, for ordering.
    pub instant: jiff::Timestamp,
    /// `YYYY-MM` of `started`, in the visit's own offset.
    pub month: String,
    /// `YYYY-MM-DD` of `started`.
    pub date: String,
    /// Items shown (not hidden by `show_if`).
    pub shown: usize,
    /// Shown items answered (N/A is an answer).
    pub answered: usize,
    /// The whole visit; `None` with no maximum.
    pub percent: Option<f64>,
    /// Scored items without the personal-touch tag.
    pub standards: Option<f64>,
    /// Scored items with the personal-touch tag.
    pub personal_touch: Option<f64>,
    /// `checklist/item` of each critical item answered with a zero score.
    pub critical_failures: Vec<String>,
    /// The same failures by name, with prompt and note.
    pub critical: Vec<CriticalRow>,
    /// Answers whose option exceeded expectations.
    pub exceeded: usize,
    /// Every touchpoint of the visit, in journey order, with its percentage.
    pub touchpoints: Vec<(String, Option<f64>)>,
    /// Every tag of the visit, by name, with its percentage.
    pub tags: Vec<(String, Option<f64>)>,
    /// Its signature's state: `valid`, `unsigned`, `invalid` or
    /// `unknown-key` (SPEC.md, "Signing and the change log"); set by the
    /// reader of the record's files, `unsigned` until then.
    pub signed: &'static str,
    /// The check flags it raises (SPEC.md, "Checks"): its own, from the
    /// record alone ([`crate::check::own_flags`], set by whoever reads the
    /// record for a review: [`Builder::add`], or `report`'s readers in
    /// parallel; [`VisitFigures::of`] leaves them out, as the CSV rows need
    /// none), then, once the report is built, those that compare it with the
    /// report's other visits. `evidence-time` is left to `touchpoint
    /// check`, which reads the photos.
    pub flags: Vec<crate::check::Flag>,
}

/// Whether an observation counts in points and maximum.
fn scored(o: &Observation<Stamp>) -> Option<(f64, f64)> {
    match (o.points, o.max, o.skipped || o.na) {
        (Some(points), Some(max), false) => Some((points, max)),
        _ => None,
    }
}

fn add(tally: &mut Tally, (points, max): (f64, f64)) {
    tally.points += points;
    tally.max += max;
}

/// points / max × 100, not rounded; `None` with no maximum.
fn exact(tally: &Tally) -> Option<f64> {
    (tally.max > 0.0).then(|| tally.points * 100.0 / tally.max)
}

impl VisitFigures {
    /// The figures of `record`, from its observations and `[[checklists]]`.
    /// A record whose observations carry no tags at all (an older writer, or
    /// another tool) takes its by-tag figures from its `[score.tags]`.
    pub fn of(record: &RecordFile) -> VisitFigures {
        let mut total = Tally::default();
        let mut standards = Tally::default();
        let mut personal = Tally::default();
        // Touchpoints in journey order; each checklist points at its own.
        let mut touchpoints: Vec<((usize, &str), Tally)> = record
            .checklists
            .iter()
            .map(|c| {
                (
                    (journey_rank(&c.touchpoint).0, c.touchpoint.as_str()),
                    Tally::default(),
                )
            })
            .collect();
        touchpoints.sort_by(|a, b| a.0.cmp(&b.0));
        touchpoints.dedup_by(|a, b| a.0 == b.0);
        let mut tags: BTreeMap<String, Tally> = BTreeMap::new();
        let mut critical_failures = Vec::new();
        let mut critical = Vec::new();
        let mut exceeded = 0;
        let (mut shown, mut answered) = (0, 0);
        let started = record
            .header
            .started
            .strftime("%Y-%m-%dT%H:%M:%S%:z")
            .to_string();
        let touchpoint_of: HashMap<&str, usize> = record
            .checklists
            .iter()
            .filter_map(|c| {
                let n = touchpoints.iter().position(|(k, _)| k.1 == c.touchpoint)?;
                Some((c.id.as_str(), n))
            })
            .collect();
        let tagged = record.observations.iter().any(|o| !o.tags.is_empty());
        for o in &record.observations {
            for tag in &o.tags {
                if !tags.contains_key(tag) {
                    tags.insert(tag.clone(), Tally::default());
                }
            }
            if !o.skipped {
                shown += 1;
                if o.na || o.answer.is_some() {
                    answered += 1;
                }
            }
            if o.exceeded && !o.skipped {
                exceeded += 1;
            }
            let Some(pm) = scored(o) else { continue };
            add(&mut total, pm);
            if o.tags.iter().any(|t| t == PERSONAL_TOUCH) {
                add(&mut personal, pm);
            } else {
                add(&mut standards, pm);
            }
            for tag in &o.tags {
                if let Some(tally) = tags.get_mut(tag) {
                    add(tally, pm);
                }
            }
            if let Some(&n) = touchpoint_of.get(o.checklist.as_str()) {
                add(&mut touchpoints[n].1, pm);
            }
            if o.critical && pm.0 == 0.0 && pm.1 > 0.0 {
                critical_failures.push(format!("{}/{}", o.checklist, o.item));
                critical.push(CriticalRow {
                    visit: record.header.id.clone(),
                    site: record.header.site.trim().to_owned(),
                    started: started.clone(),
                    checklist: o.checklist.clone(),
                    item: o.item.clone(),
                    prompt: o.prompt.clone(),
                    note: o.note.clone(),
                });
            }
        }
        let mut figures = VisitFigures {
            id: record.header.id.clone(),
            site: record.header.site.clone(),
            auditor: record.header.auditor.clone(),
            status: record.header.status,
            review_status: (record.header.status == Status::Final).then_some(ReviewStatus::Final),
            corrected: Vec::new(),
            started,
            instant: record.header.started.timestamp(),
            month: record.header.started.strftime("%Y-%m").to_string(),
            date: record.header.started.strftime("%Y-%m-%d").to_string(),
            shown,
            answered,
            percent: exact(&total),
            standards: exact(&standards),
            personal_touch: exact(&personal),
            critical_failures,
            critical,
            exceeded,
            touchpoints: touchpoints
                .into_iter()
                .map(|((_, name), tally)| (name.to_owned(), exact(&tally)))
                .collect(),
            tags: tags
                .into_iter()
                .map(|(name, tally)| (name, exact(&tally)))
                .collect(),
            signed: "unsigned",
            flags: Vec::new(),
        };
        if !tagged && !record.score.tags.0.is_empty() {
            figures.untagged_from_stored(record);
        }
        figures
    }

    /// Answered ÷ shown × 100, not rounded; `None` when nothing was shown.
    pub fn coverage(&self) -> Option<f64> {
        (self.shown > 0).then(|| self.answered as f64 * 100.0 / self.shown as f64)
    }

    /// By-tag figures of a record whose observations carry no tags: the
    /// recorded `[score.tags]`, and standards as recorded when the record says
    /// (else unknown: its personal-touch items cannot be told apart).
    fn untagged_from_stored(&mut self, record: &RecordFile) {
        let stored = &record.score;
        self.tags = stored
            .tags
            .0
            .iter()
            .map(|(name, p)| (name.clone(), Some(*p)))
            .collect();
        self.tags.sort_by(|a, b| a.0.cmp(&b.0));
        self.personal_touch = stored.tags.get(PERSONAL_TOUCH).or(stored.personal_touch);
        self.standards = match stored.tags.get(PERSONAL_TOUCH) {
            Some(_) => stored.standards,
            None => self.percent,
        };
    }

    /// Whether the visit failed on a critical item.
    pub fn failed(&self) -> bool {
        !self.critical_failures.is_empty()
    }

    /// What the stored `[score]` says differently from the observations, if anything.
    pub fn disagreement(&self, record: &RecordFile) -> Option<String> {
        let stored = &record.score;
        let differs = match (stored.percent, self.percent) {
            // A stored score is rounded to one decimal, so within 0.05 of
            // the exact figure however it was rounded.
            (Some(a), Some(b)) => (a - b).abs() > 0.05 + 1e-9,
            (a, b) => a.is_some() != b.is_some(),
        };
        let mut stored_failures = stored.critical_failures.clone();
        let mut failures = self.critical_failures.clone();
        stored_failures.sort();
        failures.sort();
        if differs {
            Some(crate::tr!(
                "report-disagree-score",
                stored = crate::score::percent_text(stored.percent),
                figured = crate::score::percent_text(self.percent.map(round1))
            ))
        } else if stored_failures != failures {
            Some(crate::tr!(
                "report-disagree-failures",
                stored = stored_failures.join(", "),
                figured = failures.join(", ")
            ))
        } else {
            None
        }
    }
}

/// Where a site falls on the service map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quarter {
    /// Standards high, personal touch high.
    ServiceFriendship,
    /// Standards high, personal touch low: flawless but impersonal.
    ServiceService,
    /// Standards low, personal touch high.
    WarmButSloppy,
    /// Both low.
    Failing,
}

impl Quarter {
    /// The quarter of a site with these percentages, high meaning at least `line`.
    pub fn of(standards: f64, personal_touch: f64, line: f64) -> Quarter {
        match (standards >= line, personal_touch >= line) {
            (true, true) => Quarter::ServiceFriendship,
            (true, false) => Quarter::ServiceService,
            (false, true) => Quarter::WarmButSloppy,
            (false, false) => Quarter::Failing,
        }
    }

    /// The quarter's name in the document's language, as the service map
    /// shows it ("service–service", «сервис–сервис»).
    pub fn name(self) -> String {
        match self {
            Quarter::ServiceFriendship => crate::tr!("quarter-service-friendship"),
            Quarter::ServiceService => crate::tr!("quarter-service-service"),
            Quarter::WarmButSloppy => crate::tr!("quarter-warm-but-sloppy"),
            Quarter::Failing => crate::tr!("quarter-failing"),
        }
    }
}

/// One site's row.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteRow {
    /// The site, as first written (trimmed).
    pub site: String,
    /// Its visits counted (incomplete ones left out).
    pub visits: usize,
    /// Mean of its visits' percentages.
    pub score: Option<f64>,
    /// Mean of its visits' standards percentages.
    pub standards: Option<f64>,
    /// Mean of its visits' personal-touch percentages.
    pub personal_touch: Option<f64>,
    /// Its visits with at least one critical failure.
    pub critical_failures: usize,
    /// Answers that exceeded expectations, over its visits.
    pub exceeded: usize,
}

impl SiteRow {
    /// Where the site falls on the service map; `None` when either score is missing.
    pub fn quarter(&self, line: f64) -> Option<Quarter> {
        Some(Quarter::of(self.standards?, self.personal_touch?, line))
    }
}

/// One group's row: a touchpoint, a tag or a month.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupRow {
    /// The touchpoint, tag or `YYYY-MM`.
    pub name: String,
    /// Visits with a maximum in the group (a visit whose items of the group
    /// were all N/A, skipped or unanswered does not count).
    pub visits: usize,
    /// Mean of those visits' percentages for the group.
    pub score: Option<f64>,
}

/// One site's figure for one touchpoint or month, beside the chain's.
#[derive(Debug, Clone, PartialEq)]
pub struct CellRow {
    /// The site.
    pub site: String,
    /// The touchpoint, or the month `YYYY-MM`.
    pub name: String,
    /// The site's visits with a maximum in it.
    pub visits: usize,
    /// Mean of those visits' percentages.
    pub score: Option<f64>,
    /// The chain's mean for the same touchpoint or month (all sites taken).
    pub chain: Option<f64>,
}

/// One item's misses over the visits.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemRow {
    /// The checklist id (the original's, for a translation).
    pub checklist: String,
    /// The item id.
    pub item: String,
    /// The prompt of the latest visit that has the item.
    pub prompt: String,
    /// Scored answers (N/A, skipped and unanswered left out).
    pub answered: usize,
    /// Answers that scored zero.
    pub missed: usize,
    /// missed / answered × 100, one decimal.
    pub miss_rate: f64,
    /// The sites its misses came from, by name.
    pub sites: Vec<String>,
}

/// A note an auditor wrote on a miss.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteRow {
    /// The checklist id (the original's, for a translation).
    pub checklist: String,
    /// The item id.
    pub item: String,
    /// The site.
    pub site: String,
    /// `YYYY-MM-DD` the visit started.
    pub date: String,
    /// The visit id.
    pub visit: String,
    /// The note, as written.
    pub note: String,
    /// When the visit started, for "newest first".
    pub instant: jiff::Timestamp,
}

/// One visit's row in the list of visits.
#[derive(Debug, Clone, PartialEq)]
pub struct VisitRow {
    /// Its figures (percentages exact).
    pub figures: VisitFigures,
    /// Left out of every mean: a final visit under the coverage bar.
    pub incomplete: bool,
}

/// The review of many visits: every figure of SPEC.md's "Reports".
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Visits counted (incomplete ones left out).
    pub visits: usize,
    /// Mean of the visits' percentages.
    pub score: Option<f64>,
    /// Visits with at least one critical failure.
    pub critical_failures: usize,
    /// Mean of the visits' standards percentages.
    pub standards: Option<f64>,
    /// Mean of the visits' personal-touch percentages.
    pub personal_touch: Option<f64>,
    /// Answers that exceeded expectations, over all visits.
    pub exceeded: usize,
    /// Every critical failure by name, newest first (incomplete visits'
    /// too: a failure observed is a fact).
    pub critical: Vec<CriticalRow>,
    /// Every visit taken, newest first, incomplete ones marked.
    pub visit_list: Vec<VisitRow>,
    /// Final visits left out of the means for coverage under the bar.
    pub incomplete: usize,
    /// The coverage bar, in percent.
    pub min_coverage: f64,
    /// Fewest scored answers for an item to be listed among the most missed.
    pub min_answers: usize,
    /// Per site, by name.
    pub by_site: Vec<SiteRow>,
    /// Per site and touchpoint (journey order), beside the chain's mean.
    pub by_site_touchpoint: Vec<CellRow>,
    /// Per site and month, beside the chain's mean.
    pub by_site_month: Vec<CellRow>,
    /// Per touchpoint, in journey order.
    pub by_touchpoint: Vec<GroupRow>,
    /// Per tag, by name.
    pub by_tag: Vec<GroupRow>,
    /// Per month of `started`, oldest first.
    pub by_month: Vec<GroupRow>,
    /// Per item with at least `min_answers` scored answers: most missed first.
    pub items: Vec<ItemRow>,
    /// Items with a scored answer but fewer than `min_answers`.
    pub items_few: usize,
    /// Every note on a miss of a listed item, item by item in that order,
    /// newest first. Table, md and html quote [`NOTES_PER_ITEM`] per item.
    pub notes: Vec<NoteRow>,
    /// The service map's line between high and low, in percent.
    pub line: f64,
    /// Which visits were asked for: named in the title.
    pub filter: Filter,
}

impl Report {
    /// The review's title, naming the sites, dates and drafts it was
    /// filtered to ("Service review — Hotel Metropol, from 1 Nov 2026,
    /// drafts included"); the plain title when it takes everything final.
    pub fn title(&self) -> String {
        let mut scope: Vec<String> = Vec::new();
        if !self.filter.sites.is_empty() {
            // The sites as the records name them, else as asked.
            let names: Vec<String> = self
                .filter
                .sites
                .iter()
                .map(|asked| {
                    let key = site_key(asked);
                    self.by_site
                        .iter()
                        .find(|s| site_key(&s.site) == key)
                        .map(|s| s.site.clone())
                        .unwrap_or_else(|| asked.trim().to_owned())
                })
                .collect();
            scope.push(names.join(", "));
        }
        if let Some(d) = self.filter.since {
            scope.push(crate::tr!(
                "report-scope-since",
                date = crate::i18n::date(d)
            ));
        }
        if let Some(d) = self.filter.until {
            scope.push(crate::tr!(
                "report-scope-until",
                date = crate::i18n::date(d)
            ));
        }
        if self.filter.include_drafts {
            scope.push(crate::tr!("report-scope-drafts"));
        }
        let title = crate::tr!("report-title");
        if scope.is_empty() {
            title
        } else {
            format!("{title} — {}", scope.join(", "))
        }
    }
}

/// Notes quoted per item in table, md and html (JSON keeps them all).
pub const NOTES_PER_ITEM: usize = 3;

/// The bar under which a final visit's coverage makes it incomplete.
pub const DEFAULT_MIN_COVERAGE: f64 = 50.0;

/// Scored answers an item needs to be listed among the most missed.
pub const DEFAULT_MIN_ANSWERS: usize = 3;

/// Mean of the exact percentages that exist, rounded once to one decimal
/// (half away from zero); `None` when none does.
fn mean(values: impl IntoIterator<Item = Option<f64>>) -> Option<f64> {
    let (sum, n) = values
        .into_iter()
        .flatten()
        .fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| round1(sum / n as f64))
}

/// The mean and how many values it is of.
fn counted_mean(values: &[Option<f64>]) -> (usize, Option<f64>) {
    (
        values.iter().flatten().count(),
        mean(values.iter().copied()),
    )
}

#[derive(Debug, Default)]
struct ItemTally {
    answered: usize,
    missed: usize,
    prompt: String,
    latest: Option<jiff::Timestamp>,
    /// Site keys of the misses, each with the name first written.
    sites: BTreeMap<String, String>,
}

/// Builds a [`Report`] one record at a time, keeping only what the figures
/// need (not the records), so ten thousand visits fit in little memory.
#[derive(Debug)]
pub struct Builder {
    line: f64,
    min_coverage: f64,
    min_answers: usize,
    visits: Vec<VisitFigures>,
    /// Per checklist, per item: looked up by reference, so that ten
    /// thousand visits do not copy every id of every observation.
    items: HashMap<String, HashMap<String, ItemTally>>,
    misses: Vec<NoteRow>,
    filter: Filter,
    /// What the comparing flags need of each visit taken, beside `visits`.
    compared: Vec<crate::check::Compared>,
}

/// The id a checklist is counted under: the original's when the record says
/// it translates one, else a bundled checklist's `translation_of`, else its own.
fn original_id(record: &RecordFile, checklist: &str) -> String {
    record
        .checklists
        .iter()
        .find(|c| c.id == checklist)
        .and_then(|c| c.translation_of.clone())
        .or_else(|| bundled_translation_of(checklist).map(str::to_owned))
        .unwrap_or_else(|| checklist.to_owned())
}

/// The `translation_of` of a bundled checklist, for records written before
/// records carried it. The bundled files are read once.
fn bundled_translation_of(id: &str) -> Option<&'static str> {
    static MAP: std::sync::OnceLock<HashMap<String, String>> = std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        crate::checklist::bundled_ids()
            .filter_map(|id| crate::checklist::bundled_by_id(id)?.ok())
            .filter_map(|l| {
                let meta = &l.checklist.checklist;
                Some((meta.id.clone(), meta.translation_of.clone()?))
            })
            .collect()
    })
    .get(id)
    .map(String::as_str)
}

impl Builder {
    /// A report whose service map divides high from low at `line` percent,
    /// with the default coverage bar and minimum answers.
    pub fn new(line: f64) -> Builder {
        Builder {
            line,
            min_coverage: DEFAULT_MIN_COVERAGE,
            min_answers: DEFAULT_MIN_ANSWERS,
            visits: Vec::new(),
            items: HashMap::new(),
            misses: Vec::new(),
            filter: Filter::default(),
            compared: Vec::new(),
        }
    }

    /// The filter the visits were taken by, named in the report's title.
    pub fn filter(mut self, filter: Filter) -> Builder {
        self.filter = filter;
        self
    }

    /// Final visits with less than `percent` of their shown items answered
    /// are listed as incomplete and left out of every mean.
    pub fn min_coverage(mut self, percent: f64) -> Builder {
        self.min_coverage = percent;
        self
    }

    /// Items with fewer scored answers than `count` are not listed among
    /// the most missed.
    pub fn min_answers(mut self, count: usize) -> Builder {
        self.min_answers = count;
        self
    }

    /// Whether a visit is left out of the means for its coverage.
    fn incomplete(&self, v: &VisitFigures) -> bool {
        v.status == Status::Final && v.coverage().is_some_and(|c| c < self.min_coverage)
    }

    /// Takes one visit; returns its figures (for a warning on disagreement).
    pub fn add(&mut self, record: &RecordFile) -> &VisitFigures {
        let mut figures = VisitFigures::of(record);
        figures.flags = crate::check::own_flags(&crate::check::Input::record(record));
        self.add_figured(record, figures)
    }

    /// Takes one visit whose figures were computed already (on another
    /// thread: [`VisitFigures::of`] is the costly part and needs no builder).
    pub fn add_figured(&mut self, record: &RecordFile, figures: VisitFigures) -> &VisitFigures {
        let started = figures.instant;
        if !self.incomplete(&figures) {
            let site = figures.site.trim().to_owned();
            let key = site_key(&site);
            let mut originals: HashMap<&str, String> = HashMap::new();
            for o in &record.observations {
                let Some((points, max)) = scored(o) else {
                    continue;
                };
                let checklist_id = originals
                    .entry(o.checklist.as_str())
                    .or_insert_with(|| original_id(record, &o.checklist));
                if !self.items.contains_key(checklist_id.as_str()) {
                    self.items.insert(checklist_id.clone(), HashMap::new());
                }
                let Some(checklist) = self.items.get_mut(checklist_id.as_str()) else {
                    continue;
                };
                if !checklist.contains_key(&o.item) {
                    checklist.insert(o.item.clone(), ItemTally::default());
                }
                let Some(tally) = checklist.get_mut(&o.item) else {
                    continue;
                };
                tally.answered += 1;
                let miss = points == 0.0 && max > 0.0;
                if miss {
                    tally.missed += 1;
                    if !tally.sites.contains_key(&key) {
                        tally.sites.insert(key.clone(), site.clone());
                    }
                }
                // The original's own prompt wins over a translation's.
                let own = *checklist_id == o.checklist;
                if tally.latest.is_none_or(|t| t <= started) && (own || tally.prompt.is_empty()) {
                    tally.latest = Some(started);
                    tally.prompt.clone_from(&o.prompt);
                }
                if miss && !o.note.trim().is_empty() {
                    self.misses.push(NoteRow {
                        checklist: checklist_id.clone(),
                        item: o.item.clone(),
                        site: site.clone(),
                        date: figures.date.clone(),
                        visit: figures.id.clone(),
                        note: o.note.clone(),
                        instant: started,
                    });
                }
            }
        }
        self.compared.push(crate::check::Compared::of(record));
        self.visits.push(figures);
        let last = self.visits.len() - 1;
        &self.visits[last]
    }

    /// The figures of every visit taken.
    pub fn visits(&self) -> &[VisitFigures] {
        &self.visits
    }

    /// The review of the visits taken. Over no visits every score is `None`.
    pub fn finish(mut self) -> Report {
        for (n, flag) in crate::check::compared_flags(&self.compared) {
            self.visits[n].flags.push(flag);
        }
        let incomplete: Vec<bool> = self.visits.iter().map(|v| self.incomplete(v)).collect();
        let visits: Vec<&VisitFigures> = self
            .visits
            .iter()
            .zip(&incomplete)
            .filter(|(_, out)| !**out)
            .map(|(v, _)| v)
            .collect();
        let mut sites: Vec<(String, Vec<&VisitFigures>)> = Vec::new();
        let mut site_index: HashMap<String, usize> = HashMap::new();
        for v in &visits {
            // One site however its name is capitalised, spaced or composed.
            let key = site_key(&v.site);
            let n = *site_index.entry(key).or_insert_with(|| {
                sites.push((v.site.trim().to_owned(), Vec::new()));
                sites.len() - 1
            });
            sites[n].1.push(v);
        }
        sites.sort_by_key(|(name, _)| name.to_lowercase());
        let by_site = sites
            .iter()
            .map(|(site, vs)| SiteRow {
                site: site.clone(),
                visits: vs.len(),
                score: mean(vs.iter().map(|v| v.percent)),
                standards: mean(vs.iter().map(|v| v.standards)),
                personal_touch: mean(vs.iter().map(|v| v.personal_touch)),
                critical_failures: vs.iter().filter(|v| v.failed()).count(),
                exceeded: vs.iter().map(|v| v.exceeded).sum(),
            })
            .collect();

        type Groups<K> = BTreeMap<K, Vec<Option<f64>>>;
        let gather = |vs: &[&VisitFigures]| {
            let mut touchpoints: Groups<(usize, String)> = BTreeMap::new();
            let mut tags: Groups<String> = BTreeMap::new();
            let mut months: Groups<String> = BTreeMap::new();
            for v in vs {
                for (name, p) in &v.touchpoints {
                    let key = (journey_rank(name).0, name.clone());
                    touchpoints.entry(key).or_default().push(*p);
                }
                for (name, p) in &v.tags {
                    tags.entry(name.clone()).or_default().push(*p);
                }
                months.entry(v.month.clone()).or_default().push(v.percent);
            }
            (touchpoints, tags, months)
        };
        let group = |name: String, ps: &[Option<f64>]| {
            let (visits, score) = counted_mean(ps);
            GroupRow {
                name,
                visits,
                score,
            }
        };
        let (touchpoints, tags, months) = gather(&visits);
        let by_touchpoint: Vec<GroupRow> = touchpoints
            .iter()
            .map(|((_, name), ps)| group(name.clone(), ps))
            .collect();
        let by_month: Vec<GroupRow> = months.iter().map(|(n, ps)| group(n.clone(), ps)).collect();
        let chain_of = |rows: &[GroupRow], name: &str| {
            rows.iter().find(|g| g.name == name).and_then(|g| g.score)
        };
        let mut by_site_touchpoint = Vec::new();
        let mut by_site_month = Vec::new();
        for (site, vs) in &sites {
            let (tps, _, ms) = gather(vs);
            for ((_, name), ps) in &tps {
                let (n, score) = counted_mean(ps);
                by_site_touchpoint.push(CellRow {
                    site: site.clone(),
                    name: name.clone(),
                    visits: n,
                    score,
                    chain: chain_of(&by_touchpoint, name),
                });
            }
            for (name, ps) in &ms {
                let (n, score) = counted_mean(ps);
                by_site_month.push(CellRow {
                    site: site.clone(),
                    name: name.clone(),
                    visits: n,
                    score,
                    chain: chain_of(&by_month, name),
                });
            }
        }

        let min_answers = self.min_answers;
        let mut items_few = 0;
        let mut items: Vec<ItemRow> = Vec::new();
        for (checklist, list) in self.items {
            for (item, t) in list {
                if t.answered < min_answers.max(1) {
                    items_few += 1;
                    continue;
                }
                items.push(ItemRow {
                    checklist: checklist.clone(),
                    item,
                    prompt: t.prompt,
                    answered: t.answered,
                    missed: t.missed,
                    miss_rate: round1(t.missed as f64 * 100.0 / t.answered as f64),
                    sites: t.sites.into_values().collect(),
                });
            }
        }
        items.sort_by(|a, b| {
            let rate = |r: &ItemRow| r.missed as f64 / r.answered as f64;
            rate(b)
                .total_cmp(&rate(a))
                .then(b.missed.cmp(&a.missed))
                .then_with(|| (&a.checklist, &a.item).cmp(&(&b.checklist, &b.item)))
        });
        let rank: HashMap<(&str, &str), usize> = items
            .iter()
            .enumerate()
            .filter(|(_, i)| i.missed > 0)
            .map(|(n, i)| ((i.checklist.as_str(), i.item.as_str()), n))
            .collect();
        let mut notes: Vec<(usize, NoteRow)> = self
            .misses
            .into_iter()
            .filter_map(|n| {
                let r = *rank.get(&(n.checklist.as_str(), n.item.as_str()))?;
                Some((r, n))
            })
            .collect();
        notes.sort_by(|(ra, a), (rb, b)| {
            ra.cmp(rb)
                .then_with(|| b.instant.cmp(&a.instant))
                .then_with(|| a.visit.cmp(&b.visit))
        });

        let mut critical: Vec<CriticalRow> = self
            .visits
            .iter()
            .flat_map(|v| v.critical.iter().cloned())
            .collect();
        let instant_of: HashMap<&str, jiff::Timestamp> = self
            .visits
            .iter()
            .map(|v| (v.id.as_str(), v.instant))
            .collect();
        critical.sort_by(|a, b| {
            instant_of
                .get(b.visit.as_str())
                .cmp(&instant_of.get(a.visit.as_str()))
                .then_with(|| a.visit.cmp(&b.visit))
        });
        let mut visit_list: Vec<VisitRow> = self
            .visits
            .iter()
            .zip(&incomplete)
            .map(|(v, out)| VisitRow {
                figures: v.clone(),
                incomplete: *out,
            })
            .collect();
        visit_list.sort_by(|a, b| {
            b.figures
                .instant
                .cmp(&a.figures.instant)
                .then_with(|| a.figures.id.cmp(&b.figures.id))
        });

        Report {
            visits: visits.len(),
            score: mean(visits.iter().map(|v| v.percent)),
            critical_failures: visits.iter().filter(|v| v.failed()).count(),
            standards: mean(visits.iter().map(|v| v.standards)),
            personal_touch: mean(visits.iter().map(|v| v.personal_touch)),
            exceeded: visits.iter().map(|v| v.exceeded).sum(),
            critical,
            incomplete: incomplete.iter().filter(|x| **x).count(),
            visit_list,
            min_coverage: self.min_coverage,
            min_answers,
            by_site,
            by_site_touchpoint,
            by_site_month,
            by_touchpoint,
            by_tag: tags.iter().map(|(n, ps)| group(n.clone(), ps)).collect(),
            by_month,
            items,
            items_few,
            notes: notes.into_iter().map(|(_, n)| n).collect(),
            line: self.line,
            filter: self.filter,
        }
    }
}

/// A month row's name as a reader reads it ("Nov 2026", «нояб. 2026»);
/// the `YYYY-MM` it is keyed by stays in JSON and CSV.
pub fn month_label(key: &str) -> String {
    match first_of_month(key) {
        Some(day) => crate::i18n::month_year(day.year(), day.month()),
        None => key.to_owned(),
    }
}

/// The first day of month `YYYY-MM`, or `None` for anything else.
fn first_of_month(month: &str) -> Option<Date> {
    (month.len() == 7)
        .then(|| format!("{month}-01").parse::<Date>().ok())
        .flatten()
}

/// A `YYYY-MM-DD` day as a reader reads it ("22 Nov 2026", «22 нояб. 2026»).
pub fn day_label(key: &str) -> String {
    match key.parse::<Date>() {
        Ok(day) => crate::i18n::date(day),
        Err(_) => key.to_owned(),
    }
}

#[cfg(test)]
mod tests;
