//! Netflix's Upper dialect is read as uda's Upper: the same typed model, the
//! same located diagnostics, its imports resolved, its metadata tolerated,
//! and one warning (W003) saying so.

use std::path::{Path, PathBuf};
use uda_upper::{vocab, Code, DomainModel, Loaded, Loader, Localized, RdfFormat, Severity};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/netflix")
        .join(name)
}

fn load_files(files: &[PathBuf]) -> Loaded {
    let mut loader = Loader::new();
    for f in files {
        loader.input_file(f);
    }
    loader.load()
}

fn load_texts(texts: &[(&str, &str)]) -> Loaded {
    let mut loader = Loader::new();
    for (name, text) in texts {
        loader.input_text(name, *text, RdfFormat::Turtle);
    }
    loader.load()
}

/// What a model says, without where it says it or in which languages: the
/// typed model with every location blanked and only the shown texts kept.
fn meaning(model: &DomainModel) -> String {
    let mut m = model.clone();
    let nowhere = uda_upper::Location::file_only("".into());
    let plain = |t: &mut uda_upper::Text| {
        t.labels.clear();
        t.descriptions.clear();
    };
    m.location = nowhere.clone();
    plain(&mut m.text);
    for c in m.classes.values_mut() {
        c.location = nowhere.clone();
        plain(&mut c.text);
    }
    for p in m.properties.values_mut() {
        p.location = nowhere.clone();
        plain(&mut p.text);
    }
    for e in m.enumerations.values_mut() {
        e.location = nowhere.clone();
        plain(&mut e.text);
        for v in &mut e.values {
            v.location = nowhere.clone();
            plain(&mut v.text);
        }
    }
    format!("{m:#?}")
}

const ONEPIECE: &str = "https://rdf.netflix.net/onto/onepiece#";

#[test]
fn a_netflix_model_reads_as_its_uda_twin_with_one_warning() {
    let netflix = load_files(&[fixture("onepiece.ttl")]);
    assert!(!netflix.has_errors(), "{}", netflix.render());
    let warnings: Vec<_> = netflix.diagnostics.iter().collect();
    assert_eq!(warnings.len(), 1, "{}", netflix.render());
    let w = warnings[0];
    assert_eq!(
        (w.code, w.severity),
        (Code::NetflixDialect, Severity::Warning)
    );
    assert_eq!(
        w.iri.as_deref(),
        Some("https://rdf.netflix.net/ns/upper#DomainModel")
    );
    let at = w.location.as_ref().expect("located");
    assert!(at.file.ends_with("onepiece.ttl"), "{at}");
    assert_eq!(
        (at.line, at.column),
        (11, 25),
        "where `upper:DomainModel` is written"
    );

    let uda = load_files(&[fixture("onepiece-uda.ttl")]);
    assert!(uda.diagnostics.is_empty(), "{}", uda.render());
    assert_eq!(netflix.inputs, [ONEPIECE]);
    assert_eq!(
        meaning(netflix.models.get(ONEPIECE).expect("netflix")),
        meaning(uda.models.get(ONEPIECE).expect("uda"))
    );
    // upper:keyedOn is the key.
    let view = netflix.models.view(ONEPIECE).expect("view");
    let character = view
        .class(&format!("{ONEPIECE}Character"))
        .expect("Character");
    let key: Vec<&str> = view
        .primary_key(character)
        .iter()
        .map(|p| p.iri.as_str())
        .collect();
    assert_eq!(key, [format!("{ONEPIECE}rname")]);
}

#[test]
fn labels_in_several_languages_are_kept_and_english_is_shown() {
    let loaded = load_files(&[fixture("onepiece.ttl")]);
    let model = loaded.models.get(ONEPIECE).expect("model");
    let character = model
        .class(&format!("{ONEPIECE}Character"))
        .expect("Character");
    assert_eq!(character.text.label.as_deref(), Some("Character"));
    let tagged = |language: &str, value: &str| Localized {
        language: Some(language.to_owned()),
        value: value.to_owned(),
    };
    assert_eq!(
        character.text.labels,
        [tagged("en", "Character"), tagged("ja", "キャラクター")]
    );
    assert_eq!(model.text.label.as_deref(), Some("One Piece"));
}

