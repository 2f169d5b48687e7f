//! `touchpoint schema checklist|record`: the JSON Schema of either file.

use std::io::Write;

use super::{Failure, io_failure};
use crate::checklist;
use crate::cli::SchemaKind;
use crate::record;
use crate::tr;

/// `touchpoint schema checklist|record`.
pub fn schema(kind: SchemaKind, out: &mut dyn Write) -> Result<(), Failure> {
    let schema = match kind {
        SchemaKind::Checklist => serde_json::to_value(schemars::schema_for!(checklist::Checklist))
            .map_err(|e| Failure::Message(format!("{}: {e}", tr!("cli-cannot-write-schema"))))?,
        SchemaKind::Record => record::schema_json(),
    };
    let text = serde_json::to_string_pretty(&schema)
        .map_err(|e| Failure::Message(format!("{}: {e}", tr!("cli-cannot-write-schema"))))?;
    writeln!(out, "{text}").map_err(|e| io_failure(&tr!("cli-cannot-write-schema"), &e))
}
