//! `touchpoint resume [ID]`: a draft reopened (the latest when no id), a
//! final visit read-only, a returned one on the editor's questions.

use std::path::Path;

use super::sign::sign_finalized;
use super::{Failure, need_terminal, open_store, review};
use crate::config::Config;
use crate::session::{self, Session, open};
use crate::store::Store;
use crate::tr;
use crate::tui;
use crate::visit::{Status, Visit};

/// `touchpoint resume [ID]`: reopen a draft (the latest when no id); a final
/// visit opens read-only.
pub fn resume(data_dir: Option<&Path>, id: Option<&str>) -> Result<(), Failure> {
    crate::i18n::prepare_screens();
    let store = open_store(data_dir)?;
    let config = Config::load()?;
    let id = match id {
        Some(id) => id.to_owned(),
        None => {
            let (records, _) = session::read_all(&store);
            records
                .iter()
                .filter(|r| r.header.status == Status::Draft)
                .max_by_key(|r| r.header.updated.timestamp())
                .map(|r| r.header.id.clone())
                .ok_or_else(|| Failure::Message(tr!("cli-no-draft")))?
        }
    };
    // Locks before reading, so that no other session can change the files
    // between our read and our first save.
    let opened = Session::resume(&store, &id, open::export_of(&config))?;
    need_terminal()?;
    for w in &opened.warnings {
        say!(
            "touchpoint: {}",
            tr!("cli-warning", warning = w.to_string())
        );
    }
    let (visit, session, message) = open::resumed(&store, opened);
    let returned = if visit.is_final() {
        returned(&store, &visit)
    } else {
        None
    };
    Ok(open::run(
        &store,
        visit,
        session,
        Some(message),
        returned,
        sign_finalized,
    )?)
}

/// What a visit the editor returned opens on (SPEC.md, "Review"): the
/// editor's open questions and message, and where the auditor's reply goes;
/// `None` for any other visit.
fn returned(store: &Store, visit: &Visit) -> Option<tui::app::Returned> {
    let id = &visit.header.id;
    let (Some(found), _) = review::review_of(store, Config::load().ok().as_ref(), id) else {
        return None;
    };
    if found.state.status != crate::review::ReviewStatus::Returned {
        return None;
    }
    let data_dir = store.root().to_path_buf();
    let auditor = visit.header.auditor.clone();
    let replying = id.clone();
    let message = review_message(&found.path);
    Some(tui::app::Returned {
        open: found
            .state
            .open
            .iter()
            .map(|q| (q.item.clone(), q.text.clone()))
            .collect(),
        message,
        replier: Box::new(move |reply| review::reply(Some(&data_dir), &replying, &auditor, reply)),
    })
}

/// The editor's message with the latest return, from the review file.
fn review_message(path: &Path) -> String {
    crate::review::disk::read(path)
        .ok()
        .flatten()
        .and_then(|file| {
            file.entry
                .iter()
                .rev()
                .find(|e| e.status == Some(crate::review::ReviewStatus::Returned))
                .map(|e| e.text.clone())
        })
        .unwrap_or_default()
}
