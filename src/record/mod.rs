//! A visit as a record and back: the TOML file of SPEC.md's "Record format",
//! read again with every problem placed at `file:line:column`, and the exports
//! (JSON, CSV, Markdown) that carry the same facts.
//!
//! Pure: no terminal, no clock, no files (the checklists a record names are
//! loaded by the disk layer, `store::checklists::load_checklists`).
//!
//! One set of types ([`Record`] and its parts) is written, read, exported as
//! JSON and turned into the JSON Schema, so the four cannot drift apart. The
//! time type is a parameter: TOML gets real offset date-times
//! ([`toml::value::Datetime`]), everything else a [`Stamp`] (an RFC 3339
//! string when serialized).
//!
//! Times are recorded to the second, in the offset each time was taken in
//! (rounded to whole minutes, as TOML offsets are).

pub mod changelog;
mod export;
pub mod journal;
mod read;

/// Markdown escaping of text from a record, for documents built elsewhere.
pub mod md {
    pub use super::export::{inline, quote_block};
}

use std::borrow::Cow;
use std::fmt;

use jiff::ZonedDateTime;
use jiff::tz::{Offset, TimeZone};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Deserializer, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

use crate::checklist::{Loaded, Response};
use crate::score::{self, item_points};
use crate::visit::{Answer, Header, Status, Visit};

pub use export::{
    CSV_COLUMNS, csv_answer, csv_text, evidence_file_name, to_csv, to_json, to_markdown,
    to_markdown_in, visit_tag,
};
pub use read::{CHUNK_ABOVE, RecordFile, Summary, parse, parse_bytes, parse_with, rebuild};

/// The newest record format this program writes and reads.
pub const FORMAT: u32 = 1;

/// Largest record read. A real one is tens of kilobytes; this leaves room for
/// very long notes while refusing a file that could exhaust memory.
pub const MAX_RECORD_BYTES: usize = 16 * 1024 * 1024;

/// The answer that meant N/A before records had `na = true`; still read on
/// choice and number items, where it cannot be an option id or a number.
pub const NA: &str = "n/a";

/// One record file, as written. `T` is the type of its times: [`Stamp`] when
/// read or exported as JSON, [`toml::value::Datetime`] when written as TOML.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, bound(deserialize = "T: Deserialize<'de>"))]
#[schemars(
    title = "touchpoint record",
    description = "One visit: one audit at one site by one auditor, every item of its \
                   checklists in journey order (SPEC.md, Record format).",
    rename = "Record"
)]
pub struct Record<T = Stamp> {
    /// Format version of the file; a newer one than the program knows is an error.
    #[serde(default = "format_default")]
    #[schemars(range(min = 1, max = 1))]
    pub format: u32,
    /// Who audited what, when, and whether the visit is still open.
    pub visit: VisitTable<T>,
    /// The checklists of the visit, in journey order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checklists: Vec<ChecklistRef>,
    /// Every item of every checklist, in journey order, answered or not.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub observations: Vec<Observation<T>>,
    /// Files attached to items or to the visit, copied into the data folder.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<EvidenceEntry<T>>,
    /// Stopwatches still running when the draft was saved.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub timers: Vec<TimerEntry<T>>,
    /// The score when the record was written, for reading without the checklists.
    pub score: ScoreTable,
}

fn format_default() -> u32 {
    FORMAT
}

/// The `[visit]` table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, bound(deserialize = "T: Deserialize<'de>"))]
#[schemars(rename = "Visit")]
pub struct VisitTable<T = Stamp> {
    /// Start time, site slug and a random suffix: `20261122T140312-hotel-metropol-7f3a`.
    #[schemars(regex(pattern = r"^[A-Za-z0-9][A-Za-z0-9-]{0,127}$"))]
    pub id: String,
    /// The site audited.
    pub site: String,
    /// Who audited it.
    pub auditor: String,
    /// `draft` while open, `final` once finalized.
    #[serde(with = "status_word")]
    #[schemars(with = "StatusWord")]
    pub status: Status,
    /// When the visit was started.
    pub started: T,
    /// When anything last changed.
    pub updated: T,
    /// When the visit was finalized; final visits only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finished: Option<T>,
    /// The visit-level note; absent when empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The program that wrote the record: `touchpoint 0.1.0`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub tool: String,
    /// The item selected when the draft was last saved, as
    /// `checklist-id/item-id`: `resume` opens there. Optional; one that
    /// names no item of the visit is ignored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selected: Option<String>,
    /// SHA-256 of the visit's change log (`<id>.log`) when it was
    /// finalized, lowercase hex; final visits only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[0-9a-f]{64}$"))]
    pub log_sha256: Option<String>,
}

