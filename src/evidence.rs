//! Evidence: a photo, a receipt or an audio note attached to an item or to
//! the whole visit. The file is checked, copied into `evidence/<visit id>/`
//! in the data folder (folders 0700, the copy 0600, written by the store's
//! atomic writer) and named by a hash prefix and its own name; the visit then
//! lists it. Also the Tab completion of the path the auditor types.

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};

use crate::checklist::{io_reason, sha256_hex};
use crate::store::open::{self, Links, ReadError, read_capped};
use crate::store::walk;
use crate::store::{self, StoreError};

/// Largest file attached: a phone photo or a few minutes of audio fit.
pub const MAX_EVIDENCE_BYTES: u64 = 25 * 1024 * 1024;

/// The folder under the data folder that holds every visit's evidence.
pub const FOLDER: &str = "evidence";

/// Why a file was not attached. Nothing was copied or listed. `Display`
/// is written by hand: the messages are in the interface language.
#[derive(Debug, thiserror::Error)]
pub enum EvidenceError {
    /// Nothing at the path.
    NotFound {
        /// The path as typed.
        path: String,
    },
    /// A folder, not a file.
    Folder {
        /// The path as typed.
        path: String,
    },
    /// A device, a pipe or a socket.
    NotRegular {
        /// The path as typed.
        path: String,
    },
    /// Over [`MAX_EVIDENCE_BYTES`].
    TooLarge {
        /// The path as typed.
        path: String,
        /// Its size, as people read it.
        size: String,
    },
    /// An empty file is no evidence.
    Empty {
        /// The path as typed.
        path: String,
    },
    /// The file could not be read.
    Unreadable {
        /// The path as typed.
        path: String,
        /// Why, in plain words.
        reason: String,
    },
    /// The copy could not be written into the data folder.
    Store(#[from] StoreError),
}

impl std::fmt::Display for EvidenceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::tr;
        let text = match self {
            EvidenceError::NotFound { path } => tr!("evidence-not-found", path = path),
            EvidenceError::Folder { path } => tr!("evidence-folder", path = path),
            EvidenceError::NotRegular { path } => tr!("evidence-not-regular", path = path),
            EvidenceError::TooLarge { path, size } => {
                tr!("evidence-too-large", path = path, size = size)
            }
            EvidenceError::Empty { path } => tr!("evidence-empty", path = path),
            EvidenceError::Unreadable { path, reason } => {
                tr!("evidence-unreadable", path = path, reason = reason)
            }
            EvidenceError::Store(e) => tr!("evidence-store", error = e.to_string()),
        };
        f.write_str(&text)
    }
}

/// A file copied into the data folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    /// The copy, relative to the data folder: `evidence/<visit id>/<hash>-<name>`.
    pub file: String,
    /// SHA-256 of its bytes, lowercase hex.
    pub sha256: String,
    /// Its size.
    pub bytes: u64,
}

/// The path the auditor typed, with a leading `~/` meaning their home folder.
pub fn expand(typed: &str) -> PathBuf {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    match (typed.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => home.join(rest),
        _ if typed == "~" => std::env::var_os("HOME").map_or_else(|| typed.into(), PathBuf::from),
        _ => PathBuf::from(typed),
    }
}

/// Copies the file at `typed` (as the auditor typed it) into the evidence
/// folder of visit `visit_id` under the data folder `root`.
///
/// Refuses, changing nothing: a missing or unreadable file, a folder, a
/// device, pipe or socket, an empty file, and one over 25 MiB. The same file
/// attached twice is copied once.
pub fn attach(root: &Path, visit_id: &str, typed: &str) -> Result<Copied, EvidenceError> {
    if !store::valid_id(visit_id) {
        return Err(StoreError::BadId {
            id: visit_id.to_owned(),
        }
        .into());
    }
    let shown = crate::text::escaped(typed);
    let path = expand(typed.trim());
    let bytes = read_file(&path, &shown)?;
    let sha256 = sha256_hex(&bytes);
    let name = copy_name(&path);
    let file = format!("{FOLDER}/{visit_id}/{}-{name}", &sha256[..12]);
    let folder = root.join(FOLDER);
    let visit_folder = folder.join(visit_id);
    store::private_dir(&folder, root)?;
    if store::private_dir(&visit_folder, root)? {
        // The new folder's name must be on disk before the file in it is.
        store::sync_dir(&folder).map_err(|e| StoreError::Io {
            action: crate::tr!(
                "evidence-action-create",
                path = visit_folder.display().to_string()
            ),
            reason: io_reason(&e),
            source: e,
        })?;
    }
    let target = root.join(&file);
    let same = crate::fault::check(crate::fault::Op::Open)
        .map_err(ReadError::Io)
        .and_then(|()| open::read_file(&target, Links::Follow, MAX_EVIDENCE_BYTES))
        .is_ok_and(|old| old == bytes);
    if !same {
        store::write_private(&target, &bytes)?;
    }
    Ok(Copied {
        file,
        sha256,
        bytes: bytes.len() as u64,
    })
}

