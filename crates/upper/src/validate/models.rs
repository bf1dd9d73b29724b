//! The checks of a model as a whole: its model node (`upper:domain`), its
//! imports, the Upper terms it uses, and what it says about terms owned by
//! the models it imports (extension may only add properties).

use super::*;
use crate::dialect;

impl Ctx<'_, '_> {
    pub(super) fn check_model_node(&self, out: &mut Vec<Diagnostic>) {
        let model = NamedNodeRef::new_unchecked(&self.unit.iri);
        let domains: Vec<_> = self
            .doc()
            .graph()
            .objects_for_subject_predicate(model, vocab::DOMAIN)
            .collect();
        if domains.is_empty() {
            out.push(
                Diagnostic::error(
                    Code::MissingDomain,
                    format!("domain model {} has no upper:domain", self.c(&self.unit.iri)),
                )
                .with_iri(&self.unit.iri)
                .at(self.at_subject(&self.unit.iri))
                .help("add a short name, e.g. `upper:domain \"movies\"`; it names generated namespaces and schemas"),
            );
        }
        for domain in domains {
            let TermRef::Literal(name) = domain else {
                continue; // not a literal: U113, from the conformance checks
            };
            if !is_short_name(name.value()) {
                out.push(
                    Diagnostic::error(
                        Code::BadDomain,
                        format!(
                            "the upper:domain of {} is \"{}\", which is not a short name",
                            self.c(&self.unit.iri),
                            name.value().escape_debug()
                        ),
                    )
                    .with_iri(&self.unit.iri)
                    .at(self.at_triple(TripleRef::new(model, vocab::DOMAIN, domain)))
                    .help("a domain names generated files, namespaces and schemas: a letter, then at most 63 letters, digits, `_` or `-`, e.g. `upper:domain \"movies\"`"),
                );
            }
        }
    }

    pub(super) fn check_imports(
        &self,
        index: &HashMap<String, usize>,
        closures: &[BTreeSet<usize>],
        broken_inputs: bool,
        out: &mut Vec<Diagnostic>,
    ) {
        let model = NamedNodeRef::new_unchecked(&self.unit.iri);
        for import in &self.unit.imports {
            if index.contains_key(import) {
                continue;
            }
            let object = NamedNodeRef::new_unchecked(import);
            let mut d = Diagnostic::error(
                Code::ImportNotFound,
                format!("imported model <{import}> cannot be found"),
            )
            .with_iri(import.as_str())
            .at(self.at_triple(TripleRef::new(model, vocab::IMPORTS, object)))
            .help("pass the file that declares it, or a directory holding it with -I");
            if broken_inputs {
                d = d.note(
                    "some files could not be parsed; the model may be declared in one of them",
                );
            }
            out.push(d);
        }
        if closures[self.index].contains(&self.index) {
            let smallest = closures[self.index]
                .iter()
                .filter(|&&o| closures[o].contains(&self.index))
                .map(|&o| self.units[o].iri.as_str())
                .min()
                .unwrap_or(&self.unit.iri);
            if smallest == self.unit.iri {
                out.push(
                    Diagnostic::error(
                        Code::ImportCycle,
                        format!("{} imports itself through a cycle of imports", self.c(&self.unit.iri)),
                    )
                    .with_iri(&self.unit.iri)
                    .at(self.at_subject(&self.unit.iri))
                    .note("cycles are allowed; each model in the cycle is still checked with all the others"),
                );
            }
        }
    }

    /// A model written in Netflix's dialect is read as uda's Upper: say so,
    /// once, where the file first uses it.
    pub(super) fn check_dialect(&self, out: &mut Vec<Diagnostic>) {
        let Some(used) = self.doc().dialect() else {
            return;
        };
        let mut d = Diagnostic::error(
            Code::NetflixDialect,
            format!(
                "{} is written in Netflix's Upper dialect (<{}>); it is read as uda's Upper",
                self.c(&self.unit.iri),
                dialect::NETFLIX_NS
            ),
        )
        .with_iri(used.term)
        .at(Some(used.location))
        .note("its upper:keyedOn is read as uda's upper:primaryKey, owl:imports as upper:imports, its other terms as uda's of the same local name (ontologies/upper.ttl lists them)");
        if used.mixed {
            d = d.note(format!(
                "the file also names terms of uda's namespace <{}>: both are read as the same Upper",
                vocab::NS
            ));
        }
        out.push(d);
    }

    pub(super) fn check_unknown_upper_terms(&self, out: &mut Vec<Diagnostic>) {
        for t in self.doc().graph() {
            let mut names = vec![t.predicate];
            if let NamedOrBlankNodeRef::NamedNode(s) = t.subject {
                names.push(s);
            }
            if let TermRef::NamedNode(o) = t.object {
                names.push(o);
            }
            for name in names {
                let iri = name.as_str();
                // What the dialect does not translate is left as written.
                if dialect::is_netflix(iri) && self.unit.iri != vocab::MODEL {
                    out.push(self.unknown_netflix_term(t, name));
                } else if iri.starts_with(vocab::NS)
                    && !self.meta.terms.contains(iri)
                    && self.unit.iri != vocab::MODEL
                {
                    let mut d = Diagnostic::error(
                        Code::UnknownUpperTerm,
                        format!("{} is not a term of Upper", self.c(iri)),
                    )
                    .with_iri(iri)
                    .at(Some(self.doc().term_location(t, name.into())));
                    if let Some(s) = self.meta.suggest(iri) {
                        d = d.help(format!("did you mean {}?", self.c(s)));
                    }
                    out.push(d);
                }
            }
        }
    }

