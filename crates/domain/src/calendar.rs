//! The programme's calendar: its time zone, local days laid out as 30-minute settlement periods
//! (23-, 24- or 25-hour days under daylight saving), and which days are public holidays.
//!
//! Every day-based rule (like days, night hours, weekly challenges) works on local dates, while
//! readings are stored in UTC. A local time of day is named by its *clock slot*: the wall-clock
//! half hour `0..48` (slot 34 is 17:00–17:30). On the spring-forward day two slots do not exist; on
//! the autumn day two slots happen twice. Baselines compare days slot by slot, so a session at
//! 17:00 is compared with 17:00 on other days whatever the UTC offset was then.

use chrono::{DateTime, Datelike, Days, NaiveDate, Offset, TimeDelta, TimeZone, Utc, Weekday};
use chrono_tz::Tz;

/// Minutes in a settlement period.
pub const PERIOD_MINUTES: u32 = 30;
/// Seconds in a settlement period.
pub const PERIOD_SECONDS: i64 = 1_800;
/// Wall-clock half hours in a day.
pub const CLOCK_SLOTS: usize = 48;

/// Orthodox Easter Sunday (as a Gregorian date) by Meeus' Julian algorithm. `None` outside
/// 1900–2099, where the Julian-to-Gregorian shift of 13 days used here does not hold.
///
/// Green Monday, Good Friday, Easter Monday and Kataklysmos are counted from it.
pub fn orthodox_easter(year: i32) -> Option<NaiveDate> {
    if !(1900..=2099).contains(&year) {
        return None;
    }
    let a = year % 4;
    let b = year % 7;
    let c = year % 19;
    let d = (19 * c + 15) % 30;
    let e = (2 * a + 4 * b - d + 34) % 7;
    let month = (d + e + 114) / 31;
    let day = (d + e + 114) % 31 + 1;
    let julian =
        NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)?;
    julian.checked_add_days(Days::new(13))
}

/// The public holidays of the Republic of Cyprus in `year`, sorted: the fixed national and
/// religious days plus the moveable feasts of the Orthodox Easter cycle (Green Monday, Good
/// Friday, Easter Monday, Easter Tuesday, Kataklysmos). Christmas Eve, a holiday of the public
/// service only, is left out. Empty outside 1900–2099 (see [`orthodox_easter`]).
///
/// Households live these days like Sundays, so like-day baselines must treat them as rest days.
pub fn cyprus_public_holidays(year: i32) -> Vec<NaiveDate> {
    let Some(easter) = orthodox_easter(year) else {
        return Vec::new();
    };
    let fixed = [
        (1, 1),   // New Year's Day
        (1, 6),   // Epiphany
        (3, 25),  // Greek Independence Day
        (4, 1),   // Cyprus National Day
        (5, 1),   // Labour Day
        (8, 15),  // Dormition of the Theotokos
        (10, 1),  // Cyprus Independence Day
        (10, 28), // Ochi Day
        (12, 25), // Christmas Day
        (12, 26), // Day after Christmas
    ];
    let mut days: Vec<NaiveDate> = fixed
        .iter()
        .filter_map(|&(month, day)| NaiveDate::from_ymd_opt(year, month, day))
        .collect();
    let before = [48, 2]; // Green Monday, Good Friday
    let after = [1, 2, 50]; // Easter Monday, Easter Tuesday, Kataklysmos (Pentecost Monday)
    days.extend(
        before
            .iter()
            .filter_map(|&n| easter.checked_sub_days(Days::new(n))),
    );
    days.extend(
        after
            .iter()
            .filter_map(|&n| easter.checked_add_days(Days::new(n))),
    );
    days.sort_unstable();
    days.dedup();
    days
}

/// The first instant of a local date: midnight, or the first valid local time after it in zones
/// that skip midnight. `None` only at the ends of chrono's date range.
pub fn local_day_start(tz: Tz, date: NaiveDate) -> Option<DateTime<Utc>> {
    let midnight = date.and_hms_opt(0, 0, 0)?;
    (0..=16).find_map(|quarter| {
        let local = midnight.checked_add_signed(TimeDelta::minutes(15 * quarter))?;
        tz.from_local_datetime(&local)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
    })
}

