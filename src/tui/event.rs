//! What the event loop waits for, on one channel: the terminal's events, stop signals and the
//! news of background jobs (bottom's pattern: every source is a sender, the loop one receiver).

use super::app::{App, Effect};
use super::jobs::JobReport;
use crate::signals::Stop;
use crossterm::event::Event;
use std::sync::mpsc::Sender;

/// What the loop waits for.
pub enum AppEvent {
    /// What the terminal sent, or why it could not be read.
    Terminal(std::io::Result<Event>),
    Stop(Stop),
    /// A background job's progress or end.
    Job(JobReport),
}

/// Carries out what `update` asked for: jobs on threads of their own that report on `events`,
/// everything else at once. A job whose thread cannot start is reported failed.
pub fn carry_out(app: &mut App, effects: Vec<Effect>, events: &Sender<AppEvent>) {
    for effect in effects {
        match effect {
            Effect::Start(job) => {
                let id = job.id;
                let sender = events.clone();
                if let Err(e) = job.spawn(move |report| drop(sender.send(AppEvent::Job(report)))) {
                    let failed = JobReport::Finished {
                        id,
                        result: Err(format!("it could not start ({e})")),
                    };
                    let more = app.update(super::Action::Job(failed));
                    carry_out(app, more, events);
                }
            }
            other => app.carry_out(other),
        }
    }
}
