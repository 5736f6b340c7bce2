//! Registration, sign-in, token refresh and sign-out.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use domain::account::{DisplayName, Email, Password, Role};
use domain::language::Language;
use store::{NewRefreshToken, NewUser, RotationOutcome, UserRecord};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::tokens::{new_refresh_token, refresh_token_hash};
use crate::dto::{LoginRequest, RefreshRequest, RegisterRequest, TokenResponse, UserResponse};
use crate::error::{ApiError, FieldErrors, Problem};
use crate::extract::ApiJson;
use crate::language::preferred_language;

/// The endpoints an attacker would hammer to guess passwords, and every one that hashes a
/// password; they get the strict rate limit.
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
        access_token: state.tokens.issue(user.id, user.role, user.token_version)?,
        refresh_token,
        token_type: "Bearer".to_owned(),
        expires_in: state.tokens.access_ttl().as_secs(),
    })
}

/// Opens a consumer account with its household. An address that already has an account gets the
/// same answer as a new one (201 with an account of the same shape) and nothing is created or
/// changed, so registration cannot tell anyone who has an account (docs/SECURITY.md, "Accounts
/// and roles").
#[utoipa::path(
    post, path = "/auth/register", tag = "auth",
    request_body = RegisterRequest,
    responses(
        (status = 201, description = "Account created (or, indistinguishably, the address already had one)", body = UserResponse),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limited", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Password hashing at capacity; retry after `Retry-After`", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn register(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiJson(body): ApiJson<RegisterRequest>,
) -> Result<(StatusCode, Json<UserResponse>), ApiError> {
    let mut errors = FieldErrors::default();
    let language = match body.language.as_deref() {
        Some(raw) => errors.check("language", Language::parse(raw)),
        None => Some(preferred_language(&headers)),
    };
    let email = errors.check("email", Email::parse(&body.email));
    let password = errors.check(
        "password",
        Password::parse(body.password.expose(), email.as_ref()),
    );
    let display_name = errors.check("display_name", DisplayName::parse(&body.display_name));
    let (email, password, display_name, language) =
        errors.finish(|| Some((email?, password?, display_name?, language?)))?;
    let programme = &state.settings.programme;
    let tariff_code = programme.default_tariff_code.clone();
    let time_zone = programme.time_zone;
    let password_hash = state.passwords.hash(password.expose().to_owned()).await?;
    let created = state
        .store
        .create_user(NewUser {
            email: email.clone(),
            display_name: display_name.clone(),
            password_hash,
            role: Role::Consumer,
            tariff_code,
            time_zone,
            language,
        })
        .await;
    let user = match created {
        Ok(user) => {
            tracing::info!(user_id = %user.id, "account registered");
            user.into()
        }
        Err(store::StoreError::Conflict(_)) => {
            tracing::info!("registration for an address that has an account; nothing changed");
            unregistered(&email, &display_name, language)
        }
        Err(error) => return Err(error.into()),
    };
    Ok((StatusCode::CREATED, Json(user)))
}

/// What registration answers for an address that already has an account: an account as a new
/// registration would have it, under an id no account has, so the answer tells nothing.
fn unregistered(email: &Email, display_name: &DisplayName, language: Language) -> UserResponse {
    UserResponse {
        id: uuid::Uuid::now_v7(),
        email: email.as_str().to_owned(),
        display_name: display_name.as_str().to_owned(),
        role: Role::Consumer,
        disabled: false,
        disabled_at: None,
        last_login_at: None,
        created_at: chrono::Utc::now(),
        language,
    }
}

/// Signs in. Unknown e-mail and wrong password give the same answer after the same work. After
/// a few failures for one address (from any IP) the address must wait, longer after each further
/// failure, whether or not it has an account.
#[utoipa::path(
    post, path = "/auth/login", tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = TokenResponse),
        (status = 401, description = "Invalid credentials", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Account disabled", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limited, or too many failures for this address", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Password hashing at capacity; retry after `Retry-After`", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn login(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<LoginRequest>,
) -> Result<Json<TokenResponse>, ApiError> {
    let clock = &state.rate_limit_clock;
    state.sign_ins.check(clock, &body.email)?;
    let found = match Email::parse(&body.email) {
        Ok(email) => state.store.credentials_by_email(&email).await?,
        Err(_) => None,
    };
    let (user, hash) = match found {
        Some((user, hash)) => (Some(user), Some(hash)),
        None => (None, None),
    };
    let matched = state.passwords.verify(body.password, hash).await?;
    let Some(user) = user.filter(|_| matched) else {
        state.sign_ins.failed(clock, &body.email)?;
        return Err(ApiError::InvalidCredentials);
    };
    state.sign_ins.succeeded(&body.email)?;
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
            chrono::Duration::from_std(state.settings.refresh_family_max_age)
                .unwrap_or(chrono::Duration::MAX),
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
            "refresh token expired, or the sign-in is too old; sign in again",
        )),
        RotationOutcome::AccountDisabled => Err(ApiError::Unauthorized("account is disabled")),
        RotationOutcome::Unknown => Err(ApiError::Unauthorized("invalid refresh token")),
    }
}

/// Signs out: every refresh token of this sign-in and every access token of the account stop
/// working at once (the account's other sign-ins refresh theirs). Unknown tokens are accepted
/// silently.
#[utoipa::path(
    post, path = "/auth/logout", tag = "auth",
    request_body = RefreshRequest,
    responses((status = 204, description = "Signed out"))
)]
async fn logout(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<RefreshRequest>,
) -> Result<StatusCode, ApiError> {
    let ended = state
        .store
        .revoke_refresh_family(&refresh_token_hash(body.refresh_token.expose()))
        .await?;
    if let Some(user) = ended {
        state.account_changed(user);
    }
    Ok(StatusCode::NO_CONTENT)
}