/// A `[[checklists]]` entry: which checklist the visit used, and which bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChecklistRef {
    /// The checklist's id.
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9-]{0,63}$"))]
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its touchpoint.
    pub touchpoint: String,
    /// Its version, when the file gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The checklist it translates, when it is a translation: reports and
    /// `compare` count its items as the original's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9-]{0,63}$"))]
    pub translation_of: Option<String>,
    /// SHA-256 of the checklist file's bytes, lowercase hex.
    pub sha256: String,
    /// `bundled:ID`, or the path it was loaded from.
    pub source: String,
}

/// An `[[observations]]` entry: one item of a checklist and what was recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, bound(deserialize = "T: Deserialize<'de>"))]
#[schemars(rename = "Observation")]
pub struct Observation<T = Stamp> {
    /// Id of the checklist.
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9-]{0,63}$"))]
    pub checklist: String,
    /// Id of the item's section.
    pub section: String,
    /// Id of the item.
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9-]{0,63}$"))]
    pub item: String,
    /// The item's prompt, so the record reads without the checklist.
    pub prompt: String,
    /// Option id, the number or the text; absent if unanswered or N/A.
    /// (Records written before `na` existed hold `n/a` here for N/A.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<AnswerValue>,
    /// Present, and true, only when the item was answered N/A (then no `answer`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub na: bool,
    /// The chosen option's label, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Points earned; absent when unscored, N/A, skipped or unanswered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<f64>,
    /// Points possible; absent when `points` is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Present, and true, only when the answer's option has `exceeds = true`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub exceeded: bool,
    /// Seconds measured by the stopwatch, when it gave the answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub timed: Option<f64>,
    /// Present only when the chosen option has a `within`: its seconds, the
    /// time the answer claims, so that `touchpoint check` needs no checklist.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub within: Option<f64>,
    /// Present only on a number item in a unit of time: seconds per unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0))]
    pub unit_seconds: Option<f64>,
    /// Present only on a number item with `at_most`: the standard, in its unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_most: Option<f64>,
    /// The item's tags, so a record can be grouped by tag without its checklist.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Present, and true, only on critical items.
    #[serde(default, skip_serializing_if = "is_false")]
    pub critical: bool,
    /// Present only on `integrity` items: the answer a truthful auditor
    /// gives (an option id or `na`), so `touchpoint check` needs no checklist
    /// to raise `integrity-item`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9-]{0,63}$"))]
    pub integrity: Option<String>,
    /// Present, and true, only when the item was hidden by `show_if`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub skipped: bool,
    /// When the item was first answered: the moment observed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_at: Option<T>,
    /// When the answer or the note last changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<T>,
    /// The auditor's note; absent when empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// An `[[evidence]]` entry: a file attached to an item, or to the visit
/// when `item` is absent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, bound(deserialize = "T: Deserialize<'de>"))]
#[schemars(rename = "Evidence")]
pub struct EvidenceEntry<T = Stamp> {
    /// Id of the item's checklist; absent for the visit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9-]{0,63}$"))]
    pub checklist: Option<String>,
    /// Id of the item; absent for the visit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9-]{0,63}$"))]
    pub item: Option<String>,
    /// The copy, relative to the data folder: `evidence/<visit id>/<hash>-<name>`.
    pub file: String,
    /// SHA-256 of the file's bytes, lowercase hex.
    #[schemars(regex(pattern = r"^[0-9a-f]{64}$"))]
    pub sha256: String,
    /// Size of the file in bytes.
    pub bytes: u64,
    /// When it was attached.
    pub added: T,
}

