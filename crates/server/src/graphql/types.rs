//! The registry's own GraphQL types, hand-written around the ones projected from Upper:
//! versions, registration results, catalog entries, deletions, diagnostics,
//! changes and compatibility modes (projections and mappings are in `projection.rs`, what the
//! registry adds to `DomainModel` in `model.rs`).

use super::fields::{mode, named, named_enum, nn, nn_list, of, plain_object, string, strings};
use super::model::model_node;
use super::projection::{self, projections_of, PROJECTION};
use super::scope::Scope;
use super::targets::Targets;
use super::values::{change, diagnostic, list, object, serde_name};
use async_graphql::dynamic::{Enum, Field, FieldFuture, FieldValue, Object, Type, TypeRef};
use async_graphql::Value;
use std::sync::Arc;
use uda_registry::{CatalogEntry, CompatibilityMode, Outcome, Registered};

pub(crate) const VERSION: &str = "Version";
pub(crate) const CATALOG_ENTRY: &str = "CatalogEntry";
pub(crate) const REGISTRATION: &str = "RegistrationResult";
pub(crate) const DELETION: &str = "Deletion";
pub(crate) const COMPATIBILITY: &str = "CompatibilityMode";
const DIAGNOSTIC: &str = "Diagnostic";
const CHANGE: &str = "Change";
const PROJECTION_CHANGE: &str = "ProjectionChange";

fn s() -> TypeRef {
    TypeRef::named(TypeRef::STRING)
}

fn s_nn() -> TypeRef {
    nn(TypeRef::STRING)
}

fn s_list() -> TypeRef {
    nn_list(TypeRef::STRING)
}

/// A registration and the version it registered.
pub(crate) struct RegistrationRef {
    pub registered: Registered,
    /// The stored version; `None` on a dry run that would create one.
    pub scope: Option<Arc<Scope>>,
}

/// A catalog entry as the `CatalogEntry` GraphQL type.
pub(crate) fn catalog_entry(e: &CatalogEntry) -> Value {
    object([
        ("graph", string(&e.graph)),
        ("kind", e.kind.map(|k| serde_name(&k)).into()),
        ("governedBy", e.governed_by.as_deref().into()),
        ("imports", strings(&e.imports)),
        ("derivedFrom", e.derived_from.as_deref().into()),
        ("target", e.target.as_deref().into()),
        ("location", e.location.as_deref().into()),
        ("containerName", e.container_name.as_deref().into()),
        ("versionOf", e.version_of.as_deref().into()),
        ("version", e.version.into()),
        ("currentVersion", e.current_version.as_deref().into()),
        ("hash", e.hash.as_deref().into()),
        ("createdAt", e.created_at.as_deref().into()),
        ("principal", e.principal.as_deref().into()),
        ("compatibility", e.compatibility.map(mode).into()),
        ("deletedAt", e.deleted_at.as_deref().into()),
        ("deletedBy", e.deleted_by.as_deref().into()),
    ])
}

/// Every hand-written type. `domain_model` is the name of the type realizing
/// `upper:DomainModel`, `term` of the one realizing `upper:Term`.
pub(crate) fn types(targets: &Targets, domain_model: &str, term: &str) -> Vec<(String, Type)> {
    let mut out = vec![
        named(diagnostic_type()),
        named(projection_change_type()),
        named(change_type()),
        named(catalog_entry_type()),
        named(deletion_type()),
        named_enum(
            Enum::new(COMPATIBILITY)
                .description(
                    "Which earlier versions a new version must stay compatible with \
                     (Confluent's modes).",
                )
                .items(CompatibilityMode::ALL.iter().map(|m| m.as_str())),
        ),
        named(registration_type(domain_model)),
    ];
    out.extend(targets.enums());
    out.extend(super::discovery::types(term));
    out.extend(projection::types());
    out
}

