//! Transport security of the feeds PowerSave connects to itself, against real servers started
//! here with a certificate authority made for the test: the scheduled pull over `https://` (the
//! example of docs/METER_DATA.md), the MQTT listener over `mqtts://` with a user name and
//! password on a Mosquitto broker with a TLS listener and a password file, and the refusals:
//! a bearer token over plain `http://`, a wrong password, a certificate nobody vouched for.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, DurationRound, Utc};
use domain::account::{DisplayName, Email, Role};
use domain::household::{TariffCode, TimeZone};
use domain::meter::{IntervalLength, MeterId};
use domain::reading::{ReadingLimits, day_number};
use domain::secret::Secret;
use ingest::Ingestor;
use ingest::mqtt::{ListenerHealth, ListenerState, MqttSettings};
use ingest::pull::{
    HttpSource, HttpSourceSettings, MeterDataSource, PageFormat, pull_until_caught_up,
};
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair, KeyUsagePurpose,
};
use rumqttc::{AsyncClient, MqttOptions, QoS, TlsConfiguration, Transport};
use store::testing::{TestDatabase, running_in_ci};
use store::{HistoryRequest, NewUser, PoolOptions, SourceKind, Store};
use tokio::sync::watch;

const TOKEN: &str = "mdm-token-over-tls";
const METER: &str = "CY-TLS-1";

/// A CA made for one test, and a certificate it signed for `localhost` and `127.0.0.1`.
struct Pki {
    dir: PathBuf,
    ca: PathBuf,
    cert: PathBuf,
    key: PathBuf,
}

impl Pki {
    fn new(name: &str) -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let dir = std::env::temp_dir().join(format!("powersave-tls-{name}-{nanos}"));
        std::fs::create_dir_all(&dir).unwrap();
        let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca.distinguished_name
            .push(DnType::CommonName, "PowerSave test CA");
        ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let ca = CertifiedIssuer::self_signed(ca, KeyPair::generate().unwrap()).unwrap();
        let key = KeyPair::generate().unwrap();
        let mut leaf =
            CertificateParams::new(vec!["localhost".to_owned(), "127.0.0.1".to_owned()]).unwrap();
        leaf.distinguished_name
            .push(DnType::CommonName, "localhost");
        let cert = leaf.signed_by(&key, &ca).unwrap();
        let pki = Self {
            ca: dir.join("ca.pem"),
            cert: dir.join("cert.pem"),
            key: dir.join("key.pem"),
            dir,
        };
        std::fs::write(&pki.ca, ca.pem()).unwrap();
        std::fs::write(&pki.cert, cert.pem()).unwrap();
        std::fs::write(&pki.key, key.serialize_pem()).unwrap();
        pki
    }

    fn server_config(&self) -> rustls::ServerConfig {
        use rustls::pki_types::pem::PemObject;
        let chain = rustls::pki_types::CertificateDer::pem_file_iter(&self.cert)
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        let key = rustls::pki_types::PrivateKeyDer::from_pem_file(&self.key).unwrap();
        rustls::ServerConfig::builder_with_provider(ingest::tls::provider())
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .unwrap()
    }
}

