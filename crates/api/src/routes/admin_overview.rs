//! The numbers on the first screen staff see.

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::extract::AdminUser;
use crate::error::{ApiError, Problem};

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
    /// Admin and superadmin accounts.
    pub staff_accounts: u64,
}

/// `/admin/overview`.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(overview))
        .routes(routes!(recent_sessions))
}

/// What one settled session saved.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SessionSavings {
    /// Session id.
    pub id: uuid::Uuid,
    /// Title.
    pub title: String,
    /// Start.
    pub starts_at: chrono::DateTime<chrono::Utc>,
    /// settling (provisional) or final.
    pub state: String,
    /// Households that joined.
    pub participants: u64,
    /// Baseline − actual over the measured participants (kWh).
    pub saved_kwh: f64,
    /// Green Points issued for it.
    pub points_issued: i64,
}

/// kWh saved by the last twelve settled sessions, oldest first, for the overview chart.
#[utoipa::path(
    get, path = "/admin/overview/sessions", tag = "admin", security(("bearer" = [])),
    responses(
        (status = 200, body = Vec<SessionSavings>),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn recent_sessions(
    State(state): State<AppState>,
    _admin: AdminUser,
) -> Result<Json<Vec<SessionSavings>>, ApiError> {
    let settled = [
        domain::session::SessionState::Settling,
        domain::session::SessionState::Final,
    ];
    let page = domain::paging::PageRequest::new(None, Some(12))
        .map_err(|error| ApiError::Internal(error.to_string()))?;
    let recent = state.store.list_sessions(&settled, false, page).await?;
    let mut out = Vec::with_capacity(recent.items.len());
    for session in recent.items.into_iter().rev() {
        let saved = state.store.session_saved_kwh(session.id).await?;
        out.push(SessionSavings {
            id: session.id,
            title: session.plan.title,
            starts_at: session.plan.window.starts_at,
            state: session.state.as_str().to_owned(),
            participants: session.participants,
            saved_kwh: (saved * 1000.0).round() / 1000.0,
            points_issued: state.store.points_issued(&session.id.to_string()).await?,
        });
    }
    Ok(Json(out))
}

/// Headline counts for the dashboard.
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
    let counts = state.store.account_counts().await?;
    Ok(Json(OverviewResponse {
        households_registered: counts.households_registered,
        households_active_30d: counts.households_active_30d,
        accounts_disabled: counts.accounts_disabled,
        meters_linked: counts.meters_linked,
        staff_accounts: counts.staff_accounts,
    }))
}
