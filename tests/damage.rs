//! Issue 17, through the built binary: a config file that is not a file,
//! an unknown id, a damaged journal, a compaction that fails.

use crate::common;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{Cleanup, temp_dir, touchpoint_command};

/// Runs `command` without a terminal; kills it and fails the test if it
/// has not ended within `limit` (a hang must fail, not hang the test).
fn run_within(mut command: Command, limit: Duration, what: &str) -> Output {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start touchpoint");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what}: still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn config_file(data: &Path) -> std::path::PathBuf {
    let folder = data.join("config").join("touchpoint");
    std::fs::create_dir_all(&folder).unwrap();
    folder.join("config.toml")
}

#[test]
fn a_config_that_is_a_fifo_or_a_link_to_dev_zero_hangs_no_command() {
    let dir = temp_dir("config-fifo");
    let _cleanup = Cleanup(dir.clone());
    let config = config_file(&dir);
    let fifo = std::ffi::CString::new(config.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo reads a valid C string.
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o600) }, 0);
    let check = |what: &str| {
        let version = run_within(
            touchpoint_command(&["--version"], &dir),
            Duration::from_secs(10),
            &format!("--version with config.toml {what}"),
        );
        assert!(version.status.success(), "{version:?}");
        let list = run_within(
            touchpoint_command(&["list"], &dir),
            Duration::from_secs(10),
            &format!("list with config.toml {what}"),
        );
        let stderr = String::from_utf8_lossy(&list.stderr);
        // `list` needs no config, and says nothing of it; a command that
        // reads it names the file and why.
        let resume = run_within(
            touchpoint_command(&["resume", "nothing-here"], &dir),
            Duration::from_secs(10),
            &format!("resume with config.toml {what}"),
        );
        let said = String::from_utf8_lossy(&resume.stderr);
        assert!(!resume.status.success());
        assert!(
            said.contains("config.toml") && said.contains("not a regular file"),
            "{what}: {said}\n(list said: {stderr})"
        );
    };
    check("a FIFO");
    std::fs::remove_file(&config).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &config).unwrap();
    check("a link to /dev/zero");
}

#[test]
fn resuming_an_unknown_id_leaves_no_lock_behind() {
    let dir = temp_dir("unknown-lock");
    let _cleanup = Cleanup(dir.clone());
    let out = run_within(
        touchpoint_command(&["resume", "2026-01-01-nowhere-0000"], &dir),
        Duration::from_secs(10),
        "resume of an unknown id",
    );
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("2026-01-01-nowhere-0000"), "{said}");
    let left: Vec<_> = std::fs::read_dir(dir.join("visits"))
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "left in visits/: {left:?}");
}

/// After a compaction fails (the record cannot be rewritten), every later
/// change still goes to the journal, and a kill -9 loses none of them.
#[test]
fn after_a_failed_compaction_changes_still_reach_the_journal_and_survive_kill_9() {
    let dir = temp_dir("compaction-fails");
    let _cleanup = Cleanup(dir.clone());
    let (mut pty, path) = common::new_visit(&dir);
    let record_len = std::fs::metadata(&path).unwrap().len();
    // Any record with an answer more is longer than this one.
    common::limit_file_size(pty.pid(), record_len);
    let plan = common::plan();
    let steps = &plan[0];
    pty.send(&steps[0].keys);
    pty.wait_for("1/60 answered");
    // The auditor pauses: the journal is folded in, which fails.
    std::thread::sleep(Duration::from_millis(4000));
    for (n, step) in steps[1..5].iter().enumerate() {
        pty.send(&step.keys);
        let shown = format!("· {}/", n + 2);
        pty.wait_until(&shown, |s| s.contains(&shown));
    }
    let screen = pty.screen();
    assert!(
        !screen.contains("NOT SAVED"),
        "the journal took every change:\n{screen}"
    );
    pty.signal(libc::SIGKILL);
    let _ = pty.wait_exit(Duration::from_secs(5));
    // The record was never rewritten; the journal holds the five answers.
    assert_eq!(std::fs::metadata(&path).unwrap().len(), record_len);
    let record = common::read_record(&path);
    assert_eq!(record.score.answered, 5);
    for step in &steps[..5] {
        let answer = record
            .observation(&step.checklist, &step.item)
            .and_then(|o| o.answer.as_ref())
            .map(touchpoint::record::AnswerValue::as_text);
        assert_eq!(
            answer.as_deref(),
            Some(step.expected.as_str()),
            "{}",
            step.item
        );
    }
}

