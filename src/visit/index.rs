//! The checklists of a visit indexed once, when the visit is made: every
//! item by position and by id, and each `show_if` resolved to the position
//! of the item it names. Nothing here changes while the visit is open.

use std::collections::HashMap;

use crate::checklist::{Checklist, Item, Section};

/// One checklist's items as flat vectors.
#[derive(Debug, Clone, Default)]
pub(crate) struct Index {
    /// `(section, place in the section)` of each item, in file order.
    places: Vec<(usize, usize)>,
    /// Position of each item id.
    by_id: HashMap<String, usize>,
    /// The `show_if` of each item, resolved.
    conditions: Vec<Option<Condition>>,
    /// The items whose `show_if` names each item, in file order.
    dependents: Vec<Vec<usize>>,
}

/// A `show_if` with its item found.
#[derive(Debug, Clone)]
pub(crate) struct Condition {
    /// Position of the item named; `None` when the checklist has no such
    /// earlier item (validation rules that out): then the item never shows.
    pub target: Option<usize>,
    /// Option ids that show the item.
    pub is: Vec<String>,
}

impl Index {
    /// Indexes `checklist`.
    pub fn new(checklist: &Checklist) -> Index {
        let mut index = Index::default();
        for (s, section) in checklist.section.iter().enumerate() {
            for (k, item) in section.item.iter().enumerate() {
                let n = index.places.len();
                index.places.push((s, k));
                // The first of two equal ids wins, as a search from the top would.
                index.by_id.entry(item.id.clone()).or_insert(n);
                index.dependents.push(Vec::new());
                let condition = item.show_if.as_ref().map(|show_if| Condition {
                    // Only an earlier item may decide, so a later one with
                    // the same id is never taken.
                    target: index.by_id.get(&show_if.item).copied().filter(|t| *t < n),
                    is: show_if.is.ids().to_vec(),
                });
                if let Some(target) = condition.as_ref().and_then(|c| c.target) {
                    index.dependents[target].push(n);
                }
                index.conditions.push(condition);
            }
        }
        index
    }

    /// Number of items.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// The item at position `n` of `checklist` (which this indexes), with its section.
    pub fn item<'c>(&self, checklist: &'c Checklist, n: usize) -> Option<(&'c Section, &'c Item)> {
        let (s, k) = *self.places.get(n)?;
        let section = checklist.section.get(s)?;
        Some((section, section.item.get(k)?))
    }

    /// The section of the item at position `n`.
    pub fn section_of(&self, n: usize) -> Option<usize> {
        self.places.get(n).map(|(s, _)| *s)
    }

    /// Position of the item with id `id`.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The resolved `show_if` of the item at `n`.
    pub fn condition(&self, n: usize) -> Option<&Condition> {
        self.conditions.get(n)?.as_ref()
    }

    /// The items whose `show_if` names the item at `n`.
    pub fn dependents(&self, n: usize) -> &[usize] {
        self.dependents.get(n).map_or(&[], Vec::as_slice)
    }
}
