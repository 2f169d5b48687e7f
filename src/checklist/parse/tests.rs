//! Rules of the parser that a user notices: where an error is said to be,
//! that all of them come at once, and that the walk agrees with the types.

use std::path::{Path, PathBuf};

use super::parse;
use crate::checklist::Checklist;
use crate::checklist::diag::MAX_PROBLEMS;
use crate::store::checklists::files_in;

/// `(line, column, message)` of each problem in `source`, which must be invalid.
fn problems(source: &str) -> Vec<(usize, usize, String)> {
    match parse("test.toml", source) {
        Ok(_) => panic!("expected problems in:\n{source}"),
        Err(problems) => problems
            .into_iter()
            .map(|d| {
                let (line, col) = d.at.unwrap_or((0, 0));
                (line, col, d.message)
            })
            .collect(),
    }
}

const HEAD: &str = r#"[checklist]
id = "t"
title = "T"
touchpoint = "check-in"
"#;

#[test]
fn all_errors_of_a_file_are_reported_at_once_in_file_order() {
    let source = r#"format = 7
[checklist]
id = "Bad Id"
title = "T"
touchpoint = "check-in"

[responses.speed]
options = [{ id = "fast", label = "Fast", score = -1 }]

[[section]]
id = "desk"
title = ""

[[section.item]]
id = "a"
prompt = "A"
weight = inf
response = "speeed"

[[section.item]]
id = "a"
prompt = "B"
response = "text"
critical = true

[[section.item]]
id = "c"
prompt = "C"
show_if = { item = "d", is = "yes" }

[[section.item]]
id = "d"
prompt = "D"
colour = "red"
"#;
    let found = problems(source);
    let lines: Vec<usize> = found.iter().map(|(line, _, _)| *line).collect();
    assert_eq!(
        lines,
        [1, 3, 8, 12, 17, 18, 21, 24, 29, 34],
        "one problem per mistake, in file order: {found:#?}"
    );
}

#[test]
fn columns_count_characters_not_bytes_after_cyrillic_text() {
    let source = format!(
        "{HEAD}\n[responses.speed]\n{}\n\n[[section]]\nid = \"s\"\ntitle = \"Стойка\"\n\n[[section.item]]\nid = \"a\"\nprompt = \"Ожидание\"\nresponse = \"speed\"\n",
        r#"options = [{ id = "bystro", label = "Быстро, меньше минуты", score = -1 }]"#
    );
    let found = problems(&source);
    // "-1" is the 70th character of its line, but starts at byte 88.
    assert_eq!(
        found,
        [(
            7,
            70,
            "score must be a finite number >= 0, found -1".to_owned()
        )]
    );
}

#[test]
fn a_bom_and_crlf_line_endings_change_neither_lines_nor_columns() {
    let lines = [
        "\u{feff}[checklist]",
        "id = \"t\"",
        "title = \"T\"",
        "touchpoint = \"check-in\"",
        "description = \"\"\"",
        "First line",
        "second line.\"\"\"",
        "[[section]]",
        "id = \"s\"",
        "title = \"S\"",
        "[[section.item]]",
        "id = \"a\"",
        "prompt = \"A\"",
        "weight = -1",
    ];
    let source = lines.join("\r\n") + "\r\n";
    assert_eq!(
        problems(&source),
        [(
            14,
            10,
            "weight must be a finite number >= 0, found -1".to_owned()
        )]
    );
    // The BOM is not counted as the first column of line 1.
    let bad_header = source.replacen("[checklist]", "[checklist]]", 1);
    let (line, col, _) = &problems(&bad_header)[0];
    assert_eq!((*line, *col), (1, 12), "the stray ] is the 12th character");

    let fixed = source.replace("weight = -1", "weight = 1");
    let checklist = parse("test.toml", &fixed).expect("valid once the weight is fixed");
    assert_eq!(
        checklist.checklist.description.as_deref(),
        Some("First line\nsecond line."),
        "CRLF inside a multi-line string is read as a newline"
    );
}

#[test]
fn a_misspelt_key_gets_did_you_mean_and_no_second_message() {
    let source = format!(
        "{HEAD}\n[[section]]\nid = \"s\"\ntitle = \"S\"\n\n[[section.item]]\nid = \"a\"\npromt = \"A\"\n"
    );
    assert_eq!(
        problems(&source),
        [(
            12,
            1,
            "unknown key \"promt\" in [[section.item]] — did you mean \"prompt\"?".to_owned()
        )]
    );
}

