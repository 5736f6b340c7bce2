//! `meter_links`: which household held each meter and when; kept after a link ends.

use sea_orm::entity::prelude::*;

/// One period of a meter with a household.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meter_links")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub meter_id: String,
    pub user_id: Uuid,
    pub how: String,
    pub linked_at: DateTimeUtc,
    pub ended_at: Option<DateTimeUtc>,
    pub end_reason: Option<String>,
    pub readings_from: Option<DateTimeUtc>,
}

/// No SeaORM relations: the foreign keys live in the migrations and queries join by column, so
/// entities never import one another.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
