//! The report as JSON: an object with the keys of SPEC.md's "Reports"
//! (`visits_counted`, `score`, `critical_failures`, `standards`,
//! `personal_touch`, `exceeded`, `critical`, `visits`, `incomplete`, `by_site`,
//! `by_site_touchpoint`, `by_site_month`, `by_touchpoint`, `by_tag`,
//! `by_month`, `items`, `notes`); scores are numbers with one decimal, or
//! `null` when there is none.
//!
//! `visits` is the list of visits, as SPEC names it (newest first, the
//! incomplete ones marked); how many were counted in the means is
//! `visits_counted` (it was `visits` before the list). `review_status` is
//! the editor's (null for a draft), `corrected` the items whose answers the
//! editor corrected, `signed` the signature's state, `flags` the check flags
//! the visit raises (`{code, item, detail}`, SPEC.md "Checks").

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{CellRow, GroupRow, Report};
use crate::score::round1;

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

fn cells(rows: &[CellRow], key: &str) -> Value {
    rows.iter()
        .map(|r| {
            let mut row = serde_json::Map::new();
            row.insert("site".into(), json!(r.site));
            row.insert(key.to_owned(), json!(r.name));
            row.insert("visits".into(), json!(r.visits));
            row.insert("score".into(), json!(r.score));
            row.insert("chain".into(), json!(r.chain));
            Value::Object(row)
        })
        .collect()
}

/// The report as a JSON value.
pub fn value(report: &Report) -> Value {
    json!({
        "visits_counted": report.visits,
        "score": report.score,
        "critical_failures": report.critical_failures,
        "standards": report.standards,
        "personal_touch": report.personal_touch,
        "exceeded": report.exceeded,
        "critical": report.critical.iter().map(|c| json!({
            "visit": c.visit,
            "site": c.site,
            "started": c.started,
            "checklist": c.checklist,
            "item": c.item,
            "prompt": c.prompt,
            "note": c.note,
        })).collect::<Vec<_>>(),
        "visits": report.visit_list.iter().map(|row| {
            let v = &row.figures;
            json!({
                "id": v.id,
                "site": v.site,
                "auditor": v.auditor,
                "started": v.started,
                "status": v.status.as_str(),
                "review_status": v.review_status.map(|s| s.as_str()),
                "corrected": v.corrected,
                "answered": v.answered,
                "shown": v.shown,
                "coverage": v.coverage().map(round1),
                "incomplete": row.incomplete,
                "score": v.percent.map(round1),
                "standards": v.standards.map(round1),
                "personal_touch": v.personal_touch.map(round1),
                "exceeded": v.exceeded,
                "critical_failures": v.critical_failures,
                "signed": v.signed,
                "flags": v.flags.iter().map(|f| {
                    let mut flag = json!({ "code": f.code.as_str(), "detail": f.detail });
                    if let Some(item) = &f.item {
                        flag["item"] = json!(item);
                    }
                    flag
                }).collect::<Vec<_>>(),
            })
        }).collect::<Vec<_>>(),
        "incomplete": report.incomplete,
        "min_coverage": report.min_coverage,
        "min_answers": report.min_answers,
        "by_site": report.by_site.iter().map(|s| json!({
            "site": s.site,
            "visits": s.visits,
            "score": s.score,
            "standards": s.standards,
            "personal_touch": s.personal_touch,
            "critical_failures": s.critical_failures,
            "exceeded": s.exceeded,
        })).collect::<Vec<_>>(),
        "by_site_touchpoint": cells(&report.by_site_touchpoint, "touchpoint"),
        "by_site_month": cells(&report.by_site_month, "month"),
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
            "sites": i.sites,
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
    out.write_all(crate::text::escape_json(text).as_bytes())?;
    out.write_all(b"\n")
}
