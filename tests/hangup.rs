//! Issue 17: the terminal closed under the program (a dropped SSH link
//! closes the pseudo-terminal's master side). The program must end
//! cleanly, never abort (exit 134, SIGABRT), with every answer on disk,
//! after one more try of a save that failed.

use crate::common;

use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::ExitStatus;
use std::time::Duration;

use common::{Cleanup, Pty, read_record, temp_dir, touchpoint_command, wait_for_visit_file};
use touchpoint::record::{AnswerValue, RecordFile};

/// How long the program may take to end after its terminal closed.
const EXIT_LIMIT: Duration = Duration::from_secs(10);

fn answer_of(record: &RecordFile, checklist: &str, item: &str) -> Option<String> {
    record
        .observation(checklist, item)
        .unwrap_or_else(|| panic!("no observation {checklist}/{item}"))
        .answer
        .as_ref()
        .map(AnswerValue::as_text)
}

/// A new visit in a terminal; with `session` the program leads the
/// terminal's session and gets SIGHUP when it closes, without it only
/// its input and output go dead.
fn start_visit(data: &Path, session: bool) -> (Pty, PathBuf) {
    let command = touchpoint_command(
        &["new", "--site", "Hotel Metropol", "--auditor", "anna"],
        data,
    );
    let pty = Pty::start(command, 80, 24, session);
    pty.wait_for("0/60 answered");
    let file = wait_for_visit_file(data);
    (pty, file)
}

/// Closes the terminal and waits for the program: it ends by itself,
/// with a failure status and not by a signal (SIGABRT is exit 134 in a shell).
fn close_terminal(pty: &mut Pty, what: &str) -> ExitStatus {
    pty.hang_up();
    let status = pty
        .wait_exit(EXIT_LIMIT)
        .unwrap_or_else(|| panic!("still running {EXIT_LIMIT:?} after {what}"));
    assert_eq!(
        status.signal(),
        None,
        "{what}: killed by signal {:?} (6 is SIGABRT: exit 134)",
        status.signal()
    );
    assert_eq!(status.code(), Some(1), "{what}: {status:?}");
    status
}

#[test]
fn closing_the_terminal_under_a_visit_saves_it_and_never_aborts() {
    for session in [true, false] {
        let dir = temp_dir("hangup-visit");
        let _cleanup = Cleanup(dir.clone());
        let (mut pty, path) = start_visit(&dir, session);
        pty.send("2");
        pty.wait_for("1/60 answered");
        pty.send("3");
        pty.wait_for("2/60 answered");
        close_terminal(
            &mut pty,
            &format!("the terminal closed (SIGHUP: {session})"),
        );
        let record = read_record(&path);
        assert_eq!(
            answer_of(&record, "hotel-check-in", "booking-channel").as_deref(),
            Some("email")
        );
        assert_eq!(record.score.answered, 2);
        // Left whole: one file, no journal, and free to resume.
        assert!(!path.with_extension("journal").exists());
    }
}

#[test]
fn closing_the_terminal_under_the_home_screen_never_aborts() {
    for session in [true, false] {
        let dir = temp_dir("hangup-home");
        let _cleanup = Cleanup(dir.clone());
        let mut pty = Pty::start(touchpoint_command(&[], &dir), 80, 24, session);
        pty.wait_for("Auditor");
        close_terminal(&mut pty, "the terminal closed under the home screen");
    }
}

#[test]
fn closing_the_terminal_under_the_finalize_summary_keeps_the_draft() {
    for session in [true, false] {
        let dir = temp_dir("hangup-final");
        let _cleanup = Cleanup(dir.clone());
        let (mut pty, path) = start_visit(&dir, session);
        pty.send("2");
        pty.wait_for("1/60 answered");
        pty.send("F");
        pty.wait_for("59 unanswered");
        close_terminal(&mut pty, "the terminal closed under the finalize summary");
        let record = read_record(&path);
        assert_eq!(record.score.answered, 1);
        assert_eq!(record.header.status, touchpoint::visit::Status::Draft);
    }
}

/// Saves fail (no file may grow past a few bytes: the journal and the
/// record cannot be written), the screen says so; the space comes back,
/// then the terminal closes: the one more try saves every answer.
#[test]
fn a_failed_save_is_tried_once_more_when_the_terminal_closes() {
    for session in [true, false] {
        let dir = temp_dir("hangup-failed");
        let _cleanup = Cleanup(dir.clone());
        let (mut pty, path) = start_visit(&dir, session);
        common::limit_file_size(pty.pid(), 64);
        pty.send("2");
        pty.wait_for("NOT SAVED");
        pty.send("3");
        pty.wait_for("2/60 answered");
        common::limit_file_size(pty.pid(), libc::RLIM_INFINITY);
        close_terminal(&mut pty, "the terminal closed after a failed save");
        let record = read_record(&path);
        assert_eq!(record.score.answered, 2, "session {session}");
        assert_eq!(
            answer_of(&record, "hotel-check-in", "booking-channel").as_deref(),
            Some("email")
        );
    }
}
