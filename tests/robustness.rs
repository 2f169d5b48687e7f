//! The promises of SPEC.md that only show when things go wrong, kept by the
//! built binary in a real pseudo-terminal: kills at any instant, hang-ups,
//! signals, saves that fail, hostile files, private modes.

use crate::common;

use std::fs;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use common::{
    Cleanup, Pty, files_ending, id_of, read_record, run, temp_dir, touchpoint_command, visit_files,
    wait_for_visit_file,
};
use touchpoint::record::{AnswerValue, RecordFile};

/// The program's promise: gone within a second of a hang-up or a signal.
const EXIT_LIMIT: Duration = Duration::from_secs(1);

fn start_visit(data: &Path) -> (Pty, PathBuf) {
    let pty = Pty::spawn(
        &["new", "--site", "Hotel Metropol", "--auditor", "anna"],
        data,
        80,
        24,
    );
    pty.wait_for("0/60 answered");
    let file = wait_for_visit_file(data);
    let files = visit_files(data);
    assert_eq!(files.len(), 1, "one visit file: {files:?}");
    (pty, file)
}

fn answer_of(record: &RecordFile, checklist: &str, item: &str) -> Option<String> {
    record
        .observation(checklist, item)
        .unwrap_or_else(|| panic!("no observation {checklist}/{item}"))
        .answer
        .as_ref()
        .map(AnswerValue::as_text)
}

fn note_of(record: &RecordFile, checklist: &str, item: &str) -> String {
    record
        .observation(checklist, item)
        .unwrap_or_else(|| panic!("no observation {checklist}/{item}"))
        .note
        .clone()
}

/// CPU time (user + system, in clock ticks) a process has used so far.
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

/// Waits for the program to exit within [`EXIT_LIMIT`]; if it does not,
/// fails saying whether it is spinning or blocked.
fn assert_exits_in_time(pty: &mut Pty, after: &str) {
    if pty.wait_exit(EXIT_LIMIT).is_some() {
        return;
    }
    let before = cpu_ticks(pty.pid());
    std::thread::sleep(Duration::from_secs(1));
    let after_ticks = cpu_ticks(pty.pid());
    let state = match (before, after_ticks) {
        (Some(a), Some(b)) if b.saturating_sub(a) > 10 => {
            format!("spinning: {} ticks of CPU in the next second", b - a)
        }
        (Some(a), Some(b)) => format!("idle or blocked: {} ticks of CPU in the next second", b - a),
        _ => "it exited just after the limit".to_owned(),
    };
    panic!("touchpoint still running {EXIT_LIMIT:?} after {after}; {state}");
}

// ---------------------------------------------------------------------------
// kill -9 at random instants

/// Letters that no key of the visit screen acts on, so that text typed
/// while an editor failed to open changes nothing.
const INERT_LETTERS: &[u8] = b"bcdfimoprsvwzBCD";

const KILLS: usize = 60;
const KILL_ITEMS: usize = 30;

/// xorshift64*: a fixed seed gives the same "random" instants on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn letter(&mut self) -> char {
        char::from(INERT_LETTERS[self.below(INERT_LETTERS.len() as u64) as usize])
    }
}

/// A checklist of grade, yes-no and text items and no `show_if`, so the
/// answered count only grows while answers are chosen and text appended.
fn kill_checklist(dir: &Path) -> PathBuf {
    let mut text = String::from(
        "format = 1\n\n[checklist]\nid = \"kill-test\"\ntitle = \"Kill test\"\ntouchpoint = \"check-in\"\n",
    );
    for item in 0..KILL_ITEMS {
        if item % 10 == 0 {
            text.push_str(&format!(
                "\n[[section]]\nid = \"s{item}\"\ntitle = \"Section {item}\"\n"
            ));
        }
        let response = ["grade", "yes-no", "text"][item % 3];
        text.push_str(&format!(
            "\n[[section.item]]\nid = \"i{item:02}\"\nprompt = \"Item {item:02}\"\nresponse = \"{response}\"\n"
        ));
    }
    let path = dir.join("kill-test.toml");
    fs::write(&path, text).unwrap();
    path
}

