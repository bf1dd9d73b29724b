//! Trace and coverage: which container elements realize a concept, which
//! concepts an element takes part in, and what is realized or mapped
//! nowhere. Mappings are read from every current graph the catalog says
//! holds mappings (`cat:Mappings`), whoever wrote it: a projection's
//! `map:realizedBy` arcs and hand-written mappings (`map:Mapping`:
//! `map:toDataAsset`/`map:forPrimaryConcept`, `map:fieldMapping` with
//! `map:toField`/`map:fromProperty`, a property or a path of them).

use crate::catalog::{self, CatalogEntry};
use crate::index::{element_kind, entries};
use crate::names::iri;
use crate::{GraphKind, Registry, RegistryError};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Term, TermRef,
};
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use uda_projection::MAP_NS;
use uda_search::Match;

/// The deepest `map:partOf` chain followed, and the longest property path read.
const MAX_DEPTH: usize = 64;
/// The most elements of one name looked at when resolving coordinates.
const MAX_SAME_NAME: usize = 10_000;
/// Element kinds coverage checks in a container: its data assets and fields.
const COVERED_KINDS: [&str; 6] = [
    "table",
    "record",
    "object-type",
    "interface-type",
    "field",
    "column",
];

fn map(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{MAP_NS}{local}"))
}

/// A container element realizing a concept, and where it is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Realization {
    /// The domain term (class, property, enumeration value…).
    pub concept: String,
    /// The system of its container: a target name (`sql-postgres`, `avro`, `graphql`…).
    pub system: String,
    /// The container's current graph.
    pub container: String,
    /// The access path: names from the top of the container, joined by `.`
    /// (`title.release_year`, `com.example.Title.releaseYear`, `Title.releaseYear`).
    pub path: String,
    pub element: String,
    /// The element's class in kebab case (`column`, `field`, `object-type`…).
    pub element_kind: String,
    /// Whether the container is a projection (else an existing, cataloged container).
    pub projected: bool,
    /// A cataloged container's coordinates: where it is and its name there.
    pub location: Option<String>,
    pub container_name: Option<String>,
    /// The mappings graph stating it.
    pub mappings: String,
    /// The arc: `realizedBy` (a projection), `toDataAsset` or `toField` (a hand-written mapping).
    pub via: String,
}

/// One term or element in a coverage report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CoverageItem {
    pub iri: String,
    pub kind: String,
    /// A term's local name, an element's access path.
    pub name: String,
    /// How many projected and cataloged container elements it is linked with.
    pub projected: usize,
    pub cataloged: usize,
}

/// What a model's concepts or a container's elements lack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Coverage {
    /// The model's IRI or the container's graph.
    pub subject: String,
    /// `model` or `container`.
    pub kind: String,
    /// How many concepts (classes, enumerations, values, properties) or
    /// elements (tables, records, object types, fields, columns) were checked.
    pub checked: usize,
    /// A model's concepts realized by no container element.
    pub unrealized: Vec<CoverageItem>,
    /// A model's concepts realized by no cataloged container's element.
    pub uncataloged: Vec<CoverageItem>,
    /// A container's elements mapped to no concept.
    pub unmapped: Vec<CoverageItem>,
}

/// A concept–element arc of a mappings graph.
struct Link {
    concept: String,
    element: String,
    mappings: String,
    via: &'static str,
}

/// Where an element is.
struct Place {
    kind: String,
    container: CatalogEntry,
    path: String,
}

/// One trace's reads: catalog entries and elements' containers, each read once.
struct Tracer<'a> {
    registry: &'a Registry,
    entries: RefCell<HashMap<String, Option<CatalogEntry>>>,
    containers: RefCell<HashMap<String, Option<CatalogEntry>>>,
}

impl<'a> Tracer<'a> {
    fn new(registry: &'a Registry) -> Self {
        Self {
            registry,
            entries: RefCell::default(),
            containers: RefCell::default(),
        }
    }

    fn quads(
        &self,
        s: Option<oxigraph::model::NamedOrBlankNodeRef<'_>>,
        p: NamedNodeRef<'_>,
        o: Option<TermRef<'_>>,
        g: Option<GraphNameRef<'_>>,
    ) -> Result<Vec<oxigraph::model::Quad>, RegistryError> {
        Ok(self
            .registry
            .store
            .quads_for_pattern(s, Some(p), o, g)
            .collect::<Result<_, _>>()?)
    }

