//! The checklist reader against damaged and hostile input: truncated files,
//! random byte damage, deep nesting, megabytes of junk. Whatever comes in, it
//! answers Ok or a list of problems — never a panic, never a message that
//! could drive the terminal, never more problems than a person can read.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::time::{Duration, Instant};

use touchpoint::checklist::diag::MAX_PROBLEMS;
use touchpoint::checklist::{Checklist, Source, from_bytes};

/// xorshift64*: a fixed-seed generator, so that a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Every bundled checklist and valid fixture, by name.
fn seeds() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut seeds = Vec::new();
    for dir in ["checklists", "tests/fixtures/checklists/valid"] {
        for entry in std::fs::read_dir(root.join(dir)).expect("folder of checklists") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "toml") {
                let name = format!("{dir}/{}", path.file_name().unwrap().to_string_lossy());
                seeds.push((name, std::fs::read(&path).expect("readable")));
            }
        }
    }
    seeds.sort();
    assert!(seeds.len() >= 12, "bundled and valid fixtures");
    seeds
}

/// Reads `bytes` as a checklist and checks the answer; `what` names the input
/// in a failure, so that it can be reproduced.
fn check(what: &str, bytes: &[u8]) {
    let result = catch_unwind(AssertUnwindSafe(|| {
        from_bytes("input.toml", bytes, Source::Path("input.toml".into()))
    }));
    let result = match result {
        Ok(result) => result,
        Err(_) => panic!("the parser panicked on {what}"),
    };
    match result {
        Ok(loaded) => {
            // Whatever the walker accepts, serde reads the same (see the
            // CRLF note in parse/tests.rs).
            let text = String::from_utf8_lossy(bytes).replace("\r\n", "\n");
            match toml::from_str::<Checklist>(&text) {
                Ok(deserialized) => assert_eq!(
                    loaded.checklist, deserialized,
                    "walker and serde disagree on {what}"
                ),
                Err(e) => panic!("the walker accepts {what}, serde does not: {e}"),
            }
        }
        Err(problems) => {
            assert!(!problems.is_empty(), "an error without problems on {what}");
            assert!(
                problems.len() <= MAX_PROBLEMS + 1,
                "{} problems on {what}",
                problems.len()
            );
            let lines = bytes.iter().filter(|b| **b == b'\n').count() + 1;
            for problem in &problems {
                let shown = problem.to_string();
                assert!(
                    !shown.chars().any(char::is_control),
                    "a control character in {shown:?} on {what}"
                );
                assert!(!problem.message.is_empty(), "an empty message on {what}");
                if let Some((line, col)) = problem.at {
                    assert!(
                        (1..=lines).contains(&line) && col >= 1,
                        "{line}:{col} is outside the {lines} lines of {what}"
                    );
                }
            }
        }
    }
}

#[test]
fn every_checklist_truncated_anywhere() {
    for (name, bytes) in seeds() {
        // Every offset near the start and the end, and a spread between; a
        // prime step lands inside multi-byte characters as well.
        let len = bytes.len();
        let offsets = (0..len.min(48))
            .chain((48..len).step_by(127))
            .chain(len.saturating_sub(48)..len);
        for cut in offsets {
            check(&format!("{name} cut at byte {cut}"), &bytes[..cut]);
        }
    }
}

/// Byte strings that mean something to TOML or to the checklist format.
const SNIPPETS: &[&[u8]] = &[
    b"\"",
    b"'",
    b"\"\"\"",
    b"[",
    b"]",
    b"[[",
    b"{",
    b"}",
    b"=",
    b",",
    b".",
    b"#",
    b"\\",
    b"\n",
    b"\r",
    b"\r\n",
    b"\t",
    b"\x1b",
    b"\x00",
    b"\x7f",
    b"\xff",
    b"\xd0",
    b"\xef\xbb\xbf",
    b"\\u001b",
    b"\\u0000",
    b"nan",
    b"-inf",
    b"1e400",
    b"-1",
    b"99999999999999999999",
    b"1979-05-27T07:32:00Z",
    b"\n[[section]]\n",
    b"\n[[section.item]]\nid = \"x\"\nprompt = \"X\"\n",
    b"\n[section]\n",
    b"\n[checklist]\n",
    b"\n[responses.yes-no]\n",
    b"\nshow_if = { item = \"x\", is = [] }\n",
    b"\nshow_if = { item = \"greeted\", is = [[\"yes\"]] }\n",
    b"\ntags = [[1], {a = 2}]\n",
    b"\nweight = nan\n",
    b"\ncritical = true\n",
    b"\nresponse = \"number\"\nmin = 3\nmax = 1\n",
    b"\nid = \"\"\n",
    b"\xd0\xb8\xd0\xb4",
    b"\n\"key\\u001b[2J\" = 1\n",
    b"\n\"\\u009b\" = { \"\\u0007\" = 2 }\n",
];

