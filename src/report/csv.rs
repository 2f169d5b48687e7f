//! The flat table analysts load into a spreadsheet or DuckDB: one row per
//! observation across all visits, written record by record as they are read,
//! so the report never holds them all.

use std::io::{self, Write};

use crate::record::{AnswerValue, RecordFile, csv_text, format_number};

/// A text cell from a record: control and invisible characters (ESC, C1,
/// bidi overrides) written as `\u{1b}` text, then neutralised for
/// spreadsheets. The same whether the table goes to a file, a pipe or a
/// terminal.
fn text(cell: &str) -> String {
    csv_text(&crate::text::escape(cell)).into_owned()
}

/// The columns, in order.
pub const COLUMNS: [&str; 18] = [
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
];

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
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    {
        let header = &record.header;
        let started = header.started.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
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
            let points = o.points.map(format_number).unwrap_or_default();
            let max = o.max.map(format_number).unwrap_or_default();
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
            ])?;
        }
    }
    writer.into_inner().map_err(|e| e.into_error())
}
