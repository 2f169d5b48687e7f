//! The visit screen's state and how actions change it. Drawing lives in
//! `view`; saving is a function handed in, so this file knows no file format.

use std::cell::Cell;

use jiff::ZonedDateTime;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::TextArea;

use super::action::Action;
use super::keymap;
use super::theme::Theme;
use super::words::{clock, range_text};
use crate::checklist::Response;
use crate::evidence::{self, Copied};
use crate::score;
use crate::tr;
use crate::visit::{Answer, ClockDoubt, Evidence, Issue, ItemRef, Touched, Visit, VisitError};

/// Writes the visit's changes to disk (see [`Visit::take_unsaved`]); an
/// error is a short human reason.
pub(crate) type Saver = Box<dyn FnMut(&mut Visit) -> Result<(), String>>;

/// Folds what the saver wrote since the last pause into one file, when the
/// auditor pauses; an error is a short human reason.
pub(crate) type Pauser = Box<dyn FnMut(&mut Visit) -> Result<(), String>>;

/// Copies the file at a typed path into the evidence folder of the visit
/// with the given id; an error is a short human reason.
pub(crate) type Attacher = Box<dyn FnMut(&str, &str) -> Result<Copied, String>>;

/// The warning for a visit finalized before it started by the clock
/// (see [`crate::visit::Header::clock_went_back`]).
pub(crate) fn clock_went_back(header: &crate::visit::Header) -> String {
    let at = |t: &ZonedDateTime| crate::clock::shown(t, "%Y-%m-%d %H:%M");
    tr!(
        "clock-went-back",
        started = at(&header.started),
        finished = header.finished.as_ref().map(at).unwrap_or_default()
    )
}

/// The terminal's size as it is now: see [`App::size_now`].
pub(crate) type SizeProbe = fn() -> std::io::Result<(u16, u16)>;

/// Whether the terminal, asked now, is big enough for the layout: a resize
/// that has not reached the screen yet (its frame not drawn) counts.
pub(crate) fn fits_now(probe: Option<SizeProbe>) -> bool {
    probe
        .and_then(|size| size().ok())
        .is_some_and(|(w, h)| super::layout::fits(w, h))
}

/// Tells the time; a function so tests can fix it.
pub(crate) type Clock = Box<dyn Fn() -> ZonedDateTime>;

/// What the screen is doing besides showing the visit.
pub enum Mode {
    /// Moving and answering.
    Normal,
    /// Help: the key list (page 0) or how scores work (page 1).
    Help {
        /// Which page is shown.
        page: usize,
        /// First row shown, when the page is longer than the screen.
        scroll: usize,
    },
    /// Typing the path of a file to attach.
    Attach {
        /// The item it goes to; `None` for the whole visit.
        target: Option<ItemRef>,
        /// The path as typed.
        input: String,
        /// Names Tab found that fit, when several do.
        choices: Vec<String>,
    },
    /// Editing the note of an item.
    Note {
        /// The item.
        at: ItemRef,
        /// The editor.
        editor: Box<TextArea<'static>>,
    },
    /// Editing the note of the visit.
    VisitNote {
        /// The editor.
        editor: Box<TextArea<'static>>,
    },
    /// Editing the value of a text item.
    Text {
        /// The item.
        at: ItemRef,
        /// The editor.
        editor: Box<TextArea<'static>>,
    },
    /// Typing the value of a number item.
    Number {
        /// The item.
        at: ItemRef,
        /// The value as typed.
        input: String,
    },
    /// Typing a search; the cursor moves only when a match is chosen.
    Search {
        /// The query as typed.
        query: String,
        /// Shown items whose prompt matches, across touchpoints.
        found: Vec<ItemRef>,
        /// The highlighted match.
        selected: usize,
    },
    /// The finalize summary.
    Finalize {
        /// The highlighted line of the summary's list.
        selected: usize,
        /// Asking once more: items are unanswered or critical ones failed.
        confirming: bool,
    },
    /// Leaving while the last save failed.
    ConfirmQuit,
    /// The auditor answers the editor's question on a returned visit
    /// (`item`: `checklist/item`, or `None` for the visit).
    Answer {
        /// The item the question is on.
        item: Option<String>,
        /// The answer as typed.
        text: String,
    },
}

/// What the auditor of a returned visit sends back (SPEC.md, "Review").
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// The answer to the open question on `item` (`None`: the visit).
    Answer {
        /// `checklist/item`, or `None`.
        item: Option<String>,
        /// The answer.
        text: String,
    },
    /// Resubmit the visit: final again.
    Resubmit,
}

/// Open questions of a review: `(checklist/item or None, question)`.
pub(crate) type Questions = Vec<(Option<String>, String)>;

/// Writes a reply to the review file the questions came from; on success,
/// what was done and the questions still open.
pub(crate) type Replier = Box<dyn FnMut(Reply) -> Result<(String, Questions), String>>;

/// A returned visit's review, for its auditor: the open questions, and how
/// a reply is written.
pub struct Returned {
    /// The open questions: `(checklist/item or None, question)`.
    pub open: Vec<(Option<String>, String)>,
    /// The editor's message with the return.
    pub message: String,
    /// Writes a reply.
    pub replier: Replier,
}

/// How many pages help has: the keys, and how scores work.
pub(crate) const HELP_PAGES: usize = 2;

/// The visit screen.
pub struct App {
    /// The visit being worked on.
    pub visit: Visit,
    /// Index of the checklist shown.
    pub tab: usize,
    /// Selected item of each checklist.
    pub(crate) cursor: Vec<usize>,
    /// What the screen is doing.
    pub mode: Mode,
    /// A one-line message for the status bar.
    pub message: Option<String>,
    /// Why the last save failed, until a save succeeds.
    pub save_error: Option<String>,
    /// Colours or not.
    pub theme: Theme,
    /// First row of the item list on screen, kept between frames: an item,
    /// or (`true`) the section title above it; `None` for the top.
    pub scroll: Cell<Option<(usize, bool)>>,
    /// The detail pane's item and first row; the row goes back to the top
    /// when another item is selected.
    pub(crate) detail: Cell<(ItemRef, usize)>,
    /// Rows the detail pane had in the last frame: how far a scroll goes.
    pub(crate) detail_rows: Cell<usize>,
    /// The terminal's size at the last frame: below the smallest layout,
    /// keys other than quit are not acted on, since their effect is unseen.
    pub(crate) size: Cell<(u16, u16)>,
    /// Asks the terminal its size now (`crossterm::terminal::size`), for
    /// a key that comes while the last frame was too small: after a resize
    /// the keys typed next can come before the resize event, and would be
    /// dropped unseen (issue 17). `None` in tests without a terminal.
    pub(crate) size_now: Option<SizeProbe>,
    /// The last search, which `/` then `Enter` repeats.
    pub(crate) last_search: Option<String>,
    /// Whether the detail pane shows the items' guidance (`i`). Off at
    /// first: shown on every move it would triple what a move sends over
    /// a slow link (docs/performance.md).
    pub(crate) guidance: bool,
    /// Set when the auditor leaves.
    pub quit: bool,
    /// The item the last key answered, until the next key: `e` pressed
    /// right after an answer writes that item's note, not the next one's.
    just_answered: Option<ItemRef>,
    /// The finalize summary's row and issue left by `Enter`, so that `F`
    /// comes back to it (or to the row that took its place).
    finalize_left: Option<(usize, Issue)>,
    saver: Saver,
    clock: Clock,
    /// The monotonic clock's reading (`clock::monotonic`), which running
    /// stopwatches are measured on; none unless set (a test's fake clock).
    monotonic: Option<Monotonic>,
    attacher: Option<Attacher>,
    pauser: Option<Pauser>,
    /// The review of a returned visit, for its auditor to answer.
    pub returned: Option<Returned>,
    /// An answer put away with `Esc`, and the question's item: `e` there
    /// opens with it (nothing typed is lost).
    kept_answer: Option<(Option<String>, String)>,
}

