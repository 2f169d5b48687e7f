//! The stopwatch of the real binary in a pseudo-terminal: it survives a
//! `kill -9`, and the time that passed while the program was dead counts.

mod common;

use std::time::{Duration, Instant};

use common::{Cleanup, Pty, id_of, read_record, temp_dir, visit_files};

#[test]
fn a_stopwatch_survives_kill_9_and_counts_the_time_it_was_dead() {
    let data = temp_dir("stopwatch-kill");
    let _cleanup = Cleanup(data.clone());
    let mut pty = Pty::spawn(
        &["new", "--site", "Hotel Metropol", "--auditor", "anna"],
        &data,
        80,
        24,
    );
    pty.wait_for("0/60 answered");
    pty.send("/reaching the desk\r");
    pty.wait_for("◷ timed: t starts the stopwatch");
    pty.send("t");
    pty.wait_for("◷ 0:00 Time from reaching the desk");
    let started = Instant::now();
    // The draft on disk holds the running stopwatch before the next key.
    let path = visit_files(&data).pop().expect("a visit file");
    let record = read_record(&path);
    assert_eq!(record.timers.len(), 1, "the draft lists the stopwatch");
    assert_eq!(record.timers[0].item, "desk-greeting-wait");
    pty.wait_for("◷ 0:01");

    pty.signal(libc::SIGKILL);
    pty.wait_exit(Duration::from_secs(5))
        .expect("a killed process exits");
    drop(pty);
    // Dead for a while, as after a crash or a flat battery.
    std::thread::sleep(Duration::from_secs(2));

    let id = id_of(&path);
    let mut pty = Pty::spawn(&["resume", &id], &data, 80, 24);
    pty.wait_for("resumed draft saved");
    // Resuming shows it still running, the dead seconds included.
    pty.wait_until("the stopwatch to show 3 seconds or more", |screen| {
        ["◷ 0:03", "◷ 0:04", "◷ 0:05", "◷ 0:06"]
            .iter()
            .any(|t| screen.contains(t))
    });
    pty.send("/reaching the desk\r");
    pty.wait_for("◷ running since");
    pty.send("t");
    pty.wait_for("stopped at");
    let elapsed = started.elapsed().as_secs_f64();
    pty.send("q");
    let status = pty
        .wait_exit(Duration::from_secs(5))
        .expect("touchpoint exits on q");
    assert!(status.success());

    let record = read_record(&path);
    assert!(record.timers.is_empty(), "stopping took it off the draft");
    let greeted = record
        .observation("hotel-check-in", "desk-greeting-wait")
        .expect("the observation");
    let timed = greeted.timed.expect("the measured seconds are recorded");
    assert!(
        (3.0..=elapsed + 0.5).contains(&timed),
        "timed {timed} s; {elapsed:.1} s passed from start to stop"
    );
    // Well under the 30 seconds of the first option's `within`.
    assert_eq!(
        greeted.answer.as_ref().map(|a| a.as_text()),
        Some("under-30s".to_owned())
    );
}
