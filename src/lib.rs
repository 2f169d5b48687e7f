//! touchpoint: service audits in the terminal.
//!
//! Three layers (docs/architecture.md). The core is pure: it is handed
//! files' bytes, times and settings, and returns values. The disk layer owns
//! the data folder and every file, lock and clock reading. The shell wires
//! the two to the command line and the terminal. `clippy.toml` refuses file,
//! environment, clock and process calls everywhere but where a module below
//! allows them; `tests/architecture.rs` refuses an import of the disk layer
//! or the shell from the core, and any import circle between modules.

// The core.
pub mod check;
pub mod checklist;
#[doc(hidden)]
pub mod fuzzing;
pub mod i18n;
pub mod record;
pub mod report;
pub mod review;
pub mod score;
pub mod signing;
pub mod text;
pub mod toml_words;
pub mod visit;

// The disk layer: files, locks, the clock, the environment.
#[allow(clippy::disallowed_methods, clippy::disallowed_types)]
pub mod clock;
#[allow(clippy::disallowed_methods, clippy::disallowed_types)]
pub mod config;
#[allow(clippy::disallowed_methods, clippy::disallowed_types)]
pub mod evidence;
#[doc(hidden)]
#[allow(clippy::disallowed_methods, clippy::disallowed_types)]
pub mod fault;
#[allow(clippy::disallowed_methods, clippy::disallowed_types)]
pub mod locale;
#[cfg(unix)]
#[allow(clippy::disallowed_methods, clippy::disallowed_types)]
pub mod os;
#[allow(clippy::disallowed_methods, clippy::disallowed_types)]
pub mod session;
#[allow(clippy::disallowed_methods, clippy::disallowed_types)]
pub mod store;
#[allow(clippy::disallowed_methods, clippy::disallowed_types)]
pub mod trash;

// The shell: the command line and the terminal.
#[allow(clippy::disallowed_methods, clippy::disallowed_types)]
pub mod cli;
#[allow(clippy::disallowed_methods, clippy::disallowed_types)]
pub mod commands;
#[allow(clippy::disallowed_methods, clippy::disallowed_types)]
pub mod tui;
