//! `POST /meter-readings`: bulk upload by a meter data system, authenticated by its API key.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequestParts, State};
use axum::http::HeaderMap;
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::request::Parts;
use ingest::json::DocumentError;
use ingest::{IngestReport, Ingestor, ParsedRow, RowRef};
use serde::{Deserialize, Serialize};
use store::SourceRecord;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::tokens::refresh_token_hash;
use crate::error::{ApiError, Problem};

/// Prefix of data-source API keys, so they are recognisable in logs and never mistaken for a JWT.
pub const API_KEY_PREFIX: &str = "psk_";

/// A data source authenticated by its API key (`Authorization: Bearer psk_…` or `X-API-Key`).
#[derive(Debug, Clone)]
pub struct DataSourceCaller(pub SourceRecord);

impl FromRequestParts<AppState> for DataSourceCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let from_authorization = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        let key = from_authorization
            .or_else(|| parts.headers.get("x-api-key").and_then(|v| v.to_str().ok()))
            .map(str::trim)
            .filter(|key| key.starts_with(API_KEY_PREFIX))
            .ok_or(ApiError::Unauthorized("a data-source API key is required"))?;
        state
            .store
            .source_by_key_hash(&refresh_token_hash(key))
            .await?
            .map(Self)
            .ok_or(ApiError::Unauthorized("unknown or revoked API key"))
    }
}

/// `/meter-readings`, with its own (larger) body limit.
pub fn router(body_limit_bytes: usize) -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(upload))
        .route_layer(DefaultBodyLimit::max(body_limit_bytes))
}

/// One reading in a JSON upload.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[expect(
    dead_code,
    reason = "the documented shape of one reading, read by `ingest::json` with the same fields"
)]
pub struct ReadingInput {
    /// The utility's meter id.
    #[schema(example = "CY-000123")]
    pub meter_id: String,
    /// Interval start, RFC 3339.
    #[schema(example = "2026-07-01T17:00:00Z")]
    pub interval_start: String,
    /// Energy over the interval in kWh.
    #[schema(example = 0.412)]
    pub kwh: f64,
    /// `actual` (default) or `estimated`.
    pub quality: Option<String>,
}

/// A JSON upload.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[expect(
    dead_code,
    reason = "the documented shape of the body: `ingest::json::parse_upload` reads it element by \
              element into typed rows, so that one bad element is refused alone"
)]
pub struct ReadingsUpload {
    /// The readings; each is validated on its own.
    pub readings: Vec<ReadingInput>,
}

/// A refused row.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RejectedRow {
    /// CSV line (1-based, header counted), for CSV uploads.
    pub line: Option<u64>,
    /// Array index (0-based), for JSON uploads.
    pub index: Option<u64>,
    /// The meter id of the row, when readable.
    pub meter_id: Option<String>,
    /// Why it was refused.
    pub reason: String,
}

/// What an upload did.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct IngestResponse {
    /// Readings stored in empty slots.
    pub inserted: u64,
    /// Readings that replaced another value or an estimate.
    pub updated: u64,
    /// Readings already stored, or estimates where an actual exists.
    pub unchanged: u64,
    /// Rows refused.
    pub rejected: u64,
    /// The first refused rows (at most 1,000).
    pub rejects: Vec<RejectedRow>,
    /// Whether more rows were refused than listed.
    pub rejects_truncated: bool,
}

impl From<IngestReport> for IngestResponse {
    fn from(report: IngestReport) -> Self {
        let rejects_truncated = report.rejected > report.rejects.len() as u64;
        Self {
            inserted: report.counts.inserted,
            updated: report.counts.updated,
            unchanged: report.counts.unchanged,
            rejected: report.rejected,
            rejects: report
                .rejects
                .into_iter()
                .map(|r| RejectedRow {
                    line: match r.row {
                        RowRef::Line(n) => Some(n),
                        RowRef::Index(_) => None,
                    },
                    index: match r.row {
                        RowRef::Index(n) => Some(n),
                        RowRef::Line(_) => None,
                    },
                    meter_id: r.meter_id,
                    reason: r.reason.to_string(),
                })
                .collect(),
            rejects_truncated,
        }
    }
}

/// Rows stored per transaction of an upload: the parsed rows of one batch are all that is held
/// beside the body, so a 32 MiB body costs a bounded multiple of itself.
const UPLOAD_BATCH: usize = 20_000;

/// Validates and stores `rows` in batches of [`UPLOAD_BATCH`], adding up the reports.
async fn ingest_in_batches(
    ingestor: &Ingestor,
    mut rows: impl Iterator<Item = ParsedRow> + Send,
) -> Result<IngestReport, ApiError> {
    let mut report = IngestReport::default();
    loop {
        let batch: Vec<ParsedRow> = rows.by_ref().take(UPLOAD_BATCH).collect();
        if batch.is_empty() {
            return Ok(report);
        }
        report.add(ingestor.ingest(batch).await?);
    }
}

/// Uploads readings as JSON (`{"readings": [...]}`) or CSV (`meter_id,interval_start,kwh[,quality]`).
/// Valid rows are stored even when others are refused; the answer counts both and lists the
/// refused rows with their line or index. Re-sending the same data changes nothing.
#[utoipa::path(
    post, path = "/meter-readings", tag = "meter data", security(("api_key" = [])),
    request_body(content(
        (ReadingsUpload = "application/json"),
        (String = "text/csv", example = "meter_id,interval_start,kwh,quality\nCY-000123,2026-07-01T17:00:00Z,0.412,actual\n")
    )),
    responses(
        (status = 200, description = "Processed; see counts and rejects", body = IngestResponse),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 413, body = Problem, content_type = "application/problem+json"),
        (status = 415, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn upload(
    State(state): State<AppState>,
    DataSourceCaller(source): DataSourceCaller,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Json<IngestResponse>, ApiError> {
    let body = body.map_err(|rejection| {
        if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::PayloadTooLarge
        } else {
            ApiError::BadRequest(rejection.body_text())
        }
    })?;
    let content_type = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let ingestor = Ingestor::new(
        state.store.clone(),
        state.settings.reading_limits,
        source.id,
    )
    .with_events(state.reading_events.clone());
    let report = if content_type.starts_with("application/json") {
        let rows = ingest::json::parse_upload(&body).map_err(|error| match error {
            DocumentError::Syntax(_) => ApiError::BadRequest(error.to_string()),
            DocumentError::Shape { .. } => ApiError::UnprocessableBody(error.to_string()),
        })?;
        ingest_in_batches(&ingestor, rows).await?
    } else if content_type.starts_with("text/csv") {
        ingest_in_batches(&ingestor, ingest::csv::parse_body(&body)).await?
    } else {
        return Err(ApiError::UnsupportedMediaType(
            "send application/json or text/csv".to_owned(),
        ));
    };
    tracing::info!(source = %source.name, inserted = report.counts.inserted, updated = report.counts.updated,
        unchanged = report.counts.unchanged, rejected = report.rejected, "readings uploaded");
    Ok(Json(report.into()))
}
