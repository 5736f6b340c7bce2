//! Reading events reach other instances through a real Redis, once each and without echoing back.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::Duration;

use ingest::fanout::bridge;
use store::testing::running_in_ci;
use tokio::sync::broadcast::{self, error::RecvError};
use tokio::sync::watch;

/// Sent until the bridges are up; skipped when counting.
const WARM_UP: i64 = 0;

/// What `events` delivers until (and including) `last`, warm-up events left out. Fails after a
/// generous timeout, or if the receiver fell behind and lost events.
async fn receive_until(events: &mut broadcast::Receiver<Arc<Vec<i64>>>, last: i64) -> Vec<i64> {
    let mut received = Vec::new();
    tokio::time::timeout(Duration::from_secs(30), async {
        loop {
            match events.recv().await {
                Ok(meters) if *meters == [WARM_UP] => {}
                Ok(meters) => {
                    assert_eq!(meters.len(), 1, "{meters:?}");
                    received.push(meters[0]);
                    if meters[0] == last {
                        return;
                    }
                }
                Err(RecvError::Lagged(skipped)) => panic!("{skipped} events lost locally"),
                Err(RecvError::Closed) => panic!("the channel closed"),
            }
        }
    })
    .await
    .unwrap_or_else(|_| panic!("{last} never arrived; received {received:?}"));
    received
}

fn send(events: &broadcast::Sender<Arc<Vec<i64>>>, meters: &[i64]) {
    for meter in meters {
        events.send(Arc::new(vec![*meter])).unwrap();
    }
}

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
    let (first, _) = broadcast::channel(256);
    let (second, _) = broadcast::channel(256);
    let (stop, shutdown) = watch::channel(false);
    for (name, events) in [("first", first.clone()), ("second", second.clone())] {
        let (url, channel, shutdown) = (url.clone(), channel.clone(), shutdown.clone());
        tokio::spawn(async move {
            bridge(&url, &channel, name.to_owned(), events, shutdown)
                .await
                .unwrap()
        });
    }
    // Subscriptions take a moment; repeat until the other side hears one. A bridge relays only
    // once it has subscribed, so after that both are up.
    let mut warm_up = second.subscribe();
    tokio::time::timeout(Duration::from_secs(30), async {
        loop {
            // Until the first bridge subscribes locally, nobody listens on its channel.
            let _ = first.send(Arc::new(vec![WARM_UP]));
            if tokio::time::timeout(Duration::from_millis(200), warm_up.recv())
                .await
                .is_ok()
            {
                return;
            }
        }
    })
    .await
    .expect("an event crossed Redis");
    drop(warm_up);

    // Redis delivers one publisher's messages in order, so once an instance's last event has
    // arrived, every copy of its earlier ones (a duplicate, or an echo relayed back) has too.
    let mut on_first = first.subscribe();
    let mut on_second = second.subscribe();
    let from_first = [1, 2, 3, 4, 5];
    send(&first, &from_first);
    assert_eq!(
        receive_until(&mut on_second, 5).await,
        from_first,
        "the second instance receives each of the first's events once"
    );
    let from_second = [11, 12, 13];
    send(&second, &from_second);
    assert_eq!(
        receive_until(&mut on_first, 13).await,
        [1, 2, 3, 4, 5, 11, 12, 13],
        "the first hears its own events (locally) and each of the second's once, no echo"
    );
    // An echo of the second's events relayed back by the first would come before this one.
    send(&first, &[6]);
    assert_eq!(
        receive_until(&mut on_second, 6).await,
        [11, 12, 13, 6],
        "the second hears its own events (locally) and the first's next one, no echo"
    );
    stop.send(true).unwrap();
}
