//! `cargo bench --bench core`: the costs an auditor could feel, at 20, 75,
//! 1,000 and 10,000 items, each as a ratio to a baseline measured in the
//! same run (interleaved with it), so the numbers mean the same on a busy
//! shared machine as on a quiet laptop.
//!
//! - validating a checklist (and looking for invisible characters, as
//!   `touchpoint validate` does) vs parsing the same bytes as a plain TOML
//!   table;
//! - drawing the visit screen at 80×24 vs drawing it for 20 items;
//! - a keystroke in the program (move, answer, note letter: the key handled
//!   and the frame drawn) vs the same at 75 items;
//! - a durable save of one change vs one fsynced append of the change's
//!   bytes (the floor), and the whole-record save it replaced;
//! - the JSON, CSV, Markdown and HTML exports vs the TOML record of the same visit;
//! - scoring and writing the record, per item, vs 1,000 items (linear: 1.0).
//!
//! `BENCH_SIZES=20,75,1000` measures fewer sizes, `BENCH_ONLY=validate,draw`
//! fewer groups (validate, draw, keys, save, read, export, linear), and `BENCH_MS`
//! sets the time given to each row (default 1500).
#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // a program, tests and tools: the disk, the clock and the environment are theirs (clippy.toml)

mod generate;

use std::hint::black_box;
use std::io::Write;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use touchpoint::checklist::{self, Loaded, Response, Source};
use touchpoint::record;
use touchpoint::score;
use touchpoint::session::Session;
use touchpoint::store::Store;
use touchpoint::tui::app::App;
use touchpoint::tui::theme::Theme;
use touchpoint::tui::view;
use touchpoint::visit::{Answer, ItemRef, Visit};

/// Medians of `ours` and `baseline`, timed in alternating rounds over about
/// `budget`, each round long enough to time well.
fn compare(
    budget: Duration,
    mut ours: impl FnMut(),
    mut baseline: impl FnMut(),
) -> (Duration, Duration) {
    let per_call = |f: &mut dyn FnMut()| {
        let start = Instant::now();
        f();
        start.elapsed().max(Duration::from_nanos(50))
    };
    let (a, b) = (per_call(&mut ours), per_call(&mut baseline));
    // Calls per round: ~2 ms of work per round, at least one call.
    let calls =
        |one: Duration| (Duration::from_millis(2).as_nanos() / one.as_nanos()).max(1) as u32;
    let (calls_a, calls_b) = (calls(a), calls(b));
    let rounds =
        ((budget.as_secs_f64() / (a * calls_a + b * calls_b).as_secs_f64()) as usize).clamp(7, 201);
    let (mut xs, mut ys) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        let t = Instant::now();
        for _ in 0..calls_a {
            ours();
        }
        xs.push(t.elapsed() / calls_a);
        let t = Instant::now();
        for _ in 0..calls_b {
            baseline();
        }
        ys.push(t.elapsed() / calls_b);
    }
    xs.sort();
    ys.sort();
    (xs[xs.len() / 2], ys[ys.len() / 2])
}

fn row(what: &str, ours: Duration, baseline: &str, base: Duration) {
    println!(
        "| {what} | {:.1} µs | {baseline} | {:.1} µs | {:.2} |",
        ours.as_secs_f64() * 1e6,
        base.as_secs_f64() * 1e6,
        ours.as_secs_f64() / base.as_secs_f64()
    );
}

fn now() -> jiff::ZonedDateTime {
    "2026-11-22T14:03:12+03:00[+03:00]".parse().unwrap()
}

/// The generated checklist of `items` items, validated.
fn loaded(items: usize) -> (String, Loaded) {
    let text = generate::checklist("generated", items);
    let path = format!("generated-{items}.toml");
    let loaded = checklist::from_bytes(&path, text.as_bytes(), Source::Path(path.clone().into()))
        .expect("the generator writes valid checklists");
    (text, loaded)
}

