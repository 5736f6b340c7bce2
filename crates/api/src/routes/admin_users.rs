//! Staff user management: search, view, disable/enable, roles (superadmin only), meters.

use axum::Json;
use axum::extract::State;
use domain::account::Role;
use domain::meter::{IntervalLength, MeterId};
use domain::sorting::Sort;
use store::{UserRecord, UserSearch, UserSortField};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::AppState;
use crate::auth::extract::{AdminUser, SuperAdminUser};
use crate::dto::{
    AdminUserDetail, ChangeRoleRequest, HouseholdResponse, LinkMeterRequest, UserListQuery,
    UserPage, UserResponse,
};
use crate::error::{ApiError, FieldErrors, Problem};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::routes::sorting::{USER_SORTS, parse_sort};

/// `/admin/users` routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_users))
        .routes(routes!(get_user))
        .routes(routes!(disable_user))
        .routes(routes!(enable_user))
        .routes(routes!(change_role))
        .routes(routes!(link_meter))
        .routes(routes!(unlink_meter))
}

async fn target_user(state: &AppState, id: Uuid) -> Result<UserRecord, ApiError> {
    state
        .store
        .user_by_id(id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("user {id} not found")))
}

/// Refuses actions on oneself and on staff of equal or higher rank (admins manage consumers only).
fn ensure_may_manage(actor: &UserRecord, target: &UserRecord) -> Result<(), ApiError> {
    if actor.id == target.id {
        return Err(ApiError::Forbidden(
            "you cannot do this to your own account".to_owned(),
        ));
    }
    if !actor.role.may_manage(target.role) {
        return Err(ApiError::Forbidden(format!(
            "an {} cannot manage a {} account",
            actor.role, target.role
        )));
    }
    Ok(())
}

