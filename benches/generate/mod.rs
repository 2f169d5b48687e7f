//! Checklists of any size for the benches: sections of 20 items that mix
//! every kind of response the bundled checklists use (yes-no, grade, a timed
//! set, number standards, text), weights, tags, critical items and `show_if`
//! chains, so that a 10,000-item checklist costs what a real one would.

use std::fmt::Write as _;

/// Items per section, as in the bundled checklists.
pub const SECTION: usize = 20;

/// A valid checklist of `items` items with id `id`.
pub fn checklist(id: &str, items: usize) -> String {
    let mut text = format!(
        "format = 1\n\n[checklist]\nid = \"{id}\"\ntitle = \"Generated {items}\"\n\
         touchpoint = \"in-stay\"\nversion = \"bench\"\nlanguage = \"en\"\n\n\
         [responses.speed]\noptions = [\n  {{ id = \"fast\", label = \"Under a minute\", score = 2, within = 60 }},\n  \
         {{ id = \"ok\", label = \"1–3 minutes\", score = 1, within = 180 }},\n  \
         {{ id = \"slow\", label = \"Over 3 minutes\", score = 0 }},\n]\n"
    );
    for n in 0..items {
        if n % SECTION == 0 {
            let s = n / SECTION;
            let _ = write!(
                text,
                "\n[[section]]\nid = \"s{s}\"\ntitle = \"Section {s}: the lobby, the desk and the room\"\n"
            );
        }
        let _ = write!(
            text,
            "\n[[section.item]]\nid = \"i{n}\"\nprompt = \"Item {n}: the agent greeted the guest warmly and used their name\"\n"
        );
        match n % 10 {
            0 => text.push_str("response = \"yes-no\"\ncritical = true\n"),
            1 => text.push_str(&format!(
                "response = \"grade\"\ntags = [\"personal-touch\"]\nshow_if = {{ item = \"i{}\", is = \"yes\" }}\n",
                n - 1
            )),
            2 => text.push_str("response = \"grade\"\nweight = 2\ntags = [\"atmosphere\"]\n"),
            3 => text.push_str("response = \"speed\"\nguidance = \"\"\"Time from reaching the desk\nto the first word.\"\"\"\n"),
            4 => text.push_str("response = \"number\"\nunit = \"min\"\nmin = 0\nmax = 600\nat_most = 5\n"),
            5 => text.push_str("response = \"text\"\n"),
            6 => text.push_str("response = \"grade\"\nweight = 0.5\n"),
            7 => text.push_str(&format!(
                "response = \"yes-no\"\nshow_if = {{ item = \"i{}\", is = [\"met\", \"exceeded\"] }}\n",
                n - 1
            )),
            _ => text.push_str("response = \"yes-no\"\nna = false\n"),
        }
    }
    text
}
