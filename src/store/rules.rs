//! Checks of one scheme: its members, and the bands, bases and caps of its two rules.

use super::validate::{Problems, Step, quote};
use crate::model::{Basis, Cap, Rule, Scheme, Side};
use rust_decimal::Decimal;
use std::collections::HashSet;

/// Checks a scheme's contributions and both of its rules.
pub fn check_scheme(out: &mut Problems<'_>, parties: &HashSet<&str>, s: &Scheme, index: usize) {
    let base = vec![Step::Field("schemes"), Step::Item(index)];
    let what = format!("scheme {}", quote(&s.id));
    let contributions = [base.clone(), vec![Step::Field("contributions")]].concat();
    if s.contributions.is_empty() {
        out.error(
            contributions.clone(),
            format!("{what} has no members: its contributions are empty"),
        );
    }
    for (party, v) in s.contributions.iter() {
        let place = [contributions.clone(), vec![Step::Key(party.to_string())]].concat();
        if !parties.contains(party) {
            out.error(
                place,
                format!(
                    "{what}: contributions name an unknown party {}",
                    quote(party)
                ),
            );
        } else {
            out.money(
                place,
                &what,
                &format!("the contribution of {}", quote(party)),
                *v,
            );
        }
    }
    if !s.contributions.is_empty() && s.contributions.values().all(Decimal::is_zero) {
        out.warning(
            contributions,
            format!(
                "{what}: every contribution is 0, so its budget is 0 and a variance in percent moves nothing there; money in pounds (a pooled risk that happens, a shared benefit, an amount) still reaches it, is met by its contingency and is shared by its rules, a share by contribution split equally and a cap in percent at 0"
            ),
        );
    }
    let members: HashSet<&str> = s.members().collect();
    for side in [Side::Overspend, Side::Underspend] {
        let place = [base.clone(), vec![Step::Field(side.label())]].concat();
        let rule = Rules {
            out: &mut *out,
            parties,
            members: &members,
            side,
            what: &what,
        };
        rule.check(place, s.rule(side));
    }
}

/// The checks of one side of one scheme.
struct Rules<'a, 'p> {
    out: &'a mut Problems<'p>,
    parties: &'a HashSet<&'a str>,
    members: &'a HashSet<&'a str>,
    side: Side,
    what: &'a str,
}

impl Rules<'_, '_> {
    fn at(place: &[Step], more: &[Step]) -> Vec<Step> {
        [place, more].concat()
    }

    fn check(mut self, place: Vec<Step>, rule: &Rule) {
        let side = self.side.label();
        let (what, field) = (self.what, |k| Self::at(&place, &[Step::Field(k)]));
        self.out.money(
            field("contingency"),
            what,
            &format!("{side} contingency"),
            rule.contingency,
        );
        self.out.percent(
            field("reinvest"),
            what,
            &format!("{side} reinvest"),
            rule.reinvest,
        );
        match self.side {
            Side::Underspend if !rule.contingency.is_zero() => self.out.warning(
                field("contingency"),
                format!("{what}: a contingency only absorbs an overspend; on the underspend rule it does nothing"),
            ),
            Side::Overspend if !rule.reinvest.is_zero() => self.out.warning(
                field("reinvest"),
                format!("{what}: reinvest only applies to an underspend; on the overspend rule it does nothing"),
            ),
            _ => {}
        }
        if let Some(t) = &rule.threshold {
            let place = field("threshold");
            let at = Self::at(&place, &[Step::Field("at")]);
            self.out
                .percent(at.clone(), what, &format!("{side} threshold at"), t.at);
            if t.at.is_zero() {
                self.out.warning(
                    at,
                    format!("{what}: the {side} threshold at 0 has no effect: every variance is at or above it"),
                );
            }
            self.basis(
                Self::at(&place, &[Step::Field("basis")]),
                &t.basis,
                &format!("{side} threshold"),
            );
        }
        self.bands(&field("bands"), rule);
        let redistribute = field("redistribute");
        if rule.redistribute == Basis::Pool && self.side == Side::Underspend {
            self.out.error(
                redistribute.clone(),
                format!("{what}: the underspend redistribute cannot be Pool: what a capped member cannot take goes to the others; keep savings in the pool with a Pool band"),
            );
        }
        self.basis(
            redistribute,
            &rule.redistribute,
            &format!("{side} redistribute"),
        );
        for (party, cap) in rule.caps.iter() {
            let place = Self::at(&field("caps"), &[Step::Key(party.to_string())]);
            let name = format!("{side} cap for {}", quote(party));
            if !self.member(place.clone(), party, &name) {
                continue;
            }
            match cap {
                Cap::Percent(p) => self
                    .out
                    .percent(place, what, &format!("{name}: Percent"), *p),
                Cap::BudgetPercent(p) => {
                    self.out
                        .percent(place, what, &format!("{name}: BudgetPercent"), *p)
                }
                Cap::Amount(v) => self.out.money(place, what, &format!("{name}: Amount"), *v),
            }
        }
    }

