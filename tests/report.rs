//! `touchpoint report` and `touchpoint export --format html` as a reviewer
//! runs them: the built binary over the fixture records of
//! `tests/fixtures/records/` (whose figures are worked out by hand in each
//! file and in `src/report/tests.rs`), every format read back and checked.

use crate::common;

use std::path::{Path, PathBuf};

use html5gum::{Token, Tokenizer};
use serde_json::{Value, json};

use common::{Cleanup, run, temp_dir};
use touchpoint::checklist;
use touchpoint::record;
use touchpoint::store::Store;
use touchpoint::visit::{Answer, Visit};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/records")
}

fn fixture(name: &str) -> String {
    fixtures().join(name).display().to_string()
}

fn fixture_text(name: &str) -> String {
    std::fs::read_to_string(fixtures().join(name)).unwrap()
}

/// `touchpoint report ARGS`: (stdout, stderr, exit code).
fn report(data: &Path, args: &[&str]) -> (String, String, i32) {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    let out = run(data, &all);
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

/// The four final fixture visits, without the draft and the corrupt file.
fn finals() -> Vec<String> {
    [
        "a-metropol-october.toml",
        "b-metropol-november.toml",
        "older/c-moskva.toml",
        "older/d-tokyo.toml",
    ]
    .map(fixture)
    .to_vec()
}

#[test]
fn json_gives_the_hand_computed_figures_and_names_the_corrupt_file() {
    let data = temp_dir("report-json");
    let folder = fixtures().display().to_string();
    let (out, err, code) = report(&data, &[&folder, "--format", "json"]);
    assert_eq!(code, 1, "a skipped file makes the exit status 1\n{err}");
    assert!(err.contains("older/broken.toml:4:13: TOML syntax"), "{err}");
    assert!(
        err.contains(
            "a-metropol-october.toml: its [score] says 60.0% but its observations give 50.0%"
        ),
        "{err}"
    );
    assert!(err.contains("1 draft left out"), "{err}");
    let json: Value = serde_json::from_str(&out).unwrap();
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected = vec![
        "visits",
        "visits_counted",
        "score",
        "critical_failures",
        "critical",
        "standards",
        "personal_touch",
        "exceeded",
        "incomplete",
        "min_coverage",
        "min_answers",
        "by_site",
        "by_site_touchpoint",
        "by_site_month",
        "by_touchpoint",
        "by_tag",
        "by_month",
        "items",
        "notes",
    ];
    expected.sort();
    assert_eq!(keys, expected);
    assert_eq!(json["visits_counted"], 4);
    assert_eq!(json["score"], 65.5);
    assert_eq!(json["standards"], 83.3);
    assert_eq!(json["personal_touch"], 63.9);
    assert_eq!(json["critical_failures"], 1);
    assert_eq!(
        json["by_site"],
        json!([
            {"site": "Hotel Metropol", "visits": 2, "score": 60.7, "standards": 75.0,
             "personal_touch": 62.5, "critical_failures": 1, "exceeded": 1},
            {"site": "Гостиница Москва", "visits": 1, "score": 75.0, "standards": 100.0,
             "personal_touch": 66.7, "critical_failures": 0, "exceeded": 0},
            {"site": "東京ホテル", "visits": 1, "score": null, "standards": null,
             "personal_touch": null, "critical_failures": 0, "exceeded": 0},
        ])
    );
    assert_eq!(
        json["by_touchpoint"],
        json!([
            {"touchpoint": "check-in", "visits": 3, "score": 66.7},
            {"touchpoint": "in-stay", "visits": 1, "score": 66.7},
            // Tokyo's departure has no maximum: no visit counts in it.
            {"touchpoint": "departure", "visits": 0, "score": null},
        ])
    );
    assert_eq!(
        json["by_tag"],
        json!([
            {"tag": "atmosphere", "visits": 1, "score": 0.0},
            {"tag": "personal-touch", "visits": 3, "score": 63.9},
        ])
    );
    assert_eq!(
        json["by_month"],
        json!([
            {"month": "2026-10", "visits": 1, "score": 50.0},
            {"month": "2026-11", "visits": 2, "score": 73.2},
        ])
    );
    // At least 3 scored answers (--min-answers): `clean` (1 of 1 missed)
    // is not listed; the three check-in items with 3 answers are.
    assert_eq!(
        json["items"][0],
        json!({"checklist": "hotel-check-in", "item": "greeted",
               "prompt": "Greeted within 30 seconds", "answered": 3, "missed": 1,
               "miss_rate": 33.3, "sites": ["Hotel Metropol"]})
    );
    assert_eq!(json["items"][1]["prompt"], "Agent used the guest's name");
    assert_eq!(json["items"].as_array().unwrap().len(), 3);
    // The failure by name, with the auditor's words.
    assert_eq!(
        json["critical"],
        json!([{"visit": "20261110T090000-hotel-metropol-b002", "site": "Hotel Metropol",
                "started": "2026-11-10T09:00:00+03:00", "checklist": "hotel-check-in",
                "item": "greeted", "prompt": "Greeted within 30 seconds",
                "note": "Nobody at the desk for 6 minutes"}])
    );
    assert_eq!(json["visits"][3]["coverage"], 87.5);
    assert_eq!(json["visits"][3]["answered"], 7);
    assert_eq!(json["visits"][3]["shown"], 8);
    assert_eq!(json["notes"][0]["note"], "Nobody at the desk for 6 minutes");
    assert_eq!(json["notes"][0]["site"], "Hotel Metropol");
    assert_eq!(json["notes"][0]["date"], "2026-11-10");
}

#[test]
fn only_good_records_exit_zero_and_drafts_come_when_asked() {
    let data = temp_dir("report-drafts");
    let mut args: Vec<String> = finals();
    args.extend(["--format".into(), "json".into()]);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let (out, err, code) = report(&data, &refs);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        serde_json::from_str::<Value>(&out).unwrap()["visits_counted"],
        4
    );

    let folder = fixtures().display().to_string();
    let (out, _, _) = report(&data, &[&folder, "--format", "json", "--include-drafts"]);
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["visits_counted"], 5);
    assert_eq!(json["critical_failures"], 2);
    // "hotel metropol" is the same site as "Hotel Metropol".
    assert_eq!(json["by_site"][0]["visits"], 3);

    let (out, _, _) = report(
        &data,
        &[&folder, "--format", "json", "--site", "гостиница москва"],
    );
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["visits_counted"], 1);
    assert_eq!(json["score"], 75.0);

    let (out, _, _) = report(
        &data,
        &[
            &folder,
            "--format",
            "json",
            "--since",
            "2026-11",
            "--until",
            "2026-11-20",
        ],
    );
    let json: Value = serde_json::from_str(&out).unwrap();
    // B (Nov 10) and C (Nov 20); D started on Nov 21.
    assert_eq!(json["visits_counted"], 2);
    assert_eq!(json["score"], 73.2);

    let (_, err, code) = report(&data, &[&folder, "--since", "last week"]);
    assert_eq!(code, 2, "a bad date is a usage error: {err}");
    assert!(err.contains("write a day as 2026-11-22"), "{err}");
}

