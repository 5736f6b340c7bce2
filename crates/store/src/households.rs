//! Households and the meters linked to them.

use chrono::{DateTime, Utc};
use domain::household::{District, HomeFacts, HouseholdName, TariffCode, TimeZone, WaterHeater};
use domain::meter::{IntervalLength, MeterId};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use crate::entity::{customer_register, household, meter, meter_link};
use crate::{Store, StoreError};

/// A household with its meters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HouseholdRecord {
    /// The owning account (households are keyed by it).
    pub user_id: Uuid,
    /// The household's own name.
    pub name: String,
    /// Its district, once chosen.
    pub district: Option<String>,
    /// The tariff it is billed on.
    pub tariff_code: String,
    /// IANA time zone for its day-based rules.
    pub time_zone: TimeZone,
    /// Meters currently linked, by utility id.
    pub meters: Vec<MeterRecord>,
    /// What the household told about its home.
    pub facts: HomeFacts,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

/// A meter linked to a household.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeterRecord {
    /// The utility's meter id.
    pub meter_id: String,
    /// Reading interval in minutes (15 or 30).
    pub interval_minutes: i16,
    /// When it was linked to this household.
    pub linked_at: Option<DateTime<Utc>>,
}

impl From<meter::Model> for MeterRecord {
    fn from(model: meter::Model) -> Self {
        Self {
            meter_id: model.meter_id,
            interval_minutes: model.interval_minutes,
            linked_at: model.linked_at,
        }
    }
}

/// A partial update: `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct HouseholdUpdate {
    /// New name.
    pub name: Option<HouseholdName>,
    /// New district.
    pub district: Option<District>,
    /// New tariff.
    pub tariff_code: Option<TariffCode>,
    /// New time zone.
    pub time_zone: Option<TimeZone>,
    /// People at home.
    pub people: Option<u8>,
    /// How water is heated.
    pub water_heater: Option<WaterHeater>,
    /// Air-conditioning units.
    pub air_conditioners: Option<u8>,
    /// Whether an electric vehicle charges there.
    pub electric_vehicle: Option<bool>,
    /// Whether rooftop solar feeds the home.
    pub rooftop_pv: Option<bool>,
}

impl Store {
    /// The household of an account, with its meters.
    pub async fn household(&self, user_id: Uuid) -> Result<HouseholdRecord, StoreError> {
        let model = household::Entity::find_by_id(user_id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound("household"))?;
        let meters = meter::Entity::find()
            .filter(meter::Column::HouseholdId.eq(user_id))
            .order_by_asc(meter::Column::MeterId)
            .all(&self.db)
            .await?;
        to_record(model, meters)
    }

    /// Applies a partial update and returns the household as stored.
    pub async fn update_household(
        &self,
        user_id: Uuid,
        update: HouseholdUpdate,
    ) -> Result<HouseholdRecord, StoreError> {
        let existing = household::Entity::find_by_id(user_id)
            .one(&self.db)
            .await?
            .ok_or(StoreError::NotFound("household"))?;
        let mut model: household::ActiveModel = existing.into();
        if let Some(name) = update.name {
            model.name = Set(name.as_str().to_owned());
        }
        if let Some(district) = update.district {
            model.district = Set(Some(district.as_str().to_owned()));
        }
        if let Some(tariff) = update.tariff_code {
            model.tariff_code = Set(tariff.as_str().to_owned());
        }
        if let Some(zone) = update.time_zone {
            model.time_zone = Set(zone.name().to_owned());
        }
        if let Some(people) = update.people {
            model.people = Set(Some(i16::from(people)));
        }
        if let Some(heater) = update.water_heater {
            model.water_heater = Set(Some(heater.as_str().to_owned()));
        }
        if let Some(units) = update.air_conditioners {
            model.air_conditioners = Set(Some(i16::from(units)));
        }
        if let Some(ev) = update.electric_vehicle {
            model.electric_vehicle = Set(Some(ev));
        }
        if let Some(pv) = update.rooftop_pv {
            model.rooftop_pv = Set(Some(pv));
        }
        model.updated_at = Set(Utc::now());
        model.update(&self.db).await?;
        self.household(user_id).await
    }

    /// Links a meter to a household. A meter the programme already knows keeps its interval
    /// length; linking it to a second household, or with a different length, is a conflict.
    pub async fn link_meter(
        &self,
        user_id: Uuid,
        meter_id: &MeterId,
        interval: IntervalLength,
    ) -> Result<HouseholdRecord, StoreError> {
        self.link(user_id, meter_id, interval, false).await
    }

    /// Links a meter as [`Store::link_meter`] does and, when this creates it, marks it simulated:
    /// the only meters the simulator feeds (the demo's). A meter that already exists keeps what
    /// it is, so a real meter never becomes simulated.
    pub async fn link_simulated_meter(
        &self,
        user_id: Uuid,
        meter_id: &MeterId,
        interval: IntervalLength,
    ) -> Result<HouseholdRecord, StoreError> {
        self.link(user_id, meter_id, interval, true).await
    }

