//! Access tokens (short-lived JWTs) and refresh tokens (opaque, stored hashed).

use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Utc;
use domain::account::Role;
use domain::secret::Secret;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::error::ApiError;

const ISSUER: &str = "powersave";
const AUDIENCE: &str = "powersave-api";
/// Shortest signing key accepted: HS256 is only as strong as its key.
pub const MIN_SIGNING_KEY_BYTES: usize = 32;

/// The claims of an access token. The role is informative only: every request re-reads the
/// account, so a role change or a disabled account takes effect at once.
#[derive(Debug, Serialize, Deserialize)]
pub struct AccessClaims {
    /// The account id.
    pub sub: Uuid,
    /// The role when the token was issued.
    pub role: Role,
    /// Issued at (Unix seconds).
    pub iat: i64,
    /// Expires at (Unix seconds).
    pub exp: i64,
    /// Always "powersave".
    pub iss: String,
    /// Always "powersave-api".
    pub aud: String,
}

/// Signs and checks access tokens with one HS256 key.
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    access_ttl: Duration,
}

impl std::fmt::Debug for TokenKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenKeys")
            .field("access_ttl", &self.access_ttl)
            .finish_non_exhaustive()
    }
}

impl TokenKeys {
    /// Builds the keys; refuses keys shorter than 32 bytes.
    pub fn new(secret: &Secret, access_ttl: Duration) -> Result<Self, String> {
        let bytes = secret.expose().as_bytes();
        if bytes.len() < MIN_SIGNING_KEY_BYTES {
            return Err(format!(
                "the JWT signing key must be at least {MIN_SIGNING_KEY_BYTES} bytes"
            ));
        }
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iat", "sub", "iss", "aud"]);
        validation.leeway = 5;
        Ok(Self {
            encoding: EncodingKey::from_secret(bytes),
            decoding: DecodingKey::from_secret(bytes),
            validation,
            access_ttl,
        })
    }

    /// Lifetime of an access token.
    pub fn access_ttl(&self) -> Duration {
        self.access_ttl
    }

    /// Signs an access token for an account.
    pub fn issue(&self, user_id: Uuid, role: Role) -> Result<String, ApiError> {
        let now = Utc::now().timestamp();
        let claims = AccessClaims {
            sub: user_id,
            role,
            iat: now,
            exp: now + i64::try_from(self.access_ttl.as_secs()).unwrap_or(i64::MAX / 2),
            iss: ISSUER.to_owned(),
            aud: AUDIENCE.to_owned(),
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|error| ApiError::Internal(format!("cannot sign token: {error}")))
    }

    /// Checks signature, algorithm (HS256 only, so `alg: none` fails), issuer, audience and expiry.
    pub fn verify(&self, token: &str) -> Result<AccessClaims, ApiError> {
        jsonwebtoken::decode::<AccessClaims>(token, &self.decoding, &self.validation)
            .map(|data| data.claims)
            .map_err(|error| match error.kind() {
                jsonwebtoken::errors::ErrorKind::ExpiredSignature => {
                    ApiError::Unauthorized("access token expired")
                }
                _ => ApiError::Unauthorized("invalid access token"),
            })
    }
}

/// A new opaque refresh token: 256 random bits, URL-safe.
pub fn new_refresh_token() -> Result<String, ApiError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|error| ApiError::Internal(format!("no randomness: {error}")))?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// SHA-256 of a refresh token: what the database stores and looks up.
pub fn refresh_token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> TokenKeys {
        TokenKeys::new(&Secret::new("k".repeat(32)), Duration::from_secs(900)).unwrap()
    }

    #[test]
    fn round_trip() {
        let id = Uuid::now_v7();
        let token = keys().issue(id, Role::Admin).unwrap();
        let claims = keys().verify(&token).unwrap();
        assert_eq!((claims.sub, claims.role), (id, Role::Admin));
    }

    #[test]
    fn short_keys_are_refused() {
        assert!(TokenKeys::new(&Secret::new("short"), Duration::from_secs(1)).is_err());
    }

    #[test]
    fn refresh_tokens_are_random_and_hashed() {
        let (a, b) = (new_refresh_token().unwrap(), new_refresh_token().unwrap());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(refresh_token_hash(&a).len(), 32);
    }
}
