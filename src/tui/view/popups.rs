//! What opens over the screen: help, how scores work, search matches,
//! file-name choices, the note and text editors, the finalize summary.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::header::score_line;
use crate::score::Score;
use crate::tr;
use crate::tui::app::App;
use crate::tui::keymap;
use crate::tui::layout::{DOT, centered, wrap, wrap_words};
use crate::tui::theme::{Theme, drawable, fit, truncate};
use crate::visit::{Issue, ItemRef};

/// A bordered popup holding `lines`, scrolled from `scroll` when they do
/// not fit; the last row then says how to see the rest.
pub(super) fn draw_popup(
    frame: &mut Frame<'_>,
    area: Rect,
    title: &str,
    lines: Vec<Line<'static>>,
    scroll: usize,
    theme: &Theme,
) {
    let inner_height = usize::from(area.height.saturating_sub(2));
    let mut lines = lines;
    if lines.len() > inner_height {
        let visible = inner_height.saturating_sub(1);
        let offset = scroll.min(lines.len() - visible);
        let more = if offset + visible < lines.len() {
            tr!("tui-popup-more")
        } else {
            tr!("tui-popup-back")
        };
        lines = lines.into_iter().skip(offset).take(visible).collect();
        lines.push(Line::styled(
            more,
            Style::new().add_modifier(Modifier::BOLD),
        ));
    }
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .title(format!(" {title} "))
                .title_style(theme.title()),
        ),
        area,
    );
}

/// Help's first page, generated from the keymap: two columns when 80
/// columns are there, else one.
pub(super) fn draw_help(frame: &mut Frame<'_>, area: Rect, theme: &Theme, scroll: usize) {
    let entries = keymap::help_lines();
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mut lines: Vec<Line<'static>> = Vec::new();
    if area.width >= 80 {
        let half = entries.len().div_ceil(2);
        let cell = |n: usize| -> Vec<Span<'static>> {
            match entries.get(n) {
                Some((keys, help)) => vec![
                    Span::styled(format!("{keys:<17}"), bold),
                    Span::raw(format!("{help:<21}")),
                ],
                None => Vec::new(),
            }
        };
        for row in 0..half {
            let mut spans = cell(row);
            spans.extend(cell(row + half));
            lines.push(Line::from(spans));
        }
    } else {
        let keys_width = entries.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
        let room = usize::from(area.width.saturating_sub(3)).saturating_sub(keys_width);
        for (keys, help) in &entries {
            lines.push(Line::from(vec![
                Span::styled(format!("{keys:<keys_width$} "), bold),
                Span::raw(fit(help, room)),
            ]));
        }
    }
    lines.push(Line::raw(""));
    for hint in [
        tr!("tui-help-marks"),
        tr!("tui-help-flags"),
        tr!("tui-help-editors"),
        tr!("tui-help-to-scoring"),
    ] {
        for row in wrap(&hint, usize::from(area.width.saturating_sub(2))) {
            lines.push(Line::styled(row, theme.dim()));
        }
    }
    let height = (lines.len() as u16 + 2).min(area.height);
    let popup = centered(area, 80, height);
    draw_popup(frame, popup, &tr!("tui-help-title"), lines, scroll, theme);
}

/// Help's second page: how scores work, in the words of [`crate::score::EXPLANATION`].
pub(super) fn draw_scoring_help(frame: &mut Frame<'_>, area: Rect, theme: &Theme, scroll: usize) {
    let popup = centered(area, 80, area.height);
    let width = popup.width.saturating_sub(2);
    let intro = tr!("tui-scoring-intro");
    let rules = [
        tr!("tui-scoring-met"),
        tr!("tui-scoring-exceeded"),
        tr!("tui-scoring-yes-no"),
        tr!("tui-scoring-na"),
        tr!("tui-scoring-standards"),
        tr!("tui-scoring-critical"),
    ];
    let mut text: Vec<String> = wrap_words(&intro, width, usize::MAX);
    text.push(String::new());
    for rule in rules {
        // "• " on the first row, the rest indented under the words.
        let mut rows = wrap(&format!("  {rule}"), usize::from(width));
        if let Some(first) = rows.first_mut() {
            first.replace_range(..2, "• ");
        }
        text.extend(rows);
    }
    let mut lines: Vec<Line<'static>> = text.into_iter().map(Line::raw).collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        fit(&tr!("tui-scoring-back"), usize::from(width)),
        theme.dim(),
    ));
    draw_popup(
        frame,
        popup,
        &tr!("tui-scoring-title"),
        lines,
        scroll,
        theme,
    );
}

