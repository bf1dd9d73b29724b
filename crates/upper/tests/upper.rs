//! Upper is self-referencing, self-describing and self-validating; the
//! example models are valid; the typed model answers what projections ask;
//! no input makes the loader panic.

use std::path::{Path, PathBuf};
use uda_upper::{vocab, Builtin, ClassKind, Code, Loader, PropertyKind, RdfFormat};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn load(files: &[PathBuf]) -> uda_upper::Loaded {
    let mut loader = Loader::new();
    for f in files {
        loader.input_file(f);
    }
    loader.load()
}

#[test]
fn upper_is_written_as_an_upper_domain_model() {
    // Self-referencing: Upper's own node is an upper:DomainModel, and the
    // metaclasses are upper:DirectClass instances with Upper properties.
    let loaded = load(&[repo().join("ontologies/upper.ttl")]);
    let upper = loaded
        .models
        .get(vocab::MODEL)
        .expect("Upper is a domain model");
    assert_eq!(upper.domain, "upper");
    for metaclass in [
        vocab::DOMAIN_MODEL,
        vocab::DIRECT_CLASS,
        vocab::NESTED_CLASS,
        vocab::ENUMERATION,
        vocab::ENUM_VALUE,
        vocab::ATTRIBUTE,
        vocab::RELATIONSHIP,
        vocab::DATATYPE_CLASS,
    ] {
        let class = upper
            .class(metaclass.as_str())
            .unwrap_or_else(|| panic!("{metaclass} is a class of Upper"));
        assert_eq!(class.kind, ClassKind::Direct);
    }
    let direct_class = upper
        .class(vocab::DIRECT_CLASS.as_str())
        .expect("DirectClass");
    assert!(direct_class
        .properties
        .contains(&vocab::PRIMARY_KEY.as_str().to_owned()));
    let view = loaded.models.view(vocab::MODEL).expect("view");
    let key: Vec<&str> = view
        .primary_key(direct_class)
        .iter()
        .map(|p| p.iri.as_str())
        .collect();
    assert_eq!(
        key,
        [vocab::IRI.as_str()],
        "DirectClass inherits the key of upper:Term"
    );
    assert!(matches!(
        &upper.property(vocab::DATATYPE.as_str()).expect("upper:datatype").kind,
        PropertyKind::Relationship { class } if class == vocab::DATATYPE_CLASS.as_str()
    ));
}

#[test]
fn upper_validates_against_itself() {
    let loaded = load(&[repo().join("ontologies/upper.ttl")]);
    assert!(loaded.diagnostics.is_empty(), "{}", loaded.render());
    assert_eq!(loaded.inputs, [vocab::MODEL]);
}

/// A model with no labels, and one that uses upper:primaryKey.
const MODEL: &str = r#"
@prefix upper: <https://w3id.org/uda/upper#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <https://example.org/t#> .
<https://example.org/t> a upper:DomainModel ; upper:domain "t" .
ex:A a upper:DirectClass ; upper:primaryKey ( ex:id ) ; upper:property ex:id .
ex:id a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 1 ; upper:maxCount 1 .
"#;

fn load_with_upper(upper_text: &str) -> uda_upper::Loaded {
    let mut loader = Loader::new();
    loader.input_text("upper.ttl", upper_text, RdfFormat::Turtle);
    loader.input_text("t.ttl", MODEL, RdfFormat::Turtle);
    loader.load()
}

#[test]
fn upper_defines_what_a_domain_model_is() {
    // Self-describing: the checks follow what ontologies/upper.ttl says, not
    // what the code hard-wires. The unmodified Upper accepts MODEL...
    let original = std::fs::read_to_string(repo().join("ontologies/upper.ttl")).expect("upper.ttl");
    let loaded = load_with_upper(&original);
    assert!(!loaded.has_errors(), "{}", loaded.render());

    // ...an Upper where every term needs a label rejects it (U110 for each term)...
    let label_def = "upper:label a upper:Attribute ;\n    upper:label \"label\" ;\n    upper:description \"A short human-readable name.\" ;\n    upper:datatype xsd:string ; upper:minCount 0 ;";
    assert!(
        original.contains(label_def),
        "upper.ttl changed: update this test"
    );
    let labels_required =
        original.replace(label_def, &label_def.replace("minCount 0", "minCount 1"));
    let loaded = load_with_upper(&labels_required);
    let missing: Vec<&str> = loaded
        .diagnostics
        .iter()
        .filter(|d| {
            d.code == Code::MissingValue && d.location.as_ref().is_some_and(|l| &*l.file == "t.ttl")
        })
        .filter_map(|d| d.iri.as_deref())
        .collect();
    assert_eq!(
        missing,
        [
            "https://example.org/t",
            "https://example.org/t#A",
            "https://example.org/t#id"
        ],
        "{}",
        loaded.render()
    );

    // ...and an Upper without primaryKey no longer knows the term.
    let no_key = original.replace(
        "upper:primaryKey a upper:Relationship",
        "upper:identifiedBy a upper:Relationship",
    );
    let loaded = load_with_upper(&no_key);
    assert!(
        loaded
            .diagnostics
            .iter()
            .any(|d| d.code == Code::UnknownUpperTerm
                && d.iri.as_deref() == Some("https://w3id.org/uda/upper#primaryKey")
                && d.location
                    .as_ref()
                    .is_some_and(|l| &*l.file == "t.ttl" && l.line == 6)),
        "{}",
        loaded.render()
    );
}

