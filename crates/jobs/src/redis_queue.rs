//! The production queue: apalis-redis, shared by every PowerSave process.

use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use apalis_redis::{ConnectionManager, RedisStorage};
use chrono::{DateTime, Utc};

use crate::QueueError;
use crate::config::QueueConfig;
use crate::job::{Envelope, JobId};
use crate::status::{FailedJob, QueueDepth, decode, error_text};

/// How long keys of [`crate::JobQueue::enqueue_unique`] are remembered.
const UNIQUE_KEY_TTL: Duration = Duration::from_secs(30 * 24 * 3600);

/// Connects to `url`: `rediss://` is TLS through rustls, verified against the system's roots or
/// only those of `ca_file` (a private CA).
pub(crate) async fn open(
    url: &str,
    ca_file: Option<&Path>,
    config: &QueueConfig,
) -> Result<RedisStorage<Envelope>, QueueError> {
    let connection = match ca_file {
        None => apalis_redis::connect(url).await?,
        Some(path) => {
            if !url.starts_with("rediss://") {
                return Err(QueueError::Config(
                    "a Redis CA file needs a rediss:// URL (TLS)".to_owned(),
                ));
            }
            let root_cert = std::fs::read(path).map_err(|error| {
                QueueError::Config(format!("Redis CA file {}: {error}", path.display()))
            })?;
            let certificates = redis::TlsCertificates {
                client_tls: None,
                root_cert: Some(root_cert),
            };
            redis::Client::build_with_tls(url, certificates)?
                .get_connection_manager()
                .await?
        }
    };
    let storage_config = apalis_redis::Config::default()
        .queue(&config.queue_name)
        .heartbeat_interval(config.heartbeat)
        .missed_heartbeats(2)
        .emit_events(false)
        .idempotency_ttl(Some(UNIQUE_KEY_TTL));
    Ok(RedisStorage::new(connection).with_config(storage_config))
}

fn connection(storage: &RedisStorage<Envelope>) -> ConnectionManager {
    storage.clone().get_connection().clone()
}

pub(crate) async fn depth(storage: &RedisStorage<Envelope>) -> Result<QueueDepth, QueueError> {
    let config = storage.get_config();
    let mut conn = connection(storage);
    let (ready, scheduled, failed, workers): (u64, u64, u64, Vec<String>) = redis::pipe()
        .llen(config.active_jobs_list())
        .zcard(config.scheduled_jobs_set())
        .scard(config.dead_jobs_set())
        .zrange(config.workers_set(), 0, -1)
        .query_async(&mut conn)
        .await?;
    let mut running = 0;
    if !workers.is_empty() {
        let mut pipe = redis::pipe();
        for worker in &workers {
            pipe.scard(format!("{}:{worker}", config.inflight_jobs_set()));
        }
        let counts: Vec<u64> = pipe.query_async(&mut conn).await?;
        running = counts.iter().sum();
    }
    Ok(QueueDepth {
        waiting: ready + scheduled,
        running,
        failed,
    })
}

pub(crate) async fn failed(storage: &RedisStorage<Envelope>) -> Result<Vec<FailedJob>, QueueError> {
    let mut conn = connection(storage);
    let ids: Vec<String> = redis::cmd("SMEMBERS")
        .arg(storage.get_config().dead_jobs_set())
        .query_async(&mut conn)
        .await?;
    let mut failed = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(job) = read(storage, &mut conn, &id).await? {
            failed.push(job);
        }
    }
    Ok(failed)
}

pub(crate) async fn failed_one(
    storage: &RedisStorage<Envelope>,
    id: &JobId,
) -> Result<Option<FailedJob>, QueueError> {
    let mut conn = connection(storage);
    let is_failed: bool = redis::cmd("SISMEMBER")
        .arg(storage.get_config().dead_jobs_set())
        .arg(id.to_string())
        .query_async(&mut conn)
        .await?;
    if !is_failed {
        return Ok(None);
    }
    read(storage, &mut conn, &id.to_string()).await
}

pub(crate) async fn forget(storage: &RedisStorage<Envelope>, id: &JobId) -> Result<(), QueueError> {
    let config = storage.get_config();
    let mut conn = connection(storage);
    let id = id.to_string();
    let () = redis::pipe()
        .atomic()
        .srem(config.dead_jobs_set(), &id)
        .ignore()
        .hdel(config.job_data_hash(), &id)
        .ignore()
        .del(format!("{}:{id}", config.job_meta_hash()))
        .ignore()
        .query_async(&mut conn)
        .await?;
    Ok(())
}

async fn read(
    storage: &RedisStorage<Envelope>,
    conn: &mut ConnectionManager,
    id: &str,
) -> Result<Option<FailedJob>, QueueError> {
    let config = storage.get_config();
    let (bytes, meta): (Option<Vec<u8>>, HashMap<String, String>) = redis::pipe()
        .hget(config.job_data_hash(), id)
        .hgetall(format!("{}:{id}", config.job_meta_hash()))
        .query_async(conn)
        .await?;
    let Some(bytes) = bytes else {
        return Ok(None);
    };
    let envelope = decode(id, &bytes)?;
    let failed_at = meta
        .get("done_at")
        .and_then(|seconds| seconds.parse::<i64>().ok())
        .and_then(|seconds| DateTime::<Utc>::from_timestamp(seconds, 0));
    Ok(Some(FailedJob {
        id: JobId(id.to_owned()),
        job: envelope.job,
        attempts: envelope.attempt,
        error: error_text(meta.get("result").map(String::as_str)),
        failed_at,
    }))
}
