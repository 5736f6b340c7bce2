//! Who may write a meter's readings, on both backends: one claim per unbound meter however many
//! sources race for it, staff bindings, settled windows only on participants' meters, and the
//! simulator's meters.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashSet;

use chrono::{Duration, DurationRound, Utc};
use domain::meter::{IntervalLength, MeterId};
use domain::reading::SlotState;
use domain::session::SessionState;
use store::testing::{consumer, each_backend, quarter_hour_meter, session_plan};
use store::{PoolOptions, SourceKind, Store};

async fn open(database: &store::testing::TestDatabase) -> Store {
    let store = Store::connect(database.url(), PoolOptions::default())
        .await
        .unwrap();
    store.migrate().await.unwrap();
    store
}

#[tokio::test]
async fn of_sources_racing_for_an_unbound_meter_exactly_one_wins() {
    for database in each_backend().await {
        let store = open(&database).await;
        let home = consumer(&store, "home@example.com").await;
        let meter = quarter_hour_meter(&store, home, "CY-RACE").await;
        let mut sources = Vec::new();
        for index in 0..8 {
            let name = format!("mdm-{index}");
            sources.push(
                store
                    .create_source(&name, SourceKind::Api, None)
                    .await
                    .unwrap()
                    .id,
            );
        }
        let claims = sources.iter().map(|source| {
            let store = store.clone();
            let source = *source;
            tokio::spawn(async move { (source, store.permitted_meters(source, &[meter]).await) })
        });
        let mut winners = Vec::new();
        for claim in claims {
            let (source, permitted) = claim.await.unwrap();
            if permitted.unwrap().contains(&meter) {
                winners.push(source);
            }
        }
        assert_eq!(
            winners.len(),
            1,
            "[{}] {winners:?}",
            database.backend().name()
        );
        let winner = format!(
            "mdm-{}",
            sources.iter().position(|s| *s == winners[0]).unwrap()
        );
        let id = MeterId::parse("CY-RACE").unwrap();
        assert_eq!(store.meter_sources(&id).await.unwrap(), vec![winner]);

        // Staff bind two others; an empty binding lets the next reporter claim it again.
        let bound = store
            .bind_meter_sources(&id, &["mdm-6".to_owned(), "mdm-7".to_owned()])
            .await
            .unwrap();
        assert_eq!(bound, vec!["mdm-6", "mdm-7"]);
        let mut allowed = Vec::new();
        for source in [sources[6], sources[7], sources[0]] {
            allowed.push(
                store
                    .permitted_meters(source, &[meter])
                    .await
                    .unwrap()
                    .contains(&meter),
            );
        }
        assert_eq!(allowed, vec![true, true, false]);
        assert!(store.bind_meter_sources(&id, &[]).await.unwrap().is_empty());
        assert!(
            store
                .permitted_meters(sources[0], &[meter])
                .await
                .unwrap()
                .contains(&meter)
        );
        assert!(
            !store
                .permitted_meters(sources[1], &[meter])
                .await
                .unwrap()
                .contains(&meter)
        );

        // Sources PowerSave runs itself are not bound and claim nothing.
        let import = store
            .ensure_source("file-import", SourceKind::File)
            .await
            .unwrap();
        assert_eq!(
            store.permitted_meters(import.id, &[meter]).await.unwrap(),
            HashSet::from([meter])
        );
        assert_eq!(store.meter_sources(&id).await.unwrap(), vec!["mdm-0"]);
    }
}

#[tokio::test]
async fn settled_windows_cover_only_the_meters_of_participants_of_settled_sessions() {
    for database in each_backend().await {
        let store = open(&database).await;
        let joined = consumer(&store, "joined@example.com").await;
        let stayed_out = consumer(&store, "out@example.com").await;
        let joined_meter = quarter_hour_meter(&store, joined, "CY-IN").await;
        let other_meter = quarter_hour_meter(&store, stayed_out, "CY-OUT").await;
        let start = (Utc::now() - Duration::days(1))
            .duration_trunc(Duration::hours(1))
            .unwrap();
        let session = store
            .create_session(&session_plan("Peak", start, 1), None)
            .await
            .unwrap();
        store
            .set_session_state(session.id, SessionState::Draft, SessionState::Scheduled)
            .await
            .unwrap();
        store.join_session(session.id, joined).await.unwrap();
        let meters = [joined_meter, other_meter];
        let (from, to) = (start - Duration::hours(1), start + Duration::hours(2));
        let quarter = IntervalLength::FifteenMinutes;
        for (from_state, to_state, settled) in [
            (SessionState::Scheduled, SessionState::Live, false),
            (SessionState::Live, SessionState::Settling, true),
            (SessionState::Settling, SessionState::Final, true),
        ] {
            store
                .set_session_state(session.id, from_state, to_state)
                .await
                .unwrap();
            let windows = store.settled_windows(&meters, from, to).await.unwrap();
            let expected = if settled {
                SlotState::Settled
            } else {
                SlotState::Open
            };
            assert_eq!(
                windows.state(joined_meter, start, quarter),
                expected,
                "{to_state}"
            );
            assert_eq!(
                windows.state(joined_meter, start + Duration::hours(1), quarter),
                SlotState::Open,
                "the window ends with the session"
            );
            assert_eq!(windows.state(other_meter, start, quarter), SlotState::Open);
        }
        let elsewhere = store
            .settled_windows(&meters, to, to + Duration::hours(1))
            .await
            .unwrap();
        assert!(elsewhere.is_empty());
    }
}

#[tokio::test]
async fn only_meters_created_as_simulated_are_the_simulators() {
    for database in each_backend().await {
        let store = open(&database).await;
        let home = consumer(&store, "home@example.com").await;
        let interval = IntervalLength::FifteenMinutes;
        store
            .link_meter(home, &MeterId::parse("CY-SIM-0000001").unwrap(), interval)
            .await
            .unwrap();
        store
            .link_simulated_meter(home, &MeterId::parse("CY-SIM-0000002").unwrap(), interval)
            .await
            .unwrap();
        // Linking a real meter "as simulated" later does not make it simulated.
        let other = consumer(&store, "other@example.com").await;
        store
            .unlink_meter(home, &MeterId::parse("CY-SIM-0000001").unwrap())
            .await
            .unwrap();
        store
            .link_simulated_meter(other, &MeterId::parse("CY-SIM-0000001").unwrap(), interval)
            .await
            .unwrap();
        let simulated: Vec<String> = store
            .simulated_meter_directory()
            .await
            .unwrap()
            .into_keys()
            .collect();
        assert_eq!(simulated, vec!["CY-SIM-0000002"]);
    }
}
