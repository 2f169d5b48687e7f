//! `touchpoint sign ID` and `touchpoint verify [PATH…]`: the shell around
//! [`crate::signing`] — key files, `ssh-agent`, `.sig` files beside records.

use std::io::Write;
use std::path::{Path, PathBuf};

use ssh_agent_client_rs::{Client, Identity};

use super::{Failure, find_records, io_failure, open_store, read_capped};
use crate::config::Config;
use crate::record;
use crate::signing::{self, AllowedSigners, Key, Verdict};
use crate::store;
use crate::tr;
use crate::visit::Status;

/// The most bytes read of a key, signature or allowed_signers file: each is
/// a few kilobytes; a larger one is not what it claims to be.
const MAX_SMALL_FILE: u64 = 1 << 20;

/// Reads a small text file that must be a regular file (never a FIFO that
/// would hang, nor a device), at most [`MAX_SMALL_FILE`] bytes.
fn read_small(path: &Path) -> std::io::Result<Vec<u8>> {
    read_capped(path, MAX_SMALL_FILE)
}

/// The signature of `record` with the key `key_path` names, or why there is
/// none (in the interface language): the key file itself when it needs no
/// passphrase, else its private half in `ssh-agent`.
pub(crate) fn sign_record(key_path: &Path, record: &[u8]) -> Result<String, String> {
    let shown = key_path.display().to_string();
    let text = read_small(key_path).map_err(|e| {
        tr!(
            "sign-cannot-read-key",
            path = shown.clone(),
            reason = crate::checklist::io_reason(&e)
        )
    })?;
    let text = String::from_utf8_lossy(&text);
    match signing::read_key(&text).map_err(|why| format!("{shown}: {why}"))? {
        Key::Private(key) => signing::sign(&key, record),
        Key::InAgent(public) => {
            let Some(socket) = std::env::var_os("SSH_AUTH_SOCK").filter(|s| !s.is_empty()) else {
                return Err(tr!("sign-no-agent", path = shown));
            };
            let mut agent = Client::connect(Path::new(&socket))
                .map_err(|e| tr!("sign-agent-unreachable", reason = e.to_string()))?;
            let held = agent
                .list_all_identities()
                .map_err(|e| tr!("sign-agent-unreachable", reason = e.to_string()))?;
            let holds = |identity: &Identity| matches!(identity, Identity::PublicKey(key) if key.key_data() == public.key_data());
            if !held.iter().any(holds) {
                return Err(tr!("sign-agent-lacks-key", path = shown));
            }
            let data = signing::data_to_sign(record)?;
            let signature = agent
                .sign(public.as_ref(), &data)
                .map_err(|e| tr!("sign-agent-refused", reason = e.to_string()))?;
            signing::from_agent(&public, record, signature)
        }
    }
}

/// The `.sig` file beside a record file: `<record>.sig`.
pub(crate) fn signature_path(record: &Path) -> PathBuf {
    let mut name = record.as_os_str().to_owned();
    name.push(".sig");
    PathBuf::from(name)
}

/// After a visit was finalized in a session: signs it when config.toml
/// names a `signing_key`, and copies the signature beside the record's copy
/// in `export_folder`. Never fails the finalize: what it returns is told to
/// the auditor (signed, or unsigned and why); `None` when no key is set.
pub(crate) fn sign_finalized(store: &store::Store, id: &str) -> Option<String> {
    let config = Config::load().ok()?;
    let key = config.signing_key()?;
    let unsigned = |why: String| tr!("sign-unsigned", id = id, why = why);
    let signed = store
        .path(id)
        .map_err(|e| e.to_string())
        .and_then(|path| Ok((path, store.load(id).map_err(|e| e.to_string())?)))
        .and_then(|(path, bytes)| Ok((path, sign_record(&key, &bytes)?)));
    let (path, armored) = match signed {
        Ok(signed) => signed,
        Err(why) => return Some(unsigned(why)),
    };
    let sig = signature_path(&path);
    if let Err(e) = store::write_private(&sig, armored.as_bytes()) {
        return Some(unsigned(e.to_string()));
    }
    let mut told = tr!("sign-signed", id = id, path = sig.display().to_string());
    if let (Some(folder), Some(name)) = (config.export_folder(), sig.file_name()) {
        let copied =
            store::write_export(&folder.join(name), armored.as_bytes(), config.export_mode());
        if let Err(e) = copied {
            told.push_str("; ");
            told.push_str(&tr!("sign-copy-not-exported", error = e.to_string()));
        }
    }
    Some(told)
}

