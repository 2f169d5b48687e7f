//! Bytes sent to the terminal per keystroke, measured in-process: the visit
//! screen drawn through ratatui's crossterm backend into memory, frame after
//! frame, as the real terminal gets them (only the cells that changed).

use crate::common;

use jiff::ZonedDateTime;
use jiff::tz::{TimeZone, offset};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::{TerminalOptions, Viewport};

use touchpoint::checklist;
use touchpoint::tui::app::App;
use touchpoint::tui::theme::Theme;
use touchpoint::tui::view;
use touchpoint::visit::Visit;

/// ncurses `dialog --menu` moving one row at 80×24 (issue 9's figure; the
/// bench `keystroke_bytes` measures dialog itself in the same run).
const DIALOG_BYTES_PER_MOVE: f64 = 311.0;

fn at(minute: i8) -> ZonedDateTime {
    jiff::civil::date(2026, 11, 22)
        .at(14, minute, 0, 0)
        .to_zoned_datetime(TimeZone::fixed(offset(3)))
        .unwrap()
}

fn app() -> App {
    let checklists = checklist::DEFAULT_STAY
        .iter()
        .map(|id| checklist::bundled_by_id(id).unwrap().unwrap())
        .collect();
    let visit = Visit::new("Hotel Metropol", "anna", checklists, &at(3), "7f3a");
    App::new(
        visit,
        Box::new(|_| Ok(())),
        Box::new(|| at(45)),
        Theme::new(true),
    )
}

/// A terminal that counts what it is sent.
#[derive(Clone, Default)]
struct Counter(std::rc::Rc<std::cell::Cell<usize>>);

impl std::io::Write for Counter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.set(self.0.get() + bytes.len());
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What one key sent, and whether it turned the list's page or changed
/// touchpoint (which redraws the whole list).
struct Sent {
    bytes: usize,
    new_page: bool,
}

/// Bytes written for each key of `keys`, after a first full frame.
fn bytes_per_key(app: &mut App, keys: &str, width: u16, height: u16) -> Vec<Sent> {
    let counter = Counter::default();
    let backend = CrosstermBackend::new(counter.clone());
    let options = TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
    };
    let mut terminal = Terminal::with_options(backend, options).unwrap();
    terminal.draw(|f| view::draw(f, app)).unwrap();
    let mut sent = Vec::new();
    for c in keys.chars() {
        let before = counter.0.get();
        let page = (app.tab, app.scroll.get());
        let code = match c {
            '\t' => KeyCode::Tab,
            '\r' => KeyCode::Enter,
            c => KeyCode::Char(c),
        };
        app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
        terminal.draw(|f| view::draw(f, app)).unwrap();
        sent.push(Sent {
            bytes: counter.0.get() - before,
            new_page: (app.tab, app.scroll.get()) != page,
        });
    }
    sent
}

fn mean<'a>(sent: impl IntoIterator<Item = &'a Sent>) -> f64 {
    let (total, count) = sent
        .into_iter()
        .fold((0, 0), |(t, c), s| (t + s.bytes, c + 1));
    total as f64 / f64::from(count.max(1))
}

/// Mean bytes of keys that stayed on the list's page, and of those that
/// turned it (or changed touchpoint), with their counts.
fn split(sent: &[Sent]) -> (f64, usize, f64, usize) {
    let same: Vec<&Sent> = sent.iter().filter(|s| !s.new_page).collect();
    let turned: Vec<&Sent> = sent.iter().filter(|s| s.new_page).collect();
    (
        mean(same.iter().copied()),
        same.len(),
        mean(turned.iter().copied()),
        turned.len(),
    )
}

/// Keys that play the whole hotel stay as the key-count test does, and
/// where each answer starts.
fn whole_visit() -> (String, Vec<usize>) {
    let mut keys = String::new();
    let mut answers = Vec::new();
    for (t, steps) in common::plan().iter().enumerate() {
        if t > 0 {
            keys.push('l');
        }
        for step in steps {
            answers.push(keys.chars().count());
            keys.push_str(&step.keys);
        }
    }
    keys.push_str("Fy");
    (keys, answers)
}

/// A move that stays on the list's page sends no more than dialog's move;
/// a page turn redraws the list (about 20 rows), once a page. Answers also
/// update progress and four scores; their figures, and a whole visit's, are
/// printed for docs/performance.md.
#[test]
fn a_move_on_a_page_costs_no_more_than_dialog_moving_a_menu() {
    // Down every checklist of the hotel stay and on to the next, as an
    // auditor reading through it: every kind of item, and page turns.
    let mut moving = app();
    let moves = bytes_per_key(&mut moving, &"jjjjjjjjjjjjjjjjjjjjjl".repeat(3), 80, 24);
    let (move_page, move_count, move_turn, move_turns) = split(&moves);
    let (keys, answer_at) = whole_visit();
    let mut visiting = app();
    let visit = bytes_per_key(&mut visiting, &keys, 80, 24);
    assert_eq!(
        visiting.visit.progress(),
        (76, 76),
        "the plan answers everything"
    );
    let answers: Vec<Sent> = answer_at
        .iter()
        .map(|n| Sent {
            bytes: visit[*n].bytes,
            new_page: visit[*n].new_page,
        })
        .collect();
    let (answer_page, answer_count, answer_turn, answer_turns) = split(&answers);
    println!(
        "80×24 bytes per key: j on a page {move_page:.0} ({move_count}), j turning a page or \
         touchpoint {move_turn:.0} ({move_turns}), all j {:.0}; answer on a page {answer_page:.0} \
         ({answer_count}), turning {answer_turn:.0} ({answer_turns}); a whole visit {:.0} over {} \
         keys, text included",
        mean(&moves),
        mean(&visit),
        visit.len()
    );
    assert!(
        move_page <= DIALOG_BYTES_PER_MOVE,
        "j on a page: {move_page:.0} B"
    );
    // A page turn costs about a screen of list rows, and no more.
    assert!(move_turn < 80.0 * 24.0, "a page turn: {move_turn:.0} B");
}
