//! Dead-letter retention on both backends: letters received before the cut-off go, younger ones
//! stay, across sources and across more than one deletion chunk, and a second purge deletes
//! nothing more.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::Utc;
use domain::paging::PageRequest;
use store::testing::each_backend;
use store::{PoolOptions, SourceKind, Store};

#[tokio::test]
async fn letters_older_than_the_cut_off_are_purged_and_younger_ones_kept() {
    for database in each_backend().await {
        let store = Store::connect(database.url(), PoolOptions::default())
            .await
            .unwrap();
        store.migrate().await.unwrap();
        let backend = store.backend();
        let mqtt = store.ensure_source("mqtt", SourceKind::Mqtt).await.unwrap();
        let pull = store.ensure_source("mdm", SourceKind::Pull).await.unwrap();
        // More old letters of one source than one deletion chunk (5,000) takes.
        let old_mqtt = 5_003;
        for index in 0..old_mqtt {
            store
                .add_dead_letter(mqtt.id, &format!("old {index}"), "not JSON")
                .await
                .unwrap();
        }
        store
            .add_dead_letter(pull.id, "old pull", "bad row")
            .await
            .unwrap();
        // Every letter above was received before this instant, every one below after it.
        let cut_off = Utc::now();
        store
            .add_dead_letter(mqtt.id, "young mqtt", "not JSON")
            .await
            .unwrap();
        store
            .add_dead_letter(pull.id, "young pull", "bad row")
            .await
            .unwrap();

        let purged = store.purge_dead_letters(cut_off).await.unwrap();
        assert_eq!(purged, old_mqtt + 1, "{backend:?}");
        let left = store
            .dead_letters(None, PageRequest::default())
            .await
            .unwrap();
        let mut payloads: Vec<&str> = left.items.iter().map(|l| l.payload.as_str()).collect();
        payloads.sort_unstable();
        assert_eq!(payloads, ["young mqtt", "young pull"], "{backend:?}");
        assert_eq!(left.total, 2, "{backend:?}");

        assert_eq!(store.purge_dead_letters(cut_off).await.unwrap(), 0);
    }
}