    /// Checks a party named in a cap or a Fixed share is a known member; false when it is not.
    fn member(&mut self, place: Vec<Step>, party: &str, name: &str) -> bool {
        let what = self.what;
        if !self.parties.contains(party) {
            self.out
                .error(place, format!("{what}: {name} names an unknown party"));
            false
        } else if !self.members.contains(party) {
            self.out.error(
                place,
                format!(
                    "{what}: {name}, but {} is not a member (it has no contribution)",
                    quote(party)
                ),
            );
            false
        } else {
            true
        }
    }

    fn bands(&mut self, place: &[Step], rule: &Rule) {
        let (what, side) = (self.what, self.side.label());
        let count = rule.bands.len();
        if count == 0 {
            self.out.error(
                place.to_vec(),
                format!("{what}: the {side} rule has an empty bands list; leave bands out for one band by Contribution"),
            );
        }
        let mut previous: Option<Decimal> = None;
        for (n, band) in rule.bands.iter().enumerate() {
            let item = Self::at(place, &[Step::Item(n)]);
            let up_to = Self::at(&item, &[Step::Field("up_to")]);
            let name = format!("{side} band {}", n + 1);
            match band.up_to {
                None if n + 1 < count => self.out.error(
                    item.clone(),
                    format!("{what}: {name} of {count} has no up_to; every band but the last needs one"),
                ),
                Some(v) if n + 1 == count => self.out.error(
                    up_to.clone(),
                    format!("{what}: the last {side} band has up_to {v}; the last band takes the rest and has none"),
                ),
                _ => {}
            }
            if let Some(v) = band.up_to {
                if v <= Decimal::ZERO || v > Decimal::ONE_HUNDRED {
                    self.out.error(
                        up_to.clone(),
                        format!(
                            "{what}: {name} up_to {v} is outside 0-100 (it must be more than 0)"
                        ),
                    );
                }
                if let Some(p) = previous
                    && v <= p
                {
                    self.out.error(
                        up_to,
                        format!("{what}: {side} band thresholds do not rise: up_to {p} is followed by up_to {v}"),
                    );
                }
                previous = Some(v);
            }
            let basis = Self::at(&item, &[Step::Field("basis")]);
            self.basis(basis, &band.basis, &name);
        }
    }

    /// Checks a basis, and every part of a blend.
    fn basis(&mut self, place: Vec<Step>, basis: &Basis, name: &str) {
        let what = self.what;
        if self.side == Side::Overspend
            && let Some(only) = underspend_only(basis)
        {
            self.out.error(
                place.clone(),
                format!("{what}: {name} uses {only}, which can only share an underspend, not an overspend"),
            );
        }
        match basis {
            Basis::Fixed(shares) => {
                let mut total = Some(Decimal::ZERO);
                for (party, v) in shares.iter() {
                    let at = Self::at(&place, &[Step::Key(party.to_string())]);
                    let share = format!("{name} Fixed share for {}", quote(party));
                    if self.member(at.clone(), party, &share) {
                        self.out.percent(at, what, &share, *v);
                    }
                    total = total.and_then(|t| t.checked_add(*v));
                }
                if total != Some(Decimal::ONE_HUNDRED) {
                    let sum = total.map_or("far more than 100".into(), |t| t.to_string());
                    self.out.error(
                        place,
                        format!("{what}: Fixed shares add up to {sum}, not 100"),
                    );
                }
            }
            Basis::Blend(parts) => {
                let mut total = Some(Decimal::ZERO);
                for (k, part) in parts.iter().enumerate() {
                    let weight = Self::at(&place, &[Step::Item(k), Step::Elem(1)]);
                    self.out
                        .percent(weight, what, &format!("{name} Blend weight"), part.weight);
                    total = total.and_then(|t| t.checked_add(part.weight));
                    let inner = Self::at(&place, &[Step::Item(k), Step::Elem(0)]);
                    if part.basis == Basis::Pool {
                        self.out.error(
                            inner.clone(),
                            format!("{what}: {name} has Pool inside a Blend; Pool keeps a whole band in the pool, so give it a band of its own"),
                        );
                    }
                    // An underspend-only part is reported once, for the blend as a whole.
                    let side = self.side;
                    self.side = Side::Underspend;
                    self.basis(inner, &part.basis, name);
                    self.side = side;
                }
                if total != Some(Decimal::ONE_HUNDRED) {
                    let sum = total.map_or("far more than 100".into(), |t| t.to_string());
                    self.out.error(
                        place,
                        format!("{what}: Blend weights add up to {sum}, not 100"),
                    );
                }
            }
            _ => {}
        }
    }
}

/// The first basis inside `basis` that can only share an underspend.
fn underspend_only(basis: &Basis) -> Option<String> {
    match basis {
        Basis::Blend(parts) => parts.iter().find_map(|p| underspend_only(&p.basis)),
        b if b.underspend_only() => Some(b.label()),
        _ => None,
    }
}