/// A visit with every item answered (options in turn, numbers, text) and
/// every third one noted: the largest record a visit of this size makes.
fn answered(loaded: Loaded) -> Visit {
    let t = now();
    let mut visit = Visit::new("Hotel Metropol", "anna", vec![loaded], &t, "bench");
    let items: Vec<ItemRef> = visit.all_items().collect();
    for (n, at) in items.into_iter().enumerate() {
        let answer = match visit.response(at) {
            Some(Response::Options(o)) => Answer::Choice(o[n % o.len()].id.clone()),
            Some(Response::Number { .. }) => Answer::Number((n % 9) as f64),
            _ => Answer::Text("Полотенца заменили, но без улыбки.".into()),
        };
        let _ = visit.set_answer(at, Some(answer), &t);
        if n % 3 == 0 {
            let _ = visit.set_note(at, "A note of some length, as auditors write.", false, &t);
        }
    }
    visit.take_unsaved();
    visit
}

fn app(visit: Visit) -> App {
    let mut app = App::new(visit, Box::new(|_| Ok(())), Box::new(now), Theme::new(true));
    // The middle of the list, where a long checklist is mostly worked, on a
    // yes-no item (every tenth item of the generator's).
    let middle = app.visit.checklists[0].checklist.item_count() / 20 * 10;
    app.reveal(ItemRef {
        checklist: 0,
        item: middle,
    });
    app
}

