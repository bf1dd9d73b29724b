//! `/graphql` as an Apollo Federation v2 subgraph: `_service { sdl }` (the subgraph schema, as
//! checked in at `schema/registry.subgraph.graphql`) and `_entities(representations:)`, which
//! resolves uda's entities for a gateway in one batch.
//!
//! The entities: every type realizing a keyed Upper class, by `iri`, with the `@key` Upper's
//! own federated projection gives it (`DomainModel`, the `Class` and `Property` interfaces and
//! their implementations, `EnumValue`...); `DomainModel` also by `domain`; `Version` by
//! `model version`. A reference may name an interface (`Class`, as another subgraph's
//! `@interfaceObject` does): it resolves to the object type of the term.
//!
//! async-graphql's own federation support is not used: it would put the entity interfaces in
//! the `_Entity` union, which GraphQL forbids (introspection clients such as GraphiQL then
//! refuse the schema). So `@key` is an applied directive, present only in the subgraph schema
//! (applied directives are invisible to introspection), and the two root fields are ordinary
//! fields of `Query`.
//!
//! A dynamic schema cannot put null in a list of objects, so an entity that does not exist is
//! recorded as a gap of its request, which [`NullGaps`] answers with null without resolving it.

use super::errors;
use super::fields::nn;
use super::model::model_node;
use super::scope::{blocking, Scope};
use super::types::VERSION;
use super::upper::{Node, UpperIndex};
use crate::AppState;
use async_graphql::dynamic::{
    Field, FieldFuture, FieldValue, InputValue, Object, ResolverContext, Scalar, Type, TypeRef,
    Union,
};
use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextPrepareRequest, NextResolve, ResolveInfo,
};
use async_graphql::{Error, QueryPathNode, Request, ServerResult, Value};
use oxigraph::model::{NamedNode, NamedOrBlankNode};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};
use uda_registry::RegistryError;

const ANY: &str = "_Any";
const ENTITY: &str = "_Entity";
const SERVICE: &str = "_Service";
/// How async-graphql names the parent type of an item of `_entities`.
const ENTITY_LIST: &str = "[_Entity]";

/// The directives async-graphql's federation `@link` imports, and those the subgraph uses.
pub(crate) const EVERY_IMPORT: &str = "import: [\"@key\", \"@tag\", \"@shareable\", \
    \"@inaccessible\", \"@override\", \"@external\", \"@provides\", \"@requires\", \
    \"@composeDirective\", \"@interfaceObject\", \"@requiresScopes\"]";
pub(crate) const USED_IMPORTS: &str = "import: [\"@key\"]";

/// The `@key` of `DomainModel` besides Upper's `iri`.
pub(crate) const MODEL_KEY: &str = "domain";
/// The `@key` of `Version`.
pub(crate) const VERSION_KEY: &str = "model version";

/// The items of the request's `_entities` lists that are entities that do not exist, by their
/// response path (`_entities`, or its alias, and the index).
#[derive(Clone, Default)]
struct Gaps(Arc<Mutex<BTreeSet<Vec<String>>>>);

impl Gaps {
    fn insert(&self, path: Vec<String>) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path);
    }

    fn contains(&self, path: &QueryPathNode<'_>) -> bool {
        let set = self.0.lock().unwrap_or_else(|e| e.into_inner());
        !set.is_empty() && set.contains(&path.to_string_vec())
    }
}

/// The schema extension answering the gaps of `_entities` with null: one [`Gaps`] per request,
/// in its data for the resolver.
pub(crate) struct NullGaps;

impl ExtensionFactory for NullGaps {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(GapsOfRequest(Gaps::default()))
    }
}

struct GapsOfRequest(Gaps);

#[async_graphql::async_trait::async_trait]
impl Extension for GapsOfRequest {
    async fn prepare_request(
        &self,
        ctx: &ExtensionContext<'_>,
        request: Request,
        next: NextPrepareRequest<'_>,
    ) -> ServerResult<Request> {
        next.run(ctx, request.data(self.0.clone())).await
    }

