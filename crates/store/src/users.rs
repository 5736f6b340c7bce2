//! Accounts: creation (with their household), lookup, search, and the staff actions on them.

use chrono::{DateTime, Utc};
use domain::account::{DisplayName, Email, Role};
use domain::household::{HouseholdName, TariffCode, TimeZone};
use domain::language::Language;
use domain::paging::PageRequest;
use domain::sorting::Sort;
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter,
    QuerySelect, Set,
};
use uuid::Uuid;

use crate::entity::{household, meter, refresh_token, user};
use crate::page::Page;
use crate::sort_fields::UserSortField;
use crate::{Store, StoreError};

/// An account as the rest of the system sees it; the password hash stays inside the store except
/// through [`Store::credentials_by_email`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRecord {
    /// Stable account id.
    pub id: Uuid,
    /// Normalised e-mail.
    pub email: String,
    /// Name shown to others.
    pub display_name: String,
    /// What the account may do.
    pub role: Role,
    /// When staff disabled it; a disabled account cannot sign in or use its tokens.
    pub disabled_at: Option<DateTime<Utc>>,
    /// The last successful sign-in.
    pub last_login_at: Option<DateTime<Utc>>,
    /// When it registered.
    pub created_at: DateTime<Utc>,
    /// The version access tokens must carry to be accepted; signing out, a password change and
    /// disabling move it on, so tokens issued before stop working at once.
    pub token_version: i64,
    /// Whether the demo programme created it (such accounts are kept disabled outside demo mode).
    pub demo: bool,
    /// The language the server writes to this person in.
    pub language: Language,
}

impl UserRecord {
    /// Whether the account may act at all.
    pub fn is_active(&self) -> bool {
        self.disabled_at.is_none()
    }
}

impl TryFrom<user::Model> for UserRecord {
    type Error = StoreError;

    fn try_from(model: user::Model) -> Result<Self, StoreError> {
        let role = Role::parse(&model.role)
            .map_err(|_| StoreError::Corrupt(format!("unknown role {:?}", model.role)))?;
        let language = Language::parse(&model.language)
            .map_err(|_| StoreError::Corrupt(format!("unknown language {:?}", model.language)))?;
        Ok(Self {
            id: model.id,
            email: model.email,
            display_name: model.display_name,
            role,
            disabled_at: model.disabled_at,
            last_login_at: model.last_login_at,
            created_at: model.created_at,
            token_version: model.token_version,
            demo: model.demo,
            language,
        })
    }
}

/// Everything needed to open an account and its household in one transaction.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Sign-in address.
    pub email: Email,
    /// Name shown to others.
    pub display_name: DisplayName,
    /// An argon2id PHC string; the store never sees the password itself.
    pub password_hash: String,
    /// Initial role.
    pub role: Role,
    /// The household's starting tariff.
    pub tariff_code: TariffCode,
    /// The household's starting time zone.
    pub time_zone: TimeZone,
    /// The language the person reads.
    pub language: Language,
}

/// Filters for the staff user list.
#[derive(Debug, Clone, Default)]
pub struct UserSearch {
    /// Matches part of the e-mail, the display name or a meter id, case-insensitively.
    pub text: Option<String>,
    /// Only accounts with this role.
    pub role: Option<Role>,
}

/// Escapes LIKE wildcards so a search for "50%" means the characters, not a pattern.
fn contains_pattern(text: &str) -> LikeExpr {
    let escaped = text
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    LikeExpr::new(format!("%{escaped}%")).escape('\\')
}

/// The filter of the staff user list: text in the e-mail, display name or a linked meter's id,
/// and the role.
pub(crate) fn search_condition(search: &UserSearch) -> Condition {
    let mut condition = Condition::all();
    if let Some(text) = search
        .text
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        let meters_matching = Query::select()
            .column(meter::Column::HouseholdId)
            .from(meter::Entity)
            .and_where(
                Expr::expr(Func::lower(Expr::col(meter::Column::MeterId)))
                    .like(contains_pattern(text)),
            )
            .and_where(meter::Column::HouseholdId.is_not_null())
            .to_owned();
        condition = condition.add(
            Condition::any()
                .add(Expr::col(user::Column::Email).like(contains_pattern(text)))
                .add(
                    Expr::expr(Func::lower(Expr::col(user::Column::DisplayName)))
                        .like(contains_pattern(text)),
                )
                .add(user::Column::Id.in_subquery(meters_matching)),
        );
    }
    if let Some(role) = search.role {
        condition = condition.add(user::Column::Role.eq(role.as_str()));
    }
    condition
}

