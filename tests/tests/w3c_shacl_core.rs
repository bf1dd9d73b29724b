//! Runs the W3C SHACL Core test suite (`core/manifest.ttl` and the manifests
//! it includes) against the validator and compares each report with the
//! expected one, up to blank node identity.
//!
//! The suite is vendored in `tests/w3c-shacl` (its README says from where,
//! under its W3C licence). A missing suite is a failure, not a skip, so that
//! CI cannot go green without running it.

use std::collections::HashSet;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path as FsPath, PathBuf};

use oxrdf::vocab::{rdf, xsd};
use oxrdf::{Graph, NamedNode, NamedNodeRef, Term, TermRef};
use oxttl::TurtleParser;
use uda_shacl::{validate, Path, ShapesGraph};

/// Tests that must pass; raise it when more pass so regressions fail.
const PASS_FLOOR: usize = 98;

/// Tests not run, each with the reason. Only for features that are
/// genuinely out of scope.
const SKIPPED: &[(&str, &str)] = &[];

const MF: &str = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
const SHT: &str = "http://www.w3.org/ns/shacl-test#";
const SH: &str = "http://www.w3.org/ns/shacl#";

fn iri(s: String) -> NamedNode {
    NamedNode::new(s).expect("valid vocabulary IRI")
}
fn mf(local: &str) -> NamedNode {
    iri(format!("{MF}{local}"))
}
fn sht(local: &str) -> NamedNode {
    iri(format!("{SHT}{local}"))
}
fn sh(local: &str) -> NamedNode {
    iri(format!("{SH}{local}"))
}

fn suite_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("w3c-shacl")
}

/// `file://` URL of an absolute path; only characters that cannot appear
/// in an IRI path are escaped.
fn file_url(path: &FsPath) -> String {
    let mut url = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

fn url_to_path(url: &str) -> Option<PathBuf> {
    let rest = url.strip_prefix("file://")?;
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(PathBuf::from(String::from_utf8(out).ok()?))
}

fn load(path: &FsPath) -> Result<Graph, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    TurtleParser::new()
        .with_base_iri(file_url(path))
        .map_err(|e| e.to_string())?
        .for_slice(&bytes)
        .collect::<Result<Graph, _>>()
        .map_err(|e| format!("cannot parse {}: {e}", path.display()))
}

fn objects<'g>(g: &'g Graph, s: TermRef<'_>, p: &NamedNode) -> Vec<TermRef<'g>> {
    match s {
        TermRef::NamedNode(n) => g.objects_for_subject_predicate(n, p).collect(),
        TermRef::BlankNode(b) => g.objects_for_subject_predicate(b, p).collect(),
        _ => Vec::new(),
    }
}

fn object<'g>(g: &'g Graph, s: TermRef<'_>, p: &NamedNode) -> Option<TermRef<'g>> {
    objects(g, s, p).into_iter().next()
}

fn list<'g>(g: &'g Graph, mut node: TermRef<'g>) -> Vec<TermRef<'g>> {
    let mut out = Vec::new();
    let first = rdf::FIRST.into_owned();
    let rest = rdf::REST.into_owned();
    while node != rdf::NIL.into() {
        let (Some(f), Some(r)) = (object(g, node, &first), object(g, node, &rest)) else {
            break;
        };
        out.push(f);
        node = r;
    }
    out
}

/// A validation result reduced to what the comparison looks at.
#[derive(Debug, Clone)]
struct ResultDesc {
    focus: Option<Term>,
    path: Option<Path>,
    value: Option<Term>,
    shape: Option<Term>,
    component: Option<Term>,
    severity: Option<Term>,
}

impl std::fmt::Display for ResultDesc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let show = |t: &Option<Term>| {
            t.as_ref()
                .map_or_else(|| "-".to_owned(), ToString::to_string)
        };
        write!(
            f,
            "focus={} path={} value={} shape={} component={} severity={}",
            show(&self.focus),
            self.path
                .as_ref()
                .map_or_else(|| "-".to_owned(), ToString::to_string),
            show(&self.value),
            show(&self.shape),
            show(&self.component),
            show(&self.severity),
        )
    }
}

