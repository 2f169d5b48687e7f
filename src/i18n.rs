//! The program's own words in English and Russian.
//!
//! Every string the program shows or writes in a human language comes from
//! the Fluent catalogs in `locales/<lang>/*.ftl`, compiled into the binary,
//! through [`tr!`](crate::tr). Russian plurals ("1 пункт, 2 пункта,
//! 5 пунктов") are Fluent's plural rules, selected on a number argument:
//!
//! ```ftl
//! items = { $count ->
//!     [one] { $count } пункт
//!     [few] { $count } пункта
//!    *[many] { $count } пунктов
//! }
//! ```
//!
//! The language is chosen once at start-up ([`set_lang`]); tests render in
//! either language on their own thread with [`with_lang`]. A checklist's own
//! text is never translated: it is shown as written.

use std::cell::Cell;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language the program speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    /// English.
    En,
    /// Russian.
    Ru,
}

impl Lang {
    /// The BCP 47 tag: `en`, `ru`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }

    /// The language a tag or locale name such as `ru`, `ru-RU` or
    /// `ru_RU.UTF-8` names, if the program speaks it.
    pub fn parse(name: &str) -> Option<Lang> {
        let primary = name
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "ru" => Some(Lang::Ru),
            _ => None,
        }
    }
}

/// The catalogs, one list of `(file, text)` per language. A new file must be
/// added to both lists; `tests/catalogs.rs` checks that both languages hold
/// the same messages with the same variables.
pub const CATALOGS: [(Lang, &[(&str, &str)]); 2] = [
    (
        Lang::En,
        &[
            ("en/common.ftl", include_str!("../locales/en/common.ftl")),
            ("en/tui.ftl", include_str!("../locales/en/tui.ftl")),
            ("en/cli.ftl", include_str!("../locales/en/cli.ftl")),
            ("en/output.ftl", include_str!("../locales/en/output.ftl")),
            ("en/review.ftl", include_str!("../locales/en/review.ftl")),
            (
                "en/checklist.ftl",
                include_str!("../locales/en/checklist.ftl"),
            ),
        ],
    ),
    (
        Lang::Ru,
        &[
            ("ru/common.ftl", include_str!("../locales/ru/common.ftl")),
            ("ru/tui.ftl", include_str!("../locales/ru/tui.ftl")),
            ("ru/cli.ftl", include_str!("../locales/ru/cli.ftl")),
            ("ru/output.ftl", include_str!("../locales/ru/output.ftl")),
            ("ru/review.ftl", include_str!("../locales/ru/review.ftl")),
            (
                "ru/checklist.ftl",
                include_str!("../locales/ru/checklist.ftl"),
            ),
        ],
    ),
];

/// A value given to a message: text, or a number (which also selects a
/// plural form).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text, placed as it is.
    Text(String),
    /// A number, written in its shortest form and used for plural rules.
    Number(f64),
}

impl From<&str> for Value {
    fn from(text: &str) -> Value {
        Value::Text(text.to_owned())
    }
}

impl From<String> for Value {
    fn from(text: String) -> Value {
        Value::Text(text)
    }
}

impl From<&String> for Value {
    fn from(text: &String) -> Value {
        Value::Text(text.clone())
    }
}

macro_rules! number_value {
    ($($t:ty),*) => {$(
        impl From<$t> for Value {
            fn from(n: $t) -> Value {
                Value::Number(n as f64)
            }
        }
    )*};
}
number_value!(usize, u64, u32, u16, u8, i64, i32, f64, f32);

/// Looks a message up in the current language: `tr!("id")`, or with
/// arguments, `tr!("items", count = n)`.
#[macro_export]
macro_rules! tr {
    ($id:literal) => {
        $crate::i18n::message($id, &[])
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::message(
            $id,
            &[$((stringify!($name), $crate::i18n::Value::from($value))),+],
        )
    };
}

/// The language chosen at start-up, as its index in [`CATALOGS`].
static CURRENT: AtomicU8 = AtomicU8::new(0);

