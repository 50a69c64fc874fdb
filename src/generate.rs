//! Synthetic agreements for the benchmarks and the checks' reference test, the same on every
//! run: one place writes them, so every benchmark of a size measures the same file.
//!
//! Not part of the workbench: the functions write agreement files as text, which the caller
//! loads with [`crate::store::parse`] like any other file.

use std::fmt::Write;

/// The agreement `benches/gen_agreement.py PARTIES SCHEMES RISKS` writes (with a shorter name):
/// each scheme has 8 members drawn in turn from the parties, one contribution basis and a
/// contingency; risks are pooled, retained and by influence in turn, with titles of ordinary
/// length.
pub fn plain(parties: usize, schemes: usize, risks: usize) -> String {
    const KINDS: [&str; 5] = [
        "Commissioner",
        "LocalAuthority",
        "AcuteProvider",
        "CommunityProvider",
        "Voluntary",
    ];
    let mut ron = String::from("(format: 1, name: \"Generated\", parties: [");
    for p in 0..parties {
        let _ = write!(
            ron,
            "(id: \"P{p}\", name: \"Partner organisation {p}\", kind: {}, reserves: {}, \
             activity: {}),",
            KINDS[p % KINDS.len()],
            1_000_000 + p * 7919,
            1000 + p
        );
    }
    ron.push_str("], schemes: [");
    for s in 0..schemes {
        let mut members: Vec<usize> = (0..8).map(|m| (s * 3 + m * 7) % parties).collect();
        members.sort_unstable();
        members.dedup();
        let contributions: Vec<String> = members
            .iter()
            .map(|m| format!("\"P{m}\": {}", 250_000 + ((s + m) * 104_729) % 4_000_000))
            .collect();
        let _ = write!(
            ron,
            "(id: \"S{s}\", name: \"Scheme {s}\", contributions: {{{}}}, overspend: \
             (contingency: 50000, bands: [(basis: Contribution)]), underspend: (reinvest: 25, \
             bands: [(basis: Contribution)])),",
            contributions.join(", ")
        );
    }
    ron.push_str("], risks: [");
    let treatments = ["Pooled", "Retained", "ByInfluence"];
    for r in 0..risks {
        let s = r % schemes;
        let owner = (s * 3) % parties;
        let t = treatments[r % 3];
        let extra = if t == "ByInfluence" {
            format!(
                ", influence: {{\"P{owner}\": 60, \"P{}\": 40}}",
                (s * 3 + 7) % parties
            )
        } else {
            String::new()
        };
        let _ = write!(
            ron,
            "(id: \"R{r}\", title: \"Risk {r}: demand for the scheme runs above plan in winter\", \
             owner: \"P{owner}\", scheme: \"S{s}\", boundary: CommissionerProvider, likelihood: {}, \
             impact: {}, cost: \"{}.{:02}\", treatment: {t}{extra}),",
            1 + r % 5,
            1 + (r / 5) % 5,
            10_000 + (r * 7919) % 900_000,
            r % 100
        );
    }
    ron.push_str("])");
    ron
}

/// A small deterministic generator (64-bit LCG), so every run draws the same agreement.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

const OVERSPEND_BASES: [&str; 6] = [
    "Contribution",
    "Equal",
    "Activity",
    "AbilityToPay",
    "Performance",
    "Blend([(Contribution, 50), (AbilityToPay, 30), (Equal, 20)])",
];
const UNDERSPEND_BASES: [&str; 4] = [
    "Contribution",
    "Performance",
    "Blend([(Equal, 50), (InvestmentNeed, 50)])",
    "Compensation",
];
const KINDS: [&str; 8] = [
    "Commissioner",
    "LocalAuthority",
    "AcuteProvider",
    "CommunityProvider",
    "MentalHealthProvider",
    "PrimaryCare",
    "Voluntary",
    "Independent",
];

