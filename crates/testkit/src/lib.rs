#![doc = include_str!("../README.md")]

use std::fmt::Write as _;
use std::path::PathBuf;
use uda_upper::{Loaded, Loader};

/// The directory holding the example models.
pub fn examples_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ontologies/examples")
}

/// The repository's root directory.
pub fn repo_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every example model, loaded together. Panics (this is test support) if
/// any of them is invalid, printing the diagnostics.
pub fn load_examples() -> Loaded {
    let mut loader = Loader::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(examples_dir())
        .expect("ontologies/examples exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ttl"))
        .collect();
    files.sort();
    for f in files {
        loader.input_file(f);
    }
    let loaded = loader.load();
    assert!(
        !loaded.has_errors(),
        "example models are invalid:\n{}",
        loaded.render()
    );
    loaded
}

/// IRIs of the example models: `onepiece`, `studio`, `marketing`.
pub fn example_iri(domain: &str) -> String {
    format!("https://example.org/{domain}")
}

/// The standard output of `command`, a checking tool (`what` names it) the
/// tests run: panics, with its output, when it cannot start or fails. The
/// tools are installed by `scripts/setup`; the Python ones run from its
/// venv, which `scripts/test` puts first on `PATH`.
pub fn tool_output(what: &str, command: &mut std::process::Command) -> String {
    let out = command.output().unwrap_or_else(|e| {
        panic!("{what} cannot be run ({e}): run scripts/setup, and put ~/.cache/uda/venv/bin first on PATH")
    });
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{what} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// The IRI of [`synthetic_model`]'s model.
pub const SYNTHETIC_IRI: &str = "https://example.org/synthetic";

/// [`synthetic_model`]`(classes)` loaded and validated. Panics (this is test
/// support) if it is invalid, printing the diagnostics.
pub fn load_synthetic(classes: usize) -> Loaded {
    let mut loader = Loader::new();
    loader.input_text(
        "synthetic.ttl",
        synthetic_model(classes),
        uda_upper::RdfFormat::Turtle,
    );
    let loaded = loader.load();
    assert!(!loaded.has_errors(), "{}", loaded.render());
    loaded
}

/// A valid domain model with `classes` keyed classes (plus one enumeration and
/// one nested class per ten). Every tenth class starts a taxonomy its next
/// class extends; every class has a relationship to the previous one; every
/// fifth class has a composite key.
pub fn synthetic_model(classes: usize) -> String {
    let mut t = String::new();
    let _ = writeln!(
        t,
        "@prefix upper: <https://w3id.org/uda/upper#> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n@prefix s: <https://example.org/synthetic#> .\n<https://example.org/synthetic> a upper:DomainModel ; upper:domain \"synthetic\" .\n\
         s:id a upper:Attribute ; upper:datatype xsd:long ; upper:minCount 1 ; upper:maxCount 1 .\n\
         s:code a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 1 ; upper:maxCount 1 .\n\
         s:name a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 0 ; upper:maxCount 1 .\n\
         s:amount a upper:Attribute ; upper:datatype xsd:decimal ; upper:minCount 0 ; upper:maxCount 1 .\n\
         s:tags a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 0 .\n\
         s:at a upper:Attribute ; upper:datatype xsd:dateTime ; upper:minCount 0 ; upper:maxCount 1 ."
    );
    for i in 0..classes {
        let group = i / 10;
        if i % 10 == 0 {
            let _ = writeln!(
                t,
                "s:Status{group} a upper:Enumeration ; upper:oneOf ( s:Open{group} s:Closed{group} ) .\n\
                 s:Open{group} a upper:EnumValue . s:Closed{group} a upper:EnumValue .\n\
                 s:Detail{group} a upper:NestedClass ; upper:property s:name , s:amount .\n\
                 s:status{group} a upper:Relationship ; upper:class s:Status{group} ; upper:minCount 1 ; upper:maxCount 1 .\n\
                 s:detail{group} a upper:Relationship ; upper:class s:Detail{group} ; upper:minCount 0 ; upper:maxCount 1 ."
            );
        }
        let mut props = vec![
            "s:id".to_owned(),
            "s:name".into(),
            "s:amount".into(),
            "s:tags".into(),
            "s:at".into(),
        ];
        props.push(format!("s:status{group}"));
        props.push(format!("s:detail{group}"));
        if i > 0 {
            let _ = writeln!(
                t,
                "s:prev{i} a upper:Relationship ; upper:class s:C{} ; upper:minCount 0 ; upper:maxCount 1 .",
                i - 1
            );
            props.push(format!("s:prev{i}"));
        }
        let key = if i % 5 == 0 {
            props.push("s:code".into());
            "( s:id s:code )"
        } else {
            "( s:id )"
        };
        if i % 10 == 1 {
            // Extends the previous class: key and properties are inherited.
            let own: Vec<&String> = props.iter().filter(|p| p.starts_with("s:prev")).collect();
            let own = own
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(" , ");
            let _ = writeln!(
                t,
                "s:C{i} a upper:DirectClass ; upper:subClassOf s:C{} ; upper:property {own} .",
                i - 1
            );
        } else {
            let _ = writeln!(
                t,
                "s:C{i} a upper:DirectClass ; upper:label \"Class {i}\" ; upper:primaryKey {key} ; upper:property {} .",
                props.join(" , ")
            );
        }
    }
    t
}

/// Instance data of `synthetic_model(classes)`: `per_class` instances of
/// every class (about 13 triples each), in the normal form a round trip
/// through any container gives back (see `uda_instances::normalize`):
/// instances named `https://example.org/synthetic/id/{key class}/{id}[/{code}]`,
/// literals canonical, `xsd:dateTime`s without a time zone. Every other
/// instance has a nested detail and a reference to an instance of the
/// class before.
pub fn synthetic_data(classes: usize, per_class: usize) -> String {
    const ID: &str = "https://example.org/synthetic/id/";
    let mut t = String::from(
        "@prefix s: <https://example.org/synthetic#> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n",
    );
    // The class naming instances of class `i` (its key's class), and whether the key has a code.
    let key_class = |i: usize| if i % 10 == 1 { i - 1 } else { i };
    let iri = |i: usize, n: usize| {
        let k = key_class(i);
        let id = i * 1_000_000 + n;
        if k % 5 == 0 {
            format!("<{ID}C{k}/{id}/K{n}>")
        } else {
            format!("<{ID}C{k}/{id}>")
        }
    };
    for i in 0..classes {
        let group = i / 10;
        let k = key_class(i);
        for n in 0..per_class {
            let _ = write!(
                t,
                "{} a s:C{i} ; s:id \"{}\"^^xsd:long ; s:name \"name {i} {n}\" ; \
                 s:amount \"{n}.5\"^^xsd:decimal ; s:tags \"t{n}\" , \"u{n}\" ; \
                 s:at \"2024-01-{:02}T10:00:00\"^^xsd:dateTime ; s:status{group} s:{}{group}",
                iri(i, n),
                i * 1_000_000 + n,
                n % 28 + 1,
                if n % 2 == 0 { "Open" } else { "Closed" },
            );
            if k % 5 == 0 {
                let _ = write!(t, " ; s:code \"K{n}\"");
            }
            if n % 2 == 0 {
                let _ = write!(
                    t,
                    " ; s:detail{group} [ s:name \"detail {n}\" ; s:amount \"{n}\"^^xsd:decimal ]"
                );
                // References to the class before: the key class's, and a subclass's own.
                let prevs = [k]
                    .into_iter()
                    .filter(|&j| j > 0)
                    .chain((i != k).then_some(i));
                for j in prevs {
                    let _ = write!(t, " ; s:prev{j} {}", iri(j - 1, n));
                }
            }
            t.push_str(" .\n");
        }
    }
    t
}

/// Turtle that, appended to `synthetic_model(classes)`, adds an optional
/// attribute to every keyed class that declares its own key: a compatible
/// change (a new version that registers under BACKWARD).
pub fn synthetic_change(classes: usize) -> String {
    let mut t = String::from(
        "s:note a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 0 ; upper:maxCount 1 .\n",
    );
    for i in (0..classes).filter(|i| i % 10 != 1) {
        let _ = writeln!(t, "s:C{i} upper:property s:note .");
    }
    t
}

const KEYS_HEADER: &str = "@prefix upper: <https://w3id.org/uda/upper#> .\n\
     @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n\
     @prefix k: <https://example.org/keys#> .\n\
     <https://example.org/keys> a upper:DomainModel ; upper:domain \"keys\" .\n\
     k:id a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 1 ; upper:maxCount 1 .\n\
     k:K0 a upper:DirectClass ; upper:primaryKey ( k:id ) ; upper:property k:id .\n";

/// A model whose keys double at each level: `K0` is keyed by an attribute,
/// and each `Kn` (up to `levels`) by two relationships to `K(n-1)`, so the key
/// of `Kn` unfolds into 2^n attribute values. 32 levels are four billion:
/// a model uda must refuse rather than unfold.
pub fn doubling_keys_model(levels: usize) -> String {
    let mut t = KEYS_HEADER.to_owned();
    for n in 1..=levels {
        let _ = writeln!(
            t,
            "k:a{n} a upper:Relationship ; upper:class k:K{p} ; upper:minCount 1 ; upper:maxCount 1 .\n\
             k:b{n} a upper:Relationship ; upper:class k:K{p} ; upper:minCount 1 ; upper:maxCount 1 .\n\
             k:K{n} a upper:DirectClass ; upper:primaryKey ( k:a{n} k:b{n} ) ; upper:property k:a{n} , k:b{n} .",
            p = n - 1
        );
    }
    t
}

/// A legal model with deep keys: `K0` is keyed by an attribute and each `Kn`
/// (up to `depth`) by one relationship to `K(n-1)` and an attribute of its
/// own, so the key of `Kn` unfolds through `n` relationships into `n + 1` values.
pub fn key_chain_model(depth: usize) -> String {
    let mut t = KEYS_HEADER.to_owned();
    for n in 1..=depth {
        let _ = writeln!(
            t,
            "k:up{n} a upper:Relationship ; upper:class k:K{p} ; upper:minCount 1 ; upper:maxCount 1 .\n\
             k:n{n} a upper:Attribute ; upper:datatype xsd:int ; upper:minCount 1 ; upper:maxCount 1 .\n\
             k:K{n} a upper:DirectClass ; upper:primaryKey ( k:up{n} k:n{n} ) ; upper:property k:up{n} , k:n{n} .",
            p = n - 1
        );
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_models_are_valid() {
        for n in [1, 10, 25] {
            let mut loader = Loader::new();
            loader.input_text("synthetic.ttl", synthetic_model(n), oxrdfio_turtle());
            let loaded = loader.load();
            assert!(!loaded.has_errors(), "{}", loaded.render());
            let model = loaded
                .models
                .get("https://example.org/synthetic")
                .expect("model");
            assert_eq!(model.classes.len(), n + n.div_ceil(10));
        }
    }

    #[test]
    fn the_synthetic_change_is_valid() {
        let mut loader = Loader::new();
        let text = synthetic_model(25) + &synthetic_change(25);
        loader.input_text("synthetic.ttl", text, oxrdfio_turtle());
        let loaded = loader.load();
        assert!(!loaded.has_errors(), "{}", loaded.render());
    }

    #[test]
    fn key_models_are_what_they_say() {
        for (text, valid) in [(key_chain_model(30), true), (doubling_keys_model(7), false)] {
            let mut loader = Loader::new();
            loader.input_text("keys.ttl", text, oxrdfio_turtle());
            let loaded = loader.load();
            assert_eq!(!loaded.has_errors(), valid, "{}", loaded.render());
        }
    }

    fn oxrdfio_turtle() -> uda_upper::RdfFormat {
        uda_upper::RdfFormat::Turtle
    }

    #[test]
    fn examples_load() {
        let loaded = load_examples();
        for d in ["onepiece", "studio", "marketing"] {
            assert!(loaded.models.view(&example_iri(d)).is_some(), "{d}");
        }
    }
}

/// A small pseudo-random generator (xorshift64): tests that mutate input or
/// pick random moments print their seed, so a failure can be replayed.
#[derive(Debug, Clone)]
pub struct Xorshift(u64);

impl Xorshift {
    /// A generator seeded with `seed` (zero is replaced: xorshift would stay at zero).
    pub fn new(seed: u64) -> Self {
        Self(if seed == 0 {
            0x9e37_79b9_7f4a_7c15
        } else {
            seed
        })
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// The Turtle `text` as N-Triples in an order shuffled by `seed`, its blank
/// nodes renamed: the same graph written differently, for the tests that a
/// projection's output does not depend on how its model was written.
pub fn shuffled_triples(text: &str, seed: u64) -> String {
    use oxrdf::{BlankNode, NamedOrBlankNode, Term, Triple};
    let mut triples: Vec<Triple> = oxttl::TurtleParser::new()
        .for_slice(text.as_bytes())
        .collect::<Result<_, _>>()
        .expect("valid Turtle");
    let mut rng = Xorshift::new(seed);
    for i in (1..triples.len()).rev() {
        let j = (rng.next_u64() % (i as u64 + 1)) as usize;
        triples.swap(i, j);
    }
    let mut renamed: std::collections::HashMap<BlankNode, BlankNode> = Default::default();
    let mut rename = |b: &BlankNode| {
        let next = renamed.len();
        renamed
            .entry(b.clone())
            .or_insert_with(|| BlankNode::new_unchecked(format!("r{seed}x{next}")))
            .clone()
    };
    let mut out = String::new();
    for t in triples {
        let subject = match &t.subject {
            NamedOrBlankNode::BlankNode(b) => NamedOrBlankNode::BlankNode(rename(b)),
            other => other.clone(),
        };
        let object = match &t.object {
            Term::BlankNode(b) => Term::BlankNode(rename(b)),
            other => other.clone(),
        };
        let _ = writeln!(
            out,
            "{} .",
            Triple::new(subject, t.predicate.clone(), object)
        );
    }
    out
}

/// The example model `name` shuffled as [`shuffled_triples`] does: the same
/// model, written differently, for checking that a projection's output
/// depends on the model alone.
pub fn shuffled_example(name: &str, seed: u64) -> String {
    let path = examples_dir().join(format!("{name}.ttl"));
    let text = std::fs::read_to_string(&path).expect("the example exists");
    shuffled_triples(&text, seed)
}
