//! The layout arithmetic of the screens: the smallest terminals each
//! layout holds, cutting an area into rows or columns, and text cut and
//! wrapped to a width. Nothing here reads the visit or the screen's state.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::tr;

/// The smallest terminal the side-by-side layout works in.
pub(crate) const MIN_WIDTH: u16 = 60;
/// The smallest terminal the side-by-side layout works in.
pub(crate) const MIN_HEIGHT: u16 = 16;
/// The smallest terminal the one-column layout works in.
pub(crate) const NARROW_WIDTH: u16 = 40;
/// The smallest terminal the one-column layout works in.
pub(crate) const NARROW_HEIGHT: u16 = 20;

/// Whether a `width`×`height` terminal holds one of the layouts.
pub(crate) fn fits(width: u16, height: u16) -> bool {
    (width >= MIN_WIDTH && height >= MIN_HEIGHT)
        || (width >= NARROW_WIDTH && height >= NARROW_HEIGHT)
}

/// The regions of the visit screen: the header, the touchpoint tabs, the
/// body (the list and the details), the status line, and where an editor
/// opens over the details.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Regions {
    pub(crate) header: Rect,
    pub(crate) tabs: Rect,
    /// The list and the details together: where search matches and file
    /// choices open.
    pub(crate) body: Rect,
    pub(crate) list: Rect,
    pub(crate) detail: Rect,
    /// The lower part of the details, not the list: the item written about
    /// stays in view, and opening an editor redraws little.
    pub(crate) editor: Rect,
    pub(crate) status: Rect,
    /// One column (the list above the details) rather than side by side.
    pub(crate) narrow: bool,
}

impl Regions {
    /// `area` (a terminal that [`fits`]) cut into the visit screen's
    /// regions, with `header_rows` for the header and `status_rows` for the
    /// status line.
    pub(crate) fn of(area: Rect, header_rows: u16, status_rows: u16) -> Regions {
        let narrow = area.width < MIN_WIDTH;
        let [header, tabs, body, status] =
            split(area, Axis::Rows, [header_rows, 1, 0, status_rows], 2);
        let [list, detail] = if narrow {
            let detail_height = (body.height / 2).max(6);
            split(body, Axis::Rows, [0, detail_height], 0)
        } else {
            let list_width = (body.width * 11 / 20).max(30);
            split(body, Axis::Columns, [list_width, 0], 1)
        };
        let editor = {
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
        Regions {
            header,
            tabs,
            body,
            list,
            detail,
            editor,
            status,
            narrow,
        }
    }
}

/// The separator between hints and facts on one line.
pub(super) const DOT: &str = " · ";

/// Which way [`split`] cuts.
#[derive(Clone, Copy)]
pub(crate) enum Axis {
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
pub(crate) fn split<const N: usize>(
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

/// Most rows an alert may take from the visit.
pub(super) const MAX_ALERT_ROWS: usize = 4;

/// `text` in rows of at most `width` columns, broken between words (inside
/// a word only when it is wider than a row), at most `max_rows` of them, the
/// last ending in "…" when text was left out.
pub(crate) fn wrap_words(text: &str, width: u16, max_rows: usize) -> Vec<String> {
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
pub(super) fn wrap(text: &str, width: usize) -> Vec<String> {
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
pub(crate) fn too_small(frame: &mut Frame<'_>, area: Rect) -> bool {
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

/// `parts` joined by " · ", as many as fit in `width`, in their order.
pub(super) fn as_many_as_fit(parts: &[&str], width: u16) -> String {
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

/// A rectangle of `width`×`height` centred in `area`, clipped to it.
pub(super) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
                        // The regions the visit screen draws in are these cuts.
                        let regions = Regions::of(area, header, status);
                        assert_eq!(
                            [regions.header, regions.tabs, regions.body, regions.status],
                            ours
                        );
                        assert_eq!(regions.narrow, width < MIN_WIDTH);
                        let pane = if regions.narrow {
                            layout(body, true, &[0, (body.height / 2).max(6)], 0, 3)
                        } else {
                            layout(body, false, &[(body.width * 11 / 20).max(30), 0], 1, 20)
                        };
                        assert_eq!(vec![regions.list, regions.detail], pane);
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
    fn a_phone_fits_and_a_smaller_screen_does_not() {
        assert!(fits(40, 20) && fits(60, 16) && fits(80, 24));
        assert!(!fits(39, 40) && !fits(59, 19) && !fits(52, 14));
    }
}
