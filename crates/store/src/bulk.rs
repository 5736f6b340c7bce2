//! Writes for many households at once: enrolling a utility's customer list and signing a whole
//! audience up for a session. One statement per few thousand rows instead of one per household,
//! so a national programme is enrolled in seconds rather than hours.

use chrono::Utc;
use domain::account::{DisplayName, Email};
use domain::household::{HouseholdName, TariffCode, TimeZone};
use domain::meter::{IntervalLength, MeterId};
use sea_orm::sea_query::OnConflict;
use sea_orm::{EntityTrait, Set};
use uuid::Uuid;

use crate::entity::{household, meter, session_participant, user};
use crate::{Store, StoreError};

/// Rows per multi-row `INSERT`: below SQLite's bound-parameter limit for every table here.
const ROWS_PER_STATEMENT: usize = 2_000;

/// One household to enrol: its account (consumer role), household and one meter.
#[derive(Debug, Clone)]
pub struct Enrolment {
    /// Sign-in e-mail.
    pub email: Email,
    /// Name shown in the app.
    pub display_name: DisplayName,
    /// Name of the household.
    pub household_name: HouseholdName,
    /// An argon2id hash (enrolment never sees passwords).
    pub password_hash: String,
    /// Tariff of the household.
    pub tariff_code: TariffCode,
    /// Time zone of the household.
    pub time_zone: TimeZone,
    /// The utility's meter id.
    pub meter_id: MeterId,
    /// The meter's interval length.
    pub interval: IntervalLength,
}

impl Store {
    /// Enrols households with their meters in one transaction: all of them or, on any clash
    /// (an e-mail or meter id already known), none. Returns the new account ids in input order.
    pub async fn enrol_households(&self, batch: &[Enrolment]) -> Result<Vec<Uuid>, StoreError> {
        let now = Utc::now();
        let ids: Vec<Uuid> = batch.iter().map(|_| Uuid::now_v7()).collect();
        let txn = self.begin_write().await?;
        for (chunk, chunk_ids) in batch
            .chunks(ROWS_PER_STATEMENT)
            .zip(ids.chunks(ROWS_PER_STATEMENT))
        {
            user::Entity::insert_many(chunk.iter().zip(chunk_ids).map(|(e, id)| {
                user::ActiveModel {
                    id: Set(*id),
                    email: Set(e.email.as_str().to_owned()),
                    display_name: Set(e.household_name.as_str().to_owned()),
                    password_hash: Set(e.password_hash.clone()),
                    role: Set(domain::account::Role::Consumer.as_str().to_owned()),
                    disabled_at: Set(None),
                    last_login_at: Set(None),
                    created_at: Set(now),
                    updated_at: Set(now),
                    token_version: Set(0),
                    demo: Set(false),
                    // Enrolled by the utility: English until the person picks theirs.
                    language: Set(domain::language::Language::English.as_str().to_owned()),
                }
            }))
            .exec_without_returning(&txn)
            .await?;
            household::Entity::insert_many(chunk.iter().zip(chunk_ids).map(|(e, id)| {
                household::ActiveModel {
                    user_id: Set(*id),
                    name: Set(e.household_name.as_str().to_owned()),
                    district: Set(None),
                    tariff_code: Set(e.tariff_code.as_str().to_owned()),
                    time_zone: Set(e.time_zone.name().to_owned()),
                    created_at: Set(now),
                    updated_at: Set(now),
                }
            }))
            .exec_without_returning(&txn)
            .await?;
            meter::Entity::insert_many(chunk.iter().zip(chunk_ids).map(|(e, id)| {
                meter::ActiveModel {
                    meter_id: Set(e.meter_id.as_str().to_owned()),
                    household_id: Set(Some(*id)),
                    interval_minutes: Set(e.interval.minutes()),
                    linked_at: Set(Some(now)),
                    created_at: Set(now),
                    ..Default::default()
                }
            }))
            .exec_without_returning(&txn)
            .await?;
        }
        txn.commit().await?;
        Ok(ids)
    }

    /// Signs many households up for a session at once (an audience chosen by staff); those
    /// already in are left as they are. Returns how many joined now.
    pub async fn join_session_many(
        &self,
        session_id: Uuid,
        users: &[Uuid],
    ) -> Result<u64, StoreError> {
        let now = Utc::now();
        let txn = self.begin_write().await?;
        let mut joined = 0;
        for chunk in users.chunks(ROWS_PER_STATEMENT) {
            let result = session_participant::Entity::insert_many(chunk.iter().map(|user| {
                session_participant::ActiveModel {
                    session_id: Set(session_id),
                    user_id: Set(*user),
                    joined_at: Set(now),
                }
            }))
            .on_conflict(
                OnConflict::columns([
                    session_participant::Column::SessionId,
                    session_participant::Column::UserId,
                ])
                .do_nothing()
                .to_owned(),
            )
            .exec_without_returning(&txn)
            .await;
            match result {
                Ok(rows) => joined += rows,
                Err(sea_orm::DbErr::RecordNotInserted) => {}
                Err(error) => return Err(error.into()),
            }
        }
        txn.commit().await?;
        Ok(joined)
    }
}
