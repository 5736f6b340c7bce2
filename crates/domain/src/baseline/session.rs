//! A session in local time, and what every household's baseline for it shares.

use std::ops::{Deref, Range};

use chrono::{NaiveDate, NaiveTime, Timelike};

use super::history::{date_of, day_number};
use crate::ValidationError;
use crate::calendar::{CLOCK_SLOTS, Calendar, DayKind};

/// How far back any method may look, in days: a year of regression training plus slack.
pub const MAX_LOOKBACK_DAYS: usize = 400;

/// A Saving Session as the baseline sees it: a local date and a range of wall-clock half hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Session {
    date: NaiveDate,
    start: u8,
    end: u8,
}

impl Session {
    /// A session from local start and end times on 30-minute boundaries; an end of 00:00 means
    /// midnight at the end of the day.
    pub fn new(date: NaiveDate, start: NaiveTime, end: NaiveTime) -> Result<Self, ValidationError> {
        let slot = |t: NaiveTime| {
            (t.second() == 0 && t.nanosecond() == 0 && t.minute().is_multiple_of(30))
                .then(|| (t.hour() * 2 + t.minute() / 30) as usize)
        };
        let (Some(start), Some(end)) = (slot(start), slot(end)) else {
            return Err(ValidationError::new(
                "session times must be on settlement period boundaries (:00 or :30)",
            ));
        };
        Self::from_slots(date, start..if end == 0 { CLOCK_SLOTS } else { end })
    }

    /// A session over clock slots `slots` (slot 34 is 17:00–17:30).
    pub fn from_slots(date: NaiveDate, slots: Range<usize>) -> Result<Self, ValidationError> {
        if slots.start >= slots.end || slots.end > CLOCK_SLOTS {
            return Err(ValidationError::new(
                "a session must end after it starts, within one local day",
            ));
        }
        Ok(Self {
            date,
            start: slots.start as u8,
            end: slots.end as u8,
        })
    }

    /// Every clock slot of `date`: what a day-long backtest anchors on.
    pub fn whole_day(date: NaiveDate) -> Self {
        Self {
            date,
            start: 0,
            end: CLOCK_SLOTS as u8,
        }
    }

    /// The local date.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The clock slots.
    pub fn slots(&self) -> Range<usize> {
        usize::from(self.start)..usize::from(self.end)
    }

    /// Number of clock slots.
    pub fn len(&self) -> usize {
        usize::from(self.end - self.start)
    }

    /// Always false: a session has at least one slot.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The same time of day on another date: a pseudo-event for backtests.
    pub fn on(&self, date: NaiveDate) -> Self {
        Self { date, ..*self }
    }
}

/// The days a household must not be compared with: sessions it took part in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExcludedDays(Vec<i32>);

impl ExcludedDays {
    /// From dates in any order.
    pub fn new(dates: impl IntoIterator<Item = NaiveDate>) -> Self {
        let mut days: Vec<i32> = dates.into_iter().map(day_number).collect();
        days.sort_unstable();
        days.dedup();
        Self(days)
    }

    /// Whether a day number is excluded.
    #[inline]
    pub(crate) fn contains(&self, day: i32) -> bool {
        !self.0.is_empty() && self.0.binary_search(&day).is_ok()
    }
}

/// What every household's baseline for one session shares, computed once: the session, the
/// kind of each day looked back on, and how many real periods each slot has on the event day.
#[derive(Debug, Clone)]
pub struct SessionContext {
    session: Session,
    day: i32,
    kinds: Vec<DayKind>,
    weights: [u8; CLOCK_SLOTS],
}

impl SessionContext {
    /// The context of `session` in `calendar`.
    pub fn new(calendar: &Calendar, session: Session) -> Self {
        let kinds = session
            .date
            .iter_days()
            .rev()
            .take(MAX_LOOKBACK_DAYS + 1)
            .map(|d| calendar.kind(d))
            .collect();
        Self {
            session,
            day: day_number(session.date),
            kinds,
            weights: calendar.local_day(session.date).slot_weights(),
        }
    }

    /// The session.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// Day number of the event day.
    pub(crate) fn day(&self) -> i32 {
        self.day
    }

    /// Weekday or rest day: which family of like days applies.
    pub fn event_kind(&self) -> DayKind {
        self.kinds.first().copied().unwrap_or(DayKind::Weekday)
    }

    /// The same session `back` days earlier, for pseudo-events: the day kinds shift along, and
    /// the event-day weights are those of an ordinary day (estimates do not use them).
    pub(crate) fn shifted(&self, back: usize) -> Self {
        let day = self.day - back as i32;
        Self {
            session: self.session.on(date_of(day)),
            day,
            kinds: self.kinds.get(back..).unwrap_or(&[]).to_vec(),
            weights: [1; CLOCK_SLOTS],
        }
    }

    /// Kind of the day `back` days before the event (0 is the event day).
    #[inline]
    pub(crate) fn kind_back(&self, back: usize) -> Option<DayKind> {
        self.kinds.get(back).copied()
    }

    /// Real settlement periods per clock slot of the session on the event day (1, or 0 and 2 on
    /// daylight-saving days).
    pub fn weights(&self) -> &[u8] {
        &self.weights[self.session.slots()]
    }
}

/// Values per clock slot of a session, held inline (no allocation per household).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SlotValues {
    len: u8,
    values: [f64; CLOCK_SLOTS],
}

impl SlotValues {
    /// `len` zeros.
    pub fn zeros(len: usize) -> Self {
        Self {
            len: len.min(CLOCK_SLOTS) as u8,
            values: [0.0; CLOCK_SLOTS],
        }
    }

    /// From a slice (at most 48 values kept).
    pub fn from_slice(values: &[f64]) -> Self {
        let mut out = Self::zeros(values.len());
        let len = out.len();
        out.values[..len].copy_from_slice(&values[..len]);
        out
    }

    /// The values, mutable.
    pub fn as_mut_slice(&mut self) -> &mut [f64] {
        &mut self.values[..usize::from(self.len)]
    }
}

impl Deref for SlotValues {
    type Target = [f64];

    fn deref(&self) -> &[f64] {
        &self.values[..usize::from(self.len)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn sessions_are_whole_settlement_periods() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        let s = Session::new(date(2026, 7, 1), t(17, 0), t(19, 0)).unwrap();
        assert_eq!(s.slots(), 34..38);
        assert_eq!(
            Session::new(date(2026, 7, 1), t(22, 0), t(0, 0))
                .unwrap()
                .slots(),
            44..48
        );
        assert!(Session::new(date(2026, 7, 1), t(17, 15), t(19, 0)).is_err());
        assert!(Session::new(date(2026, 7, 1), t(19, 0), t(17, 0)).is_err());
    }

    #[test]
    fn context_knows_day_kinds_and_dst_weights() {
        let calendar = Calendar::cyprus(2026..=2026, []);
        let session = Session::from_slots(date(2026, 10, 25), 4..10).unwrap();
        let context = SessionContext::new(&calendar, session);
        assert_eq!(context.event_kind(), DayKind::RestDay);
        assert_eq!(context.weights(), &[1, 1, 2, 2, 1, 1]);
        assert_eq!(context.kind_back(1), Some(DayKind::RestDay));
        assert_eq!(context.kind_back(2), Some(DayKind::Weekday));
        assert!(ExcludedDays::new([date(2026, 1, 2)]).contains(day_number(date(2026, 1, 2))));
    }
}
