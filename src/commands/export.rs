//! `touchpoint export ID`: one visit as TOML, JSON, CSV, Markdown or HTML,
//! with the editor's corrections and its signed state.

use std::path::{Path, PathBuf};

use super::records::read_record_file;
use super::terminal::to_stdout;
use super::{Failure, io_failure, open_store, review, sign};
use crate::cli::ExportFormat;
use crate::config::Config;
use crate::record;
use crate::report;
use crate::session;
use crate::store::Store;
use crate::tr;
use crate::tui;
use crate::visit::{Status, Visit};

/// `touchpoint export ID`: the record as TOML, JSON, CSV or Markdown, to a
/// file (written atomically) or standard output.
pub fn export(
    data_dir: Option<&Path>,
    id: &str,
    output: Option<&Path>,
    format: ExportFormat,
) -> Result<(), Failure> {
    let store = open_store(data_dir)?;
    let config = Config::load()?;
    let current = session::read_visit(&store, id)?;
    for note in current.journal_notes(id) {
        say!("touchpoint: {note}");
    }
    if current.record.header.clock_went_back() {
        say!(
            "touchpoint: {}",
            tr!(
                "cli-warning",
                warning = tui::app::clock_went_back(&current.record.header)
            )
        );
    }
    // The debrief names the record's signed state (issue 22).
    let signed = (current.record.header.status == Status::Final)
        .then(|| {
            let path = store.path(id).ok()?;
            let signers = sign::signers(None, false).ok()?;
            Some(signers.state(&path, &current.record))
        })
        .flatten();
    let text = match format {
        // The record itself, byte for byte as saved when no journal adds to
        // it, but for characters that could drive a terminal, escaped as TOML
        // reads them back.
        ExportFormat::Toml => {
            crate::text::escape_toml(&String::from_utf8_lossy(&current.bytes)).into_owned()
        }
        other => {
            // The editor's review of a final visit: its corrected answers
            // and marks (the TOML export stays the auditor's record).
            let review = if current.record.header.status == Status::Final {
                let (found, warnings) = review::review_of(&store, Some(&config), id);
                for w in warnings {
                    say!("touchpoint: {}", tr!("cli-warning", warning = w));
                }
                Some(found.map(|f| f.state).unwrap_or_default())
            } else {
                None
            };
            let mut visit = match current.visit {
                Some(visit) => visit,
                None => {
                    let (visit, warnings, _) = session::load_visit(&store, id)?;
                    for w in &warnings {
                        say!(
                            "touchpoint: {}",
                            tr!("cli-warning", warning = w.to_string())
                        );
                    }
                    visit
                }
            };
            if let Some(state) = &review {
                review::correct_visit(&mut visit, state);
            }
            let marked = review
                .as_ref()
                .filter(|r| *r != &crate::review::State::default());
            match other {
                ExportFormat::Json => {
                    let json = record::to_json(&visit);
                    match &review {
                        Some(state) => review::mark_json(&json, state),
                        None => json,
                    }
                }
                ExportFormat::Csv => review::mark_csv(
                    &record::to_csv(&visit),
                    review.as_ref().map(|r| r.status),
                    &review.clone().unwrap_or_default(),
                ),
                ExportFormat::Html => {
                    let since = since_last_visit(&store, &visit);
                    let page = crate::report::debrief::to_html_since(
                        &visit,
                        &|file| crate::evidence::read_attached(store.root(), file),
                        since.as_ref(),
                    );
                    let page = with_signed_html(page, signed);
                    match marked {
                        Some(state) => review::mark_html(&page, state),
                        None => page,
                    }
                }
                _ => {
                    let markdown = match output.filter(|p| *p != Path::new("-")) {
                        // The attached files go beside the document, linked
                        // relatively, so that they travel with it.
                        Some(path) => {
                            let folder = evidence_folder_of(path);
                            copy_evidence(&store, &visit, &folder, config.export_mode())?;
                            let name = folder
                                .file_name()
                                .map(|n| n.to_string_lossy().into_owned())
                                .unwrap_or_default();
                            record::to_markdown_in(&visit, &name)
                        }
                        // On standard output the files are named, not linked.
                        None => record::to_markdown(&visit),
                    };
                    let markdown = with_signed_md(markdown, signed);
                    match marked {
                        Some(state) => review::mark_markdown(&markdown, state),
                        None => markdown,
                    }
                }
            }
        }
    };
    match output {
        Some(path) if path != Path::new("-") => {
            crate::store::check_outside(path, store.root())?;
            crate::store::write_export(path, text.as_bytes(), config.export_mode())?;
            Ok(())
        }
        _ => to_stdout(|out| out.write_all(text.as_bytes())),
    }
}

