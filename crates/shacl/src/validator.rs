//! The validation engine: computes focus nodes from targets, evaluates each
//! constraint on its value nodes and collects validation results, following
//! SHACL §3-4 (Core) plus the `udash:uniqueKey` extension.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use oxrdf::vocab::rdf;
use oxrdf::{Graph, Literal, NamedNode, NamedNodeRef, Term, TermRef};

use crate::path::Path;
use crate::rdf::{as_subject, objects, sort_terms};
use crate::report::{ValidationReport, ValidationResult};
use crate::shapes::{
    subclasses, Constraint, LogicKind, NodeKind, PairKind, RangeKind, Shape, ShapeId, ShapesGraph,
    Target,
};
use crate::values::{compare, is_well_formed};
use crate::vocab::{sh, udash};

/// Nested shape evaluations (`sh:node`, `sh:property`, ... chains through
/// the data) deeper than this are not followed. Validation runs on a thread
/// whose stack is sized for this depth.
const MAX_DEPTH: usize = 10_000;
/// Stack for the validation thread. Measured use is about 4.3 KiB per
/// nesting level in an unoptimized build (1.5 KiB optimized), so this is
/// six times what `MAX_DEPTH` needs; it is only reserved, not committed,
/// until used.
const STACK_SIZE: usize = 256 * 1024 * 1024;
/// Depth used if a big-stack thread cannot be spawned and validation has to
/// run on the caller's stack, whose size is unknown (2 MiB for test threads).
const FALLBACK_MAX_DEPTH: usize = 64;

/// Validates `data` against every shape of `shapes` that has targets.
pub fn validate(shapes: &ShapesGraph, data: &Graph) -> ValidationReport {
    let spawned = std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("uda-shacl-validate".into())
            .stack_size(STACK_SIZE)
            .spawn_scoped(scope, || Validator::new(shapes, data, MAX_DEPTH).run())
            .ok()
            .map(|handle| handle.join())
    });
    match spawned {
        Some(Ok(report)) => report,
        // The validator does not panic by design; if it ever did, re-raise
        // it rather than pretend the data conforms.
        Some(Err(panic)) => std::panic::resume_unwind(panic),
        None => Validator::new(shapes, data, FALLBACK_MAX_DEPTH).run(),
    }
}

/// Where results go. Conformance checks (for `sh:node`, `sh:or`, ...) only
/// need to know whether there is at least one result, so they stop early.
struct Sink {
    collect: bool,
    results: Vec<ValidationResult>,
    failed: bool,
}

impl Sink {
    fn collecting() -> Self {
        Self {
            collect: true,
            results: Vec::new(),
            failed: false,
        }
    }

    fn checking() -> Self {
        Self {
            collect: false,
            results: Vec::new(),
            failed: false,
        }
    }

    fn done(&self) -> bool {
        !self.collect && self.failed
    }
}

struct Validator<'a> {
    shapes: &'a [Shape],
    data: &'a Graph,
    max_depth: usize,
    /// (shape, focus node) pairs being evaluated: re-entering one means the
    /// shapes are recursive on this data, and the inner evaluation is
    /// assumed to conform (the outer one is still checked in full).
    active: HashSet<(ShapeId, Term)>,
    /// All subclasses (in the data graph) of each class used by `sh:class`.
    class_cache: HashMap<Term, HashSet<Term>>,
    /// Finished conformance checks. Shapes are often shared (`sh:node
    /// ex:AddressShape` from many places), and without this, nested
    /// `sh:or`/`sh:and` could cost time exponential in their depth.
    conformance_cache: HashMap<(ShapeId, Term), bool>,
    /// Counts evaluations cut short by the recursion guard or the depth
    /// limit. A conformance answer computed while it changed rests on that
    /// assumption, is only valid in its context, and is not cached.
    assumptions: u64,
}

impl<'a> Validator<'a> {
    fn new(shapes: &'a ShapesGraph, data: &'a Graph, max_depth: usize) -> Self {
        Self {
            shapes: &shapes.shapes,
            data,
            max_depth,
            active: HashSet::new(),
            class_cache: HashMap::new(),
            conformance_cache: HashMap::new(),
            assumptions: 0,
        }
    }

