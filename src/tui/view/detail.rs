//! The detail pane: everything about the selected item.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::checklist::{Response, Timing};
use crate::evidence::size_text;
use crate::score::{self, PERSONAL_TOUCH};
use crate::tr;
use crate::tui::app::App;
use crate::tui::layout::{DOT, as_many_as_fit, wrap};
use crate::tui::theme::{drawable, fit};
use crate::tui::words::{against_standard, clock, earns_text, range_text};
use crate::visit::{Answer, ItemRef};

/// The item's details, wrapped to the pane, scrolled with `J`/`K` when they
/// are longer than it. The pane's last row holds the keys for the item, or
/// says that there is more and how to see it.
pub(super) fn draw_detail(frame: &mut Frame<'_>, area: Rect, app: &App, border: Borders) {
    let block = Block::new().borders(border);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let at = app.selected();
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    let lines = detail_lines(app, at, height >= 12);
    let mut rows: Vec<(String, Style)> = Vec::new();
    for (n, (text, style)) in lines.iter().enumerate() {
        rows.extend(wrap(text, width).into_iter().map(|r| (r, *style)));
        // The prompt gets the same rows on every item, so that what
        // follows stays in place and a move redraws little.
        if n == 0 {
            let prompt_rows = if height >= 12 { 3 } else { 2 };
            while rows.len() < prompt_rows {
                rows.push((String::new(), Style::new()));
            }
        }
    }
    let visible = height.saturating_sub(1).max(1);
    let (shown_for, wanted) = app.detail.get();
    let wanted = if shown_for == at { wanted } else { 0 };
    let offset = wanted.min(rows.len().saturating_sub(visible));
    app.detail.set((at, offset));
    app.detail_rows.set(visible);
    let mut shown: Vec<Line<'_>> = rows
        .iter()
        .skip(offset)
        .take(visible)
        .map(|(text, style)| Line::styled(text.clone(), *style))
        .collect();
    while shown.len() < visible {
        shown.push(Line::raw(""));
    }
    let footer = if rows.len() > visible {
        let more = if offset + visible < rows.len() {
            tr!(
                "tui-more-below",
                seen = offset + visible,
                total = rows.len()
            )
        } else {
            tr!("tui-back-up")
        };
        Line::styled(fit(&more, width), Style::new().add_modifier(Modifier::BOLD))
    } else {
        let hints = if app.visit.is_final() {
            vec![tr!("tui-hint-what-counts"), tr!("tui-hint-scroll")]
        } else {
            vec![
                tr!("tui-hint-note"),
                tr!("tui-hint-file"),
                tr!("tui-hint-what-counts"),
            ]
        };
        let hints: Vec<&str> = hints.iter().map(String::as_str).collect();
        Line::styled(as_many_as_fit(&hints, inner.width), app.theme.dim())
    };
    shown.push(footer);
    frame.render_widget(Paragraph::new(shown), inner);
}

