//! Who owns what, as authorization needs it: what a source declares (its model, its name, the
//! terms it states outside its own namespace) and, from the registry, the names a model is known
//! by, the namespaces of the registered models and which current models define a term.
//!
//! Every lookup fails closed: a store error, or a registered domain model the store gives no
//! name for, is an error, which refuses the write (never an empty answer, which would let the
//! source's own declarations decide alone).

use oxrdf::vocab::rdf;
use oxrdf::{GraphNameRef, NamedNodeRef, NamedOrBlankNodeRef, QuadRef, TermRef};
use std::collections::BTreeSet;
use uda_registry::oxigraph::model::{GraphName, Term};
use uda_registry::{GraphKind, ModelSource, Registry, RegistryError};
use uda_upper::vocab as upper;

/// Why ownership could not be established.
pub(super) type LookupError = String;

fn store_error(e: impl std::fmt::Display) -> LookupError {
    format!("the registry could not be read: {e}")
}

/// What a source declares, as far as authorization cares.
pub(super) struct Declared {
    pub model: String,
    pub domain: Option<String>,
    /// Named subjects outside the model's namespace, with whether they get `upper:property`
    /// arcs without being defined in the source (an extension).
    pub foreign: Vec<(String, bool)>,
}

impl Declared {
    /// Parses the source as the registry does (same base IRI); `None` when it cannot be parsed
    /// or declares no model.
    pub fn read(source: &ModelSource) -> Option<Declared> {
        let doc = source.parse().ok()?;
        let graph = doc.graph();
        let model = graph
            .subjects_for_predicate_object(rdf::TYPE, upper::DOMAIN_MODEL)
            .filter_map(|s| match s {
                NamedOrBlankNodeRef::NamedNode(n) => Some(n.as_str()),
                NamedOrBlankNodeRef::BlankNode(_) => None,
            })
            .min()?
            .to_owned();
        let domain = graph
            .object_for_subject_predicate(NamedNodeRef::new_unchecked(&model), upper::DOMAIN)
            .and_then(|o| match o {
                TermRef::Literal(l) => Some(l.value().to_owned()),
                _ => None,
            });
        let bare = trim_namespace(&model);
        let own = |iri: &str| {
            trim_namespace(iri) == bare
                || iri
                    .strip_prefix(bare)
                    .is_some_and(|rest| rest.starts_with('#') || rest.starts_with('/'))
        };
        let mut subjects: BTreeSet<&str> = BTreeSet::new();
        for t in graph.iter() {
            if let NamedOrBlankNodeRef::NamedNode(s) = t.subject {
                if !own(s.as_str()) {
                    subjects.insert(s.as_str());
                }
            }
        }
        let foreign = subjects
            .into_iter()
            .map(|s| {
                let node = NamedNodeRef::new_unchecked(s);
                let defined = graph
                    .object_for_subject_predicate(node, rdf::TYPE)
                    .is_some();
                let extends = graph
                    .object_for_subject_predicate(node, upper::PROPERTY)
                    .is_some();
                (s.to_owned(), extends && !defined)
            })
            .collect();
        Some(Declared {
            model,
            domain,
            foreign,
        })
    }
}

/// The registered model `name` (IRI or domain name) resolves to; `None` when the registry
/// knows no such model (then it is checked as given).
pub(super) fn resolve(registry: &Registry, name: &str) -> Result<Option<String>, LookupError> {
    match registry.resolve(name) {
        Ok(iri) => Ok(Some(iri)),
        Err(RegistryError::UnknownModel(_)) => Ok(None),
        Err(e) => Err(store_error(e)),
    }
}

/// The `upper:domain` names the registry knows the model `iri` by: its current name, or for a
/// deleted model the names its versions had. Empty for a model the registry does not know; an
/// error for a registered domain model without a name (the store is inconsistent).
pub(super) fn registered_names(
    registry: &Registry,
    iri: &str,
) -> Result<BTreeSet<String>, LookupError> {
    let Ok(node) = NamedNodeRef::new(iri) else {
        return Ok(BTreeSet::new());
    };
    let store = registry.store();
    let names = |graph: Option<GraphNameRef<'_>>| -> Result<BTreeSet<String>, LookupError> {
        let mut out = BTreeSet::new();
        for quad in store.quads_for_pattern(Some(node.into()), Some(upper::DOMAIN), None, graph) {
            if let Term::Literal(l) = quad.map_err(store_error)?.object {
                out.insert(l.value().to_owned());
            }
        }
        Ok(out)
    };
    let mut found = names(Some(GraphNameRef::NamedNode(node)))?;
    if found.is_empty() {
        found = names(None)?;
    }
    if found.is_empty() && is_registered_domain_model(registry, iri)? {
        return Err(format!(
            "the registry has the domain model <{iri}> but no upper:domain name for it"
        ));
    }
    Ok(found)
}

fn is_registered_domain_model(registry: &Registry, iri: &str) -> Result<bool, LookupError> {
    Ok(registry
        .models()
        .map_err(store_error)?
        .iter()
        .any(|m| m.iri == iri && m.kind == GraphKind::DomainModel))
}

/// Registered (not deleted) models, system models included, by namespace: `(namespace, model
/// IRI)`, with both the `#` and the `/` namespace of each model.
pub(super) fn namespace_owners(registry: &Registry) -> Result<Vec<(String, String)>, LookupError> {
    let models = registry.models().map_err(store_error)?;
    Ok(models
        .into_iter()
        .filter(|m| {
            !m.deleted
                && matches!(
                    m.kind,
                    GraphKind::DomainModel
                        | GraphKind::SystemModel
                        | GraphKind::Metamodel
                        | GraphKind::MappingModel
                )
        })
        .flat_map(|m| {
            let bare = trim_namespace(&m.iri).to_owned();
            [
                (format!("{bare}#"), m.iri.clone()),
                (format!("{bare}/"), m.iri),
            ]
        })
        .collect())
}

/// Which current models define (type) each of `terms`: `(term, model IRI)`. A model's current
/// graph is named by its IRI and declares it a DomainModel; version graphs are named otherwise,
/// so this sees only current models.
pub(super) fn definers(
    registry: &Registry,
    terms: &[(String, bool)],
) -> Result<Vec<(String, String)>, LookupError> {
    let store = registry.store();
    let mut out = BTreeSet::new();
    for (term, _) in terms {
        let Ok(node) = NamedNodeRef::new(term) else {
            return Err(format!("<{term}> is not an IRI"));
        };
        for quad in store.quads_for_pattern(Some(node.into()), Some(rdf::TYPE), None, None) {
            let quad = quad.map_err(store_error)?;
            let GraphName::NamedNode(graph) = &quad.graph_name else {
                continue;
            };
            let declares = QuadRef::new(
                graph,
                rdf::TYPE,
                upper::DOMAIN_MODEL,
                GraphNameRef::NamedNode(graph.as_ref()),
            );
            if store.contains(declares).map_err(store_error)? {
                out.insert((term.clone(), graph.as_str().to_owned()));
            }
        }
    }
    Ok(out.into_iter().collect())
}

/// `https://example.org/studio#` and `https://example.org/studio/` name the model
/// `https://example.org/studio`.
pub(super) fn trim_namespace(iri: &str) -> &str {
    iri.trim_end_matches(['#', '/'])
}
