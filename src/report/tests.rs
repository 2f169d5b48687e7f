//! The report's figures against numbers worked out by hand from the fixture
//! records in `tests/fixtures/records/` (each file says what it holds).

use super::*;
use crate::record::parse;

const A: &str = include_str!("../../tests/fixtures/records/a-metropol-october.toml");
const B: &str = include_str!("../../tests/fixtures/records/b-metropol-november.toml");
const C: &str = include_str!("../../tests/fixtures/records/older/c-moskva.toml");
const D: &str = include_str!("../../tests/fixtures/records/older/d-tokyo.toml");
const E: &str = include_str!("../../tests/fixtures/records/e-metropol-draft.toml");

fn record(name: &str, text: &str) -> RecordFile {
    parse(name, text).unwrap()
}

fn finals() -> Vec<RecordFile> {
    vec![
        record("a", A),
        record("b", B),
        record("c", C),
        record("d", D),
    ]
}

fn report_of(records: &[RecordFile]) -> Report {
    let mut builder = Builder::new(DEFAULT_LINE);
    for r in records {
        builder.add(r);
    }
    builder.finish()
}

/// Every item listed however few its answers (the fixture has few).
fn report_min1(records: &[RecordFile]) -> Report {
    let mut builder = Builder::new(DEFAULT_LINE).min_answers(1);
    for r in records {
        builder.add(r);
    }
    builder.finish()
}

/// A figure as shown: one decimal.
fn shown(p: Option<f64>) -> Option<f64> {
    p.map(crate::score::round1)
}

fn group(rows: &[GroupRow], name: &str) -> (usize, Option<f64>) {
    let row = rows.iter().find(|r| r.name == name).unwrap();
    (row.visits, row.score)
}

#[test]
fn one_visit_figures_come_from_its_observations() {
    let a = VisitFigures::of(&record("a", A));
    // greeted 1/1, name 0/3, smile 1/1, upsell 1/1; N/A, number, text and
    // unanswered items count in neither points nor maximum.
    assert_eq!(a.percent, Some(50.0));
    assert_eq!(a.standards, Some(100.0));
    assert_eq!(a.personal_touch, Some(25.0));
    assert_eq!(a.touchpoints, vec![("check-in".to_owned(), Some(50.0))]);
    assert!(!a.failed());

    let b = VisitFigures::of(&record("b", B));
    // Figures of one visit are exact; they are rounded where shown.
    assert_eq!(shown(b.percent), Some(71.4));
    assert_eq!(b.standards, Some(50.0));
    assert_eq!(b.personal_touch, Some(100.0));
    assert_eq!(
        b.touchpoints,
        vec![
            ("check-in".to_owned(), Some(75.0)),
            ("in-stay".to_owned(), Some(200.0 / 3.0))
        ]
    );
    assert_eq!(
        b.tags,
        vec![
            ("atmosphere".to_owned(), Some(0.0)),
            ("personal-touch".to_owned(), Some(100.0))
        ]
    );
    assert_eq!(
        b.critical_failures,
        vec!["hotel-check-in/greeted".to_owned()]
    );
    // The skipped `speed` keeps its answer but scores nothing.
    assert_eq!(b.exceeded, 1);
    assert_eq!(b.month, "2026-11");
}

#[test]
fn a_record_without_observation_tags_takes_its_stored_tag_scores() {
    let c = VisitFigures::of(&record("c", C));
    assert_eq!(c.percent, Some(75.0));
    assert_eq!(c.tags, vec![("personal-touch".to_owned(), Some(66.7))]);
    assert_eq!(c.personal_touch, Some(66.7));
    assert_eq!(c.standards, Some(100.0));
    // Without a recorded standards score it is unknown, not the overall score.
    let without = C.replace("standards = 100.0\n", "");
    let c = VisitFigures::of(&record("c", &without));
    assert_eq!(c.standards, None);
}

#[test]
fn a_visit_with_no_maximum_has_no_score_never_zero() {
    let d = VisitFigures::of(&record("d", D));
    assert_eq!(d.percent, None);
    assert_eq!(d.standards, None);
    assert_eq!(d.touchpoints, vec![("departure".to_owned(), None)]);
}

#[test]
fn the_stored_score_is_checked_not_trusted() {
    let a = record("a", A);
    let why = VisitFigures::of(&a).disagreement(&a).unwrap();
    assert!(
        why.contains("says 60.0% but its observations give 50.0%"),
        "{why}"
    );
    let b = record("b", B);
    assert_eq!(VisitFigures::of(&b).disagreement(&b), None);
    let wrong = B.replace(
        "critical_failures = [\"hotel-check-in/greeted\"]",
        "critical_failures = []",
    );
    let b = record("b", &wrong);
    let why = VisitFigures::of(&b).disagreement(&b).unwrap();
    assert!(why.contains("critical failures [] but"), "{why}");
}

