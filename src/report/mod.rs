//! Many records into one review (SPEC.md, "Reports"): how sites, touchpoints,
//! tags and months score, which sites are flawless but impersonal, which items
//! are missed most and what auditors wrote about them.
//!
//! Pure: records in, figures out. Figures come from each record's
//! observations, never from its stored `[score]` (a disagreement is a
//! warning). Every visit weighs the same: a group's score is the mean of its
//! visits' percentages for that group. The formats ([`text`], [`json`],
//! [`csv`], [`html`]) print through a writer; reading files is the caller's.

pub mod csv;
pub mod html;
pub mod json;
pub mod text;

use std::collections::{BTreeMap, HashMap};

use jiff::civil::Date;

use crate::checklist::journey_rank;
use crate::record::{Observation, RecordFile, Stamp};
use crate::score::{PERSONAL_TOUCH, Tally, round1};
use crate::visit::Status;

/// Where the service map divides high from low, in percent, unless the user
/// sets another.
pub const DEFAULT_LINE: f64 = crate::score::HIGH;

/// How many of the most-missed items have their notes quoted.
pub const NOTED_ITEMS: usize = 10;

/// Which visits a report takes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Take drafts too (left out by default: their answers may still change).
    pub include_drafts: bool,
    /// Only these sites (compared without regard to case); all when empty.
    pub sites: Vec<String>,
    /// Only visits started on or after this day (in the visit's own offset).
    pub since: Option<Date>,
    /// Only visits started on or before this day.
    pub until: Option<Date>,
}

/// Why a visit was left out by a [`Filter`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeftOut {
    /// A draft, and drafts were not asked for.
    Draft,
    /// Another site, or outside the dates.
    NotSelected,
}

impl Filter {
    /// Whether the report takes `record`, or why not.
    pub fn admits(&self, record: &RecordFile) -> Result<(), LeftOut> {
        let header = &record.header;
        if header.status == Status::Draft && !self.include_drafts {
            return Err(LeftOut::Draft);
        }
        let site = header.site.trim().to_lowercase();
        if !self.sites.is_empty() && !self.sites.iter().any(|s| s.trim().to_lowercase() == site) {
            return Err(LeftOut::NotSelected);
        }
        let day = header.started.date();
        if self.since.is_some_and(|d| day < d) || self.until.is_some_and(|d| day > d) {
            return Err(LeftOut::NotSelected);
        }
        Ok(())
    }
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
        let month = first_of_month(s).ok_or_else(|| {
            crate::tr!(
                "report-not-a-date",
                value = crate::checklist::diag::one_line(s)
            )
        })?;
        Ok(DateArg {
            first: month,
            last: month.last_of_month(),
        })
    }
}

/// What one visit contributes, computed from its observations.
#[derive(Debug, Clone, PartialEq)]
pub struct VisitFigures {
    /// The visit id.
    pub id: String,
    /// The site audited.
    pub site: String,
    /// `YYYY-MM` of `started`, in the visit's own offset.
    pub month: String,
    /// `YYYY-MM-DD` of `started`.
    pub date: String,
    /// The whole visit; `None` with no maximum.
    pub percent: Option<f64>,
    /// Scored items without the personal-touch tag.
    pub standards: Option<f64>,
    /// Scored items with the personal-touch tag.
    pub personal_touch: Option<f64>,
    /// `checklist/item` of each critical item answered with a zero score.
    pub critical_failures: Vec<String>,
    /// Answers whose option exceeded expectations.
    pub exceeded: usize,
    /// Every touchpoint of the visit, in journey order, with its percentage.
    pub touchpoints: Vec<(String, Option<f64>)>,
    /// Every tag of the visit, by name, with its percentage.
    pub tags: Vec<(String, Option<f64>)>,
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
        let mut exceeded = 0;
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
            }
        }
        let mut figures = VisitFigures {
            id: record.header.id.clone(),
            site: record.header.site.clone(),
            month: record.header.started.strftime("%Y-%m").to_string(),
            date: record.header.started.strftime("%Y-%m-%d").to_string(),
            percent: total.percent(),
            standards: standards.percent(),
            personal_touch: personal.percent(),
            critical_failures,
            exceeded,
            touchpoints: touchpoints
                .into_iter()
                .map(|((_, name), tally)| (name.to_owned(), tally.percent()))
                .collect(),
            tags: tags
                .into_iter()
                .map(|(name, tally)| (name, tally.percent()))
                .collect(),
        };
        if !tagged && !record.score.tags.0.is_empty() {
            figures.untagged_from_stored(record);
        }
        figures
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
            (Some(a), Some(b)) => (a - b).abs() > 0.05,
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
                figured = crate::score::percent_text(self.percent)
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
    /// The site, as first written.
    pub site: String,
    /// Its visits.
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
    /// Visits that have the group.
    pub visits: usize,
    /// Mean of those visits' percentages for the group (visits with no
    /// maximum in it left out).
    pub score: Option<f64>,
}

