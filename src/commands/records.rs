//! Reading many records: the parallel batch reader behind `report` (and the
//! benches), one record file read with its journal, the folder walker that
//! finds record files under the paths named on the command line, and the
//! data folder's visits as the lists show them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::Signers;
use crate::checklist::{self, Diagnostic};
use crate::record::{self, RecordFile};
use crate::report::{self, Filter, LeftOut};
use crate::session;
use crate::store::Store;
use crate::tr;
use crate::visit::Status;

/// Records read at once, in parallel; the report holds no more than these.
pub const BATCH: usize = 32;

/// Bytes of record files read at once: a batch closes at [`BATCH`] files or
/// at this many bytes, whichever comes first (a file larger than this is a
/// batch of its own). With the pipeline of [`read_all`] holding two batches,
/// 64 hostile records of 15.8 MB cost a few of them in memory, not all 32 of
/// a batch (issue 17: 3.4 GB).
pub(crate) const BATCH_BYTES: u64 = 16 * 1024 * 1024;

/// `files` cut into batches of at most [`BATCH`] files and [`BATCH_BYTES`]
/// bytes (by their sizes now; a file that cannot be looked at counts as
/// nothing, and its reader names the problem).
/// Each batch comes with its bytes.
fn batches(files: &[PathBuf]) -> Vec<(&[PathBuf], u64)> {
    let mut batches = Vec::new();
    let mut start = 0;
    let mut bytes = 0u64;
    for (n, path) in files.iter().enumerate() {
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        if n > start && (n - start == BATCH || bytes + size > BATCH_BYTES) {
            batches.push((&files[start..n], bytes));
            start = n;
            bytes = 0;
        }
        bytes += size;
    }
    if start < files.len() {
        batches.push((&files[start..], bytes));
    }
    batches
}

/// What reading the records came to, besides the report.
#[derive(Debug, Default)]
pub struct ReadTally {
    /// Files that are not records, named on stderr.
    pub skipped: usize,
    /// Drafts left out.
    pub drafts: usize,
    /// Final visits left out for their review status (`--status`).
    pub reviewed_out: usize,
    /// Visits left out by `--require-signed`.
    pub unsigned: usize,
    /// Every site named by a record read (taken or not), for a `--site`
    /// that matches none.
    pub sites: Vec<String>,
    /// `--site` values no record names, each with the nearest sites seen.
    pub unknown_sites: Vec<(String, Vec<String>)>,
}

/// What the reader of records takes: the filter, and how signatures are judged.
pub(super) struct Reading<'a> {
    pub(super) filter: &'a Filter,
    pub(super) signers: &'a Signers,
    pub(super) require_signed: bool,
}

/// A file as the parallel stage leaves it.
enum Read<X> {
    /// Not a record.
    Skipped(Diagnostic),
    /// A record the filter does not take, and its site.
    LeftOut(LeftOut, String),
    /// A record, its figures and what `prepare` made of it, and what its
    /// review file had to say.
    Taken(Box<(RecordFile, report::VisitFigures)>, X, Reviewed),
}

/// What reading a record's review file gave besides its status and
/// corrections (which are in its figures).
struct Reviewed {
    /// Review files ignored, and why.
    warnings: Vec<String>,
    /// The record's stored score against its own observations, before any
    /// correction (a corrected answer is no disagreement).
    disagreement: Option<String>,
}

/// The figures of `record` read from `path`: with the review beside it (a
/// final record's), its corrected answers in the observations, its review
/// status in the figures.
fn reviewed_figures(path: &Path, record: &mut RecordFile) -> (report::VisitFigures, Reviewed) {
    let mut reviewed = Reviewed {
        warnings: Vec::new(),
        disagreement: None,
    };
    if record.header.status != Status::Final {
        let figures = report::VisitFigures::of(record);
        reviewed.disagreement = figures.disagreement(record);
        return (figures, reviewed);
    }
    let (found, warnings) = crate::review::disk::beside(path, &record.header.id);
    reviewed.warnings = warnings;
    let state = found.map(|f| f.state).unwrap_or_default();
    let mut corrected = Vec::new();
    if !state.corrections.is_empty() {
        reviewed.disagreement = report::VisitFigures::of(record).disagreement(record);
        corrected = crate::review::apply(record, &state);
    }
    let mut figures = report::VisitFigures::of(record);
    if corrected.is_empty() {
        reviewed.disagreement = figures.disagreement(record);
    }
    figures.review_status = Some(state.status);
    figures.corrected = corrected;
    (figures, reviewed)
}