#[test]
fn the_shown_text_is_untagged_then_english_then_the_first_tag() {
    let text = |language: Option<&str>, value: &str| Localized {
        language: language.map(str::to_owned),
        value: value.to_owned(),
    };
    let all = [
        text(Some("fr"), "Film"),
        text(Some("en-gb"), "Film (GB)"),
        text(Some("de"), "Film (DE)"),
    ];
    assert_eq!(Localized::shown(&all), Some("Film (GB)"));
    let mut with_en = all.to_vec();
    with_en.push(text(Some("en"), "Movie"));
    assert_eq!(Localized::shown(&with_en), Some("Movie"));
    with_en.push(text(None, "Motion picture"));
    assert_eq!(Localized::shown(&with_en), Some("Motion picture"));
    assert_eq!(Localized::shown(&all[..1]), Some("Film"));
    assert_eq!(
        Localized::shown(&[text(Some("ja"), "映画"), text(Some("de"), "Film")]),
        Some("Film"),
        "without English, the first tag in order"
    );
    assert_eq!(Localized::shown(&[]), None);
}

/// A broken model, once in each dialect: only the `upper:` prefix differs.
const BROKEN: &str = r#"@prefix upper: <NS> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <https://example.org/broken#> .
<https://example.org/broken> a upper:DomainModel ; upper:domain "broken" .
ex:A a upper:DirectClass ; upper:property ex:id , ex:b , ex:size .
ex:id a upper:Attribute ; upper:datatype xsd:strin ; upper:minCount 1 ; upper:maxCount 1 .
ex:b a upper:Relationship ; upper:class ex:Missing .
ex:size a upper:Attribute ; upper:datatype xsd:int ; upper:minCount 3 ; upper:maxCount 2 .
"#;

#[test]
fn errors_in_a_netflix_model_are_located_as_in_uda_s_dialect() {
    let netflix = BROKEN.replace("<NS>", "<https://rdf.netflix.net/ns/upper#>");
    let uda = BROKEN.replace("<NS>", &format!("<{}>", vocab::NS));
    let netflix = load_texts(&[("broken.ttl", &netflix)]);
    let uda = load_texts(&[("broken.ttl", &uda)]);
    let errors = |l: &Loaded| -> Vec<uda_upper::Diagnostic> {
        l.diagnostics
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect()
    };
    let codes: Vec<Code> = errors(&uda).iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        [
            Code::MissingKey,
            Code::UnsupportedDatatype,
            Code::UnknownRelationshipTarget,
            Code::MinAboveMax
        ],
        "{}",
        uda.render()
    );
    assert!(errors(&uda).iter().all(|d| d
        .location
        .as_ref()
        .is_some_and(|l| l.line > 0 && l.column > 0)));
    // The same, but for the help naming the key as each dialect spells it.
    let unhelped = |l: &Loaded| -> Vec<uda_upper::Diagnostic> {
        errors(l)
            .into_iter()
            .map(|d| uda_upper::Diagnostic { help: None, ..d })
            .collect()
    };
    assert_eq!(unhelped(&netflix), unhelped(&uda), "{}", netflix.render());
    let help = |l: &Loaded| errors(l)[0].help.clone().unwrap_or_default();
    assert!(
        help(&netflix).starts_with("add `upper:keyedOn ( ... )`"),
        "{}",
        help(&netflix)
    );
    assert!(
        help(&uda).starts_with("add `upper:primaryKey ( ... )`"),
        "{}",
        help(&uda)
    );
    assert!(netflix
        .diagnostics
        .iter()
        .any(|d| d.code == Code::NetflixDialect));
    assert!(!uda
        .diagnostics
        .iter()
        .any(|d| d.code == Code::NetflixDialect));
}