/// The bytes of the regular file at `path`, checked as [`attach`] says.
fn read_file(path: &Path, shown: &str) -> Result<Vec<u8>, EvidenceError> {
    let path_text = shown.to_owned();
    let unreadable = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => EvidenceError::NotFound {
            path: path_text.clone(),
        },
        _ => EvidenceError::Unreadable {
            path: path_text.clone(),
            reason: reason(&e),
        },
    };
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    check_kind(&meta, shown)?;
    // Non-blocking, so that a pipe swapped in after the check cannot hang
    // the screen; the kind and size are checked again on what was opened.
    crate::fault::check(crate::fault::Op::Open).map_err(unreadable)?;
    let file =
        open::open(path, OpenOptions::new().read(true), Links::Follow).map_err(unreadable)?;
    check_kind(&file.metadata().map_err(unreadable)?, shown)?;
    let bytes = read_capped(&file, MAX_EVIDENCE_BYTES).map_err(|e| match e {
        ReadError::Io(e) => unreadable(e),
        ReadError::NotRegular(_) => EvidenceError::NotRegular {
            path: shown.to_owned(),
        },
        ReadError::TooLarge { size, grew } => EvidenceError::TooLarge {
            path: shown.to_owned(),
            size: if grew {
                crate::tr!("evidence-over-limit")
            } else {
                size_text(size)
            },
        },
    })?;
    if bytes.is_empty() {
        return Err(EvidenceError::Empty {
            path: shown.to_owned(),
        });
    }
    Ok(bytes)
}

/// Why a file could not be read, in the catalog's words in every language
/// (never the system's raw English): a kernel or device file that would make
/// the reader wait (`/proc/kmsg`) is named as such.
fn reason(error: &std::io::Error) -> String {
    if error.kind() == std::io::ErrorKind::WouldBlock {
        return crate::tr!("evidence-would-wait");
    }
    crate::checklist::catalog_reason(error).unwrap_or_else(|| io_reason(error))
}

fn check_kind(meta: &std::fs::Metadata, shown: &str) -> Result<(), EvidenceError> {
    let path = shown.to_owned();
    if meta.is_dir() {
        return Err(EvidenceError::Folder { path });
    }
    if !meta.is_file() {
        return Err(EvidenceError::NotRegular { path });
    }
    if meta.len() > MAX_EVIDENCE_BYTES {
        return Err(EvidenceError::TooLarge {
            path,
            size: size_text(meta.len()),
        });
    }
    Ok(())
}

pub use crate::text::size_text;

/// The name of the copy after its hash prefix: the file's own name with
/// slashes, backslashes and control characters made `_`, no leading dot (a
/// hidden file would be missed), at most 80 characters and [`MOST_NAME_BYTES`]
/// bytes, keeping the extension. CJK takes three bytes a character and emoji
/// four: a name the camera or the phone made may pass the 255 bytes a file
/// name may have on Linux, with the hash prefix and the temporary file's
/// name around it.
fn copy_name(path: &Path) -> String {
    let raw = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let clean: String = raw
        .chars()
        .map(|c| {
            if c.is_control() || c == '/' || c == '\\' {
                '_'
            } else {
                c
            }
        })
        .collect();
    let clean = clean.trim_start_matches(['.', ' ']).trim_end();
    let clean = if clean.is_empty() { "file" } else { clean };
    const MOST: usize = 80;
    if clean.chars().count() <= MOST && clean.len() <= MOST_NAME_BYTES {
        return clean.to_owned();
    }
    let ext = clean
        .rfind('.')
        .map(|dot| &clean[dot..])
        .filter(|e| e.chars().count() <= 10 && e.len() <= 40)
        .unwrap_or("");
    let stem = &clean[..clean.len() - ext.len()];
    let mut kept = String::new();
    for c in stem.chars() {
        if kept.chars().count() + ext.chars().count() >= MOST
            || kept.len() + c.len_utf8() + ext.len() > MOST_NAME_BYTES
        {
            break;
        }
        kept.push(c);
    }
    format!("{kept}{ext}")
}