    async fn link(
        &self,
        user_id: Uuid,
        meter_id: &MeterId,
        interval: IntervalLength,
        simulated: bool,
    ) -> Result<HouseholdRecord, StoreError> {
        let txn = self.begin_write().await?;
        link_in(
            &txn,
            user_id,
            meter_id,
            interval,
            simulated,
            LinkedBy::Staff,
        )
        .await?;
        txn.commit().await?;
        self.household(user_id).await
    }

    /// Detaches a meter from a household; the meter stays known so its history is kept.
    pub async fn unlink_meter(
        &self,
        user_id: Uuid,
        meter_id: &MeterId,
    ) -> Result<HouseholdRecord, StoreError> {
        let txn = self.begin_write().await?;
        end_link_in(&txn, user_id, meter_id, LinkEnd::Unlinked).await?;
        txn.commit().await?;
        self.household(user_id).await
    }
}

/// How a meter came to a household, kept in its link history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LinkedBy {
    /// Staff linked it (or the demo did).
    Staff,
    /// The household's claim matched the register.
    Claim,
    /// Staff approved a claim from the review queue.
    Review,
}

impl LinkedBy {
    pub(crate) const fn as_str(self) -> &'static str {
        match self {
            Self::Staff => "staff",
            Self::Claim => "claim",
            Self::Review => "review",
        }
    }
}

/// Why a link ended, kept in its link history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LinkEnd {
    /// Staff unlinked it.
    Unlinked,
    /// The household withdrew its consent.
    ConsentWithdrawn,
    /// Staff gave the meter to another household's claim.
    Reassigned,
    /// The register bills the meter to another account now: the household moved out.
    Moved,
}

impl LinkEnd {
    pub(crate) const fn as_str(self) -> &'static str {
        match self {
            Self::Unlinked => "unlinked",
            Self::ConsentWithdrawn => "consent_withdrawn",
            Self::Reassigned => "reassigned",
            Self::Moved => "moved",
        }
    }
}