/// A `[[timers]]` entry: a stopwatch running on a timed item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, bound(deserialize = "T: Deserialize<'de>"))]
#[schemars(rename = "Timer")]
pub struct TimerEntry<T = Stamp> {
    /// Id of the checklist.
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9-]{0,63}$"))]
    pub checklist: String,
    /// Id of the timed item.
    #[schemars(regex(pattern = r"^[a-z0-9][a-z0-9-]{0,63}$"))]
    pub item: String,
    /// When it was started, to the millisecond.
    pub started: T,
}

/// The `[score]` table: derived from the answers, recorded so that lists and
/// reports can read it without loading checklists.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScoreTable {
    /// points / max × 100, one decimal; absent when there is no maximum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<f64>,
    /// Points earned.
    pub points: f64,
    /// Points possible.
    pub max: f64,
    /// Percent of the standards (scored items without the personal-touch
    /// tag); absent when they have no maximum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standards: Option<f64>,
    /// Percent of the personal-touch items; absent when they have no maximum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal_touch: Option<f64>,
    /// Answers that exceeded expectations (▲).
    #[serde(default)]
    pub exceeded: u64,
    /// Shown items with an answer (N/A included).
    pub answered: u64,
    /// Shown items without an answer.
    pub unanswered: u64,
    /// `checklist/item` of each critical item answered with a zero-score option.
    #[serde(default)]
    pub critical_failures: Vec<String>,
    /// Percent per section, keyed `checklist/section`; one with no maximum
    /// is left out.
    #[serde(default)]
    pub sections: Percents,
    /// Percent per touchpoint, in journey order; one with no maximum is left out.
    #[serde(default)]
    pub touchpoints: Percents,
    /// Percent per tag; one with no maximum is left out.
    #[serde(default)]
    pub tags: Percents,
}

impl ScoreTable {
    /// Whether the visit failed on a critical item, whatever its percentage.
    pub fn failed(&self) -> bool {
        !self.critical_failures.is_empty()
    }
}

/// Percentages by name, kept in the order they were written (a TOML table).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Percents(pub Vec<(String, f64)>);

impl Percents {
    /// The percentage under `name`.
    pub fn get(&self, name: &str) -> Option<f64> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, p)| *p)
    }
}

impl Serialize for Percents {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, percent) in &self.0 {
            map.serialize_entry(name, percent)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Percents {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PercentsVisitor;
        impl<'de> Visitor<'de> for PercentsVisitor {
            type Value = Percents;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a table of percentages, such as \"check-in\" = 90.0")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Percents, A::Error> {
                let mut out = Vec::new();
                while let Some((name, percent)) = map.next_entry::<String, f64>()? {
                    out.push((name, percent));
                }
                Ok(Percents(out))
            }
        }
        deserializer.deserialize_map(PercentsVisitor)
    }
}

impl JsonSchema for Percents {
    fn schema_name() -> Cow<'static, str> {
        "Percents".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "object",
            "additionalProperties": { "type": "number", "minimum": 0.0 }
        })
    }
}

/// A recorded answer as it stands in the file: a string (option id or text;
/// `n/a` in older records) or a number. Which one it means depends on the item's response, so
/// it is interpreted when the record is rebuilt with its checklists.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum AnswerValue {
    /// The value of a `number` item.
    Number(f64),
    /// An option id, or the text of a `text` item (`n/a` in older records).
    Text(String),
}

impl AnswerValue {
    /// The answer as written in a table cell: the number or the string.
    pub fn as_text(&self) -> String {
        match self {
            AnswerValue::Number(n) => format_number(*n),
            AnswerValue::Text(t) => t.clone(),
        }
    }
}

