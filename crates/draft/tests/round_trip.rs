//! The other direction of a projection: draft a model from the container
//! graph a projection recorded, validate it, project it to the same system
//! and compare the two container graphs element by element, by name.

use oxrdf::vocab::rdf;
use oxrdf::{Graph, NamedNode, NamedOrBlankNodeRef, TermRef};
use std::collections::BTreeMap;
use uda_draft::{draft, Draft, DraftOptions};
use uda_targets::Target;
use uda_upper::{Loader, RdfFormat};

const MAP_NAME: &str = "https://w3id.org/uda/mapping#name";
const MAP_PART_OF: &str = "https://w3id.org/uda/mapping#partOf";

fn options() -> DraftOptions {
    DraftOptions {
        domain: "drafted".into(),
        namespace: "https://example.org/drafted#".into(),
    }
}

/// Drafts, validates (zero errors) and projects the draft to `target`.
fn round(container: &Graph, schema: &NamedNode, target: Target) -> (Draft, Graph) {
    let drafted = draft(container, schema, &options()).expect("a draft");
    let mut loader = Loader::new();
    loader.input_text("draft.ttl", drafted.turtle.as_str(), RdfFormat::Turtle);
    let loaded = loader.load();
    assert!(
        !loaded.has_errors(),
        "{}\n{}",
        loaded.render(),
        drafted.turtle
    );
    let view = loaded
        .models
        .view("https://example.org/drafted")
        .expect("the drafted model");
    let output = target.project(&view).expect("the draft projects");
    (drafted, output.container.to_graph())
}

fn string(g: &Graph, s: NamedOrBlankNodeRef<'_>, p: &str) -> String {
    g.object_for_subject_predicate(s, &NamedNode::new_unchecked(p))
        .map(|o| match o {
            TermRef::Literal(l) => l.value().to_owned(),
            TermRef::NamedNode(n) => n
                .as_str()
                .rsplit(['#', '/'])
                .next()
                .unwrap_or_default()
                .to_owned(),
            TermRef::BlankNode(_) => String::new(),
        })
        .unwrap_or_default()
}

/// Every element of the classes compared, by its path of names
/// (`Table/column`), with the properties compared.
fn elements(g: &Graph, ns: &str, classes: &[(&str, &[&str])]) -> BTreeMap<String, String> {
    let mut all = BTreeMap::new();
    let namespaces: Vec<String> = g
        .subjects_for_predicate_object(
            rdf::TYPE,
            &NamedNode::new_unchecked(format!("{ns}Namespace")),
        )
        .map(|n| format!("{}.", string(g, n, MAP_NAME)))
        .collect();
    for (class, props) in classes {
        let class = NamedNode::new_unchecked(format!("{ns}{class}"));
        for s in g.subjects_for_predicate_object(rdf::TYPE, &class) {
            let mut path = string(g, s, MAP_NAME);
            let mut at = g.object_for_subject_predicate(s, &NamedNode::new_unchecked(MAP_PART_OF));
            // Up to the namespace or table: the schema itself is not named.
            for _ in 0..3 {
                let Some(TermRef::NamedNode(parent)) = at else {
                    break;
                };
                // The Avro namespace differs by design: it derives from the model's IRI.
                if ["Schema", "Namespace"].iter().any(|c| {
                    g.contains(oxrdf::TripleRef::new(
                        parent,
                        rdf::TYPE,
                        &NamedNode::new_unchecked(format!("{ns}{c}")),
                    ))
                }) {
                    break;
                }
                path = format!("{}/{path}", string(g, parent.into(), MAP_NAME));
                at = g.object_for_subject_predicate(parent, &NamedNode::new_unchecked(MAP_PART_OF));
            }
            let values: Vec<String> = props
                .iter()
                .map(|p| {
                    let mut value = string(g, s, &format!("{ns}{p}"));
                    for namespace in &namespaces {
                        value = value.replace(namespace.as_str(), "");
                    }
                    format!("{p}={value}")
                })
                .collect();
            all.insert(
                format!("{} {path}", class.as_str().trim_start_matches(ns)),
                values.join(" "),
            );
        }
    }
    all
}

