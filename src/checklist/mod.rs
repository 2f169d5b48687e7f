//! Checklists: the format (`model`), validating files' bytes (`parse`),
//! their problems (`diag`), and the checklists compiled into the program.
//! Reading checklist files and folders is the disk layer's
//! (`store::checklists`).

pub mod diag;
pub mod journey;
pub mod model;
pub mod parse;

use std::fmt;
use std::path::PathBuf;

use sha2::{Digest, Sha256};

pub use diag::Diagnostic;
pub use model::{
    Checklist, Choice, Item, Response, Section, Standard, TimedAnswer, Timing, journey_rank,
    seconds_per_unit,
};

/// Largest checklist file read; real ones are a few kilobytes.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Where a checklist came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Compiled into the program, by id.
    Bundled(String),
    /// A file in the user's checklist folder.
    User(PathBuf),
    /// A file named on the command line.
    Path(PathBuf),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Bundled(id) => write!(f, "bundled:{id}"),
            Source::User(path) | Source::Path(path) => write!(f, "{}", path.display()),
        }
    }
}

/// A validated checklist with where it came from and the hash of its bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The checklist itself.
    pub checklist: Checklist,
    /// Where it was read from.
    pub source: Source,
    /// SHA-256 of the file's bytes, in lowercase hex.
    pub sha256: String,
}

/// The checklists `touchpoint new` opens when none are named.
pub const DEFAULT_STAY: [&str; 3] = ["hotel-check-in", "hotel-in-stay", "hotel-departure"];

/// Every bundled checklist, parsed. A broken one (which the test suite rules
/// out) is reported rather than trusted.
pub fn bundled() -> Result<Vec<Loaded>, Vec<Diagnostic>> {
    BUNDLED
        .iter()
        .filter_map(|(id, _)| bundled_by_id(id))
        .collect()
}

/// The ids of the bundled checklists, without parsing them.
pub fn bundled_ids() -> impl Iterator<Item = &'static str> {
    BUNDLED.iter().map(|(id, _)| *id)
}

// `BUNDLED`: every file of `checklists/`, `BUNDLED_JSON`: the same files
// as JSON, `BUNDLED_SUMMARIES` and `BUNDLED_SHA256`, made by build.rs.
include!(concat!(env!("OUT_DIR"), "/bundled_json.rs"));

/// What one of build.rs's tables holds for bundled file `name`.
fn built<T: Copy>(table: &[(&str, T)], name: &str) -> Option<T> {
    table
        .iter()
        .find(|(file, _)| *file == name)
        .map(|(_, value)| *value)
}

/// What journeys need of each bundled checklist, in the order of
/// [`bundled`], without parsing any: written by build.rs.
pub fn bundled_summaries() -> Vec<journey::Summary<'static>> {
    BUNDLED
        .iter()
        .filter_map(|(name, _)| built(BUNDLED_SUMMARIES, name))
        .collect()
}

/// The bundled checklist with this id, if there is one. Read from the JSON
/// that build.rs made of it (a tenth of the time of validating the TOML;
/// the tests hold the two equal), and from the TOML if that ever fails.
pub fn bundled_by_id(id: &str) -> Option<Result<Loaded, Vec<Diagnostic>>> {
    let (name, text) = BUNDLED.iter().find(|(name, _)| *name == id)?;
    let source = Source::Bundled((*name).to_owned());
    let json =
        built(BUNDLED_JSON, name).and_then(|json| serde_json::from_str::<Checklist>(json).ok());
    Some(match json {
        Some(checklist) => Ok(Loaded {
            checklist,
            source,
            sha256: bundled_sha256(name, text),
        }),
        None => from_bytes(&format!("bundled:{name}"), text.as_bytes(), source),
    })
}

/// The text of bundled checklist `id` when its hash is `sha256`: the bytes
/// a bundled checklist was loaded from (files are read again by
/// `store::checklists::source_bytes`).
pub fn bundled_source(id: &str, sha256: &str) -> Option<&'static [u8]> {
    let (name, text) = BUNDLED.iter().find(|(name, _)| *name == id)?;
    (bundled_sha256(name, text) == sha256).then_some(text.as_bytes())
}

/// The SHA-256 of bundled checklist `name`, whose bytes are `text`: build.rs's,
/// made from the same file (a test holds them equal), else hashed now.
fn bundled_sha256(name: &str, text: &str) -> String {
    built(BUNDLED_SHA256, name).map_or_else(|| sha256_hex(text.as_bytes()), str::to_owned)
}

