//! The stopwatch of the real binary in a pseudo-terminal: it survives a
//! `kill -9`, and the time that passed while the program was dead counts.

use crate::common;

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
    // Resuming opens on the item it was left on: the stopwatch's.
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

// ---------------------------------------------------------------------------
// The visit screen with an injected clock: no sleeps.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use jiff::ZonedDateTime;
use jiff::tz::{TimeZone, offset};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use touchpoint::checklist;
use touchpoint::record;
use touchpoint::tui::app::App;
use touchpoint::tui::theme::Theme;
use touchpoint::tui::view;
use touchpoint::visit::{Answer, Visit};

/// A screen over the bundled hotel stay whose clock reads 14:03 plus the
/// milliseconds in the returned cell, and whose saves are kept as records.
/// The records saved, newest last.
type Saves = Rc<RefCell<Vec<String>>>;

fn screen() -> (App, Rc<Cell<i64>>, Saves) {
    let base = jiff::civil::date(2026, 11, 22)
        .at(14, 3, 0, 0)
        .to_zoned_datetime(TimeZone::fixed(offset(3)))
        .unwrap();
    let millis = Rc::new(Cell::new(0));
    let saves = Rc::new(RefCell::new(Vec::new()));
    let checklists = checklist::DEFAULT_STAY
        .iter()
        .map(|id| checklist::bundled_by_id(id).unwrap().unwrap())
        .collect();
    let visit = Visit::new("Hotel Metropol", "anna", checklists, &base, "7f3a");
    let clock = {
        let millis = Rc::clone(&millis);
        move || -> ZonedDateTime {
            base.checked_add(jiff::SignedDuration::from_millis(millis.get()))
                .unwrap()
        }
    };
    let saver = {
        let saves = Rc::clone(&saves);
        move |v: &mut Visit| {
            saves.borrow_mut().push(record::to_toml(v));
            Ok(())
        }
    };
    let app = App::new(visit, Box::new(saver), Box::new(clock), Theme::new(false));
    (app, millis, saves)
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            c => KeyCode::Char(c),
        };
        app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    }
}

fn draw(app: &App) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|frame| view::draw(frame, app)).unwrap();
    terminal.backend().buffer().clone()
}

fn text(buffer: &Buffer) -> String {
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                + "\n"
        })
        .collect()
}

fn answer(app: &App) -> Option<Answer> {
    app.visit
        .entry(app.selected())
        .and_then(|e| e.answer.clone())
}

/// The answer of item `id` of the check-in, wherever the cursor is.
fn answer_of(app: &App, id: &str) -> Option<Answer> {
    let at = app.visit.find("hotel-check-in", id).unwrap();
    app.visit.entry(at).and_then(|e| e.answer.clone())
}

#[test]
fn t_starts_and_stops_a_stopwatch_that_answers_the_set_by_its_within() {
    let (mut app, millis, saves) = screen();
    press(&mut app, "/reaching the desk\n");
    assert!(app.stopwatch_seconds().is_empty(), "nothing ticks yet");
    press(&mut app, "t");
    // Started, and on disk before the next key.
    let saved = saves.borrow().last().cloned().unwrap();
    assert!(saved.contains("[[timers]]\nchecklist = \"hotel-check-in\"\nitem = \"desk-greeting-wait\"\nstarted = 2026-11-22T14:03:00+03:00\n"), "{saved}");
    millis.set(42_300);
    assert_eq!(app.stopwatch_seconds(), vec![42]);
    let shown = text(&draw(&app));
    assert!(
        shown
            .lines()
            .nth(2)
            .unwrap()
            .starts_with("◷ 0:42 Time from reaching the desk to being greeted"),
        "{shown}"
    );
    assert!(shown.contains("◷ running since 14:03:00"), "{shown}");
    press(&mut app, "t");
    assert_eq!(
        answer_of(&app, "desk-greeting-wait"),
        Some(Answer::Choice("30-60s".into()))
    );
    // Stopping answers, and the cursor moves on as after any choice.
    let timed = app
        .visit
        .find("hotel-check-in", "desk-greeting-wait")
        .unwrap();
    assert!(app.selected() > timed);
    let entry = app.visit.entry(timed).unwrap();
    assert_eq!(entry.timed, Some(42.3));
    assert_eq!(
        app.message.as_deref(),
        Some("stopped at 0:42: 30–60 seconds — Time from reaching the desk to bein… · u undoes")
    );
    assert!(app.visit.timers().is_empty());
    let shown = text(&draw(&app));
    assert!(
        !shown.contains("◷ 0:"),
        "the stopwatch row is gone:\n{shown}"
    );
    press(&mut app, "k");
    let shown = text(&draw(&app));
    assert!(shown.contains("◷ measured 0:42 (42.3 s)"), "{shown}");
    // u takes the answer back.
    press(&mut app, "u");
    assert_eq!(answer(&app), None);
}

