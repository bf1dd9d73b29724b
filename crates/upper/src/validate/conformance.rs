//! The generic layer, driven by Upper itself: every node typed with an Upper
//! class has the properties Upper gives that class, with the cardinalities,
//! datatypes and targets Upper declares.

use super::*;

impl Ctx<'_, '_> {
    /// Every node typed with an Upper kind has what Upper says that kind has.
    pub(super) fn check_conformance(&self, out: &mut Vec<Diagnostic>) {
        let graph = self.doc().graph();
        let mut typed: HashMap<NamedOrBlankNodeRef<'_>, BTreeSet<NamedNodeRef<'_>>> =
            HashMap::new();
        for t in graph.triples_for_predicate(rdf::TYPE) {
            if let TermRef::NamedNode(kind) = t.object {
                if self.meta.is_class(kind.as_str()) {
                    typed.entry(t.subject).or_default().insert(kind);
                }
            }
        }
        for (node, kinds) in typed {
            let iri = match node {
                NamedOrBlankNodeRef::NamedNode(n) => n.as_str(),
                _ => {
                    out.push(
                        Diagnostic::error(
                            Code::BlankTerm,
                            "a term is a blank node; terms must be IRIs",
                        )
                        .at(Some(self.doc().subject_location(node))),
                    );
                    continue;
                }
            };
            if !self.owned_here(iri) && iri != self.unit.iri {
                continue; // a restatement of an imported term: see check_extensions
            }
            if kinds.contains(&vocab::ATTRIBUTE) && kinds.contains(&vocab::RELATIONSHIP) {
                out.push(
                    Diagnostic::error(
                        Code::AttributeAndRelationship,
                        format!("{} is both an upper:Attribute and an upper:Relationship", self.c(iri)),
                    )
                    .with_iri(iri)
                    .at(self.at_subject(iri))
                    .help("an attribute holds literals, a relationship points at instances of a class: choose one"),
                );
                continue;
            } else if kinds.len() > 1 {
                let names: Vec<String> = kinds.iter().map(|k| self.c(k.as_str())).collect();
                out.push(
                    Diagnostic::error(
                        Code::ConflictingKinds,
                        format!(
                            "{} has more than one kind: {}",
                            self.c(iri),
                            names.join(", ")
                        ),
                    )
                    .with_iri(iri)
                    .at(self.at_subject(iri)),
                );
                continue;
            }
            for kind in &kinds {
                self.check_node(NamedNodeRef::new_unchecked(iri), *kind, out);
            }
        }
    }

