//! The auditor's flow through the real binary in a pseudo-terminal: how
//! many keys a whole visit takes, where each answer lands, the editors'
//! keys, search across touchpoints, the trash, and `new` without a terminal.

use crate::common;

use std::path::Path;
use std::time::Duration;

use common::{Cleanup, Pty, plan, read_record, run, temp_dir, visit_files};
use touchpoint::record::RecordFile;

/// The answer an observation was recorded with, as text.
fn answer_of(record: &RecordFile, checklist: &str, item: &str) -> Option<String> {
    let observation = record
        .observations
        .iter()
        .find(|o| o.checklist == checklist && o.item == item)
        .unwrap_or_else(|| panic!("no observation {checklist}/{item}"));
    observation.answer.as_ref().map(|a| a.as_text())
}

fn note_of(record: &RecordFile, checklist: &str, item: &str) -> String {
    record
        .observations
        .iter()
        .find(|o| o.checklist == checklist && o.item == item)
        .map(|o| o.note.clone())
        .unwrap_or_default()
}

fn start(data: &Path) -> Pty {
    let pty = Pty::spawn(
        &["new", "--site", "Hotel Metropol", "--auditor", "anna"],
        data,
        80,
        24,
    );
    pty.wait_for("0/60 answered");
    pty
}

fn leave(mut pty: Pty, data: &Path) -> RecordFile {
    pty.send("q");
    let status = pty.wait_exit(Duration::from_secs(5)).expect("q leaves");
    assert!(status.success());
    let files = visit_files(data);
    assert_eq!(files.len(), 1, "{files:?}");
    read_record(&files[0])
}

#[test]
fn a_whole_hotel_stay_takes_at_most_1_2_keys_per_item_each_on_its_item() {
    let data = temp_dir("keys");
    let _cleanup = Cleanup(data.clone());
    let mut pty = start(&data);
    let touchpoints = plan();
    let total: usize = touchpoints.iter().map(Vec::len).sum();
    let mut non_text = 0;
    let mut answered = 0;
    for (t, steps) in touchpoints.iter().enumerate() {
        if t > 0 {
            // The last item said so; l opens the next touchpoint.
            pty.wait_for("l or Tab opens");
            pty.send("l");
            non_text += 1;
        }
        for step in steps {
            pty.send(&step.keys);
            non_text += step.non_text;
            answered += 1;
            pty.wait_until(&format!("{answered} answered"), |s| {
                s.contains(&format!("· {answered}/"))
            });
        }
    }
    pty.wait_for("last item of the visit");
    // Everything answered and nothing failed: y finalizes at once.
    pty.send("F");
    pty.wait_for("Nothing left to look at");
    pty.send("y");
    pty.wait_for("FINAL");
    non_text += 3; // F, y and the q that leaves
    let record = leave(pty, &data);

    assert_eq!(total, 76, "every item of the hotel stay, follow-ups opened");
    assert_eq!(record.score.answered, 76);
    // Every standard met, nothing exceeded: 100 %, not the 67.6 % that
    // "met" earned when it was half of a grade's points.
    assert_eq!(record.score.percent, Some(100.0), "{:?}", record.score);
    assert_eq!(record.score.standards, Some(100.0));
    assert_eq!(record.score.personal_touch, Some(100.0));
    assert_eq!(record.score.exceeded, 0);
    for step in touchpoints.iter().flatten() {
        assert_eq!(
            answer_of(&record, &step.checklist, &step.item).as_deref(),
            Some(step.expected.as_str()),
            "{}/{} got another answer than the one meant",
            step.checklist,
            step.item
        );
    }
    let per_item = non_text as f64 / total as f64;
    println!("{non_text} keys besides text for {total} items: {per_item:.2} per item");
    assert!(
        per_item <= 1.2,
        "{non_text} non-text keys for {total} items: {per_item:.2} per item"
    );
}

