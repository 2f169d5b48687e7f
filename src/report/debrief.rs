//! The visit debrief: one HTML file to send to the site after a visit, with
//! the visit's facts, score cards, a bar per touchpoint, the timeline of the
//! moments observed, and every item with its mark, answer, points and note.

use std::collections::HashMap;

use jiff::ZonedDateTime;
use maud::{Markup, html};

use super::compare::Comparison;
use super::page::{bar_table, card, page, text};
use crate::checklist::sha256_hex;
use crate::i18n::{self, touchpoint_name};
use crate::record::{
    AnswerValue, ChecklistRef, Observation, Stamp, build, format_number, visit_tag,
};
use crate::score::{self, PERSONAL_TOUCH};
use crate::text::size_text;
use crate::tr;
use crate::visit::{Evidence, Status, Visit};

/// How an observation reads at a glance: a mark, its class and its meaning
/// (the N/A mark is a word, so it is the language's too).
fn mark(o: &Observation<Stamp>) -> (String, &'static str, String) {
    let (m, class, meaning): (&str, _, _) = if o.skipped {
        ("–", "skipped", tr!("debrief-skipped"))
    } else if o.na {
        return (tr!("debrief-mark-na"), "na", tr!("debrief-not-applicable"));
    } else if o.answer.is_none() {
        ("·", "open", tr!("doc-unanswered"))
    } else {
        match (o.points, o.max) {
            (Some(p), Some(m)) if p == 0.0 && m > 0.0 && o.critical => {
                ("✗!", "fail", tr!("debrief-critical-failure"))
            }
            (Some(p), Some(m)) if p == 0.0 && m > 0.0 => ("✗", "miss", tr!("debrief-missed")),
            _ if o.exceeded => ("▲", "exceeded", tr!("debrief-exceeded")),
            (Some(p), Some(m)) if p >= m => ("✓", "met", tr!("debrief-met")),
            (Some(_), Some(_)) => ("◐", "part", tr!("debrief-partly-met")),
            _ => ("•", "info", tr!("debrief-recorded")),
        }
    };
    (m.to_owned(), class, meaning)
}

/// `3 h 42 min`.
fn duration(from: &ZonedDateTime, to: &ZonedDateTime) -> String {
    let minutes = (to.timestamp().as_second() - from.timestamp().as_second()).max(0) / 60;
    match (minutes / 60, minutes % 60) {
        (0, m) => tr!("debrief-minutes", minutes = m),
        (h, m) => tr!("debrief-hours-minutes", hours = h, minutes = m),
    }
}

/// Reads the bytes of an attached file for the debrief, `None` when it
/// cannot: the disk layer's job (`evidence::read_attached`), handed in so
/// that the debrief itself never opens a file.
pub type ReadFile<'a> = &'a dyn Fn(&Evidence) -> Option<Vec<u8>>;

/// The visit as an HTML debrief: one self-contained file, every string from
/// the visit and its checklists escaped. Attached files are named, not shown.
pub fn to_html(visit: &Visit) -> String {
    to_html_full(visit, None, None)
}

/// The visit as an HTML debrief with its attached files, read by `read`:
/// photos shown inline (as `data:` URLs, so the file stays self-contained),
/// other files named with their size and hash.
pub fn to_html_in(visit: &Visit, read: ReadFile) -> String {
    to_html_full(visit, Some(read), None)
}

/// [`to_html_in`] that also says what changed since `since`, the site's
/// earlier visit of the same journey: fixed, regressed, still missed.
pub fn to_html_since(visit: &Visit, read: ReadFile, since: Option<&Comparison>) -> String {
    to_html_full(visit, Some(read), since)
}

