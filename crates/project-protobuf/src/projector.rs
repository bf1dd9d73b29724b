//! The projection itself, in two passes: `plan`, here, walks the model view
//! and decides every type of the model's file (its fields, their types,
//! labels and comments, what each realizes), then `record::record` numbers
//! the members (keeping the earlier version's numbers), records the
//! container representation and the mappings, and builds the syntax tree to
//! print.

use crate::datatypes::{self, ValueType};
use crate::error::ProtobufError;
use crate::naming::{self, FieldNames, Naming, Role};
use crate::numbering::Numbering;
use crate::record;
use crate::render::{self, ProtoFile};
use crate::vocab;
use oxrdf::{Graph, NamedNodeRef};
use std::collections::BTreeSet;
use uda_projection::{Output, Recorder, SchemaFile};
use uda_upper::{
    local_name, Builtin, Class, ClassKind, Enumeration, ModelView, Property, PropertyKind, Target,
    Text,
};

/// Options of the Protobuf projection.
#[derive(Debug, Clone, Copy, Default)]
#[non_exhaustive]
pub struct ProtobufOptions<'e> {
    /// The mappings recorded for the model's previous version (they may
    /// hold other targets' too): its field and enum value numbers are kept,
    /// and the numbers and names of members removed since are reserved.
    pub earlier: Option<&'e Graph>,
}

impl<'e> ProtobufOptions<'e> {
    /// These options, numbering after the version whose mappings are `earlier`.
    pub fn after(earlier: Option<&'e Graph>) -> Self {
        Self { earlier }
    }
}

/// Projects the root model of `view` to one proto3 file (`{domain}.proto`),
/// with the container representation (in the vocabulary of
/// `ontologies/protobuf.ttl`) and the mappings, which record every number.
pub fn project(
    view: &ModelView<'_>,
    options: &ProtobufOptions<'_>,
) -> Result<Output, ProtobufError> {
    let mut planner = Planner::new(view);
    let planned = planner.plan()?;
    let root = view.root();
    let package = planner.package.clone();
    let mut recorder = Recorder::new(&root.iri, "protobuf", vocab::FILE, &package);
    let numbering = Numbering::read(options.earlier, recorder.schema().as_str());
    let mut file = ProtoFile {
        comment: header(view),
        package,
        imports: planner.imports,
        types: Vec::new(),
    };
    record::record(
        &mut recorder,
        &numbering,
        &file.package,
        planned,
        &mut file.types,
    )?;
    let name = naming::file_name(root);
    let schema = recorder.schema().clone();
    recorder.string(&schema, vocab::FILE_NAME, &name);
    for import in &file.imports {
        recorder.string(&schema, vocab::IMPORT, import);
    }
    let text = render::print(&file);
    Ok(recorder.finish(vec![SchemaFile { name, text }]))
}

/// A type of the file, decided.
pub(crate) struct Planned {
    pub(crate) name: String,
    pub(crate) comment: Comment,
    /// The domain terms it realizes.
    pub(crate) realizes: Vec<String>,
    pub(crate) notes: Vec<String>,
    pub(crate) body: Body,
}

pub(crate) enum Body {
    Message {
        kind: NamedNodeRef<'static>,
        fields: Vec<PlannedField>,
        oneof: Option<String>,
    },
    Enum {
        /// `{ENUM}_UNSPECIFIED`, always 0.
        unspecified: PlannedValue,
        values: Vec<PlannedValue>,
    },
}

pub(crate) struct PlannedField {
    pub(crate) name: String,
    /// What identifies it across versions: the term it realizes, else its name.
    pub(crate) identity: String,
    pub(crate) realizes: Option<String>,
    pub(crate) label: Option<&'static str>,
    pub(crate) type_name: String,
    /// The type of this file its values are of.
    pub(crate) local_type: Option<String>,
    pub(crate) comment: Comment,
    pub(crate) notes: Vec<String>,
    pub(crate) is_key: bool,
}

pub(crate) struct PlannedValue {
    pub(crate) name: String,
    pub(crate) realizes: Option<String>,
    pub(crate) comment: Comment,
}

