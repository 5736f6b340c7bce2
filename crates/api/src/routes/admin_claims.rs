//! Staff side of households connecting their meters: the review queue, a household's link
//! history and the customer register's freshness (docs/RULES.md, "Connecting a meter").

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use domain::household::District;
use domain::meter::MeterId;
use domain::onboarding::{CONSENT_TEXT_VERSION, ClaimStatus};
use serde::{Deserialize, Serialize};
use store::{ClaimRecord, LinkRecord, StaffDecision};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::AppState;
use crate::auth::extract::AdminUser;
use crate::error::{ApiError, FieldErrors, Problem};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::routes::page_request;

/// Longest note kept with a decision.
const NOTE_MAX_CHARS: usize = 500;

/// `/admin/meter-claims`, `/admin/users/{id}/meter-links`, `/admin/customer-register`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_claims))
        .routes(routes!(decide_claim))
        .routes(routes!(meter_links))
        .routes(routes!(register_status))
}

/// A household's claim on a meter.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ClaimResponse {
    /// Id.
    pub id: Uuid,
    /// The claiming household's account.
    pub user_id: Uuid,
    /// The meter.
    pub meter_id: String,
    /// The account number the household typed.
    pub account_number: String,
    /// `linked`, `refused`, `review`, `approved` or `rejected`.
    pub status: String,
    /// Why it waits for staff: `held_by_another` or `near_miss`.
    pub review_reason: Option<String>,
    /// Who decided it.
    pub decided_by: Option<Uuid>,
    /// Why, as staff wrote it.
    pub decision_note: Option<String>,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When it was decided.
    pub decided_at: Option<DateTime<Utc>>,
}

impl From<ClaimRecord> for ClaimResponse {
    fn from(record: ClaimRecord) -> Self {
        Self {
            id: record.id,
            user_id: record.user_id,
            meter_id: record.meter_id,
            account_number: record.account_number,
            status: record.status.as_str().to_owned(),
            review_reason: record.review_reason.map(|r| r.as_str().to_owned()),
            decided_by: record.decided_by,
            decision_note: record.decision_note,
            created_at: record.created_at,
            decided_at: record.decided_at,
        }
    }
}

/// Filters of the claims list.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ClaimQuery {
    /// Only claims in this status (`review` for the queue).
    pub status: Option<String>,
    /// 1-based page.
    pub page: Option<u64>,
    /// Page size, 1–100.
    pub per_page: Option<u64>,
}

/// A page of claims.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ClaimPage {
    /// Newest first.
    pub items: Vec<ClaimResponse>,
    /// Page number.
    pub page: u64,
    /// Page size.
    pub per_page: u64,
    /// Matching claims on all pages.
    pub total: u64,
}

/// Households' claims on meters, newest first; `status=review` is the review queue.
#[utoipa::path(
    get, path = "/admin/meter-claims", tag = "admin", security(("bearer" = [])),
    params(ClaimQuery),
    responses(
        (status = 200, body = ClaimPage),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn list_claims(
    State(state): State<AppState>,
    _staff: AdminUser,
    ApiQuery(query): ApiQuery<ClaimQuery>,
) -> Result<Json<ClaimPage>, ApiError> {
    let status = query
        .status
        .as_deref()
        .map(ClaimStatus::parse)
        .transpose()
        .map_err(|error| ApiError::field("status", error.to_string()))?;
    let page = page_request(query.page, query.per_page)?;
    let found = state.store.claims(status, page).await?;
    Ok(Json(ClaimPage {
        page: found.request.page(),
        per_page: found.request.per_page(),
        total: found.total,
        items: found.items.into_iter().map(Into::into).collect(),
    }))
}

/// Staff's decision on a claim in review.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClaimDecisionRequest {
    /// Link the meter to the claiming household (ending another household's link, whose
    /// history stays with it), or refuse the claim.
    pub approve: bool,
    /// Why (1–500 characters), kept with the claim.
    #[schema(example = "tenancy agreement checked by phone")]
    pub note: String,
}

