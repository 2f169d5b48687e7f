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
        /// As JSON, for scripts.
        #[arg(long)]
        json: bool,
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
        /// Final visits with fewer of their shown items answered, in percent,
        /// are listed as incomplete and left out of every figure.
        #[arg(long, value_name = "PERCENT", default_value_t = crate::report::DEFAULT_MIN_COVERAGE,
              value_parser = parse_line)]
        min_coverage: f64,
        /// Fewest scored answers for an item to be listed among the most missed.
        #[arg(long, value_name = "N", default_value_t = crate::report::DEFAULT_MIN_ANSWERS)]
        min_answers: usize,
        /// Final visits with these review statuses only: final, approved, returned, excluded or all (default: final and approved).
        #[arg(long, value_name = "STATUS", value_delimiter = ',', value_parser = parse_status)]
        status: Vec<StatusArg>,
    },
    /// Two visits of one site item by item: fixed, regressed, still missed, new.
    Compare {
        /// The earlier visit: a record file or a visit id.
        a: String,
        /// The later visit: a record file or a visit id.
        b: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CompareFormat::Table)]
        format: CompareFormat,
    },
    /// The editor's desk: the queue of records awaiting review, or one action on a record.
    #[command(group = clap::ArgGroup::new("action").multiple(false))]
    Review {
        /// With an action: the record (a file or a visit id); without: record files or folders to list.
        #[arg(value_name = "REC")]
        paths: Vec<String>,
        /// Ask the auditor about an item (checklist/item, or "visit").
        #[arg(long, num_args = 2, value_names = ["ITEM", "TEXT"], group = "action")]
        query: Option<Vec<String>>,
        /// Correct an answer: checklist/item=answer (with --reason).
        #[arg(
            long,
            value_name = "ITEM=ANSWER",
            group = "action",
            requires = "reason"
        )]
        correct: Option<String>,
        /// Why the answer is corrected.
        #[arg(long, value_name = "TEXT", requires = "correct")]
        reason: Option<String>,
        /// Approve the record.
        #[arg(long, group = "action")]
        approve: bool,
        /// A note with the approval.
        #[arg(long, value_name = "TEXT", requires = "approve")]
        note: Option<String>,
        /// Send the record back to its auditor with this message.
        #[arg(long = "return", value_name = "TEXT", group = "action")]
        return_: Option<String>,
        /// Leave the record out of every figure, for this reason.
        #[arg(long, value_name = "TEXT", group = "action")]
        exclude: Option<String>,
    },
    /// Flag what does not add up in records: answers against the stopwatch
    /// and notes, misses without a note, answers too fast or outside the
    /// visit, photos' times, reused files, integrity items, outlier
    /// auditors; exit 1 when any flag is raised.
    Check {
        /// Record files, or folders searched for .toml records (default: the
        /// final visits in the data folder).
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CheckFormat::Table)]
        format: CheckFormat,
    },
    /// Check checklist files or folders of them; exit 1 on any error.
    Validate {
        /// Checklist files, or folders holding .toml files.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// List the checklists available, with their source.
    Checklists {
        /// As JSON, for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Print a JSON Schema, for editor completion.
    Schema {
        /// Which file format.
        #[arg(value_enum)]
        kind: SchemaKind,
    },
    /// Sign a final record that finalize could not sign (config.toml's `signing_key`).
    Sign {
        /// Visit id, as `touchpoint list` shows it.
        id: String,
    },
    /// Check records' signatures; exit 1 when any is missing, bad, or by a key not allowed.
    Verify {
        /// Record files, or folders searched for .toml records (default: the
        /// final visits in the data folder).
        paths: Vec<PathBuf>,
        /// OpenSSH allowed_signers file (default: config.toml's `allowed_signers`).
        #[arg(long, value_name = "FILE")]
        allowed_signers: Option<PathBuf>,
    },
    /// Print a shell's completion script (visit and checklist ids complete too).
    Completions {
        /// The shell: bash, zsh, fish, elvish or powershell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) on standard output.
    Man,
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

/// Formats `compare` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    /// A list for the terminal.
    Table,
    /// Markdown.
    Md,
    /// JSON: {a, b, fixed, regressed, still_missed, new}.
    Json,
    /// One self-contained HTML file.
    Html,
}

/// A review status `report --status` takes, or all of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusArg {
    /// One status.
    One(crate::review::ReviewStatus),
    /// Every status.
    All,
}

/// `final`, `approved`, `returned`, `excluded` or `all`.
fn parse_status(s: &str) -> Result<StatusArg, String> {
    if s.trim() == "all" {
        return Ok(StatusArg::All);
    }
    crate::review::ReviewStatus::from_word(s)
        .map(StatusArg::One)
        .ok_or_else(|| crate::tr!("help-status-unknown"))
}

/// The statuses `--status` asks for (empty: the default).
pub fn statuses(args: &[StatusArg]) -> Vec<crate::review::ReviewStatus> {
    if args.contains(&StatusArg::All) {
        return crate::review::ReviewStatus::ALL.to_vec();
    }
    args.iter()
        .filter_map(|a| match a {
            StatusArg::One(s) => Some(*s),
            StatusArg::All => None,
        })
        .collect()
}

/// Formats `check` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// A list for the terminal.
    Table,
    /// JSON: {"flags": [{code, visit, site, item, detail}]}.
    Json,
}

