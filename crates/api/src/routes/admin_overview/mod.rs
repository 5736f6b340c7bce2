//! The numbers on the first screen staff see: headline figures, the kWh saved per session and the
//! whole programme's consumption over time.

pub mod consumption;
pub mod sessions;

use axum::Json;
use axum::extract::State;
use chrono::{Duration, Utc};
use domain::paging::PageRequest;
use domain::session::SessionState;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::extract::AdminUser;
use crate::error::{ApiError, Problem};
use crate::routes::sessions::SessionResponse;

/// Headline figures of the programme.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct OverviewResponse {
    /// Consumer accounts, one household each.
    pub households_registered: u64,
    /// Households that signed in during the last 30 days.
    pub households_active_30d: u64,
    /// Disabled accounts.
    pub accounts_disabled: u64,
    /// Meters linked to a household.
    pub meters_linked: u64,
    /// Meters that delivered a reading (new or corrected) in the last 24 hours.
    pub meters_reporting_24h: u64,
    /// Admin and superadmin accounts.
    pub staff_accounts: u64,
    /// The live session, or else the next announced one still to start.
    pub live_or_next_session: Option<SessionResponse>,
    /// kWh saved (baseline − actual) by the settling and final sessions that started in the last
    /// 30 days; provisional while a session settles.
    pub saved_kwh_30d: f64,
    /// Green Points issued to households since the programme began, corrections included.
    pub points_issued: i64,
    /// Green Points issued in the last 30 days.
    pub points_issued_30d: i64,
}

/// `/admin/overview`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(overview))
        .routes(routes!(sessions::recent_sessions))
        .routes(routes!(consumption::programme_consumption))
}

/// The live session, else the next announced one.
async fn live_or_next(state: &AppState) -> Result<Option<SessionResponse>, ApiError> {
    let one = PageRequest::new(None, Some(1)).map_err(|e| ApiError::Internal(e.to_string()))?;
    let live = state
        .store
        .list_sessions(&[SessionState::Live], true, one)
        .await?;
    if let Some(session) = live.items.into_iter().next() {
        return Ok(Some(session.into()));
    }
    let next = state.store.upcoming_sessions(Utc::now(), one).await?;
    Ok(next.items.into_iter().next().map(SessionResponse::from))
}

/// Headline figures for the dashboard, each one aggregate query.
#[utoipa::path(
    get, path = "/admin/overview", tag = "admin", security(("bearer" = [])),
    responses(
        (status = 200, body = OverviewResponse),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn overview(
    State(state): State<AppState>,
    _admin: AdminUser,
) -> Result<Json<OverviewResponse>, ApiError> {
    let now = Utc::now();
    let month_ago = now - Duration::days(30);
    let counts = state.store.account_counts().await?;
    let saved = state.store.saved_kwh_since(month_ago).await?;
    Ok(Json(OverviewResponse {
        households_registered: counts.households_registered,
        households_active_30d: counts.households_active_30d,
        accounts_disabled: counts.accounts_disabled,
        meters_linked: counts.meters_linked,
        meters_reporting_24h: state
            .store
            .meters_reporting(now - Duration::hours(24))
            .await?,
        staff_accounts: counts.staff_accounts,
        live_or_next_session: live_or_next(&state).await?,
        saved_kwh_30d: (saved * 1000.0).round() / 1000.0,
        points_issued: state.store.points_issued_total(None).await?,
        points_issued_30d: state.store.points_issued_total(Some(month_ago)).await?,
    }))
}
