//! The registry against a real on-disk store in a temporary directory.

mod common;

use common::*;
use oxigraph::sparql::QueryResults;
use uda_registry::{
    oxigraph, ChangeKind, CompatibilityMode, GraphKind, Outcome, RegisterOptions, Registry,
    RegistryError, Rejection,
};

const STUDIO: &str = "https://example.org/studio";
const MARKETING: &str = "https://example.org/marketing";

fn open(dir: &tempfile::TempDir) -> Registry {
    Registry::open(dir.path()).unwrap_or_else(|e| panic!("{e}"))
}

fn select_strings(r: &Registry, sparql: &str, var: &str) -> Vec<String> {
    let Ok(QueryResults::Solutions(solutions)) = r.query(sparql) else {
        panic!("not solutions: {sparql}")
    };
    let mut out: Vec<String> = solutions
        .map(|s| {
            let s = s.expect("solution");
            match s.get(var) {
                Some(oxigraph::model::Term::Literal(l)) => l.value().to_owned(),
                Some(other) => other.to_string(),
                None => String::new(),
            }
        })
        .collect();
    out.sort();
    out
}

/// studio.ttl with `studio:synopsis` required.
fn studio_with_required_synopsis() -> String {
    let text = example("studio");
    let before = "studio:synopsis a upper:Attribute ; upper:label \"synopsis\" ;\n    upper:datatype xsd:string ; upper:minCount 0 ;";
    assert!(text.contains(before));
    text.replace(before, "studio:synopsis a upper:Attribute ; upper:label \"synopsis\" ;\n    upper:datatype xsd:string ; upper:minCount 1 ;")
}

/// studio.ttl with one more optional property on works.
fn studio_with_tagline() -> String {
    let mut text = example("studio");
    text.push_str(
        "\nstudio:Work upper:property studio:slogan .\nstudio:slogan a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 0 ; upper:maxCount 1 .\n",
    );
    text
}

#[test]
fn bootstrap_loads_the_system_models_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let first = {
        let r = open(&dir);
        assert_sound(&r);
        let models = r.models().expect("models");
        let kinds: Vec<(String, GraphKind)> =
            models.iter().map(|m| (m.iri.clone(), m.kind)).collect();
        assert!(
            kinds.contains(&(
                "https://w3id.org/uda/upper".to_owned(),
                GraphKind::Metamodel
            )),
            "{kinds:?}"
        );
        assert!(kinds.contains(&(
            "https://w3id.org/uda/mapping".to_owned(),
            GraphKind::MappingModel
        )));
        assert!(kinds.contains(&(
            "https://w3id.org/uda/catalog".to_owned(),
            GraphKind::SystemModel
        )));
        // Upper governs itself.
        let governed = select_strings(
            &r,
            "PREFIX cat: <https://w3id.org/uda/catalog#> SELECT ?g WHERE { <https://w3id.org/uda/upper/version/1> cat:governedBy ?g }",
            "g",
        );
        assert_eq!(governed, vec!["<https://w3id.org/uda/upper/version/1>"]);
        snapshot(&r)
    };
    // Reopening writes nothing.
    let r = open(&dir);
    assert_eq!(snapshot(&r), first);
}

#[test]
fn register_then_unchanged_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let r = open(&dir);
    let first = register(&r, "studio", &example("studio"));
    assert_eq!((first.outcome, first.version), (Outcome::Created, 1));
    assert_eq!(first.graph, "https://example.org/studio/version/1");
    assert!(first.hash.starts_with("sha256:"));
    assert_eq!(
        first.projections,
        vec![
            "https://example.org/studio/projection/test/container",
            "https://example.org/studio/projection/test/mappings"
        ]
    );
    assert_sound(&r);
    let before = snapshot(&r);

    // The same content, in another syntax and another order, is unchanged.
    let (_, graph) = r.read_version("studio", Some(1)).expect("read");
    let mut lines: Vec<String> = graph.iter().map(|t| format!("{t} .")).collect();
    lines.reverse();
    let ntriples = lines.join("\n");
    for source in [
        source("studio", &example("studio")),
        uda_registry::ModelSource::new("studio.nt", ntriples, uda_upper::RdfFormat::NTriples),
    ] {
        let again = r
            .register(&source, &projectors(), &options())
            .expect("re-register");
        assert_eq!(
            (again.outcome, again.version, &again.hash),
            (Outcome::Unchanged, 1, &first.hash)
        );
        assert_eq!(
            snapshot(&r),
            before,
            "an unchanged registration wrote to the store"
        );
    }
    drop(r);
    // And it survives a reopen.
    let r = open(&dir);
    assert_eq!(snapshot(&r), before);
    let info = r.model("studio").expect("model");
    assert_eq!(
        (info.current_version, info.compatibility),
        (Some(1), CompatibilityMode::Backward)
    );
}

