//! The System screen's data: database and queue health, failed jobs and their retry, and the
//! accuracy of every baseline method on the programme's recent data.

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use store::SourceKind;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::extract::AdminUser;
use crate::error::{ApiError, FieldErrors, Problem};
use crate::extract::{ApiPath, ApiQuery};
use crate::routes::points::PageQuery;

/// System routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(system))
        .routes(routes!(failed_jobs))
        .routes(routes!(retry_job))
        .routes(routes!(baseline_accuracy))
}

/// Jobs waiting, running and failed.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct QueueResponse {
    /// Waiting (including retries in their backoff).
    pub waiting: u64,
    /// Running.
    pub running: u64,
    /// Failed for good, waiting for an operator.
    pub failed: u64,
}

/// A job that used up its attempts.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct FailedJobResponse {
    /// Pass to the retry endpoint.
    pub id: String,
    /// What it was, e.g. `settle`.
    pub kind: String,
    /// Attempts made.
    pub attempts: u32,
    /// The last error.
    pub error: String,
    /// When it failed.
    pub failed_at: Option<DateTime<Utc>>,
}

/// The health of the system's parts.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SystemResponse {
    /// `sqlite` or `postgres`.
    pub database_backend: String,
    /// Whether the database answered.
    pub database_ok: bool,
    /// The job queue, when this instance has one; its failed jobs are listed by
    /// `GET /admin/system/failed-jobs`.
    pub queue: Option<QueueResponse>,
    /// When the MQTT feed last delivered, if it ever did.
    pub mqtt_last_ingest_at: Option<DateTime<Utc>>,
    /// The MQTT listener of this instance: `not_running`, `connecting`, `connected` or
    /// `reconnecting`.
    pub mqtt_state: String,
    /// Since when it is in that state.
    pub mqtt_state_since: DateTime<Utc>,
    /// Why the last connection attempt failed, while reconnecting.
    pub mqtt_error: Option<String>,
}

/// Database, queue and MQTT health.
#[utoipa::path(
    get, path = "/admin/system", tag = "admin", security(("bearer" = [])),
    responses(
        (status = 200, body = SystemResponse),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn system(
    State(state): State<AppState>,
    _admin: AdminUser,
) -> Result<Json<SystemResponse>, ApiError> {
    let database_ok = state.store.ping().await.is_ok();
    let sources = state.store.list_sources().await.unwrap_or_default();
    let mqtt_last_ingest_at = sources
        .iter()
        .filter(|s| s.kind == SourceKind::Mqtt)
        .filter_map(|s| s.last_ingest_at)
        .max();
    let queue = match &state.jobs {
        Some(queue) => {
            let depth = queue.depth().await.map_err(unavailable)?;
            Some(QueueResponse {
                waiting: depth.waiting,
                running: depth.running,
                failed: depth.failed,
            })
        }
        None => None,
    };
    let mqtt = state.mqtt.get();
    Ok(Json(SystemResponse {
        database_backend: format!("{:?}", state.store.backend()).to_lowercase(),
        database_ok,
        queue,
        mqtt_last_ingest_at,
        mqtt_state: mqtt.state.as_str().to_owned(),
        mqtt_state_since: mqtt.since,
        mqtt_error: mqtt.error,
    }))
}

/// A page of failed jobs.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct FailedJobPage {
    /// The jobs on this page, the most recently failed first.
    pub items: Vec<FailedJobResponse>,
    /// 1-based page.
    pub page: u64,
    /// Page size.
    pub per_page: u64,
    /// Failed jobs on all pages.
    pub total: u64,
}

