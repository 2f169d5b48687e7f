//! Fuzz target: see touchpoint::fuzzing::export and docs/fuzzing.md.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| touchpoint::fuzzing::export(data));
