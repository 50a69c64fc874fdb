//! Each scheme's rules as sentences a board member reads: who meets an overspend, who gets an
//! underspend, in what order, up to what cap. Used by the board report (HTML, Markdown) and the
//! workbook's Schemes sheet.

use crate::model::{Agreement, Basis, Cap, Rule, Scheme, Side};
use rust_decimal::{Decimal, RoundingStrategy};

/// The sentence for one side of a scheme's rules.
///
/// ```text
/// An overspend on Out-of-hospital services is met first from a contingency of £150,000; the
/// next 1% of the budget (£120,000) by Anytown Integrated Care Board; the rest in proportion to
/// contributions, Anytown Borough Council's share being capped at 5% of its contribution
/// (£200,000), with any excess met in proportion to contributions.
/// ```
pub fn rule_sentence(agreement: &Agreement, scheme: &Scheme, side: Side) -> String {
    let rule = scheme.rule(side);
    let budget = scheme.budget();
    let (verb, opening) = match side {
        Side::Overspend => ("met", format!("An overspend on {}", scheme.name)),
        Side::Underspend => ("shared", format!("An underspend on {}", scheme.name)),
    };
    let mut pieces: Vec<String> = Vec::new();
    if side == Side::Overspend && rule.contingency > Decimal::ZERO {
        pieces.push(format!(
            "first from a contingency of {}",
            pounds(rule.contingency)
        ));
    }
    if side == Side::Underspend && rule.reinvest > Decimal::ZERO {
        pieces.push(format!(
            "first by keeping {}% of the savings in the pool for reinvestment",
            number(rule.reinvest)
        ));
    }
    let mut previous = Decimal::ZERO;
    let bands = rule.bands.len();
    for (i, band) in rule.bands.iter().enumerate() {
        let how = basis_phrase(agreement, &band.basis, side);
        let piece = match band.up_to {
            Some(up_to) => {
                let width = up_to - previous;
                let which = if pieces.is_empty() {
                    "the first"
                } else {
                    "the next"
                };
                previous = up_to;
                format!(
                    "{which} {}% of the budget ({}) {how}",
                    number(width),
                    pounds(pence(budget * width / Decimal::ONE_HUNDRED))
                )
            }
            None if pieces.is_empty() && i + 1 == bands => how,
            None => format!("the rest {how}"),
        };
        pieces.push(piece);
    }
    let mut sentence = match &rule.threshold {
        Some(t) => format!(
            "{opening} below {}% of the budget ({}) is {verb} {}; one at or above it is {verb} {}",
            number(t.at),
            pounds(pence(budget * t.at / Decimal::ONE_HUNDRED)),
            basis_phrase(agreement, &t.basis, side),
            pieces.join("; ")
        ),
        None => format!("{opening} is {verb} {}", pieces.join("; ")),
    };
    let caps = caps_phrase(agreement, scheme, rule);
    if !caps.is_empty() {
        sentence.push_str(", ");
        sentence.push_str(&caps);
        sentence.push_str(&format!(
            ", with any excess {verb} {}",
            basis_phrase(agreement, &rule.redistribute, side)
        ));
    }
    sentence.push('.');
    sentence
}

/// What the pool does before any scheme's own rule, when the agreement has a `pool`.
pub fn pool_sentence(agreement: &Agreement) -> Option<String> {
    let pool = agreement.pool.as_ref()?;
    let mut steps = Vec::new();
    if pool.netting {
        steps.push("from underspends in the other schemes".to_string());
    }
    if pool.contingency > Decimal::ZERO {
        steps.push(format!(
            "from the pool's contingency of {}",
            pounds(pool.contingency)
        ));
    }
    if steps.is_empty() {
        return None;
    }
    Some(format!(
        "Before any scheme's own rules apply, an overspend in a scheme is met first {}.",
        steps.join(", then ")
    ))
}

/// Both sides of a scheme, overspend first.
pub fn scheme_sentences(agreement: &Agreement, scheme: &Scheme) -> [String; 2] {
    [
        rule_sentence(agreement, scheme, Side::Overspend),
        rule_sentence(agreement, scheme, Side::Underspend),
    ]
}

