//! Reading a valid schema (extensions folded into what they extend) into a
//! container representation, element by element as the projection records
//! them.

use crate::directives::Declared;
use crate::links::Links;
use crate::vocab as gql;
use apollo_compiler::ast::{Directive, FieldDefinition};
use apollo_compiler::schema::{DirectiveList, ExtendedType};
use apollo_compiler::validation::Valid;
use apollo_compiler::{Node, Schema};
use oxrdf::vocab::xsd;
use oxrdf::{Literal, NamedNode, NamedNodeRef};
use std::collections::BTreeSet;
use uda_projection::{ImportWarning, Imported, Recorder};

/// Records `schema` under `base`, leaving out built-in types and directives
/// and those `synthesized` (the stand-ins for undefined directives).
pub(super) fn read(
    schema: &Valid<Schema>,
    links: Links,
    synthesized: &BTreeSet<String>,
    base: &str,
    schema_name: &str,
    warnings: Vec<ImportWarning>,
) -> Imported {
    let mut recorder = Recorder::for_container(base, gql::SCHEMA, schema_name);
    let root = recorder.schema().clone();
    let mut declared = Declared::default();
    declared.links = links;
    let types: Vec<&ExtendedType> = schema
        .types
        .values()
        .filter(|t| !t.is_built_in() && !synthesized.contains(t.name().as_str()))
        .collect();
    for ty in &types {
        declared.declare_type(&mut recorder, &root, class_of(ty), ty.name());
    }
    let definitions: Vec<_> = schema
        .directive_definitions
        .values()
        .filter(|d| !d.is_built_in() && !synthesized.contains(d.name.as_str()))
        .collect();
    for definition in &definitions {
        declared.declare_definition(&mut recorder, &root, &definition.name);
    }
    for definition in definitions {
        declared.record_definition(&mut recorder, &root, definition);
    }

    let federation = declared.links.federation();
    recorder.boolean(&root, gql::FEDERATION, federation.is_some());
    if let Some(url) = federation {
        let url = Literal::new_typed_literal(url, xsd::ANY_URI);
        recorder.literal(&root, gql::FEDERATION_VERSION, url);
    }
    let definition = &schema.schema_definition;
    if let Some(description) = &definition.description {
        recorder.string(&root, gql::DESCRIPTION, description);
    }
    for (operation, predicate) in [
        (&definition.query, gql::QUERY_TYPE),
        (&definition.mutation, gql::MUTATION_TYPE),
        (&definition.subscription, gql::SUBSCRIPTION_TYPE),
    ] {
        if let Some(ty) = operation
            .as_ref()
            .and_then(|n| declared.types.get(n.as_str()))
        {
            recorder.link(&root, predicate, ty);
        }
    }
    declared.record_directives(&mut recorder, &root, directives(&definition.directives));

    let mut reader = Reader { recorder, declared };
    for ty in types {
        reader.named_type(ty);
    }
    reader.recorder.finish_import(warnings)
}

fn class_of(ty: &ExtendedType) -> NamedNodeRef<'static> {
    match ty {
        ExtendedType::Scalar(_) => gql::SCALAR_TYPE,
        ExtendedType::Object(_) => gql::OBJECT_TYPE,
        ExtendedType::Interface(_) => gql::INTERFACE_TYPE,
        ExtendedType::Union(_) => gql::UNION_TYPE,
        ExtendedType::Enum(_) => gql::ENUM_TYPE,
        ExtendedType::InputObject(_) => gql::INPUT_OBJECT_TYPE,
    }
}

fn directives(list: &DirectiveList) -> impl Iterator<Item = &Directive> {
    list.iter().map(|d| &***d)
}

struct Reader {
    recorder: Recorder,
    declared: Declared,
}

impl Reader {
    fn element(&self, name: &str) -> Option<NamedNode> {
        self.declared.types.get(name).cloned()
    }

