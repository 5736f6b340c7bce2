//! The programme as a whole: every meter's readings summed into local-time buckets, for the
//! control room's consumption chart. The store sums the stored days per interval start (so only
//! one number per quarter hour travels); this turns those sums into DST-correct buckets and says
//! how many readings each bucket should have had, so a chart can tell a dip from missing data.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::consumption::{Bucket, Resolution, boundaries};

/// The readings of many meters for one interval start, summed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlotTotal {
    /// Interval start (a 15- or 30-minute boundary).
    pub start: DateTime<Utc>,
    /// Watt-hours of the readings that arrived.
    pub wh: u64,
    /// Readings that arrived.
    pub readings: u64,
    /// Whether any of them is an estimate.
    pub estimated: bool,
}

/// How many meters read at one interval length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MeterCount {
    /// Minutes per reading (15 or 30).
    pub interval_minutes: u32,
    /// Meters with that interval.
    pub meters: u64,
}

/// Sums slot totals into the buckets covering `[from, to)`; `meters` says how many readings each
/// bucket should have (every known meter, each at its own interval).
pub fn aggregate_totals(
    tz: Tz,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    resolution: Resolution,
    meters: &[MeterCount],
    slots: impl IntoIterator<Item = SlotTotal>,
) -> Vec<Bucket> {
    let bounds = boundaries(tz, from, to, resolution);
    let mut wh = vec![0u64; bounds.len()];
    let mut readings = vec![0u64; bounds.len()];
    let mut estimated = vec![false; bounds.len()];
    for slot in slots {
        let index = bounds.partition_point(|(start, _)| *start <= slot.start);
        let Some(i) = index.checked_sub(1) else {
            continue;
        };
        if slot.start >= bounds[i].1 || slot.start < from || slot.start >= to {
            continue;
        }
        wh[i] += slot.wh;
        readings[i] += slot.readings;
        estimated[i] |= slot.estimated;
    }
    bounds
        .iter()
        .enumerate()
        .map(|(i, (start, end))| {
            let minutes = u64::try_from((*end - *start).num_minutes()).unwrap_or(0);
            let expected: u64 = meters
                .iter()
                .map(|m| m.meters * (minutes / u64::from(m.interval_minutes.max(1))))
                .sum();
            Bucket {
                start: *start,
                end: *end,
                // Whole watt-hours: exact in an f64 far beyond any programme's size.
                kwh: wh[i] as f64 / 1000.0,
                readings: u32::try_from(readings[i]).unwrap_or(u32::MAX),
                expected: u32::try_from(expected).unwrap_or(u32::MAX),
                estimated: estimated[i],
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, NaiveDate, TimeZone};

    use super::*;
    use crate::consumption::local_midnight;

    const NICOSIA: Tz = chrono_tz::Europe::Nicosia;

    fn slot(start: DateTime<Utc>, wh: u64, readings: u64) -> SlotTotal {
        SlotTotal {
            start,
            wh,
            readings,
            estimated: false,
        }
    }

    #[test]
    fn local_days_collect_their_slots_and_expect_every_meter() {
        // 29 March 2026: summer time begins in Nicosia, the day has 23 hours.
        let day = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap();
        let from = local_midnight(NICOSIA, day);
        let to = local_midnight(NICOSIA, day.succ_opt().unwrap());
        let meters = [
            MeterCount {
                interval_minutes: 15,
                meters: 10,
            },
            MeterCount {
                interval_minutes: 30,
                meters: 2,
            },
        ];
        let mut slots = vec![
            slot(from, 2_500, 12),
            slot(to - Duration::minutes(15), 500, 10),
            // The evening before and the next morning belong to other days.
            slot(from - Duration::minutes(15), 9_999, 1),
            slot(to, 9_999, 1),
        ];
        slots[1].estimated = true;
        let buckets = aggregate_totals(NICOSIA, from, to, Resolution::Day, &meters, slots);
        assert_eq!(buckets.len(), 1);
        let bucket = &buckets[0];
        assert_eq!((bucket.end - bucket.start).num_hours(), 23);
        assert_eq!((bucket.kwh, bucket.readings), (3.0, 22));
        assert_eq!(bucket.expected, 10 * 23 * 4 + 2 * 23 * 2);
        assert!(bucket.estimated);
    }

    #[test]
    fn hours_without_readings_are_empty_buckets() {
        let from = Utc.with_ymd_and_hms(2026, 7, 1, 10, 0, 0).unwrap();
        let to = from + Duration::hours(3);
        let meters = [MeterCount {
            interval_minutes: 15,
            meters: 3,
        }];
        let slots = [
            slot(from, 100, 3),
            slot(from + Duration::minutes(45), 200, 3),
        ];
        let buckets = aggregate_totals(NICOSIA, from, to, Resolution::Hour, &meters, slots);
        assert_eq!(
            buckets
                .iter()
                .map(|b| (b.kwh, b.readings, b.expected))
                .collect::<Vec<_>>(),
            vec![(0.3, 6, 12), (0.0, 0, 12), (0.0, 0, 12)]
        );
    }
}
