//! Uploading readings with a data-source API key, on SQLite and PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{Duration, DurationRound, Utc};
use common::{TestApp, problem};
use domain::account::Role;
use domain::meter::{IntervalLength, MeterId};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use store::testing::each_backend;

struct Setup {
    key: String,
    admin: String,
}

async fn setup(app: &TestApp) -> Setup {
    let root = app.user("root@example.com", Role::SuperAdmin).await;
    let admin = app.token(&root.email).await;
    let household = app.user("home@example.com", Role::Consumer).await;
    for (id, interval) in [
        ("CY-A", IntervalLength::FifteenMinutes),
        ("CY-B", IntervalLength::ThirtyMinutes),
    ] {
        app.store
            .link_meter(household.id, &MeterId::parse(id).unwrap(), interval)
            .await
            .unwrap();
    }
    let created = app
        .call(
            Method::POST,
            "/api/v1/admin/data-sources",
            Some(&admin),
            Some(json!({ "name": "mdm" })),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let created: Value = created.json().await.unwrap();
    let key = created["api_key"].as_str().unwrap().to_owned();
    assert!(key.starts_with("psk_"));
    Setup { key, admin }
}

async fn upload(app: &TestApp, key: &str, content_type: &str, body: String) -> reqwest::Response {
    app.client
        .post(app.url("/api/v1/meter-readings"))
        .bearer_auth(key)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn csv_and_json_uploads_keep_valid_rows_and_report_bad_ones() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        let setup = setup(&app).await;
        let hour = (Utc::now() - Duration::hours(3))
            .duration_trunc(Duration::hours(1))
            .unwrap();
        let t = |minutes: i64| (hour + Duration::minutes(minutes)).to_rfc3339();
        let csv = format!(
            "meter_id,interval_start,kwh,quality\n\
             CY-A,{},0.250,actual\n\
             CY-A,{},0.300,estimated\n\
             CY-A,{},0.1\n\
             CY-B,{},0.600\n\
             CY-UNKNOWN,{},0.1\n\
             CY-A,{},-1\n\
             CY-A,not-a-time,1\n\
             CY-A,{},0.1\n",
            t(0),
            t(15),
            t(7),
            t(30),
            t(0),
            t(45),
            (Utc::now() + Duration::hours(2))
                .duration_trunc(Duration::hours(1))
                .unwrap()
                .to_rfc3339(),
        );
        let response = upload(&app, &setup.key, "text/csv", csv.clone()).await;
        assert_eq!(response.status(), StatusCode::OK, "{}", app.backend);
        let report: Value = response.json().await.unwrap();
        assert_eq!(
            (report["inserted"].as_u64(), report["rejected"].as_u64()),
            (Some(3), Some(5)),
            "{report}"
        );
        let lines: Vec<u64> = report["rejects"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["line"].as_u64().unwrap())
            .collect();
        assert_eq!(lines, vec![4, 6, 7, 8, 9]);
        let reasons: Vec<&str> = report["rejects"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["reason"].as_str().unwrap())
            .collect();
        assert!(reasons[0].contains("not aligned"), "{reasons:?}");
        assert!(reasons[1].contains("unknown meter CY-UNKNOWN"));
        assert!(reasons[2].contains("negative"));
        assert!(reasons[3].contains("invalid interval start"));
        assert!(reasons[4].contains("future"));
        assert_eq!(report["rejects"][1]["meter_id"], "CY-UNKNOWN");

        // The same file again changes nothing.
        let again: Value = upload(&app, &setup.key, "text/csv", csv)
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            (again["inserted"].as_u64(), again["unchanged"].as_u64()),
            (Some(0), Some(3))
        );

        // JSON: the estimate becomes actual; a malformed element is refused alone.
        let json_body = json!({ "readings": [
            { "meter_id": "cy-a", "interval_start": t(15), "kwh": 0.31 },
            { "meter_id": "CY-A", "interval_start": t(15), "kwh": 0.5, "quality": "estimated" },
            { "meter_id": "CY-A", "interval_start": t(60), "kwh": "lots" },
            { "meter_id": "CY-A", "interval_start": t(75), "kwh": 0.2, "colour": "green" },
            { "meter_id": "CY-B", "interval_start": t(60), "kwh": 99.0 },
        ]});
        let report: Value = upload(&app, &setup.key, "application/json", json_body.to_string())
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            (
                report["updated"].as_u64(),
                report["unchanged"].as_u64(),
                report["rejected"].as_u64()
            ),
            (Some(1), Some(1), Some(3)),
            "{report}"
        );
        let indexes: Vec<u64> = report["rejects"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["index"].as_u64().unwrap())
            .collect();
        assert_eq!(indexes, vec![2, 3, 4]);
        assert!(
            report["rejects"][2]["reason"]
                .as_str()
                .unwrap()
                .contains("physical maximum")
        );

        let sources: Value = app
            .call(
                Method::GET,
                "/api/v1/admin/meter-data/sources",
                Some(&setup.admin),
                None,
            )
            .await
            .json()
            .await
            .unwrap();
        let mdm = sources["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["name"] == "mdm")
            .unwrap();
        assert_eq!(
            (
                mdm["readings_today"].as_i64(),
                mdm["rejected_today"].as_i64()
            ),
            (Some(8), Some(13))
        );
        assert!(mdm["lag_seconds"].as_i64().unwrap() > 0);
    }
}

