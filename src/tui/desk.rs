//! The editor's desk on the terminal (SPEC.md, "Review"): the queue of
//! records awaiting review, and the review screen of one record — the visit
//! as its auditor left it, read-only, flagged items marked `⚑` with the
//! reason, corrections as `old → new`.
//!
//! Pure state and drawing: keys in, an [`Request`] out. The shell runs the
//! request through the same code as `touchpoint review REC --query …`
//! (`commands::review::act`) and tells the screen how it went.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::{Theme, drawable, fit, truncate};
use crate::check::Flag;
use crate::record::{AnswerValue, RecordFile};
use crate::review::State;
use crate::tr;

/// The flag mark.
pub(crate) const FLAG: &str = "⚑";

/// What the editor asks the shell to do to the record on the screen: the
/// actions of `touchpoint review REC --query …`.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    /// Ask about an item (`checklist/item`) or, with `None`, the visit.
    Query { item: Option<String>, text: String },
    /// Change an item's answer to an option id (or `n/a`), with a reason.
    Correct {
        item: String,
        answer: String,
        reason: String,
    },
    /// Approve the record.
    Approve,
    /// Send it back with a message.
    Return { text: String },
    /// Leave it out of every figure, with a reason.
    Exclude { text: String },
}

impl Request {
    /// Whether it changes the status (the record then leaves the queue).
    pub(crate) fn ends_review(&self) -> bool {
        matches!(
            self,
            Request::Approve | Request::Return { .. } | Request::Exclude { .. }
        )
    }
}

/// One record in the queue.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueRow {
    /// The record file.
    pub path: std::path::PathBuf,
    /// Visit id, site, auditor, when finished (already shown as text).
    pub id: String,
    /// The site.
    pub site: String,
    /// The auditor.
    pub auditor: String,
    /// When the visit was finalized.
    pub finished: String,
    /// The review status in words (final, resubmitted).
    pub status: String,
    /// How many flags the checks raise on it.
    pub flags: usize,
    /// Its signature's state in words (valid, unsigned, invalid, unknown key).
    pub signed: String,
}

/// The queue screen: oldest first.
#[derive(Debug, Clone)]
pub struct Queue {
    /// The records awaiting review.
    pub(crate) rows: Vec<QueueRow>,
    /// The selected row.
    pub(crate) selected: usize,
    /// What the last action came to, shown at the bottom.
    pub(crate) message: Option<String>,
    /// Colours and marks.
    pub(crate) theme: Theme,
    /// The help is shown.
    pub(crate) help: bool,
}

/// What the editor chose on the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum QueueChoice {
    /// Open the row's record on the review screen.
    Open(usize),
    /// Leave.
    Quit,
}

/// Ctrl-c, Esc and `q` leave every screen of the desk.
fn is_leave(key: &KeyEvent) -> bool {
    (key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL))
        || key.code == KeyCode::Char('q')
        || key.code == KeyCode::Esc
}

impl Queue {
    /// A queue of `rows`, the first selected.
    pub fn new(rows: Vec<QueueRow>, theme: Theme) -> Queue {
        Queue {
            rows,
            selected: 0,
            message: None,
            theme,
            help: false,
        }
    }

    /// One key: moves the selection, opens a record or leaves.
    pub(crate) fn handle_key(&mut self, key: KeyEvent) -> Option<QueueChoice> {
        let key = super::keymap::by_place(key);
        if self.help {
            self.help = false;
            return None;
        }
        self.message = None;
        let last = self.rows.len().saturating_sub(1);
        match key.code {
            _ if is_leave(&key) => return Some(QueueChoice::Quit),
            KeyCode::Down | KeyCode::Char('j') => self.selected = (self.selected + 1).min(last),
            KeyCode::Up | KeyCode::Char('k') => self.selected = self.selected.saturating_sub(1),
            KeyCode::Home | KeyCode::Char('g') => self.selected = 0,
            KeyCode::End | KeyCode::Char('G') => self.selected = last,
            KeyCode::Enter | KeyCode::Char('l') | KeyCode::Right if !self.rows.is_empty() => {
                return Some(QueueChoice::Open(self.selected));
            }
            KeyCode::Char('?') => self.help = true,
            _ => {}
        }
        None
    }