/// The signed state in the reader's words: "Signature: valid".
fn signed_sentence(state: &str) -> String {
    tr!("export-signed", state = report::text::signed_word(state))
}

/// A Markdown debrief with its signed state as a fact, after the id.
fn with_signed_md(text: String, signed: Option<&str>) -> String {
    let Some(state) = signed else {
        return text;
    };
    let mut out = String::with_capacity(text.len() + 64);
    let mut done = false;
    for line in text.split_inclusive('\n') {
        out.push_str(line);
        if !done && line.starts_with(&format!("| {} |", tr!("export-id"))) {
            out.push_str(&format!(
                "| {} | {} |\n",
                tr!("export-signature"),
                report::text::signed_word(state)
            ));
            done = true;
        }
    }
    out
}

/// An HTML debrief with its signed state under its title.
fn with_signed_html(html: String, signed: Option<&str>) -> String {
    match (signed, html.find("</h1>")) {
        (Some(state), Some(at)) => {
            let at = at + "</h1>".len();
            let sentence = maud::html! { p.sub { (signed_sentence(state)) } }.into_string();
            format!("{}{sentence}{}", &html[..at], &html[at..])
        }
        _ => html,
    }
}

/// `DIR/visit-evidence` for `DIR/visit.md`: where a Markdown export's
/// attached files go.
fn evidence_folder_of(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "visit".to_owned());
    path.with_file_name(format!("{stem}-evidence"))
}

/// Copies the visit's attached files into `folder` (each written as an
/// export is: atomically, with `mode`). A file missing from the data folder
/// is warned about and left out; it cannot be linked anyway.
fn copy_evidence(store: &Store, visit: &Visit, folder: &Path, mode: u32) -> Result<(), Failure> {
    use std::path::Component;
    let files = visit.evidence();
    if files.is_empty() {
        return Ok(());
    }
    std::fs::create_dir_all(folder).map_err(|e| io_failure(&tr!("cli-cannot-write"), &e))?;
    for file in files {
        let name = record::evidence_file_name(file);
        let relative = Path::new(&file.file);
        let inside = relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
        let read = if inside {
            crate::store::open_owned(
                &store.root().join(relative),
                std::fs::OpenOptions::new().read(true),
            )
            .map_err(|e| match e {
                crate::store::OpenRefusal::Refused(e) => e.to_string(),
                crate::store::OpenRefusal::Io(e) => e.to_string(),
            })
            .and_then(|f| {
                use crate::store::open::{ReadError, read_capped};
                read_capped(&f, crate::evidence::MAX_EVIDENCE_BYTES).map_err(|e| match e {
                    ReadError::Io(e) => e.to_string(),
                    ReadError::NotRegular(_) => tr!("store-not-regular-file"),
                    ReadError::TooLarge { .. } => tr!("evidence-over-limit"),
                })
            })
        } else {
            Err(tr!("cli-evidence-outside"))
        };
        match read {
            Ok(bytes) => {
                crate::store::write_export(&folder.join(&name), &bytes, mode)?;
            }
            Err(reason) => say!(
                "touchpoint: {}",
                tr!(
                    "cli-warning",
                    warning = tr!(
                        "cli-evidence-not-copied",
                        file = crate::text::escaped(&file.file),
                        reason = reason
                    )
                )
            ),
        }
    }
    Ok(())
}

/// What changed since the site's earlier final visit of the same journey in
/// the data folder, if there is one (for the debrief).
fn since_last_visit(store: &Store, visit: &Visit) -> Option<report::compare::Comparison> {
    let current = record::parse(&visit.header.id, &record::to_toml(visit)).ok()?;
    let files = store.visit_files().ok()?;
    let others = files.iter().filter_map(|p| read_record_file(p).ok());
    let earlier = report::compare::earlier_visit(&current, others)?;
    Some(report::compare::compare(&earlier, &current))
}
