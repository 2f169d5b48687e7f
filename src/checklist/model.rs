//! The checklist format as types: what a checklist file holds once it has been
//! read and validated.
//!
//! These are the types the parser builds, and the JSON Schema (`touchpoint schema
//! checklist`) is derived from them, so the schema cannot drift from the parser.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The newest checklist format this program understands.
pub const FORMAT: u32 = 1;

/// One checklist file: the observations for one touchpoint of the guest journey.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "touchpoint checklist")]
pub struct Checklist {
    /// Format version of the file; a newer one than the program knows is an error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 1))]
    pub format: Option<u32>,
    /// What the checklist is and where it sits in the journey.
    pub checklist: Meta,
    /// Named response sets, used by items through `response = "NAME"`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub responses: BTreeMap<String, ResponseSet>,
    /// Labels of tags, by tag id (`[tags]`, `wow-moment = "Wow moment"`):
    /// how screens and documents name a tag of this checklist's items. The
    /// built-in tags have names in every language and need none.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
    /// The sections, in the order the auditor meets them.
    #[schemars(length(min = 1))]
    pub section: Vec<Section>,
}

/// The `[checklist]` table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// Identifier: lowercase letters, digits and hyphens, at most 64 characters.
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9-]{0,63}$"))]
    pub id: String,
    /// Title shown to the auditor.
    #[schemars(length(min = 1))]
    pub title: String,
    /// Touchpoint of the guest journey: pre-arrival, check-in, in-stay,
    /// departure, post-stay, or another id.
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9-]{0,63}$"))]
    pub touchpoint: String,
    /// Free-text version, copied into records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// BCP 47 language tag, such as `en` or `ru`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The journey this checklist belongs to (an id such as `hotel-stay`):
    /// checklists of one journey and language are offered together.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9-]{0,63}$"))]
    pub journey: Option<String>,
    /// The journey's name as offered, in the checklist's language ("Luxury
    /// train"); else the id made into words, or the titles' shared prefix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub journey_title: Option<String>,
    /// What the checklist covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The id of the checklist this file translates (same section and item
    /// ids): reports and `compare` count its items as the original's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9-]{0,63}$"))]
    pub translation_of: Option<String>,
}

/// A named set of options an item can be answered with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResponseSet {
    /// The options, chosen with keys 1 to 9 in this order.
    #[schemars(length(min = 1, max = 9))]
    pub options: Vec<Choice>,
}

/// One option of a response set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// Identifier written into records.
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9-]{0,63}$"))]
    pub id: String,
    /// Label shown to the auditor.
    #[schemars(length(min = 1))]
    pub label: String,
    /// Points for this option (>= 0); a set whose options have no score is unscored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub score: Option<f64>,
    /// The answer counts as "exceeded expectations" (▲), on its own beside the score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exceeds: Option<bool>,
    /// Seconds: the stopwatch chooses the first option whose `within` holds
    /// the time measured, or the one option without `within` when none does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub within: Option<f64>,
}

impl Choice {
    /// Whether choosing this option counts as exceeded expectations.
    pub fn exceeds(&self) -> bool {
        self.exceeds.unwrap_or(false)
    }
}

/// A `[[section]]`: a group of items under a title.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Identifier, unique in the checklist.
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9-]{0,63}$"))]
    pub id: String,
    /// Title shown above the section's items.
    #[schemars(length(min = 1))]
    pub title: String,
    /// What the section covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The items, at least one.
    #[schemars(length(min = 1))]
    pub item: Vec<Item>,
}

/// A `[[section.item]]`: one observation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Identifier, unique in the checklist.
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9-]{0,63}$"))]
    pub id: String,
    /// What the auditor observes.
    #[schemars(length(min = 1))]
    pub prompt: String,
    /// How to judge it; may span several lines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guidance: Option<String>,
    /// `yes-no` (the default), `grade`, `text`, `number`, or a set under `[responses]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<String>,
    /// Weight of the item in scores, a number >= 0 (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub weight: Option<f64>,
    /// A zero-score answer fails the whole visit; only on scored responses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub critical: Option<bool>,
    /// Whether N/A may be chosen (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub na: Option<bool>,
    /// Tags, scored separately in reports (`personal-touch`, `atmosphere`, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Show the item only when an earlier item has one of the given answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_if: Option<ShowIf>,
    /// Unit of a `number` item, such as `seconds`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Smallest value a `number` item accepts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Largest value a `number` item accepts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// The standard of a `number` item: values up to this one meet it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_most: Option<f64>,
    /// The standard of a `number` item: values from this one meet it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<f64>,
    /// A check on the auditor, not the site: the answer a truthful auditor
    /// gives (an option id of the item's response, or `na`). The item is
    /// never scored; `touchpoint check` raises `integrity-item` when it is
    /// answered otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub integrity: Option<String>,
}

