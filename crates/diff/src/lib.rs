#![doc = include_str!("../README.md")]

mod compat;
mod diff;
mod projdiff;

pub use compat::{Breaks, CompatibilityMode};
pub use diff::{diff, Change, ChangeKind, ModelDiff, ProjectionChange};
pub use projdiff::{describe_projections, ProjectionGraphs};

use uda_projection::Projector;
use uda_upper::ModelView;

/// The changes from `old` to `new` ([`diff`]), with what each does to the
/// schemas of every projector, found by projecting both sides. A projector
/// that fails on either side is left out of the descriptions.
pub fn diff_with_projections(
    old: &ModelView<'_>,
    new: &ModelView<'_>,
    projectors: &[Box<dyn Projector>],
) -> Vec<Change> {
    let mut changes = diff(old, new);
    let project = |view: &ModelView<'_>| -> Vec<ProjectionGraphs> {
        projectors
            .iter()
            .filter_map(|p| {
                p.project(view)
                    .ok()
                    .map(|o| ProjectionGraphs::from_output(p.target(), &o))
            })
            .collect()
    };
    describe_projections(&mut changes, &project(old), &project(new));
    changes
}