/// One item's misses over the visits.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemRow {
    /// The checklist id.
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
}

/// A note an auditor wrote on a miss.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteRow {
    /// The checklist id.
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
}

/// The review of many visits: every figure of SPEC.md's "Reports".
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Visits taken.
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
    /// Per site, by name.
    pub by_site: Vec<SiteRow>,
    /// Per touchpoint, in journey order.
    pub by_touchpoint: Vec<GroupRow>,
    /// Per tag, by name.
    pub by_tag: Vec<GroupRow>,
    /// Per month of `started`, oldest first.
    pub by_month: Vec<GroupRow>,
    /// Per item with a scored answer: most missed first.
    pub items: Vec<ItemRow>,
    /// Notes on the misses of the [`NOTED_ITEMS`] most-missed items, item by
    /// item in that order, oldest first.
    pub notes: Vec<NoteRow>,
    /// The service map's line between high and low, in percent.
    pub line: f64,
}

/// Mean of the percentages that exist, one decimal; `None` when none does.
fn mean(values: impl IntoIterator<Item = Option<f64>>) -> Option<f64> {
    let (sum, n) = values
        .into_iter()
        .flatten()
        .fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| round1(sum / n as f64))
}

#[derive(Debug, Default)]
struct ItemTally {
    answered: usize,
    missed: usize,
    prompt: String,
    latest: Option<jiff::Timestamp>,
}

/// Builds a [`Report`] one record at a time, keeping only what the figures
/// need (not the records), so ten thousand visits fit in little memory.
#[derive(Debug)]
pub struct Builder {
    line: f64,
    visits: Vec<VisitFigures>,
    /// Per checklist, per item: looked up by reference, so that ten
    /// thousand visits do not copy every id of every observation.
    items: HashMap<String, HashMap<String, ItemTally>>,
    misses: Vec<NoteRow>,
}

impl Builder {
    /// A report whose service map divides high from low at `line` percent.
    pub fn new(line: f64) -> Builder {
        Builder {
            line,
            visits: Vec::new(),
            items: HashMap::new(),
            misses: Vec::new(),
        }
    }

    /// Takes one visit; returns its figures (for a warning on disagreement).
    pub fn add(&mut self, record: &RecordFile) -> &VisitFigures {
        self.add_figured(record, VisitFigures::of(record))
    }

    /// Takes one visit whose figures were computed already (on another
    /// thread: [`VisitFigures::of`] is the costly part and needs no builder).
    pub fn add_figured(&mut self, record: &RecordFile, figures: VisitFigures) -> &VisitFigures {
        let started = record.header.started.timestamp();
        for o in &record.observations {
            let Some((points, max)) = scored(o) else {
                continue;
            };
            if !self.items.contains_key(&o.checklist) {
                self.items.insert(o.checklist.clone(), HashMap::new());
            }
            let Some(checklist) = self.items.get_mut(&o.checklist) else {
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
            }
            if tally.latest.is_none_or(|t| t <= started) {
                tally.latest = Some(started);
                tally.prompt.clone_from(&o.prompt);
            }
            if miss && !o.note.trim().is_empty() {
                self.misses.push(NoteRow {
                    checklist: o.checklist.clone(),
                    item: o.item.clone(),
                    site: figures.site.clone(),
                    date: figures.date.clone(),
                    visit: figures.id.clone(),
                    note: o.note.clone(),
                });
            }
        }
        self.visits.push(figures);
        let last = self.visits.len() - 1;
        &self.visits[last]
    }

    /// The figures of every visit taken.
    pub fn visits(&self) -> &[VisitFigures] {
        &self.visits
    }

