//! Review files on disk, under the store's shared-server rules: read only
//! from regular files (never a FIFO, never through a link), capped; appended
//! under an exclusive `flock` of the review file itself, so that two
//! reviewers appending at once keep both entries; a new file made with
//! `O_EXCL` and the mode of its folder's rule (0600 in the data folder, the
//! config's `export_mode` elsewhere); every append flushed to disk.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::{MAX_REVIEW_BYTES, ReviewFile, State, check_about, fold, parse};
use crate::store::open::{self, Links, ReadError, read_capped};
use crate::text::escaped_line;
use crate::tr;

/// `<dir>/<id>.review.toml` beside the record `<dir>/<id>.toml`.
pub fn review_path(record: &Path) -> PathBuf {
    let stem = record
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    record.with_file_name(format!("{stem}.review.toml"))
}

/// Whether `path` names a review file (`….review.toml`), which is never a
/// record.
pub fn is_review_file(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().ends_with(".review.toml"))
}

/// The sha256 of `bytes`, in lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Why a review file could not be used, in the interface language, naming it.
fn io_problem(path: &Path, e: &io::Error) -> String {
    format!(
        "{}: {}",
        escaped_line(&path.display().to_string()),
        crate::checklist::io_reason(e)
    )
}

/// Reads the review file at `path`: `None` when there is none. A link, a
/// FIFO, a file too large or one that does not parse is refused, naming it
/// (with `line:column` where there is one).
pub fn read(path: &Path) -> Result<Option<ReviewFile>, String> {
    let file = match open::open(path, OpenOptions::new().read(true), Links::Refuse) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) if crate::os::is_link_refusal(&e) => {
            return Err(tr!(
                "review-link-refused",
                path = escaped_line(&path.display().to_string())
            ));
        }
        Err(e) => return Err(io_problem(path, &e)),
    };
    // A shared lock while reading: a reviewer appending holds the exclusive
    // one from reading the file to flushing the entry, so this never reads
    // half an entry. Where locks are not to be had (some network file
    // systems) the file is read without one.
    let _ = file.lock_shared();
    let text = read_open(&file, path)?;
    let _ = file.unlock();
    // An empty file is one another reviewer has just made and not yet
    // written (it takes its lock after creating it): no review yet.
    if text.is_empty() {
        return Ok(None);
    }
    parse(&path.display().to_string(), &text)
        .map(Some)
        .map_err(|d| d.to_string())
}

/// The text of an open review file: a regular file of at most
/// [`MAX_REVIEW_BYTES`], in UTF-8, read from where it stands (each caller
/// hands in a file just opened).
fn read_open(file: &File, path: &Path) -> Result<String, String> {
    let shown = escaped_line(&path.display().to_string());
    let bytes = read_capped(file, MAX_REVIEW_BYTES).map_err(|e| match e {
        ReadError::Io(e) => io_problem(path, &e),
        ReadError::NotRegular(_) => tr!("review-not-regular", path = shown.as_str()),
        ReadError::TooLarge { size, .. } => {
            tr!("review-too-large", path = shown.as_str(), size = size)
        }
    })?;
    String::from_utf8(bytes).map_err(|_| tr!("review-not-utf8", path = shown))
}

/// A review file found beside a record, and what it comes to.
#[derive(Debug, Clone)]
pub struct Found {
    /// Where it is.
    pub path: PathBuf,
    /// What its entries come to.
    pub state: State,
}

/// The review of record `id` (whose bytes hash to `sha256`) among the
/// review files at `candidates`, in order: the first that exists and is
/// about this record. Each one that cannot be read, is about another
/// record, or whose `record_sha256` does not match is named in the
/// returned warnings and ignored.
pub fn find(candidates: &[PathBuf], id: &str, sha256: &str) -> (Option<Found>, Vec<String>) {
    let mut warnings = Vec::new();
    for path in candidates {
        match read(path) {
            Ok(None) => {}
            Ok(Some(file)) => {
                let shown = escaped_line(&path.display().to_string());
                match check_about(&file, &shown, id, sha256) {
                    Ok(()) => {
                        return (
                            Some(Found {
                                path: path.clone(),
                                state: fold(&file.entry),
                            }),
                            warnings,
                        );
                    }
                    Err(why) => warnings.push(tr!("review-ignored", why = why)),
                }
            }
            Err(why) => warnings.push(tr!("review-ignored", why = why)),
        }
    }
    (None, warnings)
}

/// The review beside the record file `record` (whose `[visit] id` is `id`),
/// hashing the record's bytes only when a review file is there.
pub fn beside(record: &Path, id: &str) -> (Option<Found>, Vec<String>) {
    let path = review_path(record);
    if std::fs::symlink_metadata(&path).is_err() {
        return (None, Vec::new());
    }
    match read_record_bytes(record) {
        Ok(bytes) => find(&[path], id, &sha256_hex(&bytes)),
        Err(why) => (None, vec![tr!("review-ignored", why = why)]),
    }
}

