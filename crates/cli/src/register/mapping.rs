//! `uda register --mapping`: register a hand-written mapping between a
//! registered domain model and a registered container, in a data directory
//! or through a server's `registerMapping`.

use super::{registered, report_one, Args};
use crate::output::Ui;
use crate::place::{registry_failure, Place};
use crate::{input, runtime, Failure};
use std::path::Path;
use uda_registry::RegisterOptions;

/// The `registerMapping` mutation, asking for what a local registration reports.
const REGISTER_MAPPING: &str = concat!(
    "
mutation($source: String!, $sourceName: String, $dryRun: Boolean) {
  registerMapping(source: $source, sourceName: $sourceName, dryRun: $dryRun) { ...Reported }
}",
    reported_fragment!()
);

pub fn run(args: &Args, ui: &Ui, file: &Path) -> crate::Outcome {
    let (label, bytes) = input::read(file)?;
    let text = String::from_utf8(bytes)
        .map_err(|e| Failure::Refused(format!("{label} is not UTF-8 text: {e}")));
    let result = text.and_then(|text| match args.place.resolve()? {
        Place::Local(data) => {
            // A dry run needs the model and container already registered:
            // it never creates a data directory.
            let registry = data.open(!args.dry_run)?;
            let options = RegisterOptions {
                principal: args
                    .principal
                    .clone()
                    .unwrap_or_else(|| RegisterOptions::default().principal),
                dry_run: args.dry_run,
                ..RegisterOptions::default()
            };
            registry
                .register_mapping(&label, &text, &options)
                .map_err(registry_failure)
        }
        Place::Remote(remote) => {
            let variables = serde_json::json!({
                "source": text,
                "sourceName": label,
                "dryRun": args.dry_run,
            });
            let data = remote.run(REGISTER_MAPPING, variables)?;
            registered(&data["registerMapping"]).map_err(|e| {
                runtime(format!(
                    "{} answered an unreadable registration: {e}",
                    remote.endpoint("/graphql")
                ))
            })
        }
    });
    report_one(args, ui, label, result)
}
