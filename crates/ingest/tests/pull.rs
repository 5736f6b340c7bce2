//! Scheduled pulls on both backends: an HTTP meter data system serving JSON and CSV pages, and
//! the simulator. Watermarks move only after a page is stored, bad rows go to the dead-letter
//! table while good rows land, and pulling the same pages again changes nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, DurationRound, Utc};
use domain::account::{DisplayName, Email, Role};
use domain::household::{TariffCode, TimeZone};
use domain::meter::{IntervalLength, MeterId};
use domain::paging::PageRequest;
use domain::reading::ReadingLimits;
use domain::secret::Secret;
use ingest::Ingestor;
use ingest::pull::{
    HttpSource, HttpSourceSettings, MeterDataSource, PageFormat, PullError, SimulatedSource,
    pull_until_caught_up,
};
use serde::Deserialize;
use store::testing::each_backend;
use store::{NewUser, PoolOptions, SourceKind, Store};

const TOKEN: &str = "mdm-token-123";

/// The utility's system: readings in record order, served after a cursor.
#[derive(Clone)]
struct MeterDataSystem {
    readings: Arc<Vec<(DateTime<Utc>, String)>>,
    failing: bool,
}

#[derive(Deserialize)]
struct PageQuery {
    since: Option<String>,
    limit: usize,
}

