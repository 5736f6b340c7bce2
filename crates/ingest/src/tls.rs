//! TLS for the connections PowerSave opens itself (the MQTT broker, meter data systems): rustls
//! with the ring provider, never OpenSSL. A server is trusted when its certificate chains to the
//! system's roots, or, when a connection names a `ca_file`, to that file's certificates only — a
//! private CA then vouches for its own servers and for nothing else (see docs/SECURITY.md,
//! "Transport security (TLS)").

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::crypto::CryptoProvider;
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use rustls::{ClientConfig, RootCertStore};

/// Why a TLS client could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    /// The CA file is missing, unreadable or holds no certificate.
    #[error("CA file {path}: {reason}")]
    CaFile {
        /// The file as configured.
        path: PathBuf,
        /// What was wrong with it.
        reason: String,
    },
    /// The system has no trusted roots that rustls can use.
    #[error("no trusted certificate authorities on this system ({0}); set ca_file")]
    NoSystemRoots(String),
    /// rustls refused the configuration.
    #[error("TLS set-up: {0}")]
    Config(String),
}

/// The only crypto provider PowerSave uses: ring, by the project's rule of one small,
/// C-toolchain-light provider (no aws-lc-rs). rustls marks it deprecated because ring has no
/// post-quantum key exchange; that trade-off is written down in docs/SECURITY.md.
pub fn provider() -> Arc<CryptoProvider> {
    Arc::new(ring())
}

#[allow(deprecated)]
fn ring() -> CryptoProvider {
    rustls::crypto::ring::default_provider()
}

/// Makes ring the process's default rustls provider. Clients that pick the process default (a
/// plain `reqwest::Client::new()`) need one, since only ring is compiled in and reqwest ships
/// none of its own; calling it again is harmless.
pub fn install_crypto_provider() {
    // Fails only when a provider is installed already, which is the state wanted.
    let _ = ring().install_default();
}

/// Every certificate of a PEM file, for trusting a private CA.
pub fn read_ca_file(path: &Path) -> Result<Vec<CertificateDer<'static>>, TlsError> {
    let failed = |reason: String| TlsError::CaFile {
        path: path.to_owned(),
        reason,
    };
    let certificates = CertificateDer::pem_file_iter(path)
        .map_err(|error| failed(error.to_string()))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|error| failed(error.to_string()))?;
    if certificates.is_empty() {
        return Err(failed("no PEM certificate in it".to_owned()));
    }
    Ok(certificates)
}

/// The roots a server certificate must chain to: `ca_file`'s, or the system's.
pub fn root_store(ca_file: Option<&Path>) -> Result<RootCertStore, TlsError> {
    let mut roots = RootCertStore::empty();
    match ca_file {
        Some(path) => {
            for certificate in read_ca_file(path)? {
                roots.add(certificate).map_err(|error| TlsError::CaFile {
                    path: path.to_owned(),
                    reason: error.to_string(),
                })?;
            }
        }
        None => {
            let loaded = rustls_native_certs::load_native_certs();
            let (added, _) = roots.add_parsable_certificates(loaded.certs);
            if added == 0 {
                let errors: Vec<String> = loaded.errors.iter().map(ToString::to_string).collect();
                return Err(TlsError::NoSystemRoots(errors.join("; ")));
            }
        }
    }
    Ok(roots)
}

/// A client configuration with the safe default versions (TLS 1.3 and 1.2), verifying the
/// server's certificate and name against [`root_store`].
pub fn client_config(ca_file: Option<&Path>) -> Result<ClientConfig, TlsError> {
    Ok(ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|error| TlsError::Config(error.to_string()))?
        .with_root_certificates(root_store(ca_file)?)
        .with_no_client_auth())
}

/// An HTTP client builder whose TLS is [`client_config`]'s, so meter data systems are verified
/// like every other server.
pub fn http_client(ca_file: Option<&Path>) -> Result<reqwest::ClientBuilder, TlsError> {
    install_crypto_provider();
    Ok(reqwest::Client::builder().tls_backend_preconfigured(client_config(ca_file)?))
}
