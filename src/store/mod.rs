//! The data folder: where visits live on disk, how they are saved so that a
//! kill at any instant leaves a whole file, and who holds each one open.
//!
//! The store deals in visit ids and bytes; it knows nothing of the record
//! format and never draws.
//!
//! Layout of `visits/`:
//! - `<id>.toml`: a visit, 0600.
//! - `<id>.lock`: the advisory lock of a visit and the text naming its holder.
//! - `.<id>.<pid>-<n>.tmp`: a save in progress by process `<pid>`; a crash can
//!   leave one behind, and the next [`Store::open`] (or [`Store::tidy`]) removes
//!   it when safe.
//!
//! `checklists/<sha256>.toml` keeps a copy of every checklist a visit uses,
//! so a visit resumes when its checklist file has moved or changed.
//!
//! On a server shared with other users nothing here is trusted by name:
//! every file is opened without following links and checked with `fstat` to
//! be a regular file of this user ([`open_owned`]), and every folder to be
//! this user's and closed to others ([`check_folder`]).

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

pub mod checklists;
pub mod open;
pub mod walk;

#[cfg(test)]
use open::refused_link;
pub use open::{Links, OpenRefusal, ReadError, check_folder, check_owned, open_owned, read_capped};
use open::{ensure_mode, euid, kind_of};

use crate::os::{self, Kind};
use crate::text::escaped_line;
use crate::tr;
use jiff::Timestamp;

/// Largest visit file [`Store::load`] reads: far beyond any real record, small
/// enough that a stray huge file cannot exhaust memory.
pub const MAX_VISIT_BYTES: u64 = 16 * 1024 * 1024;

/// Longest visit id accepted, in bytes (ids are ASCII).
pub const MAX_ID_LEN: usize = 128;

// Which folder a message names; the catalogs select their words on these.
const DATA_FOLDER: &str = "data";
const EXPORT_FOLDER: &str = "export";
const OUTPUT_FOLDER: &str = "output";

/// Mode of exported files unless `export_mode` in config.toml says otherwise.
pub const DEFAULT_EXPORT_MODE: u32 = 0o600;

/// Why a store operation failed. Each message says what happened in plain
/// words, and what to do where there is something to do.
///
/// The messages are in the interface language, so `Display` is written by
/// hand rather than derived.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The id could not name a visit file inside the data folder.
    BadId {
        /// The rejected id, as given.
        id: String,
    },
    /// No visit file has this id.
    NotFound {
        /// The id asked for.
        id: String,
        /// The visits folder that was searched.
        folder: PathBuf,
    },
    /// The visit file is larger than [`MAX_VISIT_BYTES`].
    TooLarge {
        /// The file refused.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
    },
    /// Another live session holds the visit's lock.
    Locked {
        /// The visit asked for.
        id: String,
        /// The holder's process id, when its lock file says.
        pid: Option<u32>,
        /// The holder's host name, when its lock file says.
        host: Option<String>,
        /// When the holder took the lock, when its lock file says.
        since: Option<Timestamp>,
    },
    /// A file or folder is not one the program may use: a symbolic link, a
    /// FIFO or device, or another user's. Nothing was read or written.
    Refused {
        /// What was refused.
        path: PathBuf,
        /// Why, and what to do.
        why: String,
    },
    /// The file system refused; `reason` is a short human explanation.
    Io {
        /// What was being done, e.g. "save visit 2026…-7f3a".
        action: String,
        /// Why it failed, e.g. "disk full; free some space and try again".
        reason: String,
        /// The underlying error, for callers that need its kind.
        #[source]
        source: io::Error,
    },
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            StoreError::BadId { id } => {
                tr!("store-bad-id", id = escaped_line(id), most = MAX_ID_LEN)
            }
            StoreError::NotFound { id, folder } => tr!(
                "store-not-found",
                id = id,
                folder = folder.display().to_string()
            ),
            StoreError::TooLarge { path, size } => tr!(
                "store-too-large",
                path = path.display().to_string(),
                size = *size,
                most = MAX_VISIT_BYTES >> 20
            ),
            StoreError::Locked {
                id,
                pid,
                host,
                since,
            } => {
                let holder = Holder {
                    pid: *pid,
                    host: host.as_deref(),
                    since: *since,
                };
                tr!("store-locked", id = id, holder = holder.to_string())
            }
            StoreError::Refused { path, why } => tr!(
                "store-refused",
                path = path.display().to_string(),
                why = why
            ),
            StoreError::Io { action, reason, .. } => {
                tr!("store-io", action = action, reason = reason)
            }
        };
        f.write_str(&text)
    }
}

/// The data folder: `root`, with the visits in `root/visits`.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
    visits: PathBuf,
}

/// A visit held open by this session. Other sessions get
/// [`StoreError::Locked`] until it is dropped or released; if the process
/// dies the operating system releases it.
#[derive(Debug)]
pub struct VisitLock {
    // The flock lives as long as this open file; closing it releases the lock.
    file: File,
    id: String,
    path: PathBuf,
}

