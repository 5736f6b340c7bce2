//! A household's recent consumption laid out for baselines: per local day, per wall-clock half
//! hour of a window of the day, kWh as `f32` (NaN where data is missing or incomplete).
//!
//! The layout is flat (one `Vec` per household, no per-period allocation) and holds only the clock
//! slots a session needs, so 500,000 households of 46 days × a 2-hour window fit in ~400 MB and a
//! baseline is a few hundred additions. What depends only on the calendar (day lengths, skipped
//! and repeated hours) is computed once in a shared [`HistoryLayout`].

use std::ops::Range;

use chrono::{Datelike, NaiveDate};

use crate::calendar::{CLOCK_SLOTS, Calendar, PERIOD_SECONDS, locate_with_offset, offset_seconds};

/// Day number (days since 0001-01-01) of a date: cheap arithmetic on dates in hot loops.
pub(crate) fn day_number(date: NaiveDate) -> i32 {
    date.num_days_from_ce()
}

/// What is shared by every household of one computation: the time zone, the local dates covered,
/// the clock slots kept, and how many real periods each (day, slot) has.
#[derive(Debug, Clone)]
pub struct HistoryLayout {
    calendar: Calendar,
    first_day: i32,
    days: usize,
    slots: Range<usize>,
    /// Real periods per (day, slot of the window): 1, or 0/2 on daylight-saving days.
    weights: Vec<u8>,
    /// Expected minutes of data per day within the window.
    expected: Vec<u16>,
}

impl HistoryLayout {
    /// Local dates `first..=last` and clock slots `slots` (clamped to `0..48`).
    pub fn new(
        calendar: &Calendar,
        first: NaiveDate,
        last: NaiveDate,
        slots: Range<usize>,
    ) -> Self {
        let slots = slots.start.min(CLOCK_SLOTS)
            ..slots.end.clamp(slots.start.min(CLOCK_SLOTS), CLOCK_SLOTS);
        let days = usize::try_from((last - first).num_days() + 1).unwrap_or(0);
        let width = slots.len();
        let mut weights = Vec::with_capacity(days * width);
        let mut expected = Vec::with_capacity(days);
        for date in first.iter_days().take(days) {
            let day = calendar.local_day(date).slot_weights();
            let window = &day[slots.clone()];
            weights.extend_from_slice(window);
            let minutes: u32 = window.iter().map(|&w| u32::from(w) * 30).sum();
            expected.push(u16::try_from(minutes).unwrap_or(u16::MAX));
        }
        Self {
            calendar: calendar.clone(),
            first_day: day_number(first),
            days,
            slots,
            weights,
            expected,
        }
    }

    /// The calendar the layout was built with.
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// The clock slots kept.
    pub fn slots(&self) -> Range<usize> {
        self.slots.clone()
    }

    /// First local date covered.
    pub fn first_date(&self) -> NaiveDate {
        date_of(self.first_day)
    }

    /// Number of local dates covered.
    pub fn days(&self) -> usize {
        self.days
    }

    /// A builder for one household's history on this layout.
    pub fn builder(&self) -> HistoryBuilder<'_> {
        let cells = self.days * self.slots.len();
        HistoryBuilder {
            layout: self,
            sums: vec![0.0; cells],
            minutes: vec![0; cells],
            temperature: Vec::new(),
            temperature_counts: Vec::new(),
            offset_cache: (i64::MIN, 0),
        }
    }
}

/// The date of a day number.
pub(crate) fn date_of(day: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(day).unwrap_or(NaiveDate::MIN)
}

/// Collects one household's readings (any interval up to an hour, in any order) into a
/// [`History`]. A half hour counts only when every minute of it arrived.
#[derive(Debug)]
pub struct HistoryBuilder<'a> {
    layout: &'a HistoryLayout,
    sums: Vec<f64>,
    minutes: Vec<u16>,
    temperature: Vec<f32>,
    temperature_counts: Vec<u16>,
    offset_cache: (i64, i64),
}

