//! Plain (self-contained) schemas: validated by apollo-compiler and by
//! graphql-js, and their meaning checked through apollo-compiler's parsed
//! schema.

mod common;

use apollo_compiler::schema::ExtendedType;
use apollo_compiler::Schema;
use common::{example, graphql_js_validate, load_turtle, map, text};
use oxrdf::vocab::rdf;
use oxrdf::{Literal, NamedNodeRef, TermRef};
use uda_project_graphql::{project, GraphqlError, GraphqlOptions};

const STUDIO: &str = "https://example.org/studio#";

fn valid_schema(sdl: &str, name: &str) -> Schema {
    match Schema::parse_and_validate(sdl, name) {
        Ok(schema) => schema.into_inner(),
        Err(e) => panic!("{name} is not a valid schema:\n{}\n{sdl}", e.errors),
    }
}

fn studio() -> Schema {
    let loaded = uda_testkit::load_examples();
    valid_schema(text(&example(&loaded, "studio", false)), "studio.graphql")
}

/// The type of a field, as written in SDL.
fn field_type(schema: &Schema, ty: &str, field: &str) -> String {
    match schema.type_field(ty, field) {
        Ok(f) => f.ty.to_string(),
        Err(_) => panic!("{ty}.{field} is missing"),
    }
}

fn iri_of(directives: &apollo_compiler::ast::DirectiveList) -> Option<String> {
    let value = directives.get("iri")?.specified_argument_by_name("value")?;
    value.as_str().map(str::to_owned)
}

fn interfaces(schema: &Schema, ty: &str) -> Vec<String> {
    let names = match schema.types.get(ty) {
        Some(ExtendedType::Object(o)) => &o.implements_interfaces,
        Some(ExtendedType::Interface(i)) => &i.implements_interfaces,
        _ => panic!("{ty} is neither an object nor an interface type"),
    };
    let mut out: Vec<String> = names.iter().map(|n| n.name.to_string()).collect();
    out.sort();
    out
}

#[test]
fn example_schemas_are_valid_for_apollo_compiler() {
    let loaded = uda_testkit::load_examples();
    for domain in ["onepiece", "studio", "marketing"] {
        valid_schema(text(&example(&loaded, domain, false)), domain);
    }
}

#[test]
fn example_schemas_are_valid_for_graphql_js() {
    let loaded = uda_testkit::load_examples();
    let outputs: Vec<_> = ["onepiece", "studio", "marketing"]
        .iter()
        .map(|d| example(&loaded, d, false))
        .collect();
    let files: Vec<(&str, &str)> = outputs
        .iter()
        .map(|o| (o.files[0].name.as_str(), text(o)))
        .collect();
    let run = graphql_js_validate(&files);
    assert!(run.success, "graphql-js rejects a schema:\n{}", run.stderr);
}

#[test]
fn graphql_js_rejects_an_invalid_schema() {
    // The check above would be worthless if the tool accepted anything.
    let run = graphql_js_validate(&[("bad.graphql", "type Query { a: Missing }")]);
    assert!(!run.success);
    assert!(run.stderr.contains("Missing"), "{}", run.stderr);
}

#[test]
fn the_system_models_project_to_valid_schemas() {
    let repo = uda_testkit::repo_dir().join("ontologies");
    let mut loader = uda_upper::Loader::new();
    for f in ["upper.ttl", "mapping.ttl", "graphql.ttl"] {
        loader.input_file(repo.join(f));
    }
    let loaded = loader.load();
    assert!(!loaded.has_errors(), "{}", loaded.render());
    let mut files = Vec::new();
    for iri in [
        "https://w3id.org/uda/upper",
        "https://w3id.org/uda/mapping",
        "https://w3id.org/uda/graphql",
    ] {
        let view = loaded.models.view(iri).expect("system model");
        let output = project(&view, &GraphqlOptions::default()).expect("projects");
        valid_schema(text(&output), iri);
        files.push(output.files[0].clone());
    }
    let named: Vec<(&str, &str)> = files
        .iter()
        .map(|f| (f.name.as_str(), f.text.as_str()))
        .collect();
    let run = graphql_js_validate(&named);
    assert!(run.success, "{}", run.stderr);
}

