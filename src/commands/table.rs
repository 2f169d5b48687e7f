//! A plain-text table for the command line's lists: columns lined up by
//! their width in terminal cells.

/// How a column of [`table`] places its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Align {
    /// Padded on the right.
    Left,
    /// Padded on the left.
    Right,
    /// The last column: not padded, so that lines end without spaces.
    Last,
}

/// A plain-text table, one space between columns: each column as wide as
/// its widest cell in terminal cells, and at least its `(width, _)`.
pub(super) fn table<const N: usize>(
    heading: &[String; N],
    rows: &[[String; N]],
    columns: &[(usize, Align); N],
) -> String {
    use unicode_width::UnicodeWidthStr;
    let mut widths = [0; N];
    for (n, (least, _)) in columns.iter().enumerate() {
        widths[n] = std::iter::once(heading)
            .chain(rows)
            .map(|row| row[n].width())
            .fold(*least, usize::max);
    }
    let mut text = String::new();
    for row in std::iter::once(heading).chain(rows) {
        for (n, cell) in row.iter().enumerate() {
            if n > 0 {
                text.push(' ');
            }
            let room = " ".repeat(widths[n].saturating_sub(cell.width()));
            match columns[n].1 {
                Align::Left => {
                    text.push_str(cell);
                    text.push_str(&room);
                }
                Align::Right => {
                    text.push_str(&room);
                    text.push_str(cell);
                }
                Align::Last => text.push_str(cell),
            }
        }
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_lines_up_by_display_width() {
        let heading = ["ВИЗИТ".to_owned(), "ОЦЕНКА".to_owned()];
        let rows = [["東京".to_owned(), "60.0%".to_owned()]];
        let text = table(&heading, &rows, &[(0, Align::Left), (7, Align::Right)]);
        assert_eq!(text, "ВИЗИТ  ОЦЕНКА\n東京    60.0%\n");
    }
}
