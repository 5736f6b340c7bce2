//! PowerSave's HTTP API.
//!
//! Handlers are thin: they parse input into domain types, call the store, and render output.
//! Everything under `/api/v1` is described by the OpenAPI document built from the same routes
//! that serve it, so the two cannot drift apart.

pub mod auth;
pub mod dto;
pub mod error;
mod exports;
pub mod extract;
pub mod front_door;
mod language;
pub mod live_feed;
mod metrics;
mod openapi_errors;
mod panics;
pub mod rate_limit;
pub mod request_id;
mod routes;
mod security_headers;
mod shutdown;
pub mod tls;

use std::future::Future;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, Method, Request, Uri, header};
use axum::routing::get;
use axum::{Router, middleware};
use domain::secret::Secret;
use store::Store;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_swagger_ui::SwaggerUi;

use crate::auth::password::{HashCost, Passwords};
use crate::auth::tokens::TokenKeys;
use crate::error::ApiError;
use crate::rate_limit::{IpRateLimiter, LimiterClock, RateLimitConfig};

/// Facts about the programme that requests need (time zone, districts, default tariff).
#[derive(Debug, Clone, PartialEq)]
pub struct ProgrammeSettings {
    /// The programme's time zone, parsed once from configuration.
    pub time_zone: domain::household::TimeZone,
    /// Districts a household may choose.
    pub districts: Vec<String>,
    /// Tariff code of new households.
    pub default_tariff_code: domain::household::TariffCode,
    /// Days treated like weekends by baselines, besides the public holidays below.
    pub holidays: Vec<chrono::NaiveDate>,
    /// Whether the Cyprus public holidays (Orthodox Easter ones included) count as holidays.
    pub cyprus_public_holidays: bool,
    /// The streak bonus and shields.
    pub rewards: domain::rewards::RewardRules,
    /// Levels and gardens.
    pub progress: engine::ProgressSettings,
}

impl ProgrammeSettings {
    /// Settings of the settlement engine: this calendar and the product's eligibility,
    /// late-data window and reward rules (docs/RULES.md).
    pub fn engine_settings(&self) -> engine::EngineSettings {
        engine::EngineSettings {
            calendar: self.calendar(),
            eligibility: domain::baseline::Eligibility::default(),
            settlement_window: domain::settlement::SettlementWindow::default(),
            rewards: self.rewards,
            progress: self.progress,
        }
    }

    /// The programme's calendar for baselines and settlement.
    pub fn calendar(&self) -> domain::calendar::Calendar {
        let public = if self.cyprus_public_holidays {
            (2000..=2100)
                .flat_map(domain::calendar::cyprus_public_holidays)
                .collect()
        } else {
            Vec::new()
        };
        domain::calendar::Calendar::new(
            self.time_zone.tz(),
            public.into_iter().chain(self.holidays.iter().copied()),
        )
    }
}

