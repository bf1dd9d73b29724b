//! The projection itself: walks a model view and builds one JSON Schema
//! document per keyed class of the root model (and per imported class it
//! extends), each with the definitions (`$defs`) it uses, recording the
//! container representation and the mappings as it goes.
//!
//! A definition other documents may hold too (a nested class, an
//! enumeration, a key) is built once, as one element of the document set,
//! and copied into each document that uses it, with the definitions it uses
//! in turn.
//!
//! A class's structure is a definition, never the document's root: the root
//! refers to it and, for closed schemas, adds `unevaluatedProperties: false`.
//! A subclass's definition extends its parent's with `allOf` and a `$ref`,
//! which an open definition allows; closing happens where a value is used,
//! after every `allOf` branch has evaluated its properties.

use crate::datatypes;
use crate::error::JsonSchemaError;
use crate::naming::{Naming, LANG_STRING};
use crate::vocab;
use oxrdf::vocab::xsd;
use oxrdf::{Literal, NamedNode, NamedNodeRef};
use serde_json::{Map, Value};
use std::collections::{BTreeSet, HashMap};
use uda_projection::{Case, Names, Output, Recorder, SchemaFile};
use uda_upper::{
    local_name, Class, ClassKind, Enumeration, ModelView, Property, PropertyKind, Target, Text,
};

/// The meta-schema every document declares.
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// Options of the JSON Schema projection.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct JsonSchemaOptions {
    /// Refuse properties the model does not define: every object value
    /// gets `unevaluatedProperties: false`. Open by default, as JSON
    /// Schema is: a consumer still accepts what a newer model version adds.
    pub closed: bool,
}

impl JsonSchemaOptions {
    /// These options, closed or open.
    pub fn with_closed(mut self, closed: bool) -> Self {
        self.closed = closed;
        self
    }
}

/// Projects the root model of `view` to JSON Schema (draft 2020-12): one
/// document per keyed class of the root model and per imported class it
/// extends, named `{domain}.{Name}.schema.json` (extensions
/// `{domain}.{imported domain}.{Name}.schema.json`) and sorted by name, with
/// the container representation (in the vocabulary of
/// `ontologies/jsonschema.ttl`) and the mappings.
pub fn project(
    view: &ModelView<'_>,
    options: &JsonSchemaOptions,
) -> Result<Output, JsonSchemaError> {
    let mut projector = Projector::new(view, *options);
    let mut files = Vec::new();
    for class in view.root().classes.values() {
        if class.kind == ClassKind::Direct {
            files.push(projector.class_document(class)?);
        }
    }
    for class in view.extended_classes() {
        files.push(projector.extension_document(class)?);
    }
    projector.note_unused();
    files.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(projector.recorder.finish(files))
}

/// A document being built.
struct Document {
    element: NamedNode,
    id: String,
    defs: Map<String, Value>,
}

/// A definition shared by the documents that use it, built once.
struct Shared {
    /// `Null` while it is being built (a recursive use finds it so).
    value: Value,
    /// The keys of the shared definitions it refers to, which a document
    /// holding it holds too.
    requires: Vec<String>,
    element: NamedNode,
}

/// The schema of a property's values before cardinality, and the
/// definitions it refers to.
struct ValueOf {
    schema: Map<String, Value>,
    uses: Vec<String>,
    notes: Vec<String>,
}

struct Projector<'v, 'a> {
    view: &'v ModelView<'a>,
    options: JsonSchemaOptions,
    naming: Naming<'v, 'a>,
    recorder: Recorder,
    /// The JSON property names of every class's properties (its scope
    /// includes inherited ones, which a subclass's object also holds).
    property_names: HashMap<String, HashMap<String, String>>,
    /// The shared definitions, by key.
    shared: HashMap<String, Shared>,
    /// The classes and enumerations some document defines.
    defined: BTreeSet<String>,
    /// Classes whose key definitions are being built, each reached from a
    /// key member of the one before: a class met twice has a key that
    /// contains itself.
    key_path: Vec<String>,
}

impl<'v, 'a> Projector<'v, 'a> {
    fn new(view: &'v ModelView<'a>, options: JsonSchemaOptions) -> Self {
        let root = view.root();
        let recorder = Recorder::new(&root.iri, "jsonschema", vocab::SCHEMA_SET, &root.domain);
        Self {
            view,
            options,
            naming: Naming::new(view),
            recorder,
            property_names: HashMap::new(),
            shared: HashMap::new(),
            defined: BTreeSet::new(),
            key_path: Vec::new(),
        }
    }

