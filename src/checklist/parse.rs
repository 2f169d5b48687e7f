//! Reading a checklist file: TOML with spans, every rule of SPEC.md's
//! Validation paragraph, and all problems of a file reported in one pass.
//!
//! The file is walked by hand rather than through `serde` so that one mistake
//! does not hide the next: each table reports its unknown keys, wrong types and
//! broken references, and the walk goes on.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diag::{Diagnostic, MAX_PROBLEMS, Report, did_you_mean};
use super::model::{
    BUILT_IN_RESPONSES, Checklist, Choice, FORMAT, GRADE, Item, Meta, OneOrMany, ResponseSet,
    Section, ShowIf, YES_NO,
};
use crate::text::echo;
use crate::text::escaped;
use crate::text::is_control;

mod bounded;

/// Most characters of the file's own text quoted in a message: a key of a
/// megabyte must not make a message of a megabyte.
const ECHO: usize = 80;

type Value<'i> = Spanned<DeValue<'i>>;

/// Parses and validates checklist `source`, read from `path`.
///
/// A UTF-8 byte-order mark and CRLF line endings are accepted. On failure every
/// problem found is returned, in file order.
pub fn parse(path: &str, source: &str) -> Result<Checklist, Vec<Diagnostic>> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    if source.trim().is_empty() {
        return Err(vec![Diagnostic::file(
            path,
            crate::tr!("checklist-empty-file"),
        )]);
    }
    let mut report = Report::new(path, source);
    // Lexing alone bounds what the one full parse holds; `toml` keeps only
    // its first error there, and the bounded pass words the errors.
    let parsed = if bounded::too_many_tokens(source) {
        None
    } else {
        DeTable::parse(source).ok()
    };
    let root = match parsed {
        Some(root) => root,
        None => match syntax_problems(&mut report, source) {
            Some(root) => root,
            None => return Err(report.finish()),
        },
    };
    let whole = root.span();
    let checklist = Walker {
        report: &mut report,
    }
    .checklist(root.get_ref(), whole);
    match checklist {
        Some(checklist) if report.is_empty() => Ok(checklist),
        _ => Err(report.finish()),
    }
}

/// Finds the syntax errors of a file that did not parse, within bounds: the
/// bounded pass first, then `toml`'s own recovery for what only it finds
/// (a key defined twice). Returns the table if neither finds one.
fn syntax_problems<'s>(report: &mut Report<'_>, source: &'s str) -> Option<Spanned<DeTable<'s>>> {
    let first = bounded::check(source);
    if !first.errors.is_empty() || first.too_many_tokens {
        syntax_errors(report, source, first.errors);
        // Past the cap, "stopped after the first 100 problems" says enough.
        if first.too_many_tokens && !report.is_full() {
            report.note(crate::tr!(
                "checklist-too-many-tokens",
                most = bounded::MAX_TOKENS.to_string()
            ));
        }
        return None;
    }
    let (root, syntax) = DeTable::parse_recoverable(source);
    if syntax.is_empty() {
        return Some(root);
    }
    let errors = syntax
        .iter()
        .map(|e| {
            let at = e.span().map_or(0, |span| span.start);
            (at, e.message().trim_end().to_owned())
        })
        .collect();
    syntax_errors(report, source, errors);
    None
}

/// Reports TOML syntax errors in words a checklist author can act on, the
/// first of each line only: after an error the parser's recovery often adds
/// echoes of it further along the line.
///
/// A raw control character (pasted terminal output, an old Mac line ending)
/// makes the TOML parser complain about the string or line around it; naming
/// the character is clearer, so such lines get that message instead.
///
/// Bounded whatever the file: control characters are looked for only up to
/// the line where more lines have problems than can be shown, and lines are
/// counted in one pass.
fn syntax_errors(report: &mut Report<'_>, source: &str, errors: Vec<(usize, String)>) {
    enum Found {
        Control(char),
        LoneCr,
        Toml(String),
    }
    let bytes = source.as_bytes();
    let mut found: Vec<(usize, Found)> = Vec::new();
    let mut line_start = 0;
    let mut last_damaged = usize::MAX;
    let mut damaged = 0;
    for (at, c) in source.char_indices() {
        if c == '\n' {
            line_start = at + 1;
            continue;
        }
        let hit = if c == '\r' {
            (bytes.get(at + 1) != Some(&b'\n')).then_some(Found::LoneCr)
        } else {
            (c.is_ascii_control() && c != '\t').then_some(Found::Control(c))
        };
        // Only the first of a line is shown.
        if let Some(hit) = hit
            && line_start != last_damaged
        {
            damaged += 1;
            if damaged > MAX_PROBLEMS + 1 {
                break;
            }
            last_damaged = line_start;
            found.push((at, hit));
        }
    }
    found.extend(errors.into_iter().map(|(at, m)| (at, Found::Toml(m))));
    // Stable, so that a control character wins over a TOML error at the same place.
    found.sort_by_key(|(at, _)| *at);
    // Line numbers in one walk over the sorted offsets.
    let mut lines = Vec::with_capacity(found.len());
    let (mut line, mut counted) = (1, 0);
    for (at, _) in &found {
        let at = (*at).min(bytes.len());
        line += bytes[counted..at].iter().filter(|&&b| b == b'\n').count();
        counted = at;
        lines.push(line);
    }
    let damaged_lines: HashSet<usize> = found
        .iter()
        .zip(&lines)
        .filter(|((_, what), _)| !matches!(what, Found::Toml(_)))
        .map(|(_, line)| *line)
        .collect();

    let mut last_line = 0;
    for ((at, what), line) in found.into_iter().zip(lines) {
        if line == last_line {
            continue;
        }
        if matches!(what, Found::Toml(_)) && damaged_lines.contains(&line) {
            continue;
        }
        last_line = line;
        if report.is_full() {
            report.stop();
            break;
        }
        let message = match what {
            Found::LoneCr => crate::tr!("checklist-lone-cr"),
            Found::Control(c) => crate::tr!("checklist-control-in-file", char = control_name(c)),
            Found::Toml(message) => toml_message(source, at, &message),
        };
        report.error(at..at, message);
    }
}

/// The TOML parser's `message` at byte `at`, reworded where it can say more.
fn toml_message(source: &str, at: usize, message: &str) -> String {
    match message {
        "duplicate key" => duplicate_key(source, at),
        "string values must be quoted, expected literal string" => {
            let rest = source.get(at..).unwrap_or("");
            let found = rest.split('\n').next().unwrap_or("").trim();
            if found.is_empty() || found.starts_with('#') {
                crate::tr!("checklist-toml-missing-value")
            } else {
                let found: String = found.chars().take(40).collect();
                let found = escaped(found.trim_end());
                crate::tr!("checklist-toml-not-a-value", found = found)
            }
        }
        // `\u{22}` is a double quote, written so that tests/catalogs.rs,
        // which finds message ids between quotes, keeps its count of them.
        "invalid basic string, expected `\u{22}`" => crate::tr!("checklist-toml-unclosed-string"),
        _ => crate::tr!(
            "checklist-toml-syntax",
            message = crate::toml_words::toml_message(message)
        ),
    }
}

