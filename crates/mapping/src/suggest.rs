//! Draft mappings suggested from names: which data asset of an existing
//! container realizes which class of a domain model, and which field holds
//! which property, ranked by name and label similarity (case styles,
//! separators, a container-wide prefix, plurals, abbreviations, synonyms),
//! datatype compatibility and key structure. Written as Turtle in uda's
//! mapping vocabulary for a person to review, each with its score and reason.

use crate::check::{fit, value_datatype, Fit};
use crate::container::{Container, System};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use uda_upper::{local_name, Class, ModelView, Property, PropertyKind};

/// Below this score nothing is suggested.
pub const THRESHOLD: f64 = 0.6;

/// A field suggested to hold a property.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldSuggestion {
    pub field: String,
    pub property: String,
    /// From 0 to 1.
    pub score: f64,
    pub reason: String,
}

/// A data asset suggested to realize a class, with its fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub asset: String,
    pub class: String,
    pub score: f64,
    pub reason: String,
    pub fields: Vec<FieldSuggestion>,
}

/// Words that mean the same in names: each maps to the first of its row.
const SYNONYMS: &[&[&str]] = &[
    &["identifier", "id", "key", "ident"],
    &["number", "no", "num", "nr", "nbr"],
    &["name", "label", "title"],
    &["description", "desc", "descr", "text"],
    &["amount", "amt", "sum", "total"],
    &["quantity", "qty", "count", "cnt"],
    &["address", "addr"],
    &["date", "dt", "day"],
    &["time", "tm"],
    &["timestamp", "ts", "at"],
    &["person", "people", "individual"],
    &["customer", "cust", "client"],
    &["code", "cd"],
    &["status", "state", "stat"],
    &["previous", "prev", "prior"],
    &["detail", "details", "dtl"],
    &["tag", "tags"],
    &["email", "mail"],
    &["birth", "born"],
    &["category", "cat"],
    &["organization", "org", "organisation"],
    &["reference", "ref"],
    &["information", "info"],
    &["message", "msg"],
    &["value", "val"],
];

/// The words of a name: split at separators, case changes and digit runs,
/// lower-cased, singular, abbreviations and synonyms replaced by one word.
fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let boundary = match prev {
            Some(p) if p.is_alphanumeric() => {
                (p.is_lowercase() && c.is_uppercase())
                    || (p.is_uppercase()
                        && c.is_uppercase()
                        && next.is_some_and(char::is_lowercase))
                    || (p.is_ascii_digit() != c.is_ascii_digit())
            }
            _ => false,
        };
        if boundary && !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        word.extend(c.to_lowercase());
    }
    if !word.is_empty() {
        out.push(word);
    }
    // `C14s`: the plural of a numbered name.
    if out.len() > 1
        && out.last().is_some_and(|w| w == "s")
        && out[out.len() - 2].chars().all(|c| c.is_ascii_digit())
    {
        out.pop();
    }
    out.into_iter().map(|w| canonical(&w)).collect()
}

/// One word in its canonical form: its synonym row's first, or singular.
fn canonical(word: &str) -> String {
    let row = |w: &str| {
        SYNONYMS
            .iter()
            .find(|row| row.contains(&w))
            .map(|row| row[0])
    };
    if let Some(c) = row(word) {
        return c.to_owned();
    }
    let singular = singular(word);
    row(&singular).map_or(singular, str::to_owned)
}

fn singular(word: &str) -> String {
    if word.len() > 4 {
        if let Some(stem) = word.strip_suffix("ies") {
            return format!("{stem}y");
        }
        for suffix in ["sses", "shes", "ches", "xes"] {
            if word.ends_with(suffix) {
                return word[..word.len() - 2].to_owned();
            }
        }
    }
    match word.strip_suffix('s') {
        Some(stem) if word.len() > 3 && !stem.ends_with('s') && !stem.ends_with('u') => {
            stem.to_owned()
        }
        _ => word.to_owned(),
    }
}

/// How alike two word lists are, from 0 to 1, and why.
fn similarity(a: &[String], b: &[String]) -> (f64, &'static str) {
    if a.is_empty() || b.is_empty() {
        return (0.0, "");
    }
    if a == b {
        return (1.0, "same words");
    }
    let (ja, jb) = (a.concat(), b.concat());
    if ja == jb {
        return (0.95, "same letters");
    }
    let sa: BTreeSet<&String> = a.iter().collect();
    let sb: BTreeSet<&String> = b.iter().collect();
    let common = sa.intersection(&sb).count() as f64;
    let tokens = 2.0 * common / (sa.len() + sb.len()) as f64;
    let bigrams = |s: &str| -> BTreeMap<(char, char), usize> {
        let cs: Vec<char> = s.chars().collect();
        let mut m = BTreeMap::new();
        for w in cs.windows(2) {
            *m.entry((w[0], w[1])).or_insert(0) += 1;
        }
        m
    };
    let (ba, bb) = (bigrams(&ja), bigrams(&jb));
    let shared: usize = ba
        .iter()
        .map(|(k, n)| (*n).min(bb.get(k).copied().unwrap_or(0)))
        .sum();
    let total = ba.values().sum::<usize>() + bb.values().sum::<usize>();
    let letters = if total == 0 {
        0.0
    } else {
        0.9 * 2.0 * shared as f64 / total as f64
    };
    if tokens >= letters {
        (tokens, "shared words")
    } else {
        (letters, "similar spelling")
    }
}

