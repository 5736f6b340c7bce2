//! The support tool that recomputes one household's result from the meter data stored now, even
//! once final: the utility corrected a reading, or a household disputes its figures. The ledger
//! gets a correcting entry for any difference in points; nothing already paid is edited.

use axum::Json;
use axum::extract::State;
use chrono::Utc;
use domain::session::SessionState;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::AppState;
use crate::auth::extract::AdminUser;
use crate::error::{ApiError, Problem};
use crate::extract::ApiPath;

/// The recompute route.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(recompute_result))
}

/// A household's result after recomputation.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RecomputedResult {
    /// Where the result stands now.
    pub status: domain::settlement::ResultStatus,
    /// Baseline over the periods with data (kWh).
    pub baseline_kwh: Option<f64>,
    /// Measured (kWh).
    pub actual_kwh: Option<f64>,
    /// Baseline − actual (kWh).
    pub saved_kwh: Option<f64>,
    /// Whether every period's readings are in.
    pub data_complete: bool,
    /// Ledger entries the recomputation added: a correction when the points changed, else none.
    pub ledger_entries: u64,
}

/// Recomputes one household's result of an ended session and pays or takes back the difference.
#[utoipa::path(
    post, path = "/admin/sessions/{id}/results/{user_id}/recompute", tag = "sessions",
    security(("bearer" = [])),
    params(
        ("id" = Uuid, Path, description = "Session id"),
        ("user_id" = Uuid, Path, description = "The household's account id"),
    ),
    responses(
        (status = 200, body = RecomputedResult),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn recompute_result(
    State(state): State<AppState>,
    AdminUser(actor): AdminUser,
    ApiPath((id, user_id)): ApiPath<(Uuid, Uuid)>,
) -> Result<Json<RecomputedResult>, ApiError> {
    let session = state.store.session(id).await?;
    if !matches!(session.state, SessionState::Settling | SessionState::Final) {
        return Err(ApiError::Conflict(format!(
            "the session is {}: results are recomputed once it has ended",
            session.state
        )));
    }
    let no_result = || ApiError::NotFound("no result of this household in this session".to_owned());
    let summary = state
        .engine
        .recompute(&session, user_id, Utc::now())
        .await?;
    if summary.participants == 0 {
        return Err(no_result());
    }
    // The household's progress follows its corrected result at once (badges once awarded stay).
    state
        .engine
        .evaluate_households(&[user_id], Utc::now())
        .await?;
    let result = state
        .store
        .session_result(id, user_id)
        .await?
        .ok_or_else(no_result)?;
    tracing::info!(
        actor = %actor.id, session = %id, user = %user_id,
        ledger_entries = summary.ledger_entries, "result recomputed"
    );
    Ok(Json(RecomputedResult {
        status: result.status,
        baseline_kwh: result.baseline_kwh,
        actual_kwh: result.actual_kwh,
        saved_kwh: result.saved_kwh,
        data_complete: result.data_complete,
        ledger_entries: summary.ledger_entries,
    }))
}
