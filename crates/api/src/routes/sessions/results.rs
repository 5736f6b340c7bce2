//! Staff results of a session: the aggregate, the distribution of % saved, the top savers, and
//! every participant's result as CSV.

use axum::Json;
use axum::extract::State;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::AppState;
use crate::auth::extract::AdminUser;
use crate::error::{ApiError, Problem};
use crate::exports::{csv_download, csv_line, result_status, results_header};
use crate::extract::ApiPath;

/// Staff result routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(session_results))
        .routes(routes!(session_results_csv))
}

/// One bucket of the % saved distribution.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct PercentBucket {
    /// Lower bound (%), none for the first bucket.
    pub from_percent: Option<f64>,
    /// Upper bound (%, exclusive), none for the last bucket.
    pub to_percent: Option<f64>,
    /// Households in the bucket.
    pub households: u64,
}

/// A household among the top savers.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TopSaver {
    /// Account id.
    pub user_id: Uuid,
    /// Display name.
    pub display_name: String,
    /// kWh saved.
    pub saved_kwh: f64,
    /// % saved.
    pub percent_saved: Option<f64>,
}

/// A session's results in figures.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SessionResultsResponse {
    /// Households that joined.
    pub participants: u64,
    /// Those with a baseline.
    pub eligible: u64,
    /// Those with measured data.
    pub reporting: u64,
    /// Total baseline − actual (kWh).
    pub saved_kwh: f64,
    /// Average power reduction over the session (kW).
    pub average_kw_reduced: f64,
    /// Households by % saved.
    pub percent_saved_distribution: Vec<PercentBucket>,
    /// Green Points issued for the session.
    pub points_issued: i64,
    /// The ten largest savings.
    pub top_savers: Vec<TopSaver>,
}

/// The aggregate results of a session.
#[utoipa::path(
    get, path = "/admin/sessions/{id}/results", tag = "sessions", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Session id")),
    responses(
        (status = 200, body = SessionResultsResponse),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn session_results(
    State(state): State<AppState>,
    _admin: AdminUser,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<SessionResultsResponse>, ApiError> {
    let session = state.store.session(id).await?;
    let report = state.engine.report(&session).await?;
    let top: Vec<_> = report
        .results
        .iter()
        .filter(|r| r.saved_kwh.is_some())
        .take(10)
        .collect();
    let ids: Vec<Uuid> = top.iter().map(|r| r.user_id).collect();
    let names = state.store.user_names(&ids).await?;
    let bounds = engine::PERCENT_BUCKETS;
    Ok(Json(SessionResultsResponse {
        participants: report.participants,
        eligible: report.eligible,
        reporting: report.reporting,
        saved_kwh: report.saved_kwh,
        average_kw_reduced: report.average_kw_reduced,
        percent_saved_distribution: report
            .percent_saved_histogram
            .iter()
            .enumerate()
            .map(|(i, &households)| PercentBucket {
                from_percent: i.checked_sub(1).map(|j| bounds[j]),
                to_percent: bounds.get(i).copied(),
                households,
            })
            .collect(),
        points_issued: report.points_issued,
        top_savers: top
            .iter()
            .map(|r| TopSaver {
                user_id: r.user_id,
                display_name: names
                    .get(&r.user_id)
                    .map(|(_, name)| name.clone())
                    .unwrap_or_default(),
                saved_kwh: r.saved_kwh.unwrap_or_default(),
                percent_saved: super::shown_percent(engine::percent_saved(r)),
            })
            .collect(),
    }))
}

/// Every participant's result as CSV, largest saving first.
#[utoipa::path(
    get, path = "/admin/sessions/{id}/results.csv", tag = "sessions", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Session id")),
    responses(
        (status = 200, content_type = "text/csv", body = String,
            description = "user_id,email,display_name,status,reason,baseline_kwh,actual_kwh,saved_kwh,percent_saved; in Greek for staff who read Greek"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn session_results_csv(
    State(state): State<AppState>,
    AdminUser(staff): AdminUser,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Response, ApiError> {
    let session = state.store.session(id).await?;
    let report = state.engine.report(&session).await?;
    let ids: Vec<Uuid> = report.results.iter().map(|r| r.user_id).collect();
    let names = state.store.user_names(&ids).await?;
    let language = staff.language;
    let mut csv = csv_line(&results_header(language));
    let number = |value: Option<f64>| value.map(|v| format!("{v:.3}")).unwrap_or_default();
    for result in &report.results {
        let (email, name) = names.get(&result.user_id).cloned().unwrap_or_default();
        csv.push_str(&csv_line(&[
            result.user_id.to_string(),
            email,
            name,
            result_status(result.status, language).to_owned(),
            result.reason.clone().unwrap_or_default(),
            number(result.baseline_kwh),
            number(result.actual_kwh),
            number(result.saved_kwh),
            engine::percent_saved(result)
                .map(|p| format!("{p:.1}"))
                .unwrap_or_default(),
        ]));
    }
    Ok(csv_download(
        &format!("session-{id}-results.csv"),
        language,
        csv,
    ))
}
