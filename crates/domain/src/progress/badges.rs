//! The badge catalogue and its rules (docs/RULES.md § Badges).
//!
//! Each rule reads the household's facts in time order and says when the badge was earned
//! (the start of the session, or the end of the month, that completed it) and how far the
//! household is towards it. A badge is awarded once per household and never taken back: when
//! late data lowers a result after a badge was awarded, the badge stays.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::names::Bilingual;
use super::{HeldSession, SessionOutcome};
use crate::ValidationError;
use crate::streak::{ShieldRule, StreakWalk};

/// Every badge of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum BadgeKey {
    /// Saved energy in a session for the first time.
    FirstSession,
    /// 3 successful sessions in a row.
    #[serde(rename = "run_of_3")]
    RunOf3,
    /// 5 in a row.
    #[serde(rename = "run_of_5")]
    RunOf5,
    /// 10 in a row.
    #[serde(rename = "run_of_10")]
    RunOf10,
    /// Took part in 10 sessions.
    TenSessions,
    /// 10 kWh saved in all.
    #[serde(rename = "saved_10_kwh")]
    Saved10Kwh,
    /// 50 kWh.
    #[serde(rename = "saved_50_kwh")]
    Saved50Kwh,
    /// 100 kWh.
    #[serde(rename = "saved_100_kwh")]
    Saved100Kwh,
    /// Among the top 10 % of a session by share of its baseline saved.
    TopTenPercent,
    /// Saved at least 30 % of the baseline in one session.
    DeepCut,
    /// Saved in a short-notice (surprise) session.
    SurpriseSaver,
    /// Saved in every session of a calendar month that held at least two.
    FullMonth,
    /// Saved again after 30 days or more without a success.
    Comeback,
}

/// The picture a badge shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum BadgeIcon {
    /// A seedling.
    Seedling,
    /// A flame, for runs.
    Flame,
    /// A leaf, for kWh.
    Leaf,
    /// A trophy.
    Trophy,
    /// A lightning bolt.
    Bolt,
    /// A calendar.
    Calendar,
    /// A star.
    Star,
    /// Scissors, for a deep cut.
    Scissors,
    /// A sunrise, for a comeback.
    Sunrise,
}

/// What a badge's progress counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ProgressUnit {
    /// Sessions.
    Sessions,
    /// kWh.
    Kwh,
    /// Months.
    Months,
    /// Percent of a baseline.
    Percent,
}

/// Days without a success after which a success is a comeback.
pub const COMEBACK_AFTER_DAYS: i64 = 30;
/// Share of the baseline a deep cut saves, in percent.
pub const DEEP_CUT_PERCENT: f64 = 30.0;

impl BadgeKey {
    /// The catalogue, in the order screens list it.
    pub const ALL: [Self; 13] = [
        Self::FirstSession,
        Self::RunOf3,
        Self::RunOf5,
        Self::RunOf10,
        Self::TenSessions,
        Self::Saved10Kwh,
        Self::Saved50Kwh,
        Self::Saved100Kwh,
        Self::TopTenPercent,
        Self::DeepCut,
        Self::SurpriseSaver,
        Self::FullMonth,
        Self::Comeback,
    ];

