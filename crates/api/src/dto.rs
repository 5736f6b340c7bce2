//! The JSON shapes of the API. Requests refuse unknown fields; responses never carry secrets.

use std::fmt;

use chrono::{DateTime, Utc};
use domain::account::Role;
use domain::language::Language;
use domain::secret::Secret;
use serde::{Deserialize, Serialize};
use store::{HouseholdRecord, MeterRecord, Page, UserRecord};
use utoipa::ToSchema;
use uuid::Uuid;

/// Opening an account.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterRequest {
    /// Sign-in e-mail.
    #[schema(example = "eleni@example.com")]
    pub email: String,
    /// At least 10 characters and 5 different ones; not a well-known password.
    #[schema(value_type = String, example = "green garden grows")]
    pub password: Secret,
    /// Name shown on leaderboards.
    #[schema(example = "Eleni")]
    pub display_name: String,
    /// The language to write to the person in: `el` or `en`. When absent, the best match of
    /// the request's `Accept-Language`, else `en`.
    #[schema(value_type = Option<Language>, example = "el")]
    pub language: Option<String>,
}

/// Signing in.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    /// Sign-in e-mail.
    pub email: String,
    /// Password.
    #[schema(value_type = String)]
    pub password: Secret,
}

/// Presenting a refresh token (refresh and logout).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    /// The opaque refresh token from the last token response.
    #[schema(value_type = String)]
    pub refresh_token: Secret,
}

/// Tokens in the OAuth 2.0 shape (RFC 6749 §5.1).
#[derive(Serialize, Deserialize, ToSchema)]
pub struct TokenResponse {
    /// A JWT for the `Authorization: Bearer` header.
    pub access_token: String,
    /// An opaque token for `POST /api/v1/auth/refresh`; single use.
    pub refresh_token: String,
    /// Always "Bearer".
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: u64,
}

/// Changing one's own password.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    /// The password in use now.
    #[schema(value_type = String)]
    pub current_password: Secret,
    /// The new password, under the same policy as registration.
    #[schema(value_type = String)]
    pub new_password: Secret,
}

/// The tokens show as `[redacted]`: a response must never reveal them in a log line or a panic
/// message. (The request shapes hold theirs as [`Secret`], which does the same.)
impl fmt::Debug for TokenResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenResponse")
            .field("access_token", &format_args!("[redacted]"))
            .field("refresh_token", &format_args!("[redacted]"))
            .field("token_type", &self.token_type)
            .field("expires_in", &self.expires_in)
            .finish()
    }
}

/// An account.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct UserResponse {
    /// Account id.
    pub id: Uuid,
    /// Sign-in e-mail.
    pub email: String,
    /// Name shown to others.
    pub display_name: String,
    /// What the account may do.
    #[schema(value_type = String, example = "consumer")]
    pub role: Role,
    /// Whether staff disabled it.
    pub disabled: bool,
    /// When it was disabled.
    pub disabled_at: Option<DateTime<Utc>>,
    /// Last successful sign-in.
    pub last_login_at: Option<DateTime<Utc>>,
    /// When it registered.
    pub created_at: DateTime<Utc>,
    /// The language the server writes to the person in.
    pub language: Language,
}

impl From<UserRecord> for UserResponse {
    fn from(user: UserRecord) -> Self {
        Self {
            id: user.id,
            email: user.email,
            display_name: user.display_name,
            role: user.role,
            disabled: user.disabled_at.is_some(),
            disabled_at: user.disabled_at,
            last_login_at: user.last_login_at,
            created_at: user.created_at,
            language: user.language,
        }
    }
}

/// Changes to one's own account; omitted fields are kept.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateMeRequest {
    /// The language to write to the person in: `el` or `en`.
    #[schema(value_type = Option<Language>, example = "el")]
    pub language: Option<String>,
}

/// A page of accounts.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct UserPage {
    /// The accounts on this page, in the order asked for.
    pub items: Vec<UserResponse>,
    /// 1-based page number.
    pub page: u64,
    /// Page size.
    pub per_page: u64,
    /// Accounts matching the filter on all pages.
    pub total: u64,
}

impl From<Page<UserRecord>> for UserPage {
    fn from(page: Page<UserRecord>) -> Self {
        Self {
            items: page.items.into_iter().map(UserResponse::from).collect(),
            page: page.request.page(),
            per_page: page.request.per_page(),
            total: page.total,
        }
    }
}

