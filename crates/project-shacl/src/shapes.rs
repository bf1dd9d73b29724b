//! Builds the shapes graph of one domain model: a node shape per class it
//! owns, per class of another model it extends and per enumeration, and one
//! property shape per property its classes use, shared by those classes.
//!
//! Every shape that realizes a domain element has an IRI under
//! `{model}/shacl/` and is a container element (`map:name`, `map:partOf`);
//! the plumbing of SHACL (RDF lists, alternatives, list checks) is made of
//! blank nodes whose labels derive from the names of the shapes using them,
//! so that the text is the same from run to run.

use std::collections::{BTreeMap, BTreeSet};

use oxrdf::vocab::{rdf, rdfs, xsd};
use oxrdf::{BlankNode, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Term, Triple};
use uda_projection::{write_turtle, Case, Names, Output, Recorder, SchemaFile, MAP_NS};
use uda_upper::{
    local_name, vocab as upper, Class, ClassKind, DomainModel, ModelView, Property, Target, Text,
};

use crate::datatypes::{value_rule, Family};
use crate::vocab::{sh, udash, SH, UDASH};
use crate::{ShaclError, ShaclOptions, TARGET};

/// The shapes (container representation and mappings) of `model`, one of the
/// models of `view`. `view` is the view the shapes are made for: closed
/// shapes allow the properties that any model in it adds to a class.
pub(crate) fn shapes_of(
    view: &ModelView<'_>,
    model: &DomainModel,
    options: &ShaclOptions,
) -> Result<Output, ShaclError> {
    let mut builder = Builder::new(view, model, options);
    builder.build()?;
    Ok(builder.finish())
}

/// The names of the node shapes of `model`, by the IRI of the class or
/// enumeration they are for (classes it extends included), and the naming
/// scope they were claimed in.
fn node_shape_names(model: &DomainModel) -> (BTreeMap<String, String>, Names) {
    let mut scope = Names::new(&[], false);
    let own: BTreeSet<&str> = model
        .classes
        .keys()
        .chain(model.enumerations.keys())
        .map(String::as_str)
        .collect();
    let extended: BTreeSet<&str> = model.extensions.iter().map(|e| e.class.as_str()).collect();
    let names = own
        .into_iter()
        .chain(extended)
        .map(|iri| {
            (
                iri.to_owned(),
                scope.claim(&format!("{}Shape", local_name(iri)), Case::AsIs),
            )
        })
        .collect();
    (names, scope)
}

/// The IRI of a shape of `model`, as [`Recorder::element`] names the parts of
/// a schema: `{model}/shacl/{name}`.
fn shape_iri(model: &DomainModel, name: &str) -> NamedNode {
    NamedNode::new_unchecked(format!(
        "{}/{TARGET}/{name}",
        model.iri.trim_end_matches(['#', '/'])
    ))
}

/// Where a blank node's triples come from, so that each shared structure is
/// written once.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Shared {
    Family(Family),
    ListCheck,
    ForeignEnumeration(String),
}

struct Builder<'v, 'a> {
    view: &'v ModelView<'a>,
    model: &'a DomainModel,
    closed: bool,
    /// Holds the container-element statements and the SHACL ones alike.
    recorder: Recorder,
    /// Node shapes of this model, by class, enumeration or extended class IRI.
    node_shapes: BTreeMap<String, (String, NamedNode)>,
    /// Property shapes by property IRI: the shape of its values, and the
    /// shape checking the RDF list for ordered properties.
    property_shapes: BTreeMap<String, (NamedNode, Option<NamedNode>)>,
    /// The `sh:in` list of each enumeration, by enumeration IRI.
    enumeration_lists: BTreeMap<String, Term>,
    written: BTreeMap<Shared, Term>,
    /// Labels of the lists of enumerations owned by other models.
    foreign_lists: Names,
}

