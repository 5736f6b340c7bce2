//! Whose readings are whose (docs/RULES.md, "Connecting a meter", "Whose readings"): a meter
//! belongs to one household at a time, and its readings count for a household only within the
//! periods that household held it. After a move the household that left keeps its readings from
//! before, and the one that arrived sees only its own, from the day it moved in.
//!
//! A period runs from its move-in (`from`, inclusive) to the end of the link (`until`,
//! exclusive). Both are instants, not local days: the register's change and the end of a link
//! are stored as timestamps, so the day of a move is split at that instant and each side keeps
//! its part. A reading counts for a period when its whole interval lies inside it; the one
//! interval a mid-interval move cuts in two counts for neither household, so nobody ever sees a
//! minute of another's use.

use chrono::{DateTime, Utc};

/// One period a household held a meter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LinkPeriod {
    from: Option<DateTime<Utc>>,
    until: Option<DateTime<Utc>>,
}

impl LinkPeriod {
    /// A period that covers every reading: a meter held with no known move before it, still held.
    pub const ALWAYS: Self = Self {
        from: None,
        until: None,
    };

    /// The period from `from` (`None`: the meter's readings before the link are the household's
    /// own, no one else having held it since the register billed it to them) until `until`
    /// (`None`: still held). `None` when it holds no instant (`until` not after `from`), as for
    /// a link ended the moment it began.
    pub fn new(from: Option<DateTime<Utc>>, until: Option<DateTime<Utc>>) -> Option<Self> {
        match (from, until) {
            (Some(from), Some(until)) if until <= from => None,
            _ => Some(Self { from, until }),
        }
    }

    /// Where it begins, if anywhere.
    pub const fn from(&self) -> Option<DateTime<Utc>> {
        self.from
    }

    /// Where it ends, if it has ended.
    pub const fn until(&self) -> Option<DateTime<Utc>> {
        self.until
    }

    /// Whether `[start, end)` lies wholly inside.
    fn holds(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> bool {
        self.from.is_none_or(|from| start >= from) && self.until.is_none_or(|until| end <= until)
    }

    /// The part of `[start, end)` inside, if any.
    fn clip(
        &self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        let start = self.from.map_or(start, |from| start.max(from));
        let end = self.until.map_or(end, |until| end.min(until));
        (start < end).then_some((start, end))
    }
}

/// Where a new link's readings begin: the later of the end of the meter's previous link (whoever
/// held it) and the moment the customer register began billing the meter to its current
/// account. `None` when neither is known: nobody held the meter here before and the register
/// has billed it to the same account since it was first imported, so its history is the
/// household's own (what the history asked for at connection brings).
pub fn move_in(
    previous_link_end: Option<DateTime<Utc>>,
    account_since: Option<DateTime<Utc>>,
) -> Option<DateTime<Utc>> {
    previous_link_end.max(account_since)
}

/// Every period one household held one meter, sorted and merged: what its readings of that
/// meter are read through.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct LinkPeriods(Vec<LinkPeriod>);

impl LinkPeriods {
    /// Every reading counts: a meter held with no link history (enrolled in bulk, or linked
    /// before links were recorded).
    pub fn always() -> Self {
        Self(vec![LinkPeriod::ALWAYS])
    }

    /// The union of `periods`; periods that overlap or touch become one (a household that
    /// withdrew its consent and connected again, with no one in between, holds the meter
    /// throughout).
    pub fn new(periods: impl IntoIterator<Item = LinkPeriod>) -> Self {
        let mut sorted: Vec<LinkPeriod> = periods.into_iter().collect();
        // `None` sorts first, which is the earliest start.
        sorted.sort_by_key(|period| period.from);
        let mut merged: Vec<LinkPeriod> = Vec::with_capacity(sorted.len());
        for period in sorted {
            match merged.last_mut() {
                Some(last) if touches(last, &period) => {
                    last.until = match (last.until, period.until) {
                        (Some(a), Some(b)) => Some(a.max(b)),
                        _ => None,
                    };
                }
                _ => merged.push(period),
            }
        }
        Self(merged)
    }

    /// The periods, oldest first, disjoint.
    pub fn periods(&self) -> &[LinkPeriod] {
        &self.0
    }