    /// The document of a keyed class of the root model.
    fn class_document(&mut self, class: &Class) -> Result<SchemaFile, JsonSchemaError> {
        let file = self.naming.file(class);
        let doc = self.start_document(&file);
        self.recorder.realizes_partly(&class.iri, &doc.element);
        let key = self.naming.def_key(&class.iri);
        let element = self.definition(&doc.element, &key, vocab::CLASS_DEFINITION);
        let (schema, requires) = self.class_def(&element, class)?;
        self.finish_document(doc, &file, (&key, &element, schema), &requires, &class.text)
    }

    /// The document of what the root model adds to `class`, an imported
    /// class: its own definition, extended with the added properties.
    fn extension_document(&mut self, class: &Class) -> Result<SchemaFile, JsonSchemaError> {
        let file = self.naming.extension_file(class);
        let doc = self.start_document(&file);
        let key = format!("{}.extension", self.naming.def_key(&class.iri));
        let element = self.definition(&doc.element, &key, vocab::EXTENSION_DEFINITION);
        self.recorder.realizes(&class.iri, &element);
        let root = self.view.root();
        let note = format!(
            "{} extends {}: the document is its schema with the properties {} adds",
            root.domain,
            self.naming.compact(&class.iri),
            root.domain
        );
        self.recorder.note(&element, &note);
        let mut schema = Map::new();
        schema.insert("type".into(), Value::from("object"));
        let mut requires = Vec::new();
        self.extend(&element, class, &mut schema, &mut requires)?;
        let added = self.view.extension_properties(class);
        let (_, uses) = self.properties(&element, class, &added, true, &mut schema)?;
        requires.extend(uses);
        let text = Text {
            label: Some(format!(
                "{} as {} extends it",
                class
                    .text
                    .label
                    .as_deref()
                    .unwrap_or(local_name(&class.iri)),
                root.text.label.as_deref().unwrap_or(&root.domain)
            )),
            ..Text::default()
        };
        self.finish_document(doc, &file, (&key, &element, schema), &requires, &text)
    }

    fn start_document(&mut self, file: &str) -> Document {
        let set = self.recorder.schema().clone();
        let element = self.recorder.element(&set, vocab::SCHEMA, file);
        let id = self.naming.id(self.view.root(), file);
        self.recorder.literal(&element, vocab::ID, any_uri(&id));
        self.recorder
            .boolean(&element, vocab::CLOSED, self.options.closed);
        Document {
            element,
            id,
            defs: Map::new(),
        }
    }

    /// The document's text: the root refers to its own definition `key`,
    /// followed by the shared definitions it `requires`.
    fn finish_document(
        &mut self,
        mut doc: Document,
        file: &str,
        (key, element, root): (&str, &NamedNode, Map<String, Value>),
        requires: &[String],
        text: &Text,
    ) -> Result<SchemaFile, JsonSchemaError> {
        self.recorder.link(&doc.element, vocab::ROOT, element);
        doc.defs.insert(key.to_owned(), Value::Object(root));
        for shared in requires {
            self.embed(&mut doc, shared);
        }
        let mut schema = Map::new();
        schema.insert("$schema".into(), Value::from(DIALECT));
        schema.insert("$id".into(), Value::from(doc.id.as_str()));
        annotate(&mut schema, text);
        schema.extend(self.object_use(key));
        schema.insert("$defs".into(), Value::Object(doc.defs));
        let mut text = serde_json::to_string_pretty(&Value::Object(schema)).map_err(|source| {
            JsonSchemaError::Json {
                name: file.to_owned(),
                source,
            }
        })?;
        text.push('\n');
        Ok(SchemaFile {
            name: file.to_owned(),
            text,
        })
    }

    /// Copies the shared definition `key` into `doc`, with those it requires.
    fn embed(&mut self, doc: &mut Document, key: &str) {
        if doc.defs.contains_key(key) {
            return;
        }
        let Some(shared) = self.shared.get(key) else {
            return;
        };
        doc.defs.insert(key.to_owned(), shared.value.clone());
        self.recorder
            .link(&doc.element, vocab::EMBEDS, &shared.element);
        for required in shared.requires.clone() {
            self.embed(doc, &required);
        }
    }