    /// The catalog entry of current graph `graph` (not of a version).
    fn current(&self, graph: &str) -> Result<Option<CatalogEntry>, RegistryError> {
        if let Some(e) = self.entries.borrow().get(graph) {
            return Ok(e.clone());
        }
        let e = catalog::read(&self.registry.store, graph)?
            .filter(|e| e.version_of.is_none() && e.is_current());
        self.entries
            .borrow_mut()
            .insert(graph.to_owned(), e.clone());
        Ok(e)
    }

    fn is_mappings(&self, graph: &GraphName) -> Result<Option<String>, RegistryError> {
        let GraphName::NamedNode(g) = graph else {
            return Ok(None);
        };
        let kind = self.current(g.as_str())?.and_then(|e| e.kind);
        // A projection's mappings and a registered (hand-written) mapping alike.
        let mappings = matches!(kind, Some(GraphKind::Mappings | GraphKind::Mapping));
        Ok(mappings.then(|| g.as_str().to_owned()))
    }

    /// Every current mapping arc from `concept`.
    fn links_from(&self, concept: &str) -> Result<Vec<Link>, RegistryError> {
        let c = iri(concept);
        let mut out = Vec::new();
        let link = |element: &Term, mappings: &str, via| match element {
            Term::NamedNode(e) => Some(Link {
                concept: concept.to_owned(),
                element: e.as_str().to_owned(),
                mappings: mappings.to_owned(),
                via,
            }),
            _ => None,
        };
        for q in self.quads(
            Some(c.as_ref().into()),
            map("realizedBy").as_ref(),
            None,
            None,
        )? {
            if let Some(g) = self.is_mappings(&q.graph_name)? {
                out.extend(link(&q.object, &g, "realizedBy"));
            }
        }
        for q in self.quads(
            None,
            map("forPrimaryConcept").as_ref(),
            Some(c.as_ref().into()),
            None,
        )? {
            if let Some(g) = self.is_mappings(&q.graph_name)? {
                let gn = GraphNameRef::NamedNode(iri(&g).as_ref()).into_owned();
                for a in self.quads(
                    Some(q.subject.as_ref()),
                    map("toDataAsset").as_ref(),
                    None,
                    Some(gn.as_ref()),
                )? {
                    out.extend(link(&a.object, &g, "toDataAsset"));
                }
            }
        }
        // A field mapping's property, alone or as a step of a path (an RDF list).
        let mut properties: Vec<(Term, GraphName)> = self
            .quads(None, rdf::FIRST, Some(c.as_ref().into()), None)?
            .into_iter()
            .map(|q| (q.subject.into(), q.graph_name))
            .collect();
        properties.push((c.clone().into(), GraphName::DefaultGraph));
        for (node, graph) in properties {
            let (head, graph) = match (&node, &graph) {
                (Term::NamedNode(_), GraphName::DefaultGraph) => (node.clone(), None),
                _ => (self.list_head(&node, &graph)?, Some(graph.clone())),
            };
            for q in self.quads(
                None,
                map("fromProperty").as_ref(),
                Some(head.as_ref()),
                graph.as_ref().map(GraphName::as_ref),
            )? {
                let Some(g) = self.is_mappings(&q.graph_name)? else {
                    continue;
                };
                for f in self.quads(
                    Some(q.subject.as_ref()),
                    map("toField").as_ref(),
                    None,
                    Some(q.graph_name.as_ref()),
                )? {
                    out.extend(link(&f.object, &g, "toField"));
                }
            }
        }
        Ok(out)
    }

    /// The first cell of the RDF list `cell` is a cell of, in `graph`.
    fn list_head(&self, cell: &Term, graph: &GraphName) -> Result<Term, RegistryError> {
        let mut head = cell.clone();
        for _ in 0..MAX_DEPTH {
            let before = self.quads(None, rdf::REST, Some(head.as_ref()), Some(graph.as_ref()))?;
            let Some(q) = before.into_iter().next() else {
                break;
            };
            head = q.subject.into();
        }
        Ok(head)
    }

