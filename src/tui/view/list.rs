//! The item list: section titles and items, windowed to the rows on screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use crate::checklist::Response;
use crate::score::{self, PERSONAL_TOUCH, Tally};
use crate::tr;
use crate::tui::app::App;
use crate::tui::layout::DOT;
use crate::tui::theme::{Theme, drawable, fit, mark};
use crate::tui::words::{against_standard, percent_text};
use crate::visit::{Answer, ItemRef, Visit};

/// A row of the item list: a section title or an item.
pub(super) enum Row {
    Section(usize),
    Item(usize),
}

/// The rows of one checklist's list, walked from any row without listing
/// the others: a frame costs the rows on screen, not the checklist. A row is
/// `(item, title)`: item `item`, or (`title`) the title of its section above
/// it, which only the first shown item of a section has.
pub(super) struct Rows<'a> {
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
pub(super) fn row_order((item, title): (usize, bool)) -> (usize, bool) {
    (item, !title)
}

/// The top row of the list for `selected` in a window of `height` rows,
/// from the top row `kept` of the last frame.
pub(super) fn list_window(
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

pub(super) fn draw_list(frame: &mut Frame<'_>, area: Rect, app: &App) {
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
                    &drawable(&checklist.section[*s].title),
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
pub(super) fn item_line<'a>(
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
            format!("{}{DOT}", drawable(&against_standard(*n, *unit, standard)))
        }
        (Some(Answer::Text(t)), _) => {
            let first = t.lines().next().unwrap_or_default();
            let quoted = tr!(
                "tui-quoted",
                text = fit(&drawable(first), (room / 3).clamp(8, 24))
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
                .map(|o| drawable(&o.label))
                .unwrap_or_default();
            format!("{}{DOT}", fit(&label, (room / 3).clamp(6, 18)))
        }
        _ => String::new(),
    };
    let text = fit(&format!("{value}{}", drawable(&item.prompt)), room);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::visit::{Answer, ItemRef, Visit};

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
}