    /// Adds the container element of the definition `key`, part of `parent`
    /// (its document, or the document set for a shared one).
    fn definition(&mut self, parent: &NamedNode, key: &str, kind: NamedNodeRef<'_>) -> NamedNode {
        let element = self.recorder.element(parent, vocab::DEFINITION, key);
        self.recorder
            .link(&element, vocab::DEFINITION_KIND, kind.into_owned().as_ref());
        element
    }

    /// Starts the shared definition `key`: its element, and a placeholder
    /// a recursive use finds. `None` when it exists already.
    fn start_shared(&mut self, key: &str, kind: NamedNodeRef<'_>) -> Option<NamedNode> {
        if self.shared.contains_key(key) {
            return None;
        }
        let set = self.recorder.schema().clone();
        let element = self.definition(&set, key, kind);
        self.shared.insert(
            key.to_owned(),
            Shared {
                value: Value::Null,
                requires: Vec::new(),
                element: element.clone(),
            },
        );
        Some(element)
    }

    /// Finishes the shared definition `key`.
    fn finish_shared(&mut self, key: &str, schema: Map<String, Value>, requires: Vec<String>) {
        if let Some(shared) = self.shared.get_mut(key) {
            shared.value = Value::Object(schema);
            shared.requires = requires;
        }
    }

    /// The shared definition of a nested class.
    fn nested_def(&mut self, class: &Class) -> Result<String, JsonSchemaError> {
        let key = self.naming.def_key(&class.iri);
        if let Some(element) = self.start_shared(&key, vocab::CLASS_DEFINITION) {
            let (schema, requires) = self.class_def(&element, class)?;
            self.finish_shared(&key, schema, requires);
        }
        Ok(key)
    }

    /// The definition of a class (keyed or nested), recorded as `element`:
    /// its declared properties, extending its parent's definition; and the
    /// shared definitions it requires.
    fn class_def(
        &mut self,
        element: &NamedNode,
        class: &Class,
    ) -> Result<(Map<String, Value>, Vec<String>), JsonSchemaError> {
        self.defined.insert(class.iri.clone());
        self.recorder.realizes(&class.iri, element);
        let mut schema = Map::new();
        annotate(&mut schema, &class.text);
        self.describe(element, &class.text);
        schema.insert("type".into(), Value::from("object"));
        let mut requires = Vec::new();
        if let Some(parent) = self.view.parent(class) {
            self.extend(element, parent, &mut schema, &mut requires)?;
        }
        let declared = self.view.declared_properties(class);
        let (items, uses) = self.properties(element, class, &declared, true, &mut schema)?;
        requires.extend(uses);
        for (property, item) in declared.iter().zip(&items) {
            if class.primary_key.contains(&property.iri) {
                self.recorder.link(element, vocab::KEY_PROPERTY, item);
            }
        }
        Ok((schema, requires))
    }

    /// Makes the definition `element` extend the definition of `class` with
    /// `allOf`: a keyed class's in its own document (an absolute
    /// reference), a nested class's shared one (in the same document).
    fn extend(
        &mut self,
        element: &NamedNode,
        class: &Class,
        schema: &mut Map<String, Value>,
        requires: &mut Vec<String>,
    ) -> Result<(), JsonSchemaError> {
        let base = match class.kind {
            ClassKind::Direct => {
                let owner = self.view.owner(&class.iri).unwrap_or(self.view.root());
                let id = self.naming.id(owner, &self.naming.file(class));
                format!("{id}#/$defs/{}", self.naming.name(&class.iri))
            }
            ClassKind::Nested => {
                let key = self.nested_def(class)?;
                let base = format!("#/$defs/{key}");
                requires.push(key);
                base
            }
        };
        self.recorder
            .literal(element, vocab::EXTENDS, any_uri(&base));
        schema.insert("allOf".into(), Value::Array(vec![reference(&base)]));
        Ok(())
    }

