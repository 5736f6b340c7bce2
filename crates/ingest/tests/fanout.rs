//! Reading events reach other instances through a real Redis, without echoing back.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::Duration;

use ingest::fanout::bridge;
use store::testing::running_in_ci;
use tokio::sync::{broadcast, watch};

#[tokio::test]
async fn events_of_one_instance_reach_the_other_once() {
    let Ok(url) = std::env::var("POWERSAVE_TEST_REDIS_URL") else {
        assert!(
            !running_in_ci(),
            "POWERSAVE_TEST_REDIS_URL is required under CI=true"
        );
        eprintln!("skipping: POWERSAVE_TEST_REDIS_URL is not set (scripts/services.sh prints it)");
        return;
    };
    let channel = format!("powersave-test-{}", std::process::id());
    let (first, _) = broadcast::channel(16);
    let (second, _) = broadcast::channel(16);
    let (stop, shutdown) = watch::channel(false);
    for (name, events) in [("first", first.clone()), ("second", second.clone())] {
        let (url, channel, shutdown) = (url.clone(), channel.clone(), shutdown.clone());
        tokio::spawn(async move {
            bridge(&url, &channel, name.to_owned(), events, shutdown)
                .await
                .unwrap()
        });
    }
    let mut on_first = first.subscribe();
    let mut on_second = second.subscribe();
    // Subscriptions take a moment; repeat until the other side hears it.
    let received = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            first.send(Arc::new(vec![7, 8])).unwrap();
            if let Ok(Ok(meters)) =
                tokio::time::timeout(Duration::from_millis(200), on_second.recv()).await
            {
                return meters;
            }
        }
    })
    .await
    .expect("the event crossed Redis");
    assert_eq!(*received, vec![7, 8]);

    // The first instance hears only what it sent itself, never an echo from Redis.
    let sent = {
        let mut count = 0;
        while on_first.try_recv().is_ok() {
            count += 1;
        }
        count
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    let echoed = std::iter::from_fn(|| on_first.try_recv().ok()).count();
    assert!(sent >= 1);
    assert_eq!(echoed, 0, "no echo of its own events");
    stop.send(true).unwrap();
}
