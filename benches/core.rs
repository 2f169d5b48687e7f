//! `cargo bench`: the costs an auditor could feel, each as a ratio to a
//! baseline measured in the same run, so the numbers mean the same on a busy
//! shared machine as on a quiet laptop.
//!
//! - validating a checklist vs parsing the same bytes as plain TOML;
//! - one keystroke's save (record + atomic, fsynced write) vs a bare
//!   write + fsync of the same bytes;
//! - drawing the visit screen at 80×24 vs drawing an empty frame;
//! - scoring a whole visit vs cloning it.

use std::hint::black_box;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use touchpoint::checklist::{self, Source};
use touchpoint::record;
use touchpoint::score;
use touchpoint::store::Store;
use touchpoint::tui::app::App;
use touchpoint::tui::theme::Theme;
use touchpoint::tui::view;
use touchpoint::visit::{Answer, ItemRef, Visit};

/// Median time of one call of `f`, over enough rounds to fill ~0.3 s.
fn measure(mut f: impl FnMut()) -> Duration {
    let start = Instant::now();
    let mut calls = 0u32;
    while start.elapsed() < Duration::from_millis(50) {
        f();
        calls += 1;
    }
    let per_round = (calls / 5).max(1);
    let mut samples: Vec<Duration> = (0..15)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..per_round {
                f();
            }
            t.elapsed() / per_round
        })
        .collect();
    samples.sort();
    samples[samples.len() / 2]
}

fn row(name: &str, ours: Duration, baseline_name: &str, baseline: Duration) {
    println!(
        "{name:<34} {:>10.1} µs   {baseline_name:<28} {:>9.1} µs   ratio {:>6.2}",
        ours.as_secs_f64() * 1e6,
        baseline.as_secs_f64() * 1e6,
        ours.as_secs_f64() / baseline.as_secs_f64()
    );
}

fn full_visit() -> Visit {
    let checklists = checklist::bundled()
        .expect("bundled checklists are valid")
        .into_iter()
        .filter(|l| checklist::DEFAULT_STAY.contains(&l.checklist.checklist.id.as_str()))
        .collect();
    let now = jiff::ZonedDateTime::now();
    let mut visit = Visit::new("Hotel Metropol", "anna", checklists, &now, "bench");
    let items: Vec<ItemRef> = visit.all_items().collect();
    for at in items {
        let answer = match visit.response(at) {
            Some(checklist::Response::Options(o)) => Answer::Choice(o[0].id.clone()),
            Some(checklist::Response::Number { min, .. }) => Answer::Number(min.unwrap_or(1.0)),
            _ => Answer::Text("Полотенца заменили, но без улыбки.".into()),
        };
        let _ = visit.set_answer(at, Some(answer), &now);
        let _ = visit.set_note(at, "A note of some length, as auditors write.", false, &now);
    }
    visit
}

fn main() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/checklists/hotel-check-in.toml"
    ))
    .expect("bundled file");
    let text = String::from_utf8(bytes.clone()).expect("UTF-8");

    let validate = measure(|| {
        black_box(
            checklist::from_bytes("b.toml", black_box(&bytes), Source::Path("b.toml".into()))
                .is_ok(),
        );
    });
    let plain = measure(|| {
        black_box(toml::from_str::<toml::Table>(black_box(&text)).is_ok());
    });
    row(
        "validate hotel-check-in",
        validate,
        "plain toml::Table parse",
        plain,
    );

    let visit = full_visit();
    let dir = std::env::temp_dir().join(format!("touchpoint-bench-{}", std::process::id()));
    let store = Store::open(&dir).expect("bench store");
    let serialized = record::try_to_toml(&visit).expect("record");
    let save = measure(|| {
        let text = record::try_to_toml(&visit).expect("record");
        store.save("bench", text.as_bytes()).expect("save");
    });
    let raw_path = dir.join("raw.toml");
    let raw = measure(|| {
        use std::io::Write;
        let mut f = std::fs::File::create(&raw_path).expect("raw file");
        f.write_all(serialized.as_bytes()).expect("write");
        f.sync_all().expect("fsync");
    });
    row(
        "save per keystroke (75 answers)",
        save,
        "bare write + fsync",
        raw,
    );
    let _ = std::fs::remove_dir_all(&dir);

    let app = App::new(
        visit.clone(),
        Box::new(|_| Ok(())),
        Box::new(jiff::ZonedDateTime::now),
        Theme::new(true),
    );
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test backend");
    let draw = measure(|| {
        terminal
            .draw(|frame| view::draw(frame, &app))
            .expect("draw");
    });
    let mut empty = Terminal::new(TestBackend::new(80, 24)).expect("test backend");
    let blank = measure(|| {
        empty.draw(|_| {}).expect("draw");
    });
    row(
        "draw visit screen 80x24",
        draw,
        "draw empty frame 80x24",
        blank,
    );

    let scoring = measure(|| {
        black_box(score::score(black_box(&visit)));
    });
    let cloning = measure(|| {
        black_box(black_box(&visit).clone());
    });
    row("score a 75-item visit", scoring, "clone the visit", cloning);
    println!(
        "record size: {} bytes for {} items",
        serialized.len(),
        visit.all_items().count()
    );
}
