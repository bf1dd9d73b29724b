//! Reading one RDF file into a graph, keeping where each statement was written.
//!
//! oxttl reports positions for syntax errors but not for the triples it yields.
//! To point diagnostics at the line that defines a term, the Turtle-family
//! parsers are driven through their low-level interface one line at a time:
//! a triple yielded while line N is being fed was completed on line N. The
//! column is then found by looking for the term's written forms (prefixed
//! name, full IRI) on that line. RDF/XML and JSON-LD are read through oxrdfio
//! without positions: their diagnostics name the file only.
//!
//! Every statement is kept as it reads in uda's Upper: one written in
//! Netflix's dialect is rewritten as it is read (see [`crate::dialect`]), and
//! the document remembers the spelling to find and name its terms.

use crate::diagnostic::{Code, Diagnostic, Location};
use crate::dialect;
use oxrdf::{
    BlankNode, Graph, NamedNode, NamedOrBlankNode, NamedOrBlankNodeRef, Quad, Term, TermRef,
    Triple, TripleRef,
};
use oxrdfio::{JsonLdProfileSet, RdfFormat, RdfParser};
use oxttl::{NQuadsParser, NTriplesParser, TriGParser, TurtleParser, TurtleSyntaxError};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

/// The most distinct blank nodes one file may hold. Real models use a few
/// (one per RDF list cell: a key, an enumeration's values); the registry
/// canonicalizes every model it stores, whose cost grows with blank nodes, so
/// a file beyond this is refused while it is read.
pub const MAX_BLANK_NODES: usize = 100_000;

/// A parsed RDF file: its graph, its prefixes and the lines its statements are on.
#[derive(Debug, Clone)]
pub struct Document {
    path: Arc<str>,
    text: Arc<str>,
    /// Byte offset where each line starts, so quoting a line is not a scan of the file.
    line_starts: Vec<usize>,
    graph: Graph,
    prefixes: Vec<(String, String)>,
    base: String,
    triple_lines: HashMap<Triple, u32>,
    subject_lines: HashMap<NamedOrBlankNode, u32>,
    /// The blank nodes seen while parsing, to enforce [`MAX_BLANK_NODES`];
    /// emptied once the file is read.
    blank_nodes: HashSet<BlankNode>,
    /// The first term of Netflix's Upper the file names, and its line.
    netflix: Option<(NamedNode, u32)>,
    /// Whether the file names a term of uda's namespace as written.
    uda: bool,
}

/// A file written in Netflix's Upper dialect: where it first says so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DialectUse {
    /// The first term of Netflix's Upper in the file, as written.
    pub term: String,
    pub location: Location,
    /// The file also names terms in uda's own namespace.
    pub mixed: bool,
}

/// The RDF formats a model file may be written in, from its extension.
pub fn format_from_path(path: &Path) -> Option<RdfFormat> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "jsonld" | "json" => Some(RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        }),
        other => RdfFormat::from_extension(other).filter(|f| !matches!(f, RdfFormat::N3)),
    }
}

/// The format named by a user (`turtle`, `ttl`, `trig`, `nt`, `nq`, `rdfxml`, `jsonld`...).
pub fn format_from_name(name: &str) -> Option<RdfFormat> {
    match name.to_ascii_lowercase().as_str() {
        "turtle" | "ttl" | "text/turtle" => Some(RdfFormat::Turtle),
        "trig" => Some(RdfFormat::TriG),
        "ntriples" | "n-triples" | "nt" => Some(RdfFormat::NTriples),
        "nquads" | "n-quads" | "nq" => Some(RdfFormat::NQuads),
        "rdfxml" | "rdf/xml" | "rdf" | "xml" => Some(RdfFormat::RdfXml),
        "jsonld" | "json-ld" => Some(RdfFormat::JsonLd {
            profile: JsonLdProfileSet::empty(),
        }),
        _ => None,
    }
}

/// The low-level, push-based interface the Turtle-family parsers share.
trait PushParser {
    fn feed(&mut self, bytes: &[u8]);
    fn finish(&mut self);
    fn next_triple(&mut self) -> Option<Result<Triple, TurtleSyntaxError>>;
    fn prefix_list(&self) -> Vec<(String, String)>;
}

