//! The home screen: drafts to resume (or delete), newest first, and a form
//! to start a visit: journeys first, then single checklists, then any
//! checklist of the user's that could not be read, with its problem. It
//! decides; `main` does what was decided.

use std::cell::Cell;

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::layout::{Axis, fits, split, too_small, wrap_words};
use super::theme::{Theme, drawable, fit, truncate};
use crate::i18n::{Lang, touchpoint_name};
use crate::tr;

/// A draft as the home screen lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftRow {
    /// Visit id, passed back to resume it.
    pub id: String,
    /// Site audited.
    pub site: String,
    /// "12/70".
    pub progress: String,
    /// When it was last saved, as shown.
    pub updated: String,
}

/// A checklist the form offers.
#[derive(Debug, Clone, PartialEq)]
pub struct ChecklistRow {
    /// Id, or path for a file.
    pub id: String,
    /// Title.
    pub title: String,
    /// Touchpoint.
    pub touchpoint: String,
    /// Where it comes from.
    pub source: String,
    /// Ticked.
    pub chosen: bool,
}

/// A journey the form offers: its checklists, ticked together.
#[derive(Debug, Clone, PartialEq)]
pub struct JourneyRow {
    /// "Hotel stay — 3 touchpoints, 76 items".
    pub summary: String,
    /// "Hotel stay · 76 items", for a narrow screen.
    pub short: String,
    /// Its language tag, when its checklists give one.
    pub language: Option<String>,
    /// Ids of its checklists.
    pub checklists: Vec<String>,
}

/// What the auditor decided on the home screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Choice {
    /// Reopen this draft.
    Resume(String),
    /// Start a visit.
    New {
        /// Site.
        site: String,
        /// Auditor.
        auditor: String,
        /// Ids of the ticked checklists.
        checklists: Vec<String>,
    },
    /// Leave.
    Quit,
}

/// Which part of the screen keys go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The drafts list.
    Drafts,
    /// The site field.
    Site,
    /// The auditor field.
    Auditor,
    /// The journeys and checklists.
    Checklists,
    /// The start button.
    Start,
}

/// One line of the list of journeys and checklists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pick {
    Journey(usize),
    Checklist(usize),
    Broken(usize),
}

/// Moves a visit to the trash; an error is a short human reason.
pub(crate) type Deleter = Box<dyn FnMut(&str) -> Result<(), String>>;

/// The home screen's state.
pub struct Home {
    /// Drafts, newest first.
    pub(crate) drafts: Vec<DraftRow>,
    /// Journeys to choose from, offered first.
    pub journeys: Vec<JourneyRow>,
    /// Checklists to choose from.
    pub(crate) checklists: Vec<ChecklistRow>,
    /// The user's checklists that could not be read, each with its problem.
    pub broken: Vec<String>,
    /// Site typed.
    pub(crate) site: String,
    /// Auditor typed.
    pub(crate) auditor: String,
    /// Where keys go.
    pub focus: Focus,
    /// Highlighted draft.
    pub(crate) draft: usize,
    /// Highlighted line of the journeys and checklists.
    pub(crate) pick: usize,
    /// A one-line message.
    pub(crate) message: Option<String>,
    /// Records that could not be read, shown so they are not silently lost.
    pub(crate) problems: Vec<String>,
    /// Colours.
    pub(crate) theme: Theme,
    /// Set once the auditor has decided.
    pub choice: Option<Choice>,
    /// The draft `d` asked to delete, waiting for `y`.
    pub(crate) deleting: Option<usize>,
    /// Whether a key was pressed: the problems of the user's checklists are
    /// said in the status line until then (and stay listed at the end).
    keyed: bool,
    deleter: Option<Deleter>,
    /// The terminal's size at the last frame.
    size: Cell<(u16, u16)>,
    /// Asks the terminal its size now: see [`super::app::App::size_now`].
    pub(crate) size_now: Option<super::app::SizeProbe>,
    /// First line of the list on screen; kept between frames.
    scroll: Cell<usize>,
}