#[test]
fn built_in_datatypes_are_the_ones_upper_declares() {
    let loaded = load(&[repo().join("ontologies/upper.ttl")]);
    let doc = loaded
        .document(&repo().join("ontologies/upper.ttl").display().to_string())
        .expect("doc");
    let declared: std::collections::BTreeSet<String> = doc
        .graph()
        .subjects_for_predicate_object(oxrdf::vocab::rdf::TYPE, vocab::DATATYPE_CLASS)
        .map(|s| match s {
            oxrdf::NamedOrBlankNodeRef::NamedNode(n) => n.as_str().to_owned(),
            other => panic!("blank datatype {other}"),
        })
        .collect();
    let known: std::collections::BTreeSet<String> =
        Builtin::ALL.iter().map(|b| b.iri().to_owned()).collect();
    assert_eq!(declared, known);
}

fn examples() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("ontologies/examples"))
        .expect("examples")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ttl"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_example_and_system_model_is_valid() {
    // The examples, Upper, the mapping model, the catalog and every system model.
    let mut files = examples();
    let mut system: Vec<PathBuf> = std::fs::read_dir(repo().join("ontologies"))
        .expect("ontologies")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "ttl"))
        .collect();
    system.sort();
    files.extend(system);
    let loaded = load(&files);
    assert!(loaded.diagnostics.is_empty(), "{}", loaded.render());
    assert_eq!(loaded.inputs.len(), files.len());
}

#[test]
fn imports_resolve_through_library_directories() {
    let marketing = repo().join("ontologies/examples/marketing.ttl");
    let alone = load(std::slice::from_ref(&marketing));
    let d = alone
        .diagnostics
        .iter()
        .find(|d| d.code == Code::ImportNotFound)
        .expect("U020");
    assert_eq!(d.iri.as_deref(), Some("https://example.org/studio"));

    let mut loader = Loader::new();
    loader.input_file(&marketing);
    loader
        .library_dir(&repo().join("ontologies/examples"))
        .expect("dir");
    let loaded = loader.load();
    assert!(!loaded.has_errors(), "{}", loaded.render());
    assert_eq!(loaded.inputs, ["https://example.org/marketing"]);
}

#[test]
fn the_view_resolves_keys_taxonomy_and_extensions() {
    let loaded = load(&examples());
    let view = loaded
        .models
        .view("https://example.org/marketing")
        .expect("marketing");
    let film = view
        .class("https://example.org/studio#Film")
        .expect("studio:Film through the import");
    let key: Vec<&str> = view
        .primary_key(film)
        .iter()
        .map(|p| p.iri.as_str())
        .collect();
    assert_eq!(
        key,
        ["https://example.org/studio#workId"],
        "Film inherits Work's key"
    );
    let added: Vec<&str> = view
        .extension_properties(film)
        .iter()
        .map(|p| p.iri.as_str())
        .collect();
    assert_eq!(
        added,
        [
            "https://example.org/marketing#tagline",
            "https://example.org/marketing#trailerUrl"
        ]
    );
    let all: Vec<&str> = view
        .all_properties(film)
        .iter()
        .map(|p| p.iri.as_str())
        .collect();
    assert_eq!(
        all[0], "https://example.org/studio#workId",
        "inherited key first"
    );
    assert!(all.contains(&"https://example.org/marketing#tagline"));

    let studio = loaded
        .models
        .view("https://example.org/studio")
        .expect("studio");
    let film = studio
        .class("https://example.org/studio#Film")
        .expect("Film");
    assert!(
        studio.extension_properties(film).is_empty(),
        "studio's view knows nothing of marketing"
    );
    let work = studio
        .class("https://example.org/studio#Work")
        .expect("Work");
    let under: Vec<&str> = studio
        .descendants(work)
        .iter()
        .map(|c| c.iri.as_str())
        .collect();
    assert_eq!(
        under,
        [
            "https://example.org/studio#Documentary",
            "https://example.org/studio#Film",
            "https://example.org/studio#Series"
        ]
    );
    let credit = studio
        .class("https://example.org/studio#Credit")
        .expect("Credit");
    let key: Vec<&str> = studio
        .primary_key(credit)
        .iter()
        .map(|p| p.iri.as_str())
        .collect();
    assert_eq!(
        key,
        [
            "https://example.org/studio#work",
            "https://example.org/studio#person",
            "https://example.org/studio#role"
        ],
        "key order is the list order"
    );
    let money = studio
        .resolve_datatype("https://example.org/studio#Money")
        .expect("Money");
    assert_eq!(money.builtin, Builtin::Decimal);
    assert_eq!(
        money.domain.map(|d| (d.facets.precision, d.facets.scale)),
        Some((Some(14), Some(2)))
    );
}

