//! Baselines: how much a household would have used in a session's settlement periods had there
//! been no session, from its own meter history (docs/RULES.md § Baselines).
//!
//! Every method answers through one interface, [`Baseline::estimate`]: a [`SessionContext`]
//! (the session and the calendar around it, computed once per session), one household's
//! [`HistoryView`] and the household's [`ExcludedDays`] (earlier sessions it took part in) give
//! either kWh per clock slot of the session or [`InsufficientData`] with its reason — never a
//! silent zero. [`Method`] selects and configures a method; [`Eligibility`] is checked first.

mod adjustment;
mod auto;
pub mod backtest;
mod eligibility;
mod high_x_of_y;
mod history;
mod like_days;
pub mod regression;
mod session;
mod ten_in_ten;

use std::fmt;
use std::ops::Range;

pub use adjustment::{Adjustment, AdjustmentKind, InDayAdjustment};
pub use auto::Auto;
pub use eligibility::Eligibility;
pub use high_x_of_y::HighXOfY;
pub use history::{History, HistoryBuilder, HistoryLayout, HistoryView};
pub use like_days::LikeDays;
pub use regression::{Regression, TimeOfWeekFit, TimeOfWeekModel};
pub use session::{ExcludedDays, MAX_LOOKBACK_DAYS, Session, SessionContext, SlotValues};
pub use ten_in_ten::TenInTen;

use crate::ValidationError;
use crate::calendar::DayKind;

/// Why no baseline could be computed. Shown to the household and the admin as is.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum InsufficientData {
    /// The household has no meter to read.
    #[error("no meter is linked to the household")]
    NoMeter,
    /// Fewer readings than the eligibility rule asks for arrived recently.
    #[error(
        "only {received_percent:.0}% of expected readings arrived in the last {days} days (at least {required_percent:.0}% needed)"
    )]
    LowCoverage {
        /// Share of expected readings received (%).
        received_percent: f64,
        /// The threshold (%).
        required_percent: f64,
        /// Days looked at.
        days: u32,
    },
    /// Not enough complete, non-event like days in the lookback.
    #[error(
        "only {found} complete {kind} like days in the last {lookback_days} days ({required} needed)"
    )]
    TooFewLikeDays {
        /// Like days found.
        found: usize,
        /// Like days required.
        required: usize,
        /// Weekday or rest-day family.
        kind: KindName,
        /// Lookback searched.
        lookback_days: u32,
    },
    /// The regression had too few observations to fit.
    #[error(
        "only {found} complete days of history in the last {lookback_days} days to fit the regression ({required} needed)"
    )]
    TooLittleTrainingData {
        /// Complete days found.
        found: usize,
        /// Days required.
        required: usize,
        /// Training window.
        lookback_days: u32,
    },
    /// The data loaded does not contain the clock slots the method needs.
    #[error("history does not cover the session's periods")]
    SessionNotCovered,
    /// Automatic choice: no candidate method could be evaluated or applied.
    #[error("no method could be applied: {0}")]
    NoMethod(Box<InsufficientData>),
}

/// A day family named for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindName(pub DayKind);

impl fmt::Display for KindName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.0 {
            DayKind::Weekday => "weekday",
            DayKind::RestDay => "weekend/holiday",
        })
    }
}

/// A computed baseline for one household and session.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    /// Baseline kWh per clock slot of the session (per 30 minutes of wall-clock time).
    pub kwh: SlotValues,
    /// Like days (or training days) the baseline rests on.
    pub days_used: u16,
    /// The in-day adjustment applied, if any.
    pub adjustment: Adjustment,
    /// The method that produced it (for [`Auto`], the one it chose).
    pub method: &'static str,
}

/// The interface every baseline method implements.
pub trait Baseline {
    /// Short stable name, used in configuration, reports and the API.
    fn name(&self) -> &'static str;

    /// The household's baseline for the session, from `history`, ignoring `excluded` days.
    fn estimate(
        &self,
        context: &SessionContext,
        history: &HistoryView<'_>,
        excluded: &ExcludedDays,
    ) -> Result<Estimate, InsufficientData>;
}