fn to_html_full(visit: &Visit, read: Option<ReadFile>, since: Option<&Comparison>) -> String {
    let record = build::<Stamp>(visit);
    let s = score::score(visit);
    let header = &visit.header;
    let exceeded = record
        .observations
        .iter()
        .filter(|o| o.exceeded && !o.skipped)
        .count();
    let end = match header.status {
        Status::Final => header.finished.as_ref().unwrap_or(&header.updated),
        Status::Draft => &header.updated,
    };
    let prompt_of = |failure: &str| {
        record
            .observations
            .iter()
            .find(|o| format!("{}/{}", o.checklist, o.item) == failure)
            .map(|o| o.prompt.clone())
            .unwrap_or_default()
    };
    let touchpoints: Vec<(String, Option<usize>, Option<f64>)> = s
        .touchpoints
        .iter()
        .map(|(name, t)| {
            (
                touchpoint_title(&record.checklists, name),
                None,
                t.percent(),
            )
        })
        .collect();
    let mut timeline: Vec<&Observation<Stamp>> = record
        .observations
        .iter()
        .filter(|o| o.first_at.is_some() && !o.skipped)
        .collect();
    timeline.sort_by_key(|o| o.first_at.as_ref().map(|t| t.0.timestamp()));
    // Looked up once a document, not once a row.
    let touchpoint_names: HashMap<&str, String> = record
        .checklists
        .iter()
        .map(|c| {
            (
                c.id.as_str(),
                touchpoint_title(&record.checklists, &c.touchpoint),
            )
        })
        .collect();
    let touchpoint_of =
        |checklist: &str| touchpoint_names.get(checklist).cloned().unwrap_or_default();
    let observed: HashMap<(&str, &str), &Observation<Stamp>> = record
        .observations
        .iter()
        .map(|o| ((o.checklist.as_str(), o.item.as_str()), o))
        .collect();
    let note_of = |failure: &str| {
        record
            .observations
            .iter()
            .find(|o| format!("{}/{}", o.checklist, o.item) == failure)
            .map(|o| o.note.clone())
    };
    // Misses that are not critical failures (those are in the banner), by
    // touchpoint in journey order; answers that exceeded expectations.
    let mut misses: Vec<(String, Vec<&Observation<Stamp>>)> = Vec::new();
    for o in record.observations.iter().filter(|o| {
        !o.skipped
            && !o.na
            && !o.critical
            && o.points == Some(0.0)
            && o.max.is_some_and(|m| m > 0.0)
    }) {
        let tp = touchpoint_of(&o.checklist);
        match misses.iter_mut().find(|(t, _)| *t == tp) {
            Some((_, list)) => list.push(o),
            None => misses.push((tp, vec![o])),
        }
    }
    let praise: Vec<&Observation<Stamp>> = record
        .observations
        .iter()
        .filter(|o| o.exceeded && !o.skipped)
        .collect();
    let critical = tr!("doc-critical");
    let title = tr!("debrief-title");
    let shown = s.answered + s.unanswered;

    let body = html! {
        h1 { (title) ": " (text(&header.site)) }
        p.sub { (i18n::date(header.started.date())) " · " (text(&header.auditor)) }
        dl.facts {
            dt { (tr!("doc-site")) } dd { (text(&header.site)) }
            dt { (tr!("doc-auditor")) } dd { (text(&header.auditor)) }
            dt { (tr!("doc-started")) } dd { (i18n::date_time(&header.started)) }
            @if header.status == Status::Final {
                dt { (tr!("doc-finalized")) } dd { (i18n::date_time(end)) }
            } @else {
                dt { (tr!("doc-last-change")) } dd { (i18n::date_time(end)) }
            }
            dt { (tr!("debrief-duration")) } dd {
                @if header.clock_went_back() { (tr!("debrief-duration-unknown")) }
                @else { (duration(&header.started, end)) }
            }
            dt { (tr!("doc-status")) } dd {
                @if header.status == Status::Final { (tr!("doc-status-final")) }
                @else { strong { (tr!("doc-status-draft")) } ": " (tr!("doc-status-draft-open")) }
            }
            dt { (tr!("doc-checklists")) } dd {
                @for (n, c) in record.checklists.iter().enumerate() {
                    @if n > 0 { ", " }
                    (text(&c.title))
                    @if let Some(v) = &c.version { " " (text(v)) }
                }
            }
            dt { (tr!("debrief-visit-id")) } dd { (text(&header.id)) }
        }
        // What to fix first, then what to praise, then the scores and the
        // timeline: the order a manager acts in.
        @if s.failed() {
            div.banner.critical role="alert" {
                strong { (tr!("debrief-failed", count = s.critical_failures.len())) }
                " " (tr!("doc-failed-why"))
                ul { @for f in &s.critical_failures {
                    li {
                        (text(&prompt_of(f))) " " span.tag { (text(f)) }
                        @if let Some(note) = note_of(f).filter(|n| !n.is_empty()) {
                            blockquote { (text(&note)) }
                        }
                    }
                } }
            }
        }
        @if !misses.is_empty() {
            h2.fix { (tr!("debrief-to-fix")) }
            @for (touchpoint, list) in &misses {
                h3 { (text(touchpoint)) }
                ul.misses {
                    @for o in list {
                        li.miss {
                            span.mark.miss { "✗" } " " (text(&o.prompt))
                            " — " (answer(visit, &o.checklist, o))
                            @if !o.note.is_empty() { blockquote { (text(&o.note)) } }
                        }
                    }
                }
            }
        }
        @if !praise.is_empty() {
            h2.praise { (tr!("debrief-to-praise")) }
            ul.praise {
                @for o in &praise {
                    li.exceeded {
                        span.mark.exceeded { "▲" } " " (text(&o.prompt))
                        " " span.tag { (text(&touchpoint_of(&o.checklist))) }
                        @if !o.note.is_empty() { blockquote { (text(&o.note)) } }
                    }
                }
            }
        }
        @if let Some(c) = since {
            h2.since { (tr!("debrief-since", date = c_started(c))) }
            p.sub { (tr!("debrief-since-lead", visit = text(&c.a.id))) }
            @for (name, list) in [
                (tr!("compare-regressed"), &c.regressed),
                (tr!("compare-still-missed"), &c.still_missed),
                (tr!("compare-fixed"), &c.fixed),
            ] {
                h3 { (name) " (" (list.len()) ")" }
                @if !list.is_empty() {
                    ul { @for ch in list.iter() {
                        li { (text(&ch.prompt)) ": "
                            (text(ch.a.as_deref().unwrap_or("—"))) " → " (text(ch.b.as_deref().unwrap_or("—"))) }
                    } }
                }
            }
        }
        @if !header.note.is_empty() {
            h2 { (tr!("doc-visit-note")) }
            blockquote { (text(&header.note)) }
        }
        h2 { (tr!("debrief-scores")) }
        div.cards {
            (card(&tr!("doc-overall"), &percent_text(s.total.percent()), s.failed()))
            (card(&tr!("doc-standards"), &percent_text(s.standards.percent()), false))
            (card(&tr!("doc-personal-touch"), &percent_text(s.personal_touch().percent()), false))
            @for (tag, t) in &s.tags {
                @if tag != PERSONAL_TOUCH { (card(&text(&visit_tag(visit, tag)), &percent_text(t.percent()), false)) }
            }
            (card(&tr!("doc-critical-failures"), &s.critical_failures.len().to_string(), s.failed()))
            (card(&tr!("doc-exceeded"), &format!("▲ {exceeded}"), false))
        }
        p.sub { (tr!("doc-answered", answered = s.answered, shown = shown, unanswered = s.unanswered)) }
        h2 { (tr!("debrief-touchpoints")) }
        (bar_table(&tr!("doc-touchpoint"), &touchpoints, score::HIGH))
        @if !timeline.is_empty() {
            h2 { (tr!("debrief-timeline")) }
            p.sub { (tr!("debrief-timeline-lead")) }
            ol.timeline {
                @for o in &timeline {
                    @let (m, class, meaning) = mark(o);
                    li class=(class) {
                        @if let Some(t) = &o.first_at { time datetime=(t.rfc3339()) { (t.0.strftime("%H:%M")) } }
                        span.mark.(class) title=(meaning) { (m) } " "
                        (text(&o.prompt)) " "
                        span.tag { (text(&touchpoint_of(&o.checklist))) }
                    }
                }
            }
        }
        @let visit_files = visit.visit_evidence();
        @if !visit_files.is_empty() {
            h2 { (crate::tr!("debrief-visit-files")) }
            (files(&visit_files, read))
        }
        @for (c, loaded) in visit.checklists.iter().enumerate() {
            @let meta = &loaded.checklist.checklist;
            @let tally = s.checklists.get(c).copied().unwrap_or_default();
            h2 { (text(&checklist_heading(&record.checklists, &meta.touchpoint, &meta.title)))
                @if let Some(p) = tally.percent() { " — " (percent_text(Some(p))) } }
            @for (n, section) in loaded.checklist.section.iter().enumerate() {
                @let st = s.sections.get(c).and_then(|v| v.get(n)).copied().unwrap_or_default();
                h3 { (text(&section.title))
                    @if let Some(p) = st.percent() { " — " (percent_text(Some(p))) } }
                (items(visit, &observed, &critical, &meta.id, section, read))
            }
        }
    };
    page(&format!("{title}: {}", header.site), body)
}

