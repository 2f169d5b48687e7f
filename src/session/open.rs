//! Opening a visit on the auditor's screen: a new visit created and locked
//! before its first frame, a saved one locked and reread, then the visit
//! screen run over its session (each change saved as it is made, the journal
//! folded into the record when the auditor leaves). `touchpoint new`,
//! `resume` and the home screen's choices end here.

use std::cell::RefCell;
use std::io::Write as _;
use std::rc::Rc;

use super::{Export, Opened, Session, SessionError};
use crate::checklist::{self, Loaded};
use crate::config::Config;
use crate::store::{Store, StoreError};
use crate::tr;
use crate::tui::{self, Ending, Signals, app::App, theme::Theme};
use crate::visit::Visit;

/// Why the visit screen ended in failure.
#[derive(Debug)]
pub(crate) enum OpenError {
    /// Nothing more to say: the terminal is gone.
    Reported,
    /// One message for stderr.
    Message(String),
}

impl From<StoreError> for OpenError {
    fn from(e: StoreError) -> Self {
        OpenError::Message(e.to_string())
    }
}

/// `what` (in the interface language) and why it failed.
fn io_failure(what: &str, e: &std::io::Error) -> OpenError {
    OpenError::Message(format!("{what}: {}", checklist::io_reason(e)))
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

/// A new visit at `site` by `auditor` over `loaded`, started now: locked,
/// written and its checklists kept right after the first frame, before any
/// key (the data folder is tidied then too, by the first save).
pub(crate) fn start(
    store: &Store,
    site: &str,
    auditor: &str,
    loaded: Vec<Loaded>,
    export: Option<Export>,
) -> Result<(Visit, Session), SessionError> {
    let now = crate::clock::now();
    let visit = Visit::new(site, auditor, loaded, &now, &random_suffix());
    let mut session = Session::create(store, &visit, export)?;
    session.tidy_after_first_save();
    Ok((visit, session))
}

/// A visit reopened ([`Session::resume`] locked and read it): its
/// checklists kept (a draft's), and what the screen says first — when it
/// was saved, and any note of its reading.
pub(crate) fn resumed(store: &Store, opened: Opened) -> (Visit, Session, String) {
    let visit = opened.visit;
    let final_visit = visit.is_final();
    if !final_visit {
        // Visits begun before copies were kept get theirs now; best effort,
        // since a disk too full for a copy must not keep a draft closed.
        let _ = keep_checklists(store, &visit.checklists);
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
    (visit, opened.session, message)
}

/// "just now", "3 minutes ago", "2 hours ago", "4 days ago".
pub(crate) fn ago_text(seconds: i64) -> String {
    match seconds {
        s if s < 60 => tr!("cli-just-now"),
        s if s < 3600 => tr!("cli-minutes-ago", count = s / 60),
        s if s < 86_400 => tr!("cli-hours-ago", count = s / 3600),
        s => tr!("cli-days-ago", count = s / 86_400),
    }
}

/// Keeps a copy of each checklist of a visit in the data folder, so that the
/// visit resumes even if the file it came from moves or changes.
fn keep_checklists(store: &Store, checklists: &[Loaded]) -> Result<(), StoreError> {
    for loaded in checklists {
        if let Some(bytes) = crate::store::checklists::source_bytes(loaded) {
            store.keep_checklist(&bytes)?;
        }
    }
    Ok(())
}

/// Where and how a finalized record is copied, from the configuration.
pub(crate) fn export_of(config: &Config) -> Option<Export> {
    config.export_folder().map(|folder| Export {
        folder,
        mode: config.export_mode(),
    })
}

/// Runs the visit screen over `session`: each change saved as it is made,
/// the journal folded into the record when the auditor pauses and leaves.
///
/// `message` is the first line the screen shows; `returned`, a visit the
/// editor returned, opens on the editor's questions; `sign_finalized` signs
/// a visit finalized in this session, once its record is on disk, and gives
/// what to tell.
pub(crate) fn run(
    store: &Store,
    visit: Visit,
    session: Session,
    message: Option<String>,
    returned: Option<tui::app::Returned>,
    sign_finalized: fn(&Store, &str) -> Option<String>,
) -> Result<(), OpenError> {
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
    if let Some(returned) = returned {
        app.set_returned(returned);
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
        return Err(OpenError::Message(tr!(
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
        return Err(OpenError::Reported);
    }
    // Never a panic: after a hang-up stderr may be a terminal that is gone.
    let mut stderr = std::io::stderr();
    if ending == Ending::Left {
        let _ = writeln!(
            stderr,
            "{}",
            tr!(
                "cli-visit-saved",
                id = id.as_str(),
                path = path.display().to_string()
            )
        );
    }
    if let Some(told) = signing {
        let _ = writeln!(stderr, "touchpoint: {told}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::ago_text;
    use crate::i18n::with_lang;
    use crate::locale::Lang;

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
}
