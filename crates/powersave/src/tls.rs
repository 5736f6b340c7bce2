//! The `[tls]` settings: `powersave serve` terminates TLS itself (rustls with the ring provider)
//! when given a certificate chain and its key. TLS 1.3 only by default; 1.2 as well only when
//! configured, for clients that cannot do 1.3. While TLS is on, every response carries
//! `Strict-Transport-Security`, so browsers never fall back to plain HTTP for this host.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, bail};
use rustls::ServerConfig;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use serde::{Deserialize, Serialize};

/// The oldest TLS version the server accepts: `"1.3"` or `"1.2"` (a bare `1.2`, as an
/// environment variable reads, is taken too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub enum MinTlsVersion {
    /// TLS 1.2 and 1.3.
    #[serde(rename = "1.2")]
    Tls12,
    /// TLS 1.3 only.
    #[default]
    #[serde(rename = "1.3")]
    Tls13,
}

impl<'de> Deserialize<'de> for MinTlsVersion {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Written {
            Text(String),
            Number(f64),
        }
        let written = match Written::deserialize(deserializer)? {
            Written::Text(text) => text,
            Written::Number(number) => number.to_string(),
        };
        match written.trim() {
            "1.2" => Ok(Self::Tls12),
            "1.3" => Ok(Self::Tls13),
            other => Err(serde::de::Error::custom(format!(
                "the TLS version must be \"1.3\" or \"1.2\", not {other:?}"
            ))),
        }
    }
}

/// HTTPS for the server itself; off until both files are named.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct TlsConfig {
    /// PEM file of the certificate chain, the server's own certificate first.
    pub cert_file: Option<PathBuf>,
    /// PEM file of its private key (PKCS#8, PKCS#1 or SEC1).
    pub key_file: Option<PathBuf>,
    /// `"1.3"` (default) or `"1.2"`.
    pub min_version: MinTlsVersion,
    /// `max-age` of `Strict-Transport-Security` in seconds (one year by default; 0 tells
    /// browsers to forget it, for moving a host back to plain HTTP).
    pub hsts_max_age_secs: u64,
}

impl Default for TlsConfig {
    fn default() -> Self {
        Self {
            cert_file: None,
            key_file: None,
            min_version: MinTlsVersion::Tls13,
            hsts_max_age_secs: 365 * 24 * 3600,
        }
    }
}

/// What the server needs to answer over TLS.
pub struct ServerTls {
    /// The rustls configuration.
    pub config: Arc<ServerConfig>,
    /// `max-age` of the `Strict-Transport-Security` header sent on every response.
    pub hsts_max_age_secs: u64,
}

impl TlsConfig {
    /// The server's TLS, or `None` for plain HTTP; an error when only one of the two files is
    /// named or either cannot be used.
    pub fn server(&self) -> anyhow::Result<Option<ServerTls>> {
        let (cert_file, key_file) = match (&self.cert_file, &self.key_file) {
            (None, None) => return Ok(None),
            (Some(cert), Some(key)) => (cert, key),
            _ => bail!("tls.cert_file and tls.key_file must be set together"),
        };
        let chain = CertificateDer::pem_file_iter(cert_file)
            .and_then(|certificates| certificates.collect::<Result<Vec<_>, _>>())
            .with_context(|| format!("reading the certificate chain {}", cert_file.display()))?;
        if chain.is_empty() {
            bail!("no PEM certificate in {}", cert_file.display());
        }
        let key = PrivateKeyDer::from_pem_file(key_file)
            .with_context(|| format!("reading the private key {}", key_file.display()))?;
        let versions: &[&rustls::SupportedProtocolVersion] = match self.min_version {
            MinTlsVersion::Tls13 => &[&rustls::version::TLS13],
            MinTlsVersion::Tls12 => &[&rustls::version::TLS13, &rustls::version::TLS12],
        };
        let mut config = ServerConfig::builder_with_provider(ingest::tls::provider())
            .with_protocol_versions(versions)
            .context("TLS versions")?
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .with_context(|| {
                format!(
                    "{} does not hold the key of the certificate in {}",
                    key_file.display(),
                    cert_file.display()
                )
            })?;
        config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
        Ok(Some(ServerTls {
            config: Arc::new(config),
            hsts_max_age_secs: self.hsts_max_age_secs,
        }))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn off_without_files_and_refused_with_only_one() {
        assert!(TlsConfig::default().server().unwrap().is_none());
        let half = TlsConfig {
            cert_file: Some(PathBuf::from("/etc/powersave/cert.pem")),
            ..TlsConfig::default()
        };
        let error = half
            .server()
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert_eq!(error, "tls.cert_file and tls.key_file must be set together");
    }

    #[test]
    fn the_minimum_version_reads_as_text_or_number() {
        use figment::providers::Format;
        let read = |toml: &str| {
            figment::Figment::from(figment::providers::Toml::string(toml))
                .extract_inner::<MinTlsVersion>("min_version")
                .map_err(|error| error.to_string())
        };
        assert_eq!(read("min_version = \"1.2\""), Ok(MinTlsVersion::Tls12));
        assert_eq!(read("min_version = 1.2"), Ok(MinTlsVersion::Tls12));
        assert_eq!(read("min_version = \"1.3\""), Ok(MinTlsVersion::Tls13));
        let error = read("min_version = \"1.1\"").unwrap_err();
        assert!(
            error.contains("the TLS version must be \"1.3\" or \"1.2\", not \"1.1\""),
            "{error}"
        );
    }

    #[test]
    fn a_missing_certificate_is_named() {
        let missing = TlsConfig {
            cert_file: Some(PathBuf::from("/nonexistent/cert.pem")),
            key_file: Some(PathBuf::from("/nonexistent/key.pem")),
            ..TlsConfig::default()
        };
        let error = missing
            .server()
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert_eq!(error, "reading the certificate chain /nonexistent/cert.pem");
    }
}