/// The rows of `section`, each item's observation found in `observed` by
/// (checklist, item); `critical` is the word for a critical item.
fn items(
    visit: &Visit,
    observed: &HashMap<(&str, &str), &Observation<Stamp>>,
    critical: &str,
    checklist: &str,
    section: &crate::checklist::Section,
    read: Option<ReadFile>,
) -> Markup {
    html! {
        div.table { table.items {
            thead { tr {
                // On a phone the column only fits the marks, not its heading.
                th.c-mark { span.hide-narrow { (tr!("debrief-col-mark")) } } th { (tr!("doc-item")) }
                th.c-answer { (tr!("debrief-col-answer")) } th.n.c-points { (tr!("debrief-col-points")) }
            } }
            tbody {
                @for item in &section.item {
                    @if let Some(o) = observed.get(&(checklist, item.id.as_str())) {
                        @let (m, class, meaning) = mark(o);
                        tr class=(class) {
                            td { div.markcell { span.mark.(class) title=(meaning) { (m) } span.hide-narrow { (meaning) } } }
                            td.wrap {
                                (text(&o.prompt))
                                @if o.critical { " " span.tag { (critical) } }
                                @for t in &o.tags { " " span.tag { (text(&visit_tag(visit, t))) } }
                                @if !o.note.is_empty() { div.note { (text(&o.note)) } }
                                @if let Some(at) = visit.find(checklist, &item.id) {
                                    (files(&visit.evidence_of(at), read))
                                }
                            }
                            td.wrap { (answer(visit, checklist, o)) }
                            td.n {
                                @if let (Some(p), Some(mx)) = (o.points, o.max) {
                                    (format_number(score::round1(p))) " / " (format_number(score::round1(mx)))
                                }
                            }
                        }
                    }
                }
            }
        } }
    }
}

