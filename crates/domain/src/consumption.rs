//! Consumption in buckets of the household's local time: quarter hours to days, DST-correct
//! (a local day is 23, 24 or 25 hours long).

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

use crate::ValidationError;
use crate::link_period::LinkPeriods;
use crate::reading::Quality;

/// Bucket size of a consumption series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// 15 minutes.
    QuarterHour,
    /// 30 minutes (a settlement period).
    HalfHour,
    /// One hour.
    Hour,
    /// One local calendar day.
    Day,
}

impl Resolution {
    /// Accepts `15m`, `30m`, `1h`, `1d`.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        match raw {
            "15m" => Ok(Self::QuarterHour),
            "30m" => Ok(Self::HalfHour),
            "1h" => Ok(Self::Hour),
            "1d" => Ok(Self::Day),
            _ => Err(ValidationError::new(
                "resolution must be one of 15m, 30m, 1h, 1d",
            )),
        }
    }

    fn fixed_minutes(self) -> Option<i64> {
        match self {
            Self::QuarterHour => Some(15),
            Self::HalfHour => Some(30),
            Self::Hour => Some(60),
            Self::Day => None,
        }
    }

    /// Longest range served at this resolution, so one request returns at most ~3,000 buckets.
    pub const fn max_days(self) -> i64 {
        match self {
            Self::QuarterHour => 31,
            Self::HalfHour => 62,
            Self::Hour => 124,
            Self::Day => 732,
        }
    }
}

/// One bucket of a series.
#[derive(Debug, Clone, PartialEq)]
pub struct Bucket {
    /// Start (inclusive).
    pub start: DateTime<Utc>,
    /// End (exclusive).
    pub end: DateTime<Utc>,
    /// Energy in kWh from the readings that arrived.
    pub kwh: f64,
    /// Readings that arrived.
    pub readings: u32,
    /// Readings expected for the household's meters.
    pub expected: u32,
    /// Whether any reading in it is an estimate.
    pub estimated: bool,
}

/// A reading as the aggregation needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IntervalReading {
    /// Interval start.
    pub start: DateTime<Utc>,
    /// Watt-hours.
    pub wh: u32,
    /// Measured or estimated.
    pub quality: Quality,
}

/// Local midnight at the start of `date`; when midnight does not exist (a DST jump at 00:00), the
/// first instant of the day.
pub fn local_midnight(tz: Tz, date: NaiveDate) -> DateTime<Utc> {
    let naive = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    match tz.from_local_datetime(&naive) {
        chrono::LocalResult::Single(t) | chrono::LocalResult::Ambiguous(t, _) => {
            t.with_timezone(&Utc)
        }
        chrono::LocalResult::None => tz
            .from_local_datetime(&(naive + Duration::hours(1)))
            .earliest()
            .map_or_else(|| naive.and_utc(), |t| t.with_timezone(&Utc)),
    }
}

/// The bucket boundaries covering `[from, to)`.
pub fn boundaries(
    tz: Tz,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    resolution: Resolution,
) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let mut out = Vec::new();
    match resolution.fixed_minutes() {
        Some(minutes) => {
            let step = Duration::minutes(minutes);
            let aligned = DateTime::from_timestamp(
                from.timestamp() - from.timestamp().rem_euclid(minutes * 60),
                0,
            )
            .unwrap_or(from);
            let mut start = aligned;
            while start < to {
                out.push((start, start + step));
                start += step;
            }
        }
        None => {
            let mut date = from.with_timezone(&tz).date_naive();
            loop {
                let start = local_midnight(tz, date);
                let Some(next) = date.succ_opt() else { break };
                let end = local_midnight(tz, next);
                if start >= to {
                    break;
                }
                if end > from {
                    out.push((start, end));
                }
                date = next;
            }
        }
    }
    out
}

/// A meter as a bucket expects readings of it: its interval length and the periods in which its
/// readings count for the household (docs/RULES.md, "Whose readings").
#[derive(Debug, Clone, Copy)]
pub struct ExpectedMeter<'a> {
    /// Minutes per reading (15 or 30).
    pub interval_minutes: u32,
    /// When its readings are the household's.
    pub periods: &'a LinkPeriods,
}

