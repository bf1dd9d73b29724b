//! The search index: for each domain model and existing container, a named
//! graph of the words of its terms' or elements' names, labels and
//! descriptions, written in the commit that registers the version; and the
//! vocabulary of every name and label word indexed, which prefix and typo
//! matching scan.
//!
//! Only words are indexed (a few quads per term, not a copy of the graph),
//! and a new version writes only the index quads that differ. Projected
//! containers are not indexed: their elements are named after the model's
//! terms, which are, and `trace` reaches them from there.

use crate::catalog::{Quads, Writes};
use crate::names::iri;
use crate::{GraphKind, RegistryError};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{
    GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef, Term, Triple,
};
use oxigraph::store::Store;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::{Arc, Mutex};
use uda_projection::MAP_NS;
use uda_search::{phrase, words, Entry};
use uda_upper::{local_name, vocab as upper};

/// Index graphs are named by this prefix followed by the artifact's current graph name.
pub const INDEX_GRAPH_PREFIX: &str = "https://w3id.org/uda/registry/index/";
/// The graph holding the vocabulary: every word of a name or label indexed.
pub const VOCABULARY_GRAPH: &str = "https://w3id.org/uda/registry/index";
/// The index vocabulary.
pub const IDX_NS: &str = "https://w3id.org/uda/registry/index#";

const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";

/// Container classes whose elements only repeat another element's name (a
/// key's part, a directive's application): not worth finding.
const UNINDEXED_KINDS: [&str; 3] = ["key-part", "directive-application", "directive-argument"];

pub(crate) fn idx(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{IDX_NS}{local}"))
}

/// The index graph of the artifact whose current graph is `artifact`.
pub fn index_graph(artifact: &str) -> String {
    format!("{INDEX_GRAPH_PREFIX}{artifact}")
}

/// The artifact an index graph indexes.
pub(crate) fn indexed_artifact(graph: &str) -> Option<&str> {
    graph.strip_prefix(INDEX_GRAPH_PREFIX)
}

/// Whether `graph` belongs to the index (no catalog entry describes it).
pub(crate) fn is_index_graph(graph: &str) -> bool {
    graph == VOCABULARY_GRAPH || graph.starts_with(INDEX_GRAPH_PREFIX)
}

/// Whether artifacts of `kind` are indexed.
pub(crate) fn indexed_kind(kind: Option<GraphKind>) -> bool {
    matches!(kind, Some(GraphKind::DomainModel | GraphKind::Container))
}

/// One indexed term or container element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Indexed {
    pub(crate) iri: String,
    pub(crate) kind: String,
    pub(crate) entry: Entry,
}

/// The search kind of a domain term, from its Upper classes (best first) or SKOS.
fn term_kind(class: &str) -> Option<(u8, &'static str)> {
    let local = class.strip_prefix(upper::NS);
    Some(match local {
        Some("DomainModel") => (0, "model"),
        Some("DirectClass" | "NestedClass" | "Class") => (1, "class"),
        Some("Enumeration") => (2, "enumeration"),
        Some("EnumValue") => (3, "enum-value"),
        Some("Attribute" | "Relationship" | "Property") => (4, "property"),
        Some("Datatype") => (5, "datatype"),
        _ if class == format!("{SKOS}Concept") => (6, "concept"),
        _ => return None,
    })
}

/// A container element's kind: its class's local name in kebab case (`sql:Column` is `column`).
pub(crate) fn element_kind(class: &str) -> String {
    let mut out = String::new();
    for (i, c) in local_name(class).chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('-');
        }
        out.extend(c.to_lowercase());
    }
    out
}

#[derive(Default)]
struct Facts {
    kind: Option<(u8, String)>,
    entry: Entry,
}