/// The detail pane's lines before wrapping: the prompt, what the item is
/// (critical, weight, tags, timed), its answers, what the answer earns, then
/// notes and, when `i` asked for it, the guidance. In a `roomy` pane rows
/// keep their places from item to item (an empty row where an item has
/// nothing to say), so a move redraws only what differs; in a small one
/// the answers come right after the prompt, and what the item is after them.
/// A final visit shows its notes and the visit's note, and no editing hints.
pub(super) fn detail_lines(app: &App, at: ItemRef, roomy: bool) -> Vec<(String, Style)> {
    let visit = &app.visit;
    let theme = &app.theme;
    let editable = !visit.is_final();
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let blank = || (String::new(), Style::new());
    let (Some((_, item)), Some(entry), Some(response)) =
        (visit.item(at), visit.entry(at), visit.response(at))
    else {
        return Vec::new();
    };
    let mut lines: Vec<(String, Style)> = vec![(drawable(&item.prompt), bold)];
    // A returned visit: the editor's questions first, and how to answer.
    if app.returned.is_some() {
        let key = visit.ids(at).map(|(c, i)| format!("{c}/{i}"));
        for question in app.questions_on(key.as_deref()) {
            lines.push((
                tr!("tui-returned-question", question = drawable(&question)),
                theme.bad(),
            ));
        }
        // Questions on the whole visit show on every item: `e` answers
        // them where the item has none of its own.
        for question in app.questions_on(None) {
            lines.push((
                tr!(
                    "tui-returned-visit-question",
                    question = drawable(&question)
                ),
                theme.bad(),
            ));
        }
    }
    let mut facts = Vec::new();
    if item.is_critical() {
        facts.push(tr!("tui-critical"));
    }
    // The weight is in what the item earns, a few rows below.
    if item.weight() != 1.0 && response.max_score().is_none() {
        facts.push(tr!("tui-weight", weight = item.weight()));
    }
    for tag in &item.tags {
        facts.push(if tag == PERSONAL_TOUCH {
            tr!("tui-personal-touch")
        } else {
            drawable(&visit.checklists[at.checklist].checklist.tag_label(tag))
        });
    }
    let mut about = vec![(facts.join(DOT), theme.dim())];
    about.push(match (response.timing(), visit.timer(at)) {
        // The start, not the seconds: only the header's cell ticks.
        (Some(_), Some(timer)) => (
            tr!(
                "tui-running-since",
                time = timer.started.strftime("%H:%M:%S").to_string()
            ),
            bold,
        ),
        (Some(_), None) if editable => (tr!("tui-timed"), theme.dim()),
        _ => blank(),
    });
    if roomy {
        lines.append(&mut about);
    } else {
        about.retain(|(text, _)| !text.is_empty());
    }
    match response {
        Response::Options(options) => {
            let timed = response.timing() == Some(Timing::Options);
            for (n, option) in options.iter().enumerate() {
                let chosen = matches!(&entry.answer, Some(Answer::Choice(id)) if *id == option.id);
                // A timed set shows the time each option holds.
                let within = match option.within {
                    Some(w) if timed => format!(" (≤ {})", clock(w)),
                    None if timed => format!(" ({})", tr!("tui-within-longer")),
                    _ => String::new(),
                };
                let text = format!(
                    "{} {} {}{within}{}",
                    if chosen { "▶" } else { " " },
                    n + 1,
                    drawable(&option.label),
                    if option.exceeds() { " ▲" } else { "" }
                );
                let style = if chosen {
                    theme.selected()
                } else {
                    Style::new()
                };
                lines.push((text, style));
            }
        }
        Response::Number {
            unit,
            min,
            max,
            standard,
        } => {
            let value = match &entry.answer {
                Some(Answer::Number(v)) => {
                    format!("▶ {}", drawable(&against_standard(*v, unit, &standard)))
                }
                _ if standard.is_set() => format!(
                    "  {}",
                    tr!(
                        "tui-no-value-standard",
                        standard = crate::i18n::local_decimals(&standard.text())
                    )
                ),
                _ => format!("  {}", tr!("tui-no-value")),
            };
            lines.push((value, Style::new()));
            lines.push(if editable {
                (
                    format!(
                        "  {}",
                        tr!(
                            "tui-type-value",
                            range = drawable(&range_text(min, max, unit))
                        )
                    ),
                    theme.dim(),
                )
            } else {
                blank()
            });
        }
        Response::Text => {
            match &entry.answer {
                Some(Answer::Text(t)) => {
                    for l in t.lines() {
                        lines.push((format!("▶ {}", drawable(l)), Style::new()));
                    }
                }
                _ => lines.push((format!("  {}", tr!("tui-no-text")), Style::new())),
            }
            lines.push(if editable {
                (format!("  {}", tr!("tui-write-answer")), theme.dim())
            } else {
                blank()
            });
        }
    }
    lines.push(if item.na_allowed() {
        let chosen = entry.answer == Some(Answer::Na);
        let style = if chosen {
            theme.selected()
        } else {
            Style::new()
        };
        let mark = if chosen { "▶" } else { " " };
        (format!("{mark} 0 {}", tr!("tui-na")), style)
    } else {
        blank()
    });
    lines.append(&mut about);
    if let Some(earns) = score::earns(visit, at) {
        lines.push((drawable(&earns_text(&earns)), theme.dim()));
    }
    if let Some(seconds) = entry.timed {
        lines.push((
            tr!("tui-measured", clock = clock(seconds), seconds = seconds),
            theme.dim(),
        ));
    }
    for (_, file) in visit.evidence_of(at) {
        lines.push((
            format!("@ {} ({})", drawable(file.name()), size_text(file.bytes)),
            Style::new(),
        ));
    }
    if !entry.note.is_empty() {
        lines.push(blank());
        lines.push((tr!("tui-note-heading"), bold));
        for l in entry.note.lines() {
            lines.push((drawable(l), Style::new()));
        }
    }
    // Read-only, the visit's note has no editor to be read in: shown
    // with the item's, before the guidance.
    if !editable && !visit.header.note.is_empty() {
        lines.push(blank());
        lines.push((tr!("tui-visit-note-heading"), bold));
        for l in visit.header.note.lines() {
            lines.push((drawable(l), Style::new()));
        }
    }
    if let Some(first) = &entry.first_at {
        let time = first.strftime("%H:%M").to_string();
        lines.push((tr!("tui-observed", time = time), theme.dim()));
    }
    match &item.guidance {
        Some(guidance) if app.guidance => {
            lines.push(blank());
            for g in guidance.lines() {
                lines.push((drawable(g), theme.dim()));
            }
        }
        // A roomy pane says so in its last row, which never moves; a small
        // one here, after the answers.
        Some(_) if !roomy => lines.push((tr!("tui-guidance-hint"), theme.dim())),
        _ => {}
    }
    lines
}
