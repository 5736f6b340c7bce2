//! Per-client-IP rate limits: a strict one for the endpoints that check or hash passwords
//! (password guessing, and the cost of argon2) and a looser global one for everything. The
//! client's address is the peer's, or the one a configured reverse proxy reports in a header;
//! the header is believed only when the request really comes from one of those proxies, so a
//! client cannot pick its own address and escape its limit.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::HeaderName;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::Clock;
use governor::middleware::NoOpMiddleware;
use governor::nanos::Nanos;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};

use crate::error::ApiError;

/// Limits, from configuration.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct RateLimitConfig {
    /// Sign-in, registration and refresh attempts per minute per IP.
    pub auth_per_minute: u32,
    /// Attempts allowed at once before the per-minute rate applies.
    pub auth_burst: u32,
    /// Requests per second per IP across the API.
    pub global_per_second: u32,
    /// Requests allowed at once before the per-second rate applies.
    pub global_burst: u32,
    /// A header set by a trusted reverse proxy with the client address (for example
    /// `x-forwarded-for`); the last address in it is used, and only on requests whose peer is
    /// one of `trusted_proxies`. Without it, the peer address is used.
    pub client_ip_header: Option<String>,
    /// Addresses of the reverse proxies whose `client_ip_header` is believed; required when the
    /// header is set.
    pub trusted_proxies: Vec<IpAddr>,
    /// Failed sign-ins of one account allowed before it is made to wait (whatever the IP).
    pub sign_in_free_failures: u32,
    /// The first wait after those failures, in seconds; it doubles with every further failure.
    pub sign_in_backoff_secs: u64,
    /// The longest wait, in seconds, so that an attacker can slow an account's owner down but
    /// never lock them out for long.
    pub sign_in_backoff_max_secs: u64,
}

impl Default for RateLimitConfig {
    fn default() -> Self {
        Self {
            auth_per_minute: 10,
            auth_burst: 10,
            global_per_second: 50,
            global_burst: 200,
            client_ip_header: None,
            trusted_proxies: Vec::new(),
            sign_in_free_failures: 5,
            sign_in_backoff_secs: 30,
            sign_in_backoff_max_secs: 15 * 60,
        }
    }
}

/// The time the limiters count in: the monotonic clock in service, or a clock that moves only
/// when told, so a test can say exactly how much time passed between requests.
#[derive(Debug, Clone)]
pub enum LimiterClock {
    /// Real time since the clock was made.
    Monotonic(Instant),
    /// Time moved by hand with [`LimiterClock::advance`].
    Manual(Arc<AtomicU64>),
}

impl Default for LimiterClock {
    fn default() -> Self {
        Self::Monotonic(Instant::now())
    }
}

impl LimiterClock {
    /// A clock standing still until [`LimiterClock::advance`] moves it.
    pub fn manual() -> Self {
        Self::Manual(Arc::new(AtomicU64::new(0)))
    }

    /// Nanoseconds since the clock started.
    pub fn nanos(&self) -> u64 {
        match self {
            Self::Monotonic(start) => u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX),
            Self::Manual(nanos) => nanos.load(Ordering::SeqCst),
        }
    }

    /// Moves a manual clock on by `by`; the monotonic clock moves by itself and is left alone.
    pub fn advance(&self, by: Duration) {
        if let Self::Manual(nanos) = self {
            let by = u64::try_from(by.as_nanos()).unwrap_or(u64::MAX);
            nanos.fetch_add(by, Ordering::SeqCst);
        }
    }
}

impl Clock for LimiterClock {
    type Instant = Nanos;

    fn now(&self) -> Nanos {
        Nanos::from(self.nanos())
    }
}

type KeyedLimiter =
    RateLimiter<IpAddr, DefaultKeyedStateStore<IpAddr>, LimiterClock, NoOpMiddleware<Nanos>>;

/// A keyed limiter with the header it reads client addresses from.
#[derive(Clone)]
pub struct IpRateLimiter {
    limiter: Arc<KeyedLimiter>,
    clock: LimiterClock,
    client_ip_header: Option<HeaderName>,
    trusted_proxies: Arc<[IpAddr]>,
    checks: Arc<AtomicU64>,
}

/// How often (in checks) forgotten clients are swept out of memory.
const SWEEP_EVERY: u64 = 10_000;

impl IpRateLimiter {
    fn new(quota: Quota, config: &RateLimitConfig, clock: &LimiterClock) -> Result<Self, String> {
        let client_ip_header = config
            .client_ip_header
            .as_deref()
            .map(|name| {
                HeaderName::try_from(name).map_err(|_| format!("invalid header name {name:?}"))
            })
            .transpose()?;
        if client_ip_header.is_some() && config.trusted_proxies.is_empty() {
            return Err(
                "rate_limits.client_ip_header needs rate_limits.trusted_proxies: the addresses \
                 of the proxies that set it"
                    .to_owned(),
            );
        }
        Ok(Self {
            limiter: Arc::new(RateLimiter::dashmap_with_clock(quota, clock.clone())),
            clock: clock.clone(),
            client_ip_header,
            trusted_proxies: config.trusted_proxies.clone().into(),
            checks: Arc::new(AtomicU64::new(0)),
        })
    }

    /// The limiter for sign-in endpoints.
    pub fn auth(config: &RateLimitConfig, clock: &LimiterClock) -> Result<Self, String> {
        let quota = Quota::per_minute(non_zero(config.auth_per_minute, "auth_per_minute")?)
            .allow_burst(non_zero(config.auth_burst, "auth_burst")?);
        Self::new(quota, config, clock)
    }

    /// The limiter for every request.
    pub fn global(config: &RateLimitConfig, clock: &LimiterClock) -> Result<Self, String> {
        let quota = Quota::per_second(non_zero(config.global_per_second, "global_per_second")?)
            .allow_burst(non_zero(config.global_burst, "global_burst")?);
        Self::new(quota, config, clock)
    }

    fn client_ip(&self, request: &Request) -> IpAddr {
        let peer = request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip().to_canonical())
            .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
        if !self.trusted_proxies.contains(&peer) {
            return peer;
        }
        let from_header = self.client_ip_header.as_ref().and_then(|name| {
            request
                .headers()
                .get(name)?
                .to_str()
                .ok()?
                .rsplit(',')
                .next()?
                .trim()
                .parse()
                .ok()
        });
        from_header.unwrap_or(peer)
    }

    fn check(&self, ip: IpAddr) -> Result<(), ApiError> {
        if self.checks.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY == SWEEP_EVERY - 1 {
            self.limiter.retain_recent();
        }
        self.limiter.check_key(&ip).map_err(|not_until| {
            let wait = not_until.wait_time_from(self.clock.now());
            ApiError::TooManyRequests {
                retry_after_secs: wait.as_secs() + u64::from(wait.subsec_nanos() > 0),
            }
        })
    }
}

fn non_zero(value: u32, name: &str) -> Result<NonZeroU32, String> {
    NonZeroU32::new(value).ok_or_else(|| format!("rate limit {name} must be at least 1"))
}

/// Middleware: refuses the request with 429 and `Retry-After` when the client is over its limit.
pub async fn enforce(
    State(limiter): State<IpRateLimiter>,
    request: Request,
    next: Next,
) -> Response {
    let ip = limiter.client_ip(&request);
    match limiter.check(ip) {
        Ok(()) => next.run(request).await,
        Err(error) => error.into_response(),
    }
}
