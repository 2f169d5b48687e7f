//! `touchpoint check [PATH…]`: the shell around [`crate::check`] — reading
//! the records (as `report` does), the checklists they name and the EXIF
//! times of their photos, then the flags as a table or JSON.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use super::records::read_record_file;
use super::{Failure, data_root, find_records, open_store};
use crate::check::{self, Flag, Input, Photo};
use crate::checklist::Loaded;
use crate::cli::CheckFormat;
use crate::record::RecordFile;
use crate::store::Store;
use crate::text::escape;
use crate::tr;
use crate::visit::Status;

/// Columns the table's details wrap at.
const WIDTH: usize = 80;

/// A record read, with what the checks need besides it.
pub(crate) struct Checked {
    /// The record.
    pub record: RecordFile,
    /// The checklists it names that could be loaded (shared between the
    /// records that name the same ones).
    pub checklists: Rc<[Loaded]>,
    /// Its photos with an EXIF time.
    pub photos: Vec<Photo>,
}

impl Checked {
    /// The input of [`check::flags`].
    pub fn input(&self) -> Input<'_> {
        Input {
            record: &self.record,
            checklists: &self.checklists,
            photos: &self.photos,
        }
    }
}

/// Reads what the checks need of each record: its checklists (bundled, at
/// their source, or the data folder's kept copy by hash, as `resume` finds
/// them; each distinct set loaded once) and the EXIF times of its attached
/// files. A checklist that cannot be loaded is warned about once on stderr;
/// its items are checked from the record alone.
pub(crate) struct Gatherer<'s> {
    store: Option<&'s Store>,
    cache: HashMap<Vec<(String, String)>, Rc<[Loaded]>>,
    warned: HashSet<String>,
}

impl<'s> Gatherer<'s> {
    /// A gatherer with the data folder's `store`, when there is one (for
    /// its kept checklists and its evidence).
    pub fn new(store: Option<&'s Store>) -> Gatherer<'s> {
        Gatherer {
            store,
            cache: HashMap::new(),
            warned: HashSet::new(),
        }
    }

    /// What the checks need of `record`, read from `path`.
    pub fn gather(&mut self, record: RecordFile, path: &Path) -> Checked {
        let key: Vec<(String, String)> = record
            .checklists
            .iter()
            .map(|c| (c.source.clone(), c.sha256.clone()))
            .collect();
        let store = self.store;
        let checklists = match self.cache.get(&key) {
            Some(loaded) => Rc::clone(loaded),
            None => {
                let kept = |sha: &str| store?.kept_checklist(sha)?.ok();
                let (loaded, warnings, _) =
                    crate::store::checklists::load_checklists_kept(&record, kept);
                for warning in warnings {
                    if self.warned.insert(warning.clone()) {
                        say!(
                            "touchpoint: {}",
                            tr!(
                                "cli-warning",
                                warning = tr!("check-checklist-missing", problem = warning)
                            )
                        );
                    }
                }
                let loaded: Rc<[Loaded]> = loaded.into();
                self.cache.insert(key, Rc::clone(&loaded));
                loaded
            }
        };
        let root = store.map(Store::root);
        let photos = record
            .evidence
            .iter()
            .filter_map(|e| {
                let file = evidence_path(path, root, &e.file)?;
                let (taken, offset) = exif_time(&file)?;
                Some(Photo {
                    file: e.file.clone(),
                    item: match (&e.checklist, &e.item) {
                        (Some(c), Some(i)) => Some(format!("{c}/{i}")),
                        _ => None,
                    },
                    taken,
                    offset,
                })
            })
            .collect();
        Checked {
            record,
            checklists,
            photos,
        }
    }
}

/// Where an attached file of the record at `record_path` is: under the data
/// folder the record is in (`<root>/visits/<id>.toml`), else under `root`,
/// else beside the record. `file` is a plain relative path (the reader
/// refuses any other).
fn evidence_path(record_path: &Path, root: Option<&Path>, file: &str) -> Option<PathBuf> {
    let folder = record_path.parent();
    let own_root = folder
        .filter(|f| f.file_name().is_some_and(|n| n == "visits"))
        .and_then(Path::parent);
    [own_root, root, folder]
        .into_iter()
        .flatten()
        .map(|base| base.join(file))
        .find(|p| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_file()))
}

/// The time a photo was taken, from its EXIF (`DateTimeOriginal`, else
/// `DateTime`) with the offset written beside it, if any. The file is read
/// without following a link or blocking on a FIFO, at most
/// [`crate::evidence::MAX_EVIDENCE_BYTES`]; no time, no photo.
fn exif_time(path: &Path) -> Option<(jiff::civil::DateTime, Option<jiff::tz::Offset>)> {
    use crate::store::open::{Links, read_file};
    let bytes = read_file(path, Links::Refuse, crate::evidence::MAX_EVIDENCE_BYTES).ok()?;
    let exif = exif::Reader::new()
        .read_from_container(&mut std::io::Cursor::new(&bytes))
        .ok()?;
    let ascii = |tag| match exif.get_field(tag, exif::In::PRIMARY).map(|f| &f.value) {
        Some(exif::Value::Ascii(parts)) => parts.first().cloned(),
        _ => None,
    };
    let (time, offset_tag) = match ascii(exif::Tag::DateTimeOriginal) {
        Some(time) => (time, exif::Tag::OffsetTimeOriginal),
        None => (ascii(exif::Tag::DateTime)?, exif::Tag::OffsetTime),
    };
    let mut parsed = exif::DateTime::from_ascii(&time).ok()?;
    if let Some(offset) = ascii(offset_tag) {
        let _ = parsed.parse_offset(&offset);
    }
    let civil = jiff::civil::DateTime::new(
        i16::try_from(parsed.year).ok()?,
        i8::try_from(parsed.month).ok()?,
        i8::try_from(parsed.day).ok()?,
        i8::try_from(parsed.hour).ok()?,
        i8::try_from(parsed.minute).ok()?,
        i8::try_from(parsed.second).ok()?,
        0,
    )
    .ok()?;
    let offset = parsed
        .offset
        .and_then(|minutes| jiff::tz::Offset::from_seconds(i32::from(minutes) * 60).ok());
    Some((civil, offset))
}

