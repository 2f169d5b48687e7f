//! The README's example checklist is a real, valid checklist: a reader who
//! copies it gets a file that `touchpoint validate` accepts.

use touchpoint::checklist::{Response, parse};

/// The first ```toml block after the heading `heading` of README.md.
fn toml_block_after(heading: &str) -> String {
    let readme = include_str!("../README.md");
    let (_, after) = readme
        .split_once(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("README.md has no heading {heading:?}"));
    let (_, block) = after
        .split_once("```toml\n")
        .unwrap_or_else(|| panic!("no ```toml block after {heading:?} in README.md"));
    let (block, _) = block
        .split_once("\n```")
        .expect("the ```toml block in README.md is closed");
    block.to_owned() + "\n"
}

#[test]
fn the_readme_example_checklist_is_valid() {
    let example = toml_block_after("## The checklist format");
    let checklist = parse::parse("README.md example", &example).unwrap_or_else(|problems| {
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        panic!(
            "the README example does not validate:\n{}",
            shown.join("\n")
        )
    });
    // It shows what its comments claim: a scored set of its own, a grade, a
    // critical item and a condition.
    assert!(!checklist.responses.is_empty(), "a response set of its own");
    let items: Vec<_> = checklist.items().map(|(_, item)| item).collect();
    assert!(items.iter().any(|i| i.is_critical()), "a critical item");
    assert!(items.iter().any(|i| i.show_if.is_some()), "a show_if");
    assert!(
        items.iter().any(|i| i.response_name() == "grade"),
        "a grade item"
    );
    assert!(
        items
            .iter()
            .any(|i| matches!(checklist.response(i), Response::Text)),
        "a text item"
    );
}
