//! Property tests of every parser of outside data: CSV bodies and files, JSON uploads, MQTT
//! payloads and pull pages. Arbitrary bytes never panic; in a mixture of valid rows and garbage,
//! every valid row comes out with its values and every garbage row is reported at its own
//! place. Valid rows and garbage are generated apart, so the expected outcome comes from how the
//! input was built, not from the parser.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, TimeZone, Utc};
use domain::reading::Quality;
use ingest::pull::page::{csv_page, json_page};
use ingest::{ParsedRow, RawReading, RowRef, csv, json, mqtt};
use proptest::prelude::*;

/// A reading that every parser must accept, built from parts that print exactly.
#[derive(Debug, Clone)]
struct Valid {
    meter_id: String,
    /// Seconds since the epoch, within years 2000–2099.
    start: i64,
    /// Offset of the printed time from UTC, in minutes.
    offset_minutes: i32,
    /// Thousandths of a kWh.
    milli_kwh: u32,
    quality: Option<Quality>,
}

impl Valid {
    fn expected(&self) -> RawReading {
        RawReading {
            meter_id: self.meter_id.clone(),
            interval_start: Utc.timestamp_opt(self.start, 0).unwrap(),
            kwh: f64::from(self.milli_kwh) / 1000.0,
            quality: self.quality.unwrap_or(Quality::Actual),
        }
    }

    fn time(&self) -> String {
        let offset = chrono::FixedOffset::east_opt(self.offset_minutes * 60).unwrap();
        Utc.timestamp_opt(self.start, 0)
            .unwrap()
            .with_timezone(&offset)
            .to_rfc3339()
    }

    fn kwh(&self) -> String {
        format!("{}.{:03}", self.milli_kwh / 1000, self.milli_kwh % 1000)
    }

