//! `touchpoint completions SHELL` and the hidden `touchpoint __ids KIND` its
//! scripts call: clap_complete writes the script from the same definition as
//! the command line, and a few lines of our own make visit and checklist ids
//! complete from the data folder where the shell lets them (bash, zsh, fish).

use std::io::Write;
use std::path::Path;

use clap_complete::Shell;

use super::{Failure, data_root, io_failure};
use crate::config::{self, Config};
use crate::store::Store;
use crate::tr;

/// Commands whose first argument is a visit id, and the id kind each wants.
const ID_ARGUMENTS: [(&str, &str); 6] = [
    ("resume", "visits"),
    ("log", "visits"),
    ("delete", "visits"),
    ("export", "visits"),
    ("restore", "trash"),
    ("new", "checklists"),
];

/// `touchpoint completions SHELL`.
pub fn completions(shell: Shell, out: &mut dyn Write) -> Result<(), Failure> {
    let mut command = crate::cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "touchpoint", &mut script);
    script.extend_from_slice(ids_for(shell).as_bytes());
    out.write_all(&script)
        .map_err(|e| io_failure(&tr!("cli-cannot-write-completions"), &e))
}

/// The script's own part: ids completed by asking `touchpoint __ids`, with
/// the `--data-dir` typed on the line passed along.
fn ids_for(shell: Shell) -> String {
    let cases = |pattern: fn(&str, &str) -> String| {
        ID_ARGUMENTS
            .iter()
            .map(|(command, kind)| pattern(command, kind))
            .collect::<String>()
    };
    match shell {
        Shell::Bash => format!(
            r#"
# Visit and checklist ids, from the data folder.
_touchpoint_ids() {{
    local i word command="" data=() skip=0
    for ((i = 1; i < COMP_CWORD; i++)); do
        word="${{COMP_WORDS[i]}}"
        if ((skip)); then skip=0; continue; fi
        case "$word" in
            --data-dir) skip=1; data=(--data-dir "${{COMP_WORDS[i+1]}}") ;;
            --data-dir=*) data=("$word") ;;
            --lang) skip=1 ;;
            -*) ;;
            *) if [[ -z "$command" ]]; then command="$word"; else command="$command+"; fi ;;
        esac
    done
    local cur="${{COMP_WORDS[COMP_CWORD]}}" kind=""
    case "$command" in
{cases}    esac
    if [[ -n "$kind" && "$cur" != -* ]]; then
        local IFS=$'\n'
        COMPREPLY=($(compgen -W "$(touchpoint __ids "$kind" "${{data[@]}}" 2>/dev/null)" -- "$cur"))
        if [[ "$kind" != checklists || ${{#COMPREPLY[@]}} -gt 0 ]]; then
            return 0
        fi
    fi
    _touchpoint "$@"
}}
complete -F _touchpoint_ids -o bashdefault -o default touchpoint
"#,
            cases = cases(|c, k| format!("        {c}) kind={k} ;;\n"))
        ),
        Shell::Fish => {
            let mut text = String::from("\n# Visit and checklist ids, from the data folder.\n");
            for (command, kind) in ID_ARGUMENTS {
                text.push_str(&format!(
                    "complete -c touchpoint -n '__fish_seen_subcommand_from {command}' -f -a '(touchpoint __ids {kind} 2>/dev/null)'\n"
                ));
            }
            text
        }
        Shell::Zsh => format!(
            r#"
# Visit and checklist ids, from the data folder.
_touchpoint_ids() {{
    local command="" data=() i
    for ((i = 2; i < CURRENT; i++)); do
        case "${{words[i]}}" in
            --data-dir) data=(--data-dir "${{words[i+1]}}"); ((i++)) ;;
            --data-dir=*) data=("${{words[i]}}") ;;
            --lang) ((i++)) ;;
            -*) ;;
            *) if [[ -z "$command" ]]; then command="${{words[i]}}"; else command="$command+"; fi ;;
        esac
    done
    local kind=""
    case "$command" in
{cases}    esac
    if [[ -n "$kind" && "${{words[CURRENT]}}" != -* ]]; then
        local -a ids
        ids=("${{(@f)$(touchpoint __ids "$kind" "${{data[@]}}" 2>/dev/null)}}")
        if (( ${{#ids}} )) && [[ -n "${{ids[1]}}" ]]; then
            compadd -a ids && return 0
        fi
    fi
    _touchpoint "$@"
}}
compdef _touchpoint_ids touchpoint
"#,
            cases = cases(|c, k| format!("        {c}) kind={k} ;;\n"))
        ),
        // Elvish and PowerShell get clap's script alone: commands and
        // options complete there, ids do not (docs/architecture.md).
        _ => String::new(),
    }
}

/// The ids completion scripts ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IdKind {
    /// Visits in the data folder.
    Visits,
    /// Visits in the trash.
    Trash,
    /// Checklists available to `new`.
    Checklists,
}

/// `touchpoint __ids KIND [--data-dir DIR]`: the ids a completion offers,
/// one a line. It is read before the command line (`main`), so that no
/// completion script or help ever shows it. Quiet by design: a completion
/// never prints a problem, and never creates the data folder.
pub fn ids(args: &[std::ffi::OsString], out: &mut dyn Write) {
    let kind = match args.first().and_then(|a| a.to_str()) {
        Some("visits") => IdKind::Visits,
        Some("trash") => IdKind::Trash,
        Some("checklists") => IdKind::Checklists,
        _ => return,
    };
    let flag = match args.get(1..) {
        Some([flag, dir, ..]) if flag == "--data-dir" => Some(std::path::PathBuf::from(dir)),
        Some([flag, ..]) => flag
            .to_str()
            .and_then(|f| f.strip_prefix("--data-dir="))
            .map(std::path::PathBuf::from),
        _ => None,
    };
    let data_dir = flag.or_else(|| {
        std::env::var_os("TOUCHPOINT_DATA_DIR")
            .filter(|d| !d.is_empty())
            .map(std::path::PathBuf::from)
    });
    let mut ids = match kind {
        IdKind::Visits | IdKind::Trash => visit_ids(data_dir.as_deref(), kind),
        IdKind::Checklists => {
            let config = Config::load().unwrap_or_default();
            let (found, _) = config::available(&config);
            found
                .iter()
                .map(|l| l.checklist.checklist.id.clone())
                .collect()
        }
    };
    ids.sort();
    ids.dedup();
    let mut text = String::new();
    for id in ids.iter().filter(|id| crate::store::valid_id(id)) {
        text.push_str(id);
        text.push('\n');
    }
    let _ = out.write_all(text.as_bytes());
}

/// The ids of the visits (or trashed visits) of the data folder, if it exists.
fn visit_ids(data_dir: Option<&Path>, kind: IdKind) -> Vec<String> {
    let Ok(root) = data_root(data_dir) else {
        return Vec::new();
    };
    if !root.join("visits").is_dir() {
        return Vec::new();
    }
    let Ok(store) = Store::open(&root) else {
        return Vec::new();
    };
    let files = match kind {
        IdKind::Trash => store.trash_files().unwrap_or_default(),
        _ => store.visit_files().unwrap_or_default(),
    };
    files
        .iter()
        .filter_map(|f| f.file_stem().and_then(|s| s.to_str()).map(str::to_owned))
        .collect()
}
