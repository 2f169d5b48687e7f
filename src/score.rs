//! The scoring rules of SPEC.md as a visit shows and records them.
//!
//! An item's rule ([`item_points`]) and the sums it feeds are kept by the
//! visit itself ([`crate::visit::tally`]), up to date on every change; a
//! [`Score`] is read from those sums in time that follows the number of
//! sections and tags, not items. [`recompute`] works the same out from
//! scratch, the slow way, to check the kept sums against.

use std::collections::BTreeMap;

use crate::checklist::{Response, Standard, journey_rank};
use crate::visit::tally::{self, Sum, Tallies};
use crate::visit::{Answer, ItemRef, Visit};

/// Where a score counts as high (the service map's line, green bars), in percent.
pub const HIGH: f64 = 80.0;

/// The tag whose score is shown beside the standards score.
pub use crate::visit::tally::PERSONAL_TOUCH;

/// Points earned out of the most that could be earned, and the answers that
/// exceeded expectations.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Tally {
    /// Points earned: option score × weight, summed.
    pub points: f64,
    /// Most points possible: highest option score × weight, summed.
    pub max: f64,
    /// Answers whose option has `exceeds = true` (▲), counted on their own.
    pub exceeded: usize,
}

impl Tally {
    /// points / max × 100 to one decimal; `None` when there is no maximum.
    pub fn percent(&self) -> Option<f64> {
        (self.max > 0.0).then(|| round1(self.points * 100.0 / self.max))
    }
}

impl From<&Sum> for Tally {
    fn from(sum: &Sum) -> Tally {
        Tally {
            points: sum.points(),
            max: sum.max(),
            exceeded: sum.exceeded,
        }
    }
}

/// Rounds to one decimal, as scores are shown and recorded: half away from
/// zero, as by hand. A figure a hair under an exact half only because binary
/// fractions cannot hold it (63.75 computed as 63.749999…) counts as the half.
pub fn round1(x: f64) -> f64 {
    let tenths = x * 10.0;
    let nudge = tenths.abs().max(1.0) * 1e-12;
    (tenths + nudge.copysign(tenths)).round() / 10.0
}

/// `87.5%`, or `—` when there is no score.
pub fn percent_text(percent: Option<f64>) -> String {
    match percent {
        Some(p) => format!("{p:.1}%"),
        None => "—".to_owned(),
    }
}

/// What one item contributes: `None` when it counts in neither points nor
/// maximum. An option scores its score; a number standard 1 within, 0 outside.
pub fn item_points(visit: &Visit, at: ItemRef) -> Option<(f64, f64)> {
    let (_, item) = visit.item(at)?;
    tally::earned(item, visit.response(at)?, visit.entry(at)?.answer.as_ref())
}

/// Whether the item's answer is an option with `exceeds = true`.
pub fn item_exceeded(visit: &Visit, at: ItemRef) -> bool {
    let (Some(entry), Some(response)) = (visit.entry(at), visit.response(at)) else {
        return false;
    };
    tally::exceeds(response, entry.answer.as_ref())
}

/// The score of a whole visit and its parts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Score {
    /// The visit as a whole.
    pub total: Tally,
    /// Items without the personal-touch tag: the standards.
    pub standards: Tally,
    /// Per checklist, in the visit's order.
    pub checklists: Vec<Tally>,
    /// Per section: `sections[c][s]`.
    pub sections: Vec<Vec<Tally>>,
    /// Per touchpoint, in journey order.
    pub touchpoints: Vec<(String, Tally)>,
    /// Per tag, by name.
    pub tags: BTreeMap<String, Tally>,
    /// Shown items with an answer (N/A included).
    pub answered: usize,
    /// Shown items without an answer.
    pub unanswered: usize,
    /// `checklist/item` of each critical item answered with a zero-score option.
    pub critical_failures: Vec<String>,
}

impl Score {
    /// Whether the visit fails whatever its percentage.
    pub fn failed(&self) -> bool {
        !self.critical_failures.is_empty()
    }

    /// The personal-touch tally, if any item carries the tag.
    pub fn personal_touch(&self) -> Tally {
        self.tags.get(PERSONAL_TOUCH).copied().unwrap_or_default()
    }