#[test]
fn attributes_keep_cardinality_and_datatype() {
    let loaded = uda_testkit::load_examples();
    let onepiece = valid_schema(text(&example(&loaded, "onepiece", false)), "onepiece");
    assert_eq!(field_type(&onepiece, "Character", "rname"), "String!");
    assert_eq!(field_type(&onepiece, "Character", "ename"), "String");
    assert_eq!(
        field_type(&onepiece, "Character", "devilFruit"),
        "DevilFruit"
    );
    assert_eq!(
        field_type(&onepiece, "DevilFruit", "fruitType"),
        "DevilFruitType!"
    );
    let values: Vec<String> = onepiece
        .get_enum("DevilFruitType")
        .expect("enum")
        .values
        .keys()
        .map(|v| v.to_string())
        .collect();
    assert_eq!(values, ["PARAMECIA", "LOGIA", "ZOAN"]);

    let studio = studio();
    // GraphQL's Int is 32 bits: wider integers have scalars of their own.
    assert_eq!(field_type(&studio, "Person", "personId"), "Long!");
    assert_eq!(field_type(&studio, "Studio", "studioId"), "Int!");
    assert_eq!(field_type(&studio, "Episode", "seasonNumber"), "Int!");
    assert_eq!(field_type(&studio, "WorkEntity", "ageRating"), "Int");
    assert_eq!(field_type(&studio, "FilmEntity", "boxOffice"), "BigInt");
    assert_eq!(
        field_type(&studio, "Series", "viewCount"),
        "NonNegativeBigInt"
    );
    assert_eq!(field_type(&studio, "Series", "popularity"), "Float");
    assert_eq!(field_type(&studio, "FilmEntity", "isColor"), "Boolean!");
    assert_eq!(field_type(&studio, "Work", "createdAt"), "DateTime!");
    assert_eq!(field_type(&studio, "Work", "releaseDate"), "Date");
    assert_eq!(field_type(&studio, "Episode", "airTime"), "Time");
    assert_eq!(field_type(&studio, "Episode", "airedAt"), "DateTimeStamp");
    assert_eq!(field_type(&studio, "Film", "runtime"), "Duration");
    assert_eq!(field_type(&studio, "Person", "homepage"), "URI");
    assert_eq!(field_type(&studio, "Person", "photo"), "Base64Binary");
    assert_eq!(field_type(&studio, "Work", "checksum"), "HexBinary");
    // Many-valued: a non-null list of non-null values, empty when there is none.
    assert_eq!(field_type(&studio, "Work", "keywords"), "[String!]!");
    assert_eq!(
        field_type(&studio, "Work", "localizedTitles"),
        "[LangString!]!"
    );
    assert_eq!(field_type(&studio, "Work", "genres"), "[Genre!]!");
    assert_eq!(field_type(&studio, "Work", "producedBy"), "[Studio!]!");
    // A nested class, single and many.
    assert_eq!(field_type(&studio, "Studio", "headquarters"), "Address!");
    assert_eq!(field_type(&studio, "Studio", "offices"), "[Address!]!");
    // Domain datatypes are scalars of their own.
    assert_eq!(field_type(&studio, "Film", "budget"), "Money");
    assert_eq!(field_type(&studio, "Work", "imdbId"), "ImdbId");
    assert_eq!(field_type(&studio, "Work", "score"), "Score");
}

#[test]
fn custom_scalars_are_specified_and_only_used_ones_are_declared() {
    let studio = studio();
    let specified = |name: &str| {
        let scalar = studio
            .get_scalar(name)
            .unwrap_or_else(|| panic!("scalar {name}"));
        let url = scalar
            .directives
            .get("specifiedBy")
            .and_then(|d| d.specified_argument_by_name("url"));
        url.and_then(|u| u.as_str())
            .map(str::to_owned)
            .unwrap_or_else(|| panic!("{name} has no @specifiedBy"))
    };
    assert_eq!(
        specified("Long"),
        "https://www.w3.org/TR/xmlschema11-2/#long"
    );
    assert_eq!(
        specified("Money"),
        "https://www.w3.org/TR/xmlschema11-2/#decimal"
    );
    assert_eq!(
        specified("ImdbId"),
        "https://www.w3.org/TR/xmlschema11-2/#string"
    );
    let money = studio
        .get_scalar("Money")
        .and_then(|s| s.description.clone())
        .expect("Money is described");
    assert!(
        money.contains("Restricts xsd:decimal") && money.contains("at most 14 digits"),
        "{money}"
    );
    let imdb = studio
        .get_scalar("ImdbId")
        .and_then(|s| s.description.clone())
        .expect("ImdbId is described");
    assert!(imdb.contains("^tt[0-9]{7,8}$"), "{imdb}");
    // Money and Score restrict xsd:decimal, but no field is a plain decimal.
    assert!(studio.get_scalar("Decimal").is_none());
    let loaded = uda_testkit::load_examples();
    let onepiece = valid_schema(text(&example(&loaded, "onepiece", false)), "onepiece");
    let scalars: Vec<&str> = onepiece
        .types
        .values()
        .filter(|t| t.is_scalar() && !t.is_built_in())
        .map(|t| t.name().as_str())
        .collect();
    assert!(scalars.is_empty(), "{scalars:?}");
}