/// Jobs that used up their attempts, the most recently failed first, paged on the server; an
/// instance without a job queue has none.
#[utoipa::path(
    get, path = "/admin/system/failed-jobs", tag = "admin", security(("bearer" = [])),
    params(PageQuery),
    responses(
        (status = 200, body = FailedJobPage),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
        (status = 503, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn failed_jobs(
    State(state): State<AppState>,
    _admin: AdminUser,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> Result<Json<FailedJobPage>, ApiError> {
    let page = query.request()?;
    let (jobs, total) = match &state.jobs {
        Some(queue) => queue
            .failed_page(page.offset(), page.per_page())
            .await
            .map_err(unavailable)?,
        None => (Vec::new(), 0),
    };
    Ok(Json(FailedJobPage {
        items: jobs
            .into_iter()
            .map(|job| FailedJobResponse {
                id: job.id.to_string(),
                kind: job.job.kind().to_owned(),
                attempts: job.attempts,
                error: job.error,
                failed_at: job.failed_at,
            })
            .collect(),
        page: page.page(),
        per_page: page.per_page(),
        total,
    }))
}

/// A 503 that says only that the queue is unavailable: the queue's own error (Redis or SQLite
/// text) is logged, under the request's id, never sent.
fn unavailable(error: jobs::QueueError) -> ApiError {
    tracing::warn!(
        request_id = crate::request_id::current().as_deref().unwrap_or("-"),
        %error,
        "job queue unavailable"
    );
    ApiError::Unavailable("the job queue is unavailable; try again shortly".to_owned())
}

/// The retried job's new id.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RetriedResponse {
    /// The job's id on the queue now.
    pub id: String,
}

/// Runs a failed job again from its first attempt.
#[utoipa::path(
    post, path = "/admin/system/failed-jobs/{id}/retry", tag = "admin", security(("bearer" = [])),
    params(("id" = String, Path, description = "Failed job id")),
    responses(
        (status = 200, body = RetriedResponse),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 503, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn retry_job(
    State(state): State<AppState>,
    AdminUser(actor): AdminUser,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<RetriedResponse>, ApiError> {
    let queue = state
        .jobs
        .as_ref()
        .ok_or_else(|| ApiError::Unavailable("this instance has no job queue".to_owned()))?;
    let job =
        jobs::JobId::parse(&id).ok_or_else(|| ApiError::NotFound(format!("no failed job {id}")))?;
    let retried = queue.retry(&job).await.map_err(|error| match error {
        jobs::QueueError::NotFound(message) => ApiError::NotFound(message),
        other => unavailable(other),
    })?;
    tracing::info!(actor = %actor.id, job = %id, "failed job retried");
    Ok(Json(RetriedResponse {
        id: retried.to_string(),
    }))
}

/// How many households and days the accuracy figures use.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AccuracyQuery {
    /// Weekdays of pseudo-events before today (7–60, default 21).
    pub days: Option<i64>,
    /// Households sampled (10–500, default 100).
    pub households: Option<usize>,
}

/// One method's measured accuracy.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MethodAccuracyResponse {
    /// Method name.
    pub method: String,
    /// Households scored.
    pub households: u64,
    /// Pseudo-events scored.
    pub events: u64,
    /// Median CV(RMSE) over households (%).
    pub median_cv_rmse_percent: Option<f64>,
    /// CV(RMSE) of the households' aggregate (%).
    pub aggregate_cv_rmse_percent: Option<f64>,
    /// Bias of the aggregate (%).
    pub aggregate_bias_percent: Option<f64>,
}

/// Every baseline method scored on weekday 17:00–19:00 pseudo-events of recent days.
#[utoipa::path(
    get, path = "/admin/baselines/accuracy", tag = "admin", security(("bearer" = [])),
    params(AccuracyQuery),
    responses(
        (status = 200, body = Vec<MethodAccuracyResponse>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn baseline_accuracy(
    State(state): State<AppState>,
    _admin: AdminUser,
    ApiQuery(query): ApiQuery<AccuracyQuery>,
) -> Result<Json<Vec<MethodAccuracyResponse>>, ApiError> {
    let mut errors = FieldErrors::default();
    let days = query.days.unwrap_or(21);
    if !(7..=60).contains(&days) {
        errors.push("days", "must be 7-60");
    }
    let sample = query.households.unwrap_or(100);
    if !(10..=500).contains(&sample) {
        errors.push("households", "must be 10-500");
    }
    errors.finish(|| Some(()))?;
    let meters: Vec<i64> = state
        .store
        .meter_directory()
        .await?
        .values()
        .map(|m| m.id)
        .collect();
    let mut households = state.store.households_of_meters(&meters).await?;
    households.truncate(sample);
    let calendar = state.settings.programme.calendar();
    let today = calendar.locate(Utc::now().timestamp()).0;
    let figures = state.engine.accuracy(&households, today, days).await?;
    Ok(Json(
        figures
            .into_iter()
            .map(|m| MethodAccuracyResponse {
                method: m.method.as_str().to_owned(),
                households: m.households,
                events: m.events,
                median_cv_rmse_percent: m.median_cv_rmse_percent.map(round1),
                aggregate_cv_rmse_percent: m.aggregate_cv_rmse_percent.map(round1),
                aggregate_bias_percent: m.aggregate_bias_percent.map(round1),
            })
            .collect(),
    ))
}

fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}
