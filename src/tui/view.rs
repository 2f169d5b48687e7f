//! Drawing the visit screen. Everything here takes `&App`: drawing cannot
//! change the visit. Ratatui diffs frames, so only changed cells reach the
//! terminal.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::app::{App, Issue, Mode, clock};
use super::keymap;
use super::theme::{Theme, inert, mark, truncate};
use crate::checklist::{Response, Timing};
use crate::evidence::size_text;
use crate::score::{self, exceeded_text, percent_text};
use crate::visit::{Answer, ItemRef, Visit, range_text};

/// The smallest terminal the layout works in.
pub const MIN_WIDTH: u16 = 60;
/// The smallest terminal the layout works in.
pub const MIN_HEIGHT: u16 = 16;

/// Draws the whole screen for `app`.
pub fn draw(frame: &mut Frame<'_>, app: &App) {
    let area = frame.area();
    if too_small(frame, area) {
        return;
    }
    // An alert gets as many rows as it needs to be read whole: the reason a
    // save failed often holds a long path.
    let alert = alert_text(app).map(|text| wrap_words(&text, area.width, MAX_ALERT_ROWS));
    let status_rows = alert.as_ref().map_or(1, |rows| rows.len() as u16);
    // Running stopwatches get a row of their own under the header.
    let header_rows = if app.visit.timers().is_empty() { 2 } else { 3 };
    let [header, tabs, body, status] = Layout::vertical([
        Constraint::Length(header_rows),
        Constraint::Length(1),
        Constraint::Min(5),
        Constraint::Length(status_rows),
    ])
    .areas(area);
    draw_header(frame, header, app);
    draw_tabs(frame, tabs, app);
    let list_width = (body.width * 11 / 20).max(30);
    let [list, detail] =
        Layout::horizontal([Constraint::Length(list_width), Constraint::Min(20)]).areas(body);
    draw_list(frame, list, app);
    draw_detail(frame, detail, app);
    match alert {
        Some(rows) => {
            let lines: Vec<Line> = rows.into_iter().map(Line::raw).collect();
            frame.render_widget(Paragraph::new(lines).style(app.theme.alert()), status);
        }
        None => draw_status(frame, status, app),
    }
    match &app.mode {
        Mode::Help { page: 0 } => draw_help(frame, area, &app.theme),
        Mode::Help { .. } => draw_scoring_help(frame, area, &app.theme),
        Mode::Attach { choices, .. } if !choices.is_empty() => {
            draw_choices(frame, body, choices, &app.theme)
        }
        Mode::Finalize { selected } => draw_finalize(frame, area, app, *selected),
        Mode::Note { editor, .. } => draw_editor(frame, body, editor, "Note", &app.theme),
        Mode::VisitNote { editor } => draw_editor(frame, body, editor, "Visit note", &app.theme),
        Mode::Text { editor, .. } => draw_editor(frame, body, editor, "Answer", &app.theme),
        _ => {}
    }
}

/// Most rows an alert may take from the visit.
const MAX_ALERT_ROWS: usize = 4;

/// What the status area must show above all else: the question before
/// leaving unsaved changes, or why the last save failed (until one succeeds).
fn alert_text(app: &App) -> Option<String> {
    let reason = || inert(app.save_error.as_deref().unwrap_or("unknown reason"));
    match &app.mode {
        // The question first: it must be read even if the reason is cut.
        Mode::ConfirmQuit => Some(format!(
            "Leave anyway and lose the last changes? y leaves, any other key stays · NOT SAVED: {}",
            reason()
        )),
        // Their status line is the field being typed in.
        Mode::Number { .. } | Mode::Search { .. } | Mode::Attach { .. } => None,
        _ => app
            .save_error
            .as_ref()
            .map(|_| format!("NOT SAVED: {}", reason())),
    }
}