#[test]
fn compatible_change_makes_a_new_version_and_keeps_the_old_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let r = open(&dir);
    register(&r, "studio", &example("studio"));
    let second = register(&r, "studio", &studio_with_tagline());
    assert_eq!((second.outcome, second.version), (Outcome::Created, 2));
    assert!(
        second
            .changes
            .iter()
            .any(|c| c.kind == ChangeKind::PropertyAdded
                && c.description == "optional property `studio:slogan` added to `studio:Work`"),
        "{:#?}",
        second.changes
    );
    let versions = r.versions(STUDIO).expect("versions");
    assert_eq!(
        versions
            .iter()
            .map(|v| (v.version, v.current))
            .collect::<Vec<_>>(),
        vec![(1, false), (2, true)]
    );
    assert_eq!(versions[0].principal, "tester");
    assert_ne!(versions[0].hash, versions[1].hash);

    // Plain queries see the current version only; the old one by its graph name.
    let q = "PREFIX upper: <https://w3id.org/uda/upper#> SELECT ?p WHERE { <https://example.org/studio#Work> upper:property ?p }";
    assert!(select_strings(&r, q, "p").contains(&"<https://example.org/studio#slogan>".to_owned()));
    let q1 = "PREFIX upper: <https://w3id.org/uda/upper#> SELECT ?p WHERE { GRAPH <https://example.org/studio/version/1> { <https://example.org/studio#Work> upper:property ?p } }";
    assert!(
        !select_strings(&r, q1, "p").contains(&"<https://example.org/studio#slogan>".to_owned())
    );
    let count =
        "SELECT (COUNT(*) AS ?n) WHERE { ?s <https://w3id.org/uda/upper#domain> \"studio\" }";
    assert_eq!(
        select_strings(&r, count, "n"),
        vec!["1"],
        "old versions leak into the default graph"
    );

    // The diff of the stored versions says the same.
    let d = r.diff_versions("studio", 1, 2).expect("diff");
    assert!(d.is_compatible(CompatibilityMode::FullTransitive), "{d:#?}");
    assert!(d.changes.iter().any(|c| c
        .projections
        .iter()
        .any(|p| p.target == "test" && p.description == "adds ContainerElement `Work.slogan`")));
    assert_sound(&r);
}

#[test]
fn breaking_change_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let r = open(&dir);
    register(&r, "studio", &example("studio"));
    let before = snapshot(&r);
    let refused = rejection(r.register(
        &source("studio", &studio_with_required_synopsis()),
        &projectors(),
        &options(),
    ));
    let Rejection::Incompatible {
        mode, conflicts, ..
    } = &refused
    else {
        panic!("{refused}")
    };
    assert_eq!(*mode, CompatibilityMode::Backward);
    assert_eq!(conflicts.len(), 1);
    let change = &conflicts[0].changes[0];
    assert_eq!(
        change.description,
        "property `studio:synopsis` became required"
    );
    // Described per projection too: every type that has the field.
    let projections: Vec<&str> = change
        .projections
        .iter()
        .map(|p| p.description.as_str())
        .collect();
    assert!(
        projections.contains(
            &"ContainerElement `Work.synopsis`: `type` changes from `string` to `string!`"
        ),
        "{projections:#?}"
    );
    assert!(projections
        .contains(&"ContainerElement `Film.synopsis`: `type` changes from `string` to `string!`"));
    let message = refused.to_string();
    assert!(
        message.contains("incompatible under BACKWARD") && message.contains("became required"),
        "{message}"
    );
    assert_eq!(
        snapshot(&r),
        before,
        "a refused registration wrote to the store"
    );

    // Under NONE it is accepted.
    let accepted = r
        .register(
            &source("studio", &studio_with_required_synopsis()),
            &projectors(),
            &RegisterOptions {
                compatibility: Some(CompatibilityMode::None),
                ..options()
            },
        )
        .expect("accepted under NONE");
    assert_eq!(accepted.version, 2);
    assert_eq!(
        r.model("studio").expect("model").compatibility,
        CompatibilityMode::None
    );
    assert_sound(&r);
}