#[test]
fn other_rdf_syntaxes_give_the_same_model() {
    use oxrdfio::{RdfFormat as F, RdfParser, RdfSerializer};
    let source = repo().join("ontologies/examples/onepiece.ttl");
    let turtle = load(std::slice::from_ref(&source));
    let expected = turtle
        .models
        .get("https://example.org/onepiece")
        .expect("model");
    let text = std::fs::read(&source).expect("read");
    let dir = tempfile::tempdir().expect("tempdir");
    for (format, ext) in [
        (F::NTriples, "nt"),
        (F::NQuads, "nq"),
        (F::TriG, "trig"),
        (F::RdfXml, "rdf"),
        (
            F::JsonLd {
                profile: oxrdfio::JsonLdProfileSet::empty(),
            },
            "jsonld",
        ),
    ] {
        let mut out = RdfSerializer::from_format(format).for_writer(Vec::new());
        for quad in RdfParser::from_format(F::Turtle).for_slice(&text) {
            out.serialize_quad(&quad.expect("valid turtle"))
                .expect("serialize");
        }
        let path = dir.path().join(format!("onepiece.{ext}"));
        std::fs::write(&path, out.finish().expect("finish")).expect("write");
        let loaded = load(std::slice::from_ref(&path));
        assert!(!loaded.has_errors(), "{ext}: {}", loaded.render());
        let model = loaded
            .models
            .get("https://example.org/onepiece")
            .expect("model");
        assert_eq!(
            model.classes.keys().collect::<Vec<_>>(),
            expected.classes.keys().collect::<Vec<_>>(),
            "{ext}"
        );
        assert_eq!(model.properties.len(), expected.properties.len(), "{ext}");
        assert_eq!(model.enumerations, {
            // Locations differ between files; compare values only.
            let mut e = expected.enumerations.clone();
            for (k, v) in e.iter_mut() {
                let got = &model.enumerations[k];
                v.location = got.location.clone();
                for (a, b) in v.values.iter_mut().zip(&got.values) {
                    a.location = b.location.clone();
                }
            }
            e
        });
    }
}

#[test]
fn truncated_and_garbage_input_never_panics() {
    let mut rng = uda_testkit::Xorshift::new(0x5eed);
    for file in examples() {
        let text = std::fs::read(&file).expect("read");
        let mut cut = 0;
        while cut < text.len() {
            let mut loader = Loader::new();
            loader.input_text("cut.ttl", &text[..cut], RdfFormat::Turtle);
            let _ = loader.load();
            cut += 1 + (rng.next_u64() % 97) as usize;
        }
        // Flip bytes at random places.
        for _ in 0..200 {
            let mut mutated = text.clone();
            for _ in 0..1 + rng.next_u64() % 4 {
                let at = (rng.next_u64() as usize) % mutated.len();
                mutated[at] = (rng.next_u64() % 256) as u8;
            }
            let mut loader = Loader::new();
            loader.input_text("mutated.ttl", mutated, RdfFormat::Turtle);
            let _ = loader.load();
        }
    }
    for format in [RdfFormat::RdfXml, RdfFormat::NTriples, RdfFormat::TriG] {
        for _ in 0..200 {
            let garbage: Vec<u8> = (0..rng.next_u64() % 300)
                .map(|_| (rng.next_u64() % 256) as u8)
                .collect();
            let mut loader = Loader::new();
            loader.input_text("garbage", garbage, format);
            let loaded = loader.load();
            assert!(loaded.has_errors(), "garbage is never a valid model");
        }
    }
}

#[test]
fn the_readme_documents_every_diagnostic_code() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README");
    for code in Code::ALL {
        let row = format!("| `{}` |", code.as_str());
        assert!(
            readme.contains(&row),
            "README.md lacks a row for {}",
            code.as_str()
        );
        assert!(
            readme.contains(code.summary()),
            "README.md lacks the summary of {}",
            code.as_str()
        );
    }
}