    async fn resolve(
        &self,
        ctx: &ExtensionContext<'_>,
        info: ResolveInfo<'_>,
        next: NextResolve<'_>,
    ) -> ServerResult<Option<Value>> {
        if info.parent_type == ENTITY_LIST && self.0.contains(info.path_node) {
            return Ok(None);
        }
        next.run(ctx, info).await
    }
}

/// The subgraph schema `_service { sdl }` answers, in the schema's data.
pub(crate) struct ServiceSdl(pub String);

/// What a gateway may ask `_entities` for, by type name.
pub(crate) struct Entities {
    /// The type realizing `upper:DomainModel`.
    pub domain_model: String,
    /// Every other keyed type realizing an Upper class, objects and interfaces.
    pub terms: BTreeSet<String>,
}

/// `_Any`, `_Service` and the `_Entity` union of `objects` (the keyed object types).
pub(crate) fn types(objects: &BTreeSet<String>) -> Vec<(String, Type)> {
    let any = Scalar::new(ANY).description(
        "An entity representation: `__typename` and the fields of one of the type's keys.",
    );
    let service = Object::new(SERVICE)
        .description("This subgraph, as an Apollo Federation gateway composes it.")
        .field(
            Field::new("sdl", TypeRef::named(TypeRef::STRING), |ctx| {
                FieldFuture::new(async move {
                    let sdl = ctx.data::<ServiceSdl>()?;
                    Ok(Some(FieldValue::value(sdl.0.clone())))
                })
            })
            .description(
                "The subgraph schema, with `@link` to Federation v2 and each entity's `@key`.",
            ),
        );
    let entity = objects.iter().fold(
        Union::new(ENTITY).description("Every type a gateway can ask `_entities` for."),
        |u, name| u.possible_type(name),
    );
    vec![
        (ANY.to_owned(), any.into()),
        (SERVICE.to_owned(), service.into()),
        (ENTITY.to_owned(), entity.into()),
    ]
}

/// `query` with the two root fields of a subgraph.
pub(crate) fn root_fields(query: Object, entities: Entities) -> Object {
    let entities = Arc::new(entities);
    let service = Field::new("_service", nn(SERVICE), |_| {
        FieldFuture::new(async { Ok(Some(FieldValue::owned_any(()))) })
    })
    .description("This subgraph's schema, for an Apollo Federation gateway.");
    let resolve = Field::new("_entities", TypeRef::named_list_nn(ENTITY), move |ctx| {
        let entities = entities.clone();
        FieldFuture::new(async move { resolve(&ctx, &entities).await })
    })
    .argument(
        InputValue::new("representations", TypeRef::named_nn_list_nn(ANY))
            .description("The entities, each by `__typename` and a key."),
    )
    .description(
        "uda's entities by key, for an Apollo Federation gateway, in the order asked: null for \
         one that does not exist.",
    );
    query.field(service).field(resolve)
}

/// One representation, read.
enum Reference {
    /// A model by IRI or domain, at its current version.
    Model(String),
    /// A version of a model.
    Version(String, u64),
    /// A term of a current model by IRI, as a type that is or implements `typename`.
    Term { iri: String, typename: String },
}

impl Reference {
    /// The model and version whose scope the reference needs, given the models stating terms.
    fn scope_key(&self, owners: &BTreeMap<String, String>) -> Option<(String, Option<u64>)> {
        match self {
            Reference::Model(name) => Some((name.clone(), None)),
            Reference::Version(model, n) => Some((model.clone(), Some(*n))),
            Reference::Term { iri, .. } => owners.get(iri).map(|m| (m.clone(), None)),
        }
    }
}

