//! The commands of the command line, each a function that does one job and
//! reports failure as a message. `main` only chooses one and maps the result
//! to an exit code.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::checklist::journey::{self, Journey};
use crate::checklist::{self, Diagnostic, Loaded, Source};
use crate::cli::{ExportFormat, ReportFormat, SchemaKind};
use crate::config::{self, Config};
use crate::locale::{self, Lang};
use crate::record::{self, RecordFile};
use crate::report::{self, Filter, LeftOut};
use crate::session::{self, Session, SessionError};
use crate::store::{Store, StoreError};
use crate::tr;
use crate::tui::{self, Ending, Signals, app::App, home, theme::Theme};
use crate::visit::{Status, Visit};

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

/// Writes a line to stderr. Unlike `eprintln!` it never panics: after a
/// hang-up stderr may be a terminal that is gone.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod check;
mod completions;
mod json;
mod log;
mod man;
pub mod review;
mod sign;

pub use check::{Checked, Gatherer, check};
pub use completions::{completions, ids};
pub use log::{log, log_path, log_problem};
pub use man::man;
pub use sign::{
    Signers, awaits_signature, sign, sign_finalized, sign_record, signature_path, signers, verify,
};

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
pub fn open_store(data_dir: Option<&Path>) -> Result<Store, Failure> {
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
    let folder = Config::load().ok().and_then(|config| export_of(&config));
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
                path = crate::checklist::diag::one_line(&export.folder.display().to_string())
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

/// The auditor's name: the config's, else the login name (`USER`,
/// `LOGNAME`, the password database), the first that a visit accepts: a
/// name the home screen fills in is never one it then refuses (issue 17).
fn default_auditor(config: &Config) -> String {
    let acceptable = |name: &String| acceptable_auditor(name);
    config
        .auditor
        .clone()
        .filter(acceptable)
        .or_else(|| std::env::var("USER").ok().filter(acceptable))
        .or_else(|| std::env::var("LOGNAME").ok().filter(acceptable))
        .or_else(|| login_name().filter(acceptable))
        .unwrap_or_default()
}

/// Whether `name` is one `new` takes as the auditor's: not blank, no
/// control character.
fn acceptable_auditor(name: &str) -> bool {
    !name.trim().is_empty() && crate::text::refuse_control("", name, false).is_ok()
}

/// The name of the user running the program, from the password database.
fn login_name() -> Option<String> {
    // SAFETY: getpwuid returns a pointer into static storage or null; the
    // name is copied out at once, before any other call could reuse it.
    unsafe {
        let entry = libc::getpwuid(libc::geteuid());
        if entry.is_null() || (*entry).pw_name.is_null() {
            return None;
        }
        std::ffi::CStr::from_ptr((*entry).pw_name)
            .to_str()
            .ok()
            .map(str::to_owned)
    }
}

/// A few random hex digits for visit ids: std's hasher is seeded randomly per
/// process, which is plenty to keep two visits started in one second apart.
fn random_suffix() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    hasher.write_u32(std::process::id());
    format!("{:04x}", hasher.finish() & 0xffff)
}

/// `touchpoint` with no command: the home screen.
pub fn home(data_dir: Option<&Path>, lang: Option<Lang>) -> Result<(), Failure> {
    crate::i18n::prepare_screens();
    home_with(data_dir, None, &[], lang)
}

