//! The smaller slips of issue 17 (item 14), each through the built binary:
//! a clock set back before finalizing, the auditor name the home screen
//! fills in, keys typed right after growing from too small a terminal,
//! times recorded in another offset, and characters that draw nothing.

use crate::common;

use std::path::Path;
use std::process::Output;
use std::time::Duration;

use common::{Cleanup, Pty, id_of, temp_dir, touchpoint_command, wait_for_visit_file};

/// `touchpoint ARGS` without a terminal, in the time zone `tz` (a POSIX
/// TZ string: no time-zone database needed).
fn run_in(data: &Path, tz: &str, args: &[&str]) -> Output {
    touchpoint_command(args, data)
        .env("TZ", tz)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run touchpoint")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A new visit at Hotel Metropol, made in time zone `tz` and left.
fn a_visit_left(data: &Path, tz: &str) -> String {
    let mut pty = Pty::spawn_with(
        &["new", "--site", "Hotel Metropol", "--auditor", "anna"],
        data,
        80,
        24,
        &[("TZ", tz)],
    );
    pty.wait_for("0/60 answered");
    pty.send("2");
    pty.wait_for("1/60 answered");
    let file = wait_for_visit_file(data);
    pty.send("q");
    let status = pty.wait_exit(Duration::from_secs(5)).expect("q leaves");
    assert!(status.success());
    id_of(&file)
}

/// The clock set back between starting and finalizing: `finished` before
/// `started` is kept as recorded, flagged on the screen, by `export`, and
/// in the debrief, whose duration is "unknown" rather than 0 or negative.
#[test]
fn a_visit_finalized_before_it_started_is_kept_and_flagged() {
    let data = temp_dir("clock-back");
    let _cleanup = Cleanup(data.clone());
    let id = a_visit_left(&data, "UTC0");
    // The visit "started" two hours from now: as if the clock had been
    // set back two hours since.
    let path = data.join("visits").join(format!("{id}.toml"));
    let record = std::fs::read_to_string(&path).unwrap();
    let later = jiff::Timestamp::now()
        .checked_add(jiff::SignedDuration::from_hours(2))
        .unwrap()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .strftime("%Y-%m-%dT%H:%M:%S+00:00")
        .to_string();
    let edited: String = record
        .lines()
        .map(|line| {
            if line.starts_with("started = ") {
                format!("started = {later}\n")
            } else {
                format!("{line}\n")
            }
        })
        .collect();
    assert_ne!(edited, record);
    std::fs::write(&path, &edited).unwrap();

    let mut pty = Pty::spawn_with(&["resume", &id], &data, 100, 30, &[("TZ", "UTC0")]);
    pty.wait_for("1/60 answered");
    pty.send("F");
    pty.wait_for("Finalize");
    pty.send("y");
    pty.wait_for("Finalize with");
    pty.send("Y");
    pty.wait_for("FINAL");
    let flat: String = pty.screen().lines().map(str::trim_end).collect();
    assert!(flat.contains("clock was set back"), "{}", pty.screen());
    pty.send("q");
    assert!(
        pty.wait_exit(Duration::from_secs(5))
            .expect("q leaves")
            .success()
    );

    // Recorded as it happened: both times kept.
    let record: toml::Table = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let visit = record["visit"].as_table().unwrap();
    assert_eq!(visit["started"].to_string(), later);
    assert!(visit["finished"].to_string() < later);

    let out = run_in(&data, "UTC0", &["export", &id, "--format", "html"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("warning: the computer's clock was set back: finalized"),
        "{}",
        text(&out.stderr)
    );
    let html = text(&out.stdout);
    assert!(
        html.contains("unknown: the computer&#39;s clock was set back")
            || html.contains("unknown: the computer's clock was set back"),
        "no flag in the debrief"
    );
    assert!(!html.contains(">-"), "a negative number in the debrief");
}

/// A login name the visit would refuse (a control character in `USER`)
/// is not filled in: the next acceptable source is (`LOGNAME`), on the
/// home screen and for `new` without `--auditor`.
#[test]
fn the_home_screen_fills_in_only_an_auditor_name_it_accepts() {
    let data = temp_dir("auditor-name");
    let _cleanup = Cleanup(data.clone());
    let env = [("USER", "ev\x1b[7mil"), ("LOGNAME", "anna")];
    let mut home = Pty::spawn_with(&[], &data, 80, 24, &env);
    home.wait_for("Auditor  anna");
    home.send("\x1b");
    home.wait_exit(Duration::from_secs(5)).expect("Esc leaves");

    let mut pty = Pty::spawn_with(&["new", "--site", "Hotel Metropol"], &data, 80, 24, &env);
    pty.wait_for("0/60 answered");
    let file = wait_for_visit_file(&data);
    pty.send("q");
    assert!(
        pty.wait_exit(Duration::from_secs(5))
            .expect("q leaves")
            .success()
    );
    let record = common::read_record(&file);
    assert_eq!(record.header.auditor, "anna");
}

/// Keys typed right after the terminal grows from too small are acted on.
/// A key typed at once after the resize reaches the program before the
/// resize event does (crossterm reads the terminal before its signal
/// pipe): the program used to drop it, its last frame being too small
/// (5 runs in 5 before the fix).
#[test]
fn keys_typed_right_after_growing_from_too_small_are_kept() {
    let data = temp_dir("grown");
    let _cleanup = Cleanup(data.clone());
    let mut pty = Pty::spawn(
        &["new", "--site", "Hotel Metropol", "--auditor", "anna"],
        &data,
        52,
        14,
    );
    pty.wait_for("need 40×20 or 60×16, have 52×14");
    wait_for_visit_file(&data);
    std::thread::sleep(Duration::from_millis(200));
    pty.resize(80, 24);
    pty.send("2");
    pty.wait_for("1/60 answered");
    pty.send("q");
    assert!(
        pty.wait_exit(Duration::from_secs(5))
            .expect("q leaves")
            .success()
    );
}

/// A visit saved at +03:00 and listed or resumed at +00:00 shows its
/// offset; in its own offset it does not.
#[test]
fn times_from_another_offset_show_it_in_list_and_resume() {
    let data = temp_dir("offset");
    let _cleanup = Cleanup(data.clone());
    let id = a_visit_left(&data, "MSK-3");

    let there = run_in(&data, "MSK-3", &["list"]);
    assert!(there.status.success());
    assert!(
        !text(&there.stdout).contains("+03:00"),
        "{}",
        text(&there.stdout)
    );
    let here = run_in(&data, "UTC0", &["list"]);
    assert!(here.status.success());
    assert!(
        text(&here.stdout).contains(" +03:00"),
        "{}",
        text(&here.stdout)
    );

    let mut pty = Pty::spawn_with(&["resume", &id], &data, 120, 30, &[("TZ", "UTC0")]);
    pty.wait_for("1/60 answered");
    let flat: String = pty.screen().lines().map(str::trim_end).collect();
    assert!(flat.contains("+03:00"), "{}", pty.screen());
    pty.send("q");
    assert!(
        pty.wait_exit(Duration::from_secs(5))
            .expect("q leaves")
            .success()
    );
}

/// Characters that draw nothing but pass for text — the soft hyphen, tag
/// characters, Hangul fillers, U+180E, U+034F, variation selectors — get
/// the invisible-character warning of `validate`, with line and column,
/// and never reach the terminal raw.
#[test]
fn validate_warns_about_fillers_tags_and_variation_selectors() {
    let data = temp_dir("fillers");
    let _cleanup = Cleanup(data.clone());
    let sly = [
        '\u{ad}',
        '\u{e0041}',
        '\u{115f}',
        '\u{1160}',
        '\u{3164}',
        '\u{ffa0}',
        '\u{180e}',
        '\u{34f}',
        '\u{fe0f}',
        '\u{e0100}',
    ];
    let mut checklist = String::from(
        "[checklist]\nid = \"lobby\"\ntitle = \"Lobby\"\ntouchpoint = \"check-in\"\n\n\
         [[section]]\nid = \"desk\"\ntitle = \"Desk\"\n",
    );
    for (n, c) in sly.iter().enumerate() {
        checklist.push_str(&format!(
            "\n[[section.item]]\nid = \"i{n}\"\nprompt = \"Greeted{c} at the door\"\n"
        ));
    }
    let path = data.join("lobby.toml");
    std::fs::write(&path, &checklist).unwrap();
    let out = run_in(&data, "UTC0", &["validate", path.to_str().unwrap()]);
    let message = text(&out.stderr);
    assert!(out.status.success(), "a warning is not an error: {message}");
    for (n, c) in sly.iter().enumerate() {
        // The prompt is on line 12 + 4n; the character at column 18.
        let line = 12 + 4 * n;
        let expected = format!(
            "{}:{line}:18: warning: the invisible character U+{:04X}",
            path.display(),
            *c as u32
        );
        assert!(message.contains(&expected), "{expected}\n{message}");
        assert!(!message.contains(*c), "U+{:04X} printed raw", *c as u32);
    }
}