/// A control character as `U+001B (escape)`, named when it has a common name.
fn control_name(c: char) -> String {
    let name = match c {
        '\0' => "nul",
        '\u{7}' => "bell",
        '\u{8}' => "backspace",
        '\r' => "cr",
        '\u{1b}' => "escape",
        '\u{7f}' => "delete",
        _ => "",
    };
    let code = format!("{:04X}", c as u32);
    if name.is_empty() {
        crate::tr!("checklist-control-char", code = code)
    } else {
        crate::tr!("checklist-control-char-named", code = code, name = name)
    }
}

/// The message for a key set twice, naming the key.
fn duplicate_key(source: &str, at: usize) -> String {
    let rest = source.get(at..).unwrap_or("");
    let key: String = match rest.chars().next() {
        Some(quote @ ('\u{22}' | '\'')) => rest[1..]
            .chars()
            .take_while(|c| *c != quote)
            .take(ECHO + 1)
            .collect(),
        _ => rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .take(ECHO + 1)
            .collect(),
    };
    let before = source.get(..at).unwrap_or("");
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let header = source[line_start..].trim_start();
    if key == "section" && header.starts_with('[') && !header.starts_with("[[") {
        return crate::tr!("checklist-section-after-sections");
    }
    if key.is_empty() {
        return crate::tr!("checklist-toml-defined-twice");
    }
    let key = echo(&key, ECHO);
    if header.starts_with('[') {
        crate::tr!("checklist-toml-table-twice", key = key)
    } else {
        crate::tr!("checklist-toml-key-twice", key = key)
    }
}

/// Whether `id` has the syntax of an id: `[a-z0-9][a-z0-9-]*`, at most 64 characters.
pub fn is_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some('a'..='z' | '0'..='9'))
        && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '-'))
        && id.len() <= 64
}

/// Whether `tag` looks like a BCP 47 language tag (`en`, `ru`, `pt-BR`, `zh-Hant-TW`).
fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary_ok = parts
        .next()
        .is_some_and(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    primary_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// A number as the file wrote it (without `_` separators).
fn literal(value: &DeValue<'_>) -> String {
    match value {
        DeValue::Integer(i) => match i.radix() {
            16 => format!("0x{}", i.as_str()),
            8 => format!("0o{}", i.as_str()),
            2 => format!("0b{}", i.as_str()),
            _ => i.as_str().to_owned(),
        },
        DeValue::Float(f) => f.as_str().to_owned(),
        other => kind_words(type_name(other)),
    }
}

/// The kind of a value, as [`kind_words`] takes it.
fn type_name(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "string",
        DeValue::Integer(_) => "integer",
        DeValue::Float(_) => "float",
        DeValue::Boolean(_) => "boolean",
        DeValue::Datetime(_) => "datetime",
        DeValue::Array(_) => "array",
        DeValue::Table(_) => "table",
    }
}

/// A kind of value in words ("a string"): `kind` is a [`type_name`], or
/// `number`, `true-false` or `option-ids` for what a key wants.
fn kind_words(kind: &str) -> String {
    crate::tr!("checklist-type", kind = kind)
}

/// What a value is, in words, for a message: `what` is the English name the
/// walk gives it ("checklist id"), or a key or table of the file as written.
/// Looked up only when a message is made.
fn what_words(what: &str) -> String {
    let known = match what {
        "tag" => "tag",
        "tag label" => "tag-label",
        "checklist id" => "checklist-id",
        "checklist title" => "checklist-title",
        "response name" => "response-name",
        "option id" => "option-id",
        "option label" => "option-label",
        "a [[section]]" => "section",
        "section id" => "section-id",
        "section title" => "section-title",
        "a [[section.item]]" => "item",
        "item id" => "item-id",
        "show_if item" => "show-if-item",
        "show_if is" => "show-if-is",
        _ => "other",
    };
    crate::tr!("checklist-what", what = known, key = what, name = "")
}

/// A table of the format, as messages name where a key stands.
#[derive(Clone, Copy)]
enum Place<'n> {
    Top,
    Checklist,
    /// `[responses.NAME]`.
    Set(&'n str),
    /// An option of `[responses.NAME]`.
    Option(&'n str),
    Section,
    Item,
    ShowIf,
}

impl Place<'_> {
    fn parts(self) -> (&'static str, String) {
        match self {
            Place::Top => ("top", String::new()),
            Place::Checklist => ("checklist", String::new()),
            Place::Set(name) => ("set", echo(name, ECHO)),
            Place::Option(name) => ("option", echo(name, ECHO)),
            Place::Section => ("section", String::new()),
            Place::Item => ("item", String::new()),
            Place::ShowIf => ("show-if", String::new()),
        }
    }

    /// The place in words: "[checklist]", "the top level"; in Russian with
    /// its preposition, «в [checklist]».
    fn words(self) -> String {
        let (place, name) = self.parts();
        crate::tr!("checklist-place", place = place, name = name)
    }

    /// The table as the subject of a message: "an option of [responses.x]".
    fn what(self) -> String {
        let (what, name) = self.parts();
        crate::tr!("checklist-what", what = what, key = "", name = name)
    }
}

/// Keys of one table, taken one by one; whatever is left is unknown.
///
/// The table is walked once when made; a key is then taken by its place in
/// `allowed`, found when compiling ([`key!`]), so taking one is an index,
/// not a search of the table or of the list.
struct Fields<'t, 'i> {
    table: &'t DeTable<'i>,
    span: Range<usize>,
    allowed: &'static [&'static str],
    /// `found[n]`: the value of `allowed[n]`, when the table has it.
    found: [Option<&'t Value<'i>>; MAX_KEYS],
    /// Bit `n` set: the table has `allowed[n]`.
    present: u32,
    /// Bit `n` set: `allowed[n]` was taken.
    taken: u32,
    /// Every key of the table is in `allowed`.
    all_allowed: bool,
}

/// Most keys a table of the format allows (an item has 15).
const MAX_KEYS: usize = 16;

/// The place of key `$key` in the list `$keys` of a table's allowed keys,
/// found when compiling: a key not in the list does not build.
macro_rules! key {
    ($keys:expr, $key:literal) => {
        const { place($keys, $key) }
    };
}

/// Place of `key` in `keys`, for [`key!`].
const fn place(keys: &[&str], key: &str) -> usize {
    let mut n = 0;
    while n < keys.len() && n < MAX_KEYS {
        if keys[n].len() == key.len() {
            let (a, b) = (keys[n].as_bytes(), key.as_bytes());
            let mut i = 0;
            while i < a.len() && a[i] == b[i] {
                i += 1;
            }
            if i == a.len() {
                return n;
            }
        }
        n += 1;
    }
    panic!("the key is not in the table's list of allowed keys");
}

