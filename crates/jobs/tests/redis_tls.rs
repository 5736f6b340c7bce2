//! The Redis queue over TLS (`rediss://`, rustls): a Redis server of the test's own with only a
//! TLS port and a certificate signed by a CA made here. Jobs go through when the CA is trusted;
//! a plain connection, an untrusted certificate and a CA file without TLS are refused.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use jobs::{Job, JobQueue, QueueBackend, QueueConfig};
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair, KeyUsagePurpose,
};
use uuid::Uuid;

/// A Redis server listening only on a TLS port, in a folder of its own.
struct TlsRedis {
    child: Child,
    port: u16,
    dir: PathBuf,
    ca: PathBuf,
}

impl TlsRedis {
    fn start() -> Option<Self> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let dir = std::env::temp_dir().join(format!("powersave-rediss-{nanos}"));
        std::fs::create_dir_all(&dir).unwrap();
        let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca.distinguished_name
            .push(DnType::CommonName, "PowerSave test CA");
        ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let ca = CertifiedIssuer::self_signed(ca, KeyPair::generate().unwrap()).unwrap();
        let key = KeyPair::generate().unwrap();
        let cert = CertificateParams::new(vec!["localhost".to_owned(), "127.0.0.1".to_owned()])
            .unwrap()
            .signed_by(&key, &ca)
            .unwrap();
        let (ca_file, cert_file, key_file) = (
            dir.join("ca.pem"),
            dir.join("cert.pem"),
            dir.join("key.pem"),
        );
        std::fs::write(&ca_file, ca.pem()).unwrap();
        std::fs::write(&cert_file, cert.pem()).unwrap();
        std::fs::write(&key_file, key.serialize_pem()).unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new("redis-server")
            .args([
                "--port",
                "0",
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ])
            .args(["--tls-port", &port.to_string(), "--tls-auth-clients", "no"])
            .arg("--tls-cert-file")
            .arg(&cert_file)
            .arg("--tls-key-file")
            .arg(&key_file)
            .arg("--tls-ca-cert-file")
            .arg(&ca_file)
            .arg("--dir")
            .arg(&dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        let child = match child {
            Ok(child) => child,
            Err(error) => {
                assert!(
                    !std::env::var("CI").is_ok_and(|value| value == "true" || value == "1"),
                    "redis-server is required under CI=true: {error}"
                );
                eprintln!("skipping Redis over TLS: cannot start redis-server: {error}");
                return None;
            }
        };
        let server = Self {
            child,
            port,
            dir,
            ca: ca_file,
        };
        server.wait_until_listening();
        Some(server)
    }

    fn wait_until_listening(&self) {
        for _ in 0..200 {
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        panic!("redis-server never listened on its TLS port {}", self.port);
    }

    fn config(&self, scheme: &str, ca_file: Option<PathBuf>) -> QueueConfig {
        let mut config = QueueConfig::new(QueueBackend::Redis {
            url: format!("{scheme}://localhost:{}", self.port),
            ca_file,
        });
        config.queue_name = format!("powersave-tls-{}", self.port);
        config.tick_schedule = None;
        config
    }
}

impl Drop for TlsRedis {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[tokio::test]
async fn jobs_travel_over_rediss_only_to_a_trusted_server() {
    let Some(redis) = TlsRedis::start() else {
        return;
    };
    let queue = JobQueue::connect(&redis.config("rediss", Some(redis.ca.clone())))
        .await
        .unwrap();
    queue
        .enqueue(Job::Announce {
            session_id: Uuid::now_v7(),
        })
        .await
        .unwrap();
    let depth = queue.depth().await.unwrap();
    assert_eq!((depth.waiting, depth.running, depth.failed), (1, 0, 0));
    queue.close().await;

    let untrusted = JobQueue::connect(&redis.config("rediss", None))
        .await
        .err()
        .map(|error| error.to_string())
        .unwrap_or_default();
    assert!(untrusted.contains("UnknownIssuer"), "{untrusted}");

    assert!(
        JobQueue::connect(&redis.config("redis", None))
            .await
            .is_err(),
        "plain Redis protocol to a TLS port gets no answer"
    );

    let mixed = JobQueue::connect(&redis.config("redis", Some(redis.ca.clone())))
        .await
        .err()
        .map(|error| error.to_string())
        .unwrap_or_default();
    assert_eq!(
        mixed,
        "job queue configuration: a Redis CA file needs a rediss:// URL (TLS)"
    );
}
