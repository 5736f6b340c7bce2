//! Per-account sign-in throttling: failed password checks are counted per e-mail address,
//! whatever IP they come from, and after a few the address must wait before the next attempt,
//! twice as long after every further failure (up to a cap). A botnet spreading its guesses over
//! many addresses gets no more tries at one account than a single client.
//!
//! The count is keyed by the address as typed (normalised), not by the account, so an address
//! without an account is throttled the same way and the answer reveals nothing. It is kept in
//! memory: each API instance counts on its own, which bounds guesses per instance.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use crate::error::ApiError;
use crate::rate_limit::{LimiterClock, RateLimitConfig};

/// Addresses remembered at most; beyond it, addresses whose wait is over are forgotten first.
const MAX_TRACKED: usize = 100_000;

/// Failures of one address.
#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    /// When the address may try again (clock nanoseconds); 0 while within the free failures.
    wait_until: u64,
    /// The last failure (clock nanoseconds), to forget addresses that went quiet.
    last: u64,
}

/// The per-address failure counts and the back-off rule.
#[derive(Debug)]
pub struct SignInThrottle {
    free_failures: u32,
    first_wait: Duration,
    longest_wait: Duration,
    failures: Mutex<HashMap<String, Failures>>,
}

fn nanos(duration: Duration) -> u64 {
    u64::try_from(duration.as_nanos()).unwrap_or(u64::MAX)
}

fn whole_seconds(nanos: u64) -> u64 {
    nanos.div_ceil(1_000_000_000).max(1)
}

impl SignInThrottle {
    /// The rule from configuration.
    pub fn new(config: &RateLimitConfig) -> Self {
        Self {
            free_failures: config.sign_in_free_failures,
            first_wait: Duration::from_secs(config.sign_in_backoff_secs),
            longest_wait: Duration::from_secs(config.sign_in_backoff_max_secs),
            failures: Mutex::new(HashMap::new()),
        }
    }

    /// The key of an address: trimmed and lower-cased, as accounts store it.
    fn key(email: &str) -> String {
        email.trim().to_lowercase()
    }

    /// Refuses with 429 and `Retry-After` while `email` must wait.
    pub fn check(&self, clock: &LimiterClock, email: &str) -> Result<(), ApiError> {
        let now = clock.nanos();
        let failures = self.failures.lock().map_err(|_| poisoned())?;
        match failures.get(&Self::key(email)) {
            Some(entry) if entry.wait_until > now => Err(ApiError::TooManyRequests {
                retry_after_secs: whole_seconds(entry.wait_until - now),
            }),
            _ => Ok(()),
        }
    }

    /// Counts a failed password check for `email`, and starts its wait once the free failures
    /// are used up: the first wait, doubled for every failure after it, at most the longest.
    pub fn failed(&self, clock: &LimiterClock, email: &str) -> Result<(), ApiError> {
        let now = clock.nanos();
        let mut failures = self.failures.lock().map_err(|_| poisoned())?;
        if failures.len() >= MAX_TRACKED {
            let quiet = nanos(self.longest_wait).saturating_mul(2);
            failures.retain(|_, entry| {
                entry.wait_until > now || now.saturating_sub(entry.last) < quiet
            });
        }
        let key = Self::key(email);
        if failures.len() >= MAX_TRACKED && !failures.contains_key(&key) {
            tracing::warn!("sign-in throttle is full; a failure went uncounted");
            return Ok(());
        }
        let entry = failures.entry(key).or_insert(Failures {
            count: 0,
            wait_until: 0,
            last: now,
        });
        entry.count = entry.count.saturating_add(1);
        entry.last = now;
        if entry.count >= self.free_failures.max(1) {
            let doublings = (entry.count - self.free_failures.max(1)).min(30);
            let wait = self
                .first_wait
                .saturating_mul(1 << doublings)
                .min(self.longest_wait);
            entry.wait_until = now.saturating_add(nanos(wait));
        }
        Ok(())
    }

    /// Forgets the failures of `email` after a successful sign-in.
    pub fn succeeded(&self, email: &str) -> Result<(), ApiError> {
        self.failures
            .lock()
            .map_err(|_| poisoned())?
            .remove(&Self::key(email));
        Ok(())
    }
}

fn poisoned() -> ApiError {
    ApiError::Internal("sign-in throttle lock poisoned".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn throttle() -> SignInThrottle {
        SignInThrottle::new(&RateLimitConfig {
            sign_in_free_failures: 3,
            sign_in_backoff_secs: 10,
            sign_in_backoff_max_secs: 35,
            ..RateLimitConfig::default()
        })
    }

    fn waits(throttle: &SignInThrottle, clock: &LimiterClock, email: &str) -> Option<u64> {
        match throttle.check(clock, email) {
            Ok(()) => None,
            Err(ApiError::TooManyRequests { retry_after_secs }) => Some(retry_after_secs),
            Err(other) => panic!("unexpected {other}"),
        }
    }

    #[test]
    fn waits_start_after_the_free_failures_double_and_stop_at_the_cap() {
        let (throttle, clock) = (throttle(), LimiterClock::manual());
        for _ in 0..2 {
            throttle.failed(&clock, "maria@example.com").unwrap();
            assert_eq!(waits(&throttle, &clock, "maria@example.com"), None);
        }
        // Third failure: 10 s; then 20 s; then 40 s capped at 35 s.
        for expected in [10, 20, 35, 35] {
            throttle.failed(&clock, "maria@example.com").unwrap();
            assert_eq!(
                waits(&throttle, &clock, " Maria@Example.com"),
                Some(expected)
            );
            clock.advance(Duration::from_secs(expected - 1));
            assert_eq!(waits(&throttle, &clock, "maria@example.com"), Some(1));
            clock.advance(Duration::from_secs(1));
            assert_eq!(waits(&throttle, &clock, "maria@example.com"), None);
        }
        // Another address is not affected, and success forgets the count.
        assert_eq!(waits(&throttle, &clock, "nikos@example.com"), None);
        throttle.succeeded("maria@example.com").unwrap();
        throttle.failed(&clock, "maria@example.com").unwrap();
        assert_eq!(waits(&throttle, &clock, "maria@example.com"), None);
    }
}