#[test]
fn invalid_models_are_refused_with_diagnostics() {
    let dir = tempfile::tempdir().expect("tempdir");
    let r = open(&dir);
    let before = snapshot(&r);
    let broken = example("studio").replace("upper:primaryKey ( studio:personId ) ;", "");
    let refused = rejection(r.register(&source("studio", &broken), &projectors(), &options()));
    let Rejection::Invalid { diagnostics, .. } = &refused else {
        panic!("{refused}")
    };
    assert!(
        diagnostics.iter().any(|d| d.code.as_str() == "U062"),
        "{refused}"
    );
    let syntax = rejection(r.register(
        &source("bad", "this is not turtle"),
        &projectors(),
        &options(),
    ));
    assert!(matches!(syntax, Rejection::Invalid { .. }), "{syntax}");
    let reserved = "@prefix upper: <https://w3id.org/uda/upper#> .\n<https://w3id.org/uda/mine> a upper:DomainModel ; upper:domain \"mine\" .";
    assert!(matches!(
        rejection(r.register(&source("mine", reserved), &projectors(), &options())),
        Rejection::Reserved { .. }
    ));
    assert_eq!(snapshot(&r), before);
}

#[test]
fn imports_are_resolved_from_the_store() {
    let dir = tempfile::tempdir().expect("tempdir");
    let r = open(&dir);
    let before = snapshot(&r);
    let refused = rejection(r.register(
        &source("marketing", &example("marketing")),
        &projectors(),
        &options(),
    ));
    let Rejection::Invalid { diagnostics, .. } = &refused else {
        panic!("{refused}")
    };
    let missing = diagnostics
        .iter()
        .find(|d| d.code.as_str() == "U020")
        .expect("U020");
    assert!(
        missing.message.contains("https://example.org/studio"),
        "{}",
        missing.message
    );
    assert_eq!(snapshot(&r), before);

    let studio = register(&r, "studio", &example("studio"));
    let marketing = register(&r, "marketing", &example("marketing"));
    assert_eq!(marketing.version, 1);
    let versions = r.versions("marketing").expect("versions");
    assert_eq!(versions[0].imports, vec![studio.graph.clone()]);
    // The catalog is queryable like everything else.
    let q = format!(
        "PREFIX cat: <https://w3id.org/uda/catalog#> SELECT ?i WHERE {{ <{MARKETING}> cat:imports ?i ; cat:kind cat:DomainModel }}"
    );
    assert_eq!(
        select_strings(&r, &q, "i"),
        vec![format!("<{}>", studio.graph)]
    );
    assert_sound(&r);
}

#[test]
fn dependents_are_rechecked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let r = open(&dir);
    register(&r, "studio", &example("studio"));
    register(&r, "marketing", &example("marketing"));
    let before = snapshot(&r);
    // Dropping studio:Money (budgets become plain decimals) is compatible for
    // studio under BACKWARD, but marketing:budget uses studio:Money.
    let text = example("studio");
    let start = text.find("studio:Money a upper:Datatype").expect("Money");
    let end = text.find("studio:ImdbId a upper:Datatype").expect("ImdbId");
    let changed = format!("{}{}", &text[..start], &text[end..]).replace(
        "upper:datatype studio:Money ;",
        "upper:datatype xsd:decimal ;",
    );
    let refused = rejection(r.register(&source("studio", &changed), &projectors(), &options()));
    let Rejection::DependentsBroken { dependents, .. } = &refused else {
        panic!("{refused}")
    };
    assert_eq!(dependents.len(), 1);
    assert_eq!(dependents[0].model, MARKETING);
    assert!(
        dependents[0].rendered.contains("studio#Money")
            || dependents[0].rendered.contains("studio:Money"),
        "{refused}"
    );
    assert_eq!(snapshot(&r), before);

    // Removing Film breaks marketing's extension of it.
    let no_film = example("studio")
        .replace(
            "studio:Film a upper:DirectClass ;",
            "studio:FilmGone a upper:DirectClass ;",
        )
        .replace(
            "upper:subClassOf studio:Film ;",
            "upper:subClassOf studio:FilmGone ;",
        );
    let refused = rejection(r.register(
        &source("studio", &no_film),
        &projectors(),
        &RegisterOptions {
            compatibility: Some(CompatibilityMode::None),
            ..options()
        },
    ));
    assert!(
        matches!(refused, Rejection::DependentsBroken { .. }),
        "{refused}"
    );
    assert_eq!(snapshot(&r), before);

    // A compatible change that marketing survives is accepted.
    assert_eq!(register(&r, "studio", &studio_with_tagline()).version, 2);
    assert_sound(&r);
}

