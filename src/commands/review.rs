//! `touchpoint review`: the editor's actions for scripts (`--query`,
//! `--correct`, `--approve`, `--return`, `--exclude`), appended to the
//! review file beside the record, and the queue: the review screen on a
//! terminal (src/tui/desk.rs), a plain table for a pipe. Also where every other command finds a
//! record's review ([`review_of`], [`review_beside`]).

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Failure, data_root, find_records, io_failure, login_name, open_store};
use crate::config::Config;
use crate::record::{self, AnswerValue, RecordFile};
use crate::review::disk::{self, Found, Rules};
use crate::review::{self, Entry, Kind, ReviewStatus, State};
use crate::store::Store;
use crate::text::escaped;
use crate::text::escaped_line;
use crate::tr;
use crate::visit::{Answer, Status};

/// What the editor does to a record.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Ask the auditor about an item (`checklist/item`) or the visit.
    Query { item: String, text: String },
    /// Change an answer, with a reason.
    Correct {
        item: String,
        answer: String,
        reason: String,
    },
    /// Approve, with an optional note.
    Approve { note: String },
    /// Send back to the auditor with a message.
    Return { text: String },
    /// Leave out of every figure, with a reason.
    Exclude { text: String },
}

/// The editor's name: config `reviewer`, else `auditor`, else the login name.
fn reviewer(config: &Config) -> String {
    let good =
        |n: &String| !n.trim().is_empty() && crate::text::refuse_control("", n, false).is_ok();
    config
        .reviewer
        .clone()
        .filter(good)
        .or_else(|| config.auditor.clone().filter(good))
        .or_else(|| std::env::var("USER").ok().filter(good))
        .or_else(|| login_name().filter(good))
        .unwrap_or_else(|| "?".to_owned())
}

/// A record file to review: the file, its bytes' sha256, and the record.
struct Target {
    path: PathBuf,
    sha256: String,
    record: RecordFile,
}

/// `REC`: a record file, or the id of a visit in the data folder.
fn target(data_dir: Option<&Path>, rec: &str) -> Result<(Target, Option<Store>), Failure> {
    let given = Path::new(rec);
    let (path, store) = if given.is_file() || rec.contains('/') || rec.ends_with(".toml") {
        (given.to_path_buf(), open_store(data_dir).ok())
    } else {
        let store = open_store(data_dir)?;
        let path = store.path(rec)?;
        if !path.exists() {
            return Err(Failure::Message(tr!(
                "review-no-such-visit",
                id = escaped_line(rec)
            )));
        }
        (path, Some(store))
    };
    let bytes = disk::read_record_bytes(&path).map_err(Failure::Message)?;
    let shown = path.display().to_string();
    let record = record::parse_bytes(&shown, &bytes)?;
    if record.header.status == Status::Draft {
        return Err(Failure::Message(tr!(
            "review-of-draft",
            path = escaped_line(&shown)
        )));
    }
    Ok((
        Target {
            sha256: disk::sha256_hex(&bytes),
            path,
            record,
        },
        store,
    ))
}

/// Whether `path` lies in the data folder (then the review file is private).
fn in_data_folder(data_dir: Option<&Path>, path: &Path) -> bool {
    let (Ok(root), Ok(dir)) = (
        data_root(data_dir).and_then(|r| std::fs::canonicalize(r).map_err(|_| Failure::Reported)),
        std::fs::canonicalize(
            path.parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new(".")),
        ),
    ) else {
        return false;
    };
    dir.starts_with(root)
}

