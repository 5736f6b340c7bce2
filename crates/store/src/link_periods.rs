//! Which meters' readings are a household's, and when (docs/RULES.md, "Whose readings"): every
//! meter it ever held, each with the periods of its link history, so that readers (consumption,
//! onboarding, baselines, settlement) count a meter's readings for the household only inside
//! them. Loading the periods is here; the rule itself is `domain::link_period`.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use domain::link_period::{LinkPeriod, LinkPeriods};
use domain::meter::IntervalLength;
use sea_orm::sea_query::{Expr, Query, SelectStatement};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use crate::entity::{meter, meter_link};
use crate::{Store, StoreError};

/// A meter whose readings count for a household, and when: what every read of a household's
/// readings goes through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HouseholdMeter {
    /// The household.
    pub household: Uuid,
    /// The meter's storage key.
    pub meter: i64,
    /// Its interval length.
    pub interval: IntervalLength,
    /// When its readings are the household's.
    pub periods: LinkPeriods,
}

/// Whose meters to read: a list of households, or those a query names (a session's
/// participants), read in the database in one go however many there are.
pub(crate) enum Households<'a> {
    /// These households.
    Ids(&'a [Uuid]),
    /// The user ids this query selects.
    Query(Box<SelectStatement>),
}

impl Households<'_> {
    fn on(&self, column: impl ColumnTrait) -> Expr {
        match self {
            Self::Ids(ids) => column.is_in(ids.iter().copied()),
            Self::Query(query) => column.in_subquery(query.as_ref().clone()),
        }
    }
}

/// One row of a household's link history, as the periods need it.
type LinkRow = (Uuid, String, Option<DateTime<Utc>>, Option<DateTime<Utc>>);

impl Store {
    /// The meters of many households at once, every one they held, with the periods their
    /// readings count for each.
    pub async fn household_meters_of(
        &self,
        users: &[Uuid],
    ) -> Result<Vec<HouseholdMeter>, StoreError> {
        let mut out = Vec::new();
        for chunk in users.chunks(crate::IDS_PER_QUERY) {
            out.extend(self.meters_of(Households::Ids(chunk)).await?);
        }
        Ok(out)
    }

    /// The meters `households` held, in three queries: their link history, the meters they
    /// hold now, and the meters their history names. A meter held without a link row (enrolled
    /// in bulk, or linked before links were recorded) counts throughout.
    pub(crate) async fn meters_of(
        &self,
        households: Households<'_>,
    ) -> Result<Vec<HouseholdMeter>, StoreError> {
        let links: Vec<LinkRow> = meter_link::Entity::find()
            .select_only()
            .columns([
                meter_link::Column::UserId,
                meter_link::Column::MeterId,
                meter_link::Column::ReadingsFrom,
                meter_link::Column::EndedAt,
            ])
            .filter(households.on(meter_link::Column::UserId))
            .into_tuple()
            .all(&self.db)
            .await?;
        let held: Vec<(Option<Uuid>, i64, String, i16)> = meter::Entity::find()
            .select_only()
            .columns([
                meter::Column::HouseholdId,
                meter::Column::Id,
                meter::Column::MeterId,
                meter::Column::IntervalMinutes,
            ])
            .filter(households.on(meter::Column::HouseholdId))
            .into_tuple()
            .all(&self.db)
            .await?;
        let mut known: HashMap<String, (i64, i16)> = HashMap::new();
        if !links.is_empty() {
            let named = Query::select()
                .column(meter_link::Column::MeterId)
                .from(meter_link::Entity)
                .and_where(households.on(meter_link::Column::UserId))
                .to_owned();
            let rows: Vec<(i64, String, i16)> = meter::Entity::find()
                .select_only()
                .columns([
                    meter::Column::Id,
                    meter::Column::MeterId,
                    meter::Column::IntervalMinutes,
                ])
                .filter(meter::Column::MeterId.in_subquery(named))
                .into_tuple()
                .all(&self.db)
                .await?;
            known.extend(
                rows.into_iter()
                    .map(|(id, name, minutes)| (name, (id, minutes))),
            );
        }
        let mut periods: HashMap<(Uuid, i64), (i16, Vec<LinkPeriod>)> = HashMap::new();
        for (user, name, from, until) in links {
            let Some(&(id, minutes)) = known.get(&name) else {
                continue;
            };
            let entry = periods.entry((user, id)).or_insert((minutes, Vec::new()));
            entry.1.extend(LinkPeriod::new(from, until));
        }
        for (user, id, _, minutes) in held {
            let Some(user) = user else { continue };
            let entry = periods.entry((user, id)).or_insert((minutes, Vec::new()));
            if entry.1.is_empty() {
                entry.1.push(LinkPeriod::ALWAYS);
            } else if entry.1.iter().all(|period| period.until().is_some()) {
                // Held again with no open link row: from the end of the last one.
                let last = entry.1.iter().filter_map(LinkPeriod::until).max();
                entry.1.extend(LinkPeriod::new(last, None));
            }
        }
        let mut out = Vec::with_capacity(periods.len());
        for ((household, meter), (minutes, list)) in periods {
            let interval = IntervalLength::from_minutes(i64::from(minutes))
                .map_err(|_| StoreError::Corrupt(format!("meter {meter}: interval {minutes}")))?;
            out.push(HouseholdMeter {
                household,
                meter,
                interval,
                periods: LinkPeriods::new(list),
            });
        }
        out.sort_unstable_by_key(|m| (m.household, m.meter));
        Ok(out)
    }
}
