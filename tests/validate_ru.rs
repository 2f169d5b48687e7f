//! `touchpoint validate` in Russian, as a user with a Russian locale runs it:
//! the built binary on every file of `tests/fixtures/checklists/invalid/`.
//!
//! Each problem keeps the place its English `.expected` line names, line for
//! line, and is worded in Russian: it holds Cyrillic and none of the
//! program's own English words (those of `locales/en/checklist.ftl`). The
//! file's words may stay as written: words of the fixture itself, TOML key
//! names, ids (anything with `-` or `_`), and text in straight quotes, which
//! Russian messages keep for TOML examples and values (`id = "hotel-check-in"`),
//! quoting their own words in «».

use crate::common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_touchpoint");

fn invalid() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/checklists/invalid")
}

/// Runs `touchpoint validate NAME` in the fixture folder under a Russian
/// locale, with no configuration of the user's to choose another language.
fn validate_ru(name: &str) -> Output {
    let home = std::env::temp_dir().join(format!("touchpoint-validate-ru-{}", std::process::id()));
    Command::new(BIN)
        .args(["validate", name])
        .current_dir(invalid())
        .env_remove("RUST_BACKTRACE")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "ru_RU.UTF-8")
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .output()
        .expect("the touchpoint binary runs")
}

fn stderr_lines(output: &Output) -> Vec<String> {
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .map(str::to_owned)
        .collect()
}

/// `name:line:col:` or `name:` of a problem line, and the message after it.
fn split_place<'l>(name: &str, line: &'l str) -> (String, &'l str) {
    let Some(rest) = line.strip_prefix(name).and_then(|r| r.strip_prefix(':')) else {
        return (String::new(), line);
    };
    let mut parts = rest.splitn(3, ':');
    if let (Some(l), Some(c), Some(message)) = (parts.next(), parts.next(), parts.next())
        && !l.is_empty()
        && !c.is_empty()
        && l.chars().all(|c| c.is_ascii_digit())
        && c.chars().all(|c| c.is_ascii_digit())
    {
        return (format!("{name}:{l}:{c}:"), message);
    }
    (format!("{name}:"), rest)
}

/// Words as the check sees them: runs of ASCII letters, digits, `-` and `_`
/// (so that an id stays one word) without a digit, so that a code such as
/// `U+000D` or a number is no word.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
        .filter(|w| !w.chars().any(|c| c.is_ascii_digit()))
}

/// The program's own English words: those of the English checklist catalog,
/// lowercased.
fn english_words() -> BTreeSet<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales/en/checklist.ftl");
    let source = fs::read_to_string(path).expect("the English catalog is readable");
    let text = common::ftl::message_text(&source);
    words(&text)
        .filter(|w| !w.contains(['-', '_']))
        .map(str::to_lowercase)
        .collect()
}

/// Words a Russian message may hold in Latin letters: TOML's own (key names,
/// values, names of encodings and standards) and the program's name.
const FILE_WORDS: &[&str] = &[
    "format",
    "checklist",
    "responses",
    "tags",
    "section",
    "id",
    "title",
    "touchpoint",
    "version",
    "language",
    "journey",
    "description",
    "options",
    "label",
    "score",
    "exceeds",
    "within",
    "item",
    "prompt",
    "guidance",
    "response",
    "weight",
    "critical",
    "na",
    "unit",
    "min",
    "max",
    "is",
    "yes",
    "no",
    "grade",
    "text",
    "number",
    "true",
    "false",
    "inf",
    "nan",
    "toml",
    "utf",
    "lf",
    "crlf",
    "bcp",
    "nul",
    "esc",
    "del",
    "u",
];

/// `line` without the text between straight double quotes.
fn unquoted(line: &str) -> String {
    line.split('"').step_by(2).collect::<Vec<_>>().join(" ")
}