/// `touchpoint review REC ACTION`: checks the action against the record and
/// its review so far, then appends one entry. Bad input changes nothing.
pub fn act(
    data_dir: Option<&Path>,
    rec: &str,
    action: Action,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let config = Config::load()?;
    let (target, store) = target(data_dir, rec)?;
    let id = target.record.header.id.clone();
    let review_path = disk::review_path(&target.path);
    let review_shown = escaped_line(&review_path.display().to_string());
    let state = match disk::read(&review_path).map_err(Failure::Message)? {
        Some(file) => {
            review::check_about(&file, &review_shown, &id, &target.sha256)
                .map_err(Failure::Message)?;
            review::fold(&file.entry)
        }
        None => State::default(),
    };
    let now = record::Stamp(crate::clock::now());
    let mut entry = Entry::new(now, reviewer(&config), Kind::Status);
    let needs_text = |text: &str, what: fn() -> String| -> Result<String, Failure> {
        let text = text.trim();
        if text.is_empty() {
            return Err(Failure::Message(tr!("review-empty-text", what = what())));
        }
        crate::text::refuse_control(&what(), text, true).map_err(Failure::Message)?;
        Ok(text.to_owned())
    };
    let told = match &action {
        Action::Query { item, text } => {
            entry.kind = Kind::Query;
            entry.item = item_of(&target, item)?;
            entry.text = needs_text(text, || tr!("review-what-question"))?;
            tr!(
                "review-done-query",
                id = id.as_str(),
                item = escaped_line(item)
            )
        }
        Action::Correct {
            item,
            answer,
            reason,
        } => {
            entry.kind = Kind::Correction;
            entry.text = needs_text(reason, || tr!("review-what-reason"))?;
            let Some(key) = item_of(&target, item)? else {
                return Err(Failure::Message(tr!("review-correct-visit")));
            };
            correct(&target, store.as_ref(), &state, &key, answer, &mut entry)?;
            entry.item = Some(key.clone());
            let arrow = review::fold(std::slice::from_ref(&entry)).corrections[0].arrow();
            tr!(
                "review-done-correct",
                id = id.as_str(),
                item = key,
                change = escaped(&arrow)
            )
        }
        Action::Approve { note } => {
            entry.status = Some(ReviewStatus::Approved);
            let note = note.trim();
            if !note.is_empty() {
                entry.text = needs_text(note, || tr!("review-what-note"))?;
            }
            tr!(
                "review-done-status",
                id = id.as_str(),
                status = ReviewStatus::Approved.shown()
            )
        }
        Action::Return { text } => {
            entry.status = Some(ReviewStatus::Returned);
            entry.text = needs_text(text, || tr!("review-what-message"))?;
            tr!(
                "review-done-status",
                id = id.as_str(),
                status = ReviewStatus::Returned.shown()
            )
        }
        Action::Exclude { text } => {
            entry.status = Some(ReviewStatus::Excluded);
            entry.text = needs_text(text, || tr!("review-what-reason"))?;
            tr!(
                "review-done-status",
                id = id.as_str(),
                status = ReviewStatus::Excluded.shown()
            )
        }
    };
    let private = in_data_folder(data_dir, &target.path);
    let rules = Rules {
        mode: if private { 0o600 } else { config.export_mode() },
        private,
    };
    let path = disk::append(
        &target.path,
        &id,
        &target.sha256,
        &review::entry_toml(&entry),
        rules,
    )
    .map_err(Failure::Message)?;
    writeln!(
        out,
        "{}",
        tr!(
            "review-written",
            done = told,
            path = escaped_line(&path.display().to_string())
        )
    )
    .map_err(|e| io_failure(&tr!("cli-cannot-write"), &e))
}

/// `checklist/item` of the record, or `None` for "visit"; an item the
/// record does not have is refused, naming the nearest ones.
fn item_of(target: &Target, item: &str) -> Result<Option<String>, Failure> {
    let item = item.trim();
    if item == "visit" {
        return Ok(None);
    }
    let known = item.split_once('/').is_some_and(|(c, i)| {
        target
            .record
            .observations
            .iter()
            .any(|o| o.checklist == c && o.item == i)
    });
    if known {
        return Ok(Some(item.to_owned()));
    }
    let mut near: Vec<(usize, String)> = target
        .record
        .observations
        .iter()
        .map(|o| {
            let key = format!("{}/{}", o.checklist, o.item);
            (crate::checklist::diag::levenshtein(item, &key), key)
        })
        .collect();
    near.sort();
    let near: Vec<String> = near.into_iter().take(3).map(|(_, k)| escaped(&k)).collect();
    Err(Failure::Message(tr!(
        "review-unknown-item",
        path = escaped_line(&target.path.display().to_string()),
        item = escaped(item),
        near = near.join(", ")
    )))
}