/// What each system's comparison looks at.
fn compared(target: Target, g: &Graph) -> BTreeMap<String, String> {
    match target {
        Target::Graphql | Target::GraphqlFederation => elements(
            g,
            "https://w3id.org/uda/graphql#",
            &[
                ("ObjectType", &["key"]),
                ("InterfaceType", &["key"]),
                ("EnumType", &[]),
                ("EnumValue", &[]),
                ("Field", &["type"]),
                ("ScalarType", &[]),
            ],
        ),
        Target::Avro => elements(
            g,
            "https://w3id.org/uda/avro#",
            &[
                ("Record", &["recordKind"]),
                ("Enum", &[]),
                ("Symbol", &[]),
                ("Field", &["type", "logicalType"]),
            ],
        ),
        _ => elements(
            g,
            "https://w3id.org/uda/sql#",
            &[
                ("Table", &[]),
                ("Column", &["dataType", "notNull"]),
                ("PrimaryKey", &[]),
                ("ForeignKey", &["referencedTable"]),
                ("KeyPart", &["position"]),
                ("AllowedValue", &[]),
                ("EnumLabel", &[]),
            ],
        ),
    }
}

/// The differences by design a round trip is allowed, each named in full.
struct ByDesign {
    /// (path in the original, path in the draft's projection).
    renamed: &'static [(&'static str, &'static str)],
    /// Elements (`Class path`) only the original has.
    only_in_original: &'static [&'static str],
    /// Elements only the draft's projection has.
    only_in_draft: &'static [&'static str],
}

const NONE: ByDesign = ByDesign {
    renamed: &[],
    only_in_original: &[],
    only_in_draft: &[],
};

/// Drafts, validates and projects, and compares; returns what differs
/// beyond `by_design`, empty when the round trip holds.
fn check(
    name: &str,
    container: &Graph,
    schema: &NamedNode,
    target: Target,
    by_design: &ByDesign,
) -> String {
    let (drafted, projected) = round(container, schema, target);
    let before: BTreeMap<String, String> = compared(target, container)
        .into_iter()
        .map(|(mut k, v)| {
            for (original, drafted) in by_design.renamed {
                k = k.replace(original, drafted);
            }
            (k, v)
        })
        .filter(|(k, _)| !by_design.only_in_original.contains(&k.as_str()))
        .collect();
    let after: BTreeMap<String, String> = compared(target, &projected)
        .into_iter()
        .filter(|(k, _)| !by_design.only_in_draft.contains(&k.as_str()))
        .collect();
    let lost: Vec<_> = before
        .iter()
        .filter(|(k, v)| after.get(*k) != Some(v))
        .collect();
    let added: Vec<_> = after
        .iter()
        .filter(|(k, v)| before.get(*k) != Some(v))
        .collect();
    // Same input, same bytes.
    assert_eq!(draft(container, schema, &options()).unwrap(), drafted);
    if lost.is_empty() && added.is_empty() {
        return String::new();
    }
    format!(
        "{name} to {target}: only in the original: {lost:#?}\nonly in the draft's projection: {added:#?}\nnotes: {:#?}\n",
        drafted.notes
    )
}

const TARGETS: [Target; 6] = [
    Target::Sql(uda_project_sql::Dialect::DuckDb),
    Target::GraphqlFederation,
    Target::Graphql,
    Target::Avro,
    Target::Sql(uda_project_sql::Dialect::Postgres),
    Target::Sql(uda_project_sql::Dialect::Sqlite),
];

#[test]
fn examples_round_trip() {
    let loaded = uda_testkit::load_examples();
    for domain in ["onepiece", "studio"] {
        let view = loaded
            .models
            .view(&uda_testkit::example_iri(domain))
            .unwrap();
        for target in TARGETS {
            let output = target.project(&view).unwrap();
            let failure = check(
                domain,
                &output.container.to_graph(),
                &output.schema,
                target,
                &NONE,
            );
            assert!(failure.is_empty(), "{failure}");
        }
    }
}