/// Refuses, before anything is created, when there is no terminal to show a
/// screen in and read keys from: SSH without `-t`, a pipe, a cron job.
pub fn need_terminal() -> Result<(), Failure> {
    // SAFETY: isatty only inspects descriptor numbers.
    let output = unsafe { libc::isatty(libc::STDOUT_FILENO) } == 1;
    let keys =
        unsafe { libc::isatty(libc::STDIN_FILENO) } == 1 || std::fs::File::open("/dev/tty").is_ok();
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

/// The checklists `touchpoint new` can open, each id once (a user checklist
/// shadows a bundled one of the same id), and the problems of those that
/// could not be read.
fn available_once(config: &Config) -> (Vec<Loaded>, Vec<Diagnostic>) {
    let (found, problems) = config::available(config);
    let mut seen = std::collections::HashSet::new();
    let unique = found
        .into_iter()
        .filter(|l| seen.insert(l.checklist.checklist.id.clone()))
        .collect();
    (unique, problems)
}

/// The journeys among `available`, those in `lang` first.
fn journeys_for(available: &[Loaded], lang: Lang) -> Vec<Journey> {
    let mut journeys = journey::journeys(available);
    journeys.sort_by_key(|j| !j.speaks(lang.tag()));
    journeys
}

/// The journeys of the user's checklists `user` and of the bundled ones
/// (from their summaries, none parsed), those in `lang` first.
fn journeys_among(user: &[Loaded], lang: Lang) -> Vec<Journey> {
    let mut summaries: Vec<journey::Summary<'_>> = user.iter().map(journey::Summary::of).collect();
    summaries.extend(checklist::bundled_summaries());
    let mut journeys = journey::journeys_of(&summaries);
    journeys.sort_by_key(|j| !j.speaks(lang.tag()));
    journeys
}

/// The checklists a visit starts with when none are named: the journey
/// `id` (else the hotel stay) in the interface language.
fn default_checklists(journeys: &[Journey], id: Option<&str>, lang: Lang) -> Vec<String> {
    id.and_then(|id| journey::pick(journeys, id, lang.tag()))
        .or_else(|| journey::pick(journeys, "hotel-stay", lang.tag()))
        .map(|j| j.checklists.clone())
        .unwrap_or_else(|| {
            checklist::DEFAULT_STAY
                .iter()
                .map(|s| (*s).to_owned())
                .collect()
        })
}

fn home_with(
    data_dir: Option<&Path>,
    auditor: Option<String>,
    preselected: &[String],
    lang: Option<Lang>,
) -> Result<(), Failure> {
    need_terminal()?;
    let (store, not_exported) = open_store_retrying(data_dir)?;
    let config = Config::load()?;
    let lang = language(lang, &config);
    let (records, problems, _) = read_listed(&store);
    let mut drafts: Vec<&RecordFile> = records
        .iter()
        .filter(|r| r.header.status == Status::Draft)
        .collect();
    drafts.sort_by(|a, b| {
        b.header
            .updated
            .timestamp()
            .cmp(&a.header.updated.timestamp())
    });
    // Returned visits wait for their auditor's answers: listed first, with
    // their status (SPEC.md, "Review").
    let returned: HashMap<String, String> = records
        .iter()
        .filter(|r| r.header.status == Status::Final)
        .filter_map(|r| {
            let state = review::review_of(&store, Some(&config), &r.header.id)
                .0?
                .state;
            (state.status == crate::review::ReviewStatus::Returned)
                .then(|| (r.header.id.clone(), state.shown()))
        })
        .collect();
    drafts.extend(
        records
            .iter()
            .filter(|r| returned.contains_key(&r.header.id)),
    );
    drafts.sort_by_key(|r| !returned.contains_key(&r.header.id));
    let rows = drafts
        .iter()
        .map(|r| {
            let s = r.summary();
            home::DraftRow {
                site: match returned.get(&s.id) {
                    // The status first: a narrow screen cuts the site.
                    Some(status) => format!("{status} · {}", s.site),
                    None => s.site,
                },
                id: s.id,
                progress: format!("{}/{}", s.answered, s.answered + s.unanswered),
                updated: format!(
                    "{}{}",
                    home::saved_text(&s.updated),
                    crate::clock::offset_if_foreign(&s.updated)
                ),
            }
        })
        .collect();
    let (available, broken) = available_once(&config);
    let journeys = journeys_for(&available, lang);
    // The form opens as the last visit was started: its checklists and auditor.
    let last = records.iter().max_by_key(|r| r.header.started.timestamp());
    let last_checklists: Option<Vec<String>> = last
        .map(|r| {
            r.checklists
                .iter()
                .map(|c| c.id.clone())
                .collect::<Vec<_>>()
        })
        .filter(|ids| {
            !ids.is_empty()
                && ids
                    .iter()
                    .all(|id| available.iter().any(|l| &l.checklist.checklist.id == id))
        });
    let wanted: Vec<String> = if !preselected.is_empty() {
        preselected.to_vec()
    } else if let Some(ids) = last_checklists {
        ids
    } else {
        default_checklists(&journeys, config.journey.as_deref(), lang)
    };
    let checklists = available
        .iter()
        .map(|l| home::ChecklistRow {
            id: l.checklist.checklist.id.clone(),
            title: l.checklist.checklist.title.clone(),
            touchpoint: l.checklist.checklist.touchpoint.clone(),
            source: source_label(&l.source),
            chosen: wanted.contains(&l.checklist.checklist.id),
        })
        .collect();
    let auditor = auditor
        .or_else(|| last.map(|r| r.header.auditor.clone()))
        .filter(|a| acceptable_auditor(a))
        .unwrap_or_else(|| default_auditor(&config));
    let mut screen = home::Home::new(rows, checklists, auditor, Theme::from_env());
    screen.size_now = Some(ratatui::crossterm::terminal::size);
    screen.journeys = journeys
        .iter()
        .map(|j| home::JourneyRow {
            summary: j.summary(),
            short: home::journey_short(&j.name, j.items),
            language: j.language.clone(),
            checklists: j.checklists.clone(),
        })
        .collect();
    screen.broken = broken.iter().map(ToString::to_string).collect();
    screen.problems = problems.iter().map(ToString::to_string).collect();
    // A finalized visit whose copy to the export folder still fails.
    screen.problems.extend(
        not_exported
            .iter()
            .map(|(id, why)| tr!("cli-not-exported", id = id.as_str(), error = why.as_str())),
    );
    // A final visit that waits for its signature (finalize could not sign
    // it): said until `touchpoint sign ID` signs it, as `list` does.
    screen.problems.extend(
        records
            .iter()
            .filter(|r| r.header.status == Status::Final)
            .filter(|r| awaits_signature(&store, Some(&config), &r.header.id))
            .map(|r| {
                tr!(
                    "cli-home-unsigned",
                    id = crate::tui::theme::inert(&r.header.id)
                )
            }),
    );
    screen.point_at_chosen();
    let trash_store = store.clone();
    screen.set_deleter(Box::new(move |id: &str| {
        trash_store.trash(id).map(|_| ()).map_err(|e| e.to_string())
    }));
    if !preselected.is_empty() {
        screen.focus = home::Focus::Site;
    }
    let signals =
        Signals::register().map_err(|e| io_failure(&tr!("cli-cannot-watch-signals"), &e))?;
    let (choice, gone) =
        tui::run_home(&mut screen, &signals).map_err(|e| io_failure(&tr!("cli-terminal"), &e))?;
    match choice {
        // A hang-up ends the program with a failure, and no word on the
        // terminal that is gone.
        home::Choice::Quit if gone => Err(Failure::Reported),
        home::Choice::Quit => Ok(()),
        home::Choice::Resume(id) => resume(data_dir, Some(&id)),
        home::Choice::New {
            site,
            auditor,
            checklists,
        } => new(
            data_dir,
            NewVisit {
                site: Some(site),
                auditor: Some(auditor),
                journey: None,
                checklists,
            },
            Some(lang),
            Some(config),
        ),
    }
}

/// What `touchpoint new` was asked for.
#[derive(Debug, Clone, Default)]
pub struct NewVisit {
    /// The site; without it the home screen's form opens.
    pub site: Option<String>,
    /// The auditor.
    pub auditor: Option<String>,
    /// A journey id: its checklists, in the interface language if it has them.
    pub journey: Option<String>,
    /// Checklist paths or ids.
    pub checklists: Vec<String>,
}

/// `touchpoint new`: start a visit and open it. Without `--site` the home
/// screen's form opens with the named checklists ticked. With no checklist
/// and no journey, the hotel stay in the interface language.
///
/// `config` is config.toml as read for the language, if it could be; one
/// that could not is read again here, and its problem reported.
pub fn new(
    data_dir: Option<&Path>,
    asked: NewVisit,
    lang: Option<Lang>,
    config: Option<Config>,
) -> Result<(), Failure> {
    crate::i18n::prepare_screens();
    let config = match config {
        Some(config) => config,
        None => Config::load()?,
    };
    let lang = language(lang, &config);
    let mut names = Vec::new();
    // Only the chosen checklists are parsed before the first frame: bundled
    // journeys are known from build.rs's summaries, user ones read once.
    let mut user = None;
    if asked.journey.is_some() || asked.checklists.is_empty() {
        let mine = config::user_checklists(&config).0;
        let journeys = journeys_among(&mine, lang);
        user = Some(mine);
        match &asked.journey {
            Some(id) => match journey::pick(&journeys, id, lang.tag()) {
                Some(found) => names.extend(found.checklists.iter().cloned()),
                None => {
                    // A journey in two languages is listed once; the list
                    // is sorted by language first, so `dedup` alone keeps both.
                    let mut ids: Vec<&str> = Vec::new();
                    for j in &journeys {
                        if !ids.contains(&j.id.as_str()) {
                            ids.push(j.id.as_str());
                        }
                    }
                    let hint = match checklist::diag::did_you_mean(id, &ids) {
                        Some(near) => tr!("cli-did-you-mean", near = near),
                        None => tr!("cli-journeys-are", ids = ids.join(", ")),
                    };
                    return Err(Failure::Message(tr!(
                        "cli-no-journey",
                        journey = checklist::diag::inert(id),
                        hint = hint
                    )));
                }
            },
            None => names.extend(default_checklists(&journeys, None, lang)),
        }
    }
    names.extend(asked.checklists.iter().cloned());
    let (loaded, problems) = config::resolve_all_among(&config, &names, user);
    if !problems.is_empty() {
        return Err(report_all(&problems));
    }
    let ids: Vec<&str> = loaded
        .iter()
        .map(|l| l.checklist.checklist.id.as_str())
        .collect();
    if let Some(twice) = ids
        .iter()
        .enumerate()
        .find_map(|(n, id)| ids[..n].contains(id).then_some(id))
    {
        return Err(Failure::Message(tr!("cli-checklist-twice", id = *twice)));
    }
    let Some(site) = asked.site.filter(|s| !s.trim().is_empty()) else {
        let names: Vec<String> = loaded
            .iter()
            .map(|l| l.checklist.checklist.id.clone())
            .collect();
        return home_with(data_dir, asked.auditor, &names, Some(lang));
    };
    let auditor = asked.auditor.unwrap_or_else(|| default_auditor(&config));
    refuse_control_in(&site, || tr!("cli-what-site"))?;
    refuse_control_in(&auditor, || tr!("cli-what-auditor"))?;
    need_terminal()?;
    // Tidied after the first frame, by the first save.
    let store = Store::open_untidied(&data_root(data_dir)?)?;
    let now = crate::clock::now();
    let visit = Visit::new(site.trim(), auditor.trim(), loaded, &now, &random_suffix());
    // Locked, written and its checklists kept right after the first frame,
    // before any key.
    let mut session = Session::create(&store, &visit, export_of(&config))?;
    session.tidy_after_first_save();
    open(&store, visit, session, None)
}

/// Refuses a control character in `text`, named by `what`, which is looked
/// up only then: the command line's catalog is not read before the first
/// frame of a visit.
fn refuse_control_in(text: &str, what: fn() -> String) -> Result<(), Failure> {
    if crate::text::refuse_control("", text, false).is_ok() {
        return Ok(());
    }
    crate::text::refuse_control(&what(), text, false).map_err(Failure::Message)
}

/// `touchpoint resume [ID]`: reopen a draft (the latest when no id); a final
/// visit opens read-only.
pub fn resume(data_dir: Option<&Path>, id: Option<&str>) -> Result<(), Failure> {
    crate::i18n::prepare_screens();
    let store = open_store(data_dir)?;
    let config = Config::load()?;
    let id = match id {
        Some(id) => id.to_owned(),
        None => {
            let (records, _) = session::read_all(&store);
            records
                .iter()
                .filter(|r| r.header.status == Status::Draft)
                .max_by_key(|r| r.header.updated.timestamp())
                .map(|r| r.header.id.clone())
                .ok_or_else(|| Failure::Message(tr!("cli-no-draft")))?
        }
    };
    // Locks before reading, so that no other session can change the files
    // between our read and our first save.
    let opened = Session::resume(&store, &id, export_of(&config))?;
    need_terminal()?;
    for w in &opened.warnings {
        say!(
            "touchpoint: {}",
            tr!("cli-warning", warning = w.to_string())
        );
    }
    let visit = opened.visit;
    let final_visit = visit.is_final();
    if !final_visit {
        // Visits begun before copies were kept get theirs now; best effort,
        // since a disk too full for a copy must not keep a draft closed.
        let _ = keep_checklists(&store, &visit.checklists);
    }
    let saved = visit.header.updated.clone();
    let ago = (crate::clock::now().timestamp().as_second() - saved.timestamp().as_second()).max(0);
    let mut message = if final_visit {
        tr!(
            "cli-resumed-final",
            time = crate::clock::shown(&saved, "%Y-%m-%d %H:%M")
        )
    } else {
        tr!(
            "cli-resumed-draft",
            time = crate::clock::shown(&saved, "%H:%M:%S"),
            ago = ago_text(ago)
        )
    };
    if visit.header.clock_went_back() {
        message.push_str("; ");
        message.push_str(&tui::app::clock_went_back(&visit.header));
    }
    for note in opened.from_copy.iter().chain(&opened.journal_notes) {
        message.push_str("; ");
        message.push_str(note);
    }
    open(&store, visit, opened.session, Some(message))
}

/// "just now", "3 minutes ago", "2 hours ago", "4 days ago".
pub fn ago_text(seconds: i64) -> String {
    match seconds {
        s if s < 60 => tr!("cli-just-now"),
        s if s < 3600 => tr!("cli-minutes-ago", count = s / 60),
        s if s < 86_400 => tr!("cli-hours-ago", count = s / 3600),
        s => tr!("cli-days-ago", count = s / 86_400),
    }
}

/// Keeps a copy of each checklist of a visit in the data folder, so that the
/// visit resumes even if the file it came from moves or changes.
fn keep_checklists(store: &Store, checklists: &[Loaded]) -> Result<(), Failure> {
    for loaded in checklists {
        if let Some(bytes) = crate::store::checklists::source_bytes(loaded) {
            store.keep_checklist(&bytes)?;
        }
    }
    Ok(())
}

/// Where and how a finalized record is copied, from the configuration.
fn export_of(config: &Config) -> Option<session::Export> {
    config.export_folder().map(|folder| session::Export {
        folder,
        mode: config.export_mode(),
    })
}

/// Runs the visit screen over `session`: each change saved as it is made,
/// the journal folded into the record when the auditor pauses and leaves.
fn open(
    store: &Store,
    visit: Visit,
    session: Session,
    message: Option<String>,
) -> Result<(), Failure> {
    let id = visit.header.id.clone();
    let was_final = visit.is_final();
    let path = store.path(&id)?;
    tui::install_panic_hook(tr!(
        "tui-panic-saved",
        path = path.display().to_string(),
        id = id.as_str()
    ));
    // The screen saves through the session on each change and on a pause.
    let session = Rc::new(RefCell::new(session));
    let saving = Rc::clone(&session);
    let saver: tui::app::Saver = Box::new(move |visit: &mut Visit| saving.borrow_mut().save(visit));
    let pausing = Rc::clone(&session);
    let mut app = App::new(visit, saver, Box::new(crate::clock::now), Theme::from_env());
    app.set_monotonic(Box::new(crate::clock::monotonic));
    app.size_now = Some(ratatui::crossterm::terminal::size);
    app.set_pauser(Box::new(move |visit: &mut Visit| {
        pausing.borrow_mut().pause(visit)
    }));
    // Resuming says where stopwatches still run, so none is lost from view.
    app.message = match (message, app.running_stopwatches()) {
        (Some(message), Some(running)) => Some(format!("{message} · {running}")),
        (message, running) => message.or(running),
    };
    // A returned visit opens on the editor's questions (SPEC.md, "Review").
    if was_final
        && let (Some(found), _) = review::review_of(store, Config::load().ok().as_ref(), &id)
        && found.state.status == crate::review::ReviewStatus::Returned
    {
        let data_dir = store.root().to_path_buf();
        let auditor = app.visit.header.auditor.clone();
        let replying = id.clone();
        let message = review_message(&found.path);
        app.set_returned(tui::app::Returned {
            open: found
                .state
                .open
                .iter()
                .map(|q| (q.item.clone(), q.text.clone()))
                .collect(),
            message,
            replier: Box::new(move |reply| {
                review::reply(Some(&data_dir), &replying, &auditor, reply)
            }),
        });
    }
    let root = store.root().to_path_buf();
    app.set_attacher(Box::new(move |id: &str, typed: &str| {
        crate::evidence::attach(&root, id, typed).map_err(|e| e.to_string())
    }));
    let signals =
        Signals::register().map_err(|e| io_failure(&tr!("cli-cannot-watch-signals"), &e))?;
    let ran = tui::run_visit(&mut app, &signals);
    let ending = ran.as_ref().ok().copied();
    if ending != Some(Ending::Left) {
        // Stopped from outside: one more try at a save that failed, as leaving would.
        app.retry_failed_save();
    }
    // Leaving folds the journal into the record and frees the visit, also
    // when the terminal failed (a hang-up often shows as a failed write).
    let closed = session.borrow_mut().close(&mut app.visit);
    if let Some(error) = closed.err().or(app.save_error.clone()) {
        return Err(Failure::Message(tr!(
            "cli-not-saved",
            id = id.as_str(),
            error = error
        )));
    }
    // Finalized in this session: signed now, the record being on disk
    // (told after the screen is given back; a failure leaves it final and
    // unsigned, see docs/store.md).
    let signing = (!was_final && app.visit.is_final())
        .then(|| sign_finalized(store, &id))
        .flatten();
    let ending = ran.map_err(|e| io_failure(&tr!("cli-terminal"), &e))?;
    if ending == Ending::TerminalGone {
        // Saved, but the session did not end as the auditor chose; nothing
        // is written to the terminal that is gone.
        return Err(Failure::Reported);
    }
    if ending == Ending::Left {
        say!(
            "{}",
            tr!(
                "cli-visit-saved",
                id = id.as_str(),
                path = path.display().to_string()
            )
        );
    }
    if let Some(told) = signing {
        say!("touchpoint: {told}");
    }
    Ok(())
}

/// The editor's message with the latest return, from the review file.
fn review_message(path: &Path) -> String {
    crate::review::disk::read(path)
        .ok()
        .flatten()
        .and_then(|file| {
            file.entry
                .iter()
                .rev()
                .find(|e| e.status == Some(crate::review::ReviewStatus::Returned))
                .map(|e| e.text.clone())
        })
        .unwrap_or_default()
}

/// Every visit in the data folder as it now stands (its journal applied),
/// and a problem for each one that cannot be read: [`session::read_all`].
pub fn read_records(store: &Store) -> (Vec<RecordFile>, Vec<Diagnostic>) {
    session::read_all(store)
}

/// [`session::read_all`] for the lists the auditor picks from (`list`, the
/// home screen): a record whose `[visit] id` differs from its file name is
/// listed under the file name — the name `resume`, `export` and `delete`
/// find it by — and said on stderr (issue 17).
fn read_listed(store: &Store) -> (Vec<RecordFile>, Vec<Diagnostic>, Vec<String>) {
    let (mut records, problems, notes) = session::read_all_noting(store);
    let Ok(files) = store.visit_files() else {
        return (records, problems, notes);
    };
    let names: Vec<String> = files
        .iter()
        .filter_map(|f| f.file_stem()?.to_str().map(str::to_owned))
        .collect();
    // read_all reads the files in this order and skips those it names as
    // problems; the n-th record is the n-th file that was read.
    let unread: std::collections::HashSet<String> =
        problems.iter().map(|d| d.to_string()).collect();
    let mut read = names.iter().filter(|name| {
        // A problem names the record or its journal: `visits/<name>.…`.
        let shown = format!("{}/{name}.", store.visits_dir().display());
        !unread.iter().any(|p| p.starts_with(&shown))
    });
    for record in &mut records {
        let Some(name) = read.next() else { break };
        if &record.header.id != name {
            say!(
                "touchpoint: {}",
                tr!(
                    "cli-warning",
                    warning = tr!(
                        "cli-id-differs",
                        path = format!("{name}.toml"),
                        id = crate::checklist::diag::one_line(&record.header.id),
                        name = name.as_str()
                    )
                )
            );
            record.header.id = name.clone();
        }
    }
    (records, problems, notes)
}

/// `touchpoint list`: one line per visit, newest first; unreadable records
/// are named on stderr and do not hide the others.
pub fn list(
    data_dir: Option<&Path>,
    trash: bool,
    as_json: bool,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let (store, not_exported) = open_store_retrying(data_dir)?;
    let config = Config::load().ok();
    let (mut records, problems, notes) = if trash {
        let (records, problems) = read_trash(&store);
        (records, problems, Vec::new())
    } else {
        read_listed(&store)
    };
    records.sort_by(|a, b| {
        b.header
            .updated
            .timestamp()
            .cmp(&a.header.updated.timestamp())
    });
    // The editor's review of each final visit (data folder, else the
    // export folder's copy); review files ignored are said on stderr.
    let reviews: HashMap<String, crate::review::State> = if trash {
        HashMap::new()
    } else {
        records
            .iter()
            .filter(|r| r.header.status == Status::Final)
            .filter_map(|r| {
                let (found, warnings) = review::review_of(&store, config.as_ref(), &r.header.id);
                for w in warnings {
                    say!("touchpoint: {}", tr!("cli-warning", warning = w));
                }
                Some((r.header.id.clone(), found?.state))
            })
            .collect()
    };
    // The score shown is the corrected answers' score, as report and
    // export give it: every command tells the same story.
    for record in &mut records {
        if let Some(state) = reviews.get(&record.header.id)
            && !state.corrections.is_empty()
        {
            crate::review::apply(record, state);
            let figures = report::VisitFigures::of(record);
            record.score.percent = figures.percent;
            record.score.critical_failures = figures.critical_failures;
        }
    }
    if as_json {
        let signed = |id: &str| !awaits_signature(&store, config.as_ref(), id);
        json::visits(
            &records,
            trash,
            &|id| !trash && store.is_unexported(id),
            &|id| trash || signed(id),
            &|id| reviews.get(id).cloned(),
            out,
        )?;
        tell_list_problems(&problems, &notes, not_exported);
        return Ok(());
    }
    let mut text = String::new();
    // The id column is as wide as the widest id, so that a long one never
    // pushes its row's other columns out of line.
    let id_width = records
        .iter()
        .map(|r| unicode_width::UnicodeWidthStr::width(r.header.id.as_str()))
        .max()
        .unwrap_or(0)
        .max(40);
    if records.is_empty() && problems.is_empty() {
        text.push_str(&if trash {
            tr!("cli-trash-empty")
        } else {
            tr!("cli-no-visits")
        });
        text.push('\n');
    }
    let rows: Vec<[String; 6]> = records
        .iter()
        .map(|r| {
            let s = r.summary();
            let score = match (s.percent, s.critical_failures.is_empty()) {
                (_, false) => tr!("cli-score-fail"),
                (Some(p), true) => format!("{p:.1}%"),
                (None, true) => "—".to_owned(),
            };
            let reviewed = reviews
                .get(&s.id)
                .filter(|r| r.status != crate::review::ReviewStatus::Final || r.resubmitted);
            let status = match s.status {
                Status::Draft => tr!("cli-status-draft"),
                Status::Final if reviewed.is_some() => reviewed
                    .map(crate::review::State::shown)
                    .unwrap_or_default(),
                Status::Final if !trash && store.is_unexported(&s.id) => {
                    tr!("cli-status-not-exported")
                }
                Status::Final if !trash && awaits_signature(&store, config.as_ref(), &s.id) => {
                    tr!("cli-status-unsigned")
                }
                Status::Final => tr!("cli-status-final"),
            };
            [
                tui::theme::truncate(&tui::theme::inert(&s.id), id_width),
                tui::theme::truncate(&tui::theme::inert(&s.site), 24),
                status,
                format!("{}/{}", s.answered, s.answered + s.unanswered),
                score,
                crate::clock::shown(&s.updated, "%Y-%m-%d %H:%M"),
            ]
        })
        .collect();
    if !rows.is_empty() {
        let heading = [
            tui::theme::truncate(&tr!("cli-list-id"), id_width),
            tr!("cli-list-site"),
            tr!("cli-list-status"),
            tr!("cli-list-progress"),
            tr!("cli-list-score"),
            tr!("cli-list-updated"),
        ];
        // The widths English has always had, widened where another
        // language's words are longer, so that every row lines up.
        let columns = [
            (0, Align::Left),
            (24, Align::Left),
            (6, Align::Left),
            (8, Align::Right),
            (7, Align::Right),
            (0, Align::Last),
        ];
        text.push_str(&table(&heading, &rows, &columns));
    }
    out.write_all(text.as_bytes())
        .map_err(|e| io_failure(&tr!("cli-cannot-write-list"), &e))?;
    tell_list_problems(&problems, &notes, not_exported);
    Ok(())
}

/// What `list` says on stderr after its list: unreadable records, what a
/// reader noted (changes it could not apply), copies not yet exported.
fn tell_list_problems(
    problems: &[Diagnostic],
    notes: &[String],
    not_exported: Vec<(String, String)>,
) {
    for problem in problems {
        say!(
            "touchpoint: {}",
            tr!("cli-unreadable-record", problem = problem.to_string())
        );
    }
    for note in notes {
        say!("touchpoint: {note}");
    }
    for (id, why) in not_exported {
        say!(
            "touchpoint: {}",
            tr!(
                "cli-warning",
                warning = tr!("cli-not-exported", id = id, error = why)
            )
        );
    }
}

/// How a column of [`table`] places its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Align {
    /// Padded on the right.
    Left,
    /// Padded on the left.
    Right,
    /// The last column: not padded, so that lines end without spaces.
    Last,
}

