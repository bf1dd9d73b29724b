//! The DDL parsed back with sqlparser: it prints back as written, and the
//! tables, keys and constraints are the ones the mapping rules call for.

mod common;

use common::{chain, ddl, loaded, option_sets, output, parse, Db, MODELS};
use sqlparser::ast::{DataType, Statement, TableConstraint};
use uda_project_sql::{Dialect, EnumStyle, Inheritance, SqlOptions};

fn db(model: &str, options: &SqlOptions) -> Db {
    Db::from_statements(&parse(&ddl(model, options), options.dialect))
}

fn pg() -> SqlOptions {
    SqlOptions::new(Dialect::Postgres)
}

/// The statements of a DDL text, without comments and blank lines.
fn statements_text(text: &str) -> String {
    text.lines()
        .filter(|l| !l.starts_with("--") && !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// sqlparser prints a comment between quotes without doubling the quotes
/// in it (the projection stores it escaped); the parser undoes the doubling.
fn escaped(statement: Statement) -> Statement {
    match statement {
        Statement::Comment {
            object_type,
            object_name,
            comment,
            if_exists,
        } => Statement::Comment {
            object_type,
            object_name,
            comment: comment.map(|c| c.replace('\'', "''")),
            if_exists,
        },
        other => other,
    }
}

#[test]
fn the_ddl_prints_back_exactly_from_the_parsed_ast() {
    for dialect in Dialect::ALL {
        for options in option_sets(dialect) {
            for model in MODELS {
                let text = ddl(model, &options);
                let reprinted: Vec<String> = parse(&text, dialect)
                    .into_iter()
                    .map(|s| format!("{:#};", escaped(s)))
                    .collect();
                assert_eq!(
                    statements_text(&text),
                    reprinted.join("\n"),
                    "{model} {options:?}"
                );
            }
        }
    }
}

#[test]
fn credit_is_keyed_by_its_work_person_and_role() {
    for dialect in Dialect::ALL {
        let db = db("studio", &SqlOptions::new(dialect));
        let credit = db.table("credit");
        assert_eq!(
            credit.primary_key.1,
            ["work_work_id", "person_person_id", "role"],
            "{dialect}"
        );
        let fks: Vec<(&[String], &str, &[String])> = credit
            .foreign_keys
            .iter()
            .map(|f| {
                (
                    f.columns.as_slice(),
                    f.table.as_str(),
                    f.referred.as_slice(),
                )
            })
            .collect();
        assert_eq!(
            fks,
            [
                (
                    &["work_work_id".to_owned()][..],
                    "work",
                    &["work_id".to_owned()][..]
                ),
                (
                    &["person_person_id".to_owned()][..],
                    "person",
                    &["person_id".to_owned()][..]
                ),
            ],
            "{dialect}"
        );
        let role_check = credit
            .checks
            .iter()
            .find(|(n, _)| n == "credit_role_check")
            .expect("role check");
        assert_eq!(
            role_check.1.to_string(),
            "role IN ('Director', 'Actor', 'Writer', 'Producer')"
        );
    }
}

#[test]
fn a_subclass_table_is_keyed_by_a_foreign_key_to_its_parent() {
    let db = db("studio", &pg());
    for (table, parent) in [
        ("film", "work"),
        ("documentary", "film"),
        ("series", "work"),
    ] {
        let t = db.table(table);
        assert_eq!(t.primary_key.1, ["work_id"], "{table}");
        let fk = &t.foreign_keys[0];
        assert_eq!(
            (fk.columns.as_slice(), fk.table.as_str()),
            (&["work_id".to_owned()][..], parent)
        );
        let position = |name: &str| db.tables.iter().position(|t| t.name() == name);
        assert!(
            position(parent) < position(table),
            "{parent} is created before {table}"
        );
    }
    let episode = db.table("episode");
    assert_eq!(
        episode.primary_key.1,
        ["series_work_id", "season_number", "episode_number"]
    );
    assert_eq!(episode.foreign_keys[0].table, "series");
}

#[test]
fn reserved_words_are_quoted_and_names_are_snake_case() {
    for dialect in Dialect::ALL {
        let studio = db("studio", &SqlOptions::new(dialect));
        let order = studio.table("credit").column("order");
        assert_eq!(order.ident.quote_style, Some('"'), "{dialect}");
        assert!(studio
            .table("person")
            .columns
            .iter()
            .any(|c| c.ident.value == "e_mail"));
        let edge = db("edge", &SqlOptions::new(dialect));
        let order_table = edge.table("order");
        assert_eq!(order_table.ident.quote_style, Some('"'), "{dialect}");
        // orderId2 and order_id2 are one name once snake-cased.
        let names: Vec<&str> = order_table
            .columns
            .iter()
            .map(|c| c.ident.value.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "order_id",
                "order_id2",
                "order_id2_2",
                "placed_by_person_id"
            ]
        );
        assert!(edge
            .table("player")
            .columns
            .iter()
            .any(|c| c.ident.value == "_3d"));
        assert_eq!(
            edge.table("team").column("select").ident.quote_style,
            Some('"')
        );
        assert_eq!(
            studio.table("work").column("title").ident.quote_style,
            None,
            "not over-quoted"
        );
    }
}

#[test]
fn nested_values_are_flattened_or_child_tables() {
    let db = db("studio", &pg());
    let studio = db.table("studio");
    for (column, not_null) in [
        ("headquarters_city", true),
        ("headquarters_country", true),
        ("headquarters_street", false),
    ] {
        assert_eq!(studio.column(column).not_null, not_null, "{column}");
    }
    let offices = db.table("studio_offices");
    assert_eq!(offices.primary_key.1, ["studio_id", "position"]);
    assert_eq!(offices.foreign_keys[0].table, "studio");
    assert!(offices.column("city").not_null);
    assert!(!offices.column("street").not_null);

    // An optional nested value: its required members are required only
    // when it is there.
    let edge = db_edge();
    let player = edge.table("player");
    assert!(!player.column("contact_email").not_null);
    let check = &player
        .checks
        .iter()
        .find(|(n, _)| n == "player_contact_check")
        .expect("check")
        .1;
    assert_eq!(
        check.to_string(),
        "(contact_address_city IS NULL AND contact_address_country IS NULL AND contact_address_street IS NULL \
         AND contact_email IS NULL AND contact_phone IS NULL) OR (contact_email IS NOT NULL)"
    );
}

fn db_edge() -> Db {
    db("edge", &pg())
}

#[test]
fn many_valued_properties_get_child_and_join_tables() {
    let db = db("studio", &pg());
    let keywords = db.table("work_keywords");
    assert_eq!(keywords.primary_key.1, ["work_id", "keywords"]);
    let produced = db.table("work_produced_by");
    assert_eq!(produced.primary_key.1, ["work_id", "produced_by_studio_id"]);
    let targets: Vec<&str> = produced
        .foreign_keys
        .iter()
        .map(|f| f.table.as_str())
        .collect();
    assert_eq!(targets, ["work", "studio"]);
    let titles = db.table("work_localized_titles");
    assert_eq!(
        titles.primary_key.1,
        ["work_id", "localized_titles", "localized_titles_lang"]
    );
    // Ordered values are keyed by their position.
    let colors = db_edge().table("team_colors").primary_key.1.clone();
    assert_eq!(colors, ["team_code", "position"]);
}

#[test]
fn datatypes_map_to_each_dialects_types_and_checks() {
    let expect = [
        (
            Dialect::Postgres,
            "NUMERIC(14,2)",
            "TIMESTAMPTZ",
            "INTERVAL",
            "BYTEA",
            "SMALLINT",
        ),
        (
            Dialect::Sqlite,
            "NUMERIC",
            "TEXT",
            "TEXT",
            "BLOB",
            "INTEGER",
        ),
        (
            Dialect::DuckDb,
            "DECIMAL(14,2)",
            "TIMESTAMPTZ",
            "INTERVAL",
            "BLOB",
            "TINYINT",
        ),
    ];
    for (dialect, money, stamp, duration, bytes, byte) in expect {
        let db = db("studio", &SqlOptions::new(dialect));
        let ty = |t: &str, c: &str| db.table(t).column(c).data_type.to_string();
        assert_eq!(ty("film", "budget"), money, "{dialect}");
        assert_eq!(ty("episode", "aired_at"), stamp, "{dialect}");
        assert_eq!(ty("film", "runtime"), duration, "{dialect}");
        assert_eq!(ty("work", "checksum"), bytes, "{dialect}");
        assert_eq!(ty("work", "age_rating"), byte, "{dialect}");
        let imdb = db
            .table("work")
            .checks
            .iter()
            .find(|(n, _)| n == "work_imdb_id_check")
            .expect("check");
        let pattern = match dialect {
            Dialect::Postgres => " AND imdb_id ~ '^tt[0-9]{7,8}$'",
            Dialect::Sqlite => "",
            Dialect::DuckDb => " AND regexp_matches(imdb_id, '^tt[0-9]{7,8}$')",
        };
        assert_eq!(
            imdb.1.to_string(),
            format!("length(imdb_id) <= 10{pattern}"),
            "{dialect}"
        );
    }
}

#[test]
fn enumerations_can_be_postgres_enum_types() {
    let options = SqlOptions {
        enum_style: EnumStyle::PostgresEnum,
        ..pg()
    };
    let statements = parse(&ddl("studio", &options), Dialect::Postgres);
    let db = Db::from_statements(&statements);
    assert_eq!(
        db.enums["genre"],
        ["Drama", "Comedy", "Thriller", "Animation", "NonFiction"]
    );
    assert_eq!(
        db.enums["role"],
        ["Director", "Actor", "Writer", "Producer"]
    );
    assert!(
        matches!(&db.table("credit").column("role").data_type, DataType::Custom(n, _) if n.to_string() == "role")
    );
    assert!(db.table("credit").checks.is_empty());
    // The types come before the tables that use them.
    assert!(matches!(statements[0], Statement::CreateType { .. }));
    // marketing's own enumeration is its type; studio's types are studio's.
    let marketing = Db::from_statements(&parse(&ddl("marketing", &options), Dialect::Postgres));
    assert_eq!(marketing.enums.keys().collect::<Vec<_>>(), ["channel"]);
    // SQLite has no enumeration types: CHECKs, with a note.
    let sqlite = SqlOptions {
        enum_style: EnumStyle::PostgresEnum,
        ..SqlOptions::new(Dialect::Sqlite)
    };
    let text = ddl("studio", &sqlite);
    assert!(Db::from_statements(&parse(&text, Dialect::Sqlite))
        .enums
        .is_empty());
    assert!(text.contains("-- note: SQLite has no enumeration types"));
}

#[test]
fn an_imported_class_is_extended_by_a_table_keyed_by_its_key() {
    for dialect in Dialect::ALL {
        let db = db("marketing", &SqlOptions::new(dialect));
        let ext = db.table("film_marketing");
        assert_eq!(ext.primary_key.1, ["work_id"]);
        let fk = &ext.foreign_keys[0];
        assert_eq!(
            (fk.table.as_str(), fk.referred.as_slice()),
            ("film", &["work_id".to_owned()][..])
        );
        let names: Vec<&str> = ext.columns.iter().map(|c| c.ident.value.as_str()).collect();
        assert_eq!(names, ["work_id", "tagline", "trailer_url"]);
        // Only marketing's own tables: studio's are referred to.
        let own: Vec<&str> = db.tables.iter().map(|t| t.name()).collect();
        assert_eq!(
            own,
            [
                "campaign",
                "campaign_audience_regions",
                "campaign_promotes",
                "film_marketing"
            ]
        );
        assert_eq!(db.table("campaign_promotes").foreign_keys[1].table, "work");
    }
    let text = ddl("marketing", &pg());
    assert!(text.contains("-- Run after studio.postgres.sql (<https://example.org/studio>)."));
}

#[test]
fn foreign_keys_point_to_earlier_tables_and_cycles_are_closed_later() {
    for dialect in Dialect::ALL {
        for options in option_sets(dialect) {
            for model in MODELS {
                let statements = parse(&ddl(model, &options), dialect);
                let mut created: Vec<String> = Vec::new();
                let mut altered = Vec::new();
                for s in &statements {
                    match s {
                        Statement::CreateTable(ct) => {
                            let name = ct.name.to_string().trim_matches('"').to_owned();
                            for c in &ct.constraints {
                                if let TableConstraint::ForeignKey { foreign_table, .. } = c {
                                    let target =
                                        foreign_table.to_string().trim_matches('"').to_owned();
                                    let own = common::ddl(model, &options)
                                        .contains(&format!("CREATE TABLE {} (", foreign_table));
                                    // SQLite resolves foreign keys when rows are written: a
                                    // cycle is closed by a forward reference.
                                    if own && dialect != Dialect::Sqlite {
                                        assert!(
                                            target == name || created.contains(&target),
                                            "{model}: {name} -> {target}"
                                        );
                                    }
                                }
                            }
                            created.push(name);
                        }
                        Statement::AlterTable { .. } => altered.push(s.to_string()),
                        _ => {}
                    }
                }
                let expected: &[&str] = match (model, dialect) {
                    ("edge", Dialect::Postgres) => &[
                        "ALTER TABLE player ADD CONSTRAINT player_team_team_code_fkey FOREIGN KEY (team_team_code) REFERENCES team(team_code)",
                    ],
                    _ => &[],
                };
                assert_eq!(altered, expected, "{model} {options:?}");
            }
        }
    }
    // DuckDB cannot add the foreign key later: it is left out, with a note.
    let text = ddl("edge", &SqlOptions::new(Dialect::DuckDb));
    assert!(text.contains(
        "-- player.player_team_team_code_fkey: note: not declared: player and team refer to each other, \
         and DuckDB cannot add a foreign key to an existing table"
    ));
}

#[test]
fn descriptions_are_comments() {
    let pg_text = ddl("studio", &pg());
    assert!(pg_text.contains("COMMENT ON TABLE work IS 'Anything the studio releases.';"));
    assert!(pg_text.contains("COMMENT ON TABLE credit IS 'A person''s role in a work. Keyed by the work, the person and the role.';"));
    assert!(pg_text.contains("COMMENT ON COLUMN credit.\"order\" IS 'billing order: Position in the credits (a reserved word in SQL).';"));
    for dialect in [Dialect::Sqlite, Dialect::DuckDb] {
        let text = ddl("studio", &SqlOptions::new(dialect));
        assert!(!text.contains("COMMENT ON"), "{dialect}");
        assert!(
            text.contains("-- work: Anything the studio releases.\n"),
            "{dialect}"
        );
        assert!(
            text.contains("-- credit.order: billing order: Position in the credits"),
            "{dialect}"
        );
    }
}

#[test]
fn single_table_inheritance_puts_a_taxonomy_in_one_table() {
    let options = SqlOptions {
        inheritance: Inheritance::SingleTable,
        ..pg()
    };
    let db = db("studio", &options);
    let names: Vec<&str> = db.tables.iter().map(|t| t.name()).collect();
    assert!(
        !names.contains(&"film") && !names.contains(&"documentary") && !names.contains(&"series")
    );
    let work = db.table("work");
    let kind = work
        .checks
        .iter()
        .find(|(n, _)| n == "work_kind_check")
        .expect("kind check");
    assert_eq!(
        kind.1.to_string(),
        "kind IN ('Work', 'Film', 'Documentary', 'Series')"
    );
    assert!(!work.column("is_color").not_null);
    let film = work
        .checks
        .iter()
        .find(|(n, _)| n == "work_film_check")
        .expect("film check");
    assert_eq!(
        film.1.to_string(),
        "(kind NOT IN ('Film', 'Documentary')) OR (is_color IS NOT NULL)"
    );
    // References to a subclass refer to the taxonomy's table.
    assert_eq!(db.table("episode").foreign_keys[0].table, "work");
    // A property named like the discriminator gives way to it.
    let edge = Db::from_statements(&parse(&ddl("edge", &options), Dialect::Postgres));
    let vehicle = edge.table("vehicle");
    let names: Vec<&str> = vehicle
        .columns
        .iter()
        .map(|c| c.ident.value.as_str())
        .collect();
    assert_eq!(
        names,
        ["vin", "kind", "kind_2", "seats", "top_speed", "payload"]
    );
    let car = vehicle
        .checks
        .iter()
        .find(|(n, _)| n == "vehicle_car_check")
        .expect("car check");
    assert_eq!(
        car.1.to_string(),
        "(kind NOT IN ('Car', 'SportsCar')) OR (seats IS NOT NULL)"
    );
    let marketing = Db::from_statements(&parse(&ddl("marketing", &options), Dialect::Postgres));
    assert_eq!(
        marketing.table("work_marketing").foreign_keys[0].table,
        "work"
    );
}

#[test]
fn every_model_projects_in_every_dialect_with_its_imports_first() {
    for dialect in Dialect::ALL {
        let domains: Vec<String> = chain("marketing", &SqlOptions::new(dialect))
            .into_iter()
            .map(|(d, _)| d)
            .collect();
        assert_eq!(domains, ["studio", "marketing"]);
        let out = output("marketing", &SqlOptions::new(dialect));
        assert_eq!(out.files[0].name, format!("marketing.{dialect}.sql"));
    }
    assert!(loaded().models.view(&common::iri("edge")).is_some());
}
