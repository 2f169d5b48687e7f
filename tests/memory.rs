//! Tests that measure this test process's own peak memory. They are a
//! binary of their own (tests/suite.rs holds every other integration test)
//! so that no other test allocates beside them while they measure.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // a program, tests and tools: the disk, the clock and the environment are theirs (clippy.toml)

mod common;

use std::fs;
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use jiff::tz::{TimeZone, offset};

use touchpoint::checklist;
use touchpoint::visit::Visit;

use common::{Cleanup, temp_dir};

/// One measurement at a time: a child started while this process is large
/// inherits its size in its own peak (vfork and exec keep the high-water
/// mark), and this process's own peak is what the attachments test reads.
static ALONE: Mutex<()> = Mutex::new(());

fn alone() -> std::sync::MutexGuard<'static, ()> {
    ALONE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn max_rss_kib() -> i64 {
    // SAFETY: getrusage fills the struct it is given.
    unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage.ru_maxrss
    }
}

// Issue 17 #13. 2,000 attachments took 1.2 GB, each undo step holding a copy
// of the whole list; a step now holds the one file it changed. Undo and redo
// still put every file back in its place.
#[test]
fn two_thousand_attachments_cost_little_and_undo_in_place() {
    let _alone = alone();
    let now = jiff::civil::date(2026, 11, 22)
        .at(14, 3, 0, 0)
        .to_zoned_datetime(TimeZone::fixed(offset(3)))
        .unwrap();
    let checklists = vec![checklist::bundled_by_id("hotel-check-in").unwrap().unwrap()];
    let mut visit = Visit::new("S", "a", checklists, &now, "0000");
    let before = max_rss_kib();
    for n in 0..2_000 {
        let evidence = touchpoint::visit::Evidence {
            item: None,
            file: format!("evidence/v/{n:012}-photo-of-the-lobby-number-{n}.jpg"),
            sha256: format!("{n:064}"),
            bytes: 1_000_000,
            added: now.clone(),
        };
        visit.add_evidence(evidence, &now).unwrap();
    }
    let grown = max_rss_kib() - before;
    eprintln!("2,000 attachments: peak grew by {grown} KiB");
    // The old undo held ≈ 2,000 × 1,000 copies of ≈ 200 bytes: 400 MB.
    assert!(
        grown < 64 * 1024,
        "2,000 attachments grew the peak by {grown} KiB"
    );
    let all: Vec<String> = visit.evidence().iter().map(|e| e.file.clone()).collect();
    // One taken from the middle comes back to its place.
    let removed = visit.remove_evidence(1_000, &now).unwrap();
    assert_eq!(removed.file, all[1_000]);
    visit.undo(&now);
    let files = |v: &Visit| {
        v.evidence()
            .iter()
            .map(|e| e.file.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(files(&visit), all);
    visit.redo(&now);
    assert_eq!(visit.evidence().len(), 1_999);
    visit.undo(&now);
    for _ in 0..2_000 {
        visit.undo(&now);
    }
    assert!(visit.evidence().is_empty());
    for _ in 0..2_000 {
        visit.redo(&now);
    }
    assert_eq!(files(&visit), all);
}

// Issue 6 (shared_server.rs numbering).
// 7. A hostile 4 MiB checklist validates in bounded memory and time: the
// peak of each run, measured on that child alone.
#[test]
fn a_hostile_4_mib_checklist_costs_little() {
    let _alone = alone();
    let dir = temp_dir("hostile");
    let _cleanup = Cleanup(dir.clone());
    let cases = [
        ("equals.toml", "=\n".repeat(2 << 20)),
        ("escapes.toml", "\x1b\n".repeat(2 << 20)),
        (
            "keys.toml",
            (0..400_000).map(|n| format!("k{n}=1\n")).collect(),
        ),
        // Just under the token limit, so parsed in full: the dearest TOML
        // there is per token.
        (
            "inline-tables.toml",
            (0..28_100).map(|n| format!("k{n}={{a=1}}\n")).collect(),
        ),
        (
            "array.toml",
            format!("x=[{}1]\n", "1,".repeat((2 << 20) - 8)),
        ),
    ];
    for (name, text) in cases {
        let path = dir.join(name);
        fs::write(&path, &text[..text.len().min(4 << 20)]).unwrap();
        // Run through a shell that reports its child's peak, so that each
        // case is measured on its own.
        let started = Instant::now();
        let (out, peak_kib) = common::output_and_peak(
            Command::new(env!("CARGO_BIN_EXE_touchpoint"))
                .args(["validate", path.to_str().unwrap()])
                .stdin(Stdio::null()),
        );
        let took = started.elapsed();
        assert_eq!(out.status.code(), Some(1), "{name}");
        let problems = String::from_utf8_lossy(&out.stderr).lines().count();
        assert!(problems <= 103, "{name}: {problems} lines");
        assert!(took < Duration::from_secs(20), "{name} took {took:?}");
        let peak_mib = peak_kib / 1024;
        assert!(
            peak_mib <= 64,
            "validating the hostile {name} took {peak_mib} MiB"
        );
    }
}

// Issue 17 #13. Records near the 16 MiB limit are read one batch of bytes
// at a time: eight of 15.8 MB, which a batch of 32 files held all at once
// (≈ 1.1 GB), peak at about what one or two cost (docs/performance.md has
// the 64-file folder). And each is read table by table: the whole-document
// TOML parse of one such record alone cost ≈ 250 MB (439 MiB over these
// eight with two threads); in pieces the eight peak near 120 MiB.
#[test]
fn huge_records_are_read_a_few_bytes_at_a_time() {
    let _alone = alone();
    let dir = temp_dir("report-huge");
    let _cleanup = Cleanup(dir.clone());
    let records = dir.join("records");
    std::fs::create_dir(&records).unwrap();
    for n in 0..8 {
        let text = common::huge_record(n, 15_800_000);
        std::fs::write(records.join(format!("r{n}.toml")), text).unwrap();
    }
    let mut child = common::touchpoint_command(&["report", records.to_str().unwrap()], &dir)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // wait4: the peak of this child alone, not of every test's children.
    // SAFETY: wait4 on our own child, into a zeroed rusage.
    let (status, peak_kib) = unsafe {
        let mut status = 0;
        let mut usage: libc::rusage = std::mem::zeroed();
        let pid = libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage);
        assert_eq!(pid, child.id() as libc::pid_t);
        (status, usage.ru_maxrss)
    };
    // Reaped by wait4 already: this only tells std so (an error, ignored).
    let _ = child.wait();
    assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0);
    eprintln!(
        "report over 8 records of 15.8 MB: peak {} MiB",
        peak_kib / 1024
    );
    assert!(
        peak_kib / 1024 <= 200,
        "report over 8 records of 15.8 MB peaked at {} MiB",
        peak_kib / 1024
    );
}