/// A window of `length` holding `now`, starting `lead` before its half hour where the local day
/// allows and moved to stay within `now`'s local day otherwise: a session is compared with the
/// same clock slots of earlier days, so it never spans local midnight. Used for sessions planned
/// relative to the present (demonstrations, short-notice checks).
pub fn window_within_local_day(
    tz: Tz,
    now: DateTime<Utc>,
    lead: TimeDelta,
    length: TimeDelta,
) -> (DateTime<Utc>, DateTime<Utc>) {
    let date = now.with_timezone(&tz).date_naive();
    let half_hour = now.timestamp().div_euclid(PERIOD_SECONDS) * PERIOD_SECONDS;
    let desired = DateTime::from_timestamp(half_hour, 0).unwrap_or(now) - lead;
    let day_start = local_day_start(tz, date).unwrap_or(desired);
    let day_end = date
        .succ_opt()
        .and_then(|next| local_day_start(tz, next))
        .unwrap_or(desired + length);
    let start = desired.min(day_end - length).max(day_start);
    (start, start + length)
}

/// The number (days since 1970-01-01) of the local date `at` falls on in `tz`: daily counters
/// kept per local day start at the programme's midnight, not at UTC's.
pub fn local_day_number(tz: Tz, at: DateTime<Utc>) -> i32 {
    let date = at.with_timezone(&tz).date_naive();
    crate::reading::day_number(date.and_time(chrono::NaiveTime::MIN).and_utc())
}

/// UTC offset (seconds) of `tz` at a Unix time.
pub fn offset_seconds(tz: Tz, ts: i64) -> i64 {
    DateTime::from_timestamp(ts, 0).map_or(0, |t| {
        i64::from(
            tz.offset_from_utc_datetime(&t.naive_utc())
                .fix()
                .local_minus_utc(),
        )
    })
}

/// Whether a local date is an ordinary working day or a rest day (Saturday, Sunday, holiday):
/// the two families of like days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayKind {
    /// Monday to Friday, not a holiday.
    Weekday,
    /// Saturday, Sunday or a public holiday.
    RestDay,
}

/// The programme's time zone and holidays: everything needed to turn UTC readings into local
/// days and to tell working days from rest days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    tz: Tz,
    holidays: Vec<NaiveDate>,
}

impl Calendar {
    /// A calendar with the given holidays (any order, duplicates allowed).
    pub fn new(tz: Tz, holidays: impl IntoIterator<Item = NaiveDate>) -> Self {
        let mut holidays: Vec<NaiveDate> = holidays.into_iter().collect();
        holidays.sort_unstable();
        holidays.dedup();
        Self { tz, holidays }
    }

    /// Europe/Nicosia with the Cyprus public holidays of `years` plus `extra` dates the programme
    /// configures (a bridge day, a regional feast).
    pub fn cyprus(
        years: std::ops::RangeInclusive<i32>,
        extra: impl IntoIterator<Item = NaiveDate>,
    ) -> Self {
        Self::new(
            chrono_tz::Europe::Nicosia,
            years.flat_map(cyprus_public_holidays).chain(extra),
        )
    }

    /// The programme's time zone.
    pub fn time_zone(&self) -> Tz {
        self.tz
    }

    /// The holidays, sorted.
    pub fn holidays(&self) -> &[NaiveDate] {
        &self.holidays
    }

    /// Whether `date` is a configured holiday.
    pub fn is_holiday(&self, date: NaiveDate) -> bool {
        self.holidays.binary_search(&date).is_ok()
    }

    /// Weekday or rest day; holidays count as rest days.
    pub fn kind(&self, date: NaiveDate) -> DayKind {
        if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) || self.is_holiday(date) {
            DayKind::RestDay
        } else {
            DayKind::Weekday
        }
    }

    /// A local date laid out as settlement periods.
    pub fn local_day(&self, date: NaiveDate) -> LocalDay {
        LocalDay::new(self.tz, date)
    }

    /// The local date and clock slot of the settlement period containing a Unix time.
    pub fn locate(&self, ts: i64) -> (NaiveDate, usize) {
        locate_with_offset(ts, offset_seconds(self.tz, ts))
    }
}

/// The local date and clock slot of Unix time `ts` at a known UTC offset.
pub fn locate_with_offset(ts: i64, offset: i64) -> (NaiveDate, usize) {
    let local = ts + offset;
    let day = local.div_euclid(86_400);
    let slot = (local.rem_euclid(86_400) / PERIOD_SECONDS) as usize;
    let date = i32::try_from(day)
        .ok()
        .and_then(|d| NaiveDate::from_num_days_from_ce_opt(d + 719_163))
        .unwrap_or(NaiveDate::MIN);
    (date, slot)
}

