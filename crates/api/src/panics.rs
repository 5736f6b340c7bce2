//! A panic in a handler is a bug, but it must not cost the client its answer or the
//! connection: the catch-panic layer turns it into the usual 500 problem+json, quoting the
//! request id under which the panic was logged, and counts it in `http_panics_total`.

use std::any::Any;

use axum::response::{IntoResponse, Response};

use crate::error::ApiError;

/// The catch-panic layer's answer. It runs inside the request-id scope, so the logged cause and
/// the body carry the same id.
pub fn answer(payload: Box<dyn Any + Send + 'static>) -> Response {
    let message = payload
        .downcast_ref::<&str>()
        .map(|text| (*text).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned());
    metrics::counter!("http_panics_total").increment(1);
    ApiError::Internal(format!("handler panicked: {message}")).into_response()
}
