//! What a visit's answers add up to, kept up to date as they change: which
//! items are shown (`show_if`), and the sums its score is made of.
//!
//! [`Derived`] is the one owner of this state. The visit calls
//! [`Derived::changed`] from the one function that changes an entry, which
//! costs the item and the items its answer shows or hides, never the whole
//! visit. `score::recompute` and [`Derived::new`] compute the same from
//! scratch, and a property test holds the two to each other.
//!
//! Sums are kept exactly, in billionths of a point: adding and taking away
//! answers in any order then gives the same sums as adding them from scratch,
//! where floating point would drift in the last digits.

use std::collections::{BTreeMap, BTreeSet};

use super::index::Index;
use super::{Answer, Entry, ItemRef};
use crate::checklist::{Item, Loaded, Response};

/// Units in one point.
const UNITS: f64 = 1e9;

/// Most points one item counts for: a weight or score beyond all reason
/// (validation allows any finite number) cannot overflow the sums.
const MOST: f64 = 1e15;

/// Points as exact units.
fn units(points: f64) -> i128 {
    // NaN cannot come from a validated checklist; it counts as nothing.
    (points.clamp(0.0, MOST) * UNITS).round() as i128
}

/// Points and maximum summed exactly, and answers that exceeded expectations.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sum {
    /// Points earned, in units.
    points: i128,
    /// Most points possible, in units.
    max: i128,
    /// Answers whose option has `exceeds = true`.
    pub exceeded: usize,
    /// Items that count in this sum.
    pub items: usize,
}

impl Sum {
    /// Points earned.
    pub fn points(&self) -> f64 {
        self.points as f64 / UNITS
    }

    /// Most points possible.
    pub fn max(&self) -> f64 {
        self.max as f64 / UNITS
    }

    /// Counts `earned` in (`add`) or takes it back out.
    pub fn count(&mut self, earned: &Earned, add: bool) {
        if add {
            self.points += earned.points;
            self.max += earned.max;
            self.exceeded += usize::from(earned.exceeded);
            self.items += 1;
        } else {
            self.points -= earned.points;
            self.max -= earned.max;
            self.exceeded -= usize::from(earned.exceeded);
            self.items -= 1;
        }
    }

    /// This sum and `other` together.
    pub fn plus(&self, other: &Sum) -> Sum {
        Sum {
            points: self.points + other.points,
            max: self.max + other.max,
            exceeded: self.exceeded + other.exceeded,
            items: self.items + other.items,
        }
    }
}

/// What one shown, answered, scored item adds to the sums.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Earned {
    points: i128,
    max: i128,
    exceeded: bool,
}

impl Earned {
    /// `points` out of `max`, exceeding expectations or not.
    pub fn new(points: f64, max: f64, exceeded: bool) -> Earned {
        Earned {
            points: units(points),
            max: units(max),
            exceeded,
        }
    }
}

/// What an answer earns by SPEC.md's rule: an option its score, a number
/// standard 1 within and 0 outside, each × the item's weight, out of the
/// best answer × weight. `None` when it counts in neither points nor maximum
/// (unanswered, N/A, text, an unscored set, an `integrity` item: a check on
/// the auditor, never on the site).
pub fn earned(item: &Item, response: Response<'_>, answer: Option<&Answer>) -> Option<(f64, f64)> {
    if item.integrity.is_some() {
        return None;
    }
    let best = response.max_score()?;
    let score =
        match (answer?, response) {
            (Answer::Choice(id), _) => response.options().iter().find(|o| &o.id == id)?.score?,
            (Answer::Number(value), Response::Number { standard, .. }) => {
                if standard.holds(*value) { 1.0 } else { 0.0 }
            }
            _ => return None,
        };
    Some((score * item.weight(), best * item.weight()))
}

/// Whether `answer` is an option with `exceeds = true`.
pub fn exceeds(response: Response<'_>, answer: Option<&Answer>) -> bool {
    matches!(answer, Some(Answer::Choice(id))
        if response.options().iter().any(|o| &o.id == id && o.exceeds()))
}

/// The sums of a visit, in the shape of its checklists.
#[derive(Debug, Clone, PartialEq)]
pub struct Tallies {
    /// The whole visit.
    pub total: Sum,
    /// Items without the personal-touch tag.
    pub standards: Sum,
    /// Per checklist.
    pub checklists: Vec<Sum>,
    /// Per section: `sections[c][s]`.
    pub sections: Vec<Vec<Sum>>,
    /// Per tag; a tag is listed while an item with it counts.
    pub tags: BTreeMap<String, Sum>,
    /// Shown items with an answer (N/A included), per checklist.
    pub answered: Vec<usize>,
    /// Shown items, per checklist.
    pub shown: Vec<usize>,
    /// Shown items without an answer, in journey order.
    pub unanswered: BTreeSet<ItemRef>,
    /// Critical items answered with a zero score, in journey order.
    pub critical: BTreeSet<ItemRef>,
}

