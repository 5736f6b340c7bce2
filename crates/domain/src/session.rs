//! Saving Sessions: what a valid session plan is, and which state changes are allowed.
//!
//! A session moves draft → scheduled (announced) → live → settling (provisional results) → final,
//! or is cancelled before it settles. Every other change is refused with a reason, so the API can
//! tell an admin why and jobs that run twice cannot move a session backwards.

use chrono::{DateTime, Duration, Timelike, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::ValidationError;

mod join;
mod plan;

pub use join::{JoinRefusal, may_change_participation, may_join};
pub use plan::{GreekText, PlanContext, PlanDraft, SessionPlan};

/// Where a session is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum SessionState {
    /// Being prepared; households cannot see it.
    Draft,
    /// Announced; households can join until the deadline.
    Scheduled,
    /// Running now.
    Live,
    /// Over; results are provisional while late data arrives.
    Settling,
    /// Results are final and rewards paid.
    Final,
    /// Called off; nothing is awarded.
    Cancelled,
}

impl SessionState {
    /// The stored and wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Scheduled => "scheduled",
            Self::Live => "live",
            Self::Settling => "settling",
            Self::Final => "final",
            Self::Cancelled => "cancelled",
        }
    }

    /// Reads a stored or requested name.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        Ok(match raw {
            "draft" => Self::Draft,
            "scheduled" => Self::Scheduled,
            "live" => Self::Live,
            "settling" => Self::Settling,
            "final" => Self::Final,
            "cancelled" => Self::Cancelled,
            other => {
                return Err(ValidationError::owned(format!(
                    "unknown session state {other:?}: expected draft, scheduled, live, settling, final or cancelled"
                )));
            }
        })
    }

    /// Whether the plan (times, rates, audience) may still change.
    pub const fn is_editable(self) -> bool {
        matches!(self, Self::Draft | Self::Scheduled)
    }

    /// Whether the session has been settled: it is over and its results were computed
    /// (provisional while it settles, then final), so uploads may no longer change the readings
    /// of its window (docs/RULES.md § Meter data).
    pub const fn is_settled(self) -> bool {
        matches!(self, Self::Settling | Self::Final)
    }

    /// Moves to `next`, or says why that is not allowed.
    pub fn transition(self, next: Self) -> Result<Self, TransitionError> {
        use SessionState::{Cancelled, Draft, Final, Live, Scheduled, Settling};
        let allowed = matches!(
            (self, next),
            (Draft, Scheduled)
                | (Scheduled, Live)
                | (Live, Settling)
                | (Settling, Final)
                | (Draft | Scheduled | Live, Cancelled)
        );
        if allowed {
            Ok(next)
        } else {
            Err(TransitionError {
                from: self,
                to: next,
            })
        }
    }
}

impl std::fmt::Display for SessionState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A refused state change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a {from} session cannot become {to}")]
pub struct TransitionError {
    /// Current state.
    pub from: SessionState,
    /// Requested state.
    pub to: SessionState,
}

/// Who may join.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Audience {
    /// Every household.
    Everyone,
    /// Households of these districts only.
    Districts {
        /// District names from the programme's list.
        districts: Vec<String>,
    },
}

impl Audience {
    /// Whether a household in `district` is invited.
    pub fn includes(&self, district: Option<&str>) -> bool {
        match self {
            Self::Everyone => true,
            Self::Districts { districts } => {
                district.is_some_and(|d| districts.iter().any(|allowed| allowed == d))
            }
        }
    }
}

/// Limits of session plans; the defaults follow the product rules (docs/RULES.md § Saving
/// Sessions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionRules {
    /// Longest title, in characters.
    pub max_title_chars: usize,
    /// Longest description, in characters.
    pub max_description_chars: usize,
    /// Largest points rate or opt-in bonus.
    pub max_points: u32,
    /// Shortest session.
    pub min_length: Duration,
    /// Longest session.
    pub max_length: Duration,
    /// Notice a regular session must give between scheduling and its start.
    pub min_notice: Duration,
    /// Notice a surprise session must give.
    pub min_surprise_notice: Duration,
}

impl Default for SessionRules {
    fn default() -> Self {
        Self {
            max_title_chars: 120,
            max_description_chars: 2_000,
            max_points: 10_000,
            min_length: Duration::minutes(30),
            max_length: Duration::hours(4),
            min_notice: Duration::hours(24),
            min_surprise_notice: Duration::minutes(30),
        }
    }
}

