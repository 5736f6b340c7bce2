//! Registration, sign-in, token refresh and sign-out.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use domain::account::{DisplayName, Email, Password, Role};
use store::{NewRefreshToken, NewUser, RotationOutcome, UserRecord};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::tokens::{new_refresh_token, refresh_token_hash};
use crate::dto::{LoginRequest, RefreshRequest, RegisterRequest, TokenResponse, UserResponse};
use crate::error::{ApiError, FieldErrors, Problem};
use crate::extract::ApiJson;

/// The endpoints an attacker would hammer to guess passwords; they get the strict rate limit.
pub fn limited_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(register))
        .routes(routes!(login))
        .routes(routes!(refresh))
}

/// Sign-out is not rate limited: it only ever ends access.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(logout))
}

/// Issues an access token and a new refresh token family for an account.
pub(crate) async fn issue_tokens(
    state: &AppState,
    user: &UserRecord,
) -> Result<TokenResponse, ApiError> {
    let refresh_token = new_refresh_token()?;
    state
        .store
        .issue_refresh_token(user.id, new_refresh_record(state, &refresh_token))
        .await?;
    token_response(state, user, refresh_token)
}

fn new_refresh_record(state: &AppState, token: &str) -> NewRefreshToken {
    NewRefreshToken {
        token_hash: refresh_token_hash(token),
        expires_at: chrono::Utc::now()
            + chrono::Duration::from_std(state.settings.refresh_token_ttl)
                .unwrap_or(chrono::Duration::days(7)),
    }
}

fn token_response(
    state: &AppState,
    user: &UserRecord,
    refresh_token: String,
) -> Result<TokenResponse, ApiError> {
    Ok(TokenResponse {
        access_token: state.tokens.issue(user.id, user.role)?,
        refresh_token,
        token_type: "Bearer".to_owned(),
        expires_in: state.tokens.access_ttl().as_secs(),
    })
}

/// Opens a consumer account with its household.
#[utoipa::path(
    post, path = "/auth/register", tag = "auth",
    request_body = RegisterRequest,
    responses(
        (status = 201, description = "Account created", body = UserResponse),
        (status = 409, description = "E-mail already registered", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limited", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn register(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<RegisterRequest>,
) -> Result<(StatusCode, Json<UserResponse>), ApiError> {
    let mut errors = FieldErrors::default();
    let email = errors.check("email", Email::parse(&body.email));
    let password = errors.check(
        "password",
        Password::parse(body.password.expose(), email.as_ref()),
    );
    let display_name = errors.check("display_name", DisplayName::parse(&body.display_name));
    let (email, password, display_name) =
        errors.finish(|| Some((email?, password?, display_name?)))?;
    let programme = &state.settings.programme;
    let tariff_code = programme.default_tariff_code.clone();
    let time_zone = programme.time_zone;
    let password_hash = state.passwords.hash(password.expose().to_owned()).await?;
    let user = state
        .store
        .create_user(NewUser {
            email,
            display_name,
            password_hash,
            role: Role::Consumer,
            tariff_code,
            time_zone,
        })
        .await?;
    tracing::info!(user_id = %user.id, "account registered");
    Ok((StatusCode::CREATED, Json(user.into())))
}

/// Signs in. Unknown e-mail and wrong password give the same answer after the same work.
#[utoipa::path(
    post, path = "/auth/login", tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = TokenResponse),
        (status = 401, description = "Invalid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Account disabled", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limited", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn login(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<LoginRequest>,
) -> Result<Json<TokenResponse>, ApiError> {
    let found = match Email::parse(&body.email) {
        Ok(email) => state.store.credentials_by_email(&email).await?,
        Err(_) => None,
    };
    let (user, hash) = match found {
        Some((user, hash)) => (Some(user), Some(hash)),
        None => (None, None),
    };
    let matched = state.passwords.verify(body.password, hash).await?;
    let user = user
        .filter(|_| matched)
        .ok_or(ApiError::InvalidCredentials)?;
    if !user.is_active() {
        return Err(ApiError::Forbidden(
            "this account is disabled; contact support".to_owned(),
        ));
    }
    state.store.record_login(user.id).await?;
    Ok(Json(issue_tokens(&state, &user).await?))
}

/// Trades a refresh token for a new pair. Each refresh token works once; presenting a used one
/// again revokes every token of that sign-in.
#[utoipa::path(
    post, path = "/auth/refresh", tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "New tokens", body = TokenResponse),
        (status = 401, description = "Token unknown, expired, re-used or revoked", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limited", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn refresh(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<RefreshRequest>,
) -> Result<Json<TokenResponse>, ApiError> {
    let successor = new_refresh_token()?;
    let outcome = state
        .store
        .rotate_refresh_token(
            &refresh_token_hash(body.refresh_token.expose()),
            new_refresh_record(&state, &successor),
        )
        .await?;
    match outcome {
        RotationOutcome::Rotated(user) => Ok(Json(token_response(&state, &user, successor)?)),
        RotationOutcome::Reused => {
            tracing::warn!("refresh token re-used; its family is revoked");
            Err(ApiError::Unauthorized(
                "refresh token was already used; sign in again",
            ))
        }
        RotationOutcome::Expired => Err(ApiError::Unauthorized(
            "refresh token expired; sign in again",
        )),
        RotationOutcome::AccountDisabled => Err(ApiError::Unauthorized("account is disabled")),
        RotationOutcome::Unknown => Err(ApiError::Unauthorized("invalid refresh token")),
    }
}

/// Signs out: every token of this sign-in stops working. Unknown tokens are accepted silently.
#[utoipa::path(
    post, path = "/auth/logout", tag = "auth",
    request_body = RefreshRequest,
    responses((status = 204, description = "Signed out"))
)]
async fn logout(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<RefreshRequest>,
) -> Result<StatusCode, ApiError> {
    state
        .store
        .revoke_refresh_family(&refresh_token_hash(body.refresh_token.expose()))
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
