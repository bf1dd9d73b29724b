//! Version graphs written ahead of the transaction that publishes them.
//!
//! A new version of a model that already has one cannot be committed as
//! insertions alone (its current graphs change), so it needs a transaction,
//! and a RocksDB transaction keeps every write in an indexed batch: for the
//! tens of thousands of quads of a version's graphs that index was most of a
//! registration's time. But version graphs are new, immutable graphs that no
//! catalog entry names yet, so they can be written before the transaction,
//! with the atomic bulk loader ([`crate::insertions::commit`]); the
//! transaction then writes only what changes in the current graphs and the
//! catalog entries that publish the version. Readers follow the catalog, so
//! they see the version only once it is complete.
//!
//! A crash between the two writes would leave version graphs no catalog entry
//! names. So their names are first recorded in a small graph of their own
//! ([`PENDING_GRAPH`]); the publishing transaction removes that graph, and
//! [`recover`], run when a registry opens and when a registration fails,
//! removes the graphs it still lists.

use crate::insertions;
use crate::names::iri;
use crate::RegistryError;
use oxigraph::model::{GraphNameRef, NamedNode, NamedOrBlankNode, Quad, QuadRef};
use oxigraph::store::Store;

/// The graph listing version graphs written but not yet published.
pub(crate) const PENDING_GRAPH: &str = "https://w3id.org/uda/registry/pending";

fn pending_predicate() -> NamedNode {
    crate::names::cat("pendingGraph")
}

/// Writes `quads` (the version graphs named `graphs`, nothing else) ahead of
/// their publication: first their names into the pending graph, then the
/// quads, each write atomic.
pub(crate) fn write(
    store: &Store,
    graphs: &[String],
    quads: Vec<Quad>,
) -> Result<(), RegistryError> {
    let pending = iri(PENDING_GRAPH);
    let predicate = pending_predicate();
    let mut tx = store.start_transaction()?;
    for graph in graphs {
        tx.insert(QuadRef::new(
            &pending,
            &predicate,
            &iri(graph),
            GraphNameRef::NamedNode(pending.as_ref()),
        ));
    }
    tx.commit()?;
    insertions::commit(store, quads)?;
    Ok(())
}

/// Marks the graphs written ahead as published: called in the transaction
/// that publishes them.
pub(crate) fn settle(tx: &mut impl crate::catalog::Writes) -> Result<(), RegistryError> {
    tx.remove_named_graph(iri(PENDING_GRAPH).as_ref())?;
    Ok(())
}

/// Removes the version graphs a registration wrote ahead and never published
/// (it failed, or the process died), and the list of them.
pub(crate) fn recover(store: &Store) -> Result<(), RegistryError> {
    let pending = iri(PENDING_GRAPH);
    if !store.contains_named_graph(pending.as_ref())? {
        return Ok(());
    }
    let predicate = pending_predicate();
    let mut tx = store.start_transaction()?;
    for quad in store.quads_for_pattern(
        None,
        Some(predicate.as_ref()),
        None,
        Some(GraphNameRef::NamedNode(pending.as_ref())),
    ) {
        if let oxigraph::model::Term::NamedNode(graph) = quad?.object {
            tx.remove_named_graph(graph.as_ref())?;
        }
    }
    tx.remove_named_graph(pending.as_ref())?;
    tx.commit()?;
    Ok(())
}

/// Whether `graph` is the pending list, which [`crate::Registry::verify`]
/// does not expect a catalog entry for.
pub(crate) fn is_pending_graph(graph: &NamedOrBlankNode) -> bool {
    matches!(graph, NamedOrBlankNode::NamedNode(n) if n.as_str() == PENDING_GRAPH)
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::Literal;

    fn version_quad(graph: &str) -> Quad {
        Quad::new(
            iri("https://ex.org/s"),
            iri("https://ex.org/p"),
            Literal::new_simple_literal("o"),
            iri(graph),
        )
    }

    fn graphs(store: &Store) -> Vec<String> {
        let mut names: Vec<String> = store
            .named_graphs()
            .map(|g| g.map(|g| g.to_string()))
            .collect::<Result<_, _>>()
            .unwrap_or_default();
        names.sort();
        names
    }

    #[test]
    fn unpublished_graphs_are_removed_by_recovery() -> Result<(), RegistryError> {
        let store = Store::new()?;
        let kept = version_quad("https://ex.org/m/version/1");
        store.insert(&kept)?;
        let graph = "https://ex.org/m/version/2";
        write(&store, &[graph.to_owned()], vec![version_quad(graph)])?;
        assert_eq!(graphs(&store).len(), 3, "{:?}", graphs(&store));

        recover(&store)?;
        assert_eq!(graphs(&store), ["<https://ex.org/m/version/1>"]);
        assert!(store.contains(&kept)?);
        Ok(())
    }

    #[test]
    fn published_graphs_stay_and_the_list_goes() -> Result<(), RegistryError> {
        let store = Store::new()?;
        let graph = "https://ex.org/m/version/2";
        write(&store, &[graph.to_owned()], vec![version_quad(graph)])?;
        let mut tx = store.start_transaction()?;
        settle(&mut tx)?;
        tx.commit()?;

        recover(&store)?;
        assert_eq!(graphs(&store), [format!("<{graph}>")]);
        Ok(())
    }
}