/// Approves or rejects a claim in review, with a note kept with it.
#[utoipa::path(
    post, path = "/admin/meter-claims/{id}/decision", tag = "admin", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Claim id")),
    request_body = ClaimDecisionRequest,
    responses(
        (status = 200, body = ClaimResponse),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn decide_claim(
    State(state): State<AppState>,
    AdminUser(staff): AdminUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<ClaimDecisionRequest>,
) -> Result<Json<ClaimResponse>, ApiError> {
    let note = body.note.trim();
    let mut errors = FieldErrors::default();
    if note.is_empty() || note.chars().count() > NOTE_MAX_CHARS {
        errors.push("note", "note must be 1-500 characters");
    }
    errors.finish(|| Some(()))?;
    let claim = state
        .store
        .claims_by_id(id)
        .await?
        .ok_or_else(|| ApiError::NotFound("claim not found".to_owned()))?;
    let meter_id = MeterId::parse(&claim.meter_id)
        .map_err(|_| ApiError::Internal("a stored claim has a bad meter id".to_owned()))?;
    let line = state.store.register_line(&meter_id).await?;
    let district = line
        .as_ref()
        .and_then(|line| line.district.as_deref())
        .and_then(|d| District::parse(d, &state.settings.programme.districts).ok());
    let decided = state
        .store
        .decide_claim(
            id,
            &StaffDecision {
                approve: body.approve,
                staff: staff.id,
                note,
                line: line.as_ref(),
                district: district.as_ref(),
                consent_version: CONSENT_TEXT_VERSION,
            },
        )
        .await?;
    tracing::info!(actor = %staff.id, claim = %id, meter = %decided.meter_id, approve = body.approve, note, "meter claim decided");
    if body.approve {
        crate::routes::onboarding::ask_for_history(&state, decided.user_id, &meter_id).await;
    }
    Ok(Json(decided.into()))
}

/// One period a household held a meter.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MeterLinkResponse {
    /// The meter.
    pub meter_id: String,
    /// `staff`, `claim` or `review`.
    pub how: String,
    /// From.
    pub linked_at: DateTime<Utc>,
    /// Until, once ended.
    pub ended_at: Option<DateTime<Utc>>,
    /// `unlinked`, `consent_withdrawn` or `reassigned`, once ended.
    pub end_reason: Option<String>,
}

impl From<LinkRecord> for MeterLinkResponse {
    fn from(record: LinkRecord) -> Self {
        Self {
            meter_id: record.meter_id,
            how: record.how,
            linked_at: record.linked_at,
            ended_at: record.ended_at,
            end_reason: record.end_reason,
        }
    }
}

/// Every period a household held a meter, newest first.
#[utoipa::path(
    get, path = "/admin/users/{id}/meter-links", tag = "admin", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "User id")),
    responses(
        (status = 200, body = Vec<MeterLinkResponse>),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn meter_links(
    State(state): State<AppState>,
    _staff: AdminUser,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<Vec<MeterLinkResponse>>, ApiError> {
    state
        .store
        .user_by_id(id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("user {id} not found")))?;
    let links = state.store.meter_link_history(id).await?;
    Ok(Json(links.into_iter().map(Into::into).collect()))
}

/// How fresh the customer register is.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RegisterStatusResponse {
    /// Meters in it.
    pub entries: u64,
    /// Where the last import came from.
    pub last_import_source: Option<String>,
    /// When it finished.
    pub last_import_at: Option<DateTime<Utc>>,
    /// Lines it stored.
    pub last_import_rows: Option<u64>,
    /// Lines it refused.
    pub last_import_rejected: Option<u64>,
    /// Claims waiting for staff.
    pub claims_in_review: u64,
}

/// The customer register's size and last import, and the claims waiting in review.
#[utoipa::path(
    get, path = "/admin/customer-register", tag = "admin", security(("bearer" = [])),
    responses(
        (status = 200, body = RegisterStatusResponse),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn register_status(
    State(state): State<AppState>,
    _staff: AdminUser,
) -> Result<Json<RegisterStatusResponse>, ApiError> {
    let status = state.store.register_status().await?;
    let one = page_request(Some(1), Some(1))?;
    let in_review = state
        .store
        .claims(Some(ClaimStatus::Review), one)
        .await?
        .total;
    let last = status.last_import;
    Ok(Json(RegisterStatusResponse {
        entries: status.entries,
        last_import_source: last.as_ref().map(|l| l.source.clone()),
        last_import_at: last.as_ref().map(|l| l.finished_at),
        last_import_rows: last.as_ref().map(|l| l.rows),
        last_import_rejected: last.as_ref().map(|l| l.rejected),
        claims_in_review: in_review,
    }))
}