impl Drop for Pki {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

async fn store_with_meter() -> (TestDatabase, Store, i64) {
    let database = TestDatabase::sqlite();
    let store = Store::connect(database.url(), PoolOptions::default())
        .await
        .unwrap();
    store.migrate().await.unwrap();
    let user = store
        .create_user(NewUser {
            email: Email::parse("tls@example.com").unwrap(),
            display_name: DisplayName::parse("Tls").unwrap(),
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
            &MeterId::parse(METER).unwrap(),
            IntervalLength::FifteenMinutes,
        )
        .await
        .unwrap();
    let meter = store.meter_directory().await.unwrap()[METER].id;
    (database, store, meter)
}

/// The watt-hours stored for `meter` per interval start on the UTC day of `at`.
async fn stored_wh(store: &Store, meter: i64, at: DateTime<Utc>) -> Vec<(DateTime<Utc>, u32)> {
    let day = day_number(at);
    store
        .reading_history(&HistoryRequest {
            meters: vec![meter],
            first_day: day,
            last_day: day,
            from_minute: 0,
            to_minute: 1440,
        })
        .await
        .unwrap()
        .iter()
        .flat_map(|row| row.intervals().collect::<Vec<_>>())
        .map(|reading| (reading.start, reading.wh))
        .collect()
}

/// The start of the day before yesterday (UTC), whose intervals have all ended.
fn past_day() -> DateTime<Utc> {
    (Utc::now() - chrono::Duration::days(2))
        .duration_trunc(chrono::Duration::days(1))
        .unwrap()
}

/// The utility's system: two readings of the day in its state, for the right bearer token.
async fn serve_page(State(day): State<DateTime<Utc>>, headers: HeaderMap) -> Response {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok());
    if bearer != Some(&format!("Bearer {TOKEN}")) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let readings: Vec<serde_json::Value> = [(0, 0.25), (15, 0.5)]
        .iter()
        .map(|(minutes, kwh)| {
            let start = day + chrono::Duration::minutes(*minutes);
            serde_json::json!({"meter_id": METER, "interval_start": start.to_rfc3339(), "kwh": kwh})
        })
        .collect();
    let body =
        serde_json::json!({"readings": readings, "next_since": day.to_rfc3339(), "more": false});
    axum::Json(body).into_response()
}

/// That system over HTTPS with the test CA's certificate; returns its port.
async fn start_https_system(pki: &Pki) -> u16 {
    let app = axum::Router::new()
        .route("/readings", axum::routing::get(serve_page))
        .with_state(past_day());
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let tls = axum_server::tls_rustls::RustlsConfig::from_config(Arc::new(pki.server_config()));
    let server = axum_server::from_tcp_rustls(listener, tls).unwrap();
    tokio::spawn(async move { server.serve(app.into_make_service()).await.unwrap() });
    port
}

/// The `https://` source of docs/METER_DATA.md, with the test CA as its `ca_file`.
fn https_settings(port: u16, ca_file: Option<&Path>) -> HttpSourceSettings {
    HttpSourceSettings {
        name: "eac-mdm".into(),
        url: format!("https://localhost:{port}/readings"),
        token: Some(Secret::new(TOKEN)),
        format: PageFormat::Json,
        page_size: 50_000,
        timeout: Duration::from_secs(10),
        max_response_bytes: 1 << 20,
        ca_file: ca_file.map(Path::to_owned),
        allow_token_over_http: false,
    }
}

#[tokio::test]
async fn an_https_pull_verifies_the_system_and_stores_its_page() {
    let pki = Pki::new("pull");
    let port = start_https_system(&pki).await;
    let (_database, store, meter) = store_with_meter().await;
    let source = HttpSource::new(https_settings(port, Some(&pki.ca))).unwrap();
    let record = store
        .ensure_source(source.name(), SourceKind::Pull)
        .await
        .unwrap();
    let ingestor = Ingestor::new(store.clone(), ReadingLimits::default(), record.id);
    let mut watermark = None;
    let summary = pull_until_caught_up(&source, &ingestor, &mut watermark)
        .await
        .unwrap();
    assert_eq!(summary.pages, 1);
    assert_eq!(summary.report.counts.inserted, 2);
    assert_eq!(summary.report.rejected, 0);
    let day = past_day();
    assert_eq!(
        stored_wh(&store, meter, day).await,
        vec![(day, 250), (day + chrono::Duration::minutes(15), 500)]
    );
    assert_eq!(watermark, Some(day));

    // Without the CA the same server is a stranger: no page, and the reason says why.
    let untrusted = HttpSource::new(https_settings(port, None)).unwrap();
    let error = untrusted.fetch(None).await.unwrap_err().to_string();
    assert!(
        error.contains("invalid peer certificate: UnknownIssuer"),
        "{error}"
    );
}

#[tokio::test]
async fn a_bearer_token_over_plain_http_is_refused_unless_allowed() {
    let plain = HttpSourceSettings {
        url: "http://mdm.utility.example/readings".into(),
        ..https_settings(443, None)
    };
    let error = HttpSource::new(plain.clone()).unwrap_err().to_string();
    assert_eq!(
        error,
        "eac-mdm: refusing to send the bearer token over plain http:// \
         (http://mdm.utility.example/readings); use https://, or set allow_token_over_http = \
         true for a system on a trusted network"
    );
    let allowed = HttpSourceSettings {
        allow_token_over_http: true,
        ..plain.clone()
    };
    assert!(HttpSource::new(allowed).is_ok());
    let without_token = HttpSourceSettings {
        token: None,
        ..plain
    };
    assert!(
        HttpSource::new(without_token).is_ok(),
        "nothing secret to send"
    );
    let ftp = HttpSourceSettings {
        url: "ftp://mdm.utility.example/readings".into(),
        ..https_settings(443, None)
    };
    assert_eq!(
        HttpSource::new(ftp).unwrap_err().to_string(),
        "eac-mdm: the URL must start with https:// (or http://), not ftp://"
    );
}

/// A Mosquitto broker with only a TLS listener and a password file.
struct Broker {
    child: Child,
    port: u16,
}

impl Broker {
    const USER: &str = "powersave";
    const PASSWORD: &str = "broker-password-2026";

