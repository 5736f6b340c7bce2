//! The demo programme's accounts: marked when the demo creates them, given fresh passwords at
//! every demo start, and kept disabled while the server runs without the demo (docs/SECURITY.md,
//! "Accounts and roles").

use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use crate::entity::user;
use crate::users::revoke_all_for_user;
use crate::{Store, StoreError};

impl Store {
    /// Marks accounts as the demo's, so later starts can tell them from real ones.
    pub async fn mark_demo_accounts(&self, ids: &[Uuid]) -> Result<(), StoreError> {
        for chunk in ids.chunks(crate::IDS_PER_QUERY) {
            user::Entity::update_many()
                .col_expr(user::Column::Demo, Expr::value(true))
                .filter(user::Column::Id.is_in(chunk.iter().copied()))
                .exec(&self.db)
                .await?;
        }
        Ok(())
    }

    /// How many demo accounts exist (disabled ones included).
    pub async fn demo_account_count(&self) -> Result<u64, StoreError> {
        Ok(user::Entity::find()
            .filter(user::Column::Demo.eq(true))
            .count(&self.db)
            .await?)
    }

    /// Gives every demo account a new password for this start: `named` ones their own hash, every
    /// other one `others_hash`. All of them are enabled, and every token issued under the old
    /// passwords is ended (refresh tokens revoked, token versions moved on), all in one
    /// transaction.
    pub async fn reset_demo_accounts(
        &self,
        named: &[(Uuid, String)],
        others_hash: String,
    ) -> Result<(), StoreError> {
        let now = Utc::now();
        let txn = self.begin_write().await?;
        let demo_ids: Vec<Uuid> = user::Entity::find()
            .select_only()
            .column(user::Column::Id)
            .filter(user::Column::Demo.eq(true))
            .into_tuple()
            .all(&txn)
            .await?;
        user::Entity::update_many()
            .col_expr(user::Column::PasswordHash, Expr::value(others_hash))
            .col_expr(
                user::Column::DisabledAt,
                Expr::value(Option::<chrono::DateTime<Utc>>::None),
            )
            .col_expr(
                user::Column::TokenVersion,
                Expr::col(user::Column::TokenVersion).add(1),
            )
            .col_expr(user::Column::UpdatedAt, Expr::value(now))
            .filter(user::Column::Demo.eq(true))
            .exec(&txn)
            .await?;
        for (id, hash) in named {
            user::Entity::update_many()
                .col_expr(user::Column::PasswordHash, Expr::value(hash.clone()))
                .filter(user::Column::Id.eq(*id))
                .filter(user::Column::Demo.eq(true))
                .exec(&txn)
                .await?;
        }
        for id in demo_ids {
            revoke_all_for_user(&txn, id, now).await?;
        }
        txn.commit().await?;
        Ok(())
    }

    /// Disables every demo account that is still enabled, ending its tokens; returns how many
    /// were disabled now. A server started without the demo calls it, so the demo's published
    /// passwords open nothing.
    pub async fn disable_demo_accounts(&self) -> Result<u64, StoreError> {
        let now = Utc::now();
        let txn = self.begin_write().await?;
        let enabled: Vec<Uuid> = user::Entity::find()
            .select_only()
            .column(user::Column::Id)
            .filter(user::Column::Demo.eq(true))
            .filter(user::Column::DisabledAt.is_null())
            .into_tuple()
            .all(&txn)
            .await?;
        for chunk in enabled.chunks(crate::IDS_PER_QUERY) {
            user::Entity::update_many()
                .col_expr(user::Column::DisabledAt, Expr::value(now))
                .col_expr(
                    user::Column::TokenVersion,
                    Expr::col(user::Column::TokenVersion).add(1),
                )
                .col_expr(user::Column::UpdatedAt, Expr::value(now))
                .filter(user::Column::Id.is_in(chunk.iter().copied()))
                .exec(&txn)
                .await?;
        }
        for id in &enabled {
            revoke_all_for_user(&txn, *id, now).await?;
        }
        txn.commit().await?;
        Ok(enabled.len() as u64)
    }
}