/// Sums readings into buckets. `meters` says how many readings each bucket should have: those of
/// each meter that start in it and count for the household. The caller passes only the readings
/// that count (`LinkPeriods::counts`).
pub fn aggregate(
    tz: Tz,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    resolution: Resolution,
    meters: &[ExpectedMeter<'_>],
    readings: impl IntoIterator<Item = IntervalReading>,
) -> Vec<Bucket> {
    let bounds = boundaries(tz, from, to, resolution);
    let mut buckets: Vec<Bucket> = bounds
        .iter()
        .map(|(start, end)| {
            let expected = meters
                .iter()
                .map(|meter| {
                    meter
                        .periods
                        .expected_readings(*start, *end, meter.interval_minutes)
                })
                .sum();
            Bucket {
                start: *start,
                end: *end,
                kwh: 0.0,
                readings: 0,
                expected,
                estimated: false,
            }
        })
        .collect();
    for reading in readings {
        let index = bounds.partition_point(|(start, _)| *start <= reading.start);
        if index == 0 {
            continue;
        }
        let bucket = &mut buckets[index - 1];
        if reading.start >= bucket.end {
            continue;
        }
        bucket.kwh += f64::from(reading.wh) / 1000.0;
        bucket.readings += 1;
        bucket.estimated |= reading.quality == Quality::Estimated;
    }
    for bucket in &mut buckets {
        bucket.kwh = (bucket.kwh * 1000.0).round() / 1000.0;
    }
    buckets
}

#[cfg(test)]
mod tests {
    use super::*;

    const NICOSIA: Tz = chrono_tz::Europe::Nicosia;

    fn always(intervals: &[u32]) -> Vec<(u32, LinkPeriods)> {
        intervals
            .iter()
            .map(|&minutes| (minutes, LinkPeriods::always()))
            .collect()
    }

    fn expect(meters: &[(u32, LinkPeriods)]) -> Vec<ExpectedMeter<'_>> {
        meters
            .iter()
            .map(|(interval_minutes, periods)| ExpectedMeter {
                interval_minutes: *interval_minutes,
                periods,
            })
            .collect()
    }

    fn quarter_hours(from: DateTime<Utc>, to: DateTime<Utc>, wh: u32) -> Vec<IntervalReading> {
        let mut out = Vec::new();
        let mut t = from;
        while t < to {
            out.push(IntervalReading {
                start: t,
                wh,
                quality: Quality::Actual,
            });
            t += Duration::minutes(15);
        }
        out
    }

    #[test]
    fn dst_days_have_23_and_25_hours() {
        for (date, hours) in [
            ((2026, 3, 29), 23),
            ((2026, 10, 25), 25),
            ((2026, 7, 1), 24),
        ] {
            let day = NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap();
            let from = local_midnight(NICOSIA, day);
            let to = local_midnight(NICOSIA, day.succ_opt().unwrap());
            let buckets = aggregate(
                NICOSIA,
                from,
                to,
                Resolution::Day,
                &expect(&always(&[15])),
                quarter_hours(from, to, 100),
            );
            assert_eq!(buckets.len(), 1);
            assert_eq!((buckets[0].end - buckets[0].start).num_hours(), hours);
            assert_eq!(buckets[0].readings, hours as u32 * 4);
            assert_eq!(buckets[0].expected, hours as u32 * 4);
            assert!((buckets[0].kwh - f64::from(hours as u32 * 4) * 0.1).abs() < 1e-9);
        }
    }

    #[test]
    fn hourly_buckets_sum_quarter_hours_and_count_missing() {
        let from = Utc.with_ymd_and_hms(2026, 7, 1, 10, 0, 0).unwrap();
        let to = from + Duration::hours(3);
        let mut readings = quarter_hours(from, to, 250);
        readings.remove(5);
        readings[0].quality = Quality::Estimated;
        let buckets = aggregate(
            NICOSIA,
            from,
            to,
            Resolution::Hour,
            &expect(&always(&[15])),
            readings,
        );
        assert_eq!(buckets.len(), 3);
        assert_eq!(
            (buckets[0].kwh, buckets[0].readings, buckets[0].estimated),
            (1.0, 4, true)
        );
        assert_eq!(
            (buckets[1].kwh, buckets[1].readings, buckets[1].expected),
            (0.75, 3, 4)
        );
        assert!(!buckets[2].estimated);
    }

    #[test]
    fn two_meters_double_the_expected_readings() {
        let from = Utc.with_ymd_and_hms(2026, 7, 1, 10, 0, 0).unwrap();
        let buckets = aggregate(
            NICOSIA,
            from,
            from + Duration::hours(1),
            Resolution::HalfHour,
            &expect(&always(&[15, 30])),
            [],
        );
        assert_eq!(
            buckets.iter().map(|b| b.expected).collect::<Vec<_>>(),
            vec![3, 3]
        );
    }

    #[test]
    fn a_household_that_moved_out_expects_readings_only_until_it_left() {
        let from = Utc.with_ymd_and_hms(2026, 7, 1, 10, 0, 0).unwrap();
        let moved = from + Duration::minutes(30);
        let left = LinkPeriods::new(crate::link_period::LinkPeriod::new(None, Some(moved)));
        let meters = [(15, left)];
        let buckets = aggregate(
            NICOSIA,
            from,
            from + Duration::hours(2),
            Resolution::Hour,
            &expect(&meters),
            [],
        );
        assert_eq!(
            buckets.iter().map(|b| b.expected).collect::<Vec<_>>(),
            vec![2, 0]
        );
    }

    #[test]
    fn resolutions() {
        assert_eq!(Resolution::parse("1d").unwrap(), Resolution::Day);
        assert!(Resolution::parse("5m").is_err());
    }
}