#[test]
fn a_report_over_no_visits_says_so() {
    let data = temp_dir("report-empty");
    let empty = data.join("nothing-here");
    std::fs::create_dir_all(&empty).unwrap();
    let (out, err, code) = report(&data, &[empty.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("No visits to report."), "{out}");
    let (out, _, code) = report(&data, &[empty.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0);
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["visits_counted"], 0);
    assert_eq!(json["score"], Value::Null);
    let (out, _, code) = report(&data, &[empty.to_str().unwrap(), "--format", "csv"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 1, "only the header: {out}");
    // No paths: the data folder's visits, none yet.
    let (out, err, code) = report(&data, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("No visits to report."), "{out}");
}

#[test]
fn without_paths_the_data_folders_final_visits_are_reported() {
    let data = temp_dir("report-data");
    let store = Store::open(&data).unwrap();
    for name in finals() {
        let text = std::fs::read_to_string(&name).unwrap();
        let id = record::parse(&name, &text).unwrap().header.id;
        store.save(&id, text.as_bytes()).unwrap();
    }
    let draft = std::fs::read(fixture("e-metropol-draft.toml")).unwrap();
    store
        .save("20261115T080000-hotel-metropol-e005", &draft)
        .unwrap();
    let (out, err, code) = report(&data, &["--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (json["visits_counted"].clone(), json["score"].clone()),
        (json!(4), json!(65.5))
    );
}

#[test]
fn the_same_visit_twice_counts_once() {
    let data = temp_dir("report-twice");
    let a = fixture("a-metropol-october.toml");
    let copy = data.join("copy-of-a.toml");
    std::fs::copy(&a, &copy).unwrap();
    let (out, err, code) = report(&data, &[&a, copy.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("is also in"), "{err}");
    assert_eq!(
        serde_json::from_str::<Value>(&out).unwrap()["visits_counted"],
        1
    );
}

#[test]
fn csv_has_one_row_per_observation_and_no_formulas() {
    let data = temp_dir("report-csv");
    let mut args: Vec<String> = finals();
    args.extend(["--format".into(), "csv".into()]);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let (out, err, code) = report(&data, &refs);
    assert_eq!(code, 0, "{err}");
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        headers,
        [
            "visit_id",
            "site",
            "auditor",
            "started",
            "touchpoint",
            "checklist",
            "version",
            "section",
            "item",
            "prompt",
            "answer",
            "na",
            "tags",
            "points",
            "max",
            "critical",
            "skipped",
            "note",
            "status",
            "review_status",
            "corrected",
            "exceeded",
            "label",
            "timed",
            "first_at",
            "at",
            "date",
            "month",
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 8 + 8 + 4 + 2);
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let row = |visit: &str, item: &str| {
        rows.iter()
            .find(|r| r[col("visit_id")].ends_with(visit) && &r[col("item")] == item)
            .unwrap()
    };
    // Text a spreadsheet would run is neutralised, with a leading quote.
    assert_eq!(&row("a001", "comment")[col("answer")], "'=SUM(A1:A9)");
    assert!(row("a001", "name")[col("note")].starts_with("'-5 points"));
    // Numbers stay numbers; points and max always with a decimal point.
    let name = row("a001", "name");
    assert_eq!((&name[col("points")], &name[col("max")]), ("0.0", "3.0"));
    assert_eq!(
        (
            &name[col("status")],
            &name[col("date")],
            &name[col("month")]
        ),
        ("final", "2026-10-05", "2026-10")
    );
    assert_eq!(&row("b002", "name")[col("exceeded")], "true");
    assert_eq!(&row("b002", "name")[col("label")], "Exceeded expectations");
    assert_eq!(&row("a001", "wait")[col("answer")], "4");
    assert_eq!(&name[col("tags")], "personal-touch");
    assert_eq!(&name[col("version")], "2026.1");
    assert_eq!(&name[col("started")], "2026-10-05T14:00:00+03:00");
    let speed = row("a001", "speed");
    assert_eq!((&speed[col("na")], &speed[col("answer")]), ("true", ""));
    assert_eq!(&row("b002", "speed")[col("skipped")], "true");
    assert_eq!(&row("b002", "greeted")[col("critical")], "true");
    assert_eq!(&row("c003", "smile")[col("site")], "Гостиница Москва");
    assert_eq!(&row("d004", "bill")[col("touchpoint")], "departure");
}

#[test]
fn markdown_and_table_show_every_site_and_score() {
    let data = temp_dir("report-text");
    let mut args: Vec<String> = finals();
    // The fixture's items have one to three answers each: all listed.
    args.extend(["--min-answers".into(), "1".into()]);
    args.extend(["--format".into(), "md".into()]);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let (md, _, _) = report(&data, &refs);
    let (table, _, _) = report(&data, &refs[..6]);
    for (name, text) in [("md", &md), ("table", &table)] {
        for wanted in [
            "Hotel Metropol",
            "Гостиница Москва",
            "東京ホテル",
            "65.5%",
            "83.3%",
            "63.9%",
            "60.7%",
            "62.5%",
            "73.2%",
            "service–service",
            "failing",
            "Dust on the desk",
        ] {
            assert!(text.contains(wanted), "{name} lacks {wanted}:\n{text}");
        }
        assert!(!text.contains('\x1b'), "{name}: no colour into a pipe");
    }
    assert!(md.starts_with("# Service review\n"));
    assert!(
        md.contains("| Hotel Metropol | 2 | 60.7% | 75.0% | 62.5% | 1 | 1 | failing |"),
        "{md}"
    );
    // Markup in a note cannot format the document.
    assert!(md.contains("\\<script\\>"), "{md}");
}

/// What an HTML page holds, as a browser's tokenizer reads it.
struct Page {
    /// Start tags with their attributes.
    tags: Vec<(String, Vec<(String, String)>)>,
    /// The text between tags, entities decoded.
    text: String,
}

fn tokens(html: &str) -> Page {
    let mut page = Page {
        tags: Vec::new(),
        text: String::new(),
    };
    for token in Tokenizer::new(html).flatten() {
        match token {
            Token::StartTag(tag) => {
                let attrs = tag
                    .attributes
                    .iter()
                    .map(|(k, v)| {
                        (
                            String::from_utf8_lossy(k).into_owned(),
                            String::from_utf8_lossy(&v.value).into_owned(),
                        )
                    })
                    .collect();
                page.tags
                    .push((String::from_utf8_lossy(&tag.name).into_owned(), attrs));
            }
            Token::String(s) => page.text.push_str(&String::from_utf8_lossy(&s.value)),
            _ => {}
        }
    }
    page
}

/// No script, no request: no `<script>`, `<img>`, `<link>` or frames, no
/// event handlers, no URL to anywhere, the network shut off by CSP.
fn assert_self_contained(html: &str) {
    let page = tokens(html);
    for (name, attrs) in &page.tags {
        assert!(
            ![
                "script", "img", "link", "iframe", "object", "embed", "base", "a", "image", "use"
            ]
            .contains(&name.as_str()),
            "<{name}> in the page"
        );
        for (key, value) in attrs {
            assert!(!key.starts_with("on"), "<{name} {key}> in the page");
            assert!(
                !key.contains("href") && key != "src",
                "<{name} {key}={value}>"
            );
            assert!(!value.contains("://"), "<{name} {key}={value}>");
        }
    }
    assert!(
        html.contains("default-src 'none'"),
        "a CSP that forbids requests"
    );
    assert!(!html.contains("url("), "no URL in the stylesheet");
    assert!(!html.contains("@import") && !html.contains("@font-face"));
}

#[test]
fn the_html_review_is_self_contained_and_hostile_text_stays_text() {
    let data = temp_dir("report-html");
    let mut args: Vec<String> = finals();
    args.extend(["--min-answers".into(), "1".into()]);
    args.extend(["--format".into(), "html".into()]);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let (html, err, code) = report(&data, &refs);
    assert_eq!(code, 0, "{err}");
    assert_self_contained(&html);
    let page = tokens(&html);
    assert!(
        page.text
            .contains("<script>alert(1)</script> \"><img src=x onerror=alert(2)>"),
        "the hostile note is there, as text"
    );
    for wanted in [
        "Hotel Metropol",
        "Гостиница Москва",
        "東京ホテル",
        "65.5%",
        "83.3%",
        "63.9%",
        "60.7%",
        "service–friendship",
        "service–service",
        "warm but sloppy",
        "failing",
        "Room clean on arrival",
        "Dust on the desk",
        "Oct 2026",
    ] {
        assert!(page.text.contains(wanted), "the review lacks {wanted}");
    }
    // The service map's text equivalent places each site.
    assert!(
        page.text
            .contains("Service map: 1 Hotel Metropol: standards 75.0%, personal touch 62.5%"),
        "{}",
        page.text
    );
    // Cards, the map, a bar per group and the month trend are drawn as SVG.
    let svgs = page.tags.iter().filter(|(n, _)| n == "svg").count();
    assert!(svgs >= 10, "{svgs} charts");
}

#[test]
fn report_output_to_a_file_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let data = temp_dir("report-output");
    // Outside the data folder: nothing may be written into that (issue 17).
    let elsewhere = temp_dir("report-output-file");
    let _cleanup = Cleanup(elsewhere.clone());
    let file = elsewhere.join("review.html");
    let mut args: Vec<String> = finals();
    args.extend([
        "--format".into(),
        "html".into(),
        "-o".into(),
        file.display().to_string(),
    ]);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let (out, err, code) = report(&data, &refs);
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("Hotel Metropol")
    );
}

/// A finished visit over the bundled check-in and departure checklists,
/// saved in `data`, with a hostile site, auditor and notes.
fn hostile_visit(data: &Path) -> String {
    let now = jiff::civil::date(2026, 11, 22)
        .at(14, 0, 0, 0)
        .to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(3)))
        .unwrap();
    let later = |minutes: i64| {
        now.checked_add(jiff::SignedDuration::from_mins(minutes))
            .unwrap()
    };
    let checklists: Vec<_> = ["hotel-check-in", "hotel-departure"]
        .iter()
        .map(|id| checklist::bundled_by_id(id).unwrap().unwrap())
        .collect();
    let mut v = Visit::new(
        "Hotel \"><img src=x onerror=alert(1)>",
        "<script>alert('auditor')</script>",
        checklists,
        &now,
        "7f3a",
    );
    let at = |v: &Visit, item: &str| v.find("hotel-check-in", item).unwrap();
    let door = at(&v, "door-welcome");
    v.set_answer(door, Some(Answer::Choice("missed".into())), &later(5))
        .unwrap();
    v.set_note(
        door,
        "=HYPERLINK(\"http://evil.example\") <b>bold</b>",
        false,
        &later(6),
    )
    .unwrap();
    let critical = at(&v, "identity-payment-discreet");
    v.set_answer(critical, Some(Answer::Choice("no".into())), &later(2))
        .unwrap();
    let name = at(&v, "guest-name-used");
    v.set_answer(name, Some(Answer::Choice("met".into())), &later(9))
        .unwrap();
    v.set_answer(at(&v, "luggage-help"), Some(Answer::Na), &later(3))
        .unwrap();
    v.set_visit_note(
        "Overall <em>fine</em>; </style><script>x()</script>",
        &later(10),
    )
    .unwrap();
    v.finalize(&later(200)).unwrap();
    let store = Store::open(data).unwrap();
    store
        .save(&v.header.id, record::to_toml(&v).as_bytes())
        .unwrap();
    v.header.id.clone()
}

