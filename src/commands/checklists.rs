//! `touchpoint checklists`: the checklists `touchpoint new` can open.

use std::io::Write;

use super::labels::touchpoint_shown;
use super::table::{Align, table};
use super::{Failure, io_failure, json};
use crate::checklist::{Loaded, Source};
use crate::config::{self, Config};
use crate::tr;
use crate::tui;

/// `touchpoint checklists`: what `touchpoint new` can open.
pub fn checklists(as_json: bool, out: &mut dyn Write) -> Result<(), Failure> {
    let config = Config::load()?;
    let (found, problems) = config::available(&config);
    if as_json {
        json::checklists(&found, out)?;
        for problem in &problems {
            say!(
                "{}",
                tr!("cli-checklists-skipped", problem = problem.to_string())
            );
        }
        return Ok(());
    }
    let heading = [
        tr!("cli-checklists-id"),
        tr!("cli-checklists-touchpoint"),
        tr!("cli-checklists-items"),
        // Titles stand two spaces from the counts, as they always have.
        format!(
            " {}",
            tui::theme::truncate(&tr!("cli-checklists-title"), 28)
        ),
        tr!("cli-checklists-source"),
    ];
    let rows: Vec<[String; 5]> = found.iter().map(checklist_row).collect();
    let columns = [
        (24, Align::Left),
        (12, Align::Left),
        (5, Align::Right),
        (29, Align::Left),
        (0, Align::Last),
    ];
    out.write_all(table(&heading, &rows, &columns).as_bytes())
        .map_err(|e| io_failure(&tr!("cli-cannot-write-list"), &e))?;
    for problem in &problems {
        say!(
            "{}",
            tr!("cli-checklists-skipped", problem = problem.to_string())
        );
    }
    Ok(())
}

/// A checklist as `touchpoint checklists` lists it.
fn checklist_row(loaded: &Loaded) -> [String; 5] {
    let c = &loaded.checklist.checklist;
    // The home screen reads `source_label`'s English prefixes; this list
    // says them in the interface language.
    let source = match &loaded.source {
        Source::Bundled(id) => tr!("cli-source-bundled", id = id),
        Source::User(path) => tr!("cli-source-user", path = path.display().to_string()),
        Source::Path(path) => path.display().to_string(),
    };
    [
        c.id.clone(),
        touchpoint_shown(&c.touchpoint),
        loaded.checklist.item_count().to_string(),
        format!(
            " {}",
            tui::theme::truncate(&tui::theme::drawable(&c.title), 28)
        ),
        tui::theme::drawable(&source),
    ]
}
