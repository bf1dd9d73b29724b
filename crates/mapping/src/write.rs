//! Mappings written back as RDF in uda's vocabulary, whatever the vocabulary
//! they were read in: the form the registry stores, and the form it reads a
//! stored graph back from.

use crate::read::{read, FieldMapping, Located, Mappings};
use oxrdf::vocab::rdf;
use oxrdf::{BlankNode, Graph, Literal, NamedNode, NamedOrBlankNode, Term, Triple};
use uda_projection::MAP_NS;

fn map(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{MAP_NS}{local}"))
}

fn iri(value: &str) -> NamedNode {
    NamedNode::new_unchecked(value)
}

/// The graph of `mappings` in uda's vocabulary: the `map:MappingSet` (with
/// `map:target` `target`, the container's system, when there is a set),
/// each `map:Mapping` under its IRI (a blank node when it had none), field
/// and concept mappings as blank nodes, every `map:fromProperty` an RDF list.
pub fn to_graph(mappings: &Mappings, target: &str) -> Graph {
    let mut g = Graph::new();
    let mut add = |s: &NamedOrBlankNode, p: NamedNode, o: Term| {
        g.insert(&Triple::new(s.clone(), p, o));
    };
    if let Some(set) = &mappings.set {
        let s = NamedOrBlankNode::from(iri(&set.iri.iri));
        add(&s, rdf::TYPE.into_owned(), map("MappingSet").into());
        add(&s, map("domainModel"), iri(&set.domain_model.iri).into());
        add(&s, map("container"), iri(&set.container.iri).into());
        add(
            &s,
            map("target"),
            Literal::new_simple_literal(target).into(),
        );
    }
    for m in &mappings.mappings {
        let node: NamedOrBlankNode =
            match m.node.strip_prefix('<').and_then(|n| n.strip_suffix('>')) {
                Some(n) => iri(n).into(),
                None => BlankNode::default().into(),
            };
        add(&node, rdf::TYPE.into_owned(), map("Mapping").into());
        add(&node, map("toDataAsset"), iri(&m.data_asset.iri).into());
        add(
            &node,
            map("forPrimaryConcept"),
            iri(&m.primary_concept.iri).into(),
        );
        for fm in &m.fields {
            let f = field_mapping(&mut add, fm);
            add(&node, map("fieldMapping"), f.into());
        }
        for related in &m.related {
            let cm = NamedOrBlankNode::from(BlankNode::default());
            add(&node, map("forRelatedConcept"), cm.clone().into());
            add(&cm, rdf::TYPE.into_owned(), map("ConceptMapping").into());
            add(&cm, map("forConcept"), iri(&related.concept.iri).into());
            for fm in &related.fields {
                let f = field_mapping(&mut add, fm);
                add(&cm, map("fieldMapping"), f.into());
            }
        }
    }
    g
}

/// Writes one field mapping; returns its node.
fn field_mapping(
    add: &mut impl FnMut(&NamedOrBlankNode, NamedNode, Term),
    fm: &FieldMapping,
) -> NamedOrBlankNode {
    let f = NamedOrBlankNode::from(BlankNode::default());
    add(&f, rdf::TYPE.into_owned(), map("FieldMapping").into());
    add(&f, map("toField"), iri(&fm.field.iri).into());
    // Always a list: `map:fromProperty` is ordered, so the mapping model's
    // shapes expect one even for a single step.
    let mut property: Term = rdf::NIL.into_owned().into();
    for step in fm.path.iter().rev() {
        let cell = NamedOrBlankNode::from(BlankNode::default());
        add(&cell, rdf::FIRST.into_owned(), iri(&step.iri).into());
        add(&cell, rdf::REST.into_owned(), property);
        property = cell.into();
    }
    add(&f, map("fromProperty"), property);
    f
}

/// Reads mappings back from a graph (a stored one), named `label` in
/// locations, which are then lines of the graph written as N-Triples.
pub fn read_graph(label: &str, graph: &Graph) -> Result<Mappings, Vec<Located>> {
    let mut text = String::new();
    for t in graph {
        text.push_str(&t.to_string());
        text.push_str(" .\n");
    }
    read(label, &text)
}
