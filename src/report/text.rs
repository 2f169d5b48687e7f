//! The report for people: `table` (a terminal, aligned by display width, with
//! bar charts and colour where the terminal wants it) and `md` (the same
//! sections as a Markdown document). Both are built from one list of
//! [`Section`]s, so they cannot say different things.

use std::io::{self, Write};

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::{CellRow, GroupRow, NOTES_PER_ITEM, NoteRow, Quarter, Report, day_label, month_label};
use crate::i18n::{tag_name, touchpoint_name};
use crate::record::md;
use crate::score::round1;
use crate::text::escaped_line;
use crate::tr;

/// Widest table line, for an 80-column terminal.
const WIDTH: usize = 80;
/// Cells of a full bar.
const BAR: usize = 20;
/// Most-missed items listed in `table` and `md` (JSON and CSV have them all).
const LISTED_ITEMS: usize = 15;

/// A table of the report with a title.
struct Section {
    title: String,
    /// A line under the title.
    lead: Option<String>,
    /// Column headings, each with whether it is right-aligned.
    columns: Vec<(String, bool)>,
    rows: Vec<Vec<String>>,
    /// Per row, the score its bar shows (bar column added when present).
    bars: Option<Vec<Option<f64>>>,
    /// Columns that give way, in order, when the table is wider than the
    /// terminal (the last one, then the first, unless said otherwise).
    give_way: Option<Vec<usize>>,
    /// A column the terminal table leaves out (the by-site quarter: the
    /// service map just below names every quarter's sites in full, so the
    /// 80 columns go to the site's name).
    terminal_hides: Option<usize>,
}

/// A left-aligned column heading.
fn left(heading: String) -> (String, bool) {
    (heading, false)
}

/// A right-aligned column heading (numbers).
fn right(heading: String) -> (String, bool) {
    (heading, true)
}

/// A percentage as shown: rounded once, half away from zero; `—` for none.
fn percent_text(p: Option<f64>) -> String {
    crate::score::percent_text(p.map(round1))
}

/// The headline: visits, score, standards, personal touch, failures, exceeded.
fn headline(report: &Report) -> Vec<(String, String)> {
    let mut rows = vec![
        (tr!("doc-visits"), report.visits.to_string()),
        (tr!("doc-score"), percent_text(report.score)),
        (tr!("doc-standards"), percent_text(report.standards)),
        (
            tr!("doc-personal-touch"),
            percent_text(report.personal_touch),
        ),
        (
            tr!("doc-critical-failures"),
            tr!(
                "report-critical-of",
                failed = report.critical_failures,
                visits = report.visits
            ),
        ),
        (
            tr!("doc-exceeded"),
            tr!("report-exceeded-answers", count = report.exceeded),
        ),
    ];
    if report.incomplete > 0 {
        rows.push((tr!("report-incomplete"), report.incomplete.to_string()));
    }
    rows
}

/// The notes quoted in table, md and html: the [`NOTES_PER_ITEM`] newest of
/// each item (the notes come item by item, newest first).
pub fn quoted_notes(report: &Report) -> Vec<&NoteRow> {
    let mut out: Vec<&NoteRow> = Vec::new();
    let mut run = 0;
    for (n, note) in report.notes.iter().enumerate() {
        let same = n > 0 && {
            let prev = &report.notes[n - 1];
            (&prev.checklist, &prev.item) == (&note.checklist, &note.item)
        };
        run = if same { run + 1 } else { 0 };
        if run < NOTES_PER_ITEM {
            out.push(note);
        }
    }
    out
}

/// The site × touchpoint or site × month rows as cells.
fn cell_rows(rows: &[CellRow], name: Naming) -> Vec<Vec<String>> {
    rows.iter()
        .map(|c| {
            vec![
                c.site.clone(),
                name(&c.name),
                c.visits.to_string(),
                percent_text(c.score),
                percent_text(c.chain),
            ]
        })
        .collect()
}

/// How a group row's key becomes the name a reader knows it by.
type Naming = fn(&str) -> String;

