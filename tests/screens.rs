//! Whole screens at 80×24 (and a cramped size), rendered with ratatui's
//! TestBackend and compared with reviewed snapshots (`cargo insta review`).

use jiff::ZonedDateTime;
use jiff::tz::{TimeZone, offset};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;

use touchpoint::checklist::{self, Loaded, Source};
use touchpoint::tui::app::App;
use touchpoint::tui::theme::Theme;
use touchpoint::tui::view;
use touchpoint::visit::Visit;

fn at(minute: i8) -> ZonedDateTime {
    jiff::civil::date(2026, 11, 22)
        .at(14, minute, 0, 0)
        .to_zoned_datetime(TimeZone::fixed(offset(3)))
        .unwrap()
}

fn bundled(ids: &[&str]) -> Vec<Loaded> {
    ids.iter()
        .map(|id| checklist::bundled_by_id(id).unwrap().unwrap())
        .collect()
}

fn app(site: &str, checklists: Vec<Loaded>, color: bool) -> App {
    let visit = Visit::new(site, "anna", checklists, &at(3), "7f3a");
    App::new(
        visit,
        Box::new(|_| Ok(())),
        Box::new(|| at(45)),
        Theme::new(color),
    )
}

/// Types `keys`: `\n` is Enter, `\x1b` Esc, `\t` Tab, `\x0a`-free Ctrl-J is `¶`.
fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let (code, modifiers) = match c {
            '\n' => (KeyCode::Enter, KeyModifiers::NONE),
            '\x1b' => (KeyCode::Esc, KeyModifiers::NONE),
            '\t' => (KeyCode::Tab, KeyModifiers::NONE),
            '¶' => (KeyCode::Char('j'), KeyModifiers::CONTROL),
            c => (KeyCode::Char(c), KeyModifiers::NONE),
        };
        app.handle_key(KeyEvent::new(code, modifiers));
    }
}

fn render(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| view::draw(frame, app)).unwrap();
    terminal
}

fn screen(app: &App, width: u16, height: u16) -> String {
    render(app, width, height).backend().to_string()
}

/// The hotel stay in English, audited at a site with a Cyrillic and CJK
/// name, with answers of every kind: a custom option, a grade, yes, a
/// follow-up opened and noted in Russian and Japanese, a number typed from
/// its first digit, a text answer; the cursor back on the noted follow-up.
fn mixed() -> App {
    let mut app = app(
        "Гостиница «Космос» 東京",
        bundled(&["hotel-check-in", "hotel-in-stay", "hotel-departure"]),
        true,
    );
    press(&mut app, "23yy");
    // `e` right after an answer: the note of the item just answered.
    press(&mut app, "1eПисьмо — шаблон, 名前なし\n");
    press(&mut app, "/key in hand\n7\t");
    press(
        &mut app,
        "/atmosphere among\n\nLobby smelled of 白檀 and coffee\n",
    );
    press(&mut app, "/personal, not\n");
    app
}

fn english() -> App {
    app(
        "Hotel Metropol",
        bundled(&["hotel-check-in", "hotel-in-stay", "hotel-departure"]),
        true,
    )
}

#[test]
fn visit_screen_english() {
    let mut app = english();
    press(&mut app, "2kyj1jj3kePorter held the door, smiled.\x1bj");
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn every_size_from_a_phone_up() {
    let app = mixed();
    for (width, height) in [(40, 20), (60, 16), (80, 24), (120, 40)] {
        let shown = screen(&app, width, height);
        // What the auditor needs is there at every size: where they are,
        // the item and its options, and the answers given.
        assert!(shown.contains("Гостиница"), "{width}×{height}\n{shown}");
        assert!(
            shown.contains("1 Below standard"),
            "{width}×{height}\n{shown}"
        );
        assert!(shown.contains("Email"), "{width}×{height}\n{shown}");
        insta::assert_snapshot!(format!("mixed_{width}x{height}"), shown);
    }
}

#[test]
fn the_detail_pane_scrolls_to_the_end_of_long_guidance() {
    let mut app = mixed();
    press(&mut app, "/reservation contact\n");
    screen(&app, 40, 20);
    press(&mut app, "JJJ");
    let short = screen(&app, 40, 20);
    assert!(short.contains("i: what counts"), "{short}");
    press(&mut app, "KKK");
    // i shows the guidance (for every item, until i again).
    press(&mut app, "i");
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .starts_with("guidance shown")
    );
    app.message = None;
    let top = screen(&app, 40, 20);
    assert!(top.contains("↓ J more"), "{top}");
    press(&mut app, "JJJJJJJJJJ");
    let bottom = screen(&app, 40, 20);
    assert!(bottom.contains("↑ K back up"), "{bottom}");
    // The guidance's last words can be read.
    assert!(bottom.contains("dearest rate."), "{bottom}");
    press(&mut app, "KKKKKKKKKK");
    assert_eq!(screen(&app, 40, 20), top);
}

