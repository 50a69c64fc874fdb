//! Amounts as the command line prints them: exactly two decimals, with or without thousands
//! separators.

use rust_decimal::{Decimal, RoundingStrategy};

/// `-80000.00`: for JSON and CSV, where a program reads the number back.
pub fn plain(value: Decimal) -> String {
    let value = value.round_dp_with_strategy(2, RoundingStrategy::MidpointNearestEven);
    // A share of nothing in an underspend is 0 x -1, which must not print as "-0.00".
    if value.is_zero() {
        return "0.00".to_string();
    }
    format!("{value:.2}")
}

/// `1,164,663.21`: for a person.
pub fn grouped(value: Decimal) -> String {
    crate::model::money::grouped(&plain(value))
}

/// `3`, `-2.5`: a percentage without trailing zeros.
pub fn percent(value: Decimal) -> String {
    value.normalize().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn two_decimals_always() {
        assert_eq!(plain(d("-80000")), "-80000.00");
        assert_eq!(plain(d("19398.96")), "19398.96");
        assert_eq!(plain(d("0.5")), "0.50");
        assert_eq!(plain(Decimal::ZERO * Decimal::NEGATIVE_ONE), "0.00");
        assert_eq!(plain(d("-0.00")), "0.00");
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(grouped(d("1164663.21")), "1,164,663.21");
        assert_eq!(grouped(d("-135054.74")), "-135,054.74");
        assert_eq!(grouped(d("999.99")), "999.99");
        assert_eq!(grouped(d("1000")), "1,000.00");
        assert_eq!(grouped(d("100000")), "100,000.00");
        assert_eq!(grouped(d("-1")), "-1.00");
        assert_eq!(grouped(Decimal::ZERO), "0.00");
    }

    #[test]
    fn percentages_drop_trailing_zeros() {
        assert_eq!(percent(d("3.0")), "3");
        assert_eq!(percent(d("-2.50")), "-2.5");
    }
}