#[test]
fn taxonomies_are_interfaces_with_an_object_type_for_their_own_instances() {
    let studio = studio();
    assert!(studio.get_interface("Work").is_some());
    assert!(studio.get_interface("Film").is_some());
    assert_eq!(interfaces(&studio, "Film"), ["Work"]);
    assert_eq!(interfaces(&studio, "Documentary"), ["Film", "Work"]);
    assert_eq!(interfaces(&studio, "FilmEntity"), ["Film", "Work"]);
    assert_eq!(interfaces(&studio, "Series"), ["Work"]);
    assert_eq!(interfaces(&studio, "WorkEntity"), ["Work"]);
    assert!(studio.is_subtype("Work", "Documentary"));
    // Inherited fields are repeated, as GraphQL requires.
    assert_eq!(field_type(&studio, "Documentary", "workId"), "String!");
    assert_eq!(field_type(&studio, "Documentary", "budget"), "Money");
    assert_eq!(field_type(&studio, "Documentary", "subject"), "String");
    // Relationships to a class with subclasses have the interface type.
    assert_eq!(field_type(&studio, "Credit", "work"), "Work!");
    assert_eq!(field_type(&studio, "Episode", "series"), "Series!");
}

#[test]
fn the_query_type_looks_up_by_key_and_pages_through_lists() {
    let studio = studio();
    let args = |field: &str| -> Vec<String> {
        let f = studio
            .type_field("Query", field)
            .unwrap_or_else(|_| panic!("Query.{field}"));
        f.arguments
            .iter()
            .map(|a| format!("{}: {}", a.name, a.ty))
            .collect()
    };
    assert_eq!(
        args("credit"),
        [
            "workWorkId: String!",
            "personPersonId: Long!",
            "role: Role!"
        ]
    );
    assert_eq!(field_type(&studio, "Query", "credit"), "Credit");
    assert_eq!(
        args("episode"),
        [
            "seriesWorkId: String!",
            "seasonNumber: Int!",
            "episodeNumber: Int!"
        ]
    );
    assert_eq!(args("person"), ["personId: Long!"]);
    assert_eq!(field_type(&studio, "Query", "work"), "Work");
    assert_eq!(field_type(&studio, "Query", "documentary"), "Documentary");
    assert_eq!(args("allCredits"), ["first: Int", "after: String"]);
    let first = studio
        .type_field("Query", "allSeries")
        .expect("allSeries")
        .argument_by_name("first")
        .expect("first");
    assert_eq!(
        first
            .default_value
            .as_ref()
            .map(|v| v.to_string())
            .as_deref(),
        Some("20")
    );
    assert_eq!(
        field_type(&studio, "Query", "allSeries"),
        "SeriesConnection!"
    );
    assert_eq!(
        field_type(&studio, "Query", "allDocumentaries"),
        "DocumentaryConnection!"
    );
    assert_eq!(
        field_type(&studio, "SeriesConnection", "edges"),
        "[SeriesEdge!]!"
    );
    assert_eq!(
        field_type(&studio, "SeriesConnection", "nodes"),
        "[Series!]!"
    );
    assert_eq!(
        field_type(&studio, "SeriesConnection", "pageInfo"),
        "PageInfo!"
    );
    assert_eq!(field_type(&studio, "SeriesEdge", "node"), "Series!");
    assert_eq!(field_type(&studio, "PageInfo", "hasNextPage"), "Boolean!");
    // Nested classes have no key, so no lookup.
    assert!(studio.type_field("Query", "address").is_err());
}

