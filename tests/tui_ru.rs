//! The screens in Russian: snapshots at 80×24 of home, visit, finalize and
//! help with the Russian luxury train, and a check that no screen holds an
//! English word of the program's own — whatever is left once the
//! checklist's own text and the names of keys are taken out.

use std::collections::BTreeSet;

use jiff::ZonedDateTime;
use jiff::tz::{TimeZone, offset};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use touchpoint::checklist::{self, Loaded, journey};
use touchpoint::i18n::{Lang, with_lang};
use touchpoint::tui::app::App;
use touchpoint::tui::home::{self, ChecklistRow, DraftRow, Focus, Home, JourneyRow};
use touchpoint::tui::theme::Theme;
use touchpoint::tui::view;
use touchpoint::visit::Visit;

const TRAIN: [&str; 3] = [
    "train-check-in-ru",
    "train-in-stay-ru",
    "train-departure-ru",
];

/// Words that may stay in Latin letters on a Russian screen: the names of
/// keys as printed on them, and the program's name and commands, typed as
/// they are.
const ALLOWED: [&str; 15] = [
    "Enter",
    "Esc",
    "Tab",
    "Ctrl",
    "Shift",
    "Space",
    "PgDn",
    "PgUp",
    "Home",
    "End",
    "Backspace",
    "Delete",
    "touchpoint",
    "restore",
    "validate",
];

fn at(minute: i8) -> ZonedDateTime {
    jiff::civil::date(2026, 11, 23)
        .at(14, minute, 0, 0)
        .to_zoned_datetime(TimeZone::fixed(offset(3)))
        .unwrap()
}

fn bundled(ids: &[&str]) -> Vec<Loaded> {
    ids.iter()
        .map(|id| checklist::bundled_by_id(id).unwrap().unwrap())
        .collect()
}

fn train_app() -> App {
    let visit = Visit::new(
        "Анды: вокзал Куско",
        "Анна",
        bundled(&TRAIN),
        &at(3),
        "7f3a",
    );
    App::new(
        visit,
        Box::new(|_| Ok(())),
        Box::new(|| at(45)),
        Theme::new(true),
    )
}

/// Types `keys`: `\n` is Enter, `\x1b` Esc, `\t` Tab.
fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            '\t' => KeyCode::Tab,
            c => KeyCode::Char(c),
        };
        app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    }
}

/// A visit under way: the documents answered, the reply timed by the
/// stopwatch (still running), a note on the next item.
fn visit_under_way() -> App {
    let mut app = train_app();
    press(&mut app, "2t");
    press(&mut app, "eОтветили через 40 минут, подписался Хуан\n");
    app
}

fn home_screen() -> Home {
    let available = checklist::bundled().unwrap();
    let drafts = vec![DraftRow {
        id: "20261123T140312-andy-7f3a".into(),
        site: "Анды: вокзал Куско".into(),
        progress: "12/86".into(),
        updated: home::saved_text(&at(5)),
    }];
    let checklists = available
        .iter()
        .filter(|l| l.checklist.checklist.language.as_deref() == Some("ru"))
        .map(|l| ChecklistRow {
            chosen: TRAIN.contains(&l.checklist.checklist.id.as_str()),
            id: l.checklist.checklist.id.clone(),
            title: l.checklist.checklist.title.clone(),
            touchpoint: l.checklist.checklist.touchpoint.clone(),
            source: l.source.to_string(),
        })
        .collect();
    let mut home = Home::new(drafts, checklists, "Анна".into(), Theme::new(true));
    let mut journeys = journey::journeys(&available);
    journeys.retain(|j| j.speaks("ru"));
    home.journeys = journeys
        .into_iter()
        .map(|j| JourneyRow {
            summary: j.summary(),
            short: home::journey_short(&j.name, j.items),
            language: j.language.clone(),
            checklists: j.checklists.clone(),
        })
        .collect();
    home
}

/// The screen's characters, row by row (no annotations of the backend's).
fn plain(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let mut text = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            text.push_str(buffer[(x, y)].symbol());
        }
        text.push('\n');
    }
    text
}

fn draw_app(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view::draw(frame, app)).unwrap();
    terminal
}

fn draw_home(home: &Home, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| home.draw(frame)).unwrap();
    terminal
}

/// The Latin words of the checklists' own text: titles, descriptions,
/// prompts, guidance, option labels and units of the train, as the files
/// give them, and the ids of every bundled checklist (the home screen says
/// where each comes from).
fn checklist_words() -> BTreeSet<String> {
    fn walk(value: &toml::Value, key: &str, into: &mut BTreeSet<String>) {
        match value {
            toml::Value::String(s)
                if matches!(
                    key,
                    "title" | "description" | "prompt" | "guidance" | "label" | "unit"
                ) =>
            {
                into.extend(latin_words(s));
            }
            toml::Value::Array(items) => items.iter().for_each(|v| walk(v, key, into)),
            toml::Value::Table(table) => table.iter().for_each(|(k, v)| walk(v, k, into)),
            _ => {}
        }
    }
    let mut words = BTreeSet::new();
    let folder = format!("{}/checklists", env!("CARGO_MANIFEST_DIR"));
    for entry in std::fs::read_dir(folder).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let table = text.parse::<toml::Table>().unwrap();
        if let Some(id) = table["checklist"].get("id").and_then(toml::Value::as_str) {
            words.extend(latin_words(id));
        }
    }
    for id in TRAIN {
        let path = format!("{}/checklists/{id}.toml", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(path).unwrap();
        let table = text.parse::<toml::Table>().unwrap();
        walk(&toml::Value::Table(table), "", &mut words);
    }
    words
}

/// Every run of two or more Latin letters.
fn latin_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 2)
        .map(str::to_owned)
        .collect()
}

