//! `list --json` and `checklists --json`: the lists as JSON for scripts, the
//! same facts as the tables, in stable English keys (docs/record.md).

use std::io::Write;

use serde_json::{Value, json};

use super::labels::source_label;
use super::{Failure, io_failure};
use crate::checklist::Loaded;
use crate::record::RecordFile;
use crate::tr;
use crate::visit::Status;

/// The visits `list` found, newest first, as `{"visits": [...]}`.
/// `unexported` says whether a final visit's copy to `export_folder` is
/// still pending; `signed`, whether it is signed or needs no signature.
pub(crate) fn visits(
    records: &[RecordFile],
    trash: bool,
    unexported: &dyn Fn(&str) -> bool,
    signed: &dyn Fn(&str) -> bool,
    review: &dyn Fn(&str) -> Option<crate::review::State>,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let visits: Vec<Value> = records
        .iter()
        .map(|r| {
            let s = r.summary();
            let state =
                (s.status == Status::Final && !trash).then(|| review(&s.id).unwrap_or_default());
            json!({
                "id": s.id,
                "site": s.site,
                "auditor": s.auditor,
                "status": match s.status {
                    Status::Draft => "draft",
                    Status::Final => "final",
                },
                "answered": s.answered,
                "shown": s.answered + s.unanswered,
                "score": s.percent.map(|p| (p * 10.0).round() / 10.0),
                "critical_failures": s.critical_failures,
                "updated": s.updated.to_string(),
                "exported": !unexported(&s.id),
                "awaits_signature": s.status == Status::Final && !signed(&s.id),
                "review_status": state.as_ref().map(|r| r.status.as_str()),
                "resubmitted": state.as_ref().is_some_and(|r| r.resubmitted),
                "open_queries": state.as_ref().map_or(0, |r| r.open.len()),
                "corrected": state.as_ref().map_or(0, |r| r.corrections.len()),
            })
        })
        .collect();
    let key = if trash { "trash" } else { "visits" };
    write(&json!({ key: visits }), out)
}

/// The checklists available, as `{"checklists": [...]}`.
pub(crate) fn checklists(found: &[Loaded], out: &mut dyn Write) -> Result<(), Failure> {
    let list: Vec<Value> = found
        .iter()
        .map(|l| {
            let c = &l.checklist.checklist;
            json!({
                "id": c.id,
                "title": c.title,
                "touchpoint": c.touchpoint,
                "journey": c.journey,
                "language": c.language,
                "version": c.version,
                "items": l.checklist.item_count(),
                "source": source_label(&l.source),
                "sha256": l.sha256,
            })
        })
        .collect();
    write(&json!({ "checklists": list }), out)
}

/// Pretty JSON and a newline, with control, C1 and invisible characters
/// escaped (`\u001b`): lossless, and inert in a terminal.
fn write(value: &Value, out: &mut dyn Write) -> Result<(), Failure> {
    let mut text =
        crate::text::escape_json(serde_json::to_string_pretty(value).unwrap_or_default());
    text.push('\n');
    out.write_all(text.as_bytes())
        .map_err(|e| io_failure(&tr!("cli-cannot-write-list"), &e))
}
