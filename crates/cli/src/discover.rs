//! `uda search` and `uda trace`: finding terms and container elements by
//! the words people use, and following mappings between concepts and the
//! elements realizing them (or their coverage), from a data directory or a
//! server, with the same output either way.

use crate::output::{print, print_json, table};
use crate::place::{registry_failure, Place, PlaceArgs};
use crate::remote::field;
use crate::{runtime, Outcome};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use std::process::ExitCode;
use uda_registry::{Coverage, Realization, SearchHit, SearchOptions};

/// How search and trace answers are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    #[command(flatten)]
    pub place: PlaceArgs,
    /// Only hits of this kind: model, class, property, enumeration,
    /// enum-value, datatype, concept, or a container element's (table,
    /// column, object-type, field, record…). Repeatable.
    #[arg(long = "kind", value_name = "K")]
    pub kinds: Vec<String>,
    /// At most this many hits.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// The words to find (several make one search term).
    #[arg(value_name = "TERM", required = true)]
    pub term: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct TraceArgs {
    #[command(flatten)]
    pub place: PlaceArgs,
    /// From a container element (its IRI, SYSTEM:PATH such as
    /// avro:com.example.Title.releaseYear, or LOCATION/NAME/PATH such as
    /// postgresql://host/db/public/title.release_year) to its concepts.
    #[arg(long, conflicts_with = "coverage")]
    pub inverse: bool,
    /// The coverage of a model (its IRI or upper:domain: concepts realized
    /// nowhere, or in no cataloged container) or of an existing container
    /// (its graph name: tables, records, types, fields, columns mapped to nothing).
    #[arg(long)]
    pub coverage: bool,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// A concept's IRI or a search term naming it exactly (its label or
    /// name); with --inverse an element; with --coverage a model or container.
    #[arg(value_name = "IRI|TERM", required = true)]
    pub what: Vec<String>,
}

fn answer<T: DeserializeOwned>(data: &Value, name: &str) -> Result<T, crate::Failure> {
    serde_json::from_value(field(data, name)?.clone()).map_err(|e| {
        runtime(format!(
            "the server's `{name}` is not what uda expects: {e}"
        ))
    })
}

const HIT_FIELDS: &str =
    "iri kind matched why name label description domain model container system path realizedIn";
const REALIZATION_FIELDS: &str = "concept system container path element elementKind projected location containerName mappings via";
const ITEM_FIELDS: &str = "iri kind name projected cataloged";

pub fn search(args: &SearchArgs) -> Outcome {
    let term = args.term.join(" ");
    let hits: Vec<SearchHit> = match args.place.resolve()? {
        Place::Local(data) => {
            let options = SearchOptions {
                kinds: args.kinds.clone(),
                limit: args.limit,
            };
            data.open(false)?
                .search(&term, &options)
                .map_err(registry_failure)?
        }
        Place::Remote(remote) => {
            let query = format!(
                "query($term: String!, $kinds: [String!], $limit: Int) {{ search(term: $term, kinds: $kinds, limit: $limit) {{ {HIT_FIELDS} }} }}"
            );
            let data = remote.run(
                &query,
                json!({ "term": term, "kinds": args.kinds, "limit": args.limit }),
            )?;
            answer(&data, "search")?
        }
    };
    if args.format == Format::Json {
        print_json(&hits)?;
        return Ok(ExitCode::SUCCESS);
    }
    let rows = hits
        .iter()
        .map(|h| {
            let place = match (&h.domain, &h.container) {
                (Some(d), _) => d.clone(),
                (None, Some(_)) => format!(
                    "{}:{}",
                    h.system.as_deref().unwrap_or_default(),
                    h.path.as_deref().unwrap_or_default()
                ),
                _ => String::new(),
            };
            let realized = h.realized_in.map(|n| n.to_string()).unwrap_or_default();
            vec![
                h.kind.clone(),
                h.label.clone().unwrap_or_else(|| h.name.clone()),
                place,
                format!("{:?}", h.matched).to_lowercase(),
                h.why.clone(),
                realized,
                h.iri.clone(),
            ]
        })
        .collect();
    print(&table(
        &[
            "KIND",
            "NAME",
            "WHERE",
            "MATCH",
            "WHY",
            "REALIZED IN",
            "IRI",
        ],
        rows,
    ))?;
    Ok(ExitCode::SUCCESS)
}

pub fn trace(args: &TraceArgs) -> Outcome {
    let what = args.what.join(" ");
    if args.coverage {
        return coverage(args, &what);
    }
    let rows: Vec<Realization> = match args.place.resolve()? {
        Place::Local(data) => {
            let registry = data.open(false)?;
            let found = if args.inverse {
                registry.concepts(&what)
            } else {
                registry.realizations(&what)
            };
            found.map_err(registry_failure)?
        }
        Place::Remote(remote) => {
            let (name, arg) = if args.inverse {
                ("concepts", "element")
            } else {
                ("realizations", "term")
            };
            let query = format!(
                "query($what: String!) {{ {name}({arg}: $what) {{ {REALIZATION_FIELDS} }} }}"
            );
            answer(&remote.run(&query, json!({ "what": what }))?, name)?
        }
    };
    if args.format == Format::Json {
        print_json(&rows)?;
        return Ok(ExitCode::SUCCESS);
    }
    let rows = rows
        .iter()
        .map(|r| {
            let container = match (&r.location, &r.container_name) {
                (Some(l), Some(n)) => format!("{l}/{n}"),
                _ => r.container.clone(),
            };
            vec![
                r.concept.clone(),
                r.system.clone(),
                container,
                r.path.clone(),
                r.element_kind.clone(),
                r.via.clone(),
            ]
        })
        .collect();
    print(&table(
        &["CONCEPT", "SYSTEM", "CONTAINER", "PATH", "KIND", "VIA"],
        rows,
    ))?;
    Ok(ExitCode::SUCCESS)
}

fn coverage(args: &TraceArgs, what: &str) -> Outcome {
    let report: Coverage = match args.place.resolve()? {
        Place::Local(data) => data.open(false)?.coverage(what).map_err(registry_failure)?,
        Place::Remote(remote) => {
            let query = format!(
                "query($what: String!) {{ coverage(subject: $what) {{ subject kind checked \
                 unrealized {{ {ITEM_FIELDS} }} uncataloged {{ {ITEM_FIELDS} }} unmapped {{ {ITEM_FIELDS} }} }} }}"
            );
            answer(&remote.run(&query, json!({ "what": what }))?, "coverage")?
        }
    };
    if args.format == Format::Json {
        print_json(&report)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut text = format!(
        "{} <{}>: {} checked\n",
        report.kind, report.subject, report.checked
    );
    for (title, items) in [
        ("realized nowhere", &report.unrealized),
        ("in no cataloged container", &report.uncataloged),
        ("mapped to nothing", &report.unmapped),
    ] {
        let wanted = if report.kind == "model" {
            title != "mapped to nothing"
        } else {
            title == "mapped to nothing"
        };
        if !wanted {
            continue;
        }
        text.push_str(&format!("\n{title}: {}\n", items.len()));
        if !items.is_empty() {
            let rows = items
                .iter()
                .map(|i| vec![i.kind.clone(), i.name.clone(), i.iri.clone()])
                .collect();
            text.push_str(&table(&["KIND", "NAME", "IRI"], rows));
        }
    }
    print(&text)?;
    Ok(ExitCode::SUCCESS)
}
