//! What the shapes accept and reject, checked by running uda's SHACL
//! validator (which passes the W3C SHACL Core test suite) on small data
//! sets: one test per kind of constraint the projection states.

mod common;

use common::*;
use oxrdf::{Graph, Literal, NamedNode, Triple};
use uda_project_shacl::{GoverningShapes, ShaclOptions};
use uda_upper::Builtin;

const STUDIO: &str = "https://example.org/studio";

/// A small, valid studio: every test adds one node to it.
const VALID: &str = r#"
ex:ghibli a studio:Studio ; studio:studioId 1 ; studio:name "Studio Ghibli" ;
    studio:headquarters [ studio:city "Koganei" ; studio:country "Japan" ] ;
    studio:offices [ studio:city "Tokyo" ; studio:country "Japan" ] , [ studio:city "Paris" ; studio:country "France" ] .
ex:totoro a studio:Film ; studio:workId "W1" ; studio:title "となりのトトロ"@ja ;
    studio:producedBy ex:ghibli ; studio:createdAt "2024-01-01T00:00:00Z"^^xsd:dateTime ; studio:isColor true ;
    studio:ageRating 6 ; studio:score 8.2 ; studio:budget 3700000.00 ; studio:imdbId "tt0096283" ;
    studio:genres studio:Animation , studio:Drama ; studio:localizedTitles "Mon voisin Totoro"@fr ;
    studio:runtime "PT86M"^^xsd:duration .
ex:sea a studio:Series ; studio:workId "W2" ; studio:title "The Sea" ; studio:producedBy ex:ghibli ;
    studio:createdAt "2024-01-02T00:00:00Z"^^xsd:dateTime ; studio:viewCount 10 .
ex:pilot a studio:Episode ; studio:series ex:sea ; studio:seasonNumber 1 ; studio:episodeNumber 1 ; studio:title "Pilot" .
ex:hayao a studio:Person ; studio:personId 1 ; studio:name "Hayao Miyazaki" .
ex:credit a studio:Credit ; studio:work ex:totoro ; studio:person ex:hayao ; studio:role studio:Director .
"#;

fn studio(closed: bool) -> GoverningShapes {
    governing(&load_all(), STUDIO, closed)
}

fn with_valid(extra: &str) -> String {
    format!("{VALID}\n{extra}")
}

#[test]
fn the_valid_studio_conforms_open_and_closed() {
    assert_eq!(check(&studio(false), VALID), pairs(&[]));
    assert_eq!(check(&studio(true), VALID), pairs(&[]));
}