/// A meter linked to a household.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MeterResponse {
    /// The utility's meter id.
    pub meter_id: String,
    /// Reading interval (15 or 30 minutes).
    pub interval_minutes: i16,
    /// When it was linked.
    pub linked_at: Option<DateTime<Utc>>,
}

impl From<MeterRecord> for MeterResponse {
    fn from(meter: MeterRecord) -> Self {
        Self {
            meter_id: meter.meter_id,
            interval_minutes: meter.interval_minutes,
            linked_at: meter.linked_at,
        }
    }
}

/// A household and its meters.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct HouseholdResponse {
    /// The household's own name.
    pub name: String,
    /// District, once chosen; one of `GET /api/v1/programme` districts.
    pub district: Option<String>,
    /// Tariff code.
    pub tariff_code: String,
    /// IANA time zone.
    pub time_zone: String,
    /// Linked meters.
    pub meters: Vec<MeterResponse>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

impl From<HouseholdRecord> for HouseholdResponse {
    fn from(household: HouseholdRecord) -> Self {
        Self {
            name: household.name,
            district: household.district,
            tariff_code: household.tariff_code,
            time_zone: household.time_zone.name().to_owned(),
            meters: household
                .meters
                .into_iter()
                .map(MeterResponse::from)
                .collect(),
            updated_at: household.updated_at,
        }
    }
}

/// A partial household update; omitted fields stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateHouseholdRequest {
    /// New name.
    pub name: Option<String>,
    /// New district.
    pub district: Option<String>,
    /// New tariff code.
    pub tariff_code: Option<String>,
    /// New IANA time zone.
    pub time_zone: Option<String>,
}

/// An account as staff see it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AdminUserDetail {
    /// The account.
    pub user: UserResponse,
    /// Its household.
    pub household: HouseholdResponse,
}

/// Giving an account a new role.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangeRoleRequest {
    /// One of consumer, admin, superadmin.
    #[schema(example = "admin")]
    pub role: String,
}

/// Linking a meter to a household.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkMeterRequest {
    /// The utility's meter id.
    #[schema(example = "CY-000123")]
    pub meter_id: String,
    /// Reading interval: 15 or 30.
    #[schema(example = 15)]
    pub interval_minutes: i64,
}

/// Filters and paging for the staff user list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct UserListQuery {
    /// Part of an e-mail, display name or meter id.
    pub q: Option<String>,
    /// Only this role.
    pub role: Option<String>,
    /// Order: `email`, `display_name`, `role`, `created_at` or `last_login_at`, with a leading
    /// `-` for descending (default `-created_at`: newest first). Accounts that never signed in
    /// come last either way.
    #[param(example = "-created_at")]
    pub sort: Option<String>,
    /// 1-based page (default 1).
    pub page: Option<u64>,
    /// Page size, 1–100 (default 25).
    pub per_page: Option<u64>,
}

/// What clients need to know about the programme to fill in forms.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ProgrammeResponse {
    /// The programme's time zone; day-based rules use it.
    pub time_zone: String,
    /// Districts a household may choose.
    pub districts: Vec<String>,
    /// Tariff given to new households.
    pub default_tariff_code: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_and_tokens_never_print() {
        let shown = [
            format!(
                "{:?}",
                RegisterRequest {
                    email: "eleni@example.com".into(),
                    password: "hunter2-secret".into(),
                    display_name: "Eleni".into(),
                    language: None,
                }
            ),
            format!(
                "{:?}",
                LoginRequest {
                    email: "eleni@example.com".into(),
                    password: "hunter2-secret".into(),
                }
            ),
            format!(
                "{:?}",
                RefreshRequest {
                    refresh_token: "hunter2-secret".into(),
                }
            ),
            format!(
                "{:?}",
                TokenResponse {
                    access_token: "hunter2-secret".into(),
                    refresh_token: "hunter2-secret".into(),
                    token_type: "Bearer".into(),
                    expires_in: 900,
                }
            ),
            format!(
                "{:?}",
                ChangePasswordRequest {
                    current_password: "hunter2-secret".into(),
                    new_password: "hunter2-secret".into(),
                }
            ),
        ];
        for text in &shown {
            assert!(!text.contains("hunter2"), "{text}");
            assert!(text.contains("[redacted]"), "{text}");
        }
        assert!(shown[0].contains("eleni@example.com") && shown[3].contains("900"));
    }
}