fn diagnostic_type() -> Object {
    plain_object(
        DIAGNOSTIC,
        "A problem found in a model: a stable code, a message, the offending IRI and its place.",
        vec![
            (
                "code",
                s_nn(),
                "The stable code, e.g. `U031` (see the uda-upper README).",
            ),
            ("severity", s_nn(), "`error` or `warning`."),
            ("message", s_nn(), "What is wrong, for modellers."),
            ("iri", s(), "The offending IRI."),
            (
                "file",
                s(),
                "The source it is written in (a registration's `sourceName`).",
            ),
            (
                "line",
                TypeRef::named(TypeRef::INT),
                "The line, from 1 (0: unknown, for formats without positions).",
            ),
            (
                "column",
                TypeRef::named(TypeRef::INT),
                "The column, from 1 (0: unknown).",
            ),
            ("notes", s_list(), "Further explanation."),
            ("help", s(), "How to fix it."),
        ],
    )
}

fn projection_change_type() -> Object {
    plain_object(
        PROJECTION_CHANGE,
        "What a model change does to the schema of one projection.",
        vec![
            (
                "target",
                s_nn(),
                "The projection target (`graphql`, `avro`, `sql-postgres`...).",
            ),
            (
                "description",
                s_nn(),
                "The change to the schema's elements.",
            ),
        ],
    )
}

fn change_type() -> Object {
    let flag = || nn(TypeRef::BOOLEAN);
    plain_object(
        CHANGE,
        "One semantic change between two versions of a model.",
        vec![
            (
                "kind",
                s_nn(),
                "What kind of change (`property_added`, `cardinality_tightened`...).",
            ),
            ("term", s_nn(), "The IRI of the term that changed."),
            (
                "class",
                s(),
                "For a property attached to or detached from a class: that class.",
            ),
            ("description", s_nn(), "The change in the modeller's words."),
            (
                "breaksBackward",
                flag(),
                "Readers using the new version can no longer read data written with the old.",
            ),
            (
                "breaksForward",
                flag(),
                "Readers using the old version can no longer read data written with the new.",
            ),
            (
                "projections",
                nn_list(PROJECTION_CHANGE),
                "What the change does to each projection.",
            ),
        ],
    )
}

fn catalog_entry_type() -> Object {
    plain_object(
        CATALOG_ENTRY,
        "What the catalog says about one named graph of the registry.",
        vec![
            ("graph", s_nn(), "The graph's name."),
            (
                "kind",
                s(),
                "`metamodel`, `system_model`, `mapping_model`, `domain_model`, \
                 `container_representation`, `container`, `mappings` or `catalog`.",
            ),
            (
                "governedBy",
                s(),
                "The version graph of the model governing it.",
            ),
            (
                "imports",
                s_list(),
                "The version graphs of the models it imports.",
            ),
            (
                "derivedFrom",
                s(),
                "For a projection: the model version graph it was projected from.",
            ),
            (
                "target",
                s(),
                "For a projection: its target; for an existing container: its system.",
            ),
            ("location", s(), "For an existing container: where it is."),
            (
                "containerName",
                s(),
                "For an existing container: its name within its location.",
            ),
            (
                "versionOf",
                s(),
                "For a version graph: the artifact's current graph.",
            ),
            (
                "version",
                TypeRef::named(TypeRef::INT),
                "For a version: its number.",
            ),
            (
                "currentVersion",
                s(),
                "For a current graph: the version graph it holds (absent once deleted).",
            ),
            (
                "hash",
                s(),
                "`sha256:` and the SHA-256 of the canonical N-Quads.",
            ),
            ("createdAt", s(), "When it was registered (xsd:dateTime)."),
            ("principal", s(), "Who registered it."),
            (
                "compatibility",
                TypeRef::named(COMPATIBILITY),
                "For a domain model: the mode its new versions are checked under.",
            ),
            ("deletedAt", s(), "For a deleted model: when."),
            ("deletedBy", s(), "For a deleted model: by whom."),
        ],
    )
}

fn deletion_type() -> Object {
    plain_object(
        DELETION,
        "What deleting a model did.",
        vec![
            ("model", s_nn(), "The model's IRI."),
            (
                "removedGraphs",
                s_list(),
                "The current graphs removed: the model's and its projections'.",
            ),
            (
                "lastVersion",
                nn(TypeRef::INT),
                "The last version, still readable under its version graph.",
            ),
        ],
    )
}