/// Marketing imports studio: its containers refer to studio's tables and
/// records, and extend studio's Film. Drafted from both containers together
/// (as the registry holds them), it gives both back as one model, with these
/// differences by design:
/// - SQL flattens the nested class `Audience` into `campaign`; its
///   many-valued `regions` keeps its child table, but the draft has no nested
///   class left, so it is campaign's property `audience_regions`, and so is
///   the column;
/// - GraphQL Federation: marketing's subgraph has object types `Film` and `Work` (the
///   entities it extends), studio's has interfaces of those names: the draft
///   has one class each, and the properties marketing adds to `Film` are its
///   own, so its subclass `Documentary` (and `FilmEntity`) inherit them;
/// - Avro: marketing's extension record `FilmMarketing` (Film's key and the
///   fields marketing adds) is folded into the record `Film`, whose fields
///   they become.
#[test]
fn an_importing_model_round_trips_with_what_it_imports() {
    let loaded = uda_testkit::load_examples();
    let studio = loaded
        .models
        .view(&uda_testkit::example_iri("studio"))
        .unwrap();
    let marketing = loaded
        .models
        .view(&uda_testkit::example_iri("marketing"))
        .unwrap();
    let sql = ByDesign {
        renamed: &[
            (
                "campaign_audience_regions/regions",
                "campaign_audience_regions/audience_regions",
            ),
            (
                "campaign_audience_regions_pkey/regions",
                "campaign_audience_regions_pkey/audience_regions",
            ),
        ],
        ..NONE
    };
    let graphql = ByDesign {
        only_in_original: &["ObjectType Film", "ObjectType Work"],
        only_in_draft: &[
            "Field Documentary/tagline",
            "Field Documentary/trailerUrl",
            "Field FilmEntity/tagline",
            "Field FilmEntity/trailerUrl",
        ],
        ..NONE
    };
    let avro = ByDesign {
        only_in_original: &[
            "Record FilmMarketing",
            "Field FilmMarketing/tagline",
            "Field FilmMarketing/trailerUrl",
            "Field FilmMarketing/workId",
        ],
        only_in_draft: &["Field Film/tagline", "Field Film/trailerUrl"],
        ..NONE
    };
    let mut failures = String::new();
    for target in TARGETS {
        let mut both = target.project(&studio).unwrap().container.to_graph();
        let output = target.project(&marketing).unwrap();
        both.extend(output.container.to_graph().iter());
        let by_design = match target {
            Target::Sql(_) => &sql,
            Target::GraphqlFederation => &graphql,
            Target::Avro => &avro,
            _ => &NONE,
        };
        failures += &check(
            "marketing and studio",
            &both,
            &output.schema,
            target,
            by_design,
        );
    }
    assert!(failures.is_empty(), "{failures}");
}

#[test]
fn synthetic_models_of_100_classes_round_trip() {
    let loaded = uda_testkit::load_synthetic(100);
    let view = loaded.models.view("https://example.org/synthetic").unwrap();
    for target in TARGETS {
        let output = target.project(&view).unwrap();
        let failure = check(
            "synthetic",
            &output.container.to_graph(),
            &output.schema,
            target,
            &NONE,
        );
        assert!(failure.is_empty(), "{failure}");
    }
}

/// Drafts from a container no projection wrote, imported with `import`, and
/// checks the draft validates and keeps every record or type of the source.
fn drafts_valid(imported: uda_projection::Imported, expected: &[&str]) -> Draft {
    let graph = imported.container.to_graph();
    let drafted = draft(&graph, &imported.schema, &options()).expect("a draft");
    let mut loader = Loader::new();
    loader.input_text("draft.ttl", drafted.turtle.as_str(), RdfFormat::Turtle);
    let loaded = loader.load();
    assert!(
        !loaded.has_errors(),
        "{}\n{}",
        loaded.render(),
        drafted.turtle
    );
    for label in expected {
        assert!(
            drafted.turtle.contains(&format!("upper:label \"{label}\"")),
            "{label} missing:\n{}",
            drafted.turtle
        );
    }
    drafted
}

#[test]
fn drafts_apache_avro_fixtures() {
    let dir =
        uda_testkit::repo_dir().join("crates/project-avro/tests/fixtures/external/apache-avro");
    let read = |f: &str| (f.to_owned(), std::fs::read_to_string(dir.join(f)).unwrap());
    let imported = uda_project_avro::import(
        &[read("TestRecordWithLogicalTypes.avsc"), read("Person.avsc")],
        "https://example.org/external/avro",
        "external",
    )
    .unwrap();
    let drafted = drafts_valid(imported, &["TestRecordWithLogicalTypes", "Person"]);
    assert!(
        drafted
            .notes
            .iter()
            .any(|n| n.contains("Avro records have no keys")),
        "{:#?}",
        drafted.notes
    );
}

