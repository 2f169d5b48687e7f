//! What a new visit starts with when the user names nothing: the auditor's
//! name and the checklists of a journey. Used by `new` and by the home
//! screen, which starts new visits too.

use super::login_name;
use crate::checklist::journey::{self, Journey};
use crate::checklist::{self, Loaded};
use crate::config::Config;
use crate::locale::Lang;

/// The auditor's name: the config's, else the login name (`USER`,
/// `LOGNAME`, the password database), the first that a visit accepts: a
/// name the home screen fills in is never one it then refuses (issue 17).
pub(super) fn default_auditor(config: &Config) -> String {
    let acceptable = |name: &String| acceptable_auditor(name);
    config
        .auditor
        .clone()
        .filter(acceptable)
        .or_else(|| std::env::var("USER").ok().filter(acceptable))
        .or_else(|| std::env::var("LOGNAME").ok().filter(acceptable))
        .or_else(|| login_name().filter(acceptable))
        .unwrap_or_default()
}

/// Whether `name` is one `new` takes as the auditor's: not blank, no
/// control character.
pub(super) fn acceptable_auditor(name: &str) -> bool {
    !name.trim().is_empty() && crate::text::refuse_control("", name, false).is_ok()
}

/// The journeys of the user's checklists `user` and of the bundled ones
/// (from their summaries, none parsed), those in `lang` first.
pub(super) fn journeys_among(user: &[Loaded], lang: Lang) -> Vec<Journey> {
    let mut summaries: Vec<journey::Summary<'_>> = user.iter().map(journey::Summary::of).collect();
    summaries.extend(checklist::bundled_summaries());
    let mut journeys = journey::journeys_of(&summaries);
    journeys.sort_by_key(|j| !j.speaks(lang.tag()));
    journeys
}

/// The checklists a visit starts with when none are named: the journey
/// `id` (else the hotel stay) in the interface language.
pub(super) fn default_checklists(
    journeys: &[Journey],
    id: Option<&str>,
    lang: Lang,
) -> Vec<String> {
    id.and_then(|id| journey::pick(journeys, id, lang.tag()))
        .or_else(|| journey::pick(journeys, "hotel-stay", lang.tag()))
        .map(|j| j.checklists.clone())
        .unwrap_or_else(|| {
            checklist::DEFAULT_STAY
                .iter()
                .map(|s| (*s).to_owned())
                .collect()
        })
}
