//! Loading many households' meter history into the domain's compact layout.

use std::collections::HashMap;

use chrono::Duration;
use domain::baseline::{History, HistoryLayout, SessionContext};
use domain::calendar::Calendar;
use domain::reading::day_number;
use store::{HistoryRequest, Store, StoreError};
use uuid::Uuid;

/// Whole local days `days_back` before the session's day up to and including it, for each of
/// `users` that has a meter (households without one are left out). Several meters of one
/// household add up.
pub async fn load(
    store: &Store,
    calendar: &Calendar,
    users: &[Uuid],
    context: &SessionContext,
    days_back: i64,
) -> Result<Vec<(Uuid, History)>, StoreError> {
    let date = context.session().date();
    let first = date - Duration::days(days_back);
    let layout = HistoryLayout::new(calendar, first, date, 0..48);
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
        from_minute: 0,
        to_minute: 1440,
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
