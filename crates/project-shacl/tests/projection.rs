//! The projection's output: one Turtle file whose graph is valid SHACL and
//! is the container representation, shapes named deterministically and
//! collision-free, and the shapes saying what the model says.

mod common;

use common::*;
use oxrdf::vocab::rdf;
use oxrdf::{Graph, NamedNodeRef};
use uda_project_shacl::{project, ShaclOptions};
use uda_projection::Triples;
use uda_shacl::ShapesGraph;

fn shape(model: &str, name: &str) -> String {
    format!("{model}/shacl/{name}")
}

fn objects(graph: &Triples, subject: &str, predicate: &str) -> Vec<String> {
    let mut out: Vec<String> = graph
        .objects_for_subject_predicate(
            NamedNodeRef::new_unchecked(subject),
            NamedNodeRef::new_unchecked(predicate),
        )
        .map(|o| compact(&o.to_string()))
        .collect();
    out.sort();
    out
}

/// The members of the list `subject predicate ( ... )`, read by uda-upper's list reader.
fn list_of(graph: &Triples, subject: &str, predicate: &str) -> Vec<String> {
    let head = graph
        .object_for_subject_predicate(
            NamedNodeRef::new_unchecked(subject),
            NamedNodeRef::new_unchecked(predicate),
        )
        .expect("list value");
    uda_upper::read_list(&graph.to_graph(), head)
        .expect("a well-formed list")
        .iter()
        .map(|member| compact(&member.to_string()))
        .collect()
}

const SH: &str = "http://www.w3.org/ns/shacl#";
const ONEPIECE: &str = "https://example.org/onepiece";

#[test]
fn every_model_projects_to_one_file_of_well_formed_shacl_that_is_the_container() {
    let loaded = load_all();
    for (iri, domain) in [
        (example("onepiece"), "onepiece"),
        (example("studio"), "studio"),
        (example("marketing"), "marketing"),
        (UPPER.to_owned(), "upper"),
        (MAPPING.to_owned(), "mapping"),
        (SHACL_MODEL.to_owned(), "shacl"),
    ] {
        for closed in [false, true] {
            let view = loaded.models.view(&iri).expect("view");
            let output = project(&view, &ShaclOptions { closed }).expect("projects");
            assert_eq!(output.files.len(), 1);
            assert_eq!(output.files[0].name, format!("{domain}.shacl.ttl"));
            // The text is the container graph, blank node labels included.
            let parsed: Graph = oxttl::TurtleParser::new()
                .for_slice(output.files[0].text.as_bytes())
                .collect::<Result<_, _>>()
                .expect("the text is Turtle");
            assert_eq!(parsed, output.container.to_graph(), "{domain}");
            let shapes = ShapesGraph::from_graph(&parsed).expect("well-formed SHACL");
            assert!(!shapes.is_empty());
        }
    }
}

fn example(domain: &str) -> String {
    uda_testkit::example_iri(domain)
}

