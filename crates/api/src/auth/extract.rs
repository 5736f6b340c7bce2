//! Role-typed callers. A handler that takes [`AdminUser`] cannot run for a consumer: the check is in
//! the type, not in an `if` inside the handler.

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

async fn authenticate(parts: &Parts, state: &AppState) -> Result<UserRecord, ApiError> {
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
    if !user.is_active() {
        return Err(ApiError::Unauthorized("account is disabled"));
    }
    Ok(user)
}

async fn with_role(parts: &Parts, state: &AppState, needed: Role) -> Result<UserRecord, ApiError> {
    let user = authenticate(parts, state).await?;
    if user.role < needed {
        return Err(ApiError::Forbidden(format!("this needs the {needed} role")));
    }
    Ok(user)
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        authenticate(parts, state).await.map(Self)
    }
}

impl FromRequestParts<AppState> for AdminUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        with_role(parts, state, Role::Admin).await.map(Self)
    }
}

impl FromRequestParts<AppState> for SuperAdminUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        with_role(parts, state, Role::SuperAdmin).await.map(Self)
    }
}
