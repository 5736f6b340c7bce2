//! Who may write a meter's readings (docs/RULES.md § Meter data): the data sources bound to a
//! meter (staff see them, superadmins replace them), and staff corrections of stored readings,
//! the one way to change a reading inside a settled session's window, each recorded with who,
//! when, the old and the new value and why, and listed for staff. Data sources and households
//! can do neither.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use domain::meter::MeterId;
use domain::reading::{Quality, RejectReason, validate};
use serde::{Deserialize, Serialize};
use store::{CorrectionRecord, NewCorrection};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::extract::{AdminUser, SuperAdminUser};
use crate::error::{ApiError, FieldErrors, Problem};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::routes::page_request;

/// Longest reason kept with a correction.
const REASON_MAX_CHARS: usize = 500;

/// Admin correction routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(correct_reading))
        .routes(routes!(list_corrections))
        .routes(routes!(meter_sources, bind_meter_sources))
}

/// A corrected reading, as staff send it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CorrectionRequest {
    /// Start of the interval, RFC 3339.
    #[schema(example = "2026-07-01T17:00:00Z")]
    pub interval_start: String,
    /// The right energy over the interval in kWh.
    #[schema(example = 0.412)]
    pub kwh: f64,
    /// `actual` (default) or `estimated`.
    pub quality: Option<String>,
    /// Why the stored value is wrong (1–500 characters), kept with the correction.
    #[schema(example = "utility re-read the meter after a communication fault")]
    pub reason: String,
}

/// A recorded correction.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CorrectionResponse {
    /// Id.
    pub id: i64,
    /// The utility's meter id.
    pub meter_id: String,
    /// Start of the corrected interval.
    pub interval_start: DateTime<Utc>,
    /// The reading before, in kWh; null when the interval had none.
    pub old_kwh: Option<f64>,
    /// Its quality.
    pub old_quality: Option<String>,
    /// The data source that had written it, when recorded.
    pub old_source: Option<String>,
    /// The reading now stored, in kWh.
    pub new_kwh: f64,
    /// Its quality.
    pub new_quality: String,
    /// Why.
    pub reason: String,
    /// The staff account that corrected it; null once that account is gone.
    pub corrected_by: Option<uuid::Uuid>,
    /// When.
    pub corrected_at: DateTime<Utc>,
}

fn kwh(wh: i64) -> f64 {
    wh as f64 / 1000.0
}

impl From<CorrectionRecord> for CorrectionResponse {
    fn from(record: CorrectionRecord) -> Self {
        Self {
            id: record.id,
            meter_id: record.meter_id,
            interval_start: record.interval_start,
            old_kwh: record.old_wh.map(kwh),
            old_quality: record.old_quality.map(|q| q.as_str().to_owned()),
            old_source: record.old_source,
            new_kwh: kwh(record.new_wh),
            new_quality: record.new_quality.as_str().to_owned(),
            reason: record.reason,
            corrected_by: record.corrected_by,
            corrected_at: record.corrected_at,
        }
    }
}

/// Corrects one stored reading of a meter (admin), settled or not, and records the correction.
/// The value is checked like any reading (aligned, ended, within the accepted age and the
/// physical maximum). Recompute the household's result afterwards to pay the difference.
#[utoipa::path(
    post, path = "/admin/meters/{meter_id}/corrections", tag = "admin", security(("bearer" = [])),
    params(("meter_id" = String, Path, description = "The utility's meter id")),
    request_body = CorrectionRequest,
    responses(
        (status = 201, body = CorrectionResponse),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn correct_reading(
    State(state): State<AppState>,
    AdminUser(actor): AdminUser,
    ApiPath(meter_id): ApiPath<String>,
    ApiJson(body): ApiJson<CorrectionRequest>,
) -> Result<(StatusCode, Json<CorrectionResponse>), ApiError> {
    let meter_id =
        MeterId::parse(&meter_id).map_err(|_| ApiError::NotFound("meter not found".to_owned()))?;
    let meter = state
        .store
        .meters_by_utility_ids(&[meter_id.as_str().to_owned()])
        .await?
        .remove(meter_id.as_str())
        .ok_or(ApiError::NotFound("meter not found".to_owned()))?;
    let mut errors = FieldErrors::default();
    let start = errors.check(
        "interval_start",
        ingest::parse_timestamp(&body.interval_start)
            .map_err(|reason| domain::ValidationError::owned(reason.to_string())),
    );
    let quality = errors.check(
        "quality",
        Quality::parse(body.quality.as_deref().unwrap_or(""))
            .map_err(|reason| domain::ValidationError::owned(reason.to_string())),
    );
    let reason = body.reason.trim().to_owned();
    if reason.is_empty() || reason.chars().count() > REASON_MAX_CHARS {
        errors.push("reason", "reason must be 1-500 characters");
    }
    let reading = match (start, quality) {
        (Some(start), Some(quality)) => match validate(
            meter.id,
            meter.interval,
            start,
            body.kwh,
            quality,
            Utc::now(),
            &state.settings.reading_limits,
        ) {
            Ok(reading) => Some(reading),
            Err(reason) => {
                let field = match reason {
                    RejectReason::Misaligned { .. }
                    | RejectReason::Future(_)
                    | RejectReason::TooOld { .. } => "interval_start",
                    _ => "kwh",
                };
                errors.push(field, &reason.to_string());
                None
            }
        },
        _ => None,
    };
    let reading = errors.finish(|| reading)?;
    let record = state
        .store
        .correct_reading(NewCorrection {
            reading,
            reason,
            corrected_by: actor.id,
        })
        .await?;
    tracing::info!(actor = %actor.id, meter = %record.meter_id, interval_start = %record.interval_start,
        old_wh = ?record.old_wh, new_wh = record.new_wh, "reading corrected");
    Ok((StatusCode::CREATED, Json(record.into())))
}

/// Filters for the corrections list.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CorrectionQuery {
    /// Only this meter (the utility's id).
    pub meter_id: Option<String>,
    /// 1-based page.
    pub page: Option<u64>,
    /// Page size, 1–100.
    pub per_page: Option<u64>,
}

