//! The periods a household's readings of a meter count for it (docs/RULES.md, "Whose
//! readings"), loaded the same on every backend: a first holder's history is its own, a move
//! ends it at the register's change, and the next holder's begins there.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{Duration, DurationRound, Utc};
use domain::household::TariffCode;
use domain::link_period::{LinkPeriod, LinkPeriods};
use domain::meter::{IntervalLength, MeterId};
use domain::onboarding::{AccountNumber, RegisterEntry};
use store::testing::{consumer, each_backend};
use store::{PoolOptions, Store};

fn line(meter: &str, account: &str) -> RegisterEntry {
    RegisterEntry {
        meter_id: MeterId::parse(meter).unwrap(),
        account_number: AccountNumber::parse(account).unwrap(),
        district: None,
        tariff_code: TariffCode::parse("01").unwrap(),
        interval: IntervalLength::FifteenMinutes,
    }
}

#[tokio::test]
async fn a_move_ends_one_households_period_where_the_next_ones_begins() {
    for database in each_backend().await {
        let store = Store::connect(database.url(), PoolOptions::default())
            .await
            .unwrap();
        store.migrate().await.unwrap();
        let backend = database.backend().name();
        let meter = MeterId::parse("CY-FLAT-1").unwrap();
        let (first, second, third) = (
            consumer(&store, "first@example.com").await,
            consumer(&store, "second@example.com").await,
            consumer(&store, "third@example.com").await,
        );
        store
            .import_register(&[line("CY-FLAT-1", "1000000001")], "r1", 0, None)
            .await
            .unwrap();
        store
            .link_meter(first, &meter, IntervalLength::FifteenMinutes)
            .await
            .unwrap();
        let periods = |users: Vec<uuid::Uuid>| {
            let store = store.clone();
            async move {
                store
                    .household_meters_of(&users)
                    .await
                    .unwrap()
                    .into_iter()
                    .map(|m| (m.household, m.periods))
                    .collect::<Vec<_>>()
            }
        };
        // The first holder: nobody before it, the register unchanged: its history is its own.
        assert_eq!(
            periods(vec![first]).await,
            vec![(first, LinkPeriods::always())],
            "{backend}"
        );
        // It withdraws and the register moves the meter to another account later: the next
        // holder's readings begin at the register's change, not at the withdrawal.
        store.unlink_meter(first, &meter).await.unwrap();
        store::testing::backdate_links(&store, "CY-FLAT-1", Duration::days(3)).await;
        let left = store.meter_link_history(first).await.unwrap()[0]
            .ended_at
            .unwrap();
        store
            .import_register(&[line("CY-FLAT-1", "2000000002")], "r2", 0, None)
            .await
            .unwrap();
        store
            .link_meter(second, &meter, IntervalLength::FifteenMinutes)
            .await
            .unwrap();
        let now = periods(vec![first, second]).await;
        assert_eq!(now.len(), 2, "{backend}");
        let of = |user| now.iter().find(|(u, _)| *u == user).unwrap().1.clone();
        assert_eq!(
            of(first),
            LinkPeriods::new(LinkPeriod::new(None, Some(left))),
            "{backend}"
        );
        let arrived = of(second).periods()[0];
        assert!(arrived.from().is_some_and(|from| from > left), "{backend}");
        assert!(of(second).is_open());
        // A move while held: the register's change ends the link, the next one begins there.
        let outcome = store
            .import_register(&[line("CY-FLAT-1", "3000000003")], "r3", 0, None)
            .await
            .unwrap();
        assert_eq!(outcome.links_ended, 1);
        store
            .link_meter(third, &meter, IntervalLength::FifteenMinutes)
            .await
            .unwrap();
        let all = periods(vec![second, third]).await;
        let second_until = all.iter().find(|(u, _)| *u == second).unwrap().1.periods()[0]
            .until()
            .unwrap();
        let third_from = all.iter().find(|(u, _)| *u == third).unwrap().1.periods()[0]
            .from()
            .unwrap();
        assert!(third_from >= second_until, "{backend}");
        // The participants' and results' reads see the same periods.
        let session = store
            .create_session(
                &store::testing::session_plan(
                    "Evening",
                    (Utc::now() + Duration::days(2))
                        .duration_trunc(Duration::hours(1))
                        .unwrap(),
                    2,
                ),
                None,
            )
            .await
            .unwrap();
        for user in [first, second, third] {
            store.join_session(session.id, user).await.unwrap();
        }
        let mut of_session = store.participant_meters(session.id).await.unwrap();
        of_session.sort_by_key(|m| m.household);
        let mut of_users = store
            .household_meters_of(&[first, second, third])
            .await
            .unwrap();
        of_users.sort_by_key(|m| m.household);
        assert_eq!(of_session, of_users, "{backend}");
        assert_eq!(of_session.len(), 3);
    }
}