/// A percentage between 0 and 100.
fn parse_line(s: &str) -> Result<f64, String> {
    match s.trim().trim_end_matches('%').parse::<f64>() {
        Ok(p) if (0.0..=100.0).contains(&p) => Ok(p),
        _ => Err(crate::tr!("help-line-not-percent")),
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

/// The language `--lang` asks for in `args` (the program's name first),
/// read before clap parses them so that `--help` and usage errors are
/// already in it. A value clap would refuse counts as none here; clap then
/// names it.
pub fn lang_in_args<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Option<crate::locale::Lang> {
    use crate::locale::Lang;
    let value = |v: &str| <Lang as clap::ValueEnum>::from_str(v, false).ok();
    let mut args = args.iter().skip(1).map(|a| a.as_ref().to_str());
    while let Some(arg) = args.next() {
        match arg {
            // After `--` everything is a value, such as a checklist's path.
            Some("--") => return None,
            Some("--lang") => return args.next().flatten().and_then(value),
            Some(arg) => {
                if let Some(v) = arg.strip_prefix("--lang=") {
                    return value(v);
                }
            }
            None => {}
        }
    }
    None
}

/// The command line as clap reads it, with our words (about, help, value
/// names) from the catalogs in the interface language, which must be
/// chosen first ([`lang_in_args`]). Outside English, clap's own English
/// words are replaced where clap lets them be: the headings, and the
/// `[env: …]`, `[default: …]` and `[possible values: …]` notes, which our
/// help texts then say themselves.
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    let english = crate::i18n::lang() == crate::locale::Lang::En;
    let mut cli = Cli::command()
        .about(crate::tr!("help-about"))
        .mut_args(|a| localize_arg("", a, english))
        .mut_subcommands(|c| {
            let name = c.get_name().to_owned();
            let c = match subcommand_about(&name) {
                Some(about) => c.about(about).long_about(None),
                None => c,
            };
            c.mut_args(|a| localize_arg(&name, a, english))
        });
    if english {
        return cli;
    }
    cli = headings(cli);
    // clap adds its help flags and `help` command when it builds the
    // command line; their words can only be changed after that.
    cli.build();
    help_flags(&mut cli);
    cli
}

/// The headings of help, and the template that names its usage line, in
/// the interface language, for `cli` and every command below it.
fn headings(cli: clap::Command) -> clap::Command {
    headings_of(cli).mut_subcommands(headings)
}

/// [`headings`] for `cli` alone.
fn headings_of(cli: clap::Command) -> clap::Command {
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        crate::tr!("help-usage")
    );
    cli.help_template(template)
        .subcommand_help_heading(crate::tr!("help-commands"))
}

