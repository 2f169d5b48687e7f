//! Characters that must never reach a terminal or a reader as they are:
//! control characters (C0, DEL, C1), bidirectional overrides and invisible
//! characters. One place decides which they are, refuses them where text
//! enters the program, and escapes them where text leaves it.

use std::borrow::Cow;

/// Whether `c` is a control character other than newline and tab: C0, DEL
/// and the C1 range U+0080–U+009F (U+009B is a one-byte CSI to some terminals).
pub fn is_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// Whether `c` changes how text around it reads without being seen:
/// bidirectional embeddings, overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069), direction marks, zero-width characters, and the
/// characters that draw nothing yet pass for text (issue 17): the soft
/// hyphen (U+00AD), the combining grapheme joiner (U+034F), the Mongolian
/// vowel separator (U+180E), the Hangul fillers (U+115F, U+1160, U+3164,
/// U+FFA0), variation selectors (U+FE00–U+FE0F, U+E0100–U+E01EF) and tag
/// characters (U+E0000–U+E007F).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00ad}'
            | '\u{034f}'
            | '\u{061c}'
            | '\u{115f}'
            | '\u{1160}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{3164}'
            | '\u{fe00}'..='\u{fe0f}'
            | '\u{feff}'
            | '\u{ffa0}'
            | '\u{e0000}'..='\u{e007f}'
            | '\u{e0100}'..='\u{e01ef}'
    )
}

/// Whether `c` is shown escaped wherever text leaves the program.
pub fn needs_escape(c: char) -> bool {
    is_control(c) || is_invisible(c)
}

