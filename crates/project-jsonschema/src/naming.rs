//! Names of documents, definitions and `$id`s. A class or enumeration is
//! named within its own model, whichever model is projected, so a document
//! refers to a definition in another model's document by the name that
//! model's projection gives it.

use std::collections::HashMap;
use uda_projection::{Case, Names};
use uda_upper::{local_name, Builtin, Class, DomainModel, ModelView};

/// The definition key of `rdf:langString` values. Names handed out by
/// [`Names`] never hold a `.`, so no class or enumeration takes it.
pub const LANG_STRING: &str = "rdf.langString";

pub struct Naming<'v, 'a> {
    view: &'v ModelView<'a>,
    /// Every class's and enumeration's name within its model.
    names: HashMap<&'a str, String>,
}

impl<'v, 'a> Naming<'v, 'a> {
    pub fn new(view: &'v ModelView<'a>) -> Self {
        let mut names = HashMap::new();
        for model in view.models() {
            // One scope per model: its classes, then its enumerations, by IRI.
            let mut scope = Names::new(&[], false);
            let terms = model.classes.keys().chain(model.enumerations.keys());
            for iri in terms {
                names
                    .entry(iri.as_str())
                    .or_insert_with(|| scope.claim(local_name(iri), Case::Pascal));
            }
        }
        Self { view, names }
    }

    /// A class's or enumeration's name within its model.
    pub fn name(&self, iri: &str) -> String {
        self.names
            .get(iri)
            .cloned()
            .unwrap_or_else(|| Names::new(&[], false).claim(local_name(iri), Case::Pascal))
    }

    /// The key of a term's definition in a document of the root model: its
    /// name, prefixed by its model's domain when another model defines it
    /// (domains are unique in a view; names hold no `.`).
    pub fn def_key(&self, iri: &str) -> String {
        let name = self.name(iri);
        match self.view.owner(iri) {
            Some(owner) if !std::ptr::eq(owner, self.view.root()) => {
                format!("{}.{name}", owner.domain)
            }
            _ => name,
        }
    }

    /// The document of a keyed class, in its own model's projection.
    pub fn file(&self, class: &Class) -> String {
        format!(
            "{}.{}.schema.json",
            self.domain_of(&class.iri),
            self.name(&class.iri)
        )
    }

    /// The document of what the root model adds to an imported class.
    pub fn extension_file(&self, class: &Class) -> String {
        format!(
            "{}.{}.{}.schema.json",
            self.view.root().domain,
            self.domain_of(&class.iri),
            self.name(&class.iri)
        )
    }

    /// The `$id` of the document `file` of `model`'s projection: the IRI the
    /// projection's recorder names that document's element with.
    pub fn id(&self, model: &DomainModel, file: &str) -> String {
        format!(
            "{}/jsonschema/{file}",
            model.iri.trim_end_matches(['#', '/'])
        )
    }

    /// `studio:Work` for a term of the view, `xsd:int` for a built-in datatype.
    pub fn compact(&self, iri: &str) -> String {
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

    fn domain_of(&self, iri: &str) -> &'a str {
        self.view
            .owner(iri)
            .unwrap_or(self.view.root())
            .domain
            .as_str()
    }
}