/// Fills `entry` with a correction of `key` to `answer`: the answer as it is
/// now (the auditor's, or the latest correction), and the new answer with
/// its label and score as the item's checklist gives them. An answer that is
/// not an option of the item (or a number out of its range, or N/A where it
/// is not allowed) is refused, listing what the item takes.
fn correct(
    target: &Target,
    store: Option<&Store>,
    state: &State,
    key: &str,
    answer: &str,
    entry: &mut Entry,
) -> Result<(), Failure> {
    let (checklist_id, item_id) = key.split_once('/').unwrap_or((key, ""));
    let (loaded, problems, _) =
        crate::store::checklists::load_checklists_kept(&target.record, |sha| {
            store.and_then(|s| s.kept_checklist(sha)?.ok())
        });
    let (visit, _) = record::rebuild(&target.record, loaded);
    // The checklist as loaded now may be another version than the one the
    // record was made with: then it is the item that is missing, not the
    // checklist, and the message says so.
    let missing = || {
        if problems.is_empty() {
            Failure::Message(tr!(
                "review-item-not-in-checklist",
                item = key,
                checklist = escaped(checklist_id)
            ))
        } else {
            Failure::Message(tr!(
                "review-no-checklist",
                item = key,
                problems = problems.join("; ")
            ))
        }
    };
    let at = visit.find(checklist_id, item_id).ok_or_else(missing)?;
    let (Some((_, item)), Some(response)) = (visit.item(at), visit.response(at)) else {
        return Err(missing());
    };
    let answer = answer.trim();
    let refuse = |takes: String| {
        Failure::Message(tr!(
            "review-not-an-option",
            path = escaped_line(&target.path.display().to_string()),
            item = key,
            answer = escaped(answer),
            takes = takes
        ))
    };
    let options = response.options();
    let na_words = ["n/a", "na", "-"];
    let new = if na_words.contains(&answer.to_lowercase().as_str()) {
        if !item.na_allowed() {
            return Err(refuse(takes(&response, false)));
        }
        Answer::Na
    } else {
        match response {
            crate::checklist::Response::Options(options) => options
                .iter()
                .find(|o| o.id == answer)
                .or_else(|| {
                    options
                        .iter()
                        .find(|o| o.label.eq_ignore_ascii_case(answer))
                })
                .map(|o| Answer::Choice(o.id.clone()))
                .ok_or_else(|| refuse(takes(&response, item.na_allowed())))?,
            crate::checklist::Response::Number { min, max, .. } => {
                let value: f64 = answer
                    .replace(',', ".")
                    .parse()
                    .ok()
                    .filter(|v: &f64| v.is_finite())
                    .filter(|v| min.is_none_or(|m| *v >= m) && max.is_none_or(|m| *v <= m))
                    .ok_or_else(|| refuse(takes(&response, item.na_allowed())))?;
                Answer::Number(value)
            }
            crate::checklist::Response::Text => Answer::Text(answer.to_owned()),
        }
    };
    let current = state.correction(key).map_or_else(
        || {
            let o = target.record.observation(checklist_id, item_id);
            (o.and_then(|o| o.answer.clone()), o.is_some_and(|o| o.na))
        },
        |c| (c.new.clone(), c.na),
    );
    entry.old = if current.1 {
        Some(AnswerValue::Text("n/a".to_owned()))
    } else {
        current.0.clone()
    };
    let (new_value, na) = match &new {
        Answer::Na => (None, true),
        Answer::Choice(id) | Answer::Text(id) => (Some(AnswerValue::Text(id.clone())), false),
        Answer::Number(n) => (Some(AnswerValue::Number(*n)), false),
    };
    if na == current.1 && (na || new_value == current.0) {
        return Err(Failure::Message(tr!(
            "review-same-answer",
            item = key,
            answer = escaped(answer)
        )));
    }
    entry.new = new_value;
    entry.na = na;
    entry.label = match &new {
        Answer::Choice(id) => options
            .iter()
            .find(|o| &o.id == id)
            .map(|o| o.label.clone()),
        _ => None,
    };
    let scored = crate::visit::tally::earned(item, response, Some(&new));
    entry.points = scored.map(|s| s.0);
    entry.max = scored.map(|s| s.1);
    entry.exceeded = crate::visit::tally::exceeds(response, Some(&new));
    Ok(())
}

/// What an item takes, for a refused correction.
fn takes(response: &crate::checklist::Response<'_>, na: bool) -> String {
    let mut words: Vec<String> = match response {
        crate::checklist::Response::Options(options) => {
            options.iter().map(|o| escaped(&o.id)).collect()
        }
        crate::checklist::Response::Number { min, max, .. } => {
            vec![tr!(
                "review-takes-number",
                min = min.map_or("—".to_owned(), record::format_number),
                max = max.map_or("—".to_owned(), record::format_number)
            )]
        }
        crate::checklist::Response::Text => vec![tr!("review-takes-text")],
    };
    if na {
        words.push("n/a".to_owned());
    }
    words.join(", ")
}

