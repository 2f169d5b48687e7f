//! Exports of a visit that carry the record's facts: JSON (the record's own
//! structure), CSV (one row per observation) and Markdown (a review document).

use std::path::Path;

use super::{AnswerValue, Observation, Stamp, build, format_number};
use crate::checklist::{Response, Source};
use crate::i18n::{self, touchpoint_name};
use crate::score::{self, PERSONAL_TOUCH, Tally, percent_text};
use crate::text::escaped;
use crate::text::size_text;
use crate::tr;
use crate::visit::{Answer, Evidence, ItemRef, Status, Visit};

/// The record of `visit` as pretty-printed JSON: the same structure as the
/// TOML record, with times as RFC 3339 strings.
pub fn to_json(visit: &Visit) -> String {
    let record = build::<Stamp>(visit);
    // These types always serialize (string keys, no custom errors).
    let json = serde_json::to_string_pretty(&record).unwrap_or_else(|e| {
        serde_json::json!({ "error": format!("touchpoint could not write the record: {e}") })
            .to_string()
    });
    // C1 controls and invisible characters as \u escapes, as C0 already are.
    crate::text::escape_json(json)
}

/// The columns of [`to_csv`], in order.
pub const CSV_COLUMNS: [&str; 22] = [
    "visit_id",
    "site",
    "auditor",
    "status",
    "touchpoint",
    "checklist",
    "section",
    "item",
    "prompt",
    "answer",
    "na",
    "label",
    "points",
    "max",
    "exceeded",
    "timed",
    "tags",
    "critical",
    "skipped",
    "first_at",
    "at",
    "note",
];

/// The observations of `visit` as CSV: a header row of [`CSV_COLUMNS`], then
/// one row per item of every checklist in journey order. Empty cells where the
/// record leaves a key out; `true` or empty for `na`, `exceeded`, `critical`
/// and `skipped`; `timed` in seconds; tags joined with `;`; times in RFC 3339.
/// Text that a spreadsheet would run as a formula is neutralised
/// ([`csv_text`]); numbers stay numbers.
pub fn to_csv(visit: &Visit) -> String {
    let record = build::<Stamp>(visit);
    let mut writer = csv::Writer::from_writer(Vec::new());
    // Writing rows of equal length into memory cannot fail.
    let _ = writer.write_record(CSV_COLUMNS);
    for o in &record.observations {
        let touchpoint = record
            .checklists
            .iter()
            .find(|c| c.id == o.checklist)
            .map(|c| c.touchpoint.as_str())
            .unwrap_or("");
        let row = [
            csv_text(&record.visit.id).into_owned(),
            csv_text(&record.visit.site).into_owned(),
            csv_text(&record.visit.auditor).into_owned(),
            record.visit.status.as_str().to_owned(),
            csv_text(touchpoint).into_owned(),
            csv_text(&o.checklist).into_owned(),
            csv_text(&o.section).into_owned(),
            csv_text(&o.item).into_owned(),
            csv_text(&o.prompt).into_owned(),
            o.answer.as_ref().map(csv_answer).unwrap_or_default(),
            flag(o.na),
            csv_text(o.label.as_deref().unwrap_or("")).into_owned(),
            o.points.map(format_number).unwrap_or_default(),
            o.max.map(format_number).unwrap_or_default(),
            flag(o.exceeded),
            o.timed.map(format_number).unwrap_or_default(),
            o.tags.join(";"),
            flag(o.critical),
            flag(o.skipped),
            stamp(o.first_at.as_ref()),
            stamp(o.at.as_ref()),
            csv_text(&o.note).into_owned(),
        ];
        // A foreign record's control and invisible characters, escaped.
        let _ = writer.write_record(
            row.iter()
                .map(|cell| crate::text::escape(cell).into_owned()),
        );
    }
    match writer.into_inner() {
        Ok(bytes) => String::from_utf8(bytes).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// A text cell that no spreadsheet will run as a formula. As OWASP advises
/// for CSV injection, a cell starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return gets a leading `'`, which spreadsheets read as "this is
/// text" and do not show; every other text is written as typed. Only for
/// text: numbers are written as numbers and never pass through here.
pub fn csv_text(text: &str) -> std::borrow::Cow<'_, str> {
    match text.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => format!("'{text}").into(),
        _ => text.into(),
    }
}