#[test]
fn every_type_field_and_enum_value_carries_the_iri_it_realizes() {
    let loaded = uda_testkit::load_examples();
    for domain in ["onepiece", "studio", "marketing"] {
        let output = example(&loaded, domain, false);
        let schema = valid_schema(text(&output), domain);
        let realizes = |iri: &str, name: &str| {
            let element_named = |e: TermRef<'_>| {
                let TermRef::NamedNode(e) = e else {
                    return false;
                };
                output
                    .container
                    .object_for_subject_predicate(e, map("name").as_ref())
                    == Some(Literal::new_simple_literal(name).as_ref().into())
            };
            output
                .mappings
                .objects_for_subject_predicate(
                    NamedNodeRef::new_unchecked(iri),
                    map("realizedBy").as_ref(),
                )
                .any(element_named)
        };
        let mut checked = 0;
        for ty in schema.types.values().filter(|t| !t.is_built_in()) {
            let name = ty.name().as_str();
            let helper = name == "Query"
                || name == "PageInfo"
                || name.ends_with("Connection")
                || name.ends_with("Edge");
            let iri = iri_of(&ty.directives().iter().map(|d| d.node.clone()).collect());
            if helper {
                assert!(iri.is_none(), "{domain}: {name} realizes nothing");
                continue;
            }
            let iri = iri.unwrap_or_else(|| panic!("{domain}: {name} has no @iri"));
            if !ty.is_scalar() || !iri.starts_with("http://www.w3.org/") {
                assert!(
                    realizes(&iri, name),
                    "{domain}: no mapping from {iri} to {name}"
                );
            }
            let fields = match ty {
                ExtendedType::Object(o) => o
                    .fields
                    .values()
                    .map(|f| (f.name.clone(), iri_of(&f.directives)))
                    .collect(),
                ExtendedType::Interface(i) => i
                    .fields
                    .values()
                    .map(|f| (f.name.clone(), iri_of(&f.directives)))
                    .collect(),
                ExtendedType::Enum(e) => e
                    .values
                    .values()
                    .map(|v| (v.value.clone(), iri_of(&v.directives)))
                    .collect(),
                _ => Vec::new(),
            };
            for (field, iri) in fields {
                let iri = iri.unwrap_or_else(|| panic!("{domain}: {name}.{field} has no @iri"));
                assert!(
                    realizes(&iri, &field),
                    "{domain}: no mapping from {iri} to {name}.{field}"
                );
                checked += 1;
            }
        }
        assert!(checked > 5, "{domain}: only {checked} fields checked");
    }
}

#[test]
fn descriptions_come_from_labels_and_descriptions() {
    let loaded = uda_testkit::load_examples();
    let onepiece = valid_schema(text(&example(&loaded, "onepiece", false)), "onepiece");
    let rname = onepiece.type_field("Character", "rname").expect("rname");
    assert_eq!(
        rname.description.as_deref(),
        Some("Romanized name\n\nThe character's name, romanized from Japanese.")
    );
    let character = onepiece
        .get_object("Character")
        .and_then(|c| c.description.clone());
    assert_eq!(character.as_deref(), Some("A character of the story."));
    let studio = studio();
    let produced_by = studio.type_field("Work", "producedBy").expect("producedBy");
    assert!(produced_by
        .description
        .as_deref()
        .is_some_and(|d| d.ends_with("Holds at least 1 value.")));
    let work_entity = studio
        .get_object("WorkEntity")
        .and_then(|c| c.description.clone())
        .expect("described");
    assert!(
        work_entity.starts_with("A Work that is none of its more specific kinds (Film, Series)."),
        "{work_entity}"
    );
}