async fn serve_page(
    State(system): State<MeterDataSystem>,
    headers: HeaderMap,
    Query(query): Query<PageQuery>,
) -> Response {
    if system.failing {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    if headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        != Some(&format!("Bearer {TOKEN}"))
    {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let since = query.since.map(|s| {
        DateTime::parse_from_rfc3339(&s)
            .unwrap()
            .with_timezone(&Utc)
    });
    let page: Vec<&(DateTime<Utc>, String)> = system
        .readings
        .iter()
        .filter(|(recorded, _)| since.is_none_or(|s| *recorded > s))
        .take(query.limit)
        .collect();
    let next = page.last().map(|(recorded, _)| recorded.to_rfc3339());
    let more = page.len() == query.limit;
    let csv = headers
        .get(header::ACCEPT)
        .is_some_and(|v| v.to_str().unwrap_or_default() == "text/csv");
    if csv {
        let body: String = std::iter::once("meter_id,interval_start,kwh\n".to_owned())
            .chain(page.iter().map(|(_, line)| format!("{line}\n")))
            .collect();
        let mut response = ([(header::CONTENT_TYPE, "text/csv")], body).into_response();
        if let Some(next) = next {
            response
                .headers_mut()
                .insert("next-since", next.parse().unwrap());
        }
        response
            .headers_mut()
            .insert("more", more.to_string().parse().unwrap());
        response
    } else {
        let readings: Vec<serde_json::Value> = page
            .iter()
            .map(|(_, line)| {
                let fields: Vec<&str> = line.split(',').collect();
                let kwh: serde_json::Value = fields[2]
                    .parse::<f64>()
                    .map_or_else(|_| fields[2].into(), Into::into);
                serde_json::json!({"meter_id": fields[0], "interval_start": fields[1], "kwh": kwh})
            })
            .collect();
        axum::Json(serde_json::json!({"readings": readings, "next_since": next, "more": more}))
            .into_response()
    }
}

async fn start_system(system: MeterDataSystem) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let app = axum::Router::new()
        .route("/readings", axum::routing::get(serve_page))
        .with_state(system);
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{address}/readings")
}

async fn store_with_meter(url: &store::DatabaseUrl, meter: &str) -> Store {
    store_with_household(url, meter).await.0
}

/// A store with one household, linked to a real meter `meter`; returns the household too.
async fn store_with_household(url: &store::DatabaseUrl, meter: &str) -> (Store, store::UserRecord) {
    let store = Store::connect(url, PoolOptions::default()).await.unwrap();
    store.migrate().await.unwrap();
    let user = store
        .create_user(NewUser {
            email: Email::parse("pull@example.com").unwrap(),
            display_name: DisplayName::parse("Pull").unwrap(),
            password_hash: "x".into(),
            role: Role::Consumer,
            tariff_code: TariffCode::parse("01").unwrap(),
            time_zone: TimeZone::parse("Europe/Nicosia").unwrap(),
            language: domain::language::Language::English,
        })
        .await
        .unwrap();
    store
        .link_meter(
            user.id,
            &MeterId::parse(meter).unwrap(),
            IntervalLength::FifteenMinutes,
        )
        .await
        .unwrap();
    (store, user)
}

/// Ten readings of CY-PULL recorded a minute apart, and one for a meter PowerSave does not know.
fn utility_readings() -> Vec<(DateTime<Utc>, String)> {
    let day = (Utc::now() - chrono::Duration::days(1))
        .duration_trunc(chrono::Duration::days(1))
        .unwrap();
    let mut readings: Vec<(DateTime<Utc>, String)> = (0..10)
        .map(|i| {
            let start = day + chrono::Duration::minutes(15 * i);
            (
                day + chrono::Duration::hours(30) + chrono::Duration::minutes(i),
                format!("CY-PULL,{},{}", start.to_rfc3339(), 0.1 + i as f64 / 100.0),
            )
        })
        .collect();
    readings.insert(
        4,
        (
            day + chrono::Duration::hours(30) + chrono::Duration::seconds(210),
            format!("CY-UNKNOWN,{},0.2", day.to_rfc3339()),
        ),
    );
    readings
}

fn http_source(url: &str, format: PageFormat) -> HttpSource {
    HttpSource::new(HttpSourceSettings {
        name: format!("mdm-{format:?}"),
        url: url.to_owned(),
        token: Some(Secret::new(TOKEN)),
        format,
        page_size: 4,
        timeout: Duration::from_secs(5),
        max_response_bytes: 1 << 20,
        ca_file: None,
        // A local test system over plain http.
        allow_token_over_http: true,
    })
    .unwrap()
}

#[tokio::test]
async fn http_pages_land_once_with_watermarks_and_dead_letters_in_both_formats() {
    for database in each_backend().await {
        let store = store_with_meter(database.url(), "CY-PULL").await;
        let readings = utility_readings();
        let newest = readings
            .iter()
            .map(|(recorded, _)| *recorded)
            .max()
            .unwrap();
        let url = start_system(MeterDataSystem {
            readings: Arc::new(readings),
            failing: false,
        })
        .await;
        // The same system read in both formats: two sources, both bound to its meter.
        let formats = [PageFormat::Json, PageFormat::Csv];
        let mut names = Vec::new();
        for format in formats {
            let name = http_source(&url, format).name().to_owned();
            store.ensure_source(&name, SourceKind::Pull).await.unwrap();
            names.push(name);
        }
        store
            .bind_meter_sources(&MeterId::parse("CY-PULL").unwrap(), &names)
            .await
            .unwrap();
        for format in formats {
            let source = http_source(&url, format);
            let record = store
                .ensure_source(source.name(), SourceKind::Pull)
                .await
                .unwrap();
            let ingestor = Ingestor::new(store.clone(), ReadingLimits::default(), record.id);
            let mut watermark = record.watermark;
            let summary = pull_until_caught_up(&source, &ingestor, &mut watermark)
                .await
                .unwrap();
            assert_eq!(summary.pages, 3, "{format:?}: 11 rows in pages of 4");
            assert_eq!(summary.report.rejected, 1);
            assert_eq!(watermark, Some(newest));
            let stored = store
                .list_sources()
                .await
                .unwrap()
                .into_iter()
                .find(|s| s.id == record.id)
                .unwrap();
            assert_eq!(
                stored.watermark,
                Some(newest),
                "the watermark is kept in the database"
            );
            let letters = store
                .dead_letters(Some(record.id), PageRequest::default())
                .await
                .unwrap();
            assert_eq!(letters.total, 1);
            assert!(
                letters.items[0].reason.contains("CY-UNKNOWN"),
                "{:?}",
                letters.items[0]
            );

            // From the beginning again: every reading is already there.
            let mut from_scratch = None;
            let again = pull_until_caught_up(&source, &ingestor, &mut from_scratch)
                .await
                .unwrap();
            assert_eq!(
                (
                    again.report.counts.inserted,
                    again.report.counts.updated,
                    again.report.counts.unchanged
                ),
                (0, 0, 10)
            );
        }
    }
}

#[tokio::test]
async fn a_failing_or_unauthorised_system_leaves_the_watermark_alone() {
    for database in each_backend().await {
        let store = store_with_meter(database.url(), "CY-PULL").await;
        let down = start_system(MeterDataSystem {
            readings: Arc::new(utility_readings()),
            failing: true,
        })
        .await;
        let source = http_source(&down, PageFormat::Json);
        let record = store
            .ensure_source(source.name(), SourceKind::Pull)
            .await
            .unwrap();
        let ingestor = Ingestor::new(store.clone(), ReadingLimits::default(), record.id);
        let mut watermark = None;
        let error = pull_until_caught_up(&source, &ingestor, &mut watermark)
            .await
            .unwrap_err();
        assert!(
            matches!(&error, PullError::Source(message) if message.contains("503")),
            "{error}"
        );
        assert_eq!(watermark, None);

        let up = start_system(MeterDataSystem {
            readings: Arc::new(utility_readings()),
            failing: false,
        })
        .await;
        let wrong_token = HttpSource::new(HttpSourceSettings {
            token: Some(Secret::new("wrong")),
            ..settings_of(&up)
        })
        .unwrap();
        let error = pull_until_caught_up(&wrong_token, &ingestor, &mut watermark)
            .await
            .unwrap_err();
        assert!(error.to_string().contains("401"), "{error}");
        assert_eq!(store.list_sources().await.unwrap()[0].watermark, None);
    }
}

fn settings_of(url: &str) -> HttpSourceSettings {
    HttpSourceSettings {
        name: "mdm".into(),
        url: url.to_owned(),
        token: Some(Secret::new(TOKEN)),
        format: PageFormat::Json,
        page_size: 100,
        timeout: Duration::from_secs(5),
        max_response_bytes: 1 << 20,
        ca_file: None,
        // A local test system over plain http.
        allow_token_over_http: true,
    }
}

/// A page of the utility's readings as JSON, served whole (with `Content-Length`) at
/// `/sized` and in two chunks without a length at `/chunked`.
async fn start_oversize_system() -> (String, usize) {
    let readings: Vec<serde_json::Value> = utility_readings()
        .iter()
        .map(|(_, line)| {
            let fields: Vec<&str> = line.split(',').collect();
            serde_json::json!({"meter_id": fields[0], "interval_start": fields[1], "kwh": 0.1})
        })
        .collect();
    let page = serde_json::json!({"readings": readings, "more": false}).to_string();
    let size = page.len();
    let (whole, halves) = (page.clone(), page.clone());
    let app = axum::Router::new()
        .route(
            "/sized",
            axum::routing::get(move || {
                let body = whole.clone();
                async move { ([(header::CONTENT_TYPE, "application/json")], body) }
            }),
        )
        .route(
            "/chunked",
            axum::routing::get(move || {
                let (first, second) = halves.split_at(halves.len() / 2);
                let chunks: Vec<Result<String, std::io::Error>> =
                    vec![Ok(first.to_owned()), Ok(second.to_owned())];
                async move {
                    (
                        [(header::CONTENT_TYPE, "application/json")],
                        axum::body::Body::from_stream(futures_util::stream::iter(chunks)),
                    )
                }
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{address}"), size)
}

/// An answer larger than `max_response_bytes` is refused with an error naming the limit,
/// whether its size is announced or only found while reading, and nothing of it is stored;
/// the same answer within the limit is stored.
#[tokio::test]
async fn answers_beyond_max_response_bytes_are_refused_whole() {
    let database = store::testing::TestDatabase::sqlite();
    let store = store_with_meter(database.url(), "CY-PULL").await;
    let record = store.ensure_source("mdm", SourceKind::Pull).await.unwrap();
    let ingestor = Ingestor::new(store.clone(), ReadingLimits::default(), record.id);
    let (base, size) = start_oversize_system().await;
    for path in ["/sized", "/chunked"] {
        let limited = HttpSource::new(HttpSourceSettings {
            max_response_bytes: size as u64 - 1,
            ..settings_of(&format!("{base}{path}"))
        })
        .unwrap();
        let mut watermark = None;
        let error = pull_until_caught_up(&limited, &ingestor, &mut watermark)
            .await
            .unwrap_err();
        let limit = format!("larger than max_response_bytes = {}", size - 1);
        assert!(
            matches!(&error, PullError::Source(message) if message.contains(&limit)),
            "{path}: {error}"
        );
        assert_eq!(watermark, None, "{path}");
        assert_eq!(
            store.list_sources().await.unwrap()[0].readings_today,
            0,
            "{path}"
        );
    }
    let exact = HttpSource::new(HttpSourceSettings {
        max_response_bytes: size as u64,
        ..settings_of(&format!("{base}/chunked"))
    })
    .unwrap();
    let summary = pull_until_caught_up(&exact, &ingestor, &mut None)
        .await
        .unwrap();
    // Ten readings of CY-PULL and one of a meter PowerSave does not know.
    assert_eq!(
        (summary.report.counts.inserted, summary.report.rejected),
        (10, 1)
    );
}

#[tokio::test]
async fn the_simulator_delivers_history_then_only_what_is_new() {
    for database in each_backend().await {
        // A real meter (even one named like the simulator's) and one created as simulated: only
        // the simulated one may get made-up readings.
        let (store, household) = store_with_household(database.url(), "CY-SIM-0000008").await;
        store
            .link_simulated_meter(
                household.id,
                &MeterId::parse("CY-SIM-0000007").unwrap(),
                IntervalLength::FifteenMinutes,
            )
            .await
            .unwrap();
        let simulator = Arc::new(simulator::Simulator::new(
            simulator::SimulatorConfig::default(),
        ));
        let source = SimulatedSource::new(
            "simulator",
            simulator.clone(),
            store.clone(),
            chrono::Duration::days(2),
            chrono::Duration::days(1),
        );
        let record = store
            .ensure_source("simulator", SourceKind::Simulator)
            .await
            .unwrap();
        let ingestor = Ingestor::new(store.clone(), ReadingLimits::default(), record.id);
        let mut watermark = None;
        let summary = pull_until_caught_up(&source, &ingestor, &mut watermark)
            .await
            .unwrap();
        let end = watermark.unwrap();
        let start = (Utc::now() - chrono::Duration::days(2))
            .duration_trunc(chrono::Duration::days(1))
            .unwrap();
        let expected: Vec<f64> = simulator.readings(7, start, end).map(|r| r.kwh).collect();
        assert_eq!(summary.report.counts.inserted, expected.len() as u64);
        assert_eq!(summary.report.rejected, 0);
        let meters = store
            .meters_by_utility_ids(&["CY-SIM-0000007".to_owned(), "CY-SIM-0000008".to_owned()])
            .await
            .unwrap();
        let first = |meter: &str| {
            let (store, id) = (store.clone(), meters[meter].id);
            async move {
                store
                    .stored_reading(id, start, IntervalLength::FifteenMinutes)
                    .await
                    .unwrap()
                    .map(|stored| (stored.wh, stored.source_id))
            }
        };
        assert_eq!(
            first("CY-SIM-0000007").await,
            Some(((expected[0] * 1000.0).round() as u32, Some(record.id)))
        );
        assert_eq!(
            first("CY-SIM-0000008").await,
            None,
            "the real meter got nothing"
        );
        assert!(Utc::now() - end <= chrono::Duration::minutes(30) && end <= Utc::now());

        let again = pull_until_caught_up(&source, &ingestor, &mut watermark)
            .await
            .unwrap();
        assert!(
            again.report.counts.accepted() <= 4,
            "at most the quarter-hours of a newly ended half-hour"
        );
    }
}
