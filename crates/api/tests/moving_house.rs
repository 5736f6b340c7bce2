//! Moving house through the API (docs/RULES.md, "Whose readings"): after the register bills a
//! meter to a new account, the household that left still sees its own readings and not the new
//! occupant's; the one that arrived sees only its own from its move-in, in its consumption, its
//! export and its eligibility, on both backends.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{Duration, NaiveDate, Utc};
use chrono_tz::Europe::Nicosia;
use common::{TestApp, json_of, problem};
use domain::account::Role;
use domain::consumption::local_midnight;
use domain::household::TariffCode;
use domain::meter::{IntervalLength, MeterId};
use domain::onboarding::{AccountNumber, CONSENT_TEXT_VERSION, RegisterEntry};
use domain::reading::{Quality, ReadingLimits, validate};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use store::testing::{backdate_links, each_backend};

const METER: &str = "CY-HOME-1";

async fn register(app: &TestApp, account: &str) -> u64 {
    let entry = RegisterEntry {
        meter_id: MeterId::parse(METER).unwrap(),
        account_number: AccountNumber::parse(account).unwrap(),
        district: None,
        tariff_code: TariffCode::parse("08").unwrap(),
        interval: IntervalLength::FifteenMinutes,
    };
    app.store
        .import_register(&[entry], "register.csv", 0, None)
        .await
        .unwrap()
        .links_ended
}

async fn connect(app: &TestApp, token: &str, account: &str) {
    let body = json!({"account_number": account, "meter_id": METER, "consent_version": CONSENT_TEXT_VERSION});
    let linked = json_of(
        app.call(
            Method::POST,
            "/api/v1/me/meter-claims",
            Some(token),
            Some(body),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(linked["status"], "linked");
}

async fn get(app: &TestApp, token: &str, path: &str) -> Value {
    json_of(
        app.call(Method::GET, path, Some(token), None).await,
        StatusCode::OK,
    )
    .await
}

/// Readings of 0.1 kWh every quarter hour of the local days `first..today`.
async fn fill(app: &TestApp, first: NaiveDate, today: NaiveDate) {
    let meter = app
        .store
        .meters_by_utility_ids(&[METER.to_owned()])
        .await
        .unwrap()[METER];
    let (mut t, to) = (
        local_midnight(Nicosia, first),
        local_midnight(Nicosia, today),
    );
    let mut readings = Vec::new();
    while t < to {
        let reading = validate(
            meter.id,
            meter.interval,
            t,
            0.1,
            Quality::Actual,
            Utc::now(),
            &ReadingLimits::default(),
        );
        readings.push(reading.unwrap());
        t += Duration::minutes(15);
    }
    app.store.upsert_readings(&readings).await.unwrap();
}

/// `(readings, expected)` of each local day of the daily series.
fn days(series: &Value) -> Vec<(u64, u64)> {
    series["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["readings"].as_u64().unwrap(),
                b["expected_readings"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn after_a_move_each_household_sees_only_its_own_readings() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        let backend = app.backend;
        register(&app, "1002003045").await;
        let leaving = app.user("leaving@example.com", Role::Consumer).await;
        let leaving_token = app.token("leaving@example.com").await;
        connect(&app, &leaving_token, "1002003045").await;
        // The register bills the meter to a new account: the old link ends, the new occupant
        // connects with the new number.
        assert_eq!(register(&app, "4444555566").await, 1, "{backend}");
        app.user("arriving@example.com", Role::Consumer).await;
        let arriving_token = app.token("arriving@example.com").await;
        connect(&app, &arriving_token, "4444555566").await;

        // All of that happened five days ago at 14:07:30 local time, between two readings.
        let today = Utc::now().with_timezone(&Nicosia).date_naive();
        let move_day = today - Duration::days(5);
        let moved = local_midnight(Nicosia, move_day) + Duration::seconds(14 * 3600 + 450);
        let ended = app.store.meter_link_history(leaving.id).await.unwrap()[0]
            .ended_at
            .unwrap();
        backdate_links(&app.store, METER, ended - moved).await;
        let first = today - Duration::days(12);
        fill(&app, first, today).await;

        let path = format!("/api/v1/me/consumption?from={first}&to={today}&resolution=1d");
        let old = days(&get(&app, &leaving_token, &path).await);
        let new = days(&get(&app, &arriving_token, &path).await);
        assert_eq!(old.len(), 12, "{backend}");
        for (i, ((old, new), date)) in old.iter().zip(&new).zip(first.iter_days()).enumerate() {
            match i.cmp(&7) {
                // Before the move day: all the old household's, nothing of the new one.
                std::cmp::Ordering::Less => {
                    assert!(old.0 == old.1 && old.0 >= 92, "{backend} {date}: {old:?}");
                    assert_eq!(*new, (0, 0), "{backend} {date}");
                }
                // The move day is split at 14:07:30: 00:00–14:00 for the one, 14:15 on for
                // the other; the quarter hour the move cut is nobody's.
                std::cmp::Ordering::Equal => {
                    assert_eq!((*old, *new), ((56, 56), (39, 39)), "{backend} {date}");
                }
                std::cmp::Ordering::Greater => {
                    assert_eq!(*old, (0, 0), "{backend} {date}");
                    assert!(new.0 == new.1 && new.0 >= 92, "{backend} {date}: {new:?}");
                }
            }
        }

        // The download says the same as the series.
        let export = app
            .call(
                Method::GET,
                &format!("/api/v1/me/consumption/export?from={first}&to={today}&resolution=1d"),
                Some(&arriving_token),
                None,
            )
            .await;
        assert_eq!(export.status(), StatusCode::OK);
        let csv = export.text().await.unwrap();
        let kwh: Vec<f64> = csv
            .lines()
            .skip(1)
            .map(|line| line.split(',').nth(2).unwrap().parse().unwrap())
            .collect();
        assert_eq!(kwh.len(), 12);
        assert!(kwh[..7].iter().all(|k| *k == 0.0), "{backend}: {csv}");
        assert!((kwh[7] - 3.9).abs() < 1e-9, "{backend}: {csv}");

        // The new occupant's eligibility counts only its own days: the move day's 39
        // quarter hours and four full days of the fifteen.
        let status = get(&app, &arriving_token, "/api/v1/me/onboarding").await;
        assert_eq!(status["step"], "building_history", "{backend}: {status}");
        let eligibility = &status["eligibility"];
        assert_eq!(eligibility["eligible_now"], false);
        let expected: f64 = (1..=15)
            .map(|back| {
                let day = today - Duration::days(back);
                let hours = (local_midnight(Nicosia, day + Duration::days(1))
                    - local_midnight(Nicosia, day))
                .num_hours();
                hours as f64 * 4.0
            })
            .sum();
        let received = 39.0 + (1..=4).map(|_| 96.0).sum::<f64>();
        assert_eq!(
            eligibility["received_percent"],
            (received / expected * 1000.0).round() / 10.0,
            "{backend}: {status}"
        );
        // The household that left holds no meter: it is asked to connect one, and keeps its
        // consumption.
        let left = get(&app, &leaving_token, "/api/v1/me/onboarding").await;
        assert_eq!(left["step"], "connect_meter", "{backend}");

        // Bad input is still refused by field, as problem+json.
        let refused = problem(
            app.call(
                Method::GET,
                "/api/v1/me/consumption?from=yesterday",
                Some(&leaving_token),
                None,
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(refused["errors"][0]["field"], "from");
        let refused = problem(
            app.call(
                Method::GET,
                "/api/v1/me/consumption/export?resolution=2h",
                Some(&arriving_token),
                None,
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(refused["errors"][0]["field"], "resolution");
    }
}
