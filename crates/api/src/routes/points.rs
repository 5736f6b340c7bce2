//! Green Points: a household's balance and ledger, and, for staff, any user's ledger and the
//! sessions they joined.

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, Utc};
use domain::paging::PageRequest;
use domain::sorting::Sort;
use serde::{Deserialize, Serialize};
use store::{PointsSortField, SessionSortField};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::AppState;
use crate::auth::extract::{AdminUser, CurrentUser};
use crate::error::{ApiError, Problem};
use crate::extract::{ApiPath, ApiQuery};
use crate::routes::page_request;
use crate::routes::sessions::SessionResponse;
use crate::routes::sessions::consumer::ResultResponse;
use crate::routes::sorting::{POINTS_SORTS, SESSION_SORTS, parse_sort};

/// Points routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(my_points))
        .routes(routes!(user_points))
        .routes(routes!(user_sessions))
}

/// Which page.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// 1-based page.
    pub page: Option<u64>,
    /// Page size, 1–100.
    pub per_page: Option<u64>,
}

impl PageQuery {
    /// The validated page (422 for a page below 1 or a size outside 1–100).
    pub(crate) fn request(&self) -> Result<PageRequest, ApiError> {
        page_request(self.page, self.per_page)
    }
}

/// Which page of a user's ledger staff see, in which order.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct LedgerQuery {
    /// Order: `created_at`, `points` or `reason`, with a leading `-` for descending (default
    /// `-created_at`: newest first; entries added together, last appended first).
    #[param(example = "-points")]
    pub sort: Option<String>,
    /// 1-based page.
    pub page: Option<u64>,
    /// Page size, 1–100.
    pub per_page: Option<u64>,
}

/// One ledger entry.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PointsEntryResponse {
    /// Points (negative for a correction downwards).
    pub points: i64,
    /// Why the points were entered.
    pub reason: domain::rewards::LedgerReason,
    /// What it refers to (a session id, with `#n` for corrections).
    pub reference: String,
    /// A note for people.
    pub note: Option<String>,
    /// When it was added.
    pub created_at: DateTime<Utc>,
}

/// A balance with a page of its ledger, newest first.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PointsResponse {
    /// Sum of the whole ledger.
    pub balance: i64,
    /// Entries on this page.
    pub items: Vec<PointsEntryResponse>,
    /// 1-based page.
    pub page: u64,
    /// Page size.
    pub per_page: u64,
    /// Entries in all.
    pub total: u64,
}

async fn points_of(
    state: &AppState,
    user: Uuid,
    page: PageRequest,
    sort: Sort<PointsSortField>,
) -> Result<PointsResponse, ApiError> {
    let ledger = state.store.points_ledger_sorted(user, sort, page).await?;
    Ok(PointsResponse {
        balance: state.store.points_balance(user).await?,
        page: ledger.request.page(),
        per_page: ledger.request.per_page(),
        total: ledger.total,
        items: ledger
            .items
            .into_iter()
            .map(|e| PointsEntryResponse {
                points: e.entry.points,
                reason: e.entry.reason,
                reference: e.entry.reference,
                note: e.entry.note,
                created_at: e.created_at,
            })
            .collect(),
    })
}

/// The signed-in household's Green Points.
#[utoipa::path(
    get, path = "/me/points", tag = "me", security(("bearer" = [])),
    params(PageQuery),
    responses(
        (status = 200, body = PointsResponse),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn my_points(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> Result<Json<PointsResponse>, ApiError> {
    let newest = Sort::descending(PointsSortField::CreatedAt);
    points_of(&state, user.id, query.request()?, newest)
        .await
        .map(Json)
}

/// A user's Green Points, the ledger sorted on the server.
#[utoipa::path(
    get, path = "/admin/users/{id}/points", tag = "admin", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "User id"), LedgerQuery),
    responses(
        (status = 200, body = PointsResponse),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn user_points(
    State(state): State<AppState>,
    _admin: AdminUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(query): ApiQuery<LedgerQuery>,
) -> Result<Json<PointsResponse>, ApiError> {
    let page = page_request(query.page, query.per_page)?;
    let sort = parse_sort(
        query.sort.as_deref(),
        POINTS_SORTS,
        Sort::descending(PointsSortField::CreatedAt),
    )?;
    known_user(&state, id).await?;
    points_of(&state, id, page, sort).await.map(Json)
}

async fn known_user(state: &AppState, id: Uuid) -> Result<(), ApiError> {
    match state.store.user_by_id(id).await? {
        Some(_) => Ok(()),
        None => Err(ApiError::NotFound("user not found".to_owned())),
    }
}

/// A session a user joined, with their result.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct JoinedSession {
    /// The session.
    pub session: SessionResponse,
    /// The user's result, once computed.
    pub result: Option<ResultResponse>,
}

/// A page of joined sessions.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct JoinedSessionPage {
    /// In the order asked for.
    pub items: Vec<JoinedSession>,
    /// 1-based page.
    pub page: u64,
    /// Page size.
    pub per_page: u64,
    /// Sessions in all.
    pub total: u64,
}

/// Which page of a user's joined sessions, in which order.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct JoinedSessionsQuery {
    /// Order: `title`, `starts_at`, `state` or `participants`, with a leading `-` for
    /// descending (default `-starts_at`: latest start first).
    #[param(example = "title")]
    pub sort: Option<String>,
    /// 1-based page.
    pub page: Option<u64>,
    /// Page size, 1–100.
    pub per_page: Option<u64>,
}

/// The sessions a user joined, with their results, sorted on the server.
#[utoipa::path(
    get, path = "/admin/users/{id}/sessions", tag = "admin", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "User id"), JoinedSessionsQuery),
    responses(
        (status = 200, body = JoinedSessionPage),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn user_sessions(
    State(state): State<AppState>,
    _admin: AdminUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiQuery(query): ApiQuery<JoinedSessionsQuery>,
) -> Result<Json<JoinedSessionPage>, ApiError> {
    let page = page_request(query.page, query.per_page)?;
    let sort = parse_sort(
        query.sort.as_deref(),
        SESSION_SORTS,
        Sort::descending(SessionSortField::StartsAt),
    )?;
    known_user(&state, id).await?;
    let page = state.store.sessions_joined_by(id, sort, page).await?;
    Ok(Json(JoinedSessionPage {
        page: page.request.page(),
        per_page: page.request.per_page(),
        total: page.total,
        items: page
            .items
            .into_iter()
            .map(|(session, result)| JoinedSession {
                session: session.into(),
                result: result.map(ResultResponse::from),
            })
            .collect(),
    }))
}
