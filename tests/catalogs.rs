//! The message catalogs stay whole: every message exists in English and in
//! Russian with the same variables, every file parses, every message is used
//! somewhere in the program, and every message the program asks for exists.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use fluent_syntax::ast;
use touchpoint::i18n::{CATALOGS, Lang};

/// Message id → the variables its value and attributes use.
type Messages = BTreeMap<String, BTreeSet<String>>;

fn variables_of_pattern(pattern: &ast::Pattern<&str>, into: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            variables_of_expression(expression, into);
        }
    }
}

fn variables_of_expression(expression: &ast::Expression<&str>, into: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            variables_of_inline(selector, into);
            for variant in variants {
                variables_of_pattern(&variant.value, into);
            }
        }
        ast::Expression::Inline(inline) => variables_of_inline(inline, into),
    }
}

fn variables_of_inline(inline: &ast::InlineExpression<&str>, into: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            into.insert(id.name.to_owned());
        }
        ast::InlineExpression::Placeable { expression } => {
            variables_of_expression(expression, into)
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                variables_of_inline(argument, into);
            }
            for named in &arguments.named {
                variables_of_inline(&named.value, into);
            }
        }
        _ => {}
    }
}

/// The messages of one language, failing on any syntax error.
fn messages(lang: Lang) -> Messages {
    let (_, files) = CATALOGS
        .iter()
        .find(|(l, _)| *l == lang)
        .expect("every language has catalogs");
    let mut all = Messages::new();
    for (name, text) in *files {
        let resource = fluent_syntax::parser::parse(*text)
            .unwrap_or_else(|(_, errors)| panic!("{name} does not parse: {errors:?}"));
        for entry in &resource.body {
            match entry {
                ast::Entry::Message(message) => {
                    let mut variables = BTreeSet::new();
                    if let Some(value) = &message.value {
                        variables_of_pattern(value, &mut variables);
                    }
                    for attribute in &message.attributes {
                        variables_of_pattern(&attribute.value, &mut variables);
                    }
                    let id = message.id.name.to_owned();
                    assert!(
                        all.insert(id.clone(), variables).is_none(),
                        "{name}: message {id} is defined twice"
                    );
                }
                ast::Entry::Junk { content } => panic!("{name}: cannot read {content:?}"),
                _ => {}
            }
        }
    }
    all
}

#[test]
fn both_languages_hold_the_same_messages_with_the_same_variables() {
    let en = messages(Lang::En);
    let ru = messages(Lang::Ru);
    let only_en: Vec<&String> = en.keys().filter(|id| !ru.contains_key(*id)).collect();
    let only_ru: Vec<&String> = ru.keys().filter(|id| !en.contains_key(*id)).collect();
    assert!(only_en.is_empty(), "missing in Russian: {only_en:?}");
    assert!(only_ru.is_empty(), "missing in English: {only_ru:?}");
    for (id, variables) in &en {
        assert_eq!(
            variables, &ru[id],
            "message {id} uses other variables in Russian"
        );
    }
}

fn rust_files(dir: &Path, into: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, into);
        } else if path.extension().is_some_and(|e| e == "rs") {
            into.push(path);
        }
    }
}

/// Every string literal of the program's source that could be a message id.
fn literals_in_source() -> BTreeSet<String> {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut literals = BTreeSet::new();
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        for (n, piece) in text.split('"').enumerate() {
            let id_like = !piece.is_empty()
                && piece
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if n % 2 == 1 && id_like {
                literals.insert(piece.to_owned());
            }
        }
    }
    literals
}

#[test]
fn every_message_is_used_by_the_program() {
    let literals = literals_in_source();
    let unused: Vec<String> = messages(Lang::En)
        .into_keys()
        .filter(|id| !literals.contains(id))
        .collect();
    assert!(
        unused.is_empty(),
        "messages no code asks for (ids must appear as literals): {unused:?}"
    );
}

#[test]
fn every_message_the_program_asks_for_exists() {
    let en = messages(Lang::En);
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut missing = Vec::new();
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
            let mut pieces = line.split("tr!(\"");
            let mut before = pieces.next().unwrap_or_default();
            for piece in pieces {
                // `include_str!("…")` is no message.
                let macro_name = !before.ends_with(|c: char| c.is_alphanumeric() || c == '_');
                let id = piece.split('"').next().unwrap_or_default();
                if macro_name && !en.contains_key(id) {
                    missing.push(format!("{}: {id}", file.display()));
                }
                before = piece;
            }
        }
    }
    assert!(
        missing.is_empty(),
        "asked for but not in the catalogs: {missing:?}"
    );
}