/// What the graph of an artifact of `kind` gives the index, by IRI.
pub(crate) fn entries(kind: GraphKind, triples: &[Triple]) -> Vec<Indexed> {
    let container = kind == GraphKind::Container;
    let mut facts: BTreeMap<&str, Facts> = BTreeMap::new();
    for t in triples {
        let NamedOrBlankNode::NamedNode(s) = &t.subject else {
            continue;
        };
        let p = t.predicate.as_str();
        let f = facts.entry(s.as_str()).or_default();
        match (&t.object, p) {
            (Term::NamedNode(class), _) if t.predicate == rdf::TYPE => {
                let found = if container {
                    Some((0, element_kind(class.as_str())))
                } else {
                    term_kind(class.as_str()).map(|(rank, k)| (rank, k.to_owned()))
                };
                if let Some(found) = found {
                    if f.kind.as_ref().is_none_or(|k| found < *k) {
                        f.kind = Some(found);
                    }
                }
            }
            (Term::Literal(l), _) => {
                let text = l.value();
                let e = &mut f.entry;
                if container {
                    if p == format!("{MAP_NS}name") {
                        e.names.push(phrase(text));
                    }
                } else if p == upper::LABEL.as_str()
                    || p == format!("{RDFS}label")
                    || p == format!("{SKOS}prefLabel")
                {
                    e.labels.push(phrase(text));
                } else if p == format!("{SKOS}altLabel") || p == format!("{SKOS}hiddenLabel") {
                    e.alt_labels.push(phrase(text));
                } else if p == upper::DESCRIPTION.as_str()
                    || p == format!("{SKOS}definition")
                    || p == format!("{RDFS}comment")
                {
                    e.description_words.extend(words(text));
                } else if p == upper::DOMAIN.as_str() {
                    e.names.push(phrase(text));
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for (iri, mut f) in facts {
        let Some((_, kind)) = f.kind else { continue };
        if container && (UNINDEXED_KINDS.contains(&kind.as_str()) || f.entry.names.is_empty()) {
            continue;
        }
        let e = &mut f.entry;
        if !container {
            e.names.push(phrase(local_name(iri)));
        }
        for list in [&mut e.labels, &mut e.alt_labels, &mut e.names] {
            list.retain(|p| !p.is_empty());
            list.sort();
            list.dedup();
        }
        e.description_words.sort();
        e.description_words.dedup();
        out.push(Indexed {
            iri: iri.to_owned(),
            kind,
            entry: f.entry,
        });
    }
    out
}

/// The words of an entry's labels and names: what `idx:word` lists.
pub(crate) fn name_words(entry: &Entry) -> BTreeSet<&str> {
    entry
        .labels
        .iter()
        .chain(&entry.alt_labels)
        .chain(&entry.names)
        .flat_map(|p| p.split(' '))
        .filter(|w| !w.is_empty())
        .collect()
}

/// The index graph's triples for `entries`.
pub(crate) fn triples(entries: &[Indexed]) -> Vec<Triple> {
    let mut out = Vec::new();
    for e in entries {
        let s = iri(&e.iri);
        let mut add = |p: &str, v: &str| {
            out.push(Triple::new(
                s.clone(),
                idx(p),
                Literal::new_simple_literal(v),
            ));
        };
        let named = name_words(&e.entry);
        // What ranking needs, in one literal: a candidate costs one read.
        let mut entry = e.kind.clone();
        for (field, list) in [
            ("label", &e.entry.labels),
            ("altLabel", &e.entry.alt_labels),
            ("name", &e.entry.names),
        ] {
            for v in list {
                entry.push_str(&format!("\n{field}\t{v}"));
            }
        }
        let about: Vec<&String> = e
            .entry
            .description_words
            .iter()
            .filter(|w| !named.contains(w.as_str()))
            .collect();
        for w in &about {
            entry.push_str(&format!("\nabout\t{w}"));
        }
        add("entry", &entry);
        for w in &named {
            add("word", w);
        }
        for w in about {
            add("about", w);
        }
    }
    out
}

fn vocabulary_quad(word: &str) -> Quad {
    let g = iri(VOCABULARY_GRAPH);
    Quad::new(
        idx("vocabulary"),
        idx("word"),
        Literal::new_simple_literal(word),
        g,
    )
}

/// Sets the index of `artifact` (of `kind`) to what `triples`, its new
/// current content, give: only the differences are written, and new words
/// join the vocabulary.
pub(crate) fn replace(
    tx: &mut impl Writes,
    artifact: &str,
    kind: GraphKind,
    triples: &[Triple],
) -> Result<(), RegistryError> {
    let new = self::triples(&entries(kind, triples));
    write_index(tx, artifact, &new)
}

fn write_index(tx: &mut impl Writes, artifact: &str, new: &[Triple]) -> Result<(), RegistryError> {
    let g = iri(&index_graph(artifact));
    let name = GraphNameRef::NamedNode(g.as_ref());
    let old: Vec<Triple> = tx
        .graph_before(g.as_ref())?
        .into_iter()
        .map(Triple::from)
        .collect();
    let old_set: HashSet<&Triple> = old.iter().collect();
    let new_set: HashSet<&Triple> = new.iter().collect();
    for t in old.iter().filter(|t| !new_set.contains(t)) {
        tx.remove(QuadRef::new(&t.subject, &t.predicate, &t.object, name));
    }
    let word = idx("word");
    let mut vocabulary = BTreeSet::new();
    for t in new.iter().filter(|t| !old_set.contains(t)) {
        tx.insert(QuadRef::new(&t.subject, &t.predicate, &t.object, name));
        if let (true, Term::Literal(l)) = (t.predicate == word, &t.object) {
            vocabulary.insert(l.value());
        }
    }
    for w in vocabulary {
        tx.insert(vocabulary_quad(w).as_ref());
    }
    Ok(())
}

/// Removes the index of `artifact` (deleted).
pub(crate) fn remove(tx: &mut impl Writes, artifact: &str) -> Result<(), RegistryError> {
    tx.remove_named_graph(iri(&index_graph(artifact)).as_ref())?;
    Ok(())
}

/// The vocabulary, read once and kept until the index changes.
#[derive(Default)]
pub(crate) struct VocabularyCache(Mutex<Option<Arc<BTreeSet<String>>>>);

impl VocabularyCache {
    pub(crate) fn get(&self, store: &impl Quads) -> Result<Arc<BTreeSet<String>>, RegistryError> {
        let mut cached = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(words) = &*cached {
            return Ok(words.clone());
        }
        let g = iri(VOCABULARY_GRAPH);
        let words: BTreeSet<String> = store
            .quads(
                Some(idx("vocabulary").as_ref().into()),
                Some(idx("word").as_ref()),
                None,
                Some(g.as_ref().into()),
            )?
            .into_iter()
            .filter_map(|q| match q.object {
                Term::Literal(l) => Some(l.value().to_owned()),
                _ => None,
            })
            .collect();
        let words = Arc::new(words);
        *cached = Some(words.clone());
        Ok(words)
    }

    /// Called after every write that may add words.
    pub(crate) fn forget(&self) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }
}

/// An index graph's entry for `subject`: its kind and what it is matched on.
pub(crate) fn read_entry(
    store: &Store,
    subject: NamedNodeRef<'_>,
    graph: NamedNodeRef<'_>,
) -> Result<Option<Indexed>, RegistryError> {
    let predicate = idx("entry");
    let found = store
        .quads_for_pattern(
            Some(subject.into()),
            Some(predicate.as_ref()),
            None,
            Some(graph.into()),
        )
        .next()
        .transpose()?;
    let Some(Term::Literal(text)) = found.map(|q| q.object) else {
        return Ok(None);
    };
    let mut lines = text.value().split('\n');
    let kind = lines.next().unwrap_or_default().to_owned();
    let mut entry = Entry::default();
    for line in lines {
        let Some((field, v)) = line.split_once('\t') else {
            continue;
        };
        let list = match field {
            "label" => &mut entry.labels,
            "altLabel" => &mut entry.alt_labels,
            "name" => &mut entry.names,
            "about" => &mut entry.description_words,
            _ => continue,
        };
        list.push(v.to_owned());
    }
    Ok(Some(Indexed {
        iri: subject.as_str().to_owned(),
        kind,
        entry,
    }))
}

/// What the index should hold: each index graph's triples, by name, and the vocabulary.
type Expected = (BTreeMap<String, Vec<Triple>>, BTreeSet<String>);

/// What the index of every current indexed artifact should hold, by index
/// graph name, and the vocabulary: from the current graphs.
pub(crate) fn expected(
    store: &Store,
    artifacts: &[(String, GraphKind)],
) -> Result<Expected, RegistryError> {
    let mut graphs = BTreeMap::new();
    let mut vocabulary = BTreeSet::new();
    for (artifact, kind) in artifacts {
        let content = crate::registry::graph_triples(store, artifact)?;
        let entries = entries(*kind, &content);
        for e in &entries {
            vocabulary.extend(name_words(&e.entry).into_iter().map(str::to_owned));
        }
        graphs.insert(index_graph(artifact), triples(&entries));
    }
    Ok((graphs, vocabulary))
}

impl crate::Registry {
    /// Every current domain model and existing container: what the index covers.
    fn indexed_artifacts(&self) -> Result<Vec<(String, GraphKind)>, RegistryError> {
        let mut out = Vec::new();
        for g in self.current_graphs()? {
            if let Some(e) = crate::catalog::read(&self.store, g.as_str())? {
                if indexed_kind(e.kind) && e.version_of.is_none() && e.is_current() {
                    out.push((e.graph, e.kind.unwrap_or(GraphKind::DomainModel)));
                }
            }
        }
        Ok(out)
    }

    /// The index graphs the store holds.
    fn stored_index_graphs(&self) -> Result<BTreeSet<String>, RegistryError> {
        let mut out = BTreeSet::new();
        for g in self.store.named_graphs() {
            if let NamedOrBlankNode::NamedNode(n) = g? {
                if n.as_str().starts_with(INDEX_GRAPH_PREFIX) {
                    out.insert(n.into_string());
                }
            }
        }
        Ok(out)
    }

    /// Where the search index differs from the current graphs (`verify`).
    pub(crate) fn verify_index(&self) -> Result<Vec<String>, RegistryError> {
        let (expected, vocabulary) = expected(&self.store, &self.indexed_artifacts()?)?;
        let mut problems = Vec::new();
        let sorted = |triples: Vec<Triple>| -> BTreeSet<String> {
            triples.iter().map(ToString::to_string).collect()
        };
        for (graph, triples) in &expected {
            let stored = crate::registry::graph_triples(&self.store, graph)?;
            if sorted(stored) != sorted(triples.clone()) {
                problems.push(format!(
                    "the search index of <{}> is stale (`uda verify --repair` rebuilds it)",
                    indexed_artifact(graph).unwrap_or(graph)
                ));
            }
        }
        for graph in self.stored_index_graphs()? {
            if !expected.contains_key(&graph) {
                problems.push(format!(
                    "the search index holds <{}>, which is no current model or container (`uda verify --repair` removes it)",
                    indexed_artifact(&graph).unwrap_or(&graph)
                ));
            }
        }
        let stored = VocabularyCache::default().get(&self.store)?;
        let missing = vocabulary.difference(&stored).count();
        if missing > 0 {
            problems.push(format!(
                "the search index's vocabulary lacks {missing} words (`uda verify --repair` rebuilds it)"
            ));
        }
        Ok(problems)
    }

    /// Rebuilds the search index from the current graphs, in one transaction;
    /// returns how many problems `verify` reported about it before.
    pub fn repair_index(&self) -> Result<usize, RegistryError> {
        let _guard = self.lock();
        let found = self.verify_index()?.len();
        if found > 0 {
            self.rebuild_index()?;
        }
        Ok(found)
    }

    /// Writes the whole index anew (the writer lock is held).
    pub(crate) fn rebuild_index(&self) -> Result<(), RegistryError> {
        let (expected, vocabulary) = expected(&self.store, &self.indexed_artifacts()?)?;
        let mut tx = self.store.start_transaction()?;
        for graph in self.stored_index_graphs()? {
            if !expected.contains_key(&graph) {
                tx.remove_named_graph(iri(&graph).as_ref())?;
            }
        }
        tx.remove_named_graph(iri(VOCABULARY_GRAPH).as_ref())?;
        for (graph, triples) in &expected {
            let artifact = indexed_artifact(graph).unwrap_or(graph);
            write_index(&mut tx, artifact, triples)?;
        }
        for w in &vocabulary {
            tx.insert(vocabulary_quad(w).as_ref());
        }
        tx.commit()?;
        self.vocabulary.forget();
        Ok(())
    }

    /// Builds the index of a data directory written before there was one.
    pub(crate) fn index_if_missing(&self) -> Result<(), RegistryError> {
        if self
            .store
            .contains_named_graph(iri(VOCABULARY_GRAPH).as_ref())?
        {
            return Ok(());
        }
        let _guard = self.lock();
        if self.indexed_artifacts()?.is_empty() {
            return Ok(());
        }
        self.rebuild_index()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_kebab_case_local_names() {
        assert_eq!(element_kind("https://w3id.org/uda/sql#Column"), "column");
        assert_eq!(
            element_kind("https://w3id.org/uda/graphql#ObjectType"),
            "object-type"
        );
    }
}