impl Store {
    /// The default data folder (`~/.local/share/touchpoint` on Linux), if the
    /// platform has a home directory.
    pub fn default_root() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "touchpoint").map(|d| d.data_dir().to_path_buf())
    }

    /// Opens the data folder at `root`, creating it and `visits/` inside it
    /// (0700 whatever the umask) and tightening them to owner-only if they
    /// are readable by others. Removes temporary files left by a crashed save
    /// when no live session may still rename them.
    pub fn open(root: &Path) -> Result<Store, StoreError> {
        let store = Store::open_untidied(root)?;
        store.tidy();
        Ok(store)
    }

    /// [`Store::open`] without removing what crashed saves left behind: a
    /// new visit opens its screen first and calls [`Store::tidy`] after its
    /// first save, since listing the visits folder waits for nothing the
    /// auditor sees.
    pub fn open_untidied(root: &Path) -> Result<Store, StoreError> {
        let store = Store {
            root: root.to_path_buf(),
            visits: root.join("visits"),
        };
        private_dir(&store.root, &store.root)?;
        if private_dir(&store.visits, &store.root)? {
            // Make the new folder's entry durable too, or a power cut could
            // lose it together with the first visit saved in it.
            sync_dir(&store.root).map_err(|e| {
                io_error(
                    tr!(
                        "store-action-create-data-folder",
                        path = store.root.display().to_string()
                    ),
                    e,
                    &store.root,
                    DATA_FOLDER,
                    None,
                )
            })?;
        }
        Ok(store)
    }

    /// The data folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder holding the visit files.
    pub fn visits_dir(&self) -> &Path {
        &self.visits
    }

    /// The file of visit `id`, `visits/<id>.toml`, whether it exists or not.
    pub fn path(&self, id: &str) -> Result<PathBuf, StoreError> {
        check_id(id)?;
        Ok(self.visits.join(format!("{id}.toml")))
    }

    /// Replaces visit `id` with `bytes`, atomically and durably: after an
    /// `Ok` the new version survives a power cut; after an error, or a kill
    /// at any instant, the previous version is there whole.
    pub fn save(&self, id: &str, bytes: &[u8]) -> Result<(), StoreError> {
        check_id(id)?;
        write_atomic(&self.visits, DATA_FOLDER, id, bytes, &|| {
            tr!("store-action-save", id = id)
        })?;
        Ok(())
    }

    /// Reads visit `id`; refuses a file over [`MAX_VISIT_BYTES`].
    pub fn load(&self, id: &str) -> Result<Vec<u8>, StoreError> {
        let path = self.path(id)?;
        let fail = |e: io::Error| {
            io_error(
                tr!("store-action-read", id = id),
                e,
                &self.visits,
                DATA_FOLDER,
                Some(&path),
            )
        };
        let file = match open_owned(&path, OpenOptions::new().read(true)) {
            Ok(file) => file,
            Err(OpenRefusal::Io(e))
                if e.kind() == io::ErrorKind::NotFound && self.visits.is_dir() =>
            {
                return Err(StoreError::NotFound {
                    id: id.to_owned(),
                    folder: self.visits.clone(),
                });
            }
            Err(e) => return Err(e.or_io(fail)),
        };
        // A visit file made by hand or by an older version with a loose
        // umask: private from now on. Best effort: a read-only disk must
        // not stop the visit being read.
        let _ = ensure_mode(&file, 0o600);
        read_capped(&file, MAX_VISIT_BYTES).map_err(|e| match e {
            ReadError::Io(e) => fail(e),
            ReadError::NotRegular(kind) => StoreError::Refused {
                path: path.clone(),
                why: tr!("store-why-not-regular", kind = kind_of(&kind)),
            },
            ReadError::TooLarge { size, .. } => StoreError::TooLarge {
                path: path.clone(),
                size,
            },
        })
    }

    /// The visit files, `visits/<id>.toml` for each valid id, sorted by name.
    /// Temporary and lock files are not listed.
    pub fn visit_files(&self) -> Result<Vec<PathBuf>, StoreError> {
        let fail = |e: io::Error| {
            io_error(
                tr!(
                    "store-action-list",
                    path = self.visits.display().to_string()
                ),
                e,
                &self.visits,
                DATA_FOLDER,
                None,
            )
        };
        let files = walk::entries(&self.visits)
            .map_err(fail)?
            .into_iter()
            .filter(|entry| {
                // Links and other non-files are listed too: loading one is
                // refused with a message naming it, rather than hiding it.
                let id = entry.name_str().and_then(|n| n.strip_suffix(".toml"));
                id.is_some_and(valid_id) && !entry.is_dir()
            })
            .map(|entry| entry.path)
            .collect();
        Ok(files)
    }

    /// Takes the lock of visit `id` for this session, recording this
    /// process's id, host name and the time in `visits/<id>.lock`. Fails with
    /// [`StoreError::Locked`], naming the holder, while another session
    /// (in this process or any other) holds it.
    pub fn lock(&self, id: &str) -> Result<VisitLock, StoreError> {
        check_id(id)?;
        let path = self.visits.join(format!("{id}.lock"));
        let fail = |e: io::Error| {
            io_error(
                tr!("store-action-lock", id = id),
                e,
                &self.visits,
                DATA_FOLDER,
                Some(&path),
            )
        };
        let file = open_owned(
            &path,
            os::new_file_mode(
                OpenOptions::new()
                    .read(true)
                    .write(true)
                    .create(true)
                    .truncate(false),
                0o600,
            ),
        )
        .map_err(|e| e.or_io(fail))?;
        ensure_mode(&file, 0o600).map_err(fail)?;
        crate::fault::check(crate::fault::Op::Lock).map_err(fail)?;
        // A lock this very process let go of can still be held for an
        // instant by a child another thread is starting: between its fork
        // and its exec the child holds a copy of every descriptor, the lock's
        // too. So a lock whose holder is this process is tried again for a
        // moment before it is refused.
        let mut tries = 0;
        let locked = loop {
            match file.try_lock() {
                Err(fs::TryLockError::WouldBlock)
                    if tries < 20 && read_holder(&file).pid == Some(std::process::id()) =>
                {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                other => break other,
            }
        };
        match locked {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                let holder = read_holder(&file);
                return Err(StoreError::Locked {
                    id: id.to_owned(),
                    pid: holder.pid,
                    host: holder.host,
                    since: holder.since,
                });
            }
            Err(fs::TryLockError::Error(e)) => return Err(fail(e)),
        }
        // The text only explains the lock to the next session; the flock is
        // the lock. A failure to write it (disk full) must not refuse the visit.
        let since = jiff::ZonedDateTime::now().strftime("%Y-%m-%dT%H:%M:%S%:z");
        let info = format!(
            "pid={}\nhost={}\nsince={since}\n",
            std::process::id(),
            host_name()
        );
        let _ = file
            .set_len(0)
            .and_then(|()| crate::fault::check(crate::fault::Op::Write))
            .and_then(|()| os::write_all_at(&file, info.as_bytes(), 0));
        Ok(VisitLock {
            file,
            id: id.to_owned(),
            path,
        })
    }

    /// Copies visit `id` into `folder` as `<id>.toml`, atomically (temporary
    /// file and rename in that folder), replacing an earlier copy, with file
    /// mode `mode` (`export_mode`). Creates the folder if needed; refuses
    /// one owned by another user, and takes write access away from group and
    /// others (a setgid group folder keeps its group and its reading).
    /// Returns the path of the copy.
    pub fn copy_to(&self, id: &str, folder: &Path, mode: u32) -> Result<PathBuf, StoreError> {
        let bytes = self.load(id)?;
        let action = || {
            tr!(
                "store-action-copy",
                id = id,
                path = folder.display().to_string()
            )
        };
        crate::fault::check(crate::fault::Op::CreateDir)
            .and_then(|()| create_folders(folder, None))
            .map_err(|e| io_error(action(), e, folder, EXPORT_FOLDER, None))?;
        check_folder(folder, EXPORT_FOLDER, 0o022)?;
        // The change log goes first, so that the record is never there
        // without it (SPEC.md, "Signing and the change log").
        if let Some(log) = self.load_log(id)? {
            write_atomic_as(
                folder,
                EXPORT_FOLDER,
                id,
                &format!("{id}.log"),
                &log,
                &action,
                mode,
            )?;
        }
        write_atomic_as(
            folder,
            EXPORT_FOLDER,
            id,
            &format!("{id}.toml"),
            &bytes,
            &action,
            mode,
        )
    }

    /// Marks visit `id` as waiting for its copy to the export folder:
    /// `visits/<id>.unexported`, an empty file (0600), made before the copy
    /// is tried and removed once it succeeds ([`Store::export_pending`]).
    pub fn mark_unexported(&self, id: &str) -> Result<(), StoreError> {
        check_id(id)?;
        write_atomic_as(
            &self.visits,
            DATA_FOLDER,
            id,
            &format!("{id}.unexported"),
            b"",
            &|| tr!("store-action-save", id = id),
            0o600,
        )?;
        Ok(())
    }

    /// Whether visit `id` waits for its copy to the export folder.
    pub fn is_unexported(&self, id: &str) -> bool {
        valid_id(id) && fs::symlink_metadata(self.visits.join(format!("{id}.unexported"))).is_ok()
    }

    /// The visits waiting for their copy to the export folder, sorted.
    pub fn unexported(&self) -> Vec<String> {
        let Ok(entries) = walk::entries(&self.visits) else {
            return Vec::new();
        };
        let mut ids: Vec<String> = entries
            .iter()
            .filter_map(|e| {
                let id = e.name_str()?.strip_suffix(".unexported")?;
                valid_id(id).then(|| id.to_owned())
            })
            .collect();
        // By id: `a-b.unexported` sorts before `a.unexported`.
        ids.sort();
        ids
    }

    /// Copies visit `id` to `folder` ([`Store::copy_to`]) and, once the copy
    /// is there, removes its mark ([`Store::mark_unexported`]).
    pub fn export_marked(&self, id: &str, folder: &Path, mode: u32) -> Result<PathBuf, StoreError> {
        let copy = self.copy_to(id, folder, mode)?;
        let mark = self.visits.join(format!("{id}.unexported"));
        match fs::remove_file(&mark) {
            Ok(()) => {
                let _ = sync_dir(&self.visits);
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(io_error(
                    tr!("store-action-save", id = id),
                    e,
                    &self.visits,
                    DATA_FOLDER,
                    Some(&mark),
                ));
            }
        }
        Ok(copy)
    }

    /// Tries again every copy to the export folder that failed (each marked
    /// visit whose record is there), as every command does on start. Gives
    /// the visits copied now, and those that still fail with why. A visit
    /// open in another session is left to that session.
    pub fn export_pending(
        &self,
        folder: &Path,
        mode: u32,
    ) -> (Vec<String>, Vec<(String, StoreError)>) {
        let mut done = Vec::new();
        let mut failed = Vec::new();
        for id in self.unexported() {
            let Ok(lock) = self.lock(&id) else {
                continue;
            };
            match self.export_marked(&id, folder, mode) {
                Ok(_) => done.push(id),
                // A mark without its record (deleted since): nothing to copy.
                Err(StoreError::NotFound { .. }) => {}
                Err(e) => failed.push((id, e)),
            }
            drop(lock);
        }
        (done, failed)
    }

    /// Keeps a copy of checklist `bytes` as `checklists/<sha256>.toml` in the
    /// data folder (0600), unless one is there already. Returns the sha256.
    pub fn keep_checklist(&self, bytes: &[u8]) -> Result<String, StoreError> {
        let sha = crate::checklist::sha256_hex(bytes);
        let folder = self.root.join("checklists");
        private_dir(&folder, &self.root)?;
        if matches!(self.kept_checklist(&sha), Some(Ok(_))) {
            return Ok(sha);
        }
        let action = || {
            tr!(
                "store-action-keep-checklist",
                path = folder.display().to_string()
            )
        };
        write_atomic_as(
            &folder,
            DATA_FOLDER,
            &sha,
            &format!("{sha}.toml"),
            bytes,
            &action,
            0o600,
        )?;
        Ok(sha)
    }

    /// The kept copy of the checklist whose bytes hash to `sha256`, if there
    /// is one. A copy whose bytes no longer match its name is refused.
    pub fn kept_checklist(&self, sha256: &str) -> Option<Result<Vec<u8>, StoreError>> {
        if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let path = self.root.join("checklists").join(format!("{sha256}.toml"));
        let fail = |e: io::Error| {
            io_error(
                tr!("store-action-read-kept", path = path.display().to_string()),
                e,
                &self.root,
                DATA_FOLDER,
                Some(&path),
            )
        };
        let file = match open_owned(&path, OpenOptions::new().read(true)) {
            Ok(file) => file,
            Err(OpenRefusal::Io(e)) if e.kind() == io::ErrorKind::NotFound => return None,
            Err(e) => return Some(Err(e.or_io(fail))),
        };
        let changed = || StoreError::Refused {
            path: path.clone(),
            why: tr!("store-why-kept-changed"),
        };
        let bytes = match read_capped(&file, crate::checklist::MAX_FILE_BYTES) {
            Ok(bytes) => bytes,
            Err(ReadError::Io(e)) => return Some(Err(fail(e))),
            // Larger than any checklist kept: not the one its name says.
            Err(ReadError::TooLarge { .. } | ReadError::NotRegular(_)) => {
                return Some(Err(changed()));
            }
        };
        if crate::checklist::sha256_hex(&bytes) != sha256 {
            return Some(Err(changed()));
        }
        Some(Ok(bytes))
    }

    /// Removes `.<id>.<pid>-<n>.tmp` files left by a crash. Best effort: they
    /// are hidden from every listing, so one that stays does no harm, while
    /// removing one a live save is about to rename would lose that save.
    pub fn tidy(&self) {
        let Ok(entries) = walk::entries(&self.visits) else {
            return;
        };
        // Listed before any lock is checked: a temp file created after its
        // visit's lock was checked is not in this list.
        let strays: Vec<(PathBuf, String, u32)> = entries
            .iter()
            .filter_map(|entry| {
                let (id, pid) = parse_temp_name(entry.name_str()?)?;
                Some((entry.path.clone(), id.to_owned(), pid))
            })
            .collect();
        for (path, id, pid) in strays {
            // A live writer may be one that saves without holding the lock.
            if process_alive(pid) {
                continue;
            }
            let lock_path = self.visits.join(format!("{id}.lock"));
            match open_owned(&lock_path, OpenOptions::new().read(true)) {
                // Removed while holding the lock, so no session can start
                // saving this visit in between.
                Ok(lock) => {
                    if lock.try_lock().is_ok() {
                        let _ = fs::remove_file(&path);
                    }
                }
                Err(OpenRefusal::Io(e)) if e.kind() == io::ErrorKind::NotFound => {
                    let _ = fs::remove_file(&path);
                }
                Err(_) => {}
            }
        }
    }
}