impl<'t, 'i> Fields<'t, 'i> {
    fn new(table: &'t DeTable<'i>, span: Range<usize>, allowed: &'static [&'static str]) -> Self {
        debug_assert!(allowed.len() <= MAX_KEYS);
        let mut found = [None; MAX_KEYS];
        let (mut present, mut matched) = (0, 0);
        for (key, value) in table.iter() {
            if let Some(n) = slot(allowed, key.get_ref()) {
                found[n] = Some(value);
                present |= 1 << n;
                matched += 1;
            }
        }
        Fields {
            table,
            span,
            allowed,
            found,
            present,
            taken: 0,
            all_allowed: matched == table.len(),
        }
    }

    /// Takes the key at place `n` of `allowed` (see [`key!`]).
    fn get(&mut self, n: usize) -> Option<&'t Value<'i>> {
        self.taken |= 1 << n;
        self.found[n]
    }

    /// Whether the table has the key at place `n`, without taking it.
    fn has(&self, n: usize) -> bool {
        self.found[n].is_some()
    }

    /// Whether `name` is an allowed key that was taken.
    fn was_taken(&self, name: &str) -> bool {
        slot(self.allowed, name).is_some_and(|n| self.taken & (1 << n) != 0)
    }

    /// Whether every key of the table was taken, so none is unknown: the
    /// common case, answered without looking at the keys again.
    fn all_taken(&self) -> bool {
        self.all_allowed && self.present & !self.taken == 0
    }
}

/// Place of `key` in `allowed`, if it is there.
fn slot(allowed: &[&str], key: &str) -> Option<usize> {
    allowed
        .iter()
        .position(|k| *k == key)
        .filter(|n| *n < MAX_KEYS)
}

struct Walker<'r, 'a> {
    report: &'r mut Report<'a>,
}

impl Walker<'_, '_> {
    /// Whether to stop walking: enough problems are known to fill a report.
    fn full(&mut self) -> bool {
        if self.report.is_full() {
            self.report.stop();
        }
        self.report.is_full()
    }

    /// Reports the keys of `fields` that were never taken, with a near match;
    /// whether there were none.
    fn unknown_keys(&mut self, fields: &Fields<'_, '_>, place: Place<'_>) -> bool {
        if fields.all_taken() {
            return true;
        }
        let mut clean = true;
        for (key, _) in fields.table.iter() {
            let name = key.get_ref().as_ref();
            if fields.was_taken(name) {
                continue;
            }
            clean = false;
            let hint = match did_you_mean(name, fields.allowed) {
                Some(near) => crate::tr!("checklist-hint-did-you-mean", near = near),
                None => crate::tr!(
                    "checklist-hint-may-hold",
                    place = place.words(),
                    keys = list(fields.allowed),
                    count = fields.allowed.len()
                ),
            };
            self.report.error(
                key.span(),
                crate::tr!(
                    "checklist-unknown-key",
                    key = echo(name, ECHO),
                    place = place.words(),
                    hint = hint
                ),
            );
        }
        clean
    }

    fn required<'t, 'i>(
        &mut self,
        fields: &mut Fields<'t, 'i>,
        n: usize,
        place: Place<'_>,
        example: &str,
    ) -> Option<&'t Value<'i>> {
        let value = fields.get(n);
        let key = fields.allowed[n];
        // A misspelling of the key ("promt") is reported as an unknown key with
        // "did you mean"; saying that the key is missing as well would be noise.
        let misspelt = || {
            fields.table.iter().any(|(other, _)| {
                let other = other.get_ref().as_ref();
                !fields.allowed.contains(&other) && did_you_mean(other, fields.allowed) == Some(key)
            })
        };
        if value.is_none() && !misspelt() {
            self.report.error(
                fields.span.clone(),
                crate::tr!(
                    "checklist-missing-key",
                    place = place.words(),
                    key = key,
                    example = example
                ),
            );
        }
        value
    }

    fn string(&mut self, value: &Value<'_>, what: &str) -> Option<String> {
        let DeValue::String(text) = value.get_ref() else {
            self.wrong_type(value, what, "string");
            return None;
        };
        // Most text has no control character at all: one pass that the
        // compiler vectorises says so, and the text is copied as it is.
        if !may_hold_control(text.as_bytes()) {
            return Some(text.to_string());
        }
        // A file saved on Windows may carry CRLF inside multi-line strings.
        let text = if text.contains('\r') {
            text.replace("\r\n", "\n")
        } else {
            text.to_string()
        };
        if let Some(bad) = first_forbidden(&text) {
            self.report.error(
                value.span(),
                crate::tr!(
                    "checklist-text-control",
                    what = what_words(what),
                    char = control_name(bad)
                ),
            );
            return None;
        }
        Some(text)
    }

    fn non_empty(&mut self, value: &Value<'_>, what: &str) -> Option<String> {
        let text = self.string(value, what)?;
        if text.trim().is_empty() {
            self.report.error(
                value.span(),
                crate::tr!("checklist-text-empty", what = what_words(what)),
            );
            return None;
        }
        Some(text)
    }

    fn id(&mut self, value: &Value<'_>, what: &str) -> Option<String> {
        let text = self.string(value, what)?;
        self.check_id(&text, value.span(), what).then_some(text)
    }

    fn check_id(&mut self, text: &str, span: Range<usize>, what: &str) -> bool {
        if is_id(text) {
            return true;
        }
        if text.is_empty() {
            self.report.error(
                span,
                crate::tr!("checklist-id-empty", what = what_words(what)),
            );
            return false;
        }
        let syntax_ok = text
            .chars()
            .all(|c| matches!(c, 'a'..='z' | '0'..='9' | '-'))
            && !text.starts_with('-');
        let why = if syntax_ok {
            crate::tr!("checklist-id-too-long", count = text.chars().count())
        } else {
            crate::tr!("checklist-id-bad-syntax")
        };
        let suggestion: String = text
            .to_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let suggestion = suggestion.trim_matches('-');
        let hint = if is_id(suggestion) {
            crate::tr!("checklist-id-hint", suggestion = suggestion)
        } else {
            String::new()
        };
        self.report.error(
            span,
            crate::tr!(
                "checklist-bad-id",
                what = what_words(what),
                id = echo(text, ECHO),
                why = why,
                hint = hint
            ),
        );
        false
    }

