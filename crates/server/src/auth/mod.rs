//! Who may write what: the bearer tokens of `uda serve --tokens FILE`, the domains each may
//! write, and whether reads need a token too.
//!
//! A token's `domains` entries name models by `upper:domain` name (`"studio"`), by IRI or
//! namespace (`"https://example.org/studio"`, `"https://example.org/studio#"`), by namespace
//! prefix (`"https://example.org/"`, ending in `/` or `#`), or all of them (`"*"`); `[]` makes a
//! read-only token. `file.rs` reads the tokens file, `ownership.rs` looks up who owns what.

mod file;
mod ownership;

pub use file::hash_secret;
use ownership::{definers, namespace_owners, registered_names, trim_namespace, Declared};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use subtle::ConstantTimeEq;
use uda_projection::Coordinates;
use uda_registry::{ModelSource, Registry, WriteCheck};

/// Who may write (and read, when reads are closed). Built from a tokens file, or without one.
#[derive(Clone)]
pub struct Tokens {
    tokens: Vec<Token>,
    reads: Reads,
    /// Whether a tokens file was given: without one, writes are open (loopback) or refused.
    from_file: bool,
    /// Without a tokens file on a loopback address: anyone may write, who connects to this
    /// address directly (see [`Tokens::authorize_local_origin`]).
    open_writes: Option<SocketAddr>,
}

impl std::fmt::Debug for Tokens {
    // Never the secrets.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokens")
            .field("tokens", &self.tokens.len())
            .field("reads", &self.reads)
            .field("from_file", &self.from_file)
            .field("open_writes", &self.open_writes)
            .finish()
    }
}

#[derive(Clone)]
struct Token {
    /// The SHA-256 digest of the secret (see `file::digest`).
    digest: [u8; 32],
    /// The principal recorded in the catalog for what this token writes.
    name: String,
    domains: Vec<String>,
}

/// Whether reads (GraphQL queries, SPARQL) need a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Reads {
    Open,
    Token,
}

/// A tokens file that cannot be used: where and why.
#[derive(Debug, thiserror::Error)]
#[error("{origin}:{line}:{column}: {message}")]
pub struct TokensFileError {
    pub origin: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Why a request may not do what it asks. Never contains a secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuthError {
    /// No token, a malformed `Authorization` header, or an unknown token: HTTP 401.
    #[error("{0}")]
    Unauthenticated(String),
    /// A known token (or none, where writes are disabled) that may not do this: HTTP 403.
    #[error("{0}")]
    Forbidden(String),
    /// What the request would change could not be checked (the registry could not be read,
    /// or is inconsistent): refused, HTTP 503.
    #[error("{0}")]
    Unverifiable(String),
}

impl AuthError {
    /// The HTTP status this error answers with.
    pub fn status(&self) -> u16 {
        match self {
            AuthError::Unauthenticated(_) => 401,
            AuthError::Forbidden(_) => 403,
            AuthError::Unverifiable(_) => 503,
        }
    }
}

/// The principal recorded for writes when no tokens file is given (open loopback writes).
const ANONYMOUS: &str = "anonymous";

/// Who a write request comes from, as far as scope goes.
enum Writer<'a> {
    /// May write anything; the principal to record.
    Unrestricted(String),
    /// May write the domains of this token only.
    Scoped(&'a Token),
}

impl Tokens {
    /// Reads a tokens file. Errors name the file, line and column.
    pub fn load(path: &Path) -> Result<Tokens, TokensFileError> {
        file::load(path)
    }

    /// Parses the text of a tokens file; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Tokens, TokensFileError> {
        file::parse(text, origin)
    }

    /// No tokens file: reads are open; writes are open when `bind` is a loopback address
    /// (anyone on this machine may write) and refused otherwise.
    pub fn without_file(bind: &SocketAddr) -> Tokens {
        Tokens {
            tokens: Vec::new(),
            reads: Reads::Open,
            from_file: false,
            open_writes: bind.ip().is_loopback().then_some(*bind),
        }
    }

