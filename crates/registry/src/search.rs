//! Finding domain terms and container elements by the words people use:
//! candidates from the search index (`index`), ranked by `uda_search::rank`;
//! and by IRI, the current model stating each of many terms.

use crate::catalog::Quads;
use crate::index::{idx, indexed_artifact, read_entry};
use crate::names::iri;
use crate::{catalog, GraphKind, Registry, RegistryError};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Term,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::ops::Bound;
use uda_projection::MAP_NS;
use uda_search::{max_edits, rank, within, Match, Query};
use uda_upper::{local_name, vocab as upper};

/// The most vocabulary words one query word expands to (prefixes, typos).
const MAX_CANDIDATE_WORDS: usize = 256;
/// The most index entries one search ranks: a bound on its work.
const MAX_CANDIDATES: usize = 20_000;
/// The most hits one search returns.
pub const MAX_SEARCH_LIMIT: usize = 1_000;

/// Postings to read, `(predicate, word)`, and the tiers complete once they are read.
type Stage = (Vec<(NamedNode, String)>, Match);

/// What to search for besides the words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchOptions {
    /// Only hits of these kinds (`class`, `property`, `table`, `column`…); all when empty.
    pub kinds: Vec<String>,
    /// At most this many hits (at most [`MAX_SEARCH_LIMIT`]).
    pub limit: usize,
}

impl Default for SearchOptions {
    fn default() -> Self {
        Self {
            kinds: Vec::new(),
            limit: 20,
        }
    }
}

/// A domain term or container element found by a search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    pub iri: String,
    /// `model`, `class`, `property`, `enumeration`, `enum-value`,
    /// `datatype`, `concept`; for a container element its class in kebab
    /// case (`table`, `column`, `object-type`, `field`, `record`…).
    pub kind: String,
    /// The tier it was found in, best first: exact, prefix, word, fuzzy, description.
    pub matched: Match,
    /// What matched, in words.
    pub why: String,
    /// Its local name, or the element's name in its container.
    pub name: String,
    pub label: Option<String>,
    pub description: Option<String>,
    /// A domain term: its model's `upper:domain` and IRI.
    pub domain: Option<String>,
    pub model: Option<String>,
    /// A container element: its container's graph, system and access path.
    pub container: Option<String>,
    pub system: Option<String>,
    pub path: Option<String>,
    /// A domain term: how many containers realize it.
    pub realized_in: Option<usize>,
}

impl Registry {
    /// The domain terms of the current models and the elements of the
    /// current existing containers whose labels, names or descriptions match
    /// `text` (see `uda_search`), best first: exact, prefix, word, fuzzy,
    /// description; ties by IRI.
    pub fn search(
        &self,
        text: &str,
        options: &SearchOptions,
    ) -> Result<Vec<SearchHit>, RegistryError> {
        let query = Query::parse(text)?;
        let limit = options.limit.min(MAX_SEARCH_LIMIT);
        let mut ranked = Vec::new();
        let mut seen = HashSet::new();
        // Candidates come in stages, each completing the tiers up to its
        // own: once those hold `limit` hits, later stages cannot change them.
        for (postings, complete) in self.stages(&query)? {
            for (predicate, word) in postings {
                let object = Literal::new_simple_literal(word);
                for quad in self.store.quads_for_pattern(
                    None,
                    Some(predicate.as_ref()),
                    Some(object.as_ref().into()),
                    None,
                ) {
                    let quad = quad?;
                    let (NamedOrBlankNode::NamedNode(s), GraphName::NamedNode(g)) =
                        (quad.subject, quad.graph_name)
                    else {
                        continue;
                    };
                    if seen.len() >= MAX_CANDIDATES {
                        break;
                    }
                    if indexed_artifact(g.as_str()).is_none()
                        || !seen.insert((s.clone(), g.clone()))
                    {
                        continue;
                    }
                    let Some(found) = read_entry(&self.store, s.as_ref(), g.as_ref())? else {
                        continue;
                    };
                    if !options.kinds.is_empty() && !options.kinds.contains(&found.kind) {
                        continue;
                    }
                    if let Some(r) = rank(&query, &found.entry) {
                        ranked.push((r.tier, s.into_string(), g.into_string(), found.kind, r.why));
                    }
                }
            }
            if ranked.iter().filter(|r| r.0 <= complete).count() >= limit {
                break;
            }
        }
        ranked.sort();
        ranked.truncate(limit);
        ranked
            .into_iter()
            .map(|(tier, subject, graph, kind, why)| self.hit(&subject, &graph, kind, tier, why))
            .collect()
    }