/// The words every name of a domain element is known by: its local name and labels.
fn domain_names(iri: &str, labels: impl Iterator<Item = String>) -> Vec<Vec<String>> {
    let mut names = vec![words(local_name(iri))];
    names.extend(labels.map(|l| words(&l)));
    names.retain(|n| !n.is_empty());
    names.dedup();
    names
}

/// The best similarity of any of `names` to `container`, and why.
fn best(names: &[Vec<String>], container: &[String]) -> (f64, &'static str) {
    names
        .iter()
        .map(|n| similarity(n, container))
        .fold((0.0, ""), |a, b| if b.0 > a.0 { b } else { a })
}

/// The first word most container names start with (`ONEPIECE_` in
/// `ONEPIECE_CHARACTERS`), when more than half of several do: dropped.
fn shared_prefix(names: &[Vec<String>]) -> Option<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for n in names.iter().filter(|n| n.len() > 1) {
        *counts.entry(n[0].as_str()).or_insert(0) += 1;
    }
    counts
        .into_iter()
        .filter(|(_, c)| names.len() >= 3 && *c * 2 > names.len())
        .max_by_key(|(_, c)| *c)
        .map(|(w, _)| w.to_owned())
}

fn strip(mut name: Vec<String>, prefix: Option<&str>) -> Vec<String> {
    if name.len() > 1 && prefix.is_some_and(|p| name[0] == p) {
        name.remove(0);
    }
    name
}

/// Picks pairs greedily by score, each side at most once; ties by IRIs.
fn assign<T: Clone>(mut scored: Vec<(f64, String, String, T)>) -> Vec<(f64, String, String, T)> {
    scored.retain(|s| s.0 >= THRESHOLD);
    scored.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| a.1.cmp(&b.1))
            .then_with(|| a.2.cmp(&b.2))
    });
    let (mut left, mut right) = (BTreeSet::new(), BTreeSet::new());
    scored
        .into_iter()
        .filter(|s| {
            let fresh = !left.contains(&s.1) && !right.contains(&s.2);
            if fresh {
                left.insert(s.1.clone());
                right.insert(s.2.clone());
            }
            fresh
        })
        .collect()
}

/// Suggests, for the keyed classes `model` defines, the data assets of `container`
/// (read as `system` writes it) that realize them and the fields holding
/// their properties. Deterministic: the same inputs give the same list,
/// ordered by class IRI.
pub fn suggest(model: &ModelView<'_>, container: &oxrdf::Graph, system: System) -> Vec<Suggestion> {
    let c = Container::new(container, system);
    let assets = c.assets();
    let asset_names: Vec<Vec<String>> = assets
        .iter()
        .map(|a| words(c.name(a).unwrap_or_default()))
        .collect();
    let prefix = shared_prefix(&asset_names);
    // The model's own keyed classes: an imported class is mapped with the
    // model that defines it.
    let classes: Vec<&Class> = model
        .classes()
        .into_iter()
        .filter(|k| model.root().classes.contains_key(&k.iri) && !model.primary_key(k).is_empty())
        .collect();
    let mut scored = Vec::new();
    for class in &classes {
        let names = domain_names(
            &class.iri,
            class.text.labels.iter().map(|l| l.value.clone()),
        );
        for (asset, name) in assets.iter().zip(&asset_names) {
            let name = strip(name.clone(), prefix.as_deref());
            let (mut score, mut why) = best(&names, &name);
            // A prefix only some names have (`LEGACY_PEOPLE`).
            if name.len() > 1 {
                let (rest, rest_why) = best(&names, &name[1..]);
                if 0.95 * rest > score {
                    (score, why) = (0.95 * rest, rest_why);
                }
            }
            scored.push((score, class.iri.clone(), (*asset).to_owned(), why));
        }
    }
    let mut out: Vec<Suggestion> = assign(scored)
        .into_iter()
        .filter_map(|(score, class, asset, why)| {
            let k = model.class(&class)?;
            Some(Suggestion {
                fields: fields(model, &c, k, &asset),
                reason: format!(
                    "{why}: `{}` and `{}`",
                    local_name(&class),
                    c.name(&asset).unwrap_or_default()
                ),
                asset,
                class,
                score,
            })
        })
        .collect();
    out.sort_by(|a, b| a.class.cmp(&b.class));
    out
}

