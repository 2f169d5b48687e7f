//! The operating system's calls, behind a plain Rust API: every `libc` call
//! of the program is here, each `unsafe` block with why it is sound, and
//! every use of std's Unix-only parts (`std::os::unix`, `std::os::fd`):
//! owners, modes, device and inode, link counts, file kinds, `pread`.
//! Nothing else in `src/` names them, so a port replaces this file only.
//!
//! Unix only (`cfg(unix)` in `lib.rs`). A Windows twin would give the same
//! functions with `LockFileEx` (std's `File::lock` already uses it), console
//! control events for the signals, and ACLs for ownership and privacy: see
//! docs/architecture.md, "Windows".

use std::fs::{self, File, FileType, Metadata, OpenOptions, Permissions};
use std::io;
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::fs::{
    DirBuilderExt, FileExt, FileTypeExt, MetadataExt, OpenOptionsExt, PermissionsExt,
};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// System error numbers the program tells apart (in `io::Error::raw_os_error`).
pub use libc::{EACCES, EIO, ELOOP, ENOENT, ENOSPC, ENXIO, EPERM};

/// Whether an open with [`open_flags`]`(false)` failed because the last
/// component of the path is a symbolic link (`O_NOFOLLOW` answers `ELOOP`).
pub fn is_link_refusal(error: &io::Error) -> bool {
    error.raw_os_error() == Some(libc::ELOOP)
}

/// Sets `options` to open without blocking (a FIFO or a device never makes
/// the open wait), without taking a terminal as the controlling one, and,
/// unless `follow_links`, without following a symbolic link at the last
/// component of the path.
pub fn open_flags(options: &mut OpenOptions, follow_links: bool) -> &mut OpenOptions {
    let mut flags = libc::O_NONBLOCK | libc::O_NOCTTY;
    if !follow_links {
        flags |= libc::O_NOFOLLOW;
    }
    options.custom_flags(flags)
}

/// Makes an open file blocking again (after [`open_flags`]), so that a slow
/// terminal gets every byte written to it.
pub fn set_blocking(file: &File) -> io::Result<()> {
    let fd = file.as_raw_fd();
    // SAFETY: fcntl on a descriptor `file` owns and keeps open for the call;
    // F_GETFL and F_SETFL read and set flags and touch no memory.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    if flags < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: as above.
    if unsafe { libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK) } < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// The user id of the owner of a file: ours when it equals [`euid`].
pub fn owner(meta: &Metadata) -> u32 {
    meta.uid()
}

/// The permission bits of a file (`0o7777`: the setuid, setgid and sticky
/// bits and the owner, group and others' read, write and run bits).
pub fn mode(meta: &Metadata) -> u32 {
    meta.permissions().mode() & 0o7777
}

/// Gives the file at `path` the permission bits `mode` (following a link).
pub fn set_mode_at(path: &Path, mode: u32) -> io::Result<()> {
    fs::set_permissions(path, Permissions::from_mode(mode))
}

/// Gives an open file the permission bits `mode`.
pub fn set_mode(file: &File, mode: u32) -> io::Result<()> {
    file.set_permissions(Permissions::from_mode(mode))
}

/// Sets the permission bits a file made by this open gets (less the
/// umask's: [`set_mode`] after the open makes them exact).
pub fn new_file_mode(options: &mut OpenOptions, mode: u32) -> &mut OpenOptions {
    options.mode(mode)
}

/// Makes the folder `path` (its parent must exist) with the permission bits
/// `mode`, less the umask's.
pub fn create_dir(path: &Path, mode: u32) -> io::Result<()> {
    fs::DirBuilder::new().mode(mode).create(path)
}

/// Whether a file lives in a folder its team shares: `folder` has the setgid
/// bit (new files take its group) and `file` is of that group.
pub fn shared_by_group(folder: &Metadata, file: &Metadata) -> bool {
    folder.mode() & 0o2000 != 0 && folder.gid() == file.gid()
}

/// How many names (hard links) a file has.
pub fn links(meta: &Metadata) -> u64 {
    meta.nlink()
}

/// Which file this is on this computer (device and inode): equal for two
/// names of one file, as [`same_file`] compares them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FileId(u64, u64);

/// The [`FileId`] of a file.
pub fn file_id(meta: &Metadata) -> FileId {
    FileId(meta.dev(), meta.ino())
}

