//! Households' progress — level, Green Garden, streak and badges — for the household itself
//! and for staff, and the badge catalogue (docs/RULES.md § Progress).
//!
//! One `GET /me/progress` serves Home, the garden and the badges screens: all three show parts
//! of one computation from the same facts, so one request and one cached answer keep them in
//! step, and a household's facts are small enough to compute on every read.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use domain::language::Language;
use domain::progress::badges::BadgeKey;
use domain::progress::garden::GardenHealth;
use domain::progress::levels::LevelKey;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::AppState;
use crate::auth::extract::{AdminUser, CurrentUser};
use crate::error::{ApiError, Problem};
use crate::extract::ApiPath;
use crate::routes::progress_view::{Badge, BadgeCatalogue, Progress, ViewContext};

/// Progress routes.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(my_progress))
        .routes(routes!(badge_catalogue))
        .routes(routes!(user_progress))
        .routes(routes!(rebuild_user_progress))
        .routes(routes!(programme_progress))
}

async fn progress_of(
    state: &AppState,
    user: Uuid,
    language: Language,
) -> Result<Progress, ApiError> {
    let household = state
        .engine
        .household_progress(user, Utc::now())
        .await?
        .ok_or_else(|| ApiError::NotFound("this account has no household".to_owned()))?;
    let rules = state.engine.progress_rules();
    Ok(Progress::of(
        household,
        &ViewContext {
            language,
            time_zone: state.settings.programme.time_zone.tz(),
            rules: &rules,
        },
    ))
}

/// The signed-in household's level, garden, streak and badges.
#[utoipa::path(
    get, path = "/me/progress", tag = "me", security(("bearer" = [])),
    responses(
        (status = 200, body = Progress),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn my_progress(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Json<Progress>, ApiError> {
    progress_of(&state, user.id, user.language).await.map(Json)
}

/// Every badge a household can earn, in the reader's language.
#[utoipa::path(
    get, path = "/badges", tag = "me", security(("bearer" = [])),
    responses(
        (status = 200, body = BadgeCatalogue),
        (status = 401, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn badge_catalogue(CurrentUser(user): CurrentUser) -> Json<BadgeCatalogue> {
    Json(BadgeCatalogue {
        badges: BadgeKey::ALL
            .iter()
            .map(|&key| Badge::of(key, user.language))
            .collect(),
    })
}

/// A household's progress, for staff.
#[utoipa::path(
    get, path = "/admin/users/{id}/progress", tag = "admin", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Account id")),
    responses(
        (status = 200, body = Progress),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn user_progress(
    State(state): State<AppState>,
    AdminUser(actor): AdminUser,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<Json<Progress>, ApiError> {
    progress_of(&state, id, actor.language).await.map(Json)
}

/// What asking for a rebuild did.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct RecomputeQueued {
    /// `true` when the rebuild was queued as a job; `false` when the server has no job queue
    /// and rebuilt at once.
    pub queued: bool,
}

/// Rebuilds a household's progress from its facts (badges once awarded stay).
#[utoipa::path(
    post, path = "/admin/users/{id}/progress/recompute", tag = "admin", security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Account id")),
    responses(
        (status = 202, body = RecomputeQueued),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 503, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn rebuild_user_progress(
    State(state): State<AppState>,
    AdminUser(actor): AdminUser,
    ApiPath(id): ApiPath<Uuid>,
) -> Result<(StatusCode, Json<RecomputeQueued>), ApiError> {
    // Not found for an account without a household.
    state.store.household(id).await?;
    tracing::info!(actor = %actor.id, target = %id, "progress rebuild asked");
    let queued = match &state.jobs {
        Some(queue) => {
            let job = jobs::Job::RebuildProgress { user_id: Some(id) };
            let key = format!("rebuild-progress:{id}:{}", Utc::now().timestamp());
            queue
                .enqueue_unique(job, Utc::now(), &key)
                .await
                .map_err(|error| ApiError::Unavailable(error.to_string()))?;
            true
        }
        None => {
            state.engine.evaluate_households(&[id], Utc::now()).await?;
            false
        }
    };
    Ok((StatusCode::ACCEPTED, Json(RecomputeQueued { queued })))
}

/// Households per level.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct LevelCount {
    /// 1-based.
    pub number: u8,
    /// Which level.
    pub key: LevelKey,
    /// Its name.
    pub name: String,
    /// Households at it.
    pub households: u64,
}

/// Households per garden health.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct HealthCount {
    /// Which state.
    pub health: GardenHealth,
    /// Households in it.
    pub households: u64,
}

/// How often a badge was awarded.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct BadgeCount {
    /// Which badge.
    pub key: BadgeKey,
    /// Its name.
    pub name: String,
    /// Households awarded it.
    pub awarded: u64,
    /// Points it paid in all.
    pub points_paid: i64,
}

/// Progress across the programme, from each household's latest evaluation.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ProgrammeProgress {
    /// Households evaluated.
    pub households: u64,
    /// The latest evaluation; `null` when none.
    pub evaluated_at: Option<chrono::DateTime<Utc>>,
    /// Every level in order, zero counts included.
    pub levels: Vec<LevelCount>,
    /// Every health state, zero counts included.
    pub health: Vec<HealthCount>,
    /// Every badge in catalogue order.
    pub badges: Vec<BadgeCount>,
}

/// Level distribution, garden health and badges awarded across households.
#[utoipa::path(
    get, path = "/admin/programme/progress", tag = "admin", security(("bearer" = [])),
    responses(
        (status = 200, body = ProgrammeProgress),
        (status = 403, body = Problem, content_type = "application/problem+json"),
    )
)]
async fn programme_progress(
    State(state): State<AppState>,
    AdminUser(actor): AdminUser,
) -> Result<Json<ProgrammeProgress>, ApiError> {
    let counts = state.store.programme_progress().await?;
    let language = actor.language;
    Ok(Json(ProgrammeProgress {
        households: counts.households,
        evaluated_at: counts.evaluated_at,
        levels: LevelKey::ALL
            .iter()
            .map(|&key| LevelCount {
                number: key.number(),
                key,
                name: key.name().in_language(language).to_owned(),
                households: counts.levels.get(&key).copied().unwrap_or(0),
            })
            .collect(),
        health: GardenHealth::ALL
            .iter()
            .map(|&health| HealthCount {
                health,
                households: counts.health.get(&health).copied().unwrap_or(0),
            })
            .collect(),
        badges: BadgeKey::ALL
            .iter()
            .map(|&key| {
                let (awarded, points_paid) = counts.badges.get(&key).copied().unwrap_or((0, 0));
                BadgeCount {
                    key,
                    name: key.name().in_language(language).to_owned(),
                    awarded,
                    points_paid,
                }
            })
            .collect(),
    }))
}
