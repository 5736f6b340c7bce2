//! Reading one page of a pull answer into rows: the JSON document or the CSV body with its
//! cursor headers. Public so that property tests and fuzz targets reach the exact code the
//! connector runs.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::value::RawValue;

use super::Page;
use crate::json::DocumentError;
use crate::{ParsedRow, csv, parse_timestamp};

/// Why a page was refused as a whole (its rows are then not looked at).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PageError {
    /// The JSON document is not a page.
    #[error("unreadable JSON page: {0}")]
    Document(#[from] DocumentError),
    /// The cursor is not an RFC 3339 time.
    #[error("unreadable page cursor {0:?}")]
    Cursor(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonPage<'a> {
    #[serde(borrow)]
    readings: Vec<&'a RawValue>,
    #[serde(borrow)]
    next_since: Option<std::borrow::Cow<'a, str>>,
    more: Option<bool>,
}

const PAGE_SHAPE: &str = "{\"readings\": [...], \"next_since\": \"RFC 3339\", \"more\": bool}";

/// Reads a JSON page `{"readings": [...], "next_since": ..., "more": ...}` asked for with
/// `limit = page_size`.
pub fn json_page(body: &[u8], page_size: u32) -> Result<Page, PageError> {
    let page: JsonPage<'_> = serde_json::from_slice(body)
        .map_err(|error| DocumentError::from_serde(&error, PAGE_SHAPE))?;
    let count = page.readings.len();
    let rows: Vec<ParsedRow> = crate::json::rows(page.readings).collect();
    let cursor = page.next_since.as_deref().map(parse_cursor).transpose()?;
    Ok(finish(rows, cursor, page.more, count, page_size))
}

/// Reads a CSV page with the values of its `Next-Since` and `More` headers, asked for with
/// `limit = page_size`.
pub fn csv_page(
    body: &[u8],
    next_since: Option<&str>,
    more: Option<&str>,
    page_size: u32,
) -> Result<Page, PageError> {
    let cursor = next_since.map(parse_cursor).transpose()?;
    let more = more.map(|value| value.trim().eq_ignore_ascii_case("true"));
    let rows: Vec<ParsedRow> = csv::parse_body(body).collect();
    let count = rows.len();
    Ok(finish(rows, cursor, more, count, page_size))
}

/// Without a cursor the newest interval start of the page is used, and a page shorter than
/// `page_size` means the source is caught up.
fn finish(
    rows: Vec<ParsedRow>,
    cursor: Option<DateTime<Utc>>,
    more: Option<bool>,
    count: usize,
    page_size: u32,
) -> Page {
    let newest = rows
        .iter()
        .filter_map(|(_, row)| row.as_ref().ok().map(|r| r.interval_start))
        .max();
    Page {
        watermark: cursor.or(newest),
        more: more.unwrap_or(count >= page_size as usize),
        rows,
    }
}

fn parse_cursor(raw: &str) -> Result<DateTime<Utc>, PageError> {
    parse_timestamp(raw).map_err(|_| PageError::Cursor(raw.to_owned()))
}
