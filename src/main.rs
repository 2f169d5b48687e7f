//! The `touchpoint` program: parse the command line, run one command, and turn
//! its outcome into an exit code (0 success, 1 failure, 2 usage).

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use touchpoint::cli::{self, Cli, Command};
use touchpoint::commands::{self, Failure, NewVisit};
use touchpoint::config::Config;
use touchpoint::report::Filter;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // Chosen before parsing, so that --help and usage errors are in it too.
    let scanned = cli::lang_in_args(&args);
    // Read once: for the language, and again by `new` before its first frame.
    let config = Config::load().ok();
    commands::choose_language(scanned, config.as_ref());
    // The plain command line first: its words are the English catalog's
    // (a test holds them equal), and building it in the catalogs' words
    // costs every start the catalog of the command line. Help, --version
    // and usage errors are then told by the command line in the interface
    // language.
    let parse = |command: clap::Command| {
        command
            .try_get_matches_from(&args)
            .and_then(|matches| Cli::from_arg_matches(&matches))
    };
    let cli = match parse(Cli::command()) {
        Ok(cli) => cli,
        // The version has no words to translate, and in English the plain
        // command line's words are the catalog's: no catalog is read.
        Err(error)
            if error.kind() == clap::error::ErrorKind::DisplayVersion
                || touchpoint::i18n::lang() == touchpoint::i18n::Lang::En =>
        {
            return usage(&error);
        }
        Err(_) => match parse(cli::command()) {
            Ok(cli) => cli,
            Err(error) => return usage(&error),
        },
    };
    let data_dir = cli.data_dir.as_deref();
    let lang = cli.lang;
    if lang != scanned {
        // clap is the judge of what the arguments say; the scan only guesses early.
        commands::choose_language(lang, config.as_ref());
    }
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
            config,
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
            min_coverage,
            min_answers,
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
                min_coverage,
                min_answers,
            },
        ),
        Some(Command::Compare { a, b, format }) => commands::compare(data_dir, &a, &b, format),
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

/// Prints help, the version or a usage error as clap does (exit 0 or 2),
/// but a usage error in the interface language.
fn usage(error: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    let shown = matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    if shown || touchpoint::i18n::lang() == touchpoint::i18n::Lang::En {
        let _ = error.print();
    } else {
        let _ = write!(std::io::stderr(), "{}", cli::usage_error(error));
    }
    ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2))
}
