//! The `touchpoint` program: parse the command line, run one command, and turn
//! its outcome into an exit code (0 success, 1 failure, 2 usage).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;

use touchpoint::checklist::{self, Diagnostic, Source};
use touchpoint::cli::{Cli, Command, SchemaKind};
use touchpoint::config::{self, Config};

/// Why a command failed: already explained on stderr, or a message to print.
enum Failure {
    /// The command printed its own problems.
    Reported,
    /// One message for stderr.
    Message(String),
}

impl From<Diagnostic> for Failure {
    fn from(d: Diagnostic) -> Self {
        Failure::Message(d.to_string())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Reported) => ExitCode::FAILURE,
        Err(Failure::Message(message)) => {
            eprintln!("touchpoint: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Some(Command::Validate { paths }) => validate(&paths),
        Some(Command::Checklists) => list_checklists(),
        Some(Command::Schema { kind }) => schema(kind),
        Some(_) | None => Err(Failure::Message(
            "this command is not built yet; see the README for what works today".into(),
        )),
    }
}

/// `touchpoint validate PATH…`: every file named or found in a folder.
fn validate(paths: &[std::path::PathBuf]) -> Result<(), Failure> {
    let mut files = Vec::new();
    let mut problems: Vec<Diagnostic> = Vec::new();
    let mut bad_files = 0;
    for path in paths {
        let shown = path.display().to_string();
        if path.is_dir() {
            match checklist::files_in(path) {
                Ok(found) if !found.is_empty() => files.extend(found),
                Ok(_) => problems.push(Diagnostic::file(&shown, "folder holds no .toml files")),
                Err(e) => problems.push(Diagnostic::file(
                    &shown,
                    format!("cannot read folder: {}", checklist::io_reason(&e)),
                )),
            }
            bad_files += usize::from(
                !problems.is_empty() && problems.last().is_some_and(|d| d.path == shown),
            );
        } else {
            files.push(path.clone());
        }
    }
    let mut stdout = std::io::stdout().lock();
    let total = files.len() + bad_files;
    for file in &files {
        match checklist::read(file, Source::Path(file.clone())) {
            Ok(loaded) => {
                let c = &loaded.checklist;
                let _ = writeln!(
                    stdout,
                    "ok {}: {} ({}, {} items)",
                    checklist::diag::inert(&file.display().to_string()),
                    c.checklist.id,
                    c.checklist.touchpoint,
                    c.item_count()
                );
            }
            Err(errors) => {
                bad_files += 1;
                for problem in &errors {
                    eprintln!("{problem}");
                }
                problems.extend(errors);
            }
        }
    }
    let _ = stdout.flush();
    if problems.is_empty() {
        let _ = writeln!(stdout, "all {} checklist files are valid", files.len());
        Ok(())
    } else {
        for problem in problems
            .iter()
            .filter(|d| !files.iter().any(|f| f.display().to_string() == d.path))
        {
            eprintln!("{problem}");
        }
        let count = problems.len();
        eprintln!(
            "{count} problem{} in {bad_files} of {total} file{}",
            if count == 1 { "" } else { "s" },
            if total == 1 { "" } else { "s" }
        );
        Err(Failure::Reported)
    }
}

/// `touchpoint checklists`: what `touchpoint new` can open.
fn list_checklists() -> Result<(), Failure> {
    let config = Config::load()?;
    let (found, problems) = config::available(&config);
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(
        stdout,
        "{:<24} {:<12} {:>5}  {:<28} SOURCE",
        "ID", "TOUCHPOINT", "ITEMS", "TITLE"
    );
    for loaded in &found {
        let c = &loaded.checklist.checklist;
        let source = checklist::diag::inert(&shorten(&loaded.source));
        let _ = writeln!(
            stdout,
            "{:<24} {:<12} {:>5}  {:<28} {source}",
            c.id,
            c.touchpoint,
            loaded.checklist.item_count(),
            checklist::diag::inert(&c.title)
        );
    }
    for problem in &problems {
        eprintln!("skipped {problem}");
    }
    Ok(())
}

fn shorten(source: &Source) -> String {
    match source {
        Source::User(path) => format!("user: {}", path.display()),
        other => other.to_string(),
    }
}

/// `touchpoint schema checklist|record`.
fn schema(kind: SchemaKind) -> Result<(), Failure> {
    let schema = match kind {
        SchemaKind::Checklist => schemars::schema_for!(checklist::Checklist),
        SchemaKind::Record => {
            return Err(Failure::Message(
                "the record schema is not built yet".into(),
            ));
        }
    };
    let text = serde_json::to_string_pretty(&schema)
        .map_err(|e| Failure::Message(format!("cannot write the schema: {e}")))?;
    println!("{text}");
    let _ = Path::new("");
    Ok(())
}
