//! Where a command finds the registry: a data directory (`--data DIR`,
//! `$UDA_DATA`, `./uda-data`) or a running server (`--server URL`, `$UDA_SERVER`).
//!
//! An option given on the command line wins over the environment; between the
//! two variables, `UDA_SERVER` wins, so that a shell pointed at a server never
//! opens a local directory by surprise.

use crate::remote::Remote;
use crate::{runtime, usage, Failure};
use std::path::PathBuf;
use uda_registry::{Registry, RegistryError};

/// A data directory.
#[derive(Debug, Clone, clap::Args)]
pub struct DataArgs {
    /// The data directory (default: $UDA_DATA, or ./uda-data).
    #[arg(long = "data", value_name = "DIR")]
    pub data: Option<PathBuf>,
}

impl DataArgs {
    /// The data directory to use.
    pub fn dir(&self) -> PathBuf {
        self.data
            .clone()
            .or_else(|| env("UDA_DATA").map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("uda-data"))
    }

    /// Opens the registry, creating the directory when `create`.
    pub fn open(&self, create: bool) -> Result<Registry, Failure> {
        let dir = self.dir();
        if !create && !Registry::exists(&dir) {
            return Err(usage(format!(
                "no uda data directory at {} (register a model first, or pass --data DIR or \
                 --server URL)",
                dir.display()
            )));
        }
        Registry::open(&dir).map_err(|e| {
            let message = e.to_string();
            // RocksDB lets one process open a directory: a running server holds it.
            if message.contains("lock") || message.contains("LOCK") {
                runtime(format!(
                    "the data directory {} is in use by another process (a running `uda \
                     serve`?): use that server with --server URL instead",
                    dir.display()
                ))
            } else {
                runtime(message)
            }
        })
    }
}

/// A data directory or a server.
#[derive(Debug, Clone, clap::Args)]
pub struct PlaceArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Use a running uda server (e.g. http://127.0.0.1:8080) instead of a data
    /// directory (default: $UDA_SERVER).
    #[arg(long, value_name = "URL", conflicts_with = "data")]
    pub server: Option<String>,
    /// The bearer token for the server (default: $UDA_TOKEN).
    #[arg(long, value_name = "TOKEN")]
    pub token: Option<String>,
}

/// The registry a command works on.
pub enum Place {
    Local(DataArgs),
    Remote(Remote),
}

impl PlaceArgs {
    /// Which registry the options and the environment name.
    pub fn resolve(&self) -> Result<Place, Failure> {
        let server = match (&self.server, &self.data.data) {
            (Some(url), _) => Some(url.clone()),
            (None, Some(_)) => None,
            (None, None) => env("UDA_SERVER"),
        };
        match server {
            Some(url) => Ok(Place::Remote(Remote::new(&url, self.token.clone())?)),
            None if self.token.is_some() => Err(usage(
                "--token is for a server: give --server URL (or set UDA_SERVER)",
            )),
            None => Ok(Place::Local(self.data.clone())),
        }
    }
}

/// A registry error as a command's end: what the input or the registry's state
/// refuses (an unknown model or version, a rejection, a query that is not
/// valid read-only SPARQL or fails in evaluation) exits 1; anything else is a
/// runtime failure.
pub fn registry_failure(e: RegistryError) -> Failure {
    match e {
        RegistryError::UnknownModel(_)
        | RegistryError::UnknownVersion { .. }
        | RegistryError::Rejected(_)
        | RegistryError::UpdateRefused
        | RegistryError::QuerySyntax(_)
        | RegistryError::Query(_)
        | RegistryError::Search(_)
        | RegistryError::NotFound(_) => Failure::Refused(e.to_string()),
        e => runtime(e.to_string()),
    }
}

/// A non-empty environment variable.
pub fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}
