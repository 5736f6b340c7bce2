//! The customer register kept in step with the utility's system on both backends: pages after
//! the stored watermark, refused lines counted and never stored, a meter billed to a new account
//! ends its household's link, and a failing system changes nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::meter::{IntervalLength, MeterId};
use domain::secret::Secret;
use ingest::pull::{HttpSourceSettings, PageFormat, RegisterSource};
use serde::Deserialize;
use serde_json::{Value, json};
use store::testing::each_backend;
use store::{PoolOptions, Store};

const TOKEN: &str = "register-token-123";

/// The utility's register: lines in change order, each with the time it changed.
#[derive(Clone)]
struct RegisterSystem {
    lines: Arc<std::sync::Mutex<Vec<(String, Value)>>>,
    failing: Arc<AtomicBool>,
}

#[derive(Deserialize)]
struct PageQuery {
    since: Option<String>,
    limit: usize,
}

async fn serve_page(
    State(system): State<RegisterSystem>,
    headers: HeaderMap,
    Query(query): Query<PageQuery>,
) -> Response {
    if system.failing.load(Ordering::SeqCst) {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    if headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        != Some(&format!("Bearer {TOKEN}"))
    {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let lines = system.lines.lock().unwrap().clone();
    let at = |raw: &str| chrono::DateTime::parse_from_rfc3339(raw).unwrap();
    let after: Vec<&(String, Value)> = lines
        .iter()
        .filter(|(changed, _)| {
            query
                .since
                .as_deref()
                .is_none_or(|since| at(changed) > at(since))
        })
        .collect();
    let page: Vec<&(String, Value)> = after.iter().take(query.limit).copied().collect();
    let next = page.last().map(|(changed, _)| changed.clone());
    axum::Json(json!({
        "lines": page.iter().map(|(_, line)| line).collect::<Vec<_>>(),
        "next_since": next,
        "more": after.len() > page.len(),
    }))
    .into_response()
}

async fn start_system(system: RegisterSystem) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let app = axum::Router::new()
        .route("/register", axum::routing::get(serve_page))
        .with_state(system);
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{address}/register")
}

fn line(meter: &str, account: &str) -> Value {
    json!({"meter_id": meter, "account_number": account, "district": "Limassol", "tariff_code": "08"})
}

fn source(url: &str) -> RegisterSource {
    ingest::tls::install_crypto_provider();
    RegisterSource::new(HttpSourceSettings {
        name: "eac-register".into(),
        url: url.into(),
        token: Some(Secret::new(TOKEN)),
        format: PageFormat::Json,
        page_size: 2,
        timeout: Duration::from_secs(5),
        max_response_bytes: 1024 * 1024,
        ca_file: None,
        allow_token_over_http: true,
    })
    .unwrap()
}

#[tokio::test]
async fn the_register_follows_the_utilitys_system_page_by_page_after_its_watermark() {
    for database in each_backend().await {
        let store = Store::connect(database.url(), PoolOptions::default())
            .await
            .unwrap();
        store.migrate().await.unwrap();
        let districts = vec!["Nicosia".to_owned(), "Limassol".to_owned()];
        let system = RegisterSystem {
            lines: Arc::new(std::sync::Mutex::new(vec![
                ("2026-12-01T08:00:00Z".into(), line("CY-R-1", "1000000001")),
                ("2026-12-01T09:00:00Z".into(), line("CY-R-2", "1000000002")),
                (
                    "2026-12-01T10:00:00Z".into(),
                    line("CY-R-3", "not-a-number"),
                ),
            ])),
            failing: Arc::new(AtomicBool::new(false)),
        };
        let url = start_system(system.clone()).await;
        let register = source(&url);

        let first = register.pull(&store, &districts).await.unwrap();
        assert_eq!(
            (first.pages, first.stored, first.refused),
            (2, 2, 1),
            "{}",
            database.backend().name()
        );
        let line_1 = store
            .register_line(&MeterId::parse("CY-R-1").unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(line_1.account_number.as_str(), "1000000001");
        assert_eq!(line_1.district.as_deref(), Some("Limassol"));
        assert!(
            store
                .register_line(&MeterId::parse("CY-R-3").unwrap())
                .await
                .unwrap()
                .is_none()
        );
        assert_eq!(
            store
                .register_watermark("eac-register")
                .await
                .unwrap()
                .map(|w| w.to_rfc3339()),
            Some("2026-12-01T10:00:00+00:00".to_owned())
        );
        let status = store.register_status().await.unwrap();
        assert_eq!(status.entries, 2);
        assert_eq!(status.last_import.unwrap().source, "eac-register");

        // A household holds CY-R-1; the utility then bills it to another account.
        let user = store::testing::consumer(&store, "home@example.com").await;
        store
            .link_meter(
                user,
                &MeterId::parse("CY-R-1").unwrap(),
                IntervalLength::FifteenMinutes,
            )
            .await
            .unwrap();
        system
            .lines
            .lock()
            .unwrap()
            .push(("2026-12-02T08:00:00Z".into(), line("CY-R-1", "2000000001")));
        // Nothing new is read twice: only the changed line comes.
        let second = register.pull(&store, &districts).await.unwrap();
        assert_eq!((second.pages, second.stored, second.links_ended), (1, 1, 1));
        assert!(store.household(user).await.unwrap().meters.is_empty());
        let third = register.pull(&store, &districts).await.unwrap();
        assert_eq!((third.stored, third.links_ended), (0, 0));

        // A failing system is an error and moves nothing.
        system.failing.store(true, Ordering::SeqCst);
        let error = register.pull(&store, &districts).await.unwrap_err();
        assert!(error.to_string().contains("503"), "{error}");
        assert_eq!(
            store
                .register_watermark("eac-register")
                .await
                .unwrap()
                .map(|w| w.to_rfc3339()),
            Some("2026-12-02T08:00:00+00:00".to_owned())
        );
    }
}