    /// Draws the queue.
    pub fn draw(&self, frame: &mut Frame<'_>) {
        let area = frame.area();
        if super::layout::too_small(frame, area) {
            return;
        }
        let theme = &self.theme;
        let width = area.width as usize;
        let mut lines = vec![Line::styled(
            fit(&tr!("desk-queue-title", count = self.rows.len()), width),
            theme.title(),
        )];
        let body = area.height as usize - 2;
        if self.help {
            lines.extend(help_lines(&queue_keys(), width, theme));
        } else if self.rows.is_empty() {
            lines.push(Line::raw(fit(&tr!("review-queue-empty"), width)));
        } else {
            // Id, then flags and status, then site, auditor and date as room allows.
            let flags_w = 4;
            let status_w = 12.min(width / 4);
            let id_w = 12.min(width / 3);
            let date_w = if width >= 70 { 17 } else { 0 };
            let signed_w = if width >= 60 { 10 } else { 0 };
            let rest = width.saturating_sub(id_w + flags_w + status_w + date_w + signed_w + 4);
            // The auditor's column only where the site keeps room enough.
            let site_w = if width >= 100 { rest * 3 / 5 } else { rest };
            let auditor_w = rest - site_w;
            let mut head = format!(
                "{} {} {:>3} {}",
                truncate(&tr!("cli-list-id"), id_w),
                truncate(&tr!("cli-list-site"), site_w),
                FLAG,
                truncate(&tr!("cli-list-status"), status_w),
            );
            if signed_w > 0 {
                head.push_str(&truncate(&tr!("review-queue-signed"), signed_w));
            }
            if auditor_w > 0 {
                head.push_str(&truncate(&tr!("review-queue-auditor"), auditor_w));
            }
            if date_w > 0 {
                head.push(' ');
                head.push_str(&tr!("review-queue-finished"));
            }
            lines.push(Line::styled(fit(&head, width), theme.dim()));
            let window = body - 1;
            let top = self.selected.saturating_sub(window.saturating_sub(1));
            for (n, row) in self.rows.iter().enumerate().skip(top).take(window) {
                let flags = if row.flags == 0 {
                    "  ·".to_owned()
                } else {
                    format!("{:>3}", row.flags)
                };
                let mut text = format!(
                    "{} {} {flags} {}",
                    truncate(&drawable(&row.id), id_w),
                    truncate(&drawable(&row.site), site_w),
                    truncate(&drawable(&row.status), status_w),
                );
                if signed_w > 0 {
                    text.push_str(&truncate(&row.signed, signed_w));
                }
                if auditor_w > 0 {
                    text.push_str(&truncate(&drawable(&row.auditor), auditor_w));
                }
                if date_w > 0 {
                    text.push(' ');
                    text.push_str(&row.finished);
                }
                let style = if n == self.selected {
                    theme.selected()
                } else if row.flags > 0 {
                    theme.bad().remove_modifier(ratatui::style::Modifier::BOLD)
                } else {
                    Style::new()
                };
                lines.push(Line::styled(truncate(&text, width), style));
            }
        }
        frame.render_widget(Paragraph::new(lines), area);
        let footer = self
            .message
            .clone()
            .unwrap_or_else(|| tr!("desk-queue-footer"));
        frame.render_widget(
            Paragraph::new(Line::styled(fit(&drawable(&footer), width), theme.dim())),
            Rect::new(area.x, area.bottom() - 1, area.width, 1),
        );
        theme.finish(frame.buffer_mut());
    }
}

/// One item of the record on the review screen.
#[derive(Debug, Clone, PartialEq)]
pub struct DeskItem {
    /// `checklist/item`.
    pub(crate) key: String,
    /// The checklist's title (the list's section heading).
    pub(crate) checklist: String,
    /// The prompt.
    pub(crate) prompt: String,
    /// The auditor's answer in words (`—` unanswered, `n/a`).
    pub(crate) answer: String,
    /// The mark before it (✓ ✗ ◐ …).
    pub(crate) mark: &'static str,
    /// The auditor's note.
    pub(crate) note: String,
    /// The flags' details.
    pub(crate) flags: Vec<String>,
    /// The correction, `old → new`, and its reason.
    pub(crate) correction: Option<(String, String)>,
    /// Open questions on it.
    pub(crate) queries: Vec<String>,
    /// The options a correction may choose: (id, label); `n/a` last where allowed.
    pub(crate) options: Vec<(String, String)>,
    /// Hidden by `show_if` (listed dim).
    pub(crate) skipped: bool,
}

/// What the review screen is doing.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Mode {
    /// Reading: scrolling the items.
    Read,
    /// The help.
    Help,
    /// Choosing the new answer of the selected item.
    Choose { selected: usize },
    /// Typing a question, reason or message.
    Typing { purpose: Purpose, text: String },
    /// A request is with the shell.
    Waiting { purpose: Purpose, text: String },
}

