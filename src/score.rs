//! The scoring rules of SPEC.md, computed from a visit whenever asked: scores
//! are derived, never stored beside the answers.

use std::collections::BTreeMap;

use crate::checklist::journey_rank;
use crate::visit::{Answer, ItemRef, Visit};

/// Where a score counts as high (the service map's line, green bars), in percent.
pub const HIGH: f64 = 80.0;

/// The tag whose score is shown beside the standards score.
pub const PERSONAL_TOUCH: &str = "personal-touch";

/// Points earned out of the most that could be earned.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Tally {
    /// Points earned: option score × weight, summed.
    pub points: f64,
    /// Most points possible: highest option score × weight, summed.
    pub max: f64,
}

impl Tally {
    /// points / max × 100 to one decimal; `None` when there is no maximum.
    pub fn percent(&self) -> Option<f64> {
        (self.max > 0.0).then(|| round1(self.points / self.max * 100.0))
    }

    fn add(&mut self, points: f64, max: f64) {
        self.points += points;
        self.max += max;
    }
}

/// Rounds to one decimal, as scores are shown and recorded.
pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// `87.5%`, or `—` when there is no score.
pub fn percent_text(percent: Option<f64>) -> String {
    match percent {
        Some(p) => format!("{p:.1}%"),
        None => "—".to_owned(),
    }
}

/// What one item contributes: `None` when it counts in neither points nor maximum.
pub fn item_points(visit: &Visit, at: ItemRef) -> Option<(f64, f64)> {
    let (_, item) = visit.item(at)?;
    let response = visit.response(at)?;
    let best = response.max_score()?;
    let Some(Answer::Choice(id)) = &visit.entry(at)?.answer else {
        return None;
    };
    let score = response.options().iter().find(|o| &o.id == id)?.score?;
    Some((score * item.weight(), best * item.weight()))
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
}

/// Scores `visit` by SPEC.md: answered items score `option score × weight` out
/// of `highest score × weight`; N/A, hidden and unanswered items count in
/// neither; a critical item answered with a zero-score option fails the visit.
pub fn score(visit: &Visit) -> Score {
    let mut score = Score::default();
    let mut touchpoints: BTreeMap<(usize, String), Tally> = BTreeMap::new();
    for (c, loaded) in visit.checklists.iter().enumerate() {
        let checklist = &loaded.checklist;
        let visible = visit.visibility(c);
        let mut by_checklist = Tally::default();
        let mut by_section = vec![Tally::default(); checklist.section.len()];
        let mut n = 0;
        for (s, section) in checklist.section.iter().enumerate() {
            for item in &section.item {
                let at = ItemRef {
                    checklist: c,
                    item: n,
                };
                n += 1;
                if !visible[at.item] {
                    continue;
                }
                let answered = visit.entry(at).is_some_and(|e| e.answer.is_some());
                if answered {
                    score.answered += 1;
                } else {
                    score.unanswered += 1;
                }
                let Some((points, max)) = item_points(visit, at) else {
                    continue;
                };
                if item.is_critical() && points == 0.0 {
                    score
                        .critical_failures
                        .push(format!("{}/{}", checklist.checklist.id, item.id));
                }
                score.total.add(points, max);
                by_checklist.add(points, max);
                by_section[s].add(points, max);
                if !item.tags.iter().any(|t| t == PERSONAL_TOUCH) {
                    score.standards.add(points, max);
                }
                for tag in &item.tags {
                    score.tags.entry(tag.clone()).or_default().add(points, max);
                }
            }
        }
        let touchpoint = &checklist.checklist.touchpoint;
        let (rank, _) = journey_rank(touchpoint);
        let slot = touchpoints.entry((rank, touchpoint.clone())).or_default();
        slot.add(by_checklist.points, by_checklist.max);
        score.checklists.push(by_checklist);
        score.sections.push(by_section);
    }
    score.touchpoints = touchpoints
        .into_iter()
        .map(|((_, name), tally)| (name, tally))
        .collect();
    score
}

#[cfg(test)]
mod tests {
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
"#;

    fn now() -> ZonedDateTime {
        jiff::civil::date(2026, 11, 22)
            .at(14, 0, 0, 0)
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .unwrap()
    }

    fn answer(v: &mut Visit, item: usize, a: Answer) {
        v.set_answer(ItemRef { checklist: 0, item }, Some(a), &now())
            .unwrap();
    }

    fn visit() -> Visit {
        Visit::new("S", "a", vec![loaded(FILE)], &now(), "0000")
    }

    #[test]
    fn nothing_answered_has_no_score_not_zero() {
        let s = score(&visit());
        assert_eq!(s.total.percent(), None);
        assert_eq!(percent_text(s.total.percent()), "—");
        assert_eq!(s.unanswered, 5);
    }

    #[test]
    fn weights_and_highest_option_score_make_the_maximum() {
        let mut v = visit();
        answer(&mut v, 0, Answer::Choice("met".into())); // 1×2 of 2×2
        answer(&mut v, 1, Answer::Choice("ok".into())); // 1×0.5 of 4×0.5
        let s = score(&v);
        assert_eq!(
            s.total,
            Tally {
                points: 2.5,
                max: 6.0
            }
        );
        assert_eq!(s.total.percent(), Some(41.7));
        assert_eq!(s.tags[PERSONAL_TOUCH].percent(), Some(50.0));
        assert_eq!(s.standards.percent(), Some(25.0));
        assert_eq!(s.sections[0][0].max, 6.0);
        assert_eq!(s.sections[0][1].percent(), None);
        assert_eq!(s.touchpoints, vec![("check-in".to_owned(), s.total)]);
    }

    #[test]
    fn na_unscored_and_text_count_in_neither() {
        let mut v = visit();
        answer(&mut v, 0, Answer::Na);
        answer(&mut v, 2, Answer::Choice("yes".into()));
        answer(&mut v, 3, Answer::Choice("phone".into()));
        answer(&mut v, 4, Answer::Text("Fine".into()));
        let s = score(&v);
        assert_eq!(
            s.total,
            Tally {
                points: 1.0,
                max: 1.0
            }
        );
        assert_eq!(s.answered, 4);
        assert_eq!(s.unanswered, 1);
        assert_eq!(s.tags.get(PERSONAL_TOUCH), None);
    }

    #[test]
    fn a_critical_miss_fails_the_visit_whatever_the_percentage() {
        let mut v = visit();
        answer(&mut v, 0, Answer::Choice("exceeded".into()));
        answer(&mut v, 1, Answer::Choice("fast".into()));
        answer(&mut v, 2, Answer::Choice("no".into()));
        let s = score(&v);
        assert_eq!(s.total.percent(), Some(85.7));
        assert!(s.failed());
        assert_eq!(s.critical_failures, vec!["desk/secure".to_owned()]);
    }
}
