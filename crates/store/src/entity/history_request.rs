//! `history_requests`: a newly connected meter's recent history, asked of the meter data system.

use sea_orm::entity::prelude::*;

/// One request.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "history_requests")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub user_id: Uuid,
    pub meter_id: String,
    pub days: i16,
    pub requested_at: DateTimeUtc,
    pub completed_at: Option<DateTimeUtc>,
    pub readings: Option<i64>,
}

/// No SeaORM relations: the foreign keys live in the migrations and queries join by column, so
/// entities never import one another.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