#[test]
fn an_importing_model_gets_a_self_contained_schema_with_its_extensions() {
    let loaded = uda_testkit::load_examples();
    let marketing = valid_schema(text(&example(&loaded, "marketing", false)), "marketing");
    assert_eq!(field_type(&marketing, "Campaign", "promotes"), "[Work!]!");
    assert_eq!(field_type(&marketing, "Campaign", "budget"), "Money!");
    assert_eq!(field_type(&marketing, "Campaign", "channel"), "Channel!");
    assert_eq!(field_type(&marketing, "Campaign", "audience"), "Audience");
    assert_eq!(field_type(&marketing, "Audience", "ageMin"), "Int");
    // Reached through promotes -> Work and its taxonomy, producedBy -> Studio -> Address.
    for ty in [
        "Work",
        "Film",
        "FilmEntity",
        "Documentary",
        "Series",
        "Studio",
        "Address",
        "Genre",
        "Money",
    ] {
        assert!(marketing.types.contains_key(ty), "marketing lacks {ty}");
    }
    // Not reachable from anything marketing uses.
    for ty in ["Credit", "Person", "Episode", "Role"] {
        assert!(!marketing.types.contains_key(ty), "marketing has {ty}");
    }
    // The extension appears on the extended class and everything below it.
    assert_eq!(field_type(&marketing, "Film", "tagline"), "String");
    assert_eq!(field_type(&marketing, "Documentary", "trailerUrl"), "URI");
    assert!(marketing.type_field("Series", "tagline").is_err());
    assert!(marketing.type_field("Query", "work").is_ok());
    // Without the extension, studio's own schema has no tagline.
    assert!(studio().type_field("Film", "tagline").is_err());
}

