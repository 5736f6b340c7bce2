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
    OpenApiRouter::new().routes(routes!(overview))
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
