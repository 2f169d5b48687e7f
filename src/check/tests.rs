//! Each code raised by a fixture, and silent on honest visits.

use super::sample::{honest, hotel_stay};
use super::*;
use crate::record::EvidenceEntry;

fn codes(flags: &[Flag]) -> Vec<&'static str> {
    flags.iter().map(|f| f.code.as_str()).collect()
}

fn visit(n: u64) -> RecordFile {
    honest(n, "anna", "Hotel Metropol", 10)
}

/// Flags of `records` checked with the bundled hotel stay.
fn check(records: &[RecordFile]) -> Vec<Flag> {
    let checklists = hotel_stay();
    let inputs: Vec<Input<'_>> = records
        .iter()
        .map(|record| Input {
            record,
            checklists: &checklists,
            photos: &[],
        })
        .collect();
    flags(&inputs)
}

fn obs<'r>(record: &'r mut RecordFile, item: &str) -> &'r mut Observation<Stamp> {
    record
        .observations
        .iter_mut()
        .find(|o| o.item == item)
        .expect("the hotel stay has this item")
}

fn stamp(record: &RecordFile, seconds: i64) -> Stamp {
    Stamp(
        record
            .header
            .started
            .checked_add(jiff::SignedDuration::from_secs(seconds))
            .expect("in range"),
    )
}

#[test]
fn honest_visits_raise_no_flag() {
    let records: Vec<RecordFile> = (0..40)
        .map(|n| {
            honest(
                n,
                ["anna", "boris", "chen"][n as usize % 3],
                "Hotel Metropol",
                10,
            )
        })
        .collect();
    let flags = check(&records);
    assert!(flags.is_empty(), "{flags:#?}");
    // Without the checklists, too.
    assert!(flags_of_records(&records).is_empty());
}

#[test]
fn a_timed_option_faster_than_the_stopwatch_is_a_timed_contradiction() {
    let mut record = visit(1);
    let o = obs(&mut record, "desk-greeting-wait");
    o.answer = Some(AnswerValue::Text("under-30s".into()));
    o.na = false;
    o.label = Some("Under 30 seconds".into());
    o.timed = Some(88.0);
    o.points = Some(2.0);
    let flags = check(&[record]);
    assert_eq!(codes(&flags), ["timed-contradiction"], "{flags:#?}");
    assert_eq!(
        flags[0].item.as_deref(),
        Some("hotel-check-in/desk-greeting-wait")
    );
    assert!(
        flags[0].detail.contains("1 min 28 s"),
        "{}",
        flags[0].detail
    );
}

#[test]
fn a_number_other_than_the_stopwatch_measured_is_a_timed_contradiction() {
    let mut record = visit(2);
    let o = obs(&mut record, "check-in-minutes");
    o.answer = Some(AnswerValue::Number(4.0));
    o.na = false;
    o.timed = Some(432.0);
    o.points = Some(1.0);
    o.max = Some(1.0);
    o.note.clear();
    assert_eq!(codes(&check(&[record.clone()])), ["timed-contradiction"]);
    // The stopwatch's own rounding (7.2 for 432 s) is no contradiction.
    let o = obs(&mut record, "check-in-minutes");
    o.answer = Some(AnswerValue::Number(7.2));
    o.na = false;
    o.points = Some(0.0);
    o.note = "Slow.".into();
    assert!(check(&[record]).is_empty());
}

#[test]
fn a_note_longer_than_the_standard_met_is_a_note_contradiction() {
    for note in [
        "Greeted after 1 min 28 s.",
        "waited 90 seconds",
        "about 2 minutes at the desk",
        "ждал 1 мин 28 с",
        "полторы минуты у стойки",
    ] {
        let mut record = visit(3);
        let o = obs(&mut record, "desk-greeting-wait");
        o.answer = Some(AnswerValue::Text("under-30s".into()));
        o.na = false;
        o.timed = None;
        o.points = Some(2.0);
        o.note = note.into();
        let flags = check(&[record]);
        assert_eq!(codes(&flags), ["note-contradiction"], "{note}: {flags:#?}");
    }
}

#[test]
fn a_note_against_a_duration_in_the_prompt_needs_no_checklist() {
    let mut record = visit(4);
    let o = obs(&mut record, "agent-introduced");
    o.prompt = "Acknowledged within 30 seconds".into();
    o.answer = Some(AnswerValue::Text("yes".into()));
    o.na = false;
    o.points = Some(1.0);
    o.max = Some(1.0);
    o.note = "It took 2 minutes before anyone looked up".into();
    let flags = flags_of_records(&[record.clone()]);
    assert_eq!(codes(&flags), ["note-contradiction"], "{flags:#?}");
    // Within the prompt's standard, or a bound: no flag.
    obs(&mut record, "agent-introduced").note = "20 seconds; within 30 seconds as asked".into();
    assert!(flags_of_records(&[record]).is_empty());
}