/// The condition of `show_if`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ShowIf {
    /// An earlier item of the same checklist whose response has options.
    pub item: String,
    /// The option id, or list of option ids, that show this item.
    pub is: OneOrMany,
}

/// One option id or a list of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum OneOrMany {
    /// A single option id.
    One(String),
    /// Any of these option ids.
    Many(Vec<String>),
}

impl OneOrMany {
    /// The option ids as a slice, whichever form was written.
    pub fn ids(&self) -> &[String] {
        match self {
            OneOrMany::One(one) => std::slice::from_ref(one),
            OneOrMany::Many(many) => many,
        }
    }
}

/// How an item is answered, with built-in and named sets resolved.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Response<'a> {
    /// Choose one of these options (scored when the options have scores).
    Options(&'a [Choice]),
    /// A number, with an optional unit and bounds.
    Number {
        /// Unit shown after the value.
        unit: Option<&'a str>,
        /// Smallest value accepted.
        min: Option<f64>,
        /// Largest value accepted.
        max: Option<f64>,
        /// The standard the value is held to, if any: then the item is scored.
        standard: Standard,
    },
    /// Free text.
    Text,
}

impl Response<'_> {
    /// The options of a set, or none for text and number items.
    pub fn options(&self) -> &[Choice] {
        match self {
            Response::Options(options) => options,
            _ => &[],
        }
    }

    /// Whether answers count towards scores: a set whose options carry
    /// scores, or a number with a standard.
    pub fn is_scored(&self) -> bool {
        self.max_score().is_some()
    }

    /// The most an answer can earn before weighting: the highest score of the
    /// set, or 1 for a number standard.
    pub fn max_score(&self) -> Option<f64> {
        match self {
            Response::Number { standard, .. } => standard.is_set().then_some(1.0),
            _ => self
                .options()
                .iter()
                .filter_map(|o| o.score)
                .reduce(f64::max),
        }
    }

    /// Whether any option counts as exceeded expectations.
    pub fn can_exceed(&self) -> bool {
        self.options().iter().any(Choice::exceeds)
    }

    /// How the stopwatch answers this item, if it can: a number in a unit of
    /// time, or a set whose options carry `within`.
    pub fn timing(&self) -> Option<Timing> {
        match self {
            Response::Number { unit, .. } => unit.and_then(seconds_per_unit).map(Timing::Number),
            Response::Options(options) => options
                .iter()
                .any(|o| o.within.is_some())
                .then_some(Timing::Options),
            Response::Text => None,
        }
    }

    /// What the stopwatch answers after `seconds`: the number in the item's
    /// unit to one decimal, or the id of the first option whose `within` holds
    /// them (the option without `within` when none does).
    pub fn timed_answer(&self, seconds: f64) -> Option<TimedAnswer> {
        match (self.timing()?, self) {
            (Timing::Number(per_unit), _) => Some(TimedAnswer::Number(
                (seconds / per_unit * 10.0).round() / 10.0,
            )),
            (Timing::Options, Response::Options(options)) => options
                .iter()
                .find(|o| o.within.is_some_and(|w| seconds <= w))
                .or_else(|| options.iter().find(|o| o.within.is_none()))
                .map(|o| TimedAnswer::Choice(o.id.clone())),
            _ => None,
        }
    }
}

/// How a timed item is answered by the stopwatch.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Timing {
    /// A number in a unit of time; the seconds in one unit.
    Number(f64),
    /// The set's options carry `within`.
    Options,
}

