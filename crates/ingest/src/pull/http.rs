//! The HTTP connector to a utility's meter data system.
//!
//! Protocol: `GET {url}?limit=N[&since=RFC3339]` with `Authorization: Bearer {token}`. The answer
//! is either JSON, `{"readings": [{meter_id, interval_start, kwh, quality?}], "next_since":
//! RFC3339, "more": bool}`, or CSV (`meter_id,interval_start,kwh[,quality]`, optional header)
//! with the cursor in the `Next-Since` header and `More: true|false`. `since` is the source's own
//! cursor (for example the time readings were recorded there), so late corrections of old
//! intervals still arrive. When a page names no cursor, the newest interval start on the page is
//! used, and a page shorter than `limit` means the source is caught up.
//!
//! Over `https://` the system's certificate is verified with rustls (see [`crate::tls`]); a bearer
//! token is never sent over plain `http://` unless the source explicitly allows it.

use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, Utc};
use domain::secret::Secret;
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use serde::Deserialize;
use store::SourceKind;

use super::{MeterDataSource, Page, PullError, page};

/// The wire format of pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageFormat {
    /// `{"readings": [...], "next_since": ..., "more": ...}`.
    #[default]
    Json,
    /// CSV lines, cursor in headers.
    Csv,
}

/// How to reach one meter data system.
#[derive(Debug, Clone)]
pub struct HttpSourceSettings {
    /// Data-source name in PowerSave.
    pub name: String,
    /// Endpoint that serves pages.
    pub url: String,
    /// Bearer token, when the system wants one.
    pub token: Option<Secret>,
    /// JSON or CSV.
    pub format: PageFormat,
    /// Readings asked for per page.
    pub page_size: u32,
    /// How long one page may take.
    pub timeout: Duration,
    /// Largest answer read; a larger one is refused with an error naming this limit.
    pub max_response_bytes: u64,
    /// PEM file of the CA that signed the system's certificate, trusted instead of the system's
    /// roots (a private CA).
    pub ca_file: Option<PathBuf>,
    /// Send the token over plain `http://` all the same (a test system on a trusted network);
    /// otherwise such a source is refused, because anyone on the path could read the token.
    pub allow_token_over_http: bool,
}

/// Pulls pages over HTTP.
#[derive(Debug, Clone)]
pub struct HttpSource {
    settings: HttpSourceSettings,
    client: reqwest::Client,
}

impl HttpSource {
    /// A connector; fails when the URL is not `http(s)://`, when it would send the bearer token
    /// over plain `http://` without [`HttpSourceSettings::allow_token_over_http`], or when the
    /// HTTP client cannot be built (an unreadable `ca_file`).
    pub fn new(settings: HttpSourceSettings) -> Result<Self, PullError> {
        let url = reqwest::Url::parse(&settings.url).map_err(|error| {
            PullError::Source(format!("invalid URL {:?}: {error}", settings.url))
        })?;
        let https = match url.scheme() {
            "https" => true,
            "http" => false,
            other => {
                return Err(PullError::Source(format!(
                    "{}: the URL must start with https:// (or http://), not {other}://",
                    settings.name
                )));
            }
        };
        if !https && settings.token.is_some() && !settings.allow_token_over_http {
            return Err(PullError::Source(format!(
                "{}: refusing to send the bearer token over plain http:// ({}); use https://, or \
                 set allow_token_over_http = true for a system on a trusted network",
                settings.name, settings.url
            )));
        }
        let client = crate::tls::http_client(settings.ca_file.as_deref())
            .map_err(|error| PullError::Source(format!("{}: {error}", settings.name)))?
            // Over https, a redirect may not lead to plain http.
            .https_only(https)
            .timeout(settings.timeout)
            .build()
            .map_err(|error| PullError::Source(format!("HTTP client: {error}")))?;
        Ok(Self { settings, client })
    }

    /// The settings this connector was made with.
    pub fn settings(&self) -> &HttpSourceSettings {
        &self.settings
    }

    /// `GET {url}?limit=N[&since=…]` with the token, answering the headers and the body (capped
    /// at `max_response_bytes`); any status but success is an error naming it.
    pub(crate) async fn get_page(
        &self,
        since: Option<DateTime<Utc>>,
        accept: &str,
    ) -> Result<(reqwest::header::HeaderMap, Vec<u8>), PullError> {
        let mut query = vec![("limit", self.settings.page_size.to_string())];
        if let Some(since) = since {
            query.push(("since", since.to_rfc3339()));
        }
        let mut request = self
            .client
            .get(&self.settings.url)
            .query(&query)
            .header(ACCEPT, accept);
        if let Some(token) = &self.settings.token {
            request = request.header(AUTHORIZATION, format!("Bearer {}", token.expose()));
        }
        let unreachable = |error: reqwest::Error| {
            PullError::Source(format!("{}: {}", self.settings.url, with_causes(&error)))
        };
        let response = request.send().await.map_err(unreachable)?;
        let status = response.status();
        if !status.is_success() {
            return Err(PullError::Source(format!(
                "{} answered {status}",
                self.settings.url
            )));
        }
        let headers = response.headers().clone();
        let body = self.read_capped(response).await?;
        Ok((headers, body))
    }

    /// Reads the body, refusing it as soon as it is known to exceed `max_response_bytes`
    /// (from `Content-Length`, or while counting the chunks), so a misbehaving system cannot
    /// make the server hold an answer of any size.
    async fn read_capped(&self, mut response: reqwest::Response) -> Result<Vec<u8>, PullError> {
        let limit = self.settings.max_response_bytes;
        let too_large = |size: String| {
            PullError::Source(format!(
                "{}: the answer ({size}) is larger than max_response_bytes = {limit}; \
                 ask for smaller pages (page_size) or raise the limit",
                self.settings.url
            ))
        };
        let announced = response.content_length();
        if let Some(length) = announced
            && length > limit
        {
            return Err(too_large(format!("{length} bytes")));
        }
        let capacity = announced.unwrap_or(0).min(limit);
        let mut body = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|error| PullError::Source(format!("{}: {error}", self.settings.url)))?
        {
            if (body.len() + chunk.len()) as u64 > limit {
                return Err(too_large("more than that".to_owned()));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }
}

/// An error with its causes: reqwest's own text names only the request, while the cause says
/// what went wrong (a refused connection, an untrusted certificate).
fn with_causes(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(inner) = cause {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        cause = inner.source();
    }
    text
}

impl MeterDataSource for HttpSource {
    fn name(&self) -> &str {
        &self.settings.name
    }

    fn kind(&self) -> SourceKind {
        SourceKind::Pull
    }

    async fn fetch(&self, since: Option<DateTime<Utc>>) -> Result<Page, PullError> {
        let accept = match self.settings.format {
            PageFormat::Json => "application/json",
            PageFormat::Csv => "text/csv",
        };
        let (headers, body) = self.get_page(since, accept).await?;
        let header = |name: &str| headers.get(name).and_then(|value| value.to_str().ok());
        let is_csv = header(CONTENT_TYPE.as_str())
            .map_or(self.settings.format == PageFormat::Csv, |value| {
                value.starts_with("text/csv")
            });
        let page_size = self.settings.page_size;
        let page = if is_csv {
            page::csv_page(&body, header("next-since"), header("more"), page_size)
        } else {
            page::json_page(&body, page_size)
        };
        page.map_err(|error| PullError::Source(format!("{}: {error}", self.settings.url)))
    }
}