/// Validates checklist `bytes`, shown to the user as `path`.
pub fn from_bytes(path: &str, bytes: &[u8], source: Source) -> Result<Loaded, Vec<Diagnostic>> {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(vec![Diagnostic {
            path: path.to_owned(),
            at: Some((1, 1)),
            message: crate::tr!("checklist-utf16"),
        }]);
    }
    if let Some(nul) = memchr::memchr(0, bytes) {
        // UTF-16 without a byte-order mark has a NUL beside every ASCII letter.
        let head = &bytes[..bytes.len().min(64)];
        let zeros = |parity: usize| {
            head.iter()
                .skip(parity)
                .step_by(2)
                .filter(|&&b| b == 0)
                .count()
        };
        let pairs = head.len() / 2;
        let utf16 = pairs >= 2
            && ((zeros(0) == pairs && zeros(1) == 0) || (zeros(1) == pairs && zeros(0) == 0));
        return Err(vec![Diagnostic {
            path: path.to_owned(),
            at: Some(byte_line_col(bytes, nul)),
            message: if utf16 {
                crate::tr!("checklist-looks-utf16")
            } else {
                crate::tr!("checklist-nul")
            },
        }]);
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            return Err(vec![Diagnostic {
                path: path.to_owned(),
                at: Some(byte_line_col(bytes, e.valid_up_to())),
                message: crate::tr!("config-not-utf8"),
            }]);
        }
    };
    let checklist = parse::parse(path, text)?;
    Ok(Loaded {
        checklist,
        source,
        sha256: sha256_hex(bytes),
    })
}

/// Line and column (in characters) of byte `at` of a file that may not be
/// valid UTF-8 after some point; a byte-order mark is not a column of line 1.
fn byte_line_col(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at.min(bytes.len())];
    let before = before.strip_prefix(b"\xef\xbb\xbf").unwrap_or(before);
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |n| n + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, col)
}

/// Warnings about a checklist that validates: bidirectional overrides and
/// invisible characters, which can make a prompt read differently on screen
/// from what it says. One per line, at most [`diag::MAX_PROBLEMS`].
pub fn warnings(path: &str, bytes: &[u8]) -> Vec<Diagnostic> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Vec::new();
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Most files have none: found with a byte search, not char by char.
    if !may_hold_invisible(text) {
        return Vec::new();
    }
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if let Some((col, c)) = line
            .chars()
            .enumerate()
            .find(|(_, c)| crate::text::is_invisible(*c))
        {
            if found.len() == diag::MAX_PROBLEMS {
                break;
            }
            found.push(Diagnostic {
                path: path.to_owned(),
                at: Some((n + 1, col + 1)),
                message: crate::tr!("checklist-invisible-char", char = crate::text::char_name(c)),
            });
        }
    }
    found
}

