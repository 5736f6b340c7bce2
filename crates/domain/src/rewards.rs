//! Reward rules beyond points per kWh.

/// A bonus for a run of successful sessions in a row (PRODUCT.md § Rewards): every time a
/// household's latest `length` settled sessions all saved energy, it earns `points`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StreakRule {
    /// Successful sessions in a row that earn the bonus.
    pub length: usize,
    /// Points of the bonus.
    pub points: i64,
}

impl Default for StreakRule {
    fn default() -> Self {
        Self {
            length: 3,
            points: 50,
        }
    }
}

impl StreakRule {
    /// Whether the latest session completes a streak, given the outcomes (saved energy or not) of
    /// the household's settled sessions, oldest first, ending with the latest. A streak of six
    /// earns the bonus twice: at the third and at the sixth session.
    pub fn earns_bonus(&self, outcomes: &[bool]) -> bool {
        self.completed_by(trailing_successes(outcomes))
    }

    /// Whether a successful session now completes a streak after `earlier`, the outcomes of the
    /// household's settled sessions before it, oldest first: what settlement asks of the session
    /// it pays, whose own outcome it knows.
    pub fn success_after(&self, earlier: &[bool]) -> bool {
        self.completed_by(trailing_successes(earlier) + 1)
    }

    fn completed_by(&self, run: usize) -> bool {
        self.length > 0 && run > 0 && run.is_multiple_of(self.length)
    }
}

/// How many outcomes at the end are successes.
fn trailing_successes(outcomes: &[bool]) -> usize {
    outcomes.iter().rev().take_while(|&&saved| saved).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn streaks_of_three() {
        let rule = StreakRule::default();
        assert!(!rule.earns_bonus(&[]));
        assert!(!rule.earns_bonus(&[true, true]));
        assert!(rule.earns_bonus(&[true, true, true]));
        assert!(!rule.earns_bonus(&[true, true, true, true]));
        assert!(rule.earns_bonus(&[false, true, true, true]));
        assert!(!rule.earns_bonus(&[true, true, false, true, true]));
        assert!(rule.earns_bonus(&[true; 6]));
        assert!(!rule.earns_bonus(&[true, true, true, false]));
    }

    proptest! {
        #[test]
        fn a_failed_latest_session_never_earns(history in proptest::collection::vec(any::<bool>(), 0..20)) {
            let mut outcomes = history;
            outcomes.push(false);
            prop_assert!(!StreakRule::default().earns_bonus(&outcomes));
        }

        #[test]
        fn a_success_after_earlier_sessions_is_judged_as_the_latest_one(
            earlier in proptest::collection::vec(any::<bool>(), 0..20),
            length in 0usize..5,
        ) {
            let rule = StreakRule { length, points: 50 };
            let mut outcomes = earlier.clone();
            outcomes.push(true);
            prop_assert_eq!(rule.success_after(&earlier), rule.earns_bonus(&outcomes));
        }
    }
}
