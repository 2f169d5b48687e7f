//! Fuzz target: see touchpoint::fuzzing::record and docs/fuzzing.md.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| touchpoint::fuzzing::record(data));