/// The program's own English words on a screen: its Latin words less the
/// checklist's and the allowed ones. A word cut by `…` may be the start of
/// a checklist's word.
fn english_left(screen: &str, own: &BTreeSet<String>) -> Vec<String> {
    latin_words(screen)
        .into_iter()
        .filter(|w| !ALLOWED.contains(&w.as_str()))
        .filter(|w| !own.iter().any(|o| o.starts_with(w.as_str())))
        .collect()
}

/// Every screen a train visit passes through, at one size, as plain text.
fn every_screen(width: u16, height: u16) -> Vec<(String, String)> {
    let mut screens = Vec::new();
    let mut shot = |name: &str, app: &App| {
        screens.push((name.to_owned(), plain(&draw_app(app, width, height))));
    };
    let fresh = train_app();
    shot("fresh visit", &fresh);
    let mut app = visit_under_way();
    shot("visit", &app);
    press(&mut app, "i");
    shot("guidance shown", &app);
    press(&mut app, "i");
    for (name, keys) in [
        ("note editor", "e"),
        ("visit note editor", "E"),
        ("search", "/"),
        ("search typed", "/багаж"),
        ("search finds nothing", "/щщщ"),
        ("help", "?"),
        ("how scores work", "?\t"),
        ("finalize", "F"),
        ("finalize asks", "Fy"),
        ("leave", "q"),
    ] {
        let mut app = visit_under_way();
        press(&mut app, keys);
        shot(name, &app);
    }
    // A number item: the field, then a refusal.
    let mut app = visit_under_way();
    press(&mut app, "/минут\n");
    press(&mut app, "\n");
    shot("number field", &app);
    press(&mut app, "x\n");
    shot("not a number", &app);
    let mut app = visit_under_way();
    press(&mut app, "/минут\n\n999\n");
    shot("out of range", &app);
    for keys in ["u", "U", "T", "a", "]", "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"] {
        let mut app = visit_under_way();
        press(&mut app, keys);
        shot(&format!("after {keys}"), &app);
    }
    screens.push((
        "home".to_owned(),
        plain(&draw_home(&home_screen(), width, height)),
    ));
    let mut empty = home_screen();
    empty.focus = Focus::Start;
    empty.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    screens.push((
        "home refuses".to_owned(),
        plain(&draw_home(&empty, width, height)),
    ));
    let mut deleting = home_screen();
    deleting.set_deleter(Box::new(|_| Ok(())));
    deleting.handle_key(KeyEvent::new(KeyCode::Char('d'), KeyModifiers::NONE));
    screens.push((
        "home deletes".to_owned(),
        plain(&draw_home(&deleting, width, height)),
    ));
    screens
}

#[test]
fn no_russian_screen_holds_an_english_word_of_the_programs_own() {
    let own = checklist_words();
    with_lang(Lang::Ru, || {
        for (width, height) in [(80, 24), (40, 20), (120, 40)] {
            for (name, screen) in every_screen(width, height) {
                let left = english_left(&screen, &own);
                assert!(
                    left.is_empty(),
                    "{name} at {width}×{height} holds English {left:?}:\n{screen}"
                );
            }
        }
    });
}

/// The check itself finds an English word: the same screens in English
/// are full of them.
#[test]
fn the_english_word_check_can_fail() {
    let own = checklist_words();
    let screens = with_lang(Lang::En, || every_screen(80, 24));
    for (name, screen) in screens {
        assert!(
            !english_left(&screen, &own).is_empty(),
            "{name} in English passes the check:\n{screen}"
        );
    }
}

#[test]
fn russian_visit_screen() {
    with_lang(Lang::Ru, || {
        let app = visit_under_way();
        insta::assert_snapshot!(draw_app(&app, 80, 24).backend().to_string());
    });
}

#[test]
fn russian_home_screen() {
    with_lang(Lang::Ru, || {
        insta::assert_snapshot!(draw_home(&home_screen(), 80, 24).backend().to_string());
    });
}

#[test]
fn russian_finalize_screen() {
    with_lang(Lang::Ru, || {
        let mut app = visit_under_way();
        press(&mut app, "F");
        insta::assert_snapshot!(draw_app(&app, 80, 24).backend().to_string());
    });
}

#[test]
fn russian_finalize_asks_before_finalizing_with_items_open() {
    with_lang(Lang::Ru, || {
        let mut app = visit_under_way();
        press(&mut app, "Fy");
        insta::assert_snapshot!(draw_app(&app, 80, 24).backend().to_string());
    });
}

#[test]
fn russian_help_screens() {
    with_lang(Lang::Ru, || {
        let mut app = visit_under_way();
        press(&mut app, "?");
        insta::assert_snapshot!("keys", draw_app(&app, 80, 24).backend().to_string());
        press(&mut app, "\t");
        insta::assert_snapshot!("scores", draw_app(&app, 80, 24).backend().to_string());
    });
}

#[test]
fn russian_plurals_and_dates_on_screen() {
    with_lang(Lang::Ru, || {
        // «23 нояб. 14:05», 24-hour, day before month.
        assert_eq!(home::saved_text(&at(5)), "23 нояб. 14:05");
        assert_eq!(home::journey_short("Поезд", 1), "Поезд · 1 пункт");
        assert_eq!(home::journey_short("Поезд", 22), "Поезд · 22 пункта");
        assert_eq!(home::journey_short("Поезд", 86), "Поезд · 86 пунктов");
        let summary = home_screen().journeys[0].summary.clone();
        assert!(summary.contains("3 точки контакта"), "{summary}");
    });
    with_lang(Lang::En, || {
        assert_eq!(home::saved_text(&at(5)), "Nov 23 14:05");
    });
}