macro_rules! push_parser {
    ($parser:ty, $item:ident => $to_triple:expr, $has_prefixes:tt) => {
        impl PushParser for $parser {
            fn feed(&mut self, bytes: &[u8]) {
                self.extend_from_slice(bytes)
            }
            fn finish(&mut self) {
                self.end()
            }
            fn next_triple(&mut self) -> Option<Result<Triple, TurtleSyntaxError>> {
                self.parse_next().map(|r| r.map(|$item| $to_triple))
            }
            fn prefix_list(&self) -> Vec<(String, String)> {
                push_parser!(@prefixes self, $has_prefixes)
            }
        }
    };
    (@prefixes $self:ident, true) => {
        $self.prefixes().map(|(p, n)| (p.to_owned(), n.to_owned())).collect()
    };
    (@prefixes $self:ident, false) => {
        Vec::new()
    };
}

push_parser!(oxttl::turtle::LowLevelTurtleParser, t => t, true);
push_parser!(oxttl::trig::LowLevelTriGParser, q => quad_to_triple(q), true);
push_parser!(oxttl::ntriples::LowLevelNTriplesParser, t => t, false);
push_parser!(oxttl::nquads::LowLevelNQuadsParser, q => quad_to_triple(q), false);

/// A model is one graph: quads from TriG and N-Quads files are merged,
/// whatever graph they are in.
fn quad_to_triple(q: Quad) -> Triple {
    Triple::new(q.subject, q.predicate, q.object)
}

impl Document {
    /// Reads and parses a file, choosing the format from its extension unless one is given.
    pub fn read(path: &Path, format: Option<RdfFormat>) -> Result<Self, Vec<Diagnostic>> {
        let name: Arc<str> = path.display().to_string().into();
        let format = match format.or_else(|| format_from_path(path)) {
            Some(f) => f,
            None => {
                return Err(vec![Diagnostic::error(
                    Code::Unreadable,
                    "cannot tell the RDF format from the file extension",
                )
                .at(Some(Location::file_only(name)))
                .help(
                    "use .ttl, .trig, .nt, .nq, .rdf or .jsonld, or give the format explicitly",
                )])
            }
        };
        let bytes = std::fs::read(path).map_err(|e| {
            vec![
                Diagnostic::error(Code::Unreadable, format!("cannot read the file: {e}"))
                    .at(Some(Location::file_only(name.clone()))),
            ]
        })?;
        let base = crate::iri::file_iri(path).map_err(|e| {
            vec![Diagnostic::error(Code::Unreadable, e.to_string())
                .at(Some(Location::file_only(name.clone())))]
        })?;
        Self::parse(name, &bytes, format, &base)
    }

    /// Parses `bytes` in `format`. `name` is how locations name the source.
    pub fn parse(
        name: Arc<str>,
        bytes: &[u8],
        format: RdfFormat,
        base: &str,
    ) -> Result<Self, Vec<Diagnostic>> {
        let text: Arc<str> = String::from_utf8_lossy(bytes).into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let doc = Document {
            path: name,
            text,
            line_starts,
            graph: Graph::new(),
            prefixes: Vec::new(),
            base: base.to_owned(),
            triple_lines: HashMap::new(),
            subject_lines: HashMap::new(),
            blank_nodes: HashSet::new(),
            netflix: None,
            uda: false,
        };
        let bad_base = |e| {
            vec![Diagnostic::error(
                Code::Unreadable,
                format!("invalid base IRI <{base}>: {e}"),
            )]
        };
        match format {
            RdfFormat::Turtle => doc.push_lines(
                bytes,
                TurtleParser::new()
                    .with_base_iri(base)
                    .map_err(bad_base)?
                    .low_level(),
            ),
            RdfFormat::TriG => doc.push_lines(
                bytes,
                TriGParser::new()
                    .with_base_iri(base)
                    .map_err(bad_base)?
                    .low_level(),
            ),
            RdfFormat::NTriples => doc.push_lines(bytes, NTriplesParser::new().low_level()),
            RdfFormat::NQuads => doc.push_lines(bytes, NQuadsParser::new().low_level()),
            other => doc.parse_whole(bytes, other),
        }
    }

