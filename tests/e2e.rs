//! The built binary in a real pseudo-terminal: keys typed as an auditor types
//! them, the screen read back, and the record on disk checked afterwards.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use common::{Pty, temp_dir, visit_files};

/// The one visit of `data` as `touchpoint export` gives it: the record
/// with whatever its journal adds, while a session may still be open.
fn only_record(data: &Path) -> (PathBuf, toml::Table) {
    let files = visit_files(data);
    assert_eq!(files.len(), 1, "expected one visit file, found {files:?}");
    let id = common::id_of(&files[0]);
    let export = touchpoint(data, &["export", &id]);
    assert!(
        export.status.success(),
        "{}",
        String::from_utf8_lossy(&export.stderr)
    );
    let text = String::from_utf8(export.stdout).unwrap();
    let table: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    (files[0].clone(), table)
}

fn observation<'a>(record: &'a toml::Table, checklist: &str, item: &str) -> &'a toml::Table {
    record["observations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_table().unwrap())
        .find(|o| o["checklist"].as_str() == Some(checklist) && o["item"].as_str() == Some(item))
        .unwrap_or_else(|| panic!("no observation {checklist}/{item}"))
}

fn touchpoint(data: &Path, args: &[&str]) -> std::process::Output {
    common::run(data, args)
}

fn start(data: &Path) -> Pty {
    let pty = Pty::spawn(
        &["new", "--site", "Hotel Metropol", "--auditor", "anna"],
        data,
        80,
        24,
    );
    pty.wait_for("0/60 answered");
    // The first frame comes first; the visit is written right after it.
    common::wait_for_visit_file(data);
    pty
}

#[test]
fn a_whole_visit_answered_noted_finalized_and_read_back() {
    let data = temp_dir("visit");
    let mut pty = start(&data);
    // Option 2 of the booking channel (the cursor moves on), then Yes on
    // the item after the next.
    pty.send("2");
    pty.wait_for("1/60 answered");
    pty.send("jy");
    pty.wait_for("2/60 answered");
    // A critical miss, with a note in Russian over two lines (Ctrl-J).
    pty.send("/identity\r");
    pty.wait_for("Identity, payment");
    pty.send("e");
    pty.wait_for("Ctrl-J: new line");
    pty.send("Карта осталась на стойке;\nагент отвлёкся");
    pty.wait_for("агент отвлёкся");
    pty.send("\r");
    pty.wait_gone("Ctrl-J: new line");
    pty.send("n");
    pty.wait_for("CRITICAL FAILURE");
    // A timed standard typed as a number; a bad value first changes nothing.
    pty.send("/minutes from greeting\r\rabc\r");
    pty.wait_for("\"abc\" is not a number");
    pty.send("\x7f\x7f\x7f4,5\r");
    pty.wait_for("▶ 4.5");
    // Undo the number, redo it.
    pty.send("u");
    pty.wait_for("undone");
    pty.send("\x12");
    pty.wait_for("redone");
    pty.send("F");
    pty.wait_for("Finalize");
    // Unanswered items and a critical failure: a second, explicit step.
    pty.send("y");
    pty.wait_for("Finalize with 56 items unanswered and 1 critical failure?");
    pty.send("Y");
    pty.wait_for("FINAL");
    pty.send("q");
    let status = pty
        .wait_exit(Duration::from_secs(5))
        .expect("touchpoint exits on q");
    assert!(status.success());

    let (path, record) = only_record(&data);
    let visit = record["visit"].as_table().unwrap();
    assert_eq!(visit["status"].as_str(), Some("final"));
    assert_eq!(visit["site"].as_str(), Some("Hotel Metropol"));
    assert_eq!(visit["auditor"].as_str(), Some("anna"));
    assert!(
        visit["finished"].is_datetime(),
        "finished is a TOML datetime"
    );

    let channel = observation(&record, "hotel-check-in", "booking-channel");
    assert_eq!(channel["answer"].as_str(), Some("email"));
    assert!(channel["first_at"].is_datetime());
    let identity = observation(&record, "hotel-check-in", "identity-payment-discreet");
    assert_eq!(identity["answer"].as_str(), Some("no"));
    assert_eq!(
        identity["note"].as_str(),
        Some("Карта осталась на стойке;\nагент отвлёкся")
    );
    assert_eq!(identity["critical"].as_bool(), Some(true));
    let minutes = observation(&record, "hotel-check-in", "check-in-minutes");
    assert_eq!(minutes["answer"].as_float(), Some(4.5));

    let checklists = record["checklists"].as_array().unwrap();
    let check_in = checklists[0].as_table().unwrap();
    let bytes =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("checklists/hotel-check-in.toml"))
            .unwrap();
    assert_eq!(
        check_in["sha256"].as_str(),
        Some(touchpoint::checklist::sha256_hex(&bytes).as_str())
    );
    let score = record["score"].as_table().unwrap();
    let failures: Vec<&str> = score["critical_failures"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert_eq!(failures, vec!["hotel-check-in/identity-payment-discreet"]);
    assert_eq!(score["answered"].as_integer(), Some(4));

    // Another TOML reader agrees (Python's tomllib).
    let python = Command::new("python3")
        .args([
            "-c",
            "import tomllib,sys; r=tomllib.load(open(sys.argv[1],'rb')); \
             o=[o for o in r['observations'] if o['item']=='identity-payment-discreet'][0]; \
             print(r['visit']['status'], o['answer'], o['note'].replace(chr(10),'|'))",
            path.to_str().unwrap(),
        ])
        .output()
        .expect("python3 runs");
    assert!(
        python.status.success(),
        "{}",
        String::from_utf8_lossy(&python.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&python.stdout).trim(),
        "final no Карта осталась на стойке;|агент отвлёкся"
    );

    // A final visit opens read-only.
    let id = path.file_stem().unwrap().to_str().unwrap().to_owned();
    let mut again = Pty::spawn(&["resume", &id], &data, 80, 24);
    again.wait_for("read-only");
    again.send("y");
    again.wait_for("this visit is final and opens read-only");
    again.send("q");
    again.wait_exit(Duration::from_secs(5)).expect("exits");
    let (_, unchanged) = only_record(&data);
    assert_eq!(unchanged, record);
}

