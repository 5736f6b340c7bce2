//! Households, readings and session plans that tests across the workspace build the same way.
//! They panic with the store's error: a fixture that cannot be built is a broken test.

use std::ops::Range;

use chrono::{DateTime, Duration, Utc};
use domain::account::{DisplayName, Email, Role};
use domain::household::{TariffCode, TimeZone};
use domain::meter::{IntervalLength, MeterId};
use domain::reading::{Quality, ReadingLimits, validate};
use domain::session::{Audience, SessionWindow};
use uuid::Uuid;

use crate::{NewUser, SessionPlan, Store};

/// A consumer household in Nicosia on tariff 01, named "Household".
pub async fn consumer(store: &Store, email: &str) -> Uuid {
    let new = NewUser {
        email: Email::parse(email).unwrap_or_else(|e| panic!("test email {email}: {e}")),
        display_name: DisplayName::parse("Household")
            .unwrap_or_else(|e| panic!("test display name: {e}")),
        password_hash: "x".into(),
        role: Role::Consumer,
        tariff_code: TariffCode::parse("01").unwrap_or_else(|e| panic!("test tariff: {e}")),
        time_zone: TimeZone::parse("Europe/Nicosia")
            .unwrap_or_else(|e| panic!("test time zone: {e}")),
        language: domain::language::Language::English,
    };
    store
        .create_user(new)
        .await
        .unwrap_or_else(|e| panic!("creating {email}: {e}"))
        .id
}

/// Links a quarter-hour meter to `user` and returns the meter's internal id, which readings use.
pub async fn quarter_hour_meter(store: &Store, user: Uuid, meter: &str) -> i64 {
    let meter_id = MeterId::parse(meter).unwrap_or_else(|e| panic!("test meter {meter}: {e}"));
    store
        .link_meter(user, &meter_id, IntervalLength::FifteenMinutes)
        .await
        .unwrap_or_else(|e| panic!("linking {meter}: {e}"));
    store
        .meters_by_utility_ids(&[meter.to_owned()])
        .await
        .unwrap_or_else(|e| panic!("finding {meter}: {e}"))
        .get(meter)
        .unwrap_or_else(|| panic!("meter {meter} was just linked"))
        .id
}

/// Quarter hours of `kwh` for `meter` over `span`, leaving out anything not yet ended (the store
/// refuses readings from the future).
pub async fn steady_readings(store: &Store, meter: i64, span: Range<DateTime<Utc>>, kwh: f64) {
    let none = span.start..span.start;
    steady_readings_except(store, meter, span, kwh, none).await;
}

/// [`steady_readings`] with a gap: nothing arrives in `skip`.
pub async fn steady_readings_except(
    store: &Store,
    meter: i64,
    span: Range<DateTime<Utc>>,
    kwh: f64,
    skip: Range<DateTime<Utc>>,
) {
    let now = Utc::now();
    let quarter = Duration::minutes(15);
    let mut batch = Vec::new();
    let mut at = span.start;
    while at < span.end && at + quarter <= now {
        if !skip.contains(&at) {
            let reading = validate(
                meter,
                IntervalLength::FifteenMinutes,
                at,
                kwh,
                Quality::Actual,
                now,
                &ReadingLimits::default(),
            )
            .unwrap_or_else(|e| panic!("test reading at {at}: {e}"));
            batch.push(reading);
        }
        at += quarter;
    }
    store
        .upsert_readings(&batch)
        .await
        .unwrap_or_else(|e| panic!("storing test readings: {e}"));
}

/// A session of `hours` from `start`, open to everyone and joinable until it starts, paying 100
/// points per kWh and no opt-in bonus, on the default baseline; tests change what they need by
/// struct update.
pub fn session_plan(title: &str, start: DateTime<Utc>, hours: i64) -> SessionPlan {
    SessionPlan {
        title: title.to_owned(),
        description: String::new(),
        greek: Default::default(),
        window: SessionWindow {
            starts_at: start,
            ends_at: start + Duration::hours(hours),
            join_deadline: start,
        },
        points_per_kwh: 100,
        opt_in_bonus: 0,
        audience: Audience::Everyone,
        baseline_method: domain::baseline::MethodName::LikeDays,
        surprise: false,
    }
}

/// Moves every link of `meter` and the register's change of its account `by` into the past, as
/// if the history they record (a move, a new occupant connecting) had happened then: how a test
/// gets readings after a move, which cannot be in the future.
pub async fn backdate_links(store: &Store, meter: &str, by: Duration) {
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

    use crate::entity::{customer_register, meter_link};
    let links = meter_link::Entity::find()
        .filter(meter_link::Column::MeterId.eq(meter))
        .all(&store.db)
        .await
        .unwrap_or_else(|e| panic!("links of {meter}: {e}"));
    for link in links {
        let (linked_at, ended_at, from) = (link.linked_at, link.ended_at, link.readings_from);
        let mut model: meter_link::ActiveModel = link.into();
        model.linked_at = Set(linked_at - by);
        model.ended_at = Set(ended_at.map(|t| t - by));
        model.readings_from = Set(from.map(|t| t - by));
        model
            .update(&store.db)
            .await
            .unwrap_or_else(|e| panic!("backdating a link of {meter}: {e}"));
    }
    if let Some(line) = customer_register::Entity::find_by_id(meter)
        .one(&store.db)
        .await
        .unwrap_or_else(|e| panic!("register line of {meter}: {e}"))
    {
        let since = line.account_since;
        let mut model: customer_register::ActiveModel = line.into();
        model.account_since = Set(since.map(|t| t - by));
        model
            .update(&store.db)
            .await
            .unwrap_or_else(|e| panic!("backdating the register line of {meter}: {e}"));
    }
}