#[test]
fn a_key_far_from_any_known_one_lists_the_keys_allowed() {
    let source = format!(
        "{HEAD}colour = \"red\"\n\n[[section]]\nid = \"s\"\ntitle = \"S\"\n\n[[section.item]]\nid = \"a\"\nprompt = \"A\"\n"
    );
    assert_eq!(
        problems(&source)[0].2,
        "unknown key \"colour\" in [checklist]; [checklist] may hold \"id\", \"title\", \"touchpoint\", \"version\", \"language\", \"journey\", \"journey_title\", \"description\", \"translation_of\""
    );
}

#[test]
fn misspelt_references_get_did_you_mean() {
    let source = format!(
        r#"{HEAD}
[[section]]
id = "s"
title = "S"

[[section.item]]
id = "greeted"
prompt = "A"
response = "grde"

[[section.item]]
id = "smiled"
prompt = "B"

[[section.item]]
id = "thanked"
prompt = "C"
show_if = {{ item = "smiledd", is = "yes" }}

[[section.item]]
id = "named"
prompt = "D"
show_if = {{ item = "smiled", is = "yess" }}
"#
    );
    let messages: Vec<String> = problems(&source).into_iter().map(|p| p.2).collect();
    assert_eq!(
        messages,
        [
            "response \"grde\" is not defined — did you mean \"grade\"?",
            "show_if refers to \"smiledd\", which is not an item of this checklist — did you mean \"smiled\"?",
            "\"yess\" is not an option of \"smiled\" (yes-no) — did you mean \"yes\"?",
        ]
    );
}

#[test]
fn a_file_with_very_many_problems_stops_at_the_limit_and_says_so() {
    let mut source = format!("{HEAD}\n[[section]]\nid = \"s\"\ntitle = \"S\"\n");
    for n in 0..MAX_PROBLEMS + 50 {
        source += &format!("\n[[section.item]]\nid = \"i{n}\"\nprompt = \"P\"\nweight = -1\n");
    }
    let found = parse("test.toml", &source).expect_err("every weight is negative");
    assert_eq!(found.len(), MAX_PROBLEMS + 1);
    let last = found.last().unwrap();
    assert_eq!(last.at, None);
    assert_eq!(
        last.message,
        format!("stopped after the first {MAX_PROBLEMS} problems; fix these and validate again")
    );
}

#[test]
fn exactly_the_limit_of_problems_has_no_stop_note() {
    let mut source = format!("{HEAD}\n[[section]]\nid = \"s\"\ntitle = \"S\"\n");
    for n in 0..MAX_PROBLEMS {
        source += &format!("\n[[section.item]]\nid = \"i{n}\"\nprompt = \"P\"\nweight = -1\n");
    }
    let found = parse("test.toml", &source).expect_err("every weight is negative");
    assert_eq!(found.len(), MAX_PROBLEMS);
    assert!(found.iter().all(|d| d.at.is_some()));
}

#[test]
fn many_syntax_errors_are_reported_once_a_line_and_fast() {
    // 50,000 broken lines: each costs a line of the report until the limit;
    // finding line numbers must not be quadratic in the size of the file.
    let source = "=\n".repeat(50_000);
    let started = std::time::Instant::now();
    let found = parse("test.toml", &source).expect_err("not TOML");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(30),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(found.len(), MAX_PROBLEMS + 1);
    for (n, problem) in found.iter().take(MAX_PROBLEMS).enumerate() {
        assert_eq!(problem.at, Some((n + 1, 1)));
    }
}

#[test]
fn show_if_after_items_without_ids_is_still_a_forward_reference() {
    let source = format!(
        r#"{HEAD}
[[section]]
id = "s"
title = "S"

[[section.item]]
prompt = "no id"

[[section.item]]
prompt = "no id either"

[[section.item]]
id = "b"
prompt = "B"
show_if = {{ item = "a", is = "yes" }}

[[section.item]]
id = "a"
prompt = "A"
"#
    );
    let messages: Vec<String> = problems(&source).into_iter().map(|p| p.2).collect();
    assert_eq!(
        messages.last().map(String::as_str),
        Some("show_if refers to \"a\", which comes after this item; conditions may only look back")
    );
}

