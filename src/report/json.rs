//! The report as JSON: an object with exactly the keys of SPEC.md's report
//! (`visits`, `score`, `critical_failures`, `standards`, `personal_touch`,
//! `by_site`, `by_touchpoint`, `by_tag`, `by_month`, `items`, `notes`);
//! scores are numbers with one decimal, or `null` when there is none.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{GroupRow, Report};

fn groups(rows: &[GroupRow], key: &str) -> Value {
    rows.iter()
        .map(|r| {
            let mut row = serde_json::Map::new();
            row.insert(key.to_owned(), json!(r.name));
            row.insert("visits".into(), json!(r.visits));
            row.insert("score".into(), json!(r.score));
            Value::Object(row)
        })
        .collect()
}

/// The report as a JSON value.
pub fn value(report: &Report) -> Value {
    json!({
        "visits": report.visits,
        "score": report.score,
        "critical_failures": report.critical_failures,
        "standards": report.standards,
        "personal_touch": report.personal_touch,
        "by_site": report.by_site.iter().map(|s| json!({
            "site": s.site,
            "visits": s.visits,
            "score": s.score,
            "standards": s.standards,
            "personal_touch": s.personal_touch,
            "critical_failures": s.critical_failures,
        })).collect::<Vec<_>>(),
        "by_touchpoint": groups(&report.by_touchpoint, "touchpoint"),
        "by_tag": groups(&report.by_tag, "tag"),
        "by_month": groups(&report.by_month, "month"),
        "items": report.items.iter().map(|i| json!({
            "checklist": i.checklist,
            "item": i.item,
            "prompt": i.prompt,
            "answered": i.answered,
            "missed": i.missed,
            "miss_rate": i.miss_rate,
        })).collect::<Vec<_>>(),
        "notes": report.notes.iter().map(|n| json!({
            "checklist": n.checklist,
            "item": n.item,
            "site": n.site,
            "date": n.date,
            "visit": n.visit,
            "note": n.note,
        })).collect::<Vec<_>>(),
    })
}

/// Writes the report as pretty-printed JSON, ending in a newline. Control
/// and invisible characters from records (ESC, C1, bidi overrides) are
/// always written as `\uXXXX` escapes: a JSON reader gets the same text
/// back, and a terminal or pipe never receives them raw.
pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let text = serde_json::to_string_pretty(&value(report))?;
    out.write_all(crate::text::json_inert(text).as_bytes())?;
    out.write_all(b"\n")
}