    fn quality_name(&self) -> Option<&'static str> {
        self.quality.map(|quality| match quality {
            Quality::Actual => "actual",
            Quality::Estimated => "estimated",
        })
    }

    fn csv(&self) -> String {
        let mut line = format!("{},{},{}", self.meter_id, self.time(), self.kwh());
        if let Some(quality) = self.quality_name() {
            line.push(',');
            line.push_str(quality);
        }
        line
    }

    fn json(&self) -> String {
        let quality = self
            .quality_name()
            .map(|q| format!(r#","quality":"{q}""#))
            .unwrap_or_default();
        format!(
            r#"{{"meter_id":"{}","interval_start":"{}","kwh":{}{quality}}}"#,
            self.meter_id,
            self.time(),
            self.kwh()
        )
    }
}

fn valid() -> impl Strategy<Value = Valid> {
    (
        "[A-Z]{2}-[A-Z0-9]{1,12}",
        946_684_800i64..4_102_444_800,
        -12 * 60..=14 * 60i32,
        0u32..100_000,
        prop_oneof![
            Just(None),
            Just(Some(Quality::Actual)),
            Just(Some(Quality::Estimated))
        ],
    )
        .prop_map(
            |(meter_id, start, offset_minutes, milli_kwh, quality)| Valid {
                meter_id,
                start,
                offset_minutes,
                milli_kwh,
                quality,
            },
        )
}

/// A CSV line that no reading can be read from, whatever its bytes: too few fields, a time or
/// a number that cannot be one (a leading `x` rules out every RFC 3339 time and every float),
/// too many fields, a wrong quality, or bytes that are not UTF-8.
fn garbage_line() -> impl Strategy<Value = Vec<u8>> {
    let free = || {
        proptest::collection::vec(
            any::<u8>().prop_filter("no separators", |b| *b != b'\n' && *b != b','),
            0..30,
        )
    };
    prop_oneof![
        free().prop_map(|mut bytes| {
            bytes.insert(0, b'#');
            bytes
        }),
        (valid(), "[^,\n]{0,20}")
            .prop_map(|(v, time)| format!("{},x{time},1", v.meter_id).into_bytes()),
        (valid(), "[^,\n]{0,20}").prop_map(|(v, kwh)| format!(
            "{},{},x{kwh}",
            v.meter_id,
            v.time()
        )
        .into_bytes()),
        valid().prop_map(|v| format!("{},extra", v.csv()).into_bytes()),
        (valid(), "[a-z]{1,8}")
            .prop_filter("not a quality", |(_, q)| {
                !["actual", "a", "estimated", "estimate", "e"].contains(&q.as_str())
            })
            .prop_map(|(v, q)| format!("{},{},{},{q}", v.meter_id, v.time(), v.kwh()).into_bytes()),
        (valid(), free()).prop_map(|(v, mut bytes)| {
            let mut line = v.csv().into_bytes();
            bytes.push(0xff);
            line.extend(bytes);
            line
        }),
    ]
}

/// A JSON value that is not a reading: the wrong kind of value, a field of the wrong type, a
/// missing field, an unknown field, or a time that cannot be one.
fn garbage_element() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        "[a-z ]{0,10}".prop_map(|s| format!("\"{s}\"")),
        Just("null".to_owned()),
        Just("[]".to_owned()),
        valid().prop_map(|v| format!(
            r#"{{"meter_id":"{}","interval_start":"{}","kwh":"{}"}}"#,
            v.meter_id,
            v.time(),
            v.kwh()
        )),
        valid().prop_map(|v| format!(r#"{{"meter_id":"{}","kwh":{}}}"#, v.meter_id, v.kwh())),
        valid().prop_map(|v| format!(
            r#"{{"meter_id":"{}","interval_start":"{}","kwh":{},"colour":1}}"#,
            v.meter_id,
            v.time(),
            v.kwh()
        )),
        (valid(), "[a-z]{0,8}").prop_map(|(v, t)| format!(
            r#"{{"meter_id":"{}","interval_start":"x{t}","kwh":1}}"#,
            v.meter_id
        )),
    ]
}

/// Rows in order, each valid (`Ok`) or garbage (`Err`).
fn mixture<G: Strategy>(garbage: G) -> impl Strategy<Value = Vec<Result<Valid, G::Value>>>
where
    G::Value: std::fmt::Debug + Clone,
{
    proptest::collection::vec(
        prop_oneof![3 => valid().prop_map(Ok), 2 => garbage.prop_map(Err)],
        0..40,
    )
}

/// Checks the parsed rows against the mixture they came from: valid rows with their values at
/// their places, every garbage row reported at its place, nothing else.
fn assert_rows<G>(
    rows: &[ParsedRow],
    mixture: &[Result<Valid, G>],
    place: impl Fn(usize) -> RowRef,
) {
    assert_eq!(rows.len(), mixture.len(), "one row per record");
    for (index, ((row, parsed), source)) in rows.iter().zip(mixture).enumerate() {
        assert_eq!(*row, place(index));
        match source {
            Ok(valid) => assert_eq!(parsed.as_ref().ok(), Some(&valid.expected()), "row {index}"),
            Err(_) => assert!(parsed.is_err(), "row {index} is garbage: {parsed:?}"),
        }
    }
}

fn csv_body(header: bool, mixture: &[Result<Valid, Vec<u8>>], crlf: bool) -> Vec<u8> {
    let end: &[u8] = if crlf { b"\r\n" } else { b"\n" };
    let mut body = Vec::new();
    if header {
        body.extend_from_slice(b"meter_id,interval_start,kwh,quality");
        body.extend_from_slice(end);
    }
    for record in mixture {
        match record {
            Ok(valid) => body.extend_from_slice(valid.csv().as_bytes()),
            Err(garbage) => body.extend_from_slice(garbage),
        }
        body.extend_from_slice(end);
    }
    body
}

fn json_array(mixture: &[Result<Valid, String>]) -> String {
    let elements: Vec<String> = mixture
        .iter()
        .map(|record| match record {
            Ok(valid) => valid.json(),
            Err(garbage) => garbage.clone(),
        })
        .collect();
    format!("[{}]", elements.join(","))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn csv_keeps_every_valid_row_and_reports_every_bad_one(
        header in any::<bool>(),
        crlf in any::<bool>(),
        records in mixture(garbage_line()),
    ) {
        let body = csv_body(header, &records, crlf);
        let rows: Vec<ParsedRow> = csv::parse_body(&body).collect();
        let first = if header { 2 } else { 1 };
        assert_rows(&rows, &records, |index| RowRef::Line(first + index as u64));
        let page = csv_page(&body, None, None, 10_000).unwrap();
        prop_assert_eq!(page.rows, rows);
    }

    #[test]
    fn json_uploads_keep_every_valid_element_and_report_every_bad_one(
        records in mixture(garbage_element()),
    ) {
        let body = format!(r#"{{"readings":{}}}"#, json_array(&records));
        let rows: Vec<ParsedRow> = json::parse_upload(body.as_bytes()).unwrap().collect();
        assert_rows(&rows, &records, |index| RowRef::Index(index as u64));
        let page = format!(r#"{{"readings":{},"more":false}}"#, json_array(&records));
        let page = json_page(page.as_bytes(), 100).unwrap();
        prop_assert_eq!(page.rows, rows);
        prop_assert!(!page.more);
    }

    #[test]
    fn mqtt_payloads_keep_every_valid_reading_and_report_every_bad_one(
        records in mixture(garbage_element()),
    ) {
        let parsed = mqtt::parse_payload(json_array(&records).as_bytes()).unwrap();
        let rows: Vec<ParsedRow> = parsed.into_iter().enumerate()
            .map(|(index, row)| (RowRef::Index(index as u64), row))
            .collect();
        assert_rows(&rows, &records, |index| RowRef::Index(index as u64));
        if let [Ok(single)] = records.as_slice() {
            let one = mqtt::parse_payload(single.json().as_bytes()).unwrap();
            prop_assert_eq!(one, vec![Ok(single.expected())]);
        }
    }

    /// Any bytes at all: every parser answers, and a CSV body yields one row for every line
    /// that holds anything but blanks (the first line may be a header instead).
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let rows: Vec<ParsedRow> = csv::parse_body(&bytes).collect();
        let lines = bytes.split(|b| *b == b'\n').enumerate().filter(|(index, line)| {
            std::str::from_utf8(line).map_or(true, |text| {
                !(text.trim().is_empty() || *index == 0 && csv::is_header(text))
            })
        }).count();
        prop_assert_eq!(rows.len(), lines);
        let _ = json::parse_upload(&bytes).map(Iterator::count);
        let _ = mqtt::parse_payload(&bytes);
        let _ = json_page(&bytes, 10);
        let text = String::from_utf8_lossy(&bytes);
        let _ = csv_page(&bytes, Some(&text), Some(&text), 10);
    }

    /// Arbitrary text where JSON is expected, and documents of the right outer shape with
    /// arbitrary text as elements, are refused or read element by element, never a panic.
    #[test]
    fn arbitrary_json_never_panics(text in "\\PC{0,200}", elements in proptest::collection::vec("\\PC{0,40}", 0..8)) {
        let _ = json::parse_upload(text.as_bytes()).map(Iterator::count);
        let _ = mqtt::parse_payload(text.as_bytes());
        let body = format!(r#"{{"readings":[{}]}}"#, elements.join(","));
        let _ = json::parse_upload(body.as_bytes()).map(Iterator::count);
        let _ = json_page(body.as_bytes(), 10);
        let _ = mqtt::parse_payload(format!("[{}]", elements.join(",")).as_bytes());
    }

    /// A page's cursor is read from the page when it names one, and a page without one uses
    /// the newest interval start among its valid rows.
    #[test]
    fn pull_pages_take_the_named_cursor_or_the_newest_valid_row(
        records in mixture(garbage_element()),
        cursor in proptest::option::of(valid()),
    ) {
        let next = cursor.as_ref().map(|c| format!(r#","next_since":"{}""#, c.time())).unwrap_or_default();
        let page = format!(r#"{{"readings":{}{next}}}"#, json_array(&records));
        let page = json_page(page.as_bytes(), 100).unwrap();
        let newest: Option<DateTime<Utc>> = records.iter().filter_map(|r| r.as_ref().ok()).map(|v| v.expected().interval_start).max();
        let expected = cursor.map(|c| c.expected().interval_start).or(newest);
        prop_assert_eq!(page.watermark, expected);
        prop_assert_eq!(page.more, records.len() >= 100);
    }
}
