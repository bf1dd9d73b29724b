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
/// schemas of every projector, found by projecting both sides, `new` as the
/// version after `old` (`Projector::project_after` with `old`'s mappings,
/// so numbered fields keep their numbers as they would in the registry). A
/// projector that fails on either side is left out of the descriptions.
pub fn diff_with_projections(
    old: &ModelView<'_>,
    new: &ModelView<'_>,
    projectors: &[Box<dyn Projector>],
) -> Vec<Change> {
    let mut changes = diff(old, new);
    let (mut before, mut after) = (Vec::new(), Vec::new());
    for p in projectors {
        let Ok(o) = p.project(old) else { continue };
        let earlier = o.mappings.to_graph();
        if let Ok(n) = p.project_after(new, Some(&earlier)) {
            before.push(ProjectionGraphs::from_output(p.target(), &o));
            after.push(ProjectionGraphs::from_output(p.target(), &n));
        }
    }
    describe_projections(&mut changes, &before, &after);
    changes
}
