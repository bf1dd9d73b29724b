//! The GraphQL types describing models, made from Upper by the project's own GraphQL projection.
//!
//! Upper is a model in Upper: projecting `ontologies/upper.ttl` to GraphQL gives a container
//! representation (every type, field and its type reference, with descriptions) and mappings
//! (which type realizes which Upper class, which field which Upper property). Every type
//! realizing an Upper class becomes a dynamic type here, with the scalars and enums its fields
//! use; the projection's own additions (`Query`, connections, `PageInfo`) are left out. Each
//! field resolver reads the values of the Upper property its field realizes from the graph of
//! the model version the object belongs to, so a term added to Upper shows up in the API
//! without code.
//!
//! Upper is projected as an Apollo Federation subgraph: the types are the same, and each type
//! realizing a keyed Upper class carries the projection's `@key` (`iri`), which the server's
//! subgraph schema applies (`federation.rs`).

use super::errors;
use super::scope::Scope;
use crate::AppState;
use async_graphql::dynamic::{
    Directive, Enum, Field, FieldFuture, FieldValue, Interface, InterfaceField, Object,
    ResolverContext, Scalar, Type, TypeRef,
};
use async_graphql::{Error, Name, Value};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{
    Graph, NamedNode, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Term, TermRef,
};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use uda_project_graphql::GraphqlOptions;
use uda_projection::MAP_NS;
use uda_upper::{vocab, Loader, ModelView, RdfFormat};

/// The name Upper's text is loaded under (diagnostics only).
const UPPER_FILE: &str = "upper.ttl";

/// GraphQL's own scalars: the projection uses them without declaring them.
const BUILT_IN_SCALARS: [&str; 5] = ["String", "Boolean", "Int", "Float", "ID"];

/// An instance of an Upper class (a model, a class, a property...) in a model version.
#[derive(Clone)]
pub(crate) struct Node {
    pub term: NamedOrBlankNode,
    pub scope: Arc<Scope>,
}

impl Node {
    /// The IRI of the node (a blank node's label when it has none).
    pub(crate) fn iri(&self) -> String {
        match &self.term {
            NamedOrBlankNode::NamedNode(n) => n.as_str().to_owned(),
            other => other.to_string(),
        }
    }
}

/// The dynamic types made from Upper's projection, and what resolvers need to know of it.
pub(crate) struct UpperTypes {
    /// Object types by name, open to the hand-written fields the registry adds.
    pub objects: BTreeMap<String, Object>,
    /// The fields of each object type, by type name.
    pub fields: BTreeMap<String, BTreeSet<String>>,
    /// Interfaces, scalars and enums, with their names.
    pub others: Vec<(String, Type)>,
    /// The types (objects and interfaces) with a federation `@key`, by name.
    pub entities: BTreeSet<String>,
    /// Those of them that are object types: the members of the `_Entity` union.
    pub entity_objects: BTreeSet<String>,
    pub index: Arc<UpperIndex>,
}

/// How Upper's classes and the GraphQL types realizing them correspond.
pub(crate) struct UpperIndex {
    /// Upper's own triples: built-in datatypes and Upper's terms are values too.
    pub graph: Graph,
    /// Upper class -> the type fields pointing at its instances have (its interface if it has one).
    type_of_class: BTreeMap<String, String>,
    /// Upper class -> the object type its instances are.
    object_of_class: BTreeMap<String, String>,
    /// Object type -> the interfaces it implements.
    implements: BTreeMap<String, BTreeSet<String>>,
    /// Interface -> the object type for instances of no more specific kind.
    fallback: BTreeMap<String, String>,
    /// Upper class -> itself and its subclasses.
    kinds: BTreeMap<String, BTreeSet<String>>,
    /// Enumeration value IRI -> its GraphQL enum value name.
    enum_names: BTreeMap<String, String>,
}

