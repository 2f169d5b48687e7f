//! Styles and marks. Colour is an extra: every state is also shown by a
//! symbol, bold or reverse, so the screen reads the same under `NO_COLOR`.

use ratatui::style::{Color, Modifier, Style};

use crate::checklist::Response;
use crate::visit::{Answer, Entry};

/// How the screen is painted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Whether to use colour at all (off under `NO_COLOR`).
    pub color: bool,
}

impl Theme {
    /// The theme the environment asks for: no colour when `NO_COLOR` is set
    /// to anything non-empty (no-color.org), else the 16 named colours.
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { color: !no_color }
    }

    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    /// Titles and the header.
    pub fn title(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// The selected row: reverse video reads without colour.
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// Secondary text: guidance, hints.
    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }

    /// A good answer.
    pub fn good(&self) -> Style {
        self.fg(Color::Green)
    }

    /// A zero-score answer or a critical failure.
    pub fn bad(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    /// Warnings such as NOT SAVED.
    pub fn alert(&self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED)
        }
    }

    /// Section headers in the item list.
    pub fn section(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
}

/// The mark of an item in the list, three cells wide, readable without colour:
/// `·` unanswered, `✓`/`✗` yes/no (and a number within or outside its
/// standard, as `points` says), `▼`/`●`/`▲` below/met/exceeded (`▲` too for
/// any option with `exceeds`), the option number for other sets, `n/a`, `#` a
/// number, `¶` a text.
pub fn mark(entry: &Entry, response: &Response<'_>, points: Option<(f64, f64)>) -> String {
    match &entry.answer {
        None => " · ".into(),
        Some(Answer::Na) => "n/a".into(),
        Some(Answer::Number(_)) => match points {
            Some((0.0, _)) => " ✗ ".into(),
            Some(_) => " ✓ ".into(),
            None => " # ".into(),
        },
        Some(Answer::Text(_)) => " ¶ ".into(),
        Some(Answer::Choice(id)) => match id.as_str() {
            "yes" => " ✓ ".into(),
            "no" => " ✗ ".into(),
            "missed" => " ▼ ".into(),
            "met" => " ● ".into(),
            "exceeded" => " ▲ ".into(),
            _ if response
                .options()
                .iter()
                .any(|o| &o.id == id && o.exceeds()) =>
            {
                " ▲ ".into()
            }
            _ => {
                let n = response
                    .options()
                    .iter()
                    .position(|o| &o.id == id)
                    .map_or(0, |n| n + 1);
                format!("[{n}]")
            }
        },
    }
}

/// Text from a file or the keyboard made safe to draw: control characters
/// become their visible Unicode pictures (ESC shows as `␛`), tabs become a space,
/// and bidirectional overrides and invisible characters show as `�`, so a
/// prompt or a site name cannot be made to read differently from what it is.
pub fn inert(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' => ' ',
            '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('?'),
            '\u{7f}' => '␡',
            c if c.is_control() => '?',
            c if crate::text::is_invisible(c) => '\u{fffd}',
            c => c,
        })
        .collect()
}

/// `text` cut to at most `width` terminal cells, ending in `…` when cut.
/// Widths come from unicode-width, so CJK characters count as two.
pub fn truncate(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let total: usize = text.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        let pad = width - total;
        return format!("{text}{}", " ".repeat(pad));
    }
    let mut cut = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        cut.push(c);
    }
    cut.push('…');
    used += 1;
    format!("{cut}{}", " ".repeat(width.saturating_sub(used)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_drawn_as_pictures() {
        assert_eq!(inert("a\x1b[2Jb\u{9b}c"), "a␛[2Jb?c");
    }
}
