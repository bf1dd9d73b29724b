//! The projection targets as GraphQL enums, and the `target` and `dialect` arguments naming one.

use super::errors;
use super::fields::{named_enum, nn};
use crate::AppState;
use async_graphql::dynamic::{Enum, Field, InputValue, ResolverContext, Type, TypeRef};
use async_graphql::Error;

pub(crate) const TARGET: &str = "ProjectionTarget";
pub(crate) const DIALECT: &str = "SqlDialect";

/// The projection targets as the GraphQL enums `ProjectionTarget` (SQL once, whatever its
/// dialect) and `SqlDialect`, from `uda_targets`' list of targets.
pub(crate) struct Targets {
    targets: Vec<String>,
    dialects: Vec<String>,
}

/// The enum value name of a target or dialect name (`graphql-federation` → `GRAPHQL_FEDERATION`).
fn enum_name(name: &str) -> String {
    name.to_ascii_uppercase().replace('-', "_")
}

impl Targets {
    pub(crate) fn new() -> Targets {
        let mut targets = Vec::new();
        let mut dialects = Vec::new();
        for target in uda_targets::Target::all() {
            let name = target.to_string();
            let base = match name.strip_prefix("sql-") {
                Some(dialect) => {
                    dialects.push(enum_name(dialect));
                    "SQL".to_owned()
                }
                None => enum_name(&name),
            };
            if !targets.contains(&base) {
                targets.push(base);
            }
        }
        Targets { targets, dialects }
    }

    /// The projector name (`sql-sqlite`) for a `ProjectionTarget` and an optional `SqlDialect`.
    fn resolve(&self, target: &str, dialect: Option<&str>) -> Result<String, Error> {
        let base = target.to_ascii_lowercase().replace('_', "-");
        match (base.as_str(), dialect) {
            ("sql", dialect) => {
                let dialect = dialect
                    .or(self.dialects.first().map(String::as_str))
                    .ok_or_else(|| errors::bad_input("no SQL dialect is available"))?;
                Ok(format!("sql-{}", dialect.to_ascii_lowercase()))
            }
            (_, None) => Ok(base),
            (_, Some(d)) => Err(errors::bad_input(format!(
                "the dialect {d} applies to the SQL target only, not to {target}"
            ))),
        }
    }

    pub(crate) fn enums(&self) -> [(String, Type); 2] {
        [
            named_enum(
                Enum::new(TARGET)
                    .description("What to project a model to. SQL takes a dialect (`SqlDialect`).")
                    .items(self.targets.iter().map(String::as_str)),
            ),
            named_enum(
                Enum::new(DIALECT)
                    .description("The SQL dialect of a SQL projection.")
                    .items(self.dialects.iter().map(String::as_str)),
            ),
        ]
    }

    /// The `target` and `dialect` arguments a projection field takes.
    pub(crate) fn arguments(&self, field: Field) -> Field {
        field
            .argument(InputValue::new("target", nn(TARGET)).description("What to project to."))
            .argument(
                InputValue::new("dialect", TypeRef::named(DIALECT))
                    .description("For SQL only; the first dialect (PostgreSQL) by default."),
            )
    }

    /// The projector name the `target` and `dialect` arguments of a field ask for.
    pub(crate) fn projector_of(&self, ctx: &ResolverContext<'_>) -> Result<String, Error> {
        let target = ctx.args.try_get("target")?.enum_name()?.to_owned();
        let dialect = match ctx.args.get("dialect") {
            Some(d) if !d.is_null() => Some(d.enum_name()?.to_owned()),
            _ => None,
        };
        let name = self.resolve(&target, dialect.as_deref())?;
        let state = ctx.data::<AppState>()?;
        if state.projectors.iter().any(|p| p.target() == name) {
            Ok(name)
        } else {
            Err(errors::bad_input(format!(
                "this server does not project to {name}"
            )))
        }
    }
}
