//! Running the built binary in a real pseudo-terminal, reading its screen
//! through a VT100 parser, as a person at a terminal would see it.

#![allow(dead_code)]

pub mod ftl;

use std::ffi::CStr;
use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// A program in a terminal of its own.
pub struct Pty {
    /// The writing end of the terminal; `None` once hung up.
    master: Option<File>,
    screen: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, as it wrote it.
    raw: Arc<Mutex<Vec<u8>>>,
    /// Tells the reading thread to let go of its end of the terminal.
    stop_reading: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
    /// The program.
    pub child: Child,
}

/// `touchpoint ARGS` with its data in `data_dir` and a home and config
/// folder of its own, so nothing of the person running the tests leaks in.
pub fn touchpoint_command(args: &[&str], data_dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_touchpoint"));
    command
        .args(args)
        .env("TOUCHPOINT_DATA_DIR", data_dir)
        .env("HOME", data_dir.join("home"))
        .env("XDG_CONFIG_HOME", data_dir.join("config"))
        // A UTF-8 locale unless a test asks for another: the machine
        // running the tests may have none set, which means ASCII marks.
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_CTYPE")
        .env_remove("LC_MESSAGES")
        .env_remove("NO_COLOR");
    command
}

impl Pty {
    /// Starts `touchpoint ARGS` in a `cols`×`rows` terminal with data in `data_dir`.
    pub fn spawn(args: &[&str], data_dir: &Path, cols: u16, rows: u16) -> Pty {
        Pty::spawn_with(args, data_dir, cols, rows, &[])
    }

    /// As `spawn`, with extra environment variables.
    pub fn spawn_with(
        args: &[&str],
        data_dir: &Path,
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
    ) -> Pty {
        let mut command = touchpoint_command(args, data_dir);
        for (k, v) in env {
            command.env(k, v);
        }
        Pty::start(command, cols, rows, true)
    }

    /// Starts `command` in a fresh `cols`×`rows` terminal. With `session`, the
    /// terminal becomes the controlling terminal of a new session led by the
    /// program, as after a login: closing the terminal then sends it SIGHUP.
    /// Without it the program only sees its input and output go dead.
    pub fn start(mut command: Command, cols: u16, rows: u16, session: bool) -> Pty {
        let (master, slave) = open_pty(cols, rows);
        if !command.get_envs().any(|(k, _)| k == "TERM") {
            command.env("TERM", "xterm-256color");
        }
        command
            .stdin(Stdio::from(slave.try_clone().expect("dup pty")))
            .stdout(Stdio::from(slave.try_clone().expect("dup pty")))
            .stderr(Stdio::from(slave));
        if session {
            // SAFETY: only async-signal-safe calls between fork and exec.
            unsafe {
                command.pre_exec(|| {
                    if libc::setsid() < 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                    if libc::ioctl(0, libc::TIOCSCTTY as _, 0) < 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                    Ok(())
                });
            }
        }
        let child = command.spawn().expect("start the program");
        // The parent's copies of the terminal's other end go with `command`,
        // so that the program's exit shows here as the end of its output.
        drop(command);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            nonzero(rows),
            nonzero(cols),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let stop_reading = Arc::new(AtomicBool::new(false));
        let reader = {
            let master = master.try_clone().expect("dup master");
            let (screen, raw, stop) = (
                Arc::clone(&screen),
                Arc::clone(&raw),
                Arc::clone(&stop_reading),
            );
            std::thread::spawn(move || read_output(master, &screen, &raw, &stop))
        };
        Pty {
            master: Some(master),
            screen,
            raw,
            stop_reading,
            reader: Some(reader),
            child,
        }
    }

    /// The program's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Types `keys` (raw bytes: "\r" is Enter, "\x1b" is Esc).
    pub fn send(&mut self, keys: &str) {
        if let Some(master) = &mut self.master {
            master.write_all(keys.as_bytes()).expect("write to pty");
            master.flush().expect("flush pty");
        }
    }

