//! `customer_register`: which account each meter is billed to, as the utility's register says.

use sea_orm::entity::prelude::*;

/// One meter's line of the register.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "customer_register")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub meter_id: String,
    pub account_number: String,
    pub district: Option<String>,
    pub tariff_code: String,
    pub interval_minutes: i16,
    pub updated_at: DateTimeUtc,
    pub account_since: Option<DateTimeUtc>,
}

/// No SeaORM relations: the foreign keys live in the migrations and queries join by column, so
/// entities never import one another.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