/// Blank nodes in different graphs cannot be identified with each other,
/// so a blank node on one side matches any blank node on the other.
fn same_term(expected: &Option<Term>, actual: &Option<Term>) -> bool {
    match (expected, actual) {
        (Some(Term::BlankNode(_)), Some(Term::BlankNode(_))) => true,
        (e, a) => e == a,
    }
}

fn compatible(expected: &ResultDesc, actual: &ResultDesc) -> bool {
    same_term(&expected.focus, &actual.focus)
        && expected.path == actual.path
        && same_term(&expected.value, &actual.value)
        && same_term(&expected.shape, &actual.shape)
        && expected.component == actual.component
        && expected.severity == actual.severity
}

fn read_report(g: &Graph, report: TermRef<'_>) -> Result<(bool, Vec<ResultDesc>), String> {
    let conforms = match object(g, report, &sh("conforms")) {
        Some(TermRef::Literal(l)) if l.datatype() == xsd::BOOLEAN => l.value() == "true",
        other => return Err(format!("report without a boolean sh:conforms: {other:?}")),
    };
    let mut results = Vec::new();
    for r in objects(g, report, &sh("result")) {
        let get = |p: &str| object(g, r, &sh(p)).map(TermRef::into_owned);
        let path = match object(g, r, &sh("resultPath")) {
            Some(p) => Some(Path::from_graph(g, p).map_err(|e| format!("bad sh:resultPath: {e}"))?),
            None => None,
        };
        results.push(ResultDesc {
            focus: get("focusNode"),
            path,
            value: get("value"),
            shape: get("sourceShape"),
            component: get("sourceConstraintComponent"),
            severity: get("resultSeverity"),
        });
    }
    Ok((conforms, results))
}

/// Maximum bipartite matching (Kuhn's algorithm) between expected and
/// actual results; returns the unmatched ones on each side.
fn unmatched(expected: &[ResultDesc], actual: &[ResultDesc]) -> (Vec<usize>, Vec<usize>) {
    fn augment(
        e: usize,
        edges: &[Vec<usize>],
        owner: &mut [Option<usize>],
        seen: &mut [bool],
    ) -> bool {
        for &a in &edges[e] {
            if !seen[a] {
                seen[a] = true;
                if owner[a].is_none_or(|other| augment(other, edges, owner, seen)) {
                    owner[a] = Some(e);
                    return true;
                }
            }
        }
        false
    }
    let edges: Vec<Vec<usize>> = expected
        .iter()
        .map(|e| {
            (0..actual.len())
                .filter(|&a| compatible(e, &actual[a]))
                .collect()
        })
        .collect();
    let mut owner = vec![None; actual.len()];
    let mut missing = Vec::new();
    for e in 0..expected.len() {
        let mut seen = vec![false; actual.len()];
        if !augment(e, &edges, &mut owner, &mut seen) {
            missing.push(e);
        }
    }
    let extra = (0..actual.len()).filter(|a| owner[*a].is_none()).collect();
    (missing, extra)
}

struct TestCase {
    iri: String,
    status: String,
    data: PathBuf,
    shapes: PathBuf,
    expected_conforms: bool,
    expected: Vec<ResultDesc>,
}

