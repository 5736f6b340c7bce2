//! `register_imports`: each import of the customer register, for its freshness.

use sea_orm::entity::prelude::*;

/// One finished import.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "register_imports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub source: String,
    pub rows: i64,
    pub rejected: i64,
    pub finished_at: DateTimeUtc,
    pub watermark: Option<DateTimeUtc>,
}

/// No SeaORM relations: the foreign keys live in the migrations and queries join by column, so
/// entities never import one another.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
