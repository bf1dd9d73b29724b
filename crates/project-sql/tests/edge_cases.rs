//! Models Upper accepts but SQL tables cannot hold are refused with an
//! error naming the terms; unusual but representable ones project.

mod common;

use common::engines::{Engine, Postgres, Sqlite};
use uda_project_sql::{project, Dialect, SqlError, SqlOptions};
use uda_projection::Output;
use uda_upper::{Loader, RdfFormat};

const PREFIXES: &str = "@prefix upper: <https://w3id.org/uda/upper#> .\n\
    @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n\
    @prefix e: <https://example.org/case#> .\n\
    <https://example.org/case> a upper:DomainModel ; upper:domain \"case\" .\n";

fn project_text(body: &str, dialect: Dialect) -> Result<Output, SqlError> {
    let mut loader = Loader::new();
    loader.input_text("case.ttl", format!("{PREFIXES}{body}"), RdfFormat::Turtle);
    let loaded = loader.load();
    assert!(!loaded.has_errors(), "{}", loaded.render());
    let view = loaded
        .models
        .view("https://example.org/case")
        .expect("view");
    project(&view, &SqlOptions::new(dialect))
}

const HOLDER: &str =
    "e:Holder a upper:DirectClass ; upper:primaryKey ( e:id ) ; upper:property e:id , e:node .\n\
    e:id a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 1 ; upper:maxCount 1 .\n";

#[test]
fn a_nested_class_that_contains_itself_is_refused() {
    for many in [false, true] {
        let max = if many { "" } else { "upper:maxCount 1 ;" };
        let body = format!(
            "{HOLDER}e:Node a upper:NestedClass ; upper:property e:next .\n\
             e:next a upper:Relationship ; upper:class e:Node ; upper:minCount 0 ; {max} .\n\
             e:node a upper:Relationship ; upper:class e:Node ; upper:minCount 0 ; upper:maxCount 1 .\n"
        );
        let err = project_text(&body, Dialect::Postgres).expect_err("recursive nesting");
        assert_eq!(
            err,
            SqlError::RecursiveNesting {
                class: "https://example.org/case#Node".into(),
                property: "https://example.org/case#next".into(),
            }
        );
        assert!(err
            .to_string()
            .contains("make <https://example.org/case#Node> an upper:DirectClass"));
    }
}

#[test]
fn keys_that_refer_to_each_other_are_refused() {
    let body = "e:A a upper:DirectClass ; upper:primaryKey ( e:toB ) ; upper:property e:toB .\n\
        e:B a upper:DirectClass ; upper:primaryKey ( e:toA ) ; upper:property e:toA .\n\
        e:toB a upper:Relationship ; upper:class e:B ; upper:minCount 1 ; upper:maxCount 1 .\n\
        e:toA a upper:Relationship ; upper:class e:A ; upper:minCount 1 ; upper:maxCount 1 .\n";
    let err = project_text(body, Dialect::Sqlite).expect_err("key cycle");
    assert!(matches!(err, SqlError::KeyCycle { .. }), "{err}");
}

#[test]
fn a_key_member_that_could_be_null_is_refused_and_a_nested_key_is_flattened() {
    let nested = |street_min: u8| {
        format!(
            "e:Place a upper:DirectClass ; upper:primaryKey ( e:address ) ; upper:property e:address .\n\
             e:address a upper:Relationship ; upper:class e:Address ; upper:minCount 1 ; upper:maxCount 1 .\n\
             e:Address a upper:NestedClass ; upper:property e:city , e:street .\n\
             e:city a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 1 ; upper:maxCount 1 .\n\
             e:street a upper:Attribute ; upper:datatype xsd:string ; upper:minCount {street_min} ; upper:maxCount 1 .\n"
        )
    };
    let err = project_text(&nested(0), Dialect::Postgres).expect_err("optional key member");
    assert_eq!(
        err,
        SqlError::UnkeyableMember {
            class: "https://example.org/case#Place".into(),
            property: "https://example.org/case#street".into(),
        }
    );
    let out = project_text(&nested(1), Dialect::Postgres).expect("a required nested key");
    assert!(out.files[0]
        .text
        .contains("PRIMARY KEY (address_city, address_street)"));
}

#[test]
fn a_reference_into_a_model_not_imported_explicitly_has_no_foreign_key() {
    // Upper is imported implicitly: its classes can be referred to, but its
    // tables are not created by any DDL this one runs after.
    let body = "e:Entry a upper:DirectClass ; upper:primaryKey ( e:id ) ; upper:property e:id , e:model .\n\
        e:id a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 1 ; upper:maxCount 1 .\n\
        e:model a upper:Relationship ; upper:class upper:DomainModel ; upper:minCount 1 ; upper:maxCount 1 .\n";
    for (dialect, engine) in [
        (Dialect::Postgres, &mut Postgres::new() as &mut dyn Engine),
        (Dialect::Sqlite, &mut Sqlite),
    ] {
        let out = project_text(body, dialect).expect("projects");
        let text = &out.files[0].text;
        assert!(text.contains("model_iri TEXT NOT NULL"), "{text}");
        assert!(!text.contains("FOREIGN KEY"), "{text}");
        assert!(
            text.contains("no foreign key to <https://w3id.org/uda/upper#DomainModel>"),
            "{text}"
        );
        assert!(engine.run(std::slice::from_ref(text), &[]).is_empty());
    }
}