/// Reads the monotonic clock.
pub(crate) type Monotonic = Box<dyn Fn() -> std::time::Duration>;

impl App {
    /// A screen over `visit` that saves with `saver` after every change.
    pub fn new(visit: Visit, saver: Saver, clock: Clock, theme: Theme) -> App {
        let cursor = (0..visit.checklists.len())
            .map(|c| visit.first_shown(c, true).map_or(0, |at| at.item))
            .collect();
        let kept = visit.kept_selection();
        let mut app = App {
            visit,
            tab: 0,
            cursor,
            mode: Mode::Normal,
            message: None,
            save_error: None,
            theme,
            scroll: Cell::new(None),
            detail: Cell::new((NOWHERE, 0)),
            detail_rows: Cell::new(0),
            size: Cell::new((u16::MAX, u16::MAX)),
            size_now: None,
            last_search: None,
            guidance: false,
            quit: false,
            just_answered: None,
            finalize_left: None,
            saver,
            clock,
            monotonic: None,
            attacher: None,
            pauser: None,
            returned: None,
            kept_answer: None,
        };
        // A resumed draft opens on the item it was left on.
        if let Some(at) = kept {
            app.reveal(at);
        }
        app
    }

    /// Where running stopwatches are, for the status line on resuming:
    /// `None` when none runs.
    pub(crate) fn running_stopwatches(&self) -> Option<String> {
        let places: Vec<String> = self
            .visit
            .timers()
            .iter()
            .filter_map(|t| {
                let (_, item) = self.visit.item(t.at)?;
                let title = &self
                    .visit
                    .checklists
                    .get(t.at.checklist)?
                    .checklist
                    .checklist
                    .title;
                Some(format!(
                    "{}: {}",
                    super::theme::drawable(title),
                    super::theme::drawable(&item.prompt)
                ))
            })
            .collect();
        (!places.is_empty()).then(|| {
            tr!(
                "tui-stopwatches-running",
                count = places.len(),
                places = places.join("; ")
            )
        })
    }

    /// Measures stopwatches on `monotonic` while the program runs, rather
    /// than on the wall clock, which NTP or a hand may step (issue 17).
    pub(crate) fn set_monotonic(&mut self, monotonic: Monotonic) {
        self.monotonic = Some(monotonic);
    }

    /// The monotonic clock now, if the screen has one.
    pub(crate) fn mono_now(&self) -> Option<std::time::Duration> {
        self.monotonic.as_ref().map(|m| m())
    }

    /// Lets [`App::pause`] fold the saver's work with `pauser`.
    pub fn set_pauser(&mut self, pauser: Pauser) {
        self.pauser = Some(pauser);
    }

    /// The auditor has paused: a moment for work too big for a keystroke.
    pub fn pause(&mut self) {
        if let Some(pauser) = self.pauser.as_mut() {
            match pauser(&mut self.visit) {
                Ok(()) => self.save_error = None,
                Err(reason) => self.save_error = Some(reason),
            }
        }
    }

    /// The first frame is on screen: save what waited for it (a new visit's
    /// first record), before any key is handled.
    pub fn first_frame_drawn(&mut self) {
        self.save();
    }

    /// Lets `a` and `A` attach files, copying them with `attacher`.
    pub fn set_attacher(&mut self, attacher: Attacher) {
        self.attacher = Some(attacher);
    }

    /// Whole seconds of each running stopwatch: the loop redraws when they
    /// change, and not at all while none runs.
    pub fn stopwatch_seconds(&self) -> Vec<u64> {
        let now = self.now();
        let mono = self.mono_now();
        self.visit
            .timers()
            .iter()
            .map(|t| t.seconds_at(&now, mono) as u64)
            .collect()
    }

    /// The current time.
    pub(crate) fn now(&self) -> ZonedDateTime {
        (self.clock)()
    }

    /// The selected item.
    pub fn selected(&self) -> ItemRef {
        ItemRef {
            checklist: self.tab,
            item: self.cursor.get(self.tab).copied().unwrap_or(0),
        }
    }

    /// Saves again if the last save failed; `save_error` says how it went.
    pub(crate) fn retry_failed_save(&mut self) {
        if self.save_error.is_some() {
            self.save();
        }
    }

    fn save(&mut self) {
        match (self.saver)(&mut self.visit) {
            Ok(()) => self.save_error = None,
            Err(reason) => self.save_error = Some(reason),
        }
    }

    /// Handles one key press, then keeps the selected item in the draft
    /// (written with the next save), so that resuming opens there.
    pub fn handle_key(&mut self, key: KeyEvent) {
        let just = self.just_answered.take();
        self.handle_key_after(key, just);
        if !self.visit.is_final() {
            let at = self.selected();
            self.visit.select(at);
        }
    }

