//! `config.toml` in the project config folder: the auditor's defaults.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::checklist::{self, Diagnostic, Loaded, Source};

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
    /// Where the file was read from, to resolve relative folders.
    #[serde(skip)]
    pub folder: Option<PathBuf>,
}

/// The project config folder (`~/.config/touchpoint` on Linux), if the
/// platform has one.
pub fn config_dir() -> Option<PathBuf> {
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
        let text = match std::fs::read(&path) {
            Ok(bytes) => String::from_utf8(bytes)
                .map_err(|_| Diagnostic::file(&shown, "not valid UTF-8; save the file as UTF-8"))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Config {
                    folder: Some(dir.to_path_buf()),
                    ..Config::default()
                });
            }
            Err(e) => {
                return Err(Diagnostic::file(
                    &shown,
                    format!("cannot read: {}", checklist::io_reason(&e)),
                ));
            }
        };
        let mut config: Config = toml::from_str(&text).map_err(|e| {
            let at = e
                .span()
                .map(|span| checklist::diag::line_col(&text, span.start));
            Diagnostic {
                path: shown.clone(),
                at,
                message: checklist::diag::inert(e.message().trim_end()),
            }
        })?;
        config.folder = Some(dir.to_path_buf());
        Ok(config)
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
fn user_checklists(config: &Config) -> (Vec<Loaded>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for folder in config.checklist_folders() {
        if !folder.is_dir() {
            continue;
        }
        match checklist::files_in(&folder) {
            Ok(files) => {
                for file in files {
                    match checklist::read(&file, Source::User(file.clone())) {
                        Ok(loaded) => found.push(loaded),
                        Err(errors) => problems.extend(errors),
                    }
                }
            }
            Err(e) => problems.push(Diagnostic::file(
                &folder.display().to_string(),
                format!("cannot read folder: {}", checklist::io_reason(&e)),
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
    let mut found = Vec::new();
    let mut problems = Vec::new();
    let mut user: Option<Vec<Loaded>> = None;
    for name in names {
        let path = Path::new(name);
        if path.exists() || name.ends_with(".toml") || name.contains(std::path::MAIN_SEPARATOR) {
            // Records name the file they came from; an absolute path lets the
            // visit be resumed from any folder.
            let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            match checklist::read(path, Source::Path(absolute)) {
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
                let hint = match checklist::diag::did_you_mean(name, &ids) {
                    Some(near) => format!(" — did you mean \"{near}\"?"),
                    None => "; `touchpoint checklists` lists the ids".to_owned(),
                };
                problems.push(Diagnostic::file(
                    name,
                    format!("no checklist file or id by this name{hint}"),
                ));
            }
        }
    }
    (found, problems)
}
