//! How the lists name a checklist's source and touchpoint: `touchpoint
//! checklists`, its `--json`, `validate` and the home screen say them alike.

use crate::checklist::Source;
use crate::locale::Lang;

/// Where a checklist comes from, as lists show it: `bundled:ID`, `user: PATH` or the path.
pub(super) fn source_label(source: &Source) -> String {
    match source {
        Source::User(path) => format!("user: {}", path.display()),
        other => other.to_string(),
    }
}

/// A checklist's touchpoint as the lists name it: English has always
/// shown the id (`check-in`); other languages give its name («Заселение»),
/// as the screens do, rather than an English word.
pub(super) fn touchpoint_shown(id: &str) -> String {
    if crate::i18n::lang() == Lang::En {
        id.to_owned()
    } else {
        crate::i18n::touchpoint_name(id)
    }
}