/// An answer cell: a number answer as a number, any text through [`csv_text`].
pub fn csv_answer(answer: &AnswerValue) -> String {
    match answer {
        AnswerValue::Number(n) => format_number(*n),
        AnswerValue::Text(t) => csv_text(t).into_owned(),
    }
}

fn flag(on: bool) -> String {
    if on { "true".into() } else { String::new() }
}

fn stamp(time: Option<&Stamp>) -> String {
    time.map(Stamp::rfc3339).unwrap_or_default()
}

/// `visit` as a Markdown review document: a title with the site and date; the
/// visit's facts; critical failures stated at the top; a summary table
/// (overall, standards and personal touch, each touchpoint and tag, with
/// their exceeded counts; answered and unanswered); the visit note and the
/// files attached to the visit; then every checklist, section by section, with
/// each observation's answer, points, time measured, files and note; and how
/// scores work. Attached files are named, without a link: a path on this
/// machine would be dead wherever the document is read.
///
/// Everything from the visit is escaped: Markdown punctuation cannot format,
/// `|` cannot break a table, and control characters are shown as `\u{1b}`.
pub fn to_markdown(visit: &Visit) -> String {
    markdown(visit, None)
}

/// [`to_markdown`], with attached files linked relatively, in `folder`
/// beside the document (`visit-evidence` for `visit.md`): the files go
/// with it when the folder is sent, and the links stay good. The caller
/// copies them there ([`evidence_file_name`]).
pub fn to_markdown_in(visit: &Visit, folder: &str) -> String {
    markdown(visit, Some(folder))
}

/// The name of an attached file in the folder beside a Markdown export.
pub fn evidence_file_name(file: &Evidence) -> String {
    Path::new(&file.file)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.name().to_owned())
}

