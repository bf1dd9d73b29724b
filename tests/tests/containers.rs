//! `uda register --container` end to end: existing containers (Apache Avro's
//! own schemas, a SQLite database built from the TPC-H DDL) registered in a
//! data directory, then listed by `uda models` and `uda versions`.

use uda_testsuite::*;

#[test]
fn an_avro_directory_is_registered_listed_and_unchanged_the_second_time() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    // Three of Apache Avro's own schemas, copied into a directory of their own.
    let dir = tmp.path().join("schemas");
    std::fs::create_dir(&dir).expect("mkdir");
    for name in ["Person.avsc", "weather.avsc", "DocumentInfo.avsc"] {
        let from = repo()
            .join("crates/project-avro/tests/fixtures/external/apache-avro")
            .join(name);
        std::fs::copy(from, dir.join(name)).expect("copy");
    }
    let dir_arg = dir.to_str().expect("UTF-8");
    let args = [
        "register",
        "--container",
        dir_arg,
        "--system",
        "avro",
        "--name",
        "apache",
        "--format",
        "json",
    ];
    let o = uda_on(&data, &args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(report[0]["status"], "registered", "{report}");
    assert_eq!(report[0]["version"], 1);
    let graph = report[0]["model"].as_str().expect("graph").to_owned();
    assert!(
        graph.starts_with("https://w3id.org/uda/registry/container/avro/"),
        "{graph}"
    );
    assert!(graph.ends_with("/apache"), "{graph}");

    let again = uda_on(&data, &args);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert!(
        stdout(&again).contains("\"unchanged\""),
        "{}",
        stdout(&again)
    );

    let models = uda_on(&data, &["models", "--format", "json"]);
    assert_eq!(models.status.code(), Some(0), "{}", stderr(&models));
    let rows: serde_json::Value = serde_json::from_str(&stdout(&models)).expect("json");
    let row = rows
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["iri"] == graph.as_str())
        .unwrap_or_else(|| panic!("{rows}"));
    assert_eq!(row["kind"], "container");
    assert_eq!(row["domain"], "apache");

    let versions = uda_on(&data, &["versions", &graph, "--format", "json"]);
    assert_eq!(versions.status.code(), Some(0), "{}", stderr(&versions));
    assert!(
        stdout(&versions).contains(&format!("{graph}/version/1")),
        "{}",
        stdout(&versions)
    );

    let verify = uda_on(&data, &["verify"]);
    assert_eq!(
        verify.status.code(),
        Some(0),
        "{}{}",
        stdout(&verify),
        stderr(&verify)
    );
}

#[test]
fn a_sqlite_database_is_registered_and_a_dropped_column_refused() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let data = tmp.path().join("data");
    let db = tmp.path().join("tpch.db");
    let ddl = std::fs::read_to_string(
        repo().join("crates/project-sql/tests/fixtures/external/tpch/dss.ddl"),
    )
    .expect("dss.ddl");
    let connection = rusqlite::Connection::open(&db).expect("open");
    connection.execute_batch(&ddl).expect("TPC-H DDL in SQLite");
    drop(connection);
    let source = format!("sqlite:{}", db.display());
    let args = ["register", "--container", &source, "--system", "sql-sqlite"];
    let o = uda_on(&data, &args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("version 1"), "{}", stdout(&o));

    let models = uda_on(&data, &["models"]);
    assert!(stdout(&models).contains("main"), "{}", stdout(&models));

    // Dropping a column breaks readers of the container: refused, exit 1.
    let connection = rusqlite::Connection::open(&db).expect("open");
    connection
        .execute_batch("ALTER TABLE LINEITEM DROP COLUMN L_COMMENT")
        .expect("drop column");
    drop(connection);
    let refused = uda_on(&data, &args);
    assert_eq!(refused.status.code(), Some(1), "{}", stderr(&refused));
    assert!(
        stderr(&refused).to_lowercase().contains("l_comment"),
        "{}",
        stderr(&refused)
    );

    // Adding a nullable column breaks nobody: version 2.
    let connection = rusqlite::Connection::open(&db).expect("open");
    connection
        .execute_batch("ALTER TABLE LINEITEM ADD COLUMN L_COMMENT VARCHAR(44); ALTER TABLE NATION ADD COLUMN N_NOTE TEXT")
        .expect("add column");
    drop(connection);
    let o = uda_on(&data, &args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("version 2"), "{}", stdout(&o));
}

#[test]
fn through_a_server_the_same_files_give_the_same_container() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let server = Served::start(&tmp.path().join("served"), &[]);
    let person = repo().join("crates/project-avro/tests/fixtures/external/apache-avro/Person.avsc");
    let person = person.to_str().expect("UTF-8");
    let args = [
        "register",
        "--container",
        person,
        "--system",
        "avro",
        "--location",
        "kafka://events",
        "--format",
        "json",
    ];
    let direct = uda_on(&tmp.path().join("local"), &args);
    assert_eq!(direct.status.code(), Some(0), "{}", stderr(&direct));
    let mut remote_args = args.to_vec();
    remote_args.extend(["--server", server.url.as_str()]);
    let remote = uda(&remote_args);
    assert_eq!(remote.status.code(), Some(0), "{}", stderr(&remote));
    let field = |o: &std::process::Output, f: &str| {
        let v: serde_json::Value = serde_json::from_str(&stdout(o)).expect("json");
        v[0][f].clone()
    };
    for f in ["model", "version", "graph", "hash", "status"] {
        assert_eq!(field(&direct, f), field(&remote, f), "{f}");
    }
    // A live database is not sent over HTTP.
    let live = uda(&[
        "register",
        "--container",
        "sqlite:x.db",
        "--system",
        "sql-sqlite",
        "--server",
        server.url.as_str(),
    ]);
    assert_eq!(live.status.code(), Some(2), "{}", stderr(&live));
    server.terminate();
}