    /// A term of Netflix's namespace that has no uda equivalent: its
    /// statements are ignored when it is their predicate (whatever it says of
    /// the term is lost, but the model still reads), an error otherwise (a
    /// kind or a value uda cannot read).
    fn unknown_netflix_term(&self, t: TripleRef<'_>, name: NamedNodeRef<'_>) -> Diagnostic {
        let (code, consequence) = if name == t.predicate {
            (Code::UnknownNetflixPredicate, "; this statement is ignored")
        } else {
            (Code::UnknownNetflixTerm, "")
        };
        let mut d = Diagnostic::error(
            code,
            format!(
                "{} is a term of Netflix's Upper with no uda equivalent{consequence}",
                self.c(name.as_str())
            ),
        )
        .with_iri(name.as_str())
        .at(Some(self.doc().term_location(t, name.into())));
        if let Some(spelling) = nearest(name.as_str(), dialect::netflix_spellings()) {
            d = d.help(format!("did you mean {}?", self.c(spelling)));
        } else {
            d = d.help("ontologies/upper.ttl lists the terms of Netflix's Upper that uda reads");
        }
        d
    }

    /// Statements about terms owned by imported models may only add properties to classes.
    pub(super) fn check_extensions(&self, out: &mut Vec<Diagnostic>) {
        let graph = self.doc().graph();
        for t in graph {
            let NamedOrBlankNodeRef::NamedNode(subject) = t.subject else {
                continue;
            };
            let s = subject.as_str();
            if self.owned_here(s) || s == self.unit.iri {
                continue;
            }
            let Some(&owner) = self.owner.get(s) else {
                if t.predicate == vocab::PROPERTY {
                    out.push(
                        Diagnostic::error(
                            Code::ExtensionOfUnknown,
                            format!(
                                "{} adds properties to {}, which is not a class of this model or of its imports",
                                self.c(&self.unit.iri),
                                self.c(s)
                            ),
                        )
                        .with_iri(s)
                        .at(self.at_triple(t)),
                    );
                }
                continue;
            };
            let owner_unit = &self.units[owner];
            let typed_here = self.kinds_here(subject);
            if !self.scope.contains(&owner) && typed_here {
                continue; // a conflicting definition, reported as U095
            }
            if !self.scope.contains(&owner) {
                out.push(
                    Diagnostic::error(
                        Code::ExtensionOfUnknown,
                        format!(
                            "{} makes statements about {}, defined by <{}>, which it does not import",
                            self.c(&self.unit.iri),
                            self.c(s),
                            owner_unit.iri
                        ),
                    )
                    .with_iri(s)
                    .at(self.at_triple(t))
                    .help(format!("add `{} <{}>` to the model", self.c(vocab::IMPORTS.as_str()), owner_unit.iri)),
                );
                continue;
            }
            let is_class = owner_unit
                .model
                .as_ref()
                .is_some_and(|m| m.classes.contains_key(s));
            if t.predicate == vocab::PROPERTY && is_class {
                continue; // extension: allowed
            }
            if owner_unit.doc.graph().contains(t) {
                continue; // restating what the owner says changes nothing
            }
            let owner_value: Vec<String> = owner_unit
                .doc
                .graph()
                .objects_for_subject_predicate(subject, t.predicate)
                .map(show_term)
                .collect();
            let change = if t.predicate == vocab::MIN_COUNT || t.predicate == vocab::MAX_COUNT {
                format!(
                    "sets {} of {} to {} where <{}> says {}",
                    self.c(t.predicate.as_str()),
                    self.c(s),
                    show_term(t.object),
                    owner_unit.iri,
                    if owner_value.is_empty() {
                        "nothing".to_owned()
                    } else {
                        owner_value.join(", ")
                    }
                )
            } else if t.predicate == rdf::TYPE {
                format!(
                    "retypes {} (owned by <{}>) as {}",
                    self.c(s),
                    owner_unit.iri,
                    show_term(t.object)
                )
            } else {
                format!(
                    "changes {} of {} (owned by <{}>)",
                    self.c(t.predicate.as_str()),
                    self.c(s),
                    owner_unit.iri
                )
            };
            out.push(
                Diagnostic::error(Code::ExtensionChange, format!("{} {change}", self.c(&self.unit.iri)))
                    .with_iri(s)
                    .at(self.at_triple(t))
                    .note(format!(
                        "extension is monotonic: <{}> may add upper:property arcs to classes of <{}>, never change what it owns",
                        self.unit.iri, owner_unit.iri
                    )),
            );
        }
    }
}