/// A plain-text table, one space between columns: each column as wide as
/// its widest cell in terminal cells, and at least its `(width, _)`.
fn table<const N: usize>(
    heading: &[String; N],
    rows: &[[String; N]],
    columns: &[(usize, Align); N],
) -> String {
    use unicode_width::UnicodeWidthStr;
    let mut widths = [0; N];
    for (n, (least, _)) in columns.iter().enumerate() {
        widths[n] = std::iter::once(heading)
            .chain(rows)
            .map(|row| row[n].width())
            .fold(*least, usize::max);
    }
    let mut text = String::new();
    for row in std::iter::once(heading).chain(rows) {
        for (n, cell) in row.iter().enumerate() {
            if n > 0 {
                text.push(' ');
            }
            let room = " ".repeat(widths[n].saturating_sub(cell.width()));
            match columns[n].1 {
                Align::Left => {
                    text.push_str(cell);
                    text.push_str(&room);
                }
                Align::Right => {
                    text.push_str(&room);
                    text.push_str(cell);
                }
                Align::Last => text.push_str(cell),
            }
        }
        text.push('\n');
    }
    text
}

/// The records in the trash, and a problem for each file that is not one.
fn read_trash(store: &Store) -> (Vec<RecordFile>, Vec<Diagnostic>) {
    let mut records = Vec::new();
    let mut problems = Vec::new();
    let files = match store.trash_files() {
        Ok(files) => files,
        Err(e) => {
            let folder = store.trash_dir().display().to_string();
            return (records, vec![Diagnostic::file(&folder, e.to_string())]);
        }
    };
    for file in files {
        // With the changes of a journal that went to the trash beside it.
        match session::read_record(&file) {
            Ok(r) => records.push(r),
            Err(d) => problems.push(d),
        }
    }
    (records, problems)
}

