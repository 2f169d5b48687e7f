//! `touchpoint compare A B`: two visits item by item.

use std::path::Path;

use super::records::read_record_file;
use super::terminal::to_stdout;
use super::{Failure, open_store, report_all, review};
use crate::config::Config;
use crate::record::RecordFile;
use crate::tr;
use crate::visit::Status;

/// A visit for `compare`: a record file when `arg` names one, else the data
/// folder's visit with that id.
fn record_for_compare(
    data_dir: Option<&Path>,
    arg: &str,
) -> Result<(RecordFile, Option<crate::review::State>), Failure> {
    let given = Path::new(arg);
    let (path, store) = if given.is_file() {
        (given.to_path_buf(), None)
    } else {
        let store = open_store(data_dir)?;
        (store.path(arg)?, Some(store))
    };
    let mut record = read_record_file(&path).map_err(|problem| report_all(&[problem]))?;
    if record.header.status != Status::Final {
        return Ok((record, None));
    }
    // The editor's corrected answers are the ones compared.
    let (found, warnings) = match &store {
        Some(store) => review::review_of(store, Config::load().ok().as_ref(), arg),
        None => crate::review::disk::beside(&path, &record.header.id),
    };
    for w in warnings {
        say!("touchpoint: {}", tr!("cli-warning", warning = w));
    }
    let state = found.map(|f| f.state).unwrap_or_default();
    crate::review::apply(&mut record, &state);
    Ok((record, Some(state)))
}

/// `touchpoint compare A B`: two visits item by item.
pub fn compare(
    data_dir: Option<&Path>,
    a: &str,
    b: &str,
    format: crate::cli::CompareFormat,
) -> Result<(), Failure> {
    use crate::cli::CompareFormat;
    use crate::report::compare;
    let ((a, review_a), (b, review_b)) = (
        record_for_compare(data_dir, a)?,
        record_for_compare(data_dir, b)?,
    );
    let c = compare::compare(&a, &b);
    let status = |r: &Option<crate::review::State>| r.as_ref().map(|s| s.status.as_str());
    // A corrected answer is marked where people read it: "No (yes → no)".
    let mut marked = c.clone();
    for list in [
        &mut marked.regressed,
        &mut marked.still_missed,
        &mut marked.fixed,
        &mut marked.new,
    ] {
        for ch in list.iter_mut() {
            let key = format!("{}/{}", ch.checklist, ch.item);
            for (side, review) in [(&mut ch.a, &review_a), (&mut ch.b, &review_b)] {
                if let Some(corr) = review.as_ref().and_then(|r| r.correction(&key)) {
                    let now = side.take().unwrap_or_else(|| "—".to_owned());
                    *side = Some(format!("{now} ({})", corr.arrow()));
                }
            }
        }
    }
    let shown = |r: &Option<crate::review::State>| {
        r.as_ref()
            .map_or_else(|| tr!("cli-status-draft"), crate::review::State::shown)
    };
    let review_line = tr!(
        "review-compare-line",
        a = shown(&review_a),
        b = shown(&review_b)
    );
    if c.other_site() {
        say!(
            "touchpoint: {}",
            tr!(
                "cli-warning",
                warning = tr!(
                    "compare-other-site",
                    a = crate::text::escaped_line(&c.a.site),
                    b = crate::text::escaped_line(&c.b.site)
                )
            )
        );
    }
    to_stdout(|out| match format {
        CompareFormat::Table => {
            compare::write_table(&marked, out)?;
            writeln!(out, "{review_line}")
        }
        CompareFormat::Md => {
            compare::write_markdown(&marked, out)?;
            writeln!(out, "\n{}", crate::record::md::inline(&review_line))
        }
        CompareFormat::Json => {
            let mut value = compare::value(&c);
            for (side, review) in [("a", &review_a), ("b", &review_b)] {
                if let Some(side) = value.get_mut(side).and_then(|v| v.as_object_mut()) {
                    side.insert("review_status".into(), serde_json::json!(status(review)));
                }
            }
            serde_json::to_writer_pretty(&mut *out, &value)?;
            out.write_all(b"\n")
        }
        CompareFormat::Html => compare::write_html(&marked, Some(&review_line), out),
    })?;
    Ok(())
}
