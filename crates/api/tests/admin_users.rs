//! Staff managing accounts, households and meters.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{TestApp, problem};
use domain::account::Role;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use store::testing::each_backend;

#[tokio::test]
async fn search_view_and_link_meters() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        let admin = app
            .token(&app.user("admin@example.com", Role::Admin).await.email)
            .await;
        for index in 0..30 {
            app.user(&format!("household{index:02}@example.com"), Role::Consumer)
                .await;
        }
        let target = app.user("christina@example.com", Role::Consumer).await;

        let page: Value = app
            .call(
                Method::GET,
                "/api/v1/admin/users?per_page=10&page=2",
                Some(&admin),
                None,
            )
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            (
                page["total"].as_u64(),
                page["page"].as_u64(),
                page["items"].as_array().unwrap().len()
            ),
            (Some(32), Some(2), 10)
        );

        let linked = app
            .call(
                Method::POST,
                &format!("/api/v1/admin/users/{}/meters", target.id),
                Some(&admin),
                Some(json!({ "meter_id": "cy-000123", "interval_minutes": 30 })),
            )
            .await;
        assert_eq!(linked.status(), StatusCode::OK, "{}", app.backend);
        let household: Value = linked.json().await.unwrap();
        assert_eq!(household["meters"][0]["meter_id"], "CY-000123");

        for query in ["q=christina", "q=CY-0001", "q=CHRIST&role=consumer"] {
            let found: Value = app
                .call(
                    Method::GET,
                    &format!("/api/v1/admin/users?{query}"),
                    Some(&admin),
                    None,
                )
                .await
                .json()
                .await
                .unwrap();
            assert_eq!(found["total"], 1, "{query}");
            assert_eq!(found["items"][0]["id"], target.id.to_string());
        }

        let detail: Value = app
            .call(
                Method::GET,
                &format!("/api/v1/admin/users/{}", target.id),
                Some(&admin),
                None,
            )
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(detail["user"]["email"], "christina@example.com");
        assert_eq!(detail["household"]["meters"][0]["interval_minutes"], 30);

        let other = app.user("yiannis@example.com", Role::Consumer).await;
        let taken = app
            .call(
                Method::POST,
                &format!("/api/v1/admin/users/{}/meters", other.id),
                Some(&admin),
                Some(json!({ "meter_id": "CY-000123", "interval_minutes": 30 })),
            )
            .await;
        assert!(
            problem(taken, StatusCode::CONFLICT).await["detail"]
                .as_str()
                .unwrap()
                .contains("another household")
        );

        let unlinked = app
            .call(
                Method::DELETE,
                &format!("/api/v1/admin/users/{}/meters/CY-000123", target.id),
                Some(&admin),
                None,
            )
            .await;
        assert_eq!(unlinked.status(), StatusCode::OK);
        let again = app
            .call(
                Method::DELETE,
                &format!("/api/v1/admin/users/{}/meters/CY-000123", target.id),
                Some(&admin),
                None,
            )
            .await;
        problem(again, StatusCode::NOT_FOUND).await;

        let missing = app
            .call(
                Method::GET,
                &format!("/api/v1/admin/users/{}", uuid::Uuid::now_v7()),
                Some(&admin),
                None,
            )
            .await;
        problem(missing, StatusCode::NOT_FOUND).await;
    }
}

#[tokio::test]
async fn staff_cannot_manage_themselves_or_higher_ranks() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        let admin = app.user("admin@example.com", Role::Admin).await;
        let peer = app.user("peer@example.com", Role::Admin).await;
        let superadmin = app.user("root@example.com", Role::SuperAdmin).await;
        let consumer = app.user("consumer@example.com", Role::Consumer).await;
        let admin_token = app.token(&admin.email).await;
        let super_token = app.token(&superadmin.email).await;

        for target in [&admin, &peer, &superadmin] {
            let response = app
                .call(
                    Method::POST,
                    &format!("/api/v1/admin/users/{}/disable", target.id),
                    Some(&admin_token),
                    None,
                )
                .await;
            problem(response, StatusCode::FORBIDDEN).await;
        }
        let own_role = app
            .call(
                Method::PUT,
                &format!("/api/v1/admin/users/{}/role", superadmin.id),
                Some(&super_token),
                Some(json!({ "role": "consumer" })),
            )
            .await;
        problem(own_role, StatusCode::FORBIDDEN).await;
        assert_eq!(
            app.store
                .user_by_id(superadmin.id)
                .await
                .unwrap()
                .unwrap()
                .role,
            Role::SuperAdmin
        );

        let promoted = app
            .call(
                Method::PUT,
                &format!("/api/v1/admin/users/{}/role", consumer.id),
                Some(&super_token),
                Some(json!({ "role": "admin" })),
            )
            .await;
        assert_eq!(promoted.status(), StatusCode::OK);
        // The role change applies to the consumer's existing token at once.
        let consumer_token = app.token(&consumer.email).await;
        let list = app
            .call(
                Method::GET,
                "/api/v1/admin/users",
                Some(&consumer_token),
                None,
            )
            .await;
        assert_eq!(list.status(), StatusCode::OK);
        let demoted = app
            .call(
                Method::PUT,
                &format!("/api/v1/admin/users/{}/role", consumer.id),
                Some(&super_token),
                Some(json!({ "role": "consumer" })),
            )
            .await;
        assert_eq!(demoted.status(), StatusCode::OK);
        problem(
            app.call(
                Method::GET,
                "/api/v1/admin/users",
                Some(&consumer_token),
                None,
            )
            .await,
            StatusCode::FORBIDDEN,
        )
        .await;

        let disabled_peer = app
            .call(
                Method::POST,
                &format!("/api/v1/admin/users/{}/disable", peer.id),
                Some(&super_token),
                None,
            )
            .await;
        assert_eq!(disabled_peer.status(), StatusCode::OK);
    }
}