#[test]
fn a_number_within_its_standard_with_a_longer_note_is_a_note_contradiction() {
    let mut record = visit(5);
    let o = obs(&mut record, "check-in-minutes");
    o.answer = Some(AnswerValue::Number(4.0));
    o.na = false;
    o.timed = None;
    o.points = Some(1.0);
    o.max = Some(1.0);
    o.note = "it took 7 minutes".into();
    assert_eq!(codes(&check(&[record])), ["note-contradiction"]);
}

#[test]
fn a_miss_without_a_note_is_flagged_and_with_one_is_not() {
    let mut record = visit(6);
    let o = obs(&mut record, "agent-introduced");
    o.answer = Some(AnswerValue::Text("missed".into()));
    o.na = false;
    o.points = Some(0.0);
    o.max = Some(1.0);
    o.note = " ".into();
    assert_eq!(codes(&check(&[record.clone()])), ["miss-without-note"]);
    obs(&mut record, "agent-introduced").note = "Kept typing.".into();
    assert!(check(&[record]).is_empty());
}

#[test]
fn ten_answers_under_two_seconds_apart_are_too_fast_and_nine_are_not() {
    for (run, expected) in [(10, vec!["too-fast"]), (9, vec![])] {
        let mut record = visit(7);
        let base = 600;
        let mut k = 0;
        for o in record.observations.iter_mut() {
            if k == run {
                break;
            }
            if o.first_at.is_some() && !o.na && !o.skipped {
                let at = Some(Stamp(
                    record
                        .header
                        .started
                        .checked_add(jiff::SignedDuration::from_secs(base + k))
                        .expect("in range"),
                ));
                o.first_at = at.clone();
                o.at = at;
                k += 1;
            }
        }
        // The rest of the answers come well after.
        let flags = check(&[record]);
        assert_eq!(codes(&flags), expected, "{run}: {flags:#?}");
    }
}

#[test]
fn answers_outside_the_visit_are_flagged() {
    let mut record = visit(8);
    let before = stamp(&record, -3600);
    obs(&mut record, "agent-introduced").first_at = Some(before);
    assert_eq!(codes(&check(&[record.clone()])), ["outside-visit"]);

    let mut record = visit(8);
    let finished = record.header.finished.clone().expect("final");
    let after = Stamp(
        finished
            .checked_add(jiff::SignedDuration::from_secs(7200))
            .expect("in range"),
    );
    obs(&mut record, "agent-introduced").first_at = Some(after);
    assert_eq!(codes(&check(&[record.clone()])), ["outside-visit"]);

    let mut record = visit(8);
    record.header.finished = Some(
        record
            .header
            .started
            .checked_sub(jiff::SignedDuration::from_secs(60))
            .expect("in range"),
    );
    let flags = check(&[record]);
    assert_eq!(flags[0].code, Code::OutsideVisit);
    assert_eq!(flags[0].item, None);
}

#[test]
fn a_photo_taken_hours_before_the_visit_is_flagged() {
    let record = visit(9);
    let started = record.header.started.clone();
    let photo = |minutes: i64, offset| Photo {
        file: "evidence/x/ab12-desk.jpg".into(),
        item: Some("hotel-check-in/agent-introduced".into()),
        taken: started
            .checked_add(jiff::SignedDuration::from_secs(minutes * 60))
            .expect("in range")
            .datetime(),
        offset,
    };
    let checklists = hotel_stay();
    let run = |photos: &[Photo]| {
        flags(&[Input {
            record: &record,
            checklists: &checklists,
            photos,
        }])
    };
    assert_eq!(codes(&run(&[photo(-180, None)])), ["evidence-time"]);
    // Within 30 minutes of the start: no flag; no time at all: no photo.
    assert!(run(&[photo(-25, None), photo(10, None)]).is_empty());
    // The camera's own offset counts: 14:00 at UTC is 17:00 at +03:00.
    assert_eq!(
        codes(&run(&[photo(0, Some(Offset::UTC))])),
        ["evidence-time"]
    );
}