/// Keys for one session, each with the pause after it: moves (`]` to the
/// next unanswered item, so later rounds reach further), answers, and
/// notes and text values typed letter by letter. Notes start with `WX` and
/// text values with `VX`, then two letters naming the round, so that any of
/// them seen on screen can be looked for in the file. Never a key that
/// takes something away (clear, undo, Backspace).
fn typing(rng: &mut Rng, round: usize) -> Vec<(String, u64)> {
    let tag: String = [round / 16, round % 16]
        .iter()
        .map(|n| char::from(INERT_LETTERS[*n]))
        .collect();
    let mut keys: Vec<String> = Vec::new();
    while keys.len() < 400 {
        match rng.below(12) {
            0..=1 => keys.push("j".into()),
            2 => keys.push("k".into()),
            3 => keys.push("]".into()),
            4..=6 => keys.push((1 + rng.below(3)).to_string()),
            7 => keys.push(if rng.below(2) == 0 { "y" } else { "n" }.into()),
            8..=9 => {
                // A note: Enter first, so each round's text is a line of its own.
                keys.extend(["e", "\r", "W", "X"].map(String::from));
                keys.extend(tag.chars().map(String::from));
                for _ in 0..3 + rng.below(8) {
                    keys.push(rng.letter().to_string());
                }
                keys.push("\x1b".into());
            }
            _ => {
                // Enter edits a text item's value (elsewhere it only says so).
                keys.extend(["\r", "\r", "V", "X"].map(String::from));
                keys.extend(tag.chars().map(String::from));
                for _ in 0..3 + rng.below(8) {
                    keys.push(rng.letter().to_string());
                }
                keys.push("\x1b".into());
            }
        }
    }
    keys.into_iter().map(|k| (k, 1 + rng.below(4))).collect()
}

/// The screen once two looks a few milliseconds apart agree, so that it is
/// not caught half-way through being drawn.
fn settled_screen(pty: &Pty) -> Option<String> {
    for _ in 0..200 {
        let first = pty.screen();
        std::thread::sleep(Duration::from_millis(3));
        if pty.screen() == first {
            return Some(first);
        }
    }
    None
}

/// "17/30 answered" → 17.
fn answered_on(screen: &str) -> Option<u64> {
    let end = screen.find(&format!("/{KILL_ITEMS} answered"))?;
    let digits: String = screen[..end]
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.chars().rev().collect::<String>().parse().ok()
}

/// Every `WX…`/`VX…` word on screen (`prefix` chosen), as far as it shows.
fn typed_words(screen: &str, prefix: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut rest = screen;
    while let Some(at) = rest.find(prefix) {
        let word: String = rest[at..]
            .chars()
            .skip(2)
            .take_while(char::is_ascii_lowercase)
            .collect();
        // Two letters name the round; fewer means the word is cut at the screen's edge.
        if word.len() >= 2 {
            words.push(format!("{prefix}{word}"));
        }
        rest = &rest[at + prefix.len()..];
    }
    words
}

