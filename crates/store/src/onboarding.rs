//! Households connecting their own meters (docs/RULES.md, "Connecting a meter"): claims and
//! their review, consents, and each meter's link history; the register they are checked
//! against is in `register.rs`.

use chrono::{DateTime, Utc};
use domain::household::District;
use domain::meter::MeterId;
use domain::onboarding::{AccountNumber, ClaimStatus, ReviewReason};
use domain::paging::PageRequest;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};
use uuid::Uuid;

use crate::entity::{consent, household, meter, meter_claim, meter_link};
use crate::households::{LinkEnd, LinkedBy, end_link_in, link_in};
use crate::page::Page;
use crate::register::RegisterLine;
use crate::{Store, StoreError};

/// One claim of a household on a meter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimRecord {
    /// Id.
    pub id: Uuid,
    /// The claiming household's account.
    pub user_id: Uuid,
    /// The meter claimed.
    pub meter_id: String,
    /// The account number typed.
    pub account_number: String,
    /// Where it is.
    pub status: ClaimStatus,
    /// Why it went to review, for claims staff decide.
    pub review_reason: Option<ReviewReason>,
    /// The staff member who decided it.
    pub decided_by: Option<Uuid>,
    /// What staff wrote when deciding.
    pub decision_note: Option<String>,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When staff decided it.
    pub decided_at: Option<DateTime<Utc>>,
}

impl TryFrom<meter_claim::Model> for ClaimRecord {
    type Error = StoreError;

    fn try_from(model: meter_claim::Model) -> Result<Self, StoreError> {
        let corrupt = |what: &str| StoreError::Corrupt(format!("claim {}: {what}", model.id));
        Ok(Self {
            id: model.id,
            user_id: model.user_id,
            meter_id: model.meter_id,
            account_number: model.account_number,
            status: ClaimStatus::parse(&model.status).map_err(|_| corrupt("status"))?,
            review_reason: model
                .reason
                .as_deref()
                .map(ReviewReason::parse)
                .transpose()
                .map_err(|_| corrupt("reason"))?,
            decided_by: model.decided_by,
            decision_note: model.decision_note,
            created_at: model.created_at,
            decided_at: model.decided_at,
        })
    }
}

/// A claim to record.
#[derive(Debug, Clone)]
pub struct NewClaim {
    /// The claiming household's account.
    pub user_id: Uuid,
    /// The meter claimed.
    pub meter_id: MeterId,
    /// The account number typed.
    pub account_number: AccountNumber,
}

/// What a household agreed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentRecord {
    /// Id.
    pub id: Uuid,
    /// The meter it covers.
    pub meter_id: String,
    /// The version of the consent text agreed to.
    pub text_version: String,
    /// When.
    pub granted_at: DateTime<Utc>,
    /// When it was withdrawn.
    pub withdrawn_at: Option<DateTime<Utc>>,
}

impl From<consent::Model> for ConsentRecord {
    fn from(model: consent::Model) -> Self {
        Self {
            id: model.id,
            meter_id: model.meter_id,
            text_version: model.text_version,
            granted_at: model.granted_at,
            withdrawn_at: model.withdrawn_at,
        }
    }
}

/// One period of a meter with a household.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRecord {
    /// The meter.
    pub meter_id: String,
    /// `staff`, `claim` or `review`.
    pub how: String,
    /// From.
    pub linked_at: DateTime<Utc>,
    /// Until, for ended links.
    pub ended_at: Option<DateTime<Utc>>,
    /// `unlinked`, `consent_withdrawn` or `reassigned`, for ended links.
    pub end_reason: Option<String>,
}

/// What staff decided on a claim in review, with what approving it needs.
#[derive(Debug, Clone, Copy)]
pub struct StaffDecision<'a> {
    /// Link the meter to the claimant, or not.
    pub approve: bool,
    /// Who decided.
    pub staff: Uuid,
    /// Why, kept with the claim.
    pub note: &'a str,
    /// The register's line for the meter now (approving needs one).
    pub line: Option<&'a RegisterLine>,
    /// The programme's district of the line, if it names one the programme has.
    pub district: Option<&'a District>,
    /// The consent text version the claimant agreed to.
    pub consent_version: &'a str,
}