    /// Another handle on the keyboard, for typing from another thread. Drop
    /// it before [`Pty::hang_up`]: the terminal stays up while it is open.
    pub fn keyboard(&self) -> File {
        self.master
            .as_ref()
            .expect("the terminal is still up")
            .try_clone()
            .expect("dup master")
    }

    /// Types `keys` one by one, waiting `pause` after each, like a person.
    pub fn type_slowly(&mut self, keys: &str, pause: Duration) {
        for c in keys.chars() {
            self.send(&c.to_string());
            std::thread::sleep(pause);
        }
    }

    /// The screen as text, one line per row.
    pub fn screen(&self) -> String {
        self.screen
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    /// Every byte the program has written so far.
    pub fn raw_output(&self) -> Vec<u8> {
        self.raw.lock().map(|r| r.clone()).unwrap_or_default()
    }

    /// Waits until the screen shows `text`; panics with the screen if it never does.
    pub fn wait_for(&self, text: &str) {
        self.wait_until(&format!("screen to show {text:?}"), |s| s.contains(text));
    }

    /// Waits until the screen no longer shows `text`.
    pub fn wait_gone(&self, text: &str) {
        self.wait_until(&format!("{text:?} to leave the screen"), |s| {
            !s.contains(text)
        });
    }

    /// Waits until `ready(screen)` holds; panics naming `what`, with the screen, if it never does.
    pub fn wait_until(&self, what: &str, ready: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if ready(&self.screen()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "waited 10 s for {what}; the screen shows:\n{}",
            self.screen()
        );
    }

    /// Changes the terminal's size; the kernel tells the program with SIGWINCH.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        if let Some(master) = &self.master {
            let size = winsize(cols, rows);
            // The screen takes its new size before the program can learn of
            // it: a frame drawn at once for the new size, read while the
            // screen still had the old one, would wrap and garble it.
            let mut parser = self.screen.lock().ok();
            if let Some(parser) = parser.as_mut() {
                parser.screen_mut().set_size(nonzero(rows), nonzero(cols));
            }
            // SAFETY: TIOCSWINSZ reads a winsize from a valid pointer.
            unsafe { libc::ioctl(master.as_raw_fd(), libc::TIOCSWINSZ, &size) };
            drop(parser);
        }
    }

    /// Closes the terminal, as a dropped SSH connection does: every handle
    /// on its master side is closed, so the kernel hangs it up, and a
    /// program leading its session gets SIGHUP.
    pub fn hang_up(&mut self) {
        self.master = None;
        self.stop_reading.store(true, Ordering::Relaxed);
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
    }

    /// Waits up to `limit` for the program to exit.
    pub fn wait_exit(&mut self, limit: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + limit;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                // What it wrote last may still be on its way through the
                // terminal: wait (a moment at most) for the reader to reach
                // the end of the output, so that `raw_output` holds it all.
                let drained = Instant::now() + Duration::from_secs(2);
                while self.reader.as_ref().is_some_and(|r| !r.is_finished())
                    && Instant::now() < drained
                {
                    std::thread::sleep(Duration::from_millis(5));
                }
                return Some(status);
            }
            if Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Sends `signal` to the program.
    /// The terminal's modes as the program left them, read through our end.
    pub fn termios(&self) -> libc::termios {
        let master = self.master.as_ref().expect("the terminal is still up");
        // SAFETY: tcgetattr fills a zeroed termios from a valid descriptor.
        unsafe {
            let mut modes: libc::termios = std::mem::zeroed();
            assert_eq!(libc::tcgetattr(master.as_raw_fd(), &mut modes), 0);
            modes
        }
    }

    /// The program's state letter from /proc (`T` when stopped, `S` asleep).
    pub fn state(&self) -> char {
        let stat =
            std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).unwrap_or_default();
        // After the command name in parentheses, which may hold spaces.
        stat.rsplit_once(") ")
            .and_then(|(_, rest)| rest.chars().next())
            .unwrap_or('?')
    }

    pub fn signal(&self, signal: libc::c_int) {
        // SAFETY: kill only sends a signal to our own child.
        let rc = unsafe { libc::kill(self.child.id() as libc::pid_t, signal) };
        assert_eq!(rc, 0, "kill: {}", std::io::Error::last_os_error());
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.hang_up();
    }
}

