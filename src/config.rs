//! `config.toml` in the project config folder: the auditor's defaults.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::checklist::{self, Diagnostic, Loaded, Source};
use crate::store::checklists;

/// The auditor's defaults, from `config.toml`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Auditor name used when a visit is started without one.
    pub auditor: Option<String>,
    /// Extra folders of checklists, besides `checklists/` in the config folder.
    #[serde(default)]
    pub checklist_folders: Vec<PathBuf>,
    /// Folder that finalizing a visit copies its record into.
    pub export_folder: Option<PathBuf>,
    /// The interface language (`en`, `ru`), unless `--lang` says otherwise.
    pub language: Option<String>,
    /// The journey the home screen offers when no visit was started yet
    /// (an id such as `luxury-train`).
    pub journey: Option<String>,
    /// File mode of exported files, such as `"0640"` for a reviewers' group;
    /// the data folder stays private whatever it says.
    pub export_mode: Option<ExportMode>,
    /// The auditor's SSH key that signs final records: an OpenSSH private
    /// key file, or a public key whose private half is in `ssh-agent`.
    pub signing_key: Option<PathBuf>,
    /// The OpenSSH `allowed_signers` file `verify` checks signatures against.
    pub allowed_signers: Option<PathBuf>,
    /// The editor's name in review files (default: `auditor`, else the login name).
    pub reviewer: Option<String>,
    /// Folders `touchpoint review` lists records from (default: the data folder).
    #[serde(default)]
    pub review_folders: Vec<PathBuf>,
    /// Where the file was read from, to resolve relative folders.
    #[serde(skip)]
    pub folder: Option<PathBuf>,
}

/// The largest `config.toml` read: a few lines of names and folders need
/// far less; a larger file is refused rather than read into memory.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// Why `config.toml` was not read.
enum Unread {
    /// There is none: the defaults apply.
    Missing,
    /// It is there but not read, and why (in the interface language).
    Refused(String),
}

/// The bytes of `config.toml` at `path`, read as a checklist is: opened
/// without blocking (a FIFO planted there cannot hang every command,
/// `--version` included), only a regular file (a link is followed, then
/// what it leads to is checked: a link to `/dev/zero` is refused), at most
/// [`MAX_CONFIG_BYTES`] bytes, counted again while reading.
fn read_config_bytes(path: &Path) -> Result<Vec<u8>, Unread> {
    use crate::store::open::{Links, ReadError, read_file};
    read_file(path, Links::Follow, MAX_CONFIG_BYTES).map_err(|e| match e {
        ReadError::Io(e) if e.kind() == std::io::ErrorKind::NotFound => Unread::Missing,
        ReadError::Io(e) => Unread::Refused(crate::tr!(
            "session-cannot-read",
            reason = checklist::io_reason(&e)
        )),
        ReadError::NotRegular(_) => Unread::Refused(crate::tr!("config-not-regular")),
        ReadError::TooLarge { .. } => Unread::Refused(crate::tr!(
            "config-too-large",
            most = MAX_CONFIG_BYTES / 1024
        )),
    })
}

