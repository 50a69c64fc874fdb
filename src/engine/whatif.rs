//! The one what-if model that `calc` and the workbench share: a base variance plus the schemes
//! that hold their own setting.
//!
//! The slider and `calc --variance` move the base; a scheme held by a named scenario (its
//! `schemes` or `amounts`), by a per-scheme slider, by `--scheme` or by `--amount` keeps its own
//! setting until it is released.

use crate::model::{OrderedMap, Scenario};
use rust_decimal::Decimal;

/// How one scheme's variance is set before risks and benefits move it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    /// Percent of the scheme's budget (rounded half-even to pence once applied).
    Percent(Decimal),
    /// Pounds, used exactly: a forecast is never turned into a percent and back.
    Amount(Decimal),
}

/// A what-if: a base percent for every scheme, the schemes that hold their own setting, the
/// risks that happen and the benefits that are realised.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WhatIf {
    /// Percent of every scheme's budget, for the schemes not held.
    pub base: Decimal,
    /// Scheme id -> its own setting, in the order they were set.
    pub held: OrderedMap<Setting>,
    /// Risks that happen.
    pub risks: Vec<String>,
    /// Benefits that are realised.
    pub benefits: Vec<String>,
}

impl WhatIf {
    /// Every scheme at `base` percent, nothing held, no risk happening.
    pub fn at(base: Decimal) -> WhatIf {
        WhatIf {
            base,
            ..WhatIf::default()
        }
    }

    /// A named scenario as a what-if: its `variance` is the base, its `schemes` and `amounts`
    /// are held (an amount overrides a percent for the same scheme).
    pub fn from_scenario(scenario: &Scenario) -> WhatIf {
        let mut held = OrderedMap::default();
        for (id, pct) in scenario.schemes.iter() {
            held.insert(id, Setting::Percent(*pct));
        }
        for (id, pounds) in scenario.amounts.iter() {
            held.insert(id, Setting::Amount(*pounds));
        }
        WhatIf {
            base: scenario.variance,
            held,
            risks: scenario.risks.clone(),
            benefits: scenario.benefits.clone(),
        }
    }

    /// The what-if written as a named scenario, to keep in the agreement.
    pub fn to_scenario(&self, name: impl Into<String>) -> Scenario {
        let mut scenario = Scenario {
            name: name.into(),
            variance: self.base,
            risks: self.risks.clone(),
            benefits: self.benefits.clone(),
            ..Scenario::default()
        };
        for (id, setting) in self.held.iter() {
            match setting {
                Setting::Percent(p) => scenario.schemes.insert(id, *p),
                Setting::Amount(a) => scenario.amounts.insert(id, *a),
            }
        }
        scenario
    }

    /// The setting that applies to a scheme: its own when held, else the base.
    pub fn setting(&self, scheme: &str) -> Setting {
        self.held
            .get(scheme)
            .copied()
            .unwrap_or(Setting::Percent(self.base))
    }

    /// True when the scheme keeps its own setting whatever the base.
    pub fn is_held(&self, scheme: &str) -> bool {
        self.held.contains_key(scheme)
    }

    /// Moves the base; held schemes keep their settings.
    pub fn set_base(&mut self, base: Decimal) {
        self.base = base;
    }

    /// Gives a scheme its own setting (replacing any it had, keeping its place).
    pub fn hold(&mut self, scheme: impl Into<String>, setting: Setting) {
        self.held.insert(scheme, setting);
    }

    /// Lets a scheme follow the base again; false when it was not held.
    pub fn release(&mut self, scheme: &str) -> bool {
        self.held.remove(scheme).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn a_scenario_holds_its_schemes_and_amounts_override_percents() {
        let mut s = Scenario {
            name: "S".into(),
            variance: d("1"),
            ..Scenario::default()
        };
        s.schemes.insert("A", d("4"));
        s.schemes.insert("B", d("2"));
        s.amounts.insert("B", d("123456.78"));
        let w = WhatIf::from_scenario(&s);
        assert_eq!(w.setting("A"), Setting::Percent(d("4")));
        assert_eq!(w.setting("B"), Setting::Amount(d("123456.78")));
        assert_eq!(w.setting("C"), Setting::Percent(d("1")));
        let mut moved = w.clone();
        moved.set_base(d("0.5"));
        assert_eq!(moved.setting("A"), Setting::Percent(d("4")));
        assert_eq!(moved.setting("C"), Setting::Percent(d("0.5")));
        assert!(moved.release("A"));
        assert!(!moved.release("A"));
        assert_eq!(moved.setting("A"), Setting::Percent(d("0.5")));
    }

    #[test]
    fn a_what_if_kept_as_a_scenario_reads_back_the_same() {
        let mut w = WhatIf::at(d("-2"));
        w.hold("B", Setting::Percent(d("3")));
        w.hold("A", Setting::Amount(d("-5000.50")));
        w.risks.push("R1".into());
        let s = w.to_scenario("Kept");
        assert_eq!(s.name, "Kept");
        assert_eq!(WhatIf::from_scenario(&s), w);
    }
}
