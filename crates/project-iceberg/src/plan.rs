//! The tables of a model, planned as trees of fields with names, types,
//! docs and id keys, before [`crate::ids`] gives them ids: a table per keyed
//! class of the root model (its inherited fields repeated) and per class of
//! an imported model the root extends; a struct per nested class, a struct
//! of the key fields per relationship to a keyed class, a list per
//! many-valued property.

use crate::error::IcebergError;
use crate::types::{self, Value};
use std::collections::BTreeSet;
use uda_projection::{Case, Names};
use uda_upper::{
    local_name, Builtin, Class, ClassKind, ModelView, Property, PropertyKind, Target, Text,
};

/// A table to write.
pub struct Table<'a> {
    pub name: String,
    /// The id key of the table: its class's IRI.
    pub key: String,
    pub class: &'a Class,
    pub extension: bool,
    pub doc: Option<String>,
    pub notes: Vec<String>,
    pub fields: Vec<Field>,
}

/// A field: a column, a field of a struct, or a list's element.
pub struct Field {
    pub name: String,
    /// What the id is allocated on ([`crate::ids`]).
    pub key: String,
    pub required: bool,
    pub doc: Option<String>,
    pub ty: Type,
    /// Given by [`crate::ids::Allocator`].
    pub id: i32,
    /// The property the field holds the values of.
    pub property: Option<String>,
    /// Terms the field realizes in part: the enumeration, nested class or
    /// referenced class its values are of.
    pub partly: Vec<String>,
    pub notes: Vec<String>,
    /// Holds a member of the table's primary key.
    pub identifier: bool,
}

/// A field's type.
pub enum Type {
    /// As Iceberg writes it: `long`, `decimal(14, 2)`.
    Primitive(String),
    Struct(Vec<Field>),
    /// The list's element, a field named `element`.
    List(Box<Field>),
}

impl Type {
    /// The type as the container and the mappings state it.
    pub fn text(&self) -> &str {
        match self {
            Type::Primitive(p) => p,
            Type::Struct(_) => "struct",
            Type::List(_) => "list",
        }
    }
}

impl Field {
    fn part(name: &str, key: String, ty: Type, doc: &str) -> Self {
        Field {
            name: name.to_owned(),
            key,
            required: true,
            doc: Some(doc.to_owned()),
            ty,
            id: 0,
            property: None,
            partly: Vec::new(),
            notes: Vec::new(),
            identifier: false,
        }
    }
}

/// The values of a property, before cardinality.
struct Values {
    ty: Type,
    notes: Vec<String>,
    /// Said in the doc but not a limitation (the values of an enumeration).
    said: Option<String>,
    partly: Vec<String>,
}

/// Plans every table of the root model of `view`, in IRI order of their classes.
pub fn tables<'a>(view: &ModelView<'a>) -> Result<Vec<Table<'a>>, IcebergError> {
    let mut planner = Planner {
        view,
        key_path: Vec::new(),
        nesting: Vec::new(),
    };
    let mut names = Names::new(&[], true);
    let mut tables = Vec::new();
    for class in view.root().classes.values() {
        if class.kind == ClassKind::Direct {
            tables.push(planner.table(&mut names, class)?);
        }
    }
    for class in view.extended_classes() {
        tables.push(planner.extension_table(&mut names, class)?);
    }
    Ok(tables)
}

struct Planner<'v, 'a> {
    view: &'v ModelView<'a>,
    /// Classes whose key structs are being built, each reached from a key
    /// member of the one before: a class met twice has a key that contains itself.
    key_path: Vec<String>,
    /// Nested classes whose structs are being built: Iceberg types cannot recurse.
    nesting: Vec<String>,
}