#[tokio::test]
async fn consumers_update_their_household() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        let user = app.user("eva@example.com", Role::Consumer).await;
        let token = app.token(&user.email).await;
        let updated = app
            .call(
                Method::PATCH,
                "/api/v1/me/household",
                Some(&token),
                Some(json!({ "name": "Eva's flat", "district": "larnaca", "tariff_code": "08", "time_zone": "Europe/Nicosia" })),
            )
            .await;
        assert_eq!(updated.status(), StatusCode::OK);
        let household: Value = updated.json().await.unwrap();
        assert_eq!(
            (
                household["name"].as_str(),
                household["district"].as_str(),
                household["tariff_code"].as_str()
            ),
            (Some("Eva's flat"), Some("Larnaca"), Some("08"))
        );

        let programme: Value = app
            .call(Method::GET, "/api/v1/programme", None, None)
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(programme["time_zone"], "Europe/Nicosia");
        assert!(
            programme["districts"]
                .as_array()
                .unwrap()
                .contains(&json!("Larnaca"))
        );
    }
}

/// The utility ids of the meters linked to an account's household.
async fn meters_of(app: &TestApp, user: uuid::Uuid) -> Vec<String> {
    let household = app.store.household(user).await.unwrap();
    household.meters.into_iter().map(|m| m.meter_id).collect()
}

#[tokio::test]
async fn admins_link_and_unlink_meters_only_on_accounts_they_may_manage() {
    for database in each_backend().await {
        let app = TestApp::spawn(&database).await;
        let admin = app.user("admin@example.com", Role::Admin).await;
        let superadmin = app.user("root@example.com", Role::SuperAdmin).await;
        let admin_token = app.token(&admin.email).await;
        let super_token = app.token(&superadmin.email).await;

        for (target, meter) in [(&admin, "CY-SELF-1"), (&superadmin, "CY-ROOT-1")] {
            let linked = app
                .call(
                    Method::POST,
                    &format!("/api/v1/admin/users/{}/meters", target.id),
                    Some(&admin_token),
                    Some(json!({ "meter_id": meter, "interval_minutes": 15 })),
                )
                .await;
            problem(linked, StatusCode::FORBIDDEN).await;
            assert_eq!(meters_of(&app, target.id).await, Vec::<String>::new());
        }

        // Meters already on those households stay there when the admin tries to unlink them.
        let given = app
            .call(
                Method::POST,
                &format!("/api/v1/admin/users/{}/meters", admin.id),
                Some(&super_token),
                Some(json!({ "meter_id": "CY-ADMIN-1", "interval_minutes": 15 })),
            )
            .await;
        assert_eq!(given.status(), StatusCode::OK, "{}", app.backend);
        app.store
            .link_meter(
                superadmin.id,
                &domain::meter::MeterId::parse("CY-ROOT-2").unwrap(),
                domain::meter::IntervalLength::FifteenMinutes,
            )
            .await
            .unwrap();
        for (target, meter) in [(&admin, "CY-ADMIN-1"), (&superadmin, "CY-ROOT-2")] {
            let unlinked = app
                .call(
                    Method::DELETE,
                    &format!("/api/v1/admin/users/{}/meters/{meter}", target.id),
                    Some(&admin_token),
                    None,
                )
                .await;
            problem(unlinked, StatusCode::FORBIDDEN).await;
            assert_eq!(meters_of(&app, target.id).await, vec![meter.to_owned()]);
        }

        // A superadmin may not link to their own household either.
        let own = app
            .call(
                Method::POST,
                &format!("/api/v1/admin/users/{}/meters", superadmin.id),
                Some(&super_token),
                Some(json!({ "meter_id": "CY-ROOT-3", "interval_minutes": 15 })),
            )
            .await;
        problem(own, StatusCode::FORBIDDEN).await;
        assert_eq!(meters_of(&app, superadmin.id).await, vec!["CY-ROOT-2"]);
    }
}