    fn push_lines(
        mut self,
        bytes: &[u8],
        mut parser: impl PushParser,
    ) -> Result<Self, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let mut line_number = 0u32;
        let mut drain = |parser: &mut dyn PushParser, doc: &mut Document, line: u32| {
            while let Some(result) = parser.next_triple() {
                match result {
                    Ok(triple) => {
                        if let Err(too_many) = doc.add(triple, line) {
                            errors.push(*too_many);
                            return false;
                        }
                    }
                    Err(e) => errors.push(syntax_error(&doc.path, &e)),
                }
            }
            true
        };
        for chunk in bytes.split_inclusive(|b| *b == b'\n') {
            line_number += 1;
            parser.feed(chunk);
            if !drain(&mut parser, &mut self, line_number) {
                return Err(errors);
            }
        }
        parser.finish();
        drain(&mut parser, &mut self, line_number.max(1));
        self.prefixes = parser.prefix_list();
        self.finish(errors)
    }

    fn parse_whole(mut self, bytes: &[u8], format: RdfFormat) -> Result<Self, Vec<Diagnostic>> {
        let parser = RdfParser::from_format(format)
            .with_base_iri(&self.base)
            .map_err(|e| vec![Diagnostic::error(Code::Unreadable, e.to_string())])?;
        let mut errors = Vec::new();
        for quad in parser.for_slice(bytes) {
            let added = match quad {
                Ok(q) => self.add(quad_to_triple(q), 0),
                Err(e) => Err(Box::new(
                    Diagnostic::error(Code::Syntax, format!("invalid RDF: {e}"))
                        .at(Some(Location::file_only(self.path.clone()))),
                )),
            };
            if let Err(error) = added {
                errors.push(*error);
                break;
            }
        }
        self.finish(errors)
    }

    fn finish(mut self, errors: Vec<Diagnostic>) -> Result<Self, Vec<Diagnostic>> {
        self.blank_nodes = HashSet::new();
        if errors.is_empty() {
            Ok(self)
        } else {
            Err(errors)
        }
    }

    /// Adds a statement read on `line`, in uda's Upper whatever dialect it is
    /// written in; fails when it brings the file over [`MAX_BLANK_NODES`].
    fn add(&mut self, triple: Triple, line: u32) -> Result<(), Box<Diagnostic>> {
        let (triple, written) = dialect::read(triple);
        self.uda |= written.uda;
        if self.netflix.is_none() {
            self.netflix = written.netflix.map(|term| (term, line));
        }
        let subject = match &triple.subject {
            NamedOrBlankNode::BlankNode(b) => Some(b),
            _ => None,
        };
        let object = match &triple.object {
            Term::BlankNode(b) => Some(b),
            _ => None,
        };
        for blank in subject.into_iter().chain(object) {
            if !self.blank_nodes.contains(blank) {
                if self.blank_nodes.len() >= MAX_BLANK_NODES {
                    return Err(Box::new(Diagnostic::error(
                        Code::TooManyBlankNodes,
                        format!("this file holds more than {MAX_BLANK_NODES} blank nodes; reading stopped here"),
                    )
                    .at(Some(Location::new(self.path.clone(), line, 0)))
                    .help("a model needs a blank node per RDF list cell; give terms IRIs, and split very large models")));
                }
                self.blank_nodes.insert(blank.clone());
            }
        }
        // The first line a subject is written on; most triples repeat a known subject.
        if !self.subject_lines.contains_key(&triple.subject) {
            self.subject_lines.insert(triple.subject.clone(), line);
        }
        self.graph.insert(&triple);
        self.triple_lines.entry(triple).or_insert(line);
        Ok(())
    }

    /// Where the file first uses Netflix's Upper dialect, if it does.
    pub fn dialect(&self) -> Option<DialectUse> {
        let (term, line) = self.netflix.as_ref()?;
        let column = self.find_on_line(*line, term.into()).unwrap_or(0);
        Some(DialectUse {
            term: term.as_str().to_owned(),
            location: Location::new(self.path.clone(), *line, column),
            mixed: self.uda,
        })
    }

    /// How locations name this file.
    pub fn path(&self) -> &Arc<str> {
        &self.path
    }

    pub fn graph(&self) -> &Graph {
        &self.graph
    }

    /// The text of line `line` (1-based).
    pub fn line_text(&self, line: u32) -> Option<&str> {
        let start = *self.line_starts.get((line as usize).checked_sub(1)?)?;
        let rest = self.text.get(start..)?;
        Some(
            rest.split('\n')
                .next()
                .unwrap_or(rest)
                .trim_end_matches('\r'),
        )
    }

    /// Where the statement `triple` is written: its line, and the column of its object.
    pub fn triple_location(&self, triple: TripleRef<'_>) -> Location {
        let line = self
            .triple_lines
            .get(&triple.into_owned())
            .copied()
            .unwrap_or(0);
        let column = self.find_on_line(line, triple.object).unwrap_or(0);
        Location::new(self.path.clone(), line, column)
    }

    /// Where `term` is written in the statement `triple`: the statement's
    /// line, or one of the lines before it when the statement spans several.
    pub fn term_location(&self, triple: TripleRef<'_>, term: TermRef<'_>) -> Location {
        let line = self
            .triple_lines
            .get(&triple.into_owned())
            .copied()
            .unwrap_or(0);
        self.search_back(line, term)
    }

    fn search_back(&self, line: u32, term: TermRef<'_>) -> Location {
        for candidate in (line.saturating_sub(30).max(1)..=line).rev() {
            if let Some(column) = self.find_on_line(candidate, term) {
                return Location::new(self.path.clone(), candidate, column);
            }
        }
        Location::new(self.path.clone(), line, 0)
    }

    /// Where `subject` is first described: the line of its first statement, and
    /// the column where the subject is written (looking back a few lines for
    /// statements that span several).
    pub fn subject_location(&self, subject: NamedOrBlankNodeRef<'_>) -> Location {
        let Some(&line) = self.subject_lines.get(&subject.into_owned()) else {
            return Location::file_only(self.path.clone());
        };
        self.search_back(line, subject.into())
    }

    fn find_on_line(&self, line: u32, term: TermRef<'_>) -> Option<u32> {
        let text = self.line_text(line)?;
        self.written_forms(term)
            .iter()
            .find_map(|form| text.find(form.as_str()))
            .map(|byte| text[..byte].chars().count() as u32 + 1)
    }

    /// The ways `term` may be written in this file, longest first. A term of
    /// Upper may be written in any of its spellings (see [`dialect`]).
    fn written_forms(&self, term: TermRef<'_>) -> Vec<String> {
        let mut forms = Vec::new();
        match term {
            TermRef::NamedNode(n) => {
                let spellings = dialect::spellings(n.as_str());
                for iri in std::iter::once(n.as_str()).chain(spellings.iter().map(String::as_str)) {
                    forms.push(format!("<{iri}>"));
                    if let Some(relative) = iri.strip_prefix(self.base.as_str()) {
                        forms.push(format!("<{relative}>"));
                    }
                    for (prefix, namespace) in &self.prefixes {
                        if let Some(local) = iri.strip_prefix(namespace.as_str()) {
                            forms.push(format!("{prefix}:{local}"));
                        }
                    }
                }
            }
            TermRef::Literal(l) => {
                forms.push(format!("\"{}", l.value()));
                forms.push(format!("'{}", l.value()));
                if l.language().is_none() && l.datatype() != oxrdf::vocab::xsd::STRING {
                    // Numbers and booleans may be written bare.
                    forms.push(l.value().to_owned());
                }
            }
            TermRef::BlankNode(_) => {}
            #[allow(unreachable_patterns)]
            _ => {}
        }
        forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
        forms
    }

    /// A short form of `iri` for messages: a prefixed name when the file
    /// declares a matching prefix, the full IRI in angle brackets otherwise.
    /// A file written in Netflix's dialect has Upper's terms named as it
    /// spells them (`upper:keyedOn` for upper:primaryKey).
    pub fn compact(&self, iri: &str) -> String {
        let compact = compact_with(&self.prefixes, iri);
        if self.netflix.is_none() || !compact.starts_with('<') {
            return compact;
        }
        dialect::spellings(iri)
            .iter()
            .map(|spelling| compact_with(&self.prefixes, spelling))
            .find(|c| !c.starts_with('<'))
            .unwrap_or(compact)
    }

    pub fn prefixes(&self) -> &[(String, String)] {
        &self.prefixes
    }
}

/// Compacts `iri` with the longest matching namespace of `prefixes`.
pub(crate) fn compact_with(prefixes: &[(String, String)], iri: &str) -> String {
    prefixes
        .iter()
        .filter(|(_, ns)| !ns.is_empty() && iri.starts_with(ns.as_str()))
        .max_by_key(|(_, ns)| ns.len())
        .map(|(p, ns)| format!("{p}:{}", &iri[ns.len()..]))
        .unwrap_or_else(|| format!("<{iri}>"))
}

fn syntax_error(path: &Arc<str>, error: &TurtleSyntaxError) -> Diagnostic {
    let start = error.location().start;
    Diagnostic::error(
        Code::Syntax,
        format!("RDF syntax error: {}", error.message()),
    )
    .at(Some(Location::new(
        path.clone(),
        u32::try_from(start.line + 1).unwrap_or(u32::MAX),
        u32::try_from(start.column + 1).unwrap_or(u32::MAX),
    )))
}
