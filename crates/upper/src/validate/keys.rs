//! Keys: every direct class has one, own or inherited, made of required
//! single-valued properties, and it unfolds within the bounds of [`extent`].

use super::*;

impl Ctx<'_, '_> {
    pub(super) fn check_key(&self, class: &Class, view: &ModelView<'_>, out: &mut Vec<Diagnostic>) {
        if class.kind != ClassKind::Direct {
            return;
        }
        let inherited = view
            .ancestors(class)
            .into_iter()
            .find(|a| !a.primary_key.is_empty());
        if class.primary_key.is_empty() {
            let node = NamedNodeRef::new_unchecked(&class.iri);
            // A malformed key (U065) or an invalid parent (U071, U072) is
            // already reported; a missing key would only repeat it.
            let key_written = self
                .doc()
                .graph()
                .object_for_subject_predicate(node, vocab::PRIMARY_KEY)
                .is_some();
            let bad_parent = class
                .parent
                .as_deref()
                .is_some_and(|p| view.class(p).is_none_or(|p| p.kind != class.kind));
            if inherited.is_none() && !key_written && !bad_parent {
                out.push(
                    Diagnostic::error(
                        Code::MissingKey,
                        format!(
                            "direct class {} has no primary key, own or inherited",
                            self.c(&class.iri)
                        ),
                    )
                    .with_iri(&class.iri)
                    .at(Some(class.location.clone()))
                    .help(format!(
                        "add `{} ( ... )`, or make it an {} if it has no identity",
                        self.c(vocab::PRIMARY_KEY.as_str()),
                        self.c(vocab::NESTED_CLASS.as_str())
                    )),
                );
            }
            return;
        }
        let key_triple = self
            .doc()
            .graph()
            .triples_for_subject(NamedNodeRef::new_unchecked(&class.iri))
            .find(|t| t.predicate == vocab::PRIMARY_KEY);
        let member_at = |member: &str| {
            self.member_location(NamedNodeRef::new_unchecked(member).into())
                .or(Some(class.location.clone()))
        };
        if let Some(ancestor) = inherited {
            out.push(
                Diagnostic::error(
                    Code::KeyRedeclared,
                    format!(
                        "{} declares a primary key but inherits one from {}",
                        self.c(&class.iri),
                        self.c(&ancestor.iri)
                    ),
                )
                .with_iri(&class.iri)
                .at(key_triple.map(|t| self.doc().triple_location(t)))
                .help("a taxonomy shares one key; remove this one"),
            );
        }
        let all: HashSet<&str> = view
            .all_properties(class)
            .iter()
            .map(|p| p.iri.as_str())
            .collect();
        for member in &class.primary_key {
            if !all.contains(member.as_str()) {
                out.push(
                    Diagnostic::error(
                        Code::KeyNotAProperty,
                        format!(
                            "primary key member {} is not a property of {}",
                            self.c(member),
                            self.c(&class.iri)
                        ),
                    )
                    .with_iri(member.as_str())
                    .at(member_at(member))
                    .help(format!("add it with `upper:property {}`", self.c(member))),
                );
                continue;
            }
            if let Some(p) = view.property(member) {
                if p.min_count < 1 || p.max_count != Some(1) {
                    out.push(
                        Diagnostic::error(
                            Code::KeyNotSingleRequired,
                            format!(
                                "primary key member {} of {} must be required and single-valued (minCount 1, maxCount 1), but is {}",
                                self.c(member),
                                self.c(&class.iri),
                                cardinality_text(p.min_count, p.max_count)
                            ),
                        )
                        .with_iri(member.as_str())
                        .at(member_at(member)),
                    );
                }
            }
        }
    }

    /// A key or nested value the projections could not unfold in bounded
    /// work: see [`extent`].
    pub(super) fn check_extent(
        &self,
        class: &Class,
        extents: &mut Extents<'_, '_>,
        out: &mut Vec<Diagnostic>,
    ) {
        let Some(class) = extents.class(&class.iri) else {
            return;
        };
        let measures = extents.of(class);
        let (code, what, extent, max_width, help) = match class.kind {
            ClassKind::Direct => (
                Code::KeyTooWide,
                "the key of",
                measures.key,
                extent::MAX_KEY_WIDTH,
                "key the class by attributes of its own (an identifier) rather than by relationships to classes keyed by relationships",
            ),
            ClassKind::Nested => (
                Code::ValueTooWide,
                "a value of",
                measures.value,
                extent::MAX_NESTED_WIDTH,
                "make the deepest nested classes direct classes, referred to by key",
            ),
        };
        let problem = if extent.width > max_width {
            format!("unfolds into {} values (attributes and enumeration values reached through relationships); at most {max_width} are allowed", extent.width)
        } else if extent.depth > extent::MAX_DEPTH {
            format!(
                "unfolds through a chain of {} relationships; at most {} are allowed",
                extent.depth,
                extent::MAX_DEPTH
            )
        } else {
            return;
        };
        out.push(
            Diagnostic::error(code, format!("{what} {} {problem}", self.c(&class.iri)))
                .with_iri(&class.iri)
                .at(Some(class.location.clone()))
                .help(help),
        );
    }
}
