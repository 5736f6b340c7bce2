//! The stories every storage backend must pass, run against SQLite and PostgreSQL alike.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{Duration, Utc};
use domain::account::{DisplayName, Email, Role};
use domain::household::{District, HouseholdName, TariffCode, TimeZone};
use domain::meter::{IntervalLength, MeterId};
use domain::paging::PageRequest;
use store::testing::{TestDatabase, each_backend};
use store::{
    HouseholdUpdate, NewRefreshToken, NewUser, PoolOptions, RotationOutcome, Store, StoreError,
    UserSearch,
};

async fn open(database: &TestDatabase) -> Store {
    let store = Store::connect(database.url(), PoolOptions::default())
        .await
        .unwrap();
    store.migrate().await.unwrap();
    store
}

fn new_user(email: &str, name: &str, role: Role) -> NewUser {
    NewUser {
        email: Email::parse(email).unwrap(),
        display_name: DisplayName::parse(name).unwrap(),
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".to_owned(),
        role,
        tariff_code: TariffCode::parse("01").unwrap(),
        time_zone: TimeZone::parse("Europe/Nicosia").unwrap(),
        language: domain::language::Language::English,
    }
}

fn token(byte: u8) -> NewRefreshToken {
    NewRefreshToken {
        token_hash: vec![byte; 32],
        expires_at: Utc::now() + Duration::days(7),
    }
}

#[tokio::test]
async fn migrations_are_idempotent() {
    for database in each_backend().await {
        let store = open(&database).await;
        store.migrate().await.unwrap();
        assert_eq!(store.applied_migrations().await.unwrap().len(), 10);
        store.ping().await.unwrap();
    }
}

