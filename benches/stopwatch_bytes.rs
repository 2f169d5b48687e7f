//! `cargo bench --bench stopwatch_bytes`: bytes sent to the terminal per
//! second by the release binary in an 80×24 pseudo-terminal while one
//! stopwatch runs, against the same visit left idle in the same run (the
//! goal: under 40 B/s while a stopwatch runs; nothing while idle).
#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // a program, tests and tools: the disk, the clock and the environment are theirs (clippy.toml)

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use common::{Cleanup, Pty, temp_dir};

/// Bytes written per second over `span`, from a moment the screen is settled.
fn rate(pty: &Pty, span: Duration) -> (usize, f64) {
    let before = pty.raw_output().len();
    let start = Instant::now();
    std::thread::sleep(span);
    let bytes = pty.raw_output().len() - before;
    (bytes, bytes as f64 / start.elapsed().as_secs_f64())
}

fn main() {
    let span = Duration::from_secs(
        std::env::var("STOPWATCH_SECONDS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(30),
    );
    let data = temp_dir("stopwatch-bytes");
    let _cleanup = Cleanup(data.clone());
    let mut pty = Pty::spawn(
        &["new", "--site", "Hotel Metropol", "--auditor", "anna"],
        &data,
        80,
        24,
    );
    pty.wait_for("0/60 answered");
    pty.send("/reaching the desk\r");
    pty.wait_for("◷ timed");
    std::thread::sleep(Duration::from_millis(500));
    let (idle_bytes, idle) = rate(&pty, span);

    pty.send("t");
    pty.wait_for("◷ 0:01");
    std::thread::sleep(Duration::from_millis(300));
    let (running_bytes, running) = rate(&pty, span);

    println!(
        "80×24, {} s each: idle visit {idle_bytes} B ({idle:.1} B/s); one stopwatch running \
         {running_bytes} B ({running:.1} B/s, goal < 40 B/s)",
        span.as_secs()
    );
    pty.send("T");
}
