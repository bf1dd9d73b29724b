//! Every graph a projection writes conforms to its governing model, checked
//! by the one SHACL engine: container representations by the shapes of their
//! system model (`ontologies/graphql.ttl`, `avro.ttl`, `sql.ttl`, `shacl.ttl`),
//! mappings by the shapes of the mapping model (`ontologies/mapping.ttl`).

use uda_project_shacl::{GoverningShapes, ShaclOptions};
use uda_targets::Target;
use uda_testkit::{example_iri, load_examples, repo_dir};
use uda_upper::Loader;

fn governing(system: &str) -> GoverningShapes {
    let dir = repo_dir().join("ontologies");
    let mut loader = Loader::new();
    loader.input_file(dir.join(format!("{system}.ttl")));
    loader.library_file(dir.join("mapping.ttl"));
    let loaded = loader.load();
    assert!(!loaded.has_errors(), "{}", loaded.render());
    let iri = loaded.inputs.first().expect("the system model").clone();
    let view = loaded.models.view(&iri).expect("view");
    GoverningShapes::new(&view, &ShaclOptions::default()).expect("shapes")
}

fn system_model(target: Target) -> &'static str {
    match target {
        Target::Graphql | Target::GraphqlFederation => "graphql",
        Target::Avro => "avro",
        Target::Sql(_) => "sql",
        Target::Shacl => "shacl",
        Target::Iceberg => "iceberg",
        Target::JsonSchema => "jsonschema",
        Target::Protobuf => "protobuf",
    }
}

/// The example models, each with the models it imports (whose containers its own refers to).
const EXAMPLES: [(&str, &[&str]); 3] = [
    ("onepiece", &[]),
    ("studio", &[]),
    ("marketing", &["studio"]),
];

/// What the SQL importer writes conforms too, with the terms only imports
/// use (views, indexes, UNIQUE, defaults): TPC-H and the importer's own
/// test schema, read as PostgreSQL DDL.
#[test]
fn imported_sql_containers_conform_to_the_sql_model() {
    use uda_project_sql::{import_ddl, Dialect, ImportOptions};
    let shapes = governing("sql");
    let dir = repo_dir().join("crates/project-sql/tests/fixtures");
    for files in [
        ["external/tpch/dss.ddl", "external/tpch/dss.ri"],
        ["bank/tables.sql", "bank/postgres.sql"],
    ] {
        let sources = files.map(|f| {
            let text = std::fs::read_to_string(dir.join(f)).expect("the fixture exists");
            (f.to_owned(), text)
        });
        let options = ImportOptions {
            base: "https://example.org/imported",
            schema_name: "imported",
            requires: &[],
        };
        let imported = import_ddl(&sources, Dialect::Postgres, &options).expect("imports");
        assert!(imported.container.len() > 100, "{files:?}");
        let report = shapes.validate(&imported.container.to_graph());
        assert!(report.conforms, "{files:?}:\n{}", report.to_turtle());
    }
}

#[test]
fn container_representations_and_mappings_conform_to_their_governing_models() {
    let examples = load_examples();
    let mapping = governing("mapping");
    let mut failures = Vec::new();
    for target in Target::all() {
        let shapes = governing(system_model(target));
        let project = |domain: &str| {
            let view = examples.models.view(&example_iri(domain)).expect("example");
            target.project(&view).expect("projects")
        };
        for (domain, imports) in EXAMPLES {
            let output = project(domain);
            // A container is checked with the containers of the models it imports,
            // whose tables, types or records it refers to as existing.
            let mut container = output.container.to_graph();
            for import in imports {
                container.extend(project(import).container.iter());
            }
            let report = shapes.validate(&container);
            if !report.conforms {
                failures.push(format!(
                    "{target} {domain} container:\n{}",
                    report.to_turtle()
                ));
            }
            // Mappings are checked with what they link: the container elements,
            // the system model's taxonomy of them, and the domain model.
            let mut mappings = output.mappings.to_graph();
            mappings.extend(container.iter());
            mappings.extend(shapes.taxonomy().iter());
            let model = oxrdf::NamedNode::new_unchecked(example_iri(domain));
            mappings.insert(&oxrdf::Triple::new(
                model.clone(),
                oxrdf::vocab::rdf::TYPE,
                uda_upper::vocab::DOMAIN_MODEL,
            ));
            mappings.insert(&oxrdf::Triple::new(
                model,
                uda_upper::vocab::DOMAIN,
                oxrdf::Literal::from(domain),
            ));
            let report = mapping.validate(&mappings);
            if !report.conforms {
                failures.push(format!(
                    "{target} {domain} mappings:\n{}",
                    report.to_turtle()
                ));
            }
        }
    }
    let shown: Vec<String> = failures
        .iter()
        .map(|f| f.chars().take(3000).collect())
        .collect();
    assert!(
        failures.is_empty(),
        "{} graphs do not conform:\n{}",
        failures.len(),
        shown.join("\n")
    );
}

/// What the GraphQL import reads from SDL nobody projected conforms to the
/// shapes the registry checks GraphQL containers with: the import's fixtures
/// (every kind of definition, a Federation subgraph) and GitHub's public
/// schema (installed with the GraphQL test tools).
#[test]
fn imported_graphql_containers_conform_to_the_graphql_system_model() {
    let shapes = governing("graphql");
    let dir = repo_dir().join("crates/project-graphql/tests");
    let github = "tools/node_modules/@octokit/graphql-schema/schema.graphql";
    for file in [
        "import/everything.graphql",
        "import/subgraph.graphql",
        github,
    ] {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e} (the GitHub schema comes with `npm ci --prefix crates/project-graphql/tests/tools`)",
                path.display()
            )
        });
        let imported = uda_project_graphql::import(
            &[(file.to_owned(), text)],
            "https://example.org/imported/graphql",
            "imported",
        )
        .unwrap_or_else(|e| panic!("{file} does not import:\n{e}"));
        let report = shapes.validate(&imported.container.to_graph());
        let text: String = report.to_turtle().chars().take(3000).collect();
        assert!(report.conforms, "{file}:\n{text}");
    }
}
