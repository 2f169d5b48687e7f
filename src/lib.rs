//! touchpoint: service audits in the terminal.
//!
//! The core (`checklist`, `visit`, `score`, `record`) does no I/O and takes time
//! as an argument; `store` owns the data folder; `session` the life of an open
//! visit on disk (lock, journal, saves); `tui` is a thin shell over them.

pub mod check;
pub mod checklist;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod config;
pub mod evidence;
#[doc(hidden)]
pub mod fault;
#[doc(hidden)]
pub mod fuzzing;
pub mod html;
pub mod i18n;
pub mod locale;
#[cfg(unix)]
pub mod os;
pub mod record;
pub mod report;
pub mod review;
pub mod score;
pub mod session;
pub mod signing;
pub mod store;
pub mod text;
pub mod toml_words;
pub mod trash;
pub mod tui;
pub mod visit;
