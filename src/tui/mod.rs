//! The terminal shell: the event loop, signals, and the screens. It turns keys
//! into actions on the pure core and draws the state; it never parses files.

pub mod action;
pub mod app;
pub mod desk;
pub mod home;
pub mod keymap;
pub(crate) mod layout;
pub mod search;
pub mod theme;
pub mod view;
pub(crate) mod words;

use std::io::{self, BufWriter};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event, KeyEventKind};

use app::App;

/// How a session in the terminal ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The auditor left.
    Left,
    /// A hang-up, terminate or interrupt signal arrived.
    Signal,
    /// The terminal went away without a signal (its input hung up or failed).
    TerminalGone,
}

/// Flags raised by signals, which the loops look at every tick.
pub struct Signals {
    /// Raised by SIGHUP, SIGTERM, SIGINT and SIGQUIT: end the session.
    pub stop: Arc<AtomicBool>,
    /// Raised by SIGHUP alone: the terminal is gone, so nothing may be written to it.
    pub hangup: Arc<AtomicBool>,
    /// Raised by SIGTSTP: give the terminal back, then stop.
    pub suspend: Arc<AtomicBool>,
    /// Raised by SIGCONT: take the terminal again and redraw (a shell may
    /// have reset it while the program was stopped).
    pub resumed: Arc<AtomicBool>,
}

impl Signals {
    /// Registers the flags.
    pub fn register() -> io::Result<Signals> {
        use crate::os::{Signal, raise_flag_on};
        let stop = Arc::new(AtomicBool::new(false));
        let hangup = Arc::new(AtomicBool::new(false));
        let suspend = Arc::new(AtomicBool::new(false));
        let resumed = Arc::new(AtomicBool::new(false));
        for signal in [
            Signal::HangUp,
            Signal::Terminate,
            Signal::Interrupt,
            Signal::Quit,
        ] {
            raise_flag_on(signal, Arc::clone(&stop))?;
        }
        raise_flag_on(Signal::HangUp, Arc::clone(&hangup))?;
        raise_flag_on(Signal::Suspend, Arc::clone(&suspend))?;
        raise_flag_on(Signal::Continue, Arc::clone(&resumed))?;
        Ok(Signals {
            stop,
            hangup,
            suspend,
            resumed,
        })
    }

    fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }
}