    /// The members of RDF list `head` in `graph`, at most [`MAX_DEPTH`].
    fn list(&self, head: &Term, graph: GraphNameRef<'_>) -> Result<Vec<Term>, RegistryError> {
        let mut out = Vec::new();
        let mut cell = head.clone();
        for _ in 0..MAX_DEPTH {
            let Some(s) = as_subject(&cell) else { break };
            let first = self.quads(Some(s.as_ref()), rdf::FIRST, None, Some(graph))?;
            let Some(member) = first.into_iter().next() else {
                break;
            };
            out.push(member.object);
            let rest = self.quads(Some(s.as_ref()), rdf::REST, None, Some(graph))?;
            match rest.into_iter().next() {
                Some(r) => cell = r.object,
                None => break,
            }
        }
        Ok(out)
    }

    /// Every current mapping arc to `element`.
    fn links_to(&self, element: &str) -> Result<Vec<Link>, RegistryError> {
        let e = iri(element);
        let mut out = Vec::new();
        let mut link = |concept: &Term, mappings: &str, via| {
            if let Term::NamedNode(c) = concept {
                out.push(Link {
                    concept: c.as_str().to_owned(),
                    element: element.to_owned(),
                    mappings: mappings.to_owned(),
                    via,
                });
            }
        };
        for q in self.quads(
            None,
            map("realizedBy").as_ref(),
            Some(e.as_ref().into()),
            None,
        )? {
            if let Some(g) = self.is_mappings(&q.graph_name)? {
                link(&q.subject.into(), &g, "realizedBy");
            }
        }
        for q in self.quads(
            None,
            map("toDataAsset").as_ref(),
            Some(e.as_ref().into()),
            None,
        )? {
            if let Some(g) = self.is_mappings(&q.graph_name)? {
                for c in self.quads(
                    Some(q.subject.as_ref()),
                    map("forPrimaryConcept").as_ref(),
                    None,
                    Some(q.graph_name.as_ref()),
                )? {
                    link(&c.object, &g, "toDataAsset");
                }
            }
        }
        for q in self.quads(None, map("toField").as_ref(), Some(e.as_ref().into()), None)? {
            if let Some(g) = self.is_mappings(&q.graph_name)? {
                for p in self.quads(
                    Some(q.subject.as_ref()),
                    map("fromProperty").as_ref(),
                    None,
                    Some(q.graph_name.as_ref()),
                )? {
                    match &p.object {
                        Term::NamedNode(_) => link(&p.object, &g, "toField"),
                        list => {
                            for member in self.list(list, q.graph_name.as_ref())? {
                                link(&member, &g, "toField");
                            }
                        }
                    }
                }
            }
        }
        Ok(out)
    }

    /// The current container (projected or cataloged) holding `element`.
    fn container_of(&self, element: &str) -> Result<Option<CatalogEntry>, RegistryError> {
        if let Some(c) = self.containers.borrow().get(element) {
            return Ok(c.clone());
        }
        let mut found = None;
        let e = iri(element);
        for q in self.quads(Some(e.as_ref().into()), map("name").as_ref(), None, None)? {
            let GraphName::NamedNode(g) = &q.graph_name else {
                continue;
            };
            let entry = self.current(g.as_str())?.filter(|e| {
                matches!(
                    e.kind,
                    Some(GraphKind::Container | GraphKind::ContainerRepresentation)
                )
            });
            if entry.is_some() {
                found = entry;
                break;
            }
        }
        self.containers
            .borrow_mut()
            .insert(element.to_owned(), found.clone());
        Ok(found)
    }

    /// The current container holding `element`, its kind and access path.
    fn place(&self, element: &str) -> Result<Option<Place>, RegistryError> {
        let Some(container) = self.container_of(element)? else {
            return Ok(None);
        };
        let (e, g) = (iri(element), iri(&container.graph));
        let kind = self
            .quads(
                Some(e.as_ref().into()),
                rdf::TYPE,
                None,
                Some(GraphNameRef::NamedNode(g.as_ref())),
            )?
            .into_iter()
            .find_map(|t| match t.object {
                Term::NamedNode(c) => Some(element_kind(c.as_str())),
                _ => None,
            })
            .unwrap_or_default();
        let path = self.registry.access_path(e.as_ref(), g.as_ref())?;
        Ok(Some(Place {
            kind,
            container,
            path,
        }))
    }

