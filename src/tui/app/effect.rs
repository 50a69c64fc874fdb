//! What `update` asks the event loop to do once the state has changed: the slow or outside-world
//! work (writing files, starting background jobs) that a key press leads to but that `update`
//! itself never does.

use super::App;
use crate::tui::action::Action;
use crate::tui::jobs::{Job, JobReport, Running};
use std::path::PathBuf;

/// One thing for the loop to carry out.
#[derive(Debug)]
pub enum Effect {
    /// Save to the open file (asking where when there is none); quit after a save that worked.
    Save { quit_after: bool },
    /// Save to a file named in Save as.
    SaveAs { path: PathBuf, quit_after: bool },
    /// The agreement changed: the autosaver hears of it.
    Autosave,
    /// Run background work; its reports come back as `Action::Job`.
    Start(Job),
}

impl App {
    /// Carries out an effect that needs no event loop (every one but `Start`).
    pub fn carry_out(&mut self, effect: Effect) {
        match effect {
            Effect::Save { quit_after } => self.save(quit_after),
            Effect::SaveAs { path, quit_after } => self.save_as(path, quit_after),
            Effect::Autosave => self.autosave_change(),
            // No loop to run it on: it runs here, to the end, and its reports go through
            // `update` in order.
            Effect::Start(job) => {
                let (send, reports) = std::sync::mpsc::channel();
                job.run(&move |r| drop(send.send(r)));
                for report in reports.try_iter() {
                    self.handle(Action::Job(report));
                }
            }
        }
        self.show_next();
    }

    /// Applies an action and carries out what it leads to, here and now (jobs included): what
    /// tests and scripted sessions use; the event loop runs jobs on threads instead.
    pub fn handle(&mut self, action: Action) {
        for effect in self.update(action) {
            self.carry_out(effect);
        }
    }

    /// Starts background work: the header shows it until it reports its end (`x`'s export, `m`'s
    /// simulation).
    pub(super) fn start(&mut self, job: Job) {
        self.jobs.push(Running {
            id: job.id,
            name: job.name.clone(),
            done: 0,
            of: 0,
        });
        self.effects.0.push(Effect::Start(job));
    }

    /// A job's news: progress for the header, or its result.
    pub(super) fn hear(&mut self, report: JobReport) {
        match report {
            JobReport::Progress { id, done, of } => {
                if let Some(running) = self.jobs.iter_mut().find(|j| j.id == id) {
                    running.done = done;
                    running.of = of;
                }
            }
            JobReport::Finished { id, result } => {
                let name = self
                    .jobs
                    .iter()
                    .find(|j| j.id == id)
                    .map(|j| j.name.clone())
                    .unwrap_or_default();
                self.jobs.retain(|j| j.id != id);
                match result {
                    Ok(crate::tui::jobs::JobOutput::Said(text)) => self.say(text),
                    Ok(crate::tui::jobs::JobOutput::Simulated(outcome)) => {
                        self.simulated(id, Some(outcome))
                    }
                    Ok(crate::tui::jobs::JobOutput::BreakEven(generation, figures)) => {
                        self.found_break_even(id, Some((generation, figures)))
                    }
                    Err(why) => {
                        self.simulated(id, None);
                        self.found_break_even(id, None);
                        self.refuse(format!("{name} failed: {why}"));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::jobs::JobOutput;
    use crate::tui::{Palette, Theme};

    #[test]
    fn a_job_runs_through_update_and_says_its_result() {
        let agreement = crate::tui::example().unwrap();
        let theme = Theme {
            ascii: false,
            palette: Palette::Mono,
            contrast: false,
        };
        let mut app = App::new(agreement, None, theme);
        app.start(Job::new("Counting", |p| {
            p.report(1, 2);
            Ok(JobOutput::Said("Counted to 2".into()))
        }));
        let effects = std::mem::take(&mut app.effects.0);
        assert_eq!(app.jobs().len(), 1);
        assert_eq!(app.jobs()[0].name, "Counting");
        for effect in effects {
            app.carry_out(effect);
        }
        assert!(app.jobs().is_empty());
        assert_eq!(app.status().map(|s| s.text.as_str()), Some("Counted to 2"));
    }
}