/// Links a meter to a household inside `txn` and opens its link period, whose readings count
/// from the move-in (docs/RULES.md, "Whose readings"). A meter the programme already knows keeps
/// its interval length; linking it while another household holds it, or
/// with a different length, is a conflict.
pub(crate) async fn link_in(
    txn: &DatabaseTransaction,
    user_id: Uuid,
    meter_id: &MeterId,
    interval: IntervalLength,
    simulated: bool,
    how: LinkedBy,
) -> Result<(), StoreError> {
    let now = Utc::now();
    household::Entity::find_by_id(user_id)
        .one(txn)
        .await?
        .ok_or(StoreError::NotFound("household"))?;
    let existing = meter::Entity::find()
        .filter(meter::Column::MeterId.eq(meter_id.as_str()))
        .one(txn)
        .await?;
    match existing {
        Some(known) if known.household_id == Some(user_id) => {
            if known.interval_minutes != interval.minutes() {
                return Err(interval_conflict(meter_id, known.interval_minutes));
            }
            return Ok(());
        }
        Some(known) if known.household_id.is_some() => {
            return Err(StoreError::Conflict(format!(
                "meter {meter_id} is already linked to another household"
            )));
        }
        Some(known) => {
            if known.interval_minutes != interval.minutes() {
                return Err(interval_conflict(meter_id, known.interval_minutes));
            }
            let mut model: meter::ActiveModel = known.into();
            model.household_id = Set(Some(user_id));
            model.linked_at = Set(Some(now));
            model.update(txn).await?;
        }
        None => {
            meter::ActiveModel {
                meter_id: Set(meter_id.as_str().to_owned()),
                household_id: Set(Some(user_id)),
                interval_minutes: Set(interval.minutes()),
                linked_at: Set(Some(now)),
                created_at: Set(now),
                simulated: Set(simulated),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
    }
    meter_link::ActiveModel {
        meter_id: Set(meter_id.as_str().to_owned()),
        user_id: Set(user_id),
        how: Set(how.as_str().to_owned()),
        linked_at: Set(now),
        ended_at: Set(None),
        end_reason: Set(None),
        readings_from: Set(move_in_of(txn, meter_id).await?),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// Where a new link of `meter_id` begins to count its readings
/// ([`domain::link_period::move_in`]): after the meter's previous link, whoever held it, and
/// after the register began billing the current account.
async fn move_in_of(
    txn: &DatabaseTransaction,
    meter_id: &MeterId,
) -> Result<Option<DateTime<Utc>>, StoreError> {
    let previous_end = meter_link::Entity::find()
        .filter(meter_link::Column::MeterId.eq(meter_id.as_str()))
        .filter(meter_link::Column::EndedAt.is_not_null())
        .order_by_desc(meter_link::Column::EndedAt)
        .one(txn)
        .await?
        .and_then(|link| link.ended_at);
    let account_since = customer_register::Entity::find_by_id(meter_id.as_str())
        .one(txn)
        .await?
        .and_then(|line| line.account_since);
    Ok(domain::link_period::move_in(previous_end, account_since))
}

/// Detaches a meter from the household inside `txn` and closes its link period; the meter and
/// its readings stay, so the household's history is kept.
pub(crate) async fn end_link_in(
    txn: &DatabaseTransaction,
    user_id: Uuid,
    meter_id: &MeterId,
    why: LinkEnd,
) -> Result<(), StoreError> {
    let now = Utc::now();
    let result = meter::Entity::update_many()
        .col_expr(
            meter::Column::HouseholdId,
            Expr::value(Option::<Uuid>::None),
        )
        .col_expr(
            meter::Column::LinkedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(meter::Column::MeterId.eq(meter_id.as_str()))
        .filter(meter::Column::HouseholdId.eq(user_id))
        .exec(txn)
        .await?;
    if result.rows_affected == 0 {
        return Err(StoreError::NotFound("meter linked to this household"));
    }
    meter_link::Entity::update_many()
        .col_expr(meter_link::Column::EndedAt, Expr::value(now))
        .col_expr(meter_link::Column::EndReason, Expr::value(why.as_str()))
        .filter(meter_link::Column::MeterId.eq(meter_id.as_str()))
        .filter(meter_link::Column::UserId.eq(user_id))
        .filter(meter_link::Column::EndedAt.is_null())
        .exec(txn)
        .await?;
    Ok(())
}

fn interval_conflict(meter_id: &MeterId, minutes: i16) -> StoreError {
    StoreError::Conflict(format!(
        "meter {meter_id} is registered with {minutes}-minute intervals"
    ))
}

fn to_record(
    model: household::Model,
    meters: Vec<meter::Model>,
) -> Result<HouseholdRecord, StoreError> {
    let corrupt = |error: domain::ValidationError| {
        StoreError::Corrupt(format!("household of {}: {error}", model.user_id))
    };
    let facts = HomeFacts {
        people: model.people.and_then(|n| u8::try_from(n).ok()),
        water_heater: model
            .water_heater
            .as_deref()
            .map(WaterHeater::parse)
            .transpose()
            .map_err(corrupt)?,
        air_conditioners: model.air_conditioners.and_then(|n| u8::try_from(n).ok()),
        electric_vehicle: model.electric_vehicle,
        rooftop_pv: model.rooftop_pv,
    };
    Ok(HouseholdRecord {
        time_zone: TimeZone::parse(&model.time_zone).map_err(corrupt)?,
        facts,
        user_id: model.user_id,
        name: model.name,
        district: model.district,
        tariff_code: model.tariff_code,
        meters: meters.into_iter().map(MeterRecord::from).collect(),
        updated_at: model.updated_at,
    })
}

impl Store {
    /// Registers meters from the utility's inventory before any household links them; ids
    /// already known are left as they are. Returns how many were new.
    pub async fn register_meters(
        &self,
        ids: &[MeterId],
        interval: IntervalLength,
    ) -> Result<u64, StoreError> {
        self.register(ids, interval, false).await
    }

    /// Registers meters as [`Store::register_meters`] does, as simulated ones (the demo's
    /// meters no household has connected yet, which the simulator feeds like the rest).
    pub async fn register_simulated_meters(
        &self,
        ids: &[MeterId],
        interval: IntervalLength,
    ) -> Result<u64, StoreError> {
        self.register(ids, interval, true).await
    }

    async fn register(
        &self,
        ids: &[MeterId],
        interval: IntervalLength,
        simulated: bool,
    ) -> Result<u64, StoreError> {
        let now = Utc::now();
        let mut created = 0;
        for chunk in ids.chunks(5_000) {
            let models = chunk.iter().map(|id| meter::ActiveModel {
                meter_id: Set(id.as_str().to_owned()),
                household_id: Set(None),
                interval_minutes: Set(interval.minutes()),
                linked_at: Set(None),
                created_at: Set(now),
                simulated: Set(simulated),
                ..Default::default()
            });
            let result = meter::Entity::insert_many(models)
                .on_conflict(
                    sea_orm::sea_query::OnConflict::column(meter::Column::MeterId)
                        .do_nothing()
                        .to_owned(),
                )
                .exec_without_returning(&self.db)
                .await;
            match result {
                Ok(rows) => created += rows,
                Err(sea_orm::DbErr::RecordNotInserted) => {}
                Err(error) => return Err(error.into()),
            }
        }
        Ok(created)
    }
}