fn sections(report: &Report) -> Vec<Section> {
    let mut out = Vec::new();
    out.push(Section {
        title: tr!("report-by-site"),
        lead: None,
        columns: vec![
            left(tr!("doc-site")),
            right(tr!("doc-visits")),
            right(tr!("doc-score")),
            right(tr!("doc-standards")),
            right(tr!("report-col-personal")),
            right(tr!("report-col-failed")),
            right("▲".to_owned()),
            left(tr!("report-col-map")),
        ],
        rows: report
            .by_site
            .iter()
            .map(|s| {
                vec![
                    s.site.clone(),
                    s.visits.to_string(),
                    percent_text(s.score),
                    percent_text(s.standards),
                    percent_text(s.personal_touch),
                    s.critical_failures.to_string(),
                    s.exceeded.to_string(),
                    s.quarter(report.line)
                        .map(Quarter::name)
                        .unwrap_or_else(|| "—".to_owned()),
                ]
            })
            .collect(),
        bars: None,
        // The site's name gives way, never the quarter ("service–friendship").
        give_way: Some(vec![0]),
        terminal_hides: Some(7),
    });
    for (title, first, rows, name) in [
        (
            tr!("report-by-site-touchpoint"),
            tr!("doc-touchpoint"),
            &report.by_site_touchpoint,
            touchpoint_name as Naming,
        ),
        (
            tr!("report-by-site-month"),
            tr!("doc-month"),
            &report.by_site_month,
            month_label as Naming,
        ),
    ] {
        out.push(Section {
            title,
            lead: Some(tr!("report-where-lead")),
            columns: vec![
                left(tr!("doc-site")),
                left(first),
                right(tr!("doc-visits")),
                right(tr!("doc-score")),
                right(tr!("report-col-chain")),
            ],
            rows: cell_rows(rows, name),
            bars: None,
            give_way: Some(vec![0]),
            terminal_hides: None,
        });
    }
    let groups: [(String, String, &[GroupRow], Naming); 3] = [
        (
            tr!("report-by-touchpoint"),
            tr!("doc-touchpoint"),
            &report.by_touchpoint,
            touchpoint_name,
        ),
        (
            tr!("report-by-tag"),
            tr!("doc-tag"),
            &report.by_tag,
            tag_name,
        ),
        (
            tr!("report-by-month"),
            tr!("doc-month"),
            &report.by_month,
            month_label,
        ),
    ];
    for (title, first, rows, name) in groups {
        out.push(Section {
            title,
            lead: None,
            columns: vec![
                left(first),
                right(tr!("doc-visits")),
                right(tr!("doc-score")),
            ],
            rows: rows
                .iter()
                .map(|g| vec![name(&g.name), g.visits.to_string(), percent_text(g.score)])
                .collect(),
            bars: Some(rows.iter().map(|g| g.score).collect()),
            give_way: None,
            terminal_hides: None,
        });
    }
    let missed: Vec<_> = report.items.iter().filter(|i| i.missed > 0).collect();
    let never = report.items.len() - missed.len();
    let mut lead = tr!(
        "report-items-lead",
        missed = missed.len(),
        items = report.items.len()
    );
    if missed.len() > LISTED_ITEMS {
        lead.push_str("; ");
        lead.push_str(&tr!("report-items-listed", count = LISTED_ITEMS));
    }
    if never > 0 {
        lead.push_str("; ");
        lead.push_str(&tr!("report-items-never", count = never));
    }
    if report.items_few > 0 {
        lead.push_str("; ");
        lead.push_str(&tr!(
            "report-items-few",
            count = report.items_few,
            min = report.min_answers
        ));
    }
    out.push(Section {
        title: tr!("report-items"),
        lead: Some(lead),
        columns: vec![
            right(tr!("report-col-missed")),
            right(tr!("report-col-rate")),
            left(tr!("doc-item")),
            left(tr!("report-col-sites")),
        ],
        rows: missed
            .iter()
            .take(LISTED_ITEMS)
            .map(|i| {
                vec![
                    format!("{}/{}", i.missed, i.answered),
                    format!("{:.1}%", i.miss_rate),
                    // The prompt first: if the line is cut, the id goes.
                    format!("{} ({}/{})", i.prompt, i.checklist, i.item),
                    i.sites.join(", "),
                ]
            })
            .collect(),
        bars: None,
        give_way: Some(vec![3, 2]),
        terminal_hides: None,
    });
    out
}

