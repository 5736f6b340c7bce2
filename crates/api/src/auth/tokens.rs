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
    /// The account's token version when the token was issued; the token stops working when the
    /// account's version moves on (sign-out, password change, disabling).
    pub ver: i64,
    /// Issued at (Unix seconds).
    pub iat: i64,
    /// Expires at (Unix seconds).
    pub exp: i64,
    /// Always "powersave".
    pub iss: String,
    /// Always "powersave-api".
    pub aud: String,
}

/// One HS256 key with the id (`kid`) tokens signed with it carry.
struct SigningKey {
    kid: String,
    decoding: DecodingKey,
}

/// Signs access tokens with the current HS256 key and checks them against the current key and
/// the previous ones still accepted during a key rotation, chosen by the token's `kid`.
pub struct TokenKeys {
    kid: String,
    encoding: EncodingKey,
    accepted: Vec<SigningKey>,
    validation: Validation,
    access_ttl: Duration,
}

impl std::fmt::Debug for TokenKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenKeys")
            .field("kid", &self.kid)
            .field("access_ttl", &self.access_ttl)
            .finish_non_exhaustive()
    }
}

/// The id of a key: the first 8 bytes of its SHA-256, in hex. It names the key without
/// revealing anything usable about it.
pub fn key_id(secret: &Secret) -> String {
    let digest = Sha256::digest(secret.expose().as_bytes());
    digest[..8]
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

fn checked(secret: &Secret) -> Result<&[u8], String> {
    let bytes = secret.expose().as_bytes();
    if bytes.len() < MIN_SIGNING_KEY_BYTES {
        return Err(format!(
            "the JWT signing key must be at least {MIN_SIGNING_KEY_BYTES} bytes"
        ));
    }
    Ok(bytes)
}

impl TokenKeys {
    /// Builds the keys: `current` signs, `current` and `previous` verify. Refuses keys shorter
    /// than 32 bytes.
    pub fn new(
        current: &Secret,
        previous: &[Secret],
        access_ttl: Duration,
    ) -> Result<Self, String> {
        let bytes = checked(current)?;
        let mut accepted = Vec::with_capacity(previous.len() + 1);
        for secret in std::iter::once(current).chain(previous) {
            accepted.push(SigningKey {
                kid: key_id(secret),
                decoding: DecodingKey::from_secret(checked(secret)?),
            });
        }
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iat", "sub", "iss", "aud"]);
        validation.leeway = 5;
        Ok(Self {
            kid: key_id(current),
            encoding: EncodingKey::from_secret(bytes),
            accepted,
            validation,
            access_ttl,
        })
    }

    /// Lifetime of an access token.
    pub fn access_ttl(&self) -> Duration {
        self.access_ttl
    }

    /// Signs an access token for an account at its current token version.
    pub fn issue(&self, user_id: Uuid, role: Role, version: i64) -> Result<String, ApiError> {
        let now = Utc::now().timestamp();
        let claims = AccessClaims {
            sub: user_id,
            role,
            ver: version,
            iat: now,
            exp: now + i64::try_from(self.access_ttl.as_secs()).unwrap_or(i64::MAX / 2),
            iss: ISSUER.to_owned(),
            aud: AUDIENCE.to_owned(),
        };
        let mut header = Header::new(Algorithm::HS256);
        header.kid = Some(self.kid.clone());
        jsonwebtoken::encode(&header, &claims, &self.encoding)
            .map_err(|error| ApiError::Internal(format!("cannot sign token: {error}")))
    }

    /// Checks the key id (one of the accepted keys; a token without one is refused), signature,
    /// algorithm (HS256 only, so `alg: none` fails), issuer, audience and expiry.
    pub fn verify(&self, token: &str) -> Result<AccessClaims, ApiError> {
        let invalid = || ApiError::Unauthorized("invalid access token");
        let header = jsonwebtoken::decode_header(token).map_err(|_| invalid())?;
        let key = header
            .kid
            .and_then(|kid| self.accepted.iter().find(|key| key.kid == kid))
            .ok_or(ApiError::Unauthorized(
                "access token signed with an unknown key",
            ))?;
        jsonwebtoken::decode::<AccessClaims>(token, &key.decoding, &self.validation)
            .map(|data| data.claims)
            .map_err(|error| match error.kind() {
                jsonwebtoken::errors::ErrorKind::ExpiredSignature => {
                    ApiError::Unauthorized("access token expired")
                }
                _ => invalid(),
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

    fn key(letter: &str) -> Secret {
        Secret::new(letter.repeat(32))
    }

    fn keys() -> TokenKeys {
        TokenKeys::new(&key("k"), &[], Duration::from_secs(900)).unwrap()
    }

    #[test]
    fn round_trip() {
        let id = Uuid::now_v7();
        let token = keys().issue(id, Role::Admin, 3).unwrap();
        let claims = keys().verify(&token).unwrap();
        assert_eq!((claims.sub, claims.role, claims.ver), (id, Role::Admin, 3));
        let header = jsonwebtoken::decode_header(&token).unwrap();
        assert_eq!(header.kid, Some(key_id(&key("k"))));
    }

    #[test]
    fn short_keys_are_refused() {
        assert!(TokenKeys::new(&Secret::new("short"), &[], Duration::from_secs(1)).is_err());
        assert!(
            TokenKeys::new(&key("k"), &[Secret::new("short")], Duration::from_secs(1)).is_err()
        );
    }

    #[test]
    fn a_rotation_accepts_the_previous_key_and_signs_with_the_new_one() {
        let id = Uuid::now_v7();
        let old = keys().issue(id, Role::Consumer, 0).unwrap();
        let rotated = TokenKeys::new(&key("n"), &[key("k")], Duration::from_secs(900)).unwrap();
        assert_eq!(rotated.verify(&old).unwrap().sub, id);
        let new = rotated.issue(id, Role::Consumer, 0).unwrap();
        assert_eq!(
            jsonwebtoken::decode_header(&new).unwrap().kid,
            Some(key_id(&key("n")))
        );
        // Once the old key is dropped, its tokens are refused; the new one's never worked
        // with the old key alone.
        let dropped = TokenKeys::new(&key("n"), &[], Duration::from_secs(900)).unwrap();
        assert!(matches!(
            dropped.verify(&old),
            Err(ApiError::Unauthorized(
                "access token signed with an unknown key"
            ))
        ));
        assert!(keys().verify(&new).is_err());
        assert_ne!(key_id(&key("k")), key_id(&key("n")));
    }

    #[test]
    fn refresh_tokens_are_random_and_hashed() {
        let (a, b) = (new_refresh_token().unwrap(), new_refresh_token().unwrap());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(refresh_token_hash(&a).len(), 32);
    }
}
