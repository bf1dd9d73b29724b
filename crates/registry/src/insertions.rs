//! A registration's writes as one batch of insertions, when they are only that.
//!
//! oxigraph commits [`Store::extend`] as one plain RocksDB write batch, atomic
//! as a transaction is, while a [`Transaction`](oxigraph::store::Transaction)
//! keeps every write in an indexed batch so that it can read its own writes.
//! For the hundreds of thousands of quads of a registration (every
//! projection's graphs, their current copies and the default-graph union) the
//! index is most of the cost, in time and in memory. So a registration is
//! first written into [`Insertions`]: when it only inserted (the first version
//! of a model), the quads are committed with `extend`; when it also removed
//! anything (a new version replacing the current one), it is written again in
//! a transaction.
//!
//! Reads go to the store. A transaction would also see the registration's own
//! earlier writes, but a registration reads only what it has not written yet:
//! each graph and each catalog entry is written once, and the only reads of
//! other graphs (which triples still hold a place in the default graph) follow
//! a removal, after which the batch is given up anyway.

use crate::catalog::{Quads, Writes};
use oxigraph::model::{
    GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNodeRef, Quad, QuadRef, TermRef,
};
use oxigraph::store::{StorageError, Store};
use std::collections::HashSet;

/// Insertions into the store, held back until [`Insertions::into_quads`].
pub(crate) struct Insertions<'a> {
    store: &'a Store,
    quads: Vec<Quad>,
    /// Named graphs that must exist afterwards, even empty.
    graphs: Vec<NamedNode>,
    /// Set by any write that is not an insertion of a quad.
    other_writes: bool,
}

impl<'a> Insertions<'a> {
    pub(crate) fn new(store: &'a Store) -> Self {
        Insertions {
            store,
            quads: Vec::new(),
            graphs: Vec::new(),
            other_writes: false,
        }
    }

    /// The quads to insert, or `None` when the writes were more than insertions
    /// (or would leave a named graph empty, which only a transaction creates).
    pub(crate) fn into_quads(self) -> Option<Vec<Quad>> {
        if self.other_writes {
            return None;
        }
        let filled: HashSet<NamedNodeRef<'_>> = self
            .quads
            .iter()
            .filter_map(|q| match q.graph_name.as_ref() {
                GraphNameRef::NamedNode(g) => Some(g),
                _ => None,
            })
            .collect();
        let all_filled = self.graphs.iter().all(|g| filled.contains(&g.as_ref()));
        all_filled.then_some(self.quads)
    }
}

/// Commits quads that are only insertions, atomically, with oxigraph's bulk
/// loader: it sorts them into SST files and hands those to RocksDB in one
/// ingestion, which readers see whole or not at all, and which skips the
/// memtable and the write-ahead log that `Store::extend` goes through (their
/// skip-list insertions were most of a registration's time, and replaying
/// the log made the next opening of the store as slow again).
pub(crate) fn commit(store: &Store, quads: Vec<Quad>) -> Result<(), StorageError> {
    // One thread: the registration runs on a request's thread, and a model's
    // quads are one batch (the loader splits only past a million).
    let mut loader = store.bulk_loader().with_num_threads(1);
    loader.load_quads(quads)?;
    loader.commit()
}

impl Quads for Insertions<'_> {
    fn quads(
        &self,
        s: Option<NamedOrBlankNodeRef<'_>>,
        p: Option<NamedNodeRef<'_>>,
        o: Option<TermRef<'_>>,
        g: Option<GraphNameRef<'_>>,
    ) -> Result<Vec<Quad>, StorageError> {
        self.store.quads(s, p, o, g)
    }
}

impl Writes for Insertions<'_> {
    fn insert(&mut self, quad: QuadRef<'_>) {
        self.quads.push(quad.into_owned());
    }

    fn remove(&mut self, _quad: QuadRef<'_>) {
        self.other_writes = true;
    }

    fn insert_named_graph(&mut self, graph: NamedNodeRef<'_>) {
        self.graphs.push(graph.into_owned());
    }

    fn remove_named_graph(&mut self, _graph: NamedNodeRef<'_>) -> Result<(), StorageError> {
        self.other_writes = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{self, CatalogEntry, GraphKind};
    use crate::union::replace_current;
    use oxigraph::model::{Literal, Triple};

    fn dump(store: &Store) -> Vec<String> {
        let mut lines: Vec<String> = store
            .iter()
            .map(|q| q.map(|q| q.to_string()))
            .collect::<Result<_, _>>()
            .unwrap_or_default();
        lines.sort();
        lines
    }

    /// A new current graph and its catalog entry: what a first registration writes.
    fn write_new(tx: &mut impl Writes) -> Result<(), crate::RegistryError> {
        let triple = Triple::new(
            NamedNode::new_unchecked("https://ex.org/s"),
            NamedNode::new_unchecked("https://ex.org/p"),
            Literal::new_simple_literal("o"),
        );
        tx.insert_named_graph(NamedNodeRef::new_unchecked("https://ex.org/g/version/1"));
        tx.insert(QuadRef::new(
            &triple.subject,
            &triple.predicate,
            &triple.object,
            NamedNodeRef::new_unchecked("https://ex.org/g/version/1"),
        ));
        replace_current(tx, "https://ex.org/g", std::slice::from_ref(&triple))?;
        let mut entry = CatalogEntry::new("https://ex.org/g", GraphKind::DomainModel);
        entry.current_version = Some("https://ex.org/g/version/1".to_owned());
        catalog::write(tx, &entry)
    }

    #[test]
    fn insertions_committed_in_bulk_write_what_a_transaction_writes(
    ) -> Result<(), crate::RegistryError> {
        let by_transaction = Store::new()?;
        let mut tx = by_transaction.start_transaction()?;
        write_new(&mut tx)?;
        tx.commit()?;

        let by_insertions = Store::new()?;
        let mut insertions = Insertions::new(&by_insertions);
        write_new(&mut insertions)?;
        let quads = insertions.into_quads().expect("only insertions");
        commit(&by_insertions, quads)?;

        assert_eq!(dump(&by_insertions), dump(&by_transaction));
        assert!(dump(&by_insertions).len() > 3, "{:?}", dump(&by_insertions));
        Ok(())
    }

    #[test]
    fn a_removal_or_an_empty_graph_needs_a_transaction() -> Result<(), crate::RegistryError> {
        let store = Store::new()?;
        let g = NamedNodeRef::new_unchecked("https://ex.org/g");
        let quad = QuadRef::new(g, g, g, g);

        let mut insertions = Insertions::new(&store);
        insertions.insert(quad);
        assert_eq!(insertions.into_quads().map(|q| q.len()), Some(1));

        let mut insertions = Insertions::new(&store);
        insertions.insert(quad);
        insertions.remove(quad);
        assert!(insertions.into_quads().is_none(), "a removal");

        let mut insertions = Insertions::new(&store);
        insertions.insert_named_graph(NamedNodeRef::new_unchecked("https://ex.org/empty"));
        assert!(insertions.into_quads().is_none(), "an empty named graph");

        let mut insertions = Insertions::new(&store);
        insertions.remove_named_graph(g)?;
        assert!(insertions.into_quads().is_none(), "a removed graph");
        Ok(())
    }
}