impl Store {
    /// Opens an account and its household. A clashing e-mail is a [`StoreError::Conflict`].
    pub async fn create_user(&self, new: NewUser) -> Result<UserRecord, StoreError> {
        let now = Utc::now();
        let id = Uuid::now_v7();
        let txn = self.begin_write().await?;
        let exists = user::Entity::find()
            .filter(user::Column::Email.eq(new.email.as_str()))
            .count(&txn)
            .await?;
        if exists > 0 {
            return Err(StoreError::Conflict(format!(
                "an account with email {} already exists",
                new.email
            )));
        }
        let model = user::ActiveModel {
            id: Set(id),
            email: Set(new.email.as_str().to_owned()),
            display_name: Set(new.display_name.as_str().to_owned()),
            password_hash: Set(new.password_hash),
            role: Set(new.role.as_str().to_owned()),
            disabled_at: Set(None),
            last_login_at: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            token_version: Set(0),
            demo: Set(false),
            language: Set(new.language.as_str().to_owned()),
        }
        .insert(&txn)
        .await
        .map_err(|error| match StoreError::from(error) {
            StoreError::Conflict(_) => StoreError::Conflict(format!(
                "an account with email {} already exists",
                new.email
            )),
            other => other,
        })?;
        let household_name = HouseholdName::parse(&format!("{}'s home", new.display_name.as_str()))
            .or_else(|_| HouseholdName::parse(new.display_name.as_str()))
            .map_err(|error| StoreError::Corrupt(error.to_string()))?;
        household::ActiveModel {
            user_id: Set(id),
            name: Set(household_name.as_str().to_owned()),
            district: Set(None),
            tariff_code: Set(new.tariff_code.as_str().to_owned()),
            time_zone: Set(new.time_zone.name().to_owned()),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&txn)
        .await?;
        txn.commit().await?;
        model.try_into()
    }

    /// The account with this id, if any.
    pub async fn user_by_id(&self, id: Uuid) -> Result<Option<UserRecord>, StoreError> {
        user::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .map(UserRecord::try_from)
            .transpose()
    }

    /// The account and its password hash, for sign-in only.
    pub async fn credentials_by_email(
        &self,
        email: &Email,
    ) -> Result<Option<(UserRecord, String)>, StoreError> {
        let Some(model) = user::Entity::find()
            .filter(user::Column::Email.eq(email.as_str()))
            .one(&self.db)
            .await?
        else {
            return Ok(None);
        };
        let hash = model.password_hash.clone();
        Ok(Some((model.try_into()?, hash)))
    }