/// The project config folder, if the platform has one: `~/.config/touchpoint`
/// on Linux (or under `$XDG_CONFIG_HOME`), on macOS too — where terminal
/// users look for it, rather than `~/Library/Application Support` — and
/// `%APPDATA%\touchpoint` on Windows (SPEC, Files).
pub fn config_dir() -> Option<PathBuf> {
    if cfg!(target_os = "macos") {
        let xdg = std::env::var_os("XDG_CONFIG_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute());
        let base =
            xdg.or_else(|| directories::BaseDirs::new().map(|b| b.home_dir().join(".config")));
        return base.map(|b| b.join("touchpoint"));
    }
    directories::ProjectDirs::from("", "", "touchpoint").map(|d| d.config_dir().to_path_buf())
}

impl Config {
    /// Reads `config.toml` from the config folder; no file means defaults.
    pub fn load() -> Result<Config, Diagnostic> {
        match config_dir() {
            Some(dir) => Config::load_from(&dir),
            None => Ok(Config::default()),
        }
    }

    /// Reads `config.toml` from `dir`; no file means defaults.
    pub fn load_from(dir: &Path) -> Result<Config, Diagnostic> {
        let path = dir.join("config.toml");
        let shown = path.display().to_string();
        let text = match read_config_bytes(&path) {
            Ok(bytes) => String::from_utf8(bytes)
                .map_err(|_| Diagnostic::file(&shown, crate::tr!("config-not-utf8")))?,
            Err(Unread::Missing) => {
                return Ok(Config {
                    folder: Some(dir.to_path_buf()),
                    ..Config::default()
                });
            }
            Err(Unread::Refused(why)) => return Err(Diagnostic::file(&shown, why)),
        };
        let mut config: Config = toml::from_str(&text).map_err(|e| {
            let at = e
                .span()
                .map(|span| checklist::diag::line_col(&text, span.start));
            Diagnostic {
                path: shown.clone(),
                at,
                message: crate::text::escaped(e.message().trim_end()),
            }
        })?;
        config.folder = Some(dir.to_path_buf());
        config.check_text(&shown, &text)?;
        Ok(config)
    }

    /// Refuses control characters in the names and folders, which would
    /// otherwise reach records, exports and the terminal.
    fn check_text(&self, shown: &str, text: &str) -> Result<(), Diagnostic> {
        let mut fields: Vec<(&str, String)> = Vec::new();
        if let Some(auditor) = &self.auditor {
            fields.push(("auditor", auditor.clone()));
        }
        for folder in &self.checklist_folders {
            fields.push(("checklist_folders", folder.to_string_lossy().into_owned()));
        }
        if let Some(folder) = &self.export_folder {
            fields.push(("export_folder", folder.to_string_lossy().into_owned()));
        }
        if let Some(reviewer) = &self.reviewer {
            fields.push(("reviewer", reviewer.clone()));
        }
        for folder in &self.review_folders {
            fields.push(("review_folders", folder.to_string_lossy().into_owned()));
        }
        for (key, value) in fields {
            if let Err(why) = crate::text::refuse_control(key, &value, false) {
                // The key's line, where there is one (it may be a quoted key).
                let at = text
                    .lines()
                    .position(|l| l.trim_start().starts_with(key))
                    .map(|n| (n + 1, 1));
                return Err(Diagnostic {
                    path: shown.to_owned(),
                    at,
                    message: why,
                });
            }
        }
        Ok(())
    }

    /// The mode of exported files: `export_mode`, else 0600.
    pub fn export_mode(&self) -> u32 {
        self.export_mode
            .map_or(crate::store::DEFAULT_EXPORT_MODE, |m| m.0)
    }

    /// Folders searched for user checklists, in order.
    pub fn checklist_folders(&self) -> Vec<PathBuf> {
        let mut folders: Vec<PathBuf> = self.folder.iter().map(|d| d.join("checklists")).collect();
        folders.extend(self.checklist_folders.iter().map(|f| self.resolve(f)));
        folders
    }

    /// The export folder, with `~` and relative paths resolved.
    pub fn export_folder(&self) -> Option<PathBuf> {
        self.export_folder.as_deref().map(|f| self.resolve(f))
    }

    /// The review folders, with `~` and relative paths resolved.
    pub fn review_folders(&self) -> Vec<PathBuf> {
        self.review_folders
            .iter()
            .map(|f| self.resolve(f))
            .collect()
    }

    /// The signing key's path, `~` and relative paths resolved.
    pub fn signing_key(&self) -> Option<PathBuf> {
        self.signing_key.as_deref().map(|f| self.resolve(f))
    }

    /// The `allowed_signers` file's path, `~` and relative paths resolved.
    pub fn allowed_signers(&self) -> Option<PathBuf> {
        self.allowed_signers.as_deref().map(|f| self.resolve(f))
    }

    fn resolve(&self, path: &Path) -> PathBuf {
        if let Ok(rest) = path.strip_prefix("~")
            && let Some(home) = directories::BaseDirs::new()
        {
            return home.home_dir().join(rest);
        }
        match &self.folder {
            Some(dir) if path.is_relative() => dir.join(path),
            _ => path.to_path_buf(),
        }
    }
}

/// A file mode for exports: read and write bits only, the owner able to read
/// and write. Written `"0640"` (a string, as `chmod` takes it) or `0o640`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportMode(pub u32);

impl<'de> Deserialize<'de> for ExportMode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Text(String),
            Number(i64),
        }
        let mode = match Raw::deserialize(deserializer)? {
            Raw::Text(text) => {
                let digits = text.trim();
                let digits = digits.strip_prefix("0o").unwrap_or(digits);
                if digits.is_empty()
                    || digits.len() > 4
                    || !digits.bytes().all(|b| (b'0'..=b'7').contains(&b))
                {
                    return Err(D::Error::custom(crate::tr!(
                        "config-mode-not-octal",
                        mode = format!("{:?}", crate::text::echo(&text, 20))
                    )));
                }
                u32::from_str_radix(digits, 8).map_err(D::Error::custom)?
            }
            Raw::Number(n) => u32::try_from(n)
                .map_err(|_| D::Error::custom(crate::tr!("config-mode-not-a-mode")))?,
        };
        if mode & !0o666 != 0 || mode & 0o600 != 0o600 {
            return Err(D::Error::custom(crate::tr!(
                "config-mode-not-allowed",
                mode = format!("{mode:04o}")
            )));
        }
        Ok(ExportMode(mode))
    }
}