#[test]
fn the_html_debrief_shows_the_visit_and_keeps_hostile_text_as_text() {
    let data = temp_dir("export-html");
    let id = hostile_visit(&data);
    let out = run(&data, &["export", &id, "--format", "html"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let html = String::from_utf8(out.stdout).unwrap();
    assert_self_contained(&html);
    let page = tokens(&html);
    for wanted in [
        "Hotel \"><img src=x onerror=alert(1)>",
        "<script>alert('auditor')</script>",
        "=HYPERLINK(\"http://evil.example\") <b>bold</b>",
        "Overall <em>fine</em>; </style><script>x()</script>",
        "Visit failed: 1 critical failure",
        "3 h 20 min",
        "Final",
        "Timeline",
    ] {
        assert!(page.text.contains(wanted), "the debrief lacks {wanted:?}");
    }
    // The timeline runs in the order things were observed.
    let timeline = &page.text[page.text.find("Timeline").unwrap()..];
    let order: Vec<usize> = ["discreetly", "luggage", "Welcome at", "guest’s name"]
        .iter()
        .map(|w| {
            timeline
                .find(w)
                .unwrap_or_else(|| panic!("{w} in {timeline}"))
        })
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(page.tags.iter().all(|(n, _)| n != "em" && n != "b"));
}

#[test]
fn the_csv_export_neutralises_formulas_too() {
    let data = temp_dir("export-csv");
    let id = hostile_visit(&data);
    let out = run(&data, &["export", &id, "--format", "csv"]);
    assert!(out.status.success());
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let door = rows
        .iter()
        .find(|r| &r[col("item")] == "door-welcome")
        .unwrap();
    assert!(door[col("note")].starts_with("'=HYPERLINK("), "{door:?}");
    assert_eq!(&door[col("points")], "0");
    let luggage = rows
        .iter()
        .find(|r| &r[col("item")] == "luggage-help")
        .unwrap();
    assert_eq!((&luggage[col("na")], &luggage[col("answer")]), ("true", ""));
}

#[test]
fn many_files_in_several_batches_keep_their_order_and_each_visit_once() {
    let data = temp_dir("report-many");
    let folder = data.join("records");
    std::fs::create_dir_all(&folder).unwrap();
    let a = std::fs::read_to_string(fixture("a-metropol-october.toml")).unwrap();
    // More files than one parallel batch holds (32), and the first visit
    // again under a name sorted last: it is counted once, from the first.
    for n in 0..600 {
        let text = a.replace("hotel-metropol-a001", &format!("hotel-metropol-{n:04}"));
        std::fs::write(folder.join(format!("{n:04}.toml")), text).unwrap();
    }
    let first = a.replace("hotel-metropol-a001", "hotel-metropol-0000");
    std::fs::write(folder.join("zzzz.toml"), first).unwrap();
    let path = folder.display().to_string();
    let (out, err, code) = report(&data, &[&path, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("zzzz.toml: visit 20261005T140000-hotel-metropol-0000 is also in"),
        "{err}"
    );
    assert_eq!(err.matches("is also in").count(), 1, "{err}");
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (json["visits_counted"].clone(), json["score"].clone()),
        (json!(600), json!(50.0))
    );
    let (out, _, _) = report(&data, &[&path, "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let ids: Vec<String> = reader.records().map(|r| r.unwrap()[0].to_owned()).collect();
    assert_eq!(ids.len(), 600 * 8);
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "rows come in the order of the files");
}

/// Whether `python3 -c "import duckdb"` works; a test that needs it says
/// `skipped` without it, and fails under `CI=true` (where .ci/run installs it).
fn duckdb_available(test: &str) -> bool {
    let ok = std::process::Command::new("python3")
        .args(["-c", "import duckdb"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{test}: python3 with duckdb is needed under CI (pip install duckdb)"
        );
        eprintln!("{test}: skipped: python3 -c 'import duckdb' fails (pip install duckdb)");
    }
    ok
}

#[test]
fn the_observation_csv_reads_back_in_duckdb_with_its_types() {
    if !duckdb_available("the_observation_csv_reads_back_in_duckdb_with_its_types") {
        return;
    }
    let data = temp_dir("report-duckdb");
    // A visit started 21:30 −05:00 on 30 Nov: November in its own offset
    // (1 Dec 02:30 in UTC), as the report counts it.
    let late = fixture_text("b-metropol-november.toml")
        .replace(
            "20261110T090000-hotel-metropol-b002",
            "20261130T213000-hotel-metropol-late",
        )
        .replace(
            "started = 2026-11-10T09:00:00+03:00",
            "started = 2026-11-30T21:30:00-05:00",
        );
    let late_path = data.join("late.toml");
    std::fs::write(&late_path, late).unwrap();
    let mut args: Vec<String> = finals();
    args.push(late_path.display().to_string());
    // Outside the data folder: a report into it is refused (issue 17).
    let elsewhere = temp_dir("report-duckdb-out");
    let _elsewhere = Cleanup(elsewhere.clone());
    let csv_path = elsewhere.join("obs.csv");
    args.extend([
        "--format".into(),
        "csv".into(),
        "-o".into(),
        csv_path.display().to_string(),
    ]);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let (_, err, code) = report(&data, &refs);
    assert_eq!(code, 0, "{err}");
    let script = r#"
import duckdb, json, sys
con = duckdb.connect()
rel = con.read_csv(sys.argv[1])
types = {c: str(t) for c, t in zip(rel.columns, rel.types)}
late = con.execute(
    "select date, month, status, points, max from read_csv(?) "
    "where visit_id = '20261130T213000-hotel-metropol-late' and item = 'greeted'",
    [sys.argv[1]]).fetchone()
total = con.execute("select sum(points), sum(max), count(*) from read_csv(?)", [sys.argv[1]]).fetchone()
print(json.dumps({"types": types, "late": [str(x) for x in late], "total": [str(x) for x in total]}))
"#;
    let out = std::process::Command::new("python3")
        .args(["-c", script, csv_path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: Value = serde_json::from_slice(&out.stdout).unwrap();
    let types = &got["types"];
    assert_eq!(types["points"], "DOUBLE", "{types}");
    assert_eq!(types["max"], "DOUBLE", "{types}");
    assert_eq!(types["date"], "DATE", "{types}");
    assert_eq!(types["status"], "VARCHAR", "{types}");
    assert_eq!(types["first_at"], "TIMESTAMP WITH TIME ZONE", "{types}");
    // The late visit's day and month as the report counts them, not December.
    assert_eq!(
        got["late"],
        json!(["2026-11-30", "2026-11", "final", "0.0", "1.0"])
    );
    // Points and max summed as numbers over the observations as recorded:
    // A 3 of 6, B 5 of 7, C 3 of 4, D none, the late copy of B 5 of 7; rows
    // 8 + 8 + 4 + 2 + 8.
    let sums: Vec<&str> = got["total"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(sums, ["16.0", "24.0", "30"]);
}

#[test]
fn a_site_that_matches_nothing_exits_1_and_names_the_nearest() {
    let data = temp_dir("report-site-unknown");
    let mut args: Vec<String> = finals();
    args.extend(["--site".into(), "Hotel Metropole".into()]);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let (out, err, code) = report(&data, &refs);
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty(), "no report of nothing: {out}");
    assert!(
        err.contains(
            "no visit of Hotel Metropole in the records read; nearest sites: Hotel Metropol,"
        ),
        "{err}"
    );
    // With -o the file keeps what it had: bad input changes nothing.
    let kept = data.join("kept.md");
    std::fs::write(&kept, "before").unwrap();
    let mut args: Vec<String> = finals();
    args.extend([
        "--site".into(),
        "Nowhere".into(),
        "-o".into(),
        kept.display().to_string(),
    ]);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let (_, err, code) = report(&data, &refs);
    assert_eq!(code, 1, "{err}");
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), "before");
    // The same site typed in another case, spacing and Unicode form matches,
    // and the review's title names it.
    let decomposed = "  HOTEL METROPOL ".to_owned();
    let mut args: Vec<String> = finals();
    args.extend(["--site".into(), decomposed, "--format".into(), "md".into()]);
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let (out, err, code) = report(&data, &refs);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("# Service review — Hotel Metropol\n"),
        "{out}"
    );
}

#[test]
fn compare_says_what_was_fixed_regressed_still_missed_and_new_in_every_format() {
    let data = temp_dir("compare");
    let (a, b) = (
        fixture("a-metropol-october.toml"),
        fixture("b-metropol-november.toml"),
    );
    let json_out = run(&data, &["compare", &a, &b, "--format", "json"]);
    assert!(
        json_out.status.success(),
        "{}",
        String::from_utf8_lossy(&json_out.stderr)
    );
    let json: Value = serde_json::from_slice(&json_out.stdout).unwrap();
    // A: greeted yes, name missed (0 of 3); B: greeted no, name exceeded,
    // and the room checklist A did not have.
    assert_eq!(
        json["regressed"],
        json!([{"checklist": "hotel-check-in", "item": "greeted",
                "prompt": "Greeted within 30 seconds", "a": "Yes", "b": "No"}])
    );
    assert_eq!(json["fixed"][0]["item"], "name");
    assert_eq!(json["fixed"][0]["b"], "Exceeded expectations");
    assert_eq!(json["still_missed"], json!([]));
    let new: Vec<&str> = json["new"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["item"].as_str().unwrap())
        .collect();
    assert_eq!(new, ["clean", "minibar", "towels"]);
    assert_eq!(json["a"]["id"], "20261005T140000-hotel-metropol-a001");
    let md = run(&data, &["compare", &a, &b, "--format", "md"]);
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.contains("## Regressed (1)"), "{md}");
    assert!(
        md.contains("| Greeted within 30 seconds (hotel-check-in/greeted) | Yes | No |"),
        "{md}"
    );
    let html = run(&data, &["compare", &a, &b, "--format", "html"]);
    let html = String::from_utf8(html.stdout).unwrap();
    assert_self_contained(&html);
    let page = tokens(&html);
    assert!(page.text.contains("Fixed (1)"), "{}", page.text);
    let table = run(&data, &["compare", &a, &b]);
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(table.contains("A: Yes  →  B: No"), "{table}");
}

#[test]
fn the_debrief_opens_with_what_to_fix_then_praise_then_scores_then_the_timeline() {
    let data = temp_dir("debrief-order");
    let id = hostile_visit(&data);
    let out = run(&data, &["export", &id, "--format", "html"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = String::from_utf8(out.stdout).unwrap();
    let page = tokens(&html);
    let text = &page.text;
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("the debrief lacks {needle:?}:\n{text}"))
    };
    let critical = at("Identity, payment and room number were handled securely and discreetly");
    let to_fix = at("What to fix");
    let door_note = at("=HYPERLINK(\"http://evil.example\") <b>bold</b>");
    let scores = at("Scores");
    let timeline = at("Timeline");
    assert!(critical < to_fix, "the critical failure first");
    assert!(
        to_fix < door_note && door_note < scores,
        "the miss and its note before the scores"
    );
    assert!(scores < timeline, "the scores before the timeline");
    // The visit note before the scores too, not after the timeline.
    assert!(at("Overall <em>fine</em>") < scores);
}

#[test]
fn the_debrief_shows_a_number_against_its_standard() {
    let now = jiff::civil::date(2026, 11, 22)
        .at(14, 0, 0, 0)
        .to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(3)))
        .unwrap();
    let checklists = vec![
        checklist::bundled_by_id("hotel-departure")
            .unwrap()
            .unwrap(),
    ];
    let mut v = Visit::new("Hotel", "anna", checklists, &now, "7f3b");
    let at = v.find("hotel-departure", "checkout-minutes").unwrap();
    v.set_answer(at, Some(Answer::Number(7.5)), &now).unwrap();
    let html = touchpoint::report::debrief::to_html(&v);
    assert!(tokens(&html).text.contains("7.5 minutes ✗ ≤ 3"), "{html}");
}