/// The matches of a search, across touchpoints, over the item list.
pub(super) fn draw_matches(
    frame: &mut Frame<'_>,
    body: Rect,
    app: &App,
    found: &[ItemRef],
    selected: usize,
) {
    if found.is_empty() {
        return;
    }
    let theme = &app.theme;
    let height = (found.len() as u16 + 2).min(body.height);
    let area = Rect { height, ..body };
    let inner = usize::from(height.saturating_sub(2));
    let width = usize::from(body.width.saturating_sub(2));
    let start = selected.saturating_sub(inner.saturating_sub(1));
    let lines: Vec<Line<'static>> = found
        .iter()
        .enumerate()
        .skip(start)
        .take(inner)
        .map(|(n, at)| {
            let touchpoint = app
                .visit
                .checklists
                .get(at.checklist)
                .map(|l| drawable(&l.checklist.checklist.title))
                .unwrap_or_default();
            let prompt = app
                .visit
                .item(*at)
                .map(|(_, i)| drawable(&i.prompt))
                .unwrap_or_default();
            let touchpoint = fit(&touchpoint, (width / 3).max(8));
            let text = fit(&format!("{touchpoint}{DOT}{prompt}"), width);
            let style = if n == selected {
                theme.selected()
            } else {
                Style::new()
            };
            Line::styled(text, style)
        })
        .collect();
    let title = format!(" {} ", tr!("tui-matches", count = found.len()));
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(title).title_style(theme.title())),
        area,
    );
}

/// The names Tab found, above the path being typed.
pub(super) fn draw_choices(frame: &mut Frame<'_>, body: Rect, choices: &[String], theme: &Theme) {
    const ROWS: usize = 6;
    let inner_width = usize::from(body.width.saturating_sub(2)).max(1);
    let column = choices
        .iter()
        .map(|c| drawable(c).width())
        .max()
        .unwrap_or(1)
        .clamp(1, inner_width)
        + 2;
    let per_row = (inner_width / column).max(1);
    let mut rows: Vec<Line<'_>> = choices
        .chunks(per_row)
        .map(|chunk| {
            let cells: Vec<String> = chunk
                .iter()
                .map(|c| truncate(&drawable(c), column))
                .collect();
            Line::raw(cells.concat())
        })
        .collect();
    if rows.len() > ROWS {
        let more = choices.len() - (ROWS - 1) * per_row;
        rows.truncate(ROWS - 1);
        rows.push(Line::styled(
            tr!("tui-choices-more", more = more),
            theme.dim(),
        ));
    }
    let height = (rows.len() as u16 + 2).min(body.height);
    let area = Rect {
        y: body.y + body.height - height,
        height,
        ..body
    };
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(rows)
            .block(Block::bordered().title(format!(" {} ", tr!("tui-choices-title")))),
        area,
    );
}

pub(super) fn draw_editor(
    frame: &mut Frame<'_>,
    area: Rect,
    editor: &ratatui_textarea::TextArea<'static>,
    title: &str,
    theme: &Theme,
) {
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .title(fit(
            &format!(" {title} "),
            usize::from(area.width.saturating_sub(2)),
        ))
        .title_style(theme.title());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(editor, inner);
}