    /// Writes the `properties` and `required` of `schema`, a definition of
    /// (or a key of) `class`, and records their elements under `element`.
    /// `whole`: each property element realizes its domain property (a key
    /// definition's only stands for it in a reference). Returns the
    /// elements, in the order of `properties`, and the shared definitions
    /// their values use.
    fn properties(
        &mut self,
        element: &NamedNode,
        class: &Class,
        properties: &[&Property],
        whole: bool,
        schema: &mut Map<String, Value>,
    ) -> Result<(Vec<NamedNode>, Vec<String>), JsonSchemaError> {
        let mut out = Map::new();
        let mut items = Vec::new();
        let mut all_uses = Vec::new();
        let mut required = Vec::new();
        for (position, property) in properties.iter().enumerate() {
            let name = self.property_name(class, property);
            let ValueOf {
                schema: value,
                uses,
                notes,
            } = self.value_of(property)?;
            let value = cardinality(property, value);
            let item = self.recorder.element(element, vocab::PROPERTY, &name);
            self.recorder.literal(
                &item,
                vocab::POSITION,
                i32::try_from(position).unwrap_or(i32::MAX),
            );
            self.recorder.string(
                &item,
                vocab::SCHEMA_TEXT,
                &Value::Object(value.clone()).to_string(),
            );
            self.recorder
                .boolean(&item, vocab::REQUIRED, property.is_required());
            for key in &uses {
                if let Some(used) = self.shared.get(key).map(|s| s.element.clone()) {
                    self.recorder.link(&item, vocab::USES, &used);
                }
            }
            all_uses.extend(uses);
            self.describe(&item, &property.text);
            if whole {
                self.recorder.realizes(&property.iri, &item);
            } else {
                self.recorder.realizes_partly(&property.iri, &item);
            }
            for note in &notes {
                self.recorder.note(&item, note);
            }
            let mut annotated = Map::new();
            annotate(&mut annotated, &property.text);
            if !notes.is_empty() {
                annotated.insert("$comment".into(), Value::from(notes.join("; ")));
            }
            annotated.extend(value);
            if property.is_required() {
                required.push(Value::from(name.as_str()));
            }
            out.insert(name, Value::Object(annotated));
            items.push(item);
        }
        schema.insert("properties".into(), Value::Object(out));
        if !required.is_empty() {
            schema.insert("required".into(), Value::Array(required));
        }
        Ok((items, all_uses))
    }

    /// The schema of one value of `property`.
    fn value_of(&mut self, property: &Property) -> Result<ValueOf, JsonSchemaError> {
        let dangling = |target: &str| JsonSchemaError::Dangling {
            property: property.iri.clone(),
            target: target.to_owned(),
        };
        match &property.kind {
            PropertyKind::Attribute { datatype } => {
                let resolved = self
                    .view
                    .datatype(property)
                    .ok_or_else(|| dangling(datatype))?;
                let mapped = datatypes::map(resolved, &self.naming.compact(datatype));
                if mapped.lang_string {
                    let key = self.lang_string_def();
                    return Ok(ValueOf {
                        schema: self.object_use(&key),
                        uses: vec![key],
                        notes: mapped.notes,
                    });
                }
                Ok(ValueOf {
                    schema: mapped.keywords,
                    uses: Vec::new(),
                    notes: mapped.notes,
                })
            }
            PropertyKind::Relationship { class } => {
                match self.view.target(property).ok_or_else(|| dangling(class))? {
                    Target::Enumeration(enumeration) => {
                        let key = self.enum_def(enumeration);
                        let mut schema = Map::new();
                        schema.insert("$ref".into(), Value::from(format!("#/$defs/{key}")));
                        Ok(ValueOf {
                            schema,
                            uses: vec![key],
                            notes: Vec::new(),
                        })
                    }
                    Target::Class(target) if target.kind == ClassKind::Nested => {
                        self.nested(target)
                    }
                    Target::Class(target) => self.reference_to(target, property),
                }
            }
        }
    }

    /// A nested class's value: its definition, or any of its subclasses'.
    fn nested(&mut self, class: &Class) -> Result<ValueOf, JsonSchemaError> {
        let view = self.view;
        // A nested value breaks a chain of key references: its properties
        // may refer back to a class being referenced without making a key
        // contain itself.
        let key_path = std::mem::take(&mut self.key_path);
        let built: Result<Vec<String>, JsonSchemaError> = std::iter::once(class)
            .chain(view.descendants(class))
            .map(|c| self.nested_def(c))
            .collect();
        self.key_path = key_path;
        let keys = built?;
        let mut notes = Vec::new();
        let schema = if let [key] = &keys[..] {
            self.object_use(key)
        } else {
            notes.push(format!(
                "a value of {} may be of any of its subclasses: anyOf their definitions",
                self.naming.compact(&class.iri)
            ));
            let branches = keys
                .iter()
                .map(|k| Value::Object(self.object_use(k)))
                .collect();
            Map::from_iter([("anyOf".to_owned(), Value::Array(branches))])
        };
        Ok(ValueOf {
            schema,
            uses: keys,
            notes,
        })
    }

