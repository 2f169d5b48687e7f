//! `cargo bench --bench keystroke_bytes`: bytes the release binary sends to
//! an 80×24 terminal per keystroke — moving, answering (which moves on),
//! typing a note — against ncurses `dialog --menu` moving through a menu in
//! the same run and the same kind of pseudo-terminal (the goal: at or below
//! dialog's bytes per move). Without `dialog` installed, its row says so.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // a program, tests and tools: the disk, the clock and the environment are theirs (clippy.toml)

#[path = "../tests/common/mod.rs"]
mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::{Cleanup, Pty, temp_dir};

/// Waits until the program has written nothing for `quiet`.
fn settle(pty: &Pty, quiet: Duration) {
    let mut last = pty.raw_output().len();
    let mut since = Instant::now();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
        let now = pty.raw_output().len();
        if now != last {
            last = now;
            since = Instant::now();
        } else if since.elapsed() >= quiet {
            return;
        }
    }
}

/// Bytes written after each of `keys`, each sent once the screen is still.
fn per_key(pty: &mut Pty, keys: &[&str]) -> Vec<usize> {
    let quiet = Duration::from_millis(150);
    settle(pty, quiet);
    keys.iter()
        .map(|key| {
            let before = pty.raw_output().len();
            pty.send(key);
            settle(pty, quiet);
            pty.raw_output().len() - before
        })
        .collect()
}

fn summary(name: &str, bytes: &[usize]) -> f64 {
    let mean = bytes.iter().sum::<usize>() as f64 / bytes.len().max(1) as f64;
    let max = bytes.iter().max().copied().unwrap_or(0);
    println!(
        "{name:<44} {:>3} keys  mean {mean:>6.1} B  max {max:>4} B",
        bytes.len()
    );
    mean
}

fn dialog_moves(data: &std::path::Path, moves: usize) -> Option<Vec<usize>> {
    let found = Command::new("dialog").arg("--version").output().ok()?;
    if !found.status.success() {
        return None;
    }
    let mut command = Command::new("dialog");
    command.env("HOME", data).env("LANG", "C.UTF-8");
    command.args(["--menu", "Choose an item", "22", "76", "16"]);
    let labels: Vec<String> = (1..=40)
        .map(|n| format!("Reservation contact was prompt, warm and knowledgeable {n}"))
        .collect();
    for (n, label) in labels.iter().enumerate() {
        command.arg((n + 1).to_string()).arg(label);
    }
    let mut pty = Pty::start(command, 80, 24, true);
    pty.wait_for("Choose an item");
    let bytes = per_key(&mut pty, &vec!["\x1bOB"; moves]);
    pty.send("\x1b");
    Some(bytes)
}

fn main() {
    let data = temp_dir("keystroke-bytes");
    let _cleanup = Cleanup(data.clone());
    println!("80×24, bytes written to the terminal per keystroke, screen settled between keys");
    let baseline =
        dialog_moves(&data, 30).map(|b| summary("ncurses dialog --menu, ↓ (baseline)", &b));
    if baseline.is_none() {
        println!("ncurses dialog: not installed (apt-get install dialog); SPEC's figure is 311 B");
    }

    let mut pty = Pty::spawn(
        &["new", "--site", "Hotel Metropol", "--auditor", "anna"],
        &data,
        80,
        24,
    );
    pty.wait_for("0/60 answered");
    let moves = per_key(&mut pty, &vec!["j"; 30]);
    let mean_move = summary("touchpoint: j (next item)", &moves);
    pty.send("g");
    // Answers that move on: the check-in's first items as an auditor answers them.
    let answers = per_key(
        &mut pty,
        &[
            "2", "2", "y", "n", "2", "y", "2", "n", "2", "2", "2", "2", "2", "y", "y",
        ],
    );
    let mean_answer = summary("touchpoint: answer and move on (2, y, n)", &answers);
    pty.send("e");
    let typing = per_key(&mut pty, &["S", "l", "o", "w", " ", "d", "e", "s", "k"]);
    let mean_typing = summary("touchpoint: a character typed in a note", &typing);
    pty.send("\r");
    if let Some(baseline) = baseline {
        println!(
            "ratios to dialog's move: j {:.2}, answer {:.2}, note character {:.2}",
            mean_move / baseline,
            mean_answer / baseline,
            mean_typing / baseline
        );
    }
    pty.send("q");
    let _ = pty.wait_exit(Duration::from_secs(5));
}
