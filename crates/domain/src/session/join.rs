//! Who may join or leave a session, and when (docs/RULES.md § Saving Sessions). Eligibility
//! (enough recent data) is asked after these, as it needs the household's readings.

use chrono::{DateTime, Utc};

use super::{Audience, SessionState};

/// Why a household may not join or leave a session now; the message is for the household.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JoinRefusal {
    /// The session is not announced and open (draft sessions are not visible at all).
    #[error("the session is {0}: joining and leaving are closed")]
    Closed(SessionState),
    /// The join deadline has passed.
    #[error("the join deadline ({}) has passed", .0.to_rfc3339())]
    DeadlinePassed(DateTime<Utc>),
    /// The household's district is not in the audience.
    #[error("this session is not open to households in {0}")]
    OtherDistrict(String),
    /// The session is for some districts and the household chose none.
    #[error(
        "this session is for some districts only: choose your district in your household \
         settings first"
    )]
    NoDistrict,
}

/// Whether participation may change at `now`: only while the session is scheduled and until its
/// join deadline (inclusive).
pub fn may_change_participation(
    state: SessionState,
    join_deadline: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), JoinRefusal> {
    if state != SessionState::Scheduled {
        return Err(JoinRefusal::Closed(state));
    }
    if now > join_deadline {
        return Err(JoinRefusal::DeadlinePassed(join_deadline));
    }
    Ok(())
}

/// Whether a household in `district` is invited to join.
pub fn may_join(audience: &Audience, district: Option<&str>) -> Result<(), JoinRefusal> {
    if audience.includes(district) {
        return Ok(());
    }
    Err(match district {
        Some(district) => JoinRefusal::OtherDistrict(district.to_owned()),
        None => JoinRefusal::NoDistrict,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    #[test]
    fn participation_changes_while_scheduled_until_the_deadline() {
        let deadline = Utc.with_ymd_and_hms(2026, 7, 1, 14, 0, 0).unwrap();
        assert_eq!(
            may_change_participation(SessionState::Scheduled, deadline, deadline),
            Ok(())
        );
        assert_eq!(
            may_change_participation(
                SessionState::Scheduled,
                deadline,
                deadline + Duration::seconds(1)
            ),
            Err(JoinRefusal::DeadlinePassed(deadline))
        );
        for state in [
            SessionState::Live,
            SessionState::Settling,
            SessionState::Final,
            SessionState::Cancelled,
        ] {
            let refusal = may_change_participation(state, deadline, deadline).unwrap_err();
            assert_eq!(
                refusal.to_string(),
                format!("the session is {state}: joining and leaving are closed")
            );
        }
    }

    #[test]
    fn the_audience_decides_who_is_invited() {
        let limassol = Audience::Districts {
            districts: vec!["Limassol".into()],
        };
        assert_eq!(may_join(&limassol, Some("Limassol")), Ok(()));
        assert_eq!(
            may_join(&limassol, Some("Paphos")),
            Err(JoinRefusal::OtherDistrict("Paphos".into()))
        );
        assert_eq!(may_join(&limassol, None), Err(JoinRefusal::NoDistrict));
        assert_eq!(may_join(&Audience::Everyone, None), Ok(()));
    }
}
