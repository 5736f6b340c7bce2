//! Who may write meter data, on SQLite and PostgreSQL (docs/SECURITY.md § Meter-data
//! integrity): a source reports only its own meters, an upload never rewrites a settled
//! session's data, and staff corrections are recorded.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
mod uploads;

use chrono::{DateTime, Duration, Utc};
use common::{TestApp, problem};
use domain::account::Role;
use domain::reading::Quality;
use domain::session::SessionState;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use store::testing::{each_backend, session_plan};
use uploads::{QUARTER, a_past_hour, counts, rejects, setup, source, upload_csv};
use uuid::Uuid;

/// The reported attack: a newly created source's key sent one CSV row for another source's
/// meter and the stored reading changed. Now the row is refused with the reason, the reading
/// and its writer stay, and a superadmin can move the meter to the other source.
#[tokio::test]
async fn a_second_source_cannot_rewrite_the_first_sources_meter() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        let setup = setup(&app).await;
        let (mdm, mdm_key) = source(&app, &setup.admin, "mdm").await;
        let (intruder, intruder_key) = source(&app, &setup.admin, "intruder").await;
        let at = a_past_hour();
        let first = upload_csv(&app, &mdm_key, format!("CY-A,{},0.250\n", at.to_rfc3339())).await;
        assert_eq!(counts(&first), [1, 0, 0, 0], "{first}");

        let attack = upload_csv(
            &app,
            &intruder_key,
            format!(
                "meter_id,interval_start,kwh\nCY-A,{},9.999\n",
                at.to_rfc3339()
            ),
        )
        .await;
        assert_eq!(counts(&attack), [0, 0, 0, 1], "[{}] {attack}", app.backend);
        assert_eq!(
            rejects(&attack),
            vec![(
                2,
                "CY-A".to_owned(),
                "meter CY-A is not reported by this data source".to_owned()
            )]
        );
        let stored = app
            .store
            .stored_reading(setup.meter, at, QUARTER)
            .await
            .unwrap();
        assert_eq!(
            stored,
            Some(store::StoredReading {
                wh: 250,
                quality: Quality::Actual,
                source_id: Some(mdm),
            }),
            "[{}] the reading and its writer are unchanged",
            app.backend
        );

        // A meter nobody has reported yet belongs to the first source that does.
        let claim = upload_csv(
            &app,
            &intruder_key,
            format!("CY-B,{},0.1\n", at.to_rfc3339()),
        )
        .await;
        assert_eq!(counts(&claim), [1, 0, 0, 0]);
        let refused = upload_csv(&app, &mdm_key, format!("CY-B,{},0.2\n", at.to_rfc3339())).await;
        assert_eq!(counts(&refused), [0, 0, 0, 1]);
        let bound = app
            .call(
                Method::GET,
                "/api/v1/admin/meters/CY-B/sources",
                Some(&setup.admin),
                None,
            )
            .await;
        assert_eq!(
            bound.json::<Value>().await.unwrap()["sources"],
            json!(["intruder"])
        );

        // A superadmin moves CY-A to the second source: from then on only it may report it.
        let moved = app
            .call(
                Method::PUT,
                "/api/v1/admin/meters/CY-A/sources",
                Some(&setup.admin),
                Some(json!({ "sources": ["intruder"] })),
            )
            .await;
        assert_eq!(moved.status(), StatusCode::OK);
        assert_eq!(
            moved.json::<Value>().await.unwrap(),
            json!({ "meter_id": "CY-A", "sources": ["intruder"] })
        );
        let allowed = upload_csv(
            &app,
            &intruder_key,
            format!("CY-A,{},0.3\n", at.to_rfc3339()),
        )
        .await;
        assert_eq!(counts(&allowed), [0, 1, 0, 0]);
        let stale = upload_csv(&app, &mdm_key, format!("CY-A,{},0.25\n", at.to_rfc3339())).await;
        assert_eq!(counts(&stale), [0, 0, 0, 1]);
        let stored = app
            .store
            .stored_reading(setup.meter, at, QUARTER)
            .await
            .unwrap();
        assert_eq!(
            stored.map(|s| (s.wh, s.source_id)),
            Some((300, Some(intruder)))
        );

        let unknown = app
            .call(
                Method::PUT,
                "/api/v1/admin/meters/CY-A/sources",
                Some(&setup.admin),
                Some(json!({ "sources": ["nobody"] })),
            )
            .await;
        let body = problem(unknown, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(body["errors"][0]["field"], "sources");
        let household = app.token(&setup.household_email).await;
        let forbidden = app
            .call(
                Method::PUT,
                "/api/v1/admin/meters/CY-A/sources",
                Some(&household),
                Some(json!({ "sources": [] })),
            )
            .await;
        assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
    }
}

