//! Loading many households' meter history into the domain's compact layout.

use std::collections::HashMap;
use std::ops::Range;

use chrono::{Duration, NaiveDate};
use domain::baseline::{History, HistoryLayout, SessionContext};
use domain::calendar::Calendar;
use domain::link_period::LinkPeriods;
use domain::reading::{day_number, day_start};
use store::{DayRow, HistoryRequest, HouseholdMeter, Store, StoreError};
use uuid::Uuid;

/// Clock slots `slots` of the local days `days_back` before the session's day up to and including
/// it, for each of `users` that has a meter (households without one are left out). Several meters
/// of one household add up, each only within the periods it was the household's (docs/RULES.md,
/// "Whose readings"): a household that moved in has no history before its move-in, and one that
/// moved out keeps its own. Only the part of each stored day that holds those slots is read, so
/// a 2-hour session moves a twelfth of whole days out of the database.
pub async fn load(
    store: &Store,
    calendar: &Calendar,
    users: &[Uuid],
    context: &SessionContext,
    days_back: i64,
    slots: Range<usize>,
) -> Result<Vec<(Uuid, History)>, StoreError> {
    let meters = store.household_meters_of(users).await?;
    load_meters(store, calendar, &meters, context, days_back, slots).await
}

/// [`load`] for households whose meters are already known (a session's participants, read
/// once for the whole session).
pub async fn load_meters(
    store: &Store,
    calendar: &Calendar,
    meters: &[HouseholdMeter],
    context: &SessionContext,
    days_back: i64,
    slots: Range<usize>,
) -> Result<Vec<(Uuid, History)>, StoreError> {
    let date = context.session().date();
    let first = date - Duration::days(days_back);
    let window = utc_window(calendar, first, date, &slots);
    let layout = HistoryLayout::new(calendar, first, date, slots);
    // A meter may have had two of these households (one moved out, the other in): each reads
    // it through its own periods.
    let mut owners: HashMap<i64, Vec<(usize, &LinkPeriods)>> = HashMap::with_capacity(meters.len());
    let mut households: Vec<Uuid> = Vec::new();
    let mut index: HashMap<Uuid, usize> = HashMap::new();
    for meter in meters {
        let slot = *index.entry(meter.household).or_insert_with(|| {
            households.push(meter.household);
            households.len() - 1
        });
        owners
            .entry(meter.meter)
            .or_default()
            .push((slot, &meter.periods));
    }
    let mut builders: Vec<_> = households.iter().map(|_| layout.builder()).collect();
    let mut ids: Vec<i64> = owners.keys().copied().collect();
    ids.sort_unstable();
    let request = HistoryRequest {
        meters: ids,
        first_day: window.first_day,
        last_day: window.last_day,
        from_minute: window.from_minute,
        to_minute: window.to_minute,
    };
    for row in store.reading_history(&request).await? {
        for &(slot, periods) in owners.get(&row.meter).into_iter().flatten() {
            let readings = readings_of(&row, periods);
            builders[slot].add_day_row(row.day, row.interval_minutes, row.first_slot, &readings);
        }
    }
    Ok(households
        .into_iter()
        .zip(builders.into_iter().map(|builder| builder.finish()))
        .collect())
}

/// The watt-hours of `row` that count for a household holding its meter for `periods`
/// (docs/RULES.md, "Whose readings"); the others are left out, as missing.
fn readings_of(row: &DayRow, periods: &LinkPeriods) -> Vec<Option<u32>> {
    let all = periods.is_always();
    let day_start = day_start(row.day);
    let step = i64::from(row.interval_minutes);
    row.readings
        .iter()
        .enumerate()
        .map(|(offset, reading)| {
            let (wh, _) = (*reading)?;
            let slot = i64::try_from(row.first_slot + offset).unwrap_or(i64::MAX / 2);
            let start = day_start + Duration::minutes(slot * step);
            (all || periods.counts(start, row.interval_minutes)).then_some(wh)
        })
        .collect()
}

/// The session day's readings in the session's own periods, by household: what live progress
/// and settlement compare with the stored baselines.
pub async fn session_day(
    store: &Store,
    calendar: &Calendar,
    meters: &[HouseholdMeter],
    context: &SessionContext,
) -> Result<HashMap<Uuid, History>, StoreError> {
    Ok(load_meters(
        store,
        calendar,
        meters,
        context,
        0,
        context.session().slots(),
    )
    .await?
    .into_iter()
    .collect())
}

/// A session's meters by household, read once, so that each chunk of households finds its
/// meters without a query.
pub struct MetersByHousehold(HashMap<Uuid, Vec<HouseholdMeter>>);

impl MetersByHousehold {
    /// Every meter of the session's participants: whom its baselines are for.
    pub async fn of_participants(store: &Store, session: Uuid) -> Result<Self, StoreError> {
        Ok(Self::new(store.participant_meters(session).await?))
    }

    /// Every meter of the households with a result in the session: whom settlement and live
    /// progress count.
    pub async fn of_results(store: &Store, session: Uuid) -> Result<Self, StoreError> {
        Ok(Self::new(store.result_meters(session).await?))
    }

    /// Meters already read.
    pub fn new(meters: Vec<HouseholdMeter>) -> Self {
        let mut by_household: HashMap<Uuid, Vec<HouseholdMeter>> = HashMap::new();
        for meter in meters {
            by_household.entry(meter.household).or_default().push(meter);
        }
        Self(by_household)
    }

    /// The meters of `users`.
    pub fn of(&self, users: impl IntoIterator<Item = Uuid>) -> Vec<HouseholdMeter> {
        users
            .into_iter()
            .filter_map(|user| self.0.get(&user))
            .flatten()
            .cloned()
            .collect()
    }
}

/// The stored UTC days, and the minutes of each, that hold clock slots `slots` of the local
/// dates `first..=last`.
struct UtcWindow {
    first_day: i32,
    last_day: i32,
    from_minute: u32,
    to_minute: u32,
}

/// The UTC days and minutes that hold clock slots `slots` on every local date `first..=last`:
/// only days with such a period are read (an evening in Nicosia never touches the UTC days
/// either side), and the UTC offset changes with daylight saving, so the minutes are the union
/// over the dates. A window that crosses UTC midnight becomes the whole day.
fn utc_window(
    calendar: &Calendar,
    first: NaiveDate,
    last: NaiveDate,
    slots: &Range<usize>,
) -> UtcWindow {
    let mut window: Option<UtcWindow> = None;
    for date in first.iter_days().take_while(|d| *d <= last) {
        let day = calendar.local_day(date);
        for period in 0..day.periods() {
            if day
                .clock_slot(period)
                .is_some_and(|slot| slots.contains(&slot))
            {
                let start = day.period_start(period);
                let utc_day = day_number(start);
                let minute = u32::try_from(start.timestamp().rem_euclid(86_400) / 60).unwrap_or(0);
                window = Some(match window {
                    None => UtcWindow {
                        first_day: utc_day,
                        last_day: utc_day,
                        from_minute: minute,
                        to_minute: minute + 30,
                    },
                    Some(w) => UtcWindow {
                        first_day: w.first_day.min(utc_day),
                        last_day: w.last_day.max(utc_day),
                        from_minute: w.from_minute.min(minute),
                        to_minute: w.to_minute.max(minute + 30),
                    },
                });
            }
        }
    }
    window.unwrap_or_else(|| UtcWindow {
        first_day: day_number(calendar.local_day(first).start()),
        last_day: day_number(calendar.local_day(last).start() + Duration::hours(25)),
        from_minute: 0,
        to_minute: 1440,
    })
}