#[test]
fn every_change_is_on_disk_before_the_next_key() {
    let data = temp_dir("saved");
    let mut pty = start(&data);
    pty.send("1");
    pty.wait_for("1/60 answered");
    let (_, record) = only_record(&data);
    let first = observation(&record, "hotel-check-in", "booking-channel");
    assert_eq!(first["answer"].as_str(), Some("phone"));
    // The note is on disk while the editor is still open.
    pty.send("keLate");
    pty.wait_for("Late");
    let (_, record) = only_record(&data);
    assert_eq!(
        observation(&record, "hotel-check-in", "booking-channel")["note"].as_str(),
        Some("Late")
    );
}

#[test]
fn a_second_session_is_refused_with_the_holder() {
    let data = temp_dir("lock");
    let pty = start(&data);
    let (path, _) = only_record(&data);
    let id = path.file_stem().unwrap().to_str().unwrap();
    let second = touchpoint(&data, &["resume", id]);
    assert_eq!(second.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(
        stderr.contains(&format!(
            "is open in another session (pid {}",
            pty.child.id()
        )),
        "{stderr}"
    );
    drop(pty);
    // Killed sessions never leave the visit locked.
    let mut third = Pty::spawn(&["resume", id], &data, 80, 24);
    third.wait_for("resumed draft saved");
    third.send("q");
    third.wait_exit(Duration::from_secs(5)).expect("exits");
}

#[test]
fn too_small_a_terminal_says_so_and_recovers() {
    let data = temp_dir("small");
    let mut pty = Pty::spawn(
        &["new", "--site", "Hotel Metropol", "--auditor", "anna"],
        &data,
        52,
        14,
    );
    pty.wait_for("need 40×20 or 60×16, have 52×14");
    pty.resize(80, 24);
    pty.wait_for("0/60 answered");
}

#[test]
fn list_and_export_in_every_format() {
    let data = temp_dir("export");
    let mut pty = start(&data);
    pty.send("2jy");
    pty.wait_for("2/60 answered");
    pty.send("q");
    pty.wait_exit(Duration::from_secs(5)).expect("exits");
    let (path, _) = only_record(&data);
    let id = path.file_stem().unwrap().to_str().unwrap();

    let list = touchpoint(&data, &["list"]);
    let listed = String::from_utf8_lossy(&list.stdout);
    assert!(list.status.success());
    assert!(
        listed.contains(id) && listed.contains("draft") && listed.contains("2/60"),
        "{listed}"
    );

    for (format, needle) in [
        ("toml", "answer = \"email\""),
        ("json", "\"answer\": \"email\""),
        ("csv", "booking-channel"),
        ("md", "Hotel Metropol"),
    ] {
        // Beside the data folder: nothing may be written into it (issue 17).
        let out = data.with_extension(format!("out.{format}"));
        let done = touchpoint(
            &data,
            &[
                "export",
                id,
                "--format",
                format,
                "-o",
                out.to_str().unwrap(),
            ],
        );
        assert!(
            done.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&done.stderr)
        );
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(
            text.contains(needle),
            "{format} export lacks {needle}:\n{text}"
        );
    }
    for format in ["toml", "json", "csv", "md"] {
        let _ = std::fs::remove_file(data.with_extension(format!("out.{format}")));
    }
    let missing = touchpoint(&data, &["export", "20990101T000000-nowhere-0000"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no visit"));
}