/// What the typed text is for.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Purpose {
    /// A question on the selected item.
    Query,
    /// A question on the whole visit.
    QueryVisit,
    /// The new answer of an item without options to choose (a number or
    /// text); the reason is asked next.
    NewAnswer,
    /// The reason of a correction to this answer.
    Reason(String),
    /// The message of a return.
    Return,
    /// The reason of an exclusion.
    Exclude,
    /// An approval (nothing typed).
    Approve,
}

/// The review screen of one record.
#[derive(Debug, Clone)]
pub struct Desk {
    /// Visit id, site and auditor.
    pub(crate) id: String,
    /// The site.
    pub(crate) site: String,
    /// The auditor.
    pub(crate) auditor: String,
    /// The review status in words.
    pub(crate) status: String,
    /// The auditor's note on the visit.
    pub(crate) visit_note: String,
    /// Flags and open questions about the whole visit.
    pub(crate) visit_flags: Vec<String>,
    /// Open questions on the whole visit.
    pub(crate) visit_queries: Vec<String>,
    /// The items, in record order.
    pub items: Vec<DeskItem>,
    /// The selected item.
    pub selected: usize,
    /// What the screen is doing.
    pub(crate) mode: Mode,
    /// What the last action came to.
    pub(crate) message: Option<String>,
    /// A request for the shell, taken by it.
    pub request: Option<Request>,
    /// The editor goes back to the queue.
    pub leave: bool,
    /// Text typed and put away with `Esc`: what it was for, on which item;
    /// the same field on the same item opens with it (nothing typed is lost).
    pub(crate) kept: Option<(Purpose, usize, String)>,
    /// Colours and marks.
    pub(crate) theme: Theme,
}

/// An answer as a reader sees it.
fn answer_text(o: &crate::record::Observation<crate::record::Stamp>) -> String {
    if o.na {
        return "n/a".to_owned();
    }
    match (&o.label, &o.answer) {
        (Some(label), _) => label.clone(),
        (None, Some(AnswerValue::Text(t))) => t.clone(),
        (None, Some(n)) => n.as_text(),
        (None, None) => "—".to_owned(),
    }
}

/// The list mark of an observation, from its points alone.
fn mark_of(o: &crate::record::Observation<crate::record::Stamp>) -> &'static str {
    if o.na {
        return "n/a";
    }
    match (&o.answer, o.points, o.max) {
        (None, _, _) => " · ",
        (Some(_), _, _) if o.exceeded => " ▲ ",
        (Some(_), Some(p), Some(_)) if p <= 0.0 => " ✗ ",
        (Some(_), Some(p), Some(m)) if p >= m => " ✓ ",
        (Some(_), Some(_), Some(_)) => " ◐ ",
        (Some(AnswerValue::Number(_)), _, _) => " # ",
        (Some(AnswerValue::Text(_)), _, _) if o.label.is_none() => " ¶ ",
        _ => " • ",
    }
}

impl Desk {
    /// The review screen of `record`, with its review so far, the flags the
    /// checks raise on it, and each item's options (`options(key)`).
    pub fn new(
        record: &RecordFile,
        state: &State,
        flags: &[Flag],
        options: &dyn Fn(&str) -> Vec<(String, String)>,
        theme: Theme,
    ) -> Desk {
        let titles: std::collections::HashMap<&str, &str> = record
            .checklists
            .iter()
            .map(|c| (c.id.as_str(), c.title.as_str()))
            .collect();
        let items = record
            .observations
            .iter()
            .map(|o| {
                let key = format!("{}/{}", o.checklist, o.item);
                DeskItem {
                    checklist: titles
                        .get(o.checklist.as_str())
                        .map_or_else(|| o.checklist.clone(), |t| (*t).to_owned()),
                    prompt: o.prompt.clone(),
                    answer: answer_text(o),
                    mark: mark_of(o),
                    note: o.note.clone(),
                    flags: flags
                        .iter()
                        .filter(|f| f.item.as_deref() == Some(key.as_str()))
                        .map(|f| format!("{}: {}", f.code.as_str(), f.detail))
                        .collect(),
                    correction: state
                        .correction(&key)
                        .map(|c| (c.arrow(), c.reason.clone())),
                    queries: state
                        .open
                        .iter()
                        .filter(|q| q.item.as_deref() == Some(key.as_str()))
                        .map(|q| q.text.clone())
                        .collect(),
                    options: options(&key),
                    skipped: o.skipped,
                    key,
                }
            })
            .collect();
        Desk {
            id: record.header.id.clone(),
            site: record.header.site.clone(),
            auditor: record.header.auditor.clone(),
            status: state.shown(),
            visit_note: record.header.note.clone(),
            visit_flags: flags
                .iter()
                .filter(|f| f.item.is_none())
                .map(|f| format!("{}: {}", f.code.as_str(), f.detail))
                .collect(),
            visit_queries: state
                .open
                .iter()
                .filter(|q| q.item.is_none())
                .map(|q| q.text.clone())
                .collect(),
            items,
            selected: 0,
            mode: Mode::Read,
            message: None,
            request: None,
            leave: false,
            kept: None,
            theme,
        }
    }

