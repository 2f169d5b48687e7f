//! Journeys: the checklists that share a `journey` id and a language,
//! offered together ("Hotel stay — 3 touchpoints, 75 items").

use super::{Loaded, journey_rank};

/// One journey in one language.
#[derive(Debug, Clone, PartialEq)]
pub struct Journey {
    /// The `journey` id its checklists share, such as `hotel-stay`.
    pub id: String,
    /// Their language tag, when they give one.
    pub language: Option<String>,
    /// The name shown: see [`name`].
    pub name: String,
    /// Ids of its checklists, in journey order.
    pub checklists: Vec<String>,
    /// How many touchpoints they cover.
    pub touchpoints: usize,
    /// Items over all its checklists, follow-ups included.
    pub items: usize,
}

impl Journey {
    /// "Hotel stay — 3 touchpoints, 75 items".
    pub fn summary(&self) -> String {
        format!(
            "{} — {}, {}",
            self.name,
            crate::tr!("count-touchpoints", count = self.touchpoints),
            crate::tr!("count-items", count = self.items)
        )
    }

    /// Whether its language is `tag` (`en` also takes checklists that give none).
    pub fn speaks(&self, tag: &str) -> bool {
        match &self.language {
            Some(language) => primary(language) == tag,
            None => tag == "en",
        }
    }
}

/// `ru` of `ru-RU`.
fn primary(tag: &str) -> String {
    tag.split('-').next().unwrap_or(tag).to_ascii_lowercase()
}

/// What a journey needs of a checklist. build.rs writes one for each bundled
/// checklist, so their journeys are known without parsing them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary<'a> {
    /// The checklist's id.
    pub id: &'a str,
    /// Its `journey`, if it names one.
    pub journey: Option<&'a str>,
    /// Its `journey_title`, if it gives one.
    pub journey_title: Option<&'a str>,
    /// Its language tag, if it gives one.
    pub language: Option<&'a str>,
    /// Its touchpoint.
    pub touchpoint: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Its items, follow-ups included.
    pub items: usize,
}

impl<'a> Summary<'a> {
    /// The summary of a checklist read in full.
    pub fn of(loaded: &'a Loaded) -> Self {
        let meta = &loaded.checklist.checklist;
        Summary {
            id: &meta.id,
            journey: meta.journey.as_deref(),
            journey_title: meta.journey_title.as_deref(),
            language: meta.language.as_deref(),
            touchpoint: &meta.touchpoint,
            title: &meta.title,
            items: loaded.checklist.item_count(),
        }
    }
}

/// The journeys among `available`: see [`journeys_of`].
pub fn journeys(available: &[Loaded]) -> Vec<Journey> {
    let summaries: Vec<Summary<'_>> = available.iter().map(Summary::of).collect();
    journeys_of(&summaries)
}

