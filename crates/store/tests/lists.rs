//! The staff tables' sorted pages on both backends: every allowed field in both directions, empty
//! values last, case-insensitive text, and a tiebreak that keeps pages from overlapping.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{Duration, DurationRound, Utc};
use domain::account::{DisplayName, Email, Role};
use domain::household::{TariffCode, TimeZone};
use domain::paging::PageRequest;
use domain::session::SessionState;
use domain::sorting::Sort;
use store::testing::{TestDatabase, each_backend, session_plan};
use store::{
    DeadLetterSortField, IngestCounts, NewPointsEntry, NewUser, PointsSortField, PoolOptions,
    SessionPlan, SessionSortField, SourceKind, SourceSortField, Store, UserRecord, UserSearch,
    UserSortField,
};

async fn open(database: &TestDatabase) -> Store {
    let store = Store::connect(database.url(), PoolOptions::default())
        .await
        .unwrap();
    store.migrate().await.unwrap();
    store
}

async fn user(store: &Store, email: &str, name: &str, role: Role) -> UserRecord {
    store
        .create_user(NewUser {
            email: Email::parse(email).unwrap(),
            display_name: DisplayName::parse(name).unwrap(),
            password_hash: "x".into(),
            role,
            tariff_code: TariffCode::parse("01").unwrap(),
            time_zone: TimeZone::parse("Europe/Nicosia").unwrap(),
            language: domain::language::Language::English,
        })
        .await
        .unwrap()
}

fn page(page: u64, per_page: u64) -> PageRequest {
    PageRequest::new(Some(page), Some(per_page)).unwrap()
}

#[tokio::test]
async fn users_sort_by_every_allowed_field() {
    for database in each_backend().await {
        let store = open(&database).await;
        let backend = database.backend().name();
        let carol = user(&store, "carol@example.com", "carol", Role::Consumer).await;
        let alice = user(&store, "alice@example.com", "Alice", Role::Admin).await;
        let bob = user(&store, "bob@example.com", "Bob", Role::Consumer).await;
        store.record_login(bob.id).await.unwrap();
        let emails = |sort: Sort<UserSortField>| {
            let store = store.clone();
            async move {
                store
                    .search_users_sorted(&UserSearch::default(), sort, PageRequest::default())
                    .await
                    .unwrap()
                    .items
                    .into_iter()
                    .map(|u| u.email.split('@').next().unwrap_or_default().to_owned())
                    .collect::<Vec<_>>()
            }
        };
        assert_eq!(
            emails(Sort::ascending(UserSortField::Email)).await,
            ["alice", "bob", "carol"],
            "{backend}"
        );
        assert_eq!(
            emails(Sort::descending(UserSortField::Email)).await,
            ["carol", "bob", "alice"]
        );
        // Case-insensitive: "carol" after "Bob".
        assert_eq!(
            emails(Sort::ascending(UserSortField::DisplayName)).await,
            ["alice", "bob", "carol"],
            "{backend}"
        );
        assert_eq!(
            emails(Sort::ascending(UserSortField::Role)).await[0],
            "alice"
        );
        assert_eq!(
            emails(Sort::ascending(UserSortField::CreatedAt)).await,
            ["carol", "alice", "bob"]
        );
        // Never signed in comes last in both directions.
        for sort in [
            Sort::ascending(UserSortField::LastLoginAt),
            Sort::descending(UserSortField::LastLoginAt),
        ] {
            assert_eq!(emails(sort).await[0], "bob", "{backend} {sort:?}");
        }
        // Equal roles are split by id: two pages of one cover everyone once.
        let by_role = Sort::descending(UserSortField::Role);
        let mut seen = Vec::new();
        for number in 1..=3 {
            let found = store
                .search_users_sorted(&UserSearch::default(), by_role, page(number, 1))
                .await
                .unwrap();
            assert_eq!(found.total, 3);
            seen.extend(found.items.into_iter().map(|u| u.id));
        }
        seen.sort_unstable();
        let mut all = vec![alice.id, bob.id, carol.id];
        all.sort_unstable();
        assert_eq!(seen, all, "{backend}");
        // The filter still applies.
        let consumers = UserSearch {
            text: None,
            role: Some(Role::Consumer),
        };
        let found = store
            .search_users_sorted(
                &consumers,
                Sort::ascending(UserSortField::Email),
                PageRequest::default(),
            )
            .await
            .unwrap();
        assert_eq!(found.total, 2);
        assert_eq!(found.items[0].id, bob.id);
    }
}

