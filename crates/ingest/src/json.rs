//! The JSON shape of a reading, shared by uploads, the MQTT feed and the HTTP pull connector:
//! `{"meter_id": "CY-1", "interval_start": "2026-07-01T17:00:00Z", "kwh": 0.21, "quality": "actual"}`.
//!
//! Bodies are never turned into generic JSON values: the document is read once into borrowed
//! slices of its elements (`&RawValue`, 16 bytes each, pointing into the body), and each element
//! is then read straight into the typed row. A wrong element is a rejection of that row only, so
//! its neighbours are kept; only a document that is not JSON at all, or not of the expected
//! shape, is refused as a whole.

use domain::reading::{Quality, RejectReason};
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::{ParsedRow, RawReading, RowRef, parse_timestamp};

/// Why a whole JSON document was refused (as opposed to one of its readings).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocumentError {
    /// Not JSON at all.
    #[error("malformed JSON: {0}")]
    Syntax(String),
    /// JSON, but not the expected document.
    #[error("expected {expected}: {detail}")]
    Shape {
        /// What the document should look like.
        expected: &'static str,
        /// What serde found instead.
        detail: String,
    },
}

impl DocumentError {
    pub(crate) fn from_serde(error: &serde_json::Error, expected: &'static str) -> Self {
        if error.is_data() {
            Self::Shape {
                expected,
                detail: error.to_string(),
            }
        } else {
            Self::Syntax(error.to_string())
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReadingObject {
    meter_id: String,
    interval_start: String,
    kwh: f64,
    quality: Option<String>,
}

/// The upload document, `{"readings": [...]}`, its elements left unread.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Upload<'a> {
    #[serde(borrow)]
    readings: Vec<&'a RawValue>,
}

const UPLOAD_SHAPE: &str = "{\"readings\": [...]}";

/// Reads one JSON element as a reading; a wrong shape is a rejection of that row only.
pub fn parse_reading(raw: &RawValue) -> Result<RawReading, RejectReason> {
    let object = serde_json::from_str::<ReadingObject>(raw.get())
        .map_err(|error| RejectReason::Malformed(without_position(&error)))?;
    Ok(RawReading {
        quality: Quality::parse(object.quality.as_deref().unwrap_or(""))?,
        interval_start: parse_timestamp(&object.interval_start)?,
        meter_id: object.meter_id,
        kwh: object.kwh,
    })
}

/// serde's message without "at line 1 column N": a position inside one element would read as
/// a position in the whole body, where the row's index is what locates it.
fn without_position(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    message
        .strip_suffix(&position)
        .map_or_else(|| message.clone(), str::to_owned)
}

/// The rows of elements read lazily, each tagged with its array index.
pub(crate) fn rows<'a>(
    elements: impl IntoIterator<Item = &'a RawValue>,
) -> impl Iterator<Item = ParsedRow> {
    elements
        .into_iter()
        .enumerate()
        .map(|(index, raw)| (RowRef::Index(index as u64), parse_reading(raw)))
}

/// Reads an upload body `{"readings": [...]}`. The rows are produced one at a time as the
/// iterator is consumed, so a caller can store them in batches.
pub fn parse_upload(body: &[u8]) -> Result<impl Iterator<Item = ParsedRow> + '_, DocumentError> {
    let upload: Upload<'_> = serde_json::from_slice(body)
        .map_err(|error| DocumentError::from_serde(&error, UPLOAD_SHAPE))?;
    Ok(rows(upload.readings))
}

/// Reads a document that is one reading object or an array of them (an MQTT payload).
pub fn parse_one_or_many(
    body: &[u8],
) -> Result<Vec<Result<RawReading, RejectReason>>, DocumentError> {
    const SHAPE: &str = "a reading object or an array of them";
    let raw: &RawValue =
        serde_json::from_slice(body).map_err(|error| DocumentError::from_serde(&error, SHAPE))?;
    match raw.get().as_bytes().first() {
        Some(b'[') => {
            let items: Vec<&RawValue> = serde_json::from_str(raw.get())
                .map_err(|error| DocumentError::from_serde(&error, SHAPE))?;
            Ok(items.into_iter().map(parse_reading).collect())
        }
        Some(b'{') => Ok(vec![parse_reading(raw)]),
        _ => Err(DocumentError::Shape {
            expected: SHAPE,
            detail: format!("found {}", kind_of(raw.get())),
        }),
    }
}

fn kind_of(json: &str) -> &'static str {
    match json.as_bytes().first() {
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(json: &str) -> Box<RawValue> {
        RawValue::from_string(json.to_owned()).unwrap()
    }

    #[test]
    fn a_reading_and_its_faults() {
        let good =
            raw(r#"{"meter_id": "CY-1", "interval_start": "2026-07-01T17:00:00Z", "kwh": 0.5}"#);
        assert_eq!(parse_reading(&good).map(|r| r.kwh), Ok(0.5));
        let extra = raw(
            r#"{"meter_id": "CY-1", "interval_start": "2026-07-01T17:00:00Z", "kwh": 0.5, "x": 1}"#,
        );
        assert!(matches!(
            parse_reading(&extra),
            Err(RejectReason::Malformed(_))
        ));
        let time = raw(r#"{"meter_id": "CY-1", "interval_start": "yesterday", "kwh": 0.5}"#);
        assert!(matches!(
            parse_reading(&time),
            Err(RejectReason::BadTimestamp(_))
        ));
    }

    #[test]
    fn an_upload_keeps_good_rows_beside_bad_ones() {
        let body = br#"{"readings": [
            {"meter_id": "CY-1", "interval_start": "2026-07-01T17:00:00Z", "kwh": 0.5},
            {"meter_id": "CY-1", "interval_start": "2026-07-01T17:15:00Z", "kwh": "lots"},
            7,
            {"meter_id": "CY-2", "interval_start": "2026-07-01T17:00:00Z", "kwh": 1.25, "quality": "estimated"}
        ]}"#;
        let rows: Vec<ParsedRow> = parse_upload(body).unwrap().collect();
        let summary: Vec<(RowRef, Option<f64>)> = rows
            .iter()
            .map(|(row, parsed)| (*row, parsed.as_ref().ok().map(|r| r.kwh)))
            .collect();
        assert_eq!(
            summary,
            vec![
                (RowRef::Index(0), Some(0.5)),
                (RowRef::Index(1), None),
                (RowRef::Index(2), None),
                (RowRef::Index(3), Some(1.25)),
            ]
        );
    }

    #[test]
    fn documents_of_the_wrong_kind_are_refused_whole() {
        assert!(matches!(
            parse_upload(b"{\"readings\": [").err(),
            Some(DocumentError::Syntax(_))
        ));
        assert!(matches!(
            parse_upload(b"{\"rows\": []}").err(),
            Some(DocumentError::Shape { .. })
        ));
        assert!(matches!(
            parse_one_or_many(b"\"CY-1\"").err(),
            Some(DocumentError::Shape { detail, .. }) if detail == "found a string"
        ));
        assert_eq!(parse_one_or_many(b" [] ").map(|rows| rows.len()), Ok(0));
    }
}