#[test]
fn transitive_modes_check_every_earlier_version() {
    // v1: s:note is a string; v2: s:note detached (optional, compatible);
    // v3: s:note back as an integer. v3 is compatible with v2 but changes
    // the datatype of v1's s:note.
    let base = "@prefix upper: <https://w3id.org/uda/upper#> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n@prefix s: <https://example.org/notes#> .\n<https://example.org/notes> a upper:DomainModel ; upper:domain \"notes\" .\ns:id a upper:Attribute ; upper:datatype xsd:long ; upper:minCount 1 ; upper:maxCount 1 .\n";
    let v1 = format!("{base}s:Note a upper:DirectClass ; upper:primaryKey ( s:id ) ; upper:property s:id , s:note .\ns:note a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 0 ; upper:maxCount 1 .\n");
    let v2 = format!(
        "{base}s:Note a upper:DirectClass ; upper:primaryKey ( s:id ) ; upper:property s:id .\n"
    );
    let v3 = format!("{base}s:Note a upper:DirectClass ; upper:primaryKey ( s:id ) ; upper:property s:id , s:note .\ns:note a upper:Attribute ; upper:datatype xsd:int ; upper:minCount 0 ; upper:maxCount 1 .\n");
    let dir = tempfile::tempdir().expect("tempdir");
    let r = open(&dir);
    register(&r, "notes", &v1);
    register(&r, "notes", &v2);
    let before = snapshot(&r);
    for mode in [
        CompatibilityMode::BackwardTransitive,
        CompatibilityMode::ForwardTransitive,
        CompatibilityMode::FullTransitive,
    ] {
        let with = RegisterOptions {
            compatibility: Some(mode),
            ..options()
        };
        let refused = rejection(r.register(&source("notes", &v3), &projectors(), &with));
        let Rejection::Incompatible { conflicts, .. } = &refused else {
            panic!("{mode}: {refused}")
        };
        assert_eq!(
            conflicts.iter().map(|c| c.version).collect::<Vec<_>>(),
            vec![1],
            "{mode}: {refused}"
        );
        assert_eq!(conflicts[0].changes[0].kind, ChangeKind::DatatypeChanged);
        assert_eq!(snapshot(&r), before, "{mode}");
    }
    for mode in [
        CompatibilityMode::Backward,
        CompatibilityMode::Forward,
        CompatibilityMode::Full,
    ] {
        // Only checked against version 2: accepted. Try each on a copy of the state.
        let d = tempfile::tempdir().expect("tempdir");
        let copy = open(&d);
        register(&copy, "notes", &v1);
        register(&copy, "notes", &v2);
        let with = RegisterOptions {
            compatibility: Some(mode),
            ..options()
        };
        let accepted = copy
            .register(&source("notes", &v3), &projectors(), &with)
            .expect("accepted");
        assert_eq!(accepted.version, 3, "{mode}");
    }
}

#[test]
fn deletion_keeps_history_and_respects_imports() {
    let dir = tempfile::tempdir().expect("tempdir");
    let r = open(&dir);
    register(&r, "studio", &example("studio"));
    register(&r, "marketing", &example("marketing"));
    let before = snapshot(&r);
    let refused = match r.delete("studio", "tester") {
        Err(RegistryError::Rejected(r)) => *r,
        other => panic!("{other:?}"),
    };
    assert!(
        matches!(&refused, Rejection::InUse { dependents, .. } if dependents == &vec![MARKETING.to_owned()]),
        "{refused}"
    );
    assert_eq!(snapshot(&r), before);

    let deleted = r.delete("marketing", "tester").expect("delete");
    assert_eq!(deleted.last_version, 1);
    assert!(deleted.removed_graphs.contains(&MARKETING.to_owned()));
    let info = r.model(MARKETING).expect("still known");
    assert!(info.deleted && info.current_version.is_none());
    let plain = "SELECT ?d WHERE { ?m <https://w3id.org/uda/upper#domain> ?d }";
    assert!(!select_strings(&r, plain, "d").contains(&"marketing".to_owned()));
    let old = "SELECT ?d WHERE { GRAPH <https://example.org/marketing/version/1> { ?m <https://w3id.org/uda/upper#domain> ?d } }";
    assert_eq!(select_strings(&r, old, "d"), vec!["marketing"]);
    assert_sound(&r);

    // Now studio can go; marketing can come back, as version 2.
    r.delete(STUDIO, "tester").expect("delete studio");
    register(&r, "studio", &example("studio"));
    let back = register(&r, "marketing", &example("marketing"));
    assert_eq!(back.version, 2);
    assert!(!r.model("marketing").expect("model").deleted);
    assert_sound(&r);
}

