//! The shared-server rules, in one place: how every file of the program is
//! opened and read (docs/store.md, "On a shared server").
//!
//! - [`open`]: never blocks (a FIFO or a device planted under a file's name
//!   cannot hang the program), never takes a terminal as the controlling
//!   one, and follows a symbolic link at the last component only when the
//!   caller says so ([`Links`]).
//! - [`read_capped`]: what is read is a regular file (checked with `fstat`
//!   on the open file), at most `cap` bytes, counted again while reading
//!   (the file may grow meanwhile). The one capped read: records, journals,
//!   change logs, kept and user checklists, `config.toml`, review files,
//!   evidence and the trash read through it, each caller putting a refusal
//!   in its own words.
//! - [`open_owned`], [`check_owned`]: the data folder's files, never
//!   through a link and only a regular file of this user; [`check_folder`]:
//!   a folder of this user, closed to others.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

use super::{StoreError, io_error, plain_reason};
use crate::os::{self, Kind};
use crate::tr;

/// Whether [`open`] follows a symbolic link at the last component of a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// Refused: the open fails (`ELOOP`, see [`crate::os::is_link_refusal`]).
    /// Every file of the data folder, review files.
    Refuse,
    /// Followed (what it leads to is still checked): a checklist or a file
    /// the user named, `config.toml`, a record read by path.
    Follow,
}

/// Opens `path` with `options`, without blocking and without taking a
/// terminal as the controlling one, following a link at its last component
/// only with [`Links::Follow`]. Nothing is checked yet: reading goes through
/// [`read_capped`], the data folder's files through [`open_owned`].
pub fn open(path: &Path, options: &mut OpenOptions, links: Links) -> io::Result<File> {
    crate::os::open_flags(options, links == Links::Follow).open(path)
}

/// Why [`read_capped`] read nothing. Each caller says it in its own words.
#[derive(Debug)]
pub enum ReadError {
    /// The system could not open or read it.
    Io(io::Error),
    /// Not a regular file: a folder, a FIFO, a device…
    NotRegular(fs::FileType),
    /// Larger than the cap: `size` bytes by `fstat`, or, when `grew`, at
    /// least `size` bytes read from a file that grew while it was read.
    TooLarge {
        /// The size found.
        size: u64,
        /// Whether it passed the cap while being read (`fstat` said less).
        grew: bool,
    },
}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        ReadError::Io(e)
    }
}

/// The rest of the open `file` from where it stands: a regular file (by
/// `fstat`) of at most `cap` bytes, counted again while reading.
pub fn read_capped(file: &File, cap: u64) -> Result<Vec<u8>, ReadError> {
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(meta.file_type()));
    }
    if meta.len() > cap {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            grew: false,
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // One byte past the cap: the file may have grown since fstat.
    file.take(cap + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            grew: true,
        });
    }
    Ok(bytes)
}

/// [`open`] for reading, then [`read_capped`]: the bytes of the file at
/// `path`. A missing file is `ReadError::Io` of kind `NotFound`.
pub fn read_file(path: &Path, links: Links, cap: u64) -> Result<Vec<u8>, ReadError> {
    let file = open(path, OpenOptions::new().read(true), links)?;
    read_capped(&file, cap)
}

/// The effective user id of this process.
pub(crate) fn euid() -> u32 {
    crate::os::euid()
}

/// Checks that `folder` is a folder owned by this user, as OpenSSH checks
/// `~/.ssh`, and takes the permission bits `closed` (0o077: everything;
/// 0o022: writing) away from group and others when they have them.
///
/// Refuses a folder of another user: root pointed at a folder someone else
/// owns would otherwise write into a place that user controls, where a link
/// planted later could turn a write into the overwrite of root's files.
pub fn check_folder(folder: &Path, label: &str, closed: u32) -> Result<(), StoreError> {
    let meta = fs::metadata(folder).map_err(|e| {
        io_error(
            tr!(
                "store-action-open-folder",
                folder = label,
                path = folder.display().to_string()
            ),
            e,
            folder,
            label,
            None,
        )
    })?;
    if !meta.is_dir() {
        return Err(io_error(
            tr!(
                "store-action-open-folder",
                folder = label,
                path = folder.display().to_string()
            ),
            io::Error::from(io::ErrorKind::NotADirectory),
            folder,
            label,
            None,
        ));
    }
    let owner = os::owner(&meta);
    if owner != euid() {
        return Err(StoreError::Refused {
            path: folder.to_path_buf(),
            why: tr!("store-why-foreign-folder", folder = label, uid = owner),
        });
    }
    let mode = os::mode(&meta);
    if mode & closed != 0 {
        os::set_mode_at(folder, mode & !closed).map_err(|e| StoreError::Refused {
            path: folder.to_path_buf(),
            why: tr!(
                "store-why-folder-open",
                folder = label,
                mode = format!("{mode:04o}"),
                reason = plain_reason(&e)
            ),
        })?;
    }
    Ok(())
}

