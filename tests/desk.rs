//! The editor's desk on the screen (src/tui/desk.rs): the queue and the
//! review screen rendered with TestBackend at 80×24 and 40×20, in English
//! and Russian, and the keys a reviewer presses on the review screen.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use touchpoint::check::{self, Code, Flag};
use touchpoint::i18n::{Lang, with_lang};
use touchpoint::record::{AnswerValue, RecordFile, Stamp};
use touchpoint::review::{self, Entry, Kind};
use touchpoint::tui::desk::{Desk, Queue, QueueRow, Request};
use touchpoint::tui::theme::Theme;

fn record() -> RecordFile {
    check::sample::honest(3, "anna", "Hotel Metropol \x1b[2J", 10)
}

fn entry(kind: Kind, item: Option<&str>, text: &str) -> Entry {
    Entry {
        at: Stamp(record().header.updated.clone()),
        by: "olga".into(),
        kind,
        item: item.map(Into::into),
        text: text.into(),
        old: None,
        new: None,
        status: None,
        na: false,
        label: None,
        points: None,
        max: None,
        exceeded: false,
    }
}

/// The record with a flag on its second item, a correction of its third
/// and an open question on its fourth.
fn desk(theme: Theme) -> Desk {
    let record = record();
    let key = |n: usize| {
        let o = &record.observations[n];
        format!("{}/{}", o.checklist, o.item)
    };
    let mut correction = entry(Kind::Correction, Some(&key(2)), "the note says otherwise");
    correction.old = record.observations[2].answer.clone();
    correction.new = Some(AnswerValue::Text("no".into()));
    let state = review::fold(&[
        correction,
        entry(Kind::Query, Some(&key(3)), "Was the desk staffed?"),
    ]);
    let mut flags = check::flags_of_records(std::slice::from_ref(&record));
    flags.push(Flag {
        code: Code::NoteContradiction,
        visit: record.header.id.clone(),
        site: record.header.site.clone(),
        item: Some(key(1)),
        detail: "answered \u{201c}Yes\u{201d} (a standard of 30 s), but the note says \u{201c}1 min 28 s\u{201d}".into(),
    });
    let options = |_: &str| {
        vec![
            ("yes".to_owned(), "Yes".to_owned()),
            ("no".to_owned(), "No".to_owned()),
        ]
    };
    Desk::new(&record, &state, &flags, &options, theme)
}

fn queue() -> Queue {
    let row = |id: &str, flags: usize, status: &str| QueueRow {
        path: format!("{id}.toml").into(),
        id: id.into(),
        site: "Hotel Metropol, Moscow".into(),
        auditor: "anna".into(),
        finished: "2026-11-22 15:04".into(),
        status: status.into(),
        flags,
        signed: if flags > 0 { "valid" } else { "unsigned" }.into(),
    };
    Queue::new(
        vec![
            row("20261122T140312-hotel-metropol-7f3a", 2, "final"),
            row("20261123T101500-hotel-kosmos-\x1b[31m", 0, "resubmitted"),
        ],
        Theme::new(true),
    )
}

