//! One validation, or one plain `toml::Table` parse, of the bench's generated
//! checklist, to count instructions under callgrind: on a shared machine the
//! count is the same from run to run when the time is not.
//!
//! ```text
//! cargo build --release --example validate_cost
//! valgrind --tool=callgrind target/release/examples/validate_cost ours 10000
//! valgrind --tool=callgrind target/release/examples/validate_cost plain 10000
//! ```
//!
//! Both count the generator too (about 8 million instructions at 10,000
//! items); `callgrind_annotate --inclusive=yes` gives each part alone.
//! Valgrind's CPU has no SHA instructions, so the checklist's SHA-256 costs
//! there about thirty times what it costs natively (1.2 ms at 10,000 items).
#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // a tool: the disk, the clock and the environment are its (clippy.toml)

#[path = "../benches/generate/mod.rs"]
mod generate;

use std::hint::black_box;
use std::process::ExitCode;

use touchpoint::checklist::{self, Source};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mode = args.next().unwrap_or_default();
    let items = args.next().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let text = generate::checklist("generated", items);
    match mode.as_str() {
        // What `touchpoint validate` does with the file's bytes.
        "ours" => {
            let bytes = black_box(text.as_bytes());
            let ok = checklist::from_bytes("b.toml", bytes, Source::Path("b".into())).is_ok();
            black_box(checklist::warnings("b.toml", bytes).len());
            if !ok {
                eprintln!("the generated checklist does not validate");
                return ExitCode::FAILURE;
            }
        }
        "plain" => {
            black_box(toml::from_str::<toml::Table>(black_box(&text)).is_ok());
        }
        _ => {
            eprintln!("usage: validate_cost ours|plain [ITEMS]");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