#[test]
fn every_invalid_fixture_is_reported_in_russian_at_the_same_places() {
    let english = english_words();
    assert!(english.len() > 100, "too few English words: {english:?}");
    let mut files: Vec<PathBuf> = fs::read_dir(invalid())
        .expect("the fixture folder lists")
        .map(|e| e.expect("folder entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 90, "expected the invalid fixtures");
    let mut failures = Vec::new();
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let expected = fs::read_to_string(file.with_extension("expected"))
            .unwrap_or_else(|e| panic!("{name}: no .expected file: {e}"));
        let expected: Vec<&str> = expected.lines().collect();
        let output = validate_ru(&name);
        let lines = stderr_lines(&output);
        if output.status.code() != Some(1) || lines.len() != expected.len() + 1 {
            failures.push(format!(
                "{name}: exit {:?}, {} lines for {} problems and a summary:\n{}",
                output.status.code(),
                lines.len(),
                expected.len(),
                lines.join("\n")
            ));
            continue;
        }
        let source = String::from_utf8_lossy(&fs::read(file).unwrap()).to_lowercase();
        let own: BTreeSet<&str> = words(&source).collect();
        for (line, english_line) in lines.iter().zip(&expected) {
            let (place, message) = split_place(&name, line);
            let (english_place, _) = split_place(&name, english_line);
            if place.is_empty() || place != english_place {
                failures.push(format!(
                    "{name}: {line:?} is not at {english_place:?} as {english_line:?} is"
                ));
            }
            if !message
                .chars()
                .any(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё'))
            {
                failures.push(format!("{name}: no Cyrillic in {line:?}"));
            }
            let unquoted = unquoted(message).to_lowercase();
            let leaked: Vec<&str> = words(&unquoted)
                .filter(|w| !w.contains(['-', '_']))
                .filter(|w| english.contains(*w))
                .filter(|w| !own.contains(w) && !FILE_WORDS.contains(w))
                .collect();
            if !leaked.is_empty() {
                failures.push(format!("{name}: English words {leaked:?} in {line:?}"));
            }
        }
        let summary = lines.last().unwrap();
        if !summary.chars().any(|c| matches!(c, 'а'..='я')) {
            failures.push(format!(
                "{name}: the summary is not in Russian: {summary:?}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The Russian lines `validate` prints for fixture `name`.
fn russian(name: &str) -> Vec<String> {
    stderr_lines(&validate_ru(name))
}

#[test]
fn an_unknown_key_is_named_with_its_near_miss() {
    assert_eq!(
        russian("unknown-key-near-miss.toml")[..2],
        [
            "unknown-key-near-miss.toml:13:1: неизвестный ключ «promt» в [[section.item]] — может быть, «prompt»?",
            "unknown-key-near-miss.toml:14:1: неизвестный ключ «guidence» в [[section.item]] — может быть, «guidance»?",
        ]
    );
    assert_eq!(
        russian("unknown-key-top-level.toml")[0],
        "unknown-key-top-level.toml:2:1: неизвестный ключ «formt» на верхнем уровне файла — может быть, «format»?"
    );
}

#[test]
fn a_missing_required_key_comes_with_an_example() {
    let lines = russian("missing-required-keys.toml");
    assert_eq!(
        lines[0],
        "missing-required-keys.toml:2:1: в [checklist] нет ключа «id»: добавьте id = \"hotel-check-in\""
    );
    assert_eq!(
        lines[2],
        "missing-required-keys.toml:5:1: в [[section]] нет ключа «title»: добавьте title = \"At the front desk\""
    );
}

#[test]
fn counts_take_russian_plural_forms() {
    assert_eq!(
        russian("too-many-options.toml")[0],
        "too-many-options.toml:8:11: в [responses.stars] 10 вариантов ответа, а допустимо не больше 9, по одному на клавиши от 1 до 9"
    );
    assert_eq!(
        russian("id-too-long.toml")[0],
        "id-too-long.toml:12:6: id пункта «a-very-long-item-id-that-goes-on-and-on-past-the-limit-of-64-chars»: длиной 66 знаков, а допустимо не больше 64"
    );
}

#[test]
fn a_toml_syntax_error_is_worded_in_russian() {
    assert_eq!(
        russian("syntax-unclosed-string.toml")[0],
        "syntax-unclosed-string.toml:4:16: синтаксис TOML: строка не закрыта; закончите её знаком \" на той же строке или используйте \"\"\" для текста в несколько строк"
    );
}
