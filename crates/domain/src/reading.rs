//! Meter readings: validation at the edge, and the compact per-day layout they are stored in.
//!
//! A reading is energy (kWh) over one interval. Stored, a meter's readings for one UTC day are a
//! fixed array of slots (96 for 15-minute meters, 48 for 30-minute ones) holding whole watt-hours
//! or "missing", plus one bit per slot saying whether the value is an estimate. That layout keeps a
//! reading at about 4 bytes on disk, and merging a late or repeated reading is a slot update.

use chrono::{DateTime, Duration, NaiveDate, Timelike, Utc};

use crate::meter::IntervalLength;

mod day;
mod settled;

pub use day::{DayReadings, MergeOutcome, SlotState};
pub use settled::SettledWindows;

/// Whether the meter measured the value or the meter data system estimated it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Quality {
    /// Measured by the meter; the truth.
    Actual,
    /// Filled in by the meter data system; replaced by an actual when one arrives.
    Estimated,
}

impl Quality {
    /// Accepts `actual`/`a` and `estimated`/`estimate`/`e` (any case); empty means actual.
    pub fn parse(raw: &str) -> Result<Self, RejectReason> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "" | "actual" | "a" => Ok(Self::Actual),
            "estimated" | "estimate" | "e" => Ok(Self::Estimated),
            other => Err(RejectReason::BadQuality(other.to_owned())),
        }
    }

    /// The name used in the API.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Actual => "actual",
            Self::Estimated => "estimated",
        }
    }
}

/// Why a reading was refused. Each is reported with the row it came from.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RejectReason {
    /// The meter id is not known to the programme.
    #[error("unknown meter {0}")]
    UnknownMeter(String),
    /// The meter id is malformed.
    #[error("invalid meter id {0:?}")]
    BadMeterId(String),
    /// The timestamp could not be read.
    #[error("invalid interval start {0:?}: expected RFC 3339, e.g. 2026-07-01T17:00:00Z")]
    BadTimestamp(String),
    /// The interval does not start on a boundary of the meter's interval length.
    #[error("interval start {start} is not aligned to the meter's {minutes}-minute intervals")]
    Misaligned {
        /// The offending start.
        start: DateTime<Utc>,
        /// The meter's interval length.
        minutes: i16,
    },
    /// The interval has not ended yet.
    #[error("interval starting {0} ends in the future")]
    Future(DateTime<Utc>),
    /// The energy value could not be read as a number.
    #[error("invalid kWh value {0:?}")]
    BadNumber(String),
    /// NaN or infinite.
    #[error("kWh must be a finite number")]
    NotFinite,
    /// Import meters cannot run backwards.
    #[error("kWh must not be negative (got {0})")]
    Negative(f64),
    /// Beyond what a household connection can physically draw in one interval.
    #[error("{kwh} kWh exceeds the physical maximum of {max} kWh per interval")]
    AboveMaximum {
        /// The value.
        kwh: f64,
        /// The configured maximum.
        max: f64,
    },
    /// The quality flag is not one we know.
    #[error("invalid quality {0:?}: expected actual or estimated")]
    BadQuality(String),
    /// The row does not have the expected columns.
    #[error("{0}")]
    Malformed(String),
    /// Older than the oldest reading the programme accepts (docs/RULES.md § Meter data).
    #[error("interval starting {start} is older than the oldest accepted reading ({oldest})")]
    TooOld {
        /// The offending start.
        start: DateTime<Utc>,
        /// The oldest interval start accepted at the time.
        oldest: DateTime<Utc>,
    },
    /// The meter is bound to other data sources (docs/RULES.md § Meter data).
    #[error("meter {0} is not reported by this data source")]
    NotPermitted(String),
    /// An upload would replace a reading inside a settled session's window.
    #[error(
        "interval starting {0} lies in a settled session and already holds a different reading: send a correction instead"
    )]
    Settled(DateTime<Utc>),
}

/// Limits applied to every reading, from configuration.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReadingLimits {
    /// Largest believable energy per 15 minutes; 30-minute intervals allow twice as much.
    pub max_kwh_per_15_minutes: f64,
    /// How far back readings are accepted.
    pub oldest: OldestReading,
}

