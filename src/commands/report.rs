//! `touchpoint report`: the review of many visits, read in parallel.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::records::{ReadTally, Reading, find_records, read_all};
use super::terminal::to_stdout;
use super::{Failure, Signers, data_root, io_failure, open_store, sign};
use crate::cli::ReportFormat;
use crate::record::RecordFile;
use crate::report::{self, Filter};
use crate::tr;
use crate::tui::theme::Theme;

/// What `touchpoint report` was asked for.
#[derive(Debug, Clone)]
pub struct ReportArgs {
    /// Record files or folders; the data folder's visits when empty.
    pub paths: Vec<PathBuf>,
    /// The output format.
    pub format: ReportFormat,
    /// Where to write; standard output when `None`.
    pub output: Option<PathBuf>,
    /// Which visits to take.
    pub filter: Filter,
    /// The service map's line between high and low.
    pub line: f64,
    /// Final visits under this coverage (percent) are left out of the figures.
    pub min_coverage: f64,
    /// Fewest scored answers for an item among the most missed.
    pub min_answers: usize,
    /// Leave out every visit whose signature is not `valid`.
    pub require_signed: bool,
    /// The OpenSSH allowed_signers file (default: config.toml's).
    pub allowed_signers: Option<PathBuf>,
}

/// `touchpoint report`: reads the records (in parallel), skips and names
/// each file that is not one, and writes the review. Fails (exit 1) when a
/// file was skipped, after writing the report of the others.
pub fn report(data_dir: Option<&Path>, args: &ReportArgs) -> Result<(), Failure> {
    use std::io::IsTerminal;
    let signers = sign::signers(args.allowed_signers.as_deref(), args.require_signed)?;
    let (files, mut skipped) = if args.paths.is_empty() {
        let store = open_store(data_dir)?;
        (store.visit_files()?, 0)
    } else {
        let (files, problems) = find_records(&args.paths);
        for p in &problems {
            say!(
                "touchpoint: {}",
                tr!("cli-skipped", problem = p.to_string())
            );
        }
        (files, problems.len())
    };
    // `-o -` is standard output, as for `export`.
    let output = args.output.as_deref().filter(|p| *p != Path::new("-"));
    let color = args.format == ReportFormat::Table
        && output.is_none()
        && std::io::stdout().is_terminal()
        && Theme::from_env().color;
    let mut unknown: Vec<(String, Vec<String>)> = Vec::new();
    let mut run = |out: &mut dyn Write| -> std::io::Result<()> {
        let tally = write_report(&files, args, &signers, out, color)?;
        skipped += tally.skipped;
        unknown = tally.unknown_sites;
        if !unknown.is_empty() && output.is_some() {
            // Nothing renamed over `-o PATH`: it keeps what it had.
            return Err(std::io::Error::other("no such site"));
        }
        if tally.drafts > 0 {
            say!(
                "touchpoint: {}",
                tr!("cli-drafts-left-out", count = tally.drafts)
            );
        }
        if tally.reviewed_out > 0 {
            say!(
                "touchpoint: {}",
                tr!("report-reviewed-left-out", count = tally.reviewed_out)
            );
        }
        if tally.unsigned > 0 {
            say!(
                "touchpoint: {}",
                tr!("report-unsigned-left-out", count = tally.unsigned)
            );
        }
        Ok(())
    };
    match output {
        Some(path) => {
            if let Ok(root) = data_root(data_dir) {
                crate::store::check_outside(path, &root)?;
            }
            let written = crate::store::write_private_with(path, |out| run(out));
            if unknown.is_empty() {
                written?;
            }
        }
        None if args.format == ReportFormat::Table => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            run(&mut out)
                .and_then(|()| out.flush())
                .map_err(|e| io_failure(&tr!("cli-cannot-write-stdout"), &e))?;
        }
        None => to_stdout(|out| run(out))?,
    }
    for (site, near) in &unknown {
        let site = crate::text::escaped_line(site);
        let near: Vec<String> = near.iter().map(|s| crate::text::escaped_line(s)).collect();
        if near.is_empty() {
            say!(
                "touchpoint: {}",
                tr!("report-site-unknown-none", site = site)
            );
        } else {
            say!(
                "touchpoint: {}",
                tr!("report-site-unknown", site = site, near = near.join(", "))
            );
        }
    }
    if skipped > 0 {
        say!("touchpoint: {}", tr!("cli-files-skipped", count = skipped));
        return Err(Failure::Reported);
    }
    if !unknown.is_empty() {
        return Err(Failure::Reported);
    }
    Ok(())
}

/// Reads `files` in batches (each in parallel, taken in path order) and
/// writes the report of those the filter takes: CSV rows as records come,
/// any other format once all are read.
pub fn write_report(
    files: &[PathBuf],
    args: &ReportArgs,
    signers: &Signers,
    out: &mut dyn Write,
    color: bool,
) -> std::io::Result<ReadTally> {
    let reading = Reading {
        filter: &args.filter,
        signers,
        require_signed: args.require_signed,
    };
    if args.format == ReportFormat::Csv {
        let mut rows = report::csv::Rows::new(&mut *out)?;
        let render = |record: &RecordFile, figures: &report::VisitFigures| {
            report::csv::render_reviewed(
                record,
                figures.review_status.map(|s| s.as_str()),
                &figures.corrected,
            )
        };
        let mut tally = read_all(files, &reading, render, |_, rendered| {
            rows.add_rendered(&rendered?)
        })?;
        rows.finish()?;
        tally.unknown_sites = report::unknown_sites(&args.filter.sites, &tally.sites);
        return Ok(tally);
    }
    let mut builder = report::Builder::new(args.line)
        .min_coverage(args.min_coverage)
        .min_answers(args.min_answers)
        .filter(args.filter.clone());
    // Each visit's own flags are found beside its figures, in parallel.
    let own_flags = |record: &RecordFile, _: &report::VisitFigures| {
        crate::check::own_flags(&crate::check::Input::record(record))
    };
    let tally = read_all(files, &reading, own_flags, |figured, flags| {
        let (record, mut figures) = figured;
        figures.flags = flags;
        builder.add_figured(record, figures);
        Ok(())
    })?;
    let mut tally = tally;
    tally.unknown_sites = report::unknown_sites(&args.filter.sites, &tally.sites);
    if !tally.unknown_sites.is_empty() {
        // Nothing written: the caller names the site and fails.
        return Ok(tally);
    }
    let review = builder.finish();
    match args.format {
        ReportFormat::Table => report::text::write_table(&review, out, color)?,
        ReportFormat::Md => report::text::write_markdown(&review, out)?,
        ReportFormat::Json => report::json::write(&review, out)?,
        ReportFormat::Html | ReportFormat::Csv => report::html::write(&review, out)?,
    }
    Ok(tally)
}
