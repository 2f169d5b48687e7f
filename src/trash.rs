//! The trash: `touchpoint delete` moves a visit into `trash/` in the data
//! folder, and `restore` brings it back. Nothing is ever erased here; the
//! user empties the folder when they choose.
//!
//! Kept apart from `store.rs` on purpose: it uses the store's folder rules
//! (private folders, flushed entries) through its crate-visible helpers.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::store::walk;
use crate::store::{Store, StoreError, private_dir, sync_dir, valid_id};
use crate::tr;

/// Why moving a visit in or out of the trash failed. `Display` is written
/// by hand: the messages are in the interface language.
#[derive(Debug, thiserror::Error)]
pub enum TrashError {
    /// The store refused (a bad id, a lock held elsewhere, a folder problem).
    Store(#[from] StoreError),
    /// No visit with this id to delete.
    NoVisit(String),
    /// No visit with this id in the trash.
    NotInTrash(String),
    /// The place it would move to is taken.
    Taken(PathBuf),
    /// The file system refused.
    Io {
        /// What was being done.
        action: String,
        /// Why it failed, in plain words.
        reason: String,
    },
}

impl std::fmt::Display for TrashError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            TrashError::Store(e) => return e.fmt(f),
            TrashError::NoVisit(id) => tr!("trash-no-visit", id = id),
            TrashError::NotInTrash(id) => tr!("trash-not-in-trash", id = id),
            TrashError::Taken(path) => tr!("trash-taken", path = path.display().to_string()),
            TrashError::Io { action, reason } => {
                tr!("store-io", action = action, reason = reason)
            }
        };
        f.write_str(&text)
    }
}

fn io_failure(action: String) -> impl Fn(io::Error) -> TrashError {
    move |e| TrashError::Io {
        action: action.clone(),
        reason: crate::checklist::io_reason(&e),
    }
}

impl Store {
    /// The trash folder, `trash/` in the data folder.
    pub fn trash_dir(&self) -> PathBuf {
        self.root().join("trash")
    }

    /// Moves visit `id` into the trash. Refused while another session has
    /// it open; never replaces a file already in the trash.
    pub fn trash(&self, id: &str) -> Result<PathBuf, TrashError> {
        let from = self.path(id)?;
        // Held until the move is done, so no session is saving it meanwhile.
        let lock = self.lock(id)?;
        if !from.is_file() {
            drop(lock);
            let _ = fs::remove_file(self.visits_dir().join(format!("{id}.lock")));
            return Err(TrashError::NoVisit(id.to_owned()));
        }
        let trash = self.trash_dir();
        private_dir(&trash, self.root())?;
        let to = trash.join(format!("{id}.toml"));
        // A journal (left by a crash) holds changes the record lacks: it
        // goes along, and `list --trash` and `restore` read it with the record.
        // So do its change log and signature (SPEC.md, "Signing and the change log").
        let companions: Vec<(PathBuf, PathBuf)> = companion_names(id)
            .into_iter()
            .map(|name| (self.visits_dir().join(&name), trash.join(name)))
            .collect();
        move_visit(
            (&from, &to),
            &companions,
            &tr!("trash-action-delete", id = id),
        )?;
        // The lock file goes too: it names a visit that is no longer here.
        let _ = fs::remove_file(lock.path());
        drop(lock);
        Ok(to)
    }

    /// Brings visit `id` back from the trash. Never replaces a visit.
    pub fn restore(&self, id: &str) -> Result<PathBuf, TrashError> {
        let to = self.path(id)?;
        let from = self.trash_dir().join(format!("{id}.toml"));
        if !from.is_file() {
            return Err(TrashError::NotInTrash(id.to_owned()));
        }
        let companions: Vec<(PathBuf, PathBuf)> = companion_names(id)
            .into_iter()
            .map(|name| (self.trash_dir().join(&name), self.visits_dir().join(name)))
            .collect();
        move_visit(
            (&from, &to),
            &companions,
            &tr!("trash-action-restore", id = id),
        )?;
        Ok(to)
    }

    /// The visit files in the trash, `trash/<id>.toml`, sorted by name.
    pub fn trash_files(&self) -> Result<Vec<PathBuf>, TrashError> {
        let trash = self.trash_dir();
        let entries = match walk::entries(&trash) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => {
                return Err(io_failure(tr!(
                    "trash-action-read",
                    path = trash.display().to_string()
                ))(e));
            }
        };
        let files: Vec<PathBuf> = entries
            .into_iter()
            .filter(|e| {
                e.name_str()
                    .and_then(|n| n.strip_suffix(".toml"))
                    .is_some_and(valid_id)
                    && e.path.is_file()
            })
            .map(|e| e.path)
            .collect();
        Ok(files)
    }
}

/// The files that go with visit `id`'s record: its journal, change log and
/// signature.
fn companion_names(id: &str) -> Vec<String> {
    vec![
        format!("{id}.journal"),
        format!("{id}.log"),
        format!("{id}.toml.sig"),
    ]
}

