//! Problems found in an input file, each with the place it was found.

use std::fmt;
use std::ops::Range;

/// One problem in a file: where it is and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, as the user named it.
    pub path: String,
    /// 1-based line and column (in characters), when the problem has a place.
    pub at: Option<(usize, usize)>,
    /// What is wrong and how to fix it, on one line; never holds control
    /// characters, not even newline or tab.
    pub message: String,
}

impl Diagnostic {
    /// A problem with the file as a whole (missing, unreadable, not UTF-8, …).
    pub fn file(path: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.to_owned(),
            at: None,
            message: crate::text::escaped_line(&message.into()),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = crate::text::escaped_line(&self.path);
        // Messages are built on one line; this holds even for one that quotes
        // a file's text without escaping it (found by fuzzing the record reader).
        let message = crate::text::escaped_line(&self.message);
        match self.at {
            Some((line, col)) => write!(f, "{path}:{line}:{col}: {message}"),
            None => write!(f, "{path}: {message}"),
        }
    }
}

/// Most problems reported for one file. A file with more is not a checklist
/// with typos but something else (a log, a binary, a hostile file); listing
/// thousands of lines would bury the first, useful ones, and stopping early
/// bounds the work spent on such a file.
pub const MAX_PROBLEMS: usize = 100;

/// Collects the problems of one source text, turning byte spans into
/// line and column.
pub struct Report<'a> {
    path: &'a str,
    source: &'a str,
    problems: Vec<(usize, String)>,
    stopped: bool,
    notes: Vec<String>,
}

impl<'a> Report<'a> {
    /// An empty report for `source`, read from `path`.
    pub fn new(path: &'a str, source: &'a str) -> Self {
        Report {
            path,
            source,
            problems: Vec::new(),
            stopped: false,
            notes: Vec::new(),
        }
    }

    /// Records a problem at the start of `span`.
    pub fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        // A safety net under the walkers' own checks of `is_full`: memory
        // stays bounded even if a walk forgets to stop.
        if self.problems.len() >= 4 * MAX_PROBLEMS {
            self.stopped = true;
            return;
        }
        let start = span.start.min(self.source.len());
        self.problems
            .push((start, crate::text::escaped_line(&message.into())));
    }

    /// The 1-based line of byte offset `at`, for "first used at line N".
    pub fn line_of(&self, at: usize) -> usize {
        line_col(self.source, at).0
    }

    /// Whether any problem has been recorded.
    pub fn is_empty(&self) -> bool {
        self.problems.is_empty() && self.notes.is_empty()
    }

    /// Whether enough problems have been found that looking for more is
    /// pointless: [`finish`](Self::finish) shows at most [`MAX_PROBLEMS`].
    pub fn is_full(&self) -> bool {
        self.problems.len() >= MAX_PROBLEMS
    }

    /// Notes that the file has more problems than were recorded, because the
    /// report [is full](Self::is_full).
    pub fn stop(&mut self) {
        self.stopped = true;
    }

    /// Adds a problem with the file as a whole, shown after the others.
    pub fn note(&mut self, message: impl Into<String>) {
        self.notes.push(crate::text::escaped_line(&message.into()));
    }

    /// The problems in the order they stand in the file, at most
    /// [`MAX_PROBLEMS`] of them, then a note that the file has more.
    pub fn finish(mut self) -> Vec<Diagnostic> {
        self.problems.sort_by_key(|(start, _)| *start);
        let mut located: Vec<Diagnostic> = Vec::new();
        let mut cursor = Cursor::new(self.source);
        for (start, message) in self.problems {
            let at = Some(cursor.advance_to(start));
            if located
                .last()
                .is_some_and(|last| last.at == at && last.message == message)
            {
                continue;
            }
            located.push(Diagnostic {
                path: self.path.to_owned(),
                at,
                message,
            });
        }
        if self.stopped || located.len() > MAX_PROBLEMS {
            located.truncate(MAX_PROBLEMS);
            located.push(Diagnostic::file(
                self.path,
                crate::tr!("checklist-stopped", count = MAX_PROBLEMS),
            ));
        }
        for note in self.notes {
            located.push(Diagnostic::file(self.path, note));
        }
        located
    }
}

/// Walks a source text forwards, turning ascending byte offsets into line and
/// column in one pass, so that many problems in a large file cost no more
/// than reading it once.
struct Cursor<'s> {
    source: &'s str,
    at: usize,
    line: usize,
    col: usize,
}

impl<'s> Cursor<'s> {
    fn new(source: &'s str) -> Self {
        Cursor {
            source,
            at: 0,
            line: 1,
            col: 1,
        }
    }

    /// Line and column of byte offset `to`, which may not be before the last one asked.
    fn advance_to(&mut self, to: usize) -> (usize, usize) {
        let mut to = to.min(self.source.len()).max(self.at);
        while !self.source.is_char_boundary(to) {
            to -= 1;
        }
        for c in self.source[self.at..to].chars() {
            if c == '\n' {
                self.line += 1;
                self.col = 1;
            } else {
                self.col += 1;
            }
        }
        self.at = to;
        (self.line, self.col)
    }
}

/// 1-based line and character column of byte offset `at` in `source`.
pub fn line_col(source: &str, at: usize) -> (usize, usize) {
    Cursor::new(source).advance_to(at)
}

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'c>(word: &str, candidates: &[&'c str]) -> Option<&'c str> {
    candidates
        .iter()
        .map(|c| (levenshtein(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.chars().count() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Edits (insert, delete, substitute a character) that turn `a` into `b`.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(diagonal + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let source = "a = 1\nтитул = 2\n";
        let at = source.find('2').unwrap();
        assert_eq!(line_col(source, at), (2, 9));
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(
            crate::text::escaped("a\x1b[31mb\tc\n"),
            "a\\u{1b}[31mb\tc\n"
        );
    }

    #[test]
    fn a_message_stays_on_one_line() {
        assert_eq!(
            crate::text::escaped_line("key \"a\nb.toml:1:1: fake\tx\x1b\""),
            "key \"a\\nb.toml:1:1: fake\\tx\\u{1b}\""
        );
    }

    #[test]
    fn near_misses_are_suggested_and_far_ones_not() {
        let keys = ["prompt", "guidance", "response"];
        assert_eq!(did_you_mean("promt", &keys), Some("prompt"));
        assert_eq!(did_you_mean("responce", &keys), Some("response"));
        assert_eq!(did_you_mean("colour", &keys), None);
    }
}