#[test]
fn editors_help_search_and_finalize_on_a_phone() {
    let mut app = mixed();
    press(
        &mut app,
        "eA long note that wraps as it is typed, so its start stays in view¶second line",
    );
    insta::assert_snapshot!("phone_note_editor", screen(&app, 40, 20));
    press(&mut app, "\x1b?");
    insta::assert_snapshot!("phone_help", screen(&app, 40, 20));
    press(&mut app, "\x1b/the agent");
    insta::assert_snapshot!("phone_search", screen(&app, 40, 20));
    press(&mut app, "\x1bFy");
    insta::assert_snapshot!("phone_finalize_asks_again", screen(&app, 40, 20));
}

#[test]
fn ascii_marks_and_borders_under_a_non_utf8_locale() {
    let mut app = mixed();
    app.theme.ascii = true;
    let shown = screen(&app, 80, 24);
    for line in shown.lines() {
        // Checklist and site text stays as written; the program's own
        // marks and borders are ASCII.
        for c in line.chars() {
            assert!(
                c.is_ascii() || c.is_alphabetic() || "«»".contains(c),
                "{c:?} in {line}"
            );
        }
    }
    insta::assert_snapshot!(shown);
}

#[test]
fn a_final_visit_shows_its_notes_and_offers_no_edits() {
    let mut app = mixed();
    press(&mut app, "NThe manager was on holiday.\x1bFyY");
    assert!(app.visit.is_final());
    press(&mut app, "/personal, not\n");
    let shown = screen(&app, 80, 24);
    assert!(
        shown.contains("✎ Note") && shown.contains("Письмо"),
        "{shown}"
    );
    assert!(
        shown.contains("✎ Visit note") && shown.contains("on holiday"),
        "{shown}"
    );
    for hint in ["e: add a note", "Enter:", "t starts", "1-9"] {
        assert!(!shown.contains(hint), "{hint} offered:\n{shown}");
    }
    insta::assert_snapshot!(shown);
}

#[test]
fn below_the_smallest_size_no_key_but_quit_is_acted_on() {
    let mut app = english();
    render(&app, 39, 20);
    press(&mut app, "2y0Fe?");
    assert_eq!(app.visit.progress().0, 0, "a key acted unseen");
    assert!(matches!(app.mode, touchpoint::tui::app::Mode::Normal));
    press(&mut app, "q");
    assert!(app.quit);
}