#[test]
fn queries_are_read_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let r = open(&dir);
    let before = snapshot(&r);
    assert!(matches!(
        r.query("INSERT DATA { <https://ex.org/a> <https://ex.org/b> <https://ex.org/c> }"),
        Err(RegistryError::UpdateRefused)
    ));
    assert!(matches!(
        r.query("SELECT WHERE"),
        Err(RegistryError::QuerySyntax(_))
    ));
    assert!(matches!(
        r.query("ASK { ?s ?p ?o }"),
        Ok(QueryResults::Boolean(true))
    ));
    assert_eq!(snapshot(&r), before);
}

#[test]
fn newer_or_foreign_data_directories_are_refused_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    drop(open(&dir));
    {
        // Pretend a future uda wrote this directory.
        let store = oxigraph::store::Store::open(dir.path()).expect("store");
        let catalog = oxigraph::model::NamedNode::new_unchecked(uda_registry::CATALOG_GRAPH);
        let format = oxigraph::model::NamedNode::new_unchecked(format!(
            "{}formatVersion",
            uda_registry::CAT_NS
        ));
        let old: Vec<_> = store
            .quads_for_pattern(
                Some(catalog.as_ref().into()),
                Some(format.as_ref()),
                None,
                Some(catalog.as_ref().into()),
            )
            .collect::<Result<_, _>>()
            .expect("quads");
        for q in &old {
            store.remove(q).expect("remove");
        }
        let future =
            oxigraph::model::Literal::new_typed_literal("99", oxigraph::model::vocab::xsd::INTEGER);
        store
            .insert(oxigraph::model::QuadRef::new(
                &catalog, &format, &future, &catalog,
            ))
            .expect("insert");
    }
    let before = oxigraph::store::Store::open(dir.path())
        .expect("store")
        .len()
        .expect("len");
    match Registry::open(dir.path()) {
        Err(e @ RegistryError::NewerFormat { found: 99, .. }) => {
            assert!(e.to_string().contains("newer uda"), "{e}")
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        oxigraph::store::Store::open(dir.path())
            .expect("store")
            .len()
            .expect("len"),
        before
    );

    let foreign = tempfile::tempdir().expect("tempdir");
    {
        let store = oxigraph::store::Store::open(foreign.path()).expect("store");
        let ex = oxigraph::model::NamedNode::new_unchecked("https://ex.org/x");
        store
            .insert(oxigraph::model::QuadRef::new(
                &ex,
                &ex,
                &ex,
                oxigraph::model::GraphNameRef::DefaultGraph,
            ))
            .expect("insert");
    }
    assert!(matches!(
        Registry::open(foreign.path()),
        Err(RegistryError::NotARegistry { .. })
    ));
}

#[test]
fn the_catalog_model_is_a_valid_upper_model() {
    let text = std::fs::read_to_string(uda_testkit::repo_dir().join("ontologies/catalog.ttl"))
        .expect("catalog.ttl");
    let mut loader = uda_upper::Loader::new();
    loader.input_text("ontologies/catalog.ttl", text, uda_upper::RdfFormat::Turtle);
    let loaded = loader.load();
    assert!(!loaded.has_errors(), "{}", loaded.render());
    assert!(uda_registry::SYSTEM_MODELS
        .iter()
        .any(|(f, _)| *f == "ontologies/catalog.ttl"));
}

#[test]
fn the_catalog_graph_conforms_to_the_catalog_model() {
    // The catalog graph, read as instance data: every entry has the
    // properties the catalog model requires, with values of the right kind.
    let dir = tempfile::tempdir().expect("tempdir");
    let r = open(&dir);
    register(&r, "studio", &example("studio"));
    let q = "PREFIX cat: <https://w3id.org/uda/catalog#> SELECT ?g WHERE { GRAPH <https://w3id.org/uda/registry/catalog> { ?g a cat:Graph . FILTER NOT EXISTS { ?g cat:kind ?k ; cat:governedBy ?m } } }";
    assert_eq!(select_strings(&r, q, "g"), Vec::<String>::new());
    let q = "PREFIX cat: <https://w3id.org/uda/catalog#> SELECT ?g WHERE { ?g cat:versionOf ?a . FILTER NOT EXISTS { ?g cat:versionNumber ?n ; cat:contentHash ?h ; cat:createdAt ?t ; cat:principal ?p } }";
    assert_eq!(select_strings(&r, q, "g"), Vec::<String>::new());
    let q = "PREFIX cat: <https://w3id.org/uda/catalog#> SELECT ?m WHERE { <https://example.org/studio/projection/test/container/version/1> cat:governedBy ?m ; cat:derivedFrom <https://example.org/studio/version/1> }";
    assert_eq!(
        select_strings(&r, q, "m"),
        vec!["<https://w3id.org/uda/mapping/version/1>"]
    );
}