#[test]
fn headline_figures_are_means_of_the_visits() {
    let r = report_of(&finals());
    assert_eq!(r.visits, 4);
    // (50.0 + 71.4 + 75.0) / 3; D has no maximum and is left out of the mean.
    assert_eq!(r.score, Some(65.5));
    // (100.0 + 50.0 + 100.0) / 3 and (25.0 + 100.0 + 66.7) / 3.
    assert_eq!(r.standards, Some(83.3));
    assert_eq!(r.personal_touch, Some(63.9));
    assert_eq!(r.critical_failures, 1);
    assert_eq!(r.exceeded, 1);
}

#[test]
fn by_site_groups_sites_and_places_them_on_the_map() {
    let r = report_of(&finals());
    let names: Vec<&str> = r.by_site.iter().map(|s| s.site.as_str()).collect();
    assert_eq!(names, ["Hotel Metropol", "Гостиница Москва", "東京ホテル"]);
    let metropol = &r.by_site[0];
    assert_eq!(metropol.visits, 2);
    assert_eq!(metropol.score, Some(60.7)); // (50.0 + 71.4) / 2
    assert_eq!(metropol.standards, Some(75.0)); // (100 + 50) / 2
    assert_eq!(metropol.personal_touch, Some(62.5)); // (25 + 100) / 2
    assert_eq!(metropol.critical_failures, 1);
    assert_eq!(metropol.quarter(80.0), Some(Quarter::Failing));
    assert_eq!(metropol.quarter(60.0), Some(Quarter::ServiceFriendship));
    let moskva = &r.by_site[1];
    assert_eq!(
        (moskva.score, moskva.standards, moskva.personal_touch),
        (Some(75.0), Some(100.0), Some(66.7))
    );
    assert_eq!(moskva.quarter(80.0), Some(Quarter::ServiceService));
    let tokyo = &r.by_site[2];
    assert_eq!((tokyo.visits, tokyo.score), (1, None));
    assert_eq!(tokyo.quarter(80.0), None);
}

#[test]
fn groups_count_their_visits_and_average_those_with_a_maximum() {
    let r = report_of(&finals());
    let touchpoints: Vec<&str> = r.by_touchpoint.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(touchpoints, ["check-in", "in-stay", "departure"]);
    assert_eq!(group(&r.by_touchpoint, "check-in"), (3, Some(66.7)));
    assert_eq!(group(&r.by_touchpoint, "in-stay"), (1, Some(66.7)));
    // Tokyo's departure has no maximum (its one scored item N/A): no visit.
    assert_eq!(group(&r.by_touchpoint, "departure"), (0, None));
    assert_eq!(group(&r.by_tag, "personal-touch"), (3, Some(63.9)));
    assert_eq!(group(&r.by_tag, "atmosphere"), (1, Some(0.0)));
    assert_eq!(group(&r.by_month, "2026-10"), (1, Some(50.0)));
    // Three November visits, two with a maximum.
    assert_eq!(group(&r.by_month, "2026-11"), (2, Some(73.2)));
}

#[test]
fn items_are_ranked_by_miss_rate_then_misses() {
    let r = report_min1(&finals());
    let rows: Vec<(&str, usize, usize, f64)> = r
        .items
        .iter()
        .map(|i| (i.item.as_str(), i.answered, i.missed, i.miss_rate))
        .collect();
    assert_eq!(
        rows,
        [
            ("clean", 1, 1, 100.0),
            ("greeted", 3, 1, 33.3),
            ("name", 3, 1, 33.3),
            ("smile", 3, 1, 33.3),
            ("upsell", 1, 0, 0.0),
            ("minibar", 1, 0, 0.0),
            ("towels", 1, 0, 0.0),
        ]
    );
    // The latest visit's prompt, where the checklist changed it.
    let name = r.items.iter().find(|i| i.item == "name").unwrap();
    assert_eq!(name.prompt, "Agent used the guest's name");
    // A missed item with no scored answer (N/A only) is not listed.
    assert!(
        r.items
            .iter()
            .all(|i| i.item != "bill" && i.item != "speed")
    );
}

#[test]
fn notes_on_misses_follow_the_items_ranking() {
    let r = report_min1(&finals());
    let notes: Vec<(&str, &str, &str)> = r
        .notes
        .iter()
        .map(|n| (n.item.as_str(), n.site.as_str(), n.date.as_str()))
        .collect();
    assert_eq!(
        notes,
        [
            ("clean", "Hotel Metropol", "2026-11-10"),
            ("greeted", "Hotel Metropol", "2026-11-10"),
            ("name", "Hotel Metropol", "2026-10-05"),
            ("smile", "Гостиница Москва", "2026-11-20"),
        ]
    );
    assert_eq!(r.notes[0].note, "Dust on the desk");
}

