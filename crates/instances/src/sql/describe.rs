//! What fills each column of a plan, said in words: what `uda plan` prints.

use uda_upper::local_name;

use crate::sql::plan::{Field, Rows, Slot, SqlPlan};

/// One column of a planned table and where its values come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnSource {
    pub table: String,
    pub column: String,
    /// In words, with the model's terms by local name: `key value 1 of
    /// Work`, `headquarters / city (xsd:string)`.
    pub source: String,
}

impl SqlPlan {
    /// Every column of every table, in the plan's order, with its source.
    pub fn sources(&self) -> Vec<ColumnSource> {
        let mut out = Vec::new();
        for table in &self.tables {
            let mut said: Vec<(usize, String)> = Vec::new();
            match &table.rows {
                Rows::Entity {
                    class,
                    key,
                    fields,
                    optional,
                } => {
                    let what = if *optional { "extension of " } else { "" };
                    for (i, c) in key.iter().enumerate() {
                        said.push((
                            *c,
                            format!("key value {} of each {what}{}", i + 1, local_name(class)),
                        ));
                    }
                    for f in fields {
                        field(f, "", &mut said);
                    }
                }
                Rows::Values {
                    class,
                    path,
                    property,
                    owner,
                    position,
                    value,
                } => {
                    let mut steps: Vec<&str> = path.iter().map(|p| local_name(p)).collect();
                    steps.push(local_name(property));
                    let path = steps.join(" / ");
                    for (i, c) in owner.iter().enumerate() {
                        said.push((
                            *c,
                            format!(
                                "key value {} of the {} owning each value of {path}",
                                i + 1,
                                local_name(class)
                            ),
                        ));
                    }
                    if let Some(c) = position {
                        said.push((*c, format!("the value's number among its owner's values of {path} (in sorted order)")));
                    }
                    slot(value, &path, &mut said);
                }
            }
            said.sort();
            out.extend(said.into_iter().map(|(c, source)| ColumnSource {
                table: table.name.clone(),
                column: table.columns[c].name.clone(),
                source,
            }));
        }
        out
    }
}

fn field(f: &Field, prefix: &str, out: &mut Vec<(usize, String)>) {
    let path = format!("{prefix}{}", local_name(&f.property));
    slot(&f.slot, &path, out);
}

fn slot(slot: &Slot, path: &str, out: &mut Vec<(usize, String)>) {
    match slot {
        Slot::Literal { column, builtin } => out.push((
            *column,
            format!("{path} (xsd:{})", local_name(builtin.iri())),
        )),
        Slot::Lang { column, lang } => {
            out.push((*column, format!("{path}, its text")));
            out.push((*lang, format!("{path}, its language tag")));
        }
        Slot::Enum {
            column,
            enumeration,
        } => out.push((
            *column,
            format!("{path}, the label of the {} value", local_name(enumeration)),
        )),
        Slot::Reference { columns, class } => {
            for (i, c) in columns.iter().enumerate() {
                out.push((
                    *c,
                    format!(
                        "{path}, key value {} of the {} it refers to (key lookup)",
                        i + 1,
                        local_name(class)
                    ),
                ));
            }
        }
        Slot::Nested { fields } => {
            for f in fields {
                field(f, &format!("{path} / "), out);
            }
        }
    }
}
