//! The home screen: drafts to resume, newest first, and a form to start a
//! visit. It decides; `main` does what was decided.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::theme::{Theme, inert, truncate};
use super::view::too_small;

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
    /// The checklist list.
    Checklists,
    /// The start button.
    Start,
}

/// The home screen's state.
pub struct Home {
    /// Drafts, newest first.
    pub drafts: Vec<DraftRow>,
    /// Checklists to choose from.
    pub checklists: Vec<ChecklistRow>,
    /// Site typed.
    pub site: String,
    /// Auditor typed.
    pub auditor: String,
    /// Where keys go.
    pub focus: Focus,
    /// Highlighted draft.
    pub draft: usize,
    /// Highlighted checklist.
    pub checklist: usize,
    /// A one-line message.
    pub message: Option<String>,
    /// Records that could not be read, shown so they are not silently lost.
    pub problems: Vec<String>,
    /// Colours.
    pub theme: Theme,
    /// Set once the auditor has decided.
    pub choice: Option<Choice>,
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
            checklists,
            site: String::new(),
            auditor,
            focus,
            draft: 0,
            checklist: 0,
            message: None,
            problems: Vec::new(),
            theme,
            choice: None,
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

    /// Handles one key press.
    pub fn handle_key(&mut self, key: KeyEvent) {
        self.message = None;
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
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
            KeyCode::Char('n') => self.focus = Focus::Site,
            KeyCode::Char('q') => self.choice = Some(Choice::Quit),
            _ => {}
        }
    }

    fn checklists_key(&mut self, key: KeyEvent) {
        match key.code {
            KeyCode::Down | KeyCode::Char('j') => {
                if self.checklist + 1 < self.checklists.len() {
                    self.checklist += 1;
                } else {
                    self.focus = Focus::Start;
                }
            }
            KeyCode::Up | KeyCode::Char('k') => {
                if self.checklist == 0 {
                    self.focus = Focus::Auditor;
                } else {
                    self.checklist -= 1;
                }
            }
            KeyCode::Char(' ') | KeyCode::Char('x') => {
                if let Some(c) = self.checklists.get_mut(self.checklist) {
                    c.chosen = !c.chosen;
                }
            }
            KeyCode::Enter => self.start(),
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
            self.message = Some("type the site's name first".into());
            self.focus = Focus::Site;
        } else if auditor.is_empty() {
            self.message = Some("type the auditor's name".into());
            self.focus = Focus::Auditor;
        } else if checklists.is_empty() {
            self.message = Some("tick at least one checklist with Space".into());
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
        let area = frame.area();
        if too_small(frame, area) {
            return;
        }
        let theme = &self.theme;
        let drafts_height = (self.drafts.len().min(6) as u16).max(1) + 2;
        let [title, drafts, form, status] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(drafts_height),
            Constraint::Min(6),
            Constraint::Length(1),
        ])
        .areas(area);
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled("touchpoint", theme.title()),
                Span::raw(" — service audits, one touchpoint at a time"),
            ])),
            title,
        );
        self.draw_drafts(frame, drafts);
        self.draw_form(frame, form);
        let line = match (&self.message, self.problems.first()) {
            (Some(m), _) => Line::raw(inert(m)),
            (None, Some(p)) => Line::styled(
                format!("{} unreadable record(s): {}", self.problems.len(), inert(p)),
                theme.bad(),
            ),
            (None, None) => Line::styled(
                "Tab next field · Space tick · Enter open/start · Esc quit",
                theme.dim(),
            ),
        };
        frame.render_widget(Paragraph::new(line), status);
    }

    fn focus_style(&self, focus: Focus) -> Style {
        if self.focus == focus {
            self.theme.title()
        } else {
            Style::new()
        }
    }

    fn draw_drafts(&self, frame: &mut Frame<'_>, area: Rect) {
        let block = Block::bordered()
            .title(" Drafts — Enter resumes ")
            .title_style(self.focus_style(Focus::Drafts));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        if self.drafts.is_empty() {
            frame.render_widget(
                Paragraph::new("No drafts: start a visit below.").style(self.theme.dim()),
                inner,
            );
            return;
        }
        let height = usize::from(inner.height);
        let start = self.draft.saturating_sub(height.saturating_sub(1));
        let lines: Vec<Line<'_>> = self
            .drafts
            .iter()
            .enumerate()
            .skip(start)
            .take(height)
            .map(|(n, d)| {
                let text = format!(
                    "{} {:>7} answered  saved {}",
                    truncate(&inert(&d.site), 34),
                    d.progress,
                    d.updated,
                );
                let selected = self.focus == Focus::Drafts && n == self.draft;
                let marker = if n == self.draft { "▶ " } else { "  " };
                let style = if selected {
                    self.theme.selected()
                } else {
                    Style::new()
                };
                Line::styled(format!("{marker}{text}"), style)
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), inner);
    }

    fn draw_form(&self, frame: &mut Frame<'_>, area: Rect) {
        let block = Block::bordered().title(" New visit ");
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let field = |label: &str, value: &str, focus: Focus| {
            let cursor = if self.focus == focus { "▏" } else { "" };
            Line::from(vec![
                Span::styled(format!("{label:<10}"), self.focus_style(focus)),
                Span::styled(
                    format!("{}{cursor}", inert(value)),
                    Style::new().add_modifier(Modifier::UNDERLINED),
                ),
            ])
        };
        let mut lines = vec![
            field("Site", &self.site, Focus::Site),
            field("Auditor", &self.auditor, Focus::Auditor),
            Line::styled("Checklists", self.focus_style(Focus::Checklists)),
        ];
        let room = usize::from(inner.height).saturating_sub(lines.len() + 1);
        let start = self.checklist.saturating_sub(room.saturating_sub(1));
        for (n, c) in self.checklists.iter().enumerate().skip(start).take(room) {
            let tick = if c.chosen { "[x]" } else { "[ ]" };
            let text = format!(
                "  {tick} {} {} {}",
                truncate(&inert(&c.touchpoint), 12),
                truncate(&inert(&c.title), 28),
                inert(&c.source)
            );
            let style = if self.focus == Focus::Checklists && n == self.checklist {
                self.theme.selected()
            } else {
                Style::new()
            };
            lines.push(Line::styled(text, style));
        }
        let start_style = if self.focus == Focus::Start {
            self.theme.selected().add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        };
        lines.push(Line::styled("[ Start the visit ]", start_style));
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

fn text_key(text: &mut String, key: KeyEvent, focus: &mut Focus, next: Focus) {
    match key.code {
        KeyCode::Enter | KeyCode::Down => *focus = next,
        KeyCode::Backspace => {
            text.pop();
        }
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