    fn number(&mut self, value: &Value<'_>, what: &str) -> Option<f64> {
        let number = match value.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .ok()
                .map(|n| n as f64),
            // A literal such as 1e400 overflows to infinity; only `inf` means it.
            DeValue::Float(f) => f
                .as_str()
                .replace('_', "")
                .parse::<f64>()
                .ok()
                .filter(|n| !n.is_infinite() || f.as_str().contains("inf")),
            _ => {
                self.wrong_type(value, what, "number");
                return None;
            }
        };
        if number.is_none() {
            self.report.error(
                value.span(),
                crate::tr!(
                    "checklist-number-too-large",
                    what = what_words(what),
                    number = literal(value.get_ref())
                ),
            );
        }
        number
    }

    fn non_negative(&mut self, value: &Value<'_>, what: &str) -> Option<f64> {
        let number = self.number(value, what)?;
        if !number.is_finite() || number < 0.0 {
            self.report.error(
                value.span(),
                crate::tr!(
                    "checklist-not-non-negative",
                    what = what_words(what),
                    number = literal(value.get_ref())
                ),
            );
            return None;
        }
        Some(number)
    }

    fn positive(&mut self, value: &Value<'_>, what: &str) -> Option<f64> {
        let number = self.number(value, what)?;
        if !number.is_finite() || number <= 0.0 {
            self.report.error(
                value.span(),
                crate::tr!(
                    "checklist-not-positive-seconds",
                    what = what_words(what),
                    number = literal(value.get_ref())
                ),
            );
            return None;
        }
        Some(number)
    }

    fn finite(&mut self, value: &Value<'_>, what: &str) -> Option<f64> {
        let number = self.number(value, what)?;
        if !number.is_finite() {
            self.report.error(
                value.span(),
                crate::tr!(
                    "checklist-not-finite",
                    what = what_words(what),
                    number = literal(value.get_ref())
                ),
            );
            return None;
        }
        Some(number)
    }

    fn boolean(&mut self, value: &Value<'_>, what: &str) -> Option<bool> {
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(value, what, "true-false");
                None
            }
        }
    }

    fn table<'v, 'i>(&mut self, value: &'v Value<'i>, what: &str) -> Option<&'v DeTable<'i>> {
        match value.get_ref() {
            DeValue::Table(table) => Some(table),
            _ => {
                self.wrong_type(value, what, "table");
                None
            }
        }
    }

    fn array<'v, 'i>(&mut self, value: &'v Value<'i>, what: &str) -> Option<&'v [Value<'i>]> {
        match value.get_ref() {
            DeValue::Array(array) => Some(&array[..]),
            _ => {
                self.wrong_type(value, what, "array");
                None
            }
        }
    }

    /// Reports that `value` is not of kind `wanted` (see [`kind_words`]).
    fn wrong_type(&mut self, value: &Value<'_>, what: &str, wanted: &str) {
        self.wrong_type_words(value, what_words(what), wanted);
    }

    fn wrong_type_words(&mut self, value: &Value<'_>, what: String, wanted: &str) {
        self.report.error(
            value.span(),
            crate::tr!(
                "checklist-wrong-type",
                what = what,
                wanted = kind_words(wanted),
                found = kind_words(type_name(value.get_ref()))
            ),
        );
    }

    fn checklist(&mut self, root: &DeTable<'_>, whole: Range<usize>) -> Option<Checklist> {
        const KEYS: &[&str] = &["format", "checklist", "responses", "tags", "section"];
        let mut fields = Fields::new(root, 0..0, KEYS);

        let format = fields
            .get(key!(KEYS, "format"))
            .and_then(|v| self.format(v));
        let meta = match fields.get(key!(KEYS, "checklist")) {
            Some(value) => self.meta(value),
            None => {
                self.report
                    .error(0..0, crate::tr!("checklist-no-checklist-table"));
                None
            }
        };
        let responses = match fields.get(key!(KEYS, "responses")) {
            Some(value) => self.responses(value),
            None => Some(BTreeMap::new()),
        };
        // Names of sets that exist, even if broken, so that items using them
        // do not report a second, misleading error.
        let declared: HashSet<String> = fields
            .table
            .get("responses")
            .and_then(|v| v.get_ref().as_table())
            .map(|t| t.iter().map(|(k, _)| k.get_ref().to_string()).collect())
            .unwrap_or_default();
        let tags = match fields.get(key!(KEYS, "tags")) {
            Some(value) => self.tag_labels(value),
            None => Some(BTreeMap::new()),
        };
        let sets = responses.clone().unwrap_or_default();
        let sections = match fields.get(key!(KEYS, "section")) {
            Some(value) => self.sections(value, &sets, &declared),
            None => {
                self.report
                    .error(whole.end..whole.end, crate::tr!("checklist-no-sections"));
                None
            }
        };
        self.unknown_keys(&fields, Place::Top);

        Some(Checklist {
            format,
            checklist: meta?,
            responses: responses?,
            tags: tags?,
            section: sections?,
        })
    }

    /// `[tags]`: a label for each tag id, as screens and documents name it.
    fn tag_labels(&mut self, value: &Value<'_>) -> Option<BTreeMap<String, String>> {
        let table = self.table(value, "[tags]")?;
        let mut labels = BTreeMap::new();
        let mut ok = true;
        for (key, value) in table.iter() {
            if self.full() {
                return None;
            }
            let tag = key.get_ref().as_ref();
            if !self.check_id(tag, key.span(), "tag") {
                ok = false;
                continue;
            }
            match self.non_empty(value, "tag label") {
                Some(label) if label.contains('\n') => {
                    self.report
                        .error(value.span(), crate::tr!("checklist-tag-label-one-line"));
                    ok = false;
                }
                Some(label) => {
                    labels.insert(tag.to_owned(), label);
                }
                None => ok = false,
            }
        }
        ok.then_some(labels)
    }

    fn format(&mut self, value: &Value<'_>) -> Option<u32> {
        let DeValue::Integer(raw) = value.get_ref() else {
            self.wrong_type(value, "format", "integer");
            return None;
        };
        match i64::from_str_radix(raw.as_str(), raw.radix()) {
            Ok(n) if n == i64::from(FORMAT) => Some(FORMAT),
            Ok(n) if n > i64::from(FORMAT) => {
                self.report.error(
                    value.span(),
                    crate::tr!(
                        "checklist-format-newer",
                        found = n.to_string(),
                        format = FORMAT.to_string()
                    ),
                );
                None
            }
            _ => {
                self.report.error(
                    value.span(),
                    crate::tr!(
                        "checklist-format-wrong",
                        format = FORMAT.to_string(),
                        found = raw.as_str()
                    ),
                );
                None
            }
        }
    }

    fn meta(&mut self, value: &Value<'_>) -> Option<Meta> {
        const KEYS: &[&str] = &[
            "id",
            "title",
            "touchpoint",
            "version",
            "language",
            "journey",
            "journey_title",
            "description",
            "translation_of",
        ];
        if let DeValue::Array(_) = value.get_ref() {
            self.report
                .error(value.span(), crate::tr!("checklist-single-table"));
            return None;
        }
        let table = self.table(value, "[checklist]")?;
        let mut f = Fields::new(table, value.span(), KEYS);
        let place = Place::Checklist;
        let id = self
            .required(&mut f, key!(KEYS, "id"), place, "\"hotel-check-in\"")
            .and_then(|v| self.id(v, "checklist id"));
        let title = self
            .required(&mut f, key!(KEYS, "title"), place, "\"Hotel check-in\"")
            .and_then(|v| self.non_empty(v, "checklist title"));
        let touchpoint = self
            .required(&mut f, key!(KEYS, "touchpoint"), place, "\"check-in\"")
            .and_then(|v| self.id(v, "touchpoint"));
        let version = f
            .get(key!(KEYS, "version"))
            .map(|v| self.string(v, "version"));
        let language = f.get(key!(KEYS, "language")).map(|v| {
            let tag = self.string(v, "language")?;
            if is_language_tag(&tag) {
                Some(tag)
            } else {
                self.report
                    .error(v.span(), crate::tr!("checklist-bad-language", tag = tag));
                None
            }
        });
        let journey = f.get(key!(KEYS, "journey")).map(|v| self.id(v, "journey"));
        let journey_title = f
            .get(key!(KEYS, "journey_title"))
            .map(|v| self.non_empty(v, "journey title"));
        let description = f
            .get(key!(KEYS, "description"))
            .map(|v| self.string(v, "description"));
        let translation_of = f
            .get(key!(KEYS, "translation_of"))
            .map(|v| self.id(v, "translation_of"));
        self.unknown_keys(&f, place);
        Some(Meta {
            id: id?,
            title: title?,
            touchpoint: touchpoint?,
            version: optional(version)?,
            language: optional(language)?,
            journey: optional(journey)?,
            journey_title: optional(journey_title)?,
            description: optional(description)?,
            translation_of: optional(translation_of)?,
        })
    }

    fn responses(&mut self, value: &Value<'_>) -> Option<BTreeMap<String, ResponseSet>> {
        let table = self.table(value, "[responses]")?;
        let mut sets = BTreeMap::new();
        let mut ok = true;
        for (key, value) in table.iter() {
            if self.full() {
                return None;
            }
            let name = key.get_ref().as_ref();
            if BUILT_IN_RESPONSES.contains(&name) {
                self.report.error(
                    key.span(),
                    crate::tr!("checklist-built-in-response", name = echo(name, ECHO)),
                );
                ok = false;
                continue;
            }
            if !self.check_id(name, key.span(), "response name") {
                ok = false;
                continue;
            }
            match self.response_set(name, value) {
                Some(set) => {
                    sets.insert(name.to_owned(), set);
                }
                None => ok = false,
            }
        }
        ok.then_some(sets)
    }

    fn response_set(&mut self, name: &str, value: &Value<'_>) -> Option<ResponseSet> {
        const KEYS: &[&str] = &["options"];
        let place = Place::Set(name);
        let DeValue::Table(table) = value.get_ref() else {
            self.wrong_type_words(value, place.what(), "table");
            return None;
        };
        let mut f = Fields::new(table, value.span(), KEYS);
        let options = self
            .required(
                &mut f,
                key!(KEYS, "options"),
                place,
                "[{ id = \"yes\", label = \"Yes\", score = 1 }]",
            )
            .and_then(|v| Some((v, self.array(v, "options")?)));
        self.unknown_keys(&f, place);
        let (options_value, options) = options?;
        if options.is_empty() {
            self.report.error(
                options_value.span(),
                crate::tr!("checklist-set-no-options", place = place.words()),
            );
            return None;
        }
        if options.len() > 9 {
            self.report.error(
                options_value.span(),
                crate::tr!(
                    "checklist-set-too-many-options",
                    place = place.words(),
                    count = options.len()
                ),
            );
        }
        let mut choices = Vec::new();
        let mut seen = HashSet::new();
        let mut ok = true;
        for option in options {
            if self.full() {
                return None;
            }
            match self.choice(option, name) {
                Some(choice) => {
                    if !seen.insert(choice.id.clone()) {
                        self.report.error(
                            option.span(),
                            crate::tr!(
                                "checklist-option-twice",
                                id = &choice.id,
                                place = place.words()
                            ),
                        );
                        ok = false;
                    }
                    choices.push(choice);
                }
                None => ok = false,
            }
        }
        let scored = choices.iter().filter(|c| c.score.is_some()).count();
        if ok && scored != 0 && scored != choices.len() {
            self.report.error(
                options_value.span(),
                crate::tr!("checklist-set-mixed-scores", place = place.words()),
            );
            ok = false;
        }
        if ok {
            ok = self.timed_set(place, options_value, options, &choices, scored != 0);
        }
        (ok && choices.len() <= 9).then_some(ResponseSet { options: choices })
    }

    /// The rules of `exceeds` and `within` over a whole set: `exceeds` only
    /// where there are scores; `within` rising in the set's order, and at
    /// most one option without it (the answer for "longer than all").
    fn timed_set(
        &mut self,
        place: Place<'_>,
        options_value: &Value<'_>,
        options: &[Value<'_>],
        choices: &[Choice],
        scored: bool,
    ) -> bool {
        let span_of = |n: usize, key: &str| {
            options[n]
                .get_ref()
                .as_table()
                .and_then(|t| t.get(key))
                .map_or(options[n].span(), |v| v.span())
        };
        let mut ok = true;
        if !scored {
            for (n, _) in choices.iter().enumerate().filter(|(_, c)| c.exceeds()) {
                self.report.error(
                    span_of(n, "exceeds"),
                    crate::tr!("checklist-exceeds-unscored", place = place.words()),
                );
                ok = false;
            }
        }
        if choices.iter().all(|c| c.within.is_none()) {
            return ok;
        }
        let mut previous: Option<(f64, &str)> = None;
        for (n, choice) in choices.iter().enumerate() {
            let Some(within) = choice.within else {
                continue;
            };
            if let Some((before, id)) = previous
                && within <= before
            {
                self.report.error(
                    span_of(n, "within"),
                    crate::tr!(
                        "checklist-within-order",
                        within = within.to_string(),
                        id = &choice.id,
                        before = before.to_string(),
                        previous = id
                    ),
                );
                ok = false;
            }
            previous = Some((within, &choice.id));
        }
        let open: Vec<&str> = choices
            .iter()
            .filter(|c| c.within.is_none())
            .map(|c| c.id.as_str())
            .collect();
        if open.len() > 1 {
            self.report.error(
                options_value.span(),
                crate::tr!(
                    "checklist-within-open",
                    place = place.words(),
                    ids = list(&open)
                ),
            );
            ok = false;
        }
        ok
    }

    fn choice(&mut self, value: &Value<'_>, set: &str) -> Option<Choice> {
        const KEYS: &[&str] = &["id", "label", "score", "exceeds", "within"];
        let what = Place::Option(set);
        let DeValue::Table(table) = value.get_ref() else {
            self.wrong_type_words(value, what.what(), "table");
            return None;
        };
        let mut f = Fields::new(table, value.span(), KEYS);
        let id = self
            .required(&mut f, key!(KEYS, "id"), what, "\"fast\"")
            .and_then(|v| self.id(v, "option id"));
        let label = self
            .required(&mut f, key!(KEYS, "label"), what, "\"Under a minute\"")
            .and_then(|v| self.non_empty(v, "option label"));
        let score = f
            .get(key!(KEYS, "score"))
            .map(|v| self.non_negative(v, "score"));
        let exceeds = f
            .get(key!(KEYS, "exceeds"))
            .map(|v| self.boolean(v, "exceeds"));
        let within = f
            .get(key!(KEYS, "within"))
            .map(|v| self.positive(v, "within"));
        // An option with a misspelt key ("scor") is broken, so that the set is
        // not also reported as mixing scored and unscored options.
        if !self.unknown_keys(&f, what) {
            return None;
        }
        Some(Choice {
            id: id?,
            label: label?,
            score: optional(score)?,
            exceeds: optional(exceeds)?,
            within: optional(within)?,
        })
    }

    fn sections<'s, 'i>(
        &mut self,
        value: &'s Value<'i>,
        sets: &BTreeMap<String, ResponseSet>,
        declared: &HashSet<String>,
    ) -> Option<Vec<Section>> {
        let DeValue::Array(array) = value.get_ref() else {
            self.report.error(
                value.span(),
                crate::tr!(
                    "checklist-section-not-array",
                    found = kind_words(type_name(value.get_ref()))
                ),
            );
            return None;
        };
        if array.is_empty() {
            self.report
                .error(value.span(), crate::tr!("checklist-no-sections-short"));
            return None;
        }
        let items: usize = array
            .iter()
            .filter_map(|s| s.get_ref().as_table()?.get("item")?.get_ref().as_array())
            .map(|items| items.len())
            .sum();
        let mut context = ItemContext {
            sets,
            declared,
            sections: array,
            seen: HashMap::with_capacity(items),
            position: 0,
        };
        let mut section_ids = HashMap::new();
        let mut sections = Vec::new();
        let mut ok = true;
        for section in array.iter() {
            if self.full() {
                return None;
            }
            match self.section(section, &mut section_ids, &mut context) {
                Some(section) => sections.push(section),
                None => ok = false,
            }
        }
        ok.then_some(sections)
    }

    fn section<'s, 'i>(
        &mut self,
        value: &'s Value<'i>,
        ids: &mut HashMap<String, usize>,
        context: &mut ItemContext<'s, 'i>,
    ) -> Option<Section> {
        const KEYS: &[&str] = &["id", "title", "description", "item"];
        let table = self.table(value, "a [[section]]")?;
        let mut f = Fields::new(table, value.span(), KEYS);
        let place = Place::Section;
        let id = self
            .required(&mut f, key!(KEYS, "id"), place, "\"desk\"")
            .and_then(|v| {
                let id = self.id(v, "section id")?;
                if let Some(first) = ids.get(&id) {
                    let line = self.report.line_of(*first);
                    self.report.error(
                        v.span(),
                        crate::tr!(
                            "checklist-section-id-twice",
                            id = &id,
                            line = line.to_string()
                        ),
                    );
                    return None;
                }
                ids.insert(id.clone(), v.span().start);
                Some(id)
            });
        let title = self
            .required(&mut f, key!(KEYS, "title"), place, "\"At the front desk\"")
            .and_then(|v| self.non_empty(v, "section title"));
        let description = f
            .get(key!(KEYS, "description"))
            .map(|v| self.string(v, "description"));
        // Named only in a message, so looked up only then.
        let name = || {
            table
                .get("id")
                .and_then(|v| v.get_ref().as_str())
                .map_or_else(
                    || crate::tr!("checklist-section-without-id"),
                    |id| crate::tr!("checklist-section-named", id = escaped(id)),
                )
        };
        let items = match f.get(key!(KEYS, "item")) {
            Some(value) => match value.get_ref() {
                DeValue::Array(array) if !array.is_empty() => {
                    let mut items = Vec::new();
                    let mut ok = true;
                    for item in array.iter() {
                        if self.full() {
                            return None;
                        }
                        match self.item(item, context) {
                            Some(item) => items.push(item),
                            None => ok = false,
                        }
                    }
                    ok.then_some(items)
                }
                DeValue::Array(_) => {
                    self.report.error(
                        value.span(),
                        crate::tr!("checklist-section-no-items", name = name()),
                    );
                    None
                }
                other => {
                    self.report.error(
                        value.span(),
                        crate::tr!(
                            "checklist-item-not-array",
                            found = kind_words(type_name(other))
                        ),
                    );
                    None
                }
            },
            None => {
                self.report.error(
                    value.span(),
                    crate::tr!("checklist-section-no-items-after", name = name()),
                );
                None
            }
        };
        self.unknown_keys(&f, place);
        Some(Section {
            id: id?,
            title: title?,
            description: optional(description)?,
            item: items?,
        })
    }

    fn item<'s, 'i>(
        &mut self,
        value: &'s Value<'i>,
        context: &mut ItemContext<'s, 'i>,
    ) -> Option<Item> {
        const KEYS: &[&str] = &[
            "id",
            "prompt",
            "guidance",
            "response",
            "weight",
            "critical",
            "na",
            "tags",
            "show_if",
            "unit",
            "min",
            "max",
            "at_most",
            "at_least",
            "integrity",
        ];
        let position = context.position;
        context.position += 1;
        let table = self.table(value, "a [[section.item]]")?;
        let mut f = Fields::new(table, value.span(), KEYS);
        let place = Place::Item;
        let id = self
            .required(&mut f, key!(KEYS, "id"), place, "\"greeted-by-name\"")
            .and_then(|v| {
                let id = self.id(v, "item id")?;
                if let Some(first) = context.seen.get(id.as_str()) {
                    let line = self.report.line_of(first.at);
                    self.report.error(
                        v.span(),
                        crate::tr!("checklist-item-id-twice", id = &id, line = line.to_string()),
                    );
                    return None;
                }
                Some((id, v))
            });
        let prompt = self
            .required(
                &mut f,
                key!(KEYS, "prompt"),
                place,
                "\"Agent used the guest's name\"",
            )
            .and_then(|v| self.non_empty(v, "prompt"));
        let guidance = f
            .get(key!(KEYS, "guidance"))
            .map(|v| self.string(v, "guidance"));

        // The response decides which other keys make sense.
        let response_value = f.get(key!(KEYS, "response"));
        let response: Option<Option<String>> = match response_value {
            None => Some(None),
            Some(v) => self.string(v, "response").and_then(|name| {
                let known =
                    BUILT_IN_RESPONSES.contains(&name.as_str()) || context.declared.contains(&name);
                if known {
                    return Some(Some(name));
                }
                let mut names: Vec<&str> = BUILT_IN_RESPONSES.to_vec();
                names.extend(context.declared.iter().map(String::as_str));
                let hint = match did_you_mean(&name, &names) {
                    Some(near) => crate::tr!("checklist-hint-did-you-mean", near = near),
                    None => crate::tr!(
                        "checklist-hint-use-or-define",
                        names = list(&names),
                        name = echo(&name, ECHO)
                    ),
                };
                self.report.error(
                    v.span(),
                    crate::tr!(
                        "checklist-response-undefined",
                        name = echo(&name, ECHO),
                        hint = hint
                    ),
                );
                None
            }),
        };
        let response_name: &str = response
            .as_ref()
            .and_then(|r| r.as_deref())
            .unwrap_or("yes-no");
        // A misspelt response or a broken set has its own message; checks that
        // depend on the response would only add misleading ones.
        let resolved = response.is_some()
            && (BUILT_IN_RESPONSES.contains(&response_name)
                || context.sets.contains_key(response_name));
        // A number with a standard is scored like yes-no.
        let standard = f.has(key!(KEYS, "at_most")) || f.has(key!(KEYS, "at_least"));
        let scored = match response_name {
            "yes-no" | "grade" => true,
            "number" => standard,
            "text" => false,
            name => context
                .sets
                .get(name)
                .is_none_or(|s| s.options.iter().any(|o| o.score.is_some())),
        };

        let weight = f
            .get(key!(KEYS, "weight"))
            .map(|v| self.non_negative(v, "weight"));
        let critical = f.get(key!(KEYS, "critical")).map(|v| {
            let critical = self.boolean(v, "critical")?;
            if critical && !scored && resolved {
                let fix = if response_name == "number" {
                    "number"
                } else {
                    "other"
                };
                self.report.error(
                    v.span(),
                    crate::tr!(
                        "checklist-critical-unscored",
                        response = response_name,
                        fix = fix
                    ),
                );
                return None;
            }
            Some(critical)
        });
        let na = f.get(key!(KEYS, "na")).map(|v| self.boolean(v, "na"));
        let integrity = f.get(key!(KEYS, "integrity")).map(|v| {
            let wanted = self.string(v, "integrity")?;
            let na_refused = matches!(na, Some(Some(false)));
            self.integrity(
                v,
                &wanted,
                resolved.then_some(response_name),
                na_refused,
                context,
            )
            .then_some(wanted)
        });
        // An integrity item is never scored, so it cannot fail the visit.
        if let (Some(Some(true)), Some(Some(_))) = (&critical, &integrity)
            && let Some(v) = f.table.get("critical")
        {
            self.report
                .error(v.span(), crate::tr!("checklist-integrity-critical"));
        }
        let tags = f.get(key!(KEYS, "tags")).map(|v| self.tags(v));
        let show_if = f
            .get(key!(KEYS, "show_if"))
            .map(|v| self.show_if(v, position, context));

        let (mut unit, mut min, mut max) = (Some(None), Some(None), Some(None));
        let (mut at_most, mut at_least) = (Some(None), Some(None));
        let number_keys = [
            key!(KEYS, "unit"),
            key!(KEYS, "min"),
            key!(KEYS, "max"),
            key!(KEYS, "at_most"),
            key!(KEYS, "at_least"),
        ];
        for n in number_keys {
            let key = KEYS[n];
            let Some(v) = f.get(n) else { continue };
            if !resolved {
                continue;
            }
            if response_name != "number" {
                self.report.error(
                    v.span(),
                    crate::tr!(
                        "checklist-number-key-only",
                        key = key,
                        response = response_name
                    ),
                );
                continue;
            }
            match key {
                "unit" => unit = self.string(v, "unit").map(Some),
                "min" => min = self.finite(v, "min").map(Some),
                "max" => max = self.finite(v, "max").map(Some),
                "at_most" => at_most = self.finite(v, "at_most").map(Some),
                _ => at_least = self.finite(v, "at_least").map(Some),
            }
        }
        let span_of = |key: &str| f.table.get(key).map_or(value.span(), |v| v.span());
        if let (Some(Some(lo)), Some(Some(hi))) = (min, max)
            && lo > hi
        {
            self.report.error(
                span_of("max"),
                crate::tr!(
                    "checklist-max-below-min",
                    max = hi.to_string(),
                    min = lo.to_string()
                ),
            );
        }
        if let (Some(Some(lo)), Some(Some(hi))) = (at_least, at_most)
            && lo > hi
        {
            self.report.error(
                span_of("at_most"),
                crate::tr!(
                    "checklist-at-most-below-at-least",
                    at_most = hi.to_string(),
                    at_least = lo.to_string()
                ),
            );
        }
        // A standard outside the values the item accepts could never be met,
        // or never be missed.
        for (key, bound) in [("at_most", at_most), ("at_least", at_least)] {
            let Some(Some(bound)) = bound else { continue };
            let problem = match (min.flatten(), max.flatten()) {
                (Some(lo), _) if bound < lo => Some(crate::tr!(
                    "checklist-standard-below-min",
                    key = key,
                    bound = bound.to_string(),
                    min = lo.to_string()
                )),
                (_, Some(hi)) if bound > hi => Some(crate::tr!(
                    "checklist-standard-above-max",
                    key = key,
                    bound = bound.to_string(),
                    max = hi.to_string()
                )),
                _ => None,
            };
            if let Some(problem) = problem {
                self.report.error(span_of(key), problem);
            }
        }
        self.unknown_keys(&f, place);

        let (id, id_value) = id?;
        if let Some(key) = id_value.get_ref().as_str() {
            let response =
                resolved.then(
                    || match BUILT_IN_RESPONSES.iter().find(|b| **b == response_name) {
                        Some(name) => Cow::Borrowed(*name),
                        None => Cow::Owned(response_name.to_owned()),
                    },
                );
            context.seen.insert(
                key,
                Seen {
                    at: id_value.span().start,
                    response,
                },
            );
        }
        Some(Item {
            id,
            prompt: prompt?,
            guidance: optional(guidance)?,
            response: response?,
            weight: optional(weight)?,
            critical: optional(critical)?,
            na: optional(na)?,
            tags: tags.unwrap_or(Some(Vec::new()))?,
            show_if: optional(show_if)?,
            unit: unit?,
            min: min?,
            max: max?,
            at_most: at_most?,
            at_least: at_least?,
            integrity: optional(integrity)?,
        })
    }

    /// Whether `wanted`, the `integrity` value `v` of an item answered with
    /// `response` (`None` when it did not resolve: its own message says
    /// why), is an answer the item can be given: one of its options, or
    /// `na` when N/A is allowed. A problem is reported at `v`.
    fn integrity(
        &mut self,
        v: &Value<'_>,
        wanted: &str,
        response: Option<&str>,
        na_refused: bool,
        context: &ItemContext<'_, '_>,
    ) -> bool {
        let Some(response) = response else {
            return true;
        };
        if wanted == "na" {
            if na_refused {
                self.report
                    .error(v.span(), crate::tr!("checklist-integrity-na-refused"));
                return false;
            }
            return true;
        }
        let Some(options) = context.options(response) else {
            self.report.error(
                v.span(),
                crate::tr!(
                    "checklist-integrity-no-options",
                    id = echo(wanted, ECHO),
                    response = response
                ),
            );
            return false;
        };
        if options.iter().any(|o| o.id == wanted) {
            return true;
        }
        let mut ids: Vec<&str> = options.iter().map(|o| o.id.as_str()).collect();
        ids.push("na");
        let hint = match did_you_mean(wanted, &ids) {
            Some(near) => crate::tr!("checklist-hint-did-you-mean", near = near),
            None => crate::tr!("checklist-hint-use-one-of", ids = list(&ids)),
        };
        self.report.error(
            v.span(),
            crate::tr!(
                "checklist-integrity-not-an-option",
                id = echo(wanted, ECHO),
                response = response,
                hint = hint
            ),
        );
        false
    }

    fn tags(&mut self, value: &Value<'_>) -> Option<Vec<String>> {
        let array = self.array(value, "tags")?;
        let mut tags = Vec::new();
        let mut seen = HashSet::new();
        let mut ok = true;
        for tag in array {
            if self.full() {
                return None;
            }
            match self.id(tag, "tag") {
                Some(t) if !seen.insert(t.clone()) => {
                    self.report
                        .error(tag.span(), crate::tr!("checklist-tag-twice", tag = &t));
                    ok = false;
                }
                Some(t) => tags.push(t),
                None => ok = false,
            }
        }
        ok.then_some(tags)
    }

    fn show_if(
        &mut self,
        value: &Value<'_>,
        position: usize,
        context: &ItemContext<'_, '_>,
    ) -> Option<ShowIf> {
        const KEYS: &[&str] = &["item", "is"];
        let table = self.table(value, "show_if")?;
        let mut f = Fields::new(table, value.span(), KEYS);
        let place = Place::ShowIf;
        let item_value = self.required(&mut f, key!(KEYS, "item"), place, "\"had-queue\"");
        let is_value = self.required(&mut f, key!(KEYS, "is"), place, "\"yes\"");
        self.unknown_keys(&f, place);
        let item_value = item_value?;
        let target = self.string(item_value, "show_if item")?;
        let is = match is_value?.get_ref() {
            DeValue::String(_) => OneOrMany::One(self.string(is_value?, "show_if is")?),
            DeValue::Array(array) => {
                if array.is_empty() {
                    self.report
                        .error(is_value?.span(), crate::tr!("checklist-show-if-empty"));
                    return None;
                }
                let mut ids = Vec::new();
                for v in array.iter() {
                    ids.push(self.string(v, "show_if is")?);
                }
                OneOrMany::Many(ids)
            }
            _ => {
                self.wrong_type(is_value?, "show_if is", "option-ids");
                return None;
            }
        };
        let Some(response) = context
            .seen
            .get(target.as_str())
            .and_then(|s| s.response.as_deref())
        else {
            let message = match context.position_of(&target) {
                Some(at) if at == position => {
                    crate::tr!("checklist-show-if-itself", target = &target)
                }
                Some(at) if at > position => {
                    crate::tr!("checklist-show-if-later", target = &target)
                }
                Some(_) => crate::tr!("checklist-show-if-broken", target = &target),
                None => {
                    let earlier: Vec<&str> = context
                        .seen
                        .iter()
                        .filter(|(_, s)| s.response.is_some())
                        .map(|(id, _)| *id)
                        .collect();
                    match did_you_mean(&target, &earlier) {
                        Some(near) => crate::tr!(
                            "checklist-show-if-unknown-near",
                            target = &target,
                            near = near
                        ),
                        None => crate::tr!("checklist-show-if-unknown", target = &target),
                    }
                }
            };
            self.report.error(item_value.span(), message);
            return None;
        };
        let Some(options) = context.options(response) else {
            self.report.error(
                item_value.span(),
                crate::tr!(
                    "checklist-show-if-no-options",
                    target = &target,
                    response = response
                ),
            );
            return None;
        };
        let is_span = is_value?.span();
        let mut ok = true;
        for id in is.ids() {
            if !options.iter().any(|o| o.id == *id) {
                let ids: Vec<&str> = options.iter().map(|o| o.id.as_str()).collect();
                let hint = match did_you_mean(id, &ids) {
                    Some(near) => crate::tr!("checklist-hint-did-you-mean", near = near),
                    None => crate::tr!("checklist-hint-use-one-of", ids = list(&ids)),
                };
                self.report.error(
                    is_span.clone(),
                    crate::tr!(
                        "checklist-not-an-option",
                        id = echo(id, ECHO),
                        target = &target,
                        response = response,
                        hint = hint
                    ),
                );
                ok = false;
            }
        }
        ok.then_some(ShowIf { item: target, is })
    }
}