impl Home {
    /// A home screen over these drafts and checklists.
    pub fn new(
        drafts: Vec<DraftRow>,
        checklists: Vec<ChecklistRow>,
        auditor: String,
        theme: Theme,
    ) -> Home {
        let focus = if drafts.is_empty() {
            Focus::Site
        } else {
            Focus::Drafts
        };
        Home {
            drafts,
            journeys: Vec::new(),
            checklists,
            broken: Vec::new(),
            site: String::new(),
            auditor,
            focus,
            draft: 0,
            pick: 0,
            message: None,
            problems: Vec::new(),
            theme,
            choice: None,
            deleting: None,
            keyed: false,
            deleter: None,
            size: Cell::new((u16::MAX, u16::MAX)),
            size_now: None,
            scroll: Cell::new(0),
        }
    }

    /// Lets `d` delete drafts, moving them with `deleter`.
    pub fn set_deleter(&mut self, deleter: Deleter) {
        self.deleter = Some(deleter);
    }

    /// Puts the cursor on the first ticked journey, else the first ticked
    /// checklist: the default the form opens with.
    pub fn point_at_chosen(&mut self) {
        let picks = self.picks();
        let at = picks
            .iter()
            .position(|p| matches!(p, Pick::Journey(j) if self.journey_ticked(*j)))
            .or_else(|| {
                picks
                    .iter()
                    .position(|p| matches!(p, Pick::Checklist(c) if self.checklists[*c].chosen))
            });
        self.pick = at.unwrap_or(0);
    }

    fn picks(&self) -> Vec<Pick> {
        (0..self.journeys.len())
            .map(Pick::Journey)
            .chain((0..self.checklists.len()).map(Pick::Checklist))
            .chain((0..self.broken.len()).map(Pick::Broken))
            .collect()
    }

    fn journey_ticked(&self, j: usize) -> bool {
        self.journeys.get(j).is_some_and(|journey| {
            journey
                .checklists
                .iter()
                .all(|id| self.checklists.iter().any(|c| &c.id == id && c.chosen))
        })
    }

    /// Ticks the checklists of journey `j` and nothing else.
    fn choose_journey(&mut self, j: usize) {
        let Some(journey) = self.journeys.get(j) else {
            return;
        };
        for c in &mut self.checklists {
            c.chosen = journey.checklists.contains(&c.id);
        }
    }

    fn order(&self) -> Vec<Focus> {
        let mut order = Vec::new();
        if !self.drafts.is_empty() {
            order.push(Focus::Drafts);
        }
        order.extend([Focus::Site, Focus::Auditor, Focus::Checklists, Focus::Start]);
        order
    }

    fn cycle(&mut self, delta: isize) {
        let order = self.order();
        let at = order.iter().position(|f| *f == self.focus).unwrap_or(0) as isize;
        let next = (at + delta).rem_euclid(order.len() as isize) as usize;
        self.focus = order[next];
    }

