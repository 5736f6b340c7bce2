//! `meter_claims`: every attempt of a household to connect a meter, and what it came to.

use sea_orm::entity::prelude::*;

/// One claim.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meter_claims")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub user_id: Uuid,
    pub meter_id: String,
    pub account_number: String,
    pub status: String,
    pub reason: Option<String>,
    pub decided_by: Option<Uuid>,
    pub decision_note: Option<String>,
    pub created_at: DateTimeUtc,
    pub decided_at: Option<DateTimeUtc>,
}

/// No SeaORM relations: the foreign keys live in the migrations and queries join by column, so
/// entities never import one another.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
