//! `uda map suggest`: draft mappings from a domain model to an existing
//! container (`uda_mapping::suggest`), printed as reviewable Turtle. Both
//! ends come from a data directory (a registered model and container) or
//! from files (a model file and the container's sources, as `uda map check`
//! reads them).

use super::{model_view, read_container, system};
use crate::input;
use crate::output::{print, Ui};
use crate::place::{registry_failure, DataArgs};
use crate::{usage, Failure};
use std::path::PathBuf;
use std::process::ExitCode;
use uda_projection::Coordinates;
use uda_upper::{Loader, ModelView};

const EXAMPLES: &str = "\
Examples:
  uda map suggest --data uda-data studio legacy > draft.ttl
  uda map suggest studio.ttl --system sql-postgres legacy.sql --name legacy > draft.ttl";

#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct SuggestArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// The domain model: a registered model's IRI or domain, or with
    /// --system a model file.
    #[arg(value_name = "MODEL")]
    pub model: String,
    /// A registered container's name (or graph name); with --system, the
    /// container's sources instead, as for `uda import`.
    #[arg(required = true, value_name = "CONTAINER|SOURCE")]
    pub container: Vec<PathBuf>,
    /// Read the container from SOURCE files or a live database instead of
    /// the registry: its system, as for `uda import`.
    #[arg(long, value_name = "SYSTEM", value_parser = clap::builder::PossibleValuesParser::new(crate::import::SYSTEMS))]
    pub system: Option<String>,
    /// With --system: the container's name, as for `uda import`.
    #[arg(long, value_name = "NAME", requires = "system")]
    pub name: Option<String>,
    /// With --system: directories of models that imports are resolved against.
    #[arg(short = 'I', long = "include", value_name = "DIR", requires = "system")]
    pub include: Vec<PathBuf>,
    /// The IRI of the suggested map:MappingSet (default: the model's IRI
    /// followed by `/mappings/` and the container's name).
    #[arg(long, value_name = "IRI")]
    pub set: Option<String>,
}

pub fn run(args: &SuggestArgs, ui: &Ui) -> crate::Outcome {
    match &args.system {
        Some(name) => {
            let (target, system) = system(name)?;
            let file = PathBuf::from(&args.model);
            let mut loader = Loader::new();
            loader.input_file(&file);
            input::add_libraries(&mut loader, &args.include)?;
            let loaded = loader.load();
            let Some(view) = model_view(&loaded, &file, ui) else {
                return Ok(crate::refused());
            };
            let Some((imported, at)) =
                read_container(name, target, &args.container, args.name.as_deref(), ui)?
            else {
                return Ok(crate::refused());
            };
            write(
                args,
                ui,
                &view,
                &imported.container.to_graph(),
                system,
                &at.name,
                imported.schema.as_str(),
            )
        }
        None => {
            let [container] = args.container.as_slice() else {
                return Err(usage(
                    "give one registered container's name (or --system and the container's sources)",
                ));
            };
            let container = container.to_string_lossy();
            let registry = args.data.open(false)?;
            let loaded = registry
                .load_version(&args.model, None)
                .map_err(registry_failure)?;
            let Some(view) = loaded.loaded.models.view(&loaded.model) else {
                return Err(Failure::Refused(format!(
                    "<{}> does not load",
                    loaded.model
                )));
            };
            let found: Vec<_> = registry
                .containers()
                .map_err(registry_failure)?
                .into_iter()
                .filter(|c| c.current_version.is_some())
                .filter(|c| c.name == container || c.graph == container)
                .collect();
            let info = match found.as_slice() {
                [one] => one,
                [] => {
                    return Err(Failure::Refused(format!(
                        "no registered container is named `{container}` (uda register --container)"
                    )))
                }
                several => {
                    let graphs: Vec<&str> = several.iter().map(|c| c.graph.as_str()).collect();
                    return Err(Failure::Refused(format!(
                        "several registered containers are named `{container}`: give its graph \
                         name, one of {}",
                        graphs.join(", ")
                    )));
                }
            };
            let system = uda_mapping::System::for_target(&info.system).ok_or_else(|| {
                Failure::Refused(format!("a container of {} cannot be mapped", info.system))
            })?;
            let graph = registry.graph(&info.graph).map_err(registry_failure)?;
            let root = Coordinates {
                system: info.system.clone(),
                location: info.location.clone(),
                name: info.name.clone(),
            }
            .base_iri();
            write(
                args,
                ui,
                &view,
                &graph,
                system,
                &info.name,
                &format!("{root}/schema"),
            )
        }
    }
}

/// Prints the suggestions as Turtle, and how many there are on stderr.
fn write(
    args: &SuggestArgs,
    ui: &Ui,
    view: &ModelView<'_>,
    container: &oxrdf::Graph,
    system: uda_mapping::System,
    container_name: &str,
    root: &str,
) -> crate::Outcome {
    let suggestions = uda_mapping::suggest(view, container, system);
    let model = view.root().iri.trim_end_matches(['#', '/']);
    let set = args.set.clone().unwrap_or_else(|| {
        let segment: String = container_name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        format!("{model}/mappings/{segment}")
    });
    print(&uda_mapping::to_turtle(
        &suggestions,
        &set,
        &view.root().iri,
        root,
    ))?;
    let fields: usize = suggestions.iter().map(|s| s.fields.len()).sum();
    ui.summary(&format!(
        "{} data asset(s) and {fields} field(s) suggested: review them, then `uda map check`",
        suggestions.len()
    ));
    Ok(ExitCode::SUCCESS)
}