#[test]
fn classes_become_node_shapes_and_properties_shared_property_shapes() {
    let loaded = load_all();
    let view = loaded.models.view(&example("studio")).expect("view");
    let graph = project(&view, &ShaclOptions::default())
        .expect("projects")
        .container;
    let studio = "https://example.org/studio";
    let work = shape(studio, "WorkShape");
    assert_eq!(
        objects(&graph, &work, &format!("{SH}targetClass")),
        ["studio:Work"]
    );
    assert_eq!(objects(&graph, &work, rdf::TYPE.as_str()), ["sh:NodeShape"]);
    // `title` is one property of Work and Episode: one property shape.
    let title = format!("<{}>", shape(studio, "title"));
    assert!(objects(&graph, &work, &format!("{SH}property")).contains(&title));
    assert!(objects(
        &graph,
        &shape(studio, "EpisodeShape"),
        &format!("{SH}property")
    )
    .contains(&title));
    // Subclasses do not repeat inherited properties: the taxonomy is in
    // the shapes graph and the parent's shape targets their instances.
    let film = shape(studio, "FilmShape");
    assert!(!objects(&graph, &film, &format!("{SH}property")).contains(&title));
    assert_eq!(
        objects(
            &graph,
            "https://example.org/studio#Film",
            "http://www.w3.org/2000/01/rdf-schema#subClassOf"
        ),
        ["studio:Work"]
    );
    assert_eq!(
        objects(&graph, &film, "http://www.w3.org/2000/01/rdf-schema#label"),
        ["\"Film\""]
    );
    // Keys, composite and made of relationships.
    assert_eq!(
        list_of(
            &graph,
            &shape(studio, "CreditShape"),
            "https://w3id.org/uda/shacl#uniqueKey"
        ),
        ["studio:work", "studio:person", "studio:role"]
    );
    assert!(
        objects(&graph, &film, "https://w3id.org/uda/shacl#uniqueKey").is_empty(),
        "the key is Work's"
    );
    // Cardinalities, text.
    let producers = shape(studio, "producedBy");
    assert_eq!(
        objects(&graph, &producers, &format!("{SH}minCount")),
        ["\"1\"^^<http://www.w3.org/2001/XMLSchema#integer>"]
    );
    assert!(
        objects(&graph, &producers, &format!("{SH}maxCount")).is_empty(),
        "many-valued"
    );
    assert_eq!(
        objects(&graph, &producers, &format!("{SH}name")),
        ["\"produced by\""]
    );
    assert_eq!(
        objects(&graph, &producers, &format!("{SH}class")),
        ["studio:Studio"]
    );
    // Nested classes through sh:node, enumerations through sh:in.
    assert_eq!(
        objects(&graph, &shape(studio, "offices"), &format!("{SH}node")),
        [format!("<{}>", shape(studio, "AddressShape"))]
    );
    assert_eq!(
        list_of(&graph, &shape(studio, "role"), &format!("{SH}in")),
        [
            "studio:Director",
            "studio:Actor",
            "studio:Writer",
            "studio:Producer"
        ]
    );
    assert_eq!(
        list_of(&graph, &shape(studio, "RoleShape"), &format!("{SH}in")),
        [
            "studio:Director",
            "studio:Actor",
            "studio:Writer",
            "studio:Producer"
        ]
    );
    // Domain datatypes: base datatype and facets.
    let imdb = shape(studio, "imdbId");
    assert_eq!(
        objects(&graph, &imdb, &format!("{SH}pattern")),
        ["\"^tt[0-9]{7,8}$\""]
    );
    assert_eq!(
        objects(&graph, &imdb, &format!("{SH}maxLength")),
        ["\"10\"^^<http://www.w3.org/2001/XMLSchema#integer>"]
    );
    assert_eq!(
        objects(&graph, &shape(studio, "runtime"), &format!("{SH}datatype")),
        ["xsd:duration"]
    );
    assert_eq!(
        objects(
            &graph,
            &shape(studio, "localizedTitles"),
            &format!("{SH}datatype")
        ),
        ["rdf:langString"]
    );
}

#[test]
fn closed_shapes_ignore_rdf_type_and_inherited_properties() {
    let loaded = load_all();
    let view = loaded.models.view(ONEPIECE).expect("view");
    let open = project(&view, &ShaclOptions::default())
        .expect("projects")
        .container;
    let character = shape(ONEPIECE, "CharacterShape");
    assert!(objects(&open, &character, &format!("{SH}closed")).is_empty());
    let graph = project(&view, &ShaclOptions { closed: true })
        .expect("projects")
        .container;
    assert_eq!(
        objects(&graph, &character, &format!("{SH}closed")),
        ["\"true\"^^<http://www.w3.org/2001/XMLSchema#boolean>"]
    );
    assert_eq!(
        list_of(&graph, &character, &format!("{SH}ignoredProperties")),
        ["rdf:type", "rdfs:subClassOf"]
    );
    let studio = loaded.models.view(&example("studio")).expect("view");
    let graph = project(&studio, &ShaclOptions { closed: true })
        .expect("projects")
        .container;
    let documentary = list_of(
        &graph,
        &shape("https://example.org/studio", "DocumentaryShape"),
        &format!("{SH}ignoredProperties"),
    );
    assert!(
        documentary.contains(&"studio:workId".to_owned())
            && documentary.contains(&"studio:budget".to_owned())
    );
    assert!(
        !documentary.contains(&"studio:subject".to_owned()),
        "its own property is allowed by its property shape"
    );
}