/// Opens `path` with `options` without following a symbolic link at its last
/// component (`O_NOFOLLOW`) and without blocking on a FIFO (`O_NONBLOCK`),
/// then checks with `fstat` that what was opened is a regular file owned by
/// this user. Anything else is refused by name and left as it is. With
/// `create`, a new file is made with `mode`.
///
/// Every file the store reads, writes or locks is opened through here, so a
/// link planted at `visits/<id>.lock` cannot make a save truncate the file
/// it points to.
pub fn open_owned(path: &Path, options: &mut OpenOptions) -> Result<File, OpenRefusal> {
    crate::fault::check(crate::fault::Op::Open).map_err(OpenRefusal::Io)?;
    let file = open(path, options, Links::Refuse).map_err(|e| {
        // ELOOP is what O_NOFOLLOW answers for a link.
        if crate::os::is_link_refusal(&e)
            && fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
        {
            OpenRefusal::Refused(refused_link(path))
        } else {
            OpenRefusal::Io(e)
        }
    })?;
    check_owned(&file, path).map_err(OpenRefusal::Refused)?;
    Ok(file)
}

/// Why [`open_owned`] failed: a refusal of what is there, or an I/O error.
#[derive(Debug)]
pub enum OpenRefusal {
    /// A link, a non-regular file, or another user's file.
    Refused(StoreError),
    /// The system could not open it (missing, permission denied…).
    Io(io::Error),
}

impl OpenRefusal {
    /// The refusal as a store error, with an I/O error described by `io`.
    pub(crate) fn or_io(self, io: impl FnOnce(io::Error) -> StoreError) -> StoreError {
        match self {
            OpenRefusal::Refused(e) => e,
            OpenRefusal::Io(e) => io(e),
        }
    }
}

pub(crate) fn refused_link(path: &Path) -> StoreError {
    StoreError::Refused {
        path: path.to_path_buf(),
        why: tr!("store-why-link"),
    }
}

/// Checks an open file: a regular file, owned by this user.
pub fn check_owned(file: &File, path: &Path) -> Result<(), StoreError> {
    let refused = |why: String| StoreError::Refused {
        path: path.to_path_buf(),
        why,
    };
    let meta = file
        .metadata()
        .map_err(|e| refused(tr!("store-why-cannot-check", reason = plain_reason(&e))))?;
    if !meta.is_file() {
        return Err(refused(tr!(
            "store-why-not-regular",
            kind = kind_of(&meta.file_type())
        )));
    }
    let owner = os::owner(&meta);
    if owner != euid() {
        return Err(refused(tr!("store-why-foreign-file", uid = owner)));
    }
    Ok(())
}

/// "a FIFO", "a folder", … for messages.
pub(crate) fn kind_of(kind: &fs::FileType) -> String {
    match os::kind(kind) {
        Kind::Folder => tr!("store-kind-folder"),
        Kind::Fifo => tr!("store-kind-fifo"),
        Kind::CharDevice => tr!("store-kind-char-device"),
        Kind::BlockDevice => tr!("store-kind-block-device"),
        Kind::Socket => tr!("store-kind-socket"),
        Kind::Symlink => tr!("store-kind-symlink"),
        Kind::Regular | Kind::Other => tr!("store-kind-regular"),
    }
}

/// Sets an open file's mode unless it already has it.
pub(crate) fn ensure_mode(file: &File, mode: u32) -> io::Result<()> {
    if os::mode(&file.metadata()?) != mode {
        os::set_mode(file, mode)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{Links, ReadError, read_file};
    use crate::os::symlink;

    fn temp(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("tp-open-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn the_capped_read_takes_regular_files_up_to_the_cap_only() {
        let dir = temp("capped");
        let file = dir.join("f.toml");
        std::fs::write(&file, b"0123456789").unwrap();
        assert_eq!(read_file(&file, Links::Refuse, 10).unwrap(), b"0123456789");
        match read_file(&file, Links::Refuse, 9) {
            Err(ReadError::TooLarge {
                size: 10,
                grew: false,
            }) => {}
            other => panic!("{other:?}"),
        }
        // A folder, and a FIFO: refused at once, the FIFO's open not waiting.
        assert!(matches!(
            read_file(&dir, Links::Follow, 10),
            Err(ReadError::NotRegular(kind)) if kind.is_dir()
        ));
        let fifo = dir.join("fifo.toml");
        crate::os::make_fifo(&fifo).unwrap();
        assert!(matches!(
            read_file(&fifo, Links::Follow, 10),
            Err(ReadError::NotRegular(kind)) if !kind.is_dir()
        ));
        // A link: refused by the open itself, or followed to its file.
        let link = dir.join("link.toml");
        symlink(&file, &link).unwrap();
        match read_file(&link, Links::Refuse, 10) {
            Err(ReadError::Io(e)) => assert!(crate::os::is_link_refusal(&e), "{e}"),
            other => panic!("{other:?}"),
        }
        assert_eq!(read_file(&link, Links::Follow, 10).unwrap(), b"0123456789");
        let _ = std::fs::remove_dir_all(dir);
    }
}