/// The timing of a session, checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionWindow {
    /// Start, on a 30-minute boundary.
    pub starts_at: DateTime<Utc>,
    /// End, on a 30-minute boundary.
    pub ends_at: DateTime<Utc>,
    /// Last moment to join or leave.
    pub join_deadline: DateTime<Utc>,
}

/// Problems with a plan, by field, so a form can show each next to its input.
pub type FieldProblems = Vec<(&'static str, String)>;

impl SessionWindow {
    /// Checks a window: 30-minute boundaries, length within the rules, deadline not after the
    /// start. Checked whenever a plan is created or edited.
    pub fn new(
        starts_at: DateTime<Utc>,
        ends_at: DateTime<Utc>,
        join_deadline: DateTime<Utc>,
        rules: &SessionRules,
    ) -> Result<Self, FieldProblems> {
        let mut problems = FieldProblems::new();
        for (field, at) in [("starts_at", starts_at), ("ends_at", ends_at)] {
            if !on_half_hour(at) {
                problems.push((
                    field,
                    "must be on a 30-minute boundary (:00 or :30)".to_owned(),
                ));
            }
        }
        let length = ends_at - starts_at;
        if length < rules.min_length || length > rules.max_length {
            problems.push((
                "ends_at",
                format!(
                    "a session lasts {} to {} minutes (this one: {})",
                    rules.min_length.num_minutes(),
                    rules.max_length.num_minutes(),
                    length.num_minutes()
                ),
            ));
        }
        if join_deadline > starts_at {
            problems.push(("join_deadline", "must not be after the start".to_owned()));
        }
        if problems.is_empty() {
            Ok(Self {
                starts_at,
                ends_at,
                join_deadline,
            })
        } else {
            Err(problems)
        }
    }

    /// Checks that announcing now gives households enough notice.
    pub fn check_notice(
        &self,
        now: DateTime<Utc>,
        surprise: bool,
        rules: &SessionRules,
    ) -> Result<(), FieldProblems> {
        let needed = if surprise {
            rules.min_surprise_notice
        } else {
            rules.min_notice
        };
        if self.starts_at - now < needed {
            let kind = if surprise { "a surprise" } else { "a regular" };
            return Err(vec![(
                "starts_at",
                format!(
                    "{kind} session must start at least {} minutes after it is announced{}",
                    needed.num_minutes(),
                    if surprise {
                        ""
                    } else {
                        " (mark it as a surprise for short notice)"
                    }
                ),
            )]);
        }
        if self.join_deadline <= now {
            return Err(vec![("join_deadline", "has already passed".to_owned())]);
        }
        Ok(())
    }

    /// Checks that the window lies within one local day of the programme's time zone (it may end
    /// exactly at midnight). A session is compared with the same clock hours of earlier like
    /// days, and which days are alike depends on the local date, so a session that crossed
    /// midnight could not be settled; refusing it when it is planned says so while staff can
    /// still move it.
    pub fn check_within_local_day(&self, time_zone: Tz) -> Result<(), FieldProblems> {
        let day_of = |at: DateTime<Utc>| at.with_timezone(&time_zone).date_naive();
        if day_of(self.starts_at) == day_of(self.ends_at - Duration::seconds(1)) {
            return Ok(());
        }
        Err(vec![(
            "ends_at",
            format!(
                "must end on the local day the session starts ({time_zone} time); split a \
                 session that would run past midnight into two"
            ),
        )])
    }

    /// Whether two sessions share any time; back-to-back sessions do not.
    pub fn overlaps(&self, other: &SessionWindow) -> bool {
        self.starts_at < other.ends_at && other.starts_at < self.ends_at
    }

    /// The 30-minute settlement periods, as their UTC starts.
    pub fn periods(&self) -> impl Iterator<Item = DateTime<Utc>> + '_ {
        let count = (self.ends_at - self.starts_at).num_minutes() / 30;
        (0..count).map(|i| self.starts_at + Duration::minutes(30 * i))
    }
}