/// `text` in rows of at most `width` columns, broken between words (inside
/// a word only when it is wider than a row), at most `max_rows` of them, the
/// last ending in "…" when text was left out.
fn wrap_words(text: &str, width: u16, max_rows: usize) -> Vec<String> {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    let width = usize::from(width.max(1));
    let mut rows: Vec<String> = vec![String::new()];
    for word in text.split(' ') {
        let row = rows.last_mut().expect("at least one row");
        let used = row.width();
        if used > 0 && used + 1 + word.width() <= width {
            row.push(' ');
            row.push_str(word);
            continue;
        }
        if used > 0 {
            rows.push(String::new());
        }
        for c in word.chars() {
            let row = rows.last_mut().expect("at least one row");
            if row.width() + c.width().unwrap_or(0) > width {
                rows.push(String::new());
            }
            rows.last_mut().expect("at least one row").push(c);
        }
    }
    if rows.len() > max_rows {
        rows.truncate(max_rows);
        if let Some(last) = rows.last_mut() {
            while last.width() + 1 > width && last.pop().is_some() {}
            last.push('…');
        }
    }
    rows
}

/// Draws "terminal too small" when the area is below the layout's minimum.
pub fn too_small(frame: &mut Frame<'_>, area: Rect) -> bool {
    if area.width >= MIN_WIDTH && area.height >= MIN_HEIGHT {
        return false;
    }
    let text = format!(
        "terminal too small: need {MIN_WIDTH}×{MIN_HEIGHT}, have {}×{}",
        area.width, area.height
    );
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
    true
}