/// A baseline method by name, as a session plan names it and the database stores it; each name
/// stands for one configuration of a method.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum MethodName {
    /// `like-days`: the default.
    #[default]
    #[serde(rename = "like-days")]
    LikeDays,
    /// `like-days-adjusted`: like days with the additive in-day adjustment.
    #[serde(rename = "like-days-adjusted")]
    LikeDaysAdjusted,
    /// `like-days-damped`: [`LikeDays::damped`].
    #[serde(rename = "like-days-damped")]
    LikeDaysDamped,
    /// `like-days-last-hour`: [`LikeDays::last_hour`].
    #[serde(rename = "like-days-last-hour")]
    LikeDaysLastHour,
    /// `high-x-of-y` (also `pjm`).
    #[serde(rename = "high-x-of-y")]
    HighXOfY,
    /// `10-in-10` (also `caiso`).
    #[serde(rename = "10-in-10")]
    TenInTen,
    /// `regression`.
    #[serde(rename = "regression")]
    Regression,
    /// `auto`.
    #[serde(rename = "auto")]
    Auto,
}

impl MethodName {
    /// Every method.
    pub const ALL: [Self; 8] = [
        Self::LikeDays,
        Self::LikeDaysAdjusted,
        Self::LikeDaysDamped,
        Self::LikeDaysLastHour,
        Self::HighXOfY,
        Self::TenInTen,
        Self::Regression,
        Self::Auto,
    ];

    /// Every method's name, in the order of [`MethodName::ALL`].
    pub const ALL_NAMES: [&'static str; 8] = [
        Self::LikeDays.as_str(),
        Self::LikeDaysAdjusted.as_str(),
        Self::LikeDaysDamped.as_str(),
        Self::LikeDaysLastHour.as_str(),
        Self::HighXOfY.as_str(),
        Self::TenInTen.as_str(),
        Self::Regression.as_str(),
        Self::Auto.as_str(),
    ];

    /// The stored and wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::LikeDays => "like-days",
            Self::LikeDaysAdjusted => "like-days-adjusted",
            Self::LikeDaysDamped => "like-days-damped",
            Self::LikeDaysLastHour => "like-days-last-hour",
            Self::HighXOfY => "high-x-of-y",
            Self::TenInTen => "10-in-10",
            Self::Regression => "regression",
            Self::Auto => "auto",
        }
    }

    /// Reads a name, case and surrounding space ignored; `pjm` and `caiso` are accepted for
    /// `high-x-of-y` and `10-in-10`.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let name = raw.trim().to_ascii_lowercase();
        match name.as_str() {
            "pjm" => return Ok(Self::HighXOfY),
            "caiso" => return Ok(Self::TenInTen),
            _ => {}
        }
        crate::parse_named(&Self::ALL, Self::as_str, &name, "baseline method")
    }

    /// The method with its default configuration; `like-days-adjusted` is the default method
    /// with the in-day adjustment switched on.
    pub fn method(self) -> Method {
        match self {
            Self::LikeDays => Method::LikeDays(LikeDays::default()),
            Self::LikeDaysAdjusted => Method::LikeDays(LikeDays {
                adjustment: Some(InDayAdjustment::default()),
                ..LikeDays::default()
            }),
            Self::LikeDaysDamped => Method::LikeDays(LikeDays::damped()),
            Self::LikeDaysLastHour => Method::LikeDays(LikeDays::last_hour()),
            Self::HighXOfY => Method::HighXOfY(HighXOfY::default()),
            Self::TenInTen => Method::TenInTen(TenInTen::default()),
            Self::Regression => Method::Regression(Regression::default()),
            Self::Auto => Method::Auto(Auto::default()),
        }
    }
}