/// Moves a record and the files that go with it (`companions`, each
/// `(from, to)`; those missing are skipped), without replacing anything:
/// the companions' new names are made first (hard links, so the record
/// never appears without them) and flushed, then the record is moved, then
/// the companions' old names go. A crash leaves the visit whole under one
/// name or both; at worst companions without their record, which no reader
/// looks at and the next move of this visit replaces.
fn move_visit(
    record: (&Path, &Path),
    companions: &[(PathBuf, PathBuf)],
    action: &str,
) -> Result<(), TrashError> {
    let fail = io_failure(action.to_owned());
    if fs::symlink_metadata(record.1).is_ok() {
        return Err(TrashError::Taken(record.1.to_path_buf()));
    }
    let mut present = Vec::new();
    for (from, to) in companions {
        match fs::symlink_metadata(from) {
            Ok(meta) if meta.is_file() => present.push((from, to)),
            Ok(_) => {
                return Err(fail(io::Error::other(tr!(
                    "trash-journal-not-regular",
                    path = from.display().to_string()
                ))));
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(fail(e)),
        }
    }
    for (_, to) in companions {
        // One whose record is gone was left by a crash during a move.
        if fs::symlink_metadata(to).is_ok_and(|m| m.is_file()) {
            crate::fault::check(crate::fault::Op::Remove).map_err(&fail)?;
            fs::remove_file(to).map_err(&fail)?;
        }
    }
    for (from, to) in &present {
        crate::fault::check(crate::fault::Op::Link).map_err(&fail)?;
        fs::hard_link(from, to).map_err(&fail)?;
    }
    move_without_replacing(record.0, record.1, action)?;
    for (from, _) in &present {
        crate::fault::check(crate::fault::Op::Remove).map_err(&fail)?;
        fs::remove_file(from).map_err(&fail)?;
    }
    if let Some((from, _)) = present.first()
        && let Some(dir) = from.parent()
    {
        sync_dir(dir).map_err(&fail)?;
    }
    Ok(())
}

/// Moves `from` to `to` (both in the data folder, so one file system) unless
/// `to` exists: a hard link, which fails on an existing name, then the old
/// name removed; both folders flushed. A crash in between leaves the visit
/// under both names, never under none.
fn move_without_replacing(from: &Path, to: &Path, action: &str) -> Result<(), TrashError> {
    let fail = io_failure(action.to_owned());
    match crate::fault::check(crate::fault::Op::Link).and_then(|()| fs::hard_link(from, to)) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            return Err(TrashError::Taken(to.to_path_buf()));
        }
        Err(e) => return Err(fail(e)),
    }
    // Until the old name is gone, a failure takes the new one back: the
    // visit stays where it was, and running the command again works
    // (found by fault injection: it was left under both names, and the
    // next try refused, the new name being taken).
    let undo = |e: io::Error| {
        let _ = fs::remove_file(to);
        fail(e)
    };
    if let Some(dir) = to.parent() {
        sync_dir(dir).map_err(undo)?;
    }
    crate::fault::check(crate::fault::Op::Remove).map_err(undo)?;
    fs::remove_file(from).map_err(undo)?;
    if let Some(dir) = from.parent() {
        sync_dir(dir).map_err(&fail)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(name: &str) -> (Store, PathBuf) {
        let root =
            std::env::temp_dir().join(format!("touchpoint-trash-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        (Store::open(&root).expect("open store"), root)
    }

    #[test]
    fn a_deleted_visit_waits_in_the_trash_and_comes_back_whole() {
        let (store, root) = store("roundtrip");
        store.save("v-1", b"format = 1\n").unwrap();
        let trashed = store.trash("v-1").unwrap();
        assert_eq!(fs::read(&trashed).unwrap(), b"format = 1\n");
        assert!(!store.path("v-1").unwrap().exists());
        assert_eq!(store.trash_files().unwrap(), std::slice::from_ref(&trashed));
        let mode = crate::os::mode(&fs::metadata(store.trash_dir()).unwrap());
        assert_eq!(mode & 0o777, 0o700, "the trash is as private as the visits");
        store.restore("v-1").unwrap();
        assert_eq!(
            fs::read(store.path("v-1").unwrap()).unwrap(),
            b"format = 1\n"
        );
        assert!(store.trash_files().unwrap().is_empty());
        let _ = fs::remove_dir_all(root);
    }

    #[test]
    fn nothing_is_replaced_and_unknown_ids_are_named() {
        let (store, root) = store("refusals");
        store.save("v-2", b"old\n").unwrap();
        store.trash("v-2").unwrap();
        store.save("v-2", b"new\n").unwrap();
        assert!(matches!(store.restore("v-2"), Err(TrashError::Taken(_))));
        assert!(matches!(store.trash("v-2"), Err(TrashError::Taken(_))));
        assert_eq!(fs::read(store.path("v-2").unwrap()).unwrap(), b"new\n");
        assert!(matches!(store.trash("nope"), Err(TrashError::NoVisit(_))));
        assert!(matches!(
            store.restore("nope"),
            Err(TrashError::NotInTrash(_))
        ));
        assert!(matches!(
            store.trash("../x"),
            Err(TrashError::Store(StoreError::BadId { .. }))
        ));
        let _ = fs::remove_dir_all(root);
    }

    #[test]
    fn a_visit_open_in_another_session_is_not_deleted() {
        let (store, root) = store("locked");
        store.save("v-3", b"x\n").unwrap();
        let _held = store.lock("v-3").unwrap();
        assert!(matches!(
            store.trash("v-3"),
            Err(TrashError::Store(StoreError::Locked { .. }))
        ));
        assert!(store.path("v-3").unwrap().exists());
        let _ = fs::remove_dir_all(root);
    }
}