/// The journeys among `available`, in the order their first checklist
/// appears. A checklist id met twice counts once, the first time (a user
/// checklist shadows a bundled one of the same id).
pub fn journeys_of(available: &[Summary<'_>]) -> Vec<Journey> {
    let mut seen: Vec<&str> = Vec::new();
    let mut groups: Vec<(String, Option<String>, Vec<&Summary<'_>>)> = Vec::new();
    for summary in available {
        if seen.contains(&summary.id) {
            continue;
        }
        seen.push(summary.id);
        let Some(journey) = summary.journey else {
            continue;
        };
        let language = summary.language.map(primary);
        match groups
            .iter_mut()
            .find(|(id, lang, _)| id == journey && *lang == language)
        {
            Some((_, _, members)) => members.push(summary),
            None => groups.push((journey.to_owned(), language, vec![summary])),
        }
    }
    groups
        .into_iter()
        .map(|(id, language, mut members)| {
            members.sort_by(|a, b| journey_rank(a.touchpoint).cmp(&journey_rank(b.touchpoint)));
            let mut touchpoints: Vec<&str> = members.iter().map(|m| m.touchpoint).collect();
            touchpoints.dedup();
            let titles: Vec<&str> = members.iter().map(|m| m.title).collect();
            // The journey's own title, as its first checklist gives it.
            let named = members.iter().find_map(|m| m.journey_title);
            Journey {
                name: named.map_or_else(|| name(&id, language.as_deref(), &titles), str::to_owned),
                checklists: members.iter().map(|m| m.id.to_owned()).collect(),
                touchpoints: touchpoints.len(),
                items: members.iter().map(|m| m.items).sum(),
                id,
                language,
            }
        })
        .collect()
}

/// A journey's name. Ids are written in English, so in English (or with no
/// language given) the id reads as the name: `hotel-stay` → "Hotel stay".
/// In another language the part every title shares before a colon is used
/// ("Круиз: посадка", "Круиз: жизнь на борту" → "Круиз"); when the titles
/// share none, a bundled journey's name in the interface's language, else the id.
pub fn name(id: &str, language: Option<&str>, titles: &[&str]) -> String {
    let english = language.is_none_or(|l| primary(l) == "en");
    if !english {
        let prefixes: Vec<Option<&str>> = titles
            .iter()
            .map(|t| t.split_once(':').map(|(p, _)| p.trim()))
            .collect();
        if let Some(Some(first)) = prefixes.first()
            && !first.is_empty()
            && prefixes.iter().all(|p| *p == Some(*first))
        {
            return (*first).to_owned();
        }
    }
    // A bundled journey by its name in the interface's language.
    crate::i18n::journey_name(id).unwrap_or_else(|| crate::i18n::readable(id))
}

/// The journey `id` to start, in language `tag` if it has one, else in
/// English, else in any language it has.
pub fn pick<'a>(journeys: &'a [Journey], id: &str, tag: &str) -> Option<&'a Journey> {
    let named: Vec<&Journey> = journeys.iter().filter(|j| j.id == id).collect();
    named
        .iter()
        .find(|j| j.speaks(tag))
        .or_else(|| named.iter().find(|j| j.speaks("en")))
        .or(named.first())
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_journeys_are_named_and_counted() {
        let all = crate::checklist::bundled().expect("bundled checklists parse");
        let journeys = journeys(&all);
        let summaries: Vec<String> = journeys
            .iter()
            .map(|j| format!("{} {}", j.language.as_deref().unwrap_or("-"), j.summary()))
            .collect();
        assert_eq!(journeys.len(), 6, "{summaries:#?}");
        let hotel = pick(&journeys, "hotel-stay", "en").expect("hotel stay");
        assert_eq!(
            hotel.checklists,
            ["hotel-check-in", "hotel-in-stay", "hotel-departure"]
        );
        assert_eq!(hotel.summary(), "Hotel stay — 3 touchpoints, 76 items");
        let cruise = pick(&journeys, "river-cruise", "ru").expect("cruise");
        // Its journey_title, in the checklists' language.
        assert_eq!(cruise.name, "Речной круиз");
        assert_eq!(cruise.checklists[0], "cruise-check-in-ru");
        assert_eq!(
            pick(&journeys, "hotel-stay", "ru").unwrap().name,
            "Проживание в отеле"
        );
        assert_eq!(
            pick(&journeys, "luxury-train", "ru").unwrap().name,
            "Поезд класса люкс"
        );
        // A language the journey lacks falls back to English.
        assert_eq!(
            pick(&journeys, "luxury-train", "de").unwrap().name,
            "Luxury train"
        );
    }

    /// The summaries build.rs wrote are those of the parsed checklists, in
    /// the same order, so the journeys found from them are the same.
    #[test]
    fn bundled_summaries_are_those_of_the_parsed_checklists() {
        let all = crate::checklist::bundled().expect("bundled checklists parse");
        let parsed: Vec<Summary<'_>> = all.iter().map(Summary::of).collect();
        assert_eq!(crate::checklist::bundled_summaries(), parsed);
        assert_eq!(
            journeys_of(&crate::checklist::bundled_summaries()),
            journeys(&all)
        );
    }

    #[test]
    fn names_come_from_the_id_or_the_titles_shared_prefix() {
        assert_eq!(
            name("river-cruise", Some("en"), &["Cruise: a"]),
            "River cruise"
        );
        assert_eq!(name("x", Some("ru"), &["Поезд: а", "Поезд: б"]), "Поезд");
        assert_eq!(
            name("hotel-stay", Some("ru"), &["Поезд: а", "Отель"]),
            "Hotel stay"
        );
        assert_eq!(crate::i18n::readable("a"), "A");
    }
}
