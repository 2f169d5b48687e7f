//! The editor's desk on the screen (src/tui/desk.rs): the queue and the
//! review screen rendered with TestBackend at 80×24 and 40×20, in English
//! and Russian, and the keys a reviewer presses on the review screen.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use touchpoint::check::{self, Code, Flag};
use touchpoint::i18n::{Lang, with_lang};
use touchpoint::record::{AnswerValue, RecordFile, Stamp};
use touchpoint::review::{self, Entry, Kind};
use touchpoint::tui::desk::{Desk, Queue, QueueRow, Request};
use touchpoint::tui::theme::Theme;

fn record() -> RecordFile {
    check::sample::honest(3, "anna", "Hotel Metropol \x1b[2J", 10)
}

fn entry(kind: Kind, item: Option<&str>, text: &str) -> Entry {
    Entry {
        at: Stamp(record().header.updated.clone()),
        by: "olga".into(),
        kind,
        item: item.map(Into::into),
        text: text.into(),
        old: None,
        new: None,
        status: None,
        na: false,
        label: None,
        points: None,
        max: None,
        exceeded: false,
    }
}

/// The record with a flag on its second item, a correction of its third
/// and an open question on its fourth.
fn desk(theme: Theme) -> Desk {
    let record = record();
    let key = |n: usize| {
        let o = &record.observations[n];
        format!("{}/{}", o.checklist, o.item)
    };
    let mut correction = entry(Kind::Correction, Some(&key(2)), "the note says otherwise");
    correction.old = record.observations[2].answer.clone();
    correction.new = Some(AnswerValue::Text("no".into()));
    let state = review::fold(&[
        correction,
        entry(Kind::Query, Some(&key(3)), "Was the desk staffed?"),
    ]);
    let mut flags = check::flags_of_records(std::slice::from_ref(&record));
    flags.push(Flag {
        code: Code::NoteContradiction,
        visit: record.header.id.clone(),
        site: record.header.site.clone(),
        item: Some(key(1)),
        detail: "answered \u{201c}Yes\u{201d} (a standard of 30 s), but the note says \u{201c}1 min 28 s\u{201d}".into(),
    });
    let options = |_: &str| vec![("yes".to_owned(), "Yes".to_owned()), ("no".to_owned(), "No".to_owned())];
    Desk::new(&record, &state, &flags, &options, theme)
}

fn queue() -> Queue {
    let row = |id: &str, flags: usize, status: &str| QueueRow {
        path: format!("{id}.toml").into(),
        id: id.into(),
        site: "Hotel Metropol, Moscow".into(),
        auditor: "anna".into(),
        finished: "2026-11-22 15:04".into(),
        status: status.into(),
        flags,
    };
    Queue::new(
        vec![
            row("20261122T140312-hotel-metropol-7f3a", 2, "final"),
            row("20261123T101500-hotel-kosmos-\x1b[31m", 0, "resubmitted"),
        ],
        Theme::new(true),
    )
}

fn screen(draw: impl Fn(&mut ratatui::Frame<'_>), width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| draw(f)).unwrap();
    terminal.backend().to_string()
}

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

#[test]
fn the_queue_at_80x24() {
    let q = queue();
    let shown = screen(|f| q.draw(f), 80, 24);
    assert!(!shown.contains('\x1b'), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn the_review_screen_at_80x24_on_the_flagged_item() {
    let mut d = desk(Theme::new(true));
    d.handle_key(key(']'));
    assert_eq!(d.selected, 1);
    let shown = screen(|f| d.draw(f), 80, 24);
    assert!(shown.contains("⚑"), "{shown}");
    assert!(shown.contains("note-contradiction"), "{shown}");
    assert!(shown.starts_with("\"⚑ 1 "), "{shown}");
    assert!(!shown.contains('\x1b'), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn the_review_screen_at_40x20_without_colour_shows_the_correction() {
    let mut d = desk(Theme::new(false));
    d.handle_key(key('j'));
    d.handle_key(key('j'));
    let shown = screen(|f| d.draw(f), 40, 20);
    assert!(shown.contains("→ no"), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn the_review_screen_in_russian() {
    with_lang(Lang::Ru, || {
        let mut d = desk(Theme::new(true));
        for c in "jjj".chars() {
            d.handle_key(key(c));
        }
        let shown = screen(|f| d.draw(f), 80, 24);
        assert!(shown.contains("Открытый вопрос"), "{shown}");
        insta::assert_snapshot!(shown);
        d.handle_key(key('?'));
        let help = screen(|f| d.draw(f), 80, 24);
        assert!(help.contains("вернуть аудитору"), "{help}");
    });
}

#[test]
fn help_lists_every_key_of_the_review_screen() {
    let mut d = desk(Theme::new(false));
    d.handle_key(key('?'));
    let help = screen(|f| d.draw(f), 80, 24);
    for k in ["] [", "m", "M", "c", "A", "R", "X", "q"] {
        assert!(
            help.lines().any(|l| l.trim_matches('"').trim_start().starts_with(k)),
            "{k}: {help}"
        );
    }
}

#[test]
fn a_query_returns_and_exclusions_are_typed_then_requested() {
    let mut d = desk(Theme::new(false));
    d.handle_key(key('M'));
    for c in "Where is the receipt?".chars() {
        d.handle_key(key(c));
    }
    d.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert_eq!(
        d.request.take(),
        Some(Request::Query {
            item: None,
            text: "Where is the receipt?".into()
        })
    );
    d.finished(Ok("done".into()));
    d.handle_key(key('X'));
    d.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    assert_eq!(d.request, None);
    d.handle_key(key('q'));
    assert!(d.leave);
}

/// docs/review.md's measure: reading the bundled hotel journey's visit
/// with no flags, item by item, then approving it.
#[test]
fn reviewing_the_hotel_journey_without_flags_takes_at_most_one_key_per_item() {
    let record = check::sample::honest(7, "anna", "Hotel", 0);
    let flags = check::flags_of_records(std::slice::from_ref(&record));
    assert!(flags.is_empty(), "{flags:?}");
    let mut d = Desk::new(
        &record,
        &review::State::default(),
        &flags,
        &|_| Vec::new(),
        Theme::new(false),
    );
    let items = d.items.len();
    assert!(items >= 75, "{items} items");
    let mut keys = 0;
    let mut seen = std::collections::BTreeSet::from([0]);
    while d.selected + 1 < items {
        d.handle_key(key('j'));
        keys += 1;
        seen.insert(d.selected);
    }
    d.handle_key(key('A'));
    keys += 1;
    assert_eq!(seen.len(), items);
    assert_eq!(d.request, Some(Request::Approve));
    eprintln!("{keys} keys for {items} items");
    assert!(keys <= items, "{keys} keys for {items} items");
}
