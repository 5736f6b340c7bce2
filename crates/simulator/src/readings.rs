//! Readings one at a time, in time order, across day boundaries: the shape of a live feed.

use chrono::{DateTime, NaiveDate, Utc};

use crate::{DayProfile, Household, Simulator};

/// One interval reading of one simulated meter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reading {
    /// Household index; its meter id is [`Simulator::meter_id`] of it.
    pub household: u64,
    /// UTC start of the interval, aligned to the interval length.
    pub interval_start: DateTime<Utc>,
    /// Energy imported in the interval (kWh, whole Wh, ≥ 0).
    pub kwh: f64,
}

/// Iterator returned by [`Simulator::readings`]; generates one local day at a time, so memory
/// stays constant however long the range.
#[derive(Debug, Clone)]
pub struct Readings<'a> {
    simulator: &'a Simulator,
    household: Household,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    next_date: Option<NaiveDate>,
    last_date: NaiveDate,
    day: Option<DayProfile>,
    position: usize,
}

impl<'a> Readings<'a> {
    pub(crate) fn new(
        simulator: &'a Simulator,
        household: Household,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Self {
        let tz = simulator.config().time_zone;
        let first_date = from.with_timezone(&tz).date_naive();
        let last_date = to.with_timezone(&tz).date_naive();
        Self {
            simulator,
            household,
            from,
            to,
            next_date: (from < to).then_some(first_date),
            last_date,
            day: None,
            position: 0,
        }
    }
}

impl Iterator for Readings<'_> {
    type Item = Reading;

    fn next(&mut self) -> Option<Reading> {
        loop {
            if let Some(day) = &self.day
                && let (Some(start), Some(&kwh)) = (
                    day.interval_start(self.position),
                    day.kwh().get(self.position),
                )
            {
                self.position += 1;
                if start < self.from {
                    continue;
                }
                if start >= self.to {
                    self.next_date = None;
                    self.day = None;
                    return None;
                }
                return Some(Reading {
                    household: self.household.index,
                    interval_start: start,
                    kwh,
                });
            }
            let date = self.next_date.filter(|d| *d <= self.last_date)?;
            self.day = Some(self.simulator.day(&self.household, date));
            self.position = 0;
            self.next_date = date.succ_opt();
        }
    }
}
