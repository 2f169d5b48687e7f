//! The finalize rule: what the summary asks the auditor to look at before a
//! visit is finalized, and what makes finalizing ask once more. Facts only:
//! the visit screen shows them in its own words.

use super::{ItemRef, Visit, tally};

/// Something the finalize summary asks the auditor to look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Issue {
    /// A shown item without an answer.
    Unanswered(ItemRef),
    /// A critical item answered with a zero-score option.
    CriticalFailure(ItemRef),
    /// A zero-score answer with no note saying why.
    MissWithoutNote(ItemRef),
    /// A stopwatch still running; finalizing stops it without answering.
    StopwatchRunning(ItemRef),
}

impl Issue {
    /// The item the issue is about.
    pub fn at(&self) -> ItemRef {
        match self {
            Issue::Unanswered(at)
            | Issue::CriticalFailure(at)
            | Issue::MissWithoutNote(at)
            | Issue::StopwatchRunning(at) => *at,
        }
    }
}

/// What makes finalizing ask once more: shown items unanswered and critical
/// failures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Warnings {
    /// Shown items without an answer.
    pub unanswered: usize,
    /// Critical items answered with a zero-score option.
    pub critical_failures: usize,
}

impl Warnings {
    /// Whether finalizing must ask once more.
    pub fn any(&self) -> bool {
        self.unanswered + self.critical_failures > 0
    }
}

impl Visit {
    /// What the finalize summary lists: stopwatches still running, critical
    /// failures, then misses without a note, then unanswered items, each in
    /// journey order.
    pub fn finalize_issues(&self) -> Vec<Issue> {
        let mut critical: Vec<Issue> = self
            .timers()
            .iter()
            .map(|t| Issue::StopwatchRunning(t.at))
            .collect();
        let mut misses = Vec::new();
        let mut unanswered = Vec::new();
        for at in self.shown() {
            let Some(entry) = self.entry(at) else {
                continue;
            };
            if entry.answer.is_none() {
                unanswered.push(Issue::Unanswered(at));
                continue;
            }
            let (Some((_, item)), Some(response)) = (self.item(at), self.response(at)) else {
                continue;
            };
            if let Some((0.0, _)) = tally::earned(item, response, entry.answer.as_ref()) {
                if item.is_critical() {
                    critical.push(Issue::CriticalFailure(at));
                }
                if entry.note.trim().is_empty() {
                    misses.push(Issue::MissWithoutNote(at));
                }
            }
        }
        critical.extend(misses);
        critical.extend(unanswered);
        critical
    }

    /// Unanswered shown items and critical failures: what makes finalizing
    /// ask once more. Read from the sums the visit keeps.
    pub fn finalize_warnings(&self) -> Warnings {
        let tallies = self.tallies();
        Warnings {
            unanswered: tallies.unanswered.len(),
            critical_failures: tallies
                .critical
                .iter()
                .filter(|at| self.ids(**at).is_some())
                .count(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::visit::Answer;
    use crate::visit::tests::loaded;
    use jiff::ZonedDateTime;

    const FILE: &str = r#"
[checklist]
id = "desk"
title = "Desk"
touchpoint = "check-in"

[responses.wait]
options = [
  { id = "fast", label = "Fast", score = 1, within = 30 },
  { id = "slow", label = "Slow", score = 0 },
]

[[section]]
id = "s"
title = "S"

[[section.item]]
id = "open"
prompt = "Left unanswered"

[[section.item]]
id = "secure"
prompt = "Handled securely"
critical = true

[[section.item]]
id = "smile"
prompt = "Smiled"

[[section.item]]
id = "noted"
prompt = "Missed, with a note"

[[section.item]]
id = "met"
prompt = "Met"

[[section.item]]
id = "wait"
prompt = "Greeted within"
response = "wait"
"#;

    fn now() -> ZonedDateTime {
        "2026-11-22T14:03:12+03:00[+03:00]".parse().unwrap()
    }

    /// Running stopwatches first, then critical failures, then misses
    /// without a note, then unanswered items; a miss with a note and a met
    /// standard are not issues. Only unanswered items and critical failures
    /// make finalizing ask once more.
    #[test]
    fn the_summary_lists_what_to_look_at_in_its_order() {
        let mut v = Visit::new("Site", "anna", vec![loaded(FILE)], &now(), "0001");
        let at = |v: &Visit, id: &str| v.find("desk", id).unwrap();
        let no = || Some(Answer::Choice("no".into()));
        for id in ["secure", "smile", "noted"] {
            v.set_answer(at(&v, id), no(), &now()).unwrap();
        }
        v.set_note(at(&v, "noted"), "the desk was empty", false, &now())
            .unwrap();
        v.set_answer(at(&v, "met"), Some(Answer::Choice("yes".into())), &now())
            .unwrap();
        assert_eq!(
            v.finalize_warnings(),
            Warnings {
                unanswered: 2,
                critical_failures: 1
            }
        );
        v.start_timer(at(&v, "wait"), &now()).unwrap();
        assert_eq!(
            v.finalize_issues(),
            [
                Issue::StopwatchRunning(at(&v, "wait")),
                Issue::CriticalFailure(at(&v, "secure")),
                Issue::MissWithoutNote(at(&v, "secure")),
                Issue::MissWithoutNote(at(&v, "smile")),
                Issue::Unanswered(at(&v, "open")),
                Issue::Unanswered(at(&v, "wait")),
            ]
        );
        assert_eq!(v.finalize_issues()[1].at(), at(&v, "secure"));
        assert!(v.finalize_warnings().any());
        for id in ["open", "wait"] {
            v.set_answer(at(&v, id), Some(Answer::Na), &now()).unwrap();
        }
        v.set_answer(at(&v, "secure"), Some(Answer::Choice("yes".into())), &now())
            .unwrap();
        assert!(!v.finalize_warnings().any());
    }
}
