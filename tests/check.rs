//! `touchpoint check` through the binary: a folder with flagged and honest
//! records, the JSON shape, the exit codes, photos' EXIF times and files
//! attached to two visits, bad paths, and Russian.

mod common;

use std::path::{Path, PathBuf};

use common::{Cleanup, run, temp_dir};
use touchpoint::check::sample::honest_visit;

/// Writes honest visit `n` as a record file in `dir`; returns its path.
fn write_honest(dir: &Path, n: u64, auditor: &str) -> PathBuf {
    let visit = honest_visit(n, auditor, "Hotel Metropol", 10);
    std::fs::create_dir_all(dir).unwrap();
    let path = dir.join(format!("{}.toml", visit.header.id));
    std::fs::write(&path, touchpoint::record::to_toml(&visit)).unwrap();
    path
}

/// Makes `agent-introduced` of the record at `path` an integrity item whose
/// truthful answer is N/A (the visit answered it otherwise).
fn make_integrity_item(path: &Path) {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.replacen(
        "item = \"agent-introduced\"\n",
        "item = \"agent-introduced\"\nintegrity = \"na\"\n",
        1,
    );
    std::fs::write(path, text).unwrap();
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

#[test]
fn a_folder_with_one_flagged_record_exits_1_and_names_only_it() {
    let data = temp_dir("check-folder");
    let _cleanup = Cleanup(data.clone());
    let folder = data.join("records");
    let flagged = write_honest(&folder, 1, "anna");
    write_honest(&folder, 2, "anna");
    write_honest(&folder, 3, "boris");
    make_integrity_item(&flagged);
    let id = common::id_of(&flagged);
    // The record reads back with its integrity value.
    let record = common::read_record_file(&flagged);
    let o = record
        .observation("hotel-check-in", "agent-introduced")
        .unwrap();
    assert_eq!(o.integrity.as_deref(), Some("na"));

    let out = run(&data, &["check", folder.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with(&format!("integrity-item  Hotel Metropol  {id}\n")),
        "{text}"
    );
    assert!(
        text.contains("hotel-check-in/agent-introduced: answered"),
        "{text}"
    );
    assert!(text.contains("truthful auditor answers \"N/A\""), "{text}");
    assert!(text.ends_with("\n1 flag in 1 of 3 visits.\n"), "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
    assert_eq!(stderr(&out), "");

    let out = run(
        &data,
        &["check", "--format", "json", folder.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let flags = json["flags"].as_array().unwrap();
    assert_eq!(flags.len(), 1, "{json}");
    let flag = flags[0].as_object().unwrap();
    let keys: Vec<&str> = flag.keys().map(String::as_str).collect();
    assert_eq!(keys, ["code", "detail", "item", "site", "visit"]);
    assert_eq!(flag["code"], "integrity-item");
    assert_eq!(flag["visit"], id.as_str());
    assert_eq!(flag["site"], "Hotel Metropol");
    assert_eq!(flag["item"], "hotel-check-in/agent-introduced");
}

#[test]
fn honest_records_exit_0_in_both_formats_and_languages() {
    let data = temp_dir("check-honest");
    let _cleanup = Cleanup(data.clone());
    // The data folder's own visits, read by default.
    for n in 10..13 {
        write_honest(&data.join("visits"), n, "anna");
    }
    let out = run(&data, &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "No flags in 3 visits.\n");
    let out = run(&data, &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json, serde_json::json!({ "flags": [] }));
    let out = run(&data, &["--lang", "ru", "check"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "Нет отметок в 3 визитах.\n");
}

#[test]
fn a_path_that_is_not_there_is_named_and_exits_1() {
    let data = temp_dir("check-missing");
    let _cleanup = Cleanup(data.clone());
    let missing = data.join("no-such-folder");
    let out = run(&data, &["check", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "");
    let err = stderr(&out);
    assert!(err.contains("no-such-folder"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    // A file that is not a record: named with its place, the others checked.
    let folder = data.join("records");
    write_honest(&folder, 20, "anna");
    std::fs::write(folder.join("broken.toml"), "format = 1\n[visit\n").unwrap();
    let out = run(&data, &["check", folder.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "No flags in 1 visit.\n");
    assert!(stderr(&out).contains("broken.toml:2:"), "{}", stderr(&out));
}

/// A JPEG holding only an EXIF `DateTimeOriginal` of `time`
/// (`YYYY:MM:DD HH:MM:SS`), as a camera writes it.
fn jpeg_taken_at(time: &str) -> Vec<u8> {
    assert_eq!(time.len(), 19);
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"II*\0");
    tiff.extend_from_slice(&8u32.to_le_bytes());
    // IFD0: one entry, the pointer to the Exif IFD at 26.
    tiff.extend_from_slice(&1u16.to_le_bytes());
    tiff.extend_from_slice(&0x8769u16.to_le_bytes());
    tiff.extend_from_slice(&4u16.to_le_bytes());
    tiff.extend_from_slice(&1u32.to_le_bytes());
    tiff.extend_from_slice(&26u32.to_le_bytes());
    tiff.extend_from_slice(&0u32.to_le_bytes());
    // Exif IFD: DateTimeOriginal, 20 ASCII bytes at 44.
    tiff.extend_from_slice(&1u16.to_le_bytes());
    tiff.extend_from_slice(&0x9003u16.to_le_bytes());
    tiff.extend_from_slice(&2u16.to_le_bytes());
    tiff.extend_from_slice(&20u32.to_le_bytes());
    tiff.extend_from_slice(&44u32.to_le_bytes());
    tiff.extend_from_slice(&0u32.to_le_bytes());
    tiff.extend_from_slice(time.as_bytes());
    tiff.push(0);
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE1];
    jpeg.extend_from_slice(&u16::try_from(2 + 6 + tiff.len()).unwrap().to_be_bytes());
    jpeg.extend_from_slice(b"Exif\0\0");
    jpeg.extend_from_slice(&tiff);
    jpeg.extend_from_slice(&[0xFF, 0xD9]);
    jpeg
}

/// Attaches `bytes` to item `agent-introduced` of the record at `path`, in
/// the data folder `data`, as `evidence/<id>/<name>`.
fn attach(data: &Path, path: &Path, name: &str, bytes: &[u8]) {
    use sha2::Digest as _;
    let id = common::id_of(path);
    let file = format!("evidence/{id}/{name}");
    std::fs::create_dir_all(data.join(format!("evidence/{id}"))).unwrap();
    std::fs::write(data.join(&file), bytes).unwrap();
    let sha: String = sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let record = common::read_record_file(path);
    let mut text = std::fs::read_to_string(path).unwrap();
    text.push_str(&format!(
        "\n[[evidence]]\nchecklist = \"hotel-check-in\"\nitem = \"agent-introduced\"\n\
         file = \"{file}\"\nsha256 = \"{sha}\"\nbytes = {}\nadded = {}\n",
        bytes.len(),
        touchpoint::record::Stamp(record.header.started).rfc3339()
    ));
    std::fs::write(path, text).unwrap();
    // Still a record.
    assert_eq!(common::read_record_file(path).evidence.len(), 1);
}

#[test]
fn photos_taken_days_before_and_files_in_two_visits_are_flagged() {
    let data = temp_dir("check-photos");
    let _cleanup = Cleanup(data.clone());
    let visits = data.join("visits");
    let (a, b, c) = (
        write_honest(&visits, 30, "anna"),
        write_honest(&visits, 31, "anna"),
        write_honest(&visits, 32, "anna"),
    );
    // Visit 30 starts on 2026-12-01 (sample visits are a day apart from
    // 2026-11-01, at +03:00); a photo from three days before it.
    let started = common::read_record_file(&a).header.started;
    let old = started
        .checked_sub(jiff::SignedDuration::from_hours(72))
        .unwrap()
        .strftime("%Y:%m:%d %H:%M:%S")
        .to_string();
    attach(&data, &a, "desk.jpg", &jpeg_taken_at(&old));
    // The same bytes again in visit 31.
    attach(&data, &b, "desk.jpg", &jpeg_taken_at(&old));
    // Visit 32's photo is of its own visit: no flag.
    let own = common::read_record_file(&c)
        .header
        .started
        .checked_add(jiff::SignedDuration::from_mins(20))
        .unwrap()
        .strftime("%Y:%m:%d %H:%M:%S")
        .to_string();
    attach(&data, &c, "room.jpg", &jpeg_taken_at(&own));

    let out = run(&data, &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut got: Vec<(String, String)> = json["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_owned(),
                f["visit"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    got.sort();
    let (a, b) = (common::id_of(&a), common::id_of(&b));
    let mut want = vec![
        ("evidence-reused".to_owned(), a.clone()),
        ("evidence-reused".to_owned(), b.clone()),
        ("evidence-time".to_owned(), a.clone()),
        ("evidence-time".to_owned(), b.clone()),
    ];
    want.sort();
    assert_eq!(got, want, "{json}");
    let out = run(&data, &["check"]);
    let text = stdout(&out);
    assert!(text.contains("was taken at"), "{text}");
    assert!(text.contains(", 3 d before the visit started"), "{text}");
}
