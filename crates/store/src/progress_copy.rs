//! The PostgreSQL fast path for progress writes: after a national session, hundreds of
//! thousands of snapshots, badges and levels at a time go through `COPY` into temporary staging
//! tables and are merged with one statement each, under the same conflict rules as the general
//! path (a badge and a level once per household, a snapshot replaced).

use std::fmt::Write as _;

use chrono::{DateTime, SecondsFormat, Utc};
use sqlx::PgConnection;

use crate::StoreError;
use crate::progress::{NewBadgeAward, NewLevelUp, ProgressSnapshot};

/// Rows per `COPY`; bounds the memory of one buffer.
const ROWS_PER_COPY: usize = 50_000;

fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// Copies `lines` (CSV without header) into `staging`'s `columns`.
async fn copy_lines(
    connection: &mut PgConnection,
    staging: &str,
    columns: &str,
    lines: impl Iterator<Item = String>,
) -> Result<(), StoreError> {
    let lines: Vec<String> = lines.collect();
    for chunk in lines.chunks(ROWS_PER_COPY) {
        let mut csv = String::with_capacity(chunk.len() * 96);
        for line in chunk {
            csv.push_str(line);
            csv.push('\n');
        }
        let mut copy = connection
            .copy_in_raw(&format!(
                "COPY {staging} ({columns}) FROM STDIN (FORMAT csv)"
            ))
            .await?;
        copy.send(csv.as_bytes()).await?;
        copy.finish().await?;
    }
    Ok(())
}

/// Inserts the awards not yet present; returns how many were new.
pub(crate) async fn insert_awards(
    connection: &mut PgConnection,
    awards: &[NewBadgeAward],
    now: DateTime<Utc>,
) -> Result<u64, StoreError> {
    sqlx::query(
        "CREATE TEMP TABLE IF NOT EXISTS badge_awards_staging
         (LIKE badge_awards INCLUDING DEFAULTS) ON COMMIT DELETE ROWS",
    )
    .execute(&mut *connection)
    .await?;
    let awarded_at = timestamp(now);
    copy_lines(
        connection,
        "badge_awards_staging",
        "user_id, badge, earned_at, points, awarded_at",
        awards.iter().map(|award| {
            format!(
                "{},{},{},{},{awarded_at}",
                award.user_id,
                award.badge.as_str(),
                timestamp(award.earned_at),
                award.badge.points()
            )
        }),
    )
    .await?;
    Ok(sqlx::query(
        "INSERT INTO badge_awards SELECT * FROM badge_awards_staging
         ON CONFLICT (user_id, badge) DO NOTHING",
    )
    .execute(&mut *connection)
    .await?
    .rows_affected())
}

/// Records the levels not yet recorded; returns how many were new.
pub(crate) async fn insert_level_ups(
    connection: &mut PgConnection,
    levels: &[NewLevelUp],
) -> Result<u64, StoreError> {
    sqlx::query(
        "CREATE TEMP TABLE IF NOT EXISTS level_ups_staging
         (LIKE level_ups INCLUDING DEFAULTS) ON COMMIT DELETE ROWS",
    )
    .execute(&mut *connection)
    .await?;
    copy_lines(
        connection,
        "level_ups_staging",
        "user_id, level, reached_at",
        levels.iter().map(|up| {
            format!(
                "{},{},{}",
                up.user_id,
                up.level.number(),
                timestamp(up.reached_at)
            )
        }),
    )
    .await?;
    Ok(sqlx::query(
        "INSERT INTO level_ups SELECT * FROM level_ups_staging ON CONFLICT (user_id, level) DO NOTHING",
    )
    .execute(&mut *connection)
    .await?
    .rows_affected())
}

/// Replaces the snapshots of the households in `snapshots`.
pub(crate) async fn upsert_snapshots(
    connection: &mut PgConnection,
    snapshots: &[ProgressSnapshot],
) -> Result<(), StoreError> {
    sqlx::query(
        "CREATE TEMP TABLE IF NOT EXISTS household_progress_staging
         (LIKE household_progress INCLUDING DEFAULTS) ON COMMIT DELETE ROWS",
    )
    .execute(&mut *connection)
    .await?;
    copy_lines(
        connection,
        "household_progress_staging",
        "user_id, level, lifetime_points, plants, health, current_run, best_run, shields, \
         saved_kwh, badges, evaluated_at",
        snapshots.iter().map(|s| {
            let mut line = String::with_capacity(128);
            let _ = write!(
                line,
                "{},{},{},{},{},{},{},{},{},{},{}",
                s.user_id,
                s.level.number(),
                s.lifetime_points,
                s.plants,
                s.health.as_str(),
                s.current_run,
                s.best_run,
                s.shields,
                if s.saved_kwh.is_finite() {
                    s.saved_kwh
                } else {
                    0.0
                },
                s.badges,
                timestamp(s.evaluated_at)
            );
            line
        }),
    )
    .await?;
    sqlx::query(
        "INSERT INTO household_progress SELECT * FROM household_progress_staging
         ON CONFLICT (user_id) DO UPDATE SET level = EXCLUDED.level,
           lifetime_points = EXCLUDED.lifetime_points, plants = EXCLUDED.plants,
           health = EXCLUDED.health, current_run = EXCLUDED.current_run,
           best_run = EXCLUDED.best_run, shields = EXCLUDED.shields,
           saved_kwh = EXCLUDED.saved_kwh, badges = EXCLUDED.badges,
           evaluated_at = EXCLUDED.evaluated_at",
    )
    .execute(&mut *connection)
    .await?;
    Ok(())
}