/// Whether two descriptions are of one file (one device, one inode): a name
/// still leads to the file held open, or a hard link leads into a folder.
pub fn same_file(a: &Metadata, b: &Metadata) -> bool {
    file_id(a) == file_id(b)
}

/// Whether `meta` is the null device or `/dev/tty` (the process's own
/// terminal, whoever owns the node): a character device with the device
/// number of one of them.
pub fn null_or_tty(meta: &Metadata) -> bool {
    kind(&meta.file_type()) == Kind::CharDevice
        && ["/dev/null", "/dev/tty"]
            .iter()
            .any(|name| fs::metadata(name).is_ok_and(|dev| same_device(meta, &dev)))
}

/// Whether two character devices are one device (one device number under
/// two names, as `/dev/stdout` may be `/dev/tty`); false unless both are
/// character devices.
fn same_device(a: &Metadata, b: &Metadata) -> bool {
    kind(&a.file_type()) == Kind::CharDevice
        && kind(&b.file_type()) == Kind::CharDevice
        && a.rdev() == b.rdev()
}

/// What a name in the file system is, for the checks and messages that tell
/// them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A regular file.
    Regular,
    /// A folder.
    Folder,
    /// A symbolic link (as `symlink_metadata` sees it).
    Symlink,
    /// A FIFO (named pipe).
    Fifo,
    /// A Unix socket.
    Socket,
    /// A character device: a terminal, `/dev/null`…
    CharDevice,
    /// A block device: a disk.
    BlockDevice,
    /// Anything else the system may have.
    Other,
}

/// The [`Kind`] of a file type.
pub fn kind(kind: &FileType) -> Kind {
    if kind.is_file() {
        Kind::Regular
    } else if kind.is_dir() {
        Kind::Folder
    } else if kind.is_symlink() {
        Kind::Symlink
    } else if kind.is_fifo() {
        Kind::Fifo
    } else if kind.is_socket() {
        Kind::Socket
    } else if kind.is_char_device() {
        Kind::CharDevice
    } else if kind.is_block_device() {
        Kind::BlockDevice
    } else {
        Kind::Other
    }
}

/// Reads into `buf` from byte `offset` of an open file, without moving its
/// position (`pread`): what another process wrote there, however this
/// process has used the file.
pub fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    file.read_at(buf, offset)
}

/// Writes all of `bytes` at byte `offset` of an open file, without moving
/// its position (`pwrite`).
pub fn write_all_at(file: &File, bytes: &[u8], offset: u64) -> io::Result<()> {
    file.write_all_at(bytes, offset)
}

/// The effective user id of this process.
pub fn euid() -> u32 {
    // SAFETY: geteuid cannot fail and touches no memory.
    unsafe { libc::geteuid() }
}

/// The login name of the effective user, from the password database.
pub fn user_name() -> Option<String> {
    // SAFETY: getpwuid returns null or a pointer to a static record that
    // stays valid until the next getpw* call; its name is copied out at
    // once, before any other call could reuse it.
    unsafe {
        let entry = libc::getpwuid(libc::geteuid());
        if entry.is_null() || (*entry).pw_name.is_null() {
            return None;
        }
        let name = std::ffi::CStr::from_ptr((*entry).pw_name);
        name.to_str().ok().map(str::to_owned)
    }
}

/// Whether a process with this id exists on this host (of any user).
pub fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    if pid <= 0 {
        return false;
    }
    // SAFETY: signal 0 only checks that the process exists; nothing is sent.
    let rc = unsafe { libc::kill(pid, 0) };
    // EPERM: it exists but belongs to another user.
    rc == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// This computer's host name, if the system tells it.
pub fn host_name() -> Option<String> {
    let mut buf = [0u8; 256];
    // SAFETY: the pointer and length describe `buf`, which outlives the call.
    let rc = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
    if rc != 0 {
        return None;
    }
    let end = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    Some(String::from_utf8_lossy(&buf[..end]).into_owned())
}

