//! Rounding to pence: half-even for single amounts, largest remainder for a split.

use rust_decimal::{Decimal, RoundingStrategy};

const PENNY: Decimal = Decimal::from_parts(1, 0, 0, false, 2);

/// Rounds half-even to pence.
pub fn pence(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, RoundingStrategy::MidpointNearestEven)
}

/// Rounds a non-negative amount down to pence.
pub fn pence_down(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(2, RoundingStrategy::ToZero)
}

/// Rounds non-negative exact amounts to pence so that they add up to `target` exactly.
///
/// Each amount is first rounded down; the pennies still missing go one each to the largest
/// remainders, ties to the one listed first. An amount whose `limit` would be passed takes no
/// extra penny. Returns the rounded amounts and any pennies that no one could take (or, when the
/// floors already pass the target, the pennies taken back from the smallest remainders).
pub fn largest_remainder(
    exact: &[Decimal],
    limits: &[Option<Decimal>],
    target: Decimal,
) -> (Vec<Decimal>, Decimal) {
    let mut rounded: Vec<Decimal> = exact.iter().map(|v| pence_down(*v)).collect();
    let floor_sum: Decimal = rounded.iter().sum();
    let mut missing = ((target - floor_sum) / PENNY).round();

    let mut order: Vec<usize> = (0..exact.len()).collect();
    // Stable sort: among equal remainders the member listed first keeps its place.
    order.sort_by(|&a, &b| (exact[b] - rounded[b]).cmp(&(exact[a] - rounded[a])));

    if missing > Decimal::ZERO {
        for &i in &order {
            if missing.is_zero() {
                break;
            }
            let next = rounded[i] + PENNY;
            if limits[i].is_some_and(|cap| next > cap) {
                continue;
            }
            rounded[i] = next;
            missing -= Decimal::ONE;
        }
    } else {
        for &i in order.iter().rev() {
            if missing >= Decimal::ZERO {
                break;
            }
            if rounded[i] >= PENNY {
                rounded[i] -= PENNY;
                missing += Decimal::ONE;
            }
        }
    }
    (rounded, missing * PENNY)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros_free::*;

    mod rust_decimal_macros_free {
        pub fn d(s: &str) -> rust_decimal::Decimal {
            s.parse().unwrap()
        }
    }

    #[test]
    fn thirds_go_to_the_first_listed() {
        let third = Decimal::ONE / Decimal::from(3);
        let (r, left) = largest_remainder(&[third, third, third], &[None, None, None], d("1.00"));
        assert_eq!(r, vec![d("0.34"), d("0.33"), d("0.33")]);
        assert!(left.is_zero());
    }

    #[test]
    fn a_capped_member_takes_no_extra_penny() {
        let (r, left) = largest_remainder(
            &[d("0.335"), d("0.665")],
            &[Some(d("0.33")), None],
            d("1.00"),
        );
        assert_eq!(r, vec![d("0.33"), d("0.67")]);
        assert!(left.is_zero());
    }

    #[test]
    fn half_even() {
        assert_eq!(pence(d("0.125")), d("0.12"));
        assert_eq!(pence(d("0.135")), d("0.14"));
    }
}