#[test]
fn owl_imports_resolve_and_netflix_upper_is_uda_upper() {
    let fruits = r#"@prefix upper: <https://rdf.netflix.net/ns/upper#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix fruit: <https://example.org/fruit#> .
fruit: a upper:DomainModel ; upper:domain "fruit" .
fruit:Fruit a upper:DirectClass ; upper:keyedOn ( fruit:name ) ; upper:property fruit:name .
fruit:name a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 1 ; upper:maxCount 1 .
"#;
    let eaters = r#"@prefix upper: <https://rdf.netflix.net/ns/upper#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix fruit: <https://example.org/fruit#> .
@prefix eat: <https://example.org/eat#> .
eat: a upper:DomainModel ; upper:domain "eat" ;
    owl:imports fruit: , upper: , <https://rdf.netflix.net/ns/upper> .
eat:Eater a upper:DirectClass ; upper:keyedOn ( eat:name ) ; upper:property eat:name , eat:ate .
eat:name a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 1 ; upper:maxCount 1 .
eat:ate a upper:Relationship ; upper:class fruit:Fruit .
"#;
    let loaded = load_texts(&[("eat.ttl", eaters), ("fruit.ttl", fruits)]);
    assert!(!loaded.has_errors(), "{}", loaded.render());
    let eat = loaded.models.get("https://example.org/eat#").expect("eat");
    assert_eq!(eat.imports, ["https://example.org/fruit#", vocab::MODEL]);
    assert!(loaded.models.view("https://example.org/eat#").is_some());

    // An import that is not there is reported where owl:imports names it.
    let alone = load_texts(&[("eat.ttl", eaters)]);
    let missing: Vec<_> = alone
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::ImportNotFound)
        .collect();
    assert_eq!(missing.len(), 1, "{}", alone.render());
    assert_eq!(
        missing[0].iri.as_deref(),
        Some("https://example.org/fruit#")
    );
    let at = missing[0].location.as_ref().expect("located");
    assert_eq!((at.line, at.column), (7, 17), "{}", alone.render());
}

#[test]
fn a_model_mixing_both_namespaces_is_read_as_one_upper() {
    let mixed = r#"@prefix upper: <https://rdf.netflix.net/ns/upper#> .
@prefix uda: <https://w3id.org/uda/upper#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <https://example.org/mixed#> .
<https://example.org/mixed> a uda:DomainModel ; uda:domain "mixed" .
ex:A a upper:DirectClass ; uda:primaryKey ( ex:id ) ; upper:property ex:id .
ex:id a uda:Attribute ; upper:datatype xsd:string ; uda:minCount 1 ; upper:maxCount 1 .
"#;
    let loaded = load_texts(&[("mixed.ttl", mixed)]);
    assert!(!loaded.has_errors(), "{}", loaded.render());
    assert_eq!(loaded.diagnostics.len(), 1, "{}", loaded.render());
    let w = &loaded.diagnostics[0];
    assert_eq!(w.code, Code::NetflixDialect);
    assert_eq!(
        w.location.as_ref().map(|l| (l.line, l.column)),
        Some((6, 8))
    );
    assert!(
        w.notes
            .iter()
            .any(|n| n.contains("also names terms of uda's namespace")),
        "{}",
        loaded.render()
    );
    let model = loaded
        .models
        .get("https://example.org/mixed")
        .expect("model");
    let a = model.class("https://example.org/mixed#A").expect("A");
    assert_eq!(a.primary_key, ["https://example.org/mixed#id"]);
}

#[test]
fn metadata_in_other_vocabularies_is_tolerated_in_both_dialects() {
    // Owners as blank nodes with contact channels, on the model and its
    // elements, and statements in any other vocabulary: no diagnostic.
    let text = r##"@prefix upper: <https://w3id.org/uda/upper#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix team: <https://example.org/ns/team#> .
@prefix ex: <https://example.org/meta#> .
ex: a upper:DomainModel , <http://www.w3.org/2002/07/owl#Ontology> ; upper:domain "meta" ;
    team:owner [ team:email "owners@example.org" ; team:slack "#meta" ] ;
    dcterms:license <https://www.apache.org/licenses/LICENSE-2.0> .
ex:A a upper:DirectClass ; upper:primaryKey ( ex:id ) ; upper:property ex:id ;
    team:steward [ a team:Team ; team:email "a@example.org" ] ;
    <http://www.w3.org/2000/01/rdf-schema#seeAlso> <https://example.org/docs/A> .
ex:id a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 1 ; upper:maxCount 1 ;
    dcterms:source "the catalogue" .
"##;
    let loaded = load_texts(&[("meta.ttl", text)]);
    assert!(loaded.diagnostics.is_empty(), "{}", loaded.render());
    let netflix = text.replace(vocab::NS, "https://rdf.netflix.net/ns/upper#");
    let loaded = load_texts(&[("meta.ttl", &netflix)]);
    let codes: Vec<Code> = loaded.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::NetflixDialect], "{}", loaded.render());
}