impl<'v, 'a> Builder<'v, 'a> {
    fn new(view: &'v ModelView<'a>, model: &'a DomainModel, options: &ShaclOptions) -> Self {
        let mut recorder = Recorder::new(&model.iri, TARGET, udash::SHAPES_GRAPH, &model.domain);
        let schema = recorder.schema().clone();
        add_text(&mut recorder, &schema, &model.text);
        Self {
            view,
            model,
            closed: options.closed,
            recorder,
            node_shapes: BTreeMap::new(),
            property_shapes: BTreeMap::new(),
            enumeration_lists: BTreeMap::new(),
            written: BTreeMap::new(),
            foreign_lists: Names::new(&[], false),
        }
    }

    fn build(&mut self) -> Result<(), ShaclError> {
        let (names, mut scope) = node_shape_names(self.model);
        let schema = self.recorder.schema().clone();
        for (iri, name) in names {
            let shape = self.recorder.element(&schema, sh::NODE_SHAPE, &name);
            self.node_shapes.insert(iri, (name, shape));
        }
        for enumeration in self.model.enumerations.values() {
            self.enumeration(enumeration)?;
        }
        for property in self.used_properties()? {
            let name = scope.claim(local_name(&property.iri), Case::AsIs);
            self.property_shape(property, &name)?;
        }
        for class in self.model.classes.values() {
            self.class_shape(class)?;
        }
        let mut extended: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for extension in &self.model.extensions {
            extended
                .entry(&extension.class)
                .or_default()
                .push(&extension.property);
        }
        for (class, properties) in extended {
            self.extension_shape(class, &properties)?;
        }
        Ok(())
    }

    fn finish(self) -> Output {
        let prefixes = self.prefixes();
        let mut output = self.recorder.finish(Vec::new());
        let prefixes: Vec<(&str, &str)> = prefixes
            .iter()
            .map(|(p, n)| (p.as_str(), n.as_str()))
            .collect();
        let text = write_turtle(&output.container, &prefixes);
        output.files.push(SchemaFile {
            name: format!("{}.shacl.ttl", self.model.domain),
            text,
        });
        output
    }

    /// Prefixes for the text: the vocabularies, this model's shapes, and
    /// the namespace of each model of the view, named after its domain.
    fn prefixes(&self) -> Vec<(String, String)> {
        let shapes = shape_iri(self.model, "");
        let mut out: Vec<(String, String)> = [
            ("sh", SH),
            ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
            ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
            ("xsd", "http://www.w3.org/2001/XMLSchema#"),
            ("udash", UDASH),
            ("upper", upper::NS),
            ("map", MAP_NS),
            ("shape", shapes.as_str()),
        ]
        .into_iter()
        .map(|(p, n)| (p.to_owned(), n.to_owned()))
        .collect();
        for model in self.view.models() {
            let usable = model.domain.starts_with(|c: char| c.is_ascii_alphabetic())
                && model
                    .domain
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            if let Some(namespace) = namespace(model).filter(|_| usable) {
                if !out
                    .iter()
                    .any(|(p, n)| *p == model.domain || *n == namespace)
                {
                    out.push((model.domain.clone(), namespace));
                }
            }
        }
        out
    }

