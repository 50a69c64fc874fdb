//! The workbench's options, as `riskshare [FILE]` takes them (the command line reuses this
//! struct, so the workbench never depends on the command line).

use clap::{Args, ValueEnum};
use std::path::PathBuf;

/// Options of the workbench (`riskshare [FILE]`).
#[derive(Debug, Clone, Default, Args)]
pub struct WorkbenchArgs {
    /// The agreement to open; without it, the last file used, else the built-in example.
    pub file: Option<PathBuf>,
    /// Draw with plain ASCII only (automatic when the locale is not UTF-8).
    #[arg(long)]
    pub ascii: bool,
    /// No colour; every meaning stays readable (also when NO_COLOR is set).
    #[arg(long)]
    pub no_color: bool,
    /// Colour theme: `default`, or `contrast` for projectors.
    #[arg(long, value_enum, default_value_t = ThemeName::Default)]
    pub theme: ThemeName,
    /// Let the mouse click and scroll (off by default, for SSH).
    #[arg(long)]
    pub mouse: bool,
    /// Draw through the lean backend that sends only the cells that changed, with short cursor
    /// moves (about a third fewer bytes than the default per slider step), for slow SSH links.
    #[arg(long)]
    pub low_bandwidth: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ThemeName {
    #[default]
    Default,
    Contrast,
}
