//! What the settled sessions saved, a page at a time, for the overview's chart.

use axum::Json;
use axum::extract::State;
use domain::session::SessionState;
use domain::sorting::Sort;
use serde::{Deserialize, Serialize};
use store::SessionSortField;
use utoipa::ToSchema;

use crate::AppState;
use crate::auth::extract::AdminUser;
use crate::error::{ApiError, Problem};
use crate::extract::ApiQuery;
use crate::routes::points::PageQuery;

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

/// A page of settled sessions' savings.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SessionSavingsPage {
    /// The sessions on this page, latest start first.
    pub items: Vec<SessionSavings>,
    /// 1-based page.
    pub page: u64,
    /// Page size.
    pub per_page: u64,
    /// Settling and final sessions on all pages.
    pub total: u64,
}

/// kWh saved and points issued by the settling and final sessions, latest start first, paged.
#[utoipa::path(
    get, path = "/admin/overview/sessions", tag = "admin", security(("bearer" = [])),
    params(PageQuery),
    responses(
        (status = 200, body = SessionSavingsPage),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
pub(super) async fn recent_sessions(
    State(state): State<AppState>,
    _admin: AdminUser,
    ApiQuery(query): ApiQuery<PageQuery>,
) -> Result<Json<SessionSavingsPage>, ApiError> {
    let page = query.request()?;
    let settled = [SessionState::Settling, SessionState::Final];
    let recent = state
        .store
        .list_sessions_sorted(&settled, Sort::descending(SessionSortField::StartsAt), page)
        .await?;
    let mut items = Vec::with_capacity(recent.items.len());
    for session in recent.items {
        let saved = state.store.session_saved_kwh(session.id).await?;
        items.push(SessionSavings {
            id: session.id,
            title: session.plan.title,
            starts_at: session.plan.window.starts_at,
            state: session.state.as_str().to_owned(),
            participants: session.participants,
            saved_kwh: (saved * 1000.0).round() / 1000.0,
            points_issued: state.store.points_issued(&session.id.to_string()).await?,
        });
    }
    Ok(Json(SessionSavingsPage {
        items,
        page: page.page(),
        per_page: page.per_page(),
        total: recent.total,
    }))
}
