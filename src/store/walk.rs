//! The folder walker: what a folder holds ([`entries`]), and the files of a
//! tree of folders ([`files_under`]). The store's listings (visits, marks,
//! crashed saves, the trash), evidence's path completion and the checklist
//! folders all list through here.
//!
//! Hand-written rather than the `walkdir` crate: a checklist folder follows
//! links to folders but visits each folder once by device and inode (walkdir
//! only refuses a link back to an ancestor, so a folder linked twice would
//! be read twice), and everything else lists one folder, for which
//! `read_dir` is all there is to it.

use std::collections::HashSet;
use std::ffi::OsString;
use std::fs::{self, FileType};
use std::io;
use std::path::{Path, PathBuf};

/// One name in a folder.
#[derive(Debug)]
pub struct Entry {
    /// The folder's path joined with the name.
    pub path: PathBuf,
    /// The name.
    pub name: OsString,
    /// What the name is, without following a link (a link is a link);
    /// `None` when the system could not tell.
    pub kind: Option<FileType>,
}

impl Entry {
    /// The name, when it is UTF-8.
    pub fn name_str(&self) -> Option<&str> {
        self.name.to_str()
    }

    /// Whether the name is a folder itself (a link to one is not).
    pub fn is_dir(&self) -> bool {
        self.kind.is_some_and(|k| k.is_dir())
    }

    /// Whether the name is a symbolic link.
    pub fn is_symlink(&self) -> bool {
        self.kind.is_some_and(|k| k.is_symlink())
    }

    /// Whether the name leads to a folder, through links too.
    pub fn leads_to_dir(&self) -> bool {
        fs::metadata(&self.path).is_ok_and(|m| m.is_dir())
    }
}

/// The names in `dir`, sorted, with what each is (links not followed).
/// Fails when the folder, or any of its names, cannot be read.
pub fn entries(dir: &Path) -> io::Result<Vec<Entry>> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        found.push(Entry {
            path: entry.path(),
            name: entry.file_name(),
            kind: entry.file_type().ok(),
        });
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(found)
}

/// The files under `folder` named `*.<extension>`, recursively, sorted by
/// path.
///
/// Links to folders are followed (a checklist folder may gather others), but
/// each folder is visited once, by device and inode, and no deeper than
/// `max_depth` below `folder`, so links that loop cannot make the walk
/// endless. A link to nothing, or a loop of links, is taken for a file: it
/// is named by whoever cannot read it.
pub fn files_under(folder: &Path, extension: &str, max_depth: usize) -> io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut seen = HashSet::new();
    let root = fs::metadata(folder)?;
    seen.insert(crate::os::file_id(&root));
    let mut pending = vec![(folder.to_path_buf(), 0)];
    while let Some((dir, depth)) = pending.pop() {
        for entry in entries(&dir)? {
            let path = entry.path;
            match fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => {
                    // Seen already (a link back up), or too deep: not again.
                    if depth >= max_depth || !seen.insert(crate::os::file_id(&meta)) {
                        continue;
                    }
                    pending.push((path, depth + 1));
                }
                _ if path.extension().is_some_and(|e| e == extension) => found.push(path),
                _ => {}
            }
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use crate::os::symlink;

    fn temp(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("tp-walk-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn entries_are_sorted_and_links_are_links() {
        let dir = temp("entries");
        std::fs::write(dir.join("b.toml"), "").unwrap();
        std::fs::create_dir(dir.join("a")).unwrap();
        symlink(dir.join("a"), dir.join("c")).unwrap();
        let found = super::entries(&dir).unwrap();
        let names: Vec<&str> = found.iter().filter_map(|e| e.name_str()).collect();
        assert_eq!(names, ["a", "b.toml", "c"]);
        assert!(found[0].is_dir() && !found[0].is_symlink());
        assert!(!found[2].is_dir() && found[2].is_symlink() && found[2].leads_to_dir());
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_tree_with_looping_links_is_walked_once_and_to_a_depth() {
        let dir = temp("tree");
        std::fs::create_dir_all(dir.join("x/y")).unwrap();
        std::fs::write(dir.join("top.toml"), "").unwrap();
        std::fs::write(dir.join("x/y/deep.toml"), "").unwrap();
        std::fs::write(dir.join("x/note.txt"), "").unwrap();
        // A link back up, and a second name of x: neither read twice.
        symlink(&dir, dir.join("x/up")).unwrap();
        symlink(dir.join("x"), dir.join("again")).unwrap();
        let found = super::files_under(&dir, "toml", 16).unwrap();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.contains(&dir.join("top.toml")));
        let shallow = super::files_under(&dir, "toml", 0).unwrap();
        assert_eq!(shallow, [dir.join("top.toml")]);
        let _ = std::fs::remove_dir_all(dir);
    }
}
