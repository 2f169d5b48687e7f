//! A first look at a checklist's TOML syntax whose cost is bounded whatever
//! the file holds.
//!
//! The `toml` crate keeps every token, every event and every error of a file
//! in memory: 4 MiB of `=` lines cost it over a gigabyte. This pass lexes at
//! most [`MAX_TOKENS`] tokens, parses them with an error sink that keeps the
//! first error of at most [`KEPT_LINES`] lines, and keeps no events, so a
//! hostile file costs a few megabytes.
//!
//! A file is parsed once when it is well formed: [`too_many_tokens`] bounds
//! its tokens by its length or a byte scan, without the lexer, `toml` then
//! parses it keeping its first error only, and this pass runs for the
//! messages when that parse failed.

use toml_parser::decoder::Encoding;
use toml_parser::lexer::TokenKind;
use toml_parser::parser::{Event, EventKind, EventReceiver, RecursionGuard, ValidateWhitespace};
use toml_parser::{ErrorSink, Expected, ParseError, Source, Span};

use crate::checklist::diag::MAX_PROBLEMS;

/// Most TOML tokens (keys, values, punctuation, comments, line breaks; the
/// spaces between them are not counted, and an inline table's `{` counts
/// [`INLINE_TABLE_TOKENS`]) a checklist may have. The bundled ones have
/// about two thousand and the 10,000-item checklist of the benches about
/// 306,000; the limit keeps the full parse of a file that passes within
/// 64 MB.
pub const MAX_TOKENS: usize = 310_000;

/// What an inline table's `{` counts for: a table costs the full parse
/// several times what a key or a value does.
const INLINE_TABLE_TOKENS: usize = 4;

/// Lines with an error kept by the sink. Problems are reported one per line,
/// at most [`MAX_PROBLEMS`], beside control characters found on other lines:
/// twice as many lines is always enough for the first [`MAX_PROBLEMS`].
const KEPT_LINES: usize = 2 * MAX_PROBLEMS + 2;

/// Nesting `toml` allows; deeper arrays are an error there too.
const MAX_DEPTH: u32 = 80;

/// What the bounded pass found.
pub struct Syntax {
    /// The first syntax error of each line, as (byte offset, message), in
    /// file order; at most [`KEPT_LINES`].
    pub errors: Vec<(usize, String)>,
    /// The file has more than [`MAX_TOKENS`] tokens; only that many were read,
    /// and `errors` holds none from the last line read.
    pub too_many_tokens: bool,
}

/// What a token counts towards [`MAX_TOKENS`].
fn weight(kind: TokenKind) -> usize {
    match kind {
        TokenKind::Whitespace => 0,
        TokenKind::LeftCurlyBracket => INLINE_TABLE_TOKENS,
        _ => 1,
    }
}

/// Whether `source` has more than [`MAX_TOKENS`] tokens, so that a file under
/// the limit can go straight to the one full parse.
///
/// A file too short to reach the limit is not counted: every token but the
/// end of file holds at least one byte, and weighs one unless it is a `{`.
/// Otherwise `toml_parser`'s lexer counts ([`count_tokens`]).
pub fn too_many_tokens(source: &str) -> bool {
    let bytes = source.as_bytes();
    if bytes.len() < MAX_TOKENS {
        let braces = bytes.iter().filter(|b| **b == b'{').count();
        // `<`: the end of file counts one more.
        if bytes.len() + braces * (INLINE_TABLE_TOKENS - 1) < MAX_TOKENS {
            return false;
        }
    }
    count_tokens(source, MAX_TOKENS) > MAX_TOKENS
}

/// The tokens of `source` as [`weight`] counts them, end of file included,
/// by `toml_parser`'s own lexer; stops as soon as the count passes `limit`.
fn count_tokens(source: &str, limit: usize) -> usize {
    let mut counted = 0;
    for token in Source::new(source).lex() {
        counted += weight(token.kind());
        if counted > limit {
            break;
        }
    }
    counted
}

/// Lexes and parses `source` within the bounds above.
pub fn check(source: &str) -> Syntax {
    let input = Source::new(source);
    let mut tokens = Vec::new();
    let mut counted = 0;
    let mut too_many_tokens = false;
    for token in input.lex() {
        let weight = weight(token.kind());
        if counted + weight > MAX_TOKENS {
            too_many_tokens = true;
            break;
        }
        counted += weight;
        tokens.push(token);
    }
    // Errors from the line where the tokens were cut off are artefacts of the cut.
    let cut = match (too_many_tokens, tokens.last()) {
        (true, Some(last)) => {
            let start = last.span().start();
            source[..start].rfind('\n').map_or(0, |n| n + 1)
        }
        _ => usize::MAX,
    };
    let mut sink = Capped {
        source,
        errors: Vec::new(),
        full: false,
    };
    let mut decode = Decode { input };
    let mut whitespace = ValidateWhitespace::new(&mut decode, input);
    let mut receiver = RecursionGuard::new(&mut whitespace, MAX_DEPTH);
    toml_parser::parser::parse_document(&tokens, &mut receiver, &mut sink);
    let mut errors = sink.errors;
    errors.retain(|(at, _)| *at < cut);
    errors.sort_by_key(|(at, _)| *at);
    Syntax {
        errors,
        too_many_tokens,
    }
}

