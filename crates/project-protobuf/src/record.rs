//! The second pass of the projection: numbers the members of every planned
//! type (keeping the earlier version's numbers), records the container
//! representation and the mappings, with the numbering record the next
//! version reads back, and builds the syntax tree to print.

use crate::error::ProtobufError;
use crate::numbering::{Kind, Member, Numbering};
use crate::projector::{Body, Planned};
use crate::render::{Enum, EnumValue, Field, Message, Reserved, TypeDef};
use crate::vocab::{self, map};
use oxrdf::{Literal, NamedNode, NamedNodeRef, TripleRef};
use std::collections::{BTreeSet, HashMap};
use uda_projection::Recorder;

/// Numbers every member, records the container representation and the
/// mappings of every planned type, and builds the types to print.
pub fn record(
    recorder: &mut Recorder,
    numbering: &Numbering,
    package: &str,
    planned: Vec<Planned>,
    types: &mut Vec<TypeDef>,
) -> Result<(), ProtobufError> {
    let schema = recorder.schema().clone();
    // Every type's element first: fields link to the types of their values.
    let elements: HashMap<String, NamedNode> = planned
        .iter()
        .map(|p| {
            let class = match p.body {
                Body::Message { .. } => vocab::MESSAGE,
                Body::Enum { .. } => vocab::ENUM,
            };
            (p.name.clone(), recorder.element(&schema, class, &p.name))
        })
        .collect();
    for p in planned {
        let element = &elements[&p.name];
        recorder.string(element, vocab::FULL_NAME, &format!("{package}.{}", p.name));
        if let Some(text) = &p.comment.text {
            recorder.string(element, vocab::COMMENT, text);
        }
        for term in &p.realizes {
            recorder.realizes(term, element);
        }
        for note in &p.notes {
            recorder.note(element, note);
        }
        match p.body {
            Body::Message {
                kind,
                fields,
                oneof,
            } => {
                recorder.link(element, vocab::MESSAGE_KIND, kind);
                if let Some(oneof) = &oneof {
                    recorder.string(element, vocab::ONEOF, oneof);
                }
                let members: Vec<Member<'_>> = fields
                    .iter()
                    .map(|f| Member {
                        identity: &f.identity,
                        name: &f.name,
                    })
                    .collect();
                let allocation =
                    numbering.allocate(element.as_str(), &p.name, Kind::Message, &members)?;
                let mut printed = Vec::with_capacity(fields.len());
                for (position, (field, number)) in
                    fields.into_iter().zip(allocation.numbers).enumerate()
                {
                    let member = numbered(recorder, element, vocab::FIELD, &field.name, number);
                    recorder.literal(&member, vocab::POSITION, int(position));
                    recorder.string(&member, vocab::TYPE, &field.type_name);
                    if let Some(label) = field.label {
                        recorder.string(&member, vocab::LABEL, label);
                    }
                    if let Some(text) = &field.comment.text {
                        recorder.string(&member, vocab::COMMENT, text);
                    }
                    if let Some(target) = field.local_type.as_ref().and_then(|t| elements.get(t)) {
                        recorder.link(&member, vocab::TYPE_ELEMENT, target);
                    }
                    if field.is_key {
                        recorder.link(element, vocab::KEY_FIELD, &member);
                    }
                    if let Some(term) = &field.realizes {
                        recorder.realizes(term, &member);
                    }
                    for note in &field.notes {
                        recorder.note(&member, note);
                    }
                    printed.push(Field {
                        comment: field.comment.printed(),
                        label: field.label,
                        type_name: field.type_name,
                        name: field.name,
                        number,
                    });
                }
                let reserved = reserve(
                    recorder,
                    element,
                    allocation.reserved_numbers,
                    allocation.reserved_names,
                );
                types.push(TypeDef::Message(Message {
                    name: p.name,
                    comment: p.comment.printed(),
                    fields: printed,
                    oneof,
                    reserved,
                }));
            }
            Body::Enum {
                unspecified,
                values: rest,
            } => {
                // The unspecified value is always 0; the others are numbered.
                let members: Vec<Member<'_>> = rest
                    .iter()
                    .map(|v| Member {
                        identity: v.realizes.as_deref().unwrap_or(&v.name),
                        name: &v.name,
                    })
                    .collect();
                let allocation =
                    numbering.allocate(element.as_str(), &p.name, Kind::Enum, &members)?;
                let zero = recorder.element(element, vocab::ENUM_VALUE, &unspecified.name);
                recorder.literal(&zero, vocab::NUMBER, int(0));
                if let Some(text) = &unspecified.comment.text {
                    recorder.string(&zero, vocab::COMMENT, text);
                }
                let mut printed = vec![EnumValue {
                    comment: unspecified.comment.printed(),
                    name: unspecified.name,
                    number: 0,
                }];
                for (value, number) in rest.iter().zip(allocation.numbers) {
                    let member =
                        numbered(recorder, element, vocab::ENUM_VALUE, &value.name, number);
                    if let Some(text) = &value.comment.text {
                        recorder.string(&member, vocab::COMMENT, text);
                    }
                    if let Some(term) = &value.realizes {
                        recorder.realizes(term, &member);
                    }
                    printed.push(EnumValue {
                        comment: value.comment.printed(),
                        name: value.name.clone(),
                        number,
                    });
                }
                let reserved = reserve(
                    recorder,
                    element,
                    allocation.reserved_numbers,
                    allocation.reserved_names,
                );
                types.push(TypeDef::Enum(Enum {
                    name: p.name,
                    comment: p.comment.printed(),
                    values: printed,
                    reserved,
                }));
            }
        }
    }
    Ok(())
}

/// Records a numbered member of `parent`: in the container, and in the
/// mappings its parent, name and number, which the next version reads back.
fn numbered(
    recorder: &mut Recorder,
    parent: &NamedNode,
    class: NamedNodeRef<'_>,
    name: &str,
    number: u32,
) -> NamedNode {
    let member = recorder.element(parent, class, name);
    let number = int(number);
    recorder.literal(&member, vocab::NUMBER, number.clone());
    recorder.mapping(TripleRef::new(&member, map::PART_OF, parent));
    recorder.mapping(TripleRef::new(
        &member,
        map::NAME,
        &Literal::new_simple_literal(name),
    ));
    recorder.mapping(TripleRef::new(&member, vocab::NUMBER, &number));
    member
}

/// Records what a type reserves, in the container and in the mappings.
fn reserve(
    recorder: &mut Recorder,
    element: &NamedNode,
    numbers: BTreeSet<u32>,
    names: BTreeSet<String>,
) -> Reserved {
    for &n in &numbers {
        let n = int(n);
        recorder.literal(element, vocab::RESERVED_NUMBER, n.clone());
        recorder.mapping(TripleRef::new(element, vocab::RESERVED_NUMBER, &n));
    }
    for name in &names {
        let name = Literal::new_simple_literal(name);
        recorder.literal(element, vocab::RESERVED_NAME, name.clone());
        recorder.mapping(TripleRef::new(element, vocab::RESERVED_NAME, &name));
    }
    Reserved { numbers, names }
}

/// A number or position as `xsd:int` (every number fits: field numbers
/// stop at 2^29 - 1, enum values at 2^31 - 1).
fn int(n: impl TryInto<i32>) -> Literal {
    Literal::from(n.try_into().unwrap_or(i32::MAX))
}