/// The review that counts for the visit `id` of the data folder: beside
/// its record in the data folder, else beside its copy in `export_folder`;
/// warnings name review files ignored (another record, other bytes).
pub(crate) fn review_of(
    store: &Store,
    config: Option<&Config>,
    id: &str,
) -> (Option<Found>, Vec<String>) {
    let Ok(path) = store.path(id) else {
        return (None, Vec::new());
    };
    let mut candidates = vec![disk::review_path(&path)];
    if let Some(folder) = config.and_then(Config::export_folder) {
        candidates.push(folder.join(format!("{id}.review.toml")));
    }
    if !candidates
        .iter()
        .any(|c| std::fs::symlink_metadata(c).is_ok())
    {
        return (None, Vec::new());
    }
    match disk::read_record_bytes(&path) {
        Ok(bytes) => disk::find(&candidates, id, &disk::sha256_hex(&bytes)),
        Err(why) => (None, vec![tr!("review-ignored", why = why)]),
    }
}

/// The auditor's reply to the editor on a returned visit `id` of the data
/// folder (SPEC.md, "Review"): an `answer` entry closing the open question
/// on its item, or a `status` entry setting it final again (once every
/// question is answered). Appended to the same review file the questions
/// came from, with the same rules as the editor's entries. On success, what
/// was written and the questions still open.
pub(crate) fn reply(
    data_dir: Option<&Path>,
    id: &str,
    auditor: &str,
    reply: crate::tui::app::Reply,
) -> Result<(String, crate::tui::app::Questions), String> {
    use crate::tui::app::Reply;
    let store = open_store(data_dir).map_err(failure_text)?;
    let config = Config::load().map_err(|d| d.to_string())?;
    let (found, warnings) = review_of(&store, Some(&config), id);
    let Some(found) = found else {
        return Err(warnings
            .into_iter()
            .next()
            .unwrap_or_else(|| tr!("review-reply-none")));
    };
    if found.state.status != ReviewStatus::Returned {
        return Err(tr!(
            "review-reply-not-returned",
            status = found.state.shown()
        ));
    }
    let mut entry = Entry::new(
        record::Stamp(crate::clock::now()),
        auditor.to_owned(),
        Kind::Answer,
    );
    let told = match reply {
        Reply::Answer { item, text } => {
            if !found.state.open.iter().any(|q| q.item == item) {
                return Err(tr!("tui-returned-no-question"));
            }
            let text = text.trim();
            if text.is_empty() {
                return Err(tr!("review-empty-text", what = tr!("review-what-answer")));
            }
            crate::text::refuse_control(&tr!("review-what-answer"), text, true)?;
            entry.item = item;
            entry.text = text.to_owned();
            tr!("review-done-answer")
        }
        Reply::Resubmit => {
            if !found.state.open.is_empty() {
                return Err(tr!(
                    "review-reply-questions-open",
                    count = found.state.open.len()
                ));
            }
            entry.kind = Kind::Status;
            entry.status = Some(ReviewStatus::Final);
            tr!("review-done-resubmit")
        }
    };
    let record_path = found.path.with_file_name(format!(
        "{}.toml",
        found.path.file_name().map_or_else(String::new, |n| n
            .to_string_lossy()
            .trim_end_matches(".review.toml")
            .to_owned())
    ));
    let bytes = disk::read_record_bytes(&store.path(id).map_err(|e| e.to_string())?)?;
    let private = in_data_folder(data_dir, &record_path);
    let rules = Rules {
        mode: if private { 0o600 } else { config.export_mode() },
        private,
    };
    disk::append(
        &record_path,
        id,
        &disk::sha256_hex(&bytes),
        &review::entry_toml(&entry),
        rules,
    )?;
    let open = review_of(&store, Some(&config), id)
        .0
        .map(|f| f.state.open)
        .unwrap_or_default()
        .into_iter()
        .map(|q| (q.item, q.text))
        .collect();
    Ok((told, open))
}

/// A failure's message, for a screen.
fn failure_text(failure: Failure) -> String {
    match failure {
        Failure::Message(m) => m,
        Failure::Reported => tr!("desk-refused"),
    }
}

/// [`disk::beside`], with each warning said on stderr.
pub(crate) fn review_beside(path: &Path, id: &str) -> Option<Found> {
    let (found, warnings) = disk::beside(path, id);
    for w in warnings {
        say!("touchpoint: {}", tr!("cli-warning", warning = w));
    }
    found
}

/// A record awaiting review, as the queue found it.
struct Awaiting {
    path: PathBuf,
    record: RecordFile,
    state: State,
    finished: jiff::ZonedDateTime,
}

/// The folders the queue reads: `paths`, else `review_folders`, else the data folder.
fn queue_paths(
    data_dir: Option<&Path>,
    config: &Config,
    paths: &[PathBuf],
) -> Result<Vec<PathBuf>, Failure> {
    Ok(if !paths.is_empty() {
        paths.to_vec()
    } else if !config.review_folders().is_empty() {
        config.review_folders()
    } else {
        vec![open_store(data_dir)?.visits_dir().to_path_buf()]
    })
}