#[test]
fn kill_9_at_random_instants_never_tears_the_file_nor_loses_a_saved_change() {
    let dir = temp_dir("kill9");
    let _cleanup = Cleanup(dir.clone());
    let checklist = kill_checklist(&dir);
    let checklist = checklist.to_str().unwrap();
    let visits = dir.join("visits");
    let mut rng = Rng(0x7e57_c0de_5eed_0001);
    let mut id: Option<String> = None;
    let (mut torn_saves, mut blind_kills, mut most_answered, mut words) = (0, 0, 0, 0);
    let begun = Instant::now();

    for round in 0..KILLS {
        let mut pty = match &id {
            None => {
                let pty = Pty::spawn(
                    &["new", "--site", "Kill Test", "--auditor", "anna", checklist],
                    &dir,
                    80,
                    24,
                );
                pty.wait_for(&format!("0/{KILL_ITEMS} answered"));
                id = Some(id_of(&wait_for_visit_file(&dir)));
                pty
            }
            // The killed session left the visit unlocked: resuming works at once.
            Some(id) => {
                let pty = Pty::spawn(&["resume", id], &dir, 80, 24);
                pty.wait_for("resumed draft saved");
                pty
            }
        };
        let path = visits.join(format!("{}.toml", id.as_deref().unwrap()));
        // The new session removed what the killed one left mid-save (its
        // own first save may be in flight).
        let own = format!(".{}-", pty.pid());
        let temps: Vec<PathBuf> = files_ending(&visits, ".tmp")
            .into_iter()
            .filter(|t| !t.to_string_lossy().contains(&own))
            .collect();
        assert!(
            temps.is_empty(),
            "round {round}: stray temporary files survived the next start: {temps:?}"
        );

        let keys = typing(&mut rng, round);
        let mut keyboard = pty.keyboard();
        let stop = Arc::new(AtomicBool::new(false));
        let typist = {
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || {
                for (key, pause) in keys {
                    if stop.load(Ordering::Relaxed) || keyboard.write_all(key.as_bytes()).is_err() {
                        break;
                    }
                    std::thread::sleep(Duration::from_millis(pause));
                }
            })
        };
        std::thread::sleep(Duration::from_millis(20 + rng.below(300)));
        let seen = settled_screen(&pty);
        pty.signal(libc::SIGKILL);
        pty.wait_exit(Duration::from_secs(5))
            .expect("a killed process exits");
        stop.store(true, Ordering::Relaxed);
        typist.join().unwrap();

        if !files_ending(&visits, ".tmp").is_empty() {
            torn_saves += 1;
        }
        // Whole: the record reader takes it, and its score agrees with its answers.
        let record = read_record(&path);
        let answered = record
            .observations
            .iter()
            .filter(|o| o.answer.is_some())
            .count() as u64;
        assert_eq!(record.observations.len(), KILL_ITEMS, "round {round}");
        assert_eq!(
            record.score.answered, answered,
            "round {round}: [score] disagrees with the observations"
        );
        // Complete: everything the screen showed had been saved first.
        let Some(screen) = seen else {
            blind_kills += 1;
            continue;
        };
        let shown = answered_on(&screen)
            .unwrap_or_else(|| panic!("round {round}: no count on screen:\n{screen}"));
        assert!(
            answered >= shown,
            "round {round}: the screen showed {shown} answered, the file holds {answered}:\n{screen}"
        );
        most_answered = most_answered.max(answered);
        let notes: Vec<&str> = record
            .observations
            .iter()
            .map(|o| o.note.as_str())
            .collect();
        let texts: Vec<String> = record
            .observations
            .iter()
            .filter_map(|o| o.answer.as_ref().map(AnswerValue::as_text))
            .collect();
        words += typed_words(&screen, "WX").len() + typed_words(&screen, "VX").len();
        for word in typed_words(&screen, "WX") {
            assert!(
                notes.iter().any(|n| n.contains(&word)),
                "round {round}: note text {word:?} was on screen but is not in the file:\n{screen}\nnotes: {notes:?}"
            );
        }
        for word in typed_words(&screen, "VX") {
            assert!(
                texts.iter().any(|t| t.contains(&word)),
                "round {round}: text value {word:?} was on screen but is not in the file:\n{screen}\ntexts: {texts:?}"
            );
        }
    }

    // The last kill's leftovers go at the next start of any command.
    let list = run(&dir, &["list"]);
    assert!(
        list.status.success(),
        "{}",
        String::from_utf8_lossy(&list.stderr)
    );
    let temps = files_ending(&visits, ".tmp");
    assert!(
        temps.is_empty(),
        "stray temporary files after `list`: {temps:?}"
    );
    assert!(most_answered > 0, "no answer was ever saved");
    assert!(
        blind_kills < KILLS / 4,
        "{blind_kills} of {KILLS} kills came while the screen never settled"
    );
    eprintln!(
        "{KILLS} kills in {:.1} s: {torn_saves} caught a save in flight, {blind_kills} without a \
         settled screen; up to {most_answered}/{KILL_ITEMS} answered; {words} typed words seen \
         on screen were all in the file",
        begun.elapsed().as_secs_f64()
    );
}

