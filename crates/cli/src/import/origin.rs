//! Where an existing container is read from, for `uda import` and `uda
//! register --container`: schema files (gathered by `sources`) or a live
//! database (`postgresql://…`, `sqlite:PATH`), and reading it with its
//! system's importer.

use super::sources::Sources;
use super::Located;
use crate::{runtime, usage, Failure};
use std::path::{Path, PathBuf};
use uda_project_sql::{Dialect, ImportOptions};
use uda_projection::{Coordinates, Imported};
use uda_targets::Target;

/// What the sources name.
pub enum Origin {
    Files(Sources),
    Postgres(url::Url),
    Sqlite(PathBuf),
}

impl Origin {
    /// A live database given alone, or files, directories and `-`.
    pub fn of(given: &[PathBuf], target: Target) -> Result<Origin, Failure> {
        let text = |p: &PathBuf| p.to_string_lossy().into_owned();
        let database = |s: &str| {
            s.starts_with("postgresql://")
                || s.starts_with("postgres://")
                || s.starts_with("sqlite:")
        };
        if let [one] = given {
            let one = text(one);
            if database(&one) {
                return match (target, one.strip_prefix("sqlite:")) {
                    (Target::Sql(Dialect::Sqlite), Some(path)) => Ok(Origin::Sqlite(path.into())),
                    (Target::Sql(Dialect::Postgres), None) => url::Url::parse(&one)
                        .map(Origin::Postgres)
                        .map_err(|e| usage(format!("{one}: {e}"))),
                    _ => Err(usage(format!(
                        "{one}: a {target} container is not read from this database \
                         (live databases: sql-postgres from postgresql://…, sql-sqlite from sqlite:PATH)"
                    ))),
                };
            }
        }
        if given.iter().any(|p| database(&text(p))) {
            return Err(usage(
                "a live database is read alone, not with other sources",
            ));
        }
        let extensions = target.source_extensions();
        if extensions.is_empty() {
            return Err(usage(format!("--system {target}: it has no importer")));
        }
        Sources::gather(given, extensions).map(Origin::Files)
    }

    /// The default location and name of the container: for files, where they
    /// are as given and the stem of the file or directory; for a database,
    /// its URL without the password and the schema `public`, or the SQLite
    /// file and `main`.
    pub fn place(&self) -> (String, String) {
        match self {
            Origin::Files(sources) => (sources.location.clone(), sources.stem.clone()),
            Origin::Postgres(url) => {
                let mut shown = url.clone();
                // The password must not end up in a graph name.
                let _ = shown.set_password(None);
                (shown.to_string(), "public".to_owned())
            }
            Origin::Sqlite(path) => (path.display().to_string(), "main".to_owned()),
        }
    }

    /// Reads the container, its elements named under `at`. `Err` is a
    /// failure to reach it; `Ok(Err)` the located errors of what was read.
    pub fn read(
        &self,
        target: Target,
        at: &Coordinates,
    ) -> Result<Result<Imported, Vec<Located>>, Failure> {
        let base = at.base_iri();
        let options = ImportOptions {
            base: &base,
            schema_name: &at.name,
            requires: &[],
        };
        let sql = |e: uda_project_sql::ImportError| {
            located(e.errors.into_iter().map(|e| (e.location, e.message)))
        };
        Ok(match self {
            Origin::Files(sources) => sources.texts().and_then(|texts| {
                let read = import(target, texts, &base, &at.name);
                read.map_err(|errors| sources.relocated(errors))
            }),
            Origin::Sqlite(path) => {
                if !path.is_file() {
                    return Err(usage(format!(
                        "{}: no such SQLite database",
                        path.display()
                    )));
                }
                uda_project_sql::import_sqlite(Path::new(path), &options).map_err(sql)
            }
            Origin::Postgres(url) => {
                let mut client = postgres::Client::connect(url.as_str(), postgres::NoTls)
                    .map_err(|e| runtime(format!("cannot connect to the database: {e}")))?;
                uda_project_sql::import_postgres(&mut client, &at.name, &options).map_err(sql)
            }
        })
    }
}

/// Reads `(label, text)` sources with `target`'s importer.
fn import(
    target: Target,
    texts: &[(String, String)],
    base: &str,
    name: &str,
) -> Result<Imported, Vec<Located>> {
    match target {
        Target::Graphql | Target::GraphqlFederation => {
            uda_project_graphql::import(texts, base, name)
                .map_err(|e| located(e.errors.into_iter().map(|e| (e.location, e.message))))
        }
        Target::Avro => uda_project_avro::import(texts, base, name)
            .map_err(|e| located(e.errors.into_iter().map(|e| (e.location, e.message)))),
        Target::Sql(dialect) => {
            let options = ImportOptions {
                base,
                schema_name: name,
                requires: &[],
            };
            uda_project_sql::import_ddl(texts, dialect, &options)
                .map_err(|e| located(e.errors.into_iter().map(|e| (e.location, e.message))))
        }
        Target::Shacl => Err(vec![Located {
            location: "-".to_owned(),
            message: "SHACL shapes are not a container to import".to_owned(),
        }]),
        Target::Iceberg => Err(vec![Located {
            location: "-".to_owned(),
            message: "existing Iceberg schemas cannot be imported".to_owned(),
        }]),
        Target::JsonSchema => Err(vec![Located {
            location: "-".to_owned(),
            message: "existing JSON Schemas cannot be imported".to_owned(),
        }]),
        Target::Protobuf => Err(vec![Located {
            location: "-".to_owned(),
            message: "existing .proto files cannot be imported".to_owned(),
        }]),
    }
}

fn located(errors: impl Iterator<Item = (String, String)>) -> Vec<Located> {
    errors
        .map(|(location, message)| Located { location, message })
        .collect()
}