/// Writes `bytes` to `path` as [`write_export`] does, with mode 0600.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    write_private_with(path, |out| out.write_all(bytes))
}

/// [`write_private`] with the contents written by `write` as they come, so
/// a large export streams to disk rather than being held in memory. When
/// `write` fails nothing is renamed: `path` keeps what it had.
pub fn write_private_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), StoreError> {
    write_export_with(path, 0o600, write).map(|_| ())
}

/// How [`write_export`] wrote its output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// A new regular file renamed into place.
    Replaced,
    /// Into `/dev/null` or the user's own terminal.
    InPlace,
}

/// Writes an export to `path`.
///
/// A new file, or an existing regular file of this user, is written as
/// visits are: a temporary file with `mode` in the same folder, flushed,
/// renamed over `path`, folder flushed. `/dev/null` and a terminal of this
/// user are written in place, never replaced; a symbolic link (of this user
/// or root) is followed only to one of those (`/dev/stdout` on a terminal).
/// Everything else is refused and left alone: a FIFO or socket (another
/// program, perhaps another user's, would read the private notes: `-o -`
/// is the way into a pipe), another user's file, a folder, any other device,
/// a link to a file.
pub fn write_export(path: &Path, bytes: &[u8], mode: u32) -> Result<Written, StoreError> {
    write_export_with(path, mode, |out| out.write_all(bytes))
}

/// A character device an export may be written into: `/dev/null`,
/// `/dev/tty`, or a terminal owned by this user (checked again on the open
/// file).
fn harmless_device(meta: &fs::Metadata) -> bool {
    os::null_or_tty(meta)
        || (os::kind(&meta.file_type()) == Kind::CharDevice && os::owner(meta) == euid())
}

/// [`write_export`] with the contents written by `write` as they come.
pub fn write_export_with(
    path: &Path,
    mode: u32,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<Written, StoreError> {
    let refuse = |why: String| StoreError::Refused {
        path: path.to_path_buf(),
        why,
    };
    let action = || tr!("store-action-write", path = path.display().to_string());
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => {
            return Err(io_error(
                action(),
                e,
                Path::new("."),
                OUTPUT_FOLDER,
                Some(path),
            ));
        }
        Ok(meta) if meta.is_file() => {
            // Replacing another user's file would hand them a file of ours
            // under their name (or fail in a sticky /tmp): refused.
            let owner = os::owner(&meta);
            if owner != euid() {
                return Err(refuse(tr!("store-why-foreign-output", uid = owner)));
            }
        }
        Ok(meta) => {
            let kind = meta.file_type();
            let target = if kind.is_symlink() {
                let owner = os::owner(&meta);
                if owner != euid() && owner != 0 {
                    return Err(refuse(tr!("store-why-foreign-link", uid = owner)));
                }
                match fs::metadata(path) {
                    Ok(target) => target,
                    Err(_) => {
                        return Err(refuse(tr!("store-why-dangling-link")));
                    }
                }
            } else {
                meta
            };
            let target_kind = target.file_type();
            if harmless_device(&target) {
                return write_in_place(path, write).map_err(|e| match e {
                    OpenRefusal::Refused(e) => e,
                    OpenRefusal::Io(e) => StoreError::Io {
                        action: action(),
                        reason: plain_reason(&e),
                        source: e,
                    },
                });
            }
            return Err(refuse(
                if matches!(os::kind(&target_kind), Kind::Fifo | Kind::Socket) {
                    tr!("store-why-pipe-output", kind = kind_of(&target_kind))
                } else if kind.is_symlink() && target_kind.is_file() {
                    tr!("store-why-link-to-file")
                } else if target_kind.is_dir() {
                    tr!("store-why-folder")
                } else if os::kind(&target_kind) == Kind::CharDevice {
                    tr!("store-why-foreign-device", uid = os::owner(&target))
                } else {
                    tr!("store-why-not-export-target", kind = kind_of(&target_kind))
                },
            ));
        }
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| StoreError::Io {
            action: action(),
            reason: tr!("store-reason-not-a-file-name"),
            source: io::Error::from(io::ErrorKind::InvalidInput),
        })?;
    write_atomic_with(dir, OUTPUT_FOLDER, name, name, &action, mode, write)?;
    Ok(Written::Replaced)
}

/// Refuses an output path that is the data folder `root`, or anything in
/// it: `export -o visits/<id>.toml` would replace the very record exported.
/// Compared by canonical paths (links resolved), and for an existing file
/// also by device and inode against the folder's files.
pub fn check_outside(path: &Path, root: &Path) -> Result<(), StoreError> {
    let Ok(root) = fs::canonicalize(root) else {
        // No data folder yet: nothing of it can be replaced.
        return Ok(());
    };
    let resolved = match fs::canonicalize(path) {
        Ok(full) => Some(full),
        Err(_) => {
            // A new file: where its folder really is.
            let dir = match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            match (fs::canonicalize(dir), path.file_name()) {
                (Ok(dir), Some(name)) => Some(dir.join(name)),
                _ => None,
            }
        }
    };
    let inside = resolved.as_deref().is_some_and(|p| p.starts_with(&root))
        || fs::metadata(path).is_ok_and(|meta| {
            meta.is_file() && os::links(&meta) > 1 && same_file_in(&root, &meta, 3)
        });
    if inside {
        return Err(StoreError::Refused {
            path: path.to_path_buf(),
            why: tr!(
                "store-why-in-data-folder",
                folder = root.display().to_string()
            ),
        });
    }
    Ok(())
}

/// Whether a file of `dir` (at most `depth` folders down) is the file `meta`
/// describes: a hard link of a record made outside the data folder.
fn same_file_in(dir: &Path, meta: &fs::Metadata, depth: u32) -> bool {
    let Ok(entries) = walk::entries(dir) else {
        return false;
    };
    entries.iter().any(|entry| {
        let Ok(m) = fs::symlink_metadata(&entry.path) else {
            return false;
        };
        if m.is_dir() {
            depth > 0 && same_file_in(&entry.path, meta, depth - 1)
        } else {
            os::same_file(&m, meta)
        }
    })
}