/// Replaces Rust's panic message with one an auditor can act on: what
/// happened and how to get the visit back. Install it before the terminal is
/// set up, so ratatui's hook restores the terminal first.
pub fn install_panic_hook(resume: String) {
    // The words now: a panic is no time to load catalogs.
    let stopped = crate::tr!("tui-internal-error");
    let at = crate::tr!("tui-internal-error-at");
    std::panic::set_hook(Box::new(move |info| {
        let place = info
            .location()
            .map(|l| format!(" {at} {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        use std::io::Write as _;
        let _ = ratatui::crossterm::execute!(io::stdout(), event::DisableBracketedPaste);
        // Ignored when stderr is a terminal that is gone: a panic here
        // would abort the process before the visit is saved.
        let _ = writeln!(std::io::stderr(), "{stopped}{place}. {resume}");
    }));
}

/// How long the loops wait for a key before looking at signals, the
/// terminal and the clock again.
const TICK: Duration = Duration::from_millis(100);

/// Time without a key after which the auditor counts as pausing.
const PAUSE: Duration = Duration::from_secs(3);

/// What the terminal gave the loop.
enum Next {
    /// A key, a resize, or another event.
    Event(Event),
    /// Nothing within a tick.
    Idle,
    /// The terminal is gone: hung up, closed, or failing to read.
    Gone,
}

/// The keyboard: crossterm's events, read on a thread of their own, and the
/// terminal they come from.
///
/// Over a dropped SSH link crossterm's `event::read` reads end-of-file from
/// the dead terminal again and again and never returns. Reading on another
/// thread keeps the loop free to notice the hang-up and end the session; the
/// process then exits, stopping the stuck reader with it. One reader serves
/// the whole process, so no key is lost between the home and visit screens.
struct Keyboard {
    /// The reader's events, once it is started by the first [`Keyboard::next`]:
    /// after the first frame, which so waits for no thread to start (a key
    /// typed before then waits in the terminal).
    events: Mutex<Option<Receiver<io::Result<Event>>>>,
    /// The terminal crossterm reads: standard input, or `/dev/tty` when that
    /// is not a terminal.
    tty: crate::os::Tty,
}

impl Keyboard {
    fn get() -> io::Result<&'static Keyboard> {
        static KEYBOARD: OnceLock<Keyboard> = OnceLock::new();
        if let Some(keyboard) = KEYBOARD.get() {
            return Ok(keyboard);
        }
        let tty = crate::os::Tty::open()?;
        Ok(KEYBOARD.get_or_init(|| Keyboard {
            events: Mutex::new(None),
            tty,
        }))
    }

    /// The reader: crossterm's events, sent one by one until it fails.
    fn start() -> io::Result<Receiver<io::Result<Event>>> {
        let (sender, events) = std::sync::mpsc::channel();
        std::thread::Builder::new()
            .name("keyboard".into())
            .spawn(move || {
                loop {
                    let event = event::read();
                    let failed = event.is_err();
                    if sender.send(event).is_err() || failed {
                        break;
                    }
                }
            })?;
        Ok(events)
    }

    /// The next event within `timeout`, the reader started first if it is
    /// not yet (failing only if it cannot be).
    fn next(&self, timeout: Duration) -> io::Result<Next> {
        let mut events = self
            .events
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let events = match &mut *events {
            Some(events) => events,
            none => none.insert(Keyboard::start()?),
        };
        Ok(match events.recv_timeout(timeout) {
            Ok(Ok(event)) => Next::Event(event),
            Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => Next::Gone,
            Err(RecvTimeoutError::Timeout) if self.gone() => Next::Gone,
            Err(RecvTimeoutError::Timeout) => Next::Idle,
        })
    }

    /// Whether the terminal has hung up or closed.
    fn gone(&self) -> bool {
        self.tty.hung_up()
    }
}

/// Whether `key` is Ctrl-Z, which suspends the program as in other
/// terminal programs (raw mode turns the terminal's own Ctrl-Z off).
fn is_suspend_key(key: &event::KeyEvent) -> bool {
    key.code == event::KeyCode::Char('z') && key.modifiers.contains(event::KeyModifiers::CONTROL)
}

/// Handles SIGTSTP, Ctrl-Z (`key`) and SIGCONT: gives the terminal back in
/// its normal mode, stops the process, and on continuing takes the terminal
/// again and clears it so that the next draw repaints the whole screen.
/// Returns whether the screen must be drawn again.
fn suspend_or_resume(terminal: &mut Term, signals: &Signals, key: bool) -> io::Result<bool> {
    let signal = signals.suspend.swap(false, Ordering::Relaxed);
    if key || signal {
        let _ = ratatui::crossterm::execute!(io::stdout(), event::DisableBracketedPaste);
        restore();
        stop_self(key);
    }
    if key || signal || signals.resumed.swap(false, Ordering::Relaxed) {
        signals.resumed.store(false, Ordering::Relaxed);
        ratatui::crossterm::terminal::enable_raw_mode()?;
        ratatui::crossterm::execute!(
            io::stdout(),
            ratatui::crossterm::terminal::EnterAlternateScreen,
            ratatui::crossterm::terminal::Clear(ratatui::crossterm::terminal::ClearType::All),
            event::EnableBracketedPaste
        )?;
        // The screen is blank now: so must be the buffer the next draw is
        // compared with, for it to repaint everything. (`Terminal::clear`
        // would ask the terminal for the cursor, an answer the keyboard
        // thread may take.)
        terminal.swap_buffers();
        return Ok(true);
    }
    Ok(false)
}

/// Stops this process as SIGTSTP's default action would, returning once it
/// is continued. Ctrl-Z stops the whole process group, as the terminal's
/// own Ctrl-Z does, so a wrapper script stops too and the shell takes over.
/// In an orphaned process group the kernel discards the stop and this
/// returns at once, rather than leaving a program nobody can continue.
fn stop_self(whole_group: bool) {
    crate::os::stop_self(whole_group);
}

/// The terminal the screens draw on: crossterm's, through a buffer that
/// holds a whole frame, so that each frame reaches the terminal in one
/// write (standard output's own buffer would cut it every 1,024 bytes).
pub type Term = ratatui::Terminal<CrosstermBackend<BufWriter<io::Stdout>>>;

/// Sets the terminal up as `ratatui::try_init` does (raw mode, the
/// alternate screen, a panic hook that gives the terminal back first),
/// and turns bracketed paste on: a paste arrives as one event, never as
/// keys that could answer items.
///
/// The alternate screen and bracketed paste wait in standard output's own
/// buffer and go out just before the first frame, without a write of
/// their own. They are queued there, not in the frame's buffer, so that
/// whatever gives the terminal back first (a signal before the first
/// frame, a panic in it) writes after them and undoes them.
fn init_terminal() -> io::Result<Term> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
    }));
    ratatui::crossterm::terminal::enable_raw_mode()?;
    ratatui::crossterm::queue!(
        io::stdout(),
        ratatui::crossterm::terminal::EnterAlternateScreen,
        event::EnableBracketedPaste
    )?;
    let out = BufWriter::with_capacity(1 << 16, io::stdout());
    ratatui::Terminal::new(CrosstermBackend::new(out)).inspect_err(|_| restore())
}

