//! The flat table analysts load into a spreadsheet or DuckDB: one row per
//! observation across all visits, written record by record as they are read,
//! so the report never holds them all.

use std::io::{self, Write};

use crate::record::{RecordFile, csv_answer, csv_text, format_number};

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
        let (id, site, auditor) = (
            csv_text(&header.id),
            csv_text(&header.site),
            csv_text(&header.auditor),
        );
        for o in &record.observations {
            let checklist = record.checklists.iter().find(|c| c.id == o.checklist);
            let touchpoint = checklist.map(|c| c.touchpoint.as_str()).unwrap_or("");
            let version = checklist.and_then(|c| c.version.as_deref()).unwrap_or("");
            let answer = o.answer.as_ref().map(csv_answer).unwrap_or_default();
            let points = o.points.map(format_number).unwrap_or_default();
            let max = o.max.map(format_number).unwrap_or_default();
            writer.write_record([
                &*id,
                &*site,
                &*auditor,
                started.as_str(),
                &*csv_text(touchpoint),
                &*csv_text(&o.checklist),
                &*csv_text(version),
                &*csv_text(&o.section),
                &*csv_text(&o.item),
                &*csv_text(&o.prompt),
                &answer,
                flag(o.na),
                &o.tags.join(";"),
                &points,
                &max,
                flag(o.critical),
                flag(o.skipped),
                &*csv_text(&o.note),
            ])?;
        }
    }
    writer.into_inner().map_err(|e| e.into_error())
}
