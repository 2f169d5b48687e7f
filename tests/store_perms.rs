//! File modes of the data folder whatever the umask.
//!
//! The umask is process-wide, so this file is a test binary of its own with a
//! single test, which runs its cases one after the other.

use std::fs::{self, Permissions};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use touchpoint::store::Store;

fn set_umask(mask: libc::mode_t) {
    // SAFETY: umask cannot fail, and no other thread of this binary creates files.
    unsafe {
        libc::umask(mask);
    }
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

/// A fresh folder under the system temp folder, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let path =
            std::env::temp_dir().join(format!("touchpoint-perms-{tag}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

#[test]
fn folders_are_0700_and_files_0600_whatever_the_umask() {
    // 000 would leave everything open to others; 277 would leave the owner
    // unable to write. Either way the store sets the modes itself.
    for mask in [0o000, 0o277] {
        set_umask(mask);
        new_folders_and_files_are_private(mask);
        existing_open_folders_are_tightened(mask);
    }
    set_umask(0o022);
}

fn new_folders_and_files_are_private(mask: libc::mode_t) {
    let dir = TempDir::new(&format!("new-{mask:o}"));
    let root = dir.0.join("share/touchpoint");
    let store = Store::open(&root).unwrap();
    assert_eq!(mode(&root), 0o700, "umask {mask:o}");
    assert_eq!(mode(store.visits_dir()), 0o700, "umask {mask:o}");

    store.save("v", b"notes").unwrap();
    assert_eq!(mode(&store.path("v").unwrap()), 0o600, "umask {mask:o}");
    store.save("v", b"more notes").unwrap();
    assert_eq!(mode(&store.path("v").unwrap()), 0o600, "umask {mask:o}");

    let lock = store.lock("v").unwrap();
    assert_eq!(mode(lock.path()), 0o600, "umask {mask:o}");

    // The export folder is the auditor's, made with their umask; only
    // writing by group and others is taken away (issue 10).
    let out = dir.0.join("out");
    fs::create_dir(&out).unwrap();
    let copy = store
        .copy_to("v", &out, touchpoint::store::DEFAULT_EXPORT_MODE)
        .unwrap();
    assert_eq!(mode(&out), 0o777 & !mask & !0o022, "umask {mask:o}");
    assert_eq!(mode(&copy), 0o600, "umask {mask:o}");
}

fn existing_open_folders_are_tightened(mask: libc::mode_t) {
    let dir = TempDir::new(&format!("existing-{mask:o}"));
    let root = dir.0.join("data");
    fs::create_dir_all(root.join("visits")).unwrap();
    fs::set_permissions(&root, Permissions::from_mode(0o777)).unwrap();
    fs::set_permissions(root.join("visits"), Permissions::from_mode(0o750)).unwrap();
    // A lock file left readable by others is made private when taken.
    let lock_path = root.join("visits/v.lock");
    fs::write(&lock_path, b"").unwrap();
    fs::set_permissions(&lock_path, Permissions::from_mode(0o644)).unwrap();

    let store = Store::open(&root).unwrap();
    assert_eq!(mode(&root), 0o700, "umask {mask:o}");
    assert_eq!(mode(store.visits_dir()), 0o700, "umask {mask:o}");
    let _lock = store.lock("v").unwrap();
    assert_eq!(mode(&lock_path), 0o600, "umask {mask:o}");
}
