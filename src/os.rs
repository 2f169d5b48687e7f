//! The operating system's calls, behind a plain Rust API: every `libc` call
//! of the program is here (those of `commands` and `session` are still being
//! routed here), each `unsafe` block with why it is sound.
//!
//! Unix only (`cfg(unix)` in `lib.rs`). A Windows twin would give the same
//! functions with `LockFileEx` (std's `File::lock` already uses it), console
//! control events for the signals, and ACLs for ownership and privacy: see
//! docs/architecture.md, "Windows".

use std::fs::{File, OpenOptions};
use std::io;
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::fs::OpenOptionsExt;
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

/// Whether the terminal at descriptor `fd` has hung up or closed: a poll
/// that does not wait.
pub fn hung_up(fd: RawFd) -> bool {
    let mut poll = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd, no waiting.
    let ready = unsafe { libc::poll(&mut poll, 1, 0) };
    ready > 0 && poll.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
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
    fn the_offset_at_a_moment_is_a_real_one() {
        let offset = super::local_offset_seconds(1_700_000_000).unwrap();
        assert!(offset.abs() <= 14 * 3600, "{offset}");
    }
}
