//! Background work (a simulation, an export): a [`Job`] runs on a thread of its own and reports
//! its progress and its end as [`JobReport`]s, which arrive in the event loop's one channel beside
//! the keys (as `AppEvent::Job`) and reach the app through `update` as `Action::Job`. Drawing
//! never waits for a job, and a job never touches the app.
//!
//! To add background work: build a `Job` with a name and a closure doing the work (calling
//! `progress.report(done, of)` now and then, returning a [`JobOutput`]), and return
//! `Effect::Start(job)` from `update`; handle `Action::Job(JobReport::Finished { .. })` for its
//! result. Add a `JobOutput` variant when the result is more than a sentence.

use std::sync::atomic::{AtomicU64, Ordering};

/// What a finished job hands back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobOutput {
    /// A sentence for the header ("Exported to board.xlsx").
    Said(String),
    /// A simulation's figures, for the Scenario pane's Simulation view.
    Simulated(crate::tui::panes::simulation::Outcome),
    /// The break-even points of the analytics of a generation (`App::analytics`).
    BreakEven(u64, Vec<Option<rust_decimal::Decimal>>),
}

/// News from a job, in the order it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobReport {
    /// `done` of `of` steps are done.
    Progress { id: u64, done: u64, of: u64 },
    /// The job ended: its output, or why it failed in a sentence.
    Finished {
        id: u64,
        result: Result<JobOutput, String>,
    },
}

impl JobReport {
    pub fn id(&self) -> u64 {
        match self {
            JobReport::Progress { id, .. } | JobReport::Finished { id, .. } => *id,
        }
    }
}

/// How a job says how far it has got.
pub struct Progress<'a> {
    id: u64,
    send: &'a (dyn Fn(JobReport) + Sync),
}

impl Progress<'_> {
    pub fn report(&self, done: u64, of: u64) {
        (self.send)(JobReport::Progress {
            id: self.id,
            done,
            of,
        });
    }
}

type Work = Box<dyn FnOnce(&Progress) -> Result<JobOutput, String> + Send>;

/// A piece of background work, named for the header while it runs.
pub struct Job {
    pub id: u64,
    pub name: String,
    work: Work,
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

impl Job {
    pub fn new(
        name: impl Into<String>,
        work: impl FnOnce(&Progress) -> Result<JobOutput, String> + Send + 'static,
    ) -> Job {
        Job {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            name: name.into(),
            work: Box::new(work),
        }
    }

    /// Does the work here, sending each report to `send`; the last is `Finished`.
    pub fn run(self, send: &(dyn Fn(JobReport) + Sync)) {
        let progress = Progress { id: self.id, send };
        let result = (self.work)(&progress);
        send(JobReport::Finished {
            id: self.id,
            result,
        });
    }

    /// Does the work on a thread of its own; `send` carries each report into the event loop.
    pub fn spawn(self, send: impl Fn(JobReport) + Send + Sync + 'static) -> std::io::Result<()> {
        let name = format!("job-{}", self.id);
        std::thread::Builder::new()
            .name(name)
            .spawn(move || self.run(&send))
            .map(drop)
    }
}

impl std::fmt::Debug for Job {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Job")
            .field("id", &self.id)
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// A job still running, as the header shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Running {
    pub id: u64,
    pub name: String,
    pub done: u64,
    pub of: u64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;
    use std::sync::mpsc;

    fn counting(steps: u64) -> Job {
        Job::new("count", move |progress| {
            for n in 1..=steps {
                progress.report(n, steps);
            }
            Ok(JobOutput::Said(format!("counted {steps}")))
        })
    }

    #[test]
    fn a_job_reports_each_step_then_its_end() {
        let seen = Mutex::new(Vec::new());
        let job = counting(3);
        let id = job.id;
        job.run(&|r| seen.lock().unwrap().push(r));
        let seen = seen.into_inner().unwrap();
        assert_eq!(seen.len(), 4);
        assert_eq!(seen[2], JobReport::Progress { id, done: 3, of: 3 });
        assert_eq!(
            seen[3],
            JobReport::Finished {
                id,
                result: Ok(JobOutput::Said("counted 3".into()))
            }
        );
    }

    #[test]
    fn a_spawned_job_reports_through_a_channel() {
        let (tx, rx) = mpsc::channel();
        let tx = Mutex::new(tx);
        counting(2)
            .spawn(move |r| drop(tx.lock().unwrap().send(r)))
            .unwrap();
        let reports: Vec<JobReport> = rx.iter().take(3).collect();
        assert!(matches!(reports[2], JobReport::Finished { .. }));
        assert_ne!(counting(1).id, counting(1).id);
    }
}