/// `touchpoint delete ID`: the visit moves to `trash/` in the data folder.
pub fn delete(data_dir: Option<&Path>, id: &str, out: &mut dyn Write) -> Result<(), Failure> {
    let store = open_store(data_dir)?;
    let to = store
        .trash(id)
        .map_err(|e| Failure::Message(e.to_string()))?;
    writeln!(
        out,
        "{}",
        tr!("cli-deleted", id = id, path = to.display().to_string())
    )
    .map_err(|e| io_failure(&tr!("cli-cannot-write"), &e))
}

/// `touchpoint restore ID`: a visit in the trash goes back to the visits.
pub fn restore(data_dir: Option<&Path>, id: &str, out: &mut dyn Write) -> Result<(), Failure> {
    let store = open_store(data_dir)?;
    store
        .restore(id)
        .map_err(|e| Failure::Message(e.to_string()))?;
    writeln!(out, "{}", tr!("cli-restored", id = id))
        .map_err(|e| io_failure(&tr!("cli-cannot-write"), &e))
}

/// `touchpoint export ID`: the record as TOML, JSON, CSV or Markdown, to a
/// file (written atomically) or standard output.
pub fn export(
    data_dir: Option<&Path>,
    id: &str,
    output: Option<&Path>,
    format: ExportFormat,
) -> Result<(), Failure> {
    let store = open_store(data_dir)?;
    let config = Config::load()?;
    let current = session::read_visit(&store, id)?;
    for note in current.journal_notes(id) {
        say!("touchpoint: {note}");
    }
    if current.record.header.clock_went_back() {
        say!(
            "touchpoint: {}",
            tr!(
                "cli-warning",
                warning = tui::app::clock_went_back(&current.record.header)
            )
        );
    }
    // The debrief names the record's signed state (issue 22).
    let signed = (current.record.header.status == Status::Final)
        .then(|| {
            let path = store.path(id).ok()?;
            let signers = sign::signers(None, false).ok()?;
            Some(signers.state(&path, &current.record))
        })
        .flatten();
    let text = match format {
        // The record itself, byte for byte as saved when no journal adds to
        // it, but for characters that could drive a terminal, escaped as TOML
        // reads them back.
        ExportFormat::Toml => {
            crate::text::toml_inert(&String::from_utf8_lossy(&current.bytes)).into_owned()
        }
        other => {
            // The editor's review of a final visit: its corrected answers
            // and marks (the TOML export stays the auditor's record).
            let review = if current.record.header.status == Status::Final {
                let (found, warnings) = review::review_of(&store, Some(&config), id);
                for w in warnings {
                    say!("touchpoint: {}", tr!("cli-warning", warning = w));
                }
                Some(found.map(|f| f.state).unwrap_or_default())
            } else {
                None
            };
            let mut visit = match current.visit {
                Some(visit) => visit,
                None => {
                    let (visit, warnings, _) = session::load_visit(&store, id)?;
                    for w in &warnings {
                        say!(
                            "touchpoint: {}",
                            tr!("cli-warning", warning = w.to_string())
                        );
                    }
                    visit
                }
            };
            if let Some(state) = &review {
                review::correct_visit(&mut visit, state);
            }
            let marked = review
                .as_ref()
                .filter(|r| *r != &crate::review::State::default());
            match other {
                ExportFormat::Json => {
                    let json = record::to_json(&visit);
                    match &review {
                        Some(state) => review::mark_json(&json, state),
                        None => json,
                    }
                }
                ExportFormat::Csv => review::mark_csv(
                    &record::to_csv(&visit),
                    review.as_ref().map(|r| r.status),
                    &review.clone().unwrap_or_default(),
                ),
                ExportFormat::Html => {
                    let since = since_last_visit(&store, &visit);
                    let page = record::to_html_since(&visit, store.root(), since.as_ref());
                    let page = with_signed_html(page, signed);
                    match marked {
                        Some(state) => review::mark_html(&page, state),
                        None => page,
                    }
                }
                _ => {
                    let markdown = match output.filter(|p| *p != Path::new("-")) {
                        // The attached files go beside the document, linked
                        // relatively, so that they travel with it.
                        Some(path) => {
                            let folder = evidence_folder_of(path);
                            copy_evidence(&store, &visit, &folder, config.export_mode())?;
                            let name = folder
                                .file_name()
                                .map(|n| n.to_string_lossy().into_owned())
                                .unwrap_or_default();
                            record::to_markdown_in(&visit, &name)
                        }
                        // On standard output the files are named, not linked.
                        None => record::to_markdown(&visit),
                    };
                    let markdown = with_signed_md(markdown, signed);
                    match marked {
                        Some(state) => review::mark_markdown(&markdown, state),
                        None => markdown,
                    }
                }
            }
        }
    };
    match output {
        Some(path) if path != Path::new("-") => {
            crate::store::check_outside(path, store.root())?;
            crate::store::write_export(path, text.as_bytes(), config.export_mode())?;
            Ok(())
        }
        _ => to_stdout(|out| out.write_all(text.as_bytes())),
    }
}

