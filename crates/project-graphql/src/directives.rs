//! What the projection and the import record alike: type references,
//! input values, directive definitions and directive applications (kept as
//! data, or as a property of their element when one says all they do), so
//! that both describe the same SDL with the same triples.

use crate::links::Links;
use crate::vocab as gql;
use apollo_compiler::ast::{
    Directive, DirectiveDefinition, DirectiveLocation, InputValueDefinition, Type, Value,
};
use apollo_compiler::{name, Node};
use oxrdf::vocab::xsd;
use oxrdf::{Literal, NamedNode, NamedNodeRef};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use uda_projection::Recorder;

/// The elements a schema's references resolve to: its named types and the
/// directives it defines, by GraphQL name (without the `@`); and what says
/// which directive applications are stated as properties.
#[derive(Debug, Default)]
pub(crate) struct Declared {
    pub types: HashMap<String, NamedNode>,
    pub directives: HashMap<String, NamedNode>,
    /// The schema's `@link`s, which name its Federation directives.
    pub links: Links,
    /// The class of each named type's element.
    classes: HashMap<NamedNode, NamedNodeRef<'static>>,
    /// Whether the schema defines uda's own `@iri` (see [`is_uda_iri`]).
    uda_iri: bool,
}

impl Declared {
    /// Adds the element of a named type, part of `schema`.
    pub fn declare_type(
        &mut self,
        recorder: &mut Recorder,
        schema: &NamedNode,
        class: NamedNodeRef<'static>,
        name: &str,
    ) -> NamedNode {
        let element = recorder.element(schema, class, name);
        self.types.insert(name.to_owned(), element.clone());
        self.classes.insert(element.clone(), class);
        element
    }

    /// Records a type reference: as SDL writes it, and the named type inside
    /// it when the schema defines it (built-in scalars are not elements).
    pub fn record_type(&self, recorder: &mut Recorder, element: &NamedNode, ty: &Type) {
        recorder.string(element, gql::TYPE, &ty.to_string());
        if let Some(named) = self.types.get(ty.inner_named_type().as_str()) {
            recorder.link(element, gql::OF_TYPE, named);
        }
    }

    /// Records an argument or an input field (`class`) of `parent`, with its
    /// type, default value, description and directives.
    pub fn record_input_value(
        &self,
        recorder: &mut Recorder,
        parent: &NamedNode,
        class: NamedNodeRef<'_>,
        value: &InputValueDefinition,
    ) -> NamedNode {
        let element = recorder.element(parent, class, &value.name);
        self.record_type(recorder, &element, &value.ty);
        if let Some(default) = &value.default_value {
            recorder.string(&element, gql::DEFAULT_VALUE, &value_text(default));
        }
        if let Some(description) = &value.description {
            recorder.string(&element, gql::DESCRIPTION, description);
        }
        self.record_directives(recorder, &element, value.directives.iter().map(|d| &**d));
        element
    }

    /// Records a directive definition, part of `schema`, named `@name`. Its
    /// element is declared first, so its arguments' own directives may refer
    /// to it. Whether `@iri` is uda's is settled here, before any of its
    /// applications is recorded: uda's `@iri` cannot be applied to the
    /// arguments of a definition, the only directives recorded earlier.
    pub fn record_definition(
        &mut self,
        recorder: &mut Recorder,
        schema: &NamedNode,
        definition: &DirectiveDefinition,
    ) {
        if definition.name == "iri" {
            self.uda_iri = is_uda_iri(definition);
        }
        let element = self.declare_definition(recorder, schema, &definition.name);
        if let Some(description) = &definition.description {
            recorder.string(&element, gql::DESCRIPTION, description);
        }
        recorder.boolean(&element, gql::REPEATABLE, definition.repeatable);
        for location in &definition.locations {
            recorder.string(&element, gql::LOCATION, location.name());
        }
        for argument in &definition.arguments {
            self.record_input_value(recorder, &element, gql::ARGUMENT, argument);
        }
    }