/// The visits, newest first, the incomplete ones marked.
fn visits_section(report: &Report) -> Section {
    let mut leads = Vec::new();
    if report.incomplete > 0 {
        leads.push(tr!(
            "report-incomplete-lead",
            count = report.incomplete,
            bar = crate::record::format_number(report.min_coverage)
        ));
    }
    // The ⚑ column only when some visit raised a flag, as the Review column
    // below: at 80 columns its room is the site's.
    let flagged = report
        .visit_list
        .iter()
        .any(|v| !v.figures.flags.is_empty());
    if flagged {
        leads.push(tr!("report-flags-lead"));
    }
    let lead = (!leads.is_empty()).then(|| leads.join(" "));
    // The Review column only once an editor has reviewed some visit: a
    // column of "final" on every row would take the site's room for nothing.
    let reviewed = report.visit_list.iter().any(|row| {
        let v = &row.figures;
        !v.corrected.is_empty()
            || v.review_status
                .is_some_and(|s| s != crate::review::ReviewStatus::Final)
    });
    let mut columns = vec![
        left(tr!("doc-started")),
        left(tr!("doc-site")),
        right(tr!("report-col-coverage")),
        right(tr!("doc-score")),
        right("▲".to_owned()),
        right(tr!("report-col-failed")),
    ];
    if flagged {
        columns.push(right(FLAG.to_owned()));
    }
    columns.push(left(tr!("report-col-signed")));
    if reviewed {
        columns.push(left(tr!("report-col-review")));
    }
    columns.push(left(tr!("report-col-visit")));
    let visit_column = columns.len() - 1;
    Section {
        title: tr!("report-visits"),
        lead,
        columns,
        rows: report
            .visit_list
            .iter()
            .map(|row| {
                let v = &row.figures;
                let coverage = format!("{}/{} {}", v.answered, v.shown, percent_text(v.coverage()));
                let mut id = v.id.clone();
                if row.incomplete {
                    id = format!("{} ({id})", tr!("report-incomplete-mark"));
                }
                let mut cells = vec![
                    day_label(&v.date),
                    v.site.trim().to_owned(),
                    coverage,
                    percent_text(v.percent),
                    v.exceeded.to_string(),
                    v.critical_failures.len().to_string(),
                ];
                if flagged {
                    cells.push(v.flags.len().to_string());
                }
                cells.push(signed_word(v.signed));
                if reviewed {
                    cells.push(review_cell(v));
                }
                cells.push(id);
                cells
            })
            .collect(),
        bars: None,
        give_way: Some(vec![visit_column, 1]),
        terminal_hides: None,
    }
}

/// The review column: the editor's status, and how many answers were
/// corrected ("approved, 1 corrected"); a draft's is empty.
fn review_cell(v: &super::VisitFigures) -> String {
    let Some(status) = v.review_status else {
        return String::new();
    };
    if v.corrected.is_empty() {
        status.shown()
    } else {
        tr!(
            "report-review-corrected",
            status = status.shown(),
            count = v.corrected.len()
        )
    }
}

/// The flags column's heading: one cell wide, as `▲` is, so that the
/// site keeps its room at 80 columns (the legend under the table names it).
const FLAG: &str = "⚑";

/// A signature's state in the reader's words (`report-signed-valid`…).
pub fn signed_word(state: &str) -> String {
    match state {
        "valid" => tr!("report-signed-valid"),
        "invalid" => tr!("report-signed-invalid"),
        "unknown-key" => tr!("report-signed-unknown-key"),
        _ => tr!("report-signed-unsigned"),
    }
}

