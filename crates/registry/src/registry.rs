//! The registry: its store, the writer lock, opening a data directory.

use crate::catalog::Quads;
use crate::conformance::{Conformance, GoverningShapesCheck};
use crate::error::RegistryError;
use oxigraph::model::{GraphNameRef, NamedNode, Triple};
use oxigraph::store::Store;
use std::sync::{Mutex, MutexGuard};
use uda_upper::ModelSet;

/// The system models, validated, and the models that govern other graphs.
pub(crate) struct System {
    pub(crate) models: ModelSet,
}

/// The knowledge graph of models: see the crate documentation.
pub struct Registry {
    pub(crate) store: Store,
    pub(crate) location: String,
    /// Registrations read, check and write under this lock: oxigraph's
    /// transactions are atomic but do not detect write conflicts, and
    /// version numbers must be allocated without gaps or duplicates.
    pub(crate) writer: Mutex<()>,
    pub(crate) system: System,
    pub(crate) conformance: Box<dyn Conformance>,
    /// The search index's vocabulary, read at the first search (see `index`).
    pub(crate) vocabulary: crate::index::VocabularyCache,
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registry")
            .field("location", &self.location)
            .finish_non_exhaustive()
    }
}

impl Registry {
    /// Opens (creating if needed) the registry in data directory `dir`, and
    /// bootstraps or upgrades the system models in it.
    #[cfg(feature = "rocksdb")]
    pub fn open(dir: impl AsRef<std::path::Path>) -> Result<Self, RegistryError> {
        let dir = dir.as_ref();
        let location = dir.display().to_string();
        let open_error = |message: String| RegistryError::Open {
            path: location.clone(),
            message,
        };
        // A non-empty directory that is not a store (RocksDB writes CURRENT)
        // is somebody else's: do not scatter database files into it.
        let foreign = std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some())
            && !Self::exists(dir);
        if foreign {
            return Err(RegistryError::NotARegistry { path: location });
        }
        std::fs::create_dir_all(dir).map_err(|e| open_error(e.to_string()))?;
        let store = Store::open(dir).map_err(|e| {
            let mut message = e.to_string();
            if message.contains("lock") {
                message.push_str(" (is another uda process using this data directory?)");
            }
            open_error(message)
        })?;
        Self::with_store(store, location)
    }

    /// A registry in memory: for tests, fuzzing and dry runs against no data directory.
    pub fn in_memory() -> Result<Self, RegistryError> {
        Self::with_store(Store::new()?, "memory".to_owned())
    }

    /// Whether `dir` looks like a data directory (for tools that must not create one).
    #[cfg(feature = "rocksdb")]
    pub fn exists(dir: impl AsRef<std::path::Path>) -> bool {
        dir.as_ref().join("CURRENT").is_file()
    }

    pub(crate) fn with_store(store: Store, location: String) -> Result<Self, RegistryError> {
        let registry = Self {
            store,
            location,
            writer: Mutex::new(()),
            system: System {
                models: ModelSet::default(),
            },
            conformance: Box::new(GoverningShapesCheck::default()),
            vocabulary: Default::default(),
        };
        // A registration the process died in may have left version graphs
        // it never published.
        crate::ahead::recover(&registry.store)?;
        let system = registry.bootstrap()?;
        let registry = Self { system, ..registry };
        registry.index_if_missing()?;
        Ok(registry)
    }

    /// Checks container representations and mappings with `conformance`
    /// instead of the SHACL shapes of their governing models (see [`Conformance`]).
    pub fn with_conformance(mut self, conformance: impl Conformance + 'static) -> Self {
        self.conformance = Box::new(conformance);
        self
    }

    /// The underlying store (read it; write through the registry only).
    pub fn store(&self) -> &Store {
        &self.store
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, ()> {
        // A panic while holding the lock cannot leave a half-written store:
        // writes happen in one transaction at the end. The guard is only order.
        self.writer
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

pub(crate) fn internal(message: String) -> RegistryError {
    RegistryError::Corrupt(message)
}

pub(crate) fn graph_triples(store: &Store, graph: &str) -> Result<Vec<Triple>, RegistryError> {
    let Ok(g) = NamedNode::new(graph) else {
        return Ok(Vec::new());
    };
    Ok(store
        .quads(None, None, None, Some(GraphNameRef::NamedNode(g.as_ref())))?
        .into_iter()
        .map(Triple::from)
        .collect())
}

/// The current time as an `xsd:dateTime` in UTC, to the millisecond.
pub(crate) fn now() -> String {
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let secs = since.as_secs();
    let (days, rem) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3_600,
        rem % 3_600 / 60,
        rem % 60,
        since.subsec_millis()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn now_is_an_xsd_date_time() {
        let n = now();
        assert_eq!(n.len(), 24, "{n}");
        assert!(n.ends_with('Z') && n.as_bytes()[10] == b'T', "{n}");
        assert!(n.as_str() > "2024-01-01");
    }
}
