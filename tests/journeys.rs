//! The bundled luxury train and river cruise, in English and in Russian,
//! played start to finish through the real binary as an auditor would: the
//! journey chosen with `new --journey`, every shown item answered from the
//! keyboard, the visit finalized, and the record read back.

use crate::common;

use std::time::Duration;

use common::{Cleanup, Pty, plan_of, read_record, temp_dir, visit_files};

/// The words an auditor reads on the way, in one language.
struct Words {
    lang: &'static str,
    answered: fn(usize) -> String,
    next_touchpoint: &'static str,
    end_of_visit: &'static str,
    nothing_open: &'static str,
    final_mark: &'static str,
    /// Words of the English interface that must not show in this one.
    foreign: &'static [&'static str],
}

const ENGLISH: Words = Words {
    lang: "en_GB.UTF-8",
    answered: |n| format!("· {n}/"),
    next_touchpoint: "l or Tab opens",
    end_of_visit: "last item of the visit",
    nothing_open: "Nothing left to look at",
    final_mark: "FINAL",
    foreign: &[],
};

const RUSSIAN: Words = Words {
    lang: "ru_RU.UTF-8",
    answered: |n| format!("отвечено {n}/"),
    next_touchpoint: "l или Tab открывает",
    end_of_visit: "последний пункт визита",
    nothing_open: "Больше смотреть не на что",
    final_mark: "ЗАВЕРШЁН",
    foreign: &[
        "answered",
        "FINAL",
        "read-only",
        "Score",
        "Standards",
        "help",
        "quit",
    ],
};

/// Plays the whole journey `journey` (checklists `ids`) in `words`' language.
fn play(journey: &str, ids: &[&str], words: &Words) {
    let data = temp_dir(&format!("journey-{journey}"));
    let _cleanup = Cleanup(data.clone());
    let mut pty = Pty::spawn_with(
        &[
            "new",
            "--site",
            "Andean Explorer",
            "--auditor",
            "vera",
            "--journey",
            journey,
        ],
        &data,
        80,
        24,
        &[("LANG", words.lang)],
    );
    let touchpoints = plan_of(ids);
    let total: usize = touchpoints.iter().map(Vec::len).sum();
    let mut answered = 0;
    for (t, steps) in touchpoints.iter().enumerate() {
        if t > 0 {
            pty.wait_for(words.next_touchpoint);
            pty.send("l");
        }
        for step in steps {
            pty.send(&step.keys);
            answered += 1;
            let counted = (words.answered)(answered);
            pty.wait_until(&counted, |s| s.contains(&counted));
        }
    }
    pty.wait_for(words.end_of_visit);
    pty.send("F");
    pty.wait_for(words.nothing_open);
    pty.send("y");
    pty.wait_for(words.final_mark);
    let screen = pty.screen();
    for word in words.foreign {
        assert!(
            !screen.contains(word),
            "{journey} in {}: the final screen holds {word:?}:\n{screen}",
            words.lang
        );
    }
    pty.send("q");
    let status = pty.wait_exit(Duration::from_secs(5)).expect("q leaves");
    assert!(status.success(), "{journey}: {status:?}");

    let files = visit_files(&data);
    assert_eq!(files.len(), 1, "{files:?}");
    let record = read_record(&files[0]);
    assert_eq!(
        record.header.status,
        touchpoint::visit::Status::Final,
        "{journey} in {}",
        words.lang
    );
    assert!(
        record.header.finished.is_some(),
        "{journey}: a final record says when"
    );
    let named: Vec<&str> = record.checklists.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(named, ids, "the journey's checklists, in journey order");
    assert_eq!(
        record.score.answered, total as u64,
        "{journey}: every shown item"
    );
    assert_eq!(record.score.unanswered, 0, "{journey}");
    assert!(
        record.score.critical_failures.is_empty(),
        "{journey}: every standard met, yet {:?}",
        record.score.critical_failures
    );
    for step in touchpoints.iter().flatten() {
        let observation = record
            .observations
            .iter()
            .find(|o| o.checklist == step.checklist && o.item == step.item)
            .unwrap_or_else(|| panic!("{}/{} is not in the record", step.checklist, step.item));
        assert_eq!(
            observation.answer.as_ref().map(|a| a.as_text()).as_deref(),
            Some(step.expected.as_str()),
            "{}/{} got another answer than the one meant",
            step.checklist,
            step.item
        );
    }
}

const TRAIN: [&str; 3] = ["train-check-in", "train-in-stay", "train-departure"];
const TRAIN_RU: [&str; 3] = [
    "train-check-in-ru",
    "train-in-stay-ru",
    "train-departure-ru",
];
const CRUISE: [&str; 3] = ["cruise-check-in", "cruise-in-stay", "cruise-departure"];
const CRUISE_RU: [&str; 3] = [
    "cruise-check-in-ru",
    "cruise-in-stay-ru",
    "cruise-departure-ru",
];

#[test]
fn a_luxury_train_visit_runs_start_to_finish_in_english() {
    play("luxury-train", &TRAIN, &ENGLISH);
}

#[test]
fn a_luxury_train_visit_runs_start_to_finish_in_russian() {
    play("luxury-train", &TRAIN_RU, &RUSSIAN);
}

#[test]
fn a_river_cruise_visit_runs_start_to_finish_in_english() {
    play("river-cruise", &CRUISE, &ENGLISH);
}

#[test]
fn a_river_cruise_visit_runs_start_to_finish_in_russian() {
    play("river-cruise", &CRUISE_RU, &RUSSIAN);
}