/// A session whose window covers `at`, taken part in by `household`, moved to settling.
async fn settled_session(app: &TestApp, household: Uuid, at: DateTime<Utc>) {
    let session = app
        .store
        .create_session(&session_plan("Peak", at, 1), None)
        .await
        .unwrap();
    app.store
        .set_session_state(session.id, SessionState::Draft, SessionState::Scheduled)
        .await
        .unwrap();
    app.store.join_session(session.id, household).await.unwrap();
    for (from, to) in [
        (SessionState::Scheduled, SessionState::Live),
        (SessionState::Live, SessionState::Settling),
    ] {
        app.store
            .set_session_state(session.id, from, to)
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn a_settled_sessions_readings_change_only_by_a_recorded_correction() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        let setup = setup(&app).await;
        let (_, key) = source(&app, &setup.admin, "mdm").await;
        let at = a_past_hour() - Duration::hours(2);
        let t = |minutes: i64| (at + Duration::minutes(minutes)).to_rfc3339();
        let before = upload_csv(
            &app,
            &key,
            format!("CY-A,{},0.250\nCY-A,{},0.5,estimated\n", t(0), t(15)),
        )
        .await;
        assert_eq!(counts(&before), [2, 0, 0, 0]);
        settled_session(&app, setup.household, at).await;

        let after = upload_csv(
            &app,
            &key,
            format!(
                "CY-A,{},0.900\nCY-A,{},0.250\nCY-A,{},0.6\nCY-A,{},0.4\nCY-A,{},0.7\n",
                t(0),
                t(0),
                t(15),
                t(30),
                t(60)
            ),
        )
        .await;
        // A different value and an actual over the estimate are refused; the same value again
        // changes nothing; an empty slot of the window is late data; after the window, as ever.
        assert_eq!(counts(&after), [2, 0, 1, 2], "[{}] {after}", app.backend);
        let reason = |minutes| {
            format!(
                "interval starting {} lies in a settled session and already holds a different reading: send a correction instead",
                at + Duration::minutes(minutes)
            )
        };
        assert_eq!(
            rejects(&after),
            vec![
                (1, "CY-A".to_owned(), reason(0)),
                (3, "CY-A".to_owned(), reason(15)),
            ]
        );
        let wh = async |minutes| {
            app.store
                .stored_reading(setup.meter, at + Duration::minutes(minutes), QUARTER)
                .await
                .unwrap()
                .map(|s| (s.wh, s.quality))
        };
        assert_eq!(wh(0).await, Some((250, Quality::Actual)));
        assert_eq!(wh(15).await, Some((500, Quality::Estimated)));
        assert_eq!(wh(30).await, Some((400, Quality::Actual)));

        // Households and data sources cannot correct; staff can, and the correction is kept.
        let path = "/api/v1/admin/meters/CY-A/corrections";
        let correction =
            json!({ "interval_start": t(0), "kwh": 0.9, "reason": "meter re-read on site" });
        let household = app.token(&setup.household_email).await;
        let refused = app
            .call(
                Method::POST,
                path,
                Some(&household),
                Some(correction.clone()),
            )
            .await;
        assert_eq!(refused.status(), StatusCode::FORBIDDEN);
        let by_key = app
            .client
            .post(app.url(path))
            .header("x-api-key", &key)
            .json(&correction)
            .send()
            .await
            .unwrap();
        assert_eq!(by_key.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(wh(0).await, Some((250, Quality::Actual)), "nothing changed");

        let admin = app.user("staff@example.com", Role::Admin).await;
        let staff = app.token(&admin.email).await;
        let made = app
            .call(Method::POST, path, Some(&staff), Some(correction))
            .await;
        assert_eq!(made.status(), StatusCode::CREATED, "{}", app.backend);
        let made: Value = made.json().await.unwrap();
        assert_eq!(
            (
                &made["meter_id"],
                &made["old_kwh"],
                &made["old_quality"],
                &made["old_source"],
                &made["new_kwh"],
                &made["new_quality"],
                &made["reason"],
                &made["corrected_by"],
            ),
            (
                &json!("CY-A"),
                &json!(0.25),
                &json!("actual"),
                &json!("mdm"),
                &json!(0.9),
                &json!("actual"),
                &json!("meter re-read on site"),
                &json!(admin.id),
            )
        );
        assert_eq!(wh(0).await, Some((900, Quality::Actual)));
        let listed = app
            .call(
                Method::GET,
                "/api/v1/admin/meter-data/corrections?meter_id=CY-A",
                Some(&staff),
                None,
            )
            .await;
        assert_eq!(listed.status(), StatusCode::OK);
        let listed: Value = listed.json().await.unwrap();
        assert_eq!(listed["total"], 1);
        assert_eq!(listed["items"][0], made);
        let hidden = app
            .call(
                Method::GET,
                "/api/v1/admin/meter-data/corrections",
                Some(&household),
                None,
            )
            .await;
        assert_eq!(hidden.status(), StatusCode::FORBIDDEN);

        // A correction is checked like a reading, and writes nothing when it fails.
        let bad = app
            .call(
                Method::POST,
                path,
                Some(&staff),
                Some(json!({ "interval_start": t(7), "kwh": -1, "reason": " " })),
            )
            .await;
        let body = problem(bad, StatusCode::UNPROCESSABLE_ENTITY).await;
        let fields: Vec<&str> = body["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["field"].as_str().unwrap())
            .collect();
        assert_eq!(fields, vec!["reason", "interval_start"]);
        let unknown = app
            .call(
                Method::POST,
                "/api/v1/admin/meters/CY-NOPE/corrections",
                Some(&staff),
                Some(json!({ "interval_start": t(0), "kwh": 0.1, "reason": "x" })),
            )
            .await;
        assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
        let listed: Value = app
            .call(
                Method::GET,
                "/api/v1/admin/meter-data/corrections",
                Some(&staff),
                None,
            )
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(listed["total"], 1);
    }
}