    /// A relationship to a keyed class: an object of the key of the class
    /// that declares it (the nearest keyed ancestor, so a relationship to any
    /// class of a taxonomy takes the same key).
    fn reference_to(
        &mut self,
        target: &Class,
        property: &Property,
    ) -> Result<ValueOf, JsonSchemaError> {
        let keyed = std::iter::once(target)
            .chain(self.view.ancestors(target))
            .find(|c| !c.primary_key.is_empty())
            .ok_or_else(|| JsonSchemaError::MissingKey {
                class: target.iri.clone(),
                property: property.iri.clone(),
            })?;
        let key = self.key_def(keyed)?;
        let note = format!(
            "a reference to {} by its key ({key}): JSON Schema cannot check that the referenced {} exists",
            self.naming.compact(&target.iri),
            local_name(&target.iri)
        );
        Ok(ValueOf {
            schema: self.object_use(&key),
            uses: vec![key],
            notes: vec![note],
        })
    }

    /// The key definition of `class`, which declares a key: an object of its
    /// key members, standing for the class in references.
    fn key_def(&mut self, class: &Class) -> Result<String, JsonSchemaError> {
        if self.key_path.contains(&class.iri) {
            let mut path = self.key_path.clone();
            path.push(class.iri.clone());
            return Err(JsonSchemaError::KeyCycle {
                class: class.iri.clone(),
                path,
            });
        }
        let key = format!("{}.ref", self.naming.def_key(&class.iri));
        let Some(element) = self.start_shared(&key, vocab::KEY_DEFINITION) else {
            return Ok(key);
        };
        self.recorder.realizes_partly(&class.iri, &element);
        let shown = self.naming.compact(&class.iri);
        let title = format!(
            "A reference to a {} by its primary key",
            class
                .text
                .label
                .as_deref()
                .unwrap_or(local_name(&class.iri))
        );
        self.recorder.string(&element, vocab::TITLE, &title);
        self.recorder.note(
            &element,
            &format!("the key of {shown}, standing for a relationship to it: JSON Schema has no foreign keys"),
        );
        let mut schema = Map::new();
        schema.insert("title".into(), Value::from(title));
        schema.insert("type".into(), Value::from("object"));
        self.key_path.push(class.iri.clone());
        let members = self.view.primary_key(class);
        let built = self.properties(&element, class, &members, false, &mut schema);
        self.key_path.pop();
        let (_, requires) = built?;
        self.finish_shared(&key, schema, requires);
        Ok(key)
    }

    /// The definition of an enumeration: its values' local names.
    fn enum_def(&mut self, enumeration: &Enumeration) -> String {
        let key = self.naming.def_key(&enumeration.iri);
        let Some(element) = self.start_shared(&key, vocab::ENUM_DEFINITION) else {
            return key;
        };
        self.defined.insert(enumeration.iri.clone());
        self.recorder.realizes(&enumeration.iri, &element);
        self.describe(&element, &enumeration.text);
        let mut scope = Names::new(&[], false);
        let mut values = Vec::new();
        for (position, value) in enumeration.values.iter().enumerate() {
            let name = scope.claim(local_name(&value.iri), Case::AsIs);
            let item = self.recorder.element(&element, vocab::ENUM_VALUE, &name);
            self.recorder.literal(
                &item,
                vocab::POSITION,
                i32::try_from(position).unwrap_or(i32::MAX),
            );
            self.recorder.realizes(&value.iri, &item);
            values.push(Value::from(name));
        }
        let mut schema = Map::new();
        annotate(&mut schema, &enumeration.text);
        schema.insert("enum".into(), Value::Array(values));
        self.finish_shared(&key, schema, Vec::new());
        key
    }

    /// The definition of `rdf:langString` values: the text and its BCP 47 language tag.
    fn lang_string_def(&mut self) -> String {
        let key = LANG_STRING.to_owned();
        let Some(element) = self.start_shared(&key, vocab::VALUE_DEFINITION) else {
            return key;
        };
        let title = "A string in a language (rdf:langString)";
        self.recorder.string(&element, vocab::TITLE, title);
        let mut properties = Map::new();
        for (position, (name, description)) in [
            ("value", "The text."),
            ("lang", "The BCP 47 language tag, e.g. en-GB."),
        ]
        .into_iter()
        .enumerate()
        {
            let value = Map::from_iter([("type".to_owned(), Value::from("string"))]);
            let item = self.recorder.element(&element, vocab::PROPERTY, name);
            self.recorder
                .literal(&item, vocab::POSITION, position as i32);
            self.recorder.string(
                &item,
                vocab::SCHEMA_TEXT,
                &Value::Object(value.clone()).to_string(),
            );
            self.recorder.boolean(&item, vocab::REQUIRED, true);
            let mut annotated =
                Map::from_iter([("description".to_owned(), Value::from(description))]);
            annotated.extend(value);
            properties.insert(name.to_owned(), Value::Object(annotated));
        }
        let mut schema = Map::new();
        schema.insert("title".into(), Value::from(title));
        schema.insert("type".into(), Value::from("object"));
        schema.insert("properties".into(), Value::Object(properties));
        schema.insert("required".into(), serde_json::json!(["value", "lang"]));
        self.finish_shared(&key, schema, Vec::new());
        key
    }