#[test]
fn answers_move_on_to_the_next_shown_item_across_show_if() {
    let data = temp_dir("advance");
    let _cleanup = Cleanup(data.clone());
    let mut pty = start(&data);
    // No queue: its follow-up stays hidden and the cursor skips it.
    pty.send("/queue at the desk\r");
    pty.wait_for("│There was a queue at the desk");
    pty.send("n");
    pty.wait_for("│Time from reaching the desk to");
    // Back, and Yes: the follow-up opens and comes next.
    pty.send("k");
    pty.wait_for("│There was a queue at the desk");
    pty.send("y");
    pty.wait_for("1/61");
    pty.wait_for("│The queue was acknowledged and");
    pty.send("2");
    pty.wait_for("2/61");
    pty.wait_for("│Time from reaching the desk to");
    // Backspace clears without moving; the edit of a note does not move.
    pty.send("k\x7f");
    pty.wait_for("1/61");
    pty.send("eSlow\r");
    pty.wait_for("✎");
    pty.send("3");
    pty.wait_for("2/61");
    let record = leave(pty, &data);
    assert_eq!(
        answer_of(&record, "hotel-check-in", "had-queue").as_deref(),
        Some("yes")
    );
    assert_eq!(
        answer_of(&record, "hotel-check-in", "queue-managed").as_deref(),
        Some("exceeded")
    );
    assert_eq!(note_of(&record, "hotel-check-in", "queue-managed"), "Slow");
    assert_eq!(
        answer_of(&record, "hotel-check-in", "desk-greeting-wait"),
        None
    );
}

#[test]
fn enter_closes_every_field_and_the_next_key_is_a_command_again() {
    let data = temp_dir("editors");
    let _cleanup = Cleanup(data.clone());
    let mut pty = start(&data);
    // A text answer: Enter closes it, so `k` moves and `1` answers.
    pty.send("/atmosphere among\r");
    pty.wait_for("│Describe the atmosphere");
    pty.send("\rCalm staff");
    pty.wait_for("Tab: done, next item");
    pty.send("\r");
    pty.wait_gone("Tab: done, next item");
    pty.send("k1");
    pty.wait_for("2/60");
    // A number: Enter saves and closes; Esc in a number field changes nothing.
    pty.send("/key in hand\r4\r");
    pty.wait_for("▶ 4 minutes");
    pty.send("\r9");
    pty.wait_for("Esc cancels");
    pty.send("\x1b");
    pty.wait_gone("Esc cancels");
    pty.send("ky");
    pty.wait_for("4/60");
    // A note: Ctrl-J takes a new line, Enter closes, then `n` answers.
    pty.send("/identity\r");
    pty.wait_for("│Identity, payment");
    pty.send("eline one\nline two");
    pty.wait_for("line two");
    pty.send("\r");
    pty.wait_gone("Ctrl-J: new line");
    pty.send("n");
    pty.wait_for("5/60");
    let record = leave(pty, &data);
    let check_in = |item| answer_of(&record, "hotel-check-in", item);
    assert_eq!(check_in("atmosphere-notes").as_deref(), Some("Calm staff"));
    assert_eq!(check_in("working-conditions").as_deref(), Some("yes"));
    assert_eq!(check_in("check-in-minutes").as_deref(), Some("4"));
    assert_eq!(check_in("reservation-accurate").as_deref(), Some("yes"));
    assert_eq!(check_in("identity-payment-discreet").as_deref(), Some("no"));
    assert_eq!(
        note_of(&record, "hotel-check-in", "identity-payment-discreet"),
        "line one\nline two"
    );
}