    fn realizations(&self, links: Vec<Link>) -> Result<Vec<Realization>, RegistryError> {
        let mut out = BTreeSet::new();
        for link in links {
            let Some(place) = self.place(&link.element)? else {
                continue;
            };
            let projected = place.container.kind == Some(GraphKind::ContainerRepresentation);
            out.insert(Realization {
                concept: link.concept,
                system: place.container.target.clone().unwrap_or_default(),
                container: place.container.graph.clone(),
                path: place.path,
                element: link.element,
                element_kind: place.kind,
                projected,
                location: place.container.location.clone(),
                container_name: place.container.container_name.clone(),
                mappings: link.mappings,
                via: link.via.to_owned(),
            });
        }
        Ok(out.into_iter().collect())
    }

    /// How many projected and cataloged elements `links` reach.
    fn counts(&self, links: &[Link]) -> Result<(usize, usize), RegistryError> {
        let (mut projected, mut cataloged) = (BTreeSet::new(), BTreeSet::new());
        for link in links {
            let Some(container) = self.container_of(&link.element)? else {
                continue;
            };
            if container.kind == Some(GraphKind::ContainerRepresentation) {
                projected.insert(&link.element);
            } else {
                cataloged.insert(&link.element);
            }
        }
        Ok((projected.len(), cataloged.len()))
    }
}

fn as_subject(term: &Term) -> Option<NamedOrBlankNode> {
    match term {
        Term::NamedNode(n) => Some(n.clone().into()),
        Term::BlankNode(b) => Some(b.clone().into()),
        _ => None,
    }
}

impl Registry {
    /// The current container elements realizing the concept `term` names:
    /// its IRI, or a search term whose exact matches are traced (every
    /// domain term whose label or name it is).
    pub fn realizations(&self, term: &str) -> Result<Vec<Realization>, RegistryError> {
        let tracer = Tracer::new(self);
        let mut links = Vec::new();
        for concept in self.resolve_concepts(term)? {
            links.extend(tracer.links_from(&concept)?);
        }
        tracer.realizations(links)
    }

    /// The concepts the container element `element` takes part in: its IRI,
    /// or coordinates (`SYSTEM:PATH` such as `avro:com.example.Title.releaseYear`,
    /// or `LOCATION/NAME/PATH` such as `postgresql://host/db/public/title.release_year`).
    pub fn concepts(&self, element: &str) -> Result<Vec<Realization>, RegistryError> {
        let tracer = Tracer::new(self);
        let mut links = Vec::new();
        for e in self.resolve_elements(&tracer, element)? {
            links.extend(tracer.links_to(&e)?);
        }
        tracer.realizations(links)
    }

    /// How many containers realize `concept` (what a search hit says).
    pub(crate) fn realizing_containers(&self, concept: &str) -> Result<usize, RegistryError> {
        let tracer = Tracer::new(self);
        let mut containers = BTreeSet::new();
        for link in tracer.links_from(concept)? {
            containers.extend(tracer.container_of(&link.element)?.map(|c| c.graph));
        }
        Ok(containers.len())
    }