thread_local! {
    /// A language this thread renders in instead (tests, see [`with_lang`]).
    static OVERRIDE: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// Chooses the language of the whole program, once, at start-up.
pub fn set_lang(lang: Lang) {
    CURRENT.store(index(lang), Ordering::Relaxed);
}

/// The language messages are given in on this thread.
pub fn lang() -> Lang {
    OVERRIDE.with(Cell::get).unwrap_or_else(|| {
        CATALOGS[usize::from(CURRENT.load(Ordering::Relaxed)) % CATALOGS.len()].0
    })
}

/// Runs `body` with this thread's messages in `lang` (for tests and for
/// writing a document in a language other than the interface's).
pub fn with_lang<T>(lang: Lang, body: impl FnOnce() -> T) -> T {
    let before = OVERRIDE.with(|o| o.replace(Some(lang)));
    let outcome = body();
    OVERRIDE.with(|o| o.set(before));
    outcome
}

fn index(lang: Lang) -> u8 {
    CATALOGS
        .iter()
        .position(|(l, _)| *l == lang)
        .and_then(|n| u8::try_from(n).ok())
        .unwrap_or(0)
}

type Bundle = FluentBundle<FluentResource>;

/// The most catalog files a language may have.
const MAX_FILES: usize = 8;

// A file beyond MAX_FILES would never be read: refuse to build instead.
const _: () = {
    let mut n = 0;
    while n < CATALOGS.len() {
        assert!(CATALOGS[n].1.len() <= MAX_FILES, "raise MAX_FILES");
        n += 1;
    }
};

/// One bundle per catalog file of each language, each parsed the first time
/// a message is looked for in it: the first frame of a visit needs only the
/// screens' words, not the command line's or the documents', nor another
/// language's (parsing every catalog cost about 1.3 ms at start-up).
static BUNDLES: [[OnceLock<Bundle>; MAX_FILES]; CATALOGS.len()] =
    [const { [const { OnceLock::new() }; MAX_FILES] }; CATALOGS.len()];

/// The bundle of catalog file `file` of language `lang` (indices into
/// [`CATALOGS`]), parsed on first use.
fn bundle(lang: usize, file: usize) -> Option<&'static Bundle> {
    let (language, files) = CATALOGS.get(lang)?;
    let (_, text) = files.get(file)?;
    let slot = BUNDLES.get(lang)?.get(file)?;
    Some(slot.get_or_init(|| {
        let id = language.tag().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // Unicode isolation marks around placeables would reach the
        // terminal as invisible characters (and be shown as `�`).
        bundle.set_use_isolating(false);
        // A syntax error drops only the broken entry; the catalog test
        // fails on any, so none reaches a release.
        let resource = match FluentResource::try_new((*text).to_owned()) {
            Ok(resource) => resource,
            Err((resource, _)) => resource,
        };
        let _ = bundle.add_resource(resource);
        bundle
    }))
}

/// How many catalog files, from the first, the screens' words are in
/// (`common.ftl` and `tui.ftl`).
const SCREEN_FILES: usize = 2;

/// Parses the screens' catalogs of the current language on a thread of
/// their own, while the caller reads checklists and the data folder: the
/// first frame then finds them parsed (≈ 0.2 ms of its start-up) or waits
/// only for the rest of the parse. Best effort: if no thread can be
/// started, the first message looked for parses them, as without this.
/// Once a process: the home screen and the visit it opens ask for it both.
pub fn prepare_screens() {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        let lang = usize::from(index(lang()));
        let _ = std::thread::Builder::new()
            .name("catalogs".into())
            .spawn(move || {
                for file in 0..SCREEN_FILES {
                    let _ = bundle(lang, file);
                }
            });
    });
}

/// The bundle of language `lang` that holds message `id`, looked for file
/// by file in the order of [`CATALOGS`].
fn holding(lang: usize, id: &str) -> Option<&'static Bundle> {
    (0..MAX_FILES)
        .map_while(|file| bundle(lang, file))
        .find(|b| b.has_message(id))
}

