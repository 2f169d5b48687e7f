//! Issue 17, through the built binary: a config file that is not a file,
//! an unknown id, a damaged journal, a compaction that fails.

mod common;

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

/// Sets the largest file `pid` may write (RLIMIT_FSIZE), as `ulimit -f`
/// would: here, a record can no longer be rewritten, while the journal
/// (much shorter) still takes lines — a disk nearly full.
fn limit_file_size(pid: u32, bytes: u64) {
    let limit = libc::rlimit {
        rlim_cur: bytes,
        rlim_max: libc::RLIM_INFINITY,
    };
    // SAFETY: prlimit reads one valid rlimit; our own child.
    let rc = unsafe {
        libc::prlimit(
            pid as libc::pid_t,
            libc::RLIMIT_FSIZE,
            &limit,
            std::ptr::null_mut(),
        )
    };
    assert_eq!(rc, 0, "prlimit: {}", std::io::Error::last_os_error());
}

/// After a compaction fails (the record cannot be rewritten), every later
/// change still goes to the journal, and a kill -9 loses none of them.
#[test]
fn after_a_failed_compaction_changes_still_reach_the_journal_and_survive_kill_9() {
    let dir = temp_dir("compaction-fails");
    let _cleanup = Cleanup(dir.clone());
    let mut pty = common::Pty::spawn(
        &["new", "--site", "Hotel Metropol", "--auditor", "anna"],
        &dir,
        80,
        24,
    );
    pty.wait_for("0/60 answered");
    let path = common::wait_for_visit_file(&dir);
    let record_len = std::fs::metadata(&path).unwrap().len();
    // Any record with an answer more is longer than this one.
    limit_file_size(pty.pid(), record_len);
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
