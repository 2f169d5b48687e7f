//! Honest visits made up for the checks' tests and measurement: the bundled
//! hotel stay answered through the same [`Visit`] the screen drives, at an
//! auditor's pace, written as a record and read back. Not used by the
//! program itself.

use jiff::tz::{TimeZone, offset};
use jiff::{SignedDuration, ZonedDateTime};

use crate::checklist::{Loaded, Response, Timing};
use crate::record::{self, RecordFile};
use crate::visit::{Answer, Visit};

/// A small deterministic generator (xorshift64*), so a failing seed can be
/// played again.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from `seed` (any value).
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.range(1, 100) <= percent
    }
}

/// The bundled English hotel stay: check-in, in-stay, departure.
pub fn hotel_stay() -> Vec<Loaded> {
    ["hotel-check-in", "hotel-in-stay", "hotel-departure"]
        .iter()
        .filter_map(|id| crate::checklist::bundled_by_id(id)?.ok())
        .collect()
}

/// Notes an honest auditor writes on a miss.
const MISS_NOTES: [&str; 4] = [
    "No eye contact; the agent kept typing.",
    "Not offered, I had to ask.",
    "Stain on the carpet by the window.",
    "Did not use my name at any point.",
];

/// Notes an honest auditor writes beside a met time standard: durations
/// within it, or none.
const TIMED_NOTES: [&str; 4] = [
    "Acknowledged in about 10 seconds, with a smile.",
    "Greeted in under a minute although the desk was busy.",
    "",
    "Quick: 15 s.",
];

/// An honest visit number `n` by `auditor` at `site`: every shown item
/// answered 3 to 25 seconds after the one before (a stopwatch on timed
/// items), mostly to the standard, a miss now and then with a note saying
/// what was missed, N/A where it may be; finalized a few minutes after the
/// last answer. Misses come `miss_percent` times in a hundred. The visit
/// as a record read back: see [`honest_visit`].
pub fn honest(n: u64, auditor: &str, site: &str, miss_percent: u64) -> RecordFile {
    let visit = honest_visit(n, auditor, site, miss_percent);
    let text = record::to_toml(&visit);
    match record::parse("sample.toml", &text) {
        Ok(read) => read,
        Err(problem) => panic!("a sample record does not read back: {problem}"),
    }
}

/// The finalized visit of [`honest`], before it is written.
pub fn honest_visit(n: u64, auditor: &str, site: &str, miss_percent: u64) -> Visit {
    let mut rng = Rng::new(n + 1);
    let start = jiff::civil::date(2026, 11, 1)
        .at(9, 0, 0, 0)
        .to_zoned_datetime(TimeZone::fixed(offset(3)))
        .unwrap_or_else(|_| jiff::Timestamp::UNIX_EPOCH.to_zoned_datetime(TimeZone::UTC));
    let mut now = later(&start, (n as i64) * 86_400 + rng.range(0, 7200) as i64);
    let mut visit = Visit::new(site, auditor, hotel_stay(), &now, &format!("{n:04x}"));
    let items: Vec<_> = visit.all_items().collect();
    for at in items {
        if !visit.is_shown(at) {
            continue;
        }
        now = later(&now, rng.range(3, 25) as i64);
        let Some(response) = visit.response(at) else {
            continue;
        };
        let na_allowed = visit.item(at).is_some_and(|(_, i)| i.na_allowed());
        if na_allowed && rng.chance(4) {
            let _ = visit.set_answer(at, Some(Answer::Na), &now);
            continue;
        }
        let miss = response.is_scored() && rng.chance(miss_percent);
        let plan = plan(response, miss, &mut rng);
        match plan {
            Plan::TimedSet { longest, best } => {
                let seconds = if miss {
                    // Longer than every option with a time: the set's
                    // "longer" option, a miss.
                    longest + rng.range(5, 90) as f64
                } else {
                    rng.range(5, 25) as f64
                };
                let _ = visit.start_timer(at, &now);
                now = later(&now, seconds as i64);
                if visit.stop_timer(at, &now).is_err() {
                    let _ = visit.cancel_timer(at, &now);
                    let _ = visit.set_answer(at, best.map(Answer::Choice), &now);
                }
                let note = if miss {
                    MISS_NOTES[rng.range(0, 3) as usize]
                } else {
                    TIMED_NOTES[rng.range(0, 3) as usize]
                };
                let _ = visit.set_note(at, note, false, &now);
            }
            Plan::TimedNumber { most } => {
                let seconds = if miss {
                    most + rng.range(30, 300) as f64
                } else {
                    (most * rng.range(20, 90) as f64 / 100.0).round()
                };
                let _ = visit.start_timer(at, &now);
                now = later(&now, seconds as i64);
                let _ = visit.stop_timer(at, &now);
                if miss {
                    let note = MISS_NOTES[rng.range(0, 3) as usize];
                    let _ = visit.set_note(at, note, false, &now);
                }
            }
            Plan::Choice { id, zero } => {
                let _ = visit.set_answer(at, id.map(Answer::Choice), &now);
                if zero {
                    let note = MISS_NOTES[rng.range(0, 3) as usize];
                    let _ = visit.set_note(at, note, false, &now);
                }
            }
            Plan::Number(value) => {
                let _ = visit.set_answer(at, Some(Answer::Number(value)), &now);
            }
            Plan::Text => {
                let text = "Calm lobby, friendly staff.".to_owned();
                let _ = visit.set_answer(at, Some(Answer::Text(text)), &now);
            }
        }
    }
    now = later(&now, rng.range(60, 600) as i64);
    let _ = visit.finalize(&now);
    visit
}