/// Gives the terminal back (raw mode off, the main screen again), each step
/// tried whatever the last one did, and never panics: on a terminal that is
/// gone every write fails, and `ratatui::restore` would then print to the
/// dead stderr with `eprintln!`, whose panic inside a panic hook aborts the
/// process (exit 134) before the visit is saved.
fn restore() {
    let _ = ratatui::crossterm::terminal::disable_raw_mode();
    let _ = ratatui::crossterm::execute!(
        io::stdout(),
        ratatui::crossterm::terminal::LeaveAlternateScreen
    );
}

/// Lets go of the screen's terminal without a panic: ratatui's `Drop`
/// shows the cursor and, when that write fails (the terminal is gone),
/// prints to stderr with `eprintln!`, which panics on a dead stderr. The
/// cursor is shown here instead, and a terminal that cannot take it is
/// forgotten rather than dropped (the process ends soon after).
fn let_go(mut terminal: Term, gone: bool) {
    if gone || terminal.show_cursor().is_err() {
        std::mem::forget(terminal);
    }
}

/// Sets the terminal up, runs `body`, and gives the terminal back unless it
/// is gone; says whether it is gone.
fn with_terminal<T>(
    signals: &Signals,
    body: impl FnOnce(&mut Term, &Keyboard) -> io::Result<(T, bool)>,
) -> io::Result<(T, bool)> {
    let keyboard = Keyboard::get()?;
    let mut terminal = init_terminal()?;
    let outcome = body(&mut terminal, keyboard);
    // After a hang-up the terminal is gone: writing restore sequences to it
    // could block or fail, and nobody would see them.
    let gone = matches!(outcome, Ok((_, true)))
        || signals.hangup.load(Ordering::Relaxed)
        || keyboard.gone();
    let_go(terminal, gone);
    if !gone {
        let _ = ratatui::crossterm::execute!(io::stdout(), event::DisableBracketedPaste);
        restore();
    }
    outcome.map(|(value, _)| (value, gone))
}

/// Runs the visit screen until the auditor leaves, a signal arrives, or the
/// terminal goes away.
///
/// The screen is drawn only when something changed: a key, a resize, the
/// minute of the elapsed-time clock, or, while a stopwatch runs, its second.
pub fn run_visit(app: &mut App, signals: &Signals) -> io::Result<Ending> {
    let (ending, gone) = with_terminal(signals, |terminal, keyboard| {
        let ending = event_loop(terminal, keyboard, app, signals)?;
        Ok((ending, ending == Ending::TerminalGone))
    })?;
    // A hang-up signal and a terminal found dead are one ending: the
    // terminal is gone.
    Ok(if gone { Ending::TerminalGone } else { ending })
}

fn event_loop(
    terminal: &mut Term,
    keyboard: &Keyboard,
    app: &mut App,
    signals: &Signals,
) -> io::Result<Ending> {
    let mut dirty = true;
    let mut first = true;
    let mut minute = app.now().timestamp().as_second() / 60;
    let mut stopwatches = app.stopwatch_seconds();
    let mut last_key = Instant::now();
    let mut paused = false;
    loop {
        if signals.stopped() {
            return Ok(Ending::Signal);
        }
        dirty |= suspend_or_resume(terminal, signals, false)?;
        if dirty {
            if let Err(e) = terminal.draw(|frame| view::draw(frame, app)) {
                return if keyboard.gone() {
                    Ok(Ending::TerminalGone)
                } else {
                    Err(e)
                };
            }
            dirty = false;
        }
        if first {
            first = false;
            app.first_frame_drawn();
            // A save that failed shows at once.
            dirty = app.save_error.is_some();
            continue;
        }
        match keyboard.next(TICK)? {
            Next::Event(Event::Key(key)) if is_suspend_key(&key) => {
                if key.kind != KeyEventKind::Release {
                    suspend_or_resume(terminal, signals, true)?;
                    dirty = true;
                }
            }
            Next::Event(Event::Key(key)) if key.kind != KeyEventKind::Release => {
                app.handle_key(key);
                dirty = true;
                last_key = Instant::now();
                paused = false;
            }
            Next::Event(Event::Paste(text)) => {
                app.paste(&text);
                dirty = true;
            }
            Next::Event(Event::Resize(..)) => dirty = true,
            Next::Event(_) => {}
            Next::Idle => {
                dirty |= resized_unseen(terminal);
                if !paused && last_key.elapsed() >= PAUSE {
                    paused = true;
                    let failed = app.save_error.is_some();
                    app.pause();
                    dirty |= app.save_error.is_some() != failed;
                }
                let now = app.now().timestamp().as_second() / 60;
                if now != minute {
                    minute = now;
                    dirty = true;
                }
                // Nothing to compare, and so nothing drawn, while none runs.
                let seconds = app.stopwatch_seconds();
                if seconds != stopwatches {
                    stopwatches = seconds;
                    dirty = true;
                }
            }
            Next::Gone => return Ok(Ending::TerminalGone),
        }
        if app.quit {
            return Ok(Ending::Left);
        }
    }
}