/// Writes into `/dev/null` or a terminal of this user, checking after the
/// open that it still is one (not a FIFO or file swapped in since).
fn write_in_place(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<Written, OpenRefusal> {
    // O_NONBLOCK: whatever was swapped in, the open itself never hangs.
    let mut file = crate::os::open_flags(OpenOptions::new().write(true), true)
        .open(path)
        .map_err(OpenRefusal::Io)?;
    let meta = file.metadata().map_err(OpenRefusal::Io)?;
    let terminal = std::io::IsTerminal::is_terminal(&file);
    if !(os::null_or_tty(&meta) || (terminal && os::owner(&meta) == euid())) {
        return Err(OpenRefusal::Refused(StoreError::Refused {
            path: path.to_path_buf(),
            why: tr!("store-why-changed-while-opening"),
        }));
    }
    // Blocking again, so a slow terminal gets all of it (best effort, as
    // before: a terminal left non-blocking still takes what it can).
    let _ = crate::os::set_blocking(&file);
    let mut out = io::BufWriter::new(&mut file);
    write(&mut out)
        .and_then(|()| out.flush())
        .map_err(OpenRefusal::Io)?;
    Ok(Written::InPlace)
}

impl VisitLock {
    /// The visit this lock holds.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The lock file, `visits/<id>.lock`.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Releases the lock now, reporting a failure that dropping would hide.
    pub fn release(self) -> Result<(), StoreError> {
        self.file.unlock().map_err(|e| StoreError::Io {
            action: tr!("store-action-release", id = self.id.as_str()),
            reason: plain_reason(&e),
            source: e,
        })
    }
}

/// Whether `id` may name a visit: `[A-Za-z0-9][A-Za-z0-9-]*`, at most
/// [`MAX_ID_LEN`] bytes. Such an id has no slash and no dot, so the file it
/// names is always directly inside the visits folder.
pub fn valid_id(id: &str) -> bool {
    let bytes = id.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= MAX_ID_LEN
        && bytes[0].is_ascii_alphanumeric()
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
}

fn check_id(id: &str) -> Result<(), StoreError> {
    if valid_id(id) {
        Ok(())
    } else {
        Err(StoreError::BadId { id: id.to_owned() })
    }
}

/// The name of a temporary file for a save of `id` by process `pid`.
fn temp_name(id: &str, pid: u32, n: u64) -> String {
    format!(".{id}.{pid}-{n}.tmp")
}

/// The visit id and writer's pid of a temporary file name, if it is one.
fn parse_temp_name(name: &str) -> Option<(&str, u32)> {
    let inner = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (id, tag) = inner.rsplit_once('.')?;
    let (pid, n) = tag.split_once('-')?;
    n.parse::<u64>().ok()?;
    let pid = pid.parse::<u32>().ok()?;
    (valid_id(id) && pid > 0).then_some((id, pid))
}

fn process_alive(pid: u32) -> bool {
    crate::os::process_alive(pid)
}

fn host_name() -> String {
    crate::os::host_name().unwrap_or_else(|| "unknown".into())
}

/// Who holds a lock, as far as its lock file says.
struct Holder<'a> {
    pid: Option<u32>,
    host: Option<&'a str>,
    since: Option<Timestamp>,
}

impl fmt::Display for Holder<'_> {
    /// ` (pid 4242 on host lobby-laptop since 14:03)`, or as much as is known.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(pid) = self.pid {
            parts.push(tr!("store-holder-pid", pid = pid));
        }
        if let Some(host) = self.host {
            parts.push(tr!("store-holder-host", host = escaped_line(host)));
        }
        if let Some(since) = self.since {
            parts.push(tr!("store-holder-since", time = short_time(since)));
        }
        if parts.is_empty() {
            Ok(())
        } else {
            write!(f, " ({})", parts.join(" "))
        }
    }
}

/// Local clock time, with the date when it is not today.
fn short_time(at: Timestamp) -> String {
    let tz = jiff::tz::TimeZone::system();
    let then = at.to_zoned_datetime(tz.clone());
    let now = Timestamp::now().to_zoned_datetime(tz);
    if then.date() == now.date() {
        then.strftime("%H:%M").to_string()
    } else {
        then.strftime("%Y-%m-%d %H:%M").to_string()
    }
}

struct HolderInfo {
    pid: Option<u32>,
    host: Option<String>,
    since: Option<Timestamp>,
}

/// Reads the holder's lines from a lock file held by someone else.
fn read_holder(file: &File) -> HolderInfo {
    let mut info = HolderInfo {
        pid: None,
        host: None,
        since: None,
    };
    // The holder writes its lines just after taking the lock; a reader that
    // comes in between sees an empty or partial file, so look a few times.
    for attempt in 0..10 {
        if attempt > 0 {
            std::thread::sleep(Duration::from_millis(10));
        }
        let mut buf = [0u8; 1024];
        let Ok(len) = os::read_at(file, &mut buf, 0) else {
            break;
        };
        let text = String::from_utf8_lossy(&buf[..len]);
        info = HolderInfo {
            pid: None,
            host: None,
            since: None,
        };
        for line in text.lines() {
            match line.split_once('=') {
                Some(("pid", v)) => info.pid = v.trim().parse().ok(),
                Some(("host", v)) if !v.trim().is_empty() => info.host = Some(v.trim().to_owned()),
                Some(("since", v)) => info.since = v.trim().parse().ok(),
                _ => {}
            }
        }
        if info.pid.is_some() && info.host.is_some() && info.since.is_some() {
            break;
        }
    }
    info
}

/// Creates `path` if missing (0700) or checks and tightens an existing folder
/// to owner-only ([`check_folder`]). Returns whether it was created.
pub(crate) fn private_dir(path: &Path, root: &Path) -> Result<bool, StoreError> {
    let fail = |e: io::Error| {
        io_error(
            tr!(
                "store-action-open-data-folder",
                path = root.display().to_string()
            ),
            e,
            path,
            DATA_FOLDER,
            None,
        )
    };
    let created = match fs::metadata(path) {
        Ok(_) => false,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            // Exactly 0700 whatever the umask, and so is every missing
            // folder above it (but `~/.local`, `~/.local/share`…).
            crate::fault::check(crate::fault::Op::CreateDir).map_err(fail)?;
            create_folders(path, Some(0o700)).map_err(fail)?;
            true
        }
        Err(e) => return Err(fail(e)),
    };
    // An existing folder only loses what others could do, since it holds
    // auditors' notes.
    check_folder(path, DATA_FOLDER, 0o077)?;
    Ok(created)
}

/// Creates `path` and every missing folder above it, whatever the umask:
/// `path` itself with exactly `mode`, or when `None` with the usual
/// `0755` less the umask, the owner's rights kept and never writable by
/// group or others; a standard
/// shared folder of the home (`~/.local`, `~/.local/share`, `~/.config`,
/// `~/.cache`) the same way; every other missing folder above it 0700.
///
/// With `umask 000`, `create_dir_all` would make `~/.local/share`
/// world-writable, and another user could then move the data folder away.
/// A folder someone else makes first (a race) is left as it is.
pub(crate) fn create_folders(path: &Path, mode: Option<u32>) -> io::Result<()> {
    let mut missing = Vec::new();
    for folder in path.ancestors() {
        if folder.as_os_str().is_empty() {
            break;
        }
        match fs::symlink_metadata(folder) {
            Ok(_) => break,
            Err(e) if e.kind() == io::ErrorKind::NotFound => missing.push(folder),
            Err(e) => return Err(e),
        }
    }
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let shared = |folder: &Path| {
        home.as_ref().is_some_and(|home| {
            [".local", ".local/share", ".config", ".cache"]
                .iter()
                .any(|name| folder == home.join(name))
        })
    };
    for &folder in missing.iter().rev() {
        let exact = if folder == path {
            mode
        } else if shared(folder) {
            None
        } else {
            Some(0o700)
        };
        match os::create_dir(folder, exact.unwrap_or(0o755)) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
        let made = os::mode(&fs::symlink_metadata(folder)?);
        let wanted = exact.unwrap_or((made | 0o700) & !0o022);
        if made != wanted {
            os::set_mode_at(folder, wanted)?;
        }
    }
    Ok(())
}

/// Flushes a folder's entries (names created, renamed or removed) to disk.
pub(crate) fn sync_dir(dir: &Path) -> io::Result<()> {
    crate::fault::check(crate::fault::Op::Open)?;
    let dir = File::open(dir)?;
    crate::fault::check(crate::fault::Op::Sync)?;
    dir.sync_all()
}

/// Distinguishes the temporary files of concurrent saves in one process.
static TEMP_SEQ: AtomicU64 = AtomicU64::new(0);

/// Creates a fresh temporary file for `id` in `dir` with `mode`.
fn create_temp(dir: &Path, id: &str, mode: u32) -> io::Result<(PathBuf, File)> {
    let pid = std::process::id();
    for _ in 0..1000 {
        let path = dir.join(temp_name(id, pid, TEMP_SEQ.fetch_add(1, Ordering::Relaxed)));
        // create_new is O_EXCL: never reuse, nor follow a symlink planted at, a name.
        crate::fault::check(crate::fault::Op::Open)?;
        match os::new_file_mode(OpenOptions::new().write(true).create_new(true), mode).open(&path) {
            Ok(file) => {
                // The umask may have removed bits from the mode.
                if let Err(e) = ensure_mode(&file, mode) {
                    drop(file);
                    let _ = fs::remove_file(&path);
                    return Err(e);
                }
                return Ok((path, file));
            }
            // A stray temp file of an earlier process that had our pid.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        tr!("store-no-temp-name"),
    ))
}

/// Writes `dir/<id>.toml` by temporary file, flush, rename and folder flush.
fn write_atomic(
    dir: &Path,
    label: &str,
    id: &str,
    bytes: &[u8],
    action: &dyn Fn() -> String,
) -> Result<PathBuf, StoreError> {
    write_atomic_as(dir, label, id, &format!("{id}.toml"), bytes, action, 0o600)
}

/// Writes `dir/<name>` the same way, with temporary files named after `stem`.
fn write_atomic_as(
    dir: &Path,
    label: &str,
    stem: &str,
    name: &str,
    bytes: &[u8],
    action: &dyn Fn() -> String,
    mode: u32,
) -> Result<PathBuf, StoreError> {
    write_atomic_with(dir, label, stem, name, action, mode, |file| {
        file.write_all(bytes)
    })
}

