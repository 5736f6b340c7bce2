//! Serving the application over TLS (rustls, through axum-server): the same graceful shutdown as
//! plain HTTP, and `Strict-Transport-Security` on every response, so that a browser that once
//! reached the server over HTTPS never sends it a request, or a token, in the clear.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::Response;
use axum_server::tls_rustls::RustlsConfig;

/// Serves `app` over TLS on `listener` until `shutdown` resolves, then lets in-flight requests
/// finish and ends open event streams, like [`crate::serve`]. Every response carries
/// `Strict-Transport-Security: max-age=<hsts_max_age_secs>`.
pub async fn serve_tls(
    listener: tokio::net::TcpListener,
    tls: Arc<rustls::ServerConfig>,
    hsts_max_age_secs: u64,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let hsts = HeaderValue::try_from(format!("max-age={hsts_max_age_secs}"))
        .map_err(std::io::Error::other)?;
    let app = app.layer(axum::middleware::map_response(move |response: Response| {
        let hsts = hsts.clone();
        async move { with_hsts(response, hsts) }
    }));
    let (app, stop_streams) = crate::shutdown::ending_streams(app);
    let handle = axum_server::Handle::new();
    let stopper = handle.clone();
    tokio::spawn(async move {
        shutdown.await;
        stop_streams.send_replace(true);
        stopper.graceful_shutdown(None);
    });
    axum_server::from_tcp_rustls(listener.into_std()?, RustlsConfig::from_config(tls))?
        .handle(handle)
        .serve(app.into_make_service_with_connect_info::<SocketAddr>())
        .await
}

fn with_hsts(mut response: Response, hsts: HeaderValue) -> Response {
    response
        .headers_mut()
        .insert(header::STRICT_TRANSPORT_SECURITY, hsts);
    response
}