    fn named_type(&mut self, ty: &ExtendedType) {
        let Some(element) = self.element(ty.name()) else {
            return;
        };
        if let Some(description) = ty.description() {
            self.recorder
                .string(&element, gql::DESCRIPTION, description);
        }
        self.declared
            .record_directives(&mut self.recorder, &element, directives(ty.directives()));
        match ty {
            ExtendedType::Object(object) => {
                self.implements(
                    &element,
                    object.implements_interfaces.iter().map(|n| n.as_str()),
                );
                self.fields(&element, object.fields.values().map(|f| &***f));
            }
            ExtendedType::Interface(interface) => {
                self.implements(
                    &element,
                    interface.implements_interfaces.iter().map(|n| n.as_str()),
                );
                self.fields(&element, interface.fields.values().map(|f| &***f));
            }
            ExtendedType::Union(union) => {
                for member in &union.members {
                    if let Some(member) = self.element(member) {
                        self.recorder.link(&element, gql::MEMBER, &member);
                    }
                }
            }
            ExtendedType::Enum(enumeration) => {
                for value in enumeration.values.values() {
                    let e = self
                        .recorder
                        .element(&element, gql::ENUM_VALUE, &value.value);
                    if let Some(description) = &value.description {
                        self.recorder.string(&e, gql::DESCRIPTION, description);
                    }
                    let applied = value.directives.iter().map(|d| &**d);
                    self.declared
                        .record_directives(&mut self.recorder, &e, applied);
                }
            }
            ExtendedType::InputObject(input) => {
                for field in input.fields.values() {
                    self.declared.record_input_value(
                        &mut self.recorder,
                        &element,
                        gql::INPUT_FIELD,
                        field,
                    );
                }
            }
            ExtendedType::Scalar(_) => {}
        }
    }

    fn implements<'n>(&mut self, element: &NamedNode, interfaces: impl Iterator<Item = &'n str>) {
        for interface in interfaces {
            if let Some(interface) = self.element(interface) {
                self.recorder.link(element, gql::IMPLEMENTS, &interface);
            }
        }
    }

    fn fields<'f>(
        &mut self,
        parent: &NamedNode,
        fields: impl Iterator<Item = &'f FieldDefinition>,
    ) {
        for field in fields {
            let element = self.recorder.element(parent, gql::FIELD, &field.name);
            self.declared
                .record_type(&mut self.recorder, &element, &field.ty);
            if let Some(description) = &field.description {
                self.recorder
                    .string(&element, gql::DESCRIPTION, description);
            }
            for argument in &field.arguments {
                self.declared.record_input_value(
                    &mut self.recorder,
                    &element,
                    gql::ARGUMENT,
                    argument,
                );
            }
            let applied = field.directives.iter().map(|d| &**d);
            self.declared
                .record_directives(&mut self.recorder, &element, applied);
        }
    }
}

/// Calls `f` with every directive applied anywhere in the schema's own
/// definitions: the schema, types, fields, arguments, enum values, input
/// fields, and directive definitions' arguments.
pub(super) fn each_directive(schema: &Schema, mut f: impl FnMut(&Node<Directive>)) {
    let mut list = |l: &DirectiveList| l.iter().for_each(|d| f(d));
    list(&schema.schema_definition.directives);
    let mut ast_list = Vec::new();
    for ty in schema.types.values().filter(|t| !t.is_built_in()) {
        list(ty.directives());
        let fields = match ty {
            ExtendedType::Object(o) => Some(&o.fields),
            ExtendedType::Interface(i) => Some(&i.fields),
            _ => None,
        };
        for field in fields.into_iter().flat_map(|f| f.values()) {
            ast_list.push(&field.directives);
            ast_list.extend(field.arguments.iter().map(|a| &a.directives));
        }
        match ty {
            ExtendedType::Enum(e) => ast_list.extend(e.values.values().map(|v| &v.directives)),
            ExtendedType::InputObject(i) => {
                ast_list.extend(i.fields.values().map(|v| &v.directives));
            }
            _ => {}
        }
    }
    for definition in schema.directive_definitions.values() {
        ast_list.extend(definition.arguments.iter().map(|a| &a.directives));
    }
    for directives in ast_list {
        directives.iter().for_each(&mut f);
    }
}