/// The answer a stopwatch gives.
#[derive(Debug, Clone, PartialEq)]
pub enum TimedAnswer {
    /// The value, in the item's unit.
    Number(f64),
    /// The id of the option chosen.
    Choice(String),
}

/// Seconds in one `unit`, when the unit is a time: `s`, `sec`, `min`, `h` and
/// their long forms, in English or Russian, any case, with or without a dot.
pub fn seconds_per_unit(unit: &str) -> Option<f64> {
    let unit = unit.trim().trim_end_matches('.').to_lowercase();
    match unit.as_str() {
        "s" | "sec" | "secs" | "second" | "seconds" | "с" | "сек" | "секунда" | "секунды"
        | "секунд" => Some(1.0),
        "min" | "mins" | "minute" | "minutes" | "м" | "мин" | "минута" | "минуты" | "минут" => {
            Some(60.0)
        }
        "h" | "hr" | "hrs" | "hour" | "hours" | "ч" | "час" | "часа" | "часов" => {
            Some(3600.0)
        }
        _ => None,
    }
}

/// The standard of a number item: `at_least` and/or `at_most`, both inclusive.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Standard {
    /// Values from this one meet the standard.
    pub at_least: Option<f64>,
    /// Values up to this one meet the standard.
    pub at_most: Option<f64>,
}

impl Standard {
    /// Whether the item has a standard at all.
    pub fn is_set(&self) -> bool {
        self.at_least.is_some() || self.at_most.is_some()
    }

    /// Whether `value` meets the standard; bounds count as inside.
    pub fn holds(&self, value: f64) -> bool {
        self.at_least.is_none_or(|lo| value >= lo) && self.at_most.is_none_or(|hi| value <= hi)
    }

    /// `≤ 5`, `≥ 2`, `2–5`: the standard as the screen shows it.
    pub fn text(&self) -> String {
        match (self.at_least, self.at_most) {
            (Some(lo), Some(hi)) => format!("{lo}–{hi}"),
            (Some(lo), None) => format!("≥ {lo}"),
            (None, Some(hi)) => format!("≤ {hi}"),
            (None, None) => String::new(),
        }
    }
}

fn choice(id: &str, label: &str, score: f64) -> Choice {
    Choice {
        id: id.into(),
        label: label.into(),
        score: Some(score),
        exceeds: None,
        within: None,
    }
}

/// The `exceeded` option of `grade`: full points, counted as exceeded.
fn exceeded(label: &str) -> Choice {
    Choice {
        exceeds: Some(true),
        ..choice("exceeded", label, 1.0)
    }
}

/// The built-in `yes-no` set: yes 1, no 0.
pub static YES_NO: LazyLock<Vec<Choice>> =
    LazyLock::new(|| vec![choice("yes", "Yes", 1.0), choice("no", "No", 0.0)]);

/// The built-in `grade` set: missed 0, met 1, exceeded 1 with `exceeds`:
/// meeting every standard is 100 %, and exceeding is counted on its own.
pub static GRADE: LazyLock<Vec<Choice>> = LazyLock::new(|| {
    vec![
        choice("missed", "Below standard", 0.0),
        choice("met", "Standard met", 1.0),
        exceeded("Exceeded expectations"),
    ]
});

/// `yes-no` for checklists in Russian.
pub static YES_NO_RU: LazyLock<Vec<Choice>> =
    LazyLock::new(|| vec![choice("yes", "Да", 1.0), choice("no", "Нет", 0.0)]);

/// `grade` for checklists in Russian.
pub static GRADE_RU: LazyLock<Vec<Choice>> = LazyLock::new(|| {
    vec![
        choice("missed", "Ниже стандарта", 0.0),
        choice("met", "Стандарт выполнен", 1.0),
        exceeded("Превзошли ожидания"),
    ]
});

/// Response names that a file may not define under `[responses]`.
pub const BUILT_IN_RESPONSES: [&str; 4] = ["yes-no", "grade", "text", "number"];

impl Item {
    /// The item's weight, 1 unless the file says otherwise.
    pub fn weight(&self) -> f64 {
        self.weight.unwrap_or(1.0)
    }

    /// Whether N/A may be chosen.
    pub fn na_allowed(&self) -> bool {
        self.na.unwrap_or(true)
    }