fn plan(title: &str, starts_in_days: i64) -> SessionPlan {
    let start = (Utc::now() + Duration::days(starts_in_days))
        .duration_trunc(Duration::hours(1))
        .unwrap();
    session_plan(title, start, 1)
}

#[tokio::test]
async fn sessions_sort_by_title_start_state_and_participants() {
    for database in each_backend().await {
        let store = open(&database).await;
        let backend = database.backend().name();
        let evening = store
            .create_session(&plan("evening", 3), None)
            .await
            .unwrap();
        let morning = store
            .create_session(&plan("Morning", 2), None)
            .await
            .unwrap();
        let night = store.create_session(&plan("Night", 4), None).await.unwrap();
        store
            .set_session_state(morning.id, SessionState::Draft, SessionState::Scheduled)
            .await
            .unwrap();
        for n in 0..2 {
            let household = user(
                &store,
                &format!("h{n}@example.com"),
                "House",
                Role::Consumer,
            )
            .await;
            store.join_session(night.id, household.id).await.unwrap();
            if n == 0 {
                store.join_session(morning.id, household.id).await.unwrap();
            }
        }
        let titles = |states: Vec<SessionState>, sort: Sort<SessionSortField>| {
            let store = store.clone();
            async move {
                let found = store
                    .list_sessions_sorted(&states, sort, PageRequest::default())
                    .await
                    .unwrap();
                found
                    .items
                    .into_iter()
                    .map(|s| (s.plan.title, s.participants))
                    .collect::<Vec<_>>()
            }
        };
        assert_eq!(
            titles(vec![], Sort::ascending(SessionSortField::Title)).await,
            [
                ("evening".to_owned(), 0),
                ("Morning".to_owned(), 1),
                ("Night".to_owned(), 2)
            ],
            "{backend}"
        );
        assert_eq!(
            titles(vec![], Sort::descending(SessionSortField::Participants)).await[0].0,
            "Night"
        );
        assert_eq!(
            titles(vec![], Sort::ascending(SessionSortField::StartsAt)).await[0].0,
            "Morning"
        );
        assert_eq!(
            titles(vec![], Sort::descending(SessionSortField::State)).await[0].0,
            "Morning",
            "scheduled after draft"
        );
        assert_eq!(
            titles(
                vec![SessionState::Draft],
                Sort::descending(SessionSortField::StartsAt)
            )
            .await,
            [("Night".to_owned(), 2), ("evening".to_owned(), 0)]
        );
        let _ = evening;
    }
}