/// Final and resubmitted records under `paths`, oldest first; files that
/// cannot be read are named on stderr (before the screen, or for a pipe).
fn awaiting(paths: &[PathBuf], quiet: bool) -> Vec<Awaiting> {
    let (files, problems) = find_records(paths);
    for p in &problems {
        if !quiet {
            say!(
                "touchpoint: {}",
                tr!("cli-skipped", problem = p.to_string())
            );
        }
    }
    let mut rows = Vec::new();
    for file in files {
        let shown = file.display().to_string();
        let record = match disk::read_record_bytes(&file)
            .and_then(|b| record::parse_bytes(&shown, &b).map_err(|d| d.to_string()))
        {
            Ok(record) => record,
            Err(why) => {
                if !quiet {
                    say!("touchpoint: {}", tr!("cli-skipped", problem = why));
                }
                continue;
            }
        };
        if record.header.status != Status::Final {
            continue;
        }
        let state = if quiet {
            disk::beside(&file, &record.header.id).0
        } else {
            review_beside(&file, &record.header.id)
        }
        .map(|f| f.state)
        .unwrap_or_default();
        if state.status != ReviewStatus::Final {
            continue;
        }
        let finished = record
            .header
            .finished
            .clone()
            .unwrap_or_else(|| record.header.updated.clone());
        rows.push(Awaiting {
            path: file,
            record,
            state,
            finished,
        });
    }
    rows.sort_by_key(|r| r.finished.timestamp());
    rows
}

/// `touchpoint review [PATH…]` without an action: the queue — final and
/// resubmitted records awaiting review, oldest first — on the review
/// screen when standard output is a terminal, else as a plain table.
pub fn queue(
    data_dir: Option<&Path>,
    paths: &[PathBuf],
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let config = Config::load()?;
    let paths = queue_paths(data_dir, &config, paths)?;
    {
        use std::io::IsTerminal;
        if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
            return screen(data_dir, paths);
        }
    }
    let signers = super::signers(None, false)?;
    let rows: Vec<[String; 6]> = awaiting(&paths, false)
        .into_iter()
        .map(|a| {
            [
                escaped(&a.record.header.id),
                crate::tui::theme::truncate(&escaped(&a.record.header.site), 24),
                crate::tui::theme::truncate(&escaped(&a.record.header.auditor), 16),
                crate::clock::shown(&a.finished, "%Y-%m-%d %H:%M"),
                crate::report::text::signed_word(signers.state(&a.path, &a.record)),
                a.state.shown(),
            ]
        })
        .collect();
    let mut text = String::new();
    if rows.is_empty() {
        text.push_str(&tr!("review-queue-empty"));
        text.push('\n');
    } else {
        let heading = [
            tr!("cli-list-id"),
            tr!("cli-list-site"),
            tr!("review-queue-auditor"),
            tr!("review-queue-finished"),
            tr!("review-queue-signed"),
            tr!("cli-list-status"),
        ];
        use super::table::Align::{Last, Left};
        text.push_str(&super::table::table(
            &heading,
            &rows,
            &[
                (0, Left),
                (0, Left),
                (0, Left),
                (0, Left),
                (0, Left),
                (0, Last),
            ],
        ));
    }
    out.write_all(text.as_bytes())
        .map_err(|e| io_failure(&tr!("cli-cannot-write"), &e))
}

/// The queue and the review screen on the terminal.
fn screen(data_dir: Option<&Path>, paths: Vec<PathBuf>) -> Result<(), Failure> {
    let signals =
        crate::tui::Signals::register().map_err(|e| io_failure(&tr!("cli-cannot-write"), &e))?;
    let signers = super::signers(None, false)?;
    let mut shell = DeskShell::new(data_dir.map(Path::to_path_buf), paths, signers);
    crate::tui::run_screen(&mut shell, &signals)
        .map_err(|e| io_failure(&tr!("cli-cannot-write"), &e))?;
    Ok(())
}

