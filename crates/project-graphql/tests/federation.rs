//! Apollo Federation v2 subgraphs: composed with @apollo/composition, and
//! their federation directives checked through apollo-compiler's AST.

mod common;

use apollo_compiler::ast::{Definition, Document};
use apollo_compiler::Schema;
use common::{compose, example, load_turtle, text};
use uda_project_graphql::{project, GraphqlError, GraphqlOptions, FEDERATION_SPEC};

fn subgraph(domain: &str) -> String {
    let loaded = uda_testkit::load_examples();
    let output = example(&loaded, domain, true);
    assert_eq!(output.files[0].name, format!("{domain}.subgraph.graphql"));
    text(&output).to_owned()
}

fn parse(sdl: &str) -> Document {
    Document::parse(sdl, "subgraph.graphql")
        .unwrap_or_else(|e| panic!("the subgraph does not parse:\n{}", e.errors))
}

/// The directives of a type definition, as `name(args)` strings.
fn directives(doc: &Document, ty: &str) -> Vec<String> {
    let definition = doc
        .definitions
        .iter()
        .find(|d| {
            d.name().is_some_and(|n| n == ty) && !matches!(d, Definition::DirectiveDefinition(_))
        })
        .unwrap_or_else(|| panic!("no type {ty}"));
    definition
        .directives()
        .iter()
        .filter(|d| d.name != "iri")
        .map(|d| d.serialize().no_indent().to_string())
        .collect()
}

fn fields(doc: &Document, ty: &str) -> Vec<String> {
    let fields = doc.definitions.iter().find_map(|d| match d {
        Definition::ObjectTypeDefinition(o) if o.name == ty => Some(&o.fields),
        Definition::InterfaceTypeDefinition(i) if i.name == ty => Some(&i.fields),
        _ => None,
    });
    fields
        .unwrap_or_else(|| panic!("no object or interface type {ty}"))
        .iter()
        .map(|f| format!("{}: {}", f.name, f.ty))
        .collect()
}

/// Studio's example model and another model, loaded together.
fn with_studio(model: &str) -> uda_upper::Loaded {
    let studio = std::fs::read_to_string(uda_testkit::examples_dir().join("studio.ttl"))
        .expect("studio.ttl");
    load_turtle(&[&studio, model])
}

fn composes(subgraphs: &[(&str, &str)]) -> String {
    let run = compose(subgraphs);
    assert!(run.success, "composition fails:\n{}", run.stderr);
    run.stdout
}

#[test]
fn onepiece_composes_alone() {
    let supergraph = composes(&[("onepiece", &subgraph("onepiece"))]);
    assert!(supergraph.contains("type Character"));
}

#[test]
fn studio_composes_alone() {
    composes(&[("studio", &subgraph("studio"))]);
}

