//! How long reopening takes when the journal holds `N` answers of the
//! bundled hotel stay (a crash before any pause folded it):
//! `cargo run --release --example replay_cost -- 6000`.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // a tool: the disk and the clock are its (clippy.toml)

use std::time::Instant;

use touchpoint::checklist;
use touchpoint::session::Session;
use touchpoint::store::Store;
use touchpoint::visit::{Answer, Visit};

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(6000);
    let dir = std::env::temp_dir().join(format!("touchpoint-replay-{}", std::process::id()));
    let store = Store::open(&dir).expect("store");
    let loaded: Vec<_> = checklist::DEFAULT_STAY
        .iter()
        .map(|id| checklist::bundled_by_id(id).unwrap().unwrap())
        .collect();
    let t: jiff::ZonedDateTime = "2026-11-22T14:03:12+03:00[+03:00]".parse().unwrap();
    let mut visit = Visit::new("Hotel", "anna", loaded, &t, "replay");
    let id = visit.header.id.clone();
    let mut session = Session::create(&store, &visit, None).expect("session");
    session.save(&mut visit).expect("first save");
    let items: Vec<_> = visit.all_items().collect();
    let mut k = 0;
    for i in 0..n {
        let at = items[i % items.len()];
        if let Some(touchpoint::checklist::Response::Options(o)) = visit.response(at) {
            k += 1;
            // Another option than the one it holds: every save is a change.
            let held = visit.entry(at).and_then(|e| e.answer.clone());
            let Some(option) = o
                .iter()
                .find(|c| held != Some(Answer::Choice(c.id.clone())))
            else {
                continue;
            };
            let answer = Answer::Choice(option.id.clone());
            let _ = visit.set_answer(at, Some(answer), &t);
            session.save(&mut visit).expect("save");
        }
    }
    let journal = std::fs::metadata(store.journal_path(&id).unwrap()).map_or(0, |m| m.len());
    // A crash: the session is dropped without a pause or a close.
    drop(session);
    let start = Instant::now();
    let opened = Session::resume(&store, &id, None).expect("resume");
    let took = start.elapsed();
    println!(
        "{k} answers, journal {} KiB: resume {:.1} ms ({} changes replayed)",
        journal / 1024,
        took.as_secs_f64() * 1e3,
        opened.replayed
    );
    let _ = std::fs::remove_dir_all(&dir);
}
