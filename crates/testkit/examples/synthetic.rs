//! Prints a synthetic model (see `uda_testkit::synthetic_model`) as Turtle,
//! for benchmarks: `synthetic CLASSES [VARIANT]`. A nonzero VARIANT adds one
//! optional attribute to every class: a compatible change, for benchmarking
//! the registration of a new version.

use std::io::Write as _;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |i: usize| args.get(i).map(|a| a.parse::<usize>());
    let (classes, variant) = match (number(0), number(1)) {
        (Some(Ok(classes)), None) => (classes, 0),
        (Some(Ok(classes)), Some(Ok(variant))) => (classes, variant),
        _ => {
            eprintln!("usage: synthetic CLASSES [VARIANT]");
            return ExitCode::from(2);
        }
    };
    let mut text = uda_testkit::synthetic_model(classes);
    if variant != 0 {
        text.push_str(&uda_testkit::synthetic_change(classes));
    }
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("synthetic: {e}");
            ExitCode::FAILURE
        }
    }
}
