//! The simulator as a meter data system: what feeds the demo's meters, so that a laptop demo has
//! a programme whose meters report like real ones.
//!
//! Only meters created as simulated report (the demo's; docs/RULES.md § Meter data): a real
//! meter never gets made-up readings. A simulated meter id (`CY-SIM-0000042`) maps to its
//! household profile, any other id to a profile chosen by a stable hash of the id. Households
//! that joined a Saving Session cut their use by 10–40% (fixed per meter) while it runs. The watermark
//! is the end of the last interval delivered; a page covers at most `page` of time and only
//! intervals that have ended, so the feed keeps flowing live once the history is in.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, DurationRound, Utc};
use domain::meter::IntervalLength;
use domain::reading::Quality;
use domain::session::SessionWindow;
use simulator::Simulator;
use store::{SourceKind, Store};

use super::{MeterDataSource, Page, PullError};
use crate::{ParsedRow, RawReading, RowRef};

/// Readings generated on demand for every meter created as simulated.
#[derive(Debug, Clone)]
pub struct SimulatedSource {
    name: String,
    simulator: Arc<Simulator>,
    store: Store,
    history: Duration,
    page: Duration,
}

impl SimulatedSource {
    /// A source that starts `history` before now on its first pull and delivers at most `page`
    /// of time per page. The simulator must use 15-minute intervals; 30-minute meters get sums
    /// of two quarter-hours.
    pub fn new(
        name: impl Into<String>,
        simulator: Arc<Simulator>,
        store: Store,
        history: Duration,
        page: Duration,
    ) -> Self {
        Self {
            name: name.into(),
            simulator,
            store,
            history,
            page,
        }
    }

    /// The household profile behind a meter id.
    fn household_of(meter_id: &str) -> u64 {
        Simulator::household_index(meter_id).unwrap_or_else(|| {
            // FNV-1a: stable across runs and platforms, unlike the standard hasher.
            let hash = meter_id
                .bytes()
                .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
                    (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
                });
            hash % 9_000_000 + 1_000_000
        })
    }

    /// The simulated history of one meter over `[from, to)` (whole intervals that have ended),
    /// as rows to ingest: what the simulated meter data system answers when asked for a newly
    /// connected meter's history.
    pub fn meter_history(
        &self,
        meter_id: &str,
        interval: IntervalLength,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Vec<ParsedRow> {
        let half_hour = Duration::minutes(30);
        let to = to.duration_trunc(half_hour).unwrap_or(to);
        self.readings(meter_id, interval, from, to)
            .into_iter()
            .enumerate()
            .map(|(index, reading)| (RowRef::Index(index as u64), Ok(reading)))
            .collect()
    }

    fn readings(
        &self,
        meter_id: &str,
        interval: IntervalLength,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Vec<RawReading> {
        let quarter_hours = self
            .simulator
            .readings(Self::household_of(meter_id), from, to);
        let reading = |interval_start, kwh| RawReading {
            meter_id: meter_id.to_owned(),
            interval_start,
            kwh,
            quality: Quality::Actual,
        };
        match interval {
            IntervalLength::FifteenMinutes => quarter_hours
                .map(|r| reading(r.interval_start, r.kwh))
                .collect(),
            IntervalLength::ThirtyMinutes => {
                let mut halves: Vec<RawReading> = Vec::new();
                for quarter in quarter_hours {
                    let start = quarter
                        .interval_start
                        .duration_trunc(Duration::minutes(30))
                        .unwrap_or(quarter.interval_start);
                    match halves.last_mut() {
                        Some(last) if last.interval_start == start => {
                            last.kwh = ((last.kwh + quarter.kwh) * 1000.0).round() / 1000.0;
                        }
                        _ => halves.push(reading(start, quarter.kwh)),
                    }
                }
                halves
            }
        }
    }
}

/// A session's start and end.
type Window = (DateTime<Utc>, DateTime<Utc>);

impl SimulatedSource {
    /// The session windows overlapping `[from, to)` per meter of the households that joined
    /// them: simulated households respond to the sessions they join.
    async fn session_windows(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<HashMap<i64, Vec<Window>>, PullError> {
        let window = SessionWindow {
            starts_at: from,
            ends_at: to,
            join_deadline: from,
        };
        let mut windows: HashMap<i64, Vec<Window>> = HashMap::new();
        for session in self.store.overlapping_sessions(&window, None).await? {
            let households = self.store.session_participants(session.id).await?;
            let (starts, ends) = (session.plan.window.starts_at, session.plan.window.ends_at);
            // A meter responds only for the household whose readings the window's are.
            for held in self.store.household_meters_of(&households).await? {
                if !held.periods.overlaps(starts, ends) {
                    continue;
                }
                windows
                    .entry(held.meter)
                    .or_default()
                    .push((session.plan.window.starts_at, session.plan.window.ends_at));
            }
        }
        Ok(windows)
    }

    /// How much a household cuts its use during a session it joined: 10–40%, fixed per meter.
    fn response(meter: i64) -> f64 {
        let spread = meter.wrapping_mul(2_654_435_761).rem_euclid(1_000) as f64 / 1_000.0;
        0.1 + 0.3 * spread
    }
}

impl MeterDataSource for SimulatedSource {
    fn name(&self) -> &str {
        &self.name
    }

    fn kind(&self) -> SourceKind {
        SourceKind::Simulator
    }

    async fn fetch(&self, since: Option<DateTime<Utc>>) -> Result<Page, PullError> {
        let half_hour = Duration::minutes(30);
        let now = Utc::now();
        let ended = now.duration_trunc(half_hour).unwrap_or(now);
        let from = match since {
            Some(since) => since,
            None => (now - self.history)
                .duration_trunc(Duration::days(1))
                .unwrap_or(now),
        };
        let to = (from + self.page).min(ended);
        if to <= from {
            return Ok(Page::default());
        }
        let meters = self.store.simulated_meter_directory().await?;
        let responding = self.session_windows(from, to).await?;
        let mut rows: Vec<ParsedRow> = Vec::new();
        for (meter_id, meter) in &meters {
            let windows = responding
                .get(&meter.id)
                .map(Vec::as_slice)
                .unwrap_or_default();
            for mut reading in self.readings(meter_id, meter.interval, from, to) {
                if windows.iter().any(|(start, end)| {
                    reading.interval_start >= *start && reading.interval_start < *end
                }) {
                    reading.kwh =
                        (reading.kwh * (1.0 - Self::response(meter.id)) * 1000.0).round() / 1000.0;
                }
                rows.push((RowRef::Index(rows.len() as u64), Ok(reading)));
            }
        }
        Ok(Page {
            rows,
            watermark: Some(to),
            more: to < ended,
        })
    }
}