#[test]
fn a_search_lists_matches_across_touchpoints_and_moves_only_when_chosen() {
    let data = temp_dir("search");
    let _cleanup = Cleanup(data.clone());
    let mut pty = start(&data);
    // Case does not matter; the matches name their touchpoints.
    pty.send("/TONE between");
    pty.wait_for("3 matches");
    for title in ["Hotel check-in ·", "Hotel in-stay ·", "Hotel departure ·"] {
        assert!(pty.screen().contains(title), "{}", pty.screen());
    }
    // Esc: nothing moved; the answer lands on the first item.
    pty.send("\x1b");
    pty.wait_gone("3 matches");
    pty.send("2");
    pty.wait_for("1/60");
    // Enter goes to the first match after the cursor; / Enter to the next,
    // in the next touchpoint.
    pty.send("/tone between\r");
    pty.wait_for("│Tone between colleagues");
    pty.send("/\r");
    pty.wait_for("Hotel in-stay 0/21");
    pty.send("3");
    pty.wait_for("2/60");
    // The check-in's cursor stayed where the auditor left it.
    pty.send("h");
    pty.send("1");
    pty.wait_for("3/60");
    // A straight apostrophe finds a curly one.
    pty.send("/guest's name\r");
    pty.wait_for("│The agent used the guest’s name");
    pty.send("y");
    pty.wait_for("yes is not an option here");
    pty.send("2");
    pty.wait_for("4/60");
    let record = leave(pty, &data);
    assert_eq!(
        answer_of(&record, "hotel-check-in", "booking-channel").as_deref(),
        Some("email")
    );
    assert_eq!(
        answer_of(&record, "hotel-in-stay", "colleague-tone").as_deref(),
        Some("exceeded")
    );
    assert_eq!(
        answer_of(&record, "hotel-check-in", "colleague-tone").as_deref(),
        Some("missed")
    );
    assert_eq!(
        answer_of(&record, "hotel-check-in", "guest-name-used").as_deref(),
        Some("met")
    );
}

#[test]
fn delete_list_trash_and_restore_and_d_on_the_home_screen() {
    let data = temp_dir("trash");
    let _cleanup = Cleanup(data.clone());
    let mut pty = start(&data);
    pty.send("2");
    pty.wait_for("1/60");
    leave(pty, &data);
    let id = common::id_of(&visit_files(&data)[0]);

    let deleted = run(&data, &["delete", &id]);
    assert!(deleted.status.success(), "{deleted:?}");
    assert!(visit_files(&data).is_empty());
    let listed = String::from_utf8_lossy(&run(&data, &["list"]).stdout).into_owned();
    assert!(listed.contains("no visits yet"), "{listed}");
    let trash = String::from_utf8_lossy(&run(&data, &["list", "--trash"]).stdout).into_owned();
    assert!(trash.contains(&id), "{trash}");
    let again = run(&data, &["delete", &id]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("no visit"));

    let restored = run(&data, &["restore", &id]);
    assert!(restored.status.success(), "{restored:?}");
    let listed = String::from_utf8_lossy(&run(&data, &["list"]).stdout).into_owned();
    assert!(listed.contains(&id) && listed.contains("1/60"), "{listed}");

    // On the home screen: d asks, any other key keeps it, y deletes.
    let mut home = Pty::spawn(&[], &data, 80, 24);
    home.wait_for("Hotel Metropol");
    home.send("d");
    home.wait_for("moves it to the trash");
    home.send("n");
    home.wait_for("kept");
    assert_eq!(visit_files(&data).len(), 1);
    home.send("d");
    home.wait_for("moves it to the trash");
    home.send("y");
    home.wait_for(&format!("touchpoint restore {id}"));
    assert!(visit_files(&data).is_empty());
    assert!(data.join("trash").join(format!("{id}.toml")).is_file());
    home.send("\x1b");
    home.wait_exit(Duration::from_secs(5)).expect("Esc leaves");
}