/// A projector whose container gives its one element two names: the mapping
/// model, which governs plain container elements, allows exactly one.
struct TwoNames;

impl uda_projection::Projector for TwoNames {
    fn target(&self) -> &str {
        "two-names"
    }

    fn project(
        &self,
        view: &uda_upper::ModelView<'_>,
    ) -> Result<uda_projection::Output, uda_projection::ProjectionError> {
        let element = oxigraph::model::NamedNode::new_unchecked(format!(
            "{}ContainerElement",
            uda_projection::MAP_NS
        ));
        let name =
            oxigraph::model::NamedNode::new_unchecked(format!("{}name", uda_projection::MAP_NS));
        let root = view.root();
        let mut r =
            uda_projection::Recorder::new(&root.iri, "two-names", element.as_ref(), &root.domain);
        let schema = r.schema().clone();
        let thing = r.element(&schema, element.as_ref(), "Thing");
        r.string(&thing, name.as_ref(), "AlsoThing");
        Ok(r.finish(Vec::new()))
    }
}

#[test]
fn a_projection_that_does_not_conform_to_its_governing_model_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let r = open(&dir);
    register(&r, "studio", &example("studio"));
    let before = snapshot(&r);
    let projectors: Vec<Box<dyn uda_projection::Projector>> =
        vec![Box::new(TestProjector), Box::new(TwoNames)];
    let refused = rejection(r.register(
        &source("studio", &studio_with_tagline()),
        &projectors,
        &options(),
    ));
    let Rejection::NotConformant {
        graph,
        governing_model,
        problems,
    } = &refused
    else {
        panic!("expected NotConformant, got {refused}");
    };
    assert_eq!(
        graph,
        "https://example.org/studio/projection/two-names/container/version/2"
    );
    assert_eq!(governing_model, "https://w3id.org/uda/mapping");
    assert!(
        problems.iter().any(|p| p.contains("two-names/Thing")
            && p.contains("https://w3id.org/uda/mapping#name")
            && p.contains("MaxCount")),
        "{problems:#?}"
    );
    assert_eq!(
        snapshot(&r),
        before,
        "a refused registration writes nothing"
    );
    assert_sound(&r);
}

#[test]
fn an_in_memory_registry_works_the_same() {
    let r = Registry::in_memory().expect("in memory");
    assert_eq!(register(&r, "studio", &example("studio")).version, 1);
    assert_eq!(
        register(&r, "studio", &example("studio")).outcome,
        Outcome::Unchanged
    );
    assert_sound(&r);
}

#[test]
fn term_models_names_the_current_model_stating_each_term() {
    let dir = tempfile::tempdir().expect("tempdir");
    let r = open(&dir);
    register(&r, "studio", &example("studio"));
    register(&r, "marketing", &example("marketing"));
    let work = format!("{STUDIO}#Work");
    let campaign = format!("{MARKETING}#Campaign");
    let direct_class = "https://w3id.org/uda/upper#DirectClass";
    let asked = [
        work.as_str(),
        campaign.as_str(),
        direct_class,
        "https://example.org/nowhere#Thing",
        "not an IRI",
    ];
    let found = r.term_models(asked).expect("term_models");
    let expected: std::collections::BTreeMap<String, String> = [
        (work.clone(), STUDIO.to_owned()),
        (campaign.clone(), MARKETING.to_owned()),
        (
            direct_class.to_owned(),
            "https://w3id.org/uda/upper".to_owned(),
        ),
    ]
    .into_iter()
    .collect();
    assert_eq!(found, expected);

    // A deleted model states nothing any more.
    r.delete("marketing", "tester").expect("delete");
    let found = r
        .term_models([campaign.as_str(), work.as_str()])
        .expect("term_models");
    assert_eq!(found.into_keys().collect::<Vec<_>>(), vec![work]);
}
