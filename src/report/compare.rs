//! `touchpoint compare A B` (SPEC.md, "Command line"): two visits of one
//! site item by item. Items are matched by checklist id (a translation
//! counted as its original, as in the review) and item id, so two versions
//! of one checklist compare: an item of both is *fixed* (missed in A, met in
//! B), *regressed* (B's answer missed where A's was not) or *still missed*;
//! an item in B only is *new*. Items met both times are not listed.

use std::collections::HashMap;
use std::io::{self, Write};

use maud::html;
use serde_json::{Value, json};

use super::{original_id, scored, site_key};
use crate::record::{Observation, RecordFile, Stamp, md};
use crate::tr;

/// One item in one of the four lists.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The checklist id (the original's, for a translation).
    pub checklist: String,
    /// The item id.
    pub item: String,
    /// The prompt as B recorded it (A's when B lacks the item).
    pub prompt: String,
    /// A's answer as written ("No", "N/A", "7.5"); `None` when A lacks or
    /// did not answer it.
    pub a: Option<String>,
    /// B's answer.
    pub b: Option<String>,
}

/// One visit as the comparison names it.
#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    /// The visit id.
    pub id: String,
    /// The site.
    pub site: String,
    /// When it started, RFC 3339.
    pub started: String,
}

/// Two visits item by item.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The earlier visit (as given first).
    pub a: Side,
    /// The later visit.
    pub b: Side,
    /// Missed in A, met in B.
    pub fixed: Vec<Change>,
    /// Not missed in A, missed in B.
    pub regressed: Vec<Change>,
    /// Missed both times.
    pub still_missed: Vec<Change>,
    /// In B only.
    pub new: Vec<Change>,
}

impl Comparison {
    /// Whether the two visits are of different sites (compared as the
    /// review compares site names).
    pub fn other_site(&self) -> bool {
        site_key(&self.a.site) != site_key(&self.b.site)
    }
}

/// An answer as a reader reads it: N/A, the option's label, the number or
/// text; `None` unanswered.
fn answer(o: &Observation<Stamp>) -> Option<String> {
    if o.na {
        return Some(tr!("doc-na"));
    }
    if let Some(label) = &o.label {
        return Some(label.clone());
    }
    o.answer.as_ref().map(|a| match a {
        crate::record::AnswerValue::Number(n) => crate::record::format_number(*n),
        crate::record::AnswerValue::Text(t) => t.clone(),
    })
}

fn missed(o: &Observation<Stamp>) -> Option<bool> {
    scored(o).map(|(points, max)| points == 0.0 && max > 0.0)
}

fn side(r: &RecordFile) -> Side {
    Side {
        id: r.header.id.clone(),
        site: r.header.site.trim().to_owned(),
        started: r
            .header
            .started
            .strftime("%Y-%m-%dT%H:%M:%S%:z")
            .to_string(),
    }
}

/// Compares visit `a` with visit `b`, in B's item order.
pub fn compare(a: &RecordFile, b: &RecordFile) -> Comparison {
    let mut of_a: HashMap<(String, &str), &Observation<Stamp>> = HashMap::new();
    for o in &a.observations {
        of_a.insert((original_id(a, &o.checklist), o.item.as_str()), o);
    }
    let mut out = Comparison {
        a: side(a),
        b: side(b),
        fixed: Vec::new(),
        regressed: Vec::new(),
        still_missed: Vec::new(),
        new: Vec::new(),
    };
    for ob in &b.observations {
        let checklist = original_id(b, &ob.checklist);
        let before = of_a.get(&(checklist.clone(), ob.item.as_str())).copied();
        let change = Change {
            checklist,
            item: ob.item.clone(),
            prompt: ob.prompt.clone(),
            a: before.and_then(answer),
            b: answer(ob),
        };
        let Some(oa) = before else {
            out.new.push(change);
            continue;
        };
        match (missed(oa) == Some(true), missed(ob)) {
            (true, Some(true)) => out.still_missed.push(change),
            (true, Some(false)) => out.fixed.push(change),
            (false, Some(true)) => out.regressed.push(change),
            _ => {}
        }
    }
    out
}

/// The checklists of a visit as the review counts them (translations as
/// their originals): two visits with the same set are of one journey.
fn journey_of(r: &RecordFile) -> Vec<String> {
    let mut ids: Vec<String> = r.checklists.iter().map(|c| original_id(r, &c.id)).collect();
    ids.sort();
    ids.dedup();
    ids
}

/// The latest final visit among `others` of the same site and journey as
/// `current`, started before it: what the debrief compares with.
pub fn earlier_visit(
    current: &RecordFile,
    others: impl IntoIterator<Item = RecordFile>,
) -> Option<RecordFile> {
    let site = site_key(&current.header.site);
    let journey = journey_of(current);
    let started = current.header.started.timestamp();
    others
        .into_iter()
        .filter(|r| {
            r.header.id != current.header.id
                && r.header.status == crate::visit::Status::Final
                && site_key(&r.header.site) == site
                && r.header.started.timestamp() < started
                && journey_of(r) == journey
        })
        .max_by_key(|r| r.header.started.timestamp())
}

