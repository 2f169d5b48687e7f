//! A large record read table by table (issue 17, item 13).
//!
//! `toml` parses a document by lexing all of it into a vector of tokens and
//! then a vector of events before it builds the tree: for a record of
//! 15.8 MB that is 108 MB and 87 MB at once. Here the text is cut at its
//! top-level table headers, and each `[[observations]]` (`[[checklists]]`,
//! `[[evidence]]`, `[[timers]]`) table is parsed, read and dropped on its
//! own; everything else (`format`, `[visit]`, `[score]` and anything
//! unexpected) is put together as the *skeleton*, a small document parsed
//! whole. The parser's vectors are then those of one table at a time.
//!
//! The result is the whole-document reader's, to the message and the place
//! (see `read::whole`): the reasons, step by step, are with the code below.
//! Where they do not hold (a key that is both cut out and in the skeleton,
//! errors in two places whose order serde decides) the caller is told to
//! read the text whole.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};
use toml_parser::lexer::{Token, TokenKind};

use super::{Step, explain, locate, syntax_message};
use crate::record::{ChecklistRef, EvidenceEntry, Observation, Record, Stamp, TimerEntry};

/// The arrays of tables read one table at a time, in the order serde meets
/// them in the record's root table (sorted: `toml`'s tables are B-trees).
const CUT: [&str; 4] = ["checklists", "evidence", "observations", "timers"];

/// How deep `toml` lets arrays and tables nest (its `LIMIT`, not public):
/// the syntax check below runs the parser as `toml` does.
const NESTING: u32 = 80;

/// A piece of the record's text: from a top-level header (or the start) to
/// the next one.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Chunk {
    /// Where it is in the text.
    pub range: Range<usize>,
    /// `Some(k)` when it is a `[[CUT[k]]]` table read on its own.
    pub cut: Option<usize>,
}

/// The header lines longer than this (in tokens) are never cut out.
const HEADER_TOKENS: usize = 12;

/// `text` cut at the start of each line whose first token (after blanks) is
/// a `[` outside any array or inline table, as `toml`'s own lexer sees it:
/// a `[` at the start of a line inside a multi-line string is inside a
/// string token, one inside a multi-line array is nested. Once the brackets
/// close more than they open the text is not cut further.
pub(super) fn split(text: &str) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let mut current = Chunk {
        range: 0..0,
        cut: None,
    };
    let mut depth: i64 = 0;
    let mut broken = false;
    // The start of the line, while it has held only blanks.
    let mut line_start = Some(0);
    // The tokens of the header line being read, to tell its kind.
    let mut header: Option<Vec<Token>> = None;
    for token in toml_parser::Source::new(text).lex() {
        let kind = token.kind();
        if let Some(tokens) = &mut header {
            if matches!(kind, TokenKind::Newline | TokenKind::Eof) {
                current.cut = cut_header(text, tokens);
                header = None;
            } else if tokens.len() <= HEADER_TOKENS {
                tokens.push(token);
            }
        }
        match kind {
            TokenKind::LeftSquareBracket => {
                if let Some(start) = line_start
                    && depth == 0
                    && !broken
                {
                    if start > current.range.start {
                        current.range.end = start;
                        chunks.push(current);
                    }
                    current = Chunk {
                        range: start..start,
                        cut: None,
                    };
                    header = Some(vec![token]);
                }
                depth += 1;
            }
            TokenKind::LeftCurlyBracket => depth += 1,
            TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket => {
                depth -= 1;
                broken |= depth < 0;
            }
            _ => {}
        }
        line_start = match kind {
            TokenKind::Newline => Some(token.span().end()),
            TokenKind::Whitespace => line_start,
            _ => None,
        };
    }
    current.range.end = text.len();
    chunks.push(current);
    chunks
}

