//! Any bytes, read as a Turtle model (the examples available to import),
//! projected to SQL in every dialect when valid: no panic, and the same
//! output twice.
#![no_main]

use libfuzzer_sys::fuzz_target;
use uda_targets::Target;

fuzz_target!(|data: &[u8]| {
    let dialects: Vec<Target> = Target::all()
        .into_iter()
        .filter(|t| matches!(t, Target::Sql(_)))
        .collect();
    uda_fuzz::project(data, &dialects);
});