/// `Anytown Borough Council's share being capped at 5% of its contribution (£200,000)`.
fn caps_phrase(agreement: &Agreement, scheme: &Scheme, rule: &Rule) -> String {
    let caps: Vec<String> = rule
        .caps
        .iter()
        .enumerate()
        .map(|(i, (party, cap))| {
            let contribution = scheme.contributions.get(party).copied().unwrap_or_default();
            let limit = match cap {
                Cap::Percent(p) => format!(
                    "{}% of its contribution ({})",
                    number(*p),
                    pounds(pence_down(contribution * *p / Decimal::ONE_HUNDRED))
                ),
                Cap::BudgetPercent(p) => format!(
                    "{}% of the scheme's budget ({})",
                    number(*p),
                    pounds(pence_down(scheme.budget() * *p / Decimal::ONE_HUNDRED))
                ),
                Cap::Amount(a) => pounds(*a),
            };
            if i == 0 {
                format!(
                    "{}'s share being capped at {limit}",
                    name_of(agreement, party)
                )
            } else {
                format!("{}'s at {limit}", name_of(agreement, party))
            }
        })
        .collect();
    join_and(&caps)
}

/// How a basis splits an amount: `in proportion to contributions`, `by Anytown ICB`, `equally`.
pub fn basis_phrase(agreement: &Agreement, basis: &Basis, side: Side) -> String {
    match basis {
        Basis::Equal => "equally".into(),
        Basis::Contribution => "in proportion to contributions".into(),
        Basis::Activity => "in proportion to activity".into(),
        Basis::Equity => "in proportion to equity".into(),
        Basis::Performance => match side {
            Side::Overspend => "in proportion to each partner's shortfall in performance".into(),
            Side::Underspend => "in proportion to performance scores".into(),
        },
        Basis::AbilityToPay => "in proportion to reserves (ability to pay)".into(),
        Basis::InvestmentNeed => "in proportion to investment need".into(),
        Basis::Compensation => "in proportion to budget reductions (compensation)".into(),
        Basis::Pool => "kept in the pool".into(),
        Basis::Fixed(shares) => {
            let parts: Vec<String> = shares
                .iter()
                .filter(|(_, pct)| !pct.is_zero())
                .map(|(party, pct)| {
                    if *pct == Decimal::ONE_HUNDRED {
                        format!("by {}", name_of(agreement, party))
                    } else {
                        format!("{}% by {}", number(*pct), name_of(agreement, party))
                    }
                })
                .collect();
            join_and(&parts)
        }
        Basis::Blend(parts) => {
            let parts: Vec<String> = parts
                .iter()
                .map(|p| {
                    format!(
                        "{}% {}",
                        number(p.weight),
                        basis_phrase(agreement, &p.basis, side)
                    )
                })
                .collect();
            join_and(&parts)
        }
    }
}

/// A party's name, or its id when the agreement does not know it.
fn name_of<'a>(agreement: &'a Agreement, id: &'a str) -> &'a str {
    agreement.party(id).map_or(id, |p| p.name.as_str())
}

/// `a`, `a and b`, `a, b and c`.
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// `£150,000` for whole pounds, `£1,250.50` otherwise; `-£2,000` below zero.
pub fn pounds(amount: Decimal) -> String {
    let amount = pence(amount);
    let digits = if amount.fract().is_zero() {
        format!("{}", amount.abs().trunc())
    } else {
        format!("{:.2}", amount.abs())
    };
    let sign = if amount.is_sign_negative() && !amount.is_zero() {
        "-"
    } else {
        ""
    };
    format!("{sign}£{}", crate::model::money::grouped(&digits))
}

/// A percentage or weight without trailing zeros: `1`, `2.5`.
pub fn number(value: Decimal) -> String {
    value.normalize().to_string()
}

fn pence(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, RoundingStrategy::MidpointNearestEven)
}