/// The signed state in the reader's words: "Signature: valid".
fn signed_sentence(state: &str) -> String {
    tr!("export-signed", state = report::text::signed_word(state))
}

/// A Markdown debrief with its signed state as a fact, after the id.
fn with_signed_md(text: String, signed: Option<&str>) -> String {
    let Some(state) = signed else {
        return text;
    };
    let mut out = String::with_capacity(text.len() + 64);
    let mut done = false;
    for line in text.split_inclusive('\n') {
        out.push_str(line);
        if !done && line.starts_with(&format!("| {} |", tr!("export-id"))) {
            out.push_str(&format!(
                "| {} | {} |\n",
                tr!("export-signature"),
                report::text::signed_word(state)
            ));
            done = true;
        }
    }
    out
}

/// An HTML debrief with its signed state under its title.
fn with_signed_html(html: String, signed: Option<&str>) -> String {
    match (signed, html.find("</h1>")) {
        (Some(state), Some(at)) => {
            let at = at + "</h1>".len();
            let sentence = maud::html! { p.sub { (signed_sentence(state)) } }.into_string();
            format!("{}{sentence}{}", &html[..at], &html[at..])
        }
        _ => html,
    }
}

/// `DIR/visit-evidence` for `DIR/visit.md`: where a Markdown export's
/// attached files go.
fn evidence_folder_of(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "visit".to_owned());
    path.with_file_name(format!("{stem}-evidence"))
}

/// Copies the visit's attached files into `folder` (each written as an
/// export is: atomically, with `mode`). A file missing from the data folder
/// is warned about and left out; it cannot be linked anyway.
fn copy_evidence(store: &Store, visit: &Visit, folder: &Path, mode: u32) -> Result<(), Failure> {
    use std::io::Read;
    use std::path::Component;
    let files = visit.evidence();
    if files.is_empty() {
        return Ok(());
    }
    std::fs::create_dir_all(folder).map_err(|e| io_failure(&tr!("cli-cannot-write"), &e))?;
    for file in files {
        let name = record::evidence_file_name(file);
        let relative = Path::new(&file.file);
        let inside = relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
        let read = if inside {
            crate::store::open_owned(
                &store.root().join(relative),
                std::fs::OpenOptions::new().read(true),
            )
            .map_err(|e| match e {
                crate::store::OpenRefusal::Refused(e) => e.to_string(),
                crate::store::OpenRefusal::Io(e) => e.to_string(),
            })
            .and_then(|f| {
                let mut bytes = Vec::new();
                f.take(crate::evidence::MAX_EVIDENCE_BYTES + 1)
                    .read_to_end(&mut bytes)
                    .map(|_| bytes)
                    .map_err(|e| e.to_string())
            })
        } else {
            Err(tr!("cli-evidence-outside"))
        };
        match read {
            Ok(bytes) => {
                crate::store::write_export(&folder.join(&name), &bytes, mode)?;
            }
            Err(reason) => say!(
                "touchpoint: {}",
                tr!(
                    "cli-warning",
                    warning = tr!(
                        "cli-evidence-not-copied",
                        file = crate::checklist::diag::inert(&file.file),
                        reason = reason
                    )
                )
            ),
        }
    }
    Ok(())
}