#[test]
fn a_report_over_no_visits_has_no_scores() {
    let r = report_of(&[]);
    assert_eq!(r.visits, 0);
    assert_eq!((r.score, r.standards, r.personal_touch), (None, None, None));
    assert!(r.by_site.is_empty() && r.items.is_empty());
    let mut out = Vec::new();
    text::write_table(&r, &mut out, false).unwrap();
    assert!(
        String::from_utf8(out)
            .unwrap()
            .contains(&crate::tr!("report-no-visits"))
    );
}

#[test]
fn the_filter_leaves_out_drafts_other_sites_and_dates() {
    let e = record("e", E);
    let a = record("a", A);
    let c = record("c", C);
    assert_eq!(Filter::default().admits(&e), Err(LeftOut::Draft));
    let drafts = Filter {
        include_drafts: true,
        ..Filter::default()
    };
    assert_eq!(drafts.admits(&e), Ok(()));
    let site = Filter {
        sites: vec!["HOTEL METROPOL".into()],
        ..Filter::default()
    };
    assert_eq!(site.admits(&a), Ok(()));
    assert_eq!(site.admits(&c), Err(LeftOut::NotSelected));
    let november: DateArg = "2026-11".parse().unwrap();
    let dates = Filter {
        since: Some(november.first),
        until: Some("2026-11-20".parse::<DateArg>().unwrap().last),
        ..Filter::default()
    };
    assert_eq!(dates.admits(&a), Err(LeftOut::NotSelected));
    assert_eq!(dates.admits(&c), Ok(()));
    let d = record("d", D);
    assert_eq!(dates.admits(&d), Err(LeftOut::NotSelected));
    assert_eq!(november.last.to_string(), "2026-11-30");
    assert!("2026-13".parse::<DateArg>().is_err());
    assert!("yesterday".parse::<DateArg>().is_err());
}

#[test]
fn with_the_draft_the_site_has_two_failures_one_site_whatever_the_case() {
    let mut records = finals();
    records.push(record("e", E));
    let r = report_of(&records);
    assert_eq!(r.visits, 5);
    assert_eq!(r.critical_failures, 2);
    let metropol = &r.by_site[0];
    assert_eq!(metropol.site, "Hotel Metropol");
    assert_eq!((metropol.visits, metropol.critical_failures), (3, 2));
    // (50.0 + 71.4 + 0.0) / 3
    assert_eq!(metropol.score, Some(40.5));
}

#[test]
fn the_table_lines_up_by_display_width_within_80_cells() {
    use unicode_width::UnicodeWidthStr;
    let r = report_of(&finals());
    let mut out = Vec::new();
    text::write_table(&r, &mut out, false).unwrap();
    let table = String::from_utf8(out).unwrap();
    assert!(!table.contains('\x1b'), "no colour when not asked");
    for line in table.lines() {
        assert!(line.width() <= 80, "{} cells: {line}", line.width());
    }
    let by_site = &table[table.find("\nBy site\n").unwrap()..];
    let site_rows: Vec<&str> = by_site
        .lines()
        .filter(|l| {
            ["Hotel Metropol  ", "Гостиница", "東京"]
                .iter()
                .any(|s| l.contains(s))
        })
        .filter(|l| l.contains('%') || l.contains('—'))
        .take(3)
        .collect();
    assert_eq!(site_rows.len(), 3, "{table}");
    // The visits column ends at the same cell on every row.
    let ends: Vec<usize> = site_rows
        .iter()
        .map(|l| {
            let cut = l.find(" 2 ").or(l.find(" 1 ")).unwrap() + 2;
            l[..cut].width()
        })
        .collect();
    assert!(ends.windows(2).all(|w| w[0] == w[1]), "{ends:?}\n{table}");
    let mut colored = Vec::new();
    text::write_table(&r, &mut colored, true).unwrap();
    // atmosphere at 0.0 % is a red bar.
    assert!(String::from_utf8(colored).unwrap().contains("\x1b[31m░"));
}

#[test]
fn the_table_as_a_reviewer_reads_it() {
    let mut out = Vec::new();
    text::write_table(&report_of(&finals()), &mut out, false).unwrap();
    insta::assert_snapshot!(String::from_utf8(out).unwrap());
}

// ---- Issue 20: synthetic records whose every figure is worked out by hand.

/// One observation of a synthetic record.
#[derive(Clone, Default)]
struct O {
    checklist: &'static str,
    item: &'static str,
    /// `yes` (1 of 1), `no` (0 of 1), `na`, `skip`, `` (unanswered),
    /// `text` (answered, unscored), or `P/M` points of max.
    answer: &'static str,
    critical: bool,
    tags: &'static [&'static str],
    note: &'static str,
}

