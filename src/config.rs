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
    /// The interface language (`en`, `ru`), unless `--lang` says otherwise.
    pub language: Option<String>,
    /// The journey the home screen offers when no visit was started yet
    /// (an id such as `luxury-train`).
    pub journey: Option<String>,
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
    match checklist::bundled() {
        Ok(bundled) => found.extend(bundled),
        Err(errors) => problems.extend(errors),
    }
    (found, problems)
}

/// Finds a checklist named on the command line: an existing path, or the id of
/// a user checklist (which wins over a bundled one of the same id), or a
/// bundled id.
pub fn resolve(config: &Config, name: &str) -> Result<Loaded, Vec<Diagnostic>> {
    let path = Path::new(name);
    if path.exists() || name.ends_with(".toml") || name.contains(std::path::MAIN_SEPARATOR) {
        // Records name the file they came from; an absolute path lets the
        // visit be resumed from any folder.
        let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        return checklist::read(path, Source::Path(absolute));
    }
    let (found, _) = available(config);
    let ids: Vec<&str> = found
        .iter()
        .map(|l| l.checklist.checklist.id.as_str())
        .collect();
    if let Some(at) = ids.iter().position(|id| *id == name) {
        return Ok(found[at].clone());
    }
    let refs = ids;
    let hint = match checklist::diag::did_you_mean(name, &refs) {
        Some(near) => format!(" — did you mean \"{near}\"?"),
        None => "; `touchpoint checklists` lists the ids".to_owned(),
    };
    Err(vec![Diagnostic::file(
        name,
        format!("no checklist file or id by this name{hint}"),
    )])
}
