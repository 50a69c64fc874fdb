//! The Compare view's columns and `x`, the workbench's export: the focused view to CSV and the
//! board report to HTML, beside the agreement file, written by a background job through the
//! same writers as `riskshare export` (crate::export). An export never replaces a file: a name
//! already taken gets the next free number (`anytown-whatif-2.csv`), and the status line says
//! what was written where.

use super::App;
use crate::export::{self, csv_out, report};
use crate::model::text::clean;
use crate::tui::action::{Action, PaneId};
use crate::tui::jobs::{Job, JobOutput};
use crate::tui::keymap::{self, Context};
use crate::tui::panes;
use std::path::Path;

/// What the CSV of an export holds: the focused view.
enum Table {
    /// The what-if on the Scenario pane, as `calc --format csv` writes it.
    WhatIf(Box<crate::engine::Allocation>),
    /// The risk register.
    Register,
    /// The Compare view's comparison, as `compare --format csv` writes it.
    Compare(crate::engine::compare::Comparison),
}

impl App {
    /// The Compare view's keys: a column's scenario, a column more or less, the next column.
    pub(super) fn compare(&mut self, action: &Action) {
        let state = &mut self.panes.compare;
        let done = match action {
            Action::CompareColumn(n) => {
                state.step_column(*n);
                Ok(())
            }
            Action::ComparePick(n) => state.pick(&self.agreement, *n),
            Action::CompareAdd => state.add(&self.agreement),
            Action::CompareRemove => state.remove(),
            _ => Ok(()),
        };
        match done {
            Ok(()) => self
                .panes
                .compare
                .on_what_if(&self.agreement, &self.calc.allocation),
            Err(why) => self.refuse(why),
        }
    }

    /// `x`: starts the export of the focused view and the board report.
    pub(super) fn export(&mut self) {
        let Some(path) = self.path.clone() else {
            let save = keymap::key_for(Context::Everywhere, &Action::Save);
            let export = keymap::key_for(Context::Everywhere, &Action::Export);
            self.refuse(format!(
                "The built-in example has no file to export beside: {save} saves it, then {export} exports"
            ));
            return;
        };
        let (what, table) = match self.focus {
            PaneId::Register => ("register", Table::Register),
            PaneId::Scenario
                if panes::view_of(self, PaneId::Scenario).name == panes::compare::NAME =>
            {
                (
                    "compare",
                    Table::Compare(self.panes.compare.comparison.clone()),
                )
            }
            _ => (
                "whatif",
                Table::WhatIf(Box::new(self.calc.allocation.clone())),
            ),
        };
        if let Some(why) = match &table {
            Table::WhatIf(_) => self.calc.error.clone(),
            Table::Compare(c) if c.scenarios.len() < 2 => Some(
                self.panes
                    .compare
                    .error
                    .clone()
                    .unwrap_or_else(|| "there are not two scenarios to compare".into()),
            ),
            _ => None,
        } {
            self.refuse(format!("Nothing exported: {}", clean(&why)));
            return;
        }
        let agreement = self.agreement.clone();
        let job = Job::new("Export", move |progress| {
            progress.report(0, 3);
            let csv = match &table {
                Table::WhatIf(allocation) => export::calc_csv::render(allocation),
                Table::Register => csv_out::register(&agreement),
                Table::Compare(comparison) => csv_out::comparison(comparison),
            }
            .map_err(|e| format!("cannot write the CSV: {e}"))?;
            let csv_path = export::fresh(&export::beside(&path, what, "csv"));
            write(&csv_path, csv.as_bytes())?;
            progress.report(1, 3);
            let report = report::build(&agreement, &[]).map_err(|e| e.to_string())?;
            progress.report(2, 3);
            let html = export::render_html(&report, &name(&path));
            let html_path = export::fresh(&export::beside(&path, "report", "html"));
            write(&html_path, html.as_bytes())?;
            progress.report(3, 3);
            Ok(JobOutput::Said(format!(
                "Wrote {} and {} beside {}",
                name(&csv_path),
                name(&html_path),
                name(&path)
            )))
        });
        self.start(job);
    }
}

fn name(path: &Path) -> String {
    clean(
        &path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    )
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    export::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", name(path)))
}
