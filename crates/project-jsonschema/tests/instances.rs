//! The documents accept the example instance data and refuse each kind of
//! violation, for both validators (Ajv with ajv-formats, Python's
//! jsonschema). The instance data (`ontologies/examples/data`, RDF) is
//! turned into JSON through the projection's own mappings: the JSON name of
//! a property is the `map:name` of the element realizing it in a definition
//! realizing its class, an enumeration value is the name of the element
//! realizing it, a reference is the key of the node referred to.

mod common;

use common::{documents, example, imports, validate, Case, DOMAINS};
use oxrdf::vocab::rdf;
use oxrdf::{Graph, NamedNodeRef, NamedOrBlankNodeRef, TermRef};
use serde_json::{json, Map, Value};
use uda_project_jsonschema::{JsonSchemaOptions, JSONSCHEMA_NS};
use uda_projection::{Output, MAP_NS};
use uda_upper::{Builtin, Class, ClassKind, ModelView, Property, PropertyKind, Target};

fn iri(ns: &str, local: &str) -> oxrdf::NamedNode {
    oxrdf::NamedNode::new_unchecked(format!("{ns}{local}"))
}

/// The instance data of example `domain` with that of the models it imports.
fn data(domain: &str) -> Graph {
    let dir = uda_testkit::examples_dir().join("data");
    let mut graph = Graph::new();
    for name in imports(domain).iter().chain([&domain]) {
        let text = std::fs::read_to_string(dir.join(format!("{name}.ttl"))).expect("data");
        for t in oxttl::TurtleParser::new().for_slice(text.as_bytes()) {
            graph.insert(&t.expect("valid Turtle"));
        }
    }
    graph
}

/// Turns RDF instance data into JSON through the graphs of a model's
/// projection and of its imports' (which name the properties it inherits).
struct Converter<'a> {
    view: ModelView<'a>,
    /// The model's own container representation, whose documents are validated against.
    own: Graph,
    container: Graph,
    mappings: Graph,
    data: &'a Graph,
}

