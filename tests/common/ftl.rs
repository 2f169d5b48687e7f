//! The words of a Fluent catalog, for the tests that hold a language's
//! documents and messages free of the other's words.

use fluent_syntax::ast;

/// The text of every message of the catalog `source`: each message's value,
/// with the variants of its selects, without its variables, variant keys,
/// attributes or comments; elements and messages set apart by spaces and
/// line ends, so that no two words run together.
pub fn message_text(source: &str) -> String {
    let resource = fluent_syntax::parser::parse(source).expect("the catalog parses");
    let mut text = String::new();
    for entry in &resource.body {
        if let ast::Entry::Message(message) = entry
            && let Some(value) = &message.value
        {
            text_of_pattern(value, &mut text);
            text.push('\n');
        }
    }
    text
}

fn text_of_pattern(pattern: &ast::Pattern<&str>, into: &mut String) {
    for element in &pattern.elements {
        into.push(' ');
        match element {
            ast::PatternElement::TextElement { value } => into.push_str(value),
            ast::PatternElement::Placeable {
                expression: ast::Expression::Select { variants, .. },
            } => {
                for variant in variants {
                    text_of_pattern(&variant.value, into);
                }
            }
            ast::PatternElement::Placeable { .. } => {}
        }
    }
}