/// The help flags, `--version` and the `help` command described, and the
/// usage line's placeholders named, in the interface language, in `cli`
/// and every command below it.
fn help_flags(cli: &mut clap::Command) {
    let has = |c: &clap::Command, id: &str| c.get_arguments().any(|a| a.get_id() == id);
    let mut c = std::mem::take(cli);
    if has(&c, "help") {
        c = c.mut_arg("help", |a| {
            a.help(crate::tr!("help-help"))
                .long_help(None)
                .help_heading(crate::tr!("help-options"))
        });
    }
    if has(&c, "version") {
        c = c.mut_arg("version", |a| {
            a.help(crate::tr!("help-version"))
                .help_heading(crate::tr!("help-options"))
        });
    }
    if c.find_subcommand("help").is_some() {
        c = c.mut_subcommand("help", |h| {
            headings_of(h)
                .about(crate::tr!("help-help-command"))
                .mut_args(|a| {
                    a.help(crate::tr!("help-help-command"))
                        .help_heading(crate::tr!("help-arguments"))
                })
        });
    }
    let usage = c.render_usage().to_string();
    let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
    c = c.override_usage(placeholders(usage));
    *cli = c;
    for sub in cli.get_subcommands_mut() {
        help_flags(sub);
    }
}

/// A command's one line in help, from the catalog.
fn subcommand_about(name: &str) -> Option<String> {
    Some(match name {
        "new" => crate::tr!("help-new"),
        "resume" => crate::tr!("help-resume"),
        "list" => crate::tr!("help-list"),
        "delete" => crate::tr!("help-delete"),
        "restore" => crate::tr!("help-restore"),
        "export" => crate::tr!("help-export"),
        "report" => crate::tr!("help-report"),
        "compare" => crate::tr!("help-compare"),
        "validate" => crate::tr!("help-validate"),
        "checklists" => crate::tr!("help-checklists"),
        "schema" => crate::tr!("help-schema"),
        "completions" => crate::tr!("help-completions"),
        "sign" => crate::tr!("help-sign"),
        "verify" => crate::tr!("help-verify"),
        "review" => crate::tr!("help-review"),
        "check" => crate::tr!("help-check"),
        "man" => crate::tr!("help-man"),
        _ => return None,
    })
}