fn draw_header(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let visit = &app.visit;
    let theme = &app.theme;
    let (answered, shown) = visit.progress();
    let score = score::headline(visit);
    let now = app.now();
    let minutes =
        (now.timestamp().as_second() - visit.header.started.timestamp().as_second()).max(0) / 60;
    let status = if visit.is_final() {
        "FINAL · read-only"
    } else {
        "draft"
    };
    let first = Line::from(vec![
        Span::styled(inert(&visit.header.site), theme.title()),
        Span::raw(format!(
            " · {} · {}:{:02} · {answered}/{shown} answered · {status}",
            inert(&visit.header.auditor),
            minutes / 60,
            minutes % 60
        )),
    ]);
    // A failure comes first, so that a narrow screen cuts anything but it.
    let mut second = Vec::new();
    if score.failed() {
        second.push(Span::styled(
            format!("✗ CRITICAL FAILURE ({})  ", score.critical_failures.len()),
            theme.bad(),
        ));
    }
    second.extend(score_spans(&score));
    let mut lines = vec![first, Line::from(second)];
    if !visit.timers().is_empty() {
        lines.push(stopwatch_line(app, &now, area.width));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// `◷ 0:42 Time from reaching the desk…  ◷ 3:10 Minutes from…`: each running
/// stopwatch with its time, the prompts cut to share the row. Unstyled, so
/// that a tick sends only the digits that changed.
fn stopwatch_line(app: &App, now: &jiff::ZonedDateTime, width: u16) -> Line<'static> {
    let timers = app.visit.timers();
    let share = usize::from(width) / timers.len().max(1);
    let cells: Vec<String> = timers
        .iter()
        .map(|t| {
            let time = format!("◷ {} ", clock(t.seconds(now)));
            let prompt = app
                .visit
                .item(t.at)
                .map(|(_, i)| inert(&i.prompt))
                .unwrap_or_default();
            let room = share.saturating_sub(time.chars().count() + 2);
            format!("{time}{}", truncate(&prompt, room).trim_end())
        })
        .collect();
    Line::raw(cells.join("  "))
}

fn draw_tabs(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let mut spans = Vec::new();
    for (c, loaded) in app.visit.checklists.iter().enumerate() {
        let (answered, shown) = app.visit.progress_of(c);
        if c > 0 {
            spans.push(Span::raw("│"));
        }
        let label = format!(
            " {} {answered}/{} ",
            inert(&loaded.checklist.checklist.title),
            shown
        );
        let style = if c == app.tab {
            app.theme.selected().add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        };
        spans.push(Span::styled(label, style));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A row of the item list: a section title or an item.
enum Row {
    Section(usize),
    Item(usize),
}

fn draw_list(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let visit = &app.visit;
    let c = app.tab;
    let Some(loaded) = visit.checklists.get(c) else {
        return;
    };
    let checklist = &loaded.checklist;
    let visible = visit.shown_flags(c);
    let mut rows = Vec::with_capacity(visible.len() + checklist.section.len());
    let mut n = 0;
    for (s, section) in checklist.section.iter().enumerate() {
        let first_row = rows.len();
        for _ in &section.item {
            if visible[n] {
                if rows.len() == first_row {
                    rows.push(Row::Section(s));
                }
                rows.push(Row::Item(n));
            }
            n += 1;
        }
    }
    let selected = app.selected().item;
    let selected_row = rows
        .iter()
        .position(|r| matches!(r, Row::Item(i) if *i == selected))
        .unwrap_or(0);
    let height = usize::from(area.height);
    let mut offset = app.scroll.get();
    if selected_row < offset {
        // Keep the section title above the first item of a section in view.
        offset = if selected_row > 0 && matches!(rows[selected_row - 1], Row::Section(_)) {
            selected_row - 1
        } else {
            selected_row
        };
    } else if selected_row >= offset + height {
        offset = selected_row + 1 - height;
    }
    app.scroll.set(offset);

    let theme = &app.theme;
    let lines: Vec<Line<'_>> = rows
        .iter()
        .skip(offset)
        .take(height)
        .map(|row| match row {
            Row::Section(s) => Line::styled(
                format!("── {}", inert(&checklist.section[*s].title)),
                theme.section(),
            ),
            Row::Item(i) => {
                let at = ItemRef {
                    checklist: c,
                    item: *i,
                };
                item_line(visit, at, *i == selected, theme)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

fn item_line<'a>(visit: &'a Visit, at: ItemRef, selected: bool, theme: &Theme) -> Line<'a> {
    let (Some((_, item)), Some(entry), Some(response)) =
        (visit.item(at), visit.entry(at), visit.response(at))
    else {
        return Line::raw("");
    };
    let points = score::item_points(visit, at);
    let mark = if visit.timer(at).is_some() {
        " ◷ ".to_owned()
    } else {
        mark(entry, &response, points)
    };
    let mark_style = match points {
        Some((0.0, _)) => theme.bad(),
        Some(_) => theme.good(),
        None => Style::new(),
    };
    let flags = format!(
        "{}{}{}",
        if item.is_critical() { "!" } else { " " },
        if entry.note.is_empty() { " " } else { "✎" },
        if visit.evidence_of(at).is_empty() {
            " "
        } else {
            "@"
        }
    );
    // A number shows its value, against its standard when it has one.
    let value = match (&entry.answer, response) {
        (Some(Answer::Number(n)), Response::Number { unit, standard, .. }) => {
            format!(
                "{} · ",
                inert(&score::against_standard(*n, unit, &standard))
            )
        }
        _ => String::new(),
    };
    let mut line = Line::from(vec![
        Span::styled(mark, mark_style),
        Span::raw(flags),
        Span::raw(value),
        Span::raw(inert(&item.prompt)),
    ]);
    if selected {
        line = line.style(theme.selected());
    }
    line
}

fn draw_detail(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let visit = &app.visit;
    let theme = &app.theme;
    let at = app.selected();
    let block = Block::new().borders(Borders::LEFT);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let (Some((section, item)), Some(entry), Some(response)) =
        (visit.item(at), visit.entry(at), visit.response(at))
    else {
        return;
    };
    let mut lines: Vec<Line<'_>> = Vec::new();
    lines.push(Line::styled(inert(&section.title), theme.dim()));
    lines.push(Line::styled(
        inert(&item.prompt),
        Style::new().add_modifier(Modifier::BOLD),
    ));
    let mut facts = Vec::new();
    if item.is_critical() {
        facts.push("! critical".to_owned());
    }
    if item.weight() != 1.0 {
        facts.push(format!("weight {}", item.weight()));
    }
    if !item.tags.is_empty() {
        facts.push(item.tags.join(", "));
    }
    if !facts.is_empty() {
        lines.push(Line::styled(facts.join(" · "), theme.dim()));
    }
    if response.timing().is_some() {
        lines.push(match visit.timer(at) {
            // The start, not the seconds: only the header's cell ticks.
            Some(timer) => Line::styled(
                format!(
                    "◷ running since {}: t stops and answers · T cancels",
                    timer.started.strftime("%H:%M:%S")
                ),
                Style::new().add_modifier(Modifier::BOLD),
            ),
            None => Line::styled("◷ timed: t starts the stopwatch", theme.dim()),
        });
    }
    lines.push(Line::raw(""));
    match response {
        Response::Options(options) => {
            let timed = response.timing() == Some(Timing::Options);
            for (n, option) in options.iter().enumerate() {
                let chosen = matches!(&entry.answer, Some(Answer::Choice(id)) if *id == option.id);
                // A timed set shows the time each option holds.
                let within = match option.within {
                    Some(w) if timed => format!(" (≤ {})", clock(w)),
                    None if timed => " (longer)".to_owned(),
                    _ => String::new(),
                };
                let text = format!(
                    "{} {} {}{within}{}",
                    if chosen { "▶" } else { " " },
                    n + 1,
                    inert(&option.label),
                    if option.exceeds() { " ▲" } else { "" }
                );
                let style = if chosen {
                    theme.selected()
                } else {
                    Style::new()
                };
                lines.push(Line::styled(text, style));
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
                    format!("▶ {}", inert(&score::against_standard(*v, unit, &standard)))
                }
                _ if standard.is_set() => format!("  no value yet · standard {}", standard.text()),
                _ => "  no value yet".to_owned(),
            };
            lines.push(Line::raw(value));
            lines.push(Line::styled(
                format!(
                    "  Enter: type a value ({})",
                    inert(&range_text(min, max, unit))
                ),
                theme.dim(),
            ));
        }
        Response::Text => {
            match &entry.answer {
                Some(Answer::Text(t)) => {
                    for l in t.lines() {
                        lines.push(Line::raw(format!("▶ {}", inert(l))));
                    }
                }
                _ => lines.push(Line::raw("  no text yet")),
            }
            lines.push(Line::styled("  Enter: write the answer", theme.dim()));
        }
    }
    if item.na_allowed() {
        let chosen = entry.answer == Some(Answer::Na);
        let style = if chosen {
            theme.selected()
        } else {
            Style::new()
        };
        lines.push(Line::styled(
            format!("{} 0 N/A", if chosen { "▶" } else { " " }),
            style,
        ));
    }
    if let Some(seconds) = entry.timed {
        lines.push(Line::styled(
            format!("◷ measured {} ({seconds} s)", clock(seconds)),
            theme.dim(),
        ));
    }
    if let Some(earns) = score::earns(visit, at) {
        lines.push(Line::styled(inert(&earns), theme.dim()));
    }
    for (_, file) in visit.evidence_of(at) {
        lines.push(Line::raw(format!(
            "@ {} ({})",
            inert(file.name()),
            size_text(file.bytes)
        )));
    }
    lines.push(Line::raw(""));
    if entry.note.is_empty() {
        lines.push(Line::styled(
            "e: add a note · a: attach a file",
            theme.dim(),
        ));
    } else {
        lines.push(Line::styled(
            "✎ Note",
            Style::new().add_modifier(Modifier::BOLD),
        ));
        for l in entry.note.lines() {
            lines.push(Line::raw(inert(l)));
        }
    }
    if let Some(first) = &entry.first_at {
        lines.push(Line::styled(
            format!("observed {}", first.strftime("%H:%M")),
            theme.dim(),
        ));
    }
    if let Some(guidance) = &item.guidance {
        lines.push(Line::raw(""));
        for g in guidance.lines() {
            lines.push(Line::styled(inert(g), theme.dim()));
        }
    }
    frame.render_widget(
        Paragraph::new(Text::from(lines)).wrap(Wrap { trim: false }),
        inner,
    );
}

fn draw_status(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let theme = &app.theme;
    let line = match &app.mode {
        Mode::Number { at, input } => {
            let hint = match app.visit.response(*at) {
                Some(Response::Number { unit, min, max, .. }) => range_text(min, max, unit),
                _ => String::new(),
            };
            match &app.message {
                Some(message) => Line::styled(
                    format!("{}: {}▏ {}", inert(&hint), inert(input), inert(message)),
                    theme.bad(),
                ),
                None => Line::from(format!(
                    "Value ({}): {}▏ Enter saves · Esc closes",
                    inert(&hint),
                    inert(input)
                )),
            }
        }
        Mode::Attach { target, input, .. } => {
            let place = if target.is_some() { "item" } else { "visit" };
            match &app.message {
                Some(message) => Line::styled(
                    format!("Attach: {}▏ {}", inert(input), inert(message)),
                    theme.bad(),
                ),
                None => Line::from(format!(
                    "Attach to {place}: {}▏ Tab completes · Enter attaches · Esc",
                    inert(input)
                )),
            }
        }
        Mode::Search { query, .. } => Line::from(format!(
            "/{}▏ Enter stays here · Esc goes back{}",
            inert(query),
            app.message
                .as_deref()
                .map(|m| format!(" · {m}"))
                .unwrap_or_default()
        )),
        // A failed save is an alert, drawn instead of this line.
        _ => match &app.message {
            Some(message) => Line::raw(inert(message)),
            None => Line::styled(
                "j/k move · 1-9 y n 0 answer · e note · / search · F finalize · ? help · q quit",
                theme.dim(),
            ),
        },
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// "Score 87.5% ▲ 4 exceeded  Standards 90.0%  Personal touch 40.0%": the
/// overall score with the exceeded count beside it, then standards and
/// personal touch side by side.
fn score_spans(score: &score::Score) -> Vec<Span<'static>> {
    vec![
        Span::styled(
            format!("Score {}", percent_text(score.total.percent())),
            Style::new().add_modifier(Modifier::BOLD),
        ),
        Span::raw(format!(
            " {}  Standards {}  Personal touch {}",
            exceeded_text(score.exceeded()),
            percent_text(score.standards.percent()),
            percent_text(score.personal_touch().percent())
        )),
    ]
}

/// A rectangle of `width`×`height` centred in `area`, clipped to it.
fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

fn draw_help(frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
    let entries = keymap::help_lines();
    let half = entries.len().div_ceil(2);
    let cell = |n: usize| -> Vec<Span<'static>> {
        match entries.get(n) {
            Some((keys, help)) => vec![
                Span::styled(
                    format!("{keys:<17}"),
                    Style::new().add_modifier(Modifier::BOLD),
                ),
                Span::raw(format!("{help:<21}")),
            ],
            None => Vec::new(),
        }
    };
    let mut lines: Vec<Line<'_>> = (0..half)
        .map(|row| {
            let mut spans = cell(row);
            spans.extend(cell(row + half));
            Line::from(spans)
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Tab: how scores work · any other key closes · in an editor, Esc keeps the text",
        theme.dim(),
    ));
    let popup = centered(area, 80, lines.len() as u16 + 2);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(" Keys ").title_style(theme.title())),
        popup,
    );
}

/// Help's second page: how scores work, in the words of [`score::EXPLANATION`].
fn draw_scoring_help(frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
    let [intro, rules @ ..] = score::EXPLANATION;
    let mut lines = vec![Line::raw(intro), Line::raw("")];
    lines.extend(rules.iter().map(|rule| Line::raw(format!("• {rule}"))));
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Tab: the keys · any other key closes this help.",
        theme.dim(),
    ));
    let popup = centered(area, 80, area.height);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::bordered()
                .title(" How scores work ")
                .title_style(theme.title()),
        ),
        popup,
    );
}