// ---------------------------------------------------------------------------
// Hang-ups and signals

#[test]
fn a_hang_up_keeps_the_note_exits_within_a_second_and_frees_the_visit() {
    let dir = temp_dir("hangup");
    let _cleanup = Cleanup(dir.clone());
    let (mut pty, path) = start_visit(&dir);
    pty.send("2");
    pty.wait_for("1/60 answered");
    // The answer moved the cursor on; the note goes back to the item answered.
    pty.send("keClerk on the phone, no eye contact");
    pty.wait_for("no eye contact");

    let hung_up = Instant::now();
    pty.hang_up();
    assert_exits_in_time(&mut pty, "a hang-up");
    eprintln!("exited {:?} after the hang-up", hung_up.elapsed());

    let record = read_record(&path);
    assert_eq!(
        answer_of(&record, "hotel-check-in", "booking-channel").as_deref(),
        Some("email")
    );
    assert_eq!(
        note_of(&record, "hotel-check-in", "booking-channel"),
        "Clerk on the phone, no eye contact"
    );
    let mut again = Pty::spawn(&["resume", &id_of(&path)], &dir, 80, 24);
    again.wait_for("resumed draft saved");
    again.wait_for("no eye contact");
    again.send("q");
    assert!(again.wait_exit(Duration::from_secs(5)).is_some());
}

/// A terminal can die without SIGHUP reaching the program (it does not lead
/// the session, or a wrapper swallowed the signal): reading the dead terminal
/// must end the session, not spin on it.
#[test]
fn a_terminal_gone_without_sighup_ends_the_session_without_spinning() {
    let dir = temp_dir("deadtty");
    let _cleanup = Cleanup(dir.clone());
    let command = touchpoint_command(
        &["new", "--site", "Hotel Metropol", "--auditor", "anna"],
        &dir,
    );
    let mut pty = Pty::start(command, 80, 24, false);
    pty.wait_for("0/60 answered");
    pty.send("1");
    pty.wait_for("1/60 answered");
    let path = visit_files(&dir)[0].clone();

    pty.hang_up();
    assert_exits_in_time(&mut pty, "its terminal closed (no SIGHUP)");
    let record = read_record(&path);
    assert_eq!(
        answer_of(&record, "hotel-check-in", "booking-channel").as_deref(),
        Some("phone")
    );
    let again = Pty::spawn(&["resume", &id_of(&path)], &dir, 80, 24);
    again.wait_for("resumed draft saved");
}

#[test]
fn sigterm_and_sigint_exit_within_a_second_and_restore_the_terminal() {
    let dir = temp_dir("sigterm");
    let _cleanup = Cleanup(dir.clone());
    let (mut pty, path) = start_visit(&dir);
    let id = id_of(&path);
    let rounds = [
        (
            libc::SIGTERM,
            "SIGTERM",
            "j3",
            "reservation-contact",
            "exceeded",
        ),
        // Resuming opens where the answer above left the cursor: on the
        // next item, so `y` alone answers it.
        (libc::SIGINT, "SIGINT", "y", "reservation-confirmed", "yes"),
    ];
    for (answered, (signal, name, keys, item, answer)) in (1..).zip(rounds) {
        if answered > 1 {
            pty = Pty::spawn(&["resume", &id], &dir, 80, 24);
            pty.wait_for("resumed draft saved");
        }
        pty.send(keys);
        pty.wait_for(&format!("{answered}/60 answered"));
        let sent = Instant::now();
        pty.signal(signal);
        assert_exits_in_time(&mut pty, name);
        eprintln!("exited {:?} after {name}", sent.elapsed());
        // The terminal is still there, so it is given back as it was.
        let raw = pty.raw_output();
        assert!(
            raw.windows(8).any(|w| w == b"\x1b[?1049l"),
            "after {name} the alternate screen was not left"
        );
        let record = read_record(&path);
        assert_eq!(record.score.answered, answered, "after {name}");
        assert_eq!(
            answer_of(&record, "hotel-check-in", item).as_deref(),
            Some(answer),
            "after {name}"
        );
    }
}

