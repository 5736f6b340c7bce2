//! Readings uploaded with local offsets across both DST changes of Europe/Nicosia, on SQLite and
//! PostgreSQL: the repeated autumn hour lands as two distinct UTC hours, the skipped spring hour
//! leaves no gap, and daily totals follow the 25- and 23-hour local days.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{DateTime, Duration, TimeZone, Utc};
use chrono_tz::Europe::Nicosia;
use common::TestApp;
use domain::account::Role;
use domain::meter::{IntervalLength, MeterId};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use store::testing::each_backend;

const METER: &str = "CY-DST-1";

/// Every quarter hour of the local days `first..last` (exclusive), as (local RFC 3339 time, kWh):
/// 0.1 kWh, except the quarter hours `special` names.
fn local_readings(
    first: (i32, u32, u32),
    last: (i32, u32, u32),
    special: &[(&str, f64)],
) -> Vec<(String, f64)> {
    let local_midnight = |(y, m, d): (i32, u32, u32)| {
        Nicosia
            .with_ymd_and_hms(y, m, d, 0, 0, 0)
            .unwrap()
            .with_timezone(&Utc)
    };
    let (from, to) = (local_midnight(first), local_midnight(last));
    let mut readings = Vec::new();
    let mut t: DateTime<Utc> = from;
    while t < to {
        let local = t.with_timezone(&Nicosia).to_rfc3339();
        let kwh = special
            .iter()
            .find(|(at, _)| *at == local)
            .map_or(0.1, |(_, kwh)| *kwh);
        readings.push((local, kwh));
        t += Duration::minutes(15);
    }
    for (at, _) in special {
        assert!(readings.iter().any(|(local, _)| local == at), "{at}");
    }
    readings
}

fn as_csv(readings: &[(String, f64)]) -> String {
    let mut csv = String::from("meter_id,interval_start,kwh,quality\n");
    for (at, kwh) in readings {
        csv.push_str(&format!("{METER},{at},{kwh},actual\n"));
    }
    csv
}

fn as_json(readings: &[(String, f64)]) -> String {
    let readings: Vec<Value> = readings
        .iter()
        .map(|(at, kwh)| json!({ "meter_id": METER, "interval_start": at, "kwh": kwh }))
        .collect();
    json!({ "readings": readings }).to_string()
}

async fn upload(app: &TestApp, key: &str, content_type: &str, body: String) -> Value {
    let response = app
        .client
        .post(app.url("/api/v1/meter-readings"))
        .header("x-api-key", key)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{}", app.backend);
    response.json().await.unwrap()
}

fn counts(report: &Value) -> [u64; 4] {
    ["inserted", "updated", "unchanged", "rejected"].map(|key| report[key].as_u64().unwrap())
}

