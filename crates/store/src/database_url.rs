//! The database URL: it picks the backend and may carry a password, so it never prints one.

use std::fmt;
use std::path::PathBuf;

use url::Url;

use crate::StoreError;

/// The two supported backends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// A single file; the embedded default.
    Sqlite,
    /// The production database.
    Postgres,
}

impl Backend {
    /// A short name for logs and health output.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Sqlite => "sqlite",
            Self::Postgres => "postgres",
        }
    }
}

/// A validated database URL whose `Debug` and `Display` hide the password.
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseUrl {
    raw: String,
    backend: Backend,
}

impl DatabaseUrl {
    /// Accepts `sqlite://PATH` (`sqlite:PATH` too) and `postgres://` / `postgresql://` URLs.
    pub fn parse(raw: &str) -> Result<Self, StoreError> {
        let backend = if raw.starts_with("sqlite:") {
            Backend::Sqlite
        } else if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            Url::parse(raw).map_err(|error| StoreError::InvalidUrl(error.to_string()))?;
            Backend::Postgres
        } else {
            return Err(StoreError::InvalidUrl(
                "the scheme must be sqlite:// or postgres://".to_owned(),
            ));
        };
        Ok(Self {
            raw: raw.to_owned(),
            backend,
        })
    }

    /// The URL of a SQLite file at `path`.
    pub fn sqlite_file(path: &std::path::Path) -> Self {
        Self {
            raw: format!("sqlite://{}", path.display()),
            backend: Backend::Sqlite,
        }
    }

    /// Which backend the URL selects.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The file a SQLite URL points at, if it names one.
    pub fn sqlite_path(&self) -> Option<PathBuf> {
        if self.backend != Backend::Sqlite {
            return None;
        }
        let rest = self
            .raw
            .trim_start_matches("sqlite:")
            .trim_start_matches("//");
        let path = rest.split('?').next().unwrap_or_default();
        (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
    }

    /// Why a PostgreSQL connection over the network would not be protected by verified TLS, or
    /// `None` when it is (`sslmode=verify-full`) or stays on this machine (a Unix socket or a
    /// loopback host). The driver's default, `sslmode=prefer`, falls back to plain text and
    /// accepts any certificate, so anyone on the path could read or pose as the database.
    pub fn transport_warning(&self) -> Option<String> {
        if self.backend != Backend::Postgres {
            return None;
        }
        let url = Url::parse(&self.raw).ok()?;
        let param = |name: &str| {
            url.query_pairs()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.into_owned())
        };
        let host = param("host").or_else(|| url.host_str().map(str::to_owned))?;
        let local = host.starts_with('/')
            || matches!(host.as_str(), "localhost" | "127.0.0.1" | "[::1]" | "::1");
        if local {
            return None;
        }
        let advice = "use sslmode=verify-full (with sslrootcert=FILE for a private CA)";
        match param("sslmode").as_deref() {
            Some("verify-full") => None,
            Some("verify-ca") => Some(format!(
                "PostgreSQL at {host}: sslmode=verify-ca checks the certificate's CA but not \
                 that it was issued for {host}; {advice}"
            )),
            Some("require") => Some(format!(
                "PostgreSQL at {host}: sslmode=require encrypts but does not verify the server; \
                 {advice}"
            )),
            mode => Some(format!(
                "PostgreSQL at {host}: sslmode={} may send everything in plain text; {advice}",
                mode.unwrap_or("prefer")
            )),
        }
    }

    /// The URL with its password, for the driver only.
    pub fn expose(&self) -> &str {
        &self.raw
    }

    fn redacted(&self) -> String {
        match Url::parse(&self.raw) {
            Ok(mut url) if url.password().is_some() => {
                // Replacing the password only fails for URLs that cannot hold one.
                let _ = url.set_password(Some("[redacted]"));
                url.to_string()
            }
            _ => self.raw.clone(),
        }
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("DatabaseUrl")
            .field(&self.redacted())
            .finish()
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_never_prints() {
        let url = DatabaseUrl::parse("postgres://powersave:s3cret-pw@db.internal:5432/powersave")
            .unwrap();
        assert_eq!(url.backend(), Backend::Postgres);
        assert!(!format!("{url:?}").contains("s3cret-pw"));
        assert!(!url.to_string().contains("s3cret-pw"));
        assert!(url.expose().contains("s3cret-pw"));
    }

    #[test]
    fn sqlite_paths() {
        let url = DatabaseUrl::parse("sqlite://./data/powersave.db?mode=rwc").unwrap();
        assert_eq!(
            url.sqlite_path(),
            Some(PathBuf::from("./data/powersave.db"))
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite::memory:").unwrap().sqlite_path(),
            None
        );
    }

    #[test]
    fn only_verified_tls_over_the_network_goes_unremarked() {
        let warning = |raw: &str| DatabaseUrl::parse(raw).unwrap().transport_warning();
        for quiet in [
            "postgres://u:p@db.internal/powersave?sslmode=verify-full",
            "postgres://postgres@localhost/powersave?host=/var/run/postgresql",
            "postgres://postgres@127.0.0.1/powersave",
            "sqlite://./data/powersave.db",
        ] {
            assert_eq!(warning(quiet), None, "{quiet}");
        }
        let advice = "use sslmode=verify-full (with sslrootcert=FILE for a private CA)";
        assert_eq!(
            warning("postgres://u:p@db.internal/powersave").unwrap(),
            format!(
                "PostgreSQL at db.internal: sslmode=prefer may send everything in plain text; {advice}"
            )
        );
        assert_eq!(
            warning("postgres://u:p@db.internal/powersave?sslmode=require").unwrap(),
            format!(
                "PostgreSQL at db.internal: sslmode=require encrypts but does not verify the \
                 server; {advice}"
            )
        );
        assert!(
            warning("postgres://u:p@db.internal/powersave?sslmode=verify-ca")
                .unwrap()
                .starts_with("PostgreSQL at db.internal: sslmode=verify-ca checks")
        );
        assert!(
            !warning("postgres://u:s3cret@db.internal/powersave?sslmode=disable")
                .unwrap()
                .contains("s3cret")
        );
    }

    #[test]
    fn unknown_scheme_is_refused() {
        let error = DatabaseUrl::parse("mysql://localhost/db").unwrap_err();
        assert!(error.to_string().contains("sqlite:// or postgres://"));
    }
}
