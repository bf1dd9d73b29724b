//! Turns a shapes graph into an in-memory list of shapes with parsed
//! targets, paths and constraints, so that validation never has to look
//! at (or re-check) the shapes graph again.

use std::collections::{HashMap, HashSet};

use oxrdf::vocab::{rdf, rdfs, xsd};
use oxrdf::{Graph, Literal, NamedNode, NamedNodeRef, Term, TermRef};
use regex::{Regex, RegexBuilder};

use crate::error::ShapesError;
use crate::path::Path;
use crate::rdf::{objects, read_list};
use crate::vocab::{qname, sh, udash};

/// Index of a shape in [`ShapesGraph::shapes`].
pub(crate) type ShapeId = usize;

/// A parsed SHACL shapes graph, ready to validate any number of data graphs.
#[derive(Debug, Clone)]
pub struct ShapesGraph {
    pub(crate) shapes: Vec<Shape>,
}

#[derive(Debug, Clone)]
pub(crate) struct Shape {
    pub(crate) node: Term,
    pub(crate) targets: Vec<Target>,
    /// `Some` for property shapes.
    pub(crate) path: Option<Path>,
    pub(crate) severity: NamedNode,
    pub(crate) messages: Vec<Literal>,
    pub(crate) deactivated: bool,
    pub(crate) constraints: Vec<Constraint>,
    /// `udash:uniqueKey`, checked across all focus nodes of the shape rather
    /// than per focus node, so it is kept apart from `constraints`.
    pub(crate) unique_key: Option<Vec<NamedNode>>,
}