/// Accounts, filtered by text (e-mail, name or meter id) and role, sorted on the server (newest
/// first unless `sort` says otherwise).
#[utoipa::path(
    get, path = "/admin/users", tag = "admin", security(("bearer" = [])),
    params(UserListQuery),
    responses(
        (status = 200, body = UserPage),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn list_users(
    State(state): State<AppState>,
    _admin: AdminUser,
    ApiQuery(query): ApiQuery<UserListQuery>,
) -> Result<Json<UserPage>, ApiError> {
    let mut errors = FieldErrors::default();
    let page = crate::routes::check_page(&mut errors, query.page, query.per_page);
    let role = query
        .role
        .map(|raw| errors.check("role", Role::parse(&raw)));
    let (page, role) =
        errors.finish(|| Some((page?, role.map_or(Some(None), |r| r.map(Some))?)))?;
    let sort = parse_sort(
        query.sort.as_deref(),
        USER_SORTS,
        Sort::descending(UserSortField::CreatedAt),
    )?;
    let search = UserSearch {
        text: query.q,
        role,
    };
    Ok(Json(
        state
            .store
            .search_users_sorted(&search, sort, page)
            .await?
            .into(),
    ))
}

/// One account with its household and meters.
#[utoipa::path(
    get, path = "/admin/users/{id}", tag = "admin", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Account id")),
    responses(
        (status = 200, body = AdminUserDetail),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn get_user(
    State(state): State<AppState>,
    _admin: AdminUser,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<AdminUserDetail>, ApiError> {
    let user = target_user(&state, id).await?;
    let household = state.store.household(id).await?;
    Ok(Json(AdminUserDetail {
        user: user.into(),
        household: household.into(),
    }))
}

/// Disables an account: it cannot sign in, and its tokens stop working at once.
#[utoipa::path(
    post, path = "/admin/users/{id}/disable", tag = "admin", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Account id")),
    responses(
        (status = 200, body = UserResponse),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn disable_user(
    State(state): State<AppState>,
    AdminUser(actor): AdminUser,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<UserResponse>, ApiError> {
    ensure_may_manage(&actor, &target_user(&state, id).await?)?;
    let user = state.store.set_user_disabled(id, true).await?;
    state.account_changed(id);
    tracing::info!(actor = %actor.id, target = %id, "account disabled");
    Ok(Json(user.into()))
}

/// Re-enables a disabled account.
#[utoipa::path(
    post, path = "/admin/users/{id}/enable", tag = "admin", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Account id")),
    responses(
        (status = 200, body = UserResponse),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn enable_user(
    State(state): State<AppState>,
    AdminUser(actor): AdminUser,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<UserResponse>, ApiError> {
    ensure_may_manage(&actor, &target_user(&state, id).await?)?;
    let user = state.store.set_user_disabled(id, false).await?;
    tracing::info!(actor = %actor.id, target = %id, "account enabled");
    Ok(Json(user.into()))
}

/// Changes an account's role. Superadmins only, and never their own.
#[utoipa::path(
    put, path = "/admin/users/{id}/role", tag = "admin", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Account id")),
    request_body = ChangeRoleRequest,
    responses(
        (status = 200, body = UserResponse),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn change_role(
    State(state): State<AppState>,
    SuperAdminUser(actor): SuperAdminUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<ChangeRoleRequest>,
) -> Result<Json<UserResponse>, ApiError> {
    let role =
        Role::parse(&body.role).map_err(|error| ApiError::field("role", error.to_string()))?;
    ensure_may_manage(&actor, &target_user(&state, id).await?)?;
    let user = state.store.set_user_role(id, role).await?;
    state.account_changed(id);
    tracing::info!(actor = %actor.id, target = %id, %role, "role changed");
    Ok(Json(user.into()))
}

/// Links a utility meter to the account's household. Like every staff action on an account, only
/// for accounts the caller may manage: an admin linking a meter to their own household would pay
/// themselves the points its readings earn.
#[utoipa::path(
    post, path = "/admin/users/{id}/meters", tag = "admin", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Account id")),
    request_body = LinkMeterRequest,
    responses(
        (status = 200, description = "The household with its meters", body = HouseholdResponse),
        (status = 403, description = "Own account, or one of equal or higher rank", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Meter belongs to another household", body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn link_meter(
    State(state): State<AppState>,
    AdminUser(actor): AdminUser,
    ApiPath(id): ApiPath<Uuid>,
    ApiJson(body): ApiJson<LinkMeterRequest>,
) -> Result<Json<HouseholdResponse>, ApiError> {
    let mut errors = FieldErrors::default();
    let meter_id = errors.check("meter_id", MeterId::parse(&body.meter_id));
    let interval = errors.check(
        "interval_minutes",
        IntervalLength::from_minutes(body.interval_minutes),
    );
    let (meter_id, interval) = errors.finish(|| Some((meter_id?, interval?)))?;
    ensure_may_manage(&actor, &target_user(&state, id).await?)?;
    let household = state.store.link_meter(id, &meter_id, interval).await?;
    tracing::info!(actor = %actor.id, target = %id, meter = %meter_id, "meter linked");
    Ok(Json(household.into()))
}

/// Unlinks a meter from the account's household; the meter's history is kept. Only for accounts
/// the caller may manage, as for linking.
#[utoipa::path(
    delete, path = "/admin/users/{id}/meters/{meter_id}", tag = "admin", security(("bearer" = [])),
    params(
        ("id" = Uuid, Path, description = "Account id"),
        ("meter_id" = String, Path, description = "Utility meter id"),
    ),
    responses(
        (status = 200, description = "The household with its remaining meters", body = HouseholdResponse),
        (status = 403, description = "Own account, or one of equal or higher rank", body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The meter id is not a valid one", body = Problem, content_type = "application/problem+json"),
    )
)]
async fn unlink_meter(
    State(state): State<AppState>,
    AdminUser(actor): AdminUser,
    ApiPath((id, meter_id)): ApiPath<(Uuid, String)>,
) -> Result<Json<HouseholdResponse>, ApiError> {
    let meter_id = MeterId::parse(&meter_id)
        .map_err(|error| ApiError::field("meter_id", error.to_string()))?;
    ensure_may_manage(&actor, &target_user(&state, id).await?)?;
    let household = state.store.unlink_meter(id, &meter_id).await?;
    tracing::info!(actor = %actor.id, target = %id, meter = %meter_id, "meter unlinked");
    Ok(Json(household.into()))
}
