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
    /// What is wrong and how to fix it; never holds control characters.
    pub message: String,
}

impl Diagnostic {
    /// A problem with the file as a whole (missing, unreadable, not UTF-8, …).
    pub fn file(path: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.to_owned(),
            at: None,
            message: inert(&message.into()),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = inert(&self.path);
        match self.at {
            Some((line, col)) => write!(f, "{path}:{line}:{col}: {}", self.message),
            None => write!(f, "{path}: {}", self.message),
        }
    }
}

/// Collects the problems of one source text, turning byte spans into
/// line and column.
pub struct Report<'a> {
    path: &'a str,
    source: &'a str,
    problems: Vec<(usize, Diagnostic)>,
}

impl<'a> Report<'a> {
    /// An empty report for `source`, read from `path`.
    pub fn new(path: &'a str, source: &'a str) -> Self {
        Report {
            path,
            source,
            problems: Vec::new(),
        }
    }

    /// Records a problem at the start of `span`.
    pub fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        let start = span.start.min(self.source.len());
        let diagnostic = Diagnostic {
            path: self.path.to_owned(),
            at: Some(line_col(self.source, start)),
            message: inert(&message.into()),
        };
        self.problems.push((start, diagnostic));
    }

    /// Whether any problem has been recorded.
    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    /// The problems in the order they stand in the file.
    pub fn finish(mut self) -> Vec<Diagnostic> {
        self.problems.sort_by_key(|(start, _)| *start);
        self.problems.dedup_by(|a, b| a.1 == b.1);
        self.problems.into_iter().map(|(_, d)| d).collect()
    }
}

/// 1-based line and character column of byte offset `at` in `source`.
pub fn line_col(source: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(source.len());
    while !source.is_char_boundary(at) {
        at -= 1;
    }
    let before = &source[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// `text` with every control character other than newline and tab written as
/// `\u{1b}`-style escapes, so that nothing from a file can drive the terminal.
pub fn inert(text: &str) -> String {
    if !text.chars().any(is_forbidden) {
        return text.to_owned();
    }
    text.chars()
        .map(|c| {
            if is_forbidden(c) {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Whether `c` may not appear in checklist text: control characters other than
/// newline and tab.
pub fn is_forbidden(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
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

fn levenshtein(a: &str, b: &str) -> usize {
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
        assert_eq!(inert("a\x1b[31mb\tc\n"), "a\\u{1b}[31mb\tc\n");
    }

    #[test]
    fn near_misses_are_suggested_and_far_ones_not() {
        let keys = ["prompt", "guidance", "response"];
        assert_eq!(did_you_mean("promt", &keys), Some("prompt"));
        assert_eq!(did_you_mean("responce", &keys), Some("response"));
        assert_eq!(did_you_mean("colour", &keys), None);
    }
}