impl<'de> Deserialize<'de> for AnswerValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AnswerVisitor;
        impl Visitor<'_> for AnswerVisitor {
            type Value = AnswerValue;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an option id, a number or text")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<AnswerValue, E> {
                Ok(AnswerValue::Text(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<AnswerValue, E> {
                Ok(AnswerValue::Text(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<AnswerValue, E> {
                Ok(AnswerValue::Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<AnswerValue, E> {
                Ok(AnswerValue::Number(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<AnswerValue, E> {
                if v.is_finite() {
                    Ok(AnswerValue::Number(v))
                } else {
                    Err(E::custom(crate::tr!("record-answer-not-finite")))
                }
            }
        }
        deserializer.deserialize_any(AnswerVisitor)
    }
}

/// A number as people write it: `45`, `1.5`.
pub fn format_number(n: f64) -> String {
    format!("{n}")
}

/// `status = "draft" | "final"`, through [`Status`] of the visit.
mod status_word {
    use super::*;

    pub fn serialize<S: Serializer>(status: &Status, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(status.as_str())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Status, D::Error> {
        let word = String::deserialize(deserializer)?;
        match word.as_str() {
            "draft" => Ok(Status::Draft),
            "final" => Ok(Status::Final),
            other => Err(de::Error::custom(crate::tr!(
                "record-unknown-status",
                status = crate::text::escaped(other)
            ))),
        }
    }
}

/// Whether the visit is open (`draft`) or finalized (`final`).
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(rename = "Status")]
#[allow(
    dead_code,
    reason = "only its schema is used; values go through status_word"
)]
enum StatusWord {
    /// Open: answers may change.
    Draft,
    /// Finalized: read-only.
    Final,
}

/// A moment in a record: a date, a time to the second and a UTC offset.
/// Serialized as an RFC 3339 string (`2026-11-22T14:03:12+03:00`); read from a
/// TOML offset date-time.
#[derive(Debug, Clone, PartialEq)]
pub struct Stamp(pub ZonedDateTime);

impl Stamp {
    /// `2026-11-22T14:03:12+03:00`: the time as recorded, to the second.
    /// (A stopwatch's start keeps its milliseconds in TOML and in memory.)
    pub fn rfc3339(&self) -> String {
        let (timestamp, offset) = recorded(&self.0, Precision::Second);
        timestamp.display_with_offset(offset).to_string()
    }
}

/// How finely a time is recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    /// Whole seconds: every time of a record but one.
    Second,
    /// Milliseconds: when a stopwatch started, since a second either way
    /// matters against a 30-second standard.
    Millisecond,
}

/// The type of a record's times: how one is made from a zoned time.
pub trait RecordTime: Sized {
    /// `time`, recorded to `precision`.
    fn from_zoned(time: &ZonedDateTime, precision: Precision) -> Self;
}

impl RecordTime for Stamp {
    fn from_zoned(time: &ZonedDateTime, precision: Precision) -> Self {
        let (timestamp, offset) = recorded(time, precision);
        Stamp(timestamp.to_zoned_datetime(TimeZone::fixed(offset)))
    }
}

impl RecordTime for toml::value::Datetime {
    fn from_zoned(time: &ZonedDateTime, precision: Precision) -> Self {
        to_toml_datetime(time, precision)
    }
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.rfc3339())
    }
}

impl Serialize for Stamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.rfc3339())
    }
}

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let datetime = toml::value::Datetime::deserialize(deserializer)?;
        from_toml_datetime(&datetime)
            .map(Stamp)
            .map_err(de::Error::custom)
    }
}

impl JsonSchema for Stamp {
    fn schema_name() -> Cow<'static, str> {
        "DateTime".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "format": "date-time" })
    }
}

/// The instant and offset a time is recorded with: whole seconds (or
/// milliseconds), and the offset in whole minutes (TOML offsets have no seconds).
fn recorded(time: &ZonedDateTime, precision: Precision) -> (jiff::Timestamp, Offset) {
    let timestamp = time.timestamp();
    let cut = match precision {
        Precision::Second => jiff::Timestamp::from_second(timestamp.as_second()),
        Precision::Millisecond => jiff::Timestamp::from_millisecond(timestamp.as_millisecond()),
    };
    let minutes = time.offset().seconds() / 60;
    let offset = Offset::from_seconds(minutes * 60).unwrap_or(Offset::UTC);
    (cut.unwrap_or(timestamp), offset)
}