#[test]
fn required_and_single_values_through_the_taxonomy() {
    let shapes = studio(false);
    let data = with_valid(
        r#"
        # Missing workId (Work's, two levels up) and isColor (Film's).
        ex:doc a studio:Documentary ; studio:title "Doc" ; studio:producedBy ex:ghibli ;
            studio:createdAt "2024-01-01T00:00:00Z"^^xsd:dateTime .
        # Two names.
        ex:ann a studio:Person ; studio:personId 2 ; studio:name "Ann" , "Anne" .
        "#,
    );
    assert_eq!(
        check(&shapes, &data),
        pairs(&[("ex:doc", "MinCount"), ("ex:ann", "MaxCount")])
    );
    let missing: Vec<String> = shapes
        .validate(&turtle(&data))
        .results
        .iter()
        .filter(|r| compact(&r.focus_node.to_string()) == "ex:doc")
        .map(|r| {
            compact(
                &r.result_path
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(missing.len(), 2);
    assert!(
        missing.contains(&"studio:workId".to_owned())
            && missing.contains(&"studio:isColor".to_owned()),
        "{missing:?}"
    );
}

#[test]
fn datatypes_as_upper_accepts_them() {
    let shapes = studio(false);
    let found = check(
        &shapes,
        &with_valid(
            r#"
            ex:p2 a studio:Person ; studio:personId 2 ; studio:name "P2" ; studio:homepage "not typed" .
            ex:p3 a studio:Person ; studio:personId "three" ; studio:name "P3" .
            ex:p4 a studio:Person ; studio:personId "4"^^xsd:long ; studio:name "P4"@en .
            ex:s2 a studio:Studio ; studio:studioId 2147483648 ; studio:name "Big" ;
                studio:headquarters [ studio:city "X" ; studio:country "Y" ] .
            ex:w3 a studio:Film ; studio:workId "W3" ; studio:title "T" ; studio:producedBy ex:ghibli ;
                studio:createdAt "2024-01-01"^^xsd:date ; studio:isColor "yes" ; studio:localizedTitles "no language" .
            "#,
        ),
    );
    assert_eq!(
        found,
        pairs(&[
            ("ex:p2", "Datatype"),     // anyURI must be typed
            ("ex:p3", "Or"),           // not an integer of any kind,
            ("ex:p3", "MinInclusive"), // hence not comparable with xsd:long's bounds
            ("ex:p3", "MaxInclusive"),
            ("ex:s2", "MaxInclusive"), // an integer, out of xsd:int's range
            ("ex:w3", "Datatype"), // a date for a dateTime, a string for a boolean, a plain string for a langString
        ])
    );
}

#[test]
fn facets_of_domain_datatypes() {
    let shapes = studio(false);
    let film = |id: &str, extra: &str| {
        format!(
            "ex:{id} a studio:Film ; studio:workId \"{id}\" ; studio:title \"T\" ; studio:producedBy ex:ghibli ;
                studio:createdAt \"2024-01-01T00:00:00Z\"^^xsd:dateTime ; studio:isColor false ; {extra} ."
        )
    };
    let data = with_valid(
        &[
            film("pattern", "studio:imdbId \"nm0000\""),
            film("long", "studio:imdbId \"tt12345678\""),
            film("longer", "studio:imdbId \"tt123456789\""),
            film("above", "studio:score 10.5"),
            film("top", "studio:score 10"),
            film("scale", "studio:score 9.25"),
            film("negative", "studio:budget -1"),
            film("cents", "studio:budget 12.345"),
            film("integer", "studio:budget 12"),
            film("byte", "studio:ageRating 200"),
        ]
        .join("\n"),
    );
    assert_eq!(
        check(&shapes, &data),
        pairs(&[
            ("ex:pattern", "Pattern"),
            ("ex:longer", "Pattern"),
            ("ex:longer", "MaxLength"),
            ("ex:above", "MaxInclusive"),
            ("ex:scale", "Pattern"),
            ("ex:negative", "MinInclusive"),
            ("ex:cents", "Pattern"),
            ("ex:byte", "MaxInclusive"),
        ])
    );
}

#[test]
fn relationships_classes_enumerations_and_nested_values() {
    let shapes = studio(false);
    let data = with_valid(
        r#"
        # A credit for a series: a Work through the taxonomy. The role is not a Role.
        ex:c2 a studio:Credit ; studio:work ex:sea ; studio:person ex:hayao ; studio:role studio:Drama .
        # Produced by a film, not a studio.
        ex:w4 a studio:Film ; studio:workId "W4" ; studio:title "T" ; studio:producedBy ex:totoro ;
            studio:createdAt "2024-01-01T00:00:00Z"^^xsd:dateTime ; studio:isColor false ; studio:genres studio:Horror .
        # Headquarters without a country; an office that is a string.
        ex:s3 a studio:Studio ; studio:studioId 3 ; studio:name "S3" ; studio:headquarters [ studio:city "Rome" ] ;
            studio:offices "Milan" .
        "#,
    );
    assert_eq!(
        check(&shapes, &data),
        pairs(&[
            ("ex:c2", "In"),
            ("ex:w4", "Class"),
            ("ex:w4", "In"),
            ("ex:s3", "Node"),
            ("ex:s3", "NodeKind")
        ])
    );
}

#[test]
fn keys_are_unique_across_the_taxonomy_composite_and_made_of_relationships() {
    let shapes = studio(false);
    let data = with_valid(
        r#"
        ex:again a studio:Series ; studio:workId "W1" ; studio:title "Same id as a film" ; studio:producedBy ex:ghibli ;
            studio:createdAt "2024-01-01T00:00:00Z"^^xsd:dateTime .
        ex:pilot2 a studio:Episode ; studio:series ex:sea ; studio:seasonNumber 1 ; studio:episodeNumber 1 ; studio:title "Again" .
        ex:ep2 a studio:Episode ; studio:series ex:sea ; studio:seasonNumber 1 ; studio:episodeNumber 2 ; studio:title "Two" .
        ex:credit2 a studio:Credit ; studio:work ex:totoro ; studio:person ex:hayao ; studio:role studio:Director ; studio:order 2 .
        ex:credit3 a studio:Credit ; studio:work ex:totoro ; studio:person ex:hayao ; studio:role studio:Writer .
        "#,
    );
    let found = check(&shapes, &data);
    // Which of two colliding nodes is reported depends on target order;
    // exactly one of each pair is.
    let keyed: Vec<&(String, String)> = found.iter().filter(|(_, c)| c == "UniqueKey").collect();
    assert_eq!(keyed.len(), 3, "{found:?}");
    for pair in [
        ["ex:totoro", "ex:again"],
        ["ex:pilot", "ex:pilot2"],
        ["ex:credit", "ex:credit2"],
    ] {
        assert_eq!(
            keyed
                .iter()
                .filter(|(f, _)| pair.contains(&f.as_str()))
                .count(),
            1,
            "{pair:?} in {found:?}"
        );
    }
    assert_eq!(found.len(), 3, "{found:?}");
}

#[test]
fn closed_shapes_allow_subclass_and_extension_properties_only_where_they_belong() {
    let shapes = studio(true);
    let data = with_valid(
        r#"
        ex:p5 a studio:Person ; studio:personId 5 ; studio:name "P5" ; studio:nickname "Five" .
        # runtime is Film's: not for a series (a leaf: closed), nor for a plain
        # work (closed unless a subclass instance), fine for a documentary.
        ex:w5 a studio:Work ; studio:workId "W5" ; studio:title "T" ; studio:producedBy ex:ghibli ;
            studio:createdAt "2024-01-01T00:00:00Z"^^xsd:dateTime ; studio:runtime "PT1H"^^xsd:duration .
        ex:s5 a studio:Series ; studio:workId "S5" ; studio:title "T" ; studio:producedBy ex:ghibli ;
            studio:createdAt "2024-01-01T00:00:00Z"^^xsd:dateTime ; studio:runtime "PT1H"^^xsd:duration .
        ex:d5 a studio:Documentary ; studio:workId "D5" ; studio:title "T" ; studio:producedBy ex:ghibli ;
            studio:createdAt "2024-01-01T00:00:00Z"^^xsd:dateTime ; studio:isColor true ; studio:runtime "PT1H"^^xsd:duration ;
            studio:subject "Whales" .
        # subject is Documentary's: not for a film.
        ex:f5 a studio:Film ; studio:workId "F5" ; studio:title "T" ; studio:producedBy ex:ghibli ;
            studio:createdAt "2024-01-01T00:00:00Z"^^xsd:dateTime ; studio:isColor true ; studio:subject "Cats" .
        # A nested address with a property addresses do not have.
        ex:s6 a studio:Studio ; studio:studioId 6 ; studio:name "S6" ;
            studio:headquarters [ studio:city "Rome" ; studio:country "Italy" ; studio:planet "Earth" ] .
        "#,
    );
    assert_eq!(
        check(&shapes, &data),
        pairs(&[
            ("ex:p5", "Closed"),
            ("ex:w5", "Or"),
            ("ex:s5", "Closed"),
            ("ex:f5", "Or"),
            ("ex:s6", "Node")
        ])
    );
    // marketing adds tagline to studio's films: closed shapes made for
    // marketing allow it, those made for studio alone do not.
    let film = with_valid("ex:totoro <https://example.org/marketing#tagline> \"A neighbour\" .");
    assert_eq!(check(&shapes, &film), pairs(&[("ex:totoro", "Or")]));
    let marketing = governing(&load_all(), "https://example.org/marketing", true);
    assert_eq!(check(&marketing, &film), pairs(&[]));
}

#[test]
fn ordered_properties_are_one_rdf_list_of_valid_members() {
    let loaded = load_t(
        "t:Playlist a upper:DirectClass ; upper:primaryKey ( t:playlistId ) ; upper:property t:playlistId , t:tracks .
         t:playlistId a upper:Attribute ; upper:datatype xsd:string ; upper:minCount 1 ; upper:maxCount 1 .
         t:tracks a upper:Relationship ; upper:class studio:Work ; upper:minCount 1 ; upper:ordered true .",
    );
    let shapes = governing(&loaded, "https://example.org/t", true);
    let data = with_valid(
        r#"
        ex:ok a t:Playlist ; t:playlistId "ok" ; t:tracks ( ex:totoro ex:sea ) .
        ex:empty a t:Playlist ; t:playlistId "empty" ; t:tracks () .
        ex:notalist a t:Playlist ; t:playlistId "notalist" ; t:tracks ex:totoro .
        ex:two a t:Playlist ; t:playlistId "two" ; t:tracks ( ex:totoro ) , ( ex:sea ) .
        ex:wrong a t:Playlist ; t:playlistId "wrong" ; t:tracks ( ex:ghibli ) .
        ex:broken a t:Playlist ; t:playlistId "broken" ; t:tracks _:l1 .
        _:l1 rdf:first ex:totoro ; rdf:rest _:l2 . _:l2 rdf:first ex:sea ; rdf:rest _:l1 .
        "#,
    );
    assert_eq!(
        check(&shapes, &data),
        pairs(&[
            ("ex:empty", "MinCount"),
            ("ex:notalist", "MinCount"),
            ("ex:notalist", "Node"),
            ("ex:two", "MaxCount"),
            ("ex:wrong", "Class"),
            ("ex:broken", "Node"),
        ])
    );
}

/// One attribute per built-in datatype; the SHACL verdict on a literal
/// must be `Builtin::accepts`, Upper's own rule.
#[test]
fn datatype_constraints_agree_with_upper_on_every_builtin() {
    let mut terms = String::from("t:Box a upper:NestedClass ; upper:property ");
    let names: Vec<String> = Builtin::ALL
        .iter()
        .map(|b| format!("t:v{}", uda_upper::local_name(b.iri())))
        .collect();
    terms.push_str(&names.join(" , "));
    terms.push_str(" .\n");
    for (builtin, name) in Builtin::ALL.iter().zip(&names) {
        terms.push_str(&format!(
            "{name} a upper:Attribute ; upper:datatype <{}> ; upper:minCount 0 .\n",
            builtin.iri()
        ));
    }
    let loaded = load_t(&terms);
    let shapes = governing(&loaded, "https://example.org/t", false);
    let xsd =
        |local: &str| NamedNode::new_unchecked(format!("http://www.w3.org/2001/XMLSchema#{local}"));
    let samples: Vec<Literal> = vec![
        Literal::new_simple_literal("text"),
        Literal::new_language_tagged_literal_unchecked("texte", "fr"),
        Literal::new_typed_literal("42", xsd("integer")),
        Literal::new_typed_literal("-7", xsd("integer")),
        Literal::new_typed_literal("300", xsd("integer")),
        Literal::new_typed_literal("40000", xsd("integer")),
        Literal::new_typed_literal("3000000000", xsd("integer")),
        Literal::new_typed_literal("99999999999999999999", xsd("integer")),
        Literal::new_typed_literal("5", xsd("byte")),
        Literal::new_typed_literal("5", xsd("long")),
        Literal::new_typed_literal("5", xsd("nonNegativeInteger")),
        Literal::new_typed_literal("1.5", xsd("decimal")),
        Literal::new_typed_literal("1.5", xsd("float")),
        Literal::new_typed_literal("1.5e0", xsd("double")),
        Literal::new_typed_literal("true", xsd("boolean")),
        Literal::new_typed_literal("2024-02-29", xsd("date")),
        Literal::new_typed_literal("12:30:00", xsd("time")),
        Literal::new_typed_literal("2024-02-29T12:30:00", xsd("dateTime")),
        Literal::new_typed_literal("2024-02-29T12:30:00Z", xsd("dateTime")),
        Literal::new_typed_literal("2024-02-29T12:30:00Z", xsd("dateTimeStamp")),
        Literal::new_typed_literal("P1DT2H", xsd("duration")),
        Literal::new_typed_literal("https://example.org/", xsd("anyURI")),
        Literal::new_typed_literal("Zm9vYmFy", xsd("base64Binary")),
        Literal::new_typed_literal("CAFE", xsd("hexBinary")),
        Literal::new_typed_literal("not a date", xsd("date")),
        Literal::new_typed_literal("maybe", xsd("boolean")),
        Literal::new_typed_literal("ABC", xsd("hexBinary")),
        Literal::new_typed_literal("x", xsd("string")),
    ];
    let node = NamedNode::new_unchecked("https://example.org/data/box");
    for (builtin, name) in Builtin::ALL.iter().zip(&names) {
        let property = NamedNode::new_unchecked(name.replace("t:", "https://example.org/t#"));
        let mut verdicts = Vec::new();
        for sample in &samples {
            let mut data = Graph::new();
            data.insert(&Triple::new(
                node.clone(),
                oxrdf::vocab::rdf::TYPE,
                NamedNode::new_unchecked("https://example.org/t#Box"),
            ));
            data.insert(&Triple::new(node.clone(), property.clone(), sample.clone()));
            let conforms = shapes.validate(&data).conforms;
            assert_eq!(
                conforms,
                builtin.accepts(sample.as_ref()),
                "{sample} as {builtin}"
            );
            verdicts.push(conforms);
        }
        // Each datatype accepts some samples and rejects others.
        assert!(
            verdicts.contains(&true) && verdicts.contains(&false),
            "{builtin}"
        );
    }
}

#[test]
fn options_default_to_open_shapes() {
    assert_eq!(ShaclOptions::default(), ShaclOptions { closed: false });
}

#[test]
fn reports_are_the_same_from_run_to_run() {
    // oxrdf graphs iterate in an order that depends on a per-graph random
    // hasher: each parse below iterates differently, and the validator must
    // still report the same node of a duplicated key, and the same results.
    let shapes = studio(false);
    let data = with_valid(
        "ex:a1 a studio:Person ; studio:personId 7 ; studio:name \"A\" .
         ex:a2 a studio:Person ; studio:personId 7 ; studio:name \"B\" .
         ex:a3 a studio:Person ; studio:personId 7 ; studio:name \"C\" , \"D\" .",
    );
    let first = shapes.validate(&turtle(&data));
    for _ in 0..10 {
        assert_eq!(shapes.validate(&turtle(&data)), first);
    }
    assert_eq!(
        check(&shapes, &data),
        pairs(&[
            ("ex:a2", "UniqueKey"),
            ("ex:a3", "UniqueKey"),
            ("ex:a3", "MaxCount")
        ])
    );
}
