//! The header: the site, date, time and progress; the score line; the
//! running stopwatches; the touchpoint tabs.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::score::{Score, Tally};
use crate::tr;
use crate::tui::app::App;
use crate::tui::layout::DOT;
use crate::tui::theme::{Theme, drawable, fit, truncate};
use crate::tui::words::{clock, elapsed_text, exceeded_text, percent_text};

pub(super) fn draw_header(frame: &mut Frame<'_>, area: Rect, app: &App, score: &Score) {
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
    let auditor = drawable(&visit.header.auditor);
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
    let site = drawable(&visit.header.site);
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
pub(super) fn score_line(score: &Score, width: u16, theme: &Theme) -> Line<'static> {
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
                exceeded_text(score.exceeded()),
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
pub(super) fn stopwatch_line(app: &App, now: &jiff::ZonedDateTime, width: u16) -> Line<'static> {
    let timers = app.visit.timers();
    let share = usize::from(width) / timers.len().max(1);
    let cells: Vec<String> = timers
        .iter()
        .map(|t| {
            let time = format!("◷ {} ", clock(t.seconds_at(now, app.mono_now())));
            let prompt = app
                .visit
                .item(t.at)
                .map(|(_, i)| drawable(&i.prompt))
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
pub(super) fn draw_tabs(frame: &mut Frame<'_>, area: Rect, app: &App) {
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
                .map(|l| drawable(&l.checklist.checklist.title))
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