#[test]
fn the_debrief_says_what_changed_since_the_sites_last_visit() {
    let data = temp_dir("debrief-since");
    let store = Store::open(&data).unwrap();
    let day = |d: i8| {
        jiff::civil::date(2026, 11, d)
            .at(14, 0, 0, 0)
            .to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(3)))
            .unwrap()
    };
    let mut ids = Vec::new();
    // Earlier: door missed, identity met. Later: door met, identity missed.
    for (d, door, identity, suffix) in [(1, "missed", "yes", "aaa1"), (15, "met", "no", "bbb2")] {
        let checklists = vec![checklist::bundled_by_id("hotel-check-in").unwrap().unwrap()];
        let mut v = Visit::new("Hotel Metropol", "anna", checklists, &day(d), suffix);
        let at = |v: &Visit, item: &str| v.find("hotel-check-in", item).unwrap();
        let door_at = at(&v, "door-welcome");
        v.set_answer(door_at, Some(Answer::Choice(door.into())), &day(d))
            .unwrap();
        let id_at = at(&v, "identity-payment-discreet");
        v.set_answer(id_at, Some(Answer::Choice(identity.into())), &day(d))
            .unwrap();
        v.finalize(&day(d)).unwrap();
        store
            .save(&v.header.id, record::to_toml(&v).as_bytes())
            .unwrap();
        ids.push(v.header.id.clone());
    }
    let out = run(&data, &["export", &ids[1], "--format", "html"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = tokens(&String::from_utf8(out.stdout).unwrap()).text;
    let since = text.find("Since the last visit (1 Nov 2026)").expect(&text);
    let after = &text[since..];
    let regressed = after.find("Regressed (1)").unwrap();
    let fixed = after.find("Fixed (1)").unwrap();
    let identity = after
        .find("Identity, payment and room number were handled securely and discreetly")
        .unwrap();
    let door = after
        .find("Welcome at the entrance by door or bell staff")
        .unwrap();
    assert!(regressed < identity && identity < fixed, "{after}");
    assert!(fixed < door, "{after}");
    // The earlier visit's debrief has nothing to compare with.
    let out = run(&data, &["export", &ids[0], "--format", "html"]);
    let text = tokens(&String::from_utf8(out.stdout).unwrap()).text;
    assert!(!text.contains("Since the last visit"));
}

// Issue 17 #10. A foreign record's ESC, OSC, C1 and bidi characters never
// leave `report --format csv` or `--format json` raw, to a pipe or a file:
// JSON escapes them as \u001b (reading it back gives the same text), CSV
// shows them as \u{1b} text.
#[test]
fn report_csv_and_json_make_a_foreign_records_escapes_inert() {
    let dir = temp_dir("report-escapes");
    let _cleanup = Cleanup(dir.clone());
    let hostile = "Evil\x1b]0;pwned\x07\x1b[2J\u{9b}31m\u{202e}gpj.exe\u{200b}";
    let text = std::fs::read_to_string(fixtures().join("a-metropol-october.toml"))
        .unwrap()
        .replace(
            "site = \"Hotel Metropol\"",
            "site = \"Evil\\u001b]0;pwned\\u0007\\u001b[2J\u{9b}31m\u{202e}gpj.exe\u{200b}\"",
        )
        .replace(
            "note = \"-5 points",
            "note = \"\\u001b[31m\u{9b}2J\u{202e}-5 points",
        );
    assert!(text.contains("Evil"));
    let records = dir.join("records");
    std::fs::create_dir(&records).unwrap();
    std::fs::write(records.join("evil.toml"), text).unwrap();
    let folder = records.to_str().unwrap();
    for format in ["csv", "json"] {
        let (shown, err, code) = report(&dir, &["--format", format, folder]);
        assert_eq!(code, 0, "{format}: {err}");
        let raw = shown.chars().find(|&c| {
            c != '\n'
                && c != '\r'
                && c != '\t'
                && (c.is_control() || touchpoint::text::is_invisible(c))
        });
        assert_eq!(
            raw, None,
            "{format} report lets a character through: {shown:?}"
        );
        assert!(shown.contains("Evil"), "{format}: {shown}");
    }
    let (json, _, _) = report(&dir, &["--format", "json", folder]);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["by_site"][0]["site"], hostile);
    let (csv, _, _) = report(&dir, &["--format", "csv", folder]);
    assert!(csv.contains("Evil\\u{1b}]0;pwned\\u{7}"), "{csv}");
}

