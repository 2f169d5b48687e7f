//! The command line, as SPEC.md gives it.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::report::DateArg;

/// Service audits in the terminal: work through TOML checklists for each
/// touchpoint of the guest journey and leave with a timestamped record.
#[derive(Debug, Parser)]
#[command(name = "touchpoint", version, about, long_about = None)]
pub struct Cli {
    /// Data folder for visits (default: the platform's data folder).
    #[arg(long, global = true, env = "TOUCHPOINT_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Language of the program's own words (default: config.toml's
    /// `language`, else the locale).
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub lang: Option<crate::locale::Lang>,

    /// What to do; with none, the home screen opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands of touchpoint.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a visit and open it.
    New {
        /// Name of the site audited, such as "Hotel Metropol".
        #[arg(long)]
        site: Option<String>,
        /// Auditor's name (default: the config's, else the login name).
        #[arg(long)]
        auditor: Option<String>,
        /// A whole journey, such as hotel-stay, luxury-train or river-cruise,
        /// in the interface language when it has one.
        #[arg(long, value_name = "ID")]
        journey: Option<String>,
        /// Checklists: paths, or ids of bundled or user checklists
        /// (default: the hotel stay in the interface language).
        #[arg(value_name = "CHECKLIST")]
        checklists: Vec<String>,
    },
    /// Reopen a draft (the latest when no ID is given); a final visit opens read-only.
    Resume {
        /// Visit id, as `touchpoint list` shows it.
        id: Option<String>,
    },
    /// List visits: id, site, status, progress, score, updated.
    List {
        /// The deleted visits instead, waiting in the trash.
        #[arg(long)]
        trash: bool,
    },
    /// Move a visit to the trash (`trash/` in the data folder); `restore` brings it back.
    Delete {
        /// Visit id, as `touchpoint list` shows it.
        id: String,
    },
    /// Bring a deleted visit back from the trash.
    Restore {
        /// Visit id, as `touchpoint list --trash` shows it.
        id: String,
    },
    /// Write a visit's record in another format.
    Export {
        /// Visit id.
        id: String,
        /// Where to write (default: standard output).
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Toml)]
        format: ExportFormat,
    },
    /// Aggregate records into one review: scores by site, touchpoint, tag
    /// and month, the service map, and the items missed most.
    Report {
        /// Record files, or folders searched for .toml records (default: the
        /// final visits in the data folder).
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
        /// Where to write (default: standard output).
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// Take drafts too (left out by default: they may still change).
        #[arg(long)]
        include_drafts: bool,
        /// Only this site (case does not matter); may be given more than once.
        #[arg(long, value_name = "S")]
        site: Vec<String>,
        /// Only visits started on or after this day (2026-11-22) or month (2026-11).
        #[arg(long, value_name = "DATE")]
        since: Option<DateArg>,
        /// Only visits started on or before this day (2026-11-22) or month (2026-11).
        #[arg(long, value_name = "DATE")]
        until: Option<DateArg>,
        /// The service map's line between high and low, in percent.
        #[arg(long, value_name = "PERCENT", default_value_t = crate::report::DEFAULT_LINE,
              value_parser = parse_line)]
        line: f64,
    },
    /// Check checklist files or folders of them; exit 1 on any error.
    Validate {
        /// Checklist files, or folders holding .toml files.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// List the checklists available, with their source.
    Checklists,
    /// Print a JSON Schema, for editor completion.
    Schema {
        /// Which file format.
        #[arg(value_enum)]
        kind: SchemaKind,
    },
}

/// Formats `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// The record itself.
    Toml,
    /// The same facts as JSON.
    Json,
    /// One row per observation.
    Csv,
    /// A review document.
    Md,
    /// A debrief to send to the site: one self-contained HTML file.
    Html,
}

/// Formats `report` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// A table for the terminal.
    Table,
    /// Markdown.
    Md,
    /// CSV.
    Csv,
    /// JSON.
    Json,
    /// One self-contained HTML file, with charts and the service map.
    Html,
}

/// A percentage between 0 and 100.
fn parse_line(s: &str) -> Result<f64, String> {
    match s.trim().trim_end_matches('%').parse::<f64>() {
        Ok(p) if (0.0..=100.0).contains(&p) => Ok(p),
        _ => Err("write a percentage between 0 and 100, such as 80".into()),
    }
}

/// Files a JSON Schema can be printed for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// Checklist files.
    Checklist,
    /// Visit records.
    Record,
}
