//! The editor's review through the binary (issue 21): `touchpoint review
//! REC --query/--correct/--approve/--return/--exclude`, the review file it
//! appends, and `list`, `report`, `export` and `compare` telling the same
//! story — while the auditor's record keeps its bytes.

use crate::common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use common::{run, temp_dir};

pub(crate) const CHECKLIST: &str = r#"format = 1

[checklist]
id = "desk"
title = "Desk"
touchpoint = "check-in"

[[section]]
id = "arrival"
title = "Arrival"

[[section.item]]
id = "greeted"
prompt = "Greeted within 30 seconds"

[[section.item]]
id = "name"
prompt = "Used the guest's name"

[[section.item]]
id = "clean"
prompt = "Lobby clean"
"#;

pub(crate) const ID: &str = "20261122T140312-hotel-metropol-7f3a";

/// The sha256 a review file names its record by.
pub(crate) fn sha256(bytes: &[u8]) -> String {
    touchpoint::checklist::sha256_hex(bytes)
}

/// One observation of the desk checklist answered yes (1 of 1) or no (0 of 1).
fn observation(item: &str, yes: bool) -> String {
    let (answer, label, points) = if yes {
        ("yes", "Yes", "1.0")
    } else {
        ("no", "No", "0.0")
    };
    format!(
        "[[observations]]\nchecklist = \"desk\"\nsection = \"arrival\"\nitem = \"{item}\"\n\
         prompt = \"p\"\nanswer = \"{answer}\"\nlabel = \"{label}\"\npoints = {points}\n\
         max = 1.0\nfirst_at = 2026-11-22T14:05:31+03:00\nat = 2026-11-22T14:05:40+03:00\n\
         note = \"Used my name twice\"\n\n"
    )
}

/// A final record of visit `id` (greeted yes, name yes, clean no: 2 of 3,
/// 66.7 %) whose checklist is `checklist` (a file with its own sha256), and
/// `status` (`final` or `draft`).
fn record_text(id: &str, checklist: &Path, status: &str) -> String {
    let sha = sha256(&fs::read(checklist).unwrap());
    let finished = if status == "final" {
        "finished = 2026-11-22T17:45:00+03:00\n"
    } else {
        ""
    };
    format!(
        "format = 1\n\n[visit]\nid = \"{id}\"\nsite = \"Hotel Metropol\"\nauditor = \"anna\"\n\
         status = \"{status}\"\nstarted = 2026-11-22T14:03:12+03:00\n\
         updated = 2026-11-22T17:45:00+03:00\n{finished}tool = \"touchpoint 0.1.0\"\n\n\
         [[checklists]]\nid = \"desk\"\ntitle = \"Desk\"\ntouchpoint = \"check-in\"\n\
         sha256 = \"{sha}\"\nsource = \"{}\"\n\n{}{}{}\
         [score]\npercent = 66.7\npoints = 2.0\nmax = 3.0\nanswered = 3\nunanswered = 0\n",
        checklist.display(),
        observation("greeted", true),
        observation("name", true),
        observation("clean", false),
    )
}

/// A data folder holding the final visit [`ID`] (made as a program would:
/// folders 0700, file 0600); returns the data folder and the record's path.
fn data_with_visit(name: &str) -> (PathBuf, PathBuf) {
    let data = temp_dir(name);
    let listed = run(&data, &["list"]);
    assert!(listed.status.success(), "{listed:?}");
    let checklist = data.with_extension("desk.toml");
    fs::write(&checklist, CHECKLIST).unwrap();
    let record = data.join("visits").join(format!("{ID}.toml"));
    fs::write(&record, record_text(ID, &checklist, "final")).unwrap();
    fs::set_permissions(&record, fs::Permissions::from_mode(0o600)).unwrap();
    (data, record)
}

fn ok(data: &Path, args: &[&str]) -> (String, String) {
    let out = run(data, args);
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    );
    assert!(out.status.success(), "{args:?}: {stdout}{stderr}");
    (stdout, stderr)
}

