//! Registry and model facts as GraphQL values: the plain objects (diagnostics, changes...) that
//! both results and error extensions carry.

use async_graphql::{Name, Value};
use uda_registry::{Change, Conflict, DependentFailure};
use uda_upper::Diagnostic;

pub(crate) fn list(values: impl IntoIterator<Item = Value>) -> Value {
    Value::List(values.into_iter().collect())
}

/// A GraphQL object value from `(field, value)` pairs; null values are kept.
pub(crate) fn object<const N: usize>(pairs: [(&str, Value); N]) -> Value {
    Value::Object(pairs.into_iter().map(|(k, v)| (Name::new(k), v)).collect())
}

/// A diagnostic as the `Diagnostic` GraphQL type (and in error extensions).
pub(crate) fn diagnostic(d: &Diagnostic) -> Value {
    let location = d.location.as_ref();
    object([
        ("code", d.code.as_str().into()),
        (
            "severity",
            if d.is_error() { "error" } else { "warning" }.into(),
        ),
        ("message", d.message.as_str().into()),
        ("iri", d.iri.as_deref().into()),
        ("file", location.map(|l| &*l.file).into()),
        ("line", location.map(|l| l.line).into()),
        ("column", location.map(|l| l.column).into()),
        ("notes", list(d.notes.iter().map(|n| n.as_str().into()))),
        ("help", d.help.as_deref().into()),
    ])
}

/// A model change as the `Change` GraphQL type, with what it does to each projection.
pub(crate) fn change(c: &Change) -> Value {
    object([
        ("kind", serde_name(&c.kind).into()),
        ("term", c.term.as_str().into()),
        ("class", c.class.as_deref().into()),
        ("description", c.description.as_str().into()),
        ("breaksBackward", c.breaks.backward.into()),
        ("breaksForward", c.breaks.forward.into()),
        (
            "projections",
            list(c.projections.iter().map(|p| {
                object([
                    ("target", p.target.as_str().into()),
                    ("description", p.description.as_str().into()),
                ])
            })),
        ),
    ])
}

pub(crate) fn conflict(c: &Conflict) -> Value {
    object([
        ("version", c.version.into()),
        ("changes", list(c.changes.iter().map(change))),
    ])
}

pub(crate) fn dependent(d: &DependentFailure) -> Value {
    object([
        ("iri", d.model.as_str().into()),
        ("diagnostics", list(d.diagnostics.iter().map(diagnostic))),
    ])
}

/// The name serde gives a unit variant (`property_added`): the registry's stable spelling.
pub(crate) fn serde_name(value: &impl serde::Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}
