//! Staff views of the meter-data pipeline, and data-source API keys (superadmin).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use base64::Engine;
use chrono::{DateTime, Utc};
use domain::sorting::Sort;
use serde::{Deserialize, Serialize};
use store::{DeadLetterSortField, SourceKind, SourceRecord, SourceSortField};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::extract::{AdminUser, SuperAdminUser};
use crate::auth::tokens::refresh_token_hash;
use crate::error::{ApiError, FieldErrors, Problem};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::routes::meter_readings::API_KEY_PREFIX;
use crate::routes::page_request;
use crate::routes::sorting::{DEAD_LETTER_SORTS, SOURCE_SORTS, parse_sort};

/// Admin meter-data routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_sources))
        .routes(routes!(list_dead_letters))
        .routes(routes!(create_source))
        .routes(routes!(revoke_source))
}

/// A data source as staff see it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SourceResponse {
    /// Id.
    pub id: i64,
    /// Unique name.
    pub name: String,
    /// api, mqtt, pull, file, simulator or correction.
    pub kind: String,
    /// End of the newest interval delivered.
    pub last_reading_at: Option<DateTime<Utc>>,
    /// Seconds between now and `last_reading_at`: how far behind the source is.
    pub lag_seconds: Option<i64>,
    /// When it last delivered anything.
    pub last_ingest_at: Option<DateTime<Utc>>,
    /// Readings accepted today (since midnight in the programme's time zone).
    pub readings_today: i64,
    /// Readings rejected today (since midnight in the programme's time zone).
    pub rejected_today: i64,
    /// Whether its API key was revoked.
    pub revoked: bool,
    /// When it was created.
    pub created_at: DateTime<Utc>,
}

impl From<SourceRecord> for SourceResponse {
    fn from(source: SourceRecord) -> Self {
        Self {
            id: source.id,
            name: source.name,
            kind: source.kind.as_str().to_owned(),
            lag_seconds: source
                .last_reading_at
                .map(|t| (Utc::now() - t).num_seconds().max(0)),
            last_reading_at: source.last_reading_at,
            last_ingest_at: source.last_ingest_at,
            readings_today: source.readings_today,
            rejected_today: source.rejected_today,
            revoked: source.revoked_at.is_some(),
            created_at: source.created_at,
        }
    }
}

/// Which page of the data sources, in which order.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SourceListQuery {
    /// Order: `name`, `kind`, `last_reading_at`, `readings_today` or `rejected_today`, with a
    /// leading `-` for descending (default `name`). Sources that never delivered come last
    /// either way when ordered by `last_reading_at`.
    #[param(example = "-readings_today")]
    pub sort: Option<String>,
    /// 1-based page.
    pub page: Option<u64>,
    /// Page size, 1–100.
    pub per_page: Option<u64>,
}

/// A page of data sources.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SourcePage {
    /// The sources on this page, in the order asked for.
    pub items: Vec<SourceResponse>,
    /// 1-based page.
    pub page: u64,
    /// Page size.
    pub per_page: u64,
    /// Sources on all pages.
    pub total: u64,
}

/// The data sources with their lag and today's counts, paged and sorted on the server.
#[utoipa::path(
    get, path = "/admin/meter-data/sources", tag = "admin", security(("bearer" = [])),
    params(SourceListQuery),
    responses(
        (status = 200, body = SourcePage),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn list_sources(
    State(state): State<AppState>,
    _admin: AdminUser,
    ApiQuery(query): ApiQuery<SourceListQuery>,
) -> Result<Json<SourcePage>, ApiError> {
    let page = page_request(query.page, query.per_page)?;
    let sort = parse_sort(
        query.sort.as_deref(),
        SOURCE_SORTS,
        Sort::ascending(SourceSortField::Name),
    )?;
    let sources = state.store.source_page(sort, page).await?;
    Ok(Json(SourcePage {
        items: sources
            .items
            .into_iter()
            .map(SourceResponse::from)
            .collect(),
        page: page.page(),
        per_page: page.per_page(),
        total: sources.total,
    }))
}

/// Filters for the dead-letter list.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DeadLetterQuery {
    /// Only this source.
    pub source_id: Option<i64>,
    /// Order: `received_at`, `source_name` or `reason`, with a leading `-` for descending
    /// (default `-received_at`: newest first).
    #[param(example = "-received_at")]
    pub sort: Option<String>,
    /// 1-based page.
    pub page: Option<u64>,
    /// Page size, 1–100.
    pub per_page: Option<u64>,
}