/// [`write_atomic_as`] with the contents written by `write` as they come.
fn write_atomic_with(
    dir: &Path,
    label: &str,
    stem: &str,
    name: &str,
    action: &dyn Fn() -> String,
    mode: u32,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<PathBuf, StoreError> {
    let target = dir.join(name);
    // What was being done is put in words only when it failed.
    let fail = |e: io::Error| io_error(action(), e, dir, label, Some(&target));
    let (temp, file) = create_temp(dir, stem, mode).map_err(fail)?;
    let mut buffered = io::BufWriter::new(file);
    // sync_all before rename: otherwise a power cut after the rename can
    // leave the new name pointing at blocks that were never written.
    let written = crate::fault::check(crate::fault::Op::Write)
        .and_then(|()| write(&mut buffered))
        .and_then(|()| {
            buffered
                .into_inner()
                .map_err(io::IntoInnerError::into_error)
        })
        .and_then(|file| crate::fault::check(crate::fault::Op::Sync).and_then(|()| file.sync_all()))
        .and_then(|()| crate::fault::check(crate::fault::Op::Rename))
        .and_then(|()| fs::rename(&temp, &target));
    if let Err(e) = written {
        // Best effort: the error worth reporting is the one that stopped the save.
        let _ = fs::remove_file(&temp);
        return Err(fail(e));
    }
    // The rename lives in the folder's entries; until they are flushed a
    // power cut can bring back the previous version.
    sync_dir(dir).map_err(fail)?;
    Ok(target)
}

fn io_error(
    action: String,
    source: io::Error,
    folder: &Path,
    label: &str,
    file: Option<&Path>,
) -> StoreError {
    StoreError::Io {
        action,
        reason: reason(&source, folder, label, file),
        source,
    }
}

/// A short human reason for an I/O error during work on `file` in `folder`.
fn reason(error: &io::Error, folder: &Path, label: &str, file: Option<&Path>) -> String {
    use io::ErrorKind::*;
    if matches!(error.kind(), NotFound | NotADirectory | AlreadyExists)
        && let Some(problem) = folder_problem(folder, label)
    {
        return problem;
    }
    match error.kind() {
        StorageFull => tr!("store-reason-disk-full"),
        QuotaExceeded => tr!("store-reason-quota"),
        PermissionDenied => tr!(
            "store-reason-permission",
            path = folder.display().to_string()
        ),
        ReadOnlyFilesystem => tr!("store-reason-read-only"),
        IsADirectory => match file {
            Some(file) => tr!(
                "store-reason-folder-in-way-at",
                path = file.display().to_string()
            ),
            None => tr!("store-reason-folder-in-way"),
        },
        FileTooLarge => tr!("store-reason-too-large"),
        _ => plain_reason(error),
    }
}

/// What is wrong with a folder that should exist, if anything.
fn folder_problem(folder: &Path, label: &str) -> Option<String> {
    match fs::metadata(folder) {
        Ok(meta) if meta.is_dir() => None,
        Ok(_) => Some(tr!(
            "store-reason-file-in-way",
            path = folder.display().to_string()
        )),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Some(tr!(
            "store-reason-folder-missing",
            folder = label,
            path = folder.display().to_string()
        )),
        Err(e) if e.kind() == io::ErrorKind::NotADirectory => folder
            .ancestors()
            .skip(1)
            .find(|a| fs::metadata(a).is_ok_and(|m| !m.is_dir()))
            .map(|a| tr!("store-reason-file-in-way", path = a.display().to_string())),
        Err(_) => None,
    }
}

/// std's message for an error, without the " (os error N)" users need not see.
fn plain_reason(error: &io::Error) -> String {
    if let Some(words) = crate::checklist::translated_reason(error) {
        return words;
    }
    let text = error.to_string();
    let text = match text.find(" (os error") {
        Some(cut) => &text[..cut],
        None => &text,
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => tr!("store-reason-unknown"),
    }
}

// ---------------------------------------------------------------------------
// The journal beside a draft: `visits/<id>.journal` (docs/store.md, "Journal").
// Every journal file of the data folder is opened by `open_journal`, and
// only there: through `open_owned`, as every other file of the store.

/// A visit's journal, open for appending.
#[derive(Debug)]
pub struct JournalFile {
    file: File,
    path: PathBuf,
    /// Bytes known to be whole lines on disk.
    len: u64,
    /// Which file is open (device and inode): fixed for as long as it is
    /// open, so [`JournalFile::in_place`] looks only at the path.
    id: Option<os::FileId>,
}

impl Store {
    /// The journal of visit `id`, `visits/<id>.journal`, whether it exists or not.
    pub fn journal_path(&self, id: &str) -> Result<PathBuf, StoreError> {
        check_id(id)?;
        Ok(self.visits.join(format!("{id}.journal")))
    }

    /// Reads the journal of visit `id`; `None` when it has none. A link, a
    /// FIFO or another user's file there is refused, naming the path.
    pub fn load_journal(&self, id: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let path = self.journal_path(id)?;
        let fail = |e: io::Error| {
            io_error(
                tr!("store-action-read-journal", id = id),
                e,
                &self.visits,
                DATA_FOLDER,
                Some(&path),
            )
        };
        let file = match open_journal(&path, false) {
            Ok(file) => file,
            Err(OpenRefusal::Io(e)) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e.or_io(fail)),
        };
        // Made by hand or with a loose umask: private from now on (best effort).
        let _ = ensure_mode(&file, 0o600);
        read_journal_bytes(&file).map(Some).map_err(fail)
    }

    /// Starts a new journal for visit `id` holding `head`, replacing any
    /// earlier one atomically (a kill leaves the old journal or the new
    /// one), and opens it for appending.
    pub fn start_journal(&self, id: &str, head: &[u8]) -> Result<JournalFile, StoreError> {
        let path = self.journal_path(id)?;
        let action = || tr!("store-action-start-journal", id = id);
        write_atomic_as(
            &self.visits,
            DATA_FOLDER,
            id,
            &format!("{id}.journal"),
            head,
            &action,
            0o600,
        )?;
        let file = open_journal(&path, true).map_err(|e| {
            e.or_io(|e| io_error(action(), e, &self.visits, DATA_FOLDER, Some(&path)))
        })?;
        let id = file.metadata().ok().map(|m| os::file_id(&m));
        Ok(JournalFile {
            file,
            path,
            len: head.len() as u64,
            id,
        })
    }

    /// Keeps a journal that could not be wholly applied (a damaged line, a
    /// record edited since it began) as `visits/<id>.journal.damaged-<time>`
    /// (UTC, to the second; a number is added if that name is taken),
    /// written as records are, before the journal is replaced: nothing in
    /// it is ever lost. No listing looks at it.
    pub fn keep_damaged_journal(&self, id: &str, bytes: &[u8]) -> Result<PathBuf, StoreError> {
        check_id(id)?;
        let time = Timestamp::now().strftime("%Y%m%dT%H%M%SZ").to_string();
        let mut name = format!("{id}.journal.damaged-{time}");
        let mut n = 1;
        while fs::symlink_metadata(self.visits.join(&name)).is_ok() {
            n += 1;
            name = format!("{id}.journal.damaged-{time}-{n}");
        }
        let action = || tr!("store-action-keep-journal", id = id);
        write_atomic_as(&self.visits, DATA_FOLDER, id, &name, bytes, &action, 0o600)
    }

    /// Removes the journal of visit `id`, durably; no journal is no error.
    pub fn remove_journal(&self, id: &str) -> Result<(), StoreError> {
        let path = self.journal_path(id)?;
        let fail = |e: io::Error| {
            io_error(
                tr!("store-action-remove-journal", id = id),
                e,
                &self.visits,
                DATA_FOLDER,
                Some(&path),
            )
        };
        match crate::fault::check(crate::fault::Op::Remove).and_then(|()| fs::remove_file(&path)) {
            Ok(()) => sync_dir(&self.visits).map_err(fail),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(fail(e)),
        }
    }
}

impl JournalFile {
    /// Appends `line` and flushes it to disk before returning: one write and
    /// one `fdatasync` of the line alone, whatever the size of the visit.
    /// After a failure the file is cut back to its last whole line (best
    /// effort: a torn line is ignored when read, but no line may follow one).
    pub fn append(&mut self, line: &[u8]) -> Result<(), StoreError> {
        let written = crate::fault::write_all(&mut self.file, line)
            .and_then(|()| crate::fault::check(crate::fault::Op::Sync))
            .and_then(|()| self.file.sync_data());
        match written {
            Ok(()) => {
                self.len += line.len() as u64;
                Ok(())
            }
            Err(e) => {
                let _ = self.file.set_len(self.len);
                let folder = self.path.parent().unwrap_or(Path::new("."));
                Err(io_error(
                    tr!("store-action-save-change"),
                    e,
                    folder,
                    DATA_FOLDER,
                    Some(&self.path),
                ))
            }
        }
    }

    /// Whether this open journal is still the file at its path (the data
    /// folder was not moved away or replaced under the session): appending
    /// to a file no reader will find saves nothing.
    /// One `lstat` of the path per save: the open file's identity was
    /// taken when it was opened.
    pub fn in_place(&self) -> bool {
        match (self.id, fs::symlink_metadata(&self.path)) {
            (Some(open), Ok(there)) => open == os::file_id(&there),
            _ => false,
        }
    }