    /// Answers of the whole visit that exceeded expectations.
    pub fn exceeded(&self) -> usize {
        self.total.exceeded
    }
}

/// Scores `visit` by SPEC.md: answered items score `option score × weight` out
/// of `highest score × weight`; N/A, hidden and unanswered items count in
/// neither; a critical item answered with a zero-score option fails the visit.
///
/// Read from the sums the visit keeps, so it costs the number of sections,
/// tags and critical failures, whatever the number of items.
pub fn score(visit: &Visit) -> Score {
    from_tallies(visit, visit.tallies())
}

/// What the visit screen's header shows of [`score`]: the visit's,
/// standards' and personal touch's tallies, the counts and the critical
/// failures, without the per-checklist and per-section tallies (left empty),
/// so that a frame costs the same at 20 items as at 10,000.
pub fn headline(visit: &Visit) -> Score {
    let tallies = visit.tallies();
    Score {
        total: Tally::from(&tallies.total),
        standards: Tally::from(&tallies.standards),
        tags: tallies
            .tags
            .get_key_value(PERSONAL_TOUCH)
            .map(|(tag, sum)| (tag.clone(), Tally::from(sum)))
            .into_iter()
            .collect(),
        answered: tallies.answered.iter().sum(),
        unanswered: tallies.unanswered.len(),
        critical_failures: critical_failures(visit, tallies),
        ..Score::default()
    }
}

/// [`score`] worked out from scratch: every item visited, visibility found by
/// searching for each `show_if` target. What the kept sums are checked against.
pub fn recompute(visit: &Visit) -> Score {
    let mut tallies = Tallies::empty(&visit.checklists);
    for (c, loaded) in visit.checklists.iter().enumerate() {
        let visible = visit.recompute_visibility(c);
        let mut n = 0;
        for (s, section) in loaded.checklist.section.iter().enumerate() {
            for item in &section.item {
                let at = ItemRef {
                    checklist: c,
                    item: n,
                };
                n += 1;
                let (Some(entry), Some(response)) = (visit.entry(at), visit.response(at)) else {
                    continue;
                };
                let part = tally::Part::of(item, response, entry, visible[at.item]);
                tallies.count(at, s, item, &part, true);
            }
        }
    }
    from_tallies(visit, &tallies)
}

/// A [`Score`] from the sums of `visit`.
fn from_tallies(visit: &Visit, tallies: &Tallies) -> Score {
    let mut touchpoints: BTreeMap<(usize, &str), Sum> = BTreeMap::new();
    for (c, loaded) in visit.checklists.iter().enumerate() {
        let touchpoint = loaded.checklist.checklist.touchpoint.as_str();
        let (rank, _) = journey_rank(touchpoint);
        let slot = touchpoints.entry((rank, touchpoint)).or_default();
        *slot = slot.plus(&tallies.checklists[c]);
    }
    Score {
        total: Tally::from(&tallies.total),
        standards: Tally::from(&tallies.standards),
        checklists: tallies.checklists.iter().map(Tally::from).collect(),
        sections: tallies
            .sections
            .iter()
            .map(|s| s.iter().map(Tally::from).collect())
            .collect(),
        touchpoints: touchpoints
            .into_iter()
            .map(|((_, name), sum)| (name.to_owned(), Tally::from(&sum)))
            .collect(),
        tags: tallies
            .tags
            .iter()
            .map(|(tag, sum)| (tag.clone(), Tally::from(sum)))
            .collect(),
        answered: tallies.answered.iter().sum(),
        unanswered: tallies.unanswered.len(),
        critical_failures: critical_failures(visit, tallies),
    }
}

/// `checklist/item` of each critical failure, in journey order.
fn critical_failures(visit: &Visit, tallies: &Tallies) -> Vec<String> {
    tallies
        .critical
        .iter()
        .filter_map(|at| {
            let (checklist, item) = visit.ids(*at)?;
            Some(format!("{checklist}/{item}"))
        })
        .collect()
}

