//! `dead_letters`: messages that could not be read, kept with the reason for inspection.

use sea_orm::entity::prelude::*;

/// One unreadable message.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dead_letters")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub source_id: i64,
    pub received_at: DateTimeUtc,
    pub payload: String,
    pub reason: String,
}

/// No relations are navigated through SeaORM.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
