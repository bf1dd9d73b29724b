//! Every diagnostic code has a model under `tests/invalid/` that triggers it.
//!
//! A fixture marks each line where a diagnostic must point with a comment
//! `# expect CODE IRI` (`-` when the diagnostic names no IRI). The test asserts
//! that each marked diagnostic is reported with that code, IRI and line, and
//! that no unmarked error is reported in the fixture. Header comments
//! `# input: FILE` and `# library: FILE` add more models, relative to the fixture.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use uda_upper::{Code, Loader};

struct Expect {
    line: u32,
    code: String,
    iri: Option<String>,
}

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/invalid");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/invalid")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

fn expectations(text: &str) -> Vec<Expect> {
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let marker = line.split("# expect ").nth(1)?;
            let mut words = marker.split_whitespace();
            let code = words.next()?.to_owned();
            let iri = words.next().filter(|w| *w != "-").map(str::to_owned);
            Some(Expect {
                line: i as u32 + 1,
                code,
                iri,
            })
        })
        .collect()
}

#[test]
fn every_fixture_reports_exactly_its_marked_diagnostics() {
    let mut covered = BTreeSet::new();
    let mut failures = Vec::new();
    for fixture in fixtures() {
        let text = std::fs::read_to_string(&fixture).expect("fixture is text");
        let dir = fixture.parent().expect("fixture dir");
        // Extra inputs come first, so that a conflict is reported in the fixture.
        let mut loader = Loader::new();
        for line in text.lines() {
            if let Some(extra) = line.strip_prefix("# input: ") {
                loader.input_file(dir.join(extra.trim()));
            } else if let Some(lib) = line.strip_prefix("# library: ") {
                loader.library_file(dir.join(lib.trim()));
            }
        }
        loader.input_file(&fixture);
        let loaded = loader.load();
        let name = fixture.display().to_string();
        let expected = expectations(&text);
        assert!(!expected.is_empty(), "{name} has no `# expect` marker");
        let in_fixture: Vec<_> = loaded
            .diagnostics
            .iter()
            .filter(|d| d.location.as_ref().is_some_and(|l| *l.file == *name))
            .collect();
        for e in &expected {
            covered.insert(e.code.clone());
            let found = in_fixture.iter().any(|d| {
                d.code.as_str() == e.code
                    && d.location
                        .as_ref()
                        .is_some_and(|l| l.line == e.line || (e.code == "U010" && l.line == 0))
                    && (e.iri.is_none() || d.iri == e.iri)
            });
            if !found {
                failures.push(format!(
                    "{name}:{}: expected {} {:?}, got:\n{}",
                    e.line,
                    e.code,
                    e.iri,
                    loaded.render()
                ));
            }
        }
        for d in in_fixture
            .iter()
            .filter(|d| d.is_error() || d.code.as_str().starts_with('W'))
        {
            let line = d.location.as_ref().map_or(0, |l| l.line);
            let marked = expected.iter().any(|e| {
                e.code == d.code.as_str() && (e.line == line || (e.code == "U010" && line == 0))
            });
            if !marked {
                failures.push(format!("{name}: unexpected diagnostic:\n{}", d));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // U002 (unreadable file), U003 (over 100,000 blank nodes: a large file)
    // and U110 (a value required by a modified Upper) need no model file;
    // they have tests of their own below and in upper.rs.
    let missing: Vec<&str> = Code::ALL
        .iter()
        .map(|c| c.as_str())
        .filter(|c| !covered.contains(*c) && !["U002", "U003", "U110"].contains(c))
        .collect();
    assert!(missing.is_empty(), "codes without a fixture: {missing:?}");
}

#[test]
fn unreadable_files_are_reported_with_their_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let unknown = dir.path().join("model.xyz");
    std::fs::write(&unknown, "whatever").expect("write");
    let missing = dir.path().join("missing.ttl");
    let mut loader = Loader::new();
    loader.input_file(&unknown).input_file(&missing);
    let loaded = loader.load();
    for path in [&unknown, &missing] {
        assert!(
            loaded.diagnostics.iter().any(|d| d.code == Code::Unreadable
                && d.location
                    .as_ref()
                    .is_some_and(|l| *l.file == *path.display().to_string())),
            "no U002 for {}: {}",
            path.display(),
            loaded.render()
        );
    }
}

#[test]
fn syntax_errors_carry_the_parsers_line_and_column() {
    let mut loader = Loader::new();
    loader.input_text(
        "broken.ttl",
        "@prefix ex: <https://example.org/> .\nex:a ex:b ex:c .\nex:d ex:e \"unterminated .\n",
        uda_upper::RdfFormat::Turtle,
    );
    let loaded = loader.load();
    let d = loaded
        .diagnostics
        .iter()
        .find(|d| d.code == Code::Syntax)
        .expect("U001");
    let at = d.location.as_ref().expect("location");
    assert_eq!((at.line, at.column), (3, 11), "{d}");
}

#[test]
fn a_file_with_too_many_blank_nodes_is_refused_where_it_crosses_the_bound() {
    use std::fmt::Write as _;
    // The documented bound (uda_upper::MAX_BLANK_NODES).
    const BOUND: usize = 100_000;
    let mut text = String::from(
        "@prefix ex: <https://example.org/t#> .\n\
         <https://example.org/t> a <https://w3id.org/uda/upper#DomainModel> .\n",
    );
    // One blank node per line, one more than allowed: the last line crosses.
    for i in 0..=BOUND {
        let _ = writeln!(text, "ex:s ex:p [ ex:n {i} ] .");
    }
    let mut loader = Loader::new();
    loader.input_text("blank.ttl", text, uda_upper::RdfFormat::Turtle);
    let loaded = loader.load();
    let d = loaded
        .diagnostics
        .iter()
        .find(|d| d.code.as_str() == "U003")
        .unwrap_or_else(|| panic!("no U003: {}", loaded.render()));
    let at = d.location.as_ref().expect("location");
    assert_eq!((&*at.file, at.line), ("blank.ttl", BOUND as u32 + 3), "{d}");
    assert!(loaded.models.get("https://example.org/t").is_none());

    // A file at the bound is read.
    let mut text = String::from("@prefix ex: <https://example.org/t#> .\n");
    for i in 0..BOUND {
        let _ = writeln!(text, "ex:s ex:p [ ex:n {i} ] .");
    }
    let doc = uda_upper::Document::parse(
        "ok.ttl".into(),
        text.as_bytes(),
        uda_upper::RdfFormat::Turtle,
        "https://example.org/",
    );
    assert!(doc.is_ok(), "a file at the bound is read");
}
