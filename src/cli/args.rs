//! The command line, as clap sees it.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Agree and manage how the partners of a pooled health and care budget share risk and benefit.
#[derive(Debug, Parser)]
#[command(name = "riskshare", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub workbench: WorkbenchArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// One allocation, headless.
    Calc(CalcArgs),
    /// Load and check an agreement: prints "ok", a summary and the governance checks' findings,
    /// or the errors (exit 1).
    Check(CheckArgs),
    /// Write the board report (html, md) or the figures (xlsx, csv, json) beside the agreement.
    Export(ExportArgs),
    /// Read a risk register (csv or xlsx) into the agreement's risks.
    Import(ImportArgs),
    /// The decision log: every change made in the workbench, by whom, when and why.
    Log(LogArgs),
    /// What differs between two versions of an agreement (exit 0 when equal, 1 when not).
    Diff(DiffArgs),
    /// Each party's total under two to four named scenarios, side by side, and the differences.
    Compare(CompareArgs),
    /// Each party's total as the base variance moves, and where it breaks its tolerance.
    Sweep(SweepArgs),
    /// Monte Carlo over the register through the share rules.
    Simulate(SimulateArgs),
}

pub use crate::tui::{ThemeName, WorkbenchArgs};

#[derive(Debug, Args)]
pub struct CalcArgs {
    /// The agreement file.
    pub file: PathBuf,
    /// Variance in percent of every scheme's budget: 3 is an overspend, -2 an underspend.
    #[arg(long, value_name = "PCT", allow_hyphen_values = true)]
    pub variance: Option<String>,
    #[command(flatten)]
    pub held: HeldArgs,
    /// A named scenario from the file (its risks happen, its benefits are realised, its
    /// per-scheme figures are held); --variance moves the base for the schemes not held.
    #[arg(long, value_name = "NAME")]
    pub scenario: Option<String>,
    /// `table` for a person; `json` or `csv` for a program or a spreadsheet.
    #[arg(long, value_enum, ignore_case = true, default_value_t = OutputFormat::Table)]
    pub format: OutputFormat,
}

/// The schemes that hold their own variance, the same in `calc`, `sweep` and `simulate`.
#[derive(Debug, Args)]
pub struct HeldArgs {
    /// Variance for one scheme, as ID=PCT, held whatever the base does; may be given for more
    /// than one scheme.
    #[arg(long = "scheme", value_name = "ID=PCT", allow_hyphen_values = true)]
    pub schemes: Vec<String>,
    /// Variance for one scheme in pounds, as ID=POUNDS, used exactly and held; may be given for
    /// more than one scheme.
    #[arg(long = "amount", value_name = "ID=POUNDS", allow_hyphen_values = true)]
    pub amounts: Vec<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    #[default]
    Table,
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The agreement file.
    pub file: PathBuf,
    /// `table` for a person; `json` lists every finding for a program.
    #[arg(long, value_enum, ignore_case = true, default_value_t = CheckFormat::Table)]
    pub format: CheckFormat,
    /// Fail (exit 1) on warnings too, not only on errors.
    #[arg(long)]
    pub strict: bool,
    /// The date reviews are judged against, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    #[default]
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The agreement file.
    pub file: PathBuf,
    /// A named scenario (the file's, or a forecast); give two to four.
    #[arg(long = "scenario", value_name = "NAME", required = true)]
    pub scenarios: Vec<String>,
    /// `table` for a person; `json` or `csv` for a program or a spreadsheet.
    #[arg(long, value_enum, ignore_case = true, default_value_t = OutputFormat::Table)]
    pub format: OutputFormat,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The agreement file.
    pub file: PathBuf,
    /// `html` the board report, `md` the same in Markdown, `xlsx` a workbook, `csv` the shares,
    /// `json` everything for another program.
    #[arg(long, value_enum, ignore_case = true)]
    pub format: ExportFormat,
    /// Where to write; by default beside the agreement (anytown-report.html).
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// A named scenario to show; may be given more than once (default: every scenario).
    #[arg(long = "scenario", value_name = "NAME")]
    pub scenarios: Vec<String>,
    /// Also write the sweep (each party's total from -10% to +10%): a second CSV file, or a
    /// `sweep` member in the JSON.
    #[arg(long)]
    pub sweep: bool,
    /// Replace a file of that name that is already there (without it, export refuses).
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Html,
    Md,
    Xlsx,
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The agreement file.
    pub file: PathBuf,
    /// The risk register: a .csv or .xlsx file with one risk a row under a header row.
    #[arg(long, value_name = "REGISTER")]
    pub risks: PathBuf,
    /// The worksheet to read in an .xlsx file (default: the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Write the agreement with the risks here instead of in place.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Import the good rows and skip the bad ones (which are listed).
    #[arg(long)]
    pub skip_bad: bool,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// The agreement file.
    pub file: PathBuf,
    /// Only the entries that name this party, scheme, risk or benefit.
    #[arg(long, value_name = "ID")]
    pub about: Option<String>,
    /// `table` (newest first) for a person; `json` or `csv` (in the file's order) for a program.
    #[arg(long, value_enum, ignore_case = true, default_value_t = OutputFormat::Table)]
    pub format: OutputFormat,
}

