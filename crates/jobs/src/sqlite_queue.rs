//! The embedded queue: apalis-sqlite on a file and a pool of its own.

use std::path::Path;
use std::time::Duration;

use apalis_sqlite::{SqliteConnectOptions, SqlitePool, SqlitePoolOptions, SqliteStorage};
use chrono::{DateTime, Utc};
use sqlx::Row;
use sqlx::sqlite::SqliteSynchronous;

use crate::QueueError;
use crate::config::QueueConfig;
use crate::job::{Envelope, JobId};
use crate::status::{FailedJob, QueueDepth, decode, error_text};

/// A job failed for good: ended by the worker (`Killed`), or out of the storage's own attempts.
const FAILED: &str = "(status = 'Killed' OR (status = 'Failed' AND attempts >= max_attempts))";

/// The queue's migrations must not run twice at once (the server's queue handle and its
/// in-process worker open the same file together).
static SETUP: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// How long a connection waits for another one's write to finish.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

pub(crate) async fn open(
    path: &Path,
    config: &QueueConfig,
) -> Result<SqliteStorage<Envelope>, QueueError> {
    if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        tokio::fs::create_dir_all(folder)
            .await
            .map_err(|error| QueueError::Config(format!("{}: {error}", folder.display())))?;
    }
    // The per-connection settings apalis' `setup()` would apply to a single pooled connection,
    // here applied to every connection.
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .busy_timeout(BUSY_TIMEOUT)
        .synchronous(SqliteSynchronous::Normal)
        .pragma("temp_store", "MEMORY")
        .pragma("journal_size_limit", "67108864");
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .connect_with(options)
        .await?;
    {
        let _one_at_a_time = SETUP.lock().await;
        setup(&pool).await?;
    }
    let storage_config = apalis_sqlite::Config::default()
        .queue(&config.queue_name)
        .heartbeat_interval(config.heartbeat)
        .missed_heartbeats(2);
    Ok(SqliteStorage::new(&pool).with_config(storage_config))
}

/// What `SqliteStorage::setup` does, without its failure under concurrent writers.
///
/// apalis' `setup()` runs a bare `PRAGMA optimize`, which (in the bundled SQLite 3.51) analyses
/// a non-empty table with unanalysed indexes, such as `Workers` after the first worker
/// registered. When only one table qualifies, the nested `ANALYZE` asks for the write lock while
/// the pragma already holds a read transaction, and SQLite answers such an upgrade with
/// `SQLITE_BUSY` at once, without waiting out the busy timeout, if another connection is
/// writing. So opening the queue (a worker starting) failed when another handle queued a job at
/// that moment. Here the optimisation runs in a `BEGIN IMMEDIATE` transaction, which takes the
/// write lock first and waits for it like any other write.
async fn setup(pool: &SqlitePool) -> Result<(), QueueError> {
    // WAL is stored in the file: only the first open of a new file changes anything.
    sqlx::query("PRAGMA journal_mode = WAL")
        .execute(pool)
        .await?;
    SqliteStorage::<()>::migrations()
        .run(pool)
        .await
        .map_err(|error| apalis_sqlite::Error::from(sqlx::Error::from(error)))?;
    let mut optimize = pool.begin_with("BEGIN IMMEDIATE").await?;
    sqlx::query("PRAGMA optimize")
        .execute(&mut *optimize)
        .await?;
    optimize.commit().await?;
    Ok(())
}

/// `Queued` is a job a worker has claimed (`lock_by` is set); it turns `Running` only when the
/// worker next writes its events, possibly after the handler has finished. Both count as running,
/// as on Redis, where a fetched job is in the worker's in-flight set.
pub(crate) async fn depth(
    storage: &SqliteStorage<Envelope>,
    queue: &str,
) -> Result<QueueDepth, QueueError> {
    let query = format!(
        "SELECT \
           COALESCE(SUM(status = 'Pending'), 0), \
           COALESCE(SUM(status IN ('Queued', 'Running')), 0), \
           COALESCE(SUM({FAILED}), 0) \
         FROM Jobs WHERE job_type = ?1"
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(query))
        .bind(queue)
        .fetch_one(storage.pool())
        .await?;
    let count = |index: usize| -> Result<u64, QueueError> {
        Ok(u64::try_from(row.try_get::<i64, _>(index)?).unwrap_or(0))
    };
    Ok(QueueDepth {
        waiting: count(0)?,
        running: count(1)?,
        failed: count(2)?,
    })
}

pub(crate) async fn failed(
    storage: &SqliteStorage<Envelope>,
    queue: &str,
    limit: usize,
) -> Result<Vec<FailedJob>, QueueError> {
    let query = format!(
        "SELECT id, job, last_result, done_at FROM Jobs WHERE job_type = ?1 AND {FAILED} \
         ORDER BY done_at DESC LIMIT ?2"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(query))
        .bind(queue)
        .bind(i64::try_from(limit).unwrap_or(i64::MAX))
        .fetch_all(storage.pool())
        .await?;
    rows.iter().map(to_failed).collect()
}

/// One page of the failed jobs, newest first; ties (one `done_at` second) by id, so pages are stable.
pub(crate) async fn failed_range(
    storage: &SqliteStorage<Envelope>,
    queue: &str,
    offset: u64,
    limit: u64,
) -> Result<Vec<FailedJob>, QueueError> {
    let query = format!(
        "SELECT id, job, last_result, done_at FROM Jobs WHERE job_type = ?1 AND {FAILED} \
         ORDER BY done_at DESC, id DESC LIMIT ?2 OFFSET ?3"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(query))
        .bind(queue)
        .bind(i64::try_from(limit).unwrap_or(i64::MAX))
        .bind(i64::try_from(offset).unwrap_or(i64::MAX))
        .fetch_all(storage.pool())
        .await?;
    rows.iter().map(to_failed).collect()
}

pub(crate) async fn failed_one(
    storage: &SqliteStorage<Envelope>,
    queue: &str,
    id: &JobId,
) -> Result<Option<FailedJob>, QueueError> {
    let query = format!(
        "SELECT id, job, last_result, done_at FROM Jobs WHERE job_type = ?1 AND id = ?2 AND {FAILED}"
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(query))
        .bind(queue)
        .bind(id.to_string())
        .fetch_optional(storage.pool())
        .await?;
    row.as_ref().map(to_failed).transpose()
}

pub(crate) async fn forget(
    storage: &SqliteStorage<Envelope>,
    queue: &str,
    id: &JobId,
) -> Result<(), QueueError> {
    let query = format!("DELETE FROM Jobs WHERE job_type = ?1 AND id = ?2 AND {FAILED}");
    sqlx::query(sqlx::AssertSqlSafe(query))
        .bind(queue)
        .bind(id.to_string())
        .execute(storage.pool())
        .await?;
    Ok(())
}

fn to_failed(row: &sqlx::sqlite::SqliteRow) -> Result<FailedJob, QueueError> {
    let id: String = row.try_get("id")?;
    let bytes: Vec<u8> = row.try_get("job")?;
    let envelope = decode(&id, &bytes)?;
    let last_result: Option<String> = row.try_get("last_result")?;
    let done_at: Option<i64> = row.try_get("done_at")?;
    Ok(FailedJob {
        id: JobId(id),
        job: envelope.job,
        attempts: envelope.attempt,
        error: error_text(last_result.as_deref()),
        failed_at: done_at.and_then(|seconds| DateTime::<Utc>::from_timestamp(seconds, 0)),
    })
}
