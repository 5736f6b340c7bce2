//! A real `powersave serve` for the tests of this folder: its own folder and SQLite database,
//! JSON logs collected line by line, and plain HTTP/1.1 over a socket where a test needs to
//! control exactly when the bytes of a request go out.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DurationRound, Utc};
use domain::account::{DisplayName, Email, Role};
use domain::household::{TariffCode, TimeZone};
use domain::meter::{IntervalLength, MeterId};
use serde_json::{Value, json};
use store::{DatabaseUrl, NewUser, PoolOptions, Store};

pub const EMAIL: &str = "root@example.com";
pub const PASSWORD: &str = "green garden grows";
pub const METER: &str = "CY-OPS-1";
pub const API_KEY: &str = "psk_serve-operations-test-key";

/// A folder of its own for one server: database, signing key and job queue.
pub fn work_dir(name: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let dir = std::env::temp_dir().join(format!("powersave-{name}-{nanos}"));
    std::fs::create_dir_all(&dir).unwrap();
    // Defaults and environment only, whatever powersave.toml the machine has.
    std::fs::write(dir.join("empty.toml"), "").unwrap();
    dir
}

pub fn database(work: &Path) -> DatabaseUrl {
    DatabaseUrl::sqlite_file(&work.join("powersave.db"))
}