    /// Handles one key press; `just` is the item the previous key answered.
    /// Below the smallest layout only quit is acted on: the auditor cannot
    /// see what any other key would change.
    fn handle_key_after(&mut self, key: KeyEvent, just: Option<ItemRef>) {
        // Command keys act by their place in another layout (`н` is `y`);
        // fields and editors take the letters as typed.
        let key = match self.mode {
            Mode::Normal | Mode::Help { .. } | Mode::Finalize { .. } | Mode::ConfirmQuit => {
                keymap::by_place(key)
            }
            _ => key,
        };
        let (width, height) = self.size.get();
        if !super::layout::fits(width, height) && !fits_now(self.size_now) {
            if keymap::lookup(&key) == Some(Action::Quit) || matches!(self.mode, Mode::ConfirmQuit)
            {
                match self.mode {
                    Mode::ConfirmQuit if key.code == KeyCode::Char('y') => self.quit = true,
                    Mode::ConfirmQuit => {}
                    _ => self.act(Action::Quit),
                }
            }
            return;
        }
        match &mut self.mode {
            Mode::Normal => {
                if self.returned.is_some() && self.visit.is_final() && self.reply_key(&key) {
                    return;
                }
                if self.starts_number(&key) {
                    return;
                }
                if let Some(action) = keymap::lookup(&key) {
                    self.message = None;
                    match (action, just) {
                        // Right after an answer: the note of the item answered.
                        (Action::EditNote, Some(at)) if !self.visit.is_final() => {
                            self.open_note(at)
                        }
                        _ => self.act(action),
                    }
                }
            }
            Mode::Help { page, scroll } => {
                let (page, scroll) = (*page, *scroll);
                self.mode = match key.code {
                    KeyCode::Tab | KeyCode::Right | KeyCode::Char('l' | '?') => Mode::Help {
                        page: (page + 1) % HELP_PAGES,
                        scroll: 0,
                    },
                    KeyCode::BackTab | KeyCode::Left | KeyCode::Char('h') => Mode::Help {
                        page: (page + HELP_PAGES - 1) % HELP_PAGES,
                        scroll: 0,
                    },
                    KeyCode::Down | KeyCode::Char('j' | 'J') => Mode::Help {
                        page,
                        scroll: scroll + 1,
                    },
                    KeyCode::PageDown | KeyCode::Char(' ') => Mode::Help {
                        page,
                        scroll: scroll + usize::from(height / 2).max(1),
                    },
                    KeyCode::Up | KeyCode::Char('k' | 'K') => Mode::Help {
                        page,
                        scroll: scroll.saturating_sub(1),
                    },
                    KeyCode::PageUp => Mode::Help {
                        page,
                        scroll: scroll.saturating_sub(usize::from(height / 2).max(1)),
                    },
                    _ => Mode::Normal,
                }
            }
            Mode::Attach { .. } => self.attach_key(key),
            Mode::Note { .. } | Mode::VisitNote { .. } | Mode::Text { .. } => self.edit_key(key),
            Mode::Number { .. } => self.number_key(key),
            Mode::Search { .. } => self.search_key(key),
            Mode::Finalize { .. } => self.finalize_key(key),
            Mode::ConfirmQuit => match key.code {
                KeyCode::Char('y') => self.quit = true,
                // Staying: the NOT SAVED banner keeps saying why.
                _ => self.mode = Mode::Normal,
            },
            Mode::Answer { .. } => self.answer_key(key),
        }
    }

    /// Opens a returned visit on its questions: the first open question's
    /// item selected, the editor's message and the question said.
    pub fn set_returned(&mut self, returned: Returned) {
        let first = returned.open.first().cloned();
        let message = returned.message.clone();
        self.returned = Some(returned);
        if let Some((Some(key), _)) = &first
            && let Some((c, i)) = key.split_once('/')
            && let Some(at) = self.visit.find(c, i)
        {
            self.reveal(at);
        }
        self.message = Some(match first {
            Some((_, question)) => tr!(
                "tui-returned-open",
                message = message.as_str(),
                question = question.as_str()
            ),
            None => tr!("tui-returned-none", message = message.as_str()),
        });
    }

    /// The open questions on the selected item (or, with `visit`, on the visit).
    pub(crate) fn questions_on(&self, key: Option<&str>) -> Vec<String> {
        self.returned.as_ref().map_or_else(Vec::new, |r| {
            r.open
                .iter()
                .filter(|(item, _)| item.as_deref() == key)
                .map(|(_, q)| q.clone())
                .collect()
        })
    }

    /// `e` and `F` on a returned visit: answer a question, resubmit. Other
    /// keys are the read-only visit's; says whether the key was taken.
    fn reply_key(&mut self, key: &KeyEvent) -> bool {
        match key.code {
            KeyCode::Char('e') => {
                let at = self.selected();
                let item = self.visit.ids(at).map(|(c, i)| format!("{c}/{i}"));
                let on_item = !self.questions_on(item.as_deref()).is_empty();
                self.message = None;
                let item = if on_item {
                    Some(item)
                } else if !self.questions_on(None).is_empty() {
                    Some(None)
                } else {
                    None
                };
                if let Some(item) = item {
                    let text = match self.kept_answer.take() {
                        Some((kept, text)) if kept == item => text,
                        other => {
                            self.kept_answer = other;
                            String::new()
                        }
                    };
                    self.mode = Mode::Answer { item, text };
                } else {
                    self.message = Some(tr!("tui-returned-no-question"));
                }
                true
            }
            KeyCode::Char('F') => {
                self.reply(Reply::Resubmit);
                true
            }
            _ => false,
        }
    }

    /// Writes `reply`; says what it came to. A refused answer stays typed.
    fn reply(&mut self, reply: Reply) {
        let Some(returned) = self.returned.as_mut() else {
            return;
        };
        match (returned.replier)(reply.clone()) {
            Ok((said, open)) => {
                returned.open = open;
                self.message = Some(said);
                self.mode = Mode::Normal;
                if reply == Reply::Resubmit {
                    self.returned = None;
                } else if let Some((item, question)) = returned.open.first().cloned() {
                    if let Some((c, i)) = item.as_deref().and_then(|k| k.split_once('/'))
                        && let Some(at) = self.visit.find(c, i)
                    {
                        self.reveal(at);
                    }
                    self.message = Some(format!(
                        "{} · {}",
                        self.message.take().unwrap_or_default(),
                        tr!("tui-returned-next", question = question.as_str())
                    ));
                }
            }
            Err(why) => {
                self.message = Some(why);
                if let Reply::Answer { item, text } = reply {
                    self.mode = Mode::Answer { item, text };
                }
            }
        }
    }