    /// Whether anyone may write without a token (no tokens file, loopback).
    pub fn writes_open(&self) -> bool {
        self.open_writes.is_some()
    }

    /// Where writes are open without a token: may this request write? Only when it names the
    /// bound address (or `localhost`, with the port) in its `Host` header and went through no
    /// proxy (`proxied`: it has a `Forwarded` or `X-Forwarded-*` header). A page on another
    /// site that resolves its own name to 127.0.0.1 (DNS rebinding) sends its own name; a local
    /// reverse proxy would let anyone reach the loopback address. `Ok` when writes are not
    /// open: the tokens decide.
    pub fn authorize_local_origin(
        &self,
        host: Option<&str>,
        proxied: bool,
    ) -> Result<(), AuthError> {
        let Some(bound) = self.open_writes else {
            return Ok(());
        };
        let refuse = |why: String| {
            AuthError::Forbidden(format!(
                "{why}: without a tokens file, writes are open only to clients connecting to {bound} directly (give --tokens FILE to write from elsewhere)"
            ))
        };
        if proxied {
            return Err(refuse("the request came through a proxy".into()));
        }
        let Some(host) = host else {
            return Err(refuse("the request has no Host header".into()));
        };
        let host = host.trim().to_ascii_lowercase();
        let port = bound.port();
        let ip = match bound.ip() {
            std::net::IpAddr::V4(ip) => ip.to_string(),
            std::net::IpAddr::V6(ip) => format!("[{ip}]"),
        };
        // Without a port, a Host names port 80.
        let names = |name: &str| host == format!("{name}:{port}") || (port == 80 && host == name);
        if names(&ip) || names("localhost") {
            Ok(())
        } else {
            Err(refuse(format!(
                "the Host header `{host}` does not name this server"
            )))
        }
    }

    /// May a request with this `Authorization` header value read? `Ok` when reads are open.
    pub fn authorize_read(&self, authorization: Option<&str>) -> Result<(), AuthError> {
        match self.reads {
            Reads::Open => Ok(()),
            Reads::Token => self.authenticate(authorization).map(drop),
        }
    }

    /// May this request register `source`? The token must cover the model the source
    /// declares, every other registered model whose classes it extends (`upper:property` arcs
    /// on classes it does not define) and every model owning a namespace it defines terms in.
    /// Returns the principal to record in the catalog.
    ///
    /// A source that cannot be parsed or declares no model is let through to the registry,
    /// which refuses it with its diagnostics (it cannot write anything).
    pub fn authorize_registration(
        &self,
        authorization: Option<&str>,
        registry: &Registry,
        source: &ModelSource,
    ) -> Result<String, AuthError> {
        let token = match self.writer(authorization)? {
            Writer::Unrestricted(principal) => return Ok(principal),
            Writer::Scoped(token) => token,
        };
        let Some(declared) = Declared::read(source) else {
            return Ok(token.name.clone());
        };
        let mut model_names = registered_names(registry, &declared.model).map_err(unverifiable)?;
        model_names.extend(declared.domain.iter().cloned());
        if !token.covers(&declared.model, &model_names) {
            return Err(token.refuse(&format!("register the model <{}>", declared.model)));
        }
        let namespaces = namespace_owners(registry).map_err(unverifiable)?;
        let definers = definers(registry, &declared.foreign).map_err(unverifiable)?;
        for (term, extended) in &declared.foreign {
            let mut owners: BTreeSet<&str> = definers
                .iter()
                .filter(|(t, _)| t == term)
                .map(|(_, m)| m.as_str())
                .collect();
            owners.extend(
                namespaces
                    .iter()
                    .filter(|(ns, _)| term.starts_with(ns.as_str()))
                    .map(|(_, m)| m.as_str()),
            );
            owners.remove(declared.model.as_str());
            for owner in &owners {
                let names = registered_names(registry, owner).map_err(unverifiable)?;
                if !token.covers(owner, &names) {
                    let what = if *extended { "extend" } else { "define" };
                    return Err(token.refuse(&format!(
                        "{what} <{term}>, which belongs to the model <{owner}>"
                    )));
                }
            }
            // An extension of a class no registered model defines: only a token covering the
            // class's own namespace may add to it.
            if owners.is_empty() && *extended && !token.covers(term, &BTreeSet::new()) {
                return Err(token.refuse(&format!(
                    "extend <{term}>, which no registered model defines"
                )));
            }
        }
        Ok(token.name.clone())
    }