/// A body larger than one stored batch is read row by row in batches: every row of every
/// batch is stored or reported, with its own line number, and a line that is not UTF-8 text
/// is refused alone instead of costing the whole body.
#[tokio::test]
async fn a_large_csv_upload_is_stored_in_batches_and_a_line_that_is_not_text_is_refused_alone() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        let setup = setup(&app).await;
        // 25,000 quarter hours of CY-A, ending three hours ago: more than one batch of rows.
        let rows = 25_000i64;
        let last = (Utc::now() - Duration::hours(3))
            .duration_trunc(Duration::hours(1))
            .unwrap();
        let mut body = b"meter_id,interval_start,kwh\n".to_vec();
        for row in 0..rows {
            let start = last - Duration::minutes(15 * (rows - 1 - row));
            body.extend_from_slice(format!("CY-A,{},0.1\n", start.to_rfc3339()).as_bytes());
            if row == 12_345 {
                body.extend_from_slice(b"CY-A,\xff\xfe,0.1\n");
            }
        }
        let response = app
            .client
            .post(app.url("/api/v1/meter-readings"))
            .bearer_auth(&setup.key)
            .header("content-type", "text/csv")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{}", app.backend);
        let report: Value = response.json().await.unwrap();
        assert_eq!(
            (report["inserted"].as_u64(), report["rejected"].as_u64()),
            (Some(rows as u64), Some(1)),
            "{report}"
        );
        // Line 1 is the header and row 12,345 (0-based) is on line 12,347: the bad line follows.
        assert_eq!(report["rejects"][0]["line"].as_u64(), Some(12_348));
        assert_eq!(
            report["rejects"][0]["reason"].as_str(),
            Some(ingest::csv::NOT_TEXT)
        );
    }
}

#[tokio::test]
async fn uploads_need_a_live_key_and_a_known_format() {
    let database = store::testing::TestDatabase::sqlite();
    let app = TestApp::spawn(&database).await;
    let setup = setup(&app).await;
    let body = json!({ "readings": [] }).to_string();
    problem(
        upload(&app, "psk_not-a-real-key", "application/json", body.clone()).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    // A user's access token is not a data-source credential.
    problem(
        upload(&app, &setup.admin, "application/json", body.clone()).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    problem(
        upload(&app, &setup.key, "application/xml", "<x/>".into()).await,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
    )
    .await;
    problem(
        upload(
            &app,
            &setup.key,
            "application/json",
            "{\"readings\": [".into(),
        )
        .await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    problem(
        upload(
            &app,
            &setup.key,
            "application/json",
            "{\"rows\": []}".into(),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    problem(
        upload(&app, &setup.key, "text/csv", "x".repeat(2 * 1024 * 1024)).await,
        StatusCode::PAYLOAD_TOO_LARGE,
    )
    .await;

    let sources: Value = app
        .call(
            Method::GET,
            "/api/v1/admin/meter-data/sources",
            Some(&setup.admin),
            None,
        )
        .await
        .json()
        .await
        .unwrap();
    let id = sources["items"][0]["id"].as_i64().unwrap();
    let revoked = app
        .call(
            Method::POST,
            &format!("/api/v1/admin/data-sources/{id}/revoke"),
            Some(&setup.admin),
            None,
        )
        .await;
    assert_eq!(revoked.status(), StatusCode::OK);
    problem(
        upload(&app, &setup.key, "application/json", body).await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    let duplicate = app
        .call(
            Method::POST,
            "/api/v1/admin/data-sources",
            Some(&setup.admin),
            Some(json!({ "name": "mdm" })),
        )
        .await;
    problem(duplicate, StatusCode::CONFLICT).await;
    let bad_name = app
        .call(
            Method::POST,
            "/api/v1/admin/data-sources",
            Some(&setup.admin),
            Some(json!({ "name": "a/b" })),
        )
        .await;
    problem(bad_name, StatusCode::UNPROCESSABLE_ENTITY).await;
}
