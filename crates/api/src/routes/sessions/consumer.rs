//! Household routes: see sessions, join and leave them, and read one's own result.

use std::collections::HashMap;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use domain::language::Language;
use domain::session::{SessionState, may_change_participation, may_join};
use domain::settlement::ResultStatus;
use serde::{Deserialize, Serialize};
use store::{SessionRecord, SessionResultRecord};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::{SessionResponse, shown_percent};
use crate::AppState;
use crate::auth::extract::CurrentUser;
use crate::error::{ApiError, Problem};
use crate::extract::{ApiPath, ApiQuery};
use crate::routes::page_request;

/// Household session routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_sessions))
        .routes(routes!(get_session))
        .routes(routes!(join_session, leave_session))
}

/// Which sessions to list.
#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum When {
    /// Announced and not yet started, soonest first.
    #[default]
    Upcoming,
    /// Running now.
    Live,
    /// Over: provisional or final results, latest first.
    Past,
}

/// Filters of the household session list.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct HouseholdSessionQuery {
    /// upcoming (default), live or past.
    #[param(inline)]
    pub when: Option<When>,
    /// 1-based page.
    pub page: Option<u64>,
    /// Page size, 1–100.
    pub per_page: Option<u64>,
}

/// A session as a household sees it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct HouseholdSession {
    /// The session.
    #[serde(flatten)]
    pub session: SessionResponse,
    /// Whether this household joined.
    pub joined: bool,
    /// Whether this household is in the audience.
    pub invited: bool,
    /// Green Points this household earned for the session so far: its ledger entries that refer
    /// to the session (savings, opt-in and streak bonuses, and later corrections), so a past
    /// session's result can say what it paid without the household adding up its history. 0
    /// until the session is settled.
    pub points_earned: i64,
}

/// A page of sessions for a household.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct HouseholdSessionPage {
    /// Sessions on this page.
    pub items: Vec<HouseholdSession>,
    /// 1-based page number.
    pub page: u64,
    /// Page size.
    pub per_page: u64,
    /// Sessions on all pages.
    pub total: u64,
}

/// One settlement period of a household's result.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PeriodResponse {
    /// UTC start of the 30-minute period.
    pub start: DateTime<Utc>,
    /// Baseline (kWh).
    pub baseline_kwh: f64,
    /// Measured (kWh), once it arrived.
    pub actual_kwh: Option<f64>,
}

/// A household's result for a session.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ResultResponse {
    /// Where the result stands: pending (baseline known, session not settled), provisional,
    /// final or insufficient_data.
    pub status: ResultStatus,
    /// Why there is no result, for insufficient_data.
    pub reason: Option<String>,
    /// Baseline over the session (kWh).
    pub baseline_kwh: Option<f64>,
    /// Measured over the session (kWh).
    pub actual_kwh: Option<f64>,
    /// Baseline − actual (kWh).
    pub saved_kwh: Option<f64>,
    /// Saved as a share of the baseline (%).
    pub percent_saved: Option<f64>,
    /// Per-period figures.
    pub periods: Vec<PeriodResponse>,
    /// When it was computed.
    pub computed_at: DateTime<Utc>,
}

impl From<SessionResultRecord> for ResultResponse {
    fn from(record: SessionResultRecord) -> Self {
        let periods = record
            .periods
            .iter()
            .map(|p| PeriodResponse {
                start: p.start,
                baseline_kwh: p.baseline_kwh,
                actual_kwh: p.actual_kwh,
            })
            .collect();
        let percent_saved = shown_percent(domain::settlement::percent_saved(
            record.saved_kwh,
            record.baseline_kwh,
        ));
        Self {
            status: record.status,
            reason: record.reason,
            baseline_kwh: record.baseline_kwh,
            actual_kwh: record.actual_kwh,
            saved_kwh: record.saved_kwh,
            percent_saved,
            periods,
            computed_at: record.computed_at,
        }
    }
}

/// A session with this household's part in it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct HouseholdSessionDetail {
    /// The session and whether the household joined.
    #[serde(flatten)]
    pub session: HouseholdSession,
    /// The household's result, once there is one.
    pub result: Option<ResultResponse>,
}

