//! Fuzz target: see touchpoint::fuzzing::checklist and docs/fuzzing.md.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| touchpoint::fuzzing::checklist(data));