    /// The use of an object definition: closed schemas refuse, at the place
    /// of the value, properties no branch of the definition evaluated.
    fn object_use(&self, key: &str) -> Map<String, Value> {
        let mut schema = Map::new();
        schema.insert("$ref".into(), Value::from(format!("#/$defs/{key}")));
        if self.options.closed {
            schema.insert("unevaluatedProperties".into(), Value::Bool(false));
        }
        schema
    }

    /// The JSON name of `property` in objects of `class`: unique among all
    /// the properties a `class` object holds, inherited ones included.
    fn property_name(&mut self, class: &Class, property: &Property) -> String {
        let view = self.view;
        let names = self
            .property_names
            .entry(class.iri.clone())
            .or_insert_with(|| {
                let mut scope = Names::new(&[], false);
                // The view's properties of a class include those any
                // model of the view adds to it.
                view.all_properties(class)
                    .into_iter()
                    .map(|p| (p.iri.clone(), scope.claim(local_name(&p.iri), Case::AsIs)))
                    .collect()
            });
        names
            .get(&property.iri)
            .cloned()
            .unwrap_or_else(|| local_name(&property.iri).to_owned())
    }

    fn describe(&mut self, element: &NamedNode, text: &Text) {
        if let Some(label) = &text.label {
            self.recorder.string(element, vocab::TITLE, label);
        }
        if let Some(description) = &text.description {
            self.recorder
                .string(element, vocab::DESCRIPTION, description);
        }
    }

    /// Notes the root model's enumerations and nested classes that no
    /// property uses: a document defines only what its class uses.
    fn note_unused(&mut self) {
        let root = self.view.root();
        let unused: Vec<&str> = root
            .classes
            .values()
            .filter(|c| c.kind == ClassKind::Nested)
            .map(|c| c.iri.as_str())
            .chain(root.enumerations.keys().map(String::as_str))
            .filter(|iri| !self.defined.contains(*iri))
            .collect();
        let schema = self.recorder.schema().clone();
        for iri in unused {
            let note = format!(
                "{} is used by no property: a document defines only what its class uses, so it has no definition",
                self.naming.compact(iri)
            );
            self.recorder.note(&schema, &note);
        }
    }
}

/// An IRI as an `xsd:anyURI` literal.
fn any_uri(iri: &str) -> Literal {
    Literal::new_typed_literal(iri, xsd::ANY_URI)
}

/// `{"$ref": iri}`.
fn reference(iri: &str) -> Value {
    Value::Object(Map::from_iter([("$ref".to_owned(), Value::from(iri))]))
}

/// `title` from the label, `description` from the description.
fn annotate(schema: &mut Map<String, Value>, text: &Text) {
    if let Some(label) = &text.label {
        schema.insert("title".into(), Value::from(label.as_str()));
    }
    if let Some(description) = &text.description {
        schema.insert("description".into(), Value::from(description.as_str()));
    }
}

/// A property's schema from the schema of one value: an array for a
/// many-valued property, bounded by its counts, its items unique unless the
/// values are ordered (RDF values are a set); the value itself otherwise.
fn cardinality(property: &Property, value: Map<String, Value>) -> Map<String, Value> {
    if !property.is_many() {
        return value;
    }
    let mut array = Map::new();
    array.insert("type".into(), Value::from("array"));
    array.insert("items".into(), Value::Object(value));
    if property.min_count > 0 {
        array.insert("minItems".into(), Value::from(property.min_count));
    }
    if let Some(max) = property.max_count {
        array.insert("maxItems".into(), Value::from(max));
    }
    if !property.ordered {
        array.insert("uniqueItems".into(), Value::Bool(true));
    }
    array
}
