//! The language of a request that has no account behind it yet (docs/RULES.md, "Languages").

use axum::http::{HeaderMap, header};
use domain::language::Language;

/// The language the request's `Accept-Language` prefers among ours, else English: what a new
/// account gets when its client names none.
pub fn preferred_language(headers: &HeaderMap) -> Language {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .and_then(Language::negotiate)
        .unwrap_or_default()
}
