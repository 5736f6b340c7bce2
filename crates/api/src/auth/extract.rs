//! Role-typed callers. A handler that takes [`AdminUser`] cannot run for a consumer: the check is in
//! the type, not in an `if` inside the handler.
//!
//! Every request re-reads the account (one primary-key lookup, which is also what makes the
//! token-version check free): a disabled account, a changed role or a token issued before the
//! account's last sign-out, password change or disabling is refused at once, not when the token
//! expires.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use domain::account::Role;
use store::UserRecord;

use crate::AppState;
use crate::error::ApiError;

/// Any signed-in, active account.
#[derive(Debug, Clone)]
pub struct CurrentUser(pub UserRecord);

/// An active admin or superadmin.
#[derive(Debug, Clone)]
pub struct AdminUser(pub UserRecord);

/// An active superadmin.
#[derive(Debug, Clone)]
pub struct SuperAdminUser(pub UserRecord);

/// What a long-lived response (a live stream) needs to end when its access would: the account,
/// the token version and the token's expiry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grant {
    /// The account.
    pub user: uuid::Uuid,
    /// The token version the token was issued under.
    pub version: i64,
    /// When the token expires (Unix seconds).
    pub expires_at: i64,
}

/// Any signed-in, active account, with its token's [`Grant`].
#[derive(Debug, Clone)]
pub struct CurrentGrant(pub UserRecord, pub Grant);

/// An active admin or superadmin, with its token's [`Grant`].
#[derive(Debug, Clone)]
pub struct AdminGrant(pub UserRecord, pub Grant);

/// Why an account may no longer use a token issued under `version`, if it may not.
pub fn refusal(user: &UserRecord, version: i64) -> Option<&'static str> {
    if !user.is_active() {
        Some("account is disabled")
    } else if user.token_version != version {
        Some("access token was revoked; sign in again")
    } else {
        None
    }
}

async fn authenticate(parts: &Parts, state: &AppState) -> Result<(UserRecord, Grant), ApiError> {
    let header = parts
        .headers
        .get(AUTHORIZATION)
        .ok_or(ApiError::Unauthorized("missing bearer token"))?
        .to_str()
        .map_err(|_| ApiError::Unauthorized("invalid authorization header"))?;
    let token = header
        .strip_prefix("Bearer ")
        .or_else(|| header.strip_prefix("bearer "))
        .ok_or(ApiError::Unauthorized(
            "authorization must use the Bearer scheme",
        ))?;
    let claims = state.tokens.verify(token.trim())?;
    let user = state
        .store
        .user_by_id(claims.sub)
        .await?
        .ok_or(ApiError::Unauthorized("account no longer exists"))?;
    if let Some(reason) = refusal(&user, claims.ver) {
        return Err(ApiError::Unauthorized(reason));
    }
    let grant = Grant {
        user: user.id,
        version: claims.ver,
        expires_at: claims.exp,
    };
    Ok((user, grant))
}

async fn with_role(
    parts: &Parts,
    state: &AppState,
    needed: Role,
) -> Result<(UserRecord, Grant), ApiError> {
    let (user, grant) = authenticate(parts, state).await?;
    if user.role < needed {
        return Err(ApiError::Forbidden(format!("this needs the {needed} role")));
    }
    Ok((user, grant))
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        authenticate(parts, state).await.map(|(user, _)| Self(user))
    }
}

impl FromRequestParts<AppState> for CurrentGrant {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        authenticate(parts, state)
            .await
            .map(|(user, grant)| Self(user, grant))
    }
}

impl FromRequestParts<AppState> for AdminGrant {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        with_role(parts, state, Role::Admin)
            .await
            .map(|(user, grant)| Self(user, grant))
    }
}

impl FromRequestParts<AppState> for AdminUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        with_role(parts, state, Role::Admin)
            .await
            .map(|(user, _)| Self(user))
    }
}

impl FromRequestParts<AppState> for SuperAdminUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        with_role(parts, state, Role::SuperAdmin)
            .await
            .map(|(user, _)| Self(user))
    }
}