    /// The postings to read, in stages: the query's longest word (likely its
    /// rarest) exactly, the vocabulary's words it is a prefix of, those
    /// within its edits, and descriptions holding it; with the best tier
    /// each stage's candidates cannot reach.
    fn stages(&self, query: &Query) -> Result<Vec<Stage>, RegistryError> {
        let driver = query
            .words
            .iter()
            .max_by_key(|w| w.chars().count())
            .map_or("", String::as_str);
        let vocabulary = self.vocabulary.get(&self.store)?;
        let word = |w: &str| (idx("word"), w.to_owned());
        let mut prefixed = Vec::new();
        if driver.len() >= 2 {
            let after = (Bound::Excluded(driver), Bound::Unbounded);
            prefixed.extend(
                vocabulary
                    .range::<str, _>(after)
                    .take_while(|w| w.starts_with(driver))
                    .take(MAX_CANDIDATE_WORDS)
                    .map(|w| word(w)),
            );
        }
        let edits = max_edits(driver);
        let fuzzy: Vec<_> = if edits > 0 {
            vocabulary
                .iter()
                .filter(|w| !w.starts_with(driver) && within(driver, w, edits))
                .take(MAX_CANDIDATE_WORDS)
                .map(|w| word(w))
                .collect()
        } else {
            Vec::new()
        };
        Ok(vec![
            (vec![word(driver)], Match::Exact),
            (prefixed, Match::Word),
            (fuzzy, Match::Fuzzy),
            (vec![(idx("about"), driver.to_owned())], Match::Description),
        ])
    }

    /// A ranked candidate with what the artifact's graph says of it.
    fn hit(
        &self,
        subject: &str,
        index_graph: &str,
        kind: String,
        matched: Match,
        why: String,
    ) -> Result<SearchHit, RegistryError> {
        let artifact = indexed_artifact(index_graph).unwrap_or_default();
        let entry = catalog::read(&self.store, artifact)?;
        let g = iri(artifact);
        let s = iri(subject);
        let text = |predicates: &[&str]| -> Result<Option<String>, RegistryError> {
            let mut found = Vec::new();
            for p in predicates {
                found.extend(literals(self, s.as_ref(), &iri(p), g.as_ref())?);
            }
            Ok(shown(found))
        };
        let mut hit = SearchHit {
            iri: subject.to_owned(),
            kind,
            matched,
            why,
            name: local_name(subject).to_owned(),
            label: None,
            description: None,
            domain: None,
            model: None,
            container: None,
            system: None,
            path: None,
            realized_in: None,
        };
        if entry.as_ref().and_then(|e| e.kind) == Some(GraphKind::Container) {
            let name = text(&[&format!("{MAP_NS}name")])?;
            hit.name = name.unwrap_or(hit.name);
            hit.container = Some(artifact.to_owned());
            hit.system = entry.and_then(|e| e.target);
            hit.path = Some(self.access_path(s.as_ref(), g.as_ref())?);
        } else {
            hit.label = text(&[
                upper::LABEL.as_str(),
                "http://www.w3.org/2000/01/rdf-schema#label",
                "http://www.w3.org/2004/02/skos/core#prefLabel",
            ])?;
            hit.description = text(&[
                upper::DESCRIPTION.as_str(),
                "http://www.w3.org/2004/02/skos/core#definition",
                "http://www.w3.org/2000/01/rdf-schema#comment",
            ])?;
            let model = iri(artifact);
            hit.domain = shown(literals(
                self,
                model.as_ref(),
                &upper::DOMAIN.into_owned(),
                g.as_ref(),
            )?);
            hit.model = Some(artifact.to_owned());
            hit.realized_in = Some(self.realizing_containers(subject)?);
        }
        Ok(hit)
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
                    matches!(&q.object, Term::NamedNode(c) if c.as_str().starts_with(upper::NS));
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

/// The literal values of `predicate` on `subject` in graph `g`.
fn literals(
    registry: &Registry,
    subject: NamedNodeRef<'_>,
    predicate: &oxigraph::model::NamedNode,
    g: NamedNodeRef<'_>,
) -> Result<Vec<Literal>, RegistryError> {
    let mut out = Vec::new();
    for q in registry.store.quads_for_pattern(
        Some(subject.into()),
        Some(predicate.as_ref()),
        None,
        Some(GraphNameRef::NamedNode(g)),
    ) {
        if let Term::Literal(l) = q?.object {
            out.push(l);
        }
    }
    Ok(out)
}

/// The text to show of several, as `uda_upper::Localized::shown` picks it:
/// the untagged one, else English, else the first by language tag.
fn shown(mut texts: Vec<Literal>) -> Option<String> {
    texts.sort_by(|a, b| {
        let key = |l: &Literal| match l.language() {
            None => (0, String::new()),
            Some("en") => (1, String::new()),
            Some(t) if t.starts_with("en-") => (2, t.to_owned()),
            Some(t) => (3, t.to_owned()),
        };
        (key(a), a.value()).cmp(&(key(b), b.value()))
    });
    texts.first().map(|l| l.value().to_owned())
}