/// One local date as settlement periods: 48 on an ordinary day, 46 and 50 on the daylight-saving
/// days of Europe/Nicosia. Period `i` starts at `start() + 30 min × i` in UTC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalDay {
    date: NaiveDate,
    start_ts: i64,
    slots: Vec<u8>,
}

impl LocalDay {
    fn new(tz: Tz, date: NaiveDate) -> Self {
        let ceil = |ts: i64| {
            ts.div_euclid(PERIOD_SECONDS) * PERIOD_SECONDS
                + if ts.rem_euclid(PERIOD_SECONDS) == 0 {
                    0
                } else {
                    PERIOD_SECONDS
                }
        };
        let start = local_day_start(tz, date).map(|t| ceil(t.timestamp()));
        let end = date
            .succ_opt()
            .and_then(|next| local_day_start(tz, next))
            .map(|t| ceil(t.timestamp()));
        let (start_ts, count) = match (start, end) {
            (Some(s), Some(e)) if e > s => (s, (e - s) / PERIOD_SECONDS),
            (Some(s), _) => (s, 0),
            _ => (0, 0),
        };
        let slots = (0..count)
            .map(|i| {
                let ts = start_ts + i * PERIOD_SECONDS;
                // The middle of the period decides, for zones whose offset is not a whole half hour.
                let (_, slot) = locate_with_offset(ts, offset_seconds(tz, ts) + PERIOD_SECONDS / 2);
                slot.min(CLOCK_SLOTS - 1) as u8
            })
            .collect();
        Self {
            date,
            start_ts,
            slots,
        }
    }

    /// The local date.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// Number of settlement periods (46, 48 or 50 in Europe/Nicosia).
    pub fn periods(&self) -> usize {
        self.slots.len()
    }

    /// Length of the day in hours (23, 24 or 25 in Europe/Nicosia).
    pub fn hours(&self) -> f64 {
        self.slots.len() as f64 / 2.0
    }

    /// UTC start of the day's first period.
    pub fn start(&self) -> DateTime<Utc> {
        DateTime::from_timestamp(self.start_ts, 0).unwrap_or(DateTime::<Utc>::MIN_UTC)
    }

    /// UTC start of period `i` (may lie past the day for `i >= periods()`).
    pub fn period_start(&self, i: usize) -> DateTime<Utc> {
        DateTime::from_timestamp(self.start_ts + i as i64 * PERIOD_SECONDS, 0)
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
    }

    /// The wall-clock slot of period `i` (the repeated hour of the autumn day maps twice).
    pub fn clock_slot(&self, i: usize) -> Option<usize> {
        self.slots.get(i).map(|&s| usize::from(s))
    }

