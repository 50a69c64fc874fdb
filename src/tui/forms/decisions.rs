//! Recording the workbench's changes in the decision log: who (the config's name, else the
//! login name) and when (UTC, to the second), around [`crate::model::log::record`].

use crate::model::Agreement;
use crate::model::log::{Step, record};
use crate::store::Places;
use crate::store::author::{now, user};

/// Records the step from `before` to `after` in `after`'s log.
pub fn log_step(before: &Agreement, after: &mut Agreement, step: Step, places: Option<&Places>) {
    let by = user(places.and_then(Places::config_dir));
    record(before, after, step, &now(), &by);
}