/// An argument of `command` ("" for the program itself) with its help and
/// value name from the catalog.
fn localize_arg(command: &str, arg: clap::Arg, english: bool) -> clap::Arg {
    let id = arg.get_id().as_str().to_owned();
    let help = match (command, id.as_str()) {
        ("", "data_dir") => crate::tr!("help-data-dir"),
        ("", "lang") => crate::tr!("help-lang"),
        ("new", "site") => crate::tr!("help-new-site"),
        ("new", "auditor") => crate::tr!("help-new-auditor"),
        ("new", "journey") => crate::tr!("help-new-journey"),
        ("new", "checklists") => crate::tr!("help-new-checklists"),
        ("resume", "id") => crate::tr!("help-resume-id"),
        ("list", "trash") => crate::tr!("help-list-trash"),
        ("list" | "checklists", "json") => crate::tr!("help-json"),
        ("completions", "shell") => crate::tr!("help-completions-shell"),
        ("sign", "id") => crate::tr!("help-resume-id"),
        ("verify" | "check", "paths") => crate::tr!("help-report-paths"),
        ("check", "format") => crate::tr!("help-report-format"),
        ("verify", "allowed_signers") => crate::tr!("help-verify-allowed-signers"),
        ("delete", "id") => crate::tr!("help-delete-id"),
        ("restore", "id") => crate::tr!("help-restore-id"),
        ("export", "id") => crate::tr!("help-export-id"),
        ("export" | "report", "output") => crate::tr!("help-output"),
        ("export", "format") => crate::tr!("help-export-format"),
        ("report", "paths") => crate::tr!("help-report-paths"),
        ("report", "format") => crate::tr!("help-report-format"),
        ("report", "include_drafts") => crate::tr!("help-report-include-drafts"),
        ("report", "site") => crate::tr!("help-report-site"),
        ("report", "since") => crate::tr!("help-report-since"),
        ("report", "until") => crate::tr!("help-report-until"),
        ("report", "line") => crate::tr!("help-report-line"),
        ("compare", "a") => crate::tr!("help-compare-a"),
        ("compare", "b") => crate::tr!("help-compare-b"),
        ("compare", "format") => crate::tr!("help-compare-format"),
        ("report", "min_coverage") => crate::tr!("help-report-min-coverage"),
        ("report", "min_answers") => crate::tr!("help-report-min-answers"),
        ("report", "status") => crate::tr!("help-report-status"),
        ("validate", "paths") => crate::tr!("help-validate-paths"),
        ("schema", "kind") => crate::tr!("help-schema-kind"),
        ("review", "paths") => crate::tr!("help-review-paths"),
        ("review", "query") => crate::tr!("help-review-query"),
        ("review", "correct") => crate::tr!("help-review-correct"),
        ("review", "reason") => crate::tr!("help-review-reason"),
        ("review", "approve") => crate::tr!("help-review-approve"),
        ("review", "note") => crate::tr!("help-review-note"),
        ("review", "return_") => crate::tr!("help-review-return"),
        ("review", "exclude") => crate::tr!("help-review-exclude"),
        _ => return arg,
    };
    let value_name = match (command, id.as_str()) {
        ("", "data_dir") => Some(crate::tr!("help-value-dir")),
        ("", "lang") => Some(crate::tr!("help-value-lang")),
        ("new", "site") => Some(crate::tr!("help-value-site")),
        ("new", "auditor") => Some(crate::tr!("help-value-auditor")),
        ("new", "journey") | (_, "id") => Some(crate::tr!("help-value-id")),
        ("new", "checklists") => Some(crate::tr!("help-value-checklist")),
        (_, "output") | ("validate", "paths") => Some(crate::tr!("help-value-path")),
        (_, "format") => Some(crate::tr!("help-value-format")),
        ("report" | "verify" | "check", "paths") => Some(crate::tr!("help-value-paths")),
        ("verify", "allowed_signers") => Some(crate::tr!("help-value-file")),
        ("report", "site") => Some(crate::tr!("help-value-s")),
        ("report", "since" | "until") => Some(crate::tr!("help-value-date")),
        ("report", "line" | "min_coverage") => Some(crate::tr!("help-value-percent")),
        ("report", "min_answers") => Some(crate::tr!("help-value-n")),
        ("report", "status") => Some(crate::tr!("help-value-status")),
        ("schema", "kind") => Some(crate::tr!("help-value-kind")),
        ("completions", "shell") => Some(crate::tr!("help-value-shell")),
        ("review", "paths") => Some(crate::tr!("help-value-rec")),
        ("review", "correct") => Some(crate::tr!("help-value-item-answer")),
        ("review", "reason" | "note" | "return_" | "exclude") => {
            Some(crate::tr!("help-value-text"))
        }
        _ => None,
    };
    let mut arg = arg.help(help).long_help(None);
    if let Some(name) = value_name {
        arg = arg.value_name(name);
    }
    if english {
        return arg;
    }
    let heading = if arg.is_positional() {
        crate::tr!("help-arguments")
    } else {
        crate::tr!("help-options")
    };
    let arg = arg.help_heading(heading);
    if arg.get_action().takes_values() {
        arg.hide_env(true)
            .hide_default_value(true)
            .hide_possible_values(true)
    } else {
        arg
    }
}

/// clap's usage placeholders (`[OPTIONS]`, `<COMMAND>`) in the interface
/// language.
fn placeholders(usage: &str) -> String {
    usage
        .replace("[OPTIONS]", &format!("[{}]", crate::tr!("usage-options")))
        .replace("COMMAND", &crate::tr!("usage-command"))
}