#[test]
fn visit_screen_russian() {
    let mut app = app(
        "Гостиница «Метрополь»",
        bundled(&[
            "hotel-check-in-ru",
            "hotel-in-stay-ru",
            "hotel-departure-ru",
        ]),
        true,
    );
    press(&mut app, "1yn1k3keШвейцар открыл дверь.\x1b");
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn visit_screen_cjk_and_hostile_text() {
    let text = "[checklist]\nid = \"ryokan\"\ntitle = \"旅館のチェックイン\"\ntouchpoint = \"check-in\"\n\n\
        [[section]]\nid = \"s\"\ntitle = \"フロント\"\n\n\
        [[section.item]]\nid = \"a\"\nprompt = \"スタッフが名前で呼んだ\"\nresponse = \"grade\"\n\n\
        [[section.item]]\nid = \"b\"\nprompt = \"Wi-Fi の説明があった\"\n";
    let loaded =
        checklist::from_bytes("r.toml", text.as_bytes(), Source::Path("r.toml".into())).unwrap();
    let mut app = app("旅館 \u{1b}[31m", vec![loaded], true);
    press(&mut app, "3ke名前を三回\u{1b}");
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn help_screen_lists_the_keymap() {
    let mut app = english();
    press(&mut app, "?");
    let shown = screen(&app, 80, 24);
    for (keys, help) in touchpoint::tui::keymap::help_lines() {
        assert!(shown.contains(&keys), "help lacks {keys}");
        assert!(
            shown.contains(&help[..help.len().min(20)]),
            "help lacks {help}"
        );
    }
    insta::assert_snapshot!(shown);
}

#[test]
fn finalize_summary() {
    let mut app = english();
    // A critical item answered "no" (a miss without a note) and one answered.
    press(&mut app, "/identity\n2/sent a message\n1F");
    assert!(matches!(
        app.mode,
        touchpoint::tui::app::Mode::Finalize { .. }
    ));
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn too_small_says_what_it_needs() {
    let app = english();
    let shown = screen(&app, 52, 14);
    assert!(shown.contains("need 40×20 or 60×16, have 52×14"), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn smallest_supported_size_still_draws_the_visit() {
    let mut app = english();
    press(&mut app, "y");
    insta::assert_snapshot!(screen(&app, 60, 16));
}

#[test]
fn no_color_paints_no_colour() {
    let mut app = app(
        "Hotel",
        bundled(&["hotel-check-in", "hotel-in-stay", "hotel-departure"]),
        false,
    );
    press(&mut app, "2jyjnF");
    let terminal = render(&app, 80, 24);
    for cell in terminal.backend().buffer().content() {
        assert_eq!(cell.fg, Color::Reset, "coloured cell {:?}", cell.symbol());
        assert_eq!(cell.bg, Color::Reset, "coloured cell {:?}", cell.symbol());
    }
}

#[test]
fn escape_sequences_never_reach_the_screen() {
    let text = "[checklist]\nid = \"x\"\ntitle = \"T\"\ntouchpoint = \"check-in\"\n[[section]]\nid = \"s\"\ntitle = \"S\"\n[[section.item]]\nid = \"a\"\nprompt = \"P\"\n";
    let loaded =
        checklist::from_bytes("x.toml", text.as_bytes(), Source::Path("x.toml".into())).unwrap();
    let mut app = app("Evil\u{1b}]0;owned\u{7}", vec![loaded], true);
    press(&mut app, "e\u{1b}");
    let terminal = render(&app, 80, 24);
    for cell in terminal.backend().buffer().content() {
        assert!(
            !cell.symbol().chars().any(char::is_control),
            "control char drawn"
        );
    }
    assert!(terminal.backend().to_string().contains("Evil␛]0;owned␇"));
}

mod home {
    use super::*;
    use touchpoint::checklist::journey;
    use touchpoint::tui::home::{ChecklistRow, Choice, DraftRow, Home, JourneyRow};

    fn home() -> Home {
        let drafts = vec![
            DraftRow {
                id: "20261122T140312-hotel-metropol-7f3a".into(),
                site: "Hotel Metropol".into(),
                progress: "12/60".into(),
                updated: "Nov 22 14:06".into(),
            },
            DraftRow {
                id: "20261121T091500-site-01ab".into(),
                site: "Гостиница «Космос» 東京".into(),
                progress: "0/60".into(),
                updated: "Nov 21 09:15".into(),
            },
        ];
        let checklists = checklist::bundled()
            .unwrap()
            .into_iter()
            .map(|l| ChecklistRow {
                chosen: checklist::DEFAULT_STAY.contains(&l.checklist.checklist.id.as_str()),
                id: l.checklist.checklist.id.clone(),
                title: l.checklist.checklist.title.clone(),
                touchpoint: l.checklist.checklist.touchpoint.clone(),
                source: l.source.to_string(),
            })
            .collect();
        let mut home = Home::new(drafts, checklists, "anna".into(), Theme::new(true));
        let mut journeys = journey::journeys(&checklist::bundled().unwrap());
        // As the program offers them: the interface language's first.
        journeys.sort_by_key(|j| !j.speaks("en"));
        home.journeys = journeys
            .into_iter()
            .map(|j| JourneyRow {
                summary: j.summary(),
                short: format!("{} · {} items", j.name, j.items),
                language: j.language.clone(),
                checklists: j.checklists.clone(),
            })
            .collect();
        home.broken = vec![
            "/home/anna/.config/touchpoint/checklists/spa.toml:12:1: unknown key \"promt\" — did you mean \"prompt\"?".into(),
        ];
        home.point_at_chosen();
        home
    }

    fn key(home: &mut Home, code: KeyCode) {
        home.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    }

    fn draw(home: &Home) -> String {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        terminal.draw(|frame| home.draw(frame)).unwrap();
        terminal.backend().to_string()
    }

    #[test]
    fn home_screen() {
        insta::assert_snapshot!(draw(&home()));
    }

    #[test]
    fn journeys_come_first_and_enter_on_one_starts_it() {
        let mut h = home();
        let shown = draw(&h);
        assert!(
            shown.contains("[x] Hotel stay — 3 touchpoints, 76 items · en"),
            "{shown}"
        );
        key(&mut h, KeyCode::Tab);
        for c in "Andean Explorer".chars() {
            key(&mut h, KeyCode::Char(c));
        }
        // Site, auditor, then the list: the hotel stay is highlighted; one
        // down is the luxury train.
        key(&mut h, KeyCode::Tab);
        key(&mut h, KeyCode::Tab);
        key(&mut h, KeyCode::Char('j'));
        key(&mut h, KeyCode::Enter);
        assert_eq!(
            h.choice,
            Some(Choice::New {
                site: "Andean Explorer".into(),
                auditor: "anna".into(),
                checklists: vec![
                    "train-check-in".into(),
                    "train-in-stay".into(),
                    "train-departure".into()
                ],
            })
        );
    }

    #[test]
    fn a_broken_checklist_is_listed_with_its_problem() {
        let mut h = home();
        key(&mut h, KeyCode::Tab);
        key(&mut h, KeyCode::Tab);
        key(&mut h, KeyCode::Tab);
        key(&mut h, KeyCode::End);
        for _ in 0..30 {
            key(&mut h, KeyCode::Char('j'));
            if h.focus != touchpoint::tui::home::Focus::Checklists {
                key(&mut h, KeyCode::Char('k'));
                break;
            }
        }
        let shown = draw(&h);
        assert!(shown.contains("Checklists with a problem"), "{shown}");
        assert!(
            shown.contains("✗ /home/anna/.config/touchpoint/checklists/spa"),
            "{shown}"
        );
        assert!(shown.contains("spa.toml:12:1: unknown key"), "{shown}");
        key(&mut h, KeyCode::Char(' '));
        assert!(draw(&h).contains("fix it (`touchpoint validate`)"));
    }

    #[test]
    fn the_home_screen_on_a_phone() {
        let h = home();
        let mut terminal = Terminal::new(TestBackend::new(40, 20)).unwrap();
        terminal.draw(|frame| h.draw(frame)).unwrap();
        insta::assert_snapshot!(terminal.backend().to_string());
    }

    #[test]
    fn enter_on_a_draft_resumes_it() {
        let mut h = home();
        key(&mut h, KeyCode::Char('j'));
        key(&mut h, KeyCode::Enter);
        assert_eq!(
            h.choice,
            Some(Choice::Resume("20261121T091500-site-01ab".into()))
        );
    }

    #[test]
    fn the_form_starts_the_hotel_stay_by_default() {
        let mut h = home();
        key(&mut h, KeyCode::Tab);
        for c in "Hotel Adlon".chars() {
            key(&mut h, KeyCode::Char(c));
        }
        key(&mut h, KeyCode::Tab);
        key(&mut h, KeyCode::Tab);
        key(&mut h, KeyCode::Tab);
        key(&mut h, KeyCode::Enter);
        assert_eq!(
            h.choice,
            Some(Choice::New {
                site: "Hotel Adlon".into(),
                auditor: "anna".into(),
                checklists: vec![
                    "hotel-check-in".into(),
                    "hotel-in-stay".into(),
                    "hotel-departure".into()
                ],
            })
        );
    }

    #[test]
    fn starting_without_a_site_asks_for_one() {
        let mut h = home();
        key(&mut h, KeyCode::BackTab);
        key(&mut h, KeyCode::Enter);
        assert_eq!(h.choice, None);
        assert!(draw(&h).contains("type the site's name first"));
    }
}
