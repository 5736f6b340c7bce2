//! PostgreSQL over TLS (rustls): the URL's `sslmode` is honoured by the store's own pool. Against
//! the local server over TCP (`POWERSAVE_TEST_POSTGRES_TCP_URL`, default
//! `postgres://postgres@localhost:5432/postgres`): with `ssl = on`, `sslmode=require` gives an
//! encrypted connection (the server's `pg_stat_ssl` says so, and the opposite under `disable`),
//! `verify-full` with `sslrootcert` accepts the server's certificate and refuses it for a host
//! name it was not issued for; with `ssl = off`,
//! `sslmode=require` is refused rather than falling back to plain text.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use sqlx::{Connection, PgConnection, Row};
use store::testing::running_in_ci;
use store::{DatabaseUrl, PoolOptions, Store};

const DEFAULT_TCP_URL: &str = "postgres://postgres@localhost:5432/postgres";

fn tcp_url() -> String {
    std::env::var("POWERSAVE_TEST_POSTGRES_TCP_URL").unwrap_or_else(|_| DEFAULT_TCP_URL.to_owned())
}

/// `base` with more query parameters.
fn with_params(base: &str, params: &[(&str, &str)]) -> DatabaseUrl {
    let mut url = url::Url::parse(base).unwrap();
    url.query_pairs_mut().extend_pairs(params);
    DatabaseUrl::parse(url.as_str()).unwrap()
}

/// Whether the server's sessions named `application` are encrypted, one entry per session.
async fn sessions_encrypted(admin: &mut PgConnection, application: &str) -> Vec<bool> {
    sqlx::query(
        "SELECT s.ssl FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) \
         WHERE a.application_name = $1",
    )
    .bind(application)
    .fetch_all(admin)
    .await
    .unwrap()
    .iter()
    .map(|row| row.get::<bool, _>(0))
    .collect()
}

fn one_connection() -> PoolOptions {
    PoolOptions {
        max_connections: 1,
        ..PoolOptions::default()
    }
}

#[tokio::test]
async fn the_url_sslmode_is_honoured() {
    let base = tcp_url();
    let plain = with_params(&base, &[("sslmode", "disable")]);
    let mut admin = match PgConnection::connect(plain.expose()).await {
        Ok(connection) => connection,
        Err(error) => {
            assert!(
                !running_in_ci(),
                "PostgreSQL over TCP is required under CI=true but {plain} failed: {error}"
            );
            eprintln!("skipping PostgreSQL over TLS: cannot connect to {plain}: {error}");
            return;
        }
    };
    let ssl: String = sqlx::query_scalar("SHOW ssl")
        .fetch_one(&mut admin)
        .await
        .unwrap();
    let application = format!("powersave_tls_{}", std::process::id());
    let require = with_params(
        &base,
        &[("sslmode", "require"), ("application_name", &application)],
    );
    if ssl != "on" {
        // The server offers no TLS: require must fail, never fall back to plain text.
        let error = Store::connect(&require, one_connection())
            .await
            .err()
            .map(|error| error.to_string())
            .unwrap_or_default();
        assert!(error.contains("TLS"), "{error}");
        eprintln!("PostgreSQL has ssl = off: only the refusal of sslmode=require was tested");
        return;
    }

    let store = Store::connect(&require, one_connection()).await.unwrap();
    store.ping().await.unwrap();
    assert_eq!(
        sessions_encrypted(&mut admin, &application).await,
        vec![true]
    );
    store.close().await.unwrap();

    let cleartext = format!("{application}_plain");
    let disabled = with_params(
        &base,
        &[("sslmode", "disable"), ("application_name", &cleartext)],
    );
    let store = Store::connect(&disabled, one_connection()).await.unwrap();
    store.ping().await.unwrap();
    assert_eq!(
        sessions_encrypted(&mut admin, &cleartext).await,
        vec![false],
        "the same server in plain text, so the check above can tell the two apart"
    );
    store.close().await.unwrap();

    // The server's own certificate (Debian's self-signed "snakeoil" one, issued for localhost)
    // named as the root: verify-full accepts it for localhost and refuses it for a host name it
    // was not issued for. (Whether the system's roots trust it depends on the machine: Debian
    // links the snakeoil certificate into /etc/ssl/certs.)
    let certificate: String = sqlx::query_scalar("SHOW ssl_cert_file")
        .fetch_one(&mut admin)
        .await
        .unwrap();
    let verified = format!("{application}_verified");
    let pinned = with_params(
        &base,
        &[
            ("sslmode", "verify-full"),
            ("sslrootcert", &certificate),
            ("application_name", &verified),
        ],
    );
    let store = Store::connect(&pinned, one_connection()).await.unwrap();
    store.ping().await.unwrap();
    assert_eq!(sessions_encrypted(&mut admin, &verified).await, vec![true]);
    store.close().await.unwrap();

    let mut by_address = url::Url::parse(&base).unwrap();
    if by_address.host_str() == Some("localhost") {
        by_address.set_host(Some("127.0.0.1")).unwrap();
        let by_address = by_address.to_string();
        let root = [("sslrootcert", certificate.as_str())];
        let full = with_params(&by_address, &[root[0], ("sslmode", "verify-full")]);
        let error = Store::connect(&full, one_connection())
            .await
            .err()
            .map(|error| error.to_string())
            .unwrap_or_default();
        assert!(
            error.contains("certificate not valid for name \"127.0.0.1\""),
            "{error}"
        );
    }
}