#[test]
fn dialects_have_short_names() {
    for dialect in Dialect::ALL {
        assert_eq!(dialect.as_str().parse::<Dialect>(), Ok(dialect));
        assert_eq!(dialect.to_string(), dialect.as_str());
        assert_eq!(dialect.target(), format!("sql-{dialect}"));
    }
    assert_eq!("PostgreSQL".parse::<Dialect>(), Ok(Dialect::Postgres));
    let err = "oracle".parse::<Dialect>().expect_err("unknown");
    assert_eq!(
        err.to_string(),
        "unknown SQL dialect `oracle`; expected postgres, sqlite or duckdb"
    );
}

#[test]
fn models_that_import_each_other_project() {
    let model = |me: &str, other: &str| {
        format!(
            "@prefix upper: <https://w3id.org/uda/upper#> .\n\
             @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n\
             @prefix m: <https://example.org/{me}#> .\n\
             @prefix o: <https://example.org/{other}#> .\n\
             <https://example.org/{me}> a upper:DomainModel ; upper:domain \"{me}\" ;\n\
                 upper:imports <https://example.org/{other}> .\n\
             m:Thing a upper:DirectClass ; upper:primaryKey ( m:id ) ; upper:property m:id , m:other .\n\
             m:id a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 1 ; upper:maxCount 1 .\n\
             m:other a upper:Relationship ; upper:class o:Thing ; upper:minCount 0 ; upper:maxCount 1 .\n"
        )
    };
    let mut loader = Loader::new();
    loader.input_text("a.ttl", model("a", "b"), RdfFormat::Turtle);
    loader.input_text("b.ttl", model("b", "a"), RdfFormat::Turtle);
    let loaded = loader.load();
    assert!(!loaded.has_errors(), "{}", loaded.render());
    let view = loaded.models.view("https://example.org/a").expect("view");
    let text = project(&view, &SqlOptions::new(Dialect::Postgres))
        .expect("projects")
        .files[0]
        .text
        .clone();
    // a's names avoid b's, and a refers to b's table; the cycle is noted.
    assert!(text.contains("-- Run after b.postgres.sql"), "{text}");
    assert!(text.contains("CREATE TABLE thing_2 ("), "{text}");
    assert!(text.contains("REFERENCES thing(id)"), "{text}");
    assert!(
        text.contains("-- note: <https://example.org/b> imports this model too"),
        "{text}"
    );
    let view = loaded.models.view("https://example.org/b").expect("view");
    let text = project(&view, &SqlOptions::new(Dialect::Postgres))
        .expect("projects")
        .files[0]
        .text
        .clone();
    assert!(text.contains("-- Run after a.postgres.sql"), "{text}");
}

/// The studio model, changed in ways validation would refuse: the
/// projection must still fail cleanly on what it cannot write.
fn unvalidated(change: impl FnOnce(&mut uda_upper::DomainModel)) -> Result<Output, SqlError> {
    let loaded = common::loaded();
    let mut studio = (**loaded.models.get(&common::iri("studio")).expect("studio")).clone();
    change(&mut studio);
    let upper = loaded.models.get(uda_upper::vocab::MODEL).expect("upper");
    let view = uda_upper::ModelView::new(vec![&studio, upper]);
    project(&view, &SqlOptions::new(Dialect::Postgres))
}

#[test]
fn unvalidated_models_fail_cleanly() {
    let person = "https://example.org/studio#Person";
    let err = unvalidated(|m| {
        m.classes
            .get_mut(person)
            .expect("Person")
            .primary_key
            .clear()
    });
    assert_eq!(
        err.err(),
        Some(SqlError::MissingKey {
            class: person.into()
        })
    );
    let money = "https://example.org/studio#Money";
    let err = unvalidated(|m| {
        m.datatypes
            .get_mut(money)
            .expect("Money")
            .facets
            .min_inclusive = Some("0); DROP TABLE work; --".into())
    });
    assert!(matches!(err, Err(SqlError::BadFacet { .. })), "{err:?}");
    let err = unvalidated(|m| {
        let title = m
            .properties
            .get_mut("https://example.org/studio#title")
            .expect("title");
        title.kind = uda_upper::PropertyKind::Attribute {
            datatype: "https://example.org/studio#Nothing".into(),
        };
    });
    assert_eq!(
        err.err(),
        Some(SqlError::Unresolved {
            iri: "https://example.org/studio#Nothing".into()
        })
    );
}

#[test]
fn descriptions_cannot_escape_their_comments() {
    let body = "e:T a upper:DirectClass ; upper:primaryKey ( e:id ) ; upper:property e:id ;\n\
        upper:description \"one\\rDROP TABLE t;\\ntwo 'quoted' \\u0007 -- end\" .\n\
        e:id a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 1 ; upper:maxCount 1 ;\n\
        upper:description \"it's\\r\\nDROP TABLE t;\" .\n";
    for (dialect, engine) in [
        (Dialect::Postgres, &mut Postgres::new() as &mut dyn Engine),
        (Dialect::Sqlite, &mut Sqlite),
    ] {
        let text = project_text(body, dialect).expect("projects").files[0]
            .text
            .clone();
        let statements = common::parse(&text, dialect);
        assert!(
            statements
                .iter()
                .all(|s| !s.to_string().starts_with("DROP")),
            "{text}"
        );
        assert!(engine.run(std::slice::from_ref(&text), &[]).is_empty());
    }
}