// ---------------------------------------------------------------------------
// A save that fails

/// The screen's words with every run of spaces and line breaks made one
/// space, so that text wrapped over rows reads as one line.
fn flat(screen: &str) -> String {
    screen.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_failing_save_is_shown_kept_retried_and_never_damages_the_file() {
    let dir = temp_dir("failsave");
    let _cleanup = Cleanup(dir.clone());
    let (mut pty, path) = start_visit(&dir);
    pty.send("2");
    pty.wait_for("1/60 answered");
    let before = fs::read(&path).unwrap();

    // A file where the visits folder should be: even root cannot save there.
    let visits = dir.join("visits");
    let moved = dir.join("visits-moved");
    fs::rename(&visits, &moved).unwrap();
    fs::write(&visits, b"not a folder").unwrap();

    pty.send("2");
    pty.wait_for("2/60 answered");
    pty.wait_for("NOT SAVED:");
    // The reason is there to read whole, path and all, however long.
    let reason = format!("a file is in the way at {}", visits.display());
    assert!(flat(&pty.screen()).contains(&reason), "{}", pty.screen());
    // A later change retries, and fails the same way.
    pty.send("y");
    pty.wait_for("3/60 answered");
    pty.wait_for("NOT SAVED:");
    // The previous version is whole and untouched; no temporary file is left.
    let kept = moved.join(path.file_name().unwrap());
    assert_eq!(fs::read(&kept).unwrap(), before);
    assert!(files_ending(&moved, ".tmp").is_empty());

    // Leaving asks first; any key but y stays.
    pty.send("q");
    pty.wait_until("the question before leaving, and why", |screen| {
        let screen = flat(screen);
        screen.contains("Leave anyway and lose the last changes? y leaves")
            && screen.contains(&reason)
    });
    pty.send("n");
    pty.wait_gone("Leave anyway");
    assert!(pty.screen().contains("NOT SAVED:"), "{}", pty.screen());
    assert!(pty.child.try_wait().unwrap().is_none(), "n left the visit");

    // Put the folder back: the next change saves everything, and the banner goes.
    fs::remove_file(&visits).unwrap();
    fs::rename(&moved, &visits).unwrap();
    pty.send("2");
    pty.wait_for("4/60 answered");
    pty.wait_gone("NOT SAVED");
    pty.send("q");
    let status = pty
        .wait_exit(Duration::from_secs(5))
        .expect("q leaves once saved");
    assert!(status.success());
    let record = read_record(&path);
    assert_eq!(record.score.answered, 4);
    for (item, answer) in [
        ("booking-channel", "email"),
        ("reservation-contact", "met"),
        ("reservation-confirmed", "yes"),
        ("pre-arrival-message", "no"),
    ] {
        assert_eq!(
            answer_of(&record, "hotel-check-in", item).as_deref(),
            Some(answer),
            "{item}"
        );
    }
}

/// SIGTERM while a change is still unsaved: the program tries once more on
/// its way out, so a folder that came back in the meantime gets the change.
#[test]
fn a_signal_saves_what_is_pending_before_exiting() {
    let dir = temp_dir("pending");
    let _cleanup = Cleanup(dir.clone());
    let (mut pty, path) = start_visit(&dir);
    let visits = dir.join("visits");
    let moved = dir.join("visits-moved");
    fs::rename(&visits, &moved).unwrap();
    fs::write(&visits, b"not a folder").unwrap();
    pty.send("2");
    pty.wait_for("1/60 answered");
    pty.wait_for("NOT SAVED:");
    fs::remove_file(&visits).unwrap();
    fs::rename(&moved, &visits).unwrap();

    pty.signal(libc::SIGTERM);
    assert_exits_in_time(&mut pty, "SIGTERM");
    let record = read_record(&path);
    assert_eq!(
        answer_of(&record, "hotel-check-in", "booking-channel").as_deref(),
        Some("email")
    );
}

// ---------------------------------------------------------------------------
// Hostile and broken files

/// Whether `stderr` names `path` with a line and column: `path:12:5: …`.
fn names_place(stderr: &str, path: &Path) -> bool {
    let path = format!("{}:", path.display());
    stderr.match_indices(&path).any(|(at, _)| {
        let mut parts = stderr[at + path.len()..].splitn(3, ':');
        let line = parts.next().unwrap_or("");
        let column = parts.next().unwrap_or("");
        !line.is_empty()
            && line.chars().all(|c| c.is_ascii_digit())
            && !column.is_empty()
            && column.chars().all(|c| c.is_ascii_digit())
    })
}

#[test]
fn broken_and_hostile_visit_files_are_named_left_alone_and_hide_nothing() {
    let dir = temp_dir("hostile");
    let _cleanup = Cleanup(dir.clone());
    let (mut pty, good) = start_visit(&dir);
    pty.send("2");
    pty.wait_for("1/60 answered");
    pty.send("q");
    pty.wait_exit(Duration::from_secs(5)).expect("exits");
    let good_id = id_of(&good);
    let text = fs::read_to_string(&good).unwrap();
    let visits = dir.join("visits");
    let file = |id: &str| visits.join(format!("{id}.toml"));

    // (a) cut in half, as by a crash of some other tool
    let cut_id = "20261122T140312-cut-in-half-aaaa";
    let mut half = text.len() / 2;
    while !text.is_char_boundary(half) {
        half -= 1;
    }
    fs::write(file(cut_id), &text[..half]).unwrap();
    // (b) hand-edited into invalid TOML
    let bad_id = "20261122T140312-bad-toml-bbbb";
    let bad = text
        .replace(&good_id, bad_id)
        .replace("status = \"draft\"", "status = \"draft");
    assert_ne!(bad, text.replace(&good_id, bad_id));
    fs::write(file(bad_id), bad).unwrap();
    // (c) huge
    let huge_id = "20261122T140312-huge-cccc";
    let mut huge = text.replace(&good_id, huge_id).into_bytes();
    huge.resize(17 << 20, b'#');
    fs::write(file(huge_id), &huge).unwrap();
    // (d) whole, but its site would clear the screen if printed raw
    let evil_id = "20261122T140312-evil-dddd";
    let evil = text
        .replace(&good_id, evil_id)
        .replace("site = \"Hotel Metropol\"", "site = \"Evil\\u001b[2J Inn\"");
    fs::write(file(evil_id), &evil).unwrap();
    let snapshot = |id: &str| fs::read(file(id)).unwrap();
    let originals: Vec<(&str, Vec<u8>)> = [cut_id, bad_id, huge_id, evil_id]
        .into_iter()
        .map(|id| (id, snapshot(id)))
        .collect();

    let list = run(&dir, &["list"]);
    let stdout = String::from_utf8_lossy(&list.stdout);
    let stderr = String::from_utf8_lossy(&list.stderr);
    assert!(list.status.success(), "{stderr}");
    assert!(
        stdout.contains(&good_id),
        "the good visit is listed:\n{stdout}"
    );
    assert!(
        stdout.contains(evil_id),
        "the hostile but whole visit is listed:\n{stdout}"
    );
    assert!(stdout.contains("Evil␛[2J Inn"), "shown inert:\n{stdout}");
    assert!(!list.stdout.contains(&0x1b), "a raw ESC reached stdout");
    assert!(!list.stderr.contains(&0x1b), "a raw ESC reached stderr");
    for id in [cut_id, bad_id, huge_id] {
        assert!(!stdout.contains(id), "{id} is not listed as a visit");
    }
    assert!(names_place(&stderr, &file(cut_id)), "{stderr}");
    assert!(names_place(&stderr, &file(bad_id)), "{stderr}");
    assert!(
        stderr.contains(&file(huge_id).display().to_string()),
        "{stderr}"
    );

    for id in [cut_id, bad_id, huge_id] {
        // Twice: a refused resume leaves no lock that would block the next.
        for command in ["resume", "resume", "export"] {
            let out = run(&dir, &[command, id]);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{command} {id}: {stderr}");
            assert!(
                !stderr.contains("another session"),
                "{command} {id}: {stderr}"
            );
            if id == huge_id {
                assert!(
                    stderr.contains(&file(id).display().to_string()) && stderr.contains("MiB"),
                    "{command} {id}: {stderr}"
                );
            } else {
                assert!(names_place(&stderr, &file(id)), "{command} {id}: {stderr}");
            }
            assert!(!stderr.contains("panicked"), "{stderr}");
        }
    }
    for (id, bytes) in &originals {
        assert!(snapshot(id) == *bytes, "{id} was changed");
    }
    assert!(files_ending(&visits, ".tmp").is_empty());

    // The hostile one opens, its site drawn as a picture of the escape.
    let mut evil_pty = Pty::spawn(&["resume", evil_id], &dir, 80, 24);
    evil_pty.wait_for("resumed draft saved");
    evil_pty.wait_for("Evil␛[2J Inn");
    evil_pty.send("q");
    evil_pty.wait_exit(Duration::from_secs(5)).expect("exits");
    assert!(
        !evil_pty
            .raw_output()
            .windows(8)
            .any(|w| w == b"\x1b[2J Inn"),
        "the site's escape reached the terminal"
    );
}

// ---------------------------------------------------------------------------
// Resuming

#[test]
fn resume_says_when_the_draft_was_last_saved() {
    let dir = temp_dir("resumed");
    let _cleanup = Cleanup(dir.clone());
    let (mut pty, path) = start_visit(&dir);
    pty.send("2");
    pty.wait_for("1/60 answered");
    pty.send("q");
    pty.wait_exit(Duration::from_secs(5)).expect("exits");
    let table: toml::Table = toml::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    let updated = table["visit"]["updated"].as_datetime().unwrap().to_string();
    let clock = &updated[11..19];

    let mut again = Pty::spawn(&["resume", &id_of(&path)], &dir, 80, 24);
    again.wait_for(&format!("resumed draft saved {clock} (just now)"));
    again.send("q");
    again.wait_exit(Duration::from_secs(5)).expect("exits");

    // A draft left three minutes ago says so.
    let earlier: jiff::Timestamp = updated.parse().unwrap();
    let earlier = earlier - jiff::SignedDuration::from_secs(180);
    let text = fs::read_to_string(&path).unwrap();
    let moved = text.replace(
        &format!("updated = {updated}"),
        &format!("updated = {earlier}"),
    );
    assert_ne!(moved, text, "updated = {updated} is in the file");
    fs::write(&path, moved).unwrap();
    let later = Pty::spawn(&["resume"], &dir, 80, 24);
    later.wait_for("(3 minutes ago)");
}

// ---------------------------------------------------------------------------
// Private files

#[test]
fn files_are_private_under_umask_000() {
    let dir = temp_dir("umask");
    let _cleanup = Cleanup(dir.clone());
    let data = dir.join("share/touchpoint");
    let mut command = touchpoint_command(
        &["new", "--site", "Hotel Metropol", "--auditor", "anna"],
        &data,
    );
    // SAFETY: umask is async-signal-safe.
    unsafe {
        command.pre_exec(|| {
            libc::umask(0);
            Ok(())
        });
    }
    let mut pty = Pty::start(command, 80, 24, true);
    pty.wait_for("0/60 answered");
    pty.send("2");
    pty.wait_for("1/60 answered");
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o7777;
    let path = visit_files(&data)[0].clone();
    let lock = path.with_extension("lock");
    assert_eq!(mode(&data), 0o700, "data folder");
    assert_eq!(mode(&data.join("visits")), 0o700, "visits folder");
    assert_eq!(mode(&path), 0o600, "visit file");
    assert_eq!(mode(&lock), 0o600, "lock file");
    pty.send("q");
    pty.wait_exit(Duration::from_secs(5)).expect("exits");

    // An export holds the same notes, so it is as private.
    let out = dir.join("out.json");
    let mut export = touchpoint_command(
        &[
            "export",
            &id_of(&path),
            "--format",
            "json",
            "-o",
            out.to_str().unwrap(),
        ],
        &data,
    );
    // SAFETY: as above.
    unsafe {
        export.pre_exec(|| {
            libc::umask(0);
            Ok(())
        });
    }
    let done = export.output().unwrap();
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert_eq!(mode(&out), 0o600, "exported file");
}

// Issue 17 #14. An empty TOUCHPOINT_DATA_DIR is named as the culprit, not
// `--data-dir`, which was never typed; `--version` still answers.
#[test]
fn an_empty_data_dir_variable_is_named() {
    let data = temp_dir("empty-data-dir");
    let _cleanup = common::Cleanup(data.clone());
    let out = common::touchpoint_command(&["list"], &data)
        .env("TOUCHPOINT_DATA_DIR", "")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("TOUCHPOINT_DATA_DIR is set but empty"),
        "{err}"
    );
    assert!(!err.contains("--data-dir"), "{err}");
    let out = common::touchpoint_command(&["--version"], &data)
        .env("TOUCHPOINT_DATA_DIR", "")
        .output()
        .unwrap();
    assert!(out.status.success());
}

