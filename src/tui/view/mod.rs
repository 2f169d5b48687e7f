//! Drawing the visit screen. Everything here takes `&App`: drawing cannot
//! change the visit. Ratatui diffs frames, so only changed cells reach the
//! terminal.
//!
//! Two layouts: side by side (the list left, the item's details right) from
//! 60×16, and one column below 60 columns (the list above, the details
//! below), down to 40×20 — a phone's SSH client.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::app::{App, Issue, Mode, clock};
use super::keymap;
use super::theme::{Theme, fit, inert, mark, truncate};
use crate::checklist::{Response, Timing};
use crate::evidence::size_text;
use crate::score::{self, PERSONAL_TOUCH, Score, Tally};
use crate::tr;
use crate::visit::{Answer, ItemRef, Visit, range_text};

/// The smallest terminal the side-by-side layout works in.
pub const MIN_WIDTH: u16 = 60;
/// The smallest terminal the side-by-side layout works in.
pub const MIN_HEIGHT: u16 = 16;
/// The smallest terminal the one-column layout works in.
pub const NARROW_WIDTH: u16 = 40;
/// The smallest terminal the one-column layout works in.
pub const NARROW_HEIGHT: u16 = 20;

/// Whether a `width`×`height` terminal holds one of the layouts.
pub fn fits(width: u16, height: u16) -> bool {
    (width >= MIN_WIDTH && height >= MIN_HEIGHT)
        || (width >= NARROW_WIDTH && height >= NARROW_HEIGHT)
}

/// The separator between hints and facts on one line.
const DOT: &str = " · ";

/// Which way [`split`] cuts.
#[derive(Clone, Copy)]
pub(super) enum Axis {
    Rows,
    Columns,
}

/// `area` cut into `N` parts along `axis`, each as long as `lengths` says
/// except the one at `flexible`, which takes what the others leave.
///
/// Every screen's layout is a few fixed lengths around one part that
/// grows, and [`fits`] guarantees they fit: this is the arithmetic that
/// ratatui's `Layout` of `Length`s and one `Min` comes to, without starting
/// its constraint solver, which was the largest single cost of the first
/// frame (≈ 0.15 ms). A test holds the two equal at every size that fits.
pub(super) fn split<const N: usize>(
    area: Rect,
    axis: Axis,
    lengths: [u16; N],
    flexible: usize,
) -> [Rect; N] {
    let whole = match axis {
        Axis::Rows => area.height,
        Axis::Columns => area.width,
    };
    let fixed: u16 = (0..N)
        .filter(|&n| n != flexible)
        .fold(0, |sum, n| sum.saturating_add(lengths[n]));
    let mut at = 0u16;
    std::array::from_fn(|n| {
        let length = if n == flexible {
            whole.saturating_sub(fixed)
        } else {
            lengths[n].min(whole.saturating_sub(at))
        };
        let part = match axis {
            Axis::Rows => Rect {
                y: area.y + at,
                height: length,
                ..area
            },
            Axis::Columns => Rect {
                x: area.x + at,
                width: length,
                ..area
            },
        };
        at = at.saturating_add(length);
        part
    })
}

/// Draws the whole screen for `app`.
pub fn draw(frame: &mut Frame<'_>, app: &App) {
    draw_screen(frame, app);
    app.theme.finish(frame.buffer_mut());
}

fn draw_screen(frame: &mut Frame<'_>, app: &App) {
    let area = frame.area();
    app.size.set((area.width, area.height));
    if too_small(frame, area) {
        // The question about unsaved changes must be seen even here.
        if let Some(text) = alert_text(app) {
            let rows = wrap_words(&text, area.width, usize::from(area.height / 2));
            let height = (rows.len() as u16).min(area.height);
            let alert = Rect {
                y: area.y + area.height - height,
                height,
                ..area
            };
            let lines: Vec<Line> = rows.into_iter().map(Line::raw).collect();
            frame.render_widget(Clear, alert);
            frame.render_widget(Paragraph::new(lines).style(app.theme.alert()), alert);
        }
        return;
    }
    let narrow = area.width < MIN_WIDTH;
    // The header's part of the score: the per-section and per-touchpoint
    // sums are read where they are drawn, so a frame does not grow with the
    // checklist.
    let score = score::headline(&app.visit);
    // An alert gets as many rows as it needs to be read whole: the reason a
    // save failed often holds a long path.
    let alert = alert_text(app).map(|text| wrap_words(&text, area.width, MAX_ALERT_ROWS));
    let status_rows = alert.as_ref().map_or(1, |rows| rows.len() as u16);
    // Running stopwatches get a row of their own under the header.
    let header_rows = if app.visit.timers().is_empty() { 2 } else { 3 };
    let [header, tabs, body, status] = split(area, Axis::Rows, [header_rows, 1, 0, status_rows], 2);
    draw_header(frame, header, app, &score);
    draw_tabs(frame, tabs, app);
    let detail = if narrow {
        let detail_height = (body.height / 2).max(6);
        let [list, detail] = split(body, Axis::Rows, [0, detail_height], 0);
        draw_list(frame, list, app);
        draw_detail(frame, detail, app, Borders::TOP);
        detail
    } else {
        let list_width = (body.width * 11 / 20).max(30);
        let [list, detail] = split(body, Axis::Columns, [list_width, 0], 1);
        draw_list(frame, list, app);
        draw_detail(frame, detail, app, Borders::LEFT);
        detail
    };
    // Editors cover the lower part of the details, not the list: the item
    // written about stays in view, and opening one redraws little.
    let editor_area = {
        let height = if narrow {
            detail.height
        } else {
            (detail.height / 2).max(8).min(detail.height)
        };
        Rect {
            y: detail.y + detail.height - height,
            height,
            ..detail
        }
    };
    match alert {
        Some(rows) => {
            let lines: Vec<Line> = rows.into_iter().map(Line::raw).collect();
            frame.render_widget(Paragraph::new(lines).style(app.theme.alert()), status);
        }
        None => draw_status(frame, status, app),
    }
    match &app.mode {
        Mode::Help { page: 0, scroll } => draw_help(frame, area, &app.theme, *scroll),
        Mode::Help { scroll, .. } => draw_scoring_help(frame, area, &app.theme, *scroll),
        Mode::Attach { choices, .. } if !choices.is_empty() => {
            draw_choices(frame, body, choices, &app.theme)
        }
        Mode::Search {
            found, selected, ..
        } => draw_matches(frame, body, app, found, *selected),
        Mode::Finalize {
            selected,
            confirming,
        } => draw_finalize(
            frame,
            area,
            app,
            &score::score(&app.visit),
            *selected,
            *confirming,
        ),
        Mode::Note { editor, at } => draw_editor(
            frame,
            editor_area,
            editor,
            &tr!("tui-editor-note-on", item = prompt_of(app, *at)),
            &app.theme,
        ),
        Mode::VisitNote { editor } => draw_editor(
            frame,
            editor_area,
            editor,
            &tr!("tui-editor-visit-note"),
            &app.theme,
        ),
        Mode::Text { editor, at } => draw_editor(
            frame,
            editor_area,
            editor,
            &tr!("tui-editor-answer-on", item = prompt_of(app, *at)),
            &app.theme,
        ),
        _ => {}
    }
}

