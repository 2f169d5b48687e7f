//! Finding items by their prompt, as an auditor types it: case, curly
//! apostrophes, `ё` and accents do not matter.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::visit::{ItemRef, Visit};

/// `text` in the form searches compare: lowercase, `’` as `'`, accents and
/// `ё`'s diaeresis dropped (`é` → `e`, `ё` → `е`), `й` kept as it is, since
/// in Russian it is a letter of its own.
pub(crate) fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            '’' | '‘' | 'ʼ' | '`' | '´' => folded.push('\''),
            'й' => folded.push('й'),
            c => folded.extend(c.nfd().filter(|d| !is_combining_mark(*d))),
        }
    }
    folded
}

/// The shown items of the whole visit, in journey order, whose prompt holds
/// `query` (compared folded).
pub(crate) fn matches(visit: &Visit, query: &str) -> Vec<ItemRef> {
    let query = fold(query.trim());
    if query.is_empty() {
        return Vec::new();
    }
    visit
        .shown()
        .into_iter()
        .filter(|at| {
            visit
                .item(*at)
                .is_some_and(|(_, item)| fold(&item.prompt).contains(&query))
        })
        .collect()
}

/// Index of the first of `found` after `here` in journey order, wrapping to
/// the first; `None` when nothing was found.
pub(crate) fn next_after(found: &[ItemRef], here: ItemRef) -> Option<usize> {
    if found.is_empty() {
        return None;
    }
    Some(found.iter().position(|at| *at > here).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_apostrophes_yo_and_accents() {
        assert_eq!(fold("The Guest’s NAME"), "the guest's name");
        assert_eq!(fold("Café Crème"), "cafe creme");
        assert_eq!(fold("Ёлка, ЕЩЁ"), "елка, еще");
        assert_eq!(fold("Чайный"), "чайный");
        assert_eq!(fold("東京"), "東京");
    }

    #[test]
    fn the_next_match_wraps_around() {
        let at = |c, i| ItemRef {
            checklist: c,
            item: i,
        };
        let found = [at(0, 3), at(1, 2)];
        assert_eq!(next_after(&found, at(0, 0)), Some(0));
        assert_eq!(next_after(&found, at(0, 3)), Some(1));
        assert_eq!(next_after(&found, at(2, 0)), Some(0));
        assert_eq!(next_after(&[], at(0, 0)), None);
    }
}