    /// The password hash of an account, to check the current password before changing it.
    pub async fn password_hash(&self, id: Uuid) -> Result<String, StoreError> {
        user::Entity::find_by_id(id)
            .select_only()
            .column(user::Column::PasswordHash)
            .into_tuple::<String>()
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound("user"))
    }

    /// Remembers a successful sign-in.
    pub async fn record_login(&self, id: Uuid) -> Result<(), StoreError> {
        user::Entity::update_many()
            .col_expr(user::Column::LastLoginAt, Expr::value(Utc::now()))
            .filter(user::Column::Id.eq(id))
            .exec(&self.db)
            .await?;
        Ok(())
    }

    /// Newest accounts first, filtered by text and role.
    pub async fn search_users(
        &self,
        search: &UserSearch,
        page: PageRequest,
    ) -> Result<Page<UserRecord>, StoreError> {
        self.search_users_sorted(search, Sort::descending(UserSortField::CreatedAt), page)
            .await
    }

    /// Disables or re-enables an account. Disabling also revokes every refresh token in the same
    /// transaction, so no session survives it.
    pub async fn set_user_disabled(
        &self,
        id: Uuid,
        disabled: bool,
    ) -> Result<UserRecord, StoreError> {
        let now = Utc::now();
        let txn = self.begin_write().await?;
        let existing = user::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("user"))?;
        let updated = if existing.disabled_at.is_some() == disabled {
            existing
        } else {
            let version = existing.token_version;
            let mut model: user::ActiveModel = existing.into();
            model.disabled_at = Set(disabled.then_some(now));
            model.updated_at = Set(now);
            if disabled {
                // Tokens issued before the account was disabled must not come back to life
                // when it is enabled again.
                model.token_version = Set(version + 1);
            }
            model.update(&txn).await?
        };
        if disabled {
            revoke_all_for_user(&txn, id, now).await?;
        }
        txn.commit().await?;
        updated.try_into()
    }

    /// Sets the language the server writes to the person in.
    pub async fn set_user_language(
        &self,
        id: Uuid,
        language: Language,
    ) -> Result<UserRecord, StoreError> {
        let existing = user::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound("user"))?;
        let mut model: user::ActiveModel = existing.into();
        model.language = Set(language.as_str().to_owned());
        model.updated_at = Set(Utc::now());
        model.update(&self.db).await?.try_into()
    }

    /// Gives an account a new role.
    pub async fn set_user_role(&self, id: Uuid, role: Role) -> Result<UserRecord, StoreError> {
        let existing = user::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound("user"))?;
        let mut model: user::ActiveModel = existing.into();
        model.role = Set(role.as_str().to_owned());
        model.updated_at = Set(Utc::now());
        model.update(&self.db).await?.try_into()
    }

    /// Stores a new password hash, revokes every refresh token of the account and moves its token
    /// version on, so a stolen session (refresh and access tokens alike) ends with the password
    /// change. Returns the account as it now is, for issuing its new tokens.
    pub async fn set_password_hash(
        &self,
        id: Uuid,
        password_hash: String,
    ) -> Result<UserRecord, StoreError> {
        let now = Utc::now();
        let txn = self.begin_write().await?;
        let result = user::Entity::update_many()
            .col_expr(user::Column::PasswordHash, Expr::value(password_hash))
            .col_expr(user::Column::UpdatedAt, Expr::value(now))
            .col_expr(
                user::Column::TokenVersion,
                Expr::col(user::Column::TokenVersion).add(1),
            )
            .filter(user::Column::Id.eq(id))
            .exec(&txn)
            .await?;
        if result.rows_affected == 0 {
            return Err(StoreError::NotFound("user"));
        }
        revoke_all_for_user(&txn, id, now).await?;
        let updated = user::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("user"))?;
        txn.commit().await?;
        updated.try_into()
    }

    /// Moves the account's token version on, so every access token issued so far stops working
    /// (its refresh tokens are not touched).
    pub async fn end_access_tokens(&self, id: Uuid) -> Result<(), StoreError> {
        user::Entity::update_many()
            .col_expr(
                user::Column::TokenVersion,
                Expr::col(user::Column::TokenVersion).add(1),
            )
            .filter(user::Column::Id.eq(id))
            .exec(&self.db)
            .await?;
        Ok(())
    }
}

/// Marks every live refresh token of an account revoked.
pub(crate) async fn revoke_all_for_user<C: sea_orm::ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(now))
        .filter(refresh_token::Column::UserId.eq(user_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Headline counts for the staff overview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccountCounts {
    /// Consumer accounts (one household each).
    pub households_registered: u64,
    /// Consumers who signed in during the last 30 days.
    pub households_active_30d: u64,
    /// Disabled accounts of any role.
    pub accounts_disabled: u64,
    /// Meters linked to a household.
    pub meters_linked: u64,
    /// Admin and superadmin accounts.
    pub staff_accounts: u64,
}

impl Store {
    /// Counts for the staff overview; each is one indexed or small aggregate query.
    pub async fn account_counts(&self) -> Result<AccountCounts, StoreError> {
        let consumers =
            || user::Entity::find().filter(user::Column::Role.eq(Role::Consumer.as_str()));
        let since = Utc::now() - chrono::Duration::days(30);
        Ok(AccountCounts {
            households_registered: consumers().count(&self.db).await?,
            households_active_30d: consumers()
                .filter(user::Column::LastLoginAt.gte(since))
                .count(&self.db)
                .await?,
            accounts_disabled: user::Entity::find()
                .filter(user::Column::DisabledAt.is_not_null())
                .count(&self.db)
                .await?,
            meters_linked: meter::Entity::find()
                .filter(meter::Column::HouseholdId.is_not_null())
                .count(&self.db)
                .await?,
            staff_accounts: user::Entity::find()
                .filter(user::Column::Role.ne(Role::Consumer.as_str()))
                .count(&self.db)
                .await?,
        })
    }
}