#[test]
fn ids_of_non_latin_letters_are_not_called_too_long() {
    let source = format!(
        "{HEAD}\n[[section]]\nid = \"стойка-администратора-отеля\"\ntitle = \"S\"\n\n[[section.item]]\nid = \"a\"\nprompt = \"A\"\n"
    );
    let message = &problems(&source)[0].2;
    assert!(
        message.contains("may hold only lowercase letters a-z") && !message.contains("long"),
        "{message}"
    );
}

fn valid_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["checklists", "tests/fixtures/checklists/valid"] {
        files.extend(files_in(&root.join(dir)).expect("folder of checklists"));
    }
    files.sort();
    files
}

#[test]
fn serde_reads_every_valid_checklist_as_the_walker_does() {
    let files = valid_files();
    assert!(files.len() >= 12, "bundled and valid fixtures: {files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).expect("UTF-8 checklist");
        let walked = parse(&file.display().to_string(), &text)
            .unwrap_or_else(|e| panic!("{}: {e:#?}", file.display()));
        // The walker reads CRLF inside multi-line strings as a newline (it is a
        // line ending, not part of the text); serde keeps it. Read the same file
        // saved with LF line endings, so that only the types are compared.
        let with_lf = text.replace("\r\n", "\n");
        let deserialized: Checklist = toml::from_str(&with_lf)
            .unwrap_or_else(|e| panic!("{}: serde rejects it: {e}", file.display()));
        assert_eq!(walked, deserialized, "{}", file.display());
    }
}

#[test]
fn the_byte_scan_finds_the_same_control_characters_as_char_by_char() {
    let samples = [
        "plain ASCII text",
        "new\nline and\ttab",
        "Гостиница «Метрополь» — 5★",
        "escape \u{1b}[31m red",
        "delete \u{7f}",
        "C1 \u{85} next line",
        "C1 end \u{9f}",
        "just above C1: \u{a0}\u{a9}",
        "Ğ, ł and Ŝ use 0xC4/0xC5 lead bytes",
        "bell \u{7} at the end\u{7}",
        "\u{80}",
        "\u{7}",
        "a lone \r carriage return",
        "CRLF\r\n",
        "",
    ];
    for text in samples {
        let found = text.chars().find(|c| crate::text::is_control(*c));
        assert_eq!(super::first_forbidden(text), found, "{text:?}");
        // The quick pass may only clear a text that has none.
        let cleared = !super::may_hold_control(text.as_bytes());
        assert!(
            !cleared || (found.is_none() && !text.contains('\r')),
            "{text:?}"
        );
    }
    // Every character from U+0000 to U+00FF, alone and after others.
    for c in (0..=0xff_u32).filter_map(char::from_u32) {
        for text in [c.to_string(), format!("ab{c}"), format!("Ж{c}ж")] {
            let holds = text
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t');
            assert_eq!(super::may_hold_control(text.as_bytes()), holds, "{text:?}");
        }
    }
}

/// The messages of `problems` in Russian.
fn russian(source: &str) -> Vec<String> {
    crate::i18n::with_lang(crate::i18n::Lang::Ru, || problems(source))
        .into_iter()
        .map(|(_, _, message)| message)
        .collect()
}

#[test]
fn counts_in_russian_messages_agree_with_their_numbers() {
    // An id of 71, 72 and 75 characters: one, few and many.
    let lengths = [71, 72, 75].map(|n| {
        let id = "a".repeat(n);
        russian(&format!(
            "[checklist]\nid = \"{id}\"\ntitle = \"T\"\ntouchpoint = \"check-in\"\n[[section]]\nid = \"s\"\ntitle = \"S\"\n[[section.item]]\nid = \"i\"\nprompt = \"P\"\n"
        ))
        .remove(0)
    });
    assert!(lengths[0].contains("длиной 71 знак,"), "{}", lengths[0]);
    assert!(lengths[1].contains("длиной 72 знака,"), "{}", lengths[1]);
    assert!(lengths[2].contains("длиной 75 знаков,"), "{}", lengths[2]);
    let options: String = (1..=21)
        .map(|n| format!("{{ id = \"o{n}\", label = \"O\", score = 1 }}, "))
        .collect();
    let source = format!(
        "{HEAD}[responses.stars]\noptions = [{options}]\n[[section]]\nid = \"s\"\ntitle = \"S\"\n[[section.item]]\nid = \"i\"\nprompt = \"P\"\nresponse = \"stars\"\n"
    );
    assert_eq!(
        russian(&source),
        [
            "в [responses.stars] 21 вариант ответа, а допустимо не больше 9, по одному на клавиши от 1 до 9"
        ]
    );
}

