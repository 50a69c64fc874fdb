//! `App::update`: the one place where the workbench's state changes.

use super::choices::{step_1_5, step_index};
use super::{App, Effect, Overlay, Prompt};
use crate::model::log::Step;
use crate::model::{Agreement, text};
use crate::tui::action::{Action, PaneId, Reply};
use crate::tui::forms::{self, Form, FormKind, Outcome};
use crate::tui::keymap;
use rust_decimal::Decimal;
use std::sync::Arc;

/// The slider's end stops, in percent of budget.
pub(super) const SLIDER_LIMIT: i64 = forms::variance::LIMIT;

impl App {
    /// Applies one action. Every change of state goes through here, and the allocation is
    /// recomputed here when the agreement or the scenario changes. What it leads to outside
    /// the app (saving, autosaving, background work) comes back as effects for the loop to
    /// carry out ([`App::carry_out`], or [`App::handle`] to do both at once).
    #[must_use = "the effects (a save, an autosave, a job) must be carried out"]
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Resize => return Vec::new(),
            Action::Job(report) => {
                self.hear(report);
                return std::mem::take(&mut self.effects.0);
            }
            _ => {}
        }
        self.status = None;
        match &self.overlay {
            Overlay::Form(_) => self.update_form(action),
            Overlay::Prompt(prompt) => self.answer(prompt.clone(), action),
            Overlay::Help => match action {
                Action::Select(n) => {
                    self.help_scroll = self.help_scroll.saturating_add_signed(n as i16)
                }
                _ => self.overlay = Overlay::None,
            },
            Overlay::None => self.update_panes(action),
        }
        // Only a change can make the agreement differ from the saved one here (saving is an
        // effect): comparing 20,000 risks on every slider step would be most of the step.
        if std::mem::take(&mut self.changed) {
            self.effects.0.push(Effect::Autosave);
            self.refresh_dirty();
        }
        self.show_next();
        std::mem::take(&mut self.effects.0)
    }

    fn update_panes(&mut self, action: Action) {
        match action {
            Action::Focus(pane) => self.focus = pane,
            Action::FocusNext => self.focus = self.focus.next(),
            Action::FocusPrevious => self.focus = self.focus.previous(),
            Action::Zoom => self.toggle_zoom(),
            Action::NextView => {
                let count = crate::tui::panes::views(self.focus).len().max(1);
                let view = self.panes.view_mut(self.focus);
                *view = (*view + 1) % count;
            }
            Action::Help => {
                self.help_scroll = 0;
                self.overlay = Overlay::Help;
            }
            // Asked afresh, not from the header's copy: quitting must never lose work.
            Action::Quit if self.unsaved() => {
                self.overlay = Overlay::Prompt(Prompt::Quit)
            }
            Action::Quit => self.finish(),
            Action::Undo => match self.history.undo(&self.agreement, self.what_if_now()) {
                Some((previous, what_if)) => {
                    let current = std::mem::replace(&mut self.agreement, previous);
                    self.restore_what_if(what_if);
                    self.log_step(&current, Step::Undo);
                    self.after_change();
                    let redo = keymap::key_for(keymap::Context::Everywhere, &Action::Redo);
                    self.say(format!("Undone ({redo} redoes)"));
                }
                None => {
                    // Undo takes back changes to the agreement; the what-if has its own keys.
                    let key = |a: Action| keymap::key_for(keymap::Context::In(PaneId::Scenario), &a);
                    self.refuse(format!(
                        "Nothing to undo ({} takes back changes to the agreement; {} and {} put the what-if back)",
                        keymap::key_for(keymap::Context::Everywhere, &Action::Undo),
                        key(Action::SlideToZero),
                        key(Action::ReleaseHeld)
                    ))
                }
            },
            Action::Redo => match self.history.redo(&self.agreement, self.what_if_now()) {
                Some((next, what_if)) => {
                    let current = std::mem::replace(&mut self.agreement, next);
                    self.restore_what_if(what_if);
                    self.log_step(&current, Step::Redo);
                    self.after_change();
                    self.say("Redone");
                }
                None => self.refuse("Nothing to redo"),
            },
            Action::Save => self.effects.0.push(Effect::Save { quit_after: false }),
            Action::Note => match forms::note::new_form(&self.agreement) {
                Some(form) => self.open(Some(form)),
                None => self.refuse(
                    "No decision is logged yet: a change made here is logged, then N notes why",
                ),
            },
            Action::Select(n) => self.select(n),
            Action::Add => self.open(match self.focus {
                PaneId::Parties => Some(forms::party::new_form(&self.agreement, None)),
                PaneId::Register if self.benefits_shown() => {
                    Some(forms::benefit::new_form(&self.agreement, None))
                }
                PaneId::Register => Some(forms::risk::new_form(&self.agreement, None)),
                PaneId::Scenario => Some(forms::scenario::new_form(
                    &self.agreement,
                    &self.panes.scenario.working,
                )),
                PaneId::Appetite => None,
            }),
            Action::Edit if self.checks_shown() => self.open_finding(),
            Action::Edit => self.open(match self.focus {
                PaneId::Parties => self
                    .selected_party()
                    .map(|p| forms::party::new_form(&self.agreement, Some(p))),
                PaneId::Register if self.benefits_shown() => self
                    .selected_benefit()
                    .map(|b| forms::benefit::new_form(&self.agreement, Some(b))),
                PaneId::Register => self
                    .selected_risk()
                    .map(|r| forms::risk::new_form(&self.agreement, Some(r))),
                PaneId::Appetite => self
                    .selected_party()
                    .map(|p| forms::appetite::new_form(&self.agreement, p)),
                PaneId::Scenario => match self
                    .panes
                    .scenario
                    .named
                    .and_then(|i| self.agreement.scenarios.get(i))
                {
                    Some(s) => Some(forms::scenario_figures::new_form(&self.agreement, s)),
                    None => {
                        if let Some(why) = self.forecast_refusal() {
                            self.refuse(why);
                            return;
                        }
                        let name = keymap::key_for(
                            keymap::Context::In(PaneId::Scenario),
                            &Action::Add,
                        );
                        let pick = keymap::key_for(
                            keymap::Context::In(PaneId::Scenario),
                            &Action::PickScenario(1),
                        );
                        self.refuse(format!(
                            "No named scenario is picked: {pick} picks one, {name} names this what-if"
                        ));
                        return;
                    }
                },
            }),
            Action::Delete => self.ask_delete(),
            Action::Slide(half_points) => {
                let step = Decimal::new(i64::from(half_points) * 5, 1);
                let limit = Decimal::from(SLIDER_LIMIT);
                let moved = (self.slider_percent() + step).clamp(-limit, limit);
                self.set_slider(moved);
            }
            Action::SlideToZero => self.set_slider(Decimal::ZERO),
            Action::AskVariance => {
                self.open(Some(forms::variance::new_form(self.slider_percent())))
            }
            Action::SliderScheme(n) => self.step_slider_scheme(n),
            Action::PickScenario(step) => self.pick_scenario(step),
            Action::ToggleRisk => self.toggle_risk(),
            Action::ReleaseHeld => self.release_held(),
            Action::CompareColumn(_)
            | Action::ComparePick(_)
            | Action::CompareAdd
            | Action::CompareRemove => self.compare(&action),
            Action::Export => self.export(),
            Action::Simulate => self.simulate(),
            Action::ToggleResidual => self.panes.register.residual = !self.panes.register.residual,
            Action::ToggleGrid => {
                self.panes.register.grid = !self.panes.register.grid;
                self.panes.register.cursor = 0;
            }
            Action::MoveCell(likelihood, impact) => {
                let (l, i) = self.panes.register.cell;
                self.panes.register.cell = (step_1_5(l, likelihood), step_1_5(i, impact));
                self.panes.register.cursor = 0;
            }
            Action::LogFilter => {
                let filter = &mut self.panes.parties.log_filter;
                *filter = filter.next();
            }
            Action::SelectScheme(n) => {
                self.panes.parties.scheme_cursor = step_index(
                    self.panes.parties.scheme_cursor,
                    n,
                    self.agreement.schemes.len(),
                )
            }
            Action::EditScheme => self.open(
                self.agreement
                    .schemes
                    .get(self.panes.parties.scheme_cursor)
                    .map(|s| forms::scheme::new_form(&self.agreement, s)),
            ),
            Action::EditSchemeFacts => self.open(
                self.agreement
                    .schemes
                    .get(self.panes.parties.scheme_cursor)
                    .map(|s| forms::schemes::new_form(&self.agreement, Some(s))),
            ),
            Action::AddScheme => self.open(Some(forms::schemes::new_form(&self.agreement, None))),
            Action::DeleteScheme => {
                let cursor = self.panes.parties.scheme_cursor;
                match self.agreement.schemes.get(cursor) {
                    Some(s) => match forms::schemes::delete(&self.agreement, &s.id) {
                        Ok(_) => self.overlay = Overlay::Prompt(Prompt::DeleteScheme(s.id.clone())),
                        Err(why) => self.refuse(why),
                    },
                    None => self.refuse("There is no scheme to delete"),
                }
            }
            Action::EditRuleRows(side) => {
                match self.agreement.schemes.get(self.panes.parties.scheme_cursor) {
                    Some(s) => match forms::rule_rows::new_form(s, side) {
                        Ok(form) => self.open(Some(form)),
                        Err(why) => self.refuse(why),
                    },
                    None => self.refuse("There is no scheme to edit"),
                }
            }
            Action::EditThresholds => self.open(Some(forms::thresholds::new_form(&self.agreement))),
            Action::StepAppetite(n) => self.step_appetite(n),
            Action::Cancel if self.panes.register.grid => self.panes.register.grid = false,
            _ => {}
        }
    }

    fn update_form(&mut self, action: Action) {
        let Overlay::Form(form) = &mut self.overlay else {
            return;
        };
        let discard_asked = std::mem::take(&mut form.discard_asked);
        match action {
            Action::Type(typed) => form.type_text(&text::clean(&typed)),
            Action::Backspace => form.backspace(),
            Action::ClearField => form.clear_field(),
            Action::NextField => form.move_cursor(1),
            Action::PreviousField => form.move_cursor(-1),
            Action::Cycle(n) => form.cycle(n),
            Action::Caret(to) => form.caret(to),
            Action::DeleteForward => form.delete_forward(),
            // What was typed is not thrown away on one key: Esc asks first.
            Action::Cancel if form.is_changed() && !discard_asked => {
                form.discard_asked = true;
                let cancel = keymap::key_for(keymap::Context::Form, &Action::Cancel);
                let apply = keymap::key_for(keymap::Context::Form, &Action::Submit);
                self.refuse(format!(
                    "{cancel} again throws away what you typed; {apply} applies it"
                ));
                return;
            }
            Action::Cancel => {
                self.overlay = Overlay::None;
                self.say("Cancelled: nothing changed");
                return;
            }
            Action::Submit => {
                let naming = matches!(form.kind, FormKind::Scenario { .. });
                let figures = matches!(form.kind, FormKind::ScenarioFigures { .. });
                match form.outcome(&self.agreement) {
                    Ok(Outcome::Change(agreement, what)) => {
                        self.overlay = Overlay::None;
                        self.commit(agreement, what);
                        if figures {
                            // The pane shows the scenario as it now is.
                            if let Some(named) = self
                                .panes
                                .scenario
                                .named
                                .and_then(|i| self.agreement.scenarios.get(i))
                            {
                                self.panes.scenario.working = named.clone();
                                self.recalculate();
                            }
                        }
                        if naming {
                            // The what-if just named is the one the pane shows.
                            let last = self.agreement.scenarios.len().checked_sub(1);
                            self.panes.scenario.named = last;
                            self.panes.scenario.forecast = None;
                            if let Some(named) = last.and_then(|i| self.agreement.scenarios.get(i))
                            {
                                self.panes.scenario.working = named.clone();
                            }
                        }
                    }
                    Ok(Outcome::Variance(percent, what)) => {
                        self.overlay = Overlay::None;
                        self.set_slider(percent);
                        if self.slider_scheme().is_none() {
                            self.say(what);
                        }
                    }
                    Ok(Outcome::SaveTo(path, quit_after)) => {
                        self.overlay = Overlay::None;
                        self.effects.0.push(Effect::SaveAs { path, quit_after });
                    }
                    Err(refusal) => {
                        form.refusal = Some(refusal);
                        self.refuse("Not applied: the form says why; nothing typed is lost");
                    }
                }
                return;
            }
            _ => return,
        }
        form.check(&self.agreement);
    }

    fn answer(&mut self, prompt: Prompt, action: Action) {
        // The keymap turns a prompt's keys into these; anything else leaves the box open and
        // names the answers, so that typing carried on after it opened never runs as commands
        // behind it.
        let asks = keymap::Asks::of(&prompt);
        self.overlay = Overlay::None;
        match (prompt, action) {
            (Prompt::Quit, Action::Answer(Reply::SaveAndQuit)) => {
                self.effects.0.push(Effect::Save { quit_after: true })
            }
            (Prompt::Quit, Action::Answer(Reply::DiscardAndQuit)) => self.finish(),
            (Prompt::Quit, Action::Cancel) => self.say("Nothing changed"),
            (Prompt::Recover { .. }, Action::Answer(Reply::Yes)) => self.answer_recovery(),
            (Prompt::Recover { .. }, Action::Answer(Reply::No)) => self
                .effects
                .0
                .push(Effect::Recovery(super::Recovery::Discard)),
            (Prompt::NotSaved { quit_after, .. }, Action::Answer(Reply::SaveAs)) => {
                self.open_save_as(quit_after)
            }
            (Prompt::NotSaved { .. }, Action::Cancel) => {
                self.refuse("Not saved: your work is still here")
            }
            (Prompt::Notice { .. }, Action::Cancel) => {}
            (Prompt::TakeLock { .. }, Action::Answer(Reply::Yes)) => self.take_lock(),
            (Prompt::RecoverChanged { .. }, Action::Answer(Reply::Yes)) => self
                .effects
                .0
                .push(Effect::Recovery(super::Recovery::IntoCopy)),
            (Prompt::RecoverChanged { .. }, Action::Answer(Reply::No)) => self
                .effects
                .0
                .push(Effect::Recovery(super::Recovery::Discard)),
            (
                Prompt::Overwrite {
                    path, quit_after, ..
                },
                Action::Answer(Reply::Yes),
            ) => self.save_as_now(path, quit_after),
            (Prompt::Overwrite { .. }, Action::Answer(Reply::No)) => {
                self.say("Nothing saved; the file is as it was");
            }
            (Prompt::TakeLock { .. }, Action::Answer(Reply::No)) => {}
            (Prompt::DeleteParty(id), Action::Answer(Reply::Yes)) => {
                let mut next = Agreement::clone(&self.agreement);
                next.parties.retain(|p| p.id != id);
                self.commit(next, format!("Party '{id}' deleted"));
            }
            (Prompt::DeleteRisk(id), Action::Answer(Reply::Yes)) => {
                let mut next = Agreement::clone(&self.agreement);
                next.risks.retain(|r| r.id != id);
                for s in &mut next.scenarios {
                    s.risks.retain(|r| *r != id);
                }
                self.commit(next, format!("Risk '{id}' deleted"));
            }
            (Prompt::DeleteScenario(name), Action::Answer(Reply::Yes)) => {
                let mut next = Agreement::clone(&self.agreement);
                next.scenarios.retain(|s| s.name != name);
                // The what-if stays on the pane, no longer under that name.
                self.panes.scenario.named = None;
                self.commit(next, format!("Scenario '{name}' deleted"));
            }
            (Prompt::DeleteScheme(id), Action::Answer(Reply::Yes)) => {
                match forms::schemes::delete(&self.agreement, &id) {
                    Ok(next) => self.commit(next, format!("Scheme '{id}' deleted")),
                    Err(why) => self.refuse(why),
                }
            }
            (Prompt::DeleteBenefit { id, .. }, Action::Answer(Reply::Yes)) => {
                let next = forms::benefit::delete(&self.agreement, &id);
                self.commit(next, format!("Benefit '{id}' deleted"));
            }
            (
                Prompt::DeleteParty(_)
                | Prompt::DeleteRisk(_)
                | Prompt::DeleteScenario(_)
                | Prompt::DeleteScheme(_)
                | Prompt::DeleteBenefit { .. },
                Action::Answer(Reply::No),
            ) => self.say("Nothing changed"),
            (prompt, _) => {
                self.overlay = Overlay::Prompt(prompt);
                self.refuse(keymap::answers_refusal(asks));
            }
        }
    }

    /// Makes `next` the agreement, remembering the old one for undo, and logs the change.
    pub(super) fn commit(&mut self, next: Agreement, what: String) {
        self.commit_logged(next, what, true);
    }

    /// As [`App::commit`], for work that carries its own log (recovered from an autosave).
    pub(super) fn commit_unlogged(&mut self, next: Agreement, what: String) {
        self.commit_logged(next, what, false);
    }

    fn commit_logged(&mut self, next: Agreement, what: String, logged: bool) {
        if next == *self.agreement {
            self.say("Nothing changed");
            return;
        }
        let before = std::mem::replace(&mut self.agreement, Arc::new(next));
        if logged {
            self.log_step(&before, Step::Edit);
        }
        let what_if = self.what_if_now();
        self.history.record(before, what_if);
        self.after_change();
        let undo = keymap::key_for(keymap::Context::Everywhere, &Action::Undo);
        self.say(format!("{what} ({undo} undoes)"));
    }

    /// Records the step from `before` to the agreement now in the decision log.
    fn log_step(&mut self, before: &Agreement, step: Step) {
        forms::decisions::log_step(
            before,
            Arc::make_mut(&mut self.agreement),
            step,
            self.session.places.as_ref(),
        );
    }

    /// Keeps selections and the working scenario inside the agreement, and recalculates.
    fn after_change(&mut self) {
        let a = &self.agreement;
        let working = &mut self.panes.scenario.working;
        working.risks.retain(|id| a.risk(id).is_some());
        working.benefits.retain(|id| a.benefit(id).is_some());
        working.schemes.0.retain(|(id, _)| a.scheme(id).is_some());
        if self
            .panes
            .scenario
            .named
            .is_some_and(|i| i >= a.scenarios.len())
        {
            self.panes.scenario.named = None;
        }
        // A forecast picked is worked out again from the schemes' quarters as they now are.
        if let Some(picked) = self.panes.scenario.forecast.take() {
            self.panes.scenario.forecast = crate::engine::forecast::named_scenarios(a)
                .into_iter()
                .skip(a.scenarios.len())
                .find(|s| s.name == picked.name);
        }
        self.panes.parties.party_cursor = self
            .panes
            .parties
            .party_cursor
            .min(a.parties.len().saturating_sub(1));
        self.panes.parties.scheme_cursor = self
            .panes
            .parties
            .scheme_cursor
            .min(a.schemes.len().saturating_sub(1));
        self.panes.scenario.risk_cursor = self
            .panes
            .scenario
            .risk_cursor
            .min(a.risks.len().saturating_sub(1));
        if self
            .panes
            .scenario
            .scheme
            .is_some_and(|i| i >= a.schemes.len())
        {
            self.panes.scenario.scheme = None;
        }
        let visible = self.visible_risks().len();
        self.panes.register.cursor = self.panes.register.cursor.min(visible.saturating_sub(1));
        self.recalculate();
        self.rescale();
        self.changed = true;
    }

    pub(super) fn open(&mut self, form: Option<Form>) {
        match form {
            Some(mut form) => {
                form.opened_now();
                form.check(&self.agreement);
                self.overlay = Overlay::Form(Box::new(form));
            }
            None => self.refuse(format!(
                "Nothing to edit here in the {} pane",
                self.focus.title()
            )),
        }
    }
}
