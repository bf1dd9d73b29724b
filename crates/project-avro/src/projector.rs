//! The projection itself: walks a model view, builds one Avro definition per
//! named type (entity, nested, reference and extension records, enums), whose
//! fields refer to other named types by name, and records the container
//! representation and the mappings as it goes. `render` then writes the
//! definitions out as self-contained files.

use crate::container;
use crate::datatypes::{self, ValueType};
use crate::error::AvroError;
use crate::naming::{FullName, Naming};
use crate::render;
use crate::vocab;
use apache_avro::schema::{ArraySchema, EnumSchema, Name, RecordField, RecordSchema, UnionSchema};
use apache_avro::Schema;
use oxrdf::{NamedNode, NamedNodeRef};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use uda_projection::{Case, Names, Output, Recorder};
use uda_upper::{
    local_name, Builtin, Class, ClassKind, Enumeration, ModelView, Property, PropertyKind, Target,
    Text,
};

/// Options of the Avro projection.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct AvroOptions {
    /// The unit of `xsd:dateTime`, `xsd:dateTimeStamp` and `xsd:time` values.
    pub timestamps: TimestampPrecision,
}

/// The unit of Avro's time and timestamp logical types.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TimestampPrecision {
    /// `timestamp-millis` (long) and `time-millis` (int).
    Millis,
    /// `timestamp-micros` and `time-micros` (both long): the precision of
    /// most databases' timestamps.
    #[default]
    Micros,
}

impl AvroOptions {
    /// These options with timestamps and times in `precision`.
    pub fn with_timestamps(mut self, precision: TimestampPrecision) -> Self {
        self.timestamps = precision;
        self
    }
}

/// Projects the root model of `view` to Avro: one self-contained `.avsc`
/// file per record of its own keyed classes and per class of an imported
/// model it extends, named `{namespace}.{Name}.avsc` and sorted by name,
/// with the container representation (in the vocabulary of
/// `ontologies/avro.ttl`) and the mappings.
pub fn project(view: &ModelView<'_>, options: &AvroOptions) -> Result<Output, AvroError> {
    let mut projector = Projector::new(view, *options);
    let mut tops = Vec::new();
    for class in view.root().classes.values() {
        if class.kind == ClassKind::Direct {
            tops.push(projector.class_record(class)?);
        }
    }
    for class in view.extended_classes() {
        tops.push(projector.extension_record(class)?);
    }
    projector.note_unused();
    let files = render::files(&tops, &projector.definitions)?;
    for top in &tops {
        if let Some(element) = projector.elements.get(&top.full()) {
            projector
                .recorder
                .string(element, vocab::FILE, &render::file_name(top));
        }
    }
    Ok(projector.recorder.finish(files))
}

/// One Avro type for the values of a property, before cardinality.
struct ValueOf {
    /// One schema, or several for a union (a nested class with subclasses).
    variants: Vec<Schema>,
    notes: Vec<String>,
    attributes: BTreeMap<String, Value>,
    /// Full names of the named types among the variants.
    named: Vec<String>,
}

impl ValueOf {
    fn plain(schema: Schema, notes: Vec<String>, attributes: BTreeMap<String, Value>) -> Self {
        Self {
            variants: vec![schema],
            notes,
            attributes,
            named: Vec::new(),
        }
    }
}

/// A record being built.
struct RecordParts {
    element: NamedNode,
    doc: Option<String>,
    /// The field names handed out so far.
    scope: Names,
    fields: Vec<RecordField>,
    /// The names of its key fields, in key order.
    key: Vec<Value>,
    attributes: BTreeMap<String, Value>,
}

struct Projector<'v, 'a> {
    view: &'v ModelView<'a>,
    options: AvroOptions,
    naming: Naming,
    recorder: Recorder,
    /// Every named type built so far, by full name; fields refer to other
    /// named types with `Schema::Ref`.
    definitions: BTreeMap<String, Schema>,
    /// The container element of every named type started so far.
    elements: BTreeMap<String, NamedNode>,
    /// The Avro name of every named type, by full name: apache-avro checks
    /// each new name against a regular expression, slow enough to matter
    /// when thousands of types are each named where defined and where used.
    names: HashMap<String, Name>,
    namespaces: BTreeMap<String, NamedNode>,
    /// Classes whose reference records are being built, each reached from a
    /// key member of the one before: a class met twice has a key that
    /// contains itself.
    key_path: Vec<String>,
}