/// The desk's two screens and what they act on: the queue, and the record
/// open on the review screen.
struct DeskShell {
    data_dir: Option<PathBuf>,
    paths: Vec<PathBuf>,
    theme: crate::tui::theme::Theme,
    queue: crate::tui::desk::Queue,
    /// The records behind the queue's rows, with their flags.
    records: Vec<(PathBuf, RecordFile, Vec<crate::check::Flag>)>,
    /// The record open on the review screen (its row), and the screen.
    open: Option<(usize, crate::tui::desk::Desk)>,
    quit: bool,
    /// The flags of each visit (by id), raised once when the desk opens,
    /// with the records' checklists and photos: a record's bytes never
    /// change under review, and warnings go to stderr before the screen.
    flags: std::collections::HashMap<String, Vec<crate::check::Flag>>,
    /// The last frame's size: below the smallest layout only leaving is
    /// acted on, since the editor cannot see what a key would do.
    size: std::cell::Cell<(u16, u16)>,
    /// The allowed signers (config.toml's `allowed_signers`, when set) that
    /// each record's signature is checked against.
    signers: super::Signers,
}

impl DeskShell {
    fn new(data_dir: Option<PathBuf>, paths: Vec<PathBuf>, signers: super::Signers) -> DeskShell {
        let theme = crate::tui::theme::Theme::from_env();
        let mut shell = DeskShell {
            data_dir,
            paths,
            theme,
            queue: crate::tui::desk::Queue::new(Vec::new(), theme),
            records: Vec::new(),
            open: None,
            quit: false,
            flags: std::collections::HashMap::new(),
            size: std::cell::Cell::new((u16::MAX, u16::MAX)),
            signers,
        };
        let store = open_store(shell.data_dir.as_deref()).ok();
        let mut gatherer = super::check::Gatherer::new(store.as_ref());
        let found = awaiting(&shell.paths, false);
        let checked: Vec<super::check::Checked> = found
            .iter()
            .map(|a| gatherer.gather(a.record.clone(), &a.path))
            .collect();
        let inputs: Vec<crate::check::Input<'_>> = checked.iter().map(|c| c.input()).collect();
        for flag in crate::check::flags(&inputs) {
            shell
                .flags
                .entry(flag.visit.clone())
                .or_default()
                .push(flag);
        }
        shell.show_queue(found);
        shell
    }

    /// Reads the queue again (after a status change), keeping the place.
    fn load_queue(&mut self) {
        let found = awaiting(&self.paths, true);
        self.show_queue(found);
    }

    /// The queue of the records `found`, keeping the place.
    fn show_queue(&mut self, found: Vec<Awaiting>) {
        let mut rows = Vec::new();
        self.records.clear();
        for a in found {
            let mine = self
                .flags
                .get(&a.record.header.id)
                .cloned()
                .unwrap_or_default();
            rows.push(crate::tui::desk::QueueRow {
                path: a.path.clone(),
                id: a.record.header.id.clone(),
                site: a.record.header.site.clone(),
                auditor: a.record.header.auditor.clone(),
                finished: crate::clock::shown(&a.finished, "%Y-%m-%d %H:%M"),
                status: a.state.shown(),
                flags: mine.len(),
                signed: crate::report::text::signed_word(self.signers.state(&a.path, &a.record)),
            });
            self.records.push((a.path, a.record, mine));
        }
        let selected = self.queue.selected.min(rows.len().saturating_sub(1));
        let message = self.queue.message.take();
        self.queue = crate::tui::desk::Queue::new(rows, self.theme);
        self.queue.selected = selected;
        self.queue.message = message;
    }

    /// The review screen of row `n`, as its files are now.
    fn desk(&self, n: usize) -> Option<crate::tui::desk::Desk> {
        let (path, record, flags) = self.records.get(n)?;
        let state = disk::beside(path, &record.header.id)
            .0
            .map(|f| f.state)
            .unwrap_or_default();
        let store = open_store(self.data_dir.as_deref()).ok();
        let (loaded, _, _) = crate::store::checklists::load_checklists_kept(record, |sha| {
            store.as_ref().and_then(|s| s.kept_checklist(sha)?.ok())
        });
        let (visit, _) = record::rebuild(record, loaded);
        let options = |key: &str| -> Vec<(String, String)> {
            let (c, i) = key.split_once('/').unwrap_or((key, ""));
            let Some(at) = visit.find(c, i) else {
                return Vec::new();
            };
            let (Some((_, item)), Some(response)) = (visit.item(at), visit.response(at)) else {
                return Vec::new();
            };
            let mut options: Vec<(String, String)> = response
                .options()
                .iter()
                .map(|o| (o.id.clone(), o.label.clone()))
                .collect();
            if !options.is_empty() && item.na_allowed() {
                options.push(("n/a".to_owned(), tr!("desk-na")));
            }
            options
        };
        Some(crate::tui::desk::Desk::new(
            record, &state, flags, &options, self.theme,
        ))
    }