/// Sessions households can see.
#[utoipa::path(
    get, path = "/sessions", tag = "sessions", operation_id = "list_household_sessions", security(("bearer" = [])),
    params(HouseholdSessionQuery),
    responses(
        (status = 200, body = HouseholdSessionPage),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn list_sessions(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiQuery(query): ApiQuery<HouseholdSessionQuery>,
) -> Result<Json<HouseholdSessionPage>, ApiError> {
    let page = page_request(query.page, query.per_page)?;
    let found = match query.when.unwrap_or_default() {
        When::Upcoming => state.store.upcoming_sessions(Utc::now(), page).await?,
        When::Live => {
            state
                .store
                .list_sessions(&[SessionState::Live], true, page)
                .await?
        }
        When::Past => {
            let past = [SessionState::Settling, SessionState::Final];
            state.store.list_sessions(&past, false, page).await?
        }
    };
    let ids: Vec<Uuid> = found.items.iter().map(|s| s.id).collect();
    let joined = state.store.joined_sessions(user.id, &ids).await?;
    let points = state.store.points_by_session(user.id, &ids).await?;
    let district = state.store.household(user.id).await?.district;
    Ok(Json(HouseholdSessionPage {
        page: found.request.page(),
        per_page: found.request.per_page(),
        total: found.total,
        items: found
            .items
            .into_iter()
            .map(|s| household_view(s, &joined, &points, district.as_deref(), user.language))
            .collect(),
    }))
}

fn household_view(
    session: SessionRecord,
    joined: &[Uuid],
    points: &HashMap<Uuid, i64>,
    district: Option<&str>,
    language: Language,
) -> HouseholdSession {
    HouseholdSession {
        joined: joined.contains(&session.id),
        invited: session.plan.audience.includes(district),
        points_earned: points.get(&session.id).copied().unwrap_or(0),
        session: SessionResponse::for_reader(session, language),
    }
}

/// A session that households may see (announced or later, not a draft).
async fn visible(state: &AppState, id: Uuid) -> Result<SessionRecord, ApiError> {
    let session = state.store.session(id).await?;
    if session.state == SessionState::Draft {
        return Err(ApiError::NotFound("session not found".to_owned()));
    }
    Ok(session)
}

/// One session with this household's participation and result.
#[utoipa::path(
    get, path = "/sessions/{id}", tag = "sessions", operation_id = "get_household_session", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Session id")),
    responses(
        (status = 200, body = HouseholdSessionDetail),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn get_session(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<HouseholdSessionDetail>, ApiError> {
    let session = visible(&state, id).await?;
    let joined = state.store.joined_sessions(user.id, &[id]).await?;
    let points = state.store.points_by_session(user.id, &[id]).await?;
    let district = state.store.household(user.id).await?.district;
    let result = state.store.session_result(id, user.id).await?;
    Ok(Json(HouseholdSessionDetail {
        session: household_view(
            session,
            &joined,
            &points,
            district.as_deref(),
            user.language,
        ),
        result: result.map(ResultResponse::from),
    }))
}

/// Joins a session until its deadline, if the household is invited and has enough recent data.
#[utoipa::path(
    post, path = "/sessions/{id}/join", tag = "sessions", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Session id")),
    responses(
        (status = 200, body = HouseholdSession),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn join_session(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<HouseholdSession>, ApiError> {
    let session = open_for_changes(&state, id).await?;
    let district = state.store.household(user.id).await?.district;
    may_join(&session.plan.audience, district.as_deref())?;
    state.engine.check_eligible(user.id, &session).await?;
    state.store.join_session(id, user.id).await?;
    let session = state.store.session(id).await?;
    // A session still open for joining has paid nothing yet.
    Ok(Json(household_view(
        session,
        &[id],
        &HashMap::new(),
        district.as_deref(),
        user.language,
    )))
}

/// Leaves a session until its deadline.
#[utoipa::path(
    delete, path = "/sessions/{id}/join", tag = "sessions", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Session id")),
    responses(
        (status = 204),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn leave_session(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<StatusCode, ApiError> {
    open_for_changes(&state, id).await?;
    state
        .store
        .leave_session(id, user.id)
        .await
        .map_err(|error| match error {
            store::StoreError::NotFound(_) => {
                ApiError::Conflict("you had not joined this session".to_owned())
            }
            other => other.into(),
        })?;
    Ok(StatusCode::NO_CONTENT)
}

/// An announced session whose join deadline has not passed.
async fn open_for_changes(state: &AppState, id: Uuid) -> Result<SessionRecord, ApiError> {
    let session = visible(state, id).await?;
    may_change_participation(session.state, session.plan.window.join_deadline, Utc::now())?;
    Ok(session)
}