    /// A key in the answer field.
    fn answer_key(&mut self, key: KeyEvent) {
        let Mode::Answer { item, text } = &mut self.mode else {
            return;
        };
        match key.code {
            KeyCode::Esc => {
                if !text.is_empty() {
                    self.kept_answer = Some((item.clone(), text.clone()));
                }
                self.mode = Mode::Normal;
            }
            KeyCode::Enter => {
                if text.trim().is_empty() {
                    self.message = Some(tr!("tui-returned-say-it"));
                    return;
                }
                let reply = Reply::Answer {
                    item: item.clone(),
                    text: text.trim().to_owned(),
                };
                self.reply(reply);
            }
            KeyCode::Backspace => {
                text.pop();
            }
            KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                if !text.is_empty() {
                    self.kept_answer = Some((item.clone(), text.clone()));
                }
                self.mode = Mode::Normal;
            }
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                self.message = None;
                text.push(c);
            }
            _ => {}
        }
    }

    /// Does what `action` asks.
    pub fn act(&mut self, action: Action) {
        let at = self.selected();
        let changes = matches!(
            action,
            Action::Choose(_)
                | Action::Yes
                | Action::No
                | Action::Na
                | Action::Clear
                | Action::EditValue
                | Action::EditNote
                | Action::EditVisitNote
                | Action::Undo
                | Action::Redo
                | Action::Finalize
                | Action::Stopwatch
                | Action::CancelStopwatch
                | Action::Attach
                | Action::AttachToVisit
                | Action::RemoveEvidence
                | Action::RemoveVisitEvidence
        );
        if changes && self.read_only() {
            return;
        }
        match action {
            Action::Next => self.step(1),
            Action::Prev => self.step(-1),
            Action::First | Action::Last => {
                if let Some(at) = self.visit.first_shown(self.tab, action == Action::First) {
                    self.cursor[self.tab] = at.item;
                }
            }
            Action::NextChecklist => self.switch(1),
            Action::PrevChecklist => self.switch(-1),
            Action::Choose(n) => {
                // On a number item a digit starts its value, as typed.
                if matches!(self.visit.response(at), Some(Response::Number { .. })) {
                    self.mode = Mode::Number {
                        at,
                        input: n.to_string(),
                    };
                    return;
                }
                let id = self
                    .visit
                    .response(at)
                    .and_then(|r| r.options().get(usize::from(n) - 1).map(|o| o.id.clone()));
                match id {
                    Some(id) => self.answer_and_advance(at, Answer::Choice(id)),
                    None => self.message = Some(tr!("tui-no-option", n = n)),
                }
            }
            Action::Yes | Action::No => {
                let wanted = if action == Action::Yes { "yes" } else { "no" };
                let has = self
                    .visit
                    .response(at)
                    .is_some_and(|r| r.options().iter().any(|o| o.id == wanted));
                if has {
                    self.answer_and_advance(at, Answer::Choice(wanted.into()));
                } else {
                    self.message = Some(tr!("tui-not-an-option", wanted = wanted));
                }
            }
            Action::Na => self.answer_and_advance(at, Answer::Na),
            Action::Clear => {
                self.answer(at, None);
            }
            Action::EditValue => self.open_value_editor(at),
            Action::EditNote => self.open_note(at),
            Action::EditVisitNote => {
                self.mode = Mode::VisitNote {
                    editor: Box::new(editor(&self.visit.header.note)),
                };
            }
            Action::Undo => {
                let now = self.now();
                match self.visit.undo(&now) {
                    Some(changed) => {
                        self.show_touched(changed);
                        self.save();
                        self.message = Some(tr!("tui-undone"));
                    }
                    None => self.message = Some(tr!("tui-nothing-to-undo")),
                }
            }
            Action::Redo => {
                let now = self.now();
                match self.visit.redo(&now) {
                    Some(changed) => {
                        self.show_touched(changed);
                        self.save();
                        self.message = Some(tr!("tui-redone"));
                    }
                    None => self.message = Some(tr!("tui-nothing-to-redo")),
                }
            }
            Action::Stopwatch => self.stopwatch(at),
            Action::CancelStopwatch => {
                let now = self.now();
                match self.visit.cancel_timer(at, &now) {
                    Ok(true) => {
                        self.save();
                        self.message = Some(tr!("tui-stopwatch-cancelled"));
                    }
                    Ok(false) => self.message = Some(tr!("tui-no-stopwatch")),
                    Err(e) => self.message = Some(refusal(&e)),
                }
            }
            Action::Attach | Action::AttachToVisit => {
                if self.attacher.is_none() {
                    self.message = Some(tr!("tui-attach-unavailable"));
                    return;
                }
                self.mode = Mode::Attach {
                    target: (action == Action::Attach).then_some(at),
                    input: String::new(),
                    choices: Vec::new(),
                };
            }
            Action::RemoveEvidence | Action::RemoveVisitEvidence => {
                let listed = if action == Action::RemoveEvidence {
                    self.visit.evidence_of(at)
                } else {
                    self.visit.visit_evidence()
                };
                let Some((index, _)) = listed.last().copied() else {
                    self.message = Some(if action == Action::RemoveEvidence {
                        tr!("tui-no-file-item")
                    } else {
                        tr!("tui-no-file-visit")
                    });
                    return;
                };
                let now = self.now();
                match self.visit.remove_evidence(index, &now) {
                    Ok(removed) => {
                        self.save();
                        self.message = Some(tr!(
                            "tui-file-unlisted",
                            name = super::theme::drawable(removed.name())
                        ));
                    }
                    Err(e) => self.message = Some(refusal(&e)),
                }
            }
            Action::NextUnanswered => self.jump_unanswered(true),
            Action::PrevUnanswered => self.jump_unanswered(false),
            Action::Guidance => {
                self.guidance = !self.guidance;
                self.message = Some(if self.guidance {
                    tr!("tui-guidance-shown")
                } else {
                    tr!("tui-guidance-hidden")
                });
            }
            Action::DetailDown => self.scroll_detail(true),
            Action::DetailUp => self.scroll_detail(false),
            Action::Search => {
                self.mode = Mode::Search {
                    query: String::new(),
                    found: Vec::new(),
                    selected: 0,
                }
            }
            Action::Finalize => {
                // Back on the row left by a jump: the same issue if it is
                // still open, else the one that took its place.
                let selected = match self.finalize_left.take() {
                    Some((row, issue)) => {
                        let issues = self.visit.finalize_issues();
                        issues
                            .iter()
                            .position(|i| *i == issue)
                            .unwrap_or(row)
                            .min(issues.len().saturating_sub(1))
                    }
                    None => 0,
                };
                self.mode = Mode::Finalize {
                    selected,
                    confirming: false,
                }
            }
            Action::Help => self.mode = Mode::Help { page: 0, scroll: 0 },
            Action::Quit => {
                self.retry_failed_save();
                if self.save_error.is_some() {
                    self.mode = Mode::ConfirmQuit;
                } else {
                    self.quit = true;
                }
            }
        }
    }

    fn read_only(&mut self) -> bool {
        if self.visit.is_final() {
            self.message = Some(tr!("tui-final-read-only"));
        }
        self.visit.is_final()
    }

    /// Sets or clears the answer; false when the visit refused it.
    fn answer(&mut self, at: ItemRef, answer: Option<Answer>) -> bool {
        let now = self.now();
        match self.visit.set_answer(at, answer, &now) {
            Ok(changed) => {
                if changed {
                    self.save();
                }
                true
            }
            Err(e) => {
                self.message = Some(refusal(&e));
                false
            }
        }
    }

    /// A choice, then on to the next shown item, as a paper checklist's eye
    /// would go. Answering an item again with the same choice moves on too.
    /// The status line names what was recorded and on which item.
    /// The item moved to is kept in the same save, so that a draft resumed
    /// after a crash opens where the auditor was.
    fn answer_and_advance(&mut self, at: ItemRef, answer: Answer) {
        let now = self.now();
        match self.visit.set_answer(at, Some(answer), &now) {
            Ok(changed) => {
                self.message = None;
                self.advance(at);
                let here = self.selected();
                self.visit.select(here);
                if changed {
                    self.save();
                }
                let then = self.message.take();
                self.message = Some(self.answered_message(at, then));
                self.just_answered = Some(at);
            }
            Err(e) => self.message = Some(refusal(&e)),
        }
    }

    /// "✗ No — Entrance and lobby clean · u undoes", and what `then` says
    /// (the last item's hint) after it; the prompt is cut to fit the row.
    fn answered_message(&self, at: ItemRef, then: Option<String>) -> String {
        let (Some(entry), Some(response)) = (self.visit.entry(at), self.visit.response(at)) else {
            return then.unwrap_or_default();
        };
        let Some(answer) = entry.answer.as_ref() else {
            return then.unwrap_or_default();
        };
        let said = match answer {
            Answer::Na => tr!("tui-na"),
            Answer::Number(_) | Answer::Text(_) => self.answer_text(at, answer),
            Answer::Choice(_) => {
                let points = score::item_points(&self.visit, at);
                let mark = super::theme::mark(entry, &response, points);
                format!("{} {}", mark.trim(), self.answer_text(at, answer))
            }
        };
        self.named_message(at, said, then)
    }

    /// `said` — the item's prompt · u undoes, then what `then` says; the
    /// prompt is cut so that the whole fits the row.
    fn named_message(&self, at: ItemRef, said: String, then: Option<String>) -> String {
        let Some((_, item)) = self.visit.item(at) else {
            return then.unwrap_or(said);
        };
        let with = |prompt: &str| {
            let said = tr!("tui-answered", answer = said.as_str(), item = prompt);
            match &then {
                Some(then) => format!("{said} · {then}"),
                None => said,
            }
        };
        use unicode_width::UnicodeWidthStr;
        let width = usize::from(self.size.get().0);
        let room = width.saturating_sub(with("").width()).max(12);
        with(&super::theme::fit(
            &super::theme::drawable(&item.prompt),
            room,
        ))
    }

    /// On a number item every digit, `.` and `,` start its value, as typed
    /// (`-` alone is N/A): true when `key` did.
    fn starts_number(&mut self, key: &KeyEvent) -> bool {
        let KeyCode::Char(c) = key.code else {
            return false;
        };
        if key.modifiers.contains(KeyModifiers::CONTROL)
            || !(c.is_ascii_digit() || c == '.' || c == ',')
        {
            return false;
        }
        let at = self.selected();
        if !matches!(self.visit.response(at), Some(Response::Number { .. })) || self.read_only() {
            return false;
        }
        self.message = None;
        self.mode = Mode::Number {
            at,
            input: c.to_string(),
        };
        true
    }

    /// Opens the note editor of `at`; its title names the item.
    fn open_note(&mut self, at: ItemRef) {
        let note = self
            .visit
            .entry(at)
            .map(|e| e.note.clone())
            .unwrap_or_default();
        self.mode = Mode::Note {
            at,
            editor: Box::new(editor(&note)),
        };
    }

    /// Moves from `from` to the next shown item of its checklist (visibility
    /// as it is now, so a follow-up just opened comes next). At the last one
    /// the cursor stays and the status line says where to go.
    fn advance(&mut self, from: ItemRef) {
        if self.selected() != from {
            return;
        }
        match self.visit.next_shown(from, true) {
            Some(next) => self.cursor[self.tab] = next.item,
            None => self.message = Some(self.last_item_message()),
        }
    }

    /// What the status line says at the last item of a touchpoint.
    fn last_item_message(&self) -> String {
        let title = |c: usize| {
            self.visit
                .checklists
                .get(c)
                .map(|l| super::theme::drawable(&l.checklist.checklist.title))
                .unwrap_or_default()
        };
        if self.tab + 1 < self.visit.checklists.len() {
            tr!(
                "tui-last-of-touchpoint",
                title = title(self.tab),
                next = title(self.tab + 1)
            )
        } else {
            tr!("tui-last-of-visit")
        }
    }

    /// Scrolls the detail pane by half its height; back at the top when
    /// another item is selected.
    fn scroll_detail(&mut self, down: bool) {
        let at = self.selected();
        let (shown_for, offset) = self.detail.get();
        let offset = if shown_for == at { offset } else { 0 };
        let step = (self.detail_rows.get() / 2).max(1);
        let offset = if down {
            offset + step
        } else {
            offset.saturating_sub(step)
        };
        // The view clamps it to the text's length as it draws.
        self.detail.set((at, offset));
    }

    /// Shows what an undo or redo changed.
    fn show_touched(&mut self, touched: Touched) {
        if let Touched::Item(at) = touched {
            self.reveal(at);
        }
    }

    /// `t`: starts the stopwatch on a timed item, or stops it and answers.
    fn stopwatch(&mut self, at: ItemRef) {
        let now = self.now();
        let mono = self.mono_now();
        if self.visit.timer(at).is_none() {
            match self.visit.start_timer_mono(at, &now, mono) {
                Ok(_) => {
                    self.save();
                    self.message = Some(tr!("tui-stopwatch-started"));
                }
                Err(e) => self.message = Some(refusal(&e)),
            }
            return;
        }
        match self.visit.stop_timer_mono(at, &now, mono) {
            Ok((seconds, doubt)) => {
                if let Some(doubt) = doubt {
                    // Kept, and flagged where a reviewer reads it: the note.
                    let flag = match doubt {
                        ClockDoubt::WentBack(by) => {
                            tr!("tui-stopwatch-clock-back", seconds = by.round() as i64)
                        }
                        ClockDoubt::Jumped(span) => {
                            tr!(
                                "tui-stopwatch-clock-jumped",
                                hours = (span / 3600.0).round() as i64
                            )
                        }
                    };
                    let note = self
                        .visit
                        .entry(at)
                        .map(|e| e.note.clone())
                        .unwrap_or_default();
                    let flagged = if note.is_empty() {
                        flag
                    } else {
                        format!("{note}\n{flag}")
                    };
                    let _ = self.visit.set_note(at, &flagged, true, &now);
                }
                let doubt_text = doubt.and_then(|_| {
                    self.visit
                        .entry(at)
                        .and_then(|e| e.note.lines().last().map(str::to_owned))
                });
                self.save();
                let answer = self
                    .visit
                    .entry(at)
                    .and_then(|e| e.answer.clone())
                    .map(|a| self.answer_text(at, &a))
                    .unwrap_or_default();
                let mut stopped = tr!("tui-stopped-at", clock = clock(seconds), answer = answer);
                if let Some(flag) = doubt_text {
                    stopped = format!("{stopped} · {flag}");
                }
                self.message = None;
                self.advance(at);
                self.just_answered = Some(at);
                // Named as any answer is: what was recorded, and where.
                let then = self.message.take();
                self.message = Some(self.named_message(at, stopped, then));
            }
            // The stopwatch runs on; the auditor can type the value instead.
            Err(e) => self.message = Some(tr!("tui-stopwatch-runs-on", error = refusal(&e))),
        }
    }

    /// An answer as the status line names it: the option's label or the value.
    fn answer_text(&self, at: ItemRef, answer: &Answer) -> String {
        let response = self.visit.response(at);
        match (answer, response) {
            (Answer::Choice(id), Some(r)) => r
                .options()
                .iter()
                .find(|o| &o.id == id)
                .map_or_else(|| id.clone(), |o| super::theme::drawable(&o.label)),
            (Answer::Number(n), Some(Response::Number { unit, standard, .. })) => {
                super::theme::drawable(&super::words::against_standard(*n, unit, &standard))
            }
            _ => String::new(),
        }
    }

    fn attach_key(&mut self, key: KeyEvent) {
        let Mode::Attach {
            target,
            input,
            choices,
        } = &mut self.mode
        else {
            return;
        };
        let target = *target;
        self.message = None;
        match key.code {
            KeyCode::Esc => self.mode = Mode::Normal,
            KeyCode::Tab => {
                let completion = evidence::complete(input);
                let stuck = completion.choices.is_empty() && completion.input == *input;
                *input = completion.input;
                *choices = completion.choices;
                if stuck {
                    self.message = Some(tr!("tui-no-file-fits"));
                }
            }
            KeyCode::Enter => {
                let typed = input.trim().to_owned();
                if typed.is_empty() {
                    self.mode = Mode::Normal;
                    return;
                }
                self.attach(target, &typed);
            }
            KeyCode::Backspace => {
                input.pop();
                choices.clear();
            }
            KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                input.clear();
                choices.clear();
            }
            KeyCode::Char(c)
                if !key.modifiers.contains(KeyModifiers::CONTROL) && !c.is_control() =>
            {
                input.push(c);
                choices.clear();
            }
            _ => {}
        }
    }

    /// Copies the file at `typed` and lists it; a refusal keeps the field
    /// open with the reason, changing nothing.
    fn attach(&mut self, target: Option<ItemRef>, typed: &str) {
        let Some(attacher) = self.attacher.as_mut() else {
            self.mode = Mode::Normal;
            return;
        };
        let copied = match attacher(&self.visit.header.id, typed) {
            Ok(copied) => copied,
            Err(reason) => {
                self.message = Some(tr!("tui-not-attached", reason = reason));
                return;
            }
        };
        let now = self.now();
        let evidence = Evidence {
            item: target.and_then(|at| self.visit.ids(at)),
            file: copied.file,
            sha256: copied.sha256,
            bytes: copied.bytes,
            added: now.clone(),
        };
        let name = super::theme::drawable(evidence.name());
        let size = evidence::size_text(evidence.bytes);
        match self.visit.add_evidence(evidence, &now) {
            Ok(()) => {
                self.save();
                self.mode = Mode::Normal;
                self.message = Some(if target.is_some() {
                    tr!("tui-attached-item", name = &name, size = &size)
                } else {
                    tr!("tui-attached-visit", name = &name, size = &size)
                });
            }
            Err(e) => self.message = Some(tr!("tui-not-attached", reason = refusal(&e))),
        }
    }

    fn step(&mut self, delta: isize) {
        match self.visit.next_shown(self.selected(), delta > 0) {
            Some(next) => self.cursor[self.tab] = next.item,
            None if delta > 0 => self.message = Some(self.last_item_message()),
            None => {}
        }
    }

    fn switch(&mut self, delta: isize) {
        let count = self.visit.checklists.len() as isize;
        if count > 0 {
            self.tab = (self.tab as isize + delta).rem_euclid(count) as usize;
            self.scroll.set(None);
            self.snap();
        }
    }

    /// Keeps the cursor on a shown item after visibility changed.
    fn snap(&mut self) {
        let at = self.selected();
        if !self.visit.is_shown(at) {
            let before = self.visit.next_shown(at, false);
            if let Some(near) = before.or_else(|| self.visit.first_shown(self.tab, true)) {
                self.cursor[self.tab] = near.item;
            }
        }
    }

    /// Shows `at`: its checklist, with the cursor on it (or near it if hidden).
    pub fn reveal(&mut self, at: ItemRef) {
        self.tab = at.checklist;
        self.cursor[self.tab] = at.item;
        self.snap();
    }

    fn jump_unanswered(&mut self, forward: bool) {
        match self.visit.next_unanswered(self.selected(), forward) {
            Some(at) => self.reveal(at),
            None => self.message = Some(tr!("tui-all-answered")),
        }
    }

    fn open_value_editor(&mut self, at: ItemRef) {
        let Some(response) = self.visit.response(at) else {
            return;
        };
        let answer = self.visit.entry(at).and_then(|e| e.answer.clone());
        match response {
            Response::Text => {
                let text = match answer {
                    Some(Answer::Text(t)) => t,
                    _ => String::new(),
                };
                self.mode = Mode::Text {
                    at,
                    editor: Box::new(editor(&text)),
                };
            }
            Response::Number { .. } => {
                let input = match answer {
                    Some(Answer::Number(n)) => n.to_string(),
                    _ => String::new(),
                };
                self.mode = Mode::Number { at, input };
            }
            Response::Options(_) => {
                self.message = Some(tr!("tui-enter-choose-numbers"));
            }
        }
    }

    /// Keys in the note and text editors. `Enter` closes every editor, as it
    /// saves in every one-line field; a note takes a new line with `Ctrl-J`;
    /// `Tab` closes a text answer and goes to the next item; `Esc` closes.
    /// The text is saved as it is typed, so closing never loses it.
    fn edit_key(&mut self, key: KeyEvent) {
        // Pasted text can hold control characters (C1 arrive as characters):
        // refused here, so no record or export ever holds one.
        if let KeyCode::Char(c) = key.code
            && crate::text::is_control(c)
        {
            self.message = Some(tr!(
                "tui-control-not-typed",
                char = crate::text::char_name(c)
            ));
            return;
        }
        let now = self.now();
        let mode = std::mem::replace(&mut self.mode, Mode::Normal);
        let (mut editor, target) = match mode {
            Mode::Note { at, editor } => (editor, Target::Note(at)),
            Mode::VisitNote { editor } => (editor, Target::VisitNote),
            Mode::Text { at, editor } => (editor, Target::Text(at)),
            other => {
                self.mode = other;
                return;
            }
        };
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match key.code {
            KeyCode::Esc => return,
            KeyCode::Enter if !alt => return,
            KeyCode::Tab => {
                if let Target::Text(_) = target {
                    self.step(1);
                    return;
                }
                // A tab in a note would show as a space: not worth a key.
            }
            // Over a slow link, Esc and the next key can arrive together and
            // be read as Alt+key: close the editor, then handle the key as typed.
            _ if alt => {
                let mut plain = key;
                plain.modifiers.remove(KeyModifiers::ALT);
                self.handle_key(plain);
                return;
            }
            KeyCode::Char('j') if ctrl => {
                if !matches!(target, Target::Text(_)) {
                    editor.insert_newline();
                }
            }
            // As in a shell: Ctrl-U clears the line up to the cursor.
            KeyCode::Char('u') if ctrl => {
                editor.delete_line_by_head();
            }
            _ => {
                editor.input(key);
            }
        }
        self.keep_edit(editor, target, &now);
    }

    /// Stores what an editor holds (saved once) and keeps the editor open.
    fn keep_edit(&mut self, editor: Box<TextArea<'static>>, target: Target, now: &ZonedDateTime) {
        let text = editor.lines().join("\n");
        let outcome = match target {
            Target::Note(at) => self.visit.set_note(at, &text, true, now),
            Target::VisitNote => self.visit.set_visit_note(&text, now),
            Target::Text(at) => self.visit.type_text(at, &text, now),
        };
        match outcome {
            Ok(true) => self.save(),
            Ok(false) => {}
            Err(e) => self.message = Some(refusal(&e)),
        }
        self.mode = match target {
            Target::Note(at) => Mode::Note { at, editor },
            Target::VisitNote => Mode::VisitNote { editor },
            Target::Text(at) => Mode::Text { at, editor },
        };
    }

    /// Text pasted into the terminal (bracketed paste), taken as one change:
    /// into an open note or text answer whole, into a one-line field up to
    /// its first line break, and nowhere else, so a paste can never run as
    /// keys. Text holding a control character is refused whole.
    /// Why `pasted` may not be pasted, if it may not: the writer refuses
    /// what the reader would refuse (issue 17: a visit grown past 16 MiB
    /// was saved, then could never be read). A note or text answer holds
    /// at most [`crate::visit::MAX_TEXT_BYTES`], and the record with the
    /// paste (each `"` or `\` escaped, so counted twice) must stay under
    /// the reader's [`crate::record::MAX_RECORD_BYTES`].
    fn too_large_to_paste(&self, pasted: &str) -> Option<String> {
        if matches!(self.mode, Mode::Normal) {
            return None;
        }
        let most = crate::visit::MAX_TEXT_BYTES;
        let cost = pasted.len() + pasted.matches(['"', '\\']).count();
        if cost > most {
            return Some(tr!(
                "tui-paste-too-large",
                size = pasted.len(),
                most = most / 1024
            ));
        }
        let record = crate::record::try_to_toml(&self.visit).map_or(0, |t| t.len());
        if record + cost > crate::record::MAX_RECORD_BYTES {
            return Some(tr!(
                "tui-paste-visit-too-large",
                most = crate::record::MAX_RECORD_BYTES / 1024 / 1024
            ));
        }
        None
    }

    pub(crate) fn paste(&mut self, pasted: &str) {
        let pasted = pasted.replace("\r\n", "\n").replace('\r', "\n");
        if let Mode::Answer { text, .. } = &mut self.mode {
            if !pasted
                .chars()
                .any(|c| crate::text::is_control(c) && c != '\n' && c != '\t')
            {
                text.push_str(&pasted.replace(['\n', '\t'], " "));
            }
            return;
        }
        if let Some(c) = pasted
            .chars()
            .find(|&c| crate::text::is_control(c) && c != '\n' && c != '\t')
        {
            self.message = Some(tr!(
                "tui-control-not-pasted",
                char = crate::text::char_name(c)
            ));
            return;
        }
        if let Some(refusal) = self.too_large_to_paste(&pasted) {
            self.message = Some(refusal);
            return;
        }
        let first_line = pasted.lines().next().unwrap_or_default().to_owned();
        let now = self.now();
        let mode = std::mem::replace(&mut self.mode, Mode::Normal);
        let (mut editor, target) = match mode {
            Mode::Note { at, editor } => (editor, Target::Note(at)),
            Mode::VisitNote { editor } => (editor, Target::VisitNote),
            // A text answer is one paragraph: line breaks become spaces.
            Mode::Text { at, editor } => {
                let mut editor = editor;
                editor.insert_str(pasted.replace('\n', " "));
                return self.keep_edit(editor, Target::Text(at), &now);
            }
            Mode::Normal => {
                self.message = Some(tr!("tui-paste-where"));
                return;
            }
            one_line @ (Mode::Number { .. } | Mode::Search { .. } | Mode::Attach { .. }) => {
                self.mode = one_line;
                for c in first_line.chars().filter(|&c| c != '\t') {
                    self.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
                }
                return;
            }
            // Help, finalize and questions take no text.
            other => {
                self.mode = other;
                return;
            }
        };
        editor.insert_str(pasted);
        self.keep_edit(editor, target, &now);
    }

    /// Keys in a number field: `Enter` saves and closes, `Tab` saves, closes
    /// and goes to the next item, `Esc` closes changing nothing. A value the
    /// item refuses keeps the field open with the reason.
    fn number_key(&mut self, key: KeyEvent) {
        let Mode::Number { at, input } = &mut self.mode else {
            return;
        };
        let at = *at;
        self.message = None;
        match key.code {
            KeyCode::Esc => self.mode = Mode::Normal,
            KeyCode::Enter | KeyCode::Tab => {
                let typed = input.trim().to_owned();
                let answer = if typed.is_empty() {
                    None
                } else {
                    match typed.replace(',', ".").parse::<f64>() {
                        Ok(n) if n.is_finite() => Some(Answer::Number(n)),
                        _ => {
                            self.message = Some(tr!(
                                "tui-not-a-number",
                                typed = super::theme::drawable(&typed)
                            ));
                            return;
                        }
                    }
                };
                let now = self.now();
                match self.visit.set_answer(at, answer, &now) {
                    Ok(changed) => {
                        if changed {
                            self.save();
                        }
                        self.mode = Mode::Normal;
                        if key.code == KeyCode::Tab {
                            self.step(1);
                            self.just_answered = Some(at);
                        }
                        let then = self.message.take();
                        self.message = Some(self.answered_message(at, then));
                    }
                    Err(e) => self.message = Some(tr!("tui-nothing-changed", error = refusal(&e))),
                }
            }
            KeyCode::Backspace => {
                input.pop();
            }
            // As in a shell: Ctrl-U clears the field.
            KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => input.clear(),
            KeyCode::Char(c)
                if !key.modifiers.contains(KeyModifiers::CONTROL)
                    && input.chars().count() < 32
                    && !c.is_control() =>
            {
                input.push(c);
            }
            _ => {}
        }
    }

    /// Keys while searching: typing narrows the matches (across every
    /// touchpoint), `↑`/`↓` choose one, `Enter` goes to it (with nothing
    /// typed, to the next match of the last search), `Esc` closes. Nothing
    /// moves until `Enter`.
    fn search_key(&mut self, key: KeyEvent) {
        let here = self.selected();
        let Mode::Search {
            query,
            found,
            selected,
        } = &mut self.mode
        else {
            return;
        };
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => {
                self.mode = Mode::Normal;
                return;
            }
            KeyCode::Enter => {
                let query = query.trim().to_owned();
                let (query, pick) = if query.is_empty() {
                    let Some(last) = self.last_search.clone() else {
                        self.mode = Mode::Normal;
                        return;
                    };
                    let found = super::search::matches(&self.visit, &last);
                    let pick = super::search::next_after(&found, here).map(|n| found[n]);
                    (last, pick)
                } else {
                    (query, found.get(*selected).copied())
                };
                self.mode = Mode::Normal;
                self.last_search = Some(query.clone());
                match pick {
                    Some(at) => self.reveal(at),
                    None => {
                        self.message = Some(tr!(
                            "tui-search-no-match",
                            query = super::theme::drawable(&query)
                        ))
                    }
                }
                return;
            }
            KeyCode::Down | KeyCode::Tab => {
                *selected = (*selected + 1).min(found.len().saturating_sub(1));
                return;
            }
            KeyCode::Char('n') if ctrl => {
                *selected = (*selected + 1).min(found.len().saturating_sub(1));
                return;
            }
            KeyCode::Up | KeyCode::BackTab => {
                *selected = selected.saturating_sub(1);
                return;
            }
            KeyCode::Char('p') if ctrl => {
                *selected = selected.saturating_sub(1);
                return;
            }
            KeyCode::Backspace => {
                query.pop();
            }
            KeyCode::Char('u') if ctrl => query.clear(),
            KeyCode::Char(c) if !ctrl && !c.is_control() && query.chars().count() < 80 => {
                query.push(c)
            }
            _ => return,
        }
        *found = super::search::matches(&self.visit, query);
        *selected = super::search::next_after(found, here).unwrap_or(0);
    }

    /// Keys in the finalize summary. With items unanswered or critical
    /// failures, `y` asks once more, saying how many, and only `Y` then
    /// finalizes.
    fn finalize_key(&mut self, key: KeyEvent) {
        let Mode::Finalize {
            selected,
            confirming,
        } = &mut self.mode
        else {
            return;
        };
        let issues = self.visit.finalize_issues();
        if *confirming {
            if key.code == KeyCode::Char('Y') {
                self.finalize();
            } else {
                *confirming = false;
            }
            return;
        }
        match key.code {
            KeyCode::Char('y') => {
                if self.visit.finalize_warnings().any() {
                    *confirming = true;
                } else {
                    self.finalize();
                }
            }
            KeyCode::Char('j') | KeyCode::Down => {
                *selected = (*selected + 1).min(issues.len().saturating_sub(1));
            }
            KeyCode::Char('k') | KeyCode::Up => *selected = selected.saturating_sub(1),
            KeyCode::Enter => {
                if let Some(issue) = issues.get(*selected) {
                    let at = issue.at();
                    self.finalize_left = Some((*selected, *issue));
                    self.mode = Mode::Normal;
                    self.reveal(at);
                }
            }
            _ => self.mode = Mode::Normal,
        }
    }

    fn finalize(&mut self) {
        let now = self.now();
        match self.visit.finalize(&now) {
            Ok(()) => {
                self.save();
                self.mode = Mode::Normal;
                self.message = Some(if self.visit.header.clock_went_back() {
                    clock_went_back(&self.visit.header)
                } else {
                    tr!("tui-finalized")
                });
            }
            Err(e) => self.message = Some(refusal(&e)),
        }
    }
}