    /// The access path of `element` in container graph `graph`: the names
    /// from the top element below the container's root down to it.
    pub(crate) fn access_path(
        &self,
        element: NamedNodeRef<'_>,
        graph: NamedNodeRef<'_>,
    ) -> Result<String, RegistryError> {
        let g = GraphNameRef::NamedNode(graph);
        let name = |n: NamedNodeRef<'_>| -> Result<Option<String>, RegistryError> {
            let q = self
                .store
                .quads_for_pattern(Some(n.into()), Some(map("name").as_ref()), None, Some(g))
                .next();
            Ok(match q.transpose()? {
                Some(q) => match q.object {
                    Term::Literal(l) => Some(l.value().to_owned()),
                    _ => None,
                },
                None => None,
            })
        };
        let mut names = Vec::new();
        let mut current = element.into_owned();
        for _ in 0..MAX_DEPTH {
            let parent = self
                .store
                .quads_for_pattern(
                    Some(current.as_ref().into()),
                    Some(map("partOf").as_ref()),
                    None,
                    Some(g),
                )
                .next()
                .transpose()?;
            let Some(Term::NamedNode(parent)) = parent.map(|q| q.object) else {
                break;
            };
            names.extend(name(current.as_ref())?);
            current = parent;
        }
        if names.is_empty() {
            names.extend(name(element)?);
        }
        names.reverse();
        Ok(names.join("."))
    }

    /// The domain terms `term` names: itself when it is the IRI of a term of
    /// a current model, else the domain terms a search finds exactly.
    fn resolve_concepts(&self, term: &str) -> Result<Vec<String>, RegistryError> {
        if let Ok(n) = NamedNode::new(term) {
            let stated = self
                .store
                .quads_for_pattern(
                    Some(n.as_ref().into()),
                    None,
                    None,
                    Some(GraphNameRef::DefaultGraph),
                )
                .next()
                .is_some();
            if stated {
                return Ok(vec![term.to_owned()]);
            }
        }
        let options = crate::SearchOptions {
            kinds: Vec::new(),
            limit: 50,
        };
        let hits = self.search(term, &options)?;
        let exact: Vec<String> = hits
            .iter()
            .filter(|h| h.matched == Match::Exact && h.model.is_some())
            .map(|h| h.iri.clone())
            .collect();
        if exact.is_empty() {
            let near: Vec<String> = hits
                .iter()
                .filter(|h| h.model.is_some())
                .take(5)
                .map(|h| format!("<{}>", h.iri))
                .collect();
            let hint = if near.is_empty() {
                String::new()
            } else {
                format!("; closest: {}", near.join(", "))
            };
            return Err(RegistryError::NotFound(format!(
                "no domain term is named `{term}` (give an IRI or an exact label or name){hint}"
            )));
        }
        Ok(exact)
    }

    /// The current container elements `text` names (see [`Registry::concepts`]).
    fn resolve_elements(
        &self,
        tracer: &Tracer<'_>,
        text: &str,
    ) -> Result<Vec<String>, RegistryError> {
        if let Ok(n) = NamedNode::new(text) {
            if tracer.container_of(n.as_str())?.is_some() {
                return Ok(vec![text.to_owned()]);
            }
        }
        let (system, prefix, path) = match text.split_once("://") {
            Some((scheme, rest)) => match rest.rsplit_once('/') {
                // The location names the container: its scheme is no system.
                Some((prefix, path)) => ("", Some(format!("{scheme}://{prefix}")), path),
                None => (scheme, None, rest),
            },
            None => match text.split_once(':') {
                Some((system, path)) => (system, None, path),
                None => ("", None, text),
            },
        };
        let last = path.rsplit('.').next().unwrap_or(path);
        let name = Literal::new_simple_literal(last);
        let mut out = BTreeSet::new();
        let candidates = self
            .store
            .quads_for_pattern(
                None,
                Some(map("name").as_ref()),
                Some(name.as_ref().into()),
                Some(GraphNameRef::DefaultGraph),
            )
            .take(MAX_SAME_NAME);
        for q in candidates {
            let NamedOrBlankNode::NamedNode(e) = q?.subject else {
                continue;
            };
            let Some(place) = tracer.place(e.as_str())? else {
                continue;
            };
            let c = &place.container;
            let at = match (&c.location, &c.container_name) {
                (Some(l), Some(n)) => Some(format!("{l}/{n}")),
                _ => None,
            };
            let system_fits = system_matches(system, c.target.as_deref().unwrap_or_default());
            let prefix_fits = prefix
                .as_deref()
                .is_none_or(|p| at.as_deref().is_some_and(|at| same_location(p, at)));
            if place.path == path && system_fits && prefix_fits {
                out.insert(e.into_string());
            }
        }
        if out.is_empty() {
            return Err(RegistryError::NotFound(format!(
                "no current container element is at `{text}` (give its IRI, SYSTEM:PATH or LOCATION/NAME/PATH)"
            )));
        }
        Ok(out.into_iter().collect())
    }

    /// What a model's concepts or a container's elements lack: `name` is a
    /// model (IRI or `upper:domain`) or an existing container (its graph
    /// name, or its name when one current container has it).
    pub fn coverage(&self, name: &str) -> Result<Coverage, RegistryError> {
        let tracer = Tracer::new(self);
        let entry = match self.resolve(name) {
            Err(RegistryError::UnknownModel(_)) => self.container_named(name)?,
            found => tracer.current(&found?)?,
        };
        let Some(entry) = entry else {
            return Err(RegistryError::NotFound(format!(
                "no current model or existing container is named `{name}` (give a model's IRI \
                 or upper:domain, or a container's graph or name)"
            )));
        };
        if entry.kind == Some(GraphKind::Container) {
            let triples = self.graph_triples(&entry.graph)?;
            let g = iri(&entry.graph);
            let mut elements: Vec<(String, String)> = Vec::new();
            for t in &triples {
                if let (NamedOrBlankNode::NamedNode(s), Term::NamedNode(c)) =
                    (&t.subject, &t.object)
                {
                    let kind = element_kind(c.as_str());
                    if t.predicate == rdf::TYPE && COVERED_KINDS.iter().any(|k| kind.ends_with(k)) {
                        elements.push((s.as_str().to_owned(), kind));
                    }
                }
            }
            elements.sort();
            elements.dedup();
            let mut unmapped = Vec::new();
            for (e, kind) in &elements {
                if tracer.links_to(e)?.is_empty() {
                    unmapped.push(CoverageItem {
                        iri: e.clone(),
                        kind: kind.clone(),
                        name: self.access_path(iri(e).as_ref(), g.as_ref())?,
                        projected: 0,
                        cataloged: 0,
                    });
                }
            }
            return Ok(Coverage {
                subject: entry.graph,
                kind: "container".to_owned(),
                checked: elements.len(),
                unrealized: Vec::new(),
                uncataloged: Vec::new(),
                unmapped,
            });
        }
        let model = entry.graph;
        let triples = self.graph_triples(&model)?;
        let concepts: Vec<_> = entries(GraphKind::DomainModel, &triples)
            .into_iter()
            .filter(|e| {
                ["class", "enumeration", "enum-value", "property"].contains(&e.kind.as_str())
            })
            .collect();
        let (mut unrealized, mut uncataloged) = (Vec::new(), Vec::new());
        for c in &concepts {
            let (projected, cataloged) = tracer.counts(&tracer.links_from(&c.iri)?)?;
            let item = CoverageItem {
                iri: c.iri.clone(),
                kind: c.kind.clone(),
                name: uda_upper::local_name(&c.iri).to_owned(),
                projected,
                cataloged,
            };
            if projected + cataloged == 0 {
                unrealized.push(item.clone());
            }
            if cataloged == 0 {
                uncataloged.push(item);
            }
        }
        Ok(Coverage {
            subject: model,
            kind: "model".to_owned(),
            checked: concepts.len(),
            unrealized,
            uncataloged,
            unmapped: Vec::new(),
        })
    }
}

impl Registry {
    /// The current existing container named `name` in its location, when exactly one is.
    fn container_named(&self, name: &str) -> Result<Option<CatalogEntry>, RegistryError> {
        let mut found = self
            .containers()?
            .into_iter()
            .filter(|c| c.name == name && c.current_version.is_some());
        match (found.next(), found.next()) {
            (Some(c), None) => catalog::read(&self.store, &c.graph),
            _ => Ok(None),
        }
    }
}

/// Whether a coordinates' system (`postgres`, `sqlite`, `sql`, `avro`,
/// `graphql`…, or none) names `system`, a target name.
fn system_matches(hint: &str, system: &str) -> bool {
    let hint = match hint {
        "postgresql" | "postgres" => "sql-postgres",
        "sqlite" => "sql-sqlite",
        "duckdb" => "sql-duckdb",
        other => other,
    };
    hint.is_empty() || system == hint || system.starts_with(&format!("{hint}-"))
}

/// Whether two container locations are the same, `postgres://` and `postgresql://` alike.
fn same_location(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.replacen("postgres://", "postgresql://", 1);
    norm(a) == norm(b)
}