/// `Some(k)` when `tokens` are a header `[[CUT[k]]]`, with blanks and a
/// comment allowed where TOML allows them, and the key bare or quoted
/// without escapes (`[["observations"]]`, `[['observations']]`).
fn cut_header(text: &str, tokens: &[Token]) -> Option<usize> {
    use TokenKind::{Atom, BasicString, Comment, LiteralString, Newline, Whitespace};
    use TokenKind::{LeftSquareBracket as Open, RightSquareBracket as Close};
    if tokens.len() > HEADER_TOKENS {
        return None;
    }
    // `[[`, blanks, the key, blanks, `]]`, blanks, a comment.
    let mut rest = tokens.iter().peekable();
    let take = |rest: &mut std::iter::Peekable<std::slice::Iter<'_, Token>>, kind: TokenKind| {
        rest.next_if(|t| t.kind() == kind).is_some()
    };
    let opened = take(&mut rest, Open) && take(&mut rest, Open);
    take(&mut rest, Whitespace);
    let key = rest.next_if(|t| matches!(t.kind(), Atom | BasicString | LiteralString));
    take(&mut rest, Whitespace);
    let closed = take(&mut rest, Close) && take(&mut rest, Close);
    take(&mut rest, Whitespace);
    take(&mut rest, Comment);
    let ended = !take(&mut rest, Newline) && rest.peek().is_none();
    let key = key.filter(|_| opened && closed && ended)?;
    let raw = &text[key.span().start()..key.span().end()];
    let name = match key.kind() {
        Atom => raw,
        _ => &raw[1..raw.len().checked_sub(1).filter(|&end| end >= 1)?],
    };
    CUT.iter().position(|c| *c == name)
}

/// What reading in pieces came to.
pub(super) enum Outcome {
    /// The record, as the whole-document reader reads it.
    Read(Box<Record<Stamp>>),
    /// Refused: the span in the text and the message (not yet made inert).
    Refused(Range<usize>, String),
    /// Read it whole instead: pieces would not give the same answer, or
    /// there is nothing to cut.
    Whole,
}

/// Offsets of the skeleton in the text: each part starts at `at` in the
/// skeleton and is `chunk` of the text.
struct Part {
    at: usize,
    chunk: usize,
}

/// The skeleton: the chunks not cut out, one after the other.
struct Skeleton {
    text: String,
    parts: Vec<Part>,
}

impl Skeleton {
    /// The part holding skeleton offset `at` (the last one for its end).
    fn part(&self, at: usize) -> &Part {
        let n = self.parts.partition_point(|p| p.at <= at);
        &self.parts[n.saturating_sub(1)]
    }

    /// Skeleton `span` as a span of the text; `0..0` (the root table's, or
    /// none) stays as it is, as for the whole document.
    fn to_text(&self, chunks: &[Chunk], span: Range<usize>) -> Range<usize> {
        if span == (0..0) {
            return span;
        }
        self.map(chunks, span)
    }

    /// Skeleton `span` as a span of the text, whatever it is.
    fn map(&self, chunks: &[Chunk], span: Range<usize>) -> Range<usize> {
        if self.parts.is_empty() {
            return span;
        }
        let map = |at: usize| {
            let part = self.part(at);
            chunks[part.chunk].range.start + (at - part.at)
        };
        let start = map(span.start);
        start..start.max(map(span.end))
    }
}

/// A cut-out chunk's span as a span of the text.
fn shift(span: Range<usize>, by: usize) -> Range<usize> {
    span.start + by..span.end + by
}

/// Whether `text` has an error in `toml`'s first pass (lexing and
/// grammar), which `toml` reports before any error of building its tree
/// (duplicate keys, bad numbers, dates or escapes), wherever each is.
fn syntax_error(text: &str) -> bool {
    use toml_parser::parser::{RecursionGuard, ValidateWhitespace};
    let source = toml_parser::Source::new(text);
    let tokens = source.lex().into_vec();
    let mut events = ();
    let mut whitespace = ValidateWhitespace::new(&mut events, source);
    let mut receiver = RecursionGuard::new(&mut whitespace, NESTING);
    let mut error: Option<toml_parser::ParseError> = None;
    toml_parser::parser::parse_document(&tokens, &mut receiver, &mut error);
    error.is_some()
}

/// A TOML error of one piece: which chunk, whether of the first pass, and
/// the span and message as `toml` gives them for the whole document.
struct TomlError {
    chunk: usize,
    syntax: bool,
    span: Range<usize>,
    message: String,
}

/// The tables cut out, read one by one.
#[derive(Default)]
struct Tables {
    checklists: Vec<ChecklistRef>,
    evidence: Vec<EvidenceEntry<Stamp>>,
    observations: Vec<Observation<Stamp>>,
    timers: Vec<TimerEntry<Stamp>>,
}