    /// Bytes in the journal.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether the journal holds nothing (it always holds its head).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

// ---------------------------------------------------------------------------
// The change log beside a visit: `visits/<id>.log` (docs/store.md, "Change
// log"). Opened through `open_owned`, as every other file of the store.

/// A visit's change log, open for appending.
#[derive(Debug)]
pub struct LogFile {
    file: File,
    path: PathBuf,
    /// Bytes in the log, as of the last write that succeeded.
    len: u64,
}

impl Store {
    /// The change log of visit `id`, `visits/<id>.log`, whether it exists or not.
    pub fn log_path(&self, id: &str) -> Result<PathBuf, StoreError> {
        check_id(id)?;
        Ok(self.visits.join(format!("{id}.log")))
    }

    /// Reads the change log of visit `id`; `None` when it has none. A
    /// link, a FIFO or another user's file there is refused, naming it.
    pub fn load_log(&self, id: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let path = self.log_path(id)?;
        let fail = |e: io::Error| {
            io_error(
                tr!("store-action-read-log", id = id),
                e,
                &self.visits,
                DATA_FOLDER,
                Some(&path),
            )
        };
        let file = match open_owned(&path, OpenOptions::new().read(true)) {
            Ok(file) => file,
            Err(OpenRefusal::Io(e)) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e.or_io(fail)),
        };
        read_journal_bytes(&file).map(Some).map_err(fail)
    }

    /// Opens the change log of visit `id` for appending, making it (0600,
    /// the folder flushed) when there is none.
    pub fn open_log(&self, id: &str) -> Result<LogFile, StoreError> {
        let path = self.log_path(id)?;
        let fail = |e: io::Error| {
            io_error(
                tr!("store-action-write-log", id = id),
                e,
                &self.visits,
                DATA_FOLDER,
                Some(&path),
            )
        };
        let made = fs::symlink_metadata(&path).is_err();
        let file = open_owned(
            &path,
            os::new_file_mode(OpenOptions::new().append(true).create(true), 0o600),
        )
        .map_err(|e| e.or_io(fail))?;
        // Made by hand or with a loose umask: private from now on (best effort).
        let _ = ensure_mode(&file, 0o600);
        if made {
            crate::fault::check(crate::fault::Op::Sync)
                .and_then(|()| file.sync_all())
                .and_then(|()| sync_dir(&self.visits))
                .map_err(fail)?;
        }
        let len = file.metadata().map_err(fail)?.len();
        Ok(LogFile { file, path, len })
    }
}

impl LogFile {
    /// Appends `bytes` (whole lines), without flushing them to disk: a
    /// journal line carries them until [`LogFile::sync`]. A failed write
    /// is cut back to where it began (best effort).
    pub fn write(&mut self, bytes: &[u8]) -> Result<(), StoreError> {
        match crate::fault::write_all(&mut self.file, bytes) {
            Ok(()) => {
                self.len += bytes.len() as u64;
                Ok(())
            }
            Err(e) => {
                let _ = self.file.set_len(self.len);
                Err(self.error(e))
            }
        }
    }

    /// Flushes what was appended to disk.
    pub fn sync(&mut self) -> Result<(), StoreError> {
        crate::fault::check(crate::fault::Op::Sync)
            .and_then(|()| self.file.sync_data())
            .map_err(|e| self.error(e))
    }

    /// Whether this open log is still the file at its path.
    pub fn in_place(&self) -> bool {
        match (self.file.metadata(), fs::symlink_metadata(&self.path)) {
            (Ok(open), Ok(there)) => os::same_file(&open, &there),
            _ => false,
        }
    }

    fn error(&self, e: io::Error) -> StoreError {
        let folder = self.path.parent().unwrap_or(Path::new("."));
        io_error(
            tr!("store-action-save-change"),
            e,
            folder,
            DATA_FOLDER,
            Some(&self.path),
        )
    }
}