/// The prompt of item `at`, safe to draw: what an editor's title names.
fn prompt_of(app: &App, at: ItemRef) -> String {
    app.visit
        .item(at)
        .map(|(_, item)| inert(&item.prompt))
        .unwrap_or_default()
}

/// `87.5%`, or in Russian `87,5%`: a percentage as the interface writes it.
fn percent_text(percent: Option<f64>) -> String {
    crate::i18n::local_decimals(&score::percent_text(percent))
}

/// A number answer against its standard, with the interface's decimal sign.
pub(super) fn against_standard(
    value: f64,
    unit: Option<&str>,
    standard: &crate::checklist::Standard,
) -> String {
    crate::i18n::local_decimals(&score::against_standard(value, unit, standard))
}

/// Most rows an alert may take from the visit.
const MAX_ALERT_ROWS: usize = 4;

/// What the status area must show above all else: the question before
/// leaving unsaved changes, or why the last save failed (until one succeeds).
fn alert_text(app: &App) -> Option<String> {
    let reason = || {
        app.save_error
            .as_deref()
            .map_or_else(|| tr!("tui-unknown-reason"), inert)
    };
    match &app.mode {
        // The question first: it must be read even if the reason is cut.
        Mode::ConfirmQuit => Some(tr!("tui-leave-unsaved", reason = reason())),
        // Their status line is the field being typed in.
        Mode::Number { .. } | Mode::Search { .. } | Mode::Attach { .. } | Mode::Answer { .. } => {
            None
        }
        _ => app
            .save_error
            .as_ref()
            .map(|_| tr!("tui-not-saved", reason = reason())),
    }
}

/// `text` in rows of at most `width` columns, broken between words (inside
/// a word only when it is wider than a row), at most `max_rows` of them, the
/// last ending in "…" when text was left out.
pub fn wrap_words(text: &str, width: u16, max_rows: usize) -> Vec<String> {
    let mut rows = wrap(text, usize::from(width.max(1)));
    let width = usize::from(width.max(1));
    if rows.len() > max_rows {
        rows.truncate(max_rows.max(1));
        if let Some(last) = rows.last_mut() {
            while last.width() + 1 > width && last.pop().is_some() {}
            last.push('…');
        }
    }
    rows
}

/// `text` in rows of at most `width` columns, broken between words; a
/// line's leading spaces indent its continuation rows too.
fn wrap(text: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthChar;
    let width = width.max(1);
    let body = text.trim_start_matches(' ');
    let indent = (text.len() - body.len()).min(width / 2);
    let pad = " ".repeat(indent);
    let mut rows: Vec<String> = vec![pad.clone()];
    for word in body.split(' ') {
        let Some(row) = rows.last_mut() else { break };
        let used = row.width();
        if used > indent && used + 1 + word.width() <= width {
            row.push(' ');
            row.push_str(word);
            continue;
        }
        if used > indent {
            rows.push(pad.clone());
        }
        for c in word.chars() {
            if rows
                .last()
                .is_some_and(|r| r.width() + c.width().unwrap_or(0) > width)
            {
                rows.push(pad.clone());
            }
            if let Some(row) = rows.last_mut() {
                row.push(c);
            }
        }
    }
    rows
}

/// Draws "terminal too small" when the area fits no layout.
pub fn too_small(frame: &mut Frame<'_>, area: Rect) -> bool {
    if fits(area.width, area.height) {
        return false;
    }
    let text = tr!(
        "tui-too-small",
        narrow = format!("{NARROW_WIDTH}×{NARROW_HEIGHT}"),
        wide = format!("{MIN_WIDTH}×{MIN_HEIGHT}"),
        have = format!("{}×{}", area.width, area.height),
    );
    let lines: Vec<Line> = wrap_words(&text, area.width, usize::from(area.height))
        .into_iter()
        .map(Line::raw)
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
    true
}