/// The service map as lines: each quarter and its sites.
fn map_lines(report: &Report) -> (String, Vec<(String, String)>) {
    let lead = tr!(
        "report-map-lead",
        line = crate::record::format_number(report.line)
    );
    let mut lines = Vec::new();
    for quarter in [
        Quarter::ServiceFriendship,
        Quarter::ServiceService,
        Quarter::WarmButSloppy,
        Quarter::Failing,
    ] {
        let sites: Vec<&str> = report
            .by_site
            .iter()
            .filter(|s| s.quarter(report.line) == Some(quarter))
            .map(|s| s.site.as_str())
            .collect();
        let list = if sites.is_empty() {
            "—".to_owned()
        } else {
            sites.join(", ")
        };
        lines.push((quarter.name(), list));
    }
    let unplaced: Vec<&str> = report
        .by_site
        .iter()
        .filter(|s| s.quarter(report.line).is_none())
        .map(|s| s.site.as_str())
        .collect();
    if !unplaced.is_empty() {
        lines.push((tr!("report-not-placed"), unplaced.join(", ")));
    }
    (lead, lines)
}

/// A bar of `BAR` cells for a percentage: `█` filled, `░` the rest.
pub fn bar(percent: Option<f64>) -> String {
    let Some(p) = percent else {
        return String::new();
    };
    let filled = ((p.clamp(0.0, 100.0) / 100.0) * BAR as f64).round() as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(BAR - filled))
}

/// `text` cut to `width` display cells (ending in `…` when cut), then padded.
fn fit(text: &str, width: usize, right: bool) -> String {
    let mut out = String::new();
    let mut used = 0;
    let total = text.width();
    for c in text.chars() {
        let cw = c.width().unwrap_or(0);
        if total > width && used + cw + 1 > width {
            out.push('…');
            used += 1;
            break;
        }
        out.push(c);
        used += cw;
    }
    let pad = " ".repeat(width.saturating_sub(used));
    if right { pad + &out } else { out + &pad }
}

