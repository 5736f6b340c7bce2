//! Security headers on every response (docs/SECURITY.md, "HTTP headers").
//!
//! Each kind of route gets the narrowest Content-Security-Policy that still works: API answers
//! and the server's own pages may load nothing but the pages' one stylesheet (allowed by its
//! hash, not by `'unsafe-inline'`); the two front ends may load only their own files and talk
//! only to this origin, with no inline or injected script; the Swagger UI gets what its bundle
//! needs. Every policy forbids framing, and the other headers stop MIME sniffing, referrers
//! leaking tokens in URLs and the page asking for device features it never uses.

use std::sync::OnceLock;

use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// Device features no PowerSave page uses, all switched off.
const PERMISSIONS_POLICY: &str = "accelerometer=(), autoplay=(), camera=(), display-capture=(), \
    encrypted-media=(), fullscreen=(), geolocation=(), gyroscope=(), magnetometer=(), \
    microphone=(), midi=(), payment=(), picture-in-picture=(), publickey-credentials-get=(), \
    screen-wake-lock=(), usb=(), xr-spatial-tracking=()";

/// The dashboard and the household app: their own scripts, styles, images and fonts, and API
/// calls to this origin only. Styles may be inline because React Native Web writes its style
/// sheet at run time; scripts may not.
const FRONT_END_POLICY: &str = "default-src 'self'; script-src 'self'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; \
    connect-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; \
    base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// The Swagger UI: its vendored scripts, its inline styles and icons (data URIs), and the
/// document and "Try it out" calls to this origin.
const DOCS_POLICY: &str = "default-src 'self'; script-src 'self'; \
    style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
    object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// Which policy a path gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    FrontEnd,
    Docs,
    Other,
}

fn kind(path: &str) -> Kind {
    let under = |prefix: &str| {
        path == prefix
            || path
                .strip_prefix(prefix)
                .is_some_and(|rest| rest.starts_with('/'))
    };
    if under("/admin") || under("/app") {
        Kind::FrontEnd
    } else if under("/api/docs") {
        Kind::Docs
    } else {
        Kind::Other
    }
}

/// Everything else (the API, operational endpoints, the front door and the not-found page):
/// nothing may load but the server pages' own stylesheet, named by its hash.
fn strict_policy() -> &'static HeaderValue {
    static POLICY: OnceLock<HeaderValue> = OnceLock::new();
    POLICY.get_or_init(|| {
        let policy = format!(
            "default-src 'none'; style-src '{}'; base-uri 'none'; form-action 'none'; \
             frame-ancestors 'none'",
            crate::front_door::style_source()
        );
        HeaderValue::from_str(&policy).unwrap_or_else(|_| {
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'")
        })
    })
}

/// Middleware: adds the headers to every response, whatever produced it (handlers, static
/// files, the Swagger UI, rejections and panics).
pub async fn apply(request: Request, next: Next) -> Response {
    let kind = kind(request.uri().path());
    let mut response = next.run(request).await;
    let policy = match kind {
        Kind::FrontEnd => HeaderValue::from_static(FRONT_END_POLICY),
        Kind::Docs => HeaderValue::from_static(DOCS_POLICY),
        Kind::Other => strict_policy().clone(),
    };
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static(PERMISSIONS_POLICY),
    );
    headers.insert(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_get_their_kind_of_policy() {
        for path in [
            "/admin",
            "/admin/",
            "/admin/assets/x.js",
            "/app",
            "/app/index.html",
        ] {
            assert_eq!(kind(path), Kind::FrontEnd, "{path}");
        }
        for path in ["/api/docs", "/api/docs/", "/api/docs/swagger-ui.css"] {
            assert_eq!(kind(path), Kind::Docs, "{path}");
        }
        for path in [
            "/",
            "/api/v1/me",
            "/metrics",
            "/administrator",
            "/apple",
            "/api/docsx",
        ] {
            assert_eq!(kind(path), Kind::Other, "{path}");
        }
    }
}
