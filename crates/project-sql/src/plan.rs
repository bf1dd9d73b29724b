//! The planner: which tables, columns and constraints realize a domain
//! model. Walks the model's classes and properties and decides, for each,
//! the columns, child tables, keys and checks of the target's idiom.

use crate::expr;
use crate::keywords::object_name;
use crate::order::{keep_rowid, order};
use crate::schema::{
    claim, comment, Allowed, Check, Column, EnumType, Group, Guard, KeyColumn, PartRef,
    Requirement, Schema, Table, Trace,
};
use crate::types::{self, Cond};
use crate::{Dialect, EnumStyle, Inheritance, SqlError, SqlOptions};
use sqlparser::ast::{DataType, Expr};
use std::collections::{BTreeMap, BTreeSet};
use uda_projection::Names;
use uda_upper::{
    local_name, vocab, Class, ClassKind, DomainModel, Enumeration, ModelView, Property,
    PropertyKind, Target,
};

/// The column of an ordered or nested child table holding the value's place.
const POSITION: &str = "position";
/// The discriminator column of a single-table taxonomy.
const KIND: &str = "kind";

/// Where a property is being added: under which prefix, inside which
/// optional groups, reached through which nested relationships.
#[derive(Debug, Clone, Default)]
struct Ctx<'v> {
    prefix: String,
    /// Inside an optional value: no column can be NOT NULL.
    nullable: bool,
    /// Building the key of this class: every column must be single and required.
    key: Option<&'v str>,
    /// Open groups, and whether the path from each down to here is all required.
    groups: Vec<(usize, bool)>,
    /// Nested relationships and classes on the path, realized in part by what is added here.
    via: Vec<&'v str>,
    /// Nested classes on the path, to refuse recursion.
    nesting: Vec<&'v str>,
}

/// Plans the schema of the view's root model.
pub(crate) fn plan(view: &ModelView<'_>, options: &SqlOptions) -> Result<Schema, SqlError> {
    plan_with(view, options, &mut BTreeMap::new(), &mut Vec::new())
}

/// Plans the schema of `view`'s root, after those of its dependencies
/// (`done` holds the ones already planned, `active` the ones being planned).
fn plan_with(
    view: &ModelView<'_>,
    options: &SqlOptions,
    done: &mut BTreeMap<String, Schema>,
    active: &mut Vec<String>,
) -> Result<Schema, SqlError> {
    let root = view.root();
    active.push(root.iri.clone());
    let mut cyclic = Vec::new();
    // The imported models' tables are planned as their own projections plan
    // them, so that references use the names their DDL creates.
    for dep in dependencies(root, view.models()) {
        if active.contains(&dep.iri) {
            cyclic.push(format!(
                "<{}> imports this model in a cycle: its tables are not referred to",
                dep.iri
            ));
            continue;
        }
        if dependencies(dep, view.models())
            .iter()
            .any(|m| m.iri == root.iri)
        {
            cyclic.push(format!(
                "<{}> imports this model too: its own DDL refers to tables created here, so neither \
                 file can run first with every foreign key; break the import cycle",
                dep.iri
            ));
        }
        if done.contains_key(&dep.iri) {
            continue;
        }
        let mut models = vec![dep];
        models.extend(dependencies(dep, view.models()));
        if let Some(upper) = view.models().iter().find(|m| m.iri == vocab::MODEL) {
            if dep.iri != vocab::MODEL {
                models.push(upper);
            }
        }
        let schema = plan_with(&ModelView::new(models), options, done, active)?;
        done.insert(dep.iri.clone(), schema);
    }
    active.pop();
    let deps: Vec<&Schema> = dependencies(root, view.models())
        .iter()
        .filter_map(|d| done.get(&d.iri))
        .collect();
    let mut builder = Builder::new(view, options, &deps);
    builder.schema.trace.notes.extend(cyclic);
    builder.build()?;
    Ok(builder.schema)
}