#[test]
fn a_number_is_timed_in_its_unit_against_its_standard() {
    let (mut app, millis, _) = screen();
    press(&mut app, "/key in hand\nt");
    millis.set(7 * 60_000 + 6_000);
    press(&mut app, "t");
    assert_eq!(
        answer_of(&app, "check-in-minutes"),
        Some(Answer::Number(7.1))
    );
    assert_eq!(
        app.message.as_deref(),
        Some(
            "stopped at 7:06: 7.1 minutes ✗ ≤ 5 — Minutes from greeting to key in hand · u undoes"
        )
    );
    press(&mut app, "k");
    let shown = text(&draw(&app));
    assert!(
        shown.contains(" ✗      7.1 minutes ✗ ≤ 5 · Minutes from"),
        "{shown}"
    );
    assert!(shown.contains("▶ 7.1 minutes ✗ ≤ 5"), "{shown}");
    assert!(
        shown.contains("7.1 minutes ✗ ≤ 5 — 0 of 1 point"),
        "{shown}"
    );
}

#[test]
fn big_t_cancels_and_t_elsewhere_says_what_can_be_timed() {
    let (mut app, millis, saves) = screen();
    press(&mut app, "t");
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .starts_with("the stopwatch times only timed items"),
        "{:?}",
        app.message
    );
    press(&mut app, "/reaching the desk\nt");
    millis.set(5_000);
    press(&mut app, "T");
    assert_eq!(answer(&app), None);
    assert!(app.visit.timers().is_empty());
    assert!(!saves.borrow().last().unwrap().contains("[[timers]]"));
    press(&mut app, "T");
    assert_eq!(
        app.message.as_deref(),
        Some("no stopwatch runs on this item; t starts one")
    );
}

#[test]
fn a_tick_changes_only_the_stopwatch_cell() {
    let (mut app, millis, _) = screen();
    press(&mut app, "/reaching the desk\nt/key in hand\nt");
    millis.set(9_100);
    let before = draw(&app);
    millis.set(10_100);
    let after = draw(&app);
    let changed: Vec<(u16, u16)> = before
        .diff(&after)
        .into_iter()
        .map(|(x, y, _)| (x, y))
        .collect();
    // "0:09" becomes "0:10" in both stopwatches: two cells each, row 3.
    assert!(!changed.is_empty());
    assert!(changed.iter().all(|(_, y)| *y == 2), "{changed:?}");
    assert!(changed.len() <= 4, "{changed:?}");
    // Without a stopwatch, time passing changes nothing on screen but the
    // elapsed minutes.
    let (idle, millis, _) = screen();
    millis.set(1_000);
    let before = draw(&idle);
    millis.set(59_000);
    assert!(before.diff(&draw(&idle)).is_empty());
    assert!(idle.stopwatch_seconds().is_empty());
}

#[test]
fn finalize_warns_about_stopwatches_still_running() {
    let (mut app, _, _) = screen();
    press(&mut app, "/reaching the desk\ntF");
    let shown = text(&draw(&app));
    assert!(
        shown.contains("◷ 1 stopwatch still running: finalizing stops it without answering"),
        "{shown}"
    );
    assert!(
        shown.contains("running  Hotel check-in: Time from reaching the desk"),
        "{shown}"
    );
    // Most items are unanswered: y asks once more, Y finalizes.
    press(&mut app, "y");
    assert!(!app.visit.is_final());
    press(&mut app, "Y");
    assert!(app.visit.is_final());
    assert!(app.visit.timers().is_empty());
}
