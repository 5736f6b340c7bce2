//! Meter readings: validation at the edge, and the compact per-day layout they are stored in.
//!
//! A reading is energy (kWh) over one interval. Stored, a meter's readings for one UTC day are a
//! fixed array of slots (96 for 15-minute meters, 48 for 30-minute ones) holding whole watt-hours
//! or "missing", plus one bit per slot saying whether the value is an estimate. That layout keeps a
//! reading at about 4 bytes on disk, and merging a late or repeated reading is a slot update.

use chrono::{DateTime, Duration, NaiveDate, Timelike, Utc};

use crate::meter::IntervalLength;

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
}

/// Limits applied to every reading, from configuration.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReadingLimits {
    /// Largest believable energy per 15 minutes; 30-minute intervals allow twice as much.
    pub max_kwh_per_15_minutes: f64,
}

impl Default for ReadingLimits {
    /// 25 kWh per quarter hour is 100 kW, far above any household connection.
    fn default() -> Self {
        Self {
            max_kwh_per_15_minutes: 25.0,
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

/// Checks one reading for a known meter: aligned, already ended at `now`, and a finite,
/// non-negative energy below the physical maximum.
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

/// What merging one reading into a day did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeOutcome {
    /// The slot was empty.
    Inserted,
    /// The slot held something else: a different value, or an estimate now replaced by an actual.
    Updated,
    /// The same value again, or an estimate offered where an actual is already stored.
    Unchanged,
}

/// Marks an empty slot.
const MISSING: i32 = -1;

/// One meter's readings for one UTC day, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayReadings {
    values: Vec<i32>,
    estimated: Vec<u8>,
}

impl DayReadings {
    /// An empty day with `slots` slots.
    pub fn empty(slots: usize) -> Self {
        Self {
            values: vec![MISSING; slots],
            estimated: vec![0; slots.div_ceil(8)],
        }
    }

    /// Rebuilds a day from its stored bytes; `None` if they are inconsistent.
    pub fn decode(values: &[u8], estimated: &[u8]) -> Option<Self> {
        if !values.len().is_multiple_of(4) {
            return None;
        }
        let values: Vec<i32> = values
            .chunks_exact(4)
            .map(|chunk| i32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]))
            .collect();
        (estimated.len() == values.len().div_ceil(8)).then(|| Self {
            values,
            estimated: estimated.to_vec(),
        })
    }

    /// The values as stored: little-endian i32 per slot, -1 for missing.
    pub fn encode_values(&self) -> Vec<u8> {
        self.values.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    /// The estimate bitmap as stored.
    pub fn estimated_bits(&self) -> &[u8] {
        &self.estimated
    }

    /// Number of slots.
    pub fn slots(&self) -> usize {
        self.values.len()
    }

    /// Slots holding a value.
    pub fn count(&self) -> usize {
        self.values.iter().filter(|v| **v != MISSING).count()
    }

    /// The reading in a slot, if any.
    pub fn get(&self, slot: usize) -> Option<(u32, Quality)> {
        let value = *self.values.get(slot)?;
        (value != MISSING).then(|| (value.unsigned_abs(), self.quality(slot)))
    }

    fn quality(&self, slot: usize) -> Quality {
        if self.estimated[slot / 8] & (1 << (slot % 8)) != 0 {
            Quality::Estimated
        } else {
            Quality::Actual
        }
    }

    /// Merges one reading: an actual replaces anything; an estimate never replaces an actual; the
    /// same value and quality again changes nothing. Out-of-range slots are ignored as unchanged.
    pub fn merge(&mut self, slot: usize, wh: u32, quality: Quality) -> MergeOutcome {
        let Some(&current) = self.values.get(slot) else {
            return MergeOutcome::Unchanged;
        };
        let wh = i32::try_from(wh).unwrap_or(i32::MAX);
        let outcome = if current == MISSING {
            MergeOutcome::Inserted
        } else {
            match (self.quality(slot), quality) {
                (Quality::Actual, Quality::Estimated) => return MergeOutcome::Unchanged,
                (old, new) if old == new && current == wh => return MergeOutcome::Unchanged,
                _ => MergeOutcome::Updated,
            }
        };
        self.values[slot] = wh;
        let bit = 1 << (slot % 8);
        match quality {
            Quality::Estimated => self.estimated[slot / 8] |= bit,
            Quality::Actual => self.estimated[slot / 8] &= !bit,
        }
        outcome
    }
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

    #[test]
    fn merge_rules() {
        let mut day = DayReadings::empty(96);
        assert_eq!(
            day.merge(3, 500, Quality::Estimated),
            MergeOutcome::Inserted
        );
        assert_eq!(
            day.merge(3, 500, Quality::Estimated),
            MergeOutcome::Unchanged
        );
        assert_eq!(day.merge(3, 510, Quality::Estimated), MergeOutcome::Updated);
        assert_eq!(
            day.merge(3, 510, Quality::Actual),
            MergeOutcome::Updated,
            "actual replaces estimate"
        );
        assert_eq!(
            day.merge(3, 999, Quality::Estimated),
            MergeOutcome::Unchanged,
            "estimate never replaces actual"
        );
        assert_eq!(day.get(3), Some((510, Quality::Actual)));
        assert_eq!(
            day.merge(3, 520, Quality::Actual),
            MergeOutcome::Updated,
            "a corrected actual wins"
        );
        assert_eq!(day.merge(96, 1, Quality::Actual), MergeOutcome::Unchanged);
        assert_eq!(day.count(), 1);
        assert_eq!(day.get(4), None);
    }

    proptest! {
        #[test]
        fn encoding_round_trips(cells in proptest::collection::vec(proptest::option::of((0u32..100_000, any::<bool>())), 48)) {
            let mut day = DayReadings::empty(48);
            for (slot, cell) in cells.iter().enumerate() {
                if let Some((wh, estimated)) = cell {
                    day.merge(slot, *wh, if *estimated { Quality::Estimated } else { Quality::Actual });
                }
            }
            let decoded = DayReadings::decode(&day.encode_values(), day.estimated_bits()).unwrap();
            prop_assert_eq!(&decoded, &day);
            prop_assert_eq!(decoded.count(), cells.iter().filter(|c| c.is_some()).count());
        }

        #[test]
        fn replaying_readings_changes_nothing(values in proptest::collection::vec((0usize..96, 0u32..10_000, any::<bool>()), 1..200)) {
            let mut day = DayReadings::empty(96);
            for (slot, wh, estimated) in &values {
                day.merge(*slot, *wh, if *estimated { Quality::Estimated } else { Quality::Actual });
            }
            let snapshot = day.clone();
            // Replaying only the final state of every slot is a no-op.
            for slot in 0..96 {
                if let Some((wh, quality)) = snapshot.get(slot) {
                    prop_assert_eq!(day.merge(slot, wh, quality), MergeOutcome::Unchanged);
                }
            }
            prop_assert_eq!(day, snapshot);
        }
    }
}
