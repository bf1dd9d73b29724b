//! Field ids across versions: kept by a field while its type stays or is
//! promoted, new for a new field, never reused after a field is removed,
//! read from the earlier mappings of this target only; the schema-id counts
//! the versions that change a table.

mod common;

use common::{edited, example, example_text, field_id, project_text, studio_v2, studio_v3, table};
use oxrdf::{Graph, Literal, NamedNode, Triple};
use uda_project_iceberg::{project, IcebergError, IcebergOptions};
use uda_upper::{Loader, RdfFormat};

const STUDIO: &str = "https://example.org/studio";

fn graph(output: &uda_projection::Output) -> Graph {
    output.mappings.to_graph()
}

#[test]
fn a_property_removed_then_added_again_gets_a_new_id_and_the_old_one_is_never_reused() {
    let v1 = example("studio");
    let v2 = project_text(&studio_v2(), STUDIO, Some(&graph(&v1)));
    let v3 = project_text(&studio_v3(), STUDIO, Some(&graph(&v2)));
    let (w1, w2, w3) = (
        table(&v1, "studio.work.json"),
        table(&v2, "studio.work.json"),
        table(&v3, "studio.work.json"),
    );
    let synopsis = field_id(&w1, "synopsis").expect("synopsis in v1");
    assert_eq!(field_id(&w2, "synopsis"), None);
    let tagline = field_id(&w2, "tagline").expect("tagline in v2");
    let again = field_id(&w3, "synopsis").expect("synopsis in v3");
    assert_ne!(again, synopsis, "a removed id is not reused");
    let all_ids = |t: &serde_json::Value| -> Vec<i64> {
        let mut ids = Vec::new();
        collect_ids(t, &mut ids);
        ids
    };
    let before: Vec<i64> = all_ids(&w1).into_iter().chain(all_ids(&w2)).collect();
    assert!(
        before.iter().all(|id| *id < again),
        "{again} is newer than every id before"
    );
    assert_eq!(
        field_id(&w3, "tagline"),
        Some(tagline),
        "tagline keeps its id"
    );
    // Every field present in all three versions keeps its id.
    for name in [
        "work_id",
        "title",
        "genres",
        "localized_titles",
        "produced_by",
    ] {
        let ids = [&w1, &w2, &w3].map(|t| field_id(t, name));
        assert!(
            ids[0].is_some() && ids.iter().all(|i| *i == ids[0]),
            "{name}: {ids:?}"
        );
    }
    // The schema-id counts changes: 0, 1, 2; an unchanged table keeps its own.
    assert_eq!(
        [&w1, &w2, &w3].map(|t| t["schema-id"].as_i64()),
        [Some(0), Some(1), Some(2)]
    );
    let person = [&v1, &v2, &v3].map(|o| table(o, "studio.person.json")["schema-id"].as_i64());
    assert_eq!(person, [Some(0), Some(0), Some(0)]);
    // Projecting a version again after itself changes nothing.
    let again3 = project_text(&studio_v3(), STUDIO, Some(&graph(&v3)));
    let texts =
        |o: &uda_projection::Output| o.files.iter().map(|f| f.text.clone()).collect::<Vec<_>>();
    assert_eq!(texts(&again3), texts(&v3));
}

fn collect_ids(value: &serde_json::Value, ids: &mut Vec<i64>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                if k == "id" || k == "element-id" {
                    ids.extend(v.as_i64());
                }
                collect_ids(v, ids);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_ids(v, ids)),
        _ => {}
    }
}

#[test]
fn a_promoted_type_keeps_its_id_and_an_incompatible_one_takes_a_new_one() {
    let v1 = example("studio");
    let order = |o: &uda_projection::Output| field_id(&table(o, "studio.credit.json"), "order");
    // int -> long: promoted in place.
    let v2 = project_text(&studio_v2(), STUDIO, Some(&graph(&v1)));
    assert_eq!(order(&v2), order(&v1));
    // int -> string: Iceberg cannot read the old column as the new type.
    let stringly = edited(
        &example_text("studio"),
        &[(
            "(a reserved word in SQL).\" ;\n    upper:datatype xsd:int ;",
            "(a reserved word in SQL).\" ;\n    upper:datatype xsd:string ;",
        )],
    );
    let v2 = project_text(&stringly, STUDIO, Some(&graph(&v1)));
    let last = table(&v1, "studio.credit.json")["fields"]
        .as_array()
        .map(|f| f.len())
        .expect("fields");
    assert_ne!(order(&v2), order(&v1));
    assert!(order(&v2).expect("order") > last as i64);
}

#[test]
fn ids_come_from_this_targets_mappings_only() {
    let v1 = example("studio");
    let mut earlier = graph(&v1);
    // Another target's mappings in the same graph (a `--target all` file)
    // mention the same elements' names: they are not read.
    let avro_like = NamedNode::new_unchecked("https://example.org/studio/avro/Work/title");
    earlier.insert(&Triple::new(
        avro_like,
        NamedNode::new_unchecked("https://w3id.org/uda/iceberg#idKey"),
        Literal::from("https://example.org/studio#Work"),
    ));
    let v2 = project_text(&studio_v2(), STUDIO, Some(&earlier));
    let alone = project_text(&studio_v2(), STUDIO, Some(&graph(&v1)));
    let texts =
        |o: &uda_projection::Output| o.files.iter().map(|f| f.text.clone()).collect::<Vec<_>>();
    assert_eq!(texts(&v2), texts(&alone));
}

#[test]
fn unreadable_earlier_mappings_are_refused_with_the_element_at_fault() {
    let v1 = example("studio");
    let mut earlier = graph(&v1);
    let id = NamedNode::new_unchecked("https://w3id.org/uda/iceberg#fieldId");
    let title = NamedNode::new_unchecked("https://example.org/studio/iceberg/work/title");
    let old: Vec<Triple> = earlier
        .triples_for_subject(&title)
        .filter(|t| t.predicate == id.as_ref())
        .map(|t| t.into_owned())
        .collect();
    assert_eq!(old.len(), 1, "the title's id is in the mappings");
    earlier.remove(&old[0]);
    earlier.insert(&Triple::new(title.clone(), id, Literal::from("twelve")));
    let mut loader = Loader::new();
    loader.input_text(
        "studio.ttl",
        example_text("studio").as_bytes(),
        RdfFormat::Turtle,
    );
    let loaded = loader.load();
    let view = loaded.models.view(STUDIO).expect("studio");
    let error = project(&view, &IcebergOptions::after(Some(&earlier))).expect_err("refused");
    assert!(matches!(error, IcebergError::Earlier { .. }), "{error}");
    let message = error.to_string();
    assert!(
        message.contains(title.as_str()) && message.contains("twelve"),
        "{message}"
    );
}
