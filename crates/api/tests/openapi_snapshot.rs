//! The committed `docs/openapi.json` must match the API. After a deliberate change, refresh it with
//! `UPDATE_SNAPSHOTS=1 cargo test -p api --test openapi_snapshot` (or `make openapi`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

#[test]
fn openapi_document_matches_the_committed_snapshot() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/openapi.json");
    let current = api::openapi().unwrap().to_pretty_json().unwrap() + "\n";
    if std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &current).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == current,
        "the API changed but docs/openapi.json did not; review the difference and run \
         `make openapi` to update the snapshot"
    );
}
