//! The SQL system model (`ontologies/sql.ttl`) is a valid Upper model; the
//! container representation of every projection conforms to it; and the
//! mappings realize every element of the projected model.

mod common;

use common::{iri, loaded, option_sets, output, MODELS};
use oxrdf::vocab::rdf;
use oxrdf::{Graph, NamedNode, NamedNodeRef, TermRef};
use std::collections::BTreeSet;
use uda_project_sql::{import_ddl, Dialect, ImportOptions, SQL_NS};
use uda_projection::MAP_NS;
use uda_upper::{vocab, Loaded, Loader, ModelView, Property, PropertyKind, Target};

const SQL_MODEL: &str = "https://w3id.org/uda/sql";

fn sql_model() -> Loaded {
    let dir = uda_testkit::repo_dir().join("ontologies");
    let mut loader = Loader::new();
    for file in ["upper.ttl", "mapping.ttl", "sql.ttl"] {
        loader.input_file(dir.join(file));
    }
    let loaded = loader.load();
    assert!(
        !loaded.has_errors(),
        "ontologies/sql.ttl is invalid:\n{}",
        loaded.render()
    );
    loaded
}

#[test]
fn the_sql_model_is_a_valid_upper_model() {
    let loaded = sql_model();
    assert!(loaded.diagnostics.is_empty(), "{}", loaded.render());
    let model = loaded.models.get(SQL_MODEL).expect("the sql model");
    assert_eq!(model.domain, "sql");
    let view = loaded.models.view(SQL_MODEL).expect("view");
    // Every class is a container element.
    for class in model.classes.values() {
        let lineage: Vec<&str> = view
            .ancestors(class)
            .iter()
            .map(|c| c.iri.as_str())
            .collect();
        assert!(
            lineage.contains(&"https://w3id.org/uda/mapping#ContainerElement"),
            "{}",
            class.iri
        );
    }
}

/// Checks one container graph against the classes of the SQL model: every
/// node's class exists, it uses only its class's properties, has the
/// required ones, respects maximum counts, and values have the right kind.
fn conforms(graph: &Graph, view: &ModelView<'_>, what: &str) {
    let typed: BTreeSet<NamedNode> = graph
        .triples_for_predicate(rdf::TYPE)
        .filter_map(|t| match t.subject {
            oxrdf::NamedOrBlankNodeRef::NamedNode(n) => Some(n.into_owned()),
            _ => None,
        })
        .collect();
    let subjects: BTreeSet<String> = graph.iter().map(|t| t.subject.to_string()).collect();
    assert_eq!(
        subjects.len(),
        typed.len(),
        "{what}: every node has a class"
    );
    for node in &typed {
        let types: Vec<TermRef<'_>> = graph
            .objects_for_subject_predicate(node, rdf::TYPE)
            .collect();
        assert_eq!(types.len(), 1, "{what}: {node} has one class");
        let TermRef::NamedNode(class_iri) = types[0] else {
            panic!("{what}: {node} class")
        };
        assert!(
            class_iri.as_str().starts_with(SQL_NS),
            "{what}: {class_iri} is not an sql: class"
        );
        let class = view
            .class(class_iri.as_str())
            .unwrap_or_else(|| panic!("{what}: {class_iri} is not in ontologies/sql.ttl"));
        let props: Vec<&Property> = view
            .all_properties(class)
            .into_iter()
            .filter(|p| p.iri != vocab::IRI.as_str()) // implicit: the node's own IRI
            .collect();
        let allowed: BTreeSet<&str> = props.iter().map(|p| p.iri.as_str()).collect();
        for t in graph.triples_for_subject(node) {
            let p = t.predicate.as_str();
            assert!(
                p == rdf::TYPE.as_str() || allowed.contains(p),
                "{what}: {class_iri} {node} has {p}"
            );
        }
        for p in props {
            let values: Vec<TermRef<'_>> = graph
                .objects_for_subject_predicate(node, NamedNodeRef::new_unchecked(&p.iri))
                .collect();
            // Notes and original names are in the mappings graph.
            let in_mappings = p.iri.starts_with(MAP_NS)
                && (p.iri.ends_with("note") || p.iri.ends_with("originalName"));
            if !in_mappings {
                assert!(
                    values.len() as u64 >= p.min_count,
                    "{what}: {node} lacks {}",
                    p.iri
                );
            }
            if let Some(max) = p.max_count {
                assert!(
                    values.len() as u64 <= max,
                    "{what}: {node} has too many {}",
                    p.iri
                );
            }
            for v in values {
                match (&p.kind, v) {
                    (PropertyKind::Attribute { datatype }, TermRef::Literal(l)) => {
                        assert_eq!(l.datatype().as_str(), datatype, "{what}: {node} {}", p.iri)
                    }
                    (PropertyKind::Relationship { .. }, TermRef::NamedNode(target)) => {
                        // Elements of imported schemas are in their own graphs.
                        if typed.contains(&target.into_owned()) {
                            let Some(Target::Class(expected)) = view.target(p) else {
                                panic!("{}", p.iri)
                            };
                            let TermRef::NamedNode(actual) = graph
                                .object_for_subject_predicate(target, rdf::TYPE)
                                .expect("typed")
                            else {
                                panic!("class")
                            };
                            let actual = view.class(actual.as_str()).expect("sql class");
                            let lineage: Vec<&str> = std::iter::once(actual)
                                .chain(view.ancestors(actual))
                                .map(|c| c.iri.as_str())
                                .collect();
                            assert!(
                                lineage.contains(&expected.iri.as_str()),
                                "{what}: {node} {} {target}",
                                p.iri
                            );
                        }
                    }
                    (kind, value) => panic!("{what}: {node} {}: {value} is not a {kind:?}", p.iri),
                }
            }
        }
    }
}