    /// The properties this model's classes and extensions use, sorted by IRI.
    /// `upper:iri` is not among them: it is the node itself, not a triple.
    fn used_properties(&self) -> Result<Vec<&'a Property>, ShaclError> {
        let iris: BTreeSet<&str> = self
            .model
            .classes
            .values()
            .flat_map(|c| c.properties.iter())
            .chain(self.model.extensions.iter().map(|e| &e.property))
            .map(String::as_str)
            .filter(|p| *p != upper::IRI.as_str())
            .collect();
        iris.into_iter()
            .map(|iri| {
                self.view
                    .property(iri)
                    .ok_or_else(|| unresolved(iri, &self.model.iri))
            })
            .collect()
    }

    fn node_shape(&self, iri: &str) -> Result<&(String, NamedNode), ShaclError> {
        self.node_shapes
            .get(iri)
            .ok_or_else(|| unresolved(iri, &self.model.iri))
    }

    fn enumeration(&mut self, enumeration: &uda_upper::Enumeration) -> Result<(), ShaclError> {
        let (name, shape) = self.node_shape(&enumeration.iri)?.clone();
        self.recorder.realizes(&enumeration.iri, &shape);
        add_text(&mut self.recorder, &shape, &enumeration.text);
        // Each member of the sh:in list is a named list node, so that every
        // value has a container element realizing it.
        let schema = self.recorder.schema().clone();
        let mut members = Names::new(&[], false);
        let cells: Vec<NamedNode> = enumeration
            .values
            .iter()
            .map(|value| {
                let member = members.claim(local_name(&value.iri), Case::AsIs);
                let cell = self.recorder.element(
                    &schema,
                    udash::ALLOWED_VALUE,
                    &format!("{name}-in-{member}"),
                );
                self.recorder.realizes(&value.iri, &cell);
                cell
            })
            .collect();
        let mut head: Term = rdf::NIL.into();
        for (cell, value) in cells.iter().zip(&enumeration.values).rev() {
            self.add(
                cell.clone(),
                rdf::FIRST,
                NamedNode::new_unchecked(&value.iri),
            );
            self.add(cell.clone(), rdf::REST, head);
            head = cell.clone().into();
        }
        self.add(shape, sh::IN, head.clone());
        self.enumeration_lists.insert(enumeration.iri.clone(), head);
        Ok(())
    }

    fn property_shape(&mut self, property: &'a Property, name: &str) -> Result<(), ShaclError> {
        let schema = self.recorder.schema().clone();
        let shape = self.recorder.element(&schema, sh::PROPERTY_SHAPE, name);
        self.recorder.realizes(&property.iri, &shape);
        let predicate = NamedNode::new_unchecked(&property.iri);
        let list_shape = if property.ordered {
            // The values are the members of one RDF list: this shape reaches
            // them through the list, a second one checks the list itself.
            let rest_star = self.rest_star();
            let path = self.list(
                name,
                "path",
                vec![
                    predicate.clone().into(),
                    rest_star,
                    rdf::FIRST.into_owned().into(),
                ],
            );
            self.add(shape.clone(), sh::PATH, path);
            let list_shape =
                self.recorder
                    .element(&schema, sh::PROPERTY_SHAPE, &format!("{name}-list"));
            self.recorder.realizes(&property.iri, &list_shape);
            self.add(list_shape.clone(), sh::PATH, predicate);
            self.add(list_shape.clone(), sh::MAX_COUNT, count(1));
            let check = self.list_check();
            self.add(list_shape.clone(), sh::NODE, check);
            self.recorder.note(
                &shape,
                "ordered: the values are written as one RDF list; this shape checks its members \
                 (through the path rdf:rest*/rdf:first), the -list shape checks that there is one well-formed list",
            );
            Some(list_shape)
        } else {
            self.add(shape.clone(), sh::PATH, predicate);
            None
        };
        let label = property
            .text
            .label
            .clone()
            .unwrap_or_else(|| local_name(&property.iri).to_owned());
        self.add(shape.clone(), sh::NAME, Literal::new_simple_literal(label));
        if let Some(description) = &property.text.description {
            self.add(
                shape.clone(),
                sh::DESCRIPTION,
                Literal::new_simple_literal(description),
            );
        }
        if property.min_count > 0 {
            self.add(shape.clone(), sh::MIN_COUNT, count(property.min_count));
        }
        if let Some(max) = property.max_count {
            self.add(shape.clone(), sh::MAX_COUNT, count(max));
        }
        if property.is_attribute() {
            self.attribute_values(&shape, property)?;
        } else {
            self.relationship_values(&shape, property)?;
        }
        self.property_shapes
            .insert(property.iri.clone(), (shape, list_shape));
        Ok(())
    }

    fn attribute_values(
        &mut self,
        shape: &NamedNode,
        property: &Property,
    ) -> Result<(), ShaclError> {
        let datatype = self
            .view
            .datatype(property)
            .ok_or_else(|| unresolved(range_iri(property), &property.iri))?;
        let rule = value_rule(datatype);
        match rule.datatype {
            Ok(iri) => self.add(shape.clone(), sh::DATATYPE, iri.into_owned()),
            Err(family) => {
                let alternatives = self.family(family);
                self.add(shape.clone(), sh::OR, alternatives);
            }
        }
        if let Some(domain) = datatype.domain {
            if domain.facets.precision.is_some() || domain.facets.scale.is_some() {
                self.recorder.note(
                    shape,
                    &format!(
                        "SHACL has no decimal precision or scale: those of {} are stated as an sh:pattern on the lexical form",
                        local_name(&domain.iri)
                    ),
                );
            }
        }
        for (predicate, value) in rule.facets {
            self.add(shape.clone(), predicate, value);
        }
        Ok(())
    }

    fn relationship_values(
        &mut self,
        shape: &NamedNode,
        property: &Property,
    ) -> Result<(), ShaclError> {
        match self.view.target(property) {
            Some(Target::Class(class)) if class.kind == ClassKind::Direct => {
                self.add(
                    shape.clone(),
                    sh::CLASS,
                    NamedNode::new_unchecked(&class.iri),
                );
            }
            Some(Target::Class(class)) => {
                let nested = self.nested_shape(class)?;
                self.add(
                    shape.clone(),
                    sh::NODE_KIND,
                    sh::BLANK_NODE_OR_IRI.into_owned(),
                );
                self.add(shape.clone(), sh::NODE, nested);
            }
            Some(Target::Enumeration(enumeration)) => {
                let list = self.enumeration_list(enumeration);
                self.add(shape.clone(), sh::IN, list);
            }
            None => return Err(unresolved(range_iri(property), &property.iri)),
        }
        Ok(())
    }

    /// The node shape of a nested class, which may belong to another model
    /// (its shapes graph must then be loaded too).
    fn nested_shape(&self, class: &Class) -> Result<NamedNode, ShaclError> {
        if let Some((_, shape)) = self.node_shapes.get(&class.iri) {
            return Ok(shape.clone());
        }
        let owner = self
            .view
            .owner(&class.iri)
            .ok_or_else(|| unresolved(&class.iri, &self.model.iri))?;
        let (names, _) = node_shape_names(owner);
        let name = names
            .get(&class.iri)
            .ok_or_else(|| unresolved(&class.iri, &owner.iri))?;
        Ok(shape_iri(owner, name))
    }

    /// The `sh:in` list of an enumeration: this model's own list, or a copy
    /// of another model's, so that this shapes graph stands on its own.
    fn enumeration_list(&mut self, enumeration: &uda_upper::Enumeration) -> Term {
        if let Some(list) = self.enumeration_lists.get(&enumeration.iri) {
            return list.clone();
        }
        let key = Shared::ForeignEnumeration(enumeration.iri.clone());
        if let Some(list) = self.written.get(&key) {
            return list.clone();
        }
        let label = self
            .foreign_lists
            .claim(local_name(&enumeration.iri), Case::AsIs);
        let members = enumeration
            .values
            .iter()
            .map(|v| NamedNode::new_unchecked(&v.iri).into())
            .collect();
        let list = self.list("in", &label, members);
        self.written.insert(key, list.clone());
        list
    }

    fn class_shape(&mut self, class: &Class) -> Result<(), ShaclError> {
        let (name, shape) = self.node_shape(&class.iri)?.clone();
        self.recorder.realizes(&class.iri, &shape);
        let class_node = NamedNode::new_unchecked(&class.iri);
        self.add(shape.clone(), sh::TARGET_CLASS, class_node.clone());
        add_text(&mut self.recorder, &shape, &class.text);
        if let Some(parent) = &class.parent {
            // Instances of a subclass are instances of its parent: with this
            // triple in the data (uda check-data adds it), the parent's shape
            // targets them too, and its properties are checked once, there.
            self.add(
                class_node,
                rdfs::SUB_CLASS_OF,
                NamedNode::new_unchecked(parent),
            );
        }
        if class.kind == ClassKind::Nested {
            self.recorder.note(
                &shape,
                "nested class: its values are checked through sh:node wherever a relationship reaches them; \
                 they need no rdf:type",
            );
        }
        let own = self.attach_properties(&shape, &class.properties)?;
        self.key(class, &name, &shape);
        if self.closed {
            self.close(class, &name, &shape, &own);
        }
        Ok(())
    }

    /// Links a node shape to the property shapes of `properties`, returning
    /// the predicates it thereby checks (for closed shapes).
    fn attach_properties(
        &mut self,
        shape: &NamedNode,
        properties: &[String],
    ) -> Result<BTreeSet<String>, ShaclError> {
        let mut predicates = BTreeSet::new();
        for iri in properties {
            if iri == upper::IRI.as_str() {
                // The IRI is the node itself: "has exactly one IRI" is "is an IRI".
                self.add(shape.clone(), sh::NODE_KIND, sh::IRI.into_owned());
                if self.view.is_own(iri) {
                    self.recorder.realizes(iri, shape);
                    self.recorder.note(
                        shape,
                        "upper:iri is implicit (the node's own IRI): stated as sh:nodeKind sh:IRI",
                    );
                }
                continue;
            }
            let (value_shape, list_shape) = self
                .property_shapes
                .get(iri)
                .cloned()
                .ok_or_else(|| unresolved(iri, shape.as_str()))?;
            self.add(shape.clone(), sh::PROPERTY, value_shape);
            if let Some(list_shape) = list_shape {
                self.add(shape.clone(), sh::PROPERTY, list_shape);
            }
            predicates.insert(iri.clone());
        }
        Ok(predicates)
    }

    fn key(&mut self, class: &Class, name: &str, shape: &NamedNode) {
        if class.primary_key.is_empty() {
            return;
        }
        let members: Vec<&str> = class.primary_key.iter().map(|k| local_name(k)).collect();
        if class.primary_key.iter().any(|k| k == upper::IRI.as_str()) {
            self.add(shape.clone(), sh::NODE_KIND, sh::IRI.into_owned());
            self.recorder.note(
                shape,
                &format!("primary key ({}): keyed by IRI, so instances must be IRIs (sh:nodeKind sh:IRI), which are unique", members.join(", ")),
            );
            return;
        }
        let key: Vec<Term> = class
            .primary_key
            .iter()
            .map(|k| NamedNode::new_unchecked(k).into())
            .collect();
        let list = self.list(name, "key", key);
        self.add(shape.clone(), udash::UNIQUE_KEY, list);
        self.recorder.note(
            shape,
            &format!(
                "primary key ({}): SHACL Core cannot require unique values; stated as udash:uniqueKey, \
                 which uda's SHACL validator (uda check-data) checks across the instances of the class and its subclasses",
                members.join(", ")
            ),
        );
    }

    /// Makes the shape of `class` closed: its instances use only the
    /// properties of the class (own, inherited, or added by any model of the
    /// view), `rdf:type` and `rdfs:subClassOf`. An instance of a subclass may also use the
    /// subclass's properties, so a class with subclasses accepts either a
    /// closed node or an instance of one of its subclasses, whose own shape
    /// is closed in turn.
    fn close(&mut self, class: &Class, name: &str, shape: &NamedNode, own: &BTreeSet<String>) {
        let all: BTreeSet<String> = self
            .view
            .all_properties(class)
            .into_iter()
            .map(|p| p.iri.clone())
            .filter(|p| p != upper::IRI.as_str())
            .collect();
        let children = self.view.children(class);
        let (target, ignored) = if children.is_empty() {
            (
                shape.clone().into(),
                all.difference(own).cloned().collect::<Vec<_>>(),
            )
        } else {
            let closed: NamedOrBlankNode = blank(&format!("{name}-closed")).into();
            let mut alternatives = vec![Term::from(closed.clone())];
            for (i, child) in children.iter().enumerate() {
                let is_child = blank(&format!("{name}-subclass-{}", i + 1));
                self.add(
                    is_child.clone(),
                    sh::CLASS,
                    NamedNode::new_unchecked(&child.iri),
                );
                alternatives.push(is_child.into());
            }
            let list = self.list(name, "closed-or", alternatives);
            self.add(shape.clone(), sh::OR, list);
            self.recorder.note(
                shape,
                "closed: an instance uses only the class's properties unless it is an instance of a subclass \
                 (sh:or), whose own shape is closed",
            );
            (closed, all.into_iter().collect())
        };
        // rdfs:subClassOf too: the taxonomy is added to the data before
        // validating, and when the data is itself a model (checked against
        // Upper's shapes), its classes are nodes of the data.
        let ignored: Vec<Term> = [rdf::TYPE, rdfs::SUB_CLASS_OF]
            .into_iter()
            .map(|p| p.into_owned().into())
            .chain(
                ignored
                    .into_iter()
                    .map(|p| NamedNode::new_unchecked(p).into()),
            )
            .collect();
        let list = self.list(name, "ignored", ignored);
        self.add(
            target.clone(),
            sh::CLOSED,
            Literal::new_typed_literal("true", xsd::BOOLEAN),
        );
        self.add(target, sh::IGNORED_PROPERTIES, list);
    }

    fn extension_shape(&mut self, class: &str, properties: &[&str]) -> Result<(), ShaclError> {
        let (_, shape) = self.node_shape(class)?.clone();
        self.add(
            shape.clone(),
            sh::TARGET_CLASS,
            NamedNode::new_unchecked(class),
        );
        let text = Text {
            label: Some(format!("{} (extension)", local_name(class))),
            description: Some(format!(
                "The properties {} adds to <{class}>.",
                self.model.domain
            )),
            ..Text::default()
        };
        add_text(&mut self.recorder, &shape, &text);
        self.recorder.note(
            &shape,
            &format!(
                "extension of <{class}>, which another model owns: this shape checks only the properties added here; \
                 it is never closed (the owner's closed shape allows them when both models are checked together)"
            ),
        );
        let properties: Vec<String> = properties.iter().map(|p| (*p).to_owned()).collect();
        self.attach_properties(&shape, &properties)?;
        Ok(())
    }

    /// The shared `sh:or` list of a family of datatypes.
    fn family(&mut self, family: Family) -> Term {
        if let Some(list) = self.written.get(&Shared::Family(family)) {
            return list.clone();
        }
        let alternatives = family
            .datatypes()
            .into_iter()
            .map(|datatype| {
                let alternative = blank(&format!("datatype-{}", local_name(datatype.as_str())));
                self.add(alternative.clone(), sh::DATATYPE, datatype.into_owned());
                alternative.into()
            })
            .collect();
        let list = self.list(family.label(), "", alternatives);
        self.written.insert(Shared::Family(family), list.clone());
        list
    }

    /// The path `rdf:rest*`.
    fn rest_star(&mut self) -> Term {
        let node = blank("RestStar");
        self.add(node.clone(), sh::ZERO_OR_MORE_PATH, rdf::REST.into_owned());
        node.into()
    }

    /// The shape of a well-formed RDF list: following `rdf:rest` from the
    /// head reaches `rdf:nil`, and every node on the way has exactly one
    /// `rdf:first` and one `rdf:rest`.
    fn list_check(&mut self) -> Term {
        if let Some(shape) = self.written.get(&Shared::ListCheck) {
            return shape.clone();
        }
        let list = blank("RdfList");
        let nodes = blank("RdfList-nodes");
        let rest_star = self.rest_star();
        self.add(list.clone(), sh::PROPERTY, nodes.clone());
        self.add(nodes.clone(), sh::PATH, rest_star);
        self.add(nodes.clone(), sh::HAS_VALUE, rdf::NIL.into_owned());
        let node = blank("RdfList-node");
        self.add(nodes, sh::NODE, node.clone());
        let end = blank("RdfList-end");
        self.add(end.clone(), sh::HAS_VALUE, rdf::NIL.into_owned());
        let cell = blank("RdfList-cell");
        for (predicate, label) in [(rdf::FIRST, "RdfList-first"), (rdf::REST, "RdfList-rest")] {
            let exactly_one = blank(label);
            self.add(exactly_one.clone(), sh::PATH, predicate.into_owned());
            self.add(exactly_one.clone(), sh::MIN_COUNT, count(1));
            self.add(exactly_one.clone(), sh::MAX_COUNT, count(1));
            self.add(cell.clone(), sh::PROPERTY, exactly_one);
        }
        let either = self.list("RdfList-node", "or", vec![end.into(), cell.into()]);
        self.add(node, sh::OR, either);
        let shape: Term = list.into();
        self.written.insert(Shared::ListCheck, shape.clone());
        shape
    }

    /// Writes an RDF list of blank nodes labelled `{owner}-{role}`,
    /// `{owner}-{role}-2`, ... and returns its head. Numbers are padded to
    /// the same width so that the sorted text keeps the cells in order.
    fn list(&mut self, owner: &str, role: &str, members: Vec<Term>) -> Term {
        let label = if role.is_empty() {
            owner.to_owned()
        } else {
            format!("{owner}-{role}")
        };
        let width = members.len().to_string().len();
        let cells: Vec<BlankNode> = (1..=members.len())
            .map(|i| {
                if i == 1 {
                    blank(&label)
                } else {
                    blank(&format!("{label}-{i:0width$}"))
                }
            })
            .collect();
        let mut head: Term = rdf::NIL.into();
        for (cell, member) in cells.into_iter().zip(members).rev() {
            self.add(cell.clone(), rdf::FIRST, member);
            self.add(cell.clone(), rdf::REST, head);
            head = cell.into();
        }
        head
    }

    fn add(
        &mut self,
        subject: impl Into<NamedOrBlankNode>,
        predicate: NamedNodeRef<'_>,
        object: impl Into<Term>,
    ) {
        self.recorder
            .statement(&Triple::new(subject, predicate.into_owned(), object));
    }
}