impl HistoryBuilder<'_> {
    /// The cell (day × slot index) of the settlement period starting at a period-aligned Unix time.
    fn cell(&mut self, period_ts: i64) -> Option<usize> {
        let period = period_ts.div_euclid(PERIOD_SECONDS);
        if self.offset_cache.0 != period {
            self.offset_cache = (
                period,
                offset_seconds(self.layout.calendar.time_zone(), period_ts),
            );
        }
        let (date, slot) = locate_with_offset(period_ts, self.offset_cache.1);
        let day = usize::try_from(day_number(date) - self.layout.first_day).ok()?;
        if day >= self.layout.days || !self.layout.slots.contains(&slot) {
            return None;
        }
        Some(day * self.layout.slots.len() + slot - self.layout.slots.start)
    }

    /// Adds energy `kwh` measured over `minutes` (1–60) from Unix time `start`. Readings longer
    /// than a settlement period are spread evenly over the periods they cover; readings outside
    /// the layout are ignored.
    pub fn add(&mut self, start: i64, minutes: u32, kwh: f64) {
        let minutes = minutes.clamp(1, 60);
        let end = start + i64::from(minutes) * 60;
        let mut t = start;
        while t < end {
            let period_start = t.div_euclid(PERIOD_SECONDS) * PERIOD_SECONDS;
            let piece_end = (period_start + PERIOD_SECONDS).min(end);
            let share = (piece_end - t) as f64 / (end - start) as f64;
            if let Some(cell) = self.cell(period_start) {
                self.sums[cell] += kwh * share;
                self.minutes[cell] =
                    self.minutes[cell].saturating_add(((piece_end - t) / 60) as u16);
            }
            t = piece_end;
        }
    }

    /// Adds a stored UTC day row: watt-hours per slot of `interval_minutes` (15 or 30), the first
    /// entry being slot `first_slot` of UTC day number `utc_day` (days since 1970-01-01), `None`
    /// where nothing arrived. This is the shape `store` returns.
    pub fn add_day_row(
        &mut self,
        utc_day: i32,
        interval_minutes: u32,
        first_slot: usize,
        readings: &[Option<u32>],
    ) {
        let step = i64::from(interval_minutes.max(1)) * 60;
        let day_start = i64::from(utc_day) * 86_400;
        for (offset, reading) in readings.iter().enumerate() {
            if let Some(wh) = reading {
                let start = day_start + (first_slot + offset) as i64 * step;
                self.add(start, interval_minutes, f64::from(*wh) / 1000.0);
            }
        }
    }

    /// Adds an outdoor temperature (°C) observed over `minutes` from Unix time `start`; several
    /// observations in one half hour are averaged.
    pub fn add_temperature(&mut self, start: i64, minutes: u32, celsius: f64) {
        if self.temperature.is_empty() {
            self.temperature = vec![0.0; self.sums.len()];
            self.temperature_counts = vec![0; self.sums.len()];
        }
        let end = start + i64::from(minutes.clamp(1, 60)) * 60;
        let mut t = start.div_euclid(PERIOD_SECONDS) * PERIOD_SECONDS;
        while t < end {
            if let Some(cell) = self.cell(t) {
                self.temperature[cell] += celsius as f32;
                self.temperature_counts[cell] += 1;
            }
            t += PERIOD_SECONDS;
        }
    }

    /// The finished history.
    pub fn finish(self) -> History {
        let layout = self.layout;
        let width = layout.slots.len();
        let mut received = vec![0u16; layout.days];
        let kwh = self
            .sums
            .iter()
            .zip(&self.minutes)
            .zip(&layout.weights)
            .enumerate()
            .map(|(cell, ((&sum, &minutes), &weight))| {
                let expected = u16::from(weight) * 30;
                received[cell / width.max(1)] += minutes.min(expected);
                if weight > 0 && minutes >= expected {
                    (sum / f64::from(weight)) as f32
                } else {
                    f32::NAN
                }
            })
            .collect();
        let temperature = (!self.temperature.is_empty()).then(|| {
            self.temperature
                .iter()
                .zip(&self.temperature_counts)
                .map(|(&sum, &n)| if n == 0 { f32::NAN } else { sum / f32::from(n) })
                .collect()
        });
        History {
            first_day: layout.first_day,
            slots: layout.slots.clone(),
            kwh,
            received,
            expected: layout.expected.clone(),
            temperature,
        }
    }
}

/// One household's consumption per local day and clock slot, with how much data arrived per day.
#[derive(Debug, Clone, PartialEq)]
pub struct History {
    first_day: i32,
    slots: Range<usize>,
    kwh: Vec<f32>,
    received: Vec<u16>,
    expected: Vec<u16>,
    temperature: Option<Vec<f32>>,
}