/// A usage error as the interface language says it (clap says it in
/// English): what is wrong, a suggestion when clap has one, the usage line
/// and where help is.
pub fn usage_error(error: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    use std::error::Error as _;
    let get = |kind: ContextKind| match error.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(all)) => all.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    let mut message = match error.kind() {
        ErrorKind::InvalidSubcommand => crate::tr!(
            "usage-unknown-command",
            name = get(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::UnknownArgument => crate::tr!("usage-unknown-argument", name = arg),
        ErrorKind::InvalidValue if error.get(ContextKind::ValidValue).is_some() => crate::tr!(
            "usage-invalid-value-choices",
            value = value,
            arg = arg,
            choices = get(ContextKind::ValidValue)
        ),
        ErrorKind::InvalidValue => crate::tr!("usage-invalid-value", value = value, arg = arg),
        ErrorKind::ValueValidation => crate::tr!(
            "usage-invalid-value-why",
            value = value,
            arg = arg,
            why = error.source().map(ToString::to_string).unwrap_or_default()
        ),
        ErrorKind::MissingRequiredArgument => crate::tr!("usage-missing", args = arg),
        ErrorKind::MissingSubcommand => crate::tr!("usage-missing-command"),
        ErrorKind::ArgumentConflict => crate::tr!(
            "usage-conflict",
            arg = arg,
            other = get(ContextKind::PriorArg)
        ),
        ErrorKind::TooManyValues => crate::tr!("usage-too-many", value = value, arg = arg),
        ErrorKind::InvalidUtf8 => crate::tr!("usage-invalid-utf8"),
        _ => crate::tr!("usage-other", arg = arg),
    };
    let near = [ContextKind::SuggestedSubcommand, ContextKind::SuggestedArg]
        .into_iter()
        .map(get)
        .find(|s| !s.is_empty());
    if let Some(near) = near {
        message.push_str("; ");
        message.push_str(&crate::tr!("cli-did-you-mean", near = near));
    }
    let mut text = crate::tr!("usage-error", message = message);
    text.push('\n');
    if let Some(usage) = error.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
        text.push('\n');
        text.push_str(&format!(
            "{} {}\n",
            crate::tr!("help-usage"),
            usage.trim_end()
        ));
    }
    text.push('\n');
    text.push_str(&crate::tr!("usage-more"));
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::Lang;

    #[test]
    fn the_language_is_found_before_parsing() {
        let lang = |args: &[&str]| lang_in_args(args);
        assert_eq!(
            lang(&["touchpoint", "--lang", "ru", "list"]),
            Some(Lang::Ru)
        );
        assert_eq!(lang(&["touchpoint", "list", "--lang=en"]), Some(Lang::En));
        assert_eq!(lang(&["touchpoint", "--lang", "fr"]), None);
        assert_eq!(lang(&["touchpoint", "--lang"]), None);
        // After `--` it is a value, not the flag.
        assert_eq!(lang(&["touchpoint", "new", "--", "--lang", "ru"]), None);
    }

    /// English help comes from the catalog, and says what the doc comments
    /// of this file say: a change to one must be made to the other.
    #[test]
    fn english_help_is_the_doc_comments() {
        use clap::CommandFactory;
        let render = |mut c: clap::Command| {
            let mut all = vec![c.render_long_help().to_string()];
            let names: Vec<String> = c
                .get_subcommands()
                .map(|s| s.get_name().to_owned())
                .collect();
            for name in names {
                if let Some(sub) = c.find_subcommand_mut(&name) {
                    all.push(sub.render_long_help().to_string());
                }
            }
            all
        };
        let ours = crate::i18n::with_lang(Lang::En, || render(command()));
        assert_eq!(ours, render(Cli::command()));
    }

    #[test]
    fn help_in_russian_has_no_clap_headings() {
        let help = crate::i18n::with_lang(Lang::Ru, || {
            command()
                .find_subcommand_mut("export")
                .map(|c| c.render_help().to_string())
                .unwrap_or_default()
        });
        assert!(help.contains("Использование: touchpoint export"), "{help}");
        for english in [
            "Usage:",
            "Options:",
            "Arguments:",
            "[default:",
            "[possible values",
        ] {
            assert!(!help.contains(english), "{english} in {help}");
        }
    }
}