/// The checklists available to `touchpoint new`: the user's folders, then the
/// bundled ones. Broken user files are returned beside the good ones.
pub fn available(config: &Config) -> (Vec<Loaded>, Vec<Diagnostic>) {
    let (mut found, mut problems) = user_checklists(config);
    match checklist::bundled() {
        Ok(bundled) => found.extend(bundled),
        Err(errors) => problems.extend(errors),
    }
    (found, problems)
}

/// The checklists of the user's folders, each file read once.
pub fn user_checklists(config: &Config) -> (Vec<Loaded>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for folder in config.checklist_folders() {
        if !folder.is_dir() {
            continue;
        }
        match checklists::files_in(&folder) {
            Ok(files) => {
                for file in files {
                    match checklists::read(&file, Source::User(file.clone())) {
                        Ok(loaded) => found.push(loaded),
                        Err(errors) => problems.extend(errors),
                    }
                }
            }
            Err(e) => problems.push(Diagnostic::file(
                &folder.display().to_string(),
                crate::tr!("cli-cannot-read-folder", reason = checklist::io_reason(&e)),
            )),
        }
    }
    (found, problems)
}

/// Finds a checklist named on the command line: an existing path, or the id of
/// a user checklist (which wins over a bundled one of the same id), or a
/// bundled id.
pub fn resolve(config: &Config, name: &str) -> Result<Loaded, Vec<Diagnostic>> {
    let (mut found, problems) = resolve_all(config, &[name.to_owned()]);
    match found.pop() {
        Some(loaded) if problems.is_empty() => Ok(loaded),
        _ => Err(problems),
    }
}

/// [`resolve`] for each of `names`, in order, reading the user's folders at
/// most once and parsing only the bundled checklists named: `touchpoint new`
/// waits for this before its first frame.
pub fn resolve_all(config: &Config, names: &[String]) -> (Vec<Loaded>, Vec<Diagnostic>) {
    resolve_all_among(config, names, None)
}

/// [`resolve_all`] with the user's checklists already read, if they were
/// ([`user_checklists`]), so that they are not read twice.
pub fn resolve_all_among(
    config: &Config,
    names: &[String],
    mut user: Option<Vec<Loaded>>,
) -> (Vec<Loaded>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for name in names {
        let path = Path::new(name);
        if path.exists() || name.ends_with(".toml") || name.contains(std::path::MAIN_SEPARATOR) {
            // Records name the file they came from; an absolute path lets the
            // visit be resumed from any folder.
            let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            match checklists::read(path, Source::Path(absolute)) {
                Ok(loaded) => found.push(loaded),
                Err(errors) => problems.extend(errors),
            }
            continue;
        }
        // Broken user files are named by `touchpoint checklists`, not here.
        let user = user.get_or_insert_with(|| user_checklists(config).0);
        if let Some(loaded) = user.iter().find(|l| l.checklist.checklist.id == *name) {
            found.push(loaded.clone());
            continue;
        }
        match checklist::bundled_by_id(name) {
            Some(Ok(loaded)) => found.push(loaded),
            Some(Err(errors)) => problems.extend(errors),
            None => {
                let mut ids: Vec<&str> = user
                    .iter()
                    .map(|l| l.checklist.checklist.id.as_str())
                    .collect();
                for id in checklist::bundled_ids() {
                    ids.push(id);
                }
                let message = match checklist::diag::did_you_mean(name, &ids) {
                    Some(near) => crate::tr!("config-no-checklist-near", near = near),
                    None => crate::tr!("config-no-checklist"),
                };
                problems.push(Diagnostic::file(name, message));
            }
        }
    }
    (found, problems)
}
