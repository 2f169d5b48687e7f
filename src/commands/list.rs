//! `touchpoint list`: the visits (or the trash), newest first.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use super::records::read_listed;
use super::table::{Align, table};
use super::{Failure, awaits_signature, io_failure, json, open_store_retrying, review};
use crate::checklist::Diagnostic;
use crate::config::Config;
use crate::record::RecordFile;
use crate::report;
use crate::session;
use crate::store::Store;
use crate::tr;
use crate::tui;
use crate::visit::Status;

/// `touchpoint list`: one line per visit, newest first; unreadable records
/// are named on stderr and do not hide the others.
pub fn list(
    data_dir: Option<&Path>,
    trash: bool,
    as_json: bool,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let (store, not_exported) = open_store_retrying(data_dir)?;
    let config = Config::load().ok();
    let (mut records, problems, notes) = if trash {
        let (records, problems) = read_trash(&store);
        (records, problems, Vec::new())
    } else {
        read_listed(&store)
    };
    records.sort_by(|a, b| {
        b.header
            .updated
            .timestamp()
            .cmp(&a.header.updated.timestamp())
    });
    // The editor's review of each final visit (data folder, else the
    // export folder's copy); review files ignored are said on stderr.
    let reviews: HashMap<String, crate::review::State> = if trash {
        HashMap::new()
    } else {
        records
            .iter()
            .filter(|r| r.header.status == Status::Final)
            .filter_map(|r| {
                let (found, warnings) = review::review_of(&store, config.as_ref(), &r.header.id);
                for w in warnings {
                    say!("touchpoint: {}", tr!("cli-warning", warning = w));
                }
                Some((r.header.id.clone(), found?.state))
            })
            .collect()
    };
    // The score shown is the corrected answers' score, as report and
    // export give it: every command tells the same story.
    for record in &mut records {
        if let Some(state) = reviews.get(&record.header.id)
            && !state.corrections.is_empty()
        {
            crate::review::apply(record, state);
            let figures = report::VisitFigures::of(record);
            record.score.percent = figures.percent;
            record.score.critical_failures = figures.critical_failures;
        }
    }
    if as_json {
        let signed = |id: &str| !awaits_signature(&store, config.as_ref(), id);
        json::visits(
            &records,
            trash,
            &|id| !trash && store.is_unexported(id),
            &|id| trash || signed(id),
            &|id| reviews.get(id).cloned(),
            out,
        )?;
        tell_list_problems(&problems, &notes, not_exported);
        return Ok(());
    }
    let mut text = String::new();
    // The id column is as wide as the widest id, so that a long one never
    // pushes its row's other columns out of line.
    let id_width = records
        .iter()
        .map(|r| unicode_width::UnicodeWidthStr::width(r.header.id.as_str()))
        .max()
        .unwrap_or(0)
        .max(40);
    if records.is_empty() && problems.is_empty() {
        text.push_str(&if trash {
            tr!("cli-trash-empty")
        } else {
            tr!("cli-no-visits")
        });
        text.push('\n');
    }
    let rows: Vec<[String; 6]> = records
        .iter()
        .map(|r| {
            let s = r.summary();
            let score = match (s.percent, s.critical_failures.is_empty()) {
                (_, false) => tr!("cli-score-fail"),
                (Some(p), true) => format!("{p:.1}%"),
                (None, true) => "—".to_owned(),
            };
            let reviewed = reviews
                .get(&s.id)
                .filter(|r| r.status != crate::review::ReviewStatus::Final || r.resubmitted);
            let status = match s.status {
                Status::Draft => tr!("cli-status-draft"),
                Status::Final if reviewed.is_some() => reviewed
                    .map(crate::review::State::shown)
                    .unwrap_or_default(),
                Status::Final if !trash && store.is_unexported(&s.id) => {
                    tr!("cli-status-not-exported")
                }
                Status::Final if !trash && awaits_signature(&store, config.as_ref(), &s.id) => {
                    tr!("cli-status-unsigned")
                }
                Status::Final => tr!("cli-status-final"),
            };
            [
                tui::theme::truncate(&tui::theme::drawable(&s.id), id_width),
                tui::theme::truncate(&tui::theme::drawable(&s.site), 24),
                status,
                format!("{}/{}", s.answered, s.answered + s.unanswered),
                score,
                crate::clock::shown(&s.updated, "%Y-%m-%d %H:%M"),
            ]
        })
        .collect();
    if !rows.is_empty() {
        let heading = [
            tui::theme::truncate(&tr!("cli-list-id"), id_width),
            tr!("cli-list-site"),
            tr!("cli-list-status"),
            tr!("cli-list-progress"),
            tr!("cli-list-score"),
            tr!("cli-list-updated"),
        ];
        // The widths English has always had, widened where another
        // language's words are longer, so that every row lines up.
        let columns = [
            (0, Align::Left),
            (24, Align::Left),
            (6, Align::Left),
            (8, Align::Right),
            (7, Align::Right),
            (0, Align::Last),
        ];
        text.push_str(&table(&heading, &rows, &columns));
    }
    out.write_all(text.as_bytes())
        .map_err(|e| io_failure(&tr!("cli-cannot-write-list"), &e))?;
    tell_list_problems(&problems, &notes, not_exported);
    Ok(())
}

/// What `list` says on stderr after its list: unreadable records, what a
/// reader noted (changes it could not apply), copies not yet exported.
fn tell_list_problems(
    problems: &[Diagnostic],
    notes: &[String],
    not_exported: Vec<(String, String)>,
) {
    for problem in problems {
        say!(
            "touchpoint: {}",
            tr!("cli-unreadable-record", problem = problem.to_string())
        );
    }
    for note in notes {
        say!("touchpoint: {note}");
    }
    for (id, why) in not_exported {
        say!(
            "touchpoint: {}",
            tr!(
                "cli-warning",
                warning = tr!("cli-not-exported", id = id, error = why)
            )
        );
    }
}

/// The records in the trash, and a problem for each file that is not one.
fn read_trash(store: &Store) -> (Vec<RecordFile>, Vec<Diagnostic>) {
    let mut records = Vec::new();
    let mut problems = Vec::new();
    let files = match store.trash_files() {
        Ok(files) => files,
        Err(e) => {
            let folder = store.trash_dir().display().to_string();
            return (records, vec![Diagnostic::file(&folder, e.to_string())]);
        }
    };
    for file in files {
        // With the changes of a journal that went to the trash beside it.
        match session::read_record(&file) {
            Ok(r) => records.push(r),
            Err(d) => problems.push(d),
        }
    }
    (records, problems)
}