#[test]
fn hostile_names_are_made_valid_and_unique() {
    let loaded = load_turtle(&[r#"
        @prefix upper: <https://w3id.org/uda/upper#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        @prefix n: <https://example.org/names#> .
        <https://example.org/names> a upper:DomainModel ; upper:domain "names" ;
            upper:description """Quotes \"\"\" and a backslash \\ in a description.""" .
        n:Query a upper:DirectClass ; upper:primaryKey ( n:id ) ;
            upper:property n:id , n:__typename , n:e-mail , n:e_mail , n:3d , n:date , n:kind .
        n:String a upper:DirectClass ; upper:primaryKey ( n:id ) ; upper:property n:id .
        n:Date a upper:DirectClass ; upper:primaryKey ( n:id ) ; upper:property n:id ;
            upper:description "\"\"\"quoted\"\"\"\\" .
        n:id a upper:Attribute ; upper:datatype xsd:int ; upper:minCount 1 ; upper:maxCount 1 .
        n:__typename a upper:Attribute ; upper:datatype xsd:string ; upper:maxCount 1 .
        n:e-mail a upper:Attribute ; upper:datatype xsd:string ; upper:maxCount 1 .
        n:e_mail a upper:Attribute ; upper:datatype xsd:string ; upper:maxCount 1 .
        n:3d a upper:Attribute ; upper:datatype xsd:string ; upper:maxCount 1 .
        n:date a upper:Attribute ; upper:datatype xsd:date ; upper:maxCount 1 .
        n:kind a upper:Relationship ; upper:class n:Truth ; upper:minCount 1 ; upper:maxCount 1 .
        n:Truth a upper:Enumeration ; upper:oneOf ( n:true n:True n:null ) .
        n:true a upper:EnumValue . n:True a upper:EnumValue . n:null a upper:EnumValue .
    "#]);
    let view = loaded
        .models
        .view("https://example.org/names")
        .expect("model");
    let output = project(&view, &GraphqlOptions::default()).expect("projects");
    let sdl = text(&output);
    let schema = valid_schema(sdl, "names");
    let run = graphql_js_validate(&[("names.graphql", sdl)]);
    assert!(run.success, "{}\n{sdl}", run.stderr);

    assert!(schema.get_object("Query_").is_some(), "{sdl}");
    assert!(schema.get_object("String_").is_some(), "{sdl}");
    // The class keeps its name; the scalar of xsd:date gives way.
    assert!(schema.get_object("Date").is_some(), "{sdl}");
    assert_eq!(field_type(&schema, "Query_", "date"), "Date_2");
    assert_eq!(field_type(&schema, "Query_", "typename"), "String");
    assert_eq!(field_type(&schema, "Query_", "eMail"), "String");
    assert_eq!(field_type(&schema, "Query_", "eMail_2"), "String");
    assert_eq!(field_type(&schema, "Query_", "_3d"), "String");
    let values: Vec<String> = schema
        .get_enum("Truth")
        .expect("enum")
        .values
        .keys()
        .map(|v| v.to_string())
        .collect();
    assert_eq!(values, ["TRUE", "TRUE_2", "NULL"]);
    assert_eq!(field_type(&schema, "Query", "query"), "Query_");
    assert_eq!(
        field_type(&schema, "Query", "allQueries"),
        "QueryConnection!"
    );
    let date = schema
        .get_object("Date")
        .and_then(|d| d.description.clone());
    assert_eq!(date.as_deref(), Some("\"\"\"quoted\"\"\"\\"));

    // Renames are recorded with the original local name.
    let container = output.container.to_graph();
    let original = |name: &str| {
        let element = container
            .subjects_for_predicate_object(
                map("name").as_ref(),
                Literal::new_simple_literal(name).as_ref(),
            )
            .next()
            .unwrap_or_else(|| panic!("no element {name}"));
        let oxrdf::NamedOrBlankNodeRef::NamedNode(element) = element else {
            panic!("blank element")
        };
        output
            .mappings
            .object_for_subject_predicate(element, map("originalName").as_ref())
            .map(|t| t.to_string())
    };
    assert_eq!(original("Query_").as_deref(), Some("\"Query\""));
    assert_eq!(original("eMail_2").as_deref(), Some("\"e_mail\""));
    assert_eq!(original("_3d").as_deref(), Some("\"3d\""));
    assert_eq!(original("TRUE_2").as_deref(), Some("\"True\""));
    assert!(output.container.contains(oxrdf::TripleRef::new(
        output.schema.as_ref(),
        rdf::TYPE,
        NamedNodeRef::new_unchecked("https://w3id.org/uda/graphql#Schema")
    )));
}

#[test]
fn a_model_without_keyed_classes_still_gets_a_query_type() {
    let loaded = load_turtle(&[r#"
        @prefix upper: <https://w3id.org/uda/upper#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        @prefix v: <https://example.org/values#> .
        <https://example.org/values> a upper:DomainModel ; upper:domain "values" .
        v:Point a upper:NestedClass ; upper:property v:x .
        v:x a upper:Attribute ; upper:datatype xsd:double ; upper:minCount 1 ; upper:maxCount 1 .
        v:Color a upper:Enumeration ; upper:oneOf ( v:Red ) . v:Red a upper:EnumValue .
    "#]);
    let view = loaded
        .models
        .view("https://example.org/values")
        .expect("model");
    let sdl = project(&view, &GraphqlOptions::default())
        .expect("projects")
        .files[0]
        .text
        .clone();
    let schema = valid_schema(&sdl, "values");
    assert_eq!(field_type(&schema, "Query", "domainModel"), "String!");
    assert_eq!(field_type(&schema, "Point", "x"), "Float!");
    assert!(schema.get_enum("Color").is_some());
    assert!(graphql_js_validate(&[("values.graphql", &sdl)]).success);
}

#[test]
fn a_key_leading_back_to_its_class_is_an_error() {
    let loaded = load_turtle(&[r#"
        @prefix upper: <https://w3id.org/uda/upper#> .
        @prefix c: <https://example.org/cycle#> .
        <https://example.org/cycle> a upper:DomainModel ; upper:domain "cycle" .
        c:A a upper:DirectClass ; upper:primaryKey ( c:b ) ; upper:property c:b .
        c:B a upper:DirectClass ; upper:primaryKey ( c:a ) ; upper:property c:a .
        c:a a upper:Relationship ; upper:class c:A ; upper:minCount 1 ; upper:maxCount 1 .
        c:b a upper:Relationship ; upper:class c:B ; upper:minCount 1 ; upper:maxCount 1 .
    "#]);
    let view = loaded
        .models
        .view("https://example.org/cycle")
        .expect("model");
    let err = project(&view, &GraphqlOptions::default()).expect_err("no finite key");
    assert!(matches!(err, GraphqlError::RecursiveKey { .. }), "{err}");
}

#[test]
fn studio_fields_are_named_in_camel_case() {
    let studio = studio();
    let e_mail = studio
        .type_field("Person", "eMail")
        .expect("e-mail is eMail");
    assert_eq!(
        iri_of(&e_mail.directives).as_deref(),
        Some(&*format!("{STUDIO}e-mail"))
    );
    assert_eq!(field_type(&studio, "Credit", "order"), "Int");
    let values: Vec<String> = studio
        .get_enum("Genre")
        .expect("Genre")
        .values
        .keys()
        .map(|v| v.to_string())
        .collect();
    assert_eq!(
        values,
        ["DRAMA", "COMEDY", "THRILLER", "ANIMATION", "NON_FICTION"]
    );
}
