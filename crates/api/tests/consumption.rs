//! A household reading its own consumption back, in local-time buckets.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{DateTime, Datelike, Duration, TimeZone, Utc};
use common::{TestApp, problem};
use domain::account::Role;
use domain::meter::{IntervalLength, MeterId};
use domain::reading::{Quality, ReadingLimits, validate};
use reqwest::{Method, StatusCode};
use serde_json::Value;
use store::testing::each_backend;

async fn fill(app: &TestApp, meter: &str, from: DateTime<Utc>, to: DateTime<Utc>, wh: f64) {
    let meters = app
        .store
        .meters_by_utility_ids(&[meter.to_owned()])
        .await
        .unwrap();
    let meter = meters[meter];
    let step = Duration::minutes(i64::from(meter.interval.minutes()));
    let mut readings = Vec::new();
    let mut t = from;
    while t < to {
        readings.push(
            validate(
                meter.id,
                meter.interval,
                t,
                wh,
                Quality::Actual,
                Utc::now(),
                &ReadingLimits::default(),
            )
            .unwrap(),
        );
        t += step;
    }
    app.store.upsert_readings(&readings).await.unwrap();
}

#[tokio::test]
async fn daily_buckets_follow_local_days_across_dst() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        let user = app.user("eleni@example.com", Role::Consumer).await;
        app.store
            .link_meter(
                user.id,
                &MeterId::parse("CY-1").unwrap(),
                IntervalLength::FifteenMinutes,
            )
            .await
            .unwrap();
        let token = app.token(&user.email).await;
        // 27 Mar – 31 Mar 2026 in Nicosia: 29 March has 23 hours. 24 – 27 Oct: 25 October has 25.
        for (from, to) in [
            ((2026, 3, 26, 22), (2026, 3, 31, 21)),
            ((2026, 10, 23, 21), (2026, 10, 27, 22)),
        ] {
            let from = Utc
                .with_ymd_and_hms(from.0, from.1, from.2, from.3, 0, 0)
                .unwrap();
            let to = Utc.with_ymd_and_hms(to.0, to.1, to.2, to.3, 0, 0).unwrap();
            fill(&app, "CY-1", from, to, 0.1).await;
        }
        for (range, expected_hours) in [
            ("from=2026-03-28&to=2026-03-31", vec![24, 23, 24]),
            ("from=2026-10-24&to=2026-10-27", vec![24, 25, 24]),
        ] {
            let response = app
                .call(
                    Method::GET,
                    &format!("/api/v1/me/consumption?{range}&resolution=1d"),
                    Some(&token),
                    None,
                )
                .await;
            assert_eq!(response.status(), StatusCode::OK, "{}", app.backend);
            let series: Value = response.json().await.unwrap();
            let buckets = series["buckets"].as_array().unwrap();
            let readings: Vec<u64> = buckets
                .iter()
                .map(|b| b["readings"].as_u64().unwrap())
                .collect();
            assert_eq!(
                readings,
                expected_hours.iter().map(|h| h * 4).collect::<Vec<_>>(),
                "{range}"
            );
            assert!(buckets.iter().all(|b| b["complete"] == true));
            let kwh: Vec<f64> = buckets.iter().map(|b| b["kwh"].as_f64().unwrap()).collect();
            assert!((kwh[1] - expected_hours[1] as f64 * 0.4).abs() < 1e-9);
            assert_eq!(buckets[0]["start"].as_str().unwrap()[..10], range[5..15]);
        }
        let hourly: Value = app
            .call(Method::GET, "/api/v1/me/consumption?from=2026-03-30T10:00:00Z&to=2026-03-30T13:00:00Z&resolution=30m", Some(&token), None)
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(hourly["buckets"].as_array().unwrap().len(), 6);
        assert_eq!(hourly["buckets"][0]["kwh"], 0.2);
        assert_eq!(hourly["total_kwh"], 1.2);
    }
}

/// How many half hours of the grid start in `[from, to)`.
fn half_hours(from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
    let grid_index = |t: DateTime<Utc>| (t.timestamp() + 1799).div_euclid(1800);
    (grid_index(to) - grid_index(from)).max(0)
}