impl Store {
    /// Claims the household made since `since`, whatever came of them: the per-household limit.
    pub async fn claims_since(
        &self,
        user_id: Uuid,
        since: DateTime<Utc>,
    ) -> Result<u64, StoreError> {
        Ok(meter_claim::Entity::find()
            .filter(meter_claim::Column::UserId.eq(user_id))
            .filter(meter_claim::Column::CreatedAt.gte(since))
            .count(&self.db)
            .await?)
    }

    /// The household holding a meter now, if any.
    pub async fn meter_holder(&self, meter_id: &MeterId) -> Result<Option<Uuid>, StoreError> {
        Ok(meter::Entity::find()
            .filter(meter::Column::MeterId.eq(meter_id.as_str()))
            .one(&self.db)
            .await?
            .and_then(|m| m.household_id))
    }

    /// Refused claims of this household on this meter: after a few, a wrong number looks like
    /// guessing.
    pub async fn refused_claims(
        &self,
        user_id: Uuid,
        meter_id: &MeterId,
    ) -> Result<u32, StoreError> {
        let count = meter_claim::Entity::find()
            .filter(meter_claim::Column::UserId.eq(user_id))
            .filter(meter_claim::Column::MeterId.eq(meter_id.as_str()))
            .filter(meter_claim::Column::Status.eq(ClaimStatus::Refused.as_str()))
            .count(&self.db)
            .await?;
        Ok(u32::try_from(count).unwrap_or(u32::MAX))
    }

    /// Records a claim that links nothing: refused, or for staff with `reason`. A household
    /// has one claim in review per meter; a second is the first one again.
    pub async fn record_claim(
        &self,
        claim: NewClaim,
        status: ClaimStatus,
        reason: Option<ReviewReason>,
    ) -> Result<ClaimRecord, StoreError> {
        let txn = self.begin_write().await?;
        if status == ClaimStatus::Review
            && let Some(open) = meter_claim::Entity::find()
                .filter(meter_claim::Column::UserId.eq(claim.user_id))
                .filter(meter_claim::Column::MeterId.eq(claim.meter_id.as_str()))
                .filter(meter_claim::Column::Status.eq(ClaimStatus::Review.as_str()))
                .one(&txn)
                .await?
        {
            return open.try_into();
        }
        let model = insert_claim(&txn, &claim, status, reason).await?;
        txn.commit().await?;
        model.try_into()
    }

    /// Connects a meter whose claim matched the register, in one transaction: the consent, the
    /// link and its history, the household's district and tariff from the register, and the
    /// claim. A meter another household took in the meantime is a conflict and nothing is kept.
    pub async fn connect_claimed_meter(
        &self,
        claim: NewClaim,
        line: &RegisterLine,
        district: Option<&District>,
        consent_version: &str,
    ) -> Result<ClaimRecord, StoreError> {
        let txn = self.begin_write().await?;
        link_in(
            &txn,
            claim.user_id,
            &claim.meter_id,
            line.interval,
            false,
            LinkedBy::Claim,
        )
        .await?;
        grant_consent(&txn, claim.user_id, &claim.meter_id, consent_version).await?;
        apply_register(&txn, claim.user_id, line, district).await?;
        let model = insert_claim(&txn, &claim, ClaimStatus::Linked, None).await?;
        txn.commit().await?;
        model.try_into()
    }

    /// The household's newest claim waiting for staff, if any.
    pub async fn claim_in_review(&self, user_id: Uuid) -> Result<Option<ClaimRecord>, StoreError> {
        meter_claim::Entity::find()
            .filter(meter_claim::Column::UserId.eq(user_id))
            .filter(meter_claim::Column::Status.eq(ClaimStatus::Review.as_str()))
            .order_by_desc(meter_claim::Column::CreatedAt)
            .one(&self.db)
            .await?
            .map(ClaimRecord::try_from)
            .transpose()
    }

