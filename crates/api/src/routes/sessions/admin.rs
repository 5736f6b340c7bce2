//! Staff routes: plan, edit, announce and cancel sessions.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use domain::session::{SessionRules, SessionState};
use domain::sorting::Sort;
use jobs::Job;
use serde::Deserialize;
use store::SessionSortField;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::{SessionPage, SessionPlanBody, SessionResponse, parse_states, refuse_overlap};
use crate::AppState;
use crate::auth::extract::AdminUser;
use crate::error::{ApiError, FieldErrors, Problem};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::routes::page_request;
use crate::routes::sorting::{SESSION_SORTS, parse_sort};

/// Staff session routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_sessions, create_session))
        .routes(routes!(get_session, update_session))
        .routes(routes!(announce_session))
        .routes(routes!(cancel_session))
}

/// Filters of the staff session list.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SessionListQuery {
    /// Comma-separated states, e.g. `scheduled,live`; all when absent.
    pub state: Option<String>,
    /// Order: `title`, `starts_at`, `state` or `participants`, with a leading `-` for
    /// descending (default `-starts_at`: latest start first).
    #[param(example = "-starts_at")]
    pub sort: Option<String>,
    /// 1-based page.
    pub page: Option<u64>,
    /// Page size, 1–100.
    pub per_page: Option<u64>,
}

/// Sessions, sorted on the server (latest start first unless `sort` says otherwise).
#[utoipa::path(
    get, path = "/admin/sessions", tag = "sessions", security(("bearer" = [])),
    params(SessionListQuery),
    responses(
        (status = 200, body = SessionPage),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn list_sessions(
    State(state): State<AppState>,
    _admin: AdminUser,
    ApiQuery(query): ApiQuery<SessionListQuery>,
) -> Result<Json<SessionPage>, ApiError> {
    let states = parse_states(query.state.as_deref())?;
    let page = page_request(query.page, query.per_page)?;
    let sort = parse_sort(
        query.sort.as_deref(),
        SESSION_SORTS,
        Sort::descending(SessionSortField::StartsAt),
    )?;
    Ok(Json(
        state
            .store
            .list_sessions_sorted(&states, sort, page)
            .await?
            .into(),
    ))
}

/// Plans a session as a draft; households see it once announced.
#[utoipa::path(
    post, path = "/admin/sessions", tag = "sessions", security(("bearer" = [])),
    request_body = SessionPlanBody,
    responses(
        (status = 201, body = SessionResponse),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn create_session(
    State(state): State<AppState>,
    AdminUser(actor): AdminUser,
    ApiJson(body): ApiJson<SessionPlanBody>,
) -> Result<(StatusCode, Json<SessionResponse>), ApiError> {
    let plan = body.into_plan(
        &state.settings.programme.districts,
        state.engine.calendar().time_zone(),
    )?;
    refuse_overlap(&state.store, &plan, None).await?;
    let session = state.store.create_session(&plan, Some(actor.id)).await?;
    tracing::info!(actor = %actor.id, session = %session.id, "session planned");
    Ok((StatusCode::CREATED, Json(session.into())))
}

/// One session.
#[utoipa::path(
    get, path = "/admin/sessions/{id}", tag = "sessions", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Session id")),
    responses(
        (status = 200, body = SessionResponse),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn get_session(
    State(state): State<AppState>,
    _admin: AdminUser,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<SessionResponse>, ApiError> {
    Ok(Json(state.store.session(id).await?.into()))
}

/// Replaces the plan of a draft or announced session (announced ones keep their notice).
#[utoipa::path(
    put, path = "/admin/sessions/{id}", tag = "sessions", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Session id")),
    request_body = SessionPlanBody,
    responses(
        (status = 200, body = SessionResponse),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn update_session(
    State(state): State<AppState>,
    AdminUser(actor): AdminUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<SessionPlanBody>,
) -> Result<Json<SessionResponse>, ApiError> {
    let current = state.store.session(id).await?;
    if !current.state.is_editable() {
        return Err(ApiError::Conflict(format!(
            "a {} session can no longer be edited",
            current.state
        )));
    }
    let plan = body.into_plan(
        &state.settings.programme.districts,
        state.engine.calendar().time_zone(),
    )?;
    if current.state == SessionState::Scheduled {
        check_notice(&plan, &current.plan, Utc::now())?;
    }
    refuse_overlap(&state.store, &plan, Some(id)).await?;
    let session = state
        .store
        .update_session_plan(id, current.state, &plan)
        .await?;
    tracing::info!(actor = %actor.id, session = %id, "session edited");
    Ok(Json(session.into()))
}

/// An announced session may move, but not closer than its notice allows.
fn check_notice(
    plan: &store::SessionPlan,
    previous: &store::SessionPlan,
    now: chrono::DateTime<Utc>,
) -> Result<(), ApiError> {
    if plan.window.starts_at == previous.window.starts_at
        && plan.window.join_deadline == previous.window.join_deadline
    {
        return Ok(());
    }
    plan.window
        .check_notice(now, plan.surprise, &SessionRules::default())
        .map_err(problems)
}

fn problems(list: domain::session::FieldProblems) -> ApiError {
    let mut errors = FieldErrors::default();
    for (field, message) in list {
        errors.push(field, &message);
    }
    match errors.finish(|| None::<()>) {
        Err(error) => error,
        Ok(()) => ApiError::Internal("no problems to report".to_owned()),
    }
}

/// Announces a draft: households can see and join it until the deadline.
#[utoipa::path(
    post, path = "/admin/sessions/{id}/announce", tag = "sessions", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Session id")),
    responses(
        (status = 200, body = SessionResponse),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn announce_session(
    State(state): State<AppState>,
    AdminUser(actor): AdminUser,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<SessionResponse>, ApiError> {
    let current = state.store.session(id).await?;
    current
        .state
        .transition(SessionState::Scheduled)
        .map_err(|error| ApiError::Conflict(error.to_string()))?;
    current
        .plan
        .window
        .check_notice(Utc::now(), current.plan.surprise, &SessionRules::default())
        .map_err(problems)?;
    refuse_overlap(&state.store, &current.plan, Some(id)).await?;
    let session = state
        .store
        .set_session_state(id, current.state, SessionState::Scheduled)
        .await?;
    tracing::info!(actor = %actor.id, session = %id, "session announced");
    if let Some(queue) = &state.jobs {
        // The announcement stands without its job; the job only tells the worker.
        if let Err(error) = queue.enqueue(Job::Announce { session_id: id }).await {
            tracing::warn!(session = %id, %error, "announce job not queued");
        }
    }
    Ok(Json(session.into()))
}

/// Cancels a session that has not ended; nobody is rewarded for it.
#[utoipa::path(
    post, path = "/admin/sessions/{id}/cancel", tag = "sessions", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Session id")),
    responses(
        (status = 200, body = SessionResponse),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn cancel_session(
    State(state): State<AppState>,
    AdminUser(actor): AdminUser,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<SessionResponse>, ApiError> {
    let current = state.store.session(id).await?;
    current
        .state
        .transition(SessionState::Cancelled)
        .map_err(|error| ApiError::Conflict(error.to_string()))?;
    let session = state
        .store
        .set_session_state(id, current.state, SessionState::Cancelled)
        .await?;
    tracing::info!(actor = %actor.id, session = %id, "session cancelled");
    Ok(Json(session.into()))
}