/// How scores work, in words an auditor understands: an opening sentence,
/// then one point per rule. The help page, the Markdown export and
/// docs/scoring.md all say this.
pub const EXPLANATION: [&str; 7] = [
    "Each scored item earns its answer's points × the item's weight, out of the best answer's points × weight. A score is points ÷ maximum × 100, for the visit and for each touchpoint, section and tag.",
    "Standard met earns full points: a visit that meets every standard scores 100%.",
    "Exceeded expectations earns the same points as met and is counted on its own beside the score (▲ 4 exceeded): the moments a guest remembers.",
    "Yes earns 1 and No 0. A number with a standard (≤ 5 min) earns 1 inside it, bounds included, and 0 outside.",
    "N/A, hidden and unanswered items count in neither points nor maximum; with nothing scored yet the score is \"—\", never 0.",
    "Standards are the items without the personal-touch tag, personal touch the items with it; both are shown beside the overall score.",
    "A critical item (!) answered with zero points fails the whole visit, whatever its percentage.",
];

/// `7 min ✗ ≤ 5`: a number answer against its standard (✓ within, ✗ outside);
/// without a standard, the value and unit alone.
pub fn against_standard(value: f64, unit: Option<&str>, standard: &Standard) -> String {
    let unit = unit.map(|u| format!(" {u}")).unwrap_or_default();
    if standard.is_set() {
        let verdict = if standard.holds(value) { "✓" } else { "✗" };
        format!("{value}{unit} {verdict} {}", standard.text())
    } else {
        format!("{value}{unit}")
    }
}

/// The most an item can earn: its best answer's points × its weight
/// (rounded as scores are shown), and the weight.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Most {
    /// Best answer's points × weight, to one decimal.
    pub points: f64,
    /// The item's weight.
    pub weight: f64,
}

/// What an answer is, as [`Earns::Answered`] names it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Said<'a> {
    /// The label of the option chosen.
    Option(&'a str),
    /// A number, its unit and the standard it is held to.
    Number {
        /// The value answered.
        value: f64,
        /// Its unit, if any.
        unit: Option<&'a str>,
        /// The standard it is held to.
        standard: Standard,
    },
}

/// Whether an answer is, or could be, counted as exceeding expectations (▲).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exceeding {
    /// Neither.
    No,
    /// The option chosen exceeds: counted as ▲.
    Counted,
    /// Full points in a set that has an exceeding option: choosing it would count.
    Could,
}

/// What an item earns as answered now: the facts the detail pane says in one
/// sentence ("Standard met — 2 of 2 points, weight 2; exceeding would count
/// as ▲").
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Earns<'a> {
    /// The item is not scored (no option has a score, or it is an integrity
    /// question): recorded for the review.
    Unscored,
    /// Scored but unanswered: it can earn up to this.
    UpTo(Most),
    /// Answered N/A: counts in neither points nor maximum.
    Na,
    /// Answered: `points` (to one decimal) of `most`.
    Answered {
        /// What was answered.
        said: Said<'a>,
        /// Points earned × weight, to one decimal.
        points: f64,
        /// The most it could earn.
        most: Most,
        /// Whether this answer exceeds, or exceeding was possible.
        exceeding: Exceeding,
        /// A critical item earning nothing: this fails the visit.
        fails_visit: bool,
    },
}

/// What the item at `at` earns as answered now. `None` for an item that
/// does not exist.
pub fn earns(visit: &Visit, at: ItemRef) -> Option<Earns<'_>> {
    let (_, item) = visit.item(at)?;
    let response = visit.response(at)?;
    let entry = visit.entry(at)?;
    let Some(best) = response.max_score().filter(|_| item.integrity.is_none()) else {
        return Some(Earns::Unscored);
    };
    let weight = item.weight();
    let max = best * weight;
    let most = Most {
        points: round1(max),
        weight,
    };
    let fails_visit = |points: f64| item.is_critical() && points == 0.0;
    let earns = match (&entry.answer, response) {
        (None, _) => Earns::UpTo(most),
        (Some(Answer::Na), _) => Earns::Na,
        (Some(Answer::Choice(id)), Response::Options(options)) => {
            let option = options.iter().find(|o| &o.id == id)?;
            let points = option.score.unwrap_or(0.0) * weight;
            let exceeding = if option.exceeds() {
                Exceeding::Counted
            } else if response.can_exceed() && points == max {
                Exceeding::Could
            } else {
                Exceeding::No
            };
            Earns::Answered {
                said: Said::Option(&option.label),
                points: round1(points),
                most,
                exceeding,
                fails_visit: fails_visit(points),
            }
        }
        (Some(Answer::Number(value)), Response::Number { unit, standard, .. }) => {
            let points = if standard.holds(*value) { max } else { 0.0 };
            Earns::Answered {
                said: Said::Number {
                    value: *value,
                    unit,
                    standard,
                },
                points: round1(points),
                most,
                exceeding: Exceeding::No,
                fails_visit: fails_visit(points),
            }
        }
        _ => return None,
    };
    Some(earns)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::visit::tests::loaded;
    use jiff::ZonedDateTime;

    const FILE: &str = r#"