    /// Handles one key press. Below the smallest layout only quitting is
    /// acted on.
    /// Text pasted into the terminal: into the site or auditor field up to
    /// its first line break, and nowhere else, so a paste never runs as keys.
    pub(crate) fn paste(&mut self, pasted: &str) {
        self.message = None;
        let line = pasted.lines().next().unwrap_or_default();
        let field = match self.focus {
            Focus::Site => &mut self.site,
            Focus::Auditor => &mut self.auditor,
            _ => {
                self.message = Some(tr!("tui-home-paste-where"));
                return;
            }
        };
        let (mut focus, stay) = (self.focus, self.focus);
        for c in line.chars() {
            let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
            text_key(field, key, &mut focus, stay);
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        self.message = None;
        self.keyed = true;
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let (width, height) = self.size.get();
        if !fits(width, height) && !super::app::fits_now(self.size_now) {
            if key.code == KeyCode::Esc
                || (ctrl && key.code == KeyCode::Char('c'))
                || key.code == KeyCode::Char('q')
            {
                self.choice = Some(Choice::Quit);
            }
            return;
        }
        if let Some(draft) = self.deleting.take() {
            if key.code == KeyCode::Char('y') {
                self.delete(draft);
            } else {
                self.message = Some(tr!("tui-home-kept"));
            }
            return;
        }
        match key.code {
            KeyCode::Char('c') if ctrl => self.choice = Some(Choice::Quit),
            KeyCode::Esc => self.choice = Some(Choice::Quit),
            KeyCode::Tab => self.cycle(1),
            KeyCode::BackTab => self.cycle(-1),
            _ => match self.focus {
                Focus::Drafts => self.drafts_key(key),
                Focus::Site => text_key(&mut self.site, key, &mut self.focus, Focus::Auditor),
                Focus::Auditor => {
                    text_key(&mut self.auditor, key, &mut self.focus, Focus::Checklists)
                }
                Focus::Checklists => self.checklists_key(key),
                Focus::Start => match key.code {
                    KeyCode::Enter | KeyCode::Char(' ') => self.start(),
                    KeyCode::Char('q') => self.choice = Some(Choice::Quit),
                    KeyCode::Up | KeyCode::Char('k') => self.cycle(-1),
                    _ => {}
                },
            },
        }
    }

    fn drafts_key(&mut self, key: KeyEvent) {
        match key.code {
            KeyCode::Down | KeyCode::Char('j') => {
                if self.draft + 1 < self.drafts.len() {
                    self.draft += 1;
                } else {
                    self.focus = Focus::Site;
                }
            }
            KeyCode::Up | KeyCode::Char('k') => self.draft = self.draft.saturating_sub(1),
            KeyCode::Enter => {
                if let Some(d) = self.drafts.get(self.draft) {
                    self.choice = Some(Choice::Resume(d.id.clone()));
                }
            }
            KeyCode::Char('d') | KeyCode::Delete => {
                if self.deleter.is_none() {
                    self.message = Some(tr!("tui-home-delete-unavailable"));
                } else if self.draft < self.drafts.len() {
                    self.deleting = Some(self.draft);
                }
            }
            KeyCode::Char('n') => self.focus = Focus::Site,
            KeyCode::Char('q') => self.choice = Some(Choice::Quit),
            _ => {}
        }
    }

    fn delete(&mut self, draft: usize) {
        let (Some(row), Some(deleter)) = (self.drafts.get(draft), self.deleter.as_mut()) else {
            return;
        };
        let id = row.id.clone();
        match deleter(&id) {
            Ok(()) => {
                self.drafts.remove(draft);
                self.draft = self.draft.min(self.drafts.len().saturating_sub(1));
                if self.drafts.is_empty() {
                    self.focus = Focus::Site;
                }
                self.message = Some(tr!("tui-home-trashed", id = id));
            }
            Err(reason) => self.message = Some(tr!("tui-home-not-deleted", reason = reason)),
        }
    }

    fn checklists_key(&mut self, key: KeyEvent) {
        let picks = self.picks();
        match key.code {
            KeyCode::Down | KeyCode::Char('j') => {
                if self.pick + 1 < picks.len() {
                    self.pick += 1;
                } else {
                    self.focus = Focus::Start;
                }
            }
            KeyCode::Up | KeyCode::Char('k') => {
                if self.pick == 0 {
                    self.focus = Focus::Auditor;
                } else {
                    self.pick -= 1;
                }
            }
            KeyCode::PageDown => self.pick = (self.pick + 5).min(picks.len().saturating_sub(1)),
            KeyCode::PageUp => self.pick = self.pick.saturating_sub(5),
            KeyCode::Char(' ' | 'x') => match picks.get(self.pick) {
                Some(Pick::Journey(j)) => {
                    if self.journey_ticked(*j) {
                        self.checklists.iter_mut().for_each(|c| c.chosen = false);
                    } else {
                        self.choose_journey(*j);
                    }
                }
                Some(Pick::Checklist(c)) => {
                    if let Some(row) = self.checklists.get_mut(*c) {
                        row.chosen = !row.chosen;
                    }
                }
                Some(Pick::Broken(_)) => self.message = Some(tr!("tui-home-broken-file")),
                None => {}
            },
            KeyCode::Enter => match picks.get(self.pick) {
                // Enter on a journey starts it, whatever else was ticked.
                Some(Pick::Journey(j)) => {
                    self.choose_journey(*j);
                    self.start();
                }
                Some(Pick::Broken(_)) => self.message = Some(tr!("tui-home-broken-file")),
                _ => self.start(),
            },
            KeyCode::Char('q') => self.choice = Some(Choice::Quit),
            _ => {}
        }
    }

    fn start(&mut self) {
        let site = self.site.trim().to_owned();
        let auditor = self.auditor.trim().to_owned();
        let checklists: Vec<String> = self
            .checklists
            .iter()
            .filter(|c| c.chosen)
            .map(|c| c.id.clone())
            .collect();
        if site.is_empty() {
            self.message = Some(tr!("tui-home-need-site"));
            self.focus = Focus::Site;
        } else if auditor.is_empty() {
            self.message = Some(tr!("tui-home-need-auditor"));
            self.focus = Focus::Auditor;
        } else if checklists.is_empty() {
            self.message = Some(tr!("tui-home-need-checklists"));
            self.focus = Focus::Checklists;
        } else {
            self.choice = Some(Choice::New {
                site,
                auditor,
                checklists,
            });
        }
    }

    /// Draws the screen.
    pub fn draw(&self, frame: &mut Frame<'_>) {
        self.draw_screen(frame);
        self.theme.finish(frame.buffer_mut());
    }

    fn draw_screen(&self, frame: &mut Frame<'_>) {
        let area = frame.area();
        self.size.set((area.width, area.height));
        if too_small(frame, area) {
            return;
        }
        let theme = &self.theme;
        let status = self.status_text();
        let status_rows = wrap_words(&status.0, area.width, 3);
        let most_drafts = if area.height < 24 { 3 } else { 6 };
        let drafts_height = (self.drafts.len().min(most_drafts) as u16).max(1) + 2;
        let [title, drafts, form, status_area] = split(
            area,
            Axis::Rows,
            [1, drafts_height, 0, status_rows.len() as u16],
            2,
        );
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled("touchpoint", theme.title()),
                Span::raw(fit(
                    &format!(" {}", tr!("tui-home-tagline")),
                    usize::from(area.width.saturating_sub(10)),
                )),
            ])),
            title,
        );
        self.draw_drafts(frame, drafts);
        self.draw_form(frame, form);
        let lines: Vec<Line> = status_rows
            .into_iter()
            .map(|row| Line::styled(row, status.1))
            .collect();
        frame.render_widget(Paragraph::new(lines), status_area);
    }

    /// The status line: a question, a message, a problem, or the keys.
    fn status_text(&self) -> (String, Style) {
        let theme = &self.theme;
        if let Some(d) = self.deleting.and_then(|n| self.drafts.get(n)) {
            return (
                tr!(
                    "tui-home-delete-confirm",
                    site = drawable(&d.site),
                    progress = &d.progress
                ),
                theme.bad(),
            );
        }
        if let Some(m) = &self.message {
            return (drawable(m), Style::new());
        }
        if self.focus == Focus::Checklists
            && let Some(Pick::Broken(b)) = self.picks().get(self.pick)
            && let Some(problem) = self.broken.get(*b)
        {
            return (drawable(problem), theme.bad());
        }
        if let Some(p) = self.problems.first() {
            return (
                tr!(
                    "tui-home-unreadable",
                    count = self.problems.len(),
                    problem = drawable(p)
                ),
                theme.bad(),
            );
        }
        // Listed last in the list too, but said here so it is seen at once.
        if let Some(b) = self.broken.first().filter(|_| !self.keyed) {
            return (
                tr!(
                    "tui-home-broken",
                    count = self.broken.len(),
                    problem = drawable(b)
                ),
                theme.bad(),
            );
        }
        let keys = match self.focus {
            Focus::Drafts => tr!("tui-home-keys-drafts"),
            Focus::Checklists => tr!("tui-home-keys-checklists"),
            _ => tr!("tui-home-keys-fields"),
        };
        (keys, theme.dim())
    }

    fn focus_style(&self, focus: Focus) -> Style {
        if self.focus == focus {
            self.theme.title()
        } else {
            Style::new()
        }
    }

    fn draw_drafts(&self, frame: &mut Frame<'_>, area: Rect) {
        let title = if area.width >= 60 {
            format!(" {} ", tr!("tui-home-drafts-long"))
        } else {
            format!(" {} ", tr!("tui-home-drafts"))
        };
        let block = Block::bordered()
            .title(title)
            .title_style(self.focus_style(Focus::Drafts));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if self.drafts.is_empty() {
            frame.render_widget(
                Paragraph::new(fit(&tr!("tui-home-no-drafts"), usize::from(inner.width)))
                    .style(self.theme.dim()),
                inner,
            );
            return;
        }
        let height = usize::from(inner.height);
        let width = usize::from(inner.width);
        let start = self.draft.saturating_sub(height.saturating_sub(1));
        let lines: Vec<Line<'_>> = self
            .drafts
            .iter()
            .enumerate()
            .skip(start)
            .take(height)
            .map(|(n, d)| {
                let tail = if width >= 60 {
                    format!(
                        " {}",
                        tr!(
                            "tui-home-draft-answered",
                            progress = format!("{:>7}", d.progress),
                            saved = &d.updated
                        )
                    )
                } else {
                    format!(" {:>7}", d.progress)
                };
                let site = truncate(&drawable(&d.site), width.saturating_sub(2 + tail.width()));
                let selected = self.focus == Focus::Drafts && n == self.draft;
                let marker = if n == self.draft { "▶ " } else { "  " };
                let style = if selected {
                    self.theme.selected()
                } else {
                    Style::new()
                };
                Line::styled(format!("{marker}{site}{tail}"), style)
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }

    fn draw_form(&self, frame: &mut Frame<'_>, area: Rect) {
        let block = Block::bordered().title(format!(" {} ", tr!("tui-home-new-visit")));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let width = usize::from(inner.width);
        let field = |label: &str, value: &str, focus: Focus| {
            let cursor = if self.focus == focus { "▏" } else { "" };
            Line::from(vec![
                Span::styled(format!("{label:<9}"), self.focus_style(focus)),
                Span::styled(
                    format!(
                        "{}{cursor}",
                        fit(&drawable(value), width.saturating_sub(10))
                    ),
                    Style::new().add_modifier(Modifier::UNDERLINED),
                ),
            ])
        };
        let mut lines = vec![
            field(&tr!("tui-home-site"), &self.site, Focus::Site),
            field(&tr!("tui-home-auditor"), &self.auditor, Focus::Auditor),
        ];
        let room = usize::from(inner.height).saturating_sub(lines.len() + 1);
        lines.extend(self.list_lines(room, width));
        let start_style = if self.focus == Focus::Start {
            self.theme.selected().add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        };
        lines.push(Line::styled(tr!("tui-home-start"), start_style));
        frame.render_widget(Paragraph::new(lines), inner);
    }

    /// The journeys, the single checklists and the broken ones under their
    /// headings, `room` rows of them around the highlighted one. Only the
    /// rows on screen are formatted.
    fn list_lines(&self, room: usize, width: usize) -> Vec<Line<'static>> {
        enum Row {
            Heading(String),
            Pick(usize, Pick),
        }
        let mut rows = Vec::new();
        let mut heading = None;
        for (n, pick) in self.picks().into_iter().enumerate() {
            let title = match pick {
                Pick::Journey(_) => tr!("tui-home-journeys"),
                Pick::Checklist(_) => tr!("tui-home-singles"),
                Pick::Broken(_) => tr!("tui-home-broken-heading"),
            };
            if heading.as_ref() != Some(&title) {
                heading = Some(title.clone());
                rows.push(Row::Heading(title));
            }
            rows.push(Row::Pick(n, pick));
        }
        let at = rows
            .iter()
            .position(|r| matches!(r, Row::Pick(n, _) if *n == self.pick))
            .unwrap_or(0);
        let mut offset = self.scroll.get();
        if at < offset {
            // Keep a heading just above the highlighted row in view.
            offset = if at > 0 && matches!(rows[at - 1], Row::Heading(_)) {
                at - 1
            } else {
                at
            };
        } else if room > 0 && at >= offset + room {
            offset = at + 1 - room;
        }
        self.scroll.set(offset);
        let focused = self.focus == Focus::Checklists;
        let tick = |on: bool| if on { "[x] " } else { "[ ] " };
        rows.iter()
            .skip(offset)
            .take(room)
            .map(|row| match row {
                Row::Heading(title) => {
                    Line::styled(fit(title, width), self.focus_style(Focus::Checklists))
                }
                Row::Pick(n, pick) => {
                    let (text, style) = match pick {
                        Pick::Journey(j) => {
                            let journey = &self.journeys[*j];
                            let language = journey
                                .language
                                .as_deref()
                                .map(|l| format!(" · {}", tr!("tui-home-language", tag = l)))
                                .unwrap_or_default();
                            let summary = if width >= 50 {
                                &journey.summary
                            } else {
                                &journey.short
                            };
                            (
                                format!(
                                    "{}{}{language}",
                                    tick(self.journey_ticked(*j)),
                                    drawable(summary)
                                ),
                                Style::new(),
                            )
                        }
                        Pick::Checklist(c) => {
                            let c = &self.checklists[*c];
                            let text = if width >= 70 {
                                format!(
                                    "{}{} {} {}",
                                    tick(c.chosen),
                                    truncate(&drawable(&c.title), 30),
                                    truncate(&drawable(&touchpoint_name(&c.touchpoint)), 10),
                                    drawable(&source_text(&c.source))
                                )
                            } else {
                                format!(
                                    "{}{} · {}",
                                    tick(c.chosen),
                                    drawable(&c.title),
                                    drawable(&touchpoint_name(&c.touchpoint))
                                )
                            };
                            (text, Style::new())
                        }
                        Pick::Broken(b) => (
                            format!("✗ {}", drawable(&self.broken[*b])),
                            self.theme.bad(),
                        ),
                    };
                    let style = if focused && *n == self.pick {
                        self.theme.selected()
                    } else {
                        style
                    };
                    Line::styled(fit(&format!(" {text}"), width), style)
                }
            })
            .collect()
    }
}