/// Everything the API needs from configuration.
#[derive(Debug, Clone)]
pub struct ApiSettings {
    /// HS256 key that signs access tokens (at least 32 bytes).
    pub jwt_secret: Secret,
    /// Keys that signed access tokens before the current one and are still accepted while a key
    /// rotation runs its course (one access-token lifetime is enough).
    pub jwt_previous_secrets: Vec<Secret>,
    /// Access-token lifetime.
    pub access_token_ttl: Duration,
    /// Refresh-token lifetime.
    pub refresh_token_ttl: Duration,
    /// Absolute lifetime of a sign-in: no refresh token of a family is accepted once this long
    /// has passed since its sign-in, however often it was rotated.
    pub refresh_family_max_age: Duration,
    /// Largest request body accepted.
    pub body_limit_bytes: usize,
    /// Origins allowed by CORS; empty means no cross-origin access, `*` means any.
    pub cors_allowed_origins: Vec<String>,
    /// Rate limits.
    pub rate_limits: RateLimitConfig,
    /// Cost of password hashes.
    pub password_hashing: HashCost,
    /// Programme facts.
    pub programme: ProgrammeSettings,
    /// Physical limits every reading is checked against.
    pub reading_limits: domain::reading::ReadingLimits,
    /// Largest body of a bulk reading upload.
    pub ingest_body_limit_bytes: usize,
    /// The built admin dashboard (`web/admin/dist`), served at `/admin` when present.
    pub admin_ui_dir: Option<PathBuf>,
    /// The web build of the consumer app (`web/mobile/dist`), served at `/app` when present.
    pub app_ui_dir: Option<PathBuf>,
    /// Accounts the front door at `/` invites visitors to sign in with (a demo server's; none
    /// otherwise).
    pub demo_accounts: Vec<front_door::DemoAccount>,
    /// The bearer token Prometheus presents to read `/metrics`; without one `/metrics` is not
    /// served, because its series describe the traffic and the accounts (docs/SECURITY.md).
    pub metrics_token: Option<Secret>,
}

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// Configuration.
    pub settings: Arc<ApiSettings>,
    /// Access-token signing.
    pub tokens: Arc<TokenKeys>,
    /// Password hashing.
    pub passwords: Arc<Passwords>,
    /// Baselines, eligibility and settlement.
    pub engine: engine::Engine,
    /// Meters whose readings just changed, for live session views.
    pub reading_events: ingest::ReadingEvents,
    /// The live sessions' shared feeds, which household streams subscribe to.
    pub live: live_feed::LiveFeeds,
    /// The job queue, for the System screen (none in instances without one).
    pub jobs: Option<jobs::JobQueue>,
    /// The MQTT listener's connection, for the System screen; "not running" in instances
    /// without the feed.
    pub mqtt: ingest::mqtt::ListenerHealth,
    /// The clock the rate limits count in: the monotonic one, unless a test moves time by hand.
    pub rate_limit_clock: LimiterClock,
    /// Failed sign-ins per e-mail address, for the per-account back-off.
    pub sign_ins: Arc<auth::throttle::SignInThrottle>,
    /// Accounts whose access just ended or changed (signed out, password changed, disabled, role
    /// changed), so their open live streams re-check the account at once.
    pub account_changes: tokio::sync::broadcast::Sender<uuid::Uuid>,
}

impl AppState {
    /// Checks the settings and prepares keys and hashers.
    pub fn new(store: Store, settings: ApiSettings) -> Result<Self, String> {
        let tokens = TokenKeys::new(
            &settings.jwt_secret,
            &settings.jwt_previous_secrets,
            settings.access_token_ttl,
        )?;
        let passwords = Passwords::new(settings.password_hashing)?;
        let engine = engine::Engine::new(store.clone(), settings.programme.engine_settings());
        let (reading_events, _) = tokio::sync::broadcast::channel(1024);
        let (account_changes, _) = tokio::sync::broadcast::channel(256);
        Ok(Self {
            sign_ins: Arc::new(auth::throttle::SignInThrottle::new(&settings.rate_limits)),
            account_changes,
            jobs: None,
            mqtt: ingest::mqtt::ListenerHealth::default(),
            rate_limit_clock: LimiterClock::default(),
            live: live_feed::LiveFeeds::new(engine.clone(), reading_events.clone()),
            reading_events,
            engine,
            store,
            settings: Arc::new(settings),
            tokens: Arc::new(tokens),
            passwords: Arc::new(passwords),
        })
    }

    /// Tells open live streams of `user` to check the account again now.
    pub fn account_changed(&self, user: uuid::Uuid) {
        // No receiver means no open stream: nothing to tell.
        let _ = self.account_changes.send(user);
    }

    /// The same state with the job queue, so staff can see its depth and retry failed jobs.
    pub fn with_jobs(mut self, queue: jobs::JobQueue) -> Self {
        self.jobs = Some(queue);
        self
    }
}