/// Runs `write` on standard output; on a terminal through [`InertTerminal`],
/// since what it writes comes from files.
fn to_stdout(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<(), Failure> {
    use std::io::IsTerminal;
    let stdout = std::io::stdout();
    let written = if stdout.is_terminal() {
        let mut out = InertTerminal::new(stdout.lock());
        write(&mut out).and_then(|()| out.finish())
    } else {
        let mut out = std::io::BufWriter::new(stdout.lock());
        write(&mut out).and_then(|()| out.flush())
    };
    written.map_err(|e| io_failure(&tr!("cli-cannot-write-stdout"), &e))
}

/// A writer for a terminal that shows control characters from files as
/// `\u{1b}` instead of sending them: C0 controls other than newline and tab,
/// DEL, and the C1 controls (U+0080–U+009F, which some terminals obey).
struct InertTerminal<W: Write> {
    inner: std::io::BufWriter<W>,
    /// The first byte of a two-byte UTF-8 sequence cut at the end of a write.
    pending: bool,
}

impl<W: Write> InertTerminal<W> {
    fn new(inner: W) -> Self {
        InertTerminal {
            inner: std::io::BufWriter::new(inner),
            pending: false,
        }
    }

    fn finish(mut self) -> std::io::Result<()> {
        if std::mem::take(&mut self.pending) {
            self.inner.write_all(&[0xc2])?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Write for InertTerminal<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        for &b in buf {
            if std::mem::take(&mut self.pending) {
                if (0x80..=0x9f).contains(&b) {
                    write!(self.inner, "\\u{{{b:x}}}")?;
                    continue;
                }
                self.inner.write_all(&[0xc2])?;
            }
            match b {
                0xc2 => self.pending = true,
                b'\n' | b'\t' => self.inner.write_all(&[b])?,
                0..0x20 | 0x7f => write!(self.inner, "\\u{{{b:x}}}")?,
                _ => self.inner.write_all(&[b])?,
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// What `touchpoint report` was asked for.
#[derive(Debug, Clone)]
pub struct ReportArgs {
    /// Record files or folders; the data folder's visits when empty.
    pub paths: Vec<PathBuf>,
    /// The output format.
    pub format: ReportFormat,
    /// Where to write; standard output when `None`.
    pub output: Option<PathBuf>,
    /// Which visits to take.
    pub filter: Filter,
    /// The service map's line between high and low.
    pub line: f64,
    /// Final visits under this coverage (percent) are left out of the figures.
    pub min_coverage: f64,
    /// Fewest scored answers for an item among the most missed.
    pub min_answers: usize,
    /// Leave out every visit whose signature is not `valid`.
    pub require_signed: bool,
    /// The OpenSSH allowed_signers file (default: config.toml's).
    pub allowed_signers: Option<PathBuf>,
}

/// Records read at once, in parallel; the report holds no more than these.
pub const BATCH: usize = 32;

/// Bytes of record files read at once: a batch closes at [`BATCH`] files or
/// at this many bytes, whichever comes first (a file larger than this is a
/// batch of its own). With the pipeline of [`read_all`] holding two batches,
/// 64 hostile records of 15.8 MB cost a few of them in memory, not all 32 of
/// a batch (issue 17: 3.4 GB).
pub const BATCH_BYTES: u64 = 16 * 1024 * 1024;

/// `files` cut into batches of at most [`BATCH`] files and [`BATCH_BYTES`]
/// bytes (by their sizes now; a file that cannot be looked at counts as
/// nothing, and its reader names the problem).
/// Each batch comes with its bytes.
fn batches(files: &[PathBuf]) -> Vec<(&[PathBuf], u64)> {
    let mut batches = Vec::new();
    let mut start = 0;
    let mut bytes = 0u64;
    for (n, path) in files.iter().enumerate() {
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        if n > start && (n - start == BATCH || bytes + size > BATCH_BYTES) {
            batches.push((&files[start..n], bytes));
            start = n;
            bytes = 0;
        }
        bytes += size;
    }
    if start < files.len() {
        batches.push((&files[start..], bytes));
    }
    batches
}

/// `touchpoint report`: reads the records (in parallel), skips and names
/// each file that is not one, and writes the review. Fails (exit 1) when a
/// file was skipped, after writing the report of the others.
pub fn report(data_dir: Option<&Path>, args: &ReportArgs) -> Result<(), Failure> {
    use std::io::IsTerminal;
    let signers = sign::signers(args.allowed_signers.as_deref(), args.require_signed)?;
    let (files, mut skipped) = if args.paths.is_empty() {
        let store = open_store(data_dir)?;
        (store.visit_files()?, 0)
    } else {
        let (files, problems) = find_records(&args.paths);
        for p in &problems {
            say!(
                "touchpoint: {}",
                tr!("cli-skipped", problem = p.to_string())
            );
        }
        (files, problems.len())
    };
    // `-o -` is standard output, as for `export`.
    let output = args.output.as_deref().filter(|p| *p != Path::new("-"));
    let color = args.format == ReportFormat::Table
        && output.is_none()
        && std::io::stdout().is_terminal()
        && Theme::from_env().color;
    let mut unknown: Vec<(String, Vec<String>)> = Vec::new();
    let mut run = |out: &mut dyn Write| -> std::io::Result<()> {
        let tally = write_report(&files, args, &signers, out, color)?;
        skipped += tally.skipped;
        unknown = tally.unknown_sites;
        if !unknown.is_empty() && output.is_some() {
            // Nothing renamed over `-o PATH`: it keeps what it had.
            return Err(std::io::Error::other("no such site"));
        }
        if tally.drafts > 0 {
            say!(
                "touchpoint: {}",
                tr!("cli-drafts-left-out", count = tally.drafts)
            );
        }
        if tally.reviewed_out > 0 {
            say!(
                "touchpoint: {}",
                tr!("report-reviewed-left-out", count = tally.reviewed_out)
            );
        }
        if tally.unsigned > 0 {
            say!(
                "touchpoint: {}",
                tr!("report-unsigned-left-out", count = tally.unsigned)
            );
        }
        Ok(())
    };
    match output {
        Some(path) => {
            if let Ok(root) = data_root(data_dir) {
                crate::store::check_outside(path, &root)?;
            }
            let written = crate::store::write_private_with(path, |out| run(out));
            if unknown.is_empty() {
                written?;
            }
        }
        None if args.format == ReportFormat::Table => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            run(&mut out)
                .and_then(|()| out.flush())
                .map_err(|e| io_failure(&tr!("cli-cannot-write-stdout"), &e))?;
        }
        None => to_stdout(|out| run(out))?,
    }
    for (site, near) in &unknown {
        let site = crate::checklist::diag::one_line(site);
        let near: Vec<String> = near
            .iter()
            .map(|s| crate::checklist::diag::one_line(s))
            .collect();
        if near.is_empty() {
            say!(
                "touchpoint: {}",
                tr!("report-site-unknown-none", site = site)
            );
        } else {
            say!(
                "touchpoint: {}",
                tr!("report-site-unknown", site = site, near = near.join(", "))
            );
        }
    }
    if skipped > 0 {
        say!("touchpoint: {}", tr!("cli-files-skipped", count = skipped));
        return Err(Failure::Reported);
    }
    if !unknown.is_empty() {
        return Err(Failure::Reported);
    }
    Ok(())
}

/// What reading the records came to, besides the report.
#[derive(Debug, Default)]
pub struct ReadTally {
    /// Files that are not records, named on stderr.
    pub skipped: usize,
    /// Drafts left out.
    pub drafts: usize,
    /// Final visits left out for their review status (`--status`).
    pub reviewed_out: usize,
    /// Visits left out by `--require-signed`.
    pub unsigned: usize,
    /// Every site named by a record read (taken or not), for a `--site`
    /// that matches none.
    pub sites: Vec<String>,
    /// `--site` values no record names, each with the nearest sites seen.
    pub unknown_sites: Vec<(String, Vec<String>)>,
}

/// Reads `files` in batches (each in parallel, taken in path order) and
/// writes the report of those the filter takes: CSV rows as records come,
/// any other format once all are read.
pub fn write_report(
    files: &[PathBuf],
    args: &ReportArgs,
    signers: &sign::Signers,
    out: &mut dyn Write,
    color: bool,
) -> std::io::Result<ReadTally> {
    let reading = Reading {
        filter: &args.filter,
        signers,
        require_signed: args.require_signed,
    };
    if args.format == ReportFormat::Csv {
        let mut rows = report::csv::Rows::new(&mut *out)?;
        let render = |record: &RecordFile, figures: &report::VisitFigures| {
            report::csv::render_reviewed(
                record,
                figures.review_status.map(|s| s.as_str()),
                &figures.corrected,
            )
        };
        let mut tally = read_all(files, &reading, render, |_, rendered| {
            rows.add_rendered(&rendered?)
        })?;
        rows.finish()?;
        tally.unknown_sites = report::unknown_sites(&args.filter.sites, &tally.sites);
        return Ok(tally);
    }
    let mut builder = report::Builder::new(args.line)
        .min_coverage(args.min_coverage)
        .min_answers(args.min_answers)
        .filter(args.filter.clone());
    let tally = read_all(
        files,
        &reading,
        |_, _| (),
        |figured, ()| {
            let (record, figures) = figured;
            builder.add_figured(record, figures);
            Ok(())
        },
    )?;
    let mut tally = tally;
    tally.unknown_sites = report::unknown_sites(&args.filter.sites, &tally.sites);
    if !tally.unknown_sites.is_empty() {
        // Nothing written: the caller names the site and fails.
        return Ok(tally);
    }
    let review = builder.finish();
    match args.format {
        ReportFormat::Table => report::text::write_table(&review, out, color)?,
        ReportFormat::Md => report::text::write_markdown(&review, out)?,
        ReportFormat::Json => report::json::write(&review, out)?,
        ReportFormat::Html | ReportFormat::Csv => report::html::write(&review, out)?,
    }
    Ok(tally)
}

/// What the reader of records takes: the filter, and how signatures are judged.
struct Reading<'a> {
    filter: &'a Filter,
    signers: &'a sign::Signers,
    require_signed: bool,
}

/// A file as the parallel stage leaves it.
enum Read<X> {
    /// Not a record.
    Skipped(Diagnostic),
    /// A record the filter does not take, and its site.
    LeftOut(LeftOut, String),
    /// A record, its figures and what `prepare` made of it, and what its
    /// review file had to say.
    Taken(Box<(RecordFile, report::VisitFigures)>, X, Reviewed),
}

/// What reading a record's review file gave besides its status and
/// corrections (which are in its figures).
struct Reviewed {
    /// Review files ignored, and why.
    warnings: Vec<String>,
    /// The record's stored score against its own observations, before any
    /// correction (a corrected answer is no disagreement).
    disagreement: Option<String>,
}

/// The figures of `record` read from `path`: with the review beside it (a
/// final record's), its corrected answers in the observations, its review
/// status in the figures.
fn reviewed_figures(path: &Path, record: &mut RecordFile) -> (report::VisitFigures, Reviewed) {
    let mut reviewed = Reviewed {
        warnings: Vec::new(),
        disagreement: None,
    };
    if record.header.status != Status::Final {
        let figures = report::VisitFigures::of(record);
        reviewed.disagreement = figures.disagreement(record);
        return (figures, reviewed);
    }
    let (found, warnings) = crate::review::disk::beside(path, &record.header.id);
    reviewed.warnings = warnings;
    let state = found.map(|f| f.state).unwrap_or_default();
    let mut corrected = Vec::new();
    if !state.corrections.is_empty() {
        reviewed.disagreement = report::VisitFigures::of(record).disagreement(record);
        corrected = crate::review::apply(record, &state);
    }
    let mut figures = report::VisitFigures::of(record);
    if corrected.is_empty() {
        reviewed.disagreement = figures.disagreement(record);
    }
    figures.review_status = Some(state.status);
    figures.corrected = corrected;
    (figures, reviewed)
}

/// Parses `files` in parallel batches, with each record's figures and
/// `prepare` (the costly, pure work) on the same threads, then hands each
/// record the filter takes to `take`, in path order, once per visit id;
/// names each file that is not a record, and each record whose stored score
/// disagrees with its observations.
fn read_all<X: Send>(
    files: &[PathBuf],
    reading: &Reading<'_>,
    prepare: impl Fn(&RecordFile, &report::VisitFigures) -> X + Sync,
    mut take: impl FnMut((&RecordFile, report::VisitFigures), X) -> std::io::Result<()>,
) -> std::io::Result<ReadTally> {
    use rayon::prelude::*;
    let read_batch = |batch: &[PathBuf]| -> Vec<Read<X>> {
        batch
            .par_iter()
            .map(|path| match read_record_file(path) {
                Err(problem) => Read::Skipped(problem),
                Ok(mut record) => match reading.filter.admits(&record) {
                    Err(why) => Read::LeftOut(why, record.header.site),
                    Ok(()) => {
                        let (mut figures, reviewed) = reviewed_figures(path, &mut record);
                        if let Err(why) = reading.filter.admits_review(figures.review_status) {
                            return Read::LeftOut(why, record.header.site);
                        }
                        figures.signed = reading.signers.state(path, &record);
                        if reading.require_signed && figures.signed != "valid" {
                            return Read::LeftOut(LeftOut::Unsigned, record.header.site);
                        }
                        let extra = prepare(&record, &figures);
                        Read::Taken(Box::new((record, figures)), extra, reviewed)
                    }
                },
            })
            .collect()
    };
    let mut tally = ReadTally::default();
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    let mut take_batch = |batch: &[PathBuf], read: Vec<Read<X>>| -> std::io::Result<()> {
        for (path, result) in batch.iter().zip(read) {
            let (record, figures, extra, reviewed) = match result {
                Read::Skipped(problem) => {
                    say!(
                        "touchpoint: {}",
                        tr!("cli-skipped", problem = problem.to_string())
                    );
                    tally.skipped += 1;
                    continue;
                }
                Read::LeftOut(why, site) => {
                    if !reading.filter.sites.is_empty() {
                        tally.sites.push(site);
                    }
                    if why == LeftOut::Draft {
                        tally.drafts += 1;
                    }
                    if why == LeftOut::Reviewed {
                        tally.reviewed_out += 1;
                    }
                    if why == LeftOut::Unsigned {
                        tally.unsigned += 1;
                    }
                    continue;
                }
                Read::Taken(taken, extra, reviewed) => {
                    let (record, figures) = *taken;
                    (record, figures, extra, reviewed)
                }
            };
            for warning in &reviewed.warnings {
                say!(
                    "touchpoint: {}",
                    tr!("cli-warning", warning = warning.as_str())
                );
            }
            let shown = crate::checklist::diag::one_line(&path.display().to_string());
            if let Some(first) = seen.get(&record.header.id) {
                say!(
                    "touchpoint: {}",
                    tr!(
                        "cli-warning",
                        warning = tr!(
                            "cli-visit-counted-once",
                            path = shown.as_str(),
                            id = record.header.id.as_str(),
                            first = crate::checklist::diag::one_line(&first.display().to_string())
                        )
                    )
                );
                continue;
            }
            seen.insert(record.header.id.clone(), path.clone());
            if !reading.filter.sites.is_empty() {
                tally.sites.push(record.header.site.clone());
            }
            if let Some(why) = reviewed.disagreement {
                say!(
                    "touchpoint: {}",
                    tr!("cli-warning", warning = format!("{shown}: {why}"))
                );
            }
            take((&record, figures), extra)?;
        }
        Ok(())
    };
    // A pipeline: the pool parses the next batch while this thread takes
    // the one before it, in order (`take` may hold a writer that is not Send).
    let mut current: Option<(&[PathBuf], Vec<Read<X>>)> = None;
    let mut batches = batches(files).into_iter();
    loop {
        let batch = batches.next();
        let mut next = None;
        let mut taken = Ok(());
        // A batch of huge records is not read while the one before it is
        // still held: one of them in memory at a time, not two.
        if batch.is_some_and(|(_, bytes)| bytes > BATCH_BYTES / 2)
            && let Some((paths, read)) = current.take()
        {
            take_batch(paths, read)?;
        }
        let batch = batch.map(|(paths, _)| paths);
        rayon::in_place_scope(|scope| {
            if let Some(batch) = batch {
                scope.spawn(|_| next = Some(read_batch(batch)));
            }
            if let Some((paths, read)) = current.take() {
                taken = take_batch(paths, read);
            }
        });
        taken?;
        match (batch, next) {
            (Some(batch), Some(read)) => current = Some((batch, read)),
            _ => break,
        }
    }
    Ok(tally)
}

/// One record file, refused by size before it is read, with the changes of
/// a journal beside it applied (a draft being written): what `report` reads.
pub fn read_record_file(path: &Path) -> Result<RecordFile, Diagnostic> {
    let shown = path.display().to_string();
    let size = std::fs::metadata(path)
        .map_err(|e| Diagnostic::file(&shown, checklist::io_reason(&e)))?
        .len();
    if size > record::MAX_RECORD_BYTES as u64 {
        return Err(Diagnostic::file(
            &shown,
            tr!("cli-record-too-large", size = size),
        ));
    }
    session::read_record(path)
}

/// The record files named: files as given (a link named on the command line
/// is followed), folders searched recursively for `.toml` files (hidden ones
/// and the data folder's `trash` left out), in path order; a problem for each
/// path that cannot be read.
///
/// A symbolic link found inside a folder is never followed, wherever it
/// points: in a shared folder another user could plant one to an auditor's
/// private records. Each such link that looks like a record or a folder is
/// named as skipped (so `report` exits 1, after the report of the others).
pub fn find_records(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        let shown = path.display().to_string();
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => walk(path, &mut files, &mut problems),
            Ok(_) => files.push(path.clone()),
            Err(e) => problems.push(Diagnostic::file(&shown, checklist::io_reason(&e))),
        }
    }
    (files, problems)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, problems: &mut Vec<Diagnostic>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            let shown = dir.display().to_string();
            problems.push(Diagnostic::file(&shown, checklist::io_reason(&e)));
            return;
        }
    };
    // file_type does not follow symbolic links: a link is seen as a link.
    let mut found: Vec<(PathBuf, std::fs::FileType)> = entries
        .filter_map(Result::ok)
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(|e| Some((e.path(), e.file_type().ok()?)))
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, kind) in found {
        // A review file beside a record (`<id>.review.toml`) is not a record.
        let toml = path.extension().is_some_and(|x| x == "toml")
            && !crate::review::disk::is_review_file(&path);
        if kind.is_symlink() {
            // Named without reading through it: where it points is not
            // looked at beyond whether it is a folder.
            if toml || std::fs::metadata(&path).is_ok_and(|m| m.is_dir()) {
                let shown = crate::checklist::diag::one_line(&path.display().to_string());
                problems.push(Diagnostic::file(&shown, tr!("cli-link-not-followed")));
            }
        } else if kind.is_dir() {
            // Deleted visits stay deleted: a data folder's trash is not reported.
            if path.file_name().is_some_and(|n| n == "trash") && dir.join("visits").is_dir() {
                continue;
            }
            walk(&path, files, problems);
        } else if toml {
            files.push(path);
        }
    }
}

