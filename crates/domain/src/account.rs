//! Accounts: who may sign in, and with which powers.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ValidationError;

/// Longest e-mail address SMTP can carry (RFC 5321 path limit).
const EMAIL_MAX_LEN: usize = 254;
const EMAIL_LOCAL_MAX_LEN: usize = 64;

/// An e-mail address, trimmed and lower-cased so that one person has one account whatever the case
/// they type it in.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    /// Accepts the common shape `local@domain.tld`; deliverability is not checked here.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let email = raw.trim().to_lowercase();
        if email.is_empty() {
            return Err(ValidationError::new("email is required"));
        }
        if email.len() > EMAIL_MAX_LEN {
            return Err(ValidationError::new("email must be at most 254 characters"));
        }
        let Some((local, domain)) = email.split_once('@') else {
            return Err(ValidationError::new("email must contain an @"));
        };
        let local_ok = !local.is_empty()
            && local.len() <= EMAIL_LOCAL_MAX_LEN
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            });
        if !local_ok || !domain_ok {
            return Err(ValidationError::new(
                "email must look like name@example.com",
            ));
        }
        Ok(Self(email))
    }

    /// The normalised address.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn local_part(&self) -> &str {
        self.0.split('@').next().unwrap_or_default()
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Minimum password length: NIST SP 800-63B favours length over composition rules.
pub const PASSWORD_MIN_CHARS: usize = 10;
/// Maximum password length, so hashing cost stays bounded.
pub const PASSWORD_MAX_CHARS: usize = 128;

/// Passwords seen so often in breaches that their length alone would not stop a guess.
const COMMON_PASSWORDS: &[&str] = &[
    "1234567890",
    "12345678910",
    "0123456789",
    "password123",
    "password1234",
    "passw0rd123",
    "qwertyuiop",
    "qwerty12345",
    "iloveyou123",
    "administrator",
    "letmein1234",
    "welcome123",
    "powersave123",
    "abcdefghij",
];

/// A password that passed the policy. It is never printed: `Debug` hides it.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    /// The policy: 10–128 characters, at least 5 different characters, not a well-known password,
    /// and not built from the account's own e-mail name.
    pub fn parse(raw: &str, email: Option<&Email>) -> Result<Self, ValidationError> {
        let chars = raw.chars().count();
        if chars < PASSWORD_MIN_CHARS {
            return Err(ValidationError::new(
                "password must be at least 10 characters long",
            ));
        }
        if chars > PASSWORD_MAX_CHARS {
            return Err(ValidationError::new(
                "password must be at most 128 characters long",
            ));
        }
        let mut distinct: Vec<char> = raw.chars().collect();
        distinct.sort_unstable();
        distinct.dedup();
        if distinct.len() < 5 {
            return Err(ValidationError::new(
                "password must use at least 5 different characters",
            ));
        }
        let lowered = raw.to_lowercase();
        if COMMON_PASSWORDS.contains(&lowered.as_str()) {
            return Err(ValidationError::new(
                "password is too common; choose a longer phrase",
            ));
        }
        if let Some(email) = email {
            let local = email.local_part();
            if local.len() >= 4 && lowered.contains(local) {
                return Err(ValidationError::new(
                    "password must not contain your e-mail name",
                ));
            }
        }
        Ok(Self(raw.to_owned()))
    }

    /// The secret itself, for hashing only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password([redacted])")
    }
}

/// Longest display name, so that leaderboards and lists stay readable.
pub const DISPLAY_NAME_MAX_CHARS: usize = 50;

/// The name shown to others (leaderboards) and to staff; never an e-mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    /// Trimmed, 1–50 characters, no control characters.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let name = raw.trim();
        if name.is_empty() {
            return Err(ValidationError::new("display name is required"));
        }
        if name.chars().count() > DISPLAY_NAME_MAX_CHARS {
            return Err(ValidationError::new(
                "display name must be at most 50 characters",
            ));
        }
        if name.chars().any(char::is_control) {
            return Err(ValidationError::new(
                "display name must not contain control characters",
            ));
        }
        Ok(Self(name.to_owned()))
    }

    /// The trimmed name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What an account may do. Ordered: each role can do everything the roles below it can.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// A household taking part in the programme.
    Consumer,
    /// Utility staff running the programme.
    Admin,
    /// Staff who also manage other staff, roles and system settings.
    SuperAdmin,
}