/// The names Tab found, above the path being typed.
fn draw_choices(frame: &mut Frame<'_>, body: Rect, choices: &[String], theme: &Theme) {
    const ROWS: usize = 6;
    let inner_width = usize::from(body.width.saturating_sub(2)).max(1);
    let column = choices
        .iter()
        .map(|c| unicode_width::UnicodeWidthStr::width(inert(c).as_str()))
        .max()
        .unwrap_or(1)
        .clamp(1, inner_width)
        + 2;
    let per_row = (inner_width / column).max(1);
    let mut rows: Vec<Line<'_>> = choices
        .chunks(per_row)
        .map(|chunk| {
            let cells: Vec<String> = chunk.iter().map(|c| truncate(&inert(c), column)).collect();
            Line::raw(cells.concat())
        })
        .collect();
    if rows.len() > ROWS {
        let more = choices.len() - (ROWS - 1) * per_row;
        rows.truncate(ROWS - 1);
        rows.push(Line::styled(
            format!("… and {more} more; type to narrow"),
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
        Paragraph::new(rows).block(Block::bordered().title(" Tab: these fit ")),
        area,
    );
}

fn draw_editor(
    frame: &mut Frame<'_>,
    body: Rect,
    editor: &ratatui_textarea::TextArea<'static>,
    title: &str,
    theme: &Theme,
) {
    let height = (body.height / 2).max(6).min(body.height);
    let area = Rect {
        y: body.y + body.height - height,
        height,
        ..body
    };
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .title(format!(" {title} — saved as you type · Esc closes "))
        .title_style(theme.title());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(editor, inner);
}

fn draw_finalize(frame: &mut Frame<'_>, area: Rect, app: &App, selected: usize) {
    let visit = &app.visit;
    let theme = &app.theme;
    let score = score::score(visit);
    let issues = super::app::issues(visit);
    let mut lines = vec![
        Line::from(score_spans(&score)),
        Line::raw(format!(
            "{} answered, {} unanswered · {} file{} attached",
            score.answered,
            score.unanswered,
            visit.evidence().len(),
            if visit.evidence().len() == 1 { "" } else { "s" }
        )),
    ];
    let running = visit.timers().len();
    if running > 0 {
        lines.push(Line::styled(
            format!(
                "◷ {running} stopwatch{} still running: finalizing stops {} without answering",
                if running == 1 { "" } else { "es" },
                if running == 1 { "it" } else { "them" }
            ),
            Style::new().add_modifier(Modifier::BOLD),
        ));
    }
    if score.failed() {
        lines.push(Line::styled(
            format!(
                "✗ CRITICAL FAILURE: the visit fails whatever its score ({})",
                score.critical_failures.len()
            ),
            theme.bad(),
        ));
    }
    lines.push(Line::raw(""));
    let popup = centered(area, 76, area.height.saturating_sub(2));
    let room = usize::from(popup.height).saturating_sub(lines.len() + 4);
    if issues.is_empty() {
        lines.push(Line::raw("Nothing left to look at."));
    } else {
        let start = selected.saturating_sub(room.saturating_sub(1));
        for (n, issue) in issues.iter().enumerate().skip(start).take(room) {
            let (label, at) = match issue {
                Issue::StopwatchRunning(at) => ("running ", at),
                Issue::CriticalFailure(at) => ("critical", at),
                Issue::MissWithoutNote(at) => ("no note ", at),
                Issue::Unanswered(at) => ("open    ", at),
            };
            let prompt = visit
                .item(*at)
                .map(|(_, i)| inert(&i.prompt))
                .unwrap_or_default();
            let title = visit
                .checklists
                .get(at.checklist)
                .map(|c| inert(&c.checklist.checklist.touchpoint))
                .unwrap_or_default();
            let style = if n == selected {
                theme.selected()
            } else {
                Style::new()
            };
            lines.push(Line::styled(format!("{label} {title}: {prompt}"), style));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "y finalize (read-only after) · Enter go to item · j/k move · Esc back",
        Style::new().add_modifier(Modifier::BOLD),
    ));
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .title(" Finalize ")
                .title_style(theme.title()),
        ),
        popup,
    );
}

#[cfg(test)]
mod tests {
    use super::wrap_words;

    #[test]
    fn alerts_wrap_between_words_and_break_only_words_wider_than_a_row() {
        assert_eq!(
            wrap_words("NOT SAVED: disk full", 80, 4),
            ["NOT SAVED: disk full"]
        );
        assert_eq!(
            wrap_words("NOT SAVED: a file is in the way", 12, 4),
            ["NOT SAVED: a", "file is in", "the way"]
        );
        assert_eq!(
            wrap_words("at /tmp/abcdefghij", 8, 4),
            ["at", "/tmp/abc", "defghij"]
        );
        // Cyrillic and CJK by display width, not bytes.
        assert_eq!(
            wrap_words("диск полон 磁盘已满", 10, 4),
            ["диск полон", "磁盘已满"]
        );
    }

    #[test]
    fn alerts_longer_than_their_rows_end_in_an_ellipsis() {
        let rows = wrap_words("one two three four five six", 5, 2);
        assert_eq!(rows, ["one", "two…"]);
        assert!(
            rows.iter()
                .all(|r| unicode_width::UnicodeWidthStr::width(r.as_str()) <= 5)
        );
    }
}
