//! Every generated schema checked by apache-avro, the Rust Avro library:
//! parsed, read back without loss, and used to write and read a sample record.

mod common;

use apache_avro::Schema;
use common::{apache_avro_round_trip, definitions, edge, example, json, money, DOMAINS};
use uda_project_avro::{to_json_array, AvroOptions, TimestampPrecision};

#[test]
fn every_file_of_every_example_round_trips_a_record() {
    for domain in DOMAINS {
        let output = example(domain);
        assert!(!output.files.is_empty(), "{domain}: no files");
        for file in &output.files {
            let label = format!("{domain}/{}", file.name);
            assert_eq!(apache_avro_round_trip(&label, &file.text), 1, "{label}");
        }
    }
}

#[test]
fn the_json_array_of_every_example_is_one_avro_schema() {
    for domain in DOMAINS {
        let output = example(domain);
        let array = to_json_array([&output]);
        let records = apache_avro_round_trip(&format!("{domain}/array"), &array);
        assert_eq!(
            records,
            output.files.len(),
            "{domain}: one union branch per file"
        );
        // The branches are the files' records, in file order.
        let names: Vec<String> = json(&array)
            .as_array()
            .expect("an array")
            .iter()
            .map(|s| {
                format!(
                    "{}.{}.avsc",
                    s["namespace"].as_str().unwrap_or(""),
                    s["name"].as_str().unwrap_or("")
                )
            })
            .collect();
        let files: Vec<&str> = output.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, files, "{domain}");
    }
}

#[test]
fn the_edge_cases_round_trip_with_either_timestamp_precision() {
    for precision in [TimestampPrecision::Micros, TimestampPrecision::Millis] {
        let output = edge(&AvroOptions::default().with_timestamps(precision));
        for file in &output.files {
            apache_avro_round_trip(&format!("edge/{}", file.name), &file.text);
        }
        apache_avro_round_trip("edge/array", &to_json_array([&output]));
    }
}

#[test]
fn the_files_of_each_example_parse_together() {
    // Files are self-contained, so a type such as WorkRef is defined in
    // several of them, identically: a parser given them all accepts them.
    for domain in DOMAINS {
        let output = example(domain);
        let texts: Vec<&str> = output.files.iter().map(|f| f.text.as_str()).collect();
        let schemas = Schema::parse_list(&texts).unwrap_or_else(|e| panic!("{domain}: {e}"));
        assert_eq!(schemas.len(), texts.len(), "{domain}");
    }
}

#[test]
fn a_nested_type_shared_by_three_records_is_defined_once_in_the_array() {
    let output = money();
    assert_eq!(output.files.len(), 3, "Invoice, Payment, Refund");
    // Each file is self-contained: it defines Money itself.
    for file in &output.files {
        assert_eq!(definitions(&json(&file.text), "Money"), 1, "{}", file.name);
        apache_avro_round_trip(&format!("money/{}", file.name), &file.text);
    }
    // The array is one schema (a union): Money is defined at its first use only.
    let array = to_json_array([&output]);
    assert_eq!(definitions(&json(&array), "Money"), 1, "{array}");
    assert_eq!(apache_avro_round_trip("money/array", &array), 3);
}

#[test]
fn the_json_array_of_every_example_together_is_one_avro_schema() {
    // Marketing's records use studio's types: across models too, each named
    // type is defined once.
    let outputs: Vec<_> = DOMAINS.iter().map(|d| example(d)).collect();
    let array = to_json_array(&outputs);
    let files: usize = outputs.iter().map(|o| o.files.len()).sum();
    assert_eq!(apache_avro_round_trip("examples/array", &array), files);
}