    /// May this request change (set compatibility of, delete) the registered model `model`
    /// (an IRI or upper:domain name)? Returns the principal.
    pub fn authorize_model_write(
        &self,
        authorization: Option<&str>,
        registry: &Registry,
        model: &str,
    ) -> Result<String, AuthError> {
        let token = match self.writer(authorization)? {
            Writer::Unrestricted(principal) => return Ok(principal),
            Writer::Scoped(token) => token,
        };
        // An unknown name is checked as given: the registry then reports it unknown only to a
        // token that could have written it.
        let iri = ownership::resolve(registry, model)
            .map_err(unverifiable)?
            .unwrap_or_else(|| model.to_owned());
        let mut names = registered_names(registry, &iri).map_err(unverifiable)?;
        if names.is_empty() && iri == model {
            names.insert(model.to_owned());
        }
        if token.covers(&iri, &names) {
            Ok(token.name.clone())
        } else {
            Err(token.refuse(&format!("change the model <{iri}>")))
        }
    }

    /// May this request register a version of the existing container at `at`? A token covers
    /// a container when one of its `domains` is the container's name, or a prefix of its
    /// location (`postgresql://db.example/shop` covers every schema of that database). Returns
    /// the principal. What a container may be is not resolved in the registry: its coordinates
    /// name it, so the check needs no read and cannot change before the write.
    pub fn authorize_container(
        &self,
        authorization: Option<&str>,
        at: &Coordinates,
    ) -> Result<String, AuthError> {
        let token = match self.writer(authorization)? {
            Writer::Unrestricted(principal) => return Ok(principal),
            Writer::Scoped(token) => token,
        };
        let covered = token
            .domains
            .iter()
            .any(|d| *d == at.name || at.location.starts_with(d.as_str()));
        if covered {
            Ok(token.name.clone())
        } else {
            Err(token.refuse(&format!(
                "register the container `{}` at {}",
                at.name, at.location
            )))
        }
    }

    /// May this request register the mapping named `mapping` (its `map:MappingSet` IRI)? A
    /// token covers a mapping as it covers a model's IRI: a domain equal to it or a namespace
    /// it is in. Returns the principal. `None` (a file naming no set) is let through: the
    /// registry refuses it and writes nothing.
    pub fn authorize_mapping(
        &self,
        authorization: Option<&str>,
        mapping: Option<&str>,
    ) -> Result<String, AuthError> {
        let token = match self.writer(authorization)? {
            Writer::Unrestricted(principal) => return Ok(principal),
            Writer::Scoped(token) => token,
        };
        match mapping {
            Some(iri) if !token.covers(iri, &BTreeSet::new()) => {
                Err(token.refuse(&format!("register the mapping <{iri}>")))
            }
            _ => Ok(token.name.clone()),
        }
    }

    /// [`Tokens::authorize_registration`] as the registry's last check before it writes
    /// (`RegisterOptions::write_check`, run under its writer lock): ownership may have changed
    /// since the first check, and what is written is what the registry then holds.
    pub fn registration_check(
        self: &Arc<Self>,
        authorization: Option<String>,
        source: ModelSource,
    ) -> WriteCheck {
        self.write_check(move |tokens, registry| {
            tokens.authorize_registration(authorization.as_deref(), registry, &source)
        })
    }

