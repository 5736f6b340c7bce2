//! Streaks: the run of successful sessions, the best run, and the shields that protect a run
//! (docs/RULES.md § Streaks).
//!
//! A success is a final result that saved energy ([`crate::rewards::is_success`]); the run
//! counts the household's settled sessions in order. A household holds one shield per
//! `every` successes in a row (at most `max_held`); a session that was not a success uses a
//! shield instead of breaking the run. With `every` 0 there are no shields, which is the
//! rule the streak bonus had before shields.

/// How shields are earned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShieldRule {
    /// Successes in a row that earn one shield; 0 turns shields off.
    pub every: u32,
    /// Shields a household can hold at once.
    pub max_held: u32,
}

impl Default for ShieldRule {
    /// One shield per 5 successes in a row, at most 2 held: a household that has shown up five
    /// times can miss once without losing its run, but cannot bank misses for months.
    fn default() -> Self {
        Self {
            every: 5,
            max_held: 2,
        }
    }
}

impl ShieldRule {
    /// No shields: a miss always breaks the run.
    pub const OFF: Self = Self {
        every: 0,
        max_held: 0,
    };
}

/// Where a household's run stands after its outcomes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Streak {
    /// Successes in the current run.
    pub current: u32,
    /// The longest run so far.
    pub best: u32,
    /// Shields held now.
    pub shields: u32,
}

impl Streak {
    /// The streak after `outcomes` (success or not of each settled session, oldest first).
    pub fn of(outcomes: &[bool], rule: ShieldRule) -> Self {
        let mut walk = StreakWalk::new(rule);
        for &success in outcomes {
            walk.step(success);
        }
        walk.streak
    }
}

/// A streak followed one session at a time, for rules that need the run at each step (the
/// streak bonus, the run badges).
#[derive(Debug, Clone, Copy)]
pub struct StreakWalk {
    rule: ShieldRule,
    /// The streak so far.
    pub streak: Streak,
    since_shield: u32,
}

impl StreakWalk {
    /// A walk that has seen nothing yet.
    pub fn new(rule: ShieldRule) -> Self {
        Self {
            rule,
            streak: Streak::default(),
            since_shield: 0,
        }
    }

    /// Takes one session's outcome; returns whether it extended the run.
    pub fn step(&mut self, success: bool) -> bool {
        let streak = &mut self.streak;
        if success {
            streak.current += 1;
            streak.best = streak.best.max(streak.current);
            self.since_shield += 1;
            if self.rule.every > 0 && self.since_shield >= self.rule.every {
                self.since_shield = 0;
                streak.shields = (streak.shields + 1).min(self.rule.max_held);
            }
            return true;
        }
        if streak.shields > 0 {
            streak.shields -= 1;
        } else {
            streak.current = 0;
            self.since_shield = 0;
        }
        false
    }
}