/// `touchpoint validate PATH…`: every file named or found in a folder.
pub fn validate(paths: &[PathBuf], out: &mut dyn Write) -> Result<(), Failure> {
    let mut problems: Vec<Diagnostic> = Vec::new();
    let mut files = Vec::new();
    let mut bad = 0;
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let message = match crate::store::checklists::files_in(path) {
            Ok(found) if !found.is_empty() => {
                files.extend(found);
                continue;
            }
            Ok(_) => tr!("cli-folder-no-toml"),
            Err(e) => tr!("cli-cannot-read-folder", reason = checklist::io_reason(&e)),
        };
        let problem = Diagnostic::file(&path.display().to_string(), message);
        say!("{problem}");
        problems.push(problem);
        bad += 1;
    }
    let total = files.len() + bad;
    for file in &files {
        let shown = file.display().to_string();
        let read = crate::store::checklists::read_bytes(file)
            .map_err(|message| vec![Diagnostic::file(&shown, message)])
            .and_then(|bytes| {
                let loaded = checklist::from_bytes(&shown, &bytes, Source::Path(file.clone()))?;
                Ok((loaded, checklist::warnings(&shown, &bytes)))
            });
        match read {
            Ok((loaded, warnings)) => {
                for warning in &warnings {
                    say!("{warning}");
                }
                let c = &loaded.checklist;
                let _ = writeln!(
                    out,
                    "{}",
                    tr!(
                        "cli-validate-ok",
                        path = checklist::diag::inert(&file.display().to_string()),
                        id = c.checklist.id.as_str(),
                        touchpoint = touchpoint_shown(&c.checklist.touchpoint),
                        count = c.item_count()
                    )
                );
            }
            Err(errors) => {
                bad += 1;
                let _ = out.flush();
                for problem in &errors {
                    say!("{problem}");
                }
                problems.extend(errors);
            }
        }
    }
    let _ = out.flush();
    if problems.is_empty() {
        let _ = writeln!(out, "{}", tr!("cli-validate-all-valid", count = total));
        Ok(())
    } else {
        let count = problems.len();
        say!(
            "{}",
            tr!(
                "cli-validate-summary",
                problems = count,
                bad = bad,
                total = total
            )
        );
        Err(Failure::Reported)
    }
}

/// `touchpoint checklists`: what `touchpoint new` can open.
pub fn checklists(as_json: bool, out: &mut dyn Write) -> Result<(), Failure> {
    let config = Config::load()?;
    let (found, problems) = config::available(&config);
    if as_json {
        json::checklists(&found, out)?;
        for problem in &problems {
            say!(
                "{}",
                tr!("cli-checklists-skipped", problem = problem.to_string())
            );
        }
        return Ok(());
    }
    let heading = [
        tr!("cli-checklists-id"),
        tr!("cli-checklists-touchpoint"),
        tr!("cli-checklists-items"),
        // Titles stand two spaces from the counts, as they always have.
        format!(
            " {}",
            tui::theme::truncate(&tr!("cli-checklists-title"), 28)
        ),
        tr!("cli-checklists-source"),
    ];
    let rows: Vec<[String; 5]> = found.iter().map(checklist_row).collect();
    let columns = [
        (24, Align::Left),
        (12, Align::Left),
        (5, Align::Right),
        (29, Align::Left),
        (0, Align::Last),
    ];
    out.write_all(table(&heading, &rows, &columns).as_bytes())
        .map_err(|e| io_failure(&tr!("cli-cannot-write-list"), &e))?;
    for problem in &problems {
        say!(
            "{}",
            tr!("cli-checklists-skipped", problem = problem.to_string())
        );
    }
    Ok(())
}