#[test]
fn new_without_a_terminal_refuses_and_creates_nothing() {
    let data = temp_dir("notty");
    let _cleanup = Cleanup(data.clone());
    for args in [
        &["new", "--site", "Hotel Metropol"][..],
        &["new"][..],
        &[][..],
    ] {
        let out = run(&data, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains("ssh -t"), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(visit_files(&data).is_empty(), "{args:?} created a visit");
    }
}

#[test]
fn new_takes_a_journey_in_the_interface_language() {
    let data = temp_dir("journey");
    let _cleanup = Cleanup(data.clone());
    let pty = Pty::spawn(
        &["new", "--site", "Экспресс", "--journey", "luxury-train"],
        &data,
        80,
        24,
    );
    pty.wait_for("Train: welcome and boarding");
    drop(pty);
    let pty = Pty::spawn_with(
        &["new", "--site", "Отель"],
        &data,
        80,
        24,
        &[("LANG", "ru_RU.UTF-8")],
    );
    pty.wait_for("Заселение в отель");
    drop(pty);
    let pty = Pty::spawn_with(
        &["--lang", "en", "new", "--site", "Hotel"],
        &data,
        80,
        24,
        &[("LANG", "ru_RU.UTF-8")],
    );
    pty.wait_for("Hotel check-in");
    drop(pty);
    let unknown = run(&data, &["new", "--site", "X", "--journey", "luxury-trian"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&unknown.stderr).contains("did you mean \"luxury-train\""),
        "{unknown:?}"
    );
}

#[test]
fn a_console_and_a_non_utf8_locale_get_ascii_marks() {
    for env in [&[("LANG", "C")][..], &[("TERM", "linux")][..]] {
        let data = temp_dir("ascii");
        let _cleanup = Cleanup(data.clone());
        let mut pty = Pty::spawn_with(
            &["new", "--site", "Hotel Metropol", "--auditor", "anna"],
            &data,
            80,
            24,
            env,
        );
        pty.wait_for("0/60 answered");
        pty.send("jjy");
        pty.wait_for("1/60 answered");
        let screen = pty.screen();
        for glyph in ['│', '·', '✓', '▶', '…', '─'] {
            assert!(!screen.contains(glyph), "{env:?}: {glyph} on\n{screen}");
        }
        assert!(screen.contains(" + ") && screen.contains('|'), "{screen}");
        leave(pty, &data);
    }
}

#[test]
fn below_the_smallest_size_keys_do_nothing_but_quit() {
    let data = temp_dir("tiny");
    let _cleanup = Cleanup(data.clone());
    let mut pty = Pty::spawn(
        &["new", "--site", "Hotel Metropol", "--auditor", "anna"],
        &data,
        38,
        20,
    );
    pty.wait_for("need 40×20");
    pty.send("2y1");
    std::thread::sleep(Duration::from_millis(300));
    pty.resize(40, 20);
    pty.wait_for("0/60");
    pty.resize(38, 20);
    pty.wait_for("need 40×20");
    let record = leave(pty, &data);
    assert_eq!(record.score.answered, 0, "a key acted on a screen unseen");
}

#[test]
fn the_home_screen_starts_as_the_last_visit_did_and_shows_broken_checklists() {
    // No visit yet: config.toml's journey and auditor.
    let data = temp_dir("home-defaults");
    let _cleanup = Cleanup(data.clone());
    let config = data.join("config").join("touchpoint");
    std::fs::create_dir_all(config.join("checklists")).unwrap();
    std::fs::write(
        config.join("config.toml"),
        "auditor = \"vera\"\njourney = \"luxury-train\"\n",
    )
    .unwrap();
    std::fs::write(
        config.join("checklists").join("spa.toml"),
        "[checklist]\nid = \"spa\"\ntitle = \"Spa\"\ntouchpoint = \"in-stay\"\npromt = 1\n",
    )
    .unwrap();
    let mut home = Pty::spawn(&[], &data, 80, 24);
    home.wait_for("[x] Luxury train");
    home.wait_for("Auditor  vera");
    home.wait_for("problem(s) in your checklists, listed at the end:");
    // The path may be broken across the status rows.
    let flat: String = home.screen().lines().map(str::trim_end).collect();
    assert!(flat.contains("checklists/spa.toml:"), "{}", home.screen());
    home.send("\x1b");
    home.wait_exit(Duration::from_secs(5)).expect("Esc leaves");

    // After a visit: its checklists and its auditor.
    let pty = Pty::spawn(
        &[
            "new",
            "--site",
            "Volga",
            "--auditor",
            "boris",
            "--journey",
            "river-cruise",
        ],
        &data,
        80,
        24,
    );
    pty.wait_for("Cruise: embarkation");
    leave(pty, &data);
    let mut home = Pty::spawn(&[], &data, 80, 24);
    home.wait_for("[x] River cruise");
    home.wait_for("Auditor  boris");
    assert!(
        home.screen().contains("[ ] Luxury train"),
        "{}",
        home.screen()
    );
    home.send("\x1b");
    home.wait_exit(Duration::from_secs(5)).expect("Esc leaves");
}
