//! `touchpoint delete ID` and `touchpoint restore ID`: a visit to the trash
//! and back.

use std::io::Write;
use std::path::Path;

use super::{Failure, io_failure, open_store};
use crate::tr;

/// `touchpoint delete ID`: the visit moves to `trash/` in the data folder.
pub fn delete(data_dir: Option<&Path>, id: &str, out: &mut dyn Write) -> Result<(), Failure> {
    let store = open_store(data_dir)?;
    let to = store
        .trash(id)
        .map_err(|e| Failure::Message(e.to_string()))?;
    writeln!(
        out,
        "{}",
        tr!("cli-deleted", id = id, path = to.display().to_string())
    )
    .map_err(|e| io_failure(&tr!("cli-cannot-write"), &e))
}

/// `touchpoint restore ID`: a visit in the trash goes back to the visits.
pub fn restore(data_dir: Option<&Path>, id: &str, out: &mut dyn Write) -> Result<(), Failure> {
    let store = open_store(data_dir)?;
    store
        .restore(id)
        .map_err(|e| Failure::Message(e.to_string()))?;
    writeln!(out, "{}", tr!("cli-restored", id = id))
        .map_err(|e| io_failure(&tr!("cli-cannot-write"), &e))
}