    /// The stored and wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::FirstSession => "first_session",
            Self::RunOf3 => "run_of_3",
            Self::RunOf5 => "run_of_5",
            Self::RunOf10 => "run_of_10",
            Self::TenSessions => "ten_sessions",
            Self::Saved10Kwh => "saved_10_kwh",
            Self::Saved50Kwh => "saved_50_kwh",
            Self::Saved100Kwh => "saved_100_kwh",
            Self::TopTenPercent => "top_ten_percent",
            Self::DeepCut => "deep_cut",
            Self::SurpriseSaver => "surprise_saver",
            Self::FullMonth => "full_month",
            Self::Comeback => "comeback",
        }
    }

    /// Reads a stored name.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        crate::parse_named(&Self::ALL, Self::as_str, raw, "badge")
    }

    /// Its picture.
    pub const fn icon(self) -> BadgeIcon {
        match self {
            Self::FirstSession => BadgeIcon::Seedling,
            Self::RunOf3 | Self::RunOf5 | Self::RunOf10 => BadgeIcon::Flame,
            Self::TenSessions => BadgeIcon::Star,
            Self::Saved10Kwh | Self::Saved50Kwh | Self::Saved100Kwh => BadgeIcon::Leaf,
            Self::TopTenPercent => BadgeIcon::Trophy,
            Self::DeepCut => BadgeIcon::Scissors,
            Self::SurpriseSaver => BadgeIcon::Bolt,
            Self::FullMonth => BadgeIcon::Calendar,
            Self::Comeback => BadgeIcon::Sunrise,
        }
    }

    /// Green Points it pays once, through the ledger (reason `badge`).
    pub const fn points(self) -> i64 {
        match self {
            Self::FirstSession => 20,
            Self::RunOf3 => 30,
            Self::RunOf5 => 50,
            Self::RunOf10 => 100,
            Self::TenSessions => 40,
            Self::Saved10Kwh => 25,
            Self::Saved50Kwh => 75,
            Self::Saved100Kwh => 150,
            Self::TopTenPercent => 50,
            Self::DeepCut => 40,
            Self::SurpriseSaver => 30,
            Self::FullMonth => 75,
            Self::Comeback => 25,
        }
    }

    /// The ledger reference of its points: unique per household with the reason.
    pub fn ledger_reference(self) -> String {
        format!("badge:{}", self.as_str())
    }

    /// What it needs, and in what unit progress is counted.
    const fn target(self) -> (f64, ProgressUnit) {
        match self {
            Self::FirstSession | Self::TopTenPercent | Self::SurpriseSaver | Self::Comeback => {
                (1.0, ProgressUnit::Sessions)
            }
            Self::RunOf3 => (3.0, ProgressUnit::Sessions),
            Self::RunOf5 => (5.0, ProgressUnit::Sessions),
            Self::RunOf10 | Self::TenSessions => (10.0, ProgressUnit::Sessions),
            Self::Saved10Kwh => (10.0, ProgressUnit::Kwh),
            Self::Saved50Kwh => (50.0, ProgressUnit::Kwh),
            Self::Saved100Kwh => (100.0, ProgressUnit::Kwh),
            Self::DeepCut => (DEEP_CUT_PERCENT, ProgressUnit::Percent),
            Self::FullMonth => (1.0, ProgressUnit::Months),
        }
    }

    /// Its name.
    pub const fn name(self) -> Bilingual {
        match self {
            Self::FirstSession => Bilingual::new("First saving", "Πρώτη εξοικονόμηση"),
            Self::RunOf3 => Bilingual::new("Three in a row", "Τρεις στη σειρά"),
            Self::RunOf5 => Bilingual::new("Five in a row", "Πέντε στη σειρά"),
            Self::RunOf10 => Bilingual::new("Ten in a row", "Δέκα στη σειρά"),
            Self::TenSessions => Bilingual::new("Regular", "Τακτική συμμετοχή"),
            Self::Saved10Kwh => Bilingual::new("10 kWh saved", "10 kWh εξοικονόμηση"),
            Self::Saved50Kwh => Bilingual::new("50 kWh saved", "50 kWh εξοικονόμηση"),
            Self::Saved100Kwh => Bilingual::new("100 kWh saved", "100 kWh εξοικονόμηση"),
            Self::TopTenPercent => Bilingual::new("Top 10 %", "Στο κορυφαίο 10 %"),
            Self::DeepCut => Bilingual::new("Deep cut", "Μεγάλη μείωση"),
            Self::SurpriseSaver => Bilingual::new("Quick response", "Άμεση ανταπόκριση"),
            Self::FullMonth => Bilingual::new("Full month", "Ολόκληρος μήνας"),
            Self::Comeback => Bilingual::new("Welcome back", "Καλώς ήρθατε πίσω"),
        }
    }

    /// What earns it, in words.
    pub const fn description(self) -> Bilingual {
        match self {
            Self::FirstSession => Bilingual::new(
                "Save energy in your first Saving Session.",
                "Εξοικονομήστε ενέργεια στην πρώτη σας Περίοδο Εξοικονόμησης.",
            ),
            Self::RunOf3 => Bilingual::new(
                "Save in 3 Saving Sessions in a row.",
                "Εξοικονομήστε σε 3 συνεχόμενες Περιόδους Εξοικονόμησης.",
            ),
            Self::RunOf5 => Bilingual::new(
                "Save in 5 Saving Sessions in a row.",
                "Εξοικονομήστε σε 5 συνεχόμενες Περιόδους Εξοικονόμησης.",
            ),
            Self::RunOf10 => Bilingual::new(
                "Save in 10 Saving Sessions in a row.",
                "Εξοικονομήστε σε 10 συνεχόμενες Περιόδους Εξοικονόμησης.",
            ),
            Self::TenSessions => Bilingual::new(
                "Take part in 10 Saving Sessions.",
                "Συμμετάσχετε σε 10 Περιόδους Εξοικονόμησης.",
            ),
            Self::Saved10Kwh => Bilingual::new(
                "Save 10 kWh in Saving Sessions in all.",
                "Εξοικονομήστε συνολικά 10 kWh στις Περιόδους Εξοικονόμησης.",
            ),
            Self::Saved50Kwh => Bilingual::new(
                "Save 50 kWh in Saving Sessions in all.",
                "Εξοικονομήστε συνολικά 50 kWh στις Περιόδους Εξοικονόμησης.",
            ),
            Self::Saved100Kwh => Bilingual::new(
                "Save 100 kWh in Saving Sessions in all.",
                "Εξοικονομήστε συνολικά 100 kWh στις Περιόδους Εξοικονόμησης.",
            ),
            Self::TopTenPercent => Bilingual::new(
                "Be among the top 10 % of a session by the share of your usual use you saved.",
                "Βρεθείτε στο κορυφαίο 10 % μιας περιόδου με βάση το ποσοστό της κατανάλωσης αναφοράς που εξοικονομήσατε.",
            ),
            Self::DeepCut => Bilingual::new(
                "Save at least 30 % of your usual use in one session.",
                "Εξοικονομήστε τουλάχιστον 30 % της κατανάλωσης αναφοράς σε μία περίοδο.",
            ),
            Self::SurpriseSaver => Bilingual::new(
                "Save in a short-notice Saving Session.",
                "Εξοικονομήστε σε μια Περίοδο Εξοικονόμησης που ανακοινώθηκε με σύντομη προειδοποίηση.",
            ),
            Self::FullMonth => Bilingual::new(
                "Save in every Saving Session of a month (at least two).",
                "Εξοικονομήστε σε κάθε Περίοδο Εξοικονόμησης ενός μήνα (τουλάχιστον δύο).",
            ),
            Self::Comeback => Bilingual::new(
                "Save again after a month or more away.",
                "Εξοικονομήστε ξανά μετά από έναν μήνα ή περισσότερο.",
            ),
        }
    }
}

