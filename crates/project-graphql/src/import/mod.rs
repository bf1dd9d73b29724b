//! Importing existing SDL: parsing and validating it with apollo-compiler
//! (within bounds, every error located), then reading the schema into a
//! container representation (see `read`).

mod read;

use crate::links::Links;
use apollo_compiler::ast::{self, Definition, DirectiveDefinition, DirectiveLocation};
use apollo_compiler::diagnostic::ToCliReport;
use apollo_compiler::parser::{FileId, Parser, SourceMap, SourceSpan};
use apollo_compiler::schema::{Component, ExtendedType, ObjectType, ScalarType};
use apollo_compiler::validation::DiagnosticList;
use apollo_compiler::{Name, Node, Schema};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt;
use uda_projection::{ImportWarning, Imported};

/// How deeply SDL may nest (list types, values): far beyond any real schema,
/// well within the stack.
const RECURSION_LIMIT: usize = 128;
/// How many tokens one source may have: GitHub's public schema, one of the
/// largest there are, has about 100,000.
const TOKEN_LIMIT: usize = 4_000_000;

/// One error of SDL that cannot be imported, and where it is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct LocatedError {
    /// `file:line:column`, the file being the label given with the source.
    pub location: String,
    pub message: String,
}

impl fmt::Display for LocatedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: error: {}", self.location, self.message)
    }
}

/// Why SDL could not be imported: every error found, in the order of the
/// input. Nothing is imported when there is one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ImportError {
    pub errors: Vec<LocatedError>,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<String> = self.errors.iter().map(ToString::to_string).collect();
        f.write_str(&lines.join("\n"))
    }
}

/// Imports GraphQL SDL, given as `(label, text)` sources that together make
/// one schema (the label, such as a file path, locates errors and warnings),
/// into a container representation in the vocabulary of
/// `ontologies/graphql.ttl`, its elements named under `base` and its schema
/// node named `schema_name`. Importing a projection's own SDL under
/// `{model IRI}/{target}` with the same schema name gives the container graph
/// the projection recorded.
///
/// Fails with every located error when the SDL does not parse or is not a
/// valid schema (directives used without a definition excepted: Federation
/// subgraphs use their specification's directives so). What is read but
/// cannot be represented is a warning.
pub fn import(
    sources: &[(String, String)],
    base: &str,
    schema_name: &str,
) -> Result<Imported, ImportError> {
    let mut errors = Vec::new();
    let mut documents = Vec::new();
    for (label, text) in sources {
        let mut parser = Parser::new()
            .recursion_limit(RECURSION_LIMIT)
            .token_limit(TOKEN_LIMIT);
        match parser.parse_ast(text.as_str(), label) {
            Ok(document) => documents.push(document),
            Err(with) => errors.extend(located(&with.errors, label)),
        }
    }
    if !errors.is_empty() {
        return Err(ImportError { errors });
    }
    // Errors about the schema as a whole (none is known to lack a location)
    // are located at the start of its first source.
    let first = sources
        .first()
        .map_or("(no source)", |(label, _)| label.as_str());
    let mut warnings = extension_warnings(&documents);
    let mut builder = Schema::builder().adopt_orphan_extensions();
    for document in &documents {
        builder = builder.add_ast(document);
    }
    let mut schema = builder.build().map_err(|with| ImportError {
        errors: located(&with.errors, first),
    })?;
    let links = Links::of(&schema);
    let mut synthesized = define_undefined_directives(&mut schema, &links, &mut warnings);
    if links.federation().is_some() && schema.schema_definition.query.is_none() {
        synthesized.insert(stand_in_query(&mut schema));
    }
    let schema = schema.validate().map_err(|with| ImportError {
        errors: located(&with.errors, first),
    })?;
    Ok(read::read(
        &schema,
        links,
        &synthesized,
        base,
        schema_name,
        warnings.into_sorted(),
    ))
}

/// The errors of a diagnostic list, located (those without a location at
/// the start of `fallback`).
fn located(diagnostics: &DiagnosticList, fallback: &str) -> Vec<LocatedError> {
    diagnostics
        .iter()
        .map(|d| LocatedError {
            location: location(d.sources, d.error.location(), fallback),
            message: d.error.to_string(),
        })
        .collect()
}

/// `file:line:column` of a span (1-based); `fallback:1:1` when it has none.
fn location(sources: &SourceMap, span: Option<SourceSpan>, fallback: &str) -> String {
    let file = span
        .and_then(|s| sources.get(&s.file_id()))
        .map_or_else(|| fallback.to_owned(), |f| f.path().display().to_string());
    match span.and_then(|s| s.line_column(sources)) {
        Some(at) => format!("{file}:{}:{}", at.line, at.column),
        None => format!("{file}:1:1"),
    }
}

/// Warnings, kept with where they are so they come out in the order of the input.
#[derive(Default)]
struct Warnings(Vec<(Option<(FileId, usize)>, ImportWarning)>);

impl Warnings {
    /// A warning at `span` (every warned definition has one: it was parsed).
    fn push(&mut self, sources: &SourceMap, span: Option<SourceSpan>, message: String) {
        let warning = ImportWarning {
            location: location(sources, span, "(unknown file)"),
            message,
        };
        // File ids grow in the order the sources were parsed.
        self.0
            .push((span.map(|s| (s.file_id(), s.offset())), warning));
    }

    fn into_sorted(mut self) -> Vec<ImportWarning> {
        self.0.sort_by_key(|(at, _)| *at);
        self.0.into_iter().map(|(_, w)| w).collect()
    }
}