impl<'v, 'a> Projector<'v, 'a> {
    fn new(view: &'v ModelView<'a>, options: AvroOptions) -> Self {
        let naming = Naming::new(view);
        let root = view.root();
        let recorder = Recorder::new(&root.iri, "avro", vocab::SCHEMA, &naming.namespace(root));
        Self {
            view,
            options,
            naming,
            recorder,
            definitions: BTreeMap::new(),
            elements: BTreeMap::new(),
            names: HashMap::new(),
            namespaces: BTreeMap::new(),
            key_path: Vec::new(),
        }
    }

    /// The Avro name of a named type.
    fn name(&mut self, full: &FullName) -> Result<Name, AvroError> {
        let full = full.full();
        if let Some(name) = self.names.get(&full) {
            return Ok(name.clone());
        }
        let name = Name::new(full.as_str()).map_err(|source| AvroError::Avro {
            name: full.clone(),
            source,
        })?;
        self.names.insert(full, name.clone());
        Ok(name)
    }

    /// A use of a named type, by full name.
    fn reference(&mut self, full: &FullName) -> Result<Schema, AvroError> {
        Ok(Schema::Ref {
            name: self.name(full)?,
        })
    }

    /// The record of a keyed or nested class, with every inherited field.
    fn class_record(&mut self, class: &Class) -> Result<FullName, AvroError> {
        let full = self.own_name(&class.iri);
        let (kind, key) = match class.kind {
            ClassKind::Direct => (vocab::ENTITY_RECORD, Some(self.view.primary_key(class))),
            ClassKind::Nested => (vocab::NESTED_RECORD, None),
        };
        let doc = doc(&class.text, &[]);
        let mut record = self.start_record(&full, kind, doc);
        self.recorder.realizes(&class.iri, &record.element);
        record
            .attributes
            .insert("uda.iri".to_owned(), Value::from(class.iri.as_str()));
        if let Some(parent) = self.view.parent(class) {
            record.attributes.insert(
                "uda.subClassOf".to_owned(),
                Value::from(parent.iri.as_str()),
            );
            let note = format!(
                "subclass of {}: Avro has no inheritance, so this record repeats the fields of its ancestors",
                self.compact(&parent.iri)
            );
            self.recorder.note(&record.element, &note);
        }
        let declared: BTreeSet<&str> = self
            .view
            .declared_properties(class)
            .iter()
            .map(|p| p.iri.as_str())
            .collect();
        for property in self.view.all_properties(class) {
            let inherited = if declared.contains(property.iri.as_str()) {
                None
            } else {
                self.declarer(class, property)
            };
            let is_key = key.iter().flatten().any(|k| k.iri == property.iri);
            self.add_field(&mut record, property, inherited, is_key)?;
        }
        self.define_record(&full, record, key.is_some())?;
        Ok(full)
    }

    /// The record of the properties the root model adds to `class`, an
    /// imported class, keyed by the class's key.
    fn extension_record(&mut self, class: &Class) -> Result<FullName, AvroError> {
        let root = self.view.root();
        let owner = self.view.owner(&class.iri).unwrap_or(root);
        let full = self.naming.extension(class, owner, root);
        let doc = format!(
            "The properties {} adds to {}, with its key.",
            root.text.label.as_deref().unwrap_or(&root.domain),
            class
                .text
                .label
                .as_deref()
                .unwrap_or(local_name(&class.iri))
        );
        let mut record = self.start_record(&full, vocab::EXTENSION_RECORD, Some(doc));
        self.recorder.realizes(&class.iri, &record.element);
        let shown = self.compact(&class.iri);
        let key = self.view.primary_key(class);
        let note = if key.is_empty() {
            format!(
                "{} extends {shown}, which has no key: the properties it adds are a record of their own that cannot be joined to {shown}",
                root.domain
            )
        } else {
            format!(
                "{} extends {shown}: Avro has no extension mechanism, so the properties it adds are a record of their own, keyed by the key of {shown}",
                root.domain
            )
        };
        self.recorder.note(&record.element, &note);
        record
            .attributes
            .insert("uda.extends".to_owned(), Value::from(class.iri.as_str()));
        for property in key {
            self.add_field(&mut record, property, None, true)?;
        }
        for property in self.view.extension_properties(class) {
            self.add_field(&mut record, property, None, false)?;
        }
        self.define_record(&full, record, true)?;
        Ok(full)
    }