/// A message that could not be read.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DeadLetterResponse {
    /// Id.
    pub id: i64,
    /// Source it came from.
    pub source_id: i64,
    /// That source's name.
    pub source_name: String,
    /// When it arrived.
    pub received_at: DateTime<Utc>,
    /// The message (first 4 KiB).
    pub payload: String,
    /// Why it was refused.
    pub reason: String,
}

/// A page of dead letters.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct DeadLetterPage {
    /// In the order asked for.
    pub items: Vec<DeadLetterResponse>,
    /// Page number.
    pub page: u64,
    /// Page size.
    pub per_page: u64,
    /// Matching messages on all pages.
    pub total: u64,
}

/// Messages that could not be read, sorted on the server (newest first unless `sort` says
/// otherwise).
#[utoipa::path(
    get, path = "/admin/meter-data/dead-letters", tag = "admin", security(("bearer" = [])),
    params(DeadLetterQuery),
    responses(
        (status = 200, body = DeadLetterPage),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn list_dead_letters(
    State(state): State<AppState>,
    _admin: AdminUser,
    ApiQuery(query): ApiQuery<DeadLetterQuery>,
) -> Result<Json<DeadLetterPage>, ApiError> {
    let page = page_request(query.page, query.per_page)?;
    let sort = parse_sort(
        query.sort.as_deref(),
        DEAD_LETTER_SORTS,
        Sort::descending(DeadLetterSortField::ReceivedAt),
    )?;
    let letters = state
        .store
        .dead_letters_sorted(query.source_id, sort, page)
        .await?;
    Ok(Json(DeadLetterPage {
        items: letters
            .items
            .into_iter()
            .map(|l| DeadLetterResponse {
                id: l.id,
                source_id: l.source_id,
                source_name: l.source_name,
                received_at: l.received_at,
                payload: l.payload,
                reason: l.reason,
            })
            .collect(),
        page: page.page(),
        per_page: page.per_page(),
        total: letters.total,
    }))
}

/// Creating a data source that pushes readings.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateSourceRequest {
    /// A unique name, e.g. the meter data system's.
    #[schema(example = "eac-mdm")]
    pub name: String,
}

/// A new source with its API key, shown this once.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CreatedSourceResponse {
    /// The source.
    pub source: SourceResponse,
    /// Send as `Authorization: Bearer <key>` or `X-API-Key`; only its hash is stored.
    pub api_key: String,
}

/// Creates a data source and its API key (superadmin).
#[utoipa::path(
    post, path = "/admin/data-sources", tag = "admin", security(("bearer" = [])),
    request_body = CreateSourceRequest,
    responses(
        (status = 201, body = CreatedSourceResponse),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn create_source(
    State(state): State<AppState>,
    SuperAdminUser(actor): SuperAdminUser,
    ApiJson(body): ApiJson<CreateSourceRequest>,
) -> Result<(StatusCode, Json<CreatedSourceResponse>), ApiError> {
    let mut errors = FieldErrors::default();
    let name = body.name.trim().to_owned();
    let valid = !name.is_empty()
        && name.len() <= 100
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ' '));
    let name = errors.check(
        "name",
        if valid {
            Ok(name)
        } else {
            Err(domain::ValidationError::new(
                "name must be 1-100 letters, digits, spaces, '-', '_' or '.'",
            ))
        },
    );
    let name = errors.finish(|| name)?;
    let mut secret = [0u8; 32];
    getrandom::fill(&mut secret).map_err(|e| ApiError::Internal(format!("no randomness: {e}")))?;
    let api_key = format!(
        "{API_KEY_PREFIX}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(secret)
    );
    let source = state
        .store
        .create_source(&name, SourceKind::Api, Some(refresh_token_hash(&api_key)))
        .await?;
    tracing::info!(actor = %actor.id, source = %source.name, "data source created");
    Ok((
        StatusCode::CREATED,
        Json(CreatedSourceResponse {
            source: source.into(),
            api_key,
        }),
    ))
}

/// Revokes a data source's API key (superadmin); its next upload is refused.
#[utoipa::path(
    post, path = "/admin/data-sources/{id}/revoke", tag = "admin", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Data source id")),
    responses(
        (status = 200, body = SourceResponse),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The source has no key to revoke (an MQTT, file, pull or simulator source)", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn revoke_source(
    State(state): State<AppState>,
    SuperAdminUser(actor): SuperAdminUser,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<SourceResponse>, ApiError> {
    let source = state.store.revoke_source(id).await?;
    tracing::info!(actor = %actor.id, source = %source.name, "data source revoked");
    Ok(Json(source.into()))
}