/// The representations of `ctx`, read as references. A representation a gateway cannot send
/// (no `__typename`, a type that is no entity, a key field missing) is an error.
fn references(ctx: &ResolverContext<'_>, entities: &Entities) -> Result<Vec<Reference>, Error> {
    let mut out = Vec::new();
    for (n, value) in ctx
        .args
        .try_get("representations")?
        .list()?
        .iter()
        .enumerate()
    {
        let fields = value.object()?;
        let text = |name: &str| -> Result<String, Error> {
            match fields.get(name) {
                Some(v) => Ok(v.string()?.to_owned()),
                None => Err(errors::bad_input(format!(
                    "representation {n} has no `{name}`, which its type's key needs"
                ))),
            }
        };
        let typename = text("__typename")?;
        out.push(if typename == entities.domain_model {
            match fields.get("iri") {
                Some(iri) => Reference::Model(iri.string()?.to_owned()),
                None => Reference::Model(text(MODEL_KEY)?),
            }
        } else if typename == VERSION {
            let version = fields
                .get("version")
                .ok_or_else(|| errors::bad_input(format!("representation {n} has no `version`")))?
                .u64()?;
            Reference::Version(text("model")?, version)
        } else if entities.terms.contains(&typename) {
            Reference::Term {
                iri: text("iri")?,
                typename,
            }
        } else {
            return Err(errors::bad_input(format!(
                "representation {n}: `{typename}` is not an entity of uda's subgraph"
            )));
        });
    }
    Ok(out)
}

/// Resolves every representation with one registry read: the models stating the terms asked
/// for, and the scope of each model version involved (shared, so each version's content is
/// loaded once, however many of its terms are asked for).
async fn resolve<'a>(
    ctx: &ResolverContext<'a>,
    entities: &Entities,
) -> Result<Option<FieldValue<'a>>, Error> {
    let references = Arc::new(references(ctx, entities)?);
    let state = ctx.data::<AppState>()?;
    let index = ctx.data::<Arc<UpperIndex>>()?;
    let asked = references.clone();
    let scopes: Vec<Option<Arc<Scope>>> = blocking(state, move |r| {
        let terms = asked.iter().filter_map(|reference| match reference {
            Reference::Term { iri, .. } => Some(iri.as_str()),
            _ => None,
        });
        let owners = r.term_models(terms).map_err(errors::registry)?;
        let mut found: BTreeMap<(String, Option<u64>), Option<Arc<Scope>>> = BTreeMap::new();
        let mut versions: BTreeMap<(String, u64), Arc<Scope>> = BTreeMap::new();
        let mut out = Vec::with_capacity(asked.len());
        for reference in asked.iter() {
            let Some(key) = reference.scope_key(&owners) else {
                out.push(None);
                continue;
            };
            if !found.contains_key(&key) {
                let scope = match Scope::find(r, &key.0, key.1) {
                    Ok(scope) => {
                        // A model named by IRI and by domain is one scope.
                        let id = (scope.model.iri.clone(), scope.version.version);
                        Some(versions.entry(id).or_insert(scope).clone())
                    }
                    Err(RegistryError::UnknownModel(_) | RegistryError::UnknownVersion { .. }) => {
                        None
                    }
                    Err(e) => return Err(errors::registry(e)),
                };
                found.insert(key.clone(), scope);
            }
            out.push(found[&key].clone());
        }
        Ok(out)
    })
    .await?;
    let gaps = ctx.data::<Gaps>()?;
    let path = ctx.path_node.map(|p| p.to_string_vec()).unwrap_or_default();
    let gap = |n: usize| {
        let mut item = path.clone();
        item.push(n.to_string());
        gaps.insert(item);
        FieldValue::NULL
    };
    let mut values = Vec::with_capacity(scopes.len());
    for (n, (reference, scope)) in references.iter().zip(scopes).enumerate() {
        let Some(scope) = scope else {
            values.push(gap(n));
            continue;
        };
        values.push(match reference {
            Reference::Model(_) => model_node(scope).with_type(entities.domain_model.clone()),
            Reference::Version(..) => FieldValue::owned_any(scope).with_type(VERSION),
            Reference::Term { iri, typename } => {
                let content = scope.content(state, &index.graph).await?;
                let Ok(iri) = NamedNode::new(iri.as_str()) else {
                    values.push(gap(n));
                    continue;
                };
                let term = NamedOrBlankNode::from(iri);
                match index.entity_type(&content.all, term.as_ref(), typename) {
                    Some(ty) => FieldValue::owned_any(Node { term, scope }).with_type(ty),
                    None => gap(n),
                }
            }
        });
    }
    Ok(Some(FieldValue::list(values)))
}
