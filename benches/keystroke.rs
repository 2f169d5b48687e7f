//! `cargo bench --bench keystroke`: the release binary in 80×24
//! pseudo-terminals, timed as an auditor feels it, each figure against a
//! baseline measured in the same run.
//!
//! - a keystroke end to end (key written to the terminal → last byte of the
//!   frame it causes, the change saved durably before that frame), at 10,000
//!   items vs 75, the two programs typed at in turn: move (j/k), answer
//!   (1/2: saved to disk), a letter of a note (saved to disk);
//! - bytes sent to the terminal per move, vs ncurses `dialog --checklist`;
//! - time to the first frame of `touchpoint new --site X` vs `dialog
//!   --checklist` with as many items (60), both started afresh each time.
//!
//! `KEYSTROKES=200` sets the keys per kind; `FIRST_FRAMES=15` the starts.
//! Needs `dialog` for its rows (apt-get install dialog); without it those
//! rows are skipped.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // a program, tests and tools: the disk, the clock and the environment are theirs (clippy.toml)

mod generate;

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A program in a terminal of its own, read without a helper thread so that
/// the time of each byte is the time it was read.
struct Term {
    master: File,
    child: Child,
}

impl Term {
    fn start(mut command: Command) -> Term {
        let (mut master, mut slave) = (-1, -1);
        let size = libc::winsize {
            ws_row: 24,
            ws_col: 80,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: openpty writes two descriptors and reads a valid winsize.
        let ok = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                &size,
            )
        };
        assert_eq!(ok, 0, "openpty");
        // SAFETY: both descriptors were just opened and are owned here.
        let (master, slave) = unsafe { (File::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
        let slave = File::from(slave);
        command
            .env("TERM", "xterm-256color")
            .env_remove("NO_COLOR")
            .stdin(Stdio::from(slave.try_clone().expect("dup")))
            .stdout(Stdio::from(slave.try_clone().expect("dup")))
            .stderr(Stdio::from(slave));
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            command.pre_exec(|| {
                libc::setsid();
                libc::ioctl(0, libc::TIOCSCTTY as _, 0);
                Ok(())
            });
        }
        let child = command.spawn().expect("start the program");
        drop(command);
        Term { master, child }
    }

    /// Bytes until none come for `quiet`, and the time of the last one
    /// (`None` if none came within `limit`).
    fn burst(&mut self, quiet: Duration, limit: Duration) -> (Vec<u8>, Option<Instant>) {
        let start = Instant::now();
        let mut bytes = Vec::new();
        let mut last = None;
        let mut buffer = [0u8; 65536];
        loop {
            let waited = match last {
                Some(t) => Instant::now().duration_since(t),
                None => Instant::now().duration_since(start),
            };
            let left = match last {
                Some(_) if waited >= quiet => break,
                Some(_) => quiet - waited,
                None if waited >= limit => break,
                None => limit - waited,
            };
            let mut fd = libc::pollfd {
                fd: self.master.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: one valid pollfd.
            let ready = unsafe { libc::poll(&mut fd, 1, left.as_millis().max(1) as i32) };
            if ready <= 0 {
                continue;
            }
            match self.master.read(&mut buffer) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    bytes.extend_from_slice(&buffer[..n]);
                    last = Some(Instant::now());
                }
            }
        }
        (bytes, last)
    }

    /// Writes `keys`, then times the response: (latency to its last byte, bytes).
    fn key(&mut self, keys: &str) -> (Duration, usize) {
        let sent = Instant::now();
        self.master.write_all(keys.as_bytes()).expect("write");
        let (bytes, last) = self.burst(Duration::from_millis(30), Duration::from_secs(5));
        (
            last.map_or(Duration::ZERO, |t| t.duration_since(sent)),
            bytes.len(),
        )
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn touchpoint(args: &[&str], data: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_touchpoint"));
    command
        .args(args)
        .env("TOUCHPOINT_DATA_DIR", data)
        .env("HOME", data.join("home"))
        .env("XDG_CONFIG_HOME", data.join("config"));
    command
}

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs[xs.len() / 2]
}