    fn check_node(
        &self,
        node: NamedNodeRef<'_>,
        kind: NamedNodeRef<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        let graph = self.doc().graph();
        let Some(class) = self.meta.view.class(kind.as_str()) else {
            return;
        };
        let props = self.meta.view.all_properties(class);
        let allowed: HashSet<&str> = props.iter().map(|p| p.iri.as_str()).collect();
        let is_nested_or_enum = kind == vocab::NESTED_CLASS || kind == vocab::ENUMERATION;
        for t in graph.triples_for_subject(node) {
            let p = t.predicate.as_str();
            if !p.starts_with(vocab::NS) || allowed.contains(p) || !self.meta.terms.contains(p) {
                continue;
            }
            let d = if t.predicate == vocab::PRIMARY_KEY && is_nested_or_enum {
                Diagnostic::error(
                    Code::UnexpectedKey,
                    format!(
                        "{} is an {} and cannot have a primary key",
                        self.c(node.as_str()),
                        self.c(kind.as_str())
                    ),
                )
                .help("only upper:DirectClass has a key; make it a direct class or remove the key")
            } else {
                Diagnostic::error(
                    Code::NotApplicable,
                    format!(
                        "{} does not apply to an {}",
                        self.c(p),
                        self.c(kind.as_str())
                    ),
                )
            };
            out.push(d.with_iri(node.as_str()).at(self.at_triple(t)));
        }
        for prop in props {
            if prop.iri == vocab::IRI.as_str() {
                continue; // implicit: the node's own IRI
            }
            let predicate = NamedNodeRef::new_unchecked(&prop.iri);
            let mut objects: Vec<TermRef<'_>> = graph
                .objects_for_subject_predicate(node, predicate)
                .collect();
            // In the order they are written, so that "the extra value" is the later one.
            // Only a diagnostic below picks a value by its rank (diagnostics are sorted
            // by location in the end), and finding where each is written is costly.
            let n = objects.len() as u64;
            let ranked =
                prop.ordered || n < prop.min_count || prop.max_count.is_some_and(|m| n > m);
            if ranked {
                objects.sort_by_cached_key(|o| {
                    let at = self
                        .doc()
                        .triple_location(TripleRef::new(node, predicate, *o));
                    (at.line, at.column, o.to_string())
                });
            }
            let mut values: Vec<Term> = objects.iter().map(|o| o.into_owned()).collect();
            let first_triple = objects.first().map(|o| TripleRef::new(node, predicate, *o));
            if prop.ordered && objects.len() == 1 {
                match read_list(graph, objects[0]) {
                    Ok(members) => values = members,
                    Err(why) => {
                        out.push(
                            Diagnostic::error(
                                Code::BadList,
                                format!(
                                    "the value of {} on {} {why}",
                                    self.c(&prop.iri),
                                    self.c(node.as_str())
                                ),
                            )
                            .with_iri(node.as_str())
                            .at(first_triple.and_then(|t| self.at_triple(t))),
                        );
                        continue;
                    }
                }
            }
            // Human text counts per language: a label in English and one in
            // French are one label, in two languages.
            let per_language =
                prop.iri == vocab::LABEL.as_str() || prop.iri == vocab::DESCRIPTION.as_str();
            let repeated = per_language.then(|| repeated_language(&values)).flatten();
            let count = match repeated {
                Some((_, n)) => n,
                None if per_language => values.len().min(1) as u64,
                None => values.len() as u64,
            };
            if count < prop.min_count {
                let code = match prop.iri.as_str() {
                    i if i == vocab::DOMAIN.as_str() => Code::MissingDomain,
                    i if i == vocab::DATATYPE.as_str() => Code::MissingDatatype,
                    i if i == vocab::CLASS_PROP.as_str() => Code::MissingRelationshipTarget,
                    i if i == vocab::ONE_OF.as_str() => Code::EmptyEnumeration,
                    _ => Code::MissingValue,
                };
                if code == Code::MissingDomain {
                    continue; // reported by check_model_node, once
                }
                let message = if code == Code::EmptyEnumeration {
                    format!("enumeration {} has no values", self.c(node.as_str()))
                } else {
                    format!(
                        "{} is an {} but has no {} (Upper requires {})",
                        self.c(node.as_str()),
                        self.c(kind.as_str()),
                        self.c(&prop.iri),
                        cardinality_text(prop.min_count, prop.max_count)
                    )
                };
                out.push(
                    Diagnostic::error(code, message)
                        .with_iri(node.as_str())
                        .at(first_triple
                            .and_then(|t| self.at_triple(t))
                            .or(self.at_subject(node.as_str()))),
                );
            }
            if let Some(max) = prop.max_count {
                if count > max && !prop.ordered {
                    let (language, extra) = match &repeated {
                        Some((language, _)) => (
                            language.as_ref().map_or_else(
                                || " without a language tag".to_owned(),
                                |tag| format!(" in language `{tag}`"),
                            ),
                            objects
                                .iter()
                                .filter(|o| language_of(**o) == *language)
                                .nth(1),
                        ),
                        None => (String::new(), objects.get(1)),
                    };
                    let per = if per_language { " per language" } else { "" };
                    out.push(
                        Diagnostic::error(
                            Code::TooManyValues,
                            format!(
                                "{} has {count} values for {}{language}; Upper allows {}{per}",
                                self.c(node.as_str()),
                                self.c(&prop.iri),
                                cardinality_text(prop.min_count, prop.max_count)
                            ),
                        )
                        .with_iri(node.as_str())
                        .at(extra
                            .and_then(|o| self.at_triple(TripleRef::new(node, predicate, *o)))),
                    );
                }
            }
            if prop.ordered && objects.len() > 1 {
                out.push(
                    Diagnostic::error(
                        Code::TooManyValues,
                        format!(
                            "{} has {} lists for {}; give one list",
                            self.c(node.as_str()),
                            objects.len(),
                            self.c(&prop.iri)
                        ),
                    )
                    .with_iri(node.as_str())
                    .at(self.at_triple(TripleRef::new(node, predicate, objects[1]))),
                );
            }
            for value in values.iter().map(Term::as_ref) {
                // Found only for a diagnostic: finding it is the costly part of a valid value.
                let at = || {
                    if prop.ordered {
                        self.member_location(value)
                            .or_else(|| first_triple.and_then(|t| self.at_triple(t)))
                    } else {
                        self.at_triple(TripleRef::new(node, predicate, value))
                    }
                };
                self.check_value(node, kind, prop, value, &at, out);
            }
        }
    }

