//! A household's readings as its own screens read them (docs/RULES.md, "Whose readings"): the
//! meters it held with the periods their readings are its, the stored days of those meters, and
//! the readings that count for it summed into local-time buckets.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use domain::consumption::{Bucket, ExpectedMeter, Resolution, aggregate};
use domain::link_period::LinkPeriods;
use domain::reading::day_number;
use store::{DayRow, HistoryRequest, HouseholdMeter};

use crate::AppState;
use crate::error::ApiError;

/// A household as its consumption is read: its time zone and meters.
pub(crate) struct Household {
    pub(crate) tz: Tz,
    /// Every meter it held, each with the periods its readings are the household's
    /// (docs/RULES.md, "Whose readings").
    pub(crate) meters: Vec<HouseholdMeter>,
    /// The utility's ids of the meters it holds now.
    pub(crate) meter_ids: Vec<String>,
    /// The interval lengths (minutes) of the meters it holds now.
    pub(crate) held_intervals: Vec<u32>,
}

/// Which readings a bucket expects of a household.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expected {
    /// Those of each meter it held, within the periods they were its: what its consumption
    /// shows (nothing is missing after it moved out, or before it moved in).
    WithinLinks,
    /// Those of the meters it holds now, all day: what the eligibility rule counts, so days
    /// before a move-in count as empty (docs/RULES.md, "Baselines").
    HeldNow,
}

pub(crate) async fn household(
    state: &AppState,
    user_id: uuid::Uuid,
) -> Result<Household, ApiError> {
    let record = state.store.household(user_id).await?;
    Ok(Household {
        tz: record.time_zone.tz(),
        meters: state.store.household_meters_of(&[user_id]).await?,
        held_intervals: record
            .meters
            .iter()
            .map(|m| u32::from(m.interval_minutes.unsigned_abs()))
            .collect(),
        meter_ids: record.meters.into_iter().map(|m| m.meter_id).collect(),
    })
}

/// The stored day rows of the household's meters covering `[from, to)`.
pub(crate) async fn day_rows(
    state: &AppState,
    household: &Household,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<DayRow>, ApiError> {
    let meters: Vec<i64> = household
        .meters
        .iter()
        .filter(|m| m.periods.overlaps(from, to))
        .map(|m| m.meter)
        .collect();
    if meters.is_empty() {
        return Ok(Vec::new());
    }
    Ok(state
        .store
        .reading_history(&HistoryRequest {
            meters,
            first_day: day_number(from),
            last_day: day_number(to - Duration::seconds(1)),
            from_minute: 0,
            to_minute: 1440,
        })
        .await?)
}

/// `rows`' readings within `[from, to)` that are the household's (`LinkPeriods::counts`), in
/// local-time buckets of `resolution`, each expecting the readings `expected` says.
pub(crate) fn buckets_of(
    household: &Household,
    rows: &[DayRow],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    resolution: Resolution,
    expected: Expected,
) -> Vec<Bucket> {
    let periods: HashMap<i64, &LinkPeriods> = household
        .meters
        .iter()
        .map(|m| (m.meter, &m.periods))
        .collect();
    let readings = rows
        .iter()
        .flat_map(|row| {
            let periods = periods.get(&row.meter).copied();
            row.intervals()
                .filter(move |r| periods.is_some_and(|p| p.counts(r.start, row.interval_minutes)))
        })
        .filter(|r| r.start >= from && r.start < to);
    let always = LinkPeriods::always();
    let meters: Vec<ExpectedMeter<'_>> = match expected {
        Expected::WithinLinks => household
            .meters
            .iter()
            .map(|m| ExpectedMeter {
                interval_minutes: u32::from(m.interval.minutes().unsigned_abs()),
                periods: &m.periods,
            })
            .collect(),
        Expected::HeldNow => household
            .held_intervals
            .iter()
            .map(|&interval_minutes| ExpectedMeter {
                interval_minutes,
                periods: &always,
            })
            .collect(),
    };
    aggregate(household.tz, from, to, resolution, &meters, readings)
}
