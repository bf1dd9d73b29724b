//! Reading DDL files into a [`Catalog`]: sqlparser tokenizes and parses
//! each statement; what a statement creates is read from its AST
//! (`statements.rs`).
//!
//! The statements are parsed one at a time, so that an error in one is
//! reported with its place and parsing resumes after its `;`: every error of
//! every file is listed. The only text read outside the AST is the `--`
//! comments directly above a `CREATE TABLE` or `CREATE TYPE`, in the form
//! the projection writes them where the dialect has no `COMMENT ON` that
//! sqlparser parses (`table: text`, `table.column: text`); sqlparser's AST
//! has no comments.

use crate::catalog::{warning, Catalog, ImportError};
use crate::statements;
use crate::Dialect;
use sqlparser::ast::Statement;
use sqlparser::dialect::{DuckDbDialect, PostgreSqlDialect, SQLiteDialect};
use sqlparser::parser::{Parser, ParserError};
use sqlparser::tokenizer::{Location, Token, TokenWithSpan, Tokenizer, Whitespace};
use std::borrow::Cow;
use std::collections::BTreeMap;
use uda_projection::ImportWarning;

/// How deep an expression may nest: sqlparser refuses deeper input with an
/// error instead of exhausting the stack (its own default is 50).
const RECURSION_LIMIT: usize = 50;
/// Errors listed at most: a file that is not SQL at all stops being read then.
const MAX_ERRORS: usize = 100;
/// Tokens at most in one run of an expression (between commas, at one
/// depth of parentheses). sqlparser's recursion limit does not bound an
/// operator chain such as `a AND b AND c ...`: it builds a tree as deep as
/// the chain, which printing and dropping recurse through, one stack frame
/// per operator. A chain this long prints and drops on a 2 MiB stack.
const MAX_RUN: usize = 4_000;

/// One parsed statement, where it starts, and the `--` lines above it.
pub(crate) struct Parsed {
    pub item: Item,
    pub at: String,
    pub comments: Vec<String>,
}

/// What a file holds at a place.
pub(crate) enum Item {
    Statement(Box<Statement>),
    /// A psql meta-command (`\restrict`, `\connect`: pg_dump writes them),
    /// which is not SQL; its name.
    PsqlCommand(String),
}

/// Reads the DDL files, in order, into one catalog.
pub(crate) fn read(sources: &[(String, String)], dialect: Dialect) -> Result<Catalog, ImportError> {
    let mut errors = Vec::new();
    let mut parsed = Vec::new();
    for (label, text) in sources {
        parse_file(label, text, dialect, &mut parsed, &mut errors);
        if errors.len() >= MAX_ERRORS {
            break;
        }
    }
    let (catalog, mut errors) = statements::read(parsed, dialect, errors);
    if errors.is_empty() {
        Ok(catalog)
    } else {
        errors.truncate(MAX_ERRORS);
        Err(ImportError::new(errors))
    }
}

pub(crate) fn sql_dialect(dialect: Dialect) -> Box<dyn sqlparser::dialect::Dialect> {
    match dialect {
        Dialect::Postgres => Box::new(PostgreSqlDialect {}),
        Dialect::Sqlite => Box::new(SQLiteDialect {}),
        Dialect::DuckDb => Box::new(DuckDbDialect {}),
    }
}

fn place(label: &str, at: Location) -> String {
    format!("{label}:{}:{}", at.line, at.column)
}

fn parse_file(
    label: &str,
    text: &str,
    dialect: Dialect,
    out: &mut Vec<Parsed>,
    errors: &mut Vec<ImportWarning>,
) {
    let sql = sql_dialect(dialect);
    let (text, commands) = match dialect {
        Dialect::Postgres => psql_commands(text),
        Dialect::Sqlite | Dialect::DuckDb => (Cow::Borrowed(text), Vec::new()),
    };
    let mut commands = commands.into_iter().peekable();
    let tokens = match Tokenizer::new(sql.as_ref(), &text).tokenize_with_location() {
        Ok(tokens) => tokens,
        Err(e) => {
            errors.push(warning(place(label, e.location), e.message));
            return;
        }
    };
    if let Some(at) = overlong_run(&tokens) {
        errors.push(warning(
            place(label, at),
            format!("an expression longer than {MAX_RUN} tokens without a comma or parenthesis"),
        ));
        return;
    }
    let comments: Vec<(Location, String)> = tokens
        .iter()
        .filter_map(|t| match &t.token {
            Token::Whitespace(Whitespace::SingleLineComment { comment, .. }) => {
                let line = comment.trim_end_matches(['\n', '\r']);
                Some((
                    t.span.start,
                    line.strip_prefix(' ').unwrap_or(line).to_owned(),
                ))
            }
            _ => None,
        })
        .collect();
    let mut parser = Parser::new(sql.as_ref())
        .with_recursion_limit(RECURSION_LIMIT)
        .with_tokens_with_locations(tokens);
    let mut after = Location::new(0, 0);
    // Comments and statements are both in file order: one cursor through the comments.
    let mut next_comment = 0;
    loop {
        while parser.consume_token(&Token::SemiColon) {}
        let start = parser.peek_token_ref().span.start;
        if parser.peek_token_ref().token == Token::EOF || errors.len() >= MAX_ERRORS {
            out.extend(commands.map(|(line, name)| psql_command(label, line, name)));
            return;
        }
        let mut above = Vec::new();
        while let Some((at, text)) = comments.get(next_comment).filter(|(at, _)| *at < start) {
            if *at >= after {
                above.push(text.clone());
            }
            next_comment += 1;
        }
        match parser.parse_statement() {
            Ok(statement) => {
                let next = parser.peek_token_ref();
                if !matches!(next.token, Token::SemiColon | Token::EOF) {
                    errors.push(warning(
                        place(label, next.span.start),
                        format!("expected ; after the statement, found {}", next.token),
                    ));
                    skip_statement(&mut parser);
                }
                while let Some((line, name)) = commands.next_if(|(line, _)| *line < start.line) {
                    out.push(psql_command(label, line, name));
                }
                out.push(Parsed {
                    item: Item::Statement(Box::new(statement)),
                    at: place(label, start),
                    comments: above,
                });
            }
            Err(e) => {
                let at = parser.get_current_token().span.start;
                errors.push(warning(place(label, at.max(start)), parser_message(&e)));
                skip_statement(&mut parser);
            }
        }
        after = parser.get_current_token().span.end;
    }
}

