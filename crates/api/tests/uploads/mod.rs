//! What the meter-data integrity tests share: a superadmin, a household with meters CY-A and
//! CY-B, data sources made through the API, and CSV uploads with their reports.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, Duration, DurationRound, Utc};
use domain::account::Role;
use domain::meter::{IntervalLength, MeterId};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::common::TestApp;

pub const QUARTER: IntervalLength = IntervalLength::FifteenMinutes;

pub struct Setup {
    pub admin: String,
    pub household: Uuid,
    pub household_email: String,
    pub meter: i64,
}

pub async fn setup(app: &TestApp) -> Setup {
    let root = app.user("root@example.com", Role::SuperAdmin).await;
    let admin = app.token(&root.email).await;
    let household = app.user("home@example.com", Role::Consumer).await;
    for id in ["CY-A", "CY-B"] {
        app.store
            .link_meter(household.id, &MeterId::parse(id).unwrap(), QUARTER)
            .await
            .unwrap();
    }
    let meter = app
        .store
        .meters_by_utility_ids(&["CY-A".to_owned()])
        .await
        .unwrap()["CY-A"]
        .id;
    Setup {
        admin,
        household: household.id,
        household_email: household.email,
        meter,
    }
}

/// Creates an API data source through the API and returns (its id, its key).
pub async fn source(app: &TestApp, admin: &str, name: &str) -> (i64, String) {
    let created = app
        .call(
            Method::POST,
            "/api/v1/admin/data-sources",
            Some(admin),
            Some(json!({ "name": name })),
        )
        .await;
    assert_eq!(created.status(), StatusCode::CREATED);
    let created: Value = created.json().await.unwrap();
    (
        created["source"]["id"].as_i64().unwrap(),
        created["api_key"].as_str().unwrap().to_owned(),
    )
}

pub async fn upload_csv(app: &TestApp, key: &str, csv: String) -> Value {
    let response = app
        .client
        .post(app.url("/api/v1/meter-readings"))
        .bearer_auth(key)
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{}", app.backend);
    response.json().await.unwrap()
}

pub fn counts(report: &Value) -> [u64; 4] {
    ["inserted", "updated", "unchanged", "rejected"].map(|k| report[k].as_u64().unwrap())
}

pub fn rejects(report: &Value) -> Vec<(u64, String, String)> {
    report["rejects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["line"].as_u64().unwrap(),
                r["meter_id"].as_str().unwrap().to_owned(),
                r["reason"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The start of an hour that ended at least an hour ago.
pub fn a_past_hour() -> DateTime<Utc> {
    (Utc::now() - Duration::hours(2))
        .duration_trunc(Duration::hours(1))
        .unwrap()
}