fn markdown(visit: &Visit, data_folder: Option<&str>) -> String {
    let record = build::<Stamp>(visit);
    let score = score::score(visit);
    let header = &visit.header;
    let mut out = String::new();
    let mut line = |text: &str| {
        out.push_str(text);
        out.push('\n');
    };

    line(&format!(
        "# {}",
        tr!(
            "export-title",
            site = inline(&header.site),
            date = i18n::date(header.started.date())
        )
    ));
    line("");
    line(&format!("| {} | |", tr!("export-facts")));
    line("| --- | --- |");
    let fact = |name: String, value: String| format!("| {name} | {value} |");
    line(&fact(tr!("export-id"), cell(&header.id)));
    line(&fact(tr!("doc-site"), cell(&header.site)));
    line(&fact(tr!("doc-auditor"), cell(&header.auditor)));
    let status = match (header.status, &header.finished) {
        (Status::Final, Some(at)) => tr!("export-status-final-at", when = i18n::date_time(at)),
        (Status::Final, None) => tr!("doc-status-final"),
        (Status::Draft, _) => format!(
            "**{}**: {}",
            tr!("doc-status-draft"),
            tr!("doc-status-draft-open")
        ),
    };
    line(&fact(tr!("doc-status"), status));
    line(&fact(tr!("doc-started"), i18n::date_time(&header.started)));
    line(&fact(
        tr!("doc-last-change"),
        i18n::date_time(&header.updated),
    ));
    let checklists: Vec<String> = record
        .checklists
        .iter()
        .map(|c| match &c.version {
            Some(v) => format!("{} {}", cell(&c.id), cell(v)),
            None => cell(&c.id),
        })
        .collect();
    line(&fact(tr!("doc-checklists"), checklists.join(", ")));
    line(&fact(tr!("doc-written-by"), cell(&record.visit.tool)));
    line("");

    if score.failed() {
        let count = score.critical_failures.len();
        line(&format!(
            "> **{}** {}",
            tr!("export-failed", count = count),
            tr!("doc-failed-why")
        ));
        line(">");
        for failure in &score.critical_failures {
            let prompt = failure
                .split_once('/')
                .and_then(|(c, i)| visit.find(c, i))
                .and_then(|at| visit.item(at))
                .map(|(_, item)| inline(&item.prompt))
                .unwrap_or_default();
            line(&format!("> - **{prompt}** ({})", inline(failure)));
        }
        line("");
    }

    line(&format!("## {}", tr!("export-summary")));
    line("");
    line(&format!(
        "| {} | {} | {} | {} |",
        tr!("doc-score"),
        tr!("export-col-percent"),
        tr!("export-col-points"),
        tr!("doc-exceeded")
    ));
    line("| --- | ---: | ---: | ---: |");
    let overall = if score.failed() {
        tr!(
            "export-overall-failed",
            percent = md_percent(score.total.percent())
        )
    } else {
        md_percent(score.total.percent())
    };
    line(&format!(
        "| **{}** | **{overall}** | {} | {} |",
        tr!("doc-overall"),
        points_text(&score.total),
        exceeded_text(score.exceeded())
    ));
    line(&tally_row(&tr!("doc-standards"), &score.standards));
    line(&tally_row(
        &tr!("doc-personal-touch"),
        &score.personal_touch(),
    ));
    for (touchpoint, tally) in &score.touchpoints {
        line(&tally_row(
            &tr!(
                "export-row-touchpoint",
                name = cell(&touchpoint_title(visit, touchpoint))
            ),
            tally,
        ));
    }
    for (tag, tally) in &score.tags {
        if tag != PERSONAL_TOUCH {
            line(&tally_row(
                &tr!("export-row-tag", name = cell(&visit_tag(visit, tag))),
                tally,
            ));
        }
    }
    line("");
    line(&tr!(
        "doc-answered",
        answered = score.answered,
        shown = score.answered + score.unanswered,
        unanswered = score.unanswered
    ));
    if score.failed() {
        line(&format!(
            "{}: **{}**.",
            tr!("doc-critical-failures"),
            tr!(
                "export-critical-failed",
                count = score.critical_failures.len()
            )
        ));
    } else {
        line(&format!(
            "{}: {}.",
            tr!("doc-critical-failures"),
            tr!("export-critical-none")
        ));
    }
    line("");

    if !header.note.is_empty() {
        line(&format!("## {}", tr!("doc-visit-note")));
        line("");
        for quoted in quote_block(&header.note) {
            line(&quoted);
        }
        line("");
    }

    let visit_files = visit.visit_evidence();
    if !visit_files.is_empty() {
        line(&format!("## {}", tr!("debrief-visit-files")));
        line("");
        for (_, file) in visit_files {
            line(&format!("- {}", file_text(file, data_folder)));
        }
        line("");
    }

    for (c, loaded) in visit.checklists.iter().enumerate() {
        let meta = &loaded.checklist.checklist;
        // The checklist's own title names its touchpoint in the journey's
        // words: a train is boarded, not checked into.
        line(&format!("## {}", inline(&meta.title)));
        line("");
        let tally = score.checklists.get(c).copied().unwrap_or_default();
        line(&tr!(
            "export-checklist-score",
            percent = md_percent(tally.percent()),
            points = points_text(&tally),
            exceeded = exceeded_text(tally.exceeded),
            source = inline(&source_text(&loaded.source))
        ));
        let mut item = 0;
        // `build` lists every item in journey order, so the observations of
        // this checklist follow each other in the order of its items.
        let mut recorded = record
            .observations
            .iter()
            .filter(|o| o.checklist == meta.id)
            .peekable();
        for (s, section) in loaded.checklist.section.iter().enumerate() {
            line("");
            let section_tally = score
                .sections
                .get(c)
                .and_then(|v| v.get(s))
                .copied()
                .unwrap_or_default();
            let exceeded = match section_tally.exceeded {
                0 => String::new(),
                n => format!(", {}", exceeded_text(n)),
            };
            line(&format!(
                "### {} ({}{exceeded})",
                inline(&section.title),
                md_percent(section_tally.percent())
            ));
            line("");
            for listed in &section.item {
                let at = ItemRef { checklist: c, item };
                item += 1;
                if let Some(o) = recorded.next_if(|o| o.item == listed.id) {
                    observation(&mut line, visit, at, o, data_folder);
                }
            }
        }
        line("");
    }

    line(&format!("## {}", tr!("export-scoring-title")));
    line("");
    line(&escape_line(&tr!("export-scoring-intro"), true));
    line("");
    let rules = [
        tr!("export-scoring-met"),
        tr!("export-scoring-exceeded"),
        tr!("export-scoring-yes-no"),
        tr!("export-scoring-na"),
        tr!("export-scoring-standards"),
        tr!("export-scoring-critical"),
    ];
    for rule in rules {
        line(&format!("- {}", escape_line(&rule, false)));
    }
    out
}