/// An agreement that works every part of the share rules: schemes of 6 to 15 members with
/// contingencies, fixed, banded and blended bases, caps and redistribution; risks pooled,
/// retained and by influence; and a scenario "Many risks" in which two in three happen.
pub fn rules(parties: usize, schemes: usize, risks: usize) -> String {
    let mut d = Dice(2026);
    let mut ron = String::from("(format: 1, name: \"Generated\", parties: [");
    for p in 0..parties {
        let _ = write!(
            ron,
            "(id: \"P{p}\", name: \"Party {p}\", kind: {}, activity: {}, reserves: {}, \
             performance: {}, investment_need: {}, budget_reduction: {}),",
            KINDS[p % KINDS.len()],
            d.roll(20_000_000),
            d.roll(5_000_000),
            d.roll(101),
            d.roll(500_000),
            d.roll(300_000),
        );
    }
    ron.push_str("], schemes: [");
    for s in 0..schemes {
        let members = 6 + d.roll(10) as usize;
        let first = d.roll(parties as u64) as usize;
        let ids: Vec<usize> = (0..members).map(|m| (first + m * 3) % parties).collect();
        let contributions: Vec<String> = ids
            .iter()
            .map(|p| format!("\"P{p}\": {}", 100_000 + d.roll(9_900_000)))
            .collect();
        let fixed: Vec<String> = ids[..2]
            .iter()
            .zip([60, 40])
            .map(|(p, pct)| format!("\"P{p}\": {pct}"))
            .collect();
        let caps: Vec<String> = ids
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 3 == 1)
            .map(|(i, p)| match i % 2 {
                0 => format!("\"P{p}\": Amount({})", 20_000 + d.roll(200_000)),
                _ => format!("\"P{p}\": Percent({})", 1 + d.roll(6)),
            })
            .collect();
        let _ = write!(
            ron,
            "(id: \"S{s}\", name: \"Scheme {s}\", contributions: {{{}}}, \
             overspend: (contingency: {}, bands: [(up_to: 0.5, basis: Fixed({{{}}})), \
             (up_to: 2, basis: {}), (basis: {})], caps: {{{}}}, redistribute: {}), \
             underspend: (reinvest: {}, bands: [(up_to: 1, basis: {}), (basis: {})])),",
            contributions.join(", "),
            d.roll(300_000),
            fixed.join(", "),
            OVERSPEND_BASES[s % OVERSPEND_BASES.len()],
            OVERSPEND_BASES[(s + 1) % OVERSPEND_BASES.len()],
            caps.join(", "),
            OVERSPEND_BASES[(s + 2) % OVERSPEND_BASES.len()],
            d.roll(60),
            UNDERSPEND_BASES[s % UNDERSPEND_BASES.len()],
            UNDERSPEND_BASES[(s + 1) % UNDERSPEND_BASES.len()],
        );
    }
    ron.push_str("], risks: [");
    for r in 0..risks {
        let owner = d.roll(parties as u64);
        let treatment = ["Pooled", "Retained", "ByInfluence"][r % 3];
        let influence: Vec<String> = (0..3)
            .map(|i| {
                format!(
                    "\"P{}\": {}",
                    (owner + i * 7) % parties as u64,
                    1 + d.roll(5)
                )
            })
            .collect();
        let _ = write!(
            ron,
            "(id: \"R{r}\", title: \"Risk {r}\", owner: \"P{owner}\", scheme: \"S{}\", \
             boundary: ProviderProvider, likelihood: {}, impact: {}, cost: {}, treatment: {treatment}, \
             influence: {{{}}}),",
            d.roll(schemes as u64),
            1 + d.roll(5),
            1 + d.roll(5),
            1_000 + d.roll(250_000),
            influence.join(", "),
        );
    }
    ron.push_str("], scenarios: [(name: \"Many risks\", variance: 4, risks: [");
    for r in (0..risks).filter(|r| r % 3 != 2) {
        let _ = write!(ron, "\"R{r}\",");
    }
    ron.push_str("])])");
    ron
}

const REPORT_KINDS: [&str; 4] = [
    "Commissioner",
    "LocalAuthority",
    "AcuteProvider",
    "Voluntary",
];

/// An agreement for the board report: names and titles with characters HTML must escape, a
/// review threshold, mitigations and review dates on every risk, and six scenarios from a 4%
/// underspend to an 8% overspend, each with its own share of the risks.
pub fn report(parties: usize, schemes: usize, risks: usize) -> String {
    let mut d = Dice(13);
    let mut ron = String::from(
        "(format: 1, name: \"Generated export\", review_thresholds: [(at: 2.0, action: \
         \"Recovery plan\")], parties: [",
    );
    for p in 0..parties {
        let _ = write!(
            ron,
            "(id: \"P{p}\", name: \"Party <{p}> & co\", kind: {}, activity: {}, reserves: {}, \
             performance: {}),",
            REPORT_KINDS[p % REPORT_KINDS.len()],
            d.roll(20_000_000),
            d.roll(5_000_000),
            d.roll(101)
        );
    }
    ron.push_str("], schemes: [");
    for s in 0..schemes {
        let ids: Vec<usize> = (0..6 + d.roll(10) as usize)
            .map(|m| (s + m * 3) % parties)
            .collect();
        let contributions: Vec<String> = ids
            .iter()
            .map(|p| format!("\"P{p}\": {}", 100_000 + d.roll(9_900_000)))
            .collect();
        let _ = write!(
            ron,
            "(id: \"S{s}\", name: \"Scheme {s}\", contributions: {{{}}}, overspend: (contingency: {}, \
             bands: [(up_to: 0.5, basis: Fixed({{\"P{}\": 60, \"P{}\": 40}})), (up_to: 2, basis: Equal), \
             (basis: Blend([(Contribution, 50), (AbilityToPay, 50)]))], caps: {{\"P{}\": Percent(4)}}), \
             underspend: (reinvest: {}, bands: [(basis: Performance)])),",
            contributions.join(", "),
            d.roll(300_000),
            ids[0],
            ids[1],
            ids[2],
            d.roll(60)
        );
    }
    ron.push_str("], risks: [");
    for r in 0..risks {
        let owner = d.roll(parties as u64);
        let _ = write!(
            ron,
            "(id: \"R{r}\", title: \"Risk {r}: <demand> & \\\"pressure\\\"\", owner: \"P{owner}\", scheme: \"S{}\", \
             boundary: ProviderProvider, likelihood: {}, impact: {}, cost: {}, treatment: {}, \
             mitigation: \"Weekly calls\", review: \"2027-03-31\"),",
            d.roll(schemes as u64),
            1 + d.roll(5),
            1 + d.roll(5),
            1_000 + d.roll(250_000),
            ["Pooled", "Retained"][r % 2]
        );
    }
    ron.push_str("], scenarios: [");
    for (i, pct) in [-4, -2, 0, 2, 4, 8].iter().enumerate() {
        let chosen: Vec<String> = (0..risks)
            .filter(|r| r % (i + 2) == 0)
            .map(|r| format!("\"R{r}\""))
            .collect();
        let _ = write!(
            ron,
            "(name: \"Case {i}\", variance: {pct}, risks: [{}]),",
            chosen.join(", ")
        );
    }
    ron.push_str("])");
    ron
}