impl Default for ReadingLimits {
    /// 25 kWh per quarter hour is 100 kW, far above any household connection; readings are
    /// taken for the last three years.
    fn default() -> Self {
        Self {
            max_kwh_per_15_minutes: 25.0,
            oldest: OldestReading::default(),
        }
    }
}

/// The oldest interval start accepted. Without a bound one upload could store readings decades
/// old (and, on PostgreSQL, create a monthly partition for each of their months).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OldestReading {
    /// A fixed instant: the programme's start.
    Since(DateTime<Utc>),
    /// A window that moves with the clock.
    MaxAge(Duration),
}

impl Default for OldestReading {
    /// Three years (1,095 days).
    fn default() -> Self {
        Self::MaxAge(Duration::days(1095))
    }
}

impl OldestReading {
    /// The oldest interval start accepted at `now`.
    pub fn at(self, now: DateTime<Utc>) -> DateTime<Utc> {
        match self {
            Self::Since(start) => start,
            Self::MaxAge(age) => now - age,
        }
    }
}

/// A reading that passed every check; `wh` is whole watt-hours, as billing meters report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ValidReading {
    /// The meter's storage key.
    pub meter: i64,
    /// The meter's interval length.
    pub interval: IntervalLength,
    /// Start of the interval.
    pub interval_start: DateTime<Utc>,
    /// Energy in watt-hours.
    pub wh: u32,
    /// Measured or estimated.
    pub quality: Quality,
}

/// Checks one reading for a known meter: aligned, already ended at `now`, not older than the
/// oldest accepted reading, and a finite, non-negative energy below the physical maximum.
pub fn validate(
    meter: i64,
    interval: IntervalLength,
    interval_start: DateTime<Utc>,
    kwh: f64,
    quality: Quality,
    now: DateTime<Utc>,
    limits: &ReadingLimits,
) -> Result<ValidReading, RejectReason> {
    let minutes = interval.minutes();
    let seconds_into_day = interval_start.num_seconds_from_midnight();
    if interval_start.nanosecond() != 0
        || !seconds_into_day.is_multiple_of(u32::from(minutes.unsigned_abs()) * 60)
    {
        return Err(RejectReason::Misaligned {
            start: interval_start,
            minutes,
        });
    }
    if interval_start + Duration::minutes(i64::from(minutes)) > now {
        return Err(RejectReason::Future(interval_start));
    }
    let oldest = limits.oldest.at(now);
    if interval_start < oldest {
        return Err(RejectReason::TooOld {
            start: interval_start,
            oldest,
        });
    }
    if !kwh.is_finite() {
        return Err(RejectReason::NotFinite);
    }
    if kwh < 0.0 {
        return Err(RejectReason::Negative(kwh));
    }
    let max = limits.max_kwh_per_15_minutes * f64::from(minutes) / 15.0;
    if kwh > max {
        return Err(RejectReason::AboveMaximum { kwh, max });
    }
    // Bounded above by `max`, so the product fits comfortably in u32.
    let wh = (kwh * 1000.0).round() as u32;
    Ok(ValidReading {
        meter,
        interval,
        interval_start,
        wh,
        quality,
    })
}

/// Days since 1970-01-01 (UTC): the day key of the storage layout.
pub fn day_number(instant: DateTime<Utc>) -> i32 {
    i32::try_from(instant.timestamp().div_euclid(86_400)).unwrap_or(i32::MAX)
}

/// The UTC date of a day number.
pub fn day_date(day: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(day + 719_163).unwrap_or(NaiveDate::MIN)
}