/// The models `model` explicitly imports, transitively, each after its own
/// imports. Upper is imported implicitly by every model but is a dependency
/// only when imported explicitly: its tables are not created otherwise.
fn dependencies<'v>(model: &DomainModel, models: &[&'v DomainModel]) -> Vec<&'v DomainModel> {
    fn visit<'v>(
        iri: &str,
        models: &[&'v DomainModel],
        seen: &mut BTreeSet<String>,
        out: &mut Vec<&'v DomainModel>,
    ) {
        let Some(model) = models.iter().find(|m| m.iri == iri) else {
            return;
        };
        for import in &model.imports {
            if seen.insert(import.clone()) {
                visit(import, models, seen, out);
                if let Some(m) = models.iter().find(|m| m.iri == *import) {
                    out.push(m);
                }
            }
        }
    }
    let mut seen = BTreeSet::from([model.iri.clone()]);
    let mut out = Vec::new();
    visit(&model.iri, models, &mut seen, &mut out);
    out
}

struct Builder<'a, 'v> {
    view: &'a ModelView<'v>,
    options: SqlOptions,
    dialect: Dialect,
    deps: &'a [&'a Schema],
    schema: Schema,
    names: Names,
    keys: BTreeMap<String, Vec<KeyColumn>>,
    key_stack: Vec<String>,
}

