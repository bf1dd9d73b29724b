#![doc = include_str!("../README.md")]

use oxrdf::Graph;
use std::fmt;
use std::str::FromStr;
use uda_project_sql::Dialect;
use uda_projection::{Imported, Output, ProjectionError, Projector};
use uda_upper::ModelView;

/// A projection target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    Graphql,
    GraphqlFederation,
    Avro,
    Sql(Dialect),
    Shacl,
    Iceberg,
    JsonSchema,
    Protobuf,
}

impl Target {
    /// Every target, in a stable order.
    pub fn all() -> Vec<Target> {
        let mut all = vec![Target::Graphql, Target::GraphqlFederation, Target::Avro];
        all.extend(Dialect::ALL.into_iter().map(Target::Sql));
        all.push(Target::Shacl);
        all.push(Target::Iceberg);
        all.push(Target::JsonSchema);
        all.push(Target::Protobuf);
        all
    }

    /// Projects the root model of `view` to this target with default options.
    pub fn project(self, view: &ModelView<'_>) -> Result<Output, ProjectionError> {
        self.project_after(view, None)
    }

    /// Projects the root model of `view` as the version after the one whose
    /// mappings are `earlier` (see [`Projector::project_after`]): targets
    /// that number their fields keep the numbers recorded there.
    pub fn project_after(
        self,
        view: &ModelView<'_>,
        earlier: Option<&Graph>,
    ) -> Result<Output, ProjectionError> {
        let error = |message: String| ProjectionError {
            target: self.to_string(),
            message,
        };
        match self {
            Target::Graphql | Target::GraphqlFederation => {
                let options = uda_project_graphql::GraphqlOptions {
                    federation: self == Target::GraphqlFederation,
                };
                uda_project_graphql::project(view, &options).map_err(|e| error(e.to_string()))
            }
            Target::Avro => {
                uda_project_avro::project(view, &uda_project_avro::AvroOptions::default())
                    .map_err(|e| error(e.to_string()))
            }
            Target::Sql(dialect) => {
                uda_project_sql::project(view, &uda_project_sql::SqlOptions::new(dialect))
                    .map_err(|e| error(e.to_string()))
            }
            Target::Shacl => {
                uda_project_shacl::project(view, &uda_project_shacl::ShaclOptions::default())
                    .map_err(|e| error(e.to_string()))
            }
            Target::Iceberg => uda_project_iceberg::project(
                view,
                &uda_project_iceberg::IcebergOptions::after(earlier),
            )
            .map_err(|e| error(e.to_string())),
            Target::JsonSchema => uda_project_jsonschema::project(
                view,
                &uda_project_jsonschema::JsonSchemaOptions::default(),
            )
            .map_err(|e| error(e.to_string())),
            // Field numbers are kept from the earlier version's mappings.
            Target::Protobuf => {
                let options = uda_project_protobuf::ProtobufOptions::after(earlier);
                uda_project_protobuf::project(view, &options).map_err(|e| error(e.to_string()))
            }
        }
    }
}

impl Target {
    /// The file extensions an existing container of this target is read
    /// from (none for SHACL, Iceberg and JSON Schema, which have no importer).
    pub fn source_extensions(self) -> &'static [&'static str] {
        match self {
            Target::Graphql | Target::GraphqlFederation => &["graphql", "graphqls", "gql"],
            Target::Avro => &["avsc"],
            Target::Sql(_) => &["sql", "ddl"],
            Target::Shacl | Target::Iceberg | Target::JsonSchema => &[],
            Target::Protobuf => &["proto"],
        }
    }

    /// Reads an existing container of this target from `(label, text)`
    /// sources (SDL, `.avsc` JSON, DDL in the target's dialect) into its
    /// container representation, its elements named under `base`
    /// ([`uda_projection::Coordinates::base_iri`]) and its schema node named
    /// `schema_name`. Fails with every located error, one per line.
    pub fn import(
        self,
        sources: &[(String, String)],
        base: &str,
        schema_name: &str,
    ) -> Result<Imported, String> {
        match self {
            Target::Graphql | Target::GraphqlFederation => {
                uda_project_graphql::import(sources, base, schema_name).map_err(|e| e.to_string())
            }
            Target::Avro => {
                uda_project_avro::import(sources, base, schema_name).map_err(|e| e.to_string())
            }
            Target::Sql(dialect) => {
                let options = uda_project_sql::ImportOptions {
                    base,
                    schema_name,
                    requires: &[],
                };
                uda_project_sql::import_ddl(sources, dialect, &options).map_err(|e| e.to_string())
            }
            Target::Shacl => Err("existing SHACL shapes cannot be imported".to_owned()),
            Target::Iceberg => Err("existing Iceberg schemas cannot be imported".to_owned()),
            Target::JsonSchema => Err("existing JSON Schemas cannot be imported".to_owned()),
            Target::Protobuf => Err("existing .proto files cannot be imported".to_owned()),
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Graphql => f.write_str("graphql"),
            Target::GraphqlFederation => f.write_str("graphql-federation"),
            Target::Avro => f.write_str("avro"),
            Target::Sql(dialect) => f.write_str(dialect.target()),
            Target::Shacl => f.write_str("shacl"),
            Target::Iceberg => f.write_str("iceberg"),
            Target::JsonSchema => f.write_str("jsonschema"),
            Target::Protobuf => f.write_str("protobuf"),
        }
    }
}

/// A name that is not a target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownTarget(pub String);

impl fmt::Display for UnknownTarget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<String> = Target::all().iter().map(Target::to_string).collect();
        write!(
            f,
            "unknown target `{}`; expected one of {}",
            self.0,
            names.join(", ")
        )
    }
}

impl std::error::Error for UnknownTarget {}

impl FromStr for Target {
    type Err = UnknownTarget;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Target::all()
            .into_iter()
            .find(|t| t.to_string() == name)
            .ok_or_else(|| UnknownTarget(name.to_owned()))
    }
}

impl Projector for Target {
    fn target(&self) -> &str {
        match self {
            Target::Graphql => "graphql",
            Target::GraphqlFederation => "graphql-federation",
            Target::Avro => "avro",
            Target::Sql(dialect) => dialect.target(),
            Target::Shacl => "shacl",
            Target::Iceberg => "iceberg",
            Target::JsonSchema => "jsonschema",
            Target::Protobuf => "protobuf",
        }
    }

    fn project(&self, view: &ModelView<'_>) -> Result<Output, ProjectionError> {
        Target::project(*self, view)
    }

    fn project_after(
        &self,
        view: &ModelView<'_>,
        earlier: Option<&Graph>,
    ) -> Result<Output, ProjectionError> {
        Target::project_after(*self, view, earlier)
    }
}

/// Every target as a projector, for a registry that projects every model it registers.
pub fn projectors() -> Vec<Box<dyn Projector>> {
    Target::all()
        .into_iter()
        .map(|t| Box::new(t) as Box<dyn Projector>)
        .collect()
}