#[test]
fn the_same_file_in_two_visits_is_flagged_on_both() {
    let entry = |visit: &RecordFile| EvidenceEntry {
        checklist: Some("hotel-check-in".into()),
        item: Some("agent-introduced".into()),
        file: format!("evidence/{}/ab12-desk.jpg", visit.header.id),
        sha256: "ab".repeat(32),
        bytes: 10,
        added: visit.header.started.clone().into_stamp(),
    };
    let (mut a, mut b) = (visit(10), visit(11));
    a.evidence.push(entry(&a));
    b.evidence.push(entry(&b));
    let flags = check(&[a.clone(), b.clone()]);
    assert_eq!(codes(&flags), ["evidence-reused", "evidence-reused"]);
    assert_eq!(flags[0].visit, a.header.id);
    assert!(flags[0].detail.contains(&b.header.id));
    // One visit alone: nothing.
    assert!(check(&[a]).is_empty());
}

trait IntoStamp {
    fn into_stamp(self) -> Stamp;
}

impl IntoStamp for jiff::ZonedDateTime {
    fn into_stamp(self) -> Stamp {
        Stamp(self)
    }
}

#[test]
fn an_integrity_item_answered_otherwise_is_flagged() {
    let mut record = visit(12);
    let o = obs(&mut record, "agent-introduced");
    o.integrity = Some("na".into());
    o.answer = Some(AnswerValue::Text("met".into()));
    o.na = false;
    o.na = false;
    o.points = None;
    o.max = None;
    assert_eq!(codes(&check(&[record.clone()])), ["integrity-item"]);
    let o = obs(&mut record, "agent-introduced");
    o.answer = None;
    o.na = true;
    assert!(check(&[record.clone()]).is_empty());
    let o = obs(&mut record, "agent-introduced");
    o.integrity = Some("yes".into());
    assert_eq!(codes(&check(&[record])), ["integrity-item"]);
}

#[test]
fn an_auditor_far_above_the_others_is_an_outlier() {
    let mut records: Vec<RecordFile> = (0..15)
        .map(|n| {
            honest(
                n,
                ["boris", "chen", "dana"][n as usize % 3],
                "Hotel Metropol",
                25,
            )
        })
        .collect();
    assert!(check(&records).is_empty());
    // Five perfect visits against others around 80 %.
    for n in 100..105 {
        records.push(honest(n, "anna", "Hotel Metropol", 0));
    }
    let flags = check(&records);
    assert_eq!(codes(&flags), ["auditor-outlier"; 5], "{flags:#?}");
    assert!(flags.iter().all(|f| f.item.is_none()));
    // Four are too few to judge.
    records.pop();
    assert!(check(&records).is_empty());
}

#[test]
fn every_code_is_spelled_as_spec_says() {
    let spelled: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(
        spelled,
        [
            "timed-contradiction",
            "note-contradiction",
            "miss-without-note",
            "too-fast",
            "outside-visit",
            "evidence-time",
            "evidence-reused",
            "integrity-item",
            "auditor-outlier"
        ]
    );
}

#[test]
fn a_record_alone_carries_what_the_timed_checks_need() {
    // The option's `within`, as the record writes it beside the answer.
    let mut record = visit(11);
    let o = obs(&mut record, "desk-greeting-wait");
    o.answer = Some(AnswerValue::Text("under-30s".into()));
    o.na = false;
    o.label = Some("Under 30 seconds".into());
    o.within = Some(30.0);
    o.timed = Some(88.0);
    o.points = Some(2.0);
    let flags = flags_of_records(&[record.clone()]);
    assert_eq!(codes(&flags), ["timed-contradiction"], "{flags:#?}");
    // Without `within` (a record written before it existed) the record alone
    // says nothing of the option's time, and nothing is raised.
    obs(&mut record, "desk-greeting-wait").within = None;
    assert!(flags_of_records(&[record]).is_empty());

    // A number in minutes: the record carries its seconds per unit and its
    // standard, so both the stopwatch and a note are weighed without the
    // checklist.
    let mut record = visit(12);
    let o = obs(&mut record, "check-in-minutes");
    assert_eq!(o.unit_seconds, Some(60.0), "{o:#?}");
    assert!(o.at_most.is_some(), "{o:#?}");
    o.answer = Some(AnswerValue::Number(4.0));
    o.na = false;
    o.timed = Some(432.0);
    o.points = Some(1.0);
    o.max = Some(1.0);
    o.note.clear();
    let flags = flags_of_records(&[record]);
    assert_eq!(codes(&flags), ["timed-contradiction"], "{flags:#?}");
}

#[test]
fn a_played_visit_writes_the_chosen_options_within() {
    let record = visit(13);
    let with_within: Vec<_> = record
        .observations
        .iter()
        .filter(|o| o.within.is_some())
        .collect();
    assert!(
        !with_within.is_empty(),
        "an honest stay answers a timed option"
    );
    for o in &with_within {
        assert!(
            matches!(o.answer, Some(AnswerValue::Text(_))),
            "within only beside a chosen option: {o:#?}"
        );
    }
}