/// What the walk of the items needs to know about the rest of the checklist.
struct ItemContext<'s, 'i> {
    sets: &'s BTreeMap<String, ResponseSet>,
    declared: &'s HashSet<String>,
    /// Every `[[section]]`, to place an item id in the file for "comes after"
    /// messages (looked up only when a message needs it).
    sections: &'s [Value<'i>],
    /// Items already read, by id.
    seen: HashMap<&'s str, Seen>,
    position: usize,
}

/// An item id already read.
struct Seen {
    /// Where the id is written, for "already used at line N".
    at: usize,
    /// The item's response, when it resolved (a built-in or a set).
    response: Option<Cow<'static, str>>,
}

/// Whether `bytes` may hold a control character other than newline and tab
/// (a carriage return included): false means it holds none, as
/// [`first_forbidden`] would find. Every byte is looked at, without an early
/// exit, so that the loop runs over many bytes at a time.
fn may_hold_control(bytes: &[u8]) -> bool {
    let Some(&first) = bytes.first() else {
        return false;
    };
    control_byte(first)
        | bytes
            .iter()
            .zip(&bytes[1..])
            .fold(false, |found, (&a, &b)| {
                found | control_byte(b) | control_pair(a, b)
            })
}

// Control characters are U+0000–U+001F, U+007F (one byte each) and
// U+0080–U+009F (0xC2 then 0x80–0x9F); no other UTF-8 sequence holds those
// bytes.