impl Role {
    /// The stable name used in storage, tokens and the API.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Consumer => "consumer",
            Self::Admin => "admin",
            Self::SuperAdmin => "superadmin",
        }
    }

    /// Reads the stable name back.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        match raw {
            "consumer" => Ok(Self::Consumer),
            "admin" => Ok(Self::Admin),
            "superadmin" => Ok(Self::SuperAdmin),
            _ => Err(ValidationError::new(
                "role must be one of consumer, admin, superadmin",
            )),
        }
    }

    /// Staff may manage another account only when they outrank it or are superadmins, so an
    /// admin can never lock out a superadmin.
    pub fn may_manage(self, target: Role) -> bool {
        self == Self::SuperAdmin || (self >= Self::Admin && target == Self::Consumer)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn email_is_normalised() {
        let email = Email::parse("  Eleni.K@Example.COM ").unwrap();
        assert_eq!(email.as_str(), "eleni.k@example.com");
    }

    #[test]
    fn malformed_emails_are_refused() {
        for raw in [
            "",
            "plain",
            "@example.com",
            "a@",
            "a@b",
            "a b@example.com",
            "a@exa mple.com",
            "a..b@example.com",
            "a@-example.com",
            ".a@example.com",
        ] {
            assert!(Email::parse(raw).is_err(), "{raw:?} accepted");
        }
    }

    #[test]
    fn password_policy() {
        let email = Email::parse("andreas@example.com").unwrap();
        assert!(Password::parse("short", None).is_err());
        assert!(Password::parse("aaaaaaaaaaaa", None).is_err());
        assert!(Password::parse("Password123", None).is_err());
        assert!(Password::parse("andreas-2026!", Some(&email)).is_err());
        assert!(Password::parse(&"ab3$x".repeat(30), None).is_err());
        assert!(Password::parse("green garden grows", Some(&email)).is_ok());
    }

    #[test]
    fn password_debug_hides_secret() {
        let password = Password::parse("green garden grows", None).unwrap();
        assert!(!format!("{password:?}").contains("garden"));
    }

    #[test]
    fn display_name_rules() {
        assert_eq!(DisplayName::parse("  Maria ").unwrap().as_str(), "Maria");
        assert!(DisplayName::parse("   ").is_err());
        assert!(DisplayName::parse("a\u{7}b").is_err());
        assert!(DisplayName::parse(&"x".repeat(51)).is_err());
    }

    #[test]
    fn roles_order_and_management() {
        assert!(Role::SuperAdmin > Role::Admin && Role::Admin > Role::Consumer);
        assert!(Role::Admin.may_manage(Role::Consumer));
        assert!(!Role::Admin.may_manage(Role::Admin));
        assert!(!Role::Admin.may_manage(Role::SuperAdmin));
        assert!(Role::SuperAdmin.may_manage(Role::SuperAdmin));
        assert!(!Role::Consumer.may_manage(Role::Consumer));
    }

    proptest! {
        #[test]
        fn role_names_round_trip(index in 0usize..3) {
            let role = [Role::Consumer, Role::Admin, Role::SuperAdmin][index];
            prop_assert_eq!(Role::parse(role.as_str()).unwrap(), role);
        }

        #[test]
        fn parsed_emails_are_stable(local in "[a-z0-9]{1,20}", domain in "[a-z]{1,10}\\.[a-z]{2,5}") {
            let email = Email::parse(&format!("{local}@{domain}")).unwrap();
            prop_assert_eq!(Email::parse(email.as_str()).unwrap(), email);
        }

        #[test]
        fn email_parse_never_panics(raw in ".{0,300}") {
            let _ = Email::parse(&raw);
        }
    }
}
