//! The options a caller controls a write with: a last check under the writer
//! lock, a deadline, and a dry run.

mod common;

use common::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use uda_registry::{
    CompatibilityMode, Outcome, RegisterOptions, Registered, Registry, RegistryError, Rejection,
    WriteCheck,
};

const STUDIO: &str = "https://example.org/studio";

/// Registers the studio example with `options`.
fn register_studio(r: &Registry, options: &RegisterOptions) -> Result<Registered, RegistryError> {
    r.register(
        &source("studio", &example("studio")),
        &projectors(),
        options,
    )
}

fn refuse(reason: &str) -> WriteCheck {
    let reason = reason.to_owned();
    Arc::new(move |_: &Registry| Err(reason.clone()))
}

#[test]
fn a_refusing_write_check_leaves_the_store_unchanged() {
    let r = Registry::in_memory().expect("registry");
    let before = snapshot(&r);
    let refused = rejection(register_studio(
        &r,
        &RegisterOptions {
            write_check: Some(refuse("not the owner")),
            ..options()
        },
    ));
    let Rejection::Refused { reason } = &refused else {
        panic!("{refused}")
    };
    assert_eq!(reason, "not the owner");
    assert!(refused.to_string().contains("not the owner"), "{refused}");
    assert_eq!(snapshot(&r), before);

    register(&r, "studio", &example("studio"));
    let before = snapshot(&r);
    let check = refuse("no");
    let refused = rejection(r.delete_checked("studio", "tester", Some(&check)));
    assert!(matches!(refused, Rejection::Refused { .. }), "{refused}");
    let refused =
        rejection(r.set_compatibility_checked("studio", CompatibilityMode::Full, Some(&check)));
    assert!(matches!(refused, Rejection::Refused { .. }), "{refused}");
    // Changing only the mode of an unchanged model is a write too.
    let refused = rejection(register_studio(
        &r,
        &RegisterOptions {
            compatibility: Some(CompatibilityMode::Full),
            write_check: Some(check.clone()),
            ..options()
        },
    ));
    assert!(matches!(refused, Rejection::Refused { .. }), "{refused}");
    assert_eq!(snapshot(&r), before);
}

#[test]
fn the_write_check_sees_the_registry_just_before_the_write() {
    let r = Registry::in_memory().expect("registry");
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&calls);
    // It reads the registry (the writer lock is held: reads must not need it)
    // and finds the model not yet written.
    let check: WriteCheck = Arc::new(move |registry: &Registry| {
        seen.fetch_add(1, Ordering::SeqCst);
        match registry.model(STUDIO) {
            Err(_) => Ok(()),
            Ok(m) => Err(format!("already there: {m:?}")),
        }
    });
    let registered = register_studio(
        &r,
        &RegisterOptions {
            write_check: Some(check.clone()),
            ..options()
        },
    )
    .expect("accepted");
    assert_eq!(registered.outcome, Outcome::Created);
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    r.set_compatibility_checked("studio", CompatibilityMode::Full, None)
        .expect("mode");
    let allow: WriteCheck = Arc::new(|_: &Registry| Ok(()));
    let deleted = r
        .delete_checked("studio", "tester", Some(&allow))
        .expect("deleted");
    assert_eq!(deleted.model, STUDIO);
    assert_sound(&r);
}

#[test]
fn a_passed_deadline_stops_the_registration_and_writes_nothing() {
    let r = Registry::in_memory().expect("registry");
    let before = snapshot(&r);
    let refused = rejection(register_studio(
        &r,
        &RegisterOptions {
            deadline: Some(Instant::now()),
            ..options()
        },
    ));
    let Rejection::TimedOut { model, phase } = &refused else {
        panic!("{refused}")
    };
    assert_eq!((model.as_str(), phase.as_str()), (STUDIO, "validating"));
    assert!(refused.to_string().contains("time limit"), "{refused}");
    assert_eq!(snapshot(&r), before);

    // A deadline not reached changes nothing.
    let registered = register_studio(
        &r,
        &RegisterOptions {
            deadline: Some(Instant::now() + Duration::from_secs(3600)),
            ..options()
        },
    )
    .expect("in time");
    assert_eq!(registered.outcome, Outcome::Created);
}

#[test]
fn a_dry_run_checks_everything_and_writes_nothing() {
    let r = Registry::in_memory().expect("registry");
    let dry = RegisterOptions {
        dry_run: true,
        ..options()
    };
    let before = snapshot(&r);
    let would = r
        .register(&source("studio", &example("studio")), &projectors(), &dry)
        .expect("dry run");
    assert_eq!(snapshot(&r), before, "a dry run wrote");
    assert_eq!((would.outcome, would.version), (Outcome::WouldCreate, 1));
    assert_eq!(
        would.projections,
        vec![
            format!("{STUDIO}/projection/test/container"),
            format!("{STUDIO}/projection/test/mappings"),
        ]
    );

    // The real registration does what the dry run said.
    let done = register(&r, "studio", &example("studio"));
    assert_eq!(
        (done.outcome, done.version, &done.hash, &done.projections),
        (Outcome::Created, 1, &would.hash, &would.projections)
    );

    // Unchanged content, even with a new mode: unchanged, and the mode is not written.
    let before = snapshot(&r);
    let unchanged = register_studio(
        &r,
        &RegisterOptions {
            compatibility: Some(CompatibilityMode::Full),
            ..dry.clone()
        },
    )
    .expect("dry run");
    assert_eq!(unchanged.outcome, Outcome::Unchanged);
    assert_eq!(snapshot(&r), before);

    // Checks still run: a breaking change is refused.
    let breaking = example("studio").replace(
        "upper:datatype xsd:string ; upper:minCount 0 ;",
        "upper:datatype xsd:string ; upper:minCount 1 ;",
    );
    let refused = rejection(r.register(&source("studio", &breaking), &projectors(), &dry));
    assert!(
        matches!(refused, Rejection::Incompatible { .. }),
        "{refused}"
    );
    // And so does the write check.
    let refused = rejection(r.register(
        &source(
            "studio",
            &example("studio").replace("\"Studio\"", "\"The studio\""),
        ),
        &projectors(),
        &RegisterOptions {
            write_check: Some(refuse("read-only token")),
            ..dry.clone()
        },
    ));
    assert!(matches!(refused, Rejection::Refused { .. }), "{refused}");
    assert_eq!(snapshot(&r), before);
}
