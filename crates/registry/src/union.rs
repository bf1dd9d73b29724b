//! The default graph: the union of the current graphs, kept materialized.
//!
//! Plain queries must see every artifact's current version and the catalog,
//! and no old version. oxigraph's "default graph as union" would take in the
//! old versions, and listing the current graphs as the query's default graph
//! makes every triple pattern a union over thousands of graphs (a query over
//! 1,000 models took tens of seconds). So the store's own default graph holds
//! the union, maintained in the same transaction as the current graphs: a
//! triple enters it with the first current graph that has it and leaves it
//! with the last.

use crate::catalog::Quads;
use crate::names::{cat, iri, CATALOG_GRAPH};
use crate::RegistryError;
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, QuadRef, Triple};
use oxigraph::store::Transaction;
use std::collections::HashSet;

fn quad<'a>(t: &'a Triple, g: GraphNameRef<'a>) -> QuadRef<'a> {
    QuadRef::new(&t.subject, &t.predicate, &t.object, g)
}

/// Sets the content of current graph `graph` to `triples`, writing only the
/// differences, and keeps the default graph the union of the current graphs.
pub(crate) fn replace_current(
    tx: &mut Transaction<'_>,
    graph: &str,
    triples: &[Triple],
) -> Result<(), RegistryError> {
    let g = iri(graph);
    let name = GraphNameRef::NamedNode(g.as_ref());
    let old: Vec<Triple> = tx
        .quads(None, None, None, Some(name))?
        .into_iter()
        .map(Triple::from)
        .collect();
    let old_set: HashSet<&Triple> = old.iter().collect();
    let new_set: HashSet<&Triple> = triples.iter().collect();
    tx.insert_named_graph(g.as_ref());
    let mut gone = Vec::new();
    for t in &old {
        if !new_set.contains(t) {
            tx.remove(quad(t, name));
            gone.push(t.clone());
        }
    }
    for t in triples {
        if !old_set.contains(t) {
            tx.insert(quad(t, name));
            tx.insert(quad(t, GraphNameRef::DefaultGraph));
        }
    }
    drop_from_default(tx, &gone, graph)
}

/// Removes current graph `graph`, and from the default graph what no other
/// current graph holds.
pub(crate) fn remove_current(tx: &mut Transaction<'_>, graph: &str) -> Result<(), RegistryError> {
    let g = iri(graph);
    let old: Vec<Triple> = tx
        .quads(None, None, None, Some(GraphNameRef::NamedNode(g.as_ref())))?
        .into_iter()
        .map(Triple::from)
        .collect();
    tx.remove_named_graph(g.as_ref())?;
    drop_from_default(tx, &old, graph)
}

/// Adds triples to the catalog graph (always current).
pub(crate) fn insert_catalog(tx: &mut Transaction<'_>, triples: &[Triple]) {
    let g = iri(CATALOG_GRAPH);
    for t in triples {
        tx.insert(quad(t, GraphNameRef::NamedNode(g.as_ref())));
        tx.insert(quad(t, GraphNameRef::DefaultGraph));
    }
}

/// Removes triples from the catalog graph.
pub(crate) fn remove_catalog(
    tx: &mut Transaction<'_>,
    triples: &[Triple],
) -> Result<(), RegistryError> {
    let g = iri(CATALOG_GRAPH);
    for t in triples {
        tx.remove(quad(t, GraphNameRef::NamedNode(g.as_ref())));
    }
    drop_from_default(tx, triples, CATALOG_GRAPH)
}

/// Removes from the default graph each of `triples` that no current graph
/// other than `leaving` (nor the catalog) still holds.
fn drop_from_default(
    tx: &mut Transaction<'_>,
    triples: &[Triple],
    leaving: &str,
) -> Result<(), RegistryError> {
    let catalog = iri(CATALOG_GRAPH);
    let current_version = cat("currentVersion");
    for t in triples {
        let mut held = false;
        for q in tx.quads(
            Some(t.subject.as_ref()),
            Some(t.predicate.as_ref()),
            Some(t.object.as_ref()),
            None,
        )? {
            let GraphName::NamedNode(g) = &q.graph_name else {
                continue;
            };
            if g.as_str() == leaving {
                continue;
            }
            if *g == catalog || is_current(tx, g, &catalog, &current_version)? {
                held = true;
                break;
            }
        }
        if !held {
            tx.remove(quad(t, GraphNameRef::DefaultGraph));
        }
    }
    Ok(())
}

fn is_current(
    tx: &Transaction<'_>,
    graph: &NamedNode,
    catalog: &NamedNode,
    current_version: &NamedNode,
) -> Result<bool, RegistryError> {
    let found = tx
        .quads_for_pattern(
            Some(graph.as_ref().into()),
            Some(current_version.as_ref()),
            None,
            Some(catalog.as_ref().into()),
        )
        .next();
    match found {
        Some(Ok(_)) => Ok(true),
        Some(Err(e)) => Err(e.into()),
        None => Ok(false),
    }
}
