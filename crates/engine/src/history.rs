//! Loading many households' meter history into the domain's compact layout.

use std::collections::HashMap;
use std::ops::Range;

use chrono::{Duration, NaiveDate};
use domain::baseline::{History, HistoryLayout, SessionContext};
use domain::calendar::Calendar;
use domain::reading::day_number;
use store::{HistoryRequest, Store, StoreError};
use uuid::Uuid;

/// Clock slots `slots` of the local days `days_back` before the session's day up to and including
/// it, for each of `users` that has a meter (households without one are left out). Several meters
/// of one household add up. Only the part of each stored day that holds those slots is read, so
/// a 2-hour session moves a twelfth of whole days out of the database.
pub async fn load(
    store: &Store,
    calendar: &Calendar,
    users: &[Uuid],
    context: &SessionContext,
    days_back: i64,
    slots: Range<usize>,
) -> Result<Vec<(Uuid, History)>, StoreError> {
    let date = context.session().date();
    let first = date - Duration::days(days_back);
    let (from_minute, to_minute) = utc_minutes(calendar, first, date, &slots);
    let layout = HistoryLayout::new(calendar, first, date, slots);
    let meters = store.household_meters_of(users).await?;
    let mut owner: HashMap<i64, usize> = HashMap::with_capacity(meters.len());
    let mut households: Vec<Uuid> = Vec::new();
    let mut index: HashMap<Uuid, usize> = HashMap::new();
    for (user, meter, _) in &meters {
        let slot = *index.entry(*user).or_insert_with(|| {
            households.push(*user);
            households.len() - 1
        });
        owner.insert(*meter, slot);
    }
    let mut builders: Vec<_> = households.iter().map(|_| layout.builder()).collect();
    let first_utc = day_number(calendar.local_day(first).start());
    let last_utc = day_number(calendar.local_day(date).start() + Duration::hours(25));
    let request = HistoryRequest {
        meters: meters.iter().map(|(_, meter, _)| *meter).collect(),
        first_day: first_utc,
        last_day: last_utc,
        from_minute,
        to_minute,
    };
    for row in store.reading_history(&request).await? {
        if let Some(&slot) = owner.get(&row.meter) {
            let readings: Vec<Option<u32>> =
                row.readings.iter().map(|r| r.map(|(wh, _)| wh)).collect();
            builders[slot].add_day_row(row.day, row.interval_minutes, row.first_slot, &readings);
        }
    }
    Ok(households
        .into_iter()
        .zip(builders.into_iter().map(|builder| builder.finish()))
        .collect())
}

/// The minutes of the UTC day that hold clock slots `slots` on every local date `first..=last`:
/// the UTC offset changes with daylight saving, so the window is the union over the dates. A
/// window that crosses UTC midnight becomes the whole day.
fn utc_minutes(
    calendar: &Calendar,
    first: NaiveDate,
    last: NaiveDate,
    slots: &Range<usize>,
) -> (u32, u32) {
    let mut window: Option<(u32, u32)> = None;
    for date in first.iter_days().take_while(|d| *d <= last) {
        let day = calendar.local_day(date);
        for period in 0..day.periods() {
            if day
                .clock_slot(period)
                .is_some_and(|slot| slots.contains(&slot))
            {
                let minute =
                    u32::try_from(day.period_start(period).timestamp().rem_euclid(86_400) / 60)
                        .unwrap_or(0);
                let (from, to) = window.unwrap_or((minute, minute + 30));
                window = Some((from.min(minute), to.max(minute + 30)));
            }
        }
    }
    window.unwrap_or((0, 1440))
}
