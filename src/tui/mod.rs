//! The terminal shell: the event loop, signals, and the screens. It turns keys
//! into actions on the pure core and draws the state; it never parses files.

pub mod action;
pub mod app;
pub mod home;
pub mod keymap;
pub mod theme;
pub mod view;

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use ratatui::crossterm::event::{self, Event, KeyEventKind};

use app::App;

/// How a session in the terminal ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The auditor left.
    Left,
    /// A hang-up, terminate or interrupt signal arrived.
    Signal,
}

/// Flags raised by SIGHUP, SIGTERM and SIGINT.
pub struct Signals {
    /// Raised by any of the three.
    pub stop: Arc<AtomicBool>,
    /// Raised by SIGHUP alone: the terminal is gone, so nothing may be written to it.
    pub hangup: Arc<AtomicBool>,
}

impl Signals {
    /// Registers the flags.
    pub fn register() -> io::Result<Signals> {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let stop = Arc::new(AtomicBool::new(false));
        let hangup = Arc::new(AtomicBool::new(false));
        for signal in [SIGHUP, SIGTERM, SIGINT] {
            signal_hook::flag::register(signal, Arc::clone(&stop))?;
        }
        signal_hook::flag::register(SIGHUP, Arc::clone(&hangup))?;
        Ok(Signals { stop, hangup })
    }

    fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
}

/// Replaces Rust's panic message with one an auditor can act on: what
/// happened and how to get the visit back. Install it before the terminal is
/// set up, so ratatui's hook restores the terminal first.
pub fn install_panic_hook(resume: String) {
    std::panic::set_hook(Box::new(move |info| {
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        use std::io::Write as _;
        let _ = writeln!(
            std::io::stderr(),
            "touchpoint stopped on an internal error{place}. {resume}"
        );
    }));
}

/// Runs the visit screen until the auditor leaves or a signal arrives.
///
/// The screen is drawn only when something changed: a key, a resize, or the
/// minute of the elapsed-time clock. Between events the loop sleeps in `poll`.
pub fn run_visit(app: &mut App, signals: &Signals) -> io::Result<Ending> {
    let mut terminal = ratatui::try_init()?;
    let outcome = event_loop(&mut terminal, app, signals);
    // After a hang-up the terminal is gone: writing restore sequences to it
    // could block or fail, and nobody would see them.
    if !signals.hangup.load(Ordering::Relaxed) {
        ratatui::restore();
    }
    outcome
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    signals: &Signals,
) -> io::Result<Ending> {
    let mut dirty = true;
    let mut minute = app.now().timestamp().as_second() / 60;
    loop {
        if signals.stopped() {
            return Ok(Ending::Signal);
        }
        if dirty {
            terminal.draw(|frame| view::draw(frame, app))?;
            dirty = false;
        }
        // A short wait so signals are noticed promptly; an idle wake-up costs
        // a few microseconds and draws nothing.
        if event::poll(Duration::from_millis(200))? {
            match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    app.handle_key(key);
                    dirty = true;
                }
                Event::Resize(..) => dirty = true,
                _ => {}
            }
        } else {
            let now = app.now().timestamp().as_second() / 60;
            if now != minute {
                minute = now;
                dirty = true;
            }
        }
        if app.quit {
            return Ok(Ending::Left);
        }
    }
}

/// Runs the home screen until the auditor decides.
pub fn run_home(home: &mut home::Home, signals: &Signals) -> io::Result<home::Choice> {
    let mut terminal = ratatui::try_init()?;
    let outcome = home_loop(&mut terminal, home, signals);
    if !signals.hangup.load(Ordering::Relaxed) {
        ratatui::restore();
    }
    outcome
}

fn home_loop(
    terminal: &mut ratatui::DefaultTerminal,
    home: &mut home::Home,
    signals: &Signals,
) -> io::Result<home::Choice> {
    let mut dirty = true;
    loop {
        if signals.stopped() {
            return Ok(home::Choice::Quit);
        }
        if dirty {
            terminal.draw(|frame| home.draw(frame))?;
            dirty = false;
        }
        if event::poll(Duration::from_millis(200))? {
            match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    home.handle_key(key);
                    dirty = true;
                }
                Event::Resize(..) => dirty = true,
                _ => {}
            }
        }
        if let Some(choice) = home.choice.take() {
            return Ok(choice);
        }
    }
}