/// The fields of `asset` suggested for the properties of `class`.
fn fields(
    model: &ModelView<'_>,
    c: &Container<'_>,
    class: &Class,
    asset: &str,
) -> Vec<FieldSuggestion> {
    let asset_words = words(c.name(asset).unwrap_or_default());
    let keys: BTreeSet<&str> = c.key_fields(asset);
    let key_properties: BTreeSet<String> = model
        .primary_key(class)
        .iter()
        .map(|p| p.iri.clone())
        .collect();
    let properties: Vec<&Property> = model.all_properties(class);
    let mut scored = Vec::new();
    for field in c.fields(asset) {
        let mut name = words(c.name(field).unwrap_or_default());
        // `person_name` in `person`: the asset's own words say nothing.
        if name.len() > asset_words.len() && name.starts_with(&asset_words) {
            name.drain(..asset_words.len());
        }
        let ty = c.field_type(field);
        for p in &properties {
            let mut names = domain_names(&p.iri, p.text.labels.iter().map(|l| l.value.clone()));
            if matches!(p.kind, PropertyKind::Relationship { .. }) {
                // A reference is held as the target's key: `person_id`.
                let with_key: Vec<Vec<String>> = names
                    .iter()
                    .map(|n| [n.clone(), vec!["identifier".to_owned()]].concat())
                    .collect();
                names.extend(with_key);
            }
            let (name_score, why) = best(&names, &name);
            let (datatype, fits) = match (value_datatype(model, p), ty) {
                (Some(b), Some(t)) => match fit(b, t) {
                    Fit::Exact => (1.0, "datatype fits"),
                    Fit::Lossy => (0.5, "datatype fits with a loss"),
                    Fit::No => (0.0, "datatype does not fit"),
                },
                _ => (0.5, "datatype not judged"),
            };
            let is_key = key_properties.contains(&p.iri);
            let key = match (is_key, keys.contains(field)) {
                (true, true) => 0.1,
                (false, false) => 0.0,
                _ => -0.05,
            };
            let score = (0.8 * name_score + 0.2 * datatype + key).clamp(0.0, 1.0);
            let reason = format!(
                "{why} (`{}` and `{}`), {fits}{}",
                local_name(&p.iri),
                c.name(field).unwrap_or_default(),
                if key > 0.0 { ", both keys" } else { "" }
            );
            scored.push((score, p.iri.clone(), field.to_owned(), reason));
        }
    }
    assign(scored)
        .into_iter()
        .map(|(score, property, field, reason)| FieldSuggestion {
            field,
            property,
            score,
            reason,
        })
        .collect()
}

/// The suggestions as Turtle in uda's mapping vocabulary, the shape `uda
/// map check` reads: a `map:MappingSet` named `set` connecting `model` and
/// the container's root `container`, each mapping and field mapping under
/// a comment giving its score and reason, best first.
pub fn to_turtle(suggestions: &[Suggestion], set: &str, model: &str, container: &str) -> String {
    let mut t = String::new();
    let _ = writeln!(
        t,
        "# Draft mappings suggested by uda from names, datatypes and keys: review each\n\
         # (scores run from {THRESHOLD} to 1), then check with `uda map check`.\n\
         @prefix map: <https://w3id.org/uda/mapping#> .\n\n\
         <{set}> a map:MappingSet ;\n    map:domainModel <{model}> ;\n    map:container <{container}> ."
    );
    let mut ranked: Vec<&Suggestion> = suggestions.iter().collect();
    ranked.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.class.cmp(&b.class))
    });
    for s in ranked {
        let _ = write!(
            t,
            "\n# score {:.2}: {}\n<{set}#{}> a map:Mapping ;\n    map:toDataAsset <{}> ;\n    map:forPrimaryConcept <{}>",
            s.score,
            s.reason,
            local_name(&s.class),
            s.asset,
            s.class
        );
        let mut fields: Vec<&FieldSuggestion> = s.fields.iter().collect();
        fields.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.field.cmp(&b.field))
        });
        for f in fields {
            let _ = write!(
                t,
                " ;\n    # score {:.2}: {}\n    map:fieldMapping [ map:toField <{}> ; map:fromProperty <{}> ]",
                f.score, f.reason, f.field, f.property
            );
        }
        t.push_str(" .\n");
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(name: &str) -> Vec<String> {
        words(name)
    }

    #[test]
    fn names_in_any_case_style_with_plurals_and_abbreviations_are_the_same_words() {
        assert_eq!(w("personId"), w("PERSON_ID"));
        assert_eq!(w("person-id"), w("Person Id"));
        assert_eq!(w("talent_no"), w("talentNumber"));
        assert_eq!(w("Categories"), w("category"));
        assert_eq!(w("addresses"), w("Address"));
        assert_eq!(w("HTTPServer"), ["http", "server"]);
        assert_eq!(w("prev3"), ["previous", "3"]);
        assert_eq!(similarity(&w("birthDate"), &w("BORN_DT")).0, 1.0);
    }

    #[test]
    fn a_prefix_most_names_share_is_found() {
        let names: Vec<Vec<String>> = [
            "ONEPIECE_CHARACTERS",
            "ONEPIECE_CREWS",
            "ONEPIECE_SHIPS",
            "misc",
        ]
        .iter()
        .map(|n| w(n))
        .collect();
        assert_eq!(shared_prefix(&names).as_deref(), Some("onepiece"));
        assert_eq!(strip(w("ONEPIECE_CREWS"), Some("onepiece")), ["crew"]);
    }
}
