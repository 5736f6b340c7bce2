//! Password hashing with argon2id, always off the async runtime.
//!
//! Sign-in checks a password against a dummy hash when the e-mail is unknown, so the answer takes
//! as long whether or not the account exists.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use domain::secret::Secret;

use crate::error::ApiError;

/// Cost of a hash. The defaults are OWASP's argon2id recommendation (19 MiB, 2 passes, 1 lane).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct HashCost {
    /// Memory per hash in KiB.
    pub memory_kib: u32,
    /// Passes over memory.
    pub iterations: u32,
    /// Lanes.
    pub parallelism: u32,
}

impl Default for HashCost {
    fn default() -> Self {
        Self {
            memory_kib: 19_456,
            iterations: 2,
            parallelism: 1,
        }
    }
}

/// Hashes and verifies passwords.
#[derive(Debug, Clone)]
pub struct Passwords {
    params: Params,
    dummy_hash: String,
}

impl Passwords {
    /// Prepares a hasher with the given cost, and the dummy hash used for unknown accounts.
    pub fn new(cost: HashCost) -> Result<Self, String> {
        let params = Params::new(cost.memory_kib, cost.iterations, cost.parallelism, None)
            .map_err(|error| format!("invalid password hashing cost: {error}"))?;
        let dummy_hash =
            hash_with(&params, "powersave-dummy-password").map_err(|error| error.to_string())?;
        Ok(Self { params, dummy_hash })
    }

    /// An argon2id PHC string for `password`.
    pub async fn hash(&self, password: String) -> Result<String, ApiError> {
        let params = self.params.clone();
        tokio::task::spawn_blocking(move || hash_with(&params, &password))
            .await
            .map_err(|error| ApiError::Internal(format!("hashing task failed: {error}")))?
    }

    /// Whether `password` matches `stored`. With `stored = None` a dummy hash is checked instead
    /// and the answer is always `false`.
    pub async fn verify(&self, password: Secret, stored: Option<String>) -> Result<bool, ApiError> {
        let known = stored.is_some();
        let hash = stored.unwrap_or_else(|| self.dummy_hash.clone());
        let matched = tokio::task::spawn_blocking(move || {
            PasswordHash::new(&hash)
                .map(|parsed| {
                    Argon2::default()
                        .verify_password(password.expose().as_bytes(), &parsed)
                        .is_ok()
                })
                .unwrap_or(false)
        })
        .await
        .map_err(|error| ApiError::Internal(format!("verification task failed: {error}")))?;
        Ok(known && matched)
    }
}

fn hash_with(params: &Params, password: &str) -> Result<String, ApiError> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt)
        .map_err(|error| ApiError::Internal(format!("no randomness: {error}")))?;
    let salt =
        SaltString::encode_b64(&salt).map_err(|error| ApiError::Internal(error.to_string()))?;
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone())
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|error| ApiError::Internal(format!("cannot hash password: {error}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cheap() -> Passwords {
        Passwords::new(HashCost {
            memory_kib: 64,
            iterations: 1,
            parallelism: 1,
        })
        .unwrap()
    }

    #[tokio::test]
    async fn hash_and_verify() {
        let passwords = cheap();
        let hash = passwords.hash("green garden grows".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(
            passwords
                .verify("green garden grows".into(), Some(hash.clone()))
                .await
                .unwrap()
        );
        assert!(
            !passwords
                .verify("wrong password!".into(), Some(hash))
                .await
                .unwrap()
        );
        assert!(
            !passwords
                .verify("powersave-dummy-password".into(), None)
                .await
                .unwrap()
        );
    }
}
