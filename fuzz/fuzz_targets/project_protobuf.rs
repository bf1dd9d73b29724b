//! Any bytes, read as a Turtle model (the examples available to import),
//! projected to Protobuf when valid: no panic, and the same output twice.
#![no_main]

use libfuzzer_sys::fuzz_target;
use uda_targets::Target;

fuzz_target!(|data: &[u8]| uda_fuzz::project(data, &[Target::Protobuf]));