async fn series(app: &TestApp, token: &str, query: &str) -> Vec<(String, f64, u64)> {
    let response = app
        .call(
            Method::GET,
            &format!("/api/v1/me/consumption?{query}"),
            Some(token),
            None,
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK, "{query}");
    let series: Value = response.json().await.unwrap();
    series["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["start"].as_str().unwrap().to_owned(),
                b["kwh"].as_f64().unwrap(),
                b["readings"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn assert_buckets(actual: &[(String, f64, u64)], expected: &[(&str, f64, u64)], what: &str) {
    assert_eq!(actual.len(), expected.len(), "{what}: {actual:?}");
    for ((start, kwh, readings), (want_start, want_kwh, want_readings)) in
        actual.iter().zip(expected)
    {
        assert_eq!(start, want_start, "{what}: {actual:?}");
        assert!((kwh - want_kwh).abs() < 1e-9, "{what}: {actual:?}");
        assert_eq!(readings, want_readings, "{what}: {actual:?}");
    }
}

#[tokio::test]
async fn uploads_with_local_offsets_across_dst_land_in_distinct_utc_intervals() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        let root = app.user("root@example.com", Role::SuperAdmin).await;
        let household = app.user("eleni@example.com", Role::Consumer).await;
        app.store
            .link_meter(
                household.id,
                &MeterId::parse(METER).unwrap(),
                IntervalLength::FifteenMinutes,
            )
            .await
            .unwrap();
        let admin = app.token(&root.email).await;
        let created: Value = app
            .call(
                Method::POST,
                "/api/v1/admin/data-sources",
                Some(&admin),
                Some(json!({ "name": "mdm" })),
            )
            .await
            .json()
            .await
            .unwrap();
        let key = created["api_key"].as_str().unwrap().to_owned();
        let token = app.token(&household.email).await;

        // Autumn: 04:00 EEST on 25 October becomes 03:00 EET, so 03:00–04:00 comes twice.
        let autumn = local_readings(
            (2026, 10, 24),
            (2026, 10, 27),
            &[
                ("2026-10-25T03:00:00+03:00", 0.3),
                ("2026-10-25T03:15:00+03:00", 0.3),
                ("2026-10-25T03:30:00+03:00", 0.3),
                ("2026-10-25T03:45:00+03:00", 0.3),
                ("2026-10-25T03:00:00+02:00", 0.5),
                ("2026-10-25T03:15:00+02:00", 0.5),
                ("2026-10-25T03:30:00+02:00", 0.5),
                ("2026-10-25T03:45:00+02:00", 0.5),
            ],
        );
        // Spring: 03:00 EET on 29 March becomes 04:00 EEST, so 02:45 is followed by 04:00.
        let spring = local_readings(
            (2026, 3, 28),
            (2026, 3, 31),
            &[
                ("2026-03-29T02:45:00+02:00", 0.7),
                ("2026-03-29T04:00:00+03:00", 0.9),
            ],
        );
        assert_eq!((autumn.len(), spring.len()), (96 + 100 + 96, 96 + 92 + 96));

        let report = upload(&app, &key, "text/csv", as_csv(&autumn)).await;
        assert_eq!(counts(&report), [292, 0, 0, 0], "{report}");
        let report = upload(&app, &key, "application/json", as_json(&spring)).await;
        assert_eq!(counts(&report), [284, 0, 0, 0], "{report}");
        // The other format reads the same instants: nothing new.
        let report = upload(&app, &key, "application/json", as_json(&autumn)).await;
        assert_eq!(counts(&report), [0, 0, 292, 0], "{report}");
        let report = upload(&app, &key, "text/csv", as_csv(&spring)).await;
        assert_eq!(counts(&report), [0, 0, 284, 0], "{report}");

        // The repeated hour is two UTC hours, each with its own readings.
        assert_buckets(
            &series(
                &app,
                &token,
                "from=2026-10-24T23:00:00Z&to=2026-10-25T03:00:00Z&resolution=1h",
            )
            .await,
            &[
                ("2026-10-25T02:00:00+03:00", 0.4, 4),
                ("2026-10-25T03:00:00+03:00", 1.2, 4),
                ("2026-10-25T03:00:00+02:00", 2.0, 4),
                ("2026-10-25T04:00:00+02:00", 0.4, 4),
            ],
            "autumn hours",
        );
        assert_buckets(
            &series(
                &app,
                &token,
                "from=2026-10-25T00:45:00Z&to=2026-10-25T01:15:00Z&resolution=15m",
            )
            .await,
            &[
                ("2026-10-25T03:45:00+03:00", 0.3, 1),
                ("2026-10-25T03:00:00+02:00", 0.5, 1),
            ],
            "autumn quarter hours",
        );
        // The skipped hour leaves no gap: 02:00 local is followed by 04:00 local.
        assert_buckets(
            &series(
                &app,
                &token,
                "from=2026-03-28T23:00:00Z&to=2026-03-29T02:00:00Z&resolution=1h",
            )
            .await,
            &[
                ("2026-03-29T01:00:00+02:00", 0.4, 4),
                ("2026-03-29T02:00:00+02:00", 1.0, 4),
                ("2026-03-29T04:00:00+03:00", 1.2, 4),
            ],
            "spring hours",
        );

        // Daily totals over local days of 24, 25 and 24 hours, then 24, 23 and 24.
        assert_buckets(
            &series(&app, &token, "from=2026-10-24&to=2026-10-27&resolution=1d").await,
            &[
                ("2026-10-24T00:00:00+03:00", 9.6, 96),
                (
                    "2026-10-25T00:00:00+03:00",
                    92.0 * 0.1 + 4.0 * 0.3 + 4.0 * 0.5,
                    100,
                ),
                ("2026-10-26T00:00:00+02:00", 9.6, 96),
            ],
            "autumn days",
        );
        assert_buckets(
            &series(&app, &token, "from=2026-03-28&to=2026-03-31&resolution=1d").await,
            &[
                ("2026-03-28T00:00:00+02:00", 9.6, 96),
                ("2026-03-29T00:00:00+02:00", 90.0 * 0.1 + 0.7 + 0.9, 92),
                ("2026-03-30T00:00:00+03:00", 9.6, 96),
            ],
            "spring days",
        );
    }
}