/// `Version`; the caller adds its federation `@key` to the subgraph schema.
pub(crate) fn version_type(domain_model: &str) -> Object {
    let model = Field::new("domainModel", nn(domain_model), |ctx| {
        FieldFuture::new(async move {
            let scope = ctx.parent_value.try_downcast_ref::<Arc<Scope>>()?;
            Ok(Some(model_node(scope.clone())))
        })
    })
    .description("The model as it is in this version.");
    type V = Arc<Scope>;
    Object::new(VERSION)
        .description("One version of a model, as the catalog records it.")
        .field(of::<V>("model", s_nn(), "The model's IRI.", |v| {
            string(&v.model.iri)
        }))
        .field(of::<V>(
            "version",
            nn(TypeRef::INT),
            "The version number, from 1.",
            |v| v.version.version.into(),
        ))
        .field(of::<V>(
            "graph",
            s_nn(),
            "The graph holding this version.",
            |v| string(&v.version.graph),
        ))
        .field(of::<V>(
            "hash",
            s_nn(),
            "`sha256:` and the SHA-256 of the canonical N-Quads: the version's identity.",
            |v| string(&v.version.hash),
        ))
        .field(of::<V>(
            "createdAt",
            s_nn(),
            "When it was registered (xsd:dateTime).",
            |v| string(&v.version.created_at),
        ))
        .field(of::<V>("principal", s_nn(), "Who registered it.", |v| {
            string(&v.version.principal)
        }))
        .field(of::<V>(
            "imports",
            s_list(),
            "The version graphs of the models it was registered with.",
            |v| strings(&v.version.imports),
        ))
        .field(of::<V>(
            "current",
            nn(TypeRef::BOOLEAN),
            "Whether this is the version plain queries see.",
            |v| v.version.current.into(),
        ))
        .field(model)
}

fn registration_type(domain_model: &str) -> Object {
    let projections = Field::new("projections", nn_list(PROJECTION), |ctx| {
        FieldFuture::new(async move {
            let r = ctx.parent_value.try_downcast_ref::<RegistrationRef>()?;
            match &r.scope {
                Some(scope) => projections_of(&ctx, scope.clone()).await,
                None => Ok(Some(FieldValue::list(Vec::<FieldValue>::new()))),
            }
        })
    })
    .description(
        "The projections of the version, one per target; none on a dry run that would create \
         a version.",
    );
    let model = Field::new("domainModel", TypeRef::named(domain_model), |ctx| {
        FieldFuture::new(async move {
            let r = ctx.parent_value.try_downcast_ref::<RegistrationRef>()?;
            Ok(r.scope.clone().map(model_node))
        })
    })
    .description("The registered version of the model; null on a dry run that would create one.");
    type R = RegistrationRef;
    Object::new(REGISTRATION)
        .description("The result of registering a model.")
        .field(of::<R>("model", s_nn(), "The model's IRI.", |r| {
            string(&r.registered.model)
        }))
        .field(of::<R>(
            "version",
            nn(TypeRef::INT),
            "The version: new, or the current one when unchanged.",
            |r| r.registered.version.into(),
        ))
        .field(of::<R>(
            "hash",
            s_nn(),
            "The content hash of the version.",
            |r| string(&r.registered.hash),
        ))
        .field(of::<R>(
            "changed",
            nn(TypeRef::BOOLEAN),
            "False when the content equals the current version's: nothing was (on a dry run, would be) \
             written.",
            |r| (r.registered.outcome != Outcome::Unchanged).into(),
        ))
        .field(of::<R>(
            "written",
            nn(TypeRef::BOOLEAN),
            "True when this registration stored a new version (false when unchanged, and on a \
             dry run).",
            |r| (r.registered.outcome == Outcome::Created).into(),
        ))
        .field(of::<R>("graph", s_nn(), "The version's graph.", |r| {
            string(&r.registered.graph)
        }))
        .field(of::<R>(
            "changes",
            nn_list(CHANGE),
            "The changes from the previous version (none for a first or unchanged version).",
            |r| list(r.registered.changes.iter().map(change)),
        ))
        .field(of::<R>(
            "warnings",
            nn_list(DIAGNOSTIC),
            "Validation warnings.",
            |r| list(r.registered.warnings.iter().map(diagnostic)),
        ))
        .field(projections)
        .field(model)
}