#[test]
fn container_representations_conform_to_the_sql_model() {
    let loaded = sql_model();
    let view = loaded.models.view(SQL_MODEL).expect("view");
    for dialect in Dialect::ALL {
        for options in option_sets(dialect) {
            for model in MODELS {
                let out = output(model, &options);
                conforms(
                    &out.container.to_graph(),
                    &view,
                    &format!("{model} {options:?}"),
                );
                let schema = out.schema.as_ref();
                let dialect_value = out.container.object_for_subject_predicate(
                    schema,
                    NamedNodeRef::new_unchecked(&format!("{SQL_NS}dialect")),
                );
                assert!(
                    matches!(dialect_value, Some(TermRef::Literal(l)) if l.value() == dialect.as_str())
                );
            }
        }
    }
}

#[test]
fn imported_containers_conform_to_the_sql_model() {
    let loaded = sql_model();
    let view = loaded.models.view(SQL_MODEL).expect("view");
    let tpch = ["dss.ddl", "dss.ri"].map(|f| {
        let path = format!(
            "{}/tests/fixtures/external/tpch/{f}",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).expect("vendored");
        (path, text)
    });
    for (what, sources) in [
        ("bank", common::import::bank(Dialect::Postgres)),
        ("tpch", tpch.to_vec()),
    ] {
        let options = ImportOptions {
            base: "https://example.org/imported",
            schema_name: what,
            requires: &[],
        };
        let imported = import_ddl(&sources, Dialect::Postgres, &options).expect("imports");
        conforms(&imported.container.to_graph(), &view, what);
    }
}

#[test]
fn every_element_of_the_model_is_realized() {
    let realized_by = NamedNodeRef::new_unchecked("https://w3id.org/uda/mapping#realizedBy");
    let original_name = NamedNodeRef::new_unchecked("https://w3id.org/uda/mapping#originalName");
    for dialect in Dialect::ALL {
        for options in option_sets(dialect) {
            for model in MODELS {
                let what = format!("{model} {options:?}");
                let out = output(model, &options);
                let domain = loaded().models.get(&iri(model)).expect("model");
                let terms = domain
                    .classes
                    .keys()
                    .chain(domain.enumerations.keys())
                    .chain(
                        domain
                            .enumerations
                            .values()
                            .flat_map(|e| e.values.iter().map(|v| &v.iri)),
                    )
                    .chain(domain.properties.keys())
                    .chain(std::iter::once(&domain.iri));
                for term in terms {
                    let elements: Vec<TermRef<'_>> = out
                        .mappings
                        .objects_for_subject_predicate(
                            NamedNodeRef::new_unchecked(term),
                            realized_by,
                        )
                        .collect();
                    assert!(!elements.is_empty(), "{what}: nothing realizes {term}");
                    for e in elements {
                        let TermRef::NamedNode(e) = e else {
                            panic!("{e}")
                        };
                        assert!(
                            out.container
                                .object_for_subject_predicate(e, rdf::TYPE)
                                .is_some(),
                            "{what}: {term} is realized by {e}, which is not in the container"
                        );
                    }
                }
                let mut named = BTreeSet::new();
                for t in out.mappings.iter().filter(|t| t.predicate == original_name) {
                    assert!(
                        named.insert(t.subject.to_string()),
                        "{what}: {} has two original names",
                        t.subject
                    );
                }
            }
        }
    }
}

#[test]
fn what_sql_cannot_express_is_noted_in_the_mappings() {
    let note = NamedNodeRef::new_unchecked("https://w3id.org/uda/mapping#note");
    let notes = |model: &str, dialect: Dialect| -> Vec<String> {
        let out = output(model, &uda_project_sql::SqlOptions::new(dialect));
        out.mappings
            .iter()
            .filter(|t| t.predicate == note)
            .map(|t| format!("{} {}", t.subject, t.object))
            .collect()
    };
    let has = |notes: &[String], element: &str, text: &str| {
        notes
            .iter()
            .any(|n| n.contains(&format!("{element}>")) && n.contains(text))
    };
    let studio = notes("studio", Dialect::Sqlite);
    assert!(has(
        &studio,
        "sql-sqlite/work/imdb_id",
        "not enforced: SQLite has no regular expressions"
    ));
    assert!(has(
        &studio,
        "sql-sqlite/film/is_color",
        "SQLite has no boolean type"
    ));
    assert!(has(
        &studio,
        "sql-sqlite/work_produced_by",
        "at least 1 row(s) per work row: not enforced"
    ));
    let edge = notes("edge", Dialect::DuckDb);
    assert!(has(
        &edge,
        "sql-duckdb/player",
        "not declared: player and team refer to each other"
    ));
    let schema = notes("edge", Dialect::Postgres);
    assert!(has(
        &schema,
        "sql-postgres/schema",
        "edge#Unused> is used by no class"
    ));
}