fn changes(list: &[Change]) -> Value {
    list.iter()
        .map(|c| {
            json!({
                "checklist": c.checklist,
                "item": c.item,
                "prompt": c.prompt,
                "a": c.a,
                "b": c.b,
            })
        })
        .collect()
}

/// The comparison as SPEC's JSON: `{a, b, fixed, regressed, still_missed, new}`.
pub fn value(c: &Comparison) -> Value {
    let side = |s: &Side| json!({"id": s.id, "site": s.site, "started": s.started});
    json!({
        "a": side(&c.a),
        "b": side(&c.b),
        "fixed": changes(&c.fixed),
        "regressed": changes(&c.regressed),
        "still_missed": changes(&c.still_missed),
        "new": changes(&c.new),
    })
}

/// The four lists, titled, in the order a manager acts on them.
fn lists(c: &Comparison) -> [(String, &[Change]); 4] {
    [
        (tr!("compare-regressed"), &c.regressed),
        (tr!("compare-still-missed"), &c.still_missed),
        (tr!("compare-fixed"), &c.fixed),
        (tr!("compare-new"), &c.new),
    ]
}

fn or_dash(a: &Option<String>) -> String {
    a.clone().unwrap_or_else(|| "—".to_owned())
}

fn heading(c: &Comparison) -> String {
    tr!(
        "compare-title",
        site = c.b.site.as_str(),
        a = c.a.started.get(..10).unwrap_or_default(),
        b = c.b.started.get(..10).unwrap_or_default()
    )
}

/// The comparison for a terminal: every text from a record made inert.
pub fn write_table(c: &Comparison, out: &mut dyn Write) -> io::Result<()> {
    use crate::text::escaped_line;
    let mut text = format!("{}\n", escaped_line(&heading(c)));
    text.push_str(&format!(
        "  A  {}\n  B  {}\n",
        escaped_line(&c.a.id),
        escaped_line(&c.b.id)
    ));
    for (title, list) in lists(c) {
        text.push_str(&format!("\n{title} ({})\n", list.len()));
        if list.is_empty() {
            text.push_str("  —\n");
        }
        for ch in list {
            text.push_str(&format!(
                "  {} ({}/{})\n    A: {}  →  B: {}\n",
                escaped_line(&ch.prompt),
                escaped_line(&ch.checklist),
                escaped_line(&ch.item),
                escaped_line(&or_dash(&ch.a)),
                escaped_line(&or_dash(&ch.b))
            ));
        }
    }
    out.write_all(text.as_bytes())
}

/// The comparison as Markdown, every record string escaped.
pub fn write_markdown(c: &Comparison, out: &mut dyn Write) -> io::Result<()> {
    let mut text = format!(
        "# {}\n\n- A: {}\n- B: {}\n",
        md::inline(&heading(c)),
        md::inline(&c.a.id),
        md::inline(&c.b.id)
    );
    for (title, list) in lists(c) {
        text.push_str(&format!("\n## {title} ({})\n\n", list.len()));
        if list.is_empty() {
            text.push_str(&format!("{}\n", tr!("report-none")));
            continue;
        }
        text.push_str(&format!(
            "| {} | A | B |\n| --- | --- | --- |\n",
            tr!("doc-item")
        ));
        for ch in list {
            text.push_str(&format!(
                "| {} ({}/{}) | {} | {} |\n",
                md::inline(&ch.prompt),
                md::inline(&ch.checklist),
                md::inline(&ch.item),
                md::inline(&or_dash(&ch.a)),
                md::inline(&or_dash(&ch.b))
            ));
        }
    }
    out.write_all(text.as_bytes())
}

/// The comparison as one self-contained HTML page.
/// `review`, when given, is the line that names each visit's review status.
pub fn write_html(c: &Comparison, review: Option<&str>, out: &mut dyn Write) -> io::Result<()> {
    use super::page::{page, text};
    let title = heading(c);
    let body = html! {
        h1 { (text(&title)) }
        p.sub { "A: " span.tag { (text(&c.a.id)) } " · B: " span.tag { (text(&c.b.id)) } }
        @if let Some(review) = review {
            p.sub { (text(review)) }
        }
        @for (name, list) in lists(c) {
            h2 { (name) " (" (list.len()) ")" }
            @if list.is_empty() {
                p.none { (tr!("report-none")) }
            } @else {
                div.table { table {
                    thead { tr { th { (tr!("doc-item")) } th { "A" } th { "B" } } }
                    tbody {
                        @for ch in list {
                            tr {
                                td.wrap { (text(&ch.prompt)) br; span.tag { (text(&ch.checklist)) "/" (text(&ch.item)) } }
                                td.wrap { (text(&or_dash(&ch.a))) }
                                td.wrap { (text(&or_dash(&ch.b))) }
                            }
                        }
                    }
                } }
            }
        }
    };
    out.write_all(page(&title, body).as_bytes())
}