impl std::fmt::Display for MethodName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A configured baseline method: what a programme picks.
#[derive(Debug, Clone, PartialEq)]
pub enum Method {
    /// The default: mean of recent like days.
    LikeDays(LikeDays),
    /// PJM style: the highest-consumption X of the last Y like days.
    HighXOfY(HighXOfY),
    /// CAISO style: 10 like days with a capped multiplicative day-of adjustment.
    TenInTen(TenInTen),
    /// Time-of-week and temperature regression (CalTRACK-like).
    Regression(Regression),
    /// Per household, the candidate with the lowest recent backtest error.
    Auto(Auto),
}

impl Default for Method {
    fn default() -> Self {
        Self::LikeDays(LikeDays::default())
    }
}

impl Method {
    /// Names accepted by [`Method::parse`], each with its default configuration.
    pub const NAMES: [&'static str; 8] = MethodName::ALL_NAMES;

    /// A method by name with its default configuration (see [`MethodName::method`]).
    pub fn parse(name: &str) -> Result<Self, ValidationError> {
        MethodName::parse(name).map(MethodName::method)
    }

    /// The clock slots of each day the method reads for `session`: the session's own and, when
    /// an in-day adjustment is configured, its window before the session. Loading only these
    /// keeps a national session's history a fraction of whole days.
    pub fn history_slots(&self, session: &Session) -> Range<usize> {
        let slots = session.slots();
        let adjustment = match self {
            Self::LikeDays(m) => m.adjustment.as_ref(),
            Self::HighXOfY(m) => m.adjustment.as_ref(),
            Self::TenInTen(m) => m.adjustment.as_ref(),
            Self::Regression(_) => None,
            Self::Auto(m) => {
                return m.candidates.iter().fold(slots.clone(), |union, candidate| {
                    let needed = candidate.history_slots(session);
                    union.start.min(needed.start)..union.end.max(needed.end)
                });
            }
        };
        match adjustment {
            Some(adjustment) => adjustment.window(slots.start).start.min(slots.start)..slots.end,
            None => slots,
        }
    }

    /// Days before the event day that usually hold every day the method would pick, for methods
    /// that take the most recent qualifying like days; `None` for those that always read their
    /// whole lookback. Loading this much first, and the whole lookback only for the households
    /// whose estimate [`Method::complete_within`] rejects, halves what a national session reads.
    pub fn usual_lookback_days(&self, kind: DayKind) -> Option<usize> {
        match self {
            Self::LikeDays(m) => {
                // Weekdays come five in seven, rest days two in seven; three more days cover a
                // holiday, an earlier session or a day of missing data.
                let weeks = match kind {
                    DayKind::Weekday => m.weekdays.div_ceil(5),
                    DayKind::RestDay => m.rest_days.div_ceil(2),
                };
                Some((weeks * 7 + 3).min(m.lookback_days))
            }
            _ => None,
        }
    }

    /// Whether an estimate made from [`Method::usual_lookback_days`] of history is the one the
    /// whole lookback gives: like days are picked newest first, so when all of them were found
    /// the older days could not have changed it.
    pub fn complete_within(&self, context: &SessionContext, estimate: &Estimate) -> bool {
        match self {
            Self::LikeDays(m) => {
                let wanted = match context.event_kind() {
                    DayKind::Weekday => m.weekdays,
                    DayKind::RestDay => m.rest_days,
                };
                usize::from(estimate.days_used) >= wanted
            }
            _ => false,
        }
    }

    fn inner(&self) -> &dyn Baseline {
        match self {
            Self::LikeDays(m) => m,
            Self::HighXOfY(m) => m,
            Self::TenInTen(m) => m,
            Self::Regression(m) => m,
            Self::Auto(m) => m,
        }
    }
}

impl Baseline for Method {
    fn name(&self) -> &'static str {
        self.inner().name()
    }

    fn estimate(
        &self,
        context: &SessionContext,
        history: &HistoryView<'_>,
        excluded: &ExcludedDays,
    ) -> Result<Estimate, InsufficientData> {
        self.inner().estimate(context, history, excluded)
    }
}

#[cfg(test)]
mod tests;
