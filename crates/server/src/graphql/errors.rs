//! GraphQL errors for everything that can go wrong, each with a stable `code` in its
//! `extensions` (a diagnostic code such as `U031`, or `INCOMPATIBLE`, `UNAUTHORIZED`, ...) and,
//! where the registry says, the offending IRI and the line and column in the source.

use super::values::{change, conflict, dependent, diagnostic, list};
use crate::AuthError;
use async_graphql::{Error, ErrorExtensionValues, ErrorExtensions, Value};
use uda_registry::{RegistryError, Rejection};
use uda_upper::Diagnostic;

/// An error with `extensions.code` set, and whatever else `extend` adds.
pub(crate) fn coded(
    message: impl Into<String>,
    code: &str,
    extend: impl FnOnce(&mut ErrorExtensionValues),
) -> Error {
    let code = code.to_owned();
    Error::new(message).extend_with(move |_, e| {
        e.set("code", code);
        extend(e);
    })
}

/// A request that asks for something impossible (an unknown format, a dialect without SQL...).
pub(crate) fn bad_input(message: impl Into<String>) -> Error {
    coded(message, "BAD_USER_INPUT", |_| {})
}

/// A failure of the server itself, not of the request.
pub(crate) fn internal(message: impl Into<String>) -> Error {
    coded(message, "INTERNAL_SERVER_ERROR", |_| {})
}

/// A refused token: `UNAUTHORIZED` (no or unknown token), `FORBIDDEN` (out of scope) or
/// `UNVERIFIABLE` (what the token may write could not be checked).
pub(crate) fn auth(error: &AuthError) -> Error {
    coded(error.to_string(), auth_code(error), |_| {})
}

/// The `code` of a refused token.
pub(crate) fn auth_code(error: &AuthError) -> &'static str {
    match error {
        AuthError::Unauthenticated(_) => "UNAUTHORIZED",
        AuthError::Forbidden(_) => "FORBIDDEN",
        AuthError::Unverifiable(_) => "UNVERIFIABLE",
    }
}

/// A registry failure: a refused input keeps every detail the registry gives.
pub(crate) fn registry(error: RegistryError) -> Error {
    let message = error.to_string();
    match error {
        RegistryError::Rejected(rejection) => rejected(message, *rejection),
        RegistryError::UnknownModel(name) => {
            coded(message, "UNKNOWN_MODEL", |e| e.set("model", name))
        }
        RegistryError::UnknownVersion { model, version } => {
            coded(message, "UNKNOWN_VERSION", |e| {
                e.set("iri", model);
                e.set("version", version);
            })
        }
        _ => {
            tracing::error!(error = %message, "registry failure");
            internal(message)
        }
    }
}

fn rejected(message: String, rejection: Rejection) -> Error {
    match rejection {
        Rejection::Invalid { diagnostics, .. } => {
            // The first error names the code, IRI and place; every diagnostic is listed.
            let first = diagnostics
                .iter()
                .find(|d| d.is_error())
                .or(diagnostics.first())
                .cloned();
            let code = first.as_ref().map_or("INVALID", |d| d.code.as_str());
            coded(message, code, |e| {
                if let Some(d) = &first {
                    locate(e, d);
                }
                e.set("diagnostics", list(diagnostics.iter().map(diagnostic)));
            })
        }
        Rejection::Incompatible {
            model,
            mode,
            conflicts,
        } => coded(message, "INCOMPATIBLE", |e| {
            e.set("iri", model);
            e.set("mode", mode.as_str());
            e.set("conflicts", list(conflicts.iter().map(conflict)));
            e.set(
                "changes",
                list(conflicts.iter().flat_map(|c| c.changes.iter().map(change))),
            );
        }),
        Rejection::DependentsBroken { model, dependents } => {
            coded(message, "DEPENDENTS_BROKEN", |e| {
                e.set("iri", model);
                e.set("dependents", list(dependents.iter().map(dependent)));
            })
        }
        Rejection::Reserved { model } => coded(message, "RESERVED", |e| e.set("iri", model)),
        Rejection::NameClash { model, existing } => coded(message, "NAME_CLASH", |e| {
            e.set("iri", model);
            e.set("existing", existing);
        }),
        Rejection::Projection { model, error } => coded(message, "PROJECTION_FAILED", |e| {
            e.set("iri", model);
            e.set("target", error.target);
        }),
        Rejection::Ungoverned {
            graph,
            target,
            class,
        } => coded(message, "UNGOVERNED", |e| {
            e.set("iri", graph);
            e.set("target", target);
            e.set("class", class);
        }),
        Rejection::NotConformant {
            graph,
            governing_model,
            problems,
        } => coded(message, "NOT_CONFORMANT", |e| {
            e.set("iri", graph);
            e.set("governingModel", governing_model);
            e.set("problems", list(problems.into_iter().map(Value::from)));
        }),
        Rejection::InUse { model, dependents } => coded(message, "IN_USE", |e| {
            e.set("iri", model);
            e.set("dependents", list(dependents.into_iter().map(Value::from)));
        }),
        Rejection::SystemModel { model } => coded(message, "SYSTEM_MODEL", |e| e.set("iri", model)),
        Rejection::AlreadyDeleted { model } => {
            coded(message, "ALREADY_DELETED", |e| e.set("iri", model))
        }
        Rejection::Refused { .. } => coded(message, "FORBIDDEN", |_| {}),
        Rejection::TimedOut { model, phase } => coded(message, "TIMED_OUT", |e| {
            e.set("iri", model);
            e.set("phase", phase);
        }),
        Rejection::CanonicalizationLimit { model, limit } => coded(message, "TOO_COMPLEX", |e| {
            e.set("model", model);
            e.set("limit", limit);
        }),
        Rejection::MappingRefused { mapping, problems } => coded(message, "MAPPING_REFUSED", |e| {
            e.set("iri", mapping);
            e.set("problems", problems);
        }),
        Rejection::BreaksMappings { artifact, mappings } => {
            coded(message, "BREAKS_MAPPINGS", |e| {
                e.set("iri", artifact);
                let broken: Vec<String> = mappings.into_iter().map(|m| m.mapping).collect();
                e.set("mappings", broken);
            })
        }
    }
}

/// Sets `iri`, `file`, `line` and `column` from a diagnostic.
fn locate(e: &mut ErrorExtensionValues, d: &Diagnostic) {
    if let Some(iri) = &d.iri {
        e.set("iri", iri.as_str());
    }
    if let Some(l) = &d.location {
        e.set("file", &*l.file);
        e.set("line", l.line);
        e.set("column", l.column);
    }
}