/// Whether the final visit `id` waits for a signature: a `signing_key` is
/// configured and no `.sig` stands beside its record.
pub(crate) fn awaits_signature(store: &store::Store, config: Option<&Config>, id: &str) -> bool {
    config.and_then(Config::signing_key).is_some()
        && store
            .path(id)
            .is_ok_and(|path| std::fs::symlink_metadata(signature_path(&path)).is_err())
}

/// `touchpoint sign ID`: signs a final record that finalize could not sign.
pub fn sign(data_dir: Option<&Path>, id: &str, out: &mut dyn Write) -> Result<(), Failure> {
    let config = Config::load()?;
    let key = config
        .signing_key()
        .ok_or_else(|| Failure::Message(tr!("sign-no-key-configured")))?;
    let store = open_store(data_dir)?;
    let path = store.path(id)?;
    let bytes = store.load(id)?;
    let record = record::parse_bytes(&path.display().to_string(), &bytes)?;
    if record.header.status != Status::Final {
        return Err(Failure::Message(tr!("sign-draft", id = id)));
    }
    let armored = sign_record(&key, &bytes).map_err(Failure::Message)?;
    let sig = signature_path(&path);
    store::write_private(&sig, armored.as_bytes())?;
    writeln!(
        out,
        "{}",
        tr!("sign-signed", id = id, path = sig.display().to_string())
    )
    .map_err(|e| io_failure(&tr!("cli-cannot-write-list"), &e))
}

/// How `report` judges each record's signature: against an allowed_signers
/// file when there is one (`--allowed-signers`, else config.toml's);
/// without one, a signed record is `unknown-key` (whose key it is cannot be
/// told), an unsigned one `unsigned` (docs/decisions.md, "Signed state in
/// reports").
pub struct Signers {
    allowed: Option<AllowedSigners>,
    now: i64,
}

/// The [`Signers`] of a report: `explicit` or config.toml's file. A file
/// named that cannot be read or parsed fails the report; none named is
/// fine, unless `required` (`--require-signed` needs one).
pub fn signers(explicit: Option<&Path>, required: bool) -> Result<Signers, Failure> {
    let now = crate::clock::now().timestamp().as_second();
    let path = match explicit {
        Some(path) => Some(path.to_path_buf()),
        None => Config::load().ok().and_then(|c| c.allowed_signers()),
    };
    let Some(path) = path else {
        if required {
            return Err(Failure::Message(tr!("sign-no-allowed-signers")));
        }
        return Ok(Signers { allowed: None, now });
    };
    Ok(Signers {
        allowed: Some(load_allowed(&path)?),
        now,
    })
}

/// Reads and parses an allowed_signers file; each problem on stderr.
fn load_allowed(path: &Path) -> Result<AllowedSigners, Failure> {
    let shown = path.display().to_string();
    let text = read_small(path).map_err(|e| {
        Failure::Message(tr!(
            "sign-cannot-read-allowed",
            path = shown.clone(),
            reason = crate::checklist::io_reason(&e)
        ))
    })?;
    AllowedSigners::parse(
        &shown,
        &String::from_utf8_lossy(&text),
        &jiff::tz::TimeZone::system(),
    )
    .map_err(|problems| {
        for problem in &problems {
            say!("touchpoint: {problem}");
        }
        Failure::Reported
    })
}

