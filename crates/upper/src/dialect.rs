//! Netflix's Upper dialect: reading a statement written against the Upper
//! Netflix publishes (`https://rdf.netflix.net/ns/upper#`, keys as
//! `upper:keyedOn`, imports as `owl:imports`) as the same statement in uda's Upper.
//!
//! The equivalences are data: `ontologies/upper.ttl` states them with
//! `owl:equivalentClass`, `owl:equivalentProperty` and `owl:sameAs`, uda's
//! term as subject and the spelling it is read from as object. The document
//! reader rewrites every statement with them as it is read, so that the
//! validator, the typed models, the projections and the registry see uda's
//! Upper only; the document remembers how it was written, to say so (W003)
//! and to point at terms as they are spelled in the file.

use crate::vocab;
use oxrdf::{NamedNode, NamedNodeRef, NamedOrBlankNode, Term, Triple};
use oxttl::TurtleParser;
use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

/// The namespace of Netflix's Upper.
pub const NETFLIX_NS: &str = "https://rdf.netflix.net/ns/upper#";

crate::iri_constants! { "http://www.w3.org/2002/07/owl#", const {
    EQUIVALENT_CLASS = "equivalentClass";
    EQUIVALENT_PROPERTY = "equivalentProperty";
    SAME_AS = "sameAs";
}}

/// Whether `iri` is Netflix's Upper or one of its terms.
pub fn is_netflix(iri: &str) -> bool {
    iri.starts_with(NETFLIX_NS) || iri == &NETFLIX_NS[..NETFLIX_NS.len() - 1]
}

/// The equivalences of `ontologies/upper.ttl`, both ways.
struct Table {
    /// A spelling to the uda term it is read as.
    to_uda: HashMap<String, NamedNode>,
    /// A uda term to its other spellings, sorted.
    spellings: HashMap<String, Vec<String>>,
    /// What every spelling starts with (its namespace), so that most IRIs of
    /// a file are passed over without a lookup.
    namespaces: Vec<String>,
    /// The spellings in Netflix's namespace, sorted.
    netflix: Vec<String>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut to_uda = HashMap::new();
        let mut spellings: HashMap<String, Vec<String>> = HashMap::new();
        let mut namespaces = BTreeSet::new();
        // The compiled-in Upper parses (a test says so); were it not to, no
        // spelling would be read and every Netflix term would be reported.
        for triple in TurtleParser::new()
            .for_slice(vocab::UPPER_TTL.as_bytes())
            .flatten()
        {
            let (NamedOrBlankNode::NamedNode(spelling), Term::NamedNode(uda)) =
                (triple.subject, triple.object)
            else {
                continue;
            };
            let uda_term = uda.as_str().starts_with(vocab::NS) || uda.as_str() == vocab::MODEL;
            if !is_equivalence(triple.predicate.as_ref()) || !uda_term {
                continue;
            }
            let end = spelling.as_str().rfind(['#', '/']).map_or(0, |i| i + 1);
            namespaces.insert(spelling.as_str()[..end].to_owned());
            spellings
                .entry(uda.as_str().to_owned())
                .or_default()
                .push(spelling.as_str().to_owned());
            to_uda.insert(spelling.into_string(), uda);
        }
        for list in spellings.values_mut() {
            list.sort();
        }
        // Terms only: the model's own IRIs are no candidates for a misspelt term.
        let mut netflix: Vec<String> = to_uda
            .keys()
            .filter(|s| s.len() > NETFLIX_NS.len() && s.starts_with(NETFLIX_NS))
            .cloned()
            .collect();
        netflix.sort();
        Table {
            to_uda,
            spellings,
            namespaces: namespaces.into_iter().collect(),
            netflix,
        }
    })
}

/// Statements of equivalence are kept as written: rewriting them would turn
/// Upper's own table into `upper:label owl:equivalentProperty upper:label`.
fn is_equivalence(predicate: NamedNodeRef<'_>) -> bool {
    predicate == EQUIVALENT_CLASS || predicate == EQUIVALENT_PROPERTY || predicate == SAME_AS
}

/// The uda term `iri` is read as, when it is another spelling of one.
pub fn uda_term(iri: &str) -> Option<NamedNodeRef<'static>> {
    let table = table();
    if !table
        .namespaces
        .iter()
        .any(|ns| iri.starts_with(ns.as_str()))
    {
        return None;
    }
    table.to_uda.get(iri).map(NamedNode::as_ref)
}

/// The other spellings of the uda term `iri`, sorted (empty for most IRIs).
pub fn spellings(iri: &str) -> &'static [String] {
    table().spellings.get(iri).map_or(&[], Vec::as_slice)
}

/// The Netflix spellings the table knows, sorted: what a misspelt Netflix
/// term is compared with.
pub(crate) fn netflix_spellings() -> impl Iterator<Item = &'static str> + Clone {
    table().netflix.iter().map(String::as_str)
}

/// What the spelling of a statement says about the file it is in.
#[derive(Debug, Default)]
pub(crate) struct Written {
    /// The first IRI of Netflix's Upper in the statement, as written.
    pub netflix: Option<NamedNode>,
    /// The statement names a term of uda's namespace as written.
    pub uda: bool,
}

/// The statement `triple` means in uda's Upper, and how it was written.
pub(crate) fn read(triple: Triple) -> (Triple, Written) {
    let mut written = Written::default();
    if is_equivalence(triple.predicate.as_ref()) {
        return (triple, written);
    }
    let mut term = |n: NamedNode| {
        let iri = n.as_str();
        if iri.starts_with(vocab::NS) {
            written.uda = true;
        } else if is_netflix(iri) && written.netflix.is_none() {
            written.netflix = Some(n.clone());
        }
        uda_term(iri).map_or(n, NamedNodeRef::into_owned)
    };
    let subject = match triple.subject {
        NamedOrBlankNode::NamedNode(n) => NamedOrBlankNode::NamedNode(term(n)),
        other => other,
    };
    let predicate = term(triple.predicate);
    let object = match triple.object {
        Term::NamedNode(n) => Term::NamedNode(term(n)),
        other => other,
    };
    (Triple::new(subject, predicate, object), written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_read_from_upper() {
        assert_eq!(
            uda_term("https://rdf.netflix.net/ns/upper#keyedOn"),
            Some(vocab::PRIMARY_KEY)
        );
        assert_eq!(
            uda_term("http://www.w3.org/2002/07/owl#imports"),
            Some(vocab::IMPORTS)
        );
        for model in ["https://rdf.netflix.net/ns/upper", NETFLIX_NS] {
            assert_eq!(uda_term(model).map(|n| n.as_str()), Some(vocab::MODEL));
        }
        assert_eq!(
            spellings(vocab::PRIMARY_KEY.as_str()),
            [
                "https://rdf.netflix.net/ns/upper#keyedOn",
                "https://rdf.netflix.net/ns/upper#primaryKey"
            ]
        );
        // uda's additions to the core have no Netflix spelling.
        assert_eq!(uda_term("https://rdf.netflix.net/ns/upper#ordered"), None);
        assert_eq!(uda_term("https://rdf.netflix.net/ns/upper#Term"), None);
        assert_eq!(spellings(vocab::LABEL.as_str()).len(), 1);
        assert!(spellings("https://example.org/t#A").is_empty());
    }
}