fn screen(draw: impl Fn(&mut ratatui::Frame<'_>), width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| draw(f)).unwrap();
    terminal.backend().to_string()
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

#[test]
fn the_queue_at_80x24() {
    let q = queue();
    let shown = screen(|f| q.draw(f), 80, 24);
    assert!(!shown.contains('\x1b'), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn the_review_screen_at_80x24_on_the_flagged_item() {
    let mut d = desk(Theme::new(true));
    d.handle_key(key(']'));
    assert_eq!(d.selected, 1);
    let shown = screen(|f| d.draw(f), 80, 24);
    assert!(shown.contains("⚑"), "{shown}");
    assert!(shown.contains("note-contradiction"), "{shown}");
    assert!(shown.starts_with("\"⚑ 1 "), "{shown}");
    assert!(!shown.contains('\x1b'), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn the_review_screen_at_40x20_without_colour_shows_the_correction() {
    let mut d = desk(Theme::new(false));
    d.handle_key(key('j'));
    d.handle_key(key('j'));
    let shown = screen(|f| d.draw(f), 40, 20);
    assert!(shown.contains("→ no"), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn the_review_screen_in_russian() {
    with_lang(Lang::Ru, || {
        let mut d = desk(Theme::new(true));
        for c in "jjj".chars() {
            d.handle_key(key(c));
        }
        let shown = screen(|f| d.draw(f), 80, 24);
        assert!(shown.contains("Открытый вопрос"), "{shown}");
        insta::assert_snapshot!(shown);
        d.handle_key(key('?'));
        let help = screen(|f| d.draw(f), 80, 24);
        assert!(help.contains("вернуть аудитору"), "{help}");
    });
}

#[test]
fn help_lists_every_key_of_the_review_screen() {
    let mut d = desk(Theme::new(false));
    d.handle_key(key('?'));
    let help = screen(|f| d.draw(f), 80, 24);
    for k in ["] [", "m", "M", "c", "A", "R", "X", "q"] {
        assert!(
            help.lines()
                .any(|l| l.trim_matches('"').trim_start().starts_with(k)),
            "{k}: {help}"
        );
    }
}

#[test]
fn a_query_returns_and_exclusions_are_typed_then_requested() {
    let mut d = desk(Theme::new(false));
    d.handle_key(key('M'));
    for c in "Where is the receipt?".chars() {
        d.handle_key(key(c));
    }
    d.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert_eq!(
        d.request.take(),
        Some(Request::Query {
            item: None,
            text: "Where is the receipt?".into()
        })
    );
    d.finished(Ok("done".into()));
    d.handle_key(key('X'));
    d.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    assert_eq!(d.request, None);
    d.handle_key(key('q'));
    assert!(d.leave);
}

/// docs/review.md's measure: reading the bundled hotel journey's visit
/// with no flags, item by item, then approving it.
#[test]
fn reviewing_the_hotel_journey_without_flags_takes_at_most_one_key_per_item() {
    let record = check::sample::honest(7, "anna", "Hotel", 0);
    let flags = check::flags_of_records(std::slice::from_ref(&record));
    assert!(flags.is_empty(), "{flags:?}");
    let mut d = Desk::new(
        &record,
        &review::State::default(),
        &flags,
        &|_| Vec::new(),
        Theme::new(false),
    );
    let items = d.items.len();
    assert!(items >= 75, "{items} items");
    let mut keys = 0;
    let mut seen = std::collections::BTreeSet::from([0]);
    while d.selected + 1 < items {
        d.handle_key(key('j'));
        keys += 1;
        seen.insert(d.selected);
    }
    d.handle_key(key('A'));
    keys += 1;
    assert_eq!(seen.len(), items);
    assert_eq!(d.request, Some(Request::Approve));
    eprintln!("{keys} keys for {items} items");
    assert!(keys <= items, "{keys} keys for {items} items");
}

// ---- Through the binary, in a pseudo-terminal --------------------------

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::common::{self, Pty, run, temp_dir};

// The review tests' checklist, visit id and hash.
use crate::review::{CHECKLIST, ID, sha256};

/// An observation of the desk checklist: yes (1 of 1) or no (0 of 1).
fn observation(item: &str, prompt: &str, yes: bool, note: &str) -> String {
    let (answer, label, points) = if yes {
        ("yes", "Yes", "1.0")
    } else {
        ("no", "No", "0.0")
    };
    format!(
        "[[observations]]\nchecklist = \"desk\"\nsection = \"arrival\"\nitem = \"{item}\"\n\
         prompt = \"{prompt}\"\nanswer = \"{answer}\"\nlabel = \"{label}\"\npoints = {points}\n\
         max = 1.0\nfirst_at = 2026-11-22T14:05:31+03:00\nat = 2026-11-22T14:05:40+03:00\n\
         note = \"{note}\"\n\n"
    )
}

/// A data folder holding the final visit [`ID`] (greeted yes with a note
/// of 1 min 28 s, name yes, clean no: 2 of 3).
fn data_with_visit(name: &str) -> (PathBuf, PathBuf) {
    let data = temp_dir(name);
    assert!(run(&data, &["list"]).status.success());
    let checklist = data.with_extension("desk.toml");
    fs::write(&checklist, CHECKLIST).unwrap();
    let sha = sha256(CHECKLIST.as_bytes());
    let text = format!(
        "format = 1\n\n[visit]\nid = \"{ID}\"\nsite = \"Hotel Metropol\"\nauditor = \"anna\"\n\
         status = \"final\"\nstarted = 2026-11-22T14:03:12+03:00\n\
         updated = 2026-11-22T17:45:00+03:00\nfinished = 2026-11-22T17:45:00+03:00\n\
         tool = \"touchpoint 0.1.0\"\n\n\
         [[checklists]]\nid = \"desk\"\ntitle = \"Desk\"\ntouchpoint = \"check-in\"\n\
         sha256 = \"{sha}\"\nsource = \"{}\"\n\n{}{}{}\
         [score]\npercent = 66.7\npoints = 2.0\nmax = 3.0\nanswered = 3\nunanswered = 0\n",
        checklist.display(),
        observation(
            "greeted",
            "Greeted within 30 seconds",
            true,
            "Greeted after 1 min 28 s"
        ),
        observation("name", "Used the guest's name", true, "Twice"),
        observation("clean", "Lobby clean", false, "Dust on the desk"),
    );
    let record = data.join("visits").join(format!("{ID}.toml"));
    fs::write(&record, text).unwrap();
    fs::set_permissions(&record, fs::Permissions::from_mode(0o600)).unwrap();
    (data, record)
}

fn review_text(record: &Path) -> String {
    fs::read_to_string(record.with_file_name(format!("{ID}.review.toml"))).unwrap_or_default()
}

fn leave(mut pty: Pty) {
    pty.send("q");
    let status = pty.wait_exit(Duration::from_secs(10)).expect("left");
    assert!(status.success(), "{}", pty.screen());
}

/// The whole round trip on the screens: the editor queries an item and
/// returns the visit; its auditor resumes it on the question, answers with
/// `e` and resubmits with `F`; the editor corrects the answer with `c` and
/// approves with `A`. The record's bytes never change, and the report
/// counts the corrected answer.
#[test]
fn query_return_answer_resubmit_correct_approve_on_the_screens() {
    let (data, record) = data_with_visit("desk-round-trip");
    let before = sha256(&fs::read(&record).unwrap());

    // The editor: the queue, then the review screen.
    let mut pty = Pty::spawn(&["review"], &data, 80, 24);
    pty.wait_for("1 record awaits review");
    pty.wait_for("Hotel Metropol");
    pty.send("\r");
    pty.wait_for("Greeted within 30 seconds");
    pty.wait_for("Note: Greeted after 1 min 28 s");
    // The checks read the prompt's standard against the note.
    pty.wait_for("⚑ note-contradiction");
    pty.send("m");
    pty.wait_for("Question on this item:");
    pty.send("Your note says 1 min 28 s: which is right?\r");
    pty.wait_for("query on desk/greeted");
    pty.send("R");
    pty.wait_for("Message to the auditor:");
    pty.send("Please answer the question on the greeting.\r");
    pty.wait_for("No records await review");
    leave(pty);
    let review = review_text(&record);
    assert!(review.contains("kind = \"query\""), "{review}");
    assert!(review.contains("status = \"returned\""), "{review}");
    let list = String::from_utf8_lossy(&run(&data, &["list"]).stdout).into_owned();
    assert!(list.contains("returned, 1 open question"), "{list}");

    // The home screen lists it first, with its open question; Enter opens
    // it on the question.
    let mut pty = Pty::spawn(&[], &data, 80, 24);
    pty.wait_for("returned, 1 open question");
    pty.send("\r");
    pty.wait_for("which is right?");
    leave(pty);

    // The auditor: resume opens on the question; e answers, F resubmits.
    let mut pty = Pty::spawn(&["resume", ID], &data, 80, 24);
    pty.wait_for("which is right?");
    // Answers stay read-only: `n` changes nothing; F waits for the answer.
    pty.send("n");
    pty.wait_for("read-only");
    pty.send("F");
    pty.wait_for("answer it with e first");
    pty.send("e");
    pty.wait_for("Your answer:");
    pty.send("It was 1 min 28 s; the answer should be No.\r");
    pty.wait_for("Answer written");
    pty.send("F");
    pty.wait_for("Resubmitted");
    leave(pty);
    let review = review_text(&record);
    assert!(review.contains("kind = \"answer\""), "{review}");
    assert!(review.contains("by = \"anna\""), "{review}");
    let list = String::from_utf8_lossy(&run(&data, &["list"]).stdout).into_owned();
    assert!(list.contains("resubmitted"), "{list}");
    assert_eq!(sha256(&fs::read(&record).unwrap()), before);

    // The editor again: resubmitted in the queue; c corrects, A approves.
    let mut pty = Pty::spawn(&["review"], &data, 80, 24);
    pty.wait_for("resubmitted");
    pty.send("\r");
    pty.wait_for("Greeted within 30 seconds");
    // The answer it has is refused as a correction, and nothing is written.
    let before_refusal = review_text(&record);
    pty.send("c");
    pty.wait_for("New answer");
    pty.send("1");
    pty.wait_for("Reason for the correction:");
    pty.send("same\r");
    pty.wait_for("nothing to correct");
    assert_eq!(review_text(&record), before_refusal);
    pty.send("\x1b");
    pty.wait_gone("Reason for the correction:");
    pty.send("c");
    pty.wait_for("New answer");
    pty.send("2");
    pty.wait_for("Reason for the correction:");
    pty.send("the note gives 1 min 28 s\r");
    pty.wait_for("yes → no");
    pty.send("A");
    pty.wait_for("No records await review");
    leave(pty);
    let review = review_text(&record);
    assert!(review.contains("kind = \"correction\""), "{review}");
    assert!(review.contains("status = \"approved\""), "{review}");
    assert_eq!(sha256(&fs::read(&record).unwrap()), before);

    // The report follows the correction: 1 of 3.
    let out = run(&data, &["report", "--format", "json"]);
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["visits_counted"], 1, "{r}");
    assert_eq!(r["visits"][0]["review_status"], "approved");
    assert_eq!(r["visits"][0]["score"], 33.3, "{r}");
    let _ = common::Cleanup(data);
}

/// A pipe still gets the plain table, without the screen.
#[test]
fn the_queue_through_a_pipe_is_a_table() {
    let (data, _) = data_with_visit("desk-pipe");
    let out = run(&data, &["review"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains(ID) && stdout.contains("anna"), "{stdout}");
    assert!(!stdout.contains('\x1b'), "{stdout}");
    let _ = common::Cleanup(data);
}

/// docs/review.md's timing: the queue of 400 honest final records (the
/// 76-item hotel stay) drawn in a pty, from start to its first frame with
/// every flag counted. Run by hand: `cargo test --test suite --
/// desk::time_the_queue --ignored --nocapture`.
#[test]
#[ignore]
fn time_the_queue_of_400_records() {
    let data = temp_dir("desk-time");
    assert!(run(&data, &["list"]).status.success());
    let folder = data.with_extension("recs");
    fs::create_dir_all(&folder).unwrap();
    for n in 0..400 {
        let visit = check::sample::honest_visit(n, "anna", "Hotel", 10);
        let text = touchpoint::record::to_toml(&visit);
        fs::write(folder.join(format!("{}.toml", visit.header.id)), text).unwrap();
    }
    let shown = folder.display().to_string();
    for _ in 0..3 {
        let started = std::time::Instant::now();
        let pty = Pty::spawn(&["review", &shown], &data, 80, 24);
        pty.wait_for("400 records await review");
        eprintln!("queue of 400 drawn in {:?}", started.elapsed());
        let started = std::time::Instant::now();
        let mut pty = pty;
        pty.send("\r");
        pty.wait_for("Answer:");
        eprintln!("review screen opened in {:?}", started.elapsed());
        pty.send("q");
        leave(pty);
    }
    let _ = fs::remove_dir_all(&folder);
    let _ = common::Cleanup(data);
}

/// Below the smallest layout the screen says so, and keys other than
/// leaving do nothing: an approval typed unseen writes nothing.
#[test]
fn a_terminal_too_small_acts_on_no_key_but_leaving() {
    let (data, record) = data_with_visit("desk-small");
    let mut pty = Pty::spawn(&["review"], &data, 30, 10);
    pty.wait_for("30×10");
    pty.send("\rA");
    std::thread::sleep(Duration::from_millis(300));
    pty.resize(80, 24);
    pty.wait_for("1 record awaits review");
    assert_eq!(review_text(&record), "");
    leave(pty);
    let _ = common::Cleanup(data);
}

// ---- The auditor's side on the visit screen ----------------------------

use std::cell::RefCell;
use std::rc::Rc;
use touchpoint::tui::app::{App, Mode, Reply, Returned};

/// A final hotel visit returned with a question on its fourth item; the
/// replies the screen sends are kept in the returned list.
fn returned_app() -> (App, Rc<RefCell<Vec<Reply>>>, String) {
    let visit = check::sample::honest_visit(5, "anna", "Hotel Metropol", 0);
    let clock = visit.header.updated.clone();
    let key = {
        let at = visit.all_items().nth(3).unwrap();
        let (c, i) = visit.ids(at).unwrap();
        format!("{c}/{i}")
    };
    let mut app = App::new(
        visit,
        Box::new(|_| Ok(())),
        Box::new(move || clock.clone()),
        Theme::new(false),
    );
    let sent = Rc::new(RefCell::new(Vec::new()));
    let log = Rc::clone(&sent);
    let mut open = vec![(Some(key.clone()), "Was the message personal?".to_owned())];
    app.set_returned(Returned {
        open: open.clone(),
        message: "Please answer the question.".into(),
        replier: Box::new(move |reply| {
            log.borrow_mut().push(reply.clone());
            match reply {
                Reply::Answer { .. } => {
                    open.clear();
                    Ok(("Answer written.".into(), open.clone()))
                }
                Reply::Resubmit if !open.is_empty() => Err("1 question is still open".into()),
                Reply::Resubmit => Ok(("Resubmitted.".into(), Vec::new())),
            }
        }),
    });
    (app, sent, key)
}

#[test]
fn a_returned_visit_opens_on_its_question_and_e_answers_it() {
    let (mut app, sent, key) = returned_app();
    let at = app.selected();
    let (c, i) = app.visit.ids(at).unwrap();
    assert_eq!(format!("{c}/{i}"), key, "the queried item is selected");
    let shown = {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        terminal
            .draw(|f| touchpoint::tui::view::draw(f, &app))
            .unwrap();
        terminal.backend().to_string()
    };
    assert!(shown.contains("Editor's question: Was the"), "{shown}");
    assert!(shown.contains("Returned by the editor"), "{shown}");
    insta::assert_snapshot!(shown);
    // F with the question open writes nothing; e opens the field.
    app.handle_key(key_of('F'));
    assert_eq!(sent.borrow().len(), 1);
    app.handle_key(key_of('e'));
    assert!(matches!(app.mode, Mode::Answer { .. }));
    for c in "Yes, by".chars() {
        app.handle_key(key_of(c));
    }
    // Esc puts the answer away; e brings it back.
    app.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    assert!(matches!(app.mode, Mode::Normal));
    app.handle_key(key_of('e'));
    for c in " name".chars() {
        app.handle_key(key_of(c));
    }
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert_eq!(
        sent.borrow()[1],
        Reply::Answer {
            item: Some(key),
            text: "Yes, by name".into()
        }
    );
    // Answers stay as the auditor left them: n changes nothing.
    let before = app.visit.entry(at).cloned();
    app.handle_key(key_of('n'));
    assert_eq!(app.visit.entry(at).cloned(), before);
    app.handle_key(key_of('F'));
    assert_eq!(sent.borrow()[2], Reply::Resubmit);
    assert!(app.returned.is_none());
}

fn key_of(c: char) -> KeyEvent {
    key(c)
}

/// In Russian at 40×20, through the binary: the queue, the review screen
/// and its help; keys act by their place with a Russian layout.
#[test]
fn the_desk_in_russian_at_40x20() {
    let (data, record) = data_with_visit("desk-ru");
    let mut pty = Pty::spawn(&["--lang", "ru", "review"], &data, 40, 20);
    pty.wait_for("Очередь проверки");
    pty.send("\r");
    pty.wait_for("Ответ: Yes");
    // `?` is on the same key in both layouts; `о` is `j`.
    pty.send("?");
    pty.wait_for("вернуть аудитору");
    pty.send(" ");
    pty.send("о");
    pty.wait_for("Used the guest");
    // Shift and the key of A: approved, and the queue is empty.
    pty.send("Ф");
    pty.wait_for("Нет записей, ожидающих проверки");
    assert!(review_text(&record).contains("status = \"approved\""));
    leave(pty);
    let _ = common::Cleanup(data);
}

/// A reviewer on the same server reviews the copy in `export_folder`: the
/// auditor's answer and resubmission go to that review file, beside the
/// copy, where the questions came from — none is made in the data folder.
#[test]
fn the_auditor_answers_into_the_review_file_beside_the_export() {
    let (data, record) = data_with_visit("desk-export");
    let folder = data.with_extension("export");
    fs::create_dir_all(&folder).unwrap();
    let copy = folder.join(format!("{ID}.toml"));
    fs::copy(&record, &copy).unwrap();
    let config = data.join("config").join("touchpoint");
    fs::create_dir_all(&config).unwrap();
    fs::write(
        config.join("config.toml"),
        format!(
            "export_mode = \"0640\"\nexport_folder = \"{}\"\n",
            folder.display()
        ),
    )
    .unwrap();
    let copy_shown = copy.display().to_string();
    for args in [
        vec![
            "review",
            &copy_shown,
            "--query",
            "desk/clean",
            "Where was the dust?",
        ],
        vec![
            "review",
            &copy_shown,
            "--query",
            "visit",
            "Which room were you given?",
        ],
        vec!["review", &copy_shown, "--return", "Two questions."],
    ] {
        assert!(run(&data, &args).status.success(), "{args:?}");
    }
    let mut pty = Pty::spawn(&["resume", ID], &data, 80, 24);
    pty.wait_for("Where was the dust?");
    pty.send("e");
    pty.wait_for("Your answer:");
    pty.send("On the front desk, by the bell.\r");
    pty.wait_for("next question: Which room were you given?");
    // The item's own question is answered: e now answers the visit's.
    pty.send("e");
    pty.wait_for("Your answer:");
    pty.send("Room 412.\r");
    pty.wait_for("Answer written");
    pty.send("F");
    pty.wait_for("Resubmitted");
    leave(pty);
    let beside_copy = review_text(&copy);
    assert!(beside_copy.contains("kind = \"answer\""), "{beside_copy}");
    assert!(
        beside_copy.contains("item = \"desk/clean\""),
        "{beside_copy}"
    );
    assert!(beside_copy.contains("status = \"final\""), "{beside_copy}");
    assert_eq!(review_text(&record), "", "nothing in the data folder");
    let _ = fs::remove_dir_all(&folder);
    let _ = common::Cleanup(data);
}
