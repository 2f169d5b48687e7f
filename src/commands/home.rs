//! `touchpoint` with no command: the home screen, its drafts and returned
//! visits, and the form that starts a visit.

use std::collections::HashMap;
use std::path::Path;

use super::defaults::{acceptable_auditor, default_auditor, default_checklists};
use super::labels::source_label;
use super::records::read_listed;
use super::{
    Failure, NewVisit, awaits_signature, io_failure, language, need_terminal, new,
    open_store_retrying, resume, review,
};
use crate::checklist::journey::{self, Journey};
use crate::checklist::{Diagnostic, Loaded};
use crate::config::{self, Config};
use crate::locale::Lang;
use crate::record::RecordFile;
use crate::tr;
use crate::tui::{self, Signals, home, theme::Theme};
use crate::visit::Status;

/// `touchpoint` with no command: the home screen.
pub fn home(data_dir: Option<&Path>, lang: Option<Lang>) -> Result<(), Failure> {
    crate::i18n::prepare_screens();
    home_with(data_dir, None, &[], lang)
}

pub(super) fn home_with(
    data_dir: Option<&Path>,
    auditor: Option<String>,
    preselected: &[String],
    lang: Option<Lang>,
) -> Result<(), Failure> {
    need_terminal()?;
    let (store, not_exported) = open_store_retrying(data_dir)?;
    let config = Config::load()?;
    let lang = language(lang, &config);
    let (records, problems, _) = read_listed(&store);
    let mut drafts: Vec<&RecordFile> = records
        .iter()
        .filter(|r| r.header.status == Status::Draft)
        .collect();
    drafts.sort_by(|a, b| {
        b.header
            .updated
            .timestamp()
            .cmp(&a.header.updated.timestamp())
    });
    // Returned visits wait for their auditor's answers: listed first, with
    // their status (SPEC.md, "Review").
    let returned: HashMap<String, String> = records
        .iter()
        .filter(|r| r.header.status == Status::Final)
        .filter_map(|r| {
            let state = review::review_of(&store, Some(&config), &r.header.id)
                .0?
                .state;
            (state.status == crate::review::ReviewStatus::Returned)
                .then(|| (r.header.id.clone(), state.shown()))
        })
        .collect();
    drafts.extend(
        records
            .iter()
            .filter(|r| returned.contains_key(&r.header.id)),
    );
    drafts.sort_by_key(|r| !returned.contains_key(&r.header.id));
    let rows = drafts
        .iter()
        .map(|r| {
            let s = r.summary();
            home::DraftRow {
                site: match returned.get(&s.id) {
                    // The status first: a narrow screen cuts the site.
                    Some(status) => format!("{status} · {}", s.site),
                    None => s.site,
                },
                id: s.id,
                progress: format!("{}/{}", s.answered, s.answered + s.unanswered),
                updated: format!(
                    "{}{}",
                    home::saved_text(&s.updated),
                    crate::clock::offset_if_foreign(&s.updated)
                ),
            }
        })
        .collect();
    let (available, broken) = available_once(&config);
    let journeys = journeys_for(&available, lang);
    // The form opens as the last visit was started: its checklists and auditor.
    let last = records.iter().max_by_key(|r| r.header.started.timestamp());
    let last_checklists: Option<Vec<String>> = last
        .map(|r| {
            r.checklists
                .iter()
                .map(|c| c.id.clone())
                .collect::<Vec<_>>()
        })
        .filter(|ids| {
            !ids.is_empty()
                && ids
                    .iter()
                    .all(|id| available.iter().any(|l| &l.checklist.checklist.id == id))
        });
    let wanted: Vec<String> = if !preselected.is_empty() {
        preselected.to_vec()
    } else if let Some(ids) = last_checklists {
        ids
    } else {
        default_checklists(&journeys, config.journey.as_deref(), lang)
    };
    let checklists = available
        .iter()
        .map(|l| home::ChecklistRow {
            id: l.checklist.checklist.id.clone(),
            title: l.checklist.checklist.title.clone(),
            touchpoint: l.checklist.checklist.touchpoint.clone(),
            source: source_label(&l.source),
            chosen: wanted.contains(&l.checklist.checklist.id),
        })
        .collect();
    let auditor = auditor
        .or_else(|| last.map(|r| r.header.auditor.clone()))
        .filter(|a| acceptable_auditor(a))
        .unwrap_or_else(|| default_auditor(&config));
    let mut screen = home::Home::new(rows, checklists, auditor, Theme::from_env());
    screen.size_now = Some(ratatui::crossterm::terminal::size);
    screen.journeys = journeys
        .iter()
        .map(|j| home::JourneyRow {
            summary: j.summary(),
            short: home::journey_short(&j.name, j.items),
            language: j.language.clone(),
            checklists: j.checklists.clone(),
        })
        .collect();
    screen.broken = broken.iter().map(ToString::to_string).collect();
    screen.problems = problems.iter().map(ToString::to_string).collect();
    // A finalized visit whose copy to the export folder still fails.
    screen.problems.extend(
        not_exported
            .iter()
            .map(|(id, why)| tr!("cli-not-exported", id = id.as_str(), error = why.as_str())),
    );
    // A final visit that waits for its signature (finalize could not sign
    // it): said until `touchpoint sign ID` signs it, as `list` does.
    screen.problems.extend(
        records
            .iter()
            .filter(|r| r.header.status == Status::Final)
            .filter(|r| awaits_signature(&store, Some(&config), &r.header.id))
            .map(|r| {
                tr!(
                    "cli-home-unsigned",
                    id = crate::tui::theme::drawable(&r.header.id)
                )
            }),
    );
    screen.point_at_chosen();
    let trash_store = store.clone();
    screen.set_deleter(Box::new(move |id: &str| {
        trash_store.trash(id).map(|_| ()).map_err(|e| e.to_string())
    }));
    if !preselected.is_empty() {
        screen.focus = home::Focus::Site;
    }
    let signals =
        Signals::register().map_err(|e| io_failure(&tr!("cli-cannot-watch-signals"), &e))?;
    let (choice, gone) =
        tui::run_home(&mut screen, &signals).map_err(|e| io_failure(&tr!("cli-terminal"), &e))?;
    match choice {
        // A hang-up ends the program with a failure, and no word on the
        // terminal that is gone.
        home::Choice::Quit if gone => Err(Failure::Reported),
        home::Choice::Quit => Ok(()),
        home::Choice::Resume(id) => resume(data_dir, Some(&id)),
        home::Choice::New {
            site,
            auditor,
            checklists,
        } => new(
            data_dir,
            NewVisit {
                site: Some(site),
                auditor: Some(auditor),
                journey: None,
                checklists,
            },
            Some(lang),
            Some(config),
        ),
    }
}

/// The checklists `touchpoint new` can open, each id once (a user checklist
/// shadows a bundled one of the same id), and the problems of those that
/// could not be read.
fn available_once(config: &Config) -> (Vec<Loaded>, Vec<Diagnostic>) {
    let (found, problems) = config::available(config);
    let mut seen = std::collections::HashSet::new();
    let unique = found
        .into_iter()
        .filter(|l| seen.insert(l.checklist.checklist.id.clone()))
        .collect();
    (unique, problems)
}

/// The journeys among `available`, those in `lang` first.
fn journeys_for(available: &[Loaded], lang: Lang) -> Vec<Journey> {
    let mut journeys = journey::journeys(available);
    journeys.sort_by_key(|j| !j.speaks(lang.tag()));
    journeys
}
