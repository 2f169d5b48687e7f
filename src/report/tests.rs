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
    assert_eq!(b.percent, Some(71.4));
    assert_eq!(b.standards, Some(50.0));
    assert_eq!(b.personal_touch, Some(100.0));
    assert_eq!(
        b.touchpoints,
        vec![
            ("check-in".to_owned(), Some(75.0)),
            ("in-stay".to_owned(), Some(66.7))
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
    assert_eq!(group(&r.by_touchpoint, "departure"), (1, None));
    assert_eq!(group(&r.by_tag, "personal-touch"), (3, Some(63.9)));
    assert_eq!(group(&r.by_tag, "atmosphere"), (1, Some(0.0)));
    assert_eq!(group(&r.by_month, "2026-10"), (1, Some(50.0)));
    assert_eq!(group(&r.by_month, "2026-11"), (3, Some(73.2)));
}

#[test]
fn items_are_ranked_by_miss_rate_then_misses() {
    let r = report_of(&finals());
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
    let r = report_of(&finals());
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
    let site_rows: Vec<&str> = table
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