/// A superadmin with a household and a 15-minute meter, and a data source with a known API key,
/// written before the server starts.
pub async fn fixtures(work: &Path) -> Store {
    let store = Store::connect(&database(work), PoolOptions::default())
        .await
        .unwrap();
    store.migrate().await.unwrap();
    let passwords = api::auth::password::Passwords::new(api::auth::password::HashCost {
        memory_kib: 64,
        iterations: 1,
        parallelism: 1,
        max_concurrent: 4,
    })
    .unwrap();
    let user = store
        .create_user(NewUser {
            email: Email::parse(EMAIL).unwrap(),
            display_name: DisplayName::parse("Root").unwrap(),
            password_hash: passwords.hash(PASSWORD.to_owned()).await.unwrap(),
            role: Role::SuperAdmin,
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
    store
        .create_source(
            "ops-mdm",
            store::SourceKind::Api,
            Some(api::auth::tokens::refresh_token_hash(API_KEY)),
        )
        .await
        .unwrap();
    store
}

/// A running `powersave serve` whose log lines (standard error) are collected as they come.
pub struct Server {
    child: Child,
    pub port: u16,
    logs: Arc<Mutex<Vec<String>>>,
    log_reader: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    pub fn start(work: &Path) -> Self {
        Self::start_with(
            work,
            &[],
            &[("POWERSAVE_METER_DATA__SIMULATOR__ENABLED", "false")],
        )
    }

    /// [`Server::start`] with more arguments to `serve` and more environment variables; it
    /// listens on a free loopback port unless `args` say where.
    pub fn start_with(work: &Path, args: &[&str], env: &[(&str, &str)]) -> Self {
        let listen: &[&str] = if args.contains(&"--listen") {
            &[]
        } else {
            &["--listen", "127.0.0.1:0"]
        };
        let mut child = Command::new(env!("CARGO_BIN_EXE_powersave"))
            .arg("serve")
            .args(listen)
            .arg("--data-dir")
            .arg(work)
            .args(args)
            .envs(env.iter().copied())
            .arg("--config")
            .arg(work.join("empty.toml"))
            .current_dir(work)
            .env("POWERSAVE_DATABASE_URL", database(work).expose())
            .env("POWERSAVE_LOG_FORMAT", "json")
            // The request's own lines (tower-http's "started processing request" is at debug),
            // beside everything the server logs at info.
            .env("RUST_LOG", "info,tower_http=debug,api=debug")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let logs = Arc::new(Mutex::new(Vec::new()));
        let stderr = child.stderr.take().unwrap();
        let collected = logs.clone();
        let log_reader = std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                collected.lock().unwrap().push(line);
            }
        });
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut port = None;
        let mut line = String::new();
        while port.is_none() {
            line.clear();
            if stdout.read_line(&mut line).unwrap() == 0 {
                let status = child.wait().unwrap();
                panic!(
                    "powersave serve exited ({status}) before listening:\n{}",
                    logs.lock().unwrap().join("\n")
                );
            }
            port = line
                .split("://localhost:")
                .nth(1)
                .and_then(|rest| rest.split_whitespace().next())
                .and_then(|port| port.parse::<u16>().ok());
        }
        // Keep draining standard output so the server never blocks on a full pipe.
        std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
        Self {
            child,
            port: port.unwrap(),
            logs,
            log_reader: Some(log_reader),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success(), "kill -TERM failed");
    }

    /// Log lines so far, each parsed as JSON.
    pub fn log_lines(&self) -> Vec<Value> {
        self.logs
            .lock()
            .unwrap()
            .iter()
            .map(|line| {
                serde_json::from_str(line)
                    .unwrap_or_else(|error| panic!("not a JSON log line ({error}): {line}"))
            })
            .collect()
    }

    /// Polls the log until a line satisfies `found`.
    pub async fn wait_for_log(&self, what: &str, found: impl Fn(&Value) -> bool) -> Value {
        for _ in 0..1_000 {
            if let Some(line) = self.log_lines().into_iter().find(&found) {
                return line;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!(
            "no log line {what}:\n{}",
            self.logs.lock().unwrap().join("\n")
        );
    }

    /// Polls until the server no longer accepts connections: it has begun shutting down.
    pub async fn wait_until_refusing(&self) {
        for _ in 0..1_000 {
            if TcpStream::connect(("127.0.0.1", self.port)).is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!("the server still accepts connections after SIGTERM");
    }

    /// Waits for the process to end by itself, and for its last log lines.
    pub async fn wait_for_exit(&mut self) -> ExitStatus {
        for _ in 0..3_000 {
            if let Some(status) = self.child.try_wait().unwrap() {
                if let Some(reader) = self.log_reader.take() {
                    reader.join().unwrap();
                }
                return status;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!(
            "powersave serve did not exit after SIGTERM:\n{}",
            self.logs.lock().unwrap().join("\n")
        );
    }
}

/// An HTTP client; first makes rustls' ring provider the process default, which reqwest's TLS
/// needs before any client is built.
pub fn http_client() -> reqwest::Client {
    ingest::tls::install_crypto_provider();
    reqwest::Client::new()
}

pub fn is_message(line: &Value, message: &str) -> bool {
    line["fields"]["message"] == message
}

pub fn request_id_of(line: &Value) -> Option<&str> {
    line["span"]["request_id"].as_str()
}

pub async fn sign_in(client: &reqwest::Client, server: &Server) -> (String, reqwest::Response) {
    let response = client
        .post(server.url("/api/v1/auth/login"))
        .json(&json!({ "email": EMAIL, "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    let id = response_id(&response);
    (id, response)
}

pub fn response_id(response: &reqwest::Response) -> String {
    response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned()
}

/// Readings of [`METER`] for the `count` quarter hours before the last full hour, as CSV.
pub fn csv_readings(count: i64) -> String {
    let end = Utc::now()
        .duration_trunc(chrono::Duration::hours(1))
        .unwrap();
    let mut csv = String::from("meter_id,interval_start,kwh\n");
    for n in (1..=count).rev() {
        let start = end - chrono::Duration::minutes(15 * n);
        csv.push_str(&format!("{METER},{},0.125\n", start.to_rfc3339()));
    }
    csv
}

/// Sends the head of an HTTP/1.1 request on a fresh connection.
pub fn send_head(port: u16, head: &str) -> TcpStream {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(1)))
        .unwrap();
    stream.write_all(head.as_bytes()).unwrap();
    stream
}

/// Reads until `enough` holds for what has arrived or the server closes the connection; returns
/// whether it closed. Gives up after a minute of waiting in all, so a response that never ends
/// (a live stream sends keep-alives) fails the test instead of hanging it.
pub fn read_until(
    stream: &mut TcpStream,
    raw: &mut Vec<u8>,
    enough: impl Fn(&str) -> bool,
) -> bool {
    let mut buffer = [0u8; 8192];
    let mut waited = 0;
    while !enough(&String::from_utf8_lossy(raw)) {
        match stream.read(&mut buffer) {
            Ok(0) => return true,
            Ok(read) => raw.extend_from_slice(&buffer[..read]),
            Err(error)
                if matches!(
                    error.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) && waited < 60 =>
            {
                waited += 1;
            }
            Err(error) => panic!("{error}; so far: {:?}", String::from_utf8_lossy(raw)),
        }
    }
    false
}

/// Reads a response to its end (the server closes the connection).
pub fn read_to_end(stream: &mut TcpStream) -> String {
    let mut raw = Vec::new();
    read_until(stream, &mut raw, |_| false);
    String::from_utf8(raw).unwrap()
}