    /// One claim.
    pub async fn claims_by_id(&self, id: Uuid) -> Result<Option<ClaimRecord>, StoreError> {
        meter_claim::Entity::find_by_id(id)
            .one(&self.db)
            .await?
            .map(ClaimRecord::try_from)
            .transpose()
    }

    /// Claims, newest first; only those in `status` when given.
    pub async fn claims(
        &self,
        status: Option<ClaimStatus>,
        page: PageRequest,
    ) -> Result<Page<ClaimRecord>, StoreError> {
        let mut query = meter_claim::Entity::find();
        if let Some(status) = status {
            query = query.filter(meter_claim::Column::Status.eq(status.as_str()));
        }
        let total = query.clone().count(&self.db).await?;
        let items = query
            .order_by_desc(meter_claim::Column::CreatedAt)
            .order_by_desc(meter_claim::Column::Id)
            .offset(page.offset())
            .limit(page.per_page())
            .all(&self.db)
            .await?
            .into_iter()
            .map(ClaimRecord::try_from)
            .collect::<Result<_, _>>()?;
        Ok(Page {
            items,
            total,
            request: page,
        })
    }

    /// Decides a claim in review. Approving links the meter to the claimant (ending another
    /// household's link, whose readings and points stay with it) with the consent the
    /// claimant gave; rejecting keeps the meter where it is. A claim no longer in review is a
    /// conflict.
    pub async fn decide_claim(
        &self,
        id: Uuid,
        decision: &StaffDecision<'_>,
    ) -> Result<ClaimRecord, StoreError> {
        let StaffDecision {
            approve,
            staff,
            note,
            line,
            district,
            consent_version,
        } = *decision;
        let now = Utc::now();
        let txn = self.begin_write().await?;
        let claim = meter_claim::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("claim"))?;
        if claim.status != ClaimStatus::Review.as_str() {
            return Err(StoreError::Conflict(format!(
                "the claim is {} already",
                claim.status
            )));
        }
        let meter_id = MeterId::parse(&claim.meter_id)
            .map_err(|_| StoreError::Corrupt("claim meter".into()))?;
        if approve {
            let line = line.ok_or_else(|| {
                StoreError::Conflict("the meter is no longer in the customer register".to_owned())
            })?;
            if let Some(holder) = meter::Entity::find()
                .filter(meter::Column::MeterId.eq(meter_id.as_str()))
                .one(&txn)
                .await?
                .and_then(|m| m.household_id)
                .filter(|holder| *holder != claim.user_id)
            {
                end_link_in(&txn, holder, &meter_id, LinkEnd::Reassigned).await?;
            }
            link_in(
                &txn,
                claim.user_id,
                &meter_id,
                line.interval,
                false,
                LinkedBy::Review,
            )
            .await?;
            grant_consent(&txn, claim.user_id, &meter_id, consent_version).await?;
            apply_register(&txn, claim.user_id, line, district).await?;
        }
        let status = if approve {
            ClaimStatus::Approved
        } else {
            ClaimStatus::Rejected
        };
        let mut model: meter_claim::ActiveModel = claim.into();
        model.status = Set(status.as_str().to_owned());
        model.decided_by = Set(Some(staff));
        model.decision_note = Set(Some(note.to_owned()));
        model.decided_at = Set(Some(now));
        let model = model.update(&txn).await?;
        txn.commit().await?;
        model.try_into()
    }

    /// A household's consents, newest first.
    pub async fn consents(&self, user_id: Uuid) -> Result<Vec<ConsentRecord>, StoreError> {
        Ok(consent::Entity::find()
            .filter(consent::Column::UserId.eq(user_id))
            .order_by_desc(consent::Column::GrantedAt)
            .all(&self.db)
            .await?
            .into_iter()
            .map(ConsentRecord::from)
            .collect())
    }

    /// Withdraws a consent of the household and ends the link of its meter, so no new readings
    /// count for the household; the readings already stored stay with the results they made.
    /// Withdrawing twice is a conflict; another household's consent is not found.
    pub async fn withdraw_consent(
        &self,
        user_id: Uuid,
        id: Uuid,
    ) -> Result<ConsentRecord, StoreError> {
        let txn = self.begin_write().await?;
        let found = consent::Entity::find_by_id(id)
            .filter(consent::Column::UserId.eq(user_id))
            .one(&txn)
            .await?
            .ok_or(StoreError::NotFound("consent"))?;
        if found.withdrawn_at.is_some() {
            return Err(StoreError::Conflict(
                "this consent was withdrawn already".to_owned(),
            ));
        }
        let meter_id = MeterId::parse(&found.meter_id)
            .map_err(|_| StoreError::Corrupt("consent meter".into()))?;
        match end_link_in(&txn, user_id, &meter_id, LinkEnd::ConsentWithdrawn).await {
            Ok(()) | Err(StoreError::NotFound(_)) => {}
            Err(other) => return Err(other),
        }
        let mut model: consent::ActiveModel = found.into();
        model.withdrawn_at = Set(Some(Utc::now()));
        let model = model.update(&txn).await?;
        txn.commit().await?;
        Ok(model.into())
    }

    /// Every period a household held a meter, newest first.
    pub async fn meter_link_history(&self, user_id: Uuid) -> Result<Vec<LinkRecord>, StoreError> {
        Ok(meter_link::Entity::find()
            .filter(meter_link::Column::UserId.eq(user_id))
            .order_by_desc(meter_link::Column::LinkedAt)
            .order_by_desc(meter_link::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(|model| LinkRecord {
                meter_id: model.meter_id,
                how: model.how,
                linked_at: model.linked_at,
                ended_at: model.ended_at,
                end_reason: model.end_reason,
            })
            .collect())
    }
}

