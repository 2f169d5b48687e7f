//! Drawing the visit screen. Everything here takes `&App`: drawing cannot
//! change the visit. Ratatui diffs frames, so only changed cells reach the
//! terminal.
//!
//! Two layouts: side by side (the list left, the item's details right) from
//! 60×16, and one column below 60 columns (the list above, the details
//! below), down to 40×20 — a phone's SSH client.
//!
//! One file per region: `header` (site, time, progress, score, running
//! stopwatches, touchpoint tabs), `list`, `detail`, `status` and
//! `popups` (help, search matches, file choices, editors, the finalize
//! summary). `layout` holds the sizes and the cuts, `words` turns the
//! core's facts (a score, what an answer earns, a range) into the
//! interface's words; those two read nothing of the screen's state, so
//! `tui::app` may use them without importing the view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Borders, Clear, Paragraph};

use super::app::{App, Mode};
use super::theme::drawable;
use crate::score;
use crate::tr;
use crate::visit::ItemRef;

mod detail;
mod header;
mod list;
mod popups;
mod status;

pub(crate) use super::layout::fits;
use super::layout::{MAX_ALERT_ROWS, Regions, too_small, wrap_words};
use detail::draw_detail;
use header::{draw_header, draw_tabs};
use list::draw_list;
use popups::{
    draw_choices, draw_editor, draw_finalize, draw_help, draw_matches, draw_scoring_help,
};
use status::{alert_text, draw_status};

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
    let Regions {
        header,
        tabs,
        body,
        list,
        detail,
        editor: editor_area,
        status,
        narrow,
    } = Regions::of(area, header_rows, status_rows);
    draw_header(frame, header, app, &score);
    draw_tabs(frame, tabs, app);
    draw_list(frame, list, app);
    let border = if narrow { Borders::TOP } else { Borders::LEFT };
    draw_detail(frame, detail, app, border);
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
pub(super) fn prompt_of(app: &App, at: ItemRef) -> String {
    app.visit
        .item(at)
        .map(|(_, item)| drawable(&item.prompt))
        .unwrap_or_default()
}