fn key(app: &mut App, c: char) {
    let code = match c {
        '\x1b' => KeyCode::Esc,
        c => KeyCode::Char(c),
    };
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

struct Size {
    items: usize,
    text: String,
    visit: Visit,
}

fn main() {
    let sizes: Vec<usize> = std::env::var("BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![20, 75, 1000, 10_000]);
    let budget = Duration::from_millis(
        std::env::var("BENCH_MS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(1500),
    );
    let sizes: Vec<Size> = sizes
        .into_iter()
        .map(|items| {
            let (text, loaded) = loaded(items);
            let visit = answered(loaded);
            Size { items, text, visit }
        })
        .collect();
    let only = std::env::var("BENCH_ONLY").unwrap_or_default();
    let wanted = |group: &str| only.is_empty() || only.split(',').any(|g| g.trim() == group);
    let dir = std::env::temp_dir().join(format!("touchpoint-bench-{}", std::process::id()));
    let store = Store::open(&dir).expect("bench store");

    println!("| what | ours | baseline | baseline time | ratio |");
    println!("| --- | ---: | --- | ---: | ---: |");

    for s in sizes.iter().filter(|_| wanted("validate")) {
        let bytes = s.text.as_bytes();
        let (validate, plain) = compare(
            budget,
            // What `touchpoint validate` does with a file's bytes: validate
            // them, then look for invisible characters to warn about.
            || {
                let bytes = black_box(bytes);
                black_box(checklist::from_bytes("b.toml", bytes, Source::Path("b".into())).is_ok());
                black_box(checklist::warnings("b.toml", bytes).len());
            },
            || {
                black_box(toml::from_str::<toml::Table>(black_box(&s.text)).is_ok());
            },
        );
        row(
            &format!("validate, {} items ({} KB)", s.items, bytes.len() / 1024),
            validate,
            "plain `toml::Table` parse",
            plain,
        );
    }

    // Drawing and keystrokes, each against the smallest visit of its row.
    let frame = |app: &App, terminal: &mut Terminal<TestBackend>| {
        terminal.draw(|f| view::draw(f, app)).expect("draw");
    };
    let small = sizes.iter().find(|s| s.items == 20).unwrap_or(&sizes[0]);
    let small_app = app(small.visit.clone());
    let mut small_term = Terminal::new(TestBackend::new(80, 24)).expect("backend");
    for s in sizes.iter().filter(|_| wanted("draw")) {
        let big_app = app(s.visit.clone());
        let mut big_term = Terminal::new(TestBackend::new(80, 24)).expect("backend");
        let (ours, base) = compare(
            budget,
            || frame(&big_app, &mut big_term),
            || frame(&small_app, &mut small_term),
        );
        row(
            &format!("draw 80×24, {} items", s.items),
            ours,
            "the same, 20 items",
            base,
        );
    }
    let middle = sizes.iter().find(|s| s.items == 75).unwrap_or(&sizes[0]);
    for (name, keys) in [
        ("move (j, k)", "jk"),
        ("answer (1, 2)", "12"),
        ("note letter", "ab"),
    ] {
        for s in sizes.iter().filter(|_| wanted("keys")) {
            let mut big = app(s.visit.clone());
            let mut base = app(middle.visit.clone());
            if name == "note letter" {
                key(&mut big, 'e');
                key(&mut base, 'e');
            }
            let (mut t1, mut t2) = (
                Terminal::new(TestBackend::new(80, 24)).expect("backend"),
                Terminal::new(TestBackend::new(80, 24)).expect("backend"),
            );
            let (mut i, mut j) = (0, 0);
            let keys: Vec<char> = keys.chars().collect();
            let (ours, baseline) = compare(
                budget,
                || {
                    i += 1;
                    key(&mut big, keys[i % 2]);
                    frame(&big, &mut t1);
                },
                || {
                    j += 1;
                    key(&mut base, keys[j % 2]);
                    frame(&base, &mut t2);
                },
            );
            row(
                &format!("keystroke: {name}, {} items (in process)", s.items),
                ours,
                "the same, 75 items",
                baseline,
            );
        }
    }

    // A durable save of one change, through the session, vs its floor.
    for s in sizes.iter().filter(|_| wanted("save")) {
        let mut visit = s.visit.clone();
        let mut session = Session::create(&store, &visit, None).expect("session");
        session.save(&mut visit).expect("first save");
        let at = ItemRef {
            checklist: 0,
            item: s.items / 2,
        };
        let mut n = 0u64;
        let mut change = |visit: &mut Visit| {
            n += 1;
            let note = format!("A note of some length, as auditors write. {n}");
            visit.set_note(at, &note, true, &now()).expect("note");
        };
        // The bytes of one change, as the journal writes them.
        let line = {
            let mut probe = visit.clone();
            change(&mut probe);
            record::journal::line(&probe, &probe.clone().take_unsaved(), 1, Default::default())
        };
        let floor_path = dir.join(format!("floor-{}", s.items));
        let mut floor = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&floor_path)
            .expect("floor file");
        let (ours, base) = compare(
            budget,
            || {
                change(&mut visit);
                session.save(&mut visit).expect("save");
            },
            || {
                floor.write_all(line.as_bytes()).expect("write");
                floor.sync_data().expect("fdatasync");
            },
        );
        row(
            &format!(
                "save one change durably, {} answered items (journal line {} B)",
                s.items,
                line.len()
            ),
            ours,
            "append + fdatasync of the change's bytes",
            base,
        );
        let text = record::to_toml(&visit);
        let raw = dir.join(format!("raw-{}", s.items));
        let (whole, bare) = compare(
            budget / 2,
            || {
                let text = record::to_toml(&visit);
                store.save("whole", text.as_bytes()).expect("save");
            },
            || {
                let mut f = std::fs::File::create(&raw).expect("raw");
                f.write_all(text.as_bytes()).expect("write");
                f.sync_all().expect("fsync");
            },
        );
        row(
            &format!(
                "(before) save the whole record, {} items ({} KB)",
                s.items,
                text.len() / 1024
            ),
            whole,
            "write + fsync of the record",
            bare,
        );
        // An answer changed: a line of the change log too, carried by the
        // journal's append and written to `<id>.log` right after it.
        let chosen = (s.items / 2..s.items).find_map(|i| {
            let item = ItemRef {
                checklist: 0,
                item: i,
            };
            match visit.response(item) {
                Some(Response::Options(o)) if o.len() >= 2 => {
                    Some((item, o.iter().map(|o| o.id.clone()).collect::<Vec<_>>()))
                }
                _ => None,
            }
        });
        if let Some((item, options)) = chosen {
            let mut k = 0usize;
            // Its floor appends as many bytes as an answer's journal line
            // (which carries the change-log line): measured on the journal.
            let journal = store.journal_path(&visit.header.id).expect("journal path");
            let size = || std::fs::metadata(&journal).map_or(0, |m| m.len());
            // A save that folds the journal into the record shrinks it:
            // the first save that grows it gives the line's length.
            let mut grown = 0;
            for n in 0..4 {
                let before = size();
                let answer = Answer::Choice(options[n % 2].clone());
                visit
                    .set_answer(item, Some(answer), &now())
                    .expect("answer");
                session.save(&mut visit).expect("save");
                grown = size().saturating_sub(before) as usize;
                if grown > 0 {
                    break;
                }
            }
            let answer_line = "x".repeat(grown.max(1) - 1) + "\n";
            let (ours, base) = compare(
                budget,
                || {
                    k += 1;
                    let answer = Answer::Choice(options[k % 2].clone());
                    visit
                        .set_answer(item, Some(answer), &now())
                        .expect("answer");
                    session.save(&mut visit).expect("save");
                },
                || {
                    floor.write_all(answer_line.as_bytes()).expect("write");
                    floor.sync_data().expect("fdatasync");
                },
            );
            row(
                &format!(
                    "save one answer durably, with its change-log line, {} answered items (journal line {} B)",
                    s.items,
                    answer_line.len()
                ),
                ours,
                "append + fdatasync of the change's bytes",
                base,
            );
        }
        session.close(&mut visit).expect("close");
    }

    // Reading a record back: `parse` reads one over 1 MiB table by table
    // (issue 17 #13), against reading it as one document. Below 1 MiB both
    // are the same code; the 10,000-item record (≈ 3 MB) is read in pieces.
    for s in sizes.iter().filter(|_| wanted("read")) {
        let text = record::to_toml(&s.visit);
        let (pieces, whole) = compare(
            budget,
            || {
                black_box(record::parse("r.toml", black_box(&text)).is_ok());
            },
            || {
                black_box(record::parse_with("r.toml", black_box(&text), usize::MAX).is_ok());
            },
        );
        row(
            &format!(
                "read a record, {} items ({} KB)",
                s.items,
                text.len() / 1024
            ),
            pieces,
            "read as one document",
            whole,
        );
    }

    for s in sizes.iter().filter(|_| wanted("export")) {
        let visit = &s.visit;
        let toml = || {
            black_box(record::to_toml(black_box(visit)));
        };
        for (name, export) in [
            ("JSON", record::to_json as fn(&Visit) -> String),
            ("CSV", record::to_csv),
            ("Markdown", record::to_markdown),
            ("HTML debrief", touchpoint::report::debrief::to_html),
        ] {
            let (ours, base) = compare(
                budget / 2,
                || {
                    black_box(export(black_box(visit)));
                },
                toml,
            );
            row(
                &format!("export {name}, {} items", s.items),
                ours,
                "the TOML record of the same visit",
                base,
            );
        }
    }

    // Linear costs: per item, against the same at 1,000 items.
    let per_item = |d: Duration, items: usize| d / items as u32;
    let reference = sizes.iter().find(|s| s.items == 1000).unwrap_or(&sizes[0]);
    for (name, work) in [
        (
            "write the record (TOML)",
            (|v: &Visit| {
                black_box(record::to_toml(v));
            }) as fn(&Visit),
        ),
        ("score from scratch", |v: &Visit| {
            black_box(score::recompute(v));
        }),
        ("open: rebuild from the record", |v: &Visit| {
            let text = record::to_toml(v);
            let file = record::parse("r.toml", &text).expect("record");
            black_box(record::rebuild(&file, v.checklists.clone()));
        }),
    ] {
        for s in sizes.iter().filter(|_| wanted("linear")) {
            let (ours, base) = compare(budget / 2, || work(&s.visit), || work(&reference.visit));
            row(
                &format!("{name}, per item, {} items", s.items),
                per_item(ours, s.items),
                "the same at 1,000 items",
                per_item(base, reference.items),
            );
        }
    }
    for s in sizes.iter().filter(|_| wanted("linear")) {
        let (ours, base) = compare(
            budget / 3,
            || {
                black_box(score::score(black_box(&s.visit)));
            },
            || {
                black_box(score::score(black_box(&small.visit)));
            },
        );
        row(
            &format!("score (kept sums), {} items", s.items),
            ours,
            "the same, 20 items",
            base,
        );
    }
    let record_size: Vec<String> = sizes
        .iter()
        .map(|s| {
            format!(
                "{} items {} KB",
                s.items,
                record::to_toml(&s.visit).len() / 1024
            )
        })
        .collect();
    println!("\nrecord sizes: {}", record_size.join(", "));
    let _ = std::fs::remove_dir_all(&dir);
}
