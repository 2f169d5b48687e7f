//! Checklist files and folders, read under the shared-server rules: the
//! disk side of [`crate::checklist`], which only validates bytes.

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};

use super::open::{self, Links, ReadError, read_capped};
use crate::checklist::{Diagnostic, Loaded, MAX_FILE_BYTES, Source, from_bytes, io_reason};
use crate::record::RecordFile;

/// Deepest folder [`files_in`] descends into below the folder it was given.
pub const MAX_DEPTH: usize = 16;

/// Reads and validates the checklist file at `path`.
pub fn read(path: &Path, source: Source) -> Result<Loaded, Vec<Diagnostic>> {
    let shown = path.display().to_string();
    let bytes = read_bytes(path).map_err(|message| vec![Diagnostic::file(&shown, message)])?;
    from_bytes(&shown, &bytes, source)
}

/// The bytes of the checklist file at `path`, or why they cannot be read.
///
/// Only a regular file is read: it is opened without blocking and checked
/// with `fstat` before any byte is read, so a FIFO named `*.toml` cannot hang
/// the program, and the size is capped while reading. A link is followed
/// (users gather checklists so).
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, String> {
    let file = match open::open(path, OpenOptions::new().read(true), Links::Follow) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(crate::tr!("io-not-found"));
        }
        Err(e) => return Err(crate::tr!("session-cannot-read", reason = io_reason(&e))),
    };
    read_capped(&file, MAX_FILE_BYTES).map_err(|e| match e {
        ReadError::Io(e) => crate::tr!("session-cannot-read", reason = io_reason(&e)),
        ReadError::NotRegular(kind) if kind.is_dir() => crate::tr!("checklist-is-folder"),
        ReadError::NotRegular(_) => crate::tr!("checklist-not-regular"),
        ReadError::TooLarge { size, grew: false } => crate::tr!(
            "checklist-too-large",
            size = size,
            most = MAX_FILE_BYTES / 1024 / 1024
        ),
        ReadError::TooLarge { grew: true, .. } => crate::tr!(
            "checklist-grew-too-large",
            most = MAX_FILE_BYTES / 1024 / 1024
        ),
    })
}

/// The bytes a loaded checklist was read from, when they can still be had:
/// the text compiled in, or the file read again if its hash still matches.
pub fn source_bytes(loaded: &Loaded) -> Option<Vec<u8>> {
    let bytes = match &loaded.source {
        Source::Bundled(id) => {
            return crate::checklist::bundled_source(id, &loaded.sha256).map(<[u8]>::to_vec);
        }
        Source::User(path) | Source::Path(path) => read_bytes(path).ok()?,
    };
    (crate::checklist::sha256_hex(&bytes) == loaded.sha256).then_some(bytes)
}

/// The `.toml` files under `folder`, recursively, in name order.
///
/// Links to folders are followed (a checklist folder may gather others), but
/// each folder is visited once, by device and inode, and no deeper than
/// [`MAX_DEPTH`], so links that loop cannot make the walk endless
/// ([`super::walk::files_under`]).
pub fn files_in(folder: &Path) -> std::io::Result<Vec<PathBuf>> {
    super::walk::files_under(folder, "toml", MAX_DEPTH)
}

/// The checklists a record names, as the readers of records load them.
/// Loads the checklist a record's `source` names: `bundled:ID` from the
/// checklists compiled into the program, anything else as a file path.
pub fn load_source(source: &str) -> Result<Loaded, Vec<Diagnostic>> {
    match source.strip_prefix("bundled:") {
        Some(id) => crate::checklist::bundled_by_id(id).unwrap_or_else(|| {
            Err(vec![Diagnostic::file(
                source,
                crate::tr!("record-no-bundled"),
            )])
        }),
        None => {
            let path = PathBuf::from(source);
            read(Path::new(source), Source::Path(path))
        }
    }
}

/// Loads every checklist `record` names, with [`load_source`]; each one that
/// cannot be loaded is a warning naming its problems.
pub fn load_checklists(record: &RecordFile) -> (Vec<Loaded>, Vec<String>) {
    let (loaded, warnings, _) = load_checklists_kept(record, |_| None);
    (loaded, warnings)
}

/// As [`load_checklists`], but a checklist whose source is gone or no longer
/// has the recorded sha256 comes from `kept`, the copy kept by that hash
/// (the data folder's `checklists/`), when there is one. The third list says
/// which checklists came from a kept copy, and why, for the auditor.
pub fn load_checklists_kept(
    record: &RecordFile,
    kept: impl Fn(&str) -> Option<Vec<u8>>,
) -> (Vec<Loaded>, Vec<String>, Vec<String>) {
    let mut loaded = Vec::new();
    let mut warnings = Vec::new();
    let mut from_copy = Vec::new();
    for wanted in &record.checklists {
        let found = load_source(&wanted.source);
        if found.as_ref().is_ok_and(|l| l.sha256 == wanted.sha256) {
            loaded.extend(found.ok());
            continue;
        }
        let copy = kept(&wanted.sha256).and_then(|bytes| {
            let shown = crate::tr!("record-kept-copy-of", source = &wanted.source);
            from_bytes(&shown, &bytes, Source::Path(PathBuf::from(&wanted.source))).ok()
        });
        match (found, copy) {
            (found, Some(copy)) => {
                let why = if found.is_ok() { "changed" } else { "gone" };
                from_copy.push(crate::tr!(
                    "record-from-copy",
                    why = why,
                    id = &wanted.id,
                    source = crate::text::escape(&wanted.source).into_owned()
                ));
                loaded.push(copy);
            }
            (Ok(l), None) => loaded.push(l),
            (Err(problems), None) => {
                let why: Vec<String> = problems.iter().map(ToString::to_string).collect();
                warnings.push(crate::tr!(
                    "record-cannot-load",
                    id = &wanted.id,
                    problems = why.join("; ")
                ));
            }
        }
    }
    (loaded, warnings, from_copy)
}
