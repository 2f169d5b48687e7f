//! Styles and marks. Colour is an extra: every state is also shown by a
//! symbol, bold or reverse, so the screen reads the same under `NO_COLOR`,
//! on an 8-colour console, and in ASCII under a non-UTF-8 locale.

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier, Style};

use crate::checklist::Response;
use crate::visit::{Answer, Entry};

/// How the screen is painted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Whether to use colour at all (off under `NO_COLOR`).
    pub(crate) color: bool,
    /// Only the 8 basic colours (the Linux console): no dark grey.
    pub(crate) eight: bool,
    /// The program's own marks and borders in ASCII (a non-UTF-8 locale,
    /// or the Linux console, whose fonts lack most marks).
    pub ascii: bool,
}

impl Theme {
    /// 16 colours (or none) and Unicode marks.
    pub fn new(color: bool) -> Theme {
        Theme {
            color,
            eight: false,
            ascii: false,
        }
    }

    /// The theme the environment asks for: no colour when `NO_COLOR` is set
    /// to anything non-empty (no-color.org); 8 colours and ASCII marks on the
    /// Linux console (`TERM=linux`); ASCII marks when the locale is not UTF-8.
    pub(crate) fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let term = std::env::var("TERM").unwrap_or_default();
        let console = term == "linux" || term.starts_with("linux-");
        Theme {
            color: !no_color,
            eight: console || term.ends_with("-8color") || term == "ansi",
            ascii: console || !crate::locale::utf8(),
        }
    }

    fn fg(&self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    /// Titles and the header.
    pub(crate) fn title(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// The selected row: reverse video reads without colour.
    pub(crate) fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// Secondary text: guidance, hints. Dark grey where there is one; on
    /// 8 colours it could be black on black, so plain text there.
    pub(crate) fn dim(&self) -> Style {
        if self.color && !self.eight {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }

    /// A good answer.
    pub(crate) fn good(&self) -> Style {
        self.fg(Color::Green)
    }

    /// A zero-score answer or a critical failure.
    pub(crate) fn bad(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    /// Warnings such as NOT SAVED.
    pub(crate) fn alert(&self) -> Style {
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
    pub(crate) fn section(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    /// Puts the frame's marks and borders into ASCII when the theme asks
    /// for it. Done once on the finished frame, so that no drawing code can
    /// forget a mark; the table maps only the program's own symbols.
    pub(crate) fn finish(&self, buffer: &mut Buffer) {
        if !self.ascii {
            return;
        }
        let cells = buffer.content.len();
        for n in 0..cells {
            let mut chars = buffer.content[n].symbol().chars();
            if let (Some(c), None) = (chars.next(), chars.next())
                && let Some(plain) = ascii_for(c)
            {
                buffer.content[n].set_char(plain);
                // "≤ 3" reads "<= 3" as "<=3", never as "< 3": the space
                // after it takes the "=".
                if matches!(c, '≤' | '≥') && n + 1 < cells && buffer.content[n + 1].symbol() == " "
                {
                    buffer.content[n + 1].set_char('=');
                }
            }
        }
    }
}

/// The ASCII stand-in of one of the program's own symbols.
pub(crate) fn ascii_for(c: char) -> Option<char> {
    Some(match c {
        '·' | '∙' => '.',
        '✓' => '+',
        '✗' => 'x',
        '▼' | '↓' => 'v',
        '●' => 'o',
        '▲' | '↑' => '^',
        '◐' => '~',
        '•' => '*',
        '◷' => 't',
        '✎' => 'n',
        '♥' => 'p',
        '¶' => '"',
        '▶' | '→' | '›' | '≥' => '>',
        '←' | '‹' | '≤' => '<',
        '─' | '━' | '—' | '–' => '-',
        '│' | '┃' => '|',
        '┌' | '┐' | '└' | '┘' | '├' | '┤' | '┬' | '┴' | '┼' | '╭' | '╮' | '╰' | '╯' => {
            '+'
        }
        '═' => '=',
        '║' => '|',
        '╔' | '╗' | '╚' | '╝' => '+',
        '…' => '~',
        '×' => 'x',
        '÷' => '/',
        '▏' => '_',
        '“' | '”' | '„' => '"',
        '‘' | '’' => '\'',
        '⚑' => '!',
        '\u{2400}'..='\u{2421}' => '?',
        _ => return None,
    })
}

/// The mark of an item in the list, three cells wide, readable without colour:
/// `·` unanswered, `✓`/`✗` a scored yes/no (and a number within or outside its
/// standard, and an option of another scored set with full or no points, as
/// `points` says), `◐` an option with some of its points, `•` an option of an
/// unscored set, `▼`/`●`/`▲` below/met/exceeded (`▲` too for any option with
/// `exceeds`), `n/a`, `#` a number, `¶` a text.
pub(crate) fn mark(entry: &Entry, response: &Response<'_>, points: Option<(f64, f64)>) -> String {
    // An unscored fact ("there was a queue": No) is no miss: `•`, as any
    // unscored option, never the ✗ of a failed standard.
    if points.is_none() && matches!(&entry.answer, Some(Answer::Choice(_))) {
        return " • ".into();
    }
    match &entry.answer {
        None => " · ".into(),
        Some(Answer::Na) => crate::tr!("tui-mark-na"),
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
            _ => match points {
                Some((0.0, _)) => " ✗ ".into(),
                Some((p, max)) if p >= max => " ✓ ".into(),
                Some(_) => " ◐ ".into(),
                None => " • ".into(),
            },
        },
    }
}

/// Text from a file or the keyboard made safe to draw: control characters
/// become their visible Unicode pictures (ESC shows as `␛`), tabs become a space,
/// and bidirectional overrides and invisible characters show as `�`, so a
/// prompt or a site name cannot be made to read differently from what it is.
pub(crate) fn drawable(text: &str) -> String {
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

/// `text` cut to at most `width` terminal cells, ending in `…` when cut, and
/// padded with spaces to `width`. Widths come from unicode-width, so CJK
/// characters count as two.
pub(crate) fn truncate(text: &str, width: usize) -> String {
    let cut = fit(text, width);
    let used = unicode_width::UnicodeWidthStr::width(cut.as_str());
    format!("{cut}{}", " ".repeat(width.saturating_sub(used)))
}

/// `text` cut to at most `width` terminal cells, ending in `…` when cut; not padded.
pub(crate) fn fit(text: &str, width: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if text.width() <= width {
        return text.to_owned();
    }
    if width == 0 {
        return String::new();
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
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_drawn_as_pictures() {
        assert_eq!(drawable("a\x1b[2Jb\u{9b}c"), "a␛[2Jb?c");
    }

    #[test]
    fn cut_text_ends_in_an_ellipsis_within_its_width() {
        assert_eq!(fit("Reservation contact", 8), "Reserva…");
        assert_eq!(fit("東京の旅館", 6), "東京…");
        assert_eq!(fit("short", 8), "short");
        assert_eq!(truncate("short", 7), "short  ");
    }

    #[test]
    fn every_mark_has_an_ascii_stand_in() {
        for c in "·✓✗▼●▲◐•◷✎♥¶▶─│┌┐└┘…×▏←→↑↓—≤“”⚑".chars()
        {
            let plain = ascii_for(c).unwrap_or_else(|| panic!("no ASCII for {c}"));
            assert!(plain.is_ascii(), "{c} → {plain}");
        }
        // Letters of checklist text are left as written.
        assert_eq!(ascii_for('Ж'), None);
    }
}