/// Whether `text` holds a character [`crate::text::is_invisible`] names.
/// Each is written with the lead byte 0xD8 (U+061C), 0xE2 (U+200B–U+2069)
/// or 0xEF (U+FEFF), so only the characters that start with one of those
/// are looked at.
fn may_hold_invisible(text: &str) -> bool {
    memchr::memchr3_iter(0xd8, 0xe2, 0xef, text.as_bytes()).any(|n| {
        text.get(n..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(crate::text::is_invisible)
    })
}

/// SHA-256 of `bytes` in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A short, human reason for an I/O error, without Rust's debug formatting.
pub fn io_reason(error: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    if let Some(words) = translated_reason(error) {
        return words;
    }
    match error.kind() {
        NotFound => crate::tr!("io-not-found"),
        PermissionDenied => crate::tr!("io-permission-denied"),
        IsADirectory => crate::tr!("io-is-a-folder"),
        _ => {
            let text = error.to_string();
            // std appends " (os error N)"; users do not need it.
            match text.find(" (os error") {
                Some(cut) => text[..cut].to_owned(),
                None => text,
            }
        }
    }
}

/// The reason for a system error in the interface language, when that is
/// not English: std's own words are English ("No such file or directory"),
/// and English keeps them as they are. `None` for an error made with a
/// message of its own (already in the interface language) or of a kind with
/// no words here.
pub fn translated_reason(error: &std::io::Error) -> Option<String> {
    if crate::i18n::lang() == crate::i18n::Lang::En {
        return None;
    }
    catalog_reason(error)
}

/// The reason for a system error in the catalog's words of the interface
/// language, English too (`translated_reason` keeps std's English); `None`
/// for an error with a message of its own or of a kind with no words here.
pub fn catalog_reason(error: &std::io::Error) -> Option<String> {
    use std::io::ErrorKind::*;
    if error.get_ref().is_some() {
        return None;
    }
    // Kinds std has not made public yet, known by their numbers.
    match error.raw_os_error() {
        Some(libc::EIO) => return Some(crate::tr!("io-input-output")),
        Some(libc::ELOOP) => return Some(crate::tr!("io-loop")),
        Some(libc::ENXIO) => return Some(crate::tr!("io-no-device")),
        _ => {}
    }
    Some(match error.kind() {
        NotFound => crate::tr!("io-not-found"),
        PermissionDenied => crate::tr!("io-permission-denied"),
        IsADirectory => crate::tr!("io-is-a-folder"),
        NotADirectory => crate::tr!("io-not-a-folder"),
        AlreadyExists => crate::tr!("io-already-exists"),
        StorageFull => crate::tr!("io-disk-full"),
        ReadOnlyFilesystem => crate::tr!("io-read-only"),
        QuotaExceeded => crate::tr!("io-quota"),
        FileTooLarge => crate::tr!("io-file-too-large"),
        Interrupted => crate::tr!("io-interrupted"),
        TimedOut => crate::tr!("io-timed-out"),
        BrokenPipe => crate::tr!("io-broken-pipe"),
        ResourceBusy | ExecutableFileBusy => crate::tr!("io-busy"),
        DirectoryNotEmpty => crate::tr!("io-folder-not-empty"),
        CrossesDevices => crate::tr!("io-crosses-devices"),
        TooManyLinks => crate::tr!("io-too-many-links"),
        InvalidFilename => crate::tr!("io-name-too-long"),
        OutOfMemory => crate::tr!("io-out-of-memory"),
        StaleNetworkFileHandle => crate::tr!("io-stale"),
        Unsupported => crate::tr!("io-unsupported"),
        WouldBlock => crate::tr!("io-would-block"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn system_errors_have_russian_words_and_keep_std_english() {
        use crate::i18n::{Lang, with_lang};
        let errno = std::io::Error::from_raw_os_error;
        let ru = |e: &std::io::Error| with_lang(Lang::Ru, || super::io_reason(e));
        assert_eq!(ru(&errno(libc::ENOENT)), "нет такого файла или папки");
        assert_eq!(ru(&errno(libc::EIO)), "ошибка ввода-вывода");
        assert_eq!(ru(&errno(libc::ENOSPC)), "диск заполнен");
        // A message of the program's own is kept as it was written.
        let own = std::io::Error::other("уже по-русски");
        assert_eq!(ru(&own), "уже по-русски");
        let en = with_lang(Lang::En, || super::io_reason(&errno(libc::EIO)));
        assert_eq!(en, "Input/output error");
        assert_eq!(
            with_lang(Lang::En, || super::translated_reason(&errno(libc::ENOENT))),
            None
        );
    }

    #[test]
    fn invisible_characters_are_found_by_their_lead_bytes() {
        // The invisible ones, and visible ones with the same lead bytes.
        let samples = [
            "\u{61c}",
            "\u{200b}",
            "\u{200f}",
            "\u{202a}",
            "\u{202e}",
            "\u{2060}",
            "\u{2064}",
            "\u{2066}",
            "\u{2069}",
            "\u{feff}",
            "1–3 minutes",
            "«ёлка» — €",
            "\u{600}",
            "\u{fffd}",
            "\u{2065}",
            "\u{2070}",
            "\u{2010}",
            "plain",
        ];
        for sample in samples {
            for text in [
                sample.to_owned(),
                format!("ab\n{sample}"),
                format!("{sample}ж"),
            ] {
                let holds = text.chars().any(crate::text::is_invisible);
                assert_eq!(super::may_hold_invisible(&text), holds, "{text:?}");
            }
        }
    }

    /// `bundled_by_id` finds a checklist by the name it is bundled under,
    /// without parsing the others: that name must be the id inside the file.
    #[test]
    fn every_bundled_checklist_is_bundled_under_its_own_id() {
        let loaded = super::bundled().unwrap();
        let ids: Vec<&str> = loaded
            .iter()
            .map(|l| l.checklist.checklist.id.as_str())
            .collect();
        assert_eq!(ids, super::bundled_ids().collect::<Vec<_>>());
    }

    /// The JSON build.rs makes reads as the validated TOML does, file by
    /// file, every bundled file has its JSON, and build.rs's hash is that
    /// of the file's bytes (which a kept copy is then found by).
    #[test]
    fn the_json_of_each_bundled_checklist_is_its_toml() {
        for &(name, text) in super::BUNDLED {
            let source = super::Source::Bundled(name.to_owned());
            let validated = super::from_bytes(name, text.as_bytes(), source).unwrap();
            let json = super::built(super::BUNDLED_JSON, name)
                .unwrap_or_else(|| panic!("no JSON for {name}"));
            let read: super::Checklist = serde_json::from_str(json).unwrap();
            assert_eq!(read, validated.checklist, "{name}");
            assert_eq!(super::bundled_by_id(name).unwrap().unwrap(), validated);
            let built = super::built(super::BUNDLED_SHA256, name);
            assert_eq!(built, Some(validated.sha256.as_str()), "{name}");
            assert_eq!(
                super::bundled_source(name, &validated.sha256),
                Some(text.as_bytes())
            );
            assert_eq!(super::bundled_source(name, &"0".repeat(64)), None);
        }
    }
}