#[derive(Debug, Clone)]
pub(crate) enum Target {
    /// `sh:targetClass`, or the shape itself when it is also an `rdfs:Class`.
    Class(Term),
    Node(Term),
    SubjectsOf(NamedNode),
    ObjectsOf(NamedNode),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NodeKind {
    Iri,
    BlankNode,
    Literal,
    BlankNodeOrIri,
    BlankNodeOrLiteral,
    IriOrLiteral,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RangeKind {
    MinExclusive,
    MinInclusive,
    MaxExclusive,
    MaxInclusive,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PairKind {
    Equals,
    Disjoint,
    LessThan,
    LessThanOrEquals,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LogicKind {
    And,
    Or,
    Xone,
}

#[derive(Debug, Clone)]
pub(crate) enum Constraint {
    Class(Term),
    Datatype(NamedNode),
    NodeKind(NodeKind),
    MinCount(u64),
    MaxCount(u64),
    Range(RangeKind, Term),
    MinLength(u64),
    MaxLength(u64),
    Pattern {
        regex: Regex,
        pattern: String,
    },
    LanguageIn(Vec<String>),
    UniqueLang,
    Pair(PairKind, NamedNode),
    Not(ShapeId),
    Logic(LogicKind, Vec<ShapeId>),
    Node(ShapeId),
    Property(ShapeId),
    QualifiedMinCount {
        shape: ShapeId,
        count: u64,
        siblings: Vec<ShapeId>,
    },
    QualifiedMaxCount {
        shape: ShapeId,
        count: u64,
        siblings: Vec<ShapeId>,
    },
    Closed {
        allowed: HashSet<NamedNode>,
    },
    HasValue(Term),
    In(Vec<Term>),
}

const TARGET_PREDICATES: [NamedNodeRef<'static>; 4] = [
    sh::TARGET_CLASS,
    sh::TARGET_NODE,
    sh::TARGET_SUBJECTS_OF,
    sh::TARGET_OBJECTS_OF,
];

/// Every parameter of every SHACL Core constraint component (plus the uda
/// extension): a node that has any of them is a shape.
const PARAMETERS: [NamedNodeRef<'static>; 35] = [
    sh::CLASS,
    sh::DATATYPE,
    sh::NODE_KIND,
    sh::MIN_COUNT,
    sh::MAX_COUNT,
    sh::MIN_EXCLUSIVE,
    sh::MIN_INCLUSIVE,
    sh::MAX_EXCLUSIVE,
    sh::MAX_INCLUSIVE,
    sh::MIN_LENGTH,
    sh::MAX_LENGTH,
    sh::PATTERN,
    sh::FLAGS,
    sh::LANGUAGE_IN,
    sh::UNIQUE_LANG,
    sh::EQUALS,
    sh::DISJOINT,
    sh::LESS_THAN,
    sh::LESS_THAN_OR_EQUALS,
    sh::NOT,
    sh::AND,
    sh::OR,
    sh::XONE,
    sh::NODE,
    sh::PROPERTY,
    sh::QUALIFIED_VALUE_SHAPE,
    sh::QUALIFIED_MIN_COUNT,
    sh::QUALIFIED_MAX_COUNT,
    sh::QUALIFIED_VALUE_SHAPES_DISJOINT,
    sh::CLOSED,
    sh::IGNORED_PROPERTIES,
    sh::HAS_VALUE,
    sh::IN,
    udash::UNIQUE_KEY,
    // sh:path is not a constraint parameter, but a node carrying it is
    // meant as a property shape; treating it as a shape surfaces a broken
    // path as an error instead of silently ignoring the shape.
    sh::PATH,
];

/// Parameters whose value is a shape.
const SHAPE_VALUED: [NamedNodeRef<'static>; 4] =
    [sh::NODE, sh::PROPERTY, sh::QUALIFIED_VALUE_SHAPE, sh::NOT];

/// Parameters whose value is a list of shapes.
const SHAPE_LIST_VALUED: [NamedNodeRef<'static>; 3] = [sh::AND, sh::OR, sh::XONE];

impl ShapesGraph {
    /// Finds and parses every shape of `graph` (as defined in SHACL §2.1:
    /// instances of `sh:NodeShape`/`sh:PropertyShape`, subjects of targets
    /// or constraint parameters, and values of shape-expecting parameters).
    ///
    /// Fails on the first malformed shape, naming it.
    pub fn from_graph(graph: &Graph) -> Result<Self, ShapesError> {
        let nodes = collect_shape_nodes(graph)?;
        let ids: HashMap<TermRef<'_>, ShapeId> =
            nodes.iter().enumerate().map(|(i, n)| (*n, i)).collect();
        let class_like = shacl_instances(graph, rdfs::CLASS);
        let mut parser = Parser { graph, ids: &ids };
        let shapes = nodes
            .iter()
            .map(|node| parser.parse_shape(*node, class_like.contains(node)))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self { shapes })
    }

    /// Number of shapes found, including nested and anonymous ones.
    pub fn len(&self) -> usize {
        self.shapes.len()
    }

    /// Whether the shapes graph defines no shape at all.
    pub fn is_empty(&self) -> bool {
        self.shapes.is_empty()
    }
}

/// The nodes that are SHACL instances of `class` in `graph` (`rdf:type`
/// followed by any number of `rdfs:subClassOf`).
fn shacl_instances<'g>(graph: &'g Graph, class: NamedNodeRef<'g>) -> HashSet<TermRef<'g>> {
    let mut instances = HashSet::new();
    for c in subclasses(graph, class.into()) {
        for s in graph.subjects_for_predicate_object(rdf::TYPE, c) {
            instances.insert(s.into());
        }
    }
    instances
}

/// `class` and all its subclasses, transitively.
pub(crate) fn subclasses<'g>(graph: &'g Graph, class: TermRef<'g>) -> Vec<TermRef<'g>> {
    let mut seen: HashSet<TermRef<'g>> = HashSet::from([class]);
    let mut out = vec![class];
    let mut i = 0;
    while let Some(c) = out.get(i).copied() {
        i += 1;
        for sub in graph.subjects_for_predicate_object(rdfs::SUB_CLASS_OF, c) {
            let sub: TermRef<'g> = sub.into();
            if seen.insert(sub) {
                out.push(sub);
            }
        }
    }
    out
}

fn collect_shape_nodes<'g>(graph: &'g Graph) -> Result<Vec<TermRef<'g>>, ShapesError> {
    let mut order: Vec<TermRef<'g>> = Vec::new();
    let mut seen: HashSet<TermRef<'g>> = HashSet::new();
    let mut add = |node: TermRef<'g>, order: &mut Vec<TermRef<'g>>| {
        if seen.insert(node) {
            order.push(node);
        }
    };
    let mut typed: Vec<TermRef<'g>> = shacl_instances(graph, sh::NODE_SHAPE)
        .into_iter()
        .chain(shacl_instances(graph, sh::PROPERTY_SHAPE))
        .collect();
    // HashSet order is random; sort so that results come out in the same
    // order on every run.
    typed.sort_by_cached_key(|t| t.to_string());
    for node in typed {
        add(node, &mut order);
    }
    for predicate in TARGET_PREDICATES.iter().chain(PARAMETERS.iter()) {
        for triple in graph.triples_for_predicate(*predicate) {
            add(triple.subject.into(), &mut order);
        }
    }
    for predicate in SHAPE_VALUED {
        for triple in graph.triples_for_predicate(predicate) {
            if triple.object.is_literal() {
                return Err(ShapesError::new(
                    triple.subject.into_owned(),
                    format!(
                        "the value of {} must be a shape, not the literal {}",
                        qname(predicate),
                        triple.object
                    ),
                ));
            }
            add(triple.object, &mut order);
        }
    }
    for predicate in SHAPE_LIST_VALUED {
        for triple in graph.triples_for_predicate(predicate) {
            let members = read_list(graph, triple.object).map_err(|m| {
                ShapesError::new(
                    triple.subject.into_owned(),
                    format!("invalid {} list: {m}", qname(predicate)),
                )
            })?;
            for member in members {
                if member.is_literal() {
                    return Err(ShapesError::new(
                        triple.subject.into_owned(),
                        format!(
                            "the members of {} must be shapes, not the literal {member}",
                            qname(predicate)
                        ),
                    ));
                }
                add(member, &mut order);
            }
        }
    }
    Ok(order)
}

struct Parser<'g, 'i> {
    graph: &'g Graph,
    ids: &'i HashMap<TermRef<'g>, ShapeId>,
}

impl<'g> Parser<'g, '_> {
    fn parse_shape(&mut self, node: TermRef<'g>, is_class: bool) -> Result<Shape, ShapesError> {
        let err = |message: String| ShapesError::new(node.into_owned(), message);
        let g = self.graph;
        let values = |p: NamedNodeRef<'_>| objects(g, node, p);

        let mut targets = Vec::new();
        if is_class && !node.is_literal() {
            targets.push(Target::Class(node.into_owned()));
        }
        for v in values(sh::TARGET_CLASS) {
            if v.is_literal() {
                return Err(err(format!("sh:targetClass value {v} must be an IRI")));
            }
            targets.push(Target::Class(v.into_owned()));
        }
        for v in values(sh::TARGET_NODE) {
            targets.push(Target::Node(v.into_owned()));
        }
        for v in values(sh::TARGET_SUBJECTS_OF) {
            targets.push(Target::SubjectsOf(iri(v).ok_or_else(|| {
                err(format!("sh:targetSubjectsOf value {v} must be an IRI"))
            })?));
        }
        for v in values(sh::TARGET_OBJECTS_OF) {
            targets.push(Target::ObjectsOf(iri(v).ok_or_else(|| {
                err(format!("sh:targetObjectsOf value {v} must be an IRI"))
            })?));
        }

        let path = match values(sh::PATH).as_slice() {
            [] => None,
            [p] => Some(
                Path::from_graph(g, *p)
                    .map_err(|e| err(format!("invalid sh:path: {}", e.message())))?,
            ),
            _ => return Err(err("a property shape must have exactly one sh:path".into())),
        };

        let severity = match values(sh::SEVERITY).as_slice() {
            [] => sh::VIOLATION.into_owned(),
            [s] => iri(*s).ok_or_else(|| err(format!("sh:severity value {s} must be an IRI")))?,
            _ => return Err(err("a shape can have at most one sh:severity".into())),
        };
        let mut messages = Vec::new();
        for m in values(sh::MESSAGE) {
            match m {
                TermRef::Literal(l) => messages.push(l.into_owned()),
                other => return Err(err(format!("sh:message value {other} must be a literal"))),
            }
        }
        let deactivated = match values(sh::DEACTIVATED).as_slice() {
            [] => false,
            [d] => boolean(*d)
                .ok_or_else(|| err(format!("sh:deactivated value {d} must be an xsd:boolean")))?,
            _ => return Err(err("a shape can have at most one sh:deactivated".into())),
        };

        let mut constraints = Vec::new();
        self.parse_value_constraints(node, &mut constraints)
            .map_err(err)?;
        self.parse_shape_constraints(node, &mut constraints)
            .map_err(err)?;
        if path.is_some() {
            self.parse_property_only(node, &mut constraints)
                .map_err(err)?;
        } else {
            for p in [
                sh::MIN_COUNT,
                sh::MAX_COUNT,
                sh::QUALIFIED_VALUE_SHAPE,
                sh::UNIQUE_LANG,
                sh::LESS_THAN,
                sh::LESS_THAN_OR_EQUALS,
            ] {
                if !values(p).is_empty() {
                    return Err(err(format!(
                        "{} is only allowed on property shapes (with sh:path)",
                        qname(p)
                    )));
                }
            }
        }

        let unique_key = match values(udash::UNIQUE_KEY).as_slice() {
            [] => None,
            [_] if path.is_some() => {
                return Err(err("udash:uniqueKey is only allowed on node shapes".into()))
            }
            [list] => {
                let members = read_list(g, *list)
                    .map_err(|m| err(format!("invalid udash:uniqueKey list: {m}")))?;
                if members.is_empty() {
                    return Err(err(
                        "udash:uniqueKey must list at least one predicate".into()
                    ));
                }
                let key = members
                    .into_iter()
                    .map(|m| {
                        iri(m).ok_or_else(|| {
                            err(format!("udash:uniqueKey member {m} must be an IRI"))
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                Some(key)
            }
            _ => return Err(err("a shape can have at most one udash:uniqueKey".into())),
        };

        Ok(Shape {
            node: node.into_owned(),
            targets,
            path,
            severity,
            messages,
            deactivated,
            constraints,
            unique_key,
        })
    }

    fn shape_id(&self, node: TermRef<'_>) -> Result<ShapeId, String> {
        self.ids
            .get(&node)
            .copied()
            .ok_or_else(|| format!("{node} is used as a shape but could not be resolved"))
    }

    /// Constraints that apply to each value node independently.
    fn parse_value_constraints(
        &self,
        node: TermRef<'g>,
        out: &mut Vec<Constraint>,
    ) -> Result<(), String> {
        let g = self.graph;
        let values = |p: NamedNodeRef<'_>| objects(g, node, p);
        for v in values(sh::CLASS) {
            if v.is_literal() {
                return Err(format!("sh:class value {v} must be an IRI"));
            }
            out.push(Constraint::Class(v.into_owned()));
        }
        for v in values(sh::DATATYPE) {
            out.push(Constraint::Datatype(iri(v).ok_or_else(|| {
                format!("sh:datatype value {v} must be an IRI")
            })?));
        }
        for v in values(sh::NODE_KIND) {
            out.push(Constraint::NodeKind(node_kind(v).ok_or_else(|| {
                format!("sh:nodeKind value {v} must be one of sh:IRI, sh:BlankNode, sh:Literal, sh:BlankNodeOrIRI, sh:BlankNodeOrLiteral, sh:IRIOrLiteral")
            })?));
        }
        for (p, kind) in [
            (sh::MIN_EXCLUSIVE, RangeKind::MinExclusive),
            (sh::MIN_INCLUSIVE, RangeKind::MinInclusive),
            (sh::MAX_EXCLUSIVE, RangeKind::MaxExclusive),
            (sh::MAX_INCLUSIVE, RangeKind::MaxInclusive),
        ] {
            for v in values(p) {
                if !v.is_literal() {
                    return Err(format!("{} value {v} must be a literal", qname(p)));
                }
                out.push(Constraint::Range(kind, v.into_owned()));
            }
        }
        for v in values(sh::MIN_LENGTH) {
            out.push(Constraint::MinLength(count(v, sh::MIN_LENGTH)?));
        }
        for v in values(sh::MAX_LENGTH) {
            out.push(Constraint::MaxLength(count(v, sh::MAX_LENGTH)?));
        }
        let flags = match values(sh::FLAGS).as_slice() {
            [] => None,
            [TermRef::Literal(f)] => Some(f.value()),
            [other] => return Err(format!("sh:flags value {other} must be a string literal")),
            _ => return Err("a shape can have at most one sh:flags".into()),
        };
        let patterns = values(sh::PATTERN);
        if flags.is_some() && patterns.is_empty() {
            return Err("sh:flags without sh:pattern".into());
        }
        for v in patterns {
            let TermRef::Literal(l) = v else {
                return Err(format!("sh:pattern value {v} must be a string literal"));
            };
            let regex = compile_pattern(l.value(), flags.unwrap_or(""))?;
            out.push(Constraint::Pattern {
                regex,
                pattern: l.value().to_owned(),
            });
        }
        for v in values(sh::LANGUAGE_IN) {
            let members =
                read_list(g, v).map_err(|m| format!("invalid sh:languageIn list: {m}"))?;
            let tags = members
                .into_iter()
                .map(|m| match m {
                    TermRef::Literal(l) => Ok(l.value().to_owned()),
                    other => Err(format!(
                        "sh:languageIn member {other} must be a string literal"
                    )),
                })
                .collect::<Result<Vec<_>, _>>()?;
            out.push(Constraint::LanguageIn(tags));
        }
        for v in values(sh::HAS_VALUE) {
            out.push(Constraint::HasValue(v.into_owned()));
        }
        for v in values(sh::IN) {
            let members = read_list(g, v).map_err(|m| format!("invalid sh:in list: {m}"))?;
            out.push(Constraint::In(
                members.into_iter().map(TermRef::into_owned).collect(),
            ));
        }
        for (p, kind) in [
            (sh::EQUALS, PairKind::Equals),
            (sh::DISJOINT, PairKind::Disjoint),
        ] {
            for v in values(p) {
                out.push(Constraint::Pair(
                    kind,
                    iri(v).ok_or_else(|| format!("{} value {v} must be an IRI", qname(p)))?,
                ));
            }
        }
        Ok(())
    }

    /// Constraints that refer to other shapes, and `sh:closed`.
    fn parse_shape_constraints(
        &self,
        node: TermRef<'g>,
        out: &mut Vec<Constraint>,
    ) -> Result<(), String> {
        let g = self.graph;
        let values = |p: NamedNodeRef<'_>| objects(g, node, p);
        for v in values(sh::NOT) {
            out.push(Constraint::Not(self.shape_id(v)?));
        }
        for (p, kind) in [
            (sh::AND, LogicKind::And),
            (sh::OR, LogicKind::Or),
            (sh::XONE, LogicKind::Xone),
        ] {
            for v in values(p) {
                let members =
                    read_list(g, v).map_err(|m| format!("invalid {} list: {m}", qname(p)))?;
                let ids = members
                    .into_iter()
                    .map(|m| self.shape_id(m))
                    .collect::<Result<Vec<_>, _>>()?;
                out.push(Constraint::Logic(kind, ids));
            }
        }
        for v in values(sh::NODE) {
            out.push(Constraint::Node(self.shape_id(v)?));
        }
        for v in values(sh::PROPERTY) {
            out.push(Constraint::Property(self.shape_id(v)?));
        }
        let closed = match values(sh::CLOSED).as_slice() {
            [] => false,
            [c] => {
                boolean(*c).ok_or_else(|| format!("sh:closed value {c} must be an xsd:boolean"))?
            }
            _ => return Err("a shape can have at most one sh:closed".into()),
        };
        let ignored = values(sh::IGNORED_PROPERTIES);
        if closed {
            let mut allowed = HashSet::new();
            for property in values(sh::PROPERTY) {
                // Only predicate paths name a property that may appear on the
                // focus node; complex paths do not allow anything.
                for p in objects(g, property, sh::PATH) {
                    if let TermRef::NamedNode(n) = p {
                        allowed.insert(n.into_owned());
                    }
                }
            }
            for list in ignored {
                let members = read_list(g, list)
                    .map_err(|m| format!("invalid sh:ignoredProperties list: {m}"))?;
                for m in members {
                    allowed.insert(iri(m).ok_or_else(|| {
                        format!("sh:ignoredProperties member {m} must be an IRI")
                    })?);
                }
            }
            out.push(Constraint::Closed { allowed });
        }
        Ok(())
    }

    /// Constraints that only make sense with a path (counts, pairwise
    /// comparisons, qualified value shapes, unique languages).
    fn parse_property_only(
        &self,
        node: TermRef<'g>,
        out: &mut Vec<Constraint>,
    ) -> Result<(), String> {
        let g = self.graph;
        let values = |p: NamedNodeRef<'_>| objects(g, node, p);
        for v in values(sh::MIN_COUNT) {
            out.push(Constraint::MinCount(count(v, sh::MIN_COUNT)?));
        }
        for v in values(sh::MAX_COUNT) {
            out.push(Constraint::MaxCount(count(v, sh::MAX_COUNT)?));
        }
        for v in values(sh::UNIQUE_LANG) {
            if boolean(v)
                .ok_or_else(|| format!("sh:uniqueLang value {v} must be an xsd:boolean"))?
            {
                out.push(Constraint::UniqueLang);
            }
        }
        for (p, kind) in [
            (sh::LESS_THAN, PairKind::LessThan),
            (sh::LESS_THAN_OR_EQUALS, PairKind::LessThanOrEquals),
        ] {
            for v in values(p) {
                out.push(Constraint::Pair(
                    kind,
                    iri(v).ok_or_else(|| format!("{} value {v} must be an IRI", qname(p)))?,
                ));
            }
        }

        let qualified = values(sh::QUALIFIED_VALUE_SHAPE);
        let single_count = |p: NamedNodeRef<'_>| -> Result<Option<u64>, String> {
            match values(p).as_slice() {
                [] => Ok(None),
                [v] => count(*v, p).map(Some),
                _ => Err(format!("a shape can have at most one {}", qname(p))),
            }
        };
        let min = single_count(sh::QUALIFIED_MIN_COUNT)?;
        let max = single_count(sh::QUALIFIED_MAX_COUNT)?;
        let disjoint = match values(sh::QUALIFIED_VALUE_SHAPES_DISJOINT).as_slice() {
            [] => false,
            [d] => boolean(*d).ok_or_else(|| {
                format!("sh:qualifiedValueShapesDisjoint value {d} must be an xsd:boolean")
            })?,
            _ => return Err("a shape can have at most one sh:qualifiedValueShapesDisjoint".into()),
        };
        if qualified.is_empty() && (min.is_some() || max.is_some()) {
            return Err(
                "sh:qualifiedMinCount/sh:qualifiedMaxCount without sh:qualifiedValueShape".into(),
            );
        }
        for q in qualified {
            let shape = self.shape_id(q)?;
            let siblings = if disjoint {
                self.siblings(node, q)?
            } else {
                Vec::new()
            };
            if let Some(count) = min {
                out.push(Constraint::QualifiedMinCount {
                    shape,
                    count,
                    siblings: siblings.clone(),
                });
            }
            if let Some(count) = max {
                out.push(Constraint::QualifiedMaxCount {
                    shape,
                    count,
                    siblings,
                });
            }
        }
        Ok(())
    }

    /// The sibling shapes of SHACL §4.7.3: the qualified value shapes of the
    /// other property shapes of every shape that has `node` as a property.
    fn siblings(&self, node: TermRef<'g>, own: TermRef<'g>) -> Result<Vec<ShapeId>, String> {
        let g = self.graph;
        let mut out = Vec::new();
        for parent in g.subjects_for_predicate_object(sh::PROPERTY, node) {
            for property in g.objects_for_subject_predicate(parent, sh::PROPERTY) {
                for q in objects(g, property, sh::QUALIFIED_VALUE_SHAPE) {
                    if q != own {
                        let id = self.shape_id(q)?;
                        if !out.contains(&id) {
                            out.push(id);
                        }
                    }
                }
            }
        }
        Ok(out)
    }
}

fn iri(term: TermRef<'_>) -> Option<NamedNode> {
    match term {
        TermRef::NamedNode(n) => Some(n.into_owned()),
        _ => None,
    }
}

fn boolean(term: TermRef<'_>) -> Option<bool> {
    let TermRef::Literal(l) = term else {
        return None;
    };
    if l.datatype() != xsd::BOOLEAN {
        return None;
    }
    // The spec activates these parameters only when the value *is* the
    // literal `true`; "1"^^xsd:boolean is a valid boolean but a different
    // term, so it counts as false (W3C test uniqueLang-002).
    match l.value() {
        "true" => Some(true),
        "false" | "1" | "0" => Some(false),
        _ => None,
    }
}

/// A non-negative integer parameter such as `sh:minCount`.
fn count(term: TermRef<'_>, parameter: NamedNodeRef<'_>) -> Result<u64, String> {
    let error = || {
        format!(
            "{} value {term} must be a non-negative xsd:integer",
            qname(parameter)
        )
    };
    let TermRef::Literal(l) = term else {
        return Err(error());
    };
    if !crate::values::is_well_formed(l) || !is_integer_datatype(l.datatype()) {
        return Err(error());
    }
    let lexical = l.value().strip_prefix('+').unwrap_or(l.value());
    if lexical.starts_with('-') {
        return Err(error());
    }
    // A count beyond u64 can never be reached; saturating keeps it meaningful.
    Ok(lexical.parse::<u64>().unwrap_or(u64::MAX))
}

fn is_integer_datatype(datatype: NamedNodeRef<'_>) -> bool {
    datatype
        .as_str()
        .strip_prefix("http://www.w3.org/2001/XMLSchema#")
        .is_some_and(|local| {
            matches!(
                local,
                "integer"
                    | "nonNegativeInteger"
                    | "positiveInteger"
                    | "long"
                    | "int"
                    | "short"
                    | "byte"
                    | "unsignedLong"
                    | "unsignedInt"
                    | "unsignedShort"
                    | "unsignedByte"
            )
        })
}

fn node_kind(term: TermRef<'_>) -> Option<NodeKind> {
    let TermRef::NamedNode(n) = term else {
        return None;
    };
    Some(match n {
        n if n == sh::IRI => NodeKind::Iri,
        n if n == sh::BLANK_NODE => NodeKind::BlankNode,
        n if n == sh::LITERAL => NodeKind::Literal,
        n if n == sh::BLANK_NODE_OR_IRI => NodeKind::BlankNodeOrIri,
        n if n == sh::BLANK_NODE_OR_LITERAL => NodeKind::BlankNodeOrLiteral,
        n if n == sh::IRI_OR_LITERAL => NodeKind::IriOrLiteral,
        _ => return None,
    })
}

/// Compiles an XPath `fn:matches` pattern with its flags into a Rust regex.
/// The syntaxes agree on everything but a few XPath features (character
/// class subtraction, back-references) that Rust rejects, which then
/// surfaces as a malformed-shape error rather than a wrong answer.
fn compile_pattern(pattern: &str, flags: &str) -> Result<Regex, String> {
    let mut builder_pattern = pattern.to_owned();
    let mut case_insensitive = false;
    let mut dot_all = false;
    let mut multi_line = false;
    let mut extended = false;
    for flag in flags.chars() {
        match flag {
            'i' => case_insensitive = true,
            's' => dot_all = true,
            'm' => multi_line = true,
            'x' => extended = true,
            'q' => builder_pattern = regex::escape(pattern),
            other => {
                return Err(format!(
                    "unsupported sh:flags character {other:?} (allowed: s, m, i, x, q)"
                ))
            }
        }
    }
    RegexBuilder::new(&builder_pattern)
        .case_insensitive(case_insensitive)
        .dot_matches_new_line(dot_all)
        .multi_line(multi_line)
        .ignore_whitespace(extended)
        // Bounds compile time and memory for hostile patterns.
        .size_limit(1 << 22)
        .build()
        .map_err(|e| format!("sh:pattern {pattern:?} is not a valid regular expression: {e}"))
}
