//! Writing a [`Plan`] as an SDL document (apollo-compiler's AST, printed by
//! its serializer) while recording the container representation and the
//! mappings of every element written.

use crate::describe::{cardinality_notes, describe, header, scalar_description};
use crate::directives::{uda_iri_definition, value_text, Declared};
use crate::keys::Selected;
use crate::links::Links;
use crate::plan::{FieldPlan, FieldSource, Plan, QueryPlan, Role, ScalarSource, TypePlan};
use crate::scalars;
use crate::vocab as gql;
use crate::GraphqlError;
use apollo_compiler::ast::{
    Argument, Definition, Directive, DirectiveList, Document, EnumTypeDefinition,
    EnumValueDefinition, FieldDefinition, InputValueDefinition, InterfaceTypeDefinition,
    ObjectTypeDefinition, OperationType, ScalarTypeDefinition, SchemaDefinition, SchemaExtension,
    Type, Value,
};
use apollo_compiler::{name, Name, Node};
use oxrdf::vocab::xsd;
use oxrdf::{NamedNode, NamedNodeRef};
use uda_projection::{Output, Recorder, SchemaFile};
use uda_upper::{local_name, ClassKind, ModelView, Property, PropertyKind};

/// The Federation specification subgraphs link to: 2.3 is the first with
/// `@interfaceObject`, which entity interfaces of other subgraphs need.
pub const FEDERATION_SPEC: &str = "https://specs.apollo.dev/federation/v2.3";
/// The specification the `@iri` directive is linked from in a subgraph, so
/// that `@composeDirective` keeps it in the supergraph.
const IRI_SPEC: &str = "https://w3id.org/uda/iri/v1.0";
/// The page size of list fields when the client gives none.
const DEFAULT_PAGE_SIZE: i32 = 20;

/// Renders the schema of `plan` and records it; `target` is the mapping target name.
pub(crate) fn render<'a>(
    view: &ModelView<'a>,
    plan: &Plan<'a>,
    target: &str,
    file: String,
) -> Result<Output, GraphqlError> {
    let root = view.root();
    let mut recorder = Recorder::new(&root.iri, target, gql::SCHEMA, &root.domain);
    let schema = recorder.schema().clone();
    recorder.boolean(&schema, gql::FEDERATION, plan.federation);
    if plan.federation {
        recorder.literal(
            &schema,
            gql::FEDERATION_VERSION,
            oxrdf::Literal::new_typed_literal(FEDERATION_SPEC, xsd::ANY_URI),
        );
    }
    if let Some(description) = &root.text.description {
        recorder.string(&schema, gql::DESCRIPTION, description);
    }
    let mut renderer = Renderer {
        view,
        plan,
        recorder,
        declared: Declared::default(),
    };
    let definitions = renderer.definitions()?;
    let document = Document {
        sources: Default::default(),
        definitions,
    };
    let text = format!("{}{document}", header(&root.text, &root.domain, &root.iri));
    Ok(renderer
        .recorder
        .finish(vec![SchemaFile { name: file, text }]))
}

struct Renderer<'p, 'a> {
    view: &'p ModelView<'a>,
    plan: &'p Plan<'a>,
    recorder: Recorder,
    /// Container elements of the named types and directives, by GraphQL name.
    declared: Declared,
}

