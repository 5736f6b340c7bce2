//! The signed-in account: profile, password and household.

use axum::Json;
use axum::extract::State;
use domain::account::{Email, Password};
use domain::household::{District, HouseholdName, TariffCode, TimeZone};
use domain::language::Language;
use store::HouseholdUpdate;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::auth::extract::CurrentUser;
use crate::dto::{
    ChangePasswordRequest, HouseholdResponse, TokenResponse, UpdateHouseholdRequest,
    UpdateMeRequest, UserResponse,
};
use crate::error::{ApiError, FieldErrors, Problem};
use crate::extract::ApiJson;

/// `/me` routes that check and hash passwords: under the strict sign-in rate limit.
pub fn limited_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(change_password))
}

/// The other `/me` routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(me, update_me))
        .routes(routes!(household, update_household))
}

/// The signed-in account.
#[utoipa::path(
    get, path = "/me", tag = "me", security(("bearer" = [])),
    responses(
        (status = 200, body = UserResponse),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn me(CurrentUser(user): CurrentUser) -> Json<UserResponse> {
    Json(user.into())
}

/// Changes the account's own settings (its language); omitted fields are kept.
#[utoipa::path(
    patch, path = "/me", tag = "me", security(("bearer" = [])),
    request_body = UpdateMeRequest,
    responses(
        (status = 200, body = UserResponse),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn update_me(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiJson(body): ApiJson<UpdateMeRequest>,
) -> Result<Json<UserResponse>, ApiError> {
    let mut errors = FieldErrors::default();
    let language = body
        .language
        .map(|raw| errors.check("language", Language::parse(&raw)));
    let language = errors.finish(|| Some(language.flatten()))?;
    let user = match language {
        Some(language) if language != user.language => {
            state.store.set_user_language(user.id, language).await?
        }
        _ => user,
    };
    Ok(Json(user.into()))
}

/// Changes the password. Every sign-in ends, access tokens included; this client gets a fresh
/// token pair. A wrong current password counts as a failed sign-in of the account.
#[utoipa::path(
    put, path = "/me/password", tag = "me", security(("bearer" = [])),
    request_body = ChangePasswordRequest,
    responses(
        (status = 200, description = "Password changed; new tokens", body = TokenResponse),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Current password wrong or new one too weak", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Rate limited, or too many wrong passwords for this account", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Password hashing at capacity; retry after `Retry-After`", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn change_password(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiJson(body): ApiJson<ChangePasswordRequest>,
) -> Result<Json<TokenResponse>, ApiError> {
    let email = Email::parse(&user.email).ok();
    let new_password = Password::parse(body.new_password.expose(), email.as_ref())
        .map_err(|error| ApiError::field("new_password", error.to_string()))?;
    let clock = &state.rate_limit_clock;
    state.sign_ins.check(clock, &user.email)?;
    let stored = state.store.password_hash(user.id).await?;
    if !state
        .passwords
        .verify(body.current_password, Some(stored))
        .await?
    {
        state.sign_ins.failed(clock, &user.email)?;
        return Err(ApiError::field(
            "current_password",
            "current password is not correct",
        ));
    }
    state.sign_ins.succeeded(&user.email)?;
    let hash = state
        .passwords
        .hash(new_password.expose().to_owned())
        .await?;
    let user = state.store.set_password_hash(user.id, hash).await?;
    state.account_changed(user.id);
    Ok(Json(
        crate::routes::auth::issue_tokens(&state, &user).await?,
    ))
}

/// The signed-in account's household and meters.
#[utoipa::path(
    get, path = "/me/household", tag = "me", security(("bearer" = [])),
    responses(
        (status = 200, body = HouseholdResponse),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn household(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Json<HouseholdResponse>, ApiError> {
    Ok(Json(state.store.household(user.id).await?.into()))
}

/// Updates name, district, tariff or time zone; omitted fields are kept.
#[utoipa::path(
    patch, path = "/me/household", tag = "me", security(("bearer" = [])),
    request_body = UpdateHouseholdRequest,
    responses(
        (status = 200, body = HouseholdResponse),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn update_household(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ApiJson(body): ApiJson<UpdateHouseholdRequest>,
) -> Result<Json<HouseholdResponse>, ApiError> {
    let districts = &state.settings.programme.districts;
    let mut errors = FieldErrors::default();
    let name = body
        .name
        .map(|raw| errors.check("name", HouseholdName::parse(&raw)));
    let district = body
        .district
        .map(|raw| errors.check("district", District::parse(&raw, districts)));
    let tariff_code = body
        .tariff_code
        .map(|raw| errors.check("tariff_code", TariffCode::parse(&raw)));
    let time_zone = body
        .time_zone
        .map(|raw| errors.check("time_zone", TimeZone::parse(&raw)));
    let update = errors.finish(|| {
        Some(HouseholdUpdate {
            name: name.flatten(),
            district: district.flatten(),
            tariff_code: tariff_code.flatten(),
            time_zone: time_zone.flatten(),
        })
    })?;
    Ok(Json(
        state.store.update_household(user.id, update).await?.into(),
    ))
}
