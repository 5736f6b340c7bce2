//! The PostgreSQL fast path: existing rows read under `FOR UPDATE`, changed rows sent with binary
//! `COPY` into a temporary staging table and applied with one `UPDATE` and one `INSERT`.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use domain::reading::{DayReadings, day_date, day_number};
use sqlx::{AssertSqlSafe, PgConnection, Row};

use super::{MergedDay, PendingDay, UpsertOutcome, decode_row, merge};
use crate::{Store, StoreError};

/// Attempts before a batch that keeps colliding with concurrent writers gives up.
const MAX_ATTEMPTS: usize = 5;

const STAGING: &str = "CREATE TEMP TABLE IF NOT EXISTS meter_days_staging (
    meter_id BIGINT, day INTEGER, readings SMALLINT, wh BYTEA, estimated BYTEA, sources BYTEA,
    updated_at TIMESTAMPTZ, is_new BOOLEAN) ON COMMIT DELETE ROWS";

pub(super) async fn upsert(
    store: &Store,
    pending: &BTreeMap<(i64, i32), PendingDay>,
    source: i64,
    now: DateTime<Utc>,
) -> Result<UpsertOutcome, StoreError> {
    let pool = store.db.get_postgres_connection_pool();
    let days: HashSet<i32> = pending.keys().map(|(_, day)| *day).collect();
    ensure_partitions(store, pool, &days).await?;
    for _ in 0..MAX_ATTEMPTS {
        let mut tx = pool.begin().await?;
        let existing = fetch_for_update(&mut tx, pending).await?;
        let mut outcome = UpsertOutcome::default();
        let changed = merge(pending, existing, source, &mut outcome);
        if changed.is_empty() {
            tx.commit().await?;
            return Ok(outcome);
        }
        sqlx::query(STAGING).execute(&mut *tx).await?;
        let mut copy = tx
            .copy_in_raw("COPY meter_days_staging FROM STDIN (FORMAT binary)")
            .await?;
        copy.send(binary_copy(&changed, now)).await?;
        copy.finish().await?;
        sqlx::query(
            "UPDATE meter_days m SET readings = s.readings, wh = s.wh, estimated = s.estimated, sources = s.sources, updated_at = s.updated_at
             FROM meter_days_staging s WHERE NOT s.is_new AND m.meter_id = s.meter_id AND m.day = s.day",
        )
        .execute(&mut *tx)
        .await?;
        let inserted = sqlx::query(
            "INSERT INTO meter_days (meter_id, day, readings, wh, estimated, sources, updated_at)
             SELECT meter_id, day, readings, wh, estimated, sources, updated_at FROM meter_days_staging WHERE is_new
             ON CONFLICT (meter_id, day) DO NOTHING",
        )
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let expected = changed.iter().filter(|row| row.is_new).count() as u64;
        if inserted == expected {
            tx.commit().await?;
            return Ok(outcome);
        }
        // A concurrent writer created some of these rows first: start over and merge with them.
        tx.rollback().await?;
    }
    Err(StoreError::Conflict(
        "readings batch kept colliding with concurrent writers".to_owned(),
    ))
}

async fn fetch_for_update(
    connection: &mut PgConnection,
    pending: &BTreeMap<(i64, i32), PendingDay>,
) -> Result<HashMap<(i64, i32), DayReadings>, StoreError> {
    let meters: Vec<i64> = pending.keys().map(|(meter, _)| *meter).collect();
    let days: Vec<i32> = pending.keys().map(|(_, day)| *day).collect();
    let (first, last) = (
        days.iter().min().copied().unwrap_or(0),
        days.iter().max().copied().unwrap_or(0),
    );
    let rows = sqlx::query(
        "SELECT m.meter_id, m.day, m.wh, m.estimated, m.sources FROM meter_days m
         JOIN UNNEST($1::int8[], $2::int4[]) AS k(meter_id, day) ON m.meter_id = k.meter_id AND m.day = k.day
         WHERE m.day BETWEEN $3 AND $4
         FOR UPDATE OF m",
    )
    .bind(&meters)
    .bind(&days)
    .bind(first)
    .bind(last)
    .fetch_all(&mut *connection)
    .await?;
    let mut existing = HashMap::with_capacity(rows.len());
    for row in rows {
        let (meter, day): (i64, i32) = (row.try_get(0)?, row.try_get(1)?);
        let wh: &[u8] = row.try_get(2)?;
        let estimated: &[u8] = row.try_get(3)?;
        let sources: &[u8] = row.try_get(4)?;
        existing.insert(
            (meter, day),
            decode_row(meter, day, wh, estimated, sources)?,
        );
    }
    Ok(existing)
}