impl<'a> Renderer<'_, 'a> {
    fn definitions(&mut self) -> Result<Vec<Definition>, GraphqlError> {
        let schema = self.recorder.schema().clone();
        let iri = uda_iri_definition();
        self.declared
            .record_definition(&mut self.recorder, &schema, &iri);
        self.declare_types();
        let mut out = Vec::new();
        if let Some(definition) = self.schema_definition() {
            out.push(Definition::SchemaDefinition(Node::new(definition)));
        }
        if self.plan.federation {
            let links = federation_links();
            self.declared.links = Links::of_directives(links.directives.iter().map(|d| &**d));
            self.declared.record_directives(
                &mut self.recorder,
                &schema,
                links.directives.iter().map(|d| &**d),
            );
            out.push(Definition::SchemaExtension(Node::new(links)));
        }
        out.push(Definition::DirectiveDefinition(Node::new(iri)));
        if let Some(query) = self.query()? {
            out.push(Definition::ObjectTypeDefinition(Node::new(query)));
        }
        let mut types: Vec<&TypePlan<'a>> = self.plan.types.values().collect();
        types.sort_by(|a, b| a.name.cmp(&b.name));
        for t in types {
            out.extend(self.class_types(t)?);
        }
        let mut enums: Vec<(&&str, &String)> = self.plan.enums.iter().collect();
        enums.sort_by(|a, b| a.1.cmp(b.1));
        for (iri, name) in enums {
            out.push(Definition::EnumTypeDefinition(Node::new(
                self.enumeration(iri, name)?,
            )));
        }
        let mut scalars: Vec<(&&str, &(String, ScalarSource<'a>))> =
            self.plan.scalars.iter().collect();
        scalars.sort_by(|a, b| a.1 .0.cmp(&b.1 .0));
        for (iri, (name, source)) in scalars {
            out.push(Definition::ScalarTypeDefinition(Node::new(
                self.scalar(iri, name, *source)?,
            )));
        }
        out.extend(self.pagination()?);
        Ok(out)
    }

    /// Creates the container element of every named type first, so fields can point at them.
    fn declare_types(&mut self) {
        let plan = self.plan;
        for t in plan.types.values() {
            let class = t.class;
            let description = describe(&class.text, &class.iri, &[]);
            let kind = if t.companion.is_some() {
                gql::INTERFACE_TYPE
            } else {
                gql::OBJECT_TYPE
            };
            let element = self.declare(kind, &t.name, description.as_deref());
            self.recorder.realizes(&class.iri, &element);
            if let Some(companion) = &t.companion {
                let description = self.companion_description(t, description.as_deref());
                let element = self.declare(gql::OBJECT_TYPE, companion, Some(&description));
                self.recorder.realizes(&class.iri, &element);
                self.recorder.note(
                    &element,
                    &format!(
                        "the instances of {} that belong to none of its subclasses; fields whose values may be of any subclass have the interface type {}",
                        local_name(&class.iri),
                        t.name
                    ),
                );
            }
        }
        for (iri, name) in &plan.enums {
            let description = self
                .view
                .enumeration(iri)
                .and_then(|e| describe(&e.text, iri, &[]));
            let element = self.declare(gql::ENUM_TYPE, name, description.as_deref());
            self.recorder.realizes(iri, &element);
        }
        for (iri, (name, source)) in &plan.scalars {
            let element = self.declare(
                gql::SCALAR_TYPE,
                name,
                Some(&scalar_description(iri, *source)),
            );
            if let ScalarSource::Domain(d) = source {
                self.recorder.realizes(iri, &element);
                let facets = scalars::facets(&d.facets);
                if !facets.is_empty() {
                    let note = format!(
                        "GraphQL scalars have no facets; the values must also satisfy: {} (stated in the description, not enforced by GraphQL)",
                        facets.join("; ")
                    );
                    self.recorder.note(&element, &note);
                }
            }
        }
        for q in &plan.queries {
            self.declare(gql::OBJECT_TYPE, &q.connection, None);
            self.declare(gql::OBJECT_TYPE, &q.edge, None);
        }
        if !plan.queries.is_empty() {
            self.declare(gql::OBJECT_TYPE, "PageInfo", None);
        }
    }

    fn declare(
        &mut self,
        class: NamedNodeRef<'static>,
        name: &str,
        description: Option<&str>,
    ) -> NamedNode {
        let schema = self.recorder.schema().clone();
        let element = self
            .declared
            .declare_type(&mut self.recorder, &schema, class, name);
        if let Some(d) = description {
            self.recorder.string(&element, gql::DESCRIPTION, d);
        }
        element
    }

    /// `schema { query: Query }`, written only to carry the model's
    /// description (a subgraph without queries has no root to name, so no
    /// schema definition and no description).
    fn schema_definition(&self) -> Option<SchemaDefinition> {
        let description = self.view.root().text.description.as_ref()?;
        let has_query = !self.plan.queries.is_empty() || !self.plan.federation;
        if !has_query {
            return None;
        }
        Some(SchemaDefinition {
            description: Some(Node::from(description.as_str())),
            directives: DirectiveList::new(),
            root_operations: vec![Node::new((OperationType::Query, name!("Query")))],
        })
    }

    /// The description of the object type of a taxonomy's own instances.
    fn companion_description(&self, t: &TypePlan<'a>, description: Option<&str>) -> String {
        let subclasses: Vec<&str> = self
            .view
            .children(t.class)
            .iter()
            .filter_map(|c| self.plan.type_name(&c.iri))
            .collect();
        let own = format!(
            "A {} that is none of its more specific kinds ({}).",
            t.name,
            subclasses.join(", ")
        );
        match description {
            Some(d) => format!("{own}\n\n{d}"),
            None => own,
        }
    }

    fn element(&self, name: &str) -> Result<NamedNode, GraphqlError> {
        self.declared
            .types
            .get(name)
            .cloned()
            .ok_or_else(|| GraphqlError::internal(format!("no element for the type {name}")))
    }

    /// The interface and object type of a class (or its only object type).
    fn class_types(&mut self, t: &TypePlan<'a>) -> Result<Vec<Definition>, GraphqlError> {
        let class = t.class;
        let description = describe(&class.text, &class.iri, &[]).map(Node::from);
        let ancestors: Vec<Name> = t
            .implements
            .iter()
            .filter_map(|a| self.plan.type_name(a))
            .map(graphql_name)
            .collect::<Result<_, _>>()?;
        let element = self.element(&t.name)?;
        let directives = self.entity_directives(t, &element)?;
        let shareable = self.plan.federation && class.kind == ClassKind::Nested;
        let object_directives = |mut d: DirectiveList| {
            if shareable {
                d.push(Directive::new(name!("shareable")));
            }
            d.push(iri_directive(&class.iri));
            d
        };
        for a in &t.implements {
            if let Some(interface) = self.plan.type_name(a) {
                let interface = self.element(interface)?;
                for e in std::iter::once(&t.name).chain(&t.companion) {
                    let e = self.element(e)?;
                    self.recorder.link(&e, gql::IMPLEMENTS, &interface);
                }
            }
        }
        let fields = self.fields(&element, &t.fields)?;
        let Some(companion) = &t.companion else {
            let directives = object_directives(directives);
            self.record_directives(&element, &directives);
            return Ok(vec![Definition::ObjectTypeDefinition(Node::new(
                ObjectTypeDefinition {
                    description,
                    name: graphql_name(&t.name)?,
                    implements_interfaces: ancestors,
                    directives,
                    fields,
                },
            ))]);
        };
        let companion_element = self.element(companion)?;
        let interface_element = element;
        self.recorder
            .link(&companion_element, gql::IMPLEMENTS, &interface_element);
        let mut interface_directives = directives.clone();
        interface_directives.push(iri_directive(&class.iri));
        self.record_directives(&interface_element, &interface_directives);
        let interface = InterfaceTypeDefinition {
            description: description.clone(),
            name: graphql_name(&t.name)?,
            implements_interfaces: ancestors.clone(),
            directives: interface_directives,
            fields,
        };
        let object_directives = object_directives(directives);
        self.record_directives(&companion_element, &object_directives);
        let object = ObjectTypeDefinition {
            description: Some(Node::from(
                self.companion_description(t, description.as_deref()),
            )),
            name: graphql_name(companion)?,
            implements_interfaces: ancestors
                .into_iter()
                .chain([graphql_name(&t.name)?])
                .collect(),
            directives: object_directives,
            fields: self.fields(&companion_element, &t.fields)?,
        };
        Ok(vec![
            Definition::InterfaceTypeDefinition(Node::new(interface)),
            Definition::ObjectTypeDefinition(Node::new(object)),
        ])
    }

    /// Federation: `@key` and `@interfaceObject` (recorded with the type's
    /// directives), with the notes about stubs and about subclasses of other
    /// models' classes.
    fn entity_directives(
        &mut self,
        t: &TypePlan<'a>,
        element: &NamedNode,
    ) -> Result<DirectiveList, GraphqlError> {
        let mut directives = DirectiveList::new();
        if let Some(key) = &t.key {
            let fields = self.key_fields(t, key);
            let resolvable = !matches!(
                t.role,
                Role::Stub {
                    resolvable: false,
                    ..
                }
            );
            let mut arguments = vec![argument(name!("fields"), Value::String(fields.clone()))];
            if !resolvable {
                arguments.push(argument(name!("resolvable"), Value::Boolean(false)));
            }
            directives.push(Directive {
                name: name!("key"),
                arguments,
            });
        }
        match t.role {
            Role::Stub {
                interface_object, ..
            } => {
                if interface_object {
                    directives.push(Directive::new(name!("interfaceObject")));
                }
                self.recorder.note(element, &self.stub_note(t));
            }
            Role::Full if self.plan.federation => {
                let foreign_parent = self
                    .view
                    .parent(t.class)
                    .filter(|p| !t.implements.contains(&p.iri.as_str()));
                if let Some(parent) = foreign_parent {
                    let note = format!(
                        "a subclass of {}, an entity of another subgraph: a subgraph cannot implement another subgraph's types, so the inherited fields are repeated here",
                        parent.iri
                    );
                    self.recorder.note(element, &note);
                }
            }
            Role::Full => {}
        }
        Ok(directives)
    }

    fn stub_note(&self, t: &TypePlan<'a>) -> String {
        let owner = self
            .view
            .owner(&t.class.iri)
            .map_or("another", |m| m.domain.as_str());
        match t.role {
            Role::Stub { resolvable: true, .. } => format!(
                "an entity of the {owner} subgraph; this subgraph adds the fields its model extends the class with and resolves them by key"
            ),
            _ => format!("an entity stub: the {owner} subgraph resolves it; this subgraph only refers to it by key"),
        }
    }

    /// The `@key` field set, e.g. `workWorkId person { personId } role`.
    fn key_fields(&self, t: &TypePlan<'a>, key: &[Selected<'a>]) -> String {
        let parts: Vec<String> = key
            .iter()
            .map(|selected| match selected {
                Selected::Field(p) => t.property_field(&p.iri).to_owned(),
                Selected::Flat(path) => t.leaf_field(path).to_owned(),
                Selected::Nested(p, inner) => {
                    let target = match &p.kind {
                        PropertyKind::Relationship { class } => self.plan.types.get(class.as_str()),
                        PropertyKind::Attribute { .. } => None,
                    };
                    let inner = target
                        .map(|target| self.key_fields(target, inner))
                        .unwrap_or_default();
                    format!("{} {{ {inner} }}", t.property_field(&p.iri))
                }
            })
            .collect();
        parts.join(" ")
    }

    /// Field definitions, recorded as parts of `parent`.
    fn fields(
        &mut self,
        parent: &NamedNode,
        fields: &[FieldPlan<'a>],
    ) -> Result<Vec<Node<FieldDefinition>>, GraphqlError> {
        fields.iter().map(|f| self.field(parent, f)).collect()
    }

    fn field(
        &mut self,
        parent: &NamedNode,
        field: &FieldPlan<'a>,
    ) -> Result<Node<FieldDefinition>, GraphqlError> {
        let (Some(property), Some(leaf)) = (field.source.property(), field.source.leaf()) else {
            return Err(GraphqlError::internal(format!(
                "the field {} realizes no property",
                field.name
            )));
        };
        let value_type = self.plan.value_type(self.view, leaf)?;
        let mut notes = Vec::new();
        let (ty, description) = match &field.source {
            FieldSource::Property(p) => {
                notes.extend(cardinality_notes(p));
                let sentences: Vec<String> = notes
                    .iter()
                    .map(|n: &(String, String)| n.0.clone())
                    .collect();
                (
                    value_type_of(p, &value_type)?,
                    describe(&p.text, &p.iri, &sentences),
                )
            }
            FieldSource::KeyLeaf(path) => {
                let member = local_name(&property.iri);
                let leaf_name = local_name(&leaf.iri);
                let sentence = format!(
                    "The {leaf_name} of the {member}, part of the key. Federation allows no field of an interface type in a @key, so the {member}'s key is repeated here."
                );
                notes.push((
                    sentence.clone(),
                    format!(
                        "key member {member} flattened to its {} because its type is an interface",
                        path_text(path)
                    ),
                ));
                let required = path.iter().all(|p| p.is_required() && !p.is_many());
                (named_type(&value_type, required)?, Some(sentence))
            }
        };
        let element = self.recorder.element(parent, gql::FIELD, &field.name);
        self.record_type(&element, &ty);
        if let Some(d) = &description {
            self.recorder.string(&element, gql::DESCRIPTION, d);
        }
        self.recorder.realizes(&property.iri, &element);
        for (_, note) in notes {
            self.recorder.note(&element, &note);
        }
        let directives = DirectiveList(vec![iri_directive(&property.iri)]);
        self.record_directives(&element, &directives);
        Ok(Node::new(FieldDefinition {
            description: description.map(Node::from),
            name: graphql_name(&field.name)?,
            arguments: Vec::new(),
            ty,
            directives,
        }))
    }

    fn record_type(&mut self, element: &NamedNode, ty: &Type) {
        self.declared.record_type(&mut self.recorder, element, ty);
    }

    /// Records the directives written on `element`'s definition.
    fn record_directives(&mut self, element: &NamedNode, directives: &DirectiveList) {
        self.declared.record_directives(
            &mut self.recorder,
            element,
            directives.iter().map(|d| &**d),
        );
    }

    fn enumeration(&mut self, iri: &str, name: &str) -> Result<EnumTypeDefinition, GraphqlError> {
        let Some(enumeration) = self.view.enumeration(iri) else {
            return Err(GraphqlError::unknown_class(iri));
        };
        let element = self.element(name)?;
        let mut values = Vec::new();
        for value in &enumeration.values {
            let value_name = self
                .plan
                .enum_values
                .get(value.iri.as_str())
                .cloned()
                .unwrap_or_default();
            let description = describe(&value.text, &value.iri, &[]);
            let value_element = self
                .recorder
                .element(&element, gql::ENUM_VALUE, &value_name);
            if let Some(d) = &description {
                self.recorder.string(&value_element, gql::DESCRIPTION, d);
            }
            self.recorder.realizes(&value.iri, &value_element);
            let directives = DirectiveList(vec![iri_directive(&value.iri)]);
            self.record_directives(&value_element, &directives);
            values.push(Node::new(EnumValueDefinition {
                description: description.map(Node::from),
                value: graphql_name(&value_name)?,
                directives,
            }));
        }
        let directives = DirectiveList(vec![iri_directive(iri)]);
        self.record_directives(&element, &directives);
        Ok(EnumTypeDefinition {
            description: describe(&enumeration.text, iri, &[]).map(Node::from),
            name: graphql_name(name)?,
            directives,
            values,
        })
    }

    fn scalar(
        &mut self,
        iri: &str,
        name: &str,
        source: ScalarSource<'a>,
    ) -> Result<ScalarTypeDefinition, GraphqlError> {
        let builtin = match source {
            ScalarSource::Domain(d) => d.base,
            ScalarSource::Builtin(b, _) => b,
        };
        let specified_by = Directive {
            name: name!("specifiedBy"),
            arguments: vec![argument(
                name!("url"),
                Value::String(scalars::specified_by(builtin)),
            )],
        };
        let directives = DirectiveList(vec![Node::new(specified_by), iri_directive(iri)]);
        let element = self.element(name)?;
        self.record_directives(&element, &directives);
        Ok(ScalarTypeDefinition {
            description: Some(Node::from(scalar_description(iri, source))),
            name: graphql_name(name)?,
            directives,
        })
    }

    /// The `Query` type: a lookup by key and a paginated list per keyed class.
    fn query(&mut self) -> Result<Option<ObjectTypeDefinition>, GraphqlError> {
        let plan = self.plan;
        if plan.queries.is_empty() && plan.federation {
            return Ok(None);
        }
        let query = self.declare(gql::OBJECT_TYPE, "Query", None);
        let schema = self.recorder.schema().clone();
        self.recorder.link(&schema, gql::QUERY_TYPE, &query);
        let mut fields = Vec::new();
        for q in &plan.queries {
            fields.push(self.lookup(&query, q)?);
            fields.push(self.list(&query, q)?);
        }
        if fields.is_empty() {
            // GraphQL requires a query type with a field; a model with no
            // keyed class still gets a valid schema.
            let field = self.helper_field(
                &query,
                "domainModel",
                Type::NonNullNamed(name!("String")),
                "The IRI of the domain model this schema realizes.",
            )?;
            fields.push(field);
        }
        Ok(Some(ObjectTypeDefinition {
            description: None,
            name: name!("Query"),
            implements_interfaces: Vec::new(),
            directives: DirectiveList::new(),
            fields,
        }))
    }

    fn lookup(
        &mut self,
        query: &NamedNode,
        q: &QueryPlan<'a>,
    ) -> Result<Node<FieldDefinition>, GraphqlError> {
        let type_name = self.plan.type_name(q.class).unwrap_or_default().to_owned();
        let ty = Type::Named(graphql_name(&type_name)?);
        let description = format!("The {type_name} with this key, if there is one.");
        let element = self.helper_element(query, &q.lookup, &ty, &description)?;
        let mut arguments = Vec::new();
        for (arg_name, path) in &q.args {
            let (Some(member), Some(leaf)) = (path.first(), path.last()) else {
                continue;
            };
            let ty = named_type(&self.plan.value_type(self.view, leaf)?, true)?;
            let arg = self.recorder.element(&element, gql::ARGUMENT, arg_name);
            self.record_type(&arg, &ty);
            self.recorder.realizes(&member.iri, &arg);
            if path.len() > 1 {
                let note = format!(
                    "key member {} given by {}",
                    local_name(&member.iri),
                    path_text(path)
                );
                self.recorder.note(&arg, &note);
            }
            arguments.push(Node::new(InputValueDefinition {
                description: None,
                name: graphql_name(arg_name)?,
                ty: Node::new(ty),
                default_value: None,
                directives: DirectiveList::new(),
            }));
        }
        Ok(Node::new(FieldDefinition {
            description: Some(Node::from(description)),
            name: graphql_name(&q.lookup)?,
            arguments,
            ty,
            directives: DirectiveList::new(),
        }))
    }

    fn list(
        &mut self,
        query: &NamedNode,
        q: &QueryPlan<'a>,
    ) -> Result<Node<FieldDefinition>, GraphqlError> {
        let type_name = self.plan.type_name(q.class).unwrap_or_default();
        let ty = Type::NonNullNamed(graphql_name(&q.connection)?);
        let description =
            format!("Every {type_name}, a page at a time (a Relay cursor connection).");
        let element = self.helper_element(query, &q.list, &ty, &description)?;
        let first = self.argument(
            &element,
            "first",
            Type::Named(name!("Int")),
            Some(Value::Int(DEFAULT_PAGE_SIZE.into())),
            "How many to return at most.",
        )?;
        let after = self.argument(
            &element,
            "after",
            Type::Named(name!("String")),
            None,
            "Return those after this cursor (an edge's cursor, or pageInfo.endCursor).",
        )?;
        Ok(Node::new(FieldDefinition {
            description: Some(Node::from(description)),
            name: graphql_name(&q.list)?,
            arguments: vec![first, after],
            ty,
            directives: DirectiveList::new(),
        }))
    }

    fn argument(
        &mut self,
        field: &NamedNode,
        arg_name: &str,
        ty: Type,
        default: Option<Value>,
        description: &str,
    ) -> Result<Node<InputValueDefinition>, GraphqlError> {
        let element = self.recorder.element(field, gql::ARGUMENT, arg_name);
        self.record_type(&element, &ty);
        self.recorder
            .string(&element, gql::DESCRIPTION, description);
        if let Some(value) = &default {
            self.recorder
                .string(&element, gql::DEFAULT_VALUE, &value_text(value));
        }
        Ok(Node::new(InputValueDefinition {
            description: Some(Node::from(description)),
            name: graphql_name(arg_name)?,
            ty: Node::new(ty),
            default_value: default.map(Node::new),
            directives: DirectiveList::new(),
        }))
    }

    /// A field the schema adds for its own purposes (queries, pagination), realizing no domain element.
    fn helper_element(
        &mut self,
        parent: &NamedNode,
        field_name: &str,
        ty: &Type,
        description: &str,
    ) -> Result<NamedNode, GraphqlError> {
        let element = self.recorder.element(parent, gql::FIELD, field_name);
        self.record_type(&element, ty);
        self.recorder
            .string(&element, gql::DESCRIPTION, description);
        Ok(element)
    }

    fn helper_field(
        &mut self,
        parent: &NamedNode,
        field_name: &str,
        ty: Type,
        description: &str,
    ) -> Result<Node<FieldDefinition>, GraphqlError> {
        self.helper_element(parent, field_name, &ty, description)?;
        Ok(Node::new(FieldDefinition {
            description: Some(Node::from(description)),
            name: graphql_name(field_name)?,
            arguments: Vec::new(),
            ty,
            directives: DirectiveList::new(),
        }))
    }

    fn helper_type(
        &mut self,
        type_name: &str,
        description: &str,
        fields: &[(&str, Type, &str)],
    ) -> Result<Definition, GraphqlError> {
        let element = self.element(type_name)?;
        self.recorder
            .string(&element, gql::DESCRIPTION, description);
        let fields = fields
            .iter()
            .map(|(n, ty, d)| self.helper_field(&element, n, ty.clone(), d))
            .collect::<Result<_, _>>()?;
        let mut directives = DirectiveList::new();
        if self.plan.federation && type_name == "PageInfo" {
            // Every subgraph with lists defines it.
            directives.push(Directive::new(name!("shareable")));
        }
        self.record_directives(&element, &directives);
        Ok(Definition::ObjectTypeDefinition(Node::new(
            ObjectTypeDefinition {
                description: Some(Node::from(description)),
                name: graphql_name(type_name)?,
                implements_interfaces: Vec::new(),
                directives,
                fields,
            },
        )))
    }

    /// Connection and edge types, and `PageInfo`.
    fn pagination(&mut self) -> Result<Vec<Definition>, GraphqlError> {
        let plan = self.plan;
        let mut out = Vec::new();
        for q in &plan.queries {
            let node = graphql_name(plan.type_name(q.class).unwrap_or_default())?;
            let edge = graphql_name(&q.edge)?;
            let list = |n: &Name| Type::NonNullList(Box::new(Type::NonNullNamed(n.clone())));
            out.push(self.helper_type(
                &q.connection,
                &format!("A page of {node} values."),
                &[
                    (
                        "edges",
                        list(&edge),
                        "The values of the page, each with its cursor.",
                    ),
                    ("nodes", list(&node), "The values of the page."),
                    (
                        "pageInfo",
                        Type::NonNullNamed(name!("PageInfo")),
                        "Where the page is in the whole list.",
                    ),
                ],
            )?);
            out.push(self.helper_type(
                &q.edge,
                &format!("A {node} with its cursor."),
                &[
                    (
                        "cursor",
                        Type::NonNullNamed(name!("String")),
                        "An opaque cursor: pass it as `after` to get the values that follow.",
                    ),
                    ("node", Type::NonNullNamed(node.clone()), "The value."),
                ],
            )?);
        }
        if !plan.queries.is_empty() {
            out.push(self.helper_type(
                "PageInfo",
                "Where a page is in the whole list (Relay cursor connections).",
                &[
                    (
                        "hasNextPage",
                        Type::NonNullNamed(name!("Boolean")),
                        "Whether values follow this page.",
                    ),
                    (
                        "hasPreviousPage",
                        Type::NonNullNamed(name!("Boolean")),
                        "Whether values precede this page.",
                    ),
                    (
                        "startCursor",
                        Type::Named(name!("String")),
                        "The cursor of the first value of the page.",
                    ),
                    (
                        "endCursor",
                        Type::Named(name!("String")),
                        "The cursor of the last value of the page.",
                    ),
                ],
            )?);
        }
        Ok(out)
    }
}

/// The type of a property's field: `[T!]!` when many-valued (empty when
/// there is no value), `T!` when required, `T` otherwise.
fn value_type_of(property: &Property, named: &str) -> Result<Type, GraphqlError> {
    let name = graphql_name(named)?;
    Ok(if property.is_many() {
        Type::NonNullList(Box::new(Type::NonNullNamed(name)))
    } else if property.is_required() {
        Type::NonNullNamed(name)
    } else {
        Type::Named(name)
    })
}

fn named_type(named: &str, non_null: bool) -> Result<Type, GraphqlError> {
    let name = graphql_name(named)?;
    Ok(if non_null {
        Type::NonNullNamed(name)
    } else {
        Type::Named(name)
    })
}

fn path_text(path: &[&Property]) -> String {
    path.iter()
        .map(|p| local_name(&p.iri))
        .collect::<Vec<_>>()
        .join(" / ")
}

fn graphql_name(name: &str) -> Result<Name, GraphqlError> {
    Name::new(name).map_err(|_| GraphqlError::InvalidName {
        name: name.to_owned(),
    })
}

fn argument(name: Name, value: Value) -> Node<Argument> {
    Node::new(Argument {
        name,
        value: Node::new(value),
    })
}

fn iri_directive(value: &str) -> Node<Directive> {
    Node::new(Directive {
        name: name!("iri"),
        arguments: vec![argument(name!("value"), Value::String(value.to_owned()))],
    })
}

/// `extend schema @link(...)`: the Federation directives, and `@iri`
/// composed into the supergraph.
fn federation_links() -> SchemaExtension {
    let strings = |items: &[&str]| {
        Value::List(
            items
                .iter()
                .map(|s| Node::new(Value::String((*s).to_owned())))
                .collect(),
        )
    };
    let link = |url: &str, imports: &[&str]| {
        Node::new(Directive {
            name: name!("link"),
            arguments: vec![
                argument(name!("url"), Value::String(url.to_owned())),
                argument(name!("import"), strings(imports)),
            ],
        })
    };
    SchemaExtension {
        directives: DirectiveList(vec![
            link(
                FEDERATION_SPEC,
                &[
                    "@key",
                    "@shareable",
                    "@interfaceObject",
                    "@composeDirective",
                ],
            ),
            link(IRI_SPEC, &["@iri"]),
            Node::new(Directive {
                name: name!("composeDirective"),
                arguments: vec![argument(name!("name"), Value::String("@iri".to_owned()))],
            }),
        ]),
        root_operations: Vec::new(),
    }
}
