//! The HTTP connector to a utility's meter data system.
//!
//! Protocol: `GET {url}?limit=N[&since=RFC3339]` with `Authorization: Bearer {token}`. The answer
//! is either JSON, `{"readings": [{meter_id, interval_start, kwh, quality?}], "next_since":
//! RFC3339, "more": bool}`, or CSV (`meter_id,interval_start,kwh[,quality]`, optional header)
//! with the cursor in the `Next-Since` header and `More: true|false`. `since` is the source's own
//! cursor (for example the time readings were recorded there), so late corrections of old
//! intervals still arrive. When a page names no cursor, the newest interval start on the page is
//! used, and a page shorter than `limit` means the source is caught up.

use std::time::Duration;

use chrono::{DateTime, Utc};
use domain::secret::Secret;
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderMap};
use serde::Deserialize;
use store::SourceKind;

use super::{MeterDataSource, Page, PullError};
use crate::{ParsedRow, RowRef, csv, parse_timestamp};

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
}

/// Pulls pages over HTTP.
#[derive(Debug, Clone)]
pub struct HttpSource {
    settings: HttpSourceSettings,
    client: reqwest::Client,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonPage {
    readings: Vec<serde_json::Value>,
    next_since: Option<String>,
    more: Option<bool>,
}

impl HttpSource {
    /// A connector; fails only when the HTTP client cannot be built.
    pub fn new(settings: HttpSourceSettings) -> Result<Self, PullError> {
        let client = reqwest::Client::builder()
            .timeout(settings.timeout)
            .build()
            .map_err(|error| PullError::Source(format!("HTTP client: {error}")))?;
        Ok(Self { settings, client })
    }

    fn page_from_json(&self, body: &str) -> Result<Page, PullError> {
        let page: JsonPage = serde_json::from_str(body).map_err(|error| {
            PullError::Source(format!(
                "{}: unreadable JSON page: {error}",
                self.settings.url
            ))
        })?;
        let count = page.readings.len();
        let rows: Vec<ParsedRow> = page
            .readings
            .into_iter()
            .enumerate()
            .map(|(index, value)| {
                (
                    RowRef::Index(index as u64),
                    crate::json::parse_reading(value),
                )
            })
            .collect();
        let cursor = page.next_since.as_deref().map(parse_cursor).transpose()?;
        Ok(self.finish(rows, cursor, page.more, count))
    }

    fn page_from_csv(&self, headers: &HeaderMap, body: &str) -> Result<Page, PullError> {
        let header = |name: &str| headers.get(name).and_then(|value| value.to_str().ok());
        let cursor = header("next-since").map(parse_cursor).transpose()?;
        let more = header("more").map(|value| value.trim().eq_ignore_ascii_case("true"));
        let rows: Vec<ParsedRow> = body
            .lines()
            .enumerate()
            .filter(|(index, line)| {
                let header = *index == 0 && csv::is_header(line);
                !line.trim().is_empty() && !header
            })
            .map(|(index, line)| (RowRef::Line(index as u64 + 1), csv::parse_line(line)))
            .collect();
        let count = rows.len();
        Ok(self.finish(rows, cursor, more, count))
    }

    fn finish(
        &self,
        rows: Vec<ParsedRow>,
        cursor: Option<DateTime<Utc>>,
        more: Option<bool>,
        count: usize,
    ) -> Page {
        let newest = rows
            .iter()
            .filter_map(|(_, row)| row.as_ref().ok().map(|r| r.interval_start))
            .max();
        Page {
            watermark: cursor.or(newest),
            more: more.unwrap_or(count >= self.settings.page_size as usize),
            rows,
        }
    }
}

fn parse_cursor(raw: &str) -> Result<DateTime<Utc>, PullError> {
    parse_timestamp(raw).map_err(|_| PullError::Source(format!("unreadable page cursor {raw:?}")))
}

impl MeterDataSource for HttpSource {
    fn name(&self) -> &str {
        &self.settings.name
    }

    fn kind(&self) -> SourceKind {
        SourceKind::Pull
    }

    async fn fetch(&self, since: Option<DateTime<Utc>>) -> Result<Page, PullError> {
        let mut query = vec![("limit", self.settings.page_size.to_string())];
        if let Some(since) = since {
            query.push(("since", since.to_rfc3339()));
        }
        let accept = match self.settings.format {
            PageFormat::Json => "application/json",
            PageFormat::Csv => "text/csv",
        };
        let mut request = self
            .client
            .get(&self.settings.url)
            .query(&query)
            .header(ACCEPT, accept);
        if let Some(token) = &self.settings.token {
            request = request.header(AUTHORIZATION, format!("Bearer {}", token.expose()));
        }
        let unreachable =
            |error: reqwest::Error| PullError::Source(format!("{}: {error}", self.settings.url));
        let response = request.send().await.map_err(unreachable)?;
        let status = response.status();
        if !status.is_success() {
            return Err(PullError::Source(format!(
                "{} answered {status}",
                self.settings.url
            )));
        }
        let headers = response.headers().clone();
        let body = response.text().await.map_err(unreachable)?;
        let is_csv = headers
            .get(CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .map_or(self.settings.format == PageFormat::Csv, |value| {
                value.starts_with("text/csv")
            });
        if is_csv {
            self.page_from_csv(&headers, &body)
        } else {
            self.page_from_json(&body)
        }
    }
}
