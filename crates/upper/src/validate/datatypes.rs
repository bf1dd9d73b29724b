//! Domain datatypes: a built-in base and facets that fit it.

use super::*;

impl Ctx<'_, '_> {
    pub(super) fn check_datatype(&self, d: &crate::Datatype, out: &mut Vec<Diagnostic>) {
        let node = NamedNodeRef::new_unchecked(&d.iri);
        let graph = self.doc().graph();
        let mut problems = Vec::new();
        match graph.object_for_subject_predicate(node, vocab::BASE_TYPE) {
            None => problems
                .push("has no upper:baseType (the built-in datatype it restricts)".to_owned()),
            Some(TermRef::NamedNode(b)) if Builtin::from_iri(b.as_str()).is_none() => problems
                .push(format!(
                    "has base type {}, which is not a built-in datatype",
                    self.c(b.as_str())
                )),
            _ => {}
        }
        let f = &d.facets;
        let base = d.base;
        if (f.min_length.is_some() || f.max_length.is_some() || f.pattern.is_some())
            && !base.is_textual()
        {
            problems.push(format!(
                "has length or pattern facets but its base {} is not textual",
                self.c(base.iri())
            ));
        }
        if let (Some(min), Some(max)) = (f.min_length, f.max_length) {
            if min > max {
                problems.push(format!(
                    "has upper:minLength {min} greater than upper:maxLength {max}"
                ));
            }
        }
        if (f.precision.is_some() || f.scale.is_some()) && base != Builtin::Decimal {
            problems.push("has precision or scale but its base is not xsd:decimal".to_owned());
        }
        if let (Some(p), Some(s)) = (f.precision, f.scale) {
            if s > p {
                problems.push(format!(
                    "has upper:scale {s} greater than upper:precision {p}"
                ));
            }
        }
        if f.precision == Some(0) {
            problems.push("has upper:precision 0; a decimal needs at least one digit".to_owned());
        }
        let ranged = [
            &f.min_inclusive,
            &f.max_inclusive,
            &f.min_exclusive,
            &f.max_exclusive,
        ];
        if ranged.iter().any(|r| r.is_some()) && !base.is_numeric() {
            problems.push(format!(
                "has range facets but its base {} is not numeric",
                self.c(base.iri())
            ));
        }
        if let Some(pattern) = &f.pattern {
            if let Err(e) = regex::Regex::new(pattern) {
                problems.push(format!("has an invalid upper:pattern: {e}"));
            }
        }
        for problem in problems {
            out.push(
                Diagnostic::error(
                    Code::BadDatatype,
                    format!("datatype {} {problem}", self.c(&d.iri)),
                )
                .with_iri(&d.iri)
                .at(Some(d.location.clone())),
            );
        }
    }
}