impl Signers {
    /// The signed state of the record file at `path` (read as `record`):
    /// `valid`, `unsigned`, `invalid` or `unknown-key`. A draft is unsigned;
    /// a change log that is not the one the record names makes it invalid.
    pub fn state(&self, path: &Path, record: &record::RecordFile) -> &'static str {
        if record.header.status != Status::Final {
            return "unsigned";
        }
        if super::log::log_problem(path, record).is_some() {
            return "invalid";
        }
        let Ok(signature) = read_small(&signature_path(path)) else {
            return "unsigned";
        };
        let Some(allowed) = &self.allowed else {
            return "unknown-key";
        };
        let Ok(bytes) = read_capped(path, record::MAX_RECORD_BYTES as u64) else {
            return "invalid";
        };
        signing::verify(
            &bytes,
            Some(&signature),
            allowed,
            &record.header.auditor,
            self.now,
        )
        .code()
    }
}

/// `touchpoint verify [PATH…] [--allowed-signers FILE]`: each record's
/// signature; exit 1 unless every one is valid.
pub fn verify(
    data_dir: Option<&Path>,
    paths: &[PathBuf],
    allowed_signers: Option<&Path>,
    now: i64,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let config = Config::load()?;
    let allowed_path = allowed_signers
        .map(Path::to_path_buf)
        .or_else(|| config.allowed_signers())
        .ok_or_else(|| Failure::Message(tr!("sign-no-allowed-signers")))?;
    let allowed = load_allowed(&allowed_path)?;
    let (files, mut problems) = if paths.is_empty() {
        let store = open_store(data_dir)?;
        (store.visit_files()?, Vec::new())
    } else {
        find_records(paths)
    };
    let mut all_valid = problems.is_empty();
    let mut text = String::new();
    for file in &files {
        let shown = file.display().to_string();
        let bytes = match read_capped(file, record::MAX_RECORD_BYTES as u64) {
            Ok(bytes) => bytes,
            Err(e) => {
                problems.push(crate::checklist::Diagnostic::file(
                    &shown,
                    crate::checklist::io_reason(&e),
                ));
                continue;
            }
        };
        let record = match record::parse_bytes(&shown, &bytes) {
            Ok(record) => record,
            Err(problem) => {
                problems.push(problem);
                continue;
            }
        };
        if paths.is_empty() && record.header.status != Status::Final {
            continue;
        }
        let signature = read_small(&signature_path(file)).ok();
        let verdict = signing::verify(
            &bytes,
            signature.as_deref(),
            &allowed,
            &record.header.auditor,
            now,
        );
        // A log that is not the one the record names makes the record
        // invalid, whatever its signature says.
        let log = super::log::log_problem(file, &record);
        let verdict = match &log {
            Some(problem) => Verdict::Invalid(problem.clone()),
            None => verdict,
        };
        all_valid &= matches!(verdict, Verdict::Valid { .. });
        let why = match &verdict {
            // The signature may be sound; it is the log that does not match.
            Verdict::Invalid(why) if log.is_some() => tr!("verify-bad-log", why = why.clone()),
            Verdict::Valid { principal } => tr!("verify-valid", principal = principal.clone()),
            Verdict::Unsigned => tr!("verify-unsigned"),
            Verdict::Invalid(why) => tr!("verify-invalid", why = why.clone()),
            Verdict::UnknownKey(why) => tr!("verify-unknown-key", why = why.clone()),
        };
        text.push_str(&format!(
            "{}  {}  {}\n",
            crate::tui::theme::drawable(&shown),
            verdict.code(),
            why
        ));
    }
    out.write_all(text.as_bytes())
        .map_err(|e| io_failure(&tr!("cli-cannot-write-list"), &e))?;
    for problem in &problems {
        say!("touchpoint: {problem}");
    }
    if all_valid && !files.is_empty() {
        Ok(())
    } else {
        Err(Failure::Reported)
    }
}
