//! The `touchpoint` program: parse the command line, run one command, and turn
//! its outcome into an exit code (0 success, 1 failure, 2 usage).
#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // a program, tests and tools: the disk, the clock and the environment are theirs (clippy.toml)

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use touchpoint::cli::{self, Cli, Command};
use touchpoint::commands::{self, Failure, NewVisit};
use touchpoint::config::Config;
use touchpoint::report::Filter;

/// Whether `TOUCHPOINT_DATA_DIR` is set but empty and `--data-dir` is not
/// on the command line: the data folder would come from the empty variable.
fn empty_data_dir_variable(args: &[std::ffi::OsString]) -> bool {
    std::env::var_os("TOUCHPOINT_DATA_DIR").is_some_and(|v| v.is_empty())
        && !args
            .iter()
            .any(|a| a.as_encoded_bytes().starts_with(b"--data-dir"))
}

fn main() -> ExitCode {
    // A file size limit (`ulimit -f`) makes a write too long fail with
    // EFBIG, a save error the screen shows and retries, instead of killing
    // the program with SIGXFSZ and the unsaved changes with it.
    touchpoint::os::ignore_file_size_signal();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // The completion scripts' question, outside the command line so that
    // no script or help offers it.
    if args.get(1).is_some_and(|a| a == "__ids") {
        commands::ids(&args[2..], &mut std::io::stdout().lock());
        return ExitCode::SUCCESS;
    }
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
        // clap blames an empty TOUCHPOINT_DATA_DIR on `--data-dir`, which
        // was never typed: name the variable instead.
        Err(error)
            if !matches!(
                error.kind(),
                clap::error::ErrorKind::DisplayVersion
                    | clap::error::ErrorKind::DisplayHelp
                    | clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) && empty_data_dir_variable(&args) =>
        {
            let _ = writeln!(
                std::io::stderr(),
                "touchpoint: {}",
                touchpoint::tr!("cli-empty-data-dir-variable")
            );
            return ExitCode::from(2);
        }
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
        Some(Command::List { trash, json }) => commands::list(data_dir, trash, json, &mut stdout),
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
            status,
            require_signed,
            allowed_signers,
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
                    statuses: cli::statuses(&status),
                },
                line,
                min_coverage,
                min_answers,
                require_signed,
                allowed_signers,
            },
        ),
        Some(Command::Compare { a, b, format }) => commands::compare(data_dir, &a, &b, format),
        Some(Command::Review {
            paths,
            query,
            correct,
            reason,
            approve,
            note,
            return_,
            exclude,
        }) => review(
            data_dir,
            paths,
            ReviewArgs {
                query,
                correct,
                reason,
                approve,
                note,
                return_,
                exclude,
            },
            &mut stdout,
        ),
        Some(Command::Check { paths, format }) => {
            commands::check(data_dir, &paths, format, &mut stdout)
        }
        Some(Command::Validate { paths }) => commands::validate(&paths, &mut stdout),
        Some(Command::Checklists { json }) => commands::checklists(json, &mut stdout),
        Some(Command::Schema { kind }) => commands::schema(kind, &mut stdout),
        Some(Command::Completions { shell }) => commands::completions(shell, &mut stdout),
        Some(Command::Man) => commands::man(&mut stdout),
        Some(Command::Sign { id }) => commands::sign(data_dir, &id, &mut stdout),
        Some(Command::Log { id }) => commands::log(data_dir, &id, &mut stdout),
        Some(Command::Verify {
            paths,
            allowed_signers,
        }) => commands::verify(
            data_dir,
            &paths,
            allowed_signers.as_deref(),
            touchpoint::clock::now().timestamp().as_second(),
            &mut stdout,
        ),
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

/// The action flags of `touchpoint review`, as clap read them.
struct ReviewArgs {
    query: Option<Vec<String>>,
    correct: Option<String>,
    reason: Option<String>,
    approve: bool,
    note: Option<String>,
    return_: Option<String>,
    exclude: Option<String>,
}

/// `touchpoint review`: one action on one record, or the queue.
fn review(
    data_dir: Option<&std::path::Path>,
    paths: Vec<String>,
    args: ReviewArgs,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    use commands::review::Action;
    let action = if let Some(query) = args.query {
        let mut q = query.into_iter();
        Some(Action::Query {
            item: q.next().unwrap_or_default(),
            text: q.next().unwrap_or_default(),
        })
    } else if let Some(correct) = args.correct {
        let (item, answer) = correct.split_once('=').unwrap_or((correct.as_str(), ""));
        Some(Action::Correct {
            item: item.to_owned(),
            answer: answer.to_owned(),
            reason: args.reason.unwrap_or_default(),
        })
    } else if args.approve {
        Some(Action::Approve {
            note: args.note.unwrap_or_default(),
        })
    } else if let Some(text) = args.return_ {
        Some(Action::Return { text })
    } else {
        args.exclude.map(|text| Action::Exclude { text })
    };
    match action {
        None => {
            let paths: Vec<std::path::PathBuf> = paths.into_iter().map(Into::into).collect();
            commands::review::queue(data_dir, &paths, out)
        }
        Some(action) => match paths.as_slice() {
            [rec] => commands::review::act(data_dir, rec, action, out),
            _ => Err(Failure::Message(touchpoint::tr!("review-one-record"))),
        },
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