/// The bytes of a record file: a regular file (opened without blocking),
/// at most a record's size.
pub fn read_record_bytes(path: &Path) -> Result<Vec<u8>, String> {
    let cap = crate::record::MAX_RECORD_BYTES as u64;
    open::read_file(path, Links::Follow, cap).map_err(|e| match e {
        ReadError::Io(e) => io_problem(path, &e),
        ReadError::NotRegular(_) => tr!(
            "review-not-regular",
            path = escaped_line(&path.display().to_string())
        ),
        // What the record reader says of it.
        ReadError::TooLarge { size, .. } => crate::checklist::Diagnostic {
            path: path.display().to_string(),
            at: Some((1, 1)),
            message: tr!(
                "record-too-large",
                size = size,
                most = crate::record::MAX_RECORD_BYTES / 1024 / 1024
            ),
        }
        .to_string(),
    })
}

/// Where the review file goes and with what rules.
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    /// The mode of a new review file.
    pub mode: u32,
    /// Whether it is in the auditor's data folder: then only a file of this
    /// user is written. Elsewhere a file of another user is appended to when
    /// it is shared the way an export folder is: in a setgid folder, of the
    /// folder's group (a second reviewer of the group).
    pub private: bool,
}

/// Appends `entry` (the text of one `[[entry]]`) to the review file of the
/// record at `record`, `id`, whose bytes hash to `sha256`, making the file
/// with its header when there is none. Holds an exclusive `flock` on the
/// review file from reading it to flushing the entry: a second reviewer
/// appending at the same time waits, then appends after. A file that is
/// not this record's review (another record, other bytes), a link, or not
/// a regular file is refused and nothing is written. Returns the file's path.
pub fn append(
    record: &Path,
    id: &str,
    sha256: &str,
    entry: &str,
    rules: Rules,
) -> Result<PathBuf, String> {
    let path = review_path(record);
    let shown = escaped_line(&path.display().to_string());
    for _ in 0..100 {
        crate::fault::check(crate::fault::Op::Open).map_err(|e| io_problem(&path, &e))?;
        let opened = open::open(
            &path,
            OpenOptions::new().read(true).append(true),
            Links::Refuse,
        );
        let (file, created) = match opened {
            Ok(file) => (file, false),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                match open::open(
                    &path,
                    crate::os::new_file_mode(
                        OpenOptions::new().read(true).append(true).create_new(true),
                        rules.mode,
                    ),
                    Links::Refuse,
                ) {
                    Ok(file) => (file, true),
                    // Another reviewer made it first: append to theirs.
                    Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                    Err(e) => return Err(io_problem(&path, &e)),
                }
            }
            Err(e) if crate::os::is_link_refusal(&e) => {
                return Err(tr!("review-link-refused", path = shown));
            }
            Err(e) => return Err(io_problem(&path, &e)),
        };
        if created {
            // The umask may have taken bits from the mode.
            let _ = crate::os::set_mode(&file, rules.mode);
        }
        check_shared(&file, &path, rules)?;
        file.lock().map_err(|e| io_problem(&path, &e))?;
        // Between the open and the lock the name may have been given to
        // another file (a reviewer's tool that rewrites): start again.
        let same = std::fs::symlink_metadata(&path).ok().is_some_and(|now| {
            let held = file.metadata();
            held.is_ok_and(|held| crate::os::same_file(&held, &now))
        });
        if !same {
            continue;
        }
        let text = read_open(&file, &path)?;
        let mut out = String::new();
        if text.is_empty() {
            out.push_str(&super::header_toml(id, sha256));
        } else {
            let review = parse(&path.display().to_string(), &text).map_err(|d| d.to_string())?;
            check_about(&review, &shown, id, sha256)?;
            if !text.ends_with('\n') {
                out.push('\n');
            }
        }
        out.push_str(entry);
        let written = crate::fault::check(crate::fault::Op::Write)
            .and_then(|()| (&file).write_all(out.as_bytes()))
            .and_then(|()| crate::fault::check(crate::fault::Op::Sync))
            .and_then(|()| file.sync_all());
        if let Err(e) = written {
            // Whatever part of the entry reached the file is cut off again,
            // so that the file still parses.
            let _ = file.set_len(text.len() as u64);
            return Err(io_problem(&path, &e));
        }
        if created && let Some(dir) = path.parent() {
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            crate::store::sync_dir(dir).map_err(|e| io_problem(&path, &e))?;
        }
        let _ = file.unlock();
        return Ok(path);
    }
    Err(tr!("review-busy", path = shown))
}

/// Checks an open review file before anything is written to it: a regular
/// file with one name (no hard link to another file), of this user — or,
/// outside the data folder, of the setgid folder's group.
fn check_shared(file: &File, path: &Path, rules: Rules) -> Result<(), String> {
    let shown = escaped_line(&path.display().to_string());
    let meta = file.metadata().map_err(|e| io_problem(path, &e))?;
    if !meta.is_file() {
        return Err(tr!("review-not-regular", path = shown));
    }
    if crate::os::links(&meta) > 1 {
        return Err(tr!("review-hard-link", path = shown));
    }
    let me = crate::os::euid();
    let owner = crate::os::owner(&meta);
    if owner == me {
        return Ok(());
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let shared = !rules.private
        && std::fs::metadata(dir).is_ok_and(|d| crate::os::shared_by_group(&d, &meta));
    if shared {
        Ok(())
    } else {
        Err(tr!("review-foreign-file", path = shown, uid = owner))
    }
}