/// `time` as a TOML offset date-time.
fn to_toml_datetime(time: &ZonedDateTime, precision: Precision) -> toml::value::Datetime {
    use toml::value::{Date, Datetime, Offset as TomlOffset, Time};
    let (timestamp, offset) = recorded(time, precision);
    let civil = offset.to_datetime(timestamp);
    Datetime {
        // A clock never gives a year outside 0–9999; clamp rather than wrap.
        date: Some(Date {
            year: u16::try_from(civil.year().clamp(0, 9999)).unwrap_or(0),
            month: civil.month().unsigned_abs(),
            day: civil.day().unsigned_abs(),
        }),
        time: Some(Time {
            hour: civil.hour().unsigned_abs(),
            minute: civil.minute().unsigned_abs(),
            second: Some(civil.second().unsigned_abs()),
            nanosecond: match civil.subsec_nanosecond() {
                0 => None,
                nanos => Some(nanos.unsigned_abs()),
            },
        }),
        offset: Some(TomlOffset::Custom {
            minutes: i16::try_from(offset.seconds() / 60).unwrap_or(0),
        }),
    }
}

/// A TOML offset date-time as a zoned time in a fixed offset; local dates,
/// times and date-times are refused because they do not name an instant.
fn from_toml_datetime(datetime: &toml::value::Datetime) -> Result<ZonedDateTime, String> {
    use toml::value::Offset as TomlOffset;
    let (Some(date), Some(time), Some(offset)) = (datetime.date, datetime.time, datetime.offset)
    else {
        return Err(crate::tr!(
            "record-time-not-full",
            time = datetime.to_string()
        ));
    };
    let minutes = match offset {
        TomlOffset::Z => 0,
        TomlOffset::Custom { minutes } => i32::from(minutes),
    };
    // `part` picks the catalog's words for what is out of range.
    let bad = |part: &str| crate::tr!("record-time-bad", time = datetime.to_string(), part = part);
    let offset = Offset::from_seconds(minutes * 60).map_err(|_| bad("offset"))?;
    let civil = jiff::civil::DateTime::new(
        i16::try_from(date.year).map_err(|_| bad("year"))?,
        i8::try_from(date.month).map_err(|_| bad("month"))?,
        i8::try_from(date.day).map_err(|_| bad("day"))?,
        i8::try_from(time.hour).map_err(|_| bad("hour"))?,
        i8::try_from(time.minute).map_err(|_| bad("minute"))?,
        i8::try_from(time.second.unwrap_or(0)).map_err(|_| bad("second"))?,
        i32::try_from(time.nanosecond.unwrap_or(0)).map_err(|_| bad("fraction"))?,
    )
    .map_err(|_| bad("date"))?;
    civil
        .to_zoned_datetime(TimeZone::fixed(offset))
        .map_err(|_| bad("range"))
}