    fn check_value(
        &self,
        node: NamedNodeRef<'_>,
        kind: NamedNodeRef<'_>,
        prop: &crate::Property,
        value: TermRef<'_>,
        at: &dyn Fn() -> Option<crate::Location>,
        out: &mut Vec<Diagnostic>,
    ) {
        let p = prop.iri.as_str();
        let is_count = p == vocab::MIN_COUNT.as_str() || p == vocab::MAX_COUNT.as_str();
        match &prop.kind {
            PropertyKind::Attribute { datatype } => {
                let builtin = Builtin::from_iri(datatype).unwrap_or(Builtin::String);
                let ok = matches!(value, TermRef::Literal(l) if builtin.accepts(l));
                if !ok {
                    let code = if is_count {
                        Code::BadCount
                    } else {
                        Code::WrongValueType
                    };
                    out.push(
                        Diagnostic::error(
                            code,
                            format!(
                                "the {} of {} is {}, which is not a valid {}",
                                self.c(p),
                                self.c(node.as_str()),
                                show_term(value),
                                self.c(datatype)
                            ),
                        )
                        .with_iri(node.as_str())
                        .at(at()),
                    );
                }
            }
            PropertyKind::Relationship { class: wanted } => {
                // Imports are resolved by check_imports, key members by the key checks.
                if p == vocab::IMPORTS.as_str() || p == vocab::PRIMARY_KEY.as_str() {
                    return;
                }
                let target = match value {
                    TermRef::NamedNode(n) => n.as_str(),
                    _ => {
                        out.push(
                            Diagnostic::error(
                                Code::WrongValueKind,
                                format!(
                                    "the {} of {} must name a term with an IRI, not {}",
                                    self.c(p),
                                    self.c(node.as_str()),
                                    show_term(value)
                                ),
                            )
                            .with_iri(node.as_str())
                            .at(at()),
                        );
                        return;
                    }
                };
                let kinds = self.kinds.get(target);
                let fits = kinds.is_some_and(|ks| ks.iter().any(|k| self.meta.is_a(k, wanted)));
                if fits {
                    return;
                }
                let (code, what) = match p {
                    _ if p == vocab::DATATYPE.as_str() => (
                        Code::UnsupportedDatatype,
                        "a built-in datatype or a declared upper:Datatype",
                    ),
                    _ if p == vocab::BASE_TYPE.as_str() => {
                        (Code::BadDatatype, "a built-in datatype")
                    }
                    _ if p == vocab::CLASS_PROP.as_str() => (
                        Code::UnknownRelationshipTarget,
                        "a class or enumeration of this model or of its imports",
                    ),
                    _ if p == vocab::ONE_OF.as_str() => {
                        (Code::NotAnEnumValue, "an upper:EnumValue")
                    }
                    _ if p == vocab::SUB_CLASS_OF.as_str() => (
                        Code::UnknownSuperclass,
                        "a class of this model or of its imports",
                    ),
                    _ if p == vocab::PROPERTY.as_str() => (
                        Code::UnknownProperty,
                        "an upper:Attribute or upper:Relationship",
                    ),
                    _ => (Code::WrongValueKind, "a term of the right kind"),
                };
                let mut d = Diagnostic::error(
                    code,
                    format!(
                        "the {} of {} is {}, which is not {what}",
                        self.c(p),
                        self.c(node.as_str()),
                        self.c(target)
                    ),
                )
                .with_iri(target)
                .at(at());
                if let Some(elsewhere) = self.defined_outside_scope(target) {
                    d = d.note(format!(
                        "it is defined by <{elsewhere}>, which this model does not import"
                    ));
                }
                if code == Code::UnsupportedDatatype {
                    let local = local_name(target).to_lowercase();
                    if let Some(b) = Builtin::ALL
                        .iter()
                        .find(|b| local_name(b.iri()).to_lowercase() == local)
                    {
                        d = d.help(format!("did you mean {}?", self.c(b.iri())));
                    }
                }
                let _ = kind;
                out.push(d);
            }
        }
    }

    fn defined_outside_scope(&self, term: &str) -> Option<&str> {
        let owner = *self.owner.get(term)?;
        (!self.scope.contains(&owner)).then(|| self.units[owner].iri.as_str())
    }
}

/// The language of a text value, as the cardinality of human text counts
/// it: its tag in lower case, `None` for a plain string.
fn language_of(value: TermRef<'_>) -> Option<String> {
    match value {
        TermRef::Literal(l) => l.language().map(str::to_ascii_lowercase),
        _ => None,
    }
}

/// The language with the most values among `values`, and how many it has,
/// when one has more than one (the first such language in sort order).
fn repeated_language(values: &[Term]) -> Option<(Option<String>, u64)> {
    let mut counts: BTreeMap<Option<String>, u64> = BTreeMap::new();
    for value in values {
        *counts.entry(language_of(value.as_ref())).or_default() += 1;
    }
    let most = counts.values().copied().max()?;
    counts.into_iter().find(|(_, n)| *n == most && most > 1)
}