#[test]
fn names_are_valid_collision_free_and_recorded_when_changed() {
    let loaded = load_t(
        "t:Foo a upper:DirectClass ; upper:primaryKey ( t:FooShape ) ; upper:property t:FooShape , t:e-mail .
         t:FooShape a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 1 ; upper:maxCount 1 .
         t:e-mail a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 0 ; upper:maxCount 1 .",
    );
    let view = loaded.models.view("https://example.org/t").expect("view");
    let output = project(&view, &ShaclOptions::default()).expect("projects");
    let t = "https://example.org/t";
    let realized = |iri: &str| {
        objects(
            &output.mappings,
            iri,
            "https://w3id.org/uda/mapping#realizedBy",
        )
    };
    assert_eq!(
        realized("https://example.org/t#Foo"),
        [format!("<{}>", shape(t, "FooShape"))]
    );
    assert_eq!(
        realized("https://example.org/t#FooShape"),
        [format!("<{}>", shape(t, "FooShape_2"))]
    );
    assert_eq!(
        realized("https://example.org/t#e-mail"),
        [format!("<{}>", shape(t, "e_mail"))]
    );
    assert_eq!(
        objects(
            &output.mappings,
            &shape(t, "e_mail"),
            "https://w3id.org/uda/mapping#originalName"
        ),
        ["\"e-mail\""]
    );
    assert!(
        output.files[0]
            .text
            .contains("shape:e_mail a sh:PropertyShape"),
        "{}",
        output.files[0].text
    );
}

#[test]
fn extensions_get_a_shape_of_their_own_and_nested_classes_of_imports_are_referenced() {
    let loaded = load_all();
    let view = loaded.models.view(&example("marketing")).expect("view");
    let graph = project(&view, &ShaclOptions { closed: true })
        .expect("projects")
        .container;
    let marketing = "https://example.org/marketing";
    let film = shape(marketing, "FilmShape");
    assert_eq!(
        objects(&graph, &film, &format!("{SH}targetClass")),
        ["studio:Film"]
    );
    assert_eq!(
        objects(&graph, &film, &format!("{SH}property")),
        [
            format!("<{}>", shape(marketing, "tagline")),
            format!("<{}>", shape(marketing, "trailerUrl"))
        ]
    );
    assert!(
        objects(&graph, &film, &format!("{SH}closed")).is_empty(),
        "extension shapes are never closed"
    );
    // studio's classes are studio's: not emitted here.
    assert!(objects(&graph, &shape(marketing, "WorkShape"), rdf::TYPE.as_str()).is_empty());
    // A relationship to a nested class of an import points at its shape.
    let loaded = load_t(
        "t:Branch a upper:DirectClass ; upper:primaryKey ( t:branchId ) ; upper:property t:branchId , t:address .
         t:branchId a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 1 ; upper:maxCount 1 .
         t:address a upper:Relationship ; upper:class studio:Address ; upper:minCount 1 ; upper:maxCount 1 .",
    );
    let view = loaded.models.view("https://example.org/t").expect("view");
    let graph = project(&view, &ShaclOptions::default())
        .expect("projects")
        .container;
    assert_eq!(
        objects(
            &graph,
            &shape("https://example.org/t", "address"),
            &format!("{SH}node")
        ),
        [format!(
            "<{}>",
            shape("https://example.org/studio", "AddressShape")
        )]
    );
    // ... and the governing shapes, which hold both models, resolve it.
    let shapes = governing(&loaded, "https://example.org/t", false);
    let found = check(
        &shapes,
        "ex:b a t:Branch ; t:branchId \"B1\" ; t:address [ studio:city \"Oslo\" ] .",
    );
    assert_eq!(found, pairs(&[("ex:b", "Node")]));
}

#[test]
fn keyed_by_iri_means_instances_are_iris() {
    let loaded = load_t(
        "t:Tag a upper:DirectClass ; upper:primaryKey ( upper:iri ) ; upper:property upper:iri , t:tagName .
         t:tagName a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 1 ; upper:maxCount 1 .",
    );
    let view = loaded.models.view("https://example.org/t").expect("view");
    let output = project(&view, &ShaclOptions::default()).expect("projects");
    let tag = shape("https://example.org/t", "TagShape");
    assert_eq!(
        objects(&output.container, &tag, &format!("{SH}nodeKind")),
        ["sh:IRI"]
    );
    assert!(objects(
        &output.container,
        &tag,
        "https://w3id.org/uda/shacl#uniqueKey"
    )
    .is_empty());
    let shapes = governing(&loaded, "https://example.org/t", false);
    assert!(check(
        &shapes,
        "ex:a a t:Tag ; t:tagName \"a\" . ex:b a t:Tag ; t:tagName \"a\" ."
    )
    .is_empty());
    let report = shapes.validate(&turtle("[] a t:Tag ; t:tagName \"c\" ."));
    assert_eq!(report.results.len(), 1);
    assert!(report.results[0]
        .source_constraint_component
        .as_str()
        .ends_with("NodeKindConstraintComponent"));
}