    /// Adds the field of `property` to `record`.
    fn add_field(
        &mut self,
        record: &mut RecordParts,
        property: &Property,
        inherited: Option<&Class>,
        is_key: bool,
    ) -> Result<(), AvroError> {
        let position = record.fields.len();
        let (field, element) = self.field(
            &record.element,
            &mut record.scope,
            position,
            property,
            inherited,
        )?;
        if is_key {
            self.recorder
                .link(&record.element, vocab::KEY_FIELD, &element);
            record.key.push(Value::from(field.name.as_str()));
        }
        record.fields.push(field);
        Ok(())
    }

    /// One field for `property`: its value type, made optional (`["null",
    /// T]`, default null) or many-valued (array, default `[]`) as the
    /// cardinality says.
    fn field(
        &mut self,
        record: &NamedNode,
        scope: &mut Names,
        position: usize,
        property: &Property,
        inherited: Option<&Class>,
    ) -> Result<(RecordField, NamedNode), AvroError> {
        let name = scope.claim(local_name(&property.iri), Case::Camel);
        let ValueOf {
            variants,
            mut notes,
            mut attributes,
            named,
        } = self.value_of(property)?;
        attributes.insert("uda.iri".to_owned(), Value::from(property.iri.as_str()));
        let one = |variants: Vec<Schema>| match <[Schema; 1]>::try_from(variants) {
            Ok([single]) => Ok(single),
            Err(variants) => UnionSchema::new(variants).map(Schema::Union),
        };
        let avro_error = |source| AvroError::Avro {
            name: property.iri.clone(),
            source,
        };
        let (schema, default) = if property.is_many() {
            if property.min_count > 0 {
                notes.push(format!(
                    "at least {} value(s) required; an Avro array may be empty",
                    property.min_count
                ));
                attributes.insert("uda.minCount".to_owned(), Value::from(property.min_count));
            }
            if let Some(max) = property.max_count {
                notes.push(format!(
                    "at most {max} values allowed; an Avro array is unbounded"
                ));
                attributes.insert("uda.maxCount".to_owned(), Value::from(max));
            }
            if property.ordered {
                attributes.insert("uda.ordered".to_owned(), Value::Bool(true));
            }
            let items = one(variants).map_err(avro_error)?;
            let array = Schema::Array(ArraySchema {
                items: Box::new(items),
                attributes: BTreeMap::new(),
            });
            (array, Some(Value::Array(Vec::new())))
        } else if property.is_required() {
            (one(variants).map_err(avro_error)?, None)
        } else {
            let union = std::iter::once(Schema::Null).chain(variants).collect();
            (
                Schema::Union(UnionSchema::new(union).map_err(avro_error)?),
                Some(Value::Null),
            )
        };
        let doc = doc(&property.text, &notes);
        // The record says it is a subclass; repeating that in every field's
        // doc would drown the notes that matter to a reader of the schema.
        if let Some(ancestor) = inherited {
            notes.push(format!(
                "inherited from {}: Avro has no inheritance, so the field is repeated in every subclass record",
                self.compact(&ancestor.iri)
            ));
        }
        let field = RecordField::builder()
            .name(name)
            .doc(doc)
            .maybe_default(default)
            .schema(schema)
            .custom_attributes(attributes)
            .build();
        let element = self.field_element(record, &field, position, &named)?;
        self.recorder.realizes(&property.iri, &element);
        for note in &notes {
            self.recorder.note(&element, note);
        }
        Ok((field, element))
    }

    /// Records the container element of `field`, the field at `position`
    /// of `record`, whose values are of the named types `named`.
    fn field_element(
        &mut self,
        record: &NamedNode,
        field: &RecordField,
        position: usize,
        named: &[String],
    ) -> Result<NamedNode, AvroError> {
        let type_text = render::json(&field.name, &field.schema, false)?;
        let facts = container::FieldFacts {
            name: &field.name,
            position,
            type_text: &type_text,
            default: field.default.as_ref(),
            doc: field.doc.as_deref(),
            schema: &field.schema,
            aliases: &field.aliases,
            order: None,
            attributes: &field.custom_attributes,
        };
        let targets: Vec<NamedNode> = named
            .iter()
            .filter_map(|full| self.elements.get(full).cloned())
            .collect();
        Ok(container::field(
            &mut self.recorder,
            record,
            &facts,
            &targets,
        ))
    }

