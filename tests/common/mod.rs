//! Running the built binary in a real pseudo-terminal, reading its screen
//! through a VT100 parser, as a person at a terminal would see it.

#![allow(dead_code)]

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The program under test, in a terminal of its own.
pub struct Pty {
    /// The writing end of the terminal; `None` once hung up.
    master: Option<File>,
    screen: Arc<Mutex<vt100::Parser>>,
    /// The program.
    pub child: Child,
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
        let (master, slave) = open_pty(cols, rows);
        let mut command = Command::new(env!("CARGO_BIN_EXE_touchpoint"));
        command
            .args(args)
            .env("TOUCHPOINT_DATA_DIR", data_dir)
            .env("TERM", "xterm-256color")
            .env("HOME", data_dir.join("home"))
            .env("XDG_CONFIG_HOME", data_dir.join("config"))
            .env_remove("NO_COLOR")
            .stdin(Stdio::from(slave.try_clone().expect("dup pty")))
            .stdout(Stdio::from(slave.try_clone().expect("dup pty")))
            .stderr(Stdio::from(slave));
        for (k, v) in env {
            command.env(k, v);
        }
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
        let child = command.spawn().expect("start touchpoint");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            nonzero(rows),
            nonzero(cols),
            0,
        )));
        let mut reader = master.try_clone().expect("dup master");
        let sink = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut parser) = sink.lock() {
                    parser.process(&buf[..n]);
                }
            }
        });
        Pty {
            master: Some(master),
            screen,
            child,
        }
    }

    /// Types `keys` (raw bytes: "\r" is Enter, "\x1b" is Esc).
    pub fn send(&mut self, keys: &str) {
        if let Some(master) = &mut self.master {
            master.write_all(keys.as_bytes()).expect("write to pty");
            master.flush().expect("flush pty");
        }
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

    /// Waits until the screen shows `text`; panics with the screen if it never does.
    pub fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if self.screen().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("screen never showed {text:?}; it shows:\n{}", self.screen());
    }

    /// Changes the terminal's size; the kernel tells the program with SIGWINCH.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        if let Some(master) = &self.master {
            let size = libc::winsize {
                ws_row: rows,
                ws_col: cols,
                ws_xpixel: 0,
                ws_ypixel: 0,
            };
            // SAFETY: TIOCSWINSZ reads a winsize from a valid pointer.
            unsafe { libc::ioctl(master.as_raw_fd(), libc::TIOCSWINSZ, &size) };
            if let Ok(mut parser) = self.screen.lock() {
                parser.screen_mut().set_size(nonzero(rows), nonzero(cols));
            }
        }
    }

    /// Closes the terminal, as a dropped SSH connection does: the program gets SIGHUP.
    pub fn hang_up(&mut self) {
        self.master = None;
    }

    /// Waits up to `limit` for the program to exit.
    pub fn wait_exit(&mut self, limit: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        None
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn open_pty(cols: u16, rows: u16) -> (File, File) {
    let mut master: libc::c_int = 0;
    let mut slave: libc::c_int = 0;
    let size = libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two descriptors that we then own.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(rc, 0, "openpty failed: {}", std::io::Error::last_os_error());
    // SAFETY: the descriptors are fresh and owned by nobody else.
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    let _ = master.as_raw_fd();
    (File::from(master), File::from(slave))
}

/// A fresh, private data folder for one test.
pub fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "touchpoint-test-{name}-{}-{}",
        std::process::id(),
        Instant::now().elapsed().as_nanos()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create test folder");
    dir
}

fn nonzero(n: u16) -> std::num::NonZero<u16> {
    std::num::NonZero::new(n.max(1)).expect("at least 1")
}