#[tokio::test]
async fn ledgers_dead_letters_and_sources_sort_and_page() {
    for database in each_backend().await {
        let store = open(&database).await;
        let backend = database.backend().name();
        let household = user(&store, "eleni@example.com", "Eleni", Role::Consumer).await;
        // One batch: every entry has the same time, so the id decides between them.
        let entries: Vec<NewPointsEntry> = [("streak_bonus", 50), ("session_savings", 120)]
            .into_iter()
            .chain((0..3).map(|_| ("opt_in_bonus", 10)))
            .enumerate()
            .map(|(i, (reason, points))| NewPointsEntry {
                user_id: household.id,
                reason: domain::rewards::LedgerReason::parse(reason).unwrap(),
                reference: format!("ref-{i}"),
                points,
                note: None,
            })
            .collect();
        store.append_points(&entries).await.unwrap();
        let points = |sort: Sort<PointsSortField>, request: PageRequest| {
            let store = store.clone();
            async move {
                store
                    .points_ledger_sorted(household.id, sort, request)
                    .await
                    .unwrap()
            }
        };
        let largest = points(Sort::descending(PointsSortField::Points), page(1, 2)).await;
        assert_eq!(
            largest
                .items
                .iter()
                .map(|e| e.entry.points)
                .collect::<Vec<_>>(),
            [120, 50],
            "{backend}"
        );
        assert_eq!(largest.total, 5);
        let by_reason = points(Sort::ascending(PointsSortField::Reason), page(1, 5)).await;
        assert_eq!(
            by_reason.items[0].entry.reason,
            domain::rewards::LedgerReason::OptInBonus
        );
        let newest = Sort::descending(PointsSortField::CreatedAt);
        let mut references: Vec<String> = Vec::new();
        for number in 1..=3 {
            references.extend(
                points(newest, page(number, 2))
                    .await
                    .items
                    .into_iter()
                    .map(|e| e.entry.reference),
            );
        }
        assert_eq!(
            references,
            ["ref-4", "ref-3", "ref-2", "ref-1", "ref-0"],
            "{backend}: newest first, then last appended first"
        );

        let mqtt = store.ensure_source("mqtt", SourceKind::Mqtt).await.unwrap();
        let api = store
            .create_source("Api-upload", SourceKind::Api, Some(vec![1; 32]))
            .await
            .unwrap();
        store
            .add_dead_letter(mqtt.id, "x", "not json")
            .await
            .unwrap();
        store
            .add_dead_letter(api.id, "y", "bad meter")
            .await
            .unwrap();
        let letters = store
            .dead_letters_sorted(
                None,
                Sort::ascending(DeadLetterSortField::Source),
                PageRequest::default(),
            )
            .await
            .unwrap();
        assert_eq!(
            letters
                .items
                .iter()
                .map(|l| l.source_name.as_str())
                .collect::<Vec<_>>(),
            ["Api-upload", "mqtt"],
            "{backend}"
        );
        let reasons = store
            .dead_letters_sorted(
                Some(mqtt.id),
                Sort::descending(DeadLetterSortField::Reason),
                PageRequest::default(),
            )
            .await
            .unwrap();
        assert_eq!(
            (reasons.total, reasons.items[0].reason.as_str()),
            (1, "not json")
        );
        assert_eq!(
            store
                .dead_letters(None, PageRequest::default())
                .await
                .unwrap()
                .items[0]
                .source_name,
            "Api-upload",
            "the default order is newest first"
        );

        store
            .record_ingest(
                api.id,
                IngestCounts {
                    inserted: 5,
                    updated: 1,
                    unchanged: 0,
                },
                2,
                Some(Utc::now()),
            )
            .await
            .unwrap();
        let sources = |sort: Sort<SourceSortField>, request: PageRequest| {
            let store = store.clone();
            async move {
                store
                    .source_page(sort, request)
                    .await
                    .unwrap()
                    .items
                    .into_iter()
                    .map(|s| (s.name, s.readings_today, s.rejected_today))
                    .collect::<Vec<_>>()
            }
        };
        assert_eq!(
            sources(Sort::descending(SourceSortField::ReadingsToday), page(1, 1)).await,
            [("Api-upload".to_owned(), 6, 2)],
            "{backend}"
        );
        assert_eq!(
            sources(Sort::ascending(SourceSortField::RejectedToday), page(1, 1)).await,
            [("mqtt".to_owned(), 0, 0)]
        );
        assert_eq!(
            sources(Sort::ascending(SourceSortField::Name), page(2, 1)).await[0].0,
            "mqtt"
        );
        // Never delivered: last in both directions.
        for sort in [
            Sort::ascending(SourceSortField::LastReadingAt),
            Sort::descending(SourceSortField::LastReadingAt),
        ] {
            assert_eq!(sources(sort, page(1, 2)).await[1].0, "mqtt", "{backend}");
        }
        assert_eq!(
            sources(Sort::descending(SourceSortField::Kind), page(1, 2)).await[0].0,
            "mqtt"
        );
        assert_eq!(
            store
                .source_page(Sort::ascending(SourceSortField::Name), page(1, 1))
                .await
                .unwrap()
                .total,
            2
        );
    }
}