impl UpperIndex {
    /// The type of fields whose values are instances of the Upper class `class`.
    pub(crate) fn type_of(&self, class: NamedNodeRef<'_>) -> Result<&str, String> {
        self.type_of_class
            .get(class.as_str())
            .map(String::as_str)
            .ok_or_else(|| format!("no GraphQL type realizes <{class}> in Upper's projection"))
    }

    /// The object type realizing `class` itself (for types the registry extends).
    pub(crate) fn object_of(&self, class: NamedNodeRef<'_>) -> Result<&str, String> {
        self.object_of_class
            .get(class.as_str())
            .map(String::as_str)
            .ok_or_else(|| {
                format!("no GraphQL object type realizes <{class}> in Upper's projection")
            })
    }

    /// The nodes `graph` types with `class` or one of its subclasses, sorted.
    pub(crate) fn instances(
        &self,
        graph: &Graph,
        class: NamedNodeRef<'_>,
    ) -> Vec<NamedOrBlankNode> {
        let Some(kinds) = self.kinds.get(class.as_str()) else {
            return Vec::new();
        };
        let mut found: Vec<NamedOrBlankNode> = graph
            .triples_for_predicate(rdf::TYPE)
            .filter(|t| matches!(t.object, TermRef::NamedNode(c) if kinds.contains(c.as_str())))
            .map(|t| t.subject.into_owned())
            .collect();
        found.sort_by_cached_key(ToString::to_string);
        found.dedup();
        found
    }

    /// `node` as the value of a field of type `declared`: an interface needs the object type
    /// of the node, read from its `rdf:type` in `graph`.
    pub(crate) fn value(&self, graph: &Graph, node: Node, declared: &str) -> FieldValue<'static> {
        if !self.fallback.contains_key(declared) {
            return FieldValue::owned_any(node);
        }
        let ty = self.concrete(graph, node.term.as_ref(), declared);
        FieldValue::owned_any(node).with_type(ty)
    }

    /// The object type of `term` when `graph` types it with an Upper class and that type is
    /// `requested` or implements it (a federation reference may name an interface, `Class`).
    pub(crate) fn entity_type(
        &self,
        graph: &Graph,
        term: NamedOrBlankNodeRef<'_>,
        requested: &str,
    ) -> Option<String> {
        let terms = self.kinds.get(vocab::TERM.as_str())?;
        let typed = graph
            .objects_for_subject_predicate(term, rdf::TYPE)
            .any(|c| matches!(c, TermRef::NamedNode(c) if terms.contains(c.as_str())));
        if !typed {
            return None;
        }
        let ty = self.concrete(graph, term, self.type_of(vocab::TERM).ok()?);
        let fits = ty == requested
            || self
                .implements
                .get(&ty)
                .is_some_and(|i| i.contains(requested));
        fits.then_some(ty)
    }

    /// The most specific object type of `term` that implements `interface`.
    fn concrete(&self, graph: &Graph, term: NamedOrBlankNodeRef<'_>, interface: &str) -> String {
        let no_interfaces = BTreeSet::new();
        graph
            .objects_for_subject_predicate(term, rdf::TYPE)
            .filter_map(|t| match t {
                TermRef::NamedNode(c) => self.object_of_class.get(c.as_str()),
                _ => None,
            })
            .filter(|o| {
                self.implements
                    .get(*o)
                    .is_some_and(|i| i.contains(interface))
            })
            // More interfaces implemented = deeper in the taxonomy; then by name, for determinism.
            .max_by(|a, b| {
                let depth = |o: &String| self.implements.get(o).unwrap_or(&no_interfaces).len();
                depth(a).cmp(&depth(b)).then_with(|| b.cmp(a))
            })
            .or_else(|| self.fallback.get(interface))
            .cloned()
            .unwrap_or_else(|| interface.to_owned())
    }
}

/// The `@key` directive with field set `fields`, as Apollo Federation writes it.
pub(crate) fn key(fields: &str) -> Directive {
    Directive::new("key").argument("fields", Value::String(fields.to_owned()))
}