/// Copies the program's output into the screen until the program is gone
/// or `stop` is raised; polls so that it can let go of the terminal on demand.
fn read_output(
    mut master: File,
    screen: &Mutex<vt100::Parser>,
    raw: &Mutex<Vec<u8>>,
    stop: &AtomicBool,
) {
    let mut buf = [0u8; 4096];
    while !stop.load(Ordering::Relaxed) {
        let mut fds = libc::pollfd {
            fd: master.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd.
        let ready = unsafe { libc::poll(&mut fds, 1, 20) };
        if ready <= 0 {
            continue;
        }
        if fds.revents & libc::POLLIN == 0 {
            // Hung up with nothing left to read: the program closed its side.
            break;
        }
        match master.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                if let Ok(mut parser) = screen.lock() {
                    parser.process(&buf[..n]);
                }
                if let Ok(mut raw) = raw.lock() {
                    raw.extend_from_slice(&buf[..n]);
                }
            }
        }
    }
}

fn winsize(cols: u16, rows: u16) -> libc::winsize {
    libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    }
}

/// A new terminal: its master side and its other end. Both are opened
/// close-on-exec, so a program started by a test running at the same time
/// cannot inherit them and keep this terminal alive after it is closed.
fn open_pty(cols: u16, rows: u16) -> (File, File) {
    let os = |what: &str| panic!("{what}: {}", std::io::Error::last_os_error());
    // SAFETY: plain libc calls; each descriptor is checked, then owned once.
    unsafe {
        let master = libc::posix_openpt(libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC);
        if master < 0 {
            os("posix_openpt");
        }
        let master = OwnedFd::from_raw_fd(master);
        if libc::grantpt(master.as_raw_fd()) != 0 || libc::unlockpt(master.as_raw_fd()) != 0 {
            os("grantpt");
        }
        let mut name = [0 as libc::c_char; 128];
        if libc::ptsname_r(master.as_raw_fd(), name.as_mut_ptr(), name.len()) != 0 {
            os("ptsname_r");
        }
        let slave = libc::open(
            CStr::from_ptr(name.as_ptr()).as_ptr(),
            libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC,
        );
        if slave < 0 {
            os("open the terminal");
        }
        let slave = OwnedFd::from_raw_fd(slave);
        let size = winsize(cols, rows);
        if libc::ioctl(master.as_raw_fd(), libc::TIOCSWINSZ, &size) != 0 {
            os("TIOCSWINSZ");
        }
        (File::from(master), File::from(slave))
    }
}

/// Runs `touchpoint ARGS` without a terminal, as a script would.
pub fn run(data_dir: &Path, args: &[&str]) -> std::process::Output {
    touchpoint_command(args, data_dir)
        .stdin(Stdio::null())
        .output()
        .expect("run touchpoint")
}

/// The visit files in `data_dir`, sorted.
pub fn visit_files(data_dir: &Path) -> Vec<PathBuf> {
    files_ending(&data_dir.join("visits"), ".toml")
}