/// The answer in words: the option's label, the number with its unit, the
/// text, N/A, or nothing.
fn answer(visit: &Visit, checklist: &str, o: &Observation<Stamp>) -> String {
    if o.na {
        return tr!("doc-na");
    }
    match (&o.answer, &o.label) {
        (None, _) => String::new(),
        (Some(_), Some(label)) => text(label),
        (Some(AnswerValue::Number(n)), None) => {
            // Against its standard, as the Markdown shows it: "7.5 min ✗ ≤ 5".
            match visit
                .find(checklist, &o.item)
                .and_then(|at| visit.response(at))
            {
                Some(crate::checklist::Response::Number { unit, standard, .. }) => {
                    text(&score::against_standard(*n, unit, &standard))
                }
                _ => format_number(*n),
            }
        }
        (Some(a), None) => text(&a.as_text()),
    }
}

/// The day the earlier visit of a comparison started, as a reader reads it.
fn c_started(c: &Comparison) -> String {
    c.a.started
        .get(..10)
        .and_then(|d| d.parse::<jiff::civil::Date>().ok())
        .map(i18n::date)
        .unwrap_or_else(|| c.a.started.clone())
}

/// Attached files as the debrief shows them, after a note or an item.
fn files(files: &[(usize, &Evidence)], read: Option<ReadFile>) -> Markup {
    html! {
        @if !files.is_empty() {
            div.files {
                @for (_, file) in files {
                    @let image = read.and_then(|read| inline_image(read, file));
                    @let unshown = read.is_some() && image.is_none() && is_image_name(file.name());
                    figure.file {
                        @if let Some(src) = &image {
                            img src=(src) alt=(file.name());
                        }
                        figcaption {
                            (file.name()) " · " (size_text(file.bytes)) " · sha256 "
                            (file.sha256.get(..12).unwrap_or(&file.sha256)) "…"
                            @if unshown {
                                " · " em { (crate::tr!("debrief-file-unreadable")) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Whether a file's name says it is a photo a browser shows.
fn is_image_name(name: &str) -> bool {
    image_type(name).is_some()
}

/// The media type of a photo by its name's extension; SVG is left out (it
/// is a document that can hold links and scripts, not a photo).
fn image_type(name: &str) -> Option<&'static str> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        _ => return None,
    })
}

/// A photo as a `data:` URL, when its name says it is one, its bytes (as
/// `read` gives them) begin as that kind of image does, and they are still
/// the file that was attached (same hash). Anything else is named, not shown.
fn inline_image(read: ReadFile, file: &Evidence) -> Option<String> {
    use base64::Engine;
    let kind = image_type(file.name())?;
    let bytes = read(file)?;
    let magic_ok = match kind {
        "image/png" => bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "image/jpeg" => bytes.starts_with(&[0xff, 0xd8, 0xff]),
        "image/gif" => bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a"),
        _ => bytes.get(..4) == Some(b"RIFF") && bytes.get(8..12) == Some(b"WEBP"),
    };
    if !magic_ok || sha256_hex(&bytes) != file.sha256 {
        return None;
    }
    let encoded = base64::engine::general_purpose::STANDARD.encode(&bytes);
    Some(format!("data:{kind};base64,{encoded}"))
}

/// A touchpoint as the visit's checklists name it: the title of the one
/// checklist of that touchpoint ("Поезд: посадка"), else the catalog's
/// generic word, so that a train is never told in a hotel's words (as the
/// Markdown export does).
fn touchpoint_title(checklists: &[ChecklistRef], touchpoint: &str) -> String {
    let mut titles = checklists
        .iter()
        .filter(|c| c.touchpoint == touchpoint)
        .map(|c| c.title.clone());
    match (titles.next(), titles.next()) {
        (Some(title), None) => title,
        _ => touchpoint_name(touchpoint),
    }
}

/// A checklist's heading: its title, after the touchpoint's generic word
/// only when several checklists share the touchpoint.
fn checklist_heading(checklists: &[ChecklistRef], touchpoint: &str, title: &str) -> String {
    let shared = checklists
        .iter()
        .filter(|c| c.touchpoint == touchpoint)
        .count()
        > 1;
    if shared {
        format!("{}: {title}", touchpoint_name(touchpoint))
    } else {
        title.to_owned()
    }
}

/// A percentage as the document's language writes it (`87,5%` in Russian).
fn percent_text(percent: Option<f64>) -> String {
    i18n::local_decimals(&score::percent_text(percent))
}
