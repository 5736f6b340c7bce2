//! `source_daily_stats`: what each source delivered per UTC day.

use sea_orm::entity::prelude::*;

/// Counters for one source and day.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "source_daily_stats")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub source_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub day: i32,
    pub inserted: i64,
    pub updated: i64,
    pub unchanged: i64,
    pub rejected: i64,
}

/// No relations are navigated through SeaORM.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