fn o(checklist: &'static str, item: &'static str, answer: &'static str) -> O {
    O {
        checklist,
        item,
        answer,
        ..O::default()
    }
}

/// A record of `site` started at `started` (RFC 3339), final unless `draft`,
/// with checklists `(id, touchpoint, translation_of)`.
fn synth(
    id: &str,
    site: &str,
    started: &str,
    checklists: &[(&str, &str, Option<&str>)],
    obs: &[O],
) -> RecordFile {
    let mut t = format!(
        "format = 1\n[visit]\nid = {id:?}\nsite = \"{site}\"\nauditor = \"x\"\nstatus = \"final\"\n\
         started = {started}\nupdated = {started}\nfinished = {started}\n"
    );
    for (cid, tp, tr) in checklists {
        t.push_str(&format!(
            "[[checklists]]\nid = {cid:?}\ntitle = \"T\"\ntouchpoint = {tp:?}\nsha256 = \"{}\"\nsource = \"x\"\n",
            "0".repeat(64)
        ));
        if let Some(tr) = tr {
            t.push_str(&format!("translation_of = {tr:?}\n"));
        }
    }
    for ob in obs {
        t.push_str(&format!(
            "[[observations]]\nchecklist = {:?}\nsection = \"s\"\nitem = {:?}\nprompt = \"{} prompt\"\n",
            ob.checklist, ob.item, ob.item
        ));
        match ob.answer {
            "yes" => t.push_str("answer = \"yes\"\npoints = 1.0\nmax = 1.0\n"),
            "no" => t.push_str("answer = \"no\"\npoints = 0.0\nmax = 1.0\n"),
            "na" => t.push_str("na = true\n"),
            "skip" => t.push_str("skipped = true\n"),
            "" => {}
            "text" => t.push_str("answer = \"words\"\n"),
            pm => {
                let (p, m) = pm.split_once('/').unwrap();
                t.push_str(&format!("answer = \"x\"\npoints = {p}.0\nmax = {m}.0\n"));
            }
        }
        if ob.critical {
            t.push_str("critical = true\n");
        }
        if !ob.tags.is_empty() {
            t.push_str(&format!("tags = {:?}\n", ob.tags));
        }
        if !ob.note.is_empty() {
            t.push_str(&format!("note = {:?}\n", ob.note));
        }
    }
    t.push_str(
        "[score]\npoints = 0.0\nmax = 0.0\nanswered = 0\nunanswered = 0\ncritical_failures = []\n",
    );
    parse(id, &t).unwrap_or_else(|e| panic!("{e:?}\n{t}"))
}

const CHECK_IN: &[(&str, &str, Option<&str>)] = &[("ci", "check-in", None)];