/// `text` in lines of at most `width` display cells, broken between words
/// where it can be (a word longer than a line is cut).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let sep = usize::from(!line.is_empty());
        if line.width() + sep + word.width() > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        } else if sep == 1 {
            line.push(' ');
        }
        for c in word.chars() {
            if line.width() + c.width().unwrap_or(0) > width {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    lines.push(line);
    lines
}

/// Colours of the terminal table; none under `NO_COLOR` or into a file.
struct Paint {
    on: bool,
}

impl Paint {
    fn score(&self, text: &str, percent: Option<f64>, line: f64) -> String {
        match (self.on, percent) {
            (true, Some(p)) if p >= line => format!("\x1b[32m{text}\x1b[0m"),
            (true, Some(p)) if p >= line - 20.0 => format!("\x1b[33m{text}\x1b[0m"),
            (true, Some(_)) => format!("\x1b[31m{text}\x1b[0m"),
            _ => text.to_owned(),
        }
    }

    fn bold(&self, text: &str) -> String {
        if self.on {
            format!("\x1b[1m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
}

/// The report as a table for a terminal: every cell from a record made
/// inert (control characters shown as `\u{1b}`), columns aligned by display
/// width so Cyrillic and CJK line up, lines at most 80 cells, bars for group
/// scores, and colour only when `color` (a terminal without `NO_COLOR`).
pub fn write_table(report: &Report, out: &mut dyn Write, color: bool) -> io::Result<()> {
    let paint = Paint { on: color };
    let mut text = String::new();
    text.push_str(&paint.bold(&escaped_line(&report.title())));
    text.push('\n');
    if report.visits == 0 {
        text.push_str(&tr!("report-no-visits"));
        text.push('\n');
        return out.write_all(text.as_bytes());
    }
    text.push('\n');
    let headline = headline(report);
    // The values start in one column, after the longest name.
    let names = headline.iter().map(|(n, _)| n.width()).max().unwrap_or(0);
    for (name, value) in headline {
        text.push_str(&format!(
            "  {}  {value}\n",
            fit(&name, names.max(18), false)
        ));
    }
    text.push('\n');
    text.push_str(&paint.bold(&tr!("report-critical")));
    text.push('\n');
    if report.critical.is_empty() {
        text.push_str(&format!("  {}\n", tr!("report-critical-none")));
    }
    for c in &report.critical {
        let head = format!(
            "✗ {} · {} · {}",
            c.started.get(..10).map(day_label).unwrap_or_default(),
            c.site,
            c.prompt
        );
        for part in wrap(&escaped_line(&head), WIDTH - 2) {
            text.push_str(&format!("  {part}\n"));
        }
        // The ids on a line of their own, never broken inside one.
        let ids = format!("{}/{} · {}", c.checklist, c.item, c.visit);
        text.push_str(&format!(
            "    {}\n",
            fit(&escaped_line(&ids), WIDTH - 4, false).trim_end()
        ));
        for l in c.note.lines() {
            for part in wrap(&escaped_line(l), WIDTH - 6) {
                text.push_str(&format!("    “{part}”\n"));
            }
        }
    }
    let mut all = sections(report);
    all.insert(0, visits_section(report));
    for mut s in all {
        if let Some(hide) = s.terminal_hides.take().filter(|h| *h < s.columns.len()) {
            s.columns.remove(hide);
            for row in &mut s.rows {
                if hide < row.len() {
                    row.remove(hide);
                }
            }
            s.give_way = Some(vec![0, s.columns.len() - 1]);
        }
        text.push('\n');
        text.push_str(&paint.bold(&s.title));
        text.push('\n');
        if let Some(lead) = &s.lead {
            for part in wrap(lead, WIDTH) {
                text.push_str(&format!("{part}\n"));
            }
        }
        if s.rows.is_empty() {
            text.push_str("  —\n");
            continue;
        }
        let cells: Vec<Vec<String>> = s
            .rows
            .iter()
            .map(|r| r.iter().map(|c| escaped_line(c)).collect())
            .collect();
        let mut widths: Vec<usize> = s
            .columns
            .iter()
            .enumerate()
            .map(|(n, (h, _))| {
                let head = h.width();
                cells
                    .iter()
                    .map(|r| r[n].width())
                    .max()
                    .unwrap_or(0)
                    .max(head)
            })
            .collect();
        let bar_width = if s.bars.is_some() { BAR + 2 } else { 0 };
        // The last column (a prompt, a quarter) gives way first, then the first.
        let budget = WIDTH - 2 - bar_width;
        let spent = |widths: &[usize]| widths.iter().sum::<usize>() + 2 * (widths.len() - 1);
        let give_way = s.give_way.clone().unwrap_or(vec![widths.len() - 1, 0]);
        for shrink in give_way {
            let over = spent(&widths).saturating_sub(budget);
            let floor = 8.min(widths[shrink]);
            widths[shrink] = widths[shrink].saturating_sub(over).max(floor);
        }
        let heads: Vec<String> = s
            .columns
            .iter()
            .zip(&widths)
            .map(|((h, r), &wd)| fit(h, wd, *r))
            .collect();
        text.push_str(&format!("  {}\n", heads.join("  ").trim_end()));
        for (r, row) in cells.iter().enumerate() {
            let line: Vec<String> = row
                .iter()
                .zip(&s.columns)
                .zip(&widths)
                .map(|((c, (_, r)), &wd)| fit(c, wd, *r))
                .collect();
            let mut line = line.join("  ");
            if let Some(bars) = &s.bars {
                let p = bars[r];
                line.push_str("  ");
                line.push_str(&paint.score(&bar(p), p, report.line));
            }
            text.push_str(&format!("  {}\n", line.trim_end()));
        }
    }
    let (lead, lines) = map_lines(report);
    text.push('\n');
    text.push_str(&paint.bold(&tr!("report-map")));
    text.push('\n');
    for part in wrap(&lead, WIDTH) {
        text.push_str(&format!("{part}\n"));
    }
    for (quarter, sites) in lines {
        let quarter = fit(&quarter, 20, false);
        let room = WIDTH - 2 - 20 - 2;
        text.push_str(&format!(
            "  {quarter}  {}\n",
            fit(&escaped_line(&sites), room, false).trim_end()
        ));
    }
    let quoted = quoted_notes(report);
    if !quoted.is_empty() {
        text.push('\n');
        text.push_str(&paint.bold(&tr!("report-notes")));
        text.push('\n');
        let lead = tr!(
            "report-notes-capped",
            per = NOTES_PER_ITEM,
            total = report.notes.len()
        );
        for part in wrap(&lead, WIDTH) {
            text.push_str(&format!("{part}\n"));
        }
        for n in quoted {
            let head = format!(
                "{}/{} — {}, {}",
                n.checklist,
                n.item,
                n.site,
                day_label(&n.date)
            );
            text.push_str(&format!(
                "  {}\n",
                fit(&escaped_line(&head), WIDTH - 2, false).trim_end()
            ));
            for l in n.note.lines() {
                for part in wrap(&escaped_line(l), WIDTH - 4) {
                    text.push_str(&format!("    {part}\n"));
                }
            }
        }
    }
    out.write_all(text.as_bytes())
}

/// The report as a Markdown document: the same sections as [`write_table`],
/// with every string from a record escaped so it cannot format or break a table.
pub fn write_markdown(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut text = format!("# {}\n\n", md::inline(&report.title()));
    if report.visits == 0 {
        text.push_str(&tr!("report-no-visits"));
        text.push('\n');
        return out.write_all(text.as_bytes());
    }
    text.push_str("| | |\n| --- | ---: |\n");
    for (name, value) in headline(report) {
        text.push_str(&format!("| {name} | {value} |\n"));
    }
    text.push_str(&format!("\n## {}\n\n", tr!("report-critical")));
    if report.critical.is_empty() {
        text.push_str(&tr!("report-critical-none"));
        text.push('\n');
    } else {
        text.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n| --- | --- | --- | --- | --- |\n",
            tr!("doc-started"),
            tr!("doc-site"),
            tr!("doc-item"),
            tr!("report-col-note"),
            tr!("report-col-visit")
        ));
        for c in &report.critical {
            text.push_str(&format!(
                "| {} | {} | {} ({}/{}) | {} | {} |\n",
                md::inline(&c.started),
                md::inline(&c.site),
                md::inline(&c.prompt),
                md::inline(&c.checklist),
                md::inline(&c.item),
                md::inline(&c.note),
                md::inline(&c.visit)
            ));
        }
    }
    let mut all = sections(report);
    all.insert(0, visits_section(report));
    for s in all {
        text.push_str(&format!("\n## {}\n\n", s.title));
        if let Some(lead) = &s.lead {
            text.push_str(&format!("{}.\n\n", md::inline(lead)));
        }
        if s.rows.is_empty() {
            text.push_str(&tr!("report-none"));
            text.push('\n');
            continue;
        }
        let mut heads: Vec<&str> = s.columns.iter().map(|(h, _)| h.as_str()).collect();
        let mut rule: Vec<&str> = s
            .columns
            .iter()
            .map(|(_, r)| if *r { "---:" } else { "---" })
            .collect();
        if s.bars.is_some() {
            heads.push("");
            rule.push("---");
        }
        text.push_str(&format!(
            "| {} |\n| {} |\n",
            heads.join(" | "),
            rule.join(" | ")
        ));
        for (r, row) in s.rows.iter().enumerate() {
            let mut cells: Vec<String> = row.iter().map(|c| md::inline(c)).collect();
            if let Some(bars) = &s.bars {
                cells.push(bar(bars[r]));
            }
            text.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
    }
    let (lead, lines) = map_lines(report);
    text.push_str(&format!(
        "\n## {}\n\n{}.\n\n",
        tr!("report-map"),
        md::inline(&lead)
    ));
    for (quarter, sites) in lines {
        text.push_str(&format!("- **{quarter}**: {}\n", md::inline(&sites)));
    }
    let quoted = quoted_notes(report);
    if !quoted.is_empty() {
        text.push_str(&format!(
            "\n## {}\n\n{}.\n\n",
            tr!("report-notes"),
            md::inline(&tr!(
                "report-notes-capped",
                per = NOTES_PER_ITEM,
                total = report.notes.len()
            ))
        ));
        for n in quoted {
            text.push_str(&format!(
                "- **{}/{}** — {}, {}\n\n",
                md::inline(&n.checklist),
                md::inline(&n.item),
                md::inline(&n.site),
                day_label(&n.date)
            ));
            for quoted in md::quote_block(&n.note) {
                text.push_str(&format!("  {quoted}\n"));
            }
            text.push('\n');
        }
    }
    out.write_all(text.as_bytes())
}
