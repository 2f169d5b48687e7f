//! The flat table analysts load into a spreadsheet or DuckDB: one row per
//! observation across all visits, written record by record as they are read,
//! so the report never holds them all.

use std::io::{self, Write};

use crate::record::{AnswerValue, RecordFile, Stamp, csv_text, format_number};

/// A text cell from a record: control and invisible characters (ESC, C1,
/// bidi overrides) written as `\u{1b}` text, then neutralised for
/// spreadsheets. The same whether the table goes to a file, a pipe or a
/// terminal.
fn text(cell: &str) -> String {
    csv_text(&crate::text::escape(cell)).into_owned()
}

/// The columns, in order. The last ten came with issue 20, after the
/// first eighteen so that older scripts reading by position still work.
/// `review_status` is the editor's (empty for a draft); `corrected` is
/// `true` on an answer the editor corrected.
pub const COLUMNS: [&str; 28] = [
    "visit_id",
    "site",
    "auditor",
    "started",
    "touchpoint",
    "checklist",
    "version",
    "section",
    "item",
    "prompt",
    "answer",
    "na",
    "tags",
    "points",
    "max",
    "critical",
    "skipped",
    "note",
    "status",
    "review_status",
    "corrected",
    "exceeded",
    "label",
    "timed",
    "first_at",
    "at",
    "date",
    "month",
];

/// A number as a CSV cell that every reader types as a decimal: always with
/// a decimal point (`1.0`, `0.5`), so that a column whose first rows hold
/// whole numbers is not guessed to be integers.
pub fn decimal(n: f64) -> String {
    let text = format_number(n);
    if text.contains(['.', 'e', 'E']) || !n.is_finite() {
        text
    } else {
        format!("{text}.0")
    }
}

/// Rows of observations written through the csv crate as records come.
pub struct Rows<W: Write> {
    out: W,
}

fn flag(on: bool) -> &'static str {
    if on { "true" } else { "" }
}

impl<W: Write> Rows<W> {
    /// Starts the table on `out` with its header row.
    pub fn new(mut out: W) -> io::Result<Rows<W>> {
        let mut header = ::csv::Writer::from_writer(Vec::new());
        header.write_record(COLUMNS)?;
        out.write_all(&header.into_inner().map_err(|e| e.into_error())?)?;
        Ok(Rows { out })
    }

    /// One row per observation of `record`, in file order. Text that a
    /// spreadsheet would run as a formula is neutralised; numbers stay numbers.
    pub fn add(&mut self, record: &RecordFile) -> io::Result<()> {
        let rows = render(record)?;
        self.add_rendered(&rows)
    }

    /// Rows made by [`render`] (on another thread, say).
    pub fn add_rendered(&mut self, rows: &[u8]) -> io::Result<()> {
        self.out.write_all(rows)
    }

    /// Flushes and gives the output back.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// The rows of `record`, without the header, as CSV bytes.
pub fn render(record: &RecordFile) -> io::Result<Vec<u8>> {
    let status = (record.header.status == crate::visit::Status::Final).then_some("final");
    render_reviewed(record, status, &[])
}

/// [`render`] with the editor's review: the visit's review status and the
/// `checklist/item` of each corrected answer.
pub fn render_reviewed(
    record: &RecordFile,
    review_status: Option<&str>,
    corrected: &[String],
) -> io::Result<Vec<u8>> {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    {
        let header = &record.header;
        let started = header.started.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
        // The day and month of the visit in its own offset, as the report
        // counts it (a visit started 21:30 −05:00 on 30 Nov is November's).
        let date = header.started.strftime("%Y-%m-%d").to_string();
        let month = header.started.strftime("%Y-%m").to_string();
        let status = header.status.as_str();
        let (id, site, auditor) = (text(&header.id), text(&header.site), text(&header.auditor));
        for o in &record.observations {
            let checklist = record.checklists.iter().find(|c| c.id == o.checklist);
            let touchpoint = checklist.map(|c| c.touchpoint.as_str()).unwrap_or("");
            let version = checklist.and_then(|c| c.version.as_deref()).unwrap_or("");
            let answer = match &o.answer {
                Some(AnswerValue::Number(n)) => format_number(*n),
                Some(AnswerValue::Text(t)) => text(t),
                None => String::new(),
            };
            let points = o.points.map(decimal).unwrap_or_default();
            let max = o.max.map(decimal).unwrap_or_default();
            let label = o.label.as_deref().map(text).unwrap_or_default();
            let timed = o.timed.map(decimal).unwrap_or_default();
            let first_at = o.first_at.as_ref().map(Stamp::rfc3339).unwrap_or_default();
            let at = o.at.as_ref().map(Stamp::rfc3339).unwrap_or_default();
            let is_corrected = corrected
                .iter()
                .any(|c| c.split_once('/') == Some((o.checklist.as_str(), o.item.as_str())));
            writer.write_record([
                &*id,
                &*site,
                &*auditor,
                started.as_str(),
                &text(touchpoint),
                &text(&o.checklist),
                &text(version),
                &text(&o.section),
                &text(&o.item),
                &text(&o.prompt),
                &answer,
                flag(o.na),
                &text(&o.tags.join(";")),
                &points,
                &max,
                flag(o.critical),
                flag(o.skipped),
                &text(&o.note),
                status,
                review_status.unwrap_or(""),
                flag(is_corrected),
                flag(o.exceeded),
                &label,
                &timed,
                &first_at,
                &at,
                &date,
                &month,
            ])?;
        }
    }
    writer.into_inner().map_err(|e| e.into_error())
}