/// Projects Upper to GraphQL and builds the dynamic types from the projection; with `keys`,
/// every type realizing a keyed Upper class carries its `@key`.
pub(crate) fn build(keys: bool) -> Result<UpperTypes, String> {
    let mut loader = Loader::new();
    loader.input_text(UPPER_FILE, vocab::UPPER_TTL.as_bytes(), RdfFormat::Turtle);
    let loaded = loader.load();
    if loaded.has_errors() {
        return Err(format!("Upper does not load:\n{}", loaded.render()));
    }
    let view = loaded
        .models
        .view(vocab::MODEL)
        .ok_or("Upper declares no domain model")?;
    let output = uda_project_graphql::project(&view, &GraphqlOptions { federation: true })
        .map_err(|e| format!("Upper does not project to GraphQL: {e}"))?;
    let graph = loaded
        .document(UPPER_FILE)
        .map(|d| d.graph().clone())
        .ok_or("Upper's document was not kept by the loader")?;
    Builder {
        container: &output.container.to_graph(),
        mappings: &output.mappings.to_graph(),
        view: &view,
        keys,
    }
    .build(graph)
}

fn gql(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{}{local}", uda_project_graphql::NS))
}

fn map(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{MAP_NS}{local}"))
}

/// What a field's values are.
#[derive(Debug, Clone)]
enum Shape {
    Scalar(String),
    Enum,
    /// An object or interface type, by name.
    Node(String),
}

/// How a field reads its values.
#[derive(Debug)]
struct FieldSpec {
    property: NamedNode,
    ordered: bool,
    list: bool,
    shape: Shape,
}

/// One type of the projection that is kept.
struct TypeElement {
    element: NamedNode,
    name: String,
    interface: bool,
    classes: Vec<String>,
    /// The field set of its federation `@key`, when it has one.
    key: Option<String>,
}

struct Builder<'a> {
    container: &'a Graph,
    mappings: &'a Graph,
    view: &'a ModelView<'a>,
    keys: bool,
}