/// psql's meta-commands: a line whose first character (after blanks) is a
/// backslash is one, up to its end, as psql reads a script. pg_dump writes
/// some (`\restrict`); sqlparser knows none. The text with each such line
/// blanked (so that every other place keeps its line and column), and the
/// line and name of each.
fn psql_commands(text: &str) -> (Cow<'_, str>, Vec<(u64, String)>) {
    let mut found = Vec::new();
    let mut out = String::new();
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let rest = line.trim_start();
        if rest.starts_with('\\') {
            let name: String = rest.chars().take_while(|c| !c.is_whitespace()).collect();
            found.push((i as u64 + 1, name));
            out.extend(line.chars().map(|c| if c == '\n' { c } else { ' ' }));
        } else {
            out.push_str(line);
        }
    }
    if found.is_empty() {
        (Cow::Borrowed(text), found)
    } else {
        (Cow::Owned(out), found)
    }
}

fn psql_command(label: &str, line: u64, name: String) -> Parsed {
    Parsed {
        item: Item::PsqlCommand(name),
        at: place(label, Location::new(line, 1)),
        comments: Vec::new(),
    }
}

/// Where a run of tokens (see [`MAX_RUN`]) first grows too long, if one does.
fn overlong_run(tokens: &[TokenWithSpan]) -> Option<Location> {
    // The length of the current run at each open depth of parentheses.
    let mut runs: Vec<usize> = vec![0];
    for t in tokens {
        match &t.token {
            Token::Whitespace(_) => {}
            Token::LParen | Token::LBracket => runs.push(0),
            Token::RParen | Token::RBracket => {
                if runs.len() > 1 {
                    runs.pop();
                }
            }
            Token::Comma | Token::SemiColon => {
                if let Some(run) = runs.last_mut() {
                    *run = 0;
                }
            }
            _ => {
                let run = runs.last_mut()?;
                *run += 1;
                if *run > MAX_RUN {
                    return Some(t.span.start);
                }
            }
        }
    }
    None
}

/// sqlparser's message, without the position it appends (given in front).
fn parser_message(e: &ParserError) -> String {
    let text = match e {
        ParserError::TokenizerError(m) | ParserError::ParserError(m) => m.clone(),
        ParserError::RecursionLimitExceeded => {
            format!("nested more than {RECURSION_LIMIT} levels deep")
        }
    };
    match text.rsplit_once(" at Line: ") {
        Some((message, _)) => message.to_owned(),
        None => text,
    }
}

/// Skips to the end of the current statement, so that parsing resumes after it.
fn skip_statement(parser: &mut Parser<'_>) {
    loop {
        let TokenWithSpan { token, .. } = parser.next_token();
        if matches!(token, Token::SemiColon | Token::EOF) {
            return;
        }
    }
}

/// The comments the `--` lines above a statement give an element and its
/// parts: a line `{name}: text` (or `{name}.{part}: text`) starts one, the
/// lines after it without such a prefix continue it; a `note:` is not a
/// comment. Read in one pass over the lines.
#[derive(Default)]
pub(crate) struct Described {
    pub element: Option<String>,
    pub parts: BTreeMap<String, String>,
}

impl Described {
    pub(crate) fn read(lines: &[String], name: &str) -> Self {
        let mut out = Self::default();
        // The comment the current line continues, if any.
        let mut open: Option<Option<String>> = None;
        for line in lines {
            let started = match line.strip_prefix(name) {
                Some(rest) => match rest.strip_prefix(": ") {
                    Some(text) => Some((None, text)),
                    None => rest
                        .strip_prefix('.')
                        .and_then(|r| r.split_once(": "))
                        .filter(|(part, _)| !part.contains(' '))
                        .map(|(part, text)| (Some(part.to_owned()), text)),
                },
                None => None,
            };
            match started {
                Some((_, text)) if text.starts_with("note: ") => open = None,
                Some((part, text)) => {
                    match &part {
                        Some(p) => out.parts.insert(p.clone(), text.to_owned()),
                        None => out.element.replace(text.to_owned()),
                    };
                    open = Some(part);
                }
                None => {
                    let continued = match &open {
                        Some(Some(p)) => out.parts.get_mut(p),
                        Some(None) => out.element.as_mut(),
                        None => None,
                    };
                    if let Some(text) = continued {
                        text.push('\n');
                        text.push_str(line);
                    }
                }
            }
        }
        out
    }
}