/// Microseconds between the Unix epoch and PostgreSQL's epoch (2000-01-01).
const POSTGRES_EPOCH_MICROS: i64 = 946_684_800_000_000;

/// Encodes rows in PostgreSQL's binary COPY format.
fn binary_copy(rows: &[MergedDay], now: DateTime<Utc>) -> Vec<u8> {
    let mut out = Vec::with_capacity(19 + rows.len() * 480 + 2);
    out.extend_from_slice(b"PGCOPY\n\xff\r\n\0");
    out.extend_from_slice(&0i32.to_be_bytes());
    out.extend_from_slice(&0i32.to_be_bytes());
    let updated_at = now.timestamp_micros() - POSTGRES_EPOCH_MICROS;
    for row in rows {
        let wh = row.readings.encode_values();
        let estimated = row.readings.estimated_bits();
        let sources = row.readings.encode_sources();
        let count = i16::try_from(row.readings.count()).unwrap_or(i16::MAX);
        out.extend_from_slice(&8i16.to_be_bytes());
        field(&mut out, &row.meter.to_be_bytes());
        field(&mut out, &row.day.to_be_bytes());
        field(&mut out, &count.to_be_bytes());
        field(&mut out, &wh);
        field(&mut out, estimated);
        field(&mut out, &sources);
        field(&mut out, &updated_at.to_be_bytes());
        field(&mut out, &[u8::from(row.is_new)]);
    }
    out.extend_from_slice(&(-1i16).to_be_bytes());
    out
}

fn field(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend_from_slice(&i32::try_from(bytes.len()).unwrap_or(i32::MAX).to_be_bytes());
    out.extend_from_slice(bytes);
}

/// First day and first day of the next month, as day numbers.
fn month_bounds(day: i32) -> (i32, i32, String) {
    let date = day_date(day);
    let first = NaiveDate::from_ymd_opt(date.year(), date.month(), 1).unwrap_or(date);
    let next = if date.month() == 12 {
        NaiveDate::from_ymd_opt(date.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(date.year(), date.month() + 1, 1)
    }
    .unwrap_or(date);
    let to_day = |d: NaiveDate| day_number(d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc());
    (
        to_day(first),
        to_day(next),
        format!("meter_days_{:04}{:02}", date.year(), date.month()),
    )
}

/// Creates the monthly partitions a batch needs, once per process and month.
pub(super) async fn ensure_partitions(
    store: &Store,
    pool: &sqlx::PgPool,
    days: &HashSet<i32>,
) -> Result<(), StoreError> {
    let months: HashSet<(i32, i32, String)> = days.iter().map(|day| month_bounds(*day)).collect();
    for (from, to, name) in months {
        if store
            .known_partitions
            .lock()
            .map(|known| known.contains(&from))
            .unwrap_or(false)
        {
            continue;
        }
        let created = sqlx::query(AssertSqlSafe(format!(
            "CREATE TABLE IF NOT EXISTS {name} PARTITION OF meter_days FOR VALUES FROM ({from}) TO ({to})"
        )))
        .execute(pool)
        .await;
        if let Err(error) = created {
            // Another instance may have created it a moment ago, or rows for the month already
            // sit in the default partition; either way the write below still lands.
            tracing::warn!(partition = %name, %error, "could not create partition");
        }
        if let Ok(mut known) = store.known_partitions.lock() {
            known.insert(from);
        }
    }
    Ok(())
}

/// Drops monthly partitions that end on or before `day`.
pub(super) async fn drop_partitions_before(store: &Store, day: i32) -> Result<u64, StoreError> {
    let pool = store.db.get_postgres_connection_pool();
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
         JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'meter_days' AND c.relname ~ '^meter_days_[0-9]{6}$'",
    )
    .fetch_all(pool)
    .await?;
    let mut dropped = 0;
    for name in names {
        let (Ok(year), Ok(month)) = (name[11..15].parse::<i32>(), name[15..17].parse::<u32>())
        else {
            continue;
        };
        let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
            continue;
        };
        let (from, to, _) = month_bounds(day_number(
            first.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc(),
        ));
        if to <= day {
            sqlx::query(AssertSqlSafe(format!("DROP TABLE {name}")))
                .execute(pool)
                .await?;
            if let Ok(mut known) = store.known_partitions.lock() {
                known.remove(&from);
            }
            dropped += 1;
        }
    }
    Ok(dropped)
}
