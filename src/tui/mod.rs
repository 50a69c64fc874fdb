//! The workbench: app state, actions, keymap, event loop, one file per pane, theme.

use crate::cli::WorkbenchArgs;

/// Opens the workbench and runs it until the user quits.
pub fn run(args: &WorkbenchArgs) -> anyhow::Result<()> {
    let _ = args;
    anyhow::bail!("the workbench is being built on the tui branch")
}