pub(super) fn draw_finalize(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    score: &Score,
    selected: usize,
    confirming: bool,
) {
    let visit = &app.visit;
    let theme = &app.theme;
    let issues = visit.finalize_issues();
    // As tall as its lines, at most the screen less two rows.
    let tallest = centered(area, 76, area.height.saturating_sub(2));
    let width = tallest.width.saturating_sub(2);
    let cut = |text: &str| fit(text, usize::from(width));
    let files = visit.evidence().len();
    let mut lines = vec![
        score_line(score, width, theme),
        Line::raw(cut(&tr!(
            "tui-finalize-counts",
            answered = score.answered,
            unanswered = score.unanswered,
            files = files
        ))),
    ];
    let running = visit.timers().len();
    if running > 0 {
        lines.push(Line::styled(
            cut(&tr!("tui-finalize-running", count = running)),
            Style::new().add_modifier(Modifier::BOLD),
        ));
    }
    if score.failed() {
        lines.push(Line::styled(
            cut(&tr!(
                "tui-finalize-failure",
                count = score.critical_failures.len()
            )),
            theme.bad(),
        ));
    }
    lines.push(Line::raw(""));
    // The question, or the keys, at the bottom: wrapped, never cut.
    let footer = if confirming {
        let warnings = visit.finalize_warnings();
        let mut reasons = Vec::new();
        if warnings.unanswered > 0 {
            reasons.push(tr!("tui-finalize-unanswered", count = warnings.unanswered));
        }
        if warnings.critical_failures > 0 {
            reasons.push(tr!(
                "tui-finalize-failures",
                count = warnings.critical_failures
            ));
        }
        let reasons = match reasons.as_slice() {
            [first, second] => tr!("tui-finalize-and", first = first, second = second),
            _ => reasons.concat(),
        };
        tr!("tui-finalize-confirm", reasons = reasons)
    } else {
        tr!("tui-finalize-keys")
    };
    let footer: Vec<String> = wrap_words(&footer, width, 4);
    let room = usize::from(tallest.height).saturating_sub(lines.len() + footer.len() + 3);
    if issues.is_empty() {
        lines.push(Line::raw(tr!("tui-finalize-nothing")));
    } else {
        let start = selected.saturating_sub(room.saturating_sub(1));
        let labels = [
            tr!("tui-issue-running"),
            tr!("tui-issue-critical"),
            tr!("tui-issue-no-note"),
            tr!("tui-issue-open"),
        ];
        // One column for the labels, as wide as the widest in this language.
        let label_width = labels.iter().map(|l| l.width()).max().unwrap_or(0);
        for (n, issue) in issues.iter().enumerate().skip(start).take(room) {
            let (label, at) = match issue {
                Issue::StopwatchRunning(at) => (&labels[0], at),
                Issue::CriticalFailure(at) => (&labels[1], at),
                Issue::MissWithoutNote(at) => (&labels[2], at),
                Issue::Unanswered(at) => (&labels[3], at),
            };
            let label = truncate(label, label_width);
            let prompt = visit
                .item(*at)
                .map(|(_, i)| drawable(&i.prompt))
                .unwrap_or_default();
            let title = visit
                .checklists
                .get(at.checklist)
                .map(|c| drawable(&c.checklist.checklist.title))
                .unwrap_or_default();
            let title = fit(&title, usize::from(width / 4).max(6));
            let style = if n == selected && !confirming {
                theme.selected()
            } else {
                Style::new()
            };
            lines.push(Line::styled(
                cut(&format!("{label} {title}: {prompt}")),
                style,
            ));
        }
    }
    lines.push(Line::raw(""));
    let footer_style = if confirming {
        theme.bad()
    } else {
        Style::new().add_modifier(Modifier::BOLD)
    };
    lines.extend(footer.into_iter().map(|f| Line::styled(f, footer_style)));
    let popup = centered(area, 76, (lines.len() as u16 + 2).min(tallest.height));
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .title(format!(" {} ", tr!("tui-finalize-title")))
                .title_style(theme.title()),
        ),
        popup,
    );
}
