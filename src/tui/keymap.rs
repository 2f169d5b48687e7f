//! Keys of the visit screen, as data. Lookup and the help screen both read
//! this table, so help cannot drift from the keys.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// A key with its modifiers, as matched against events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Key {
    /// The key.
    pub(crate) code: KeyCode,
    /// Ctrl or Alt, when needed; Shift is part of the character.
    pub(crate) ctrl: bool,
}

const fn key(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

/// One line of the keymap: the keys, what they do, and how help describes it.
pub(crate) struct Binding {
    /// Keys that trigger the action.
    pub(crate) keys: &'static [Key],
    /// The action.
    pub(crate) action: Action,
    /// What help says about it: a message id of `locales/*/tui.ftl`.
    pub(crate) help: &'static str,
}

/// The visit screen's keys, in the order help lists them.
pub(crate) const KEYMAP: &[Binding] = &[
    Binding {
        keys: &[ch('j'), key(KeyCode::Down)],
        action: Action::Next,
        help: "key-next-item",
    },
    Binding {
        keys: &[ch('k'), key(KeyCode::Up)],
        action: Action::Prev,
        help: "key-previous-item",
    },
    Binding {
        keys: &[ch('g'), key(KeyCode::Home)],
        action: Action::First,
        help: "key-first-item",
    },
    Binding {
        keys: &[ch('G'), key(KeyCode::End)],
        action: Action::Last,
        help: "key-last-item",
    },
    Binding {
        keys: &[ch('l'), key(KeyCode::Right), key(KeyCode::Tab)],
        action: Action::NextChecklist,
        help: "key-next-touchpoint",
    },
    Binding {
        keys: &[ch('h'), key(KeyCode::Left), key(KeyCode::BackTab)],
        action: Action::PrevChecklist,
        help: "key-previous-touchpoint",
    },
    Binding {
        keys: &[ch('1')],
        action: Action::Choose(1),
        help: "key-option-1-yes-below",
    },
    Binding {
        keys: &[ch('2')],
        action: Action::Choose(2),
        help: "key-option-2-no-met",
    },
    Binding {
        keys: &[ch('3')],
        action: Action::Choose(3),
        help: "key-option-3-exceeded",
    },
    Binding {
        keys: &[ch('4')],
        action: Action::Choose(4),
        help: "key-choose-option-4",
    },
    Binding {
        keys: &[ch('5')],
        action: Action::Choose(5),
        help: "key-choose-option-5",
    },
    Binding {
        keys: &[ch('6')],
        action: Action::Choose(6),
        help: "key-choose-option-6",
    },
    Binding {
        keys: &[ch('7')],
        action: Action::Choose(7),
        help: "key-choose-option-7",
    },
    Binding {
        keys: &[ch('8')],
        action: Action::Choose(8),
        help: "key-choose-option-8",
    },
    Binding {
        keys: &[ch('9')],
        action: Action::Choose(9),
        help: "key-choose-option-9",
    },
    Binding {
        keys: &[ch('y')],
        action: Action::Yes,
        help: "key-yes",
    },
    Binding {
        keys: &[ch('n')],
        action: Action::No,
        help: "key-no",
    },
    Binding {
        keys: &[ch('0'), ch('-')],
        action: Action::Na,
        help: "key-na",
    },
    Binding {
        keys: &[key(KeyCode::Backspace), key(KeyCode::Delete)],
        action: Action::Clear,
        help: "key-clear-the-answer",
    },
    Binding {
        keys: &[key(KeyCode::Enter)],
        action: Action::EditValue,
        help: "key-type-text-or-number",
    },
    Binding {
        keys: &[ch('e')],
        action: Action::EditNote,
        help: "key-note-on-the-item",
    },
    Binding {
        keys: &[ch('N')],
        action: Action::EditVisitNote,
        help: "key-note-on-the-visit",
    },
    Binding {
        keys: &[ch('u')],
        action: Action::Undo,
        help: "key-undo",
    },
    Binding {
        keys: &[ctrl('r')],
        action: Action::Redo,
        help: "key-redo",
    },
    Binding {
        keys: &[ch(']')],
        action: Action::NextUnanswered,
        help: "key-next-unanswered",
    },
    Binding {
        keys: &[ch('[')],
        action: Action::PrevUnanswered,
        help: "key-prev-unanswered",
    },
    Binding {
        keys: &[ch('t')],
        action: Action::Stopwatch,
        help: "key-stopwatch-start-stop",
    },
    Binding {
        keys: &[ch('T')],
        action: Action::CancelStopwatch,
        help: "key-cancel-the-stopwatch",
    },
    Binding {
        keys: &[ch('a')],
        action: Action::Attach,
        help: "key-attach-file-to-item",
    },
    Binding {
        keys: &[ch('A')],
        action: Action::AttachToVisit,
        help: "key-attach-file-to-visit",
    },
    Binding {
        keys: &[ch('x')],
        action: Action::RemoveEvidence,
        help: "key-unlist-item-file",
    },
    Binding {
        keys: &[ch('X')],
        action: Action::RemoveVisitEvidence,
        help: "key-unlist-visit-file",
    },
    Binding {
        keys: &[ch('i')],
        action: Action::Guidance,
        help: "key-guidance-on-off",
    },
    Binding {
        keys: &[ch('J'), key(KeyCode::PageDown)],
        action: Action::DetailDown,
        help: "key-scroll-details-down",
    },
    Binding {
        keys: &[ch('K'), key(KeyCode::PageUp)],
        action: Action::DetailUp,
        help: "key-scroll-details-up",
    },
    Binding {
        keys: &[ch('/')],
        action: Action::Search,
        help: "key-search-prompts",
    },
    Binding {
        keys: &[ch('F')],
        action: Action::Finalize,
        help: "key-finalize-review",
    },
    Binding {
        keys: &[ch('?')],
        action: Action::Help,
        help: "key-this-help",
    },
    Binding {
        keys: &[ch('q'), ctrl('c')],
        action: Action::Quit,
        help: "key-leave-all-is-saved",
    },
];

/// A keyboard layout other than QWERTY: each of its letters beside the
/// QWERTY character on the same key. Commands act by the key's place, so an
/// auditor writing notes in Russian need not switch layouts for `y` or `j`.
///
/// To add a layout, add a `Layout` to [`LAYOUTS`] with its letters, lower
/// and upper case, paired with the QWERTY characters of the same keys; a
/// letter must not be a QWERTY letter itself (AZERTY's `a` is QWERTY's `q`
/// and cannot be told apart by the character alone), and no two layouts
/// may pair one letter differently (a test checks both).
pub(crate) struct Layout {
    /// (the layout's character, QWERTY's character on the same key).
    pub(crate) pairs: &'static [(char, char)],
}

/// The layouts whose keys are read by place: Russian ЙЦУКЕН.
#[rustfmt::skip]
pub(crate) const LAYOUTS: &[Layout] = &[Layout {
    pairs: &[
        ('й', 'q'), ('ц', 'w'), ('у', 'e'), ('к', 'r'), ('е', 't'), ('н', 'y'),
        ('г', 'u'), ('ш', 'i'), ('щ', 'o'), ('з', 'p'), ('х', '['), ('ъ', ']'),
        ('ф', 'a'), ('ы', 's'), ('в', 'd'), ('а', 'f'), ('п', 'g'), ('р', 'h'),
        ('о', 'j'), ('л', 'k'), ('д', 'l'), ('я', 'z'), ('ч', 'x'), ('с', 'c'),
        ('м', 'v'), ('и', 'b'), ('т', 'n'), ('ь', 'm'),
        ('Й', 'Q'), ('Ц', 'W'), ('У', 'E'), ('К', 'R'), ('Е', 'T'), ('Н', 'Y'),
        ('Г', 'U'), ('Ш', 'I'), ('Щ', 'O'), ('З', 'P'), ('Х', '{'), ('Ъ', '}'),
        ('Ф', 'A'), ('Ы', 'S'), ('В', 'D'), ('А', 'F'), ('П', 'G'), ('Р', 'H'),
        ('О', 'J'), ('Л', 'K'), ('Д', 'L'), ('Я', 'Z'), ('Ч', 'X'), ('С', 'C'),
        ('М', 'V'), ('И', 'B'), ('Т', 'N'), ('Ь', 'M'),
    ],
}];

/// The QWERTY character on the key that types `c` in another layout.
pub(crate) fn qwerty_of(c: char) -> Option<char> {
    LAYOUTS
        .iter()
        .flat_map(|l| l.pairs.iter())
        .find(|(other, _)| *other == c)
        .map(|(_, qwerty)| *qwerty)
}

/// `event` as the same key pressed in the QWERTY layout: for command keys,
/// never for text being typed.
pub(crate) fn by_place(event: KeyEvent) -> KeyEvent {
    match event.code {
        KeyCode::Char(c) => match qwerty_of(c) {
            Some(qwerty) => KeyEvent {
                code: KeyCode::Char(qwerty),
                ..event
            },
            None => event,
        },
        _ => event,
    }
}

/// The action bound to `event` (or to the key in its place, in another
/// layout), if any.
pub(crate) fn lookup(event: &KeyEvent) -> Option<Action> {
    let event = by_place(*event);
    let pressed = Key {
        code: event.code,
        ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
    };
    KEYMAP
        .iter()
        .find(|b| b.keys.contains(&pressed))
        .map(|b| b.action)
}

/// How a key is written in help: `j`, `↓`, `Ctrl-r`, `Shift-Tab`.
pub(crate) fn key_name(key: &Key) -> String {
    let name = match key.code {
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Down => "↓".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Delete => "Delete".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        other => format!("{other}"),
    };
    if key.ctrl {
        format!("Ctrl-{name}")
    } else {
        name
    }
}

/// Help lines generated from the keymap: keys, then what they do. Options
/// 4 to 9 are folded into one line.
pub fn help_lines() -> Vec<(String, String)> {
    let mut lines = Vec::new();
    for binding in KEYMAP {
        match binding.action {
            Action::Choose(n) if n >= 4 => {
                if n == 4 {
                    lines.push(("4 … 9".to_owned(), crate::tr!("tui-help-options")));
                }
            }
            _ => {
                let keys: Vec<String> = binding.keys.iter().map(key_name).collect();
                lines.push((keys.join(" "), crate::i18n::message(binding.help, &[])));
            }
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_means_one_thing() {
        let mut seen: Vec<Key> = Vec::new();
        for binding in KEYMAP {
            for key in binding.keys {
                assert!(!seen.contains(key), "{} is bound twice", key_name(key));
                seen.push(*key);
            }
        }
    }

    #[test]
    fn russian_letters_act_as_the_keys_in_their_place() {
        let press = |c| lookup(&KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        assert_eq!(press('н'), Some(Action::Yes));
        assert_eq!(press('т'), Some(Action::No));
        assert_eq!(press('о'), Some(Action::Next));
        assert_eq!(press('у'), Some(Action::EditNote));
        assert_eq!(press('й'), Some(Action::Quit));
        assert_eq!(press('А'), Some(Action::Finalize));
        assert_eq!(press('х'), Some(Action::PrevUnanswered));
        assert_eq!(press('ж'), None);
    }

    #[test]
    fn a_layout_letter_is_no_qwerty_key_and_means_one_key() {
        let mut seen: Vec<char> = Vec::new();
        for (n, layout) in LAYOUTS.iter().enumerate() {
            for (other, _) in layout.pairs {
                assert!(!other.is_ascii(), "layout {n}: {other} is a QWERTY key");
                assert!(!seen.contains(other), "{other} is paired twice");
                seen.push(*other);
            }
        }
    }

    #[test]
    fn shifted_letters_and_ctrl_are_told_apart() {
        let shift_g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(lookup(&shift_g), Some(Action::Last));
        let ctrl_r = KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL);
        assert_eq!(lookup(&ctrl_r), Some(Action::Redo));
        let r = KeyEvent::new(KeyCode::Char('r'), KeyModifiers::NONE);
        assert_eq!(lookup(&r), None);
    }
}
