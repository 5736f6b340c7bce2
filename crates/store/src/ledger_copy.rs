//! The PostgreSQL fast path for settlement's writes: a national session writes hundreds of
//! thousands of results and ledger entries at a time. Rows go through `COPY` into a temporary
//! staging table and are merged with one statement, which keeps the same conflict rules as the
//! general path (results replaced per session and household, ledger entries never twice).

use std::fmt::Write as _;

use chrono::{DateTime, SecondsFormat, Utc};
use sqlx::PgConnection;

use crate::{NewPointsEntry, SessionResultRecord, StoreError};

/// Rows per `COPY`; bounds the memory of one buffer.
const ROWS_PER_COPY: usize = 50_000;

/// A CSV field, quoted so commas, quotes and newlines survive.
fn quoted(out: &mut String, text: &str) {
    out.push('"');
    out.push_str(&text.replace('"', "\"\""));
    out.push('"');
}

/// An optional number; an unquoted empty field is NULL.
fn number(out: &mut String, value: Option<f64>) {
    if let Some(value) = value.filter(|v| v.is_finite()) {
        let _ = write!(out, "{value}");
    }
}

fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// Replaces the results of (session, household) pairs in `results`.
pub(crate) async fn save_results(
    connection: &mut PgConnection,
    results: &[SessionResultRecord],
) -> Result<(), StoreError> {
    sqlx::query(
        "CREATE TEMP TABLE IF NOT EXISTS session_results_staging
         (LIKE session_results INCLUDING DEFAULTS) ON COMMIT DELETE ROWS",
    )
    .execute(&mut *connection)
    .await?;
    for chunk in results.chunks(ROWS_PER_COPY) {
        let mut csv = String::with_capacity(chunk.len() * 400);
        for r in chunk {
            let _ = write!(csv, "{},{},", r.session_id, r.user_id);
            quoted(&mut csv, r.status.as_str());
            csv.push(',');
            if let Some(reason) = &r.reason {
                quoted(&mut csv, reason);
            }
            csv.push(',');
            number(&mut csv, r.baseline_kwh);
            csv.push(',');
            number(&mut csv, r.actual_kwh);
            csv.push(',');
            number(&mut csv, r.saved_kwh);
            csv.push(',');
            quoted(&mut csv, &r.periods_json());
            let _ = writeln!(
                csv,
                ",{},{}",
                if r.data_complete { 't' } else { 'f' },
                timestamp(r.computed_at)
            );
        }
        let mut copy = connection
            .copy_in_raw(
                "COPY session_results_staging (session_id, user_id, status, reason, baseline_kwh,
                 actual_kwh, saved_kwh, periods, data_complete, computed_at) FROM STDIN (FORMAT csv)",
            )
            .await?;
        copy.send(csv.as_bytes()).await?;
        copy.finish().await?;
    }
    sqlx::query(
        "INSERT INTO session_results SELECT * FROM session_results_staging
         ON CONFLICT (session_id, user_id) DO UPDATE SET status = EXCLUDED.status,
           reason = EXCLUDED.reason, baseline_kwh = EXCLUDED.baseline_kwh,
           actual_kwh = EXCLUDED.actual_kwh, saved_kwh = EXCLUDED.saved_kwh,
           periods = EXCLUDED.periods, data_complete = EXCLUDED.data_complete,
           computed_at = EXCLUDED.computed_at",
    )
    .execute(&mut *connection)
    .await?;
    Ok(())
}

/// Appends the entries not already in the ledger; returns how many were new.
pub(crate) async fn append_points(
    connection: &mut PgConnection,
    entries: &[NewPointsEntry],
    now: DateTime<Utc>,
) -> Result<u64, StoreError> {
    sqlx::query(
        "CREATE TEMP TABLE IF NOT EXISTS points_ledger_staging
         (user_id UUID, reason TEXT, reference TEXT, points BIGINT, note TEXT) ON COMMIT DELETE ROWS",
    )
    .execute(&mut *connection)
    .await?;
    for chunk in entries.chunks(ROWS_PER_COPY) {
        let mut csv = String::with_capacity(chunk.len() * 120);
        for entry in chunk {
            let _ = write!(csv, "{},", entry.user_id);
            quoted(&mut csv, entry.reason.as_str());
            csv.push(',');
            quoted(&mut csv, &entry.reference);
            let _ = write!(csv, ",{},", entry.points);
            if let Some(note) = &entry.note {
                quoted(&mut csv, note);
            }
            csv.push('\n');
        }
        let mut copy = connection
            .copy_in_raw(
                "COPY points_ledger_staging (user_id, reason, reference, points, note)
                 FROM STDIN (FORMAT csv)",
            )
            .await?;
        copy.send(csv.as_bytes()).await?;
        copy.finish().await?;
    }
    let appended = sqlx::query(
        "INSERT INTO points_ledger (user_id, reason, reference, points, note, created_at)
         SELECT user_id, reason, reference, points, note, $1 FROM points_ledger_staging
         ON CONFLICT (user_id, reason, reference) DO NOTHING",
    )
    .bind(now)
    .execute(&mut *connection)
    .await?
    .rows_affected();
    Ok(appended)
}