    /// Opens the field for `purpose`, with the text put away from it, if any.
    fn start_typing(&mut self, purpose: Purpose) {
        let text = match self.kept.take() {
            Some((p, at, text)) if p == purpose && at == self.selected => text,
            other => {
                self.kept = other;
                String::new()
            }
        };
        self.mode = Mode::Typing { purpose, text };
    }

    /// How many flags the record raises.
    pub(crate) fn flag_count(&self) -> usize {
        self.visit_flags.len() + self.items.iter().map(|i| i.flags.len()).sum::<usize>()
    }

    /// The same screen after the review changed (a reload), keeping the
    /// place and the editor's message.
    pub(crate) fn reloaded(mut self, old: &Desk) -> Desk {
        self.selected = old.selected.min(self.items.len().saturating_sub(1));
        self.message = old.message.clone();
        self
    }

    /// The shell's answer to the request: `Ok(message)` — done; `Err` —
    /// refused, and the typed text is back in the field to mend.
    pub fn finished(&mut self, outcome: Result<String, String>) {
        let mode = std::mem::replace(&mut self.mode, Mode::Read);
        match outcome {
            Ok(said) => self.message = Some(said),
            Err(why) => {
                self.message = Some(why);
                if let Mode::Waiting { purpose, text } = mode
                    && purpose != Purpose::Approve
                {
                    self.mode = Mode::Typing { purpose, text };
                }
            }
        }
    }

    /// The next (or previous) flagged item from the selected one.
    fn next_flagged(&self, forward: bool) -> Option<usize> {
        let n = self.items.len();
        (1..n)
            .map(|step| {
                if forward {
                    (self.selected + step) % n
                } else {
                    (self.selected + n - step) % n
                }
            })
            .find(|&i| !self.items[i].flags.is_empty())
    }

    /// Rows of the list window: how many items a page holds at `height`.
    fn page(&self) -> usize {
        8
    }

    /// Text pasted into a field: one line.
    pub(crate) fn paste(&mut self, pasted: &str) {
        if let Mode::Typing { text, .. } = &mut self.mode {
            text.push_str(&pasted.replace(['\r', '\n'], " "));
        }
    }

