//! `powersave serve` with JSON logs: every line logged while serving a request carries that
//! request's id, the same id the response's `x-request-id` header names.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use serde_json::Value;
use support::{
    API_KEY, Server, csv_readings, fixtures, is_message, request_id_of, response_id, sign_in,
    work_dir,
};

#[tokio::test]
async fn every_log_line_of_a_request_carries_its_request_id() {
    let work = work_dir("request-logs");
    fixtures(&work).await.close().await.unwrap();
    let mut server = Server::start(&work);
    let client = support::http_client();

    // Requests that log in different places: the handler, the error path, the trace layer.
    let anonymous = client.get(server.url("/api/v1/me")).send().await.unwrap();
    assert_eq!(anonymous.status(), 401);
    let anonymous = response_id(&anonymous);
    let (login, response) = sign_in(&client, &server).await;
    assert_eq!(response.status(), 200);
    let token: Value = response.json().await.unwrap();
    let token = token["access_token"].as_str().unwrap().to_owned();
    let chosen = client
        .get(server.url("/api/v1/me"))
        .bearer_auth(&token)
        .header("x-request-id", "chosen-by-the-caller-42")
        .send()
        .await
        .unwrap();
    assert_eq!(chosen.status(), 200);
    assert_eq!(response_id(&chosen), "chosen-by-the-caller-42");
    let upload = client
        .post(server.url("/api/v1/meter-readings"))
        .header("x-api-key", API_KEY)
        .header("content-type", "text/csv")
        .body(csv_readings(8))
        .send()
        .await
        .unwrap();
    assert_eq!(upload.status(), 200);
    let upload = response_id(&upload);
    let missing = client
        .get(server.url("/api/v1/nothing-here"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    let missing = response_id(&missing);

    let requests = [
        (anonymous.as_str(), "401"),
        (login.as_str(), "200"),
        ("chosen-by-the-caller-42", "200"),
        (upload.as_str(), "200"),
        (missing.as_str(), "404"),
    ];
    for (id, status) in requests {
        let finished = server
            .wait_for_log(&format!("finishing request {id}"), |line| {
                is_message(line, "finished processing request") && request_id_of(line) == Some(id)
            })
            .await;
        assert_eq!(finished["fields"]["status"].to_string(), status, "{id}");
    }
    server.terminate();
    assert!(server.wait_for_exit().await.success());

    let lines = server.log_lines();
    let listening = lines
        .iter()
        .position(|line| is_message(line, "PowerSave is listening"))
        .expect("a line saying the server listens");
    let mut request_lines = 0;
    for line in &lines[listening + 1..] {
        let target = line["target"].as_str().unwrap_or_default();
        // Lines logged while serving a request: in its span, or by the HTTP layers themselves.
        let in_request = line.get("span").is_some()
            || target.starts_with("api")
            || target.starts_with("tower_http");
        if in_request {
            request_lines += 1;
            assert_eq!(line["span"]["name"], "request", "{line}");
            assert!(
                request_id_of(line).is_some_and(|id| !id.is_empty()),
                "a request's log line without its request id: {line}"
            );
        }
    }
    for (id, _) in requests {
        let messages: Vec<&str> = lines
            .iter()
            .filter(|line| request_id_of(line) == Some(id))
            .filter_map(|line| line["fields"]["message"].as_str())
            .collect();
        assert!(
            messages.contains(&"started processing request")
                && messages.contains(&"finished processing request"),
            "{id}: {messages:?}"
        );
    }
    let uploaded = lines
        .iter()
        .find(|line| is_message(line, "readings uploaded"))
        .expect("the upload's own line");
    assert_eq!(request_id_of(uploaded), Some(upload.as_str()), "{uploaded}");
    assert_eq!(uploaded["fields"]["inserted"], 8);
    assert!(request_lines > 2 * requests.len());
    drop(server);
    std::fs::remove_dir_all(&work).unwrap();
}