/// A blank node with a fixed label. Labels are built from names made of
/// ASCII letters, digits, `_` and `-`, which are valid blank node labels.
fn blank(label: &str) -> BlankNode {
    BlankNode::new(label).unwrap_or_default()
}

fn count(n: u64) -> Literal {
    Literal::new_typed_literal(n.to_string(), xsd::INTEGER)
}

/// `rdfs:label` and `rdfs:comment` from a term's text.
fn add_text(recorder: &mut Recorder, subject: &NamedNode, text: &Text) {
    for (predicate, value) in [
        (rdfs::LABEL, &text.label),
        (rdfs::COMMENT, &text.description),
    ] {
        if let Some(value) = value {
            recorder.string(subject, predicate, value);
        }
    }
}

/// The datatype of an attribute, the class of a relationship.
fn range_iri(property: &Property) -> &str {
    match &property.kind {
        uda_upper::PropertyKind::Attribute { datatype } => datatype,
        uda_upper::PropertyKind::Relationship { class } => class,
    }
}

fn unresolved(term: &str, used_by: &str) -> ShaclError {
    ShaclError::Unresolved {
        term: term.to_owned(),
        used_by: used_by.to_owned(),
    }
}

/// The namespace most of a model's terms share (`https://example.org/studio#`).
fn namespace(model: &DomainModel) -> Option<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let terms = model
        .classes
        .keys()
        .chain(model.properties.keys())
        .chain(model.enumerations.keys())
        .chain(model.datatypes.keys());
    for iri in terms {
        let namespace = &iri[..iri.len() - local_name(iri).len()];
        *counts.entry(namespace).or_default() += 1;
    }
    // The first of the most used: max_by_key keeps the last maximum, so
    // iterate in reverse order to keep the smallest namespace on a tie.
    counts
        .into_iter()
        .rev()
        .max_by_key(|(_, n)| *n)
        .map(|(ns, _)| ns.to_owned())
}
