//! Operational endpoints for load balancers and Prometheus, outside `/api/v1`.

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::json;

use crate::AppState;
use crate::error::ApiError;

/// `/healthz`, `/readyz`, `/metrics`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
}

/// The process is up; says nothing about its dependencies.
async fn healthz() -> Json<serde_json::Value> {
    Json(json!({ "status": "ok" }))
}

/// The process can serve: the database answers.
async fn readyz(State(state): State<AppState>) -> Result<Json<serde_json::Value>, ApiError> {
    state.store.ping().await.map_err(|error| {
        tracing::warn!(%error, "readiness check failed");
        ApiError::Unavailable("database unreachable".to_owned())
    })?;
    Ok(Json(
        json!({ "status": "ready", "database": state.store.backend().name() }),
    ))
}

/// Prometheus text exposition.
async fn metrics() -> Response {
    let handle = crate::metrics::handle();
    handle.run_upkeep();
    let mut response = handle.render().into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
    );
    response
}