    /// The review of the visits taken. Over no visits every score is `None`.
    pub fn finish(self) -> Report {
        let visits = &self.visits;
        let mut sites: Vec<(String, Vec<&VisitFigures>)> = Vec::new();
        let mut site_index: HashMap<String, usize> = HashMap::new();
        for v in visits {
            // One site however its name is capitalised or spaced.
            let key = v.site.trim().to_lowercase();
            let n = *site_index.entry(key).or_insert_with(|| {
                sites.push((v.site.trim().to_owned(), Vec::new()));
                sites.len() - 1
            });
            sites[n].1.push(v);
        }
        sites.sort_by_key(|(name, _)| name.to_lowercase());
        let by_site = sites
            .into_iter()
            .map(|(site, vs)| SiteRow {
                site,
                visits: vs.len(),
                score: mean(vs.iter().map(|v| v.percent)),
                standards: mean(vs.iter().map(|v| v.standards)),
                personal_touch: mean(vs.iter().map(|v| v.personal_touch)),
                critical_failures: vs.iter().filter(|v| v.failed()).count(),
                exceeded: vs.iter().map(|v| v.exceeded).sum(),
            })
            .collect();

        let mut touchpoints: BTreeMap<(usize, String), Vec<Option<f64>>> = BTreeMap::new();
        let mut tags: BTreeMap<String, Vec<Option<f64>>> = BTreeMap::new();
        let mut months: BTreeMap<String, Vec<Option<f64>>> = BTreeMap::new();
        for v in visits {
            for (name, p) in &v.touchpoints {
                let key = (journey_rank(name).0, name.clone());
                touchpoints.entry(key).or_default().push(*p);
            }
            for (name, p) in &v.tags {
                tags.entry(name.clone()).or_default().push(*p);
            }
            months.entry(v.month.clone()).or_default().push(v.percent);
        }
        let group = |name: String, ps: Vec<Option<f64>>| GroupRow {
            name,
            visits: ps.len(),
            score: mean(ps),
        };

        let mut items: Vec<ItemRow> = self
            .items
            .into_iter()
            .flat_map(|(checklist, items)| {
                items
                    .into_iter()
                    .map(move |(item, t)| (checklist.clone(), item, t))
            })
            .map(|(checklist, item, t)| ItemRow {
                checklist,
                item,
                prompt: t.prompt,
                answered: t.answered,
                missed: t.missed,
                miss_rate: round1(t.missed as f64 / t.answered as f64 * 100.0),
            })
            .collect();
        items.sort_by(|a, b| {
            let rate = |r: &ItemRow| r.missed as f64 / r.answered as f64;
            rate(b)
                .total_cmp(&rate(a))
                .then(b.missed.cmp(&a.missed))
                .then_with(|| (&a.checklist, &a.item).cmp(&(&b.checklist, &b.item)))
        });
        let noted: Vec<(&str, &str)> = items
            .iter()
            .filter(|i| i.missed > 0)
            .take(NOTED_ITEMS)
            .map(|i| (i.checklist.as_str(), i.item.as_str()))
            .collect();
        let mut notes: Vec<(usize, NoteRow)> = self
            .misses
            .into_iter()
            .filter_map(|n| {
                let rank = noted
                    .iter()
                    .position(|(c, i)| *c == n.checklist && *i == n.item)?;
                Some((rank, n))
            })
            .collect();
        notes.sort_by(|(ra, a), (rb, b)| {
            ra.cmp(rb)
                .then_with(|| (&a.date, &a.visit).cmp(&(&b.date, &b.visit)))
        });

        Report {
            visits: visits.len(),
            score: mean(visits.iter().map(|v| v.percent)),
            critical_failures: visits.iter().filter(|v| v.failed()).count(),
            standards: mean(visits.iter().map(|v| v.standards)),
            personal_touch: mean(visits.iter().map(|v| v.personal_touch)),
            exceeded: visits.iter().map(|v| v.exceeded).sum(),
            by_site,
            by_touchpoint: touchpoints
                .into_iter()
                .map(|((_, name), ps)| group(name, ps))
                .collect(),
            by_tag: tags.into_iter().map(|(n, ps)| group(n, ps)).collect(),
            by_month: months.into_iter().map(|(n, ps)| group(n, ps)).collect(),
            items,
            notes: notes.into_iter().map(|(_, n)| n).collect(),
            line: self.line,
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