/// Where a checklist comes from, as lists show it: `bundled:ID`, `user: PATH` or the path.
fn source_label(source: &Source) -> String {
    match source {
        Source::User(path) => format!("user: {}", path.display()),
        other => other.to_string(),
    }
}

/// A checklist's touchpoint as the lists name it: English has always
/// shown the id (`check-in`); other languages give its name («Заселение»),
/// as the screens do, rather than an English word.
fn touchpoint_shown(id: &str) -> String {
    if crate::i18n::lang() == Lang::En {
        id.to_owned()
    } else {
        crate::i18n::touchpoint_name(id)
    }
}

/// A checklist as `touchpoint checklists` lists it.
fn checklist_row(loaded: &Loaded) -> [String; 5] {
    let c = &loaded.checklist.checklist;
    // The home screen reads `source_label`'s English prefixes; this list
    // says them in the interface language.
    let source = match &loaded.source {
        Source::Bundled(id) => tr!("cli-source-bundled", id = id),
        Source::User(path) => tr!("cli-source-user", path = path.display().to_string()),
        Source::Path(path) => path.display().to_string(),
    };
    [
        c.id.clone(),
        touchpoint_shown(&c.touchpoint),
        loaded.checklist.item_count().to_string(),
        format!(
            " {}",
            tui::theme::truncate(&tui::theme::inert(&c.title), 28)
        ),
        tui::theme::inert(&source),
    ]
}

/// `touchpoint schema checklist|record`.
pub fn schema(kind: SchemaKind, out: &mut dyn Write) -> Result<(), Failure> {
    let schema = match kind {
        SchemaKind::Checklist => serde_json::to_value(schemars::schema_for!(checklist::Checklist))
            .map_err(|e| Failure::Message(format!("{}: {e}", tr!("cli-cannot-write-schema"))))?,
        SchemaKind::Record => record::schema_json(),
    };
    let text = serde_json::to_string_pretty(&schema)
        .map_err(|e| Failure::Message(format!("{}: {e}", tr!("cli-cannot-write-schema"))))?;
    writeln!(out, "{text}").map_err(|e| io_failure(&tr!("cli-cannot-write-schema"), &e))
}

/// What changed since the site's earlier final visit of the same journey in
/// the data folder, if there is one (for the debrief).
fn since_last_visit(store: &Store, visit: &Visit) -> Option<report::compare::Comparison> {
    let current = record::parse(&visit.header.id, &record::to_toml(visit)).ok()?;
    let files = store.visit_files().ok()?;
    let others = files.iter().filter_map(|p| read_record_file(p).ok());
    let earlier = report::compare::earlier_visit(&current, others)?;
    Some(report::compare::compare(&earlier, &current))
}

/// A visit for `compare`: a record file when `arg` names one, else the data
/// folder's visit with that id.
fn record_for_compare(
    data_dir: Option<&Path>,
    arg: &str,
) -> Result<(RecordFile, Option<crate::review::State>), Failure> {
    let given = Path::new(arg);
    let (path, store) = if given.is_file() {
        (given.to_path_buf(), None)
    } else {
        let store = open_store(data_dir)?;
        (store.path(arg)?, Some(store))
    };
    let mut record = read_record_file(&path).map_err(|problem| report_all(&[problem]))?;
    if record.header.status != Status::Final {
        return Ok((record, None));
    }
    // The editor's corrected answers are the ones compared.
    let (found, warnings) = match &store {
        Some(store) => review::review_of(store, Config::load().ok().as_ref(), arg),
        None => crate::review::disk::beside(&path, &record.header.id),
    };
    for w in warnings {
        say!("touchpoint: {}", tr!("cli-warning", warning = w));
    }
    let state = found.map(|f| f.state).unwrap_or_default();
    crate::review::apply(&mut record, &state);
    Ok((record, Some(state)))
}

/// `touchpoint compare A B`: two visits item by item.
pub fn compare(
    data_dir: Option<&Path>,
    a: &str,
    b: &str,
    format: crate::cli::CompareFormat,
) -> Result<(), Failure> {
    use crate::cli::CompareFormat;
    use crate::report::compare;
    let ((a, review_a), (b, review_b)) = (
        record_for_compare(data_dir, a)?,
        record_for_compare(data_dir, b)?,
    );
    let c = compare::compare(&a, &b);
    let status = |r: &Option<crate::review::State>| r.as_ref().map(|s| s.status.as_str());
    // A corrected answer is marked where people read it: "No (yes → no)".
    let mut marked = c.clone();
    for list in [
        &mut marked.regressed,
        &mut marked.still_missed,
        &mut marked.fixed,
        &mut marked.new,
    ] {
        for ch in list.iter_mut() {
            let key = format!("{}/{}", ch.checklist, ch.item);
            for (side, review) in [(&mut ch.a, &review_a), (&mut ch.b, &review_b)] {
                if let Some(corr) = review.as_ref().and_then(|r| r.correction(&key)) {
                    let now = side.take().unwrap_or_else(|| "—".to_owned());
                    *side = Some(format!("{now} ({})", corr.arrow()));
                }
            }
        }
    }
    let shown = |r: &Option<crate::review::State>| {
        r.as_ref()
            .map_or_else(|| tr!("cli-status-draft"), crate::review::State::shown)
    };
    let review_line = tr!(
        "review-compare-line",
        a = shown(&review_a),
        b = shown(&review_b)
    );
    if c.other_site() {
        say!(
            "touchpoint: {}",
            tr!(
                "cli-warning",
                warning = tr!(
                    "compare-other-site",
                    a = crate::checklist::diag::one_line(&c.a.site),
                    b = crate::checklist::diag::one_line(&c.b.site)
                )
            )
        );
    }
    to_stdout(|out| match format {
        CompareFormat::Table => {
            compare::write_table(&marked, out)?;
            writeln!(out, "{review_line}")
        }
        CompareFormat::Md => {
            compare::write_markdown(&marked, out)?;
            writeln!(out, "\n{}", crate::record::md::inline(&review_line))
        }
        CompareFormat::Json => {
            let mut value = compare::value(&c);
            for (side, review) in [("a", &review_a), ("b", &review_b)] {
                if let Some(side) = value.get_mut(side).and_then(|v| v.as_object_mut()) {
                    side.insert("review_status".into(), serde_json::json!(status(review)));
                }
            }
            serde_json::to_writer_pretty(&mut *out, &value)?;
            out.write_all(b"\n")
        }
        CompareFormat::Html => compare::write_html(&marked, Some(&review_line), out),
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::with_lang;

    #[test]
    fn times_ago_take_russian_plurals() {
        let minutes: Vec<String> = [1, 2, 5, 11, 21, 22]
            .into_iter()
            .map(|n| with_lang(Lang::Ru, || ago_text(n * 60)))
            .collect();
        assert_eq!(
            minutes,
            [
                "1 минуту назад",
                "2 минуты назад",
                "5 минут назад",
                "11 минут назад",
                "21 минуту назад",
                "22 минуты назад",
            ]
        );
        assert_eq!(with_lang(Lang::Ru, || ago_text(5)), "только что");
        assert_eq!(with_lang(Lang::Ru, || ago_text(3 * 3600)), "3 часа назад");
        assert_eq!(
            with_lang(Lang::Ru, || ago_text(11 * 86_400)),
            "11 дней назад"
        );
        assert_eq!(with_lang(Lang::En, || ago_text(180)), "3 minutes ago");
        assert_eq!(with_lang(Lang::En, || ago_text(60)), "1 minute ago");
    }

    #[test]
    fn the_validate_summary_counts_in_russian() {
        let summary = |problems: usize, total: usize| {
            with_lang(Lang::Ru, || {
                tr!(
                    "cli-validate-summary",
                    problems = problems,
                    bad = 1usize,
                    total = total
                )
            })
        };
        let lines: Vec<String> = [1, 2, 5, 11, 21, 22]
            .into_iter()
            .map(|n| summary(n, n))
            .collect();
        assert_eq!(
            lines,
            [
                "1 ошибка в 1 из 1 файла",
                "2 ошибки в 1 из 2 файлов",
                "5 ошибок в 1 из 5 файлов",
                "11 ошибок в 1 из 11 файлов",
                "21 ошибка в 1 из 21 файла",
                "22 ошибки в 1 из 22 файлов",
            ]
        );
        let english = with_lang(Lang::En, || {
            tr!(
                "cli-validate-summary",
                problems = 24usize,
                bad = 1usize,
                total = 1usize
            )
        });
        assert_eq!(english, "24 problems in 1 of 1 file");
    }

    #[test]
    fn a_table_lines_up_by_display_width() {
        let heading = ["ВИЗИТ".to_owned(), "ОЦЕНКА".to_owned()];
        let rows = [["東京".to_owned(), "60.0%".to_owned()]];
        let text = table(&heading, &rows, &[(0, Align::Left), (7, Align::Right)]);
        assert_eq!(text, "ВИЗИТ  ОЦЕНКА\n東京    60.0%\n");
    }
}