/// The record of `visit`, its times of type `T`: what every export of
/// one visit (TOML, JSON, CSV, Markdown, the HTML debrief) is made from.
pub fn build<T: RecordTime>(visit: &Visit) -> Record<T> {
    let time = |t: &ZonedDateTime| T::from_zoned(t, Precision::Second);
    let header = &visit.header;
    let checklists = visit.checklists.iter().map(checklist_ref).collect();
    let mut observations = Vec::new();
    for at in visit.all_items() {
        let (Some((section, item)), Some(response), Some(entry)) =
            (visit.item(at), visit.response(at), visit.entry(at))
        else {
            continue;
        };
        let skipped = !visit.is_shown(at);
        let (answer, label) = match &entry.answer {
            None => (None, None),
            Some(Answer::Na) => (None, None),
            Some(Answer::Number(n)) => (Some(AnswerValue::Number(*n)), None),
            Some(Answer::Text(t)) => (Some(AnswerValue::Text(t.clone())), None),
            Some(Answer::Choice(id)) => (
                Some(AnswerValue::Text(id.clone())),
                option_label(response, id),
            ),
        };
        let points = if skipped {
            None
        } else {
            item_points(visit, at)
        };
        observations.push(Observation {
            checklist: visit.checklists[at.checklist]
                .checklist
                .checklist
                .id
                .clone(),
            section: section.id.clone(),
            item: item.id.clone(),
            prompt: item.prompt.clone(),
            answer,
            na: matches!(entry.answer, Some(Answer::Na)),
            label,
            points: points.map(|(p, _)| p),
            max: points.map(|(_, m)| m),
            exceeded: score::item_exceeded(visit, at),
            timed: entry.timed,
            within: match (&entry.answer, response) {
                (Some(Answer::Choice(id)), Response::Options(options)) => {
                    options.iter().find(|o| &o.id == id).and_then(|o| o.within)
                }
                _ => None,
            },
            unit_seconds: match response {
                Response::Number { unit, .. } => unit.and_then(crate::checklist::seconds_per_unit),
                _ => None,
            },
            at_most: match response {
                Response::Number { standard, .. } => standard.at_most,
                _ => None,
            },
            tags: item.tags.clone(),
            critical: item.is_critical(),
            integrity: item.integrity.clone(),
            skipped,
            first_at: entry.first_at.as_ref().map(&time),
            at: entry.at.as_ref().map(&time),
            note: entry.note.clone(),
        });
    }
    Record {
        format: FORMAT,
        visit: VisitTable {
            id: header.id.clone(),
            site: header.site.clone(),
            auditor: header.auditor.clone(),
            status: header.status,
            started: time(&header.started),
            updated: time(&header.updated),
            finished: match header.status {
                Status::Final => header.finished.as_ref().map(&time),
                Status::Draft => None,
            },
            note: header.note.clone(),
            tool: tool(),
            selected: match header.status {
                Status::Draft => header.selected.clone(),
                Status::Final => None,
            },
            log_sha256: match header.status {
                Status::Final => header.log_sha256.clone(),
                Status::Draft => None,
            },
        },
        checklists,
        observations,
        evidence: visit
            .evidence()
            .iter()
            .map(|e| EvidenceEntry {
                checklist: e.item.as_ref().map(|(c, _)| c.clone()),
                item: e.item.as_ref().map(|(_, i)| i.clone()),
                file: e.file.clone(),
                sha256: e.sha256.clone(),
                bytes: e.bytes,
                added: time(&e.added),
            })
            .collect(),
        timers: visit
            .timers()
            .iter()
            .filter_map(|t| {
                let (checklist, item) = visit.ids(t.at)?;
                Some(TimerEntry {
                    checklist,
                    item,
                    started: T::from_zoned(&t.started, Precision::Millisecond),
                })
            })
            .collect(),
        score: score_table(visit),
    }
}

/// `touchpoint 0.1.0`: the program that writes records.
pub fn tool() -> String {
    format!("touchpoint {}", env!("CARGO_PKG_VERSION"))
}

fn checklist_ref(loaded: &Loaded) -> ChecklistRef {
    let meta = &loaded.checklist.checklist;
    ChecklistRef {
        id: meta.id.clone(),
        title: meta.title.clone(),
        touchpoint: meta.touchpoint.clone(),
        version: meta.version.clone(),
        translation_of: meta.translation_of.clone(),
        sha256: loaded.sha256.clone(),
        source: loaded.source.to_string(),
    }
}

fn option_label(response: Response<'_>, id: &str) -> Option<String> {
    response
        .options()
        .iter()
        .find(|o| o.id == id)
        .map(|o| o.label.clone())
}