/// The tag whose items are personal touch rather than standards.
pub const PERSONAL_TOUCH: &str = "personal-touch";

impl Tallies {
    /// Empty sums for `checklists`.
    pub fn empty(checklists: &[Loaded]) -> Tallies {
        Tallies {
            total: Sum::default(),
            standards: Sum::default(),
            checklists: vec![Sum::default(); checklists.len()],
            sections: checklists
                .iter()
                .map(|l| vec![Sum::default(); l.checklist.section.len()])
                .collect(),
            tags: BTreeMap::new(),
            answered: vec![0; checklists.len()],
            shown: vec![0; checklists.len()],
            unanswered: BTreeSet::new(),
            critical: BTreeSet::new(),
        }
    }

    /// Counts what the item at `at` (of section `section`) adds, or takes it out.
    pub fn count(&mut self, at: ItemRef, section: usize, item: &Item, part: &Part, add: bool) {
        let c = at.checklist;
        if !part.shown {
            return;
        }
        let step = |n: &mut usize| {
            if add {
                *n += 1;
            } else {
                *n -= 1;
            }
        };
        step(&mut self.shown[c]);
        if part.answered {
            step(&mut self.answered[c]);
        } else if add {
            self.unanswered.insert(at);
        } else {
            self.unanswered.remove(&at);
        }
        if part.critical_failure {
            if add {
                self.critical.insert(at);
            } else {
                self.critical.remove(&at);
            }
        }
        let Some(earned) = &part.earned else {
            return;
        };
        self.total.count(earned, add);
        self.checklists[c].count(earned, add);
        if let Some(sum) = self.sections[c].get_mut(section) {
            sum.count(earned, add);
        }
        if !item.tags.iter().any(|t| t == PERSONAL_TOUCH) {
            self.standards.count(earned, add);
        }
        for tag in &item.tags {
            if !self.tags.contains_key(tag) {
                self.tags.insert(tag.clone(), Sum::default());
            }
            if let Some(sum) = self.tags.get_mut(tag) {
                sum.count(earned, add);
                // Listed while an item counts, as a sum from scratch would be.
                if sum.items == 0 {
                    self.tags.remove(tag);
                }
            }
        }
    }
}

/// What one item adds to the sums.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Part {
    /// Shown: counts at all.
    pub shown: bool,
    /// Shown and answered.
    pub answered: bool,
    /// Shown, answered and scored.
    pub earned: Option<Earned>,
    /// Shown, critical, and answered with zero points.
    pub critical_failure: bool,
}

impl Part {
    /// What `entry` of `item` adds while the item is shown or not.
    pub fn of(item: &Item, response: Response<'_>, entry: &Entry, shown: bool) -> Part {
        if !shown {
            return Part::default();
        }
        let answer = entry.answer.as_ref();
        let points = earned(item, response, answer);
        Part {
            shown,
            answered: answer.is_some(),
            earned: points.map(|(p, m)| Earned::new(p, m, exceeds(response, answer))),
            critical_failure: item.is_critical() && points.is_some_and(|(p, _)| p == 0.0),
        }
    }
}

/// Which items are shown and what every item adds, kept current.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Derived {
    /// `shown[c][n]`: whether item `n` of checklist `c` is shown.
    shown: Vec<Vec<bool>>,
    /// What each item adds now.
    parts: Vec<Vec<Part>>,
    /// The sums of the parts.
    pub tallies: Tallies,
}

/// What [`Derived`] reads: the visit's checklists, their indexes and entries.
pub(crate) struct Sources<'v> {
    pub checklists: &'v [Loaded],
    pub index: &'v [Index],
    pub entries: &'v [Vec<Entry>],
}

impl Sources<'_> {
    fn item(&self, at: ItemRef) -> Option<(usize, &Item, Response<'_>, &Entry)> {
        let checklist = &self.checklists.get(at.checklist)?.checklist;
        let index = self.index.get(at.checklist)?;
        let (_, item) = index.item(checklist, at.item)?;
        let section = index.section_of(at.item)?;
        let entry = self.entries.get(at.checklist)?.get(at.item)?;
        Some((section, item, checklist.response(item), entry))
    }

    /// Whether the item at `n` of checklist `c` shows, given which items before it show.
    fn shows(&self, c: usize, n: usize, shown: &[bool]) -> bool {
        let Some(condition) = self.index[c].condition(n) else {
            return true;
        };
        condition.target.is_some_and(|t| {
            shown.get(t).copied().unwrap_or(false)
                && matches!(&self.entries[c][t].answer,
                    Some(Answer::Choice(id)) if condition.is.contains(id))
        })
    }
}

