//! `powersave serve` over HTTPS: the real binary given a certificate signed by a CA made for the
//! test answers a client that trusts only that CA, sends `Strict-Transport-Security` on every
//! response, and refuses TLS 1.2 unless `tls.min_version = "1.2"`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::{Path, PathBuf};

use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair, KeyUsagePurpose,
};
use reqwest::tls::Version;
use support::{Server, work_dir};

const HSTS: &str = "max-age=31536000";

/// A CA and a certificate it signed for `localhost`, written into `dir`: the CA, certificate and
/// key files.
fn certificates(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let mut ca = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name
        .push(DnType::CommonName, "PowerSave test CA");
    ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let ca = CertifiedIssuer::self_signed(ca, KeyPair::generate().unwrap()).unwrap();
    let key = KeyPair::generate().unwrap();
    let cert = CertificateParams::new(vec!["localhost".to_owned()])
        .unwrap()
        .signed_by(&key, &ca)
        .unwrap();
    let files = (
        dir.join("ca.pem"),
        dir.join("cert.pem"),
        dir.join("key.pem"),
    );
    std::fs::write(&files.0, ca.pem()).unwrap();
    std::fs::write(&files.1, cert.pem()).unwrap();
    std::fs::write(&files.2, key.serialize_pem()).unwrap();
    files
}

/// A client that trusts only the test CA, optionally limited to TLS 1.2.
fn client(ca: &Path, tls12_only: bool) -> reqwest::Client {
    ingest::tls::install_crypto_provider();
    let ca = reqwest::Certificate::from_pem(&std::fs::read(ca).unwrap()).unwrap();
    let mut builder = reqwest::Client::builder().tls_certs_only([ca]);
    if tls12_only {
        builder = builder.tls_version_max(Version::TLS_1_2);
    }
    builder.build().unwrap()
}

fn start(work: &Path, cert: &Path, key: &Path, min_version: Option<&str>) -> Server {
    let (cert, key) = (cert.display().to_string(), key.display().to_string());
    let mut env = vec![
        ("POWERSAVE_METER_DATA__SIMULATOR__ENABLED", "false"),
        ("POWERSAVE_TLS__CERT_FILE", cert.as_str()),
        ("POWERSAVE_TLS__KEY_FILE", key.as_str()),
    ];
    if let Some(version) = min_version {
        env.push(("POWERSAVE_TLS__MIN_VERSION", version));
    }
    Server::start_with(work, &[], &env)
}

/// Every cause of an error, for asserting on the TLS alert rather than reqwest's summary.
fn causes(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    let mut cause = std::error::Error::source(error);
    while let Some(inner) = cause {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        cause = inner.source();
    }
    text
}

#[tokio::test]
async fn serve_answers_over_tls_1_3_with_hsts_and_refuses_tls_1_2() {
    let work = work_dir("tls");
    let (ca, cert, key) = certificates(&work);
    let server = start(&work, &cert, &key, None);
    let base = format!("https://localhost:{}", server.port);
    let tls = client(&ca, false);

    let health = tls.get(format!("{base}/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 200);
    assert_eq!(health.version(), reqwest::Version::HTTP_11);
    assert_eq!(health.headers()["strict-transport-security"], HSTS);
    let missing = tls
        .get(format!("{base}/api/v1/no-such-thing"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    assert_eq!(
        missing.headers()["strict-transport-security"],
        HSTS,
        "errors carry it too"
    );
    let refused_login = tls
        .post(format!("{base}/api/v1/auth/login"))
        .json(&serde_json::json!({"email": "nobody@example.com", "password": "not a password"}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused_login.status(), 401);
    assert_eq!(refused_login.headers()["strict-transport-security"], HSTS);

    let error = client(&ca, true)
        .get(format!("{base}/healthz"))
        .send()
        .await
        .unwrap_err();
    assert!(
        causes(&error).contains("ProtocolVersion"),
        "{}",
        causes(&error)
    );

    // Plain HTTP on the TLS port gets no HTTP answer.
    let plain = support::http_client()
        .get(format!("http://localhost:{}/healthz", server.port))
        .send()
        .await;
    assert!(plain.is_err(), "{plain:?}");
    drop(server);
    std::fs::remove_dir_all(work).unwrap();
}

#[tokio::test]
async fn tls_1_2_is_accepted_only_when_configured() {
    let work = work_dir("tls12");
    let (ca, cert, key) = certificates(&work);
    let server = start(&work, &cert, &key, Some("1.2"));
    let answer = client(&ca, true)
        .get(format!("https://localhost:{}/healthz", server.port))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.headers()["strict-transport-security"], HSTS);
    drop(server);
    std::fs::remove_dir_all(work).unwrap();
}

#[tokio::test]
async fn plain_http_sends_no_hsts() {
    let work = work_dir("no-tls");
    let server = Server::start(&work);
    let answer = support::http_client()
        .get(server.url("/healthz"))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.headers().get("strict-transport-security"), None);
    drop(server);
    std::fs::remove_dir_all(work).unwrap();
}
