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
