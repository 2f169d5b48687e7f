//! The wall clock, in the auditor's local offset.
//!
//! jiff's `ZonedDateTime::now()` finds the system time zone in the time zone
//! database, and its first look-up lists the whole database: 2–5 ms at every
//! start, before the first frame could be drawn. Records keep only offsets,
//! so the C library's offset for the moment (`localtime_r`, which reads `TZ`
//! or `/etc/localtime` itself, and follows summer time) is all a time needs.

use jiff::tz::{Offset, TimeZone};
use jiff::{Timestamp, ZonedDateTime};

/// Now, in the local offset of this moment.
pub fn now() -> ZonedDateTime {
    let now = wall();
    now.to_zoned_datetime(TimeZone::fixed(local_offset(now.as_second())))
}

/// The monotonic clock: time since the first reading in this process. It
/// never steps when the wall clock does (NTP, a hand setting it), so a
/// stopwatch started and stopped in one run is measured on it.
pub fn monotonic() -> std::time::Duration {
    static EPOCH: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    EPOCH.get_or_init(std::time::Instant::now).elapsed()
}

/// The wall clock. For the tests of the built program only, the variable
/// `TOUCHPOINT_TEST_WALL_SHIFT_FILE` names a file holding a number of
/// seconds added to it, read at each reading: a test steps the wall clock
/// by writing the file, as NTP or a hand would step the system's. A
/// release build (what auditors run) never reads it: no variable may move
/// the times a record carries.
fn wall() -> Timestamp {
    static SHIFT_FILE: std::sync::OnceLock<Option<std::path::PathBuf>> = std::sync::OnceLock::new();
    let now = Timestamp::now();
    if !cfg!(debug_assertions) {
        return now;
    }
    let Some(file) = SHIFT_FILE
        .get_or_init(|| std::env::var_os("TOUCHPOINT_TEST_WALL_SHIFT_FILE").map(Into::into))
    else {
        return now;
    };
    let shift: i64 = std::fs::read_to_string(file)
        .ok()
        .and_then(|t| t.trim().parse().ok())
        .unwrap_or(0);
    jiff::SignedDuration::from_secs(shift)
        .try_into()
        .ok()
        .and_then(|span: jiff::Span| now.checked_add(span).ok())
        .unwrap_or(now)
}

/// The local offset from UTC at `second` (Unix time); UTC if the C library
/// cannot tell.
fn local_offset(second: i64) -> Offset {
    crate::os::local_offset_seconds(second)
        .and_then(|seconds| i32::try_from(seconds).ok())
        .and_then(|seconds| Offset::from_seconds(seconds).ok())
        .unwrap_or(Offset::UTC)
}

/// `time` in `format` (strftime), followed by its UTC offset (` +03:00`)
/// when that is not this computer's offset now: a time recorded before a
/// time-zone change, or in another zone, is never shown as if local.
pub fn shown(time: &ZonedDateTime, format: &str) -> String {
    format!("{}{}", time.strftime(format), offset_if_foreign(time))
}

/// ` +03:00` when `time`'s offset is not this computer's offset now, else
/// nothing: see [`shown`].
pub fn offset_if_foreign(time: &ZonedDateTime) -> String {
    if time.offset() == local_offset(Timestamp::now().as_second()) {
        String::new()
    } else {
        format!(" {}", time.strftime("%:z"))
    }
}

#[cfg(test)]
mod tests {
    /// The C library and jiff agree on the local offset (whatever the time
    /// zone of the machine running the tests).
    #[test]
    fn the_offset_is_the_time_zones() {
        let ours = super::now();
        let jiffs = ours
            .timestamp()
            .to_zoned_datetime(jiff::tz::TimeZone::system());
        assert_eq!(ours.offset(), jiffs.offset());
    }
}
