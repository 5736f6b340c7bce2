//! `households`: exactly one per account, keyed by the account id.

use sea_orm::entity::prelude::*;

/// A household's settings.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "households")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    pub name: String,
    pub district: Option<String>,
    pub tariff_code: String,
    pub time_zone: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub people: Option<i16>,
    pub water_heater: Option<String>,
    pub air_conditioners: Option<i16>,
    pub electric_vehicle: Option<bool>,
    pub rooftop_pv: Option<bool>,
}

/// No SeaORM relations: the foreign keys live in the migrations and queries join by column, so
/// entities never import one another.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