    /// Declares the element of the directive `name` the schema defines.
    pub fn declare_definition(
        &mut self,
        recorder: &mut Recorder,
        schema: &NamedNode,
        name: &str,
    ) -> NamedNode {
        let element = recorder.element(schema, gql::DIRECTIVE_DEFINITION, &format!("@{name}"));
        self.directives.insert(name.to_owned(), element.clone());
        element
    }

    /// Records the directives applied to `element`, in order. What the
    /// vocabulary has a property for is stated as that property (see
    /// [`Declared::state`]); an application the property does not say all of
    /// is also kept as data: the n-th application of `@name` there is the
    /// element `@name#n`, with its directive's name, its definition when the
    /// schema has one, and one element per argument written, its value in
    /// GraphQL syntax.
    pub fn record_directives<'d>(
        &self,
        recorder: &mut Recorder,
        element: &NamedNode,
        directives: impl IntoIterator<Item = &'d Directive>,
    ) {
        let class = self.classes.get(element).copied();
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        let mut stated = BTreeSet::new();
        for directive in directives {
            let n = seen.entry(directive.name.as_str()).or_default();
            *n += 1;
            if self.state(recorder, element, class, directive, &mut stated) {
                continue;
            }
            let application = recorder.element(
                element,
                gql::DIRECTIVE_APPLICATION,
                &format!("@{}#{n}", directive.name),
            );
            recorder.string(&application, gql::DIRECTIVE, &directive.name);
            if let Some(definition) = self.directives.get(directive.name.as_str()) {
                recorder.link(&application, gql::DEFINITION, definition);
            }
            for argument in &directive.arguments {
                let arg = recorder.element(&application, gql::DIRECTIVE_ARGUMENT, &argument.name);
                recorder.string(&arg, gql::VALUE, &value_text(&argument.value));
            }
        }
    }

    /// States what `directive`, applied to `element` (a named type of
    /// `class`, or another element), says as a property of `element`, when
    /// the vocabulary has one and this is the first such application there
    /// (`stated` lists those already stated). Returns whether the property
    /// says all the application does, so that the application can be
    /// written back from it alone and need not be kept as data:
    ///
    /// - uda's own `@iri(value: "…")` (the schema defines `@iri` as the
    ///   projection does, see [`is_uda_iri`]) is `gql:termIri`;
    /// - `@specifiedBy(url: "…")` on a scalar is `gql:specifiedBy`;
    /// - in a Federation subgraph, on an object or interface type, the first
    ///   `@key(fields: "…")` is `gql:key` and `gql:resolvable` true, or false
    ///   with `resolvable: false`; `resolvable: true` written out is kept as
    ///   data too, since the property cannot tell it from nothing written;
    /// - in a Federation subgraph, on an object type, `@shareable` and
    ///   `@interfaceObject` (no arguments) are `gql:shareable` and
    ///   `gql:interfaceObject`.
    ///
    /// Federation directives are recognized under the names the `@link`
    /// gives them.
    fn state(
        &self,
        recorder: &mut Recorder,
        element: &NamedNode,
        class: Option<NamedNodeRef<'static>>,
        directive: &Directive,
        stated: &mut BTreeSet<Stated>,
    ) -> bool {
        let is = |c: NamedNodeRef<'static>| class == Some(c);
        let kind = if directive.name == "iri" && self.uda_iri {
            Stated::Iri
        } else if directive.name == "specifiedBy" && is(gql::SCALAR_TYPE) {
            Stated::SpecifiedBy
        } else {
            match self.links.federation_directive(&directive.name) {
                Some("key") if is(gql::OBJECT_TYPE) || is(gql::INTERFACE_TYPE) => Stated::Key,
                Some("shareable") if is(gql::OBJECT_TYPE) => Stated::Flag(gql::SHAREABLE),
                Some("interfaceObject") if is(gql::OBJECT_TYPE) => {
                    Stated::Flag(gql::INTERFACE_OBJECT)
                }
                _ => return false,
            }
        };
        if !stated.insert(kind) {
            return false;
        }
        let mut arguments: Vec<(&str, &Value)> = directive
            .arguments
            .iter()
            .map(|a| (a.name.as_str(), &*a.value))
            .collect();
        arguments.sort_by_key(|(name, _)| *name);
        let uri = |value: &str| Literal::new_typed_literal(value, xsd::ANY_URI);
        match kind {
            Stated::Iri | Stated::SpecifiedBy => {
                let (predicate, argument) = if kind == Stated::Iri {
                    (gql::TERM_IRI, "value")
                } else {
                    (gql::SPECIFIED_BY, "url")
                };
                let value = directive
                    .specified_argument_by_name(argument)
                    .and_then(|v| v.as_str());
                if let Some(value) = value {
                    recorder.literal(element, predicate, uri(value));
                }
                matches!(arguments[..], [(a, Value::String(_))] if a == argument)
            }
            Stated::Key => {
                let fields = directive
                    .specified_argument_by_name("fields")
                    .and_then(|v| v.as_str());
                if let Some(fields) = fields {
                    recorder.string(element, gql::KEY, fields);
                }
                let resolvable = directive
                    .specified_argument_by_name("resolvable")
                    .and_then(|v| v.to_bool());
                recorder.boolean(element, gql::RESOLVABLE, resolvable.unwrap_or(true));
                matches!(
                    arguments[..],
                    [("fields", Value::String(_))]
                        | [
                            ("fields", Value::String(_)),
                            ("resolvable", Value::Boolean(false))
                        ]
                )
            }
            Stated::Flag(predicate) => {
                recorder.boolean(element, predicate, true);
                arguments.is_empty()
            }
        }
    }
}

