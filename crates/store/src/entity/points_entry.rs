//! `points_ledger`: the append-only Green Points ledger.

use sea_orm::entity::prelude::*;

/// One award or correction; unique per (user, reason, reference).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "points_ledger")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub user_id: Uuid,
    pub reason: String,
    pub reference: String,
    pub points: i64,
    pub note: Option<String>,
    pub created_at: DateTimeUtc,
}

/// No relations are navigated through SeaORM.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