fn on_half_hour(at: DateTime<Utc>) -> bool {
    at.minute().is_multiple_of(30) && at.second() == 0 && at.nanosecond() == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(hour: u32, minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 7, 1, hour, minute, 0).unwrap()
    }

    #[test]
    fn the_life_of_a_session_and_the_changes_refused() {
        use SessionState::*;
        let path = [Draft, Scheduled, Live, Settling, Final];
        for pair in path.windows(2) {
            assert_eq!(pair[0].transition(pair[1]), Ok(pair[1]));
        }
        for state in [Draft, Scheduled, Live] {
            assert_eq!(state.transition(Cancelled), Ok(Cancelled));
        }
        for (from, to) in [
            (Settling, Cancelled),
            (Final, Cancelled),
            (Live, Scheduled),
            (Draft, Live),
            (Cancelled, Scheduled),
            (Final, Settling),
        ] {
            let error = from.transition(to).unwrap_err();
            assert_eq!(
                error.to_string(),
                format!("a {from} session cannot become {to}")
            );
        }
        for state in path.iter().chain([&Cancelled]) {
            assert_eq!(SessionState::parse(state.as_str()), Ok(*state));
        }
        assert!(SessionState::parse("over").is_err());
        let settled: Vec<SessionState> = path
            .iter()
            .chain([&Cancelled])
            .copied()
            .filter(|state| state.is_settled())
            .collect();
        assert_eq!(
            settled,
            vec![Settling, Final],
            "settled once settlement has run"
        );
    }

    #[test]
    fn windows_are_checked_field_by_field() {
        let rules = SessionRules::default();
        let window = SessionWindow::new(at(17, 0), at(19, 0), at(16, 0), &rules).unwrap();
        assert_eq!(window.periods().count(), 4);
        let problems = SessionWindow::new(at(17, 10), at(17, 20), at(18, 0), &rules).unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|(field, _)| *field).collect();
        assert_eq!(fields, ["starts_at", "ends_at", "ends_at", "join_deadline"]);
        assert!(
            SessionWindow::new(at(12, 0), at(16, 30), at(12, 0), &rules).is_err(),
            "4.5 h is too long"
        );
        assert!(
            SessionWindow::new(at(12, 0), at(16, 0), at(12, 0), &rules).is_ok(),
            "4 h is fine"
        );
    }

    #[test]
    fn notice_depends_on_the_surprise_flag() {
        let rules = SessionRules::default();
        let window = SessionWindow::new(at(17, 0), at(18, 0), at(16, 30), &rules).unwrap();
        assert!(window.check_notice(at(12, 0), false, &rules).is_err());
        assert!(window.check_notice(at(12, 0), true, &rules).is_ok());
        assert!(window.check_notice(at(16, 45), true, &rules).is_err());
    }

    #[test]
    fn a_session_stays_within_one_local_day() {
        let rules = SessionRules::default();
        let nicosia = chrono_tz::Europe::Nicosia;
        // July: Nicosia is UTC+3, so 21:00 UTC is local midnight.
        let to_midnight = SessionWindow::new(at(19, 0), at(21, 0), at(19, 0), &rules).unwrap();
        assert_eq!(to_midnight.check_within_local_day(nicosia), Ok(()));
        let across = SessionWindow::new(at(20, 0), at(22, 0), at(20, 0), &rules).unwrap();
        let problems = across.check_within_local_day(nicosia).unwrap_err();
        assert_eq!(problems[0].0, "ends_at");
        assert!(
            problems[0].1.contains("Europe/Nicosia"),
            "{}",
            problems[0].1
        );
        assert_eq!(across.check_within_local_day(chrono_tz::UTC), Ok(()));
    }

    #[test]
    fn overlap_and_audience() {
        let rules = SessionRules::default();
        let a = SessionWindow::new(at(17, 0), at(18, 0), at(16, 0), &rules).unwrap();
        let b = SessionWindow::new(at(18, 0), at(19, 0), at(16, 0), &rules).unwrap();
        let c = SessionWindow::new(at(17, 30), at(18, 30), at(16, 0), &rules).unwrap();
        assert!(!a.overlaps(&b) && a.overlaps(&c) && c.overlaps(&b));
        let limassol = Audience::Districts {
            districts: vec!["Limassol".into()],
        };
        assert!(
            limassol.includes(Some("Limassol"))
                && !limassol.includes(Some("Paphos"))
                && !limassol.includes(None)
        );
        assert!(Audience::Everyone.includes(None));
    }
}