/// Where a checklist came from, in the document's words; a path as it is.
fn source_text(source: &Source) -> String {
    match source {
        Source::Bundled(id) => tr!("doc-source-bundled", id = id.as_str()),
        other => other.to_string(),
    }
}

/// A number as the document's language writes it (`0,5` in Russian).
fn md_number(n: f64) -> String {
    crate::i18n::local_decimals(&format_number(n))
}

/// A percentage as the document's language writes it (`87,5%` in Russian).
fn md_percent(percent: Option<f64>) -> String {
    crate::i18n::local_decimals(&percent_text(percent))
}

/// A touchpoint as the visit's checklists name it: the title of the one
/// checklist of that touchpoint ("Train: welcome and boarding"), else the
/// catalog's generic word.
fn touchpoint_title(visit: &Visit, touchpoint: &str) -> String {
    let mut titles = visit
        .checklists
        .iter()
        .map(|l| &l.checklist.checklist)
        .filter(|c| c.touchpoint == touchpoint)
        .map(|c| c.title.clone());
    match (titles.next(), titles.next()) {
        (Some(title), None) => title,
        _ => touchpoint_name(touchpoint),
    }
}

/// `▲ 4 exceeded`, as the document counts answers that exceeded.
fn exceeded_text(count: usize) -> String {
    tr!("doc-exceeded-count", count = count)
}

/// `[receipt.jpg](visit-evidence/…) (34 KB, sha256 3fa2b1c4d5e6…)`, or
/// without a folder `receipt.jpg (34 KB, sha256 3fa2b1c4d5e6…)`.
fn file_text(file: &Evidence, folder: Option<&str>) -> String {
    let name = match folder {
        Some(folder) => format!(
            "[{}]({}/{})",
            inline(file.name()),
            url_path(folder),
            url_path(&evidence_file_name(file))
        ),
        None => inline(file.name()),
    };
    format!(
        "{name} ({}, sha256 {}…)",
        size_text(file.bytes),
        file.sha256.get(..12).unwrap_or(&file.sha256)
    )
}