[checklist]
id = "desk"
title = "Desk"
touchpoint = "check-in"

[responses.speed]
options = [
  { id = "slow", label = "Slow", score = 0 },
  { id = "ok", label = "OK", score = 1 },
  { id = "fast", label = "Fast", score = 4 },
]

[responses.channel]
options = [{ id = "phone", label = "Phone" }, { id = "mail", label = "Mail" }]

[responses.gesture]
options = [
  { id = "none", label = "Nothing", score = 0 },
  { id = "plain", label = "A standard amenity", score = 1 },
  { id = "special", label = "Something personal", score = 1, exceeds = true },
]

[[section]]
id = "a"
title = "A"

[[section.item]]
id = "name"
prompt = "Used my name"
response = "grade"
weight = 2
tags = ["personal-touch"]

[[section.item]]
id = "speed"
prompt = "Speed"
response = "speed"
weight = 0.5

[[section.item]]
id = "secure"
prompt = "Card handled securely"
critical = true

[[section]]
id = "b"
title = "B"

[[section.item]]
id = "channel"
prompt = "Channel"
response = "channel"

[[section.item]]
id = "comment"
prompt = "Comment"
response = "text"

[[section]]
id = "c"
title = "C"

[[section.item]]
id = "wait"
prompt = "Minutes to key in hand"
response = "number"
unit = "min"
at_most = 5
weight = 2
critical = true

[[section.item]]
id = "temp"
prompt = "Room temperature"
response = "number"
unit = "°C"
at_least = 20
at_most = 24

