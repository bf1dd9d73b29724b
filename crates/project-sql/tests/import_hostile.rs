//! Input the importer must refuse or bound: every error is located and none
//! panics; nesting deeper than sqlparser's recursion limit is an error, not
//! a stack overflow; a large file is read in time linear in its size.

use std::time::Instant;
use uda_project_sql::{import_ddl, Dialect, ImportOptions};

fn import(
    text: &str,
    dialect: Dialect,
) -> Result<uda_projection::Imported, uda_project_sql::ImportError> {
    import_ddl(
        &[("hostile.sql".to_owned(), text.to_owned())],
        dialect,
        &ImportOptions {
            base: "https://example.org/hostile",
            schema_name: "hostile",
            requires: &[],
        },
    )
}

#[test]
fn every_error_of_every_statement_is_located_and_nothing_is_imported() {
    let text = "CREATE TABLE a (id INTEGER PRIMARY KEY);\n\
                CREATE TABLE b (id INTEGER,, x TEXT);\n\
                CREATE TABLE c (id INTEGER PRIMARY KEY);\n\
                ALTER TABLE missing ADD CONSTRAINT k PRIMARY KEY (id);\n\
                CREATE TABLE d (id INTEGER) garbage here;\n";
    for dialect in Dialect::ALL {
        let err = import(text, dialect).expect_err("the file has errors");
        // Parse errors come first, in file order, then errors of meaning.
        let located: Vec<&str> = err.errors.iter().map(|e| e.location.as_str()).collect();
        assert_eq!(
            located,
            ["hostile.sql:2:27", "hostile.sql:5:29", "hostile.sql:4:1"],
            "{dialect}: {err}"
        );
        assert!(
            err.to_string()
                .contains("hostile.sql:4:1: error: table missing is not created"),
            "{err}"
        );
    }
}

#[test]
fn a_name_created_twice_is_an_error() {
    let text = "CREATE TYPE t AS ENUM ('a');\nCREATE TABLE t (id INTEGER);\nCREATE VIEW t AS SELECT 1 AS one;\nCOMMENT ON COLUMN t.nothing IS 'x';";
    let err = import(text, Dialect::Postgres).expect_err("refused");
    let messages: Vec<String> = err.errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        messages,
        [
            "hostile.sql:2:1: error: t is created twice",
            "hostile.sql:3:1: error: t is created twice",
            "hostile.sql:4:1: error: table t is not created before this statement",
        ]
    );
}

#[test]
fn an_unterminated_string_is_a_located_error() {
    let err =
        import("CREATE TABLE a (x TEXT DEFAULT 'open);", Dialect::Postgres).expect_err("refused");
    assert_eq!(err.errors.len(), 1);
    assert!(
        err.errors[0].location.starts_with("hostile.sql:1:"),
        "{err}"
    );
}

#[test]
fn nesting_beyond_the_recursion_limit_is_an_error_not_a_crash() {
    for depth in [60, 100_000] {
        let text = format!(
            "CREATE TABLE t (x INTEGER CHECK ({}x > 0{}));\nCREATE TABLE u (id INTEGER);",
            "(".repeat(depth),
            ")".repeat(depth),
        );
        // Run on a small stack, as a server's worker thread might.
        let err = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || import(&text, Dialect::Postgres).expect_err("refused"))
            .expect("thread")
            .join()
            .expect("no stack overflow");
        assert!(
            err.errors.iter().any(
                |e| e.location == "hostile.sql:1:1" || e.location.starts_with("hostile.sql:1:")
            ),
            "{err}"
        );
        assert!(err.to_string().contains("nested more than"), "{err}");
    }
}