// Issue 17 #14. A record whose file name and `[visit] id` differ is listed
// under its file name (the name `resume` and `export` find it by), with a
// warning naming both.
#[test]
fn a_record_whose_id_differs_from_its_file_name_is_listed_under_the_file_name() {
    let data = temp_dir("id-differs");
    let _cleanup = common::Cleanup(data.clone());
    let visits = data.join("visits");
    fs::create_dir_all(&visits).unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/records/a-metropol-october.toml");
    let text = fs::read_to_string(fixture).unwrap();
    assert!(text.contains("id = \"20261005T140000-hotel-metropol-a001\""));
    fs::write(visits.join("renamed-by-hand.toml"), &text).unwrap();
    let out = common::run(&data, &["list"]);
    let listed = String::from_utf8_lossy(&out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(listed.contains("renamed-by-hand"), "{listed}");
    assert!(!listed.contains("hotel-metropol-a001"), "{listed}");
    assert!(
        err.contains("renamed-by-hand.toml: its [visit] id is 20261005T140000-hotel-metropol-a001"),
        "{err}"
    );
    // And the name listed is the one the other commands take.
    let out = common::run(&data, &["export", "renamed-by-hand", "--format", "csv"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

// Issue 17 #14. A final visit on a read-only disk opens read-only: no lock
// file can be made there, and none is needed, since nothing can change it.
// Needs root (a tmpfs mounted, then remounted read-only).
#[test]
fn a_final_visit_on_a_read_only_disk_opens_read_only() {
    let dir = temp_dir("read-only-disk");
    let _cleanup = common::Cleanup(dir.clone());
    let disk = dir.join("disk");
    fs::create_dir(&disk).unwrap();
    let mount = |args: &[&str]| {
        std::process::Command::new("mount")
            .args(args)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if !mount(&["-t", "tmpfs", "tmpfs", disk.to_str().unwrap()]) {
        eprintln!("skipped: mounting a tmpfs needs root");
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI runs as root"
        );
        return;
    }
    struct Unmount(PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(&self.0).status();
        }
    }
    let _unmount = Unmount(disk.clone());
    let data = disk.join("data");
    let store = touchpoint::store::Store::open(&data).unwrap();
    let now = jiff::ZonedDateTime::now();
    let checklists = vec![
        touchpoint::checklist::bundled_by_id("hotel-check-in")
            .unwrap()
            .unwrap(),
    ];
    let mut visit =
        touchpoint::visit::Visit::new("Read Only Hotel", "anna", checklists, &now, "7f3a");
    visit.finalize(&now).unwrap();
    let id = visit.header.id.clone();
    let text = touchpoint::record::try_to_toml(&visit).unwrap();
    store.save(&id, text.as_bytes()).unwrap();
    assert!(mount(&["-o", "remount,ro", disk.to_str().unwrap()]));

    let mut pty = Pty::spawn(&["resume", &id], &data, 80, 24);
    pty.wait_for("Read Only Hotel");
    pty.send("q");
    let status = pty
        .wait_exit(Duration::from_secs(5))
        .expect("touchpoint leaves on q");
    assert!(status.success(), "{}", pty.screen());
    assert!(!data.join(format!("visits/{id}.lock")).exists());
}