/// A page of corrections.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CorrectionPage {
    /// Newest first.
    pub items: Vec<CorrectionResponse>,
    /// Page number.
    pub page: u64,
    /// Page size.
    pub per_page: u64,
    /// Matching corrections on all pages.
    pub total: u64,
}

/// Every correction of stored readings, newest first (admin).
#[utoipa::path(
    get, path = "/admin/meter-data/corrections", tag = "admin", security(("bearer" = [])),
    params(CorrectionQuery),
    responses(
        (status = 200, body = CorrectionPage),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn list_corrections(
    State(state): State<AppState>,
    _admin: AdminUser,
    ApiQuery(query): ApiQuery<CorrectionQuery>,
) -> Result<Json<CorrectionPage>, ApiError> {
    let page = page_request(query.page, query.per_page)?;
    let meter = query
        .meter_id
        .as_deref()
        .map(MeterId::parse)
        .transpose()
        .map_err(|e| ApiError::field("meter_id", e.to_string()))?;
    let corrections = state.store.corrections(meter.as_ref(), page).await?;
    Ok(Json(CorrectionPage {
        items: corrections
            .items
            .into_iter()
            .map(CorrectionResponse::from)
            .collect(),
        page: page.page(),
        per_page: page.per_page(),
        total: corrections.total,
    }))
}

/// The data sources allowed to report a meter.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MeterSourcesResponse {
    /// The utility's meter id.
    pub meter_id: String,
    /// Source names, in order; empty while no source has reported the meter (the first one to
    /// report it is bound to it).
    pub sources: Vec<String>,
}

/// Replacing the sources allowed to report a meter.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeterSourcesRequest {
    /// Source names; empty to let the next source that reports the meter claim it.
    #[schema(example = json!(["eac-mdm"]))]
    pub sources: Vec<String>,
}

async fn known_meter(state: &AppState, raw: &str) -> Result<MeterId, ApiError> {
    let meter_id =
        MeterId::parse(raw).map_err(|_| ApiError::NotFound("meter not found".to_owned()))?;
    state
        .store
        .meters_by_utility_ids(&[meter_id.as_str().to_owned()])
        .await?
        .contains_key(meter_id.as_str())
        .then_some(meter_id)
        .ok_or_else(|| ApiError::NotFound("meter not found".to_owned()))
}

/// The data sources allowed to report a meter (admin).
#[utoipa::path(
    get, path = "/admin/meters/{meter_id}/sources", tag = "admin", security(("bearer" = [])),
    params(("meter_id" = String, Path, description = "The utility's meter id")),
    responses(
        (status = 200, body = MeterSourcesResponse),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn meter_sources(
    State(state): State<AppState>,
    _admin: AdminUser,
    ApiPath(meter_id): ApiPath<String>,
) -> Result<Json<MeterSourcesResponse>, ApiError> {
    let meter_id = known_meter(&state, &meter_id).await?;
    let sources = state.store.meter_sources(&meter_id).await?;
    Ok(Json(MeterSourcesResponse {
        meter_id: meter_id.to_string(),
        sources,
    }))
}

/// Replaces the data sources allowed to report a meter (superadmin), for example when the
/// utility moves the meter to another meter data system. Uploads from any other source are
/// refused row by row from the next batch on.
#[utoipa::path(
    put, path = "/admin/meters/{meter_id}/sources", tag = "admin", security(("bearer" = [])),
    params(("meter_id" = String, Path, description = "The utility's meter id")),
    request_body = MeterSourcesRequest,
    responses(
        (status = 200, body = MeterSourcesResponse),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn bind_meter_sources(
    State(state): State<AppState>,
    SuperAdminUser(actor): SuperAdminUser,
    ApiPath(meter_id): ApiPath<String>,
    ApiJson(body): ApiJson<MeterSourcesRequest>,
) -> Result<Json<MeterSourcesResponse>, ApiError> {
    let meter_id = known_meter(&state, &meter_id).await?;
    let known = state.store.list_sources().await?;
    let mut names: Vec<String> = body
        .sources
        .iter()
        .map(|name| name.trim().to_owned())
        .collect();
    names.sort();
    names.dedup();
    if let Some(unknown) = names
        .iter()
        .find(|name| !known.iter().any(|source| &source.name == *name))
    {
        return Err(ApiError::field(
            "sources",
            format!("no data source is named {unknown:?}"),
        ));
    }
    let sources = state.store.bind_meter_sources(&meter_id, &names).await?;
    tracing::info!(actor = %actor.id, meter = %meter_id, sources = ?sources, "meter sources bound");
    Ok(Json(MeterSourcesResponse {
        meter_id: meter_id.to_string(),
        sources,
    }))
}