/// Warnings for type extensions that cannot be represented as they are
/// written: extensions of built-in scalars (which are not elements) and
/// extensions of types no source defines (imported as their definitions, as
/// Federation 1 subgraphs mean them).
fn extension_warnings(documents: &[ast::Document]) -> Warnings {
    let defined: HashSet<&Name> = documents
        .iter()
        .flat_map(|d| &d.definitions)
        .filter(|d| {
            !d.is_extension_definition() && !matches!(d, Definition::DirectiveDefinition(_))
        })
        .filter_map(Definition::name)
        .collect();
    let built_in = ["String", "Int", "Float", "Boolean", "ID"];
    let mut out = Warnings::default();
    for document in documents {
        for definition in &document.definitions {
            let Some(name) = definition
                .name()
                .filter(|_| definition.is_extension_definition())
            else {
                continue;
            };
            let message = if built_in.contains(&name.as_str()) {
                format!("`{name}` is a built-in scalar, which the container representation does not describe: this extension is not imported")
            } else if !defined.contains(name) {
                format!("`{name}` is extended but defined nowhere: the extension is imported as its definition")
            } else {
                continue;
            };
            out.push(&document.sources, definition.location(), message);
        }
    }
    out
}

/// Directives the schema applies without defining them fail validation; a
/// Federation subgraph does so with every directive of its specification.
/// Each gets a definition here that takes any argument anywhere, so the rest
/// of the schema is validated; it is not imported, and applying it is a
/// warning unless a `@link` names it. Returns the names defined here,
/// including the scalar their arguments are of.
fn define_undefined_directives(
    schema: &mut Schema,
    links: &Links,
    warnings: &mut Warnings,
) -> BTreeSet<String> {
    // Each undefined directive, with the arguments it is given and where it is first applied.
    let mut undefined: BTreeMap<Name, (BTreeSet<Name>, Option<SourceSpan>)> = BTreeMap::new();
    read::each_directive(schema, |directive| {
        if !schema.directive_definitions.contains_key(&directive.name) {
            let (arguments, _) = undefined
                .entry(directive.name.clone())
                .or_insert_with(|| (BTreeSet::new(), directive.location()));
            arguments.extend(directive.arguments.iter().map(|a| a.name.clone()));
        }
    });
    let mut synthesized = BTreeSet::new();
    if undefined.is_empty() {
        return synthesized;
    }
    let any = free_name(schema, "UdaAnyValue");
    schema.types.insert(
        any.clone(),
        ExtendedType::Scalar(Node::new(ScalarType {
            description: None,
            name: any.clone(),
            directives: Default::default(),
        })),
    );
    synthesized.insert(any.to_string());
    for (name, (arguments, at)) in undefined {
        if !links.names(&name) {
            warnings.push(
                &schema.sources,
                at,
                format!("the directive @{name} is applied but neither defined nor imported by a @link: its applications are kept as data, unchecked"),
            );
        }
        let arguments = arguments
            .into_iter()
            .map(|a| {
                Node::new(ast::InputValueDefinition {
                    description: None,
                    name: a,
                    ty: Node::new(ast::Type::Named(any.clone())),
                    default_value: None,
                    directives: Default::default(),
                })
            })
            .collect();
        synthesized.insert(name.to_string());
        schema.directive_definitions.insert(
            name.clone(),
            Node::new(DirectiveDefinition {
                description: None,
                name,
                arguments,
                repeatable: true,
                locations: TYPE_SYSTEM_LOCATIONS.to_vec(),
            }),
        );
    }
    synthesized
}

/// A subgraph needs no query type (composition gives the supergraph one);
/// a schema does. A subgraph without one gets a stand-in for validation,
/// which is not imported. Returns its name.
fn stand_in_query(schema: &mut Schema) -> String {
    let name = free_name(schema, "UdaQuery");
    let field = ast::FieldDefinition {
        description: None,
        name: apollo_compiler::name!("standIn"),
        arguments: Vec::new(),
        ty: ast::Type::Named(apollo_compiler::name!("Int")),
        directives: Default::default(),
    };
    let mut fields = apollo_compiler::collections::IndexMap::default();
    fields.insert(field.name.clone(), Component::new(field));
    schema.types.insert(
        name.clone(),
        ExtendedType::Object(Node::new(ObjectType {
            description: None,
            name: name.clone(),
            implements_interfaces: Default::default(),
            directives: Default::default(),
            fields,
        })),
    );
    schema.schema_definition.make_mut().query = Some(name.clone().into());
    name.to_string()
}

const TYPE_SYSTEM_LOCATIONS: [DirectiveLocation; 11] = [
    DirectiveLocation::Schema,
    DirectiveLocation::Scalar,
    DirectiveLocation::Object,
    DirectiveLocation::FieldDefinition,
    DirectiveLocation::ArgumentDefinition,
    DirectiveLocation::Interface,
    DirectiveLocation::Union,
    DirectiveLocation::Enum,
    DirectiveLocation::EnumValue,
    DirectiveLocation::InputObject,
    DirectiveLocation::InputFieldDefinition,
];

/// `wanted`, or `wanted` with a number, whichever no type of the schema has.
fn free_name(schema: &Schema, wanted: &str) -> Name {
    let mut candidate = wanted.to_owned();
    let mut n = 1;
    while schema.types.contains_key(candidate.as_str()) {
        n += 1;
        candidate = format!("{wanted}{n}");
    }
    // The candidate is a valid name: a valid one with digits appended.
    Name::new(&candidate).unwrap_or_else(|_| apollo_compiler::name!("UdaAnyValue"))
}