    fn run(mut self) -> ValidationReport {
        let mut sink = Sink::collecting();
        for (id, shape) in self.shapes.iter().enumerate() {
            if shape.deactivated || shape.targets.is_empty() {
                continue;
            }
            let focus_nodes = self.focus_nodes(shape);
            for focus in &focus_nodes {
                self.validate_shape(id, focus, &mut sink);
            }
            if let Some(key) = &shape.unique_key {
                self.check_unique_key(shape, key, &focus_nodes, &mut sink);
            }
        }
        ValidationReport {
            conforms: sink.results.is_empty(),
            results: sink.results,
        }
    }

    fn focus_nodes(&self, shape: &Shape) -> Vec<Term> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        let mut add = |t: Term, out: &mut Vec<Term>| {
            if seen.insert(t.clone()) {
                out.push(t);
            }
        };
        for target in &shape.targets {
            match target {
                Target::Node(n) => add(n.clone(), &mut out),
                Target::Class(c) => {
                    for class in subclasses(self.data, c.as_ref()) {
                        for s in self.data.subjects_for_predicate_object(rdf::TYPE, class) {
                            add(s.into(), &mut out);
                        }
                    }
                }
                Target::SubjectsOf(p) => {
                    for t in self.data.triples_for_predicate(p) {
                        add(t.subject.into(), &mut out);
                    }
                }
                Target::ObjectsOf(p) => {
                    for t in self.data.triples_for_predicate(p) {
                        add(t.object.into_owned(), &mut out);
                    }
                }
            }
        }
        // oxrdf graphs iterate in an order that changes from run to run;
        // sorting makes the report (and which of two nodes sharing a
        // udash:uniqueKey is reported) the same for the same data.
        sort_terms(&mut out);
        out
    }

    /// Validates one focus node against one shape, adding results to `sink`.
    fn validate_shape(&mut self, id: ShapeId, focus: &Term, sink: &mut Sink) {
        let shapes = self.shapes;
        let Some(shape) = shapes.get(id) else { return };
        if shape.deactivated {
            return;
        }
        if !self.active.insert((id, focus.clone())) {
            self.assumptions += 1;
            return;
        }
        let value_nodes = match &shape.path {
            Some(path) => path.eval(self.data, focus),
            None => vec![focus.clone()],
        };
        for constraint in &shape.constraints {
            self.check(shape, constraint, focus, &value_nodes, sink);
            if sink.done() {
                break;
            }
        }
        self.active.remove(&(id, focus.clone()));
    }

    /// Whether `node` conforms to shape `id` (has no results at any
    /// severity).
    fn conforms(&mut self, id: ShapeId, node: &Term) -> bool {
        let key = (id, node.clone());
        if let Some(known) = self.conformance_cache.get(&key) {
            return *known;
        }
        if self.active.len() >= self.max_depth {
            // Too deep to check: answering "does not conform" is the
            // conservative choice, it never hides a violation.
            self.assumptions += 1;
            return false;
        }
        let before = self.assumptions;
        let mut sink = Sink::checking();
        self.validate_shape(id, node, &mut sink);
        let conforms = !sink.failed;
        if self.assumptions == before {
            self.conformance_cache.insert(key, conforms);
        }
        conforms
    }

    #[allow(clippy::too_many_arguments)]
    fn report(
        &self,
        sink: &mut Sink,
        shape: &Shape,
        focus: &Term,
        value: Option<&Term>,
        component: NamedNodeRef<'_>,
        path: Option<Path>,
        message: impl FnOnce() -> String,
    ) {
        sink.failed = true;
        if !sink.collect {
            return;
        }
        let messages = if shape.messages.is_empty() {
            vec![Literal::new_simple_literal(message())]
        } else {
            shape.messages.clone()
        };
        sink.results.push(ValidationResult {
            focus_node: focus.clone(),
            result_path: path.or_else(|| shape.path.clone()),
            value: value.cloned(),
            source_shape: shape.node.clone(),
            source_constraint_component: component.into_owned(),
            severity: shape.severity.clone(),
            messages,
        });
    }

    fn check(
        &mut self,
        shape: &Shape,
        constraint: &Constraint,
        focus: &Term,
        values: &[Term],
        sink: &mut Sink,
    ) {
        // Most components report each failing value node on its own; this
        // keeps their code down to the condition and the message.
        macro_rules! each_value {
            ($component:expr, |$v:ident| $violates:expr, $msg:expr) => {
                for $v in values {
                    if $violates {
                        self.report(sink, shape, focus, Some($v), $component, None, || $msg);
                        if sink.done() {
                            return;
                        }
                    }
                }
            };
        }
        match constraint {
            Constraint::Class(class) => {
                each_value!(
                    sh::CLASS_CC,
                    |v| !self.is_instance(v, class),
                    format!("Value {v} is not an instance of {class}")
                )
            }
            Constraint::Datatype(dt) => each_value!(
                sh::DATATYPE_CC,
                |v| !has_datatype(v.as_ref(), dt.as_ref()),
                format!("Value {v} does not have datatype {dt} (or is ill-typed)")
            ),
            Constraint::NodeKind(kind) => each_value!(
                sh::NODE_KIND_CC,
                |v| !has_node_kind(v.as_ref(), *kind),
                format!(
                    "Value {v} does not have node kind {}",
                    node_kind_name(*kind)
                )
            ),
            Constraint::MinCount(min) => {
                if (values.len() as u64) < *min {
                    self.report(sink, shape, focus, None, sh::MIN_COUNT_CC, None, || {
                        format!("Fewer than {min} values ({} found)", values.len())
                    });
                }
            }
            Constraint::MaxCount(max) => {
                if (values.len() as u64) > *max {
                    self.report(sink, shape, focus, None, sh::MAX_COUNT_CC, None, || {
                        format!("More than {max} values ({} found)", values.len())
                    });
                }
            }
            Constraint::Range(kind, bound) => {
                let (component, ok, words): (_, fn(Ordering) -> bool, _) = match kind {
                    RangeKind::MinExclusive => (
                        sh::MIN_EXCLUSIVE_CC,
                        |o| o == Ordering::Greater,
                        "greater than",
                    ),
                    RangeKind::MinInclusive => (
                        sh::MIN_INCLUSIVE_CC,
                        |o| o != Ordering::Less,
                        "greater than or equal to",
                    ),
                    RangeKind::MaxExclusive => {
                        (sh::MAX_EXCLUSIVE_CC, |o| o == Ordering::Less, "less than")
                    }
                    RangeKind::MaxInclusive => (
                        sh::MAX_INCLUSIVE_CC,
                        |o| o != Ordering::Greater,
                        "less than or equal to",
                    ),
                };
                each_value!(
                    component,
                    |v| !compare(v.as_ref(), bound.as_ref()).is_some_and(ok),
                    format!("Value {v} is not {words} {bound}")
                )
            }
            Constraint::MinLength(min) => each_value!(
                sh::MIN_LENGTH_CC,
                |v| string_length(v.as_ref()).is_none_or(|len| len < *min),
                format!("Value {v} is shorter than {min} characters")
            ),
            Constraint::MaxLength(max) => each_value!(
                sh::MAX_LENGTH_CC,
                |v| string_length(v.as_ref()).is_none_or(|len| len > *max),
                format!("Value {v} is longer than {max} characters")
            ),
            Constraint::Pattern { regex, pattern } => each_value!(
                sh::PATTERN_CC,
                |v| string_value(v.as_ref()).is_none_or(|s| !regex.is_match(s)),
                format!("Value {v} does not match the pattern {pattern:?}")
            ),
            Constraint::LanguageIn(ranges) => each_value!(
                sh::LANGUAGE_IN_CC,
                |v| !language_in(v.as_ref(), ranges),
                format!(
                    "Value {v} does not have one of the languages {}",
                    ranges.join(", ")
                )
            ),
            Constraint::UniqueLang => {
                let mut counts: Vec<(String, usize)> = Vec::new();
                for v in values {
                    if let TermRef::Literal(l) = v.as_ref() {
                        if let Some(lang) = l.language().filter(|l| !l.is_empty()) {
                            let lang = lang.to_ascii_lowercase();
                            match counts.iter_mut().find(|(l, _)| *l == lang) {
                                Some((_, n)) => *n += 1,
                                None => counts.push((lang, 1)),
                            }
                        }
                    }
                }
                for (lang, n) in counts {
                    if n > 1 {
                        self.report(sink, shape, focus, None, sh::UNIQUE_LANG_CC, None, || {
                            format!("Language \"{lang}\" is used by {n} values")
                        });
                    }
                }
            }
            Constraint::Pair(kind, property) => {
                self.check_pair(shape, *kind, property, focus, values, sink)
            }
            Constraint::Not(id) => {
                let not_shape = self.shape_term(*id);
                each_value!(
                    sh::NOT_CC,
                    |v| self.conforms(*id, v),
                    format!("Value {v} conforms to {not_shape}, which is negated")
                )
            }
            Constraint::Logic(kind, ids) => {
                let (component, words) = match kind {
                    LogicKind::And => (sh::AND_CC, "all"),
                    LogicKind::Or => (sh::OR_CC, "at least one"),
                    LogicKind::Xone => (sh::XONE_CC, "exactly one"),
                };
                each_value!(
                    component,
                    |v| !self.logic_holds(*kind, ids, v),
                    format!("Value {v} does not conform to {words} of the listed shapes")
                )
            }
            Constraint::Node(id) => {
                let node_shape = self.shape_term(*id);
                each_value!(
                    sh::NODE_CC,
                    |v| !self.conforms(*id, v),
                    format!("Value {v} does not conform to {node_shape}")
                )
            }
            Constraint::Property(id) => {
                for v in values {
                    if self.active.len() >= self.max_depth {
                        self.assumptions += 1;
                        self.report(sink, shape, focus, Some(v), sh::PROPERTY_CC, None, || {
                            "Shapes nest too deeply on this data to be checked".to_owned()
                        });
                    } else {
                        self.validate_shape(*id, v, sink);
                    }
                    if sink.done() {
                        return;
                    }
                }
            }
            Constraint::QualifiedMinCount {
                shape: q,
                count,
                siblings,
            } => {
                let n = self.qualified_count(*q, siblings, values);
                if (n as u64) < *count {
                    self.report(
                        sink,
                        shape,
                        focus,
                        None,
                        sh::QUALIFIED_MIN_COUNT_CC,
                        None,
                        || {
                            format!(
                                "Fewer than {count} values conform to {} ({n} found)",
                                self.shape_term(*q)
                            )
                        },
                    );
                }
            }
            Constraint::QualifiedMaxCount {
                shape: q,
                count,
                siblings,
            } => {
                let n = self.qualified_count(*q, siblings, values);
                if (n as u64) > *count {
                    self.report(
                        sink,
                        shape,
                        focus,
                        None,
                        sh::QUALIFIED_MAX_COUNT_CC,
                        None,
                        || {
                            format!(
                                "More than {count} values conform to {} ({n} found)",
                                self.shape_term(*q)
                            )
                        },
                    );
                }
            }
            Constraint::Closed { allowed } => {
                for v in values {
                    let Some(subject) = as_subject(v.as_ref()) else {
                        continue;
                    };
                    let extra: Vec<(NamedNode, Term)> = self
                        .data
                        .triples_for_subject(subject)
                        .filter(|t| !allowed.contains(&t.predicate.into_owned()))
                        .map(|t| (t.predicate.into_owned(), t.object.into_owned()))
                        .collect();
                    for (p, o) in extra {
                        self.report(
                            sink,
                            shape,
                            focus,
                            Some(&o),
                            sh::CLOSED_CC,
                            Some(Path::Predicate(p.clone())),
                            || format!("Property {p} is not allowed by the closed shape"),
                        );
                        if sink.done() {
                            return;
                        }
                    }
                }
            }
            Constraint::HasValue(expected) => {
                if !values.contains(expected) {
                    self.report(sink, shape, focus, None, sh::HAS_VALUE_CC, None, || {
                        format!("Missing required value {expected}")
                    });
                }
            }
            Constraint::In(allowed) => each_value!(
                sh::IN_CC,
                |v| !allowed.contains(v),
                format!("Value {v} is not one of the allowed values")
            ),
        }
    }

    fn check_pair(
        &mut self,
        shape: &Shape,
        kind: PairKind,
        property: &NamedNode,
        focus: &Term,
        values: &[Term],
        sink: &mut Sink,
    ) {
        let others: Vec<Term> = objects(self.data, focus.as_ref(), property.as_ref())
            .into_iter()
            .map(TermRef::into_owned)
            .collect();
        match kind {
            PairKind::Equals => {
                let missing = values.iter().filter(|v| !others.contains(v));
                let extra = others.iter().filter(|o| !values.contains(o));
                for v in missing.chain(extra) {
                    self.report(sink, shape, focus, Some(v), sh::EQUALS_CC, None, || {
                        format!("Value {v} is not shared with {property}")
                    });
                    if sink.done() {
                        return;
                    }
                }
            }
            PairKind::Disjoint => {
                for v in values.iter().filter(|v| others.contains(v)) {
                    self.report(sink, shape, focus, Some(v), sh::DISJOINT_CC, None, || {
                        format!("Value {v} is also a value of {property}")
                    });
                    if sink.done() {
                        return;
                    }
                }
            }
            PairKind::LessThan | PairKind::LessThanOrEquals => {
                let (component, words) = if kind == PairKind::LessThan {
                    (sh::LESS_THAN_CC, "less than")
                } else {
                    (sh::LESS_THAN_OR_EQUALS_CC, "less than or equal to")
                };
                for v in values {
                    for o in &others {
                        let ok = match compare(v.as_ref(), o.as_ref()) {
                            Some(Ordering::Less) => true,
                            Some(Ordering::Equal) => kind == PairKind::LessThanOrEquals,
                            _ => false,
                        };
                        if !ok {
                            self.report(sink, shape, focus, Some(v), component, None, || {
                                format!("Value {v} is not {words} {o} (value of {property})")
                            });
                            if sink.done() {
                                return;
                            }
                        }
                    }
                }
            }
        }
    }

    fn logic_holds(&mut self, kind: LogicKind, ids: &[ShapeId], value: &Term) -> bool {
        match kind {
            LogicKind::And => ids.iter().all(|id| self.conforms(*id, value)),
            LogicKind::Or => ids.iter().any(|id| self.conforms(*id, value)),
            LogicKind::Xone => {
                let mut matching = 0;
                for id in ids {
                    if self.conforms(*id, value) {
                        matching += 1;
                        if matching > 1 {
                            return false;
                        }
                    }
                }
                matching == 1
            }
        }
    }

    fn qualified_count(&mut self, q: ShapeId, siblings: &[ShapeId], values: &[Term]) -> usize {
        let mut n = 0;
        for v in values {
            if self.conforms(q, v) && !siblings.iter().any(|s| self.conforms(*s, v)) {
                n += 1;
            }
        }
        n
    }

    fn shape_term(&self, id: ShapeId) -> String {
        self.shapes
            .get(id)
            .map_or_else(String::new, |s| s.node.to_string())
    }

    /// Whether `node` is a SHACL instance of `class` in the data graph.
    fn is_instance(&mut self, node: &Term, class: &Term) -> bool {
        let Some(subject) = as_subject(node.as_ref()) else {
            return false;
        };
        let data = self.data;
        if !self.class_cache.contains_key(class) {
            let all = subclasses(data, class.as_ref())
                .into_iter()
                .map(TermRef::into_owned)
                .collect();
            self.class_cache.insert(class.clone(), all);
        }
        let Some(classes) = self.class_cache.get(class) else {
            return false;
        };
        data.objects_for_subject_predicate(subject, rdf::TYPE)
            .any(|t| classes.contains(&t.into_owned()))
    }

    fn check_unique_key(
        &self,
        shape: &Shape,
        key: &[NamedNode],
        focus_nodes: &[Term],
        sink: &mut Sink,
    ) {
        let mut first_owner: HashMap<Vec<Vec<Term>>, &Term> = HashMap::new();
        'focus: for focus in focus_nodes {
            let mut values = Vec::with_capacity(key.len());
            for p in key {
                let mut v: Vec<Term> = objects(self.data, focus.as_ref(), p.as_ref())
                    .into_iter()
                    .map(TermRef::into_owned)
                    .collect();
                // Like NULL in an SQL unique key, a missing component never
                // collides; sh:minCount is the way to require it.
                if v.is_empty() {
                    continue 'focus;
                }
                sort_terms(&mut v);
                values.push(v);
            }
            match first_owner.get(&values) {
                Some(owner) => {
                    let owner = (*owner).clone();
                    self.report(sink, shape, focus, None, udash::UNIQUE_KEY_CC, None, || {
                        let parts: Vec<String> = key
                            .iter()
                            .zip(&values)
                            .map(|(p, vs)| {
                                let vs: Vec<String> = vs.iter().map(ToString::to_string).collect();
                                format!("{p} = {}", vs.join(", "))
                            })
                            .collect();
                        format!("Key ({}) is also used by {owner}", parts.join("; "))
                    });
                }
                None => {
                    first_owner.insert(values, focus);
                }
            }
        }
    }
}

