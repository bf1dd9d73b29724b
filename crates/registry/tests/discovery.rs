//! Search, trace and coverage over an on-disk registry: the onepiece model
//! projected (by the tests' projector) and an existing GraphQL container,
//! mapped by hand in a graph the catalog calls mappings; the search index
//! kept in the registration's commit, verified and repaired.

mod common;

use common::*;
use oxigraph::model::{GraphNameRef, NamedNode, Quad};
use uda_projection::{Coordinates, MAP_NS};
use uda_registry::{
    existing_container_graph, index_graph, oxigraph, Match, ModelSource, RegisterOptions, Registry,
    RegistryError, SearchHit, SearchOptions, CATALOG_GRAPH, CAT_NS,
};

const OP: &str = "https://example.org/onepiece#";

/// onepiece, with SKOS alternative labels on the devil fruit.
fn onepiece() -> String {
    example("onepiece")
        + "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n\
           onepiece:DevilFruit skos:altLabel \"Akuma no Mi\"@ja-Latn .\n"
}

fn register_model(r: &Registry, text: &str) {
    r.register(
        &ModelSource::turtle("onepiece.ttl", text.to_owned()),
        &projectors(),
        &RegisterOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
}

fn search(r: &Registry, text: &str) -> Vec<SearchHit> {
    r.search(text, &SearchOptions::default())
        .unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn first(r: &Registry, text: &str) -> (String, Match) {
    let hits = search(r, text);
    let h = hits.first().unwrap_or_else(|| panic!("nothing for {text}"));
    (h.iri.replace(OP, ""), h.matched)
}

fn open() -> (tempfile::TempDir, Registry) {
    let dir = tempfile::tempdir().expect("tempdir");
    let r = Registry::open(dir.path()).expect("open");
    (dir, r)
}

#[test]
fn search_ranks_by_how_terms_match_and_says_why() {
    let (_dir, r) = open();
    register_model(&r, &onepiece());

    let hits = search(&r, "devil fruit");
    let top: Vec<(&str, Match)> = hits
        .iter()
        .take(3)
        .map(|h| (h.iri.strip_prefix(OP).unwrap_or(&h.iri), h.matched))
        .collect();
    assert_eq!(
        top,
        [
            ("DevilFruit", Match::Exact),
            ("devilFruit", Match::Exact),
            ("DevilFruitType", Match::Prefix)
        ]
    );
    let class = &hits[0];
    assert_eq!(class.kind, "class");
    assert_eq!(class.label.as_deref(), Some("Devil fruit"));
    assert_eq!(class.domain.as_deref(), Some("onepiece"));
    assert_eq!(class.model.as_deref(), Some("https://example.org/onepiece"));
    assert_eq!(class.realized_in, Some(1), "the test projection");
    assert_eq!(class.why, "label \"devil fruit\"");

    assert_eq!(
        first(&r, "devilFruitTypes"),
        ("DevilFruitType".into(), Match::Exact)
    );
    assert_eq!(first(&r, "romanized"), ("rname".into(), Match::Prefix));
    assert_eq!(first(&r, "name romanized"), ("rname".into(), Match::Word));
    let typo = &search(&r, "charcter")[0];
    assert_eq!(
        (typo.iri.as_str(), typo.matched),
        (&*format!("{OP}Character"), Match::Fuzzy)
    );
    assert_eq!(typo.why, "\"charcter\" ~ \"character\"");
    assert_eq!(
        first(&r, "akuma no mi"),
        ("DevilFruit".into(), Match::Exact)
    );
    assert_eq!(first(&r, "swim"), ("DevilFruit".into(), Match::Description));
    assert_eq!(first(&r, "zoan").1, Match::Exact);
    let model = &search(&r, "one piece")[0];
    assert_eq!(
        (model.kind.as_str(), model.matched),
        ("model", Match::Exact)
    );

    let only = r
        .search(
            "devil fruit",
            &SearchOptions {
                kinds: vec!["property".into()],
                limit: 10,
            },
        )
        .expect("search");
    let found: Vec<(&str, Match)> = only.iter().map(|h| (h.iri.as_str(), h.matched)).collect();
    assert_eq!(
        found,
        [
            (&*format!("{OP}devilFruit"), Match::Exact),
            (&*format!("{OP}fruitType"), Match::Description)
        ]
    );

    assert!(search(&r, "pirate king").is_empty());
    for bad in ["", "  -- ", &"word ".repeat(20), &"x".repeat(100)] {
        assert!(
            matches!(
                r.search(bad, &SearchOptions::default()),
                Err(RegistryError::Search(_))
            ),
            "{bad:?}"
        );
    }
}

#[test]
fn the_index_follows_versions_and_deletion_and_is_repaired() {
    let (dir, r) = open();
    register_model(&r, &onepiece());
    assert_eq!(r.verify().expect("verify"), Vec::<String>::new());

    let renamed = onepiece().replace("\"Devil fruit\"", "\"Cursed fruit\"");
    register_model(&r, &renamed);
    assert_eq!(
        first(&r, "cursed fruit"),
        ("DevilFruit".into(), Match::Exact)
    );
    // The old label is gone from the index; the name stays.
    let class = search(&r, "devil fruit")
        .into_iter()
        .find(|h| h.iri == format!("{OP}DevilFruit"))
        .expect("by its name");
    assert_eq!(class.why, "name \"devil fruit\"");
    assert_eq!(r.verify().expect("verify"), Vec::<String>::new());

    // An index lost (by hand) is found stale and rebuilt.
    let graph = NamedNode::new(index_graph("https://example.org/onepiece")).expect("iri");
    r.store()
        .remove_named_graph(graph.as_ref())
        .expect("remove");
    let lost = search(&r, "cursed fruit");
    assert!(lost.is_empty(), "{lost:?}");
    let problems = r.verify().expect("verify");
    assert!(
        problems
            .iter()
            .any(|p| p.contains("search index of <https://example.org/onepiece> is stale")),
        "{problems:?}"
    );
    assert_eq!(r.repair_index().expect("repair"), problems.len());
    assert_eq!(r.verify().expect("verify"), Vec::<String>::new());
    assert_eq!(first(&r, "cursed fruit").1, Match::Exact);

    // Reopened, the index is the store's.
    drop(r);
    let r = Registry::open(dir.path()).expect("reopen");
    assert_eq!(first(&r, "cursd fruit").0, "DevilFruit");

    r.delete("onepiece", "tester").expect("delete");
    assert!(search(&r, "cursed fruit").is_empty());
    assert_eq!(r.verify().expect("verify"), Vec::<String>::new());
}

fn legacy() -> Coordinates {
    Coordinates {
        system: "graphql".into(),
        location: "https://legacy.example/graphql".into(),
        name: "pirates".into(),
    }
}

const LEGACY_SDL: &str = "type Query { characters: [Character] }\n\
    type Character { rname: String! alias: String fruit: Fruit }\n\
    type Fruit { name: String! kind: String }\n";

/// Registers the legacy API, and a hand-written mapping of it in a graph
/// the catalog calls mappings (written directly: what registering a mapping
/// will write).
fn register_legacy(r: &Registry) -> String {
    let at = legacy();
    let imported = uda_project_graphql::import(
        &[("legacy.graphql".to_owned(), LEGACY_SDL.to_owned())],
        &at.base_iri(),
        &at.name,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    r.register_container(&imported, &at, &RegisterOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let base = at.base_iri();
    let g = NamedNode::new("https://example.org/mappings/legacy").expect("iri");
    let n = |s: &str| NamedNode::new(s).expect("iri");
    let map = |l: &str| n(&format!("{MAP_NS}{l}"));
    let cat = |l: &str| n(&format!("{CAT_NS}{l}"));
    let m = n("https://example.org/mappings/legacy#characters");
    let fm = n("https://example.org/mappings/legacy#rname");
    let fruit = n("https://example.org/mappings/legacy#fruit");
    let path = oxigraph::model::BlankNode::default();
    let rest = oxigraph::model::BlankNode::default();
    let rdf = |l: &str| n(&format!("http://www.w3.org/1999/02/22-rdf-syntax-ns#{l}"));
    let catalog = n(CATALOG_GRAPH);
    let quads = [
        Quad::new(
            m.clone(),
            map("toDataAsset"),
            n(&format!("{base}/Character")),
            g.clone(),
        ),
        Quad::new(
            m.clone(),
            map("forPrimaryConcept"),
            n(&format!("{OP}Character")),
            g.clone(),
        ),
        Quad::new(m.clone(), map("fieldMapping"), fm.clone(), g.clone()),
        Quad::new(
            fm.clone(),
            map("toField"),
            n(&format!("{base}/Character/rname")),
            g.clone(),
        ),
        Quad::new(
            fm.clone(),
            map("fromProperty"),
            n(&format!("{OP}rname")),
            g.clone(),
        ),
        // A path: the character's fruit's name, held by `fruit`.
        Quad::new(m.clone(), map("fieldMapping"), fruit.clone(), g.clone()),
        Quad::new(
            fruit.clone(),
            map("toField"),
            n(&format!("{base}/Character/fruit")),
            g.clone(),
        ),
        Quad::new(fruit.clone(), map("fromProperty"), path.clone(), g.clone()),
        Quad::new(
            path.clone(),
            rdf("first"),
            n(&format!("{OP}devilFruit")),
            g.clone(),
        ),
        Quad::new(path.clone(), rdf("rest"), rest.clone(), g.clone()),
        Quad::new(
            rest.clone(),
            rdf("first"),
            n(&format!("{OP}fruitName")),
            g.clone(),
        ),
        Quad::new(rest.clone(), rdf("rest"), rdf("nil"), g.clone()),
        Quad::new(g.clone(), cat("kind"), cat("Mappings"), catalog.clone()),
        Quad::new(
            g.clone(),
            cat("currentVersion"),
            n("https://example.org/mappings/legacy/version/1"),
            catalog,
        ),
    ];
    for q in &quads {
        r.store().insert(q).expect("insert");
    }
    existing_container_graph(&at)
}

#[test]
fn trace_follows_projected_and_hand_written_mappings_both_ways() {
    let (_dir, r) = open();
    register_model(&r, &onepiece());
    let container = register_legacy(&r);
    let base = legacy().base_iri();

    // Container elements are found by their names, with their access path.
    let hits = search(&r, "alias");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].kind, "field");
    assert_eq!(hits[0].path.as_deref(), Some("Character.alias"));
    assert_eq!(hits[0].system.as_deref(), Some("graphql"));
    assert_eq!(hits[0].container.as_deref(), Some(container.as_str()));
    assert_eq!(hits[0].realized_in, None);

    let found = r.realizations(&format!("{OP}Character")).expect("trace");
    let rows: Vec<(&str, &str, bool, &str)> = found
        .iter()
        .map(|x| {
            (
                x.system.as_str(),
                x.path.as_str(),
                x.projected,
                x.via.as_str(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("graphql", "Character", false, "toDataAsset"),
            ("test", "Character", true, "realizedBy")
        ]
    );
    assert_eq!(
        found[0].location.as_deref(),
        Some("https://legacy.example/graphql")
    );
    assert_eq!(found[0].container_name.as_deref(), Some("pirates"));
    assert_eq!(found[0].mappings, "https://example.org/mappings/legacy");
    assert_eq!(
        found[0].container, container,
        "the container's graph, not a version"
    );
    assert_eq!(
        r.search("Character", &SearchOptions::default())
            .expect("search")[0]
            .realized_in,
        Some(2)
    );

    // By a search term: every domain term it names exactly.
    let by_label = r.realizations("romanized name").expect("trace");
    assert!(by_label
        .iter()
        .any(|x| x.path == "Character.rname" && x.via == "toField"));
    // A step of a path is realized by the field holding the path.
    let fruit = r.realizations("fruitName").expect("trace");
    assert!(
        fruit
            .iter()
            .any(|x| x.element == format!("{base}/Character/fruit")),
        "{fruit:?}"
    );

    // The inverse, by IRI or by coordinates.
    for element in [
        format!("{base}/Character/rname"),
        "graphql:Character.rname".into(),
        "https://legacy.example/graphql/pirates/Character.rname".into(),
    ] {
        let concepts = r
            .concepts(&element)
            .unwrap_or_else(|e| panic!("{element}: {e}"));
        let names: Vec<&str> = concepts.iter().map(|c| c.concept.as_str()).collect();
        assert_eq!(names, [format!("{OP}rname")], "{element}");
    }
    let path = r.concepts("graphql:Character.fruit").expect("inverse");
    let names: Vec<&str> = path
        .iter()
        .map(|c| c.concept.strip_prefix(OP).unwrap_or(""))
        .collect();
    assert_eq!(names, ["devilFruit", "fruitName"]);
    assert!(matches!(
        r.concepts("avro:Character.rname"),
        Err(RegistryError::NotFound(_))
    ));
    assert!(matches!(
        r.realizations("pirate king"),
        Err(RegistryError::NotFound(_))
    ));

    // Coverage of the model and of the container.
    let model = r.coverage("onepiece").expect("coverage");
    assert_eq!(model.kind, "model");
    assert!(model.unrealized.is_empty(), "{:?}", model.unrealized);
    let uncataloged: Vec<&str> = model.uncataloged.iter().map(|i| i.name.as_str()).collect();
    assert!(
        uncataloged.contains(&"ename") && uncataloged.contains(&"Zoan"),
        "{uncataloged:?}"
    );
    assert!(!uncataloged.contains(&"Character") && !uncataloged.contains(&"rname"));
    let legacy = r.coverage(&container).expect("coverage");
    let unmapped: Vec<&str> = legacy.unmapped.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(
        unmapped,
        [
            "Character.alias",
            "Fruit",
            "Fruit.kind",
            "Fruit.name",
            "Query",
            "Query.characters"
        ]
    );
}

#[test]
fn the_index_is_in_the_bulk_first_write_and_in_later_transactions() {
    // The first version goes through the bulk path, the second through the
    // transaction: both leave exactly the index a rebuild gives.
    let (_dir, r) = open();
    register_model(&r, &onepiece());
    let once = index_dump(&r);
    register_model(
        &r,
        &(onepiece() + "onepiece:Zoan upper:description \"Animal powers.\" .\n"),
    );
    assert_ne!(index_dump(&r), once);
    let incremental = index_dump(&r);
    r.store()
        .remove_named_graph(
            NamedNode::new(index_graph("https://example.org/onepiece"))
                .expect("iri")
                .as_ref(),
        )
        .expect("remove");
    r.repair_index().expect("repair");
    assert_eq!(index_dump(&r), incremental);
    assert_eq!(first(&r, "animal").0, "Zoan");
}

fn index_dump(r: &Registry) -> Vec<String> {
    let g = NamedNode::new(index_graph("https://example.org/onepiece")).expect("iri");
    let mut lines: Vec<String> = r
        .store()
        .quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(g.as_ref())))
        .map(|q| q.expect("quad").to_string())
        .collect();
    lines.sort();
    assert!(!lines.is_empty());
    lines
}