/// A visit with `answers` items answered from the plan, each change in its
/// journal, then killed so that the journal stays beside the record. With
/// `pause_after_first`, the auditor pauses after the first answer, so the
/// record holds it and the journal the rest.
fn killed_visit(dir: &Path, answers: usize, pause_after_first: bool) -> std::path::PathBuf {
    let (mut pty, path) = common::new_visit(dir);
    let plan = common::plan();
    for (n, step) in plan[0][..answers].iter().enumerate() {
        pty.send(&step.keys);
        let shown = format!("· {}/", n + 1);
        pty.wait_until(&shown, |s| s.contains(&shown));
        if n == 0 && pause_after_first {
            std::thread::sleep(Duration::from_millis(4000));
        }
    }
    pty.signal(libc::SIGKILL);
    let _ = pty.wait_exit(Duration::from_secs(5));
    path
}

fn damaged_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found: Vec<_> = std::fs::read_dir(dir.join("visits"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains(".journal.damaged-"))
        .collect();
    found.sort();
    found
}

/// One flipped bit in the middle of the journal costs that change alone:
/// `list` and `export` say how many changes could not be applied,
/// `resume` says so too and keeps the journal aside before replacing it.
#[test]
fn a_damaged_journal_line_costs_that_change_alone_and_is_told_and_kept() {
    let dir = temp_dir("journal-damaged");
    let _cleanup = Cleanup(dir.clone());
    let path = killed_visit(&dir, 5, false);
    let id = common::id_of(&path);
    let journal = path.with_extension("journal");
    let mut bytes = std::fs::read(&journal).unwrap();
    let starts: Vec<usize> = std::iter::once(0)
        .chain(
            bytes
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\n')
                .map(|(i, _)| i + 1),
        )
        .collect();
    assert_eq!(starts.len(), 7, "a head and five changes");
    // One bit of the second change's JSON.
    bytes[starts[2] + 30] ^= 1;
    std::fs::write(&journal, &bytes).unwrap();

    let list = common::run(&dir, &["list"]);
    let (out, err) = (
        String::from_utf8_lossy(&list.stdout),
        String::from_utf8_lossy(&list.stderr),
    );
    assert!(out.contains(" 4/"), "four answers of five stand:\n{out}");
    assert!(
        err.contains("1 change in its journal could not be applied"),
        "{err}"
    );
    let export = common::run(&dir, &["export", &id, "-o", "-"]);
    let err = String::from_utf8_lossy(&export.stderr);
    assert!(
        err.contains("1 change in its journal could not be applied"),
        "{err}"
    );
    assert!(damaged_files(&dir).is_empty(), "readers write nothing");

    let mut pty = common::Pty::spawn(&["resume", &id], &dir, 400, 24);
    pty.wait_for("could not be applied");
    pty.wait_for("kept in");
    let kept = damaged_files(&dir);
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(std::fs::read(&kept[0]).unwrap(), bytes, "kept as it was");
    pty.send("q");
    assert!(pty.wait_exit(Duration::from_secs(10)).is_some());
    let record = common::read_record(&path);
    assert_eq!(record.score.answered, 4);
    let plan = common::plan();
    for (n, step) in plan[0][..5].iter().enumerate() {
        let answer = record
            .observation(&step.checklist, &step.item)
            .and_then(|o| o.answer.as_ref())
            .map(touchpoint::record::AnswerValue::as_text);
        let expected = (n != 1).then(|| step.expected.clone());
        assert_eq!(answer, expected, "{}", step.item);
    }
    // Still there after the journal was replaced and removed.
    assert_eq!(damaged_files(&dir), kept);
}

/// The record fixed by hand after a crash (a typo in the site): the
/// journal's later changes are applied where they fit, and it is said.
#[test]
fn a_record_edited_since_its_journal_began_keeps_the_journals_changes() {
    let dir = temp_dir("journal-edited");
    let _cleanup = Cleanup(dir.clone());
    let path = killed_visit(&dir, 4, true);
    let id = common::id_of(&path);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("Hotel Metropol"));
    std::fs::write(&path, text.replace("Hotel Metropol", "Hotel Metropole")).unwrap();

    let list = common::run(&dir, &["list"]);
    let (out, err) = (
        String::from_utf8_lossy(&list.stdout),
        String::from_utf8_lossy(&list.stderr),
    );
    assert!(
        out.contains("Hotel Metropole") && out.contains(" 4/"),
        "{out}"
    );
    assert!(err.contains("changed since its journal began"), "{err}");

    let mut pty = common::Pty::spawn(&["resume", &id], &dir, 400, 24);
    pty.wait_for("changed since its journal began");
    pty.send("q");
    assert!(pty.wait_exit(Duration::from_secs(10)).is_some());
    let record = common::read_record(&path);
    assert_eq!(record.score.answered, 4);
    assert_eq!(record.header.site, "Hotel Metropole");
    assert_eq!(damaged_files(&dir).len(), 1);
}