impl<'a, 'v> Builder<'a, 'v> {
    fn new(view: &'a ModelView<'v>, options: &SqlOptions, deps: &'a [&'a Schema]) -> Self {
        let root = view.root();
        let mut names = Names::new(&[], true);
        // Imported schemas live in the same database: their tables, types
        // and key indexes already own their names.
        for dep in deps {
            for t in &dep.tables {
                names.reserve(&t.name);
                names.reserve(&t.primary_key.name);
            }
            for e in &dep.enum_types {
                names.reserve(&e.name);
            }
        }
        let mut trace = Trace::default();
        if options.dialect == Dialect::Sqlite && options.enum_style == EnumStyle::PostgresEnum {
            trace.notes.push(
                "SQLite has no enumeration types: enumerations are CHECK constraints".to_owned(),
            );
        }
        Self {
            view,
            options: *options,
            dialect: options.dialect,
            deps,
            schema: Schema {
                model: root.iri.clone(),
                domain: root.domain.clone(),
                text: root.text.clone(),
                requires: deps
                    .iter()
                    .map(|d| Requirement {
                        model: d.model.clone(),
                        domain: d.domain.clone(),
                    })
                    .collect(),
                enum_types: Vec::new(),
                tables: Vec::new(),
                class_tables: BTreeMap::new(),
                enum_type_names: BTreeMap::new(),
                trace,
            },
            names,
            keys: BTreeMap::new(),
            key_stack: Vec::new(),
        }
    }

    fn native_enums(&self) -> bool {
        self.options.enum_style == EnumStyle::PostgresEnum && self.dialect != Dialect::Sqlite
    }

    fn single_table(&self) -> bool {
        self.options.inheritance == Inheritance::SingleTable
    }

    /// Own keyed classes, and whether each has a table of its own.
    fn own_classes(&self) -> Vec<(&'v Class, bool)> {
        self.view
            .classes()
            .into_iter()
            .filter(|c| c.kind == ClassKind::Direct && self.view.is_own(&c.iri))
            .map(|c| {
                let own_parent = self
                    .view
                    .parent(c)
                    .is_some_and(|p| self.view.is_own(&p.iri));
                (c, !(self.single_table() && own_parent))
            })
            .collect()
    }

    fn build(&mut self) -> Result<(), SqlError> {
        let classes = self.own_classes();
        for (class, has_table) in &classes {
            if *has_table {
                let name = claim(&mut self.names, local_name(&class.iri));
                self.schema.class_tables.insert(class.iri.clone(), name);
            }
        }
        for (class, has_table) in &classes {
            if !has_table {
                let root = self.taxonomy_root(class);
                if let Some(name) = self.schema.class_tables.get(&root.iri).cloned() {
                    self.schema.class_tables.insert(class.iri.clone(), name);
                }
            }
        }
        if self.native_enums() {
            for e in self
                .view
                .enumerations()
                .into_iter()
                .filter(|e| self.view.is_own(&e.iri))
            {
                self.enum_type(e);
            }
        }
        let extended: Vec<(&'v Class, String)> = self
            .view
            .extended_classes()
            .into_iter()
            .map(|c| {
                let base = self
                    .table_of(c)
                    .map_or_else(|| local_name(&c.iri).to_owned(), |t| t.name);
                let name = claim(&mut self.names, &format!("{base}_{}", self.schema.domain));
                (c, name)
            })
            .collect();
        for (class, has_table) in &classes {
            if *has_table {
                self.class_table(class)?;
            }
        }
        for (class, name) in extended {
            self.extension_table(class, name)?;
        }
        if self.dialect == Dialect::Sqlite {
            self.schema.tables.iter_mut().for_each(keep_rowid);
        }
        self.trace_unrealized();
        order(&mut self.schema.tables, &self.schema.model, self.dialect);
        Ok(())
    }

    fn taxonomy_root(&self, class: &'v Class) -> &'v Class {
        let mut root = class;
        while let Some(parent) = self.view.parent(root).filter(|p| self.view.is_own(&p.iri)) {
            if parent.iri == class.iri {
                break;
            }
            root = parent;
        }
        root
    }

    fn enum_type(&mut self, e: &Enumeration) {
        let name = claim(&mut self.names, local_name(&e.iri));
        self.schema
            .enum_type_names
            .insert(e.iri.clone(), name.clone());
        self.schema.enum_types.push(EnumType {
            comment: comment(&e.text, &name),
            name,
            labels: allowed(e),
            trace: Trace::of(&e.iri),
        });
    }

    /// The table holding instances of a keyed class, in this schema or an imported one.
    fn table_of(&self, class: &Class) -> Option<PartRef> {
        self.lookup(&class.iri, |s| &s.class_tables)
    }

    /// The type of an enumeration, in this schema or an imported one.
    fn enum_type_of(&self, e: &Enumeration) -> Option<PartRef> {
        self.lookup(&e.iri, |s| &s.enum_type_names)
    }

    /// The name a schema (of the model defining `iri`) gives the term.
    fn lookup(
        &self,
        iri: &str,
        names: impl Fn(&Schema) -> &BTreeMap<String, String>,
    ) -> Option<PartRef> {
        let model = self.view.owner(iri)?;
        let schema = std::iter::once(&self.schema)
            .chain(self.deps.iter().copied())
            .find(|s| s.model == model.iri)?;
        Some(PartRef {
            model: model.iri.clone(),
            name: names(schema).get(iri)?.clone(),
        })
    }

    fn new_table(&mut self, wanted: &str, comment: Option<String>, trace: Trace) -> Table {
        let name = claim(&mut self.names, wanted);
        self.named_table(name, comment, trace)
    }

    fn named_table(&mut self, name: String, comment: Option<String>, trace: Trace) -> Table {
        let mut table = Table::new(name, comment, trace);
        table.primary_key.name = claim(&mut self.names, &format!("{}_pkey", table.name));
        table
    }

    fn class_table(&mut self, class: &'v Class) -> Result<(), SqlError> {
        let Some(name) = self.schema.class_tables.get(&class.iri).cloned() else {
            return Ok(());
        };
        let text = comment(&class.text, &name);
        let mut table = self.named_table(name, text, Trace::of(&class.iri));
        let others: Vec<&'v Property> = if let Some(parent) = self.view.parent(class) {
            // The key is the parent's, and refers to the parent's row.
            let key = self.key_columns(class)?;
            let columns = table.copy_key(&key);
            table.primary_key.columns = columns.clone();
            match self.table_of(parent) {
                Some(parent_table) => {
                    table.reference(columns, parent_table, &key, Trace::default())
                }
                None => table.trace.notes.push(unreferenced(parent)),
            }
            self.view.declared_properties(class)
        } else {
            let ctx = Ctx {
                key: Some(class.iri.as_str()),
                ..Ctx::default()
            };
            let (key, others): (Vec<&Property>, Vec<&Property>) = self
                .view
                .declared_properties(class)
                .into_iter()
                .partition(|p| class.primary_key.contains(&p.iri));
            for p in key {
                let before = table.columns.len();
                self.add_property(&mut table, p, &ctx)?;
                let added: Vec<String> = table.columns[before..]
                    .iter()
                    .map(|c| c.name.clone())
                    .collect();
                table.primary_key.columns.extend(added);
            }
            others
        };
        let kind = self.add_kind(&mut table, class);
        for p in others {
            self.add_property(&mut table, p, &Ctx::default())?;
        }
        if table.primary_key.columns.is_empty() {
            return Err(SqlError::MissingKey {
                class: class.iri.clone(),
            });
        }
        if let Some(kind) = kind {
            self.add_descendants(&mut table, class, &kind)?;
        }
        table.close_groups(self.dialect);
        self.schema.tables.push(table);
        Ok(())
    }

    /// Under single-table inheritance, the discriminator of a taxonomy's
    /// table; its name.
    fn add_kind(&mut self, table: &mut Table, class: &'v Class) -> Option<String> {
        let descendants = self.own_descendants(class);
        if !self.single_table() || descendants.is_empty() {
            return None;
        }
        let kinds: Vec<Allowed> = std::iter::once(class)
            .chain(descendants)
            .map(|c| Allowed {
                label: local_name(&c.iri).to_owned(),
                trace: Trace::of(&c.iri),
            })
            .collect();
        let name = claim(&mut table.names, KIND);
        let labels: Vec<String> = kinds.iter().map(|k| k.label.clone()).collect();
        let check = Check {
            name: table.constraint_name(&name, "check"),
            expr: expr::in_strings(&name, &labels, false, self.dialect),
            allowed: kinds,
            trace: Trace::default(),
        };
        table.checks.push(check);
        table.columns.push(Column {
            comment: Some(format!(
                "The most specific class of the row: {}",
                labels.join(", ")
            )),
            name: name.clone(),
            data_type: types::text(self.dialect),
            not_null: true,
            enum_type: None,
            trace: Trace::default(),
        });
        Some(name)
    }

    /// Own subclasses, transitively, depth first (a class before its
    /// subclasses, siblings by IRI).
    fn own_descendants(&self, class: &Class) -> Vec<&'v Class> {
        let mut out: Vec<&'v Class> = Vec::new();
        let mut stack: Vec<&'v Class> = self.view.children(class).iter().rev().copied().collect();
        while let Some(c) = stack.pop() {
            if c.iri == class.iri || !self.view.is_own(&c.iri) || out.iter().any(|o| o.iri == c.iri)
            {
                continue;
            }
            out.push(c);
            stack.extend(self.view.children(c).iter().rev());
        }
        out
    }

    /// Under single-table inheritance, the columns of every subclass, which
    /// are required only in rows of that subclass.
    fn add_descendants(
        &mut self,
        table: &mut Table,
        class: &'v Class,
        kind: &str,
    ) -> Result<(), SqlError> {
        for d in self.own_descendants(class) {
            table.trace.secondary.push(d.iri.clone());
            let kinds: Vec<String> = std::iter::once(d)
                .chain(self.own_descendants(d))
                .map(|c| local_name(&c.iri).to_owned())
                .collect();
            table.groups.push(Group {
                hint: local_name(&d.iri).to_owned(),
                guard: Guard::KindNotIn(kind.to_owned(), kinds),
                all: Vec::new(),
                required: Vec::new(),
            });
            let ctx = Ctx {
                nullable: true,
                groups: vec![(table.groups.len() - 1, true)],
                ..Ctx::default()
            };
            for p in self.view.declared_properties(d) {
                self.add_property(table, p, &ctx)?;
            }
        }
        Ok(())
    }

    fn extension_table(&mut self, class: &'v Class, name: String) -> Result<(), SqlError> {
        let extended = local_name(&class.iri);
        let text = format!(
            "What {} adds to {extended}; at most one row per {extended} row.",
            self.schema.domain
        );
        let trace = Trace {
            secondary: vec![class.iri.clone()],
            ..Trace::default()
        };
        let mut table = self.named_table(name, Some(text), trace);
        let key = self.key_columns(class)?;
        let columns = table.copy_key(&key);
        table.primary_key.columns = columns.clone();
        match self.table_of(class) {
            Some(extended) => {
                let trace = Trace {
                    notes: self.subclass_note(class, &extended).into_iter().collect(),
                    ..Trace::default()
                };
                table.reference(columns, extended, &key, trace);
            }
            None => table.trace.notes.push(unreferenced(class)),
        }
        for p in self.view.extension_properties(class) {
            self.add_property(&mut table, p, &Ctx::default())?;
        }
        table.close_groups(self.dialect);
        self.schema.tables.push(table);
        Ok(())
    }

    /// The key columns of a keyed class's table, as a foreign key to it copies them.
    fn key_columns(&mut self, class: &'v Class) -> Result<Vec<KeyColumn>, SqlError> {
        let keyed = std::iter::once(class)
            .chain(self.view.ancestors(class))
            .find(|c| !c.primary_key.is_empty())
            .unwrap_or(class);
        if let Some(key) = self.keys.get(&keyed.iri) {
            return Ok(key.clone());
        }
        if self.key_stack.contains(&keyed.iri) {
            return Err(SqlError::KeyCycle {
                class: keyed.iri.clone(),
            });
        }
        self.key_stack.push(keyed.iri.clone());
        // The same steps as the class's own table takes for its key, so the
        // names are the ones that table has.
        let mut scratch = Table::new(String::new(), None, Trace::default());
        let ctx = Ctx {
            key: Some(keyed.iri.as_str()),
            ..Ctx::default()
        };
        let members = self.view.primary_key(keyed);
        let result = members
            .into_iter()
            .try_for_each(|p| self.add_property(&mut scratch, p, &ctx));
        self.key_stack.pop();
        result?;
        if scratch.columns.is_empty() {
            return Err(SqlError::MissingKey {
                class: keyed.iri.clone(),
            });
        }
        let key: Vec<KeyColumn> = scratch
            .columns
            .into_iter()
            .map(|c| KeyColumn {
                name: c.name,
                data_type: c.data_type,
                enum_type: c.enum_type,
            })
            .collect();
        self.keys.insert(keyed.iri.clone(), key.clone());
        Ok(key)
    }

    fn add_property(
        &mut self,
        table: &mut Table,
        p: &'v Property,
        ctx: &Ctx<'v>,
    ) -> Result<(), SqlError> {
        if let Some(class) = ctx.key {
            if p.is_many() || !p.is_required() {
                return Err(SqlError::UnkeyableMember {
                    class: class.to_owned(),
                    property: p.iri.clone(),
                });
            }
        }
        let wanted = format!("{}{}", ctx.prefix, local_name(&p.iri));
        if p.is_many() {
            self.child_table(table, p, ctx, &wanted)
        } else {
            self.add_value(table, p, ctx, &wanted, p.is_required())
        }
    }

    /// The columns holding one value of `p`: a column (two for a
    /// language-tagged string), foreign key columns, or the flattened
    /// columns of a nested value.
    fn add_value(
        &mut self,
        table: &mut Table,
        p: &'v Property,
        ctx: &Ctx<'v>,
        wanted: &str,
        required: bool,
    ) -> Result<(), SqlError> {
        match (&p.kind, self.view.target(p)) {
            (PropertyKind::Attribute { datatype }, _) => {
                let resolved = self.view.datatype(p).ok_or_else(|| SqlError::Unresolved {
                    iri: datatype.clone(),
                })?;
                let ty = types::column_type(self.dialect, &resolved)?;
                if ty.lang {
                    let inner = if required {
                        ctx.clone()
                    } else {
                        ctx.optional(table, wanted)
                    };
                    let mut notes = ty.notes;
                    notes.push(
                        "a language-tagged string: its language tag is in the next column"
                            .to_owned(),
                    );
                    let value = Spec::new(p, wanted.to_owned(), ty.data_type, true)
                        .conds(ty.conds)
                        .notes(notes);
                    let value = self.push_column(table, &inner, value);
                    let tag =
                        Spec::new(p, format!("{wanted}_lang"), types::text(self.dialect), true)
                            .comment(Some(format!("The BCP 47 language tag of {value}.")));
                    self.push_column(table, &inner, tag);
                } else {
                    let spec = Spec::new(p, wanted.to_owned(), ty.data_type, required)
                        .conds(ty.conds)
                        .notes(ty.notes);
                    self.push_column(table, ctx, spec);
                }
            }
            (PropertyKind::Relationship { class }, None) => {
                return Err(SqlError::Unresolved { iri: class.clone() })
            }
            (_, Some(Target::Enumeration(e))) => {
                let spec = self.enum_spec(p, e, wanted.to_owned(), required);
                self.push_column(table, ctx, spec);
            }
            (_, Some(Target::Class(c))) if c.kind == ClassKind::Direct => {
                self.reference(table, p, c, ctx, wanted, required)?;
            }
            (_, Some(Target::Class(c))) => {
                let mut inner = if required {
                    ctx.clone()
                } else {
                    ctx.optional(table, wanted)
                };
                inner.prefix = format!("{wanted}_");
                self.add_nested(table, p, c, &inner)?;
            }
        }
        Ok(())
    }

    /// The properties of a nested value, as columns of `table`.
    fn add_nested(
        &mut self,
        table: &mut Table,
        p: &'v Property,
        c: &'v Class,
        ctx: &Ctx<'v>,
    ) -> Result<(), SqlError> {
        if ctx.nesting.contains(&c.iri.as_str()) {
            return Err(SqlError::RecursiveNesting {
                class: c.iri.clone(),
                property: p.iri.clone(),
            });
        }
        let mut inner = ctx.clone();
        inner.via.extend([p.iri.as_str(), c.iri.as_str()]);
        inner.nesting.push(c.iri.as_str());
        for q in self.view.all_properties(c) {
            self.add_property(table, q, &inner)?;
        }
        Ok(())
    }

    fn enum_spec(
        &self,
        p: &'v Property,
        e: &Enumeration,
        wanted: String,
        required: bool,
    ) -> Spec<'v> {
        if self.native_enums() {
            if let Some(ty) = self.enum_type_of(e) {
                let data_type = DataType::Custom(object_name(&ty.name, self.dialect), Vec::new());
                let mut spec = Spec::new(p, wanted, data_type, required);
                spec.enum_type = Some(ty);
                return spec;
            }
        }
        let mut spec = Spec::new(p, wanted, types::text(self.dialect), required);
        spec.allowed = Some((e.iri.clone(), allowed(e)));
        spec
    }

    /// A relationship to a keyed class: the target's key columns, and a
    /// foreign key to its table.
    fn reference(
        &mut self,
        table: &mut Table,
        p: &'v Property,
        target: &'v Class,
        ctx: &Ctx<'v>,
        wanted: &str,
        required: bool,
    ) -> Result<(), SqlError> {
        let key = self.key_columns(target)?;
        // A composite reference is all there or all NULL: a partly NULL one
        // would escape the foreign key (MATCH SIMPLE).
        let group = !required && key.len() > 1;
        let inner = if group {
            ctx.optional(table, wanted)
        } else {
            ctx.clone()
        };
        let mut columns = Vec::new();
        for k in &key {
            let mut spec = Spec::new(
                p,
                format!("{wanted}_{}", k.name),
                k.data_type.clone(),
                required || group,
            );
            spec.enum_type = k.enum_type.clone();
            columns.push(self.push_column(table, &inner, spec));
        }
        // The columns realize the relationship; the constraint, in part.
        let mut trace = Trace::default();
        trace.secondary.push(p.iri.clone());
        trace
            .secondary
            .extend(ctx.via.iter().map(|v| (*v).to_owned()));
        let Some(target_table) = self.table_of(target) else {
            table.trace.notes.push(unreferenced(target));
            return Ok(());
        };
        trace
            .notes
            .extend(self.subclass_note(target, &target_table));
        table.reference(columns, target_table, &key, trace);
        Ok(())
    }

    /// Under single-table inheritance, a reference to a subclass refers to
    /// its taxonomy's table, which holds other kinds of rows too.
    fn subclass_note(&self, target: &Class, table: &PartRef) -> Option<String> {
        let parent = self.view.parent(target)?;
        (self.table_of(parent).as_ref() == Some(table)).then(|| {
            format!(
                "refers to the {} taxonomy table: that the row is a {} is not checked",
                table.name,
                local_name(&target.iri)
            )
        })
    }

    /// A many-valued property: a child table keyed by its owner's key and the
    /// value (or the value's position, when ordered or nested).
    fn child_table(
        &mut self,
        owner: &mut Table,
        p: &'v Property,
        ctx: &Ctx<'v>,
        wanted: &str,
    ) -> Result<(), SqlError> {
        let nested = match self.view.target(p) {
            Some(Target::Class(c)) if c.kind == ClassKind::Nested => Some(c),
            _ => None,
        };
        let mut trace = Trace::of(&p.iri);
        trace
            .secondary
            .extend(ctx.via.iter().map(|v| (*v).to_owned()));
        trace.notes.extend(cardinality_notes(p, &owner.name));
        let text = comment(&p.text, local_name(&p.iri));
        let mut table = self.new_table(&format!("{}_{wanted}", owner.name), text, trace);
        let owner_key = owner.key_columns();
        let owner_columns = table.copy_key(&owner_key);
        let owner_ref = PartRef {
            model: self.schema.model.clone(),
            name: owner.name.clone(),
        };
        table.reference(
            owner_columns.clone(),
            owner_ref,
            &owner_key,
            Trace::default(),
        );
        let position = (p.ordered || nested.is_some()).then(|| {
            let name = claim(&mut table.names, POSITION);
            let meaning = if p.ordered {
                "The value's place in the ordered list."
            } else {
                "Numbers the values of one owner; their order carries no meaning."
            };
            table.columns.push(Column {
                name: name.clone(),
                data_type: types::POSITION,
                not_null: true,
                comment: Some(meaning.to_owned()),
                enum_type: None,
                trace: Trace::default(),
            });
            name
        });
        let inner = Ctx {
            nesting: ctx.nesting.clone(),
            ..Ctx::default()
        };
        let before = table.columns.len();
        match nested {
            Some(c) => self.add_nested(&mut table, p, c, &inner)?,
            None => self.add_value(&mut table, p, &inner, local_name(&p.iri), true)?,
        }
        // The table already says what the values are.
        for c in &mut table.columns[before..] {
            if c.comment == table.comment {
                c.comment = None;
            }
        }
        let values: Vec<String> = table.columns[before..]
            .iter()
            .map(|c| c.name.clone())
            .collect();
        table.primary_key.columns = owner_columns;
        match position {
            Some(position) => table.primary_key.columns.push(position),
            None => table.primary_key.columns.extend(values),
        }
        table.close_groups(self.dialect);
        self.schema.tables.push(table);
        Ok(())
    }

    /// Adds a column (and its CHECK), registering it with the open groups.
    fn push_column(&mut self, table: &mut Table, ctx: &Ctx<'v>, spec: Spec<'v>) -> String {
        let name = claim(&mut table.names, &spec.wanted);
        for (group, required_path) in &ctx.groups {
            if let Some(g) = table.groups.get_mut(*group) {
                g.all.push(name.clone());
                if *required_path && spec.required {
                    g.required.push(name.clone());
                }
            }
        }
        let mut trace = Trace::of(&spec.property.iri);
        trace
            .secondary
            .extend(ctx.via.iter().map(|v| (*v).to_owned()));
        trace.notes = spec.notes;
        let conditions: Vec<Expr> = spec
            .conds
            .iter()
            .map(|c| expr::condition(c, &name, self.dialect))
            .collect();
        if let Some(condition) = expr::and(conditions) {
            let check_name = table.constraint_name(&name, "check");
            table.checks.push(Check {
                name: check_name,
                expr: condition,
                allowed: Vec::new(),
                trace: Trace::default(),
            });
        }
        if let Some((enumeration, allowed)) = spec.allowed {
            let labels: Vec<String> = allowed.iter().map(|a| a.label.clone()).collect();
            let check_name = table.constraint_name(&name, "check");
            table.checks.push(Check {
                name: check_name,
                expr: expr::in_strings(&name, &labels, false, self.dialect),
                allowed,
                trace: Trace {
                    secondary: vec![enumeration],
                    ..Trace::default()
                },
            });
        }
        let comment = spec
            .comment
            .unwrap_or_else(|| comment(&spec.property.text, &name));
        table.columns.push(Column {
            name: name.clone(),
            data_type: spec.data_type,
            not_null: ctx.key.is_some() || (spec.required && !ctx.nullable),
            comment,
            enum_type: spec.enum_type,
            trace,
        });
        name
    }

    /// Every own class, enumeration, value and property that nothing
    /// realizes (unused ones) is realized by the schema, with a note.
    fn trace_unrealized(&mut self) {
        let mut realized: BTreeSet<String> = BTreeSet::new();
        {
            let mut add = |t: &Trace| realized.extend(t.iris().map(str::to_owned));
            for e in &self.schema.enum_types {
                add(&e.trace);
                e.labels.iter().for_each(|l| add(&l.trace));
            }
            for t in &self.schema.tables {
                add(&t.trace);
                t.columns.iter().for_each(|c| add(&c.trace));
                t.foreign_keys.iter().for_each(|f| add(&f.trace));
                for c in &t.checks {
                    add(&c.trace);
                    c.allowed.iter().for_each(|a| add(&a.trace));
                }
            }
        }
        let root = self.view.root();
        let terms = root
            .classes
            .keys()
            .chain(root.enumerations.keys())
            .chain(
                root.enumerations
                    .values()
                    .flat_map(|e| e.values.iter().map(|v| &v.iri)),
            )
            .chain(root.properties.keys());
        for iri in terms {
            if !realized.contains(iri) {
                self.schema.trace.secondary.push(iri.clone());
                self.schema.trace.notes.push(format!(
                    "<{iri}> is used by no class of the model: no table or column realizes it"
                ));
            }
        }
    }
}