/// The visit file of a session just started: the first frame is drawn
/// before the file is written, so a look right after it may come too soon.
pub fn wait_for_visit_file(data_dir: &Path) -> PathBuf {
    let start = Instant::now();
    loop {
        if let Some(file) = visit_files(data_dir).pop() {
            return file;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no visit file in {}",
            data_dir.display()
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Files in `dir` whose names end with `suffix`, sorted.
pub fn files_ending(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.ends_with(suffix))
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// The visit id of a visit file.
pub fn id_of(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .expect("a visit file name")
        .to_owned()
}

/// Reads a visit as every reader of the program sees it: the record file
/// with the changes of its journal applied. Panics with the reader's
/// `path:line:column` message if the file is not a whole record.
pub fn read_record(path: &Path) -> touchpoint::record::RecordFile {
    read_record_file(path);
    touchpoint::session::read_record(path).unwrap_or_else(|d| panic!("not a whole visit: {d}"))
}

/// Reads the record file alone, without its journal; panics if it is not
/// a whole record.
pub fn read_record_file(path: &Path) -> touchpoint::record::RecordFile {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    touchpoint::record::parse_bytes(&path.display().to_string(), &bytes)
        .unwrap_or_else(|d| panic!("not a whole record: {d}"))
}

/// A fresh, private data folder for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    static SEQ: AtomicU64 = AtomicU64::new(0);
    let dir = std::env::temp_dir().join(format!(
        "touchpoint-test-{name}-{}-{}",
        std::process::id(),
        SEQ.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create test folder");
    dir
}

/// Removes a test's folder when the test passes; keeps it for a look when it fails.
pub struct Cleanup(pub PathBuf);

impl Drop for Cleanup {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

fn nonzero(n: u16) -> std::num::NonZero<u16> {
    std::num::NonZero::new(n.max(1)).expect("at least 1")
}

/// One item of the planned visit: the keys that answer it, how many of them
/// are not typed text, and the answer the record must then hold.
pub struct Step {
    /// The checklist's id.
    pub checklist: String,
    /// The item's id.
    pub item: String,
    /// The keys, as a terminal sends them.
    pub keys: String,
    /// How many of them are not typed text.
    pub non_text: usize,
    /// The answer the record holds afterwards.
    pub expected: String,
}

/// Plans a complete hotel stay the way an auditor would answer it: every
/// follow-up opened (an item that another one depends on gets the answer
/// that shows it), every standard met, numbers typed from their first digit
/// and closed with Tab, texts opened with Enter and closed with Tab.
pub fn plan() -> Vec<Vec<Step>> {
    plan_of(&touchpoint::checklist::DEFAULT_STAY)
}

/// As [`plan`], for the bundled checklists `ids`, in that order.
pub fn plan_of(ids: &[&str]) -> Vec<Vec<Step>> {
    let checklists: Vec<_> = ids
        .iter()
        .map(|id| touchpoint::checklist::bundled_by_id(id).unwrap().unwrap())
        .collect();
    let now = jiff::ZonedDateTime::now();
    let mut visit = touchpoint::visit::Visit::new("plan", "anna", checklists, &now, "0000");
    let mut touchpoints = Vec::new();
    for c in 0..visit.checklists.len() {
        let mut steps = Vec::new();
        let mut n = 0;
        // Visibility grows as answers open follow-ups, so look again each time.
        while let Some(item) =
            (n..visit.checklists[c].checklist.item_count()).find(|i| visit.visibility(c)[*i])
        {
            n = item + 1;
            let at = touchpoint::visit::ItemRef { checklist: c, item };
            let loaded = &visit.checklists[c].checklist;
            let (_, it) = visit.item(at).unwrap();
            let opener = loaded
                .items()
                .filter_map(|(_, later)| later.show_if.as_ref())
                .find(|s| s.item == it.id)
                .map(|s| s.is.ids()[0].clone());
            let (keys, non_text, answer, expected) = match visit.response(at).unwrap() {
                touchpoint::checklist::Response::Options(options) => {
                    let id = opener.unwrap_or_else(|| {
                        // The best-scoring option that does not exceed: a met standard.
                        options
                            .iter()
                            .filter(|o| !o.exceeds())
                            .max_by(|a, b| a.score.partial_cmp(&b.score).unwrap())
                            .map(|o| o.id.clone())
                            .unwrap()
                    });
                    let position = options.iter().position(|o| o.id == id).unwrap() + 1;
                    let key = if id == "yes" {
                        "y".to_owned()
                    } else {
                        position.to_string()
                    };
                    (key, 1, touchpoint::visit::Answer::Choice(id.clone()), id)
                }
                touchpoint::checklist::Response::Number { .. } => {
                    let value = it.at_most.or(it.at_least).unwrap_or(3.0);
                    let typed = format!("{value}");
                    // The first character (`0` too) opens the field as
                    // typed; Tab saves and moves on.
                    (
                        format!("{typed}\t"),
                        1,
                        touchpoint::visit::Answer::Number(value),
                        typed,
                    )
                }
                touchpoint::checklist::Response::Text => {
                    let text = "Calm and friendly";
                    (
                        format!("\r{text}\t"),
                        2,
                        touchpoint::visit::Answer::Text(text.into()),
                        text.to_owned(),
                    )
                }
            };
            let (checklist, item) = (loaded.checklist.id.clone(), it.id.clone());
            visit.set_answer(at, Some(answer), &now).unwrap();
            steps.push(Step {
                checklist,
                item,
                keys,
                non_text,
                expected,
            });
        }
        touchpoints.push(steps);
    }
    touchpoints
}

/// Whether `program` can be run here (it starts at all: any exit status
/// will do). When it cannot, the test says `skipped` and passes, but fails
/// under CI, where `.ci/run` installs what the tests need.
pub fn have(program: &str) -> bool {
    let found = Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok();
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "{program} is missing under CI"
        );
        eprintln!("skipped: {program} is not installed");
    }
    found
}

/// `touchpoint new` on the hotel stay (site Hotel Metropol, auditor anna)
/// in an 80×24 pty, once its first frame is drawn and its record written:
/// the terminal and the record's path.
pub fn new_visit(data_dir: &Path) -> (Pty, PathBuf) {
    let pty = Pty::spawn(
        &["new", "--site", "Hotel Metropol", "--auditor", "anna"],
        data_dir,
        80,
        24,
    );
    pty.wait_for("0/60 answered");
    let path = wait_for_visit_file(data_dir);
    (pty, path)
}

/// Sets the largest file `pid` may write (RLIMIT_FSIZE), as `ulimit -f` or
/// a disk quota would stop it: saves past it fail as on a full disk.
pub fn limit_file_size(pid: u32, bytes: u64) {
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

/// Runs `command` to its end as `Command::output` does, and also returns
/// the peak resident memory of that child alone, in KiB (`wait4`): other
/// tests' children, running beside it in this binary, do not count.
pub fn output_and_peak(command: &mut Command) -> (std::process::Output, i64) {
    use std::os::unix::process::ExitStatusExt;
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the program starts");
    let mut stdout = child.stdout.take().expect("piped");
    let mut stderr = child.stderr.take().expect("piped");
    let out = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stdout.read_to_end(&mut bytes);
        bytes
    });
    let err = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stderr.read_to_end(&mut bytes);
        bytes
    });
    // SAFETY: wait4 on our own child, into a zeroed rusage.
    let (status, peak_kib) = unsafe {
        let mut status = 0;
        let mut usage: libc::rusage = std::mem::zeroed();
        let pid = libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage);
        assert_eq!(pid, child.id() as libc::pid_t, "wait4");
        (status, usage.ru_maxrss)
    };
    // Reaped by wait4 already: this only tells std so (an error, ignored).
    let _ = child.wait();
    let output = std::process::Output {
        status: ExitStatus::from_raw(status),
        stdout: out.join().expect("stdout reader"),
        stderr: err.join().expect("stderr reader"),
    };
    (output, peak_kib)
}

/// A final record of about `bytes` bytes: the first fixture with as many
/// observations (each with a note) as it takes.
pub fn huge_record(n: usize, bytes: usize) -> String {
    let fixture = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/records/a-metropol-october.toml"),
    )
    .unwrap();
    let head = &fixture[..fixture.find("[[observations]]").unwrap()];
    let score = &fixture[fixture.find("\n[score]\n").unwrap() + 1..];
    let mut text = head.replace("hotel-metropol-a001", &format!("hotel-metropol-h{n:03}"));
    let mut item = 0;
    while text.len() + score.len() < bytes {
        text.push_str(&format!(
            "[[observations]]\nchecklist = \"hotel-check-in\"\nsection = \"desk\"\n\
             item = \"i{item}\"\nprompt = \"Prompt {item}\"\nanswer = \"yes\"\nlabel = \"Yes\"\n\
             points = 1.0\nmax = 1.0\ntags = [\"personal-touch\"]\n\
             at = 2026-10-05T14:01:00+03:00\nnote = \"{}\"\n\n",
            "x".repeat(120)
        ));
        item += 1;
    }
    text.push_str(score);
    text
}