    /// Runs the review screen's request through [`act`], as the scripted
    /// flags do; says what it came to.
    fn run(&mut self, request: crate::tui::desk::Request) {
        use crate::tui::desk::Request;
        let Some((n, desk)) = self.open.as_mut() else {
            return;
        };
        let Some((path, _, _)) = self.records.get(*n) else {
            return;
        };
        let ends = request.ends_review();
        let action = match request {
            Request::Query { item, text } => Action::Query {
                item: item.unwrap_or_else(|| "visit".to_owned()),
                text,
            },
            Request::Correct {
                item,
                answer,
                reason,
            } => Action::Correct {
                item,
                answer,
                reason,
            },
            Request::Approve => Action::Approve {
                note: String::new(),
            },
            Request::Return { text } => Action::Return { text },
            Request::Exclude { text } => Action::Exclude { text },
        };
        let mut said = Vec::new();
        let rec = path.display().to_string();
        let outcome = match act(self.data_dir.as_deref(), &rec, action, &mut said) {
            Ok(()) => Ok(String::from_utf8_lossy(&said).trim().to_owned()),
            Err(Failure::Message(m)) => Err(m),
            Err(Failure::Reported) => Err(tr!("desk-refused")),
        };
        let ok = outcome.is_ok();
        desk.finished(outcome);
        if ok && ends {
            let message = desk.message.clone();
            self.open = None;
            self.queue.message = message;
            self.load_queue();
        } else if ok {
            let n = *n;
            let old = desk.clone();
            if let Some(fresh) = self.desk(n) {
                self.open = Some((n, fresh.reloaded(&old)));
            }
        }
    }
}

impl crate::tui::Screen for DeskShell {
    fn draw(&self, frame: &mut ratatui::Frame<'_>) {
        let area = frame.area();
        self.size.set((area.width, area.height));
        match &self.open {
            Some((_, desk)) => desk.draw(frame),
            None => self.queue.draw(frame),
        }
    }

    fn key(&mut self, key: ratatui::crossterm::event::KeyEvent) {
        use crate::tui::desk::QueueChoice;
        use ratatui::crossterm::event::{KeyCode, KeyModifiers};
        let (width, height) = self.size.get();
        if !crate::tui::view::fits(width, height) {
            let leave = key.code == KeyCode::Esc
                || key.code == KeyCode::Char('q')
                || (key.code == KeyCode::Char('c')
                    && key.modifiers.contains(KeyModifiers::CONTROL));
            if !leave {
                return;
            }
        }
        if let Some((_, desk)) = self.open.as_mut() {
            desk.handle_key(key);
            if let Some(request) = desk.request.take() {
                self.run(request);
            } else if desk.leave {
                self.open = None;
            }
            return;
        }
        match self.queue.handle_key(key) {
            Some(QueueChoice::Quit) => self.quit = true,
            Some(QueueChoice::Open(n)) => {
                self.open = self.desk(n).map(|d| (n, d));
            }
            None => {}
        }
    }

    fn paste(&mut self, text: &str) {
        if let Some((_, desk)) = self.open.as_mut() {
            desk.paste(text);
        }
    }

    fn done(&self) -> bool {
        self.quit
    }
}

/// The visit with the editor's corrected answers in place of the
/// auditor's, so that an export's scores use them.
pub(crate) fn correct_visit(visit: &mut crate::visit::Visit, state: &State) {
    for c in &state.corrections {
        let Some((checklist, item)) = c.item.split_once('/') else {
            continue;
        };
        let Some(at) = visit.find(checklist, item) else {
            continue;
        };
        let answer = match (&c.new, c.na, visit.response(at)) {
            (_, true, _) => Some(Answer::Na),
            (Some(AnswerValue::Number(n)), _, _) => Some(Answer::Number(*n)),
            (Some(AnswerValue::Text(t)), _, Some(crate::checklist::Response::Text)) => {
                Some(Answer::Text(t.clone()))
            }
            (Some(AnswerValue::Text(t)), _, _) => Some(Answer::Choice(t.clone())),
            (None, false, _) => None,
        };
        let mut entry = visit.entry(at).cloned().unwrap_or_default();
        entry.answer = answer;
        visit.restore(checklist, item, entry);
    }
}

