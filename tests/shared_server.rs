//! Safe on a shared server (issue 10): links, FIFOs, devices, other users'
//! folders and escape sequences, each tried against the real binary, as a
//! second user on the same machine would plant them.
//!
//! Files "of another user" are made by chown to an unused uid, which needs
//! root; those tests say so and pass without checking when not run as root.
//! CI runs as root.

use crate::common;

use std::ffi::CString;
use std::fs;
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt, symlink};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};
use std::time::{Duration, Instant};

use common::{Cleanup, Pty, run, temp_dir, touchpoint_command, visit_files};
use touchpoint::checklist::{self, Source};
use touchpoint::store::{Store, checklists};
use touchpoint::visit::Visit;

/// A uid no account has: "another user".
const MALLORY: u32 = 4242;

fn is_root() -> bool {
    // SAFETY: geteuid cannot fail.
    unsafe { libc::geteuid() == 0 }
}

fn mode(path: &Path) -> u32 {
    fs::symlink_metadata(path).unwrap().permissions().mode() & 0o7777
}

fn chown(path: &Path, uid: u32) {
    std::os::unix::fs::lchown(path, Some(uid), None).unwrap();
}

fn mkfifo(path: &Path) {
    let name = CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid C string.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0);
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Runs `touchpoint ARGS`; fails the test if it has not finished within 10 s
/// (a hang), killing it first.
fn run_within(data: &Path, args: &[&str]) -> Output {
    let mut command = touchpoint_command(args, data);
    command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!("touchpoint {args:?} hung; stderr so far: {}", stderr(&out));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A draft visit over `checklist` (a file), written as the program writes
/// one; returns its id.
fn draft(data: &Path, checklist_path: &Path, site: &str) -> String {
    let store = Store::open(data).unwrap();
    let loaded = checklists::read(
        checklist_path,
        Source::Path(checklist_path.canonicalize().unwrap()),
    )
    .unwrap();
    let visit = Visit::new(
        site,
        "anna",
        vec![loaded],
        &jiff::ZonedDateTime::now(),
        "7f3a",
    );
    let text = touchpoint::record::try_to_toml(&visit).unwrap();
    store.save(&visit.header.id, text.as_bytes()).unwrap();
    visit.header.id.clone()
}

const CHECKLIST: &str = r#"
[checklist]
id = "lobby"
title = "Lobby"
touchpoint = "check-in"

[[section]]
id = "desk"
title = "Desk"

[[section.item]]
id = "greeted"
prompt = "Greeted at the door"
"#;

fn checklist_file(dir: &Path) -> PathBuf {
    let path = dir.join("lobby.toml");
    fs::write(&path, CHECKLIST).unwrap();
    path
}

// 1. A link planted at visits/<id>.lock is not followed.
#[test]
fn a_link_planted_at_the_lock_is_refused_and_its_target_left_whole() {
    let dir = temp_dir("lock-link");
    let _cleanup = Cleanup(dir.clone());
    let data = dir.join("data");
    let id = draft(&data, &checklist_file(&dir), "Hotel");
    let important = dir.join("important.txt");
    fs::write(&important, "the auditor's own notes\n").unwrap();
    fs::set_permissions(&important, fs::Permissions::from_mode(0o644)).unwrap();
    let lock = data.join(format!("visits/{id}.lock"));
    symlink(&important, &lock).unwrap();

    let out = run_within(&data, &["resume", &id]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let message = stderr(&out);
    assert!(
        message.contains(&format!("refusing {}", lock.display()))
            && message.contains("symbolic link"),
        "{message}"
    );
    assert_eq!(
        fs::read_to_string(&important).unwrap(),
        "the auditor's own notes\n"
    );
    assert_eq!(mode(&important), 0o644);
}

// 1. The journal beside a record is opened as the lock is: a link planted at
// visits/<id>.journal is refused by every reader, its target left whole,
// and a FIFO there hangs nothing.
#[test]
fn a_link_or_fifo_planted_at_the_journal_is_refused() {
    let dir = temp_dir("journal-link");
    let _cleanup = Cleanup(dir.clone());
    let data = dir.join("data");
    let id = draft(&data, &checklist_file(&dir), "Hotel");
    let important = dir.join("important.txt");
    fs::write(&important, "the auditor's own notes\n").unwrap();
    fs::set_permissions(&important, fs::Permissions::from_mode(0o644)).unwrap();
    let journal = data.join(format!("visits/{id}.journal"));
    symlink(&important, &journal).unwrap();

    for args in [vec!["list"], vec!["export", &id], vec!["resume", &id]] {
        let out = run_within(&data, &args);
        let message = stderr(&out);
        assert!(
            message.contains(&format!("refusing {}", journal.display()))
                && message.contains("symbolic link"),
            "{args:?}: {message}"
        );
    }
    assert_eq!(
        fs::read_to_string(&important).unwrap(),
        "the auditor's own notes\n"
    );
    assert_eq!(mode(&important), 0o644);

    if is_root() {
        // Another user's journal, as another user's lock, is refused.
        fs::remove_file(&journal).unwrap();
        fs::write(&journal, "not ours\n").unwrap();
        chown(&journal, 1);
        let out = run_within(&data, &["export", &id]);
        assert!(
            stderr(&out).contains("belongs to another user"),
            "{}",
            stderr(&out)
        );
    } else {
        println!("skipped: another user's journal needs root to make");
    }
    fs::remove_file(&journal).unwrap();
    mkfifo(&journal);
    let out = run_within(&data, &["export", &id]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("FIFO"), "{}", stderr(&out));
}

// 1. A lock file or visit file of another user is refused (needs root).
#[test]
fn files_of_another_user_in_the_data_folder_are_refused() {
    if !is_root() {
        eprintln!("skipped: making a file of another user needs root");
        return;
    }
    let dir = temp_dir("foreign-file");
    let _cleanup = Cleanup(dir.clone());
    let data = dir.join("data");
    let id = draft(&data, &checklist_file(&dir), "Hotel");
    let lock = data.join(format!("visits/{id}.lock"));
    fs::write(&lock, "").unwrap();
    chown(&lock, MALLORY);
    let out = run_within(&data, &["resume", &id]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("belongs to another user (uid 4242)"),
        "{}",
        stderr(&out)
    );

    fs::remove_file(&lock).unwrap();
    let visit = data.join(format!("visits/{id}.toml"));
    chown(&visit, MALLORY);
    let out = run_within(&data, &["export", &id]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("belongs to another user"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty());
}

// 2. A data folder of another user is refused, and left as it was (needs root).
#[test]
fn a_data_folder_of_another_user_is_refused() {
    if !is_root() {
        eprintln!("skipped: making a folder of another user needs root");
        return;
    }
    let dir = temp_dir("foreign-data");
    let _cleanup = Cleanup(dir.clone());
    let data = dir.join("data");
    fs::create_dir(&data).unwrap();
    fs::set_permissions(&data, fs::Permissions::from_mode(0o777)).unwrap();
    chown(&data, MALLORY);
    let out = run_within(&data, &["list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("the data folder belongs to another user (uid 4242)"),
        "{}",
        stderr(&out)
    );
    assert_eq!(mode(&data), 0o777, "a refused folder is not touched");
    assert!(!data.join("visits").exists());

    // visits/ inside one's own data folder, owned by someone else.
    let own = dir.join("own");
    fs::create_dir_all(own.join("visits")).unwrap();
    chown(&own.join("visits"), MALLORY);
    let out = run_within(&own, &["list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("belongs to another user"),
        "{}",
        stderr(&out)
    );

    // An export folder of another user: nothing is written into it.
    let mine = dir.join("mine");
    let store = Store::open(&mine).unwrap();
    store.save("v", b"format = 1\n").unwrap();
    let theirs = dir.join("theirs");
    fs::create_dir(&theirs).unwrap();
    chown(&theirs, MALLORY);
    let message = store.copy_to("v", &theirs, 0o600).unwrap_err().to_string();
    assert!(
        message.contains("the export folder belongs to another user"),
        "{message}"
    );
    assert_eq!(fs::read_dir(&theirs).unwrap().count(), 0);
}

// 7. NUL bytes and UTF-16 are named with file:line:column like every problem.
#[test]
fn nul_and_utf16_problems_have_a_place() {
    let dir = temp_dir("nul");
    let _cleanup = Cleanup(dir.clone());
    let utf16 =
        |text: &str| -> Vec<u8> { text.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    let cases: [(&str, Vec<u8>, &str); 3] = [
        (
            "nul.toml",
            b"[checklist]\nid = \"a\0b\"\n".to_vec(),
            ":2:8: a NUL byte here",
        ),
        (
            "bom16.toml",
            [vec![0xff, 0xfe], utf16("[checklist]")].concat(),
            ":1:1: the file is saved as UTF-16",
        ),
        (
            "plain16.toml",
            utf16("[checklist]"),
            ":1:2: the file looks like UTF-16",
        ),
    ];
    for (name, bytes, expected) in cases {
        let path = dir.join(name);
        fs::write(&path, bytes).unwrap();
        let out = run_within(&dir, &["validate", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            stderr(&out).contains(&format!("{}{expected}", path.display())),
            "{name}: {}",
            stderr(&out)
        );
    }
}

// 2. One's own folder open to others is tightened; an export folder open to
// writing loses that, keeping its group reading and setgid.
#[test]
fn own_folders_open_to_others_are_tightened() {
    let dir = temp_dir("tighten");
    let _cleanup = Cleanup(dir.clone());
    let data = dir.join("data");
    fs::create_dir_all(data.join("visits")).unwrap();
    fs::set_permissions(&data, fs::Permissions::from_mode(0o777)).unwrap();
    let out = run_within(&data, &["list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode(&data), 0o700);

    let store = Store::open(&data).unwrap();
    store.save("v", b"format = 1\n").unwrap();
    let exports = dir.join("exports");
    fs::create_dir(&exports).unwrap();
    fs::set_permissions(&exports, fs::Permissions::from_mode(0o2777)).unwrap();
    store.copy_to("v", &exports, 0o640).unwrap();
    assert_eq!(mode(&exports), 0o2755);
    assert_eq!(mode(&exports.join("v.toml")), 0o640);
}

// 3. A FIFO named *.toml does not hang validate.
#[test]
fn a_fifo_named_like_a_checklist_does_not_hang_validate() {
    let dir = temp_dir("fifo-validate");
    let _cleanup = Cleanup(dir.clone());
    let fifo = dir.join("trap.toml");
    mkfifo(&fifo);
    let out = run_within(&dir, &["validate", fifo.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("trap.toml: is not a regular file"),
        "{}",
        stderr(&out)
    );
}

// 3. A FIFO and links that loop in a checklist folder hang neither
// `checklists` nor `validate` of the folder.
#[test]
fn fifos_and_link_loops_in_a_checklist_folder_do_not_hang() {
    let dir = temp_dir("fifo-folder");
    let _cleanup = Cleanup(dir.clone());
    let folder = dir.join("config/touchpoint/checklists");
    fs::create_dir_all(&folder).unwrap();
    checklist_file(&folder);
    mkfifo(&folder.join("trap.toml"));
    symlink(".", folder.join("again")).unwrap();
    symlink("..", folder.join("up")).unwrap();
    symlink("self", folder.join("self")).unwrap();
    let out = run_within(&dir, &["checklists"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).matches("lobby ").count(),
        1,
        "{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains("trap.toml: is not a regular file"),
        "{}",
        stderr(&out)
    );

    let out = run_within(&dir, &["validate", folder.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "the FIFO is a problem");
    assert!(stdout(&out).contains("ok "), "{}", stdout(&out));
}

// 3. A record whose source names a FIFO does not hang export.
#[test]
fn a_record_whose_source_is_a_fifo_does_not_hang_export() {
    let dir = temp_dir("fifo-source");
    let _cleanup = Cleanup(dir.clone());
    let data = dir.join("data");
    let path = checklist_file(&dir);
    let id = draft(&data, &path, "Hotel");
    fs::remove_file(&path).unwrap();
    mkfifo(&path);
    // No kept copy either: the source is all there is.
    let _ = fs::remove_dir_all(data.join("checklists"));
    let out = run_within(&data, &["export", &id, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is not a regular file"),
        "{}",
        stderr(&out)
    );
}

// 4. Control characters are refused at the command line.
#[test]
fn escape_sequences_in_arguments_are_refused() {
    let dir = temp_dir("args");
    let _cleanup = Cleanup(dir.clone());
    for args in [
        ["new", "--site", "Evil\x1b]0;pwned\x07", "--auditor", "anna"],
        ["new", "--site", "Hotel", "--auditor", "an\u{9b}31mna"],
    ] {
        let out = run_within(&dir, &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let message = stderr(&out);
        assert!(
            message.contains("holds the control character U+"),
            "{message}"
        );
        assert!(
            !message.contains('\x1b') && !message.contains('\u{9b}'),
            "{message:?}"
        );
    }
    assert!(visit_files(&dir).is_empty(), "no visit was started");
}

// 4. and 6. A foreign record's control, C1 and bidi characters are escaped
// in every export format, to standard output.
#[test]
fn a_foreign_records_escapes_are_inert_in_every_export() {
    let dir = temp_dir("foreign-record");
    let _cleanup = Cleanup(dir.clone());
    let data = dir.join("data");
    let id = draft(&data, &checklist_file(&dir), "Hotel");
    let file = data.join(format!("visits/{id}.toml"));
    let text = fs::read_to_string(&file).unwrap().replace(
        "site = \"Hotel\"",
        "site = \"Evil\\u001b]0;pwned\\u0007\\u001b[2J\u{9b}31m\u{202e}gpj.exe\u{200b}\"",
    );
    assert!(text.contains("Evil"));
    fs::write(&file, text).unwrap();
    for format in ["toml", "json", "csv", "md"] {
        let out = run_within(&data, &["export", &id, "--format", format]);
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        let shown = stdout(&out);
        let raw = shown.chars().find(|&c| {
            c != '\n'
                && c != '\r'
                && c != '\t'
                && (c.is_control() || touchpoint::text::is_invisible(c))
        });
        assert_eq!(
            raw, None,
            "{format} export lets a character through: {shown}"
        );
        assert!(shown.contains("Evil"), "{format}: {shown}");
    }
    // JSON keeps the text exactly, as \u escapes.
    let out = run_within(&data, &["export", &id, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["visit"]["site"],
        "Evil\x1b]0;pwned\x07\x1b[2J\u{9b}31m\u{202e}gpj.exe\u{200b}"
    );
    // So does TOML.
    let out = run_within(&data, &["export", &id]);
    let back = touchpoint::record::parse_bytes("export", &out.stdout).unwrap();
    assert!(back.header.site.starts_with("Evil\x1b]0;"));
}

// 5 and issue 17 #8. `-o -` is standard output; an existing FIFO (a reader
// waiting on it, as another user would plant one in /tmp), a socket and
// another user's file are refused and left as they are; a folder is refused.
#[test]
fn export_into_a_fifo_or_socket_is_refused_and_dash_writes_stdout() {
    let dir = temp_dir("export-fifo");
    let _cleanup = Cleanup(dir.clone());
    let data = dir.join("data");
    let id = draft(&data, &checklist_file(&dir), "Hotel");

    let out = run_within(&data, &["export", &id, "-o", "-"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("site = \"Hotel\""),
        "{}",
        stdout(&out)
    );
    assert!(!data.join("-").exists() && !Path::new("-").exists());

    let fifo = dir.join("pipe");
    mkfifo(&fifo);
    let (sender, read) = std::sync::mpsc::channel();
    {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            // Opened read-write so the open never waits for a writer; what
            // a writer sends is read as it comes.
            let mut file = fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open(fifo)
                .unwrap();
            let mut buf = [0u8; 4096];
            let n = file.read(&mut buf).unwrap_or(0);
            let _ = sender.send(String::from_utf8_lossy(&buf[..n]).into_owned());
        });
    }
    // The reader has the FIFO open before the program looks at it.
    std::thread::sleep(Duration::from_millis(200));
    for command in [
        vec!["export", &id, "-o", fifo.to_str().unwrap()],
        vec!["report", "-o", fifo.to_str().unwrap()],
    ] {
        let out = run_within(&data, &command);
        assert_eq!(out.status.code(), Some(1), "{command:?}");
        assert!(
            stderr(&out).contains("FIFO") && stderr(&out).contains("-o -"),
            "{}",
            stderr(&out)
        );
    }
    assert!(
        read.recv_timeout(Duration::from_millis(300)).is_err(),
        "something reached the FIFO"
    );
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());

    let socket_path = dir.join("sock");
    let _socket = std::os::unix::net::UnixListener::bind(&socket_path).unwrap();
    let out = run_within(&data, &["export", &id, "-o", socket_path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("socket"), "{}", stderr(&out));
    assert!(
        fs::symlink_metadata(&socket_path)
            .unwrap()
            .file_type()
            .is_socket()
    );

    let out = run_within(&data, &["export", &id, "-o", "/dev/null"]);
    assert!(out.status.success(), "{}", stderr(&out));

    let out = run_within(&data, &["export", &id, "-o", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("it is a folder"), "{}", stderr(&out));

    if !is_root() {
        eprintln!("skipped: another user's file needs root (chown)");
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI runs as root"
        );
        return;
    }
    let theirs = dir.join("theirs.toml");
    fs::write(&theirs, "mallory's\n").unwrap();
    chown(&theirs, MALLORY);
    let out = run_within(&data, &["export", &id, "-o", theirs.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("another user"), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&theirs).unwrap(), "mallory's\n");
    assert_eq!(fs::metadata(&theirs).unwrap().uid(), MALLORY);
}

// Issue 17 #6. An output path in the data folder (the visit's own record,
// by its path, through a link to the folder, or the folder itself) is
// refused, and the record stays as it was.
#[test]
fn export_and_report_onto_the_data_folder_are_refused() {
    let dir = temp_dir("export-onto-record");
    let _cleanup = Cleanup(dir.clone());
    let data = dir.join("data");
    let id = draft(&data, &checklist_file(&dir), "Hotel");
    let record = data.join("visits").join(format!("{id}.toml"));
    let before = fs::read(&record).unwrap();
    symlink(&data, dir.join("alias")).unwrap();
    let via_link = dir.join("alias").join("visits").join(format!("{id}.toml"));
    let hard = dir.join("hard.toml");
    fs::hard_link(&record, &hard).unwrap();
    let targets = [
        record.clone(),
        via_link,
        data.join("visits").join("new.csv"),
        data.clone(),
        hard,
    ];
    for target in &targets {
        for command in [
            vec![
                "export",
                &id,
                "--format",
                "csv",
                "-o",
                target.to_str().unwrap(),
            ],
            vec!["report", "--format", "csv", "-o", target.to_str().unwrap()],
        ] {
            let out = run_within(&data, &command);
            assert_eq!(out.status.code(), Some(1), "{command:?} succeeded");
            assert!(
                stderr(&out).contains("data folder"),
                "{command:?}: {}",
                stderr(&out)
            );
        }
    }
    assert_eq!(
        fs::read(&record).unwrap(),
        before,
        "the record was replaced"
    );
    assert!(!data.join("visits").join("new.csv").exists());
    // Outside the data folder an export is written as ever.
    let fine = dir.join("out.csv");
    let out = run_within(
        &data,
        &[
            "export",
            &id,
            "--format",
            "csv",
            "-o",
            fine.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(fs::read_to_string(&fine).unwrap().contains("Hotel"));
}

// 5. A device node given to -o stays a device (needs root for mknod).
#[test]
fn export_to_a_device_writes_into_it_and_never_replaces_it() {
    if !is_root() {
        eprintln!("skipped: making a device node needs root");
        return;
    }
    let dir = temp_dir("export-dev");
    let _cleanup = Cleanup(dir.clone());
    let data = dir.join("data");
    let id = draft(&data, &checklist_file(&dir), "Hotel");
    let null = dir.join("null");
    let name = CString::new(null.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid C string; makedev(1, 3) is the null device.
    let rc = unsafe { libc::mknod(name.as_ptr(), libc::S_IFCHR | 0o666, libc::makedev(1, 3)) };
    assert_eq!(rc, 0, "{}", std::io::Error::last_os_error());
    let out = run_within(&data, &["export", &id, "-o", null.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let meta = fs::symlink_metadata(&null).unwrap();
    assert!(meta.file_type().is_char_device(), "the device was replaced");
    assert_eq!(meta.rdev(), libc::makedev(1, 3));
}

// 6. validate warns about bidi overrides and invisible characters, with the place.
#[test]
fn validate_warns_about_invisible_characters() {
    let dir = temp_dir("bidi");
    let _cleanup = Cleanup(dir.clone());
    let path = dir.join("bidi.toml");
    fs::write(
        &path,
        CHECKLIST.replace(
            "prompt = \"Greeted at the door\"",
            "prompt = \"Greeted \u{202e}rood eht ta\u{202c}\"",
        ),
    )
    .unwrap();
    let out = run_within(&dir, &["validate", path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "a warning is not an error: {}",
        stderr(&out)
    );
    let message = stderr(&out);
    assert!(
        message.contains(&format!(
            "{}:13:19: warning: the invisible character U+202E (right-to-left override)",
            path.display()
        )),
        "{message}"
    );
    assert!(!message.contains('\u{202e}'));
}

// 8. SIGTSTP gives the terminal back before stopping; SIGCONT takes it again.
#[test]
fn suspend_and_continue_restore_and_retake_the_terminal() {
    let dir = temp_dir("suspend");
    let _cleanup = Cleanup(dir.clone());
    let mut pty = suspendable(&dir);
    assert_eq!(pty.termios().c_lflag & libc::ICANON, 0, "raw while running");

    pty.signal(libc::SIGTSTP);
    wait_state(&pty, 'T');
    let modes = pty.termios();
    assert_ne!(
        modes.c_lflag & libc::ICANON,
        0,
        "stopped, yet the terminal is left raw"
    );
    assert_ne!(modes.c_lflag & libc::ECHO, 0);

    pty.signal(libc::SIGCONT);
    pty.wait_until("the raw terminal again", |_| pty_raw(&pty));
    pty.wait_for("0/1 answered");
    // A key acts at once, without Enter.
    pty.send("y");
    pty.wait_for("1/1 answered");

    // Ctrl-Z suspends as in other terminal programs.
    pty.send("\x1a");
    wait_state(&pty, 'T');
    assert_ne!(pty.termios().c_lflag & libc::ICANON, 0);
    pty.signal(libc::SIGCONT);
    pty.wait_until("the raw terminal again", |_| pty_raw(&pty));
    pty.send("q");
    assert!(pty.wait_exit(Duration::from_secs(5)).is_some());
}

// 8. SIGQUIT ends the session like SIGTERM: terminal restored, visit saved.
#[test]
fn sigquit_restores_the_terminal_and_keeps_the_visit() {
    let dir = temp_dir("sigquit");
    let _cleanup = Cleanup(dir.clone());
    let mut pty = suspendable(&dir);
    pty.send("y");
    pty.wait_for("1/1 answered");
    pty.signal(libc::SIGQUIT);
    let status = pty.wait_exit(Duration::from_secs(5)).expect("exits");
    assert!(status.code().is_some(), "killed by the signal: {status:?}");
    assert_ne!(pty.termios().c_lflag & libc::ICANON, 0, "terminal left raw");
    let files = visit_files(&dir.join("data"));
    let record = common::read_record(&files[0]);
    assert!(record.observations[0].answer.is_some());
}

fn pty_raw(pty: &Pty) -> bool {
    pty.termios().c_lflag & libc::ICANON == 0
}

fn wait_state(pty: &Pty, state: char) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while pty.state() != state {
        assert!(
            Instant::now() < deadline,
            "state {} not {state}",
            pty.state()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A visit in a terminal, the program in a process group of its own in this
/// session, as a shell with job control starts it: stop signals then stop
/// it (a session leader's orphaned group would ignore them).
fn suspendable(dir: &Path) -> Pty {
    let data = dir.join("data");
    let path = checklist_file(dir);
    let mut command = touchpoint_command(
        &[
            "new",
            "--site",
            "Hotel",
            "--auditor",
            "anna",
            path.to_str().unwrap(),
        ],
        &data,
    );
    // SAFETY: setpgid is async-signal-safe.
    unsafe {
        command.pre_exec(|| {
            if libc::setpgid(0, 0) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let pty = Pty::start(command, 80, 24, false);
    pty.wait_for("0/1 answered");
    pty
}

// 9. export_mode applies to exports; the data folder stays private.
#[test]
fn export_mode_from_the_config_applies_to_exports_only() {
    let dir = temp_dir("export-mode");
    let _cleanup = Cleanup(dir.clone());
    let data = dir.join("data");
    let id = draft(&data, &checklist_file(&dir), "Hotel");
    let config = dir.join("data/config/touchpoint");
    fs::create_dir_all(&config).unwrap();
    fs::write(config.join("config.toml"), "export_mode = \"0640\"\n").unwrap();
    let out_file = dir.join("out.json");
    let out = run_within(
        &data,
        &[
            "export",
            &id,
            "--format",
            "json",
            "-o",
            out_file.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode(&out_file), 0o640);
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&data.join(format!("visits/{id}.toml"))), 0o600);

    fs::write(
        config.join("config.toml"),
        "export_folder = \"x\"\nauditor = \"an\\u001bna\"\n",
    )
    .unwrap();
    let out = run_within(&data, &["export", &id, "-o", out_file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out)
            .contains("config.toml:2:1: auditor holds the control character U+001B (escape)"),
        "{}",
        stderr(&out)
    );

    fs::write(
        config.join("config.toml"),
        "auditor = \"anna\"\nexport_mode = \"0777\"\n",
    )
    .unwrap();
    let out = run_within(&data, &["export", &id, "-o", out_file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("config.toml:2:"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("export_mode 0777 is not allowed"),
        "{}",
        stderr(&out)
    );
}

// 10. A visit whose checklist file moved or changed resumes from the copy
// kept in the data folder, and says so.
#[test]
fn a_visit_resumes_from_the_kept_copy_when_its_checklist_moved_or_changed() {
    let dir = temp_dir("kept");
    let _cleanup = Cleanup(dir.clone());
    let mut pty = suspendable(&dir);
    pty.send("y");
    pty.wait_for("1/1 answered");
    pty.send("q");
    pty.wait_exit(Duration::from_secs(5)).expect("exits");
    let data = dir.join("data");
    let sha = checklist::sha256_hex(CHECKLIST.as_bytes());
    let kept = data.join(format!("checklists/{sha}.toml"));
    assert_eq!(fs::read_to_string(&kept).unwrap(), CHECKLIST);
    assert_eq!(mode(&kept), 0o600);

    let source = dir.join("lobby.toml");
    for change in ["moved", "changed"] {
        if change == "moved" {
            fs::rename(&source, dir.join("elsewhere.toml")).unwrap();
        } else {
            fs::write(
                &source,
                CHECKLIST.replace("Greeted at the door", "Something else"),
            )
            .unwrap();
        }
        let mut pty = Pty::spawn(&["resume"], &data, 80, 24);
        pty.wait_for("1/1 answered");
        pty.wait_for("from the copy kept");
        assert!(
            pty.screen().contains("Greeted at the door"),
            "{}",
            pty.screen()
        );
        pty.send("q");
        pty.wait_exit(Duration::from_secs(5)).expect("exits");
        let record = common::read_record(&visit_files(&data)[0]);
        assert_eq!(
            record.checklists[0].source,
            source
                .canonicalize()
                .unwrap_or(source.clone())
                .display()
                .to_string(),
            "the source stays as information"
        );
    }
}

// Minor: a visit file made 0644 by hand is tightened when opened.
#[test]
fn a_loose_visit_file_is_tightened_on_open() {
    let dir = temp_dir("loose");
    let _cleanup = Cleanup(dir.clone());
    let data = dir.join("data");
    let id = draft(&data, &checklist_file(&dir), "Hotel");
    let file = data.join(format!("visits/{id}.toml"));
    fs::set_permissions(&file, fs::Permissions::from_mode(0o644)).unwrap();
    let out = run(&data, &["list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode(&file), 0o600);
}

// Minor: list aligns ids by display width, however long.
#[test]
fn list_aligns_long_ids() {
    let dir = temp_dir("list-align");
    let _cleanup = Cleanup(dir.clone());
    let data = dir.join("data");
    let short = draft(&data, &checklist_file(&dir), "Hotel");
    let long_id = format!("{short}-{}", "x".repeat(70));
    let text = fs::read_to_string(data.join(format!("visits/{short}.toml")))
        .unwrap()
        .replace(&short, &long_id);
    fs::write(data.join(format!("visits/{long_id}.toml")), text).unwrap();
    let out = run(&data, &["list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let columns: Vec<usize> = text
        .lines()
        .map(|l| l.find("Hotel").or_else(|| l.find("SITE")).unwrap())
        .collect();
    assert_eq!(columns.len(), 3, "{text}");
    assert!(columns.iter().all(|c| *c == columns[0]), "{text}");
    assert!(text.contains(&long_id), "the id is shown whole: {text}");
}

// 4. and 6. In the visit screen a pasted control character is refused with a
// message, and a bidi override from the checklist shows as `�`.
#[test]
fn pasted_controls_are_refused_and_bidi_shows_inert_on_screen() {
    let dir = temp_dir("paste");
    let _cleanup = Cleanup(dir.clone());
    let data = dir.join("data");
    let path = dir.join("bidi.toml");
    fs::write(
        &path,
        CHECKLIST.replace("Greeted at the door", "Greeted \u{202e}rood eht ta"),
    )
    .unwrap();
    let mut pty = Pty::spawn(
        &[
            "new",
            "--site",
            "Hotel",
            "--auditor",
            "anna",
            path.to_str().unwrap(),
        ],
        &data,
        80,
        24,
    );
    pty.wait_for("rood eht ta");
    // What reached the terminal: the override as `�`, never itself.
    let raw = String::from_utf8_lossy(&pty.raw_output()).into_owned();
    assert!(raw.contains("Greeted \u{fffd}rood"), "{raw:?}");
    assert!(!raw.contains('\u{202e}'));
    pty.send("e");
    pty.send("ok\u{9b}31m");
    pty.wait_for("U+009B (control sequence introducer) was not typed");
    pty.send("\x1b");
    pty.send("q");
    pty.wait_exit(Duration::from_secs(5)).expect("exits");
    let record = common::read_record(&visit_files(&data)[0]);
    let note = record.observations[0].note.clone();
    assert_eq!(note, "ok31m");
}

// A paste (bracketed, as terminals send it) goes into the open note whole,
// line breaks and all, and is never read as keys: outside an editor it
// answers nothing.
#[test]
fn a_paste_lands_in_the_note_whole_and_never_runs_as_keys() {
    let dir = temp_dir("bracketed-paste");
    let _cleanup = Cleanup(dir.clone());
    let data = dir.join("data");
    let mut pty = Pty::spawn(
        &[
            "new",
            "--site",
            "Hotel",
            "--auditor",
            "anna",
            checklist_file(&dir).to_str().unwrap(),
        ],
        &data,
        80,
        24,
    );
    pty.wait_for("Greeted at the door");
    // Outside an editor: refused, and `y` inside it answers nothing.
    pty.send("\x1b[200~y\ny\x1b[201~");
    pty.wait_for("a paste goes into a note or a field");
    pty.send("e");
    pty.wait_for("Ctrl-J");
    pty.send("\x1b[200~first line\nsecond y n 2\x1b[201~");
    pty.wait_for("second y n 2");
    pty.send("\x1b");
    pty.send("q");
    pty.wait_exit(Duration::from_secs(5)).expect("exits");
    let record = common::read_record(&visit_files(&data)[0]);
    let observation = &record.observations[0];
    assert_eq!(observation.note, "first line\nsecond y n 2");
    assert!(observation.answer.is_none(), "{:?}", observation.answer);
}

// Issue 17 #5. With umask 000 and a fresh home, the folders the program
// creates are not writable by others: `~/.local` and `~/.local/share` 0755,
// the data folder 0700, and every other missing folder above a data folder
// given by `--data-dir` 0700.
#[test]
fn folders_created_under_umask_000_are_not_open_to_others() {
    let dir = temp_dir("umask-000");
    let _cleanup = Cleanup(dir.clone());
    let home = dir.join("home");
    fs::create_dir(&home).unwrap();
    let run_masked = |args: &[&str]| {
        let mut command = touchpoint_command(args, &dir.join("unused"));
        command
            .env_remove("TOUCHPOINT_DATA_DIR")
            .env_remove("XDG_DATA_HOME")
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .stdin(Stdio::null());
        // SAFETY: umask is async-signal-safe and cannot fail.
        unsafe {
            command.pre_exec(|| {
                libc::umask(0);
                Ok(())
            });
        }
        command.output().unwrap()
    };
    let out = run_masked(&["list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode(&home.join(".local")), 0o755);
    assert_eq!(mode(&home.join(".local/share")), 0o755);
    assert_eq!(mode(&home.join(".local/share/touchpoint")), 0o700);
    assert_eq!(mode(&home.join(".local/share/touchpoint/visits")), 0o700);

    let deep = dir.join("a").join("b").join("data");
    let out = run_masked(&["--data-dir", deep.to_str().unwrap(), "list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    for folder in [dir.join("a"), dir.join("a/b"), deep.clone()] {
        assert_eq!(mode(&folder), 0o700, "{}", folder.display());
    }
}

// Issue 17 #7. A copy to export_folder that fails at finalize stays
// pending: `list` says "not exported" and names why, every later start tries
// again, and once the folder can be written `list` makes the copy.
#[test]
fn a_failed_copy_to_the_export_folder_is_tried_again_until_it_succeeds() {
    let dir = temp_dir("export-pending");
    let _cleanup = Cleanup(dir.clone());
    let data = dir.join("data");
    let id = draft(&data, &checklist_file(&dir), "Hotel");
    let config = data.join("config/touchpoint");
    fs::create_dir_all(&config).unwrap();
    // A file where the export folder's parent should be: no copy can be made.
    let blocker = dir.join("shared");
    fs::write(&blocker, "in the way").unwrap();
    let export = blocker.join("exports");
    fs::write(
        config.join("config.toml"),
        format!("export_folder = {:?}\n", export.to_str().unwrap()),
    )
    .unwrap();

    let mut pty = Pty::spawn(&["resume", &id], &data, 80, 24);
    pty.wait_for("Greeted at the door");
    pty.send("y");
    pty.wait_for("1/1 answered");
    pty.send("F");
    pty.wait_for("Finalize");
    pty.send("y");
    pty.wait_for("not exported");
    pty.send("q");
    if pty.wait_exit(Duration::from_secs(3)).is_none() {
        // Leaving after a failed save asks first.
        pty.send("y");
        pty.wait_exit(Duration::from_secs(5))
            .expect("touchpoint leaves");
    }
    assert_eq!(
        common::read_record(&data.join(format!("visits/{id}.toml")))
            .header
            .status,
        touchpoint::visit::Status::Final
    );

    let out = run_within(&data, &["list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("final, not exported"),
        "{}",
        stdout(&out)
    );
    assert!(
        stderr(&out).contains(&format!("visit {id} is final but not copied")),
        "{}",
        stderr(&out)
    );
    // Any other command tries again too, and says it still fails.
    let out = run_within(&data, &["export", &id, "-o", "/dev/null"]);
    assert!(
        stderr(&out).contains("not copied to the export folder"),
        "{}",
        stderr(&out)
    );
    assert!(!export.exists());

    fs::remove_file(&blocker).unwrap();
    let out = run_within(&data, &["list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("copied to the export folder"),
        "{}",
        stderr(&out)
    );
    assert!(!stdout(&out).contains("not exported"), "{}", stdout(&out));
    let copy = export.join(format!("{id}.toml"));
    assert_eq!(
        fs::read(&copy).unwrap(),
        fs::read(data.join(format!("visits/{id}.toml"))).unwrap()
    );
    assert!(!data.join(format!("visits/{id}.unexported")).exists());
    // Done once: the next start copies nothing and says nothing of it.
    let out = run_within(&data, &["list"]);
    assert!(!stderr(&out).contains("export"), "{}", stderr(&out));
}