/// `42 min`, `1 h 05 min`, `2 d 03 h`: time since the visit started.
pub fn elapsed_text(seconds: i64) -> String {
    let minutes = seconds.max(0) / 60;
    let (days, hours, minutes) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    if days > 0 {
        tr!(
            "tui-elapsed-days",
            days = days,
            hours = format!("{hours:02}")
        )
    } else if hours > 0 {
        tr!(
            "tui-elapsed-hours",
            hours = hours,
            minutes = format!("{minutes:02}")
        )
    } else {
        tr!("tui-elapsed-minutes", minutes = minutes)
    }
}

/// `parts` joined by " · ", as many as fit in `width`, in their order.
fn as_many_as_fit(parts: &[&str], width: u16) -> String {
    let mut line = String::new();
    for part in parts {
        let grown = if line.is_empty() {
            (*part).to_owned()
        } else {
            format!("{line}{DOT}{part}")
        };
        if grown.width() > usize::from(width) {
            break;
        }
        line = grown;
    }
    line
}

fn draw_header(frame: &mut Frame<'_>, area: Rect, app: &App, score: &Score) {
    let visit = &app.visit;
    let theme = &app.theme;
    let (answered, shown) = visit.progress();
    let now = app.now();
    let width = usize::from(area.width);
    // A final visit shows how long it took; a draft, the time since it began.
    let until = match (&visit.header.finished, visit.is_final()) {
        (Some(finished), true) => finished,
        _ => &now,
    };
    let elapsed =
        elapsed_text(until.timestamp().as_second() - visit.header.started.timestamp().as_second());
    let started = &visit.header.started;
    let date = tr!(
        "tui-day-month",
        day = started.strftime("%-d").to_string(),
        month = crate::i18n::month_short(started.month())
    );
    let auditor = inert(&visit.header.auditor);
    let full = if visit.is_final() {
        tr!("tui-header-final")
    } else {
        tr!("tui-header-draft")
    };
    let progress = tr!("tui-header-answered", answered = answered, shown = shown);
    let long = format!(" · {auditor} · {date} · {elapsed} · {progress} · {full}");
    let short = format!(
        " · {date} · {elapsed} · {answered}/{shown}{}",
        if visit.is_final() {
            format!(" · {}", tr!("tui-header-final-short"))
        } else {
            String::new()
        }
    );
    let site = inert(&visit.header.site);
    // The long form when the site's name fits beside it, else the short one.
    let rest = if site.width().min(24) + long.width() <= width {
        long
    } else {
        short
    };
    let first = Line::from(vec![
        Span::styled(
            fit(&site, width.saturating_sub(rest.width())),
            theme.title(),
        ),
        Span::raw(rest),
    ]);
    let mut lines = vec![first, score_line(score, area.width, theme)];
    if !visit.timers().is_empty() {
        lines.push(stopwatch_line(app, &now, area.width));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// "Score 87.5% ▲ 4 exceeded  Standards 90.0%  Personal touch 40.0%", or on
/// a narrow screen "87.5% ▲4 · standards 90.0% · ♥ 40.0%". A critical failure
/// comes first, so that a narrow screen cuts anything but it.
fn score_line(score: &Score, width: u16, theme: &Theme) -> Line<'static> {
    let total = percent_text(score.total.percent());
    let standards = percent_text(score.standards.percent());
    let personal = percent_text(score.personal_touch().percent());
    let failures = score.critical_failures.len();
    let long_failure =
        (failures > 0).then(|| format!("{}  ", tr!("tui-critical-failure", count = failures)));
    let short_rest = format!(
        " ▲{}{DOT}{}{DOT}♥ {personal}",
        score.exceeded(),
        tr!("tui-score-short", standards = standards.as_str())
    );
    let candidates = [
        [
            long_failure.clone(),
            Some(tr!("tui-score", total = total.as_str())),
            Some(format!(
                " {}  {}",
                score::exceeded_text(score.exceeded()),
                tr!(
                    "tui-score-rest",
                    standards = standards.as_str(),
                    personal = personal.as_str()
                )
            )),
        ],
        [
            long_failure,
            Some(tr!("tui-score", total = total.as_str())),
            Some(short_rest.clone()),
        ],
        [
            (failures > 0).then(|| format!("{} ", tr!("tui-fail-short", count = failures))),
            Some(total),
            Some(short_rest),
        ],
    ];
    let length =
        |parts: &[Option<String>; 3]| parts.iter().flatten().map(|p| p.width()).sum::<usize>();
    let [failure, total, rest] = candidates
        .iter()
        .find(|c| length(c) <= usize::from(width))
        .or(candidates.last())
        .cloned()
        .unwrap_or_default();
    let mut spans = Vec::new();
    if let Some(failure) = failure {
        spans.push(Span::styled(failure, theme.bad()));
    }
    if let Some(total) = total {
        spans.push(Span::styled(
            total,
            Style::new().add_modifier(Modifier::BOLD),
        ));
    }
    spans.extend(rest.map(Span::raw));
    Line::from(spans)
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
            let time = format!("◷ {} ", clock(t.seconds_at(now, app.mono_now())));
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

/// The touchpoints, each with its progress and score: all of them when they
/// fit, else the selected one whole and the others cut, else the selected
/// one alone with its place (`‹ 2/3 Hotel in-stay 5/21 91.0% ›`).
fn draw_tabs(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let tallies = app.visit.tallies();
    let width = usize::from(area.width);
    let count = app.visit.checklists.len();
    let labels: Vec<String> = (0..count)
        .map(|c| {
            // Read from the sums the visit keeps: a frame costs the same at
            // 20 items as at 10,000.
            let (answered, shown) = app.visit.progress_of(c);
            let percent = tallies
                .checklists
                .get(c)
                .and_then(|t| Tally::from(t).percent())
                .map(|p| format!(" {}", percent_text(Some(p))))
                .unwrap_or_default();
            let title = app
                .visit
                .checklists
                .get(c)
                .map(|l| inert(&l.checklist.checklist.title))
                .unwrap_or_default();
            format!("{title} {answered}/{shown}{percent}")
        })
        .collect();
    let selected_style = app.theme.selected().add_modifier(Modifier::BOLD);
    let whole: usize =
        labels.iter().map(|l| l.width() + 2).sum::<usize>() + count.saturating_sub(1);
    let current_width = labels.get(app.tab).map_or(0, |l| l.width() + 2);
    let others = count.saturating_sub(1);
    let share = width
        .saturating_sub(current_width + others)
        .checked_div(others)
        .unwrap_or(0);
    let line = if whole <= width || (others > 0 && share >= 8) {
        let mut spans = Vec::new();
        for (c, label) in labels.iter().enumerate() {
            if c > 0 {
                spans.push(Span::raw("│"));
            }
            if c == app.tab {
                spans.push(Span::styled(format!(" {label} "), selected_style));
            } else if whole <= width {
                spans.push(Span::raw(format!(" {label} ")));
            } else {
                spans.push(Span::raw(format!(
                    " {} ",
                    fit(label, share.saturating_sub(2))
                )));
            }
        }
        Line::from(spans)
    } else {
        let place = format!("‹ {}/{count} ", app.tab + 1);
        let label = labels.get(app.tab).cloned().unwrap_or_default();
        let room = width.saturating_sub(place.width() + 2);
        Line::from(vec![
            Span::raw(place),
            Span::styled(fit(&label, room), selected_style),
            Span::raw(" ›"),
        ])
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// A row of the item list: a section title or an item.
enum Row {
    Section(usize),
    Item(usize),
}

/// The rows of one checklist's list, walked from any row without listing
/// the others: a frame costs the rows on screen, not the checklist. A row is
/// `(item, title)`: item `item`, or (`title`) the title of its section above
/// it, which only the first shown item of a section has.
struct Rows<'a> {
    visit: &'a Visit,
    c: usize,
}

impl Rows<'_> {
    fn at(&self, item: usize) -> ItemRef {
        ItemRef {
            checklist: self.c,
            item,
        }
    }

    fn shown(&self, item: usize) -> Option<usize> {
        self.visit
            .is_shown(self.at(item))
            .then_some(item)
            .or_else(|| self.visit.next_shown(self.at(item), true).map(|a| a.item))
    }

    fn titled(&self, item: usize) -> bool {
        match self.visit.next_shown(self.at(item), false) {
            Some(before) => self.visit.section_of(before) != self.visit.section_of(self.at(item)),
            None => true,
        }
    }

    fn first(&self) -> Option<(usize, bool)> {
        let item = self.shown(0)?;
        Some((item, self.titled(item)))
    }

    fn next(&self, (item, title): (usize, bool)) -> Option<(usize, bool)> {
        if title {
            return Some((item, false));
        }
        let next = self.visit.next_shown(self.at(item), true)?.item;
        Some((next, self.titled(next)))
    }

    fn prev(&self, (item, title): (usize, bool)) -> Option<(usize, bool)> {
        if !title && self.titled(item) {
            return Some((item, true));
        }
        let before = self.visit.next_shown(self.at(item), false)?.item;
        Some((before, false))
    }

    /// `row` moved back `n` rows, or to the first.
    fn back(&self, mut row: (usize, bool), n: usize) -> (usize, bool) {
        for _ in 0..n {
            match self.prev(row) {
                Some(before) => row = before,
                None => break,
            }
        }
        row
    }

    /// Up to `n` rows from `row` on.
    fn take(&self, row: (usize, bool), n: usize) -> Vec<(usize, bool)> {
        let mut rows = Vec::with_capacity(n.min(256));
        let mut next = Some(row);
        while let Some(row) = next.filter(|_| rows.len() < n) {
            rows.push(row);
            next = self.next(row);
        }
        rows
    }
}

/// Rows in list order: a section title before its item.
fn row_order((item, title): (usize, bool)) -> (usize, bool) {
    (item, !title)
}

/// The top row of the list for `selected` in a window of `height` rows,
/// from the top row `kept` of the last frame.
fn list_window(
    walk: &Rows<'_>,
    first: (usize, bool),
    selected: usize,
    kept: Option<(usize, bool)>,
    height: usize,
) -> (usize, bool) {
    let selected_row = (selected, false);
    // The top row kept from the last frame, if it is still a row.
    let mut offset = kept
        .and_then(|(item, title)| {
            let item = walk.shown(item)?;
            Some((item, title && walk.titled(item)))
        })
        .unwrap_or(first);
    // Leaving the window turns a page, keeping two rows of context: every
    // row is redrawn once a page rather than on every move, which over a
    // slow link is most of what a move costs.
    if row_order(selected_row) < row_order(offset) {
        offset = walk.back(selected_row, height.saturating_sub(3));
    } else if !walk.take(offset, height).contains(&selected_row) {
        offset = walk.back(selected_row, 2);
    }
    // No empty rows at the bottom while rows above are hidden.
    let filled = walk.take(offset, height).len();
    offset = walk.back(offset, height - filled);
    // Keep the section title above the first item of a section in view.
    if offset == selected_row && walk.titled(selected) {
        offset = (selected, true);
    }
    offset
}

fn draw_list(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let visit = &app.visit;
    let c = app.tab;
    let Some(loaded) = visit.checklists.get(c) else {
        return;
    };
    let checklist = &loaded.checklist;
    let walk = Rows { visit, c };
    let Some(first) = walk.first() else {
        app.scroll.set(None);
        frame.render_widget(Paragraph::new(Vec::<Line>::new()), area);
        return;
    };
    let height = usize::from(area.height).max(1);
    let selected = walk.shown(app.selected().item).unwrap_or(first.0);
    let offset = list_window(&walk, first, selected, app.scroll.get(), height);
    app.scroll.set(Some(offset));
    let rows: Vec<Row> = walk
        .take(offset, height)
        .into_iter()
        .map(|(item, title)| {
            if title {
                Row::Section(visit.section_of(walk.at(item)).unwrap_or(0))
            } else {
                Row::Item(item)
            }
        })
        .collect();

    let theme = &app.theme;
    let width = usize::from(area.width);
    let lines: Vec<Line<'_>> = rows
        .iter()
        .map(|row| match row {
            Row::Section(s) => {
                let tally = (visit.tallies().sections.get(c))
                    .and_then(|t| t.get(*s))
                    .map(Tally::from);
                let percent = match tally.and_then(|t| t.percent()) {
                    Some(p) => format!("{DOT}{}", percent_text(Some(p))),
                    None => String::new(),
                };
                let exceeded = match tally.map_or(0, |t| t.exceeded) {
                    0 => String::new(),
                    n => format!(" ▲{n}"),
                };
                let tail = format!("{percent}{exceeded}");
                let title = fit(
                    &inert(&checklist.section[*s].title),
                    width.saturating_sub(3 + tail.width()),
                );
                Line::styled(format!("── {title}{tail}"), theme.section())
            }
            Row::Item(i) => {
                let at = ItemRef {
                    checklist: c,
                    item: *i,
                };
                item_line(visit, at, *i == selected, theme, width)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// One item of the list: its mark (what was answered, without colour), the
/// flags `!` critical, `♥` personal touch, `✎` note, `@` files, the value
/// of a number, a text or an option of another set, then the prompt, cut to
/// `width` with `…`.
fn item_line<'a>(
    visit: &'a Visit,
    at: ItemRef,
    selected: bool,
    theme: &Theme,
    width: usize,
) -> Line<'a> {
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
        "{}{}{}{} ",
        if item.is_critical() { "!" } else { " " },
        if item.tags.iter().any(|t| t == PERSONAL_TOUCH) {
            "♥"
        } else {
            " "
        },
        if entry.note.is_empty() { " " } else { "✎" },
        if visit.evidence_of(at).is_empty() {
            " "
        } else {
            "@"
        }
    );
    let room = width.saturating_sub(mark.width() + flags.width());
    let value = match (&entry.answer, &response) {
        (Some(Answer::Number(n)), Response::Number { unit, standard, .. }) => {
            format!("{}{DOT}", inert(&against_standard(*n, *unit, standard)))
        }
        (Some(Answer::Text(t)), _) => {
            let first = t.lines().next().unwrap_or_default();
            let quoted = tr!(
                "tui-quoted",
                text = fit(&inert(first), (room / 3).clamp(8, 24))
            );
            format!("{quoted}{DOT}")
        }
        (Some(Answer::Choice(id)), Response::Options(_))
            if !matches!(item.response_name(), "yes-no" | "grade") =>
        {
            let label = response
                .options()
                .iter()
                .find(|o| &o.id == id)
                .map(|o| inert(&o.label))
                .unwrap_or_default();
            format!("{}{DOT}", fit(&label, (room / 3).clamp(6, 18)))
        }
        _ => String::new(),
    };
    let text = fit(&format!("{value}{}", inert(&item.prompt)), room);
    // The selection is the mark and flags in reverse: a move then redraws
    // eight cells of two rows, not both rows whole.
    let (mark_style, flags_style) = if selected {
        (mark_style.patch(theme.selected()), theme.selected())
    } else {
        (mark_style, Style::new())
    };
    Line::from(vec![
        Span::styled(mark, mark_style),
        Span::styled(flags, flags_style),
        Span::raw(text),
    ])
}

/// The item's details, wrapped to the pane, scrolled with `J`/`K` when they
/// are longer than it. The pane's last row holds the keys for the item, or
/// says that there is more and how to see it.
fn draw_detail(frame: &mut Frame<'_>, area: Rect, app: &App, border: Borders) {
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
fn detail_lines(app: &App, at: ItemRef, roomy: bool) -> Vec<(String, Style)> {
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
    let mut lines: Vec<(String, Style)> = vec![(inert(&item.prompt), bold)];
    // A returned visit: the editor's questions first, and how to answer.
    if app.returned.is_some() {
        let key = visit.ids(at).map(|(c, i)| format!("{c}/{i}"));
        for question in app.questions_on(key.as_deref()) {
            lines.push((
                tr!("tui-returned-question", question = inert(&question)),
                theme.bad(),
            ));
        }
        // Questions on the whole visit show on every item: `e` answers
        // them where the item has none of its own.
        for question in app.questions_on(None) {
            lines.push((
                tr!("tui-returned-visit-question", question = inert(&question)),
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
            inert(&crate::i18n::tag_label(
                &visit.checklists[at.checklist].checklist,
                tag,
            ))
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
                    inert(&option.label),
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
                    format!("▶ {}", inert(&against_standard(*v, unit, &standard)))
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
                        tr!("tui-type-value", range = inert(&range_text(min, max, unit)))
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
                        lines.push((format!("▶ {}", inert(l)), Style::new()));
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
        lines.push((inert(&earns), theme.dim()));
    }
    if let Some(seconds) = entry.timed {
        lines.push((
            tr!("tui-measured", clock = clock(seconds), seconds = seconds),
            theme.dim(),
        ));
    }
    for (_, file) in visit.evidence_of(at) {
        lines.push((
            format!("@ {} ({})", inert(file.name()), size_text(file.bytes)),
            Style::new(),
        ));
    }
    if !entry.note.is_empty() {
        lines.push(blank());
        lines.push((tr!("tui-note-heading"), bold));
        for l in entry.note.lines() {
            lines.push((inert(l), Style::new()));
        }
    }
    // Read-only, the visit's note has no editor to be read in: shown
    // with the item's, before the guidance.
    if !editable && !visit.header.note.is_empty() {
        lines.push(blank());
        lines.push((tr!("tui-visit-note-heading"), bold));
        for l in visit.header.note.lines() {
            lines.push((inert(l), Style::new()));
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
                lines.push((inert(g), theme.dim()));
            }
        }
        // A roomy pane says so in its last row, which never moves; a small
        // one here, after the answers.
        Some(_) if !roomy => lines.push((tr!("tui-guidance-hint"), theme.dim())),
        _ => {}
    }
    lines
}

fn draw_status(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let theme = &app.theme;
    let width = area.width;
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
                None => {
                    let label = tr!("tui-value-field", range = inert(&hint));
                    let field = format!("{label} {}▏ ", inert(input));
                    let room = width.saturating_sub(field.width() as u16);
                    Line::from(vec![
                        Span::raw(field),
                        Span::styled(
                            as_many_as_fit(
                                &[
                                    tr!("tui-enter-saves").as_str(),
                                    tr!("tui-tab-saves-next").as_str(),
                                    tr!("tui-esc-cancels").as_str(),
                                ],
                                room,
                            ),
                            theme.dim(),
                        ),
                    ])
                }
            }
        }
        Mode::Attach { target, input, .. } => {
            let place = if target.is_some() {
                tr!("tui-attach-to-item")
            } else {
                tr!("tui-attach-to-visit")
            };
            match &app.message {
                Some(message) => Line::styled(
                    format!(
                        "{} {}▏ {}",
                        tr!("tui-attach-failed"),
                        inert(input),
                        inert(message)
                    ),
                    theme.bad(),
                ),
                None => {
                    let field = format!("{place} {}▏ ", inert(input));
                    let room = width.saturating_sub(field.width() as u16);
                    Line::from(vec![
                        Span::raw(field),
                        Span::raw(as_many_as_fit(
                            &[
                                tr!("tui-enter-attaches").as_str(),
                                "Esc",
                                tr!("tui-tab-completes").as_str(),
                            ],
                            room,
                        )),
                    ])
                }
            }
        }
        Mode::Search { query, found, .. } => {
            let field = format!("/{}▏ ", inert(query));
            let room = width.saturating_sub(field.width() as u16);
            let hints: Vec<String> = if query.trim().is_empty() {
                match &app.last_search {
                    Some(last) => vec![
                        tr!("tui-search-next", last = fit(&inert(last), 16)),
                        tr!("tui-esc-closes"),
                    ],
                    None => vec![tr!("tui-search-type"), tr!("tui-esc-closes")],
                }
            } else if found.is_empty() {
                vec![tr!("tui-search-none"), tr!("tui-esc-closes")]
            } else {
                vec![
                    tr!("tui-search-choose"),
                    tr!("tui-search-go"),
                    tr!("tui-esc-closes"),
                ]
            };
            let hints: Vec<&str> = hints.iter().map(String::as_str).collect();
            Line::from(vec![
                Span::raw(field),
                Span::styled(as_many_as_fit(&hints, room), theme.dim()),
            ])
        }
        Mode::Answer { text, .. } => {
            let label = tr!("tui-returned-field");
            let shown = inert(text);
            let room = usize::from(width).saturating_sub(label.width() + 2);
            // The end of a long answer shows, where the typing is.
            let mut tail: Vec<char> = Vec::new();
            for c in shown.chars().rev() {
                if tail.iter().collect::<String>().width() + 1 >= room {
                    break;
                }
                tail.insert(0, c);
            }
            match &app.message {
                Some(message) => {
                    Line::styled(fit(&inert(message), usize::from(width)), theme.bad())
                }
                None => Line::from(vec![
                    Span::styled(format!("{label} "), theme.title()),
                    Span::raw(format!("{}▏", tail.iter().collect::<String>())),
                ]),
            }
        }
        // A refusal (a pasted control character) shows until the next key.
        Mode::Note { .. } | Mode::VisitNote { .. } | Mode::Text { .. } if app.message.is_some() => {
            let message = app.message.as_deref().unwrap_or_default();
            Line::styled(fit(&inert(message), usize::from(width)), theme.bad())
        }
        // An editor's own keys, not the visit's.
        Mode::Note { .. } | Mode::VisitNote { .. } => Line::styled(
            as_many_as_fit(
                &[
                    tr!("tui-editor-done").as_str(),
                    tr!("tui-editor-new-line").as_str(),
                    tr!("tui-editor-saved").as_str(),
                ],
                width,
            ),
            theme.dim(),
        ),
        Mode::Text { .. } => Line::styled(
            as_many_as_fit(
                &[
                    tr!("tui-editor-done").as_str(),
                    tr!("tui-editor-done-next").as_str(),
                    tr!("tui-editor-saved").as_str(),
                ],
                width,
            ),
            theme.dim(),
        ),
        // A failed save is an alert, drawn instead of this line.
        _ => match &app.message {
            Some(message) => Line::raw(fit(&inert(message), usize::from(width))),
            None if app.visit.is_final() => Line::styled(
                as_many_as_fit(
                    &[
                        tr!("tui-footer-read-only").as_str(),
                        tr!("tui-footer-move").as_str(),
                        tr!("tui-hint-scroll").as_str(),
                        tr!("tui-footer-search").as_str(),
                        tr!("tui-footer-help").as_str(),
                        tr!("tui-footer-quit").as_str(),
                    ],
                    width,
                ),
                theme.dim(),
            ),
            None => Line::styled(
                as_many_as_fit(
                    &[
                        tr!("tui-footer-answer").as_str(),
                        tr!("tui-footer-help").as_str(),
                        tr!("tui-footer-quit").as_str(),
                        tr!("tui-footer-move").as_str(),
                        // Before note and search: a narrow screen drops
                        // those first, and help lists them.
                        tr!("tui-footer-finalize").as_str(),
                        tr!("tui-hint-note").as_str(),
                        tr!("tui-footer-search").as_str(),
                    ],
                    width,
                ),
                theme.dim(),
            ),
        },
    };
    frame.render_widget(Paragraph::new(line), area);
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

/// A bordered popup holding `lines`, scrolled from `scroll` when they do
/// not fit; the last row then says how to see the rest.
fn draw_popup(
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
fn draw_help(frame: &mut Frame<'_>, area: Rect, theme: &Theme, scroll: usize) {
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

/// Help's second page: how scores work, in the words of [`score::EXPLANATION`].
fn draw_scoring_help(frame: &mut Frame<'_>, area: Rect, theme: &Theme, scroll: usize) {
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
fn draw_matches(frame: &mut Frame<'_>, body: Rect, app: &App, found: &[ItemRef], selected: usize) {
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
                .map(|l| inert(&l.checklist.checklist.title))
                .unwrap_or_default();
            let prompt = app
                .visit
                .item(*at)
                .map(|(_, i)| inert(&i.prompt))
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
fn draw_choices(frame: &mut Frame<'_>, body: Rect, choices: &[String], theme: &Theme) {
    const ROWS: usize = 6;
    let inner_width = usize::from(body.width.saturating_sub(2)).max(1);
    let column = choices
        .iter()
        .map(|c| inert(c).width())
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

fn draw_editor(
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

fn draw_finalize(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    score: &Score,
    selected: usize,
    confirming: bool,
) {
    let visit = &app.visit;
    let theme = &app.theme;
    let issues = super::app::issues(visit);
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
        let (unanswered, failures) = super::app::finalize_warnings(visit);
        let mut reasons = Vec::new();
        if unanswered > 0 {
            reasons.push(tr!("tui-finalize-unanswered", count = unanswered));
        }
        if failures > 0 {
            reasons.push(tr!("tui-finalize-failures", count = failures));
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
                .map(|(_, i)| inert(&i.prompt))
                .unwrap_or_default();
            let title = visit
                .checklists
                .get(at.checklist)
                .map(|c| inert(&c.checklist.checklist.title))
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

#[cfg(test)]
mod tests {
    use super::{Axis, MIN_WIDTH, Rows, elapsed_text, fits, list_window, split, wrap, wrap_words};
    use crate::visit::{Answer, ItemRef, Visit};
    use ratatui::layout::{Constraint, Layout, Rect};

    /// The layouts the screens cut by hand, against ratatui's `Layout` of
    /// the same lengths and one `Min`, at every terminal size that fits:
    /// the visit screen (2 or 3 header rows, 1–4 status rows; the list
    /// beside or above the details) and the home screen.
    #[test]
    fn screens_are_cut_as_ratatuis_layout_would_cut_them() {
        let layout = |area: Rect, vertical: bool, lengths: &[u16], flexible: usize, min: u16| {
            let constraints: Vec<Constraint> = lengths
                .iter()
                .enumerate()
                .map(|(n, &l)| {
                    if n == flexible {
                        Constraint::Min(min)
                    } else {
                        Constraint::Length(l)
                    }
                })
                .collect();
            let cut = if vertical {
                Layout::vertical(constraints)
            } else {
                Layout::horizontal(constraints)
            };
            cut.split(area).to_vec()
        };
        let mut compared = 0;
        // Every width around the two layouts' edges, then a sample (the
        // solver is slow in a debug build).
        let widths = (38..=64u16).chain((65..=200).step_by(9));
        for width in widths {
            for height in (14..=26u16).chain([31, 40, 60]) {
                if !fits(width, height) {
                    continue;
                }
                let area = Rect::new(0, 0, width, height);
                for header in [2, 3] {
                    for status in 1..=4 {
                        let lengths = [header, 1, 0, status];
                        let ours = split(area, Axis::Rows, lengths, 2);
                        assert_eq!(ours.to_vec(), layout(area, true, &lengths, 2, 5));
                        let body = ours[2];
                        if width < MIN_WIDTH {
                            let detail_height = (body.height / 2).max(6);
                            assert_eq!(
                                split(body, Axis::Rows, [0, detail_height], 0).to_vec(),
                                layout(body, true, &[0, detail_height], 0, 3),
                                "{width}×{height}"
                            );
                        } else {
                            let list_width = (body.width * 11 / 20).max(30);
                            assert_eq!(
                                split(body, Axis::Columns, [list_width, 0], 1).to_vec(),
                                layout(body, false, &[list_width, 0], 1, 20),
                                "{width}×{height}"
                            );
                        }
                        compared += 2;
                    }
                }
                let most_drafts = if height < 24 { 3 } else { 6 };
                for drafts in 0..=most_drafts {
                    for status in 1..=3 {
                        let lengths = [1, drafts + 2, 0, status];
                        assert_eq!(
                            split(area, Axis::Rows, lengths, 2).to_vec(),
                            layout(area, true, &lengths, 2, 6),
                            "home, {width}×{height}"
                        );
                        compared += 1;
                    }
                }
            }
        }
        assert!(compared > 2_000);
    }

    /// The list windowed from the rows on screen, against the list made
    /// whole and windowed as before (every row listed, offsets by row):
    /// the same rows on screen after every move, down, up and jumping,
    /// with follow-ups hidden and shown.
    #[test]
    fn the_list_drawn_from_its_window_matches_the_whole_list() {
        let mut text =
            String::from("[checklist]\nid = \"long\"\ntitle = \"Long\"\ntouchpoint = \"t\"\n");
        for s in 0..12 {
            text.push_str(&format!("[[section]]\nid = \"s{s}\"\ntitle = \"S{s}\"\n"));
            for i in 0..7 {
                text.push_str(&format!(
                    "[[section.item]]\nid = \"i{s}-{i}\"\nprompt = \"P {s} {i}\"\n"
                ));
                // Every item but the first of a section follows the one
                // before it when it is in a section of three or more.
                if i > 0 && s % 3 != 0 {
                    text.push_str(&format!(
                        "show_if = {{ item = \"i{s}-0\", is = \"yes\" }}\n"
                    ));
                }
            }
        }
        let loaded = crate::checklist::from_bytes(
            "long.toml",
            text.as_bytes(),
            crate::checklist::Source::Path("long.toml".into()),
        )
        .expect("checklist");
        let now: jiff::ZonedDateTime = "2026-11-22T14:03:12+03:00[+03:00]".parse().unwrap();
        let mut visit = Visit::new("Site", "anna", vec![loaded], &now, "0001");
        for s in [1, 4, 5, 10] {
            let at = visit.find("long", &format!("i{s}-0")).unwrap();
            visit
                .set_answer(at, Some(Answer::Choice("yes".into())), &now)
                .unwrap();
        }
        let flags = visit.shown_flags(0).to_vec();
        // The whole list, as it was made before.
        let mut whole = Vec::new();
        let mut last_section = None;
        for (n, shown) in flags.iter().enumerate() {
            if *shown {
                let s = visit.section_of(ItemRef {
                    checklist: 0,
                    item: n,
                });
                if s != last_section {
                    whole.push((n, true));
                    last_section = s;
                }
                whole.push((n, false));
            }
        }
        let walk = Rows {
            visit: &visit,
            c: 0,
        };
        let first = walk.first().unwrap();
        assert_eq!(walk.take(first, usize::MAX), whole);
        let shown: Vec<usize> = (0..flags.len()).filter(|n| flags[*n]).collect();
        let mut moves: Vec<usize> = shown.clone();
        moves.extend(shown.iter().rev());
        moves.extend([
            shown[40],
            shown[3],
            shown[shown.len() - 1],
            shown[20],
            shown[0],
        ]);
        for height in [3, 7, 16] {
            let (mut old, mut new) = (0usize, None);
            for &selected in &moves {
                // Before: offsets by row over the whole list.
                let row = whole.iter().position(|r| *r == (selected, false)).unwrap();
                let mut offset = old.min(whole.len().saturating_sub(height));
                if row < offset {
                    offset = (row + 3).saturating_sub(height);
                } else if row >= offset + height {
                    offset = row.saturating_sub(2);
                }
                offset = offset.min(whole.len().saturating_sub(height));
                if offset > 0 && offset == row && whole[offset - 1].1 {
                    offset -= 1;
                }
                old = offset;
                let top = list_window(&walk, first, selected, new, height);
                new = Some(top);
                assert_eq!(
                    walk.take(top, height),
                    whole[old..(old + height).min(whole.len())],
                    "item {selected}, {height} rows"
                );
            }
        }
    }

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

    #[test]
    fn an_indented_line_keeps_its_indent_when_wrapped() {
        assert_eq!(wrap("  1 Below standard", 10), ["  1 Below", "  standard"]);
    }

    #[test]
    fn elapsed_time_reads_in_minutes_hours_and_days() {
        assert_eq!(elapsed_text(59), "0 min");
        assert_eq!(elapsed_text(42 * 60), "42 min");
        assert_eq!(elapsed_text(65 * 60), "1 h 05 min");
        assert_eq!(elapsed_text((2 * 1440 + 3 * 60 + 7) * 60), "2 d 03 h");
        assert_eq!(elapsed_text(-5), "0 min");
    }

    #[test]
    fn a_phone_fits_and_a_smaller_screen_does_not() {
        assert!(fits(40, 20) && fits(60, 16) && fits(80, 24));
        assert!(!fits(39, 40) && !fits(59, 19) && !fits(52, 14));
    }
}
