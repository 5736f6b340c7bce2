//! Graceful shutdown for responses that would otherwise never end.
//!
//! A graceful shutdown waits for every response in flight, and a live view's event stream stays
//! open as long as its client wants: one open stream would keep the server from ever exiting on
//! SIGTERM. So once shutdown begins, event streams end cleanly (their last chunk is sent, the
//! client sees the stream close and reconnects elsewhere) while other requests simply finish.

use axum::body::Body;
use axum::extract::Request;
use axum::http::header::CONTENT_TYPE;
use axum::middleware::Next;
use axum::response::Response;
use futures_util::StreamExt;
use tokio::sync::watch;

/// Whether shutdown has begun; `true` once it has.
pub(crate) type Stopping = watch::Receiver<bool>;

/// `app` with its event streams ended once the returned sender is set to `true`: whichever
/// server runs it (plain or TLS) sets it when shutdown begins.
pub(crate) fn ending_streams(app: axum::Router) -> (axum::Router, watch::Sender<bool>) {
    let (stop_streams, stopping) = watch::channel(false);
    let app = app.layer(axum::middleware::from_fn(move |request, next| {
        end_streams(stopping.clone(), request, next)
    }));
    (app, stop_streams)
}

/// Ends `text/event-stream` bodies when `stopping` turns `true`; leaves other responses alone.
pub(crate) async fn end_streams(mut stopping: Stopping, request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let is_event_stream = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/event-stream"));
    if !is_event_stream {
        return response;
    }
    let (parts, body) = response.into_parts();
    let stopped = async move {
        // An error means the server is gone, which ends the stream as well.
        let _ = stopping.wait_for(|stopping| *stopping).await;
    };
    Response::from_parts(
        parts,
        Body::from_stream(body.into_data_stream().take_until(stopped)),
    )
}
