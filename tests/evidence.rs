//! Attaching evidence from the visit screen: the path typed with Tab
//! completion, the copy made private in the data folder, the mark on the
//! item, refusals that change nothing, and undo.

use crate::common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use jiff::tz::{TimeZone, offset};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use common::{Cleanup, temp_dir};
use touchpoint::checklist;
use touchpoint::evidence;
use touchpoint::tui::app::{App, Mode};
use touchpoint::tui::theme::Theme;
use touchpoint::visit::Visit;

fn app(data: &Path) -> App {
    let now = jiff::civil::date(2026, 11, 22)
        .at(14, 3, 0, 0)
        .to_zoned_datetime(TimeZone::fixed(offset(3)))
        .unwrap();
    let checklists = vec![checklist::bundled_by_id("hotel-check-in").unwrap().unwrap()];
    let visit = Visit::new("Hotel Metropol", "anna", checklists, &now, "7f3a");
    let mut app = App::new(
        visit,
        Box::new(|_| Ok(())),
        Box::new(move || now.clone()),
        Theme::new(false),
    );
    let root = data.to_path_buf();
    app.set_attacher(Box::new(move |id: &str, typed: &str| {
        evidence::attach(&root, id, typed).map_err(|e| e.to_string())
    }));
    app
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn mode_of(app: &App) -> &'static str {
    match app.mode {
        Mode::Attach { .. } => "attach",
        Mode::Normal => "normal",
        _ => "other",
    }
}

