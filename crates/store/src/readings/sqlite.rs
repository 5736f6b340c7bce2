//! The SQLite path: one `BEGIN IMMEDIATE` transaction (SQLite has one writer, so no row locks are
//! needed), existing rows read per day in chunks, changed rows written with multi-row upserts.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use domain::reading::DayReadings;
use sqlx::{AssertSqlSafe, QueryBuilder, Row, Sqlite, SqlitePool};

use super::{PendingDay, UpsertOutcome, decode_row, merge};
use crate::StoreError;

/// Rows per statement: 7 parameters each stays far below SQLite's parameter limit.
const ROWS_PER_STATEMENT: usize = 150;
/// Meter ids per `IN (…)` lookup.
const LOOKUP_CHUNK: usize = 500;

pub(super) async fn upsert(
    pool: &SqlitePool,
    pending: &BTreeMap<(i64, i32), PendingDay>,
    source: i64,
    now: DateTime<Utc>,
) -> Result<UpsertOutcome, StoreError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let mut by_day: BTreeMap<i32, Vec<i64>> = BTreeMap::new();
    for (meter, day) in pending.keys() {
        by_day.entry(*day).or_default().push(*meter);
    }
    let mut existing: HashMap<(i64, i32), DayReadings> = HashMap::new();
    for (day, meters) in by_day {
        for chunk in meters.chunks(LOOKUP_CHUNK) {
            let placeholders = vec!["?"; chunk.len()].join(",");
            let sql = format!(
                "SELECT meter_id, wh, estimated, sources FROM meter_days WHERE day = ? AND meter_id IN ({placeholders})"
            );
            let mut query = sqlx::query(AssertSqlSafe(sql)).bind(day);
            for meter in chunk {
                query = query.bind(meter);
            }
            for row in query.fetch_all(&mut *tx).await? {
                let meter: i64 = row.try_get(0)?;
                let wh: &[u8] = row.try_get(1)?;
                let estimated: &[u8] = row.try_get(2)?;
                let sources: &[u8] = row.try_get(3)?;
                existing.insert(
                    (meter, day),
                    decode_row(meter, day, wh, estimated, sources)?,
                );
            }
        }
    }
    let mut outcome = UpsertOutcome::default();
    let changed = merge(pending, existing, source, &mut outcome);
    for chunk in changed.chunks(ROWS_PER_STATEMENT) {
        let mut builder: QueryBuilder<Sqlite> = QueryBuilder::new(
            "INSERT INTO meter_days (meter_id, day, readings, wh, estimated, sources, updated_at) ",
        );
        builder.push_values(chunk, |mut row, day| {
            row.push_bind(day.meter)
                .push_bind(day.day)
                .push_bind(i64::try_from(day.readings.count()).unwrap_or(i64::MAX))
                .push_bind(day.readings.encode_values())
                .push_bind(day.readings.estimated_bits().to_vec())
                .push_bind(day.readings.encode_sources())
                .push_bind(now);
        });
        builder.push(
            " ON CONFLICT (meter_id, day) DO UPDATE SET readings = excluded.readings, wh = excluded.wh, \
             estimated = excluded.estimated, sources = excluded.sources, updated_at = excluded.updated_at",
        );
        builder.build().execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(outcome)
}