    /// How many real periods each clock slot has on this day: 1 normally, 0 for the skipped
    /// spring hour, 2 for the repeated autumn hour.
    pub fn slot_weights(&self) -> [u8; CLOCK_SLOTS] {
        let mut weights = [0u8; CLOCK_SLOTS];
        for &slot in &self.slots {
            weights[usize::from(slot)] += 1;
        }
        weights
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn windows_around_now_stay_within_the_local_day() {
        use chrono::TimeZone as _;
        let tz = chrono_tz::Europe::Nicosia;
        let at = |h, m| {
            tz.with_ymd_and_hms(2026, 12, 1, h, m, 0)
                .unwrap()
                .with_timezone(&Utc)
        };
        let two_hours = TimeDelta::hours(2);
        let half = TimeDelta::minutes(30);
        assert_eq!(
            super::window_within_local_day(tz, at(17, 10), half, two_hours),
            (at(16, 30), at(18, 30))
        );
        // Late in the evening it ends at midnight; just after midnight it starts there.
        assert_eq!(
            super::window_within_local_day(tz, at(23, 40), half, two_hours),
            (at(22, 0), at(22, 0) + two_hours)
        );
        assert_eq!(
            super::window_within_local_day(tz, at(0, 10), half, two_hours),
            (at(0, 0), at(2, 0))
        );
    }

    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn orthodox_easter_matches_known_dates() {
        for (year, month, day) in [
            (1990, 4, 15),
            (2000, 4, 30),
            (2008, 4, 27),
            (2010, 4, 4),
            (2017, 4, 16),
            (2021, 5, 2),
            (2023, 4, 16),
            (2024, 5, 5),
            (2025, 4, 20),
            (2026, 4, 12),
            (2027, 5, 2),
            (2030, 4, 28),
        ] {
            assert_eq!(
                orthodox_easter(year),
                Some(date(year, month, day)),
                "{year}"
            );
        }
        assert_eq!(orthodox_easter(1850), None);
    }

    #[test]
    fn cyprus_holidays_of_2025_and_2026() {
        let days = cyprus_public_holidays(2025);
        assert_eq!(days.len(), 15);
        for expected in [
            date(2025, 1, 1),
            date(2025, 3, 3),  // Green Monday
            date(2025, 4, 18), // Good Friday
            date(2025, 4, 21), // Easter Monday
            date(2025, 4, 22), // Easter Tuesday
            date(2025, 6, 9),  // Kataklysmos
            date(2025, 10, 1),
            date(2025, 12, 26),
        ] {
            assert!(days.contains(&expected), "{expected} missing");
        }
        assert!(days.is_sorted());
        let days = cyprus_public_holidays(2026);
        for expected in [date(2026, 2, 23), date(2026, 4, 10), date(2026, 6, 1)] {
            assert!(days.contains(&expected), "{expected} missing");
        }
        assert!(cyprus_public_holidays(2150).is_empty());
    }

    #[test]
    fn holidays_are_rest_days_and_extra_dates_count() {
        let bridge = date(2026, 7, 14);
        let calendar = Calendar::cyprus(2025..=2027, [bridge]);
        assert_eq!(calendar.kind(date(2026, 7, 15)), DayKind::Weekday);
        assert_eq!(calendar.kind(date(2026, 7, 18)), DayKind::RestDay);
        assert_eq!(calendar.kind(bridge), DayKind::RestDay);
        assert_eq!(calendar.kind(date(2026, 4, 10)), DayKind::RestDay);
        assert_eq!(calendar.kind(date(2026, 6, 1)), DayKind::RestDay);
    }

    #[test]
    fn nicosia_days_have_46_48_or_50_periods() {
        let calendar = Calendar::cyprus(2026..=2026, []);
        for (d, periods) in [
            (date(2026, 3, 29), 46),
            (date(2026, 10, 25), 50),
            (date(2026, 7, 1), 48),
        ] {
            let day = calendar.local_day(d);
            assert_eq!(day.periods(), periods);
            let next = calendar.local_day(d.succ_opt().unwrap());
            assert_eq!(day.period_start(day.periods()), next.start());
            assert_eq!(day.clock_slot(34).map(|_| ()), Some(()));
        }
        let spring = calendar.local_day(date(2026, 3, 29));
        let weights = spring.slot_weights();
        assert_eq!((weights[6], weights[7], weights[8]), (0, 0, 1));
        assert_eq!(spring.clock_slot(6), Some(8));
        let autumn = calendar.local_day(date(2026, 10, 25));
        let weights = autumn.slot_weights();
        assert_eq!((weights[5], weights[6], weights[7]), (1, 2, 2));
        assert_eq!(autumn.clock_slot(49), Some(47));
    }

    #[test]
    fn locating_instants() {
        let calendar = Calendar::cyprus(2026..=2026, []);
        let summer = Utc.with_ymd_and_hms(2026, 7, 1, 14, 10, 0).unwrap();
        assert_eq!(calendar.locate(summer.timestamp()), (date(2026, 7, 1), 34));
        let winter = Utc.with_ymd_and_hms(2026, 1, 5, 22, 0, 0).unwrap();
        assert_eq!(calendar.locate(winter.timestamp()), (date(2026, 1, 6), 0));
    }

    #[test]
    fn zones_with_odd_offsets_still_align() {
        let calendar = Calendar::new(chrono_tz::Asia::Kathmandu, []);
        let day = calendar.local_day(date(2025, 5, 1));
        assert_eq!(day.start().timestamp() % PERIOD_SECONDS, 0);
        assert_eq!(day.periods(), 48);
    }

    #[test]
    fn a_local_day_number_follows_local_midnight() {
        let nicosia = chrono_tz::Europe::Nicosia;
        // 21:30 UTC on 1 December is 23:30 in Nicosia; 22:30 UTC is already 2 December there.
        let evening = Utc.with_ymd_and_hms(2026, 12, 1, 21, 30, 0).unwrap();
        let after_midnight = Utc.with_ymd_and_hms(2026, 12, 1, 22, 30, 0).unwrap();
        assert_eq!(
            super::local_day_number(nicosia, evening),
            crate::reading::day_number(evening)
        );
        assert_eq!(
            super::local_day_number(nicosia, after_midnight),
            crate::reading::day_number(after_midnight) + 1
        );
        assert_eq!(
            super::local_day_number(chrono_tz::UTC, after_midnight),
            crate::reading::day_number(after_midnight)
        );
    }
}