#[tokio::test]
async fn account_story() {
    for database in each_backend().await {
        let store = open(&database).await;
        let backend = database.backend().name();
        let eleni = store
            .create_user(new_user("eleni@example.com", "Eleni", Role::Consumer))
            .await
            .unwrap();
        assert_eq!(eleni.role, Role::Consumer, "{backend}");

        let duplicate = store
            .create_user(new_user("ELENI@example.com", "Other", Role::Consumer))
            .await
            .unwrap_err();
        assert!(
            matches!(duplicate, StoreError::Conflict(ref m) if m.contains("eleni@example.com")),
            "{backend}: {duplicate}"
        );

        let (found, hash) = store
            .credentials_by_email(&Email::parse("eleni@example.com").unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(found.id, eleni.id);
        assert!(hash.starts_with("$argon2id$"));

        let household = store.household(eleni.id).await.unwrap();
        assert_eq!(household.name, "Eleni's home", "{backend}");
        assert_eq!(household.time_zone.name(), "Europe/Nicosia");

        let promoted = store.set_user_role(eleni.id, Role::Admin).await.unwrap();
        assert_eq!(promoted.role, Role::Admin);
        assert!(matches!(
            store.set_user_role(uuid::Uuid::now_v7(), Role::Admin).await,
            Err(StoreError::NotFound("user"))
        ));
    }
}

#[tokio::test]
async fn search_pages_by_email_name_and_meter() {
    for database in each_backend().await {
        let store = open(&database).await;
        for index in 0..12 {
            store
                .create_user(new_user(
                    &format!("user{index}@example.com"),
                    &format!("Name {index}"),
                    Role::Consumer,
                ))
                .await
                .unwrap();
        }
        let andreas = store
            .create_user(new_user("andreas@example.org", "Andreas 100%", Role::Admin))
            .await
            .unwrap();
        store
            .link_meter(
                andreas.id,
                &MeterId::parse("CY-000777").unwrap(),
                IntervalLength::FifteenMinutes,
            )
            .await
            .unwrap();

        let all = store
            .search_users(
                &UserSearch::default(),
                PageRequest::new(Some(2), Some(5)).unwrap(),
            )
            .await
            .unwrap();
        assert_eq!((all.total, all.items.len()), (13, 5));

        let by_name = UserSearch {
            text: Some("andreas 100%".into()),
            role: None,
        };
        assert_eq!(
            store
                .search_users(&by_name, PageRequest::default())
                .await
                .unwrap()
                .items[0]
                .id,
            andreas.id
        );
        let wildcard = UserSearch {
            text: Some("%".into()),
            role: None,
        };
        assert_eq!(
            store
                .search_users(&wildcard, PageRequest::default())
                .await
                .unwrap()
                .total,
            1
        );
        let by_meter = UserSearch {
            text: Some("cy-000777".into()),
            role: None,
        };
        assert_eq!(
            store
                .search_users(&by_meter, PageRequest::default())
                .await
                .unwrap()
                .items[0]
                .id,
            andreas.id
        );
        let admins = UserSearch {
            text: None,
            role: Some(Role::Admin),
        };
        assert_eq!(
            store
                .search_users(&admins, PageRequest::default())
                .await
                .unwrap()
                .total,
            1
        );
        let past_end = store
            .search_users(
                &UserSearch::default(),
                PageRequest::new(Some(9), Some(5)).unwrap(),
            )
            .await
            .unwrap();
        assert!(past_end.items.is_empty());
    }
}

#[tokio::test]
async fn refresh_tokens_rotate_and_detect_reuse() {
    for database in each_backend().await {
        let store = open(&database).await;
        let user = store
            .create_user(new_user("maria@example.com", "Maria", Role::Consumer))
            .await
            .unwrap();
        store.issue_refresh_token(user.id, token(1)).await.unwrap();

        assert!(
            matches!(store.rotate_refresh_token(&[1; 32], token(2), Duration::days(30)).await.unwrap(), RotationOutcome::Rotated(u) if u.id == user.id)
        );
        assert_eq!(store.live_refresh_tokens(user.id).await.unwrap(), 1);
        // The consumed token comes back: the family, including its successor, is revoked.
        assert_eq!(
            store
                .rotate_refresh_token(&[1; 32], token(3), Duration::days(30))
                .await
                .unwrap(),
            RotationOutcome::Reused
        );
        assert_eq!(
            store
                .rotate_refresh_token(&[2; 32], token(4), Duration::days(30))
                .await
                .unwrap(),
            RotationOutcome::Reused
        );
        assert_eq!(store.live_refresh_tokens(user.id).await.unwrap(), 0);
        assert_eq!(
            store
                .rotate_refresh_token(&[9; 32], token(5), Duration::days(30))
                .await
                .unwrap(),
            RotationOutcome::Unknown
        );

        store
            .issue_refresh_token(
                user.id,
                NewRefreshToken {
                    token_hash: vec![6; 32],
                    expires_at: Utc::now() - Duration::seconds(1),
                },
            )
            .await
            .unwrap();
        assert_eq!(
            store
                .rotate_refresh_token(&[6; 32], token(7), Duration::days(30))
                .await
                .unwrap(),
            RotationOutcome::Expired
        );

        store.issue_refresh_token(user.id, token(8)).await.unwrap();
        store.revoke_refresh_family(&[8; 32]).await.unwrap();
        assert_eq!(
            store
                .rotate_refresh_token(&[8; 32], token(10), Duration::days(30))
                .await
                .unwrap(),
            RotationOutcome::Reused
        );
        store.revoke_refresh_family(&[42; 32]).await.unwrap();
    }
}

/// A uniqueness refusal the store did not word itself carries none of the database's text
/// (constraint, table or column names), which would reach clients through the API.
#[tokio::test]
async fn a_raw_uniqueness_refusal_names_no_table_or_constraint() {
    for database in each_backend().await {
        let store = open(&database).await;
        let backend = database.backend().name();
        let user = store
            .create_user(new_user("twice@example.com", "Twice", Role::Consumer))
            .await
            .unwrap();
        store.issue_refresh_token(user.id, token(7)).await.unwrap();
        let again = store.issue_refresh_token(user.id, token(7)).await;
        match again {
            Err(StoreError::Conflict(message)) => assert_eq!(
                message, "a record with these values already exists",
                "[{backend}]"
            ),
            other => panic!("[{backend}] expected a conflict, got {other:?}"),
        }
        assert_eq!(
            store.live_refresh_tokens(user.id).await.unwrap(),
            1,
            "[{backend}]"
        );
    }
}

#[tokio::test]
async fn disabling_revokes_every_token_and_enabling_restores_access() {
    for database in each_backend().await {
        let store = open(&database).await;
        let user = store
            .create_user(new_user("nikos@example.com", "Nikos", Role::Consumer))
            .await
            .unwrap();
        store.issue_refresh_token(user.id, token(1)).await.unwrap();
        store.issue_refresh_token(user.id, token(2)).await.unwrap();

        let disabled = store.set_user_disabled(user.id, true).await.unwrap();
        assert!(!disabled.is_active());
        assert_eq!(store.live_refresh_tokens(user.id).await.unwrap(), 0);
        assert_eq!(
            store
                .set_user_disabled(user.id, true)
                .await
                .unwrap()
                .disabled_at,
            disabled.disabled_at
        );

        let enabled = store.set_user_disabled(user.id, false).await.unwrap();
        assert!(enabled.is_active());
        store.issue_refresh_token(user.id, token(3)).await.unwrap();
        store
            .set_password_hash(user.id, "$argon2id$new".into())
            .await
            .unwrap();
        assert_eq!(store.password_hash(user.id).await.unwrap(), "$argon2id$new");
        assert_eq!(store.live_refresh_tokens(user.id).await.unwrap(), 0);
    }
}

#[tokio::test]
async fn households_and_meters() {
    for database in each_backend().await {
        let store = open(&database).await;
        let districts = vec!["Nicosia".to_owned(), "Limassol".to_owned()];
        let a = store
            .create_user(new_user("a@example.com", "Anna", Role::Consumer))
            .await
            .unwrap();
        let b = store
            .create_user(new_user("b@example.com", "Bob", Role::Consumer))
            .await
            .unwrap();
        let updated = store
            .update_household(
                a.id,
                HouseholdUpdate {
                    name: Some(HouseholdName::parse("Flat 4").unwrap()),
                    district: Some(District::parse("limassol", &districts).unwrap()),
                    tariff_code: None,
                    time_zone: Some(TimeZone::parse("Europe/Athens").unwrap()),
                    people: Some(3),
                    water_heater: Some(domain::household::WaterHeater::Solar),
                    ..Default::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(updated.facts.people, Some(3));
        assert_eq!(
            updated.facts.water_heater,
            Some(domain::household::WaterHeater::Solar)
        );
        assert_eq!(updated.facts.rooftop_pv, None);
        assert_eq!(
            (
                updated.name.as_str(),
                updated.district.as_deref(),
                updated.tariff_code.as_str()
            ),
            ("Flat 4", Some("Limassol"), "01")
        );
        assert_eq!(updated.time_zone.name(), "Europe/Athens");

        let meter = MeterId::parse("CY-1").unwrap();
        let linked = store
            .link_meter(a.id, &meter, IntervalLength::FifteenMinutes)
            .await
            .unwrap();
        assert_eq!(linked.meters.len(), 1);
        // Linking again is idempotent; another household or another interval length conflicts.
        store
            .link_meter(a.id, &meter, IntervalLength::FifteenMinutes)
            .await
            .unwrap();
        assert!(matches!(
            store
                .link_meter(b.id, &meter, IntervalLength::FifteenMinutes)
                .await,
            Err(StoreError::Conflict(_))
        ));
        assert!(matches!(
            store
                .link_meter(a.id, &meter, IntervalLength::ThirtyMinutes)
                .await,
            Err(StoreError::Conflict(_))
        ));

        assert!(matches!(
            store.unlink_meter(b.id, &meter).await,
            Err(StoreError::NotFound(_))
        ));
        assert!(
            store
                .unlink_meter(a.id, &meter)
                .await
                .unwrap()
                .meters
                .is_empty()
        );
        let moved = store
            .link_meter(b.id, &meter, IntervalLength::FifteenMinutes)
            .await
            .unwrap();
        assert_eq!(moved.meters[0].meter_id, "CY-1");
        assert!(store.household(a.id).await.unwrap().meters.is_empty());
    }
}
