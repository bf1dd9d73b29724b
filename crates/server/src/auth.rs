//! Who may write what: the bearer tokens of `uda serve --tokens FILE`, the domains each may
//! write, and whether reads need a token too.
//!
//! A token's `domains` entries name models by `upper:domain` name (`"studio"`), by IRI or
//! namespace (`"https://example.org/studio"`, `"https://example.org/studio#"`), by namespace
//! prefix (`"https://example.org/"`, ending in `/` or `#`), or all of them (`"*"`).

use oxrdf::vocab::rdf;
use oxrdf::{NamedNodeRef, NamedOrBlankNodeRef, TermRef};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::path::Path;
use uda_registry::oxigraph::sparql::QueryResults;
use uda_registry::{GraphKind, ModelSource, Registry};
use uda_upper::vocab as upper;

/// Who may write (and read, when reads are closed). Built from a tokens file, or without one.
#[derive(Clone)]
pub struct Tokens {
    tokens: Vec<Token>,
    reads: Reads,
    /// Whether a tokens file was given: without one, writes are open (loopback) or refused.
    from_file: bool,
    /// Without a tokens file on a loopback address: anyone may write.
    open_writes: bool,
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
    secret: Vec<u8>,
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

/// The tokens file, as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    reads: Option<Reads>,
    #[serde(default)]
    token: Vec<toml::Spanned<TokenEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TokenEntry {
    secret: String,
    domains: Vec<String>,
    name: Option<String>,
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
}

impl AuthError {
    /// The HTTP status this error answers with.
    pub fn status(&self) -> u16 {
        match self {
            AuthError::Unauthenticated(_) => 401,
            AuthError::Forbidden(_) => 403,
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
        let origin = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| TokensFileError {
            origin: origin.clone(),
            line: 1,
            column: 1,
            message: format!("cannot read the tokens file: {e}"),
        })?;
        Tokens::parse(&text, &origin)
    }