/// The message `id` in the current language with `args` placed. A message
/// missing from the language falls back to English, and one missing from
/// both (which the catalog test rules out) gives its id, never a panic.
pub fn message(id: &str, args: &[(&str, Value)]) -> String {
    let wanted = usize::from(index(lang()));
    format(wanted, id, args)
        .or_else(|| format(0, id, args))
        .unwrap_or_else(|| id.to_owned())
}

fn format(lang: usize, id: &str, args: &[(&str, Value)]) -> Option<String> {
    let bundle = holding(lang, id)?;
    let pattern = bundle.get_message(id)?.value()?;
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        match value {
            Value::Text(text) => fluent_args.set(*name, FluentValue::from(text.as_str())),
            Value::Number(n) => fluent_args.set(*name, FluentValue::from(*n)),
        }
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
    Some(text.into_owned())
}

/// `0.5` as `0,5` where the interface's language writes a decimal comma
/// (Russian): a point between two digits becomes a comma.
pub fn local_decimals(text: &str) -> String {
    if crate::i18n::lang() != Lang::Ru {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    chars
        .iter()
        .enumerate()
        .map(|(n, &c)| {
            let digit_at = |i: Option<usize>| {
                i.and_then(|i| chars.get(i))
                    .is_some_and(|c| c.is_ascii_digit())
            };
            if c == '.' && digit_at(n.checked_sub(1)) && digit_at(Some(n + 1)) {
                ','
            } else {
                c
            }
        })
        .collect()
}

/// A touchpoint's name: the catalog's for the journey's own touchpoints,
/// else the id made readable ("shore-excursion" → "Shore excursion").
pub fn touchpoint_name(id: &str) -> String {
    match id {
        "pre-arrival" => crate::tr!("touchpoint-pre-arrival"),
        "check-in" => crate::tr!("touchpoint-check-in"),
        "in-stay" => crate::tr!("touchpoint-in-stay"),
        "departure" => crate::tr!("touchpoint-departure"),
        "post-stay" => crate::tr!("touchpoint-post-stay"),
        other => readable(other),
    }
}

/// The catalog's name of a tag every language names (scored on their own
/// in reports), or `None` for another tag.
pub fn built_in_tag(id: &str) -> Option<String> {
    Some(match id {
        "personal-touch" => crate::tr!("tag-personal-touch"),
        "atmosphere" => crate::tr!("tag-atmosphere"),
        "recovery" => crate::tr!("tag-recovery"),
        "surprise" => crate::tr!("tag-surprise"),
        _ => return None,
    })
}

/// A tag's name: the catalog's for the built-in tags, else the id made
/// readable.
pub fn tag_name(id: &str) -> String {
    built_in_tag(id).unwrap_or_else(|| readable(id))
}

/// A bundled journey's name, if `id` is one.
pub fn journey_name(id: &str) -> Option<String> {
    Some(match id {
        "hotel-stay" => crate::tr!("journey-hotel-stay"),
        "luxury-train" => crate::tr!("journey-luxury-train"),
        "river-cruise" => crate::tr!("journey-river-cruise"),
        _ => return None,
    })
}

/// A month's short name, 1 to 12 ("Nov", «нояб.»).
pub fn month_short(month: i8) -> String {
    match month {
        1 => crate::tr!("month-1"),
        2 => crate::tr!("month-2"),
        3 => crate::tr!("month-3"),
        4 => crate::tr!("month-4"),
        5 => crate::tr!("month-5"),
        6 => crate::tr!("month-6"),
        7 => crate::tr!("month-7"),
        8 => crate::tr!("month-8"),
        9 => crate::tr!("month-9"),
        10 => crate::tr!("month-10"),
        11 => crate::tr!("month-11"),
        12 => crate::tr!("month-12"),
        other => other.to_string(),
    }
}

/// An id as words: hyphens become spaces, the first letter a capital.
pub fn readable(id: &str) -> String {
    let words = id.replace('-', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A day as documents write it: "22 Nov 2026", «22 нояб. 2026».
pub fn date(day: jiff::civil::Date) -> String {
    crate::tr!(
        "doc-date",
        day = day.day().to_string(),
        month = month_short(day.month()),
        year = day.year().to_string()
    )
}

/// A moment as documents write it, on the 24-hour clock with the offset it
/// was recorded in: "22 Nov 2026, 14:03 +03:00".
pub fn date_time(time: &jiff::ZonedDateTime) -> String {
    crate::tr!(
        "doc-date-time",
        date = date(time.date()),
        time = time.strftime("%H:%M").to_string(),
        offset = time.strftime("%:z").to_string()
    )
}

/// A month of a year on its own, as a report's rows name it: "Nov 2026",
/// «март 2026» (Russian names a month alone in another case than in a date).
pub fn month_year(year: i16, month: i8) -> String {
    let name = match month {
        1 => crate::tr!("doc-month-1"),
        2 => crate::tr!("doc-month-2"),
        3 => crate::tr!("doc-month-3"),
        4 => crate::tr!("doc-month-4"),
        5 => crate::tr!("doc-month-5"),
        6 => crate::tr!("doc-month-6"),
        7 => crate::tr!("doc-month-7"),
        8 => crate::tr!("doc-month-8"),
        9 => crate::tr!("doc-month-9"),
        10 => crate::tr!("doc-month-10"),
        11 => crate::tr!("doc-month-11"),
        12 => crate::tr!("doc-month-12"),
        other => other.to_string(),
    };
    crate::tr!("doc-month-year", month = name, year = year.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The files parsed ahead for the screens are the screens' catalogs
    /// in every language, and the screens' words are all in them.
    #[test]
    fn the_catalogs_prepared_for_the_screens_are_theirs() {
        for (lang, files) in CATALOGS {
            let names: Vec<&str> = files[..SCREEN_FILES].iter().map(|(n, _)| *n).collect();
            let tag = lang.tag();
            assert_eq!(
                names,
                [format!("{tag}/common.ftl"), format!("{tag}/tui.ftl")]
            );
        }
        prepare_screens();
        for id in ["tui-panic-saved", "tui-help-title", "tui-header-draft"] {
            let lang = usize::from(index(Lang::En));
            let file =
                (0..MAX_FILES).position(|f| bundle(lang, f).is_some_and(|b| b.has_message(id)));
            assert!(
                file.is_some_and(|f| f < SCREEN_FILES),
                "{id} in file {file:?}"
            );
        }
    }

    #[test]
    fn russian_plurals_follow_the_number() {
        let forms: Vec<String> = [1, 2, 5, 11, 21, 22, 0, 14, 101, 111]
            .into_iter()
            .map(|n| with_lang(Lang::Ru, || crate::tr!("count-items", count = n)))
            .collect();
        assert_eq!(
            forms,
            [
                "1 пункт",
                "2 пункта",
                "5 пунктов",
                "11 пунктов",
                "21 пункт",
                "22 пункта",
                "0 пунктов",
                "14 пунктов",
                "101 пункт",
                "111 пунктов",
            ]
        );
    }

    #[test]
    fn english_plurals_and_the_fallback() {
        assert_eq!(
            with_lang(Lang::En, || crate::tr!("count-items", count = 1)),
            "1 item"
        );
        assert_eq!(
            with_lang(Lang::En, || crate::tr!("count-items", count = 21)),
            "21 items"
        );
        // An id nobody wrote gives itself rather than a panic.
        assert_eq!(message("no-such-message", &[]), "no-such-message");
    }

    #[test]
    fn placeables_carry_no_invisible_isolation_marks() {
        let text = with_lang(Lang::Ru, || crate::tr!("count-touchpoints", count = 3));
        assert_eq!(text, "3 точки контакта");
        assert!(!text.contains('\u{2068}') && !text.contains('\u{2069}'));
    }

    #[test]
    fn each_thread_keeps_its_own_language() {
        let ru =
            std::thread::spawn(|| with_lang(Lang::Ru, || crate::tr!("count-items", count = 5)));
        let en = with_lang(Lang::En, || crate::tr!("count-items", count = 5));
        assert_eq!(ru.join().unwrap(), "5 пунктов");
        assert_eq!(en, "5 items");
    }
}
