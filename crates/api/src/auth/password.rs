//! Password hashing with argon2id, always off the async runtime.
//!
//! Sign-in checks a password against a dummy hash when the e-mail is unknown, so the answer takes
//! as long whether or not the account exists. Each hash holds about 19 MiB for a while, so only
//! `max_concurrent` run at once; a request beyond that is answered 503 with `Retry-After` rather
//! than queued, so a flood of sign-ins cannot exhaust memory or the blocking pool.

use std::sync::Arc;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

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
    /// Hashes (and verifications) allowed to run at once across the server.
    pub max_concurrent: u32,
}

impl Default for HashCost {
    fn default() -> Self {
        Self {
            memory_kib: 19_456,
            iterations: 2,
            parallelism: 1,
            max_concurrent: 8,
        }
    }
}

/// Seconds a caller turned away by a full hashing pool is told to wait: one hash takes well
/// under a second, so a permit is soon free.
const BUSY_RETRY_AFTER_SECS: u64 = 1;

/// Hashes and verifies passwords.
#[derive(Debug, Clone)]
pub struct Passwords {
    params: Params,
    dummy_hash: String,
    permits: Arc<Semaphore>,
}

impl Passwords {
    /// Prepares a hasher with the given cost, and the dummy hash used for unknown accounts.
    pub fn new(cost: HashCost) -> Result<Self, String> {
        let params = Params::new(cost.memory_kib, cost.iterations, cost.parallelism, None)
            .map_err(|error| format!("invalid password hashing cost: {error}"))?;
        let dummy_hash =
            hash_with(&params, "powersave-dummy-password").map_err(|error| error.to_string())?;
        let permits = usize::try_from(cost.max_concurrent).unwrap_or(usize::MAX);
        Ok(Self {
            params,
            dummy_hash,
            permits: Arc::new(Semaphore::new(permits.min(Semaphore::MAX_PERMITS))),
        })
    }

    /// A place in the hashing pool, or 503 at once when every place is taken.
    fn permit(&self) -> Result<OwnedSemaphorePermit, ApiError> {
        self.permits.clone().try_acquire_owned().map_err(|_| {
            tracing::warn!("password hashing at its concurrency limit; request turned away");
            ApiError::Busy {
                retry_after_secs: BUSY_RETRY_AFTER_SECS,
            }
        })
    }

    /// An argon2id PHC string for `password`.
    pub async fn hash(&self, password: String) -> Result<String, ApiError> {
        let permit = self.permit()?;
        let params = self.params.clone();
        tokio::task::spawn_blocking(move || {
            let hashed = hash_with(&params, &password);
            drop(permit);
            hashed
        })
        .await
        .map_err(|error| ApiError::Internal(format!("hashing task failed: {error}")))?
    }

    /// Whether `password` matches `stored`. With `stored = None` a dummy hash is checked instead
    /// and the answer is always `false`.
    pub async fn verify(&self, password: Secret, stored: Option<String>) -> Result<bool, ApiError> {
        let permit = self.permit()?;
        let known = stored.is_some();
        let hash = stored.unwrap_or_else(|| self.dummy_hash.clone());
        let matched = tokio::task::spawn_blocking(move || {
            let matched = PasswordHash::new(&hash)
                .map(|parsed| {
                    Argon2::default()
                        .verify_password(password.expose().as_bytes(), &parsed)
                        .is_ok()
                })
                .unwrap_or(false);
            drop(permit);
            matched
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

    fn cheap_with(max_concurrent: u32) -> Passwords {
        Passwords::new(HashCost {
            memory_kib: 64,
            iterations: 1,
            parallelism: 1,
            max_concurrent,
        })
        .unwrap()
    }

    fn cheap() -> Passwords {
        cheap_with(2)
    }

    #[tokio::test]
    async fn a_full_pool_turns_work_away_and_a_freed_place_is_reused() {
        let none = cheap_with(0);
        assert!(matches!(
            none.hash("green garden grows".into()).await,
            Err(ApiError::Busy {
                retry_after_secs: 1
            })
        ));
        assert!(matches!(
            none.verify("green garden grows".into(), None).await,
            Err(ApiError::Busy {
                retry_after_secs: 1
            })
        ));

        let one = cheap_with(1);
        let held = one.permit().unwrap();
        assert!(matches!(
            one.hash("green garden grows".into()).await,
            Err(ApiError::Busy { .. })
        ));
        drop(held);
        // Each finished hash gives its place back, so one place serves any number in turn.
        for _ in 0..3 {
            let hash = one.hash("green garden grows".into()).await.unwrap();
            assert!(
                one.verify("green garden grows".into(), Some(hash))
                    .await
                    .unwrap()
            );
        }
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