impl Tables {
    /// Reads `table`, the one table of a `[[CUT[k]]]` chunk.
    fn read(&mut self, k: usize, table: Spanned<DeValue<'_>>) -> Result<(), toml::de::Error> {
        let de = ValueDeserializer::from(table);
        match k {
            0 => self.checklists.push(Deserialize::deserialize(de)?),
            1 => self.evidence.push(Deserialize::deserialize(de)?),
            2 => self.observations.push(Deserialize::deserialize(de)?),
            _ => self.timers.push(Deserialize::deserialize(de)?),
        }
        Ok(())
    }
}

/// The one table of a cut-out chunk's document `{ CUT[k] = [table] }`.
fn only_table(root: Spanned<DeTable<'_>>, k: usize) -> Option<Spanned<DeValue<'_>>> {
    let mut root = root.into_inner();
    let array = root.remove(CUT[k])?.into_inner();
    match array {
        DeValue::Array(array) => array.into_iter().next(),
        _ => None,
    }
}

/// Reads `text` (a record, its byte-order mark taken off) in pieces.
pub(super) fn read(text: &str) -> Outcome {
    let chunks = split(text);
    if chunks.iter().all(|c| c.cut.is_none()) {
        return Outcome::Whole;
    }
    let mut skeleton = Skeleton {
        text: String::new(),
        parts: Vec::new(),
    };
    for (n, chunk) in chunks.iter().enumerate() {
        if chunk.cut.is_none() {
            skeleton.parts.push(Part {
                at: skeleton.text.len(),
                chunk: n,
            });
            skeleton.text.push_str(&text[chunk.range.clone()]);
        }
    }
    let has_cut = |k: usize| chunks.iter().any(|c| c.cut == Some(k));

    // 1. TOML. `toml` reports the first error of its first pass over the
    // whole text, else the first error of building the tree, in the order
    // of the text. Each chunk starts at a header where the first pass is
    // back at the top level (lexed by the same lexer, outside any bracket):
    // when the chunks before one have no first-pass error, the first pass
    // meets that chunk's tokens exactly as when the chunk is alone, and a
    // chunk ends at a line end outside brackets, where no error waits for
    // what follows. Building the tree, a cut-out table only touches its own
    // key (checked below: the skeleton never has it), so each chunk's errors
    // are its own, in the order of the text.
    let mut errors: Vec<TomlError> = Vec::new();
    let skeleton_tree = match DeTable::parse(&skeleton.text) {
        Ok(tree) => Some(tree),
        Err(e) => {
            let span = e.span();
            let chunk = match &span {
                Some(s) if !skeleton.parts.is_empty() => skeleton.part(s.start).chunk,
                _ => 0,
            };
            let span = span.map(|s| skeleton.map(&chunks, s));
            errors.push(TomlError {
                chunk,
                syntax: syntax_error(&skeleton.text),
                span: span.unwrap_or(0..0),
                message: syntax_message(&e),
            });
            None
        }
    };
    let mut tables = Tables::default();
    // serde's first error in each cut-out key's tables: message and span.
    let mut serde_errors: [Option<(String, Option<Range<usize>>)>; 4] = Default::default();
    let mut first_syntax = errors.first().filter(|e| e.syntax).map(|e| e.chunk);
    for (n, chunk) in chunks.iter().enumerate() {
        let Some(k) = chunk.cut else { continue };
        if first_syntax.is_some_and(|s| s < n) {
            break;
        }
        let piece = &text[chunk.range.clone()];
        match DeTable::parse(piece) {
            Ok(root) => {
                if serde_errors[k].is_some() || !errors.is_empty() {
                    continue;
                }
                let Some(table) = only_table(root, k) else {
                    return Outcome::Whole;
                };
                if let Err(e) = tables.read(k, table) {
                    let span = e.span().map(|s| shift(s, chunk.range.start));
                    serde_errors[k] = Some((e.message().trim_end().to_owned(), span));
                }
            }
            Err(e) => {
                let syntax = syntax_error(piece);
                if syntax {
                    first_syntax = Some(n);
                } else if errors.iter().any(|e| !e.syntax && e.chunk < n) {
                    // Only the first tree error can be the one reported.
                    continue;
                }
                errors.push(TomlError {
                    chunk: n,
                    syntax,
                    span: e.span().map_or(0..0, |s| shift(s, chunk.range.start)),
                    message: syntax_message(&e),
                });
            }
        }
    }
    if let Some(e) = errors.iter().filter(|e| e.syntax).min_by_key(|e| e.chunk) {
        return Outcome::Refused(e.span.clone(), e.message.clone());
    }
    // A cut-out key the skeleton also has (`observations = []`,
    // `[observations.x]`, `[["observations"]]`…) meets the tables in the
    // whole document: only the whole document can say what comes of it.
    let recovered;
    let tree = match &skeleton_tree {
        Some(tree) => tree,
        None => {
            recovered = DeTable::parse_recoverable(&skeleton.text).0;
            &recovered
        }
    };
    if (0..CUT.len()).any(|k| has_cut(k) && tree.get_ref().contains_key(CUT[k])) {
        return Outcome::Whole;
    }
    if let Some(e) = errors.iter().min_by_key(|e| e.chunk) {
        return Outcome::Refused(e.span.clone(), e.message.clone());
    }
    let Some(skeleton_tree) = skeleton_tree else {
        return Outcome::Whole;
    };

    // 2. serde. It reads the root table's keys in order and stops at the
    // first error; a cut-out key's tables, in order, stop at their first.
    // The skeleton's keys and the cut-out ones are read apart: when both
    // fail, which comes first is serde's to say, so the text is read whole.
    let kept = skeleton_tree.clone();
    let record = Record::<Stamp>::deserialize(toml::de::Deserializer::from(skeleton_tree));
    let cut_error = serde_errors.into_iter().flatten().next();
    let mut record = match (record, cut_error) {
        (Ok(record), None) => record,
        (Ok(_), Some((serde, span))) => {
            let (span, message) = explain(&serde, span, text);
            return Outcome::Refused(span, message);
        }
        (Err(e), None) => {
            let span = e
                .span()
                .filter(|s| *s != (0..0))
                .map(|s| skeleton.to_text(&chunks, s));
            let (span, message) = explain(e.message().trim_end(), span, text);
            return Outcome::Refused(span, message);
        }
        (Err(_), Some(_)) => return Outcome::Whole,
    };
    if has_cut(0) {
        record.checklists = tables.checklists;
    }
    if has_cut(1) {
        record.evidence = tables.evidence;
    }
    if has_cut(2) {
        record.observations = tables.observations;
    }
    if has_cut(3) {
        record.timers = tables.timers;
    }

    // 3. The rules serde cannot say, placed in the chunk they point into.
    match super::check(&record) {
        Ok(()) => Outcome::Read(Box::new(record)),
        Err((steps, message)) => {
            Outcome::Refused(place(text, &chunks, &skeleton, &kept, &steps), message)
        }
    }
}

/// The span of `steps` in the text, as `locate` gives it on the whole
/// document: in a cut-out table's own chunk, or in the skeleton.
fn place(
    text: &str,
    chunks: &[Chunk],
    skeleton: &Skeleton,
    tree: &Spanned<DeTable<'_>>,
    steps: &[Step<'_>],
) -> Range<usize> {
    if let Some(Step::Key(key)) = steps.first()
        && let Some(k) = CUT.iter().position(|c| c == key)
    {
        let mut of_key = chunks.iter().filter(|c| c.cut == Some(k));
        if let Some(first) = of_key.clone().next() {
            // The array's own span is its first header's; a table's is its
            // header's.
            let (chunk, index) = match steps.get(1) {
                Some(Step::Index(n)) => match of_key.nth(*n) {
                    Some(chunk) => (chunk, Some(0)),
                    None => (first, None),
                },
                _ => (first, None),
            };
            let piece = &text[chunk.range.clone()];
            let Ok(root) = DeTable::parse(piece) else {
                return 0..0;
            };
            let mut local: Vec<Step<'_>> = vec![Step::Key(CUT[k])];
            if let Some(i) = index {
                local.push(Step::Index(i));
                local.extend(steps[2..].iter().copied());
            }
            return shift(locate(&root, &local), chunk.range.start);
        }
    }
    skeleton.to_text(chunks, locate(tree, steps))
}

#[cfg(test)]
#[allow(clippy::disallowed_methods, clippy::disallowed_types)] // tests read fixtures and time themselves
mod tests {
    use super::*;
    use crate::record::parse_with;

    /// The chunks of `text` as (first line, cut).
    fn shape(text: &str) -> Vec<(&str, Option<&str>)> {
        split(text)
            .into_iter()
            .map(|c| {
                let first = text[c.range.clone()].lines().next().unwrap_or("");
                (first, c.cut.map(|k| CUT[k]))
            })
            .collect()
    }

    /// Read in pieces and whole: the same record, or the same message at
    /// the same place.
    fn same(text: &str) -> Result<super::super::RecordFile, crate::checklist::Diagnostic> {
        let pieces = parse_with("r.toml", text, 0);
        let whole = parse_with("r.toml", text, usize::MAX);
        assert_eq!(pieces, whole, "in pieces and whole differ on:\n{text}");
        pieces
    }

    fn fixture(name: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/records")
            .join(name);
        std::fs::read_to_string(path).unwrap()
    }

    #[test]
    fn the_text_is_cut_at_each_top_level_header() {
        let text = "format = 1\n[visit]\nid = \"x\"\n\n[[observations]]\nitem = \"a\"\n  [[observations]] # two\nitem = \"b\"\n[score]\n[score.tags]\n";
        assert_eq!(
            shape(text),
            [
                ("format = 1", None),
                ("[visit]", None),
                ("[[observations]]", Some("observations")),
                ("  [[observations]] # two", Some("observations")),
                ("[score]", None),
                ("[score.tags]", None),
            ]
        );
        let joined: String = split(text).iter().map(|c| &text[c.range.clone()]).collect();
        assert_eq!(joined, text);
    }

    #[test]
    fn a_bracket_at_a_line_start_inside_a_string_or_an_array_is_no_header() {
        let text = "[[observations]]\nnote = \"\"\"\n[score]\n[[observations]]\n\"\"\"\n\
                    other = '''\n[visit]\n'''\ntags = [\n[\"a\"],\n[[1]],\n]\n\
                    t = {\n[x] = 1 }\n[[observations]]\n";
        assert_eq!(
            shape(text),
            [
                ("[[observations]]", Some("observations")),
                ("[[observations]]", Some("observations")),
            ]
        );
    }

    #[test]
    fn only_plain_array_headers_of_the_four_arrays_are_cut_out() {
        let text = "[[observations.x]]\n[[\"observations\"]]\n[observations]\n[[ observations ]]\n\
                    [[evidence]]\n[[timers]]\n[[checklists]]\n[[other]]\n[ [observations]]\n\
                    [[observations] ]\n[[observations]]x\n[[ 'timers' ]]\n[[\"tim\\u0065rs\"]]\n\
                    [[\"\"]]\n";
        let cuts: Vec<Option<&str>> = shape(text).into_iter().map(|(_, c)| c).collect();
        assert_eq!(
            cuts,
            [
                None,
                Some("observations"),
                None,
                Some("observations"),
                Some("evidence"),
                Some("timers"),
                Some("checklists"),
                None,
                None,
                None,
                None,
                Some("timers"),
                None,
                None,
            ]
        );
    }

    #[test]
    fn crlf_line_ends_cut_the_same() {
        let text = "format = 1\r\n[visit]\r\nid = \"x\"\r\n[[observations]]\r\nitem = \"a\"\r\n";
        assert_eq!(
            shape(text),
            [
                ("format = 1", None),
                ("[visit]", None),
                ("[[observations]]", Some("observations")),
            ]
        );
        let crlf = fixture("a-metropol-october.toml").replace('\n', "\r\n");
        assert!(same(&crlf).is_ok());
    }

    #[test]
    fn once_brackets_close_more_than_open_nothing_more_is_cut() {
        let text = "a = ]\n[[observations]]\n[score]\n";
        assert_eq!(shape(text).len(), 1);
    }

    /// A record of `n` observations, from the first fixture.
    fn many(n: usize) -> String {
        let fixture = fixture("a-metropol-october.toml");
        let head = &fixture[..fixture.find("[[observations]]").unwrap()];
        let score = &fixture[fixture.find("\n[score]\n").unwrap() + 1..];
        let mut text = head.to_owned();
        for i in 0..n {
            text.push_str(&format!(
                "[[observations]]\nchecklist = \"hotel-check-in\"\nsection = \"desk\"\n\
                 item = \"i{i}\"\nprompt = \"Prompt {i}\"\nanswer = \"yes\"\nnote = \"\"\"\n\
                 [score]\nline {i}\"\"\"\n\n"
            ));
        }
        text.push_str(score);
        text
    }

    #[test]
    fn a_large_record_reads_the_same_in_pieces() {
        let text = many(300);
        let record = same(&text).unwrap();
        assert_eq!(record.observations.len(), 300);
        assert_eq!(record.observations[299].note, "[score]\nline 299");
    }

    /// Line and column of the first `needle` in `text`, 1-based.
    fn line_of(text: &str, needle: &str) -> (usize, usize) {
        let at = text.find(needle).unwrap();
        crate::checklist::diag::line_col(text, at)
    }

    #[test]
    fn problems_in_a_later_table_are_placed_in_the_whole_file() {
        let good = many(40);
        // serde: a wrong type in the 31st observation.
        let text = good.replacen("prompt = \"Prompt 30\"", "prompt = 30", 1);
        let e = same(&text).unwrap_err();
        assert_eq!(
            e.at,
            Some(line_of(&text, "prompt = 30")).map(|(l, _)| (l, 10))
        );
        // The record's own rules: an item recorded twice.
        let text = good.replacen("item = \"i31\"", "item = \"i3\"", 1);
        let e = same(&text).unwrap_err();
        assert_eq!(
            e.at.map(|(l, _)| l),
            Some(line_of(&text, "item = \"i3\"\nprompt = \"Prompt 31\"").0)
        );
        // TOML syntax: a bad escape, and a key written twice.
        let text = good.replacen("item = \"i33\"", "item = \"i\\q33\"", 1);
        let e = same(&text).unwrap_err();
        assert_eq!(e.at.map(|(l, _)| l), Some(line_of(&text, "i\\q33").0));
        let text = good.replacen("item = \"i34\"", "item = \"i34\"\nitem = \"x\"", 1);
        let e = same(&text).unwrap_err();
        assert_eq!(e.at, Some(line_of(&text, "item = \"x\"")));
        // A syntax error after a duplicate key earlier: the first pass's
        // error is what `toml` reports, wherever it is.
        let text = good
            .replacen("item = \"i5\"", "item = \"i5\"\nitem = \"y\"", 1)
            .replacen("item = \"i36\"\n", "item \"i36\"\n", 1);
        let e = same(&text).unwrap_err();
        assert_eq!(e.at.map(|(l, _)| l), Some(line_of(&text, "item \"i36\"").0));
        // Two errors of building the tree, the later one in the skeleton:
        // the first in the text is reported.
        let text = good
            .replacen("item = \"i7\"", "item = \"i\\q7\"", 1)
            .replacen("points = 3.0", "points = 3.0\npoints = 4.0", 1);
        let e = same(&text).unwrap_err();
        assert_eq!(e.at.map(|(l, _)| l), Some(line_of(&text, "i\\q7").0));
        let text = good
            .replacen("item = \"i7\"", "item = \"i\\q7\"", 1)
            .replacen("item = \"i9\"", "item = \"i\\q9\"", 1)
            .replacen("[visit]\n", "[visit]\nsite = 1\n", 1);
        let e = same(&text).unwrap_err();
        assert_eq!(e.at, Some(line_of(&text, "site = \"")));
        // Nesting deeper than `toml` allows is an error of its first pass,
        // reported before a bad escape earlier in the text (and so NESTING
        // must be `toml`'s limit).
        for depth in [79, 80, 81, 90] {
            let deep = format!("deep = {}{}", "[".repeat(depth), "]".repeat(depth));
            let text = good
                .replacen("item = \"i2\"", "item = \"i\\q2\"", 1)
                .replacen("item = \"i30\"", &format!("item = \"i30\"\n{deep}"), 1);
            same(&text).unwrap_err();
        }
        // An unclosed string in the last table.
        let text = format!("{good}[[observations]]\nnote = \"open\n");
        same(&text).unwrap_err();
    }

    #[test]
    fn tables_defined_twice_are_refused_as_whole() {
        let good = many(5);
        for extra in [
            "[visit]\nid = \"again\"\n",
            "[score]\npoints = 1.0\n",
            "observations = []\n",
            "[observations]\n",
            "[observations.x]\na = 1\n",
            "[[\"observations\"]]\nitem = \"q\"\n",
            "[[observations.sub]]\na = 1\n",
            "[[visit]]\n",
            "checklists = 1\n",
            "[[evidence]]\nfile = 1\n",
            "[timers]\n",
            "format = 2\n",
        ] {
            // At the end, after the first table, and at the very start.
            let first = good.find("[[observations]]").unwrap();
            let second = first + 1 + good[first + 1..].find("[[observations]]").unwrap();
            for text in [
                format!("{good}{extra}"),
                format!("{}{extra}{}", &good[..second], &good[second..]),
                format!("{extra}{good}"),
            ] {
                // A key at the very end is a tag of `[score.tags]`.
                let a_tag = text.ends_with(extra) && extra.contains(" = ") && !extra.contains('[');
                assert!(same(&text).is_err() || a_tag, "accepted:\n{text}");
            }
        }
    }

    /// Every line of each fixture record deleted, doubled, or with each of
    /// a set of hostile lines put before it; and each record cut short at
    /// many places: in pieces and whole agree on all of them.
    #[test]
    fn mangled_records_read_the_same_in_pieces_and_whole() {
        let inserts = [
            "[[observations]]\n",
            "[[observations]] # c\n",
            "[[\"observations\"]]\n",
            "[[ 'observations' ]]\nitem = 'x'\n",
            "[observations]\n",
            "[observations.note]\n",
            "observations = 1\n",
            "observations.x = 1\n",
            "[visit]\n",
            "[[visit]]\n",
            "[score]\n",
            "[score.sections]\n",
            "visit.id = \"x\"\n",
            "x = 1\n",
            "note = \"\"\"\n",
            "note = '''\n[[observations]]\n'''\n",
            "a = [\n",
            "]\n",
            "a = {\n",
            "\"unclosed\n",
            "item = \"i\\q\"\n",
            "when = 2026-13-45T00:00:00Z\n",
            "[[timers]]\nchecklist = \"hotel-check-in\"\nitem = \"greeted\"\nstarted = 2026-10-05T14:00:00+03:00\n",
            "[[evidence]]\nfile = \"a\"\n",
            "[[checklists]]\nid = \"hotel-check-in\"\n",
            "\u{1b}[31m\n",
            "   \t\n",
            "# [[observations]]\n",
        ];
        let mut cases = 0;
        for name in [
            "a-metropol-october.toml",
            "b-metropol-november.toml",
            "e-metropol-draft.toml",
        ] {
            let text = fixture(name);
            same(&text).unwrap();
            let lines: Vec<&str> = text.split_inclusive('\n').collect();
            for n in 0..=lines.len() {
                let (before, after) = lines.split_at(n);
                let (before, after) = (before.concat(), after.concat());
                if n < lines.len() {
                    let rest = &lines[n + 1..].concat();
                    let _ = same(&format!("{before}{rest}"));
                    let _ = same(&format!("{before}{}{after}", lines[n]));
                    cases += 2;
                }
                for insert in inserts {
                    let _ = same(&format!("{before}{insert}{after}"));
                    cases += 1;
                }
            }
            for cut in (1..text.len()).step_by(7) {
                if text.is_char_boundary(cut) {
                    let _ = same(&text[..cut]);
                    cases += 1;
                }
            }
        }
        assert!(cases > 3_000, "{cases} cases");
    }

    #[test]
    fn toml_tables_are_read_in_sorted_key_order() {
        // serde meets the root table's keys in this order, which the order
        // of CUT and the choice between two errors rely on.
        let root = DeTable::parse("visit = 1\nobservations = 2\nchecklists = 3\n").unwrap();
        let keys: Vec<&str> = root
            .get_ref()
            .keys()
            .map(|k| k.get_ref().as_ref())
            .collect();
        assert_eq!(keys, ["checklists", "observations", "visit"]);
        let mut sorted = CUT;
        sorted.sort_unstable();
        assert_eq!(sorted, CUT);
    }
}
