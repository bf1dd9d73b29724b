//! Small builders shared by the hand-written types: type references, arguments, and fields
//! reading plain GraphQL object values or typed Rust values.

use super::errors;
use super::values::list;
use async_graphql::dynamic::{
    Enum, Field, FieldFuture, FieldValue, Object, ResolverContext, Type, TypeRef,
};
use async_graphql::{Error, Name, Value};
use std::any::Any;
use std::sync::Arc;
use uda_registry::CompatibilityMode;

pub(crate) fn nn(name: &str) -> TypeRef {
    TypeRef::named_nn(name)
}

pub(crate) fn nn_list(name: &str) -> TypeRef {
    TypeRef::named_nn_list_nn(name)
}

/// The string argument `name`, when given and not null.
pub(crate) fn optional_string(
    ctx: &ResolverContext<'_>,
    name: &str,
) -> Result<Option<String>, Error> {
    match ctx.args.get(name) {
        Some(v) if !v.is_null() => Ok(Some(v.string()?.to_owned())),
        _ => Ok(None),
    }
}

/// `Some` value, unless it is null (an absent optional field).
pub(crate) fn some(value: Value) -> Option<FieldValue<'static>> {
    (value != Value::Null).then(|| FieldValue::value(value))
}

/// A field of a type whose values are plain GraphQL objects: it reads its own key.
pub(crate) fn plain(name: &str, ty: TypeRef, description: &str) -> Field {
    let key = Name::new(name);
    Field::new(name, ty, move |ctx| {
        let key = key.clone();
        FieldFuture::new(async move {
            match ctx.parent_value.as_value() {
                Some(Value::Object(map)) => Ok(map.get(&key).cloned().and_then(some)),
                _ => Err(errors::internal(format!(
                    "`{key}` was asked of a non-object"
                ))),
            }
        })
    })
    .description(description)
}

/// A type whose values are plain GraphQL objects.
pub(crate) fn plain_object(
    name: &str,
    description: &str,
    fields: Vec<(&str, TypeRef, &str)>,
) -> Object {
    fields.into_iter().fold(
        Object::new(name).description(description),
        |o, (field, ty, d)| o.field(plain(field, ty, d)),
    )
}

/// A field of a type whose values are `T`, read by `get`.
pub(crate) fn of<T: Any + Send + Sync>(
    name: &str,
    ty: TypeRef,
    description: &str,
    get: impl Fn(&T) -> Value + Send + Sync + 'static,
) -> Field {
    let get = Arc::new(get);
    Field::new(name, ty, move |ctx| {
        let get = get.clone();
        FieldFuture::new(async move {
            let value = ctx.parent_value.try_downcast_ref::<T>()?;
            Ok(some(get(value)))
        })
    })
    .description(description)
}

pub(crate) fn named(object: Object) -> (String, Type) {
    (object.type_name().to_owned(), object.into())
}

pub(crate) fn named_enum(e: Enum) -> (String, Type) {
    (e.type_name().to_owned(), e.into())
}

pub(crate) fn string(value: &str) -> Value {
    Value::String(value.to_owned())
}

pub(crate) fn strings<'a>(values: impl IntoIterator<Item = &'a String>) -> Value {
    list(values.into_iter().map(|v| string(v)))
}

pub(crate) fn mode(mode: CompatibilityMode) -> Value {
    Value::Enum(Name::new(mode.as_str()))
}