/// What a column is made from.
struct Spec<'v> {
    property: &'v Property,
    wanted: String,
    data_type: DataType,
    required: bool,
    conds: Vec<Cond>,
    notes: Vec<String>,
    comment: Option<Option<String>>,
    enum_type: Option<PartRef>,
    /// The enumeration and its values, for a `col IN (...)` check.
    allowed: Option<(String, Vec<Allowed>)>,
}

impl<'v> Spec<'v> {
    fn new(property: &'v Property, wanted: String, data_type: DataType, required: bool) -> Self {
        Self {
            property,
            wanted,
            data_type,
            required,
            conds: Vec::new(),
            notes: Vec::new(),
            comment: None,
            enum_type: None,
            allowed: None,
        }
    }

    fn conds(mut self, conds: Vec<Cond>) -> Self {
        self.conds = conds;
        self
    }

    fn notes(mut self, notes: Vec<String>) -> Self {
        self.notes = notes;
        self
    }

    fn comment(mut self, comment: Option<String>) -> Self {
        self.comment = Some(comment);
        self
    }
}

impl<'v> Ctx<'v> {
    /// The context inside an optional value: its columns are nullable, and
    /// present together as a new group.
    fn optional(&self, table: &mut Table, hint: &str) -> Self {
        table.groups.push(Group {
            hint: hint.to_owned(),
            guard: Guard::AllNull,
            all: Vec::new(),
            required: Vec::new(),
        });
        let mut inner = self.clone();
        inner.nullable = true;
        for (_, required_path) in &mut inner.groups {
            *required_path = false;
        }
        inner.groups.push((table.groups.len() - 1, true));
        inner
    }
}

fn allowed(e: &Enumeration) -> Vec<Allowed> {
    e.values
        .iter()
        .map(|v| Allowed {
            label: local_name(&v.iri).to_owned(),
            trace: Trace::of(&v.iri),
        })
        .collect()
}

fn cardinality_notes(p: &Property, owner: &str) -> Vec<String> {
    let mut notes = Vec::new();
    if p.min_count > 0 {
        notes.push(format!(
            "at least {} row(s) per {owner} row: not enforced, a constraint cannot require child rows",
            p.min_count
        ));
    }
    if let Some(max) = p.max_count {
        notes.push(format!("at most {max} rows per {owner} row: not enforced"));
    }
    notes
}

fn unreferenced(class: &Class) -> String {
    format!(
        "no foreign key to <{}>: its model is not imported explicitly, so its table is not known to exist",
        class.iri
    )
}
