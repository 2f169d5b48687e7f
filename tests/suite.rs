//! Every integration test in one binary: the pty, kill -9, hang-up and
//! sshd suites, the reports and the shared-server attacks. One binary links
//! the program's library once (thirty binaries took most of CI's disk), and
//! its tests share the two cores instead of waiting for each other's slowest.
//! Each file below is still a suite of its own: `cargo test --test suite
//! hangup::` runs one. Tests that measure this process's own peak memory
//! live apart, in `tests/memory.rs`, where no other test allocates beside
//! them.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // a program, tests and tools: the disk, the clock and the environment are theirs (clippy.toml)

mod common;

#[path = "architecture.rs"]
mod architecture;
#[path = "bytes.rs"]
mod bytes;
#[path = "catalogs.rs"]
mod catalogs;
#[path = "changelog.rs"]
mod changelog;
#[path = "check.rs"]
mod check;
#[path = "checklist_robustness.rs"]
mod checklist_robustness;
#[path = "cli_ru.rs"]
mod cli_ru;
#[path = "damage.rs"]
mod damage;
#[path = "desk.rs"]
mod desk;
#[path = "e2e.rs"]
mod e2e;
#[path = "evidence.rs"]
mod evidence;
#[path = "faults.rs"]
mod faults;
#[path = "flow.rs"]
mod flow;
#[path = "fuzz_corpus.rs"]
mod fuzz_corpus;
#[path = "hangup.rs"]
mod hangup;
#[path = "journeys.rs"]
mod journeys;
#[path = "output_ru.rs"]
mod output_ru;
#[path = "reach.rs"]
mod reach;
#[path = "readme.rs"]
mod readme;
#[path = "report.rs"]
mod report;
#[path = "review.rs"]
mod review;
#[path = "robustness.rs"]
mod robustness;
#[path = "schema.rs"]
mod schema;
#[path = "screens.rs"]
mod screens;
#[path = "shared_server.rs"]
mod shared_server;
#[path = "signing.rs"]
mod signing;
#[path = "slips.rs"]
mod slips;
#[path = "small_faults.rs"]
mod small_faults;
#[path = "ssh.rs"]
mod ssh;
#[path = "stopwatch.rs"]
mod stopwatch;
#[path = "store_perms.rs"]
mod store_perms;
#[path = "tui_ru.rs"]
mod tui_ru;
#[path = "validate.rs"]
mod validate;
#[path = "validate_ru.rs"]
mod validate_ru;