/// A paste larger than a note may take is refused at once, with a message,
/// and changes nothing; a paste within it lands whole.
#[test]
fn a_paste_too_large_for_a_note_is_refused_when_pasted() {
    let dir = temp_dir("paste-cap");
    let _cleanup = Cleanup(dir.clone());
    let (mut pty, path) = common::new_visit(&dir);
    pty.send("e");
    pty.wait_for("Ctrl-J");
    let big = "a".repeat(touchpoint::visit::MAX_TEXT_BYTES + 1);
    pty.send(&format!("\x1b[200~{big}\x1b[201~"));
    pty.wait_for("nothing was pasted");
    pty.send("\x1b[200~fits\x1b[201~");
    pty.wait_for("fits");
    pty.send("\x1b");
    pty.send("q");
    pty.wait_exit(Duration::from_secs(20)).expect("exits");
    let record = common::read_record(&path);
    assert_eq!(record.observations[0].note, "fits");
}

/// The wall clock stepped by 2 hours during a timing (NTP, a hand) changes
/// nothing: the stopwatch runs on the monotonic clock. Across a restart
/// the wall clock is all there is: set back an hour, the stopwatch gives
/// 0 s and the item's note says the measure is in doubt.
#[test]
fn the_stopwatch_ignores_a_stepped_wall_clock_and_flags_one_gone_back_across_a_restart() {
    let dir = temp_dir("stopwatch-clock");
    let _cleanup = Cleanup(dir.clone());
    std::fs::create_dir_all(&dir).unwrap();
    let shift = dir.join("wall-shift");
    std::fs::write(&shift, "0").unwrap();
    let env = [("TOUCHPOINT_TEST_WALL_SHIFT_FILE", shift.to_str().unwrap())];
    let mut pty = common::Pty::spawn_with(
        &["new", "--site", "Hotel Metropol", "--auditor", "anna"],
        &dir,
        80,
        24,
        &env,
    );
    pty.wait_for("0/60 answered");
    let path = common::wait_for_visit_file(&dir);
    let time_the_desk = |pty: &mut common::Pty| {
        pty.send("/time from reaching the desk\r");
        pty.wait_for("◷ timed: t starts the stopwatch");
        pty.send("t");
        pty.wait_for("◷ 0:00 Time from reaching the desk");
    };
    time_the_desk(&mut pty);
    pty.wait_for("◷ 0:01");
    std::fs::write(&shift, "7200").unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    assert!(!pty.screen().contains("◷ 2:00"), "{}", pty.screen());
    pty.send("/time from reaching the desk\r");
    pty.wait_for("◷ running since");
    pty.send("t");
    pty.wait_for("stopped at");
    pty.send("q");
    pty.wait_exit(Duration::from_secs(10)).expect("exits on q");
    let record = common::read_record(&path);
    let desk = record
        .observation("hotel-check-in", "desk-greeting-wait")
        .unwrap();
    let timed = desk.timed.expect("timed");
    assert!((1.0..10.0).contains(&timed), "timed {timed} s");
    assert_eq!(
        desk.answer.as_ref().map(|a| a.as_text()).as_deref(),
        Some("under-30s")
    );

    // A restart, with the clock set back an hour meanwhile.
    std::fs::write(&shift, "0").unwrap();
    let id = common::id_of(&path);
    let mut pty = common::Pty::spawn_with(&["resume", &id], &dir, 80, 24, &env);
    pty.wait_for("resumed draft saved");
    time_the_desk(&mut pty);
    pty.wait_for("◷ 0:01");
    pty.signal(libc::SIGKILL);
    let _ = pty.wait_exit(Duration::from_secs(5));
    std::fs::write(&shift, "-3600").unwrap();
    let mut pty = common::Pty::spawn_with(&["resume", &id], &dir, 200, 24, &env);
    pty.wait_for("resumed draft saved");
    pty.send("/time from reaching the desk\r");
    pty.wait_for("◷ running since");
    pty.send("t");
    pty.wait_for("stopped at");
    pty.wait_for("the clock went back");
    pty.send("q");
    pty.wait_exit(Duration::from_secs(10)).expect("exits on q");
    let record = common::read_record(&path);
    let desk = record
        .observation("hotel-check-in", "desk-greeting-wait")
        .unwrap();
    assert_eq!(desk.timed, Some(0.0));
    assert!(desk.note.contains("the clock went back"), "{:?}", desk.note);
}