// Issue 17 #9. `report FOLDER` never follows a symbolic link found in the
// folder (to a file or a folder, wherever it points): another user's
// planted link cannot pull an auditor's private notes into the review. Each
// link is named on stderr and the run exits 1 after the report of the others.
#[test]
fn report_of_a_folder_skips_and_names_planted_links() {
    let dir = temp_dir("report-links");
    let _cleanup = Cleanup(dir.clone());
    let private = dir.join("private");
    std::fs::create_dir(&private).unwrap();
    let secret = std::fs::read_to_string(fixtures().join("b-metropol-november.toml"))
        .unwrap()
        .replace("site = \"Hotel Metropol\"", "site = \"PRIVATE SITE\"");
    assert!(secret.contains("PRIVATE SITE"));
    std::fs::write(private.join("secret.toml"), secret).unwrap();
    let team = dir.join("team");
    std::fs::create_dir(&team).unwrap();
    std::fs::copy(
        fixtures().join("a-metropol-october.toml"),
        team.join("a.toml"),
    )
    .unwrap();
    std::os::unix::fs::symlink(private.join("secret.toml"), team.join("planted.toml")).unwrap();
    std::os::unix::fs::symlink(&private, team.join("planted-folder")).unwrap();

    for format in ["csv", "json", "table"] {
        let (shown, err, code) = report(&dir, &["--format", format, team.to_str().unwrap()]);
        assert_eq!(code, 1, "{format}: {err}");
        assert!(!shown.contains("PRIVATE SITE"), "{format}: {shown}");
        assert!(shown.contains("Metropol"), "{format}: {shown}");
        for link in ["planted.toml", "planted-folder"] {
            assert!(
                err.contains(&format!(
                    "{link}: a symbolic link inside the folder, not followed"
                )),
                "{format}: {err}"
            );
        }
    }
    // A file named on the command line is the user's own choice: followed.
    let named = team.join("planted.toml");
    let (shown, err, code) = report(&dir, &["--format", "csv", named.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(shown.contains("PRIVATE SITE"), "{shown}");
}

// Issue 17 #13. A record over 1 MiB is read table by table: a problem in a
// late table is still named at its line and column of the whole file, and
// the good records beside it are reported as before.
#[test]
fn a_problem_deep_in_a_large_record_is_placed_in_the_whole_file() {
    let dir = temp_dir("report-large-bad");
    let _cleanup = Cleanup(dir.clone());
    let records = dir.join("records");
    std::fs::create_dir(&records).unwrap();
    let good = common::huge_record(1, 2_000_000);
    std::fs::write(records.join("good.toml"), &good).unwrap();
    let bad =
        common::huge_record(2, 2_000_000).replacen("item = \"i5000\"", "item = \"I 5000\"", 1);
    let at = bad.find("item = \"I 5000\"").unwrap();
    let line = bad[..at].matches('\n').count() + 1;
    std::fs::write(records.join("bad.toml"), &bad).unwrap();
    let broken =
        common::huge_record(3, 2_000_000).replacen("item = \"i5500\"", "item \"i5500\"", 1);
    let broken_line = broken[..broken.find("item \"i5500\"").unwrap()]
        .matches('\n')
        .count()
        + 1;
    std::fs::write(records.join("broken.toml"), &broken).unwrap();
    let out = common::run(
        &dir,
        &["report", "--format", "csv", records.to_str().unwrap()],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("bad.toml:{line}:8")),
        "{line}: {stderr}"
    );
    assert!(
        stderr.contains(&format!("broken.toml:{broken_line}:")),
        "{broken_line}: {stderr}"
    );
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    // The good record is in the report, every observation of it.
    let csv = String::from_utf8_lossy(&out.stdout);
    assert!(csv.contains("hotel-metropol-h001"), "{stderr}");
}