fn has_datatype(value: TermRef<'_>, datatype: NamedNodeRef<'_>) -> bool {
    match value {
        TermRef::Literal(l) => l.datatype() == datatype && is_well_formed(l),
        _ => false,
    }
}

fn has_node_kind(value: TermRef<'_>, kind: NodeKind) -> bool {
    let (iri, blank, literal) = (
        value.is_named_node(),
        value.is_blank_node(),
        value.is_literal(),
    );
    match kind {
        NodeKind::Iri => iri,
        NodeKind::BlankNode => blank,
        NodeKind::Literal => literal,
        NodeKind::BlankNodeOrIri => blank || iri,
        NodeKind::BlankNodeOrLiteral => blank || literal,
        NodeKind::IriOrLiteral => iri || literal,
    }
}

fn node_kind_name(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Iri => "sh:IRI",
        NodeKind::BlankNode => "sh:BlankNode",
        NodeKind::Literal => "sh:Literal",
        NodeKind::BlankNodeOrIri => "sh:BlankNodeOrIRI",
        NodeKind::BlankNodeOrLiteral => "sh:BlankNodeOrLiteral",
        NodeKind::IriOrLiteral => "sh:IRIOrLiteral",
    }
}

/// SPARQL `str()`: blank nodes have none, which makes the string-based
/// constraints fail on them.
fn string_value(value: TermRef<'_>) -> Option<&str> {
    match value {
        TermRef::NamedNode(n) => Some(n.as_str()),
        TermRef::Literal(l) => Some(l.value()),
        _ => None,
    }
}

fn string_length(value: TermRef<'_>) -> Option<u64> {
    string_value(value).map(|s| s.chars().count() as u64)
}

/// SPARQL `langMatches` (RFC 4647 basic filtering) against any range.
fn language_in(value: TermRef<'_>, ranges: &[String]) -> bool {
    let TermRef::Literal(l) = value else {
        return false;
    };
    let Some(lang) = l.language() else {
        return false;
    };
    ranges.iter().any(|range| {
        if range == "*" {
            return !lang.is_empty();
        }
        lang.get(..range.len())
            .is_some_and(|prefix| prefix.eq_ignore_ascii_case(range))
            && matches!(lang.as_bytes().get(range.len()), None | Some(b'-'))
    })
}