impl Derived {
    /// Everything worked out from scratch, in one pass over the items.
    pub fn new(sources: &Sources<'_>) -> Derived {
        let mut derived = Derived {
            shown: Vec::new(),
            parts: Vec::new(),
            tallies: Tallies::empty(sources.checklists),
        };
        for (c, index) in sources.index.iter().enumerate() {
            let mut shown = Vec::with_capacity(index.len());
            let mut parts = Vec::with_capacity(index.len());
            for n in 0..index.len() {
                // Validation has every condition look back, so `shown` is known there.
                let visible = sources.shows(c, n, &shown);
                shown.push(visible);
                let at = ItemRef {
                    checklist: c,
                    item: n,
                };
                let part = match sources.item(at) {
                    Some((section, item, response, entry)) => {
                        let part = Part::of(item, response, entry, visible);
                        derived.tallies.count(at, section, item, &part, true);
                        part
                    }
                    None => Part::default(),
                };
                parts.push(part);
            }
            derived.shown.push(shown);
            derived.parts.push(parts);
        }
        derived
    }

    /// Which items of checklist `c` are shown.
    pub fn shown(&self, c: usize) -> &[bool] {
        self.shown.get(c).map_or(&[], Vec::as_slice)
    }

    /// Brings everything up to date after the entry at `at` changed: its own
    /// part, then the items its answer shows or hides, and theirs in turn.
    pub fn changed(&mut self, at: ItemRef, sources: &Sources<'_>) {
        self.recount(at, sources);
        let c = at.checklist;
        let mut pending: Vec<usize> = sources.index[c].dependents(at.item).to_vec();
        while let Some(n) = pending.pop() {
            let visible = sources.shows(c, n, &self.shown[c]);
            if visible == self.shown[c][n] {
                continue;
            }
            self.shown[c][n] = visible;
            self.recount(
                ItemRef {
                    checklist: c,
                    item: n,
                },
                sources,
            );
            pending.extend_from_slice(sources.index[c].dependents(n));
        }
    }

    /// Takes the old part of `at` out of the sums and counts its new one.
    fn recount(&mut self, at: ItemRef, sources: &Sources<'_>) {
        let Some((section, item, response, entry)) = sources.item(at) else {
            return;
        };
        let visible = self.shown[at.checklist][at.item];
        let part = Part::of(item, response, entry, visible);
        let old = std::mem::replace(&mut self.parts[at.checklist][at.item], part);
        self.tallies.count(at, section, item, &old, false);
        let new = &self.parts[at.checklist][at.item];
        self.tallies.count(at, section, item, new, true);
    }
}

#[cfg(test)]
mod tests {
    use jiff::ZonedDateTime;

    use super::*;
    use crate::score;
    use crate::visit::tests::loaded;
    use crate::visit::{Answer, Visit};

    /// Two touchpoints, one of them twice; `show_if` chains two deep and on
    /// lists; weights that binary fractions cannot hold (0.1, 0.3); weight 0;
    /// critical items; personal-touch and other tags; a number standard; text;
    /// an unscored set; N/A forbidden on one item.
    const DESK: &str = r#"
[checklist]
id = "desk"
title = "Desk"
touchpoint = "check-in"

[responses.channel]
options = [{ id = "phone", label = "Phone" }, { id = "mail", label = "Mail" }]

[responses.speed]
options = [
  { id = "slow", label = "Slow", score = 0 },
  { id = "ok", label = "OK", score = 1 },
  { id = "fast", label = "Fast", score = 3, exceeds = true },
]

[[section]]
id = "a"
title = "A"

[[section.item]]
id = "queue"
prompt = "Queue"
weight = 0.1

[[section.item]]
id = "managed"
prompt = "Managed"
response = "grade"
weight = 0.3
tags = ["personal-touch", "queue"]
show_if = { item = "queue", is = "yes" }

[[section.item]]
id = "sorry"
prompt = "Sorry"
critical = true
show_if = { item = "managed", is = ["missed", "met"] }

[[section.item]]
id = "speed"
prompt = "Speed"
response = "speed"
tags = ["queue"]
show_if = { item = "queue", is = ["yes", "no"] }

[[section]]
id = "b"
title = "B"

[[section.item]]
id = "wait"
prompt = "Wait"
response = "number"
unit = "min"
min = 0
max = 60
at_most = 5
critical = true

[[section.item]]
id = "how"
prompt = "How"
response = "channel"

[[section.item]]
id = "what"
prompt = "What"
response = "text"

[[section.item]]
id = "free"
prompt = "Free"
weight = 0
na = false
tags = ["personal-touch"]
"#;

