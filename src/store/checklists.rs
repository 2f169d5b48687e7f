//! Checklist files and folders, read under the shared-server rules: the
//! disk side of [`crate::checklist`], which only validates bytes.

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};

use super::open::{self, Links, ReadError, read_capped};
use crate::checklist::{Diagnostic, Loaded, MAX_FILE_BYTES, Source, from_bytes, io_reason};

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