/// The start (UTC midnight) of a day number.
pub fn day_start(day: i32) -> DateTime<Utc> {
    DateTime::from_timestamp(i64::from(day) * 86_400, 0).unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// Number of slots in a UTC day for an interval length.
pub const fn slots_per_day(interval: IntervalLength) -> usize {
    1440 / interval.minutes() as usize
}

/// The slot of an aligned interval start within its UTC day.
pub fn slot_of(instant: DateTime<Utc>, interval: IntervalLength) -> usize {
    (instant.num_seconds_from_midnight() / 60) as usize / interval.minutes() as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    const FIFTEEN: IntervalLength = IntervalLength::FifteenMinutes;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 7, 1, h, m, 0).unwrap()
    }

    fn check(start: DateTime<Utc>, kwh: f64) -> Result<ValidReading, RejectReason> {
        validate(
            7,
            FIFTEEN,
            start,
            kwh,
            Quality::Actual,
            at(12, 0),
            &ReadingLimits::default(),
        )
    }

    #[test]
    fn validation_rules() {
        assert_eq!(check(at(10, 15), 0.4567).unwrap().wh, 457);
        assert!(matches!(
            check(at(10, 10), 0.1),
            Err(RejectReason::Misaligned { .. })
        ));
        assert!(matches!(
            check(at(11, 50), 0.1),
            Err(RejectReason::Misaligned { .. })
        ));
        assert!(check(at(11, 45), 0.1).is_ok());
        assert!(matches!(
            check(at(12, 0), 0.1),
            Err(RejectReason::Future(_))
        ));
        assert!(matches!(
            check(at(10, 0), f64::NAN),
            Err(RejectReason::NotFinite)
        ));
        assert!(matches!(
            check(at(10, 0), -0.001),
            Err(RejectReason::Negative(_))
        ));
        assert!(matches!(
            check(at(10, 0), 25.001),
            Err(RejectReason::AboveMaximum { .. })
        ));
        let thirty = validate(
            7,
            IntervalLength::ThirtyMinutes,
            at(10, 30),
            40.0,
            Quality::Actual,
            at(12, 0),
            &ReadingLimits::default(),
        );
        assert!(thirty.is_ok(), "30-minute intervals allow twice the energy");
    }

    #[test]
    fn readings_older_than_the_window_are_refused() {
        let now = at(12, 0);
        let aged = |oldest, start| {
            let limits = ReadingLimits {
                oldest,
                ..ReadingLimits::default()
            };
            validate(7, FIFTEEN, start, 0.1, Quality::Actual, now, &limits)
        };
        let three_years = now - Duration::days(1095);
        assert!(aged(OldestReading::default(), three_years).is_ok());
        assert_eq!(
            aged(
                OldestReading::default(),
                three_years - Duration::minutes(15)
            ),
            Err(RejectReason::TooOld {
                start: three_years - Duration::minutes(15),
                oldest: three_years,
            })
        );
        let start = Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap();
        assert!(aged(OldestReading::Since(start), start).is_ok());
        assert!(matches!(
            aged(OldestReading::Since(start), start - Duration::minutes(15)),
            Err(RejectReason::TooOld { .. })
        ));
        assert!(matches!(
            aged(
                OldestReading::default(),
                Utc.with_ymd_and_hms(1970, 1, 1, 0, 0, 0).unwrap()
            ),
            Err(RejectReason::TooOld { .. })
        ));
    }

    #[test]
    fn quality_names() {
        assert_eq!(Quality::parse("").unwrap(), Quality::Actual);
        assert_eq!(Quality::parse("Estimated").unwrap(), Quality::Estimated);
        assert!(Quality::parse("guess").is_err());
    }

    #[test]
    fn day_numbers_and_slots() {
        let start = at(17, 45);
        let day = day_number(start);
        assert_eq!(day_date(day), NaiveDate::from_ymd_opt(2026, 7, 1).unwrap());
        assert_eq!(day_start(day) + Duration::minutes(17 * 60 + 45), start);
        assert_eq!(slot_of(start, FIFTEEN), 71);
        assert_eq!(slots_per_day(FIFTEEN), 96);
        assert_eq!(
            day_number(Utc.with_ymd_and_hms(1969, 12, 31, 23, 0, 0).unwrap()),
            -1
        );
    }

    proptest! {
        #[test]
        fn the_age_window_splits_at_the_oldest_start(quarters in 0i64..200_000) {
            let now = at(12, 0);
            let start = now - Duration::minutes(15 * (quarters + 1));
            let result = validate(7, FIFTEEN, start, 0.1, Quality::Actual, now, &ReadingLimits::default());
            let oldest = now - Duration::days(1095);
            if start < oldest {
                prop_assert_eq!(result, Err(RejectReason::TooOld { start, oldest }));
            } else {
                prop_assert!(result.is_ok());
            }
        }
    }
}
