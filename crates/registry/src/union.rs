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

use crate::catalog::{Quads, Writes};
use crate::names::{cat, iri, CATALOG_GRAPH};
use crate::RegistryError;
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, QuadRef, Triple};
use std::collections::HashSet;

fn quad<'a>(t: &'a Triple, g: GraphNameRef<'a>) -> QuadRef<'a> {
    QuadRef::new(&t.subject, &t.predicate, &t.object, g)
}

/// Sets the content of current graph `graph` to `triples`, writing only the
/// differences, and keeps the default graph the union of the current graphs.
pub(crate) fn replace_current(
    tx: &mut impl Writes,
    graph: &str,
    triples: &[Triple],
) -> Result<(), RegistryError> {
    let g = iri(graph);
    let name = GraphNameRef::NamedNode(g.as_ref());
    let old: Vec<Triple> = tx
        .graph_before(g.as_ref())?
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
pub(crate) fn remove_current(tx: &mut impl Writes, graph: &str) -> Result<(), RegistryError> {
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
pub(crate) fn insert_catalog(tx: &mut impl Writes, triples: &[Triple]) {
    let g = iri(CATALOG_GRAPH);
    for t in triples {
        tx.insert(quad(t, GraphNameRef::NamedNode(g.as_ref())));
        tx.insert(quad(t, GraphNameRef::DefaultGraph));
    }
}

/// Removes triples from the catalog graph.
pub(crate) fn remove_catalog(
    tx: &mut impl Writes,
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
    tx: &mut impl Writes,
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
    tx: &impl Quads,
    graph: &NamedNode,
    catalog: &NamedNode,
    current_version: &NamedNode,
) -> Result<bool, RegistryError> {
    // A graph has one catalog entry, with at most one current version.
    let found = tx.quads(
        Some(graph.as_ref().into()),
        Some(current_version.as_ref()),
        None,
        Some(catalog.as_ref().into()),
    )?;
    Ok(!found.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{Literal, Quad};
    use oxigraph::store::Store;

    fn default_graph(store: &Store) -> Vec<String> {
        let mut out: Vec<String> = store
            .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph))
            .map(|q| q.map(|q| Triple::from(q).to_string()))
            .collect::<Result<_, _>>()
            .unwrap_or_default();
        out.sort();
        out
    }

    #[test]
    fn a_triple_leaves_the_union_with_its_last_current_graph() -> Result<(), RegistryError> {
        let store = Store::new()?;
        let t = |o: &str| {
            Triple::new(
                NamedNode::new_unchecked("https://ex.org/s"),
                NamedNode::new_unchecked("https://ex.org/p"),
                Literal::new_simple_literal(o),
            )
        };
        let (shared, only_a, only_b) = (t("shared"), t("a"), t("b"));
        let mut tx = store.start_transaction()?;
        for g in ["https://ex.org/a", "https://ex.org/b"] {
            // The catalog marks both graphs current.
            tx.insert(&Quad::new(
                iri(g),
                cat("currentVersion"),
                iri(&format!("{g}/version/1")),
                iri(CATALOG_GRAPH),
            ));
        }
        replace_current(
            &mut tx,
            "https://ex.org/a",
            &[shared.clone(), only_a.clone()],
        )?;
        replace_current(
            &mut tx,
            "https://ex.org/b",
            &[shared.clone(), only_b.clone()],
        )?;
        tx.commit()?;
        assert_eq!(default_graph(&store).len(), 3);

        let mut tx = store.start_transaction()?;
        // a changes: `a` goes, `shared` stays (b holds it too).
        replace_current(&mut tx, "https://ex.org/a", &[])?;
        tx.commit()?;
        assert_eq!(
            default_graph(&store),
            vec![only_b.to_string(), shared.to_string()]
        );

        let mut tx = store.start_transaction()?;
        remove_current(&mut tx, "https://ex.org/b")?;
        tx.commit()?;
        assert_eq!(default_graph(&store), Vec::<String>::new());
        Ok(())
    }
}
