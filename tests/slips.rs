//! Issue 18: slips that put an answer or a note on another item than the one
//! the screen named, tried through the real binary in a pseudo-terminal.

use crate::common;

use std::path::Path;
use std::time::Duration;

use common::{Cleanup, Pty, id_of, read_record, temp_dir, visit_files};
use touchpoint::record::RecordFile;

fn answer_of(record: &RecordFile, item: &str) -> Option<String> {
    record
        .observation("hotel-check-in", item)
        .unwrap_or_else(|| panic!("no observation {item}"))
        .answer
        .as_ref()
        .map(|a| a.as_text())
}

fn note_of(record: &RecordFile, item: &str) -> String {
    record
        .observation("hotel-check-in", item)
        .map(|o| o.note.clone())
        .unwrap_or_default()
}

fn start(data: &Path, cols: u16, rows: u16, env: &[(&str, &str)]) -> Pty {
    let pty = Pty::spawn_with(
        &["new", "--site", "Hotel Metropol", "--auditor", "anna"],
        data,
        cols,
        rows,
        env,
    );
    pty.wait_until("the visit screen", |s| s.contains("0/60"));
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

/// The screen's rows joined, so that text wrapped or cut at a row's end
/// can still be found.
fn flat(pty: &Pty) -> String {
    pty.screen()
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_note_typed_right_after_n_lands_on_the_answered_item() {
    for (cols, rows) in [(80, 24), (40, 20)] {
        let data = temp_dir("note-after-answer");
        let _cleanup = Cleanup(data.clone());
        let mut pty = start(&data, cols, rows, &[]);
        pty.send("/lobby clean\r");
        pty.wait_for("Entrance and lobby");
        // No: the cursor moves on, the status line says what went where.
        pty.send("n");
        pty.wait_for("✗ No — Entr");
        pty.wait_for("1/60");
        // e at once: the note of the item just answered, named in the title.
        pty.send("e");
        pty.wait_for("Note on: Entr");
        pty.send("Dusty floor\r");
        pty.wait_gone("Note on:");
        // Any key between: e is the selected item's note again.
        pty.send("je");
        pty.wait_until("the note editor of another item", |s| {
            s.contains("Note on:") && !s.contains("Note on: Entr")
        });
        pty.send("Slow\r");
        pty.wait_gone("Note on:");
        let record = leave(pty, &data);
        assert_eq!(answer_of(&record, "lobby-condition").as_deref(), Some("no"));
        assert_eq!(
            note_of(&record, "lobby-condition"),
            "Dusty floor",
            "{cols}x{rows}"
        );
        assert_eq!(note_of(&record, "had-queue"), "", "{cols}x{rows}");
        let slow: Vec<_> = record
            .observations
            .iter()
            .filter(|o| o.note == "Slow")
            .map(|o| o.item.clone())
            .collect();
        assert_eq!(slow.len(), 1, "{slow:?}");
        assert_ne!(slow[0], "lobby-condition");
    }
}

#[test]
fn the_status_line_names_the_answer_and_the_item() {
    let data = temp_dir("status-names");
    let _cleanup = Cleanup(data.clone());
    let mut pty = start(&data, 80, 24, &[]);
    // 2 on a yes-no item is No, and the status line says so at once.
    pty.send("/sent a message before\r");
    pty.wait_for("│The hotel sent a message");
    pty.send("2");
    pty.wait_for("✗ No — The hotel sent a message before arrival · u undoes");
    // On a grade, 2 is Met.
    pty.send("/genuine interest\r");
    pty.wait_for("│The agent showed genuine");
    pty.send("2");
    pty.wait_for("● Standard met — The agent showed genuine interest");
    // N/A names its item too.
    pty.send("/luggage was offered\r");
    pty.wait_for("│Help with luggage");
    pty.send("0");
    pty.wait_for("N/A — Help with luggage was offered · u undoes");
    let record = leave(pty, &data);
    assert_eq!(
        answer_of(&record, "pre-arrival-message").as_deref(),
        Some("no")
    );
    assert_eq!(
        answer_of(&record, "interest-in-trip").as_deref(),
        Some("met")
    );
    let na: Vec<_> = record.observations.iter().filter(|o| o.na).collect();
    assert_eq!(na.len(), 1);
    assert_eq!(na[0].prompt, "Help with luggage was offered");
}

#[test]
fn a_number_takes_0_5_and_a_dash_alone_is_na() {
    let data = temp_dir("number-zero");
    let _cleanup = Cleanup(data.clone());
    let mut pty = start(&data, 80, 24, &[]);
    pty.send("/key in hand\r");
    pty.wait_for("│Minutes from greeting");
    pty.send("-");
    pty.wait_for("N/A — Minutes from greeting");
    pty.wait_for("1/60");
    pty.send("/key in hand\r");
    pty.wait_for("│Minutes from greeting");
    // 0 starts the value: 0.5, not N/A and a 5 sent to the next item.
    pty.send("0.5");
    pty.wait_for("0.5▏");
    pty.send("\t");
    pty.wait_for("0.5 minutes ✓");
    // A comma is a decimal point too, and Ctrl-U clears the field.
    pty.send("k,7");
    pty.wait_for(",7▏");
    pty.send("\x15");
    pty.wait_gone(",7▏");
    pty.send("1,5\r");
    pty.wait_for("1.5 minutes ✓");
    let record = leave(pty, &data);
    assert_eq!(
        answer_of(&record, "check-in-minutes").as_deref(),
        Some("1.5")
    );
    assert_eq!(
        answer_of(&record, "reservation-accurate"),
        None,
        "a digit went to the next item"
    );
}

#[test]
fn a_resumed_draft_opens_on_the_item_it_was_left_on() {
    let data = temp_dir("resume-where");
    let _cleanup = Cleanup(data.clone());
    // After q.
    let mut pty = start(&data, 80, 24, &[]);
    pty.send("/key in hand\r");
    pty.wait_for("│Minutes from greeting");
    let record = leave(pty, &data);
    assert_eq!(
        record.header.selected.as_deref(),
        Some("hotel-check-in/check-in-minutes")
    );
    let id = id_of(&visit_files(&data)[0]);
    let mut pty = Pty::spawn(&["resume", &id], &data, 80, 24);
    pty.wait_for("resumed draft saved");
    pty.wait_for("│Minutes from greeting");
    // After a crash: the answer moved the cursor on, and the same save kept it.
    pty.send("/lobby clean\r");
    pty.wait_for("│Entrance and lobby");
    pty.send("y");
    pty.wait_for("│There was a queue at the desk");
    pty.signal(libc::SIGKILL);
    pty.wait_exit(Duration::from_secs(5)).expect("killed");
    drop(pty);
    let mut pty = Pty::spawn(&["resume", &id], &data, 80, 24);
    pty.wait_for("resumed draft saved");
    pty.wait_for("│There was a queue at the desk");
    // A running stopwatch is named on resuming.
    pty.send("/reaching the desk\r");
    pty.wait_for("◷ timed: t starts the stopwatch");
    pty.send("t/agent introduced\r");
    pty.wait_for("│The agent introduced");
    pty.send("q");
    pty.wait_exit(Duration::from_secs(5)).expect("q leaves");
    drop(pty);
    let mut pty = Pty::spawn(&["resume", &id], &data, 120, 30);
    pty.wait_for("│The agent introduced");
    pty.wait_until("the running stopwatch named", |s| {
        s.contains("a stopwatch is running: Hotel check-in: Time from reaching")
    });
    pty.send("/desk to being greeted\r");
    pty.wait_for("◷ running since");
    pty.send("T");
    pty.wait_for("stopwatch cancelled");
    // A record without a selection (written before it was kept) opens on item 1.
    pty.send("q");
    pty.wait_exit(Duration::from_secs(5)).expect("q leaves");
    drop(pty);
    let path = visit_files(&data).pop().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let without: String = text
        .lines()
        .filter(|l| !l.starts_with("selected = "))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(text, without, "the record keeps the selection:\n{text}");
    std::fs::write(&path, without).unwrap();
    let mut pty = Pty::spawn(&["resume", &id], &data, 80, 24);
    pty.wait_for("│Channel used to make");
    pty.send("q");
    pty.wait_exit(Duration::from_secs(5)).expect("q leaves");
}

#[test]
fn russian_letters_act_as_the_keys_in_their_place_and_notes_stay_russian() {
    let data = temp_dir("russian-layout");
    let _cleanup = Cleanup(data.clone());
    let mut pty = start(&data, 80, 24, &[]);
    pty.send("/sent a message before\r");
    pty.wait_for("│The hotel sent a message");
    // н is y: Yes; у right after is e: the note, typed in Russian as it is.
    pty.send("н");
    pty.wait_for("✓ Yes — The hotel sent a message");
    pty.send("у");
    pty.wait_for("Note on: The hotel sent");
    pty.send("Письмо пришло\r");
    pty.wait_gone("Note on:");
    // т is n, о is j, л is k.
    pty.send("лт");
    pty.wait_for("✗ No — The hotel sent a message");
    // А is F: the finalize summary; й is q.
    pty.send("А");
    pty.wait_for("Finalize");
    pty.send("\x1b");
    pty.wait_gone("y finalize");
    pty.send("й");
    pty.wait_exit(Duration::from_secs(5)).expect("й leaves");
    let record = read_record(&visit_files(&data)[0]);
    assert_eq!(
        answer_of(&record, "pre-arrival-message").as_deref(),
        Some("no")
    );
    assert_eq!(note_of(&record, "pre-arrival-message"), "Письмо пришло");
}

#[test]
fn the_finalize_list_comes_back_to_the_row_left() {
    let data = temp_dir("finalize-row");
    let _cleanup = Cleanup(data.clone());
    let mut pty = start(&data, 80, 24, &[]);
    // Four misses without a note: the door, luggage, lobby and the agent's name.
    pty.send("/welcome at the entrance\r");
    pty.wait_for("│Welcome at the entrance");
    pty.send("1nn");
    pty.wait_for("3/60");
    pty.send("/introduced themselves\r");
    pty.wait_for("│The agent introduced");
    pty.send("1");
    pty.wait_for("4/60");
    // The second miss: F, j, Enter, e, the note, Enter; F comes back to that
    // row, where the third miss now is.
    pty.send("F");
    pty.wait_for("y finalize");
    pty.send("j\r");
    pty.wait_gone("y finalize");
    pty.send("eno trolley\r");
    pty.wait_gone("Note on:");
    pty.send("F");
    pty.wait_for("y finalize");
    pty.send("\r");
    pty.wait_gone("y finalize");
    pty.send("edust\r");
    pty.wait_gone("Note on:");
    let record = leave(pty, &data);
    assert_eq!(note_of(&record, "luggage-help"), "no trolley");
    assert_eq!(note_of(&record, "lobby-condition"), "dust");
    assert_eq!(note_of(&record, "door-welcome"), "");
}

#[test]
fn a_final_visit_shows_how_long_it_took() {
    let data = temp_dir("final-duration");
    let _cleanup = Cleanup(data.clone());
    let mut pty = start(&data, 80, 24, &[]);
    pty.send("2");
    pty.wait_for("1/60");
    pty.send("FyY");
    pty.wait_for("FINAL");
    leave(pty, &data);
    let path = visit_files(&data).pop().unwrap();
    // Started 50 hours ago and finished 48 hours ago: it took two hours.
    let text: String = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .map(|line| {
            for (key, hours) in [("started = ", 50), ("finished = ", 48)] {
                if let Some(time) = line.strip_prefix(key) {
                    let time: jiff::Timestamp = time.parse().expect("a time");
                    let moved = time - jiff::Span::new().hours(hours);
                    return format!("{key}{}\n", moved.strftime("%Y-%m-%dT%H:%M:%SZ"));
                }
            }
            format!("{line}\n")
        })
        .collect();
    std::fs::write(&path, text).unwrap();
    let mut pty = Pty::spawn(&["resume", &id_of(&path)], &data, 100, 24);
    pty.wait_for("FINAL");
    let screen = flat(&pty);
    assert!(screen.contains("· 2 h 00 min ·"), "{screen}");
    pty.send("q");
    pty.wait_exit(Duration::from_secs(5)).expect("q leaves");
}

#[test]
fn a_markdown_export_takes_its_evidence_along_and_stdout_names_it() {
    let data = temp_dir("md-evidence");
    let _cleanup = Cleanup(data.clone());
    let photo = data.join("lobby dust.png");
    std::fs::write(&photo, b"\x89PNG lobby").unwrap();
    let mut pty = start(&data, 80, 24, &[]);
    pty.send("a");
    pty.wait_for("Attach to item:");
    pty.send(&format!("{}\r", photo.display()));
    pty.wait_for("attached lobby dust.png");
    let record = leave(pty, &data);
    let id = record.header.id.clone();

    // Outside the data folder: an export into it is refused (issue 17).
    let out = common::temp_dir("md-evidence-sent");
    let _sent = Cleanup(out.clone());
    let exported = common::run(
        &data,
        &[
            "export",
            &id,
            "--format",
            "md",
            "-o",
            out.join("visit.md").to_str().unwrap(),
        ],
    );
    assert!(exported.status.success(), "{exported:?}");
    let md = std::fs::read_to_string(out.join("visit.md")).unwrap();
    let copies: Vec<_> = std::fs::read_dir(out.join("visit-evidence"))
        .expect("the evidence folder beside the export")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(
        std::fs::read(out.join("visit-evidence").join(&copies[0])).unwrap(),
        b"\x89PNG lobby"
    );
    let link = format!("(visit-evidence/{})", copies[0].replace(' ', "%20"));
    assert!(md.contains(&link), "{link} in\n{md}");
    let here = data.display().to_string();
    assert!(!md.contains(&here), "a path of this machine in\n{md}");

    let printed = common::run(&data, &["export", &id, "--format", "md"]);
    assert!(printed.status.success(), "{printed:?}");
    let md = String::from_utf8_lossy(&printed.stdout);
    assert!(md.contains("lobby dust.png ("), "{md}");
    assert!(!md.contains("evidence/"), "{md}");
    assert!(!md.contains(&here), "{md}");
}

#[test]
fn the_russian_train_reads_as_russian_and_a_standard_of_0_takes_0() {
    let data = temp_dir("russian-train");
    let _cleanup = Cleanup(data.clone());
    let mut pty = Pty::spawn_with(
        &[
            "new",
            "--site",
            "Анды",
            "--auditor",
            "anna",
            "--journey",
            "luxury-train",
        ],
        &data,
        80,
        24,
        &[("LANG", "ru_RU.UTF-8")],
    );
    pty.wait_for("Поезд: встреча и посадка");
    // "≤ 0" and no N/A: 0 starts the value and Enter records it.
    pty.send("/не представились\r");
    pty.wait_for("│Сколько сотрудников");
    pty.send("0\r");
    pty.wait_for("отвечено 1/");
    // A decimal comma, typed and shown.
    pty.send("/в руках был напиток\r");
    pty.wait_for("│Через сколько минут");
    pty.send("0,5\t");
    pty.wait_for("отвечено 2/");
    pty.wait_for("0,5 ");
    let screen = flat(&pty);
    assert!(!screen.contains("0.5"), "{screen}");
    let record = leave(pty, &data);
    let values: Vec<_> = record
        .observations
        .iter()
        .filter_map(|o| o.answer.as_ref().map(|a| (o.item.clone(), a.as_text())))
        .collect();
    assert_eq!(values.len(), 2, "{values:?}");
    assert!(values.iter().any(|(_, v)| v == "0"), "{values:?}");
    assert!(values.iter().any(|(_, v)| v == "0.5"), "{values:?}");

    // Its export calls the touchpoints by the train's words, not the hotel's.
    let exported =
        common::touchpoint_command(&["export", &record.header.id, "--format", "md"], &data)
            .env("LANG", "ru_RU.UTF-8")
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
    assert!(exported.status.success(), "{exported:?}");
    let md = String::from_utf8_lossy(&exported.stdout);
    for hotel in ["Заселение", "Проживание", "Отъезд"] {
        assert!(!md.contains(hotel), "{hotel} in\n{md}");
    }
    assert!(md.contains("## Поезд: встреча и посадка\n"), "{md}");
    assert!(md.contains("0,5"), "{md}");
}

#[test]
fn an_unscored_fact_answered_no_is_no_miss() {
    let data = temp_dir("unscored-no");
    let _cleanup = Cleanup(data.clone());
    let mut pty = start(&data, 80, 24, &[]);
    pty.send("/queue at the desk\r");
    pty.wait_for("│There was a queue at the desk");
    pty.send("n");
    pty.wait_for("• No — There was a queue at the desk");
    let screen = pty.screen();
    let row = screen
        .lines()
        .find(|l| l.contains("No · There was a queue") && l.contains('│'))
        .expect("the item's row");
    assert!(row.contains(" • ") && !row.contains('✗'), "{row}");
    leave(pty, &data);
}

#[test]
fn ctrl_u_clears_a_one_line_field_as_in_a_shell() {
    let data = temp_dir("ctrl-u");
    let _cleanup = Cleanup(data.clone());
    // The home screen's site field.
    let mut home = Pty::spawn(&[], &data, 80, 24);
    home.wait_for("New visit");
    home.send("Hotel Wrongname");
    home.wait_for("Hotel Wrongname");
    home.send("\x15Metropol");
    home.wait_for("Metropol");
    assert!(!home.screen().contains("Wrongname"), "{}", home.screen());
    home.send("\x1b");
    home.wait_exit(Duration::from_secs(5)).expect("Esc leaves");
    // The search field of a visit.
    let mut pty = start(&data, 80, 24, &[]);
    pty.send("/lobby");
    pty.wait_for("/lobby▏");
    pty.send("\x15queue at the desk\r");
    pty.wait_for("│There was a queue at the desk");
    leave(pty, &data);
}