    /// Whether a zero-score answer fails the visit.
    pub fn is_critical(&self) -> bool {
        self.critical.unwrap_or(false)
    }

    /// The name of the item's response, `yes-no` unless given.
    pub fn response_name(&self) -> &str {
        self.response.as_deref().unwrap_or("yes-no")
    }
}

impl Checklist {
    /// How `item` is answered. A validated checklist always resolves; an unknown
    /// set name (impossible after validation) resolves to free text.
    pub fn response<'a>(&'a self, item: &'a Item) -> Response<'a> {
        // Built-in labels follow the checklist's language where we have them;
        // option ids and scores never change.
        let russian = self
            .checklist
            .language
            .as_deref()
            .is_some_and(|l| l == "ru" || l.starts_with("ru-"));
        match item.response_name() {
            "yes-no" if russian => Response::Options(&YES_NO_RU),
            "grade" if russian => Response::Options(&GRADE_RU),
            "yes-no" => Response::Options(&YES_NO),
            "grade" => Response::Options(&GRADE),
            "number" => Response::Number {
                unit: item.unit.as_deref(),
                min: item.min,
                max: item.max,
                standard: Standard {
                    at_least: item.at_least,
                    at_most: item.at_most,
                },
            },
            "text" => Response::Text,
            name => match self.responses.get(name) {
                Some(set) => Response::Options(&set.options),
                None => Response::Text,
            },
        }
    }

    /// Every item with its section, in file order.
    pub fn items(&self) -> impl Iterator<Item = (&Section, &Item)> {
        self.section
            .iter()
            .flat_map(|s| s.item.iter().map(move |i| (s, i)))
    }

    /// Number of items over all sections.
    pub fn item_count(&self) -> usize {
        self.section.iter().map(|s| s.item.len()).sum()
    }

    /// The item with this id, if any.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items().map(|(_, i)| i).find(|i| i.id == id)
    }

    /// A tag's name for the items of this checklist: a built-in tag by the
    /// catalog's name (it follows the interface language), another by the
    /// label the checklist gives it in `[tags]`, else by its id made readable.
    pub fn tag_label(&self, id: &str) -> String {
        crate::i18n::built_in_tag(id)
            .or_else(|| self.tags.get(id).cloned())
            .unwrap_or_else(|| crate::i18n::readable(id))
    }
}

/// A tag's name among several checklists (a visit's): the first label one
/// of them gives it, as [`Checklist::tag_label`] chooses.
pub fn tag_label_among<'a>(
    checklists: impl IntoIterator<Item = &'a Checklist>,
    id: &str,
) -> String {
    let labelled = checklists.into_iter().find(|c| c.tags.contains_key(id));
    match labelled {
        Some(checklist) => checklist.tag_label(id),
        None => crate::i18n::tag_name(id),
    }
}

/// Position of a touchpoint in the guest journey: the five known ones first, in
/// journey order, then any other touchpoint in alphabetical order.
pub fn journey_rank(touchpoint: &str) -> (usize, &str) {
    const JOURNEY: [&str; 5] = [
        "pre-arrival",
        "check-in",
        "in-stay",
        "departure",
        "post-stay",
    ];
    match JOURNEY.iter().position(|t| *t == touchpoint) {
        Some(rank) => (rank, ""),
        None => (JOURNEY.len(), touchpoint),
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::{Lang, with_lang};

    #[test]
    fn a_tag_is_named_by_its_checklists_label_and_a_built_in_one_by_the_catalog() {
        let checklist = crate::checklist::parse::parse(
            "tag-labels.toml",
            include_str!("../../tests/fixtures/checklists/valid/tag-labels.toml"),
        )
        .expect("the fixture is valid");
        let named = |lang, tag| with_lang(lang, || checklist.tag_label(tag));
        assert_eq!(named(Lang::Ru, "wow-moment"), "Moment of delight");
        assert_eq!(named(Lang::En, "local-colour"), "Stories of the place");
        assert_eq!(named(Lang::Ru, "personal-touch"), "Личное участие");
        assert_eq!(named(Lang::En, "personal-touch"), "Personal touch");
        // A tag without a label reads as words, never as a raw id.
        assert_eq!(named(Lang::En, "late-checkout"), "Late checkout");
    }
}