async fn insert_claim(
    txn: &DatabaseTransaction,
    claim: &NewClaim,
    status: ClaimStatus,
    reason: Option<ReviewReason>,
) -> Result<meter_claim::Model, StoreError> {
    Ok(meter_claim::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(claim.user_id),
        meter_id: Set(claim.meter_id.as_str().to_owned()),
        account_number: Set(claim.account_number.as_str().to_owned()),
        status: Set(status.as_str().to_owned()),
        reason: Set(reason.map(|r| r.as_str().to_owned())),
        decided_by: Set(None),
        decision_note: Set(None),
        created_at: Set(Utc::now()),
        decided_at: Set(None),
    }
    .insert(txn)
    .await?)
}

async fn grant_consent(
    txn: &DatabaseTransaction,
    user_id: Uuid,
    meter_id: &MeterId,
    version: &str,
) -> Result<(), StoreError> {
    consent::ActiveModel {
        id: Set(Uuid::now_v7()),
        user_id: Set(user_id),
        meter_id: Set(meter_id.as_str().to_owned()),
        text_version: Set(version.to_owned()),
        granted_at: Set(Utc::now()),
        withdrawn_at: Set(None),
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// The household takes the premises' tariff and, when the programme knows it, district.
async fn apply_register(
    txn: &DatabaseTransaction,
    user_id: Uuid,
    line: &RegisterLine,
    district: Option<&District>,
) -> Result<(), StoreError> {
    let mut update = household::Entity::update_many()
        .col_expr(
            household::Column::TariffCode,
            Expr::value(line.tariff_code.as_str()),
        )
        .col_expr(household::Column::UpdatedAt, Expr::value(Utc::now()));
    if let Some(district) = district {
        update = update.col_expr(household::Column::District, Expr::value(district.as_str()));
    }
    update
        .filter(household::Column::UserId.eq(user_id))
        .exec(txn)
        .await?;
    Ok(())
}