/// The directive applications stated as a property of their element, at
/// most once per element each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stated {
    /// uda's `@iri`: `gql:termIri`.
    Iri,
    /// `@specifiedBy`: `gql:specifiedBy`.
    SpecifiedBy,
    /// Federation's `@key`: `gql:key` and `gql:resolvable`.
    Key,
    /// Federation's `@shareable` or `@interfaceObject`: the flag given, true.
    Flag(NamedNodeRef<'static>),
}

/// The definition of uda's own `@iri` directive, which the projection
/// declares in every schema and applies to every element realizing a term.
pub(crate) fn uda_iri_definition() -> DirectiveDefinition {
    DirectiveDefinition {
        description: Some(Node::from(
            "The IRI of the domain model term this element realizes.",
        )),
        name: name!("iri"),
        arguments: vec![Node::new(InputValueDefinition {
            description: None,
            name: name!("value"),
            ty: Node::new(Type::NonNullNamed(name!("String"))),
            default_value: None,
            directives: Default::default(),
        })],
        repeatable: false,
        locations: vec![
            DirectiveLocation::Object,
            DirectiveLocation::Interface,
            DirectiveLocation::FieldDefinition,
            DirectiveLocation::Enum,
            DirectiveLocation::EnumValue,
            DirectiveLocation::Scalar,
            DirectiveLocation::InputObject,
        ],
    }
}

/// Whether a schema's `@iri` is uda's: the same name, arguments (names,
/// types, default values), repeatability and locations (in any order) as
/// [`uda_iri_definition`]. Descriptions do not matter (they are recorded
/// with the definition either way), nor do directives on its argument. Any
/// other `@iri` is a directive like any other, kept as data.
fn is_uda_iri(definition: &DirectiveDefinition) -> bool {
    let signature = |d: &DirectiveDefinition| {
        let arguments: Vec<_> = d
            .arguments
            .iter()
            .map(|a| (a.name.clone(), a.ty.clone(), a.default_value.clone()))
            .collect();
        let locations: BTreeSet<&str> = d.locations.iter().map(|l| l.name()).collect();
        (d.name.clone(), arguments, d.repeatable, locations)
    };
    signature(definition) == signature(&uda_iri_definition())
}

/// A value in GraphQL syntax, on one line (`["a", "b"]`, `{name: "@key"}`).
pub(crate) fn value_text(value: &Value) -> String {
    value.serialize().no_indent().to_string()
}
