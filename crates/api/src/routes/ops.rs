//! Operational endpoints for load balancers and Prometheus, outside `/api/v1`.

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
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

/// Prometheus text exposition, for the holder of the configured `metrics_token` only: the
/// series reveal traffic, routes and failures, which an attacker should not be able to watch.
/// Without a configured token the endpoint does not exist.
async fn metrics(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, ApiError> {
    let Some(expected) = state.settings.metrics_token.as_ref() else {
        return Err(ApiError::NotFound("no such resource".to_owned()));
    };
    let presented = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .unwrap_or_default();
    if !same_secret(presented, expected.expose()) {
        return Err(ApiError::Unauthorized("a valid metrics token is required"));
    }
    let handle = crate::metrics::handle();
    handle.run_upkeep();
    let mut response = handle.render().into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8"),
    );
    Ok(response)
}

/// Compares two secrets by their SHA-256 digests, so the time taken says nothing about how
/// much of the presented one was right.
fn same_secret(presented: &str, expected: &str) -> bool {
    use sha2::Digest;
    sha2::Sha256::digest(presented.as_bytes()) == sha2::Sha256::digest(expected.as_bytes())
}