/// The type of one value of a property.
struct ValueOf {
    type_name: String,
    local_type: Option<String>,
    /// Message types have presence: `optional` is for scalars and enums.
    is_message: bool,
    notes: Vec<String>,
}

struct Planner<'v, 'a> {
    view: &'v ModelView<'a>,
    naming: Naming,
    package: String,
    imports: BTreeSet<String>,
    uses_lang_string: bool,
}

impl<'v, 'a> Planner<'v, 'a> {
    fn new(view: &'v ModelView<'a>) -> Self {
        let naming = Naming::new(view);
        let package = naming.package(view.root());
        Self {
            view,
            naming,
            package,
            imports: BTreeSet::new(),
            uses_lang_string: false,
        }
    }

    /// Every type of the root model's file: a message per class, a key
    /// message per class declaring a key, a choice per nested class with
    /// subclasses, an enum per enumeration (all of them, used or not, as
    /// the files of models importing this one may refer to any), an
    /// extension message per imported class the model extends, and
    /// `LangString` when used.
    fn plan(&mut self) -> Result<Vec<Planned>, ProtobufError> {
        let view = self.view;
        let root = view.root();
        let mut types = Vec::new();
        for class in root.classes.values() {
            types.push(self.class_message(class)?);
            match naming::derived_role(view, class) {
                Some(Role::Key) => types.push(self.key_message(class)?),
                Some(_) => types.push(self.choice_message(class)),
                None => {}
            }
        }
        for enumeration in root.enumerations.values() {
            types.push(self.enumeration(enumeration));
        }
        for class in view.extended_classes() {
            types.push(self.extension_message(class)?);
        }
        if self.uses_lang_string {
            types.push(self.lang_string());
        }
        types.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(types)
    }

    fn own_name(&self, role: Role, iri: &str) -> String {
        self.naming
            .name(role, iri)
            .unwrap_or_else(|| local_name(iri).to_owned())
    }

    /// The message of a keyed or nested class, with every inherited field.
    fn class_message(&mut self, class: &Class) -> Result<Planned, ProtobufError> {
        let view = self.view;
        let (kind, key) = match class.kind {
            ClassKind::Direct => (vocab::ENTITY_MESSAGE, view.primary_key(class)),
            ClassKind::Nested => (vocab::NESTED_MESSAGE, Vec::new()),
        };
        let mut notes = Vec::new();
        if let Some(parent) = view.parent(class) {
            notes.push(format!(
                "subclass of {}: Protobuf has no inheritance, so this message repeats the fields of its ancestors",
                self.compact(&parent.iri)
            ));
        }
        let mut scope = FieldNames::new();
        let mut fields = Vec::new();
        for property in view.all_properties(class) {
            let is_key = key.iter().any(|k| k.iri == property.iri);
            fields.push(self.field(&mut scope, property, is_key)?);
        }
        Ok(Planned {
            name: self.own_name(Role::Own, &class.iri),
            comment: comment(&class.text, &notes),
            realizes: vec![class.iri.clone()],
            notes,
            body: Body::Message {
                kind,
                fields,
                oneof: None,
            },
        })
    }

    /// The key message of a class that declares a key: its key fields,
    /// standing for a relationship to it.
    fn key_message(&mut self, class: &Class) -> Result<Planned, ProtobufError> {
        let shown = self.compact(&class.iri);
        let notes = vec![format!(
            "the key of {shown}, standing for a relationship to it: Protobuf has no references, so the referenced {shown} is not checked to exist"
        )];
        let mut scope = FieldNames::new();
        let mut fields = Vec::new();
        for property in self.view.primary_key(class) {
            fields.push(self.field(&mut scope, property, true)?);
        }
        let text = Text {
            description: Some(format!(
                "A reference to a {} by its primary key.",
                label(class)
            )),
            ..Text::default()
        };
        Ok(Planned {
            name: self.own_name(Role::Key, &class.iri),
            comment: comment(&text, &notes),
            realizes: vec![class.iri.clone()],
            notes,
            body: Body::Message {
                kind: vocab::KEY_MESSAGE,
                fields,
                oneof: None,
            },
        })
    }