    /// Parses the text of a tokens file; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Tokens, TokensFileError> {
        let error_at = |offset: usize, message: String| {
            let (line, column) = line_column(text, offset);
            TokensFileError {
                origin: origin.to_owned(),
                line,
                column,
                message,
            }
        };
        let file: File = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            error_at(offset, e.message().trim().to_owned())
        })?;
        let mut tokens: Vec<Token> = Vec::with_capacity(file.token.len());
        for (i, entry) in file.token.into_iter().enumerate() {
            let at = entry.span().start;
            let entry = entry.into_inner();
            let name = entry.name.unwrap_or_else(|| format!("token #{}", i + 1));
            if entry.secret.trim().is_empty() {
                return Err(error_at(at, format!("{name}: `secret` is empty")));
            }
            if entry.domains.is_empty() || entry.domains.iter().any(|d| d.trim().is_empty()) {
                return Err(error_at(
                    at,
                    format!(
                        "{name}: `domains` must list the domains it may write (upper:domain names, model IRIs or namespaces), or be [\"*\"]"
                    ),
                ));
            }
            if tokens.iter().any(|t| t.secret == entry.secret.as_bytes()) {
                return Err(error_at(
                    at,
                    format!("{name}: the same secret is given twice"),
                ));
            }
            if tokens.iter().any(|t| t.name == name) {
                return Err(error_at(
                    at,
                    format!("the token name `{name}` is given twice"),
                ));
            }
            tokens.push(Token {
                secret: entry.secret.into_bytes(),
                name,
                domains: entry.domains,
            });
        }
        Ok(Tokens {
            tokens,
            reads: file.reads.unwrap_or(Reads::Open),
            from_file: true,
            open_writes: false,
        })
    }

    /// No tokens file: reads are open; writes are open when `bind` is a loopback address
    /// (anyone on this machine may write) and refused otherwise.
    pub fn without_file(bind: &SocketAddr) -> Tokens {
        Tokens {
            tokens: Vec::new(),
            reads: Reads::Open,
            from_file: false,
            open_writes: bind.ip().is_loopback(),
        }
    }

    /// Whether anyone may write without a token (no tokens file, loopback).
    pub fn writes_open(&self) -> bool {
        self.open_writes
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
        let mut model_names = registered_names(registry, &declared.model);
        model_names.extend(declared.domain.iter().cloned());
        if !token.covers(&declared.model, &model_names) {
            return Err(token.refuse(&format!("register the model <{}>", declared.model)));
        }
        let namespaces = namespace_owners(registry);
        let definers = definers(registry, &declared.foreign);
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
                if !token.covers(owner, &registered_names(registry, owner)) {
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
        let iri = registry.resolve(model).unwrap_or_else(|_| model.to_owned());
        let mut names = registered_names(registry, &iri);
        if names.is_empty() && iri == model {
            names.insert(model.to_owned());
        }
        if token.covers(&iri, &names) {
            Ok(token.name.clone())
        } else {
            Err(token.refuse(&format!("change the model <{iri}>")))
        }
    }

    /// The token a write is made with, or why there is none.
    /// Who is writing: anyone (writes are open) or a token for every domain, who may write
    /// anything, or a token whose domains limit what it may write.
    fn writer(&self, authorization: Option<&str>) -> Result<Writer<'_>, AuthError> {
        if self.open_writes {
            return Ok(Writer::Unrestricted(ANONYMOUS.to_owned()));
        }
        let token = self.write_token(authorization)?;
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
        // Every token is compared, each in time independent of where it differs, so the time
        // taken says nothing about how close a guess was.
        let mut found = None;
        for token in &self.tokens {
            if constant_time_eq(&token.secret, secret.as_bytes()) {
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

/// What a source declares, as far as authorization cares.
struct Declared {
    model: String,
    domain: Option<String>,
    /// Named subjects outside the model's namespace, with whether they get `upper:property`
    /// arcs without being defined in the source (an extension).
    foreign: Vec<(String, bool)>,
}

impl Declared {
    /// Parses the source as the registry does (same base IRI); `None` when it cannot be parsed
    /// or declares no model.
    fn read(source: &ModelSource) -> Option<Declared> {
        let doc = source.parse().ok()?;
        let graph = doc.graph();
        let model = graph
            .subjects_for_predicate_object(rdf::TYPE, upper::DOMAIN_MODEL)
            .filter_map(|s| match s {
                NamedOrBlankNodeRef::NamedNode(n) => Some(n.as_str()),
                NamedOrBlankNodeRef::BlankNode(_) => None,
            })
            .min()?
            .to_owned();
        let domain = graph
            .object_for_subject_predicate(NamedNodeRef::new_unchecked(&model), upper::DOMAIN)
            .and_then(|o| match o {
                TermRef::Literal(l) => Some(l.value().to_owned()),
                _ => None,
            });
        let bare = trim_namespace(&model);
        let own = |iri: &str| {
            trim_namespace(iri) == bare
                || iri
                    .strip_prefix(bare)
                    .is_some_and(|rest| rest.starts_with('#') || rest.starts_with('/'))
        };
        let mut subjects: BTreeSet<&str> = BTreeSet::new();
        for t in graph.iter() {
            if let NamedOrBlankNodeRef::NamedNode(s) = t.subject {
                if !own(s.as_str()) {
                    subjects.insert(s.as_str());
                }
            }
        }
        let foreign = subjects
            .into_iter()
            .map(|s| {
                let node = NamedNodeRef::new_unchecked(s);
                let defined = graph
                    .object_for_subject_predicate(node, rdf::TYPE)
                    .is_some();
                let extends = graph
                    .object_for_subject_predicate(node, upper::PROPERTY)
                    .is_some();
                (s.to_owned(), extends && !defined)
            })
            .collect();
        Some(Declared {
            model,
            domain,
            foreign,
        })
    }
}

/// The `upper:domain` names the registry knows the model `iri` by: its current name, or for a
/// deleted model the names its versions had.
fn registered_names(registry: &Registry, iri: &str) -> BTreeSet<String> {
    if oxrdf::NamedNode::new(iri).is_err() {
        return BTreeSet::new();
    }
    let names = |graph: &str| -> BTreeSet<String> {
        let query = format!(
            "SELECT DISTINCT ?d WHERE {{ GRAPH {graph} {{ <{iri}> <{}> ?d }} }}",
            upper::DOMAIN.as_str()
        );
        select(registry, &query)
            .into_iter()
            .filter_map(|mut row| row.pop())
            .collect()
    };
    let current = names(&format!("<{iri}>"));
    if current.is_empty() {
        names("?g")
    } else {
        current
    }
}

/// Registered (not deleted) models, system models included, by namespace: `(namespace, model
/// IRI)`, with both the `#` and the `/` namespace of each model.
fn namespace_owners(registry: &Registry) -> Vec<(String, String)> {
    let Ok(models) = registry.models() else {
        return Vec::new();
    };
    models
        .into_iter()
        .filter(|m| {
            !m.deleted
                && matches!(
                    m.kind,
                    GraphKind::DomainModel
                        | GraphKind::SystemModel
                        | GraphKind::Metamodel
                        | GraphKind::MappingModel
                )
        })
        .flat_map(|m| {
            let bare = trim_namespace(&m.iri).to_owned();
            [
                (format!("{bare}#"), m.iri.clone()),
                (format!("{bare}/"), m.iri),
            ]
        })
        .collect()
}

/// Which current models define (type) each of `terms`: `(term, model IRI)`.
fn definers(registry: &Registry, terms: &[(String, bool)]) -> Vec<(String, String)> {
    let values: Vec<String> = terms
        .iter()
        .filter(|(t, _)| oxrdf::NamedNode::new(t.as_str()).is_ok())
        .map(|(t, _)| format!("<{t}>"))
        .collect();
    if values.is_empty() {
        return Vec::new();
    }
    // A model's current graph is named by its IRI and declares it a DomainModel; version graphs
    // are named otherwise, so this sees only current models.
    let query = format!(
        "SELECT DISTINCT ?s ?m WHERE {{ VALUES ?s {{ {} }} GRAPH ?m {{ ?s a ?type . ?m a <{}> }} }}",
        values.join(" "),
        upper::DOMAIN_MODEL.as_str()
    );
    select(registry, &query)
        .into_iter()
        .filter_map(|row| match <[String; 2]>::try_from(row) {
            Ok([s, m]) => Some((s, m)),
            Err(_) => None,
        })
        .collect()
}

/// The rows of a SELECT, every value as its IRI or literal value. A failing query gives no
/// rows, which only ever makes authorization stricter.
fn select(registry: &Registry, query: &str) -> Vec<Vec<String>> {
    let Ok(QueryResults::Solutions(solutions)) = registry.query(query) else {
        return Vec::new();
    };
    solutions
        .filter_map(Result::ok)
        .map(|row| {
            row.values()
                .iter()
                .map(|v| match v {
                    Some(uda_registry::oxigraph::model::Term::NamedNode(n)) => {
                        n.as_str().to_owned()
                    }
                    Some(uda_registry::oxigraph::model::Term::Literal(l)) => l.value().to_owned(),
                    Some(other) => other.to_string(),
                    None => String::new(),
                })
                .collect()
        })
        .collect()
}

/// `https://example.org/studio#` and `https://example.org/studio/` name the model
/// `https://example.org/studio`.
fn trim_namespace(iri: &str) -> &str {
    iri.trim_end_matches(['#', '/'])
}

/// Equality whose time depends on the lengths only.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    let mut diff = a.len() ^ b.len();
    for i in 0..a.len().max(b.len()) {
        let x = a.get(i).copied().unwrap_or(0);
        let y = b.get(i).copied().unwrap_or(0);
        diff |= usize::from(x ^ y);
    }
    diff == 0
}

/// 1-based line and column of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}