#[test]
fn studio_and_marketing_compose_together() {
    let supergraph = composes(&[
        ("studio", &subgraph("studio")),
        ("marketing", &subgraph("marketing")),
    ]);
    let schema =
        Schema::parse(&supergraph, "supergraph.graphql").unwrap_or_else(|e| panic!("{}", e.errors));
    // Marketing's extension of Film reaches every kind of film through the entity interface.
    for ty in ["Film", "FilmEntity", "Documentary"] {
        let tagline = schema
            .type_field(ty, "tagline")
            .unwrap_or_else(|_| panic!("{ty}.tagline"));
        assert_eq!(tagline.ty.to_string(), "String");
    }
    assert!(schema.type_field("Series", "tagline").is_err());
    assert_eq!(
        schema
            .type_field("Campaign", "promotes")
            .expect("promotes")
            .ty
            .to_string(),
        "[Work!]!"
    );
    // @iri is composed into the supergraph.
    assert!(supergraph.contains(r#"@iri(value: "https://example.org/marketing#tagline")"#));
}

#[test]
fn composition_reports_errors() {
    // Marketing refers to studio's entity interfaces: alone, it cannot compose.
    let run = compose(&[("marketing", &subgraph("marketing"))]);
    assert!(!run.success);
    assert!(
        run.stderr.contains("INTERFACE_OBJECT_USAGE_ERROR"),
        "{}",
        run.stderr
    );
}

#[test]
fn subgraphs_link_to_federation_2() {
    let doc = parse(&subgraph("onepiece"));
    let links: Vec<String> = doc
        .definitions
        .iter()
        .filter_map(|d| d.as_schema_extension())
        .flat_map(|e| {
            e.directives
                .iter()
                .map(|d| d.serialize().no_indent().to_string())
        })
        .collect();
    assert!(
        links
            .iter()
            .any(|l| l.contains(FEDERATION_SPEC) && l.contains("\"@key\"")),
        "{links:?}"
    );
    assert!(
        links
            .iter()
            .any(|l| l == "@composeDirective(name: \"@iri\")"),
        "{links:?}"
    );
}

#[test]
fn keyed_classes_are_entities() {
    let doc = parse(&subgraph("studio"));
    assert_eq!(directives(&doc, "Person"), [r#"@key(fields: "personId")"#]);
    // A relationship in a key becomes a nested selection of the target's key...
    assert_eq!(
        directives(&doc, "Episode"),
        [r#"@key(fields: "series { workId } seasonNumber episodeNumber")"#]
    );
    // ...unless the target is an interface, which Federation forbids in a key:
    // its key is flattened onto the entity.
    assert_eq!(
        directives(&doc, "Credit"),
        [r#"@key(fields: "workWorkId person { personId } role")"#]
    );
    assert_eq!(
        fields(&doc, "Credit"),
        [
            "work: Work!",
            "workWorkId: String!",
            "person: Person!",
            "role: Role!",
            "order: Int"
        ]
    );
    // Entity interfaces and all their implementations share the key.
    for ty in [
        "Work",
        "WorkEntity",
        "Film",
        "FilmEntity",
        "Documentary",
        "Series",
    ] {
        assert_eq!(directives(&doc, ty), [r#"@key(fields: "workId")"#], "{ty}");
    }
    // Value types and page info may be resolved by any subgraph.
    assert_eq!(directives(&doc, "Address"), ["@shareable"]);
    assert_eq!(directives(&doc, "PageInfo"), ["@shareable"]);
}

#[test]
fn imported_entities_are_stubs_and_extensions_add_fields() {
    let doc = parse(&subgraph("marketing"));
    // Marketing extends Film, an interface in studio's subgraph.
    assert_eq!(
        directives(&doc, "Film"),
        [r#"@key(fields: "workId")"#, "@interfaceObject"]
    );
    assert_eq!(
        fields(&doc, "Film"),
        ["workId: String!", "tagline: String", "trailerUrl: URI"]
    );
    // Work is only referred to.
    assert_eq!(
        directives(&doc, "Work"),
        [
            r#"@key(fields: "workId", resolvable: false)"#,
            "@interfaceObject"
        ]
    );
    assert_eq!(fields(&doc, "Work"), ["workId: String!"]);
    assert_eq!(directives(&doc, "Audience"), ["@shareable"]);
    // Only marketing's own classes are queried.
    let query = fields(&doc, "Query");
    assert_eq!(
        query,
        ["campaign: Campaign", "allCampaigns: CampaignConnection!"]
    );
    for absent in [
        "Documentary",
        "Series",
        "Studio",
        "Credit",
        "WorkEntity",
        "FilmEntity",
    ] {
        assert!(
            !doc.definitions
                .iter()
                .any(|d| d.name().is_some_and(|n| n == absent)),
            "{absent}"
        );
    }
}

#[test]
fn stubs_of_keyed_classes_with_composite_keys_compose() {
    // A third domain referring to studio's Credit and Episode: their stubs
    // carry exactly the fields their keys select, and compose with studio.
    let loaded = with_studio(
        r#"
        @prefix upper: <https://w3id.org/uda/upper#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        @prefix studio: <https://example.org/studio#> .
        @prefix r: <https://example.org/reviews#> .
        <https://example.org/reviews> a upper:DomainModel ; upper:domain "reviews" ;
            upper:imports <https://example.org/studio> .
        r:Review a upper:DirectClass ; upper:primaryKey ( r:reviewId ) ;
            upper:property r:reviewId , r:credit , r:episode , r:place .
        r:reviewId a upper:Attribute ; upper:datatype xsd:long ; upper:minCount 1 ; upper:maxCount 1 .
        r:credit a upper:Relationship ; upper:class studio:Credit ; upper:maxCount 1 .
        r:episode a upper:Relationship ; upper:class studio:Episode ; upper:maxCount 1 .
        r:place a upper:Relationship ; upper:class studio:Address ; upper:maxCount 1 .
        "#,
    );
    let project_one = |iri: &str| {
        let view = loaded.models.view(iri).expect("model");
        let output = project(&view, &GraphqlOptions { federation: true }).expect("projects");
        output.files[0].text.clone()
    };
    let reviews = project_one("https://example.org/reviews");
    let doc = parse(&reviews);
    assert_eq!(
        directives(&doc, "Credit"),
        [r#"@key(fields: "workWorkId person { personId } role", resolvable: false)"#]
    );
    assert_eq!(
        fields(&doc, "Credit"),
        ["workWorkId: String!", "person: Person!", "role: Role!"]
    );
    assert_eq!(fields(&doc, "Person"), ["personId: Long!"]);
    assert_eq!(
        directives(&doc, "Episode"),
        [r#"@key(fields: "series { workId } seasonNumber episodeNumber", resolvable: false)"#]
    );
    assert_eq!(fields(&doc, "Series"), ["workId: String!"]);
    assert_eq!(
        directives(&doc, "Series"),
        [r#"@key(fields: "workId", resolvable: false)"#]
    );
    // A value type of another model is defined in full, shareable.
    assert_eq!(directives(&doc, "Address"), ["@shareable"]);
    assert_eq!(
        fields(&doc, "Address"),
        ["city: String!", "country: String!", "street: String"]
    );
    composes(&[
        ("studio", &project_one("https://example.org/studio")),
        ("reviews", &reviews),
    ]);
}

#[test]
fn referring_to_an_entity_interface_and_its_implementation_is_reported() {
    let loaded = with_studio(
        r#"
        @prefix upper: <https://w3id.org/uda/upper#> .
        @prefix studio: <https://example.org/studio#> .
        @prefix p: <https://example.org/picks#> .
        <https://example.org/picks> a upper:DomainModel ; upper:domain "picks" ;
            upper:imports <https://example.org/studio> .
        p:Pick a upper:NestedClass ; upper:property p:work , p:series .
        p:work a upper:Relationship ; upper:class studio:Work ; upper:maxCount 1 .
        p:series a upper:Relationship ; upper:class studio:Series ; upper:maxCount 1 .
        "#,
    );
    let view = loaded
        .models
        .view("https://example.org/picks")
        .expect("model");
    let err = project(&view, &GraphqlOptions { federation: true }).expect_err("cannot compose");
    assert!(
        matches!(&err, GraphqlError::InterfaceObjectConflict { interface, .. } if interface.ends_with("#Work")),
        "{err}"
    );
    // The plain schema has no such limit.
    assert!(project(&view, &GraphqlOptions::default()).is_ok());
}

#[test]
fn a_subclass_of_another_models_class_is_an_entity_of_its_own() {
    let loaded = with_studio(
        r#"
        @prefix upper: <https://w3id.org/uda/upper#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        @prefix studio: <https://example.org/studio#> .
        @prefix p: <https://example.org/promo#> .
        <https://example.org/promo> a upper:DomainModel ; upper:domain "promo" ;
            upper:imports <https://example.org/studio> .
        p:Teaser a upper:DirectClass ; upper:subClassOf studio:Film ; upper:property p:seconds .
        p:seconds a upper:Attribute ; upper:datatype xsd:int ; upper:minCount 1 ; upper:maxCount 1 .
        "#,
    );
    let view = loaded
        .models
        .view("https://example.org/promo")
        .expect("model");
    let output = project(&view, &GraphqlOptions { federation: true }).expect("projects");
    let doc = parse(text(&output));
    assert_eq!(directives(&doc, "Teaser"), [r#"@key(fields: "workId")"#]);
    let teaser = fields(&doc, "Teaser");
    assert_eq!(teaser.first().map(String::as_str), Some("workId: String!"));
    assert!(
        teaser.contains(&"budget: Money".to_owned())
            && teaser.contains(&"seconds: Int!".to_owned()),
        "{teaser:?}"
    );
    let studio_view = loaded
        .models
        .view("https://example.org/studio")
        .expect("studio");
    let studio = project(&studio_view, &GraphqlOptions { federation: true }).expect("projects");
    composes(&[("studio", text(&studio)), ("promo", text(&output))]);
    // In a plain schema the taxonomy is whole.
    let plain = project(&view, &GraphqlOptions::default()).expect("projects");
    let plain = Schema::parse_and_validate(text(&plain), "promo.graphql").expect("valid");
    assert!(plain.is_subtype("Film", "Teaser") && plain.is_subtype("Work", "Teaser"));
}