    /// One key.
    pub fn handle_key(&mut self, key: KeyEvent) {
        match &mut self.mode {
            Mode::Waiting { .. } => return,
            Mode::Help => {
                self.mode = Mode::Read;
                return;
            }
            Mode::Typing { purpose, text } => {
                match key.code {
                    KeyCode::Esc => {
                        if !text.is_empty() {
                            self.kept = Some((purpose.clone(), self.selected, text.clone()));
                        }
                        self.mode = Mode::Read;
                    }
                    KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                        if !text.is_empty() {
                            self.kept = Some((purpose.clone(), self.selected, text.clone()));
                        }
                        self.mode = Mode::Read;
                    }
                    KeyCode::Enter => {
                        if text.trim().is_empty() {
                            self.message = Some(tr!("desk-say-it"));
                            return;
                        }
                        let item = self.items.get(self.selected).map(|i| i.key.clone());
                        let said = text.trim().to_owned();
                        if *purpose == Purpose::NewAnswer {
                            // The answer typed; the reason comes next, and the
                            // correction is checked against the item then.
                            self.start_typing(Purpose::Reason(said));
                            return;
                        }
                        self.request = Some(match purpose.clone() {
                            Purpose::Query => Request::Query { item, text: said },
                            Purpose::QueryVisit => Request::Query {
                                item: None,
                                text: said,
                            },
                            Purpose::Reason(answer) => Request::Correct {
                                item: item.unwrap_or_default(),
                                answer,
                                reason: said,
                            },
                            Purpose::Return => Request::Return { text: said },
                            Purpose::Exclude | Purpose::Approve | Purpose::NewAnswer => {
                                Request::Exclude { text: said }
                            }
                        });
                        self.mode = Mode::Waiting {
                            purpose: purpose.clone(),
                            text: text.clone(),
                        };
                    }
                    KeyCode::Backspace => {
                        text.pop();
                    }
                    KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                        text.push(c);
                    }
                    _ => {}
                }
                return;
            }
            Mode::Choose { selected } => {
                let options = self
                    .items
                    .get(self.selected)
                    .map(|i| i.options.clone())
                    .unwrap_or_default();
                let key = super::keymap::by_place(key);
                match key.code {
                    KeyCode::Esc | KeyCode::Char('q') => self.mode = Mode::Read,
                    KeyCode::Down | KeyCode::Char('j') => {
                        *selected = (*selected + 1).min(options.len().saturating_sub(1));
                    }
                    KeyCode::Up | KeyCode::Char('k') => *selected = selected.saturating_sub(1),
                    KeyCode::Char(c @ '1'..='9') => {
                        let n = c as usize - '1' as usize;
                        if n < options.len() {
                            self.start_typing(Purpose::Reason(options[n].0.clone()));
                        }
                    }
                    KeyCode::Enter => {
                        if let Some((id, _)) = options.get(*selected) {
                            let id = id.clone();
                            self.start_typing(Purpose::Reason(id));
                        }
                    }
                    _ => {}
                }
                return;
            }
            Mode::Read => {}
        }
        let key = super::keymap::by_place(key);
        self.message = None;
        let last = self.items.len().saturating_sub(1);
        match key.code {
            _ if is_leave(&key) => self.leave = true,
            KeyCode::Down | KeyCode::Char('j') | KeyCode::Enter => {
                self.selected = (self.selected + 1).min(last);
            }
            KeyCode::Up | KeyCode::Char('k') => self.selected = self.selected.saturating_sub(1),
            KeyCode::PageDown | KeyCode::Char(' ') => {
                self.selected = (self.selected + self.page()).min(last);
            }
            KeyCode::PageUp | KeyCode::Char('b') => {
                self.selected = self.selected.saturating_sub(self.page());
            }
            KeyCode::Home | KeyCode::Char('g') => self.selected = 0,
            KeyCode::End | KeyCode::Char('G') => self.selected = last,
            KeyCode::Char(c @ (']' | '[')) => match self.next_flagged(c == ']') {
                Some(n) => self.selected = n,
                None => self.message = Some(tr!("desk-no-other-flag")),
            },
            KeyCode::Char('m') if !self.items.is_empty() => self.start_typing(Purpose::Query),
            KeyCode::Char('M') => self.start_typing(Purpose::QueryVisit),
            KeyCode::Char('c') => match self.items.get(self.selected) {
                Some(item) if !item.options.is_empty() => {
                    self.mode = Mode::Choose { selected: 0 };
                }
                // A number or a text (or an item whose checklist is not at
                // hand): the new answer is typed, and checked when sent.
                Some(_) => self.start_typing(Purpose::NewAnswer),
                None => {}
            },
            KeyCode::Char('A') => {
                self.request = Some(Request::Approve);
                self.mode = Mode::Waiting {
                    purpose: Purpose::Approve,
                    text: String::new(),
                };
            }
            KeyCode::Char('R') => self.start_typing(Purpose::Return),
            KeyCode::Char('X') => self.start_typing(Purpose::Exclude),
            KeyCode::Char('?') => self.mode = Mode::Help,
            _ => {}
        }
    }

    /// Draws the review screen.
    pub fn draw(&self, frame: &mut Frame<'_>) {
        let area = frame.area();
        if super::layout::too_small(frame, area) {
            return;
        }
        let theme = &self.theme;
        let width = area.width as usize;
        let flags = self.flag_count();
        let header = format!(
            "{} · {} · {} · {}",
            drawable(&self.id),
            drawable(&self.site),
            drawable(&self.auditor),
            self.status
        );
        let mut head = Vec::new();
        if flags > 0 {
            head.push(Span::styled(format!("{FLAG} {flags} "), theme.bad()));
        }
        head.push(Span::styled(
            fit(
                &tr!("desk-title", header = header.as_str()),
                width.saturating_sub(if flags > 0 { 6 } else { 0 }),
            ),
            theme.title(),
        ));
        frame.render_widget(
            Paragraph::new(Line::from(head)),
            Rect::new(area.x, area.y, area.width, 1),
        );
        if self.mode == Mode::Help {
            let mut lines = help_lines(&desk_keys(), width, theme);
            lines.truncate(area.height as usize - 2);
            frame.render_widget(
                Paragraph::new(lines),
                Rect::new(area.x, area.y + 1, area.width, area.height - 2),
            );
            self.draw_footer(frame, area);
            theme.finish(frame.buffer_mut());
            return;
        }
        // The detail of the selected item under the list: about a third.
        let detail = self.detail_lines(width);
        let body = area.height - 2;
        let detail_h = (detail.len() as u16).clamp(3, body / 2);
        let list_h = body - detail_h;
        self.draw_list(frame, Rect::new(area.x, area.y + 1, area.width, list_h));
        let mut detail = detail;
        detail.truncate(detail_h as usize);
        frame.render_widget(
            Paragraph::new(detail),
            Rect::new(area.x, area.y + 1 + list_h, area.width, detail_h),
        );
        if let Mode::Choose { selected } = &self.mode {
            self.draw_choices(frame, area, *selected);
        }
        self.draw_footer(frame, area);
        theme.finish(frame.buffer_mut());
    }

    fn draw_list(&self, frame: &mut Frame<'_>, area: Rect) {
        let theme = &self.theme;
        let width = area.width as usize;
        // Rows: a heading where the checklist changes, then the item.
        let mut rows: Vec<(Option<usize>, String)> = Vec::new();
        for (n, item) in self.items.iter().enumerate() {
            if n == 0 || self.items[n - 1].checklist != item.checklist {
                rows.push((None, drawable(&item.checklist)));
            }
            rows.push((Some(n), String::new()));
        }
        let at = rows
            .iter()
            .position(|r| r.0 == Some(self.selected))
            .unwrap_or(0);
        let height = area.height as usize;
        // Keep the selected row a third down the window, so what comes next shows.
        let top = at
            .saturating_sub(height / 3)
            .min(rows.len().saturating_sub(height));
        let mut lines = Vec::new();
        for (item, heading) in rows.iter().skip(top).take(height) {
            let Some(n) = item else {
                lines.push(Line::styled(fit(heading, width), theme.section()));
                continue;
            };
            let item = &self.items[*n];
            let flag = if item.flags.is_empty() {
                if item.queries.is_empty() { " " } else { "?" }
            } else {
                FLAG
            };
            let answer = match &item.correction {
                Some((arrow, _)) => drawable(arrow),
                None => drawable(&item.answer),
            };
            let answer = fit(&answer, (width / 3).max(6));
            let answer_w = unicode_width::UnicodeWidthStr::width(answer.as_str());
            let prompt_w = width.saturating_sub(answer_w + 6);
            let text = format!(
                "{flag}{}{} {answer}",
                item.mark,
                truncate(&drawable(&item.prompt), prompt_w)
            );
            let style = if *n == self.selected {
                theme.selected()
            } else if !item.flags.is_empty() || item.correction.is_some() {
                theme.bad().remove_modifier(ratatui::style::Modifier::BOLD)
            } else if item.skipped {
                theme.dim()
            } else {
                Style::new()
            };
            lines.push(Line::styled(truncate(&text, width), style));
        }
        frame.render_widget(Paragraph::new(lines), area);
    }

    fn detail_lines(&self, width: usize) -> Vec<Line<'static>> {
        let theme = &self.theme;
        let mut lines = vec![Line::styled("─".repeat(width), theme.dim())];
        let Some(item) = self.items.get(self.selected) else {
            return lines;
        };
        let wrap = |text: &str| super::layout::wrap_words(&drawable(text), width as u16, 3);
        for l in wrap(&item.prompt) {
            lines.push(Line::styled(l, theme.title()));
        }
        lines.push(Line::raw(fit(
            &tr!("desk-answer", answer = drawable(&item.answer)),
            width,
        )));
        if let Some((arrow, reason)) = &item.correction {
            lines.push(Line::styled(
                fit(
                    &tr!(
                        "desk-corrected",
                        change = drawable(arrow),
                        reason = drawable(reason)
                    ),
                    width,
                ),
                theme.bad(),
            ));
        }
        for flag in &item.flags {
            for l in
                super::layout::wrap_words(&format!("{FLAG} {}", drawable(flag)), width as u16, 3)
            {
                lines.push(Line::styled(l, theme.bad()));
            }
        }
        for q in &item.queries {
            lines.push(Line::raw(fit(
                &tr!("desk-open-query", text = drawable(q)),
                width,
            )));
        }
        if !item.note.is_empty() {
            for l in wrap(&tr!("desk-note", note = item.note.as_str())) {
                lines.push(Line::raw(l));
            }
        }
        if self.selected == 0 {
            if !self.visit_note.is_empty() {
                for l in wrap(&tr!("desk-visit-note", note = self.visit_note.as_str())) {
                    lines.push(Line::raw(l));
                }
            }
            for f in &self.visit_flags {
                lines.push(Line::styled(
                    fit(&format!("{FLAG} {}", drawable(f)), width),
                    theme.bad(),
                ));
            }
            for q in &self.visit_queries {
                lines.push(Line::raw(fit(
                    &tr!("desk-open-query", text = drawable(q)),
                    width,
                )));
            }
        }
        lines
    }

    fn draw_choices(&self, frame: &mut Frame<'_>, area: Rect, selected: usize) {
        let Some(item) = self.items.get(self.selected) else {
            return;
        };
        let theme = &self.theme;
        let w = area.width.min(40);
        let h = (item.options.len() as u16 + 2).min(area.height - 2);
        let rect = Rect::new(
            area.x + (area.width - w) / 2,
            area.y + (area.height - h) / 2,
            w,
            h,
        );
        frame.render_widget(ratatui::widgets::Clear, rect);
        let block = ratatui::widgets::Block::bordered().title(tr!("desk-choose-title"));
        let lines: Vec<Line> = item
            .options
            .iter()
            .enumerate()
            .map(|(n, (_, label))| {
                let text = format!("{} {}", n + 1, drawable(label));
                let style = if n == selected {
                    theme.selected()
                } else {
                    Style::new()
                };
                Line::styled(truncate(&text, w as usize - 2), style)
            })
            .collect();
        frame.render_widget(Paragraph::new(lines).block(block), rect);
    }

    fn draw_footer(&self, frame: &mut Frame<'_>, area: Rect) {
        let theme = &self.theme;
        let width = area.width as usize;
        let line = match &self.mode {
            Mode::Typing { purpose, text } => {
                let label = match purpose {
                    Purpose::Query => tr!("desk-ask-item"),
                    Purpose::QueryVisit => tr!("desk-ask-visit"),
                    Purpose::NewAnswer => tr!("desk-ask-answer"),
                    Purpose::Reason(_) => tr!("desk-ask-reason"),
                    Purpose::Return => tr!("desk-ask-return"),
                    Purpose::Exclude | Purpose::Approve => tr!("desk-ask-exclude"),
                };
                let shown = drawable(text);
                // The end of a long text shows, where the typing is.
                let room =
                    width.saturating_sub(unicode_width::UnicodeWidthStr::width(label.as_str()) + 2);
                let chars: Vec<char> = shown.chars().collect();
                let mut tail = String::new();
                for c in chars.iter().rev() {
                    if unicode_width::UnicodeWidthStr::width(tail.as_str()) + 2 > room {
                        break;
                    }
                    tail.insert(0, *c);
                }
                let line = Line::from(vec![
                    Span::styled(format!("{label} "), theme.title()),
                    Span::raw(format!("{tail}▏")),
                ]);
                if let Some(m) = &self.message {
                    // A refusal shows above the field.
                    frame.render_widget(
                        Paragraph::new(Line::styled(fit(&drawable(m), width), theme.alert())),
                        Rect::new(area.x, area.bottom() - 2, area.width, 1),
                    );
                }
                line
            }
            _ => match &self.message {
                Some(m) => Line::styled(fit(&drawable(m), width), theme.title()),
                None => Line::styled(fit(&tr!("desk-footer"), width), theme.dim()),
            },
        };
        frame.render_widget(
            Paragraph::new(line),
            Rect::new(area.x, area.bottom() - 1, area.width, 1),
        );
    }
}

