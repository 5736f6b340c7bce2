//! Green Points for a session: what a result earns and the ledger entries that pay it
//! (docs/RULES.md § Green Points).
//!
//! The ledger is append-only and an entry is unique per (household, reason, reference), so
//! [`session_entries`] only says what should be appended given what was already paid: the
//! savings points brought to what the latest result earns (a correcting entry for any
//! difference), the opt-in bonus and, for a final success that completes a run, the streak
//! bonus. Asking again after paying appends nothing.

use serde::{Deserialize, Serialize};

use crate::ValidationError;
use crate::settlement::ResultStatus;
use crate::streak::{ShieldRule, StreakWalk};

/// Why points were entered in the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum LedgerReason {
    /// Points per kWh saved in a session, and their corrections.
    SessionSavings,
    /// Points for taking part in a session.
    OptInBonus,
    /// Points for a run of successful sessions.
    StreakBonus,
    /// Points a badge pays once (docs/RULES.md § Badges).
    Badge,
}

impl LedgerReason {
    /// Every reason.
    pub const ALL: [Self; 4] = [
        Self::SessionSavings,
        Self::OptInBonus,
        Self::StreakBonus,
        Self::Badge,
    ];

    /// The stored and wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::SessionSavings => "session_savings",
            Self::OptInBonus => "opt_in_bonus",
            Self::StreakBonus => "streak_bonus",
            Self::Badge => "badge",
        }
    }

    /// Reads a stored name.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        crate::parse_named(&Self::ALL, Self::as_str, raw, "ledger reason")
    }
}

impl std::fmt::Display for LedgerReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A bonus for a run of successful sessions in a row: every time a household's latest `length`
/// settled sessions all saved energy, it earns `points`.
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
        let run = earlier.iter().rev().take_while(|&&saved| saved).count() + 1;
        self.length > 0 && run.is_multiple_of(self.length)
    }
}

/// The reward rules a programme configures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RewardRules {
    /// The streak bonus.
    pub streak: StreakRule,
    /// The shields that protect a run from a miss (docs/RULES.md § Streaks).
    pub shields: ShieldRule,
}

impl RewardRules {
    /// Whether a successful session after `earlier` (the outcomes of the household's settled
    /// sessions before it, oldest first) completes a streak bonus: the run, counted with
    /// shields, becomes a multiple of the bonus length. With shields off this is
    /// [`StreakRule::success_after`].
    pub fn streak_bonus_due(&self, earlier: &[bool]) -> bool {
        let mut walk = StreakWalk::new(self.shields);
        for &saved in earlier {
            walk.step(saved);
        }
        let run = walk.streak.current as usize + 1;
        self.streak.length > 0 && run.is_multiple_of(self.streak.length)
    }
}

/// What a session pays, from its plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionTerms {
    /// Green Points per kWh saved.
    pub points_per_kwh: u32,
    /// Green Points for taking part.
    pub opt_in_bonus: u32,
}

/// Savings points for `saved_kwh`: the positive part (no penalty for using more) times the
/// rate, rounded to the nearest point. 1.26 kWh at 100 points per kWh earn 126.
pub fn points_for(saved_kwh: Option<f64>, points_per_kwh: u32) -> i64 {
    let rewarded = saved_kwh.unwrap_or(0.0).max(0.0);
    (rewarded * f64::from(points_per_kwh)).round() as i64
}

/// Whether a result counts as a success for streaks: final and some energy saved. Provisional
/// results do not count yet, as late data may still turn them.
pub fn is_success(status: ResultStatus, saved_kwh: Option<f64>) -> bool {
    status == ResultStatus::Final && saved_kwh.unwrap_or(0.0) > 0.0
}

/// The ledger references of one session: the session id for the first savings entry and the
/// bonuses, `id#n` for the n-th savings entry (a correction).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionReference<'a>(pub &'a str);

impl<'a> SessionReference<'a> {
    /// The reference of the bonuses and of the first savings entry.
    pub fn session(&self) -> String {
        self.0.to_owned()
    }

    /// The reference of the savings entry after `entries_so_far` earlier ones.
    pub fn savings_entry(&self, entries_so_far: u64) -> String {
        if entries_so_far == 0 {
            self.session()
        } else {
            format!("{}#{}", self.0, entries_so_far + 1)
        }
    }

    /// The session a reference belongs to: the part before `#`.
    pub fn session_of(reference: &str) -> &str {
        reference
            .split_once('#')
            .map_or(reference, |(session, _)| session)
    }
}

/// What a household has been paid for a session's savings so far, corrections included.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PaidSoFar {
    /// Sum of its savings entries for the session.
    pub points: i64,
    /// How many savings entries there are.
    pub entries: u64,
}

/// A ledger entry to append.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerEntry {
    /// Why.
    pub reason: LedgerReason,
    /// What it refers to; unique with the reason and the household.
    pub reference: String,
    /// Points, negative for a correction downwards.
    pub points: i64,
    /// A note for people.
    pub note: Option<String>,
}

/// A household's result for a session, as payment needs it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PayableResult<'a> {
    /// The session's ledger references.
    pub session: SessionReference<'a>,
    /// What the session pays.
    pub terms: SessionTerms,
    /// The result's status.
    pub status: ResultStatus,
    /// Baseline − actual (kWh).
    pub saved_kwh: Option<f64>,
}

/// The entries to append for `result` given what was `paid` and the outcomes of the household's
/// `earlier` final sessions (oldest first): nothing for a result that is not payable; else the
/// streak bonus when a final success completes a run, the savings points' difference to what
/// the result earns (the first entry, or a correction), and the opt-in bonus. Bonuses carry the
/// session's reference, so the ledger's uniqueness pays each once however often this is asked.
pub fn session_entries(
    result: &PayableResult<'_>,
    paid: PaidSoFar,
    earlier: &[bool],
    rules: &RewardRules,
) -> Vec<LedgerEntry> {
    let mut entries = Vec::new();
    if !result.status.is_payable() {
        return entries;
    }
    if is_success(result.status, result.saved_kwh) && rules.streak_bonus_due(earlier) {
        entries.push(LedgerEntry {
            reason: LedgerReason::StreakBonus,
            reference: result.session.session(),
            points: rules.streak.points,
            note: Some(format!(
                "{} successful sessions in a row",
                rules.streak.length
            )),
        });
    }
    let earned = points_for(result.saved_kwh, result.terms.points_per_kwh);
    if earned != paid.points {
        entries.push(LedgerEntry {
            reason: LedgerReason::SessionSavings,
            reference: result.session.savings_entry(paid.entries),
            points: earned - paid.points,
            note: (paid.entries > 0)
                .then(|| "correction after recomputation with later data".to_owned()),
        });
    }
    if result.terms.opt_in_bonus > 0 {
        entries.push(LedgerEntry {
            reason: LedgerReason::OptInBonus,
            reference: result.session.session(),
            points: i64::from(result.terms.opt_in_bonus),
            note: None,
        });
    }
    entries
}

#[cfg(test)]
mod tests;