#[test]
fn every_domain_element_is_realized_by_a_named_shape_of_the_container() {
    let loaded = load_all();
    for iri in [
        example("onepiece"),
        example("studio"),
        example("marketing"),
        UPPER.to_owned(),
        MAPPING.to_owned(),
    ] {
        let view = loaded.models.view(&iri).expect("view");
        let output = project(&view, &ShaclOptions::default()).expect("projects");
        let model = view.root();
        let used: std::collections::BTreeSet<&String> = model
            .classes
            .values()
            .flat_map(|c| c.properties.iter())
            .collect();
        let mut elements: Vec<&str> = vec![model.iri.as_str()];
        elements.extend(model.classes.keys().map(String::as_str));
        elements.extend(model.enumerations.keys().map(String::as_str));
        elements.extend(
            model
                .enumerations
                .values()
                .flat_map(|e| e.values.iter().map(|v| v.iri.as_str())),
        );
        elements.extend(
            model
                .properties
                .keys()
                .filter(|p| used.contains(p))
                .map(String::as_str),
        );
        elements.extend(model.extensions.iter().map(|e| e.property.as_str()));
        for element in elements {
            let targets = objects(
                &output.mappings,
                element,
                "https://w3id.org/uda/mapping#realizedBy",
            );
            assert!(!targets.is_empty(), "{element} of {iri} is not realized");
            for target in targets {
                let target = target.trim_start_matches('<').trim_end_matches('>');
                assert_eq!(
                    objects(
                        &output.container,
                        target,
                        "https://w3id.org/uda/mapping#name"
                    )
                    .len(),
                    1,
                    "{target}"
                );
                let kind = objects(&output.container, target, rdf::TYPE.as_str());
                assert!(
                    kind.iter().any(|k| [
                        "sh:NodeShape",
                        "sh:PropertyShape",
                        "<https://w3id.org/uda/shacl#AllowedValue>",
                        "<https://w3id.org/uda/shacl#ShapesGraph>"
                    ]
                    .contains(&k.as_str())),
                    "{target}: {kind:?}"
                );
            }
        }
    }
}

#[test]
fn what_shacl_core_cannot_say_is_noted_in_the_mappings() {
    let loaded = load_all();
    let view = loaded.models.view(&example("studio")).expect("view");
    let output = project(&view, &ShaclOptions::default()).expect("projects");
    let studio = "https://example.org/studio";
    let note = |name: &str| {
        objects(
            &output.mappings,
            &shape(studio, name),
            "https://w3id.org/uda/mapping#note",
        )
        .join("\n")
    };
    assert!(
        note("CreditShape").contains("primary key (work, person, role)")
            && note("CreditShape").contains("udash:uniqueKey")
    );
    assert!(note("budget").contains("precision"), "{}", note("budget"));
    assert!(note("AddressShape").contains("nested"));
    let upper = loaded.models.view(UPPER).expect("view");
    let output = project(&upper, &ShaclOptions::default()).expect("projects");
    let term = shape(UPPER, "TermShape");
    assert_eq!(
        objects(
            &output.mappings,
            "https://w3id.org/uda/upper#iri",
            "https://w3id.org/uda/mapping#realizedBy"
        ),
        [format!("<{term}>")]
    );
    assert!(
        objects(&output.mappings, &term, "https://w3id.org/uda/mapping#note")
            .join(" ")
            .contains("sh:nodeKind sh:IRI")
    );
    assert!(objects(
        &output.mappings,
        &shape(UPPER, "primaryKey"),
        "https://w3id.org/uda/mapping#note"
    )
    .join(" ")
    .contains("RDF list"));
}

#[test]
fn the_system_model_declares_every_kind_of_container_element() {
    let loaded = load_all();
    let system = loaded
        .models
        .view(SHACL_MODEL)
        .expect("the SHACL system model loads");
    let element = system
        .class("https://w3id.org/uda/mapping#ContainerElement")
        .expect("imported");
    let kinds: Vec<&str> = system
        .descendants(element)
        .iter()
        .map(|c| c.iri.as_str())
        .collect();
    for iri in [
        example("onepiece"),
        example("studio"),
        example("marketing"),
        UPPER.to_owned(),
    ] {
        let view = loaded.models.view(&iri).expect("view");
        let output = project(&view, &ShaclOptions { closed: true }).expect("projects");
        let name = oxrdf::NamedNodeRef::new_unchecked("https://w3id.org/uda/mapping#name");
        for t in output.container.iter().filter(|t| t.predicate == name) {
            let kind = output
                .container
                .object_for_subject_predicate(t.subject, rdf::TYPE)
                .expect("typed");
            let kind = kind.to_string();
            let kind = kind.trim_start_matches('<').trim_end_matches('>');
            assert!(
                kinds.contains(&kind),
                "{kind} is not a container element of ontologies/shacl.ttl"
            );
        }
    }
}