/// Decodes keys and values as they are parsed, for their errors (a bad
/// escape, an empty key, a malformed number), and keeps nothing.
struct Decode<'s> {
    input: Source<'s>,
}

impl Decode<'_> {
    fn decode(
        &self,
        kind: EventKind,
        span: Span,
        encoding: Option<Encoding>,
        error: &mut dyn ErrorSink,
    ) {
        let event = Event::new_unchecked(kind, encoding, span);
        let Some(raw) = self.input.get(event) else {
            return;
        };
        if kind == EventKind::SimpleKey {
            raw.decode_key(&mut (), error);
        } else {
            let _ = raw.decode_scalar(&mut (), error);
        }
    }
}

impl EventReceiver for Decode<'_> {
    fn simple_key(&mut self, span: Span, kind: Option<Encoding>, error: &mut dyn ErrorSink) {
        self.decode(EventKind::SimpleKey, span, kind, error);
    }

    fn scalar(&mut self, span: Span, kind: Option<Encoding>, error: &mut dyn ErrorSink) {
        self.decode(EventKind::Scalar, span, kind, error);
    }
}

/// Keeps the first error of each line, for at most [`KEPT_LINES`] lines.
struct Capped<'s> {
    source: &'s str,
    errors: Vec<(usize, String)>,
    full: bool,
}

impl Capped<'_> {
    /// Whether offsets `a` and `b` are on the same line.
    fn same_line(&self, a: usize, b: usize) -> bool {
        let (from, to) = (a.min(b), a.max(b));
        self.source
            .as_bytes()
            .get(from..to)
            .is_some_and(|between| !between.contains(&b'\n'))
    }
}

impl ErrorSink for Capped<'_> {
    fn report_error(&mut self, error: ParseError) {
        if self.full {
            return;
        }
        let at = error
            .unexpected()
            .or(error.context())
            .map_or(0, |span| span.start())
            .min(self.source.len());
        // Errors arrive nearly in file order: compare with the last one kept.
        if let Some((last, _)) = self.errors.last()
            && self.same_line(*last, at)
        {
            if at < *last {
                let slot = self.errors.len() - 1;
                self.errors[slot] = (at, message(&error));
            }
            return;
        }
        if self.errors.len() == KEPT_LINES {
            self.full = true;
            return;
        }
        self.errors.push((at, message(&error)));
    }
}

/// The error's text as the `toml` crate words it, so that both passes say
/// the same thing about the same mistake.
fn message(error: &ParseError) -> String {
    let mut message = error.description().to_owned();
    if let Some(expected) = error.expected() {
        message.push_str(", expected ");
        if expected.is_empty() {
            message.push_str("nothing");
        }
        for (n, item) in expected.iter().enumerate() {
            if n > 0 {
                message.push_str(", ");
            }
            match item {
                Expected::Literal("\n") => message.push_str("newline"),
                Expected::Literal("`") => message.push_str("'`'"),
                Expected::Literal(text) if text.chars().all(|c| c.is_ascii_control()) => {
                    message.push_str(&format!("`{}`", text.escape_debug()));
                }
                Expected::Literal(text) => message.push_str(&format!("`{text}`")),
                Expected::Description(text) => message.push_str(text),
                _ => message.push_str("etc"),
            }
        }
    }
    message
}

#[cfg(test)]
#[allow(clippy::disallowed_methods, clippy::disallowed_types)] // tests read fixtures and time themselves
mod tests {
    use super::*;

    #[test]
    fn a_file_of_errors_keeps_only_the_first_lines() {
        let source = "=\n".repeat(200_000);
        let syntax = check(&source);
        assert!(syntax.too_many_tokens);
        assert_eq!(syntax.errors.len(), KEPT_LINES);
        assert_eq!(syntax.errors[0].0, 0);
        assert_eq!(syntax.errors[1].0, 2, "one error per line");
    }

    #[test]
    fn a_good_file_has_no_errors() {
        let source = include_str!("../../../checklists/hotel-check-in.toml");
        let syntax = check(source);
        assert!(syntax.errors.is_empty());
        assert!(!syntax.too_many_tokens);
        let tokens = Source::new(source).lex().count();
        assert!(tokens * 20 < MAX_TOKENS, "{tokens} tokens");
    }

    #[test]
    fn the_token_count_stops_past_its_limit() {
        let counted = count_tokens(&"=\n".repeat(1000), 10);
        assert!(counted > 10 && counted < 20, "{counted}");
        assert!(!too_many_tokens(&"a = 1\n".repeat(1000)));
        let braces = "{".repeat(MAX_TOKENS / INLINE_TABLE_TOKENS + 1);
        assert!(too_many_tokens(&braces));
        // Around the length under which a file is not counted.
        for n in [
            MAX_TOKENS / 4 - 2,
            MAX_TOKENS / 4,
            MAX_TOKENS / 2 - 1,
            MAX_TOKENS / 2 + 1,
        ] {
            for source in ["{".repeat(n), "=\n".repeat(n), "{}".repeat(n)] {
                let counted = count_tokens(&source, usize::MAX);
                assert_eq!(too_many_tokens(&source), counted > MAX_TOKENS, "{n}");
            }
        }
    }
}
