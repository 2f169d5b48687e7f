//! `touchpoint validate PATH…`: checklist files checked, each problem named
//! by file, line and column.

use std::io::Write;
use std::path::PathBuf;

use super::Failure;
use super::labels::touchpoint_shown;
use crate::checklist::{self, Diagnostic, Source};
use crate::tr;

/// `touchpoint validate PATH…`: every file named or found in a folder.
pub fn validate(paths: &[PathBuf], out: &mut dyn Write) -> Result<(), Failure> {
    let mut problems: Vec<Diagnostic> = Vec::new();
    let mut files = Vec::new();
    let mut bad = 0;
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let message = match crate::store::checklists::files_in(path) {
            Ok(found) if !found.is_empty() => {
                files.extend(found);
                continue;
            }
            Ok(_) => tr!("cli-folder-no-toml"),
            Err(e) => tr!("cli-cannot-read-folder", reason = checklist::io_reason(&e)),
        };
        let problem = Diagnostic::file(&path.display().to_string(), message);
        say!("{problem}");
        problems.push(problem);
        bad += 1;
    }
    let total = files.len() + bad;
    for file in &files {
        let shown = file.display().to_string();
        let read = crate::store::checklists::read_bytes(file)
            .map_err(|message| vec![Diagnostic::file(&shown, message)])
            .and_then(|bytes| {
                let loaded = checklist::from_bytes(&shown, &bytes, Source::Path(file.clone()))?;
                Ok((loaded, checklist::warnings(&shown, &bytes)))
            });
        match read {
            Ok((loaded, warnings)) => {
                for warning in &warnings {
                    say!("{warning}");
                }
                let c = &loaded.checklist;
                let _ = writeln!(
                    out,
                    "{}",
                    tr!(
                        "cli-validate-ok",
                        path = crate::text::escaped(&file.display().to_string()),
                        id = c.checklist.id.as_str(),
                        touchpoint = touchpoint_shown(&c.checklist.touchpoint),
                        count = c.item_count()
                    )
                );
            }
            Err(errors) => {
                bad += 1;
                let _ = out.flush();
                for problem in &errors {
                    say!("{problem}");
                }
                problems.extend(errors);
            }
        }
    }
    let _ = out.flush();
    if problems.is_empty() {
        let _ = writeln!(out, "{}", tr!("cli-validate-all-valid", count = total));
        Ok(())
    } else {
        let count = problems.len();
        say!(
            "{}",
            tr!(
                "cli-validate-summary",
                problems = count,
                bad = bad,
                total = total
            )
        );
        Err(Failure::Reported)
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::with_lang;
    use crate::locale::Lang;
    use crate::tr;

    #[test]
    fn the_validate_summary_counts_in_russian() {
        let summary = |problems: usize, total: usize| {
            with_lang(Lang::Ru, || {
                tr!(
                    "cli-validate-summary",
                    problems = problems,
                    bad = 1usize,
                    total = total
                )
            })
        };
        let lines: Vec<String> = [1, 2, 5, 11, 21, 22]
            .into_iter()
            .map(|n| summary(n, n))
            .collect();
        assert_eq!(
            lines,
            [
                "1 ошибка в 1 из 1 файла",
                "2 ошибки в 1 из 2 файлов",
                "5 ошибок в 1 из 5 файлов",
                "11 ошибок в 1 из 11 файлов",
                "21 ошибка в 1 из 21 файла",
                "22 ошибки в 1 из 22 файлов",
            ]
        );
        let english = with_lang(Lang::En, || {
            tr!(
                "cli-validate-summary",
                problems = 24usize,
                bad = 1usize,
                total = 1usize
            )
        });
        assert_eq!(english, "24 problems in 1 of 1 file");
    }
}
