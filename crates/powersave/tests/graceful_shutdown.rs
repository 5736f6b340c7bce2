//! `powersave serve` sent SIGTERM with requests in flight: an upload still arriving is received
//! to its end, answered and stored; an open live stream ends cleanly; the process exits 0.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::io::Write;

use chrono::Utc;
use serde_json::Value;
use store::{PoolOptions, Store};
use support::{
    API_KEY, METER, Server, csv_readings, database, fixtures, is_message, read_to_end, read_until,
    request_id_of, send_head, sign_in, work_dir,
};

#[tokio::test]
async fn sigterm_lets_an_upload_in_flight_finish_and_exits_0() {
    let work = work_dir("shutdown-upload");
    fixtures(&work).await.close().await.unwrap();
    let mut server = Server::start(&work);
    let rows = 4 * 24 * 7;
    let body = csv_readings(rows);
    let (first, rest) = body.as_bytes().split_at(body.len() / 2);
    let mut stream = send_head(
        server.port,
        &format!(
            "POST /api/v1/meter-readings HTTP/1.1\r\nhost: 127.0.0.1\r\nx-api-key: {API_KEY}\r\n\
             x-request-id: upload-in-flight\r\ncontent-type: text/csv\r\ncontent-length: {}\r\n\
             connection: close\r\n\r\n",
            body.len()
        ),
    );
    stream.write_all(first).unwrap();
    server
        .wait_for_log("starting the upload", |line| {
            is_message(line, "started processing request")
                && request_id_of(line) == Some("upload-in-flight")
        })
        .await;

    server.terminate();
    server.wait_until_refusing().await;
    // Shutting down, with half the body still to come.
    stream.write_all(rest).unwrap();
    let response = read_to_end(&mut stream);
    assert!(response.starts_with("HTTP/1.1 200 OK"), "{response}");
    let json = response.split("\r\n\r\n").nth(1).unwrap();
    let report: Value = serde_json::from_str(json).unwrap();
    assert_eq!(report["inserted"], rows, "{report}");
    assert_eq!(report["rejected"], 0, "{report}");

    let status = server.wait_for_exit().await;
    assert!(status.success(), "exit status {status}");
    assert!(
        server
            .log_lines()
            .iter()
            .any(|line| is_message(line, "shutting down"))
    );
    // Every reading of the finished request is stored.
    let store = Store::connect(&database(&work), PoolOptions::default())
        .await
        .unwrap();
    let meters = store
        .meters_by_utility_ids(&[METER.to_owned()])
        .await
        .unwrap();
    let today = domain::reading::day_number(Utc::now());
    let stored: usize = store
        .reading_history(&store::HistoryRequest {
            meters: vec![meters[METER].id],
            first_day: today - 10,
            last_day: today,
            from_minute: 0,
            to_minute: 1440,
        })
        .await
        .unwrap()
        .iter()
        .map(|day| day.intervals().count())
        .sum();
    assert_eq!(stored as i64, rows);
    store.close().await.unwrap();
    drop(server);
    std::fs::remove_dir_all(&work).unwrap();
}

#[tokio::test]
async fn sigterm_ends_open_live_streams_and_exits_0() {
    let work = work_dir("shutdown-live");
    let store = fixtures(&work).await;
    let (start, end) = domain::calendar::window_within_local_day(
        chrono_tz::Europe::Nicosia,
        Utc::now(),
        chrono::Duration::zero(),
        chrono::Duration::hours(1),
    );
    let session = store
        .create_session(
            &store::SessionPlan {
                title: "Evening peak".to_owned(),
                description: String::new(),
                greek: Default::default(),
                window: domain::session::SessionWindow {
                    starts_at: start,
                    ends_at: end,
                    join_deadline: start,
                },
                points_per_kwh: 100,
                opt_in_bonus: 0,
                audience: domain::session::Audience::Everyone,
                baseline_method: domain::baseline::MethodName::LikeDays,
                surprise: false,
            },
            None,
        )
        .await
        .unwrap();
    use domain::session::SessionState::{Draft, Live, Scheduled};
    store
        .set_session_state(session.id, Draft, Scheduled)
        .await
        .unwrap();
    store
        .set_session_state(session.id, Scheduled, Live)
        .await
        .unwrap();
    store.close().await.unwrap();
    let mut server = Server::start(&work);
    let client = support::http_client();
    let (_, response) = sign_in(&client, &server).await;
    let token: Value = response.json().await.unwrap();
    let token = token["access_token"].as_str().unwrap().to_owned();

    let mut stream = send_head(
        server.port,
        &format!(
            "GET /api/v1/admin/sessions/{}/live HTTP/1.1\r\nhost: 127.0.0.1\r\n\
             authorization: Bearer {token}\r\naccept: text/event-stream\r\n\r\n",
            session.id
        ),
    );
    // The stream is open once its first event arrives.
    let mut received = Vec::new();
    let closed = read_until(&mut stream, &mut received, |so_far| {
        so_far.contains("event: progress")
    });
    assert!(!closed, "{}", String::from_utf8_lossy(&received));

    server.terminate();
    let rest = read_to_end(&mut stream);
    let received = String::from_utf8(received).unwrap() + &rest;
    assert!(received.starts_with("HTTP/1.1 200 OK"), "{received}");
    assert!(
        received.contains("transfer-encoding: chunked") && received.ends_with("0\r\n\r\n"),
        "the stream ends with its last chunk, not a cut connection: {received:?}"
    );
    let status = server.wait_for_exit().await;
    assert!(status.success(), "exit status {status}");
    drop(server);
    std::fs::remove_dir_all(&work).unwrap();
}
