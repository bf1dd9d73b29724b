//! A child process registers models in a loop and is killed with SIGKILL at
//! random points; every registration it acknowledged must be there, whole,
//! and the catalog must agree with the graphs.
//!
//! The child is this test binary itself, re-run on `crash_child` with the data
//! directory in `UDA_CRASH_CHILD_DIR`.

mod common;

use common::*;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};
use uda_registry::Registry;

const CHILD_ENV: &str = "UDA_CRASH_CHILD_DIR";
const MODELS: usize = 4;

#[test]
fn crash_child() {
    let Ok(dir) = std::env::var(CHILD_ENV) else {
        return;
    };
    let registry = Registry::open(&dir).unwrap_or_else(|e| panic!("{e}"));
    let mut stdout = std::io::stdout();
    for i in 0.. {
        let name = format!("crash{}", i % MODELS);
        let next = registry
            .versions(&name)
            .map(|v| v.len() as u64)
            .unwrap_or(0)
            + 1;
        let r = register(&registry, &name, &synthetic_version(&name, 20, next));
        // Acknowledged only once the registration has returned.
        let _ = writeln!(stdout, "ack {} {} {}", r.model, r.version, r.hash);
        let _ = stdout.flush();
    }
}

#[test]
fn killed_registrations_are_all_or_nothing() {
    if std::env::var(CHILD_ENV).is_ok() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let seed = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64)
        | 1;
    let mut random = uda_testkit::Xorshift::new(seed);
    let exe = std::env::current_exe().expect("test binary");
    let mut acknowledged: Vec<(String, u64, String)> = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(240);
    let mut kills = 0;
    for round in 0..10 {
        let mut child = Command::new(&exe)
            .args(["crash_child", "--exact", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn child");
        let lines = Arc::new(Mutex::new(Vec::new()));
        let stdout = child.stdout.take().expect("stdout");
        let reader = {
            let lines = Arc::clone(&lines);
            std::thread::spawn(move || {
                for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                    if let Some(ack) = line.strip_prefix("ack ") {
                        lines.lock().expect("lock").push(ack.to_owned());
                    }
                }
            })
        };
        // Let it get going (open, first registrations), then kill it at a random point.
        let started = Instant::now();
        while lines.lock().expect("lock").is_empty() && started.elapsed() < Duration::from_secs(60)
        {
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(Duration::from_millis(random.next_u64() % 700));
        child.kill().expect("SIGKILL");
        let status = child.wait().expect("wait");
        #[cfg(unix)]
        {
            // Killed by us, not dead of its own accord (a panic would also stop the acks).
            use std::os::unix::process::ExitStatusExt;
            assert_eq!(
                status.signal(),
                Some(9),
                "round {round}: the child was not killed but exited: {status}"
            );
        }
        kills += 1;
        reader.join().expect("reader");
        let acks = lines.lock().expect("lock").clone();
        assert!(
            !acks.is_empty(),
            "round {round}: the child acknowledged nothing"
        );
        for ack in acks {
            let mut parts = ack.split(' ');
            let (Some(model), Some(version), Some(hash)) =
                (parts.next(), parts.next(), parts.next())
            else {
                panic!("bad ack line {ack}")
            };
            acknowledged.push((
                model.to_owned(),
                version.parse().expect("version"),
                hash.to_owned(),
            ));
        }

        let registry =
            Registry::open(dir.path()).unwrap_or_else(|e| panic!("round {round}: reopening: {e}"));
        let problems = registry.verify().expect("verify");
        assert!(problems.is_empty(), "round {round}: {problems:#?}");
        for (model, version, hash) in &acknowledged {
            let versions = registry.versions(model).expect("versions");
            assert!(
                versions
                    .iter()
                    .any(|v| v.version == *version && &v.hash == hash),
                "round {round}: acknowledged {model} v{version} is missing"
            );
        }
        drop(registry);
        if Instant::now() > deadline {
            break;
        }
    }
    assert!(
        acknowledged.len() >= 10,
        "too few registrations to mean anything: {}",
        acknowledged.len()
    );
    eprintln!(
        "{} registrations acknowledged across {kills} kills, all present and whole",
        acknowledged.len()
    );
}
