//! Fault injection over a visit's whole life (issue 17; SQLite's test VFS
//! is the model). The life is scripted in-process through the visit
//! screen's state (`tui::app::App`) and its session, as `commands::open`
//! wires them: new → answers → a note → an attached file → a pause →
//! leave → resume → an answer → finalize (copied to `export_folder`) →
//! leave → export → delete → restore.
//!
//! A first run counts the file operations of that life (open, create
//! folder, write, fsync, rename, link, remove, lock: `touchpoint::fault`).
//! Then, for each operation in turn and each of ENOSPC, EIO and EACCES,
//! the same life runs with that one operation failing. After every step
//! the promise is checked: either the visit on screen equals the visit a
//! reader (and so `resume`) gets from disk, or the failure is on screen
//! (the screen's save error; for a command, its error message, after which
//! the auditor runs it again). At the end, with the disk well again, the
//! visit on disk is the last one on screen: no visit lost.
//!
//! The plan is per thread: the checks read the disk on another thread, so
//! they are neither counted nor failed.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use touchpoint::fault::{self, Op};
use touchpoint::session::{self, Export, Session};
use touchpoint::store::{self, Store};
use touchpoint::trash::TrashError;
use touchpoint::tui::action::Action;
use touchpoint::tui::app::App;
use touchpoint::tui::theme::Theme;
use touchpoint::visit::Visit;

/// A fresh folder, in memory when the system has one (fsync is free
/// there, which keeps ~1,000 lives within seconds), removed on drop.
struct Folder(PathBuf);

