//! The utility's customer register (docs/RULES.md, "Connecting a meter"): which account each
//! meter is billed to, its imports and pulls with their watermark, and the links a change of
//! account ends (moving house).

use chrono::{DateTime, Utc};
use domain::household::TariffCode;
use domain::meter::{IntervalLength, MeterId};
use domain::onboarding::{AccountNumber, RegisterEntry};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};

use crate::entity::{customer_register, meter, register_import};
use crate::households::{LinkEnd, end_link_in};
use crate::{Store, StoreError};

/// Register lines written per statement, under every backend's bind-parameter limit.
const REGISTER_ROWS_PER_STATEMENT: usize = 500;

/// The register's line for a meter, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterLine {
    /// The account the meter is billed to.
    pub account_number: AccountNumber,
    /// The premises' district, as the register names it.
    pub district: Option<String>,
    /// The premises' tariff.
    pub tariff_code: TariffCode,
    /// How often the meter reads.
    pub interval: IntervalLength,
}

/// What an import of the register did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegisterOutcome {
    /// Lines stored.
    pub stored: u64,
    /// Households whose meter changed hands, whose link ended.
    pub links_ended: u64,
}

/// How fresh the customer register is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterStatus {
    /// Meters in it.
    pub entries: u64,
    /// The last import, if any.
    pub last_import: Option<RegisterImport>,
}

/// One finished import of the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterImport {
    /// Where it came from (a file name, a pull source).
    pub source: String,
    /// Lines stored.
    pub rows: u64,
    /// Lines refused.
    pub rejected: u64,
    /// When it finished.
    pub finished_at: DateTime<Utc>,
}

impl Store {
    /// Stores register lines, replacing earlier lines of the same meters, and records the
    /// import with `rejected` lines the caller refused and, for a pull, the cursor it reached
    /// (`watermark`). A meter the register now bills to
    /// another account has changed hands: its household's link ends (as `moved`), keeping the
    /// readings, results and points it had, and the line records the moment as the new
    /// account's move-in (`account_since`), before which no reading is the next household's
    /// (docs/RULES.md, "Whose readings"). All or nothing.
    pub async fn import_register(
        &self,
        entries: &[RegisterEntry],
        source: &str,
        rejected: u64,
        watermark: Option<DateTime<Utc>>,
    ) -> Result<RegisterOutcome, StoreError> {
        let now = Utc::now();
        let txn = self.begin_write().await?;
        let mut links_ended = 0;
        for chunk in entries.chunks(REGISTER_ROWS_PER_STATEMENT) {
            let ids: Vec<&str> = chunk.iter().map(|e| e.meter_id.as_str()).collect();
            let before: std::collections::HashMap<String, String> =
                customer_register::Entity::find()
                    .filter(customer_register::Column::MeterId.is_in(ids.clone()))
                    .all(&txn)
                    .await?
                    .into_iter()
                    .map(|line| (line.meter_id, line.account_number))
                    .collect();
            let changed: Vec<&str> = chunk
                .iter()
                .filter(|e| {
                    before
                        .get(e.meter_id.as_str())
                        .is_some_and(|account| account != e.account_number.as_str())
                })
                .map(|e| e.meter_id.as_str())
                .collect();
            if !changed.is_empty() {
                let held = meter::Entity::find()
                    .filter(meter::Column::MeterId.is_in(changed.clone()))
                    .filter(meter::Column::HouseholdId.is_not_null())
                    .all(&txn)
                    .await?;
                for meter in held {
                    let (Some(holder), Ok(id)) =
                        (meter.household_id, MeterId::parse(&meter.meter_id))
                    else {
                        continue;
                    };
                    end_link_in(&txn, holder, &id, LinkEnd::Moved).await?;
                    links_ended += 1;
                }
            }
            customer_register::Entity::insert_many(chunk.iter().map(|entry| {
                customer_register::ActiveModel {
                    meter_id: Set(entry.meter_id.as_str().to_owned()),
                    account_number: Set(entry.account_number.as_str().to_owned()),
                    district: Set(entry.district.as_ref().map(|d| d.as_str().to_owned())),
                    tariff_code: Set(entry.tariff_code.as_str().to_owned()),
                    interval_minutes: Set(entry.interval.minutes()),
                    updated_at: Set(now),
                    account_since: Set(None),
                }
            }))
            .on_conflict(
                OnConflict::column(customer_register::Column::MeterId)
                    .update_columns([
                        customer_register::Column::AccountNumber,
                        customer_register::Column::District,
                        customer_register::Column::TariffCode,
                        customer_register::Column::IntervalMinutes,
                        customer_register::Column::UpdatedAt,
                    ])
                    .to_owned(),
            )
            .exec_without_returning(&txn)
            .await?;
            // The new account's move-in: readings before it are the previous occupant's.
            if !changed.is_empty() {
                customer_register::Entity::update_many()
                    .col_expr(customer_register::Column::AccountSince, Expr::value(now))
                    .filter(customer_register::Column::MeterId.is_in(changed))
                    .exec(&txn)
                    .await?;
            }
        }
        let rows = entries.len() as u64;
        register_import::ActiveModel {
            source: Set(source.chars().take(200).collect()),
            rows: Set(i64::try_from(rows).unwrap_or(i64::MAX)),
            rejected: Set(i64::try_from(rejected).unwrap_or(i64::MAX)),
            finished_at: Set(now),
            watermark: Set(watermark),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        txn.commit().await?;
        Ok(RegisterOutcome {
            stored: rows,
            links_ended,
        })
    }

    /// Where the last pull of `source` left off in the utility's system: the cursor to ask for
    /// the next lines from.
    pub async fn register_watermark(
        &self,
        source: &str,
    ) -> Result<Option<DateTime<Utc>>, StoreError> {
        Ok(register_import::Entity::find()
            .filter(register_import::Column::Source.eq(source))
            .filter(register_import::Column::Watermark.is_not_null())
            .order_by_desc(register_import::Column::Id)
            .one(&self.db)
            .await?
            .and_then(|import| import.watermark))
    }

    /// The register's line for a meter.
    pub async fn register_line(
        &self,
        meter_id: &MeterId,
    ) -> Result<Option<RegisterLine>, StoreError> {
        let Some(model) = customer_register::Entity::find_by_id(meter_id.as_str())
            .one(&self.db)
            .await?
        else {
            return Ok(None);
        };
        let corrupt =
            |what: &str| StoreError::Corrupt(format!("register line {}: {what}", model.meter_id));
        Ok(Some(RegisterLine {
            account_number: AccountNumber::parse(&model.account_number)
                .map_err(|_| corrupt("account number"))?,
            district: model.district.clone(),
            tariff_code: TariffCode::parse(&model.tariff_code).map_err(|_| corrupt("tariff"))?,
            interval: IntervalLength::from_minutes(i64::from(model.interval_minutes))
                .map_err(|_| corrupt("interval"))?,
        }))
    }

    /// How many lines the register holds and its last import.
    pub async fn register_status(&self) -> Result<RegisterStatus, StoreError> {
        let entries = customer_register::Entity::find().count(&self.db).await?;
        let last_import = register_import::Entity::find()
            .order_by_desc(register_import::Column::Id)
            .one(&self.db)
            .await?
            .map(|model| RegisterImport {
                source: model.source,
                rows: u64::try_from(model.rows).unwrap_or_default(),
                rejected: u64::try_from(model.rejected).unwrap_or_default(),
                finished_at: model.finished_at,
            });
        Ok(RegisterStatus {
            entries,
            last_import,
        })
    }
}