    /// Whether every reading counts (nothing to filter).
    pub fn is_always(&self) -> bool {
        self.0 == [LinkPeriod::ALWAYS]
    }

    /// Whether the household holds the meter still.
    pub fn is_open(&self) -> bool {
        self.0.last().is_some_and(|period| period.until.is_none())
    }

    /// Whether the reading of the `minutes`-long interval from `start` counts for the household:
    /// the whole interval lies inside one period.
    pub fn counts(&self, start: DateTime<Utc>, minutes: u32) -> bool {
        let end = start + chrono::Duration::minutes(i64::from(minutes));
        self.0.iter().any(|period| period.holds(start, end))
    }

    /// The parts of `[start, end)` the periods cover, oldest first.
    pub fn covered(
        &self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
        self.0
            .iter()
            .filter_map(|period| period.clip(start, end))
            .collect()
    }

    /// Whether the periods cover any of `[start, end)`.
    pub fn overlaps(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> bool {
        self.0
            .iter()
            .any(|period| period.clip(start, end).is_some())
    }

    /// How many readings of a meter with `interval_minutes` intervals (aligned to the clock, as
    /// every stored reading is) that start in `[start, end)` count for the household: what a
    /// consumption bucket expects of it.
    pub fn expected_readings(
        &self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        interval_minutes: u32,
    ) -> u32 {
        let step = i64::from(interval_minutes.max(1)) * 60;
        let total: i64 = self
            .0
            .iter()
            .map(|period| {
                let low = period
                    .from
                    .map_or(start, |from| start.max(from))
                    .timestamp();
                // The last start whose interval still ends inside, plus one second.
                let high = period.until.map_or(end.timestamp(), |until| {
                    end.timestamp().min(until.timestamp() - step + 1)
                });
                if high <= low {
                    0
                } else {
                    ceil_div(high, step) - ceil_div(low, step)
                }
            })
            .sum();
        u32::try_from(total.max(0)).unwrap_or(u32::MAX)
    }
}

fn touches(earlier: &LinkPeriod, later: &LinkPeriod) -> bool {
    match (earlier.until, later.from) {
        (None, _) | (_, None) => true,
        (Some(until), Some(from)) => from <= until,
    }
}

fn ceil_div(value: i64, step: i64) -> i64 {
    value.div_euclid(step) + i64::from(value.rem_euclid(step) != 0)
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone};
    use proptest::prelude::*;

    use super::*;

    fn at(hour: u32, minute: u32, second: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 7, 1, hour, minute, second)
            .unwrap()
    }

    fn period(from: Option<DateTime<Utc>>, until: Option<DateTime<Utc>>) -> LinkPeriod {
        LinkPeriod::new(from, until).unwrap()
    }

    #[test]
    fn a_move_splits_the_day_at_its_instant_and_the_cut_interval_is_nobodys() {
        // The register billed the meter to the new account at 14:07:30.
        let moved = at(14, 7, 30);
        let leaving = LinkPeriods::new([period(None, Some(moved))]);
        let arriving = LinkPeriods::new([period(Some(moved), None)]);
        assert!(leaving.counts(at(13, 45, 0), 15));
        assert!(!leaving.counts(at(14, 0, 0), 15));
        assert!(!arriving.counts(at(14, 0, 0), 15));
        assert!(arriving.counts(at(14, 15, 0), 15));
        // A move on the quarter hour loses nothing.
        let on_the_hour = at(14, 0, 0);
        let leaving = LinkPeriods::new([period(None, Some(on_the_hour))]);
        let arriving = LinkPeriods::new([period(Some(on_the_hour), None)]);
        assert!(leaving.counts(at(13, 45, 0), 15) && !leaving.counts(at(14, 0, 0), 15));
        assert!(arriving.counts(at(14, 0, 0), 15));
        // The day of the move: 56 quarter hours before 14:00 for one, 40 after for the other.
        let (day, next) = (at(0, 0, 0), at(0, 0, 0) + Duration::days(1));
        assert_eq!(leaving.expected_readings(day, next, 15), 56);
        assert_eq!(arriving.expected_readings(day, next, 15), 40);
        assert_eq!(LinkPeriods::always().expected_readings(day, next, 30), 48);
    }

