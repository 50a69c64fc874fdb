//! What a key picks or toggles on the focused pane: the selection, the named scenario, a risk
//! happening, a partner's appetite, and the question asked before a delete. `update` calls
//! these; they change only the panes' state and the agreement through `commit`.

use super::{App, Overlay, Prompt};
use crate::tui::action::{Action, PaneId};
use crate::tui::{forms, keymap};

impl App {
    pub(super) fn select(&mut self, n: i32) {
        match self.focus {
            PaneId::Appetite if self.checks_shown() => self.select_finding(n),
            PaneId::Parties | PaneId::Appetite => {
                self.panes.parties.party_cursor = step_index(
                    self.panes.parties.party_cursor,
                    n,
                    self.agreement.parties.len(),
                )
            }
            PaneId::Register if self.benefits_shown() => {
                let len = self.agreement.benefits.len();
                self.panes.register.cursor = step_index(self.panes.register.cursor, n, len);
            }
            PaneId::Register => {
                let len = self.visible_risks().len();
                self.panes.register.cursor = step_index(self.panes.register.cursor, n, len);
            }
            PaneId::Scenario => {
                let len = self.agreement.risks.len() + self.agreement.benefits.len();
                self.panes.scenario.risk_cursor =
                    step_index(self.panes.scenario.risk_cursor, n, len);
            }
        }
    }

    pub(super) fn ask_delete(&mut self) {
        let prompt = match self.focus {
            PaneId::Parties => self.selected_party().map(|p| {
                let uses = forms::validate::party_references(&self.agreement, &p.id);
                if uses.is_empty() {
                    Ok(Prompt::DeleteParty(p.id.clone()))
                } else {
                    Err(format!(
                        "Party '{}' is still named in {}: change those first",
                        p.id,
                        uses.join(", ")
                    ))
                }
            }),
            PaneId::Register if self.benefits_shown() => self.selected_benefit().map(|b| {
                let id = b.id.clone();
                let realised_in: Vec<String> = self
                    .agreement
                    .scenarios
                    .iter()
                    .filter(|s| s.benefits.contains(&id))
                    .map(|s| format!("\"{}\"", s.name))
                    .collect();
                let note = match realised_in.as_slice() {
                    [] => String::new(),
                    [one] => format!(" Scenario {one} realises it and will no longer."),
                    many => format!(
                        " Scenarios {} realise it and will no longer.",
                        many.join(", ")
                    ),
                };
                Ok(Prompt::DeleteBenefit { id, note })
            }),
            PaneId::Register => self
                .selected_risk()
                .map(|r| Ok(Prompt::DeleteRisk(r.id.clone()))),
            PaneId::Scenario => Some(
                self.panes
                    .scenario
                    .named
                    .and_then(|i| self.agreement.scenarios.get(i))
                    .map(|s| Prompt::DeleteScenario(s.name.clone()))
                    .ok_or_else(|| {
                        if let Some(why) = self.forecast_refusal() {
                            return why;
                        }
                        let scenarios = PaneId::Scenario;
                        let back = keymap::key_for(
                            keymap::Context::In(scenarios),
                            &Action::PickScenario(-1),
                        );
                        let on = keymap::key_for(
                            keymap::Context::In(scenarios),
                            &Action::PickScenario(1),
                        );
                        format!(
                            "No named scenario is picked: {back} and {on} pick the one to delete"
                        )
                    }),
            ),
            PaneId::Appetite => None,
        };
        match prompt {
            Some(Ok(prompt)) => self.overlay = Overlay::Prompt(prompt),
            Some(Err(why)) => self.refuse(why),
            None => self.refuse(format!(
                "Nothing to delete in the {} pane",
                self.focus.title()
            )),
        }
    }

