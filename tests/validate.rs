//! `touchpoint validate`, run as a user runs it: the built binary on the
//! fixtures under `tests/fixtures/checklists/`.
//!
//! Every file in `invalid/` has a `NAME.expected` beside it with the exact
//! `path:line:col: message` lines the binary must print for it, the path as
//! the test passes it (the bare file name; the test runs in that folder).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_touchpoint");

fn fixtures(kind: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/checklists")
        .join(kind)
}

/// The `.toml` files of a fixture folder, by name.
fn toml_files(folder: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(folder)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", folder.display()))
        .map(|entry| entry.expect("folder entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

/// Runs `touchpoint ARGS…` in `dir`.
fn touchpoint(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("the touchpoint binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// What a user must never see, whatever the input: a panic, a debug dump, or a
/// control character that could drive their terminal.
fn hygiene_problems(output: &Output) -> Vec<String> {
    let mut problems = Vec::new();
    for (name, stream) in [("stdout", &output.stdout), ("stderr", &output.stderr)] {
        let shown = text(stream);
        if shown.contains("panicked") || shown.contains("RUST_BACKTRACE") {
            problems.push(format!("{name} shows a panic:\n{shown}"));
        }
        if let Some(c) = shown.chars().find(|c| c.is_control() && *c != '\n') {
            problems.push(format!(
                "{name} holds the raw control character U+{:04X}:\n{shown:?}",
                c as u32
            ));
        }
    }
    problems
}

/// A folder of its own under Cargo's scratch space for integration tests.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

fn summary(problems: usize, bad: usize, files: usize) -> String {
    format!(
        "{problems} problem{} in {bad} of {files} file{}",
        if problems == 1 { "" } else { "s" },
        if files == 1 { "" } else { "s" }
    )
}

#[test]
fn every_valid_fixture_passes() {
    let dir = fixtures("valid");
    let files = toml_files(&dir);
    assert!(files.len() >= 6, "expected the valid fixtures in {dir:?}");
    let mut failures = Vec::new();
    for file in &files {
        let name = file.file_name().unwrap().to_str().unwrap();
        let output = touchpoint(&dir, &["validate", name]);
        let stdout = text(&output.stdout);
        if output.status.code() != Some(0)
            || !output.stderr.is_empty()
            || !stdout.starts_with(&format!("ok {name}: "))
            || !stdout.ends_with("all 1 checklist files are valid\n")
        {
            failures.push(format!(
                "valid/{name}: exit {:?}\nstdout:\n{stdout}stderr:\n{}",
                output.status.code(),
                text(&output.stderr)
            ));
        }
        failures.extend(
            hygiene_problems(&output)
                .into_iter()
                .map(|p| format!("valid/{name}: {p}")),
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_windows_fixture_really_has_a_bom_and_crlf() {
    // Guards against a checkout that converts line endings: the fixture would
    // still pass, but no longer test anything.
    let bytes = fs::read(fixtures("valid").join("bom-crlf.toml")).unwrap();
    assert!(
        bytes.starts_with(b"\xef\xbb\xbf"),
        "valid/bom-crlf.toml lost its BOM"
    );
    let lines = bytes.split(|b| *b == b'\n').count() - 1;
    let crlf = bytes.windows(2).filter(|w| w == b"\r\n").count();
    assert_eq!(
        crlf, lines,
        "valid/bom-crlf.toml must end every line with CRLF"
    );
}

#[test]
fn every_invalid_fixture_fails_with_its_expected_messages() {
    let dir = fixtures("invalid");
    let files = toml_files(&dir);
    assert!(files.len() >= 30, "expected at least 30 invalid fixtures");
    let mut failures = Vec::new();
    for file in &files {
        let name = file.file_name().unwrap().to_str().unwrap();
        let expected_path = file.with_extension("expected");
        let Ok(expected) = fs::read_to_string(&expected_path) else {
            failures.push(format!(
                "invalid/{name}: no {} beside it",
                expected_path.file_name().unwrap().to_string_lossy()
            ));
            continue;
        };
        let mut expected: Vec<&str> = expected.lines().collect();
        if expected.is_empty() {
            failures.push(format!("invalid/{name}: its .expected file is empty"));
            continue;
        }
        let problems = expected.len();
        let summary = summary(problems, 1, 1);
        expected.push(&summary);

        let output = touchpoint(&dir, &["validate", name]);
        let stderr = text(&output.stderr);
        let actual: Vec<&str> = stderr.lines().collect();
        if output.status.code() != Some(1) {
            failures.push(format!(
                "invalid/{name}: exit {:?}, expected 1",
                output.status.code()
            ));
        }
        if actual != expected {
            failures.push(format!(
                "invalid/{name}: stderr differs\nexpected:\n{}\nactual:\n{}",
                expected.join("\n"),
                actual.join("\n")
            ));
        }
        if !output.stdout.is_empty() {
            failures.push(format!(
                "invalid/{name}: unexpected stdout:\n{}",
                text(&output.stdout)
            ));
        }
        failures.extend(
            hygiene_problems(&output)
                .into_iter()
                .map(|p| format!("invalid/{name}: {p}")),
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_expected_file_has_its_fixture() {
    let dir = fixtures("invalid");
    let orphans: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.extension().is_some_and(|e| e == "expected")
                && !path.with_extension("toml").exists()
        })
        .map(|path| path.display().to_string())
        .collect();
    assert!(orphans.is_empty(), "no .toml for: {orphans:?}");
}

#[test]
fn the_bundled_checklists_are_all_valid() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = touchpoint(root, &["validate", "checklists"]);
    let stdout = text(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "stdout:\n{stdout}stderr:\n{}",
        text(&output.stderr)
    );
    assert!(output.stderr.is_empty(), "{}", text(&output.stderr));
    let ok = stdout.lines().filter(|l| l.starts_with("ok ")).count();
    assert_eq!(ok, 18, "{stdout}");
    assert!(
        stdout.ends_with("all 18 checklist files are valid\n"),
        "{stdout}"
    );
    for id in [
        "hotel-check-in",
        "hotel-in-stay",
        "hotel-departure",
        "hotel-check-in-ru",
        "hotel-in-stay-ru",
        "hotel-departure-ru",
        "train-check-in",
        "train-in-stay",
        "train-departure",
        "train-check-in-ru",
        "train-in-stay-ru",
        "train-departure-ru",
        "cruise-check-in",
        "cruise-in-stay",
        "cruise-departure",
        "cruise-check-in-ru",
        "cruise-in-stay-ru",
        "cruise-departure-ru",
    ] {
        assert!(
            stdout.contains(&format!("checklists/{id}.toml: {id} (")),
            "{id} missing from:\n{stdout}"
        );
    }
}

#[test]
fn a_folder_is_searched_for_toml_files() {
    let dir = scratch("folder");
    fs::create_dir_all(dir.join("lists/more")).unwrap();
    for (to, from) in [
        ("lists/minimal.toml", "minimal.toml"),
        ("lists/more/cjk.toml", "cjk.toml"),
    ] {
        fs::copy(fixtures("valid").join(from), dir.join(to)).unwrap();
    }
    fs::write(dir.join("lists/notes.txt"), "not a checklist").unwrap();
    let output = touchpoint(&dir, &["validate", "lists"]);
    let stdout = text(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert_eq!(
        stdout,
        "ok lists/minimal.toml: minimal (departure, 1 item)\n\
         ok lists/more/cjk.toml: cjk-check-in (check-in, 3 items)\n\
         all 2 checklist files are valid\n"
    );
}

#[test]
fn a_missing_path_is_named() {
    let dir = scratch("missing");
    let output = touchpoint(&dir, &["validate", "no-such-list.toml"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stderr),
        format!(
            "no-such-list.toml: no such file or folder\n{}\n",
            summary(1, 1, 1)
        )
    );
    assert!(hygiene_problems(&output).is_empty());
}

#[test]
fn a_folder_without_checklists_is_an_error() {
    let dir = scratch("no-toml");
    fs::create_dir_all(dir.join("empty")).unwrap();
    fs::write(dir.join("empty/readme.txt"), "nothing here").unwrap();
    let output = touchpoint(&dir, &["validate", "empty"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stderr),
        format!("empty: folder holds no .toml files\n{}\n", summary(1, 1, 1))
    );
}

#[test]
fn several_paths_report_every_problem_and_one_summary() {
    let dir = fixtures("invalid");
    let output = touchpoint(
        &dir,
        &[
            "validate",
            "../valid/minimal.toml",
            "negative-weight.toml",
            "missing-required-keys.toml",
            "no-such-list.toml",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stdout),
        "ok ../valid/minimal.toml: minimal (departure, 1 item)\n"
    );
    let mut expected = String::new();
    for name in ["negative-weight", "missing-required-keys"] {
        expected += &fs::read_to_string(dir.join(format!("{name}.expected"))).unwrap();
    }
    expected += "no-such-list.toml: no such file or folder\n";
    let problems = expected.lines().count();
    expected += &format!("{}\n", summary(problems, 3, 4));
    assert_eq!(text(&output.stderr), expected);
}

#[test]
fn the_whole_invalid_folder_fails_file_by_file() {
    let dir = fixtures("invalid");
    let files = toml_files(&dir);
    let output = touchpoint(&dir, &["validate", "."]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    let problems: usize = files
        .iter()
        .map(|f| fs::read_to_string(f.with_extension("expected")).map_or(0, |e| e.lines().count()))
        .sum();
    assert_eq!(
        lines.last().copied(),
        Some(summary(problems, files.len(), files.len()).as_str())
    );
    assert_eq!(lines.len(), problems + 1);
    assert!(output.stdout.is_empty(), "{}", text(&output.stdout));
    assert!(hygiene_problems(&output).is_empty());
}

#[test]
fn validate_without_paths_is_a_usage_error() {
    let output = touchpoint(Path::new(env!("CARGO_MANIFEST_DIR")), &["validate"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("Usage: touchpoint validate <PATH>..."),
        "{stderr}"
    );
}

#[test]
fn a_file_over_the_size_limit_is_refused_unread() {
    let dir = scratch("too-big");
    let mut bytes = fs::read(fixtures("valid").join("minimal.toml")).unwrap();
    bytes.resize(4 * 1024 * 1024 + 1, b'#');
    fs::write(dir.join("huge.toml"), &bytes).unwrap();
    let output = touchpoint(&dir, &["validate", "huge.toml"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stderr),
        format!(
            "huge.toml: is 4194305 bytes; a checklist may be at most 4 MiB\n{}\n",
            summary(1, 1, 1)
        )
    );
}

#[test]
fn a_file_name_with_an_escape_is_shown_inert() {
    let dir = scratch("escape-name");
    let name = "bad\u{1b}[31mname.toml";
    fs::write(dir.join(name), "").unwrap();
    let output = touchpoint(&dir, &["validate", name]);
    assert_eq!(output.status.code(), Some(1));
    assert!(hygiene_problems(&output).is_empty(), "{:?}", output);
    assert!(
        text(&output.stderr).starts_with("bad\\u{1b}[31mname.toml: the file is empty"),
        "{}",
        text(&output.stderr)
    );
}