/// Whether byte `b` is a control character other than newline and tab.
const fn control_byte(b: u8) -> bool {
    (b < 0x20 && b != b'\n' && b != b'\t') | (b == 0x7f)
}

/// Whether bytes `a`, `b` are a control character U+0080–U+009F.
const fn control_pair(a: u8, b: u8) -> bool {
    (a == 0xc2) & (b >= 0x80 && b <= 0x9f)
}

/// The first control character of `text` other than newline and tab, found
/// byte by byte: a string [`may_hold_control`] cannot clear goes through here.
fn first_forbidden(text: &str) -> Option<char> {
    let bytes = text.as_bytes();
    let at = bytes.iter().enumerate().position(|(n, &b)| {
        control_byte(b) || bytes.get(n + 1).is_some_and(|&next| control_pair(b, next))
    })?;
    text[at..].chars().next().filter(|c| is_control(*c))
}

/// An optional key: absent `Some(None)`, present and good `Some(Some(x))`,
/// present and bad `None`.
impl<'s> ItemContext<'s, '_> {
    /// Position in file order of the first item with id `id`.
    fn position_of(&self, id: &str) -> Option<usize> {
        self.sections
            .iter()
            .filter_map(|s| s.get_ref().as_table()?.get("item")?.get_ref().as_array())
            .flatten()
            .position(|i| {
                i.get_ref()
                    .as_table()
                    .and_then(|t| t.get("id"))
                    .and_then(|v| v.get_ref().as_str())
                    == Some(id)
            })
    }

    /// The options of response `name`; `None` for text and number.
    fn options(&self, name: &str) -> Option<&'s [Choice]> {
        match name {
            "yes-no" => Some(&YES_NO[..]),
            "grade" => Some(&GRADE[..]),
            "text" | "number" => None,
            name => Some(&self.sets.get(name)?.options[..]),
        }
    }
}

fn optional<T>(key: Option<Option<T>>) -> Option<Option<T>> {
    key.map_or(Some(None), |v| v.map(Some))
}

fn list(words: &[&str]) -> String {
    let quoted: Vec<String> = words.iter().map(|w| format!("\"{w}\"")).collect();
    quoted.join(", ")
}

#[cfg(test)]
#[allow(clippy::disallowed_methods, clippy::disallowed_types)]
// tests read fixtures and time themselves
mod tests;