/// A path as a link target: every byte other than letters, digits and
/// `/ - _ . ~` percent-encoded, so spaces, brackets and parentheses cannot
/// end the link.
fn url_path(path: &str) -> String {
    path.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// One observation as a list item, with its files and note below it.
fn observation(
    line: &mut impl FnMut(&str),
    visit: &Visit,
    at: ItemRef,
    o: &Observation<Stamp>,
    data_folder: Option<&str>,
) {
    let entry = visit.entry(at);
    let answer = match (entry.and_then(|e| e.answer.as_ref()), visit.response(at)) {
        (None, _) => format!("*{}*", tr!("doc-unanswered")),
        (Some(Answer::Na), _) => tr!("doc-na"),
        (Some(Answer::Number(n)), Some(Response::Number { unit, standard, .. })) => inline(
            &crate::i18n::local_decimals(&score::against_standard(*n, unit, &standard)),
        ),
        (Some(Answer::Number(n)), _) => md_number(*n),
        (Some(Answer::Text(t)), _) => tr!("export-quoted", text = inline(t)),
        (Some(Answer::Choice(id)), _) => match &o.label {
            Some(label) => inline(label),
            None => inline(id),
        },
    };
    let mut facts = vec![answer];
    if o.exceeded {
        facts.push(tr!("export-fact-exceeded"));
    }
    if let (Some(points), Some(max)) = (o.points, o.max) {
        // The maximum as a number, so that it chooses the plural form.
        facts.push(tr!(
            "export-fact-points",
            points = md_number(points),
            max = max
        ));
    }
    if o.critical {
        let failed = o.points == Some(0.0);
        facts.push(if failed {
            format!("**{}**", tr!("export-fact-critical-failure"))
        } else {
            tr!("doc-critical")
        });
    }
    if o.skipped {
        facts.push(format!("*{}*", tr!("export-fact-skipped")));
    }
    if let Some(seconds) = o.timed {
        facts.push(tr!("export-fact-timed", seconds = md_number(seconds)));
    }
    if let Some(first) = &o.first_at {
        facts.push(tr!(
            "export-fact-observed",
            time = first.0.strftime("%H:%M").to_string()
        ));
    }
    line(&format!(
        "- **{}**: {}",
        inline(&o.prompt),
        facts.join(" · ")
    ));
    for (_, file) in visit.evidence_of(at) {
        line(&format!(
            "  - {}",
            tr!("export-file", file = file_text(file, data_folder))
        ));
    }
    if !o.note.is_empty() {
        line("");
        for quoted in quote_block(&o.note) {
            line(&format!("  {quoted}"));
        }
        line("");
    }
}

fn tally_row(name: &str, tally: &Tally) -> String {
    format!(
        "| {name} | {} | {} | {} |",
        md_percent(tally.percent()),
        points_text(tally),
        exceeded_text(tally.exceeded)
    )
}

fn points_text(tally: &Tally) -> String {
    if tally.max > 0.0 {
        tr!(
            "export-points-of",
            points = md_number(score::round1(tally.points)),
            max = md_number(score::round1(tally.max))
        )
    } else {
        "—".to_owned()
    }
}

/// Text as Markdown that formats nothing: control characters made visible,
/// Markdown punctuation escaped, and lines joined with `<br>`.
pub fn inline(text: &str) -> String {
    lines(text)
        .map(|l| escape_line(l.trim(), false))
        .collect::<Vec<_>>()
        .join("<br>")
}

/// [`inline`] for a table cell (where `|` is escaped too, as it always is).
fn cell(text: &str) -> String {
    inline(text)
}

/// A multi-line text as a Markdown block quote, one `> ` line per line.
pub fn quote_block(text: &str) -> Vec<String> {
    lines(text)
        .map(|l| {
            let escaped = escape_line(l.trim(), true);
            if escaped.is_empty() {
                ">".to_owned()
            } else {
                format!("> {escaped}")
            }
        })
        .collect()
}

/// The lines of `text`, with CRLF taken as one line break and control
/// characters other than newline written as `\u{1b}`-style escapes.
fn lines(text: &str) -> impl Iterator<Item = String> {
    let normal = text.replace("\r\n", "\n").replace('\t', " ");
    escaped(&normal)
        .split('\n')
        .map(str::to_owned)
        .collect::<Vec<_>>()
        .into_iter()
}

/// One line with every character that Markdown could read as formatting
/// escaped: inline punctuation anywhere and, when the text starts a line of
/// the document (`block`), the markers of headings and lists.
pub(super) fn escape_line(line: &str, block: bool) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let chars: Vec<char> = line.chars().collect();
    for (n, &c) in chars.iter().enumerate() {
        let next = chars.get(n + 1).copied();
        let at_start = block && n == 0;
        let escape = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' => true,
            // An entity such as &lt; would turn into its character.
            '&' => next.is_some_and(|d| d.is_ascii_alphanumeric() || d == '#'),
            // Headings, lists and setext underlines start a line.
            '#' | '-' | '+' | '=' if at_start => true,
            // "1." or "1)" starts an ordered list.
            '.' | ')' => block && n > 0 && chars[..n].iter().all(char::is_ascii_digit),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A tag's name in a visit's documents: its checklist's label, if any.
pub fn visit_tag(visit: &Visit, tag: &str) -> String {
    crate::checklist::model::tag_label_among(visit.checklists.iter().map(|l| &l.checklist), tag)
}