#[test]
fn random_damage_with_a_fixed_seed() {
    let seeds = seeds();
    let mut rng = Rng(0x7a3f_0c1e_55d2_9b41);
    for round in 0..2000 {
        let (name, original) = rng.pick(&seeds);
        let mut bytes = original.clone();
        let mut done = Vec::new();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(bytes.len() + 1);
            match rng.below(5) {
                0 if at < bytes.len() => {
                    let byte = rng.next() as u8;
                    bytes[at] = byte;
                    done.push(format!("byte {at} set to {byte:#04x}"));
                }
                1 => {
                    let snippet = rng.pick(SNIPPETS);
                    bytes.splice(at..at, snippet.iter().copied());
                    done.push(format!(
                        "{:?} inserted at {at}",
                        String::from_utf8_lossy(snippet)
                    ));
                }
                2 => {
                    let end = (at + rng.below(40)).min(bytes.len());
                    bytes.drain(at..end);
                    done.push(format!("bytes {at}..{end} deleted"));
                }
                3 => {
                    // Replace a snippet of the file by another, keeping the rest.
                    let snippet = rng.pick(SNIPPETS);
                    let end = (at + snippet.len()).min(bytes.len());
                    bytes.splice(at..end, snippet.iter().copied());
                    done.push(format!(
                        "bytes {at}..{end} replaced by {:?}",
                        String::from_utf8_lossy(snippet)
                    ));
                }
                _ => {
                    // Repeat a stretch of the file elsewhere: duplicate ids, keys, tables.
                    let from = rng.below(bytes.len());
                    let end = (from + rng.below(200)).min(bytes.len());
                    let copy = bytes[from..end].to_vec();
                    let at = at.min(bytes.len());
                    bytes.splice(at..at, copy);
                    done.push(format!("bytes {from}..{end} copied to {at}"));
                }
            }
        }
        check(
            &format!("round {round}: {name} with {}", done.join(", ")),
            &bytes,
        );
    }
}

#[test]
fn deep_nesting() {
    for depth in [64, 1_000, 100_000] {
        let arrays = format!("a = {}{}", "[".repeat(depth), "]".repeat(depth));
        check(&format!("arrays nested {depth} deep"), arrays.as_bytes());
        let tables = format!("a = {}1{}", "{ b = ".repeat(depth), " }".repeat(depth));
        check(
            &format!("inline tables nested {depth} deep"),
            tables.as_bytes(),
        );
        let dotted = format!("{} = 1", vec!["a"; depth].join("."));
        check(&format!("a key dotted {depth} deep"), dotted.as_bytes());
        let header = format!("[{}]", vec!["a"; depth].join("."));
        check(&format!("a table header {depth} deep"), header.as_bytes());
    }
    // Nesting where the checklist format expects flat values.
    let base = String::from_utf8(seeds()[0].1.clone()).expect("UTF-8");
    for depth in [2, 20, 60] {
        let nested = format!("{}\"x\"{}", "[".repeat(depth), "]".repeat(depth));
        let text = base
            .replacen("tags = [", &format!("tags = [{nested}, "), 1)
            .replacen("is = \"yes\"", &format!("is = {nested}"), 1)
            .replacen("options = [", &format!("options = [{nested}, "), 1);
        check(
            &format!("values nested {depth} deep in {}", seeds()[0].0),
            text.as_bytes(),
        );
    }
}

#[test]
fn three_megabytes_of_junk() {
    let mut rng = Rng(0x0dd_ba11_cafe_f00d);
    let alphabet: Vec<char> = "abcxyz019 \t\n=[]{}\",.#'-_\\\u{1b}ЖЯ漢\r+:"
        .chars()
        .collect();
    let mut junk = String::new();
    while junk.len() < 3 * 1024 * 1024 {
        junk.push(*rng.pick(&alphabet));
    }
    let started = Instant::now();
    check("3 MB of random TOML-ish junk", junk.as_bytes());
    let mut bytes = Vec::with_capacity(3 * 1024 * 1024);
    while bytes.len() < 3 * 1024 * 1024 {
        bytes.push(rng.next() as u8 | 1); // no NUL bytes, so the UTF-8 check runs
    }
    check("3 MB of random bytes", &bytes);
    check(
        "3 MB of random bytes after a BOM",
        &[&[0xef, 0xbb, 0xbf][..], &bytes].concat(),
    );
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "junk took {:?}",
        started.elapsed()
    );
}

#[test]
fn a_huge_checklist_and_a_huge_broken_one_finish_quickly() {
    let mut valid = String::from(
        "[checklist]\nid = \"huge\"\ntitle = \"Huge\"\ntouchpoint = \"in-stay\"\n\n[[section]]\nid = \"s\"\ntitle = \"S\"\n",
    );
    let mut broken = valid.clone();
    let mut n = 0;
    while valid.len() < 3 * 1024 * 1024 {
        valid += &format!(
            "\n[[section.item]]\nid = \"item-{n}\"\nprompt = \"Item {n}\"\nshow_if = {{ item = \"item-0\", is = \"yes\" }}\n"
        );
        // Every condition names an item that does not exist but is close to
        // many that do: the "did you mean" search must not run for each one.
        broken += &format!(
            "\n[[section.item]]\nid = \"item-{n}\"\nprompt = \"Item {n}\"\nshow_if = {{ item = \"item-x{n}\", is = \"yes\" }}\n"
        );
        n += 1;
    }
    let started = Instant::now();
    check(&format!("a valid checklist of {n} items"), valid.as_bytes());
    check(
        &format!("{n} items with broken conditions"),
        broken.as_bytes(),
    );
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "took {:?}",
        started.elapsed()
    );
}