enum Target {
    Note(ItemRef),
    VisitNote,
    Text(ItemRef),
}

fn editor(text: &str) -> TextArea<'static> {
    let lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
    let mut editor = TextArea::new(lines);
    // Wrapped as typed, so the beginning stays in view; the cursor at the end.
    editor.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
    editor.move_cursor(ratatui_textarea::CursorMove::Bottom);
    editor.move_cursor(ratatui_textarea::CursorMove::End);
    editor
}

/// Why the visit refused a change, in the interface's words.
pub(crate) fn refusal(e: &VisitError) -> String {
    match e {
        VisitError::ReadOnly => tr!("tui-final-read-only"),
        VisitError::NoItem => tr!("tui-refused-no-item"),
        VisitError::NaNotAllowed => tr!("tui-refused-na"),
        VisitError::NoOption(option) => tr!("tui-no-option", n = option),
        VisitError::OutOfRange {
            value,
            min,
            max,
            unit,
        } => {
            let range = range_text(*min, *max, unit.as_deref());
            tr!("tui-refused-range", value = *value, range = range)
        }
        VisitError::WrongKind(kind) => {
            let kind = match *kind {
                "a number" => "number",
                "text" => "text",
                _ => "options",
            };
            tr!("tui-refused-kind", kind = kind)
        }
        VisitError::NotTimed => tr!("tui-refused-not-timed"),
        VisitError::LongerThanAll(seconds) => tr!("tui-refused-longer", seconds = *seconds),
        VisitError::NoTimer => tr!("tui-no-stopwatch"),
        VisitError::AlreadyAttached => tr!("tui-refused-attached"),
        VisitError::NoEvidence => tr!("tui-refused-no-file"),
    }
}

/// An item no visit has: the detail pane's scroll before any item was shown.
const NOWHERE: ItemRef = ItemRef {
    checklist: usize::MAX,
    item: usize::MAX,
};

#[cfg(test)]
mod tests {
    use super::*;

    /// The visit hands the bounds; the screen says them as a range.
    #[test]
    fn a_number_out_of_range_is_refused_with_its_range_in_words() {
        let refused = |min, max| {
            refusal(&VisitError::OutOfRange {
                value: 12.0,
                min,
                max,
                unit: Some("min".into()),
            })
        };
        assert_eq!(
            refused(Some(0.0), Some(10.0)),
            "12 is outside the allowed range 0–10 min"
        );
        assert_eq!(
            refused(None, Some(10.0)),
            "12 is outside the allowed range at most 10 min"
        );
    }
}