fn collect_tests(
    manifest: &FsPath,
    out: &mut Vec<TestCase>,
    visited: &mut HashSet<PathBuf>,
) -> Result<(), String> {
    if !visited.insert(manifest.to_path_buf()) {
        return Ok(());
    }
    let g = load(manifest)?;
    let base = NamedNode::new(file_url(manifest)).map_err(|e| e.to_string())?;
    let base_ref: TermRef<'_> = base.as_ref().into();
    for include in objects(&g, base_ref, &mf("include")) {
        let TermRef::NamedNode(n) = include else {
            continue;
        };
        let path = url_to_path(n.as_str()).ok_or_else(|| format!("not a file IRI: {n}"))?;
        collect_tests(&path, out, visited)?;
    }
    for entries in objects(&g, base_ref, &mf("entries")) {
        for entry in list(&g, entries) {
            let validate = sht("Validate");
            let validate_type: TermRef<'_> = NamedNodeRef::from(&validate).into();
            if !objects(&g, entry, &rdf::TYPE.into_owned()).contains(&validate_type) {
                continue;
            }
            let action = object(&g, entry, &mf("action")).ok_or("test without mf:action")?;
            let file = |p: &str| -> Result<PathBuf, String> {
                match object(&g, action, &sht(p)) {
                    Some(TermRef::NamedNode(n)) => {
                        url_to_path(n.as_str()).ok_or_else(|| format!("not a file IRI: {n}"))
                    }
                    other => Err(format!("{entry}: bad sht:{p}: {other:?}")),
                }
            };
            let result = object(&g, entry, &mf("result")).ok_or("test without mf:result")?;
            let (expected_conforms, expected) =
                read_report(&g, result).map_err(|e| format!("{entry}: {e}"))?;
            out.push(TestCase {
                iri: match entry {
                    TermRef::NamedNode(n) => n.as_str().to_owned(),
                    other => other.to_string(),
                },
                status: object(&g, entry, &mf("status"))
                    .map_or_else(|| "no status".to_owned(), |s| s.to_string()),
                data: file("dataGraph")?,
                shapes: file("shapesGraph")?,
                expected_conforms,
                expected,
            });
        }
    }
    Ok(())
}

fn run(test: &TestCase) -> Result<(), String> {
    let data = load(&test.data)?;
    let shapes_graph = load(&test.shapes)?;
    let shapes =
        ShapesGraph::from_graph(&shapes_graph).map_err(|e| format!("shapes rejected: {e}"))?;
    let report = catch_unwind(AssertUnwindSafe(|| validate(&shapes, &data)))
        .map_err(|_| "validator panicked".to_owned())?;
    // Compare through the RDF form so that to_graph and path serialization
    // are checked too.
    let report_graph = report.to_graph();
    let report_class = sh("ValidationReport");
    let report_type: TermRef<'_> = NamedNodeRef::from(&report_class).into();
    let report_node = report_graph
        .subjects_for_predicate_object(rdf::TYPE, report_type)
        .next()
        .ok_or("to_graph produced no sh:ValidationReport")?;
    let (conforms, actual) = read_report(&report_graph, report_node.into())?;
    let mut problems = Vec::new();
    if conforms != test.expected_conforms {
        problems.push(format!(
            "sh:conforms is {conforms}, expected {}",
            test.expected_conforms
        ));
    }
    let (missing, extra) = unmatched(&test.expected, &actual);
    for m in missing {
        problems.push(format!("missing result: {}", test.expected[m]));
    }
    for e in extra {
        problems.push(format!("unexpected result: {}", actual[e]));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n    "))
    }
}

#[test]
fn w3c_shacl_core() {
    let suite = suite_dir();
    let manifest = suite.join("core/manifest.ttl");
    assert!(
        manifest.is_file(),
        "W3C SHACL test suite not found at {} (it is part of the repository: restore tests/w3c-shacl)",
        suite.display()
    );
    let manifest = manifest.canonicalize().expect("canonical manifest path");
    let mut tests = Vec::new();
    collect_tests(&manifest, &mut tests, &mut HashSet::new()).expect("readable manifests");
    assert!(
        !tests.is_empty(),
        "no sht:Validate test found under {}",
        manifest.display()
    );

    let known: HashSet<&str> = tests.iter().map(|t| t.iri.as_str()).collect();
    for (iri, _) in SKIPPED {
        assert!(
            known.contains(iri),
            "skip list names a test that does not exist: {iri}"
        );
    }

    let (mut passed, mut failed, mut skipped) = (0, 0, 0);
    for test in &tests {
        if let Some((_, reason)) = SKIPPED.iter().find(|(iri, _)| *iri == test.iri) {
            println!("SKIP {} ({reason})", test.iri);
            skipped += 1;
            continue;
        }
        match run(test) {
            Ok(()) => passed += 1,
            Err(reason) => {
                println!("FAIL {} [{}]\n    {reason}", test.iri, test.status);
                failed += 1;
            }
        }
    }
    println!("SHACL core: {passed} passed, {failed} failed, {skipped} skipped");
    assert!(
        passed >= PASS_FLOOR,
        "only {passed} W3C SHACL Core tests passed, the floor is {PASS_FLOOR}"
    );
}