/// A JSON export with the review: `review` (status, open queries,
/// corrections with `old`, `new` and `reason`) at the top, and
/// `corrected = true` with `corrected_from` on each corrected observation.
pub(crate) fn mark_json(json: &str, state: &State) -> String {
    let Ok(mut value) = serde_json::from_str::<serde_json::Value>(json) else {
        return json.to_owned();
    };
    let answer = |a: &Option<AnswerValue>| match a {
        Some(AnswerValue::Number(n)) => serde_json::json!(n),
        Some(AnswerValue::Text(t)) => serde_json::json!(t),
        None => serde_json::Value::Null,
    };
    if let Some(observations) = value.get_mut("observations").and_then(|o| o.as_array_mut()) {
        for o in observations {
            let key = format!(
                "{}/{}",
                o.get("checklist")
                    .and_then(|v| v.as_str())
                    .unwrap_or_default(),
                o.get("item").and_then(|v| v.as_str()).unwrap_or_default()
            );
            if let (Some(c), Some(map)) = (state.correction(&key), o.as_object_mut()) {
                map.insert("corrected".into(), serde_json::json!(true));
                map.insert("corrected_from".into(), answer(&c.old));
            }
        }
    }
    if let Some(map) = value.as_object_mut() {
        map.insert(
            "review".into(),
            serde_json::json!({
                "status": state.status.as_str(),
                "resubmitted": state.resubmitted,
                "open_queries": state.open.iter().map(|q| serde_json::json!({
                    "item": q.item, "text": q.text,
                })).collect::<Vec<_>>(),
                "corrections": state.corrections.iter().map(|c| serde_json::json!({
                    "item": c.item,
                    "old": answer(&c.old),
                    "new": if c.na { serde_json::json!("n/a") } else { answer(&c.new) },
                    "reason": c.reason,
                })).collect::<Vec<_>>(),
            }),
        );
    }
    let mut text =
        crate::text::escape_json(serde_json::to_string_pretty(&value).unwrap_or_default());
    if json.ends_with('\n') && !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// A CSV export with two more columns: `review_status` (empty for a draft)
/// and `corrected` (`true` on a corrected answer).
pub(crate) fn mark_csv(csv: &str, status: Option<ReviewStatus>, state: &State) -> String {
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_bytes());
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    let mut columns: Option<(usize, usize)> = None;
    for row in reader.records() {
        let Ok(mut row) = row else {
            return csv.to_owned();
        };
        match columns {
            None => {
                let find = |name: &str| row.iter().position(|c| c == name).unwrap_or(0);
                columns = Some((find("checklist"), find("item")));
                row.push_field("review_status");
                row.push_field("corrected");
            }
            Some((checklist, item)) => {
                let key = format!("{}/{}", &row[checklist], &row[item]);
                let corrected = state.correction(&key).is_some();
                row.push_field(status.map_or("", ReviewStatus::as_str));
                row.push_field(if corrected { "true" } else { "" });
            }
        }
        if writer.write_record(&row).is_err() {
            return csv.to_owned();
        }
    }
    writer
        .into_inner()
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_else(|| csv.to_owned())
}

/// The lines of the review for Markdown and HTML: the status, then each
/// correction as `checklist/item: old → new — reason`.
fn review_lines(state: &State) -> (String, Vec<String>) {
    let status = tr!("review-export-status", status = state.shown());
    let lines = state
        .corrections
        .iter()
        .map(|c| {
            tr!(
                "review-export-correction",
                item = escaped(&c.item),
                change = escaped(&c.arrow()),
                reason = escaped(&c.reason)
            )
        })
        .collect();
    (status, lines)
}

/// A Markdown export with a closing "Review" section: the status and each
/// correction as `old → new` with its reason.
pub(crate) fn mark_markdown(markdown: &str, state: &State) -> String {
    let (status, lines) = review_lines(state);
    let mut text = markdown.trim_end().to_owned();
    text.push_str("\n\n## ");
    text.push_str(&tr!("review-export-title"));
    text.push_str("\n\n");
    text.push_str(&crate::record::md::inline(&status));
    text.push('\n');
    if !lines.is_empty() {
        text.push('\n');
    }
    for line in lines {
        text.push_str("- ");
        text.push_str(&crate::record::md::inline(&line));
        text.push('\n');
    }
    text
}

/// An HTML export with a "Review" section before the end of its body.
pub(crate) fn mark_html(page: &str, state: &State) -> String {
    let (status, lines) = review_lines(state);
    let section = maud::html! {
        section.review {
            h2 { (tr!("review-export-title")) }
            p { (status) }
            @if !lines.is_empty() {
                ul { @for line in &lines { li { (line) } } }
            }
        }
    }
    .into_string();
    match page.rfind("</body>") {
        Some(at) => format!("{}{section}\n{}", &page[..at], &page[at..]),
        None => format!("{page}{section}"),
    }
}