impl Builder<'_> {
    fn literal(&self, element: &NamedNode, predicate: &NamedNode) -> Option<String> {
        match self
            .container
            .object_for_subject_predicate(element, predicate)
        {
            Some(TermRef::Literal(l)) => Some(l.value().to_owned()),
            _ => None,
        }
    }

    fn name(&self, element: &NamedNode) -> Result<String, String> {
        self.literal(element, &map("name"))
            .ok_or_else(|| format!("container element <{element}> has no name"))
    }

    /// The elements of the system model class `class` (local name), sorted by IRI.
    fn elements(&self, class: &str) -> Vec<NamedNode> {
        let class = gql(class);
        let mut out: Vec<NamedNode> = self
            .container
            .subjects_for_predicate_object(rdf::TYPE, &class)
            .filter_map(|s| match s {
                NamedOrBlankNodeRef::NamedNode(n) => Some(n.into_owned()),
                NamedOrBlankNodeRef::BlankNode(_) => None,
            })
            .collect();
        out.sort();
        out
    }

    /// The domain terms `element` realizes.
    fn realized(&self, element: &NamedNode) -> Vec<String> {
        let mut out: Vec<String> = self
            .mappings
            .subjects_for_predicate_object(&map("realizedBy"), element)
            .filter_map(|s| match s {
                NamedOrBlankNodeRef::NamedNode(n) => Some(n.as_str().to_owned()),
                NamedOrBlankNodeRef::BlankNode(_) => None,
            })
            .collect();
        out.sort();
        out
    }

    fn build(&self, graph: Graph) -> Result<UpperTypes, String> {
        // The object and interface types realizing Upper classes.
        let mut types = Vec::new();
        for (class, interface) in [("ObjectType", false), ("InterfaceType", true)] {
            for element in self.elements(class) {
                let classes: Vec<String> = self
                    .realized(&element)
                    .into_iter()
                    .filter(|c| self.view.class(c).is_some())
                    .collect();
                if !classes.is_empty() {
                    types.push(TypeElement {
                        name: self.name(&element)?,
                        key: self.literal(&element, &gql("key")),
                        element,
                        interface,
                        classes,
                    });
                }
            }
        }
        let mut type_of_class = BTreeMap::new();
        let mut object_of_class = BTreeMap::new();
        for t in &types {
            for c in &t.classes {
                if t.interface {
                    type_of_class.insert(c.clone(), t.name.clone());
                } else {
                    object_of_class.insert(c.clone(), t.name.clone());
                    type_of_class
                        .entry(c.clone())
                        .or_insert_with(|| t.name.clone());
                }
            }
        }
        let mut fallback = BTreeMap::new();
        for t in types.iter().filter(|t| t.interface) {
            if let Some(o) = t.classes.iter().find_map(|c| object_of_class.get(c)) {
                fallback.insert(t.name.clone(), o.clone());
            }
        }
        let kept: BTreeSet<&str> = types.iter().map(|t| t.name.as_str()).collect();

        // The scalars and enums of the projection, by name: kept when a kept field uses them.
        let mut scalars = BTreeMap::new();
        for element in self.elements("ScalarType") {
            scalars.insert(self.name(&element)?, element);
        }
        let mut enums = BTreeMap::new();
        for element in self.elements("EnumType") {
            enums.insert(self.name(&element)?, element);
        }
        let mut used_scalars = BTreeSet::new();
        let mut used_enums = BTreeSet::new();

        let mut objects = BTreeMap::new();
        let mut others: Vec<(String, Type)> = Vec::new();
        let mut field_names = BTreeMap::new();
        let mut implements = BTreeMap::new();
        let mut entities = BTreeSet::new();
        let mut entity_objects = BTreeSet::new();
        for t in &types {
            let mut fields = Vec::new();
            for field in self.parts(&t.element, "Field")? {
                let name = self.name(&field)?;
                let sdl = self
                    .literal(&field, &gql("type"))
                    .ok_or_else(|| format!("field {}.{name} has no type", t.name))?;
                let ty = type_ref(&sdl)?;
                let named = ty.type_name().to_owned();
                let shape = if BUILT_IN_SCALARS.contains(&named.as_str()) {
                    Shape::Scalar(named.clone())
                } else if scalars.contains_key(&named) {
                    used_scalars.insert(named.clone());
                    Shape::Scalar(named.clone())
                } else if enums.contains_key(&named) {
                    used_enums.insert(named.clone());
                    Shape::Enum
                } else if kept.contains(named.as_str()) {
                    Shape::Node(named.clone())
                } else {
                    return Err(format!(
                        "field {}.{name} has type {sdl}, which realizes no Upper class",
                        t.name
                    ));
                };
                let property = self
                    .realized(&field)
                    .into_iter()
                    .find_map(|p| self.view.property(&p))
                    .ok_or_else(|| format!("field {}.{name} realizes no Upper property", t.name))?;
                let spec = FieldSpec {
                    property: NamedNode::new_unchecked(property.iri.as_str()),
                    ordered: property.ordered,
                    list: sdl.contains('['),
                    shape,
                };
                fields.push((name, ty, self.literal(&field, &gql("description")), spec));
            }
            let mut interfaces: Vec<String> = self
                .container
                .objects_for_subject_predicate(&t.element, &gql("implements"))
                .filter_map(|i| match i {
                    TermRef::NamedNode(n) => self.name(&n.into_owned()).ok(),
                    _ => None,
                })
                .collect();
            interfaces.sort();
            let description = self.literal(&t.element, &gql("description"));
            if t.interface {
                let mut i = Interface::new(&t.name);
                for (name, ty, description, _) in fields {
                    let mut f = InterfaceField::new(name, ty);
                    if let Some(d) = description {
                        f = f.description(d);
                    }
                    i = i.field(f);
                }
                for name in &interfaces {
                    i = i.implement(name);
                }
                if let Some(d) = description {
                    i = i.description(d);
                }
                if let (true, Some(fields)) = (self.keys, &t.key) {
                    i = i.directive(key(fields));
                }
                if t.key.is_some() {
                    entities.insert(t.name.clone());
                }
                others.push((t.name.clone(), i.into()));
            } else {
                let mut o = Object::new(&t.name);
                field_names.insert(
                    t.name.clone(),
                    fields.iter().map(|(name, ..)| name.clone()).collect(),
                );
                for (name, ty, description, spec) in fields {
                    let mut f = property_field(name, ty, spec);
                    if let Some(d) = description {
                        f = f.description(d);
                    }
                    o = o.field(f);
                }
                for name in &interfaces {
                    o = o.implement(name);
                }
                if let Some(d) = description {
                    o = o.description(d);
                }
                if let (true, Some(fields)) = (self.keys, &t.key) {
                    o = o.directive(key(fields));
                }
                implements.insert(t.name.clone(), interfaces.into_iter().collect());
                if t.key.is_some() {
                    entities.insert(t.name.clone());
                    entity_objects.insert(t.name.clone());
                }
                objects.insert(t.name.clone(), o);
            }
        }

        for name in &used_scalars {
            let element = &scalars[name];
            let mut s = Scalar::new(name);
            if let Some(d) = self.literal(element, &gql("description")) {
                s = s.description(d);
            }
            if let Some(url) = self.literal(element, &gql("specifiedBy")) {
                s = s.specified_by_url(url);
            }
            others.push((name.clone(), s.into()));
        }
        let mut enum_names = BTreeMap::new();
        for name in &used_enums {
            let element = &enums[name];
            let mut e = Enum::new(name);
            for value in self.parts(element, "EnumValue")? {
                let value_name = self.name(&value)?;
                for term in self.realized(&value) {
                    enum_names.insert(term, value_name.clone());
                }
                e = e.item(value_name);
            }
            if let Some(d) = self.literal(element, &gql("description")) {
                e = e.description(d);
            }
            others.push((name.clone(), e.into()));
        }

        let mut kinds: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for class in self.view.classes() {
            let entry = kinds.entry(class.iri.clone()).or_default();
            entry.insert(class.iri.clone());
            entry.extend(self.view.descendants(class).iter().map(|c| c.iri.clone()));
        }
        Ok(UpperTypes {
            objects,
            fields: field_names,
            others,
            entities,
            entity_objects,
            index: Arc::new(UpperIndex {
                graph,
                type_of_class,
                object_of_class,
                implements,
                fallback,
                kinds,
                enum_names,
            }),
        })
    }

    /// The elements of class `class` that are part of `parent`, sorted by name.
    fn parts(&self, parent: &NamedNode, class: &str) -> Result<Vec<NamedNode>, String> {
        let class = gql(class);
        let mut out = Vec::new();
        for s in self
            .container
            .subjects_for_predicate_object(&map("partOf"), parent)
        {
            if let NamedOrBlankNodeRef::NamedNode(n) = s {
                if self
                    .container
                    .contains(oxigraph::model::TripleRef::new(n, rdf::TYPE, &class))
                {
                    let n = n.into_owned();
                    out.push((self.name(&n)?, n));
                }
            }
        }
        out.sort();
        Ok(out.into_iter().map(|(_, n)| n).collect())
    }
}

