//! Refresh-token rotation with re-use detection.
//!
//! Every refresh consumes the presented token and issues a successor in the same family. A token
//! presented after it was consumed means someone else holds a copy, so the whole family is revoked.
//! A family also has an absolute lifetime counted from its sign-in, so rotating a stolen token
//! forever does not keep a session alive forever.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use uuid::Uuid;

use crate::entity::refresh_token;
use crate::users::UserRecord;
use crate::{Store, StoreError};

/// A token to store: only its SHA-256 hash ever reaches the database.
#[derive(Debug, Clone)]
pub struct NewRefreshToken {
    /// SHA-256 of the opaque token handed to the client.
    pub token_hash: Vec<u8>,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
}

/// What presenting a refresh token led to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RotationOutcome {
    /// The token was live: it is now consumed and its successor stored.
    Rotated(UserRecord),
    /// The token was already consumed or revoked: its family is now revoked.
    Reused,
    /// The token expired, or its family is older than its absolute lifetime (then the family
    /// is revoked).
    Expired,
    /// The token's account is disabled.
    AccountDisabled,
    /// No such token was ever issued.
    Unknown,
}

impl Store {
    /// Starts a new token family, at sign-in.
    pub async fn issue_refresh_token(
        &self,
        user_id: Uuid,
        token: NewRefreshToken,
    ) -> Result<(), StoreError> {
        insert_token(&self.db, user_id, Uuid::now_v7(), Utc::now(), token).await
    }

    /// Consumes `presented_hash` and stores `successor` in its family, in one transaction. The
    /// consume is a conditional update, so two concurrent uses of one token cannot both succeed.
    /// A family that signed in more than `family_max_age` ago is refused and revoked, and a
    /// successor never outlives its family's absolute lifetime.
    pub async fn rotate_refresh_token(
        &self,
        presented_hash: &[u8],
        mut successor: NewRefreshToken,
        family_max_age: chrono::Duration,
    ) -> Result<RotationOutcome, StoreError> {
        let now = Utc::now();
        let txn = self.begin_write().await?;
        let Some(token) = refresh_token::Entity::find()
            .filter(refresh_token::Column::TokenHash.eq(presented_hash.to_vec()))
            .one(&txn)
            .await?
        else {
            return Ok(RotationOutcome::Unknown);
        };
        if token.rotated_at.is_some() || token.revoked_at.is_some() {
            revoke_family(&txn, token.family_id, now).await?;
            txn.commit().await?;
            return Ok(RotationOutcome::Reused);
        }
        if token.expires_at <= now {
            return Ok(RotationOutcome::Expired);
        }
        let family_started = token.family_started_at.unwrap_or(token.created_at);
        let family_ends = family_started
            .checked_add_signed(family_max_age)
            .unwrap_or(DateTime::<Utc>::MAX_UTC);
        if family_ends <= now {
            revoke_family(&txn, token.family_id, now).await?;
            txn.commit().await?;
            return Ok(RotationOutcome::Expired);
        }
        successor.expires_at = Ord::min(successor.expires_at, family_ends);
        let user: UserRecord = crate::entity::user::Entity::find_by_id(token.user_id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("user"))?
            .try_into()?;
        if !user.is_active() {
            return Ok(RotationOutcome::AccountDisabled);
        }
        let consumed = refresh_token::Entity::update_many()
            .col_expr(refresh_token::Column::RotatedAt, Expr::value(now))
            .filter(refresh_token::Column::Id.eq(token.id))
            .filter(refresh_token::Column::RotatedAt.is_null())
            .filter(refresh_token::Column::RevokedAt.is_null())
            .exec(&txn)
            .await?;
        if consumed.rows_affected != 1 {
            revoke_family(&txn, token.family_id, now).await?;
            txn.commit().await?;
            return Ok(RotationOutcome::Reused);
        }
        insert_token(
            &txn,
            token.user_id,
            token.family_id,
            family_started,
            successor,
        )
        .await?;
        txn.commit().await?;
        Ok(RotationOutcome::Rotated(user))
    }

    /// Ends the sign-in a token belongs to (logout): its refresh tokens are revoked and the
    /// account's token version moves on, so the access tokens already handed out stop working
    /// too (other sign-ins of the account get new ones with their own refresh tokens). Returns
    /// the account whose sign-in ended; unknown tokens are ignored, as RFC 7009 asks.
    pub async fn revoke_refresh_family(
        &self,
        presented_hash: &[u8],
    ) -> Result<Option<Uuid>, StoreError> {
        let txn = self.begin_write().await?;
        let token = refresh_token::Entity::find()
            .filter(refresh_token::Column::TokenHash.eq(presented_hash.to_vec()))
            .one(&txn)
            .await?;
        let Some(token) = token else {
            return Ok(None);
        };
        revoke_family(&txn, token.family_id, Utc::now()).await?;
        crate::entity::user::Entity::update_many()
            .col_expr(
                crate::entity::user::Column::TokenVersion,
                Expr::col(crate::entity::user::Column::TokenVersion).add(1),
            )
            .filter(crate::entity::user::Column::Id.eq(token.user_id))
            .exec(&txn)
            .await?;
        txn.commit().await?;
        Ok(Some(token.user_id))
    }

    /// How many refresh tokens of an account can still be used; lets tests and support staff see
    /// that revocation happened.
    pub async fn live_refresh_tokens(&self, user_id: Uuid) -> Result<u64, StoreError> {
        use sea_orm::PaginatorTrait;
        Ok(refresh_token::Entity::find()
            .filter(refresh_token::Column::UserId.eq(user_id))
            .filter(refresh_token::Column::RevokedAt.is_null())
            .filter(refresh_token::Column::RotatedAt.is_null())
            .filter(refresh_token::Column::ExpiresAt.gt(Utc::now()))
            .count(&self.db)
            .await?)
    }
}

async fn insert_token<C: sea_orm::ConnectionTrait>(
    db: &C,
    user_id: Uuid,
    family_id: Uuid,
    family_started_at: DateTime<Utc>,
    token: NewRefreshToken,
) -> Result<(), StoreError> {
    refresh_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user_id),
        family_id: Set(family_id),
        token_hash: Set(token.token_hash),
        expires_at: Set(token.expires_at),
        rotated_at: Set(None),
        revoked_at: Set(None),
        created_at: Set(Utc::now()),
        family_started_at: Set(Some(family_started_at)),
    }
    .insert(db)
    .await?;
    Ok(())
}

async fn revoke_family<C: sea_orm::ConnectionTrait>(
    db: &C,
    family_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(now))
        .filter(refresh_token::Column::FamilyId.eq(family_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}