    /// The choice of a nested class with subclasses: a oneof of their messages.
    fn choice_message(&mut self, class: &'a Class) -> Planned {
        let notes = vec![format!(
            "a value of {} may be of any of its subclasses: Protobuf has no inheritance, so their messages are the members of a oneof",
            self.compact(&class.iri)
        )];
        let mut scope = FieldNames::new();
        let fields = naming::choice(self.view, class)
            .into_iter()
            .map(|member| {
                let type_name = self.own_name(Role::Own, &member.iri);
                PlannedField {
                    name: scope.claim(local_name(&member.iri)),
                    identity: member.iri.clone(),
                    realizes: Some(member.iri.clone()),
                    label: None,
                    local_type: Some(type_name.clone()),
                    type_name,
                    comment: Comment::default(),
                    notes: Vec::new(),
                    is_key: false,
                }
            })
            .collect();
        let text = Text {
            description: Some(format!("A {} or one of its subclasses.", label(class))),
            ..Text::default()
        };
        Planned {
            name: self.own_name(Role::Choice, &class.iri),
            comment: comment(&text, &notes),
            realizes: vec![class.iri.clone()],
            notes,
            body: Body::Message {
                kind: vocab::CHOICE_MESSAGE,
                fields,
                oneof: Some("value".to_owned()),
            },
        }
    }

    /// The message of the properties the root model adds to `class`, an
    /// imported class, keyed by the class's key.
    fn extension_message(&mut self, class: &Class) -> Result<Planned, ProtobufError> {
        let root = self.view.root();
        let shown = self.compact(&class.iri);
        let key = self.view.primary_key(class);
        let note = if key.is_empty() {
            format!(
                "{} extends {shown}, which has no key: the properties it adds are a message of their own that cannot be joined to {shown}",
                root.domain
            )
        } else {
            format!(
                "{} extends {shown}: Protobuf has no extension of another file's message, so the properties it adds are a message of their own, keyed by the key of {shown}",
                root.domain
            )
        };
        let mut scope = FieldNames::new();
        let mut fields = Vec::new();
        for property in key {
            fields.push(self.field(&mut scope, property, true)?);
        }
        for property in self.view.extension_properties(class) {
            fields.push(self.field(&mut scope, property, false)?);
        }
        let text = Text {
            description: Some(format!(
                "The properties {} adds to {}, with its key.",
                root.text.label.as_deref().unwrap_or(&root.domain),
                label(class)
            )),
            ..Text::default()
        };
        let notes = vec![note];
        Ok(Planned {
            name: self.own_name(Role::Extension, &class.iri),
            comment: comment(&text, &notes),
            realizes: vec![class.iri.clone()],
            notes,
            body: Body::Message {
                kind: vocab::EXTENSION_MESSAGE,
                fields,
                oneof: None,
            },
        })
    }

    /// The enum of an enumeration: `{ENUM}_UNSPECIFIED = 0`, then its values.
    fn enumeration(&mut self, enumeration: &Enumeration) -> Planned {
        let name = self.own_name(Role::Own, &enumeration.iri);
        let package = self.package.clone();
        // protoc refuses two values of an enum equal ignoring case and `_`
        // (`MODE_AB_2` and `MODE_AB2`): each value's name is claimed again
        // until it differs so from the others.
        let mut seen = BTreeSet::new();
        let mut claim = |naming: &mut Naming, value: &str| loop {
            let claimed = naming.enum_value(&package, &name, value);
            if seen.insert(claimed.replace('_', "").to_lowercase()) {
                return claimed;
            }
        };
        let unspecified = PlannedValue {
            name: claim(&mut self.naming, "unspecified"),
            realizes: None,
            comment: Comment::plain("No value: proto3 reads an unset or unknown enum field as 0."),
        };
        let values = enumeration
            .values
            .iter()
            .map(|value| PlannedValue {
                name: claim(&mut self.naming, local_name(&value.iri)),
                realizes: Some(value.iri.clone()),
                comment: comment(&value.text, &[]),
            })
            .collect();
        Planned {
            name,
            comment: comment(&enumeration.text, &[]),
            realizes: vec![enumeration.iri.clone()],
            notes: Vec::new(),
            body: Body::Enum {
                unspecified,
                values,
            },
        }
    }

