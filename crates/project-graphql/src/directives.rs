//! What the projection and the import record alike: type references,
//! input values, directive definitions and directive applications (kept as
//! data), so that both describe the same SDL with the same triples.

use crate::vocab as gql;
use apollo_compiler::ast::{Directive, DirectiveDefinition, InputValueDefinition, Type, Value};
use oxrdf::{NamedNode, NamedNodeRef};
use std::collections::{BTreeMap, HashMap};
use uda_projection::Recorder;

/// The elements a schema's references resolve to: its named types and the
/// directives it defines, by GraphQL name (without the `@`).
#[derive(Debug, Default)]
pub(crate) struct Declared {
    pub types: HashMap<String, NamedNode>,
    pub directives: HashMap<String, NamedNode>,
}

impl Declared {
    /// Adds the element of a named type, part of `schema`.
    pub fn declare_type(
        &mut self,
        recorder: &mut Recorder,
        schema: &NamedNode,
        class: NamedNodeRef<'_>,
        name: &str,
    ) -> NamedNode {
        let element = recorder.element(schema, class, name);
        self.types.insert(name.to_owned(), element.clone());
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
    /// to it.
    pub fn record_definition(
        &mut self,
        recorder: &mut Recorder,
        schema: &NamedNode,
        definition: &DirectiveDefinition,
    ) {
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

    /// Records the directives applied to `element`, in order: the n-th
    /// application of `@name` there is the element `@name#n`, with its
    /// directive's name, its definition when the schema has one, and one
    /// element per argument written, its value in GraphQL syntax.
    pub fn record_directives<'d>(
        &self,
        recorder: &mut Recorder,
        element: &NamedNode,
        directives: impl IntoIterator<Item = &'d Directive>,
    ) {
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for directive in directives {
            let n = seen.entry(directive.name.as_str()).or_default();
            *n += 1;
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
}

/// A value in GraphQL syntax, on one line (`["a", "b"]`, `{name: "@key"}`).
pub(crate) fn value_text(value: &Value) -> String {
    value.serialize().no_indent().to_string()
}
