//! The proto3 file as a small syntax tree, and its printer.
//!
//! Written here because no maintained Rust library prints `.proto` text:
//! protobuf-parse and prost-types read it into descriptors
//! (`FileDescriptorProto`), which carry no comments and have no printer;
//! protox compiles, it does not print. The subset uda writes (messages,
//! fields with an optional label, one oneof, enums, `reserved`, comments) is
//! small, and every name in it is made valid before it gets here, so the
//! printer needs no escaping beyond string literals.

use std::collections::BTreeSet;
use std::fmt::Write as _;

/// One `.proto` file.
#[derive(Debug, Default)]
pub struct ProtoFile {
    /// The comment at the top: where the file comes from.
    pub comment: Vec<String>,
    pub package: String,
    pub imports: BTreeSet<String>,
    /// Top-level types, printed in this order.
    pub types: Vec<TypeDef>,
}

#[derive(Debug)]
pub enum TypeDef {
    Message(Message),
    Enum(Enum),
}

/// Numbers and names a type retired.
#[derive(Debug, Default)]
pub struct Reserved {
    pub numbers: BTreeSet<u32>,
    pub names: BTreeSet<String>,
}

#[derive(Debug)]
pub struct Message {
    pub name: String,
    pub comment: Option<String>,
    pub fields: Vec<Field>,
    /// When set, every field is a member of this oneof.
    pub oneof: Option<String>,
    pub reserved: Reserved,
}

#[derive(Debug)]
pub struct Field {
    pub comment: Option<String>,
    /// `optional`, `repeated`, or nothing.
    pub label: Option<&'static str>,
    pub type_name: String,
    pub name: String,
    pub number: u32,
}

#[derive(Debug)]
pub struct Enum {
    pub name: String,
    pub comment: Option<String>,
    pub values: Vec<EnumValue>,
    pub reserved: Reserved,
}

#[derive(Debug)]
pub struct EnumValue {
    pub comment: Option<String>,
    pub name: String,
    pub number: u32,
}

/// Prints `file` as proto3 text.
pub fn print(file: &ProtoFile) -> String {
    let mut out = String::new();
    for line in &file.comment {
        comment_line(&mut out, "", line);
    }
    out.push_str("syntax = \"proto3\";\n\n");
    let _ = writeln!(out, "package {};", file.package);
    if !file.imports.is_empty() {
        out.push('\n');
    }
    for import in &file.imports {
        let _ = writeln!(out, "import {};", string_literal(import));
    }
    for def in &file.types {
        out.push('\n');
        match def {
            TypeDef::Message(message) => print_message(&mut out, message),
            TypeDef::Enum(e) => print_enum(&mut out, e),
        }
    }
    out
}

fn print_message(out: &mut String, message: &Message) {
    comment(out, "", message.comment.as_deref());
    let _ = writeln!(out, "message {} {{", message.name);
    let indent = if let Some(oneof) = &message.oneof {
        let _ = writeln!(out, "  oneof {oneof} {{");
        "    "
    } else {
        "  "
    };
    for field in &message.fields {
        comment(out, indent, field.comment.as_deref());
        out.push_str(indent);
        if let Some(label) = field.label {
            out.push_str(label);
            out.push(' ');
        }
        let _ = writeln!(
            out,
            "{} {} = {};",
            field.type_name, field.name, field.number
        );
    }
    if message.oneof.is_some() {
        out.push_str("  }\n");
    }
    print_reserved(out, &message.reserved);
    out.push_str("}\n");
}

fn print_enum(out: &mut String, e: &Enum) {
    comment(out, "", e.comment.as_deref());
    let _ = writeln!(out, "enum {} {{", e.name);
    for value in &e.values {
        comment(out, "  ", value.comment.as_deref());
        let _ = writeln!(out, "  {} = {};", value.name, value.number);
    }
    print_reserved(out, &e.reserved);
    out.push_str("}\n");
}

/// `reserved 3, 5 to 7;` and `reserved "a", "b";`: runs of numbers as ranges.
fn print_reserved(out: &mut String, reserved: &Reserved) {
    if !reserved.numbers.is_empty() {
        let mut runs: Vec<(u32, u32)> = Vec::new();
        for &n in &reserved.numbers {
            match runs.last_mut() {
                Some((_, end)) if *end + 1 == n => *end = n,
                _ => runs.push((n, n)),
            }
        }
        let runs: Vec<String> = runs
            .iter()
            .map(|&(start, end)| {
                if start == end {
                    start.to_string()
                } else {
                    format!("{start} to {end}")
                }
            })
            .collect();
        let _ = writeln!(out, "  reserved {};", runs.join(", "));
    }
    if !reserved.names.is_empty() {
        let names: Vec<String> = reserved.names.iter().map(|n| string_literal(n)).collect();
        let _ = writeln!(out, "  reserved {};", names.join(", "));
    }
}

/// A comment, one `//` line per line of its text.
fn comment(out: &mut String, indent: &str, text: Option<&str>) {
    for line in text.into_iter().flat_map(str::lines) {
        comment_line(out, indent, line);
    }
}

fn comment_line(out: &mut String, indent: &str, line: &str) {
    let line = line.trim_end();
    if line.is_empty() {
        let _ = writeln!(out, "{indent}//");
    } else {
        let _ = writeln!(out, "{indent}// {line}");
    }
}

/// A proto string literal: `"` and `\` escaped, control characters as octal.
fn string_literal(text: &str) -> String {
    let mut literal = String::with_capacity(text.len() + 2);
    literal.push('"');
    for c in text.chars() {
        match c {
            '"' => literal.push_str("\\\""),
            '\\' => literal.push_str("\\\\"),
            c if c.is_control() => {
                let mut buf = [0; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    let _ = write!(literal, "\\{b:03o}");
                }
            }
            c => literal.push(c),
        }
    }
    literal.push('"');
    literal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_numbers_print_as_runs() {
        let mut out = String::new();
        let reserved = Reserved {
            numbers: BTreeSet::from([2, 4, 5, 6, 9]),
            names: BTreeSet::from(["old".to_owned(), "q\"x".to_owned()]),
        };
        print_reserved(&mut out, &reserved);
        assert_eq!(
            out,
            "  reserved 2, 4 to 6, 9;\n  reserved \"old\", \"q\\\"x\";\n"
        );
    }

    #[test]
    fn comments_keep_their_lines() {
        let mut out = String::new();
        comment(&mut out, "  ", Some("one\n\ntwo  "));
        assert_eq!(out, "  // one\n  //\n  // two\n");
    }
}
