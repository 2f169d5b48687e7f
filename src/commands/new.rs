//! `touchpoint new`: a visit started at a site over chosen checklists, and
//! the auditor's name it is started under.

use std::path::Path;

use super::defaults::{default_auditor, default_checklists, journeys_among};
use super::sign::sign_finalized;
use super::{Failure, data_root, language, need_terminal, report_all};
use crate::checklist;
use crate::checklist::journey;
use crate::config::{self, Config};
use crate::locale::Lang;
use crate::session::open;
use crate::store::Store;
use crate::tr;

/// What `touchpoint new` was asked for.
#[derive(Debug, Clone, Default)]
pub struct NewVisit {
    /// The site; without it the home screen's form opens.
    pub site: Option<String>,
    /// The auditor.
    pub auditor: Option<String>,
    /// A journey id: its checklists, in the interface language if it has them.
    pub journey: Option<String>,
    /// Checklist paths or ids.
    pub checklists: Vec<String>,
}

/// What `new` leaves to the home screen's form: no site was named.
pub(super) struct Form {
    /// The auditor named, if any.
    pub auditor: Option<String>,
    /// The checklists to tick.
    pub checklists: Vec<String>,
    /// The interface language.
    pub lang: Lang,
}

/// Starts the visit `asked` names and opens it; without a site, the form
/// it leaves to the home screen ([`super::new`]).
///
/// `config` is config.toml as read for the language, if it could be; one
/// that could not is read again here, and its problem reported.
pub(super) fn start(
    data_dir: Option<&Path>,
    asked: NewVisit,
    lang: Option<Lang>,
    config: Option<Config>,
) -> Result<Option<Form>, Failure> {
    crate::i18n::prepare_screens();
    let config = match config {
        Some(config) => config,
        None => Config::load()?,
    };
    let lang = language(lang, &config);
    let mut names = Vec::new();
    // Only the chosen checklists are parsed before the first frame: bundled
    // journeys are known from build.rs's summaries, user ones read once.
    let mut user = None;
    if asked.journey.is_some() || asked.checklists.is_empty() {
        let mine = config::user_checklists(&config).0;
        let journeys = journeys_among(&mine, lang);
        user = Some(mine);
        match &asked.journey {
            Some(id) => match journey::pick(&journeys, id, lang.tag()) {
                Some(found) => names.extend(found.checklists.iter().cloned()),
                None => {
                    // A journey in two languages is listed once; the list
                    // is sorted by language first, so `dedup` alone keeps both.
                    let mut ids: Vec<&str> = Vec::new();
                    for j in &journeys {
                        if !ids.contains(&j.id.as_str()) {
                            ids.push(j.id.as_str());
                        }
                    }
                    let hint = match checklist::diag::did_you_mean(id, &ids) {
                        Some(near) => tr!("cli-did-you-mean", near = near),
                        None => tr!("cli-journeys-are", ids = ids.join(", ")),
                    };
                    return Err(Failure::Message(tr!(
                        "cli-no-journey",
                        journey = crate::text::escaped(id),
                        hint = hint
                    )));
                }
            },
            None => names.extend(default_checklists(&journeys, None, lang)),
        }
    }
    names.extend(asked.checklists.iter().cloned());
    let (loaded, problems) = config::resolve_all_among(&config, &names, user);
    if !problems.is_empty() {
        return Err(report_all(&problems));
    }
    let ids: Vec<&str> = loaded
        .iter()
        .map(|l| l.checklist.checklist.id.as_str())
        .collect();
    if let Some(twice) = ids
        .iter()
        .enumerate()
        .find_map(|(n, id)| ids[..n].contains(id).then_some(id))
    {
        return Err(Failure::Message(tr!("cli-checklist-twice", id = *twice)));
    }
    let Some(site) = asked.site.filter(|s| !s.trim().is_empty()) else {
        let names: Vec<String> = loaded
            .iter()
            .map(|l| l.checklist.checklist.id.clone())
            .collect();
        return Ok(Some(Form {
            auditor: asked.auditor,
            checklists: names,
            lang,
        }));
    };
    let auditor = asked.auditor.unwrap_or_else(|| default_auditor(&config));
    refuse_control_in(&site, || tr!("cli-what-site"))?;
    refuse_control_in(&auditor, || tr!("cli-what-auditor"))?;
    need_terminal()?;
    // Tidied after the first frame, by the first save.
    let store = Store::open_untidied(&data_root(data_dir)?)?;
    let export = open::export_of(&config);
    let (visit, session) = open::start(&store, site.trim(), auditor.trim(), loaded, export)?;
    open::run(&store, visit, session, None, None, sign_finalized)?;
    Ok(None)
}

/// Refuses a control character in `text`, named by `what`, which is looked
/// up only then: the command line's catalog is not read before the first
/// frame of a visit.
fn refuse_control_in(text: &str, what: fn() -> String) -> Result<(), Failure> {
    if crate::text::refuse_control("", text, false).is_ok() {
        return Ok(());
    }
    crate::text::refuse_control(&what(), text, false).map_err(Failure::Message)
}