fn score_table(visit: &Visit) -> ScoreTable {
    let score = score::score(visit);
    let mut sections = Vec::new();
    for (c, loaded) in visit.checklists.iter().enumerate() {
        let checklist = &loaded.checklist;
        for (s, section) in checklist.section.iter().enumerate() {
            let percent = score.sections.get(c).and_then(|t| t.get(s)?.percent());
            if let Some(percent) = percent {
                let name = format!("{}/{}", checklist.checklist.id, section.id);
                sections.push((name, percent));
            }
        }
    }
    ScoreTable {
        percent: score.total.percent(),
        points: score.total.points,
        max: score.total.max,
        standards: score.standards.percent(),
        personal_touch: score.personal_touch().percent(),
        exceeded: score.exceeded() as u64,
        answered: score.answered as u64,
        unanswered: score.unanswered as u64,
        critical_failures: score.critical_failures.clone(),
        sections: Percents(sections),
        touchpoints: Percents(
            score
                .touchpoints
                .iter()
                .filter_map(|(name, tally)| Some((name.clone(), tally.percent()?)))
                .collect(),
        ),
        tags: Percents(
            score
                .tags
                .iter()
                .filter_map(|(name, tally)| Some((name.clone(), tally.percent()?)))
                .collect(),
        ),
    }
}

/// The record of `visit` in the TOML format of SPEC.md: every item of every
/// checklist in journey order, with its answer, times and note, then the score.
/// Times are TOML offset date-times to the second.
///
/// Serializing these types cannot fail in practice (every key is a string and
/// every value has a TOML form). Code that writes the record over the only copy
/// of a visit should still use [`try_to_toml`], which says so if it ever does;
/// this one returns a lone TOML comment then, which [`parse`] refuses.
pub fn to_toml(visit: &Visit) -> String {
    try_to_toml(visit).unwrap_or_else(|e| format!("# {e}\n"))
}

/// [`to_toml`], with the (unreachable in practice) serializer failure as an error.
pub fn try_to_toml(visit: &Visit) -> Result<String, WriteError> {
    let record = build::<toml::value::Datetime>(visit);
    toml::to_string(&record).map_err(|e| WriteError(e.to_string()))
}

/// The TOML serializer refused a record. `Display` is written by hand: the
/// message is in the interface language.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub struct WriteError(pub String);

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::tr!("record-cannot-write", error = &self.0))
    }
}

/// The JSON Schema of a record, for `touchpoint schema record` and editor
/// completion. Times are strings with `"format": "date-time"`; optional keys
/// are simply not required (TOML has no null, so none is allowed).
pub fn schema_json() -> serde_json::Value {
    let mut schema = schemars::schema_for!(Record<Stamp>).to_value();
    drop_null(&mut schema);
    schema
}

/// Takes `null` out of the schema's types: `["string", "null"]` becomes
/// `"string"`, and an `anyOf` left with one choice becomes that choice.
fn drop_null(schema: &mut serde_json::Value) {
    use serde_json::Value;
    let Value::Object(map) = schema else {
        if let Value::Array(items) = schema {
            items.iter_mut().for_each(drop_null);
        }
        return;
    };
    if let Some(Value::Array(types)) = map.get_mut("type") {
        types.retain(|t| t != "null");
        if let [only] = types.as_slice() {
            let only = only.clone();
            map.insert("type".into(), only);
        }
    }
    if let Some(Value::Array(choices)) = map.get_mut("anyOf") {
        choices.retain(|c| c.get("type").is_none_or(|t| t != "null"));
        if let [Value::Object(only)] = choices.as_slice() {
            let only = only.clone();
            map.remove("anyOf");
            for (key, value) in only {
                map.entry(key).or_insert(value);
            }
        }
    }
    map.values_mut().for_each(drop_null);
}

/// Header fields of a record as a visit [`Header`].
fn header_of(visit: &VisitTable<Stamp>) -> Header {
    Header {
        id: visit.id.clone(),
        site: visit.site.clone(),
        auditor: visit.auditor.clone(),
        status: visit.status,
        started: visit.started.0.clone(),
        updated: visit.updated.0.clone(),
        finished: visit.finished.as_ref().map(|s| s.0.clone()),
        note: visit.note.clone(),
        selected: visit.selected.clone(),
        log_sha256: visit.log_sha256.clone(),
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods, clippy::disallowed_types)]
// tests read fixtures and time themselves
mod tests;