impl Converter<'_> {
    fn realizers(&self, term: &str) -> Vec<NamedNodeRef<'_>> {
        self.mappings
            .objects_for_subject_predicate(
                NamedNodeRef::new_unchecked(term),
                &iri(MAP_NS, "realizedBy"),
            )
            .filter_map(|o| match o {
                TermRef::NamedNode(n) => Some(n),
                _ => None,
            })
            .collect()
    }

    fn name(&self, element: NamedNodeRef<'_>) -> String {
        match self
            .container
            .object_for_subject_predicate(element, &iri(MAP_NS, "name"))
        {
            Some(TermRef::Literal(l)) => l.value().to_owned(),
            other => panic!("{element} has no name: {other:?}"),
        }
    }

    /// The JSON name of `property` in objects of `class` (or of the
    /// ancestor declaring it): read from the mappings.
    fn property_name(&self, class: &Class, property: &Property) -> String {
        let lineage = std::iter::once(class).chain(self.view.ancestors(class));
        for c in lineage {
            let definitions = self.realizers(&c.iri);
            for element in self.realizers(&property.iri) {
                let part_of = self
                    .container
                    .object_for_subject_predicate(element, &iri(MAP_NS, "partOf"));
                if part_of.is_some_and(|d| definitions.iter().any(|x| TermRef::from(*x) == d)) {
                    return self.name(element);
                }
            }
        }
        panic!("no element realizes {} in {}", property.iri, class.iri)
    }

    /// The `$id` of the document whose root realizes `class`, if any.
    fn document(&self, class: &str) -> Option<String> {
        let definitions = self.realizers(class);
        let root = iri(JSONSCHEMA_NS, "root");
        self.own
            .triples_for_predicate(&root)
            .find(|t| definitions.iter().any(|d| TermRef::from(*d) == t.object))
            .and_then(|t| {
                let subject = match t.subject {
                    NamedOrBlankNodeRef::NamedNode(n) => n,
                    NamedOrBlankNodeRef::BlankNode(_) => return None,
                };
                match self
                    .container
                    .object_for_subject_predicate(subject, &iri(JSONSCHEMA_NS, "id"))
                {
                    Some(TermRef::Literal(l)) => Some(l.value().to_owned()),
                    _ => None,
                }
            })
    }

    fn object(&self, node: NamedOrBlankNodeRef<'_>, class: &Class) -> Value {
        let mut out = Map::new();
        let properties = self
            .view
            .all_properties(class)
            .into_iter()
            .chain(self.view.extension_properties(class));
        for property in properties {
            let values: Vec<Value> = self
                .data
                .objects_for_subject_predicate(node, NamedNodeRef::new_unchecked(&property.iri))
                .map(|v| self.value(property, v))
                .collect();
            let Some(first) = values.first() else {
                continue;
            };
            let value = if property.is_many() {
                Value::Array(values.clone())
            } else {
                first.clone()
            };
            out.insert(self.property_name(class, property), value);
        }
        Value::Object(out)
    }

    fn value(&self, property: &Property, term: TermRef<'_>) -> Value {
        match (&property.kind, term) {
            (PropertyKind::Attribute { .. }, TermRef::Literal(l)) => {
                let builtin = self.view.datatype(property).expect("datatype").builtin;
                let lexical = l.value();
                match builtin {
                    Builtin::Boolean => Value::Bool(lexical == "true" || lexical == "1"),
                    Builtin::LangString => {
                        json!({"value": lexical, "lang": l.language().unwrap_or_default()})
                    }
                    Builtin::Byte
                    | Builtin::Short
                    | Builtin::Int
                    | Builtin::Long
                    | Builtin::Integer
                    | Builtin::NonNegativeInteger
                    | Builtin::Decimal
                    | Builtin::Float
                    | Builtin::Double => serde_json::from_str(lexical.trim_start_matches('+'))
                        .unwrap_or_else(|e| panic!("{lexical} is not a JSON number: {e}")),
                    _ => Value::from(lexical),
                }
            }
            (PropertyKind::Relationship { .. }, _) => {
                match self.view.target(property).expect("target") {
                    Target::Enumeration(_) => {
                        let TermRef::NamedNode(value) = term else {
                            panic!("{term} is not an enumeration value")
                        };
                        let element = self.realizers(value.as_str())[0];
                        Value::from(self.name(element))
                    }
                    Target::Class(target) => {
                        let node: NamedOrBlankNodeRef<'_> = match term {
                            TermRef::NamedNode(n) => n.into(),
                            TermRef::BlankNode(b) => b.into(),
                            other => panic!("{other} is not a node"),
                        };
                        let class = self.class_of(node).unwrap_or(target);
                        if target.kind == ClassKind::Nested {
                            self.object(node, class)
                        } else {
                            self.key(node, class)
                        }
                    }
                }
            }
            (_, other) => panic!("{other} is not a value of {}", property.iri),
        }
    }

    /// A reference to `node`: its key members, named as in its class.
    fn key(&self, node: NamedOrBlankNodeRef<'_>, class: &Class) -> Value {
        let keyed = std::iter::once(class)
            .chain(self.view.ancestors(class))
            .find(|c| !c.primary_key.is_empty())
            .expect("a keyed class");
        let mut out = Map::new();
        for member in self.view.primary_key(keyed) {
            let value = self
                .data
                .object_for_subject_predicate(node, NamedNodeRef::new_unchecked(&member.iri))
                .unwrap_or_else(|| panic!("{node} has no {}", member.iri));
            out.insert(self.property_name(keyed, member), self.value(member, value));
        }
        Value::Object(out)
    }

    fn class_of(&self, node: NamedOrBlankNodeRef<'_>) -> Option<&Class> {
        self.data
            .objects_for_subject_predicate(node, rdf::TYPE)
            .find_map(|t| match t {
                TermRef::NamedNode(n) => self.view.class(n.as_str()),
                _ => None,
            })
    }

    /// A case per node whose class has a document in this projection.
    fn cases(&self, domain: &str) -> Vec<(String, Case)> {
        let mut cases = Vec::new();
        for t in self.data.triples_for_predicate(rdf::TYPE) {
            let TermRef::NamedNode(class) = t.object else {
                continue;
            };
            let Some(class) = self.view.class(class.as_str()) else {
                continue;
            };
            let Some(schema) = self.document(&class.iri) else {
                continue;
            };
            cases.push((
                class.iri.clone(),
                Case {
                    label: format!("{domain}: {}", t.subject),
                    schema,
                    instance: self.object(t.subject, class),
                },
            ));
        }
        cases.sort_by(|a, b| a.1.label.cmp(&b.1.label));
        cases
    }
}

/// The converter of `domain`'s data through `outputs`: its projection first,
/// then its imports'.
fn converter<'a>(domain: &str, outputs: &[Output], data: &'a Graph) -> Converter<'a> {
    let view = common::examples()
        .models
        .view(&uda_testkit::example_iri(domain))
        .expect("example");
    Converter {
        view,
        own: outputs[0].container.to_graph(),
        container: outputs.iter().flat_map(|o| o.container.iter()).collect(),
        mappings: outputs.iter().flat_map(|o| o.mappings.iter()).collect(),
        data,
    }
}