    /// The message of `rdf:langString` values: the text and its language tag.
    fn lang_string(&mut self) -> Planned {
        let fields = [
            ("value", "The text."),
            ("lang", "The BCP 47 language tag, e.g. en-GB."),
        ]
        .map(|(name, text)| PlannedField {
            name: name.to_owned(),
            identity: name.to_owned(),
            realizes: None,
            label: None,
            type_name: "string".to_owned(),
            local_type: None,
            comment: Comment::plain(text),
            notes: Vec::new(),
            is_key: false,
        });
        Planned {
            name: self.own_name(Role::LangString, Builtin::LangString.iri()),
            comment: Comment::plain(
                "A string in a language (rdf:langString): the text and its BCP 47 language tag.",
            ),
            realizes: Vec::new(),
            notes: Vec::new(),
            body: Body::Message {
                kind: vocab::VALUE_MESSAGE,
                fields: fields.into(),
                oneof: None,
            },
        }
    }

    /// The field of `property`: its value type, `repeated` when many-valued,
    /// `optional` when an optional scalar or enum.
    fn field(
        &mut self,
        scope: &mut FieldNames,
        property: &Property,
        is_key: bool,
    ) -> Result<PlannedField, ProtobufError> {
        let ValueOf {
            type_name,
            local_type,
            is_message,
            mut notes,
        } = self.value_of(property)?;
        let label = if property.is_many() {
            if property.min_count > 0 {
                notes.push(format!(
                    "at least {} value(s) required; a repeated field may be empty",
                    property.min_count
                ));
            }
            if let Some(max) = property.max_count {
                notes.push(format!(
                    "at most {max} values allowed; a repeated field is unbounded"
                ));
            }
            Some("repeated")
        } else if property.is_required() || is_message {
            // A required value has nowhere to say so; a message field has
            // presence already.
            None
        } else {
            Some("optional")
        };
        let comment = comment(&property.text, &notes);
        // Said in the mappings, not in the comment of every key field.
        if property.is_required() && !property.is_many() {
            notes.push(
                "required: proto3 has no required fields, so a missing value is not detected"
                    .to_owned(),
            );
        }
        Ok(PlannedField {
            name: scope.claim(local_name(&property.iri)),
            identity: property.iri.clone(),
            realizes: Some(property.iri.clone()),
            label,
            type_name,
            local_type,
            comment,
            notes,
            is_key,
        })
    }

    /// The Protobuf type of one value of `property`.
    fn value_of(&mut self, property: &Property) -> Result<ValueOf, ProtobufError> {
        let dangling = |target: &str| ProtobufError::Dangling {
            property: property.iri.clone(),
            target: target.to_owned(),
        };
        let plain = |type_name: &str, is_message, notes| ValueOf {
            type_name: type_name.to_owned(),
            local_type: None,
            is_message,
            notes,
        };
        match &property.kind {
            PropertyKind::Attribute { datatype } => {
                let resolved = self
                    .view
                    .datatype(property)
                    .ok_or_else(|| dangling(datatype))?;
                let mapped = datatypes::map(resolved, &self.compact(datatype));
                Ok(match mapped.value {
                    ValueType::Scalar(scalar) => plain(scalar, false, mapped.notes),
                    ValueType::WellKnown(type_name, file) => {
                        self.imports.insert(file.to_owned());
                        plain(type_name, true, mapped.notes)
                    }
                    ValueType::LangString => {
                        self.uses_lang_string = true;
                        let name = self.own_name(Role::LangString, Builtin::LangString.iri());
                        ValueOf {
                            type_name: name.clone(),
                            local_type: Some(name),
                            is_message: true,
                            notes: mapped.notes,
                        }
                    }
                })
            }
            PropertyKind::Relationship { class } => {
                match self.view.target(property).ok_or_else(|| dangling(class))? {
                    Target::Enumeration(enumeration) => {
                        Ok(self.reference(Role::Own, &enumeration.iri, false, Vec::new()))
                    }
                    Target::Class(target) if target.kind == ClassKind::Nested => {
                        let role = naming::derived_role(self.view, target).unwrap_or(Role::Own);
                        Ok(self.reference(role, &target.iri, true, Vec::new()))
                    }
                    Target::Class(target) => {
                        let keyed = std::iter::once(target)
                            .chain(self.view.ancestors(target))
                            .find(|c| !c.primary_key.is_empty())
                            .ok_or_else(|| ProtobufError::MissingKey {
                                class: target.iri.clone(),
                                property: property.iri.clone(),
                            })?;
                        let shown = self.compact(&target.iri);
                        let key_name = self.own_name(Role::Key, &keyed.iri);
                        let note = format!(
                            "a reference to {shown} by its key ({key_name}): Protobuf has no references, so the referenced {} is not checked to exist",
                            local_name(&target.iri)
                        );
                        Ok(self.reference(Role::Key, &keyed.iri, true, vec![note]))
                    }
                }
            }
        }
    }

