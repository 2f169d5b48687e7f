//! `touchpoint check` through the binary: a folder with flagged and honest
//! records, the JSON shape, the exit codes, photos' EXIF times and files
//! attached to two visits, bad paths, and Russian.

use crate::common;

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
        text.starts_with(&format!("integrity-item  {id}\n")),
        "{text}"
    );
    assert!(
        text.contains("    Hotel Metropol · hotel-check-in/agent-introduced: answered"),
        "{text}"
    );
    assert!(text.contains("truthful auditor answers \"N/A\""), "{text}");
    assert!(text.ends_with("\n1 flag in 1 of 3 visits.\n"), "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
    assert_eq!(stderr(&out), "");

    let out = run(&data, &["--lang", "ru", "check", folder.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("а честный аудитор"), "{text}");
    assert!(text.ends_with("\n1 отметка в 1 из 3 визитов.\n"), "{text}");

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
    assert!(
        stderr(&out).ends_with("1 file skipped; the others were checked\n"),
        "{}",
        stderr(&out)
    );
    // Checking records elsewhere makes no data folder.
    assert!(!data.join("visits").exists());
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

/// Issue 21's measure, first half: contradictions of every kind seeded into
/// otherwise honest generated visits (one per visit), and how many `check`
/// raises. docs/checks.md records the numbers this prints.
#[test]
fn measure_seeded_contradictions_are_raised() {
    use touchpoint::check::sample::{honest, hotel_stay};
    use touchpoint::check::{Code, Input, Photo, flags};
    use touchpoint::record::{AnswerValue, EvidenceEntry, Stamp};

    const PER_KIND: usize = 7;
    let auditors = ["anna", "boris", "chen", "dana", "emil", "fay"];
    let kinds = [
        Code::TimedContradiction,
        Code::NoteContradiction,
        Code::MissWithoutNote,
        Code::TooFast,
        Code::OutsideVisit,
        Code::EvidenceTime,
        Code::EvidenceReused,
        Code::IntegrityItem,
    ];
    let notes = [
        "Greeted after 1 min 28 s.",
        "I waited 90 seconds at the desk.",
        "Nobody looked up for 2 minutes.",
        "ждал 1 мин 28 с у стойки",
        "полторы минуты ожидания",
        "a minute and a half before a hello",
        // m:ss is not read (a time of day looks the same): expected missed.
        "waited 1:28 before a hello",
    ];
    let total = kinds.len() * PER_KIND + 40;
    let mut records: Vec<_> = (0..total as u64)
        .map(|n| {
            honest(
                n,
                auditors[n as usize % auditors.len()],
                "Hotel Metropol",
                20,
            )
        })
        .collect();
    let mut photos: Vec<Vec<Photo>> = vec![Vec::new(); total];
    // (visit index, code) of each contradiction seeded.
    let mut seeded: Vec<(usize, Code)> = Vec::new();
    let later = |t: &jiff::ZonedDateTime, s: i64| {
        Stamp(t.checked_add(jiff::SignedDuration::from_secs(s)).unwrap())
    };
    for (k, code) in kinds.iter().enumerate() {
        for j in 0..PER_KIND {
            let n = k * PER_KIND + j;
            let record = &mut records[n];
            let started = record.header.started.clone();
            let scored: Vec<usize> = record
                .observations
                .iter()
                .enumerate()
                .filter(|(_, o)| o.points.is_some_and(|p| p > 0.0) && !o.skipped)
                .map(|(i, _)| i)
                .collect();
            let pick = scored[(j * 5) % scored.len()];
            match code {
                Code::TimedContradiction | Code::NoteContradiction => {
                    let o = record
                        .observations
                        .iter_mut()
                        .find(|o| o.item == "desk-greeting-wait")
                        .unwrap();
                    o.answer = Some(AnswerValue::Text("under-30s".into()));
                    o.label = Some("Under 30 seconds".into());
                    o.points = Some(2.0);
                    if *code == Code::TimedContradiction {
                        o.timed = Some(31.0 + 13.0 * j as f64);
                        o.note.clear();
                    } else {
                        o.timed = Some(12.0);
                        o.note = notes[j].into();
                    }
                }
                Code::MissWithoutNote => {
                    let o = &mut record.observations[pick];
                    o.points = Some(0.0);
                    o.note.clear();
                }
                Code::TooFast => {
                    let run = 10 + j;
                    let mut moved = 0;
                    for o in record.observations.iter_mut() {
                        if moved < run && o.first_at.is_some() && !o.na && !o.skipped {
                            o.first_at = Some(later(&started, 60 + moved as i64));
                            moved += 1;
                        }
                    }
                }
                Code::OutsideVisit => {
                    let o = &mut record.observations[pick];
                    o.first_at = Some(if j % 2 == 0 {
                        later(&started, -600 * (j as i64 + 1))
                    } else {
                        later(record.header.finished.as_ref().unwrap(), 900)
                    });
                }
                Code::EvidenceTime => {
                    // Hours before the start, or after the end.
                    let finished = record.header.finished.clone().unwrap();
                    let (from, hours) = match j % 2 {
                        0 => (&started, -[72, 5, 1, 240][j / 2]),
                        _ => (&finished, [3, 26, 2][j / 2]),
                    };
                    photos[n].push(Photo {
                        file: format!("evidence/{}/photo.jpg", record.header.id),
                        item: None,
                        taken: from
                            .checked_add(jiff::SignedDuration::from_hours(hours))
                            .unwrap()
                            .datetime(),
                        offset: None,
                    });
                }
                Code::EvidenceReused => {
                    // The same file as visit 60 + j, an honest one otherwise.
                    let entry = EvidenceEntry {
                        checklist: None,
                        item: None,
                        file: format!("evidence/{}/lobby.jpg", record.header.id),
                        sha256: format!("{:064x}", 0xabc0 + j),
                        bytes: 1000,
                        added: Stamp(started.clone()),
                    };
                    record.evidence.push(entry.clone());
                    records[total - 1 - j].evidence.push(entry);
                    seeded.push((total - 1 - j, *code));
                }
                Code::IntegrityItem => {
                    let o = &mut record.observations[pick];
                    o.integrity = Some(if j % 2 == 0 {
                        "na".into()
                    } else {
                        "zzz".into()
                    });
                    o.points = None;
                    o.max = None;
                }
                _ => unreachable!(),
            }
            seeded.push((n, *code));
        }
    }
    // An auditor whose six visits are all perfect, among auditors who miss
    // a fifth of the time.
    let first_zed = records.len();
    for n in 0..6 {
        records.push(honest(1000 + n, "zed", "Hotel Metropol", 0));
        photos.push(Vec::new());
    }
    seeded.push((first_zed, Code::AuditorOutlier));

    let checklists = hotel_stay();
    let inputs: Vec<Input<'_>> = records
        .iter()
        .zip(&photos)
        .map(|(record, photos)| Input {
            record,
            checklists: &checklists,
            photos,
        })
        .collect();
    let raised = flags(&inputs);
    let id = |n: usize| records[n].header.id.as_str();
    let found: Vec<&(usize, Code)> = seeded
        .iter()
        .filter(|(n, code)| raised.iter().any(|f| f.visit == id(*n) && f.code == *code))
        .collect();
    let missed: Vec<String> = seeded
        .iter()
        .filter(|s| !found.contains(s))
        .map(|(n, code)| format!("{} in {}", code.as_str(), id(*n)))
        .collect();
    let zed: Vec<&str> = (first_zed..records.len()).map(id).collect();
    let unexpected: Vec<String> = raised
        .iter()
        .filter(|f| {
            let expected = seeded
                .iter()
                .any(|(n, code)| f.visit == id(*n) && f.code == *code)
                || (f.code == Code::AuditorOutlier && zed.contains(&f.visit.as_str()));
            !expected
        })
        .map(|f| format!("{} {} {:?}: {}", f.code.as_str(), f.visit, f.item, f.detail))
        .collect();
    let rate = found.len() as f64 * 100.0 / seeded.len() as f64;
    println!(
        "seeded {} contradictions in {} visits: raised {} ({rate:.1} %); missed {missed:?}; \
         flags not seeded: {}",
        seeded.len(),
        records.len(),
        found.len(),
        unexpected.len()
    );
    assert!(seeded.len() >= 50);
    assert!(rate >= 95.0, "missed: {missed:#?}");
    assert!(
        missed.len() <= 1,
        "only the m:ss note may be missed: {missed:#?}"
    );
    assert!(unexpected.is_empty(), "{unexpected:#?}");
}

/// Issue 21's measure, second half: 200 honest visits, some played in the
/// pty at an auditor's pace (the wall clock stepped 3 to 8 seconds before
/// each answer through the debug build's test clock), the rest generated;
/// `touchpoint check` over the data folder raises nothing. Four are played
/// in every run; `CHECK_PLAYED=200` plays all of them (about five minutes,
/// docs/checks.md has the run).
#[test]
fn measure_two_hundred_honest_visits_raise_no_flag() {
    use touchpoint::check::sample::Rng;

    const ALL: usize = 200;
    let played_count: usize = std::env::var("CHECK_PLAYED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(4)
        .clamp(1, ALL);
    let data = temp_dir("check-honest-200");
    let _cleanup = Cleanup(data.clone());
    let shift = data.join("wall-shift");
    let mut rng = Rng::new(21);
    for k in 0..played_count {
        play(&data, &format!("player{k}"), Some((&shift, &mut rng)));
    }
    let played = common::visit_files(&data);
    assert_eq!(played.len(), played_count);
    for path in &played {
        let record = common::read_record(path);
        assert_eq!(record.score.percent, Some(100.0));
        // At the pace played: every answer 3 s or more after the one before.
        let mut times: Vec<i64> = record
            .observations
            .iter()
            .filter_map(|o| Some(o.first_at.as_ref()?.0.timestamp().as_second()))
            .collect();
        times.sort();
        assert!(times.windows(2).all(|w| w[1] - w[0] >= 3), "{times:?}");
    }
    let auditors = ["anna", "boris", "chen", "dana", "emil", "fay"];
    for n in 0..(ALL - played_count) as u64 {
        write_honest(&data.join("visits"), 500 + n, auditors[n as usize % 6]);
    }
    let out = run(&data, &["check"]);
    println!("{}", stdout(&out));
    assert_eq!(stdout(&out), format!("No flags in {ALL} visits.\n"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// Plays the whole hotel stay in an 80×24 pty, every standard met, and
/// finalizes it. With `pace`, the test clock (a file of seconds the debug
/// build adds to the wall clock) is stepped 3 to 8 seconds before each
/// answer: an auditor's pace; without, the keys come as fast as the
/// program takes them.
fn play(
    data: &Path,
    auditor: &str,
    mut pace: Option<(&Path, &mut touchpoint::check::sample::Rng)>,
) {
    let mut seconds = 0;
    let mut env = Vec::new();
    let shift_file = pace
        .as_ref()
        .map(|(file, _)| file.to_str().unwrap().to_owned());
    if let Some(file) = &shift_file {
        std::fs::write(file, "0").unwrap();
        env.push(("TOUCHPOINT_TEST_WALL_SHIFT_FILE", file.as_str()));
    }
    let mut pty = common::Pty::spawn_with(
        &["new", "--site", "Hotel Metropol", "--auditor", auditor],
        data,
        80,
        24,
        &env,
    );
    pty.wait_for("0/60 answered");
    let mut answered = 0;
    for (t, steps) in common::plan().iter().enumerate() {
        if t > 0 {
            pty.wait_for("l or Tab opens");
            pty.send("l");
        }
        for step in steps {
            if let Some((file, rng)) = pace.as_mut() {
                seconds += rng.range(3, 8);
                std::fs::write(file, seconds.to_string()).unwrap();
            }
            pty.send(&step.keys);
            answered += 1;
            pty.wait_until(&format!("{answered} answered"), |s| {
                s.contains(&format!("· {answered}/"))
            });
        }
    }
    if let Some(file) = &shift_file {
        std::fs::write(file, (seconds + 120).to_string()).unwrap();
    }
    pty.send("F");
    pty.wait_for("Nothing left to look at");
    pty.send("y");
    pty.wait_for("FINAL");
    pty.send("q");
    let status = pty
        .wait_exit(std::time::Duration::from_secs(5))
        .expect("q leaves");
    assert!(status.success());
}

#[test]
fn a_visit_played_at_machine_pace_is_too_fast() {
    let data = temp_dir("check-machine-pace");
    let _cleanup = Cleanup(data.clone());
    play(&data, "anna", None);
    let out = run(&data, &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<&str> = json["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(
        !codes.is_empty() && codes.iter().all(|c| *c == "too-fast"),
        "{json}"
    );
}

/// SPEC "Reports": every format of the review shows each visit's flags.
/// The report's JSON names the same flags `check` raises (from the records
/// alone: photos' EXIF times are `check`'s), the table counts them under ⚑,
/// and an honest visit has none.
#[test]
fn the_report_shows_each_visits_flags_as_check_raises_them() {
    let data = temp_dir("check-report-flags");
    let _cleanup = Cleanup(data.clone());
    let folder = data.join("records");
    let flagged = write_honest(&folder, 1, "anna");
    let honest = write_honest(&folder, 2, "anna");
    make_integrity_item(&flagged);
    let (flagged_id, honest_id) = (common::id_of(&flagged), common::id_of(&honest));
    let out = run(
        &data,
        &["report", "--format", "json", folder.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let visits = json["visits"].as_array().unwrap();
    let of = |id: &str| {
        visits
            .iter()
            .find(|v| v["id"] == id)
            .unwrap_or_else(|| panic!("{id} not in {json}"))["flags"]
            .as_array()
            .unwrap()
            .clone()
    };
    let flags = of(&flagged_id);
    assert_eq!(flags.len(), 1, "{json}");
    assert_eq!(flags[0]["code"], "integrity-item");
    assert_eq!(flags[0]["item"], "hotel-check-in/agent-introduced");
    assert!(flags[0]["detail"].as_str().unwrap().contains("N/A"));
    assert_eq!(of(&honest_id), Vec::<serde_json::Value>::new());

    // The same visit as `check` finds it.
    let out = run(
        &data,
        &["check", "--format", "json", folder.to_str().unwrap()],
    );
    let checked: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(checked["flags"][0]["visit"], flagged_id.as_str());
    assert_eq!(checked["flags"][0]["code"], flags[0]["code"]);

    // The table: a ⚑ column with the count, and its legend above.
    let out = run(&data, &["report", folder.to_str().unwrap()]);
    let text = stdout(&out);
    assert!(text.contains("⚑ counts the check flags"), "{text}");
    let header = text
        .lines()
        .find(|l| l.contains("Signed"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(header.contains(" ⚑ "), "{header}");
    assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
}