/// Declares the bearer scheme the routes refer to.
struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "api_key",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("psk_…")
                    .build(),
            ),
        );
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "PowerSave API",
        description = "Household demand response: accounts, households, meters and Saving Sessions. \
                       Errors are RFC 9457 application/problem+json.",
        license(name = "Apache-2.0", identifier = "Apache-2.0")
    ),
    modifiers(&BearerScheme),
    components(schemas(error::Problem, error::FieldError)),
    tags(
        (name = "auth", description = "Registration, sign-in and tokens"),
        (name = "me", description = "The signed-in account"),
        (name = "admin", description = "Staff operations"),
        (name = "programme", description = "Programme facts"),
        (name = "meter data", description = "Readings from meter data systems"),
    )
)]
struct ApiDoc;

fn api_routes(
    rate_limits: &RateLimitConfig,
    clock: &LimiterClock,
    ingest_body_limit: usize,
) -> Result<OpenApiRouter<AppState>, String> {
    let auth_limiter = IpRateLimiter::auth(rate_limits, clock)?;
    let limited = routes::auth::limited_router()
        .merge(routes::me::limited_router())
        .merge(routes::onboarding::limited_router())
        .route_layer(middleware::from_fn_with_state(
            auth_limiter,
            rate_limit::enforce,
        ));
    let v1 = OpenApiRouter::new()
        .merge(limited)
        .merge(routes::auth::router())
        .merge(routes::me::router())
        .merge(routes::consumption::router())
        .merge(routes::consumption_export::router())
        .merge(routes::onboarding::router())
        .merge(routes::onboarding_status::router())
        .merge(routes::admin_claims::router())
        .merge(routes::admin_overview::router())
        .merge(routes::admin_users::router())
        .merge(routes::admin_meter_data::router())
        .merge(routes::admin_meters::router())
        .merge(routes::meter_readings::router(ingest_body_limit))
        .merge(routes::programme::router())
        .merge(routes::sessions::admin::router())
        .merge(routes::sessions::consumer::router())
        .merge(routes::sessions::live::router())
        .merge(routes::sessions::results::router())
        .merge(routes::sessions::recompute::router())
        .merge(routes::admin_system::router())
        .merge(routes::points::router())
        .merge(routes::progress::router());
    Ok(OpenApiRouter::with_openapi(ApiDoc::openapi()).nest("/api/v1", v1))
}

/// The OpenAPI document of `/api/v1`, as served at `/api/v1/openapi.json`.
pub fn openapi() -> Result<utoipa::openapi::OpenApi, String> {
    Ok(documented(api_routes(
        &RateLimitConfig::default(),
        &LimiterClock::default(),
        0,
    )?)
    .1)
}

/// The routes and their document, completed with the error answers every route shares (added
/// once all routes are known, which the document's own modifiers run too early to see).
fn documented(routes: OpenApiRouter<AppState>) -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let (router, mut openapi) = routes.split_for_parts();
    openapi_errors::SharedErrors.modify(&mut openapi);
    (router, openapi)
}