    fn second(id: &str, touchpoint: &str) -> String {
        format!(
            "[checklist]\nid = \"{id}\"\ntitle = \"T\"\ntouchpoint = \"{touchpoint}\"\n\n\
             [[section]]\nid = \"s\"\ntitle = \"S\"\n\n\
             [[section.item]]\nid = \"x\"\nprompt = \"X\"\nresponse = \"grade\"\ncritical = true\n\n\
             [[section.item]]\nid = \"y\"\nprompt = \"Y\"\nweight = 2.5\ntags = [\"atmosphere\"]\nshow_if = {{ item = \"x\", is = \"exceeded\" }}\n"
        )
    }

    /// xorshift64*: the same edits on every run.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
        }
    }

    fn check(visit: &Visit, step: usize) {
        for c in 0..visit.checklists.len() {
            assert_eq!(
                visit.visibility(c),
                visit.recompute_visibility(c),
                "step {step}: visibility of checklist {c}"
            );
        }
        let full = score::score(visit);
        assert_eq!(full, score::recompute(visit), "step {step}");
        // The header's cheaper read says the same.
        let head = score::headline(visit);
        assert_eq!(
            (head.total, head.standards, head.personal_touch()),
            (full.total, full.standards, full.personal_touch()),
            "step {step}"
        );
        assert_eq!(
            (head.answered, head.unanswered, &head.critical_failures),
            (full.answered, full.unanswered, &full.critical_failures),
            "step {step}"
        );
        let fresh = Derived::new(&Sources {
            checklists: &visit.checklists,
            index: &visit.index,
            entries: &visit.entries,
        });
        assert_eq!(visit.derived, fresh, "step {step}: kept state");
        let shown = visit.shown();
        let answered = shown
            .iter()
            .filter(|at| visit.entry(**at).is_some_and(|e| e.answer.is_some()))
            .count();
        assert_eq!(visit.progress(), (answered, shown.len()), "step {step}");
    }

    #[test]
    fn kept_visibility_and_score_equal_a_recompute_after_random_edits() {
        let now: ZonedDateTime = "2026-11-22T14:00:00+03:00[+03:00]".parse().unwrap();
        let checklists = vec![
            loaded(DESK),
            loaded(&second("room", "in-stay")),
            loaded(&second("lobby", "check-in")),
        ];
        let mut visit = Visit::new("Hotel", "anna", checklists, &now, "t");
        let items: Vec<ItemRef> = visit.all_items().collect();
        let mut rng = Rng(0x5eed_1234_abcd_0001);
        check(&visit, 0);
        for step in 1..=3000 {
            let at = items[rng.below(items.len())];
            match rng.below(10) {
                0..=4 => {
                    let response = visit.response(at).unwrap();
                    let answer = match response {
                        Response::Options(options) => match rng.below(options.len() + 2) {
                            n if n < options.len() => Some(Answer::Choice(options[n].id.clone())),
                            n if n == options.len() => Some(Answer::Na),
                            _ => None,
                        },
                        Response::Number { .. } => {
                            Some(Answer::Number([0.0, 3.0, 5.0, 7.5, 60.0][rng.below(5)]))
                        }
                        Response::Text => Some(Answer::Text("seen".into())),
                    };
                    // N/A where it is forbidden is refused, and changes nothing.
                    let _ = visit.set_answer(at, answer, &now);
                }
                5 => {
                    let _ = visit.set_answer(at, None, &now);
                }
                6 => {
                    let _ = visit.set_note(at, &format!("note {step}"), rng.below(2) == 0, &now);
                }
                7 => {
                    visit.undo(&now);
                }
                8 => {
                    visit.redo(&now);
                }
                _ => {
                    let _ = visit.type_text(at, &"w".repeat(rng.below(3)), &now);
                }
            }
            check(&visit, step);
        }
        // The edits reached every kind of state the sums hold.
        let score = score::score(&visit);
        assert!(score.total.max > 0.0);
        assert!(!visit.tallies().unanswered.is_empty());
    }

    #[test]
    fn sums_of_decimal_weights_are_exact() {
        let now: ZonedDateTime = "2026-11-22T14:00:00+03:00[+03:00]".parse().unwrap();
        let mut visit = Visit::new("Hotel", "anna", vec![loaded(DESK)], &now, "t");
        let queue = visit.find("desk", "queue").unwrap();
        let managed = visit.find("desk", "managed").unwrap();
        visit
            .set_answer(queue, Some(Answer::Choice("yes".into())), &now)
            .unwrap();
        visit
            .set_answer(managed, Some(Answer::Choice("met".into())), &now)
            .unwrap();
        // 0.1 + 0.3 in floating point is 0.4000000000000001.
        let score = score::score(&visit);
        assert_eq!(score.total.points, 0.4);
        assert_eq!(score.total.max, 0.4);
    }
}
