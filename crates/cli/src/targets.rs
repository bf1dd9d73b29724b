//! The projections `uda register` and `uda diff` run: every target uda has.

pub use uda_targets::projectors;