/// Runs a review command that must be refused: exit 1, a message on
/// stderr holding each of `said`, and the review file as it was.
fn refused(data: &Path, review: &Path, args: &[&str], said: &[&str]) {
    let before = fs::read(review).ok();
    let out = run(data, args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
    for s in said {
        assert!(stderr.contains(s), "{args:?}: {s:?} not in {stderr}");
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        fs::read(review).ok(),
        before,
        "{args:?} wrote to {}",
        review.display()
    );
}

fn report_json(data: &Path, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["report", "--format", "json"];
    args.extend_from_slice(extra);
    let (stdout, _) = ok(data, &args);
    serde_json::from_str(&stdout).unwrap()
}

fn review_path(record: &Path) -> PathBuf {
    record.with_file_name(format!("{ID}.review.toml"))
}

/// Query, return, correct with a reason, approve: the record's bytes never
/// change; list, report, export and compare follow each step, and the
/// corrected score is the one counted by hand.
#[test]
fn query_return_correct_approve_round_trip() {
    let (data, record) = data_with_visit("review-round-trip");
    let bytes = fs::read(&record).unwrap();
    let review = review_path(&record);

    // Before any review: counted, final, 2 of 3.
    let r = report_json(&data, &[]);
    assert_eq!(r["visits_counted"], 1);
    assert_eq!(r["visits"][0]["review_status"], "final");
    assert_eq!(r["visits"][0]["score"], 66.7);

    let (said, _) = ok(
        &data,
        &[
            "review",
            ID,
            "--query",
            "desk/greeted",
            "Your note says 1 min 28 s: which is right?",
        ],
    );
    assert!(said.contains("desk/greeted"), "{said}");
    ok(
        &data,
        &[
            "review",
            ID,
            "--return",
            "Please answer the question on the greeting.",
        ],
    );
    assert_eq!(
        fs::metadata(&review).unwrap().permissions().mode() & 0o777,
        0o600,
        "a review file in the data folder is private"
    );
    let (list, _) = ok(&data, &["list"]);
    assert!(list.contains("returned, 1 open question"), "{list}");
    let (json, _) = ok(&data, &["list", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["visits"][0]["review_status"], "returned");
    assert_eq!(json["visits"][0]["open_queries"], 1);

    // Returned: left out of the report unless --status asks.
    let out = run(&data, &["report", "--format", "json"]);
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["visits_counted"], 0);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("1 returned or excluded visit left out"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = report_json(&data, &["--status", "returned"]);
    assert_eq!(r["visits"][0]["review_status"], "returned");

    // The editor corrects greeted yes → no: 1 of 3 = 33.3 % by hand.
    let (said, _) = ok(
        &data,
        &[
            "review",
            ID,
            "--correct",
            "desk/greeted=no",
            "--reason",
            "the note gives 1 min 28 s",
        ],
    );
    assert!(said.contains("yes → no"), "{said}");
    let r = report_json(&data, &["--status", "all"]);
    assert_eq!(r["visits"][0]["score"], 33.3);
    assert_eq!(
        r["visits"][0]["corrected"],
        serde_json::json!(["desk/greeted"])
    );
    let (csv, stderr) = ok(&data, &["report", "--format", "csv", "--status", "all"]);
    assert!(
        !stderr.contains("disagree"),
        "a correction is no disagreement: {stderr}"
    );
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let header = rows.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    let greeted = rows.iter().find(|r| &r[col("item")] == "greeted").unwrap();
    assert_eq!(&greeted[col("answer")], "no");
    assert_eq!(&greeted[col("points")], "0.0");
    assert_eq!(&greeted[col("corrected")], "true");
    assert_eq!(&greeted[col("review_status")], "returned");
    let name = rows.iter().find(|r| &r[col("item")] == "name").unwrap();
    assert_eq!(&name[col("corrected")], "");

    // Approved: counted again, with the corrected answer.
    ok(&data, &["review", ID, "--approve", "--note", "thanks"]);
    let r = report_json(&data, &[]);
    assert_eq!(r["visits_counted"], 1);
    assert_eq!(r["score"], 33.3);
    assert_eq!(r["visits"][0]["review_status"], "approved");
    let (list, _) = ok(&data, &["list"]);
    assert!(list.contains("approved"), "{list}");
    // list tells the same score as report: the corrected answers'.
    assert!(list.contains("33.3%"), "{list}");
    let (json, _) = ok(&data, &["list", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["visits"][0]["score"], 33.3, "{json}");
    let (table, _) = ok(&data, &["report"]);
    assert!(table.contains("approved, 1 corrected"), "{table}");
    // --status chooses exactly: approved only takes it, final only does not.
    assert_eq!(
        report_json(&data, &["--status", "approved"])["visits_counted"],
        1
    );
    assert_eq!(
        report_json(&data, &["--status", "final,excluded"])["visits_counted"],
        0
    );
    let out = run(&data, &["report", "--status", "maybe"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a status that is none is a usage error"
    );

    // Every export says so: JSON and CSV mark the answer, Markdown shows old → new.
    let (json, _) = ok(&data, &["export", ID, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["review"]["status"], "approved");
    let greeted = json["observations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["item"] == "greeted")
        .unwrap();
    assert_eq!(greeted["answer"], "no");
    assert_eq!(greeted["corrected"], true);
    assert_eq!(greeted["corrected_from"], "yes");
    assert_eq!(json["score"]["percent"], 33.3);
    let (csv, _) = ok(&data, &["export", ID, "--format", "csv"]);
    let first = csv.lines().next().unwrap();
    assert!(first.ends_with("review_status,corrected"), "{first}");
    assert!(
        csv.lines()
            .any(|l| l.contains(",greeted,") && l.ends_with("approved,true")),
        "{csv}"
    );
    let (md, _) = ok(&data, &["export", ID, "--format", "md"]);
    assert!(
        md.contains("desk/greeted: yes → no — the note gives 1 min 28 s"),
        "{md}"
    );
    let (html, _) = ok(&data, &["export", ID, "--format", "html"]);
    assert!(html.contains("yes → no"), "{html}");
    // The TOML export is the auditor's record itself.
    let (toml, _) = ok(&data, &["export", ID]);
    assert_eq!(toml.as_bytes(), &bytes[..]);

    // compare takes the corrected answer too.
    let (json, _) = ok(&data, &["compare", ID, ID, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["b"]["review_status"], "approved");
    let still = json["still_missed"].as_array().unwrap();
    assert!(still.iter().any(|c| c["item"] == "greeted"), "{json}");
    // Every format of compare names the review status.
    for format in ["table", "md", "html"] {
        let (shown, _) = ok(&data, &["compare", ID, ID, "--format", format]);
        assert!(
            shown.contains("Review: A approved, B approved"),
            "{format}: {shown}"
        );
        // The corrected answer is marked as such.
        assert!(shown.contains("(yes → no)"), "{format}: {shown}");
    }

    // Five entries, in order, and the record untouched throughout.
    let text = fs::read_to_string(&review).unwrap();
    assert_eq!(text.matches("[[entry]]").count(), 4, "{text}");
    assert!(
        text.contains(&format!("record_sha256 = \"{}\"", sha256(&bytes))),
        "{text}"
    );
    assert_eq!(
        fs::read(&record).unwrap(),
        bytes,
        "the record was rewritten"
    );
}

/// Every bad input: a clear message naming the file, exit 1, nothing written.
#[test]
fn bad_input_is_refused_and_nothing_is_written() {
    let (data, record) = data_with_visit("review-bad-input");
    let review = review_path(&record);
    let shown = record.display().to_string();
    refused(
        &data,
        &review,
        &["review", ID, "--query", "desk/greetd", "why?"],
        &[&shown, "desk/greetd", "desk/greeted"],
    );
    refused(
        &data,
        &review,
        &["review", ID, "--query", "visit", "  "],
        &["empty"],
    );
    refused(
        &data,
        &review,
        &[
            "review",
            ID,
            "--correct",
            "desk/greeted=maybe",
            "--reason",
            "r",
        ],
        &[&shown, "maybe", "yes, no"],
    );
    refused(
        &data,
        &review,
        &[
            "review",
            ID,
            "--correct",
            "desk/greeted=no",
            "--reason",
            " ",
        ],
        &["reason is empty"],
    );
    refused(
        &data,
        &review,
        &[
            "review",
            ID,
            "--correct",
            "desk/greeted=yes",
            "--reason",
            "r",
        ],
        &["already"],
    );
    refused(&data, &review, &["review", ID, "--return", ""], &["empty"]);
    refused(&data, &review, &["review", ID, "--exclude", ""], &["empty"]);
    refused(
        &data,
        &review,
        &["review", "no-such-visit", "--approve"],
        &["no-such-visit"],
    );
    assert!(!review.exists(), "nothing written");

    // A draft is not reviewed.
    let draft = data.with_extension("draft.toml");
    let checklist = data.with_extension("desk.toml");
    fs::write(
        &draft,
        record_text("20261122T150000-hotel-metropol-d001", &checklist, "draft"),
    )
    .unwrap();
    let draft_review = draft.with_file_name(format!(
        "{}.review.toml",
        draft.file_stem().unwrap().to_string_lossy()
    ));
    refused(
        &data,
        &draft_review,
        &["review", draft.to_str().unwrap(), "--approve"],
        &[&draft.display().to_string(), "draft"],
    );
    assert!(!draft_review.exists());

    // A review file of another record, and one of other bytes: refused by name.
    ok(&data, &["review", ID, "--approve"]);
    let good = fs::read_to_string(&review).unwrap();
    fs::write(
        &review,
        good.replace(
            &format!("record = \"{ID}\""),
            "record = \"20261101T000000-other-0001\"",
        ),
    )
    .unwrap();
    refused(
        &data,
        &review,
        &["review", ID, "--approve"],
        &[&review.display().to_string(), "20261101T000000-other-0001"],
    );
    fs::write(
        &review,
        good.replace("record_sha256 = \"", "record_sha256 = \"00"),
    )
    .unwrap();
    refused(
        &data,
        &review,
        &["review", ID, "--approve"],
        &[&review.display().to_string(), "record_sha256"],
    );
    // A broken review file is placed by line and column.
    fs::write(
        &review,
        format!(
            "{good}\n[[entry]]\nat = 2026-11-24T10:02:00+03:00\nby = \"o\"\nkind = \"status\"\n"
        ),
    )
    .unwrap();
    refused(
        &data,
        &review,
        &["review", ID, "--approve"],
        &[&format!("{}:", review.display()), "status"],
    );
}

/// A review file whose record_sha256 does not match its record is named on
/// stderr and ignored by list and report: its correction is not applied.
#[test]
fn a_review_of_other_bytes_is_named_and_ignored() {
    let (data, record) = data_with_visit("review-mismatch");
    ok(
        &data,
        &[
            "review",
            ID,
            "--correct",
            "desk/greeted=no",
            "--reason",
            "the note says so",
        ],
    );
    ok(&data, &["review", ID, "--exclude", "not a real visit"]);
    assert_eq!(report_json(&data, &[])["visits_counted"], 0);
    let review = review_path(&record);
    let text = fs::read_to_string(&review).unwrap();
    let sha = sha256(&fs::read(&record).unwrap());
    fs::write(&review, text.replace(&sha, &"0".repeat(64))).unwrap();
    let out = run(&data, &["report", "--format", "json"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&review.display().to_string()) && stderr.contains("record_sha256"),
        "{stderr}"
    );
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["visits_counted"], 1, "the exclusion is ignored");
    assert_eq!(r["visits"][0]["score"], 66.7, "the correction is ignored");
    assert_eq!(r["visits"][0]["review_status"], "final");
    let out = run(&data, &["list"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("record_sha256"), "{stderr}");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("excluded"));
}

/// Reviewers appending at the same moment keep every entry: the review file
/// is locked from reading to flushing.
#[test]
fn concurrent_appends_are_all_kept() {
    let (data, record) = data_with_visit("review-concurrent");
    let children: Vec<std::process::Child> = (0..12)
        .map(|n| {
            common::touchpoint_command(
                &["review", ID, "--query", "visit", &format!("question {n}")],
                &data,
            )
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let text = fs::read_to_string(review_path(&record)).unwrap();
    assert_eq!(text.matches("format = 1").count(), 1, "{text}");
    for n in 0..12 {
        assert!(
            text.contains(&format!("\"question {n}\"")),
            "question {n} lost: {text}"
        );
    }
    let (json, _) = ok(&data, &["list", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["visits"][0]["open_queries"], 12);
}

/// A review file beside a record outside the data folder (an export folder)
/// gets the config's export_mode; a link planted at the review file's name
/// is refused and its target left alone; the queue lists the record until
/// it is approved.
#[test]
fn beside_an_export_the_mode_is_export_mode_and_links_are_refused() {
    let (data, record) = data_with_visit("review-export");
    let folder = data.with_extension("export");
    fs::create_dir_all(&folder).unwrap();
    let copy = folder.join(format!("{ID}.toml"));
    fs::copy(&record, &copy).unwrap();
    let config = data.join("config").join("touchpoint");
    fs::create_dir_all(&config).unwrap();
    fs::write(
        config.join("config.toml"),
        "export_mode = \"0640\"\nreviewer = \"olga\"\n",
    )
    .unwrap();

    let (queue, _) = ok(&data, &["review", folder.to_str().unwrap()]);
    assert!(queue.contains(ID) && queue.contains("anna"), "{queue}");

    let target = data.with_extension("victim");
    fs::write(&target, "precious").unwrap();
    let review = review_path(&copy);
    std::os::unix::fs::symlink(&target, &review).unwrap();
    let out = run(&data, &["review", copy.to_str().unwrap(), "--approve"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("link"),
        "{out:?}"
    );
    assert_eq!(fs::read_to_string(&target).unwrap(), "precious");
    fs::remove_file(&review).unwrap();

    ok(&data, &["review", copy.to_str().unwrap(), "--approve"]);
    assert_eq!(
        fs::metadata(&review).unwrap().permissions().mode() & 0o777,
        0o640
    );
    assert!(
        fs::read_to_string(&review)
            .unwrap()
            .contains("by = \"olga\"")
    );
    let (queue, _) = ok(&data, &["review", folder.to_str().unwrap()]);
    assert!(
        !queue.contains(ID),
        "an approved record no longer awaits review: {queue}"
    );
    // The auditor's list reads the review beside the export copy.
    let (list, _) = ok(&data, &["list"]);
    assert!(
        !list.contains("approved"),
        "no export_folder in config: {list}"
    );
    fs::write(
        config.join("config.toml"),
        format!(
            "export_mode = \"0640\"\nexport_folder = \"{}\"\n",
            folder.display()
        ),
    )
    .unwrap();
    let (list, _) = ok(&data, &["list"]);
    assert!(list.contains("approved"), "{list}");
}

/// Two reviewers of one group on a shared server: the auditor's export
/// folder is a setgid group folder; the first reviewer (root here) makes the
/// review file with export_mode 0660, a second user of the group appends to
/// it, and both entries are kept. Without the setgid bit the second user's
/// append is refused and nothing is written. Needs root (to be two users).
#[test]
fn a_second_reviewer_of_the_group_appends_in_a_setgid_folder() {
    use std::os::unix::process::CommandExt;
    // SAFETY: geteuid cannot fail.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("skipped: being a second user needs root");
        return;
    }
    const UID: u32 = 4242;
    const GID: u32 = 4343;
    let (data, record) = data_with_visit("review-two-users");
    let base = data.with_extension("shared");
    for (setgid, dir) in [(true, base.join("with")), (false, base.join("without"))] {
        let export = dir.join("export");
        fs::create_dir_all(&export).unwrap();
        fs::set_permissions(&base, fs::Permissions::from_mode(0o755)).unwrap();
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
        std::os::unix::fs::chown(&export, Some(0), Some(GID)).unwrap();
        let mode = if setgid { 0o2770 } else { 0o770 };
        fs::set_permissions(&export, fs::Permissions::from_mode(mode)).unwrap();
        let copy = export.join(format!("{ID}.toml"));
        fs::copy(&record, &copy).unwrap();
        std::os::unix::fs::chown(&copy, Some(0), Some(GID)).unwrap();
        fs::set_permissions(&copy, fs::Permissions::from_mode(0o640)).unwrap();
        // Reviewer one: config with export_mode 0660.
        let config = data.join("config").join("touchpoint");
        fs::create_dir_all(&config).unwrap();
        fs::write(
            config.join("config.toml"),
            "export_mode = \"0660\"\nreviewer = \"olga\"\n",
        )
        .unwrap();
        ok(
            &data,
            &[
                "review",
                copy.to_str().unwrap(),
                "--query",
                "visit",
                "first reviewer",
            ],
        );
        let review = review_path(&copy);
        std::os::unix::fs::chown(&review, Some(0), Some(GID)).unwrap();
        let before = fs::read(&review).unwrap();
        // Reviewer two: another user of the group, with a home of their own.
        let home = dir.join("boris");
        fs::create_dir_all(home.join("config/touchpoint")).unwrap();
        fs::write(
            home.join("config/touchpoint/config.toml"),
            "reviewer = \"boris\"\n",
        )
        .unwrap();
        for path in [
            home.clone(),
            home.join("config"),
            home.join("config/touchpoint"),
            home.join("config/touchpoint/config.toml"),
        ] {
            std::os::unix::fs::chown(&path, Some(UID), Some(GID)).unwrap();
        }
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_touchpoint"))
            .args([
                "review",
                copy.to_str().unwrap(),
                "--query",
                "visit",
                "second reviewer",
            ])
            .env_clear()
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("TOUCHPOINT_DATA_DIR", home.join("data"))
            .env("LANG", "C.UTF-8")
            .uid(UID)
            .gid(GID)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        let text = fs::read_to_string(&review).unwrap();
        if setgid {
            assert!(out.status.success(), "{stderr}");
            assert!(
                text.contains("first reviewer") && text.contains("second reviewer"),
                "{text}"
            );
            assert!(
                text.contains("by = \"boris\"") && text.contains("by = \"olga\""),
                "{text}"
            );
        } else {
            assert_eq!(out.status.code(), Some(1), "{stderr}");
            assert!(stderr.contains("belongs to user 0"), "{stderr}");
            assert_eq!(fs::read(&review).unwrap(), before, "nothing written");
        }
    }
    fs::remove_dir_all(&base).ok();
}