#[test]
fn statements_nobody_can_represent_are_located_warnings() {
    let text = "CREATE TABLE a (id INTEGER PRIMARY KEY);\n\
                INSERT INTO a VALUES (1);\n\
                GRANT SELECT ON a TO PUBLIC;\n\
                CREATE FUNCTION f() RETURNS integer AS 'SELECT 1' LANGUAGE sql;\n";
    let imported = import(text, Dialect::Postgres).expect("imports");
    let warnings: Vec<String> = imported.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 3, "{warnings:#?}");
    assert!(
        warnings[0].starts_with(
            "hostile.sql:2:1: warning: not a schema element, not represented: INSERT INTO a"
        ),
        "{warnings:#?}"
    );
    assert!(
        warnings[1].starts_with("hostile.sql:3:1: warning:"),
        "{warnings:#?}"
    );
    assert!(
        warnings[2].starts_with("hostile.sql:4:1: warning:"),
        "{warnings:#?}"
    );
}

#[test]
fn a_large_file_is_read_in_linear_time() {
    // 20,000 tables, each with a foreign key to the one before, and many
    // unnamed checks on one column (their generated names must not be
    // searched for one by one).
    let mut text = String::from("CREATE TABLE t0 (id INTEGER PRIMARY KEY, x INTEGER");
    text.push_str(&", CHECK (x > 0)".repeat(5_000));
    text.push_str(");\n");
    for i in 1..20_000 {
        text.push_str(&format!(
            "-- t{i}: table number {i}\nCREATE TABLE t{i} (id INTEGER PRIMARY KEY, up INTEGER REFERENCES t{}(id));\n",
            i - 1
        ));
    }
    let megabytes = text.len() / 1_000_000;
    let start = Instant::now();
    let imported = import(&text, Dialect::Postgres).expect("imports");
    let elapsed = start.elapsed();
    eprintln!("{megabytes} MB imported in {elapsed:?}");
    assert!(imported.warnings.is_empty());
    let checks = imported
        .container
        .iter()
        .filter(|t| t.object.to_string() == "<https://w3id.org/uda/sql#Check>")
        .count();
    assert_eq!(checks, 5_000);
    assert!(imported.container.len() > 20_000 * 10);
}

#[test]
fn a_long_chain_of_operators_is_an_error_not_a_crash() {
    // sqlparser builds `a AND b AND ...` as a tree as deep as the chain,
    // whatever its recursion limit: the longest chain the importer accepts
    // is read on a 2 MiB stack, a longer one is refused where it grows too long.
    let chain = |terms: usize| {
        format!(
            "CREATE TABLE v (y INTEGER, CHECK (y = 1{}));",
            " AND (y = 1)".repeat(terms)
        )
    };
    for (terms, accepted) in [(3_990, true), (200_000, false)] {
        let text = chain(terms);
        let result = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || import(&text, Dialect::Postgres).map(|i| i.container.len()))
            .expect("thread")
            .join()
            .expect("no stack overflow");
        match result {
            Ok(_) => assert!(accepted, "{terms} terms accepted"),
            Err(e) => {
                assert!(!accepted, "{terms} terms: {e}");
                let text = e.to_string();
                assert!(text.starts_with("hostile.sql:1:"), "{text}");
                assert!(text.ends_with("error: an expression longer than 4000 tokens without a comma or parenthesis"), "{text}");
            }
        }
    }
}

#[test]
fn a_missing_or_foreign_sqlite_file_is_an_error_and_is_not_created() {
    let dir = std::env::temp_dir().join(format!("uda-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let missing = dir.join("missing.sqlite");
    let not_sqlite = dir.join("text.sqlite");
    std::fs::write(&not_sqlite, "CREATE TABLE t (x INTEGER);").expect("written");
    let options = ImportOptions {
        base: "https://example.org/hostile",
        schema_name: "hostile",
        requires: &[],
    };
    for path in [&missing, &not_sqlite] {
        let err = uda_project_sql::import_sqlite(path, &options).expect_err("refused");
        assert_eq!(err.errors[0].location, path.display().to_string(), "{err}");
    }
    // Opened read-only: nothing is created or changed.
    assert!(!missing.exists());
    assert_eq!(
        std::fs::read_to_string(&not_sqlite).expect("kept"),
        "CREATE TABLE t (x INTEGER);"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