/// The projections of `domain` and of the models it imports, and their documents.
fn all_documents(domain: &str, options: JsonSchemaOptions) -> (Vec<Output>, Vec<Value>) {
    let mut outputs = vec![example(domain, options)];
    outputs.extend(imports(domain).iter().map(|d| example(d, options)));
    let docs = documents(&outputs);
    (outputs, docs)
}

#[test]
fn example_instance_data_validates_open_and_closed() {
    for closed in [false, true] {
        let options = JsonSchemaOptions::default().with_closed(closed);
        for domain in DOMAINS {
            let data = data(domain);
            let (outputs, docs) = all_documents(domain, options);
            let cases: Vec<Case> = converter(domain, &outputs, &data)
                .cases(domain)
                .into_iter()
                .map(|(_, c)| c)
                .collect();
            assert!(cases.len() >= 2, "{domain}: {} instances", cases.len());
            for verdicts in validate(&docs, &cases) {
                for (case, (valid, errors)) in cases.iter().zip(&verdicts.cases) {
                    assert!(
                        valid,
                        "{} (closed: {closed}) refuses {}:\n{}\n{errors}",
                        verdicts.tool, case.label, case.instance
                    );
                }
            }
        }
    }
}

/// One valid instance of studio:Film (with its key, a nested studio
/// reference, enumerations and patterns), changed to break one constraint.
#[test]
fn each_kind_of_violation_is_refused_by_both_validators() {
    let data = data("studio");
    for closed in [false, true] {
        let options = JsonSchemaOptions::default().with_closed(closed);
        let (outputs, docs) = all_documents("studio", options);
        let converter = converter("studio", &outputs, &data);
        let film_iri = format!("{}#Film", uda_testkit::example_iri("studio"));
        let (_, film) = converter
            .cases("studio")
            .into_iter()
            .find(|(class, _)| *class == film_iri)
            .expect("a film in the data");
        let class = converter.view.class(&film_iri).expect("Film");
        let name = |local: &str| {
            let property = converter
                .view
                .property(&format!("https://example.org/studio#{local}"))
                .expect(local);
            converter.property_name(class, property)
        };
        let changed = |label: &str, change: &dyn Fn(&mut Map<String, Value>)| {
            let mut instance = film.instance.clone();
            change(instance.as_object_mut().expect("an object"));
            Case {
                label: label.to_owned(),
                schema: film.schema.clone(),
                instance,
            }
        };
        let violations = [
            changed("a required property missing", &|o| {
                o.remove(&name("title"));
            }),
            changed("a boolean as a string", &|o| {
                o.insert(name("isColor"), Value::from("no"));
            }),
            changed("a value outside the enumeration", &|o| {
                o.insert(name("genres"), json!(["Opera"]));
            }),
            changed("a value not matching the pattern", &|o| {
                o.insert(name("imdbId"), Value::from("nm0000001"));
            }),
            changed("a value too long", &|o| {
                o.insert(name("imdbId"), Value::from("tt123456789"));
            }),
            changed("a value above the maximum", &|o| {
                o.insert(name("score"), Value::from(11));
            }),
            changed("a byte out of range", &|o| {
                o.insert(name("ageRating"), Value::from(300));
            }),
            changed("fewer items than minCount", &|o| {
                o.insert(name("producedBy"), json!([]));
            }),
            changed("a repeated value of a set", &|o| {
                o.insert(name("keywords"), json!(["forest", "forest"]));
            }),
            changed("a reference without its key", &|o| {
                o.insert(name("producedBy"), json!([{}]));
            }),
        ];
        let extra = changed("a property the model does not define", &|o| {
            o.insert("unknownProperty".into(), Value::from(1));
        });
        let nested_extra = changed("a nested reference with an undefined property", &|o| {
            let by = name("producedBy");
            if let Some(first) = o.get_mut(&by).and_then(|v| v.get_mut(0)) {
                first["unknownProperty"] = Value::from(1);
            }
        });
        let mut cases = vec![film];
        cases.extend(violations);
        cases.push(extra);
        cases.push(nested_extra);
        for verdicts in validate(&docs, &cases) {
            let (valid, errors) = &verdicts.cases[0];
            assert!(
                valid,
                "{}: the film itself is refused: {errors}",
                verdicts.tool
            );
            let count = cases.len();
            for (i, (case, (valid, _))) in cases.iter().zip(&verdicts.cases).enumerate().skip(1) {
                // The undefined properties are refused by closed documents only.
                let expected = i < count - 2 || closed;
                assert_eq!(
                    !valid, expected,
                    "{} (closed: {closed}): {}:\n{}",
                    verdicts.tool, case.label, case.instance
                );
            }
        }
    }
}
