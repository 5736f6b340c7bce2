//! The account-security columns on both backends: token versions move on when access must end,
//! a sign-in's refresh family has an absolute lifetime, and the demo's accounts can be found,
//! disabled and reset.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{Duration, Utc};
use domain::account::{DisplayName, Email, Role};
use domain::household::{TariffCode, TimeZone};
use store::testing::{TestDatabase, each_backend};
use store::{NewRefreshToken, NewUser, PoolOptions, RotationOutcome, Store, UserRecord};

async fn open(database: &TestDatabase) -> Store {
    let store = Store::connect(database.url(), PoolOptions::default())
        .await
        .unwrap();
    store.migrate().await.unwrap();
    store
}

async fn user(store: &Store, email: &str) -> UserRecord {
    store
        .create_user(NewUser {
            email: Email::parse(email).unwrap(),
            display_name: DisplayName::parse("Someone").unwrap(),
            password_hash: "$argon2id$old".to_owned(),
            role: Role::Consumer,
            tariff_code: TariffCode::parse("01").unwrap(),
            time_zone: TimeZone::parse("Europe/Nicosia").unwrap(),
            language: domain::language::Language::English,
        })
        .await
        .unwrap()
}

fn token(byte: u8) -> NewRefreshToken {
    NewRefreshToken {
        token_hash: vec![byte; 32],
        expires_at: Utc::now() + Duration::days(7),
    }
}

async fn version(store: &Store, user: &UserRecord) -> i64 {
    store
        .user_by_id(user.id)
        .await
        .unwrap()
        .unwrap()
        .token_version
}

#[tokio::test]
async fn token_versions_move_on_when_access_must_end() {
    for database in each_backend().await {
        let store = open(&database).await;
        let maria = user(&store, "maria@example.com").await;
        assert_eq!(maria.token_version, 0);

        let changed = store
            .set_password_hash(maria.id, "$argon2id$new".into())
            .await
            .unwrap();
        assert_eq!(changed.token_version, 1);
        assert_eq!(version(&store, &maria).await, 1);

        store.issue_refresh_token(maria.id, token(1)).await.unwrap();
        assert_eq!(
            store.revoke_refresh_family(&[1; 32]).await.unwrap(),
            Some(maria.id)
        );
        assert_eq!(version(&store, &maria).await, 2);
        // An unknown token ends nothing.
        assert_eq!(store.revoke_refresh_family(&[9; 32]).await.unwrap(), None);
        assert_eq!(version(&store, &maria).await, 2);

        store.set_user_disabled(maria.id, true).await.unwrap();
        // Disabling twice, and enabling, leave the version where disabling put it.
        store.set_user_disabled(maria.id, true).await.unwrap();
        store.set_user_disabled(maria.id, false).await.unwrap();
        assert_eq!(version(&store, &maria).await, 3);
    }
}

#[tokio::test]
async fn a_family_past_its_absolute_lifetime_is_refused_and_revoked() {
    for database in each_backend().await {
        let store = open(&database).await;
        let maria = user(&store, "maria@example.com").await;
        store.issue_refresh_token(maria.id, token(1)).await.unwrap();
        assert!(matches!(
            store
                .rotate_refresh_token(&[1; 32], token(2), Duration::days(30))
                .await
                .unwrap(),
            RotationOutcome::Rotated(_)
        ));
        // The successor belongs to the same sign-in: with a lifetime already over, it is refused
        // and the family revoked, though the successor itself has not expired.
        assert_eq!(
            store
                .rotate_refresh_token(&[2; 32], token(3), Duration::zero())
                .await
                .unwrap(),
            RotationOutcome::Expired
        );
        assert_eq!(store.live_refresh_tokens(maria.id).await.unwrap(), 0);
        assert_eq!(
            store
                .rotate_refresh_token(&[2; 32], token(4), Duration::days(30))
                .await
                .unwrap(),
            RotationOutcome::Reused
        );
    }
}

#[tokio::test]
async fn demo_accounts_are_disabled_outside_the_demo_and_reset_by_it() {
    for database in each_backend().await {
        let store = open(&database).await;
        let real = user(&store, "real@example.com").await;
        let demo_a = user(&store, "a@demo.example.com").await;
        let demo_b = user(&store, "b@demo.example.com").await;
        assert_eq!(store.demo_account_count().await.unwrap(), 0);
        store
            .mark_demo_accounts(&[demo_a.id, demo_b.id])
            .await
            .unwrap();
        assert_eq!(store.demo_account_count().await.unwrap(), 2);
        store
            .issue_refresh_token(demo_a.id, token(1))
            .await
            .unwrap();

        assert_eq!(store.disable_demo_accounts().await.unwrap(), 2);
        assert_eq!(store.disable_demo_accounts().await.unwrap(), 0);
        for account in [&demo_a, &demo_b] {
            let stored = store.user_by_id(account.id).await.unwrap().unwrap();
            assert!(!stored.is_active() && stored.demo);
            assert_eq!(stored.token_version, 1);
        }
        assert_eq!(store.live_refresh_tokens(demo_a.id).await.unwrap(), 0);
        let untouched = store.user_by_id(real.id).await.unwrap().unwrap();
        assert_eq!(untouched, real);

        store
            .issue_refresh_token(demo_b.id, token(2))
            .await
            .unwrap();
        store
            .reset_demo_accounts(
                &[(demo_a.id, "$argon2id$a".into())],
                "$argon2id$rest".into(),
            )
            .await
            .unwrap();
        assert_eq!(store.password_hash(demo_a.id).await.unwrap(), "$argon2id$a");
        assert_eq!(
            store.password_hash(demo_b.id).await.unwrap(),
            "$argon2id$rest"
        );
        assert_eq!(store.live_refresh_tokens(demo_b.id).await.unwrap(), 0);
        for account in [&demo_a, &demo_b] {
            let stored = store.user_by_id(account.id).await.unwrap().unwrap();
            assert!(stored.is_active());
            assert_eq!(stored.token_version, 2);
        }
        // A real account is never given a demo password, even when named.
        store
            .reset_demo_accounts(&[(real.id, "$argon2id$demo".into())], "$argon2id$x".into())
            .await
            .unwrap();
        assert_eq!(store.password_hash(real.id).await.unwrap(), "$argon2id$old");
    }
}