#[test]
fn critical_failures_are_named_newest_first_with_the_auditors_words() {
    let fail = |note| O {
        critical: true,
        note,
        ..o("ci", "greeted", "no")
    };
    let r = report_of(&[
        synth(
            "v1",
            "North",
            "2026-10-01T10:00:00+03:00",
            CHECK_IN,
            &[fail("Nobody came")],
        ),
        synth(
            "v2",
            "South",
            "2026-11-02T10:00:00+03:00",
            CHECK_IN,
            &[fail(""), o("ci", "x", "yes")],
        ),
        // Critical but met: no failure.
        synth(
            "v3",
            "North",
            "2026-11-03T10:00:00+03:00",
            CHECK_IN,
            &[O {
                critical: true,
                ..o("ci", "greeted", "yes")
            }],
        ),
    ]);
    let names: Vec<(&str, &str, &str, &str, &str)> = r
        .critical
        .iter()
        .map(|c| {
            (
                c.visit.as_str(),
                c.site.as_str(),
                c.started.as_str(),
                c.item.as_str(),
                c.note.as_str(),
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            ("v2", "South", "2026-11-02T10:00:00+03:00", "greeted", ""),
            (
                "v1",
                "North",
                "2026-10-01T10:00:00+03:00",
                "greeted",
                "Nobody came"
            ),
        ]
    );
    assert_eq!(r.critical[0].prompt, "greeted prompt");
    assert_eq!(r.critical_failures, 2);
    // Every format names them.
    let mut md = Vec::new();
    text::write_markdown(&r, &mut md).unwrap();
    let md = String::from_utf8(md).unwrap();
    assert!(md.contains("| Nobody came | v1 |"), "{md}");
    let json = json::value(&r);
    assert_eq!(json["critical"][1]["note"], "Nobody came");
    assert_eq!(json["critical"][1]["checklist"], "ci");
    let page = html::review(&r);
    assert!(page.contains("Nobody came"));
}

/// `answered` of `shown` items answered yes, the rest unanswered.
fn covered(id: &str, site: &str, answered: usize, shown: usize, extra: &[O]) -> RecordFile {
    const ITEMS: [&str; 22] = [
        "i1", "i2", "i3", "i4", "i5", "i6", "i7", "i8", "i9", "i10", "i11", "i12", "i13", "i14",
        "i15", "i16", "i17", "i18", "i19", "i20", "i21", "i22",
    ];
    let mut obs: Vec<O> = ITEMS[..shown]
        .iter()
        .enumerate()
        .map(|(n, item)| o("ci", item, if n < answered { "yes" } else { "" }))
        .collect();
    obs.extend_from_slice(extra);
    synth(id, site, "2026-11-05T10:00:00+03:00", CHECK_IN, &obs)
}

#[test]
fn a_visit_under_half_answered_is_listed_as_incomplete_and_left_out_of_every_mean() {
    // v1: 10 of 10 answered yes, plus one "no" = 10/11 shown answered... worked
    // by hand: v1 answers 10 yes + 1 no of 11 shown: coverage 100 %, score
    // 10/11 = 90.909 %. v2 answers 4 of 22 (18.2 %): 4 yes, 100 % score, but
    // incomplete, so the chain's score stays 90.9 %, not (90.9 + 100) / 2.
    let v1 = covered("v1", "A", 10, 10, &[o("ci", "miss", "no")]);
    let v2 = covered("v2", "A", 4, 22, &[]);
    // A skipped (hidden) item is not shown: 2 of 3 shown = 66.7 %.
    let v3 = covered("v3", "B", 2, 3, &[o("ci", "hidden", "skip")]);
    let r = report_of(&[v1.clone(), v2.clone(), v3.clone()]);
    let rows: Vec<(&str, usize, usize, bool)> = r
        .visit_list
        .iter()
        .map(|v| {
            (
                v.figures.id.as_str(),
                v.figures.answered,
                v.figures.shown,
                v.incomplete,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("v1", 11, 11, false),
            ("v2", 4, 22, true),
            ("v3", 2, 3, false)
        ]
    );
    assert_eq!(r.incomplete, 1);
    assert_eq!(r.visits, 2);
    // (10/11 × 100 + 2/2 × 100) / 2 = 95.4545… → 95.5
    assert_eq!(r.score, Some(95.5));
    let a = r.by_site.iter().find(|s| s.site == "A").unwrap();
    assert_eq!((a.visits, a.score), (1, Some(90.9)));
    assert_eq!(
        json::value(&r)["visits"][1]["coverage"],
        serde_json::json!(18.2)
    );
    // With the bar at 10 % it counts: (90.909 + 100 + 100) / 3 = 96.97 → 97.0.
    let mut b = Builder::new(DEFAULT_LINE).min_coverage(10.0);
    for v in [&v1, &v2, &v3] {
        b.add(v);
    }
    let r = b.finish();
    assert_eq!((r.incomplete, r.visits, r.score), (0, 3, Some(97.0)));
}

#[test]
fn group_rows_count_only_visits_with_a_maximum_in_the_group() {
    let recovery = |answer| O {
        tags: &["recovery"],
        ..o("ci", "recover", answer)
    };
    let r = report_of(&[
        synth(
            "v1",
            "A",
            "2026-11-01T10:00:00+00:00",
            CHECK_IN,
            &[o("ci", "a", "yes"), recovery("no")],
        ),
        synth(
            "v2",
            "A",
            "2026-11-02T10:00:00+00:00",
            CHECK_IN,
            &[o("ci", "a", "yes"), recovery("na")],
        ),
        synth(
            "v3",
            "A",
            "2026-11-03T10:00:00+00:00",
            CHECK_IN,
            &[o("ci", "a", "no"), recovery("")],
        ),
    ]);
    // Three visits contain the group; one has a maximum in it.
    assert_eq!(group(&r.by_tag, "recovery"), (1, Some(0.0)));
    // (1/2 × 100 + 1/1 × 100 + 0/1 × 100) / 3 = 50.
    assert_eq!(group(&r.by_touchpoint, "check-in"), (3, Some(50.0)));
}

#[test]
fn percentages_come_from_exact_sums_rounded_half_away_from_zero() {
    // 51 of 80 is 63.75 %: 63.8, not 63.7 (51 / 80 × 100 is 63.7499… in binary).
    assert_eq!(crate::score::round1(63.75), 63.8);
    assert_eq!(crate::score::round1(-0.25), -0.3);
    let t = crate::score::Tally {
        points: 51.0,
        max: 80.0,
        exceeded: 0,
    };
    assert_eq!(t.percent(), Some(63.8));
    // 41/42 = 97.619 % and 33/35 = 94.286 % show as 97.6 and 94.3; their
    // exact mean 95.952 is 96.0 (the mean of the shown figures gave 95.9).
    let r = report_of(&[
        synth(
            "v1",
            "Andean Explorer",
            "2026-11-01T10:00:00+00:00",
            CHECK_IN,
            &[o("ci", "a", "41/42")],
        ),
        synth(
            "v2",
            "Andean Explorer",
            "2026-11-02T10:00:00+00:00",
            CHECK_IN,
            &[o("ci", "a", "33/35")],
        ),
    ]);
    assert_eq!(r.by_site[0].score, Some(96.0));
    assert_eq!(r.score, Some(96.0));
}

#[test]
fn most_missed_needs_three_answers_merges_translations_and_names_the_sites() {
    let en = &[("hotel-check-in", "check-in", None)][..];
    let ru = &[("hotel-check-in-ru", "check-in", Some("hotel-check-in"))][..];
    // An older record without translation_of: the bundled Russian list says it.
    let ru_old = &[("hotel-check-in-ru", "check-in", None)][..];
    let r = report_of(&[
        synth(
            "v1",
            "North",
            "2026-11-01T10:00:00+00:00",
            en,
            &[
                o("hotel-check-in", "name", "no"),
                o("hotel-check-in", "once", "no"),
            ],
        ),
        synth(
            "v2",
            "South",
            "2026-11-02T10:00:00+00:00",
            ru,
            &[o("hotel-check-in-ru", "name", "no")],
        ),
        synth(
            "v3",
            "South",
            "2026-11-03T10:00:00+00:00",
            ru_old,
            &[o("hotel-check-in-ru", "name", "yes")],
        ),
        synth(
            "v4",
            "North",
            "2026-11-04T10:00:00+00:00",
            en,
            &[o("hotel-check-in", "name", "no")],
        ),
    ]);
    // name: 4 answers (2 English, 2 Russian), 3 missed: one row, 75 %.
    // once: 1 of 1 missed, but one answer is under the minimum of 3.
    let rows: Vec<(&str, &str, usize, usize, f64)> = r
        .items
        .iter()
        .map(|i| {
            (
                i.checklist.as_str(),
                i.item.as_str(),
                i.answered,
                i.missed,
                i.miss_rate,
            )
        })
        .collect();
    assert_eq!(rows, [("hotel-check-in", "name", 4, 3, 75.0)]);
    assert_eq!(r.items[0].sites, ["North", "South"]);
    assert_eq!(r.items_few, 1);
    // The original's prompt, not the translation's.
    assert_eq!(r.items[0].prompt, "name prompt");
    let mut b = Builder::new(DEFAULT_LINE).min_answers(1);
    b.add(&synth(
        "v1",
        "North",
        "2026-11-01T10:00:00+00:00",
        en,
        &[o("hotel-check-in", "once", "no")],
    ));
    assert_eq!(b.finish().items.len(), 1);
}

#[test]
fn notes_are_kept_in_json_and_three_newest_per_item_quoted_elsewhere() {
    let miss = |note| O {
        note,
        ..o("ci", "name", "no")
    };
    let visits: Vec<RecordFile> = (1..=5)
        .map(|d| {
            let notes = ["n1", "n2", "n3", "n4", "n5"];
            synth(
                &format!("v{d}"),
                "A",
                &format!("2026-11-0{d}T10:00:00+00:00"),
                CHECK_IN,
                &[miss(notes[d - 1])],
            )
        })
        .collect();
    let r = report_of(&visits);
    let all: Vec<&str> = r.notes.iter().map(|n| n.note.as_str()).collect();
    assert_eq!(all, ["n5", "n4", "n3", "n2", "n1"]);
    assert_eq!(json::value(&r)["notes"].as_array().unwrap().len(), 5);
    let quoted: Vec<&str> = text::quoted_notes(&r)
        .iter()
        .map(|n| n.note.as_str())
        .collect();
    assert_eq!(quoted, ["n5", "n4", "n3"]);
    let mut md = Vec::new();
    text::write_markdown(&r, &mut md).unwrap();
    let md = String::from_utf8(md).unwrap();
    assert!(md.contains("> n3") && !md.contains("> n2"), "{md}");
    assert!(!html::review(&r).contains("n2<"));
}

#[test]
fn sites_by_touchpoint_and_month_stand_beside_the_chain() {
    let two = &[("ci", "check-in", None), ("room", "in-stay", None)][..];
    let r = report_of(&[
        // A, Oct: check-in 1/2 = 50, in-stay 1/1 = 100, visit 2/3 = 66.667
        synth(
            "v1",
            "A",
            "2026-10-10T10:00:00+00:00",
            two,
            &[
                o("ci", "a", "yes"),
                o("ci", "b", "no"),
                o("room", "c", "yes"),
            ],
        ),
        // A, Nov: check-in 2/2 = 100, in-stay 0/1 = 0, visit 2/3 = 66.667
        synth(
            "v2",
            "A",
            "2026-11-10T10:00:00+00:00",
            two,
            &[
                o("ci", "a", "yes"),
                o("ci", "b", "yes"),
                o("room", "c", "no"),
            ],
        ),
        // B, Nov (started 21:30 −05:00 on 30 Nov: November in its own offset):
        // check-in 0/2 = 0, in-stay N/A, visit 0/2 = 0
        synth(
            "v3",
            "B",
            "2026-11-30T21:30:00-05:00",
            two,
            &[o("ci", "a", "no"), o("ci", "b", "no"), o("room", "c", "na")],
        ),
    ]);
    type Cell = (String, String, usize, Option<f64>, Option<f64>);
    let cells = |rows: &[CellRow]| -> Vec<Cell> {
        rows.iter()
            .map(|c| (c.site.clone(), c.name.clone(), c.visits, c.score, c.chain))
            .collect()
    };
    let s = |a: &str, b: &str, n, x, y| (a.to_owned(), b.to_owned(), n, x, y);
    // Chain check-in (50 + 100 + 0) / 3 = 50; in-stay (100 + 0) / 2 = 50.
    assert_eq!(
        cells(&r.by_site_touchpoint),
        [
            s("A", "check-in", 2, Some(75.0), Some(50.0)),
            s("A", "in-stay", 2, Some(50.0), Some(50.0)),
            s("B", "check-in", 1, Some(0.0), Some(50.0)),
            s("B", "in-stay", 0, None, Some(50.0)),
        ]
    );
    // Chain Oct 66.7; Nov (66.667 + 0) / 2 = 33.3.
    assert_eq!(
        cells(&r.by_site_month),
        [
            s("A", "2026-10", 1, Some(66.7), Some(66.7)),
            s("A", "2026-11", 1, Some(66.7), Some(33.3)),
            s("B", "2026-11", 1, Some(0.0), Some(33.3)),
        ]
    );
    let j = json::value(&r);
    assert_eq!(
        j["by_site_month"][2],
        serde_json::json!({"site": "B", "month": "2026-11", "visits": 1, "score": 0.0, "chain": 33.3})
    );
}

#[test]
fn one_site_however_its_name_is_composed_or_spaced() {
    let r = report_of(&[
        synth(
            "v1",
            "Café Noir",
            "2026-11-01T10:00:00+00:00",
            CHECK_IN,
            &[o("ci", "a", "yes")],
        ),
        synth(
            "v2",
            " Cafe\u{301} Noir ",
            "2026-11-02T10:00:00+00:00",
            CHECK_IN,
            &[o("ci", "a", "no")],
        ),
    ]);
    assert_eq!(r.by_site.len(), 1);
    assert_eq!((r.by_site[0].visits, r.by_site[0].score), (2, Some(50.0)));
    let f = Filter {
        sites: vec!["CAFE\u{301} NOIR".into()],
        ..Filter::default()
    };
    assert_eq!(
        f.admits(&synth(
            "v3",
            "Café Noir",
            "2026-11-01T10:00:00+00:00",
            CHECK_IN,
            &[]
        )),
        Ok(())
    );
}

#[test]
fn a_filtered_review_names_its_site_period_and_drafts_in_the_title() {
    let mut b = Builder::new(DEFAULT_LINE).filter(Filter {
        include_drafts: true,
        sites: vec!["north ".into()],
        since: Some("2026-11-01".parse().unwrap()),
        until: None,
        statuses: Vec::new(),
    });
    b.add(&synth(
        "v1",
        "North",
        "2026-11-01T10:00:00+00:00",
        CHECK_IN,
        &[o("ci", "a", "yes")],
    ));
    let r = b.finish();
    assert_eq!(
        r.title(),
        "Service review — North, from 1 Nov 2026, drafts included"
    );
    assert!(
        html::review(&r)
            .contains("<h1>Service review — North, from 1 Nov 2026, drafts included</h1>")
    );
}

#[test]
fn compare_lists_fixed_regressed_still_missed_and_new_across_checklist_versions() {
    // A: the English 2026.1 list; B: its Russian translation, a later version
    // with an item A did not have and without one A had.
    let a = synth(
        "a",
        "North",
        "2026-10-01T10:00:00+00:00",
        &[("hotel-check-in", "check-in", None)],
        &[
            o("hotel-check-in", "greeted", "no"),
            o("hotel-check-in", "name", "yes"),
            o("hotel-check-in", "smile", "no"),
            o("hotel-check-in", "clean", "yes"),
            o("hotel-check-in", "dropped", "no"),
            o("hotel-check-in", "bill", "na"),
        ],
    );
    let b = synth(
        "b",
        "North ",
        "2026-11-01T10:00:00+00:00",
        &[("hotel-check-in-ru", "check-in", Some("hotel-check-in"))],
        &[
            o("hotel-check-in-ru", "greeted", "yes"),
            o("hotel-check-in-ru", "name", "no"),
            o("hotel-check-in-ru", "smile", "no"),
            o("hotel-check-in-ru", "clean", "yes"),
            o("hotel-check-in-ru", "added", "no"),
            o("hotel-check-in-ru", "bill", "no"),
        ],
    );
    let c = compare::compare(&a, &b);
    let ids = |l: &[compare::Change]| -> Vec<String> {
        l.iter()
            .map(|x| format!("{}/{}", x.checklist, x.item))
            .collect()
    };
    assert_eq!(ids(&c.fixed), ["hotel-check-in/greeted"]);
    // bill was N/A in A (not a miss) and missed in B: regressed.
    assert_eq!(
        ids(&c.regressed),
        ["hotel-check-in/name", "hotel-check-in/bill"]
    );
    assert_eq!(ids(&c.still_missed), ["hotel-check-in/smile"]);
    assert_eq!(ids(&c.new), ["hotel-check-in/added"]);
    assert_eq!(c.regressed[1].a.as_deref(), Some("N/A"));
    assert!(!c.other_site());
    let j = compare::value(&c);
    let keys: Vec<&str> = j.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        ["a", "b", "fixed", "new", "regressed", "still_missed"]
    );
    assert_eq!(
        j["fixed"][0],
        serde_json::json!({"checklist": "hotel-check-in", "item": "greeted",
                           "prompt": "greeted prompt", "a": "no", "b": "yes"})
    );
}

#[test]
fn the_service_map_shows_every_dot_apart_sized_by_visits_and_coloured_by_failed_share() {
    use html5gum::{Token, Tokenizer};
    // Five sites at the same figures (standards 1/1, personal touch 1/1):
    // all five dots must be seen. E has three visits, one failed: amber;
    // D's only visit failed: red.
    let tagged = |answer| O {
        tags: &["personal-touch"],
        ..o("ci", "warm", answer)
    };
    let mut records = Vec::new();
    for (n, site) in ["A", "B", "C", "D", "E"].iter().enumerate() {
        let visits = if *site == "E" { 3 } else { 1 };
        for v in 0..visits {
            let failed = (*site == "D") || (*site == "E" && v == 0);
            let crit = O {
                critical: true,
                ..o("ci", "safe", if failed { "no" } else { "yes" })
            };
            records.push(synth(
                &format!("v{n}{v}"),
                site,
                "2026-11-01T10:00:00+00:00",
                CHECK_IN,
                &[o("ci", "std", "yes"), tagged("yes"), crit],
            ));
        }
    }
    let r = report_of(&records);
    let page = html::review(&r);
    let mut dots: Vec<(f64, f64, f64, String)> = Vec::new();
    // Only the map's circles (the month trend has dots too).
    let start = page.find("viewBox=\"0 0 100 100\"").unwrap();
    let map = &page[start..start + page[start..].find("</svg>").unwrap()];
    for token in Tokenizer::new(&format!("<svg {map}")).flatten() {
        if let Token::StartTag(tag) = token {
            let attr = |k: &str| {
                tag.attributes
                    .get(k.as_bytes())
                    .map(|v| String::from_utf8_lossy(v).into_owned())
            };
            if &tag.name[..] == b"circle" && attr("class").is_some_and(|c| c.starts_with("dot")) {
                let num = |k: &str| attr(k).unwrap().parse::<f64>().unwrap();
                dots.push((num("cx"), num("cy"), num("r"), attr("class").unwrap()));
            }
        }
    }
    assert_eq!(dots.len(), 5, "{dots:?}");
    for (i, a) in dots.iter().enumerate() {
        // Within the 100 × 100 box.
        assert!(
            (0.0..=100.0).contains(&a.0) && (0.0..=100.0).contains(&a.1),
            "{a:?}"
        );
        for b in &dots[i + 1..] {
            let gap = (a.0 - b.0).hypot(a.1 - b.1);
            assert!(gap >= a.2 + b.2, "dots overlap: {a:?} {b:?}");
        }
    }
    // A..D one visit each; E three: a larger dot.
    assert!(dots[4].2 > dots[0].2, "{dots:?}");
    let classes: Vec<&str> = dots.iter().map(|d| d.3.as_str()).collect();
    assert_eq!(classes, ["dot", "dot", "dot", "dot fail", "dot some"]);
}
