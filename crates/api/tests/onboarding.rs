//! A household connects its own meter from the numbers on its bill: checked against the customer
//! register, with consent; clashes and guesses go to staff review; the household is told
//! truthfully where it stands until it can join a session.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{Duration, Utc};
use common::{TestApp, json_of, problem};
use domain::account::Role;
use domain::household::{District, TariffCode};
use domain::meter::{IntervalLength, MeterId};
use domain::onboarding::{AccountNumber, CONSENT_TEXT_VERSION, RegisterEntry};
use domain::reading::{Quality, ReadingLimits, validate};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use store::testing::each_backend;

const ACCOUNT: &str = "1002003045";

async fn with_register(app: &TestApp) {
    let districts = ["Nicosia".to_owned(), "Limassol".to_owned()];
    let entry = |meter: &str, account: &str| RegisterEntry {
        meter_id: MeterId::parse(meter).unwrap(),
        account_number: AccountNumber::parse(account).unwrap(),
        district: Some(District::parse("Limassol", &districts).unwrap()),
        tariff_code: TariffCode::parse("08").unwrap(),
        interval: IntervalLength::FifteenMinutes,
    };
    app.store
        .import_register(
            &[entry("CY-NEW-1", ACCOUNT), entry("CY-NEW-2", "7000800090")],
            "register.csv",
            1,
            None,
        )
        .await
        .unwrap();
}

fn claim(account: &str, meter: &str) -> Value {
    json!({"account_number": account, "meter_id": meter, "consent_version": CONSENT_TEXT_VERSION})
}

async fn post_claim(app: &TestApp, token: &str, body: Value) -> reqwest::Response {
    app.call(
        Method::POST,
        "/api/v1/me/meter-claims",
        Some(token),
        Some(body),
    )
    .await
}

async fn onboarding(app: &TestApp, token: &str) -> Value {
    json_of(
        app.call(Method::GET, "/api/v1/me/onboarding", Some(token), None)
            .await,
        StatusCode::OK,
    )
    .await
}

/// Staff decide the claim `id`.
async fn decide(
    app: &TestApp,
    token: &str,
    id: &Value,
    approve: bool,
    note: &str,
) -> reqwest::Response {
    let path = format!(
        "/api/v1/admin/meter-claims/{}/decision",
        id.as_str().unwrap()
    );
    app.call(
        Method::POST,
        &path,
        Some(token),
        Some(json!({"approve": approve, "note": note})),
    )
    .await
}

/// Complete quarter-hour readings for the `days` local days before today.
async fn fill_days(app: &TestApp, meter: &str, days: i64) {
    let meters = app
        .store
        .meters_by_utility_ids(&[meter.to_owned()])
        .await
        .unwrap();
    let meter = meters[meter];
    let today = Utc::now()
        .with_timezone(&chrono_tz::Europe::Nicosia)
        .date_naive();
    let from = domain::consumption::local_midnight(
        chrono_tz::Europe::Nicosia,
        today - Duration::days(days),
    );
    let to = domain::consumption::local_midnight(chrono_tz::Europe::Nicosia, today);
    let mut readings = Vec::new();
    let mut t = from;
    while t < to {
        readings.push(
            validate(
                meter.id,
                meter.interval,
                t,
                0.1,
                Quality::Actual,
                Utc::now(),
                &ReadingLimits::default(),
            )
            .unwrap(),
        );
        t += Duration::minutes(15);
    }
    app.store.upsert_readings(&readings).await.unwrap();
}