/// A badge's standing for one household.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BadgeState {
    /// Which badge.
    pub key: BadgeKey,
    /// When the facts earned it; `None` when they have not.
    pub earned_at: Option<DateTime<Utc>>,
    /// How far the household is, clamped to the target.
    pub current: f64,
    /// What it needs.
    pub target: f64,
    /// The unit of both.
    pub unit: ProgressUnit,
}

/// What the badge rules read.
#[derive(Debug, Clone, Copy)]
pub struct BadgeFacts<'a> {
    /// The household's outcomes, oldest first.
    pub outcomes: &'a [SessionOutcome],
    /// Sessions open to it, oldest first.
    pub held: &'a [HeldSession],
    /// The shield rule the run badges follow (the same as the streak's).
    pub shields: ShieldRule,
    /// The programme's time zone, for calendar months.
    pub time_zone: Tz,
    /// Now: a month counts once it is over.
    pub as_of: DateTime<Utc>,
}

/// Running totals while the outcomes are read in order.
#[derive(Default)]
struct Tally {
    earned: [Option<DateTime<Utc>>; BadgeKey::ALL.len()],
    progress: [f64; BadgeKey::ALL.len()],
}

impl Tally {
    fn index(key: BadgeKey) -> usize {
        BadgeKey::ALL.iter().position(|k| *k == key).unwrap_or(0)
    }