/// Most bytes of a copy's own name: with the 13 of its hash prefix and the
/// ≈ 40 the temporary file adds while it is written, well under the 255
/// bytes of a file name.
pub const MOST_NAME_BYTES: usize = 160;

/// What Tab made of a typed path: the path completed as far as it is
/// unambiguous, and the names that still fit when there are several.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Completion {
    /// The typed path, completed.
    pub input: String,
    /// The names in its folder that fit what was typed (folders end in `/`),
    /// when more than one does.
    pub choices: Vec<String>,
}

/// Completes the last part of `typed` from the names in its folder, like a
/// shell: one match is completed whole (a folder with `/`), several to their
/// common beginning. Hidden names are offered only when a `.` was typed.
pub fn complete(typed: &str) -> Completion {
    let (folder, prefix) = match typed.rfind('/') {
        Some(slash) => (&typed[..=slash], &typed[slash + 1..]),
        None => ("", typed),
    };
    let listed = if folder.is_empty() {
        PathBuf::from(".")
    } else {
        expand(folder)
    };
    let mut names: Vec<String> = walk::entries(&listed)
        .map(|entries| {
            entries
                .iter()
                .filter_map(|entry| {
                    let name = entry.name_str()?;
                    let wanted = name.starts_with(prefix)
                        && (prefix.starts_with('.') || !name.starts_with('.'))
                        && !name.chars().any(char::is_control);
                    // A link to a folder counts as a folder.
                    wanted.then(|| {
                        if entry.leads_to_dir() {
                            format!("{name}/")
                        } else {
                            name.to_owned()
                        }
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    // By the names shown (a folder with its `/`).
    names.sort();
    match names.as_slice() {
        [] => Completion {
            input: typed.to_owned(),
            choices: Vec::new(),
        },
        [one] => Completion {
            input: format!("{folder}{one}"),
            choices: Vec::new(),
        },
        many => {
            let common = many[1..].iter().fold(many[0].clone(), |common, name| {
                common
                    .chars()
                    .zip(name.chars())
                    .take_while(|(a, b)| a == b)
                    .map(|(a, _)| a)
                    .collect()
            });
            Completion {
                input: format!("{folder}{common}"),
                choices: names,
            }
        }
    }
}

/// The bytes of an attached file's copy in `data_folder`, for the HTML
/// debrief ([`crate::report::debrief::ReadFile`]): opened without following
/// a link, only if it is ours and a regular file of at most
/// [`MAX_EVIDENCE_BYTES`]. `None` when it cannot be read.
pub fn read_attached(data_folder: &Path, file: &crate::visit::Evidence) -> Option<Vec<u8>> {
    let path = data_folder.join(&file.file);
    let opened = store::open_owned(&path, OpenOptions::new().read(true)).ok()?;
    store::check_owned(&opened, &path).ok()?;
    store::open::read_capped(&opened, MAX_EVIDENCE_BYTES).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("touchpoint-evidence-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn mode(path: &Path) -> u32 {
        crate::os::mode(&std::fs::metadata(path).unwrap()) & 0o777
    }

    const ID: &str = "20261122T140312-hotel-metropol-7f3a";

    #[test]
    fn a_file_is_copied_private_and_named_by_hash_and_name() {
        let dir = temp("copy");
        let root = dir.join("data");
        std::fs::create_dir_all(&root).unwrap();
        let source = dir.join("receipt 1.jpg");
        std::fs::write(&source, b"a receipt").unwrap();
        crate::os::set_mode_at(&source, 0o644).unwrap();

        let copied = attach(&root, ID, source.to_str().unwrap()).unwrap();
        let hash = sha256_hex(b"a receipt");
        assert_eq!(copied.sha256, hash);
        assert_eq!(copied.bytes, 9);
        assert_eq!(
            copied.file,
            format!("evidence/{ID}/{}-receipt 1.jpg", &hash[..12])
        );
        let copy = root.join(&copied.file);
        assert_eq!(std::fs::read(&copy).unwrap(), b"a receipt");
        assert_eq!(mode(&copy), 0o600);
        assert_eq!(mode(&root.join("evidence")), 0o700);
        assert_eq!(mode(&root.join("evidence").join(ID)), 0o700);
        // Attaching it again copies nothing new.
        assert_eq!(attach(&root, ID, source.to_str().unwrap()).unwrap(), copied);
        assert_eq!(
            std::fs::read_dir(root.join("evidence").join(ID))
                .unwrap()
                .count(),
            1
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn refusals_say_why_and_copy_nothing() {
        let dir = temp("refuse");
        let root = dir.join("data");
        std::fs::create_dir_all(&root).unwrap();
        let big = dir.join("big.mov");
        let file = std::fs::File::create(&big).unwrap();
        file.set_len(MAX_EVIDENCE_BYTES + 1).unwrap();
        let empty = dir.join("empty.txt");
        std::fs::write(&empty, b"").unwrap();
        let locked = dir.join("locked.jpg");
        std::fs::write(&locked, b"x").unwrap();
        crate::os::set_mode_at(&locked, 0o000).unwrap();
        let can_read_anyway = std::fs::read(&locked).is_ok(); // root reads anything

        let refuse = |typed: &Path| attach(&root, ID, typed.to_str().unwrap()).unwrap_err();
        let message = refuse(&big).to_string();
        assert!(message.contains("25 MiB"), "{message}");
        assert!(message.contains("25.0 MB"), "{message}");
        assert!(refuse(&dir).to_string().contains("is a folder"));
        assert!(
            refuse(Path::new("/dev/null"))
                .to_string()
                .contains("not a regular file")
        );
        assert!(refuse(&empty).to_string().contains("is empty"));
        assert!(
            refuse(&dir.join("nowhere.jpg"))
                .to_string()
                .contains("no such file")
        );
        if !can_read_anyway {
            let message = refuse(&locked).to_string();
            assert!(message.contains("permission denied"), "{message}");
        }
        assert!(!root.join("evidence").exists(), "nothing was created");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn copy_names_are_safe_and_keep_the_extension() {
        assert_eq!(copy_name(Path::new("/x/.hidden.jpg")), "hidden.jpg");
        assert_eq!(copy_name(Path::new("/x/a\u{1b}b.png")), "a_b.png");
        let long = format!("/x/{}.jpeg", "я".repeat(200));
        let name = copy_name(Path::new(&long));
        assert_eq!(name.chars().count(), 80);
        assert!(name.ends_with(".jpeg"));
    }

    #[test]
    fn tab_completes_like_a_shell() {
        let dir = temp("complete");
        std::fs::create_dir_all(dir.join("photos")).unwrap();
        std::fs::write(dir.join("receipt-bar.jpg"), b"1").unwrap();
        std::fs::write(dir.join("receipt-spa.jpg"), b"2").unwrap();
        std::fs::write(dir.join(".secret"), b"3").unwrap();
        let base = format!("{}/", dir.display());

        let one = complete(&format!("{base}ph"));
        assert_eq!(one.input, format!("{base}photos/"));
        assert!(one.choices.is_empty());
        let two = complete(&format!("{base}rec"));
        assert_eq!(two.input, format!("{base}receipt-"));
        assert_eq!(two.choices, ["receipt-bar.jpg", "receipt-spa.jpg"]);
        let all = complete(&base);
        assert_eq!(
            all.choices,
            ["photos/", "receipt-bar.jpg", "receipt-spa.jpg"]
        );
        assert_eq!(
            complete(&format!("{base}.s")).input,
            format!("{base}.secret")
        );
        let none = complete(&format!("{base}zzz"));
        assert_eq!(none.input, format!("{base}zzz"));
        assert!(none.choices.is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