    /// [`Tokens::authorize_model_write`] as the registry's last check before it changes or
    /// deletes `model` (`delete_checked`, `set_compatibility_checked`).
    pub fn model_write_check(
        self: &Arc<Self>,
        authorization: Option<String>,
        model: String,
    ) -> WriteCheck {
        self.write_check(move |tokens, registry| {
            tokens.authorize_model_write(authorization.as_deref(), registry, &model)
        })
    }

    fn write_check(
        self: &Arc<Self>,
        check: impl Fn(&Tokens, &Registry) -> Result<String, AuthError> + Send + Sync + 'static,
    ) -> WriteCheck {
        let tokens = Arc::clone(self);
        Arc::new(move |registry: &Registry| {
            check(&tokens, registry)
                .map(drop)
                .map_err(|e| e.to_string())
        })
    }

    /// Who is writing: anyone (writes are open) or a token for every domain, who may write
    /// anything, or a token whose domains limit what it may write. A read-only token may not.
    fn writer(&self, authorization: Option<&str>) -> Result<Writer<'_>, AuthError> {
        if self.open_writes.is_some() {
            return Ok(Writer::Unrestricted(ANONYMOUS.to_owned()));
        }
        let token = self.write_token(authorization)?;
        if token.domains.is_empty() {
            return Err(AuthError::Forbidden(format!(
                "the token `{}` is read-only (its `domains` is empty): it may not register, change or delete models",
                token.name
            )));
        }
        if token.all_domains() {
            return Ok(Writer::Unrestricted(token.name.clone()));
        }
        Ok(Writer::Scoped(token))
    }

    fn write_token(&self, authorization: Option<&str>) -> Result<&Token, AuthError> {
        if !self.from_file {
            return Err(AuthError::Forbidden(
                "writes are disabled: this server was started without a tokens file (--tokens FILE) on a non-loopback address".into(),
            ));
        }
        self.authenticate(authorization)
    }

    /// The token the `Authorization` header presents.
    fn authenticate(&self, authorization: Option<&str>) -> Result<&Token, AuthError> {
        let Some(header) = authorization else {
            return Err(AuthError::Unauthenticated(
                "this request needs a token: send `Authorization: Bearer <token>`".into(),
            ));
        };
        let Some(secret) = header
            .strip_prefix("Bearer ")
            .or_else(|| header.strip_prefix("bearer "))
            .map(str::trim)
        else {
            return Err(AuthError::Unauthenticated(
                "the Authorization header must be `Bearer <token>`".into(),
            ));
        };
        // The presented secret is hashed and every token's digest compared to it in constant
        // time: the time taken says nothing about how close a guess was, and the file may hold
        // digests only.
        let presented = file::digest(secret);
        let mut found = None;
        for token in &self.tokens {
            if bool::from(token.digest.ct_eq(&presented)) {
                found = Some(token);
            }
        }
        found.ok_or_else(|| AuthError::Unauthenticated("unknown token".into()))
    }
}

impl Token {
    fn all_domains(&self) -> bool {
        self.domains.iter().any(|d| d == "*")
    }

    /// Whether this token may write the model (or term) `iri`, known by the domain `names`.
    /// Matching by name needs every name the model has (registered and new), so a model cannot
    /// be renamed into or out of a token's scope.
    fn covers(&self, iri: &str, names: &BTreeSet<String>) -> bool {
        let bare = trim_namespace(iri);
        self.domains.iter().any(|d| {
            d == "*"
                || trim_namespace(d) == bare
                || ((d.ends_with('/') || d.ends_with('#')) && iri.starts_with(d.as_str()))
        }) || (!names.is_empty() && names.iter().all(|n| self.domains.contains(n)))
    }

    fn refuse(&self, what: &str) -> AuthError {
        AuthError::Forbidden(format!(
            "the token `{}` may not {what}: it may write {}",
            self.name,
            self.domains.join(", ")
        ))
    }
}

fn unverifiable(reason: String) -> AuthError {
    AuthError::Unverifiable(format!(
        "cannot check what this token may write, so the write is refused: {reason}"
    ))
}
