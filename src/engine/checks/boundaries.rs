//! CIPFA's six boundaries where shared risk sits. If leaders fail to identify the risks at each
//! of these boundaries, the unidentified and unmanaged risks will come back to bite.
//!
//! Which boundaries the parties create, from their kinds (a council commissions social care, so
//! it counts as a commissioner; NHS bodies are the commissioners and the NHS providers):
//!
//! | boundary | exists when the agreement has |
//! |---|---|
//! | `CommissionerCommissioner` | two `Commissioner` parties |
//! | `LocalAuthorityLocalAuthority` | two `LocalAuthority` parties |
//! | `HealthSocialCare` | a `LocalAuthority` and an NHS body (`Commissioner`, `AcuteProvider`, `CommunityProvider`, `MentalHealthProvider`, `PrimaryCare`) |
//! | `CommissionerProvider` | a commissioner (`Commissioner` or `LocalAuthority`) and a provider (any other kind) |
//! | `ProviderProvider` | two providers (`AcuteProvider`, `CommunityProvider`, `MentalHealthProvider`, `PrimaryCare`, `Voluntary`, `Independent`) |
//! | `ServiceService` | two schemes |

use super::{Context, Finding, Subject, finding};
use crate::model::{Agreement, Boundary, PartyKind};

fn is_provider(kind: PartyKind) -> bool {
    !matches!(kind, PartyKind::Commissioner | PartyKind::LocalAuthority)
}

fn is_nhs(kind: PartyKind) -> bool {
    !matches!(
        kind,
        PartyKind::LocalAuthority | PartyKind::Voluntary | PartyKind::Independent
    )
}

/// True when the parties' kinds (or, for `ServiceService`, the schemes) create the boundary.
pub fn can_exist(agreement: &Agreement, boundary: Boundary) -> bool {
    let count =
        |f: &dyn Fn(PartyKind) -> bool| agreement.parties.iter().filter(|p| f(p.kind)).count();
    let commissioners = count(&|k| k == PartyKind::Commissioner);
    let councils = count(&|k| k == PartyKind::LocalAuthority);
    let providers = count(&is_provider);
    match boundary {
        Boundary::CommissionerCommissioner => commissioners >= 2,
        Boundary::LocalAuthorityLocalAuthority => councils >= 2,
        Boundary::HealthSocialCare => councils >= 1 && count(&is_nhs) >= 1,
        Boundary::CommissionerProvider => commissioners + councils >= 1 && providers >= 1,
        Boundary::ProviderProvider => providers >= 2,
        Boundary::ServiceService => agreement.schemes.len() >= 2,
    }
}

/// True when an open risk is registered at the boundary.
pub fn boundary_exists(agreement: &Agreement, boundary: Boundary) -> bool {
    agreement
        .risks
        .iter()
        .any(|r| r.is_open() && r.boundary == boundary)
}

/// The boundary's name in the file (`ServiceService`).
pub fn file_name(boundary: Boundary) -> &'static str {
    match boundary {
        Boundary::CommissionerCommissioner => "CommissionerCommissioner",
        Boundary::LocalAuthorityLocalAuthority => "LocalAuthorityLocalAuthority",
        Boundary::HealthSocialCare => "HealthSocialCare",
        Boundary::CommissionerProvider => "CommissionerProvider",
        Boundary::ProviderProvider => "ProviderProvider",
        Boundary::ServiceService => "ServiceService",
    }
}

/// Why the boundary is there, in CIPFA's words.
fn because(boundary: Boundary) -> &'static str {
    match boundary {
        Boundary::CommissionerCommissioner => "two commissioners share risk",
        Boundary::LocalAuthorityLocalAuthority => "two councils are involved",
        Boundary::HealthSocialCare => {
            "health and social care organisations commission across the boundary"
        }
        Boundary::CommissionerProvider => "commissioners and providers are both party to it",
        Boundary::ProviderProvider => "two providers are party to it",
        Boundary::ServiceService => {
            "its schemes are budgets where added emphasis on one can heighten risk to another"
        }
    }
}

pub(super) fn check(ctx: &Context, found: &mut Vec<Finding>) {
    let a = ctx.agreement;
    for b in Boundary::ALL {
        if can_exist(a, b) && !boundary_exists(a, b) {
            found.push(finding(
                "G401",
                Subject::Boundary(file_name(b).to_string()),
                format!(
                    "no open risk is registered at the {} boundary, which this agreement has because {}; identify the risks at each of these boundaries, or the unidentified and unmanaged risks will come back to bite (CIPFA)",
                    b.label().to_lowercase(),
                    because(b)
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Party;

    fn agreement(kinds: &[PartyKind], schemes: usize) -> Agreement {
        let mut a = crate::store::parse(crate::model::EXAMPLE_RON, "anytown.ron").expect("loads");
        a.parties = kinds
            .iter()
            .enumerate()
            .map(|(i, k)| Party::new(format!("P{i}"), "P", *k))
            .collect();
        a.schemes.truncate(schemes);
        a
    }

    fn existing(a: &Agreement) -> Vec<&'static str> {
        Boundary::ALL
            .into_iter()
            .filter(|b| can_exist(a, *b))
            .map(file_name)
            .collect()
    }

    #[test]
    fn the_parties_kinds_create_the_boundaries() {
        use PartyKind::*;
        assert_eq!(
            existing(&agreement(&[Commissioner, LocalAuthority], 1)),
            vec!["HealthSocialCare"]
        );
        assert_eq!(
            existing(&agreement(&[Commissioner, Commissioner], 1)),
            vec!["CommissionerCommissioner"]
        );
        assert_eq!(
            existing(&agreement(&[LocalAuthority, LocalAuthority, Voluntary], 2)),
            vec![
                "LocalAuthorityLocalAuthority",
                "CommissionerProvider",
                "ServiceService"
            ]
        );
        assert_eq!(
            existing(&agreement(&[AcuteProvider, Independent], 1)),
            vec!["ProviderProvider"]
        );
        // A council and a voluntary provider: no NHS body, so no health-social care boundary.
        assert_eq!(
            existing(&agreement(&[LocalAuthority, Voluntary], 1)),
            vec!["CommissionerProvider"]
        );
        assert_eq!(
            existing(&agreement(
                &[Commissioner, LocalAuthority, AcuteProvider, Voluntary],
                3
            )),
            vec![
                "HealthSocialCare",
                "CommissionerProvider",
                "ProviderProvider",
                "ServiceService"
            ]
        );
    }
}
