//! `cargo bench --bench report`: `touchpoint report` over 10,000 generated
//! records against parsing the same files only (read and parsed in the same
//! parallel batches), as ratios measured in the same run: of wall-clock time
//! and of CPU time (all threads), which a busy shared machine disturbs less.
//!
//! The records are whole visits of the bundled hotel stay (75 items), with
//! answers, misses and notes varied by a fixed pseudo-random sequence, at
//! 40 sites (Latin, Cyrillic and CJK names) over 12 months.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)] // a program, tests and tools: the disk, the clock and the environment are theirs (clippy.toml)

use std::hint::black_box;
use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use touchpoint::checklist::{self, Response};
use touchpoint::cli::ReportFormat;
use touchpoint::commands::{self, BATCH, ReportArgs};
use touchpoint::record;
use touchpoint::report::{DEFAULT_LINE, Filter};
use touchpoint::visit::{Answer, ItemRef, Visit};

const RECORDS: usize = 10_000;

/// A small deterministic generator (xorshift), so every run reads the same files.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn site(n: usize) -> String {
    const NAMES: [&str; 4] = [
        "Hotel Metropol",
        "Гостиница Москва",
        "東京ホテル",
        "Grand Hotel",
    ];
    format!("{} {}", NAMES[n % 4], n / 4 + 1)
}

/// Writes the records into a fresh folder and returns their paths.
fn generate(dir: &std::path::Path) -> Vec<PathBuf> {
    let checklists: Vec<_> = checklist::bundled()
        .expect("bundled checklists are valid")
        .into_iter()
        .filter(|l| checklist::DEFAULT_STAY.contains(&l.checklist.checklist.id.as_str()))
        .collect();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut paths = Vec::with_capacity(RECORDS);
    for n in 0..RECORDS {
        let start = jiff::civil::date(2026, (n % 12) as i8 + 1, (n % 28) as i8 + 1)
            .at(9, 0, 0, 0)
            .to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(3)))
            .expect("a real date");
        let mut visit = Visit::new(
            &site(rng.below(40)),
            "anna",
            checklists.clone(),
            &start,
            &format!("{n:05x}"),
        );
        let items: Vec<ItemRef> = visit.all_items().collect();
        for at in items {
            let answer = match visit.response(at) {
                _ if rng.below(10) == 0 => None,
                Some(Response::Options(o)) => {
                    Some(Answer::Choice(o[rng.below(o.len())].id.clone()))
                }
                Some(Response::Number { min, .. }) => {
                    Some(Answer::Number(min.unwrap_or(1.0) + 2.0))
                }
                _ => Some(Answer::Text("Полотенца заменили, но без улыбки.".into())),
            };
            let _ = visit.set_answer(at, answer, &start);
            if rng.below(4) == 0 {
                let _ = visit.set_note(at, "Waited at the desk; nobody looked up.", false, &start);
            }
        }
        let _ = visit.finalize(&start);
        let path = dir.join(format!("{}.toml", visit.header.id));
        std::fs::write(&path, record::to_toml(&visit)).expect("write a record");
        paths.push(path);
    }
    paths
}

