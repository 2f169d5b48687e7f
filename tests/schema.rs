//! The JSON Schema that editors use (`touchpoint schema checklist`) accepts
//! what the parser accepts, and rejects the mistakes an editor should flag.

use std::path::{Path, PathBuf};
use std::process::Command;

use touchpoint::checklist::{Checklist, parse};
use touchpoint::store::checklists::files_in;

fn schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Checklist)).expect("the schema is JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&schema()).expect("the schema is a valid JSON Schema")
}

/// A checklist as an editor's TOML plugin sees it: TOML read as JSON.
fn as_json(toml_text: &str) -> serde_json::Value {
    toml::from_str(toml_text).expect("valid TOML")
}

/// Why `instance` fails the schema, one line per error.
fn schema_errors(validator: &jsonschema::Validator, instance: &serde_json::Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn checklist_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["checklists", "tests/fixtures/checklists/valid"] {
        files.extend(files_in(&root.join(dir)).expect("folder of checklists"));
    }
    files.sort();
    files
}

#[test]
fn the_schema_command_prints_the_schema_of_the_parser_types() {
    let output = Command::new(env!("CARGO_BIN_EXE_touchpoint"))
        .args(["schema", "checklist"])
        .output()
        .expect("the touchpoint binary runs");
    assert_eq!(output.status.code(), Some(0));
    let printed: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("the command prints JSON");
    assert_eq!(printed, schema());
}

#[test]
fn the_schema_accepts_every_bundled_and_valid_checklist() {
    let validator = validator();
    let files = checklist_files();
    assert!(files.len() >= 12, "bundled and valid fixtures: {files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).expect("UTF-8 checklist");
        let errors = schema_errors(&validator, &as_json(&text));
        assert!(
            errors.is_empty(),
            "{}: the schema rejects a valid checklist:\n{}",
            file.display(),
            errors.join("\n")
        );
    }
}

const MINIMAL: &str = r#"
[checklist]
id = "minimal"
title = "Minimal"
touchpoint = "departure"

[responses.speed]
options = [
  { id = "slow", label = "Slow", score = 0 },
  { id = "fast", label = "Fast", score = 1 },
]

[[section]]
id = "out"
title = "Out"

[[section.item]]
id = "said-goodbye"
prompt = "Staff said goodbye"
"#;

#[test]
fn the_schema_rejects_mistakes_an_editor_should_underline() {
    let validator = validator();
    assert!(
        schema_errors(&validator, &as_json(MINIMAL)).is_empty(),
        "the starting point is valid"
    );
    let cases = [
        ("an unknown key", MINIMAL.replace("prompt =", "promt =")),
        (
            "a missing checklist id",
            MINIMAL.replace("id = \"minimal\"\n", ""),
        ),
        (
            "a missing item id",
            MINIMAL.replace("id = \"said-goodbye\"\n", ""),
        ),
        (
            "an id with capitals",
            MINIMAL.replace("\"said-goodbye\"", "\"Said-Goodbye\""),
        ),
        (
            "a negative weight",
            MINIMAL.replace("prompt = \"Staff", "weight = -1\nprompt = \"Staff"),
        ),
        (
            "a negative score",
            MINIMAL.replace("score = 0", "score = -1"),
        ),
        (
            "an empty title",
            MINIMAL.replace("title = \"Out\"", "title = \"\""),
        ),
        ("a newer format", format!("format = 2\n{MINIMAL}")),
        (
            "a within of zero seconds",
            MINIMAL.replace("score = 0 }", "score = 0, within = 0 }"),
        ),
        (
            "exceeds that is not a boolean",
            MINIMAL.replace("score = 1 }", "score = 1, exceeds = \"yes\" }"),
        ),
        (
            "a journey with a space",
            MINIMAL.replace("touchpoint = ", "journey = \"hotel stay\"\ntouchpoint = "),
        ),
        (
            "an at_most that is a string",
            MINIMAL.replace("prompt = \"Staff", "at_most = \"5\"\nprompt = \"Staff"),
        ),
        (
            "a weight that is a string",
            MINIMAL.replace("prompt = \"Staff", "weight = \"2\"\nprompt = \"Staff"),
        ),
        (
            "ten options",
            MINIMAL.replace(
                "{ id = \"fast\", label = \"Fast\", score = 1 },",
                &(1..=9)
                    .map(|n| format!("{{ id = \"o{n}\", label = \"{n}\", score = {n} }},"))
                    .collect::<String>(),
            ),
        ),
    ];
    for (mistake, text) in cases {
        assert!(
            !validator.is_valid(&as_json(&text)),
            "the schema accepts {mistake}:\n{text}"
        );
        assert!(
            parse::parse("case.toml", &text).is_err(),
            "the parser accepts {mistake}"
        );
    }
}
