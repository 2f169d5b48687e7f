//! The status line at the bottom: the field being typed in, hints, the
//! last message, or an alert (a failed save, the question before leaving).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::checklist::Response;
use crate::tr;
use crate::tui::app::{App, Mode};
use crate::tui::layout::as_many_as_fit;
use crate::tui::theme::{drawable, fit};
use crate::tui::words::range_text;

/// What the status area must show above all else: the question before
/// leaving unsaved changes, or why the last save failed (until one succeeds).
pub(super) fn alert_text(app: &App) -> Option<String> {
    let reason = || {
        app.save_error
            .as_deref()
            .map_or_else(|| tr!("tui-unknown-reason"), drawable)
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

pub(super) fn draw_status(frame: &mut Frame<'_>, area: Rect, app: &App) {
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
                    format!(
                        "{}: {}▏ {}",
                        drawable(&hint),
                        drawable(input),
                        drawable(message)
                    ),
                    theme.bad(),
                ),
                None => {
                    let label = tr!("tui-value-field", range = drawable(&hint));
                    let field = format!("{label} {}▏ ", drawable(input));
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
                        drawable(input),
                        drawable(message)
                    ),
                    theme.bad(),
                ),
                None => {
                    let field = format!("{place} {}▏ ", drawable(input));
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
            let field = format!("/{}▏ ", drawable(query));
            let room = width.saturating_sub(field.width() as u16);
            let hints: Vec<String> = if query.trim().is_empty() {
                match &app.last_search {
                    Some(last) => vec![
                        tr!("tui-search-next", last = fit(&drawable(last), 16)),
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
            let shown = drawable(text);
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
                    Line::styled(fit(&drawable(message), usize::from(width)), theme.bad())
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
            Line::styled(fit(&drawable(message), usize::from(width)), theme.bad())
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
            Some(message) => Line::raw(fit(&drawable(message), usize::from(width))),
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
