//! Fault injection: the one seam through which tests make the file layer
//! fail (SQLite's test VFS is the model).
//!
//! Every primitive of the store that can fail on a full or broken disk —
//! opening or creating a file, creating a folder, writing, flushing
//! (`fsync`/`fdatasync`), renaming, linking, removing, taking a lock —
//! calls [`check`] with its [`Op`] just before the system call. Outside a
//! test nothing is armed and `check` is one relaxed atomic load. A test
//! arms a plan for its own thread ([`arm`]): count the operations of a
//! scripted visit life, or fail the Nth one with an `errno` (ENOSPC, EIO,
//! EACCES). `tests/faults.rs` runs a visit's whole life failing each
//! operation in turn; docs/store.md gives the count and the outcome.
//!
//! The plan is per thread, so tests running beside one another in the
//! same binary are never failed by another test's plan.

use std::cell::RefCell;
use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A kind of file-system operation that can fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Op {
    /// Opening or creating a file (a folder, to flush it).
    Open,
    /// Creating a folder.
    CreateDir,
    /// Writing bytes to a file.
    Write,
    /// Flushing a file or a folder to disk (`fsync`, `fdatasync`).
    Sync,
    /// Renaming a file over another.
    Rename,
    /// Making a hard link.
    Link,
    /// Removing a file.
    Remove,
    /// Taking a lock (`flock`).
    Lock,
}

/// How many threads have a plan armed: zero outside tests.
static ARMED: AtomicUsize = AtomicUsize::new(0);

struct Plan {
    /// Every operation checked since the plan was armed, in order.
    seen: Vec<Op>,
    /// Fail the operation of this index with this errno.
    fail: Option<(usize, i32)>,
    /// A failed write through [`write_all`] writes half its bytes first,
    /// as a disk filling up part-way through does.
    torn: bool,
    /// The operation that was failed, once it was.
    fired: Option<Op>,
}

thread_local! {
    static PLAN: RefCell<Option<Plan>> = const { RefCell::new(None) };
}

/// Called by the file layer just before the system call of `op`: fails
/// with the planned errno when this is the operation the plan names.
#[inline]
pub fn check(op: Op) -> io::Result<()> {
    if ARMED.load(Ordering::Relaxed) == 0 {
        return Ok(());
    }
    check_armed(op)
}

#[cold]
fn check_armed(op: Op) -> io::Result<()> {
    fire(op).map_or(Ok(()), |(errno, _)| {
        Err(io::Error::from_raw_os_error(errno))
    })
}

/// Counts `op`; the errno and whether to tear, when it is the one to fail.
fn fire(op: Op) -> Option<(i32, bool)> {
    PLAN.with(|plan| {
        let mut plan = plan.borrow_mut();
        let plan = plan.as_mut()?;
        let n = plan.seen.len();
        plan.seen.push(op);
        match plan.fail {
            Some((at, errno)) if at == n => {
                plan.fired = Some(op);
                Some((errno, plan.torn))
            }
            _ => None,
        }
    })
}

/// `out.write_all(bytes)` through the seam ([`Op::Write`]): a planned
/// failure writes nothing, or, in a torn plan ([`arm_torn`]), the first
/// half of `bytes`, then fails.
pub fn write_all(out: &mut impl io::Write, bytes: &[u8]) -> io::Result<()> {
    if ARMED.load(Ordering::Relaxed) != 0
        && let Some((errno, torn)) = fire(Op::Write)
    {
        if torn {
            out.write_all(&bytes[..bytes.len() / 2])?;
        }
        return Err(io::Error::from_raw_os_error(errno));
    }
    out.write_all(bytes)
}

/// A plan armed on this thread until dropped.
pub struct Armed(());

/// Arms a plan on this thread: count every operation, and fail the one of
/// index `fail.0` (from 0) with errno `fail.1`, if given.
pub fn arm(fail: Option<(usize, i32)>) -> Armed {
    arm_as(fail, false)
}

/// [`arm`], where the failed operation, if a write through [`write_all`],
/// writes half its bytes before failing.
pub fn arm_torn(fail: Option<(usize, i32)>) -> Armed {
    arm_as(fail, true)
}

fn arm_as(fail: Option<(usize, i32)>, torn: bool) -> Armed {
    PLAN.with(|plan| {
        let old = plan.borrow_mut().replace(Plan {
            seen: Vec::new(),
            fail,
            torn,
            fired: None,
        });
        assert!(
            old.is_none(),
            "a fault plan is armed on this thread already"
        );
    });
    ARMED.fetch_add(1, Ordering::Relaxed);
    Armed(())
}

impl Armed {
    /// The operations checked so far, in order.
    pub fn seen(&self) -> Vec<Op> {
        PLAN.with(|plan| plan.borrow().as_ref().map(|p| p.seen.clone()))
            .unwrap_or_default()
    }

    /// The operation failed, if the plan's has come.
    pub fn fired(&self) -> Option<Op> {
        PLAN.with(|plan| plan.borrow().as_ref().and_then(|p| p.fired))
    }
}

impl Drop for Armed {
    fn drop(&mut self) {
        PLAN.with(|plan| plan.borrow_mut().take());
        ARMED.fetch_sub(1, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_planned_operation_fails_once_and_others_pass() {
        assert!(check(Op::Write).is_ok(), "nothing armed");
        let armed = arm(Some((1, crate::os::ENOSPC)));
        assert!(check(Op::Open).is_ok());
        let e = check(Op::Write).unwrap_err();
        assert_eq!(e.raw_os_error(), Some(crate::os::ENOSPC));
        assert!(check(Op::Write).is_ok());
        assert_eq!(armed.fired(), Some(Op::Write));
        assert_eq!(armed.seen(), vec![Op::Open, Op::Write, Op::Write]);
        // Another thread has no plan.
        std::thread::spawn(|| {
            for _ in 0..3 {
                assert!(check(Op::Write).is_ok());
            }
        })
        .join()
        .unwrap();
        drop(armed);
        assert!(check(Op::Write).is_ok());
    }

    #[test]
    fn a_torn_write_writes_half_then_fails() {
        let mut out = Vec::new();
        let armed = arm_torn(Some((0, crate::os::ENOSPC)));
        let e = write_all(&mut out, b"0123456789").unwrap_err();
        assert_eq!(e.raw_os_error(), Some(crate::os::ENOSPC));
        assert_eq!(out, b"01234");
        write_all(&mut out, b"ab").unwrap();
        assert_eq!(out, b"01234ab");
        drop(armed);
        let _plain = arm(Some((0, crate::os::EIO)));
        let mut out = Vec::new();
        assert!(write_all(&mut out, b"0123").is_err());
        assert!(out.is_empty(), "a plain failure writes nothing");
    }
}
