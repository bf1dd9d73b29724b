//! The system models uda ships: loaded into the registry on first start
//! (bootstrap) and validated like any other model.

/// Every system model, as `(file, text)`, compiled in. Upper comes first: it
/// governs all the others; a model comes after the models it imports. The
/// container models (GraphQL, Avro, SQL, SHACL, Iceberg, JSON Schema) govern the container
/// representations of the projections. Add a model here (with `include_str!`) when its
/// file lands; the next start of the registry registers it, and a changed
/// text becomes a new version of it.
pub const SYSTEM_MODELS: &[(&str, &str)] = &[
    (
        "ontologies/upper.ttl",
        include_str!("../../../ontologies/upper.ttl"),
    ),
    (
        "ontologies/mapping.ttl",
        include_str!("../../../ontologies/mapping.ttl"),
    ),
    (
        "ontologies/catalog.ttl",
        include_str!("../../../ontologies/catalog.ttl"),
    ),
    (
        "ontologies/graphql.ttl",
        include_str!("../../../ontologies/graphql.ttl"),
    ),
    (
        "ontologies/avro.ttl",
        include_str!("../../../ontologies/avro.ttl"),
    ),
    (
        "ontologies/sql.ttl",
        include_str!("../../../ontologies/sql.ttl"),
    ),
    (
        "ontologies/shacl.ttl",
        include_str!("../../../ontologies/shacl.ttl"),
    ),
    (
        "ontologies/iceberg.ttl",
        include_str!("../../../ontologies/iceberg.ttl"),
    ),
    (
        "ontologies/jsonschema.ttl",
        include_str!("../../../ontologies/jsonschema.ttl"),
    ),
    (
        "ontologies/protobuf.ttl",
        include_str!("../../../ontologies/protobuf.ttl"),
    ),
];
