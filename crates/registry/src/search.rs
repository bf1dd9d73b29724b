//! Finding terms: by name, a case-insensitive search over the local names,
//! labels and descriptions of the terms of every current model; by IRI, the
//! current model stating each of many terms.

use crate::catalog::Quads;
use crate::{Registry, RegistryError};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{GraphNameRef, NamedNode, NamedOrBlankNodeRef, Term as RdfTerm, TermRef};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use uda_upper::{local_name, vocab as upper};

/// Where a search term was found in a term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SearchField {
    LocalName,
    Label,
    Description,
}

/// A term of a current model that matches a search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchHit {
    /// The term's IRI.
    pub iri: String,
    /// The model whose current graph states the term.
    pub model: String,
    /// The Upper class of the term (e.g. `upper:DirectClass`), the smallest IRI when several.
    pub kind: String,
    pub label: Option<String>,
    pub description: Option<String>,
    /// Where the search term occurs, most telling first.
    pub matched: Vec<SearchField>,
}

/// What a model's graph says of one term.
struct Term {
    /// Its Upper classes.
    kinds: Vec<String>,
    label: Option<String>,
    description: Option<String>,
}

impl Registry {
    /// The terms of every current model (system models included) whose local
    /// name, `upper:label` or `upper:description` contains `term`, ignoring
    /// case. A term is a node typed with an Upper class in a model's graph.
    /// Exact name matches come first, then matches in names, labels,
    /// descriptions; ties by model and IRI. At most `limit` hits.
    pub fn search(&self, term: &str, limit: usize) -> Result<Vec<SearchHit>, RegistryError> {
        let needle = term.trim().to_lowercase();
        if needle.is_empty() {
            return Ok(Vec::new());
        }
        let mut hits: Vec<(u8, SearchHit)> = Vec::new();
        for model in self.models()? {
            if model.current_version.is_none() {
                continue;
            }
            let graph = self.graph(&model.iri)?;
            let mut terms: BTreeMap<String, Term> = BTreeMap::new();
            for t in graph.triples_for_predicate(rdf::TYPE) {
                let (NamedOrBlankNodeRef::NamedNode(s), TermRef::NamedNode(class)) =
                    (t.subject, t.object)
                else {
                    continue;
                };
                if class.as_str().starts_with(upper::NS) {
                    let text = |p| match graph.object_for_subject_predicate(s, p) {
                        Some(TermRef::Literal(l)) => Some(l.value().to_owned()),
                        _ => None,
                    };
                    terms
                        .entry(s.as_str().to_owned())
                        .or_insert_with(|| Term {
                            kinds: Vec::new(),
                            label: text(upper::LABEL),
                            description: text(upper::DESCRIPTION),
                        })
                        .kinds
                        .push(class.as_str().to_owned());
                }
            }
            for (iri, term) in terms {
                let Term {
                    mut kinds,
                    label,
                    description,
                } = term;
                let name = local_name(&iri).to_lowercase();
                let contains = |text: &Option<String>| {
                    text.as_ref()
                        .is_some_and(|t| t.to_lowercase().contains(&needle))
                };
                let mut matched = Vec::new();
                if name.contains(&needle) {
                    matched.push(SearchField::LocalName);
                }
                if contains(&label) {
                    matched.push(SearchField::Label);
                }
                if contains(&description) {
                    matched.push(SearchField::Description);
                }
                let Some(first) = matched.first() else {
                    continue;
                };
                let exact =
                    name == needle || label.as_ref().is_some_and(|l| l.to_lowercase() == needle);
                let rank = if exact { 0 } else { 1 + *first as u8 };
                kinds.sort();
                hits.push((
                    rank,
                    SearchHit {
                        iri,
                        model: model.iri.clone(),
                        kind: kinds.swap_remove(0),
                        label,
                        description,
                        matched,
                    },
                ));
            }
        }
        hits.sort_by(|(ra, a), (rb, b)| (ra, &a.model, &a.iri).cmp(&(rb, &b.model, &b.iri)));
        Ok(hits.into_iter().take(limit).map(|(_, h)| h).collect())
    }

    /// For each of `iris`, the current model (system models included) whose
    /// current graph types it with an Upper class; IRIs no current model
    /// states are left out. When several do (a model typing a class it
    /// extends), the model whose IRI the term's begins with wins, then the
    /// smallest IRI. One read of the catalog and one index lookup per IRI,
    /// whatever the number of models: what a batch of federation entity
    /// references costs.
    pub fn term_models<'a>(
        &self,
        iris: impl IntoIterator<Item = &'a str>,
    ) -> Result<BTreeMap<String, String>, RegistryError> {
        let current: BTreeSet<String> = self
            .models()?
            .into_iter()
            .filter(|m| m.current_version.is_some())
            .map(|m| m.iri)
            .collect();
        let mut out = BTreeMap::new();
        for iri in iris {
            let Ok(subject) = NamedNode::new(iri) else {
                continue;
            };
            let mut stating = BTreeSet::new();
            for q in self
                .store
                .quads(Some(subject.as_ref().into()), Some(rdf::TYPE), None, None)?
            {
                let upper_typed =
                    matches!(&q.object, RdfTerm::NamedNode(c) if c.as_str().starts_with(upper::NS));
                if let (true, GraphNameRef::NamedNode(g)) = (upper_typed, q.graph_name.as_ref()) {
                    if current.contains(g.as_str()) {
                        stating.insert(g.as_str().to_owned());
                    }
                }
            }
            let own = stating
                .iter()
                .find(|m| iri.starts_with(m.trim_end_matches(['#', '/'])))
                .or_else(|| stating.first());
            if let Some(model) = own {
                out.insert(iri.to_owned(), model.clone());
            }
        }
        Ok(out)
    }
}