/// CPU time (user + system, all threads) this process has used so far.
fn cpu_time() -> Duration {
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

/// Wall-clock and CPU time of one call of `f`.
fn timed(f: impl FnOnce()) -> (Duration, Duration) {
    let (wall, cpu) = (Instant::now(), cpu_time());
    f();
    (wall.elapsed(), cpu_time() - cpu)
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let dir = std::env::temp_dir().join(format!("touchpoint-bench-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("bench folder");
    let t = Instant::now();
    let files = generate(&dir);
    let bytes: u64 = files
        .iter()
        .map(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0))
        .sum();
    println!(
        "{RECORDS} records, {:.0} MB, generated in {:.1} s; {} threads",
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64(),
        rayon::current_num_threads()
    );

    // The baseline: read and parse every file, in the report's batches.
    let parse_only = || {
        let mut parsed = 0;
        for batch in files.chunks(BATCH) {
            parsed += batch
                .par_iter()
                .filter(|p| commands::read_record_file(p).is_ok())
                .count();
        }
        assert_eq!(parsed, RECORDS);
    };
    let report = |format: ReportFormat| {
        let args = ReportArgs {
            paths: Vec::new(),
            format,
            output: None,
            filter: Filter::default(),
            line: DEFAULT_LINE,
            min_coverage: touchpoint::report::DEFAULT_MIN_COVERAGE,
            min_answers: touchpoint::report::DEFAULT_MIN_ANSWERS,
            require_signed: false,
            allowed_signers: None,
        };
        let Ok(signers) = commands::signers(None, false) else {
            panic!("the allowed_signers of config.toml cannot be read");
        };
        let mut out = std::io::sink();
        let tally =
            commands::write_report(&files, &args, &signers, &mut out, false).expect("report");
        black_box(tally);
        out.flush().expect("flush");
    };
    // One thread, files in memory: our work per record against parsing it,
    // without the disk or the thread pool (steadier on a busy machine).
    let texts: Vec<(String, String)> = files[..500]
        .iter()
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(p).expect("read"),
            )
        })
        .collect();
    let parse_all = || {
        for (name, text) in &texts {
            black_box(record::parse(name, text).expect("a record"));
        }
    };
    let parse_and = |csv: bool| {
        let mut builder = touchpoint::report::Builder::new(DEFAULT_LINE);
        for (name, text) in &texts {
            let r = record::parse(name, text).expect("a record");
            if csv {
                black_box(touchpoint::report::csv::render(&r).expect("rows"));
            } else {
                builder.add(&r);
            }
        }
        black_box(builder.finish());
    };
    let mut single = (vec![], vec![], vec![]);
    for _ in 0..5 {
        single.0.push(timed(parse_all).1);
        single.1.push(timed(|| parse_and(false)).1);
        single.2.push(timed(|| parse_and(true)).1);
    }
    let (p, f, c) = (median(single.0), median(single.1), median(single.2));
    println!(
        "one thread, 500 records in memory: parse {:.0} ms; parse + figures {:.0} ms \
         (ratio {:.2}); parse + CSV rows {:.0} ms (ratio {:.2})",
        p.as_secs_f64() * 1e3,
        f.as_secs_f64() * 1e3,
        f.as_secs_f64() / p.as_secs_f64(),
        c.as_secs_f64() * 1e3,
        c.as_secs_f64() / p.as_secs_f64()
    );

    // Warm the page cache so both read the same way.
    parse_only();
    let runs = 3;
    println!(
        "{:<32} {:>8} {:>8} {:>6}   {:>8} {:>8} {:>6}",
        "", "wall", "baseline", "ratio", "cpu", "baseline", "ratio"
    );
    for (name, format) in [
        ("report --format table", ReportFormat::Table),
        ("report --format json", ReportFormat::Json),
        ("report --format html", ReportFormat::Html),
        ("report --format csv (streamed)", ReportFormat::Csv),
    ] {
        // Interleaved, so drift on a busy machine hits both alike.
        let (mut ours, mut base) = ((vec![], vec![]), (vec![], vec![]));
        for _ in 0..runs {
            let (wall, cpu) = timed(parse_only);
            base.0.push(wall);
            base.1.push(cpu);
            let (wall, cpu) = timed(|| report(format));
            ours.0.push(wall);
            ours.1.push(cpu);
        }
        let (ow, bw, oc, bc) = (
            median(ours.0),
            median(base.0),
            median(ours.1),
            median(base.1),
        );
        let s = |d: Duration| d.as_secs_f64();
        println!(
            "{name:<32} {:>6.2} s {:>6.2} s {:>6.2}   {:>6.2} s {:>6.2} s {:>6.2}",
            s(ow),
            s(bw),
            s(ow) / s(bw),
            s(oc),
            s(bc),
            s(oc) / s(bc)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