    fn start(pki: &Pki) -> Option<Self> {
        let passwords = pki.dir.join("passwords");
        let made = Command::new("mosquitto_passwd")
            .args(["-b", "-c"])
            .arg(&passwords)
            .args([Self::USER, Self::PASSWORD])
            .status();
        match made {
            Ok(status) => assert!(status.success(), "mosquitto_passwd failed"),
            Err(error) => {
                assert!(
                    !running_in_ci(),
                    "mosquitto is required under CI=true: {error}"
                );
                eprintln!("skipping MQTT over TLS: no mosquitto_passwd: {error}");
                return None;
            }
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let config = pki.dir.join("mosquitto.conf");
        std::fs::write(
            &config,
            format!(
                "per_listener_settings false\nallow_anonymous false\npassword_file {}\n\
                 persistence false\nlistener {port} 127.0.0.1\ncertfile {}\nkeyfile {}\n",
                passwords.display(),
                pki.cert.display(),
                pki.key.display()
            ),
        )
        .unwrap();
        let child = Command::new("mosquitto")
            .arg("-c")
            .arg(&config)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        match child {
            Ok(child) => Some(Self { child, port }),
            Err(error) => {
                assert!(
                    !running_in_ci(),
                    "mosquitto is required under CI=true: {error}"
                );
                eprintln!("skipping MQTT over TLS: cannot start mosquitto: {error}");
                None
            }
        }
    }

    fn settings(&self, client_id: &str, password: &str, ca_file: Option<&Path>) -> MqttSettings {
        MqttSettings {
            url: format!("mqtts://localhost:{}", self.port),
            routes: vec![ingest::mqtt::TopicRoute {
                filter: "powersave/readings/#".into(),
                source_name: "mqtt-tls".into(),
            }],
            client_id: client_id.to_owned(),
            source_name: "mqtt-tls".into(),
            max_message_bytes: MqttSettings::DEFAULT_MAX_MESSAGE_BYTES,
            username: Some(Self::USER.to_owned()),
            password: Some(Secret::new(password)),
            ca_file: ca_file.map(Path::to_owned),
            allow_credentials_over_plain_mqtt: false,
        }
    }

    /// A meter gateway publishing over TLS with the same account.
    fn publisher(&self, pki: &Pki) -> AsyncClient {
        let mut options = MqttOptions::new("test-gateway", "localhost", self.port);
        options.set_keep_alive(Duration::from_secs(5));
        options.set_credentials(Self::USER, Self::PASSWORD);
        let tls = ingest::tls::client_config(Some(&pki.ca)).unwrap();
        options.set_transport(Transport::tls_with_config(TlsConfiguration::Rustls(
            Arc::new(tls),
        )));
        let (client, mut eventloop) = AsyncClient::new(options, 100);
        tokio::spawn(async move {
            loop {
                if eventloop.poll().await.is_err() {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        });
        client
    }
}

impl Drop for Broker {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn wait_for_status(
    health: &ListenerHealth,
    what: &str,
    done: impl Fn(&ingest::mqtt::ListenerStatus) -> bool,
) {
    for _ in 0..400 {
        if done(&health.get()) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the listener never {what}; last status {:?}", health.get());
}

fn start_listener(
    store: &Store,
    settings: MqttSettings,
    shutdown: watch::Receiver<bool>,
) -> (
    ListenerHealth,
    tokio::task::JoinHandle<Result<(), store::StoreError>>,
) {
    let health = ListenerHealth::default();
    let ingest_store = store.clone();
    let task = tokio::spawn(ingest::mqtt::run(
        move |id| Ingestor::new(ingest_store.clone(), ReadingLimits::default(), id),
        store.clone(),
        settings,
        health.clone(),
        shutdown,
    ));
    (health, task)
}

#[tokio::test]
async fn the_listener_reads_mqtts_with_credentials_and_says_why_it_is_refused() {
    let pki = Pki::new("mqtt");
    let Some(broker) = Broker::start(&pki) else {
        return;
    };
    let (_database, store, meter) = store_with_meter().await;
    let (stop, shutdown) = watch::channel(false);

    let (health, listener) = start_listener(
        &store,
        broker.settings("listener", Broker::PASSWORD, Some(&pki.ca)),
        shutdown.clone(),
    );
    wait_for_status(&health, "connected over TLS", |status| {
        status.state == ListenerState::Connected
    })
    .await;
    let day = past_day();
    let publisher = broker.publisher(&pki);
    let reading = format!(
        r#"{{"meter_id":"{METER}","interval_start":"{}","kwh":0.75}}"#,
        day.to_rfc3339()
    );
    // The gateway connects on its own schedule: publish until the reading is stored.
    let mut stored = Vec::new();
    for _ in 0..100 {
        let _ = publisher
            .publish(
                "powersave/readings/gw",
                QoS::AtLeastOnce,
                false,
                reading.clone(),
            )
            .await;
        tokio::time::sleep(Duration::from_millis(100)).await;
        stored = stored_wh(&store, meter, day).await;
        if !stored.is_empty() {
            break;
        }
    }
    assert_eq!(
        stored,
        vec![(day, 750)],
        "the reading sent over mqtts:// is stored"
    );

    let (wrong, _) = start_listener(
        &store,
        broker.settings("wrong-password", "not-the-password", Some(&pki.ca)),
        shutdown.clone(),
    );
    wait_for_status(&wrong, "reported the refused password", |status| {
        status.state == ListenerState::Reconnecting
    })
    .await;
    assert_eq!(
        wrong.get().error.as_deref(),
        Some(
            "the broker refused the connection: not authorised (check meter_data.mqtt.username and password)"
        )
    );

    let (stranger, _) = start_listener(
        &store,
        broker.settings("no-ca", Broker::PASSWORD, None),
        shutdown,
    );
    wait_for_status(&stranger, "reported the untrusted certificate", |status| {
        status.state == ListenerState::Reconnecting
    })
    .await;
    let error = stranger.get().error.unwrap_or_default();
    assert!(
        error.contains("invalid peer certificate: UnknownIssuer"),
        "{error}"
    );

    stop.send(true).unwrap();
    listener.await.unwrap().unwrap();
    assert_eq!(stored_wh(&store, meter, day).await, vec![(day, 750)]);
}
