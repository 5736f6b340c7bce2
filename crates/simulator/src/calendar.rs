//! Local days in UTC: where a local date starts and ends, how many intervals it has, and which
//! wall-clock hour each interval falls on, with daylight-saving changes handled.

use chrono::{DateTime, Datelike, NaiveDate, Offset, TimeZone, Weekday};
use chrono_tz::Tz;
use domain::calendar::local_day_start;

use crate::IntervalLength;

/// A local date laid out as UTC intervals.
#[derive(Debug, Clone)]
pub(crate) struct DayFrame {
    pub(crate) date: NaiveDate,
    /// Unix time (s) of the first interval start: local midnight, rounded up to the interval.
    pub(crate) start_ts: i64,
    pub(crate) count: usize,
    pub(crate) interval: IntervalLength,
    /// Saturday, Sunday or a holiday: people are at home and sleep in.
    pub(crate) rest_day: bool,
    /// UTC offset (s) before and after the day's transition and the first interval index whose
    /// midpoint lies after it (`count` when the offset does not change during the day).
    offset_before: i64,
    offset_after: i64,
    first_after: usize,
}

/// `ts` rounded up to a multiple of `step`.
fn ceil_to(ts: i64, step: i64) -> i64 {
    ts.div_euclid(step) * step + if ts.rem_euclid(step) == 0 { 0 } else { step }
}

fn offset_at(tz: Tz, ts: i64) -> i64 {
    DateTime::from_timestamp(ts, 0)
        .map(|t| {
            i64::from(
                tz.offset_from_utc_datetime(&t.naive_utc())
                    .fix()
                    .local_minus_utc(),
            )
        })
        .unwrap_or(0)
}

impl DayFrame {
    /// Lays out a local date. Intervals are those whose UTC start lies in `[start, next start)`
    /// of the local day after rounding both up to the interval length, so consecutive days tile
    /// time exactly, even in zones whose offset is not a multiple of the interval.
    pub(crate) fn new(
        tz: Tz,
        date: NaiveDate,
        interval: IntervalLength,
        holidays: &[NaiveDate],
    ) -> Self {
        let step = interval.seconds();
        let start = local_day_start(tz, date).map(|t| ceil_to(t.timestamp(), step));
        let end = date
            .succ_opt()
            .and_then(|next| local_day_start(tz, next))
            .map(|t| ceil_to(t.timestamp(), step));
        let (start_ts, count) = match (start, end) {
            (Some(s), Some(e)) if e > s => (s, usize::try_from((e - s) / step).unwrap_or(0)),
            (Some(s), _) => (s, 0),
            _ => (0, 0),
        };
        let rest_day = matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
            || holidays.binary_search(&date).is_ok();
        let half = step / 2;
        let offset_before = offset_at(tz, start_ts + half);
        let last_mid = start_ts + (count.max(1) as i64 - 1) * step + half;
        let offset_after = offset_at(tz, last_mid);
        let first_after = if offset_before == offset_after {
            count
        } else {
            // A transition day (two a year): find the first interval on the new offset.
            (0..count)
                .find(|&i| offset_at(tz, start_ts + i as i64 * step + half) == offset_after)
                .unwrap_or(count)
        };
        Self {
            date,
            start_ts,
            count,
            interval,
            rest_day,
            offset_before,
            offset_after,
            first_after,
        }
    }

    /// Unix time (s) of the start of interval `i`.
    #[inline]
    pub(crate) fn start_of(&self, i: usize) -> i64 {
        self.start_ts + i as i64 * self.interval.seconds()
    }

    /// Local wall-clock hour, in `[0, 24)`, of the midpoint of interval `i`.
    #[inline]
    pub(crate) fn local_hour(&self, i: usize) -> f64 {
        let offset = if i < self.first_after {
            self.offset_before
        } else {
            self.offset_after
        };
        let mid = self.start_of(i) + self.interval.seconds() / 2 + offset;
        mid.rem_euclid(86_400) as f64 / 3_600.0
    }