/// `text` with each control and invisible character written as a
/// `\u{202e}`-style escape; newline and tab stay. For outputs that have no
/// escape of their own (CSV, Markdown, messages).
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if needs_escape(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// JSON text with each control and invisible character inside its strings
/// written as a `\uXXXX` escape, which a JSON reader turns back into the same
/// character: lossless, and inert on a terminal. serde_json escapes C0
/// already; C1 and the invisible characters it writes as they are.
pub fn escape_json(json: String) -> String {
    if !json.chars().any(needs_escape) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if needs_escape(c) {
            // Outside the Basic Multilingual Plane (tag characters, variation
            // selectors) JSON writes a surrogate pair.
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// TOML text with each control and invisible character escaped the way TOML
/// reads it back: `\uXXXX` inside basic strings, a literal string rewritten
/// as a basic one to hold the escape, `\u{..}` text in comments. Text with
/// none of them is returned as it is, byte for byte.
pub fn escape_toml(text: &str) -> Cow<'_, str> {
    use toml_parser::lexer::TokenKind;
    if !toml_needs_escape(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 64);
    let mut copied = 0;
    for token in toml_parser::Source::new(text).lex() {
        let (start, end) = (token.span().start(), token.span().end());
        // In broken TOML a span can cut a character in two (found by fuzzing):
        // such a token is left to the fallback below.
        let Some(raw) = text.get(start..end) else {
            continue;
        };
        if start < copied || !toml_needs_escape(raw) {
            continue;
        }
        out.push_str(&text[copied..start]);
        // A literal string is rewritten as a basic one, which can hold
        // escapes; an unclosed one (broken TOML) is escaped as plain text.
        let literal = match token.kind() {
            TokenKind::LiteralString => raw
                .strip_prefix('\'')
                .and_then(|r| r.strip_suffix('\''))
                .map(|inner| ("\"", inner)),
            TokenKind::MlLiteralString => raw
                .strip_prefix("'''")
                .and_then(|r| r.strip_suffix("'''"))
                .map(|inner| ("\"\"\"", inner)),
            _ => None,
        };
        match (token.kind(), literal) {
            (TokenKind::BasicString | TokenKind::MlBasicString, _) => {
                basic_escaped(&mut out, raw, false);
            }
            (_, Some((quote, inner))) => {
                out.push_str(quote);
                basic_escaped(&mut out, inner, true);
                out.push_str(quote);
            }
            _ => out.push_str(&escape_keeping_crlf(raw)),
        }
        copied = end;
    }
    out.push_str(&text[copied..]);
    // What no token held (text that is not TOML) is escaped as plain text.
    if toml_needs_escape(&out) {
        out = escape_keeping_crlf(&out);
    }
    Cow::Owned(out)
}

/// Whether the character at byte `at` of `text` is a carriage return that
/// ends a line with the newline after it: TOML's CRLF, left as it is.
fn is_crlf(text: &str, at: usize, c: char) -> bool {
    c == '\r' && text.as_bytes().get(at + 1) == Some(&b'\n')
}

/// Whether TOML text holds a character to escape (CRLF line ends aside).
fn toml_needs_escape(text: &str) -> bool {
    text.char_indices()
        .any(|(at, c)| needs_escape(c) && !is_crlf(text, at, c))
}

/// [`escape`], but CRLF line ends stay as they are.
fn escape_keeping_crlf(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for (at, c) in text.char_indices() {
        if needs_escape(c) && !is_crlf(text, at, c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Appends `raw` as the inside of a TOML basic string: characters that need
/// it as `\uXXXX`, and, for text that was literal, `\` and `"` escaped too.
fn basic_escaped(out: &mut String, raw: &str, was_literal: bool) {
    for (at, c) in raw.char_indices() {
        match c {
            '\r' if is_crlf(raw, at, c) => out.push(c),
            '\\' | '"' if was_literal => {
                out.push('\\');
                out.push(c);
            }
            // TOML's `\u` takes four digits exactly; beyond them, `\U` eight.
            c if needs_escape(c) && (c as u32) > 0xffff => {
                out.push_str(&format!("\\U{:08X}", c as u32));
            }
            c if needs_escape(c) => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
}

/// The name of a character for a message: `U+001B (escape)`.
pub fn char_name(c: char) -> String {
    let name = match c {
        '\0' => crate::tr!("char-nul"),
        '\u{7}' => crate::tr!("char-bell"),
        '\u{8}' => crate::tr!("char-backspace"),
        '\r' => crate::tr!("char-carriage-return"),
        '\u{1b}' => crate::tr!("char-escape"),
        '\u{7f}' => crate::tr!("char-delete"),
        '\u{9b}' => crate::tr!("char-csi"),
        '\u{202e}' => crate::tr!("char-rtl-override"),
        '\u{202d}' => crate::tr!("char-ltr-override"),
        '\u{200b}' => crate::tr!("char-zero-width-space"),
        _ => return format!("U+{:04X}", c as u32),
    };
    format!("U+{:04X} ({name})", c as u32)
}

/// Refuses `text` (a site name, an auditor's name, a path from the
/// configuration) if it holds a control character, newline and tab included
/// unless `multi_line`. The message names `what`, the character and its place.
pub fn refuse_control(what: &str, text: &str, multi_line: bool) -> Result<(), String> {
    let bad = text
        .chars()
        .enumerate()
        .find(|(_, c)| c.is_control() && !(multi_line && (*c == '\n' || *c == '\t')));
    match bad {
        None => Ok(()),
        Some((at, c)) => Err(if multi_line {
            crate::tr!(
                "text-control-multi-line",
                what = what,
                char = char_name(c),
                at = at + 1
            )
        } else {
            crate::tr!(
                "text-control-one-line",
                what = what,
                char = char_name(c),
                at = at + 1
            )
        }),
    }
}

/// At most `max` characters of `text`, escaped, with `…` when cut: how a
/// message quotes text from a file, so a huge key cannot make a huge message.
pub fn echo(text: &str, max: usize) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(max).collect();
    let cut = chars.next().is_some();
    let mut out = escape(&head).into_owned();
    if cut {
        out.push('…');
    }
    out
}

/// `34 KB`, `2.5 MB`: a size as people read it.
pub fn size_text(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KB {
        crate::tr!("tui-size-bytes", size = bytes.to_string())
    } else if b < KB * KB {
        crate::tr!("tui-size-kb", size = format!("{:.0}", b / KB))
    } else {
        crate::tr!("tui-size-mb", size = format!("{:.1}", b / KB / KB))
    }
}

/// [`escape`] as a `String`: for messages and text shown on one line of
/// a terminal, where newline and tab are kept.
pub fn escaped(text: &str) -> String {
    escape(text).into_owned()
}

/// `text` with every control character written as a `\u{1b}`-style escape,
/// newline and tab included: a problem is reported on one line, and a file
/// must not be able to forge more lines of the report (a key named
/// `"x\nother.toml:1:1: …"`).
pub fn escaped_line(text: &str) -> String {
    if !text.chars().any(|c| c.is_control() || is_invisible(c)) {
        return text.to_owned();
    }
    text.chars()
        .map(|c| match c {
            '\n' => "\\n".to_owned(),
            '\t' => "\\t".to_owned(),
            c if c.is_control() || is_invisible(c) => {
                format!("\\u{{{:x}}}", c as u32)
            }
            c => c.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_invisibles_are_escaped_newline_and_tab_kept() {
        assert_eq!(
            escape("a\x1b]0;x\x07b\u{9b}c\u{202e}d\u{200b}e\tf\ng"),
            "a\\u{1b}]0;x\\u{7}b\\u{9b}c\\u{202e}d\\u{200b}e\tf\ng"
        );
        assert!(matches!(escape("plain Отель 東京"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_escapes_are_lossless() {
        let value = serde_json::json!({ "site": "Evil\u{9b}31m\u{202e}txt" });
        let json = escape_json(serde_json::to_string(&value).unwrap());
        assert!(!json.chars().any(needs_escape), "{json}");
        assert!(
            json.contains("\\u009b") && json.contains("\\u202e"),
            "{json}"
        );
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn control_characters_are_refused_with_their_place() {
        assert_eq!(
            refuse_control("--site", "Evil\x1b]0;pwned", false).unwrap_err(),
            "--site holds the control character U+001B (escape) at character 5; remove it (it must be one line of plain text)"
        );
        assert!(refuse_control("note", "two\nlines\tand tab", true).is_ok());
        assert!(refuse_control("site", "two\nlines", false).is_err());
        assert!(refuse_control("site", "C1 \u{85}", false).is_err());
        assert!(refuse_control("site", "Отель «Москва» 東京", false).is_ok());
    }

    #[test]
    fn toml_escapes_read_back_as_the_same_text() {
        let text = "site = \"Evil\u{9b}\u{202e}x\"\r\nnote = 'q\"\\\u{200b}'\n# c\u{85}\nml = '''a\u{85}\r\nb'''\nplain = \"ok\"\n";
        let inert = escape_toml(text);
        assert!(!toml_needs_escape(&inert), "{inert}");
        assert!(inert.contains("\"\r\nnote"), "CRLF stays: {inert:?}");
        let before: toml::Table = toml::from_str(text).unwrap();
        let after: toml::Table = toml::from_str(&inert).unwrap();
        assert_eq!(before, after);
        assert!(matches!(escape_toml("a = \"b\"\n"), Cow::Borrowed(_)));
    }

    /// Characters that draw nothing but pass for text are invisible like
    /// the zero-width ones: escaped in every output, losslessly.
    #[test]
    fn fillers_tags_and_variation_selectors_are_invisible() {
        let sly = "a\u{ad}b\u{34f}c\u{115f}\u{1160}\u{3164}\u{ffa0}d\u{180e}e\u{fe0f}f\u{e0001}\u{e007f}g\u{e0100}h";
        for c in sly.chars().filter(|c| !c.is_ascii()) {
            assert!(is_invisible(c), "U+{:04X}", c as u32);
        }
        assert!(!is_invisible('é') && !is_invisible('東') && !is_invisible('\u{1f600}'));
        assert_eq!(escape("x\u{ad}y\u{e0041}"), "x\\u{ad}y\\u{e0041}");
        let value = serde_json::json!({ "site": sly });
        let json = escape_json(serde_json::to_string(&value).unwrap());
        assert!(json.is_ascii() && json.contains("\\udb40\\udc01"), "{json}");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&json).unwrap(),
            value
        );
        let text = format!("site = \"{sly}\"\nlit = '{sly}'\n");
        let inert = escape_toml(&text);
        assert!(inert.is_ascii(), "{inert}");
        let before: toml::Table = toml::from_str(&text).unwrap();
        let after: toml::Table = toml::from_str(&inert).unwrap();
        assert_eq!(before, after);
    }

    #[test]
    fn echoes_are_bounded() {
        let long = "k".repeat(10_000);
        assert_eq!(echo(&long, 5), "kkkkk…");
        assert_eq!(echo("a\x1bb", 5), "a\\u{1b}b");
    }
}