/// The queue's keys, for its help.
fn queue_keys() -> Vec<(&'static str, String)> {
    vec![
        ("j k ↓ ↑", tr!("desk-key-move")),
        ("Enter", tr!("desk-key-open")),
        ("q", tr!("desk-key-quit")),
    ]
}

/// The review screen's keys, for its help (SPEC.md's list).
pub(crate) fn desk_keys() -> Vec<(&'static str, String)> {
    vec![
        ("j k ↓ ↑", tr!("desk-key-move")),
        ("Space b", tr!("desk-key-page")),
        ("] [", tr!("desk-key-flag")),
        ("m", tr!("desk-key-query")),
        ("M", tr!("desk-key-query-visit")),
        ("c", tr!("desk-key-correct")),
        ("A", tr!("desk-key-approve")),
        ("R", tr!("desk-key-return")),
        ("X", tr!("desk-key-exclude")),
        ("?", tr!("desk-key-help")),
        ("q", tr!("desk-key-back")),
    ]
}

fn help_lines(keys: &[(&str, String)], width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::styled(
        fit(&tr!("desk-help-title"), width),
        theme.section(),
    )];
    for (key, what) in keys {
        lines.push(Line::from(vec![
            Span::styled(format!("{key:>8} "), theme.title()),
            Span::raw(fit(what, width.saturating_sub(9))),
        ]));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    fn item(n: usize, flagged: bool) -> DeskItem {
        DeskItem {
            key: format!("c/i{n}"),
            checklist: "C".into(),
            prompt: format!("Item {n}"),
            answer: "Yes".into(),
            mark: " ✓ ",
            note: String::new(),
            flags: if flagged { vec!["x".into()] } else { vec![] },
            correction: None,
            queries: vec![],
            options: vec![("yes".into(), "Yes".into()), ("no".into(), "No".into())],
            skipped: false,
        }
    }

    fn desk(items: Vec<DeskItem>) -> Desk {
        Desk {
            id: "v".into(),
            site: "s".into(),
            auditor: "a".into(),
            status: "final".into(),
            visit_note: String::new(),
            visit_flags: vec![],
            visit_queries: vec![],
            items,
            selected: 0,
            mode: Mode::Read,
            message: None,
            request: None,
            leave: false,
            kept: None,
            theme: Theme::new(false),
        }
    }

    #[test]
    fn brackets_go_to_the_next_and_previous_flagged_item_around_the_end() {
        let mut d = desk((0..6).map(|n| item(n, n == 2 || n == 4)).collect());
        d.handle_key(key(']'));
        assert_eq!(d.selected, 2);
        d.handle_key(key(']'));
        assert_eq!(d.selected, 4);
        d.handle_key(key(']'));
        assert_eq!(d.selected, 2);
        d.handle_key(key('['));
        assert_eq!(d.selected, 4);
    }

    #[test]
    fn correcting_chooses_an_option_then_asks_the_reason() {
        let mut d = desk(vec![item(0, false)]);
        d.handle_key(key('c'));
        assert_eq!(d.mode, Mode::Choose { selected: 0 });
        d.handle_key(key('2'));
        for c in "late".chars() {
            d.handle_key(key(c));
        }
        d.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
        assert_eq!(
            d.request.take(),
            Some(Request::Correct {
                item: "c/i0".into(),
                answer: "no".into(),
                reason: "late".into()
            })
        );
        // Refused: the reason is back to mend, with the message.
        d.finished(Err("no".into()));
        assert!(matches!(&d.mode, Mode::Typing { text, .. } if text == "late"));
    }

    #[test]
    fn correcting_an_item_without_options_types_the_answer_then_the_reason() {
        let mut d = desk(vec![item(0, false)]);
        d.items[0].options.clear();
        d.handle_key(key('c'));
        assert!(matches!(
            &d.mode,
            Mode::Typing {
                purpose: Purpose::NewAnswer,
                ..
            }
        ));
        for c in "7,5".chars() {
            d.handle_key(key(c));
        }
        d.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
        assert_eq!(d.request, None, "the reason is asked first");
        for c in "the stopwatch".chars() {
            d.handle_key(key(c));
        }
        d.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
        assert_eq!(
            d.request.take(),
            Some(Request::Correct {
                item: "c/i0".into(),
                answer: "7,5".into(),
                reason: "the stopwatch".into()
            })
        );
    }

    #[test]
    fn text_put_away_with_esc_comes_back_in_the_same_field() {
        let mut d = desk((0..3).map(|n| item(n, false)).collect());
        d.handle_key(key('m'));
        for c in "Was it".chars() {
            d.handle_key(key(c));
        }
        d.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        assert_eq!(d.mode, Mode::Read);
        // Another field, or the same on another item, starts empty.
        d.handle_key(key('R'));
        assert!(matches!(&d.mode, Mode::Typing { text, .. } if text.is_empty()));
        d.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        d.handle_key(key('m'));
        assert!(matches!(&d.mode, Mode::Typing { text, .. } if text == "Was it"));
    }

    #[test]
    fn an_empty_text_is_no_request() {
        let mut d = desk(vec![item(0, false)]);
        d.handle_key(key('R'));
        d.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
        assert_eq!(d.request, None);
        assert!(d.message.is_some());
    }

    #[test]
    fn reading_a_visit_without_flags_takes_one_key_per_item() {
        let n = 75;
        let mut d = desk((0..n).map(|n| item(n, false)).collect());
        let mut keys = 0;
        let mut seen = std::collections::HashSet::from([0]);
        while d.selected + 1 < n {
            d.handle_key(key('j'));
            keys += 1;
            seen.insert(d.selected);
        }
        d.handle_key(key('A'));
        keys += 1;
        assert_eq!(seen.len(), n);
        assert_eq!(d.request, Some(Request::Approve));
        assert!(keys <= n, "{keys} keys for {n} items");
    }

    #[test]
    fn russian_layout_keys_act_by_place() {
        let mut d = desk((0..3).map(|n| item(n, false)).collect());
        d.handle_key(key('о'));
        assert_eq!(d.selected, 1);
        d.handle_key(key('Ф'));
        assert_eq!(d.request, Some(Request::Approve));
    }
}