/// A type reference as SDL writes it (`[Property!]!`).
fn type_ref(sdl: &str) -> Result<TypeRef, String> {
    let s = sdl.trim();
    if let Some(inner) = s.strip_suffix('!') {
        return Ok(TypeRef::NonNull(Box::new(type_ref(inner)?)));
    }
    if let Some(inner) = s.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
        return Ok(TypeRef::List(Box::new(type_ref(inner)?)));
    }
    let valid = s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if valid {
        Ok(TypeRef::named(s))
    } else {
        Err(format!("`{sdl}` is not a GraphQL type reference"))
    }
}

/// A field whose values are those of an Upper property of the parent node.
fn property_field(name: String, ty: TypeRef, spec: FieldSpec) -> Field {
    let spec = Arc::new(spec);
    Field::new(name, ty, move |ctx| {
        let spec = spec.clone();
        FieldFuture::new(async move { property_values(&ctx, &spec).await })
    })
}

async fn property_values<'a>(
    ctx: &ResolverContext<'a>,
    spec: &FieldSpec,
) -> Result<Option<FieldValue<'a>>, Error> {
    let node = ctx.parent_value.try_downcast_ref::<Node>()?;
    // upper:iri is implicit (upper.ttl): a named node has it without a triple.
    if spec.property.as_ref() == vocab::IRI {
        return Ok(Some(FieldValue::value(node.iri())));
    }
    let index = ctx.data::<Arc<UpperIndex>>()?;
    let state = ctx.data::<AppState>()?;
    let content = node.scope.content(state, &index.graph).await?;
    let graph = &content.all;
    let mut values: Vec<Term> = graph
        .objects_for_subject_predicate(node.term.as_ref(), &spec.property)
        .map(TermRef::into_owned)
        .collect();
    if spec.ordered {
        let mut members = Vec::new();
        for head in &values {
            // Stored models passed validation, which reads every list the same way.
            members.extend(uda_upper::read_list(graph, head.as_ref()).map_err(|e| {
                errors::internal(format!("the value of <{}> {e}", spec.property.as_str()))
            })?);
        }
        values = members;
    } else {
        values.sort_by_cached_key(ToString::to_string);
    }
    let mut out = Vec::with_capacity(values.len());
    for v in values.iter().map(Term::as_ref) {
        out.push(match &spec.shape {
            Shape::Scalar(scalar) => FieldValue::value(scalar_value(v, scalar, &spec.property)?),
            Shape::Enum => {
                let name = match v {
                    TermRef::NamedNode(n) => index.enum_names.get(n.as_str()),
                    _ => None,
                }
                .ok_or_else(|| {
                    errors::internal(format!(
                        "the value {v} of <{}> is not a value of its enumeration",
                        spec.property.as_str()
                    ))
                })?;
                FieldValue::value(Value::Enum(Name::new(name)))
            }
            Shape::Node(declared) => {
                let term = match v {
                    TermRef::NamedNode(n) => NamedOrBlankNode::from(n.into_owned()),
                    TermRef::BlankNode(b) => NamedOrBlankNode::from(b.into_owned()),
                    _ => {
                        return Err(errors::internal(format!(
                            "the value {v} of <{}> is not a node",
                            spec.property.as_str()
                        )))
                    }
                };
                let node = Node {
                    term,
                    scope: node.scope.clone(),
                };
                index.value(graph, node, declared)
            }
        });
    }
    Ok(if spec.list {
        Some(FieldValue::list(out))
    } else {
        out.into_iter().next()
    })
}

/// A literal (or IRI) as a value of a scalar type. Custom scalars travel as their lexical form,
/// as the projection documents.
fn scalar_value(term: TermRef<'_>, scalar: &str, property: &NamedNode) -> Result<Value, Error> {
    let lexical = match term {
        TermRef::NamedNode(n) => n.as_str().to_owned(),
        TermRef::Literal(l) => l.value().to_owned(),
        other => other.to_string(),
    };
    let bad = || {
        errors::internal(format!(
            "the value `{lexical}` of <{}> is not a {scalar}",
            property.as_str()
        ))
    };
    Ok(match scalar {
        "Boolean" => match lexical.as_str() {
            "true" | "1" => Value::Boolean(true),
            "false" | "0" => Value::Boolean(false),
            _ => return Err(bad()),
        },
        "Int" => Value::from(lexical.parse::<i32>().map_err(|_| bad())?),
        "Float" => Value::from(lexical.parse::<f64>().map_err(|_| bad())?),
        _ => Value::String(lexical),
    })
}
