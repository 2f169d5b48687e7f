//! The command line's reach: completion scripts run in a real bash, the
//! manual page rendered by groff, and the lists as JSON for scripts.

use crate::common;

use std::path::Path;
use std::process::{Command, Stdio};

use common::{Cleanup, have, run, temp_dir};

/// A data folder holding the fixture visit `name`, as touchpoint keeps it.
fn data_with(test: &str, name: &str) -> (std::path::PathBuf, String) {
    use std::os::unix::fs::PermissionsExt;
    let data = temp_dir(test);
    let visits = data.join("visits");
    std::fs::create_dir_all(&visits).unwrap();
    for dir in [&data, &visits] {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/records")
        .join(name);
    let bytes = std::fs::read(fixture).unwrap();
    let record = touchpoint::record::parse_bytes(name, &bytes).unwrap();
    let file = visits.join(format!("{}.toml", record.header.id));
    std::fs::write(&file, &bytes).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    (data, record.header.id)
}

/// What bash completes for the words `line` (the last one being completed),
/// with the script `touchpoint completions bash` printed sourced first; the
/// function is called as bash calls it (command, word, previous word).
fn bash_completes(data: &Path, line: &[&str]) -> Vec<String> {
    let script = run(data, &["completions", "bash"]);
    assert!(
        script.status.success(),
        "{}",
        String::from_utf8_lossy(&script.stderr)
    );
    let script_file = data.join("completion.bash");
    std::fs::write(&script_file, &script.stdout).unwrap();
    let words: Vec<String> = line.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        "source '{}'\nCOMP_WORDS=({})\nCOMP_CWORD={}\n_touchpoint_ids touchpoint \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        script_file.display(),
        words.join(" "),
        line.len() - 1
    );
    let bin = Path::new(env!("CARGO_BIN_EXE_touchpoint"))
        .parent()
        .unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut like_ours = common::touchpoint_command(&[], data);
    like_ours.env("PATH", path);
    let out = Command::new("bash")
        .arg("--norc")
        .arg("-c")
        .arg(&program)
        .envs(like_ours.get_envs().filter_map(|(k, v)| v.map(|v| (k, v))))
        .stdin(Stdio::null())
        .output()
        .expect("run bash");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn bash_completes_commands_visit_ids_and_checklist_ids() {
    if !have("bash") {
        return;
    }
    let (data, id) = data_with("reach-bash", "a-metropol-october.toml");
    let _cleanup = Cleanup(data.clone());
    let commands = bash_completes(&data, &["touchpoint", "res"]);
    assert!(commands.contains(&"resume".to_owned()), "{commands:?}");
    assert!(commands.contains(&"restore".to_owned()), "{commands:?}");
    assert!(
        !commands.iter().any(|c| c.starts_with("__")),
        "{commands:?}"
    );

    let ids = bash_completes(&data, &["touchpoint", "resume", ""]);
    assert_eq!(ids, vec![id.clone()]);
    let ids = bash_completes(&data, &["touchpoint", "export", &id[..6]]);
    assert_eq!(ids, vec![id.clone()]);
    // Nothing in the trash yet: nothing offered for `restore`.
    let ids = bash_completes(&data, &["touchpoint", "restore", ""]);
    assert!(!ids.contains(&id), "{ids:?}");

    let checklists = bash_completes(&data, &["touchpoint", "new", "hotel-ch"]);
    assert!(
        checklists.contains(&"hotel-check-in".to_owned()),
        "{checklists:?}"
    );

    // Options still complete from clap's own script.
    let options = bash_completes(&data, &["touchpoint", "export", &id, "--for"]);
    assert_eq!(options, vec!["--format".to_owned()]);
}

#[test]
fn completion_scripts_for_every_shell_name_the_commands() {
    let data = temp_dir("reach-shells");
    let _cleanup = Cleanup(data.clone());
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = run(&data, &["completions", shell]);
        assert!(
            out.status.success(),
            "{shell}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        for command in ["resume", "export", "report", "completions"] {
            assert!(text.contains(command), "{shell} script lacks {command}");
        }
    }
    let bad = run(&data, &["completions", "tcsh"]);
    assert_eq!(bad.status.code(), Some(2));
    // Completing never creates the data folder it looks in.
    let fresh = data.join("not-yet");
    let script = String::from_utf8(run(&data, &["completions", "bash"]).stdout).unwrap();
    assert_eq!(
        script.matches("__ids").count(),
        1,
        "only our own call: {script}"
    );
    let out = common::touchpoint_command(&["__ids", "visits"], &fresh)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    assert!(!fresh.exists());
}

#[test]
fn the_manual_page_renders_in_groff_without_warnings() {
    if !have("groff") {
        return;
    }
    let data = temp_dir("reach-man");
    let _cleanup = Cleanup(data.clone());
    for lang in ["en", "ru"] {
        let page = run(&data, &["--lang", lang, "man"]);
        assert!(
            page.status.success(),
            "{}",
            String::from_utf8_lossy(&page.stderr)
        );
        let mut groff = Command::new("groff")
            .args(["-man", "-Tutf8", "-ww", "-K", "utf8"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run groff");
        use std::io::Write as _;
        groff.stdin.take().unwrap().write_all(&page.stdout).unwrap();
        let out = groff.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && stderr.trim().is_empty(),
            "{lang}: {stderr}"
        );
        // groff marks bold and underlining by overstriking; read the letters alone.
        let plain = strip_overstrike(&String::from_utf8_lossy(&out.stdout));
        for command in [
            "touchpoint resume",
            "touchpoint report",
            "touchpoint completions",
        ] {
            assert!(
                plain.contains(command),
                "{lang}: {command} missing in\n{plain}"
            );
        }
        assert!(plain.contains("--data-dir"), "{lang}: {plain}");
        assert!(plain.contains("TOUCHPOINT_DATA_DIR"), "{lang}: {plain}");
        let heading = if lang == "en" {
            "EXIT STATUS"
        } else {
            "КОД ВЫХОДА"
        };
        assert!(plain.contains(heading), "{lang}: {plain}");
    }
}

/// groff's terminal output without its overstriking (`a\ba` bold, `_\ba` underlined).
fn strip_overstrike(text: &str) -> String {
    let mut out: Vec<char> = Vec::new();
    for c in text.chars() {
        if c == '\u{8}' {
            out.pop();
            continue;
        }
        out.push(c);
    }
    out.into_iter().collect()
}

#[test]
fn list_and_checklists_as_json_for_scripts() {
    let (data, id) = data_with("reach-json", "a-metropol-october.toml");
    let _cleanup = Cleanup(data.clone());
    let out = run(&data, &["list", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let visits = list["visits"].as_array().unwrap();
    assert_eq!(visits.len(), 1);
    assert_eq!(visits[0]["id"], id.as_str());
    assert_eq!(visits[0]["site"], "Hotel Metropol");
    assert_eq!(visits[0]["status"], "final");
    assert!(visits[0]["answered"].as_u64().unwrap() <= visits[0]["shown"].as_u64().unwrap());

    let out = run(&data, &["checklists", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = list["checklists"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"hotel-check-in"), "{ids:?}");
    assert!(ids.contains(&"hotel-check-in-ru"), "{ids:?}");
}