    #[test]
    fn periods_merge_when_they_touch_and_an_empty_one_is_none() {
        let w = at(9, 0, 0);
        let periods = LinkPeriods::new([period(Some(w), None), period(None, Some(w))]);
        assert!(periods.is_always() && periods.is_open());
        assert_eq!(LinkPeriod::new(Some(w), Some(w)), None);
        let gap = LinkPeriods::new([
            period(None, Some(at(8, 0, 0))),
            period(Some(at(10, 0, 0)), Some(at(11, 0, 0))),
        ]);
        assert_eq!(gap.periods().len(), 2);
        assert!(!gap.is_open());
        assert_eq!(
            gap.covered(at(7, 0, 0), at(12, 0, 0)),
            vec![(at(7, 0, 0), at(8, 0, 0)), (at(10, 0, 0), at(11, 0, 0))]
        );
        assert!(!gap.overlaps(at(8, 0, 0), at(10, 0, 0)));
        assert_eq!(
            move_in(Some(at(8, 0, 0)), Some(at(9, 0, 0))),
            Some(at(9, 0, 0))
        );
        assert_eq!(move_in(Some(at(8, 0, 0)), None), Some(at(8, 0, 0)));
        assert_eq!(move_in(None, None), None);
    }

    /// An instant on 1 July 2026 a number of seconds in.
    fn instant() -> impl Strategy<Value = DateTime<Utc>> {
        (0i64..2 * 86_400).prop_map(|s| at(0, 0, 0) + Duration::seconds(s))
    }

    /// A meter's link history: consecutive holders, each moving in when the one before left.
    fn history() -> impl Strategy<Value = Vec<LinkPeriod>> {
        proptest::collection::vec(instant(), 0..5).prop_map(|mut moves| {
            moves.sort();
            moves.dedup();
            let mut out = Vec::new();
            let mut from = None;
            for moved in moves {
                out.push(period(from, Some(moved)));
                from = Some(moved);
            }
            out.push(period(from, None));
            out
        })
    }

    proptest! {
        /// Of the households that held a meter one after another, a reading counts for at most
        /// one: nobody sees another's use.
        #[test]
        fn a_reading_counts_for_at_most_one_holder(links in history(), slot in 0i64..96, thirty in any::<bool>()) {
            let minutes = if thirty { 30 } else { 15 };
            let start = at(0, 0, 0) + Duration::minutes(slot * i64::from(minutes));
            let holders = links
                .iter()
                .filter(|link| LinkPeriods::new([**link]).counts(start, minutes))
                .count();
            prop_assert!(holders <= 1);
            // Readings away from any move count for exactly one.
            let end = start + Duration::minutes(i64::from(minutes));
            let cut = links.iter().any(|l| l.until().is_some_and(|u| u > start && u < end));
            if !cut {
                prop_assert_eq!(holders, 1);
            }
        }

        /// What a range expects is the count of the interval starts in it that count, and adds
        /// up over any split of the range.
        #[test]
        fn expected_readings_count_the_readings_that_count(
            links in proptest::collection::vec((proptest::option::of(instant()), proptest::option::of(instant())), 0..4),
            a in instant(), b in instant(), c in instant(), thirty in any::<bool>(),
        ) {
            let periods = LinkPeriods::new(links.into_iter().filter_map(|(f, u)| LinkPeriod::new(f, u)));
            let minutes = if thirty { 30u32 } else { 15 };
            let mut bounds = [a, b, c];
            bounds.sort();
            let [start, middle, end] = bounds;
            let step = Duration::minutes(i64::from(minutes));
            let mut brute = 0;
            let mut t = at(0, 0, 0);
            while t < end {
                if t >= start && periods.counts(t, minutes) {
                    brute += 1;
                }
                t += step;
            }
            prop_assert_eq!(periods.expected_readings(start, end, minutes), brute);
            prop_assert_eq!(
                periods.expected_readings(start, end, minutes),
                periods.expected_readings(start, middle, minutes) + periods.expected_readings(middle, end, minutes)
            );
            for (from, until) in periods.covered(start, end) {
                prop_assert!(start <= from && from < until && until <= end);
                prop_assert!(periods.periods().iter().any(|p| p.holds(from, until)));
            }
        }
    }
}