/// How an item is to be answered, worked out before the visit changes.
enum Plan {
    /// A set with times: the longest `within`, and the best option.
    TimedSet { longest: f64, best: Option<String> },
    /// A number in a unit of time: its `at_most` in seconds.
    TimedNumber { most: f64 },
    /// An option, and whether it scores zero.
    Choice { id: Option<String>, zero: bool },
    /// A number.
    Number(f64),
    /// Free text.
    Text,
}

fn plan(response: Response<'_>, miss: bool, rng: &mut Rng) -> Plan {
    match (response.timing(), response) {
        (Some(Timing::Options), Response::Options(options)) => Plan::TimedSet {
            longest: options.iter().filter_map(|o| o.within).fold(0.0, f64::max),
            best: best_option(response),
        },
        (Some(Timing::Number(per_unit)), Response::Number { standard, .. }) => Plan::TimedNumber {
            most: standard.at_most.unwrap_or(10.0) * per_unit,
        },
        (_, Response::Options(options)) => {
            let id = if miss {
                options
                    .iter()
                    .find(|o| o.score == Some(0.0))
                    .map(|o| o.id.clone())
            } else if rng.chance(15) {
                options.iter().find(|o| o.exceeds()).map(|o| o.id.clone())
            } else {
                None
            }
            .or_else(|| best_option(response));
            let zero = options
                .iter()
                .any(|o| Some(&o.id) == id.as_ref() && o.score == Some(0.0));
            Plan::Choice { id, zero }
        }
        (_, Response::Number { standard, min, .. }) => Plan::Number(
            standard
                .at_most
                .or(standard.at_least)
                .or(min)
                .unwrap_or(1.0),
        ),
        (_, Response::Text) => Plan::Text,
    }
}

/// The id of the option with the highest score, not one that exceeds.
fn best_option(response: Response<'_>) -> Option<String> {
    let options = response.options();
    options
        .iter()
        .filter(|o| !o.exceeds())
        .max_by(|a, b| a.score.unwrap_or(0.0).total_cmp(&b.score.unwrap_or(0.0)))
        .or_else(|| options.first())
        .map(|o| o.id.clone())
}

fn later(time: &ZonedDateTime, seconds: i64) -> ZonedDateTime {
    time.checked_add(SignedDuration::from_secs(seconds))
        .unwrap_or_else(|_| time.clone())
}
