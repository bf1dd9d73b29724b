//! Reading hand-written mappings (Turtle) in uda's or Netflix UDA's vocabulary.
//!
//! The file is parsed by [`uda_upper::Document`], which keeps the line of
//! every statement; each mapping statement keeps its `file:line:column` so
//! that a check can point at it. Netflix's namespace is read as uda's: the
//! local names are the same, so a predicate or class is looked up in both.

use oxrdf::vocab::rdf;
use oxrdf::{NamedNodeRef, NamedOrBlankNodeRef, Term, TermRef, TripleRef};
use std::fmt;
use uda_projection::MAP_NS;
use uda_upper::{read_list, Document, Location, RdfFormat};

/// The namespace of Netflix UDA's published mapping vocabulary.
pub const NETFLIX_MAP_NS: &str = "https://rdf.netflix.net/ns/mapping#";

/// The most mappings, field mappings and path steps one file may hold in
/// all, so that hostile input cannot make the checks unbounded.
pub const MAX_STATEMENTS: usize = 100_000;

/// A problem reading a mapping file, where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub location: Location,
    pub message: String,
}

impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// An IRI named by a mapping statement, and where that statement is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref {
    pub iri: String,
    pub location: Location,
}

/// `map:toField` a field, `map:fromProperty` a property or a path of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMapping {
    pub field: Ref,
    /// One property, or the steps of a path through relationships.
    pub path: Vec<Ref>,
}

/// `map:forConcept` a related class, with the fields holding its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConceptMapping {
    pub concept: Ref,
    pub fields: Vec<FieldMapping>,
}

/// One data asset realizing one primary concept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    /// The mapping node, as written (an IRI or a blank node label).
    pub node: String,
    pub data_asset: Ref,
    pub primary_concept: Ref,
    pub fields: Vec<FieldMapping>,
    pub related: Vec<ConceptMapping>,
}

/// `map:MappingSet`: what a file of mappings connects, which registering it
/// needs (`uda map check` is told both ends on its command line instead).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappingSet {
    /// The set's IRI: the name the registry keeps the mappings under.
    pub iri: Ref,
    /// `map:domainModel`: the domain model's IRI.
    pub domain_model: Ref,
    /// `map:container`: the container's root element (its base IRI).
    pub container: Ref,
}

/// Every mapping of one file, in the order of their nodes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mappings {
    /// The file's `map:MappingSet`, when it has one (at most one).
    pub set: Option<MappingSet>,
    pub mappings: Vec<Mapping>,
}

/// Reads the Turtle `text`, named `label` in locations.
pub fn read(label: &str, text: &str) -> Result<Mappings, Vec<Located>> {
    let doc = Document::parse(
        label.into(),
        text.as_bytes(),
        RdfFormat::Turtle,
        &uda_upper::source_iri(label),
    )
    .map_err(|diagnostics| {
        diagnostics
            .into_iter()
            .map(|d| Located {
                location: d
                    .location
                    .unwrap_or_else(|| Location::file_only(label.into())),
                message: d.message,
            })
            .collect::<Vec<_>>()
    })?;
    let mut reader = Reader {
        doc: &doc,
        errors: Vec::new(),
        budget: MAX_STATEMENTS,
    };
    let mut nodes: Vec<NamedOrBlankNodeRef<'_>> = doc
        .graph()
        .triples_for_predicate(rdf::TYPE)
        .filter(|t| matches!(t.object, TermRef::NamedNode(n) if reader.is(n, "Mapping")))
        .map(|t| t.subject)
        .collect();
    nodes.dedup();
    let set = reader.set();
    let mut mappings: Vec<Mapping> = nodes
        .into_iter()
        .filter_map(|n| reader.mapping(n))
        .collect();
    // Blank node labels differ from one parse to the next: the order is the
    // file's, so that the same file always gives the same diagnostics.
    mappings.sort_by(|a, b| order(&a.data_asset, &b.data_asset).then(a.node.cmp(&b.node)));
    if reader.errors.is_empty() {
        Ok(Mappings { set, mappings })
    } else {
        Err(reader.errors)
    }
}

struct Reader<'a> {
    doc: &'a Document,
    errors: Vec<Located>,
    budget: usize,
}

impl<'a> Reader<'a> {
    /// Whether `iri` is `local` in uda's or Netflix's mapping namespace.
    fn is(&self, iri: NamedNodeRef<'_>, local: &str) -> bool {
        [MAP_NS, NETFLIX_MAP_NS]
            .iter()
            .any(|ns| iri.as_str().strip_prefix(ns) == Some(local))
    }

