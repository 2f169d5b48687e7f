//! The `touchpoint` program: parse the command line, run one command, and turn
//! its outcome into an exit code (0 success, 1 failure, 2 usage).

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use touchpoint::cli::{Cli, Command};
use touchpoint::commands::{self, Failure, NewVisit};
use touchpoint::report::Filter;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let data_dir = cli.data_dir.as_deref();
    let lang = cli.lang;
    commands::choose_language(lang);
    let mut stdout = std::io::stdout().lock();
    let outcome = match cli.command {
        None => commands::home(data_dir, lang),
        Some(Command::New {
            site,
            auditor,
            journey,
            checklists,
        }) => commands::new(
            data_dir,
            NewVisit {
                site,
                auditor,
                journey,
                checklists,
            },
            lang,
        ),
        Some(Command::Resume { id }) => commands::resume(data_dir, id.as_deref()),
        Some(Command::List { trash }) => commands::list(data_dir, trash, &mut stdout),
        Some(Command::Delete { id }) => commands::delete(data_dir, &id, &mut stdout),
        Some(Command::Restore { id }) => commands::restore(data_dir, &id, &mut stdout),
        Some(Command::Export { id, output, format }) => {
            commands::export(data_dir, &id, output.as_deref(), format)
        }
        Some(Command::Report {
            paths,
            format,
            output,
            include_drafts,
            site,
            since,
            until,
            line,
        }) => commands::report(
            data_dir,
            &commands::ReportArgs {
                paths,
                format,
                output,
                filter: Filter {
                    include_drafts,
                    sites: site,
                    since: since.map(|d| d.first),
                    until: until.map(|d| d.last),
                },
                line,
            },
        ),
        Some(Command::Validate { paths }) => commands::validate(&paths, &mut stdout),
        Some(Command::Checklists) => commands::checklists(&mut stdout),
        Some(Command::Schema { kind }) => commands::schema(kind, &mut stdout),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Reported) => ExitCode::FAILURE,
        Err(Failure::Message(message)) => {
            // Never panic on a closed stderr (a dropped SSH link).
            let _ = writeln!(std::io::stderr(), "touchpoint: {message}");
            ExitCode::FAILURE
        }
    }
}