/// Whether the terminal's size is not the last frame's: a resize that no
/// event reported, its signal having come before the keyboard's reader
/// was started (issue 17: the screen stayed "too small" after growing).
fn resized_unseen(terminal: &mut Term) -> bool {
    let area = terminal.get_frame().area();
    terminal
        .size()
        .is_ok_and(|size| (size.width, size.height) != (area.width, area.height))
}

/// Runs the home screen until the auditor decides; a signal or a terminal
/// gone is a decision to quit. Says also whether the terminal is gone.
pub fn run_home(home: &mut home::Home, signals: &Signals) -> io::Result<(home::Choice, bool)> {
    with_terminal(signals, |terminal, keyboard| {
        let (choice, gone) = home_loop(terminal, keyboard, home, signals)?;
        Ok(((choice, gone), gone))
    })
    .map(|((choice, _), gone)| (choice, gone))
}

/// The home screen's loop (the one loop of [`screen_loop`], done once the
/// auditor has chosen); also says whether the terminal is gone.
fn home_loop(
    terminal: &mut Term,
    keyboard: &Keyboard,
    home: &mut home::Home,
    signals: &Signals,
) -> io::Result<(home::Choice, bool)> {
    struct Chooser<'h>(&'h mut home::Home);
    impl Screen for Chooser<'_> {
        fn draw(&self, frame: &mut ratatui::Frame<'_>) {
            self.0.draw(frame);
        }
        fn key(&mut self, key: event::KeyEvent) {
            self.0.handle_key(key);
        }
        fn paste(&mut self, text: &str) {
            self.0.paste(text);
        }
        fn done(&self) -> bool {
            self.0.choice.is_some()
        }
    }
    let gone = screen_loop(terminal, keyboard, &mut Chooser(home), signals)?;
    // A signal or a terminal gone is a decision to quit.
    let choice = match home.choice.take() {
        Some(choice) if !gone => choice,
        _ => home::Choice::Quit,
    };
    Ok((choice, gone))
}

/// A screen of its own loop (the editor's desk): drawn from `&self`, fed
/// keys and pastes, done when it says so.
pub trait Screen {
    /// Draws the screen.
    fn draw(&self, frame: &mut ratatui::Frame<'_>);
    /// One key pressed.
    fn key(&mut self, key: event::KeyEvent);
    /// Text pasted.
    fn paste(&mut self, text: &str);
    /// Whether the user left.
    fn done(&self) -> bool;
}

/// Runs `screen` until it is done, a signal arrives or the terminal goes
/// away; says whether the terminal is gone.
pub fn run_screen(screen: &mut dyn Screen, signals: &Signals) -> io::Result<bool> {
    with_terminal(signals, |terminal, keyboard| {
        let gone = screen_loop(terminal, keyboard, screen, signals)?;
        Ok(((), gone))
    })
    .map(|(_, gone)| gone)
}

/// Draws `screen` when something changed and feeds it keys and pastes until
/// it is done, a signal arrives or the terminal goes away (then `true`).
fn screen_loop(
    terminal: &mut Term,
    keyboard: &Keyboard,
    screen: &mut dyn Screen,
    signals: &Signals,
) -> io::Result<bool> {
    let mut dirty = true;
    loop {
        if signals.stopped() {
            return Ok(false);
        }
        dirty |= suspend_or_resume(terminal, signals, false)?;
        if dirty {
            if let Err(e) = terminal.draw(|frame| screen.draw(frame)) {
                return if keyboard.gone() { Ok(true) } else { Err(e) };
            }
            dirty = false;
        }
        match keyboard.next(TICK)? {
            Next::Event(Event::Key(key)) if is_suspend_key(&key) => {
                if key.kind != KeyEventKind::Release {
                    suspend_or_resume(terminal, signals, true)?;
                    dirty = true;
                }
            }
            Next::Event(Event::Key(key)) if key.kind != KeyEventKind::Release => {
                screen.key(key);
                dirty = true;
            }
            Next::Event(Event::Paste(text)) => {
                screen.paste(&text);
                dirty = true;
            }
            Next::Event(Event::Resize(..)) => dirty = true,
            Next::Idle => dirty |= resized_unseen(terminal),
            Next::Event(_) => {}
            Next::Gone => return Ok(true),
        }
        if screen.done() {
            return Ok(false);
        }
    }
}