/// Reads the journal at `path`, beside a record wherever it was copied
/// (the data folder's own journals are read by [`Store::load_journal`]);
/// `None` when there is none. Never through a link, never a FIFO's blocking
/// open, only a regular file; it may be another user's, as the record may.
/// A journal over [`MAX_VISIT_BYTES`] is refused.
pub fn read_journal(path: &Path) -> io::Result<Option<Vec<u8>>> {
    crate::fault::check(crate::fault::Op::Open)?;
    let file = open::open(path, OpenOptions::new().read(true), Links::Refuse);
    let file = match file {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    read_journal_bytes(&file).map(Some)
}

/// The whole of a journal or change log: a regular file, refusing one over
/// [`MAX_VISIT_BYTES`].
fn read_journal_bytes(file: &File) -> io::Result<Vec<u8>> {
    read_capped(file, MAX_VISIT_BYTES).map_err(|e| match e {
        ReadError::Io(e) => e,
        ReadError::NotRegular(_) => {
            io::Error::new(io::ErrorKind::InvalidInput, tr!("store-not-regular-file"))
        }
        ReadError::TooLarge { .. } => {
            io::Error::new(io::ErrorKind::InvalidData, tr!("store-journal-too-large"))
        }
    })
}

/// The one place a journal of the data folder is opened: for reading, or
/// for appending. Through [`open_owned`]: never a symbolic link, never a
/// FIFO's blocking open, only a regular file owned by this user.
fn open_journal(path: &Path, append: bool) -> Result<File, OpenRefusal> {
    let mut options = OpenOptions::new();
    if append {
        options.append(true);
    } else {
        options.read(true);
    }
    open_owned(path, &mut options)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::BufRead;
    use std::process::{Child, Command, Stdio};
    use std::sync::atomic::AtomicBool;
    use std::sync::{Arc, Barrier};

    /// A fresh folder under the system temp folder, removed on drop.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new(tag: &str) -> TempDir {
            static SEQ: AtomicU64 = AtomicU64::new(0);
            let path = std::env::temp_dir().join(format!(
                "touchpoint-store-{tag}-{}-{}",
                std::process::id(),
                SEQ.fetch_add(1, Ordering::Relaxed)
            ));
            let _ = fs::remove_dir_all(&path);
            fs::create_dir_all(&path).unwrap();
            TempDir(path)
        }

        fn path(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    /// A child process killed on drop, so a failing test leaves none behind.
    struct KillOnDrop(Child);

    impl Drop for KillOnDrop {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    }

    fn temp_files(dir: &Path) -> Vec<String> {
        names(dir)
            .into_iter()
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    }

    /// A message fit for a user: no debug dump, no OS error number.
    fn assert_human(message: &str) {
        for bad in ["os error", "Os {", "kind:", "Error {", "code:"] {
            assert!(!message.contains(bad), "{bad:?} in message: {message}");
        }
    }

    /// Runs one test of this binary in a child process, with `var` set.
    fn spawn_self(test: &str, var: &str, value: &Path) -> Child {
        Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                test,
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(var, value)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap()
    }

    // A pid above Linux's largest pid_max (2^22), so no process has it.
    const DEAD_PID: u32 = 1 << 30;

    #[test]
    fn save_then_load_round_trips_and_replaces() {
        let dir = TempDir::new("roundtrip");
        let store = Store::open(dir.path()).unwrap();
        store.save("visit-1", b"first").unwrap();
        assert_eq!(store.load("visit-1").unwrap(), b"first");
        store.save("visit-1", "второй 第二".as_bytes()).unwrap();
        assert_eq!(store.load("visit-1").unwrap(), "второй 第二".as_bytes());
        store.save("empty", b"").unwrap();
        assert_eq!(store.load("empty").unwrap(), b"");
        assert_eq!(
            store.path("visit-1").unwrap(),
            dir.path().join("visits/visit-1.toml")
        );
        assert_eq!(names(store.visits_dir()), ["empty.toml", "visit-1.toml"]);
    }

    #[test]
    fn loading_a_missing_visit_names_it() {
        let dir = TempDir::new("missing");
        let store = Store::open(dir.path()).unwrap();
        let err = store.load("nope").unwrap_err();
        assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
        let message = err.to_string();
        assert!(message.starts_with("no visit nope in "), "{message}");
        assert_human(&message);
    }

    #[test]
    fn readers_never_see_a_partial_file() {
        let dir = TempDir::new("atomic");
        let store = Store::open(dir.path()).unwrap();
        const LEN: usize = 1 << 20;
        let a = vec![b'A'; LEN];
        let b = vec![b'B'; LEN];
        store.save("race", &a).unwrap();
        let done = Arc::new(AtomicBool::new(false));
        let start = Arc::new(Barrier::new(2));
        let reader = {
            let (store, done, start) = (store.clone(), done.clone(), start.clone());
            std::thread::spawn(move || {
                start.wait();
                let mut seen = [0usize; 2];
                while !done.load(Ordering::Acquire) {
                    let bytes = store.load("race").unwrap();
                    assert_eq!(bytes.len(), LEN, "a reader saw a file of another length");
                    let first = bytes[0];
                    assert!(first == b'A' || first == b'B');
                    assert!(
                        bytes.iter().all(|&x| x == first),
                        "a reader saw a torn file"
                    );
                    seen[usize::from(first == b'B')] += 1;
                }
                seen
            })
        };
        start.wait();
        for i in 0..200 {
            store
                .save("race", if i % 2 == 0 { &b } else { &a })
                .unwrap();
        }
        done.store(true, Ordering::Release);
        let seen = reader.join().unwrap();
        assert!(seen[0] + seen[1] > 0, "the reader never read");
        assert_eq!(store.load("race").unwrap(), a);
        assert!(temp_files(store.visits_dir()).is_empty());
    }

    #[test]
    fn no_temp_file_remains_after_saves() {
        let dir = TempDir::new("notemp");
        let store = Store::open(dir.path()).unwrap();
        for i in 0..20 {
            store.save("v", format!("version {i}").as_bytes()).unwrap();
        }
        assert_eq!(names(store.visits_dir()), ["v.toml"]);
    }

    #[test]
    fn save_into_a_removed_folder_fails_and_keeps_the_previous_version() {
        let dir = TempDir::new("removed");
        let store = Store::open(dir.path()).unwrap();
        store.save("v", b"old").unwrap();
        let moved = dir.path().join("moved");
        fs::rename(store.visits_dir(), &moved).unwrap();

        let err = store.save("v", b"new").unwrap_err();
        let message = err.to_string();
        assert_eq!(
            message,
            format!(
                "cannot save visit v: the data folder {} is missing",
                store.visits_dir().display()
            )
        );
        assert!(
            !store.visits_dir().exists(),
            "a failed save made the folder"
        );
        assert_eq!(names(&moved), ["v.toml"]);
        assert_eq!(fs::read(moved.join("v.toml")).unwrap(), b"old");
    }

    #[test]
    fn save_with_a_file_in_the_way_fails_with_a_human_message() {
        let dir = TempDir::new("inway");
        let store = Store::open(dir.path()).unwrap();
        store.save("v", b"old").unwrap();
        let moved = dir.path().join("moved");
        fs::rename(store.visits_dir(), &moved).unwrap();
        fs::write(store.visits_dir(), b"not a folder").unwrap();

        let message = store.save("v", b"new").unwrap_err().to_string();
        assert_eq!(
            message,
            format!(
                "cannot save visit v: a file is in the way at {}",
                store.visits_dir().display()
            )
        );
        assert_eq!(fs::read(store.visits_dir()).unwrap(), b"not a folder");
        assert_eq!(fs::read(moved.join("v.toml")).unwrap(), b"old");

        let message = Store::open(dir.path()).unwrap_err().to_string();
        assert!(message.contains("a file is in the way at"), "{message}");
        assert_human(&message);
    }

    #[test]
    fn a_failed_rename_removes_the_temp_file() {
        let dir = TempDir::new("rename");
        let store = Store::open(dir.path()).unwrap();
        store.save("other", b"other visit").unwrap();
        let blocker = store.path("v").unwrap();
        fs::create_dir(&blocker).unwrap();
        fs::write(blocker.join("inside"), b"x").unwrap();

        let message = store.save("v", b"new").unwrap_err().to_string();
        assert_eq!(
            message,
            format!(
                "cannot save visit v: a folder is in the way at {}",
                blocker.display()
            )
        );
        assert_eq!(names(store.visits_dir()), ["other.toml", "v.toml"]);
        assert!(blocker.is_dir());
        assert_eq!(store.load("other").unwrap(), b"other visit");
    }

    /// Child half of the next test: saves past a 4 KiB file size limit.
    #[test]
    #[ignore = "the child half of the next test, which runs it"]
    fn child_save_past_file_size_limit() {
        let Some(root) = std::env::var_os("TOUCHPOINT_TEST_FSIZE") else {
            return;
        };
        // This process runs only this test, so the process-wide limit
        // touches nothing else.
        crate::os::ignore_file_size_signal();
        crate::os::limit_file_size(4096).unwrap();
        let store = Store::open(Path::new(&root)).unwrap();
        let err = store.save("v", &vec![b'B'; 64 * 1024]).unwrap_err();
        println!("ERROR: {err}");
    }

    #[test]
    fn a_failed_write_removes_the_temp_file_and_keeps_the_previous_version() {
        let dir = TempDir::new("fsize");
        let store = Store::open(dir.path()).unwrap();
        store.save("v", b"old").unwrap();
        let child = spawn_self(
            "store::tests::child_save_past_file_size_limit",
            "TOUCHPOINT_TEST_FSIZE",
            dir.path(),
        );
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "{output:?}");
        let stdout = String::from_utf8(output.stdout).unwrap();
        let line = stdout
            .lines()
            .find_map(|l| l.split_once("ERROR: ").map(|(_, e)| e))
            .expect("the child reported no error");
        assert_eq!(
            line,
            "cannot save visit v: the file is larger than this system allows"
        );
        assert_eq!(names(store.visits_dir()), ["v.toml"]);
        assert_eq!(store.load("v").unwrap(), b"old");
    }

    #[test]
    fn an_oversized_visit_is_refused_by_name() {
        let dir = TempDir::new("big");
        let store = Store::open(dir.path()).unwrap();
        let path = store.path("big").unwrap();
        File::create(&path)
            .unwrap()
            .set_len(MAX_VISIT_BYTES + 1)
            .unwrap();
        let err = store.load("big").unwrap_err();
        assert!(matches!(err, StoreError::TooLarge { .. }), "{err:?}");
        assert!(err.to_string().starts_with(&path.display().to_string()));
        File::create(&path)
            .unwrap()
            .set_len(MAX_VISIT_BYTES)
            .unwrap();
        assert_eq!(store.load("big").unwrap().len() as u64, MAX_VISIT_BYTES);
    }

    #[test]
    fn visit_files_lists_only_visits_sorted() {
        let dir = TempDir::new("list");
        let store = Store::open(dir.path()).unwrap();
        store.save("b-visit", b"b").unwrap();
        store.save("a-visit", b"a").unwrap();
        let _lock = store.lock("a-visit").unwrap();
        let visits = store.visits_dir();
        fs::write(visits.join(temp_name("c-visit", DEAD_PID, 0)), b"c").unwrap();
        fs::write(visits.join("not an id.toml"), b"x").unwrap();
        fs::write(visits.join("notes.txt"), b"x").unwrap();
        fs::create_dir(visits.join("folder.toml")).unwrap();
        assert_eq!(
            store.visit_files().unwrap(),
            [visits.join("a-visit.toml"), visits.join("b-visit.toml")]
        );
    }

    #[test]
    fn bad_ids_are_refused_everywhere() {
        let dir = TempDir::new("ids");
        let store = Store::open(dir.path()).unwrap();
        let long = "a".repeat(MAX_ID_LEN + 1);
        for id in [
            "",
            "../../etc/passwd",
            "..",
            ".hidden",
            "a/b",
            "a.b",
            "-leading",
            "with space",
            "tab\there",
            "nul\0",
            "ünïcode",
            "esc\x1b[31m",
            long.as_str(),
        ] {
            let err = store.path(id).unwrap_err();
            assert!(matches!(err, StoreError::BadId { .. }), "{id:?}: {err:?}");
            assert!(matches!(
                store.save(id, b"x"),
                Err(StoreError::BadId { .. })
            ));
            assert!(matches!(store.load(id), Err(StoreError::BadId { .. })));
            assert!(matches!(store.lock(id), Err(StoreError::BadId { .. })));
            assert!(matches!(
                store.copy_to(id, dir.path(), 0o600),
                Err(StoreError::BadId { .. })
            ));
            let message = err.to_string();
            assert!(message.contains("is not a visit id"), "{message}");
            assert!(!message.contains('\x1b'), "{message:?}");
        }
        for id in [
            "20261122T140312-hotel-metropol-7f3a",
            "A",
            "7",
            "x-",
            &"a".repeat(MAX_ID_LEN),
        ] {
            let path = store.path(id).unwrap();
            assert_eq!(path.parent(), Some(store.visits_dir()), "{id}");
        }
        assert_eq!(names(store.visits_dir()), Vec::<String>::new());
        assert_eq!(
            StoreError::BadId { id: "../x".into() }.to_string(),
            "\"../x\" is not a visit id: use letters, digits and hyphens, starting with a letter or digit, at most 128 characters"
        );
    }

    #[test]
    fn a_second_lock_in_this_process_is_refused_until_the_first_is_dropped() {
        let dir = TempDir::new("lock");
        let store = Store::open(dir.path()).unwrap();
        let lock = store.lock("v").unwrap();
        assert_eq!(lock.id(), "v");
        let before = Timestamp::now();

        let err = store.lock("v").unwrap_err();
        let StoreError::Locked {
            id,
            pid,
            host,
            since,
        } = &err
        else {
            panic!("expected Locked, got {err:?}");
        };
        assert_eq!(id, "v");
        assert_eq!(*pid, Some(std::process::id()));
        assert_eq!(host.as_deref(), Some(host_name().as_str()));
        let since = since.expect("no start time");
        assert!((before.as_second() - since.as_second()).abs() <= 5);
        assert_eq!(
            err.to_string(),
            format!(
                "visit v is open in another session (pid {} on host {} since {}); close it there first",
                std::process::id(),
                host_name(),
                short_time(since)
            )
        );

        // Another visit is independent.
        let other = store.lock("w").unwrap();
        drop(lock);
        let again = store.lock("v").unwrap();
        again.release().unwrap();
        store.lock("v").unwrap();
        drop(other);
    }

    #[test]
    fn a_stale_lock_file_does_not_block() {
        let dir = TempDir::new("stale");
        let store = Store::open(dir.path()).unwrap();
        let path = store.visits_dir().join("v.lock");
        fs::write(&path, "pid=1\nhost=gone\nsince=2020-01-01T00:00:00Z\n").unwrap();
        let lock = store.lock("v").unwrap();
        assert_eq!(lock.path(), path);
        let text = fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with(&format!("pid={}\n", std::process::id())),
            "{text}"
        );
    }

    #[test]
    fn locked_without_holder_details_still_reads_well() {
        let err = StoreError::Locked {
            id: "v".into(),
            pid: None,
            host: Some("evil\x1b]0;x\x07".into()),
            since: None,
        };
        assert_eq!(
            err.to_string(),
            "visit v is open in another session (on host evil\\u{1b}]0;x\\u{7}); close it there first"
        );
    }

    #[test]
    fn errors_are_told_in_russian() {
        use crate::i18n::{Lang, with_lang};
        let locked = StoreError::Locked {
            id: "v".into(),
            pid: Some(4242),
            host: Some("lobby-laptop".into()),
            since: None,
        };
        assert_eq!(
            with_lang(Lang::Ru, || locked.to_string()),
            "визит v открыт в другом сеансе (процесс 4242 на хосте lobby-laptop); сначала закройте его там"
        );
        let full = StoreError::Io {
            action: with_lang(Lang::Ru, || tr!("store-action-save", id = "v")),
            reason: with_lang(Lang::Ru, || {
                reason(
                    &io::Error::from_raw_os_error(crate::os::ENOSPC),
                    Path::new("/nowhere"),
                    DATA_FOLDER,
                    None,
                )
            }),
            source: io::Error::from_raw_os_error(crate::os::ENOSPC),
        };
        assert_eq!(
            with_lang(Lang::Ru, || full.to_string()),
            "не удалось сохранить визит v: диск заполнен; освободите место и попробуйте ещё раз"
        );
        let link = with_lang(Lang::Ru, || {
            refused_link(Path::new("/d/v.toml")).to_string()
        });
        assert!(
            link.starts_with("/d/v.toml не используется: это символическая ссылка"),
            "{link}"
        );
    }

    /// Child half of the next test: holds the lock of visit `held` until killed.
    #[test]
    #[ignore = "the child half of the next test, which runs it"]
    fn child_lock_holder() {
        let Some(root) = std::env::var_os("TOUCHPOINT_TEST_HOLD_LOCK") else {
            return;
        };
        let store = Store::open(Path::new(&root)).unwrap();
        let _lock = store.lock("held").unwrap();
        println!("LOCKED");
        io::stdout().flush().unwrap();
        std::thread::sleep(Duration::from_secs(120));
    }

    #[test]
    fn a_lock_held_by_another_process_is_freed_when_it_is_killed() {
        let dir = TempDir::new("child");
        let store = Store::open(dir.path()).unwrap();
        let mut child = KillOnDrop(spawn_self(
            "store::tests::child_lock_holder",
            "TOUCHPOINT_TEST_HOLD_LOCK",
            dir.path(),
        ));
        let stdout = child.0.stdout.take().unwrap();
        let locked = io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            // libtest prints "test NAME ... " before the child's own output.
            .any(|line| line.ends_with("LOCKED"));
        assert!(locked, "the child did not take the lock");

        match store.lock("held") {
            Err(StoreError::Locked { pid, host, .. }) => {
                assert_eq!(pid, Some(child.0.id()));
                assert_eq!(host, Some(host_name()));
            }
            other => panic!("expected Locked, got {other:?}"),
        }
        child.0.kill().unwrap(); // SIGKILL: no destructor runs in the child
        child.0.wait().unwrap();
        store.lock("held").unwrap();
    }

    #[test]
    fn open_removes_stray_temp_files_unless_their_visit_may_be_saving() {
        let dir = TempDir::new("stray");
        let store = Store::open(dir.path()).unwrap();
        let visits = store.visits_dir().to_path_buf();
        store.save("free", b"saved").unwrap();
        store.save("held", b"saved").unwrap();
        let free = visits.join(temp_name("free", DEAD_PID, 3));
        let never_locked = visits.join(temp_name("new", DEAD_PID, 0));
        let held = visits.join(temp_name("held", DEAD_PID, 5));
        let ours = visits.join(temp_name("free", std::process::id(), u64::MAX));
        for path in [&free, &never_locked, &held, &ours] {
            fs::write(path, b"half a sa").unwrap();
        }
        drop(store.lock("free").unwrap()); // a lock file, not held
        let lock = store.lock("held").unwrap();

        Store::open(dir.path()).unwrap();
        assert!(!free.exists(), "stray of an unlocked visit kept");
        assert!(!never_locked.exists(), "stray of a never locked visit kept");
        assert!(held.exists(), "temp file of a locked visit removed");
        assert!(ours.exists(), "temp file of a live process removed");
        assert_eq!(store.load("free").unwrap(), b"saved");

        drop(lock);
        Store::open(dir.path()).unwrap();
        assert!(!held.exists(), "stray kept after its visit was released");
        assert_eq!(store.load("held").unwrap(), b"saved");
    }

    #[test]
    fn temp_names_parse_back() {
        assert_eq!(
            parse_temp_name(&temp_name("abc-1", 42, 7)),
            Some(("abc-1", 42))
        );
        for name in [
            "abc.toml",
            "abc.lock",
            ".abc.tmp",
            ".abc.42.tmp",
            ".abc.0-1.tmp",
            ".abc.x-1.tmp",
            "..42-1.tmp",
            "./x.42-1.tmp",
            ".a.b.42-1.tmp",
        ] {
            assert_eq!(parse_temp_name(name), None, "{name}");
        }
    }

    #[test]
    fn copy_to_writes_a_copy_and_leaves_the_folder_mode_alone() {
        let dir = TempDir::new("copy");
        let store = Store::open(dir.path()).unwrap();
        store.save("v", b"record").unwrap();
        let out = dir.path().join("out");
        fs::create_dir(&out).unwrap();
        os::set_mode_at(&out, 0o755).unwrap();

        let copy = store.copy_to("v", &out, 0o600).unwrap();
        assert_eq!(copy, out.join("v.toml"));
        assert_eq!(fs::read(&copy).unwrap(), b"record");
        store.save("v", b"final record").unwrap();
        store.copy_to("v", &out, 0o600).unwrap();
        assert_eq!(fs::read(&copy).unwrap(), b"final record");
        assert_eq!(names(&out), ["v.toml"]);
        assert_eq!(os::mode(&fs::metadata(&out).unwrap()) & 0o777, 0o755);

        let nested = dir.path().join("new/deeper");
        assert_eq!(
            fs::read(store.copy_to("v", &nested, 0o600).unwrap()).unwrap(),
            b"final record"
        );
        assert!(matches!(
            store.copy_to("missing", &out, 0o600),
            Err(StoreError::NotFound { .. })
        ));
        let in_the_way = dir.path().join("file");
        fs::write(&in_the_way, b"x").unwrap();
        let message = store
            .copy_to("v", &in_the_way, 0o600)
            .unwrap_err()
            .to_string();
        assert!(message.contains("a file is in the way at"), "{message}");
        assert_human(&message);
    }

    #[test]
    fn open_tightens_a_folder_others_can_read() {
        let dir = TempDir::new("tighten");
        let root = dir.path().join("data");
        fs::create_dir_all(root.join("visits")).unwrap();
        os::set_mode_at(&root, 0o755).unwrap();
        os::set_mode_at(&root.join("visits"), 0o777).unwrap();
        let store = Store::open(&root).unwrap();
        let mode = |p: &Path| os::mode(&fs::metadata(p).unwrap()) & 0o777;
        assert_eq!(mode(&root), 0o700);
        assert_eq!(mode(store.visits_dir()), 0o700);
    }

    #[test]
    fn reasons_are_short_and_plain() {
        let dir = TempDir::new("reasons");
        let folder = dir.path();
        let reason_of =
            |kind: io::ErrorKind| reason(&io::Error::from(kind), folder, DATA_FOLDER, None);
        assert_eq!(
            reason_of(io::ErrorKind::StorageFull),
            "disk full; free some space and try again"
        );
        assert_eq!(
            reason(
                &io::Error::from_raw_os_error(crate::os::ENOSPC),
                folder,
                DATA_FOLDER,
                None
            ),
            "disk full; free some space and try again"
        );
        assert_eq!(
            reason(
                &io::Error::from_raw_os_error(crate::os::EACCES),
                folder,
                DATA_FOLDER,
                None
            ),
            format!(
                "permission denied; check the owner and permissions of {}",
                folder.display()
            )
        );
        let eio = reason(
            &io::Error::from_raw_os_error(crate::os::EIO),
            folder,
            DATA_FOLDER,
            None,
        );
        assert_eq!(eio, "input/output error");
    }
}