    /// The statements `subject` `local` ?, in a stable order.
    fn objects(&self, subject: NamedOrBlankNodeRef<'a>, local: &str) -> Vec<TripleRef<'a>> {
        let mut found: Vec<TripleRef<'a>> = self
            .doc
            .graph()
            .triples_for_subject(subject)
            .filter(|t| self.is(t.predicate, local))
            .collect();
        found.sort_by_key(|t| t.object.to_string());
        found
    }

    fn error(&mut self, location: Location, message: String) {
        self.errors.push(Located { location, message });
    }

    /// The one IRI `subject` `local` names; an error when none or several.
    fn one_iri(&mut self, subject: NamedOrBlankNodeRef<'a>, local: &str) -> Option<Ref> {
        let found = self.objects(subject, local);
        match found.as_slice() {
            [t] => self.iri(*t),
            [] => {
                let location = self.doc.subject_location(subject);
                self.error(location, format!("{subject} has no map:{local}"));
                None
            }
            [_, second, ..] => {
                let location = self.doc.triple_location(*second);
                self.error(location, format!("{subject} has several map:{local}"));
                None
            }
        }
    }

    fn iri(&mut self, t: TripleRef<'a>) -> Option<Ref> {
        let location = self.doc.triple_location(t);
        match t.object {
            TermRef::NamedNode(n) => Some(Ref {
                iri: n.as_str().to_owned(),
                location,
            }),
            other => {
                self.error(location, format!("{other} is not an IRI"));
                None
            }
        }
    }

    fn take_budget(&mut self, subject: NamedOrBlankNodeRef<'a>) -> bool {
        if self.budget == 0 {
            let location = self.doc.subject_location(subject);
            self.error(
                location,
                format!("more than {MAX_STATEMENTS} mapping statements in one file"),
            );
            return false;
        }
        self.budget -= 1;
        true
    }

    /// The one `map:MappingSet` node, named by an IRI; `None` when there is none.
    fn set(&mut self) -> Option<MappingSet> {
        let mut sets: Vec<TripleRef<'a>> = self
            .doc
            .graph()
            .triples_for_predicate(rdf::TYPE)
            .filter(|t| matches!(t.object, TermRef::NamedNode(n) if self.is(n, "MappingSet")))
            .collect();
        sets.sort_by_key(|t| t.subject.to_string());
        let [t] = sets.as_slice() else {
            if let Some(second) = sets.get(1) {
                let location = self.doc.triple_location(*second);
                self.error(location, "a file holds at most one map:MappingSet".into());
            }
            return None;
        };
        let location = self.doc.triple_location(*t);
        let NamedOrBlankNodeRef::NamedNode(iri) = t.subject else {
            self.error(
                location,
                "the map:MappingSet must be named by an IRI: the registry keeps the mappings under it"
                    .into(),
            );
            return None;
        };
        let domain_model = self.one_iri(t.subject, "domainModel");
        let container = self.one_iri(t.subject, "container");
        Some(MappingSet {
            iri: Ref {
                iri: iri.as_str().to_owned(),
                location,
            },
            domain_model: domain_model?,
            container: container?,
        })
    }

    fn mapping(&mut self, node: NamedOrBlankNodeRef<'a>) -> Option<Mapping> {
        if !self.take_budget(node) {
            return None;
        }
        let data_asset = self.one_iri(node, "toDataAsset");
        let primary_concept = self.one_iri(node, "forPrimaryConcept");
        let fields = self.field_mappings(node);
        let mut related = self
            .objects(node, "forRelatedConcept")
            .into_iter()
            .filter_map(|t| {
                let cm = self.node(t)?;
                Some(ConceptMapping {
                    concept: self.one_iri(cm, "forConcept")?,
                    fields: self.field_mappings(cm),
                })
            })
            .collect::<Vec<ConceptMapping>>();
        related.sort_by(|a, b| order(&a.concept, &b.concept));
        Some(Mapping {
            node: node.to_string(),
            data_asset: data_asset?,
            primary_concept: primary_concept?,
            fields,
            related,
        })
    }

    fn node(&mut self, t: TripleRef<'a>) -> Option<NamedOrBlankNodeRef<'a>> {
        match t.object {
            TermRef::NamedNode(n) => Some(n.into()),
            TermRef::BlankNode(b) => Some(b.into()),
            other => {
                let location = self.doc.triple_location(t);
                self.error(location, format!("{other} is not a node"));
                None
            }
        }
    }

    fn field_mappings(&mut self, owner: NamedOrBlankNodeRef<'a>) -> Vec<FieldMapping> {
        let mut fields = self
            .objects(owner, "fieldMapping")
            .into_iter()
            .filter_map(|t| {
                let fm = self.node(t)?;
                if !self.take_budget(fm) {
                    return None;
                }
                let field = self.one_iri(fm, "toField");
                let path = self.path(fm);
                Some(FieldMapping {
                    field: field?,
                    path: path?,
                })
            })
            .collect::<Vec<_>>();
        fields.sort_by(|a, b| order(&a.field, &b.field));
        fields
    }

    /// `map:fromProperty`: one property, or an RDF list of them.
    fn path(&mut self, fm: NamedOrBlankNodeRef<'a>) -> Option<Vec<Ref>> {
        let found = self.objects(fm, "fromProperty");
        let [t] = found.as_slice() else {
            let location = self.doc.subject_location(fm);
            let what = if found.is_empty() { "no" } else { "several" };
            self.error(location, format!("{fm} has {what} map:fromProperty"));
            return None;
        };
        let location = self.doc.triple_location(*t);
        if let TermRef::NamedNode(n) = t.object {
            if n != rdf::NIL {
                return Some(vec![Ref {
                    iri: n.as_str().to_owned(),
                    location,
                }]);
            }
        }
        let members = match read_list(self.doc.graph(), t.object) {
            Ok(members) if !members.is_empty() => members,
            Ok(_) => {
                self.error(location, "map:fromProperty is an empty path".into());
                return None;
            }
            Err(e) => {
                self.error(location, format!("the value of map:fromProperty {e}"));
                return None;
            }
        };
        let mut steps = Vec::with_capacity(members.len());
        for member in members {
            if !self.take_budget(fm) {
                return None;
            }
            match member {
                Term::NamedNode(n) => steps.push(Ref {
                    location: self.doc.term_location(*t, n.as_ref().into()),
                    iri: n.into_string(),
                }),
                other => {
                    self.error(location.clone(), format!("path step {other} is not an IRI"));
                    return None;
                }
            }
        }
        Some(steps)
    }
}

/// Where a statement is written, then what it names: the file's order.
fn order(a: &Ref, b: &Ref) -> std::cmp::Ordering {
    (a.location.line, a.location.column, &a.iri).cmp(&(b.location.line, b.location.column, &b.iri))
}