impl<'a> Planner<'_, 'a> {
    fn table(&mut self, names: &mut Names, class: &'a Class) -> Result<Table<'a>, IcebergError> {
        let name = names.claim(local_name(&class.iri), Case::Snake);
        let key: BTreeSet<&str> = self
            .view
            .primary_key(class)
            .iter()
            .map(|p| p.iri.as_str())
            .collect();
        let mut notes = Vec::new();
        if let Some(parent) = self.view.parent(class) {
            notes.push(format!(
                "subclass of {}: Iceberg has no inheritance, so this table repeats the fields of its ancestors",
                self.compact(&parent.iri)
            ));
        }
        let mut scope = Names::new(&[], true);
        let mut fields = Vec::new();
        for property in self.view.all_properties(class) {
            let mut field = self.field(&mut scope, property, &class.iri)?;
            field.identifier = key.contains(property.iri.as_str());
            fields.push(field);
        }
        Ok(Table {
            name,
            key: class.iri.clone(),
            class,
            extension: false,
            doc: doc(&class.text, None, &[]),
            notes,
            fields,
        })
    }

    /// The table of the properties the root model adds to `class`, an
    /// imported class, with the class's key.
    fn extension_table(
        &mut self,
        names: &mut Names,
        class: &'a Class,
    ) -> Result<Table<'a>, IcebergError> {
        let root = self.view.root();
        let name = names.claim(
            &format!("{}_{}", local_name(&class.iri), root.domain),
            Case::Snake,
        );
        let shown = self.compact(&class.iri);
        let key = self.view.primary_key(class);
        let note = if key.is_empty() {
            format!("{} extends {shown}, which has no key: the properties it adds are a table of their own that cannot be joined to {shown}", root.domain)
        } else {
            format!("{} extends {shown}: Iceberg has no extension mechanism, so the properties it adds are a table of their own, keyed by the key of {shown}", root.domain)
        };
        let mut scope = Names::new(&[], true);
        let mut fields = Vec::new();
        for property in &key {
            let mut field = self.field(&mut scope, property, &class.iri)?;
            field.identifier = true;
            fields.push(field);
        }
        for property in self.view.extension_properties(class) {
            fields.push(self.field(&mut scope, property, &class.iri)?);
        }
        let doc = format!(
            "The properties {} adds to {}, with its key.",
            root.text.label.as_deref().unwrap_or(&root.domain),
            class
                .text
                .label
                .as_deref()
                .unwrap_or(local_name(&class.iri))
        );
        Ok(Table {
            name,
            key: class.iri.clone(),
            class,
            extension: true,
            doc: Some(doc),
            notes: vec![note],
            fields,
        })
    }

    /// The field of `property` in a struct whose id key is `parent_key`:
    /// its values, in a list when there may be several.
    fn field(
        &mut self,
        scope: &mut Names,
        property: &Property,
        parent_key: &str,
    ) -> Result<Field, IcebergError> {
        let name = scope.claim(local_name(&property.iri), Case::Snake);
        let key = format!("{parent_key} {}", property.iri);
        let many = property.is_many();
        let values_key = if many {
            format!("{key} element")
        } else {
            key.clone()
        };
        let Values {
            ty,
            mut notes,
            said,
            partly,
        } = self.values(property, &values_key)?;
        let (ty, required) = if many {
            if property.min_count > 0 {
                notes.push(format!(
                    "at least {} value(s) required; an Iceberg list may be empty",
                    property.min_count
                ));
            }
            if let Some(max) = property.max_count {
                notes.push(format!(
                    "at most {max} values allowed; an Iceberg list is unbounded"
                ));
            }
            let element = Field {
                name: "element".to_owned(),
                key: values_key,
                required: true,
                doc: None,
                ty,
                id: 0,
                property: None,
                partly: Vec::new(),
                notes: Vec::new(),
                identifier: false,
            };
            (Type::List(Box::new(element)), property.is_required())
        } else {
            (ty, property.is_required())
        };
        Ok(Field {
            name,
            key,
            required,
            doc: doc(&property.text, said.as_deref(), &notes),
            ty,
            id: 0,
            property: Some(property.iri.clone()),
            partly,
            notes,
            identifier: false,
        })
    }

    /// The type of one value of `property`, its fields keyed under `key`.
    fn values(&mut self, property: &Property, key: &str) -> Result<Values, IcebergError> {
        let dangling = |target: &str| IcebergError::Dangling {
            property: property.iri.clone(),
            target: target.to_owned(),
        };
        let plain = |ty: Type, notes: Vec<String>| Values {
            ty,
            notes,
            said: None,
            partly: Vec::new(),
        };
        match &property.kind {
            PropertyKind::Attribute { datatype } => {
                let resolved = self
                    .view
                    .datatype(property)
                    .ok_or_else(|| dangling(datatype))?;
                let mapped = types::map(resolved, &self.compact(datatype));
                let ty = match mapped.value {
                    Value::Primitive(p) => Type::Primitive(p),
                    Value::LangString => Type::Struct(vec![
                        Field::part(
                            "value",
                            format!("{key} value"),
                            Type::Primitive("string".to_owned()),
                            "The text.",
                        ),
                        Field::part(
                            "lang",
                            format!("{key} lang"),
                            Type::Primitive("string".to_owned()),
                            "The BCP 47 language tag, e.g. en-GB.",
                        ),
                    ]),
                };
                Ok(plain(ty, mapped.notes))
            }
            PropertyKind::Relationship { class } => {
                match self.view.target(property).ok_or_else(|| dangling(class))? {
                    Target::Enumeration(enumeration) => {
                        let values: Vec<&str> = enumeration
                            .values
                            .iter()
                            .map(|v| local_name(&v.iri))
                            .collect();
                        Ok(Values {
                            ty: Type::Primitive("string".to_owned()),
                            notes: vec![format!(
                                "a value of {}: Iceberg has no enumerations, so the field holds the local name of the value as a string, not checked",
                                self.compact(&enumeration.iri)
                            )],
                            said: Some(format!("One of: {}.", values.join(", "))),
                            partly: vec![enumeration.iri.clone()],
                        })
                    }
                    Target::Class(target) if target.kind == ClassKind::Nested => {
                        self.nested(target, key)
                    }
                    Target::Class(target) => self.reference(target, property, key),
                }
            }
        }
    }

    /// A nested class: a struct of its fields and, as Iceberg has no
    /// unions, the fields of its subclasses, optional.
    fn nested(&mut self, class: &Class, key: &str) -> Result<Values, IcebergError> {
        let shown = self.compact(&class.iri);
        if self.nesting.contains(&class.iri) {
            return Ok(Values {
                ty: Type::Primitive("string".to_owned()),
                notes: vec![format!(
                    "a value of {shown}, which contains itself: Iceberg types cannot recurse, so the value is written as a JSON string"
                )],
                said: None,
                partly: vec![class.iri.clone()],
            });
        }
        self.nesting.push(class.iri.clone());
        // A struct breaks a chain of key references: its fields may refer
        // back to a class being referenced without making a key contain itself.
        let key_path = std::mem::take(&mut self.key_path);
        let fields = self.nested_fields(class, key);
        self.key_path = key_path;
        self.nesting.pop();
        let (fields, subclassed) = fields?;
        let mut notes = Vec::new();
        if subclassed {
            notes.push(format!(
                "a value of {shown} may be of any of its subclasses: Iceberg has no unions, so the struct holds the fields of all of them, those of subclasses optional"
            ));
        }
        Ok(Values {
            ty: Type::Struct(fields),
            notes,
            said: None,
            partly: vec![class.iri.clone()],
        })
    }

    fn nested_fields(
        &mut self,
        class: &Class,
        key: &str,
    ) -> Result<(Vec<Field>, bool), IcebergError> {
        let view = self.view;
        let mut scope = Names::new(&[], true);
        let mut seen = BTreeSet::new();
        let mut fields = Vec::new();
        for property in view.all_properties(class) {
            seen.insert(property.iri.clone());
            fields.push(self.field(&mut scope, property, key)?);
        }
        let descendants = view.descendants(class);
        for subclass in &descendants {
            for property in view.all_properties(subclass) {
                if !seen.insert(property.iri.clone()) {
                    continue;
                }
                let mut field = self.field(&mut scope, property, key)?;
                field.required = false;
                field.notes.push(format!(
                    "only values of {} have it",
                    self.compact(&subclass.iri)
                ));
                fields.push(field);
            }
        }
        Ok((fields, !descendants.is_empty()))
    }

    /// A relationship to a keyed class: a struct of the key fields of the
    /// class that declares its key (the nearest keyed ancestor).
    fn reference(
        &mut self,
        target: &Class,
        property: &Property,
        key: &str,
    ) -> Result<Values, IcebergError> {
        let keyed = std::iter::once(target)
            .chain(self.view.ancestors(target))
            .find(|c| !c.primary_key.is_empty())
            .ok_or_else(|| IcebergError::MissingKey {
                class: target.iri.clone(),
                property: property.iri.clone(),
            })?;
        if self.key_path.contains(&keyed.iri) {
            let mut path = self.key_path.clone();
            path.push(keyed.iri.clone());
            return Err(IcebergError::KeyCycle {
                class: keyed.iri.clone(),
                path,
            });
        }
        self.key_path.push(keyed.iri.clone());
        let mut scope = Names::new(&[], true);
        let fields: Result<Vec<Field>, IcebergError> = self
            .view
            .primary_key(keyed)
            .into_iter()
            .map(|p| self.field(&mut scope, p, key))
            .collect();
        self.key_path.pop();
        let shown = self.compact(&target.iri);
        Ok(Values {
            ty: Type::Struct(fields?),
            notes: vec![format!(
                "a reference to {shown} by its key: Iceberg has no foreign keys, so the referenced {} is not checked to exist",
                local_name(&target.iri)
            )],
            said: None,
            partly: vec![target.iri.clone()],
        })
    }

    /// `studio:Work` for a term of the view, `xsd:int` for a built-in datatype.
    fn compact(&self, iri: &str) -> String {
        if let Some(builtin) = Builtin::from_iri(iri) {
            return types::compact_builtin(builtin);
        }
        match self.view.owner(iri) {
            Some(model) => format!("{}:{}", model.domain, local_name(iri)),
            None => format!("<{iri}>"),
        }
    }
}

/// The doc of a table or field: the term's description (else its label),
/// what else it says (`said`), then in brackets what Iceberg cannot express.
fn doc(text: &Text, said: Option<&str>, notes: &[String]) -> Option<String> {
    let base = text.description.as_deref().or(text.label.as_deref());
    let mut parts: Vec<String> = match (base, said) {
        // A label is not a sentence: end it before what follows.
        (Some(base), Some(_)) if !base.ends_with(['.', '!', '?']) => vec![format!("{base}.")],
        (base, _) => base.map(str::to_owned).into_iter().collect(),
    };
    parts.extend(said.map(str::to_owned));
    if !notes.is_empty() {
        parts.push(format!("[{}]", notes.join("; ")));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}