/// Where a checklist comes from, in the interface's words: `bundled:ID`
/// and `user: PATH` as the loader names them, anything else as given.
fn source_text(source: &str) -> String {
    if let Some(id) = source.strip_prefix("bundled:") {
        tr!("tui-home-bundled", id = id)
    } else if let Some(path) = source.strip_prefix("user: ") {
        tr!("tui-home-user", path = path)
    } else {
        source.to_owned()
    }
}

/// When a draft was last saved, as the home screen lists it: "Nov 23
/// 14:05" in English, «23 нояб. 14:05» in Russian; 24-hour in both.
pub fn saved_text(time: &jiff::ZonedDateTime) -> String {
    let day = if crate::i18n::lang() == Lang::En {
        "%d"
    } else {
        "%-d"
    };
    tr!(
        "tui-date-time",
        month = crate::i18n::month_short(time.month()),
        day = time.strftime(day).to_string(),
        time = time.strftime("%H:%M").to_string()
    )
}

/// A journey in a few words, for a narrow screen: "Hotel stay · 76 items".
pub fn journey_short(name: &str, items: usize) -> String {
    tr!("tui-journey-short", name = name, items = items)
}

fn text_key(text: &mut String, key: KeyEvent, focus: &mut Focus, next: Focus) {
    match key.code {
        KeyCode::Enter | KeyCode::Down => *focus = next,
        KeyCode::Backspace => {
            text.pop();
        }
        // As in a shell: Ctrl-U clears the field.
        KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => text.clear(),
        KeyCode::Char(c)
            if !key.modifiers.contains(KeyModifiers::CONTROL)
                && !c.is_control()
                && text.chars().count() < 80 =>
        {
            text.push(c);
        }
        _ => {}
    }
}
