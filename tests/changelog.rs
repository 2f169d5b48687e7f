//! The change log (`visits/<id>.log`, issue 22) through the binary: a visit
//! played in a terminal leaves one chained line per change, kept through a
//! kill -9, hashed into the final record (which OpenSSH then verifies), read
//! back by `touchpoint log`, checked by `touchpoint verify`, and moved with
//! the visit to the trash and back.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{Cleanup, Pty, id_of, new_visit, run, temp_dir};
use touchpoint::record::changelog;

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn log_of(record: &Path) -> PathBuf {
    record.with_extension("log")
}

/// The log's lines, once it has at least `n` whole ones.
fn wait_for_lines(log: &Path, n: usize) -> Vec<changelog::Line> {
    let start = Instant::now();
    loop {
        let bytes = std::fs::read(log).unwrap_or_default();
        let checked = changelog::check(&bytes);
        if checked.lines.len() >= n {
            assert_eq!(checked.broken, None, "{}", String::from_utf8_lossy(&bytes));
            return checked.lines;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "waited for {n} lines in {}:\n{}",
            log.display(),
            String::from_utf8_lossy(&bytes)
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn kill_9(pty: &mut Pty) {
    pty.signal(libc::SIGKILL);
    pty.wait_exit(Duration::from_secs(10)).expect("killed");
}

/// Answers, changes, undoes, notes and clears in a pty: `(pty, record)`
/// with five lines in the log.
fn played(data: &Path) -> (Pty, PathBuf) {
    let (mut pty, record) = new_visit(data);
    let log = log_of(&record);
    // The first item: options 1 to 5. An answer moves to the next item;
    // k comes back.
    pty.send("1");
    pty.wait_for("1/60 answered");
    wait_for_lines(&log, 1);
    pty.send("k2");
    wait_for_lines(&log, 2);
    pty.send("ku");
    wait_for_lines(&log, 3);
    pty.send("eSlow\r");
    pty.wait_for("Slow");
    // The note typed is one line, written when the next change comes.
    pty.send("\x7f");
    pty.wait_for("0/60 answered");
    wait_for_lines(&log, 5);
    (pty, record)
}

#[test]
fn a_visit_played_in_a_terminal_leaves_one_chained_line_per_change() {
    let data = temp_dir("changelog-played");
    let _cleanup = Cleanup(data.clone());
    let (mut pty, record) = played(&data);
    let lines = wait_for_lines(&log_of(&record), 5);
    let fields: Vec<&str> = lines.iter().map(|l| l.field.as_str()).collect();
    assert_eq!(
        fields,
        ["answer", "answer", "undo-answer", "note", "answer"],
        "{lines:?}"
    );
    assert_eq!(lines[0].prev, "");
    let (first, second) = (lines[0].new.clone(), lines[1].new.clone());
    assert_eq!(lines[0].old, serde_json::Value::Null);
    assert!(first.is_string() && second.is_string() && first != second);
    assert_eq!(lines[1].old, first);
    assert_eq!((&lines[2].old, &lines[2].new), (&second, &first));
    assert_eq!(lines[3].new, "Slow");
    assert_eq!(lines[4].new, serde_json::Value::Null);
    assert!(
        lines
            .iter()
            .all(|l| l.item == lines[0].item && l.item.is_some())
    );
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(log_of(&record))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);

    // The timeline, in the user's words.
    let id = id_of(&record);
    let out = run(&data, &["log", &id]);
    assert!(out.status.success(), "{}", text(&out));
    let shown = String::from_utf8_lossy(&out.stdout).into_owned();
    let (first, second) = (first.as_str().unwrap(), second.as_str().unwrap());
    for want in [
        format!(": — → {first}"),
        format!(": {first} → {second}"),
        format!(": {second} → {first} (undo)"),
        " note: — → Slow".to_owned(),
        format!(": {first} → —"),
    ] {
        assert!(shown.contains(&want), "{want:?} not in\n{shown}");
    }
    let out = common::touchpoint_command(&["--lang", "ru", "log", &id], &data)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        shown.contains("(отмена)") && shown.contains("заметка"),
        "{shown}"
    );
    kill_9(&mut pty);
}

#[test]
fn kill_9_mid_visit_loses_no_line_and_typing_cut_short_is_kept() {
    let data = temp_dir("changelog-kill");
    let _cleanup = Cleanup(data.clone());
    let (mut pty, record) = played(&data);
    // A note being typed when the program is killed: the journal holds it,
    // and opening the visit again puts its line in the log.
    pty.send("eAbc");
    pty.wait_for("Abc");
    std::thread::sleep(Duration::from_millis(200));
    kill_9(&mut pty);
    assert_eq!(wait_for_lines(&log_of(&record), 5).len(), 5);

    let id = id_of(&record);
    let mut pty = Pty::spawn(&["resume", &id], &data, 80, 24);
    pty.wait_for("answered");
    let lines = wait_for_lines(&log_of(&record), 6);
    assert_eq!(lines.len(), 6, "{lines:?}");
    assert_eq!(lines[5].field, "note");
    assert!(
        lines[5].new.as_str().is_some_and(|n| n.contains("Abc")),
        "{lines:?}"
    );
    // Changes after it chain on.
    pty.send("1");
    pty.wait_for("1/60 answered");
    assert_eq!(wait_for_lines(&log_of(&record), 7).len(), 7);
    kill_9(&mut pty);
}

/// Finalizes the visit of `record` (resumed in a pty).
fn finalize(data: &Path, record: &Path) {
    let mut pty = Pty::spawn(&["resume", &id_of(record)], data, 80, 24);
    pty.wait_for("answered");
    pty.send("F");
    pty.wait_for("Finalize");
    pty.send("y");
    pty.wait_for("items unanswered");
    pty.send("Y");
    pty.wait_for("FINAL");
    pty.send("q");
    let status = pty.wait_exit(Duration::from_secs(10)).expect("q leaves");
    assert!(status.success());
}

fn keygen(dir: &Path) -> PathBuf {
    let key = dir.join("anna");
    let status = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", "anna", "-f"])
        .arg(&key)
        .stdin(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    key
}

fn ssh_verify(allowed: &Path, record: &Path) -> bool {
    Command::new("ssh-keygen")
        .args(["-Y", "verify", "-f"])
        .arg(allowed)
        .args(["-I", "anna", "-n", "touchpoint-record", "-s"])
        .arg(format!("{}.sig", record.display()))
        .stdin(std::fs::File::open(record).unwrap())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap()
        .success()
}

#[test]
fn the_signed_record_names_its_log_and_verify_refuses_a_log_cut_or_edited() {
    if !common::have("ssh-keygen") {
        return;
    }
    let data = temp_dir("changelog-signed");
    let _cleanup = Cleanup(data.clone());
    std::fs::create_dir_all(&data).unwrap();
    let key = keygen(&data);
    let config = data.join("config/touchpoint");
    std::fs::create_dir_all(&config).unwrap();
    let allowed = data.join("allowed_signers");
    let public = std::fs::read_to_string(format!("{}.pub", key.display())).unwrap();
    std::fs::write(&allowed, format!("anna {public}")).unwrap();
    std::fs::write(
        config.join("config.toml"),
        format!(
            "signing_key = \"{}\"\nallowed_signers = \"{}\"\n",
            key.display(),
            allowed.display()
        ),
    )
    .unwrap();
    let (mut pty, record) = played(&data);
    pty.send("q");
    pty.wait_exit(Duration::from_secs(10)).expect("q leaves");
    finalize(&data, &record);

    let log = log_of(&record);
    let bytes = std::fs::read(&log).unwrap();
    let lines = wait_for_lines(&log, 6);
    let last = lines.last().unwrap();
    assert_eq!((last.field.as_str(), last.item.as_ref()), ("status", None));
    assert_eq!((&last.old, &last.new), (&"draft".into(), &"final".into()));
    let header = common::read_record_file(&record).header;
    assert_eq!(header.log_sha256, Some(changelog::sha256_hex(&bytes)));
    assert!(
        ssh_verify(&allowed, &record),
        "ssh-keygen refused the record"
    );
    let out = run(&data, &["verify"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("valid"), "{}", text(&out));

    // The last line cut off: the chain holds, the hash does not.
    let cut = &bytes[..bytes[..bytes.len() - 1]
        .iter()
        .rposition(|b| *b == b'\n')
        .unwrap()
        + 1];
    std::fs::write(&log, cut).unwrap();
    let out = run(&data, &["verify"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("invalid") && text(&out).contains("log_sha256"),
        "{}",
        text(&out)
    );
    // It is the log that is named, not the signature.
    assert!(
        text(&out).contains("the change log does not match the record")
            && !text(&out).contains("bad signature"),
        "{}",
        text(&out)
    );
    // Still signed by anna in OpenSSH's eyes: only the log tells.
    assert!(ssh_verify(&allowed, &record));

    // A line edited in the middle (the second answer made the first):
    // the chain breaks at the next line.
    let text_of_log = String::from_utf8(bytes.clone()).unwrap();
    let second = text_of_log.lines().nth(1).unwrap();
    let changed = second.replacen("\"new\":\"", "\"new\":\"x", 1);
    let edited = text_of_log.replacen(second, &changed, 1);
    assert_ne!(edited.as_bytes(), &bytes[..]);
    std::fs::write(&log, &edited).unwrap();
    let out = run(&data, &["verify"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let shown = format!("{}:3:", log.display());
    assert!(
        text(&out).contains(&shown) && text(&out).contains("chain is broken"),
        "{}",
        text(&out)
    );
    let out = run(&data, &["log", &id_of(&record)]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(&shown),
        "{}",
        text(&out)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains(": — → "));

    // No log at all.
    std::fs::remove_file(&log).unwrap();
    let out = run(&data, &["verify"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("missing"), "{}", text(&out));
    std::fs::write(&log, &bytes).unwrap();
    let out = run(&data, &["verify"]);
    assert!(out.status.success(), "{}", text(&out));

    // The report and the debrief say so.
    assert_eq!(signed_in_report(&data, &[]), ["valid"]);
    let out = run(&data, &["export", &id_of(&record), "--format", "md"]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("| Signature | valid |"),
        "{}",
        text(&out)
    );
    let outside = temp_dir("changelog-signed-out");
    let _cleanup_outside = Cleanup(outside.clone());
    std::fs::create_dir_all(&outside).unwrap();
    let html = outside.join("debrief.html");
    let html_arg = html.display().to_string();
    let out = run(
        &data,
        &[
            "export",
            &id_of(&record),
            "--format",
            "html",
            "-o",
            &html_arg,
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        std::fs::read_to_string(&html)
            .unwrap()
            .contains("Signature: valid")
    );

    // A log cut short: invalid in the report, and --require-signed leaves it out.
    std::fs::write(&log, cut).unwrap();
    assert_eq!(signed_in_report(&data, &[]), ["invalid"]);
    assert!(signed_in_report(&data, &["--require-signed"]).is_empty());
    let out = run(&data, &["report", "--require-signed"]);
    assert!(text(&out).contains("not validly signed"), "{}", text(&out));
    std::fs::write(&log, &bytes).unwrap();

    // Without an allowed_signers file, whose key signed cannot be told.
    std::fs::write(
        config.join("config.toml"),
        format!("signing_key = \"{}\"\n", key.display()),
    )
    .unwrap();
    assert_eq!(signed_in_report(&data, &[]), ["unknown-key"]);
    let out = run(&data, &["report", "--require-signed"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("allowed_signers"), "{}", text(&out));
}

/// `visits[].signed` of `touchpoint report --format json ARGS`.
fn signed_in_report(data: &Path, args: &[&str]) -> Vec<String> {
    let mut all = vec!["report", "--format", "json"];
    all.extend_from_slice(args);
    let out = run(data, &all);
    let json: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&out)));
    json["visits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["signed"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn the_log_goes_to_the_trash_and_back_with_its_visit() {
    let data = temp_dir("changelog-trash");
    let _cleanup = Cleanup(data.clone());
    let (mut pty, record) = new_visit(&data);
    pty.send("1");
    wait_for_lines(&log_of(&record), 1);
    pty.send("q");
    pty.wait_exit(Duration::from_secs(10)).expect("q leaves");
    let id = id_of(&record);
    let before = std::fs::read(log_of(&record)).unwrap();
    let out = run(&data, &["delete", &id]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(!log_of(&record).exists());
    let trashed = data.join("trash").join(format!("{id}.log"));
    assert_eq!(std::fs::read(&trashed).unwrap(), before);
    let out = run(&data, &["restore", &id]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(!trashed.exists());
    assert_eq!(std::fs::read(log_of(&record)).unwrap(), before);
}

#[test]
fn the_home_screen_names_a_final_visit_left_unsigned() {
    let data = temp_dir("changelog-home-unsigned");
    let _cleanup = Cleanup(data.clone());
    let config = data.join("config/touchpoint");
    std::fs::create_dir_all(&config).unwrap();
    let missing = data.join("no-such-key");
    std::fs::write(
        config.join("config.toml"),
        format!("signing_key = \"{}\"\n", missing.display()),
    )
    .unwrap();
    let (mut pty, record) = new_visit(&data);
    pty.send("q");
    pty.wait_exit(Duration::from_secs(10)).expect("q leaves");
    finalize(&data, &record);
    let home = Pty::spawn(&[], &data, 100, 30);
    home.wait_until("the unsigned visit named", |s| {
        s.contains(&id_of(&record)) && s.contains("final, unsigned")
    });
}

#[test]
fn finalizing_copies_the_log_to_the_export_folder_with_the_record() {
    let data = temp_dir("changelog-export");
    let _cleanup = Cleanup(data.clone());
    let exports = temp_dir("changelog-export-out");
    let _cleanup_exports = Cleanup(exports.clone());
    let config = data.join("config/touchpoint");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        format!("export_folder = \"{}\"\n", exports.display()),
    )
    .unwrap();
    let (mut pty, record) = new_visit(&data);
    pty.send("1");
    wait_for_lines(&log_of(&record), 1);
    pty.send("q");
    pty.wait_exit(Duration::from_secs(10)).expect("q leaves");
    finalize(&data, &record);
    let id = id_of(&record);
    let copied = exports.join(format!("{id}.log"));
    assert_eq!(
        std::fs::read(&copied).unwrap(),
        std::fs::read(log_of(&record)).unwrap()
    );
    let copy = common::read_record_file(&exports.join(format!("{id}.toml")));
    assert_eq!(
        copy.header.log_sha256,
        Some(changelog::sha256_hex(&std::fs::read(&copied).unwrap()))
    );
}