[[section.item]]
id = "gesture"
prompt = "Welcome gesture"
response = "gesture"
tags = ["surprise"]
"#;

    fn now() -> ZonedDateTime {
        jiff::civil::date(2026, 11, 22)
            .at(14, 0, 0, 0)
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .unwrap()
    }

    pub(crate) const NAME: usize = 0;
    const SPEED: usize = 1;
    pub(crate) const SECURE: usize = 2;
    const CHANNEL: usize = 3;
    pub(crate) const COMMENT: usize = 4;
    pub(crate) const WAIT: usize = 5;
    pub(crate) const TEMP: usize = 6;
    const GESTURE: usize = 7;

    pub(crate) fn answer(v: &mut Visit, item: usize, a: Answer) {
        v.set_answer(ItemRef { checklist: 0, item }, Some(a), &now())
            .unwrap();
    }

    pub(crate) fn choose(v: &mut Visit, item: usize, id: &str) {
        answer(v, item, Answer::Choice(id.into()));
    }

    pub(crate) fn visit() -> Visit {
        Visit::new("S", "a", vec![loaded(FILE)], &now(), "0000")
    }

    fn tally(points: f64, max: f64, exceeded: usize) -> Tally {
        Tally {
            points,
            max,
            exceeded,
        }
    }

    #[test]
    fn nothing_answered_has_no_score_not_zero() {
        let s = score(&visit());
        assert_eq!(s.total.percent(), None);
        assert_eq!(percent_text(s.total.percent()), "—");
        assert_eq!(s.unanswered, 8);
        assert_eq!(s.exceeded(), 0);
    }

    #[test]
    fn meeting_every_standard_is_100_percent_and_exceeding_is_counted_apart() {
        let mut v = visit();
        choose(&mut v, NAME, "exceeded"); // 1×2 of 1×2, ▲
        choose(&mut v, SPEED, "fast"); // 4×0.5 of 4×0.5
        choose(&mut v, SECURE, "yes"); // 1 of 1
        answer(&mut v, WAIT, Answer::Number(5.0)); // on the bound ≤ 5: 1×2 of 1×2
        answer(&mut v, TEMP, Answer::Number(20.0)); // on the lower bound: 1 of 1
        choose(&mut v, GESTURE, "special"); // 1 of 1, ▲
        let s = score(&v);
        assert_eq!(s.total, tally(9.0, 9.0, 2));
        assert_eq!(s.total.percent(), Some(100.0));
        // Standards leave out the personal-touch item, and its ▲ with it.
        assert_eq!(s.standards, tally(7.0, 7.0, 1));
        assert_eq!(s.personal_touch(), tally(2.0, 2.0, 1));
        assert_eq!(s.tags["surprise"], tally(1.0, 1.0, 1));
        assert_eq!(
            s.sections[0],
            vec![tally(5.0, 5.0, 1), tally(0.0, 0.0, 0), tally(4.0, 4.0, 1)]
        );
        assert_eq!(s.touchpoints, vec![("check-in".to_owned(), s.total)]);
        assert!(!s.failed());
    }

    #[test]
    fn grade_met_earns_what_exceeded_earns() {
        let mut met = visit();
        choose(&mut met, NAME, "met");
        let mut exceeded = visit();
        choose(&mut exceeded, NAME, "exceeded");
        assert_eq!(score(&met).total, tally(2.0, 2.0, 0));
        assert_eq!(score(&exceeded).total, tally(2.0, 2.0, 1));
    }

    #[test]
    fn a_mixed_visit_worked_out_by_hand() {
        let mut v = visit();
        choose(&mut v, NAME, "met"); // 2 of 2
        choose(&mut v, SPEED, "ok"); // 0.5 of 2
        answer(&mut v, SECURE, Answer::Na); // neither
        choose(&mut v, CHANNEL, "phone"); // unscored
        answer(&mut v, COMMENT, Answer::Text("Fine".into())); // unscored
        answer(&mut v, WAIT, Answer::Number(7.0)); // outside ≤ 5: 0 of 2, critical
        answer(&mut v, TEMP, Answer::Number(24.5)); // above 20–24: 0 of 1
        choose(&mut v, GESTURE, "plain"); // 1 of 1
        let s = score(&v);
        assert_eq!(s.total, tally(3.5, 8.0, 0));
        // 3.5 / 8 = 43.75 %, shown to one decimal.
        assert_eq!(s.total.percent(), Some(43.8));
        assert_eq!(s.standards, tally(1.5, 6.0, 0));
        assert_eq!(s.standards.percent(), Some(25.0));
        assert_eq!(s.personal_touch().percent(), Some(100.0));
        assert_eq!(s.sections[0][0], tally(2.5, 4.0, 0));
        assert_eq!(s.sections[0][1].percent(), None);
        assert_eq!(s.sections[0][2], tally(1.0, 4.0, 0));
        assert_eq!(s.answered, 8);
        assert_eq!(s.unanswered, 0);
        // A critical number outside its standard fails the visit.
        assert_eq!(s.critical_failures, vec!["desk/wait".to_owned()]);
        assert!(s.failed());
    }

    #[test]
    fn na_unscored_and_text_count_in_neither() {
        let mut v = visit();
        answer(&mut v, NAME, Answer::Na);
        choose(&mut v, SECURE, "yes");
        choose(&mut v, CHANNEL, "phone");
        answer(&mut v, COMMENT, Answer::Text("Fine".into()));
        answer(&mut v, WAIT, Answer::Na);
        let s = score(&v);
        assert_eq!(s.total, tally(1.0, 1.0, 0));
        assert_eq!(s.answered, 5);
        assert_eq!(s.unanswered, 3);
        assert_eq!(s.tags.get(PERSONAL_TOUCH), None);
        assert!(!s.failed());
    }

    #[test]
    fn a_critical_miss_fails_the_visit_whatever_the_percentage() {
        let mut v = visit();
        choose(&mut v, NAME, "exceeded");
        choose(&mut v, SPEED, "fast");
        choose(&mut v, SECURE, "no");
        let s = score(&v);
        // 4 of 5.
        assert_eq!(s.total.percent(), Some(80.0));
        assert!(s.failed());
        assert_eq!(s.critical_failures, vec!["desk/secure".to_owned()]);
    }

    /// What an answer earns, as facts: the detail pane says them in words
    /// (`tui::words::earns_text`).
    #[test]
    fn what_an_answer_earns() {
        let mut v = visit();
        let at = |item| ItemRef { checklist: 0, item };
        let two = Most {
            points: 2.0,
            weight: 2.0,
        };
        assert_eq!(earns(&v, at(NAME)), Some(Earns::UpTo(two)));
        choose(&mut v, NAME, "met");
        assert!(matches!(
            earns(&v, at(NAME)),
            Some(Earns::Answered {
                said: Said::Option("Standard met"),
                points: 2.0,
                most,
                exceeding: Exceeding::Could,
                fails_visit: false,
            }) if most == two
        ));
        choose(&mut v, NAME, "exceeded");
        assert!(matches!(
            earns(&v, at(NAME)),
            Some(Earns::Answered {
                exceeding: Exceeding::Counted,
                ..
            })
        ));
        answer(&mut v, WAIT, Answer::Number(7.0));
        assert!(matches!(
            earns(&v, at(WAIT)),
            Some(Earns::Answered {
                said: Said::Number {
                    value: 7.0,
                    unit: Some("min"),
                    ..
                },
                points: 0.0,
                exceeding: Exceeding::No,
                fails_visit: true,
                ..
            })
        ));
        answer(&mut v, SECURE, Answer::Na);
        assert_eq!(earns(&v, at(SECURE)), Some(Earns::Na));
        assert_eq!(earns(&v, at(COMMENT)), Some(Earns::Unscored));
        assert_eq!(
            earns(
                &v,
                ItemRef {
                    checklist: 0,
                    item: 99
                }
            ),
            None
        );
    }

    /// The worked example of docs/scoring.md, on the bundled check-in.
    #[test]
    fn the_worked_example_of_the_scoring_doc() {
        let loaded = crate::checklist::bundled_by_id("hotel-check-in")
            .unwrap()
            .unwrap();
        let mut v = Visit::new("Hotel Metropol", "anna", vec![loaded], &now(), "0000");
        let set = |v: &mut Visit, item: &str, a: Answer| {
            let at = v.find("hotel-check-in", item).unwrap();
            v.set_answer(at, Some(a), &now()).unwrap();
        };
        let pick = |id: &str| Answer::Choice(id.into());
        set(&mut v, "booking-channel", pick("email"));
        set(&mut v, "reservation-confirmed", pick("yes"));
        set(&mut v, "door-welcome", Answer::Na);
        set(&mut v, "desk-greeting-wait", pick("30-60s"));
        set(&mut v, "guest-name-used", pick("exceeded"));
        set(&mut v, "interest-in-trip", pick("met"));
        set(&mut v, "identity-payment-discreet", pick("yes"));
        set(&mut v, "check-in-minutes", Answer::Number(7.1));
        let s = score(&v);
        assert_eq!(s.total, tally(11.0, 14.0, 1));
        assert_eq!(s.total.percent(), Some(78.6));
        assert_eq!(s.standards, tally(7.0, 10.0, 0));
        assert_eq!(s.personal_touch(), tally(4.0, 4.0, 1));
        // Sections: before arrival, arrival (N/A only), front desk.
        assert_eq!(s.sections[0][0].percent(), Some(100.0));
        assert_eq!(s.sections[0][1].percent(), None);
        assert_eq!(s.sections[0][2], tally(9.0, 12.0, 1));
        assert!(!s.failed());
        set(&mut v, "identity-payment-discreet", pick("no"));
        let s = score(&v);
        assert_eq!(s.total.percent(), Some(57.1));
        assert!(s.failed());
    }
}
