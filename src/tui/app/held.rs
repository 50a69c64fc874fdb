//! The per-scheme slider: the scenario pane's slider moves either the base variance or one
//! scheme's own variance, which then holds its setting ("DTOC held at +4.0%") in the same what-if
//! model `calc --scheme ID=PCT` reads, until `h` releases it. Also `z` on the Scenario pane,
//! which zooms to its presentation view.

use super::App;
use crate::engine::{Setting, WhatIf};
use crate::tui::format::held_percent;
use rust_decimal::Decimal;

impl App {
    /// The scheme the slider moves, if one is selected (else it moves the base).
    pub fn slider_scheme(&self) -> Option<&str> {
        self.panes
            .scenario
            .scheme
            .and_then(|i| self.agreement.schemes.get(i))
            .map(|s| s.id.as_str())
    }

    /// The percent the slider shows: the selected scheme's own setting (an amount as its
    /// percent of the scheme's budget, to a tenth), else the base.
    pub fn slider_percent(&self) -> Decimal {
        let working = &self.panes.scenario.working;
        let Some(id) = self.slider_scheme() else {
            return working.variance;
        };
        match WhatIf::from_scenario(working).setting(id) {
            Setting::Percent(p) => p,
            Setting::Amount(a) => {
                let budget = self
                    .agreement
                    .scheme(id)
                    .map_or(Decimal::ZERO, |s| s.budget());
                if budget.is_zero() {
                    Decimal::ZERO
                } else {
                    (a * Decimal::ONE_HUNDRED / budget).round_dp(1)
                }
            }
        }
    }

    /// Steps which scheme the slider moves: none (the base), then each scheme in turn.
    pub(super) fn step_slider_scheme(&mut self, n: i32) {
        let count = self.agreement.schemes.len() as i64 + 1;
        let now = self.panes.scenario.scheme.map_or(0, |i| i as i64 + 1);
        let next = (now + i64::from(n)).rem_euclid(count);
        self.panes.scenario.scheme = usize::try_from(next - 1).ok();
        match self.slider_scheme() {
            Some(id) => {
                let text = format!(
                    "The slider moves {id} alone (at {})",
                    held_percent(self.slider_percent())
                );
                self.say(text);
            }
            None => self.say("The slider moves every scheme not held"),
        }
    }

    /// Sets what the slider moves to `percent`: the base, or the selected scheme's own setting.
    pub(super) fn set_slider(&mut self, percent: Decimal) {
        let Some(id) = self.slider_scheme().map(str::to_string) else {
            self.panes.scenario.working.variance = percent;
            self.recalculate();
            return;
        };
        let working = &self.panes.scenario.working;
        let mut what_if = WhatIf::from_scenario(working);
        what_if.hold(id.clone(), Setting::Percent(percent));
        self.panes.scenario.working = what_if.to_scenario(working.name.clone());
        self.recalculate();
        self.say(format!("{id} held at {}", held_percent(percent)));
    }

    /// Zooms the focused pane to the full screen and back; the Scenario pane's Bars view zooms
    /// to the presentation view (Big) and returns to the Bars.
    pub(super) fn toggle_zoom(&mut self) {
        self.zoomed = !self.zoomed;
        if self.focus != crate::tui::action::PaneId::Scenario {
            return;
        }
        let present = crate::tui::panes::scenario::present_view();
        let scenario = &mut self.panes.scenario;
        // From the Bars view zoom presents to the room; another view (Money, Compare, a
        // chart, Big itself) is zoomed as it is. Zooming out returns to the view zoomed from.
        if self.zoomed {
            scenario.before_present = scenario.view;
            if scenario.view == 0 {
                scenario.view = present;
            }
        } else if scenario.view == present {
            scenario.view = scenario.before_present;
        }
    }

    /// Releases the selected scheme when it is held, else every held scheme.
    pub(super) fn release_held(&mut self) {
        let working = &self.panes.scenario.working;
        let mut what_if = WhatIf::from_scenario(working);
        let held: Vec<String> = match self.slider_scheme() {
            Some(id) if what_if.is_held(id) => vec![id.to_string()],
            _ => what_if.held.iter().map(|(id, _)| id.to_string()).collect(),
        };
        if held.is_empty() {
            self.refuse("No scheme is held: every scheme follows the variance");
            return;
        }
        for id in &held {
            what_if.release(id);
        }
        self.panes.scenario.working = what_if.to_scenario(working.name.clone());
        self.recalculate();
        self.say(format!(
            "Released {}: now at the base variance",
            held.join(", ")
        ));
    }
}