#[test]
fn the_toml_parsers_words_are_translated_where_the_catalog_knows_them() {
    let source = format!("{HEAD}a b = 1\n");
    assert_eq!(
        russian(&source),
        ["синтаксис TOML: ключ без значения; ожидалось: `=`"]
    );
    let time = russian(&format!("{HEAD}x = 1979-05-27T25:00:00\n"));
    assert_eq!(
        time,
        ["синтаксис TOML: неверное время; ожидалось: час от 00 до 23"]
    );
    // The same file in English keeps the parser's words.
    let english: Vec<String> = problems(&source).into_iter().map(|p| p.2).collect();
    assert_eq!(english[0], "TOML syntax: key with no value, expected `=`");
    // A phrase the catalog does not know stays as the parser wrote it.
    assert_eq!(
        crate::i18n::with_lang(crate::i18n::Lang::Ru, || {
            crate::toml_words::toml_message("some new problem, expected `=`")
        }),
        "some new problem; ожидалось: `=`"
    );
}

#[test]
fn a_journey_title_is_read_and_an_empty_one_is_refused() {
    let body = "\n[[section]]\nid = \"s\"\ntitle = \"S\"\n\n[[section.item]]\nid = \"a\"\nprompt = \"A\"\n";
    let named =
        format!("{HEAD}journey = \"luxury-train\"\njourney_title = \"Поезд класса люкс\"\n{body}");
    let checklist = parse("test.toml", &named).expect("a valid checklist");
    assert_eq!(
        checklist.checklist.journey_title.as_deref(),
        Some("Поезд класса люкс")
    );
    let empty = format!("{HEAD}journey = \"luxury-train\"\njourney_title = \"\"\n{body}");
    let found = problems(&empty);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].2.contains("journey title"), "{found:?}");
}

#[test]
fn integrity_is_an_answer_of_the_item_and_never_scored() {
    let source = format!(
        r#"{HEAD}
[[section]]
id = "s"
title = "S"

[[section.item]]
id = "awning-clean"
prompt = "The awning over the entrance was clean"
integrity = "na"

[[section.item]]
id = "pool"
prompt = "Pool open"
response = "grade"
integrity = "met"
"#
    );
    let checklist = parse("test.toml", &source).expect("valid");
    let item = checklist.item("awning-clean").expect("the item");
    assert_eq!(item.integrity.as_deref(), Some("na"));
    let response = checklist.response(item);
    let earned = crate::visit::tally::earned(
        item,
        response,
        Some(&crate::visit::Answer::Choice("yes".into())),
    );
    assert_eq!(earned, None, "an integrity item earns nothing");
}

#[test]
fn a_bad_integrity_value_is_named_at_its_place_in_english_and_russian() {
    let source = format!(
        r#"{HEAD}
[[section]]
id = "s"
title = "S"

[[section.item]]
id = "a"
prompt = "A"
integrity = "yse"

[[section.item]]
id = "b"
prompt = "B"
response = "text"
integrity = "none"

[[section.item]]
id = "c"
prompt = "C"
na = false
integrity = "na"

[[section.item]]
id = "d"
prompt = "D"
critical = true
integrity = "yes"
"#
    );
    let found = problems(&source);
    assert_eq!(
        found,
        [
            (
                13,
                13,
                "integrity \"yse\" is not an answer of this item (yes-no); integrity is the \
                 answer a truthful auditor gives — did you mean \"yes\"?"
                    .to_owned()
            ),
            (
                19,
                13,
                "integrity \"none\" cannot be an answer of a text item: use integrity = \"na\", \
                 or give the item a response with options"
                    .to_owned()
            ),
            (
                25,
                13,
                "integrity = \"na\" on an item with na = false cannot be answered; remove na = false \
                 or choose an option id"
                    .to_owned()
            ),
            (
                30,
                12,
                "an integrity item is never scored, so it cannot be critical; remove critical"
                    .to_owned()
            ),
        ]
    );
    let ru = russian(&source);
    assert!(
        ru[0].starts_with("integrity «yse» — не ответ этого пункта"),
        "{ru:?}"
    );
    assert_eq!(ru.len(), 4);
}