    /// Raises `key`'s progress to `value`; earns it at `at` once the target is met.
    fn reach(&mut self, key: BadgeKey, value: f64, at: DateTime<Utc>) {
        let i = Self::index(key);
        self.progress[i] = self.progress[i].max(value);
        if self.earned[i].is_none() && self.progress[i] >= key.target().0 {
            self.earned[i] = Some(at);
        }
    }
}

/// Every badge's standing from the facts, in catalogue order.
pub fn evaluate(facts: &BadgeFacts<'_>) -> Vec<BadgeState> {
    let mut tally = Tally::default();
    let mut walk = StreakWalk::new(facts.shields);
    let (mut joined, mut saved_kwh) = (0.0, 0.0);
    let mut last_success: Option<DateTime<Utc>> = None;
    for outcome in facts.outcomes.iter().filter(|o| o.counts()) {
        let at = outcome.starts_at;
        joined += 1.0;
        tally.reach(BadgeKey::TenSessions, joined, at);
        if !outcome.planted() {
            if outcome.is_final() {
                walk.step(false);
            }
            continue;
        }
        saved_kwh += outcome.saved();
        tally.reach(BadgeKey::FirstSession, 1.0, at);
        for key in [
            BadgeKey::Saved10Kwh,
            BadgeKey::Saved50Kwh,
            BadgeKey::Saved100Kwh,
        ] {
            tally.reach(key, saved_kwh, at);
        }
        if outcome.is_final() {
            walk.step(true);
            let run = f64::from(walk.streak.current);
            for key in [BadgeKey::RunOf3, BadgeKey::RunOf5, BadgeKey::RunOf10] {
                tally.reach(key, run, at);
            }
        }
        if let Some(percent) = outcome.percent_saved() {
            tally.reach(BadgeKey::DeepCut, percent, at);
            if outcome.top_tenth_percent.is_some_and(|t| percent >= t) {
                tally.reach(BadgeKey::TopTenPercent, 1.0, at);
            }
        }
        if outcome.surprise {
            tally.reach(BadgeKey::SurpriseSaver, 1.0, at);
        }
        if last_success.is_some_and(|last| (at - last).num_days() >= COMEBACK_AFTER_DAYS) {
            tally.reach(BadgeKey::Comeback, 1.0, at);
        }
        last_success = Some(at);
    }
    if let Some((month_end, _)) = first_full_month(facts) {
        tally.reach(BadgeKey::FullMonth, 1.0, month_end);
    }
    BadgeKey::ALL
        .iter()
        .enumerate()
        .map(|(i, &key)| {
            let (target, unit) = key.target();
            BadgeState {
                key,
                earned_at: tally.earned[i],
                current: tally.progress[i].min(target),
                target,
                unit,
            }
        })
        .collect()
}

/// The first calendar month (in the programme's time zone) that is over by `as_of`, held at
/// least two sessions open to the household, and in which it saved in every one: the instant
/// the month ended and the month.
fn first_full_month(facts: &BadgeFacts<'_>) -> Option<(DateTime<Utc>, NaiveDate)> {
    let month_of = |at: DateTime<Utc>| {
        let local = at.with_timezone(&facts.time_zone).date_naive();
        NaiveDate::from_ymd_opt(local.year(), local.month(), 1)
    };
    let mut months: Vec<(NaiveDate, usize, bool)> = Vec::new();
    for session in facts.held {
        let Some(month) = month_of(session.starts_at) else {
            continue;
        };
        let saved = session
            .outcome
            .and_then(|i| facts.outcomes.get(i))
            .is_some_and(SessionOutcome::planted);
        match months.last_mut() {
            Some((current, count, all_saved)) if *current == month => {
                *count += 1;
                *all_saved &= saved;
            }
            _ => months.push((month, 1, saved)),
        }
    }
    months
        .into_iter()
        .filter(|(_, count, all_saved)| *count >= 2 && *all_saved)
        .find_map(|(month, _, _)| {
            let next = month.checked_add_months(chrono::Months::new(1))?;
            let end = crate::calendar::local_day_start(facts.time_zone, next)?;
            (end <= facts.as_of).then_some((end, month))
        })
}