#[tokio::test]
async fn a_household_connects_its_meter_and_is_told_when_it_can_join() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        with_register(&app).await;
        let eleni = app.user("eleni@example.com", Role::Consumer).await;
        let token = app.token("eleni@example.com").await;

        let start = onboarding(&app, &token).await;
        assert_eq!(start["step"], "connect_meter", "{}", app.backend);
        assert_eq!(start["eligibility"], Value::Null);

        let terms = json_of(
            app.call(Method::GET, "/api/v1/me/consent", Some(&token), None)
                .await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(terms["version"], CONSENT_TEXT_VERSION);
        assert!(terms["text"].as_str().unwrap().contains("withdraw"));

        // Bad input is refused by field and links nothing.
        for (body, field) in [
            (claim("12ab", "CY-NEW-1"), "account_number"),
            (claim(ACCOUNT, "CY NEW"), "meter_id"),
            (
                json!({"account_number": ACCOUNT, "meter_id": "CY-NEW-1", "consent_version": "2020-01"}),
                "consent_version",
            ),
            (claim(ACCOUNT, "CY-NOT-THERE"), "meter_id"),
            (claim("5555555555", "CY-NEW-1"), "account_number"),
        ] {
            let refused = problem(
                post_claim(&app, &token, body).await,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
            assert_eq!(refused["errors"][0]["field"], field);
            // Whose meter it is, is never told.
            assert!(!refused.to_string().contains(ACCOUNT));
        }
        assert!(
            app.store
                .household(eleni.id)
                .await
                .unwrap()
                .meters
                .is_empty()
        );

        let linked = json_of(
            post_claim(&app, &token, claim("1002 0030 45", "cy-new-1")).await,
            StatusCode::CREATED,
        )
        .await;
        assert_eq!(linked["status"], "linked");
        assert_eq!(linked["household"]["district"], "Limassol");
        assert_eq!(linked["household"]["tariff_code"], "08");
        assert_eq!(linked["household"]["meters"][0]["meter_id"], "CY-NEW-1");
        let again = json_of(
            post_claim(&app, &token, claim(ACCOUNT, "CY-NEW-1")).await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(again["status"], "linked");

        let consents = json_of(
            app.call(Method::GET, "/api/v1/me/consents", Some(&token), None)
                .await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(consents[0]["meter_id"], "CY-NEW-1");
        assert_eq!(consents[0]["text_version"], CONSENT_TEXT_VERSION);

        let waiting = onboarding(&app, &token).await;
        assert_eq!(waiting["step"], "awaiting_data");
        assert_eq!(waiting["latest_reading_at"], Value::Null);
        assert_eq!(waiting["eligibility"]["eligible_now"], false);

        // Five full days of history of the fifteen the rule looks at: 33 %.
        fill_days(&app, "CY-NEW-1", 5).await;
        let building = onboarding(&app, &token).await;
        assert_eq!(building["step"], "building_history");
        let eligibility = &building["eligibility"];
        assert_eq!(eligibility["received_percent"], 33.3);
        assert_eq!(eligibility["required_percent"], 80.0);
        // 12 of 15 days are needed: 7 more complete days.
        let today = Utc::now()
            .with_timezone(&chrono_tz::Europe::Nicosia)
            .date_naive();
        assert_eq!(
            eligibility["eligible_from"],
            (today + Duration::days(7)).format("%Y-%m-%d").to_string()
        );
        assert!(
            eligibility["explanation"]
                .as_str()
                .unwrap()
                .contains("you have 33 %")
        );
        assert!(building["hours_behind"].as_i64().unwrap() <= 24);

        fill_days(&app, "CY-NEW-1", 15).await;
        assert_eq!(onboarding(&app, &token).await["step"], "ready");
    }
}

#[tokio::test]
async fn a_second_claim_on_a_held_meter_goes_to_review_and_approving_moves_it_keeping_history() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        with_register(&app).await;
        let first = app.user("first@example.com", Role::Consumer).await;
        let second = app.user("second@example.com", Role::Consumer).await;
        app.user("admin@example.com", Role::Admin).await;
        let first_token = app.token("first@example.com").await;
        let second_token = app.token("second@example.com").await;
        let admin = app.token("admin@example.com").await;
        json_of(
            post_claim(&app, &first_token, claim(ACCOUNT, "CY-NEW-1")).await,
            StatusCode::CREATED,
        )
        .await;
        fill_days(&app, "CY-NEW-1", 3).await;

        let review = json_of(
            post_claim(&app, &second_token, claim(ACCOUNT, "CY-NEW-1")).await,
            StatusCode::ACCEPTED,
        )
        .await;
        assert_eq!(review["status"], "review", "{}", app.backend);
        assert!(review["household"]["meters"].as_array().unwrap().is_empty());
        // Asking again is the same claim, not a second one in the queue.
        let again = json_of(
            post_claim(&app, &second_token, claim(ACCOUNT, "CY-NEW-1")).await,
            StatusCode::ACCEPTED,
        )
        .await;
        assert_eq!(again["claim_id"], review["claim_id"]);
        // A typo of the other meter's account number is for staff too.
        let typo = json_of(
            post_claim(&app, &second_token, claim("7000800091", "CY-NEW-2")).await,
            StatusCode::ACCEPTED,
        )
        .await;
        assert_eq!(typo["status"], "review");
        // The household is told its claim waits, on its way to its first session.
        let waiting = onboarding(&app, &second_token).await;
        assert_eq!(waiting["step"], "connect_meter");
        assert_eq!(waiting["claim_in_review"]["meter_id"], "CY-NEW-2");

        let queue = json_of(
            app.call(
                Method::GET,
                "/api/v1/admin/meter-claims?status=review",
                Some(&admin),
                None,
            )
            .await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(queue["total"], 2);
        let reasons: Vec<&str> = queue["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["review_reason"].as_str().unwrap())
            .collect();
        assert_eq!(reasons, ["near_miss", "held_by_another"]);
        // Households cannot see or decide the queue.
        problem(
            app.call(
                Method::GET,
                "/api/v1/admin/meter-claims",
                Some(&second_token),
                None,
            )
            .await,
            StatusCode::FORBIDDEN,
        )
        .await;
        let id = &review["claim_id"];
        let no_note = problem(
            decide(&app, &admin, id, true, " ").await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert_eq!(no_note["errors"][0]["field"], "note");
        let approved = json_of(
            decide(&app, &admin, id, true, "moved in on 1 December, lease seen").await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(approved["status"], "approved");
        problem(
            decide(&app, &admin, id, false, "twice").await,
            StatusCode::CONFLICT,
        )
        .await;
        let rejected = json_of(
            decide(&app, &admin, &typo["claim_id"], false, "not their bill").await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(rejected["status"], "rejected");
        assert_eq!(
            onboarding(&app, &second_token).await["claim_in_review"],
            Value::Null
        );

        assert_eq!(
            app.store.household(second.id).await.unwrap().meters[0].meter_id,
            "CY-NEW-1"
        );
        assert!(
            app.store
                .household(first.id)
                .await
                .unwrap()
                .meters
                .is_empty()
        );
        assert!(app.store.household(second.id).await.unwrap().meters.len() == 1);
        let links = json_of(
            app.call(
                Method::GET,
                &format!("/api/v1/admin/users/{}/meter-links", first.id),
                Some(&admin),
                None,
            )
            .await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(links[0]["how"], "claim");
        assert_eq!(links[0]["end_reason"], "reassigned");
        assert!(links[0]["ended_at"].is_string());
        let links = json_of(
            app.call(
                Method::GET,
                &format!("/api/v1/admin/users/{}/meter-links", second.id),
                Some(&admin),
                None,
            )
            .await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(links[0]["how"], "review");
        assert_eq!(links[0]["ended_at"], Value::Null);

        let register = json_of(
            app.call(
                Method::GET,
                "/api/v1/admin/customer-register",
                Some(&admin),
                None,
            )
            .await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(register["entries"], 2);
        assert_eq!(register["last_import_source"], "register.csv");
        assert_eq!(register["last_import_rejected"], 1);
        assert_eq!(register["claims_in_review"], 0);
    }
}

#[tokio::test]
async fn guessing_goes_to_review_claims_are_limited_and_withdrawing_consent_disconnects() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        with_register(&app).await;
        let eleni = app.user("eleni@example.com", Role::Consumer).await;
        let token = app.token("eleni@example.com").await;
        for guess in ["5555555555", "6666666666", "7777777777"] {
            problem(
                post_claim(&app, &token, claim(guess, "CY-NEW-1")).await,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
        let fourth = json_of(
            post_claim(&app, &token, claim("8888888888", "CY-NEW-1")).await,
            StatusCode::ACCEPTED,
        )
        .await;
        assert_eq!(fourth["status"], "review", "{}", app.backend);
        // The right numbers still link: the claim in review does not hold the meter.
        json_of(
            post_claim(&app, &token, claim(ACCOUNT, "CY-NEW-1")).await,
            StatusCode::CREATED,
        )
        .await;
        // Five claims so far; five more on meters the register does not have reach the limit.
        for n in 0..5 {
            post_claim(
                &app,
                &token,
                claim("1111111111", &format!("CY-NOT-THERE-{n}")),
            )
            .await;
        }
        let limited = problem(
            post_claim(&app, &token, claim(ACCOUNT, "CY-NEW-1")).await,
            StatusCode::TOO_MANY_REQUESTS,
        )
        .await;
        assert!(limited["detail"].as_str().unwrap().contains("retry"));

        let consent = json_of(
            app.call(Method::GET, "/api/v1/me/consents", Some(&token), None)
                .await,
            StatusCode::OK,
        )
        .await[0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let withdrawn = json_of(
            app.call(
                Method::DELETE,
                &format!("/api/v1/me/consents/{consent}"),
                Some(&token),
                None,
            )
            .await,
            StatusCode::OK,
        )
        .await;
        assert!(withdrawn["withdrawn_at"].is_string());
        assert!(
            app.store
                .household(eleni.id)
                .await
                .unwrap()
                .meters
                .is_empty()
        );
        problem(
            app.call(
                Method::DELETE,
                &format!("/api/v1/me/consents/{consent}"),
                Some(&token),
                None,
            )
            .await,
            StatusCode::CONFLICT,
        )
        .await;
        app.user("other@example.com", Role::Consumer).await;
        let other = app.token("other@example.com").await;
        problem(
            app.call(
                Method::DELETE,
                &format!("/api/v1/me/consents/{consent}"),
                Some(&other),
                None,
            )
            .await,
            StatusCode::NOT_FOUND,
        )
        .await;
        assert_eq!(onboarding(&app, &token).await["step"], "connect_meter");
    }
}

#[tokio::test]
async fn moving_house_ends_the_link_and_keeps_what_the_household_had() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        with_register(&app).await;
        let leaving = app.user("leaving@example.com", Role::Consumer).await;
        let token = app.token("leaving@example.com").await;
        json_of(
            post_claim(&app, &token, claim(ACCOUNT, "CY-NEW-1")).await,
            StatusCode::CREATED,
        )
        .await;
        fill_days(&app, "CY-NEW-1", 2).await;
        // The utility's register now bills the meter to the new occupant's account.
        let moved = RegisterEntry {
            meter_id: MeterId::parse("CY-NEW-1").unwrap(),
            account_number: AccountNumber::parse("4444555566").unwrap(),
            district: None,
            tariff_code: TariffCode::parse("08").unwrap(),
            interval: IntervalLength::FifteenMinutes,
        };
        let outcome = app
            .store
            .import_register(std::slice::from_ref(&moved), "register-2.csv", 0, None)
            .await
            .unwrap();
        assert_eq!(outcome.links_ended, 1, "{}", app.backend);
        assert!(
            app.store
                .household(leaving.id)
                .await
                .unwrap()
                .meters
                .is_empty()
        );
        let links = app.store.meter_link_history(leaving.id).await.unwrap();
        assert_eq!(links[0].end_reason.as_deref(), Some("moved"));
        // The readings stay with the meter for the results they made.
        let meters = app
            .store
            .meters_by_utility_ids(&["CY-NEW-1".to_owned()])
            .await
            .unwrap();
        assert!(meters.contains_key("CY-NEW-1"));
        // The same register again changes nothing more.
        let again = app
            .store
            .import_register(&[moved], "register-2.csv", 0, None)
            .await
            .unwrap();
        assert_eq!(again.links_ended, 0);
        // The new occupant connects with the new account number.
        app.user("arriving@example.com", Role::Consumer).await;
        let arriving = app.token("arriving@example.com").await;
        json_of(
            post_claim(&app, &arriving, claim("4444555566", "CY-NEW-1")).await,
            StatusCode::CREATED,
        )
        .await;
    }
}

#[tokio::test]
async fn a_household_tells_the_facts_of_its_home_and_bad_ones_change_nothing() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        app.user("eleni@example.com", Role::Consumer).await;
        let token = app.token("eleni@example.com").await;
        let facts = json!({"people": 4, "water_heater": "solar", "air_conditioners": 3,
                           "electric_vehicle": false, "rooftop_pv": true});
        let saved = json_of(
            app.call(
                Method::PATCH,
                "/api/v1/me/household",
                Some(&token),
                Some(facts),
            )
            .await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(saved["people"], 4, "{}", app.backend);
        assert_eq!(saved["water_heater"], "solar");
        assert_eq!(saved["air_conditioners"], 3);
        assert_eq!(saved["electric_vehicle"], false);
        assert_eq!(saved["rooftop_pv"], true);
        let refused = problem(
            app.call(
                Method::PATCH,
                "/api/v1/me/household",
                Some(&token),
                Some(json!({"people": 0, "water_heater": "nuclear", "air_conditioners": 99, "name": "New name"})),
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        let fields: Vec<&str> = refused["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(fields, ["people", "water_heater", "air_conditioners"]);
        let kept = json_of(
            app.call(Method::GET, "/api/v1/me/household", Some(&token), None)
                .await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(kept["people"], 4);
        assert_ne!(kept["name"], "New name");
    }
}
