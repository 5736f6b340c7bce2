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
    /// Whether a successful session now completes a streak after `earlier`, the outcomes (saved
    /// energy or not) of the household's settled sessions before it, oldest first: what
    /// settlement asks of the session it pays, whose own outcome it knows. A failed session
    /// never earns, so it is not asked. A streak of six earns the bonus twice: at the third and
    /// at the sixth session.
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
        assert!(!rule.success_after(&[true]));
        assert!(rule.success_after(&[true, true]));
        assert!(!rule.success_after(&[true, true, true]));
        assert!(rule.success_after(&[false, true, true]));
        assert!(!rule.success_after(&[true, true, false, true]));
        assert!(rule.success_after(&[true; 5]));
        assert!(!rule.success_after(&[true, true, true, false]));
    }

    proptest! {
        #[test]
        fn a_bonus_comes_every_length_successes_after_the_last_failure(
            earlier in proptest::collection::vec(any::<bool>(), 0..20),
            length in 0usize..5,
        ) {
            let rule = StreakRule { length, points: 50 };
            let run = earlier.iter().rev().take_while(|&&saved| saved).count() + 1;
            prop_assert_eq!(rule.success_after(&earlier), length > 0 && run % length == 0);
        }
    }
}