    /// Steps through every scenario Compare can show: the file's named ones, then the forecasts
    /// from the schemes' quarters. The list wraps, and the message line says so at its ends.
    pub(super) fn pick_scenario(&mut self, step: i32) {
        let all = crate::engine::forecast::named_scenarios(&self.agreement);
        let count = all.len();
        if count == 0 {
            self.refuse("This agreement has no named scenarios");
            return;
        }
        let scenario = &self.panes.scenario;
        let now = match (scenario.named, &scenario.forecast) {
            (Some(i), _) => Some(i),
            (None, Some(f)) => all.iter().position(|s| s.name == f.name),
            (None, None) => None,
        };
        let index = match now {
            Some(i) => step_index_wrapping(i, step, count),
            None if step >= 0 => 0,
            None => count - 1,
        };
        let picked = all[index].clone();
        let own = index < self.agreement.scenarios.len();
        self.panes.scenario.named = own.then_some(index);
        self.panes.scenario.forecast = (!own).then(|| picked.clone());
        self.panes.scenario.working = picked;
        self.recalculate();
        let key = |n: i32| {
            keymap::key_for(
                keymap::Context::In(PaneId::Scenario),
                &Action::PickScenario(n),
            )
        };
        let name = &all[index].name;
        let wrapped = now.is_some_and(|i| (step > 0 && index < i) || (step < 0 && index > i));
        if wrapped && step > 0 {
            self.say(format!(
                "Past the last scenario: back to the first, \"{name}\" (1 of {count})"
            ));
        } else if wrapped {
            self.say(format!(
                "Before the first scenario: on to the last, \"{name}\" ({count} of {count})"
            ));
        } else if index + 1 == count && count > 1 {
            self.say(format!(
                "\"{name}\" is the last of {count} scenarios: {} goes back to the first",
                key(1)
            ));
        } else if index == 0 && count > 1 && step < 0 {
            self.say(format!(
                "\"{name}\" is the first of {count} scenarios: {} goes on to the last",
                key(-1)
            ));
        }
    }

    /// Why a forecast on the pane cannot be edited or deleted: it is worked out from the
    /// schemes' quarters, not kept in the file.
    pub(super) fn forecast_refusal(&self) -> Option<String> {
        let forecast = self.panes.scenario.forecast.as_ref()?;
        let name = keymap::key_for(keymap::Context::In(PaneId::Scenario), &Action::Add);
        Some(format!(
            "\"{}\" is worked out from the schemes' quarters, not kept in the file: {name} names a copy of it",
            forecast.name
        ))
    }

    /// The selected risk happens or not; past the risks, the selected benefit is realised or not.
    pub(super) fn toggle_risk(&mut self) {
        let cursor = self.panes.scenario.risk_cursor;
        let risks = self.agreement.risks.len();
        let (id, risks) = match self.agreement.risks.get(cursor) {
            Some(risk) => (&risk.id, &mut self.panes.scenario.working.risks),
            None => match cursor
                .checked_sub(risks)
                .and_then(|i| self.agreement.benefits.get(i))
            {
                Some(benefit) => (&benefit.id, &mut self.panes.scenario.working.benefits),
                None => return,
            },
        };
        match risks.iter().position(|r| r == id) {
            Some(i) => {
                risks.remove(i);
            }
            None => risks.push(id.clone()),
        }
        self.recalculate();
    }

    pub(super) fn step_appetite(&mut self, n: i32) {
        if self.checks_shown() {
            let view = keymap::key_for(keymap::Context::Views, &Action::NextView);
            self.say(format!(
                "Left/Right change a partner's level in the Appetite view ({view} shows it)"
            ));
            return;
        }
        let Some(party) = self.selected_party() else {
            return;
        };
        let levels = crate::model::Appetite::ALL;
        let now = levels
            .iter()
            .position(|l| *l == party.appetite)
            .unwrap_or(0);
        let level = levels[step_index(now, n, levels.len())];
        let id = party.id.clone();
        let mut next = crate::model::Agreement::clone(&self.agreement);
        if let Some(p) = next.parties.iter_mut().find(|p| p.id == id) {
            p.appetite = level;
        }
        self.commit(next, format!("{id}'s appetite is now {}", level.label()));
    }
}

/// Moves an index by `n`, staying within `0..len`.
pub(super) fn step_index(index: usize, n: i32, len: usize) -> usize {
    let last = len.saturating_sub(1) as i64;
    (index as i64 + i64::from(n)).clamp(0, last.max(0)) as usize
}

pub(super) fn step_index_wrapping(index: usize, n: i32, len: usize) -> usize {
    (index as i64 + i64::from(n)).rem_euclid(len.max(1) as i64) as usize
}

pub(super) fn step_1_5(value: u8, n: i32) -> u8 {
    (i32::from(value) + n).clamp(1, 5) as u8
}
