//! The semantic layer: what Upper's own vocabulary cannot state about
//! classes, properties and enumerations (cardinalities, taxonomies, name
//! collisions); keys and datatypes have modules of their own.

use super::*;

impl Ctx<'_, '_> {
    pub(super) fn check_semantics(
        &self,
        model: &DomainModel,
        view: &ModelView<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        for prop in model.properties.values() {
            if let Some(max) = prop.max_count {
                if prop.min_count > max {
                    out.push(
                        Diagnostic::error(
                            Code::MinAboveMax,
                            format!(
                                "{} has upper:minCount {} greater than upper:maxCount {max}",
                                self.c(&prop.iri),
                                prop.min_count
                            ),
                        )
                        .with_iri(&prop.iri)
                        .at(Some(prop.location.clone())),
                    );
                }
            }
        }
        let mut extents = Extents::new(view);
        for class in model.classes.values() {
            self.check_taxonomy(class, view, out);
            self.check_key(class, view, out);
            self.check_extent(class, &mut extents, out);
            self.check_collisions(class, view, out);
        }
        for e in model.enumerations.values() {
            let node = NamedNodeRef::new_unchecked(&e.iri);
            if self
                .doc()
                .graph()
                .object_for_subject_predicate(node, vocab::PROPERTY)
                .is_some()
            {
                out.push(
                    Diagnostic::error(
                        Code::EnumerationWithProperties,
                        format!("enumeration {} declares properties; enumerations are closed sets of values", self.c(&e.iri)),
                    )
                    .with_iri(&e.iri)
                    .at(Some(e.location.clone()))
                    .help("use an upper:NestedClass or upper:DirectClass for values with properties"),
                );
            }
            if self
                .doc()
                .graph()
                .object_for_subject_predicate(node, vocab::SUB_CLASS_OF)
                .is_some()
            {
                out.push(
                    Diagnostic::error(
                        Code::TaxonomyKinds,
                        format!(
                            "enumeration {} cannot be in a taxonomy (upper:subClassOf)",
                            self.c(&e.iri)
                        ),
                    )
                    .with_iri(&e.iri)
                    .at(Some(e.location.clone())),
                );
            }
        }
        for d in model.datatypes.values() {
            self.check_datatype(d, out);
        }
        let mut names: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        for iri in model.classes.keys().chain(model.enumerations.keys()) {
            names
                .entry(local_name(iri).to_lowercase())
                .or_default()
                .push(iri);
        }
        for clash in names.values().filter(|v| v.len() > 1) {
            self.push_collision("terms", clash, out);
        }
    }

    pub(super) fn check_taxonomy(
        &self,
        class: &Class,
        view: &ModelView<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        let Some(parent_iri) = &class.parent else {
            return;
        };
        // Cycle: walking up from the class comes back to it.
        let mut seen = vec![class.iri.as_str()];
        let mut next = view.class(parent_iri);
        while let Some(c) = next {
            if c.iri == class.iri {
                out.push(
                    Diagnostic::error(
                        Code::TaxonomyCycle,
                        format!(
                            "upper:subClassOf forms a cycle: {} -> {}",
                            seen.iter()
                                .map(|s| self.c(s))
                                .collect::<Vec<_>>()
                                .join(" -> "),
                            self.c(&class.iri)
                        ),
                    )
                    .with_iri(&class.iri)
                    .at(Some(class.location.clone())),
                );
                return;
            }
            if seen.contains(&c.iri.as_str()) {
                return; // a cycle above this class; reported on its members
            }
            seen.push(&c.iri);
            next = c.parent.as_deref().and_then(|p| view.class(p));
        }
        let parent_kind = view.class(parent_iri).map(|p| p.kind);
        let is_enum = view.enumeration(parent_iri).is_some();
        if is_enum || parent_kind.is_some_and(|k| k != class.kind) {
            let what = if is_enum {
                "an enumeration".to_owned()
            } else {
                match parent_kind {
                    Some(ClassKind::Direct) => "a direct (keyed) class".to_owned(),
                    _ => "a nested class".to_owned(),
                }
            };
            let own = match class.kind {
                ClassKind::Direct => "direct class",
                ClassKind::Nested => "nested class",
            };
            out.push(
                Diagnostic::error(
                    Code::TaxonomyKinds,
                    format!("{own} {} cannot be a subclass of {}, {what}", self.c(&class.iri), self.c(parent_iri)),
                )
                .with_iri(&class.iri)
                .at(Some(class.location.clone()))
                .help("a taxonomy relates classes of one kind: direct under direct, nested under nested"),
            );
        }
    }

    pub(super) fn check_collisions(
        &self,
        class: &Class,
        view: &ModelView<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        let mut names: BTreeMap<String, Vec<&str>> = BTreeMap::new();
        for p in view.all_properties(class) {
            names
                .entry(local_name(&p.iri).to_lowercase())
                .or_default()
                .push(&p.iri);
        }
        for clash in names.values().filter(|v| v.len() > 1) {
            self.push_collision(&format!("properties of {}", self.c(&class.iri)), clash, out);
        }
    }

    pub(super) fn push_collision(&self, what: &str, clash: &[&str], out: &mut Vec<Diagnostic>) {
        let shown: Vec<String> = clash.iter().map(|i| self.c(i)).collect();
        let last = clash[clash.len() - 1];
        out.push(
            Diagnostic::error(
                Code::NameCollision,
                format!(
                    "{what} {} differ only in case and collide once projected",
                    shown.join(" and ")
                ),
            )
            .with_iri(last)
            .at(self.at_subject(last))
            .note("targets such as SQL fold case; the projections will rename one of them"),
        );
    }
}
