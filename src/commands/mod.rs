//! The commands of the command line, one file each, each a function that
//! does one job and reports failure as a message. `main` only chooses one
//! and maps the result to an exit code. This file holds what they share:
//! [`Failure`], opening the data folder, the language, the terminal check.
//!
//! Shared pieces have files named for their job: `table` (plain-text
//! tables), `terminal` (standard output made inert on a terminal), `records`
//! (the parallel reader of many records and the folder walker that finds
//! them), `json` (the `--json` lists). Opening a visit on the screen is
//! `session::open`'s.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::checklist::{self, Diagnostic};
use crate::config::Config;
use crate::locale::{self, Lang};
use crate::session::{SessionError, open::OpenError};
use crate::store::{Store, StoreError};
use crate::tr;

/// Why a command failed.
#[derive(Debug)]
pub enum Failure {
    /// The command already printed its problems on stderr.
    Reported,
    /// One message for stderr.
    Message(String),
}

impl From<Diagnostic> for Failure {
    fn from(d: Diagnostic) -> Self {
        Failure::Message(d.to_string())
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure::Message(e.to_string())
    }
}

impl From<SessionError> for Failure {
    fn from(e: SessionError) -> Self {
        if let SessionError::Checklists { problems, .. } = &e {
            // The problems first, on lines of their own, then what to do.
            for p in problems {
                let _ = writeln!(std::io::stderr(), "touchpoint: {p}");
            }
        }
        Failure::Message(e.to_string())
    }
}

impl From<OpenError> for Failure {
    fn from(e: OpenError) -> Self {
        match e {
            OpenError::Reported => Failure::Reported,
            OpenError::Message(message) => Failure::Message(message),
        }
    }
}

/// Writes a line to stderr. Unlike `eprintln!` it never panics: after a
/// hang-up stderr may be a terminal that is gone.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod check;
mod checklists;
mod compare;
mod completions;
mod defaults;
mod delete;
mod export;
mod home;
mod json;
mod labels;
mod list;
mod log;
mod man;
mod new;
mod records;
mod report;
mod resume;
pub mod review;
mod schema;
mod sign;
mod table;
mod terminal;
mod validate;

pub use check::check;
pub use checklists::checklists;
pub use compare::compare;
pub use completions::{completions, ids};
pub use delete::{delete, restore};
pub use export::export;
pub use home::home;
pub use list::list;
pub use log::log;
pub use man::man;
pub use new::NewVisit;
pub use records::{BATCH, ReadTally, read_record_file};
pub use report::{ReportArgs, report, write_report};
pub use resume::resume;
pub use schema::schema;
pub use sign::{Signers, sign, signers, verify};
pub use validate::validate;

/// `touchpoint new`: start a visit and open it. Without `--site` the home
/// screen's form opens with the named checklists ticked. With no checklist
/// and no journey, the hotel stay in the interface language. (Here rather
/// than in `new.rs`: the home screen starts visits through it, and `new`
/// opens the home screen, so neither file imports the other.)
pub fn new(
    data_dir: Option<&Path>,
    asked: NewVisit,
    lang: Option<Lang>,
    config: Option<crate::config::Config>,
) -> Result<(), Failure> {
    match new::start(data_dir, asked, lang, config)? {
        Some(form) => home::home_with(data_dir, form.auditor, &form.checklists, Some(form.lang)),
        None => Ok(()),
    }
}

use records::find_records;
use sign::awaits_signature;

/// `what` (in the interface language) failed, and why.
fn io_failure(what: &str, e: &std::io::Error) -> Failure {
    // `what` is already in the interface language; the reason follows it.
    Failure::Message(format!("{what}: {}", checklist::io_reason(e)))
}

/// Prints every problem and fails.
fn report_all(problems: &[Diagnostic]) -> Failure {
    for problem in problems {
        say!("{problem}");
    }
    Failure::Reported
}