/// The local offset from UTC, in seconds, at `second` (Unix time), as the
/// C library knows it (`TZ` or `/etc/localtime`, summer time followed).
pub fn local_offset_seconds(second: i64) -> Option<i64> {
    let time: libc::time_t = second;
    // SAFETY: an all-zero `tm` is a valid value of a plain C struct.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    // SAFETY: localtime_r reads `time` and writes `tm`, both valid for the call.
    let found = unsafe { !libc::localtime_r(&time, &mut tm).is_null() };
    // `c_long`: i64 here, i32 on 32-bit systems.
    #[allow(clippy::useless_conversion)]
    let offset = i64::from(tm.tm_gmtoff);
    found.then_some(offset)
}

/// Makes a write past the file size limit (`ulimit -f`) fail with `EFBIG`
/// rather than kill the process with `SIGXFSZ`.
pub fn ignore_file_size_signal() {
    // SAFETY: setting a signal's disposition to "ignore" has no preconditions.
    unsafe { libc::signal(libc::SIGXFSZ, libc::SIG_IGN) };
}

/// Sets this process's file size limit (`ulimit -f`) to `bytes`: for the
/// tests that fill a disk.
#[cfg(test)]
pub fn limit_file_size(bytes: u64) -> io::Result<()> {
    let limit = libc::rlimit {
        rlim_cur: bytes as libc::rlim_t,
        rlim_max: bytes as libc::rlim_t,
    };
    // SAFETY: setrlimit reads the struct it is given, valid for the call.
    if unsafe { libc::setrlimit(libc::RLIMIT_FSIZE, &limit) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Makes a FIFO at `path` (0600): for the tests of what refuses one.
#[cfg(test)]
pub fn make_fifo(path: &std::path::Path) -> io::Result<()> {
    let path = std::ffi::CString::new(path.as_os_str().as_encoded_bytes())
        .map_err(|_| io::Error::from(io::ErrorKind::InvalidInput))?;
    // SAFETY: mkfifo reads a NUL-terminated path valid for the call.
    if unsafe { libc::mkfifo(path.as_ptr(), 0o600) } != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Makes a symbolic link at `link` to `target`: for the tests of what
/// refuses or follows one.
#[cfg(test)]
pub fn symlink(target: impl AsRef<Path>, link: impl AsRef<Path>) -> io::Result<()> {
    std::os::unix::fs::symlink(target, link)
}

/// The terminal the keyboard is read from, watched for a hang-up: standard
/// input when it is a terminal, else `/dev/tty` (kept open here, so that
/// its descriptor stays valid).
pub struct Tty {
    fd: RawFd,
    _file: Option<File>,
}

impl Tty {
    /// Standard input if it is a terminal, else the process's terminal
    /// (failing when it has none).
    pub fn open() -> io::Result<Tty> {
        if io::IsTerminal::is_terminal(&io::stdin()) {
            Ok(Tty {
                fd: io::stdin().as_raw_fd(),
                _file: None,
            })
        } else {
            let file = File::open("/dev/tty")?;
            Ok(Tty {
                fd: file.as_raw_fd(),
                _file: Some(file),
            })
        }
    }

    /// Whether the terminal has hung up or closed: a poll that does not wait.
    pub fn hung_up(&self) -> bool {
        let mut poll = libc::pollfd {
            fd: self.fd,
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd, no waiting.
        let ready = unsafe { libc::poll(&mut poll, 1, 0) };
        ready > 0 && poll.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
    }
}

/// The signals the program listens for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// SIGHUP: the terminal is gone.
    HangUp,
    /// SIGTERM.
    Terminate,
    /// SIGINT.
    Interrupt,
    /// SIGQUIT.
    Quit,
    /// SIGTSTP: asked to stop (suspend).
    Suspend,
    /// SIGCONT: continued after a stop.
    Continue,
}

impl Signal {
    fn number(self) -> libc::c_int {
        match self {
            Signal::HangUp => libc::SIGHUP,
            Signal::Terminate => libc::SIGTERM,
            Signal::Interrupt => libc::SIGINT,
            Signal::Quit => libc::SIGQUIT,
            Signal::Suspend => libc::SIGTSTP,
            Signal::Continue => libc::SIGCONT,
        }
    }
}

/// Raises `flag` whenever `signal` arrives (and does nothing else: the
/// program looks at its flags every tick).
pub fn raise_flag_on(signal: Signal, flag: Arc<AtomicBool>) -> io::Result<()> {
    signal_hook::flag::register(signal.number(), flag).map(|_| ())
}

/// Stops this process as SIGTSTP's default action would, returning once it
/// is continued; `whole_group` stops its whole process group, as the
/// terminal's own Ctrl-Z does. The handler in place (the flag of
/// [`raise_flag_on`]) is put back afterwards.
pub fn stop_self(whole_group: bool) {
    // SAFETY: plain libc calls on a zeroed sigaction and valid pointers; the
    // handler signal-hook installed is saved and put back unchanged.
    unsafe {
        let mut default: libc::sigaction = std::mem::zeroed();
        default.sa_sigaction = libc::SIG_DFL;
        let mut saved: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(libc::SIGTSTP, &default, &mut saved) != 0 {
            return;
        }
        if whole_group {
            libc::kill(0, libc::SIGTSTP);
        } else {
            libc::raise(libc::SIGTSTP);
        }
        libc::sigaction(libc::SIGTSTP, &saved, std::ptr::null_mut());
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn this_process_is_alive() {
        assert!(super::process_alive(std::process::id()));
        assert!(!super::process_alive(0));
        assert!(super::host_name().is_some());
    }

    #[test]
    fn modes_owners_names_and_kinds_read_as_the_system_has_them() {
        use super::*;
        let dir = std::env::temp_dir().join(format!("tp-os-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let folder = dir.join("private");
        create_dir(&folder, 0o700).unwrap();
        set_mode_at(&folder, 0o2750).unwrap();
        let folder_meta = fs::metadata(&folder).unwrap();
        assert_eq!(mode(&folder_meta), 0o2750, "setgid kept, type bits not");
        assert_eq!(owner(&folder_meta), euid());
        assert_eq!(kind(&folder_meta.file_type()), Kind::Folder);

        let path = folder.join("file");
        let file = new_file_mode(
            OpenOptions::new().read(true).write(true).create_new(true),
            0o600,
        )
        .open(&path)
        .unwrap();
        set_mode(&file, 0o640).unwrap();
        let meta = fs::metadata(&path).unwrap();
        assert_eq!(mode(&meta), 0o640);
        assert_eq!(kind(&meta.file_type()), Kind::Regular);
        assert!(
            shared_by_group(&folder_meta, &meta),
            "a new file takes a setgid folder's group"
        );
        set_mode_at(&folder, 0o700).unwrap();
        assert!(!shared_by_group(&fs::metadata(&folder).unwrap(), &meta));

        write_all_at(&file, b"pid=1\n", 0).unwrap();
        let mut buf = [0u8; 16];
        assert_eq!(read_at(&file, &mut buf, 0).unwrap(), 6);
        assert_eq!(&buf[..6], b"pid=1\n");

        assert_eq!(links(&meta), 1);
        let twin = dir.join("twin");
        fs::hard_link(&path, &twin).unwrap();
        let twin_meta = fs::metadata(&twin).unwrap();
        assert_eq!(links(&twin_meta), 2);
        assert!(same_file(&meta, &twin_meta));
        assert_eq!(file_id(&meta), file_id(&twin_meta));
        assert!(!same_file(&meta, &folder_meta));

        let link = dir.join("link");
        symlink(&path, &link).unwrap();
        assert_eq!(
            kind(&fs::symlink_metadata(&link).unwrap().file_type()),
            Kind::Symlink
        );
        let fifo = dir.join("fifo");
        make_fifo(&fifo).unwrap();
        assert_eq!(
            kind(&fs::symlink_metadata(&fifo).unwrap().file_type()),
            Kind::Fifo
        );

        let null = fs::metadata("/dev/null").unwrap();
        assert_eq!(kind(&null.file_type()), Kind::CharDevice);
        assert!(same_device(&null, &fs::metadata("/dev/null").unwrap()));
        assert!(!same_device(&null, &meta), "a file is no device");
        if let Ok(zero) = fs::metadata("/dev/zero") {
            assert!(!same_device(&null, &zero));
            assert!(!null_or_tty(&zero));
        }
        assert!(null_or_tty(&null));
        assert!(!null_or_tty(&meta));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_offset_at_a_moment_is_a_real_one() {
        let offset = super::local_offset_seconds(1_700_000_000).unwrap();
        assert!(offset.abs() <= 14 * 3600, "{offset}");
    }
}