    /// A use of the type `iri` gives rise to in `role`: by its simple name
    /// in this package, else fully qualified with a leading dot (so no
    /// nested scope can capture it) and its model's file imported.
    fn reference(
        &mut self,
        role: Role,
        iri: &str,
        is_message: bool,
        notes: Vec<String>,
    ) -> ValueOf {
        let (package, name) = self
            .naming
            .qualified(role, iri)
            .map(|(p, n)| (p.to_owned(), n.to_owned()))
            .unwrap_or_else(|| (self.package.clone(), local_name(iri).to_owned()));
        if package == self.package {
            return ValueOf {
                type_name: name.clone(),
                local_type: Some(name),
                is_message,
                notes,
            };
        }
        if let Some(owner) = self.view.owner(iri) {
            self.imports.insert(naming::file_name(owner));
        }
        ValueOf {
            type_name: format!(".{package}.{name}"),
            local_type: None,
            is_message,
            notes,
        }
    }

    /// `studio:Work` for a term of the view, `xsd:int` for a built-in datatype.
    fn compact(&self, iri: &str) -> String {
        if let Some(builtin) = Builtin::from_iri(iri) {
            return datatypes::compact_builtin(builtin);
        }
        match self.view.owner(iri) {
            Some(model) => format!("{}:{}", model.domain, local_name(iri)),
            None => format!("<{iri}>"),
        }
    }
}

/// The comment of a type or member: the term's description (else its
/// label), which the container records, and what Protobuf cannot express
/// about it, which the mappings record as notes; the file shows both.
#[derive(Debug, Default)]
pub(crate) struct Comment {
    pub(crate) text: Option<String>,
    pub(crate) notes: Vec<String>,
}

impl Comment {
    fn plain(text: &str) -> Self {
        Self {
            text: Some(text.to_owned()),
            notes: Vec::new(),
        }
    }

    /// The comment as printed: the text, then a line per note.
    pub(crate) fn printed(&self) -> Option<String> {
        let lines: Vec<String> = self
            .text
            .iter()
            .cloned()
            .chain(self.notes.iter().map(|n| format!("Note: {n}.")))
            .collect();
        (!lines.is_empty()).then(|| lines.join("\n"))
    }
}

fn comment(text: &Text, notes: &[String]) -> Comment {
    Comment {
        text: text.description.clone().or_else(|| text.label.clone()),
        notes: notes.to_vec(),
    }
}

fn label(class: &Class) -> &str {
    class
        .text
        .label
        .as_deref()
        .unwrap_or(local_name(&class.iri))
}

/// The comment at the top of the file.
fn header(view: &ModelView<'_>) -> Vec<String> {
    let root = view.root();
    let mut lines = vec![format!(
        "Generated by uda from the domain model <{}>.",
        root.iri
    )];
    if let Some(label) = &root.text.label {
        lines.push(label.clone());
    }
    if let Some(description) = &root.text.description {
        lines.extend(description.lines().map(str::to_owned));
    }
    lines
}