/// Opens the data folder: `--data-dir`/`TOUCHPOINT_DATA_DIR`, else the default.
///
/// Every command that opens it (`new` aside, whose first frame comes first)
/// tries again the copies to `export_folder` that failed at finalize, and
/// names on stderr each one that still fails ([`retry_exports`]).
pub(crate) fn open_store(data_dir: Option<&Path>) -> Result<Store, Failure> {
    let (store, failed) = open_store_retrying(data_dir)?;
    for (id, why) in failed {
        say!(
            "touchpoint: {}",
            tr!(
                "cli-warning",
                warning = tr!("cli-not-exported", id = id, error = why)
            )
        );
    }
    Ok(store)
}

/// [`open_store`], giving the copies that still fail rather than naming them.
fn open_store_retrying(data_dir: Option<&Path>) -> Result<(Store, Vec<(String, String)>), Failure> {
    let store = Store::open(&data_root(data_dir)?)?;
    let failed = retry_exports(&store);
    Ok((store, failed))
}

/// Copies to `export_folder` each finalized visit whose copy failed (marked
/// `visits/<id>.unexported`, docs/store.md "Export"), and says each one
/// copied now on stderr. Gives each visit still not copied, with why.
fn retry_exports(store: &Store) -> Vec<(String, String)> {
    let pending = store.unexported();
    if pending.is_empty() {
        return Vec::new();
    }
    let folder = Config::load()
        .ok()
        .and_then(|config| crate::session::open::export_of(&config));
    let Some(export) = folder else {
        let why = tr!("cli-no-export-folder");
        return pending.into_iter().map(|id| (id, why.clone())).collect();
    };
    let (done, failed) = store.export_pending(&export.folder, export.mode);
    for id in done {
        say!(
            "touchpoint: {}",
            tr!(
                "cli-exported-now",
                id = id,
                path = crate::text::escaped_line(&export.folder.display().to_string())
            )
        );
    }
    failed
        .into_iter()
        .map(|(id, e)| (id, e.to_string()))
        .collect()
}

/// The data folder's path: `--data-dir`/`TOUCHPOINT_DATA_DIR`, else the default.
fn data_root(data_dir: Option<&Path>) -> Result<PathBuf, Failure> {
    match data_dir {
        Some(dir) => Ok(dir.to_path_buf()),
        None => Store::default_root().ok_or_else(|| Failure::Message(tr!("cli-no-home"))),
    }
}

/// The name of the user running the program, from the password database.
fn login_name() -> Option<String> {
    crate::os::user_name()
}

/// Refuses, before anything is created, when there is no terminal to show a
/// screen in and read keys from: SSH without `-t`, a pipe, a cron job.
pub(crate) fn need_terminal() -> Result<(), Failure> {
    use std::io::IsTerminal;
    let output = std::io::stdout().is_terminal();
    let keys = std::io::stdin().is_terminal() || std::fs::File::open("/dev/tty").is_ok();
    if output && keys {
        return Ok(());
    }
    Err(Failure::Message(tr!("cli-no-terminal")))
}

/// Chooses the language of every message the program gives from here on:
/// `--lang`, then `language` in `config` (config.toml, when it could be
/// read), then the locale. A config file that cannot be read is reported
/// by the command that needs it.
pub fn choose_language(flag: Option<Lang>, config: Option<&Config>) {
    let configured = config.and_then(|c| c.language.as_deref());
    crate::i18n::set_lang(locale::interface_language(flag, configured));
}

/// The interface language: `--lang`, then `language` in config.toml, then the locale.
fn language(flag: Option<Lang>, config: &Config) -> Lang {
    locale::interface_language(flag, config.language.as_deref())
}

/// Reads a regular file of at most `cap` bytes, without blocking on a
/// FIFO (the disk layer's one capped read, links followed): anything else
/// is `InvalidData` with the reason in the interface language.
pub(crate) fn read_capped(path: &Path, cap: u64) -> std::io::Result<Vec<u8>> {
    use crate::store::open::{Links, ReadError, read_file};
    read_file(path, Links::Follow, cap).map_err(|e| match e {
        ReadError::Io(e) => e,
        ReadError::NotRegular(_) | ReadError::TooLarge { .. } => std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            tr!("sign-not-a-small-file"),
        ),
    })
}