#[test]
fn a_file_typed_with_tab_is_copied_private_listed_and_unlisted_with_undo() {
    let dir = temp_dir("evidence-app");
    let _cleanup = Cleanup(dir.clone());
    let data = dir.join("data");
    let photos = dir.join("photos");
    std::fs::create_dir_all(&photos).unwrap();
    std::fs::write(photos.join("lobby-dust.jpg"), b"jpeg bytes").unwrap();
    std::fs::write(photos.join("receipt.pdf"), b"pdf bytes").unwrap();
    std::fs::set_permissions(
        photos.join("lobby-dust.jpg"),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    let mut app = app(&data);
    let at = app.selected();

    key(&mut app, KeyCode::Char('a'));
    assert_eq!(mode_of(&app), "attach");
    typed(&mut app, &format!("{}/", photos.display()));
    key(&mut app, KeyCode::Tab);
    let Mode::Attach { input, choices, .. } = &app.mode else {
        panic!("still typing the path")
    };
    assert_eq!(input, &format!("{}/", photos.display()));
    assert_eq!(choices, &["lobby-dust.jpg", "receipt.pdf"]);
    typed(&mut app, "l");
    key(&mut app, KeyCode::Tab);
    let Mode::Attach { input, .. } = &app.mode else {
        panic!("still typing the path")
    };
    assert_eq!(input, &format!("{}/lobby-dust.jpg", photos.display()));
    key(&mut app, KeyCode::Enter);
    assert_eq!(mode_of(&app), "normal");
    assert_eq!(
        app.message.as_deref(),
        Some("attached lobby-dust.jpg (10 B) to this item")
    );

    let listed = app.visit.evidence_of(at);
    assert_eq!(listed.len(), 1);
    let file = listed[0].1.clone();
    let copy = data.join(&file.file);
    assert_eq!(std::fs::read(&copy).unwrap(), b"jpeg bytes");
    assert_eq!(
        std::fs::metadata(&copy).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(
        std::fs::metadata(data.join("evidence"))
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o700
    );
    assert_eq!(file.sha256, checklist::sha256_hex(b"jpeg bytes"));

    // Unlisted with x, back with u; the copy stays on disk throughout.
    key(&mut app, KeyCode::Char('x'));
    assert!(app.visit.evidence_of(at).is_empty());
    assert!(copy.exists());
    key(&mut app, KeyCode::Char('u'));
    assert_eq!(app.visit.evidence_of(at).len(), 1);

    // A to the visit.
    key(&mut app, KeyCode::Char('A'));
    typed(&mut app, &format!("{}/receipt.pdf", photos.display()));
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.visit.visit_evidence().len(), 1);
    assert_eq!(app.visit.evidence().len(), 2);
}

#[test]
fn refused_files_change_nothing_and_keep_the_field_open() {
    let dir = temp_dir("evidence-refused");
    let _cleanup = Cleanup(dir.clone());
    let data = dir.join("data");
    let big = dir.join("video.mov");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(evidence::MAX_EVIDENCE_BYTES + 1)
        .unwrap();
    let mut app = app(&data);
    for (path, why) in [
        (big.display().to_string(), "more than the 25 MiB"),
        (dir.display().to_string(), "is a folder"),
        ("/dev/zero".to_owned(), "not a regular file"),
        (format!("{}/missing.jpg", dir.display()), "no such file"),
    ] {
        key(&mut app, KeyCode::Char('a'));
        typed(&mut app, &path);
        key(&mut app, KeyCode::Enter);
        let message = app.message.clone().unwrap_or_default();
        assert!(
            message.starts_with("not attached: ") && message.contains(why),
            "{path}: {message}"
        );
        assert_eq!(mode_of(&app), "attach", "the path can be corrected");
        key(&mut app, KeyCode::Esc);
    }
    assert!(app.visit.evidence().is_empty());
    assert!(!data.join("evidence").exists());
}

#[test]
fn without_an_attacher_a_says_so() {
    let now = jiff::civil::date(2026, 11, 22)
        .at(14, 3, 0, 0)
        .to_zoned_datetime(TimeZone::fixed(offset(3)))
        .unwrap();
    let checklists = vec![checklist::bundled_by_id("hotel-check-in").unwrap().unwrap()];
    let visit = Visit::new("S", "a", checklists, &now, "0000");
    let mut app = App::new(
        visit,
        Box::new(|_| Ok(())),
        Box::new(move || now.clone()),
        Theme::new(false),
    );
    key(&mut app, KeyCode::Char('a'));
    assert_eq!(mode_of(&app), "normal");
    assert_eq!(
        app.message.as_deref(),
        Some("attaching files is not available here")
    );
}

#[test]
fn the_html_debrief_shows_attached_photos_inline_and_names_other_files() {
    use base64::Engine;
    let dir = temp_dir("evidence-html");
    let _cleanup = Cleanup(dir.clone());
    let data = dir.join("data");
    let photos = dir.join("photos");
    std::fs::create_dir_all(&photos).unwrap();
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR lobby pixels";
    std::fs::write(photos.join("lobby.png"), png).unwrap();
    std::fs::write(photos.join("receipt.pdf"), b"%PDF-1.7 receipt").unwrap();
    std::fs::write(photos.join("fake.jpg"), b"not a jpeg at all").unwrap();
    let mut app = app(&data);
    for (k, name) in [('a', "lobby.png"), ('a', "receipt.pdf"), ('A', "fake.jpg")] {
        key(&mut app, KeyCode::Char(k));
        typed(&mut app, &photos.join(name).display().to_string());
        key(&mut app, KeyCode::Enter);
        assert_eq!(mode_of(&app), "normal", "{name} attached");
    }

    let html = touchpoint::report::debrief::to_html_in(&app.visit, &|file| {
        touchpoint::evidence::read_attached(&data, file)
    });
    let encoded = base64::engine::general_purpose::STANDARD.encode(png);
    assert!(
        html.contains(&format!("src=\"data:image/png;base64,{encoded}\"")),
        "the photo is inline"
    );
    assert_eq!(
        html.matches("<img").count(),
        1,
        "only the real photo is shown"
    );
    assert!(html.contains("receipt.pdf"), "other files are named");
    assert!(html.contains("fake.jpg"));
    assert!(html.contains("Files attached to the visit"));
    assert!(
        html.contains("not shown: the copy in the data folder is missing or changed"),
        "a photo that is not one says why it is not shown"
    );

    // A copy changed since it was attached is not shown as evidence.
    let lobby = app
        .visit
        .evidence()
        .iter()
        .find(|e| e.name() == "lobby.png")
        .unwrap()
        .clone();
    let copy = data.join(&lobby.file);
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::fs::write(&copy, b"\x89PNG\r\n\x1a\n something else").unwrap();
    let html = touchpoint::report::debrief::to_html_in(&app.visit, &|file| {
        touchpoint::evidence::read_attached(&data, file)
    });
    assert_eq!(html.matches("<img").count(), 0);
    assert_eq!(
        html.matches("not shown: the copy in the data folder is missing or changed")
            .count(),
        2
    );
}

// Issue 17 #14. A photo whose CJK or emoji name is over 255 bytes is
// attached: the copy's name is shortened to fit, its extension kept.
#[test]
fn a_photo_with_a_long_cjk_or_emoji_name_is_attached_under_a_shorter_name() {
    let dir = temp_dir("evidence-long-name");
    let _cleanup = Cleanup(dir.clone());
    let data = dir.join("data");
    let photos = dir.join("photos");
    std::fs::create_dir_all(&photos).unwrap();
    // 84 × 3 bytes and 63 × 4 bytes: each just under the 255 a name may have.
    let names = [
        format!(
            "{}.jpg",
            "東京ホテルのロビー写真".repeat(8)[..252 - 3].to_owned()
        ),
        format!("{}.jpeg", "📷🏨".repeat(31)),
    ];
    let mut app = app(&data);
    for (n, name) in names.iter().enumerate() {
        assert!(name.len() > 240 && name.len() <= 255, "{}", name.len());
        let path = photos.join(name);
        std::fs::write(&path, format!("photo {n}")).unwrap();
        key(&mut app, KeyCode::Char('a'));
        typed(&mut app, &path.display().to_string());
        key(&mut app, KeyCode::Enter);
        assert_eq!(
            app.visit.evidence().len(),
            n + 1,
            "{name}: {:?}",
            app.message
        );
    }
    let copies: Vec<String> = std::fs::read_dir(data.join("evidence"))
        .unwrap()
        .flat_map(|visit| std::fs::read_dir(visit.unwrap().path()).unwrap())
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(copies.len(), 2, "{copies:?}");
    assert!(
        copies
            .iter()
            .any(|c| c.ends_with(".jpg") && c.contains("東京"))
    );
    assert!(
        copies
            .iter()
            .any(|c| c.ends_with(".jpeg") && c.contains("📷"))
    );
    assert!(copies.iter().all(|c| c.len() <= 200), "{copies:?}");
}

// Issue 17 #14. A file the system cannot read is refused in the catalog's
// words, never the system's raw English ("Input/output error").
#[test]
fn an_unreadable_system_file_is_refused_in_the_catalogs_words() {
    let dir = temp_dir("evidence-proc");
    let _cleanup = Cleanup(dir.clone());
    let data = dir.join("data");
    let mut app = app(&data);
    // Reading /proc/self/mem at its start fails with EIO.
    key(&mut app, KeyCode::Char('a'));
    typed(&mut app, "/proc/self/mem");
    key(&mut app, KeyCode::Enter);
    let message = app.message.clone().unwrap_or_default();
    assert!(
        message.contains("cannot read /proc/self/mem: input/output error"),
        "{message}"
    );
    assert!(app.visit.evidence().is_empty());
}