    /// UTC hour of day of the midpoint of interval `i`, for the sun.
    #[inline]
    pub(crate) fn utc_hour(&self, i: usize) -> f64 {
        let mid = self.start_of(i) + self.interval.seconds() / 2;
        mid.rem_euclid(86_400) as f64 / 3_600.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(date: (i32, u32, u32), interval: IntervalLength) -> DayFrame {
        let date = NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap();
        DayFrame::new(chrono_tz::Europe::Nicosia, date, interval, &[])
    }

    #[test]
    fn nicosia_days_have_23_24_or_25_hours() {
        let q = IntervalLength::FifteenMinutes;
        assert_eq!(frame((2025, 3, 30), q).count, 92);
        assert_eq!(frame((2025, 3, 29), q).count, 96);
        assert_eq!(frame((2025, 10, 26), q).count, 100);
        assert_eq!(frame((2025, 10, 27), q).count, 96);
        assert_eq!(
            frame((2026, 3, 29), IntervalLength::ThirtyMinutes).count,
            46
        );
        assert_eq!(
            frame((2026, 10, 25), IntervalLength::ThirtyMinutes).count,
            50
        );
    }

    #[test]
    fn wall_clock_hours_skip_and_repeat_at_the_changes() {
        let q = IntervalLength::FifteenMinutes;
        // Spring: 03:00 local (EET) jumps to 04:00 (EEST).
        let spring = frame((2025, 3, 30), q);
        let hours: Vec<f64> = (0..spring.count).map(|i| spring.local_hour(i)).collect();
        assert!(hours.iter().all(|h| !(3.0..4.0).contains(h)));
        assert!(hours.windows(2).all(|w| w[1] > w[0]));
        // Autumn: 03:00–04:00 happens twice.
        let autumn = frame((2025, 10, 26), q);
        let repeated = (0..autumn.count)
            .filter(|&i| (3.0..4.0).contains(&autumn.local_hour(i)))
            .count();
        assert_eq!(repeated, 8);
        assert!((autumn.local_hour(autumn.count - 1) - 23.875).abs() < 1e-9);
    }

    #[test]
    fn consecutive_days_tile_time() {
        let mut date = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        for _ in 0..800 {
            for interval in [
                IntervalLength::FifteenMinutes,
                IntervalLength::ThirtyMinutes,
            ] {
                let today = DayFrame::new(chrono_tz::Europe::Nicosia, date, interval, &[]);
                let next = DayFrame::new(
                    chrono_tz::Europe::Nicosia,
                    date.succ_opt().unwrap(),
                    interval,
                    &[],
                );
                assert_eq!(today.start_of(today.count), next.start_ts);
                assert_eq!(today.start_ts % interval.seconds(), 0);
            }
            date = date.succ_opt().unwrap();
        }
    }

    #[test]
    fn offsets_that_are_not_whole_hours_still_align() {
        // Nepal is UTC+05:45: local midnight is not on a half hour in UTC.
        let date = NaiveDate::from_ymd_opt(2025, 5, 1).unwrap();
        let f = DayFrame::new(
            chrono_tz::Asia::Kathmandu,
            date,
            IntervalLength::ThirtyMinutes,
            &[],
        );
        assert_eq!(f.start_ts % 1_800, 0);
        assert_eq!(f.count, 48);
    }

    #[test]
    fn weekends_and_holidays_are_rest_days() {
        let q = IntervalLength::FifteenMinutes;
        assert!(!frame((2025, 6, 4), q).rest_day); // Wednesday
        assert!(frame((2025, 6, 7), q).rest_day); // Saturday
        let kataklysmos = NaiveDate::from_ymd_opt(2025, 6, 9).unwrap();
        assert!(DayFrame::new(chrono_tz::Europe::Nicosia, kataklysmos, q, &[kataklysmos]).rest_day);
    }
}