impl History {
    /// Builds a history directly from values per day and slot (`NaN` = missing), with 30 minutes
    /// expected and received per present value: for tests and synthetic benchmarks.
    pub fn from_values(first: NaiveDate, slots: Range<usize>, kwh: Vec<f32>) -> Self {
        let width = slots.len().max(1);
        let days = kwh.len() / width;
        let received = kwh
            .chunks(width)
            .map(|day| day.iter().filter(|v| !v.is_nan()).count() as u16 * 30)
            .collect();
        Self {
            first_day: day_number(first),
            slots,
            kwh,
            received,
            expected: vec![u16::try_from(width * 30).unwrap_or(u16::MAX); days],
            temperature: None,
        }
    }

    /// The same history with a temperature (°C) per day and slot, in the layout of the values.
    pub fn with_temperature(mut self, celsius: Vec<f32>) -> Self {
        self.temperature = (celsius.len() == self.kwh.len()).then_some(celsius);
        self
    }

    /// Temperatures per day and slot, if any, in the layout of the values.
    pub fn temperature(&self) -> Option<&[f32]> {
        self.temperature.as_deref()
    }

    /// A borrowed view, the form every baseline method reads.
    pub fn view(&self) -> HistoryView<'_> {
        HistoryView {
            first_day: self.first_day,
            slots: self.slots.clone(),
            kwh: &self.kwh,
            received: &self.received,
            expected: &self.expected,
            temperature: self.temperature.as_deref(),
        }
    }
}

/// A borrowed [`History`].
#[derive(Debug, Clone)]
pub struct HistoryView<'a> {
    first_day: i32,
    slots: Range<usize>,
    kwh: &'a [f32],
    received: &'a [u16],
    expected: &'a [u16],
    temperature: Option<&'a [f32]>,
}

impl HistoryView<'_> {
    /// The clock slots held.
    pub fn slots(&self) -> Range<usize> {
        self.slots.clone()
    }

    /// Number of days held.
    pub fn days(&self) -> usize {
        self.received.len()
    }

    /// First local date held.
    pub fn first_date(&self) -> NaiveDate {
        date_of(self.first_day)
    }

    /// Index of a day number in the history.
    #[inline]
    pub(crate) fn index(&self, day: i32) -> Option<usize> {
        usize::try_from(day - self.first_day)
            .ok()
            .filter(|&i| i < self.received.len())
    }

    /// Day number of index `i`.
    #[inline]
    pub(crate) fn day_at(&self, i: usize) -> i32 {
        self.first_day + i as i32
    }

    /// The values of day index `i` over clock slots `slots` (which must lie in the window).
    #[inline]
    pub(crate) fn row(&self, i: usize, slots: &Range<usize>) -> &[f32] {
        let width = self.slots.len();
        let base = i * width;
        &self.kwh[base + slots.start - self.slots.start..base + slots.end - self.slots.start]
    }

    /// Temperatures of day index `i` over `slots`, when the history has them.
    #[inline]
    pub(crate) fn temperature_row(&self, i: usize, slots: &Range<usize>) -> Option<&[f32]> {
        let width = self.slots.len();
        let base = i * width;
        self.temperature
            .map(|t| &t[base + slots.start - self.slots.start..base + slots.end - self.slots.start])
    }

    /// Whether the history holds temperatures.
    pub fn has_temperature(&self) -> bool {
        self.temperature.is_some()
    }

    /// Whether `slots` lie within the window held.
    pub fn covers(&self, slots: &Range<usize>) -> bool {
        slots.start >= self.slots.start && slots.end <= self.slots.end && slots.start < slots.end
    }

    /// The kWh of a day and clock slot, `None` where missing or outside the history.
    pub fn value(&self, date: NaiveDate, slot: usize) -> Option<f64> {
        let i = self.index(day_number(date))?;
        if !self.slots.contains(&slot) {
            return None;
        }
        let v = self.kwh[i * self.slots.len() + slot - self.slots.start];
        (!v.is_nan()).then_some(f64::from(v))
    }

    /// Minutes received and expected on days `days` (day numbers, half-open); days outside the
    /// history count as expected in full and received not at all.
    pub(crate) fn coverage(&self, days: Range<i32>) -> (u64, u64) {
        let full = (self.slots.len() * 30) as u64;
        days.fold((0, 0), |(got, want), day| match self.index(day) {
            Some(i) => (
                got + u64::from(self.received[i]),
                want + u64::from(self.expected[i]),
            ),
            None => (got, want + full),
        })
    }
}