#[test]
fn upper_itself_is_not_in_the_dialect_although_it_names_its_terms() {
    // ontologies/upper.ttl states the equivalences with Netflix's terms as
    // subjects: those statements are kept as written and are no use of the dialect.
    let mut loader = Loader::new();
    loader.input_file(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ontologies/upper.ttl"));
    let loaded = loader.load();
    assert!(loaded.diagnostics.is_empty(), "{}", loaded.render());
    let doc = loaded.document(
        &loaded
            .models
            .get(vocab::MODEL)
            .expect("Upper")
            .location
            .file,
    );
    let doc = doc.expect("document");
    assert_eq!(doc.dialect(), None);
    let keyed_on = oxrdf_named("https://rdf.netflix.net/ns/upper#keyedOn");
    assert!(
        doc.graph()
            .triples_for_subject(keyed_on.as_ref())
            .next()
            .is_some(),
        "the equivalence is kept as written"
    );
}

fn oxrdf_named(iri: &str) -> oxrdf::NamedNode {
    oxrdf::NamedNode::new_unchecked(iri)
}

#[test]
fn other_syntaxes_of_the_dialect_give_the_same_model() {
    // N-Triples: no prefixes, full IRIs; the rewrite is per statement.
    let nt = r#"<https://example.org/nt#> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://rdf.netflix.net/ns/upper#DomainModel> .
<https://example.org/nt#> <https://rdf.netflix.net/ns/upper#domain> "nt" .
<https://example.org/nt#A> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://rdf.netflix.net/ns/upper#DirectClass> .
<https://example.org/nt#A> <https://rdf.netflix.net/ns/upper#keyedOn> _:k .
_:k <http://www.w3.org/1999/02/22-rdf-syntax-ns#first> <https://example.org/nt#id> .
_:k <http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> <http://www.w3.org/1999/02/22-rdf-syntax-ns#nil> .
<https://example.org/nt#A> <https://rdf.netflix.net/ns/upper#property> <https://example.org/nt#id> .
<https://example.org/nt#id> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://rdf.netflix.net/ns/upper#Attribute> .
<https://example.org/nt#id> <https://rdf.netflix.net/ns/upper#datatype> <http://www.w3.org/2001/XMLSchema#string> .
<https://example.org/nt#id> <https://rdf.netflix.net/ns/upper#minCount> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .
<https://example.org/nt#id> <https://rdf.netflix.net/ns/upper#maxCount> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .
"#;
    let mut loader = Loader::new();
    loader.input_text("nt.nt", nt, RdfFormat::NTriples);
    let loaded = loader.load();
    assert!(!loaded.has_errors(), "{}", loaded.render());
    let model = loaded.models.get("https://example.org/nt#").expect("model");
    let a = model.class("https://example.org/nt#A").expect("A");
    assert_eq!(a.primary_key, ["https://example.org/nt#id"]);
    let w = &loaded.diagnostics[0];
    assert_eq!(w.code, Code::NetflixDialect);
    assert_eq!(
        w.location.as_ref().map(|l| (l.line, l.column)),
        Some((1, 77))
    );
}

#[test]
fn a_netflix_predicate_without_equivalent_is_ignored_and_a_kind_is_an_error() {
    let text = r#"@prefix upper: <https://rdf.netflix.net/ns/upper#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <https://example.org/t#> .
ex: a upper:DomainModel ; upper:domain "t" .
ex:A a upper:DirectClass ; upper:comment "kept out" ; upper:keyedOn ( ex:id ) ; upper:property ex:id .
ex:id a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 1 ; upper:maxCount 1 .
"#;
    let loaded = load_texts(&[("t.ttl", text)]);
    assert!(!loaded.has_errors(), "{}", loaded.render());
    let codes: Vec<Code> = loaded.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::NetflixDialect, Code::UnknownNetflixPredicate]);
    let ignored = &loaded.diagnostics[1];
    assert_eq!(ignored.severity, Severity::Warning);
    assert_eq!(
        ignored.location.as_ref().map(|l| (l.line, l.column)),
        Some((5, 28))
    );
    let model = loaded.models.get("https://example.org/t#").expect("model");
    assert_eq!(
        model
            .class("https://example.org/t#A")
            .expect("A")
            .primary_key,
        ["https://example.org/t#id"]
    );

    let typo = text.replace("a upper:DirectClass", "a upper:directclass");
    let loaded = load_texts(&[("t.ttl", &typo)]);
    let error = loaded
        .diagnostics
        .iter()
        .find(|d| d.code == Code::UnknownNetflixTerm)
        .unwrap_or_else(|| panic!("U130: {}", loaded.render()));
    assert_eq!(error.severity, Severity::Error);
    assert_eq!(
        error.help.as_deref(),
        Some("did you mean upper:DirectClass?")
    );
    assert_eq!(
        error.location.as_ref().map(|l| (l.line, l.column)),
        Some((5, 8))
    );
}