#[test]
fn drafts_hand_written_sdl() {
    let sdl = r#"
        "A book in the catalogue."
        type Book @key(fields: "isbn") { isbn: ID! title: String! authors: [Author!]! genre: Genre published: Date }
        type Author @key(fields: "name born") { name: String! born: Int! books: [Book!] }
        type Review { stars: Int! book: Book! }
        enum Genre { SCIENCE_FICTION POETRY }
        scalar Date
        type Query { book(isbn: ID!): Book }
        directive @key(fields: String!) repeatable on OBJECT
    "#;
    let imported = uda_project_graphql::import(
        &[("books.graphql".into(), sdl.into())],
        "https://example.org/external/graphql",
        "books",
    )
    .unwrap();
    let drafted = drafts_valid(
        imported,
        &[
            "Book",
            "Author",
            "Review",
            "Genre",
            "SCIENCE_FICTION",
            "published",
        ],
    );
    assert!(
        drafted.turtle.contains(":Book a upper:DirectClass"),
        "{}",
        drafted.turtle
    );
    assert!(
        drafted.turtle.contains(":Review a upper:NestedClass"),
        "{}",
        drafted.turtle
    );
}

#[test]
fn hostile_containers_give_errors_or_bounded_drafts() {
    let sql = "https://w3id.org/uda/sql#";
    let map = "https://w3id.org/uda/mapping#";
    let mut ttl = format!("@prefix sql: <{sql}> . @prefix map: <{map}> . @prefix : <https://example.org/c/> .\n:schema a sql:Schema ; map:name \"s\" .\n");
    // Tables that are parts of each other, and foreign keys in a cycle.
    ttl += ":a a sql:Table ; map:name \"a\" ; map:partOf :b .\n:b a sql:Table ; map:name \"b\" ; map:partOf :a .\n";
    ttl += ":a_id a sql:Column ; map:name \"id\" ; map:partOf :a ; sql:dataType \"INT\" ; sql:notNull true ; sql:position 1 .\n";
    ttl += ":b_id a sql:Column ; map:name \"id\" ; map:partOf :b ; sql:dataType \"INT\" ; sql:notNull true ; sql:position 1 .\n";
    for (t, other) in [("a", "b"), ("b", "a")] {
        ttl += &format!(":{t}_pk a sql:PrimaryKey ; map:name \"{t}_pkey\" ; map:partOf :{t} .\n:{t}_pk1 a sql:KeyPart ; map:partOf :{t}_pk ; sql:column :{t}_id ; sql:position 1 .\n");
        ttl += &format!(":{t}_fk a sql:ForeignKey ; map:name \"{t}_fkey\" ; map:partOf :{t} ; sql:referencedTable :{other} .\n:{t}_fk1 a sql:KeyPart ; map:partOf :{t}_fk ; sql:column :{t}_id ; sql:references :{other}_id ; sql:position 1 .\n");
    }
    let mut graph = Graph::new();
    for t in oxttl::TurtleParser::new().for_slice(ttl.as_bytes()) {
        graph.insert(&t.unwrap());
    }
    let schema = NamedNode::new_unchecked("https://example.org/c/schema");
    let drafted = draft(&graph, &schema, &options()).expect("a draft");
    let mut loader = Loader::new();
    loader.input_text("draft.ttl", drafted.turtle.as_str(), RdfFormat::Turtle);
    assert!(!loader.load().has_errors(), "{}", drafted.turtle);

    // A huge name is refused, naming the element.
    let huge = format!(
        ":c a sql:Table ; map:name \"{}\" .\n",
        "x".repeat(1_000_000)
    );
    for t in oxttl::TurtleParser::new().for_slice(format!("@prefix sql: <{sql}> . @prefix map: <{map}> . @prefix : <https://example.org/c/> .\n{huge}").as_bytes()) {
        graph.insert(&t.unwrap());
    }
    let error = draft(&graph, &schema, &options()).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("https://example.org/c/c: its name is 1000000 bytes"),
        "{error}"
    );
    // Options that name no model.
    let bad_domain = DraftOptions {
        domain: "1 bad".into(),
        ..options()
    };
    assert!(matches!(
        draft(&graph, &schema, &bad_domain),
        Err(uda_draft::DraftError::Domain(_))
    ));
    let bad_namespace = DraftOptions {
        namespace: "no namespace".into(),
        ..options()
    };
    assert!(matches!(
        draft(&graph, &schema, &bad_namespace),
        Err(uda_draft::DraftError::Namespace(_))
    ));
    // A node that is no schema.
    assert!(draft(
        &graph,
        &NamedNode::new_unchecked("https://example.org/c/a"),
        &options()
    )
    .is_err());
}