/// Parses `files` in parallel batches, with each record's figures and
/// `prepare` (the costly, pure work) on the same threads, then hands each
/// record the filter takes to `take`, in path order, once per visit id;
/// names each file that is not a record, and each record whose stored score
/// disagrees with its observations.
pub(super) fn read_all<X: Send>(
    files: &[PathBuf],
    reading: &Reading<'_>,
    prepare: impl Fn(&RecordFile, &report::VisitFigures) -> X + Sync,
    mut take: impl FnMut((&RecordFile, report::VisitFigures), X) -> std::io::Result<()>,
) -> std::io::Result<ReadTally> {
    use rayon::prelude::*;
    let read_batch = |batch: &[PathBuf]| -> Vec<Read<X>> {
        batch
            .par_iter()
            .map(|path| match read_record_file(path) {
                Err(problem) => Read::Skipped(problem),
                Ok(mut record) => match reading.filter.admits(&record) {
                    Err(why) => Read::LeftOut(why, record.header.site),
                    Ok(()) => {
                        let (mut figures, reviewed) = reviewed_figures(path, &mut record);
                        if let Err(why) = reading.filter.admits_review(figures.review_status) {
                            return Read::LeftOut(why, record.header.site);
                        }
                        figures.signed = reading.signers.state(path, &record);
                        if reading.require_signed && figures.signed != "valid" {
                            return Read::LeftOut(LeftOut::Unsigned, record.header.site);
                        }
                        let extra = prepare(&record, &figures);
                        Read::Taken(Box::new((record, figures)), extra, reviewed)
                    }
                },
            })
            .collect()
    };
    let mut tally = ReadTally::default();
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    let mut take_batch = |batch: &[PathBuf], read: Vec<Read<X>>| -> std::io::Result<()> {
        for (path, result) in batch.iter().zip(read) {
            let (record, figures, extra, reviewed) = match result {
                Read::Skipped(problem) => {
                    say!(
                        "touchpoint: {}",
                        tr!("cli-skipped", problem = problem.to_string())
                    );
                    tally.skipped += 1;
                    continue;
                }
                Read::LeftOut(why, site) => {
                    if !reading.filter.sites.is_empty() {
                        tally.sites.push(site);
                    }
                    if why == LeftOut::Draft {
                        tally.drafts += 1;
                    }
                    if why == LeftOut::Reviewed {
                        tally.reviewed_out += 1;
                    }
                    if why == LeftOut::Unsigned {
                        tally.unsigned += 1;
                    }
                    continue;
                }
                Read::Taken(taken, extra, reviewed) => {
                    let (record, figures) = *taken;
                    (record, figures, extra, reviewed)
                }
            };
            for warning in &reviewed.warnings {
                say!(
                    "touchpoint: {}",
                    tr!("cli-warning", warning = warning.as_str())
                );
            }
            let shown = crate::text::escaped_line(&path.display().to_string());
            if let Some(first) = seen.get(&record.header.id) {
                say!(
                    "touchpoint: {}",
                    tr!(
                        "cli-warning",
                        warning = tr!(
                            "cli-visit-counted-once",
                            path = shown.as_str(),
                            id = record.header.id.as_str(),
                            first = crate::text::escaped_line(&first.display().to_string())
                        )
                    )
                );
                continue;
            }
            seen.insert(record.header.id.clone(), path.clone());
            if !reading.filter.sites.is_empty() {
                tally.sites.push(record.header.site.clone());
            }
            if let Some(why) = reviewed.disagreement {
                say!(
                    "touchpoint: {}",
                    tr!("cli-warning", warning = format!("{shown}: {why}"))
                );
            }
            take((&record, figures), extra)?;
        }
        Ok(())
    };
    // A pipeline: the pool parses the next batch while this thread takes
    // the one before it, in order (`take` may hold a writer that is not Send).
    let mut current: Option<(&[PathBuf], Vec<Read<X>>)> = None;
    let mut batches = batches(files).into_iter();
    loop {
        let batch = batches.next();
        let mut next = None;
        let mut taken = Ok(());
        // A batch of huge records is not read while the one before it is
        // still held: one of them in memory at a time, not two.
        if batch.is_some_and(|(_, bytes)| bytes > BATCH_BYTES / 2)
            && let Some((paths, read)) = current.take()
        {
            take_batch(paths, read)?;
        }
        let batch = batch.map(|(paths, _)| paths);
        rayon::in_place_scope(|scope| {
            if let Some(batch) = batch {
                scope.spawn(|_| next = Some(read_batch(batch)));
            }
            if let Some((paths, read)) = current.take() {
                taken = take_batch(paths, read);
            }
        });
        taken?;
        match (batch, next) {
            (Some(batch), Some(read)) => current = Some((batch, read)),
            _ => break,
        }
    }
    Ok(tally)
}