/// `touchpoint check`: the flags of the final records under `paths` (the
/// data folder's when none), as a table or JSON on `out`. Fails (exit 1)
/// when a flag is raised or a path could not be read, after the output.
pub fn check(
    data_dir: Option<&Path>,
    paths: &[PathBuf],
    format: CheckFormat,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let (files, problems, store) = if paths.is_empty() {
        let store = open_store(data_dir)?;
        (store.visit_files()?, Vec::new(), Some(store))
    } else {
        let (files, problems) = find_records(paths);
        // The data folder only for its kept checklists and evidence: never
        // made here, nor its visits folder, when there is none.
        let store = data_root(data_dir)
            .ok()
            .filter(|root| root.join("visits").is_dir())
            .and_then(|root| Store::open_untidied(&root).ok());
        (files, problems, store)
    };
    let mut skipped = problems.len();
    for p in &problems {
        say!(
            "touchpoint: {}",
            tr!("cli-skipped", problem = p.to_string())
        );
    }
    let mut checked = Vec::new();
    let mut seen = HashSet::new();
    let mut drafts = 0;
    let mut gatherer = Gatherer::new(store.as_ref());
    // Parsing is the cost: in parallel, then taken in path order.
    let read: Vec<_> = {
        use rayon::prelude::*;
        files
            .par_iter()
            .map(|path| read_record_file(path))
            .collect()
    };
    for (path, read) in files.iter().zip(read) {
        let record = match read {
            Ok(record) => record,
            Err(problem) => {
                say!(
                    "touchpoint: {}",
                    tr!("cli-skipped", problem = problem.to_string())
                );
                skipped += 1;
                continue;
            }
        };
        if record.header.status != Status::Final {
            drafts += 1;
            continue;
        }
        // One visit found twice (the data folder and an export) counts once.
        if !seen.insert(record.header.id.clone()) {
            continue;
        }
        checked.push(gatherer.gather(record, path));
    }
    if drafts > 0 {
        say!(
            "touchpoint: {}",
            tr!("check-drafts-left-out", count = drafts)
        );
    }
    let inputs: Vec<Input<'_>> = checked.iter().map(Checked::input).collect();
    let flags = check::flags(&inputs);
    if !(checked.is_empty() && skipped > 0) {
        let written = match format {
            CheckFormat::Json => write_json(&flags, out),
            CheckFormat::Table => write_table(&flags, checked.len(), out),
        };
        written.map_err(|e| super::io_failure(&tr!("cli-cannot-write-stdout"), &e))?;
    }
    if skipped > 0 {
        say!(
            "touchpoint: {}",
            tr!("check-files-skipped", count = skipped)
        );
    }
    if skipped > 0 || !flags.is_empty() {
        return Err(Failure::Reported);
    }
    Ok(())
}

/// `{"flags": [{code, visit, site, item, detail}]}`, every string inert.
pub(crate) fn write_json(flags: &[Flag], out: &mut dyn Write) -> std::io::Result<()> {
    let json = serde_json::json!({ "flags": flags });
    let text = serde_json::to_string_pretty(&json).map_err(std::io::Error::other)?;
    writeln!(out, "{}", crate::text::escape_json(text))
}

/// Each flag as a heading line (code, visit) and its site, item and detail
/// wrapped below, then a count: every string from a record escaped.
pub(crate) fn write_table(
    flags: &[Flag],
    visits: usize,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    for flag in flags {
        // The code and the visit on one line (under 80 columns for any id
        // the program makes), the site, item and detail wrapped below.
        writeln!(out, "{}  {}", flag.code.as_str(), escape(&flag.visit))?;
        let text = match &flag.item {
            Some(item) => format!(
                "{} · {}: {}",
                escape(&flag.site),
                escape(item),
                escape(&flag.detail)
            ),
            None => format!("{}: {}", escape(&flag.site), escape(&flag.detail)),
        };
        for line in wrap(&text, WIDTH - 4) {
            writeln!(out, "    {line}")?;
        }
    }
    if flags.is_empty() {
        writeln!(out, "{}", tr!("check-none", visits = visits))
    } else {
        let flagged: HashSet<&str> = flags.iter().map(|f| f.visit.as_str()).collect();
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            tr!(
                "check-summary",
                flags = flags.len(),
                flagged = flagged.len(),
                visits = visits
            )
        )
    }
}

/// `text` cut into lines of at most `width` columns at spaces (a word wider
/// than that stands alone on its line); newlines in it are kept.
fn wrap(text: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            if !line.is_empty() && line.width() + 1 + word.width() > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn details_wrap_at_spaces_by_display_width() {
        assert_eq!(wrap("aa bb cc", 5), ["aa bb", "cc"]);
        assert_eq!(wrap("ответ «Да» но", 10), ["ответ «Да»", "но"]);
        assert_eq!(
            wrap("averyveryverylongword x", 5),
            ["averyveryverylongword", "x"]
        );
    }
}