fn pence_down(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, RoundingStrategy::ToZero)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anytown() -> Agreement {
        crate::store::parse(crate::model::EXAMPLE_RON, "anytown.ron").unwrap()
    }

    fn sentence(id: &str, side: Side) -> String {
        let a = anytown();
        rule_sentence(&a, a.scheme(id).unwrap(), side)
    }

    #[test]
    fn out_of_hospital_overspend_reads_as_the_issue_writes_it() {
        assert_eq!(
            sentence("OOH", Side::Overspend),
            "An overspend on Out-of-hospital services is met first from a contingency of \
             £150,000; the next 1% of the budget (£120,000) by Anytown Integrated Care Board; \
             the rest in proportion to contributions, Anytown Borough Council's share being \
             capped at 5% of its contribution (£200,000), with any excess met in proportion to \
             contributions."
        );
    }

    #[test]
    fn out_of_hospital_underspend_keeps_half_for_reinvestment() {
        assert_eq!(
            sentence("OOH", Side::Underspend),
            "An underspend on Out-of-hospital services is shared first by keeping 50% of the \
             savings in the pool for reinvestment; the rest in proportion to contributions."
        );
    }

    #[test]
    fn discharge_is_shared_equally_and_by_performance() {
        assert_eq!(
            sentence("DTOC", Side::Overspend),
            "An overspend on Discharge and transfers of care is met equally."
        );
        assert_eq!(
            sentence("DTOC", Side::Underspend),
            "An underspend on Discharge and transfers of care is shared in proportion to \
             performance scores."
        );
    }

    #[test]
    fn prevention_blends_and_caps_two_partners_at_nothing() {
        assert_eq!(
            sentence("PREV", Side::Overspend),
            "An overspend on Prevention and community resilience is met 50% in proportion to \
             contributions and 50% in proportion to reserves (ability to pay), Anytown \
             Hospitals NHS Trust's share being capped at £0 and Anytown Voluntary Action's at \
             £0, with any excess met in proportion to contributions."
        );
        assert_eq!(
            sentence("PREV", Side::Underspend),
            "An underspend on Prevention and community resilience is shared 50% equally and 50% \
             in proportion to investment need."
        );
    }

    #[test]
    fn fixed_splits_and_later_bands_name_their_widths() {
        let mut a = anytown();
        let text = crate::model::EXAMPLE_RON.replace(
            "(up_to: 1.0, basis: Fixed({\"ICB\": 100})),",
            "(up_to: 1.0, basis: Fixed({\"ICB\": 60, \"LA\": 40})), (up_to: 2.5, basis: Equal),",
        );
        a = crate::store::parse(&text, "x.ron").unwrap_or(a);
        let s = rule_sentence(&a, a.scheme("OOH").unwrap(), Side::Overspend);
        assert!(
            s.contains(
                "the next 1% of the budget (£120,000) 60% by Anytown Integrated Care Board and \
                 40% by Anytown Borough Council; the next 1.5% of the budget (£180,000) equally; \
                 the rest"
            ),
            "{s}"
        );
    }

    fn saved(name: &str) -> Agreement {
        let path = format!("{}/saves/{name}", env!("CARGO_MANIFEST_DIR"));
        crate::store::load(std::path::Path::new(&path)).unwrap()
    }

    #[test]
    fn a_threshold_and_a_cap_on_the_budget_are_said() {
        let a = saved("mssp.ron");
        let s = rule_sentence(&a, &a.schemes[0], Side::Overspend);
        assert!(
            s.contains(" below 2% of the budget (£2,000,000) is met by "),
            "{s}"
        );
        assert!(s.contains("; one at or above it is met 70% by "), "{s}");
        assert!(
            s.contains("share being capped at 4% of the scheme's budget (£4,000,000)"),
            "{s}"
        );
    }

    #[test]
    fn the_pool_is_said_before_the_schemes() {
        assert_eq!(
            pool_sentence(&saved("s75_waterfall.ron")).as_deref(),
            Some(
                "Before any scheme's own rules apply, an overspend in a scheme is met first from \
                 underspends in the other schemes, then from the pool's contingency of £500,000."
            )
        );
        assert_eq!(pool_sentence(&anytown()), None);
    }

    #[test]
    fn pounds_drop_pence_only_when_whole() {
        assert_eq!(pounds(Decimal::new(150_000, 0)), "£150,000");
        assert_eq!(pounds(Decimal::new(125_050, 2)), "£1,250.50");
        assert_eq!(pounds(Decimal::new(-2_000, 0)), "-£2,000");
        assert_eq!(pounds(Decimal::ZERO), "£0");
    }
}