#[derive(Debug, Args)]
pub struct SweepArgs {
    /// The agreement file.
    pub file: PathBuf,
    /// A named scenario: its risks happen, its benefits are realised, its schemes with their
    /// own percent stay held while the base variance moves.
    #[arg(long, value_name = "NAME")]
    pub scenario: Option<String>,
    #[command(flatten)]
    pub held: HeldArgs,
    /// The first base variance, in percent.
    #[arg(
        long,
        value_name = "PCT",
        allow_hyphen_values = true,
        default_value = "-20"
    )]
    pub from: String,
    /// The last base variance, in percent.
    #[arg(
        long,
        value_name = "PCT",
        allow_hyphen_values = true,
        default_value = "20"
    )]
    pub to: String,
    /// The step between points, in points of budget.
    #[arg(
        long,
        value_name = "PCT",
        allow_hyphen_values = true,
        default_value = "0.5"
    )]
    pub step: String,
    /// `table`, `json` or `csv`.
    #[arg(long, value_enum, ignore_case = true, default_value_t = OutputFormat::Table)]
    pub format: OutputFormat,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The older version.
    pub old: PathBuf,
    /// The newer version.
    pub new: PathBuf,
    /// `table` for a person, `json` for a program.
    #[arg(long, value_enum, ignore_case = true, default_value_t = DiffFormat::Table)]
    pub format: DiffFormat,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    #[default]
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct SimulateArgs {
    /// The agreement file.
    pub file: PathBuf,
    /// How many trials.
    #[arg(
        long,
        value_name = "N",
        allow_hyphen_values = true,
        default_value = "10000"
    )]
    pub trials: String,
    /// The random seed: the same seed gives the same figures.
    #[arg(
        long,
        value_name = "S",
        allow_hyphen_values = true,
        default_value = "0"
    )]
    pub seed: String,
    /// A named scenario: its variance and held schemes (its own risks and benefits are drawn).
    #[arg(long, value_name = "NAME")]
    pub scenario: Option<String>,
    /// The base variance in percent of every scheme's budget (held schemes stay held).
    #[arg(long, value_name = "PCT", allow_hyphen_values = true)]
    pub variance: Option<String>,
    #[command(flatten)]
    pub held: HeldArgs,
    /// Draw each scheme's variance around the what-if's, with this standard deviation in points.
    #[arg(long, value_name = "SD", allow_hyphen_values = true)]
    pub spread: Option<String>,
    /// Correlation of the schemes' variance draws, 0 to 1.
    #[arg(
        long,
        value_name = "RHO",
        allow_hyphen_values = true,
        default_value = "0.5"
    )]
    pub correlation: String,
    /// Threads to use; by default one per core. The figures do not depend on it.
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    pub threads: Option<String>,
    /// `table`, `json` or `csv`.
    #[arg(long, value_enum, ignore_case = true, default_value_t = OutputFormat::Table)]
    pub format: OutputFormat,
}