impl Folder {
    fn new(tag: &str) -> Folder {
        static SEQ: AtomicU64 = AtomicU64::new(0);
        let base = if Path::new("/dev/shm").is_dir() {
            PathBuf::from("/dev/shm")
        } else {
            std::env::temp_dir()
        };
        let path = base.join(format!(
            "touchpoint-faults-{tag}-{}-{}",
            std::process::id(),
            SEQ.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        Folder(path)
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// What one life came to.
#[derive(Default, Debug)]
struct Outcome {
    /// Broken promises: a step after which the screen showed no failure
    /// and disk and screen differ, or a visit lost.
    broken: Vec<String>,
    /// Whether a failure was on screen (or a command failed) at some step.
    shown: bool,
    /// The kind of operation failed.
    fired: Option<Op>,
    /// Every operation, in order (for the counting run).
    seen: Vec<Op>,
    /// A delete or restore reported failed whose move was done (only the
    /// last folder flush failed): run again, it finds nothing to move.
    stuck: Vec<String>,
}

/// The visit as every reader gets it from disk (the record with its
/// journal), read on another thread so the plan neither counts nor fails it.
fn on_disk(store: &Store, id: &str) -> Result<String, String> {
    std::thread::scope(|s| {
        s.spawn(|| {
            session::read_visit(store, id)
                .map(|c| String::from_utf8_lossy(&c.bytes).into_owned())
                .map_err(|d| d.to_string())
        })
        .join()
        .unwrap()
    })
}

fn on_screen(visit: &Visit) -> String {
    touchpoint::record::try_to_toml(visit).unwrap()
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn enter() -> KeyEvent {
    KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)
}

/// A command that fails prints its error and changes nothing; the auditor
/// runs it again (the fault was one operation: the disk is well again).
fn twice<T, E: std::fmt::Display>(
    out: &mut Outcome,
    step: &str,
    mut run: impl FnMut() -> Result<T, E>,
) -> Option<T> {
    match run() {
        Ok(t) => Some(t),
        Err(_) => {
            out.shown = true;
            match run() {
                Ok(t) => Some(t),
                Err(e) => {
                    out.broken.push(format!("{step}: failed again: {e}"));
                    None
                }
            }
        }
    }
}

/// The promise after a step of the visit screen.
fn check(out: &mut Outcome, step: &str, store: &Store, app: &App) {
    if app.save_error.is_some() {
        out.shown = true;
        return;
    }
    let id = &app.visit.header.id;
    match on_disk(store, id) {
        Ok(disk) if disk == on_screen(&app.visit) => {}
        Ok(_) => out.broken.push(format!(
            "{step}: no failure on screen, and the disk differs"
        )),
        Err(e) => out.broken.push(format!(
            "{step}: no failure on screen, and the visit reads: {e}"
        )),
    }
}

/// A screen over `visit` saving through `session`, as `commands::open` wires it.
fn screen(visit: Visit, session: Session, root: &Path) -> App {
    let session = std::rc::Rc::new(std::cell::RefCell::new(session));
    let saving = std::rc::Rc::clone(&session);
    let pausing = std::rc::Rc::clone(&session);
    let mut app = App::new(
        visit,
        Box::new(move |v: &mut Visit| saving.borrow_mut().save(v)),
        Box::new(touchpoint::clock::now),
        Theme::new(false),
    );
    app.set_pauser(Box::new(move |v: &mut Visit| pausing.borrow_mut().pause(v)));
    let root = root.to_path_buf();
    app.set_attacher(Box::new(move |id: &str, typed: &str| {
        touchpoint::evidence::attach(&root, id, typed).map_err(|e| e.to_string())
    }));
    // Leaving goes through the session, held here by the two closures
    // (see `leave`).
    LEAVING.with(|l| *l.borrow_mut() = Some(session));
    app
}

thread_local! {
    static LEAVING: std::cell::RefCell<Option<std::rc::Rc<std::cell::RefCell<Session>>>> =
        const { std::cell::RefCell::new(None) };
}

/// Leaves as `commands::open` does: one more try of a failed save, then
/// close (fold the journal in, remove it, release the lock). A failure is
/// printed (`cli-not-saved`); the screen is gone, the session dropped.
fn leave(out: &mut Outcome, step: &str, store: &Store, mut app: App) -> String {
    app.act(Action::Quit);
    if !app.quit {
        // Asked first: leaving with a failed save. The auditor says yes.
        out.shown = true;
        app.handle_key(key('y'));
    }
    let session = LEAVING.with(|l| l.borrow_mut().take()).unwrap();
    let closed = session.borrow_mut().close(&mut app.visit);
    if closed.is_err() || app.save_error.is_some() {
        out.shown = true;
    } else {
        check(out, step, store, &app);
    }
    let last = on_screen(&app.visit);
    drop(app);
    drop(session);
    last
}

/// One life of a visit, with the fault `fail` (operation index, errno);
/// `torn`: a failed journal append writes half its line first.
fn life(fail: Option<(usize, i32)>, torn: bool) -> Outcome {
    let folder = Folder::new("life");
    let root = folder.0.join("data");
    let export_folder = folder.0.join("exports");
    let photo = folder.0.join("receipt.jpg");
    std::fs::write(&photo, b"a receipt").unwrap();
    let export = Some(Export {
        folder: export_folder.clone(),
        mode: 0o600,
    });
    let mut out = Outcome::default();
    let armed = if torn {
        fault::arm_torn(fail)
    } else {
        fault::arm(fail)
    };

    // new: the store opened, the first frame drawn, the first save.
    let Some(store) = twice(&mut out, "open the data folder", || {
        Store::open_untidied(&root)
    }) else {
        return out;
    };
    let checklist = touchpoint::checklist::bundled_by_id("hotel-check-in")
        .unwrap()
        .unwrap();
    let now = touchpoint::clock::now();
    let visit = Visit::new("Hotel Metropol", "anna", vec![checklist], &now, "fa17");
    let id = visit.header.id.clone();
    let mut session = Session::create(&store, &visit, export.clone()).unwrap();
    session.tidy_after_first_save();
    let mut app = screen(visit, session, &root);
    app.first_frame_drawn();
    check(&mut out, "first save", &store, &app);

    // Answers, whatever each item's kind takes.
    for n in 0..4 {
        app.act(Action::Yes);
        app.act(Action::Choose(1));
        check(&mut out, &format!("answer {n}"), &store, &app);
        app.act(Action::Next);
    }
    // A note, typed and kept.
    app.act(Action::EditNote);
    for c in "Late".chars() {
        app.handle_key(key(c));
    }
    app.handle_key(enter());
    check(&mut out, "note", &store, &app);
    // A photo attached.
    app.act(Action::Attach);
    for c in photo.display().to_string().chars() {
        app.handle_key(key(c));
    }
    app.handle_key(enter());
    check(&mut out, "attach", &store, &app);
    // A pause: the journal folded into the record.
    app.pause();
    check(&mut out, "pause", &store, &app);
    let left = leave(&mut out, "leave", &store, app);

    // resume: the visit as it was left.
    let Some(opened) = twice(&mut out, "resume", || {
        Session::resume(&store, &id, export.clone())
    }) else {
        return out;
    };
    if !out.shown && on_screen(&opened.visit) != left {
        out.broken
            .push("resume: the visit differs from the one left".into());
    }
    let mut app = screen(opened.visit, opened.session, &root);
    app.first_frame_drawn();
    check(&mut out, "resumed", &store, &app);
    app.act(Action::Next);
    app.act(Action::Yes);
    app.act(Action::Choose(2));
    check(&mut out, "answer after resume", &store, &app);
    // finalize, confirming past the unanswered items.
    app.act(Action::Finalize);
    app.handle_key(key('y'));
    app.handle_key(key('Y'));
    if !app.visit.is_final() {
        out.broken.push("finalize: the visit is not final".into());
    }
    check(&mut out, "finalize", &store, &app);
    let last = leave(&mut out, "leave final", &store, app);

    // export: the record as a reader has it, written beside it.
    let exported = folder.0.join("out.toml");
    twice(&mut out, "export", || {
        let current = session::read_visit(&store, &id).map_err(|d| d.to_string())?;
        store::write_export(&exported, &current.bytes, 0o600).map_err(|e| e.to_string())
    });
    // delete and restore: the trash's moves (hard link, unlink).
    // Run again after a failure: it must work, or find the move done (the
    // failure was the last folder flush); never a visit under both names.
    for (step, again) in [
        (
            "delete",
            &(|| store.trash(&id)) as &dyn Fn() -> Result<PathBuf, TrashError>,
        ),
        ("restore", &|| store.restore(&id)),
    ] {
        if again().is_err() {
            out.shown = true;
            match again() {
                Ok(_) => {}
                Err(e @ (TrashError::NoVisit(_) | TrashError::NotInTrash(_))) => {
                    out.stuck.push(format!("{step}: moved, then: {e}"));
                }
                Err(e) => out.broken.push(format!("{step}: failed again: {e}")),
            }
        }
    }
    out.fired = armed.fired();
    out.seen = armed.seen();
    drop(armed);

    // The disk well again: nothing lost, whatever failed on the way.
    let in_trash = std::fs::read_to_string(store.trash_dir().join(format!("{id}.toml")));
    match on_disk(&store, &id) {
        Ok(disk) if disk == last => {}
        Ok(_) => out
            .broken
            .push("the end: the visit on disk is not the last one on screen".into()),
        // Left in the trash by a restore that failed twice: whole there.
        Err(_) if !out.stuck.is_empty() && in_trash.as_deref().ok() == Some(last.as_str()) => {}
        Err(e) => out.broken.push(format!("the end: the visit is lost: {e}")),
    }
    match std::fs::read(&exported) {
        Ok(bytes) if bytes == last.as_bytes() => {}
        _ => out
            .broken
            .push("the end: the export is not the visit".into()),
    }
    out
}

#[test]
fn every_file_operation_of_a_visits_life_fails_in_turn_and_no_visit_is_lost() {
    let clean = life(None, false);
    assert!(
        clean.broken.is_empty() && clean.stuck.is_empty() && !clean.shown,
        "the life without faults: {clean:?}"
    );
    let ops = clean.seen.len();
    assert!(ops > 50, "only {ops} operations counted: {:?}", clean.seen);
    let mut kinds: Vec<Op> = clean.seen.clone();
    kinds.sort();
    kinds.dedup();
    for kind in [
        Op::Open,
        Op::CreateDir,
        Op::Write,
        Op::Sync,
        Op::Rename,
        Op::Link,
        Op::Remove,
        Op::Lock,
    ] {
        assert!(kinds.contains(&kind), "no {kind:?} in the life: {kinds:?}");
    }
    // The three errnos at every operation; and a disk filling up part-way
    // through a write (half the bytes written, then ENOSPC) at every write.
    let errnos = [
        (libc::ENOSPC, false),
        (libc::EIO, false),
        (libc::EACCES, false),
        (libc::ENOSPC, true),
    ];
    let mut injected = 0;
    let mut broken = Vec::new();
    let mut stuck = Vec::new();
    for at in 0..ops {
        for (errno, torn) in errnos {
            if torn && clean.seen[at] != Op::Write {
                continue;
            }
            let out = life(Some((at, errno)), torn);
            assert_eq!(
                out.fired,
                Some(clean.seen[at]),
                "operation {at} ({:?}) was not reached with errno {errno}",
                clean.seen[at]
            );
            injected += 1;
            for b in out.stuck {
                stuck.push(format!(
                    "op {at} {:?} errno {errno}{}: {b}",
                    clean.seen[at],
                    if torn { " torn" } else { "" }
                ));
            }
            for b in out.broken {
                broken.push(format!(
                    "op {at} {:?} errno {errno}{}: {b}",
                    clean.seen[at],
                    if torn { " torn" } else { "" }
                ));
            }
        }
    }
    let mut by_kind = std::collections::BTreeMap::new();
    for op in &clean.seen {
        *by_kind.entry(format!("{op:?}")).or_insert(0) += 1;
    }
    eprintln!(
        "{ops} operations {by_kind:?}; {injected} faults injected; {} broken; \
         {} moves done though reported failed (the last folder flush):\n{}",
        broken.len(),
        stuck.len(),
        stuck.join("\n")
    );
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}
