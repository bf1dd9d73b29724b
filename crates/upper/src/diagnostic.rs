//! Diagnostics: what is wrong with a model, where, and how to show it.
//!
//! Every diagnostic has a stable code (documented in the crate README), a
//! message written for modellers, the offending IRI when there is one, and the
//! file:line:column where the offending statement is written.

use serde::Serialize;
use std::fmt::{self, Write as _};
use std::sync::Arc;

/// A place in a source file. Lines and columns start at 1; 0 means unknown
/// (formats whose parser reports no positions, such as RDF/XML and JSON-LD).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    pub file: Arc<str>,
    pub line: u32,
    pub column: u32,
}

impl Location {
    pub fn new(file: Arc<str>, line: u32, column: u32) -> Self {
        Self { file, line, column }
    }

    /// A location that names only the file.
    pub fn file_only(file: Arc<str>) -> Self {
        Self::new(file, 0, 0)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (0, _) => write!(f, "{}", self.file),
            (l, 0) => write!(f, "{}:{l}", self.file),
            (l, c) => write!(f, "{}:{l}:{c}", self.file),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

macro_rules! codes {
    ($($variant:ident = $code:literal, $summary:literal;)*) => {
        /// The stable diagnostic codes. A code never changes meaning.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($variant,)* }

        impl Code {
            /// Every code, for documentation and tests.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as printed, e.g. `U062`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// One line saying what the code is about.
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => $summary,)* }
            }
        }
    };
}

codes! {
    Syntax = "U001", "the file is not valid RDF in its format";
    Unreadable = "U002", "the file cannot be read or its format is unknown";
    TooManyBlankNodes = "U003", "a file holds more than 100,000 distinct blank nodes";
    NoDomainModel = "U010", "a file declares no upper:DomainModel";
    TwoDomainModels = "U011", "a file declares more than one upper:DomainModel";
    MissingDomain = "U012", "a domain model has no upper:domain";
    BadDomain = "U013", "an upper:domain is not a short name (a letter, then at most 63 letters, digits, `_` or `-`)";
    DuplicateModel = "U014", "two files declare the same domain model";
    ImportNotFound = "U020", "an imported model cannot be found";
    UnknownRelationshipTarget = "U030", "a relationship's upper:class is not a class of the model or its imports";
    MissingRelationshipTarget = "U031", "a relationship has no upper:class";
    AttributeAndRelationship = "U032", "a property is both an attribute and a relationship";
    UnknownProperty = "U033", "an upper:property value is not a declared attribute or relationship";
    MissingDatatype = "U040", "an attribute has no upper:datatype";
    UnsupportedDatatype = "U041", "an attribute's datatype is neither built in nor a declared upper:Datatype";
    BadDatatype = "U042", "a domain datatype is ill-formed (base type, facets)";
    BadCount = "U050", "a cardinality is not a non-negative integer";
    MinAboveMax = "U051", "upper:minCount is greater than upper:maxCount";
    KeyNotAProperty = "U060", "a primary key member is not a property of the class";
    KeyNotSingleRequired = "U061", "a primary key member is optional or many-valued";
    MissingKey = "U062", "a direct class has no primary key, own or inherited";
    UnexpectedKey = "U063", "a nested class or enumeration declares a primary key";
    KeyRedeclared = "U064", "a subclass declares a key although it inherits one";
    BadList = "U065", "an RDF list (upper:primaryKey, upper:oneOf) is malformed";
    KeyTooWide = "U066", "a key unfolds into more than 64 values or through more than 64 relationships";
    ValueTooWide = "U067", "a nested class flattens into more than 1,024 values or through more than 64 relationships";
    TaxonomyCycle = "U070", "upper:subClassOf forms a cycle";
    TaxonomyKinds = "U071", "upper:subClassOf relates kinds of class that cannot be related";
    UnknownSuperclass = "U072", "upper:subClassOf names no class of the model or its imports";
    NotAnEnumValue = "U080", "an upper:oneOf member is not an upper:EnumValue";
    EmptyEnumeration = "U081", "an enumeration has no values";
    EnumerationWithProperties = "U083", "an enumeration declares properties";
    ExtensionChange = "U090", "a model changes a term owned by a model it imports";
    ExtensionOfUnknown = "U091", "a model adds properties to a class it neither defines nor imports";
    TermRedefined = "U095", "two models define the same term";
    ConflictingKinds = "U096", "a term has more than one kind";
    UnknownUpperTerm = "U100", "a term in the upper: namespace does not exist";
    MissingValue = "U110", "a required value is missing";
    TooManyValues = "U111", "a property has more values than allowed";
    WrongValueType = "U112", "a value is not of the datatype Upper requires";
    WrongValueKind = "U113", "a value is not of the kind Upper requires";
    NotApplicable = "U114", "an Upper property does not apply to this kind of term";
    BlankTerm = "U120", "a term is a blank node; terms must be IRIs";
    UnknownNetflixTerm = "U130", "a kind or value in Netflix's Upper namespace has no uda equivalent";
    NameCollision = "W001", "two names collide once projected (they differ only in case)";
    ImportCycle = "W002", "models import each other in a cycle";
    NetflixDialect = "W003", "a model is written in Netflix's Upper dialect; it is read as uda's Upper";
    UnknownNetflixPredicate = "W004", "a predicate in Netflix's Upper namespace has no uda equivalent; its statements are ignored";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One problem found in a model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    /// The offending IRI, in full.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iri: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// Further explanation, e.g. the other place involved.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(code: Code, message: impl Into<String>) -> Self {
        let severity = if code.as_str().starts_with('W') {
            Severity::Warning
        } else {
            Severity::Error
        };
        Self {
            code,
            severity,
            message: message.into(),
            iri: None,
            location: None,
            notes: Vec::new(),
            help: None,
        }
    }

    pub fn with_iri(mut self, iri: impl Into<String>) -> Self {
        self.iri = Some(iri.into());
        self
    }

    pub fn at(mut self, location: Option<Location>) -> Self {
        self.location = location;
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders the diagnostic in the style of rustc. `source_line` gives the
    /// text of a line of a file, to quote it under the location.
    pub fn render(&self, source_line: &dyn Fn(&str, u32) -> Option<String>) -> String {
        let mut out = String::new();
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = writeln!(out, "{kind}[{}]: {}", self.code, self.message);
        if let Some(location) = &self.location {
            let _ = writeln!(out, "  --> {location}");
            if let Some(text) = source_line(&location.file, location.line) {
                let number = location.line.to_string();
                let pad = " ".repeat(number.len());
                let _ = writeln!(out, "{pad} |");
                let _ = writeln!(out, "{number} | {}", text.trim_end());
                if location.column > 0 {
                    let caret_pad: String = text
                        .chars()
                        .take(location.column as usize - 1)
                        .map(|c| if c == '\t' { '\t' } else { ' ' })
                        .collect();
                    let _ = writeln!(out, "{pad} | {caret_pad}^");
                } else {
                    let _ = writeln!(out, "{pad} |");
                }
            }
        }
        if let Some(iri) = &self.iri {
            let _ = writeln!(out, "   = iri: <{iri}>");
        }
        for note in &self.notes {
            let _ = writeln!(out, "   = note: {note}");
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "   = help: {help}");
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(&|_, _| None))
    }
}