#[tokio::test]
async fn summary_and_bad_parameters() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        summary_story(&app).await;
    }
}

async fn summary_story(app: &TestApp) {
    let user = app.user("nikos@example.com", Role::Consumer).await;
    app.store
        .link_meter(
            user.id,
            &MeterId::parse("CY-30").unwrap(),
            IntervalLength::ThirtyMinutes,
        )
        .await
        .unwrap();
    let token = app.token(&user.email).await;
    let now = Utc::now();
    let start = Utc
        .timestamp_opt(now.timestamp() - now.timestamp() % 1800, 0)
        .unwrap();
    // 0.5 kWh for every half hour of the last 16 days that has ended.
    let last_end = start;
    fill(app, "CY-30", start - Duration::days(16), last_end, 0.5).await;

    let tz = chrono_tz::Europe::Nicosia;
    let before = Utc::now();
    let response = app
        .call(
            Method::GET,
            "/api/v1/me/consumption/summary",
            Some(&token),
            None,
        )
        .await;
    let after = Utc::now();
    assert_eq!(response.status(), StatusCode::OK, "{}", app.backend);
    let summary: Value = response.json().await.unwrap();
    let at = format!("[{}] {summary}", app.backend);
    assert_eq!(summary["time_zone"], "Europe/Nicosia");

    let today = before.with_timezone(&tz).date_naive();
    let today_start = domain::consumption::local_midnight(tz, today);
    let yesterday_start = domain::consumption::local_midnight(tz, today.pred_opt().unwrap());
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let week_start = domain::consumption::local_midnight(tz, monday);
    let last_week_start = domain::consumption::local_midnight(tz, monday - Duration::days(7));
    let kwh = |period: &str| summary[period]["kwh"].as_f64().unwrap();
    let close = |a: f64, b: f64| (a - b).abs() < 1e-9;

    // Yesterday is a whole local day (23, 24 or 25 hours), every reading in.
    let hours = (today_start - yesterday_start).num_hours() as f64;
    assert!(close(kwh("yesterday"), hours), "{at}");
    assert_eq!(summary["yesterday"]["completeness"], 1.0, "{at}");
    assert_eq!(
        summary["yesterday"]["start"],
        yesterday_start.with_timezone(&tz).to_rfc3339(),
        "{at}"
    );
    // Today and this week so far: the readings that have arrived.
    assert!(
        close(kwh("today"), 0.5 * half_hours(today_start, last_end) as f64),
        "{at}"
    );
    assert!(
        close(
            kwh("this_week"),
            0.5 * half_hours(week_start, last_end) as f64
        ),
        "{at}"
    );
    // Last week over the same span as this week so far, which ends at the server's "now".
    let last_week = |now: DateTime<Utc>| {
        0.5 * half_hours(last_week_start, last_week_start + (now - week_start)) as f64
    };
    assert!(
        kwh("last_week_same_span") >= last_week(before) - 1e-9
            && kwh("last_week_same_span") <= last_week(after) + 1e-9,
        "{at}"
    );
    assert_eq!(summary["last_week_same_span"]["completeness"], 1.0, "{at}");
    let change = (kwh("this_week") - kwh("last_week_same_span")) / kwh("last_week_same_span");
    assert!(
        close(
            summary["week_change_percent"].as_f64().unwrap(),
            (change * 1000.0).round() / 10.0
        ),
        "{at}"
    );

    for (query, field) in [
        ("resolution=5m", "resolution"),
        ("resolution=15m", "resolution"),
        ("from=yesterday", "from"),
        ("from=2026-07-02&to=2026-07-01", "from"),
        ("from=2025-01-01&to=2026-07-01&resolution=1h", "to"),
    ] {
        let response = app
            .call(
                Method::GET,
                &format!("/api/v1/me/consumption?{query}"),
                Some(&token),
                None,
            )
            .await;
        let body = problem(response, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(body["errors"][0]["field"], field, "{query}");
    }
    problem(
        app.call(Method::GET, "/api/v1/me/consumption", None, None)
            .await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
    problem(
        app.call(Method::GET, "/api/v1/me/consumption/summary", None, None)
            .await,
        StatusCode::UNAUTHORIZED,
    )
    .await;
}