/// One record file, refused by size before it is read, with the changes of
/// a journal beside it applied (a draft being written): what `report` reads.
pub fn read_record_file(path: &Path) -> Result<RecordFile, Diagnostic> {
    let shown = path.display().to_string();
    let size = std::fs::metadata(path)
        .map_err(|e| Diagnostic::file(&shown, checklist::io_reason(&e)))?
        .len();
    if size > record::MAX_RECORD_BYTES as u64 {
        return Err(Diagnostic::file(
            &shown,
            tr!("cli-record-too-large", size = size),
        ));
    }
    session::read_record(path)
}

/// The record files named: files as given (a link named on the command line
/// is followed), folders searched recursively for `.toml` files (hidden ones
/// and the data folder's `trash` left out), in path order; a problem for each
/// path that cannot be read.
///
/// A symbolic link found inside a folder is never followed, wherever it
/// points: in a shared folder another user could plant one to an auditor's
/// private records. Each such link that looks like a record or a folder is
/// named as skipped (so `report` exits 1, after the report of the others).
pub(crate) fn find_records(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        let shown = path.display().to_string();
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => walk(path, &mut files, &mut problems),
            Ok(_) => files.push(path.clone()),
            Err(e) => problems.push(Diagnostic::file(&shown, checklist::io_reason(&e))),
        }
    }
    (files, problems)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, problems: &mut Vec<Diagnostic>) {
    let entries = match crate::store::walk::entries(dir) {
        Ok(entries) => entries,
        Err(e) => {
            let shown = dir.display().to_string();
            problems.push(Diagnostic::file(&shown, checklist::io_reason(&e)));
            return;
        }
    };
    // Names sorted; a link is seen as a link (not followed).
    let found = entries
        .into_iter()
        .filter(|e| !e.name.to_string_lossy().starts_with('.'));
    for entry in found {
        let path = entry.path.clone();
        // A review file beside a record (`<id>.review.toml`) is not a record.
        let toml = path.extension().is_some_and(|x| x == "toml")
            && !crate::review::disk::is_review_file(&path);
        if entry.is_symlink() {
            // Named without reading through it: where it points is not
            // looked at beyond whether it is a folder.
            if toml || entry.leads_to_dir() {
                let shown = crate::text::escaped_line(&path.display().to_string());
                problems.push(Diagnostic::file(&shown, tr!("cli-link-not-followed")));
            }
        } else if entry.is_dir() {
            // Deleted visits stay deleted: a data folder's trash is not reported.
            if path.file_name().is_some_and(|n| n == "trash") && dir.join("visits").is_dir() {
                continue;
            }
            walk(&path, files, problems);
        } else if toml {
            files.push(path);
        }
    }
}

/// [`session::read_all`] for the lists the auditor picks from (`list`, the
/// home screen): a record whose `[visit] id` differs from its file name is
/// listed under the file name — the name `resume`, `export` and `delete`
/// find it by — and said on stderr (issue 17).
pub(super) fn read_listed(store: &Store) -> (Vec<RecordFile>, Vec<Diagnostic>, Vec<String>) {
    let (mut records, problems, notes) = session::read_all_noting(store);
    let Ok(files) = store.visit_files() else {
        return (records, problems, notes);
    };
    let names: Vec<String> = files
        .iter()
        .filter_map(|f| f.file_stem()?.to_str().map(str::to_owned))
        .collect();
    // read_all reads the files in this order and skips those it names as
    // problems; the n-th record is the n-th file that was read.
    let unread: std::collections::HashSet<String> =
        problems.iter().map(|d| d.to_string()).collect();
    let mut read = names.iter().filter(|name| {
        // A problem names the record or its journal: `visits/<name>.…`.
        let shown = format!("{}/{name}.", store.visits_dir().display());
        !unread.iter().any(|p| p.starts_with(&shown))
    });
    for record in &mut records {
        let Some(name) = read.next() else { break };
        if &record.header.id != name {
            say!(
                "touchpoint: {}",
                tr!(
                    "cli-warning",
                    warning = tr!(
                        "cli-id-differs",
                        path = format!("{name}.toml"),
                        id = crate::text::escaped_line(&record.header.id),
                        name = name.as_str()
                    )
                )
            );
            record.header.id = name.clone();
        }
    }
    (records, problems, notes)
}