    /// The Avro type of one value of `property`.
    fn value_of(&mut self, property: &Property) -> Result<ValueOf, AvroError> {
        let dangling = |target: &str| AvroError::Dangling {
            property: property.iri.clone(),
            target: target.to_owned(),
        };
        match &property.kind {
            PropertyKind::Attribute { datatype } => {
                let resolved = self
                    .view
                    .datatype(property)
                    .ok_or_else(|| dangling(datatype))?;
                let mapped =
                    datatypes::map(resolved, &self.compact(datatype), self.options.timestamps)?;
                match mapped.value {
                    ValueType::Plain(schema) => {
                        Ok(ValueOf::plain(schema, mapped.notes, mapped.attributes))
                    }
                    ValueType::LangString => {
                        let full = self.lang_string()?;
                        Ok(ValueOf {
                            variants: vec![self.reference(&full)?],
                            notes: mapped.notes,
                            attributes: mapped.attributes,
                            named: vec![full.full()],
                        })
                    }
                }
            }
            PropertyKind::Relationship { class } => {
                match self.view.target(property).ok_or_else(|| dangling(class))? {
                    Target::Enumeration(enumeration) => {
                        let full = self.enumeration(enumeration)?;
                        Ok(ValueOf {
                            variants: vec![self.reference(&full)?],
                            notes: Vec::new(),
                            attributes: BTreeMap::new(),
                            named: vec![full.full()],
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

    /// A nested class's record, defined where first used; a union of the
    /// records of the class and of its subclasses when it has some.
    fn nested(&mut self, class: &Class) -> Result<ValueOf, AvroError> {
        let view = self.view;
        // A nested record breaks a chain of key references: its fields may
        // refer back to a class being referenced without making a key
        // contain itself.
        let key_path = std::mem::take(&mut self.key_path);
        let built: Result<Vec<FullName>, AvroError> = std::iter::once(class)
            .chain(view.descendants(class))
            .map(|c| self.nested_record(c))
            .collect();
        self.key_path = key_path;
        let built = built?;
        let mut notes = Vec::new();
        if built.len() > 1 {
            notes.push(format!(
                "a value of {} may be of any of its subclasses: Avro has no inheritance, so the field takes a union of their records",
                self.compact(&class.iri)
            ));
        }
        Ok(ValueOf {
            variants: built
                .iter()
                .map(|full| self.reference(full))
                .collect::<Result<_, _>>()?,
            notes,
            attributes: BTreeMap::new(),
            named: built.iter().map(FullName::full).collect(),
        })
    }

    fn nested_record(&mut self, class: &Class) -> Result<FullName, AvroError> {
        let full = self.own_name(&class.iri);
        if self.elements.contains_key(&full.full()) {
            return Ok(full);
        }
        self.class_record(class)
    }

    /// A relationship to a keyed class: the reference record of the class
    /// that declares its key (the nearest keyed ancestor, so a relationship
    /// to any class of a taxonomy takes the same reference).
    fn reference_to(&mut self, target: &Class, property: &Property) -> Result<ValueOf, AvroError> {
        let keyed = std::iter::once(target)
            .chain(self.view.ancestors(target))
            .find(|c| !c.primary_key.is_empty())
            .ok_or_else(|| AvroError::MissingKey {
                class: target.iri.clone(),
                property: property.iri.clone(),
            })?;
        let full = self.reference_record(keyed)?;
        let note = format!(
            "a reference to {} by its key ({}): Avro has no foreign keys, so the referenced {} is not checked to exist",
            self.compact(&target.iri),
            full.full(),
            local_name(&target.iri)
        );
        Ok(ValueOf {
            variants: vec![self.reference(&full)?],
            notes: vec![note],
            attributes: BTreeMap::from([(
                "uda.references".to_owned(),
                Value::from(target.iri.as_str()),
            )]),
            named: vec![full.full()],
        })
    }

    /// The reference record of `class`, which declares a key: its key fields.
    fn reference_record(&mut self, class: &Class) -> Result<FullName, AvroError> {
        if self.key_path.contains(&class.iri) {
            let mut path = self.key_path.clone();
            path.push(class.iri.clone());
            return Err(AvroError::KeyCycle {
                class: class.iri.clone(),
                path,
            });
        }
        let owner = self.view.owner(&class.iri).unwrap_or(self.view.root());
        let full = self.naming.reference(class, owner);
        if self.elements.contains_key(&full.full()) {
            return Ok(full);
        }
        let shown = self.compact(&class.iri);
        let doc = format!(
            "A reference to a {} by its primary key.",
            class
                .text
                .label
                .as_deref()
                .unwrap_or(local_name(&class.iri))
        );
        let mut record = self.start_record(&full, vocab::REFERENCE_RECORD, Some(doc));
        self.recorder.realizes(&class.iri, &record.element);
        self.recorder.note(
            &record.element,
            &format!("the key of {shown}, standing for a relationship to it: Avro has no foreign keys, so the referenced {shown} is not checked to exist"),
        );
        record
            .attributes
            .insert("uda.references".to_owned(), Value::from(class.iri.as_str()));
        self.key_path.push(class.iri.clone());
        for property in self.view.primary_key(class) {
            self.add_field(&mut record, property, None, true)?;
        }
        self.key_path.pop();
        self.define_record(&full, record, true)?;
        Ok(full)
    }

    /// The enum of an enumeration: symbols in SCREAMING_SNAKE_CASE, the
    /// values' IRIs in the custom attribute `uda.symbols`.
    fn enumeration(&mut self, enumeration: &Enumeration) -> Result<FullName, AvroError> {
        let full = self.own_name(&enumeration.iri);
        if self.elements.contains_key(&full.full()) {
            return Ok(full);
        }
        let doc = doc(&enumeration.text, &[]);
        let ns = self.namespace_element(&full.namespace);
        let element = self.recorder.element(&ns, vocab::ENUM, &full.name);
        self.describe_named(&element, &full, doc.as_deref());
        self.recorder.realizes(&enumeration.iri, &element);
        let mut scope = Names::new(&[], false);
        let mut symbols = Vec::new();
        let mut iris = serde_json::Map::new();
        for (position, value) in enumeration.values.iter().enumerate() {
            let symbol = scope.claim(local_name(&value.iri), Case::ScreamingSnake);
            let symbol_element = self.recorder.element(&element, vocab::SYMBOL, &symbol);
            self.recorder.literal(
                &symbol_element,
                vocab::POSITION,
                container::position_literal(position),
            );
            self.recorder.realizes(&value.iri, &symbol_element);
            iris.insert(symbol.clone(), Value::from(value.iri.as_str()));
            symbols.push(symbol);
        }
        let attributes = BTreeMap::from([
            ("uda.iri".to_owned(), Value::from(enumeration.iri.as_str())),
            ("uda.symbols".to_owned(), Value::Object(iris)),
        ]);
        container::attributes(&mut self.recorder, &element, &attributes);
        let schema = Schema::Enum(
            EnumSchema::builder()
                .name(self.name(&full)?)
                .doc(doc)
                .symbols(symbols)
                .attributes(attributes)
                .build(),
        );
        self.definitions.insert(full.full(), schema);
        Ok(full)
    }

    /// The record of `rdf:langString` values: the string and its BCP 47 language tag.
    fn lang_string(&mut self) -> Result<FullName, AvroError> {
        let full = self.naming.lang_string();
        if self.elements.contains_key(&full.full()) {
            return Ok(full);
        }
        let doc = "A string in a language (rdf:langString): the text and its BCP 47 language tag.";
        let mut record = self.start_record(&full, vocab::VALUE_RECORD, Some(doc.to_owned()));
        for (name, doc) in [
            ("value", "The text."),
            ("lang", "The BCP 47 language tag, e.g. en-GB."),
        ] {
            let field = RecordField::builder()
                .name(name)
                .doc(Some(doc.to_owned()))
                .schema(Schema::String)
                .build();
            self.field_element(&record.element, &field, record.fields.len(), &[])?;
            record.fields.push(field);
        }
        record
            .attributes
            .insert("uda.iri".to_owned(), Value::from(Builtin::LangString.iri()));
        self.define_record(&full, record, false)?;
        Ok(full)
    }

    /// Starts a record: its container element is recorded, and from here on
    /// the record counts as defined, so a recursive use refers to it by name.
    fn start_record(
        &mut self,
        full: &FullName,
        kind: NamedNodeRef<'_>,
        doc: Option<String>,
    ) -> RecordParts {
        let ns = self.namespace_element(&full.namespace);
        let element = self.recorder.element(&ns, vocab::RECORD, &full.name);
        self.describe_named(&element, full, doc.as_deref());
        self.recorder
            .link(&element, vocab::RECORD_KIND, &kind.into_owned());
        RecordParts {
            element,
            doc,
            scope: Names::new(&[], false),
            fields: Vec::new(),
            key: Vec::new(),
            attributes: BTreeMap::new(),
        }
    }

    /// Finishes a record; `keyed` records name their key fields in `uda.key`.
    fn define_record(
        &mut self,
        full: &FullName,
        mut record: RecordParts,
        keyed: bool,
    ) -> Result<(), AvroError> {
        if keyed {
            record
                .attributes
                .insert("uda.key".to_owned(), Value::Array(record.key));
        }
        container::attributes(&mut self.recorder, &record.element, &record.attributes);
        let schema = RecordSchema::builder()
            .name(self.name(full)?)
            .doc(record.doc)
            .fields(record.fields)
            .attributes(record.attributes)
            .build();
        self.definitions.insert(full.full(), Schema::Record(schema));
        Ok(())
    }

    fn describe_named(&mut self, element: &NamedNode, full: &FullName, doc: Option<&str>) {
        self.recorder
            .string(element, vocab::FULL_NAME, &full.full());
        if let Some(doc) = doc {
            self.recorder.string(element, vocab::DOC, doc);
        }
        self.elements.insert(full.full(), element.clone());
    }

    fn namespace_element(&mut self, namespace: &str) -> NamedNode {
        if let Some(element) = self.namespaces.get(namespace) {
            return element.clone();
        }
        let schema = self.recorder.schema().clone();
        let element = self.recorder.element(&schema, vocab::NAMESPACE, namespace);
        self.namespaces
            .insert(namespace.to_owned(), element.clone());
        element
    }

    /// The name of the record or enum of a class or enumeration of the view.
    fn own_name(&mut self, iri: &str) -> FullName {
        let owner = self.view.owner(iri).unwrap_or(self.view.root());
        self.naming.own(iri, owner)
    }

    /// The nearest ancestor of `class` that declares `property`.
    fn declarer(&self, class: &Class, property: &Property) -> Option<&'a Class> {
        self.view.ancestors(class).into_iter().find(|a| {
            self.view
                .declared_properties(a)
                .iter()
                .any(|p| p.iri == property.iri)
        })
    }

    /// Notes the root model's enumerations and nested classes that no
    /// property uses: Avro defines such types only where they are used.
    fn note_unused(&mut self) {
        let root = self.view.root();
        let unused: Vec<String> = root
            .classes
            .values()
            .filter(|c| c.kind == ClassKind::Nested)
            .map(|c| c.iri.as_str())
            .chain(root.enumerations.keys().map(String::as_str))
            .filter(|iri| {
                let full = self.own_name(iri);
                !self.elements.contains_key(&full.full())
            })
            .map(str::to_owned)
            .collect();
        let schema = self.recorder.schema().clone();
        for iri in unused {
            let note = format!(
                "{} is used by no property: Avro defines a named type only where a field uses it, so it has no schema",
                self.compact(&iri)
            );
            self.recorder.note(&schema, &note);
        }
    }

    /// `studio:Work` for a term of the view, `xsd:int` for a built-in datatype.
    fn compact(&self, iri: &str) -> String {
        if let Some(builtin) = Builtin::from_iri(iri) {
            let prefix = if builtin == Builtin::LangString {
                "rdf"
            } else {
                "xsd"
            };
            return format!("{prefix}:{}", local_name(iri));
        }
        match self.view.owner(iri) {
            Some(model) => format!("{}:{}", model.domain, local_name(iri)),
            None => format!("<{iri}>"),
        }
    }
}

/// The doc of a schema or field: the term's description (else its label),
/// followed by what Avro cannot express about it.
fn doc(text: &Text, notes: &[String]) -> Option<String> {
    let base = text.description.as_deref().or(text.label.as_deref());
    match (base, notes.is_empty()) {
        (None, true) => None,
        (Some(base), true) => Some(base.to_owned()),
        (None, false) => Some(format!("[{}]", notes.join("; "))),
        (Some(base), false) => Some(format!("{base} [{}]", notes.join("; "))),
    }
}
