//! `data_sources`: every system that delivers readings, with its hashed API key (if it pushes)
//! and its watermark (if it is pulled).

use sea_orm::entity::prelude::*;

/// A named source of meter data.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "data_sources")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub name: String,
    pub kind: String,
    pub key_hash: Option<Vec<u8>>,
    pub watermark: Option<DateTimeUtc>,
    pub last_reading_at: Option<DateTimeUtc>,
    pub last_ingest_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub revoked_at: Option<DateTimeUtc>,
}

/// No relations are navigated through SeaORM.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