fn median_bytes(mut xs: Vec<usize>) -> usize {
    xs.sort();
    xs[xs.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn has_dialog() -> bool {
    Command::new("dialog")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// `dialog --checklist` with `items` items, as a program in a terminal.
fn dialog(items: usize) -> Command {
    let mut command = Command::new("dialog");
    command.args([
        "--checklist",
        "Hotel stay: what was observed?",
        "24",
        "80",
        "16",
    ]);
    for n in 0..items {
        command.args([
            format!("i{n}"),
            format!("Item {n}: the agent greeted the guest warmly"),
            "off".to_owned(),
        ]);
    }
    command
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "touchpoint-keystroke-{name}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp folder");
    dir
}

fn main() {
    let keystrokes: usize = std::env::var("KEYSTROKES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(200);
    let starts: usize = std::env::var("FIRST_FRAMES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(15);
    let dialog_here = has_dialog();
    let root = temp("root");
    println!("| what | ours | baseline | baseline figure | ratio |");
    println!("| --- | ---: | --- | ---: | ---: |");

    // Two visits open side by side, typed at in turn.
    let open = |items: usize| -> Term {
        let data = root.join(format!("data-{items}"));
        std::fs::create_dir_all(&data).expect("data folder");
        let file = data.join(format!("generated-{items}.toml"));
        std::fs::write(&file, generate::checklist("generated", items)).expect("checklist");
        let mut term = Term::start(touchpoint(
            &[
                "new",
                "--site",
                "Hotel Metropol",
                "--auditor",
                "anna",
                file.to_str().expect("UTF-8 path"),
            ],
            &data,
        ));
        term.burst(Duration::from_millis(300), Duration::from_secs(30));
        term
    };
    let mut big = open(10_000);
    let mut small = open(75);
    for (name, keys) in [
        ("move (j/k)", ["j", "k"]),
        ("answer (1/2), saved", ["1", "2"]),
        ("note letter, saved", ["a", "b"]),
    ] {
        if name.starts_with("note") {
            big.key("e");
            small.key("e");
        }
        let (mut ours, mut base) = (Vec::new(), Vec::new());
        for n in 0..keystrokes {
            let key = keys[n % 2];
            ours.push(big.key(key).0);
            base.push(small.key(key).0);
        }
        if name.starts_with("note") {
            big.key("\x1b");
            small.key("\x1b");
        }
        let (ours, base) = (median(ours), median(base));
        println!(
            "| keystroke end to end: {name}, 10,000 items | {} | the same, 75 items | {} | {:.2} |",
            ms(ours),
            ms(base),
            ours.as_secs_f64() / base.as_secs_f64()
        );
    }

    // Bytes per move: over the list, down then up.
    let moves: Vec<usize> = (0..40)
        .map(|n| small.key(if n < 20 { "j" } else { "k" }).1)
        .collect();
    let ours = median_bytes(moves);
    drop(big);
    drop(small);
    if dialog_here {
        let mut d = Term::start(dialog(60));
        d.burst(Duration::from_millis(300), Duration::from_secs(10));
        let moves: Vec<usize> = (0..10).map(|_| d.key("\x1bOB").1).collect();
        let theirs = median_bytes(moves);
        println!(
            "| bytes to the terminal per move (j), 80×24 | {ours} B | `dialog --checklist`, ↓ (ESC O B) | {theirs} B | {:.2} |",
            ours as f64 / theirs as f64
        );
    } else {
        println!(
            "| bytes to the terminal per move (j), 80×24 | {ours} B | dialog not installed | | |"
        );
    }

    // The first frame: each program started afresh, in turn.
    if dialog_here {
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        // The auditor's data folder exists, as it does after the first visit.
        let data = root.join("first");
        std::fs::create_dir_all(&data).expect("data folder");
        for _ in 0..starts {
            let started = Instant::now();
            let mut t = Term::start(touchpoint(
                &["new", "--site", "Hotel Metropol", "--auditor", "anna"],
                &data,
            ));
            let (_, last) = t.burst(Duration::from_millis(150), Duration::from_secs(10));
            ours.push(last.map_or(Duration::ZERO, |l| l.duration_since(started)));
            drop(t);
            let started = Instant::now();
            let mut d = Term::start(dialog(60));
            let (_, last) = d.burst(Duration::from_millis(150), Duration::from_secs(10));
            theirs.push(last.map_or(Duration::ZERO, |l| l.duration_since(started)));
        }
        // The fastest start says what each program costs when the machine
        // is not busy with something else; the median what a busy one gives.
        let (ours_min, theirs_min) = (
            ours.iter().min().copied().unwrap_or_default(),
            theirs.iter().min().copied().unwrap_or_default(),
        );
        let (ours, theirs) = (median(ours), median(theirs));
        println!(
            "| time to the first frame, `new --site X` (60 items), median | {} | `dialog --checklist`, 60 items | {} | {:.2} |",
            ms(ours),
            ms(theirs),
            ours.as_secs_f64() / theirs.as_secs_f64()
        );
        println!(
            "| the same, fastest of {starts} | {} | the same | {} | {:.2} |",
            ms(ours_min),
            ms(theirs_min),
            ours_min.as_secs_f64() / theirs_min.as_secs_f64()
        );
    }
    let _ = std::fs::remove_dir_all(&root);
}