fn cors_layer(origins: &[String]) -> Result<Option<CorsLayer>, String> {
    if origins.is_empty() {
        return Ok(None);
    }
    let allow_origin = if origins.iter().any(|origin| origin == "*") {
        AllowOrigin::any()
    } else {
        let parsed = origins
            .iter()
            .map(|origin| {
                HeaderValue::from_str(origin).map_err(|_| format!("invalid CORS origin {origin:?}"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        AllowOrigin::list(parsed)
    };
    Ok(Some(
        CorsLayer::new()
            .allow_origin(allow_origin)
            .allow_methods([
                Method::GET,
                Method::POST,
                Method::PUT,
                Method::PATCH,
                Method::DELETE,
            ])
            .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE])
            .expose_headers([request_id::REQUEST_ID_HEADER.clone(), header::RETRY_AFTER])
            .max_age(Duration::from_secs(3600)),
    ))
}

/// Serves a single-page app from `dir`, answering unknown paths with its `index.html` so that
/// client-side routes survive a reload. The fallback keeps `ServeFile`'s own status, so a
/// browser's conditional reload gets a proper `304 Not Modified` rather than an empty `200`.
fn single_page_app(dir: &Path) -> ServeDir<ServeFile> {
    ServeDir::new(dir).fallback(ServeFile::new(dir.join("index.html")))
}

/// The complete application: API, docs, operational endpoints and cross-cutting layers.
pub fn router(state: AppState) -> Result<Router, String> {
    router_with(state, Router::new())
}

/// The application with `extra` routes merged in, behind every layer, so those routes get the
/// same request ids, rate limits, security headers and panic handling as the product's own
/// (tests reach the layers this way with a route the product does not have: one that panics).
pub fn router_with(state: AppState, extra: Router<AppState>) -> Result<Router, String> {
    let settings = state.settings.clone();
    metrics::handle();
    let clock = state.rate_limit_clock.clone();
    let (api, openapi) = documented(api_routes(
        &settings.rate_limits,
        &clock,
        settings.ingest_body_limit_bytes,
    )?);
    let global_limiter = IpRateLimiter::global(&settings.rate_limits, &clock)?;
    let built = |dir: Option<&Path>| dir.is_some_and(|dir| dir.join("index.html").exists());
    let door = Arc::new(front_door::FrontDoor {
        front_ends: front_door::FrontEnds {
            app: built(settings.app_ui_dir.as_deref()),
            admin: built(settings.admin_ui_dir.as_deref()),
        },
        demo_accounts: settings.demo_accounts.clone(),
    });
    let (home_door, missing_door) = (door.clone(), door);
    let mut app = Router::new()
        .merge(api)
        .merge(routes::ops::router())
        .merge(extra)
        .route("/", get(move || front_door::home(home_door.clone())))
        .fallback(move |uri: Uri| front_door::not_found(missing_door.clone(), uri))
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .with_state(state)
        .merge(SwaggerUi::new("/api/docs").url("/api/v1/openapi.json", openapi));
    for (path, dir, what) in [
        (
            "/admin",
            settings.admin_ui_dir.as_deref(),
            "admin dashboard",
        ),
        ("/app", settings.app_ui_dir.as_deref(), "consumer app"),
    ] {
        let Some(dir) = dir else { continue };
        if built(Some(dir)) {
            app = app.nest_service(path, single_page_app(dir));
        } else {
            tracing::warn!(dir = %dir.display(), "{what} not built; {path} is unavailable (run `make run`)");
        }
    }
    app = app
        .layer(DefaultBodyLimit::max(settings.body_limit_bytes))
        .layer(middleware::from_fn_with_state(
            global_limiter,
            rate_limit::enforce,
        ))
        .layer(CatchPanicLayer::custom(panics::answer))
        .layer(middleware::from_fn(request_id::scope))
        .layer(middleware::from_fn(metrics::track));
    if let Some(cors) = cors_layer(&settings.cors_allowed_origins)? {
        app = app.layer(cors);
    }
    Ok(app
        .layer(middleware::from_fn(security_headers::apply))
        .layer(PropagateRequestIdLayer::new(request_id::REQUEST_ID_HEADER.clone()))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request<_>| {
                    let request_id = request
                        .headers()
                        .get(&request_id::REQUEST_ID_HEADER)
                        .and_then(|value| value.to_str().ok())
                        .unwrap_or_default();
                    tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id)
                })
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
        .layer(SetRequestIdLayer::new(request_id::REQUEST_ID_HEADER.clone(), MakeRequestUuid)))
}

/// Serves `app` on `listener` until `shutdown` resolves, then lets in-flight requests finish and
/// ends open event streams, which would not finish by themselves.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let (app, stop_streams) = shutdown::ending_streams(app);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        shutdown.await;
        stop_streams.send_replace(true);
    })
    .await
}
